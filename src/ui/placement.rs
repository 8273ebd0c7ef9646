use crate::figure::{node_shape, LabelStyle};
use crate::model::{NodeKind, Project};

/// Gives every node that has no position a place on a grid below the placed
/// ones, one row per kind (contexts, mechanisms, outcomes), so that a web
/// read without positions is visible and nothing overlaps until a layout
/// arranges it.
pub fn place_unplaced_nodes(project: &mut Project, style: &LabelStyle) {
    if project.nodes.iter().all(|n| n.position().is_some()) {
        return;
    }
    let bottom = project
        .nodes
        .iter()
        .filter_map(|n| n.position().map(|(_, y)| y))
        .fold(None, |acc: Option<f64>, y| {
            Some(acc.map_or(y, |a| a.max(y)))
        });
    let mut y = bottom.map_or(0.0, |b| b + 120.0);
    let per_row = 8;
    for kind in NodeKind::ALL {
        let unplaced: Vec<usize> = (0..project.nodes.len())
            .filter(|&i| project.nodes[i].kind == kind && project.nodes[i].position().is_none())
            .collect();
        for row in unplaced.chunks(per_row) {
            let shapes: Vec<_> = row
                .iter()
                .map(|&i| node_shape(&project.nodes[i].label, kind, style))
                .collect();
            let row_height = shapes.iter().map(|s| s.height).fold(0.0, f64::max);
            let mut x = 0.0;
            for (&i, shape) in row.iter().zip(&shapes) {
                project.nodes[i].set_position(x + shape.width / 2.0, y + row_height / 2.0);
                x += shape.width + 30.0;
            }
            y += row_height + 40.0;
        }
        y += 40.0;
    }
}
