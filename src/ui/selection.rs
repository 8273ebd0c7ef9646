/// What the inspector shows and the canvas highlights.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Selection {
    #[default]
    Nothing,
    /// One or more nodes, by id, in the order they were selected.
    Nodes(Vec<String>),
    /// One link, by id.
    Link(String),
    /// One study of the library, by id: the canvas highlights what it supports.
    Study(String),
}

impl Selection {
    /// Whether the node with this id is selected.
    pub fn has_node(&self, id: &str) -> bool {
        matches!(self, Selection::Nodes(ids) if ids.iter().any(|n| n == id))
    }

    /// The selected nodes (empty unless nodes are selected).
    pub fn nodes(&self) -> &[String] {
        match self {
            Selection::Nodes(ids) => ids,
            _ => &[],
        }
    }

    /// This selection with the node added, or removed when it was there
    /// (shift-click).
    pub fn toggled(&self, id: &str) -> Selection {
        let mut ids = self.nodes().to_vec();
        if let Some(i) = ids.iter().position(|n| n == id) {
            ids.remove(i);
        } else {
            ids.push(id.to_string());
        }
        if ids.is_empty() {
            Selection::Nothing
        } else {
            Selection::Nodes(ids)
        }
    }

    /// Drops ids that no longer exist in `project` (after an undo or delete).
    pub fn retain_existing(&mut self, project: &crate::model::Project) {
        let keep = match self {
            Selection::Nothing => true,
            Selection::Nodes(ids) => {
                ids.retain(|id| project.node(id).is_some());
                !ids.is_empty()
            }
            Selection::Link(id) => project.link(id).is_some(),
            Selection::Study(id) => project.study(id).is_some(),
        };
        if !keep {
            *self = Selection::Nothing;
        }
    }
}
