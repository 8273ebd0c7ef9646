//! Links routed around shapes. A straight link that would pass behind a
//! shape which is not one of its ends (and so seem to start or end there)
//! is drawn instead along the shortest way around the shapes: a path that
//! bends only at the corners of the shapes' boxes, grown by a small
//! clearance. The corners and which of them see each other (the visibility
//! graph) are computed once per arrangement of the shapes; each link's
//! route is then a shortest-path search in it. [`LinkRouter::routes`]
//! routes all the links of a figure together: routes through the same
//! corner are drawn apart ([`super::route_separation`]), and where a gap
//! between shapes is too narrow for that, the routes after the first take
//! another way if one is not much longer.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};
use std::sync::Arc;

use super::end_spread::{End, EndSpreader};
use super::geometry::{Point, Rect};
use super::link_geometry::bezier;
use super::route_separation::{separate, Way, ROUTE_SPACING};
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

/// What a bend at a crowded corner (one whose routes could not be drawn
/// apart) costs more, in canvas units of length, for each route already
/// through it ([`LinkRouter::routes`]).
const CROWD_COST: f64 = 20.0;

/// Empty space kept between a shape and a route moved off its corner to
/// keep apart from the other routes there (less than [`ROUTE_CLEARANCE`],
/// more than a rounded corner cuts in).
pub(super) const SEPARATED_CLEARANCE: f64 = 2.5;

/// One link to route with [`LinkRouter::routes`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RouteRequest {
    /// The source shape (its index in the router's shapes) and its centre.
    pub source: usize,
    pub from: Point,
    /// The target shape and its centre.
    pub target: usize,
    pub to: Point,
    /// Set for a link whose reverse also exists: how far it bends to its
    /// right when nothing is in the way ([`LinkRouter::route_link`]).
    pub reciprocal_bend: Option<f64>,
}

/// A link's way round the shapes ([`LinkRouter::routes`]): the corners it
/// bends at, and the points inside its two shapes it leaves from and
/// arrives towards.
///
/// Those are the shapes' centres, moved as the route's first and last bends
/// were moved to keep it apart from other routes there (the arrival
/// [`ARRIVAL_SPREAD`] times as far): routes from one shape through one
/// corner then leave it side by side, each from a place of its own on the
/// border, instead of from one point, and routes into a shape through one
/// corner arrive side by side, each arrowhead apart.
///
/// A route without bends is a straight link whose ends were moved off its
/// shapes' centres, apart from other links' starts or arrowheads.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    pub from: Point,
    pub bends: Arc<[Point]>,
    pub to: Point,
}

/// How far from its centre a route's end may aim, as a share of the
/// shape's half width and half height (well inside a box or an ellipse).
pub(super) const AIM_WITHIN: f64 = 0.6;

/// Routes into one shape through one corner arrive this many times further
/// apart than their last bends are, so that their arrowheads (8 units wide)
/// stand side by side rather than on top of each other.
const ARRIVAL_SPREAD: f64 = 2.25;

impl Route {
    /// The leg at `end`: the aim there, and the other end of the leg (the
    /// nearest bend, or for a straight link the other aim).
    pub(super) fn leg(&self, end: End) -> (Point, Point) {
        match end {
            End::Departure => (self.from, self.bends.first().copied().unwrap_or(self.to)),
            End::Arrival => (self.to, self.bends.last().copied().unwrap_or(self.from)),
        }
    }

    /// Moves the aim at `end` to `at`.
    pub(super) fn aim_at(&mut self, end: End, at: Point) {
        match end {
            End::Departure => self.from = at,
            End::Arrival => self.to = at,
        }
    }

    /// The route of `way` (its bends moved apart), whose bends were at
    /// `before` unmoved; `halves` are its two shapes' half sizes. An end
    /// whose leg from the moved place would not keep clear of the other
    /// shapes (`clear`) is moved less (an arrival only as far as its bend),
    /// or else aims at its centre.
    fn aimed(
        way: &Way,
        before: &Way,
        halves: [(f64, f64); 2],
        mut clear: impl FnMut(Point, Point, [Option<usize>; 2]) -> bool,
    ) -> Route {
        let points = &way.points;
        let last = points.len() - 1;
        let (source, target) = way.ends;
        // The first of `spreads` whose leg keeps clear, else the centre.
        let mut aim = |end: usize, bend: usize, half: (f64, f64), shape: usize, spreads: &[f64]| {
            let d = before.points[bend].to(points[bend]);
            for &spread in spreads {
                let moved = Point::new(
                    (spread * d.x).clamp(-AIM_WITHIN * half.0, AIM_WITHIN * half.0),
                    (spread * d.y).clamp(-AIM_WITHIN * half.1, AIM_WITHIN * half.1),
                );
                let at = points[end].plus(moved, 1.0);
                if at == points[end] {
                    break;
                }
                if clear(at, points[bend], [Some(shape), None]) {
                    return at;
                }
            }
            points[end]
        };
        let (from, to) = if last >= 2 {
            (
                aim(0, 1, halves[0], source, &[1.0]),
                aim(last, last - 1, halves[1], target, &[ARRIVAL_SPREAD, 1.0]),
            )
        } else {
            (points[0], points[last])
        };
        Route {
            from,
            bends: points[1..last].into(),
            to,
        }
    }
}

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
    /// Each shape's box grown by [`SEPARATED_CLEARANCE`]: where routes
    /// moved apart may not go, nor their ends. Beyond the outermost shapes
    /// they may: routes round the web's edge are drawn apart too, the
    /// figure a little larger for them, rather than meeting in one point
    /// where a reader could not tell which goes where.
    ends: EndSpreader,
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
            ends: EndSpreader::new(shapes),
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
        self.route_crowded(source, from, target, to, &[])
    }

    /// [`LinkRouter::route`], where bending at corner `k` costs `crowd[k]`
    /// more (nothing more for a corner past the end of `crowd`).
    fn route_crowded(
        &self,
        source: usize,
        from: Point,
        target: usize,
        to: Point,
        crowd: &[f64],
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
        let ends = ((source, from), (target, to));
        self.search(ends.0, ends.1, near, crowd, &mut blocked)
            .or_else(|| self.search(ends.0, ends.1, f64::INFINITY, crowd, &mut blocked))
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
        (source, from): (usize, Point),
        (target, to): (usize, Point),
        bound: f64,
        crowd: &[f64],
        blocked: &mut impl FnMut(Point, Point, [Option<usize>; 2]) -> bool,
    ) -> Option<(f64, Arc<[Point]>)> {
        let m = self.corners.len();
        // What bending at a corner costs: a bend, and its crowd.
        let bend = |k: usize| BEND_COST + crowd.get(k).copied().unwrap_or(0.0);
        let ahead = |p: Point| p.distance(to);
        let mut best = vec![f64::INFINITY; m];
        let mut came_from = vec![FROM_SOURCE; m];
        let mut settled = vec![false; m];
        let mut heap = BinaryHeap::new();
        for (k, c) in self.corners.iter().enumerate() {
            let d = from.to(c.at);
            let cost = d.length() + bend(k);
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
                    let via = best[j as usize] + length + bend(k);
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
                let next_cost = cost + length + bend(j);
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
        let link = RouteRequest {
            source,
            from,
            target,
            to,
            reciprocal_bend,
        };
        self.route_request(&link, &[])
    }

    /// [`LinkRouter::route_link`] of `link`, where bending at corner `k`
    /// costs `crowd[k]` more.
    fn route_request(&self, link: &RouteRequest, crowd: &[f64]) -> Option<Arc<[Point]>> {
        let RouteRequest {
            source,
            from,
            target,
            to,
            reciprocal_bend,
        } = *link;
        let Some(bend) = reciprocal_bend else {
            return self.route_crowded(source, from, target, to, crowd);
        };
        if !self.curve_blocked(source, from, target, to, bend) {
            return None;
        }
        if !self.curve_blocked(target, to, source, from, bend) {
            return self.route_crowded(source, from, target, to, crowd);
        }
        let forward = from
            .x
            .total_cmp(&to.x)
            .then(from.y.total_cmp(&to.y))
            .is_le();
        let way: Vec<Point> = if forward {
            self.route_crowded(source, from, target, to, crowd)?
                .to_vec()
        } else {
            let mut back = self
                .route_crowded(target, to, source, from, crowd)?
                .to_vec();
            back.reverse();
            back
        };
        Some(shifted_right(from, &way, to, RECIPROCAL_SHIFT))
    }

    /// The routes of all `links` ([`LinkRouter::route_link`], in the same
    /// order), with the routes that pass the same corner of a shape moved
    /// apart ([`super::route_separation`]), so that each can be followed,
    /// and routed again, each past the first paying [`CROWD_COST`] for each
    /// crowded corner, where a gap was too narrow to move them apart. Links
    /// with the same source and target get the same route. Then the links
    /// out of one shape and those into one, routed or straight, are moved
    /// apart where they would leave it too close together or their
    /// arrowheads would overlap ([`LinkRouter::spread_ends`]). `None`: the
    /// link is drawn straight between the centres (or, for one of a pair
    /// linked both ways, bent).
    pub fn routes(&self, links: &[RouteRequest]) -> Vec<Option<Route>> {
        let corner_at: HashMap<(u64, u64), usize> = self
            .corners
            .iter()
            .enumerate()
            .map(|(k, c)| ((c.at.x.to_bits(), c.at.y.to_bits()), k))
            .collect();
        let corner = |p: &Point| corner_at.get(&(p.x.to_bits(), p.y.to_bits())).copied();
        let (mut ways, mut which) = self.ways(links, &[], &corner);
        let mut unmoved = ways.clone();
        // Routes through a gap too narrow for them: through one corner and
        // not drawn apart, or through two corners closer than the spacing
        // (the facing corners of two shapes that stand close).
        let mut crowded: Vec<usize> = self
            .separate(&mut ways, &corner)
            .iter()
            .filter_map(&corner)
            .collect();
        let mut used: Vec<usize> = ways
            .iter()
            .flat_map(|w| w.points.iter().filter_map(&corner))
            .collect();
        used.sort_unstable();
        used.dedup();
        for (i, &a) in used.iter().enumerate() {
            for &b in &used[i + 1..] {
                if self.corners[a].at.distance(self.corners[b].at) < ROUTE_SPACING {
                    crowded.extend([a, b]);
                }
            }
        }
        if !crowded.is_empty() {
            // Each route after the first through such a corner pays for the
            // crowd: routed again, in the same order, the later ones take
            // another way if one is not much longer.
            let mut crowd = vec![0.0; self.corners.len()];
            for k in crowded {
                crowd[k] = f64::MIN_POSITIVE;
            }
            (ways, which) = self.ways(links, &crowd, &corner);
            unmoved = ways.clone();
            self.separate(&mut ways, &corner);
        }
        let mut clear = self.ends.keeps_clear();
        let routes: Vec<Route> = ways
            .iter()
            .zip(&unmoved)
            .map(|(w, before)| Route::aimed(w, before, self.shape_halves(w.ends), &mut clear))
            .collect();
        let ends: Vec<(usize, usize)> = ways.iter().map(|w| w.ends).collect();
        self.ends.finish(links, routes, ends, which, clear)
    }

    /// The half sizes of the shapes `ends` (source, target).
    fn shape_halves(&self, (source, target): (usize, usize)) -> [(f64, f64); 2] {
        [source, target].map(|k| {
            let r = self.ends.shape_box(k);
            (r.width() / 2.0, r.height() / 2.0)
        })
    }

    /// The ways of `links`, routed one after another, and for each link
    /// which way is its (links with the same source and target share one).
    /// A corner `k` whose `crowd[k]` is set is crowded: each route through
    /// it makes it, and the crowded corners closer to it than
    /// [`ROUTE_SPACING`], cost [`CROWD_COST`] more for the routes after.
    fn ways(
        &self,
        links: &[RouteRequest],
        crowd: &[f64],
        corner: &impl Fn(&Point) -> Option<usize>,
    ) -> (Vec<Way>, Vec<Option<usize>>) {
        let mut crowd = crowd.to_vec();
        let mut first: HashMap<(usize, usize), usize> = HashMap::new();
        let mut ways: Vec<Way> = Vec::new();
        let which = links
            .iter()
            .map(|l| {
                if let Some(&w) = first.get(&(l.source, l.target)) {
                    return Some(w);
                }
                let bends = self.route_request(l, &crowd)?;
                for k in bends.iter().filter_map(corner) {
                    if crowd.get(k).is_some_and(|&c| c > 0.0) {
                        // This corner and those facing it across the gap.
                        let at = self.corners[k].at;
                        for (j, c) in crowd.iter_mut().enumerate() {
                            if *c > 0.0 && self.corners[j].at.distance(at) < ROUTE_SPACING {
                                *c += CROWD_COST;
                            }
                        }
                    }
                }
                let mut points = Vec::with_capacity(bends.len() + 2);
                points.push(l.from);
                points.extend_from_slice(&bends);
                points.push(l.to);
                ways.push(Way {
                    ends: (l.source, l.target),
                    points,
                });
                first.insert((l.source, l.target), ways.len() - 1);
                Some(ways.len() - 1)
            })
            .collect();
        (ways, which)
    }

    /// Moves apart the `ways` that pass the same corners
    /// ([`super::route_separation`]); returns the corners where they could
    /// not be drawn the whole spacing apart.
    fn separate(&self, ways: &mut [Way], corner: &impl Fn(&Point) -> Option<usize>) -> Vec<Point> {
        separate(
            ways,
            |p| corner(&p).map(|k| self.corners[k].inward),
            self.ends.keeps_clear(),
            ROUTE_SPACING,
        )
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
    use crate::figure::end_spread::{outline_hit, HEAD_ROOM, MOST_ASLANT, START_ROOM};
    use crate::figure::lines_together::shared_stretch;
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
        // Linked both ways, bent 40 apart: the bend going right (below the
        // line, y growing downward) meets the box, the one coming back
        // (above) does not, so only the first goes round, alone.
        assert_eq!(
            router.route_link(0, from, 2, to, Some(40.0)),
            Some(bends.clone())
        );
        assert_eq!(router.route_link(2, to, 0, from, Some(40.0)), None);
        // Bent too little to clear it either way: the same way round, each
        // to the right of its travel (going right, 2 below; coming back,
        // 2 above), clear of the box in the way.
        let there = router.route_link(0, from, 2, to, Some(5.0)).unwrap();
        let back = router.route_link(2, to, 0, from, Some(5.0)).unwrap();
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

    /// Routes into one shape from every side: fewer of them reach its
    /// outline within an arrowhead's width of another.
    #[test]
    fn routes_into_one_shape_reach_it_apart() {
        let mut rng = SplitMix64::new(23);
        let mut close = 0;
        for _ in 0..6 {
            let shapes = jittered_grid(&mut rng);
            let router = LinkRouter::new(&shapes).unwrap();
            let n = shapes.len();
            let links: Vec<(usize, usize)> = (0..n)
                .flat_map(|s| (0..n).map(move |t| (s, t)))
                .filter(|&(s, t)| s != t && (s * 7 + t * 3) % 4 == 0)
                .collect();
            let requests = requests_between(&shapes, &links);
            let routes = router.routes(&requests);
            for (t, shape) in shapes.iter().enumerate() {
                // Straight links, unless moved, run between the centres.
                let hits: Vec<Point> = requests
                    .iter()
                    .zip(as_drawn(&requests, &routes))
                    .filter(|(r, _)| r.target == t)
                    .filter_map(|(_, route)| outline_hit(shape, &route, End::Arrival))
                    .collect();
                for (i, a) in hits.iter().enumerate() {
                    close += hits[i + 1..]
                        .iter()
                        .filter(|b| a.distance(**b) < HEAD_ROOM - 0.01)
                        .count();
                }
            }
        }
        // Straight links counted too: 60 pairs when only routed links
        // arrived apart (in three passes), 52 in more passes, 38 with
        // straight links moved too in three passes; 10 now.
        assert!(close <= 20, "{close} pairs of arrivals close together");
    }

    /// Straight links into one shape from nearly the same direction
    /// arrive apart, each along its own line; two links with the same
    /// ends share one.
    #[test]
    fn straight_links_into_one_shape_arrive_apart_and_twins_together() {
        // A target below three small shapes side by side, far above it.
        let shapes = vec![
            boxed(0.0, 0.0, 80.0, 40.0),
            boxed(-30.0, -300.0, 20.0, 20.0),
            boxed(0.0, -300.0, 20.0, 20.0),
            boxed(30.0, -300.0, 20.0, 20.0),
        ];
        let router = LinkRouter::new(&shapes).unwrap();
        let requests = requests_between(&shapes, &[(1, 0), (2, 0), (2, 0), (3, 0)]);
        let routes = router.routes(&requests);
        let drawn = as_drawn(&requests, &routes);
        assert!(drawn.iter().all(|r| r.bends.is_empty()), "{drawn:?}");
        assert!(routes.iter().any(Option::is_some), "none moved");
        assert_eq!(routes[1], routes[2]);
        let hits: Vec<Point> = drawn
            .iter()
            .map(|r| outline_hit(&shapes[0], r, End::Arrival).unwrap())
            .collect();
        for (a, b) in [(0, 1), (1, 3), (0, 3)] {
            assert!(hits[a].distance(hits[b]) >= HEAD_ROOM - 0.01, "{hits:?}");
        }
    }

    /// Many links into one small shape from above, too many for the
    /// middle of its top: their arrivals spread round its outline, in the
    /// order of their sources, each an arrowhead's room from the next
    /// (more where it meets the outline aslant), and none so aslant that
    /// its head would not point into the shape.
    #[test]
    fn many_links_into_a_small_shape_arrive_round_its_outline_apart() {
        let mut shapes = vec![boxed(0.0, 0.0, 70.0, 30.0)];
        shapes.extend((0..9).map(|k| boxed(-240.0 + 60.0 * k as f64, -260.0, 20.0, 20.0)));
        let router = LinkRouter::new(&shapes).unwrap();
        let links: Vec<(usize, usize)> = (1..shapes.len()).map(|s| (s, 0)).collect();
        let requests = requests_between(&shapes, &links);
        let drawn = as_drawn(&requests, &router.routes(&requests));
        let target = router.ends.shape_box(0);
        let hits: Vec<Point> = drawn
            .iter()
            .map(|r| outline_hit(&target, r, End::Arrival).unwrap())
            .collect();
        for pair in hits.windows(2) {
            // Left to right as their sources stand.
            assert!(pair[0].x < pair[1].x, "{hits:?}");
            assert!(pair[0].distance(pair[1]) >= HEAD_ROOM - 0.01, "{hits:?}");
        }
        for (route, hit) in drawn.iter().zip(&hits) {
            let (_, other) = route.leg(End::Arrival);
            let (inward, d) = (hit.to(target.centre()), other.to(*hit));
            let half = (target.width() / 2.0, target.height() / 2.0);
            let normal = Point::new(inward.x / half.0.powi(2), inward.y / half.1.powi(2));
            let cos = (d.x * normal.x + d.y * normal.y) / (d.length() * normal.length());
            assert!(cos >= MOST_ASLANT - 1e-9, "{hit:?} from {other:?}: {cos}");
        }
    }

    /// Straight links out of one shape in nearly the same direction leave
    /// it apart, each along its own line.
    #[test]
    fn straight_links_out_of_one_shape_leave_it_apart() {
        // A source below three small shapes close together, far above it.
        let shapes = vec![
            boxed(0.0, 0.0, 80.0, 40.0),
            boxed(-14.0, -600.0, 12.0, 12.0),
            boxed(0.0, -600.0, 12.0, 12.0),
            boxed(14.0, -600.0, 12.0, 12.0),
        ];
        let router = LinkRouter::new(&shapes).unwrap();
        let requests = requests_between(&shapes, &[(0, 1), (0, 2), (0, 3)]);
        let routes = router.routes(&requests);
        let drawn = as_drawn(&requests, &routes);
        assert!(drawn.iter().all(|r| r.bends.is_empty()), "{drawn:?}");
        let starts: Vec<Point> = drawn
            .iter()
            .map(|r| outline_hit(&shapes[0], r, End::Departure).unwrap())
            .collect();
        // From the centre they would leave within a unit of each other.
        for (a, b) in [(0, 1), (1, 2), (0, 2)] {
            let gap = starts[a].distance(starts[b]);
            assert!(gap >= START_ROOM - 0.01, "{starts:?}");
        }
    }

    /// The routes as drawn: a link without one runs straight between the
    /// centres.
    fn as_drawn(requests: &[RouteRequest], routes: &[Option<Route>]) -> Vec<Route> {
        requests
            .iter()
            .zip(routes)
            .map(|(r, route)| {
                route.clone().unwrap_or(Route {
                    from: r.from,
                    bends: Arc::from([]),
                    to: r.to,
                })
            })
            .collect()
    }

    /// Requests for `links` (pairs of shape indices) between the centres
    /// of `shapes`.
    fn requests_between(shapes: &[Rect], links: &[(usize, usize)]) -> Vec<RouteRequest> {
        links
            .iter()
            .map(|&(s, t)| RouteRequest {
                source: s,
                from: shapes[s].centre(),
                target: t,
                to: shapes[t].centre(),
                reciprocal_bend: None,
            })
            .collect()
    }

    /// Boxes on a jittered grid of 4 × 5 (a quarter left out), with gaps
    /// of at least 12 units.
    fn jittered_grid(rng: &mut SplitMix64) -> Vec<Rect> {
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
        shapes
    }

    /// The pairs of `ways` (as drawn, corners rounded) that run together
    /// for more than 10 units.
    fn drawn_together(ways: &[(Point, Arc<[Point]>, Point)]) -> usize {
        let lines: Vec<Vec<Point>> = ways
            .iter()
            .map(|(from, bends, to)| {
                LinkPath {
                    start: *from,
                    control: None,
                    bends: Some(Arc::clone(bends)),
                    end: *to,
                }
                .polyline(0)
            })
            .collect();
        let mut pairs = 0;
        for i in 0..lines.len() {
            for j in i + 1..lines.len() {
                let together = lines[i].windows(2).any(|p| {
                    lines[j]
                        .windows(2)
                        .any(|q| shared_stretch(p[0], p[1], q[0], q[1]) > 10.0)
                });
                pairs += usize::from(together);
            }
        }
        pairs
    }

    /// Routes of many links between the top and the bottom row of random
    /// boxes, each found alone, and together (moved apart, and round
    /// crowded gaps).
    #[test]
    fn routes_through_the_same_corners_are_drawn_apart_and_clear_of_the_shapes() {
        let mut rng = SplitMix64::new(11);
        let (mut before, mut after) = (0, 0);
        for round in 0..6 {
            let shapes = jittered_grid(&mut rng);
            let router = LinkRouter::new(&shapes).unwrap();
            // Links from every shape of the first row to every shape of
            // the last, and back from every second one: many share ways.
            let n = shapes.len();
            let top: Vec<usize> = (0..n).filter(|&k| shapes[k].centre().y < 40.0).collect();
            let bottom: Vec<usize> = (0..n).filter(|&k| shapes[k].centre().y > 200.0).collect();
            let mut links = Vec::new();
            for &s in &top {
                for &t in &bottom {
                    links.push((s, t));
                    if (s + t) % 2 == 0 {
                        links.push((t, s));
                    }
                }
            }
            let requests = requests_between(&shapes, &links);
            let apart = router.routes(&requests);
            let mut together = Vec::new();
            let mut separated = Vec::new();
            for (r, route) in requests.iter().zip(&apart) {
                let alone = router.route(r.source, r.from, r.target, r.to);
                // Routed round shapes as alone; a straight link may have
                // been moved (a route without bends).
                let routed = route.as_ref().is_some_and(|r| !r.bends.is_empty());
                assert_eq!(alone.is_some(), routed, "round {round}");
                let Some(route) = route else {
                    continue;
                };
                // As drawn, rounded corners and all: clear of every shape
                // but its ends by more than half a link's width.
                let line = LinkPath {
                    start: route.from,
                    control: None,
                    bends: Some(Arc::clone(&route.bends)),
                    end: route.to,
                }
                .polyline(0);
                let last = line.len() - 1;
                for (k, shape) in shapes.iter().enumerate() {
                    let inner = shape.expand(-0.75);
                    let checked = match k {
                        k if k == r.source => &line[1..],
                        k if k == r.target => &line[..last],
                        _ => &line[..],
                    };
                    assert!(
                        checked.windows(2).all(|w| !enters(&inner, w[0], w[1])),
                        "round {round}: {} → {} drawn through {k}",
                        r.source,
                        r.target
                    );
                }
                if let Some(alone) = alone {
                    together.push((r.from, alone, r.to));
                    separated.push((route.from, Arc::clone(&route.bends), route.to));
                }
            }
            before += drawn_together(&together);
            after += drawn_together(&separated);
        }
        // Fewer pairs of links drawn on top of each other: by more than a
        // third.
        assert!(
            after * 3 < before * 2,
            "{after} pairs together, against {before}"
        );
    }

    #[test]
    fn routes_round_the_outermost_shape_are_drawn_apart_beyond_it() {
        // A wide box whose left side is the web's left edge; three small
        // shapes above link to three below, each way round that side, by
        // its two left corners.
        let mut shapes = vec![boxed(150.0, 0.0, 300.0, 40.0)];
        for x in [20.0, 40.0, 60.0] {
            shapes.push(boxed(x, -100.0, 8.0, 8.0));
            shapes.push(boxed(x + 10.0, 100.0, 8.0, 8.0));
        }
        let router = LinkRouter::new(&shapes).unwrap();
        let links: Vec<(usize, usize)> = (0..3).map(|k| (1 + 2 * k, 2 + 2 * k)).collect();
        let requests = requests_between(&shapes, &links);
        let routes = as_drawn(&requests, &router.routes(&requests));
        let edge = shapes[0].min.x - ROUTE_CLEARANCE;
        for route in &routes {
            assert_eq!(route.bends.len(), 2, "{route:?}");
            assert!(route.bends.iter().all(|b| b.x <= edge), "{route:?}");
        }
        // Each down its own line, ROUTE_SPACING apart, the outer ones
        // beyond the web's edge; none drawn on top of another.
        let mut xs: Vec<f64> = routes.iter().map(|r| r.bends[0].x).collect();
        xs.sort_by(f64::total_cmp);
        assert_eq!(xs, [edge - 2.0 * ROUTE_SPACING, edge - ROUTE_SPACING, edge]);
        let ways: Vec<(Point, Arc<[Point]>, Point)> = routes
            .iter()
            .map(|r| (r.from, Arc::clone(&r.bends), r.to))
            .collect();
        assert_eq!(drawn_together(&ways), 0);
    }

    #[test]
    fn routes_crowding_a_gap_too_narrow_to_part_them_take_other_ways() {
        // Two boxes side by side, 12 units apart (as the layouts keep
        // them): the gap between them has room for one route. Three small
        // shapes above link to three below; the shortest way for each is
        // through the gap.
        let mut shapes = vec![boxed(-40.0, 0.0, 80.0, 40.0), boxed(52.0, 0.0, 80.0, 40.0)];
        for x in [-20.0, 24.0, -32.0] {
            shapes.push(boxed(x, -160.0, 8.0, 8.0));
            shapes.push(boxed(x, 160.0, 8.0, 8.0));
        }
        let router = LinkRouter::new(&shapes).unwrap();
        let requests: Vec<RouteRequest> = (0..3)
            .map(|k| RouteRequest {
                source: 2 + 2 * k,
                from: shapes[2 + 2 * k].centre(),
                target: 3 + 2 * k,
                to: shapes[3 + 2 * k].centre(),
                reciprocal_bend: None,
            })
            .collect();
        let gap = Rect::from_min_max(Point::new(0.0, -20.0), Point::new(12.0, 20.0));
        let through_gap = |from: Point, bends: &[Point], to: Point| {
            legs(from, bends, to)
                .iter()
                .any(|&(a, b)| gap.meets_segment(a, b))
        };
        // Each alone: through the gap.
        for r in &requests {
            let alone = router.route(r.source, r.from, r.target, r.to).unwrap();
            assert!(through_gap(r.from, &alone, r.to), "{alone:?}");
        }
        // Together: not all of them crowd the gap, where they could not be
        // drawn apart.
        let routes = router.routes(&requests);
        let in_gap = requests
            .iter()
            .zip(&routes)
            .filter(|(_, route)| {
                let route = route.as_ref().unwrap();
                through_gap(route.from, &route.bends, route.to)
            })
            .count();
        assert_eq!(in_gap, 1, "{in_gap} through the gap: {routes:?}");
    }

    #[test]
    fn routes_are_the_shortest_ways_that_enter_no_other_shape() {
        let mut rng = SplitMix64::new(7);
        for round in 0..6 {
            let shapes = jittered_grid(&mut rng);
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
