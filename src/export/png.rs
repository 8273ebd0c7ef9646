//! The figure as PNG, rendered by resvg from the SVG, recording its
//! resolution (pHYs) so that word processors place it at its real size.

use resvg::tiny_skia::Pixmap;

/// Encodes the raster as PNG: RGB when `transparent` is false (the
/// background is opaque), else RGBA with straight alpha; pHYs says `dpi`.
pub fn encode_png(pixmap: &Pixmap, dpi: f64, transparent: bool) -> Result<Vec<u8>, String> {
    let fail = |e: png::EncodingError| format!("could not encode the PNG: {e}");
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_color(if transparent {
        png::ColorType::Rgba
    } else {
        png::ColorType::Rgb
    });
    // A figure is mostly flat colour: the fast encoder compresses it well.
    encoder.set_compression(png::Compression::Fast);
    let per_metre = dots_per_metre(dpi);
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(fail)?;
    {
        // Row by row, so that no second copy of the whole image is held.
        let mut stream = writer.stream_writer().map_err(fail)?;
        let width = pixmap.width() as usize;
        let mut row = Vec::with_capacity(width * 4);
        for pixels in pixmap.pixels().chunks(width) {
            row.clear();
            for p in pixels {
                if transparent {
                    let c = p.demultiply();
                    row.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
                } else {
                    row.extend_from_slice(&[p.red(), p.green(), p.blue()]);
                }
            }
            std::io::Write::write_all(&mut stream, &row)
                .map_err(|e| format!("could not encode the PNG: {e}"))?;
        }
        stream.finish().map_err(fail)?;
    }
    writer.finish().map_err(fail)?;
    Ok(bytes)
}

/// Dots per inch as pixels per metre, the unit of PNG's pHYs.
pub fn dots_per_metre(dpi: f64) -> u32 {
    (dpi / 0.0254).round() as u32
}
