use crate::edit::{EditCommand, EvidenceOwner, NodePlacement};
use crate::jobs::studies_of_node;
use crate::model::{label_key, Attributes, Evidence, NodeKind, Polarity, Project};
use crate::wording::{counted, page_reference};

use super::attribute_field::attribute_field;
use super::study_library::study_editor;
use super::{Selection, UiAction};

/// What the inspector keeps between frames: half-typed text.
#[derive(Debug, Default)]
pub struct Inspector {
    /// The label being typed, for the node it belongs to (an empty label is
    /// not sent to the web until it has text).
    label_draft: Option<(String, String)>,
    /// Put the cursor in the label field on the next frame (a new node).
    pub focus_label: bool,
    citation: CitationDraft,
    new_attribute: String,
}

/// A citation being composed: which study (chosen by search) and the details.
#[derive(Debug, Default)]
struct CitationDraft {
    search: String,
    quote: String,
    page: String,
    cmoc: String,
}

impl Inspector {
    /// Shows what is selected and returns the edits asked for.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        selection: &Selection,
    ) -> Vec<UiAction> {
        let mut actions = Vec::new();
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| match selection {
                Selection::Nothing => {
                    ui.heading("Web");
                    self.project_info(ui, project, &mut actions);
                }
                Selection::Nodes(ids) if ids.len() == 1 => {
                    self.node(ui, project, &ids[0], &mut actions)
                }
                Selection::Nodes(ids) => nodes(ui, project, ids, &mut actions),
                Selection::Link(id) => self.link(ui, project, id, &mut actions),
                Selection::Study(id) => {
                    study_editor(ui, project, id, &mut actions);
                    ui.separator();
                    study_reach(ui, project, id, &mut actions);
                }
            });
        actions
    }

    fn project_info(&mut self, ui: &mut egui::Ui, project: &Project, actions: &mut Vec<UiAction>) {
        let mut title = project.title.clone();
        let mut description = project.description.clone();
        ui.label("Title");
        let t = ui.add(
            egui::TextEdit::multiline(&mut title)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        );
        ui.label("Description");
        let d = ui.add(
            egui::TextEdit::multiline(&mut description)
                .desired_rows(6)
                .desired_width(f32::INFINITY),
        );
        if t.changed() || d.changed() {
            actions.push(UiAction::Edit(EditCommand::SetProjectInfo {
                title,
                description,
            }));
        }
        ui.separator();
        ui.weak("Click a node, a link or a study to inspect it.");
    }

    fn node(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        id: &str,
        actions: &mut Vec<UiAction>,
    ) {
        let Some(node) = project.node(id) else {
            return;
        };
        ui.heading(node.kind.name().to_string() + " " + &node.label);
        ui.label("Label");
        let mut label = match &self.label_draft {
            Some((draft_id, text)) if draft_id == id => text.clone(),
            _ => node.label.clone(),
        };
        let field = ui.add(
            egui::TextEdit::singleline(&mut label)
                .id_salt("node-label")
                .desired_width(f32::INFINITY),
        );
        if std::mem::take(&mut self.focus_label) {
            field.request_focus();
            // Select the placeholder label so typing replaces it.
            if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), field.id) {
                let all = egui::text::CCursorRange::two(
                    egui::text::CCursor::new(0),
                    egui::text::CCursor::new(label.chars().count()),
                );
                state.cursor.set_char_range(Some(all));
                state.store(ui.ctx(), field.id);
            }
        }
        if field.changed() {
            if label.trim().is_empty() {
                self.label_draft = Some((id.to_string(), label));
            } else {
                self.label_draft = None;
                actions.push(UiAction::Edit(EditCommand::SetNodeLabel {
                    id: id.to_string(),
                    label,
                }));
            }
        }
        if field.lost_focus() {
            self.label_draft = None;
        }
        let error = ui.visuals().error_fg_color;
        if self
            .label_draft
            .as_ref()
            .is_some_and(|(draft_id, text)| draft_id == id && text.trim().is_empty())
        {
            ui.colored_label(error, "A node needs a label: the last one is kept.");
        }
        // A CMOC table names nodes by label: two alike cannot be told apart.
        let key = label_key(&node.label);
        let alike: Vec<String> = project
            .nodes
            .iter()
            .filter(|n| n.id != id && label_key(&n.label) == key)
            .map(|n| format!("{} ({})", n.id, n.kind.name()))
            .collect();
        if !alike.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "Also the label of {}: a CMOC table, which names nodes by label, cannot tell them apart.",
                    alike.join(", ")
                ),
            );
        }
        ui.horizontal(|ui| {
            ui.label("Kind");
            for kind in NodeKind::ALL {
                if ui
                    .selectable_label(node.kind == kind, kind.name())
                    .clicked()
                    && node.kind != kind
                {
                    actions.push(UiAction::Edit(EditCommand::SetNodeKind {
                        id: id.to_string(),
                        kind,
                    }));
                }
            }
        });
        ui.label("Description");
        let mut description = node.description.clone();
        if ui
            .add(
                egui::TextEdit::multiline(&mut description)
                    .desired_rows(3)
                    .desired_width(f32::INFINITY),
            )
            .changed()
        {
            actions.push(UiAction::Edit(EditCommand::SetNodeDescription {
                id: id.to_string(),
                description,
            }));
        }
        ui.label("Attributes");
        if let Some(attributes) = self.attributes(ui, &node.attributes, id) {
            actions.push(UiAction::Edit(EditCommand::SetNodeAttributes {
                id: id.to_string(),
                attributes,
            }));
        }
        ui.horizontal(|ui| {
            let mut pinned = node.pinned;
            if ui
                .checkbox(&mut pinned, "Pinned (the layout leaves it)")
                .changed()
            {
                let (x, y) = node.position().unwrap_or((0.0, 0.0));
                actions.push(UiAction::Edit(EditCommand::MoveNodes(vec![
                    NodePlacement {
                        id: id.to_string(),
                        x,
                        y,
                        pinned,
                    },
                ])));
            }
            if ui.button("Delete node").clicked() {
                actions.push(UiAction::DeleteSelection);
            }
        });
        ui.separator();
        supporting_studies(ui, project, id, actions);
        ui.separator();
        ui.collapsing(
            format!("Evidence on the node itself ({})", node.evidence.len()),
            |ui| {
                let owner = EvidenceOwner::Node(id.to_string());
                evidence_list(ui, project, &owner, &node.evidence, actions);
                self.cite(ui, project, &owner, actions);
            },
        );
    }

    fn link(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        id: &str,
        actions: &mut Vec<UiAction>,
    ) {
        let Some(link) = project.link(id) else {
            return;
        };
        let label = |node: &str| project.node_label(node);
        ui.heading(format!("Link {id}"));
        ui.horizontal_wrapped(|ui| {
            if ui.link(label(&link.source)).clicked() {
                actions.push(UiAction::Select(Selection::Nodes(vec![link
                    .source
                    .clone()])));
            }
            ui.label("→");
            if ui.link(label(&link.target)).clicked() {
                actions.push(UiAction::Select(Selection::Nodes(vec![link
                    .target
                    .clone()])));
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label("Polarity");
            for (polarity, words) in [
                (Polarity::Positive, "+ more leads to more"),
                (Polarity::Negative, "− more leads to less"),
                (Polarity::Unclear, "? unclear"),
            ] {
                if ui
                    .selectable_label(link.polarity == polarity, words)
                    .clicked()
                    && link.polarity != polarity
                {
                    actions.push(UiAction::Edit(EditCommand::SetLinkPolarity {
                        id: id.to_string(),
                        polarity,
                    }));
                }
            }
        });
        ui.label("Note");
        let mut note = link.note.clone();
        if ui
            .add(
                egui::TextEdit::multiline(&mut note)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .changed()
        {
            actions.push(UiAction::Edit(EditCommand::SetLinkNote {
                id: id.to_string(),
                note,
            }));
        }
        if ui.button("Delete link").clicked() {
            actions.push(UiAction::DeleteSelection);
        }
        ui.separator();
        ui.strong(format!(
            "Evidence ({})",
            counted(link.evidence.len(), "citation", "citations")
        ));
        let owner = EvidenceOwner::Link(id.to_string());
        evidence_list(ui, project, &owner, &link.evidence, actions);
        ui.separator();
        self.cite(ui, project, &owner, actions);
    }

    /// Edits attributes as key/value rows; returns the new set when changed.
    fn attributes(
        &mut self,
        ui: &mut egui::Ui,
        attributes: &Attributes,
        salt: &str,
    ) -> Option<Attributes> {
        let mut changed = None;
        // Each name above its value, whose field is as wide as the panel:
        // names such as "most_frequent_outcome" would leave a value beside
        // them too little room to be read.
        ui.push_id(("attributes", salt), |ui| {
            for (key, value) in attributes {
                ui.weak(key);
                let mut v = value.clone();
                let edit = ui
                    .push_id(key, |ui| attribute_field(ui, &mut v, "Remove"))
                    .inner;
                if edit.edited {
                    let mut all = attributes.clone();
                    all.insert(key.clone(), v);
                    changed = Some(all);
                }
                if edit.removed {
                    let mut all = attributes.clone();
                    all.shift_remove(key);
                    changed = Some(all);
                }
            }
        });
        ui.horizontal(|ui| {
            ui.add(
                egui::TextEdit::singleline(&mut self.new_attribute)
                    .hint_text("new attribute name")
                    .desired_width(140.0),
            );
            let name = self.new_attribute.trim().to_string();
            if ui
                .add_enabled(
                    !name.is_empty() && !attributes.contains_key(&name),
                    egui::Button::new("Add"),
                )
                .clicked()
            {
                let mut all = attributes.clone();
                all.insert(name, String::new());
                self.new_attribute.clear();
                changed = Some(all);
            }
        });
        changed
    }

    /// Adds a citation: type to search the library, click a study to cite it
    /// with the quote, page and CMOC id typed above.
    fn cite(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        owner: &EvidenceOwner,
        actions: &mut Vec<UiAction>,
    ) {
        ui.strong("Cite a study");
        let d = &mut self.citation;
        egui::Grid::new(("cite", format!("{owner:?}")))
            .num_columns(2)
            .show(ui, |ui| {
                ui.label("Quote");
                ui.text_edit_multiline(&mut d.quote);
                ui.end_row();
                ui.label("Page");
                ui.text_edit_singleline(&mut d.page);
                ui.end_row();
                ui.label("CMOC id");
                ui.text_edit_singleline(&mut d.cmoc);
                ui.end_row();
                ui.label("Study");
                ui.add(
                    egui::TextEdit::singleline(&mut d.search)
                        .hint_text("type to search the library")
                        .id_salt("cite-search"),
                );
                ui.end_row();
            });
        let labels = project.study_labels();
        let matches = super::study_library::matching_studies(project, &labels, &d.search);
        if project.studies.is_empty() {
            ui.weak("The library has no studies yet: add one in the library panel.");
        }
        let shown = matches.len().min(8);
        for study in matches.iter().take(shown) {
            if ui
                .button(format!("Cite {}", labels.of(&study.id)))
                .on_hover_text(&study.title)
                .clicked()
            {
                actions.push(UiAction::Edit(EditCommand::AddEvidence {
                    owner: owner.clone(),
                    evidence: Evidence {
                        study: study.id.clone(),
                        quote: d.quote.trim().to_string(),
                        page: d.page.trim().to_string(),
                        cmoc: d.cmoc.trim().to_string(),
                    },
                }));
                *d = CitationDraft::default();
            }
        }
        if matches.len() > shown {
            ui.weak(format!(
                "… and {} more: type to narrow",
                matches.len() - shown
            ));
        }
    }
}

/// Several nodes selected: what can be done to all of them.
fn nodes(ui: &mut egui::Ui, project: &Project, ids: &[String], actions: &mut Vec<UiAction>) {
    ui.heading(format!("{} nodes selected", ids.len()));
    for id in ids {
        if let Some(node) = project.node(id) {
            ui.label(format!("• {}", node.label));
        }
    }
    ui.horizontal(|ui| {
        if ui.button("Unpin all").clicked() {
            let placements = ids
                .iter()
                .filter_map(|id| project.node(id))
                .map(|n| {
                    let (x, y) = n.position().unwrap_or((0.0, 0.0));
                    NodePlacement {
                        id: n.id.clone(),
                        x,
                        y,
                        pinned: false,
                    }
                })
                .collect();
            actions.push(UiAction::Edit(EditCommand::MoveNodes(placements)));
        }
        if ui.button("Delete").clicked() {
            actions.push(UiAction::DeleteSelection);
        }
    });
}

/// The citations of a node or link, each editable and removable.
fn evidence_list(
    ui: &mut egui::Ui,
    project: &Project,
    owner: &EvidenceOwner,
    evidence: &[Evidence],
    actions: &mut Vec<UiAction>,
) {
    let labels = project.study_labels();
    for (index, e) in evidence.iter().enumerate() {
        let name = labels.of(&e.study);
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                if ui.link(&name).on_hover_text("Select this study").clicked() {
                    actions.push(UiAction::Select(Selection::Study(e.study.clone())));
                }
                if ui.small_button("Remove").clicked() {
                    actions.push(UiAction::Edit(EditCommand::RemoveEvidence {
                        owner: owner.clone(),
                        index,
                    }));
                }
            });
            let mut edited = e.clone();
            let mut changed = false;
            egui::Grid::new(("evidence", format!("{owner:?}"), index))
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label("Quote");
                    changed |= ui.text_edit_multiline(&mut edited.quote).changed();
                    ui.end_row();
                    ui.label("Page");
                    changed |= ui.text_edit_singleline(&mut edited.page).changed();
                    ui.end_row();
                    ui.label("CMOC");
                    changed |= ui.text_edit_singleline(&mut edited.cmoc).changed();
                    ui.end_row();
                });
            if changed {
                actions.push(UiAction::Edit(EditCommand::EditEvidence {
                    owner: owner.clone(),
                    index,
                    evidence: edited,
                }));
            }
        });
    }
}

/// The studies behind a node, with the same figures as `causal-web studies`.
fn supporting_studies(ui: &mut egui::Ui, project: &Project, id: &str, actions: &mut Vec<UiAction>) {
    let Ok(lines) = studies_of_node(project, id) else {
        return;
    };
    let supports = project.supporting_studies(id);
    ui.strong(format!("Supporting studies ({})", lines.len()));
    if lines.is_empty() {
        ui.weak("No study supports this node or its links yet.");
    }
    for (line, support) in lines.iter().zip(&supports) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal_wrapped(|ui| {
                if ui.link(&line.short_label).clicked() {
                    actions.push(UiAction::Select(Selection::Study(line.study.clone())));
                }
                ui.label(counted(line.citations, "citation", "citations"));
            });
            // Each citation after the link it is on (clickable), so that two
            // citations with one quote on two links are told apart.
            for c in &support.citations {
                let mut text = String::new();
                if !c.evidence.quote.is_empty() {
                    text.push_str(&format!("“{}”", c.evidence.quote));
                }
                if !c.evidence.page.is_empty() {
                    text.push_str(&format!(" {}", page_reference(&c.evidence.page)));
                }
                if !c.evidence.cmoc.is_empty() {
                    text.push_str(&format!(" [{}]", c.evidence.cmoc));
                }
                ui.horizontal_wrapped(|ui| {
                    match c.link.and_then(|l| project.link(l)) {
                        Some(link) => {
                            let name = format!("{}:", project.link_ends(link));
                            if ui.link(name).on_hover_text(&link.id).clicked() {
                                actions.push(UiAction::Select(Selection::Link(link.id.clone())));
                            }
                        }
                        None => {
                            ui.weak("On the node itself:");
                        }
                    }
                    if text.is_empty() {
                        ui.weak("no quote, page or CMOC id");
                    } else {
                        ui.label(text.trim());
                    }
                });
            }
        });
    }
}

/// Everything a study supports, each entry clickable.
fn study_reach(ui: &mut egui::Ui, project: &Project, id: &str, actions: &mut Vec<UiAction>) {
    let reach = project.study_reach(id);
    let label = |node: &str| project.node_label(node);
    ui.strong(format!(
        "Supports {} and {} ({})",
        counted(reach.links.len(), "link", "links"),
        counted(reach.nodes.len(), "node", "nodes"),
        counted(reach.citations.len(), "citation", "citations")
    ));
    for link_id in &reach.links {
        if let Some(link) = project.link(link_id) {
            if ui.link(project.link_ends(link)).clicked() {
                actions.push(UiAction::Select(Selection::Link(link.id.clone())));
            }
        }
    }
    ui.add_space(4.0);
    for node_id in &reach.nodes {
        if ui.link(format!("• {}", label(node_id))).clicked() {
            actions.push(UiAction::Select(Selection::Nodes(
                vec![node_id.to_string()],
            )));
        }
    }
}
