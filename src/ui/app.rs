//! The app type, its commands and its frame loop. Actions chosen during a frame (menu items,
//! shortcuts, clicks) become [`Command`]s that are applied once, at the end of the frame, so
//! every way of doing a thing goes through the same code.

use crate::chart::headline::{HeadlineFigure, headline_figures};
use crate::chart::{
    ChartId, ChartModel, CompositionView, GrowthView, PeriodView, PointRef, build_chart,
};
use std::path::PathBuf;
use std::sync::Arc;

use crate::claims::{Claim, check_article};
use crate::data::Article;
use crate::data::{Annotation, Bundle, EventKind, IsoDate};
use crate::stats::{StatsError, TradeStats, trade_stats};

use super::background::BackgroundJob;
use super::file_dialog::{DialogPurpose, FileDialog};
use super::settings::{SETTINGS_KEY, Settings};
use super::user_data::{self, FileId, UserFiles};
use super::{article_panel, chart_panel, column_panel, headline_panel, menu, table_panel};
use crate::chart::ChartTexts;
use crate::chart::Theme;
use crate::chart::user::ChartSpec;
use crate::load::LoadControl;

/// An article read and checked off the UI thread.
pub type LoadedArticle = Result<(PathBuf, Article, Vec<Claim>), String>;

/// The article on screen and its claims.
#[derive(Debug)]
pub struct ShownArticle {
    /// The bundled article, or one the user opened.
    pub article: Article,
    /// Where it came from; `None` for the bundled one.
    pub path: Option<PathBuf>,
    /// Its numeric claims, checked against the data once, when it is read.
    pub claims: Vec<Claim>,
    /// Another article being read; this one stays on screen until it is ready.
    pub loading: Option<BackgroundJob<LoadedArticle>>,
}

impl ShownArticle {
    fn bundled(bundle: &Bundle) -> Self {
        Self {
            article: bundle.article.clone(),
            path: None,
            claims: check_article(bundle, &bundle.article),
            loading: None,
        }
    }
}

/// The chart's exports running off the UI thread, and a replacement waiting for a yes.
#[derive(Debug, Default)]
pub struct ExportJobs {
    /// Writing a file: its path, or why it was not written.
    pub to_file: Option<BackgroundJob<Result<PathBuf, String>>>,
    /// Rendering the chart for the clipboard.
    pub to_clipboard: Option<BackgroundJob<Result<egui::ColorImage, String>>>,
    /// A file the user chose to export to that exists: replaced only once they confirm.
    pub confirm_replace: Option<PathBuf>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    SelectChart(ChartId),
    /// Show the chart an article annotation refers to and mark its data point.
    FollowAnnotation(String),
    /// Select a data point or event (or clear the selection), marking the sentences citing it.
    SelectPoint(Option<PointRef>),
    /// Take the names off the event markers the user picked.
    ClearEventLabels,
    SetMarkerKind(EventKind, bool),
    SetLogScale(bool),
    SetGrowthView(GrowthView),
    SetIndexBaseYear(i32),
    SetPeriodView(PeriodView),
    SetCompositionView(CompositionView),
    /// Change the statistics' range and break year.
    SetStatsRange {
        from: i32,
        to: i32,
        break_year: Option<i32>,
    },
    SetTrend(bool),
    /// Show a checked claim's evidence and the chart point behind it.
    ShowClaim(usize),
    OpenArticleDialog,
    OpenCsvDialog,
    /// Read a CSV file in the background, then chart it beside the bundled charts.
    LoadCsv(PathBuf),
    /// Read a CSV file leaving out the rows with more or fewer cells than the header, counted
    /// and named in the report.
    LoadSkippingRaggedRows(PathBuf),
    CancelLoad(PathBuf),
    /// Show the chart of an opened file.
    SelectUserFile(FileId),
    /// Map an opened file's columns to its chart this way.
    SetChartSpec(FileId, ChartSpec),
    /// The title, unit, note and source of a user's chart, as they typed them.
    SetChartTexts(FileId, ChartTexts),
    ReshapeToLong(FileId),
    /// Read the values a filter on this column of an opened file can choose from.
    ReadFilterChoices(FileId, String),
    CloseUserFile(FileId),
    /// Ask where to export the chart on screen.
    ExportDialog,
    /// Export the chart on screen to this file (format from its ending) in the background;
    /// `replace` is the user's confirmation to overwrite an existing file.
    ExportChartTo {
        path: PathBuf,
        replace: bool,
    },
    CancelReplace,
    /// Put the chart on screen on the clipboard as an image.
    CopyChartImage,
    /// Read an article file in the background, then show it with its claims checked.
    LoadArticle(PathBuf),
    ShowBundledArticle,
    ResetView,
    SetPanel(Panel, bool),
    SetTheme(Theme),
    OpenWindow(InfoWindow),
    DismissNotice,
    Quit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Panel {
    Headline,
    Article,
    Table,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InfoWindow {
    Sources,
    Shortcuts,
    About,
}

/// What is selected: a data point or event, and the annotation or checked claim that led
/// there, if any.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Selection {
    pub point: Option<PointRef>,
    pub annotation: Option<String>,
    /// The index of a claim in [`ShownArticle::claims`].
    pub claim: Option<usize>,
}

impl Selection {
    /// Whether `annotation` cites what is selected (or is the one selected).
    pub fn marks(&self, annotation: &Annotation) -> bool {
        if self.annotation.as_deref() == Some(annotation.id.as_str()) {
            return true;
        }
        match &self.point {
            Some(PointRef::Year(year)) => annotation.year == Some(*year),
            Some(PointRef::Row { dataset_id, row }) => {
                annotation.dataset_id.as_deref() == Some(dataset_id.as_str())
                    && annotation.row == Some(*row)
            }
            None => false,
        }
    }
}

/// The dashboard.
#[derive(Debug)]
pub struct BilateralApp {
    pub settings: Settings,
    /// Shared with background work (checking an opened article's claims).
    pub bundle: Arc<Bundle>,
    pub article: ShownArticle,
    pub file_dialog: Option<FileDialog>,
    pub exports: ExportJobs,
    /// The chart on screen, rebuilt only when the data or a setting it depends on changes; a
    /// user's file shares its chart with it.
    pub chart: Arc<ChartModel>,
    pub headline: Vec<HeadlineFigure>,
    /// The statistics for the range in the settings, rebuilt when the range changes.
    pub stats: Result<TradeStats, StatsError>,
    pub selection: Selection,
    /// The events the user picked on the chart, whose markers carry their names (on screen and
    /// in exports) until cleared.
    pub labelled_events: Vec<PointRef>,
    /// Messages for the user, newest last (a failed settings file, a feature not yet there).
    pub notices: Vec<super::Notice>,
    pub open_window: Option<InfoWindow>,
    /// Set for one frame to make the plot return to its default view.
    pub reset_view: bool,
    /// Set for one frame after the selection changed, to scroll the table and the article to it.
    pub reveal_selection: bool,
    /// The height the chart area took besides the plot in the last frame (chart list, options,
    /// titles, statistics), which depends on the window's width: the table leaves room for it.
    pub chart_chrome: f32,
    /// The height of what the last frame drew under the plot (source line, statistics), which
    /// wraps on a narrow window: the plot leaves room for it.
    pub below_plot: f32,
    /// The CSV files the user opened and the work running on them.
    pub user_files: UserFiles,
    commands: Vec<Command>,
}

/// Where a file dialog opens: the first of `candidates` that is a folder, else the working
/// folder.
fn dialog_start(candidates: impl IntoIterator<Item = Option<PathBuf>>) -> PathBuf {
    candidates
        .into_iter()
        .flatten()
        .find(|folder| folder.is_dir())
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_default()
}

/// Below this window height (in points) the headline cards become one line each.
const COMPACT_BELOW: f32 = 820.0;
/// The height of what the chart area shows besides the plot (the chart list, options, title,
/// source line and statistics) until a frame has measured it.
const CHART_CHROME: f32 = 190.0;

/// The smallest text the window writes, in points.
pub const MIN_TEXT_SIZE: f32 = 11.0;

impl BilateralApp {
    /// Builds the app as eframe does, restoring saved settings where there are any.
    pub fn new(cc: &eframe::CreationContext<'_>, bundle: Bundle) -> Self {
        let stored = cc
            .storage
            .and_then(|storage| storage.get_string(SETTINGS_KEY));
        let mut notices = Vec::new();
        let settings = match stored.map(|text| Settings::from_json(&text)) {
            Some(Ok(settings)) => settings,
            Some(Err(notice)) => {
                notices.push(super::Notice::error(notice));
                Settings::default()
            }
            None => Settings::default(),
        };
        let mut app = Self::with_settings(bundle, settings);
        app.notices = notices;
        app.apply_theme(&cc.egui_ctx);
        app
    }

    pub fn with_settings(bundle: Bundle, mut settings: Settings) -> Self {
        // A user's file is not reopened by itself; start on the bundled trade chart.
        if settings.chart == ChartId::UserData {
            settings.chart = ChartId::Trade;
        }
        let chart = Arc::new(build_chart(
            &bundle,
            settings.chart,
            &settings.chart_options(&bundle.coverage),
        ));
        let headline = headline_figures(&bundle, IsoDate::today());
        let (from, to, break_year) = settings.stats_years(&bundle.coverage);
        let stats = trade_stats(&bundle, from, to, break_year);
        let article = ShownArticle::bundled(&bundle);
        Self {
            settings,
            bundle: Arc::new(bundle),
            article,
            file_dialog: None,
            exports: ExportJobs::default(),
            chart,
            headline,
            stats,
            selection: Selection::default(),
            labelled_events: Vec::new(),
            notices: Vec::new(),
            open_window: None,
            reset_view: false,
            chart_chrome: CHART_CHROME,
            below_plot: 84.0,
            reveal_selection: false,
            user_files: UserFiles::default(),
            commands: Vec::new(),
        }
    }

    /// Applies the command line's window options over the saved settings.
    pub fn apply_start_options(&mut self, ctx: &egui::Context, start: &super::StartOptions) {
        if let Some(chart) = start.chart {
            self.apply(ctx, Command::SelectChart(chart));
        }
        if let Some(theme) = start.theme {
            self.apply(ctx, Command::SetTheme(theme));
        }
        if let Some(id) = &start.annotation {
            self.apply(ctx, Command::FollowAnnotation(id.clone()));
        }
    }

    /// Queues a command; it is applied at the end of the frame.
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    fn select_point(&mut self, point: Option<PointRef>) {
        // An event picked on the chart is named on its marker from now on.
        if let Some(event) = &point
            && self.chart.markers.iter().any(|m| &m.refers_to == event)
            && !self.labelled_events.contains(event)
        {
            self.labelled_events.push(event.clone());
            self.rebuild_chart();
        }
        self.selection = Selection {
            point,
            ..Selection::default()
        };
        self.reveal_selection = true;
    }

    pub(super) fn rebuild_chart(&mut self) {
        if self.settings.chart == ChartId::UserData {
            if let Some(file) = self.user_files.shown_file() {
                self.chart = Arc::clone(&file.chart);
            }
            return;
        }
        let mut options = self.settings.chart_options(&self.bundle.coverage);
        options.labelled_events.clone_from(&self.labelled_events);
        self.chart = Arc::new(build_chart(&self.bundle, self.settings.chart, &options));
    }

    fn apply_theme(&self, ctx: &egui::Context) {
        ctx.set_theme(match self.settings.theme {
            Theme::Light => egui::Theme::Light,
            Theme::Dark => egui::Theme::Dark,
        });
        // egui's small text (9 points) is too small for the statistics line, badges and card
        // captions people read; nothing in the window is written smaller than 11.
        ctx.all_styles_mut(|style| {
            if let Some(small) = style.text_styles.get_mut(&egui::TextStyle::Small) {
                small.size = small.size.max(MIN_TEXT_SIZE);
            }
            // Scroll bars beside the content, never over it: egui's floating bars covered the
            // last characters of the article's lines and the table's last column.
            style.spacing.scroll = egui::style::ScrollStyle::solid();
        });
    }

    fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::SelectChart(chart) => {
                if self.settings.chart != chart {
                    self.settings.chart = chart;
                    self.rebuild_chart();
                    self.settings.log_scale &= self.chart.supports_log_scale;
                }
            }
            Command::FollowAnnotation(id) => self.follow_annotation(id),
            Command::SelectPoint(point) => self.select_point(point),
            Command::ClearEventLabels => {
                self.labelled_events.clear();
                self.rebuild_chart();
            }
            Command::SetMarkerKind(kind, shown) => {
                self.settings.marker_kinds.retain(|k| *k != kind);
                if shown {
                    self.settings.marker_kinds.push(kind);
                }
                self.rebuild_chart();
            }
            Command::SetLogScale(log_scale) => {
                self.settings.log_scale = log_scale && self.chart.supports_log_scale;
                self.reset_view = true;
            }
            Command::SetGrowthView(view) => self.change_view(|settings| {
                settings.growth_view = view;
                settings.log_scale = false;
            }),
            Command::SetIndexBaseYear(year) => {
                self.change_view(|settings| settings.index_base_year = Some(year));
            }
            Command::SetPeriodView(view) => {
                self.change_view(|settings| settings.period_view = view);
            }
            Command::SetCompositionView(view) => {
                self.change_view(|settings| settings.composition_view = view);
            }
            Command::SetStatsRange {
                from,
                to,
                break_year,
            } => self.set_stats_range(from, to, break_year),
            Command::SetTrend(shown) => {
                self.settings.show_trend = shown;
                self.rebuild_chart();
            }
            Command::ShowClaim(index) => self.show_claim(index),
            Command::OpenArticleDialog => self.open_article_dialog(),
            Command::LoadArticle(path) => self.load_article_in_background(ctx, path),
            Command::OpenCsvDialog => self.open_csv_dialog(),
            Command::LoadCsv(path) => self.start_loading(ctx, path, LoadControl::new()),
            Command::LoadSkippingRaggedRows(path) => {
                self.start_loading(ctx, path, Arc::new(LoadControl::skipping_ragged_rows()));
            }
            Command::CancelLoad(path) => self.cancel_loading(&path),
            Command::SelectUserFile(id) => self.select_user_file(id),
            Command::SetChartSpec(id, spec) => self.set_chart_spec(ctx, id, spec),
            Command::SetChartTexts(id, texts) => self.set_chart_texts(id, texts),
            Command::ReshapeToLong(id) => self.reshape_to_long(ctx, id),
            Command::ReadFilterChoices(id, column) => self.read_filter_choices(ctx, id, column),
            Command::CloseUserFile(id) => self.close_user_file(id),
            Command::ExportDialog => self.open_export_dialog(),
            Command::ExportChartTo { path, replace } => {
                self.exports.confirm_replace = None;
                if path.exists() && !replace {
                    self.exports.confirm_replace = Some(path);
                } else {
                    self.export_in_background(ctx, path, replace);
                }
            }
            Command::CancelReplace => self.exports.confirm_replace = None,
            Command::CopyChartImage => self.copy_chart_image(ctx),
            Command::ShowBundledArticle => self.show_bundled_article(),
            Command::ResetView => self.reset_view = true,
            Command::SetPanel(panel, shown) => match panel {
                Panel::Headline => self.settings.show_headline = shown,
                Panel::Article => self.settings.show_article = shown,
                Panel::Table => self.settings.show_table = shown,
            },
            Command::SetTheme(theme) => {
                self.settings.theme = theme;
                self.apply_theme(ctx);
            }
            Command::OpenWindow(window) => self.open_window = Some(window),
            Command::DismissNotice => {
                self.notices.pop();
            }
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
        }
    }

    /// Puts the bundled article back, with its claims checked, in place of one the user opened.
    fn show_bundled_article(&mut self) {
        self.article = ShownArticle::bundled(&self.bundle);
        self.selection = Selection::default();
    }

    /// Changes how the chart on screen is viewed, rebuilds it and shows it whole.
    fn change_view(&mut self, change: impl FnOnce(&mut Settings)) {
        change(&mut self.settings);
        self.rebuild_chart();
        self.reset_view = true;
    }

    /// Shows the chart an annotation refers to and marks its point.
    fn follow_annotation(&mut self, id: String) {
        let Some(annotation) = self.article.article.annotation(&id).cloned() else {
            return;
        };
        if let Some(chart) = annotation.chart.as_deref().and_then(ChartId::from_slug)
            && chart != self.settings.chart
        {
            self.settings.chart = chart;
            self.rebuild_chart();
        }
        let point = match (&annotation.dataset_id, annotation.row, annotation.year) {
            (_, _, Some(year)) => Some(PointRef::Year(year)),
            (Some(dataset_id), Some(row), None) => Some(PointRef::Row {
                dataset_id: dataset_id.clone(),
                row,
            }),
            _ => None,
        };
        self.selection = Selection {
            point,
            annotation: Some(id),
            claim: None,
        };
        self.reset_view = true;
        self.reveal_selection = true;
    }

    /// Shows a checked claim's chart and marks the point behind it.
    fn show_claim(&mut self, index: usize) {
        let Some(claim) = self.article.claims.get(index) else {
            return;
        };
        let (chart, point) = (claim.chart, claim.point.clone());
        if let Some(chart) = chart
            && chart != self.settings.chart
        {
            self.settings.chart = chart;
            self.rebuild_chart();
        }
        self.selection = Selection {
            point,
            annotation: None,
            claim: Some(index),
        };
        self.reset_view = true;
        self.reveal_selection = true;
    }

    /// Asks for an article file, starting where the last one was.
    fn open_article_dialog(&mut self) {
        let start = dialog_start([
            self.settings.article_folder.clone(),
            self.article
                .path
                .as_ref()
                .and_then(|p| p.parent().map(PathBuf::from)),
        ]);
        self.file_dialog = Some(FileDialog::new(
            DialogPurpose::OpenArticle,
            "Open article",
            &["txt", "md"],
            start,
        ));
    }

    /// Asks for a data file, starting where the last one was chosen.
    fn open_csv_dialog(&mut self) {
        let start = dialog_start([
            self.settings.data_folder.clone(),
            self.settings
                .recent_files
                .first()
                .and_then(|p| p.parent().map(PathBuf::from)),
        ]);
        self.file_dialog = Some(FileDialog::new(
            DialogPurpose::OpenCsv,
            "Open data file",
            &[
                "csv", "tsv", "txt", "gz", "parquet", "pq", "arrow", "feather", "ipc",
            ],
            start,
        ));
    }

    /// Asks where to export the chart on screen, offering a name after it.
    fn open_export_dialog(&mut self) {
        let start = dialog_start([self.settings.export_folder.clone()]);
        // A user's chart is named after their file: "exports.csv" → "exports.png".
        let shown_file = self
            .user_files
            .shown_file()
            .filter(|_| self.chart.id == ChartId::UserData);
        let stem = if let Some(file) = shown_file {
            let name = file.table.file_name();
            std::path::Path::new(name.strip_suffix(".gz").unwrap_or(&name))
                .file_stem()
                .map_or_else(|| "chart".to_owned(), |s| s.to_string_lossy().into_owned())
        } else {
            self.chart.id.slug().to_owned()
        };
        let file_name = format!("{stem}.png");
        self.file_dialog = Some(
            FileDialog::new(
                DialogPurpose::ExportChart,
                "Export chart (.png, .svg or .csv)",
                &["png", "svg", "csv"],
                start,
            )
            .with_file_name(&file_name),
        );
    }

    /// Renders the chart on screen in the background, for the clipboard.
    fn copy_chart_image(&mut self, ctx: &egui::Context) {
        let model = Arc::clone(&self.chart);
        let options = self.export_options();
        self.exports.to_clipboard = Some(BackgroundJob::spawn(ctx, move || {
            crate::export::render_pixels(&model, &options)
                .map(|(width, height, rgba)| {
                    egui::ColorImage::from_rgba_premultiplied(
                        [width as usize, height as usize],
                        &rgba,
                    )
                })
                .map_err(|err| format!("{err:#}"))
        }));
    }

    /// Recomputes the statistics for a new range or break year.
    fn set_stats_range(&mut self, from: i32, to: i32, break_year: Option<i32>) {
        self.settings.stats_from = Some(from);
        self.settings.stats_to = Some(to);
        self.settings.break_test = break_year.is_some();
        if break_year.is_some() {
            self.settings.break_year = break_year;
        }
        self.stats = trade_stats(&self.bundle, from, to, break_year);
        self.rebuild_chart();
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        for (shortcut, command) in menu::shortcut_commands(&self.settings) {
            if ctx.input_mut(|input| input.consume_shortcut(&shortcut)) {
                self.send(command);
            }
        }
    }

    /// Draws one frame and applies the commands it produced.
    pub fn frame_ui(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.poll_article_loading(&ctx);
        self.poll_export(&ctx);
        self.poll_copy(&ctx);
        self.poll_user_files(&ctx);
        for command in user_data::dropped_files(&ctx) {
            self.send(command);
        }
        if ctx.cumulative_frame_nr() == 0 {
            super::report_first_frame();
        }
        self.shortcuts(&ctx);
        menu::menu_bar_ui(self, ui);
        super::notice_bar_ui(self, ui);
        user_data::loading_ui(self, ui);
        // The chart keeps at least half the window's height: on a short window the headline
        // cards shrink to a line and the table to what is left.
        let window_height = ui.available_height();
        let compact = window_height < COMPACT_BELOW;
        if self.settings.show_headline {
            headline_panel::headline_ui(self, ui, compact);
        }
        chart_panel::chart_list_panel_ui(self, ui);
        if self.settings.show_article {
            article_panel::article_ui(self, ui);
        }
        if self.settings.show_table {
            let table_room = ui.available_height() - window_height * 0.5 - self.chart_chrome;
            table_panel::table_ui(self, ui, table_room);
        }
        column_panel::column_panel_ui(self, ui);
        egui::CentralPanel::default().show(ui, |ui| chart_panel::chart_ui(self, ui));
        super::info_windows_ui(self, &ctx);
        self.file_dialog_ui(&ctx);
        self.confirm_replace_ui(&ctx);
        user_data::drop_hint_ui(&ctx);
        self.one_frame_flags_consumed();
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // The state changed after this frame was laid out: draw it again.
            ctx.request_repaint();
        }
        for command in commands {
            self.apply(&ctx, command);
        }
    }

    fn one_frame_flags_consumed(&mut self) {
        self.reset_view = false;
        self.reveal_selection = false;
    }
}

impl eframe::App for BilateralApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.frame_ui(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        storage.set_string(SETTINGS_KEY, self.settings.to_json());
    }
}
