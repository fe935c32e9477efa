//! Times the export of every bundled chart in every format, in process (no process start-up):
//! building the chart model, then rendering it (SVG text, PNG pixels at 2×, CSV text).
//! Run with `cargo run --release --example export_cost`; the figures go into
//! docs/PERFORMANCE.md.
#![allow(clippy::expect_used)]

use std::time::{Duration, Instant};

use bilateral::chart::{ChartId, ChartOptions, build_chart};
use bilateral::data::Bundle;
use bilateral::export::{ExportFormat, ExportOptions, render};

const RUNS: u32 = 5;

fn main() {
    let bundle = Bundle::load().expect("bundled data loads");
    let options = ExportOptions::default();
    println!(
        "{:<18} {:>12} {:>12} {:>12}   (median of {RUNS}, {}×{} at {}×)",
        "chart", "png", "svg", "csv", options.width, options.height, options.scale
    );
    for chart in ChartId::ALL {
        let mut cells = Vec::new();
        for format in [ExportFormat::Png, ExportFormat::Svg, ExportFormat::Csv] {
            let mut times: Vec<Duration> = (0..RUNS)
                .map(|_| {
                    let started = Instant::now();
                    let model = build_chart(&bundle, chart, &ChartOptions::default());
                    let bytes = render(&model, format, &options).expect("renders");
                    assert!(!bytes.is_empty());
                    started.elapsed()
                })
                .collect();
            times.sort_unstable();
            cells.push(format!(
                "{:>9.1} ms",
                times[times.len() / 2].as_secs_f64() * 1e3
            ));
        }
        println!("{:<18} {}", chart.slug(), cells.join(" "));
    }
}
