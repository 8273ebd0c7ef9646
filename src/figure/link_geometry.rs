//! Where a link is drawn: a straight or gently bent path from the source's
//! border to the target's border, an arrowhead whose tip touches the
//! target's border, and the place of its polarity mark.

use super::geometry::{Point, Rect};
use super::NodeShape;
use crate::model::NodeKind;

/// A link's line: a straight segment, or a quadratic Bézier curve when
/// `control` is set.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinkPath {
    /// On the source's border.
    pub start: Point,
    pub control: Option<Point>,
    /// Inside the arrowhead, so that line and head join without a gap.
    pub end: Point,
}

impl LinkPath {
    /// The point at parameter `t` (0 at `start`, 1 at `end`).
    pub fn point_at(&self, t: f64) -> Point {
        match self.control {
            None => self.start.lerp(self.end, t),
            Some(c) => bezier(self.start, c, self.end, t),
        }
    }

    /// The path as a polyline of `segments` straight pieces (one for a straight path).
    pub fn polyline(&self, segments: usize) -> Vec<Point> {
        match self.control {
            None => vec![self.start, self.end],
            Some(_) => {
                let n = segments.max(1);
                (0..=n)
                    .map(|i| self.point_at(i as f64 / n as f64))
                    .collect()
            }
        }
    }

    /// The smallest rectangle holding the whole line (not its width).
    pub fn bounds(&self) -> Rect {
        let ends = Rect::around([self.start, self.end]).expect("two points");
        match self.control {
            None => ends,
            Some(c) => {
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
#[derive(Debug, Clone, Copy, PartialEq)]
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
    let visible = length - sx.hypot(sy) - tx.hypot(ty);
    if length == 0.0 || visible <= 0.0 {
        return None;
    }
    let start = source.centre.plus(Point::new(sx, sy), 1.0);
    let tip = target.centre.plus(Point::new(tx, ty), 1.0);
    let arrow_length = style.arrow_length.min(visible);
    let arrow_width = style.arrow_width * arrow_length / style.arrow_length.max(1e-9);
    let base = tip.plus(unit, -arrow_length);
    let side = unit.perpendicular();
    Some(LinkGeometry {
        path: LinkPath {
            start,
            control: None,
            end: tip.plus(unit, -0.7 * arrow_length),
        },
        arrowhead: Arrowhead {
            tip,
            left: base.plus(side, -arrow_width / 2.0),
            right: base.plus(side, arrow_width / 2.0),
        },
        middle: start.lerp(base, 0.5),
    })
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
fn bezier(p0: Point, p1: Point, p2: Point, t: f64) -> Point {
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
            let g = link_geometry(
                LinkEnd {
                    centre: a,
                    shape: &box_,
                },
                LinkEnd {
                    centre: b,
                    shape: &ellipse,
                },
                bend,
                STYLE,
            );
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
}
