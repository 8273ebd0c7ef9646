//! How a figure looks: colours, line widths, arrowheads, what is shown.
//! Plain values, no GUI types, so the canvas and every exporter share them.

use super::{LabelStyle, Point};
use crate::model::NodeKind;

/// A colour with straight (not premultiplied) alpha, 0–255 per channel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgba {
    pub r: u8,
    pub g: u8,
    pub b: u8,
    pub a: u8,
}

impl Rgba {
    /// An opaque colour.
    pub const fn rgb(r: u8, g: u8, b: u8) -> Self {
        Rgba { r, g, b, a: 255 }
    }

    /// Opaque white.
    pub const WHITE: Rgba = Rgba::rgb(255, 255, 255);
    /// Opaque black.
    pub const BLACK: Rgba = Rgba::rgb(0, 0, 0);

    /// The colour as `#rrggbb`, alpha left out (see [`Rgba::opacity`]).
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Alpha as a fraction, 0 to 1.
    pub fn opacity(&self) -> f64 {
        f64::from(self.a) / 255.0
    }
}

/// How the nodes of one kind are drawn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KindStyle {
    pub fill: Rgba,
    pub stroke: Rgba,
    /// Width of the outline, in canvas units.
    pub stroke_width: f64,
    /// A second outline this far inside the first (outcomes); `None` for one outline.
    pub double_outline: Option<f64>,
    /// Radius of a box's rounded corners (contexts only).
    pub corner_radius: f64,
}

/// Everything that decides how a web is drawn. Sizes are in canvas units;
/// at the natural size of a figure, 1 unit is 1/96 inch.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureStyle {
    /// How labels are wrapped and set inside shapes.
    pub label: LabelStyle,
    pub context: KindStyle,
    pub mechanism: KindStyle,
    pub outcome: KindStyle,
    /// Colour of label text, the title and the legend.
    pub text: Rgba,
    pub link_colour: Rgba,
    /// Width of a link's line.
    pub link_width: f64,
    /// Length of an arrowhead along the link, and its full width across it.
    pub arrow_length: f64,
    pub arrow_width: f64,
    /// How far a link between two nodes that are linked both ways bends
    /// away from the straight line, as a fraction of its length (at most
    /// [`FigureStyle::max_bend`]).
    pub reciprocal_bend: f64,
    pub max_bend: f64,
    /// Whether a link that would pass behind a shape other than its ends
    /// goes round the shapes instead ([`super::LinkRouter`]).
    pub route_links: bool,
    /// Font size of the polarity marks (`−`, `?`) drawn on links.
    pub mark_font_size: f64,
    /// Background of the figure (and of polarity marks and the legend).
    pub background: Rgba,
    /// Whether the figure has a legend of the node kinds (and link polarities).
    pub legend: bool,
    /// Font size of the legend's text.
    pub legend_font_size: f64,
    /// A title above the web; `None` for none.
    pub title: Option<String>,
    pub title_font_size: f64,
    /// Empty space around everything drawn.
    pub margin: f64,
}

impl Default for FigureStyle {
    fn default() -> Self {
        FigureStyle {
            label: LabelStyle::default(),
            context: KindStyle {
                fill: Rgba::rgb(0xe8, 0xef, 0xf8),
                stroke: Rgba::rgb(0x2b, 0x4c, 0x7e),
                stroke_width: 1.5,
                double_outline: None,
                corner_radius: 6.0,
            },
            mechanism: KindStyle {
                fill: Rgba::rgb(0xfd, 0xf3, 0xdc),
                stroke: Rgba::rgb(0x8a, 0x5a, 0x00),
                stroke_width: 1.5,
                double_outline: None,
                corner_radius: 0.0,
            },
            outcome: KindStyle {
                fill: Rgba::rgb(0xe4, 0xf3, 0xe4),
                stroke: Rgba::rgb(0x1f, 0x6b, 0x2a),
                stroke_width: 1.5,
                double_outline: Some(3.5),
                corner_radius: 0.0,
            },
            text: Rgba::rgb(0x1a, 0x1a, 0x1a),
            link_colour: Rgba::rgb(0x40, 0x40, 0x40),
            link_width: 1.5,
            arrow_length: 11.0,
            arrow_width: 8.0,
            reciprocal_bend: 0.12,
            max_bend: 40.0,
            route_links: true,
            mark_font_size: 13.0,
            background: Rgba::WHITE,
            legend: true,
            legend_font_size: 13.0,
            title: None,
            title_font_size: 20.0,
            margin: 16.0,
        }
    }
}

impl FigureStyle {
    /// How far a link between nodes centred at `from` and `to` bends to
    /// its right when its reverse also exists.
    pub fn reciprocal_bend_between(&self, from: Point, to: Point) -> f64 {
        (self.reciprocal_bend * from.distance(to)).min(self.max_bend)
    }

    /// The style of the nodes of `kind`.
    pub fn kind(&self, kind: NodeKind) -> &KindStyle {
        match kind {
            NodeKind::Context => &self.context,
            NodeKind::Mechanism => &self.mechanism,
            NodeKind::Outcome => &self.outcome,
        }
    }

    /// The thinnest line drawn: outlines and links.
    pub fn thinnest_line(&self) -> f64 {
        [
            self.link_width,
            self.context.stroke_width,
            self.mechanism.stroke_width,
            self.outcome.stroke_width,
        ]
        .into_iter()
        .fold(f64::INFINITY, f64::min)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_write_as_hex_and_outcomes_have_a_double_outline() {
        assert_eq!(Rgba::rgb(0x2b, 0x4c, 0x7e).hex(), "#2b4c7e");
        assert_eq!(Rgba::WHITE.opacity(), 1.0);
        let s = FigureStyle::default();
        assert!(s.kind(NodeKind::Outcome).double_outline.is_some());
        assert!(s.kind(NodeKind::Mechanism).double_outline.is_none());
        assert_eq!(s.thinnest_line(), 1.5);
    }
}
