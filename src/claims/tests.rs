use super::reading::{Geography, StatementKind};
use super::*;
use crate::data::Product;

fn bundle() -> Bundle {
    Bundle::load().expect("bundled data loads")
}

fn check_text(text: &str) -> Vec<Claim> {
    let bundle = bundle();
    check_paragraphs(&bundle, &paragraphs_of(text), date_line(text))
}

/// Asserts the verdict of each of `texts`, naming the figure and the explanation on failure.
fn assert_verdicts(claims: &[Claim], texts: &[&str], verdict: Verdict) {
    for text in texts {
        let claim = find(claims, text);
        assert_eq!(claim.verdict, verdict, "{text}: {}", claim.explanation);
    }
}

fn find<'a>(claims: &'a [Claim], text: &str) -> &'a Claim {
    claims
        .iter()
        .find(|c| c.found.text == text)
        .unwrap_or_else(|| {
            panic!(
                "no claim {text:?} in {:#?}",
                claims.iter().map(|c| &c.found.text).collect::<Vec<_>>()
            )
        })
}

#[test]
fn the_bundled_articles_figures_are_supported() {
    let bundle = bundle();
    let claims = check_paragraphs(&bundle, &bundle.article.paragraphs, bundle.article.date);
    let trade = find(&claims, "$240.1 billion");
    assert_eq!(
        (trade.verdict, trade.found.year, trade.found.measure),
        (Verdict::Supported, Some(2023), Measure::TotalTrade)
    );
    assert_eq!(trade.expected, Some(240.11));
    assert!(trade.explanation.contains("227.8"), "{}", trade.explanation);
    let tariffs = find(&claims, "$18 billion");
    assert_eq!(
        (tariffs.verdict, tariffs.found.measure),
        (Verdict::Supported, Measure::TariffCoveredImports)
    );
    assert_eq!(tariffs.found.year, Some(2024));
    assert!(tariffs.explanation.contains("not the tariff revenue"));
    let record = find(&claims, "a record");
    assert_eq!(
        (record.verdict, record.found.measure),
        (Verdict::Supported, Measure::TradeRecord)
    );
    for years in ["75 Years", "75th anniversary"] {
        let claim = find(&claims, years);
        assert_eq!(
            (claim.verdict, claim.expected),
            (Verdict::Supported, Some(75.0)),
            "{years}"
        );
    }
    assert!(
        claims.iter().all(|c| c.verdict == Verdict::Supported),
        "{claims:#?}"
    );
}

#[test]
fn true_figures_for_several_years_and_flows_are_supported() {
    let claims = check_text(
        "Date: 2025-02-01\n\
         Trade between the two countries was $107.76 billion in 2020.\n\
         In 2022 China's exports to Russia were $76.12 billion and its imports from Russia $114.15 billion.\n\
         Trade grew 26.3% in 2023. In 2009 trade fell 31.8%.\n\
         China's imports from Russia reached $129.3 billion last year.",
    );
    assert_verdicts(
        &claims,
        &[
            "$107.76 billion",
            "$76.12 billion",
            "$114.15 billion",
            "26.3%",
            "31.8%",
            "$129.3 billion",
        ],
        Verdict::Supported,
    );
    assert_eq!(find(&claims, "$129.3 billion").found.year, Some(2024));
    assert_eq!(find(&claims, "31.8%").expected, Some(-31.8));
}

#[test]
fn a_wrong_figure_is_contradicted_with_the_datas_value() {
    let claims =
        check_text("Bilateral trade reached $250 billion in 2023.\nTrade grew 40% in 2023.");
    let wrong = find(&claims, "$250 billion");
    assert_eq!(
        (wrong.verdict, wrong.expected),
        (Verdict::Contradicted, Some(240.11))
    );
    let growth = find(&claims, "40%");
    assert_eq!(
        (growth.verdict, growth.expected),
        (Verdict::Contradicted, Some(26.3))
    );
}

#[test]
fn a_figure_the_data_cannot_check_is_unverified() {
    let claims = check_text(
        "Trade was $12 billion in 1995.\nThe fund will invest $10 billion in Harbin.\nSome 5% of shops closed.",
    );
    for text in ["$12 billion", "$10 billion", "5%"] {
        let claim = find(&claims, text);
        assert_eq!(
            (claim.verdict, claim.expected),
            (Verdict::Unverified, None),
            "{text}"
        );
    }
}

#[test]
fn rounding_and_hedges_set_the_tolerance() {
    let claims = check_text(
        "Trade reached $240 billion in 2023.\nTrade was $240.2 billion in 2023.\nTrade was more than $200 billion in 2023.\nTrade was about $235 billion in 2023.",
    );
    assert_eq!(find(&claims, "$240 billion").verdict, Verdict::Supported);
    assert_eq!(
        find(&claims, "$240.2 billion").verdict,
        Verdict::Contradicted
    );
    assert_eq!(find(&claims, "$200 billion").verdict, Verdict::Supported);
    assert_eq!(find(&claims, "$235 billion").verdict, Verdict::Supported);
}

#[test]
fn each_side_is_compared_with_its_own_figures_and_revenue_is_flagged() {
    let claims = check_text(
        "According to Russian customs, trade was $227.8 billion in 2023.\n\
         The 2024 tariffs will raise $18 billion in revenue.\n\
         A record $107.76 billion of trade was reported in 2020.",
    );
    let russian = find(&claims, "$227.8 billion");
    assert_eq!(
        (russian.verdict, russian.expected),
        (Verdict::Supported, Some(227.8))
    );
    let revenue = find(&claims, "$18 billion");
    assert_eq!(revenue.verdict, Verdict::Contradicted);
    assert!(revenue.explanation.contains("not the tariff revenue"));
    let not_a_record = find(&claims, "A record");
    assert_eq!(
        not_a_record.verdict,
        Verdict::Contradicted,
        "{}",
        not_a_record.explanation
    );
    assert!(
        not_a_record.explanation.contains("2019"),
        "{}",
        not_a_record.explanation
    );
}

#[test]
fn a_figure_against_weak_or_derived_data_is_never_called_wrong() {
    let claims =
        check_text("Trade was $9.3 billion in 2001.\nTrade came to $64.2 billion in 2015.");
    for text in ["$9.3 billion", "$64.2 billion"] {
        let claim = find(&claims, text);
        assert_eq!(
            claim.verdict,
            Verdict::Unverified,
            "{text}: {}",
            claim.explanation
        );
        assert!(
            claim.explanation.contains("not called wrong"),
            "{}",
            claim.explanation
        );
    }
    assert!(
        find(&claims, "$64.2 billion")
            .explanation
            .contains("yuan conversion")
    );
}

#[test]
fn the_latest_year_and_the_filled_years_are_checked() {
    let claims = check_text(
        "Date: 2026-01-14\n\
         China's trade with Russia fell 6.9% last year to $228.1 billion.\n\
         Trade reached $88.2 billion in 2012, and $21.23 billion in 2004.\n\
         Chinese exports to Russia dropped by 9.9% year-on-year in 2025.",
    );
    assert_verdicts(
        &claims,
        &[
            "6.9%",
            "$228.1 billion",
            "$88.2 billion",
            "$21.23 billion",
            "9.9%",
        ],
        Verdict::Supported,
    );
    assert_eq!(find(&claims, "6.9%").found.year, Some(2025));
    assert_eq!(find(&claims, "6.9%").expected, Some(-6.9));
    assert_eq!(find(&claims, "$228.1 billion").expected, Some(228.105));
    assert!(
        find(&claims, "9.9%")
            .explanation
            .contains("In yuan terms: -9.9%")
    );
}

#[test]
fn product_figures_are_checked_against_the_composition_data() {
    let claims = check_text(
        "China imported 108.5 million tonnes of Russian crude in 2024.\n\
         China bought 120 million tonnes of Russian crude oil in 2024.\n\
         Imports of Russian crude were worth $62.42 billion in 2024.\n\
         China imported 80 million tonnes of Russian crude in 2025.",
    );
    let volume = find(&claims, "108.5 million tonnes");
    assert_eq!(
        (volume.verdict, volume.found.measure, volume.found.product),
        (
            Verdict::Supported,
            Measure::ProductVolume,
            Some(Product::CrudeOil)
        )
    );
    assert_eq!(volume.dataset.as_deref(), Some(COMPOSITION_ID));
    assert_eq!(
        find(&claims, "120 million tonnes").verdict,
        Verdict::Contradicted
    );
    let value = find(&claims, "$62.42 billion");
    assert_eq!(
        (value.verdict, value.found.measure),
        (Verdict::Supported, Measure::ProductValue),
        "{}",
        value.explanation
    );
    // 2025 is known only to September: no verdict against a part of the year.
    let partial = find(&claims, "80 million tonnes");
    assert_eq!(
        partial.verdict,
        Verdict::Unverified,
        "{}",
        partial.explanation
    );
}

/// One figure of a real article as judged by hand in `tests/fixtures/articles/expected.toml`.
#[derive(Debug, serde::Deserialize)]
struct JudgedFigure {
    text: String,
    verdict: String,
    #[serde(default = "checkable_by_default")]
    checkable: bool,
}

fn checkable_by_default() -> bool {
    true
}

#[derive(Debug, serde::Deserialize)]
struct JudgedArticle {
    file: String,
    figures: Vec<JudgedFigure>,
}

#[derive(Debug, serde::Deserialize)]
struct Judgements {
    article: Vec<JudgedArticle>,
}

#[test]
fn real_articles_never_get_a_true_figure_called_wrong() {
    let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles");
    let judged: Judgements =
        toml::from_str(&std::fs::read_to_string(folder.join("expected.toml")).expect("judgements"))
            .expect("judgements parse");
    let bundle = bundle();
    let (mut checkable, mut found, mut agreed, mut judged_figures) =
        (0_usize, 0_usize, 0_usize, 0_usize);
    let mut false_contradictions = Vec::new();
    let mut disagreements = Vec::new();
    assert!(judged.article.len() >= 15, "at least 15 real articles");
    for article in &judged.article {
        let text = std::fs::read_to_string(folder.join(&article.file)).expect("article");
        assert!(
            text.starts_with("Source: http"),
            "{} names its source",
            article.file
        );
        let claims = check_paragraphs(&bundle, &paragraphs_of(&text), date_line(&text));
        let mut used = vec![false; claims.len()];
        for figure in &article.figures {
            judged_figures += 1;
            checkable += usize::from(figure.checkable);
            let matched = claims
                .iter()
                .enumerate()
                .find(|(index, claim)| !used[*index] && claim.found.text == figure.text);
            let Some((index, claim)) = matched else {
                if figure.checkable {
                    disagreements.push(format!("{}: {} not found", article.file, figure.text));
                }
                continue;
            };
            used[index] = true;
            found += usize::from(figure.checkable);
            let verdict = claim.verdict.label();
            if verdict == figure.verdict {
                agreed += 1;
            } else {
                disagreements.push(format!(
                    "{}: {} is {verdict}, judged {} ({})",
                    article.file, figure.text, figure.verdict, claim.explanation
                ));
            }
            if claim.verdict == Verdict::Contradicted && figure.verdict != "contradicted" {
                false_contradictions.push(format!(
                    "{}: {} — {}",
                    article.file, figure.text, claim.explanation
                ));
            }
        }
        // A claim found beyond the judged figures must not be called wrong either.
        for (index, claim) in claims.iter().enumerate() {
            if !used[index] && claim.verdict == Verdict::Contradicted {
                false_contradictions.push(format!(
                    "{}: unjudged {} — {}",
                    article.file, claim.found.text, claim.explanation
                ));
            }
        }
    }
    let recall = found as f64 / checkable as f64;
    let accuracy = agreed as f64 / judged_figures as f64;
    let report = format!(
        "found {found} of {checkable} checkable figures ({:.0}%), {agreed} of {judged_figures} verdicts agree ({:.0}%)\n{}",
        recall * 100.0,
        accuracy * 100.0,
        disagreements.join("\n")
    );
    println!("{report}");
    assert!(
        false_contradictions.is_empty(),
        "true figures called contradicted:\n{}\n{report}",
        false_contradictions.join("\n")
    );
    assert!(recall >= 0.94, "{report}");
    assert!(accuracy >= 0.80, "{report}");
}

/// Nine more real reports (targets, forecasts, quarter figures, lists of years, month-on-month
/// changes) used to check the reading on text it was not first written against: none of their
/// figures is wrong by the data, so none may be called contradicted, and the exact figures they
/// share with the data are supported.
#[test]
fn more_real_articles_get_no_false_contradiction() {
    let folder =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles/validation");
    let bundle = bundle();
    let mut supported = 0;
    for entry in std::fs::read_dir(folder).expect("validation articles") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("article");
        assert!(text.starts_with("Source: http"), "{}", path.display());
        for claim in check_paragraphs(&bundle, &paragraphs_of(&text), date_line(&text)) {
            assert_ne!(
                claim.verdict,
                Verdict::Contradicted,
                "{}: {} — {}",
                path.display(),
                claim.found.text,
                claim.explanation
            );
            supported += usize::from(claim.verdict == Verdict::Supported);
        }
    }
    // The first quarters of 2020 and 2025, 2016–2019 and 2025 are in the data.
    assert!(supported >= 20, "{supported}");
}

#[test]
fn each_number_is_read_from_its_own_phrase() {
    let claims = check_text(
        "Date: 2025-01-20\n\
         Exports and imports together came to $244.8 billion last year, up from $240.1 billion in 2023.\n\
         The slowdown follows growth of just 26.3% in 2023 and a 29.3% jump in 2022.\n\
         China's imports from Russia grew 12.7% in 2023 from 2022, and China's exports to Russia were up 64.2% on 2021.\n\
         In 2009 trade fell 31.8%.",
    );
    assert_verdicts(
        &claims,
        &[
            "$244.8 billion",
            "$240.1 billion",
            "26.3%",
            "29.3%",
            "12.7%",
            "31.8%",
        ],
        Verdict::Supported,
    );
    assert_eq!(
        find(&claims, "$244.8 billion").found.measure,
        Measure::TotalTrade
    );
    assert_eq!(find(&claims, "29.3%").expected, Some(29.3));
    let two_years = find(&claims, "64.2%");
    assert_eq!(two_years.verdict, Verdict::Unverified);
    assert!(
        two_years.explanation.contains("2021"),
        "{}",
        two_years.explanation
    );
    assert_eq!(find(&claims, "31.8%").found.year, Some(2009));
    let since =
        check_text("Date: 2026-01-14\nTrade fell 6.9% last year, the first drop since 2020.");
    let fall = find(&since, "6.9%");
    assert_eq!(
        (fall.verdict, fall.found.year, fall.found.base_year),
        (Verdict::Supported, Some(2025), None)
    );
    let last_fall = find(&since, "since 2020");
    assert_eq!(
        last_fall.verdict,
        Verdict::Supported,
        "{}",
        last_fall.explanation
    );
    let wrong =
        check_text("Date: 2026-01-14\nTrade fell 6.9% last year, the first drop since 2009.");
    assert_eq!(find(&wrong, "since 2009").verdict, Verdict::Contradicted);
    let patrols = check_text("Joint air patrols have been held since 2019.");
    assert_eq!(find(&patrols, "since 2019").verdict, Verdict::Supported);
}

#[test]
fn other_geographies_targets_yuan_and_parts_of_a_year_are_read_as_such() {
    let claims = check_text(
        "Date: 2025-07-14\n\
         Trade between China and the United States grew 3.7% to $688.3 billion in 2024.\n\
         China's trade with the world reached $6.16 trillion in 2024.\n\
         The two sides aim to lift trade to $300 billion by 2030.\n\
         Trade reached 1.74 trillion yuan in 2024.\n\
         In the first half, trade fell 9.1% to $106.48 billion, and in the first quarter it was $53.2 billion.\n\
         Russia accounted for 3% of China's total foreign trade.",
    );
    assert_verdicts(
        &claims,
        &[
            "3.7%",
            "$688.3 billion",
            "$6.16 trillion",
            "$300 billion",
            "3%",
        ],
        Verdict::Unverified,
    );
    assert_eq!(
        find(&claims, "$688.3 billion").found.geography,
        Geography::UsChina
    );
    assert_eq!(
        find(&claims, "$300 billion").found.kind,
        StatementKind::Target
    );
    let yuan = find(&claims, "1.74 trillion yuan");
    assert_eq!(
        (yuan.verdict, yuan.expected),
        (Verdict::Supported, Some(1740.0))
    );
    for text in ["9.1%", "$106.48 billion", "$53.2 billion"] {
        let claim = find(&claims, text);
        assert_eq!(
            claim.verdict,
            Verdict::Supported,
            "{text}: {}",
            claim.explanation
        );
        assert!(claim.found.months.is_some(), "{text}");
    }
}

#[test]
fn amounts_in_every_spelling_ordinals_and_tariff_rates_are_found_and_checked() {
    let claims = check_text(
        "Date: 2025-02-01\n\
         In 2023, trade reached 240.1 billion U.S. dollars.\n\
         Trade hit US$244.81 bln in 2024.\n\
         Putin opened the eighth China-Russia Expo in Harbin.\n\
         The ninth joint air patrol took place over the Sea of Japan.\n\
         The tariff on Chinese electric vehicles was raised from 25% to 100%, and on lithium-ion EV batteries from 7.5% to 25%.",
    );
    assert_verdicts(
        &claims,
        &[
            "240.1 billion U.S. dollars",
            "US$244.81 bln",
            "eighth China-Russia Expo",
            "ninth joint air patrol",
            "25%",
            "100%",
            "7.5%",
        ],
        Verdict::Supported,
    );
    assert_eq!(find(&claims, "100%").found.measure, Measure::TariffRate);
}

#[test]
fn a_figure_in_the_title_is_checked_and_placed_there() {
    let bundle = bundle();
    let article = Article::from_plain_text(
        "notes.txt",
        "China-Russia trade hit a record $244.8 billion in 2024\nDate: 2025-01-20\n\nExports to Russia rose 4.1%.\n",
    );
    let claims = check_article(&bundle, &article);
    let title = find(&claims, "$244.8 billion");
    assert!(title.found.in_title);
    assert_eq!(title.verdict, Verdict::Supported, "{}", title.explanation);
    // The title's year is read into the paragraph after it.
    let body = find(&claims, "4.1%");
    assert!(!body.found.in_title);
    assert_eq!((body.found.paragraph, body.found.year), (0, Some(2024)));
    assert_eq!(body.verdict, Verdict::Supported, "{}", body.explanation);
}
