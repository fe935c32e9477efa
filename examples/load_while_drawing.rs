//! Loads a big CSV file in the real app type (headless) the way File → Open CSV does, and times
//! every frame drawn meanwhile: the window must keep drawing while the file loads. Then hovers
//! the resulting chart to time frames with its line on screen. Prints the load time, the frame
//! times and the process's peak memory, for docs/PERFORMANCE.md.
//!
//! `cargo run --release --example load_while_drawing -- FILE.csv`
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::time::{Duration, Instant};

use bilateral::data::Bundle;
use bilateral::ui::{BilateralApp, Command};
use egui_kittest::Harness;

fn summary(label: &str, mut frames: Vec<Duration>) {
    frames.sort();
    let at = |q: f64| frames[((frames.len() - 1) as f64 * q).round() as usize].as_secs_f64() * 1e3;
    println!(
        "{label}: {} frames, median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
        frames.len(),
        at(0.5),
        at(0.95),
        at(1.0)
    );
}

fn main() {
    let path = std::path::PathBuf::from(std::env::args().nth(1).expect("usage: FILE.csv"));
    let size_mb = std::fs::metadata(&path).map_or(0.0, |m| m.len() as f64 / 1e6);
    let bundle = Bundle::load().expect("bundled data loads");
    let mut harness = Harness::builder()
        .with_size([1360.0, 860.0])
        .build_eframe(|cc| BilateralApp::new(cc, bundle));
    harness.run();
    let before_mb = support::peak_rss_mb();
    harness.state_mut().send(Command::LoadCsv(path.clone()));
    let start = Instant::now();
    let mut frames = Vec::new();
    let mut progress_seen = 0;
    while start.elapsed() < Duration::from_mins(10) {
        let frame = Instant::now();
        harness.step();
        frames.push(frame.elapsed());
        if let Some(loading) = harness.state().user_files.loading.first() {
            let (read, total) = loading.control.progress();
            if read > 0 && read < total {
                progress_seen += 1;
            }
        } else {
            break;
        }
        // A window at 60 frames a second.
        std::thread::sleep(Duration::from_millis(16));
    }
    let load_s = start.elapsed().as_secs_f64();
    let app = harness.state();
    let notice = app
        .notices
        .last()
        .map(|notice| notice.text.clone())
        .unwrap_or_default();
    println!(
        "{}: {size_mb:.0} MB loaded in {load_s:.2} s",
        path.display()
    );
    println!("notice: {notice}");
    println!("frames showing a partial progress bar: {progress_seen}");
    summary("frames while loading", frames);
    let rows = app.user_files.opened.first().map_or(0, |f| f.report.rows);
    let points: usize = app.chart.series.iter().map(|s| s.points.len()).sum();
    println!("rows {rows}, points on the chart {points}");
    // Hover across the chart for a while: thinning and the x search keep these frames cheap.
    let mut hovering = Vec::new();
    for step in 0..200 {
        harness.hover_at(egui::pos2(300.0 + 3.0 * step as f32, 400.0));
        let frame = Instant::now();
        harness.step();
        hovering.push(frame.elapsed());
        if std::env::var_os("SHOW_SLOW_FRAMES").is_some()
            && frame.elapsed() > Duration::from_millis(20)
        {
            println!("slow hover frame {step}: {:?}", frame.elapsed());
        }
    }
    summary("frames hovering the chart", hovering);
    println!(
        "peak memory {:.0} MB (before loading {before_mb:.0} MB); {:.2}x the file",
        support::peak_rss_mb(),
        support::peak_rss_mb() / size_mb
    );
}
