//! The catalog: what each bundled dataset is, its unit, its columns and their types, and the
//! sources its rows cite. The data layer validates every file against it, so a column that is
//! renamed or a value of the wrong kind is caught when the file loads, not when a chart draws.

use serde::Deserialize;

use super::error::DataError;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalog {
    #[serde(rename = "dataset")]
    pub datasets: Vec<DatasetSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatasetSpec {
    pub id: String,
    pub title: String,
    pub file: String,
    pub unit: String,
    pub description: String,
    /// The columns that identify one row.
    pub key: Vec<String>,
    pub sources: Vec<String>,
    #[serde(rename = "column")]
    pub columns: Vec<ColumnSpec>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    pub name: String,
    #[serde(rename = "type")]
    pub column_type: ColumnType,
    #[serde(default)]
    pub required: bool,
    #[serde(default)]
    pub allowed: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnType {
    Int,
    Float,
    String,
    /// An ISO date, `YYYY-MM-DD`, kept as text in the table.
    Date,
    /// One or more `http(s)://` addresses separated by spaces.
    Urls,
}

impl ColumnType {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Int => "a whole number",
            Self::Float => "a number (use a point for decimals, as in 240.11)",
            Self::String => "text",
            Self::Date => "a date written YYYY-MM-DD",
            Self::Urls => "one or more web addresses starting with http:// or https://",
        }
    }
}

impl Catalog {
    pub fn parse(file: &str, text: &str) -> Result<Self, DataError> {
        toml::from_str(text).map_err(|err| DataError::toml(file, text, &err))
    }

    pub fn dataset(&self, id: &str) -> Option<&DatasetSpec> {
        self.datasets.iter().find(|spec| spec.id == id)
    }
}

impl DatasetSpec {
    pub fn column(&self, name: &str) -> Option<&ColumnSpec> {
        self.columns.iter().find(|column| column.name == name)
    }
}
