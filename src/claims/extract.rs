//! Finding numeric claims in article text — money in dollars or yuan ("$240.1 billion",
//! "1.63 trillion yuan"), percentages and rate ranges, tonnes and cubic metres, spans of years,
//! ordinals ("the ninth joint patrol") and superlatives — and reading each one: what it
//! measures, between whom, when, against what base, and whether it is a reported fact. The
//! reading of each number comes from its own phrase first (see [`super::reading`]); what a
//! sentence leaves unsaid (the year, the months, the partner, the product) is carried over from
//! the sentences before it.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use super::numbers::{Found, Number, YEAR, numbers_in, regex};
use super::reading::{
    Geography, Months, StatementKind, direction, months_in, partner_before, product_at, product_in,
    statement_kind,
};
use crate::data::{Currency, Flow, IsoDate, Product, Reporter};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ClaimUnit {
    UsdBn,
    /// Billions of yuan.
    CnyBn,
    /// Million tonnes of a product.
    MillionTonnes,
    /// Billion cubic metres of gas.
    Bcm,
    Percent,
    Years,
    Count,
    /// "the ninth": a place in a series of events.
    Ordinal,
    /// "since 2019": the year something began or last happened.
    Year,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    TotalTrade,
    ChinaExports,
    ChinaImports,
    /// The trade balance or a surplus.
    Balance,
    /// The value of imports a tariff action covers (not the revenue it raises).
    TariffCoveredImports,
    /// A tariff rate before or after a change ("from 25% to 100%").
    TariffRate,
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
    /// The place of an event in its series ("the ninth joint air patrol").
    EventOrdinal,
    /// The year a series began or something last happened ("the first drop since 2020",
    /// "patrols held since 2019").
    SinceYear,
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

    pub fn describe(self) -> &'static str {
        match self {
            Self::TotalTrade => "total trade",
            Self::ChinaExports => "China's exports to Russia",
            Self::ChinaImports => "China's imports from Russia",
            Self::Balance => "the trade balance",
            Self::TariffCoveredImports => "imports covered by a tariff action",
            Self::TariffRate => "a tariff rate",
            Self::YearsSinceRelationsBegan => "years of relations",
            Self::TradeRecord => "a record",
            Self::TradeGrowth => "growth of trade",
            Self::ProductVolume => "a product's volume",
            Self::ProductValue => "a product's value",
            Self::ProductGrowth => "growth of a product's trade",
            Self::EventOrdinal => "the place of an event in its series",
            Self::SinceYear => "the year something began or last happened",
            Self::Unknown => "no measure the data has",
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
/// `bilateral claims --json`: what was found, and how it was read.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FoundClaim {
    pub text: String,
    pub sentence: String,
    #[serde(skip)]
    pub paragraph: usize,
    /// The figure stands in the article's title rather than in paragraph `paragraph`.
    #[serde(skip)]
    pub in_title: bool,
    /// Byte range of `text` within its paragraph.
    #[serde(skip)]
    pub span: Range<usize>,
    pub value: Option<f64>,
    pub unit: ClaimUnit,
    /// Decimal places the figure is given with: "$240.1 billion" has 1.
    #[serde(skip)]
    pub decimals: u32,
    /// What the figure as written was multiplied by to reach `value` (1000 for "trillion"
    /// in billions), so its rounding is judged in its own scale.
    #[serde(skip)]
    pub scale: f64,
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
    /// Between whom the trade runs.
    pub geography: Geography,
    /// The months of the year the figure covers, when not the whole year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub months: Option<Months>,
    /// For growth: the year compared with, when the text names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base_year: Option<i32>,
    /// For growth: compared with the month before, not a year earlier.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub month_on_month: bool,
    /// A reported fact, or a target, forecast, conversion, share or capacity.
    pub kind: StatementKind,
    /// The currency of a money figure, or of a growth rate the text says was computed in it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<Currency>,
    /// For a rate change "from 0–7.5% to 25%": the old rates (lowest, highest) and the new one.
    #[serde(skip)]
    pub rate_change: Option<(f64, f64, f64)>,
    /// How it was read, each part with the words it was read from.
    pub reading: Vec<String>,
    /// When the article was written, which dates "last year" and bounds what it can report.
    #[serde(skip)]
    pub written: Option<IsoDate>,
    /// The sentence frames a tariff figure as money raised.
    #[serde(skip)]
    pub speaks_of_revenue: bool,
}

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
        "exceeding the",
        "at least",
        "upwards of",
        "surpassing",
        "surpassing the",
        "surpassed",
        "surpassed the",
        "exceeded",
        "topped",
        "topping",
    ]) {
        Hedge::AtLeast
    } else if ends_with_any(&["less than", "under", "below", "at most"]) {
        Hedge::AtMost
    } else {
        Hedge::Exact
    }
}

/// What a sentence leaves unsaid and the sentences before it said: the year and months of the
/// figures, the partner, the product, and whether the text is about tariffs.
#[derive(Debug, Clone, Default)]
pub struct Carried {
    topic: Option<Topic>,
    year: Option<i32>,
    months: Option<Months>,
    geography: Option<Geography>,
    product: Option<Product>,
    tariffs: bool,
}

/// Words before a year that make it the base of a comparison rather than the figure's year.
const BASE_MARKERS: [&str; 9] = [
    "compared with",
    "compared to",
    "from",
    "on",
    "over",
    "than in",
    "than",
    "versus",
    "against",
];

/// How a sentence names a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearRole {
    /// The year a figure is of.
    Figure,
    /// The year a change is measured from ("up 64.2% on 2021").
    Base,
    /// A year named for reference only ("the first drop since 2020").
    Reference,
}

/// Every year a sentence names: where, which, and in what role.
fn year_mentions(sentence: &str) -> Vec<(usize, i32, YearRole)> {
    YEAR.find_iter(sentence)
        .filter_map(|m| {
            let year = m.as_str().parse().ok()?;
            let before = sentence[..m.start()].trim_end().to_lowercase();
            let after_marker =
                |marker: &str| before.ends_with(&format!(" {marker}")) || before == marker;
            let role = if after_marker("since") {
                YearRole::Reference
            } else if BASE_MARKERS.iter().any(|marker| after_marker(marker)) {
                YearRole::Base
            } else {
                YearRole::Figure
            };
            Some((m.start(), year, role))
        })
        .collect()
}

/// "last year", "this year", "the year before last", against the article's date.
fn relative_year(lower: &str, date: Option<IsoDate>) -> Option<(i32, &'static str)> {
    let date = date?;
    if lower.contains("year before last") {
        Some((date.year - 2, "the year before last"))
    } else if (lower.contains("last year") && !lower.contains("same period last year"))
        || lower.contains("previous year")
    {
        Some((date.year - 1, "last year"))
    } else if lower.contains("this year") {
        Some((date.year, "this year"))
    } else {
        None
    }
}

/// How far a year stands from a number, a comma or dash between them counting as a clause
/// apart: in "$84.07 billion, in 2018 - by 27.1%" the year goes with 27.1%.
fn clause_distance(sentence: &str, at: usize, number: &Range<usize>) -> usize {
    let between = if at >= number.end {
        &sentence[number.end..at]
    } else {
        &sentence[at..number.start]
    };
    let breaks = between.matches([',', ';', '—', '–']).count() + between.matches(" - ").count();
    let distance = between.len() + 40 * breaks;
    // A year introduces what follows it ("in 2018 - by 27.1%") more often than it closes what
    // went before, so a year after a number stands a little further from it.
    if at >= number.end {
        distance * 3 / 2
    } else {
        distance
    }
}

/// What one sentence says about time for all its figures.
struct SentenceTime {
    years: Vec<(usize, i32, YearRole)>,
    /// For each year of `years` that is not a base, the number nearest to it: the number the
    /// year belongs to.
    owners: Vec<Option<usize>>,
    /// For each number, whether it is the base of a comparison ("up from $240.1 billion").
    base_numbers: Vec<bool>,
    relative: Option<(i32, &'static str)>,
    /// A period opening the sentence ("In June, …") holds for every figure in it.
    leading_months: Option<(Months, String)>,
    /// The sentence names no year of its own, or refers back ("the same period").
    refers_back: bool,
}

impl SentenceTime {
    fn of(sentence: &str, lower: &str, date: Option<IsoDate>, numbers: &[Number]) -> Self {
        let years = year_mentions(sentence);
        let owners = years
            .iter()
            .map(|(at, _, role)| {
                (*role == YearRole::Figure)
                    .then(|| {
                        numbers
                            .iter()
                            .enumerate()
                            .min_by_key(|(_, n)| clause_distance(sentence, *at, &n.range))
                    })
                    .flatten()
                    .map(|(index, _)| index)
            })
            .collect();
        let base_numbers = numbers
            .iter()
            .map(|n| {
                let before = lower[..n.range.start].trim_end();
                ["from", "from a", "compared with", "compared to", "than"]
                    .iter()
                    .any(|marker| before.ends_with(marker))
            })
            .collect();
        let relative = relative_year(lower, date);
        let leading_months = sentence
            .split_once(',')
            .filter(|(lead, _)| !lead.chars().any(|c| c.is_ascii_digit()))
            .and_then(|(lead, _)| months_in(lead));
        let names_a_year =
            years.iter().any(|(_, _, role)| *role == YearRole::Figure) || relative.is_some();
        let refers_back =
            !names_a_year || lower.contains("same period") || lower.contains("reporting period");
        Self {
            years,
            owners,
            base_numbers,
            relative,
            leading_months,
            refers_back,
        }
    }
}

/// Where a number stands among its neighbours: its own phrase runs from the end of the
/// number before it to the start of the number after it.
struct Place<'a> {
    sentence: &'a str,
    /// The sentence in ASCII lower case, so byte positions match the sentence's.
    lower: &'a str,
    range: Range<usize>,
    own_start: usize,
    own_end: usize,
}

impl Place<'_> {
    fn before(&self) -> &str {
        &self.sentence[self.own_start..self.range.start]
    }

    fn after(&self) -> &str {
        &self.sentence[self.range.end..self.own_end]
    }

    fn own_lower(&self) -> &str {
        &self.lower[self.own_start..self.own_end]
    }
}

/// The figure's year and the year it is compared with, with the words they were read from:
/// a year standing nearest to this number; else "last year" and the like; else a year of
/// another figure of the sentence that is not a base of comparison; else the year of the
/// sentences before; else, for part of a year, the year the article was written in.
fn year_and_base(
    place: &Place,
    (index, previous_year): (usize, Option<i32>),
    time: &SentenceTime,
    carried: &Carried,
    months: Option<Months>,
    date: Option<IsoDate>,
) -> (Option<(i32, String)>, Option<i32>) {
    let own = place.own_start..place.own_end;
    // The base a change is measured from follows it ("up 64.2% on 2021"), else stands nearest.
    let bases: Vec<(usize, i32)> = time
        .years
        .iter()
        .filter(|(at, _, role)| *role == YearRole::Base && own.contains(at))
        .map(|(at, year, _)| (*at, *year))
        .collect();
    let base = bases
        .iter()
        .find(|(at, _)| *at >= place.range.end)
        .or_else(|| {
            bases
                .iter()
                .min_by_key(|(at, _)| at.abs_diff(place.range.start))
        })
        .map(|(_, year)| *year);
    let start = place.range.start;
    let owned_by = |owner: Option<usize>| {
        time.years
            .iter()
            .zip(&time.owners)
            .filter(move |(_, o)| **o == owner)
    };
    let own_year = owned_by(Some(index))
        .map(|((at, year, _), _)| (*at, *year))
        .min_by_key(|(at, _)| at.abs_diff(start));
    let relative_own = relative_year(place.own_lower(), date).or(time.relative);
    let shared = time
        .years
        .iter()
        .zip(&time.owners)
        .filter(|((_, _, role), owner)| {
            *role == YearRole::Figure
                && owner.is_none_or(|o| !time.base_numbers.get(o).copied().unwrap_or(false))
        })
        .map(|((at, year, _), _)| (*at, *year))
        .min_by_key(|(at, _)| at.abs_diff(start));
    let from_date = months.zip(date).map(|(months, date)| {
        if date.month > months.last {
            date.year
        } else {
            date.year - 1
        }
    });
    // "increased by 20.8%, to $84.07 billion": a figure continuing the one before shares its year.
    let lead = place
        .before()
        .trim()
        .trim_start_matches(',')
        .trim_start()
        .to_ascii_lowercase();
    let continues = [
        "to ",
        "reaching",
        "amounting to",
        "totaling",
        "totalling",
        "exceeding",
    ]
    .iter()
    .any(|words| lead.starts_with(words))
        || lead == "to";
    let year_before = previous_year.filter(|_| continues);
    let year = own_year
        .map(|(_, year)| (year, year.to_string()))
        .or_else(|| year_before.map(|year| (year, format!("{year}, the figure before"))))
        .or_else(|| relative_own.map(|(year, words)| (year, words.to_owned())))
        .or_else(|| shared.map(|(_, year)| (year, year.to_string())))
        // Part of a year named without one is of the year the article reports from.
        .or_else(|| from_date.map(|year| (year, format!("{year}, when the article was written"))))
        .or_else(|| {
            carried
                .year
                .map(|year| (year, format!("{year}, from the sentences before")))
        });
    (year, base)
}

/// The months a figure covers: named in its own phrase, at the head of its sentence, or, when
/// the sentence refers back, in the sentences before.
fn months_of(place: &Place, time: &SentenceTime, carried: &Carried) -> Option<(Months, String)> {
    // The months before the number in its own phrase, else those right after it in its clause
    // ("dropped 8.4% from January to June, …"); never the next figure's.
    let after = place.after();
    let clause_after = after.split([',', ';']).next().unwrap_or(after);
    months_in(place.before())
        .or_else(|| months_in(clause_after))
        .or_else(|| time.leading_months.clone())
        .or_else(|| months_in(&place.sentence[..place.range.start]))
        .or_else(|| {
            time.refers_back
                .then_some(carried.months)
                .flatten()
                .map(|months| (months, "the period of the sentences before".to_owned()))
        })
}

/// What a number's words say it is about.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Topic {
    Trade(Measure),
    Product(Product),
    Balance,
    Tariff,
}

/// Words naming what trade figures measure, as China reports them.
const TOPIC_WORDS: [(&str, Topic); 35] = [
    ("exports and imports", Topic::Trade(Measure::TotalTrade)),
    ("imports and exports", Topic::Trade(Measure::TotalTrade)),
    ("two-way trade", Topic::Trade(Measure::TotalTrade)),
    ("bilateral trade", Topic::Trade(Measure::TotalTrade)),
    ("trade turnover", Topic::Trade(Measure::TotalTrade)),
    ("turnover", Topic::Trade(Measure::TotalTrade)),
    ("total trade", Topic::Trade(Measure::TotalTrade)),
    ("commerce", Topic::Trade(Measure::TotalTrade)),
    ("trade", Topic::Trade(Measure::TotalTrade)),
    ("exports to russia", Topic::Trade(Measure::ChinaExports)),
    ("exports from china", Topic::Trade(Measure::ChinaExports)),
    ("china's exports", Topic::Trade(Measure::ChinaExports)),
    ("chinese exports", Topic::Trade(Measure::ChinaExports)),
    ("shipments to russia", Topic::Trade(Measure::ChinaExports)),
    ("imports from china", Topic::Trade(Measure::ChinaExports)),
    ("russia's imports", Topic::Trade(Measure::ChinaExports)),
    ("supplies from china", Topic::Trade(Measure::ChinaExports)),
    ("china exported", Topic::Trade(Measure::ChinaExports)),
    ("exports", Topic::Trade(Measure::ChinaExports)),
    ("imports from russia", Topic::Trade(Measure::ChinaImports)),
    ("goods from russia", Topic::Trade(Measure::ChinaImports)),
    ("china's imports", Topic::Trade(Measure::ChinaImports)),
    ("russia's exports", Topic::Trade(Measure::ChinaImports)),
    ("russian exports", Topic::Trade(Measure::ChinaImports)),
    ("exports to china", Topic::Trade(Measure::ChinaImports)),
    ("exports from russia", Topic::Trade(Measure::ChinaImports)),
    ("supplies from russia", Topic::Trade(Measure::ChinaImports)),
    ("purchases from russia", Topic::Trade(Measure::ChinaImports)),
    ("china imported", Topic::Trade(Measure::ChinaImports)),
    ("imports", Topic::Trade(Measure::ChinaImports)),
    ("surplus", Topic::Balance),
    ("deficit", Topic::Balance),
    ("balance", Topic::Balance),
    ("tariff", Topic::Tariff),
    ("duties", Topic::Tariff),
];

/// The topic word ending nearest before `end` in `lower[start..end]`, longest first on a tie,
/// with where it ends.
fn topic_before(lower: &str, start: usize, end: usize) -> Option<(Topic, &'static str, usize)> {
    let text = &lower[start..end];
    TOPIC_WORDS
        .iter()
        .filter_map(|(words, topic)| {
            // Typeset text writes "China’s" with a curly apostrophe.
            let (at, length) = text.rfind(words).map(|at| (at, words.len())).or_else(|| {
                let curly = words.replace('\'', "’");
                text.rfind(&curly).map(|at| (at, curly.len()))
            })?;
            Some((start + at + length, length, *topic, *words))
        })
        .max_by_key(|(end, length, _, _)| (*end, *length))
        .map(|(end, _, topic, words)| (topic, words, end))
}

static OF_WHAT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)^\s*(?:worth\s+)?of\s+([a-z' ]{0,30})"));

static MONTH_ON_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)month-on-month|m/m|on a monthly basis|over the month|compared (?:to|with) (?:january|february|march|april|may|june|july|august|september|october|november|december)\b",
    )
});

static FROM_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\bfrom (?:january|february|march|april|may|june|july|august|september|october|november|december)\b",
    )
});

/// "increasing by 16% from February": a change on an earlier month, unless the month starts
/// a range ("from January to June").
fn from_a_month(own: &str) -> bool {
    FROM_MONTH.find_iter(own).any(|found| {
        let rest = own[found.end()..].trim_start();
        !(rest.starts_with("to ")
            || rest.starts_with('-')
            || rest.starts_with('–')
            || rest.starts_with("through"))
    })
}

static CHANGE_IN: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)^\s*(?:fall|drop|rise|increase|jump|decline|decrease|surge|growth|gain)s?\s+in\s+([^,.;]{0,40})",
    )
});

/// What a number measures: the noun after "a 46% fall in …", a product named in its own
/// phrase, else the topic word nearest before it in the sentence (a product when it is named
/// with that word: "crude oil imports"), else the topic of the sentences before.
fn topic_of(place: &Place, carried: &Carried) -> Option<(Topic, String)> {
    if let Some(found) = CHANGE_IN.captures(place.after()) {
        let phrase = found[1].to_ascii_lowercase();
        if let Some((product, words)) = product_in(&phrase) {
            return Some((Topic::Product(product), words.to_owned()));
        }
        if let Some((topic, words, _)) = topic_before(&phrase, 0, phrase.len()) {
            return Some((topic, words.to_owned()));
        }
    }
    let own_topic = topic_before(place.lower, place.own_start, place.range.start);
    if let Some((Topic::Tariff, words, _)) = own_topic {
        return Some((Topic::Tariff, words.to_owned()));
    }
    // "$107.76 billion of trade", "$62.4 billion of crude".
    if let Some(found) = OF_WHAT.captures(place.after()) {
        let phrase = found[1].to_ascii_lowercase();
        if let Some((product, words)) = product_in(&phrase) {
            return Some((Topic::Product(product), words.to_owned()));
        }
        if let Some((topic, words, _)) = topic_before(&phrase, 0, phrase.len()) {
            return Some((topic, words.to_owned()));
        }
    }
    match (product_in(place.before()), own_topic) {
        (Some((product, words)), _) => return Some((Topic::Product(product), words.to_owned())),
        (None, Some((topic, words, _))) => return Some((topic, words.to_owned())),
        (None, None) => {}
    }
    let before = &place.sentence[..place.range.start];
    let sentence_topic = topic_before(place.lower, 0, place.range.start);
    let named_product = product_at(before).filter(|(at, _, _)| {
        sentence_topic.is_none_or(|(topic, words, end)| {
            topic != Topic::Tariff && *at + 30 >= end - words.len()
        })
    });
    if let Some((_, product, words)) = named_product {
        return Some((Topic::Product(product), words.to_owned()));
    }
    sentence_topic
        .map(|(topic, words, _)| (topic, words.to_owned()))
        .or_else(|| {
            carried
                .topic
                .map(|topic| (topic, "the sentences before".to_owned()))
        })
}

/// The measure a number of this kind has on this topic.
fn measure_for(found: Found, topic: Option<Topic>) -> (Measure, Option<Measure>) {
    match (found, topic) {
        (Found::Money(_), Some(Topic::Trade(measure))) => (measure, None),
        (Found::Money(_), Some(Topic::Product(_))) => (Measure::ProductValue, None),
        (Found::Money(_), Some(Topic::Balance)) => (Measure::Balance, None),
        (Found::Money(_), Some(Topic::Tariff)) => (Measure::TariffCoveredImports, None),
        (Found::Percent, Some(Topic::Trade(measure))) => (Measure::TradeGrowth, Some(measure)),
        (Found::Percent, Some(Topic::Product(_))) => (Measure::ProductGrowth, None),
        (Found::Tonnes | Found::CubicMetres, Some(Topic::Product(_))) => {
            (Measure::ProductVolume, None)
        }
        (Found::Record, Some(Topic::Trade(measure))) => (Measure::TradeRecord, Some(measure)),
        (Found::Years, _) => (Measure::YearsSinceRelationsBegan, None),
        (Found::Ordinal, _) => (Measure::EventOrdinal, None),
        (Found::Since, _) => (Measure::SinceYear, None),
        _ => (Measure::Unknown, None),
    }
}

fn unit_of(found: Found) -> ClaimUnit {
    match found {
        Found::Money(Currency::Usd) | Found::Record => ClaimUnit::UsdBn,
        Found::Money(Currency::Cny) => ClaimUnit::CnyBn,
        Found::Percent | Found::RateRange(_) => ClaimUnit::Percent,
        Found::Tonnes => ClaimUnit::MillionTonnes,
        Found::CubicMetres => ClaimUnit::Bcm,
        Found::Years => ClaimUnit::Years,
        Found::Ordinal => ClaimUnit::Ordinal,
        Found::Since => ClaimUnit::Year,
    }
}

/// The currency a growth rate was computed in, when the text says.
fn growth_currency(lower_sentence: &str) -> Option<Currency> {
    if contains_any(
        lower_sentence,
        &["in yuan", "yuan-denominated", "yuan terms"],
    ) {
        Some(Currency::Cny)
    } else if contains_any(lower_sentence, &["in dollar terms", "dollar-denominated"]) {
        Some(Currency::Usd)
    } else {
        None
    }
}

/// The product of a volume: named in its own phrase, after it ("of crude"), in its sentence,
/// or in the sentences before.
fn volume_product(place: &Place, carried: &Carried) -> Option<(Product, String)> {
    product_in(&place.sentence[place.own_start..place.own_end])
        .or_else(|| product_in(place.sentence))
        .map(|(product, words)| (product, words.to_owned()))
        .or_else(|| {
            carried
                .product
                .map(|product| (product, "the product of the sentences before".to_owned()))
        })
}

/// Reads one number of a sentence.
fn read_number(
    place: &Place,
    (index, number, previous_year): (usize, &Number, Option<i32>),
    time: &SentenceTime,
    carried: &Carried,
    date: Option<IsoDate>,
    claim: &mut FoundClaim,
) {
    let mut reading = Vec::new();
    // A superlative speaks of its own sentence's figures, never of those before.
    let no_carry = Carried::default();
    let topic_carried = if number.found == Found::Record {
        &no_carry
    } else {
        carried
    };
    let mut topic = topic_of(place, topic_carried);
    if matches!(number.found, Found::Tonnes | Found::CubicMetres) {
        topic = volume_product(place, carried).map(|(p, words)| (Topic::Product(p), words));
    }
    if let Some((_, words)) = &topic {
        reading.push(format!("measure from \"{words}\""));
    }
    (claim.measure, claim.growth_of) = measure_for(number.found, topic.as_ref().map(|t| t.0));
    if let Some((Topic::Product(product), _)) = topic {
        claim.product = Some(product);
    }
    let geography = partner_before(place.lower, place.range.start)
        .map(|(geography, words)| (geography, format!("\"{words}\"")))
        .or_else(|| {
            carried
                .geography
                .map(|g| (g, "the sentences before".to_owned()))
        });
    if let Some((geography, words)) = geography {
        claim.geography = geography;
        reading.push(format!("{} from {words}", geography.describe()));
    }
    if let Some((months, words)) = months_of(place, time, carried) {
        claim.months = Some(months);
        reading.push(format!("{} from \"{words}\"", months.label()));
    }
    let (mut year, base) = year_and_base(
        place,
        (index, previous_year),
        time,
        carried,
        claim.months,
        date,
    );
    // "a record high in 2024": a superlative's year follows it.
    if number.found == Found::Record
        && let Some((_, following, _)) = time.years.iter().find(|(at, _, role)| {
            *role == YearRole::Figure && *at >= place.range.end && *at - place.range.end <= 24
        })
    {
        year = Some((*following, following.to_string()));
    }
    if let Some((year, words)) = year {
        claim.year = Some(year);
        reading.push(format!("year {year} from \"{words}\""));
    }
    claim.base_year = base.filter(|_| number.found == Found::Percent);
    if number.found == Found::Percent {
        read_growth(place, claim, &mut reading);
    }
    if let Some((kind, words)) = statement_kind(place.own_lower(), place.lower) {
        claim.kind = kind;
        reading.push(format!("{kind:?} from \"{words}\"").to_lowercase());
    }
    if let Found::Money(currency) = number.found {
        claim.currency = Some(currency);
    }
    claim.reading = reading;
}

/// A growth rate's sign, base and currency.
fn read_growth(place: &Place, claim: &mut FoundClaim, reading: &mut Vec<String>) {
    if let Some((sign, words)) = direction(place.before(), place.after()) {
        claim.value = claim.value.map(|v| if v > 0.0 { v * sign } else { v });
        reading.push(format!("direction from \"{words}\""));
    }
    let own = place.own_lower();
    claim.month_on_month = MONTH_ON_MONTH.is_match(own) || from_a_month(place.after());
    if let Some(base) = claim.base_year {
        reading.push(format!("compared with {base}"));
    }
    claim.currency = growth_currency(place.lower);
    if claim.currency == Some(Currency::Cny) {
        reading.push("in yuan terms".to_owned());
    }
}

/// "from 25% to 100%", "from 0-7.5% to 25%": both rates read as one change of a tariff.
fn pair_rate_changes(claims: &mut [FoundClaim], numbers: &[Number], sentence: &str) {
    for index in 1..numbers.len() {
        let (old, new) = (&numbers[index - 1], &numbers[index]);
        let between = sentence[old.range.end..new.range.start].trim();
        let before = sentence[..old.range.start].trim_end().to_lowercase();
        let old_low = match old.found {
            Found::Percent => old.value,
            Found::RateRange(low) => Some(low),
            _ => None,
        };
        let (Some(low), Some(high), Some(rate), true) = (
            old_low,
            old.value,
            new.value.filter(|_| new.found == Found::Percent),
            between == "to" && before.ends_with("from"),
        ) else {
            continue;
        };
        for claim in &mut claims[index - 1..=index] {
            claim.measure = Measure::TariffRate;
            claim.growth_of = None;
            claim.rate_change = Some((low, high, rate));
            claim.value = claim.value.map(f64::abs);
            claim
                .reading
                .push(format!("a rate change from {high}% to {rate}%"));
        }
    }
}

/// What this sentence tells the sentences after it.
fn carry_over(carried: &mut Carried, claims: &[FoundClaim], time: &SentenceTime, lower: &str) {
    // The sentence's first figure that is not a base of comparison is what it is about.
    let subject = claims
        .iter()
        .zip(&time.base_numbers)
        .find(|(claim, is_base)| claim.year.is_some() && !**is_base);
    if let Some((claim, _)) = subject {
        carried.year = claim.year;
    } else if let Some((_, year, _)) = time
        .years
        .iter()
        .rev()
        .find(|(_, _, role)| *role == YearRole::Figure)
    {
        carried.year = Some(*year);
    }
    let months = months_in(lower).map(|(months, _)| months);
    if months.is_some() || !time.refers_back {
        carried.months = months;
    }
    if let Some((geography, _)) = partner_before(lower, lower.len()) {
        carried.geography = Some(geography);
    }
    if let Some((product, _)) = product_in(lower) {
        carried.product = Some(product);
    }
    if let Some((topic, _, _)) = topic_before(lower, 0, lower.len()) {
        carried.topic = Some(topic);
    }
    carried.tariffs |= contains_any(lower, &["tariff", "duties"]);
}

/// Finds and reads the claims of one sentence.
fn claims_in_sentence(
    paragraph_index: usize,
    sentence: &str,
    sentence_start: usize,
    date: Option<IsoDate>,
    carried: &mut Carried,
) -> Vec<FoundClaim> {
    let lower = sentence.to_ascii_lowercase();
    let numbers = numbers_in(sentence);
    let time = SentenceTime::of(sentence, &lower, date, &numbers);
    let reporter = reporter_of(sentence);
    let speaks_of_revenue = contains_any(
        &lower,
        &["revenue", "raise $", "collect", "bring in", "raising $"],
    );
    let mut claims: Vec<FoundClaim> = Vec::with_capacity(numbers.len());
    for (index, number) in numbers.iter().enumerate() {
        let range = number.range.clone();
        let place = Place {
            sentence,
            lower: &lower,
            range: range.clone(),
            own_start: index.checked_sub(1).map_or(0, |i| numbers[i].range.end),
            own_end: numbers
                .get(index + 1)
                .map_or(sentence.len(), |n| n.range.start),
        };
        let mut claim = FoundClaim {
            text: sentence[range.clone()].to_owned(),
            sentence: sentence.to_owned(),
            paragraph: paragraph_index,
            in_title: false,
            span: sentence_start + range.start..sentence_start + range.end,
            value: number.value,
            unit: unit_of(number.found),
            decimals: number.decimals,
            scale: number.scale,
            hedge: hedge_before(sentence, range.start),
            year: None,
            measure: Measure::Unknown,
            growth_of: None,
            reporter,
            product: None,
            geography: Geography::default(),
            months: None,
            base_year: None,
            month_on_month: false,
            kind: StatementKind::Reported,
            currency: None,
            rate_change: None,
            reading: Vec::new(),
            written: date,
            speaks_of_revenue,
        };
        let previous_year = claims.last().and_then(|c: &FoundClaim| c.year);
        read_number(
            &place,
            (index, number, previous_year),
            &time,
            carried,
            date,
            &mut claim,
        );
        finish_special(&mut claim, number, &lower, date);
        claims.push(claim);
    }
    pair_rate_changes(&mut claims, &numbers, sentence);
    read_records(&mut claims, &numbers);
    carry_over(carried, &claims, &time, &lower);
    claims
}

/// The readings particular to spans of years, ordinals, tariff values and conversions.
fn finish_special(claim: &mut FoundClaim, number: &Number, lower: &str, date: Option<IsoDate>) {
    match number.found {
        Found::Years => {
            let about_relations = contains_any(
                lower,
                &[
                    "relation",
                    "anniversary",
                    "friendship",
                    "ties",
                    "diplomatic",
                ],
            );
            if about_relations {
                if claim.year.is_none() || !YEAR.is_match(lower) {
                    claim.year = date.map(|d| d.year);
                }
            } else {
                claim.measure = Measure::Unknown;
            }
        }
        Found::Money(_)
            if claim.measure == Measure::TariffCoveredImports && claim.year.is_none() =>
        {
            claim.year = date.map(|d| d.year);
        }
        // "1.63 trillion yuan ($234 billion)": the writer's conversion, not a published figure.
        Found::Money(Currency::Usd) if lower[..number.range.start].trim_end().ends_with('(') => {
            claim.kind = StatementKind::Conversion;
            claim.reading.push("a conversion in brackets".to_owned());
        }
        _ => {}
    }
}

/// A superlative speaks of the money figure right after it ("a record $240.1 billion"), else
/// of the one nearest before it ("$244.8 billion, a record"); "a record surplus of $1 trillion"
/// speaks of something the data does not hold.
fn read_records(claims: &mut [FoundClaim], numbers: &[Number]) {
    let is_money = |c: &FoundClaim| c.unit == ClaimUnit::UsdBn && c.value.is_some();
    for index in 0..claims.len() {
        if numbers[index].found != Found::Record {
            continue;
        }
        let next = claims.get(index + 1).filter(|c| is_money(c));
        let money = match next {
            Some(next) if next.measure.flow().is_none() => None,
            Some(_) => Some(index + 1),
            None => (0..index)
                .rev()
                .find(|&j| is_money(&claims[j]) && claims[j].measure.flow().is_some()),
        };
        let Some(money) = money else {
            if next.is_some() {
                claims[index].measure = Measure::Unknown;
            }
            continue;
        };
        let (value, year, measure, geography) = (
            claims[money].value,
            claims[money].year,
            claims[money].measure,
            claims[money].geography,
        );
        let record = &mut claims[index];
        record.measure = Measure::TradeRecord;
        record.growth_of = Some(measure);
        record.value = value;
        record.year = year;
        record.geography = geography;
    }
}

/// Finds the claims of one paragraph on its own.
pub fn claims_in_paragraph(
    paragraph_index: usize,
    paragraph: &str,
    date: Option<IsoDate>,
) -> Vec<FoundClaim> {
    claims_in_paragraph_after(paragraph_index, paragraph, date, &mut Carried::default())
}

/// Finds the claims of a paragraph, reading what its sentences leave unsaid from `carried`,
/// what the paragraphs before it said.
pub fn claims_in_paragraph_after(
    paragraph_index: usize,
    paragraph: &str,
    date: Option<IsoDate>,
    carried: &mut Carried,
) -> Vec<FoundClaim> {
    let mut claims = Vec::new();
    for (offset, sentence) in sentences(paragraph) {
        let sentence_start = offset + paragraph[offset..].find(sentence).unwrap_or(0);
        claims.extend(claims_in_sentence(
            paragraph_index,
            sentence,
            sentence_start,
            date,
            carried,
        ));
    }
    claims
}

/// Finds the claims of a whole article, each sentence read in the light of those before it.
pub fn claims_in_article(paragraphs: &[String], date: Option<IsoDate>) -> Vec<FoundClaim> {
    let mut carried = Carried::default();
    paragraphs
        .iter()
        .enumerate()
        .flat_map(|(index, paragraph)| {
            claims_in_paragraph_after(index, paragraph, date, &mut carried)
        })
        .collect()
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
