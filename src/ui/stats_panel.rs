//! The statistics of the trade figures for a chosen range, under the trade and growth charts:
//! compound growth, the least-squares trend with its 95% interval, and a break test. With too
//! few years for a statistic, it says so instead of showing a number.

use super::app::{BilateralApp, Command};
use crate::stats::{StatsError, TradeStats};

pub fn stats_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    let settings = &app.settings;
    let coverage = &app.bundle.coverage;
    let years = coverage.first_year..=coverage.last_full_year;
    let (mut from, mut to, chosen_break) = settings.stats_years(coverage);
    let mut break_enabled = chosen_break.is_some();
    let mut break_year = settings
        .break_year
        .or(coverage.default_break_year)
        .unwrap_or(coverage.last_full_year);
    let mut show_trend = settings.show_trend;
    let mut changed = false;
    let mut trend_toggled = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Statistics of total trade").strong());
        let from_label = ui.label("from");
        changed |= ui
            .add(egui::DragValue::new(&mut from).range(years.clone()))
            .labelled_by(from_label.id)
            .changed();
        let to_label = ui.label("to");
        changed |= ui
            .add(egui::DragValue::new(&mut to).range(years.clone()))
            .labelled_by(to_label.id)
            .changed();
        changed |= ui.checkbox(&mut break_enabled, "Break test at").changed();
        let break_response = ui.add_enabled(
            break_enabled,
            egui::DragValue::new(&mut break_year).range(years),
        );
        let break_response =
            break_response.on_hover_text("Chow test: does the trend change at this year?");
        break_response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::SpinButton, break_enabled, "Break year")
        });
        changed |= break_response.changed();
        if app.chart.id == crate::chart::ChartId::Trade {
            trend_toggled = ui
                .checkbox(&mut show_trend, "Trend line on chart")
                .changed();
        }
    });
    summary_ui(&app.stats, ui);
    if changed {
        app.send(Command::SetStatsRange {
            from,
            to,
            break_year: break_enabled.then_some(break_year),
        });
    }
    if trend_toggled {
        app.send(Command::SetTrend(show_trend));
    }
}

/// The statistics of the range in one line, or why a statistic is missing.
fn summary_ui(stats: &Result<TradeStats, StatsError>, ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| match stats {
        Ok(stats) => {
            ui.label(egui::RichText::new(stats.summary().join(" · ")).small());
        }
        Err(err) => {
            let message = match err {
                StatsError::MissingYear { .. } | StatsError::EmptyRange { .. } => err.to_string(),
                other => format!("Statistics unavailable: {other}"),
            };
            ui.label(
                egui::RichText::new(message)
                    .small()
                    .color(ui.visuals().warn_fg_color),
            );
        }
    });
}
