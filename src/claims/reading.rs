//! How a number is read from the words around it: what it measures, between whom, over which
//! months, against which base, in which direction, and whether it is a reported fact at all.
//! Each reading looks first at the number's own phrase (the words between it and its
//! neighbours in the sentence), and only then at the rest of the sentence or, for the time and
//! place a sentence leaves unsaid, at the sentences before it.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;

use crate::data::Product;
use crate::data::facts::month_name;

fn regex(pattern: &str) -> Regex {
    // The patterns are constants, checked by the tests.
    Regex::new(pattern).unwrap_or_else(|err| panic!("invalid reading pattern {pattern}: {err}"))
}

/// Between whom a figure's trade runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Geography {
    #[default]
    ChinaRussia,
    /// China's trade with the whole world.
    ChinaWorld,
    UsChina,
    /// Another country's trade (Saudi Arabia's oil, Malaysia's…).
    Other,
    /// Nothing in the text says; a bare "exports rose 6%".
    Unclear,
}

impl Geography {
    pub fn describe(self) -> &'static str {
        match self {
            Self::ChinaRussia => "China–Russia",
            Self::ChinaWorld => "China's trade with the world",
            Self::UsChina => "US–China trade",
            Self::Other => "another country's trade",
            Self::Unclear => "trade whose partner the sentence does not name",
        }
    }
}

/// Whether a figure is a reported fact, or something the data cannot confirm by its nature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum StatementKind {
    #[default]
    Reported,
    /// A goal or pledge ("aim to lift trade to $200 billion").
    Target,
    /// An expectation ("is expected to reach").
    Forecast,
    /// A figure converted from another currency by the writer ("1.63 trillion yuan ($234 billion)").
    Conversion,
    /// A share of a total ("3% of China's trade").
    Share,
    /// A capacity or contract, not a year's flow ("38 billion cubic metres a year").
    Capacity,
    /// An average over several years ("average annual growth of 30%").
    Average,
}

/// The months of a year a figure covers, when fewer than twelve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Months {
    pub first: u32,
    pub last: u32,
}

impl Months {
    pub fn label(self) -> String {
        if self.first == self.last {
            month_name(self.first).to_owned()
        } else {
            format!("{}–{}", month_name(self.first), month_name(self.last))
        }
    }
}

fn month_number(word: &str) -> Option<u32> {
    crate::data::month_from_name(word)
}

static MONTH_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\s*(?:-|–|—|to|through|and)\s*(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b",
    )
});
static FIRST_MONTHS: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)\bfirst\s+(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven)\s+months\b")
});
static SINGLE_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(?:in|for|during)\s+(january|february|march|april|may|june|july|august|september|october|november|december)\b(?:\s+(?:alone|\d{4}))?|\b(january|february|march|april|may|june|july|august|september|october|november|december)\s+alone\b",
    )
});

fn word_number(word: &str) -> Option<u32> {
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    ];
    word.parse().ok().or_else(|| {
        words
            .iter()
            .position(|w| w.eq_ignore_ascii_case(word))
            .map(|i| i as u32 + 1)
    })
}

/// The part of a year a stretch of text names: "the first half", "January-July", "in June".
pub fn months_in(text: &str) -> Option<(Months, String)> {
    let lower = text.to_lowercase();
    let named =
        |first: u32, last: u32, words: &str| Some((Months { first, last }, words.to_owned()));
    for (words, first, last) in [
        ("first half", 1, 6),
        ("first quarter", 1, 3),
        ("first nine months", 1, 9),
        ("first six months", 1, 6),
        ("second half", 7, 12),
    ] {
        if lower.contains(words) {
            return named(first, last, words);
        }
    }
    if let Some(found) = MONTH_RANGE.captures(text) {
        let first = month_number(&found[1])?;
        let last = month_number(&found[2])?;
        if first < last {
            return named(first, last, &found[0]);
        }
    }
    if let Some(found) = FIRST_MONTHS.captures(text) {
        let last = word_number(&found[1])?;
        return named(1, last.min(12), &found[0]);
    }
    let found = SINGLE_MONTH.captures(text)?;
    let month = found.get(1).or_else(|| found.get(2))?;
    let number = month_number(month.as_str())?;
    named(number, number, &found[0])
}

/// Words that place a figure's trade between partners; the nearest before the number counts.
const PARTNERS: [(&str, Geography); 31] = [
    ("russia", Geography::ChinaRussia),
    ("moscow", Geography::ChinaRussia),
    ("power of siberia", Geography::ChinaRussia),
    ("two countries", Geography::ChinaRussia),
    ("two nations", Geography::ChinaRussia),
    ("two sides", Geography::ChinaRussia),
    ("both countries", Geography::ChinaRussia),
    ("bilateral", Geography::ChinaRussia),
    ("united states", Geography::UsChina),
    ("u.s.", Geography::UsChina),
    ("china-us", Geography::UsChina),
    ("us-china", Geography::UsChina),
    ("america", Geography::UsChina),
    ("saudi", Geography::Other),
    ("iraq", Geography::Other),
    ("malaysia", Geography::Other),
    ("venezuela", Geography::Other),
    ("iran", Geography::Other),
    ("india", Geography::Other),
    ("japan", Geography::Other),
    ("korea", Geography::Other),
    ("european union", Geography::Other),
    ("asean", Geography::Other),
    ("brazil", Geography::Other),
    ("this country", Geography::Other),
    ("globally", Geography::ChinaWorld),
    ("global", Geography::ChinaWorld),
    ("overall,", Geography::ChinaWorld),
    ("broader trade", Geography::ChinaWorld),
    ("with the world", Geography::ChinaWorld),
    ("foreign trade", Geography::ChinaWorld),
];

/// Whether the partner words at `at` only name a currency or exclude the partner ("U.S.
/// dollars", "non-U.S. markets").
fn names_no_partner(lower: &str, at: usize) -> bool {
    let rest = &lower[at..];
    rest.starts_with("u.s. dollar")
        || rest.starts_with("u.s.-dollar")
        || lower[..at].ends_with("non-")
}

/// The partner named nearest before `at` in `lower` (a lower-cased sentence), with its words.
pub fn partner_before(lower: &str, at: usize) -> Option<(Geography, &'static str)> {
    PARTNERS
        .iter()
        .filter_map(|(words, geography)| {
            let position = lower[..at]
                .match_indices(words)
                .map(|(position, _)| position)
                .filter(|&position| !names_no_partner(lower, position))
                .last()?;
            Some((position, *geography, *words))
        })
        .max_by_key(|(position, _, _)| *position)
        .map(|(_, geography, words)| (geography, words))
}

/// Words that make a figure something other than a reported fact.
pub fn statement_kind(
    lower_own_phrase: &str,
    lower_sentence: &str,
) -> Option<(StatementKind, &'static str)> {
    const TARGET: [&str; 8] = [
        "goal",
        "target",
        "aim to",
        "aims to",
        "pledge",
        "plan to",
        "plans to",
        "plans for",
    ];
    const FORECAST: [&str; 7] = [
        "expected to",
        "expects",
        "forecast",
        "could reach",
        "will reach",
        "would reach",
        "projected",
    ];
    const SHARE: [&str; 4] = ["share of", "% of", "percent of", "accounted for"];
    const CAPACITY: [&str; 4] = [
        "capacity",
        "per year",
        "contract value",
        "over the entire period",
    ];
    for (words, kind) in [
        (&TARGET[..], StatementKind::Target),
        (&FORECAST[..], StatementKind::Forecast),
    ] {
        if let Some(word) = words.iter().find(|w| lower_sentence.contains(**w)) {
            return Some((kind, word));
        }
    }
    if let Some(word) = SHARE.iter().find(|w| lower_own_phrase.contains(**w)) {
        return Some((StatementKind::Share, word));
    }
    if let Some(word) = [
        "average",
        "on average",
        "past three years",
        "past five years",
    ]
    .iter()
    .find(|w| lower_own_phrase.contains(**w))
    {
        return Some((StatementKind::Average, word));
    }
    CAPACITY
        .iter()
        .find(|w| lower_own_phrase.contains(**w))
        .map(|word| (StatementKind::Capacity, *word))
}

/// A growth rate's direction from the words nearest the number: the word right after it
/// ("a 26% jump"), else the nearest one before it in its own phrase ("fell 9.1%").
pub fn direction(before: &str, after: &str) -> Option<(f64, String)> {
    const FALLS: [&str; 11] = [
        "fell", "fall", "down", "declin", "dropp", "drop", "decreas", "shrank", "shrink",
        "contract", "slump",
    ];
    const RISES: [&str; 12] = [
        "rose", "rise", "rising", "grew", "grow", "up", "increas", "jump", "surg", "gain", "climb",
        "soar",
    ];
    let words_of = |text: &str| -> Vec<String> {
        text.to_lowercase()
            .split(|c: char| !c.is_alphanumeric() && c != '-')
            .filter(|w| !w.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let sign_of = |word: &str| {
        if FALLS.iter().any(|f| word.starts_with(f)) {
            Some(-1.0)
        } else if RISES.iter().any(|r| word.starts_with(r)) {
            Some(1.0)
        } else {
            None
        }
    };
    let next = words_of(after)
        .into_iter()
        .filter(|w| {
            !matches!(
                w.as_str(),
                "year-on-year" | "y" | "yoy" | "percent" | "per" | "cent"
            )
        })
        .take(1)
        .find_map(|w| sign_of(&w).map(|s| (s, w)));
    next.or_else(|| {
        words_of(before)
            .into_iter()
            .rev()
            .find_map(|w| sign_of(&w).map(|s| (s, w)))
    })
}

/// The product a stretch of text speaks of, with the words that say so.
pub fn product_in(text: &str) -> Option<(Product, &'static str)> {
    product_at(text).map(|(_, product, words)| (product, words))
}

/// The product named last in a stretch of text, with where its words start.
pub fn product_at(text: &str) -> Option<(usize, Product, &'static str)> {
    let text = format!(" {} ", text.to_ascii_lowercase());
    let products: [(&str, Product); 10] = [
        (" crude", Product::CrudeOil),
        (" oil ", Product::CrudeOil),
        (" oil,", Product::CrudeOil),
        (" lng", Product::Lng),
        ("liquefied natural gas", Product::Lng),
        ("power of siberia", Product::PipelineGas),
        ("pipeline gas", Product::PipelineGas),
        (" coal", Product::Coal),
        (" vehicle", Product::PassengerCars),
        (" cars", Product::PassengerCars),
    ];
    products
        .iter()
        .filter_map(|(words, product)| text.rfind(words).map(|at| (at, *product, *words)))
        .max_by_key(|(at, _, _)| *at)
        .map(|(at, product, words)| (at.saturating_sub(1), product, words.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_of_a_year_are_read_from_their_many_spellings() {
        let months = |text: &str| months_in(text).map(|(m, _)| (m.first, m.last));
        assert_eq!(months("in the first half of 2025"), Some((1, 6)));
        assert_eq!(months("from January to June"), Some((1, 6)));
        assert_eq!(months("in January-July 2024"), Some((1, 7)));
        assert_eq!(months("in the first 11 months of 2025"), Some((1, 11)));
        assert_eq!(months("In June, bilateral trade held steady"), Some((6, 6)));
        assert_eq!(months("In December alone, trade"), Some((12, 12)));
        assert_eq!(months("trade reached a record in 2024"), None);
    }

    #[test]
    fn direction_comes_from_the_words_nearest_the_number() {
        let sign = |before: &str, after: &str| direction(before, after).map(|(s, _)| s);
        assert_eq!(
            sign("The fall follows growth of just ", " in 2024"),
            Some(1.0)
        );
        assert_eq!(sign(" in 2024 and a ", " jump in 2023"), Some(1.0));
        assert_eq!(sign("marking a ", " decrease from"), Some(-1.0));
        assert_eq!(sign("Trade fell ", " year-on-year in"), Some(-1.0));
    }

    #[test]
    fn the_partner_nearest_the_number_places_it() {
        let lower = "russia is the largest supplier followed by saudi arabia (46.78 mln tons";
        assert_eq!(
            partner_before(lower, lower.len()).map(|(g, _)| g),
            Some(Geography::Other)
        );
        let lower = "trade between china and the united states grew by 3.7%";
        assert_eq!(
            partner_before(lower, lower.len()).map(|(g, _)| g),
            Some(Geography::UsChina)
        );
    }
}
