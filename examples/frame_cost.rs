//! Measures the CPU cost of one frame of the default dashboard — egui layout plus tessellation —
//! while the pointer rests on the trade chart, as when a reader hovers a point. Uses the real app
//! type, headless. Run with `cargo run --release --example frame_cost`; the figures go into
//! docs/PERFORMANCE.md.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::time::{Duration, Instant};

use bilateral::data::Bundle;
use bilateral::ui::BilateralApp;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

// More than egui's tooltip delay (0.5 s at 60 frames a second), so the tooltip is open.
const WARM_UP_FRAMES: usize = 60;
const MEASURED_FRAMES: usize = 300;

fn percentile(sorted: &[Duration], fraction: f64) -> Duration {
    let index = ((sorted.len() - 1) as f64 * fraction).round() as usize;
    sorted[index]
}

fn main() {
    let bundle = Bundle::load().expect("bundled data loads");
    let mut harness = Harness::builder()
        .with_size([1360.0, 860.0])
        .build_eframe(|cc| BilateralApp::new(cc, bundle));
    harness.run();
    let chart_rect = harness
        .get_by_label("Chart: China–Russia trade, 2000–2024")
        .rect();
    // Find a spot on a data point near 2023 (the top right of the chart), where the tooltip
    // and the hover ring are drawn every frame.
    let has_tooltip = |harness: &Harness<'_, BilateralApp>| {
        harness
            .query_by_label_contains("Click to mark the sentences that cite it")
            .is_some()
    };
    let mut hover = None;
    'search: for step_x in 0..12 {
        for step_y in 0..24 {
            let candidate = egui::pos2(
                chart_rect.right() - 10.0 - 6.0 * step_x as f32,
                chart_rect.top() + 4.0 * step_y as f32,
            );
            harness.hover_at(candidate);
            for _ in 0..WARM_UP_FRAMES {
                harness.step();
            }
            if has_tooltip(&harness) {
                hover = Some(candidate);
                break 'search;
            }
        }
    }
    let hover = hover.expect("a data point near the top right of the trade chart");
    println!("pointer resting at {hover:?}, on a data point with its tooltip open");
    let mut layout = Vec::with_capacity(MEASURED_FRAMES);
    let mut tessellation = Vec::with_capacity(MEASURED_FRAMES);
    let mut total = Vec::with_capacity(MEASURED_FRAMES);
    for _ in 0..MEASURED_FRAMES {
        harness.hover_at(hover);
        let started = Instant::now();
        harness.step();
        let laid_out = started.elapsed();
        let output = harness.output();
        let shapes = output.shapes.clone();
        let pixels_per_point = output.pixels_per_point;
        let tessellating = Instant::now();
        let primitives = harness.ctx.tessellate(shapes, pixels_per_point);
        let tessellated = tessellating.elapsed();
        assert!(!primitives.is_empty());
        layout.push(laid_out);
        tessellation.push(tessellated);
        total.push(laid_out + tessellated);
    }
    for (name, samples) in [
        ("layout", &mut layout),
        ("tessellation", &mut tessellation),
        ("layout + tessellation", &mut total),
    ] {
        samples.sort_unstable();
        println!(
            "{name:<22} median {:>7.3} ms   p95 {:>7.3} ms   max {:>7.3} ms",
            percentile(samples, 0.5).as_secs_f64() * 1e3,
            percentile(samples, 0.95).as_secs_f64() * 1e3,
            samples[samples.len() - 1].as_secs_f64() * 1e3,
        );
    }
}
