//! Where a link is drawn: a straight or gently bent path from the source's
//! border to the target's border, an arrowhead whose tip touches the
//! target's border, and the place of its polarity mark.

use std::sync::Arc;

use super::geometry::{Point, Rect};
use super::{NodeShape, Route};
use crate::model::NodeKind;

/// A link's line: a straight segment, a quadratic Bézier curve when
/// `control` is set, or a route around shapes when `bends` is set (straight
/// legs joined by rounded corners).
#[derive(Debug, Clone, PartialEq)]
pub struct LinkPath {
    /// On the source's border.
    pub start: Point,
    pub control: Option<Point>,
    /// The corners a routed link turns at, in order ([`super::LinkRouter`]).
    pub bends: Option<Arc<[Point]>>,
    /// Inside the arrowhead, so that line and head join without a gap.
    pub end: Point,
}

/// One piece of a drawn path, from where the last one ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PathPiece {
    /// A straight line to the point.
    Line(Point),
    /// A quadratic Bézier curve with this control point, to the second point.
    Quad(Point, Point),
}

/// Radius of the rounded corners of a routed link (less where its legs are
/// short, or where the turn is sharp: see [`CORNER_DEPTH`]).
pub const CORNER_RADIUS: f64 = 14.0;

/// How far a rounded corner may cut in from the corner itself, along either
/// axis: less than the room a route keeps from the shapes it goes round
/// ([`super::ROUTE_CLEARANCE`] less a reciprocal link's shift), so that the
/// line as drawn stays clear of them.
const CORNER_DEPTH: f64 = 1.2;

/// Straight pieces drawn for each rounded corner in [`LinkPath::polyline`].
const CORNER_SEGMENTS: usize = 3;

impl LinkPath {
    /// A straight path.
    pub fn straight(start: Point, end: Point) -> Self {
        LinkPath {
            start,
            control: None,
            bends: None,
            end,
        }
    }

    /// The path after `start`, as it is drawn.
    pub fn pieces(&self) -> Vec<PathPiece> {
        match (&self.bends, self.control) {
            (Some(bends), _) => {
                let mut points = Vec::with_capacity(bends.len() + 2);
                points.push(self.start);
                points.extend(bends.iter().copied());
                points.push(self.end);
                let mut pieces = Vec::with_capacity(2 * bends.len() + 1);
                for w in points.windows(3) {
                    let (a, corner, b) = (w[0], w[1], w[2]);
                    let (ua, ub) = (corner.to(a).unit(), corner.to(b).unit());
                    // The curve's deepest point lies (ua + ub) r / 4 from
                    // the corner, towards the shape the route goes round.
                    let inward = (ua.x + ub.x).abs().max((ua.y + ub.y).abs());
                    let r = CORNER_RADIUS
                        .min(a.distance(corner) / 2.0)
                        .min(b.distance(corner) / 2.0)
                        .min(if inward > 0.0 {
                            4.0 * CORNER_DEPTH / inward
                        } else {
                            f64::INFINITY
                        });
                    pieces.push(PathPiece::Line(corner.plus(corner.to(a).unit(), r)));
                    pieces.push(PathPiece::Quad(corner, corner.plus(corner.to(b).unit(), r)));
                }
                pieces.push(PathPiece::Line(self.end));
                pieces
            }
            (None, Some(c)) => vec![PathPiece::Quad(c, self.end)],
            (None, None) => vec![PathPiece::Line(self.end)],
        }
    }

    /// The path as a polyline: a straight path as one segment, a curve as
    /// `segments` straight pieces, a route with each rounded corner as a
    /// few.
    pub fn polyline(&self, segments: usize) -> Vec<Point> {
        self.polyline_with_corners(segments, CORNER_SEGMENTS)
    }

    /// [`LinkPath::polyline`] with each rounded corner of a route as
    /// `corner_segments` straight pieces, or, for 0, as the sharp corner
    /// (when the rounding is too small to see).
    pub fn polyline_with_corners(&self, segments: usize, corner_segments: usize) -> Vec<Point> {
        if corner_segments == 0 {
            if let Some(bends) = &self.bends {
                let mut points = Vec::with_capacity(bends.len() + 2);
                points.push(self.start);
                points.extend(bends.iter().copied());
                points.push(self.end);
                return points;
            }
        }
        let mut points = vec![self.start];
        for piece in self.pieces() {
            match piece {
                PathPiece::Line(p) => points.push(p),
                PathPiece::Quad(c, p) => {
                    let from = *points.last().expect("the start");
                    let n = if self.bends.is_some() {
                        corner_segments
                    } else {
                        segments.max(1)
                    };
                    points.extend((1..=n).map(|i| bezier(from, c, p, i as f64 / n as f64)));
                }
            }
        }
        points
    }

    /// The point at parameter `t` (0 at `start`, 1 at `end`); along a route,
    /// `t` is the share of its length.
    pub fn point_at(&self, t: f64) -> Point {
        match (&self.bends, self.control) {
            (Some(_), _) => along(&self.polyline(0), t),
            (None, Some(c)) => bezier(self.start, c, self.end, t),
            (None, None) => self.start.lerp(self.end, t),
        }
    }

    /// The smallest rectangle holding the whole line (not its width).
    pub fn bounds(&self) -> Rect {
        let ends = Rect::around([self.start, self.end]).expect("two points");
        match (&self.bends, self.control) {
            (Some(bends), _) => bends.iter().fold(ends, |r, &p| r.including(p)),
            (None, None) => ends,
            (None, Some(c)) => {
                // A quadratic Bézier's extremes lie at its ends or where a
                // coordinate's derivative vanishes.
                let mut r = ends;
                for (p0, p1, p2, axis) in [
                    (self.start.x, c.x, self.end.x, 0),
                    (self.start.y, c.y, self.end.y, 1),
                ] {
                    let d = p0 - 2.0 * p1 + p2;
                    if d.abs() > 1e-12 {
                        let t = (p0 - p1) / d;
                        if t > 0.0 && t < 1.0 {
                            let p = self.point_at(t);
                            r = r.including(if axis == 0 {
                                Point::new(p.x, self.start.y)
                            } else {
                                Point::new(self.start.x, p.y)
                            });
                        }
                    }
                }
                r
            }
        }
    }

    /// The same path moved by `d`.
    pub fn shifted(&self, d: Point) -> LinkPath {
        LinkPath {
            start: self.start.plus(d, 1.0),
            control: self.control.map(|c| c.plus(d, 1.0)),
            bends: self
                .bends
                .as_ref()
                .map(|b| b.iter().map(|p| p.plus(d, 1.0)).collect()),
            end: self.end.plus(d, 1.0),
        }
    }
}

/// The point at share `t` of the length of the polyline `points`.
fn along(points: &[Point], t: f64) -> Point {
    let total: f64 = points.windows(2).map(|w| w[0].distance(w[1])).sum();
    let mut left = t.clamp(0.0, 1.0) * total;
    for w in points.windows(2) {
        let length = w[0].distance(w[1]);
        if left <= length && length > 0.0 {
            return w[0].lerp(w[1], left / length);
        }
        left -= length;
    }
    *points.last().expect("a path has two points at least")
}

/// A link's arrowhead: a triangle with its tip on the target's border.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Arrowhead {
    pub tip: Point,
    /// The two corners of the base, left and right of the link's direction.
    pub left: Point,
    pub right: Point,
}

impl Arrowhead {
    /// The triangle's corners: tip, left, right.
    pub fn polygon(&self) -> [Point; 3] {
        [self.tip, self.left, self.right]
    }
}

/// Everything needed to draw one link.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkGeometry {
    pub path: LinkPath,
    pub arrowhead: Arrowhead,
    /// The middle of the visible line, where a polarity mark goes unless a
    /// shape covers it there ([`super::mark_place`]).
    pub middle: Point,
}

/// The sizes that shape a link.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkShapeStyle {
    pub arrow_length: f64,
    pub arrow_width: f64,
}

/// One end of a link: a node's centre and shape.
#[derive(Debug, Clone, Copy)]
pub struct LinkEnd<'a> {
    pub centre: Point,
    pub shape: &'a NodeShape,
}

/// The geometry of a link from `source` to `target`, bent sideways by
/// `bend` canvas units at its middle (to its right for positive `bend`; 0
/// for a straight link). The line leaves the source's border and the
/// arrowhead's tip touches the target's border. When the two shapes overlap
/// so that no line is visible, the link shrinks to a short arrow between
/// the centres.
pub fn link_geometry(
    source: LinkEnd<'_>,
    target: LinkEnd<'_>,
    bend: f64,
    style: LinkShapeStyle,
) -> LinkGeometry {
    let (p0, p2) = (source.centre, target.centre);
    let direction = p0.to(p2);
    let control = if bend != 0.0 && direction.length() > 0.0 {
        Some(
            p0.lerp(p2, 0.5)
                .plus(direction.unit().perpendicular(), 2.0 * bend),
        )
    } else {
        None
    };
    if control.is_none() {
        if let Some(g) = straight_link(source, target, style) {
            return g;
        }
    }
    let p1 = control.unwrap_or_else(|| p0.lerp(p2, 0.5));
    let curve = |t: f64| bezier(p0, p1, p2, t);
    let in_source = |p: Point| inside(source.shape, source.centre, p);
    let in_target = |p: Point| inside(target.shape, target.centre, p);

    // Bracket the stretch of the curve outside both shapes by sampling,
    // then find its ends by bisection.
    const SAMPLES: usize = 64;
    let ts: Vec<f64> = (0..=SAMPLES).map(|i| i as f64 / SAMPLES as f64).collect();
    let first_out = ts
        .iter()
        .position(|&t| !in_source(curve(t)) && !in_target(curve(t)));
    let last_out = ts
        .iter()
        .rposition(|&t| !in_source(curve(t)) && !in_target(curve(t)));
    let (t0, t1) = match (first_out, last_out) {
        (Some(a), Some(b)) if a <= b => {
            let t0 = if a == 0 {
                0.0
            } else {
                bisect(ts[a - 1], ts[a], |t| !in_source(curve(t)))
            };
            let t1 = if b == SAMPLES {
                1.0
            } else {
                // `in_target` turns true beyond ts[b].
                bisect(ts[b], ts[b + 1], |t| in_target(curve(t)))
            };
            (t0, t1)
        }
        _ => (0.45, 0.55),
    };

    let tip = curve(t1);
    let chord = curve(t0).distance(tip);
    let arrow_length = style.arrow_length.min(chord);
    let arrow_width = style.arrow_width * arrow_length / style.arrow_length.max(1e-9);
    // The arrowhead's base: where the curve is `arrow_length` from the tip.
    let t_base = bisect(t0, t1, |t| curve(t).distance(tip) < arrow_length);
    let base = curve(t_base);
    let axis = base.to(tip).unit();
    let side = axis.perpendicular();
    let arrowhead = Arrowhead {
        tip,
        // With y growing downward, `perpendicular` points to the right of
        // the direction of travel.
        left: base.plus(side, -arrow_width / 2.0),
        right: base.plus(side, arrow_width / 2.0),
    };
    // The line runs a little into the head so that they join cleanly.
    let t_end = bisect(t0, t1, |t| curve(t).distance(tip) < 0.7 * arrow_length);
    let path = LinkPath {
        start: curve(t0),
        control: control.map(|_| sub_curve_control(p0, p1, p2, t0, t_end)),
        bends: None,
        end: curve(t_end),
    };
    LinkGeometry {
        path,
        arrowhead,
        middle: curve((t0 + t_base) / 2.0),
    }
}

/// A straight link, its ends found directly on the borders; `None` when the
/// shapes overlap so much that no line would show.
fn straight_link(
    source: LinkEnd<'_>,
    target: LinkEnd<'_>,
    style: LinkShapeStyle,
) -> Option<LinkGeometry> {
    let direction = source.centre.to(target.centre);
    let length = direction.length();
    let unit = direction.unit();
    let (sx, sy) = source.shape.border_point(unit.x, unit.y);
    let (tx, ty) = target.shape.border_point(-unit.x, -unit.y);
    let visible = length - Point::new(sx, sy).length() - Point::new(tx, ty).length();
    if length == 0.0 || visible <= 0.0 {
        return None;
    }
    let start = source.centre.plus(Point::new(sx, sy), 1.0);
    let tip = target.centre.plus(Point::new(tx, ty), 1.0);
    let (arrowhead, base, line_end) = straight_head(tip, unit, visible, style);
    Some(LinkGeometry {
        path: LinkPath::straight(start, line_end),
        arrowhead,
        middle: start.lerp(base, 0.5),
    })
}

/// The arrowhead whose tip is `tip`, arriving along the unit vector `axis`
/// on a straight stretch `room` long (a shorter head where there is less
/// room), with the middle of its base, and where the line ends, a little
/// inside the head so that they join cleanly.
fn straight_head(
    tip: Point,
    axis: Point,
    room: f64,
    style: LinkShapeStyle,
) -> (Arrowhead, Point, Point) {
    let arrow_length = style.arrow_length.min(room);
    let arrow_width = style.arrow_width * arrow_length / style.arrow_length.max(1e-9);
    let base = tip.plus(axis, -arrow_length);
    let side = axis.perpendicular();
    let arrowhead = Arrowhead {
        tip,
        left: base.plus(side, -arrow_width / 2.0),
        right: base.plus(side, arrow_width / 2.0),
    };
    (arrowhead, base, tip.plus(axis, -0.7 * arrow_length))
}

/// The geometry of a link as the figure draws it: along `route` when it
/// has one ([`routed_link_geometry`]), else straight or, for one of a pair
/// linked both ways, bent by `bend` ([`link_geometry`]).
pub fn drawn_link_geometry(
    source: LinkEnd<'_>,
    target: LinkEnd<'_>,
    route: Option<&Route>,
    bend: f64,
    style: LinkShapeStyle,
) -> LinkGeometry {
    match route {
        Some(route) => routed_link_geometry(source, target, route, style),
        None => link_geometry(source, target, bend, style),
    }
}

/// The geometry of a link routed around shapes along `route` ([`Route`]:
/// bends outside both ends' shapes, from [`super::LinkRouter::routes`]):
/// the line leaves the source's border on the way from `route.from` to the
/// first bend, and the arrowhead's tip touches the target's border on the
/// way from the last bend to `route.to`. A route without bends is a
/// straight link along the line from `route.from` to `route.to` (points
/// inside the two shapes), border to border.
pub fn routed_link_geometry(
    source: LinkEnd<'_>,
    target: LinkEnd<'_>,
    route: &Route,
    style: LinkShapeStyle,
) -> LinkGeometry {
    // Where the line through `aim` and `bend` crosses the end's border.
    let border = |end: LinkEnd<'_>, aim: Point, bend: Point| {
        let from = end.centre.to(aim);
        let d = aim.to(bend);
        let (x, y) = end.shape.exit_point((from.x, from.y), d.x, d.y);
        end.centre.plus(Point::new(x, y), 1.0)
    };
    let (Some(&first), Some(&last)) = (route.bends.first(), route.bends.last()) else {
        // Straight, between its aims.
        let (from, to) = (route.from, route.to);
        if from == source.centre && to == target.centre || from == to {
            return link_geometry(source, target, 0.0, style);
        }
        let start = border(source, from, to);
        let tip = border(target, to, from);
        let visible = start.to(tip);
        let axis = from.to(to).unit();
        if visible.x * axis.x + visible.y * axis.y <= 0.0 {
            return link_geometry(source, target, 0.0, style);
        }
        let room = visible.length();
        let (arrowhead, base, end) = straight_head(tip, axis, room, style);
        return LinkGeometry {
            path: LinkPath::straight(start, end),
            arrowhead,
            middle: start.lerp(base, 0.5),
        };
    };
    let start = border(source, route.from, first);
    let tip = border(target, route.to, last);
    let (arrowhead, _, end) = straight_head(tip, last.to(tip).unit(), last.distance(tip), style);
    let path = LinkPath {
        start,
        control: None,
        bends: Some(Arc::clone(&route.bends)),
        end,
    };
    LinkGeometry {
        middle: path.point_at(0.5),
        path,
        arrowhead,
    }
}

/// Whether `p` lies inside (or on) the shape centred at `centre`.
pub fn inside(shape: &NodeShape, centre: Point, p: Point) -> bool {
    let (a, b) = shape.half_size();
    let (dx, dy) = (p.x - centre.x, p.y - centre.y);
    match shape.kind {
        NodeKind::Context => dx.abs() <= a && dy.abs() <= b,
        NodeKind::Mechanism | NodeKind::Outcome => (dx / a).powi(2) + (dy / b).powi(2) <= 1.0,
    }
}

/// The quadratic Bézier curve through p0 and p2 with control p1, at `t`.
pub(super) fn bezier(p0: Point, p1: Point, p2: Point, t: f64) -> Point {
    let u = 1.0 - t;
    Point::new(
        u * u * p0.x + 2.0 * u * t * p1.x + t * t * p2.x,
        u * u * p0.y + 2.0 * u * t * p1.y + t * t * p2.y,
    )
}

/// The control point of the part of the curve between `t0` and `t1`
/// (its blossom at `(t0, t1)`).
fn sub_curve_control(p0: Point, p1: Point, p2: Point, t0: f64, t1: f64) -> Point {
    let (a, b, c) = (
        (1.0 - t0) * (1.0 - t1),
        (1.0 - t0) * t1 + t0 * (1.0 - t1),
        t0 * t1,
    );
    Point::new(
        a * p0.x + b * p1.x + c * p2.x,
        a * p0.y + b * p1.y + c * p2.y,
    )
}

/// The `t` in `[lo, hi]` where `past` turns from false to true, assuming it
/// does so once.
fn bisect(mut lo: f64, mut hi: f64, past: impl Fn(f64) -> bool) -> f64 {
    for _ in 0..48 {
        let mid = (lo + hi) / 2.0;
        if past(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    (lo + hi) / 2.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::{node_shape, LabelStyle};

    const STYLE: LinkShapeStyle = LinkShapeStyle {
        arrow_length: 10.0,
        arrow_width: 8.0,
    };

    fn end(centre: Point, shape: &NodeShape) -> LinkEnd<'_> {
        LinkEnd { centre, shape }
    }

    fn on_border(shape: &NodeShape, centre: Point, p: Point) -> bool {
        let (a, b) = shape.half_size();
        let (dx, dy) = ((p.x - centre.x) / a, (p.y - centre.y) / b);
        match shape.kind {
            NodeKind::Context => ((dx.abs().max(dy.abs())) - 1.0).abs() < 1e-6,
            _ => ((dx * dx + dy * dy).sqrt() - 1.0).abs() < 1e-6,
        }
    }

    #[test]
    fn links_run_from_border_to_border_straight_or_bent() {
        let style = LabelStyle::default();
        let box_ = node_shape("Voluntary arrangement", NodeKind::Context, &style);
        let ellipse = node_shape("Trust", NodeKind::Outcome, &style);
        let (a, b) = (Point::new(0.0, 0.0), Point::new(300.0, 80.0));
        for bend in [0.0, 30.0, -30.0] {
            let g = link_geometry(end(a, &box_), end(b, &ellipse), bend, STYLE);
            assert!(on_border(&box_, a, g.path.start), "{bend}: {:?}", g.path);
            assert!(on_border(&ellipse, b, g.arrowhead.tip), "{bend}");
            assert!((g.arrowhead.left.distance(g.arrowhead.right) - 8.0).abs() < 1e-6);
            // The line ends inside the head, short of the tip.
            let to_tip = g.path.end.distance(g.arrowhead.tip);
            assert!(to_tip > 5.0 && to_tip < 10.0, "{to_tip}");
            assert_eq!(g.path.control.is_some(), bend != 0.0);
            // A bend to the right moves the middle to the right of travel.
            let side = a.to(b).unit().perpendicular();
            let offset = a.lerp(b, 0.5).to(g.middle);
            let across = offset.x * side.x + offset.y * side.y;
            assert!((across > 1.0) == (bend > 0.0) && (across < -1.0) == (bend < 0.0));
            let r = g.path.bounds();
            for p in g.path.polyline(32) {
                assert!(r.expand(1e-9).contains_rect(&Rect::from_min_max(p, p)));
            }
        }
    }

    #[test]
    fn overlapping_shapes_give_a_short_arrow_not_a_panic() {
        let s = node_shape("Trust", NodeKind::Mechanism, &LabelStyle::default());
        let end = |x| LinkEnd {
            centre: Point::new(x, 0.0),
            shape: &s,
        };
        let g = link_geometry(end(0.0), end(5.0), 0.0, STYLE);
        assert!(g.arrowhead.tip.x.is_finite() && g.path.start.x.is_finite());
        let g = link_geometry(end(0.0), end(0.0), 0.0, STYLE);
        assert!(g.arrowhead.tip.x.is_finite());
    }

    #[test]
    fn a_straight_route_runs_between_its_aims_from_border_to_border() {
        let style = LabelStyle::default();
        let box_ = node_shape("Quick wins", NodeKind::Context, &style);
        let ellipse = node_shape("Trust", NodeKind::Mechanism, &style);
        let (a, b) = (Point::new(0.0, 0.0), Point::new(400.0, 0.0));
        let straight = |from: Point, to: Point| Route {
            from,
            bends: Arc::from([]),
            to,
        };
        // Aimed at the centres: the straight link between them.
        let centres = routed_link_geometry(end(a, &box_), end(b, &ellipse), &straight(a, b), STYLE);
        assert_eq!(
            centres,
            link_geometry(end(a, &box_), end(b, &ellipse), 0.0, STYLE)
        );
        // Aimed 6 units below the target's centre: it arrives there, along
        // the line between the aims, with its head on the border.
        let aim = Point::new(400.0, 6.0);
        let g = routed_link_geometry(end(a, &box_), end(b, &ellipse), &straight(a, aim), STYLE);
        assert!(g.path.bends.is_none() && g.path.control.is_none());
        assert!(on_border(&box_, a, g.path.start), "{:?}", g.path.start);
        assert!(
            on_border(&ellipse, b, g.arrowhead.tip),
            "{:?}",
            g.arrowhead.tip
        );
        let along = a.to(aim).unit();
        for p in [g.path.start, g.path.end, g.arrowhead.tip] {
            let off = a.to(p);
            assert!((off.x * along.y - off.y * along.x).abs() < 1e-9, "{p:?}");
        }
        assert!(g.arrowhead.tip.y > centres.arrowhead.tip.y + 1.0);
        let head = g
            .arrowhead
            .left
            .lerp(g.arrowhead.right, 0.5)
            .to(g.arrowhead.tip);
        assert!(head.unit().distance(along) < 1e-9);
    }

    #[test]
    fn a_routed_link_runs_border_to_border_through_rounded_corners() {
        let style = LabelStyle::default();
        let box_ = node_shape("Quick wins", NodeKind::Context, &style);
        let ellipse = node_shape("Trust", NodeKind::Mechanism, &style);
        let (a, b) = (Point::new(0.0, 0.0), Point::new(400.0, 0.0));
        let bends: Arc<[Point]> = vec![Point::new(150.0, -60.0), Point::new(250.0, -60.0)].into();
        let route = Route {
            from: a,
            bends: bends.clone(),
            to: b,
        };
        let g = routed_link_geometry(end(a, &box_), end(b, &ellipse), &route, STYLE);
        // It leaves towards the first bend and arrives from the last.
        assert!(on_border(&box_, a, g.path.start), "{:?}", g.path.start);
        assert!(
            on_border(&ellipse, b, g.arrowhead.tip),
            "{:?}",
            g.arrowhead.tip
        );
        let leaving = g.path.start.to(bends[0]).unit();
        let towards = a.to(bends[0]).unit();
        assert!(leaving.distance(towards) < 1e-9);
        let arriving = bends[1].to(g.arrowhead.tip).unit();
        let head = g
            .arrowhead
            .left
            .lerp(g.arrowhead.right, 0.5)
            .to(g.arrowhead.tip)
            .unit();
        assert!(arriving.distance(head) < 1e-9);
        // Straight legs with a rounded corner at each bend, which the line
        // passes near but does not reach.
        let pieces = g.path.pieces();
        assert_eq!(pieces.len(), 5);
        assert!(matches!(pieces[1], PathPiece::Quad(c, _) if c == bends[0]));
        assert!(matches!(pieces[3], PathPiece::Quad(c, _) if c == bends[1]));
        assert_eq!(pieces[4], PathPiece::Line(g.path.end));
        let line = g.path.polyline(0);
        let nearest = |p: Point| {
            line.iter()
                .map(|q| q.distance(p))
                .fold(f64::INFINITY, f64::min)
        };
        for &bend in bends.iter() {
            let d = nearest(bend);
            assert!(d > 1.0 && d < CORNER_RADIUS, "{d}");
        }
        // Points along it by share of its length; the bounds hold it all.
        assert_eq!(g.path.point_at(0.0), g.path.start);
        assert!(g.path.point_at(1.0).distance(g.path.end) < 1e-9);
        // Half way along: on the middle leg, the polarity mark's place.
        let half = g.path.point_at(0.5);
        assert!((half.y - -60.0).abs() < 1e-9 && half.x > 150.0 && half.x < 250.0);
        assert_eq!(g.middle, half);
        let r = g.path.bounds();
        for p in line {
            assert!(r.expand(1e-9).contains_rect(&Rect::from_min_max(p, p)));
        }
        // Sharp corners when the rounding is too small to see.
        let sharp = g.path.polyline_with_corners(12, 0);
        assert_eq!(sharp, vec![g.path.start, bends[0], bends[1], g.path.end]);
        assert_eq!(g.path.polyline_with_corners(12, 1).len(), 6);
        let moved = g.path.shifted(Point::new(5.0, -3.0));
        assert_eq!(moved.bends.as_ref().unwrap()[1], Point::new(255.0, -63.0));
        assert_eq!(moved.start, g.path.start.plus(Point::new(5.0, -3.0), 1.0));
    }
}
