//! The strip of headline figures at the top of the window.

use super::app::{BilateralApp, Command};
use super::sources_ui;
use crate::chart::headline::HeadlineFigure;

/// On a short window the cards become plain "caption value" labels that wrap, so the chart
/// keeps its height; each figure's detail is in its tooltip.
pub fn headline_ui(app: &mut BilateralApp, ui: &mut egui::Ui, compact: bool) {
    let mut clicked = None;
    let BilateralApp { headline, .. } = &*app;
    egui::Panel::top("headline").show(ui, |ui| {
        ui.add_space(if compact { 2.0 } else { 4.0 });
        ui.horizontal_wrapped(|ui| {
            for figure in headline {
                let response = if compact {
                    let caption = ui.label(egui::RichText::new(&figure.caption).small().weak());
                    let value = ui.label(egui::RichText::new(&figure.value).strong());
                    ui.add_space(12.0);
                    caption.union(value)
                } else {
                    card_ui(ui, figure)
                };
                // A click shows the figure's chart with its point marked. Not a Tab stop: the
                // keyboard reaches the same charts from the chart list, right after the menus.
                let response = response.interact(egui::Sense::CLICK);
                if response.clicked() {
                    clicked = Some((figure.chart, figure.point.clone()));
                }
                response
                    .on_hover_ui(|ui| {
                        ui.set_max_width(360.0);
                        if compact {
                            ui.label(egui::RichText::new(&figure.detail).strong());
                        }
                        ui.label(&figure.explanation);
                        sources_ui(ui, &figure.sources);
                    })
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Button,
                            true,
                            format!("{}: {} {}", figure.caption, figure.value, figure.detail),
                        )
                    });
            }
        });
        ui.add_space(2.0);
    });
    if let Some((chart, point)) = clicked {
        app.send(Command::SelectChart(chart));
        if point.is_some() {
            app.send(Command::SelectPoint(point));
        }
    }
}

fn card_ui(ui: &mut egui::Ui, figure: &HeadlineFigure) -> egui::Response {
    egui::Frame::group(ui.style())
        .inner_margin(egui::Margin::symmetric(12, 6))
        .show(ui, |ui| {
            ui.set_min_width(200.0);
            ui.vertical(|ui| {
                ui.label(egui::RichText::new(&figure.caption).small().weak());
                ui.label(egui::RichText::new(&figure.value).heading().strong());
                ui.label(egui::RichText::new(&figure.detail).small());
            });
        })
        .response
}
