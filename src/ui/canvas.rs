use std::collections::{HashMap, HashSet};

use egui::{Pos2, Rect, Sense, Vec2};

use crate::edit::{EditCommand, NodePlacement};
use crate::figure::{node_shape, FigureStyle, LabelStyle, NodeShape};
use crate::model::{NodeKind, Project};

use super::canvas_paint::{paint_web, Highlight, LinkCache, WebPicture};
use super::{Selection, UiAction};

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

/// The canvas: a view of the web (pan and zoom), the node shapes measured
/// for it, and what the pointer is doing. It reads the project and answers
/// with [`UiAction`]s; it never changes the project itself.
pub struct Canvas {
    /// Screen offset of canvas point (0, 0) from the canvas rect's corner.
    offset: Vec2,
    /// Screen points per canvas unit.
    zoom: f32,
    /// The rect the canvas took on the last frame.
    rect: Rect,
    fit_pending: bool,
    gesture: Gesture,
    /// Drag from a node draws a link instead of moving it.
    pub link_mode: bool,
    /// Links are drawn wider the more studies support them.
    pub width_by_studies: bool,
    style: LabelStyle,
    figure_style: FigureStyle,
    links: LinkCache,
    shapes: HashMap<String, (String, NodeKind, NodeShape)>,
    context_target: Option<Hit>,
    context_point: Pos2,
    /// Positions of a running layout, in node order (empty when none runs).
    preview: Vec<(f64, f64)>,
}

impl Default for Canvas {
    fn default() -> Self {
        Canvas {
            offset: Vec2::ZERO,
            zoom: 1.0,
            rect: Rect::from_min_size(Pos2::ZERO, Vec2::new(800.0, 600.0)),
            fit_pending: true,
            gesture: Gesture::Idle,
            link_mode: false,
            width_by_studies: false,
            style: FigureStyle::default().label,
            figure_style: FigureStyle::default(),
            links: LinkCache::default(),
            shapes: HashMap::new(),
            context_target: None,
            context_point: Pos2::ZERO,
            preview: Vec::new(),
        }
    }
}

impl Canvas {
    /// Fits the web in view on the next frame.
    pub fn request_fit(&mut self) {
        self.fit_pending = true;
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
                let shape = node_shape(&node.label, node.kind, &self.style);
                self.shapes
                    .insert(node.id.clone(), (node.label.clone(), node.kind, shape));
            }
        }
    }

    /// The measured shape of a node (after the first frame that showed it).
    pub fn shape(&self, id: &str) -> Option<&NodeShape> {
        self.shapes.get(id).map(|(_, _, s)| s)
    }

    /// Centres of the nodes as drawn now: stored positions, plus the offset
    /// of a move in progress.
    fn drawn_positions<'a>(&self, project: &'a Project) -> HashMap<&'a str, (f64, f64)> {
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
                (n.id.as_str(), (x, y))
            })
            .collect()
    }

    /// The topmost node or link under a screen point.
    pub fn hit(&self, project: &Project, p: Pos2) -> Option<Hit> {
        let (cx, cy) = self.to_canvas(p);
        for (i, node) in project.nodes.iter().enumerate().rev() {
            let (Some((x, y)), Some(shape)) = (self.position_of(project, i), self.shape(&node.id))
            else {
                continue;
            };
            let (a, b) = shape.half_size();
            let (dx, dy) = (cx - x, cy - y);
            let inside = match node.kind {
                NodeKind::Context => dx.abs() <= a && dy.abs() <= b,
                _ => (dx / a).powi(2) + (dy / b).powi(2) <= 1.0,
            };
            if inside {
                return Some(Hit::Node(node.id.clone()));
            }
        }
        let tolerance = 5.0 / f64::from(self.zoom);
        let index: HashMap<&str, usize> = project
            .nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect();
        let at = |id: &str| index.get(id).and_then(|&i| self.position_of(project, i));
        for link in project.links.iter().rev() {
            let (Some(s), Some(t)) = (at(&link.source), at(&link.target)) else {
                continue;
            };
            if distance_to_segment((cx, cy), s, t) <= tolerance {
                return Some(Hit::Link(link.id.clone()));
            }
        }
        None
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
            .clamp(0.05, 1.5);
        self.zoom = zoom;
        let centre = Vec2::new(((x0 + x1) / 2.0) as f32, ((y0 + y1) / 2.0) as f32);
        self.offset = self.rect.size() / 2.0 - centre * zoom;
    }

    /// Zooms by `factor`, keeping the canvas point under `about` in place.
    fn zoom_about(&mut self, factor: f32, about: Pos2) {
        let new_zoom = (self.zoom * factor).clamp(0.05, 8.0);
        let anchor = about - self.rect.min;
        self.offset = anchor - (anchor - self.offset) * (new_zoom / self.zoom);
        self.zoom = new_zoom;
    }

    /// Whether the last frame drew every link exactly (none waits for a
    /// later frame).
    pub fn is_drawing_complete(&self) -> bool {
        !self.links.incomplete
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

    /// Shows the web and handles the pointer; returns what the user asked for.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        selection: &Selection,
        preview: Option<&[(f64, f64)]>,
    ) -> Vec<UiAction> {
        let mut actions = Vec::new();
        self.preview.clear();
        if let Some(p) = preview {
            self.preview.extend_from_slice(p);
        }
        self.refresh_shapes(project);
        let (rect, response) = ui.allocate_exact_size(ui.available_size(), Sense::click_and_drag());
        self.rect = rect;
        if self.fit_pending {
            self.fit(project);
            self.fit_pending = false;
        }
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

        let painter = ui.painter_at(rect);
        let highlight = Highlight::of(project, selection);
        let positions = self.drawn_positions(project);
        let picture = WebPicture {
            project,
            positions: &positions,
            shapes: &self.shapes,
            highlight: &highlight,
            width_by_studies: self.width_by_studies,
            style: &self.figure_style,
            moving: !self.preview.is_empty() || matches!(self.gesture, Gesture::MoveNodes { .. }),
        };
        self.links.retain(project);
        let (rect_min, offset, zoom) = (self.rect.min, self.offset, self.zoom);
        paint_web(
            &painter,
            &picture,
            &mut self.links,
            |x, y| rect_min + offset + Vec2::new(x as f32, y as f32) * zoom,
            zoom,
        );
        if self.links.incomplete {
            ui.ctx().request_repaint();
        }
        match &self.gesture {
            Gesture::DrawLink { from, to } => {
                if let Some(&(x, y)) = positions.get(from.as_str()) {
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

/// Distance from `p` to the segment `a`–`b`.
fn distance_to_segment(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    };
    let (qx, qy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - qx).powi(2) + (p.1 - qy).powi(2)).sqrt()
}
