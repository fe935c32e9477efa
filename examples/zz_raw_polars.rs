use polars::prelude::*;
use std::time::Instant;
fn main() -> anyhow::Result<()> {
    let path = std::env::args().nth(1).unwrap_or_default();
    let schema: Schema = [
        Field::new("t".into(), DataType::Int32),
        Field::new("i".into(), DataType::Int64),
        Field::new("j".into(), DataType::Int64),
        Field::new("k".into(), DataType::String),
        Field::new("v".into(), DataType::Float64),
        Field::new("q".into(), DataType::Float64),
    ]
    .into_iter()
    .collect();
    let start = Instant::now();
    let df = CsvReadOptions::default()
        .with_has_header(true)
        .with_schema(Some(Arc::new(schema.clone())))
        .map_parse_options(|o| o.with_null_values(Some(NullValues::AllColumns(vec!["NA".into()]))))
        .try_into_reader_with_file_path(Some(path.clone().into()))?
        .finish()?;
    eprintln!(
        "path read: {:.3}s rows {}",
        start.elapsed().as_secs_f64(),
        df.height()
    );
    let bytes = std::fs::read(&path)?;
    let start = Instant::now();
    let mut total = 0;
    for chunk in bytes.chunks(32 << 20) {
        let df = CsvReadOptions::default()
            .with_has_header(false)
            .with_schema(Some(Arc::new(schema.clone())))
            .with_rechunk(false)
            .with_ignore_errors(true)
            .map_parse_options(|o| {
                o.with_null_values(Some(NullValues::AllColumns(vec!["NA".into()])))
                    .with_truncate_ragged_lines(true)
            })
            .into_reader_with_file_handle(std::io::Cursor::new(chunk))
            .finish();
        if let Ok(df) = df {
            total += df.height();
        }
    }
    eprintln!(
        "chunked cursor read: {:.3}s rows {}",
        start.elapsed().as_secs_f64(),
        total
    );
    Ok(())
}
