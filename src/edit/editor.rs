use std::fmt;

use super::EditCommand;
use crate::model::Project;

/// How many edits can be undone.
const HISTORY_LIMIT: usize = 500;

/// An edit that was refused, and why (shown in the status line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EditRefused(pub String);

impl fmt::Display for EditRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A state of the web that an undo or redo returns to.
#[derive(Debug, Clone)]
struct Snapshot {
    project: Project,
    state: u64,
    what: String,
}

/// The open web and its edit history: the one place where the web changes.
///
/// Every applied command first keeps a snapshot of the whole project (webs
/// have at most a few thousand nodes, so a copy costs a millisecond or two);
/// undo and redo swap snapshots. Each state of the web has a number, so the
/// editor knows whether the current state is the one last saved.
#[derive(Debug, Clone)]
pub struct Editor {
    project: Project,
    state: u64,
    next_state: u64,
    saved_state: Option<u64>,
    undo: Vec<Snapshot>,
    redo: Vec<Snapshot>,
    last_merge_key: Option<String>,
}

impl Editor {
    /// An editor on `project`, with no history, counted as saved.
    pub fn new(project: Project) -> Self {
        Editor {
            project,
            state: 0,
            next_state: 1,
            saved_state: Some(0),
            undo: Vec::new(),
            redo: Vec::new(),
            last_merge_key: None,
        }
    }

    /// The web as it is now.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// A number that changes whenever the web does (for views to notice).
    pub fn state(&self) -> u64 {
        self.state
    }

    /// Applies `command`; on success the edit can be undone and the message
    /// says what was done. A refused command leaves web and history as they
    /// were. Successive edits of the same text field merge into one step.
    pub fn apply(&mut self, command: EditCommand) -> Result<String, EditRefused> {
        let merge_key = command.merge_key();
        let merges = merge_key.is_some() && merge_key == self.last_merge_key;
        let mut changed = self.project.clone();
        let done = command.apply(&mut changed).map_err(EditRefused)?;
        if !merges {
            self.undo.push(Snapshot {
                project: std::mem::replace(&mut self.project, changed),
                state: self.state,
                what: done.clone(),
            });
            if self.undo.len() > HISTORY_LIMIT {
                self.undo.remove(0);
            }
        } else {
            self.project = changed;
            // The step is named by its last edit (the label as typed in full).
            if let Some(step) = self.undo.last_mut() {
                step.what = done.clone();
            }
        }
        self.redo.clear();
        self.last_merge_key = merge_key;
        self.state = self.next_state;
        self.next_state += 1;
        Ok(done)
    }

    /// Ends a run of merging edits: the next edit is its own undo step.
    pub fn seal(&mut self) {
        self.last_merge_key = None;
    }

    /// Whether there is an edit to undo.
    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Whether there is an undone edit to redo.
    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// Undoes the last edit; returns what was undone, `None` when there was nothing.
    pub fn undo(&mut self) -> Option<String> {
        let snapshot = self.undo.pop()?;
        let what = snapshot.what.clone();
        let current = self.swap_in(snapshot);
        self.redo.push(current);
        Some(format!("Undid: {what}"))
    }

    /// Redoes the last undone edit; returns what was redone, `None` when there was nothing.
    pub fn redo(&mut self) -> Option<String> {
        let snapshot = self.redo.pop()?;
        let what = snapshot.what.clone();
        let current = self.swap_in(snapshot);
        self.undo.push(current);
        Some(format!("Redid: {what}"))
    }

    /// Makes `snapshot` current; returns the state it replaced, described
    /// by the same words.
    fn swap_in(&mut self, snapshot: Snapshot) -> Snapshot {
        self.last_merge_key = None;
        let previous = Snapshot {
            project: std::mem::replace(&mut self.project, snapshot.project),
            state: self.state,
            what: snapshot.what,
        };
        self.state = snapshot.state;
        previous
    }

    /// Whether the web differs from the one last saved (or opened).
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.state)
    }

    /// Records that the current web has been saved.
    pub fn mark_saved(&mut self) {
        self.saved_state = Some(self.state);
        self.seal();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::{EvidenceOwner, NodePlacement};
    use crate::model::{Evidence, Link, Node, NodeKind, Polarity, Study};

    fn web() -> Project {
        let mut p = Project {
            studies: vec![Study::new("a"), Study::new("b")],
            nodes: vec![
                Node::new("c", "Context", NodeKind::Context),
                Node::new("m", "Mechanism", NodeKind::Mechanism),
                Node::new("o", "Outcome", NodeKind::Outcome),
            ],
            ..Default::default()
        };
        let mut l1 = Link::new("l1", "c", "m");
        l1.evidence = vec![Evidence::of("a"), Evidence::of("b")];
        let mut l2 = Link::new("l2", "m", "o");
        l2.evidence = vec![Evidence::of("a")];
        p.links = vec![l1, l2];
        p
    }

    #[test]
    fn deleting_a_node_says_which_citations_went_with_its_links() {
        let mut e = Editor::new(web());
        let done = e.apply(EditCommand::RemoveNodes(vec!["m".into()])).unwrap();
        assert_eq!(
            done,
            "Deleted 1 node and 2 links, with their 3 citations (Undo brings them back)"
        );
        let done = e.apply(EditCommand::RemoveNodes(vec!["o".into()])).unwrap();
        assert_eq!(done, "Deleted 1 node and 0 links");
    }

    #[test]
    fn the_same_citation_twice_on_one_link_is_refused() {
        let mut e = Editor::new(web());
        let cite = || EditCommand::AddEvidence {
            owner: EvidenceOwner::Link("l2".into()),
            evidence: Evidence::of("a"),
        };
        let refused = e.apply(cite()).unwrap_err();
        assert!(refused.0.contains("already cited here"), "{}", refused.0);
        assert_eq!(e.project(), &web());
        let mut quoted = Evidence::of("a");
        quoted.quote = "another passage".into();
        e.apply(EditCommand::AddEvidence {
            owner: EvidenceOwner::Link("l2".into()),
            evidence: quoted,
        })
        .unwrap();
        assert_eq!(e.project().link("l2").unwrap().evidence.len(), 2);
        // With nothing filled in, citing it a third time adds nothing.
        let mut bare = Evidence::of("a");
        bare.page = "  ".into();
        let refused = e
            .apply(EditCommand::AddEvidence {
                owner: EvidenceOwner::Link("l2".into()),
                evidence: bare,
            })
            .unwrap_err();
        assert!(
            refused.0.contains("give a quote, page or CMOC id"),
            "{}",
            refused.0
        );
        assert_eq!(e.project().link("l2").unwrap().evidence.len(), 2);
        // Another study, bare, is cited.
        e.apply(EditCommand::AddEvidence {
            owner: EvidenceOwner::Link("l2".into()),
            evidence: Evidence::of("b"),
        })
        .unwrap();
        assert_eq!(e.project().link("l2").unwrap().evidence.len(), 3);
    }

    #[test]
    fn undo_and_redo_walk_the_history() {
        let original = web();
        let mut e = Editor::new(original.clone());
        assert!(!e.is_dirty());
        e.apply(EditCommand::AddNode(Node::new("x", "X", NodeKind::Outcome)))
            .unwrap();
        let with_x = e.project().clone();
        e.apply(EditCommand::RemoveNodes(vec!["m".into()])).unwrap();
        assert!(e.project().links.is_empty(), "the node's links go too");
        assert!(e.is_dirty());
        e.undo().unwrap();
        assert_eq!(e.project(), &with_x);
        e.undo().unwrap();
        assert_eq!(e.project(), &original);
        assert!(!e.is_dirty(), "back at the opened state");
        assert!(e.undo().is_none());
        e.redo().unwrap();
        assert_eq!(e.project(), &with_x);
        e.apply(EditCommand::SetLinkPolarity {
            id: "l1".into(),
            polarity: Polarity::Negative,
        })
        .unwrap();
        assert!(!e.can_redo(), "a new edit clears the redo list");
    }

    #[test]
    fn self_links_and_duplicates_are_refused_and_change_nothing() {
        let mut e = Editor::new(web());
        let before = e.project().clone();
        let err = e
            .apply(EditCommand::AddLink(Link::new("l9", "m", "m")))
            .unwrap_err();
        assert!(err.0.contains("itself"), "{err}");
        let err = e
            .apply(EditCommand::AddLink(Link::new("l9", "c", "m")))
            .unwrap_err();
        assert!(err.0.contains("already exists"), "{err}");
        assert_eq!(e.project(), &before);
        assert!(!e.can_undo());
        e.apply(EditCommand::AddLink(Link::new("l9", "m", "c")))
            .unwrap();
        assert_eq!(e.project().links.len(), 3);
    }

    #[test]
    fn removing_a_study_removes_its_citations_undoably() {
        let mut e = Editor::new(web());
        let msg = e.apply(EditCommand::RemoveStudy("a".into())).unwrap();
        assert!(msg.contains("2 citations"), "{msg}");
        assert!(e.project().study("a").is_none());
        assert_eq!(e.project().citation_count(), 1);
        e.undo();
        assert_eq!(e.project(), &web());
    }

    #[test]
    fn renaming_a_study_renames_its_citations() {
        let mut e = Editor::new(web());
        let mut s = Study::new("b2");
        s.title = "B".into();
        e.apply(EditCommand::EditStudy {
            id: "b".into(),
            study: s,
        })
        .unwrap();
        assert_eq!(e.project().links[0].evidence[1].study, "b2");
        assert!(e
            .apply(EditCommand::EditStudy {
                id: "b2".into(),
                study: Study::new("a"),
            })
            .is_err());
    }

    #[test]
    fn typing_merges_into_one_step_and_saving_clears_the_mark() {
        let mut e = Editor::new(web());
        for label in ["T", "Tr", "Tru", "Trust"] {
            e.apply(EditCommand::SetNodeLabel {
                id: "m".into(),
                label: label.into(),
            })
            .unwrap();
        }
        assert_eq!(e.project().node("m").unwrap().label, "Trust");
        e.mark_saved();
        assert!(!e.is_dirty());
        // The one step is named as typed in full.
        assert_eq!(e.undo().unwrap(), "Undid: Renamed node 'Trust'");
        assert_eq!(e.project().node("m").unwrap().label, "Mechanism");
        assert!(e.is_dirty());
        e.redo();
        assert!(!e.is_dirty());
    }

    #[test]
    fn evidence_and_moves_round_trip_through_undo() {
        let mut e = Editor::new(web());
        let owner = EvidenceOwner::Link("l2".into());
        let cite = Evidence {
            quote: "q".into(),
            page: "4".into(),
            cmoc: "C9".into(),
            ..Evidence::of("b")
        };
        e.apply(EditCommand::AddEvidence {
            owner: owner.clone(),
            evidence: cite.clone(),
        })
        .unwrap();
        assert_eq!(e.project().links[1].evidence[1], cite);
        assert!(e
            .apply(EditCommand::AddEvidence {
                owner: owner.clone(),
                evidence: Evidence::of("nobody"),
            })
            .is_err());
        e.apply(EditCommand::RemoveEvidence { owner, index: 0 })
            .unwrap();
        assert_eq!(e.project().links[1].evidence, vec![cite]);
        e.apply(EditCommand::MoveNodes(vec![NodePlacement {
            id: "c".into(),
            x: 10.0,
            y: -4.0,
            pinned: true,
        }]))
        .unwrap();
        let c = e.project().node("c").unwrap();
        assert_eq!((c.position(), c.pinned), (Some((10.0, -4.0)), true));
        e.undo();
        e.undo();
        e.undo();
        assert_eq!(e.project(), &web());
    }
}
