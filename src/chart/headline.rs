//! The headline figures shown above the charts, computed from the datasets (not typed in), each
//! with its sources for the hover text.

use crate::data::trade::CHINA_CUSTOMS;
use crate::data::{Bundle, EventKind};

use super::model::format_usd_bn;

#[derive(Debug, Clone, PartialEq)]
pub struct HeadlineFigure {
    pub caption: String,
    pub value: String,
    pub detail: String,
    /// Hover text: what the figure is and where it comes from.
    pub explanation: String,
    pub sources: Vec<String>,
}

fn one_decimal_usd_bn(value: f64) -> String {
    format!("${value:.1} billion")
}

fn trade_figure(bundle: &Bundle, year: i32) -> Option<HeadlineFigure> {
    let total = bundle.trade_year(CHINA_CUSTOMS, year)?.total_usd_bn?;
    let is_record = bundle
        .trade_years
        .iter()
        .filter(|row| row.reporter == CHINA_CUSTOMS && row.year < year)
        .filter_map(|row| row.total_usd_bn)
        .all(|earlier| earlier < total);
    let row = bundle
        .trade_row(year, CHINA_CUSTOMS, "total")
        .unwrap_or_default();
    let (sources, reported_growth) = (row.sources, row.reported_yoy_pct);
    let mut detail = reported_growth
        .map(|growth| format!("{growth:+.1}% on {}", year - 1))
        .unwrap_or_default();
    if is_record {
        detail.push_str(if detail.is_empty() {
            "a record"
        } else {
            ", a record"
        });
    }
    Some(HeadlineFigure {
        caption: format!("China–Russia trade, {year}"),
        value: one_decimal_usd_bn(total),
        detail,
        explanation: format!(
            "Total goods trade reported by China's customs (GACC): ${total} bn. Growth as GACC reported it; \"a record\" means higher than every earlier year in the data."
        ),
        sources,
    })
}

/// The strip of headline figures, in display order.
pub fn headline_figures(bundle: &Bundle) -> Vec<HeadlineFigure> {
    let mut figures: Vec<HeadlineFigure> = [2023, 2024]
        .into_iter()
        .filter_map(|year| trade_figure(bundle, year))
        .collect();
    if let Some(announcement) = bundle
        .tariff_steps
        .iter()
        .find(|step| step.effective.is_none() && step.imports_covered_usd_bn.is_some())
    {
        let covered = announcement.imports_covered_usd_bn.unwrap_or_default();
        let date = announcement
            .announced
            .map(|d| d.to_string())
            .unwrap_or_default();
        figures.push(HeadlineFigure {
            caption: "US tariff increases, May 2024".to_owned(),
            value: format_usd_bn(covered).replace(" bn", " billion"),
            detail: "of Chinese imports covered".to_owned(),
            explanation: format!(
                "Value of Chinese imports covered by the Section 301 increases announced on {date}; not the tariff revenue."
            ),
            sources: announcement.sources.clone(),
        });
    }
    let recognition = bundle
        .events
        .iter()
        .find(|event| event.kind == EventKind::Diplomatic);
    if let (Some(recognition), Some(article_date)) = (recognition, bundle.article.date) {
        let years = article_date.year - recognition.start.year;
        figures.push(HeadlineFigure {
            caption: format!("Years of relations, {}", article_date.year),
            value: years.to_string(),
            detail: format!("since {}", recognition.start),
            explanation: format!(
                "{}; the anniversary marked during the visit.",
                recognition.name
            ),
            sources: recognition.sources.clone(),
        });
    }
    figures
}

#[cfg(test)]
mod tests {
    use super::headline_figures;
    use crate::data::Bundle;

    #[test]
    fn headline_figures_come_from_the_data() {
        let bundle = Bundle::load().expect("bundled data loads");
        let figures = headline_figures(&bundle);
        let values: Vec<&str> = figures.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(
            values,
            vec!["$240.1 billion", "$244.8 billion", "$18 billion", "75"]
        );
        assert_eq!(figures[0].detail, "+26.3% on 2022, a record");
        assert_eq!(figures[1].detail, "+1.9% on 2023, a record");
        assert!(figures.iter().all(|f| !f.sources.is_empty()));
    }
}
