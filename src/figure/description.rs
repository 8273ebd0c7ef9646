//! The figure: everything drawn for a web, computed once from the project,
//! a style and the node positions. The editor's canvas and every exporter
//! draw this same description.

use std::collections::{HashMap, HashSet};

use super::end_spread::EndSpreader;
use super::geometry::{Point, Rect};
use super::legend::Legend;
use super::line_grid::LinkLines;
use super::link_figure::FigureLink;
use super::link_geometry::{drawn_link_geometry, LinkEnd, LinkGeometry, LinkShapeStyle};
use super::link_routing::{LinkRouter, RouteRequest};
use super::mark_placement::{placed_mark, PlacedMarks};
use super::node_figure::FigureNode;
use super::node_geometry::wrap;
use super::shape_grid::ShapeGrid;
use super::style::{FigureStyle, Rgba};
use super::text_line::TextLine;
use super::{node_shape, FONT_FAMILY};
use crate::model::{Link, Polarity, Project};

/// Everything drawn for a web, in drawing order: links under nodes, then
/// the legend and the title.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// One per node of the project, in the project's order.
    pub nodes: Vec<FigureNode>,
    /// One per link whose two ends exist, in the project's order.
    pub links: Vec<FigureLink>,
    pub legend: Option<Legend>,
    /// The title's lines, wrapped to the width of the web and legend (a
    /// title never widens the figure, which would shrink its text when
    /// printed at a set width); none without a title.
    pub title: Vec<TextLine>,
    pub text_colour: Rgba,
    pub background: Rgba,
    /// The family of the bundled font every text is set in.
    pub font_family: &'static str,
    /// Everything drawn, with the style's margin around it.
    pub bounds: Rect,
}

/// Space between the title's descent and the web.
const TITLE_GAP: f64 = 14.0;

/// Distance between the baselines of a title's lines, in font sizes.
const TITLE_LINE_HEIGHT: f64 = 1.25;

/// The title's lines above `drawn` (the web and legend), centred over it
/// and wrapped to its width (to a dozen letters' at least); a word longer
/// than that (a URL, a DOI) is broken where it reaches the width, so that
/// no title widens the figure.
fn title_lines(text: &str, drawn: Rect, font_size: f64) -> Vec<TextLine> {
    let font = super::LabelFont::bundled();
    let width = drawn.width().max(12.0 * font_size);
    let measure = |line: &str| font.text_width(line, font_size);
    let lines: Vec<String> = wrap(text, width, measure)
        .into_iter()
        .flat_map(|line| broken_to_width(line, width, measure))
        .collect();
    let last = drawn.min.y - TITLE_GAP - font.descent(font_size);
    let n = lines.len();
    lines
        .into_iter()
        .enumerate()
        .map(|(i, line)| {
            let above = (n - 1 - i) as f64 * TITLE_LINE_HEIGHT * font_size;
            TextLine::centred(line, drawn.centre().x, last - above, font_size)
        })
        .collect()
}

/// `line` in pieces no wider than `width` (each of one character at least),
/// broken between characters: `line` itself when it fits.
fn broken_to_width(line: String, width: f64, measure: impl Fn(&str) -> f64) -> Vec<String> {
    if measure(&line) <= width {
        return vec![line];
    }
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in line.chars() {
        piece.push(c);
        if measure(&piece) > width && piece.chars().count() > 1 {
            piece.pop();
            pieces.push(std::mem::replace(&mut piece, c.to_string()));
        }
    }
    pieces.push(piece);
    pieces
}

impl Figure {
    /// The figure of `project` drawn in `style`, with node `i` centred at
    /// `positions[i]`. A node past the end of `positions` stands at its
    /// saved position, or at the origin if it has none.
    pub fn build(project: &Project, style: &FigureStyle, positions: &[Point]) -> Figure {
        let nodes: Vec<FigureNode> = project
            .nodes
            .iter()
            .enumerate()
            .map(|(i, node)| {
                let centre = positions.get(i).copied().unwrap_or_else(|| {
                    let (x, y) = node.position().unwrap_or((0.0, 0.0));
                    Point::new(x, y)
                });
                let shape = node_shape(&node.label, node.kind, &style.label);
                FigureNode::new(&node.id, shape, centre, style)
            })
            .collect();
        let links = figure_links(project, &nodes, style);

        let web = nodes
            .iter()
            .map(FigureNode::bounds)
            .chain(links.iter().map(FigureLink::bounds))
            .reduce(Rect::union)
            .unwrap_or_else(|| Rect::from_centre_size(Point::default(), 0.0, 0.0));
        let legend = style.legend.then(|| {
            let polarities: Vec<Polarity> = links.iter().map(|l| l.polarity).collect();
            Legend::placed(&polarities, style, web, &nodes, &links)
        });
        let drawn = legend.as_ref().map_or(web, |l| web.union(l.bounds()));
        let title = match style.title.as_deref().map(str::trim) {
            Some(text) if !text.is_empty() => title_lines(text, drawn, style.title_font_size),
            _ => Vec::new(),
        };
        let drawn = title.iter().fold(drawn, |d, t| d.union(t.extent()));
        Figure {
            nodes,
            links,
            legend,
            title,
            text_colour: style.text,
            background: style.background,
            font_family: FONT_FAMILY,
            bounds: drawn.expand(style.margin),
        }
    }

    /// Every line of text in the figure: labels, marks, legend, title.
    pub fn texts(&self) -> Vec<&TextLine> {
        let mut texts: Vec<&TextLine> = Vec::new();
        texts.extend(self.nodes.iter().flat_map(|n| &n.text));
        texts.extend(
            self.links
                .iter()
                .filter_map(|l| l.mark.as_ref().map(|m| &m.text)),
        );
        if let Some(legend) = &self.legend {
            texts.extend(legend.entries.iter().map(|e| &e.text));
        }
        texts.extend(&self.title);
        texts
    }

    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&FigureNode> {
        self.nodes.iter().find(|n| n.id == id)
    }
}

/// The links between existing nodes. A link whose reverse also exists bends
/// to its right, so that the two stay apart.
fn figure_links(project: &Project, nodes: &[FigureNode], style: &FigureStyle) -> Vec<FigureLink> {
    let index: HashMap<&str, usize> = nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let pairs: HashSet<(&str, &str)> = project
        .links
        .iter()
        .map(|l| (l.source.as_str(), l.target.as_str()))
        .collect();
    let shape_style = LinkShapeStyle {
        arrow_length: style.arrow_length,
        arrow_width: style.arrow_width,
    };
    // Marks keep clear of the shapes where they can; links that would pass
    // behind a shape go round.
    let boxes: Vec<Rect> = nodes.iter().map(FigureNode::bounds).collect();
    let router = if style.route_links {
        LinkRouter::new(&boxes)
    } else {
        None
    };
    let straight = router.is_none().then(|| EndSpreader::new(&boxes));
    let shapes = ShapeGrid::new(boxes);
    // The links between existing nodes, with their ends' indices and how
    // far each bends (a pair of reciprocal links bends apart, unless a
    // shape is in the way of a bend: [`LinkRouter::route_link`]).
    let drawn: Vec<(&Link, usize, usize, Option<f64>)> = project
        .links
        .iter()
        .filter_map(|link| {
            let s = *index.get(link.source.as_str())?;
            let t = *index.get(link.target.as_str())?;
            let reciprocal = pairs.contains(&(link.target.as_str(), link.source.as_str()));
            let bend =
                reciprocal.then(|| style.reciprocal_bend_between(nodes[s].centre, nodes[t].centre));
            Some((link, s, t, bend))
        })
        .collect();
    let requests: Vec<RouteRequest> = drawn
        .iter()
        .map(|&(_, s, t, bend)| RouteRequest {
            source: s,
            from: nodes[s].centre,
            target: t,
            to: nodes[t].centre,
            reciprocal_bend: bend,
        })
        .collect();
    // Straight links too leave and reach their shapes apart.
    let routes = match (&router, &straight) {
        (Some(r), _) => r.routes(&requests),
        (None, Some(s)) => s.straight_routes(&requests),
        (None, None) => vec![None; requests.len()],
    };
    let geometries: Vec<LinkGeometry> = drawn
        .iter()
        .zip(routes)
        .map(|(&(_, s, t, bend), route)| {
            let (source, target) = (&nodes[s], &nodes[t]);
            let ends = (
                LinkEnd {
                    centre: source.centre,
                    shape: &source.shape,
                },
                LinkEnd {
                    centre: target.centre,
                    shape: &target.shape,
                },
            );
            drawn_link_geometry(
                ends.0,
                ends.1,
                route.as_ref(),
                bend.unwrap_or(0.0),
                shape_style,
            )
        })
        .collect();
    // Marks keep off the other links' lines and apart from the marks placed
    // before them, where they can.
    let lines = LinkLines::new(
        drawn
            .iter()
            .zip(&geometries)
            .map(|(&(_, s, t, _), g)| ((s, t), &g.path)),
    );
    let mut taken = PlacedMarks::default();
    drawn
        .into_iter()
        .zip(geometries)
        .map(|((link, s, t, _), g)| {
            let mark = placed_mark(
                link.polarity,
                (&g.path, (s, t)),
                g.middle,
                style,
                Some(&shapes),
                &lines,
                &mut taken,
            );
            FigureLink {
                id: link.id.clone(),
                source: link.source.clone(),
                target: link.target.clone(),
                polarity: link.polarity,
                path: g.path,
                arrowhead: g.arrowhead,
                colour: style.link_colour,
                width: style.link_width,
                mark,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Link, Node, NodeKind};

    fn web() -> Project {
        let unclear = Link {
            polarity: Polarity::Unclear,
            ..Link::new("l3", "o", "m")
        };
        Project {
            nodes: vec![
                Node::new("c", "Voluntary arrangement", NodeKind::Context),
                Node::new("m", "Trust", NodeKind::Mechanism),
                Node::new("o", "Collaborative behaviour", NodeKind::Outcome),
            ],
            links: vec![
                Link::new("l1", "c", "m"),
                Link::new("l2", "m", "o"),
                unclear,
            ],
            ..Project::default()
        }
    }

    fn positions() -> Vec<Point> {
        vec![
            Point::new(0.0, 0.0),
            Point::new(250.0, 0.0),
            Point::new(500.0, 100.0),
        ]
    }

    #[test]
    fn nodes_stand_at_their_positions_with_their_kind_style() {
        let style = FigureStyle::default();
        let f = Figure::build(&web(), &style, &positions());
        assert_eq!(f.nodes.len(), 3);
        assert_eq!(f.nodes[1].centre, Point::new(250.0, 0.0));
        assert_eq!(f.nodes[0].fill, style.context.fill);
        assert!(f.nodes[0].corner_radius > 0.0);
        assert!(f.nodes[2].double_outline.is_some());
        assert_eq!(f.nodes[1].text[0].text, "Trust");
        assert!(f.nodes[0]
            .rect()
            .contains_rect(&f.nodes[0].text[0].extent()));
    }

    #[test]
    fn reciprocal_links_bend_apart_and_only_unclear_ones_carry_a_mark() {
        let f = Figure::build(&web(), &FigureStyle::default(), &positions());
        assert!(f.links[0].path.control.is_none());
        assert!(f.links[1].path.control.is_some() && f.links[2].path.control.is_some());
        assert!(f.links[1].mark.is_none());
        assert_eq!(f.links[2].mark.as_ref().unwrap().text.text, "?");
        let (a, b) = (f.links[1].path.point_at(0.5), f.links[2].path.point_at(0.5));
        assert!(a.distance(b) > 10.0);
    }

    #[test]
    fn bounds_hold_everything_drawn_including_legend_and_title() {
        let style = FigureStyle {
            title: Some("A <web> & \"its\" title".into()),
            ..FigureStyle::default()
        };
        let f = Figure::build(&web(), &style, &positions());
        assert!(f.legend.is_some());
        assert_eq!(f.title.len(), 1);
        for t in f.texts() {
            assert!(f.bounds.contains_rect(&t.extent()), "{}", t.text);
        }
        for n in &f.nodes {
            assert!(f
                .bounds
                .contains_rect(&n.bounds().expand(style.margin - 1e-6)));
        }
        for l in &f.links {
            assert!(f.bounds.contains_rect(&l.bounds()));
        }
        let legend = f.legend.as_ref().unwrap();
        assert!(f.bounds.contains_rect(&legend.bounds()));
        for n in &f.nodes {
            assert!(!n.bounds().overlaps(&legend.bounds()), "{}", n.id);
        }
        let no_legend = FigureStyle {
            legend: false,
            ..FigureStyle::default()
        };
        assert!(Figure::build(&web(), &no_legend, &positions())
            .legend
            .is_none());
    }

    #[test]
    fn links_to_missing_nodes_are_left_out_and_an_empty_web_builds() {
        let mut p = web();
        p.links.push(Link::new("bad", "c", "nowhere"));
        assert_eq!(
            Figure::build(&p, &FigureStyle::default(), &positions())
                .links
                .len(),
            3
        );
        let f = Figure::build(&Project::default(), &FigureStyle::default(), &[]);
        assert!(f.nodes.is_empty() && f.bounds.width() > 0.0);
    }
}
