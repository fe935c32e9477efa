//! Finding numeric claims in article text: money with scale words ("$240.1 billion"),
//! percentages, spans of years ("75 years", "75th anniversary") and superlatives ("a record"),
//! each with the sentence it stands in, the year it refers to and the measure it speaks of.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::data::{Flow, IsoDate, Product, Reporter};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimUnit {
    UsdBn,
    /// Million tonnes of a product.
    MillionTonnes,
    Percent,
    Years,
    Count,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    TotalTrade,
    ChinaExports,
    ChinaImports,
    /// The value of imports a tariff action covers (not the revenue it raises).
    TariffCoveredImports,
    YearsSinceRelationsBegan,
    /// A superlative: the year's total is higher than every earlier year's.
    TradeRecord,
    /// Growth of total trade or of a flow, in percent.
    TradeGrowth,
    /// The volume of a product traded in a year (million tonnes of crude oil).
    ProductVolume,
    /// The value of a product traded in a year, USD billion.
    ProductValue,
    /// The change in a product's trade on a year earlier, in percent.
    ProductGrowth,
    /// A number whose measure the sentence does not make clear.
    Unknown,
}

impl Measure {
    /// The trade dataset's flow for a trade measure.
    pub fn flow(self) -> Option<Flow> {
        match self {
            Self::TotalTrade | Self::TradeRecord => Some(Flow::Total),
            Self::ChinaExports => Some(Flow::ChinaExports),
            Self::ChinaImports => Some(Flow::ChinaImports),
            _ => None,
        }
    }
}

/// How a figure is hedged in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hedge {
    Exact,
    /// "about", "nearly", "some"…
    Approximately,
    /// "more than", "over"…
    AtLeast,
    /// "less than", "under"…
    AtMost,
}

/// A number found in the text, before it is checked. Serialised with the fields of
/// `bilateral claims --json`; the rest is how it was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundClaim {
    pub text: String,
    pub sentence: String,
    #[serde(skip)]
    pub paragraph: usize,
    /// Byte range of `text` within its paragraph.
    #[serde(skip)]
    pub span: Range<usize>,
    pub value: Option<f64>,
    pub unit: ClaimUnit,
    /// Decimal places the figure is given with: "$240.1 billion" has 1.
    #[serde(skip)]
    pub decimals: u32,
    #[serde(skip)]
    pub hedge: Hedge,
    pub year: Option<i32>,
    pub measure: Measure,
    /// For growth: the measure that grew.
    #[serde(skip)]
    pub growth_of: Option<Measure>,
    /// `russia_official` when the sentence attributes the figure to the Russian side.
    pub reporter: Reporter,
    /// The product a volume, value or growth of a product speaks of.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<Product>,
    /// The sentence frames a tariff figure as money raised.
    #[serde(skip)]
    pub speaks_of_revenue: bool,
}

fn regex(pattern: &str) -> Regex {
    // The patterns are constants, checked by the tests below.
    Regex::new(pattern).unwrap_or_else(|err| panic!("invalid claim pattern {pattern}: {err}"))
}

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)(?:US)?\$\s?(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*(trillion|billion|bn|million|mn)\b",
    )
});
static TONNES: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)(\d+(?:\.\d+)?)\s*(?:million|mln|mn)\s+(?:metric\s+)?(?:tonnes|tons)\b")
});
static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)([+\-−]?\d+(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)"));
static YEARS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b(\d{1,3})(?:st|nd|rd|th)?\s+(years?|anniversary)\b"));
static RECORD: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b(a record|record high|record|all-time high|highest ever)\b"));
static YEAR: LazyLock<Regex> = LazyLock::new(|| regex(r"\b(19[4-9]\d|20\d\d)\b"));

/// Splits a paragraph into sentences, keeping each one's byte offset. A full stop ends a
/// sentence only when a space and a capital or a quote follow, so "$240.1" stays whole.
pub fn sentences(paragraph: &str) -> Vec<(usize, &str)> {
    let mut result = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = paragraph.char_indices().collect();
    for (index, &(at, ch)) in chars.iter().enumerate() {
        if !matches!(ch, '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(index + 1).map(|c| c.1);
        let after = chars.get(index + 2).map(|c| c.1);
        let ends = next.is_some_and(char::is_whitespace)
            && after.is_some_and(|c| c.is_uppercase() || matches!(c, '"' | '“' | '‘' | '\''));
        if ends {
            let end = at + ch.len_utf8();
            result.push((start, paragraph[start..end].trim()));
            start = end + 1;
        }
    }
    if start < paragraph.len() && !paragraph[start..].trim().is_empty() {
        result.push((start, paragraph[start..].trim()));
    }
    result
}

fn contains_any(text: &str, needles: &[&str]) -> bool {
    needles.iter().any(|needle| text.contains(needle))
}

/// The trade measure a stretch of text speaks of, if any.
fn trade_measure(context: &str) -> Option<Measure> {
    let text = context.to_lowercase();
    if contains_any(&text, &["tariff", "duties", "duty on"]) {
        return Some(Measure::TariffCoveredImports);
    }
    let exports = [
        "exports to russia",
        "china's exports",
        "chinese exports",
        "imports from china",
        "russia's imports",
        "russian imports",
        "china exported",
        "shipments to russia",
    ];
    let imports = [
        "imports from russia",
        "china's imports",
        "russia's exports",
        "russian exports",
        "exports to china",
        "china imported",
        "purchases from russia",
    ];
    if contains_any(&text, &exports) {
        return Some(Measure::ChinaExports);
    }
    if contains_any(&text, &imports) {
        return Some(Measure::ChinaImports);
    }
    if text.contains("export") {
        return Some(Measure::ChinaExports);
    }
    if text.contains("import") {
        return Some(Measure::ChinaImports);
    }
    if contains_any(&text, &["trade", "turnover", "commerce"]) {
        return Some(Measure::TotalTrade);
    }
    None
}

/// The traded product a stretch of text speaks of, if any.
fn product_of(context: &str) -> Option<Product> {
    let text = format!(" {} ", context.to_lowercase());
    if contains_any(&text, &[" crude", " oil "]) {
        Some(Product::CrudeOil)
    } else if contains_any(&text, &[" lng", "liquefied natural gas"]) {
        Some(Product::Lng)
    } else if contains_any(&text, &["pipeline gas", "power of siberia", "natural gas"]) {
        Some(Product::PipelineGas)
    } else if text.contains(" coal") {
        Some(Product::Coal)
    } else if contains_any(&text, &[" cars", " car exports", " vehicles"]) {
        Some(Product::PassengerCars)
    } else {
        None
    }
}

fn reporter_of(sentence: &str) -> Reporter {
    let text = sentence.to_lowercase();
    let russian = [
        "russian customs",
        "russia's customs",
        "russian figures",
        "russian data",
        "russian side",
        "economy ministry",
        "according to moscow",
        "russian statistics",
    ];
    if contains_any(&text, &russian) {
        Reporter::RussiaOfficial
    } else {
        Reporter::ChinaCustoms
    }
}

fn hedge_before(sentence: &str, at: usize) -> Hedge {
    let before = sentence[..at].to_lowercase();
    let tail = before.trim_end();
    let ends_with_any = |words: &[&str]| words.iter().any(|w| tail.ends_with(w));
    if ends_with_any(&[
        "about",
        "around",
        "nearly",
        "almost",
        "roughly",
        "some",
        "approximately",
        "close to",
        "an estimated",
    ]) {
        Hedge::Approximately
    } else if ends_with_any(&[
        "more than",
        "over",
        "above",
        "exceeding",
        "at least",
        "upwards of",
    ]) {
        Hedge::AtLeast
    } else if ends_with_any(&["less than", "under", "below", "at most"]) {
        Hedge::AtMost
    } else {
        Hedge::Exact
    }
}

/// The year a claim at `at` in `sentence` refers to: the nearest explicit year, else "last
/// year" or "this year" against the article's date.
fn year_of(sentence: &str, at: usize, date: Option<IsoDate>) -> Option<i32> {
    // "… $21.23 billion in 2004": a year just after the figure is its own, even when another
    // year stands closer before it.
    let following = YEAR
        .find_iter(sentence)
        .find(|m| m.start() > at && m.start() - at <= 24)
        .and_then(|m| m.as_str().parse::<i32>().ok());
    let explicit = following.or_else(|| {
        YEAR.find_iter(sentence)
            .filter_map(|m| Some((m.start().abs_diff(at), m.as_str().parse::<i32>().ok()?)))
            .min_by_key(|(distance, _)| *distance)
            .map(|(_, year)| year)
    });
    if explicit.is_some() {
        return explicit;
    }
    let text = sentence.to_lowercase();
    let date = date?;
    if text.contains("last year")
        || text.contains("previous year")
        || text.contains("a year earlier")
    {
        Some(date.year - 1)
    } else if text.contains("this year") {
        Some(date.year)
    } else {
        None
    }
}

fn decimals_of(number: &str) -> u32 {
    number
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len() as u32)
}

fn parse_number(number: &str) -> Option<f64> {
    number.replace(',', "").replace('−', "-").parse().ok()
}

fn scale_to_bn(scale: &str) -> f64 {
    match scale.to_lowercase().as_str() {
        "trillion" => 1000.0,
        "million" | "mn" => 0.001,
        _ => 1.0,
    }
}

fn is_decline(context: &str) -> bool {
    contains_any(
        &context.to_lowercase(),
        &[
            "fell", "fall", "down ", "declin", "dropped", "drop ", "decreas", "shrank", "contract",
        ],
    )
}

/// Finds the claims of one paragraph.
pub fn claims_in_paragraph(
    paragraph_index: usize,
    paragraph: &str,
    date: Option<IsoDate>,
) -> Vec<FoundClaim> {
    let mut claims = Vec::new();
    for (offset, sentence) in sentences(paragraph) {
        let sentence_start = offset + paragraph[offset..].find(sentence).unwrap_or(0);
        let reporter = reporter_of(sentence);
        let lower = sentence.to_lowercase();
        let speaks_of_revenue = contains_any(
            &lower,
            &["revenue", "raise $", "collect", "bring in", "raising $"],
        );
        let base = |text: &str, span: Range<usize>, unit: ClaimUnit| FoundClaim {
            text: text.to_owned(),
            sentence: sentence.to_owned(),
            paragraph: paragraph_index,
            span: sentence_start + span.start..sentence_start + span.end,
            value: None,
            unit,
            decimals: 0,
            hedge: hedge_before(sentence, span.start),
            year: year_of(sentence, span.start, date),
            measure: Measure::Unknown,
            growth_of: None,
            reporter,
            product: None,
            speaks_of_revenue,
        };
        let mut previous_end = 0;
        let mut money_in_sentence = None;
        for found in MONEY.captures_iter(sentence) {
            let (Some(whole), Some(number), Some(scale)) =
                (found.get(0), found.get(1), found.get(2))
            else {
                continue;
            };
            let context = &sentence[previous_end..whole.start()];
            let measure = trade_measure(context)
                .or_else(|| trade_measure(sentence))
                .unwrap_or(Measure::Unknown);
            let mut claim = base(whole.as_str(), whole.range(), ClaimUnit::UsdBn);
            claim.value = parse_number(number.as_str()).map(|v| v * scale_to_bn(scale.as_str()));
            claim.decimals = decimals_of(number.as_str());
            claim.measure = measure;
            // "$62.4 billion of crude": the value of a product, not of all trade.
            if let Some(product) = product_of(context) {
                claim.measure = Measure::ProductValue;
                claim.product = Some(product);
            }
            if claim.measure == Measure::TariffCoveredImports && claim.year.is_none() {
                claim.year = date.map(|d| d.year);
            }
            money_in_sentence.get_or_insert(claim.clone());
            previous_end = whole.end();
            claims.push(claim);
        }
        for found in PERCENT.captures_iter(sentence) {
            let (Some(whole), Some(number)) = (found.get(0), found.get(1)) else {
                continue;
            };
            let context = &sentence[..whole.start()];
            let mut claim = base(whole.as_str(), whole.range(), ClaimUnit::Percent);
            let magnitude = parse_number(number.as_str());
            let sign = if is_decline(context) { -1.0 } else { 1.0 };
            claim.value = magnitude.map(|v| if v > 0.0 { v * sign } else { v });
            claim.decimals = decimals_of(number.as_str());
            let grew = trade_measure(context).or_else(|| trade_measure(sentence));
            if let Some(product) = product_of(context) {
                claim.measure = Measure::ProductGrowth;
                claim.product = Some(product);
            } else if let Some(measure) = grew.filter(|m| m.flow().is_some()) {
                claim.measure = Measure::TradeGrowth;
                claim.growth_of = Some(measure);
            }
            claims.push(claim);
        }
        for found in TONNES.captures_iter(sentence) {
            let (Some(whole), Some(number)) = (found.get(0), found.get(1)) else {
                continue;
            };
            let mut claim = base(whole.as_str(), whole.range(), ClaimUnit::MillionTonnes);
            claim.value = parse_number(number.as_str());
            claim.decimals = decimals_of(number.as_str());
            claim.product = product_of(sentence);
            if claim.product.is_some() {
                claim.measure = Measure::ProductVolume;
            }
            claims.push(claim);
        }
        for found in YEARS.captures_iter(sentence) {
            let (Some(whole), Some(number)) = (found.get(0), found.get(1)) else {
                continue;
            };
            let mut claim = base(whole.as_str(), whole.range(), ClaimUnit::Years);
            claim.value = parse_number(number.as_str());
            if contains_any(
                &lower,
                &[
                    "relation",
                    "anniversary",
                    "friendship",
                    "ties",
                    "diplomatic",
                ],
            ) {
                claim.measure = Measure::YearsSinceRelationsBegan;
                if claim.year.is_none() || !YEAR.is_match(sentence) {
                    claim.year = date.map(|d| d.year);
                }
            }
            claims.push(claim);
        }
        for found in RECORD.find_iter(sentence) {
            let mut claim = base(found.as_str(), found.range(), ClaimUnit::UsdBn);
            let measure = trade_measure(sentence);
            if matches!(
                measure,
                Some(Measure::TotalTrade | Measure::ChinaExports | Measure::ChinaImports)
            ) {
                claim.measure = Measure::TradeRecord;
                claim.growth_of = measure;
                if let Some(money) = &money_in_sentence {
                    claim.value = money.value;
                    claim.year = money.year;
                }
            }
            claims.push(claim);
        }
    }
    claims.sort_by_key(|claim| (claim.paragraph, claim.span.start));
    claims
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> Option<IsoDate> {
        IsoDate::parse("2024-05-16")
    }

    #[test]
    fn sentences_do_not_split_inside_numbers() {
        let parts: Vec<&str> =
            sentences("Trade hit $240.1 billion. It grew 26.3% in 2023. “Good,” he said.")
                .into_iter()
                .map(|(_, s)| s)
                .collect();
        assert_eq!(
            parts,
            [
                "Trade hit $240.1 billion.",
                "It grew 26.3% in 2023.",
                "“Good,” he said."
            ]
        );
    }

    #[test]
    fn money_claims_get_value_scale_year_and_measure() {
        let claims = claims_in_paragraph(
            0,
            "Bilateral trade between China and Russia reached a record $240.1 billion last year.",
            date(),
        );
        let money = claims
            .iter()
            .find(|c| {
                c.unit == ClaimUnit::UsdBn && c.value.is_some() && c.measure == Measure::TotalTrade
            })
            .expect("money claim");
        assert_eq!(money.text, "$240.1 billion");
        assert_eq!(
            (money.value, money.decimals, money.year),
            (Some(240.1), 1, Some(2023))
        );
        let record = claims
            .iter()
            .find(|c| c.measure == Measure::TradeRecord)
            .expect("record");
        assert_eq!(record.year, Some(2023));
        let million = claims_in_paragraph(
            0,
            "In 2023 China's exports to Russia were $110,900 million.",
            date(),
        );
        assert_eq!(million[0].value, Some(110.9));
        assert_eq!(million[0].measure, Measure::ChinaExports);
    }

    #[test]
    fn each_figure_takes_the_flow_named_just_before_it() {
        let claims = claims_in_paragraph(
            0,
            "In 2022 China's exports to Russia were $76.12 billion and its imports from Russia $114.15 billion.",
            date(),
        );
        let measures: Vec<Measure> = claims.iter().map(|c| c.measure).collect();
        assert_eq!(measures, [Measure::ChinaExports, Measure::ChinaImports]);
        assert!(claims.iter().all(|c| c.year == Some(2022)));
    }

    #[test]
    fn percentages_years_and_hedges_are_recognised() {
        let claims = claims_in_paragraph(
            0,
            "Trade fell 31.8% in 2009, to about $38.8 billion.",
            date(),
        );
        let growth = claims
            .iter()
            .find(|c| c.unit == ClaimUnit::Percent)
            .expect("percent");
        assert_eq!(
            (growth.value, growth.year, growth.measure),
            (Some(-31.8), Some(2009), Measure::TradeGrowth)
        );
        let money = claims
            .iter()
            .find(|c| c.unit == ClaimUnit::UsdBn)
            .expect("money");
        assert_eq!(money.hedge, Hedge::Approximately);
        let years = claims_in_paragraph(
            0,
            "A concert to mark the 75th anniversary of relations.",
            date(),
        );
        assert_eq!(
            (years[0].value, years[0].year, years[0].measure),
            (Some(75.0), Some(2024), Measure::YearsSinceRelationsBegan)
        );
    }
}
