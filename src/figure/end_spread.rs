//! Where links leave and reach their shapes: links out of one shape, or
//! into one, that would leave or reach its outline at nearly one point are
//! moved apart there, so that a reader can count them and each arrowhead
//! stands on its own. Routed links ([`super::LinkRouter::routes`]) and
//! straight ones ([`EndSpreader::straight_routes`]) alike.

use std::collections::HashMap;
use std::sync::Arc;

use super::arrival_spread::{spread_round, Outline};
use super::geometry::{Point, Rect};
use super::link_routing::{Route, RouteRequest, AIM_WITHIN, SEPARATED_CLEARANCE};
use super::node_geometry::ellipse_crossings;
use super::route_separation::ROUTE_SPACING;
use super::shape_grid::ShapeGrid;

/// Arrowheads are 8 units wide: routes into one shape whose lines reach
/// its outline closer than this are moved apart ([`EndSpreader`]).
pub(super) const HEAD_ROOM: f64 = 9.0;

/// The most aslant a route moved along its shape's outline may meet it: the
/// cosine of the angle between its leg and the outline's normal there
/// (about 70°), so that its head still points into the shape.
pub(super) const MOST_ASLANT: f64 = 0.35;

/// Links out of one shape whose lines would leave its outline closer than
/// this are moved apart: as far apart as routes through one corner run.
pub(super) const START_ROOM: f64 = ROUTE_SPACING;

/// Passes over a shape's departures or arrivals when moving them apart, at
/// most (they stop once none moves).
const SPREAD_PASSES: usize = 24;

/// Where the leg of `route` at its `end` (from its bend there, or its
/// other end, towards its aim) meets the ellipse inscribed in the box
/// `shape` (the outline of an ellipse node, and inside a box node's
/// outline, where legs that converge on their aims are closest); `None` if
/// it does not.
pub(super) fn outline_hit(shape: &Rect, route: &Route, end: End) -> Option<Point> {
    let (aim, last) = route.leg(end);
    let d = last.to(aim);
    let c = shape.centre();
    let half = (shape.width() / 2.0, shape.height() / 2.0);
    if half.0 <= 0.0 || half.1 <= 0.0 {
        return None;
    }
    let (enters, _) = ellipse_crossings(half, (last.x - c.x, last.y - c.y), (d.x, d.y))?;
    (0.0..=1.0).contains(&enters).then(|| last.plus(d, enters))
}

/// One end of the links: where they leave their source, or arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum End {
    Departure,
    Arrival,
}

/// The shapes' boxes, where links' ends may move.
#[derive(Debug)]
pub struct EndSpreader {
    /// Each shape's box grown by [`SEPARATED_CLEARANCE`]: a leg moved apart
    /// from others may not enter another shape's.
    room: ShapeGrid,
}

impl EndSpreader {
    /// A spreader over the shapes whose boxes are `shapes`.
    pub fn new(shapes: &[Rect]) -> EndSpreader {
        EndSpreader {
            room: ShapeGrid::new(
                shapes
                    .iter()
                    .map(|r| r.expand(SEPARATED_CLEARANCE))
                    .collect(),
            ),
        }
    }

    /// Whether a leg from `a` to `b` keeps clear of every shape's room but
    /// those of `ends`.
    pub(super) fn keeps_clear(&self) -> impl FnMut(Point, Point, [Option<usize>; 2]) -> bool + '_ {
        let mut stamp = vec![0u32; self.room.shapes().len()];
        let mut round = 0u32;
        move |a, b, ends| {
            round += 1;
            !self.room.blocks(a, b, ends, &mut stamp, round)
        }
    }

    /// The links drawn straight, none routed: for each of `links`, the
    /// straight route its ends were moved to, apart from the other links'
    /// (`None` where neither end moved, or for one of a pair linked both
    /// ways, which bends apart from the other). Links drawn straight pass
    /// behind shapes where they stand in the way, so a moved link need not
    /// keep clear of them: it moves a few units.
    pub fn straight_routes(&self, links: &[RouteRequest]) -> Vec<Option<Route>> {
        let anywhere = |_: Point, _: Point, _: [Option<usize>; 2]| true;
        self.finish(
            links,
            Vec::new(),
            Vec::new(),
            vec![None; links.len()],
            anywhere,
        )
    }

    /// The links' routes, given the `routes` of the routed ones between the
    /// shapes `ends`, and for each link which of them is its (`which`):
    /// straight links (not those bent as one of a pair linked both ways)
    /// join them, each a route without bends (one for the links with the
    /// same source and target), and all their ends are moved apart
    /// (arrivals round the outline, then departures, then arrivals still
    /// too close), where the legs moved keep clear (`clear`). A straight
    /// link is kept only if an end moved.
    pub(super) fn finish(
        &self,
        links: &[RouteRequest],
        mut routes: Vec<Route>,
        mut ends: Vec<(usize, usize)>,
        which: Vec<Option<usize>>,
        mut clear: impl FnMut(Point, Point, [Option<usize>; 2]) -> bool,
    ) -> Vec<Option<Route>> {
        let mut first_straight: HashMap<(usize, usize), usize> = HashMap::new();
        let straight: Vec<Option<usize>> = links
            .iter()
            .zip(&which)
            .map(|(l, w)| {
                (w.is_none() && l.reciprocal_bend.is_none()).then(|| {
                    *first_straight
                        .entry((l.source, l.target))
                        .or_insert_with(|| {
                            routes.push(Route {
                                from: l.from,
                                bends: Arc::from([]),
                                to: l.to,
                            });
                            ends.push((l.source, l.target));
                            routes.len() - 1
                        })
                })
            })
            .collect();
        self.spread_arrivals(&mut routes, &ends, &mut clear);
        self.spread_ends(&mut routes, &ends, End::Departure, &mut clear);
        self.spread_ends(&mut routes, &ends, End::Arrival, &mut clear);
        which
            .into_iter()
            .zip(links.iter().zip(straight))
            .map(|(w, (l, straight))| match (w, straight) {
                (Some(w), _) => Some(routes[w].clone()),
                (None, Some(k)) => {
                    let moved = routes[k].from != l.from || routes[k].to != l.to;
                    moved.then(|| routes[k].clone())
                }
                (None, None) => None,
            })
            .collect()
    }

    /// Moves apart the aims at `end` of routes out of (or into) one shape
    /// whose lines leave (or reach) its outline closer than [`START_ROOM`]
    /// (or [`HEAD_ROOM`]) to each other, wherever they go: each aim moves
    /// across its own leg there (for a straight link, the whole link),
    /// within the shape ([`AIM_WITHIN`]), where that leg keeps clear
    /// (`clear`). Each pass moves every such pair apart by half what they
    /// lack; a row of them needs many passes.
    fn spread_ends(
        &self,
        routes: &mut [Route],
        ends: &[(usize, usize)],
        end: End,
        mut clear: impl FnMut(Point, Point, [Option<usize>; 2]) -> bool,
    ) {
        let room = match end {
            End::Departure => START_ROOM,
            End::Arrival => HEAD_ROOM,
        };
        let mut at: HashMap<usize, Vec<usize>> = HashMap::new();
        for (k, &(source, target)) in ends.iter().enumerate() {
            if source != target {
                let here = match end {
                    End::Departure => source,
                    End::Arrival => target,
                };
                at.entry(here).or_default().push(k);
            }
        }
        let mut shapes: Vec<usize> = at.keys().copied().collect();
        shapes.sort_unstable();
        for here in shapes {
            let meeting = &at[&here];
            if meeting.len() < 2 {
                continue;
            }
            let shape = self.shape_box(here);
            let centre = shape.centre();
            let half = (shape.width() / 2.0, shape.height() / 2.0);
            for _ in 0..SPREAD_PASSES {
                let mut moved = false;
                for (i, &a) in meeting.iter().enumerate() {
                    for &b in &meeting[i + 1..] {
                        let (Some(ha), Some(hb)) = (
                            outline_hit(&shape, &routes[a], end),
                            outline_hit(&shape, &routes[b], end),
                        ) else {
                            continue;
                        };
                        let gap = ha.distance(hb);
                        if gap >= room {
                            continue;
                        }
                        let away = if gap > 1e-9 {
                            hb.to(ha).unit()
                        } else {
                            // One on top of the other: apart across a's leg.
                            let (aim, other) = routes[a].leg(end);
                            other.to(aim).unit().perpendicular()
                        };
                        let push = (room - gap) / 2.0;
                        for (k, sign) in [(a, 1.0), (b, -1.0)] {
                            let (aim, other) = routes[k].leg(end);
                            // A straight leg ends in the link's other shape.
                            let there = match end {
                                End::Departure => ends[k].1,
                                End::Arrival => ends[k].0,
                            };
                            let there = routes[k].bends.is_empty().then_some(there);
                            let across = other.to(aim).unit().perpendicular();
                            // Across the leg, towards `away` (for a).
                            let along = across.x * away.x + across.y * away.y;
                            let step = if along >= 0.0 { push } else { -push } * sign;
                            let moved_aim = aim.plus(across, step);
                            let off = centre.to(moved_aim);
                            let inside = off.x.abs() <= AIM_WITHIN * half.0
                                && off.y.abs() <= AIM_WITHIN * half.1;
                            if inside && clear(moved_aim, other, [Some(here), there]) {
                                routes[k].aim_at(end, moved_aim);
                                moved = true;
                            }
                        }
                    }
                }
                if !moved {
                    break;
                }
            }
        }
    }

    /// Gives the routes into each shape room for their arrowheads along its
    /// outline: where they reach it ([`outline_hit`]) is spread round it,
    /// in the order they reach it, [`HEAD_ROOM`] apart, each moved as
    /// little as it can be ([`spread_round`]). A route takes its new place
    /// only if its leg from its bend (or other end) reaches the outline
    /// there first, meets it no more aslant than [`MOST_ASLANT`] and keeps
    /// clear of the other shapes (`clear`);
    /// else it stays for [`Self::spread_ends`] to move apart from its
    /// neighbours.
    fn spread_arrivals(
        &self,
        routes: &mut [Route],
        ends: &[(usize, usize)],
        mut clear: impl FnMut(Point, Point, [Option<usize>; 2]) -> bool,
    ) {
        let mut at: HashMap<usize, Vec<usize>> = HashMap::new();
        for (k, &(source, target)) in ends.iter().enumerate() {
            if source != target {
                at.entry(target).or_default().push(k);
            }
        }
        let mut shapes: Vec<usize> = at.keys().copied().collect();
        shapes.sort_unstable();
        for here in shapes {
            let shape = self.shape_box(here);
            let centre = shape.centre();
            let half = (shape.width() / 2.0, shape.height() / 2.0);
            if half.0 <= 0.0 || half.1 <= 0.0 {
                continue;
            }
            let (arriving, hits): (Vec<usize>, Vec<Point>) = at[&here]
                .iter()
                .filter_map(|&k| Some((k, outline_hit(&shape, &routes[k], End::Arrival)?)))
                .unzip();
            if arriving.len() < 2 {
                continue;
            }
            // Heads at least twice their room apart need no move (a leg's
            // room is at most that, and the outline between two hits is
            // no shorter than the line).
            let crowded = hits.iter().enumerate().any(|(i, a)| {
                hits[i + 1..]
                    .iter()
                    .any(|b| a.distance(*b) < 2.0 * HEAD_ROOM)
            });
            if !crowded {
                continue;
            }
            let outline = Outline::new(centre, half);
            let total = outline.length();
            let before: Vec<f64> = hits.iter().map(|&p| outline.position(p)).collect();
            // How squarely a leg from `other` meets the outline at `hit`:
            // the cosine of its angle with the inward normal there.
            let squarely = |other: Point, hit: Point| {
                let c = hit.to(centre);
                let normal = Point::new(c.x / (half.0 * half.0), c.y / (half.1 * half.1));
                let d = other.to(hit);
                (d.x * normal.x + d.y * normal.y) / (d.length() * normal.length()).max(1e-12)
            };
            // A head that meets the outline aslant covers more of it.
            let rooms: Vec<f64> = arriving
                .iter()
                .zip(&hits)
                .map(|(&k, &hit)| HEAD_ROOM / squarely(routes[k].leg(End::Arrival).1, hit).max(0.5))
                .collect();
            let spread = spread_round(&before, &rooms, total);
            for ((&k, &was), &now) in arriving.iter().zip(&before).zip(&spread) {
                let moved = (now - was).rem_euclid(total);
                if moved.min(total - moved) < 0.5 {
                    continue;
                }
                let place = outline.point_at(now);
                let (_, other) = routes[k].leg(End::Arrival);
                let d = other.to(place);
                let from = (other.x - centre.x, other.y - centre.y);
                let Some((enters, leaves)) = ellipse_crossings(half, from, (d.x, d.y)) else {
                    continue;
                };
                if enters <= 0.0 || other.plus(d, enters).distance(place) > 0.5 {
                    continue;
                }
                let aim = other.plus(d, (enters + leaves) / 2.0);
                let there = routes[k].bends.is_empty().then_some(ends[k].0);
                if squarely(other, place) >= MOST_ASLANT && clear(aim, other, [Some(here), there]) {
                    routes[k].aim_at(End::Arrival, aim);
                }
            }
        }
    }

    /// The box of shape `k`, as the spreader was given it.
    pub(super) fn shape_box(&self, k: usize) -> Rect {
        self.room.shapes()[k].expand(-SEPARATED_CLEARANCE)
    }
}
