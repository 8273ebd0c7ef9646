use crate::wording::counted;
use std::fmt::Write;

use serde::Serialize;

use std::collections::HashSet;

use crate::model::{NodeKind, Project};

/// The figures of a web that `causal-web stats` prints.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub nodes: usize,
    pub contexts: usize,
    pub mechanisms: usize,
    pub outcomes: usize,
    pub links: usize,
    pub citations: usize,
    pub studies: usize,
    /// Studies that at least one citation names.
    pub cited_studies: usize,
    pub cmocs: usize,
    /// The ten nodes with the most supporting studies, most first.
    pub best_supported: Vec<NodeSupport>,
}

/// A node and how many distinct studies support it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NodeSupport {
    pub id: String,
    pub label: String,
    pub kind: NodeKind,
    pub studies: usize,
    pub citations: usize,
}

/// Counts the web: nodes by kind, links, citations, studies, CMOCs, and the
/// ten nodes with the most supporting studies (ties by citations, then order).
pub fn stats(project: &Project) -> Stats {
    let count = |kind| project.nodes.iter().filter(|n| n.kind == kind).count();
    let cited = project.citations_by_study();
    // Each node's supporting studies, as `Project::supporting_studies` finds
    // them (its own evidence and its links'), counted in one pass over the
    // links rather than one a node.
    let index = project.node_indices();
    let mut studies: Vec<HashSet<&str>> = vec![HashSet::new(); project.nodes.len()];
    let mut citations = vec![0usize; project.nodes.len()];
    for (i, node) in project.nodes.iter().enumerate() {
        citations[i] += node.evidence.len();
        studies[i].extend(node.evidence.iter().map(|e| e.study.as_str()));
    }
    for link in &project.links {
        let ends = [
            Some(&link.source),
            (link.target != link.source).then_some(&link.target),
        ];
        for end in ends.into_iter().flatten() {
            if let Some(&i) = index.get(end.as_str()) {
                citations[i] += link.evidence.len();
                studies[i].extend(link.evidence.iter().map(|e| e.study.as_str()));
            }
        }
    }
    let mut support: Vec<NodeSupport> = project
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| NodeSupport {
            id: n.id.clone(),
            label: n.label.clone(),
            kind: n.kind,
            studies: studies[i].len(),
            citations: citations[i],
        })
        .filter(|s| s.studies > 0)
        .collect();
    support.sort_by(|a, b| {
        b.studies
            .cmp(&a.studies)
            .then(b.citations.cmp(&a.citations))
    });
    support.truncate(10);
    Stats {
        nodes: project.nodes.len(),
        contexts: count(NodeKind::Context),
        mechanisms: count(NodeKind::Mechanism),
        outcomes: count(NodeKind::Outcome),
        links: project.links.len(),
        citations: project.citation_count(),
        studies: project.studies.len(),
        cited_studies: cited.len(),
        cmocs: project.cmocs().len(),
        best_supported: support,
    }
}

impl Stats {
    /// The figures as lines of text.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "nodes: {} ({} {}, {} {}, {} {})",
            self.nodes,
            self.contexts,
            kind_word(NodeKind::Context, self.contexts),
            self.mechanisms,
            kind_word(NodeKind::Mechanism, self.mechanisms),
            self.outcomes,
            kind_word(NodeKind::Outcome, self.outcomes)
        );
        let _ = writeln!(s, "links: {}", self.links);
        let _ = writeln!(s, "citations: {}", self.citations);
        let _ = writeln!(
            s,
            "studies: {} ({} cited)",
            self.studies, self.cited_studies
        );
        let _ = writeln!(s, "CMOCs: {}", self.cmocs);
        if !self.best_supported.is_empty() {
            let _ = writeln!(s, "nodes with the most supporting studies:");
            for (i, n) in self.best_supported.iter().enumerate() {
                let _ = writeln!(
                    s,
                    "{:>3}. {} ({}): {}, {}",
                    i + 1,
                    n.label,
                    n.kind.name(),
                    counted(n.studies, "study", "studies"),
                    counted(n.citations, "citation", "citations")
                );
            }
        }
        s
    }

    /// The figures as pretty-printed JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("stats always serialize") + "\n"
    }
}

fn kind_word(kind: NodeKind, count: usize) -> &'static str {
    if count == 1 {
        kind.name()
    } else {
        kind.plural()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_nodes_support_is_counted_as_supporting_studies_finds_it() {
        let text = include_str!("../../assets/examples/collaboration.cweb.json");
        let project = crate::io::parse_project(text.as_bytes(), "example").unwrap();
        let counted = stats(&project);
        assert_eq!(counted.best_supported.len(), 10);
        for node in &counted.best_supported {
            let found = project.supporting_studies(&node.id);
            assert_eq!(node.studies, found.len(), "{}", node.label);
            let citations: usize = found.iter().map(|s| s.citations.len()).sum();
            assert_eq!(node.citations, citations, "{}", node.label);
        }
    }
}
