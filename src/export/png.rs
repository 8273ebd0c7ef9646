//! The figure as PNG, rendered by resvg from the SVG, recording its
//! resolution (pHYs) so that word processors place it at its real size.

use resvg::usvg;

use super::svg_tree::{raster_size, render_in_bands};

/// The PNG of the parsed figure `width` pixels wide: RGB over white, or
/// RGBA with straight alpha when `transparent`; pHYs says `dpi`. The image
/// is drawn and compressed band by band, never held whole.
pub fn encode_png(
    tree: &usvg::Tree,
    width: u32,
    dpi: f64,
    transparent: bool,
) -> Result<Vec<u8>, String> {
    let (width, height, _) = raster_size(tree, width)?;
    let fail = |e: png::EncodingError| format!("could not encode the PNG: {e}");
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_color(if transparent {
        png::ColorType::Rgba
    } else {
        png::ColorType::Rgb
    });
    // A figure is mostly flat colour: the fast encoder with the Sub filter
    // compresses it nearly as well as the adaptive filters, in half the time.
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Sub);
    let per_metre = dots_per_metre(dpi);
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header().map_err(fail)?;
    {
        let mut stream = writer.stream_writer().map_err(fail)?;
        let mut samples = Vec::new();
        render_in_bands(tree, width, transparent, |band| {
            samples.clear();
            if transparent {
                for p in band.pixels() {
                    let c = p.demultiply();
                    samples.extend_from_slice(&[c.red(), c.green(), c.blue(), c.alpha()]);
                }
            } else {
                // Opaque pixels: premultiplied and straight colour agree.
                for p in band.data().chunks_exact(4) {
                    samples.extend_from_slice(&p[..3]);
                }
            }
            std::io::Write::write_all(&mut stream, &samples)
                .map_err(|e| format!("could not encode the PNG: {e}"))
        })?;
        stream.finish().map_err(fail)?;
    }
    writer.finish().map_err(fail)?;
    Ok(bytes)
}

/// Dots per inch as pixels per metre, the unit of PNG's pHYs.
pub fn dots_per_metre(dpi: f64) -> u32 {
    (dpi / 0.0254).round() as u32
}
