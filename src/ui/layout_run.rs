use std::time::Duration;

use crate::edit::EditCommand;
use crate::figure::LabelStyle;
use crate::layout::{ForceLayout, ForceSettings, LayoutGraph};
use crate::model::Project;

/// A force layout running a little every frame, so the window stays
/// responsive and the user sees the web untangle. Its positions are shown
/// as a preview; the web changes once, by one undoable [`EditCommand`],
/// when it settles or is committed.
pub struct LayoutRun {
    layout: ForceLayout,
    /// The ids of the nodes, in the order of the layout's positions.
    node_ids: Vec<String>,
    /// Started because the opened web had nodes without positions.
    pub on_open: bool,
}

impl LayoutRun {
    /// Starts the force layout on `project` from its current positions;
    /// pinned nodes stay where they are.
    pub fn force(project: &Project, style: &LabelStyle, on_open: bool) -> Self {
        let graph = LayoutGraph::from_project(project, style);
        LayoutRun {
            layout: ForceLayout::new(graph, ForceSettings::default()),
            node_ids: project.nodes.iter().map(|n| n.id.clone()).collect(),
            on_open,
        }
    }

    /// Runs for about `budget`; returns whether the layout has settled.
    pub fn advance(&mut self, budget: Duration) -> bool {
        self.layout.run_for(budget)
    }

    /// Whether the run still describes `project`'s nodes (same ids, same order).
    pub fn fits(&self, project: &Project) -> bool {
        project.nodes.len() == self.node_ids.len()
            && project
                .nodes
                .iter()
                .zip(&self.node_ids)
                .all(|(n, id)| &n.id == id)
    }

    /// The current positions, in node order.
    pub fn positions(&self) -> &[(f64, f64)] {
        self.layout.positions()
    }

    /// The edit that puts the nodes where the layout has them now.
    pub fn command(&self) -> EditCommand {
        EditCommand::ApplyLayout(
            self.node_ids
                .iter()
                .zip(self.layout.positions())
                .map(|(id, &(x, y))| (id.clone(), x, y))
                .collect(),
        )
    }
}
