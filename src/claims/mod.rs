//! Claim checking: every number in an article checked against the datasets. A claim is
//! `supported` when the data has the figure within the claim's own rounding, `contradicted`
//! (with the data's value) when it does not, and `unverified` when the data has nothing to check
//! it against. Figures from one reporter are compared with the same reporter's data.

mod events;
pub mod extract;
mod numbers;
mod part_year;
pub mod reading;
mod scope;

use std::fmt::Write as _;

use serde::Serialize;

use crate::chart::{ChartId, PointRef};
use crate::data::{
    Article, Bundle, COMPOSITION_ID, Currency, EventKind, Flow, IsoDate, Period, Reporter,
    TARIFFS_ID, TRADE_ID,
};
pub use extract::{ClaimUnit, FoundClaim, Hedge, Measure, claims_in_article, claims_in_paragraph};
pub use reading::{Geography, Months, StatementKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Supported,
    Contradicted,
    Unverified,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Self::Supported => "supported",
            Self::Contradicted => "contradicted",
            Self::Unverified => "unverified",
        }
    }
}

/// A claim with its verdict and the evidence behind it; serialised as `bilateral claims --json`
/// prints it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    #[serde(flatten)]
    pub found: FoundClaim,
    pub verdict: Verdict,
    /// The data's value (None when unverified).
    pub expected: Option<f64>,
    pub dataset: Option<String>,
    #[serde(rename = "source")]
    pub sources: Vec<String>,
    /// How far the data may be from the claim and still support it.
    pub tolerance: Option<f64>,
    /// What the verdict rests on, in a sentence or two.
    pub explanation: String,
    /// The chart and point that show the evidence.
    #[serde(skip)]
    pub chart: Option<ChartId>,
    #[serde(skip)]
    pub point: Option<PointRef>,
}

/// `bilateral claims --json`.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimsReport<'a> {
    pub article: String,
    pub date: Option<String>,
    pub claims: &'a [Claim],
}

pub use crate::data::article::date_line;

/// An article's lines as paragraphs, its title first (see [`crate::data::article::text_lines`]).
pub fn paragraphs_of(text: &str) -> Vec<String> {
    crate::data::article::text_lines(text)
        .map(str::to_owned)
        .collect()
}

/// Half a unit of the last digit given, in the claim's own scale: "$240.1 billion" allows
/// ±0.05 billion, "$1.2 trillion" ±50 billion.
fn rounding_tolerance(found: &FoundClaim) -> f64 {
    0.5 * 10f64.powi(-(found.decimals as i32)) * found.scale
}

/// The tolerance for a claim against a data value: its rounding, and never less than 0.02% of
/// the value, what two releases of one figure differ by in the last digit (53.212 and 53.213).
fn tolerance_for(found: &FoundClaim, data: f64) -> f64 {
    rounding_tolerance(found).max(data.abs() * 2e-4)
}

/// A trade figure and its sources, or why the data cannot check against it.
fn trade_figure(
    bundle: &Bundle,
    year: i32,
    reporter: Reporter,
    flow: Flow,
) -> Result<(f64, Vec<String>), String> {
    bundle
        .trade_fact(year, reporter, flow)
        .map(|fact| (fact.value_usd_bn, fact.attribution.urls.clone()))
        .ok_or_else(|| format!("The data has no figure from {reporter} for {year}."))
}

fn unverified(found: FoundClaim, explanation: String) -> Claim {
    Claim {
        found,
        verdict: Verdict::Unverified,
        expected: None,
        dataset: None,
        sources: Vec::new(),
        tolerance: None,
        explanation,
        chart: None,
        point: None,
    }
}

/// Compares a claimed value with the data's, honouring the claim's rounding and hedges.
fn judge(found: &FoundClaim, claimed: f64, data: f64, tolerance: f64) -> (Verdict, f64) {
    let tolerance = match found.hedge {
        Hedge::Approximately => tolerance.max(claimed.abs() * 0.03),
        _ => tolerance,
    };
    let supported = match found.hedge {
        Hedge::AtLeast => data >= claimed - tolerance,
        Hedge::AtMost => data <= claimed + tolerance,
        Hedge::Exact | Hedge::Approximately => (data - claimed).abs() <= tolerance + 1e-9,
    };
    let verdict = if supported {
        Verdict::Supported
    } else {
        Verdict::Contradicted
    };
    (verdict, tolerance)
}

fn check_trade_value(bundle: &Bundle, found: FoundClaim) -> Claim {
    let (Some(claimed), Some(year), Some(flow)) = (found.value, found.year, found.measure.flow())
    else {
        return unverified(
            found,
            "The sentence gives no year for this figure, so it cannot be matched to the data."
                .to_owned(),
        );
    };
    let reporter = found.reporter;
    let (data, sources) = match trade_figure(bundle, year, reporter, flow) {
        Ok(figure) => figure,
        Err(explanation) => return unverified(found, explanation),
    };
    let (mut verdict, tolerance) = judge(&found, claimed, data, tolerance_for(&found, data));
    let mut explanation = format!(
        "{reporter} reported ${data} bn for {year} ({flow}); the claim's rounding allows ±{tolerance}."
    );
    // A figure the data itself holds only weakly cannot prove another one wrong.
    if let Some(fact) = bundle.trade_fact(year, reporter, flow)
        && !fact.status.is_firm()
    {
        let _ = write!(explanation, " The data's figure is {}", fact.status);
        if verdict == Verdict::Contradicted {
            verdict = Verdict::Unverified;
            explanation.push_str(", so a different figure is not called wrong");
        }
        if !fact.note.is_empty() {
            let _ = write!(explanation, " ({})", fact.note);
        }
        explanation.push('.');
    }
    let other = reporter.other();
    if let Some(other_value) = bundle
        .trade_fact(year, other, flow)
        .map(|fact| fact.value_usd_bn)
        && (other_value - data).abs() > tolerance
    {
        let _ = write!(
            explanation,
            " {other} give ${other_value} bn for the same year."
        );
    }
    Claim {
        found,
        verdict,
        expected: Some(data),
        dataset: Some(TRADE_ID.to_owned()),
        sources,
        tolerance: Some(tolerance),
        explanation,
        chart: Some(ChartId::Trade),
        point: Some(PointRef::Year(year)),
    }
}

fn check_record(bundle: &Bundle, found: FoundClaim) -> Claim {
    let (Some(year), Some(flow)) = (found.year, found.growth_of.and_then(Measure::flow)) else {
        return unverified(
            found,
            "The sentence gives no year and trade figure for this superlative.".to_owned(),
        );
    };
    let reporter = found.reporter;
    let (data, sources) = match trade_figure(bundle, year, reporter, flow) {
        Ok(figure) => figure,
        Err(explanation) => return unverified(found, explanation),
    };
    let earlier_best = bundle
        .trade_years
        .iter()
        .filter(|row| row.reporter == reporter && row.year < year)
        .filter_map(|row| {
            let value = match flow {
                Flow::ChinaExports => row.exports_usd_bn,
                Flow::ChinaImports => row.imports_usd_bn,
                Flow::Total => row.total_usd_bn,
            }?;
            Some((row.year, value))
        })
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let (verdict, explanation) = match earlier_best {
        Some((best_year, best)) if best >= data => (
            Verdict::Contradicted,
            format!("{year}'s ${data} bn is not a record: {best_year} had ${best} bn."),
        ),
        Some((best_year, best)) => (
            Verdict::Supported,
            format!(
                "{year}'s ${data} bn is above every earlier year in the data (the previous high: ${best} bn in {best_year})."
            ),
        ),
        None => {
            return unverified(
                found,
                "The data has no earlier year to compare with.".to_owned(),
            );
        }
    };
    Claim {
        found,
        verdict,
        expected: Some(data),
        dataset: Some(TRADE_ID.to_owned()),
        sources,
        tolerance: None,
        explanation,
        chart: Some(ChartId::Trade),
        point: Some(PointRef::Year(year)),
    }
}

fn check_growth(bundle: &Bundle, found: FoundClaim) -> Claim {
    let (Some(claimed), Some(year), Some(measure)) = (found.value, found.year, found.growth_of)
    else {
        return unverified(
            found,
            "The sentence gives no year for this growth rate.".to_owned(),
        );
    };
    let Some(flow) = measure.flow() else {
        return unverified(found, "The data has no growth for this measure.".to_owned());
    };
    let reporter = found.reporter;
    let (Some(current), Some(previous)) = (
        bundle.trade_fact(year, reporter, flow),
        bundle.trade_fact(year - 1, reporter, flow),
    ) else {
        return unverified(
            found,
            format!(
                "The data lacks {} or {year} from {reporter} to compute the growth.",
                year - 1
            ),
        );
    };
    let (now, before) = (current.value_usd_bn, previous.value_usd_bn);
    let computed = (now / before - 1.0) * 100.0;
    let source_growth = current.reported_yoy_pct;
    let sources = current.attribution.urls.clone();
    let tolerance = rounding_tolerance(&found);
    let (verdict_reported, _) = source_growth.map_or((Verdict::Contradicted, tolerance), |r| {
        judge(&found, claimed, r, tolerance)
    });
    let (verdict_computed, tolerance) = judge(&found, claimed, computed, tolerance);
    let yuan_growth = current.reported_yoy_cny_pct;
    let supported_in_yuan = yuan_growth
        .is_some_and(|growth| judge(&found, claimed, growth, tolerance).0 == Verdict::Supported);
    let in_dollars =
        verdict_reported == Verdict::Supported || verdict_computed == Verdict::Supported;
    let supported = match found.currency {
        Some(Currency::Cny) => supported_in_yuan,
        Some(Currency::Usd) => in_dollars,
        None => in_dollars || supported_in_yuan,
    };
    if found.currency == Some(Currency::Cny) && yuan_growth.is_none() {
        return unverified(
            found,
            format!("A growth rate in yuan; the data has no yuan rate for {year} ({flow})."),
        );
    }
    let expected = source_growth.unwrap_or(computed);
    let mut explanation =
        format!("From the data's first-release figures: {computed:+.1}% ({before} to {now}).");
    if let Some(reported) = source_growth {
        let _ = write!(
            explanation,
            " The source itself reported {reported:+.1}%, computed against revised figures."
        );
    }
    if let Some(growth) = yuan_growth {
        let _ = write!(explanation, " In yuan terms: {growth:+.1}%.");
    }
    // Growth computed from a weakly sourced or derived figure cannot prove a claim wrong.
    let firm = current.status.is_firm() && previous.status.is_firm();
    let verdict = match (supported, firm) {
        (true, _) => Verdict::Supported,
        (false, true) => Verdict::Contradicted,
        (false, false) => {
            explanation.push_str(" The data's figures are not all firmly sourced, so a different rate is not called wrong.");
            Verdict::Unverified
        }
    };
    Claim {
        found,
        verdict,
        expected: Some(expected),
        dataset: Some(TRADE_ID.to_owned()),
        sources,
        tolerance: Some(tolerance),
        explanation,
        chart: Some(ChartId::Growth),
        point: Some(PointRef::Year(year)),
    }
}

fn check_tariff(bundle: &Bundle, found: FoundClaim) -> Claim {
    let (Some(claimed), Some(year)) = (found.value, found.year) else {
        return unverified(
            found,
            "The sentence gives no year for this tariff figure.".to_owned(),
        );
    };
    let action = bundle.tariff_steps.iter().find(|step| {
        step.imports_covered_usd_bn.is_some()
            && step
                .announced
                .or(step.effective)
                .is_some_and(|d| d.year == year)
    });
    let Some(action) = action else {
        return unverified(
            found,
            format!("The data has no US tariff action with covered imports in {year}."),
        );
    };
    let data = action.imports_covered_usd_bn.unwrap_or_default();
    let (mut verdict, tolerance) = judge(&found, claimed, data, tolerance_for(&found, data));
    let mut explanation = format!(
        "{}: ${data} bn is the value of Chinese imports covered, not the tariff revenue.",
        action.action
    );
    if found.speaks_of_revenue {
        verdict = Verdict::Contradicted;
        explanation.push_str(" The sentence presents it as money raised, which the figure is not.");
    }
    Claim {
        found,
        verdict,
        expected: Some(data),
        dataset: Some(TARIFFS_ID.to_owned()),
        sources: action.sources.clone(),
        tolerance: Some(tolerance),
        explanation,
        chart: Some(ChartId::TariffLists),
        point: Some(PointRef::Row {
            dataset_id: TARIFFS_ID.to_owned(),
            row: action.row,
        }),
    }
}

fn check_years_of_relations(bundle: &Bundle, found: FoundClaim) -> Claim {
    let (Some(claimed), Some(year)) = (found.value, found.year) else {
        return unverified(
            found,
            "Neither the sentence nor the article gives the year this span runs to.".to_owned(),
        );
    };
    let Some(recognition) = bundle
        .events
        .iter()
        .find(|e| e.kind == EventKind::Diplomatic)
    else {
        return unverified(found, "The data has no start of relations.".to_owned());
    };
    let data = f64::from(year - recognition.start.year);
    let (verdict, _) = judge(&found, claimed, data, 0.0);
    Claim {
        explanation: format!(
            "{} on {}: {year} is {data} years later.",
            recognition.name, recognition.start
        ),
        found,
        verdict,
        expected: Some(data),
        dataset: Some(recognition.dataset_id.clone()),
        sources: recognition.sources.clone(),
        tolerance: Some(0.0),
        chart: Some(ChartId::Timeline),
        point: Some(PointRef::Row {
            dataset_id: recognition.dataset_id.clone(),
            row: recognition.row,
        }),
    }
}

/// A product's volume, value or growth in one full year, from the composition data. Part-year
/// rows are never compared with a year's figure, and a growth rate that could be of the volume
/// or of the value is supported by either but contradicted by neither.
fn check_product(bundle: &Bundle, found: FoundClaim) -> Claim {
    let (Some(claimed), Some(year), Some(product)) = (found.value, found.year, found.product)
    else {
        return unverified(
            found,
            "The sentence gives no year for this product figure.".to_owned(),
        );
    };
    let units: &[&str] = match (found.measure, found.unit, found.currency) {
        (Measure::ProductVolume, ClaimUnit::Bcm, _) => &["bcm"],
        (Measure::ProductVolume, ..) => &["Mt"],
        (Measure::ProductValue, _, Some(Currency::Cny)) => &["CNY bn"],
        (Measure::ProductValue, ..) => &["USD bn"],
        _ => &["Mt", "USD bn", "bcm", "thousand units", "CNY bn"],
    };
    let period = found
        .months
        .map_or(Period::full_year(year), |months| Period {
            year,
            first_month: months.first,
            last_month: months.last,
        });
    let facts: Vec<_> = bundle
        .composition
        .iter()
        .filter(|fact| {
            fact.product == product && fact.period == period && units.contains(&fact.unit.as_str())
        })
        .collect();
    let tolerance = rounding_tolerance(&found);
    let compared: Vec<(f64, &crate::data::CompositionFact)> = facts
        .iter()
        .filter_map(|fact| {
            let data = if found.measure == Measure::ProductGrowth {
                fact.reported_yoy_pct?
            } else {
                fact.value
            };
            Some((data, *fact))
        })
        .collect();
    let Some(&(first_data, first_fact)) = compared.first() else {
        return unverified(
            found,
            format!(
                "The data has no {} figure for {} of this kind (part-year figures are not compared with a year's).",
                period.label(),
                product.label().to_lowercase()
            ),
        );
    };
    let supporting = compared
        .iter()
        .find(|(data, _)| judge(&found, claimed, *data, tolerance).0 == Verdict::Supported);
    let (verdict, (data, fact)) = match supporting {
        Some(&(data, fact)) => (Verdict::Supported, (data, fact)),
        None if compared.len() == 1
            && found.measure != Measure::ProductGrowth
            && first_fact.status.is_firm() =>
        {
            (Verdict::Contradicted, (first_data, first_fact))
        }
        None => {
            return unverified(
                found,
                format!(
                    "The data's {year} changes for {} are of volume and value; the sentence does not say which it means.",
                    product.label().to_lowercase()
                ),
            );
        }
    };
    let (_, tolerance) = judge(&found, claimed, data, tolerance);
    let what = if found.measure == Measure::ProductGrowth {
        format!("{data:+}% on a year earlier")
    } else {
        format!("{data} {}", fact.unit)
    };
    Claim {
        explanation: format!(
            "{} {year}: {what} ({}; {}); the claim's rounding allows ±{tolerance}.",
            product.label(),
            fact.status,
            fact.attribution.credit()
        ),
        found,
        verdict,
        expected: Some(data),
        dataset: Some(COMPOSITION_ID.to_owned()),
        sources: fact.attribution.urls.clone(),
        tolerance: Some(tolerance),
        chart: Some(ChartId::Composition),
        point: Some(PointRef::Row {
            dataset_id: COMPOSITION_ID.to_owned(),
            row: fact.row,
        }),
    }
}

/// Checks one found claim against the datasets.
pub fn check(bundle: &Bundle, found: FoundClaim) -> Claim {
    if let Some(reason) = scope::out_of_scope(&found) {
        return unverified(found, reason);
    }
    let part_year = found.months.is_some();
    match found.measure {
        Measure::TotalTrade
        | Measure::ChinaExports
        | Measure::ChinaImports
        | Measure::TradeGrowth
            if part_year =>
        {
            part_year::check_part_year(bundle, found)
        }
        Measure::TotalTrade | Measure::ChinaExports | Measure::ChinaImports
            if found.currency == Some(Currency::Cny) =>
        {
            part_year::check_yuan_value(bundle, found)
        }
        Measure::TotalTrade | Measure::ChinaExports | Measure::ChinaImports => {
            check_trade_value(bundle, found)
        }
        Measure::TradeRecord => check_record(bundle, found),
        Measure::TradeGrowth => check_growth(bundle, found),
        Measure::TariffCoveredImports => check_tariff(bundle, found),
        Measure::TariffRate => events::check_tariff_rate(bundle, found),
        Measure::EventOrdinal => events::check_event_ordinal(bundle, found),
        Measure::SinceYear => events::check_since_year(bundle, found),
        Measure::YearsSinceRelationsBegan => check_years_of_relations(bundle, found),
        Measure::ProductVolume | Measure::ProductValue | Measure::ProductGrowth => {
            check_product(bundle, found)
        }
        Measure::Balance | Measure::Unknown => unverified(
            found,
            "The sentence does not say what this number measures in terms the data has.".to_owned(),
        ),
    }
}

/// Checks an article's title and paragraphs, the title first: headlines carry figures too, and
/// what a title says (a year, a partner) is read into the paragraphs after it. One rule for the
/// window and the command line.
pub fn check_article(bundle: &Bundle, article: &Article) -> Vec<Claim> {
    let mut paragraphs = Vec::with_capacity(article.paragraphs.len() + 1);
    paragraphs.push(article.title.clone());
    paragraphs.extend(article.paragraphs.iter().cloned());
    claims_in_article(&paragraphs, article.date)
        .into_iter()
        .map(|mut found| {
            found.in_title = found.paragraph == 0;
            found.paragraph = found.paragraph.saturating_sub(1);
            check(bundle, found)
        })
        .collect()
}

/// Finds and checks every claim of an article's paragraphs, each sentence read in the light of
/// those before it.
pub fn check_paragraphs(
    bundle: &Bundle,
    paragraphs: &[String],
    date: Option<IsoDate>,
) -> Vec<Claim> {
    claims_in_article(paragraphs, date)
        .into_iter()
        .map(|found| check(bundle, found))
        .collect()
}

#[cfg(test)]
mod tests;
