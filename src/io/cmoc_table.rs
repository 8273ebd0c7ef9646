//! The CMOC table: one CSV row per citation, `cmoc,context,mechanism,outcome,study,quote,page`.

use std::collections::HashMap;

use super::{Problem, Problems};
use crate::model::{Evidence, Link, Node, NodeKind, Project, Study};

/// The columns of the table, in the order they are written.
pub const COLUMNS: [&str; 7] = [
    "cmoc",
    "context",
    "mechanism",
    "outcome",
    "study",
    "quote",
    "page",
];

/// What reading a table added to a project.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CmocImport {
    pub rows: usize,
    pub nodes_added: usize,
    pub links_added: usize,
    pub studies_added: usize,
    pub citations_added: usize,
}

/// Reads a CMOC table into `project`: matches nodes by label (case and
/// surrounding space ignored) and creates missing ones, adds missing links and
/// appends each row's evidence. A table with any bad row is refused whole and
/// `project` is left as it was.
pub fn read_cmoc_table(
    text: &str,
    file: &str,
    project: &mut Project,
) -> Result<CmocImport, Problems> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(line) = unclosed_quote(text) {
        return Err(Problems::one(Problem::at(
            file,
            line,
            1,
            "a quoted cell that starts on this line is never closed (a \" is missing)",
        )));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let csv_problem = |e: &csv::Error| {
        let line = e.position().map(|p| p.line() as usize).unwrap_or(1);
        Problem::at(file, line, 1, format!("not a readable CSV table: {e}"))
    };
    let headers = reader
        .headers()
        .map_err(|e| Problems::one(csv_problem(&e)))?
        .clone();
    let mut columns = [usize::MAX; 7];
    let mut missing = Vec::new();
    for (slot, name) in columns.iter_mut().zip(COLUMNS) {
        match headers.iter().position(|h| {
            h.trim()
                .trim_start_matches('\u{feff}')
                .eq_ignore_ascii_case(name)
        }) {
            Some(i) => *slot = i,
            None => missing.push(name),
        }
    }
    if !missing.is_empty() {
        return Err(Problems::one(Problem::at(
            file,
            1,
            1,
            format!(
                "the header lacks the column{} {}; expected {}",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                COLUMNS.join(",")
            ),
        )));
    }

    let mut work = project.clone();
    let mut report = CmocImport::default();
    let mut problems = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                problems.push(csv_problem(&e));
                break;
            }
        }
        let line = record.position().map_or(0, |p| p.line() as usize);
        if record.len() > headers.len() {
            report.rows += 1;
            problems.push(Problem::at(
                file,
                line,
                1,
                format!(
                    "row {}: {} cells, more than the header's {}",
                    report.rows,
                    record.len(),
                    headers.len()
                ),
            ));
            continue;
        }
        let cell =
            |column: usize| unguard(record.get(columns[column]).unwrap_or("").trim()).to_string();
        let row = Row {
            cmoc: cell(0),
            nodes: [cell(1), cell(2), cell(3)],
            study: cell(4),
            quote: cell(5),
            page: cell(6),
        };
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        report.rows += 1;
        if let Err(message) = add_row(&mut work, &row, &mut report) {
            problems.push(Problem::at(
                file,
                line,
                1,
                format!("row {}: {message}", report.rows),
            ));
        }
    }
    if problems.is_empty() {
        *project = work;
        Ok(report)
    } else {
        Err(Problems(problems))
    }
}

struct Row {
    cmoc: String,
    /// Context, mechanism and outcome labels; empty when the cell is.
    nodes: [String; 3],
    study: String,
    quote: String,
    page: String,
}

fn add_row(project: &mut Project, row: &Row, report: &mut CmocImport) -> Result<(), String> {
    if row.study.is_empty() {
        return Err("the study cell is empty".into());
    }
    let kinds = [NodeKind::Context, NodeKind::Mechanism, NodeKind::Outcome];
    let present: Vec<(usize, &str)> = row
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.is_empty())
        .map(|(i, l)| (i, l.as_str()))
        .collect();
    if present.is_empty() {
        return Err("no context, mechanism or outcome is given".into());
    }
    if present.len() == 2 && present[0].0 == 0 && present[1].0 == 2 {
        return Err(format!(
            "a context '{}' and an outcome '{}' but no mechanism: a context links only to a mechanism, and a mechanism to an outcome",
            present[0].1, present[1].1
        ));
    }
    for pair in present.windows(2) {
        if pair[0].1.to_lowercase() == pair[1].1.to_lowercase() {
            return Err(format!(
                "{} and {} are the same node '{}', and a node cannot link to itself",
                COLUMNS[pair[0].0 + 1],
                COLUMNS[pair[1].0 + 1],
                pair[0].1
            ));
        }
    }

    let study = match project.find_study(&row.study) {
        Some(s) => s.id.clone(),
        None => {
            project.studies.push(Study::new(row.study.clone()));
            report.studies_added += 1;
            row.study.clone()
        }
    };
    let evidence = Evidence {
        study,
        quote: row.quote.clone(),
        page: row.page.clone(),
        cmoc: row.cmoc.clone(),
    };

    let mut ids = Vec::new();
    for &(column, label) in &present {
        let id = match project.node_by_label(label) {
            Some(n) => n.id.clone(),
            None => {
                let id = project.fresh_node_id(label);
                project
                    .nodes
                    .push(Node::new(id.clone(), label, kinds[column]));
                report.nodes_added += 1;
                id
            }
        };
        ids.push(id);
    }
    if ids.len() == 1 {
        let node = project
            .node_mut(&ids[0])
            .expect("the node was just found or made");
        node.evidence.push(evidence);
        report.citations_added += 1;
        return Ok(());
    }
    for pair in ids.windows(2) {
        let link = match project
            .links
            .iter()
            .position(|l| l.source == pair[0] && l.target == pair[1])
        {
            Some(i) => i,
            None => {
                let id = project.fresh_link_id();
                project
                    .links
                    .push(Link::new(id, pair[0].clone(), pair[1].clone()));
                report.links_added += 1;
                project.links.len() - 1
            }
        };
        project.links[link].evidence.push(evidence.clone());
        report.citations_added += 1;
    }
    Ok(())
}

/// Writes the project's evidence as a CMOC table. Evidence is grouped by
/// (`cmoc`, `study`, `quote`, `page`), the rows of one CMOC side by side and
/// the CMOCs in the order of their ids (C2 before C10; evidence of no CMOC
/// last), as the format asks; a group on two chained links X → Y and
/// Y → Z is one row X, Y, Z; a group on one link X → Y is context X, mechanism
/// Y when X is a context, else mechanism X, outcome Y. Node evidence follows as
/// rows with one node cell: `context` for a context, else `mechanism`. Cells that a spreadsheet would run as a formula
/// get a leading `'`.
pub fn write_cmoc_table(project: &Project) -> String {
    let node_index: HashMap<&str, &Node> =
        project.nodes.iter().map(|n| (n.id.as_str(), n)).collect();
    let label = |id: &str| {
        node_index
            .get(id)
            .map_or(id.to_string(), |n| n.label.clone())
    };
    let is_context = |id: &str| {
        node_index
            .get(id)
            .is_some_and(|n| n.kind == NodeKind::Context)
    };

    // Groups in order of first appearance, each with its links (repeats kept).
    let mut groups: Vec<(&Evidence, Vec<&Link>)> = Vec::new();
    let mut index: HashMap<&Evidence, usize> = HashMap::new();
    for link in &project.links {
        for e in &link.evidence {
            let i = *index.entry(e).or_insert_with(|| {
                groups.push((e, Vec::new()));
                groups.len() - 1
            });
            groups[i].1.push(link);
        }
    }

    // Stable: within one CMOC, groups keep their order of appearance.
    groups.sort_by(|(a, _), (b, _)| cmoc_order(&a.cmoc, &b.cmoc));

    // Records end in CRLF, as RFC 4180 says.
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    out.write_record(COLUMNS)
        .expect("writing to memory cannot fail");
    let mut row = |e: &Evidence, cells: [String; 3]| {
        let fields = [
            &e.cmoc, &cells[0], &cells[1], &cells[2], &e.study, &e.quote, &e.page,
        ];
        out.write_record(fields.iter().map(|f| guard(f)))
            .expect("writing to memory cannot fail");
    };
    for (evidence, links) in groups {
        let mut used = vec![false; links.len()];
        for i in 0..links.len() {
            if used[i] {
                continue;
            }
            used[i] = true;
            let first = links[i];
            // A second link that continues this one (X → Y, Y → Z) ...
            let next = (0..links.len()).find(|&j| !used[j] && links[j].source == first.target);
            // ... or that leads into it (W → X, X → Y).
            let prev = (0..links.len()).find(|&j| !used[j] && links[j].target == first.source);
            let cells = if let Some(j) = next {
                used[j] = true;
                [
                    label(&first.source),
                    label(&first.target),
                    label(&links[j].target),
                ]
            } else if let Some(j) = prev {
                used[j] = true;
                [
                    label(&links[j].source),
                    label(&first.source),
                    label(&first.target),
                ]
            } else if is_context(&first.source) {
                [label(&first.source), label(&first.target), String::new()]
            } else {
                [String::new(), label(&first.source), label(&first.target)]
            };
            row(evidence, cells);
        }
    }
    for node in &project.nodes {
        for e in &node.evidence {
            let cells = match node.kind {
                NodeKind::Context => [node.label.clone(), String::new(), String::new()],
                // An outcome's own evidence too goes in the mechanism cell,
                // as the format says; reading it back into a web where the
                // node exists keeps its kind.
                NodeKind::Mechanism | NodeKind::Outcome => {
                    [String::new(), node.label.clone(), String::new()]
                }
            };
            row(e, cells);
        }
    }
    String::from_utf8(out.into_inner().expect("writing to memory cannot fail"))
        .expect("CSV of UTF-8 cells is UTF-8")
}

const FORMULA_STARTS: [char; 4] = ['=', '+', '-', '@'];

/// A cell as written: with a leading `'` when a spreadsheet would read it as
/// a formula.
fn guard(cell: &str) -> String {
    if cell.starts_with(FORMULA_STARTS) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// A cell as read: without the `'` that [`guard`] adds.
fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_STARTS) => rest,
        _ => cell,
    }
}

/// The line on which a quoted cell starts that is never closed, if any:
/// RFC 4180 quotes a cell from its first character to a `"` not doubled.
fn unclosed_quote(text: &str) -> Option<usize> {
    let (mut line, mut opened_on) = (1, None);
    let mut at_cell_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (opened_on, c) {
            (Some(_), '"') if chars.peek() == Some(&'"') => {
                chars.next();
            }
            (Some(_), '"') => opened_on = None,
            (None, '"') if at_cell_start => opened_on = Some(line),
            _ => {}
        }
        if c == '\n' {
            line += 1;
        }
        at_cell_start = opened_on.is_none() && matches!(c, ',' | '\n' | '\r');
    }
    opened_on
}

/// The order of CMOC ids in a table: by their text before a final number,
/// then by that number (C2 before C10), then as text; no id last.
fn cmoc_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn key(id: &str) -> (bool, &str, Option<u64>, &str) {
        let stem = id.trim_end_matches(|c: char| c.is_ascii_digit());
        let number = id[stem.len()..].parse().ok();
        (id.is_empty(), stem, number, id)
    }
    key(a).cmp(&key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unclosed_quoted_cell_is_found_on_its_line() {
        assert_eq!(unclosed_quote("a,b\nC1,\"x, \"\"y\"\" z\",q\n"), None);
        assert_eq!(unclosed_quote("a,b\nC1,\"two\nlines\",q\n"), None);
        assert_eq!(unclosed_quote("a,b\nC1,x\"y,q\n"), None);
        assert_eq!(unclosed_quote("a,b\nC1,ok\nC2,\"q,\n"), Some(3));
        assert_eq!(unclosed_quote("a,b\r\nC1,\"never\r\n"), Some(2));
    }

    #[test]
    fn cmoc_ids_order_by_their_number_with_none_last() {
        let mut ids = vec!["C10", "", "C2", "B7", "C1", "C2a", "C02"];
        ids.sort_by(|a, b| cmoc_order(a, b));
        assert_eq!(ids, ["B7", "C1", "C02", "C2", "C10", "C2a", ""]);
    }

    #[test]
    fn guard_and_unguard_are_inverse() {
        for cell in ["=SUM(A1)", "+1", "-x", "@me", "plain", "'quoted", ""] {
            assert_eq!(unguard(&guard(cell)), cell);
        }
        assert_eq!(guard("=1"), "'=1");
        assert_eq!(unguard("'plain"), "'plain");
    }
}
