//! The loader on one fixture per format and per bad input, each checked for what a user would
//! check: rows, column kinds, a known cell, or the exact message.

use super::common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use bilateral::load::{ColumnKind, CsvReport, LoadControl, LoadedCsv, load_csv, load_csv_with};
use polars::prelude::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/load")
        .join(name)
}

fn load(name: &str) -> LoadedCsv {
    load_csv(&fixture(name)).unwrap_or_else(|err| panic!("{name}: {err}"))
}

fn failure(path: &Path) -> String {
    match load_csv(path) {
        Ok(loaded) => panic!("{} loaded: {:?}", path.display(), loaded.report),
        Err(err) => err.to_string(),
    }
}

fn numbers(loaded: &LoadedCsv, column: &str) -> Vec<Option<f64>> {
    loaded
        .frame
        .column(column)
        .unwrap()
        .cast(&DataType::Float64)
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .collect()
}

fn texts(loaded: &LoadedCsv, column: &str) -> Vec<Option<String>> {
    loaded
        .frame
        .column(column)
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .map(|t| t.map(str::to_owned))
        .collect()
}

fn kind(report: &CsvReport, column: &str) -> ColumnKind {
    report
        .columns
        .iter()
        .find(|c| c.name == column)
        .unwrap_or_else(|| panic!("no column {column}"))
        .kind
}

fn has_warning(report: &CsvReport, text: &str) -> bool {
    report.warnings.iter().any(|w| w.contains(text))
}

#[test]
fn semicolon_file_with_decimal_commas() {
    let loaded = load("semicolon_decimal_comma.csv");
    assert_eq!(loaded.report.delimiter, ";");
    assert_eq!(loaded.report.decimal_mark, ",");
    assert_eq!(loaded.report.rows, 3);
    assert_eq!(kind(&loaded.report, "Jahr"), ColumnKind::Year);
    assert_eq!(
        numbers(&loaded, "Wert (Mrd. USD)"),
        [Some(190.27), Some(240.11), Some(227.8)]
    );
}

#[test]
fn tab_and_pipe_separated_files() {
    for name in [
        "tab_separated.tsv",
        "pipe_separated.txt",
        "colon_separated.txt",
    ] {
        let loaded = load(name);
        assert_eq!(loaded.report.rows, 2, "{name}");
        assert_eq!(numbers(&loaded, "value_usd_bn")[1], Some(240.11), "{name}");
        assert_eq!(kind(&loaded.report, "reporter"), ColumnKind::Text, "{name}");
    }
    assert_eq!(load("tab_separated.tsv").report.delimiter, "\\t");
    assert_eq!(load("pipe_separated.txt").report.delimiter, "|");
    assert_eq!(load("colon_separated.txt").report.delimiter, ":");
}

#[test]
fn old_mac_line_ends_and_empty_cells_at_the_end_of_a_tab_separated_row() {
    let mac = load("old_mac_line_ends.csv");
    assert_eq!(numbers(&mac, "value"), [Some(1.5), Some(2.5), Some(3.5)]);
    assert!(
        has_warning(&mac.report, "carriage return alone"),
        "{:?}",
        mac.report.warnings
    );
    // The last row ends in a tab and no line break: its empty last cell is still a cell.
    let tsv = load("tab_trailing_empty_cells.tsv");
    assert_eq!(numbers(&tsv, "value"), [Some(5.0), Some(3.0)]);
    assert_eq!(texts(&tsv, "note"), [None, None]);
}

#[test]
fn cells_wrapped_in_single_quotes() {
    let loaded = load("single_quoted.csv");
    assert_eq!(loaded.report.quote, "'");
    assert_eq!(
        texts(&loaded, "city"),
        [
            Some("Beijing, China".to_owned()),
            Some("Harbin, China".to_owned())
        ]
    );
    assert_eq!(kind(&loaded.report, "visit"), ColumnKind::Date);
}

#[test]
fn titles_and_notes_padded_with_delimiters_or_quoted_over_lines_are_not_rows() {
    let genesis = load("genesis_padded_titles.csv");
    let names: Vec<&str> = genesis
        .report
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["Jahr", "Land", "Ausfuhr", "Einfuhr"]);
    assert_eq!(
        numbers(&genesis, "Ausfuhr"),
        [Some(1.5), Some(3.5), Some(5.5)]
    );
    assert_eq!(kind(&genesis.report, "Jahr"), ColumnKind::Year);
    for warning in [
        "skipped 3 lines above the header (line 1",
        "left out 2 note lines below the table (line 8",
    ] {
        assert!(
            has_warning(&genesis.report, warning),
            "{warning}: {:?}",
            genesis.report.warnings
        );
    }

    let noted = load("multiline_quoted_note.csv");
    assert_eq!(numbers(&noted, "value"), [Some(1.5), Some(2.5)]);
    assert!(
        has_warning(
            &noted.report,
            "left out 1 note line below the table (line 4"
        ),
        "{:?}",
        noted.report.warnings
    );
}

#[test]
fn a_delimiter_ending_every_line_makes_no_empty_column() {
    let loaded = load("trailing_delimiter.csv");
    let names: Vec<&str> = loaded
        .report
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["year", "country", "value"]);
    assert_eq!(loaded.frame.width(), 3);
    assert_eq!(numbers(&loaded, "value"), [Some(1.5), Some(2.5)]);
    assert!(
        has_warning(&loaded.report, "every line ends in a delimiter"),
        "{:?}",
        loaded.report.warnings
    );
    assert!(!has_warning(&loaded.report, "renamed"));
}

#[test]
fn a_header_one_name_short_names_the_index_column_it_lacks() {
    let loaded = load("unnamed_index_column.csv");
    assert_eq!(loaded.frame.height(), 3);
    assert_eq!(
        texts(&loaded, "country"),
        [
            Some("Russia".to_owned()),
            Some("China".to_owned()),
            Some("India".to_owned())
        ]
    );
    assert_eq!(numbers(&loaded, "value"), [Some(1.5), Some(2.5), Some(3.5)]);
    assert_eq!(
        numbers(&loaded, "column_1"),
        [Some(0.0), Some(1.0), Some(2.0)]
    );
    assert!(
        has_warning(&loaded.report, "names one column fewer than the rows have"),
        "{:?}",
        loaded.report.warnings
    );
}

#[test]
fn quote_marks_inside_cells_are_text_not_quotes() {
    let loaded = load("inch_marks.csv");
    assert_eq!(loaded.report.quote, "");
    assert_eq!(
        texts(&loaded, "size"),
        [
            Some("55\" screen".to_owned()),
            Some("27\" panel".to_owned())
        ]
    );
    assert_eq!(numbers(&loaded, "units"), [Some(120.0), Some(80.0)]);
}

#[test]
fn title_lines_above_and_notes_below_the_table() {
    let loaded = load("title_lines.csv");
    assert_eq!(loaded.report.header_line, 4);
    assert_eq!(loaded.report.rows, 2);
    assert_eq!(numbers(&loaded, "imports"), [Some(114.15), Some(129.14)]);
    assert!(has_warning(
        &loaded.report,
        "skipped 2 lines above the header (line 1: \"Table 1. Trade of China with Russia\")"
    ));
    assert!(has_warning(
        &loaded.report,
        "left out 2 note lines below the table (line 8: \"Source: China customs (GACC)\")"
    ));
}

#[test]
fn windows_1252_is_decoded_with_a_warning() {
    let loaded = load("latin1.csv");
    assert_eq!(loaded.report.encoding, "windows-1252");
    assert_eq!(
        texts(&loaded, "pays"),
        [Some("São Tomé".to_owned()), Some("München €".to_owned())]
    );
    assert_eq!(numbers(&loaded, "valeur"), [Some(1.5), Some(2.25)]);
    assert!(has_warning(&loaded.report, "read as Windows-1252"));
}

#[test]
fn utf16_unicode_text_from_a_spreadsheet_is_decoded() {
    let loaded = load("utf16le_unicode_text.txt");
    assert_eq!(loaded.report.encoding, "utf-16le");
    assert_eq!(loaded.report.delimiter, "\\t");
    assert_eq!(
        texts(&loaded, "country"),
        [Some("Россия".to_owned()), Some("中国".to_owned())]
    );
    assert_eq!(numbers(&loaded, "value"), [Some(110.97), Some(129.14)]);
}

#[test]
fn a_utf8_byte_order_mark_is_not_part_of_the_first_name() {
    let loaded = load("utf8_bom.csv");
    assert_eq!(loaded.report.encoding, "utf-8-sig");
    assert_eq!(loaded.report.columns[0].name, "partner");
    assert_eq!(texts(&loaded, "partner"), [Some("Россия".to_owned())]);
}

#[test]
fn product_codes_keep_their_leading_zeros_and_gzip_is_read() {
    for name in ["baci_sample.csv.gz", "../baci_sample.csv"] {
        let loaded = load(name);
        assert_eq!(loaded.report.rows, 8, "{name}");
        assert_eq!(kind(&loaded.report, "k"), ColumnKind::Code);
        assert_eq!(texts(&loaded, "k")[0].as_deref(), Some("010121"));
        assert_eq!(kind(&loaded.report, "i"), ColumnKind::Code);
        assert_eq!(kind(&loaded.report, "t"), ColumnKind::Year);
        let q = loaded
            .report
            .columns
            .iter()
            .find(|c| c.name == "q")
            .unwrap();
        assert_eq!((q.kind, q.nulls), (ColumnKind::Number, 3));
    }
    assert!(load("baci_sample.csv.gz").report.compressed);
}

#[test]
fn thousands_separators_are_read() {
    let loaded = load("thousands_separators.csv");
    assert_eq!(
        numbers(&loaded, "value_usd_thousand"),
        [Some(190_271_000.0), Some(240_110_500.5)]
    );
    assert!(has_warning(
        &loaded.report,
        "uses \",\" as a thousands separator"
    ));
}

#[test]
fn words_and_non_finite_numbers_become_counted_empty_cells() {
    let loaded = load("dirty_numbers.csv");
    let value = loaded
        .report
        .columns
        .iter()
        .find(|c| c.name == "value")
        .unwrap();
    assert_eq!(value.kind, ColumnKind::Number);
    assert_eq!((value.invalid, value.non_finite, value.nulls), (1, 2, 4));
    assert_eq!(
        numbers(&loaded, "value"),
        [Some(110.8), None, None, None, Some(240.11), None]
    );
    assert!(has_warning(
        &loaded.report,
        "column \"value\": 1 cell is not a number and left empty (first: line 3, \"n.a.\")"
    ));
    assert!(has_warning(
        &loaded.report,
        "column \"value\": 2 NaN or infinite values are left out of charts (first: line 4)"
    ));
}

#[test]
fn wide_tables_are_recognised() {
    let loaded = load("wide_years.csv");
    assert_eq!(loaded.report.shape, "wide");
    assert!(has_warning(
        &loaded.report,
        "one column per year (2019 to 2022)"
    ));
}

#[test]
fn months_and_day_first_dates_are_time() {
    assert_eq!(
        kind(&load("monthly.csv").report, "month"),
        ColumnKind::Period
    );
    assert_eq!(
        kind(&load("dates_day_first.csv").report, "date"),
        ColumnKind::Date
    );
}

#[test]
fn bad_files_fail_with_one_message_naming_the_file_and_line() {
    let cases = [
        ("empty.csv", "empty.csv: the file is empty"),
        (
            "whitespace_only.csv",
            "whitespace_only.csv: the file is empty",
        ),
        (
            "header_only.csv",
            "header_only.csv: the file has a header (line 1) but no rows of data below it",
        ),
        (
            "binary_garbage.csv",
            "binary_garbage.csv: this is not a text file",
        ),
        (
            "ragged.csv",
            "ragged.csv, line 3: the row has 2 cells but the header has 3",
        ),
        (
            "unterminated_quote.csv",
            "unterminated_quote.csv, line 3: a quoted cell is never closed",
        ),
        (
            "nul_bytes.csv",
            "nul_bytes.csv, line 3, column 8: the file contains a NUL byte",
        ),
        (
            "workbook_renamed.csv",
            "workbook_renamed.csv: this is an Excel workbook (.xlsx) or another zip archive renamed to .csv, not a CSV file. Open it in your spreadsheet program and save it as \"CSV UTF-8\"",
        ),
    ];
    for (name, expected) in cases {
        let message = failure(&fixture(name));
        assert!(message.contains(expected), "{name}: {message}");
    }
}

#[test]
fn missing_paths_folders_and_unreadable_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nowhere.csv");
    assert!(failure(&missing).ends_with("nowhere.csv: no such file. Check the path"));
    assert!(failure(dir.path()).contains("this is a folder, not a file"));
    let locked = dir.path().join("locked.csv");
    std::fs::write(&locked, "a,b\n1,2\n").unwrap();
    let mut permissions = std::fs::metadata(&locked).unwrap().permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut permissions, 0o000);
    std::fs::set_permissions(&locked, permissions).unwrap();
    // A named pipe would block a reader until something writes to it: refused up front.
    let pipe = dir.path().join("pipe.csv");
    if std::process::Command::new("mkfifo")
        .arg(&pipe)
        .status()
        .is_ok_and(|s| s.success())
    {
        assert!(failure(&pipe).contains("pipe.csv: this is not a regular file"));
    }
    // root reads any file; the refusal can only be seen as another user.
    if std::fs::read(&locked).is_err() {
        assert!(failure(&locked).contains("locked.csv: cannot be read"));
    }
}

#[test]
fn a_five_megabyte_line_and_twenty_thousand_columns_load() {
    let dir = tempfile::tempdir().unwrap();
    let long_line = dir.path().join("long_line.csv");
    let note = "x".repeat(5 << 20);
    std::fs::write(
        &long_line,
        format!("year,note\n2023,\"{note}\"\n2024,short\n"),
    )
    .unwrap();
    let loaded = load_csv(&long_line).unwrap();
    assert_eq!(loaded.report.rows, 2);
    assert_eq!(
        texts(&loaded, "note")[0].as_ref().map(String::len),
        Some(5 << 20)
    );

    let wide = dir.path().join("wide.csv");
    common::write_columns_file(&wide, 20_000);
    let loaded = load_csv(&wide).unwrap();
    assert_eq!(loaded.report.columns.len(), 20_000);
    assert_eq!(numbers(&loaded, "c19999"), [Some(19_999.0), Some(19_999.0)]);
}

#[test]
fn a_big_file_is_read_in_chunks_with_the_same_result() {
    // Over 32 MB of text, so the chunked path runs more than once; a bad cell far down is still
    // found at its line.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut text = String::from("t,i,j,k,v,q\n");
    let rows = 1_500_000;
    for row in 0..rows {
        let line = if row == rows - 10 {
            "2020,156,643,010121,oops,NA\n".to_owned()
        } else {
            format!(
                "{},{},643,{:06},{}.5,NA\n",
                2000 + row % 24,
                row % 200,
                row % 5000,
                row % 1000
            )
        };
        text.push_str(&line);
    }
    std::fs::write(&path, &text).unwrap();
    assert!(text.len() > 32 << 20);
    let loaded = load_csv(&path).unwrap();
    assert_eq!(loaded.report.rows, rows);
    let v = loaded
        .report
        .columns
        .iter()
        .find(|c| c.name == "v")
        .unwrap();
    assert_eq!(v.invalid, 1);
    assert!(
        has_warning(
            &loaded.report,
            &format!("(first: line {}, \"oops\")", rows - 10 + 2)
        ),
        "{:?}",
        loaded.report.warnings
    );
    let k = texts(&loaded, "k");
    assert_eq!(
        k[rows - 1].as_deref(),
        Some(format!("{:06}", (rows - 1) % 5000).as_str())
    );
}

#[test]
fn no_mangled_file_makes_the_loader_panic_or_hang() {
    // Every fixture, cut short and with bytes replaced by the characters a CSV reader trips on.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mangled.csv");
    let nasty = [
        b'"', b'\'', b',', b';', b'\n', b'\r', b'\t', 0, 0xFF, 0xC3, b'.', b'-',
    ];
    let mut state: u64 = 7;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize % n.max(1)
    };
    let mut loaded = 0;
    let mut refused = 0;
    for entry in std::fs::read_dir(fixture("")).unwrap() {
        let source = entry.unwrap().path();
        if !source.is_file() {
            continue;
        }
        let original = std::fs::read(source).unwrap();
        for _ in 0..40 {
            let mut bytes = original.clone();
            for _ in 0..=next(4) {
                if bytes.is_empty() {
                    break;
                }
                let at = next(bytes.len());
                bytes[at] = nasty[next(nasty.len())];
            }
            bytes.truncate(bytes.len() - next(bytes.len() / 4 + 1));
            std::fs::write(&path, &bytes).unwrap();
            match load_csv(&path) {
                Ok(_) => loaded += 1,
                Err(err) => {
                    assert!(err.to_string().starts_with(path.to_str().unwrap()), "{err}");
                    refused += 1;
                }
            }
        }
    }
    assert!(
        loaded > 100 && refused > 100,
        "{loaded} loaded, {refused} refused"
    );
}

#[test]
fn a_quote_that_never_closes_in_a_big_file_is_found_at_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("stray_quote.csv");
    let mut text = String::from("year,note\n");
    let note = "n".repeat(1000);
    for row in 0..70_000 {
        if row == 20_000 {
            text.push_str("2023,\"opens here\n");
        } else {
            text.push_str("2023,");
            text.push_str(&note);
            text.push('\n');
        }
    }
    std::fs::write(&path, &text).unwrap();
    assert!(
        text.len() > 64 << 20,
        "bigger than the longest line allowed"
    );
    let message = failure(&path);
    assert!(
        message.contains("stray_quote.csv, line 20002: a quoted cell is never closed"),
        "{message}"
    );
}

/// A cell of a loaded frame as text, `None` when empty.
fn cell_text(loaded: &LoadedCsv, column: &str, row: usize) -> Option<String> {
    loaded
        .frame
        .column(column)
        .unwrap_or_else(|_| panic!("no column {column}"))
        .cast(&DataType::String)
        .unwrap()
        .str()
        .unwrap()
        .get(row)
        .map(str::to_owned)
}

#[test]
fn the_csv_spectrum_suite_reads_as_its_json_says() {
    // Edge cases every CSV reader should read, each beside the JSON of what it holds
    // (https://github.com/maxogden/csv-spectrum; see fixtures/load/real/README.md).
    let suite = fixture("real/csv-spectrum");
    let mut files = 0;
    for entry in std::fs::read_dir(suite.join("csvs")).unwrap() {
        let path = entry.unwrap().path();
        let stem = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let json =
            std::fs::read_to_string(suite.join("json").join(format!("{stem}.json"))).unwrap();
        let expected: Vec<serde_json::Map<String, serde_json::Value>> =
            serde_json::from_str(&json).unwrap();
        let loaded = load_csv(&path).unwrap_or_else(|err| panic!("{stem}: {err}"));
        assert_eq!(loaded.frame.height(), expected.len(), "{stem}");
        for (row, cells) in expected.iter().enumerate() {
            for (column, value) in cells {
                // A line break inside a cell reads as `\n`, whatever the file ends its lines with.
                let value = value
                    .as_str()
                    .filter(|v| !v.is_empty())
                    .map(|v| v.replace("\r\n", "\n"));
                assert_eq!(
                    cell_text(&loaded, column, row),
                    value,
                    "{stem}: {column}, row {row}"
                );
            }
        }
        files += 1;
    }
    assert_eq!(files, 11);
}

#[test]
fn rust_csvs_example_files_read_or_fail_as_a_user_would_want() {
    // https://github.com/BurntSushi/rust-csv/tree/master/examples/data
    let real = |name: &str| fixture("real/rust-csv").join(name);
    let smallpop = load_csv(&real("smallpop.csv")).unwrap();
    assert_eq!(smallpop.frame.height(), 10);
    assert_eq!(kind(&smallpop.report, "population"), ColumnKind::Integer);
    assert_eq!(
        cell_text(&smallpop, "city", 0).as_deref(),
        Some("Southborough")
    );

    // The same rows without the header: the first row is data, the columns get names.
    let headless = load_csv(&real("smallpop-no-headers.csv")).unwrap();
    assert_eq!(headless.frame.height(), 10);
    assert_eq!(headless.report.header_line, 0);
    assert_eq!(
        cell_text(&headless, "column_1", 0).as_deref(),
        Some("Southborough")
    );
    assert_eq!(kind(&headless.report, "column_4"), ColumnKind::Integer);

    let latin1 = load_csv(&real("uspop-latin1.csv")).unwrap();
    assert_eq!(latin1.frame.height(), 100);
    assert_eq!(latin1.report.encoding, "windows-1252");
    assert_eq!(cell_text(&latin1, "City", 2).as_deref(), Some("Õakman"));
    // Half the towns have no population: empty, not zero.
    let population = load_csv(&real("uspop-null.csv")).unwrap();
    assert_eq!(
        numbers(&population, "Population")
            .iter()
            .filter(|v| v.is_none())
            .count(),
        50
    );

    // Backslash escapes, a comment line and a row missing its year: one message, one line.
    let strange = failure(&real("strange.csv"));
    assert!(
        strange.ends_with(
            "strange.csv, line 3: the row has 1 cells but the header has 2. Check for a missing or extra delimiter, or quote cells that contain one; or load it without such rows (--skip-ragged-rows)"
        ),
        "{strange}"
    );
    // Asked to, the loader leaves out the comment and the row without a year, and says where.
    let skipped =
        load_csv_with(&real("strange.csv"), &LoadControl::skipping_ragged_rows()).unwrap();
    assert_eq!(skipped.report.skipped_rows, 2);
    // The first line reads as the header here: a name over names, a year over years.
    assert_eq!(skipped.frame.height(), 4);
    let years = skipped.frame.columns()[1].i64().unwrap();
    assert_eq!(
        years.iter().collect::<Vec<_>>(),
        [Some(1984), Some(1964), Some(1985), Some(1986)]
    );
    assert!(
        has_warning(
            &skipped.report,
            "left out 2 rows without 2 cells, as asked (lines 3, 4)"
        ),
        "{:?}",
        skipped.report.warnings
    );
}

#[test]
fn ragged_rows_anywhere_in_a_big_file_are_skipped_when_asked_and_only_then() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ragged.csv");
    let mut text = String::from("year,country,value\n");
    let mut ragged = Vec::new();
    // 150,000 rows (about 3.5 MB): a short row in the first megabyte, which the sample judges,
    // and long, short and quoted ones in later chunks.
    for row in 0..150_000_usize {
        let line = row + 2;
        match row {
            10 => text.push_str("2001,Chile\n"),
            90_000 => text.push_str("2002,Peru,5,extra\n"),
            120_000 => text.push_str("2003,\"Lima, Peru\"\n"),
            _ => {
                writeln!(text, "{},Norway,{}.5", 2000 + row % 20, row % 7).unwrap();
                continue;
            }
        }
        ragged.push(line);
    }
    std::fs::write(&path, &text).unwrap();

    let refused = failure(&path);
    assert!(
        refused.contains("line 12: the row has 2 cells but the header has 3"),
        "{refused}"
    );

    let loaded = load_csv_with(&path, &LoadControl::skipping_ragged_rows()).unwrap();
    assert_eq!(loaded.report.skipped_rows, 3);
    assert_eq!(loaded.frame.height(), 150_000 - 3);
    let expected = format!(
        "left out 3 rows without 3 cells, as asked (lines {}, {}, {})",
        ragged[0], ragged[1], ragged[2]
    );
    assert!(
        has_warning(&loaded.report, &expected),
        "{:?}",
        loaded.report.warnings
    );
    // No other row lost, none shifted: the sum is that of the rows that fit.
    let sum: f64 = numbers(&loaded, "value").iter().flatten().sum();
    let fitting: f64 = (0..150_000_usize)
        .filter(|row| ![10, 90_000, 120_000].contains(row))
        .map(|row| (row % 7) as f64 + 0.5)
        .sum();
    assert!((sum - fitting).abs() < 1e-6, "{sum} against {fitting}");
    // A bad cell after a skipped row is still traced to its own line.
    let mut shifted = text.clone();
    shifted.push_str("2019,Norway,lots\n");
    std::fs::write(&path, &shifted).unwrap();
    let loaded = load_csv_with(&path, &LoadControl::skipping_ragged_rows()).unwrap();
    assert!(
        has_warning(
            &loaded.report,
            &format!("first: line {}, \"lots\"", 150_002)
        ),
        "{:?}",
        loaded.report.warnings
    );
}
