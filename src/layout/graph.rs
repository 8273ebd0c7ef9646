use crate::figure::{node_shape, LabelStyle};
use crate::model::{NodeKind, Project};

/// A node as the layouts see it: its drawn size, where it is (if placed),
/// whether the user pinned it, and its kind.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutNode {
    /// Full width of the shape (box or ellipse), in canvas units.
    pub width: f64,
    /// Full height of the shape, in canvas units.
    pub height: f64,
    /// Centre of the shape, when the node has been placed.
    pub position: Option<(f64, f64)>,
    /// A pinned node with a position is never moved. A pinned node without
    /// a position has nothing to keep and is placed like any other.
    pub pinned: bool,
    pub kind: NodeKind,
}

impl LayoutNode {
    /// Whether the layouts must leave this node where it is.
    pub fn is_fixed(&self) -> bool {
        self.pinned && self.position.is_some()
    }
}

/// The web as the layouts see it: nodes with sizes, and directed links as
/// pairs of node indices (source, target).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LayoutGraph {
    pub nodes: Vec<LayoutNode>,
    pub edges: Vec<(usize, usize)>,
}

impl LayoutGraph {
    /// The project's nodes, sized by [`node_shape`] with `style`, and its
    /// links. Links naming an unknown node are left out (a valid project has
    /// none).
    pub fn from_project(project: &Project, style: &LabelStyle) -> Self {
        let index = project.node_indices();
        let nodes = project
            .nodes
            .iter()
            .map(|n| {
                let shape = node_shape(&n.label, n.kind, style);
                LayoutNode {
                    width: shape.width,
                    height: shape.height,
                    position: n.position(),
                    pinned: n.pinned,
                    kind: n.kind,
                }
            })
            .collect();
        let edges = project
            .links
            .iter()
            .filter_map(|l| {
                Some((
                    *index.get(l.source.as_str())?,
                    *index.get(l.target.as_str())?,
                ))
            })
            .collect();
        LayoutGraph { nodes, edges }
    }

    /// Number of nodes.
    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    /// Whether the web has no nodes.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// The links as an undirected adjacency list, without self-loops or
    /// repeated neighbours, each list in increasing order.
    pub fn neighbours(&self) -> Vec<Vec<usize>> {
        let mut adj = vec![Vec::new(); self.nodes.len()];
        for &(a, b) in &self.edges {
            if a != b && a < self.nodes.len() && b < self.nodes.len() {
                adj[a].push(b);
                adj[b].push(a);
            }
        }
        for list in &mut adj {
            list.sort_unstable();
            list.dedup();
        }
        adj
    }
}

/// Sets the position of every node of `project` from `positions` (in node
/// order). Pinned nodes that already have a position keep it; positions
/// that are not finite numbers are ignored.
pub fn apply_positions(project: &mut Project, positions: &[(f64, f64)]) {
    for (node, &(x, y)) in project.nodes.iter_mut().zip(positions) {
        if node.pinned && node.position().is_some() {
            continue;
        }
        if x.is_finite() && y.is_finite() {
            node.set_position(x, y);
        }
    }
}
