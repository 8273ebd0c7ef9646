//! The layered layout, in the causal reading order: contexts in the first
//! layer, every other node in the layer of its longest path from a context,
//! crossings reduced by median sweeps (from several starting orders in a
//! small web), shapes spaced by their size (long layers folded into rows,
//! and every layer kept within a band, when asked), then moved within their
//! layers where the links as drawn cross less and run behind fewer shapes
//! ([`super::untangle`]).

use super::overlap_removal::{remove_overlaps, SLACK};
use super::quality::crossing_count;
use super::rng::SplitMix64;
use super::untangle::{untangle, LayeredFigure};
use super::LayoutGraph;
use crate::model::NodeKind;

/// Which way the layers follow each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Direction {
    /// Layers are columns, read from left to right.
    #[default]
    LeftToRight,
    /// Layers are rows, read from top to bottom.
    TopToBottom,
}

impl Direction {
    /// A point given as (coordinate along its layer's order, coordinate of
    /// its layer) as (x, y), or back: the same swap either way.
    fn order_and_layer(self, (a, b): (f64, f64)) -> (f64, f64) {
        match self {
            Direction::LeftToRight => (b, a),
            Direction::TopToBottom => (a, b),
        }
    }

    /// The other direction: a size along the layers' order in this one is
    /// a size along the layer axis in the other.
    fn turned(self) -> Direction {
        match self {
            Direction::LeftToRight => Direction::TopToBottom,
            Direction::TopToBottom => Direction::LeftToRight,
        }
    }
}

/// Settings of the layered layout.
#[derive(Debug, Clone, PartialEq)]
pub struct LayeredSettings {
    pub direction: Direction,
    /// Smallest distance between two shapes in a layer.
    pub margin: f64,
    /// Empty space between two layers, where the links run.
    pub layer_gap: f64,
    /// Sweeps of crossing reduction (each one down or up the layers).
    pub sweeps: usize,
    /// At most this many shapes side by side in a layer: a longer layer is
    /// folded into several rows (or columns) that follow each other, so that
    /// a web with many contexts makes a compact figure. `None`: no limit.
    pub max_per_layer: Option<usize>,
    /// Longest a layer may be along its order (a row's width, a column's
    /// height): a longer layer is folded into several rows (or columns) no
    /// longer than this, and every layer's shapes are kept within a band of
    /// this length, so that the figure fits a page's width. `None`: no
    /// limit.
    pub max_layer_span: Option<f64>,
}

impl Default for LayeredSettings {
    fn default() -> Self {
        LayeredSettings {
            direction: Direction::LeftToRight,
            margin: 12.0,
            layer_gap: 80.0,
            sweeps: 24,
            max_per_layer: None,
            max_layer_span: None,
        }
    }
}

impl LayeredSettings {
    /// Settings that lay a web out top to bottom to print `width_mm` wide
    /// with labels of `font_size` canvas units at about `text_pt` points: no
    /// layer longer than the width that allows (a little less once the
    /// figure's margins are added), layers half the usual gap apart, and
    /// shapes twice the usual margin apart, so that the links going round
    /// them have room to run side by side (as the bundled example is laid
    /// out).
    pub fn fitting_page(width_mm: f64, text_pt: f64, font_size: f64) -> LayeredSettings {
        let points_per_unit = text_pt / font_size;
        LayeredSettings {
            direction: Direction::TopToBottom,
            max_layer_span: Some(width_mm * 72.0 / 25.4 / points_per_unit),
            layer_gap: PAGE_LAYER_GAP,
            margin: PAGE_MARGIN,
            ..LayeredSettings::default()
        }
    }
}

/// Space between layers in a figure fitted to a page (the default is 80).
const PAGE_LAYER_GAP: f64 = 40.0;

/// Least space between shapes in a figure fitted to a page (the default is
/// 12).
const PAGE_MARGIN: f64 = 24.0;

/// The web in layers, with a dummy node wherever a link passes a layer.
struct Layering {
    /// Nodes of each layer, in their order; ids at or above the number of
    /// real nodes are dummies.
    layers: Vec<Vec<usize>>,
    /// Layer of every node, real and dummy.
    layer_of: Vec<usize>,
    /// Neighbours of every node in the layer before and the layer after.
    above: Vec<Vec<usize>>,
    below: Vec<Vec<usize>>,
}

/// Lays out `graph` in layers and returns the centre of every node, in node
/// order. Pinned nodes with a position stay there: the layers are shifted
/// so that they sit, on average, where those nodes are, then the other
/// shapes are moved off them.
pub fn layered_layout(graph: &LayoutGraph, settings: &LayeredSettings) -> Vec<(f64, f64)> {
    let n = graph.nodes.len();
    if n == 0 {
        return Vec::new();
    }
    let margin = if settings.margin.is_finite() {
        settings.margin.max(0.0)
    } else {
        12.0
    };
    let edges = acyclic_edges(graph);
    let mut layer_of = longest_path_layers(graph, &edges);
    if let Some(max) = settings.max_per_layer {
        layer_of = fold_layers(&layer_of, &edges, |_| 1.0, 0.0, max as f64);
    }
    if let Some(max) = settings.max_layer_span {
        let extent = order_extents(graph, settings.direction);
        layer_of = fold_layers(&layer_of, &edges, |v| extent[v], margin + SLACK, max);
    }
    let mut layering = Layering::new(n, &layer_of, &edges);

    // Median sweeps end in a local optimum that depends on where they
    // start: a small web tries several starting orders (its own, then
    // seeded shuffles) and keeps the figure whose straight links cross
    // least, as drawn.
    let starts = (STARTS_WORK / layering.layer_of.len().max(1)).clamp(1, MOST_STARTS);
    let own = layering.layers.clone();
    let mut rng = SplitMix64::new(1);
    let mut best: Option<Ordered> = None;
    for start in 0..starts {
        layering.layers.clone_from(&own);
        if start > 0 {
            for layer in &mut layering.layers {
                shuffle(layer, &mut rng);
            }
        }
        reduce_crossings(&mut layering, settings.sweeps);
        let positions = coordinates(graph, &layering, settings, margin);
        let crossings = if starts > 1 {
            crossing_count(graph, &positions)
        } else {
            0
        };
        if best.as_ref().is_none_or(|b| crossings < b.crossings) {
            best = Some(Ordered {
                crossings,
                positions,
                layers: layering.layers.clone(),
            });
        }
        if crossings == 0 {
            break;
        }
    }
    let Some(Ordered {
        mut positions,
        layers,
        ..
    }) = best
    else {
        return Vec::new();
    };
    untangle_drawn_links(graph, &layers, settings.direction, margin, &mut positions);
    place_relative_to_pinned(graph, &mut positions, margin);
    let halves = graph
        .nodes
        .iter()
        .map(|node| {
            (
                finite_size(node.width) / 2.0,
                finite_size(node.height) / 2.0,
            )
        })
        .collect();
    let fixed = graph.nodes.iter().map(|node| node.is_fixed()).collect();
    remove_overlaps(&mut positions, halves, fixed, margin);
    positions
}

/// The figure of one start: its layers' orders, the centres they give, and
/// how many times its links cross as drawn.
struct Ordered {
    crossings: usize,
    positions: Vec<(f64, f64)>,
    layers: Vec<Vec<usize>>,
}

/// Swaps and slides shapes within their layers where the links, as drawn,
/// then cross less ([`untangle`]); not in a web where that would take long.
fn untangle_drawn_links(
    graph: &LayoutGraph,
    layers: &[Vec<usize>],
    direction: Direction,
    margin: f64,
    positions: &mut [(f64, f64)],
) {
    let n = graph.nodes.len();
    if n.saturating_mul(graph.edges.len()) > UNTANGLE_WORK {
        return;
    }
    let real: Vec<Vec<usize>> = layers
        .iter()
        .map(|layer| layer.iter().copied().filter(|&v| v < n).collect())
        .collect();
    let extent = order_extents(graph, direction);
    let depth = order_extents(graph, direction.turned());
    let mut points: Vec<(f64, f64)> = positions
        .iter()
        .map(|&p| direction.order_and_layer(p))
        .collect();
    let figure = LayeredFigure {
        layers: &real,
        extent: &extent,
        depth: &depth,
        margin: margin + SLACK,
        links: &graph.edges,
    };
    untangle(&figure, &mut points);
    for (p, q) in positions.iter_mut().zip(points) {
        *p = direction.order_and_layer(q);
    }
}

/// Nodes times links above which the drawn links are not untangled.
const UNTANGLE_WORK: usize = 4_000_000;

/// Starting orders tried in all, for a small web.
const MOST_STARTS: usize = 16;

/// Layer slots (nodes and dummies) times starting orders: larger webs try
/// fewer starting orders, so that the layout stays fast (one start from
/// 8,000 slots on).
const STARTS_WORK: usize = 8000;

/// Fisher–Yates shuffle.
fn shuffle(items: &mut [usize], rng: &mut SplitMix64) {
    for i in (1..items.len()).rev() {
        let j = (rng.next_u64() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// The centre of every node of an ordered layering: along the layers by
/// their sizes, within each layer by [`assign_order_coordinates`].
fn coordinates(
    graph: &LayoutGraph,
    layering: &Layering,
    settings: &LayeredSettings,
    margin: f64,
) -> Vec<(f64, f64)> {
    let n = graph.nodes.len();
    let along_order = order_extents(graph, settings.direction);
    let along_layer = order_extents(graph, settings.direction.turned());
    let order_coord =
        assign_order_coordinates(layering, &along_order, margin, settings.max_layer_span);
    let layer_coord = assign_layer_coordinates(layering, &along_layer, n, margin, settings);
    (0..n)
        .map(|i| {
            let (o, l) = (order_coord[i], layer_coord[layering.layer_of[i]]);
            settings.direction.order_and_layer((o, l))
        })
        .collect()
}

/// Every node's size along the order of its layer: its height when the
/// layers are columns, its width when they are rows.
fn order_extents(graph: &LayoutGraph, direction: Direction) -> Vec<f64> {
    graph
        .nodes
        .iter()
        .map(|node| match direction {
            Direction::LeftToRight => finite_size(node.height),
            Direction::TopToBottom => finite_size(node.width),
        })
        .collect()
}

fn finite_size(v: f64) -> f64 {
    if v.is_finite() {
        v.max(0.0)
    } else {
        0.0
    }
}

/// The links oriented for layering, without repeats or self-loops: a link
/// into a context is turned round (contexts come first), links between two
/// contexts are left out, and cycles among the other nodes are broken by
/// turning round the links that close them in a depth-first search.
fn acyclic_edges(graph: &LayoutGraph) -> Vec<(usize, usize)> {
    let n = graph.nodes.len();
    let is_context = |i: usize| graph.nodes[i].kind == NodeKind::Context;
    let mut oriented: Vec<(usize, usize)> = Vec::new();
    let mut free: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(a, b) in &graph.edges {
        if a == b || a >= n || b >= n {
            continue;
        }
        match (is_context(a), is_context(b)) {
            (true, true) => {}
            (true, false) => oriented.push((a, b)),
            (false, true) => oriented.push((b, a)),
            (false, false) => free[a].push(b),
        }
    }
    for list in &mut free {
        list.sort_unstable();
        list.dedup();
    }
    // Iterative depth-first search; 0 = unseen, 1 = on the stack, 2 = done.
    let mut state = vec![0u8; n];
    for root in 0..n {
        if state[root] != 0 || is_context(root) {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(&mut (v, ref mut next)) = stack.last_mut() {
            if *next < free[v].len() {
                let w = free[v][*next];
                *next += 1;
                match state[w] {
                    0 => {
                        oriented.push((v, w));
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => oriented.push((w, v)),
                    _ => oriented.push((v, w)),
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    oriented.retain(|&(a, b)| a != b);
    oriented.sort_unstable();
    oriented.dedup();
    oriented
}

/// Contexts in layer 0; every other node one layer after the furthest of
/// its predecessors (and no earlier than layer 1 when there are contexts).
fn longest_path_layers(graph: &LayoutGraph, edges: &[(usize, usize)]) -> Vec<usize> {
    let n = graph.nodes.len();
    let has_context = graph
        .nodes
        .iter()
        .any(|node| node.kind == NodeKind::Context);
    let first = usize::from(has_context);
    let mut layer: Vec<usize> = graph
        .nodes
        .iter()
        .map(|node| {
            if node.kind == NodeKind::Context {
                0
            } else {
                first
            }
        })
        .collect();
    let mut successors = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for &(a, b) in edges {
        successors[a].push(b);
        indegree[b] += 1;
    }
    let mut ready: Vec<usize> = (0..n).filter(|&i| indegree[i] == 0).collect();
    ready.reverse();
    while let Some(v) = ready.pop() {
        for &w in &successors[v] {
            layer[w] = layer[w].max(layer[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                ready.push(w);
            }
        }
    }
    layer
}

/// Folds every layer longer than `max` (its nodes' `size`s, `gap` apart)
/// into as few consecutive layers as it needs, each as short as that
/// number allows; the layers after it move on. Links still run from an
/// earlier layer to a later one. Within a folded layer, nodes with more
/// links to the later layers (and fewer from the earlier ones) go last,
/// next to where their links lead, so that few links have to pass the
/// folded rows. With sizes of 1 and no gap, `max` is a number of nodes.
fn fold_layers(
    layer_of: &[usize],
    edges: &[(usize, usize)],
    size: impl Fn(usize) -> f64,
    gap: f64,
    max: f64,
) -> Vec<usize> {
    let depth = layer_of.iter().max().map_or(0, |l| l + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for (v, &l) in layer_of.iter().enumerate() {
        members[l].push(v);
    }
    // Links onward minus links from before: the node's pull to later layers.
    let mut pull = vec![0i64; layer_of.len()];
    for &(a, b) in edges {
        pull[a] += 1;
        pull[b] -= 1;
    }
    let mut folded = vec![0; layer_of.len()];
    let mut next_layer = 0;
    for mut nodes in members {
        nodes.sort_by_key(|&v| (pull[v], v));
        let sizes: Vec<f64> = nodes.iter().map(|&v| size(v)).collect();
        let rows = balanced_rows(&sizes, gap, max);
        for (&v, row) in nodes.iter().zip(&rows) {
            folded[v] = next_layer + row;
        }
        next_layer += rows.last().map_or(1, |row| row + 1);
    }
    folded
}

/// The row of each item (in order) when they are split into consecutive
/// rows no longer than `max` (an item longer than that stands alone): as
/// few rows as that needs, with the longest row as short as it can be.
fn balanced_rows(sizes: &[f64], gap: f64, max: f64) -> Vec<usize> {
    let rows_within = |length: f64| {
        let mut rows = Vec::with_capacity(sizes.len());
        let (mut row, mut used) = (0, None::<f64>);
        for &s in sizes {
            used = match used {
                Some(u) if u + gap + s > length => {
                    row += 1;
                    Some(s)
                }
                Some(u) => Some(u + gap + s),
                None => Some(s),
            };
            rows.push(row);
        }
        rows
    };
    let count = |rows: &[usize]| rows.last().map_or(0, |r| r + 1);
    let fewest = count(&rows_within(max));
    // Bisection on the length: the shortest that still needs no more rows.
    let (mut short, mut long) = (0.0, max.max(0.0));
    for _ in 0..50 {
        let middle = (short + long) / 2.0;
        if count(&rows_within(middle)) <= fewest {
            long = middle;
        } else {
            short = middle;
        }
    }
    rows_within(long)
}

impl Layering {
    /// Layers from `layer_of`, with dummies on links that span several.
    fn new(n: usize, layer_of: &[usize], edges: &[(usize, usize)]) -> Self {
        let mut layer_of = layer_of.to_vec();
        let mut above: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut below: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &(a, b) in edges {
            let (la, lb) = (layer_of[a], layer_of[b]);
            let (top, bottom) = if la <= lb { (a, b) } else { (b, a) };
            let (lt, lbot) = (la.min(lb), la.max(lb));
            if lt == lbot {
                continue;
            }
            let mut prev = top;
            for l in lt + 1..lbot {
                let dummy = layer_of.len();
                layer_of.push(l);
                above.push(vec![prev]);
                below.push(Vec::new());
                below[prev].push(dummy);
                prev = dummy;
            }
            below[prev].push(bottom);
            above[bottom].push(prev);
        }
        let depth = layer_of.iter().max().map_or(0, |l| l + 1);
        let mut layers = vec![Vec::new(); depth];
        // Initial order: real nodes by index, dummies after, then refined by
        // a top-down barycentre pass.
        for (v, &l) in layer_of.iter().enumerate() {
            layers[l].push(v);
        }
        Layering {
            layers,
            layer_of,
            above,
            below,
        }
    }
}

/// Median sweeps, alternately down and up the layers, keeping the order
/// with the fewest crossings.
fn reduce_crossings(layering: &mut Layering, sweeps: usize) {
    let total = layering.layer_of.len();
    let mut position = vec![0usize; total];
    let refresh = |layers: &[Vec<usize>], position: &mut Vec<usize>| {
        for layer in layers {
            for (p, &v) in layer.iter().enumerate() {
                position[v] = p;
            }
        }
    };
    refresh(&layering.layers, &mut position);
    // Start from a barycentre pass so that the index order does not matter much.
    for l in 1..layering.layers.len() {
        order_layer(layering, l, &mut position, true, false);
    }
    let mut best = layering.layers.clone();
    let mut best_crossings = total_crossings(layering, &position);
    for sweep in 0..sweeps {
        if best_crossings == 0 {
            break;
        }
        let downward = sweep % 2 == 0;
        let count = layering.layers.len();
        if downward {
            for l in 1..count {
                order_layer(layering, l, &mut position, true, true);
            }
        } else {
            for l in (0..count.saturating_sub(1)).rev() {
                order_layer(layering, l, &mut position, false, true);
            }
        }
        transpose(layering, &mut position);
        let crossings = total_crossings(layering, &position);
        if crossings < best_crossings {
            best_crossings = crossings;
            best = layering.layers.clone();
        }
    }
    layering.layers = best;
}

/// Sorts layer `l` by the median (or barycentre) position of each node's
/// neighbours in the layer above (`from_above`) or below. Nodes without such
/// neighbours keep their place.
fn order_layer(
    layering: &mut Layering,
    l: usize,
    position: &mut [usize],
    from_above: bool,
    median: bool,
) {
    let neighbours = if from_above {
        &layering.above
    } else {
        &layering.below
    };
    let mut keyed: Vec<(f64, usize, usize)> = layering.layers[l]
        .iter()
        .enumerate()
        .map(|(p, &v)| {
            let mut ps: Vec<usize> = neighbours[v].iter().map(|&u| position[u]).collect();
            let key = if ps.is_empty() {
                p as f64
            } else if median {
                ps.sort_unstable();
                let m = ps.len() / 2;
                if ps.len() % 2 == 1 {
                    ps[m] as f64
                } else {
                    (ps[m - 1] + ps[m]) as f64 / 2.0
                }
            } else {
                ps.iter().sum::<usize>() as f64 / ps.len() as f64
            };
            (key, p, v)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for (p, &(_, _, v)) in keyed.iter().enumerate() {
        layering.layers[l][p] = v;
        position[v] = p;
    }
}

/// Swaps neighbours within a layer while that removes crossings with the
/// layers on both sides (the "transpose" heuristic), a few passes at most.
fn transpose(layering: &mut Layering, position: &mut [usize]) {
    for _ in 0..4 {
        let mut improved = false;
        for l in 0..layering.layers.len() {
            for p in 0..layering.layers[l].len().saturating_sub(1) {
                let (v, w) = (layering.layers[l][p], layering.layers[l][p + 1]);
                let now = pair_crossings(layering, position, v, w);
                let swapped = pair_crossings(layering, position, w, v);
                if swapped < now {
                    layering.layers[l].swap(p, p + 1);
                    position[v] = p + 1;
                    position[w] = p;
                    improved = true;
                }
            }
        }
        if !improved {
            break;
        }
    }
}

/// Crossings between the links of `v` and of `w` (to the layers above and
/// below) when `v` is just left of `w`.
fn pair_crossings(layering: &Layering, position: &[usize], v: usize, w: usize) -> usize {
    let mut count = 0;
    for lists in [&layering.above, &layering.below] {
        for &a in &lists[v] {
            for &b in &lists[w] {
                if position[a] > position[b] {
                    count += 1;
                }
            }
        }
    }
    count
}

/// Crossings between all pairs of consecutive layers.
fn total_crossings(layering: &Layering, position: &[usize]) -> usize {
    (1..layering.layers.len())
        .map(|l| {
            let mut pairs: Vec<(usize, usize)> = layering.layers[l]
                .iter()
                .flat_map(|&v| {
                    layering.above[v]
                        .iter()
                        .map(move |&u| (position[u], position[v]))
                })
                .collect();
            bilayer_crossings(&mut pairs, layering.layers[l].len())
        })
        .sum()
}

/// Crossings among links between two layers, each given as (position above,
/// position below): the inversions of the lower ends once the links are
/// sorted by their upper ends, counted with a Fenwick tree.
fn bilayer_crossings(pairs: &mut [(usize, usize)], below_len: usize) -> usize {
    pairs.sort_unstable();
    let mut tree = vec![0usize; below_len + 1];
    let mut crossings = 0;
    for (seen, &(_, b)) in pairs.iter().enumerate() {
        // Links seen so far that end to the right of b cross this one.
        let mut at_most_b = 0;
        let mut i = b + 1;
        while i > 0 {
            at_most_b += tree[i];
            i -= i & i.wrapping_neg();
        }
        crossings += seen - at_most_b;
        let mut i = b + 1;
        while i <= below_len {
            tree[i] += 1;
            i += i & i.wrapping_neg();
        }
    }
    crossings
}

/// Coordinates along the order axis: each layer packed in its order with
/// size-dependent separations, then pulled towards the average of each
/// node's neighbours in alternating sweeps (an isotonic regression that
/// keeps order and separation).
fn assign_order_coordinates(
    layering: &Layering,
    along_order: &[f64],
    margin: f64,
    bound: Option<f64>,
) -> Vec<f64> {
    let total = layering.layer_of.len();
    let extent = |v: usize| along_order.get(v).copied().unwrap_or(0.0);
    let mut coord = vec![0.0; total];
    let separations: Vec<Vec<f64>> = layering
        .layers
        .iter()
        .map(|layer| {
            layer
                .windows(2)
                .map(|w| {
                    // Where links pass the layer (at dummies) they need no
                    // room of their own: links are drawn straight, not
                    // through these points. In a layer kept within a band,
                    // they take none, so that the shapes and their margins
                    // fit as they were folded.
                    let real = usize::from(w[0] < along_order.len())
                        + usize::from(w[1] < along_order.len());
                    let space = match (bound, real) {
                        (None, _) | (_, 2) => margin + SLACK,
                        (_, 1) => (margin + SLACK) / 2.0,
                        _ => 0.0,
                    };
                    (extent(w[0]) + extent(w[1])) / 2.0 + space
                })
                .collect()
        })
        .collect();
    for (layer, seps) in layering.layers.iter().zip(&separations) {
        let mut x = 0.0;
        for (p, &v) in layer.iter().enumerate() {
            if p > 0 {
                x += seps[p - 1];
            }
            coord[v] = x;
        }
        let shift = x / 2.0;
        for &v in layer {
            coord[v] -= shift;
        }
    }
    let rounds = 8;
    for round in 0..rounds {
        let both = round == rounds - 1;
        let downward = round % 2 == 0;
        let count = layering.layers.len();
        let order: Vec<usize> = if downward {
            (0..count).collect()
        } else {
            (0..count).rev().collect()
        };
        for l in order {
            let layer = &layering.layers[l];
            let desired: Vec<f64> = layer
                .iter()
                .map(|&v| {
                    let mut sum = 0.0;
                    let mut k = 0usize;
                    let lists: [&[usize]; 2] = if both {
                        [&layering.above[v], &layering.below[v]]
                    } else if downward {
                        [&layering.above[v], &[]]
                    } else {
                        [&layering.below[v], &[]]
                    };
                    for &u in lists.iter().flat_map(|l| l.iter()) {
                        sum += coord[u];
                        k += 1;
                    }
                    if k == 0 {
                        coord[v]
                    } else {
                        sum / k as f64
                    }
                })
                .collect();
            let mut placed = closest_ordered(&desired, &separations[l]);
            // The band holds the shapes; where links pass (dummies) may
            // lie beyond it.
            let is_real = |&v: &usize| v < along_order.len();
            if let (Some(width), Some(first), Some(last)) = (
                bound,
                layer.iter().position(is_real),
                layer.iter().rposition(is_real),
            ) {
                let lo = -width / 2.0 + extent(layer[first]) / 2.0;
                let hi = width / 2.0 - extent(layer[last]) / 2.0;
                keep_within(&mut placed, &separations[l], (first, lo), (last, hi));
            }
            for (&v, x) in layer.iter().zip(placed) {
                coord[v] = x;
            }
        }
    }
    coord
}

/// Moves a placed layer so that item `first.0` is at `first.1` or after
/// it and item `last.0` at `last.1` or before it, keeping order and
/// `separations`. Each item's slack (its coordinate less its cumulative
/// separation) never falls as the layer goes on; raising the slacks from
/// `first.0` on to the lower bound and lowering those up to `last.0` to the
/// upper keeps it so, and moves no item that need not move. A layer too
/// long for the bounds is packed tight, centred on them.
fn keep_within(placed: &mut [f64], separations: &[f64], first: (usize, f64), last: (usize, f64)) {
    let mut offset = 0.0;
    let offsets: Vec<f64> = std::iter::once(0.0)
        .chain(separations.iter().map(|s| {
            offset += s;
            offset
        }))
        .collect();
    let (low, high) = (first.1 - offsets[first.0], last.1 - offsets[last.0]);
    for (i, (x, o)) in placed.iter_mut().zip(&offsets).enumerate() {
        let mut slack = *x - o;
        if high < low {
            slack = (low + high) / 2.0;
        } else {
            if i >= first.0 {
                slack = slack.max(low);
            }
            if i <= last.0 {
                slack = slack.min(high);
            }
        }
        *x = slack + o;
    }
}

/// The coordinates closest (least squares) to `desired` that keep their
/// order with at least `separations[i]` between item i and i + 1: pool
/// adjacent violators on the coordinates less their cumulative separation.
fn closest_ordered(desired: &[f64], separations: &[f64]) -> Vec<f64> {
    let mut offsets = Vec::with_capacity(desired.len());
    let mut acc = 0.0;
    for i in 0..desired.len() {
        if i > 0 {
            acc += separations[i - 1];
        }
        offsets.push(acc);
    }
    // Blocks of (sum, count) with non-decreasing means.
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for (d, o) in desired.iter().zip(&offsets) {
        blocks.push((d - o, 1));
        while blocks.len() > 1 {
            let (s2, c2) = blocks[blocks.len() - 1];
            let (s1, c1) = blocks[blocks.len() - 2];
            if s1 / c1 as f64 > s2 / c2 as f64 {
                blocks.pop();
                let last = blocks.len() - 1;
                blocks[last] = (s1 + s2, c1 + c2);
            } else {
                break;
            }
        }
    }
    let mut out = Vec::with_capacity(desired.len());
    for (s, c) in blocks {
        let mean = s / c as f64;
        for _ in 0..c {
            out.push(mean + offsets[out.len()]);
        }
    }
    out
}

/// Centre of every layer along the layer axis: each layer as thick as its
/// thickest shape, with `layer_gap` (at least the margin) between layers.
fn assign_layer_coordinates(
    layering: &Layering,
    along_layer: &[f64],
    real: usize,
    margin: f64,
    settings: &LayeredSettings,
) -> Vec<f64> {
    let gap = if settings.layer_gap.is_finite() {
        settings.layer_gap.max(margin)
    } else {
        margin
    };
    let thickness: Vec<f64> = layering
        .layers
        .iter()
        .map(|layer| {
            layer
                .iter()
                .filter(|&&v| v < real)
                .map(|&v| along_layer[v])
                .fold(0.0, f64::max)
        })
        .collect();
    let mut centres = Vec::with_capacity(thickness.len());
    let mut edge = 0.0;
    for t in thickness {
        centres.push(edge + t / 2.0);
        edge += t + gap;
    }
    centres
}

/// Moves the layout so that pinned nodes sit, on average, at their pinned
/// positions (then puts them exactly there); without pinned nodes, so that
/// the figure's top-left corner is one margin from the origin.
fn place_relative_to_pinned(graph: &LayoutGraph, positions: &mut [(f64, f64)], margin: f64) {
    let pinned: Vec<(usize, (f64, f64))> = graph
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, node)| node.is_fixed())
        .filter_map(|(i, node)| Some((i, node.position?)))
        .collect();
    let (dx, dy) = if pinned.is_empty() {
        let mut x0 = f64::MAX;
        let mut y0 = f64::MAX;
        for (node, p) in graph.nodes.iter().zip(positions.iter()) {
            x0 = x0.min(p.0 - finite_size(node.width) / 2.0);
            y0 = y0.min(p.1 - finite_size(node.height) / 2.0);
        }
        (margin - x0, margin - y0)
    } else {
        let k = pinned.len() as f64;
        let (mut sx, mut sy) = (0.0, 0.0);
        for &(i, target) in &pinned {
            sx += target.0 - positions[i].0;
            sy += target.1 - positions[i].1;
        }
        (sx / k, sy / k)
    };
    for p in positions.iter_mut() {
        p.0 += dx;
        p.1 += dy;
    }
    for (i, target) in pinned {
        positions[i] = target;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_ordered_keeps_order_and_separation() {
        let out = closest_ordered(&[10.0, 0.0, 5.0], &[2.0, 2.0]);
        assert!(out[1] - out[0] >= 2.0 - 1e-9 && out[2] - out[1] >= 2.0 - 1e-9);
        assert!((out.iter().sum::<f64>() - 15.0).abs() < 1e-9);
    }

    #[test]
    fn a_page_fit_keeps_layers_as_long_as_the_text_size_allows() {
        // 14-unit labels at 6 pt on 176 mm: 176 mm is 498.9 pt, so 1,164 units.
        let s = LayeredSettings::fitting_page(176.0, 6.0, 14.0);
        let span = s.max_layer_span.unwrap();
        assert!((span - 1164.1).abs() < 0.1, "{span}");
        assert_eq!(s.direction, Direction::TopToBottom);
        assert_eq!(s.layer_gap, 40.0);
        assert_eq!(s.margin, 24.0);
    }

    #[test]
    fn balanced_rows_are_as_few_and_as_even_as_the_limit_allows() {
        // Seven items of 1, at most 6 a row: two rows of 4 and 3, not 6 and 1.
        assert_eq!(
            balanced_rows(&[1.0; 7], 0.0, 6.0),
            vec![0, 0, 0, 0, 1, 1, 1]
        );
        // As many a row as fit, in order: rows of 3, 3 and 1 for seven at 3.
        assert_eq!(
            balanced_rows(&[1.0; 7], 0.0, 3.0),
            vec![0, 0, 0, 1, 1, 1, 2]
        );
        // Lengths with gaps: 100 + 10 + 100 + 10 + 100 = 320 fits 420, the
        // next 100 would not; the last two (100 + 10 + 300) make 410.
        assert_eq!(
            balanced_rows(&[100.0, 100.0, 100.0, 100.0, 300.0], 10.0, 420.0),
            vec![0, 0, 0, 1, 1]
        );
        // An item longer than the limit stands alone.
        assert_eq!(balanced_rows(&[5.0, 1.0, 1.0], 0.0, 3.0), vec![0, 1, 1]);
        assert_eq!(balanced_rows(&[], 0.0, 3.0), Vec::<usize>::new());
    }

    #[test]
    fn keep_within_moves_a_layer_into_its_band_keeping_separations() {
        let mut placed = vec![-500.0, -470.0, -300.0];
        keep_within(&mut placed, &[30.0, 30.0], (0, -100.0), (2, 100.0));
        assert_eq!(placed, vec![-100.0, -70.0, -40.0]);
        let mut wide = vec![0.0, 300.0];
        keep_within(&mut wide, &[300.0], (0, -100.0), (1, 100.0));
        assert_eq!(wide, vec![-150.0, 150.0]);
        // Only the bounded items must keep within: here the middle one.
        let mut middle = vec![-200.0, -190.0, 300.0];
        keep_within(&mut middle, &[10.0, 10.0], (1, -100.0), (1, 100.0));
        assert_eq!(middle, vec![-200.0, -100.0, 300.0]);
    }

    #[test]
    fn bilayer_crossings_counts_inversions() {
        assert_eq!(bilayer_crossings(&mut [(0, 1), (1, 0)], 2), 1);
        assert_eq!(bilayer_crossings(&mut [(0, 0), (1, 1)], 2), 0);
        assert_eq!(bilayer_crossings(&mut [(0, 2), (1, 1), (2, 0)], 3), 3);
    }
}
