//! The web as egui_graphs draws it: node and link displays ([`WebNode`],
//! [`WebLink`]) whose shapes come from the figure's style, node shapes and
//! link geometry (as the export's do), so the screen matches the export.

use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use egui::{Align2, Color32, FontId, Pos2, Shape, Stroke, StrokeKind, Vec2};
use egui_graphs::{
    DisplayEdge, DisplayNode, DrawContext, EdgeProps, Layout, LayoutState, NodeProps,
};
use petgraph::stable_graph::{DefaultIx, IndexType};
use petgraph::{Directed, EdgeType};
use serde::{Deserialize, Serialize};

use crate::figure::{
    drawn_link_geometry, placed_mark, Arrowhead, EndSpreader, FigureStyle, LinkEnd, LinkGeometry,
    LinkLines, LinkPath, LinkRouter, LinkShapeStyle, NodeShape, PlacedMarks, Point, PolarityMark,
    Rect, Rgba, Route, RouteRequest, ShapeGrid, CORNER_RADIUS, MOST_ROUTED_SHAPES,
};
use crate::model::{NodeKind, Polarity, Project};

use super::fonts::label_family;
use super::Selection;

/// The web as egui_graphs holds it.
pub type WebGraph = egui_graphs::Graph<NodeLook, LinkLook, Directed, DefaultIx, WebNode, WebLink>;

/// How a node or link stands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Emphasis {
    #[default]
    Plain,
    /// Selected.
    Selected,
    /// A link into or out of a selected node.
    Attached,
    /// Supported by the selected study.
    Study,
    /// Not supported by the selected study.
    Faded,
}

/// What to emphasise: the selection, or everything a selected study supports.
#[derive(Debug, Default)]
pub struct Highlight {
    selected_nodes: HashSet<String>,
    selected_link: Option<String>,
    /// Links into or out of a selected node.
    attached_links: HashSet<String>,
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
            Selection::Nodes(ids) => {
                h.selected_nodes = ids.iter().cloned().collect();
                h.attached_links = project
                    .links
                    .iter()
                    .filter(|l| {
                        h.selected_nodes.contains(&l.source) || h.selected_nodes.contains(&l.target)
                    })
                    .map(|l| l.id.clone())
                    .collect();
            }
            Selection::Link(id) => h.selected_link = Some(id.clone()),
            Selection::Study(id) => {
                let reach = project.study_reach(id);
                h.study_nodes = Some(reach.nodes.iter().map(|s| s.to_string()).collect());
                h.study_links = reach.links.iter().map(|s| s.to_string()).collect();
            }
        }
        h
    }

    /// How the node `id` stands out.
    pub fn node(&self, id: &str) -> Emphasis {
        match &self.study_nodes {
            _ if self.selected_nodes.contains(id) => Emphasis::Selected,
            Some(nodes) if nodes.contains(id) => Emphasis::Study,
            Some(_) => Emphasis::Faded,
            None => Emphasis::Plain,
        }
    }

    /// How the link `id` stands out.
    pub fn link(&self, id: &str) -> Emphasis {
        if self.selected_link.as_deref() == Some(id) {
            Emphasis::Selected
        } else if self.attached_links.contains(id) {
            Emphasis::Attached
        } else if self.study_links.contains(id) {
            Emphasis::Study
        } else if self.study_nodes.is_some() {
            Emphasis::Faded
        } else {
            Emphasis::Plain
        }
    }
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

/// Most exact link geometries computed in one frame (about 5 ms).
const EXACT_PER_FRAME: usize = 500;

/// What every display of one web shares: the figure style, and this frame's
/// budget of exact link geometries.
#[derive(Debug)]
pub struct DrawState {
    /// Colours, widths and arrow sizes: the export's.
    pub style: FigureStyle,
    /// Exact geometries still to compute this frame (the rest wait for the
    /// next frames, drawn approximately meanwhile, so no frame stalls).
    exact_left: AtomicUsize,
    /// Some link was drawn approximately: another frame is needed.
    incomplete: AtomicBool,
    /// Nodes move every frame (a layout or a drag runs).
    moving: AtomicBool,
    /// Where the shapes stand, so that polarity marks keep clear of them as
    /// in the export; `None` while nodes move (marks then sit at their
    /// links' middles).
    shapes: RwLock<Option<ShapeGrid>>,
    /// The links' ways round the shapes where they stand, so that links go
    /// round shapes as in the export (and apart where they share a way);
    /// found on a thread of their own, since a web of a few hundred shapes
    /// takes tens of milliseconds. None while nodes move (links are then
    /// straight) or when the web is too large to route.
    routes: Arc<RwLock<FoundRoutes>>,
    /// Counts the changes of where the shapes stand, so that a link's
    /// geometry is recomputed when any shape (not only its ends) moved.
    arrangement: AtomicU64,
    /// Whether links go round shapes in their way (View ▸ Links round
    /// shapes); the style's `route_links` at first.
    route_links: AtomicBool,
    /// The polarity marks drawn so far in this frame.
    marks_drawn: Mutex<PlacedMarks>,
    /// Their shapes, painted after every link and node of the frame
    /// ([`DrawState::take_mark_shapes`]), so that no link drawn after a
    /// mark's own crosses its sign.
    mark_shapes: Mutex<Vec<Shape>>,
}

impl DrawState {
    pub fn new(style: FigureStyle) -> Self {
        DrawState {
            exact_left: AtomicUsize::new(EXACT_PER_FRAME),
            incomplete: AtomicBool::new(false),
            moving: AtomicBool::new(false),
            shapes: RwLock::new(None),
            routes: Arc::new(RwLock::new(FoundRoutes::default())),
            arrangement: AtomicU64::new(0),
            route_links: AtomicBool::new(style.route_links),
            marks_drawn: Mutex::new(PlacedMarks::default()),
            mark_shapes: Mutex::new(Vec::new()),
            style,
        }
    }

    /// Whether links go round shapes in their way.
    pub fn routes_links(&self) -> bool {
        self.route_links.load(Ordering::Relaxed)
    }

    /// Sets whether links go round shapes in their way; takes effect at the
    /// next [`DrawState::set_shapes`].
    pub fn set_routes_links(&self, route: bool) {
        self.route_links.store(route, Ordering::Relaxed);
    }

    /// Sets the shapes where they stand (`None` while nodes move: each
    /// node's box and its measured shape), for the placement of polarity
    /// marks and the routing of `links` (in the project's order, as the
    /// export routes them; each link's ends are indices into the shapes).
    /// The routes, and the lines of the links as drawn along them (which
    /// marks keep off), are found on a thread: until they are,
    /// [`DrawState::route`] says so.
    pub fn set_shapes(
        &self,
        shapes: Option<(Vec<Rect>, Vec<Arc<NodeShape>>)>,
        links: Vec<RouteRequest>,
    ) {
        let arrangement = self.arrangement.fetch_add(1, Ordering::Relaxed) + 1;
        if let Ok(mut found) = self.routes.write() {
            *found = FoundRoutes {
                arrangement,
                complete: shapes.is_none() || links.is_empty(),
                ..FoundRoutes::default()
            };
        }
        if let Ok(mut held) = self.shapes.write() {
            *held = shapes
                .as_ref()
                .map(|(boxes, _)| ShapeGrid::new(boxes.clone()));
        }
        let Some((boxes, shapes)) = shapes.filter(|_| !links.is_empty()) else {
            return;
        };
        let route = self.routes_links() && boxes.len() <= MOST_ROUTED_SHAPES;
        let shape_style = LinkShapeStyle {
            arrow_length: self.style.arrow_length,
            arrow_width: self.style.arrow_width,
        };
        let found = Arc::clone(&self.routes);
        std::thread::spawn(move || {
            // As the export draws them: routed, or straight with their
            // ends apart.
            let found_routes = match route.then(|| LinkRouter::new(&boxes)).flatten() {
                Some(router) => router.routes(&links),
                None => EndSpreader::new(&boxes).straight_routes(&links),
            };
            let routes: HashMap<(usize, usize), Route> = links
                .iter()
                .zip(found_routes)
                .filter_map(|(l, r)| Some(((l.source, l.target), r?)))
                .collect();
            let end = |i: usize, centre: Point| {
                shapes.get(i).map(|shape| LinkEnd {
                    centre,
                    shape: shape.as_ref(),
                })
            };
            let drawn: Vec<((usize, usize), LinkGeometry)> = links
                .iter()
                .filter_map(|l| {
                    let ends = (l.source, l.target);
                    let g = drawn_link_geometry(
                        end(l.source, l.from)?,
                        end(l.target, l.to)?,
                        routes.get(&ends),
                        l.reciprocal_bend.unwrap_or(0.0),
                        shape_style,
                    );
                    Some((ends, g))
                })
                .collect();
            let lines = LinkLines::new(drawn.iter().map(|(ends, g)| (*ends, &g.path)));
            if let Ok(mut held) = found.write() {
                // Not if the shapes have moved since.
                if held.arrangement == arrangement {
                    *held = FoundRoutes {
                        arrangement,
                        complete: true,
                        routes,
                        lines: Arc::new(lines),
                    };
                }
            }
        });
    }

    /// The route of the link from node `source` to node `target` round
    /// other shapes: `Some(None)` for a link drawn straight or
    /// bent, `None` while the routes are being found.
    fn route(&self, source: usize, target: usize) -> Option<Option<Route>> {
        let found = self.routes.read().ok()?;
        found
            .complete
            .then(|| found.routes.get(&(source, target)).cloned())
    }

    /// Whether the links' routes round the shapes where they stand are
    /// found (or not needed).
    pub fn routes_found(&self) -> bool {
        self.routes.read().is_ok_and(|f| f.complete)
    }

    /// The polarity mark of a link from node `ends.0` to node `ends.1`:
    /// clear of the shapes, off the other links' lines and apart from the
    /// marks drawn before it in this frame where it can be (as in the
    /// export, whose links come in the same order), at the middle while
    /// nodes move.
    fn mark(
        &self,
        polarity: Polarity,
        (path, ends): (&LinkPath, (usize, usize)),
        middle: Point,
    ) -> Option<PolarityMark> {
        let held = self.shapes.read();
        let grid = held.as_ref().ok().and_then(|g| g.as_ref());
        let lines = self.routes.read().ok().map(|f| Arc::clone(&f.lines))?;
        let mut taken = self.marks_drawn.lock().ok()?;
        placed_mark(
            polarity,
            (path, ends),
            middle,
            &self.style,
            grid,
            &lines,
            &mut taken,
        )
    }

    /// The shapes of the polarity marks of the links drawn since the last
    /// call, to paint over them.
    pub fn take_mark_shapes(&self) -> Vec<Shape> {
        self.mark_shapes
            .lock()
            .map(|mut shapes| std::mem::take(&mut *shapes))
            .unwrap_or_default()
    }

    /// Starts a frame; `moving` when nodes move every frame.
    pub fn begin_frame(&self, moving: bool) {
        if let Ok(mut taken) = self.marks_drawn.lock() {
            taken.clear();
        }
        if let Ok(mut shapes) = self.mark_shapes.lock() {
            shapes.clear();
        }
        self.exact_left.store(EXACT_PER_FRAME, Ordering::Relaxed);
        self.incomplete.store(false, Ordering::Relaxed);
        self.moving.store(moving, Ordering::Relaxed);
    }

    /// Whether some link of the last frame was drawn approximately.
    pub fn incomplete(&self) -> bool {
        self.incomplete.load(Ordering::Relaxed)
    }
}

/// The routes of the links round the shapes for one arrangement of them.
#[derive(Debug, Default)]
struct FoundRoutes {
    /// The arrangement they are for ([`DrawState::arrangement`]).
    arrangement: u64,
    /// Whether they are found (or not needed).
    complete: bool,
    /// The bends of each routed link, by its source and target node.
    routes: HashMap<(usize, usize), Route>,
    /// The lines of all links as drawn (none until found).
    lines: Arc<LinkLines>,
}

/// A node's look: its measured shape, its pin and its emphasis.
#[derive(Debug, Clone)]
pub struct NodeLook {
    pub shape: Arc<NodeShape>,
    pub pinned: bool,
    pub emphasis: Emphasis,
    pub draw: Arc<DrawState>,
}

/// Whether canvas point `p` is inside `shape` centred on `centre`.
pub fn shape_contains(shape: &NodeShape, centre: (f64, f64), p: (f64, f64)) -> bool {
    let (a, b) = shape.half_size();
    let (dx, dy) = (p.0 - centre.0, p.1 - centre.1);
    match shape.kind {
        NodeKind::Context => dx.abs() <= a && dy.abs() <= b,
        _ => (dx / a).powi(2) + (dy / b).powi(2) <= 1.0,
    }
}

/// A node as egui_graphs draws it: the figure's box, ellipse or double
/// ellipse with the wrapped label, centred on the node's location.
#[derive(Debug, Clone)]
pub struct WebNode {
    centre: Pos2,
    look: NodeLook,
}

impl WebNode {
    fn end(&self) -> LinkEnd<'_> {
        LinkEnd {
            centre: Point::new(f64::from(self.centre.x), f64::from(self.centre.y)),
            shape: &self.look.shape,
        }
    }
}

impl From<NodeProps<NodeLook>> for WebNode {
    fn from(props: NodeProps<NodeLook>) -> Self {
        WebNode {
            centre: props.location(),
            look: props.payload,
        }
    }
}

impl<E: Clone, Ty: EdgeType, Ix: IndexType> DisplayNode<NodeLook, E, Ty, Ix> for WebNode {
    fn closest_boundary_point(&self, dir: Vec2) -> Pos2 {
        let (x, y) = self
            .look
            .shape
            .border_point(f64::from(dir.x), f64::from(dir.y));
        self.centre + Vec2::new(x as f32, y as f32)
    }

    fn shapes(&mut self, ctx: &DrawContext) -> Vec<Shape> {
        let zoom = ctx.meta.zoom;
        let shape = &self.look.shape;
        let style = &self.look.draw.style;
        let centre = ctx.meta.canvas_to_screen_pos(self.centre);
        let radius = Vec2::new(shape.width as f32, shape.height as f32) * zoom / 2.0;
        let bounds = egui::Rect::from_center_size(centre, radius * 2.0);
        if !ctx.painter.clip_rect().intersects(bounds.expand(4.0)) {
            return Vec::new();
        }
        let kind_style = style.kind(shape.kind);
        let (mut fill, mut outline) = (colour(kind_style.fill), colour(kind_style.stroke));
        let dim = self.look.emphasis == Emphasis::Faded;
        if dim {
            fill = faded(fill);
            outline = faded(outline);
        }
        let base_width = kind_style.stroke_width as f32;
        let (outline, width) = match self.look.emphasis {
            Emphasis::Selected => (SELECTED, base_width + 1.5),
            Emphasis::Study => (STUDY, base_width + 1.0),
            _ => (outline, base_width),
        };
        if radius.x.min(radius.y) < 4.0 {
            // Too small for outlines: a filled box in the outline's colour.
            return vec![Shape::rect_filled(bounds, 0.0, outline)];
        }
        let mut shapes = Vec::new();
        let stroke = Stroke::new(width * zoom.clamp(0.4, 2.0), outline);
        let corner = kind_style.corner_radius as f32 * zoom;
        match shape.kind {
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
        if self.look.pinned && zoom > 0.3 {
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
            ctx.painter.fonts_mut(|f| {
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
        shapes
    }

    fn update(&mut self, state: &NodeProps<NodeLook>) {
        self.centre = state.location();
        self.look = state.payload.clone();
    }

    fn is_inside(&self, pos: Pos2) -> bool {
        shape_contains(
            &self.look.shape,
            (f64::from(self.centre.x), f64::from(self.centre.y)),
            (f64::from(pos.x), f64::from(pos.y)),
        )
    }
}

/// Straight pieces a bent link's curve is taken as for a click on it.
pub const HIT_CURVE_SEGMENTS: usize = 16;

/// A link's look: whether its reverse also exists (then both bend), its
/// line width, emphasis and polarity.
#[derive(Debug, Clone)]
pub struct LinkLook {
    pub reciprocal: bool,
    /// Line width in canvas units (before any emphasis).
    pub width: f32,
    pub emphasis: Emphasis,
    pub polarity: Polarity,
    pub draw: Arc<DrawState>,
}

/// What a link's geometry depends on: both centres and shapes, the bend,
/// and where the other shapes stand.
type LinkKey = [u64; 12];

/// A link as egui_graphs draws it: the figure's line or curve from border to
/// border, arrowhead and polarity mark, with its last exact geometry kept
/// while its ends stay put.
#[derive(Debug, Clone)]
pub struct WebLink {
    look: LinkLook,
    /// The last exact geometry.
    pub cached: Option<ExactGeometry>,
    /// Whether the link was last drawn with `cached` (not with a quick
    /// approximation while nodes move or routes are being found).
    exact_drawn: bool,
    /// Centre and radius of the polarity mark as last drawn (canvas
    /// units), so that a click on the mark finds its link.
    drawn_mark: Option<(Point, f64)>,
}

/// A link's exact geometry, what it was computed from, and whether it
/// follows a route ([`crate::figure::Route`]: round shapes, or straight
/// with its ends moved off the centres).
#[derive(Debug, Clone)]
pub struct ExactGeometry {
    key: LinkKey,
    geometry: LinkGeometry,
    routed: bool,
}

impl From<EdgeProps<LinkLook>> for WebLink {
    fn from(props: EdgeProps<LinkLook>) -> Self {
        WebLink {
            look: props.payload,
            cached: None,
            exact_drawn: false,
            drawn_mark: None,
        }
    }
}

impl WebLink {
    /// Centre and radius (canvas units) of the link's polarity mark as
    /// last drawn; None for a positive link, or when marks were too small
    /// to draw.
    pub fn drawn_mark(&self) -> Option<(Point, f64)> {
        self.drawn_mark
    }

    /// The geometry the link was last drawn with, when it is not the
    /// straight line between the centres: it follows a route, or bends
    /// apart from its reverse (so that a click finds it along the line as
    /// drawn). None while it is drawn by a quick approximation, as while
    /// nodes move: its last geometry is then kept for later but is not
    /// where the link is seen.
    pub fn drawn_geometry(&self) -> Option<&LinkGeometry> {
        self.cached
            .as_ref()
            .filter(|c| (c.routed || self.look.reciprocal) && self.exact_drawn)
            .map(|c| &c.geometry)
    }

    /// The geometry of the link, computed by [`link_geometry`] (as the export
    /// does) unless its ends are where they were last time. While the web
    /// is moving (a layout or a drag each frame), a changed link gets a
    /// quick approximation, replaced by the exact one once all is still.
    fn geometry(
        &mut self,
        ends: (usize, usize),
        source: LinkEnd<'_>,
        target: LinkEnd<'_>,
        bend: f64,
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
            self.look.draw.arrangement.load(Ordering::Relaxed),
        ];
        if let Some(c) = &self.cached {
            if c.key == key {
                self.exact_drawn = true;
                return c.geometry.clone();
            }
        }
        let draw = &self.look.draw;
        let style = &draw.style;
        let moving = draw.moving.load(Ordering::Relaxed);
        // While the routes are being found, as while nodes move.
        let route = if moving {
            None
        } else {
            draw.route(ends.0, ends.1)
        };
        let budget = draw
            .exact_left
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |n| n.checked_sub(1));
        let (Some(route), Ok(_)) = (route, budget) else {
            if !moving {
                draw.incomplete.store(true, Ordering::Relaxed);
            }
            self.exact_drawn = false;
            return quick_geometry(source, target, bend, style);
        };
        let shape_style = LinkShapeStyle {
            arrow_length: style.arrow_length,
            arrow_width: style.arrow_width,
        };
        let routed = route.is_some();
        let g = drawn_link_geometry(source, target, route.as_ref(), bend, shape_style);
        self.cached = Some(ExactGeometry {
            key,
            geometry: g.clone(),
            routed,
        });
        self.exact_drawn = true;
        g
    }
}

impl<Ty: EdgeType, Ix: IndexType> DisplayEdge<NodeLook, LinkLook, Ty, Ix, WebNode> for WebLink {
    fn shapes(
        &mut self,
        start: &egui_graphs::Node<NodeLook, LinkLook, Ty, Ix, WebNode>,
        end: &egui_graphs::Node<NodeLook, LinkLook, Ty, Ix, WebNode>,
        ctx: &DrawContext,
    ) -> Vec<Shape> {
        let (source, target) = (start.display().end(), end.display().end());
        let draw = Arc::clone(&self.look.draw);
        let style = &draw.style;
        let zoom = ctx.meta.zoom;
        let to_screen = |p: Point| {
            ctx.meta
                .canvas_to_screen_pos(Pos2::new(p.x as f32, p.y as f32))
        };
        // Cull on the box of both shapes (the bend is at most max_bend), or
        // on the whole route of a link that goes round shapes.
        let (ss, ts) = (source.shape, target.shape);
        let (a, b) = (to_screen(source.centre), to_screen(target.centre));
        let reach =
            (ss.width.max(ss.height).max(ts.width.max(ts.height)) + style.max_bend) as f32 * zoom;
        let mut extent = egui::Rect::from_two_pos(a, b).expand(reach);
        if let Some(c) = &self.cached {
            let r = c.geometry.path.bounds();
            extent = extent.union(egui::Rect::from_two_pos(to_screen(r.min), to_screen(r.max)));
        }
        if !ctx.painter.clip_rect().intersects(extent) {
            return Vec::new();
        }
        let bend = if self.look.reciprocal {
            style.reciprocal_bend_between(source.centre, target.centre)
        } else {
            0.0
        };
        let g = self.geometry((start.id().index(), end.id().index()), source, target, bend);
        let line_scale = zoom.clamp(0.3, 2.0);
        let link_colour = colour(style.link_colour);
        let (paint, extra) = match self.look.emphasis {
            Emphasis::Selected => (SELECTED, 1.5),
            Emphasis::Attached => (SELECTED, 0.5),
            Emphasis::Study => (STUDY, 1.5),
            Emphasis::Faded => (faded(link_colour), 0.0),
            Emphasis::Plain => (link_colour, 0.0),
        };
        let stroke = Stroke::new((self.look.width + extra) * line_scale, paint);
        // Rounded corners with as few pieces as look round at this zoom.
        let corner_segments = match CORNER_RADIUS as f32 * zoom {
            r if r < 3.0 => 0,
            r if r < 6.0 => 1,
            r if r < 10.0 => 2,
            _ => 3,
        };
        let points: Vec<Pos2> = g
            .path
            .polyline_with_corners(12, corner_segments)
            .into_iter()
            .map(to_screen)
            .collect();
        let shapes = vec![
            Shape::line(points, stroke),
            Shape::convex_polygon(
                g.arrowhead.polygon().into_iter().map(to_screen).collect(),
                paint,
                Stroke::NONE,
            ),
        ];
        let ends = (start.id().index(), end.id().index());
        let placed = draw
            .mark(self.look.polarity, (&g.path, ends), g.middle)
            .filter(|_| zoom > 0.3);
        self.drawn_mark = placed.as_ref().map(|m| (m.centre, m.radius));
        if let Some(mark) = placed {
            // Painted after all links and nodes (as the export draws them).
            let centre = to_screen(mark.centre);
            let r = mark.radius as f32 * zoom;
            let mut mark_shapes = vec![
                Shape::circle_filled(centre, r, colour(mark.fill)),
                Shape::circle_stroke(
                    centre,
                    r,
                    Stroke::new(style.link_width as f32 * line_scale, paint),
                ),
            ];
            ctx.painter.fonts_mut(|f| {
                mark_shapes.push(Shape::text(
                    f,
                    centre,
                    Align2::CENTER_CENTER,
                    &mark.text.text,
                    FontId::new(mark.text.font_size as f32 * zoom, label_family()),
                    // A faded link's sign fades with it.
                    match self.look.emphasis {
                        Emphasis::Faded => faded(colour(style.text)),
                        _ => colour(style.text),
                    },
                ));
            });
            if let Ok(mut deferred) = draw.mark_shapes.lock() {
                deferred.extend(mark_shapes);
            }
        }
        shapes
    }

    fn update(&mut self, state: &EdgeProps<LinkLook>) {
        self.look = state.payload.clone();
    }

    fn is_inside(
        &self,
        start: &egui_graphs::Node<NodeLook, LinkLook, Ty, Ix, WebNode>,
        end: &egui_graphs::Node<NodeLook, LinkLook, Ty, Ix, WebNode>,
        pos: Pos2,
    ) -> bool {
        let point = |p: Pos2| Point::new(f64::from(p.x), f64::from(p.y));
        let near = f64::from(self.look.width).max(3.0);
        // Along its route when the link goes round shapes.
        if let Some(g) = self.drawn_geometry() {
            return g
                .path
                .polyline(HIT_CURVE_SEGMENTS)
                .windows(2)
                .any(|w| point(pos).distance_to_segment(w[0], w[1]) <= near);
        }
        let (s, t) = (start.display().centre, end.display().centre);
        point(pos).distance_to_segment(point(s), point(t)) <= near
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
            bends: None,
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

/// The state of [`Still`] (it has none).
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
pub struct StillState;

impl LayoutState for StillState {}

/// A layout that never moves a node: the canvas places them itself (from
/// the project, a running layout or a drag).
#[derive(Debug, Default)]
pub struct Still;

impl Layout<StillState> for Still {
    fn from_state(_: StillState) -> impl Layout<StillState> {
        Still
    }

    fn next<N, E, Ty, Ix, Dn, De>(
        &mut self,
        _: &mut egui_graphs::Graph<N, E, Ty, Ix, Dn, De>,
        _: &egui::Ui,
    ) where
        N: Clone,
        E: Clone,
        Ty: EdgeType,
        Ix: IndexType,
        Dn: DisplayNode<N, E, Ty, Ix>,
        De: DisplayEdge<N, E, Ty, Ix, Dn>,
    {
    }

    fn state(&self) -> StillState {
        StillState
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::{link_geometry, node_shape, LabelStyle};

    fn boundary(n: &WebNode, dir: Vec2) -> Pos2 {
        DisplayNode::<NodeLook, LinkLook, Directed, DefaultIx>::closest_boundary_point(n, dir)
    }

    fn inside(n: &WebNode, p: Pos2) -> bool {
        DisplayNode::<NodeLook, LinkLook, Directed, DefaultIx>::is_inside(n, p)
    }

    fn node(kind: NodeKind) -> WebNode {
        WebNode {
            centre: Pos2::new(100.0, 50.0),
            look: NodeLook {
                shape: Arc::new(node_shape("Trust", kind, &LabelStyle::default())),
                pinned: false,
                emphasis: Emphasis::Plain,
                draw: Arc::new(DrawState::new(FigureStyle::default())),
            },
        }
    }

    #[test]
    fn a_selected_nodes_links_stand_out_and_the_others_stay_plain() {
        use crate::model::{Link, Node, Project};
        let project = Project {
            nodes: vec![
                Node::new("c", "Quick wins", NodeKind::Context),
                Node::new("t", "Trust", NodeKind::Mechanism),
                Node::new("o", "Synergy", NodeKind::Outcome),
            ],
            links: vec![
                Link::new("in", "c", "t"),
                Link::new("out", "t", "o"),
                Link::new("past", "c", "o"),
            ],
            ..Project::default()
        };
        let h = Highlight::of(&project, &Selection::Nodes(vec!["t".into()]));
        assert_eq!(h.node("t"), Emphasis::Selected);
        assert_eq!(h.node("c"), Emphasis::Plain);
        assert_eq!(h.link("in"), Emphasis::Attached);
        assert_eq!(h.link("out"), Emphasis::Attached);
        assert_eq!(h.link("past"), Emphasis::Plain);
        // A selected link is itself selected; the others are not attached.
        let h = Highlight::of(&project, &Selection::Link("in".into()));
        assert_eq!(h.link("in"), Emphasis::Selected);
        assert_eq!(h.link("out"), Emphasis::Plain);
    }

    #[test]
    fn marks_keep_clear_of_the_shapes_unless_nodes_move() {
        let draw = DrawState::new(FigureStyle::default());
        let path = LinkPath::straight(Point::new(0.0, 0.0), Point::new(200.0, 0.0));
        let middle = Point::new(100.0, 0.0);
        let mark = || {
            draw.mark(Polarity::Negative, (&path, (0, 1)), middle)
                .unwrap()
        };
        assert!(draw
            .mark(Polarity::Positive, (&path, (0, 1)), middle)
            .is_none());
        // No shapes known (nodes moving): the middle.
        assert_eq!(mark().centre, middle);
        // A shape over the middle: moved along the link, off the shape.
        let over = crate::figure::Rect::from_centre_size(middle, 40.0, 40.0);
        draw.set_shapes(Some((vec![over], Vec::new())), Vec::new());
        let placed = mark().centre;
        assert_eq!(placed.y, 0.0);
        assert!(
            (placed.x - 100.0).abs() >= 20.0 + mark().radius,
            "{placed:?}"
        );
        draw.set_shapes(None, Vec::new());
        assert_eq!(mark().centre, middle);
    }

    #[test]
    fn marks_keep_off_other_links_lines_as_in_the_export() {
        use crate::figure::Figure;
        use crate::model::Link;
        // Nodes 0 and 1 left and right, 2 and 3 above and below: the link
        // from 2 to 3 crosses the negative link from 0 to 1 at its middle.
        let web = QuickWins::at(&[(-300.0, 0.0), (300.0, 0.0), (0.0, -300.0), (0.0, 300.0)]);
        let mut project = web.project.clone();
        project.links = vec![
            Link {
                polarity: Polarity::Negative,
                ..Link::new("across", "n0", "n1")
            },
            Link::new("down", "n2", "n3"),
        ];
        let style = FigureStyle::default();
        let exported = Figure::build(&project, &style, &[]);
        let expected = exported.links[0].mark.as_ref().unwrap().centre;
        assert!(expected.x.abs() >= exported.links[0].mark.as_ref().unwrap().radius);

        let draw = DrawState::new(style);
        let request = |s: usize, t: usize| RouteRequest {
            source: s,
            from: web.centres[s],
            target: t,
            to: web.centres[t],
            reciprocal_bend: None,
        };
        let links = vec![request(0, 1), request(2, 3)];
        show_still(&draw, web.boxes(&draw), &web.shape, links);
        let g = link_geometry(web.end(0), web.end(1), 0.0, shape_style(&draw));
        let mark = draw.mark(Polarity::Negative, (&g.path, (0, 1)), g.middle);
        assert_eq!(mark.unwrap().centre, expected);
    }

    /// With links drawn straight (not routed), links into one node from
    /// nearly one direction reach it apart on the canvas, where the export
    /// puts them: before, the canvas drew every straight link between the
    /// centres, its heads on top of each other.
    #[test]
    fn straight_links_into_one_node_arrive_apart_as_in_the_export() {
        use crate::figure::{drawn_link_geometry, Figure};
        use crate::model::Link;
        // Three contexts side by side far above a fourth, all linked to it.
        let web = QuickWins::at(&[(0.0, 0.0), (-110.0, -700.0), (0.0, -700.0), (110.0, -700.0)]);
        let mut project = web.project.clone();
        project.links = (1..4)
            .map(|k| Link::new(format!("l{k}"), format!("n{k}"), "n0"))
            .collect();
        let style = FigureStyle {
            route_links: false,
            ..FigureStyle::default()
        };
        let exported = Figure::build(&project, &style, &[]);
        let tips: Vec<Point> = exported.links.iter().map(|l| l.arrowhead.tip).collect();
        for pair in tips.windows(2) {
            assert!(pair[0].distance(pair[1]) >= 8.0, "{tips:?}");
        }

        let draw = DrawState::new(style);
        draw.set_routes_links(false);
        let links = links_into(&web.centres, 1..4, 0);
        show_still(&draw, web.boxes(&draw), &web.shape, links);
        for (k, tip) in (1..4).zip(&tips) {
            let route = draw.route(k, 0).expect("found");
            let (from, to) = (web.end(k), web.end(0));
            let g = drawn_link_geometry(from, to, route.as_ref(), 0.0, shape_style(&draw));
            assert_eq!(g.arrowhead.tip, *tip, "link from n{k}");
        }
    }

    /// Contexts labelled "Quick wins" (nodes n0, n1, …) centred at given
    /// points: the project the export draws, and their shapes as the
    /// canvas gets them.
    struct QuickWins {
        project: Project,
        shape: NodeShape,
        centres: Vec<Point>,
    }

    impl QuickWins {
        fn at(xy: &[(f64, f64)]) -> QuickWins {
            let mut project = Project::default();
            for (k, &(x, y)) in xy.iter().enumerate() {
                let mut node =
                    crate::model::Node::new(format!("n{k}"), "Quick wins", NodeKind::Context);
                (node.x, node.y) = (Some(x), Some(y));
                project.nodes.push(node);
            }
            QuickWins {
                project,
                shape: node_shape("Quick wins", NodeKind::Context, &LabelStyle::default()),
                centres: xy.iter().map(|&(x, y)| Point::new(x, y)).collect(),
            }
        }

        /// Their boxes as `draw` draws them, outline included.
        fn boxes(&self, draw: &DrawState) -> Vec<Rect> {
            let outline = draw.style.kind(NodeKind::Context).stroke_width;
            let (w, h) = (self.shape.width + outline, self.shape.height + outline);
            let boxes = self.centres.iter();
            boxes.map(|&c| Rect::from_centre_size(c, w, h)).collect()
        }

        /// Node `k` as a link's end.
        fn end(&self, k: usize) -> LinkEnd<'_> {
            LinkEnd {
                centre: self.centres[k],
                shape: &self.shape,
            }
        }
    }

    /// The arrowheads' size as `draw` draws them.
    fn shape_style(draw: &DrawState) -> LinkShapeStyle {
        LinkShapeStyle {
            arrow_length: draw.style.arrow_length,
            arrow_width: draw.style.arrow_width,
        }
    }

    /// Shows `draw` the shapes `boxes`, all drawn as `shape`, standing
    /// still, and waits for the routes of `links` among them.
    fn show_still(draw: &DrawState, boxes: Vec<Rect>, shape: &NodeShape, links: Vec<RouteRequest>) {
        draw.begin_frame(false);
        let shapes: Vec<Arc<NodeShape>> = boxes.iter().map(|_| Arc::new(shape.clone())).collect();
        draw.set_shapes(Some((boxes, shapes)), links);
        wait_for_routes(draw);
    }

    /// Requests for links from each of the shapes `sources` into shape
    /// `target`, between their `centres`.
    fn links_into(
        centres: &[Point],
        sources: std::ops::Range<usize>,
        target: usize,
    ) -> Vec<RouteRequest> {
        sources
            .map(|k| RouteRequest {
                source: k,
                from: centres[k],
                target,
                to: centres[target],
                reciprocal_bend: None,
            })
            .collect()
    }

    /// A positive link of width 1 drawn with `draw`, nothing cached.
    fn plain_link(draw: &Arc<DrawState>) -> WebLink {
        WebLink {
            look: LinkLook {
                reciprocal: false,
                width: 1.0,
                emphasis: Emphasis::Plain,
                polarity: Polarity::Positive,
                draw: Arc::clone(draw),
            },
            cached: None,
            exact_drawn: false,
            drawn_mark: None,
        }
    }

    /// Waits for the routes' thread.
    fn wait_for_routes(draw: &DrawState) {
        for _ in 0..10_000 {
            if draw.routes_found() {
                return;
            }
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        panic!("the routes are found");
    }

    #[test]
    fn links_go_round_shapes_in_their_way_once_nodes_stand_still() {
        let draw = Arc::new(DrawState::new(FigureStyle::default()));
        let shape = node_shape("Quick wins", NodeKind::Context, &LabelStyle::default());
        let at = |x: f64| Point::new(x, 0.0);
        let boxes: Vec<Rect> = [0.0, 220.0, 440.0]
            .iter()
            .map(|&x| Rect::from_centre_size(at(x), shape.width, shape.height))
            .collect();
        let shapes: Vec<Arc<NodeShape>> = boxes.iter().map(|_| Arc::new(shape.clone())).collect();
        let mut link = plain_link(&draw);
        let end = |x: f64| LinkEnd {
            centre: at(x),
            shape: &shape,
        };
        let links = |boxes: &[Rect]| {
            vec![RouteRequest {
                source: 0,
                from: boxes[0].centre(),
                target: 2,
                to: boxes[2].centre(),
                reciprocal_bend: None,
            }]
        };
        let found = || wait_for_routes(&draw);
        let mut geometry = || link.geometry((0, 2), end(0.0), end(440.0), 0.0);
        // Nodes moving: straight, as fast as can be.
        draw.begin_frame(true);
        assert!(geometry().path.bends.is_none());
        // Standing still: round the shape in the middle, as in the export,
        // once the routes are found (straight until then, and the frame
        // incomplete).
        draw.begin_frame(false);
        draw.set_shapes(Some((boxes.clone(), shapes.clone())), links(&boxes));
        found();
        let routed = geometry();
        let bends = routed.path.bends.clone().expect("routed");
        assert!(bends.iter().all(|p| p.y.abs() > shape.height / 2.0));
        assert!(!draw.incomplete());
        // The middle shape moves out of the way: straight again, although
        // the link's own ends stayed put.
        let mut moved = boxes;
        moved[1] = Rect::from_centre_size(Point::new(220.0, 300.0), shape.width, shape.height);
        draw.set_shapes(Some((moved.clone(), shapes)), links(&moved));
        found();
        assert!(geometry().path.bends.is_none());
    }

    #[test]
    fn a_straight_link_moved_off_the_centres_is_found_where_it_is_drawn() {
        let draw = Arc::new(DrawState::new(FigureStyle::default()));
        let shape = node_shape("Quick wins", NodeKind::Context, &LabelStyle::default());
        // Three shapes side by side above a fourth, linked into it: their
        // lines would reach it close together, so some are moved apart.
        let centres = [
            Point::new(0.0, 0.0),
            Point::new(-150.0, -400.0),
            Point::new(0.0, -400.0),
            Point::new(150.0, -400.0),
        ];
        let boxes: Vec<Rect> = centres
            .iter()
            .map(|&c| Rect::from_centre_size(c, shape.width, shape.height))
            .collect();
        let links = links_into(&centres, 1..4, 0);
        show_still(&draw, boxes, &shape, links);
        let end = |k: usize| LinkEnd {
            centre: centres[k],
            shape: &shape,
        };
        let mut moved = 0;
        for (k, &from) in centres.iter().enumerate().skip(1) {
            let mut link = plain_link(&draw);
            let drawn = link.geometry((k, 0), end(k), end(0), 0.0);
            let style = FigureStyle::default();
            let shape_style = LinkShapeStyle {
                arrow_length: style.arrow_length,
                arrow_width: style.arrow_width,
            };
            let centred = link_geometry(end(k), end(0), 0.0, shape_style);
            assert!(drawn.path.bends.is_none());
            // A click is tested against the line as drawn when it is not
            // the one between the centres.
            if drawn != centred {
                moved += 1;
                assert_eq!(link.drawn_geometry(), Some(&drawn));
                // Its source dragged: drawn straight while it moves, and
                // found along that line, not along its last route.
                draw.begin_frame(true);
                let dragged = LinkEnd {
                    centre: Point::new(from.x + 30.0, from.y),
                    shape: &shape,
                };
                let quick = link.geometry((k, 0), dragged, end(0), 0.0);
                assert_ne!(quick, drawn);
                assert_eq!(link.drawn_geometry(), None);
                draw.begin_frame(false);
            }
        }
        assert!(moved > 0, "no link moved");
    }

    #[test]
    fn boundary_points_and_insides_follow_the_figure_shape() {
        for kind in NodeKind::ALL {
            let n = node(kind);
            let (a, b) = n.look.shape.half_size();
            let (a, b) = (a as f32, b as f32);
            let right = boundary(&n, Vec2::new(1.0, 0.0));
            assert!((right - Pos2::new(100.0 + a, 50.0)).length() < 1e-3);
            let below = boundary(&n, Vec2::new(0.0, 2.0));
            assert!((below - Pos2::new(100.0, 50.0 + b)).length() < 1e-3);
            assert!(inside(&n, Pos2::new(100.0 + a - 1.0, 50.0)));
            assert!(!inside(&n, Pos2::new(100.0 + a + 1.0, 50.0)));
            // Near the corner of the bounding box: inside a box only.
            let corner = Pos2::new(100.0 + a - 0.5, 50.0 + b - 0.5);
            assert_eq!(inside(&n, corner), kind == NodeKind::Context, "{kind:?}");
        }
    }
}
