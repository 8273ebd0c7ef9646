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
    /// Of each study, node and link, by its id (a renamed or removed one
    /// loses them).
    pub studies: HashMap<String, Fields>,
    pub nodes: HashMap<String, Fields>,
    pub links: HashMap<String, Fields>,
    /// Of each citation, by its owner (`nodes/ID` or `links/ID`) and what it
    /// cites (study, quote, page, CMOC): a citation edited or moved loses
    /// them, and two alike in one owner share them.
    pub citations: HashMap<(String, Evidence), Fields>,
}

impl UnknownFields {
    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.project.is_empty()
            && self.studies.is_empty()
            && self.nodes.is_empty()
            && self.links.is_empty()
            && self.citations.is_empty()
    }
}
