use std::path::Path;

use super::Report;
use crate::figure::LabelStyle;
use crate::io::{load_project, save_project};
use crate::layout::{
    apply_positions, crossing_count, force_layout, layered_layout, overlapping_pairs,
    shapes_extent, ForceSettings, LayeredSettings, LayoutGraph,
};
use crate::wording::counted;

/// Which layout `causal-web layout` runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LayoutAlgorithm {
    /// Size-aware force-directed, from the current positions.
    #[default]
    Force,
    /// Layers in the causal reading order, contexts first.
    Layered,
}

/// Lays out the project at `project_path` and saves it, with new positions
/// (pinned nodes stay where they are), to `out`. `layered` is used by the
/// layered layout, and its `margin` (the least space between two shapes)
/// by both; `seed` by the force layout. Nothing is written when the
/// project is refused.
pub fn layout_project(
    project_path: &Path,
    out: &Path,
    algorithm: LayoutAlgorithm,
    layered: &LayeredSettings,
    seed: u64,
) -> Report {
    let mut project = match load_project(project_path) {
        Ok(p) => p,
        Err(problems) => return Report::failed(problems.0),
    };
    let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
    let margin = layered.margin;
    let positions = match algorithm {
        LayoutAlgorithm::Force => force_layout(
            &graph,
            &ForceSettings {
                seed,
                margin,
                ..ForceSettings::default()
            },
        ),
        LayoutAlgorithm::Layered => layered_layout(&graph, layered),
    };
    apply_positions(&mut project, &positions);
    if let Err(e) = save_project(&project, out) {
        return Report::failed([format!("{}: cannot write: {e}", out.display())]);
    }
    let placed: Vec<(f64, f64)> = project
        .nodes
        .iter()
        .map(|n| n.position().unwrap_or((0.0, 0.0)))
        .collect();
    let overlaps = overlapping_pairs(&graph, &placed, margin)
        .into_iter()
        .filter(|&(i, j)| !(graph.nodes[i].is_fixed() && graph.nodes[j].is_fixed()))
        .count();
    let (w, h) = shapes_extent(&graph, &placed);
    Report::printed(format!(
        "{}: {} laid out ({}), figure {:.0} × {:.0}, {}, {}\n",
        out.display(),
        counted(project.nodes.len(), "node", "nodes"),
        match algorithm {
            LayoutAlgorithm::Force => "force",
            LayoutAlgorithm::Layered => "layered",
        },
        w,
        h,
        counted(
            crossing_count(&graph, &placed),
            "link crossing",
            "link crossings"
        ),
        counted(overlaps, "overlapping shape", "overlapping shapes")
    ))
}
