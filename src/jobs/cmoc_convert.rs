use std::path::Path;

use super::Report;
use crate::io::{load_project, read_cmoc_table, save_project, write_atomically, write_cmoc_table};
use crate::model::Project;

/// Reads the CMOC table at `table` into a new project, or into a copy of the
/// project at `into`, and saves the result to `out`. Nothing is written when
/// any input is refused.
pub fn import_cmocs(table: &Path, out: &Path, into: Option<&Path>) -> Report {
    let mut project = match into {
        Some(path) => match load_project(path) {
            Ok(p) => p,
            Err(problems) => return Report::failed(problems.0),
        },
        None => Project::default(),
    };
    let name = table.display().to_string();
    let text = match std::fs::read(table) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                return Report::failed([format!(
                    "{name}: not valid UTF-8 (byte {})",
                    e.utf8_error().valid_up_to()
                )])
            }
        },
        Err(e) => return Report::failed([format!("{name}: cannot read: {e}")]),
    };
    let import = match read_cmoc_table(&text, &name, &mut project) {
        Ok(i) => i,
        Err(problems) => return Report::failed(problems.0),
    };
    if let Err(e) = save_project(&project, out) {
        return Report::failed([format!("{}: cannot write: {e}", out.display())]);
    }
    Report::printed(format!(
        "{}: {} rows read; {} nodes, {} links, {} studies and {} citations added\n",
        out.display(),
        import.rows,
        import.nodes_added,
        import.links_added,
        import.studies_added,
        import.citations_added
    ))
}

/// Writes the evidence of the project at `project` as a CMOC table to `out`.
pub fn export_cmocs(project: &Path, out: &Path) -> Report {
    let p = match load_project(project) {
        Ok(p) => p,
        Err(problems) => return Report::failed(problems.0),
    };
    let table = write_cmoc_table(&p);
    if let Err(e) = write_atomically(out, table.as_bytes()) {
        return Report::failed([format!("{}: cannot write: {e}", out.display())]);
    }
    let rows = csv::Reader::from_reader(table.as_bytes()).records().count();
    Report::printed(format!("{}: {rows} rows written\n", out.display()))
}
