//! Inputs more than one test file builds.

use std::path::Path;
use std::process::{Command, Output};

/// Runs the real `bilateral` binary with `args`, as a user runs it.
pub fn bilateral(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_bilateral"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// The standard output of a run that must have succeeded; a failure shows its exit code and
/// its message.
pub fn succeeded(output: &Output) -> String {
    assert!(
        output.status.success(),
        "exit {:?}, stderr: {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Writes a CSV file of `columns` number columns named `c0`, `c1`, … and two rows, each holding
/// its column's index.
pub fn write_columns_file(path: &Path, columns: usize) {
    let header: Vec<String> = (0..columns).map(|i| format!("c{i}")).collect();
    let row: Vec<String> = (0..columns).map(|i| i.to_string()).collect();
    let (header, row) = (header.join(","), row.join(","));
    std::fs::write(path, format!("{header}\n{row}\n{row}\n")).expect("the test folder is writable");
}
