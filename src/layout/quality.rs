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
/// sorted by their left end skips pairs whose x ranges do not meet.
pub fn segment_crossings(segments: &[(usize, usize)], points: &[(f64, f64)]) -> usize {
    let mut spans: Vec<(f64, f64, usize)> = segments
        .iter()
        .enumerate()
        .map(|(k, &(a, b))| {
            let (xa, xb) = (points[a].0, points[b].0);
            (xa.min(xb), xa.max(xb), k)
        })
        .collect();
    spans.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.2.cmp(&q.2)));
    let mut count = 0;
    for s in 0..spans.len() {
        let (_, right, k) = spans[s];
        for &(left2, _, k2) in &spans[s + 1..] {
            if left2 > right {
                break;
            }
            let (a, b) = segments[k];
            let (c, d) = segments[k2];
            if a == c || a == d || b == c || b == d {
                continue;
            }
            if segments_cross(points[a], points[b], points[c], points[d]) {
                count += 1;
            }
        }
    }
    count
}

/// Whether segments `p1-p2` and `p3-p4` cross at a point inside both.
pub(crate) fn segments_cross(
    p1: (f64, f64),
    p2: (f64, f64),
    p3: (f64, f64),
    p4: (f64, f64),
) -> bool {
    let orient = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
    };
    let d1 = orient(p3, p4, p1);
    let d2 = orient(p3, p4, p2);
    let d3 = orient(p1, p2, p3);
    let d4 = orient(p1, p2, p4);
    ((d1 > 0.0 && d2 < 0.0) || (d1 < 0.0 && d2 > 0.0))
        && ((d3 > 0.0 && d4 < 0.0) || (d3 < 0.0 && d4 > 0.0))
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
