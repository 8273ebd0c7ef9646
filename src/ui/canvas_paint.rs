use std::collections::{HashMap, HashSet};

use egui::{Align2, Color32, FontId, Painter, Pos2, Shape, Stroke, StrokeKind, Vec2};

use crate::figure::{
    link_geometry, Arrowhead, FigureStyle, LinkEnd, LinkGeometry, LinkPath, LinkShapeStyle,
    NodeShape, Point, PolarityMark, Rgba,
};
use crate::model::{NodeKind, Project};

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
    /// Colours, widths and arrow sizes: the export's.
    pub style: &'a FigureStyle,
    /// Nodes move every frame (a layout or a drag runs).
    pub moving: bool,
}

/// The figure's colour as egui's.
fn colour(c: Rgba) -> Color32 {
    Color32::from_rgba_unmultiplied(c.r, c.g, c.b, c.a)
}

const SELECTED: Color32 = Color32::from_rgb(0xe0, 0x6c, 0x00);
const STUDY: Color32 = Color32::from_rgb(0x8e, 0x2d, 0xb3);

fn faded(c: Color32) -> Color32 {
    c.gamma_multiply(0.25)
}

/// What a link's geometry depends on: both centres and shapes, and the bend.
type LinkKey = [u64; 11];

/// Link geometries computed by the figure, kept while their ends stay put.
#[derive(Default)]
pub struct LinkCache {
    links: HashMap<String, (LinkKey, LinkGeometry)>,
    /// Exact geometries still to compute this frame (the rest wait for the
    /// next frames, drawn approximately meanwhile, so no frame stalls).
    exact_left: usize,
    /// Some link was drawn approximately: another frame is needed.
    pub incomplete: bool,
}

/// Most exact link geometries computed in one frame (about 5 ms).
const EXACT_PER_FRAME: usize = 500;

impl LinkCache {
    /// The geometry of a link, computed by [`link_geometry`] (as the export
    /// does) unless its ends are where they were last time. While the web
    /// is `moving` (a layout or a drag each frame), a changed link gets a
    /// quick approximation, replaced by the exact one once all is still.
    fn geometry(
        &mut self,
        id: &str,
        source: LinkEnd<'_>,
        target: LinkEnd<'_>,
        bend: f64,
        style: &FigureStyle,
        moving: bool,
    ) -> LinkGeometry {
        let key: LinkKey = [
            source.centre.x.to_bits(),
            source.centre.y.to_bits(),
            target.centre.x.to_bits(),
            target.centre.y.to_bits(),
            bend.to_bits(),
            source.shape.width.to_bits(),
            source.shape.height.to_bits(),
            target.shape.width.to_bits(),
            target.shape.height.to_bits(),
            source.shape.kind as u64,
            target.shape.kind as u64,
        ];
        if let Some((k, g)) = self.links.get(id) {
            if *k == key {
                return *g;
            }
        }
        if moving || self.exact_left == 0 {
            self.incomplete |= !moving;
            return quick_geometry(source, target, bend, style);
        }
        self.exact_left -= 1;
        let g = link_geometry(
            source,
            target,
            bend,
            LinkShapeStyle {
                arrow_length: style.arrow_length,
                arrow_width: style.arrow_width,
            },
        );
        self.links.insert(id.to_string(), (key, g));
        g
    }

    /// Forgets links that no longer exist.
    pub fn retain(&mut self, project: &Project) {
        if self.links.len() > project.links.len() + 64 {
            let live: HashSet<&str> = project.links.iter().map(|l| l.id.as_str()).collect();
            self.links.retain(|id, _| live.contains(id.as_str()));
        }
    }
}

/// A link's geometry from the shapes' border points (no search along the
/// curve): close to [`link_geometry`]'s, and cheap enough for every link in
/// every frame of a layout.
fn quick_geometry(
    source: LinkEnd<'_>,
    target: LinkEnd<'_>,
    bend: f64,
    style: &FigureStyle,
) -> LinkGeometry {
    let (p0, p2) = (source.centre, target.centre);
    let direction = p0.to(p2);
    let control = (bend != 0.0 && direction.length() > 0.0).then(|| {
        p0.lerp(p2, 0.5)
            .plus(direction.unit().perpendicular(), 2.0 * bend)
    });
    let towards = |from: LinkEnd<'_>, to: Point| {
        let d = from.centre.to(to);
        let (x, y) = from.shape.border_point(d.x, d.y);
        Point::new(from.centre.x + x, from.centre.y + y)
    };
    let start = towards(source, control.unwrap_or(p2));
    let tip = towards(target, control.unwrap_or(p0));
    let chord = start.distance(tip).max(1e-9);
    let arrow_length = style.arrow_length.min(chord);
    let arrow_width = style.arrow_width * arrow_length / style.arrow_length.max(1e-9);
    let axis = control.unwrap_or(start).to(tip).unit();
    let base = tip.plus(axis, -arrow_length);
    let side = axis.perpendicular();
    LinkGeometry {
        path: LinkPath {
            start,
            control,
            end: tip.plus(axis, -0.7 * arrow_length),
        },
        arrowhead: Arrowhead {
            tip,
            left: base.plus(side, -arrow_width / 2.0),
            right: base.plus(side, arrow_width / 2.0),
        },
        middle: match control {
            Some(c) => c.lerp(start.lerp(tip, 0.5), 0.5),
            None => start.lerp(base, 0.5),
        },
    }
}

/// Draws links, then nodes, in canvas units mapped by `to_screen` at `zoom`
/// screen points per unit, with the figure's style and link geometry (so the
/// screen looks like the export); skips what lies outside the clip rect.
pub fn paint_web(
    painter: &Painter,
    picture: &WebPicture<'_>,
    links: &mut LinkCache,
    to_screen: impl Fn(f64, f64) -> Pos2,
    zoom: f32,
) {
    let clip = painter.clip_rect();
    let h = picture.highlight;
    let style = picture.style;
    links.exact_left = EXACT_PER_FRAME;
    links.incomplete = false;
    let mut shapes: Vec<Shape> = Vec::new();
    let pairs: HashSet<(&str, &str)> = picture
        .project
        .links
        .iter()
        .map(|l| (l.source.as_str(), l.target.as_str()))
        .collect();
    let line_scale = zoom.clamp(0.3, 2.0);
    let to_screen_point = |p: Point| to_screen(p.x, p.y);
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
        // Cull on the box of both shapes (the bend is at most max_bend).
        let (a, b) = (to_screen(s.0, s.1), to_screen(t.0, t.1));
        let reach =
            (ss.width.max(ss.height).max(ts.width.max(ts.height)) + style.max_bend) as f32 * zoom;
        if !clip.intersects(egui::Rect::from_two_pos(a, b).expand(reach)) {
            continue;
        }
        let (sp, tp) = (Point::new(s.0, s.1), Point::new(t.0, t.1));
        let bend = if pairs.contains(&(link.target.as_str(), link.source.as_str())) {
            (style.reciprocal_bend * sp.distance(tp)).min(style.max_bend)
        } else {
            0.0
        };
        let g = links.geometry(
            &link.id,
            LinkEnd {
                centre: sp,
                shape: ss,
            },
            LinkEnd {
                centre: tp,
                shape: ts,
            },
            bend,
            style,
            picture.moving,
        );
        let selected = h.selected_link.as_deref() == Some(link.id.as_str());
        let cited = h.study_links.contains(&link.id);
        let base = if picture.width_by_studies {
            let studies: HashSet<&str> = link.evidence.iter().map(|e| e.study.as_str()).collect();
            style.link_width as f32 * (1.0 + 0.5 * studies.len().min(8) as f32)
        } else {
            style.link_width as f32
        };
        let link_colour = colour(style.link_colour);
        let paint = if selected {
            SELECTED
        } else if cited {
            STUDY
        } else if h.study_nodes.is_some() {
            faded(link_colour)
        } else {
            link_colour
        };
        let width = (if selected || cited { base + 1.5 } else { base }) * line_scale;
        let stroke = Stroke::new(width, paint);
        let points: Vec<Pos2> = g
            .path
            .polyline(12)
            .into_iter()
            .map(to_screen_point)
            .collect();
        shapes.push(Shape::line(points, stroke));
        shapes.push(Shape::convex_polygon(
            g.arrowhead
                .polygon()
                .into_iter()
                .map(to_screen_point)
                .collect(),
            paint,
            Stroke::NONE,
        ));
        if let Some(mark) = PolarityMark::of(
            link.polarity,
            g.middle,
            style.mark_font_size,
            style.background,
        ) {
            if zoom > 0.3 {
                let centre = to_screen_point(mark.centre);
                let r = mark.radius as f32 * zoom;
                shapes.push(Shape::circle_filled(centre, r, colour(mark.fill)));
                shapes.push(Shape::circle_stroke(
                    centre,
                    r,
                    Stroke::new(style.link_width as f32 * line_scale, paint),
                ));
                painter.fonts_mut(|f| {
                    shapes.push(Shape::text(
                        f,
                        centre,
                        Align2::CENTER_CENTER,
                        &mark.text.text,
                        FontId::new(mark.text.font_size as f32 * zoom, label_family()),
                        colour(style.text),
                    ));
                });
            }
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
        let kind_style = style.kind(node.kind);
        let (mut fill, mut outline) = (colour(kind_style.fill), colour(kind_style.stroke));
        let dim = h.node_faded(&node.id);
        if dim {
            fill = faded(fill);
            outline = faded(outline);
        }
        let selected = h.selected_nodes.contains(&node.id);
        let in_study = h.study_nodes.as_ref().is_some_and(|n| n.contains(&node.id));
        let base_width = kind_style.stroke_width as f32;
        let (outline, width) = if selected {
            (SELECTED, base_width + 1.5)
        } else if in_study {
            (STUDY, base_width + 1.0)
        } else {
            (outline, base_width)
        };
        let stroke = Stroke::new(width * zoom.clamp(0.4, 2.0), outline);
        let corner = kind_style.corner_radius as f32 * zoom;
        if radius.x.min(radius.y) < 4.0 {
            // Too small for outlines: a filled box in the outline's colour.
            shapes.push(Shape::rect_filled(bounds, 0.0, outline));
            continue;
        }
        match node.kind {
            NodeKind::Context => {
                shapes.push(Shape::rect_filled(bounds, corner, fill));
                shapes.push(Shape::rect_stroke(
                    bounds,
                    corner,
                    stroke,
                    StrokeKind::Inside,
                ));
            }
            NodeKind::Mechanism | NodeKind::Outcome => {
                shapes.push(Shape::ellipse_filled(centre, radius, fill));
                shapes.push(Shape::ellipse_stroke(centre, radius, stroke));
                if let Some(gap) = kind_style.double_outline {
                    let inner = radius - Vec2::splat(gap as f32 * zoom);
                    shapes.push(Shape::ellipse_stroke(
                        centre,
                        inner.max(Vec2::splat(1.0)),
                        Stroke::new(base_width * zoom.clamp(0.4, 2.0), outline),
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
                faded(colour(style.text))
            } else {
                colour(style.text)
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
