use crate::wording::counted;
use std::fmt::Write;

use serde::Serialize;

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
    let mut support: Vec<NodeSupport> = project
        .nodes
        .iter()
        .map(|n| {
            let s = project.supporting_studies(&n.id);
            NodeSupport {
                id: n.id.clone(),
                label: n.label.clone(),
                kind: n.kind,
                studies: s.len(),
                citations: s.iter().map(|s| s.citations.len()).sum(),
            }
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
