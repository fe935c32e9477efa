//! The strip of headline figures at the top of the window.

use super::app::BilateralApp;
use super::sources_ui;

pub fn headline_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    let BilateralApp { headline, .. } = app;
    egui::Panel::top("headline").show(ui, |ui| {
        ui.add_space(4.0);
        ui.horizontal_wrapped(|ui| {
            for figure in headline.iter() {
                let card =
                    egui::Frame::group(ui.style()).inner_margin(egui::Margin::symmetric(12, 6));
                let response = card
                    .show(ui, |ui| {
                        ui.set_min_width(200.0);
                        ui.vertical(|ui| {
                            ui.label(egui::RichText::new(&figure.caption).small().weak());
                            ui.label(egui::RichText::new(&figure.value).heading().strong());
                            ui.label(egui::RichText::new(&figure.detail).small());
                        });
                    })
                    .response;
                response
                    .on_hover_ui(|ui| {
                        ui.set_max_width(360.0);
                        ui.label(&figure.explanation);
                        sources_ui(ui, &figure.sources);
                    })
                    .widget_info(|| {
                        egui::WidgetInfo::labeled(
                            egui::Role::Label,
                            true,
                            format!("{}: {} {}", figure.caption, figure.value, figure.detail),
                        )
                    });
            }
        });
        ui.add_space(2.0);
    });
}
