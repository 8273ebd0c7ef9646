//! The layouts on random webs: no overlapping shapes, pinned nodes kept,
//! deterministic results, and the small cases (no node, one node, only
//! contexts).

use std::time::Duration;

use causal_web::figure::LabelStyle;
use causal_web::layout::{
    apply_positions, force_layout, layered_layout, overlapping_pairs, Direction, ForceLayout,
    ForceSettings, LayeredSettings, LayoutGraph,
};
use causal_web::model::{Link, Node, NodeKind, Project};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "trust",
    "shared",
    "leadership",
    "interprofessional",
    "communication",
    "of",
    "and",
    "resources",
    "organisational",
    "culture",
    "a",
    "Supercalifragilisticexpialidociousness",
];

/// A node of a generated web: kind (0 to 2), number of words in the label,
/// position if placed, and whether it is pinned.
type NodeSpec = (u8, usize, Option<(f64, f64)>, bool);

/// A web described by its nodes and links; parts may be disconnected.
#[derive(Debug, Clone)]
struct WebSpec {
    nodes: Vec<NodeSpec>,
    links: Vec<(usize, usize)>,
}

fn web_spec(max_nodes: usize) -> impl Strategy<Value = WebSpec> {
    (1..=max_nodes)
        .prop_flat_map(|n| {
            let node = (
                0u8..3,
                1usize..25,
                proptest::option::weighted(0.2, (-800.0..800.0f64, -800.0..800.0f64)),
                proptest::bool::weighted(0.15),
            );
            (
                proptest::collection::vec(node, n),
                proptest::collection::vec((0..n, 0..n), 0..=(n * 5 / 2)),
            )
        })
        .prop_map(|(nodes, links)| WebSpec { nodes, links })
}

fn project_of(spec: &WebSpec) -> Project {
    let mut project = Project::default();
    for (i, &(kind, words, position, pinned)) in spec.nodes.iter().enumerate() {
        let kind = NodeKind::ALL[kind as usize];
        let label: Vec<&str> = (0..words)
            .map(|w| WORDS[(i * 7 + w * 3) % WORDS.len()])
            .collect();
        let mut node = Node::new(format!("n{i}"), label.join(" "), kind);
        if let Some((x, y)) = position {
            node.set_position(x, y);
            node.pinned = pinned;
        }
        project.nodes.push(node);
    }
    for (k, &(a, b)) in spec.links.iter().enumerate() {
        if a != b
            && project
                .link_between(&format!("n{a}"), &format!("n{b}"))
                .is_none()
        {
            project
                .links
                .push(Link::new(format!("l{k}"), format!("n{a}"), format!("n{b}")));
        }
    }
    project
}

/// Pairs of shapes closer than the margin, except pairs of two pinned shapes.
fn too_close(graph: &LayoutGraph, positions: &[(f64, f64)], margin: f64) -> Vec<(usize, usize)> {
    overlapping_pairs(graph, positions, margin)
        .into_iter()
        .filter(|&(i, j)| !(graph.nodes[i].is_fixed() && graph.nodes[j].is_fixed()))
        .collect()
}

fn assert_pinned_kept(graph: &LayoutGraph, positions: &[(f64, f64)]) {
    for (node, p) in graph.nodes.iter().zip(positions) {
        if node.is_fixed() {
            assert_eq!(Some(*p), node.position);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn force_layout_leaves_no_overlaps_and_keeps_pinned_nodes(spec in web_spec(500), seed in 0u64..1000) {
        let project = project_of(&spec);
        let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
        let settings = ForceSettings { seed, ..ForceSettings::default() };
        let positions = force_layout(&graph, &settings);
        prop_assert_eq!(positions.len(), graph.nodes.len());
        prop_assert!(positions.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
        prop_assert_eq!(too_close(&graph, &positions, settings.margin), vec![]);
        assert_pinned_kept(&graph, &positions);
    }

    #[test]
    fn layered_layout_leaves_no_overlaps_and_keeps_pinned_nodes(
        spec in web_spec(500),
        top_down in any::<bool>(),
        max_per_layer in prop::option::of(1usize..8),
        max_layer_span in prop::option::of(50.0f64..1500.0),
    ) {
        let project = project_of(&spec);
        let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
        let direction = if top_down { Direction::TopToBottom } else { Direction::LeftToRight };
        let settings = LayeredSettings {
            direction,
            max_per_layer,
            max_layer_span,
            ..LayeredSettings::default()
        };
        let positions = layered_layout(&graph, &settings);
        prop_assert_eq!(positions.len(), graph.nodes.len());
        prop_assert!(positions.iter().all(|p| p.0.is_finite() && p.1.is_finite()));
        prop_assert_eq!(too_close(&graph, &positions, settings.margin), vec![]);
        assert_pinned_kept(&graph, &positions);
    }

    #[test]
    fn the_same_input_and_seed_give_the_same_positions(spec in web_spec(120), seed in 0u64..1000) {
        let project = project_of(&spec);
        let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
        let settings = ForceSettings { seed, ..ForceSettings::default() };
        let once = force_layout(&graph, &settings);
        prop_assert_eq!(&once, &force_layout(&graph, &settings));
        // However the work is chunked, the result is the same.
        let mut stepped = ForceLayout::new(graph.clone(), settings.clone());
        while !stepped.run_for(Duration::ZERO) {}
        prop_assert_eq!(&once, &stepped.positions().to_vec());
        let layered = LayeredSettings::default();
        prop_assert_eq!(layered_layout(&graph, &layered), layered_layout(&graph, &layered));
    }
}

#[test]
fn a_web_without_nodes_gets_no_positions() {
    let graph = LayoutGraph::default();
    assert!(force_layout(&graph, &ForceSettings::default()).is_empty());
    assert!(layered_layout(&graph, &LayeredSettings::default()).is_empty());
    let mut running = ForceLayout::new(graph, ForceSettings::default());
    assert!(running.run_for(Duration::from_millis(1)));
    assert!(running.is_settled());
}

#[test]
fn a_web_of_one_node_is_placed() {
    let mut project = Project::default();
    project
        .nodes
        .push(Node::new("a", "A lonely context", NodeKind::Context));
    let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
    for positions in [
        force_layout(&graph, &ForceSettings::default()),
        layered_layout(&graph, &LayeredSettings::default()),
    ] {
        assert_eq!(positions.len(), 1);
        assert!(positions[0].0.is_finite() && positions[0].1.is_finite());
    }
    apply_positions(
        &mut project,
        &layered_layout(&graph, &LayeredSettings::default()),
    );
    assert!(project.nodes[0].position().is_some());
}

#[test]
fn a_web_of_only_contexts_is_laid_out_without_overlaps() {
    let mut project = Project::default();
    for i in 0..40 {
        project.nodes.push(Node::new(
            format!("c{i}"),
            format!("Context number {i} with a longer label than most"),
            NodeKind::Context,
        ));
    }
    for i in 0..20 {
        project.links.push(Link::new(
            format!("l{i}"),
            format!("c{i}"),
            format!("c{}", (i * 7 + 3) % 40),
        ));
    }
    let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
    let force = force_layout(&graph, &ForceSettings::default());
    assert_eq!(too_close(&graph, &force, 12.0), vec![]);
    for direction in [Direction::LeftToRight, Direction::TopToBottom] {
        let settings = LayeredSettings {
            direction,
            ..LayeredSettings::default()
        };
        let layered = layered_layout(&graph, &settings);
        assert_eq!(too_close(&graph, &layered, 12.0), vec![]);
        // All contexts share the first layer.
        let first = |p: &(f64, f64)| match direction {
            Direction::LeftToRight => p.0,
            Direction::TopToBottom => p.1,
        };
        assert!(layered
            .iter()
            .all(|p| (first(p) - first(&layered[0])).abs() < 1e-9));
    }
}

#[test]
fn layered_layout_reads_contexts_then_mechanisms_then_outcomes() {
    let mut project = Project::default();
    for (id, kind) in [
        ("o", NodeKind::Outcome),
        ("m", NodeKind::Mechanism),
        ("c", NodeKind::Context),
        ("c2", NodeKind::Context),
    ] {
        project.nodes.push(Node::new(id, id, kind));
    }
    for (k, (a, b)) in [("c", "m"), ("m", "o"), ("o", "c2"), ("m", "m")]
        .iter()
        .enumerate()
    {
        project.links.push(Link::new(format!("l{k}"), *a, *b));
    }
    let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
    let p = layered_layout(&graph, &LayeredSettings::default());
    // Left to right: contexts, then the mechanism, then the outcome.
    assert_eq!(p[2].0, p[3].0);
    assert!(p[2].0 < p[1].0 && p[1].0 < p[0].0);
    let p = layered_layout(
        &graph,
        &LayeredSettings {
            direction: Direction::TopToBottom,
            ..LayeredSettings::default()
        },
    );
    assert!(p[2].1 < p[1].1 && p[1].1 < p[0].1);
}

#[test]
fn rerunning_the_force_layout_on_an_arranged_figure_changes_it_little() {
    let mut project = Project::default();
    for i in 0..60 {
        let kind = NodeKind::ALL[i % 3];
        project.nodes.push(Node::new(
            format!("n{i}"),
            format!("Node {i} of the web"),
            kind,
        ));
    }
    for i in 1..60 {
        project.links.push(Link::new(
            format!("l{i}"),
            format!("n{}", (i * 5) % i.max(1)),
            format!("n{i}"),
        ));
    }
    let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
    let first = force_layout(&graph, &ForceSettings::default());
    apply_positions(&mut project, &first);
    let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
    let second = force_layout(&graph, &ForceSettings::default());
    let span = first.iter().map(|p| p.0).fold(f64::MIN, f64::max)
        - first.iter().map(|p| p.0).fold(f64::MAX, f64::min);
    let mean_move = first
        .iter()
        .zip(&second)
        .map(|(a, b)| ((a.0 - b.0).powi(2) + (a.1 - b.1).powi(2)).sqrt())
        .sum::<f64>()
        / first.len() as f64;
    assert!(
        mean_move < 0.05 * span,
        "moved {mean_move} in a figure {span} wide"
    );
}

#[test]
fn a_node_without_a_position_is_placed_near_its_neighbours() {
    let mut project = Project::default();
    for i in 0..30 {
        let mut node = Node::new(format!("n{i}"), format!("Node {i}"), NodeKind::Mechanism);
        node.set_position((i % 6) as f64 * 150.0, (i / 6) as f64 * 100.0);
        node.pinned = true;
        project.nodes.push(node);
    }
    project
        .nodes
        .push(Node::new("new", "A new node", NodeKind::Outcome));
    project.links.push(Link::new("l1", "n0", "new"));
    project.links.push(Link::new("l2", "n1", "new"));
    let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
    let p = force_layout(&graph, &ForceSettings::default());
    let (x, y) = p[30];
    let distance = (x - 75.0).hypot(y);
    assert!(distance < 400.0, "placed at {x}, {y}");
    assert_eq!(too_close(&graph, &p, 12.0), vec![]);
}

#[test]
fn far_flung_positions_do_not_break_the_layouts() {
    let mut project = Project::default();
    for (i, x) in [-1.0e300, 0.0, 1.0e300, 5.0].iter().enumerate() {
        let mut node = Node::new(format!("n{i}"), format!("Node {i}"), NodeKind::Mechanism);
        node.set_position(*x, -*x);
        project.nodes.push(node);
    }
    project
        .nodes
        .push(Node::new("new", "New", NodeKind::Context));
    project.links.push(Link::new("l1", "n0", "n1"));
    project.links.push(Link::new("l2", "new", "n2"));
    let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
    for positions in [
        force_layout(&graph, &ForceSettings::default()),
        layered_layout(&graph, &LayeredSettings::default()),
    ] {
        // Beyond the precision of a float, shapes cannot be told apart;
        // the layouts still end, with finite positions.
        assert!(
            positions.iter().all(|p| p.0.is_finite() && p.1.is_finite()),
            "{positions:?}"
        );
    }
}

#[test]
fn a_long_layer_is_folded_into_rows_contexts_still_first() {
    // 40 contexts, each linked to one of 10 mechanisms, each to one outcome.
    let mut project = Project::default();
    for i in 0..40 {
        project.nodes.push(Node::new(
            format!("c{i}"),
            format!("Context {i}"),
            NodeKind::Context,
        ));
    }
    for i in 0..10 {
        project.nodes.push(Node::new(
            format!("m{i}"),
            format!("Mechanism {i}"),
            NodeKind::Mechanism,
        ));
    }
    project
        .nodes
        .push(Node::new("o", "Outcome", NodeKind::Outcome));
    for i in 0..40 {
        project.links.push(Link::new(
            format!("cm{i}"),
            format!("c{i}"),
            format!("m{}", i % 10),
        ));
    }
    for i in 0..10 {
        project
            .links
            .push(Link::new(format!("mo{i}"), format!("m{i}"), "o"));
    }
    let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
    let settings = LayeredSettings {
        direction: Direction::TopToBottom,
        max_per_layer: Some(8),
        ..LayeredSettings::default()
    };
    let positions = layered_layout(&graph, &settings);
    assert_eq!(too_close(&graph, &positions, 12.0), vec![]);
    // Rows by their y: no row holds more than 8 shapes.
    let mut rows: Vec<(f64, Vec<usize>)> = Vec::new();
    for (i, p) in positions.iter().enumerate() {
        match rows.iter_mut().find(|(y, _)| (y - p.1).abs() < 1e-6) {
            Some((_, members)) => members.push(i),
            None => rows.push((p.1, vec![i])),
        }
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    assert!(rows.iter().all(|(_, m)| m.len() <= 8), "{rows:?}");
    // 40 contexts in 5 rows, then 10 mechanisms in 2, then the outcome.
    let sizes: Vec<usize> = rows.iter().map(|(_, m)| m.len()).collect();
    assert_eq!(sizes, vec![8, 8, 8, 8, 8, 5, 5, 1]);
    for (r, (_, members)) in rows.iter().enumerate() {
        let kinds: Vec<NodeKind> = members.iter().map(|&i| project.nodes[i].kind).collect();
        let expected = match r {
            0..=4 => NodeKind::Context,
            5 | 6 => NodeKind::Mechanism,
            _ => NodeKind::Outcome,
        };
        assert!(kinds.iter().all(|&k| k == expected), "row {r}: {kinds:?}");
    }
    // Without the limit the contexts make one row.
    let unfolded = layered_layout(
        &graph,
        &LayeredSettings {
            direction: Direction::TopToBottom,
            ..LayeredSettings::default()
        },
    );
    let first_row = unfolded
        .iter()
        .filter(|p| (p.1 - unfolded[0].1).abs() < 1e-6)
        .count();
    assert_eq!(first_row, 40);
}

#[test]
fn a_layered_figure_keeps_within_its_layer_span() {
    // Random webs of 30 to 300 nodes, nothing pinned, laid out top to
    // bottom and left to right with layers of at most 700 units.
    for (k, n) in [30usize, 80, 150, 300].into_iter().enumerate() {
        let spec = (0..n)
            .map(|i| {
                let kind = [NodeKind::Context, NodeKind::Mechanism, NodeKind::Outcome][i % 3];
                // Labels of one to three ordinary words (the last word of
                // WORDS is longer than the span on its own).
                let words: Vec<&str> = (0..1 + i % 3)
                    .map(|w| WORDS[(i + w * 5) % (WORDS.len() - 1)])
                    .collect();
                (words.join(" "), kind)
            })
            .collect::<Vec<_>>();
        let mut project = Project::default();
        for (i, (label, kind)) in spec.iter().enumerate() {
            project
                .nodes
                .push(Node::new(format!("n{i}"), label.clone(), *kind));
        }
        for i in 0..n * 2 {
            let (a, b) = ((i * 7 + k) % n, (i * 13 + 5) % n);
            if a != b {
                project
                    .links
                    .push(Link::new(format!("l{i}"), format!("n{a}"), format!("n{b}")));
            }
        }
        let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
        for direction in [Direction::TopToBottom, Direction::LeftToRight] {
            let settings = LayeredSettings {
                direction,
                max_layer_span: Some(700.0),
                ..LayeredSettings::default()
            };
            let positions = layered_layout(&graph, &settings);
            assert_eq!(too_close(&graph, &positions, settings.margin), vec![]);
            let along = |i: usize| match direction {
                Direction::TopToBottom => (positions[i].0, graph.nodes[i].width),
                Direction::LeftToRight => (positions[i].1, graph.nodes[i].height),
            };
            let low = (0..n)
                .map(|i| along(i).0 - along(i).1 / 2.0)
                .fold(f64::MAX, f64::min);
            let high = (0..n)
                .map(|i| along(i).0 + along(i).1 / 2.0)
                .fold(f64::MIN, f64::max);
            assert!(
                high - low <= 700.0 + 1e-6,
                "{n} nodes, {direction:?}: the layers span {}",
                high - low
            );
            // Without the limit, the same web is longer.
            let free = layered_layout(
                &graph,
                &LayeredSettings {
                    direction,
                    ..LayeredSettings::default()
                },
            );
            let free_span = match direction {
                Direction::TopToBottom => causal_web::layout::shapes_extent(&graph, &free).0,
                Direction::LeftToRight => causal_web::layout::shapes_extent(&graph, &free).1,
            };
            assert!(free_span > 700.0, "{n} nodes: {free_span}");
        }
    }
}
