//! Writing a [`Figure`] to a file: SVG, PNG, PDF and TIFF, with journal
//! presets and a preflight of text and line sizes.

mod format;
mod pdf;
mod png;
mod preflight;
mod preset;
mod svg;
mod svg_tree;
mod tiff;

pub use self::png::{dots_per_metre, encode_png};
pub use self::tiff::encode_tiff;
pub use format::ExportFormat;
pub use pdf::encode_pdf;
pub use preflight::{points_per_unit, preflight, PrintSizes, MIN_LINE_PT, MIN_TEXT_PT};
pub use preset::Preset;
pub use svg::{escape, figure_svg, SvgOptions};
pub use svg_tree::{bundled_fontdb, parse_svg, pixel_width, raster_size, render, render_in_bands};

use crate::figure::Figure;

/// Canvas units per inch at a figure's natural size.
pub const UNITS_PER_INCH: f64 = 96.0;

/// The default resolution of a raster export.
pub const DEFAULT_DPI: f64 = 300.0;

/// How big, how sharp and on what background a figure is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ExportSettings {
    /// The printed width in millimetres; `None` for the natural size
    /// (96 canvas units per inch).
    pub width_mm: Option<f64>,
    /// Dots per inch of a raster format.
    pub dpi: f64,
    /// No background (SVG, PNG, PDF; a TIFF is always opaque).
    pub transparent: bool,
}

impl Default for ExportSettings {
    fn default() -> Self {
        ExportSettings {
            width_mm: None,
            dpi: DEFAULT_DPI,
            transparent: false,
        }
    }
}

impl ExportSettings {
    /// The printed width of `figure`, in millimetres.
    pub fn width_mm_of(&self, figure: &Figure) -> f64 {
        self.width_mm.unwrap_or_else(|| natural_width_mm(figure))
    }
}

/// The width of `figure` at its natural size, in millimetres.
pub fn natural_width_mm(figure: &Figure) -> f64 {
    figure.bounds.width() / UNITS_PER_INCH * 25.4
}

/// The figure's file in `format`.
pub fn export_bytes(
    figure: &Figure,
    format: ExportFormat,
    settings: &ExportSettings,
) -> Result<Vec<u8>, String> {
    let width_mm = settings.width_mm_of(figure);
    let transparent = settings.transparent && format != ExportFormat::Tiff;
    let svg = figure_svg(
        figure,
        &SvgOptions {
            width_mm: Some(width_mm),
            transparent,
        },
    );
    match format {
        ExportFormat::Svg => Ok(figure_svg(
            figure,
            &SvgOptions {
                width_mm: settings.width_mm,
                transparent,
            },
        )
        .into_bytes()),
        ExportFormat::Pdf => encode_pdf(&parse_svg(&svg)?),
        ExportFormat::Png | ExportFormat::Tiff => {
            let tree = parse_svg(&svg)?;
            let width = pixel_width(width_mm, settings.dpi);
            if format == ExportFormat::Png {
                encode_png(&tree, width, settings.dpi, transparent)
            } else {
                encode_tiff(&tree, width, settings.dpi)
            }
        }
    }
}
