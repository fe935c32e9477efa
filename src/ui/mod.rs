//! The window. Everything here draws what the data layer and the chart models built; nothing
//! here computes figures. One file per panel. [`app`] holds the app type and its commands; its
//! state comes in parts, each changed by the commands that concern it: the settings, the
//! article shown ([`ShownArticle`]), the user's files and their jobs ([`UserFiles`], in
//! `user_data`), the exports running ([`ExportJobs`]) and what is selected ([`Selection`]).

mod app;
mod article_panel;
mod background;
mod chart_hover;
mod chart_panel;
mod column_panel;
mod file_dialog;
mod headline_panel;
mod jobs;
mod menu;
mod plot_axes;
pub mod settings;
mod stats_panel;
mod table_panel;
mod user_data;

pub use crate::chart::Theme;
pub use app::{BilateralApp, Command, ExportJobs, InfoWindow, Panel, Selection, ShownArticle};
pub use settings::Settings;
pub use user_data::{FileId, OpenedFile, UserFiles};

pub const APP_NAME: &str = "Bilateral";

/// Set this environment variable to have the window print, on stderr, how long after launch
/// its first frame was built (see docs/PERFORMANCE.md).
pub const STARTUP_REPORT_VARIABLE: &str = "BILATERAL_STARTUP_REPORT";

static LAUNCHED_AT: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

/// Records the moment the program started, for the start-up report.
pub fn mark_launch() {
    LAUNCHED_AT.get_or_init(std::time::Instant::now);
}

fn report_first_frame() {
    // egui may run the first frame twice (a sizing pass): report it once.
    static REPORTED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if REPORTED.swap(true, std::sync::atomic::Ordering::Relaxed) {
        return;
    }
    if std::env::var_os(STARTUP_REPORT_VARIABLE).is_some()
        && let Some(launched_at) = LAUNCHED_AT.get()
    {
        eprintln!(
            "first frame built {:.1} ms after launch",
            launched_at.elapsed().as_secs_f64() * 1e3
        );
    }
}
/// How the window opens, over the saved settings: the chart, the theme and an annotation to
/// follow at start.
#[derive(Debug, Clone, Default)]
pub struct StartOptions {
    pub chart: Option<crate::chart::ChartId>,
    pub theme: Option<Theme>,
    pub annotation: Option<String>,
    /// The files given on the command line are loaded leaving out rows with more or fewer
    /// cells than the header.
    pub skip_ragged_rows: bool,
}

pub const WINDOW_TITLE: &str = "Bilateral — China–Russia dashboard";

/// Opens the dashboard window on the bundled datasets and blocks until it closes.
pub fn run_window(
    start: &StartOptions,
    datasets: Option<&std::path::Path>,
    files: &[std::path::PathBuf],
) -> anyhow::Result<()> {
    let bundle = crate::data::Bundle::load_from(datasets)?;
    if let Some(id) = &start.annotation
        && bundle.article.annotation(id).is_none()
    {
        let known: Vec<&str> = bundle
            .article
            .annotations
            .iter()
            .map(|a| a.id.as_str())
            .collect();
        anyhow::bail!(
            "the article has no annotation \"{id}\"; its annotations are: {}",
            known.join(", ")
        );
    }
    let start = start.clone();
    let files = files.to_vec();
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(WINDOW_TITLE)
            .with_app_id("bilateral")
            .with_inner_size([1360.0, 860.0])
            .with_min_inner_size([900.0, 600.0]),
        ..Default::default()
    };
    eframe::run_native(
        APP_NAME,
        options,
        Box::new(move |cc| {
            let mut app = BilateralApp::new(cc, bundle);
            app.apply_start_options(&cc.egui_ctx, &start);
            for file in files {
                app.send(if start.skip_ragged_rows {
                    Command::LoadSkippingRaggedRows(file)
                } else {
                    Command::LoadCsv(file)
                });
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|err| anyhow::anyhow!("the window could not be opened: {err}"))
}

/// The host of a source address, as a short link text ("tass.com").
pub fn source_host(url: &str) -> &str {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = without_scheme.split('/').next().unwrap_or(without_scheme);
    host.strip_prefix("www.").unwrap_or(host)
}

/// A line of source links.
pub fn sources_ui(ui: &mut egui::Ui, sources: &[String]) {
    if sources.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(egui::RichText::new("Source:").small().weak());
        for url in sources {
            ui.hyperlink_to(egui::RichText::new(source_host(url)).small(), url);
        }
    });
}

/// A message for the user in the bar at the top: what happened, or what went wrong.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
    /// What the user can do about it, as a button beside the text.
    pub action: Option<(&'static str, Command)>,
}

impl Notice {
    pub fn info(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: false,
            action: None,
        }
    }

    pub fn error(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            is_error: true,
            action: None,
        }
    }

    #[must_use]
    pub fn with_action(mut self, label: &'static str, command: Command) -> Self {
        self.action = Some((label, command));
        self
    }
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl std::ops::Deref for Notice {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

/// The newest notice, if any, with a button to dismiss it; an error in the error colour.
pub fn notice_bar_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    let Some(notice) = app.notices.last().cloned() else {
        return;
    };
    let mut dismissed = false;
    egui::Panel::top("notice").show(ui, |ui| {
        // Wrapped: a long message must not push its buttons out of the window.
        ui.horizontal_wrapped(|ui| {
            if notice.is_error {
                let color = ui.visuals().error_fg_color;
                ui.label(egui::RichText::new("Error:").strong().color(color));
                ui.label(egui::RichText::new(&notice.text).color(color));
            } else {
                ui.label(egui::RichText::new("Notice:").strong());
                ui.label(&notice.text);
            }
            if let Some((label, command)) = &notice.action
                && ui.button(*label).clicked()
            {
                app.send(command.clone());
                dismissed = true;
            }
            if ui.button("Dismiss").clicked() {
                dismissed = true;
            }
        });
    });
    if dismissed {
        app.send(Command::DismissNotice);
    }
}

pub fn info_windows_ui(app: &mut BilateralApp, ctx: &egui::Context) {
    let Some(window) = app.open_window else {
        return;
    };
    let mut open = true;
    let title = match window {
        InfoWindow::Sources => "Data sources",
        InfoWindow::Shortcuts => "Keyboard shortcuts",
        InfoWindow::About => "About Bilateral",
    };
    egui::Window::new(title)
        .open(&mut open)
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| match window {
            InfoWindow::Sources => sources_window_ui(app, ui),
            InfoWindow::Shortcuts => shortcuts_window_ui(app, ui),
            InfoWindow::About => about_window_ui(ui),
        });
    if !open {
        app.open_window = None;
    }
}

fn sources_window_ui(app: &BilateralApp, ui: &mut egui::Ui) {
    egui::ScrollArea::vertical()
        .max_height(480.0)
        .show(ui, |ui| {
            for dataset in &app.bundle.datasets {
                ui.label(egui::RichText::new(&dataset.spec.title).strong());
                ui.label(format!(
                    "{} rows · {} · datasets/{}",
                    dataset.rows(),
                    dataset.spec.unit,
                    dataset.spec.file
                ));
                ui.label(egui::RichText::new(&dataset.spec.description).small());
                sources_ui(ui, &dataset.spec.sources);
                ui.separator();
            }
        });
}

fn shortcuts_window_ui(app: &BilateralApp, ui: &mut egui::Ui) {
    egui::Grid::new("shortcuts").striped(true).show(ui, |ui| {
        for (shortcut, command) in menu::shortcut_commands(&app.settings) {
            ui.label(egui::RichText::new(ui.ctx().format_shortcut(&shortcut)).monospace());
            ui.label(menu::describe(&command));
            ui.end_row();
        }
    });
}

fn about_window_ui(ui: &mut egui::Ui) {
    ui.label(format!("Bilateral {}", env!("CARGO_PKG_VERSION")));
    ui.label(
        "A dashboard for the statistics of a bilateral relationship — trade, tariffs, military and diplomatic events — shown beside the news text that cites them. Every figure carries its source; years no source confirms are left out.",
    );
}
