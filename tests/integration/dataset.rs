//! Tables polars reads where they lie: folders and globs of CSV files, Parquet and Arrow files,
//! and big CSV files queried instead of loaded. Each must chart exactly what the same rows
//! loaded whole chart.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use bilateral::chart::user::{ChartSpec, Filter, UserTable, build_user_chart};
use bilateral::load::dataset::{Survey, open_table, open_table_with};
use bilateral::load::{LoadControl, TableData};

use super::common::{bilateral, succeeded};

/// BACI's layout (year, exporter, importer, HS6 product, value, quantity) for `years`, with
/// values that differ in every row, quantities missing in some, and codes with leading zeros.
fn baci_rows(years: std::ops::Range<i32>) -> String {
    let mut rows = String::new();
    for t in years {
        for (n, (i, j)) in [(156, 643), (643, 156), (156, 842), (276, 643)]
            .into_iter()
            .enumerate()
        {
            for (m, k) in ["010121", "270900", "870323", "999999"].iter().enumerate() {
                let v = f64::from(t - 2000) * 1000.25 + (n * 10 + m) as f64 * 0.125;
                let q = if m == 3 {
                    String::new()
                } else {
                    format!("{}", n + m)
                };
                writeln!(rows, "{t},{i},{j},{k},{v},{q}").unwrap();
            }
        }
    }
    rows
}

const BACI_HEADER: &str = "t,i,j,k,v,q\n";

/// China → Russia, summed by year: the chart `export --filter i=156 --filter j=643` draws.
fn china_to_russia() -> ChartSpec {
    ChartSpec {
        x: "t".to_owned(),
        values: vec!["v".to_owned()],
        group: None,
        filters: vec![
            Filter {
                column: "i".to_owned(),
                values: vec!["156".to_owned()],
            },
            Filter {
                column: "j".to_owned(),
                values: vec!["643".to_owned()],
            },
        ],
        aggregation: bilateral::chart::user::Aggregation::Sum,
    }
}

fn sums_by_year(path: &Path, scan_from_bytes: u64) -> (Vec<(f64, f64)>, bool) {
    let opened = open_table_with(
        path,
        &LoadControl::default(),
        Survey::Count,
        scan_from_bytes,
    )
    .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    let scanned = opened.data.is_scan();
    let chart = build_user_chart(&UserTable::opened(opened), &china_to_russia()).unwrap();
    assert_eq!(chart.series.len(), 1);
    let points = chart.series[0].points.iter().map(|p| (p.x, p.y)).collect();
    (points, scanned)
}

/// A folder of BACI-shaped parts (one per pair of years) and the same rows in one file.
fn baci_parts(dir: &Path) -> (PathBuf, PathBuf) {
    let whole = dir.join("baci.csv");
    std::fs::write(&whole, format!("{BACI_HEADER}{}", baci_rows(2016..2024))).unwrap();
    // A folder name as people write them: spaces, a hash and a percent sign.
    let parts = dir.join("BACI parts #1 (100%)");
    std::fs::create_dir(&parts).unwrap();
    for first in (2016..2024).step_by(2) {
        std::fs::write(
            parts.join(format!("BACI_Y{first}.csv")),
            format!("{BACI_HEADER}{}", baci_rows(first..first + 2)),
        )
        .unwrap();
    }
    // Not a table: a folder of downloads has a readme beside the data.
    std::fs::write(parts.join("Readme.pdf"), b"%PDF-1.4").unwrap();
    (whole, parts)
}

#[test]
fn a_folder_a_glob_a_parquet_and_an_arrow_copy_chart_exactly_the_sums_of_the_single_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (whole, parts) = baci_parts(dir.path());
    let (expected, scanned) = sums_by_year(&whole, u64::MAX);
    assert!(!scanned, "a small file is loaded whole");
    assert_eq!(expected.len(), 8);
    // 2016: four products of the first pair, 16 × 1000.25 each plus 0.125 × (0 + 1 + 2 + 3).
    assert_eq!(expected[0], (2016.0, 4.0 * 16.0 * 1000.25 + 0.75));

    let (read_scanned, scanned) = sums_by_year(&whole, 0);
    assert!(scanned, "read where it lies");
    assert_eq!(read_scanned, expected);
    let (from_folder, scanned) = sums_by_year(&parts, u64::MAX);
    assert!(scanned, "a folder is read where it lies");
    assert_eq!(from_folder, expected);
    let glob = parts.join("BACI_Y20*.csv");
    assert_eq!(sums_by_year(&glob, u64::MAX).0, expected);

    for (format, ending) in [("parquet", "parquet"), ("arrow", "arrow")] {
        let copy = dir.path().join(format!("copy.{ending}"));
        let written = succeeded(&bilateral(&[
            "convert",
            parts.to_str().unwrap(),
            "--to",
            format,
            "--out",
            copy.to_str().unwrap(),
        ]));
        assert_eq!(written.trim(), copy.display().to_string());
        let (from_copy, scanned) = sums_by_year(&copy, u64::MAX);
        assert!(scanned);
        assert_eq!(from_copy, expected, "{format}");
    }
}

#[test]
fn a_table_read_where_it_lies_reports_what_the_loader_reports() {
    let dir = tempfile::tempdir().unwrap();
    let (whole, _) = baci_parts(dir.path());
    let control = LoadControl::default();
    let loaded = open_table_with(&whole, &control, Survey::Count, u64::MAX).unwrap();
    let scanned = open_table_with(&whole, &control, Survey::Count, 0).unwrap();
    assert!(scanned.data.is_scan() && !loaded.data.is_scan());
    assert_eq!(scanned.report.rows, 8 * 16);
    assert_eq!(scanned.report.rows, loaded.report.rows);
    assert_eq!(scanned.report.columns, loaded.report.columns);
    // The product codes keep their leading zeros, read where they lie or not.
    let k = &scanned.report.columns[3];
    assert_eq!((k.name.as_str(), k.dtype.as_str()), ("k", "str"));
    assert_eq!(scanned.report.columns[5].nulls, 8 * 4);
}

#[test]
fn a_cell_the_first_megabyte_did_not_predict_sends_the_file_to_the_loader() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("late_text.csv");
    let mut text = String::from(BACI_HEADER);
    while text.len() < 3 << 20 {
        text.push_str(&baci_rows(2016..2024));
    }
    let rows = text.lines().count() - 1;
    text.push_str("2023,156,643,010121,not available,1\n");
    std::fs::write(&path, text).unwrap();
    let opened = open_table_with(&path, &LoadControl::default(), Survey::Count, 0).unwrap();
    assert!(
        matches!(opened.data, TableData::Frame(_)),
        "read by the loader"
    );
    assert_eq!(opened.report.rows, rows + 1);
    let v = &opened.report.columns[4];
    assert_eq!(v.invalid, 1, "{:?}", opened.report.warnings);
    assert!(
        opened
            .report
            .warnings
            .iter()
            .any(|w| w.contains(&format!("line {}", rows + 2))),
        "{:?}",
        opened.report.warnings
    );
}

#[test]
fn files_with_another_header_are_named_and_nothing_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let (_, parts) = baci_parts(dir.path());
    std::fs::write(
        parts.join("BACI_Y2024.csv"),
        "year,exporter,importer,product,value,quantity\n2024,156,643,010121,1.5,2\n",
    )
    .unwrap();
    let err = open_table(&parts, &LoadControl::default(), Survey::Count).unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(&parts.join("BACI_Y2024.csv").display().to_string()),
        "{message}"
    );
    assert!(message.contains("BACI_Y2016.csv"), "{message}");
    assert!(message.contains("share one"), "{message}");
    // One line a user reads: short, even with a long folder path.
    assert!(
        message.chars().count() < 300 + parts.display().to_string().len(),
        "{message}"
    );

    let output = bilateral(&["inspect", parts.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("BACI_Y2024.csv"), "{stderr}");

    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let err = open_table(&empty, &LoadControl::default(), Survey::Count).unwrap_err();
    assert!(
        err.to_string().contains("no CSV, Parquet or Arrow file"),
        "{err}"
    );
    let nothing = parts.join("*.tsv");
    let err = open_table(&nothing, &LoadControl::default(), Survey::Count).unwrap_err();
    assert!(err.to_string().contains("no file matches"), "{err}");
}

#[test]
fn inspect_and_export_read_a_parquet_file_as_they_read_its_csv() {
    let dir = tempfile::tempdir().unwrap();
    let (whole, _) = baci_parts(dir.path());
    let parquet = dir.path().join("baci.parquet");
    succeeded(&bilateral(&["convert", whole.to_str().unwrap()]));
    assert!(parquet.is_file(), "written beside the CSV file");
    // A second convert does not overwrite without --force.
    let again = bilateral(&["convert", whole.to_str().unwrap()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("--force"));

    let report: serde_json::Value = serde_json::from_str(&succeeded(&bilateral(&[
        "inspect",
        parquet.to_str().unwrap(),
        "--json",
    ])))
    .unwrap();
    assert_eq!(report["rows"], 8 * 16);
    assert_eq!(report["encoding"], "Parquet");
    let kinds: Vec<&str> = report["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds[0], "year");
    assert_eq!(kinds[4], "number");

    let mut exported = Vec::new();
    for source in [&whole, &parquet] {
        let out = dir.path().join(format!(
            "{}.csv",
            source.extension().unwrap().to_string_lossy()
        ));
        succeeded(&bilateral(&[
            "export",
            "--data",
            source.to_str().unwrap(),
            "--filter",
            "i=156",
            "--filter",
            "j=643",
            "--x",
            "t",
            "--y",
            "v",
            "--out",
            out.to_str().unwrap(),
        ]));
        let text = std::fs::read_to_string(&out).unwrap();
        // The data rows, without the source column that names the file.
        let rows: Vec<String> = text
            .lines()
            .map(|line| line.split(',').take(2).collect::<Vec<_>>().join(","))
            .collect();
        exported.push(rows);
    }
    assert_eq!(exported[0], exported[1]);
    assert_eq!(exported[0][0], "t,v");
    assert_eq!(exported[0].len(), 9, "{:?}", exported[0]);
}

#[test]
fn a_file_big_enough_to_read_where_it_lies_still_skips_ragged_rows_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    std::fs::write(&path, "t,v\n2020,1\n2021,2,3\n2022,4\n").unwrap();
    // Read where it lies from 0 bytes on: polars would stop at line 3, our loader skips it.
    let control = LoadControl::skipping_ragged_rows();
    let opened = open_table_with(&path, &control, Survey::Count, 0).unwrap();
    assert_eq!(opened.report.skipped_rows, 1);
    assert_eq!(opened.report.rows, 2);
    let refused = open_table_with(&path, &LoadControl::default(), Survey::Count, 0);
    let message = refused.err().map(|err| err.to_string()).unwrap_or_default();
    assert!(message.contains("line 3: the row has 3 cells"), "{message}");
}
