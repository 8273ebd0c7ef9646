//! The figure as PNG, rendered by resvg from the SVG, recording its
//! resolution (pHYs) so that word processors place it at its real size.

use resvg::tiny_skia::Pixmap;

/// Encodes the raster as PNG: RGB when `transparent` is false (the
/// background is opaque), else RGBA with straight alpha; pHYs says `dpi`.
pub fn encode_png(pixmap: &Pixmap, dpi: f64, transparent: bool) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, pixmap.width(), pixmap.height());
    encoder.set_depth(png::BitDepth::Eight);
    let data: Vec<u8> = if transparent {
        encoder.set_color(png::ColorType::Rgba);
        pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect()
    } else {
        encoder.set_color(png::ColorType::Rgb);
        pixmap
            .pixels()
            .iter()
            .flat_map(|p| [p.red(), p.green(), p.blue()])
            .collect()
    };
    let per_metre = dots_per_metre(dpi);
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder
        .write_header()
        .map_err(|e| format!("could not encode the PNG: {e}"))?;
    writer
        .write_image_data(&data)
        .map_err(|e| format!("could not encode the PNG: {e}"))?;
    writer
        .finish()
        .map_err(|e| format!("could not encode the PNG: {e}"))?;
    Ok(bytes)
}

/// Dots per inch as pixels per metre, the unit of PNG's pHYs.
pub fn dots_per_metre(dpi: f64) -> u32 {
    (dpi / 0.0254).round() as u32
}
