//! The menu bar and the keyboard shortcuts. Both produce [`Command`]s, so a menu item and its
//! shortcut always do the same thing.

use egui::{Key, KeyboardShortcut, Modifiers};

use super::app::{BilateralApp, Command, InfoWindow, Panel};
use super::settings::Settings;
use crate::chart::ChartId;
use crate::chart::Theme;

const OPEN_CSV: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::O);
const EXPORT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::E);
const QUIT: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::Q);
const TOGGLE_ARTICLE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::B);
const TOGGLE_TABLE: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::T);
const TOGGLE_THEME: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::D);
const RESET_VIEW: KeyboardShortcut = KeyboardShortcut::new(Modifiers::COMMAND, Key::R);
const SHORTCUTS_HELP: KeyboardShortcut = KeyboardShortcut::new(Modifiers::NONE, Key::F1);
const CHART_KEYS: [Key; 7] = [
    Key::Num1,
    Key::Num2,
    Key::Num3,
    Key::Num4,
    Key::Num5,
    Key::Num6,
    Key::Num7,
];

fn chart_shortcut(index: usize) -> Option<KeyboardShortcut> {
    CHART_KEYS
        .get(index)
        .map(|key| KeyboardShortcut::new(Modifiers::COMMAND, *key))
}

fn other_theme(settings: &Settings) -> Theme {
    match settings.theme {
        Theme::Light => Theme::Dark,
        Theme::Dark => Theme::Light,
    }
}

/// Every shortcut with the command it gives now and a description for the help window.
pub fn shortcut_commands(settings: &Settings) -> Vec<(KeyboardShortcut, Command)> {
    let mut shortcuts = vec![
        (OPEN_CSV, Command::OpenCsvDialog),
        (EXPORT, Command::ExportDialog),
        (QUIT, Command::Quit),
        (
            TOGGLE_ARTICLE,
            Command::SetPanel(Panel::Article, !settings.show_article),
        ),
        (
            TOGGLE_TABLE,
            Command::SetPanel(Panel::Table, !settings.show_table),
        ),
        (TOGGLE_THEME, Command::SetTheme(other_theme(settings))),
        (RESET_VIEW, Command::ResetView),
        (SHORTCUTS_HELP, Command::OpenWindow(InfoWindow::Shortcuts)),
    ];
    for (index, chart) in ChartId::ALL.into_iter().enumerate() {
        if let Some(shortcut) = chart_shortcut(index) {
            shortcuts.push((shortcut, Command::SelectChart(chart)));
        }
    }
    shortcuts
}

/// Describes a shortcut's command for the help window.
pub fn describe(command: &Command) -> String {
    match command {
        Command::OpenCsvDialog => "Open a CSV file".to_owned(),
        Command::Quit => "Quit".to_owned(),
        Command::SetPanel(Panel::Article, _) => "Show or hide the article".to_owned(),
        Command::SetPanel(Panel::Table, _) => "Show or hide the data table".to_owned(),
        Command::SetPanel(Panel::Headline, _) => "Show or hide the headline figures".to_owned(),
        Command::SetTheme(_) => "Switch between light and dark".to_owned(),
        Command::ResetView => "Reset the chart's zoom and pan".to_owned(),
        Command::ExportDialog => "Export the chart (PNG, SVG or CSV)".to_owned(),
        Command::OpenWindow(InfoWindow::Shortcuts) => "Keyboard shortcuts".to_owned(),
        Command::SelectChart(chart) => format!("Chart: {}", chart.label()),
        other => format!("{other:?}"),
    }
}

fn item(
    ui: &mut egui::Ui,
    label: &str,
    shortcut: Option<KeyboardShortcut>,
    command: Command,
    app: &mut BilateralApp,
) {
    let mut button = egui::Button::new(label);
    if let Some(shortcut) = shortcut {
        button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
    }
    if ui.add(button).clicked() {
        app.send(command);
        ui.close();
    }
}

pub fn menu_bar_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu_ui(app, ui));
            ui.menu_button("View", |ui| view_menu_ui(app, ui));
            ui.menu_button("Help", |ui| help_menu_ui(app, ui));
        });
    });
}

fn file_menu_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    item(
        ui,
        "Open data file…",
        Some(OPEN_CSV),
        Command::OpenCsvDialog,
        app,
    );
    let recent = app.settings.recent_files.clone();
    ui.add_enabled_ui(!recent.is_empty(), |ui| {
        ui.menu_button("Open recent", |ui| {
            for path in recent {
                item(
                    ui,
                    &path.display().to_string(),
                    None,
                    Command::LoadCsv(path),
                    app,
                );
            }
        });
    });
    item(ui, "Open article…", None, Command::OpenArticleDialog, app);
    if app.article.path.is_some() {
        item(
            ui,
            "Show the bundled article",
            None,
            Command::ShowBundledArticle,
            app,
        );
    }
    item(
        ui,
        "Export chart…",
        Some(EXPORT),
        Command::ExportDialog,
        app,
    );
    ui.separator();
    item(ui, "Quit", Some(QUIT), Command::Quit, app);
}

fn view_menu_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    for (index, chart) in ChartId::ALL.into_iter().enumerate() {
        let selected = app.settings.chart == chart;
        let mut button = egui::Button::selectable(selected, chart.label());
        if let Some(shortcut) = chart_shortcut(index) {
            button = button.shortcut_text(ui.ctx().format_shortcut(&shortcut));
        }
        if ui.add(button).clicked() {
            app.send(Command::SelectChart(chart));
            ui.close();
        }
    }
    ui.separator();
    let panels = [
        (
            Panel::Headline,
            "Headline figures",
            app.settings.show_headline,
        ),
        (Panel::Article, "Article", app.settings.show_article),
        (Panel::Table, "Data table", app.settings.show_table),
    ];
    for (panel, label, mut shown) in panels {
        if ui.checkbox(&mut shown, label).changed() {
            app.send(Command::SetPanel(panel, shown));
        }
    }
    ui.separator();
    let mut theme = app.settings.theme;
    let light = ui.radio_value(&mut theme, Theme::Light, "Light theme");
    let dark = ui.radio_value(&mut theme, Theme::Dark, "Dark theme");
    if light.changed() || dark.changed() {
        app.send(Command::SetTheme(theme));
    }
    ui.separator();
    item(
        ui,
        "Reset chart view",
        Some(RESET_VIEW),
        Command::ResetView,
        app,
    );
}

fn help_menu_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    item(
        ui,
        "Data sources",
        None,
        Command::OpenWindow(InfoWindow::Sources),
        app,
    );
    item(
        ui,
        "Keyboard shortcuts",
        Some(SHORTCUTS_HELP),
        Command::OpenWindow(InfoWindow::Shortcuts),
        app,
    );
    item(
        ui,
        "About Bilateral",
        None,
        Command::OpenWindow(InfoWindow::About),
        app,
    );
}
