//! The figure as TIFF: RGB without alpha, LZW-compressed, with its
//! resolution in dots per inch (as PLOS asks).

use std::io::Cursor;

use resvg::usvg;
use tiff::encoder::{colortype, Compression, Rational, TiffEncoder};
use tiff::tags::ResolutionUnit;

use super::svg_tree::{raster_size, render_in_bands};

/// The TIFF of the parsed figure `width` pixels wide, over white,
/// LZW-compressed, at `dpi`.
pub fn encode_tiff(tree: &usvg::Tree, width: u32, dpi: f64) -> Result<Vec<u8>, String> {
    let (width, height, _) = raster_size(tree, width)?;
    let fail = |e: tiff::TiffError| format!("could not encode the TIFF: {e}");
    let mut bytes = Cursor::new(Vec::new());
    let mut encoder = TiffEncoder::new(&mut bytes)
        .map_err(fail)?
        .with_compression(Compression::Lzw);
    let mut image = encoder
        .new_image::<colortype::RGB8>(width, height)
        .map_err(fail)?;
    image.resolution(
        ResolutionUnit::Inch,
        Rational {
            n: (dpi * 100.0).round() as u32,
            d: 100,
        },
    );
    let mut samples: Vec<u8> = Vec::with_capacity(width as usize * height as usize * 3);
    render_in_bands(tree, width, false, |band| {
        // The background is opaque white, so the colour is as drawn.
        for p in band.data().chunks_exact(4) {
            samples.extend_from_slice(&p[..3]);
        }
        Ok(())
    })?;
    // The encoder compresses only what `write_data` is given whole.
    image.write_data(&samples).map_err(fail)?;
    Ok(bytes.into_inner())
}
