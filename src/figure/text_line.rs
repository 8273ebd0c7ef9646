//! A line of text placed in the figure.

use super::geometry::{Point, Rect};
use super::LabelFont;

/// One line of text, centred on `x`, sitting on `baseline`, set in the
/// bundled font.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub text: String,
    /// Horizontal centre of the line.
    pub x: f64,
    pub baseline: f64,
    /// Width as measured with the bundled font.
    pub width: f64,
    pub font_size: f64,
}

impl TextLine {
    /// `text` centred at `x` on `baseline`, measured with the bundled font.
    pub fn centred(text: impl Into<String>, x: f64, baseline: f64, font_size: f64) -> Self {
        let text = text.into();
        let width = LabelFont::bundled().text_width(&text, font_size);
        TextLine {
            text,
            x,
            baseline,
            width,
            font_size,
        }
    }

    /// `text` whose left end is at `left`, on `baseline`.
    pub fn left_aligned(text: impl Into<String>, left: f64, baseline: f64, font_size: f64) -> Self {
        let mut line = TextLine::centred(text, 0.0, baseline, font_size);
        line.x = left + line.width / 2.0;
        line
    }

    /// The baseline that centres a line of `font_size` text vertically on `y`.
    pub fn baseline_centring(y: f64, font_size: f64) -> f64 {
        let font = LabelFont::bundled();
        y + (font.ascent(font_size) - font.descent(font_size)) / 2.0
    }

    /// The box the line's glyphs can cover: its advance width, from the
    /// font's ascent above the baseline to its descent below.
    pub fn extent(&self) -> Rect {
        let font = LabelFont::bundled();
        Rect::from_min_max(
            Point::new(
                self.x - self.width / 2.0,
                self.baseline - font.ascent(self.font_size),
            ),
            Point::new(
                self.x + self.width / 2.0,
                self.baseline + font.descent(self.font_size),
            ),
        )
    }
}
