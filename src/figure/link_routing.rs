//! Links routed around shapes. A straight link that would pass behind a
//! shape which is not one of its ends (and so seem to start or end there)
//! is drawn instead along the shortest way around the shapes: a path that
//! bends only at the corners of the shapes' boxes, grown by a small
//! clearance. The corners and which of them see each other (the visibility
//! graph) are computed once per arrangement of the shapes; each link's
//! route is then a shortest-path search in it.

use std::cmp::Ordering;
use std::collections::BinaryHeap;
use std::sync::Arc;

use super::geometry::{Point, Rect};
use super::link_geometry::bezier;
use super::shape_grid::ShapeGrid;

/// Empty space kept between a routed link and the shapes it goes around.
pub const ROUTE_CLEARANCE: f64 = 5.0;

/// What each bend of a route costs, in canvas units of length: a route
/// takes a detour of up to this much to save a bend.
const BEND_COST: f64 = 20.0;

/// How far each link of a pair linked both ways is moved off their shared
/// way round the shapes, to the right of its travel (the two end up twice
/// this apart). Less than [`ROUTE_CLEARANCE`], with room for a corner's
/// mitre (1.4 times this) and its rounding, so that both stay clear of
/// every shape.
pub const RECIPROCAL_SHIFT: f64 = 2.0;

/// Webs with more shapes than this keep straight links: the visibility
/// graph grows with the square of the number of shapes (about 60 ms at
/// this size).
pub const MOST_ROUTED_SHAPES: usize = 300;

/// The shapes' boxes and the ways around them.
#[derive(Debug)]
pub struct LinkRouter {
    /// Each shape's box grown by [`ROUTE_CLEARANCE`], in the shapes' order.
    obstacles: ShapeGrid,
    /// The corners of the obstacles that lie outside every other obstacle,
    /// with the obstacle each belongs to.
    corners: Vec<Corner>,
    /// For each corner, the corners it sees along a line that touches both
    /// their obstacles without entering them, and how far each is.
    sees: Vec<Vec<(u32, f64)>>,
}

#[derive(Debug, Clone, Copy)]
struct Corner {
    at: Point,
    /// Towards the inside of its obstacle: (±1, ±1).
    inward: (f64, f64),
}

impl LinkRouter {
    /// A router around the shapes whose boxes are `shapes`; `None` when
    /// there are more than [`MOST_ROUTED_SHAPES`].
    pub fn new(shapes: &[Rect]) -> Option<LinkRouter> {
        if shapes.len() > MOST_ROUTED_SHAPES {
            return None;
        }
        let obstacles = ShapeGrid::new(shapes.iter().map(|r| r.expand(ROUTE_CLEARANCE)).collect());
        let mut corners = Vec::new();
        for r in obstacles.shapes() {
            for (at, inward) in corners_of(r) {
                if !obstacles.holds(at) {
                    corners.push(Corner { at, inward });
                }
            }
        }
        let mut sees = vec![Vec::new(); corners.len()];
        let mut stamp = vec![0u32; obstacles.shapes().len()];
        let mut round = 0u32;
        for i in 0..corners.len() {
            for j in i + 1..corners.len() {
                let (a, b) = (corners[i], corners[j]);
                let d = a.at.to(b.at);
                if !a.tangent(d) || !b.tangent(d) {
                    continue;
                }
                round += 1;
                if obstacles.blocks(a.at, b.at, [None, None], &mut stamp, round) {
                    continue;
                }
                let length = d.length();
                sees[i].push((j as u32, length));
                sees[j].push((i as u32, length));
            }
        }
        Some(LinkRouter {
            obstacles,
            corners,
            sees,
        })
    }

    /// The corners a link from shape `source` (centred at `from`) to shape
    /// `target` (centred at `to`) bends at, in order, on the shortest way
    /// that enters no other shape's box; `None` when the straight line
    /// enters none (or no way around exists).
    pub fn route(
        &self,
        source: usize,
        from: Point,
        target: usize,
        to: Point,
    ) -> Option<Arc<[Point]>> {
        let n = self.obstacles.shapes().len();
        if source >= n || target >= n || source == target {
            return None;
        }
        let mut stamp = vec![0u32; n];
        let mut round = 0u32;
        let mut blocked = |a: Point, b: Point, skip: [Option<usize>; 2]| {
            round += 1;
            self.obstacles.blocks(a, b, skip, &mut stamp, round)
        };
        if !blocked(from, to, [Some(source), Some(target)]) {
            return None;
        }
        // Most routes are a little longer than the straight line: a search
        // that starts only from the corners that could lie on such a route
        // finds them; only when it finds none is every corner tried.
        let near = 1.25 * from.distance(to) + 4.0 * BEND_COST;
        self.search(source, from, target, to, near, &mut blocked)
            .or_else(|| self.search(source, from, target, to, f64::INFINITY, &mut blocked))
            .map(|(_, bends)| bends)
    }

    /// The A* search of [`LinkRouter::route`] over the corners, from the
    /// source's centre to the target's, starting from the corners in sight
    /// of the source whose way could cost at most `bound`: the bends and the
    /// cost of the cheapest way, if it costs at most `bound`. The first legs
    /// (from the source) and the last (into the target) are checked only
    /// for the corners the search reaches.
    fn search(
        &self,
        source: usize,
        from: Point,
        target: usize,
        to: Point,
        bound: f64,
        blocked: &mut impl FnMut(Point, Point, [Option<usize>; 2]) -> bool,
    ) -> Option<(f64, Arc<[Point]>)> {
        let m = self.corners.len();
        let ahead = |p: Point| p.distance(to);
        let mut best = vec![f64::INFINITY; m];
        let mut came_from = vec![FROM_SOURCE; m];
        let mut settled = vec![false; m];
        let mut heap = BinaryHeap::new();
        for (k, c) in self.corners.iter().enumerate() {
            let d = from.to(c.at);
            let cost = d.length() + BEND_COST;
            if c.tangent(d) && cost + ahead(c.at) <= bound {
                best[k] = cost;
                heap.push(Step {
                    estimate: cost + ahead(c.at),
                    cost,
                    corner: k as u32,
                });
            }
        }
        let mut arrival: Option<(f64, u32)> = None;
        while let Some(Step {
            estimate,
            cost,
            corner,
        }) = heap.pop()
        {
            let k = corner as usize;
            if cost > best[k] {
                continue;
            }
            if arrival.is_some_and(|(total, _)| estimate >= total) {
                break;
            }
            let c = self.corners[k];
            if came_from[k] == FROM_SOURCE && blocked(from, c.at, [Some(source), None]) {
                // Not in sight of the source after all: reach it from the
                // corners already settled, if any sees it.
                best[k] = f64::INFINITY;
                for &(j, length) in &self.sees[k] {
                    let via = best[j as usize] + length + BEND_COST;
                    if settled[j as usize] && via < best[k] {
                        best[k] = via;
                        came_from[k] = j;
                    }
                }
                if best[k].is_finite() {
                    heap.push(Step {
                        estimate: best[k] + ahead(c.at),
                        cost: best[k],
                        corner,
                    });
                }
                continue;
            }
            settled[k] = true;
            // The last leg may cross only the target's own box.
            let last = c.at.to(to);
            if c.tangent(last) && !blocked(c.at, to, [Some(target), None]) {
                let total = cost + last.length();
                if arrival.is_none_or(|(t, _)| total < t) {
                    arrival = Some((total, corner));
                }
            }
            for &(next, length) in &self.sees[k] {
                let j = next as usize;
                let next_cost = cost + length + BEND_COST;
                if next_cost < best[j] {
                    best[j] = next_cost;
                    came_from[j] = corner;
                    heap.push(Step {
                        estimate: next_cost + ahead(self.corners[j].at),
                        cost: next_cost,
                        corner: next,
                    });
                }
            }
        }
        let (total, mut k) = arrival.filter(|&(total, _)| total <= bound)?;
        let mut bends = vec![self.corners[k as usize].at];
        while came_from[k as usize] != FROM_SOURCE {
            k = came_from[k as usize];
            bends.push(self.corners[k as usize].at);
        }
        bends.reverse();
        Some((total, bends.into()))
    }

    /// [`LinkRouter::route`] for a link; `reciprocal_bend` is set for a
    /// link whose reverse also exists, drawn bent that far to its right
    /// (the reverse to its own right) when nothing is in the way. Such a
    /// link keeps its bend if the bent line is clear of other shapes; goes
    /// round alone if only the reverse's is; and if neither is, both take
    /// the same way (found from the end with the smaller coordinates), each
    /// moved to the right of its travel by [`RECIPROCAL_SHIFT`], so that the
    /// two run side by side and stay clear of the shapes.
    pub fn route_link(
        &self,
        source: usize,
        from: Point,
        target: usize,
        to: Point,
        reciprocal_bend: Option<f64>,
    ) -> Option<Arc<[Point]>> {
        let Some(bend) = reciprocal_bend else {
            return self.route(source, from, target, to);
        };
        if !self.curve_blocked(source, from, target, to, bend) {
            return None;
        }
        if !self.curve_blocked(target, to, source, from, bend) {
            return self.route(source, from, target, to);
        }
        let forward = from
            .x
            .total_cmp(&to.x)
            .then(from.y.total_cmp(&to.y))
            .is_le();
        let way: Vec<Point> = if forward {
            self.route(source, from, target, to)?.to_vec()
        } else {
            let mut back = self.route(target, to, source, from)?.to_vec();
            back.reverse();
            back
        };
        Some(shifted_right(from, &way, to, RECIPROCAL_SHIFT))
    }

    /// [`LinkRouter::route_link`] between the shapes centred at `from` and
    /// `to` (found by their centres); `None` also when no shape is centred
    /// there.
    pub fn route_between(
        &self,
        from: Point,
        to: Point,
        reciprocal_bend: Option<f64>,
    ) -> Option<Arc<[Point]>> {
        let (source, target) = (self.shape_at(from)?, self.shape_at(to)?);
        self.route_link(source, from, target, to, reciprocal_bend)
    }

    /// Whether the link from shape `source` to shape `target`, bent `bend`
    /// to the right of its travel at its middle (a quadratic curve, as
    /// [`super::link_geometry`] draws it), enters another shape's box.
    fn curve_blocked(
        &self,
        source: usize,
        from: Point,
        target: usize,
        to: Point,
        bend: f64,
    ) -> bool {
        const PIECES: usize = 16;
        let d = from.to(to);
        if d.length() == 0.0 {
            return false;
        }
        let control = from
            .lerp(to, 0.5)
            .plus(d.unit().perpendicular(), 2.0 * bend);
        let at = |t: f64| bezier(from, control, to, t);
        let mut stamp = vec![0u32; self.obstacles.shapes().len()];
        (0..PIECES).any(|i| {
            let (a, b) = (
                at(i as f64 / PIECES as f64),
                at((i + 1) as f64 / PIECES as f64),
            );
            self.obstacles
                .blocks(a, b, [Some(source), Some(target)], &mut stamp, i as u32 + 1)
        })
    }

    /// The shape whose box is centred at `p` (to within a hundredth of a
    /// unit, as the canvas keeps positions in single precision).
    fn shape_at(&self, p: Point) -> Option<usize> {
        self.obstacles.centred_at(p, 0.01)
    }
}

impl Corner {
    /// Whether the line through the corner along `d` leaves its box on one
    /// side (a shortest way only ever bends round a corner along such lines;
    /// a way in by one and out by the other wraps the box).
    fn tangent(&self, d: Point) -> bool {
        (d.x * self.inward.0) * (d.y * self.inward.1) <= 0.0
    }
}

/// What a corner reached straight from the link's source came from.
const FROM_SOURCE: u32 = u32::MAX;

/// A corner reached at some cost, for the shortest-path search; `estimate`
/// adds the straight distance still to go.
#[derive(Debug, PartialEq)]
struct Step {
    estimate: f64,
    cost: f64,
    corner: u32,
}

impl Eq for Step {}

impl Ord for Step {
    fn cmp(&self, other: &Self) -> Ordering {
        // The lowest estimate first; ties by corner, so that the search is
        // deterministic.
        other
            .estimate
            .total_cmp(&self.estimate)
            .then_with(|| other.corner.cmp(&self.corner))
    }
}

impl PartialOrd for Step {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The bends of a way from `from` to `to` moved `d` to the right of the
/// direction of travel: each along the bisector of its two legs' normals,
/// by at most 1.4 `d` (a mitre) where the way turns sharply.
fn shifted_right(from: Point, bends: &[Point], to: Point, d: f64) -> Arc<[Point]> {
    (0..bends.len())
        .map(|i| {
            let before = if i == 0 { from } else { bends[i - 1] };
            let after = bends.get(i + 1).copied().unwrap_or(to);
            let (r1, r2) = (
                before.to(bends[i]).unit().perpendicular(),
                bends[i].to(after).unit().perpendicular(),
            );
            let sum = Point::new(r1.x + r2.x, r1.y + r2.y);
            let normal = if sum.length() < 1e-9 { r1 } else { sum.unit() };
            let cos = (normal.x * r1.x + normal.y * r1.y).max(1.0 / 1.4);
            bends[i].plus(normal, d / cos)
        })
        .collect()
}

/// The four corners of `r`, each with the direction towards the inside:
/// (±1, ±1).
fn corners_of(r: &Rect) -> [(Point, (f64, f64)); 4] {
    [
        (r.min, (1.0, 1.0)),
        (Point::new(r.max.x, r.min.y), (-1.0, 1.0)),
        (r.max, (-1.0, -1.0)),
        (Point::new(r.min.x, r.max.y), (1.0, -1.0)),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::shape_grid::{enters, strictly_inside};
    use crate::figure::LinkPath;
    use crate::layout::rng::SplitMix64;

    fn boxed(x: f64, y: f64, w: f64, h: f64) -> Rect {
        Rect::from_centre_size(Point::new(x, y), w, h)
    }

    /// The legs of a route from `from` through `bends` to `to`.
    fn legs(from: Point, bends: &[Point], to: Point) -> Vec<(Point, Point)> {
        let mut points = vec![from];
        points.extend_from_slice(bends);
        points.push(to);
        points.windows(2).map(|w| (w[0], w[1])).collect()
    }

    fn cost(from: Point, bends: &[Point], to: Point) -> f64 {
        legs(from, bends, to)
            .iter()
            .map(|(a, b)| a.distance(*b))
            .sum::<f64>()
            + BEND_COST * bends.len() as f64
    }

    /// The cheapest way by brute force: every corner of every grown box that
    /// lies in no other, every pair of them tested against every box; a way
    /// bends round a corner only along lines that leave its box on one side
    /// (with bends costing, a bend in open space could otherwise save a
    /// detour round a box, and the link would not hug the shapes).
    fn brute_force(shapes: &[Rect], s: usize, t: usize) -> Option<f64> {
        let grown: Vec<Rect> = shapes.iter().map(|r| r.expand(ROUTE_CLEARANCE)).collect();
        let (from, to) = (shapes[s].centre(), shapes[t].centre());
        let clear = |a: Point, b: Point, skip: &[usize]| {
            grown
                .iter()
                .enumerate()
                .all(|(k, r)| skip.contains(&k) || !enters(r, a, b))
        };
        // Each point with the quadrant of its box (none for the two ends).
        let mut points = vec![(from, None), (to, None)];
        for r in &grown {
            for (p, inward) in corners_of(r) {
                if !grown.iter().any(|o| strictly_inside(o, p)) {
                    points.push((p, Some(inward)));
                }
            }
        }
        let wraps = |(p, inward): (Point, Option<(f64, f64)>), q: Point| {
            inward.is_none_or(|(sx, sy)| (q.x - p.x) * sx * (q.y - p.y) * sy <= 0.0)
        };
        let n = points.len();
        let mut best = vec![f64::INFINITY; n];
        let mut done = vec![false; n];
        best[0] = 0.0;
        loop {
            let u = (0..n)
                .filter(|&i| !done[i] && best[i].is_finite())
                .min_by(|&a, &b| best[a].total_cmp(&best[b]))?;
            if u == 1 {
                return Some(best[1]);
            }
            done[u] = true;
            for v in 1..n {
                let skip: Vec<usize> = match (u, v) {
                    (0, _) => vec![s],
                    (_, 1) => vec![t],
                    _ => vec![],
                };
                let (pu, pv) = (points[u].0, points[v].0);
                if done[v]
                    || (u == 0 && v == 1)
                    || !wraps(points[u], pv)
                    || !wraps(points[v], pu)
                    || !clear(pu, pv, &skip)
                {
                    continue;
                }
                let bend = if v == 1 { 0.0 } else { BEND_COST };
                best[v] = best[v].min(best[u] + pu.distance(pv) + bend);
            }
        }
    }

    #[test]
    fn a_link_clear_of_other_shapes_stays_straight() {
        let shapes = [boxed(0.0, 0.0, 80.0, 30.0), boxed(300.0, 100.0, 80.0, 30.0)];
        let router = LinkRouter::new(&shapes).unwrap();
        assert_eq!(
            router.route(0, shapes[0].centre(), 1, shapes[1].centre()),
            None
        );
    }

    #[test]
    fn a_link_goes_round_a_shape_in_its_way_by_the_shorter_side() {
        // The box in the way reaches further below the line than above it.
        let shapes = [
            boxed(0.0, 0.0, 60.0, 30.0),
            boxed(200.0, 20.0, 80.0, 60.0),
            boxed(400.0, 0.0, 60.0, 30.0),
        ];
        let router = LinkRouter::new(&shapes).unwrap();
        let (from, to) = (shapes[0].centre(), shapes[2].centre());
        let bends = router.route(0, from, 2, to).expect("a route");
        assert_eq!(
            bends.to_vec(),
            vec![Point::new(155.0, -15.0), Point::new(245.0, -15.0)]
        );
        for (a, b) in legs(from, &bends, to) {
            assert!(!enters(&shapes[1], a, b), "{a:?} {b:?}");
        }
        // Found by the centres too, as the canvas asks.
        assert_eq!(router.route_between(from, to, None), Some(bends.clone()));
        // Linked both ways, bent 40 apart: the bend going right (below the
        // line, y growing downward) meets the box, the one coming back
        // (above) does not, so only the first goes round, alone.
        assert_eq!(
            router.route_between(from, to, Some(40.0)),
            Some(bends.clone())
        );
        assert_eq!(router.route_between(to, from, Some(40.0)), None);
        // Bent too little to clear it either way: the same way round, each
        // to the right of its travel (going right, 2 below; coming back,
        // 2 above), clear of the box in the way.
        let there = router.route_between(from, to, Some(5.0)).unwrap();
        let back = router.route_between(to, from, Some(5.0)).unwrap();
        assert_eq!(there.len(), 2);
        assert_eq!(back.len(), 2);
        for (p, q) in bends.iter().zip(there.iter()) {
            assert!(
                p.distance(*q) <= RECIPROCAL_SHIFT * 1.4 + 1e-9 && q.y > p.y,
                "{p:?} {q:?}"
            );
        }
        for (p, q) in bends.iter().zip(back.iter().rev()) {
            assert!(
                p.distance(*q) <= RECIPROCAL_SHIFT * 1.4 + 1e-9 && q.y < p.y,
                "{p:?} {q:?}"
            );
        }
        for way in [legs(from, &there, to), legs(to, &back, from)] {
            for (a, b) in way {
                assert!(!enters(&shapes[1], a, b), "{a:?} {b:?}");
            }
        }
    }

    #[test]
    fn routes_are_the_shortest_ways_that_enter_no_other_shape() {
        let mut rng = SplitMix64::new(7);
        for round in 0..6 {
            // Boxes on a jittered grid, with gaps of at least 12 units.
            let mut shapes = Vec::new();
            for row in 0..4 {
                for column in 0..5 {
                    if rng.unit() < 0.25 {
                        continue;
                    }
                    let (w, h) = (40.0 + 60.0 * rng.unit(), 20.0 + 30.0 * rng.unit());
                    let x = column as f64 * 130.0 + (100.0 - w) / 2.0 * (rng.unit() - 0.5);
                    let y = row as f64 * 80.0 + (50.0 - h) / 2.0 * (rng.unit() - 0.5);
                    shapes.push(boxed(x, y, w, h));
                }
            }
            let router = LinkRouter::new(&shapes).unwrap();
            for s in 0..shapes.len() {
                for t in 0..shapes.len() {
                    if s == t {
                        continue;
                    }
                    let (from, to) = (shapes[s].centre(), shapes[t].centre());
                    let grown = |k: usize| shapes[k].expand(ROUTE_CLEARANCE);
                    let straight_clear =
                        (0..shapes.len()).all(|k| k == s || k == t || !enters(&grown(k), from, to));
                    match router.route(s, from, t, to) {
                        None => assert!(straight_clear, "round {round}: {s} → {t} not routed"),
                        Some(bends) => {
                            assert!(!straight_clear, "round {round}: {s} → {t} routed");
                            let legs = legs(from, &bends, to);
                            for (i, &(a, b)) in legs.iter().enumerate() {
                                for k in 0..shapes.len() {
                                    let own = (i == 0 && k == s) || (i + 1 == legs.len() && k == t);
                                    assert!(
                                        own || !enters(&grown(k), a, b),
                                        "round {round}: {s} → {t} enters {k}"
                                    );
                                }
                            }
                            let expected = brute_force(&shapes, s, t).expect("a way");
                            let found = cost(from, &bends, to);
                            assert!(
                                (found - expected).abs() < 1e-6,
                                "round {round}: {s} → {t}: {found} against {expected}"
                            );
                            // Linked both ways, moved off the way (bent 0,
                            // straight: no bend clears the way). The lines
                            // as drawn, with rounded corners, of both: clear
                            // of every shape but their ends, by more than
                            // half a link's width.
                            let side = router
                                .route_link(s, from, t, to, Some(0.0))
                                .expect("routed");
                            for way in [bends, side] {
                                let line = LinkPath {
                                    start: from,
                                    control: None,
                                    bends: Some(way),
                                    end: to,
                                }
                                .polyline(0);
                                let n = line.len();
                                for (k, shape) in shapes.iter().enumerate() {
                                    let inner = shape.expand(-0.75);
                                    // The first and last legs leave and enter
                                    // the ends' own shapes.
                                    let checked = match k {
                                        k if k == s => &line[1..],
                                        k if k == t => &line[..n - 1],
                                        _ => &line[..],
                                    };
                                    assert!(
                                        checked.windows(2).all(|w| !enters(&inner, w[0], w[1])),
                                        "round {round}: {s} → {t} drawn through {k}"
                                    );
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn a_rounded_corner_keeps_clear_of_the_shape_it_goes_round() {
        // A pair of links both ways round the top-left corner of a wide box
        // in their way, turning by a right angle: the one moved towards the
        // box, its corner rounded, does not even touch the box's outline
        // (the line is 1.5 units wide).
        let shapes = [
            boxed(300.0, -60.0, 40.0, 20.0),
            boxed(100.0, 100.0, 400.0, 200.0),
            boxed(-60.0, 300.0, 40.0, 20.0),
        ];
        let router = LinkRouter::new(&shapes).unwrap();
        let (from, to) = (shapes[0].centre(), shapes[2].centre());
        let outline = shapes[1].expand(0.75);
        for (s, t, a, b) in [(0, 2, from, to), (2, 0, to, from)] {
            let bends = router.route_link(s, a, t, b, Some(0.0)).expect("routed");
            let line = LinkPath {
                start: a,
                control: None,
                bends: Some(bends),
                end: b,
            }
            .polyline(0);
            assert!(
                line.windows(2).all(|w| !enters(&outline, w[0], w[1])),
                "{line:?}"
            );
        }
    }

    #[test]
    fn large_webs_keep_straight_links() {
        let shapes: Vec<Rect> = (0..=MOST_ROUTED_SHAPES)
            .map(|i| boxed(i as f64 * 100.0, 0.0, 50.0, 20.0))
            .collect();
        assert!(LinkRouter::new(&shapes).is_none());
        assert!(LinkRouter::new(&shapes[..MOST_ROUTED_SHAPES]).is_some());
    }
}
