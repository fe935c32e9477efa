//! The user's own CSV files in the window: loading them off the UI thread with a progress bar
//! and Cancel, the list of opened files, and the column panel that maps a file's columns to
//! its chart.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use super::app::{BilateralApp, Command};
use super::background::{BackgroundJob, JobState};
use crate::chart::model::{Axis, AxisFormat, ChartId, ChartModel, DataTable, LegendPlacement};
use crate::chart::user::{ChartSpec, UserTable, build_user_chart, default_spec};
use crate::load::{CsvReport, LoadControl, LoadError, load_csv_with};

/// How many files File → Open recent lists.
pub const RECENT_FILES: usize = 8;
/// How many distinct values a filter offers to choose from.
const FILTER_CHOICES: usize = 500;

/// A file that loaded: its table, what the loader said, how it is charted.
#[derive(Debug)]
pub struct OpenedFile {
    pub table: UserTable,
    pub report: CsvReport,
    pub spec: Option<ChartSpec>,
    /// Its chart. While it is on screen it lives in [`BilateralApp::chart`] (a chart of millions
    /// of points is moved, never copied) and this holds an empty one.
    pub chart: ChartModel,
    /// The values a filter on each column can choose from, read once per column.
    pub filter_choices: HashMap<String, Vec<String>>,
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
    path: PathBuf,
    column: String,
    job: BackgroundJob<Vec<String>>,
}

/// A wide table being reshaped to long, off the UI thread: polars builds the long table.
#[derive(Debug)]
pub struct ReshapeJob {
    path: PathBuf,
    job: BackgroundJob<Result<UserTable, String>>,
}

/// A chart being rebuilt for a changed mapping.
#[derive(Debug)]
pub struct ChartJob {
    path: PathBuf,
    spec: ChartSpec,
    job: BackgroundJob<ChartModel>,
}

/// What a file keeps while its chart is on screen.
fn empty_chart() -> ChartModel {
    ChartModel {
        id: ChartId::UserData,
        title: String::new(),
        subtitle: String::new(),
        x_axis: Axis::new("", AxisFormat::Number),
        y_axis: Axis::new("", AxisFormat::Number),
        series: Vec::new(),
        markers: Vec::new(),
        table: DataTable::default(),
        source_line: String::new(),
        supports_log_scale: false,
        x_range: (0.0, 1.0),
        legend: LegendPlacement::Hidden,
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
            "Nothing to chart yet: the file has no column of numbers. Its columns are listed on the right.",
        ),
    }
}

/// Reads a file and charts it with the default mapping; runs on a worker thread.
fn open_file(path: &Path, control: &LoadControl) -> Loaded {
    let loaded = load_csv_with(path, control)?;
    let report = loaded.report.clone();
    let table = UserTable::new(path, loaded);
    let spec = default_spec(&table);
    let chart = chart_for(&table, spec.as_ref());
    Ok(OpenedFile {
        table,
        report,
        spec,
        chart,
        filter_choices: HashMap::new(),
    })
}

impl BilateralApp {
    pub(super) fn start_loading(&mut self, ctx: &egui::Context, path: PathBuf) {
        if self.loading.iter().any(|l| l.path == path) {
            return;
        }
        let control = LoadControl::new();
        let worker_control = Arc::clone(&control);
        let worker_path = path.clone();
        let job = BackgroundJob::spawn(ctx, move || open_file(&worker_path, &worker_control));
        self.loading.push(LoadingFile {
            path,
            control,
            job,
            started: Instant::now(),
        });
    }

    pub(super) fn poll_loading(&mut self, ctx: &egui::Context) {
        let mut finished = Vec::new();
        for (index, loading) in self.loading.iter().enumerate() {
            match loading.job.poll(ctx) {
                JobState::Running => {}
                JobState::Done(result) => finished.push((index, Some(result))),
                JobState::Lost => finished.push((index, None)),
            }
        }
        for (index, result) in finished.into_iter().rev() {
            let loading = self.loading.remove(index);
            match result {
                Some(Ok(opened)) => self.add_opened_file(opened, loading.started),
                Some(Err(LoadError::Cancelled { path })) => self
                    .notices
                    .push(format!("Loading {} was cancelled.", path.display())),
                Some(Err(err)) => self.notices.push(err.to_string()),
                None => self.notices.push(format!(
                    "{}: loading stopped unexpectedly; nothing was changed.",
                    loading.path.display()
                )),
            }
        }
        if let Some(choices_job) = &self.choices_job {
            match choices_job.job.poll(ctx) {
                JobState::Running => {}
                JobState::Done(values) => {
                    let (path, column) = (choices_job.path.clone(), choices_job.column.clone());
                    self.choices_job = None;
                    if let Some(file) = self.user_files.iter_mut().find(|f| f.table.path == path) {
                        file.filter_choices.insert(column, values);
                    }
                }
                JobState::Lost => self.choices_job = None,
            }
        }
        if let Some(reshape_job) = &self.reshape_job {
            match reshape_job.job.poll(ctx) {
                JobState::Running => {}
                JobState::Done(reshaped) => {
                    let path = reshape_job.path.clone();
                    self.reshape_job = None;
                    self.finish_reshape(ctx, &path, reshaped);
                }
                JobState::Lost => self.reshape_job = None,
            }
        }
        if let Some(chart_job) = &self.chart_job {
            match chart_job.job.poll(ctx) {
                JobState::Running => {}
                JobState::Done(chart) => {
                    let (path, spec) = (chart_job.path.clone(), chart_job.spec.clone());
                    self.chart_job = None;
                    if let Some(file) = self.user_files.iter_mut().find(|f| f.table.path == path)
                        && file.spec.as_ref() == Some(&spec)
                    {
                        self.put_user_chart(&path, chart);
                        self.reset_view = true;
                    }
                }
                JobState::Lost => self.chart_job = None,
            }
        }
    }

    fn add_opened_file(&mut self, opened: OpenedFile, started: Instant) {
        let path = opened.table.path.clone();
        let warnings = opened.report.warnings.len();
        self.notices.push(format!(
            "Opened {}: {} rows, {} columns in {:.1} s{}.",
            path.display(),
            opened.report.rows,
            opened.report.columns.len(),
            started.elapsed().as_secs_f64(),
            match warnings {
                0 => String::new(),
                1 => "; 1 warning in the column panel".to_owned(),
                n => format!("; {n} warnings in the column panel"),
            }
        ));
        // Opening a file again replaces it: it may have changed on disk.
        if self.chart_owner.as_ref() == Some(&path) {
            self.chart_owner = None;
        }
        let index = if let Some(index) = self.user_files.iter().position(|f| f.table.path == path) {
            self.user_files[index] = opened;
            index
        } else {
            self.user_files.push(opened);
            self.user_files.len() - 1
        };
        self.remember_recent(&path);
        self.select_user_file(index);
    }

    fn remember_recent(&mut self, path: &Path) {
        let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.settings.recent_files.retain(|p| *p != absolute);
        self.settings.recent_files.insert(0, absolute);
        self.settings.recent_files.truncate(RECENT_FILES);
    }

    pub(super) fn select_user_file(&mut self, index: usize) {
        if index < self.user_files.len() {
            self.shown_user_file = Some(index);
            self.settings.chart = ChartId::UserData;
            self.settings.log_scale = false;
            self.show_user_chart();
            self.reset_view = true;
        }
    }

    /// Puts the chart of the file shown on screen.
    pub(super) fn show_user_chart(&mut self) {
        if self.settings.chart != ChartId::UserData {
            return;
        }
        self.return_user_chart();
        let Some(file) = self
            .shown_user_file
            .and_then(|i| self.user_files.get_mut(i))
        else {
            return;
        };
        self.chart = std::mem::replace(&mut file.chart, empty_chart());
        self.chart_owner = Some(file.table.path.clone());
    }

    /// Gives the chart on screen back to the file it belongs to, if it is a file's.
    pub(super) fn return_user_chart(&mut self) {
        let Some(path) = self.chart_owner.take() else {
            return;
        };
        if let Some(file) = self.user_files.iter_mut().find(|f| f.table.path == path) {
            file.chart = std::mem::replace(&mut self.chart, empty_chart());
        }
    }

    /// A file's new chart: on screen at once if the file's chart is on screen.
    fn put_user_chart(&mut self, path: &Path, chart: ChartModel) {
        if self.chart_owner.as_deref() == Some(path) {
            self.chart = chart;
        } else if let Some(file) = self.user_files.iter_mut().find(|f| f.table.path == path) {
            file.chart = chart;
        }
    }

    pub(super) fn set_chart_spec(&mut self, ctx: &egui::Context, index: usize, spec: ChartSpec) {
        let Some(file) = self.user_files.get_mut(index) else {
            return;
        };
        file.spec = Some(spec.clone());
        // Even a small file is charted off the UI thread: polars' collect blocks, and a frame
        // should never wait on it. A newer mapping replaces a job still running.
        let table = file.table.clone();
        let job_spec = spec.clone();
        self.chart_job = Some(ChartJob {
            path: file.table.path.clone(),
            spec,
            job: BackgroundJob::spawn(ctx, move || chart_for(&table, Some(&job_spec))),
        });
    }

    /// Reads the values a filter on `column` can choose from, off the UI thread.
    pub(super) fn read_filter_choices(
        &mut self,
        ctx: &egui::Context,
        index: usize,
        column: String,
    ) {
        if self.choices_job.is_some() {
            return;
        }
        let Some(file) = self.user_files.get(index) else {
            return;
        };
        if file.filter_choices.contains_key(&column) {
            return;
        }
        let table = file.table.clone();
        let job_column = column.clone();
        self.choices_job = Some(ChoicesJob {
            path: file.table.path.clone(),
            column,
            job: BackgroundJob::spawn(ctx, move || {
                table.distinct_values(&job_column, FILTER_CHOICES)
            }),
        });
    }

    /// Reshapes a wide table to long in the background; the file's panel and chart follow when
    /// it is done.
    pub(super) fn reshape_to_long(&mut self, ctx: &egui::Context, index: usize) {
        let Some(file) = self.user_files.get(index) else {
            return;
        };
        let mut table = file.table.clone();
        self.reshape_job = Some(ReshapeJob {
            path: file.table.path.clone(),
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
        path: &Path,
        reshaped: Result<UserTable, String>,
    ) {
        let Some(index) = self.user_files.iter().position(|f| f.table.path == path) else {
            return;
        };
        let file = &mut self.user_files[index];
        match reshaped {
            Ok(table) => {
                file.table = table;
                "long".clone_into(&mut file.report.shape);
                file.filter_choices.clear();
                if let Some(spec) = file.spec.clone() {
                    self.set_chart_spec(ctx, index, spec);
                }
            }
            Err(err) => self.notices.push(format!(
                "{}: the table could not be reshaped ({err}).",
                path.display()
            )),
        }
    }

    pub(super) fn close_user_file(&mut self, index: usize) {
        if index >= self.user_files.len() {
            return;
        }
        self.user_files.remove(index);
        self.shown_user_file = match self.shown_user_file {
            Some(shown) if shown == index => None,
            Some(shown) if shown > index => Some(shown - 1),
            other => other,
        };
        if self.shown_user_file.is_none() && self.settings.chart == ChartId::UserData {
            self.settings.chart = ChartId::Trade;
            self.rebuild_chart();
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
    if app.loading.is_empty() {
        return;
    }
    let mut cancel = Vec::new();
    egui::Panel::bottom("loading").show(ui, |ui| {
        for loading in &app.loading {
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
                let text = if read >= total && total > 0 {
                    format!("{} read; building the table…", megabytes(total))
                } else {
                    format!("{} of {}", megabytes(read), megabytes(total))
                };
                ui.add(
                    egui::ProgressBar::new(fraction)
                        .desired_width(320.0)
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
            "Drop the CSV file to open it".to_owned()
        } else {
            format!("Drop the {hovering} CSV files to open them")
        },
        egui::FontId::proportional(24.0),
        egui::Color32::WHITE,
    );
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
