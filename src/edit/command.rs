use crate::model::{
    Attributes, Evidence, Link, Node, NodeKind, Polarity, Project, Study, UnknownFields, ViewChoice,
};
use crate::wording::plural;

/// Where a citation lives: on a node's own evidence or on a link's.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EvidenceOwner {
    /// The node with this id.
    Node(String),
    /// The link with this id.
    Link(String),
}

/// Where one node goes: its centre and whether it is pinned.
#[derive(Debug, Clone, PartialEq)]
pub struct NodePlacement {
    pub id: String,
    pub x: f64,
    pub y: f64,
    pub pinned: bool,
}

/// One change to the web. Applying it to a project either changes the project
/// as described or refuses, with a message, and leaves the project as it was.
#[derive(Debug, Clone, PartialEq)]
pub enum EditCommand {
    /// Adds a node (its id must be new and its label not empty).
    AddNode(Node),
    /// Removes these nodes and every link into or out of them.
    RemoveNodes(Vec<String>),
    SetNodeLabel {
        id: String,
        label: String,
    },
    SetNodeKind {
        id: String,
        kind: NodeKind,
    },
    SetNodeDescription {
        id: String,
        description: String,
    },
    SetNodeAttributes {
        id: String,
        attributes: Attributes,
    },
    /// Moves nodes and sets whether they are pinned (a drag, a pin or unpin).
    MoveNodes(Vec<NodePlacement>),
    /// Adds a link; a link from a node to itself, or a second link between the
    /// same two nodes in the same direction, is refused.
    AddLink(Link),
    /// Removes these links with their evidence.
    RemoveLinks(Vec<String>),
    SetLinkPolarity {
        id: String,
        polarity: Polarity,
    },
    SetLinkNote {
        id: String,
        note: String,
    },
    /// Appends a citation of a study in the library.
    AddEvidence {
        owner: EvidenceOwner,
        evidence: Evidence,
    },
    /// Replaces the citation at `index`.
    EditEvidence {
        owner: EvidenceOwner,
        index: usize,
        evidence: Evidence,
    },
    RemoveEvidence {
        owner: EvidenceOwner,
        index: usize,
    },
    /// Adds a study (its id must be new).
    AddStudy(Study),
    /// Replaces the study with id `id`; when the new id differs, every
    /// citation of the study follows the new id.
    EditStudy {
        id: String,
        study: Study,
    },
    /// Removes a study and every citation of it.
    RemoveStudy(String),
    /// Places nodes where a layout put them (pinned state unchanged).
    ApplyLayout(Vec<(String, f64, f64)>),
    /// Sets the web's title and description.
    SetProjectInfo {
        title: String,
        description: String,
    },
    /// Turns a choice of how the web is drawn on or off (kept in the
    /// project's view).
    SetViewChoice {
        choice: ViewChoice,
        on: bool,
    },
    /// Replaces the whole web (e.g. after importing a CMOC table into it).
    ReplaceProject(Box<Project>),
}

impl EditCommand {
    /// Two successive commands with the same key merge into one undo step
    /// (typing a label letter by letter is one edit).
    pub(crate) fn merge_key(&self) -> Option<String> {
        match self {
            EditCommand::SetNodeLabel { id, .. } => Some(format!("label:{id}")),
            EditCommand::SetNodeDescription { id, .. } => Some(format!("description:{id}")),
            EditCommand::SetNodeAttributes { id, .. } => Some(format!("attributes:{id}")),
            EditCommand::SetLinkNote { id, .. } => Some(format!("note:{id}")),
            EditCommand::EditEvidence { owner, index, .. } => {
                Some(format!("evidence:{owner:?}:{index}"))
            }
            EditCommand::EditStudy { study, .. } => Some(format!("study:{}", study.id)),
            EditCommand::SetProjectInfo { .. } => Some("info".to_string()),
            _ => None,
        }
    }

    /// Applies the command to `project`, returning what was done, in words
    /// for the status line; `Err` says why it was refused, and then the
    /// project is unchanged.
    pub fn apply(self, project: &mut Project) -> Result<String, String> {
        match self {
            EditCommand::AddNode(node) => {
                if node.id.trim().is_empty() {
                    return Err("a node needs an id".into());
                }
                if project.node(&node.id).is_some() {
                    return Err(format!("a node with id '{}' already exists", node.id));
                }
                if node.label.trim().is_empty() {
                    return Err("a node needs a label".into());
                }
                let done = format!("Added {} '{}'", node.kind.name(), node.label);
                project.nodes.push(node);
                Ok(done)
            }
            EditCommand::RemoveNodes(ids) => {
                for id in &ids {
                    node_exists(project, id)?;
                }
                let (before, cited_before) = (project.links.len(), project.citation_count());
                project.nodes.retain(|n| !ids.contains(&n.id));
                project
                    .links
                    .retain(|l| !ids.contains(&l.source) && !ids.contains(&l.target));
                let links = before - project.links.len();
                let citations = cited_before - project.citation_count();
                let mut done = format!(
                    "Deleted {} {} and {links} {}",
                    ids.len(),
                    plural(ids.len(), "node", "nodes"),
                    plural(links, "link", "links")
                );
                // Evidence goes with what it is on: say so, and how to get it back.
                if citations > 0 {
                    done.push_str(&format!(
                        ", with their {citations} {} (Undo brings {} back)",
                        plural(citations, "citation", "citations"),
                        plural(citations, "it", "them")
                    ));
                }
                Ok(done)
            }
            EditCommand::SetNodeLabel { id, label } => {
                if label.trim().is_empty() {
                    return Err("a node's label cannot be empty".into());
                }
                let node = node_mut(project, &id)?;
                node.label = label;
                Ok(format!("Renamed node '{}'", node.label))
            }
            EditCommand::SetNodeKind { id, kind } => {
                let node = node_mut(project, &id)?;
                node.kind = kind;
                Ok(format!("'{}' is now a {}", node.label, kind.name()))
            }
            EditCommand::SetNodeDescription { id, description } => {
                node_mut(project, &id)?.description = description;
                Ok(format!("Described node '{id}'"))
            }
            EditCommand::SetNodeAttributes { id, attributes } => {
                node_mut(project, &id)?.attributes = attributes;
                Ok(format!("Changed the attributes of node '{id}'"))
            }
            EditCommand::MoveNodes(placements) => {
                for p in &placements {
                    node_exists(project, &p.id)?;
                    if !p.x.is_finite() || !p.y.is_finite() {
                        return Err(format!("node '{}': position is not finite", p.id));
                    }
                }
                for p in &placements {
                    let node = node_mut(project, &p.id)?;
                    node.set_position(p.x, p.y);
                    node.pinned = p.pinned;
                }
                Ok(format!(
                    "Moved {} {}",
                    placements.len(),
                    plural(placements.len(), "node", "nodes")
                ))
            }
            EditCommand::AddLink(link) => {
                node_exists(project, &link.source)?;
                node_exists(project, &link.target)?;
                if link.source == link.target {
                    return Err("a link cannot join a node to itself".into());
                }
                if project.link_between(&link.source, &link.target).is_some() {
                    return Err(format!(
                        "a link from '{}' to '{}' already exists",
                        project.node_label(&link.source),
                        project.node_label(&link.target)
                    ));
                }
                if link.id.trim().is_empty() || project.link(&link.id).is_some() {
                    return Err(format!("the link id '{}' is empty or taken", link.id));
                }
                for e in &link.evidence {
                    study_exists(project, &e.study)?;
                }
                let done = format!(
                    "Linked '{}' → '{}'",
                    project.node_label(&link.source),
                    project.node_label(&link.target)
                );
                project.links.push(link);
                Ok(done)
            }
            EditCommand::RemoveLinks(ids) => {
                for id in &ids {
                    link_mut(project, id)?;
                }
                project.links.retain(|l| !ids.contains(&l.id));
                Ok(format!(
                    "Deleted {} {}",
                    ids.len(),
                    plural(ids.len(), "link", "links")
                ))
            }
            EditCommand::SetLinkPolarity { id, polarity } => {
                link_mut(project, &id)?.polarity = polarity;
                let polarity = match polarity {
                    Polarity::Positive => "positive (+)",
                    Polarity::Negative => "negative (−)",
                    Polarity::Unclear => "unclear (?)",
                };
                Ok(format!("{} is now {polarity}", link_name(project, &id)))
            }
            EditCommand::SetLinkNote { id, note } => {
                link_mut(project, &id)?.note = note;
                Ok(format!("Annotated {}", link_name(project, &id)))
            }
            EditCommand::AddEvidence { owner, evidence } => {
                study_exists(project, &evidence.study)?;
                let short = project.study_label(&evidence.study);
                let list = evidence_mut(project, &owner)?;
                if list.contains(&evidence) {
                    return Err(format!(
                        "{short} is already cited here with the same quote, page and CMOC id"
                    ));
                }
                // A bare citation of a study cited here already adds
                // nothing a reader could use.
                let bare = evidence.quote.trim().is_empty()
                    && evidence.page.trim().is_empty()
                    && evidence.cmoc.trim().is_empty();
                if bare && list.iter().any(|e| e.study == evidence.study) {
                    return Err(format!(
                        "{short} is already cited here: give a quote, page or CMOC id to cite it again"
                    ));
                }
                list.push(evidence);
                Ok(format!("Cited {short}"))
            }
            EditCommand::EditEvidence {
                owner,
                index,
                evidence,
            } => {
                study_exists(project, &evidence.study)?;
                let list = evidence_mut(project, &owner)?;
                let slot = list
                    .get_mut(index)
                    .ok_or_else(|| format!("there is no citation #{}", index + 1))?;
                let before = std::mem::replace(slot, evidence.clone());
                let owner = match &owner {
                    EvidenceOwner::Node(id) => UnknownFields::citation_owner("nodes", id),
                    EvidenceOwner::Link(id) => UnknownFields::citation_owner("links", id),
                };
                project.unknown.edit_citation(&owner, &before, &evidence);
                Ok("Changed a citation".into())
            }
            EditCommand::RemoveEvidence { owner, index } => {
                let list = evidence_mut(project, &owner)?;
                if index >= list.len() {
                    return Err(format!("there is no citation #{}", index + 1));
                }
                let removed = list.remove(index);
                Ok(format!(
                    "Removed a citation of {}",
                    project.study_label(&removed.study)
                ))
            }
            EditCommand::AddStudy(study) => {
                if study.id.trim().is_empty() {
                    return Err("a study needs an id".into());
                }
                if project.study(&study.id).is_some() {
                    return Err(format!("a study with id '{}' already exists", study.id));
                }
                let id = study.id.clone();
                project.studies.push(study);
                Ok(format!("Added study {}", project.study_label(&id)))
            }
            EditCommand::EditStudy { id, study } => {
                if study.id.trim().is_empty() {
                    return Err("a study needs an id".into());
                }
                let index = project
                    .studies
                    .iter()
                    .position(|s| s.id == id)
                    .ok_or_else(|| format!("there is no study '{id}'"))?;
                if study.id != id && project.study(&study.id).is_some() {
                    return Err(format!("a study with id '{}' already exists", study.id));
                }
                if study.id != id {
                    for e in all_evidence_mut(project).filter(|e| e.study == id) {
                        e.study = study.id.clone();
                    }
                    project.unknown.rename_study(&id, &study.id);
                }
                let id = study.id.clone();
                project.studies[index] = study;
                Ok(format!("Changed study {}", project.study_label(&id)))
            }
            EditCommand::RemoveStudy(id) => {
                study_exists(project, &id)?;
                let short = project.study_label(&id);
                let mut removed = 0;
                for node in &mut project.nodes {
                    let before = node.evidence.len();
                    node.evidence.retain(|e| e.study != id);
                    removed += before - node.evidence.len();
                }
                for link in &mut project.links {
                    let before = link.evidence.len();
                    link.evidence.retain(|e| e.study != id);
                    removed += before - link.evidence.len();
                }
                project.studies.retain(|s| s.id != id);
                Ok(format!(
                    "Deleted study {short} and its {removed} {}",
                    plural(removed, "citation", "citations")
                ))
            }
            EditCommand::ApplyLayout(positions) => {
                for (id, x, y) in &positions {
                    node_exists(project, id)?;
                    if !x.is_finite() || !y.is_finite() {
                        return Err(format!("node '{id}': position is not finite"));
                    }
                }
                for (id, x, y) in positions {
                    node_mut(project, &id)?.set_position(x, y);
                }
                Ok("Laid out the web".into())
            }
            EditCommand::SetProjectInfo { title, description } => {
                project.title = title;
                project.description = description;
                Ok("Changed the title and description".into())
            }
            EditCommand::SetViewChoice { choice, on } => {
                project.set_view_choice(choice, on);
                Ok(match (choice, on) {
                    (ViewChoice::LinksRoundShapes, true) => "Links go round shapes in their way",
                    (ViewChoice::LinksRoundShapes, false) => "Links drawn straight",
                    (ViewChoice::LinkWidthByStudies, true) => {
                        "Link width follows the number of studies"
                    }
                    (ViewChoice::LinkWidthByStudies, false) => "Links drawn one width",
                }
                .into())
            }
            EditCommand::ReplaceProject(new) => {
                *project = *new;
                Ok("Replaced the web".into())
            }
        }
    }
}

fn node_exists(project: &Project, id: &str) -> Result<(), String> {
    project
        .node(id)
        .map(|_| ())
        .ok_or_else(|| format!("there is no node '{id}'"))
}

fn node_mut<'a>(project: &'a mut Project, id: &str) -> Result<&'a mut Node, String> {
    project
        .node_mut(id)
        .ok_or_else(|| format!("there is no node '{id}'"))
}

fn link_mut<'a>(project: &'a mut Project, id: &str) -> Result<&'a mut Link, String> {
    project
        .links
        .iter_mut()
        .find(|l| l.id == id)
        .ok_or_else(|| format!("there is no link '{id}'"))
}

fn study_exists(project: &Project, id: &str) -> Result<(), String> {
    project
        .study(id)
        .map(|_| ())
        .ok_or_else(|| format!("there is no study '{id}' in the library"))
}

fn evidence_mut<'a>(
    project: &'a mut Project,
    owner: &EvidenceOwner,
) -> Result<&'a mut Vec<Evidence>, String> {
    match owner {
        EvidenceOwner::Node(id) => Ok(&mut node_mut(project, id)?.evidence),
        EvidenceOwner::Link(id) => Ok(&mut link_mut(project, id)?.evidence),
    }
}

fn all_evidence_mut(project: &mut Project) -> impl Iterator<Item = &mut Evidence> {
    project
        .nodes
        .iter_mut()
        .flat_map(|n| n.evidence.iter_mut())
        .chain(project.links.iter_mut().flat_map(|l| l.evidence.iter_mut()))
}

/// A link as messages name it: `link 'Trust' → 'Faith'` (its id when its
/// ends are not found).
fn link_name(project: &Project, id: &str) -> String {
    match project.link(id) {
        Some(l) => format!(
            "link '{}' → '{}'",
            project.node_label(&l.source),
            project.node_label(&l.target)
        ),
        None => format!("link '{id}'"),
    }
}
