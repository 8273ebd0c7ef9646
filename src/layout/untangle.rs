//! Fewer crossings of the links as drawn (straight, centre to centre) in a
//! layered figure: neighbours in a layer swap places, and shapes slide
//! within the room their neighbours leave them, whenever that makes their
//! own links cross fewer others or run behind fewer shapes. Layers and
//! separations are kept, so no shapes come closer than before.

use super::quality::segments_cross;
use crate::figure::{Point, Rect};

/// A layered figure's shapes, in the frame of its layers: `order` is the
/// coordinate within a layer, the layer's coordinate is fixed.
pub(crate) struct LayeredFigure<'a> {
    /// Real nodes of each layer, in their order.
    pub layers: &'a [Vec<usize>],
    /// Each node's size along its layer's order.
    pub extent: &'a [f64],
    /// Each node's size across its layer (along the layers' axis).
    pub depth: &'a [f64],
    /// Smallest distance between two shapes of a layer.
    pub margin: f64,
    /// The links, as pairs of nodes.
    pub links: &'a [(usize, usize)],
}

/// A link that runs behind a shape (not one of its ends) counts as this
/// many crossings: the shape hides it.
const BEHIND_WEIGHT: usize = 2;

/// Passes over all layers, at most.
const MOST_PASSES: usize = 3;

/// Nodes times links up to which every link behind a shape is weighed;
/// above, only links along a layer (those between two contexts), since
/// weighing the others costs about a third more time (measured at 1,000
/// nodes of 2.5 links each).
const HIDE_ALL_WORK: usize = 1_000_000;

/// Nodes times links that one pass more costs: a large web makes fewer
/// passes (one from 2,500,000, about 1,000 nodes of 2.5 links each).
const PASS_WORK: usize = 2_500_000;

/// Improves `points` (each node's (order, layer) coordinates) in place.
pub(crate) fn untangle(figure: &LayeredFigure, points: &mut [(f64, f64)]) {
    let n = points.len();
    let links: Vec<(usize, usize)> = figure
        .links
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && a < n && b < n)
        .collect();
    let mut incident: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (k, &(a, b)) in links.iter().enumerate() {
        incident[a].push(k);
        incident[b].push(k);
    }
    let halves: Vec<(f64, f64)> = (0..n)
        .map(|v| {
            let size = |sizes: &[f64]| sizes.get(v).copied().unwrap_or(0.0) / 2.0;
            (size(figure.extent), size(figure.depth))
        })
        .collect();
    let work = n.saturating_mul(links.len()).max(1);
    let mut crossings = Crossings::new(&links, &incident, points, halves);
    crossings.hide_all = work <= HIDE_ALL_WORK;
    let mut layers = figure.layers.to_vec();
    let passes = (PASS_WORK / work).clamp(1, MOST_PASSES);
    for _ in 0..passes {
        let mut improved = false;
        for layer in &mut layers {
            improved |= swap_neighbours(figure, &mut crossings, layer);
            improved |= slide(figure, &mut crossings, layer);
        }
        if !improved {
            break;
        }
    }
    for (p, &order) in points.iter_mut().zip(&crossings.order) {
        p.0 = order;
    }
}

/// Where a node's links cross the others: every link's end points, kept up
/// to date as nodes move, side by side for a fast scan.
struct Crossings<'a> {
    links: &'a [(usize, usize)],
    incident: &'a [Vec<usize>],
    /// Per link (a, b): a's order and layer coordinates, then b's.
    ends: Vec<[f64; 4]>,
    /// Each node's order coordinate, as it moves, and its layer's.
    order: Vec<f64>,
    level: Vec<f64>,
    /// Half of each shape's size along its layer and across it.
    halves: Vec<(f64, f64)>,
    /// Every shape by the level of its layer, lowest first, and the largest
    /// half size across a layer: the shapes that reach between two levels
    /// are found by bisection.
    by_level: Vec<(f64, usize)>,
    reach: f64,
    /// The links along a layer (both ends on one level).
    along: Vec<usize>,
    /// Whether every link behind a shape is weighed, or only those along
    /// a layer.
    hide_all: bool,
}

impl<'a> Crossings<'a> {
    fn new(
        links: &'a [(usize, usize)],
        incident: &'a [Vec<usize>],
        points: &[(f64, f64)],
        halves: Vec<(f64, f64)>,
    ) -> Self {
        let ends = links
            .iter()
            .map(|&(a, b)| [points[a].0, points[a].1, points[b].0, points[b].1])
            .collect();
        let mut by_level: Vec<(f64, usize)> =
            points.iter().enumerate().map(|(v, p)| (p.1, v)).collect();
        by_level.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let reach = halves.iter().map(|h| h.1).fold(0.0, f64::max);
        let along = (0..links.len())
            .filter(|&k| points[links[k].0].1 == points[links[k].1].1)
            .collect();
        Crossings {
            links,
            incident,
            ends,
            order: points.iter().map(|p| p.0).collect(),
            level: points.iter().map(|p| p.1).collect(),
            halves,
            by_level,
            reach,
            along,
            hide_all: true,
        }
    }

    /// For node `v` moved along its layer, the places where each of its
    /// links would cross another, or run behind a shape, (but those of
    /// `beside`): the other link or the shape's box as seen from the link's
    /// far end, projected onto the layer (one interval per pair); and the
    /// places where another link would run behind v's shape. A shape hiding
    /// a link counts [`BEHIND_WEIGHT`] times.
    fn shadows(&self, v: usize, beside: Option<usize>) -> Vec<(f64, f64)> {
        /// Parts of links this close to either level are left out.
        const NEAR: f64 = 1e-6;
        let mut shadows = Vec::new();
        for &k in &self.incident[v] {
            let (a, b) = self.links[k];
            let [ax, ay, bx, by] = self.ends[k];
            let (at_v, far, (fx, fy), vy) = if a == v {
                (a, b, (bx, by), ay)
            } else {
                (b, a, (ax, ay), by)
            };
            if (vy - fy).abs() < 1e-9 {
                // A link along the layer runs behind the shapes it reaches
                // on the layer's line, and crosses the links that cross the
                // layer there.
                for z in self.shapes_between(vy, vy, [at_v, far], beside) {
                    let (half, across) = self.halves[z];
                    if (self.level[z] - vy).abs() > across {
                        continue;
                    }
                    let (lo, hi) = (self.order[z] - half, self.order[z] + half);
                    let shadow = if fx < lo {
                        (lo, f64::INFINITY)
                    } else if fx > hi {
                        (f64::NEG_INFINITY, hi)
                    } else {
                        (f64::NEG_INFINITY, f64::INFINITY)
                    };
                    shadows.extend([shadow; BEHIND_WEIGHT]);
                }
                for e in self.others([at_v, far], beside) {
                    let (sc, sd) = (e[1] - vy, e[3] - vy);
                    if !((sc < 0.0 && sd > 0.0) || (sc > 0.0 && sd < 0.0)) {
                        continue;
                    }
                    let x = e[0] + (e[2] - e[0]) * sc / (sc - sd);
                    if x > fx {
                        shadows.push((x, f64::INFINITY));
                    } else if x < fx {
                        shadows.push((f64::NEG_INFINITY, x));
                    }
                }
                continue;
            }
            // Height of a point between the far end (0) and v's layer (1).
            let height = |y: f64| (y - fy) / (vy - fy);
            for e in self.others([at_v, far], beside) {
                let (hc, hd) = (height(e[1]), height(e[3]));
                // The part of the other link strictly between the two
                // levels (one along v's layer only touches v's link).
                let (lo, hi) = (NEAR, 1.0 - NEAR);
                let (s0, s1) = if (hd - hc).abs() < 1e-12 {
                    if hc < lo || hc > hi {
                        continue;
                    }
                    (0.0, 1.0)
                } else {
                    let (t_lo, t_hi) = ((lo - hc) / (hd - hc), (hi - hc) / (hd - hc));
                    let (t0, t1) = (t_lo.min(t_hi).max(0.0), t_lo.max(t_hi).min(1.0));
                    if t0 >= t1 {
                        continue;
                    }
                    (t0, t1)
                };
                let project = |s: f64| {
                    let x = e[0] + s * (e[2] - e[0]);
                    let h = hc + s * (hd - hc);
                    fx + (x - fx) / h
                };
                let (p0, p1) = (project(s0), project(s1));
                shadows.push((p0.min(p1), p0.max(p1)));
            }
            // The link runs behind a shape where it passes the shape's box:
            // the box, cut to the levels between the far end and v's
            // layer, seen from the far end.
            if !self.hide_all {
                continue;
            }
            for z in self.shapes_between(fy, vy, [at_v, far], beside) {
                let (half, across) = self.halves[z];
                let (h0, h1) = (
                    height(self.level[z] - across),
                    height(self.level[z] + across),
                );
                let (h0, h1) = (h0.min(h1).max(NEAR), h0.max(h1).min(1.0));
                if h0 > h1 {
                    continue;
                }
                let (lo, hi) = (self.order[z] - half, self.order[z] + half);
                let seen = [(lo, h0), (lo, h1), (hi, h0), (hi, h1)].map(|(x, h)| fx + (x - fx) / h);
                let (p0, p1) = seen
                    .iter()
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(a, b), &p| {
                        (a.min(p), b.max(p))
                    });
                shadows.extend([(p0, p1); BEHIND_WEIGHT]);
            }
        }
        // Other links run behind v's shape where its box meets them: the
        // part of each within the box's levels, widened by the box.
        let (half, across) = self.halves[v];
        let vy = self.level[v];
        let passing: Box<dyn Iterator<Item = &[f64; 4]>> = if self.hide_all {
            Box::new(self.others([v, v], beside))
        } else {
            Box::new(
                self.along
                    .iter()
                    .filter(move |&&k| {
                        let (c, d) = self.links[k];
                        c != v && d != v && !beside.is_some_and(|x| c == x || d == x)
                    })
                    .map(|&k| &self.ends[k]),
            )
        };
        for e in passing {
            let (cy, dy) = (e[1], e[3]);
            let (s0, s1) = if (dy - cy).abs() < 1e-12 {
                if (cy - vy).abs() > across {
                    continue;
                }
                (0.0, 1.0)
            } else {
                let (a, b) = (
                    (vy - across - cy) / (dy - cy),
                    (vy + across - cy) / (dy - cy),
                );
                let (s0, s1) = (a.min(b).max(0.0), a.max(b).min(1.0));
                if s0 > s1 {
                    continue;
                }
                (s0, s1)
            };
            let (x0, x1) = (e[0] + s0 * (e[2] - e[0]), e[0] + s1 * (e[2] - e[0]));
            shadows.extend([(x0.min(x1) - half, x0.max(x1) + half); BEHIND_WEIGHT]);
        }
        shadows
    }

    /// Every shape but `ends` and `beside` whose layer's level is within
    /// the largest half size across a layer of the levels from `a` to `b`:
    /// all the shapes that may reach between them.
    fn shapes_between(
        &self,
        a: f64,
        b: f64,
        ends: [usize; 2],
        beside: Option<usize>,
    ) -> impl Iterator<Item = usize> + '_ {
        let (low, high) = (a.min(b) - self.reach, a.max(b) + self.reach);
        let first = self.by_level.partition_point(|&(l, _)| l < low);
        self.by_level[first..]
            .iter()
            .take_while(move |&&(l, _)| l <= high)
            .map(|&(_, z)| z)
            .filter(move |&z| !ends.contains(&z) && beside != Some(z))
    }

    /// The end points of every link that touches neither of `ends` nor
    /// `beside`.
    fn others(
        &self,
        ends: [usize; 2],
        beside: Option<usize>,
    ) -> impl Iterator<Item = &[f64; 4]> + '_ {
        self.links
            .iter()
            .zip(&self.ends)
            .filter(move |&(&(c, d), _)| {
                !ends.contains(&c)
                    && !ends.contains(&d)
                    && !beside.is_some_and(|x| c == x || d == x)
            })
            .map(|(_, e)| e)
    }

    /// Crossings between the links of `v` and those of `w`, and how often
    /// a link of one along the layer runs behind the other's shape.
    fn between(&self, v: usize, w: usize) -> usize {
        let mut count = BEHIND_WEIGHT * (self.behind(v, w) + self.behind(w, v));
        for &k in &self.incident[v] {
            let (a, b) = self.links[k];
            let [ax, ay, bx, by] = self.ends[k];
            for &j in &self.incident[w] {
                let (c, d) = self.links[j];
                if a == c || a == d || b == c || b == d {
                    continue;
                }
                let e = self.ends[j];
                if segments_cross((ax, ay), (bx, by), (e[0], e[1]), (e[2], e[3])) {
                    count += 1;
                }
            }
        }
        count
    }

    /// How many links of `v` run behind `z`'s shape (of those weighed).
    fn behind(&self, v: usize, z: usize) -> usize {
        let (half, across) = self.halves[z];
        let shape = Rect::from_centre_size(
            Point::new(self.order[z], self.level[z]),
            2.0 * half,
            2.0 * across,
        );
        self.incident[v]
            .iter()
            .filter(|&&k| {
                let (a, b) = self.links[k];
                let [ax, ay, bx, by] = self.ends[k];
                a != z
                    && b != z
                    && (self.hide_all || ay == by)
                    && shape.meets_segment(Point::new(ax, ay), Point::new(bx, by))
            })
            .count()
    }

    /// Puts node `v` at order coordinate `order`.
    fn move_node(&mut self, v: usize, order: f64) {
        self.order[v] = order;
        for &k in &self.incident[v] {
            let (a, b) = self.links[k];
            if a == v {
                self.ends[k][0] = order;
            }
            if b == v {
                self.ends[k][2] = order;
            }
        }
    }
}

/// Swaps neighbours of a layer, each pair keeping the span it covers,
/// where that removes crossings. Returns whether anything moved.
fn swap_neighbours(figure: &LayeredFigure, crossings: &mut Crossings, layer: &mut [usize]) -> bool {
    let mut moved = false;
    for i in 1..layer.len() {
        let (v, w) = (layer[i - 1], layer[i]);
        let (ev, ew) = (figure.extent[v] / 2.0, figure.extent[w] / 2.0);
        let (ov, ow) = (crossings.order[v], crossings.order[w]);
        // w takes v's left edge, v takes w's right edge.
        let (v_after, w_after) = (ow + ew - ev, ov - ev + ew);
        let (of_v, of_w) = (crossings.shadows(v, Some(w)), crossings.shadows(w, Some(v)));
        let before = covered(&of_v, ov) + covered(&of_w, ow) + crossings.between(v, w);
        if before == 0 {
            continue;
        }
        crossings.move_node(v, v_after);
        crossings.move_node(w, w_after);
        let after = covered(&of_v, v_after) + covered(&of_w, w_after) + crossings.between(v, w);
        if after < before {
            layer.swap(i - 1, i);
            moved = true;
        } else {
            crossings.move_node(v, ov);
            crossings.move_node(w, ow);
        }
    }
    moved
}

/// How many of the intervals contain `t`.
fn covered(shadows: &[(f64, f64)], t: f64) -> usize {
    shadows.iter().filter(|&&(a, b)| a < t && t < b).count()
}

/// Moves each shape of a layer, between its neighbours, to where its links
/// cross least (first and last shapes stay, so the layer keeps its span).
/// Returns whether anything moved.
fn slide(figure: &LayeredFigure, crossings: &mut Crossings, layer: &[usize]) -> bool {
    let mut moved = false;
    for i in 1..layer.len().saturating_sub(1) {
        let (u, v, w) = (layer[i - 1], layer[i], layer[i + 1]);
        let order = &crossings.order;
        let low = order[u] + (figure.extent[u] + figure.extent[v]) / 2.0 + figure.margin;
        let high = order[w] - (figure.extent[w] + figure.extent[v]) / 2.0 - figure.margin;
        if high - low < 1.0 {
            continue;
        }
        let now = order[v];
        let best = least_covered(&crossings.shadows(v, None), low, high, now);
        crossings.move_node(v, best);
        moved |= best != now;
    }
    moved
}

/// The place in `low..=high` covered by fewest of the open intervals
/// `shadows`: `now` if none is covered by fewer, else the middle of the
/// nearest stretch between interval ends that is.
fn least_covered(shadows: &[(f64, f64)], low: f64, high: f64, now: f64) -> f64 {
    // Only the intervals that reach into the room matter.
    let shadows: Vec<(f64, f64)> = shadows
        .iter()
        .copied()
        .filter(|&(a, b)| a < high && b > low)
        .collect();
    let mut ends: Vec<f64> = shadows
        .iter()
        .flat_map(|&(a, b)| [a, b])
        .filter(|&t| low < t && t < high)
        .chain([low, high])
        .collect();
    ends.sort_by(f64::total_cmp);
    ends.dedup();
    // The coverage is constant between two consecutive ends: a sweep counts
    // it for each stretch.
    let mut events: Vec<(f64, i32)> = shadows
        .iter()
        .flat_map(|&(a, b)| [(a, 1), (b, -1)])
        .collect();
    events.sort_by(|x, y| x.0.total_cmp(&y.0));
    let mut best = (covered(&shadows, now), 0.0, now);
    let mut depth: i32 = 0;
    let mut e = 0;
    for pair in ends.windows(2) {
        while e < events.len() && events[e].0 <= pair[0] {
            depth += events[e].1;
            e += 1;
        }
        let middle = (pair[0] + pair[1]) / 2.0;
        let candidate = (depth.max(0) as usize, (middle - now).abs(), middle);
        if (candidate.0, candidate.1) < (best.0, best.1) {
            best = candidate;
        }
    }
    best.2
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::rng::SplitMix64;

    /// A random figure: `per_layer` shapes of width 30 (about 45 apart) in each
    /// of `layers` layers 100 apart, and `links` random links between
    /// different nodes.
    fn figure(layers: usize, per_layer: usize, links: usize, seed: u64) -> Figure {
        let mut rng = SplitMix64::new(seed);
        let n = layers * per_layer;
        let order: Vec<Vec<usize>> = (0..layers)
            .map(|l| (l * per_layer..(l + 1) * per_layer).collect())
            .collect();
        let points = (0..n)
            .map(|v| {
                let jitter = rng.unit() * 4.0;
                (
                    (v % per_layer) as f64 * 45.0 + jitter,
                    (v / per_layer) as f64 * 100.0,
                )
            })
            .collect();
        let mut pairs = Vec::new();
        while pairs.len() < links {
            let a = (rng.unit() * n as f64) as usize % n;
            let b = (rng.unit() * n as f64) as usize % n;
            if a != b {
                pairs.push((a, b));
            }
        }
        Figure {
            layers: order,
            extent: vec![30.0; n],
            depth: vec![20.0; n],
            links: pairs,
            points,
        }
    }

    struct Figure {
        layers: Vec<Vec<usize>>,
        extent: Vec<f64>,
        depth: Vec<f64>,
        links: Vec<(usize, usize)>,
        points: Vec<(f64, f64)>,
    }

    /// Whether the link runs behind `z`'s shape (z not one of its ends);
    /// unless `all`, only a link along a layer counts.
    fn hides(
        f: &Figure,
        points: &[(f64, f64)],
        (a, b): (usize, usize),
        z: usize,
        all: bool,
    ) -> bool {
        let at = |i: usize| Point::new(points[i].0, points[i].1);
        let shape = Rect::from_centre_size(at(z), f.extent[z], f.depth[z]);
        z != a && z != b && (all || points[a].1 == points[b].1) && shape.meets_segment(at(a), at(b))
    }

    /// How many shapes the link runs behind (of those weighed).
    fn hidden_behind(f: &Figure, points: &[(f64, f64)], link: (usize, usize), all: bool) -> usize {
        (0..points.len())
            .filter(|&z| hides(f, points, link, z, all))
            .count()
    }

    /// What untangling weighs for `v`, counted one by one: crossings of its
    /// links with every other link, shapes its links run behind, and other
    /// links that run behind its shape (unless `all`, only links along a
    /// layer for these two).
    fn cost_of(f: &Figure, points: &[(f64, f64)], v: usize, all: bool) -> usize {
        let mut count = 0;
        for &(a, b) in f.links.iter().filter(|&&(a, b)| a == v || b == v) {
            for &(c, d) in &f.links {
                if a == c || a == d || b == c || b == d {
                    continue;
                }
                if segments_cross(points[a], points[b], points[c], points[d]) {
                    count += 1;
                }
            }
            count += BEHIND_WEIGHT * hidden_behind(f, points, (a, b), all);
        }
        for &link in f.links.iter().filter(|&&(c, d)| c != v && d != v) {
            if hides(f, points, link, v, all) {
                count += BEHIND_WEIGHT;
            }
        }
        count
    }

    /// What untangling weighs for the whole figure.
    fn total_cost(f: &Figure, points: &[(f64, f64)]) -> usize {
        let crossings = crate::layout::segment_crossings(&f.links, points);
        let hidden: usize = f
            .links
            .iter()
            .map(|&l| hidden_behind(f, points, l, true))
            .sum();
        crossings + BEHIND_WEIGHT * hidden
    }

    #[test]
    fn the_shadows_count_the_crossings_wherever_the_node_stands() {
        for (seed, all) in (0..20).flat_map(|seed| [(seed, true), (seed, false)]) {
            let f = figure(4, 6, 30, seed);
            let incident = {
                let mut incident = vec![Vec::new(); f.points.len()];
                for (k, &(a, b)) in f.links.iter().enumerate() {
                    incident[a].push(k);
                    incident[b].push(k);
                }
                incident
            };
            let mut points = f.points.clone();
            let halves = (0..points.len()).map(|_| (15.0, 10.0)).collect();
            let mut crossings = Crossings::new(&f.links, &incident, &points, halves);
            crossings.hide_all = all;
            let mut rng = SplitMix64::new(seed + 100);
            for v in 0..points.len() {
                let shadows = crossings.shadows(v, None);
                for _ in 0..10 {
                    let t = rng.unit() * 300.0 - 50.0;
                    crossings.move_node(v, t);
                    points[v].0 = t;
                    assert_eq!(
                        covered(&shadows, t),
                        cost_of(&f, &points, v, all),
                        "seed {seed}, node {v} at {t}, all hidden links weighed: {all}"
                    );
                }
                crossings.move_node(v, f.points[v].0);
                points[v].0 = f.points[v].0;
            }
        }
    }

    #[test]
    fn untangling_never_adds_crossings_or_hidden_links_and_keeps_spacing() {
        for seed in 0..20 {
            let f = figure(5, 8, 60, seed);
            let figure = LayeredFigure {
                layers: &f.layers,
                extent: &f.extent,
                depth: &f.depth,
                margin: 10.0,
                links: &f.links,
            };
            let mut points = f.points.clone();
            untangle(&figure, &mut points);
            assert!(
                total_cost(&f, &points) <= total_cost(&f, &f.points),
                "seed {seed}: {} crossings and hidden links, were {}",
                total_cost(&f, &points),
                total_cost(&f, &f.points)
            );
            for layer in &f.layers {
                let mut xs: Vec<f64> = layer.iter().map(|&v| points[v].0).collect();
                // Layers are kept: every shape is still on its layer's line.
                assert!(layer.iter().all(|&v| points[v].1 == f.points[v].1));
                xs.sort_by(f64::total_cmp);
                for pair in xs.windows(2) {
                    assert!(pair[1] - pair[0] >= 30.0 + 10.0 - 1e-9, "seed {seed}");
                }
                // The layer keeps its span.
                let (first, last) = (f.points[layer[0]].0, f.points[*layer.last().unwrap()].0);
                assert!(xs[0] >= first - 1e-9 && xs[xs.len() - 1] <= last + 1e-9);
            }
        }
    }
}
