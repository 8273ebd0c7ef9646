use std::sync::OnceLock;

/// The bundled font (DejaVu Sans, see `assets/fonts/DejaVuSans-LICENSE.txt`):
/// labels are measured with it, and every exporter embeds or renders it, so no
/// system font is needed or used.
pub const FONT_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// The family name of [`FONT_BYTES`], as SVG's `font-family` names it.
pub const FONT_FAMILY: &str = "DejaVu Sans";

/// Advance widths of the bundled font, for measuring label text.
pub struct LabelFont {
    face: ttf_parser::Face<'static>,
    units_per_em: f64,
    /// The advances of the ASCII characters, looked up once: most label
    /// text is ASCII, and the font's character map is slow to search.
    ascii: [f64; 128],
}

impl LabelFont {
    /// The bundled font, parsed once per process.
    pub fn bundled() -> &'static LabelFont {
        static FONT: OnceLock<LabelFont> = OnceLock::new();
        FONT.get_or_init(|| {
            let face = ttf_parser::Face::parse(FONT_BYTES, 0).expect("the bundled font parses");
            let units_per_em = f64::from(face.units_per_em());
            let ascii = std::array::from_fn(|c| advance(&face, char::from(c as u8)));
            LabelFont {
                face,
                units_per_em,
                ascii,
            }
        })
    }

    /// Width of `text` set in one line at `size` units per em.
    pub fn text_width(&self, text: &str, size: f64) -> f64 {
        let units: f64 = text
            .chars()
            .map(|c| match self.ascii.get(c as usize) {
                Some(&a) => a,
                None => advance(&self.face, c),
            })
            .sum();
        units * size / self.units_per_em
    }

    /// Whether the font has no glyph for `c` (a printing character drawn
    /// then as a box, or not at all); white space and controls never lack.
    pub fn lacks(&self, c: char) -> bool {
        !c.is_whitespace() && !c.is_control() && self.face.glyph_index(c).is_none()
    }

    /// Distance from the baseline to the top of the tallest letters, at `size`.
    pub fn ascent(&self, size: f64) -> f64 {
        f64::from(self.face.ascender()) * size / self.units_per_em
    }

    /// Distance from the baseline to the bottom of the lowest letters (positive), at `size`.
    pub fn descent(&self, size: f64) -> f64 {
        -f64::from(self.face.descender()) * size / self.units_per_em
    }
}

/// The advance of `c` in font units; a character the font lacks is
/// measured as `?`.
fn advance(face: &ttf_parser::Face<'_>, c: char) -> f64 {
    face.glyph_index(c)
        .or_else(|| face.glyph_index('?'))
        .and_then(|g| face.glyph_hor_advance(g))
        .map_or(0.0, f64::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_text_measures_wider() {
        let f = LabelFont::bundled();
        let one = f.text_width("Trust", 14.0);
        assert!(one > 20.0 && one < 60.0, "{one}");
        assert!(f.text_width("Trust and faith", 14.0) > one);
        assert!((f.text_width("Trust", 28.0) - 2.0 * one).abs() < 1e-9);
        assert_eq!(f.text_width("", 14.0), 0.0);
    }

    #[test]
    fn ascii_and_other_characters_measure_as_the_font_says() {
        let f = LabelFont::bundled();
        for text in ["Trust", "Confiança & faith — ✓", "\u{1F600} ~", "é"] {
            let by_font: f64 = text.chars().map(|c| advance(&f.face, c)).sum();
            assert_eq!(f.text_width(text, f.units_per_em), by_font, "{text}");
        }
        // A character the font lacks measures as `?`.
        assert_eq!(f.text_width("\u{10FFFF}", 10.0), f.text_width("?", 10.0));
    }
}
