//! The table behind the chart on screen: the values it plots, as text, with their sources. It
//! is also the text alternative to the picture.

use super::app::{BilateralApp, Command};

pub fn table_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    let mut clicked = None;
    {
        let BilateralApp {
            chart,
            selection,
            reveal_selection,
            ..
        } = &*app;
        let table = &chart.table;
        egui::Panel::bottom("data_table")
            .resizable(true)
            .default_size(210.0)
            .min_size(80.0)
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.label(
                    egui::RichText::new(format!("Data behind the chart: {}", chart.title)).strong(),
                );
                egui::ScrollArea::both().auto_shrink(false).show(ui, |ui| {
                    egui::Grid::new(("table", chart.id))
                        .striped(true)
                        .spacing([16.0, 4.0])
                        .show(ui, |ui| {
                            for column in &table.columns {
                                ui.label(egui::RichText::new(column).strong());
                            }
                            ui.end_row();
                            for (row, reference) in table.rows.iter().zip(&table.row_refs) {
                                let selected = selection.point.as_ref() == Some(reference);
                                for (index, cell) in row.iter().enumerate() {
                                    let is_source =
                                        table.columns.get(index).is_some_and(|c| c == "Source");
                                    if index == 0 {
                                        let response = ui.selectable_label(selected, cell);
                                        if selected && *reveal_selection {
                                            response.scroll_to_me(Some(egui::Align::Center));
                                        }
                                        if response.clicked() {
                                            clicked = Some(reference.clone());
                                        }
                                    } else if is_source {
                                        source_cell_ui(ui, cell);
                                    } else {
                                        let text = egui::RichText::new(cell);
                                        ui.label(if selected { text.strong() } else { text });
                                    }
                                }
                                ui.end_row();
                            }
                        });
                });
            });
    }
    if let Some(reference) = clicked {
        app.send(Command::SelectPoint(Some(reference)));
    }
}

fn source_cell_ui(ui: &mut egui::Ui, cell: &str) {
    ui.horizontal(|ui| {
        for url in cell.split_whitespace() {
            ui.hyperlink_to(super::source_host(url), url);
        }
    });
}
