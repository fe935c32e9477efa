//! `bilateral`: a desktop dashboard for the statistics of a bilateral relationship, shown next
//! to the news text that cites them. The first subject is China and Russia.
//!
//! The layers, from the bottom: [`data`] loads and validates the sourced datasets with polars and
//! derives the tables every view needs (it never touches egui); [`load`] loads a user's CSV;
//! [`ui`] draws the window; [`cli`] is the command line.

pub mod chart;
pub mod claims;
pub mod cli;
pub mod data;
pub mod export;
pub mod load;
pub mod stats;
pub mod ui;
