//! Fields of a project file that this version does not know: another
//! tool's, or a later revision's optional ones (the format grows only by
//! optional fields). They are kept as read and written back, so that saving
//! a web loses nothing.

use std::collections::HashMap;

use super::Evidence;

/// Fields of one JSON object, in the order read.
pub type Fields = serde_json::Map<String, serde_json::Value>;

/// The unknown fields of a project, where they were.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UnknownFields {
    /// At the top level of the file.
    pub project: Fields,
    /// Of each study, node and link, by its id (a removed one loses them; a
    /// renamed study keeps them: [`UnknownFields::rename_study`]).
    pub studies: HashMap<String, Fields>,
    pub nodes: HashMap<String, Fields>,
    pub links: HashMap<String, Fields>,
    /// Of each citation, by its owner ([`UnknownFields::citation_owner`])
    /// and what it cites (study, quote, page, CMOC): an edited citation
    /// keeps them ([`UnknownFields::edit_citation`]), one moved to another
    /// owner loses them, and two alike in one owner share them.
    pub citations: HashMap<(String, Evidence), Fields>,
}

impl UnknownFields {
    /// The key of the owner of citations: `nodes/ID` for a node's own,
    /// `links/ID` for a link's (`list` is `nodes` or `links`, as in the
    /// file).
    pub fn citation_owner(list: &str, id: &str) -> String {
        format!("{list}/{id}")
    }

    /// Keeps the fields of the study `old`, and of its citations, for the
    /// same study under its new id `new`.
    pub fn rename_study(&mut self, old: &str, new: &str) {
        if let Some(fields) = self.studies.remove(old) {
            self.studies.insert(new.to_string(), fields);
        }
        let moved: Vec<(String, Evidence)> = self
            .citations
            .keys()
            .filter(|(_, e)| e.study == old)
            .cloned()
            .collect();
        for (owner, before) in moved {
            let after = Evidence {
                study: new.to_string(),
                ..before.clone()
            };
            if let Some(fields) = self.citations.remove(&(owner.clone(), before)) {
                self.citations.insert((owner, after), fields);
            }
        }
    }

    /// Keeps the fields of a citation of `owner` when it changes from
    /// `before` to `after`.
    pub fn edit_citation(&mut self, owner: &str, before: &Evidence, after: &Evidence) {
        if before == after {
            return;
        }
        if let Some(fields) = self.citations.remove(&(owner.to_string(), before.clone())) {
            self.citations
                .insert((owner.to_string(), after.clone()), fields);
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.project.is_empty()
            && self.studies.is_empty()
            && self.nodes.is_empty()
            && self.links.is_empty()
            && self.citations.is_empty()
    }
}
