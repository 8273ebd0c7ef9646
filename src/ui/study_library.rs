use crate::edit::EditCommand;
use crate::model::{Project, Study, StudyLabels};

use super::attribute_field::attribute_field;
use super::text_width::text_width;
use super::{Selection, UiAction};

/// The study library panel: every study, searchable, in the file's order or
/// most cited first, and a button to add one.
#[derive(Debug, Default)]
pub struct StudyLibrary {
    search: String,
    most_cited_first: bool,
}

/// The studies whose label (of `labels`, the project's
/// [`Project::study_labels`], which the caller also shows), id, title,
/// authors, container, year or attribute values (country, sector, …)
/// contain every word of `query` (case ignored), in library order.
pub fn matching_studies<'a>(
    project: &'a Project,
    labels: &StudyLabels,
    query: &str,
) -> Vec<&'a Study> {
    let words: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    project
        .studies
        .iter()
        .filter(|s| {
            let attributes: Vec<&str> = s.attributes.values().map(String::as_str).collect();
            let haystack = format!(
                "{} {} {} {} {} {} {}",
                labels.of(&s.id),
                s.id,
                s.title,
                s.authors.join(" "),
                s.container,
                s.year.map(|y| y.to_string()).unwrap_or_default(),
                attributes.join(" ")
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
        let counts = project.citations_by_study();
        let labels = project.study_labels();
        let mut found: Vec<(&Study, usize)> = matching_studies(project, &labels, &self.search)
            .into_iter()
            .map(|s| (s, counts.get(s.id.as_str()).copied().unwrap_or(0)))
            .collect();
        if self.most_cited_first {
            // Stable: equally cited studies keep the file's order.
            found.sort_by_key(|&(_, citations)| std::cmp::Reverse(citations));
        }
        // The count, then the two orders at the right; in a narrow panel the
        // orders go on a line of their own rather than over the count.
        let count = format!("{} of {}", found.len(), project.studies.len());
        let orders = |ui: &mut egui::Ui, most_cited_first: &mut bool| {
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                ui.selectable_value(most_cited_first, true, MOST_CITED)
                    .on_hover_text("Most cited first (the number after each study)");
                ui.selectable_value(most_cited_first, false, FILE_ORDER)
                    .on_hover_text("In the order of the project file");
            });
        };
        let spacing = ui.spacing().item_spacing.x;
        let needed = text_width(ui, &count, egui::TextStyle::Body)
            + text_width(ui, MOST_CITED, egui::TextStyle::Button)
            + text_width(ui, FILE_ORDER, egui::TextStyle::Button)
            + 4.0 * ui.spacing().button_padding.x
            + 2.0 * spacing;
        if needed <= ui.available_width() {
            ui.horizontal(|ui| {
                ui.weak(count);
                orders(ui, &mut self.most_cited_first);
            });
        } else {
            ui.weak(count);
            ui.horizontal(|ui| orders(ui, &mut self.most_cited_first));
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show_rows(ui, 18.0, found.len(), |ui, rows| {
                for &(study, citations) in &found[rows] {
                    let selected = *selection == Selection::Study(study.id.clone());
                    let r = ui
                        .selectable_label(
                            selected,
                            format!("{}  ·  {citations}", labels.of(&study.id)),
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

/// The library's two orders, as their buttons say.
const MOST_CITED: &str = "most cited";
const FILE_ORDER: &str = "file order";

/// Edits every field of a study; deleting a cited study asks first.
pub fn study_editor(ui: &mut egui::Ui, project: &Project, id: &str, actions: &mut Vec<UiAction>) {
    let Some(study) = project.study(id) else {
        return;
    };
    ui.heading(project.study_label(id));
    let mut s = study.clone();
    let mut changed = false;
    // The id and the authors are edited as drafts, kept while their field
    // is edited: an id only changes once it is complete (Enter, or the field
    // left) and names no other study, and the authors' text keeps the spaces
    // and lines being typed, which the list of authors drops.
    let id_draft = egui::Id::new(("study-id-draft", id));
    let authors_draft = egui::Id::new(("study-authors-draft", id));
    let mut new_id: String = ui
        .data(|d| d.get_temp(id_draft))
        .unwrap_or_else(|| id.to_string());
    let mut authors: String = ui
        .data(|d| d.get_temp(authors_draft))
        .unwrap_or_else(|| s.authors.join("\n"));
    let mut year = s.year.map(|y| y.to_string()).unwrap_or_default();
    let mut id_problem = None;
    egui::Grid::new("study-fields")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Id");
            let field =
                ui.add(egui::TextEdit::singleline(&mut new_id).hint_text("an id of its own"));
            let wanted = new_id.trim();
            id_problem = if wanted.is_empty() {
                Some("a study needs an id".to_string())
            } else {
                project
                    .study(wanted)
                    .filter(|other| other.id != id)
                    .map(|other| {
                        format!("'{wanted}' is the id of {}", project.study_label(&other.id))
                    })
            };
            if field.lost_focus() && id_problem.is_none() {
                ui.data_mut(|d| d.remove::<String>(id_draft));
                if wanted != id {
                    s.id = wanted.to_string();
                    changed = true;
                }
            } else if field.changed() || id_problem.is_some() {
                ui.data_mut(|d| d.insert_temp(id_draft, new_id.clone()));
            }
            ui.end_row();
            ui.label("Authors\n(one per line,\nFamily, Given)");
            let field = ui.add(
                egui::TextEdit::multiline(&mut authors)
                    .desired_rows(3)
                    .hint_text("Family, Given"),
            );
            if field.changed() {
                s.authors = authors
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string)
                    .collect();
                changed = true;
                ui.data_mut(|d| d.insert_temp(authors_draft, authors.clone()));
            }
            if field.lost_focus() {
                ui.data_mut(|d| d.remove::<String>(authors_draft));
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
                if let Some(v) = s.attributes.get_mut(&key) {
                    let edit = attribute_field(ui, v, "Remove attribute");
                    changed |= edit.edited;
                    if edit.removed {
                        s.attributes.shift_remove(&key);
                        changed = true;
                    }
                }
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
    if let Some(problem) = id_problem {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("Id not changed: {problem}"),
        );
    }
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

    let cited = project.study_reach(id).citations.len();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Evidence, Link, Node, NodeKind};

    fn study(id: &str, country: &str) -> Study {
        let mut s = Study::new(id);
        s.attributes.insert("country".into(), country.into());
        s
    }

    #[test]
    fn studies_are_found_by_their_attribute_values_and_counted_by_citation() {
        let mut link = Link::new("l1", "c", "m");
        link.evidence = vec![Evidence::of("b"), Evidence::of("b")];
        let mut node = Node::new("m", "Trust", NodeKind::Mechanism);
        node.evidence = vec![Evidence::of("a"), Evidence::of("b")];
        let project = Project {
            nodes: vec![Node::new("c", "Quick wins", NodeKind::Context), node],
            links: vec![link],
            studies: vec![
                study("a", "England"),
                study("b", "New Zealand"),
                study("c", "England"),
            ],
            ..Project::default()
        };
        let ids = |q: &str| -> Vec<String> {
            matching_studies(&project, &project.study_labels(), q)
                .into_iter()
                .map(|s| s.id.clone())
                .collect()
        };
        assert_eq!(ids("england"), ["a", "c"]);
        assert_eq!(ids("new zealand"), ["b"]);
        assert_eq!(ids("wales"), Vec::<String>::new());
        let counts = project.citations_by_study();
        assert_eq!(counts.get("a"), Some(&1));
        assert_eq!(counts.get("b"), Some(&3));
        assert_eq!(counts.get("c"), None);
    }
}
