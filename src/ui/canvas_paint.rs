use std::collections::{HashMap, HashSet};

use egui::{Align2, Color32, FontId, Painter, Pos2, Shape, Stroke, StrokeKind, Vec2};

use crate::figure::NodeShape;
use crate::model::{NodeKind, Polarity, Project};

use super::fonts::label_family;
use super::Selection;

/// What to emphasise: the selection, or everything a selected study supports.
#[derive(Debug, Default)]
pub struct Highlight {
    selected_nodes: HashSet<String>,
    selected_link: Option<String>,
    /// When a study is selected: the nodes and links it supports (the rest is faded).
    study_nodes: Option<HashSet<String>>,
    study_links: HashSet<String>,
}

impl Highlight {
    /// The emphasis that `selection` asks for in `project`.
    pub fn of(project: &Project, selection: &Selection) -> Self {
        let mut h = Highlight::default();
        match selection {
            Selection::Nothing => {}
            Selection::Nodes(ids) => h.selected_nodes = ids.iter().cloned().collect(),
            Selection::Link(id) => h.selected_link = Some(id.clone()),
            Selection::Study(id) => {
                let reach = project.study_reach(id);
                h.study_nodes = Some(reach.nodes.iter().map(|s| s.to_string()).collect());
                h.study_links = reach.links.iter().map(|s| s.to_string()).collect();
            }
        }
        h
    }

    fn node_faded(&self, id: &str) -> bool {
        self.study_nodes.as_ref().is_some_and(|n| !n.contains(id))
    }
}

/// Everything needed to draw the web once.
pub struct WebPicture<'a> {
    pub project: &'a Project,
    /// Node centres as drawn (canvas units).
    pub positions: &'a HashMap<&'a str, (f64, f64)>,
    pub shapes: &'a HashMap<String, (String, NodeKind, NodeShape)>,
    pub highlight: &'a Highlight,
    pub width_by_studies: bool,
}

/// Fill and outline of each kind of node.
fn node_colours(kind: NodeKind) -> (Color32, Color32) {
    match kind {
        NodeKind::Context => (
            Color32::from_rgb(0xdc, 0xe9, 0xf5),
            Color32::from_rgb(0x2f, 0x5d, 0x8a),
        ),
        NodeKind::Mechanism => (
            Color32::from_rgb(0xff, 0xf1, 0xcc),
            Color32::from_rgb(0x8a, 0x6a, 0x1c),
        ),
        NodeKind::Outcome => (
            Color32::from_rgb(0xe1, 0xf0, 0xd8),
            Color32::from_rgb(0x35, 0x6e, 0x2a),
        ),
    }
}

const SELECTED: Color32 = Color32::from_rgb(0xe0, 0x6c, 0x00);
const STUDY: Color32 = Color32::from_rgb(0x8e, 0x2d, 0xb3);
const LINK: Color32 = Color32::from_rgb(0x55, 0x55, 0x55);

fn faded(c: Color32) -> Color32 {
    c.gamma_multiply(0.25)
}

/// Draws links, then nodes, in canvas units mapped by `to_screen` at `zoom`
/// screen points per unit; skips what lies outside the painter's clip rect.
pub fn paint_web(
    painter: &Painter,
    picture: &WebPicture<'_>,
    to_screen: impl Fn(f64, f64) -> Pos2,
    zoom: f32,
) {
    let clip = painter.clip_rect();
    let h = picture.highlight;
    let mut shapes: Vec<Shape> = Vec::new();
    let pairs: HashSet<(&str, &str)> = picture
        .project
        .links
        .iter()
        .map(|l| (l.source.as_str(), l.target.as_str()))
        .collect();
    for link in &picture.project.links {
        let (Some(&s), Some(&t)) = (
            picture.positions.get(link.source.as_str()),
            picture.positions.get(link.target.as_str()),
        ) else {
            continue;
        };
        let (Some((_, _, ss)), Some((_, _, ts))) = (
            picture.shapes.get(&link.source),
            picture.shapes.get(&link.target),
        ) else {
            continue;
        };
        let (dx, dy) = (t.0 - s.0, t.1 - s.1);
        let (bx, by) = ss.border_point(dx, dy);
        let (ex, ey) = ts.border_point(-dx, -dy);
        let mut a = to_screen(s.0 + bx, s.1 + by);
        let mut b = to_screen(t.0 + ex, t.1 + ey);
        // Two links between the same nodes in opposite directions are drawn
        // side by side, not on top of each other.
        if pairs.contains(&(link.target.as_str(), link.source.as_str())) {
            let d = (b - a).normalized();
            let side = Vec2::new(-d.y, d.x) * 4.0 * zoom.clamp(0.5, 2.0);
            a += side;
            b += side;
        }
        if !clip.intersects(egui::Rect::from_two_pos(a, b).expand(8.0)) {
            continue;
        }
        let selected = h.selected_link.as_deref() == Some(link.id.as_str());
        let cited = h.study_links.contains(&link.id);
        let base = if picture.width_by_studies {
            let studies: HashSet<&str> = link.evidence.iter().map(|e| e.study.as_str()).collect();
            1.0 + 0.75 * studies.len().min(8) as f32
        } else {
            1.5
        };
        let colour = if selected {
            SELECTED
        } else if cited {
            STUDY
        } else if h.study_nodes.is_some() {
            faded(LINK)
        } else {
            LINK
        };
        let width = (if selected || cited { base + 1.5 } else { base }) * zoom.clamp(0.3, 2.0);
        let stroke = Stroke::new(width, colour);
        let dir = b - a;
        let len = dir.length();
        if len < 1.0 {
            continue;
        }
        let unit = dir / len;
        let head = (10.0 * zoom.clamp(0.4, 2.0)).min(len * 0.6);
        let base_point = b - unit * head;
        if link.polarity == Polarity::Unclear {
            shapes.extend(Shape::dashed_line(&[a, base_point], stroke, 6.0, 4.0));
        } else {
            shapes.push(Shape::line_segment([a, base_point], stroke));
        }
        let normal = Vec2::new(-unit.y, unit.x) * head * 0.45;
        shapes.push(Shape::convex_polygon(
            vec![b, base_point + normal, base_point - normal],
            colour,
            Stroke::NONE,
        ));
        if link.polarity != Polarity::Positive && zoom > 0.3 {
            let mid = a + dir * 0.5;
            let r = 7.0 * zoom.clamp(0.5, 2.0);
            shapes.push(Shape::circle_filled(mid, r, Color32::WHITE));
            shapes.push(Shape::circle_stroke(mid, r, Stroke::new(1.0, colour)));
            let sign = if link.polarity == Polarity::Negative {
                "−"
            } else {
                "?"
            };
            painter.fonts_mut(|f| {
                shapes.push(Shape::text(
                    f,
                    mid,
                    Align2::CENTER_CENTER,
                    sign,
                    FontId::new(11.0 * zoom.clamp(0.5, 2.0), label_family()),
                    colour,
                ));
            });
        }
    }
    painter.extend(shapes);

    let mut shapes: Vec<Shape> = Vec::new();
    for node in &picture.project.nodes {
        let (Some(&(x, y)), Some((_, _, shape))) = (
            picture.positions.get(node.id.as_str()),
            picture.shapes.get(&node.id),
        ) else {
            continue;
        };
        let centre = to_screen(x, y);
        let radius = Vec2::new(shape.width as f32, shape.height as f32) * zoom / 2.0;
        let bounds = egui::Rect::from_center_size(centre, radius * 2.0);
        if !clip.intersects(bounds.expand(4.0)) {
            continue;
        }
        let (mut fill, mut outline) = node_colours(node.kind);
        let dim = h.node_faded(&node.id);
        if dim {
            fill = faded(fill);
            outline = faded(outline);
        }
        let selected = h.selected_nodes.contains(&node.id);
        let in_study = h.study_nodes.as_ref().is_some_and(|n| n.contains(&node.id));
        let (outline, width) = if selected {
            (SELECTED, 3.0)
        } else if in_study {
            (STUDY, 2.5)
        } else if node.kind == NodeKind::Outcome {
            (outline, 2.0)
        } else {
            (outline, 1.2)
        };
        let stroke = Stroke::new(width * zoom.clamp(0.4, 2.0), outline);
        match node.kind {
            NodeKind::Context => {
                shapes.push(Shape::rect_filled(bounds, 6.0 * zoom, fill));
                shapes.push(Shape::rect_stroke(
                    bounds,
                    6.0 * zoom,
                    stroke,
                    StrokeKind::Inside,
                ));
            }
            NodeKind::Mechanism | NodeKind::Outcome => {
                shapes.push(Shape::ellipse_filled(centre, radius, fill));
                shapes.push(Shape::ellipse_stroke(centre, radius, stroke));
                if node.kind == NodeKind::Outcome {
                    let inner = radius - Vec2::splat(4.0 * zoom);
                    shapes.push(Shape::ellipse_stroke(
                        centre,
                        inner.max(Vec2::splat(1.0)),
                        Stroke::new(zoom.clamp(0.4, 2.0), outline),
                    ));
                }
            }
        }
        if node.pinned && zoom > 0.3 {
            let pin = bounds.right_top() + Vec2::new(-4.0, 4.0) * zoom;
            shapes.push(Shape::circle_filled(pin, 2.5 * zoom, outline));
        }
        let font_px = shape.font_size as f32 * zoom;
        if font_px >= 4.0 {
            let text_colour = if dim {
                faded(Color32::BLACK)
            } else {
                Color32::from_gray(20)
            };
            let line_height = shape.line_height as f32 * zoom;
            let top = centre.y - line_height * shape.lines.len() as f32 / 2.0;
            painter.fonts_mut(|f| {
                for (i, line) in shape.lines.iter().enumerate() {
                    let pos = Pos2::new(centre.x, top + line_height * (i as f32 + 0.5));
                    shapes.push(Shape::text(
                        f,
                        pos,
                        Align2::CENTER_CENTER,
                        line,
                        FontId::new(font_px, label_family()),
                        text_colour,
                    ));
                }
            });
        }
    }
    painter.extend(shapes);
}
