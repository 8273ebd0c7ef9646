use std::path::PathBuf;

use crate::edit::EditCommand;
use crate::export::Preset;
use crate::model::{NodeKind, ViewChoice};

use super::{Canvas, UiAction};

/// What the menu bar needs to know to enable its items.
pub struct MenuState<'a> {
    pub has_web: bool,
    pub can_undo: bool,
    pub can_redo: bool,
    pub layout_running: bool,
    pub recent: &'a [PathBuf],
    /// Whether links go round shapes in the open web (its view's choice).
    pub links_round_shapes: bool,
    /// Whether link width follows the number of studies in the open web.
    pub link_width_by_studies: bool,
}

/// The menu bar: File, Edit, View, Layout.
pub fn menu_bar(ui: &mut egui::Ui, state: &MenuState<'_>, canvas: &mut Canvas) -> Vec<UiAction> {
    let mut actions = Vec::new();
    let mut chosen = Vec::new();
    let mut item =
        |ui: &mut egui::Ui, enabled: bool, text: &str, shortcut: &str, action: UiAction| {
            let button = egui::Button::new(text).shortcut_text(shortcut);
            if ui.add_enabled(enabled, button).clicked() {
                actions.push(action);
                ui.close();
            }
        };
    egui::MenuBar::new().ui(ui, |ui| {
        ui.menu_button("File", |ui| {
            item(ui, true, "New", "Ctrl+N", UiAction::New);
            item(ui, true, "Open…", "Ctrl+O", UiAction::Open);
            item(ui, true, "Open example", "", UiAction::OpenExample);
            ui.menu_button("Open recent", |ui| {
                if state.recent.is_empty() {
                    ui.weak("No recent files");
                }
                for path in state.recent {
                    item(
                        ui,
                        true,
                        &path.display().to_string(),
                        "",
                        UiAction::OpenPath(path.clone()),
                    );
                }
            });
            ui.separator();
            item(ui, state.has_web, "Save", "Ctrl+S", UiAction::Save);
            item(
                ui,
                state.has_web,
                "Save As…",
                "Ctrl+Shift+S",
                UiAction::SaveAs,
            );
            ui.separator();
            item(
                ui,
                state.has_web,
                "Import CMOC table…",
                "",
                UiAction::ImportCmocs,
            );
            item(
                ui,
                state.has_web,
                "Export CMOC table…",
                "",
                UiAction::ExportCmocs,
            );
            item(
                ui,
                state.has_web,
                "Export figure…",
                "",
                UiAction::ExportFigure,
            );
            ui.separator();
            item(ui, true, "Quit", "Ctrl+Q", UiAction::Quit);
        });
        ui.menu_button("Edit", |ui| {
            item(ui, state.can_undo, "Undo", "Ctrl+Z", UiAction::Undo);
            item(
                ui,
                state.can_redo,
                "Redo",
                "Ctrl+Shift+Z / Ctrl+Y",
                UiAction::Redo,
            );
            ui.separator();
            for kind in NodeKind::ALL {
                item(
                    ui,
                    state.has_web,
                    &format!("Add {}", kind.name()),
                    "",
                    UiAction::AddNode(kind, None),
                );
            }
            item(
                ui,
                state.has_web,
                "Delete selection",
                "Delete",
                UiAction::DeleteSelection,
            );
        });
        ui.menu_button("View", |ui| {
            item(ui, state.has_web, "Fit to view", "F", UiAction::FitView);
            if ui.button("Zoom in").clicked() {
                canvas.zoom_by(1.25);
            }
            if ui.button("Zoom out").clicked() {
                canvas.zoom_by(0.8);
            }
            // Choices kept in the project's view: edits, undoable, saved.
            for (choice, on, text) in [
                (
                    ViewChoice::LinkWidthByStudies,
                    state.link_width_by_studies,
                    "Link width by number of studies",
                ),
                (
                    ViewChoice::LinksRoundShapes,
                    state.links_round_shapes,
                    "Links round shapes",
                ),
            ] {
                chosen.extend(view_choice_box(ui, state.has_web, choice, on, text));
            }
        });
        ui.menu_button("Layout", |ui| {
            item(ui, state.has_web, "Force", "", UiAction::LayoutForce);
            item(
                ui,
                state.has_web,
                "Layered, left to right",
                "",
                UiAction::LayoutLayered {
                    left_to_right: true,
                },
            );
            item(
                ui,
                state.has_web,
                "Layered, top to bottom",
                "",
                UiAction::LayoutLayered {
                    left_to_right: false,
                },
            );
            ui.menu_button("Layered, to fit a page", |ui| {
                for preset in Preset::ALL {
                    let journal = match preset {
                        Preset::BmcSingle => "BMC, one column",
                        Preset::BmcDouble => "BMC, two columns",
                        Preset::Plos => "PLOS, full width",
                    };
                    item(
                        ui,
                        state.has_web,
                        &format!("{journal} ({} mm), labels about 6 pt", preset.width_mm()),
                        "",
                        UiAction::LayoutLayeredForPage(preset),
                    );
                }
            });
            item(ui, state.layout_running, "Stop", "", UiAction::LayoutStop);
        });
    });
    actions.extend(chosen);
    actions
}

/// The id of the toolbar's find field (Ctrl+F puts the cursor there).
pub fn find_field_id() -> egui::Id {
    egui::Id::new("find-node")
}

/// The toolbar under the menu: add nodes, link mode, fit, find a node.
pub fn toolbar(ui: &mut egui::Ui, canvas: &mut Canvas, find: &mut String) -> Vec<UiAction> {
    let mut actions = Vec::new();
    ui.horizontal(|ui| {
        for kind in NodeKind::ALL {
            if ui.button(format!("+ {}", kind.name())).clicked() {
                actions.push(UiAction::AddNode(kind, None));
            }
        }
        ui.separator();
        ui.toggle_value(&mut canvas.link_mode, "Link mode")
            .on_hover_text(
                "Drag from one node to another to link them (or hold Ctrl or Alt while dragging)",
            );
        ui.separator();
        if ui.button("Fit (F)").clicked() {
            actions.push(UiAction::FitView);
        }
        ui.separator();
        let field = ui.add(
            egui::TextEdit::singleline(find)
                .id(find_field_id())
                .hint_text("Find node (Ctrl+F)")
                .desired_width(180.0),
        );
        if field.lost_focus()
            && ui.input(|i| i.key_pressed(egui::Key::Enter))
            && !find.trim().is_empty()
        {
            actions.push(UiAction::FindNode(find.trim().to_string()));
            // Kept in the field: Enter again finds the next match.
            field.request_focus();
        }
    });
    actions
}

/// A checkbox for a choice kept in the project's view; when clicked, the
/// edit that turns it on or off.
fn view_choice_box(
    ui: &mut egui::Ui,
    enabled: bool,
    choice: ViewChoice,
    on: bool,
    text: &str,
) -> Option<UiAction> {
    let mut on = on;
    let hint = match choice {
        ViewChoice::LinksRoundShapes => {
            "A link with a shape in its way goes round it, on screen and in the exported \
             figure; off, every link is straight. Saved with the web"
        }
        ViewChoice::LinkWidthByStudies => {
            "Links supported by more studies are drawn wider on screen. Saved with the web"
        }
    };
    ui.add_enabled(enabled, egui::Checkbox::new(&mut on, text))
        .on_hover_text(hint)
        .changed()
        .then_some(UiAction::Edit(EditCommand::SetViewChoice { choice, on }))
}
