//! What years the data covers, read off the data: the first and latest full years, the gaps,
//! the record year, the latest year-to-date figure and the defaults that follow from them.
//! Every title, axis range, statistics range and setting default is taken from here, so adding
//! a year to a dataset moves the whole dashboard with it.

use super::error::DataError;
use super::facts::{Currency, Flow, Period, PeriodFact, Reporter, TradeFact};

#[derive(Debug, Clone, PartialEq)]
pub struct Coverage {
    /// The first and the latest year with a China-customs total.
    pub first_year: i32,
    pub last_full_year: i32,
    /// Years between those two with no China-customs total.
    pub missing_years: Vec<i32>,
    /// The year with the highest China-customs total.
    pub record_year: i32,
    /// The latest January-to-month USD total of a year after `last_full_year`.
    pub latest_year_to_date: Option<Period>,
    /// The first and last year any event of the datasets falls in.
    pub event_years: (i32, i32),
    /// The year the statistics test for a break by default: that of the latest joint
    /// statement among the diplomatic milestones.
    pub default_break_year: Option<i32>,
    /// The base year of the index view by default: the first year of the latest decade whose
    /// total is reported, not derived or weakly sourced.
    pub default_index_base_year: i32,
}

impl Coverage {
    pub fn new(
        trade: &[TradeFact],
        periods: &[PeriodFact],
        event_years: (i32, i32),
        default_break_year: Option<i32>,
        trade_file: &str,
    ) -> Result<Self, DataError> {
        let totals: Vec<&TradeFact> = trade
            .iter()
            .filter(|fact| fact.reporter == Reporter::ChinaCustoms && fact.flow == Flow::Total)
            .collect();
        let (Some(first_year), Some(last_full_year)) = (
            totals.iter().map(|fact| fact.year).min(),
            totals.iter().map(|fact| fact.year).max(),
        ) else {
            return Err(DataError::Csv {
                file: trade_file.to_owned(),
                message: "no row gives China customs' total trade for any year. Add one (reporter china_customs, flow total)".to_owned(),
            });
        };
        let missing_years = (first_year..=last_full_year)
            .filter(|year| !totals.iter().any(|fact| fact.year == *year))
            .collect();
        let record_year = totals
            .iter()
            .max_by(|a, b| a.value_usd_bn.total_cmp(&b.value_usd_bn))
            .map_or(last_full_year, |fact| fact.year);
        let latest_year_to_date = periods
            .iter()
            .filter(|fact| {
                fact.flow == Flow::Total
                    && fact.currency == Currency::Usd
                    && fact.value_bn.is_some()
                    && fact.period.is_year_to_date()
                    && fact.period.year > last_full_year
            })
            .map(|fact| fact.period)
            .max();
        let default_index_base_year = totals
            .iter()
            .filter(|fact| fact.status.is_firm() && fact.year >= last_full_year - 10)
            .map(|fact| fact.year)
            .min()
            .unwrap_or(first_year);
        Ok(Self {
            first_year,
            last_full_year,
            missing_years,
            record_year,
            latest_year_to_date,
            event_years,
            default_break_year,
            default_index_base_year,
        })
    }

    /// "1992–2025".
    pub fn years_label(&self) -> String {
        format!("{}–{}", self.first_year, self.last_full_year)
    }

    /// The x range of a chart of full years, half a year of margin on each side.
    pub fn year_axis_range(&self) -> (f64, f64) {
        (
            f64::from(self.first_year) - 0.5,
            f64::from(self.last_full_year) + 0.5,
        )
    }

    /// "1993, 1995 and 1997", or `None` without gaps.
    pub fn missing_years_label(&self) -> Option<String> {
        let years: Vec<String> = self.missing_years.iter().map(i32::to_string).collect();
        match years.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
        }
    }
}
