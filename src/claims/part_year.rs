//! Figures of part of a year (January–June, a single month) checked against the periods
//! dataset, and full-year figures in yuan checked against the yuan columns of the trade
//! dataset. As elsewhere, a figure the data holds only weakly, or derives, never proves a claim
//! wrong.

use std::fmt::Write as _;

use super::extract::{FoundClaim, Measure};
use super::{Claim, Verdict, judge, tolerance_for, unverified};
use crate::chart::{ChartId, PointRef};
use crate::data::facts::usd_single_months;
use crate::data::{Bundle, Currency, PERIODS_ID, Period, Reporter, Status, TRADE_ID};

/// One figure of the data a claim can be compared with.
struct Candidate {
    value: f64,
    status: Status,
    what: String,
    sources: Vec<String>,
}

fn candidates(bundle: &Bundle, found: &FoundClaim, period: Period) -> Vec<Candidate> {
    let is_growth = found.measure == Measure::TradeGrowth;
    let Some(flow) = (if is_growth {
        found.growth_of
    } else {
        Some(found.measure)
    })
    .and_then(Measure::flow) else {
        return Vec::new();
    };
    let mut found_facts: Vec<Candidate> = bundle
        .period_facts
        .iter()
        .filter(|f| f.period == period && f.flow == flow)
        .filter(|f| found.currency.is_none_or(|c| c == f.currency))
        .filter_map(|f| {
            let value = if is_growth {
                f.reported_yoy_pct?
            } else {
                f.value_bn?
            };
            Some(Candidate {
                value,
                status: f.status,
                what: format!("{} {}", f.currency.label(), f.attribution.credit()),
                sources: f.attribution.urls.clone(),
            })
        })
        .collect();
    let usd_money = !is_growth && found.currency == Some(Currency::Usd);
    if found_facts.is_empty() && usd_money && period.is_single_month() {
        found_facts.extend(
            usd_single_months(&bundle.period_facts, flow)
                .into_iter()
                .filter(|m| m.period == period)
                .map(|m| Candidate {
                    value: m.value_usd_bn,
                    status: m.status,
                    what: m.note.clone(),
                    sources: m.attribution.urls.clone(),
                }),
        );
    }
    found_facts
}

/// A trade value or growth rate of part of a year.
pub(super) fn check_part_year(bundle: &Bundle, found: FoundClaim) -> Claim {
    let (Some(claimed), Some(year), Some(months)) = (found.value, found.year, found.months) else {
        return unverified(
            found,
            "The sentence gives no year for this part of a year.".to_owned(),
        );
    };
    let period = Period {
        year,
        first_month: months.first,
        last_month: months.last,
    };
    let compared = candidates(bundle, &found, period);
    if compared.is_empty() || found.reporter != Reporter::ChinaCustoms {
        return unverified(
            found,
            format!(
                "The data has no such figure for {} (it holds full years, and the months and year-to-date totals customs published).",
                period.label()
            ),
        );
    }
    let supporting = compared.iter().find(|c| {
        judge(&found, claimed, c.value, tolerance_for(&found, c.value)).0 == Verdict::Supported
    });
    let all_firm = compared.iter().all(|c| c.status.is_firm());
    let chosen = supporting.unwrap_or(&compared[0]);
    let (_, tolerance) = judge(
        &found,
        claimed,
        chosen.value,
        tolerance_for(&found, chosen.value),
    );
    let verdict = match (supporting.is_some(), all_firm) {
        (true, _) => Verdict::Supported,
        (false, true) => Verdict::Contradicted,
        (false, false) => Verdict::Unverified,
    };
    let mut explanation = format!(
        "{}: the data has {} ({}, {}); the claim's rounding allows ±{tolerance}.",
        period.label(),
        chosen.value,
        chosen.status,
        chosen.what
    );
    if verdict == Verdict::Unverified {
        let _ = write!(
            explanation,
            " That figure is {}, so a different one is not called wrong.",
            chosen.status
        );
    }
    Claim {
        verdict,
        expected: Some(chosen.value),
        dataset: Some(PERIODS_ID.to_owned()),
        sources: chosen.sources.clone(),
        tolerance: Some(tolerance),
        explanation,
        chart: Some(ChartId::YearToDate),
        point: Some(PointRef::Year(year)),
        found,
    }
}

/// A full year's trade in yuan, against the yuan figure customs published.
pub(super) fn check_yuan_value(bundle: &Bundle, found: FoundClaim) -> Claim {
    let (Some(claimed), Some(year), Some(flow)) = (found.value, found.year, found.measure.flow())
    else {
        return unverified(
            found,
            "The sentence gives no year for this figure.".to_owned(),
        );
    };
    let Some((data, fact)) = bundle
        .trade_fact(year, found.reporter, flow)
        .and_then(|fact| Some((fact.value_cny_bn?, fact)))
    else {
        return unverified(
            found,
            format!("The data has no yuan figure for {year} ({flow})."),
        );
    };
    let (verdict, tolerance) = judge(&found, claimed, data, tolerance_for(&found, data));
    Claim {
        verdict: if verdict == Verdict::Contradicted && !fact.status.is_firm() {
            Verdict::Unverified
        } else {
            verdict
        },
        expected: Some(data),
        dataset: Some(TRADE_ID.to_owned()),
        sources: fact.attribution.urls.clone(),
        tolerance: Some(tolerance),
        explanation: format!(
            "{} reported {data} bn yuan for {year} ({flow}); the claim's rounding allows ±{tolerance}.",
            found.reporter
        ),
        chart: Some(ChartId::Trade),
        point: Some(PointRef::Year(year)),
        found,
    }
}
