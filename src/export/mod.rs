//! Exporting a chart to PNG, SVG or CSV, from the same chart model the window draws.
//!
//! Why this design: `egui_plot` has no image or vector export, and the exported file is what a
//! report's readers see. The exporter therefore draws the chart model itself — the same series,
//! colours, markers, number formats, titles and source line as the screen — as SVG, where text
//! stays text (searchable, editable in a vector editor). The PNG is that very SVG rendered by
//! resvg, with egui's own font handed to it, so the PNG and the SVG are the same picture and
//! look the same on any machine whatever fonts it has. plotters would have been a second
//! drawing of every chart to keep in step with the screen; rendering egui's shapes offscreen
//! would have needed a GPU context and lost text as text.

pub mod columnar;
mod csv;
mod png;
mod svg;
pub mod write;

use std::path::{Path, PathBuf};

use crate::chart::ChartModel;

pub use crate::chart::Theme;
pub use csv::chart_csv;
pub use svg::chart_svg;
pub use write::write_atomically;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Png,
    Svg,
    Csv,
}

impl ExportFormat {
    pub const ALL: [Self; 3] = [Self::Png, Self::Svg, Self::Csv];

    /// The format a file name's ending asks for (`.png`, `.SVG`…), if any.
    pub fn of_path(path: &Path) -> Option<Self> {
        let ending = path.extension()?.to_str()?;
        Self::ALL
            .into_iter()
            .find(|format| format.extension().eq_ignore_ascii_case(ending))
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Png => "png",
            Self::Svg => "svg",
            Self::Csv => "csv",
        }
    }
}

/// The size of an exported picture: `width` × `height` in points, rendered at `scale` pixels
/// per point for PNG (2 by default, sharp in print and on high-density screens).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExportOptions {
    pub width: u32,
    pub height: u32,
    pub scale: f32,
    pub theme: Theme,
}

impl Default for ExportOptions {
    fn default() -> Self {
        Self {
            width: 1200,
            height: 720,
            scale: 2.0,
            theme: Theme::Light,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{}: the file exists; pass --force to replace it", path.display())]
    Exists { path: PathBuf },
    #[error("{}: cannot be written ({source}); check that the folder exists and that you may write to it", path.display())]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("the chart could not be rendered to PNG: {0}")]
    Render(String),
    #[error(
        "a {width}×{height} picture at scale {scale} is too large or empty; choose a size from 100 to 8000 points and a scale from 0.5 to 8"
    )]
    BadSize { width: u32, height: u32, scale: f32 },
}

/// The bytes of `model` in `format`.
pub fn render(
    model: &ChartModel,
    format: ExportFormat,
    options: &ExportOptions,
) -> Result<Vec<u8>, ExportError> {
    let valid_size = (100..=8000).contains(&options.width)
        && (100..=8000).contains(&options.height)
        && (0.5..=8.0).contains(&options.scale);
    if !valid_size {
        return Err(ExportError::BadSize {
            width: options.width,
            height: options.height,
            scale: options.scale,
        });
    }
    match format {
        ExportFormat::Svg => Ok(chart_svg(model, options).into_bytes()),
        ExportFormat::Png => png::svg_to_png(&chart_svg(model, options), options),
        ExportFormat::Csv => Ok(chart_csv(model).into_bytes()),
    }
}

/// The chart as pixels (width, height, premultiplied RGBA), for copying to the clipboard.
pub fn render_pixels(
    model: &ChartModel,
    options: &ExportOptions,
) -> Result<(u32, u32, Vec<u8>), ExportError> {
    png::svg_to_rgba(&chart_svg(model, options), options)
}

/// Renders `model` and writes it to `path` atomically; an existing file is replaced only with
/// `replace_existing`.
pub fn export_chart(
    model: &ChartModel,
    format: ExportFormat,
    options: &ExportOptions,
    path: &Path,
    replace_existing: bool,
) -> Result<(), ExportError> {
    if path.exists() && !replace_existing {
        return Err(ExportError::Exists {
            path: path.to_path_buf(),
        });
    }
    let bytes = render(model, format, options)?;
    write_atomically(path, &bytes, replace_existing)
}
