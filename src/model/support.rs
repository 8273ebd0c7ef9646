//! Derived queries: which studies support what, and the CMOCs.

use std::collections::HashMap;

use super::{Evidence, Project};

/// One citation as seen from a node, a link or a study.
#[derive(Debug, Clone, PartialEq)]
pub struct Citation<'a> {
    /// The link the citation is on; `None` for the node's own evidence.
    pub link: Option<&'a str>,
    pub evidence: &'a Evidence,
}

/// A study that supports a node: how often and through what.
#[derive(Debug, Clone, PartialEq)]
pub struct StudySupport<'a> {
    pub study: &'a str,
    /// Every citation of the study on the node or its links.
    pub citations: Vec<Citation<'a>>,
}

impl StudySupport<'_> {
    /// The distinct links the study's citations come through, in order.
    pub fn links(&self) -> Vec<&str> {
        let mut links: Vec<&str> = Vec::new();
        for link in self.citations.iter().filter_map(|c| c.link) {
            if !links.contains(&link) {
                links.push(link);
            }
        }
        links
    }

    /// Whether the node's own evidence cites the study.
    pub fn on_node(&self) -> bool {
        self.citations.iter().any(|c| c.link.is_none())
    }
}

/// Everything one study supports.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StudyReach<'a> {
    /// Links whose evidence cites the study, in link order.
    pub links: Vec<&'a str>,
    /// Nodes whose own evidence cites the study, or that a cited link touches.
    pub nodes: Vec<&'a str>,
    /// Every citation of the study.
    pub citations: Vec<Citation<'a>>,
}

/// A context-mechanism-outcome configuration: all evidence sharing one id.
#[derive(Debug, Clone, PartialEq)]
pub struct Cmoc<'a> {
    pub id: &'a str,
    pub citations: Vec<Citation<'a>>,
}

impl Project {
    /// The distinct studies cited by the node's own evidence and by the
    /// evidence of every link into or out of it, most citations first (ties
    /// in order of first citation). Empty for an unknown node.
    pub fn supporting_studies(&self, node_id: &str) -> Vec<StudySupport<'_>> {
        let mut citations: Vec<Citation<'_>> = Vec::new();
        if let Some(node) = self.node(node_id) {
            citations.extend(node.evidence.iter().map(|evidence| Citation {
                link: None,
                evidence,
            }));
        }
        for link in self
            .links
            .iter()
            .filter(|l| l.source == node_id || l.target == node_id)
        {
            citations.extend(link.evidence.iter().map(|evidence| Citation {
                link: Some(link.id.as_str()),
                evidence,
            }));
        }
        let mut supports: Vec<StudySupport<'_>> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for citation in citations {
            let study = citation.evidence.study.as_str();
            let i = *index.entry(study).or_insert_with(|| {
                supports.push(StudySupport {
                    study,
                    citations: Vec::new(),
                });
                supports.len() - 1
            });
            supports[i].citations.push(citation);
        }
        // A stable sort keeps first-citation order among equal counts.
        supports.sort_by_key(|s| std::cmp::Reverse(s.citations.len()));
        supports
    }

    /// The links and nodes that one study supports, and its citations.
    pub fn study_reach(&self, study_id: &str) -> StudyReach<'_> {
        let mut reach = StudyReach::default();
        fn add_node<'a>(nodes: &mut Vec<&'a str>, id: &'a str) {
            if !nodes.contains(&id) {
                nodes.push(id);
            }
        }
        for node in &self.nodes {
            for evidence in node.evidence.iter().filter(|e| e.study == study_id) {
                reach.citations.push(Citation {
                    link: None,
                    evidence,
                });
                add_node(&mut reach.nodes, node.id.as_str());
            }
        }
        for link in &self.links {
            let mut cited = false;
            for evidence in link.evidence.iter().filter(|e| e.study == study_id) {
                reach.citations.push(Citation {
                    link: Some(link.id.as_str()),
                    evidence,
                });
                cited = true;
            }
            if cited {
                reach.links.push(link.id.as_str());
                add_node(&mut reach.nodes, link.source.as_str());
                add_node(&mut reach.nodes, link.target.as_str());
            }
        }
        reach
    }

    /// The CMOCs: link and node evidence grouped by `cmoc` id, in order of
    /// first appearance (links first, then nodes). Evidence without an id
    /// belongs to none.
    pub fn cmocs(&self) -> Vec<Cmoc<'_>> {
        let mut cmocs: Vec<Cmoc<'_>> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        let link_citations = self.links.iter().flat_map(|link| {
            link.evidence.iter().map(move |evidence| Citation {
                link: Some(link.id.as_str()),
                evidence,
            })
        });
        let node_citations = self.nodes.iter().flat_map(|node| {
            node.evidence.iter().map(|evidence| Citation {
                link: None,
                evidence,
            })
        });
        for citation in link_citations.chain(node_citations) {
            let id = citation.evidence.cmoc.as_str();
            if id.is_empty() {
                continue;
            }
            let i = *index.entry(id).or_insert_with(|| {
                cmocs.push(Cmoc {
                    id,
                    citations: Vec::new(),
                });
                cmocs.len() - 1
            });
            cmocs[i].citations.push(citation);
        }
        cmocs
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Evidence, Link, Node, NodeKind, Project, Study};

    fn web() -> Project {
        let mut p = Project {
            studies: vec![Study::new("a"), Study::new("b")],
            ..Default::default()
        };
        p.nodes = vec![
            Node::new("c", "Context", NodeKind::Context),
            Node::new("m", "Mechanism", NodeKind::Mechanism),
            Node::new("o", "Outcome", NodeKind::Outcome),
        ];
        let cite = |s: &str, cmoc: &str| Evidence {
            cmoc: cmoc.into(),
            ..Evidence::of(s)
        };
        let mut l1 = Link::new("l1", "c", "m");
        l1.evidence = vec![cite("a", "C1"), cite("b", "C2")];
        let mut l2 = Link::new("l2", "m", "o");
        l2.evidence = vec![cite("a", "C1"), cite("a", "")];
        p.links = vec![l1, l2];
        p.nodes[1].evidence = vec![cite("b", "")];
        p
    }

    #[test]
    fn supporting_studies_count_node_and_link_citations() {
        let p = web();
        let s = p.supporting_studies("m");
        assert_eq!(s.len(), 2);
        assert_eq!(
            (s[0].study, s[0].citations.len(), s[0].links()),
            ("a", 3, vec!["l1", "l2"])
        );
        assert_eq!(
            (s[1].study, s[1].citations.len(), s[1].links()),
            ("b", 2, vec!["l1"])
        );
        assert!(s[1].on_node());
        assert!(!s[0].on_node());
        assert!(p.supporting_studies("nope").is_empty());
    }

    #[test]
    fn study_reach_lists_links_and_nodes() {
        let p = web();
        let r = p.study_reach("b");
        assert_eq!(r.links, vec!["l1"]);
        assert_eq!(r.nodes, vec!["m", "c"]);
        assert_eq!(r.citations.len(), 2);
    }

    #[test]
    fn cmocs_group_evidence_by_id() {
        let p = web();
        let cmocs = p.cmocs();
        let summary: Vec<(&str, usize)> = cmocs.iter().map(|c| (c.id, c.citations.len())).collect();
        assert_eq!(summary, vec![("C1", 2), ("C2", 1)]);
    }
}
