use std::collections::BTreeMap;
use std::path::Path;

use super::Report;
use crate::io::{load_project, read_cmoc_table, save_project, write_atomically, write_cmoc_table};
use crate::model::{label_key, Project};
use crate::wording::{counted, listed};

/// Nodes named in a warning before the rest are counted.
const NAMED: usize = 6;

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
        "{}: {} read; {}, {}, {} and {} added\n",
        out.display(),
        counted(import.rows, "row", "rows"),
        counted(import.nodes_added, "node", "nodes"),
        counted(import.links_added, "link", "links"),
        counted(import.studies_added, "study", "studies"),
        counted(import.citations_added, "citation", "citations")
    ))
}

/// Writes the evidence of the project at `project` as a CMOC table to `out`
/// (a `.csv` file: never over a project by mistake). Nodes that the table
/// cannot tell apart, sharing a label, are warned of.
pub fn export_cmocs(project: &Path, out: &Path) -> Report {
    let is_csv = out
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if !is_csv {
        return Report::failed([format!(
            "{}: a CMOC table is written to a .csv file",
            out.display()
        )]);
    }
    let p = match load_project(project) {
        Ok(p) => p,
        Err(problems) => return Report::failed(problems.0),
    };
    let table = write_cmoc_table(&p);
    if let Err(e) = write_atomically(out, table.as_bytes()) {
        return Report::failed([format!("{}: cannot write: {e}", out.display())]);
    }
    let rows = csv::Reader::from_reader(table.as_bytes()).records().count();
    let mut report = Report::printed(format!(
        "{}: {} written\n",
        out.display(),
        counted(rows, "row", "rows")
    ));
    report.warnings = labels_shared_in_the_table(&p);
    report
}

/// A warning for each label that several nodes in the table share: a table
/// names nodes by label, so read into a new project they become one.
fn labels_shared_in_the_table(p: &Project) -> Vec<String> {
    let mut in_table: Vec<bool> = p.nodes.iter().map(|n| !n.evidence.is_empty()).collect();
    let index = p.node_indices();
    for link in p.links.iter().filter(|l| !l.evidence.is_empty()) {
        for end in [&link.source, &link.target] {
            if let Some(&i) = index.get(end.as_str()) {
                in_table[i] = true;
            }
        }
    }
    let mut by_label: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, node) in p.nodes.iter().enumerate().filter(|&(i, _)| in_table[i]) {
        by_label.entry(label_key(&node.label)).or_default().push(i);
    }
    by_label
        .values()
        .filter(|nodes| nodes.len() > 1)
        .map(|nodes| {
            let named: Vec<String> = nodes
                .iter()
                .map(|&i| format!("{} ({})", p.nodes[i].id, p.nodes[i].kind.name()))
                .collect();
            format!(
                "the nodes {} share the label '{}': the table names nodes by label, so read into a new project they become one (give them different labels)",
                listed(&named, NAMED),
                p.nodes[nodes[0]].label.trim()
            )
        })
        .collect()
}
