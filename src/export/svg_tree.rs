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

/// The size in pixels of a raster of the tree `width` pixels wide (height
/// in proportion), and the scale from SVG units to pixels; refused when the
/// raster would be too large to write.
pub fn raster_size(tree: &usvg::Tree, width: u32) -> Result<(u32, u32, f32), String> {
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
    Ok((width, height, scale as f32))
}

/// A raster of the figure `width` pixels wide (height in proportion),
/// over a white background unless `transparent`.
pub fn render(
    tree: &usvg::Tree,
    width: u32,
    transparent: bool,
) -> Result<tiny_skia::Pixmap, String> {
    let (width, height, scale) = raster_size(tree, width)?;
    render_band(tree, width, 0, height, scale, transparent)
}

/// Rows drawn at a time by [`render_in_bands`].
const BAND_ROWS: u32 = 128;

/// Draws the raster of the figure `width` pixels wide in horizontal bands
/// of at most 128 rows, top to bottom, and hands each band to `consume`
/// (on the calling thread) while the next one is drawn on another thread.
/// Only a few bands are held at once, so memory stays small however large
/// the image; drawing and encoding overlap on two cores. Stops at the first
/// error of `consume`.
pub fn render_in_bands(
    tree: &usvg::Tree,
    width: u32,
    transparent: bool,
    mut consume: impl FnMut(&tiny_skia::Pixmap) -> Result<(), String>,
) -> Result<(), String> {
    let (width, height, scale) = raster_size(tree, width)?;
    std::thread::scope(|scope| {
        let (bands, received) = std::sync::mpsc::sync_channel(2);
        scope.spawn(move || {
            let mut top = 0;
            while top < height {
                let rows = BAND_ROWS.min(height - top);
                let band = render_band(tree, width, top, rows, scale, transparent);
                let failed = band.is_err();
                // A closed channel means the consumer stopped: stop too.
                if bands.send(band).is_err() || failed {
                    return;
                }
                top += rows;
            }
        });
        for band in received {
            consume(&band?)?;
        }
        Ok(())
    })
}

/// Rows `top .. top + rows` of the raster drawn at `scale`.
fn render_band(
    tree: &usvg::Tree,
    width: u32,
    top: u32,
    rows: u32,
    scale: f32,
    transparent: bool,
) -> Result<tiny_skia::Pixmap, String> {
    let mut band = tiny_skia::Pixmap::new(width, rows)
        .ok_or_else(|| format!("no memory for a {width} × {rows} pixel image"))?;
    if !transparent {
        band.fill(tiny_skia::Color::WHITE);
    }
    resvg::render(
        tree,
        tiny_skia::Transform::from_row(scale, 0.0, 0.0, scale, 0.0, -(top as f32)),
        &mut band.as_mut(),
    );
    Ok(band)
}

/// The width in pixels of a figure `width_mm` wide at `dpi` dots per inch.
pub fn pixel_width(width_mm: f64, dpi: f64) -> u32 {
    (width_mm / 25.4 * dpi)
        .round()
        .clamp(0.0, f64::from(u32::MAX)) as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="230" viewBox="0 0 100 230">
<ellipse cx="50" cy="120" rx="45" ry="100" fill="#e4f3e4" stroke="#1f6b2a" stroke-width="1.5"/>
<text x="50" y="125" font-family="DejaVu Sans" font-size="14" text-anchor="middle">Trust</text>
</svg>"##;

    #[test]
    fn bands_put_together_are_the_whole_image() {
        let tree = parse_svg(SVG).unwrap();
        // 350 rows: bands of 128, 128 and 94.
        let whole = render(&tree, 152, false).unwrap();
        assert_eq!((whole.width(), whole.height()), (152, 350));
        let mut rows: Vec<u8> = Vec::new();
        render_in_bands(&tree, 152, false, |band| {
            rows.extend_from_slice(band.data());
            Ok(())
        })
        .unwrap();
        assert_eq!(rows.len(), whole.data().len());
        let diffs: Vec<u8> = rows
            .iter()
            .zip(whole.data())
            .map(|(a, b)| a.abs_diff(*b))
            .collect();
        // Curves cut at a band's edge are flattened a little differently,
        // which moves the anti-aliasing of a few edge pixels; nothing else
        // may differ (a misplaced or missing band would differ everywhere).
        let differ = diffs.iter().filter(|d| **d > 2).count();
        let mean = diffs.iter().map(|d| f64::from(*d)).sum::<f64>() / diffs.len() as f64;
        assert!(
            differ * 50 < diffs.len(),
            "{differ} of {} samples differ",
            diffs.len()
        );
        assert!(mean < 0.5, "mean difference {mean}");
        // The text was drawn with the bundled font: dark pixels near its baseline.
        assert!(whole.pixels().iter().any(|p| p.red() < 80));
    }

    #[test]
    fn a_failing_consumer_stops_the_drawing_and_huge_images_are_refused() {
        let tree = parse_svg(SVG).unwrap();
        let mut calls = 0;
        let r = render_in_bands(&tree, 152, false, |_| {
            calls += 1;
            Err("disk full".to_string())
        });
        assert_eq!((r, calls), (Err("disk full".to_string()), 1));
        let e = render(&tree, 29_000, false).unwrap_err();
        assert!(e.contains("lower --dpi or --width-mm"), "{e}");
    }
}
