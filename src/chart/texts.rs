//! The words around a chart that a user writes for their report: title, subtitle, the unit of
//! the values, a note and the source. A chart of a user's file starts with the file name, the
//! column names and the file's path; these replace them, on screen and in every export.

use serde::{Deserialize, Serialize};

use super::model::ChartModel;

/// Texts a user gave a chart; an empty one leaves the chart's own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ChartTexts {
    pub title: String,
    pub subtitle: String,
    /// The unit or label of the value axis ("USD million"), in place of the column's name.
    pub unit: String,
    pub note: String,
    /// Who published the data, and where: in place of the file's path.
    pub source: String,
}

impl ChartTexts {
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// `model` with these texts in place of its own.
    pub fn apply(&self, model: &mut ChartModel) {
        let given = |text: &str| {
            Some(text.trim())
                .filter(|t| !t.is_empty())
                .map(str::to_owned)
        };
        if let Some(title) = given(&self.title) {
            model.title = title;
        }
        if let Some(subtitle) = given(&self.subtitle) {
            model.subtitle = subtitle;
        }
        if let Some(unit) = given(&self.unit) {
            model.y_axis.label = unit;
        }
        if let Some(source) = given(&self.source) {
            model.source_line = format!("Source: {source}");
        }
        if let Some(note) = given(&self.note) {
            // Notes go before the source, as Datawrapper and OWID print them.
            model.source_line = format!("Note: {note} · {}", model.source_line);
        }
    }
}

/// A chart's own texts, kept so that texts a user clears bring them back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OwnTexts {
    title: String,
    subtitle: String,
    unit: String,
    source_line: String,
}

impl OwnTexts {
    pub fn of(model: &ChartModel) -> Self {
        Self {
            title: model.title.clone(),
            subtitle: model.subtitle.clone(),
            unit: model.y_axis.label.clone(),
            source_line: model.source_line.clone(),
        }
    }

    /// `model` with its own texts, then `texts` over them.
    pub fn with(&self, texts: &ChartTexts, model: &mut ChartModel) {
        model.title.clone_from(&self.title);
        model.subtitle.clone_from(&self.subtitle);
        model.y_axis.label.clone_from(&self.unit);
        model.source_line.clone_from(&self.source_line);
        texts.apply(model);
    }
}

#[cfg(test)]
mod tests {
    use super::ChartTexts;
    use crate::chart::model::{Axis, AxisFormat, ChartId, ChartModel, LegendPlacement};

    #[test]
    fn given_texts_replace_the_charts_own_and_empty_ones_keep_them() {
        let mut model = ChartModel {
            id: ChartId::UserData,
            title: "exports.csv".to_owned(),
            subtitle: "value_usd_mn by year".to_owned(),
            x_axis: Axis::new("year", AxisFormat::Year),
            y_axis: Axis::new("value_usd_mn", AxisFormat::Number),
            series: Vec::new(),
            markers: Vec::new(),
            table: crate::chart::DataTable::default(),
            source_line: "Source: /home/me/exports.csv".to_owned(),
            supports_log_scale: false,
            x_range: (2000.0, 2024.0),
            legend: LegendPlacement::TopLeft,
        };
        let texts = ChartTexts {
            title: "China's exports to Russia".to_owned(),
            unit: " USD million ".to_owned(),
            source: "GACC".to_owned(),
            note: "2024 preliminary".to_owned(),
            ..ChartTexts::default()
        };
        texts.apply(&mut model);
        assert_eq!(model.title, "China's exports to Russia");
        assert_eq!(model.subtitle, "value_usd_mn by year");
        assert_eq!(model.y_axis.label, "USD million");
        assert_eq!(model.source_line, "Note: 2024 preliminary · Source: GACC");
    }
}
