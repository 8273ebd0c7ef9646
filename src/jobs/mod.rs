//! The headless jobs: plain functions that the command line, the tests and
//! the editor all call.

mod cmoc_convert;
mod export_figure;
mod layout;
mod stats;
mod studies;
mod validate;

pub use cmoc_convert::{export_cmocs, import_cmocs};
pub use export_figure::{
    export_figure, export_project_figure, figure_positions, figure_print_sizes, project_figure,
    FigureLayout, FigureRequest,
};
pub use layout::{layout_project, LayoutAlgorithm};
pub use stats::{stats, Stats};
pub use studies::{studies_of_node, StudyLine};
pub use validate::validate_files;

/// What a job prints: its output, and every problem (one line each). The job
/// succeeded when there are no problems.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    pub stdout: String,
    /// Problems: the job failed (exit code 1), each printed on stderr.
    pub problems: Vec<String>,
    /// Warnings: the job succeeded, but something deserves attention (each
    /// printed on stderr as `warning: …`).
    pub warnings: Vec<String>,
}

impl Report {
    /// A successful report that prints `stdout`.
    pub fn printed(stdout: impl Into<String>) -> Self {
        Report {
            stdout: stdout.into(),
            problems: Vec::new(),
            warnings: Vec::new(),
        }
    }

    /// A failed report with these problems.
    pub fn failed(problems: impl IntoIterator<Item = impl ToString>) -> Self {
        Report {
            stdout: String::new(),
            problems: problems.into_iter().map(|p| p.to_string()).collect(),
            warnings: Vec::new(),
        }
    }

    /// Whether the job succeeded.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}
