//! The user's own files in the window (CSV, Parquet, Arrow, folders of them): loading them off the UI thread with a progress bar
//! and Cancel, the list of opened files, and the column panel that maps a file's columns to
//! its chart.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::Notice;
use super::app::{BilateralApp, Command};
use super::background::{BackgroundJob, JobState};
use super::settings::SavedChart;
use crate::chart::model::{Axis, AxisFormat, ChartId, ChartModel, DataTable, LegendPlacement};
use crate::chart::user::{ChartSpec, UserTable, build_user_chart, default_spec, no_default_reason};
use crate::chart::{ChartTexts, OwnTexts};
use crate::load::dataset::Survey;
use crate::load::{CsvReport, LoadControl, LoadError, open_table};

/// How many files File → Open recent lists.
pub const RECENT_FILES: usize = 8;
/// How many distinct values a filter offers to choose from.
const FILTER_CHOICES: usize = 500;

/// A stable name for an opened file. Commands and background jobs carry it, so a job that ends
/// after its file was closed, or opened again, finds nothing rather than another file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FileId(u64);

/// A file that loaded: its table, what the loader said, how it is charted.
#[derive(Debug)]
pub struct OpenedFile {
    pub id: FileId,
    pub table: UserTable,
    pub report: CsvReport,
    pub spec: Option<ChartSpec>,
    /// Its chart, shared with the screen while it is shown: a chart of millions of points is
    /// never copied.
    pub chart: Arc<ChartModel>,
    /// The values a filter on each column can choose from, read once per column.
    pub filter_choices: HashMap<String, Vec<String>>,
    /// The title, unit, note and source the user gave the chart.
    pub texts: ChartTexts,
    /// The chart's own texts, under the user's.
    own_texts: OwnTexts,
}

type Loaded = Result<OpenedFile, LoadError>;

/// A file being read.
#[derive(Debug)]
pub struct LoadingFile {
    pub path: PathBuf,
    pub control: Arc<LoadControl>,
    job: BackgroundJob<Loaded>,
    started: Instant,
}

/// The distinct values of a column being read for a filter.
#[derive(Debug)]
pub struct ChoicesJob {
    file: FileId,
    column: String,
    job: BackgroundJob<Vec<String>>,
}

/// A wide table being reshaped to long, off the UI thread: polars builds the long table.
#[derive(Debug)]
pub struct ReshapeJob {
    file: FileId,
    job: BackgroundJob<Result<UserTable, String>>,
}

/// A chart being rebuilt for a changed mapping.
#[derive(Debug)]
pub struct ChartJob {
    file: FileId,
    spec: ChartSpec,
    job: BackgroundJob<ChartModel>,
}

/// The user's CSV files: those opened, the one shown, and the work running on them.
#[derive(Debug, Default)]
pub struct UserFiles {
    /// In the order they were opened.
    pub opened: Vec<OpenedFile>,
    /// The file charted when the chart is [`ChartId::UserData`].
    pub shown: Option<FileId>,
    pub loading: Vec<LoadingFile>,
    pub chart_job: Option<ChartJob>,
    pub reshape_job: Option<ReshapeJob>,
    pub choices_job: Option<ChoicesJob>,
    next_id: u64,
}

impl UserFiles {
    pub fn get(&self, id: FileId) -> Option<&OpenedFile> {
        self.opened.iter().find(|file| file.id == id)
    }

    fn get_mut(&mut self, id: FileId) -> Option<&mut OpenedFile> {
        self.opened.iter_mut().find(|file| file.id == id)
    }

    pub fn shown_file(&self) -> Option<&OpenedFile> {
        self.shown.and_then(|id| self.get(id))
    }

    fn new_id(&mut self) -> FileId {
        self.next_id += 1;
        FileId(self.next_id)
    }

    /// Puts a loaded file in the list, in place of an earlier copy of the same path (it may
    /// have changed on disk; work still running on the earlier copy is then ignored).
    fn insert(&mut self, opened: OpenedFile) {
        match self
            .opened
            .iter_mut()
            .find(|file| file.table.path == opened.table.path)
        {
            Some(earlier) => *earlier = opened,
            None => self.opened.push(opened),
        }
    }
}

/// The chart shown when a file cannot be charted: the reason in place of the lines.
fn message_chart(table: &UserTable, message: &str) -> ChartModel {
    ChartModel {
        id: ChartId::UserData,
        title: table.file_name(),
        subtitle: message.to_owned(),
        x_axis: Axis::new("", AxisFormat::Number),
        y_axis: Axis::new("", AxisFormat::Number),
        series: Vec::new(),
        markers: Vec::new(),
        table: DataTable::default(),
        source_line: format!("Source: {}", table.path.display()),
        supports_log_scale: false,
        x_range: (0.0, 1.0),
        legend: LegendPlacement::Hidden,
    }
}

fn chart_for(table: &UserTable, spec: Option<&ChartSpec>) -> ChartModel {
    match spec {
        Some(spec) => {
            // A filter with no value chosen yet keeps every row rather than none.
            let effective = ChartSpec {
                filters: spec
                    .filters
                    .iter()
                    .filter(|f| !f.values.is_empty())
                    .cloned()
                    .collect(),
                ..spec.clone()
            };
            build_user_chart(table, &effective)
                .unwrap_or_else(|err| message_chart(table, &err.to_string()))
        }
        None => message_chart(
            table,
            &format!(
                "Nothing to chart by default: {}. Its columns are listed on the right.",
                no_default_reason(table)
            ),
        ),
    }
}

/// Reads a file and charts it as it was charted last (`saved`), else with the default mapping;
/// runs on a worker thread.
fn open_file(id: FileId, path: &Path, control: &LoadControl, saved: Option<SavedChart>) -> Loaded {
    let opened = open_table(path, control, Survey::Count)?;
    let report = opened.report.clone();
    let table = UserTable::opened(opened);
    let (saved_spec, texts) = saved.map(|s| (s.spec, s.texts)).unwrap_or_default();
    // A saved mapping whose columns the file no longer has gives way to the defaults.
    let spec = saved_spec
        .filter(|spec| build_user_chart(&table, spec).is_ok())
        .or_else(|| default_spec(&table));
    let mut chart = chart_for(&table, spec.as_ref());
    let own_texts = OwnTexts::of(&chart);
    texts.apply(&mut chart);
    Ok(OpenedFile {
        id,
        table,
        report,
        spec,
        chart: Arc::new(chart),
        filter_choices: HashMap::new(),
        texts,
        own_texts,
    })
}

/// Takes a job out of its slot with its result once it is done; a job that was lost (its thread
/// panicked) is dropped, and what it was for stays as it was.
fn take_done<J, T: Send + 'static>(
    slot: &mut Option<J>,
    ctx: &egui::Context,
    job: impl Fn(&J) -> &BackgroundJob<T>,
) -> Option<(J, T)> {
    match job(slot.as_ref()?).poll(ctx) {
        JobState::Running => None,
        JobState::Done(value) => slot.take().map(|done| (done, value)),
        JobState::Lost => {
            *slot = None;
            None
        }
    }
}

impl BilateralApp {
    pub(super) fn start_loading(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        control: Arc<LoadControl>,
    ) {
        if self.user_files.loading.iter().any(|l| l.path == path) {
            return;
        }
        let id = self.user_files.new_id();
        let worker_control = Arc::clone(&control);
        let worker_path = path.clone();
        let saved = self.settings.saved_chart(&absolute(&path)).cloned();
        let job = BackgroundJob::spawn(ctx, move || {
            open_file(id, &worker_path, &worker_control, saved)
        });
        self.user_files.loading.push(LoadingFile {
            path,
            control,
            job,
            started: Instant::now(),
        });
    }

    pub(super) fn cancel_loading(&self, path: &Path) {
        if let Some(loading) = self.user_files.loading.iter().find(|l| l.path == path) {
            loading.control.cancel();
        }
    }

    /// Takes in what the background work on the user's files has finished.
    pub(super) fn poll_user_files(&mut self, ctx: &egui::Context) {
        self.poll_loading(ctx);
        self.poll_choices(ctx);
        self.poll_reshape(ctx);
        self.poll_user_chart(ctx);
    }

    fn poll_loading(&mut self, ctx: &egui::Context) {
        let mut finished = Vec::new();
        for (index, loading) in self.user_files.loading.iter().enumerate() {
            match loading.job.poll(ctx) {
                JobState::Running => {}
                JobState::Done(result) => finished.push((index, Some(result))),
                JobState::Lost => finished.push((index, None)),
            }
        }
        for (index, result) in finished.into_iter().rev() {
            let loading = self.user_files.loading.remove(index);
            match result {
                Some(Ok(opened)) => self.add_opened_file(opened, loading.started),
                Some(Err(LoadError::Cancelled { path })) => self.notices.push(Notice::info(
                    format!("Loading {} was cancelled.", path.display()),
                )),
                Some(Err(err @ LoadError::RaggedRow { .. })) => {
                    let retry = Command::LoadSkippingRaggedRows(loading.path);
                    let notice = Notice::error(err.to_string());
                    self.notices
                        .push(notice.with_action("Load without such rows", retry));
                }
                Some(Err(err)) => self.notices.push(Notice::error(err.to_string())),
                None => self.notices.push(Notice::error(format!(
                    "{}: loading stopped unexpectedly; nothing was changed.",
                    loading.path.display()
                ))),
            }
        }
    }

    fn poll_choices(&mut self, ctx: &egui::Context) {
        if let Some((done, values)) = take_done(&mut self.user_files.choices_job, ctx, |j| &j.job)
            && let Some(file) = self.user_files.get_mut(done.file)
        {
            file.filter_choices.insert(done.column, values);
        }
    }

    fn poll_reshape(&mut self, ctx: &egui::Context) {
        if let Some((done, reshaped)) = take_done(&mut self.user_files.reshape_job, ctx, |j| &j.job)
        {
            self.finish_reshape(ctx, done.file, reshaped);
        }
    }

    fn poll_user_chart(&mut self, ctx: &egui::Context) {
        let Some((done, chart)) = take_done(&mut self.user_files.chart_job, ctx, |j| &j.job) else {
            return;
        };
        // A mapping changed again since this job started is charted by a newer job.
        if self
            .user_files
            .get(done.file)
            .is_some_and(|file| file.spec.as_ref() == Some(&done.spec))
        {
            self.put_user_chart(done.file, chart);
            self.reset_view = true;
        }
    }

    fn add_opened_file(&mut self, opened: OpenedFile, started: Instant) {
        let (id, path) = (opened.id, opened.table.path.clone());
        let report = &opened.report;
        let plural = |n: usize, one: &str| {
            if n == 1 {
                format!("1 {one}")
            } else {
                format!("{n} {one}s")
            }
        };
        let skipped = match report.skipped_rows {
            0 => String::new(),
            n => format!(", {} left out", plural(n, "row")),
        };
        let warnings = match report.warnings.len() {
            0 => String::new(),
            n => format!("; {} in the column panel", plural(n, "warning")),
        };
        self.notices.push(Notice::info(format!(
            "Opened {}: {}, {}{skipped} in {:.1} s{warnings}.",
            path.display(),
            plural(report.rows, "row"),
            plural(report.columns.len(), "column"),
            started.elapsed().as_secs_f64(),
        )));
        self.user_files.insert(opened);
        self.remember_recent(&path);
        self.select_user_file(id);
    }

    fn remember_recent(&mut self, path: &Path) {
        let absolute = absolute(path);
        self.settings.recent_files.retain(|p| *p != absolute);
        self.settings.recent_files.insert(0, absolute);
        self.settings.recent_files.truncate(RECENT_FILES);
    }

    /// Saves how the file is charted, for the next time it is opened.
    fn remember_chart(&mut self, id: FileId) {
        if let Some(file) = self.user_files.get(id) {
            let saved = SavedChart {
                path: absolute(&file.table.path),
                spec: file.spec.clone(),
                texts: file.texts.clone(),
            };
            self.settings.save_chart(saved);
        }
    }

    /// Gives the file's chart the user's title, unit, note and source.
    pub(super) fn set_chart_texts(&mut self, id: FileId, texts: ChartTexts) {
        let on_screen =
            self.settings.chart == ChartId::UserData && self.user_files.shown == Some(id);
        let Some(file) = self.user_files.get_mut(id) else {
            return;
        };
        let mut chart = (*file.chart).clone();
        file.own_texts.with(&texts, &mut chart);
        file.texts = texts;
        file.chart = Arc::new(chart);
        if on_screen {
            self.chart = Arc::clone(&file.chart);
        }
        self.remember_chart(id);
    }

    pub(super) fn select_user_file(&mut self, id: FileId) {
        if self.user_files.get(id).is_some() {
            self.user_files.shown = Some(id);
            self.settings.chart = ChartId::UserData;
            self.settings.log_scale = false;
            self.rebuild_chart();
            self.reset_view = true;
        }
    }

    /// A file's new chart, on screen at once if the file is shown.
    fn put_user_chart(&mut self, id: FileId, chart: ChartModel) {
        let on_screen =
            self.settings.chart == ChartId::UserData && self.user_files.shown == Some(id);
        let Some(file) = self.user_files.get_mut(id) else {
            return;
        };
        let mut chart = chart;
        file.own_texts = OwnTexts::of(&chart);
        file.texts.apply(&mut chart);
        file.chart = Arc::new(chart);
        if on_screen {
            self.chart = Arc::clone(&file.chart);
        }
    }

    pub(super) fn set_chart_spec(&mut self, ctx: &egui::Context, id: FileId, spec: ChartSpec) {
        let Some(file) = self.user_files.get_mut(id) else {
            return;
        };
        file.spec = Some(spec.clone());
        let table = file.table.clone();
        self.remember_chart(id);
        // Even a small file is charted off the UI thread: polars' collect blocks, and a frame
        // should never wait on it. A newer mapping replaces a job still running.
        let job_spec = spec.clone();
        self.user_files.chart_job = Some(ChartJob {
            file: id,
            spec,
            job: BackgroundJob::spawn(ctx, move || chart_for(&table, Some(&job_spec))),
        });
    }

    /// Reads the values a filter on `column` can choose from, off the UI thread.
    pub(super) fn read_filter_choices(&mut self, ctx: &egui::Context, id: FileId, column: String) {
        if self.user_files.choices_job.is_some() {
            return;
        }
        let Some(file) = self.user_files.get(id) else {
            return;
        };
        if file.filter_choices.contains_key(&column) {
            return;
        }
        let table = file.table.clone();
        let job_column = column.clone();
        self.user_files.choices_job = Some(ChoicesJob {
            file: id,
            column,
            job: BackgroundJob::spawn(ctx, move || {
                table.distinct_values(&job_column, FILTER_CHOICES)
            }),
        });
    }

    /// Reshapes a wide table to long in the background; the file's panel and chart follow when
    /// it is done.
    pub(super) fn reshape_to_long(&mut self, ctx: &egui::Context, id: FileId) {
        let Some(file) = self.user_files.get(id) else {
            return;
        };
        let mut table = file.table.clone();
        self.user_files.reshape_job = Some(ReshapeJob {
            file: id,
            job: BackgroundJob::spawn(ctx, move || {
                table
                    .reshape_to_long()
                    .map(|()| table)
                    .map_err(|err| err.to_string())
            }),
        });
    }

    /// Puts a reshaped table in its file's place and re-charts it.
    fn finish_reshape(
        &mut self,
        ctx: &egui::Context,
        id: FileId,
        reshaped: Result<UserTable, String>,
    ) {
        let Some(file) = self.user_files.get_mut(id) else {
            return;
        };
        match reshaped {
            Ok(table) => {
                if let crate::load::TableData::Frame(frame) = &table.data {
                    file.report.describe_reshaped(frame, &table.plans);
                }
                file.table = table;
                file.filter_choices.clear();
                if let Some(spec) = file.spec.clone() {
                    self.set_chart_spec(ctx, id, spec);
                }
            }
            Err(err) => {
                let path = file.table.path.display().to_string();
                self.notices.push(Notice::error(format!(
                    "{path}: the table could not be reshaped ({err})."
                )));
            }
        }
    }

    pub(super) fn close_user_file(&mut self, id: FileId) {
        self.user_files.opened.retain(|file| file.id != id);
        if self.user_files.shown == Some(id) {
            self.user_files.shown = None;
            if self.settings.chart == ChartId::UserData {
                self.settings.chart = ChartId::Trade;
                self.rebuild_chart();
            }
        }
    }
}

fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    if mb >= 1000.0 {
        format!("{:.2} GB", mb / 1000.0)
    } else if mb >= 10.0 {
        format!("{mb:.0} MB")
    } else {
        format!("{mb:.1} MB")
    }
}

/// A bar per file being read: bytes read of the total, and Cancel.
pub fn loading_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    if app.user_files.loading.is_empty() {
        return;
    }
    let mut cancel = Vec::new();
    egui::Panel::bottom("loading").show(ui, |ui| {
        for loading in &app.user_files.loading {
            let (read, total) = loading.control.progress();
            let name = loading.path.file_name().map_or_else(
                || loading.path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            ui.horizontal(|ui| {
                ui.label(format!("Loading {name}"));
                let fraction = if total > 0 {
                    (read as f64 / total as f64).min(1.0) as f32
                } else {
                    0.0
                };
                let text = if loading.control.is_querying() {
                    "polars is reading the files where they lie…".to_owned()
                } else if read >= total && total > 0 {
                    format!("{} read; building the table…", megabytes(total))
                } else {
                    format!("{} of {}", megabytes(read), megabytes(total))
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(320.0)
                        .animate(loading.control.is_querying())
                        .text(text),
                );
                if ui.button("Cancel").clicked() {
                    cancel.push(loading.path.clone());
                }
            });
        }
    });
    for path in cancel {
        app.send(Command::CancelLoad(path));
    }
}

/// While files are dragged over the window, say what dropping them does.
pub fn drop_hint_ui(ctx: &egui::Context) {
    let hovering = ctx.input(|i| i.raw.hovered_files.len());
    if hovering == 0 {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_hint"),
    ));
    let rect = ctx.content_rect();
    painter.rect_filled(rect, 0.0, egui::Color32::from_black_alpha(150));
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        if hovering == 1 {
            "Drop the file or folder to open it".to_owned()
        } else {
            format!("Drop the {hovering} files to open them")
        },
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
}

/// `path` made absolute, as recent files and saved charts are kept.
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Files dropped on the window this frame, as commands to load them.
pub fn dropped_files(ctx: &egui::Context) -> Vec<Command> {
    ctx.input(|i| {
        i.raw
            .dropped_files
            .iter()
            .map(|file| Command::LoadCsv(file.path().to_path_buf()))
            .collect()
    })
}
