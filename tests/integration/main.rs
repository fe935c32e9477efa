//! The integration tests: the command line, exports, the loader and the window, as a user meets
//! them. They link as one test binary (as ripgrep's do) because every binary links polars and
//! egui, and on a two-core machine each extra link costs CI minutes.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod cli;
mod common;
mod dataset;
mod export;
mod load;
mod ui;
