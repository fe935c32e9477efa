//! The loading benchmark's job in bilateral: load a BACI-shaped file with the app's loader,
//! keep one country pair, and sum the value by year and 2-digit HS chapter. Prints one JSON
//! line: the seconds to load, to query and in all, the peak memory, and a checksum of the result
//! that `scripts/benchmark_baci.py` compares across pandas and Python polars.
//!
//! `cargo run --release --example baci_query -- FILE.csv [EXPORTER IMPORTER]`

mod support;

use std::time::Instant;

use polars::prelude::*;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .ok_or_else(|| anyhow::anyhow!("usage: baci_query FILE [I J]"))?;
    let exporter: i64 = args.next().map_or(Ok(156), |a| a.parse())?;
    let importer: i64 = args.next().map_or(Ok(643), |a| a.parse())?;
    let start = Instant::now();
    let loaded = bilateral::load::load_csv(std::path::Path::new(&path))?;
    let loaded_at = start.elapsed().as_secs_f64();
    let pair = loaded
        .frame
        .lazy()
        .filter(col("i").eq(lit(exporter)).and(col("j").eq(lit(importer))))
        .select([col("t"), col("k"), col("v")])
        .collect()?;
    // The pair is a small part of the file: the chapter is cut from the code here, then summed.
    let chapters = StringChunked::from_iter_options(
        "chapter".into(),
        pair.column("k")?
            .str()?
            .iter()
            .map(|k| k.map(|k| k.get(..2).unwrap_or(k).to_owned())),
    );
    let summed = pair
        .hstack(&[chapters.into_column()])?
        .lazy()
        .group_by([col("t"), col("chapter")])
        .agg([col("v").sum()])
        .sort(["t", "chapter"], SortMultipleOptions::default())
        .collect()?;
    let total = start.elapsed().as_secs_f64();
    let checksum: f64 = summed.column("v")?.f64()?.iter().flatten().sum();
    println!(
        "{{\"tool\": \"bilateral\", \"rows\": {}, \"groups\": {}, \"checksum\": {checksum:.3}, \"load_s\": {loaded_at:.3}, \"query_s\": {:.3}, \"total_s\": {total:.3}, \"peak_mb\": {:.0}}}",
        loaded.report.rows,
        summed.height(),
        total - loaded_at,
        support::peak_rss_mb()
    );
    Ok(())
}
