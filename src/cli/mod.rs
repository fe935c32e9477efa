//! The command line: `bilateral` opens the window, `bilateral datasets` lists the bundled
//! datasets and `bilateral inspect FILE` reports how the loader reads a CSV file. Errors are
//! returned to `main`, which prints them once and sets the exit code (1 for failed work; clap
//! exits with 2 for usage errors). What each command takes is in [`args`]; running it is here.

use std::io::Write;

use anyhow::Context as _;
use serde::Serialize;

use crate::chart::user::{Aggregation, SpecRequest, UserChartError, user_chart_from_opened};
use crate::chart::{ChartId, ChartOptions, ChartTexts, build_chart};
use crate::claims::{ClaimsReport, check_article};
use crate::data::{Article, Bundle, IsoDate};
use crate::export::columnar::{ColumnarFormat, converted_path, write_table};
use crate::export::{ExportFormat, ExportOptions, export_chart};
use crate::load::CsvReport;
use crate::load::dataset::{Survey, open_table, open_whole};
use crate::stats::{StatsReport, TradeStats, trade_stats};

mod args;

pub use args::{
    AggregationArg, Cli, Command, ConvertArg, ExportArgs, ReadArgs, TextArgs, WindowOptions,
};

/// The datasets of `dir`, or the built-in ones without it.
fn load_bundle(dir: Option<&std::path::Path>) -> anyhow::Result<Bundle> {
    Bundle::load_from(dir).with_context(|| match dir {
        Some(dir) => format!("the datasets in {} failed to load", dir.display()),
        None => "the bundled datasets failed to load".to_owned(),
    })
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
