//! The command line as a user runs it: the real binary, its output and its exit codes.

use std::path::Path;
use std::process::Output;

use serde_json::Value;

use super::common::{bilateral, succeeded};

fn stdout_json(output: &Output) -> Value {
    serde_json::from_str(&succeeded(output)).expect("stdout is JSON")
}

#[test]
fn datasets_json_lists_each_dataset_with_rows_columns_and_sources() {
    let datasets = stdout_json(&bilateral(&["datasets", "--json"]));
    let datasets = datasets.as_array().expect("an array");
    let ids: Vec<&str> = datasets.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "china_russia_trade",
            "china_russia_trade_periods",
            "china_russia_composition",
            "china_russia_statements",
            "us_section301_tariffs",
            "joint_military_exercises",
            "diplomatic_milestones"
        ]
    );
    let trade = &datasets[0];
    assert_eq!(trade["unit"], "USD billion");
    assert_eq!(trade["title"], "China–Russia trade by year");
    let csv_rows = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/china_russia_trade.csv"),
    )
    .unwrap()
    .lines()
    .count()
        - 1;
    assert_eq!(trade["rows"].as_u64(), Some(csv_rows as u64));
    let columns: Vec<&str> = trade["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    for wanted in [
        "year",
        "reporter",
        "flow",
        "value_usd_bn",
        "status",
        "via",
        "standing",
        "source",
    ] {
        assert!(columns.contains(&wanted), "{wanted} in {columns:?}");
    }
    for dataset in datasets {
        let sources = dataset["sources"].as_array().unwrap();
        assert!(!sources.is_empty());
        assert!(
            sources
                .iter()
                .all(|s| s.as_str().unwrap().starts_with("http"))
        );
    }
}

#[test]
fn datasets_without_json_prints_a_readable_table() {
    let output = bilateral(&["datasets"]);
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("china_russia_trade"));
    assert!(text.contains("USD billion"));
}

#[test]
fn inspect_json_reports_the_bundled_trade_file() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets/china_russia_trade.csv");
    let report = stdout_json(&bilateral(&["inspect", path.to_str().unwrap(), "--json"]));
    assert_eq!(report["path"], path.to_str().unwrap());
    assert_eq!(report["delimiter"], ",");
    assert_eq!(report["header_line"], 1);
    assert_eq!(report["encoding"], "utf-8");
    assert!(report["warnings"].as_array().unwrap().is_empty());
    let columns = report["columns"].as_array().unwrap();
    let column = |name: &str| {
        columns
            .iter()
            .find(|c| c["name"] == name)
            .expect(name)
            .clone()
    };
    assert_eq!(column("year")["dtype"], "i32");
    assert_eq!(column("year")["kind"], "year");
    assert_eq!(column("value_usd_bn")["dtype"], "f64");
    assert_eq!(column("value_usd_bn")["nulls"], 0);
    assert_eq!(column("reporter")["dtype"], "str");
    assert!(column("reported_yoy_pct")["nulls"].as_u64().unwrap() > 0);
    assert!(report["rows"].as_u64().unwrap() >= 45);
}

#[test]
fn inspect_sniffs_a_semicolon_file() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/semicolon.csv");
    let report = stdout_json(&bilateral(&["inspect", path.to_str().unwrap(), "--json"]));
    assert_eq!(report["delimiter"], ";");
    assert_eq!(report["rows"], 2);
    let names: Vec<&str> = report["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["country", "year", "value"]);
}

#[test]
fn inspect_failures_exit_1_with_one_message_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.csv");
    let output = bilateral(&["inspect", missing.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("nowhere.csv: no such file"), "{stderr}");

    let ragged = dir.path().join("ragged.csv");
    std::fs::write(&ragged, "a,b,c\n1,2,3\n4,5\n").unwrap();
    let output = bilateral(&["inspect", ragged.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("ragged.csv, line 3: the row has 2 cells but the header has 3"),
        "{stderr}"
    );

    // A folder is read as one table: the message names the file in it that is wrong.
    let output = bilateral(&["inspect", dir.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("ragged.csv, line 3"), "{stderr}");

    let latin1 = dir.path().join("latin1.csv");
    std::fs::write(&latin1, b"name,value\nS\xE3o Paulo,1\n").unwrap();
    let output = bilateral(&["inspect", latin1.to_str().unwrap(), "--json"]);
    assert_eq!(output.status.code(), Some(0));
    let report = stdout_json(&output);
    assert_eq!(report["encoding"], "windows-1252");
    assert_eq!(report["columns"][0]["examples"][0], "São Paulo");
}

#[test]
fn inspect_refuses_every_bad_fixture_with_exit_1_and_one_line_on_stderr() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/load");
    for (name, message) in [
        ("empty.csv", "the file is empty"),
        ("header_only.csv", "no rows of data"),
        ("binary_garbage.csv", "this is not a text file"),
        ("ragged.csv", "line 3: the row has 2 cells"),
        (
            "unterminated_quote.csv",
            "line 3: a quoted cell is never closed",
        ),
        (
            "nul_bytes.csv",
            "line 3, column 8: the file contains a NUL byte",
        ),
        ("workbook_renamed.csv", "save it as \"CSV UTF-8\""),
    ] {
        let path = fixtures.join(name);
        let output = bilateral(&["inspect", path.to_str().unwrap(), "--json"]);
        assert_eq!(output.status.code(), Some(1), "{name}");
        assert!(output.stdout.is_empty(), "{name}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(stderr.contains(name), "{stderr}");
        assert!(stderr.contains(message), "{name}: {stderr}");
    }
}

#[test]
fn inspect_json_says_what_the_loader_decided() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/load/title_lines.csv");
    let report = stdout_json(&bilateral(&["inspect", path.to_str().unwrap(), "--json"]));
    assert_eq!(report["header_line"], 4);
    assert_eq!(report["rows"], 2);
    assert_eq!(report["encoding"], "utf-8");
    assert_eq!(report["delimiter"], ",");
    let columns = report["columns"].as_array().unwrap();
    let names: Vec<&str> = columns
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["year", "exports", "imports"]);
    assert_eq!(columns[1]["dtype"], "f64");
    assert_eq!(columns[1]["nulls"], 0);
    assert_eq!(report["warnings"].as_array().unwrap().len(), 2);
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(bilateral(&["inspect"]).status.code(), Some(2));
    assert_eq!(bilateral(&["no-such-command"]).status.code(), Some(2));
    assert_eq!(bilateral(&["datasets", "--yaml"]).status.code(), Some(2));
}

#[test]
fn stats_json_gives_growth_cagr_trend_and_break_test() {
    let report = stdout_json(&bilateral(&[
        "stats",
        "--from",
        "2013",
        "--to",
        "2023",
        "--break-year",
        "2022",
        "--json",
    ]));
    assert_eq!(
        (report["from"].as_i64(), report["to"].as_i64()),
        (Some(2013), Some(2023))
    );
    assert_eq!(report["total_usd_bn"]["2023"], 240.11);
    let yoy_2023 = report["yoy_pct"]["2023"].as_f64().unwrap();
    assert!((yoy_2023 - (240.11 / 190.271 - 1.0) * 100.0).abs() < 1e-9);
    let cagr = report["cagr_pct"].as_f64().unwrap();
    assert!((cagr - ((240.11_f64 / 89.21).powf(0.1) - 1.0) * 100.0).abs() < 1e-9);
    let balance_2023 = report["balance_usd_bn"]["2023"].as_f64().unwrap();
    assert!((balance_2023 - (110.97 - 129.14)).abs() < 1e-9);
    let trend = &report["trend"];
    let slope = trend["slope_usd_bn_per_year"].as_f64().unwrap();
    let ci = trend["ci95"].as_array().unwrap();
    assert!(ci[0].as_f64().unwrap() < slope && slope < ci[1].as_f64().unwrap());
    assert!((0.0..=1.0).contains(&trend["r2"].as_f64().unwrap()));
    // 2022–2023 is two points after the break: too few for a test, and the report says so.
    assert!(report["break_test"].is_null());
    let notes = report["notes"].as_array().unwrap();
    assert!(
        notes
            .iter()
            .any(|n| n.as_str().unwrap().starts_with("No break test")),
        "{notes:?}"
    );

    let wider = stdout_json(&bilateral(&[
        "stats",
        "--from",
        "2013",
        "--to",
        "2024",
        "--break-year",
        "2021",
        "--json",
    ]));
    let test = &wider["break_test"];
    assert_eq!(test["year"], 2021);
    assert!((0.0..=1.0).contains(&test["p_value"].as_f64().unwrap()));
    assert!(test["f"].as_f64().unwrap() > 0.0);
    // Twelve years (2015's derived figure among them) less four parameters.
    assert_eq!(
        (test["df1"].as_u64(), test["df2"].as_u64()),
        (Some(2), Some(8))
    );
}

#[test]
fn stats_refuses_a_year_without_data() {
    let output = bilateral(&["stats", "--from", "1995", "--json"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("no China-customs total for 1995"),
        "{stderr}"
    );
}

#[test]
fn stats_default_to_the_whole_range_of_the_data() {
    let report = stdout_json(&bilateral(&["stats", "--json"]));
    assert_eq!(
        (report["from"].as_i64(), report["to"].as_i64()),
        (Some(1992), Some(2025))
    );
    assert_eq!(report["total_usd_bn"]["2025"], 228.105);
    let yoy_2025 = report["yoy_pct"]["2025"].as_f64().unwrap();
    assert!((-6.9..=-6.8).contains(&yoy_2025), "{yoy_2025}");
    assert_eq!(
        report["missing_years"],
        serde_json::json!([1993, 1995, 1997])
    );
}

#[test]
fn export_csv_of_the_trade_chart_has_the_filled_years_and_their_sources() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("trade.csv");
    let output = bilateral(&[
        "export",
        "--chart",
        "trade",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let text = std::fs::read_to_string(&out).unwrap();
    for (year, total) in [("2004", "21.23"), ("2012", "88.16"), ("2025", "228.105")] {
        let row = text
            .lines()
            .find(|line| line.starts_with(&format!("{year},")))
            .unwrap_or_else(|| panic!("no {year} row in\n{text}"));
        assert!(row.contains(total), "{row}");
    }
    let row_2025 = text.lines().find(|l| l.starts_with("2025,")).unwrap();
    assert!(row_2025.contains("weakly sourced"), "{row_2025}");
    assert!(row_2025.contains("GACC via Reuters"), "{row_2025}");
}

#[test]
fn export_list_has_the_year_to_date_and_composition_charts() {
    let output = bilateral(&["export", "--list"]);
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("year-to-date"), "{text}");
    assert!(text.contains("composition"), "{text}");
}

/// A copy of `datasets/` with one more year of trade, for checking that the program follows the
/// data rather than years written into its code.
fn datasets_with_a_later_year(dir: &Path) {
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets");
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    for entry in std::fs::read_dir(source.join("articles")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join("articles").join(path.file_name().unwrap())).unwrap();
    }
    let trade = dir.join("china_russia_trade.csv");
    let mut text = std::fs::read_to_string(&trade).unwrap();
    text.push_str("2031,china_customs,total,301.5,,reported,4.2,,GACC,TASS,wire,a synthetic test year,https://tass.com/economy/1942869\n");
    std::fs::write(&trade, text).unwrap();
}

#[test]
fn a_later_year_in_the_data_moves_the_stats_and_the_charts_with_it() {
    let dir = tempfile::tempdir().unwrap();
    datasets_with_a_later_year(dir.path());
    let datasets = dir.path().to_str().unwrap();
    let report = stdout_json(&bilateral(&["--datasets", datasets, "stats", "--json"]));
    assert_eq!(report["to"].as_i64(), Some(2031));
    assert_eq!(report["total_usd_bn"]["2031"], 301.5);
    // The years between 2025 and 2031 are gaps, not guesses.
    let missing: Vec<i64> = report["missing_years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y.as_i64().unwrap())
        .collect();
    assert!(
        missing.ends_with(&[2026, 2027, 2028, 2029, 2030]),
        "{missing:?}"
    );
    let out = dir.path().join("trade.svg");
    let output = bilateral(&[
        "--datasets",
        datasets,
        "export",
        "--chart",
        "trade",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(output.status.success(), "{output:?}");
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(
        svg.contains("China–Russia trade, 1992–2031"),
        "title follows the data"
    );
    assert!(svg.contains(">2030<"), "the axis reaches the new year");
    // The built-in data is unchanged.
    let built_in = stdout_json(&bilateral(&["stats", "--json"]));
    assert_eq!(built_in["to"].as_i64(), Some(2025));
}

#[test]
fn claims_json_checks_the_bundled_article() {
    let report = stdout_json(&bilateral(&["claims", "--json"]));
    assert_eq!(report["date"], "2024-05-16");
    let claims = report["claims"].as_array().unwrap();
    let claim = |text: &str| {
        claims
            .iter()
            .find(|c| c["text"] == text)
            .expect(text)
            .clone()
    };
    let trade = claim("$240.1 billion");
    assert_eq!(trade["verdict"], "supported");
    assert_eq!(trade["year"], 2023);
    assert_eq!(trade["unit"], "usd_bn");
    assert_eq!(trade["measure"], "total_trade");
    assert_eq!(trade["expected"], 240.11);
    assert_eq!(trade["dataset"], "china_russia_trade");
    assert!(
        trade["sentence"]
            .as_str()
            .unwrap()
            .starts_with("Bilateral trade between China and Russia")
    );
    assert!(!trade["source"].as_array().unwrap().is_empty());
    assert_eq!(claim("$18 billion")["measure"], "tariff_covered_imports");
    assert_eq!(claim("75th anniversary")["unit"], "years");
    assert_eq!(claim("a record")["verdict"], "supported");
}

#[test]
fn claims_reads_a_users_article_with_a_date_given_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("my_article.md");
    std::fs::write(
        &article,
        "# Trade notes\n\nTrade reached $250 billion last year. The Expo drew 5,000 visitors.\n",
    )
    .unwrap();
    let report = stdout_json(&bilateral(&[
        "claims",
        article.to_str().unwrap(),
        "--date",
        "2024-03-01",
        "--json",
    ]));
    assert_eq!(report["date"], "2024-03-01");
    let claims = report["claims"].as_array().unwrap();
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["verdict"], "contradicted");
    assert_eq!(claims[0]["expected"], 240.11);
    assert_eq!(claims[0]["year"], 2023);

    let missing = bilateral(&["claims", dir.path().join("none.txt").to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(1));
    assert!(
        String::from_utf8(missing.stderr)
            .unwrap()
            .contains("none.txt")
    );
    assert_eq!(
        bilateral(&["claims", "--date", "yesterday"]).status.code(),
        Some(2)
    );
}

#[test]
fn inspect_reads_na_cells_as_missing_numbers() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/baci_sample.csv");
    let report = stdout_json(&bilateral(&["inspect", path.to_str().unwrap(), "--json"]));
    let columns = report["columns"].as_array().unwrap();
    let q = columns.iter().find(|c| c["name"] == "q").unwrap();
    assert_eq!(q["dtype"], "f64");
    assert_eq!(q["nulls"], 3);
}

#[test]
fn ragged_rows_stop_a_command_with_their_line_or_are_skipped_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trade.csv");
    std::fs::write(
        &path,
        "year,value\n2021,146.9\n2022,190.3,revised\n2023,240.1\n2024\n2025,228.1\n",
    )
    .unwrap();
    let file = path.to_str().unwrap();

    let refused = bilateral(&["inspect", file]);
    assert_eq!(refused.status.code(), Some(1));
    let message = String::from_utf8_lossy(&refused.stderr);
    assert!(
        message.contains("trade.csv, line 3: the row has 3 cells but the header has 2.")
            && message.contains("--skip-ragged-rows"),
        "{message}"
    );

    let report = stdout_json(&bilateral(&[
        "inspect",
        file,
        "--skip-ragged-rows",
        "--json",
    ]));
    assert_eq!(report["rows"], 3);
    assert_eq!(report["skipped_rows"], 2);
    let warnings = report["warnings"].to_string();
    assert!(warnings.contains("(lines 3, 5)"), "{warnings}");

    // The chart exported from what is left: the skipped years are gaps, the others intact.
    let out = dir.path().join("trade-out.csv");
    succeeded(&bilateral(&[
        "export",
        "--data",
        file,
        "--skip-ragged-rows",
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]));
    let exported = std::fs::read_to_string(&out).unwrap();
    assert!(
        exported.contains("2023") && exported.contains("240.1"),
        "{exported}"
    );
    assert!(
        !exported.contains("2022") && !exported.contains("2024"),
        "{exported}"
    );
}
