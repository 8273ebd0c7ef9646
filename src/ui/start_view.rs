use std::path::PathBuf;

use super::UiAction;

/// The view shown when no web is open: New, Open…, Open example, recent files.
pub fn start_view(ui: &mut egui::Ui, recent: &[PathBuf]) -> Vec<UiAction> {
    let mut actions = Vec::new();
    ui.vertical_centered(|ui| {
        ui.add_space(60.0);
        ui.heading("causal-web");
        ui.label("The causal webs of realist reviews: figure and evidence in one file.");
        ui.add_space(20.0);
        if ui.button("New web").clicked() {
            actions.push(UiAction::New);
        }
        if ui.button("Open…").clicked() {
            actions.push(UiAction::Open);
        }
        if ui.button("Open example").clicked() {
            actions.push(UiAction::OpenExample);
        }
        ui.add_space(20.0);
        if !recent.is_empty() {
            ui.strong("Recent files");
            for path in recent {
                if ui.link(path.display().to_string()).clicked() {
                    actions.push(UiAction::OpenPath(path.clone()));
                }
            }
        }
    });
    actions
}
