use std::path::PathBuf;

use super::Report;
use crate::io::load_project;
use crate::wording::counted;

/// Checks each file against the project format: one line
/// `FILE: ok (N nodes, M links, K studies, E citations)` per valid file, and
/// every problem of the others.
pub fn validate_files(paths: &[PathBuf]) -> Report {
    let mut report = Report::default();
    for path in paths {
        match load_project(path) {
            Ok(p) => report.stdout.push_str(&format!(
                "{}: ok ({}, {}, {}, {})\n",
                path.display(),
                counted(p.nodes.len(), "node", "nodes"),
                counted(p.links.len(), "link", "links"),
                counted(p.studies.len(), "study", "studies"),
                counted(p.citation_count(), "citation", "citations")
            )),
            Err(problems) => report
                .problems
                .extend(problems.0.iter().map(|p| p.to_string())),
        }
    }
    report
}
