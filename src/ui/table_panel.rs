//! The table behind the chart on screen: the values it plots, as text, with their sources. It
//! is also the text alternative to the picture.

use super::app::{BilateralApp, Command};

/// `max_height`: what the chart leaves; the table scrolls rather than take the chart's room.
pub fn table_ui(app: &mut BilateralApp, ui: &mut egui::Ui, max_height: f32) {
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
            .default_size(210.0_f32.min(max_height))
            .min_size(80.0)
            .max_size(max_height.max(80.0))
            .show(ui, |ui| {
                ui.add_space(4.0);
                ui.label(
                    egui::RichText::new(format!("Data behind the chart: {}", chart.title)).strong(),
                );
                if table.rows.len() > GRID_ROWS {
                    clicked = long_table_ui(ui, table, selection.point.as_ref());
                    return;
                }
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
                                    // A cell of web addresses reads as links to their sites.
                                    let is_source = !cell.is_empty()
                                        && cell.split_whitespace().all(|word| {
                                            word.starts_with("http://")
                                                || word.starts_with("https://")
                                        });
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

/// Above this many rows only the rows in view are laid out, in fixed-width columns; a grid
/// would lay out every row of a user's file every frame.
const GRID_ROWS: usize = 300;
const LONG_TABLE_COLUMN_WIDTH: f32 = 150.0;

fn long_table_ui(
    ui: &mut egui::Ui,
    table: &crate::chart::DataTable,
    selected: Option<&crate::chart::PointRef>,
) -> Option<crate::chart::PointRef> {
    let mut clicked = None;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let cell = |ui: &mut egui::Ui, text: egui::RichText| {
        ui.add_sized(
            [LONG_TABLE_COLUMN_WIDTH, row_height],
            egui::Label::new(text).truncate(),
        );
    };
    ui.horizontal(|ui| {
        for column in &table.columns {
            cell(ui, egui::RichText::new(column).strong());
        }
    });
    egui::ScrollArea::both().auto_shrink(false).show_rows(
        ui,
        row_height,
        table.rows.len(),
        |ui, rows| {
            for index in rows {
                let (row, reference) = (&table.rows[index], &table.row_refs[index]);
                let is_selected = selected == Some(reference);
                ui.horizontal(|ui| {
                    for (column, text) in row.iter().enumerate() {
                        if column == 0 {
                            let response = ui.add_sized(
                                [LONG_TABLE_COLUMN_WIDTH, row_height],
                                egui::Button::selectable(is_selected, text.as_str()),
                            );
                            if response.clicked() {
                                clicked = Some(reference.clone());
                            }
                        } else {
                            cell(ui, egui::RichText::new(text));
                        }
                    }
                });
            }
        },
    );
    clicked
}

fn source_cell_ui(ui: &mut egui::Ui, cell: &str) {
    ui.horizontal(|ui| {
        for url in cell.split_whitespace() {
            ui.hyperlink_to(super::source_host(url), url);
        }
    });
}
