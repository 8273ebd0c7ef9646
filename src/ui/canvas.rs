use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use egui::{Pos2, Rect, Sense, Vec2};
use egui_graphs::{GraphView, MetadataFrame, SettingsInteraction, SettingsNavigation};
use petgraph::stable_graph::{EdgeIndex, NodeIndex};

use crate::edit::{EditCommand, NodePlacement};
use crate::figure::{self, node_shape, FigureStyle, LabelStyle, NodeShape, RouteRequest};
use crate::model::{NodeKind, Project, ViewChoice, ViewPlace};

use super::canvas_display::{
    shape_contains, DrawState, Highlight, LinkLook, NodeLook, Still, StillState, WebGraph, WebLink,
    HIT_CURVE_SEGMENTS,
};
use super::{Selection, UiAction};

/// The id under which egui_graphs keeps the canvas's view (pan and zoom).
const GRAPH_ID: &str = "causal-web canvas";

/// What the pointer is doing on the canvas.
#[derive(Debug, Clone, PartialEq)]
enum Gesture {
    Idle,
    /// Moving these nodes by `offset` canvas units (shown, not yet applied).
    MoveNodes {
        ids: Vec<String>,
        offset: Vec2,
    },
    /// Drawing a link from a node to the pointer.
    DrawLink {
        from: String,
        to: Pos2,
    },
    /// Selecting the nodes inside a rectangle (screen points).
    RubberBand {
        start: Pos2,
        end: Pos2,
    },
    /// Moving the view.
    Pan,
}

/// The thing under a point of the canvas.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hit {
    Node(String),
    Link(String),
}

/// The view a picture of the web was drawn in.
#[derive(Debug, Clone, Copy, PartialEq)]
struct DrawnView {
    rect: Rect,
    offset: Vec2,
    zoom: f32,
    pixels_per_point: f32,
    moving: bool,
}

/// The canvas: a view of the web (pan and zoom), the node shapes measured
/// for it, the web as egui_graphs draws it, and what the pointer is doing.
/// It reads the project and answers with [`UiAction`]s; it never changes
/// the project itself.
pub struct Canvas {
    /// Screen offset of canvas point (0, 0) from the canvas rect's corner.
    offset: Vec2,
    /// Screen points per canvas unit.
    zoom: f32,
    /// The rect the canvas took on the last frame.
    rect: Rect,
    fit_pending: bool,
    /// Where to look on the next frame (a web reopened where it was left).
    place_pending: Option<ViewPlace>,
    gesture: Gesture,
    /// Drag from a node draws a link instead of moving it.
    pub link_mode: bool,
    /// Links are drawn wider the more studies support them (View ▸ Link
    /// width by number of studies: the web's view choice, read each frame).
    pub width_by_studies: bool,
    style: LabelStyle,
    /// The figure style and each frame's budget of exact link geometries.
    draw: Arc<DrawState>,
    shapes: HashMap<String, (String, NodeKind, Arc<NodeShape>)>,
    /// The web handed to egui_graphs' `GraphView`: a node per project node
    /// and an edge per link, in project order.
    graph: WebGraph,
    /// The node ids the graph was built from, in order.
    graph_nodes: Vec<String>,
    /// The links the graph was built from (id, source, target), in order,
    /// with their edges (none when an end is missing).
    graph_links: Vec<(String, String, String, Option<EdgeIndex>)>,
    /// Whether the graph view has been shown (its top-left is known).
    shown: bool,
    /// What GraphView drew last time, and the view it drew it in: replayed
    /// while nothing changes (GraphView asks for a repaint every frame it
    /// runs, so running it only on change lets the window idle).
    last_drawn: Option<(DrawnView, Vec<egui::epaint::ClippedShape>)>,
    /// How full egui's font atlas was after the last drawing: emptier means
    /// egui rebuilt it, and the kept text no longer points at its glyphs.
    atlas_fill: f32,
    context_target: Option<Hit>,
    context_point: Pos2,
    /// Positions of a running layout, in node order (empty when none runs).
    preview: Vec<(f64, f64)>,
    /// Whether the links' polarity marks are placed clear of the shapes
    /// where they now stand (not while nodes move).
    marks_placed: bool,
    /// Whether links with a shape in their way go round it, as in the
    /// export (View ▸ Links round shapes: the web's view choice, read each
    /// frame).
    pub route_links: bool,
    /// Frames drawn since the shapes last moved.
    still_frames: u32,
}

/// The least and most screen points per canvas unit.
const MIN_ZOOM: f32 = 0.05;
const MAX_ZOOM: f32 = 8.0;

/// Frames the shapes stand still before the polarity marks are placed clear
/// of them and links routed round them.
const STILL_FRAMES_BEFORE_PLACING: u32 = 3;

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            offset: Vec2::ZERO,
            zoom: 1.0,
            rect: Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0)),
            fit_pending: true,
            place_pending: None,
            gesture: Gesture::Idle,
            link_mode: false,
            width_by_studies: false,
            style: FigureStyle::default().label,
            draw: Arc::new(DrawState::new(FigureStyle::default())),
            shapes: HashMap::new(),
            graph: WebGraph::new(),
            graph_nodes: Vec::new(),
            graph_links: Vec::new(),
            shown: false,
            last_drawn: None,
            atlas_fill: 0.0,
            context_target: None,
            context_point: Pos2::ZERO,
            preview: Vec::new(),
            marks_placed: false,
            route_links: FigureStyle::default().route_links,
            still_frames: 0,
        }
    }
}

impl Canvas {
    /// Fits the web in view on the next frame.
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
        self.place_pending = None;
    }

    /// Looks at `place` from the next frame: its centre in the middle of
    /// the view, at its zoom (within the zoom's limits).
    pub fn request_place(&mut self, place: ViewPlace) {
        self.place_pending = Some(place);
        self.fit_pending = false;
    }

    /// Where the view looks: the canvas point at its middle, and its zoom
    /// (or, before the first frame, where it was asked to look).
    pub fn view_place(&self) -> ViewPlace {
        if let Some(place) = self.place_pending {
            return place;
        }
        let middle = (self.rect.size() / 2.0 - self.offset) / self.zoom;
        ViewPlace {
            centre: (f64::from(middle.x), f64::from(middle.y)),
            zoom: f64::from(self.zoom),
        }
    }

    /// The label style the shapes are measured with.
    pub fn label_style(&self) -> &LabelStyle {
        &self.style
    }

    /// Screen points per canvas unit.
    pub fn zoom(&self) -> f32 {
        self.zoom
    }

    /// Where a canvas point is on the screen.
    pub fn to_screen(&self, x: f64, y: f64) -> Pos2 {
        self.rect.min + self.offset + Vec2::new(x as f32, y as f32) * self.zoom
    }

    /// The canvas point under a screen point.
    pub fn to_canvas(&self, p: Pos2) -> (f64, f64) {
        let v = (p - self.rect.min - self.offset) / self.zoom;
        (f64::from(v.x), f64::from(v.y))
    }

    /// The screen position of a node's centre (for tests and the context menu).
    pub fn node_screen_pos(&self, project: &Project, id: &str) -> Option<Pos2> {
        let i = project.nodes.iter().position(|n| n.id == id)?;
        let (x, y) = self.position_of(project, i)?;
        Some(self.to_screen(x, y))
    }

    /// Where node `i` is shown: where a running layout has it, else its position.
    fn position_of(&self, project: &Project, i: usize) -> Option<(f64, f64)> {
        if self.preview.len() == project.nodes.len() {
            return self.preview.get(i).copied();
        }
        project.nodes.get(i)?.position()
    }

    /// The canvas point at the centre of the view.
    pub fn view_centre(&self) -> (f64, f64) {
        self.to_canvas(self.rect.center())
    }

    /// The shape of every node, measured once per label and kind.
    fn refresh_shapes(&mut self, project: &Project) {
        if self.shapes.len() > project.nodes.len() * 2 + 64 {
            let live: HashSet<&str> = project.nodes.iter().map(|n| n.id.as_str()).collect();
            self.shapes.retain(|id, _| live.contains(id.as_str()));
        }
        for node in &project.nodes {
            let fresh = matches!(self.shapes.get(&node.id),
                Some((label, kind, _)) if *label == node.label && *kind == node.kind);
            if !fresh {
                let shape = Arc::new(node_shape(&node.label, node.kind, &self.style));
                self.shapes
                    .insert(node.id.clone(), (node.label.clone(), node.kind, shape));
            }
        }
    }

    /// The measured shape of a node (after the first frame that showed it).
    pub fn shape(&self, id: &str) -> Option<&NodeShape> {
        self.shapes.get(id).map(|(_, _, s)| s.as_ref())
    }

    /// Centres of the nodes as drawn now: stored positions, plus the offset
    /// of a move in progress.
    fn drawn_positions(&self, project: &Project) -> Vec<(f64, f64)> {
        let moving: (&[String], Vec2) = match &self.gesture {
            Gesture::MoveNodes { ids, offset } => (ids, *offset),
            _ => (&[], Vec2::ZERO),
        };
        project
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let (mut x, mut y) = self.position_of(project, i).unwrap_or((0.0, 0.0));
                if moving.0.contains(&n.id) {
                    x += f64::from(moving.1.x);
                    y += f64::from(moving.1.y);
                }
                (x, y)
            })
            .collect()
    }

    /// The topmost node or link under a screen point: a polarity mark
    /// (drawn over everything) stands for its link.
    pub fn hit(&self, project: &Project, p: Pos2) -> Option<Hit> {
        let (cx, cy) = self.to_canvas(p);
        for (k, link) in project.links.iter().enumerate().rev() {
            let Some((centre, radius)) = self.drawn_mark(k, &link.id) else {
                continue;
            };
            if figure::Point::new(cx, cy).distance(centre) <= radius {
                return Some(Hit::Link(link.id.clone()));
            }
        }
        for (i, node) in project.nodes.iter().enumerate().rev() {
            let (Some((x, y)), Some(shape)) = (self.position_of(project, i), self.shape(&node.id))
            else {
                continue;
            };
            if shape_contains(shape, (x, y), (cx, cy)) {
                return Some(Hit::Node(node.id.clone()));
            }
        }
        let tolerance = 5.0 / f64::from(self.zoom);
        let index = project.node_indices();
        let at = |id: &str| index.get(id).and_then(|&i| self.position_of(project, i));
        let p = |(x, y): (f64, f64)| figure::Point::new(x, y);
        for (k, link) in project.links.iter().enumerate().rev() {
            let (Some(s), Some(t)) = (at(&link.source), at(&link.target)) else {
                continue;
            };
            // A link drawn round shapes, or bent apart from its reverse, is
            // hit along its line as drawn.
            let near = match self.drawn_route(k, &link.id) {
                Some(route) => route
                    .windows(2)
                    .any(|w| p((cx, cy)).distance_to_segment(p(w[0]), p(w[1])) <= tolerance),
                None => p((cx, cy)).distance_to_segment(p(s), p(t)) <= tolerance,
            };
            if near {
                return Some(Hit::Link(link.id.clone()));
            }
        }
        None
    }

    /// How the `k`th link (whose id is `id`) was last drawn.
    fn link_display(&self, k: usize, id: &str) -> Option<&WebLink> {
        let (link_id, _, _, edge) = self.graph_links.get(k)?;
        if link_id != id {
            return None;
        }
        Some(self.graph.edge((*edge)?)?.display())
    }

    /// Centre and radius of the `k`th link's polarity mark (its id is
    /// `id`) as last drawn.
    fn drawn_mark(&self, k: usize, id: &str) -> Option<(figure::Point, f64)> {
        self.link_display(k, id)?.drawn_mark()
    }

    /// The line of the `k`th link (whose id is `id`) as last drawn, when it
    /// goes round shapes or bends apart from its reverse: from the source's
    /// border to the arrowhead's tip.
    fn drawn_route(&self, k: usize, id: &str) -> Option<Vec<(f64, f64)>> {
        let g = self.link_display(k, id)?.drawn_geometry()?;
        let mut line: Vec<(f64, f64)> = g
            .path
            .polyline(HIT_CURVE_SEGMENTS)
            .iter()
            .map(|p| (p.x, p.y))
            .collect();
        line.push((g.arrowhead.tip.x, g.arrowhead.tip.y));
        Some(line)
    }

    /// Fits the box around every node into the view.
    fn fit(&mut self, project: &Project) {
        let mut bounds: Option<(f64, f64, f64, f64)> = None;
        for (i, node) in project.nodes.iter().enumerate() {
            let (Some((x, y)), Some(shape)) = (self.position_of(project, i), self.shape(&node.id))
            else {
                continue;
            };
            let (a, b) = shape.half_size();
            let (x0, y0, x1, y1) = bounds.unwrap_or((x - a, y - b, x + a, y + b));
            bounds = Some((x0.min(x - a), y0.min(y - b), x1.max(x + a), y1.max(y + b)));
        }
        let Some((x0, y0, x1, y1)) = bounds else {
            self.zoom = 1.0;
            self.offset = self.rect.size() / 2.0;
            return;
        };
        let margin = 24.0;
        let (w, h) = ((x1 - x0).max(1.0) as f32, (y1 - y0).max(1.0) as f32);
        let zoom = ((self.rect.width() - 2.0 * margin) / w)
            .min((self.rect.height() - 2.0 * margin) / h)
            .clamp(MIN_ZOOM, 1.5);
        self.zoom = zoom;
        let centre = Vec2::new(((x0 + x1) / 2.0) as f32, ((y0 + y1) / 2.0) as f32);
        self.offset = self.rect.size() / 2.0 - centre * zoom;
    }

    /// Zooms by `factor`, keeping the canvas point under `about` in place.
    fn zoom_about(&mut self, factor: f32, about: Pos2) {
        let new_zoom = (self.zoom * factor).clamp(MIN_ZOOM, MAX_ZOOM);
        let anchor = about - self.rect.min;
        self.offset = anchor - (anchor - self.offset) * (new_zoom / self.zoom);
        self.zoom = new_zoom;
    }

    /// Whether the last frame drew every link exactly, its polarity mark
    /// placed and its way round shapes found (none waits for a later
    /// frame, nor for the routes being found on their thread).
    pub fn is_drawing_complete(&self) -> bool {
        !self.draw.incomplete() && self.marks_placed && self.draw.routes_found()
    }

    /// Moves the view so that this canvas point is at its centre.
    pub fn centre_on(&mut self, x: f64, y: f64) {
        self.fit_pending = false;
        self.offset = self.rect.size() / 2.0 - Vec2::new(x as f32, y as f32) * self.zoom;
    }

    /// Zooms in (`factor` > 1) or out about the centre of the view.
    pub fn zoom_by(&mut self, factor: f32) {
        self.zoom_about(factor, self.rect.center());
    }

    /// Brings the graph egui_graphs draws up to date with the project: its
    /// nodes and edges (rebuilt when they change, keeping each link's exact
    /// geometry), where each node is drawn and how everything looks.
    /// Returns whether anything drawn changed.
    fn sync_graph(&mut self, project: &Project, selection: &Selection, moving: bool) -> bool {
        let same = self.graph_nodes.len() == project.nodes.len()
            && self.graph_links.len() == project.links.len()
            && self
                .graph_nodes
                .iter()
                .zip(&project.nodes)
                .all(|(id, n)| *id == n.id)
            && self
                .graph_links
                .iter()
                .zip(&project.links)
                .all(|((id, s, t, _), l)| *id == l.id && *s == l.source && *t == l.target);
        if !same {
            self.rebuild_graph(project);
        }
        let mut changed = !same;
        // Whether any shape stands elsewhere or changed size (not only how
        // it looks): then the polarity marks are placed anew.
        let mut shapes_moved = !same;
        let highlight = Highlight::of(project, selection);
        let positions = self.drawn_positions(project);
        for (i, (node, &(x, y))) in project.nodes.iter().zip(&positions).enumerate() {
            let look = self.node_look(node, &highlight);
            if let Some(n) = self.graph.node_mut(NodeIndex::new(i)) {
                let at = Pos2::new(x as f32, y as f32);
                let old = n.payload();
                shapes_moved |= n.location() != at || !Arc::ptr_eq(&old.shape, &look.shape);
                changed |=
                    shapes_moved || old.pinned != look.pinned || old.emphasis != look.emphasis;
                n.set_location(at);
                *n.payload_mut() = look;
            }
        }
        let style = &self.draw.style;
        for (link, (_, _, _, edge)) in project.links.iter().zip(&self.graph_links) {
            let Some(e) = edge.and_then(|e| self.graph.edge_mut(e)) else {
                continue;
            };
            let width = if self.width_by_studies {
                let studies: HashSet<&str> =
                    link.evidence.iter().map(|e| e.study.as_str()).collect();
                style.link_width as f32 * (1.0 + 0.5 * studies.len().min(8) as f32)
            } else {
                style.link_width as f32
            };
            let old = e.payload();
            let look = LinkLook {
                // Set when the graph was built: it depends only on the links.
                reciprocal: old.reciprocal,
                width,
                emphasis: highlight.link(&link.id),
                polarity: link.polarity,
                draw: Arc::clone(&self.draw),
            };
            changed |= old.width != look.width
                || old.emphasis != look.emphasis
                || old.polarity != look.polarity;
            *e.payload_mut() = look;
        }
        // Polarity marks keep clear of the shapes where they stand, and
        // links go round shapes in their way; while nodes move, marks sit at
        // their links' middles and links are straight. Once the shapes stop,
        // a few frames pass before the ways round them are found, so that a
        // layout that stops and starts again does not pay for them.
        if self.draw.routes_links() != self.route_links {
            self.draw.set_routes_links(self.route_links);
            self.marks_placed = false;
        }
        if moving || shapes_moved {
            if self.marks_placed {
                self.draw.set_shapes(None, Vec::new());
                self.marks_placed = false;
                changed = true;
            }
            self.still_frames = 0;
        } else if !self.marks_placed && self.still_frames < STILL_FRAMES_BEFORE_PLACING {
            // Frames keep coming while the canvas waits.
            self.still_frames += 1;
            changed = true;
        } else if !self.marks_placed {
            let shapes = positions
                .iter()
                .enumerate()
                .filter_map(|(i, &(x, y))| {
                    let shape = &self.graph.node(NodeIndex::new(i))?.payload().shape;
                    let outline = self.draw.style.kind(shape.kind).stroke_width;
                    let bounds = figure::Rect::from_centre_size(
                        figure::Point::new(x, y),
                        shape.width + outline,
                        shape.height + outline,
                    );
                    Some((bounds, Arc::clone(shape)))
                })
                .unzip();
            let links = self.route_requests(project, &positions);
            self.draw.set_shapes(Some(shapes), links);
            changed |= !self.marks_placed;
            self.marks_placed = true;
        }
        changed
    }

    /// The links to route round the shapes, in the project's order (as
    /// the export routes them), between the nodes at `positions`.
    fn route_requests(&self, project: &Project, positions: &[(f64, f64)]) -> Vec<RouteRequest> {
        let index: HashMap<&str, usize> = self
            .graph_nodes
            .iter()
            .enumerate()
            .map(|(i, id)| (id.as_str(), i))
            .collect();
        let style = &self.draw.style;
        project
            .links
            .iter()
            .zip(&self.graph_links)
            .filter_map(|(link, (_, _, _, edge))| {
                let reciprocal = self.graph.edge((*edge)?)?.payload().reciprocal;
                let s = *index.get(link.source.as_str())?;
                let t = *index.get(link.target.as_str())?;
                let at = |i: usize| positions.get(i).map(|&(x, y)| figure::Point::new(x, y));
                let (from, to) = (at(s)?, at(t)?);
                Some(RouteRequest {
                    source: s,
                    from,
                    target: t,
                    to,
                    reciprocal_bend: reciprocal.then(|| style.reciprocal_bend_between(from, to)),
                })
            })
            .collect()
    }

    /// How a node looks (its shape must have been measured).
    fn node_look(&self, node: &crate::model::Node, highlight: &Highlight) -> NodeLook {
        let shape = match self.shapes.get(&node.id) {
            Some((_, _, s)) => Arc::clone(s),
            None => Arc::new(node_shape(&node.label, node.kind, &self.style)),
        };
        NodeLook {
            shape,
            pinned: node.pinned,
            emphasis: highlight.node(&node.id),
            draw: Arc::clone(&self.draw),
        }
    }

    /// Builds the graph anew from the project's nodes and links.
    fn rebuild_graph(&mut self, project: &Project) {
        let kept: HashMap<String, _> = self
            .graph_links
            .drain(..)
            .filter_map(|(id, _, _, edge)| {
                let cached = self.graph.edge(edge?)?.display().cached.clone();
                Some((id, cached?))
            })
            .collect();
        let plain = Highlight::default();
        let mut graph = WebGraph::new();
        let mut index = HashMap::new();
        for node in &project.nodes {
            let i = graph.add_node_custom(self.node_look(node, &plain), |_| {});
            index.insert(node.id.as_str(), i);
        }
        let pairs: HashSet<(&str, &str)> = project
            .links
            .iter()
            .map(|l| (l.source.as_str(), l.target.as_str()))
            .collect();
        for link in &project.links {
            let ends = index
                .get(link.source.as_str())
                .zip(index.get(link.target.as_str()));
            let edge = ends.map(|(&s, &t)| {
                let look = LinkLook {
                    reciprocal: pairs.contains(&(link.target.as_str(), link.source.as_str())),
                    width: 1.0,
                    emphasis: Default::default(),
                    polarity: link.polarity,
                    draw: Arc::clone(&self.draw),
                };
                let e = graph.add_edge_custom(s, t, look, |_| {});
                if let Some(edge) = graph.edge_mut(e) {
                    edge.display_mut().cached = kept.get(&link.id).cloned();
                }
                e
            });
            self.graph_links.push((
                link.id.clone(),
                link.source.clone(),
                link.target.clone(),
                edge,
            ));
        }
        self.graph_nodes = project.nodes.iter().map(|n| n.id.clone()).collect();
        self.graph = graph;
    }

    /// Handles the pointer on the canvas's `response`: zoom and pan with the
    /// wheel, the gestures, clicks and the context menu.
    fn handle_pointer(
        &mut self,
        ui: &egui::Ui,
        project: &Project,
        selection: &Selection,
        response: &egui::Response,
    ) -> Vec<UiAction> {
        let mut actions = Vec::new();
        let rect = self.rect;
        let modifiers = ui.input(|i| i.modifiers);

        // Zoom with Ctrl+wheel or pinch, pan with the wheel.
        if let Some(pointer) = response.hover_pos() {
            let (zoom, scroll) = ui.input(|i| (i.zoom_delta(), i.smooth_scroll_delta));
            if zoom != 1.0 {
                self.zoom_about(zoom, pointer);
            } else if scroll != Vec2::ZERO {
                self.offset += scroll;
            }
        }

        let press = ui.input(|i| i.pointer.press_origin());
        if response.drag_started_by(egui::PointerButton::Primary) {
            let origin = press.unwrap_or(rect.center());
            self.gesture = match self.hit(project, origin) {
                Some(Hit::Node(id)) if self.link_mode || modifiers.alt || modifiers.command => {
                    Gesture::DrawLink {
                        from: id,
                        to: origin,
                    }
                }
                Some(Hit::Node(id)) => {
                    let ids = if selection.has_node(&id) {
                        selection.nodes().to_vec()
                    } else {
                        actions.push(UiAction::Select(Selection::Nodes(vec![id.clone()])));
                        vec![id]
                    };
                    Gesture::MoveNodes {
                        ids,
                        offset: Vec2::ZERO,
                    }
                }
                _ => Gesture::RubberBand {
                    start: origin,
                    end: origin,
                },
            };
        } else if response.drag_started_by(egui::PointerButton::Secondary)
            || response.drag_started_by(egui::PointerButton::Middle)
        {
            self.gesture = Gesture::Pan;
        }
        if response.dragged() {
            let delta = response.drag_delta();
            let pointer = response.interact_pointer_pos();
            match &mut self.gesture {
                Gesture::MoveNodes { offset, .. } => *offset += delta / self.zoom,
                Gesture::DrawLink { to, .. } => *to = pointer.unwrap_or(*to),
                Gesture::RubberBand { end, .. } => *end = pointer.unwrap_or(*end),
                Gesture::Pan => self.offset += delta,
                Gesture::Idle => {}
            }
        }
        if response.drag_stopped() {
            let pointer = response.interact_pointer_pos();
            match std::mem::replace(&mut self.gesture, Gesture::Idle) {
                Gesture::MoveNodes { ids, offset } if offset != Vec2::ZERO => {
                    let placements = project
                        .nodes
                        .iter()
                        .enumerate()
                        .filter(|(_, n)| ids.contains(&n.id))
                        .map(|(i, n)| {
                            let (x, y) = self.position_of(project, i).unwrap_or((0.0, 0.0));
                            NodePlacement {
                                id: n.id.clone(),
                                x: x + f64::from(offset.x),
                                y: y + f64::from(offset.y),
                                pinned: true,
                            }
                        })
                        .collect();
                    actions.push(UiAction::Edit(EditCommand::MoveNodes(placements)));
                }
                Gesture::DrawLink { from, to } => {
                    let end = pointer.unwrap_or(to);
                    match self.hit(project, end) {
                        Some(Hit::Node(target)) => actions.push(UiAction::AddLink {
                            source: from,
                            target,
                        }),
                        _ => actions.push(UiAction::Select(Selection::Nodes(vec![from]))),
                    }
                }
                Gesture::RubberBand { start, end } => {
                    let band = Rect::from_two_pos(start, end);
                    let mut ids: Vec<String> = if modifiers.shift {
                        selection.nodes().to_vec()
                    } else {
                        Vec::new()
                    };
                    for (i, node) in project.nodes.iter().enumerate() {
                        if let Some((x, y)) = self.position_of(project, i) {
                            if band.contains(self.to_screen(x, y)) && !ids.contains(&node.id) {
                                ids.push(node.id.clone());
                            }
                        }
                    }
                    actions.push(UiAction::Select(if ids.is_empty() {
                        Selection::Nothing
                    } else {
                        Selection::Nodes(ids)
                    }));
                }
                _ => {}
            }
        }

        if response.clicked() {
            let p = response.interact_pointer_pos().unwrap_or(rect.center());
            actions.push(UiAction::Select(match self.hit(project, p) {
                Some(Hit::Node(id)) if modifiers.shift => selection.toggled(&id),
                Some(Hit::Node(id)) => Selection::Nodes(vec![id]),
                Some(Hit::Link(id)) => Selection::Link(id),
                None if modifiers.shift => selection.clone(),
                None => Selection::Nothing,
            }));
        }
        if response.double_clicked() {
            let p = response.interact_pointer_pos().unwrap_or(rect.center());
            if self.hit(project, p).is_none() {
                actions.push(UiAction::AddNode(
                    NodeKind::Mechanism,
                    Some(self.to_canvas(p)),
                ));
            }
        }
        if response.secondary_clicked() {
            let p = response.interact_pointer_pos().unwrap_or(rect.center());
            self.context_target = self.hit(project, p);
            self.context_point = p;
        }
        response.context_menu(|ui| self.context_menu(ui, project, &mut actions));
        actions
    }

    /// Has GraphView draw the graph in the canvas's view, and keeps what it
    /// drew for [`Self::replay`].
    fn draw_graph(
        &mut self,
        ui: &mut egui::Ui,
        rect: Rect,
        last_min: Pos2,
        fresh: bool,
        drawn_view: DrawnView,
    ) -> egui::Response {
        let layer = ui.layer_id();
        let start = ui
            .ctx()
            .graphics(|g| g.get(layer).map_or(0, |l| l.next_idx().0));
        // GraphView keeps the graph still on screen when its widget moves;
        // the canvas's offset is from the widget's corner, so undo that.
        let shift = if self.shown {
            rect.min - last_min
        } else {
            Vec2::ZERO
        };
        let mut view = MetadataFrame::new(Some(GRAPH_ID.to_string())).load(ui);
        view.zoom = self.zoom;
        view.pan = self.offset - shift;
        view.save(ui);
        // On the view's first frame GraphView fits the web itself (it cannot
        // be told not to): draw that frame unseen, and the next with ours.
        let opacity = ui.opacity();
        if fresh {
            ui.set_opacity(0.0);
        }
        let response = GraphView::<StillState, Still>::new()
            .with_id(Some(GRAPH_ID.to_string()))
            .with_interactions(
                &SettingsInteraction::new()
                    .with_dragging_enabled(false)
                    .with_hover_enabled(false),
            )
            .with_navigations(
                &SettingsNavigation::new()
                    .with_fit_to_screen_enabled(false)
                    .with_zoom_and_pan_enabled(false),
            )
            .show(ui, &mut self.graph)
            .response;
        // The polarity marks over every link and node (unseen, as the rest,
        // on the view's first frame).
        ui.painter_at(rect).extend(self.draw.take_mark_shapes());
        ui.set_opacity(opacity);
        let drawn = MetadataFrame::new(Some(GRAPH_ID.to_string())).load(ui);
        let exact = drawn.zoom == self.zoom && drawn.pan == self.offset;
        if !exact {
            ui.ctx().request_repaint();
        }
        // (Not kept while nodes move every frame: copying costs, and the
        // next frame draws anew anyway.)
        self.last_drawn = (exact && !fresh && !drawn_view.moving).then(|| {
            let shapes = ui.ctx().graphics(|g| {
                g.get(layer).map_or_else(Vec::new, |l| {
                    l.all_entries().skip(start).cloned().collect::<Vec<_>>()
                })
            });
            (drawn_view, shapes)
        });
        self.atlas_fill = ui.ctx().fonts(|f| f.font_atlas_fill_ratio());
        response
    }

    /// Draws again what GraphView drew last time, in the widget it would
    /// take (the same id, so the same interactions).
    fn replay(&self, ui: &mut egui::Ui) -> egui::Response {
        let (response, painter) = ui.allocate_painter(ui.available_size(), Sense::click_and_drag());
        if let Some((_, shapes)) = &self.last_drawn {
            let layer = painter.layer_id();
            ui.ctx().graphics_mut(|g| {
                let list = g.entry(layer);
                for s in shapes {
                    list.add(s.clip_rect, s.shape.clone());
                }
            });
        }
        response
    }

    /// Shows the web and handles the pointer; returns what the user asked for.
    ///
    /// egui_graphs' `GraphView` draws the nodes and links (through
    /// [`super::canvas_display`]) with its own interactions and navigation
    /// off: the canvas keeps the view transform and the gestures, and hands
    /// the transform to the view before it draws.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        selection: &Selection,
        preview: Option<&[(f64, f64)]>,
    ) -> Vec<UiAction> {
        let mut actions = Vec::new();
        // How the web is drawn, as its view says.
        self.route_links = project.view_choice(ViewChoice::LinksRoundShapes);
        self.width_by_studies = project.view_choice(ViewChoice::LinkWidthByStudies);
        self.preview.clear();
        if let Some(p) = preview {
            self.preview.extend_from_slice(p);
        }
        self.refresh_shapes(project);
        // The rect GraphView will take: all the space left.
        let rect = ui.available_rect_before_wrap();
        let last_min = self.rect.min;
        self.rect = rect;
        if let Some(place) = self.place_pending.take() {
            self.zoom = (place.zoom as f32).clamp(MIN_ZOOM, MAX_ZOOM);
            self.centre_on(place.centre.0, place.centre.1);
            // A place too far out for the screen's numbers: fitted instead.
            if !(self.offset.x.is_finite() && self.offset.y.is_finite()) {
                self.fit(project);
            }
        } else if self.fit_pending {
            self.fit(project);
            self.fit_pending = false;
        }
        // The response GraphView's widget will have this frame, read before
        // it draws (egui decides interactions at the start of the frame), so
        // that the picture follows the pointer without a frame's delay. None
        // when no such widget was shown last frame: then the view is new.
        let last = ui.ctx().read_response(ui.next_auto_id());
        let fresh = last.is_none();
        let early = last.filter(|r| r.sense == Sense::click_and_drag());
        if let Some(response) = &early {
            actions.extend(self.handle_pointer(ui, project, selection, response));
        }

        let moving = !self.preview.is_empty() || matches!(self.gesture, Gesture::MoveNodes { .. });
        let incomplete = self.draw.incomplete();
        let changed = self.sync_graph(project, selection, moving);
        let drawn_view = DrawnView {
            rect,
            offset: self.offset,
            zoom: self.zoom,
            pixels_per_point: ui.pixels_per_point(),
            moving,
        };
        let replay = match &self.last_drawn {
            Some((v, _)) => {
                !fresh
                    && !changed
                    && !incomplete
                    && *v == drawn_view
                    && ui.ctx().fonts(|f| f.font_atlas_fill_ratio()) >= self.atlas_fill
            }
            None => false,
        };
        let response = if replay {
            self.replay(ui)
        } else {
            self.draw.begin_frame(moving);
            self.draw_graph(ui, rect, last_min, fresh, drawn_view)
        };
        self.shown = true;
        self.rect = response.rect;
        if early.is_none() {
            actions.extend(self.handle_pointer(ui, project, selection, &response));
        }
        let rect = self.rect;

        let painter = ui.painter_at(rect);
        if self.draw.incomplete() {
            ui.ctx().request_repaint();
        }
        match &self.gesture {
            Gesture::DrawLink { from, to } => {
                let from = project.nodes.iter().position(|n| n.id == *from);
                if let Some((x, y)) = from.and_then(|i| self.position_of(project, i)) {
                    painter.arrow(
                        self.to_screen(x, y),
                        *to - self.to_screen(x, y),
                        egui::Stroke::new(2.0, egui::Color32::from_rgb(200, 90, 0)),
                    );
                }
            }
            Gesture::RubberBand { start, end } => {
                painter.rect(
                    Rect::from_two_pos(*start, *end),
                    0.0,
                    egui::Color32::from_rgba_unmultiplied(80, 130, 220, 30),
                    egui::Stroke::new(1.0, egui::Color32::from_rgb(80, 130, 220)),
                    egui::StrokeKind::Inside,
                );
            }
            _ => {}
        }
        if project.nodes.is_empty() {
            painter.text(
                rect.center(),
                egui::Align2::CENTER_CENTER,
                "Double-click to add a mechanism, or use the toolbar",
                egui::FontId::proportional(16.0),
                ui.visuals().weak_text_color(),
            );
        }
        actions
    }

    fn context_menu(&self, ui: &mut egui::Ui, project: &Project, actions: &mut Vec<UiAction>) {
        match &self.context_target {
            Some(Hit::Node(id)) => {
                let Some(i) = project.nodes.iter().position(|n| &n.id == id) else {
                    return;
                };
                let node = &project.nodes[i];
                let (x, y) = self.position_of(project, i).unwrap_or((0.0, 0.0));
                let label = if node.pinned { "Unpin" } else { "Pin" };
                if ui.button(label).clicked() {
                    actions.push(UiAction::Edit(EditCommand::MoveNodes(vec![
                        NodePlacement {
                            id: id.clone(),
                            x,
                            y,
                            pinned: !node.pinned,
                        },
                    ])));
                    ui.close();
                }
                if ui.button("Delete node").clicked() {
                    actions.push(UiAction::Edit(EditCommand::RemoveNodes(vec![id.clone()])));
                    ui.close();
                }
            }
            Some(Hit::Link(id)) => {
                if ui.button("Delete link").clicked() {
                    actions.push(UiAction::Edit(EditCommand::RemoveLinks(vec![id.clone()])));
                    ui.close();
                }
            }
            None => {
                let at = self.to_canvas(self.context_point);
                for kind in NodeKind::ALL {
                    if ui.button(format!("Add {} here", kind.name())).clicked() {
                        actions.push(UiAction::AddNode(kind, Some(at)));
                        ui.close();
                    }
                }
                if ui.button("Fit to view").clicked() {
                    actions.push(UiAction::FitView);
                    ui.close();
                }
            }
        }
    }
}
