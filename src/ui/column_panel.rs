//! The panel beside the chart of a user's file: the file and what the loader said of it, the
//! mapping of its columns to the chart, and its column list. It only sends commands; the work
//! they start runs off the UI thread (`user_data`).

use super::app::{BilateralApp, Command};
use super::user_data::OpenedFile;
use crate::chart::model::ChartId;
use crate::chart::user::{Aggregation, ChartSpec, Filter};
use crate::load::{ColumnKind, ColumnPlan};

/// How many value columns the mapping lists at once.
const LISTED_VALUE_COLUMNS: usize = 30;

/// The panel beside the chart of a user's file: the file, its warnings, the mapping of columns
/// to the chart, and the column list.
pub fn column_panel_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    if app.settings.chart != ChartId::UserData {
        return;
    }
    let Some(file) = app.user_files.shown_file() else {
        return;
    };
    let mut commands = Vec::new();
    // Starts at a third of what the article leaves at most, so the chart keeps the rest; its
    // contents may widen it (a panel narrower than its contents would be drawn over).
    let room = (ui.available_width() * 0.34).max(300.0);
    egui::Panel::right("column_panel")
        .default_size(340.0_f32.min(room))
        .resizable(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                file_summary_ui(file, ui, &mut commands);
                ui.separator();
                if let Some(spec) = &file.spec {
                    mapping_ui(file, spec, ui, &mut commands);
                } else {
                    ui.label(format!(
                        "Nothing to chart by default: {}.",
                        crate::chart::user::no_default_reason(&file.table)
                    ));
                }
                ui.separator();
                texts_ui(file, ui, &mut commands);
                ui.separator();
                columns_ui(file, ui);
            });
        });
    for command in commands {
        app.send(command);
    }
}

fn file_summary_ui(file: &OpenedFile, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    let report = &file.report;
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(file.table.file_name()).strong());
        if ui
            .button("Close")
            .on_hover_text("Close this file")
            .clicked()
        {
            commands.push(Command::CloseUserFile(file.id));
        }
    });
    ui.label(egui::RichText::new(&report.path).small().monospace());
    let delimiter = match report.delimiter.as_str() {
        "\\t" => "tab".to_owned(),
        other => format!("\"{other}\""),
    };
    if report.delimiter.is_empty() {
        // A Parquet or Arrow file has no dialect to show.
        ui.label(format!(
            "{} rows · {} columns · {} file",
            report.rows,
            report.columns.len(),
            report.encoding
        ));
    } else {
        ui.label(format!(
            "{} rows · {} columns · {} · delimiter {delimiter} · decimal \"{}\"{}",
            report.rows,
            report.columns.len(),
            report.encoding,
            report.decimal_mark,
            if report.compressed { " · gzip" } else { "" }
        ));
    }
    if report.shape == "wide" {
        ui.horizontal_wrapped(|ui| {
            ui.label("One column per year (or day): charted as a long table.");
            if ui
                .button("Reshape to long")
                .on_hover_text("Turn the year columns into a year column and a value column")
                .clicked()
            {
                commands.push(Command::ReshapeToLong(file.id));
            }
        });
    }
    if !report.warnings.is_empty() {
        egui::CollapsingHeader::new(format!("Warnings ({})", report.warnings.len()))
            .default_open(true)
            .show(ui, |ui| {
                for warning in &report.warnings {
                    ui.label(egui::RichText::new(warning).small());
                }
            });
    }
}

fn mapping_ui(file: &OpenedFile, spec: &ChartSpec, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    let columns = file.table.chart_columns();
    let mut changed = spec.clone();
    egui::Grid::new("mapping").num_columns(2).show(ui, |ui| {
        let label = ui.label("Along x:");
        egui::ComboBox::from_id_salt("x_column")
            .selected_text(&changed.x)
            .show_ui(ui, |ui| {
                for plan in columns
                    .iter()
                    .filter(|p| p.kind.is_time() || p.kind.is_quantity())
                {
                    ui.selectable_value(
                        &mut changed.x,
                        plan.name.clone(),
                        format!("{} ({})", plan.name, plan.kind.label()),
                    );
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        ui.label("Values:");
        ui.vertical(|ui| value_columns_ui(&columns, &mut changed, ui));
        ui.end_row();
        let label = ui.label("One line per:");
        egui::ComboBox::from_id_salt("group_column")
            .selected_text(changed.group.as_deref().unwrap_or("(none)"))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut changed.group, None, "(none)");
                for plan in columns
                    .iter()
                    .filter(|p| {
                        matches!(
                            p.kind,
                            ColumnKind::Text | ColumnKind::Code | ColumnKind::Year
                        )
                    })
                    .filter(|p| p.name != changed.x)
                {
                    ui.selectable_value(&mut changed.group, Some(plan.name.clone()), &plan.name);
                }
            })
            .response
            .labelled_by(label.id);
        ui.end_row();
        ui.label("Rows sharing an x:");
        ui.horizontal(|ui| {
            ui.radio_value(&mut changed.aggregation, Aggregation::Sum, "sum");
            ui.radio_value(&mut changed.aggregation, Aggregation::Mean, "mean");
        });
        ui.end_row();
    });
    ui.label(egui::RichText::new("Filters").strong());
    let mut remove = None;
    for (filter_index, filter) in changed.filters.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            if filter_row_ui(file, &columns, (filter_index, filter), ui, commands) {
                remove = Some(filter_index);
            }
        });
    }
    if let Some(filter_index) = remove {
        changed.filters.remove(filter_index);
    }
    if let Some(first) = columns
        .iter()
        .find(|p| !p.kind.is_quantity() && !p.kind.is_time())
        && ui.button("Add filter").clicked()
    {
        changed.filters.push(Filter {
            column: first.name.clone(),
            values: Vec::new(),
        });
    }
    if changed != *spec {
        commands.push(Command::SetChartSpec(file.id, changed));
    }
}

/// The words around the chart, for a report: title, subtitle, unit, note and source. Each
/// field shows the chart's own text until the user writes theirs.
fn texts_ui(file: &OpenedFile, ui: &mut egui::Ui, commands: &mut Vec<Command>) {
    egui::CollapsingHeader::new("Title, unit and source")
        .default_open(true)
        .show(ui, |ui| {
            let mut texts = file.texts.clone();
            let chart = &file.chart;
            let fields: [(&str, &mut String, &str); 5] = [
                ("Title", &mut texts.title, chart.title.as_str()),
                ("Subtitle", &mut texts.subtitle, chart.subtitle.as_str()),
                ("Unit", &mut texts.unit, chart.y_axis.label.as_str()),
                ("Note", &mut texts.note, "e.g. 2024 preliminary"),
                ("Source", &mut texts.source, "e.g. China customs (GACC)"),
            ];
            let mut changed = false;
            egui::Grid::new("chart_texts")
                .num_columns(2)
                .show(ui, |ui| {
                    for (label, text, hint) in fields {
                        let label = ui.label(label);
                        changed |= ui
                            .add(
                                egui::TextEdit::singleline(text)
                                    .hint_text(hint)
                                    .desired_width(ui.available_width().min(220.0)),
                            )
                            .labelled_by(label.id)
                            .changed();
                        ui.end_row();
                    }
                });
            if changed {
                commands.push(Command::SetChartTexts(file.id, texts));
            }
        });
}

fn columns_ui(file: &OpenedFile, ui: &mut egui::Ui) {
    let report = &file.report;
    egui::CollapsingHeader::new(format!("Columns ({})", report.columns.len()))
        .default_open(true)
        .show(ui, |ui| {
            let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            // Only the rows in view are laid out: a file may have 20,000 columns.
            egui::ScrollArea::vertical()
                .id_salt("columns")
                .max_height(320.0)
                .show_rows(ui, row_height, report.columns.len(), |ui, rows| {
                    for column in &report.columns[rows] {
                        ui.horizontal(|ui| {
                            ui.label(egui::RichText::new(&column.name).strong());
                            ui.label(egui::RichText::new(column.kind.label()).weak());
                            let mut notes = Vec::new();
                            if column.nulls > 0 {
                                notes.push(format!("{} empty", column.nulls));
                            }
                            if column.invalid > 0 {
                                notes.push(format!("{} unreadable", column.invalid));
                            }
                            if column.non_finite > 0 {
                                notes.push(format!("{} NaN/inf", column.non_finite));
                            }
                            if !notes.is_empty() {
                                ui.label(egui::RichText::new(notes.join(", ")).small());
                            }
                            ui.label(
                                egui::RichText::new(column.examples.join(", "))
                                    .small()
                                    .weak(),
                            );
                        });
                    }
                });
        });
}

/// The value columns to chart, as checkboxes; past a screenful of them, a search field picks
/// the ones listed.
fn value_columns_ui(columns: &[ColumnPlan], changed: &mut ChartSpec, ui: &mut egui::Ui) {
    let quantities: Vec<&ColumnPlan> = columns
        .iter()
        .filter(|p| p.kind.is_quantity() && p.name != changed.x)
        .collect();
    // A file can have thousands of number columns: past a screenful, a search field
    // picks the ones listed (the chosen ones always are).
    let search_id = ui.scope_id().with("value_search");
    let mut search: String = ui.data(|d| d.get_temp(search_id)).unwrap_or_default();
    if quantities.len() > LISTED_VALUE_COLUMNS {
        let field = ui.add(
            egui::TextEdit::singleline(&mut search)
                .hint_text(format!("Find among {} columns", quantities.len()))
                .desired_width(180.0),
        );
        if field.changed() {
            ui.data_mut(|d| d.insert_temp(search_id, search.clone()));
        }
    }
    let needle = search.to_lowercase();
    let listed: Vec<&ColumnPlan> = quantities
        .iter()
        .filter(|p| {
            changed.values.contains(&p.name)
                || needle.is_empty()
                || p.name.to_lowercase().contains(&needle)
        })
        .take(LISTED_VALUE_COLUMNS)
        .copied()
        .collect();
    for plan in listed {
        let mut on = changed.values.contains(&plan.name);
        if ui.checkbox(&mut on, &plan.name).changed() {
            if on {
                changed.values.push(plan.name.clone());
            } else {
                changed.values.retain(|v| *v != plan.name);
            }
        }
    }
}

/// One filter: its column, the values it keeps (read in the background the first time the list
/// opens) and a Remove button; true when Remove was clicked.
fn filter_row_ui(
    file: &OpenedFile,
    columns: &[ColumnPlan],
    (filter_index, filter): (usize, &mut Filter),
    ui: &mut egui::Ui,
    commands: &mut Vec<Command>,
) -> bool {
    let label = ui.label(format!("Filter {}:", filter_index + 1));
    egui::ComboBox::from_id_salt(("filter_column", filter_index))
        .selected_text(&filter.column)
        .width(110.0)
        .show_ui(ui, |ui| {
            for plan in columns.iter().filter(|p| !p.kind.is_quantity()) {
                if ui
                    .selectable_label(filter.column == plan.name, &plan.name)
                    .clicked()
                {
                    filter.column.clone_from(&plan.name);
                    filter.values.clear();
                }
            }
        })
        .response
        .labelled_by(label.id);
    let label = ui.label("=");
    let shown = if filter.values.is_empty() {
        "(choose)".to_owned()
    } else {
        filter.values.join(" or ")
    };
    egui::ComboBox::from_id_salt(("filter_values", filter_index))
        .selected_text(shown)
        .width(110.0)
        .show_ui(ui, |ui| {
            let Some(choices) = file.filter_choices.get(&filter.column) else {
                ui.label("Reading the values…");
                commands.push(Command::ReadFilterChoices(file.id, filter.column.clone()));
                return;
            };
            for value in choices.iter().cloned() {
                let mut on = filter.values.contains(&value);
                if ui.checkbox(&mut on, &value).changed() {
                    if on {
                        filter.values.push(value);
                    } else {
                        filter.values.retain(|v| *v != value);
                    }
                }
            }
        })
        .response
        .labelled_by(label.id);
    ui.small_button("Remove").clicked()
}
