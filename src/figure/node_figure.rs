//! A node as drawn: its shape, colours and label lines.

use super::geometry::{Point, Rect};
use super::style::{FigureStyle, Rgba};
use super::text_line::TextLine;
use super::NodeShape;
use crate::model::NodeKind;

/// A node as drawn: a rounded box (context) or an ellipse (mechanism,
/// outcome) centred on `centre`, with its label set inside.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureNode {
    pub id: String,
    pub kind: NodeKind,
    pub centre: Point,
    /// Size and wrapped label; the outline runs along this shape's border.
    pub shape: NodeShape,
    pub fill: Rgba,
    pub stroke: Rgba,
    pub stroke_width: f64,
    /// A second outline this far inside the first (outcomes).
    pub double_outline: Option<f64>,
    /// Radius of a box's corners (0 for ellipses).
    pub corner_radius: f64,
    /// The label's lines, placed.
    pub text: Vec<TextLine>,
    pub text_colour: Rgba,
}

impl FigureNode {
    /// The label as drawn: its lines joined by spaces.
    pub fn label(&self) -> String {
        let lines: Vec<&str> = self.text.iter().map(|l| l.text.as_str()).collect();
        lines.join(" ")
    }

    /// The node of `kind` with this shape at `centre`, styled by `style`.
    pub fn new(id: &str, shape: NodeShape, centre: Point, style: &FigureStyle) -> Self {
        let kind_style = style.kind(shape.kind);
        let top = centre.y - shape.text_height() / 2.0;
        let text = shape
            .lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let middle = top + (i as f64 + 0.5) * shape.line_height;
                TextLine::centred(
                    line.clone(),
                    centre.x,
                    TextLine::baseline_centring(middle, shape.font_size),
                    shape.font_size,
                )
            })
            .collect();
        FigureNode {
            id: id.to_string(),
            kind: shape.kind,
            centre,
            fill: kind_style.fill,
            stroke: kind_style.stroke,
            stroke_width: kind_style.stroke_width,
            double_outline: kind_style.double_outline,
            corner_radius: if shape.kind == NodeKind::Context {
                kind_style.corner_radius
            } else {
                0.0
            },
            text,
            text_colour: style.text,
            shape,
        }
    }

    /// The shape's box, without its outline.
    pub fn rect(&self) -> Rect {
        Rect::from_centre_size(self.centre, self.shape.width, self.shape.height)
    }

    /// Everything the node covers, its outline included.
    pub fn bounds(&self) -> Rect {
        let mut r = self.rect().expand(self.stroke_width / 2.0);
        for line in &self.text {
            r = r.union(line.extent());
        }
        r
    }

    /// The inner outline of a double-outlined node: its size (width, height).
    pub fn inner_outline_size(&self) -> Option<(f64, f64)> {
        self.double_outline.map(|gap| {
            (
                (self.shape.width - 2.0 * gap).max(1.0),
                (self.shape.height - 2.0 * gap).max(1.0),
            )
        })
    }
}
