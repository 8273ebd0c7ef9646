//! The CMOC table: one CSV row per citation, `cmoc,context,mechanism,outcome,study,quote,page`.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use super::{Problem, Problems};
use crate::model::{
    fresh_id, label_key, node_id_base, Evidence, Link, Node, NodeKind, Project, Study,
};
use crate::wording::listed;

/// Nodes or studies named in a problem before the rest are counted.
const NAMED: usize = 6;

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
    // Excel's "sep=;" first line names the separator; the table follows.
    let (separators, first_line) = match separator_line(text) {
        Some((separator, rest)) => (vec![separator], text.len() - rest.len()),
        None => (SEPARATORS.to_vec(), 0),
    };
    let lines = LineStarts::new(text);
    if let Some(line) = unclosed_quote(&text[first_line..]) {
        return Err(Problems::one(Problem::at(
            file,
            lines.line_of(first_line) + line - 1,
            1,
            "a quoted cell that starts on this line is never closed (a \" is missing)",
        )));
    }
    // The first separator whose header has every column: commas, as RFC 4180
    // says, else semicolons or tabs (spreadsheets in many languages).
    let mut found = Err(Vec::new());
    for &separator in &separators {
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(separator)
            .from_reader(&text.as_bytes()[first_line..]);
        let headers = match reader.headers() {
            Ok(h) => h.clone(),
            Err(e) => {
                let line =
                    lines.line_of(first_line + e.position().map_or(0, |p| p.byte() as usize));
                return Err(Problems::one(Problem::at(
                    file,
                    line,
                    1,
                    format!("not a readable CSV table: {e}"),
                )));
            }
        };
        match header_columns(&headers) {
            Ok(columns) => {
                found = Ok((reader, headers, columns));
                break;
            }
            Err(missing) if separator == separators[0] => found = Err(missing),
            Err(_) => {}
        }
    }
    let (mut reader, headers, columns) = match found {
        Ok(found) => found,
        Err(missing) => {
            return Err(Problems::one(Problem::at(
                file,
                lines.line_of(first_line),
                1,
                format!(
                    "the header lacks the column{} {}; expected {} (separated by commas, semicolons or tabs)",
                    if missing.len() > 1 { "s" } else { "" },
                    missing.join(", "),
                    COLUMNS.join(",")
                ),
            )));
        }
    };
    // A column twice: which is meant cannot be told.
    let twice: Vec<String> = COLUMNS
        .iter()
        .filter_map(|name| {
            let at: Vec<String> = headers
                .iter()
                .enumerate()
                .filter(|(_, h)| is_column(h, name))
                .map(|(i, _)| (i + 1).to_string())
                .collect();
            (at.len() > 1).then(|| format!("{name} (columns {})", at.join(" and ")))
        })
        .collect();
    if !twice.is_empty() {
        return Err(Problems::one(Problem::at(
            file,
            lines.line_of(first_line),
            1,
            format!(
                "the header has a column more than once: {}",
                twice.join(", ")
            ),
        )));
    }
    // The csv reader ends a record at a `\r` and may start the next at the
    // `\n` after it: a record's line is that of its first cell.
    let line_at = |position: Option<&csv::Position>| {
        let start = first_line + position.map_or(0, |p| p.byte() as usize);
        let skipped = text.get(start..).map_or(0, |rest| {
            rest.len() - rest.trim_start_matches(['\r', '\n']).len()
        });
        lines.line_of(start + skipped)
    };
    let csv_problem = |e: &csv::Error| {
        Problem::at(
            file,
            line_at(e.position()),
            1,
            format!("not a readable CSV table: {e}"),
        )
    };

    let mut work = project.clone();
    let mut index = TableIndex::new(&work);
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
        let line = line_at(record.position());
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
        if let Err(message) = add_row(&mut work, &mut index, &row, &mut report) {
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

/// Separators tried for a table's cells, in order: RFC 4180's comma, then
/// the semicolon of spreadsheets set to languages that write decimal commas,
/// then tab.
const SEPARATORS: [u8; 3] = [b',', b';', b'\t'];

/// The separator that a first line `sep=X` names (Excel writes one), and
/// the text after that line.
fn separator_line(text: &str) -> Option<(u8, &str)> {
    let line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let line = text[..line_end].trim_end_matches(['\r', '\n']);
    let rest = line.strip_prefix("sep=")?;
    match rest.as_bytes() {
        [separator] => Some((*separator, &text[line_end..])),
        _ => None,
    }
}

/// Whether a header cell names the column `name`: case and surrounding
/// space ignored.
fn is_column(header: &str, name: &str) -> bool {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .eq_ignore_ascii_case(name)
}

/// Where each column of [`COLUMNS`] is in `headers` (names matched with
/// case and surrounding space ignored), or the names missing.
fn header_columns(headers: &csv::StringRecord) -> Result<[usize; 7], Vec<&'static str>> {
    let mut columns = [usize::MAX; 7];
    let mut missing = Vec::new();
    for (slot, name) in columns.iter_mut().zip(COLUMNS) {
        match headers.iter().position(|h| is_column(h, name)) {
            Some(i) => *slot = i,
            None => missing.push(name),
        }
    }
    if missing.is_empty() {
        Ok(columns)
    } else {
        Err(missing)
    }
}

/// The byte offsets where the lines of a text start, to tell the line of a
/// byte (a line ends at `\n`, so `\r\n` and `\n` count alike).
struct LineStarts(Vec<usize>);

impl LineStarts {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineStarts(starts)
    }

    /// The line (from 1) of the byte at `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset)
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

fn add_row(
    project: &mut Project,
    index: &mut TableIndex,
    row: &Row,
    report: &mut CmocImport,
) -> Result<(), String> {
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
    // Every cell is checked before anything is added.
    let study = index.study(project, &row.study)?;
    let mut found: Vec<Option<usize>> = Vec::new();
    for &(column, label) in &present {
        found.push(index.node(project, label, kinds[column])?);
    }
    for (pair, ids) in present.windows(2).zip(found.windows(2)) {
        let same = match (ids[0], ids[1]) {
            (Some(a), Some(b)) => a == b,
            _ => label_key(pair[0].1) == label_key(pair[1].1),
        };
        if same {
            return Err(format!(
                "{} and {} are the same node '{}', and a node cannot link to itself",
                COLUMNS[pair[0].0 + 1],
                COLUMNS[pair[1].0 + 1],
                pair[0].1
            ));
        }
    }

    let study = match study {
        Some(id) => id,
        None => {
            project.studies.push(Study::new(row.study.clone()));
            index.add_study(&row.study);
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

    let mut nodes = Vec::new();
    for (&(column, label), found) in present.iter().zip(found) {
        let node = match found {
            Some(node) => node,
            None => {
                let id = fresh_id(&node_id_base(label), |id| index.node_ids.contains(id));
                project.nodes.push(Node::new(id, label, kinds[column]));
                index.add_node(project, project.nodes.len() - 1);
                report.nodes_added += 1;
                project.nodes.len() - 1
            }
        };
        nodes.push(node);
    }
    if let [node] = nodes[..] {
        project.nodes[node].evidence.push(evidence);
        report.citations_added += 1;
        return Ok(());
    }
    for pair in nodes.windows(2) {
        let ends = (
            project.nodes[pair[0]].id.clone(),
            project.nodes[pair[1]].id.clone(),
        );
        let link = match index.links.get(&ends) {
            Some(&i) => i,
            None => {
                let id = (project.links.len() + 1..)
                    .map(|n| format!("l{n}"))
                    .find(|id| !index.link_ids.contains(id))
                    .expect("an unbounded range always yields a free id");
                index.link_ids.insert(id.clone());
                project
                    .links
                    .push(Link::new(id, ends.0.clone(), ends.1.clone()));
                index.links.insert(ends, project.links.len() - 1);
                report.links_added += 1;
                project.links.len() - 1
            }
        };
        project.links[link].evidence.push(evidence.clone());
        report.citations_added += 1;
    }
    Ok(())
}

/// What reading a table looks up row after row, kept up to date as nodes,
/// links and studies are added, so that a table of many rows reads in time
/// proportional to its length.
struct TableIndex {
    /// Node indices by [`label_key`].
    nodes_by_label: HashMap<String, Vec<usize>>,
    node_ids: HashSet<String>,
    /// Link indices by (source id, target id).
    links: HashMap<(String, String), usize>,
    link_ids: HashSet<String>,
    study_ids: HashSet<String>,
    /// Study ids by lowercased label: lettered (`Community Network
    /// (2020d)`) or short (`Community Network (2020)`, several ids where
    /// studies share it).
    studies_by_label: HashMap<String, Vec<String>>,
}

impl TableIndex {
    fn new(project: &Project) -> Self {
        let mut index = TableIndex {
            nodes_by_label: HashMap::new(),
            node_ids: HashSet::new(),
            links: HashMap::new(),
            link_ids: project.links.iter().map(|l| l.id.clone()).collect(),
            study_ids: project.studies.iter().map(|s| s.id.clone()).collect(),
            studies_by_label: HashMap::new(),
        };
        for i in 0..project.nodes.len() {
            index.add_node(project, i);
        }
        for (i, link) in project.links.iter().enumerate() {
            index
                .links
                .entry((link.source.clone(), link.target.clone()))
                .or_insert(i);
        }
        let labels = project.study_labels();
        for study in &project.studies {
            let short = study.short_label().to_lowercase();
            let lettered = labels.of(&study.id).to_lowercase();
            if lettered != short {
                index
                    .studies_by_label
                    .entry(lettered)
                    .or_default()
                    .push(study.id.clone());
            }
            index
                .studies_by_label
                .entry(short)
                .or_default()
                .push(study.id.clone());
        }
        index
    }

    fn add_node(&mut self, project: &Project, i: usize) {
        let node = &project.nodes[i];
        self.nodes_by_label
            .entry(label_key(&node.label))
            .or_default()
            .push(i);
        self.node_ids.insert(node.id.clone());
    }

    fn add_study(&mut self, id: &str) {
        self.study_ids.insert(id.to_string());
    }

    /// The node a cell of the `kind` column names: the one node of that
    /// label; of several, the one of the column's kind; `None` when there
    /// is none (it is to be made). Several that the column does not tell
    /// apart are a problem.
    fn node(
        &self,
        project: &Project,
        label: &str,
        kind: NodeKind,
    ) -> Result<Option<usize>, String> {
        let Some(candidates) = self.nodes_by_label.get(&label_key(label)) else {
            return Ok(None);
        };
        if let [only] = candidates[..] {
            return Ok(Some(only));
        }
        let of_kind: Vec<usize> = candidates
            .iter()
            .copied()
            .filter(|&i| project.nodes[i].kind == kind)
            .collect();
        if let [only] = of_kind[..] {
            return Ok(Some(only));
        }
        let named: Vec<String> = candidates
            .iter()
            .map(|&i| {
                let node = &project.nodes[i];
                format!("{} ({})", node.id, node.kind.name())
            })
            .collect();
        Err(format!(
            "'{label}' is the label of {} nodes, {}, and the {} column does not tell which: give them different labels",
            candidates.len(),
            listed(&named, NAMED),
            kind.name()
        ))
    }

    /// The id of the study a `study` cell names: by id, else by label;
    /// `None` for a study to be made. A short label that several studies
    /// share is a problem: the row must name one by its lettered label or
    /// its id.
    fn study(&self, project: &Project, key: &str) -> Result<Option<String>, String> {
        let key = key.trim();
        if self.study_ids.contains(key) {
            return Ok(Some(key.to_string()));
        }
        match self
            .studies_by_label
            .get(&key.to_lowercase())
            .map(Vec::as_slice)
        {
            None | Some([]) => Ok(None),
            Some([only]) => Ok(Some(only.clone())),
            Some(several) => {
                let labels = project.study_labels();
                let named: Vec<String> = several.iter().map(|id| labels.of(id)).collect();
                Err(format!(
                    "the study '{key}' could be any of {} studies, {}: name one by its label with the letter, or by its id",
                    several.len(),
                    listed(&named, NAMED)
                ))
            }
        }
    }
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

/// The order of CMOC ids in a table, as people read them: numbers by
/// their value, however long (C2 before C2.1, C2a and C10), the rest by
/// its letters with case ignored, then as text; no id last.
fn cmoc_order(a: &str, b: &str) -> Ordering {
    a.is_empty()
        .cmp(&b.is_empty())
        .then_with(|| natural_order(a, b))
        .then_with(|| a.cmp(b))
}

/// Compares two texts run by run: a run of digits by its value (before any
/// letters), other runs by their lower case.
fn natural_order(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (runs(a), runs(b));
    loop {
        let order = match (a.next(), b.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => Ordering::Less,
            (Some(_), None) => Ordering::Greater,
            (Some((true, x)), Some((true, y))) => {
                let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                x.len().cmp(&y.len()).then_with(|| x.cmp(y))
            }
            (Some((true, _)), Some((false, _))) => Ordering::Less,
            (Some((false, _)), Some((true, _))) => Ordering::Greater,
            (Some((false, x)), Some((false, y))) => x.to_lowercase().cmp(&y.to_lowercase()),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
}

/// The runs of a text: (whether the run is of ASCII digits, the run).
fn runs(text: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let digits = rest.chars().next()?.is_ascii_digit();
        let end = rest
            .find(|c: char| c.is_ascii_digit() != digits)
            .unwrap_or(rest.len());
        let (run, after) = rest.split_at(end);
        rest = after;
        Some((digits, run))
    })
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
        assert_eq!(ids, ["B7", "C1", "C02", "C2", "C2a", "C10", ""]);
        let mut ids = vec![
            "c3",
            "C2.10",
            "C99999999999999999999999",
            "C2.1",
            "10",
            "CMOC 1",
            "C10",
            "9",
            "C2.9",
        ];
        ids.sort_by(|a, b| cmoc_order(a, b));
        assert_eq!(
            ids,
            [
                "9",
                "10",
                "C2.1",
                "C2.9",
                "C2.10",
                "c3",
                "C10",
                "C99999999999999999999999",
                "CMOC 1"
            ]
        );
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
