use std::collections::HashMap;

use indexmap::IndexMap;
use serde::Serializer;

use super::study_labels::study_label;
use super::{label_key, Link, Node, Study, StudyLabels, TextForm, UnknownFields};

/// The value of `format` in every project file.
pub const FORMAT_NAME: &str = "causal-web";
/// The version of the project file this build reads and writes.
pub const FORMAT_VERSION: u64 = 1;

/// String attributes of a study or node, in the user's order.
pub type Attributes = IndexMap<String, String>;

/// A whole causal web: its studies, nodes and links, in the user's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Project {
    /// The web's title (figure title, window title); empty when none.
    pub title: String,
    /// Free text: scope of the review, authors, notes.
    pub description: String,
    pub studies: Vec<Study>,
    pub nodes: Vec<Node>,
    pub links: Vec<Link>,
    /// Editor state worth keeping (zoom, pan, style choices), kept as read.
    pub view: Option<serde_json::Map<String, serde_json::Value>>,
    /// Fields of the file this version does not know, written back on save.
    pub unknown: UnknownFields,
    /// Byte-order mark and line ends of the file read, kept on save.
    pub text_form: TextForm,
}

impl Project {
    /// The node with this id.
    pub fn node(&self, id: &str) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The node with this id, to change it.
    pub fn node_mut(&mut self, id: &str) -> Option<&mut Node> {
        self.nodes.iter_mut().find(|n| n.id == id)
    }

    /// The node whose id is `key`, or else whose label is `key` (case and
    /// surrounding space ignored). `Err` says why there is none: no node has
    /// that id or label, or several nodes have that label (named, so that
    /// the user can give one's id; taking the first would quietly show
    /// another node's evidence).
    pub fn find_node(&self, key: &str) -> Result<&Node, String> {
        if let Some(node) = self.node(key) {
            return Ok(node);
        }
        let wanted = label_key(key);
        let labelled: Vec<&Node> = self
            .nodes
            .iter()
            .filter(|n| label_key(&n.label) == wanted)
            .collect();
        match labelled.as_slice() {
            [] => Err(format!("no node '{key}' (by id or label)")),
            [node] => Ok(node),
            several => {
                let ids: Vec<String> = several.iter().map(|n| n.id.clone()).collect();
                Err(format!(
                    "'{key}' is the label of {} nodes, with the ids {}: name one by its id",
                    several.len(),
                    crate::wording::listed(&ids, 5)
                ))
            }
        }
    }

    /// The first node whose label matches, case and surrounding space ignored.
    pub fn node_by_label(&self, label: &str) -> Option<&Node> {
        let wanted = label_key(label);
        self.nodes.iter().find(|n| label_key(&n.label) == wanted)
    }

    /// Each node's index in [`Project::nodes`], by id.
    pub fn node_indices(&self) -> HashMap<&str, usize> {
        self.nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (n.id.as_str(), i))
            .collect()
    }

    /// The study with this id.
    pub fn study(&self, id: &str) -> Option<&Study> {
        self.studies.iter().find(|s| s.id == id)
    }

    /// The study with this id, or else whose label ([`Project::study_label`])
    /// or short label is `key` (case and surrounding space ignored; of
    /// studies that share a short label, the first).
    pub fn find_study(&self, key: &str) -> Option<&Study> {
        let key = key.trim();
        self.study(key).or_else(|| {
            let wanted = key.to_lowercase();
            let labels = self.study_labels();
            let is = |label: &str| label.to_lowercase() == wanted;
            self.studies
                .iter()
                .find(|s| labels.get(&s.id).is_some_and(is))
                .or_else(|| self.studies.iter().find(|s| is(&s.short_label())))
        })
    }

    /// The label that names the study with this id wherever causal-web shows
    /// it: its short label, with a letter after the year where other studies
    /// of the web read alike ([`StudyLabels`]); the id itself if there is no
    /// such study.
    pub fn study_label(&self, id: &str) -> String {
        study_label(&self.studies, id).unwrap_or_else(|| id.to_string())
    }

    /// The labels of all the web's studies, for naming many at once.
    pub fn study_labels(&self) -> StudyLabels {
        StudyLabels::new(&self.studies)
    }

    /// The link with this id.
    pub fn link(&self, id: &str) -> Option<&Link> {
        self.links.iter().find(|l| l.id == id)
    }

    /// The label of the node with this id; the id itself when the web has
    /// no such node.
    pub fn node_label(&self, id: &str) -> String {
        self.node(id).map_or(id.to_string(), |n| n.label.clone())
    }

    /// The link `link` in words: "Source → Target", by the nodes' labels
    /// (a node not in the web by its id).
    pub fn link_ends(&self, link: &Link) -> String {
        format!(
            "{} → {}",
            self.node_label(&link.source),
            self.node_label(&link.target)
        )
    }

    /// The link from `source` to `target`, if there is one.
    pub fn link_between(&self, source: &str, target: &str) -> Option<&Link> {
        self.links
            .iter()
            .find(|l| l.source == source && l.target == target)
    }

    /// Number of citations in the web: node evidence and link evidence.
    pub fn citation_count(&self) -> usize {
        self.nodes.iter().map(|n| n.evidence.len()).sum::<usize>()
            + self.links.iter().map(|l| l.evidence.len()).sum::<usize>()
    }

    /// How many times each cited study is cited, by study id: every node's
    /// and link's evidence counted once.
    pub fn citations_by_study(&self) -> HashMap<&str, usize> {
        let mut counts = HashMap::new();
        for e in self
            .nodes
            .iter()
            .flat_map(|n| &n.evidence)
            .chain(self.links.iter().flat_map(|l| &l.evidence))
        {
            *counts.entry(e.study.as_str()).or_insert(0) += 1;
        }
        counts
    }

    /// A node id made from `label` that no node has yet.
    pub fn fresh_node_id(&self, label: &str) -> String {
        fresh_id(&node_id_base(label), |id| self.node(id).is_some())
    }

    /// A link id (`l1`, `l2`, …) that no link has yet.
    pub fn fresh_link_id(&self) -> String {
        let mut n = self.links.len() + 1;
        loop {
            let id = format!("l{n}");
            if self.link(&id).is_none() {
                return id;
            }
            n += 1;
        }
    }
}

/// The id a node of this label would have if no other had it: the label
/// in lower case, runs of other characters than letters and digits as one
/// `_` (`node` for a label with none).
pub fn node_id_base(label: &str) -> String {
    let mut base: String = label
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '_' })
        .collect();
    while base.contains("__") {
        base = base.replace("__", "_");
    }
    let base = base.trim_matches('_');
    if base.is_empty() {
        "node".to_string()
    } else {
        base.to_string()
    }
}

/// `base`, or `base_2`, `base_3`, … whichever is not `taken`.
pub fn fresh_id(base: &str, taken: impl Fn(&str) -> bool) -> String {
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|n| format!("{base}_{n}"))
        .find(|id| !taken(id))
        .expect("an unbounded range always yields a free id")
}

/// Writes a coordinate with at most two decimals, as an integer when whole.
/// Reads a node's `x` or `y`: a number. `null` is refused (the format asks
/// for a finite number; leave the field out for a node without a place).
pub(crate) fn deserialize_position<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<f64>, D::Error> {
    <f64 as serde::Deserialize>::deserialize(d).map(Some)
}

pub(crate) fn serialize_position<S: Serializer>(
    value: &Option<f64>,
    s: S,
) -> Result<S::Ok, S::Error> {
    match value {
        None => s.serialize_none(),
        Some(v) => {
            let scaled = (v * 100.0).round();
            let rounded = if scaled.is_finite() {
                scaled / 100.0
            } else {
                *v
            };
            if rounded.fract() == 0.0 && rounded.abs() < 9.0e15 {
                s.serialize_i64(rounded as i64)
            } else {
                s.serialize_f64(rounded)
            }
        }
    }
}
