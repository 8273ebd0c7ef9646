//! The figure's SVG parsed by usvg, with the bundled font as the only font:
//! the common ground of the PNG, TIFF and PDF writers. No system font is
//! loaded, so every machine renders the same figure.

use std::sync::{Arc, OnceLock};

use resvg::tiny_skia;
use resvg::usvg::{self, fontdb};

use crate::figure::{FONT_BYTES, FONT_FAMILY};

/// A font database holding the bundled font and nothing else.
pub fn bundled_fontdb() -> Arc<fontdb::Database> {
    static DB: OnceLock<Arc<fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = fontdb::Database::new();
        db.load_font_source(fontdb::Source::Binary(Arc::new(FONT_BYTES)));
        db.set_sans_serif_family(FONT_FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// Parses SVG text with the bundled font as the only font.
pub fn parse_svg(svg: &str) -> Result<usvg::Tree, String> {
    let options = usvg::Options {
        font_family: FONT_FAMILY.to_string(),
        fontdb: bundled_fontdb(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| format!("the figure's SVG did not parse: {e}"))
}

/// The largest raster this program writes, in pixels per side and in all.
const MAX_SIDE: u32 = 30_000;
const MAX_PIXELS: u64 = 400_000_000;

/// A raster of the figure `width` pixels wide (height in proportion),
/// over a white background unless `transparent`.
pub fn render(
    tree: &usvg::Tree,
    width: u32,
    transparent: bool,
) -> Result<tiny_skia::Pixmap, String> {
    let size = tree.size();
    let scale = f64::from(width) / f64::from(size.width());
    let height = (f64::from(size.height()) * scale).round().max(1.0) as u32;
    if width == 0
        || width > MAX_SIDE
        || height > MAX_SIDE
        || u64::from(width) * u64::from(height) > MAX_PIXELS
    {
        return Err(format!(
            "the figure would be {width} × {height} pixels, more than this program writes \
             (at most {MAX_SIDE} per side and {} million in all); lower --dpi or --width-mm",
            MAX_PIXELS / 1_000_000
        ));
    }
    let mut pixmap = tiny_skia::Pixmap::new(width, height)
        .ok_or_else(|| format!("no memory for a {width} × {height} pixel image"))?;
    if !transparent {
        pixmap.fill(tiny_skia::Color::WHITE);
    }
    let scale = scale as f32;
    resvg::render(
        tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    Ok(pixmap)
}

/// The width in pixels of a figure `width_mm` wide at `dpi` dots per inch.
pub fn pixel_width(width_mm: f64, dpi: f64) -> u32 {
    (width_mm / 25.4 * dpi)
        .round()
        .clamp(0.0, f64::from(u32::MAX)) as u32
}
