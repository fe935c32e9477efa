use super::*;

fn bundle() -> Bundle {
    match Bundle::load() {
        Ok(bundle) => bundle,
        Err(err) => panic!("bundled data must load: {err}"),
    }
}

fn trade_value(bundle: &Bundle, year: i32, reporter: &str, flow: &str) -> Option<f64> {
    let trade = bundle.dataset(TRADE_ID)?;
    let criteria = [
        ("year".to_owned(), year.to_string()),
        ("reporter".to_owned(), reporter.to_owned()),
        ("flow".to_owned(), flow.to_owned()),
    ];
    let rows = trade.find_rows(&criteria);
    assert!(rows.len() <= 1, "one row per year, reporter and flow");
    trade
        .cell_text(*rows.first()?, "value_usd_bn")?
        .parse()
        .ok()
}

#[test]
fn trade_gives_the_china_customs_totals_for_2023_and_2024() {
    let bundle = bundle();
    assert_eq!(
        trade_value(&bundle, 2023, "china_customs", "total"),
        Some(240.11)
    );
    assert_eq!(
        trade_value(&bundle, 2024, "china_customs", "total"),
        Some(244.81)
    );
    assert_eq!(
        trade_value(&bundle, 2023, "russia_official", "total"),
        Some(227.8)
    );
}

#[test]
fn unconfirmed_years_are_left_out_not_guessed() {
    let bundle = bundle();
    for year in [2001, 2004, 2012, 2015] {
        assert_eq!(
            trade_value(&bundle, year, "china_customs", "total"),
            None,
            "{year}"
        );
    }
}

#[test]
fn derived_splits_are_marked_derived() {
    let bundle = bundle();
    let trade = bundle.dataset(TRADE_ID).expect("trade dataset");
    for year in ["2007", "2021", "2023"] {
        let rows = trade.find_rows(&[
            ("year".to_owned(), year.to_owned()),
            ("flow".to_owned(), "china_exports".to_owned()),
        ]);
        assert_eq!(rows.len(), 1, "{year}");
        assert_eq!(
            trade.cell_text(rows[0], "status").as_deref(),
            Some("derived"),
            "{year}"
        );
    }
}

#[test]
fn the_2024_tariff_announcement_covers_18_billion_and_known_groups_fit_within_it() {
    let bundle = bundle();
    let steps_2024: Vec<&TariffStep> = bundle
        .tariff_steps
        .iter()
        .filter(|step| step.action == "2024 increases")
        .collect();
    let announcement: Vec<_> = steps_2024
        .iter()
        .filter(|s| s.effective.is_none())
        .collect();
    assert_eq!(announcement.len(), 1);
    assert_eq!(announcement[0].imports_covered_usd_bn, Some(18.0));
    assert_eq!(
        announcement[0].announced.map(|d| d.to_string()).as_deref(),
        Some("2024-05-14")
    );
    let product_groups: Vec<_> = steps_2024
        .iter()
        .filter(|s| s.effective.is_some())
        .collect();
    assert!(
        product_groups.len() >= 14,
        "one row per product group and step"
    );
    let known_covered: f64 = product_groups
        .iter()
        .filter_map(|s| s.imports_covered_usd_bn)
        .sum();
    assert!(
        known_covered > 0.0 && known_covered <= 18.0,
        "{known_covered}"
    );
    let evs = product_groups
        .iter()
        .find(|s| s.product_group == "Electric vehicles")
        .expect("EV row");
    assert_eq!(
        (evs.old_rate_min_pct, evs.new_rate_pct),
        (Some(25.0), Some(100.0))
    );
}

#[test]
fn every_row_of_every_dataset_names_a_source_listed_in_the_catalog() {
    let bundle = bundle();
    assert_eq!(bundle.datasets.len(), 4);
    for dataset in &bundle.datasets {
        assert!(dataset.rows() > 0, "{}", dataset.spec.id);
        for row in 0..dataset.rows() {
            let sources = events::sources(dataset, row);
            assert!(
                !sources.is_empty(),
                "{} row {row} has no source",
                dataset.spec.id
            );
            for url in sources {
                assert!(url.starts_with("http"), "{url}");
                assert!(
                    dataset.spec.sources.contains(&url),
                    "{} row {row}: {url} is missing from the catalog's sources",
                    dataset.spec.id
                );
            }
        }
    }
}

#[test]
fn events_span_1949_to_2024_and_exercises_start_in_2012() {
    let bundle = bundle();
    let first = bundle.events.first().expect("events");
    assert_eq!(first.start.to_string(), "1949-10-02");
    let exercises: Vec<_> = bundle
        .events
        .iter()
        .filter(|e| matches!(e.kind, EventKind::Exercise | EventKind::Patrol))
        .collect();
    assert_eq!(exercises.first().map(|e| e.start.year), Some(2012));
    assert_eq!(
        exercises.last().map(|e| e.start.to_string()).as_deref(),
        Some("2024-11-29")
    );
    let tariff_2024 = bundle
        .events
        .iter()
        .filter(|e| e.kind == EventKind::Tariff && e.start.to_string() == "2024-05-14")
        .count();
    assert_eq!(tariff_2024, 1, "the 2024 announcement is drawn once");
}

#[test]
fn every_annotation_resolves_to_its_span_and_row() {
    let bundle = bundle();
    let article = &bundle.article;
    assert_eq!(
        article.date.map(|d| d.to_string()).as_deref(),
        Some("2024-05-16")
    );
    for annotation in &article.annotations {
        let paragraph = &article.paragraphs[annotation.paragraph];
        assert_eq!(&paragraph[annotation.span.clone()], annotation.text);
    }
    let record = article
        .annotation("trade-2023-record")
        .expect("trade annotation");
    assert!(record.text.contains("$240.1 billion"));
    let trade = bundle.dataset(TRADE_ID).expect("trade");
    let row = record.row.expect("row");
    assert_eq!(
        trade.cell_text(row, "value_usd_bn").as_deref(),
        Some("240.11")
    );
    assert!(record.note.contains("227.8"));
    assert!(!record.sources.is_empty());
}

fn trade_spec() -> DatasetSpec {
    bundle()
        .catalog
        .dataset(TRADE_ID)
        .expect("trade spec")
        .clone()
}

const HEADER: &str = "year,reporter,flow,value_usd_bn,status,reported_yoy_pct,note,source\n";

fn load_error(text: &str) -> String {
    match load_dataset(&trade_spec(), "my_trade.csv", text) {
        Ok(_) => panic!("should be rejected:\n{text}"),
        Err(err) => err.to_string(),
    }
}

#[test]
fn a_missing_column_is_rejected_naming_the_file_line_and_column() {
    let text = "year,reporter,flow,status,reported_yoy_pct,note,source\n2023,china_customs,total,reported,,,https://example.org\n";
    let message = load_error(text);
    assert!(message.contains("my_trade.csv"), "{message}");
    assert!(message.contains("line 1"), "{message}");
    assert!(message.contains("\"value_usd_bn\""), "{message}");
}

#[test]
fn a_non_numeric_value_is_rejected_naming_the_file_line_and_column() {
    let text = format!(
        "{HEADER}2022,china_customs,total,190.271,reported,,,https://a.org\n2023,china_customs,total,240.1bn,reported,,,https://a.org\n"
    );
    let message = load_error(&text);
    assert_eq!(
        message,
        "my_trade.csv, line 3, column 4 (\"value_usd_bn\"): \"240.1bn\" is not a number (use a point for decimals, as in 240.11). Correct the cell"
    );
}

#[test]
fn an_unknown_flow_is_rejected_naming_the_file_line_and_column() {
    let text = format!("{HEADER}2023,china_customs,exports,110.9,reported,,,https://a.org\n");
    let message = load_error(&text);
    assert!(
        message.starts_with("my_trade.csv, line 2, column 3 (\"flow\")"),
        "{message}"
    );
    assert!(message.contains("\"exports\""), "{message}");
    assert!(
        message.contains("total, china_exports, china_imports"),
        "{message}"
    );
}

#[test]
fn line_numbers_count_quoted_cells_that_span_lines() {
    let text = format!(
        "{HEADER}2022,china_customs,total,190.271,reported,,\"a note\non two lines\",https://a.org\n2023,china_customs,total,,reported,,,https://a.org\n"
    );
    let message = load_error(&text);
    assert!(
        message.starts_with("my_trade.csv, line 4, column 4"),
        "{message}"
    );
    assert!(message.contains("empty"), "{message}");
}

#[test]
fn ragged_rows_duplicates_and_missing_sources_are_rejected() {
    let ragged = format!("{HEADER}2023,china_customs,total,240.11,reported\n");
    assert!(load_error(&ragged).contains("line 2: the row has 5 cells but the header has 8"));
    let duplicate = format!(
        "{HEADER}2023,china_customs,total,240.11,reported,,,https://a.org\n2023,china_customs,total,240.2,reported,,,https://b.org\n"
    );
    assert!(
        load_error(&duplicate)
            .contains("line 3: a row with the same year, reporter, flow already stands on line 2")
    );
    let no_source = format!("{HEADER}2023,china_customs,total,240.11,reported,,,\n");
    assert!(load_error(&no_source).contains("column 8 (\"source\"): the cell is empty"));
    let not_a_url = format!("{HEADER}2023,china_customs,total,240.11,reported,,,GACC\n");
    assert!(load_error(&not_a_url).contains("web addresses"));
}

#[test]
fn a_catalog_error_names_its_line() {
    let err = Catalog::parse("catalog.toml", "[[dataset]]\nid = 3\n").expect_err("invalid");
    let message = err.to_string();
    assert!(message.starts_with("catalog.toml, line 2"), "{message}");
}
