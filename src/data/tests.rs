// Values parsed from the datasets are compared with the same literals, exactly.
#![allow(clippy::float_cmp)]

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
fn trade_gives_the_china_customs_totals_from_the_research() {
    let bundle = bundle();
    // Each value as the research notes give it, with its status.
    for (year, value, status) in [
        (1992, 5.86, "reported_weak"),
        (1996, 6.83, "reported"),
        (2001, 10.67, "reported_weak"),
        (2004, 21.23, "reported"),
        (2012, 88.16, "reported"),
        (2015, 68.0, "derived"),
        (2023, 240.11, "reported"),
        (2024, 244.81, "reported"),
        (2025, 228.105, "reported"),
    ] {
        assert_eq!(
            trade_value(&bundle, year, "china_customs", "total"),
            Some(value),
            "{year}"
        );
        let fact = bundle
            .trade_fact(year, Reporter::ChinaCustoms, Flow::Total)
            .expect("typed fact");
        assert_eq!(fact.status.code(), status, "{year}");
    }
    assert_eq!(
        trade_value(&bundle, 2023, "russia_official", "total"),
        Some(227.8)
    );
    let y2025 = bundle
        .trade_fact(2025, Reporter::ChinaCustoms, Flow::Total)
        .expect("2025");
    assert_eq!(
        (
            y2025.reported_yoy_pct,
            y2025.value_cny_bn,
            y2025.reported_yoy_cny_pct
        ),
        (Some(-6.9), Some(1630.0), Some(-6.5))
    );
    let exports = bundle
        .trade_fact(2025, Reporter::ChinaCustoms, Flow::ChinaExports)
        .expect("2025 exports");
    let imports = bundle
        .trade_fact(2025, Reporter::ChinaCustoms, Flow::ChinaImports)
        .expect("2025 imports");
    assert_eq!(exports.status, Status::ReportedWeak);
    assert!((exports.value_usd_bn + imports.value_usd_bn - 228.105).abs() < 1e-9);
    // The 2015 row carries the reported yuan figure beside the derived dollars.
    let y2015 = bundle
        .trade_fact(2015, Reporter::ChinaCustoms, Flow::Total)
        .expect("2015");
    assert_eq!(
        (y2015.value_cny_bn, y2015.reported_yoy_cny_pct),
        (Some(422.7), Some(-27.8))
    );
    assert!(y2015.note.contains("64.2"), "{}", y2015.note);
    // The rejected 2001 figure stays visible in the note.
    let y2001 = bundle
        .trade_fact(2001, Reporter::ChinaCustoms, Flow::Total)
        .expect("2001");
    assert!(y2001.note.contains("9.3"), "{}", y2001.note);
}

#[test]
fn years_no_source_confirms_stay_gaps() {
    let bundle = bundle();
    assert_eq!(bundle.coverage.missing_years, vec![1993, 1995, 1997]);
    for year in [1993, 1995, 1997] {
        assert_eq!(trade_value(&bundle, year, "china_customs", "total"), None);
    }
    assert_eq!(
        (
            bundle.coverage.first_year,
            bundle.coverage.last_full_year,
            bundle.coverage.record_year
        ),
        (1992, 2025, 2024)
    );
    let latest = bundle.coverage.latest_year_to_date.expect("2026 so far");
    assert_eq!(latest.label(), "January–April 2026");
}

#[test]
fn splits_are_reported_or_marked_derived() {
    let bundle = bundle();
    for (year, status) in [
        (2007, Status::Reported),
        (2013, Status::Derived),
        (2015, Status::Derived),
        (2021, Status::Derived),
        (2023, Status::Reported),
    ] {
        let fact = bundle
            .trade_fact(year, Reporter::ChinaCustoms, Flow::ChinaExports)
            .expect("split");
        assert_eq!(fact.status, status, "{year}");
    }
    let exports_2023 = bundle
        .trade_fact(2023, Reporter::ChinaCustoms, Flow::ChinaExports)
        .expect("2023 exports");
    assert_eq!(exports_2023.value_usd_bn, 110.97);
    assert_eq!(exports_2023.attribution.credit(), "GACC via TASS");
}

#[test]
fn every_row_says_where_it_was_read_and_how_firm_that_outlet_is() {
    let bundle = bundle();
    for fact in &bundle.trade_facts {
        assert!(!fact.attribution.via.is_empty(), "row {}", fact.row);
        assert!(!fact.attribution.urls.is_empty(), "row {}", fact.row);
    }
    let y2024 = bundle
        .trade_fact(2024, Reporter::ChinaCustoms, Flow::Total)
        .expect("2024");
    assert_eq!(
        y2024.attribution.credit_with_standing(),
        "GACC via TASS (wire agency or paper of record)"
    );
    assert_eq!(
        y2024.attribution.urls[0],
        "https://tass.com/economy/1942869"
    );
    let ev = bundle
        .tariff_steps
        .iter()
        .find(|step| step.product_group == "Electric vehicles")
        .expect("EV row");
    assert_eq!(ev.credit, "USTR via Federal Register (primary source)");
}

#[test]
fn year_to_date_and_single_months_follow_the_research() {
    let bundle = bundle();
    let period = |year, first_month, last_month| Period {
        year,
        first_month,
        last_month,
    };
    let value = |p: Period, flow: Flow| bundle.period_fact(p, flow).and_then(|f| f.value_bn);
    assert_eq!(value(period(2026, 1, 2), Flow::Total), Some(39.044));
    assert_eq!(value(period(2026, 1, 4), Flow::ChinaExports), Some(37.83));
    assert_eq!(value(period(2025, 1, 6), Flow::Total), Some(106.48));
    assert_eq!(value(period(2025, 1, 11), Flow::Total), Some(203.67));
    assert_eq!(value(period(2025, 3, 3), Flow::Total), Some(18.448));
    let january_2026 = bundle
        .period_fact(period(2026, 1, 1), Flow::Total)
        .expect("January 2026");
    assert_eq!(january_2026.status, Status::Derived);
    // Yuan rows stay yuan: no USD figure for January–September 2024.
    assert_eq!(value(period(2024, 1, 9), Flow::Total), None);
    // A month between two consecutive year-to-date totals is derived, and says how.
    let months = facts::usd_single_months(&bundle.period_facts, Flow::Total);
    let july_2023 = months
        .iter()
        .find(|m| m.period == period(2023, 7, 7))
        .expect("July 2023");
    assert_eq!(july_2023.status, Status::Derived);
    assert!((july_2023.value_usd_bn - (134.1 - 114.547)).abs() < 1e-3);
    assert!(
        july_2023.note.contains("January–June 2023"),
        "{}",
        july_2023.note
    );
    let june_2023 = months
        .iter()
        .find(|m| m.period == period(2023, 6, 6))
        .expect("June 2023");
    assert_eq!(
        (june_2023.value_usd_bn, june_2023.status),
        (20.83, Status::Reported)
    );
}

#[test]
fn composition_and_statements_follow_the_research() {
    let bundle = bundle();
    let find = |product: Product, year: i32, unit: &str| {
        bundle
            .composition
            .iter()
            .find(|f| f.product == product && f.period == Period::full_year(year) && f.unit == unit)
            .map(|f| f.value)
    };
    assert_eq!(find(Product::CrudeOil, 2024, "Mt"), Some(108.5));
    assert_eq!(find(Product::CrudeOil, 2023, "USD bn"), Some(60.6));
    assert_eq!(find(Product::PipelineGas, 2025, "bcm"), Some(38.8));
    assert_eq!(find(Product::Lng, 2025, "Mt"), Some(9.8));
    assert_eq!(find(Product::Coal, 2024, "Mt"), Some(93.86));
    assert_eq!(
        find(Product::PassengerCars, 2025, "thousand units"),
        Some(632.341)
    );
    // 2025 crude is only known to September: no full-year row is invented.
    assert_eq!(find(Product::CrudeOil, 2025, "Mt"), None);
    let settlement: Vec<f64> = bundle
        .statements
        .iter()
        .filter(|s| s.topic == "settlement_in_national_currencies")
        .filter_map(|s| s.value)
        .collect();
    assert_eq!(settlement.last(), Some(&99.1));
    assert!(
        bundle
            .statements
            .iter()
            .all(|s| !s.attribution.urls.is_empty())
    );
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
    assert_eq!(bundle.datasets.len(), 7);
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
    // The dates as corrected from primary sources.
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
    let kavkaz = exercises
        .iter()
        .find(|e| e.name == "Kavkaz-2020")
        .expect("Kavkaz-2020");
    assert_eq!(kavkaz.date_label(), "2020-09-21 to 2020-09-26");
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

const HEADER: &str = "year,reporter,flow,value_usd_bn,value_cny_bn,status,reported_yoy_pct,reported_yoy_cny_pct,publisher,via,standing,note,source\n";

/// One line of a trade file: the cells a test varies, the others filled as a valid row.
fn line(year: &str, flow: &str, value: &str, note: &str, source: &str) -> String {
    format!("{year},china_customs,{flow},{value},,reported,,,GACC,TASS,wire,{note},{source}\n")
}

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
        "{HEADER}{}{}",
        line("2022", "total", "190.271", "", "https://a.org"),
        line("2023", "total", "240.1bn", "", "https://a.org")
    );
    let message = load_error(&text);
    assert_eq!(
        message,
        "my_trade.csv, line 3, column 4 (\"value_usd_bn\"): \"240.1bn\" is not a number (use a point for decimals, as in 240.11). Correct the cell"
    );
}

#[test]
fn an_unknown_flow_is_rejected_naming_the_file_line_and_column() {
    let text = format!(
        "{HEADER}{}",
        line("2023", "exports", "110.9", "", "https://a.org")
    );
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
        "{HEADER}{}{}",
        line(
            "2022",
            "total",
            "190.271",
            "\"a note\non two lines\"",
            "https://a.org"
        ),
        line("2023", "total", "", "", "https://a.org")
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
    assert!(load_error(&ragged).contains("line 2: the row has 5 cells but the header has 13"));
    let duplicate = format!(
        "{HEADER}{}{}",
        line("2023", "total", "240.11", "", "https://a.org"),
        line("2023", "total", "240.2", "", "https://b.org")
    );
    assert!(
        load_error(&duplicate)
            .contains("line 3: a row with the same year, reporter, flow already stands on line 2")
    );
    let no_source = format!("{HEADER}{}", line("2023", "total", "240.11", "", ""));
    assert!(load_error(&no_source).contains("column 13 (\"source\"): the cell is empty"));
    let not_a_url = format!("{HEADER}{}", line("2023", "total", "240.11", "", "GACC"));
    assert!(load_error(&not_a_url).contains("web addresses"));
    let unknown_status = format!(
        "{HEADER}{}",
        line("2023", "total", "240.11", "", "https://a.org")
    )
    .replace(",reported,", ",guessed,");
    assert!(load_error(&unknown_status).contains("reported, reported_weak, derived"));
}

#[test]
fn a_catalog_error_names_its_line() {
    let err = Catalog::parse("catalog.toml", "[[dataset]]\nid = 3\n").expect_err("invalid");
    let message = err.to_string();
    assert!(message.starts_with("catalog.toml, line 2"), "{message}");
}

#[test]
fn every_text_a_user_reads_can_be_drawn_by_the_apps_font() {
    // The window and the exports draw with egui's bundled fonts, which have no Chinese,
    // Japanese or Korean glyphs: a note in those scripts would show as empty boxes.
    let bundle = bundle();
    for dataset in &bundle.datasets {
        for column in dataset.spec.columns.iter().filter(|c| c.name != "source") {
            for row in 0..dataset.rows() {
                let text = dataset.cell_text(row, &column.name).unwrap_or_default();
                assert!(
                    !text.chars().any(|c| ('\u{3000}'..='\u{9fff}').contains(&c)
                        || ('\u{ff00}'..='\u{ffef}').contains(&c)),
                    "{}, line {}, {}: {text}",
                    dataset.spec.file,
                    dataset.row_lines[row],
                    column.name
                );
            }
        }
    }
}
