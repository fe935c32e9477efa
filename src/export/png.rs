//! PNG: the exported SVG rendered with resvg, with egui's font, so the picture is the SVG's.

use std::sync::Arc;

use super::{ExportError, ExportOptions};

pub fn svg_to_png(svg: &str, options: &ExportOptions) -> Result<Vec<u8>, ExportError> {
    svg_to_pixmap(svg, options)?
        .encode_png()
        .map_err(|err| ExportError::Render(err.to_string()))
}

/// The chart's pixels: width, height and premultiplied RGBA rows, as the clipboard takes them.
pub fn svg_to_rgba(svg: &str, options: &ExportOptions) -> Result<(u32, u32, Vec<u8>), ExportError> {
    let pixmap = svg_to_pixmap(svg, options)?;
    Ok((pixmap.width(), pixmap.height(), pixmap.take()))
}

fn svg_to_pixmap(
    svg: &str,
    options: &ExportOptions,
) -> Result<resvg::tiny_skia::Pixmap, ExportError> {
    let mut parse_options = resvg::usvg::Options {
        font_family: super::svg::FONT_FAMILY.to_owned(),
        ..resvg::usvg::Options::default()
    };
    let mut fonts = resvg::usvg::fontdb::Database::new();
    fonts.load_font_data(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    fonts.set_sans_serif_family(super::svg::FONT_FAMILY);
    parse_options.fontdb = Arc::new(fonts);
    let tree = resvg::usvg::Tree::from_str(svg, &parse_options)
        .map_err(|err| ExportError::Render(err.to_string()))?;
    let width = (options.width as f32 * options.scale).round() as u32;
    let height = (options.height as f32 * options.scale).round() as u32;
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| ExportError::Render(format!("no {width}×{height} canvas")))?;
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(options.scale, options.scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}
