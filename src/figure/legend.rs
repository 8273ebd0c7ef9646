//! The legend: what a box, an ellipse and a double ellipse stand for (and,
//! when the web has them, the link marks), placed where it covers nothing.

use super::geometry::{Point, Rect};
use super::link_figure::{FigureLink, PolarityMark};
use super::link_geometry::{Arrowhead, LinkPath};
use super::node_figure::FigureNode;
use super::style::{FigureStyle, Rgba};
use super::text_line::TextLine;
use super::NodeShape;
use crate::model::{NodeKind, Polarity};

/// One row of the legend: a sample and what it means.
#[derive(Debug, Clone, PartialEq)]
pub enum LegendSample {
    /// A small node of the kind, drawn like every node (no label).
    Node(FigureNode),
    /// A short link, drawn like every link.
    Link(FigureLink),
}

/// A row of the legend.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    pub sample: LegendSample,
    pub text: TextLine,
}

/// The legend: a framed list of samples and their meanings.
#[derive(Debug, Clone, PartialEq)]
pub struct Legend {
    /// The frame, drawn with `frame_stroke` and filled with `frame_fill`.
    pub frame: Rect,
    pub frame_fill: Rgba,
    pub frame_stroke: Rgba,
    pub frame_width: f64,
    pub entries: Vec<LegendEntry>,
}

const SAMPLE_WIDTH: f64 = 46.0;
const SAMPLE_HEIGHT: f64 = 24.0;
const PADDING: f64 = 9.0;
const ROW_GAP: f64 = 6.0;
const TEXT_GAP: f64 = 9.0;
/// Free space kept between the legend and the web.
const CLEARANCE: f64 = 12.0;

/// How the legend's entries are arranged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LegendArrangement {
    /// One entry under the other.
    Column,
    /// All entries side by side, for a legend under a wide web.
    Row,
}

/// Space between two entries side by side.
const ENTRY_GAP: f64 = 20.0;

impl Legend {
    /// The legend for a web with nodes of these kinds and links of these
    /// polarities (an entry for each kind and polarity drawn), its top left
    /// at the origin (see [`Legend::moved_to`]).
    pub fn new(
        kinds: &[NodeKind],
        polarities: &[Polarity],
        style: &FigureStyle,
        arrangement: LegendArrangement,
    ) -> Legend {
        let mut rows: Vec<(Sample, &str)> = [
            (NodeKind::Context, "Context"),
            (NodeKind::Mechanism, "Mechanism"),
            (NodeKind::Outcome, "Outcome"),
        ]
        .into_iter()
        .filter(|(kind, _)| kinds.contains(kind))
        .map(|(kind, name)| (Sample::Kind(kind), name))
        .collect();
        if !polarities.is_empty() {
            rows.push((Sample::Polarity(Polarity::Positive), "Positive link"));
        }
        if polarities.contains(&Polarity::Negative) {
            rows.push((Sample::Polarity(Polarity::Negative), "Negative link"));
        }
        if polarities.contains(&Polarity::Unclear) {
            rows.push((Sample::Polarity(Polarity::Unclear), "Unclear or mixed link"));
        }
        let font_size = style.legend_font_size;
        let row_height = SAMPLE_HEIGHT.max(font_size * 1.3);
        let mut entries = Vec::new();
        let (mut x, mut y) = (PADDING, PADDING);
        let (mut right, mut bottom): (f64, f64) = (0.0, 0.0);
        for (sample, text) in rows {
            let middle = y + row_height / 2.0;
            let centre = Point::new(x + SAMPLE_WIDTH / 2.0, middle);
            let text = TextLine::left_aligned(
                text,
                x + SAMPLE_WIDTH + TEXT_GAP,
                TextLine::baseline_centring(middle, font_size),
                font_size,
            );
            right = right.max(text.extent().max.x);
            bottom = bottom.max(y + row_height);
            match arrangement {
                LegendArrangement::Column => y += row_height + ROW_GAP,
                LegendArrangement::Row => x = text.extent().max.x + ENTRY_GAP,
            }
            entries.push(LegendEntry {
                sample: sample.draw(centre, style),
                text,
            });
        }
        let frame = Rect::from_min_max(
            Point::new(0.0, 0.0),
            Point::new(right + PADDING, bottom + PADDING),
        );
        Legend {
            frame,
            frame_fill: style.background,
            frame_stroke: Rgba::rgb(0x99, 0x99, 0x99),
            // As thick as the links: a thinner frame would be the first
            // line to fall below what journals accept when the figure is
            // printed small.
            frame_width: style.link_width,
            entries,
        }
    }

    /// The legend moved so that its frame's top left is at `corner`.
    pub fn moved_to(mut self, corner: Point) -> Legend {
        let d = self.frame.min.to(corner);
        let shift = |p: &mut Point| *p = p.plus(d, 1.0);
        let shift_text = |t: &mut TextLine| {
            t.x += d.x;
            t.baseline += d.y;
        };
        shift(&mut self.frame.min);
        shift(&mut self.frame.max);
        for entry in &mut self.entries {
            shift_text(&mut entry.text);
            match &mut entry.sample {
                LegendSample::Node(node) => {
                    shift(&mut node.centre);
                    node.text.iter_mut().for_each(shift_text);
                }
                LegendSample::Link(link) => {
                    link.path = link.path.shifted(d);
                    shift(&mut link.arrowhead.tip);
                    shift(&mut link.arrowhead.left);
                    shift(&mut link.arrowhead.right);
                    if let Some(mark) = &mut link.mark {
                        shift(&mut mark.centre);
                        shift_text(&mut mark.text);
                    }
                }
            }
        }
        self
    }

    /// Everything the legend covers.
    pub fn bounds(&self) -> Rect {
        self.frame.expand(self.frame_width / 2.0)
    }

    /// The legend of a web with these link polarities, placed where it
    /// covers no node and no link: in a free corner inside the web's bounds
    /// if there is one (as a column, else as a row), else under the web,
    /// as a row or else a column no wider than the web (a figure is printed
    /// at a set width, so a legend that widened it would shrink everything),
    /// else beside a web narrower than the legend (a row below a wide web,
    /// a column right of a tall one).
    pub fn placed(
        polarities: &[Polarity],
        style: &FigureStyle,
        web: Rect,
        nodes: &[FigureNode],
        links: &[FigureLink],
    ) -> Legend {
        let kinds: Vec<NodeKind> = NodeKind::ALL
            .into_iter()
            .filter(|&kind| nodes.iter().any(|n| n.kind == kind))
            .collect();
        let free = |r: Rect| {
            let r = r.expand(CLEARANCE);
            !nodes.iter().any(|n| n.bounds().overlaps(&r))
                && !links.iter().any(|l| link_crosses(l, &r))
        };
        for arrangement in [LegendArrangement::Column, LegendArrangement::Row] {
            let legend = Legend::new(&kinds, polarities, style, arrangement);
            let (w, h) = (legend.frame.width(), legend.frame.height());
            if w > web.width() || h > web.height() {
                continue;
            }
            let corners = [
                Point::new(web.max.x - w, web.max.y - h),
                Point::new(web.min.x, web.max.y - h),
                Point::new(web.max.x - w, web.min.y),
                Point::new(web.min.x, web.min.y),
            ];
            if let Some(corner) = corners
                .into_iter()
                .find(|c| free(Rect::from_min_max(*c, Point::new(c.x + w, c.y + h))))
            {
                return legend.moved_to(corner);
            }
        }
        let below = Point::new(web.min.x, web.max.y + 2.0 * CLEARANCE);
        for arrangement in [LegendArrangement::Row, LegendArrangement::Column] {
            let legend = Legend::new(&kinds, polarities, style, arrangement);
            if legend.frame.width() <= web.width() {
                return legend.moved_to(below);
            }
        }
        if web.width() >= web.height() {
            Legend::new(&kinds, polarities, style, LegendArrangement::Row)
                .moved_to(Point::new(web.min.x, web.max.y + 2.0 * CLEARANCE))
        } else {
            let legend = Legend::new(&kinds, polarities, style, LegendArrangement::Column);
            let h = legend.frame.height();
            legend.moved_to(Point::new(web.max.x + 2.0 * CLEARANCE, web.max.y - h))
        }
    }
}

/// Whether any part of the link (line, head, mark) enters `r`.
fn link_crosses(link: &FigureLink, r: &Rect) -> bool {
    if !link.bounds().overlaps(r) {
        return false;
    }
    let points = link.path.polyline(16);
    points.windows(2).any(|s| r.meets_segment(s[0], s[1]))
        || link
            .arrowhead
            .polygon()
            .iter()
            .any(|p| r.contains_rect(&Rect::from_min_max(*p, *p)))
        || link.mark.as_ref().is_some_and(|m| m.bounds().overlaps(r))
        || r.meets_segment(link.path.end, link.arrowhead.tip)
}

/// What a legend row shows.
enum Sample {
    Kind(NodeKind),
    Polarity(Polarity),
}

impl Sample {
    fn draw(&self, centre: Point, style: &FigureStyle) -> LegendSample {
        match *self {
            Sample::Kind(kind) => {
                let (width, height) = match kind {
                    NodeKind::Context => (SAMPLE_WIDTH - 6.0, SAMPLE_HEIGHT - 4.0),
                    _ => (SAMPLE_WIDTH, SAMPLE_HEIGHT),
                };
                let shape = NodeShape {
                    kind,
                    width,
                    height,
                    lines: Vec::new(),
                    line_widths: Vec::new(),
                    font_size: style.label.font_size,
                    line_height: style.label.line_height,
                };
                let mut node = FigureNode::new("", shape, centre, style);
                node.corner_radius = node.corner_radius.min(4.0);
                if let Some(gap) = &mut node.double_outline {
                    *gap = gap.min(3.0);
                }
                LegendSample::Node(node)
            }
            Sample::Polarity(polarity) => {
                let start = Point::new(centre.x - SAMPLE_WIDTH / 2.0, centre.y);
                let tip = Point::new(centre.x + SAMPLE_WIDTH / 2.0, centre.y);
                let base = tip.x - style.arrow_length;
                LegendSample::Link(FigureLink {
                    id: String::new(),
                    source: String::new(),
                    target: String::new(),
                    polarity,
                    path: LinkPath::straight(
                        start,
                        Point::new(tip.x - 0.7 * style.arrow_length, tip.y),
                    ),
                    arrowhead: Arrowhead {
                        tip,
                        left: Point::new(base, tip.y - style.arrow_width / 2.0),
                        right: Point::new(base, tip.y + style.arrow_width / 2.0),
                    },
                    colour: style.link_colour,
                    width: style.link_width,
                    mark: PolarityMark::of(
                        polarity,
                        Point::new(centre.x - style.arrow_length / 2.0, centre.y),
                        style.mark_font_size,
                        style.background,
                    ),
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_legend_lists_the_kinds_and_only_the_polarities_present() {
        let style = FigureStyle::default();
        let texts =
            |l: &Legend| -> Vec<String> { l.entries.iter().map(|e| e.text.text.clone()).collect() };
        let all = NodeKind::ALL;
        let l = Legend::new(&all, &[], &style, LegendArrangement::Column);
        assert_eq!(texts(&l), ["Context", "Mechanism", "Outcome"]);
        // Only the kinds drawn: a part of mechanisms explains ellipses alone.
        let only = Legend::new(&[NodeKind::Mechanism], &[], &style, LegendArrangement::Row);
        assert_eq!(texts(&only), ["Mechanism"]);
        let row = Legend::new(&all, &[], &style, LegendArrangement::Row);
        assert_eq!(texts(&row), texts(&l));
        assert!(row.frame.width() > l.frame.width() && row.frame.height() < l.frame.height());
        for pair in row.entries.windows(2) {
            assert!(pair[0].text.extent().max.x < pair[1].text.extent().min.x);
        }
        let l = Legend::new(
            &all,
            &[Polarity::Positive, Polarity::Unclear],
            &style,
            LegendArrangement::Column,
        );
        assert_eq!(
            texts(&l),
            [
                "Context",
                "Mechanism",
                "Outcome",
                "Positive link",
                "Unclear or mixed link"
            ]
        );
        for e in &l.entries {
            assert!(l.frame.contains_rect(&e.text.extent()));
        }
        let moved = l.clone().moved_to(Point::new(100.0, 50.0));
        assert_eq!(moved.frame.min, Point::new(100.0, 50.0));
        assert_eq!(moved.entries[0].text.x, l.entries[0].text.x + 100.0);
    }

    #[test]
    fn a_legend_with_no_free_corner_goes_under_the_web_without_widening_it() {
        use crate::figure::Figure;
        use crate::model::{Link, Node, Project};
        let style = FigureStyle::default();
        let contexts = [NodeKind::Context];
        let row = Legend::new(
            &contexts,
            &[Polarity::Positive],
            &style,
            LegendArrangement::Row,
        );
        let column = Legend::new(
            &contexts,
            &[Polarity::Positive],
            &style,
            LegendArrangement::Column,
        );
        // Two linked boxes side by side: no corner holds the legend.
        for gap in [
            column.frame.width() + 50.0,
            (column.frame.width() + row.frame.width()) / 2.0,
            row.frame.width() + 50.0,
        ] {
            let project = Project {
                nodes: vec![
                    Node::new("a", "Quick wins", NodeKind::Context),
                    Node::new("b", "Trust", NodeKind::Context),
                ],
                links: vec![Link::new("l", "a", "b")],
                ..Project::default()
            };
            let f = Figure::build(
                &project,
                &style,
                &[Point::new(0.0, 0.0), Point::new(gap, 0.0)],
            );
            let web = f.nodes[0].bounds().union(f.nodes[1].bounds());
            let legend = f.legend.as_ref().unwrap().bounds();
            assert!(legend.min.y > web.max.y, "{gap}: under the web");
            assert!(
                legend.min.x >= web.min.x - 1.0 && legend.max.x <= web.max.x + 1.0,
                "{gap}: {legend:?} within the width of {web:?}"
            );
            let entries = &f.legend.as_ref().unwrap().entries;
            let side_by_side = entries[0].text.baseline == entries[entries.len() - 1].text.baseline;
            assert_eq!(side_by_side, row.frame.width() <= web.width(), "{gap}");
        }
    }
}
