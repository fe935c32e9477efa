//! The `bilateral` binary: parses the arguments and hands over to the library. With no
//! subcommand it opens the dashboard window.

use std::process::ExitCode;

use bilateral::cli::{Cli, Command, run_command};

fn main() -> ExitCode {
    bilateral::ui::mark_launch();
    let cli = Cli::from_args();
    let result = match &cli.command {
        Some(Command::Open { files, read }) => {
            let mut start: bilateral::ui::StartOptions = (&cli.window).into();
            start.skip_ragged_rows = read.skip_ragged_rows;
            bilateral::ui::run_window(&start, cli.datasets.as_deref(), files)
        }
        Some(command) => run_command(
            command,
            cli.datasets.as_deref(),
            &mut std::io::stdout().lock(),
        ),
        None => bilateral::ui::run_window(&(&cli.window).into(), cli.datasets.as_deref(), &[]),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
