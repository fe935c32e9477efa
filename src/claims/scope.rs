//! What the data cannot speak to, whatever the figure: another country's trade, targets and
//! forecasts, conversions, shares, capacities, month-on-month changes, changes over several
//! years. A claim read as one of these is unverified with the reason, never compared with
//! China–Russia figures.

use super::extract::{FoundClaim, Measure};
use super::reading::{Geography, StatementKind};

/// Why the data cannot check this claim, or `None` when it may.
pub(super) fn out_of_scope(found: &FoundClaim) -> Option<String> {
    let trade_like = matches!(
        found.measure,
        Measure::TotalTrade
            | Measure::ChinaExports
            | Measure::ChinaImports
            | Measure::TradeGrowth
            | Measure::TradeRecord
            | Measure::ProductVolume
            | Measure::ProductValue
            | Measure::ProductGrowth
            | Measure::Balance
    );
    if trade_like && found.geography != Geography::ChinaRussia {
        return Some(format!(
            "Read as {}; the datasets hold China–Russia trade only.",
            found.geography.describe()
        ));
    }
    let kind = match found.kind {
        StatementKind::Reported => None,
        StatementKind::Target => Some("a target, not a reported figure"),
        StatementKind::Forecast => Some("a forecast, not a reported figure"),
        StatementKind::Conversion => Some("the writer's conversion from another currency"),
        StatementKind::Share => Some("a share of a total, which the datasets do not hold"),
        StatementKind::Capacity => Some("a capacity or contract, not a year's trade"),
        StatementKind::Average => Some("an average over several years"),
    };
    if let Some(kind) = kind {
        return Some(format!("Read as {kind}."));
    }
    if found.month_on_month {
        return Some(
            "A change on the month before; the data has changes on a year earlier.".to_owned(),
        );
    }
    if let (Some(base), Some(year)) = (found.base_year, found.year)
        && base != year - 1
        && matches!(found.measure, Measure::TradeGrowth | Measure::ProductGrowth)
    {
        return Some(format!(
            "A change from {base} to {year}, over more than one year; the data has changes on the year before."
        ));
    }
    if let (Some(year), Some(written)) = (found.year, found.written)
        && trade_like
    {
        if year > written.year {
            return Some(format!(
                "A figure for {year}, after the article was written ({written}): a forecast or target."
            ));
        }
        if year == written.year && found.months.is_none() {
            return Some(format!(
                "{year} was not over when the article was written ({written}): not a full year's figure."
            ));
        }
    }
    if found.measure == Measure::Balance {
        return Some("A trade balance; the data checks totals and flows.".to_owned());
    }
    None
}
