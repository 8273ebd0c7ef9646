//! PNG, TIFF and PDF exports: the right size in pixels or points, not
//! blank, with their resolution recorded and the font embedded.

use std::io::Cursor;
use std::path::Path;

use causal_web::export::{natural_width_mm, Preset};
use causal_web::figure::{FigureStyle, Rect};
use causal_web::io::load_project;
use causal_web::jobs::{export_project_figure, project_figure, FigureRequest};
use causal_web::model::Project;

const SMALL: &str = "../shared/testdata/small.cweb.json";

fn small() -> Project {
    load_project(Path::new(SMALL)).expect("the small test web loads")
}

struct Png {
    width: u32,
    height: u32,
    channels: usize,
    pixels: Vec<u8>,
    pixels_per_metre: Option<(u32, u32)>,
}

fn decode_png(bytes: &[u8]) -> Png {
    let mut reader = png::Decoder::new(Cursor::new(bytes))
        .read_info()
        .expect("a PNG");
    let dims = reader.info().pixel_dims.map(|d| {
        assert_eq!(d.unit, png::Unit::Meter);
        (d.xppu, d.yppu)
    });
    let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
    let frame = reader.next_frame(&mut pixels).unwrap();
    Png {
        width: frame.width,
        height: frame.height,
        channels: frame.color_type.samples(),
        pixels,
        pixels_per_metre: dims,
    }
}

impl Png {
    fn pixel(&self, x: u32, y: u32) -> &[u8] {
        let i = (y as usize * self.width as usize + x as usize) * self.channels;
        &self.pixels[i..i + self.channels]
    }
}

fn export(project: &Project, request: &FigureRequest) -> Vec<u8> {
    let report = export_project_figure(project, request);
    assert!(report.ok(), "{:?}", report.problems);
    std::fs::read(&request.output).unwrap()
}

#[test]
fn a_png_has_the_asked_width_records_its_dpi_and_shows_the_web() {
    let dir = tempfile::tempdir().unwrap();
    let project = small();
    for (width_mm, dpi) in [(85.0, 300.0), (176.0, 600.0), (40.0, 150.0)] {
        let request = FigureRequest {
            width_mm: Some(width_mm),
            dpi: Some(dpi),
            ..FigureRequest::new(dir.path().join("fig.png"))
        };
        let png = decode_png(&export(&project, &request));
        assert_eq!(
            png.width,
            (width_mm / 25.4 * dpi).round() as u32,
            "{width_mm} mm at {dpi}"
        );
        let figure = project_figure(&project, &request);
        let aspect = figure.bounds.height() / figure.bounds.width();
        assert!((f64::from(png.height) - f64::from(png.width) * aspect).abs() <= 1.0);
        let per_metre = (dpi / 0.0254).round() as u32;
        assert_eq!(png.pixels_per_metre, Some((per_metre, per_metre)));
        assert_eq!(png.channels, 3, "an opaque PNG needs no alpha");

        // Not blank: a good share of the pixels is not white.
        let inked = png
            .pixels
            .chunks(3)
            .filter(|p| p != &[255, 255, 255])
            .count();
        assert!(inked * 20 > png.pixels.len() / 3, "{inked} inked pixels");

        // Each context's fill shows where the model puts the context.
        let scale = f64::from(png.width) / figure.bounds.width();
        let style = FigureStyle::default();
        for node in figure.nodes.iter().filter(|n| n.id == "proximity") {
            let r: Rect = node.rect();
            let (x, y) = (r.min.x + 5.0, node.centre.y);
            let (px, py) = (
                ((x - figure.bounds.min.x) * scale) as u32,
                ((y - figure.bounds.min.y) * scale) as u32,
            );
            let fill = style.context.fill;
            let p = png.pixel(px, py);
            assert!(
                p.iter()
                    .zip([fill.r, fill.g, fill.b])
                    .all(|(a, b)| a.abs_diff(b) <= 2),
                "{p:?} at {px},{py}"
            );
        }
    }
}

#[test]
fn the_natural_size_is_96_units_per_inch_and_transparent_pngs_have_alpha() {
    let dir = tempfile::tempdir().unwrap();
    let project = small();
    let request = FigureRequest {
        transparent: true,
        ..FigureRequest::new(dir.path().join("fig.png"))
    };
    let png = decode_png(&export(&project, &request));
    let natural = natural_width_mm(&project_figure(&project, &request));
    assert_eq!(png.width, (natural / 25.4 * 300.0).round() as u32);
    assert_eq!(png.channels, 4);
    assert_eq!(png.pixel(0, 0)[3], 0, "the corner is see-through");
    assert!(png.pixels.chunks(4).any(|p| p[3] == 255));
}

#[test]
fn a_tiff_is_lzw_rgb_without_alpha_at_the_chosen_dpi() {
    use tiff::decoder::{Decoder, DecodingResult};
    use tiff::tags::Tag;
    let dir = tempfile::tempdir().unwrap();
    let request = FigureRequest {
        preset: Some(Preset::Plos),
        ..FigureRequest::new(dir.path().join("fig.tiff"))
    };
    let bytes = export(&small(), &request);
    let mut d = Decoder::new(Cursor::new(bytes)).expect("a TIFF");
    let (w, _h) = d.dimensions().unwrap();
    assert_eq!(w, (190.5 / 25.4 * 300.0_f64).round() as u32);
    assert_eq!(d.colortype().unwrap(), tiff::ColorType::RGB(8));
    assert_eq!(
        d.get_tag_unsigned::<u16>(Tag::Compression).unwrap(),
        5,
        "LZW"
    );
    assert_eq!(
        d.get_tag_unsigned::<u16>(Tag::ResolutionUnit).unwrap(),
        2,
        "inch"
    );
    match d.get_tag(Tag::XResolution).unwrap() {
        tiff::decoder::ifd::Value::Rational(n, den) => {
            assert_eq!(f64::from(n) / f64::from(den), 300.0)
        }
        other => panic!("XResolution {other:?}"),
    }
    match d.read_image().unwrap() {
        DecodingResult::U8(pixels) => {
            assert!(pixels.chunks(3).any(|p| p != [255, 255, 255]));
            assert!(pixels.chunks(3).any(|p| p == [255, 255, 255]));
        }
        _ => panic!("8-bit samples expected"),
    }
}

#[test]
fn a_pdf_embeds_the_font_and_has_the_printed_size() {
    let dir = tempfile::tempdir().unwrap();
    let request = FigureRequest {
        preset: Some(Preset::BmcDouble),
        ..FigureRequest::new(dir.path().join("fig.pdf"))
    };
    let bytes = export(&small(), &request);
    assert!(bytes.starts_with(b"%PDF"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/FontFile2"), "the font program is embedded");
    assert!(text.contains("DejaVuSans"));
    let media_box: Vec<f64> = text
        .split("/MediaBox [")
        .nth(1)
        .unwrap()
        .split(']')
        .next()
        .unwrap()
        .split_whitespace()
        .map(|v| v.parse().unwrap())
        .collect();
    let width_pt = 176.0 / 25.4 * 72.0;
    assert!((media_box[2] - width_pt).abs() < 0.1, "{media_box:?}");
}
