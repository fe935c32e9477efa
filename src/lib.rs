//! `bilateral`: a desktop dashboard for the statistics of a bilateral relationship, shown next
//! to the news text that cites them. The first subject is China and Russia.
//!
//! The layers, from the bottom: [`data`] loads and validates the sourced datasets with polars,
//! types their rows and derives the tables every view needs, and [`load`] reads a user's CSV
//! (neither touches egui); [`stats`] computes growth, trends and break tests; [`claims`] reads
//! and checks the numbers of an article; [`chart`] turns all of it into chart models, which
//! [`export`] writes to files and [`ui`] draws in the window; [`cli`] is the command line, on
//! top of everything and under nothing.

pub mod chart;
pub mod claims;
pub mod cli;
pub mod data;
pub mod export;
pub mod load;
pub mod stats;
pub mod ui;
