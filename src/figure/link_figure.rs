//! A link as drawn: its line, arrowhead and polarity mark.

use super::geometry::{Point, Rect};
use super::link_geometry::{Arrowhead, LinkPath};
use super::style::Rgba;
use super::text_line::TextLine;
use crate::model::Polarity;

/// A link as drawn: a line from the source's border to an arrowhead whose
/// tip touches the target's border; a negative or unclear link carries a
/// mark (`−` or `?` in a small circle) at its middle, or nearby along the
/// line where a shape would cover it there ([`super::mark_place`]).
#[derive(Debug, Clone, PartialEq)]
pub struct FigureLink {
    pub id: String,
    pub source: String,
    pub target: String,
    pub polarity: Polarity,
    pub path: LinkPath,
    pub arrowhead: Arrowhead,
    pub colour: Rgba,
    /// Width of the line.
    pub width: f64,
    pub mark: Option<PolarityMark>,
}

/// The mark of a negative (`−`) or unclear (`?`) link: its sign in a circle
/// filled with the background colour.
#[derive(Debug, Clone, PartialEq)]
pub struct PolarityMark {
    pub centre: Point,
    pub radius: f64,
    pub fill: Rgba,
    pub text: TextLine,
}

impl PolarityMark {
    /// The mark of `polarity` centred at `centre`; `None` for a positive link.
    pub fn of(polarity: Polarity, centre: Point, font_size: f64, fill: Rgba) -> Option<Self> {
        let sign = match polarity {
            Polarity::Positive => return None,
            // A true minus sign: as wide as the plus, and never read as a hyphen.
            Polarity::Negative => "\u{2212}",
            Polarity::Unclear => "?",
        };
        Some(PolarityMark {
            centre,
            radius: 0.72 * font_size,
            fill,
            text: TextLine::centred(
                sign,
                centre.x,
                TextLine::baseline_centring(centre.y, font_size),
                font_size,
            ),
        })
    }

    /// The circle's box.
    pub fn bounds(&self) -> Rect {
        Rect::from_centre_size(self.centre, 2.0 * self.radius, 2.0 * self.radius)
            .union(self.text.extent())
    }
}

impl FigureLink {
    /// Everything the link covers: line (with its width), head and mark.
    pub fn bounds(&self) -> Rect {
        let mut r = self.path.bounds().expand(self.width / 2.0);
        for p in self.arrowhead.polygon() {
            r = r.including(p);
        }
        if let Some(mark) = &self.mark {
            r = r.union(mark.bounds().expand(self.width / 2.0));
        }
        r
    }
}
