//! The table behind the chart on screen: the values it plots, as text, with their sources. It
//! is also the text alternative to the picture. Its header stays in view while the rows scroll;
//! only the rows in view are laid out, so a user's table of 20,000 rows costs what 20 do.

use egui_extras::{Column, TableBuilder};

use super::app::{BilateralApp, Command};
use crate::chart::{DataTable, PointRef};

/// The most decimals a column of the table shows.
const MAX_DECIMALS: usize = 3;
/// Up to this many rows every row is laid out; above it only those in view.
const LAID_OUT_ROWS: usize = 300;
/// The widest a column of text grows before its cells are cut (a tooltip shows them whole).
const MAX_COLUMN_WIDTH: f32 = 320.0;

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
                let reveal = reveal_selection
                    .then_some(selection.point.as_ref())
                    .flatten();
                clicked = rows_ui(ui, &chart.table, selection.point.as_ref(), reveal);
            });
    }
    if let Some(reference) = clicked {
        app.send(Command::SelectPoint(Some(reference)));
    }
}

/// The table's header and rows; returns the row clicked, if any.
fn rows_ui(
    ui: &mut egui::Ui,
    table: &DataTable,
    selected: Option<&PointRef>,
    reveal: Option<&PointRef>,
) -> Option<PointRef> {
    let mut clicked = None;
    let decimals = column_decimals(table);
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    egui::ScrollArea::horizontal().show(ui, |ui| {
        let mut builder = TableBuilder::new(ui)
            .id_salt(("data_table", table.columns.join("|")))
            .striped(true)
            .resizable(true)
            .sense(egui::Sense::click())
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .auto_shrink([false, false])
            .min_scrolled_height(0.0);
        for _ in &table.columns {
            builder = builder.column(
                Column::auto()
                    .at_least(48.0)
                    .at_most(MAX_COLUMN_WIDTH)
                    .clip(true),
            );
        }
        if let Some(index) = reveal.and_then(|r| table.row_refs.iter().position(|x| x == r)) {
            builder = builder.scroll_to_row(index, Some(egui::Align::Center));
        }
        builder
            .header(row_height, |mut header| {
                for column in &table.columns {
                    header.col(|ui| {
                        ui.strong(column);
                    });
                }
            })
            .body(|mut body| {
                let mut row_ui = |mut row: egui_extras::TableRow<'_, '_>| {
                    let index = row.index();
                    let reference = &table.row_refs[index];
                    let is_selected = selected == Some(reference);
                    row.set_selected(is_selected);
                    for (column, cell) in table.rows[index].iter().enumerate() {
                        row.col(|ui| {
                            if column == 0 {
                                // A button: the keyboard and screen readers select rows too.
                                if ui.selectable_label(is_selected, cell).clicked() {
                                    clicked = Some(reference.clone());
                                }
                            } else {
                                cell_ui(ui, cell, decimals.get(column).copied().flatten());
                            }
                        });
                    }
                    if row.response().clicked() {
                        clicked = Some(reference.clone());
                    }
                };
                if table.rows.len() > LAID_OUT_ROWS {
                    body.rows(row_height, table.rows.len(), row_ui);
                } else {
                    // Every row laid out, so a screen reader reaches each of them.
                    for _ in 0..table.rows.len() {
                        body.row(row_height, &mut row_ui);
                    }
                }
            });
    });
    clicked
}

/// One cell: web addresses as links to their sites (the address on hover), numbers with their
/// column's decimals, text cut to the column with the whole of it on hover.
fn cell_ui(ui: &mut egui::Ui, cell: &str, decimals: Option<usize>) {
    let is_source = !cell.is_empty()
        && cell
            .split_whitespace()
            .all(|word| word.starts_with("http://") || word.starts_with("https://"));
    if is_source {
        for url in cell.split_whitespace() {
            ui.hyperlink_to(super::source_host(url), url)
                .on_hover_text(url);
        }
        return;
    }
    let text = match decimals {
        Some(decimals) => with_decimals(cell, decimals),
        None => cell.to_owned(),
    };
    // egui shows a cut label's whole text on hover.
    ui.add(egui::Label::new(text).truncate());
}

/// For each column of numbers (every cell empty or a number, one at least with a decimal
/// point), the most decimals any cell has, up to three: each column reads with one precision,
/// and no figure loses a digit its source gave (GACC's 69.525 stays 69.525; 240.11 beside it
/// reads 240.110).
fn column_decimals(table: &DataTable) -> Vec<Option<usize>> {
    (0..table.columns.len())
        .map(|column| {
            let mut most = None;
            for row in table.rows.iter().take(5_000) {
                let cell = row.get(column).map_or("", |c| c.trim());
                if cell.is_empty() {
                    continue;
                }
                number_of(cell)?;
                let places = cell
                    .split_once('.')
                    .map_or(0, |(_, fraction)| fraction.len());
                most = Some(most.unwrap_or(0).max(places));
            }
            most.filter(|&places| places > 0)
                .map(|places| places.min(MAX_DECIMALS))
        })
        .collect()
}

/// The number a cell holds, if it holds only one (a leading `+` allowed, as in changes).
fn number_of(cell: &str) -> Option<f64> {
    cell.strip_prefix('+').unwrap_or(cell).parse().ok()
}

/// `cell` written with `decimals` places; a cell that is no number stays as it is.
fn with_decimals(cell: &str, decimals: usize) -> String {
    match number_of(cell.trim()) {
        Some(value) => {
            let sign = if cell.trim().starts_with('+') {
                "+"
            } else {
                ""
            };
            format!("{sign}{value:.decimals$}")
        }
        None => cell.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::{column_decimals, with_decimals};
    use crate::chart::{DataTable, PointRef};

    #[test]
    fn a_column_of_numbers_reads_with_one_precision() {
        let table = DataTable {
            columns: vec![
                "Year".into(),
                "Total".into(),
                "Change".into(),
                "Note".into(),
            ],
            rows: vec![
                vec!["1992".into(), "5.86".into(), String::new(), "first".into()],
                vec!["1994".into(), "5".into(), "+4.4".into(), "2.5".into()],
            ],
            row_refs: vec![PointRef::Year(1992), PointRef::Year(1994)],
        };
        assert_eq!(column_decimals(&table), [None, Some(2), Some(1), None]);
        assert_eq!(with_decimals("5", 2), "5.00");
        assert_eq!(with_decimals("+4.4", 1), "+4.4");
        assert_eq!(with_decimals("n/a", 1), "n/a");
    }
}
