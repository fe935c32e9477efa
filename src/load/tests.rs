use std::io::Write as _;

use super::*;

/// A column of a frame as numbers, whatever its integer or float type.
fn numbers(frame: &DataFrame, column: &str) -> Vec<Option<f64>> {
    frame
        .column(column)
        .unwrap()
        .cast(&DataType::Float64)
        .unwrap()
        .f64()
        .unwrap()
        .iter()
        .collect()
}

fn load_text(text: &[u8]) -> Result<LoadedCsv, LoadError> {
    let mut file = tempfile::NamedTempFile::new().unwrap();
    file.write_all(text).unwrap();
    load_csv(file.path())
}

#[test]
fn record_boundary_skips_line_breaks_inside_quotes() {
    let format = CsvFormat::with_delimiter(b',');
    assert_eq!(record_boundary(b"1,2\n3,4\n5,", format, false), Some(8));
    assert_eq!(
        record_boundary(b"1,\"a\nb\"\n3,\"c\nd", format, true),
        Some(8)
    );
    assert_eq!(record_boundary(b"1,\"a\nb", format, true), None);
}

#[test]
fn notes_below_the_table_are_left_out_and_reported() {
    let loaded = load_text(b"year,value\n2022,1\n2023,2\n\nSource: customs\n").unwrap();
    assert_eq!(loaded.frame.height(), 2);
    assert!(
        loaded
            .report
            .warnings
            .iter()
            .any(|w| w.contains("line 5: \"Source: customs\"")),
        "{:?}",
        loaded.report.warnings
    );
}

#[test]
fn a_wide_table_reshapes_to_long_rows_per_year() {
    let loaded = load_text(b"country,2021,2022,2023\nChina,1.5,2,\nRussia,3,4,5\n").unwrap();
    assert_eq!(loaded.report.shape, "wide");
    let long = wide_to_long(&loaded.frame, &loaded.shape).unwrap();
    assert_eq!(long.height(), 6);
    assert_eq!(long.column("year").unwrap().dtype(), &DataType::Int32);
    assert_eq!(
        numbers(&long, "year")[..3],
        [Some(2021.0), Some(2022.0), Some(2023.0)]
    );
    assert_eq!(
        numbers(&long, "value"),
        [Some(1.5), Some(2.0), None, Some(3.0), Some(4.0), Some(5.0)]
    );
    let countries = long.column("country").unwrap().str().unwrap().get(3);
    assert_eq!(countries, Some("Russia"));
}

#[test]
fn blank_lines_between_rows_are_not_rows() {
    let loaded = load_text(b"year,value\n2022,1\n\n2023,2\r\n\r\n2024,3\n\n").unwrap();
    assert_eq!(
        numbers(&loaded.frame, "year"),
        [Some(2022.0), Some(2023.0), Some(2024.0)]
    );
}

#[test]
fn a_one_column_file_keeps_every_line() {
    let loaded = load_text(b"value\n1.5\n\n2.5\n3\n").unwrap();
    assert_eq!(
        numbers(&loaded.frame, "value"),
        [Some(1.5), Some(2.5), Some(3.0)]
    );
    assert!(
        loaded.report.warnings.is_empty(),
        "{:?}",
        loaded.report.warnings
    );
}

#[test]
fn columns_named_like_c1999_are_not_years() {
    let loaded = load_text(b"c1998,c1999,c2000,c2001\n1,2,3,4\n").unwrap();
    assert_eq!(loaded.report.shape, "long");
    let loaded = load_text(b"country,Y1998,Y1999,Y2000\nChina,1,2,3\n").unwrap();
    assert_eq!(loaded.report.shape, "wide");
}

#[test]
fn a_quote_inside_a_cell_is_a_character_even_where_other_cells_are_quoted() {
    // polars alone reads the inch mark as opening a quote and fails on the file.
    let loaded = load_text(
        b"name,size,price\n\"TV, large\",5\" screen,100\n\nradio,\"small, ok\",20\n\"Lada\" Niva,\"4\"\"\",7\n",
    )
    .unwrap();
    let sizes: Vec<Option<&str>> = loaded
        .frame
        .column("size")
        .unwrap()
        .str()
        .unwrap()
        .iter()
        .collect();
    assert_eq!(sizes, [Some("5\" screen"), Some("small, ok"), Some("4\"")]);
    let names = loaded.frame.column("name").unwrap().str().unwrap().get(2);
    assert_eq!(names, Some("Lada Niva"));
    assert_eq!(
        numbers(&loaded.frame, "price"),
        [Some(100.0), Some(20.0), Some(7.0)]
    );
}

#[test]
fn a_polars_message_is_one_short_line() {
    // Some of polars' messages quote thousands of rows of the file.
    let long = format!(
        "CSV malformed: {}\n{}",
        "x".repeat(500),
        "1,2,3\n".repeat(10_000)
    );
    let err = parse_error(
        PathBuf::from("big.csv"),
        &PolarsError::ComputeError(long.into()),
    );
    let message = err.to_string();
    assert!(!message.contains('\n'), "{message}");
    assert!(message.chars().count() < 300, "{message}");
    assert!(
        message.starts_with("big.csv: could not be read as CSV (CSV malformed: xxx"),
        "{message}"
    );
}
