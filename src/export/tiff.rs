//! The figure as TIFF: RGB without alpha, LZW-compressed, with its
//! resolution in dots per inch (as PLOS asks).

use std::io::Cursor;

use resvg::tiny_skia::Pixmap;
use tiff::encoder::{colortype, Compression, Rational, TiffEncoder};
use tiff::tags::ResolutionUnit;

/// Encodes the (opaque) raster as an LZW-compressed RGB TIFF at `dpi`.
pub fn encode_tiff(pixmap: &Pixmap, dpi: f64) -> Result<Vec<u8>, String> {
    let fail = |e: tiff::TiffError| format!("could not encode the TIFF: {e}");
    let data: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            // The background is opaque white, so the colour is as drawn.
            let c = p.demultiply();
            [c.red(), c.green(), c.blue()]
        })
        .collect();
    let mut bytes = Cursor::new(Vec::new());
    let mut encoder = TiffEncoder::new(&mut bytes)
        .map_err(fail)?
        .with_compression(Compression::Lzw);
    let mut image = encoder
        .new_image::<colortype::RGB8>(pixmap.width(), pixmap.height())
        .map_err(fail)?;
    image.resolution(
        ResolutionUnit::Inch,
        Rational {
            n: (dpi * 100.0).round() as u32,
            d: 100,
        },
    );
    image.write_data(&data).map_err(fail)?;
    Ok(bytes.into_inner())
}
