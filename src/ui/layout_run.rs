use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::edit::EditCommand;
use crate::figure::LabelStyle;
use crate::layout::{layered_layout, ForceLayout, ForceSettings, LayeredSettings, LayoutGraph};
use crate::model::Project;

/// How long the layout thread runs between publishing positions.
const PUBLISH_EVERY: Duration = Duration::from_millis(15);

/// What the layout thread and the window share.
#[derive(Default)]
struct Shared {
    positions: Mutex<Vec<(f64, f64)>>,
    settled: AtomicBool,
    stop: AtomicBool,
}

/// A layout running on a background thread, so that the window stays
/// responsive: the force layout, whose positions are shown as a preview
/// while the user sees the web untangle, or the layered layout, shown once
/// it is done. The web changes once, by one undoable [`EditCommand`], when
/// the layout settles or is committed. Dropping the run stops the thread
/// (a layered layout that is being computed is then thrown away).
pub struct LayoutRun {
    shared: Arc<Shared>,
    /// The latest positions, in node order.
    positions: Vec<(f64, f64)>,
    /// The ids of the nodes, in the order of the positions.
    node_ids: Vec<String>,
    /// Started because the opened web had nodes without positions.
    pub on_open: bool,
    /// Whether the positions before the layout is done are worth keeping
    /// (a force layout's are; a layered layout has none of its own yet).
    keeps_partial: bool,
}

impl LayoutRun {
    /// Starts the force layout on `project` from its current positions;
    /// pinned nodes stay where they are.
    pub fn force(project: &Project, style: &LabelStyle, on_open: bool) -> Self {
        let graph = LayoutGraph::from_project(project, style);
        let mut layout = ForceLayout::new(graph, ForceSettings::default());
        let positions = layout.positions().to_vec();
        Self::start(project, positions, on_open, true, move |worker| {
            while !worker.stop.load(Ordering::Relaxed) {
                let settled = layout.run_for(PUBLISH_EVERY);
                if let Ok(mut p) = worker.positions.lock() {
                    p.clear();
                    p.extend_from_slice(layout.positions());
                }
                if settled {
                    worker.settled.store(true, Ordering::Release);
                    break;
                }
            }
        })
    }

    /// Starts the layered layout of `project` with `settings`; until it is
    /// done, the nodes are shown where they are.
    pub fn layered(project: &Project, style: &LabelStyle, settings: LayeredSettings) -> Self {
        let graph = LayoutGraph::from_project(project, style);
        let positions: Vec<(f64, f64)> = project
            .nodes
            .iter()
            .map(|n| n.position().unwrap_or((0.0, 0.0)))
            .collect();
        Self::start(project, positions, false, false, move |worker| {
            let laid_out = layered_layout(&graph, &settings);
            if worker.stop.load(Ordering::Relaxed) {
                return;
            }
            if let Ok(mut p) = worker.positions.lock() {
                *p = laid_out;
            }
            worker.settled.store(true, Ordering::Release);
        })
    }

    /// Runs `work` on a new thread with the state it shares with the
    /// window, which shows `positions` until the thread publishes others.
    fn start(
        project: &Project,
        positions: Vec<(f64, f64)>,
        on_open: bool,
        keeps_partial: bool,
        work: impl FnOnce(&Shared) + Send + 'static,
    ) -> Self {
        let shared = Arc::new(Shared {
            positions: Mutex::new(positions.clone()),
            ..Default::default()
        });
        let worker = Arc::clone(&shared);
        std::thread::spawn(move || work(&worker));
        LayoutRun {
            shared,
            positions,
            node_ids: project.nodes.iter().map(|n| n.id.clone()).collect(),
            on_open,
            keeps_partial,
        }
    }

    /// Takes the latest positions from the thread; returns whether the
    /// layout has settled (and these are its final positions).
    pub fn poll(&mut self) -> bool {
        let settled = self.shared.settled.load(Ordering::Acquire);
        if let Ok(p) = self.shared.positions.lock() {
            if p.len() == self.positions.len() {
                self.positions.copy_from_slice(&p);
            }
        }
        settled
    }

    /// Whether there are positions worth applying: a force layout's at any
    /// moment, a layered layout's once it is done.
    pub fn has_positions_to_apply(&mut self) -> bool {
        self.poll() || self.keeps_partial
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

    /// The latest positions, in node order.
    pub fn positions(&self) -> &[(f64, f64)] {
        &self.positions
    }

    /// The edit that puts the nodes where the layout has them now.
    pub fn command(&self) -> EditCommand {
        EditCommand::ApplyLayout(
            self.node_ids
                .iter()
                .zip(&self.positions)
                .map(|(id, &(x, y))| (id.clone(), x, y))
                .collect(),
        )
    }
}

impl Drop for LayoutRun {
    fn drop(&mut self) {
        self.shared.stop.store(true, Ordering::Relaxed);
    }
}
