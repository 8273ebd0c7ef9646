use crate::model::Project;
use crate::wording::counted;

/// One supporting study of a node, as `causal-web studies` prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StudyLine {
    pub study: String,
    pub short_label: String,
    pub citations: usize,
    /// The links the citations come through, as `ID (Source → Target)`, and
    /// `the node itself` for the node's own evidence.
    pub through: Vec<String>,
}

impl std::fmt::Display for StudyLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}, via {}",
            self.short_label,
            counted(self.citations, "citation", "citations"),
            self.through.join("; ")
        )
    }
}

/// The supporting studies of the node whose id or label is `node`, most cited
/// first; `Err` names `node` when the web has no such node.
pub fn studies_of_node(project: &Project, node: &str) -> Result<Vec<StudyLine>, String> {
    let found = project.find_node(node)?;
    let study_labels = project.study_labels();
    Ok(project
        .supporting_studies(&found.id)
        .into_iter()
        .map(|s| {
            let mut through = Vec::new();
            if s.on_node() {
                through.push("the node itself".to_string());
            }
            for link_id in s.links() {
                if let Some(link) = project.link(link_id) {
                    through.push(format!("{} ({})", link.id, project.link_ends(link)));
                }
            }
            StudyLine {
                study: s.study.to_string(),
                short_label: study_labels.of(s.study),
                citations: s.citations.len(),
                through,
            }
        })
        .collect())
}
