//! Fewer crossings of the links as drawn (straight, centre to centre) in a
//! layered figure: neighbours in a layer swap places, and shapes slide
//! within the room their neighbours leave them, whenever that makes their
//! own links cross fewer others (or a link along the layer run behind fewer
//! shapes). Layers and separations are kept, so no shapes come closer than
//! before.

use super::quality::segments_cross;

/// A layered figure's shapes, in the frame of its layers: `order` is the
/// coordinate within a layer, the layer's coordinate is fixed.
pub(crate) struct LayeredFigure<'a> {
    /// Real nodes of each layer, in their order.
    pub layers: &'a [Vec<usize>],
    /// Each node's size along its layer's order.
    pub extent: &'a [f64],
    /// Smallest distance between two shapes of a layer.
    pub margin: f64,
    /// The links, as pairs of nodes.
    pub links: &'a [(usize, usize)],
}

/// A link along a layer that runs behind a shape counts as this many
/// crossings: the shape hides it.
const BEHIND_WEIGHT: usize = 2;

/// Passes over all layers, at most.
const MOST_PASSES: usize = 3;

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
    let mut crossings = Crossings::new(&links, &incident, figure.layers, points);
    let mut layers = figure.layers.to_vec();
    let work = n.saturating_mul(links.len()).max(1);
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
    /// The nodes of each layer, and each node's layer (`usize::MAX` for
    /// none).
    members: &'a [Vec<usize>],
    layer_of: Vec<usize>,
    /// Each node's order coordinate, as it moves.
    order: Vec<f64>,
    /// The links along each layer (both ends in it).
    along: Vec<Vec<usize>>,
}

impl<'a> Crossings<'a> {
    fn new(
        links: &'a [(usize, usize)],
        incident: &'a [Vec<usize>],
        members: &'a [Vec<usize>],
        points: &[(f64, f64)],
    ) -> Self {
        let ends = links
            .iter()
            .map(|&(a, b)| [points[a].0, points[a].1, points[b].0, points[b].1])
            .collect();
        let mut layer_of = vec![usize::MAX; points.len()];
        for (l, layer) in members.iter().enumerate() {
            for &v in layer {
                layer_of[v] = l;
            }
        }
        let mut along = vec![Vec::new(); members.len()];
        for (k, &(a, b)) in links.iter().enumerate() {
            if layer_of[a] != usize::MAX && layer_of[a] == layer_of[b] {
                along[layer_of[a]].push(k);
            }
        }
        Crossings {
            links,
            incident,
            ends,
            members,
            layer_of,
            order: points.iter().map(|p| p.0).collect(),
            along,
        }
    }

    /// For node `v` moved along its layer, the places where each of its
    /// links would cross another (but those of `beside`): the other link as
    /// seen from the link's far end, projected onto the layer (one interval
    /// per pair).
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
                // A link along the layer runs behind the shapes between its
                // two ends, and crosses the links that cross the layer there.
                if let Some(layer) = self.members.get(self.layer_of[v]) {
                    for &z in layer {
                        if z == at_v || z == far || beside == Some(z) {
                            continue;
                        }
                        let x = self.order[z];
                        let shadow = if x > fx {
                            (x, f64::INFINITY)
                        } else {
                            (f64::NEG_INFINITY, x)
                        };
                        shadows.extend([shadow; BEHIND_WEIGHT]);
                    }
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
        }
        // Links along v's layer between other nodes run behind v's shape
        // where v stands between their ends.
        if let Some(along) = self.along.get(self.layer_of[v]) {
            for &k in along {
                let (c, d) = self.links[k];
                if c == v || d == v || beside.is_some_and(|x| c == x || d == x) {
                    continue;
                }
                let (xc, xd) = (self.order[c], self.order[d]);
                shadows.extend([(xc.min(xd), xc.max(xd)); BEHIND_WEIGHT]);
            }
        }
        shadows
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

    /// How many links of `v` along its layer run behind `z`'s shape.
    fn behind(&self, v: usize, z: usize) -> usize {
        let x = self.order[z];
        self.incident[v]
            .iter()
            .filter(|&&k| {
                let (a, b) = self.links[k];
                let (xa, xb) = (self.order[a], self.order[b]);
                a != z
                    && b != z
                    && self.layer_of[a] == self.layer_of[z]
                    && self.layer_of[b] == self.layer_of[z]
                    && xa.min(xb) < x
                    && x < xa.max(xb)
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
            links: pairs,
            points,
        }
    }

    struct Figure {
        layers: Vec<Vec<usize>>,
        extent: Vec<f64>,
        links: Vec<(usize, usize)>,
        points: Vec<(f64, f64)>,
    }

    /// How many nodes of the layer stand strictly between the two ends of
    /// this link, if it runs along a layer.
    fn hidden_behind(f: &Figure, points: &[(f64, f64)], (a, b): (usize, usize)) -> usize {
        if points[a].1 != points[b].1 {
            return 0;
        }
        let (x0, x1) = (points[a].0.min(points[b].0), points[a].0.max(points[b].0));
        f.layers
            .iter()
            .flatten()
            .filter(|&&z| z != a && z != b && points[z].1 == points[a].1)
            .filter(|&&z| x0 < points[z].0 && points[z].0 < x1)
            .count()
    }

    /// What untangling weighs for `v`, counted one by one: crossings of its
    /// links with every other link, and shapes hidden behind a link along
    /// the layer (its own links, or others' behind its shape).
    fn cost_of(f: &Figure, points: &[(f64, f64)], v: usize) -> usize {
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
            count += BEHIND_WEIGHT * hidden_behind(f, points, (a, b));
        }
        for &(c, d) in f.links.iter().filter(|&&(c, d)| c != v && d != v) {
            let (x0, x1) = (points[c].0.min(points[d].0), points[c].0.max(points[d].0));
            if points[c].1 == points[d].1
                && points[c].1 == points[v].1
                && x0 < points[v].0
                && points[v].0 < x1
            {
                count += BEHIND_WEIGHT;
            }
        }
        count
    }

    /// What untangling weighs for the whole figure.
    fn total_cost(f: &Figure, points: &[(f64, f64)]) -> usize {
        let crossings = crate::layout::segment_crossings(&f.links, points);
        let hidden: usize = f.links.iter().map(|&l| hidden_behind(f, points, l)).sum();
        crossings + BEHIND_WEIGHT * hidden
    }

    #[test]
    fn the_shadows_count_the_crossings_wherever_the_node_stands() {
        for seed in 0..20 {
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
            let mut crossings = Crossings::new(&f.links, &incident, &f.layers, &points);
            let mut rng = SplitMix64::new(seed + 100);
            for v in 0..points.len() {
                let shadows = crossings.shadows(v, None);
                for _ in 0..10 {
                    let t = rng.unit() * 300.0 - 50.0;
                    crossings.move_node(v, t);
                    points[v].0 = t;
                    assert_eq!(
                        covered(&shadows, t),
                        cost_of(&f, &points, v),
                        "seed {seed}, node {v} at {t}"
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
