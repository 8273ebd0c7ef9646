use std::collections::HashSet;
use std::fmt;

use super::{Evidence, Project};

/// A broken rule of the web, naming the offending id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelProblem(pub String);

impl fmt::Display for ModelProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Every rule of the project file that the web breaks, in file order; empty
/// when the web is valid. (Syntax and types are the reader's to check.)
pub fn validate(project: &Project) -> Vec<ModelProblem> {
    let mut problems = Vec::new();
    let mut say = |m: String| problems.push(ModelProblem(m));

    let mut study_ids = HashSet::new();
    for (i, study) in project.studies.iter().enumerate() {
        if study.id.trim().is_empty() {
            say(format!("study #{}: id is empty", i + 1));
        } else if !study_ids.insert(study.id.as_str()) {
            say(format!(
                "study '{}': the id is used by an earlier study",
                study.id
            ));
        }
    }

    let mut node_ids = HashSet::new();
    for (i, node) in project.nodes.iter().enumerate() {
        if node.id.trim().is_empty() {
            say(format!("node #{}: id is empty", i + 1));
        } else if !node_ids.insert(node.id.as_str()) {
            say(format!(
                "node '{}': the id is used by an earlier node",
                node.id
            ));
        }
        if node.label.trim().is_empty() {
            say(format!("node '{}': label is empty", node.id));
        }
        for (axis, value) in [("x", node.x), ("y", node.y)] {
            if let Some(v) = value {
                if !v.is_finite() {
                    say(format!("node '{}': {axis} is not a finite number", node.id));
                }
            }
        }
        match (node.x, node.y) {
            (Some(_), None) => say(format!("node '{}': has x but no y", node.id)),
            (None, Some(_)) => say(format!("node '{}': has y but no x", node.id)),
            _ => {}
        }
        check_evidence(
            &node.evidence,
            &format!("node '{}'", node.id),
            &study_ids,
            &mut say,
        );
    }

    let mut link_ids = HashSet::new();
    let mut pairs = HashSet::new();
    for (i, link) in project.links.iter().enumerate() {
        let who = format!("link '{}'", link.id);
        if link.id.trim().is_empty() {
            say(format!("link #{}: id is empty", i + 1));
        } else if !link_ids.insert(link.id.as_str()) {
            say(format!("{who}: the id is used by an earlier link"));
        }
        for (end, id) in [("source", &link.source), ("target", &link.target)] {
            if !node_ids.contains(id.as_str()) {
                say(format!("{who}: {end} '{id}' is not a node"));
            }
        }
        if link.source == link.target {
            say(format!("{who}: links node '{}' to itself", link.source));
        } else if !pairs.insert((link.source.as_str(), link.target.as_str())) {
            say(format!(
                "{who}: a link from '{}' to '{}' already exists",
                link.source, link.target
            ));
        }
        check_evidence(&link.evidence, &who, &study_ids, &mut say);
    }
    problems
}

fn check_evidence(
    evidence: &[Evidence],
    who: &str,
    studies: &HashSet<&str>,
    say: &mut impl FnMut(String),
) {
    for e in evidence {
        if !studies.contains(e.study.as_str()) {
            say(format!(
                "{who}: cites study '{}', which is not in the studies",
                e.study
            ));
        }
    }
}
