//! Starting positions: placed nodes stay where they are; an unplaced node
//! goes near its placed neighbours; whole parts with nothing placed start
//! scattered in a disc beside the placed ones.

use super::rng::SplitMix64;
use super::LayoutGraph;

/// Starting positions for every node of `graph`. `spacing` is the typical
/// distance between neighbouring centres.
pub(crate) fn initial_positions(graph: &LayoutGraph, spacing: f64, seed: u64) -> Vec<(f64, f64)> {
    let n = graph.nodes.len();
    let mut rng = SplitMix64::new(seed);
    let mut positions: Vec<Option<(f64, f64)>> = graph
        .nodes
        .iter()
        .map(|node| node.position.filter(|p| p.0.is_finite() && p.1.is_finite()))
        .collect();
    let adjacency = graph.neighbours();

    // Unplaced parts with nothing placed: scatter them in a disc, beside the
    // placed nodes if there are any.
    let placed_any = positions.iter().any(Option::is_some);
    let reachable = reaches_placed(&adjacency, &positions);
    let loose: Vec<usize> = (0..n).filter(|&i| !reachable[i]).collect();
    if !loose.is_empty() {
        let radius = spacing * (loose.len() as f64).sqrt() * 0.6;
        let centre = if placed_any {
            let (mut x1, mut y0, mut y1) = (f64::MIN, f64::MAX, f64::MIN);
            for p in positions.iter().flatten() {
                x1 = x1.max(p.0);
                y0 = y0.min(p.1);
                y1 = y1.max(p.1);
            }
            (x1 + spacing + radius, (y0 + y1) / 2.0)
        } else {
            (radius, radius)
        };
        for &i in &loose {
            let r = radius * rng.unit().sqrt();
            let a = rng.unit() * std::f64::consts::TAU;
            positions[i] = Some((centre.0 + r * a.cos(), centre.1 + r * a.sin()));
        }
    }

    // The rest: next to their placed neighbours, wave by wave.
    loop {
        let wave: Vec<(usize, (f64, f64))> = (0..n)
            .filter(|&i| positions[i].is_none())
            .filter_map(|i| {
                let placed: Vec<(f64, f64)> =
                    adjacency[i].iter().filter_map(|&j| positions[j]).collect();
                if placed.is_empty() {
                    return None;
                }
                let k = placed.len() as f64;
                let (sx, sy) = placed
                    .iter()
                    .fold((0.0, 0.0), |(sx, sy), p| (sx + p.0, sy + p.1));
                Some((i, (sx / k, sy / k)))
            })
            .collect();
        if wave.is_empty() {
            break;
        }
        for (i, (x, y)) in wave {
            let a = rng.unit() * std::f64::consts::TAU;
            let r = spacing * (0.5 + 0.5 * rng.unit());
            positions[i] = Some((x + r * a.cos(), y + r * a.sin()));
        }
    }
    positions
        .into_iter()
        .map(|p| p.expect("every node is reachable from a placed or scattered node"))
        .collect()
}

/// Which nodes are connected to a node that has a position.
fn reaches_placed(adjacency: &[Vec<usize>], positions: &[Option<(f64, f64)>]) -> Vec<bool> {
    let mut seen: Vec<bool> = positions.iter().map(Option::is_some).collect();
    let mut stack: Vec<usize> = (0..positions.len()).filter(|&i| seen[i]).collect();
    while let Some(i) = stack.pop() {
        for &j in &adjacency[i] {
            if !seen[j] {
                seen[j] = true;
                stack.push(j);
            }
        }
    }
    seen
}
