//! Part of a web: some of its nodes and the links among them, for a figure
//! of one part (a mechanism and what leads to it) small enough to print
//! with text at a journal's size.

use std::collections::HashSet;

use super::Project;

impl Project {
    /// The web cut down to the nodes whose ids are in `keep` and, with
    /// `neighbours`, every node linked to one of them, with the links among
    /// those nodes. Node and link order, positions, studies (so citations
    /// still resolve), title, description and view are kept.
    pub fn part(&self, keep: &[&str], neighbours: bool) -> Project {
        let named: HashSet<&str> = keep.iter().copied().collect();
        let mut kept = named.clone();
        if neighbours {
            for link in &self.links {
                if named.contains(link.source.as_str()) {
                    kept.insert(&link.target);
                }
                if named.contains(link.target.as_str()) {
                    kept.insert(&link.source);
                }
            }
        }
        Project {
            title: self.title.clone(),
            description: self.description.clone(),
            studies: self.studies.clone(),
            nodes: self
                .nodes
                .iter()
                .filter(|n| kept.contains(n.id.as_str()))
                .cloned()
                .collect(),
            links: self
                .links
                .iter()
                .filter(|l| kept.contains(l.source.as_str()) && kept.contains(l.target.as_str()))
                .cloned()
                .collect(),
            view: self.view.clone(),
            unknown: self.unknown.clone(),
            text_form: self.text_form,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{validate, Link, Node, NodeKind, Project};

    fn web() -> Project {
        Project {
            nodes: vec![
                Node::new("c", "Quick wins", NodeKind::Context),
                Node::new("t", "Trust", NodeKind::Mechanism),
                Node::new("f", "Faith", NodeKind::Mechanism),
                Node::new("o", "Synergy", NodeKind::Outcome),
            ],
            links: vec![
                Link::new("l1", "c", "t"),
                Link::new("l2", "t", "o"),
                Link::new("l3", "c", "f"),
                Link::new("l4", "f", "o"),
            ],
            ..Project::default()
        }
    }

    fn ids(p: &Project) -> (Vec<&str>, Vec<&str>) {
        (
            p.nodes.iter().map(|n| n.id.as_str()).collect(),
            p.links.iter().map(|l| l.id.as_str()).collect(),
        )
    }

    #[test]
    fn a_part_keeps_its_nodes_and_the_links_among_them_in_order() {
        let w = web();
        let part = w.part(&["o", "t"], false);
        assert_eq!(ids(&part), (vec!["t", "o"], vec!["l2"]));
        assert!(validate(&part).is_empty());
        let around = w.part(&["t"], true);
        assert_eq!(ids(&around), (vec!["c", "t", "o"], vec!["l1", "l2"]));
        assert!(validate(&around).is_empty());
        assert_eq!(w.part(&[], true), Project::default());
    }
}
