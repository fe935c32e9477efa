//! The numbers of a sentence as its words write them: money in dollars or yuan with its scale,
//! percentages and ranges of rates, tonnes and cubic metres, spans of years, ordinals, "since
//! 2019" and "record" — each with its place in the sentence and how precisely it is written.
//! What a number measures is read from the words around it ([`super::extract`]).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::data::Currency;

pub(super) fn regex(pattern: &str) -> Regex {
    // The patterns are constants; the claim tests compile every one of them.
    Regex::new(pattern).unwrap_or_else(|err| panic!("invalid claim pattern {pattern}: {err}"))
}

pub(super) const NUMBER: &str = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)";

pub(super) static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)(?:US\$|USD\s?|\$)\s?{NUMBER}\s*(trillion|billion|bln|bn|million|mln|mn)\b|\b{NUMBER}\s*(trillion|billion|bln|bn)\s+(?:U\.?S\.?\s+)?dollars\b"
    ))
});
pub(super) static YUAN: LazyLock<Regex> = LazyLock::new(|| {
    regex(&format!(
        r"(?i)\b{NUMBER}\s*(trillion|billion|bln|bn)\s+(?:yuan|renminbi|rmb)\b"
    ))
});
pub(super) static TONNES: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)(\d+(?:\.\d+)?)\s*(?:million|mln|mn)\s+(?:metric\s+)?(?:tonnes|tons)\b")
});
pub(super) static CUBIC_METRES: LazyLock<Regex> = LazyLock::new(|| {
    regex(r"(?i)(\d+(?:\.\d+)?)\s*(trillion|billion|bln|bn)\s+cubic\s+met(?:er|re)s\b")
});
pub(super) static RATE_RANGE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(\d+(?:\.\d+)?)\s?[-–]\s?(\d+(?:\.\d+)?)\s?%"));
pub(super) static PERCENT: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)([+\-−]?\d+(?:\.\d+)?)\s?(?:%|per\s?cent\b|percent\b)"));
pub(super) static YEARS: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b(\d{1,3})(?:st|nd|rd|th)?\s+(years?|anniversary)\b"));
pub(super) static ORDINAL: LazyLock<Regex> = LazyLock::new(|| {
    regex(
        r"(?i)\b(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|\d{1,2}(?:st|nd|rd|th))\s+((?:[a-z-]+\s+){0,3}?(?:patrol|expo|exercise|drills?))\b",
    )
});
pub(super) static SINCE: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\bsince\s+(19[4-9]\d|20\d\d)\b"));
pub(super) static RECORD: LazyLock<Regex> =
    LazyLock::new(|| regex(r"(?i)\b(a record|record high|record|all-time high|highest ever)\b"));
pub(super) static YEAR: LazyLock<Regex> = LazyLock::new(|| regex(r"\b(19[4-9]\d|20\d\d)\b"));

pub(super) fn decimals_of(number: &str) -> u32 {
    number
        .split_once('.')
        .map_or(0, |(_, fraction)| fraction.len() as u32)
}

pub(super) fn parse_number(number: &str) -> Option<f64> {
    number.replace(',', "").replace('−', "-").parse().ok()
}

pub(super) fn scale_to_bn(scale: &str) -> f64 {
    match scale.to_lowercase().as_str() {
        "trillion" => 1000.0,
        "million" | "mln" | "mn" => 0.001,
        _ => 1.0,
    }
}

/// What kind of number a match is, with what its own words give.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Found {
    Money(Currency),
    Percent,
    /// "0-7.5%": the low end of a range of rates.
    RateRange(f64),
    Tonnes,
    CubicMetres,
    Years,
    Ordinal,
    /// "since 2019".
    Since,
    Record,
}

/// One number in a sentence: where it stands, what it says and how precisely.
#[derive(Debug, Clone)]
pub(super) struct Number {
    pub range: Range<usize>,
    pub found: Found,
    pub value: Option<f64>,
    pub decimals: u32,
    pub scale: f64,
}

pub(super) fn numbers_in(sentence: &str) -> Vec<Number> {
    let mut numbers: Vec<Number> = Vec::new();
    // An earlier, more specific pattern wins where two overlap ("0-7.5%" over "7.5%").
    let mut push = |range: Range<usize>, found: Found, value: Option<f64>, decimals, scale| {
        if numbers
            .iter()
            .any(|n| n.range.start < range.end && range.start < n.range.end)
        {
            return;
        }
        numbers.push(Number {
            range,
            found,
            value,
            decimals,
            scale,
        });
    };
    let written =
        |number: &str, scale: f64| (parse_number(number).map(|v| v * scale), decimals_of(number));
    // Yuan first: "1.63 trillion yuan ($234 billion)" holds both.
    for (pattern, currency) in [(&*YUAN, Currency::Cny), (&*MONEY, Currency::Usd)] {
        for found in pattern.captures_iter(sentence) {
            let Some(whole) = found.get(0) else { continue };
            let ((Some(number), Some(scale), ..) | (_, _, Some(number), Some(scale))) =
                (found.get(1), found.get(2), found.get(3), found.get(4))
            else {
                continue;
            };
            let scale = scale_to_bn(scale.as_str());
            let (value, decimals) = written(number.as_str(), scale);
            push(
                whole.range(),
                Found::Money(currency),
                value,
                decimals,
                scale,
            );
        }
    }
    for (pattern, kind) in [
        (&*TONNES, Found::Tonnes),
        (&*CUBIC_METRES, Found::CubicMetres),
    ] {
        for found in pattern.captures_iter(sentence) {
            let (Some(whole), Some(number)) = (found.get(0), found.get(1)) else {
                continue;
            };
            let scale = found.get(2).map_or(1.0, |s| scale_to_bn(s.as_str()));
            let (value, decimals) = written(number.as_str(), scale);
            push(whole.range(), kind, value, decimals, scale);
        }
    }
    for found in RATE_RANGE.captures_iter(sentence) {
        let (Some(whole), Some(low), Some(high)) = (found.get(0), found.get(1), found.get(2))
        else {
            continue;
        };
        let low = parse_number(low.as_str()).unwrap_or_default();
        let (value, decimals) = written(high.as_str(), 1.0);
        push(whole.range(), Found::RateRange(low), value, decimals, 1.0);
    }
    for (pattern, kind) in [(&*PERCENT, Found::Percent), (&*YEARS, Found::Years)] {
        for found in pattern.captures_iter(sentence) {
            let (Some(whole), Some(number)) = (found.get(0), found.get(1)) else {
                continue;
            };
            let (value, decimals) = written(number.as_str(), 1.0);
            push(whole.range(), kind, value, decimals, 1.0);
        }
    }
    for found in ORDINAL.captures_iter(sentence) {
        let (Some(whole), Some(ordinal)) = (found.get(0), found.get(1)) else {
            continue;
        };
        let place = ordinal_number(ordinal.as_str()).map(f64::from);
        push(whole.range(), Found::Ordinal, place, 0, 1.0);
    }
    for found in SINCE.captures_iter(sentence) {
        let (Some(whole), Some(year)) = (found.get(0), found.get(1)) else {
            continue;
        };
        let (value, _) = written(year.as_str(), 1.0);
        push(whole.range(), Found::Since, value, 0, 1.0);
    }
    for found in RECORD.find_iter(sentence) {
        push(found.range(), Found::Record, None, 0, 1.0);
    }
    numbers.sort_by_key(|n| n.range.start);
    numbers
}

pub(super) fn ordinal_number(word: &str) -> Option<u32> {
    const WORDS: [&str; 10] = [
        "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
        "tenth",
    ];
    let word = word.to_lowercase();
    WORDS
        .iter()
        .position(|w| *w == word)
        .map(|i| i as u32 + 1)
        .or_else(|| word.trim_end_matches(char::is_alphabetic).parse().ok())
}
