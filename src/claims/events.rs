//! Figures checked against the event datasets: a tariff rate change ("from 25% to 100%")
//! against the Section 301 steps, and an event's place in its series ("the ninth joint air
//! patrol") against the exercises, patrols and milestones. A change or an event the data does
//! not list is unverified, never contradicted: the datasets list what was sourced, not all
//! there is.

use super::extract::FoundClaim;
use super::{Claim, Verdict, unverified};
use crate::chart::{ChartId, PointRef};
use crate::data::{Bundle, TARIFFS_ID};

/// Product groups as articles name them, and the words of the dataset's groups they match.
const GROUP_WORDS: [(&str, &str); 12] = [
    ("electric vehicle", "electric vehicles"),
    ("evs", "electric vehicles"),
    ("steel", "steel"),
    ("aluminum", "aluminium"),
    ("semiconductor", "semiconductors"),
    ("solar", "solar"),
    ("lithium-ion ev", "lithium-ion ev"),
    ("crane", "cranes"),
    ("syringe", "syringes"),
    ("glove", "gloves"),
    ("graphite", "graphite"),
    ("magnet", "magnets"),
];

/// A tariff rate that is the old or new end of a change the data lists.
pub(super) fn check_tariff_rate(bundle: &Bundle, found: FoundClaim) -> Claim {
    let Some((old_low, old_high, new)) = found.rate_change else {
        return unverified(
            found,
            "A tariff rate without the rate it changed from; the data lists changes.".to_owned(),
        );
    };
    let sentence = found.sentence.to_lowercase();
    let groups: Vec<&str> = GROUP_WORDS
        .iter()
        .filter(|(words, _)| sentence.contains(words))
        .map(|(_, group)| *group)
        .collect();
    let step = bundle.tariff_steps.iter().find(|step| {
        let group = step.product_group.to_lowercase();
        let names_group = groups.is_empty() || groups.iter().any(|g| group.contains(g));
        names_group
            && step.new_rate_pct == Some(new)
            && step.old_rate_min_pct.is_some_and(|low| low <= old_low)
            && step.old_rate_max_pct.is_some_and(|high| high >= old_high)
    });
    let Some(step) = step else {
        return unverified(
            found,
            format!(
                "The data lists no Section 301 change from {old_high}% to {new}% for the goods named."
            ),
        );
    };
    Claim {
        verdict: Verdict::Supported,
        expected: found.value,
        dataset: Some(TARIFFS_ID.to_owned()),
        sources: step.sources.clone(),
        tolerance: Some(0.0),
        explanation: format!(
            "{} ({}): {} from {}.",
            step.product_group,
            step.action,
            step.rate_change_label(),
            step.effective.map(|d| d.to_string()).unwrap_or_default()
        ),
        chart: Some(ChartId::TariffRates2024),
        point: Some(PointRef::Row {
            dataset_id: TARIFFS_ID.to_owned(),
            row: step.row,
        }),
        found,
    }
}

/// "The ninth joint air patrol": an event of that place and kind in the data.
pub(super) fn check_event_ordinal(bundle: &Bundle, found: FoundClaim) -> Claim {
    let Some(place) = found.value.map(|v| v as u32) else {
        return unverified(found, "The ordinal could not be read.".to_owned());
    };
    let text = found.text.to_lowercase();
    let suffix = match place % 10 {
        1 if place % 100 != 11 => "st",
        2 if place % 100 != 12 => "nd",
        3 if place % 100 != 13 => "rd",
        _ => "th",
    };
    let ordinal = format!("{place}{suffix} ");
    let kinds = ["patrol", "expo", "exercise", "drill"];
    let noun = kinds
        .iter()
        .find(|k| text.contains(**k))
        .copied()
        .unwrap_or("patrol");
    let qualifiers: Vec<&str> = ["air", "naval", "bomber"]
        .into_iter()
        .filter(|q| text.contains(q))
        .collect();
    let event = bundle.events.iter().find(|event| {
        let name = event.name.to_lowercase();
        name.contains(&ordinal)
            && name.contains(noun)
            && qualifiers
                .iter()
                .all(|q| name.contains(q) || (*q == "air" && name.contains("bomber")))
    });
    let Some(event) = event else {
        return unverified(
            found,
            format!("The data has no event named as the {place}{suffix} {noun}."),
        );
    };
    Claim {
        verdict: Verdict::Supported,
        expected: found.value,
        dataset: Some(event.dataset_id.clone()),
        sources: event.sources.clone(),
        tolerance: Some(0.0),
        explanation: format!("{} ({}).", event.name, event.date_label()),
        chart: Some(ChartId::Timeline),
        point: Some(PointRef::Row {
            dataset_id: event.dataset_id.clone(),
            row: event.row,
        }),
        found,
    }
}

/// "The first drop since 2020": the year before this one in which total trade last fell.
/// "Joint air patrols held since 2019": the year the data's series of those events begins.
pub(super) fn check_since_year(bundle: &Bundle, found: FoundClaim) -> Claim {
    let Some(since) = found.value.map(|v| v as i32) else {
        return unverified(found, "The year could not be read.".to_owned());
    };
    let sentence = found.sentence.to_lowercase();
    let speaks_of_a_fall = ["drop", "decline", "fall", "fell", "decrease", "contract"]
        .iter()
        .any(|w| sentence.contains(w));
    if speaks_of_a_fall {
        return match found.year.filter(|year| *year > since) {
            Some(year) => check_last_fall(bundle, found, since, year),
            None => unverified(
                found,
                format!("The sentence does not say which fall was the first since {since}."),
            ),
        };
    }
    let noun = ["air patrol", "naval patrol", "patrol", "exercise"]
        .into_iter()
        .find(|noun| sentence.contains(noun));
    let first = noun.and_then(|noun| {
        bundle
            .events
            .iter()
            .filter(|event| {
                let name = event.name.to_lowercase();
                // The first joint air patrol of 2019 was a bomber patrol.
                name.contains(noun) || (noun == "air patrol" && name.contains("bomber patrol"))
            })
            .min_by_key(|event| event.start)
    });
    match first {
        Some(event) if event.start.year == since => Claim {
            verdict: Verdict::Supported,
            expected: Some(f64::from(since)),
            dataset: Some(event.dataset_id.clone()),
            sources: event.sources.clone(),
            tolerance: Some(0.0),
            explanation: format!(
                "The first in the data: {} ({}).",
                event.name,
                event.date_label()
            ),
            chart: Some(ChartId::Timeline),
            point: Some(PointRef::Row {
                dataset_id: event.dataset_id.clone(),
                row: event.row,
            }),
            found,
        },
        _ => unverified(
            found,
            format!("The data cannot tell what began or last happened in {since}."),
        ),
    }
}

/// Whether `since` is the last year before `year` in which China-customs total trade fell,
/// with every year between in the data.
fn check_last_fall(bundle: &Bundle, found: FoundClaim, since: i32, year: i32) -> Claim {
    use crate::data::Reporter;
    let growth = |y: i32| {
        bundle
            .trade_year(Reporter::ChinaCustoms, y)
            .and_then(|row| row.yoy_pct)
    };
    let between: Vec<Option<f64>> = (since + 1..year).map(growth).collect();
    let (Some(at_since), Some(now)) = (growth(since), growth(year)) else {
        return unverified(
            found,
            format!("The data lacks the growth of {since} or {year}."),
        );
    };
    if between.iter().any(Option::is_none) {
        return unverified(
            found,
            format!("The data has gaps between {since} and {year}."),
        );
    }
    let rose_between = between.iter().flatten().all(|g| *g >= 0.0);
    let holds = now < 0.0 && at_since < 0.0 && rose_between;
    Claim {
        verdict: if holds {
            Verdict::Supported
        } else {
            Verdict::Contradicted
        },
        expected: Some(f64::from(since)),
        dataset: Some(crate::data::TRADE_ID.to_owned()),
        sources: Vec::new(),
        tolerance: Some(0.0),
        explanation: format!(
            "Total trade changed {now:+.1}% in {year} and {at_since:+.1}% in {since}; it {} in every year between.",
            if rose_between { "grew" } else { "did not grow" }
        ),
        chart: Some(ChartId::Growth),
        point: Some(PointRef::Year(year)),
        found,
    }
}
