use crate::model::Project;
use crate::wording::counted;

/// The status line: the last message (what was done, or why not) and the
/// web's counts.
#[derive(Debug, Clone, Default)]
pub struct Status {
    message: String,
    is_problem: bool,
}

impl Status {
    /// Reports something done.
    pub fn info(&mut self, message: impl Into<String>) {
        self.message = message.into();
        self.is_problem = false;
    }

    /// Reports something refused or failed.
    pub fn problem(&mut self, message: impl Into<String>) {
        self.message = message.into();
        self.is_problem = true;
    }

    /// The current message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// Whether the current message reports a problem.
    pub fn is_problem(&self) -> bool {
        self.is_problem
    }

    /// Draws the status line: message on the left, counts on the right.
    pub fn show(&self, ui: &mut egui::Ui, project: Option<&Project>, extra: &str) {
        // The counts first, from the right; the message in the room left,
        // cut short with "…" where it is longer (whole on hover).
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some(p) = project {
                ui.label(format!(
                    "{} · {} · {} · {}{extra}",
                    counted(p.nodes.len(), "node", "nodes"),
                    counted(p.links.len(), "link", "links"),
                    counted(p.studies.len(), "study", "studies"),
                    counted(p.citation_count(), "citation", "citations")
                ));
                ui.separator();
            }
            ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                let text = egui::RichText::new(&self.message);
                let text = if self.is_problem {
                    text.color(ui.visuals().error_fg_color)
                } else {
                    text
                };
                // A label cut short shows its whole text on hover.
                ui.add(egui::Label::new(text).truncate());
            });
        });
    }
}
