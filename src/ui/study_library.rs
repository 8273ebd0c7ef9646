use crate::edit::EditCommand;
use crate::model::{Project, Study};

use super::{Selection, UiAction};

/// The study library panel: every study, searchable, and a button to add one.
#[derive(Debug, Default)]
pub struct StudyLibrary {
    search: String,
}

/// The studies whose short label, id, title, authors or container contain
/// every word of `query` (case ignored), in library order.
pub fn matching_studies<'a>(project: &'a Project, query: &str) -> Vec<&'a Study> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    project
        .studies
        .iter()
        .filter(|s| {
            let haystack = format!(
                "{} {} {} {} {} {}",
                s.short_label(),
                s.id,
                s.title,
                s.authors.join(" "),
                s.container,
                s.year.map(|y| y.to_string()).unwrap_or_default()
            )
            .to_lowercase();
            words.iter().all(|w| haystack.contains(w))
        })
        .collect()
}

impl StudyLibrary {
    /// Shows the list; clicking a study selects it.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        project: &Project,
        selection: &Selection,
    ) -> Vec<UiAction> {
        let mut actions = Vec::new();
        ui.horizontal(|ui| {
            ui.heading("Studies");
            if ui.button("Add study").clicked() {
                let mut n = project.studies.len() + 1;
                let id = loop {
                    let id = format!("study{n}");
                    if project.study(&id).is_none() {
                        break id;
                    }
                    n += 1;
                };
                actions.push(UiAction::Edit(EditCommand::AddStudy(Study::new(
                    id.clone(),
                ))));
                actions.push(UiAction::Select(Selection::Study(id)));
            }
        });
        ui.add(
            egui::TextEdit::singleline(&mut self.search)
                .hint_text("Search studies")
                .id_salt("library-search"),
        );
        let found = matching_studies(project, &self.search);
        ui.weak(format!("{} of {}", found.len(), project.studies.len()));
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, 18.0, found.len(), |ui, rows| {
                for study in &found[rows] {
                    let selected = *selection == Selection::Study(study.id.clone());
                    let citations = count_citations(project, &study.id);
                    let r = ui
                        .selectable_label(
                            selected,
                            format!("{}  ·  {citations}", study.short_label()),
                        )
                        .on_hover_text(if study.title.is_empty() {
                            study.id.as_str()
                        } else {
                            study.title.as_str()
                        });
                    if r.clicked() {
                        actions.push(UiAction::Select(Selection::Study(study.id.clone())));
                    }
                }
            });
        actions
    }
}

fn count_citations(project: &Project, study: &str) -> usize {
    project
        .nodes
        .iter()
        .flat_map(|n| &n.evidence)
        .chain(project.links.iter().flat_map(|l| &l.evidence))
        .filter(|e| e.study == study)
        .count()
}

/// Edits every field of a study; deleting a cited study asks first.
pub fn study_editor(ui: &mut egui::Ui, project: &Project, id: &str, actions: &mut Vec<UiAction>) {
    let Some(study) = project.study(id) else {
        return;
    };
    ui.heading(study.short_label());
    let mut s = study.clone();
    let mut changed = false;
    let mut authors = s.authors.join("\n");
    let mut year = s.year.map(|y| y.to_string()).unwrap_or_default();
    egui::Grid::new("study-fields")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Id");
            changed |= ui.text_edit_singleline(&mut s.id).changed();
            ui.end_row();
            ui.label("Authors\n(one per line,\nFamily, Given)");
            if ui
                .add(egui::TextEdit::multiline(&mut authors).desired_rows(3))
                .changed()
            {
                s.authors = authors
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect();
                changed = true;
            }
            ui.end_row();
            ui.label("Year");
            if ui.text_edit_singleline(&mut year).changed() {
                let trimmed = year.trim();
                if trimmed.is_empty() {
                    s.year = None;
                    changed = true;
                } else if let Ok(y) = trimmed.parse() {
                    s.year = Some(y);
                    changed = true;
                }
            }
            ui.end_row();
            for (name, field) in [
                ("Title", &mut s.title),
                ("Journal / publisher", &mut s.container),
                ("DOI", &mut s.doi),
                ("URL", &mut s.url),
            ] {
                ui.label(name);
                changed |= ui.text_edit_singleline(field).changed();
                ui.end_row();
            }
            let keys: Vec<String> = s.attributes.keys().cloned().collect();
            for key in keys {
                ui.label(&key);
                ui.horizontal(|ui| {
                    if let Some(v) = s.attributes.get_mut(&key) {
                        changed |= ui.text_edit_singleline(v).changed();
                    }
                    if ui
                        .small_button("✕")
                        .on_hover_text("Remove attribute")
                        .clicked()
                    {
                        s.attributes.shift_remove(&key);
                        changed = true;
                    }
                });
                ui.end_row();
            }
        });
    let new_key_id = egui::Id::new(("study-new-attribute", id));
    let mut new_key: String = ui.data_mut(|d| d.get_temp(new_key_id).unwrap_or_default());
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut new_key)
                .hint_text("new attribute name")
                .desired_width(140.0),
        );
        let key = new_key.trim().to_string();
        if ui
            .add_enabled(
                !key.is_empty() && !s.attributes.contains_key(&key),
                egui::Button::new("Add attribute"),
            )
            .clicked()
        {
            s.attributes.insert(key, String::new());
            new_key.clear();
            changed = true;
        }
    });
    ui.data_mut(|d| d.insert_temp(new_key_id, new_key));
    if changed && !s.id.trim().is_empty() {
        let new_id = s.id.clone();
        actions.push(UiAction::Edit(EditCommand::EditStudy {
            id: id.to_string(),
            study: s,
        }));
        if new_id != id {
            actions.push(UiAction::Select(Selection::Study(new_id)));
        }
    }

    let cited = count_citations(project, id);
    let confirm_id = egui::Id::new("confirm-delete-study");
    let confirming = ui.data(|d| d.get_temp::<String>(confirm_id)).as_deref() == Some(id);
    if confirming {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!("{cited} citations of this study will be removed with it."),
        );
        ui.horizontal(|ui| {
            if ui.button("Delete study and citations").clicked() {
                actions.push(UiAction::Edit(EditCommand::RemoveStudy(id.to_string())));
                ui.data_mut(|d| d.remove::<String>(confirm_id));
            }
            if ui.button("Keep it").clicked() {
                ui.data_mut(|d| d.remove::<String>(confirm_id));
            }
        });
    } else if ui.button("Delete study").clicked() {
        if cited == 0 {
            actions.push(UiAction::Edit(EditCommand::RemoveStudy(id.to_string())));
        } else {
            ui.data_mut(|d| d.insert_temp(confirm_id, id.to_string()));
        }
    }
}
