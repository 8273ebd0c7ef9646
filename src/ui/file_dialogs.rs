use std::path::PathBuf;
use std::time::{Duration, Instant};

/// Why a file is asked for; decides the dialog's filter and what happens
/// with the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilePurpose {
    OpenProject,
    SaveProject,
    ImportCmocs,
    ExportCmocs,
    ExportFigure,
}

impl FilePurpose {
    fn title(self) -> &'static str {
        match self {
            FilePurpose::OpenProject => "Open a causal web",
            FilePurpose::SaveProject => "Save the causal web as",
            FilePurpose::ImportCmocs => "Import a CMOC table",
            FilePurpose::ExportCmocs => "Export the CMOC table as",
            FilePurpose::ExportFigure => "Export the figure as",
        }
    }

    fn saves(self) -> bool {
        matches!(
            self,
            FilePurpose::SaveProject | FilePurpose::ExportCmocs | FilePurpose::ExportFigure
        )
    }

    fn filter(self) -> (&'static str, &'static [&'static str]) {
        match self {
            FilePurpose::OpenProject | FilePurpose::SaveProject => ("Causal web", &["json"]),
            FilePurpose::ImportCmocs | FilePurpose::ExportCmocs => ("CMOC table", &["csv"]),
            FilePurpose::ExportFigure => ("Figure", &["svg", "png", "pdf", "tif", "tiff"]),
        }
    }
}

/// A native dialog that returns at once without a path was never shown:
/// rfd gives `None` in a few milliseconds when no desktop portal answers.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(250);

/// The path field shown instead of a native dialog.
#[derive(Debug, Clone)]
struct PathPrompt {
    purpose: FilePurpose,
    text: String,
    suggested: String,
    /// The cursor has been put in the field once.
    focused: bool,
}

/// Native file dialogs (rfd), with a typed path as the fallback where none
/// can be shown (no desktop portal, as under Xvfb or on minimal desktops).
#[derive(Debug, Default)]
pub struct FileDialogs {
    prompt: Option<PathPrompt>,
    path_field_only: bool,
}

impl FileDialogs {
    /// Dialogs that try the native one first; with `path_field_only`, they
    /// always ask for a typed path (tests, or a user who prefers it).
    pub fn new(path_field_only: bool) -> Self {
        FileDialogs {
            prompt: None,
            path_field_only,
        }
    }

    /// Asks for a file. `Some` when the native dialog gave one; `None` when it
    /// was cancelled, or when no dialog could be shown, in which case the path
    /// field opens (and [`FileDialogs::show`] later returns the typed path).
    pub fn ask(&mut self, purpose: FilePurpose, suggested_name: &str) -> Option<PathBuf> {
        if !self.path_field_only {
            let (name, extensions) = purpose.filter();
            let dialog = rfd::FileDialog::new()
                .set_title(purpose.title())
                .add_filter(name, extensions);
            let started = Instant::now();
            let picked = if purpose.saves() {
                dialog.set_file_name(suggested_name).save_file()
            } else {
                dialog.pick_file()
            };
            if picked.is_some() || started.elapsed() > NO_DIALOG_WITHIN {
                return picked;
            }
        }
        self.prompt = Some(PathPrompt {
            purpose,
            text: String::new(),
            suggested: suggested_name.to_string(),
            focused: false,
        });
        None
    }

    /// Whether the path field is showing.
    pub fn is_prompting(&self) -> bool {
        self.prompt.is_some()
    }

    /// Shows the path field while one is asked for; returns the purpose and
    /// the path once the user confirms.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<(FilePurpose, PathBuf)> {
        let prompt = self.prompt.as_mut()?;
        let mut answer = None;
        let mut close = false;
        egui::Window::new(prompt.purpose.title())
            .id(egui::Id::new("path-prompt"))
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label("No file dialog could be shown here (no desktop portal answered).");
                ui.label("Type the file's path instead:");
                let hint = if prompt.suggested.is_empty() {
                    "/path/to/file".to_string()
                } else {
                    prompt.suggested.clone()
                };
                let field = ui.add(
                    egui::TextEdit::singleline(&mut prompt.text)
                        .hint_text(hint)
                        .desired_width(420.0),
                );
                if !std::mem::replace(&mut prompt.focused, true) {
                    field.request_focus();
                }
                let entered = (field.has_focus() || field.lost_focus())
                    && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.horizontal(|ui| {
                    let ok = ui.button("OK").clicked();
                    if (ok || entered) && !prompt.text.trim().is_empty() {
                        answer = Some((prompt.purpose, expand_home(prompt.text.trim())));
                    }
                    if ui.button("Cancel").clicked() {
                        close = true;
                    }
                });
            });
        if answer.is_some() || close {
            self.prompt = None;
        }
        answer
    }
}

/// `~/x` as the home directory's `x`.
fn expand_home(text: &str) -> PathBuf {
    match (text.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(text),
    }
}
