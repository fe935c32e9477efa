//! The command line: `bilateral` opens the window, `bilateral datasets` lists the bundled
//! datasets and `bilateral inspect FILE` reports how the loader reads a CSV file. Errors are
//! returned to `main`, which prints them once and sets the exit code (1 for failed work; clap
//! exits with 2 for usage errors).

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context as _;
use clap::{Args, Parser, Subcommand, ValueEnum};
use serde::Serialize;

use crate::chart::ChartId;
use crate::data::Bundle;
use crate::inspect::{CsvReport, load_csv};

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
}

/// How the window opens. Saved settings apply first; these override them for this run.
#[derive(Debug, Clone, Default, Args)]
pub struct WindowOptions {
    /// Open on this chart.
    #[arg(long, value_name = "CHART", value_parser = parse_chart_slug)]
    pub chart: Option<ChartId>,
    /// Open in this theme.
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    /// Follow this article annotation at start, as if it had been clicked (its id in the
    /// annotations file, e.g. trade-2023-record).
    #[arg(long, value_name = "ID")]
    pub annotation: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Light,
    Dark,
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
    /// Load a CSV file the way the app does and report what was found.
    Inspect {
        /// The CSV file to read.
        file: PathBuf,
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
    },
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
pub fn run_command(command: &Command, out: &mut dyn Write) -> anyhow::Result<()> {
    match command {
        Command::Datasets { json } => {
            let bundle = Bundle::load().context("the bundled datasets failed to load")?;
            let summaries = dataset_summaries(&bundle);
            if *json {
                serde_json::to_writer_pretty(&mut *out, &summaries)?;
                writeln!(out)?;
            } else {
                write_dataset_table(&summaries, out)?;
            }
        }
        Command::Inspect { file, json } => {
            let loaded = load_csv(file)?;
            if *json {
                serde_json::to_writer_pretty(&mut *out, &loaded.report)?;
                writeln!(out)?;
            } else {
                write_report(&loaded.report, out)?;
            }
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
        "\t" => "tab".to_owned(),
        other => format!("\"{other}\""),
    };
    writeln!(out, "{}", report.path)?;
    writeln!(
        out,
        "  {} rows, delimiter {delimiter}, header on line {}, encoding {}",
        report.rows, report.header_line, report.encoding
    )?;
    writeln!(out, "  {:<32} {:<10} {:>8}", "column", "type", "empty")?;
    for column in &report.columns {
        writeln!(
            out,
            "  {:<32} {:<10} {:>8}",
            column.name, column.dtype, column.nulls
        )?;
    }
    for warning in &report.warnings {
        writeln!(out, "  warning: {warning}")?;
    }
    Ok(())
}
