//! The trade datasets parsed once into typed records: reporter, flow, status and standing are
//! enums, a trade fact is keyed by year (or period), reporter and flow, and every record carries
//! its attribution. Nothing downstream matches rows by their text.

use std::fmt;

use super::date::IsoDate;
pub use super::date::month_name;
use super::error::{CellLocation, DataError};
use super::table::Dataset;

/// Implements `parse` (from the dataset's code), `code` and `Display` (the label a reader sees)
/// for an enum whose variants each have one code and one label.
macro_rules! coded_enum {
    ($name:ident { $($variant:ident => $code:literal, $label:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: &'static [Self] = &[$(Self::$variant),+];

            /// The value as the dataset writes it.
            pub fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }

            pub fn parse(code: &str) -> Option<Self> {
                match code { $($code => Some(Self::$variant),)+ _ => None }
            }

            /// The value as a reader sees it.
            pub fn label(self) -> &'static str {
                match self { $(Self::$variant => $label),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.label())
            }
        }
    };
}

/// Who published a trade figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Reporter {
    ChinaCustoms,
    RussiaOfficial,
}

coded_enum!(Reporter {
    ChinaCustoms => "china_customs", "China customs (GACC)",
    RussiaOfficial => "russia_official", "Russian official figures",
});

impl Reporter {
    /// The other side of the relationship, whose figure a claim is compared with.
    #[must_use]
    pub fn other(self) -> Self {
        match self {
            Self::ChinaCustoms => Self::RussiaOfficial,
            Self::RussiaOfficial => Self::ChinaCustoms,
        }
    }
}

/// Total trade or one direction of it, seen from China.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    Total,
    ChinaExports,
    ChinaImports,
}

coded_enum!(Flow {
    Total => "total", "total trade",
    ChinaExports => "china_exports", "China's exports to Russia",
    ChinaImports => "china_imports", "China's imports from Russia",
});

/// How firmly a figure stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Stated by the source.
    #[default]
    Reported,
    /// Stated, but only by a low-standing page (aggregator, student paper, blog).
    ReportedWeak,
    /// Computed from reported figures; the row's note gives the formula.
    Derived,
}

coded_enum!(Status {
    Reported => "reported", "reported",
    ReportedWeak => "reported_weak", "weakly sourced",
    Derived => "derived", "derived",
});

impl Status {
    /// Reported by a source a reader can cite as it is: drawn solid, the others hollow.
    pub fn is_firm(self) -> bool {
        self == Self::Reported
    }
}

/// The standing of the outlet a figure was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The publisher itself: a customs office, ministry, the Federal Register, the Kremlin.
    Primary,
    /// A wire agency or newspaper of record relaying the publisher.
    Wire,
    /// Anything else: aggregators, blogs, partisan outlets.
    #[default]
    Other,
}

coded_enum!(Standing {
    Primary => "primary", "primary source",
    Wire => "wire", "wire agency or paper of record",
    Other => "other", "other source",
});

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Currency {
    Usd,
    Cny,
}

coded_enum!(Currency {
    Usd => "usd", "USD",
    Cny => "cny", "yuan",
});

/// What a composition row counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Product {
    CrudeOil,
    PipelineGas,
    Lng,
    Coal,
    PassengerCars,
}

coded_enum!(Product {
    CrudeOil => "crude_oil", "Crude oil",
    PipelineGas => "pipeline_gas", "Pipeline gas",
    Lng => "lng", "LNG",
    Coal => "coal", "Coal",
    PassengerCars => "passenger_cars", "Passenger cars",
});

/// Who said a figure and where it was read: "GACC via TASS", with the addresses, best first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Attribution {
    /// The body that published the figure (GACC, MOFCOM, a minister); "unattributed" when the
    /// source names none.
    pub publisher: String,
    /// The outlet it was read from.
    pub via: String,
    pub standing: Standing,
    pub urls: Vec<String>,
}

impl Attribution {
    /// "GACC via TASS"; the outlet alone when it is the publisher or the publisher is unknown.
    pub fn credit(&self) -> String {
        if self.publisher.is_empty() || self.publisher == self.via {
            self.via.clone()
        } else if self.publisher == "unattributed" {
            format!("{} (no publisher named)", self.via)
        } else {
            format!("{} via {}", self.publisher, self.via)
        }
    }

    /// The credit with its standing, for hover texts and tables: "GACC via TASS (wire agency
    /// or paper of record)".
    pub fn credit_with_standing(&self) -> String {
        format!("{} ({})", self.credit(), self.standing)
    }
}

/// A span of months of one year: a single month, January to a month (year to date), or the
/// whole year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    pub year: i32,
    pub first_month: u32,
    pub last_month: u32,
}

impl Period {
    pub fn full_year(year: i32) -> Self {
        Self {
            year,
            first_month: 1,
            last_month: 12,
        }
    }

    pub fn is_full_year(self) -> bool {
        self.first_month == 1 && self.last_month == 12
    }

    /// January to a month before December.
    pub fn is_year_to_date(self) -> bool {
        self.first_month == 1 && self.last_month < 12
    }

    pub fn is_single_month(self) -> bool {
        self.first_month == self.last_month
    }

    /// "2025", "March 2025", "January–April 2026".
    pub fn label(self) -> String {
        if self.is_full_year() {
            self.year.to_string()
        } else if self.is_single_month() {
            format!("{} {}", month_name(self.first_month), self.year)
        } else {
            format!(
                "{}–{} {}",
                month_name(self.first_month),
                month_name(self.last_month),
                self.year
            )
        }
    }

    /// The same months of another year: what a year-to-date figure is compared with.
    #[must_use]
    pub fn in_year(self, year: i32) -> Self {
        Self { year, ..self }
    }

    /// Where the period's first month starts on a year axis.
    pub fn start_x(self) -> f64 {
        IsoDate::new(self.year, self.first_month, 1)
            .map_or(f64::from(self.year), IsoDate::fractional_year)
    }
}

/// One row of `china_russia_trade.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct TradeFact {
    pub row: usize,
    pub year: i32,
    pub reporter: Reporter,
    pub flow: Flow,
    pub value_usd_bn: f64,
    /// The yuan figure where the publisher gave one.
    pub value_cny_bn: Option<f64>,
    pub status: Status,
    /// The growth the source itself reported, in percent (USD terms).
    pub reported_yoy_pct: Option<f64>,
    pub reported_yoy_cny_pct: Option<f64>,
    pub note: String,
    pub attribution: Attribution,
}

/// One row of `china_russia_trade_periods.csv`: a year-to-date or single-month figure.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodFact {
    pub row: usize,
    pub period: Period,
    pub flow: Flow,
    pub currency: Currency,
    /// Billions of `currency`; `None` where the source gave only the growth.
    pub value_bn: Option<f64>,
    pub status: Status,
    pub reported_yoy_pct: Option<f64>,
    pub note: String,
    pub attribution: Attribution,
}

/// One row of `china_russia_composition.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct CompositionFact {
    pub row: usize,
    pub period: Period,
    /// China's imports or exports.
    pub direction: Flow,
    pub product: Product,
    /// `Mt`, `bcm`, `thousand units`, `USD bn` or `CNY bn`.
    pub unit: String,
    pub value: f64,
    pub status: Status,
    pub reported_yoy_pct: Option<f64>,
    pub note: String,
    pub attribution: Attribution,
}

impl CompositionFact {
    /// A volume (tonnes, cubic metres, cars) rather than a value in money.
    pub fn is_volume(&self) -> bool {
        !self.unit.ends_with(" bn")
    }
}

/// One row of `china_russia_statements.csv`.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub row: usize,
    pub date: IsoDate,
    pub topic: String,
    pub value: Option<f64>,
    pub unit: String,
    pub statement: String,
    pub who: String,
    pub note: String,
    pub attribution: Attribution,
}

/// Reads one row's cells, turning a cell that does not parse into an error that names the
/// file, line and column. The catalog has validated the file; this is where text becomes types.
struct RowReader<'a> {
    dataset: &'a Dataset,
    file: &'a str,
    row: usize,
}

impl RowReader<'_> {
    fn text(&self, column: &str) -> String {
        self.dataset.cell_text(self.row, column).unwrap_or_default()
    }

    fn location(&self, column: &str) -> CellLocation {
        CellLocation {
            file: self.file.to_owned(),
            line: self.dataset.row_lines.get(self.row).copied().unwrap_or(0),
            column_name: column.to_owned(),
            column_number: self
                .dataset
                .spec
                .columns
                .iter()
                .position(|c| c.name == column)
                .map_or(0, |index| index + 1),
        }
    }

    fn invalid(&self, column: &str, expected: &str) -> DataError {
        DataError::InvalidValue {
            at: self.location(column),
            value: self.text(column),
            expected: expected.to_owned(),
        }
    }

    fn number(&self, column: &str) -> Option<f64> {
        self.dataset.cell_text(self.row, column)?.parse().ok()
    }

    fn required_number(&self, column: &str) -> Result<f64, DataError> {
        self.number(column)
            .ok_or_else(|| self.invalid(column, "a number"))
    }

    fn int(&self, column: &str) -> Result<i32, DataError> {
        self.text(column)
            .parse()
            .map_err(|_| self.invalid(column, "a whole number"))
    }

    fn month(&self, column: &str) -> Result<u32, DataError> {
        self.text(column)
            .parse()
            .ok()
            .filter(|month| (1..=12).contains(month))
            .ok_or_else(|| self.invalid(column, "a month number from 1 to 12"))
    }

    fn coded<T>(&self, column: &str, parse: fn(&str) -> Option<T>) -> Result<T, DataError> {
        parse(&self.text(column)).ok_or_else(|| self.invalid(column, "one of the allowed values"))
    }

    fn period(&self) -> Result<Period, DataError> {
        let period = Period {
            year: self.int("year")?,
            first_month: self.month("first_month")?,
            last_month: self.month("last_month")?,
        };
        if period.first_month > period.last_month {
            return Err(self.invalid("last_month", "a month no earlier than first_month"));
        }
        Ok(period)
    }

    fn attribution(&self) -> Result<Attribution, DataError> {
        Ok(Attribution {
            publisher: self.text("publisher"),
            via: self.text("via"),
            standing: self.coded("standing", Standing::parse)?,
            urls: self
                .text("source")
                .split_whitespace()
                .map(str::to_owned)
                .collect(),
        })
    }
}

fn read_rows<T>(
    dataset: &Dataset,
    file: &str,
    read: impl Fn(&RowReader) -> Result<T, DataError>,
) -> Result<Vec<T>, DataError> {
    (0..dataset.rows())
        .map(|row| read(&RowReader { dataset, file, row }))
        .collect()
}

pub fn trade_facts(dataset: &Dataset, file: &str) -> Result<Vec<TradeFact>, DataError> {
    read_rows(dataset, file, |cells| {
        Ok(TradeFact {
            row: cells.row,
            year: cells.int("year")?,
            reporter: cells.coded("reporter", Reporter::parse)?,
            flow: cells.coded("flow", Flow::parse)?,
            value_usd_bn: cells.required_number("value_usd_bn")?,
            value_cny_bn: cells.number("value_cny_bn"),
            status: cells.coded("status", Status::parse)?,
            reported_yoy_pct: cells.number("reported_yoy_pct"),
            reported_yoy_cny_pct: cells.number("reported_yoy_cny_pct"),
            note: cells.text("note"),
            attribution: cells.attribution()?,
        })
    })
}

pub fn period_facts(dataset: &Dataset, file: &str) -> Result<Vec<PeriodFact>, DataError> {
    read_rows(dataset, file, |cells| {
        let fact = PeriodFact {
            row: cells.row,
            period: cells.period()?,
            flow: cells.coded("flow", Flow::parse)?,
            currency: cells.coded("currency", Currency::parse)?,
            value_bn: cells.number("value_bn"),
            status: cells.coded("status", Status::parse)?,
            reported_yoy_pct: cells.number("reported_yoy_pct"),
            note: cells.text("note"),
            attribution: cells.attribution()?,
        };
        if fact.value_bn.is_none() && fact.reported_yoy_pct.is_none() {
            return Err(cells.invalid("value_bn", "a value (or a growth rate beside it)"));
        }
        Ok(fact)
    })
}

pub fn composition_facts(dataset: &Dataset, file: &str) -> Result<Vec<CompositionFact>, DataError> {
    read_rows(dataset, file, |cells| {
        Ok(CompositionFact {
            row: cells.row,
            period: cells.period()?,
            direction: cells.coded("direction", Flow::parse)?,
            product: cells.coded("product", Product::parse)?,
            unit: cells.text("unit"),
            value: cells.required_number("value")?,
            status: cells.coded("status", Status::parse)?,
            reported_yoy_pct: cells.number("reported_yoy_pct"),
            note: cells.text("note"),
            attribution: cells.attribution()?,
        })
    })
}

pub fn statements(dataset: &Dataset, file: &str) -> Result<Vec<Statement>, DataError> {
    read_rows(dataset, file, |cells| {
        Ok(Statement {
            row: cells.row,
            date: IsoDate::parse(&cells.text("date"))
                .ok_or_else(|| cells.invalid("date", "a date written YYYY-MM-DD"))?,
            topic: cells.text("topic"),
            value: cells.number("value"),
            unit: cells.text("unit"),
            statement: cells.text("statement"),
            who: cells.text("who"),
            note: cells.text("note"),
            attribution: Attribution {
                publisher: cells.text("who"),
                ..cells.attribution()?
            },
        })
    })
}

/// The attribution of a row of a dataset whose publisher is implied (events): its outlet,
/// standing and addresses.
pub fn event_attribution(dataset: &Dataset, row: usize) -> Attribution {
    let cells = RowReader {
        dataset,
        file: "",
        row,
    };
    Attribution {
        publisher: cells.text("publisher"),
        via: cells.text("via"),
        standing: Standing::parse(&cells.text("standing")).unwrap_or_default(),
        urls: cells
            .text("source")
            .split_whitespace()
            .map(str::to_owned)
            .collect(),
    }
}

/// A single month's USD value of one flow: reported, or derived from two consecutive
/// year-to-date figures.
#[derive(Debug, Clone, PartialEq)]
pub struct MonthValue {
    pub period: Period,
    pub value_usd_bn: f64,
    pub status: Status,
    /// How it was derived, or the source's own note.
    pub note: String,
    pub attribution: Attribution,
}

/// Every single month of `flow` the data gives in USD: the months reported as such, and the
/// months between two consecutive year-to-date figures (January–May minus January–April),
/// marked derived. A reported month wins over a derived one.
pub fn usd_single_months(facts: &[PeriodFact], flow: Flow) -> Vec<MonthValue> {
    let usd = |fact: &&PeriodFact| {
        fact.flow == flow && fact.currency == Currency::Usd && fact.value_bn.is_some()
    };
    let mut months: Vec<MonthValue> = facts
        .iter()
        .filter(usd)
        .filter(|fact| fact.period.is_single_month())
        .filter_map(|fact| {
            Some(MonthValue {
                period: fact.period,
                value_usd_bn: fact.value_bn?,
                status: fact.status,
                note: fact.note.clone(),
                attribution: fact.attribution.clone(),
            })
        })
        .collect();
    let year_to_date: Vec<&PeriodFact> = facts
        .iter()
        .filter(usd)
        .filter(|fact| fact.period.first_month == 1)
        .collect();
    for later in &year_to_date {
        let month = Period {
            first_month: later.period.last_month,
            ..later.period
        };
        let earlier = year_to_date.iter().find(|fact| {
            fact.period.year == later.period.year
                && fact.period.last_month + 1 == later.period.last_month
        });
        let (Some(earlier), Some(to), false) = (
            earlier,
            later.value_bn,
            months.iter().any(|m| m.period == month),
        ) else {
            continue;
        };
        let Some(from) = earlier.value_bn else {
            continue;
        };
        months.push(MonthValue {
            period: month,
            value_usd_bn: ((to - from) * 1000.0).round() / 1000.0,
            status: Status::Derived,
            note: format!(
                "derived: {} ({to}) minus {} ({from})",
                later.period.label(),
                earlier.period.label()
            ),
            attribution: later.attribution.clone(),
        });
    }
    months.sort_by_key(|month| month.period);
    months
}
