//! The size-aware force-directed layout: shapes repel, links attract, a weak
//! gravity holds the web together; then overlaps are removed.

use std::time::{Duration, Instant};

use super::overlap_removal::OverlapRemoval;
use super::placement::initial_positions;
use super::quadtree::{QuadTree, Source};
use super::LayoutGraph;

/// Settings of the force-directed layout.
#[derive(Debug, Clone, PartialEq)]
pub struct ForceSettings {
    /// Seed of the random starting positions of unplaced nodes.
    pub seed: u64,
    /// Smallest distance between two shapes after the layout.
    pub margin: f64,
    /// Preferred empty space between the borders of two linked shapes.
    pub link_gap: f64,
    /// Most simulation steps before overlap removal (fewer when the web
    /// comes to rest earlier).
    pub iterations: usize,
    /// Barnes–Hut opening angle at the end of the simulation: larger is
    /// faster and coarser. The first step uses twice this angle.
    pub theta: f64,
    /// Strength of the pull towards the centre, relative to the repulsion.
    pub gravity: f64,
}

impl Default for ForceSettings {
    fn default() -> Self {
        ForceSettings {
            seed: 1,
            margin: 12.0,
            link_gap: 50.0,
            iterations: 300,
            theta: 1.0,
            gravity: 0.1,
        }
    }
}

/// The phase a running layout is in.
#[derive(Debug)]
enum Phase {
    Forces { step: usize },
    Overlaps(OverlapRemoval),
    Settled,
}

/// A running force-directed simulation. It advances in whole steps, so the
/// positions after `k` steps are the same however the work was split into
/// calls of [`ForceLayout::run_for`].
#[derive(Debug)]
pub struct ForceLayout {
    positions: Vec<(f64, f64)>,
    fixed: Vec<bool>,
    halves: Vec<(f64, f64)>,
    masses: Vec<f64>,
    /// Each undirected link once, without self-loops.
    links: Vec<(usize, usize)>,
    settings: ForceSettings,
    /// The repulsion's length scale.
    k: f64,
    centre: (f64, f64),
    temperature: f64,
    cooling: f64,
    min_temperature: f64,
    calm_steps: usize,
    /// Steps of the force phase: fewer when most nodes were already placed.
    iterations: usize,
    phase: Phase,
    tree: QuadTree,
    forces: Vec<(f64, f64)>,
    /// The repulsion in the tree's order of bodies, as the threads write it.
    ordered_forces: Vec<(f64, f64)>,
    /// Threads that share the repulsion of a large web.
    threads: usize,
}

impl ForceLayout {
    /// Starts a simulation of `graph` from its nodes' positions (a node
    /// without a position is placed near its neighbours, or scattered).
    pub fn new(graph: LayoutGraph, settings: ForceSettings) -> Self {
        let n = graph.nodes.len();
        let halves: Vec<(f64, f64)> = graph
            .nodes
            .iter()
            .map(|node| (sane(node.width) / 2.0, sane(node.height) / 2.0))
            .collect();
        let radii: Vec<f64> = halves.iter().map(|&(w, h)| (w + h) / 2.0).collect();
        let mean_radius = if n == 0 {
            1.0
        } else {
            (radii.iter().sum::<f64>() / n as f64).max(1.0)
        };
        let fixed: Vec<bool> = graph.nodes.iter().map(|node| node.is_fixed()).collect();
        let link_gap = if settings.link_gap.is_finite() {
            settings.link_gap.max(1.0)
        } else {
            50.0
        };
        let k = link_gap;
        let spacing = 2.0 * mean_radius + link_gap;
        let positions = initial_positions(&graph, spacing, settings.seed);
        let unplaced = graph.nodes.iter().filter(|n| n.position.is_none()).count();
        let mut links: Vec<(usize, usize)> = graph
            .edges
            .iter()
            .filter(|&&(a, b)| a != b && a < n && b < n)
            .map(|&(a, b)| (a.min(b), a.max(b)))
            .collect();
        links.sort_unstable();
        links.dedup();
        // ForceAtlas2-like masses: hubs repel more, so their neighbours get
        // room around them; larger shapes repel more too.
        let mut degree = vec![0usize; n];
        for &(a, b) in &links {
            degree[a] += 1;
            degree[b] += 1;
        }
        let masses: Vec<f64> = radii
            .iter()
            .zip(&degree)
            .map(|(r, &d)| (d as f64 + 1.0) * (r / mean_radius).max(0.25))
            .collect();
        let centre = if n == 0 {
            (0.0, 0.0)
        } else {
            let (sx, sy) = positions
                .iter()
                .fold((0.0, 0.0), |(sx, sy), p| (sx + p.0, sy + p.1));
            (sx / n as f64, sy / n as f64)
        };
        // A web that is already arranged is only refined: it starts cool.
        let share_unplaced = if n == 0 {
            0.0
        } else {
            unplaced as f64 / n as f64
        };
        let hot = spacing * (0.15 * (n as f64).sqrt()).max(1.0);
        let heat = 0.03 + 0.97 * share_unplaced;
        let temperature = hot * heat;
        let min_temperature = 0.5;
        let iterations = ((settings.iterations as f64 * heat).ceil() as usize).max(1);
        let cooling =
            (min_temperature / temperature.max(min_temperature)).powf(1.0 / iterations as f64);
        let phase = if n == 0 {
            Phase::Settled
        } else {
            Phase::Forces { step: 0 }
        };
        ForceLayout {
            forces: vec![(0.0, 0.0); n],
            ordered_forces: Vec::new(),
            positions,
            fixed,
            halves,
            masses,
            links,
            settings,
            k,
            centre,
            temperature,
            cooling,
            min_temperature,
            calm_steps: 0,
            iterations,
            phase,
            tree: QuadTree::default(),
            threads: worker_threads(),
        }
    }

    /// Advances the simulation by whole steps until `budget` has passed (at
    /// least one step per call); returns whether it has settled (overlap
    /// removal done).
    pub fn run_for(&mut self, budget: Duration) -> bool {
        let start = Instant::now();
        loop {
            self.step();
            if self.is_settled() {
                return true;
            }
            if start.elapsed() >= budget {
                return false;
            }
        }
    }

    /// Runs the simulation to the end.
    pub fn run_to_end(&mut self) {
        while !self.is_settled() {
            self.step();
        }
    }

    /// Whether the simulation has ended: forces at rest and no overlaps.
    pub fn is_settled(&self) -> bool {
        matches!(self.phase, Phase::Settled)
    }

    /// The current centre of every node, in node order; fixed (pinned and
    /// placed) nodes are at their positions.
    pub fn positions(&self) -> &[(f64, f64)] {
        &self.positions
    }

    /// One step: a force step, or a sweep of overlap removal.
    pub fn step(&mut self) {
        match &mut self.phase {
            Phase::Settled => {}
            Phase::Overlaps(removal) => {
                if removal.sweep(&mut self.positions) {
                    self.phase = Phase::Settled;
                }
            }
            Phase::Forces { step } => {
                let step_now = *step;
                let biggest_move = self.force_step();
                let spacing = self.k;
                if biggest_move < 0.01 * spacing {
                    self.calm_steps += 1;
                } else {
                    self.calm_steps = 0;
                }
                let done = step_now + 1 >= self.iterations
                    || self.calm_steps >= 5
                    || self.temperature <= self.min_temperature;
                self.phase = if done {
                    Phase::Overlaps(OverlapRemoval::new(
                        self.halves.clone(),
                        self.fixed.clone(),
                        self.settings.margin,
                    ))
                } else {
                    Phase::Forces { step: step_now + 1 }
                };
            }
        }
    }

    /// Moves every free node along its net force, no further than the
    /// temperature; returns the largest move.
    fn force_step(&mut self) -> f64 {
        let n = self.positions.len();
        // Two linked shapes of one link each rest `k` apart: k²/4·m·m/gap = gap.
        let kr = self.k * self.k / 4.0;
        // Coarse while the moves are large, finer as the web settles: the
        // opening angle falls from twice the setting to the setting over the
        // force phase (about 1.4 times faster than a fixed angle, and no more
        // crossings on the benchmark webs).
        let progress = match self.phase {
            Phase::Forces { step } => step as f64 / self.iterations.max(1) as f64,
            _ => 1.0,
        };
        let theta = self.settings.theta.clamp(0.0, 2.0) * (2.0 - progress.min(1.0));
        self.tree.build(&self.positions, &self.masses);
        let bodies = Bodies {
            positions: &self.positions,
            halves: &self.halves,
            masses: &self.masses,
            fixed: &self.fixed,
            tree: &self.tree,
            theta,
            kr,
            gravity: self.settings.gravity.max(0.0),
            centre: self.centre,
        };
        // The repulsion on each shape is independent of the others': large
        // webs share it out between threads, in fixed ranges of the tree's
        // order of bodies, so the result is the same whatever the number of
        // threads. The tree's order keeps neighbours in space together, so
        // one thread's walks read the same cells.
        let order = self.tree.order();
        let threads = if n >= PARALLEL_FROM { self.threads } else { 1 };
        let chunk = n.div_ceil(threads).max(1);
        let ordered = &mut self.ordered_forces;
        ordered.resize(n, (0.0, 0.0));
        if threads > 1 {
            std::thread::scope(|scope| {
                for (k, forces) in ordered.chunks_mut(chunk).enumerate() {
                    let bodies = &bodies;
                    let order = &order[k * chunk..];
                    scope.spawn(move || bodies.repulsion(order, forces));
                }
            });
        } else {
            bodies.repulsion(order, ordered);
        }
        for (&i, &f) in order.iter().zip(ordered.iter()) {
            self.forces[i] = f;
        }
        for &(a, b) in &self.links {
            let (pa, pb) = (self.positions[a], self.positions[b]);
            let (dx, dy) = (pb.0 - pa.0, pb.1 - pa.1);
            let d = (dx * dx + dy * dy).sqrt();
            if d < 1e-9 {
                continue;
            }
            let (ux, uy) = (dx / d, dy / d);
            let reaches = reach(self.halves[a], ux, uy) + reach(self.halves[b], ux, uy);
            let gap = (d - reaches).max(0.0);
            let f = gap;
            self.forces[a].0 += f * ux;
            self.forces[a].1 += f * uy;
            self.forces[b].0 -= f * ux;
            self.forces[b].1 -= f * uy;
        }
        let mut biggest = 0.0f64;
        for i in 0..n {
            if self.fixed[i] {
                continue;
            }
            let (fx, fy) = self.forces[i];
            let f = (fx * fx + fy * fy).sqrt();
            if f < 1e-12 || !f.is_finite() {
                continue;
            }
            let step = f.min(self.temperature);
            self.positions[i].0 += fx / f * step;
            self.positions[i].1 += fy / f * step;
            biggest = biggest.max(step);
        }
        self.temperature *= self.cooling;
        biggest
    }
}

/// Webs with at least this many nodes compute the repulsion on several
/// threads (below, starting the threads costs more than it saves).
const PARALLEL_FROM: usize = 400;

/// Threads for the repulsion: the machine's cores, at most 8.
fn worker_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// What the repulsion on a shape depends on, shared read-only by the threads.
struct Bodies<'a> {
    positions: &'a [(f64, f64)],
    halves: &'a [(f64, f64)],
    masses: &'a [f64],
    fixed: &'a [bool],
    tree: &'a QuadTree,
    theta: f64,
    /// Repulsion constant: k²/4.
    kr: f64,
    gravity: f64,
    centre: (f64, f64),
}

impl Bodies<'_> {
    /// The repulsion and gravity on the shapes `order[..forces.len()]`,
    /// written to `forces` in that order (zero for fixed shapes).
    fn repulsion(&self, order: &[usize], forces: &mut [(f64, f64)]) {
        // The sources of one shape are gathered first, then summed in
        // loops whose steps do not wait on each other.
        let mut near: Vec<usize> = Vec::new();
        let mut far: Vec<(f64, f64, f64)> = Vec::new();
        for (&i, force) in order.iter().zip(forces.iter_mut()) {
            *force = (0.0, 0.0);
            if self.fixed[i] {
                continue;
            }
            let p = self.positions[i];
            near.clear();
            far.clear();
            self.tree
                .for_each_source(i, p, self.theta, |source| match source {
                    Source::Body(j) => near.push(j),
                    Source::Group { x, y, mass } => far.push((x, y, mass)),
                });
            let mi = self.masses[i];
            let hi = self.halves[i];
            let (mut fx, mut fy) = (0.0, 0.0);
            // A near shape: inverse to the gap between the borders.
            for &j in &near {
                let (x, y) = self.positions[j];
                let (dx, dy) = (p.0 - x, p.1 - y);
                let d = (dx * dx + dy * dy).sqrt();
                if d < 1e-9 {
                    continue;
                }
                let (ux, uy) = (dx / d, dy / d);
                let gap = d - reach(hi, ux, uy) - reach(self.halves[j], ux, uy);
                let gap = gap.max(0.05 * d).max(1.0);
                let f = self.kr * mi * self.masses[j] / gap;
                fx += f * ux;
                fy += f * uy;
            }
            // A far group: the plain inverse-distance repulsion, the shape's
            // size being small beside the distance (no square root, one
            // division).
            let (mut gx, mut gy) = (0.0, 0.0);
            for &(x, y, mass) in &far {
                let (dx, dy) = (p.0 - x, p.1 - y);
                let d2 = (dx * dx + dy * dy).max(1.0);
                let f = mass / d2;
                gx += f * dx;
                gy += f * dy;
            }
            fx += self.kr * mi * gx;
            fy += self.kr * mi * gy;
            // Gravity towards the starting centre, growing with distance.
            let g = self.gravity * mi;
            fx += g * (self.centre.0 - p.0);
            fy += g * (self.centre.1 - p.1);
            *force = (fx, fy);
        }
    }
}

/// How far a box of half size `half` reaches from its centre in the
/// direction of the unit vector `(ux, uy)`.
fn reach(half: (f64, f64), ux: f64, uy: f64) -> f64 {
    let tx = if ux != 0.0 {
        half.0 / ux.abs()
    } else {
        f64::INFINITY
    };
    let ty = if uy != 0.0 {
        half.1 / uy.abs()
    } else {
        f64::INFINITY
    };
    tx.min(ty)
}

/// A usable size: finite and not negative.
fn sane(v: f64) -> f64 {
    if v.is_finite() {
        v.max(0.0)
    } else {
        0.0
    }
}

/// Runs the force-directed layout of `graph` to the end and returns the
/// centre of every node, in node order.
pub fn force_layout(graph: &LayoutGraph, settings: &ForceSettings) -> Vec<(f64, f64)> {
    let mut layout = ForceLayout::new(graph.clone(), settings.clone());
    layout.run_to_end();
    layout.positions
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::LayoutNode;
    use crate::model::NodeKind;

    /// A ring of `n` shapes with a chord from every fifth one, unplaced.
    fn ring(n: usize) -> LayoutGraph {
        let node = LayoutNode {
            width: 90.0,
            height: 40.0,
            position: None,
            pinned: false,
            kind: NodeKind::Mechanism,
        };
        let mut edges: Vec<(usize, usize)> = (0..n).map(|i| (i, (i + 1) % n)).collect();
        edges.extend((0..n).step_by(5).map(|i| (i, (i * 7 + 3) % n)));
        LayoutGraph {
            nodes: vec![node; n],
            edges,
        }
    }

    #[test]
    fn the_positions_do_not_depend_on_the_number_of_threads() {
        let graph = ring(PARALLEL_FROM + 37);
        let run = |threads: usize| {
            let mut layout = ForceLayout::new(graph.clone(), ForceSettings::default());
            layout.threads = threads;
            for _ in 0..20 {
                layout.step();
            }
            layout.positions().to_vec()
        };
        let alone = run(1);
        assert_eq!(alone, run(2));
        assert_eq!(alone, run(3));
    }
}
