//! Measures of a figure's legibility: shapes that come too close, and links
//! that cross.

use super::spatial_grid::candidate_pairs;
use super::LayoutGraph;
use crate::figure::{Point, Rect};

/// The pairs `(i, j)`, `i < j`, of nodes whose bounding boxes, placed at
/// `positions`, are less than `margin` apart (a margin of 0 lists the shapes
/// whose boxes intersect). Sorted.
pub fn overlapping_pairs(
    graph: &LayoutGraph,
    positions: &[(f64, f64)],
    margin: f64,
) -> Vec<(usize, usize)> {
    let halves: Vec<(f64, f64)> = graph
        .nodes
        .iter()
        .map(|n| ((n.width + margin) / 2.0, (n.height + margin) / 2.0))
        .collect();
    let n = graph.nodes.len().min(positions.len());
    candidate_pairs(&positions[..n], &halves[..n])
        .into_iter()
        .map(|(i, j)| (i as usize, j as usize))
        .filter(|&(i, j)| {
            let dx = (positions[i].0 - positions[j].0).abs();
            let dy = (positions[i].1 - positions[j].1).abs();
            dx < halves[i].0 + halves[j].0 && dy < halves[i].1 + halves[j].1
        })
        .collect()
}

/// Number of pairs of links that cross, each link drawn as a straight
/// segment between the centres of its nodes. Links that share a node do not
/// count as crossing.
pub fn crossing_count(graph: &LayoutGraph, positions: &[(f64, f64)]) -> usize {
    let segments: Vec<(usize, usize)> = graph
        .edges
        .iter()
        .copied()
        .filter(|&(a, b)| a != b && a < positions.len() && b < positions.len())
        .collect();
    segment_crossings(&segments, positions)
}

/// Number of pairs of segments (given as pairs of point indices) that cross
/// properly, segments sharing an end point aside. A sweep over the segments
/// sorted by their left end skips pairs whose x ranges do not meet, and
/// then pairs whose y ranges do not; many segments are swept on several
/// threads, each taking every so many segments, so that the count does not
/// depend on the threads.
pub fn segment_crossings(segments: &[(usize, usize)], points: &[(f64, f64)]) -> usize {
    /// A segment as the sweep reads it, its ends and ranges side by side.
    struct Span {
        left: f64,
        right: f64,
        low: f64,
        high: f64,
        ends: (usize, usize),
        from: (f64, f64),
        to: (f64, f64),
    }
    let mut spans: Vec<(usize, Span)> = segments
        .iter()
        .enumerate()
        .map(|(k, &(a, b))| {
            let (p, q) = (points[a], points[b]);
            let span = Span {
                left: p.0.min(q.0),
                right: p.0.max(q.0),
                low: p.1.min(q.1),
                high: p.1.max(q.1),
                ends: (a, b),
                from: p,
                to: q,
            };
            (k, span)
        })
        .collect();
    spans.sort_by(|(k, p), (j, q)| p.left.total_cmp(&q.left).then(k.cmp(j)));
    // The crossings of the segments `first, first + step, …` with those
    // after them in the sweep.
    let count_from = |first: usize, step: usize| {
        let mut count = 0;
        for s in (first..spans.len()).step_by(step) {
            let one = &spans[s].1;
            let (a, b) = one.ends;
            for (_, other) in &spans[s + 1..] {
                if other.left > one.right {
                    break;
                }
                // Segments whose y ranges do not meet cannot cross.
                if other.low > one.high || other.high < one.low {
                    continue;
                }
                let (c, d) = other.ends;
                if a == c || a == d || b == c || b == d {
                    continue;
                }
                if segments_cross(one.from, one.to, other.from, other.to) {
                    count += 1;
                }
            }
        }
        count
    };
    let threads = if spans.len() >= PARALLEL_FROM {
        std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
    } else {
        1
    };
    if threads == 1 {
        return count_from(0, 1);
    }
    std::thread::scope(|scope| {
        let counting: Vec<_> = (0..threads)
            .map(|t| {
                let count_from = &count_from;
                scope.spawn(move || count_from(t, threads))
            })
            .collect();
        counting
            .into_iter()
            .map(|c| c.join().expect("a counting thread"))
            .sum()
    })
}

/// From this many segments on, [`segment_crossings`] sweeps on several
/// threads (below, starting them costs more than it saves).
const PARALLEL_FROM: usize = 2000;

/// Whether segments `p1-p2` and `p3-p4` cross at a point inside both.
/// Which side of a line a point lies on is decided exactly
/// ([`robust::orient2d`]): points in line are in line, whatever the
/// rounding, so segments along one line never count as crossing.
pub(crate) fn segments_cross(
    p1: (f64, f64),
    p2: (f64, f64),
    p3: (f64, f64),
    p4: (f64, f64),
) -> bool {
    let side = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        let at = |p: (f64, f64)| robust::Coord { x: p.0, y: p.1 };
        robust::orient2d(at(a), at(b), at(c))
    };
    let apart = |u: f64, v: f64| (u > 0.0 && v < 0.0) || (u < 0.0 && v > 0.0);
    apart(side(p3, p4, p1), side(p3, p4, p2)) && apart(side(p1, p2, p3), side(p1, p2, p4))
}

/// Number of times a link, drawn as a straight segment between the centres
/// of its nodes, runs behind a shape other than its own two ends (through
/// that shape's bounding box), hidden by it.
pub fn links_behind_shapes(graph: &LayoutGraph, positions: &[(f64, f64)]) -> usize {
    let n = graph.nodes.len().min(positions.len());
    let at = |i: usize| Point::new(positions[i].0, positions[i].1);
    let boxes: Vec<Rect> = (0..n)
        .map(|i| Rect::from_centre_size(at(i), graph.nodes[i].width, graph.nodes[i].height))
        .collect();
    let mut count = 0;
    for &(a, b) in &graph.edges {
        if a == b || a >= n || b >= n {
            continue;
        }
        let Some(span) = Rect::around([at(a), at(b)]) else {
            continue;
        };
        count += boxes
            .iter()
            .enumerate()
            .filter(|&(i, r)| i != a && i != b && r.overlaps(&span.expand(0.5)))
            .filter(|(_, r)| r.meets_segment(at(a), at(b)))
            .count();
    }
    count
}

/// Width and height of the box around all shapes at these positions (0 × 0
/// for an empty web).
pub fn shapes_extent(graph: &LayoutGraph, positions: &[(f64, f64)]) -> (f64, f64) {
    if positions.is_empty() || graph.nodes.is_empty() {
        return (0.0, 0.0);
    }
    let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for (node, p) in graph.nodes.iter().zip(positions) {
        x0 = x0.min(p.0 - node.width / 2.0);
        x1 = x1.max(p.0 + node.width / 2.0);
        y0 = y0.min(p.1 - node.height / 2.0);
        y1 = y1.max(p.1 + node.height / 2.0);
    }
    (x1 - x0, y1 - y0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::LayoutNode;
    use crate::model::NodeKind;

    fn graph(n: usize, edges: Vec<(usize, usize)>) -> LayoutGraph {
        let node = LayoutNode {
            width: 20.0,
            height: 10.0,
            position: None,
            pinned: false,
            kind: NodeKind::Mechanism,
        };
        LayoutGraph {
            nodes: vec![node; n],
            edges,
        }
    }

    #[test]
    fn an_x_crosses_once_and_a_path_never() {
        let g = graph(4, vec![(0, 2), (1, 3), (0, 1)]);
        let p = [(0.0, 0.0), (100.0, 0.0), (100.0, 100.0), (0.0, 100.0)];
        assert_eq!(crossing_count(&g, &p), 1);
        let g = graph(4, vec![(0, 1), (1, 2), (2, 3)]);
        assert_eq!(crossing_count(&g, &p), 0);
    }

    /// Every pair of segments tested: what the sweep must count.
    fn all_pairs(segments: &[(usize, usize)], points: &[(f64, f64)]) -> usize {
        let mut count = 0;
        for (i, &(a, b)) in segments.iter().enumerate() {
            for &(c, d) in &segments[i + 1..] {
                if a != c
                    && a != d
                    && b != c
                    && b != d
                    && segments_cross(points[a], points[b], points[c], points[d])
                {
                    count += 1;
                }
            }
        }
        count
    }

    proptest::proptest! {
        /// On a small lattice (many shared, collinear, level and upright
        /// segments) and at any scale.
        #[test]
        fn the_sweep_counts_every_crossing_pair(
            raw in proptest::collection::vec((0u32..12, 0u32..12), 2..60),
            links in proptest::collection::vec((0usize..60, 0usize..60), 0..400),
            scale in proptest::prop_oneof![proptest::strategy::Just(1.0), 1e-3f64..1e6],
        ) {
            let points: Vec<(f64, f64)> = raw
                .iter()
                .map(|&(x, y)| (x as f64 * scale, y as f64 * scale * 0.7))
                .collect();
            let segments: Vec<(usize, usize)> = links
                .iter()
                .map(|&(a, b)| (a % points.len(), b % points.len()))
                .filter(|&(a, b)| a != b)
                .collect();
            proptest::prop_assert_eq!(
                segment_crossings(&segments, &points),
                all_pairs(&segments, &points)
            );
        }
    }

    #[test]
    fn many_segments_are_counted_on_threads_as_every_pair_is() {
        // Mostly short segments, some across the whole figure: more than
        // PARALLEL_FROM.
        let mut rng = crate::layout::rng::SplitMix64::new(3);
        let points: Vec<(f64, f64)> = (0..1000)
            .map(|_| (rng.unit() * 5000.0, rng.unit() * 3000.0))
            .collect();
        let segments: Vec<(usize, usize)> = (0..2500)
            .map(|_| {
                let a = (rng.next_u64() % 1000) as usize;
                let b = if rng.unit() < 0.8 {
                    (a + 1 + (rng.next_u64() % 5) as usize) % 1000
                } else {
                    (rng.next_u64() % 1000) as usize
                };
                (a, b)
            })
            .filter(|&(a, b)| a != b)
            .collect();
        assert!(segments.len() >= PARALLEL_FROM);
        let expected = all_pairs(&segments, &points);
        assert!(expected > 10_000, "{expected}");
        assert_eq!(segment_crossings(&segments, &points), expected);
    }

    #[test]
    fn a_link_through_a_third_shape_runs_behind_it() {
        // Shapes are 20 × 10: the link 0–1 passes through shape 2 only.
        let g = graph(4, vec![(0, 1)]);
        let p = [(0.0, 0.0), (100.0, 0.0), (50.0, 3.0), (50.0, 30.0)];
        assert_eq!(links_behind_shapes(&g, &p), 1);
        let p = [(0.0, 0.0), (100.0, 0.0), (50.0, 8.0), (50.0, 30.0)];
        assert_eq!(links_behind_shapes(&g, &p), 0);
    }

    #[test]
    fn shapes_closer_than_the_margin_overlap() {
        let g = graph(3, vec![]);
        let p = [(0.0, 0.0), (25.0, 0.0), (200.0, 0.0)];
        assert_eq!(overlapping_pairs(&g, &p, 0.0), vec![]);
        assert_eq!(overlapping_pairs(&g, &p, 12.0), vec![(0, 1)]);
    }
}
