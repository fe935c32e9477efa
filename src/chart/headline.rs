//! The headline figures shown above the charts, computed from the datasets (not typed in), each
//! with its sources for the hover text: the latest full year, the record year, the latest year
//! to date, the US tariff set and the years of relations as of today.

use crate::data::facts::month_name;
use crate::data::{Bundle, EventKind, Flow, IsoDate, Period, Reporter, TradeFact};

use super::model::{ChartId, PointRef, format_usd_bn};

#[derive(Debug, Clone, PartialEq)]
pub struct HeadlineFigure {
    pub caption: String,
    pub value: String,
    pub detail: String,
    /// Hover text: what the figure is and where it comes from.
    pub explanation: String,
    pub sources: Vec<String>,
    /// The chart a click on the figure shows, and its point there.
    pub chart: ChartId,
    pub point: Option<PointRef>,
}

fn one_decimal_usd_bn(value: f64) -> String {
    format!("${value:.1} billion")
}

fn year_figure(bundle: &Bundle, fact: &TradeFact, caption: String) -> HeadlineFigure {
    let year = fact.year;
    let mut detail = fact
        .reported_yoy_pct
        .map(|growth| format!("{growth:+.1}% on {}", year - 1))
        .unwrap_or_default();
    if year == bundle.coverage.record_year {
        detail.push_str(if detail.is_empty() {
            "a record"
        } else {
            ", a record"
        });
    }
    HeadlineFigure {
        caption,
        value: one_decimal_usd_bn(fact.value_usd_bn),
        detail,
        explanation: format!(
            "Total goods trade reported by China's customs (GACC) for {year}: ${} bn ({}). Growth as GACC reported it; \"a record\" means higher than every other year in the data. Source: {}.",
            fact.value_usd_bn,
            fact.status,
            fact.attribution.credit_with_standing()
        ),
        sources: fact.attribution.urls.clone(),
        chart: ChartId::Trade,
        point: Some(PointRef::Year(year)),
    }
}

/// The latest year-to-date total against the same months a year earlier.
fn year_to_date_figure(bundle: &Bundle, period: Period) -> Option<HeadlineFigure> {
    let fact = bundle.period_fact(period, Flow::Total)?;
    let value = fact.value_bn?;
    let earlier = period.in_year(period.year - 1);
    let earlier_value = bundle
        .period_fact(earlier, Flow::Total)
        .and_then(|f| f.value_bn);
    let detail = match (fact.reported_yoy_pct, earlier_value) {
        (Some(growth), _) => format!("{growth:+.1}% on {}", earlier.label()),
        (None, Some(before)) => format!(
            "{:+.1}% on {} (computed)",
            (value / before - 1.0) * 100.0,
            earlier.label()
        ),
        (None, None) => String::new(),
    };
    let comparison = earlier_value.map_or_else(String::new, |before| {
        format!(" The same months of {} came to ${before} bn.", earlier.year)
    });
    Some(HeadlineFigure {
        caption: format!("Trade so far, {}", period.label()),
        value: one_decimal_usd_bn(value),
        detail,
        explanation: format!(
            "Total goods trade from January to {} {} reported by China's customs (GACC): ${value} bn ({}).{comparison} Source: {}.",
            month_name(period.last_month),
            period.year,
            fact.status,
            fact.attribution.credit_with_standing()
        ),
        sources: fact.attribution.urls.clone(),
        chart: ChartId::YearToDate,
        point: Some(PointRef::Year(period.year)),
    })
}

fn tariff_figure(bundle: &Bundle) -> Option<HeadlineFigure> {
    let announcement = bundle
        .tariff_steps
        .iter()
        .find(|step| step.effective.is_none() && step.imports_covered_usd_bn.is_some())?;
    let covered = announcement.imports_covered_usd_bn?;
    let date = announcement.announced?;
    Some(HeadlineFigure {
        caption: format!(
            "US tariff increases, {} {}",
            month_name(date.month),
            date.year
        ),
        value: format_usd_bn(covered).replace(" bn", " billion"),
        detail: "of Chinese imports covered".to_owned(),
        explanation: format!(
            "Value of Chinese imports covered by the Section 301 increases announced on {date}; not the tariff revenue. Source: {}.",
            announcement.credit
        ),
        sources: announcement.sources.clone(),
        chart: ChartId::TariffLists,
        point: None,
    })
}

/// The strip of headline figures, in display order, with the years of relations counted to
/// `today`.
pub fn headline_figures(bundle: &Bundle, today: IsoDate) -> Vec<HeadlineFigure> {
    let coverage = &bundle.coverage;
    let total = |year| bundle.trade_fact(year, Reporter::ChinaCustoms, Flow::Total);
    let mut figures = Vec::new();
    if let Some(latest) = total(coverage.last_full_year) {
        figures.push(year_figure(
            bundle,
            latest,
            format!("China–Russia trade, {}", latest.year),
        ));
    }
    if coverage.record_year != coverage.last_full_year
        && let Some(record) = total(coverage.record_year)
    {
        figures.push(year_figure(
            bundle,
            record,
            format!("Record year, {}", record.year),
        ));
    }
    if let Some(figure) = coverage
        .latest_year_to_date
        .and_then(|period| year_to_date_figure(bundle, period))
    {
        figures.push(figure);
    }
    figures.extend(tariff_figure(bundle));
    let recognition = bundle
        .events
        .iter()
        .find(|event| event.kind == EventKind::Diplomatic);
    if let Some(recognition) = recognition {
        figures.push(HeadlineFigure {
            caption: format!("Years of relations, {}", today.year),
            value: recognition.start.whole_years_until(today).to_string(),
            detail: format!("since {}", recognition.start),
            explanation: format!(
                "{}, counted to today ({today}). Source: {}.",
                recognition.name, recognition.credit
            ),
            sources: recognition.sources.clone(),
            chart: ChartId::Timeline,
            point: None,
        });
    }
    figures
}

#[cfg(test)]
mod tests {
    use super::headline_figures;
    use crate::data::{Bundle, IsoDate};

    #[test]
    fn headline_figures_come_from_the_data() {
        let bundle = Bundle::load().expect("bundled data loads");
        let today = IsoDate::parse("2026-12-01").expect("date");
        let figures = headline_figures(&bundle, today);
        let values: Vec<&str> = figures.iter().map(|f| f.value.as_str()).collect();
        assert_eq!(
            values,
            vec![
                "$228.1 billion",
                "$244.8 billion",
                "$85.2 billion",
                "$18 billion",
                "77"
            ]
        );
        assert_eq!(figures[0].caption, "China–Russia trade, 2025");
        assert_eq!(figures[0].detail, "-6.9% on 2024");
        assert_eq!(figures[1].detail, "+1.9% on 2023, a record");
        assert_eq!(figures[2].caption, "Trade so far, January–April 2026");
        assert_eq!(figures[2].detail, "+19.7% on January–April 2025");
        assert!(figures[2].explanation.contains("$71.1 bn"));
        assert_eq!(figures[3].caption, "US tariff increases, May 2024");
        assert!(figures.iter().all(|f| !f.sources.is_empty()));
        assert!(figures[0].explanation.contains("GACC via Reuters"));
    }
}
