//! What `bilateral` takes on its command line: the commands, their options and how each
//! option's text is read. Running them is [`super::run_command`]'s job.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::chart::user::Filter;
use crate::chart::{ChartId, ChartTexts};
use crate::data::IsoDate;
use crate::export::{ExportFormat, Theme};
use crate::load::LoadControl;
use crate::ui::StartOptions;

#[derive(Debug, Parser)]
#[command(
    name = "bilateral",
    version,
    about = "A dashboard for the statistics of a bilateral relationship: China–Russia trade, US tariffs, joint exercises and diplomacy, beside the news text that cites them.",
    long_about = None
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub window: WindowOptions,
    /// Read the datasets from this folder (a copy of `datasets/`, edited or extended) instead
    /// of the copies built into the program.
    #[arg(long, global = true, value_name = "DIR")]
    pub datasets: Option<PathBuf>,
}

impl Cli {
    /// The command line of this run, parsed; exits with a usage message (code 2) when it is
    /// not one `bilateral` understands.
    pub fn from_args() -> Self {
        <Self as Parser>::parse()
    }
}

/// How the window opens. Saved settings apply first; these override them for this run.
#[derive(Debug, Clone, Default, Args)]
pub struct WindowOptions {
    /// Open on this chart.
    #[arg(long, value_name = "CHART", value_parser = parse_chart_slug)]
    pub chart: Option<ChartId>,
    /// Open in this theme: light or dark.
    #[arg(long, value_name = "THEME", value_parser = parse_theme)]
    pub theme: Option<Theme>,
    /// Follow this article annotation at start, as if it had been clicked (its id in the
    /// annotations file, e.g. trade-2023-record).
    #[arg(long, value_name = "ID")]
    pub annotation: Option<String>,
}

impl From<&WindowOptions> for StartOptions {
    fn from(options: &WindowOptions) -> Self {
        Self {
            chart: options.chart,
            theme: options.theme,
            annotation: options.annotation.clone(),
            skip_ragged_rows: false,
        }
    }
}

fn parse_theme(text: &str) -> Result<Theme, String> {
    match text.to_ascii_lowercase().as_str() {
        "light" => Ok(Theme::Light),
        "dark" => Ok(Theme::Dark),
        _ => Err(format!("\"{text}\" is not a theme; use light or dark")),
    }
}

fn parse_format(text: &str) -> Result<ExportFormat, String> {
    ExportFormat::ALL
        .into_iter()
        .find(|format| format.extension().eq_ignore_ascii_case(text))
        .ok_or_else(|| format!("\"{text}\" is not a format; use png, svg or csv"))
}

fn parse_date(text: &str) -> Result<IsoDate, String> {
    IsoDate::parse(text).ok_or_else(|| format!("\"{text}\" is not a date written YYYY-MM-DD"))
}

fn parse_filter(text: &str) -> Result<Filter, String> {
    let (column, values) = text
        .split_once('=')
        .ok_or_else(|| format!("\"{text}\" is not COL=VALUE"))?;
    Ok(Filter {
        column: column.trim().to_owned(),
        values: values.split('|').map(|v| v.trim().to_owned()).collect(),
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AggregationArg {
    Sum,
    Mean,
}

fn parse_chart_slug(slug: &str) -> Result<ChartId, String> {
    ChartId::from_slug(slug).ok_or_else(|| {
        let known: Vec<&str> = ChartId::ALL.iter().map(|c| c.slug()).collect();
        format!("no chart \"{slug}\"; the charts are: {}", known.join(", "))
    })
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the bundled datasets with their rows, columns and sources.
    Datasets {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Statistics of China-customs total trade: growth, compound growth, balance, trend and a
    /// structural-break test.
    Stats {
        /// First year of the range (default: the first year with data).
        #[arg(long)]
        from: Option<i32>,
        /// Last year of the range (default: the last year with data).
        #[arg(long)]
        to: Option<i32>,
        /// Test for a break in the trend at this year (Chow test).
        #[arg(long, value_name = "YEAR")]
        break_year: Option<i32>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Check every figure of an article against the datasets (the bundled article without FILE).
    Claims {
        /// A .txt or .md article; its `Date: YYYY-MM-DD` line dates "last year".
        file: Option<PathBuf>,
        /// The article's date, when the file has no `Date:` line.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        date: Option<IsoDate>,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Export a bundled chart, or a chart of your own data, to PNG, SVG or CSV (no display
    /// needed).
    #[command(group = clap::ArgGroup::new("what").required(true).args(["list", "chart", "all", "data"]))]
    Export(Box<ExportArgs>),
    /// Open the window with these files loaded beside the bundled charts.
    Open {
        /// CSV files (.csv, .tsv, .txt, .csv.gz), Parquet or Arrow files (.parquet, .arrow,
        /// .feather, .ipc), folders of them, or globs ('DIR/*.csv'), each read as one table.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Read a file the way the app does and report what was found.
    Inspect {
        /// The file, folder or glob to read (as `open` takes them).
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
    /// Write a table as Parquet (or Arrow IPC), for users who open the same big file again:
    /// it opens at once and every chart reads only the columns it needs.
    Convert {
        /// The file, folder or glob to convert (as `open` takes them).
        file: PathBuf,
        /// parquet or arrow.
        #[arg(long, value_enum, default_value_t = ConvertArg::Parquet)]
        to: ConvertArg,
        /// The file to write; beside FILE with the new ending when not given.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Replace a file that exists.
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        read: ReadArgs,
    },
}

/// How a user's CSV file is read, for every command that reads one.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct ReadArgs {
    /// Leave out rows with more or fewer cells than the header, counting them and naming
    /// their lines, instead of stopping at the first.
    #[arg(long)]
    pub skip_ragged_rows: bool,
}

impl ReadArgs {
    pub(super) fn control(self) -> LoadControl {
        if self.skip_ragged_rows {
            LoadControl::skipping_ragged_rows()
        } else {
            LoadControl::default()
        }
    }
}

/// What `bilateral export` is asked: a bundled chart, every chart, or a chart of the user's data.
#[derive(Debug, Clone, Args)]
pub struct ExportArgs {
    /// List the chart ids.
    #[arg(long)]
    pub(super) list: bool,
    /// The chart to export (see --list).
    #[arg(long, value_name = "ID", value_parser = parse_chart_slug, requires = "out")]
    pub(super) chart: Option<ChartId>,
    /// Export every bundled chart into --dir.
    #[arg(long, requires = "dir")]
    pub(super) all: bool,
    /// Chart your own data instead of a bundled chart: a CSV, Parquet or Arrow file, a
    /// folder of them or a glob ('DIR/*.csv'), read as `bilateral inspect` reads it.
    /// Columns not named with --x, --y and --group are chosen as the window chooses them.
    #[arg(long, value_name = "FILE", requires = "out")]
    pub(super) data: Option<PathBuf>,
    /// With --data: the x column (years, months, dates or numbers); the window's choice
    /// when not given.
    #[arg(long, value_name = "COL")]
    pub(super) x: Option<String>,
    /// With --data: the value columns, separated by commas; the window's choice when not
    /// given.
    #[arg(long, value_name = "COL[,COL…]", value_delimiter = ',')]
    pub(super) y: Vec<String>,
    /// With --data: one line per value of this column.
    #[arg(long, value_name = "COL")]
    pub(super) group: Option<String>,
    /// With --data: keep only rows whose COL is VALUE (several values separated by |);
    /// repeat for more columns.
    #[arg(long, value_name = "COL=VALUE[|VALUE…]", value_parser = parse_filter)]
    pub(super) filter: Vec<Filter>,
    /// With --data: how rows sharing an x combine.
    #[arg(long, value_enum, default_value_t = AggregationArg::Sum)]
    pub(super) agg: AggregationArg,
    /// png, svg or csv; for --chart, taken from --out's ending when not given; for --all,
    /// every format when not given.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub(super) format: Option<ExportFormat>,
    /// The file to write, with --chart.
    #[arg(long, value_name = "PATH")]
    pub(super) out: Option<PathBuf>,
    /// The folder to write into, with --all (made if missing).
    #[arg(long, value_name = "DIR")]
    pub(super) dir: Option<PathBuf>,
    /// Picture width in points.
    #[arg(long, default_value_t = 1200)]
    pub(super) width: u32,
    /// Picture height in points.
    #[arg(long, default_value_t = 720)]
    pub(super) height: u32,
    /// Pixels per point in the PNG.
    #[arg(long, default_value_t = 2.0)]
    pub(super) scale: f32,
    /// light or dark.
    #[arg(long, value_name = "THEME", value_parser = parse_theme, default_value = "light")]
    pub(super) theme: Theme,
    #[command(flatten)]
    pub(super) texts: TextArgs,
    /// With --chart: name on the chart the events whose names contain TEXT (repeat for more),
    /// as clicking their markers does in the window.
    #[arg(long, value_name = "TEXT")]
    pub(super) label_event: Vec<String>,
    #[command(flatten)]
    pub(super) read: ReadArgs,
    /// Replace files that exist.
    #[arg(long)]
    pub(super) force: bool,
}

/// The words around an exported chart, in place of its own (with --data: the file name, the
/// column names and the path).
#[derive(Debug, Clone, Default, Args)]
pub struct TextArgs {
    /// The chart's title.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// The line under the title.
    #[arg(long, value_name = "TEXT")]
    subtitle: Option<String>,
    /// The label of the value axis, e.g. "USD million".
    #[arg(long, value_name = "TEXT")]
    unit: Option<String>,
    /// A note printed before the source.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,
    /// The source printed under the chart, e.g. "China customs (GACC)".
    #[arg(long, value_name = "TEXT")]
    source: Option<String>,
}

impl From<&TextArgs> for ChartTexts {
    fn from(args: &TextArgs) -> Self {
        let text = |arg: &Option<String>| arg.clone().unwrap_or_default();
        Self {
            title: text(&args.title),
            subtitle: text(&args.subtitle),
            unit: text(&args.unit),
            note: text(&args.note),
            source: text(&args.source),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ConvertArg {
    Parquet,
    Arrow,
}
