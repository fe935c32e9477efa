//! The command line: `bilateral` opens the window, `bilateral datasets` lists the bundled
//! datasets and `bilateral inspect FILE` reports how the loader reads a CSV file. Errors are
//! returned to `main`, which prints them once and sets the exit code (1 for failed work; clap
//! exits with 2 for usage errors).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::chart::user::{
    Aggregation, Filter, SpecRequest, UserChartError, user_chart_from_opened,
};
use crate::chart::{ChartId, ChartOptions, ChartTexts, build_chart};
use crate::claims::{ClaimsReport, check_article};
use crate::data::{Article, Bundle, IsoDate};
use crate::export::columnar::{ColumnarFormat, converted_path, write_table};
use crate::export::{ExportFormat, ExportOptions, Theme, export_chart};
use crate::load::dataset::{Survey, open_table, open_whole};
use crate::load::{CsvReport, LoadControl};
use crate::stats::{StatsReport, TradeStats, trade_stats};
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

/// The datasets of `dir`, or the built-in ones without it.
fn load_bundle(dir: Option<&std::path::Path>) -> anyhow::Result<Bundle> {
    Bundle::load_from(dir).with_context(|| match dir {
        Some(dir) => format!("the datasets in {} failed to load", dir.display()),
        None => "the bundled datasets failed to load".to_owned(),
    })
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
    fn control(self) -> LoadControl {
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
    list: bool,
    /// The chart to export (see --list).
    #[arg(long, value_name = "ID", value_parser = parse_chart_slug, requires = "out")]
    chart: Option<ChartId>,
    /// Export every bundled chart into --dir.
    #[arg(long, requires = "dir")]
    all: bool,
    /// Chart your own data instead of a bundled chart: a CSV, Parquet or Arrow file, a
    /// folder of them or a glob ('DIR/*.csv'), read as `bilateral inspect` reads it.
    /// Columns not named with --x, --y and --group are chosen as the window chooses them.
    #[arg(long, value_name = "FILE", requires = "out")]
    data: Option<PathBuf>,
    /// With --data: the x column (years, months, dates or numbers); the window's choice
    /// when not given.
    #[arg(long, value_name = "COL")]
    x: Option<String>,
    /// With --data: the value columns, separated by commas; the window's choice when not
    /// given.
    #[arg(long, value_name = "COL[,COL…]", value_delimiter = ',')]
    y: Vec<String>,
    /// With --data: one line per value of this column.
    #[arg(long, value_name = "COL")]
    group: Option<String>,
    /// With --data: keep only rows whose COL is VALUE (several values separated by |);
    /// repeat for more columns.
    #[arg(long, value_name = "COL=VALUE[|VALUE…]", value_parser = parse_filter)]
    filter: Vec<Filter>,
    /// With --data: how rows sharing an x combine.
    #[arg(long, value_enum, default_value_t = AggregationArg::Sum)]
    agg: AggregationArg,
    /// png, svg or csv; for --chart, taken from --out's ending when not given; for --all,
    /// every format when not given.
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    format: Option<ExportFormat>,
    /// The file to write, with --chart.
    #[arg(long, value_name = "PATH")]
    out: Option<PathBuf>,
    /// The folder to write into, with --all (made if missing).
    #[arg(long, value_name = "DIR")]
    dir: Option<PathBuf>,
    /// Picture width in points.
    #[arg(long, default_value_t = 1200)]
    width: u32,
    /// Picture height in points.
    #[arg(long, default_value_t = 720)]
    height: u32,
    /// Pixels per point in the PNG.
    #[arg(long, default_value_t = 2.0)]
    scale: f32,
    /// light or dark.
    #[arg(long, value_name = "THEME", value_parser = parse_theme, default_value = "light")]
    theme: Theme,
    #[command(flatten)]
    texts: TextArgs,
    /// With --chart: name on the chart the events whose names contain TEXT (repeat for more),
    /// as clicking their markers does in the window.
    #[arg(long, value_name = "TEXT")]
    label_event: Vec<String>,
    #[command(flatten)]
    read: ReadArgs,
    /// Replace files that exist.
    #[arg(long)]
    force: bool,
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

/// One bundled dataset as `bilateral datasets --json` prints it.
#[derive(Debug, Serialize)]
pub struct DatasetSummary {
    pub id: String,
    pub title: String,
    pub unit: String,
    pub rows: usize,
    pub columns: Vec<String>,
    pub sources: Vec<String>,
}

pub fn dataset_summaries(bundle: &Bundle) -> Vec<DatasetSummary> {
    bundle
        .datasets
        .iter()
        .map(|dataset| DatasetSummary {
            id: dataset.spec.id.clone(),
            title: dataset.spec.title.clone(),
            unit: dataset.spec.unit.clone(),
            rows: dataset.rows(),
            columns: dataset.column_names(),
            sources: dataset.spec.sources.clone(),
        })
        .collect()
}

/// Runs a command-line subcommand, writing its report to `out`.
pub fn run_command(
    command: &Command,
    datasets: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match command {
        Command::Datasets { json } => {
            let bundle = load_bundle(datasets)?;
            let summaries = dataset_summaries(&bundle);
            print_json_or_text(out, *json, &summaries, |out| {
                write_dataset_table(&summaries, out)
            })?;
        }
        Command::Stats {
            from,
            to,
            break_year,
            json,
        } => {
            let bundle = load_bundle(datasets)?;
            let from = from.unwrap_or(bundle.coverage.first_year);
            let to = to.unwrap_or(bundle.coverage.last_full_year);
            let stats = trade_stats(&bundle, from, to, *break_year)?;
            let report = StatsReport::new(&stats);
            if *json {
                serde_json::to_writer_pretty(&mut *out, &report)?;
                writeln!(out)?;
            } else {
                write_stats(&stats, &report, out)?;
            }
        }
        Command::Claims { file, date, json } => {
            run_claims(file.as_deref(), *date, *json, datasets, out)?;
        }
        Command::Export(args) => run_export(&ExportRequest::from_args(args), datasets, out)?,
        Command::Open { .. } => {
            anyhow::bail!("`bilateral open` opens the window; it is handled by main")
        }
        Command::Inspect { file, json, read } => {
            let opened = open_table(file, &read.control(), Survey::Count)?;
            print_json_or_text(out, *json, &opened.report, |out| {
                write_report(&opened.report, out)
            })?;
        }
        Command::Convert {
            file,
            to,
            out: out_path,
            force,
            read,
        } => {
            let opened = open_table(file, &read.control(), Survey::Skip)?;
            run_convert(file, &opened, *to, out_path.as_deref(), *force, out)?;
        }
    }
    Ok(())
}

fn write_dataset_table(summaries: &[DatasetSummary], out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{:<26} {:>5}  {:<62} unit", "id", "rows", "title")?;
    for summary in summaries {
        writeln!(
            out,
            "{:<26} {:>5}  {:<62} {}",
            summary.id, summary.rows, summary.title, summary.unit
        )?;
    }
    writeln!(
        out,
        "\nEach row names its source; `bilateral datasets --json` lists them, datasets/README.md explains the gaps."
    )
}

fn write_report(report: &CsvReport, out: &mut dyn Write) -> std::io::Result<()> {
    let delimiter = match report.delimiter.as_str() {
        "\\t" => "tab".to_owned(),
        other => format!("\"{other}\""),
    };
    let header = if report.header_line == 0 {
        "no header row".to_owned()
    } else {
        format!("header on line {}", report.header_line)
    };
    writeln!(out, "{}", report.path)?;
    if report.delimiter.is_empty() {
        // A Parquet or Arrow file has no dialect to report.
        writeln!(
            out,
            "  {} rows, {} table, {} file",
            report.rows, report.shape, report.encoding
        )?;
    } else {
        writeln!(
            out,
            "  {} rows, {} table, delimiter {delimiter}, decimal mark \"{}\", {header}, encoding {}{}",
            report.rows,
            report.shape,
            report.decimal_mark,
            report.encoding,
            if report.compressed { ", gzip" } else { "" }
        )?;
    }
    writeln!(
        out,
        "  {:<32} {:<8} {:<6} {:>8} {:>8}  examples",
        "column", "kind", "type", "empty", "unread"
    )?;
    for column in &report.columns {
        writeln!(
            out,
            "  {:<32} {:<8} {:<6} {:>8} {:>8}  {}",
            column.name,
            column.kind.label(),
            column.dtype,
            column.nulls,
            column.invalid + column.non_finite,
            // A cell of several lines is shown on one, so the table stays a table.
            column
                .examples
                .join(", ")
                .replace("\r\n", "↵")
                .replace(['\n', '\r'], "↵")
        )?;
    }
    for warning in &report.warnings {
        writeln!(out, "  warning: {warning}")?;
    }
    Ok(())
}

/// Prints `report` as JSON, or as `text` writes it.
fn print_json_or_text<T: Serialize>(
    out: &mut dyn Write,
    json: bool,
    report: &T,
    text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    if json {
        serde_json::to_writer_pretty(&mut *out, report)?;
        writeln!(out)?;
    } else {
        text(out)?;
    }
    Ok(())
}

/// `bilateral convert`: writes the table at `file` as Parquet or Arrow, streamed.
fn run_convert(
    file: &std::path::Path,
    opened: &crate::load::dataset::OpenedTable,
    to: ConvertArg,
    out_path: Option<&std::path::Path>,
    force: bool,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let format = match to {
        ConvertArg::Parquet => ColumnarFormat::Parquet,
        ConvertArg::Arrow => ColumnarFormat::ArrowIpc,
    };
    let target = out_path.map_or_else(
        || converted_path(file, format),
        std::path::Path::to_path_buf,
    );
    write_table(opened, format, &target, force)?;
    writeln!(out, "{}", target.display())?;
    Ok(())
}

/// A chart of the user's own data, as `bilateral export --data` asks for it.
struct UserData<'a> {
    file: &'a std::path::Path,
    request: SpecRequest,
    read: ReadArgs,
}

/// What `bilateral export` was asked to do.
struct ExportRequest<'a> {
    list: bool,
    chart: Option<ChartId>,
    all: bool,
    data: Option<UserData<'a>>,
    format: Option<ExportFormat>,
    out: Option<&'a std::path::Path>,
    dir: Option<&'a std::path::Path>,
    options: ExportOptions,
    /// Texts given on the command line, for a single chart.
    texts: ChartTexts,
    /// Events to name on the chart, by part of their names.
    label_events: &'a [String],
    force: bool,
}

impl<'a> ExportRequest<'a> {
    fn from_args(args: &'a ExportArgs) -> Self {
        Self {
            list: args.list,
            chart: args.chart,
            all: args.all,
            data: args.data.as_deref().map(|file| UserData {
                file,
                request: SpecRequest {
                    x: args.x.clone(),
                    values: args.y.clone(),
                    group: args.group.clone(),
                    filters: args.filter.clone(),
                    aggregation: Some(match args.agg {
                        AggregationArg::Sum => Aggregation::Sum,
                        AggregationArg::Mean => Aggregation::Mean,
                    }),
                },
                read: args.read,
            }),
            format: args.format,
            out: args.out.as_deref(),
            dir: args.dir.as_deref(),
            options: ExportOptions {
                width: args.width,
                height: args.height,
                scale: args.scale,
                theme: args.theme,
            },
            texts: (&args.texts).into(),
            label_events: &args.label_event,
            force: args.force,
        }
    }
}

/// `bilateral claims`: reads the article (the bundled one without a file), checks every figure
/// and prints the report.
fn run_claims(
    file: Option<&std::path::Path>,
    date: Option<IsoDate>,
    json: bool,
    datasets: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    let bundle = load_bundle(datasets)?;
    let (label, mut article) = match file {
        Some(path) => (path.display().to_string(), Article::read_file(path)?),
        None => (
            crate::data::ARTICLE_FILE.path.to_owned(),
            bundle.article.clone(),
        ),
    };
    // A date given on the command line dates "last year" where the file has no date line.
    article.date = date.or(article.date);
    let date = article.date;
    let claims = check_article(&bundle, &article);
    let report = ClaimsReport {
        article: label,
        date: date.map(|d| d.to_string()),
        claims: &claims,
    };
    if json {
        serde_json::to_writer_pretty(&mut *out, &report)?;
        writeln!(out)?;
    } else {
        write_claims(&report, out)?;
    }
    Ok(())
}

fn format_from_path(path: &std::path::Path) -> anyhow::Result<ExportFormat> {
    ExportFormat::of_path(path).ok_or_else(|| {
        anyhow::anyhow!(
            "{}: cannot tell the format from the file's ending; pass --format png, svg or csv",
            path.display()
        )
    })
}

/// The chart `bilateral export --data` asks for. The query runs where the data lies; if polars
/// meets a cell there the first rows did not predict, the file is read whole by our loader,
/// which reads such cells or says where they are.
fn user_data_chart(data: &UserData<'_>) -> anyhow::Result<crate::chart::ChartModel> {
    let control = data.read.control();
    let opened = open_table(data.file, &control, Survey::Skip)?;
    let read_where_it_lies = opened.data.is_scan();
    match user_chart_from_opened(opened, &data.request) {
        Err(UserChartError::Table { .. }) if read_where_it_lies => Ok(user_chart_from_opened(
            open_whole(data.file, &control)?,
            &data.request,
        )?),
        chart => Ok(chart?),
    }
}

fn run_export(
    request: &ExportRequest<'_>,
    datasets: Option<&std::path::Path>,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    if request.list {
        for chart in ChartId::ALL {
            writeln!(out, "{:<18} {}", chart.slug(), chart.label())?;
        }
        return Ok(());
    }
    if let (Some(data), Some(path)) = (&request.data, request.out) {
        let format = match request.format {
            Some(format) => format,
            None => format_from_path(path)?,
        };
        let mut model = user_data_chart(data)?;
        request.texts.apply(&mut model);
        export_chart(&model, format, &request.options, path, request.force)?;
        writeln!(out, "{}", path.display())?;
        return Ok(());
    }
    let bundle = load_bundle(datasets)?;
    let mut options = ChartOptions::default();
    for name in request.label_events {
        if !options.label_events_named(&bundle.events, name) {
            anyhow::bail!(
                "no event's name contains \"{name}\"; `bilateral export --chart timeline --format csv` lists them"
            );
        }
    }
    let mut jobs = Vec::new();
    if let (Some(chart), Some(path)) = (request.chart, request.out) {
        let format = match request.format {
            Some(format) => format,
            None => format_from_path(path)?,
        };
        jobs.push((chart, format, path.to_path_buf()));
    } else if let (true, Some(dir)) = (request.all, request.dir) {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: the folder cannot be made", dir.display()))?;
        let formats = request
            .format
            .map_or_else(|| ExportFormat::ALL.to_vec(), |format| vec![format]);
        for chart in ChartId::ALL {
            for format in &formats {
                jobs.push((
                    chart,
                    *format,
                    dir.join(format!("{}.{}", chart.slug(), format.extension())),
                ));
            }
        }
    }
    for (chart, format, path) in jobs {
        let mut model = build_chart(&bundle, chart, &options);
        if !request.all {
            request.texts.apply(&mut model);
        }
        export_chart(&model, format, &request.options, &path, request.force)?;
        writeln!(out, "{}", path.display())?;
    }
    Ok(())
}

fn optional(value: Option<f64>, decimals: usize) -> String {
    value.map_or_else(|| "n/a".to_owned(), |v| format!("{v:.decimals$}"))
}

fn write_stats(
    stats: &TradeStats,
    report: &StatsReport,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    writeln!(
        out,
        "China-customs total trade, {}–{} (USD billion)",
        report.from, report.to
    )?;
    writeln!(
        out,
        "  {:<6} {:>10} {:>10} {:>10}",
        "year", "total", "change %", "balance"
    )?;
    for (year, total) in &report.total_usd_bn {
        let growth = report.yoy_pct.get(year).copied();
        let balance = report.balance_usd_bn.get(year).copied();
        writeln!(
            out,
            "  {year:<6} {total:>10.2} {:>10} {:>10}",
            optional(growth, 1),
            optional(balance, 2)
        )?;
    }
    for sentence in stats.summary() {
        writeln!(out, "  {sentence}")?;
    }
    for (year, gap) in &report.reporter_gap {
        writeln!(
            out,
            "  {year}: China {} vs Russia {}: gap {:+.2} bn ({:+.1}%)",
            gap.china_customs_usd_bn, gap.russia_official_usd_bn, gap.gap_usd_bn, gap.gap_pct
        )?;
    }
    for note in &report.notes {
        writeln!(out, "  note: {note}")?;
    }
    Ok(())
}

fn write_claims(report: &ClaimsReport<'_>, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "{} (dated {})",
        report.article,
        report
            .date
            .as_deref()
            .unwrap_or("unknown: pass --date for \"last year\"")
    )?;
    if report.claims.is_empty() {
        writeln!(out, "  no numeric claims found")?;
    }
    for claim in report.claims {
        writeln!(
            out,
            "  [{}] {:?} ({}{})",
            claim.verdict.label(),
            claim.found.text,
            serde_json::to_value(claim.found.measure)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            claim
                .found
                .year
                .map(|y| format!(", {y}"))
                .unwrap_or_default()
        )?;
        writeln!(out, "      {}", claim.explanation)?;
        if !claim.found.reading.is_empty() {
            writeln!(out, "      read as: {}", claim.found.reading.join("; "))?;
        }
    }
    Ok(())
}
