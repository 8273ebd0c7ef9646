use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::edit::{EditCommand, Editor};
use crate::figure::{node_shape, node_shapes};
use crate::io::{
    load_project, parse_project, read_cmoc_table, save_project, write_atomically, write_cmoc_table,
};
use crate::jobs::export_project_figure;
use crate::layout::{nearest_free_place, Direction, ForceSettings, LayeredSettings};
use crate::model::{Link, Node, Project};
use crate::wording::counted;

use super::export_dialog::ExportDialog;
use super::file_dialogs::{FileDialogs, FilePurpose};
use super::fonts::install_label_font;
use super::inspector::Inspector;
use super::layout_run::LayoutRun;
use super::menu::{menu_bar, toolbar, MenuState};
use super::recent_files::RecentFiles;
use super::screenshot::{ScreenshotRequest, Screenshotter};
use super::start_view::start_view;
use super::status::Status;
use super::study_library::StudyLibrary;
use super::{Canvas, Selection, UiAction};

/// The bundled example web (the seed paper's causal web).
pub const EXAMPLE: &str = include_str!("../../assets/examples/collaboration.cweb.json");

/// About how large labels print after Layout ▸ Layered, to fit a page, in
/// points: a journal's smallest acceptable size is 5 to 8 pt.
const PAGE_TEXT_PT: f64 = 6.0;

/// How the editor starts.
#[derive(Debug, Clone, Default)]
pub struct AppOptions {
    /// Open this project file; the start view when `None`.
    pub file: Option<PathBuf>,
    /// Save a screenshot once the web has settled, then close.
    pub screenshot: Option<ScreenshotRequest>,
    /// Where the recent-files list is kept; in memory only when `None`.
    pub recent_store: Option<PathBuf>,
    /// Where the window's size and place are kept from one run to the next;
    /// neither read nor kept when `None` (a screenshot's window is always
    /// of the size asked for).
    pub window_store: Option<PathBuf>,
    /// Never try a native file dialog; always show the path field (tests).
    pub path_field_only: bool,
    /// Select this node (id or label) once the file is open, as a click
    /// would: the inspector shows it and its supporting studies.
    pub select: Option<String>,
}

/// The open web: its edit history and where it is saved.
struct Document {
    editor: Editor,
    path: Option<PathBuf>,
}

/// What waits for an answer to "save your changes first?".
#[derive(Debug, Clone, PartialEq)]
enum Pending {
    New,
    Open,
    OpenPath(PathBuf),
    OpenExample,
    Quit,
}

/// The editor window.
pub struct CausalWebApp {
    ctx: egui::Context,
    doc: Option<Document>,
    canvas: Canvas,
    selection: Selection,
    inspector: Inspector,
    library: StudyLibrary,
    status: Status,
    dialogs: FileDialogs,
    recent: RecentFiles,
    screenshot: Option<Screenshotter>,
    pending: Option<Pending>,
    /// What waits for the web to be saved through the path field, after
    /// "Save" was answered to "save your changes first?".
    after_save: Option<Pending>,
    open_problems: Option<(String, Vec<String>)>,
    window_title: String,
    closing: bool,
    layout: Option<LayoutRun>,
    export: ExportDialog,
    find: String,
}

impl CausalWebApp {
    /// The app, on the file in `options` (or the start view).
    pub fn new(cc: &eframe::CreationContext<'_>, options: AppOptions) -> Self {
        install_label_font(&cc.egui_ctx);
        cc.egui_ctx.set_visuals(egui::Visuals::light());
        let mut app = CausalWebApp {
            ctx: cc.egui_ctx.clone(),
            doc: None,
            canvas: Canvas::default(),
            selection: Selection::Nothing,
            inspector: Inspector::default(),
            library: StudyLibrary::default(),
            status: Status::default(),
            dialogs: FileDialogs::new(options.path_field_only),
            recent: RecentFiles::load(options.recent_store),
            screenshot: options.screenshot.map(Screenshotter::new),
            pending: None,
            after_save: None,
            open_problems: None,
            window_title: String::new(),
            closing: false,
            layout: None,
            export: ExportDialog::default(),
            find: String::new(),
        };
        if let Some(path) = options.file {
            app.open_path(&path);
        }
        if let Some(key) = options.select {
            let id = app
                .project()
                .map(|p| p.find_node(&key).map(|n| n.id.clone()));
            match id {
                Some(Ok(id)) => app.select(Selection::Nodes(vec![id])),
                Some(Err(why)) => app.status.problem(format!("Nothing selected: {why}")),
                None => {}
            }
        }
        app
    }

    /// The open web, if any.
    pub fn project(&self) -> Option<&Project> {
        self.doc.as_ref().map(|d| d.editor.project())
    }

    /// Where the open web is saved, if anywhere yet.
    pub fn path(&self) -> Option<&Path> {
        self.doc.as_ref().and_then(|d| d.path.as_deref())
    }

    /// Whether the open web has unsaved changes.
    pub fn is_dirty(&self) -> bool {
        self.doc.as_ref().is_some_and(|d| d.editor.is_dirty())
    }

    /// What is selected.
    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    /// The canvas (for its view transform).
    pub fn canvas(&self) -> &Canvas {
        &self.canvas
    }

    /// The status line.
    pub fn status(&self) -> &Status {
        &self.status
    }

    /// Whether the path field (the fallback of a native file dialog) is showing.
    pub fn is_asking_for_path(&self) -> bool {
        self.dialogs.is_prompting()
    }

    /// Whether the export window is working out how the figure would print.
    pub fn is_export_reading(&self) -> bool {
        self.export.is_reading()
    }

    /// Whether a layout is running (animated, not yet applied).
    pub fn is_layout_running(&self) -> bool {
        self.layout.is_some()
    }

    /// The reader's messages about the last file that failed to open.
    pub fn open_problems(&self) -> Option<&[String]> {
        self.open_problems.as_ref().map(|(_, p)| p.as_slice())
    }

    /// Carries out one action, as if the user had asked for it.
    pub fn act(&mut self, action: UiAction) {
        match &action {
            UiAction::Edit(_)
            | UiAction::AddNode(..)
            | UiAction::AddLink { .. }
            | UiAction::DeleteSelection
            | UiAction::LayoutStop
            | UiAction::LayoutForce
            | UiAction::LayoutLayered { .. }
            | UiAction::LayoutLayeredForPage(_)
            | UiAction::Save
            | UiAction::SaveAs
            | UiAction::ImportCmocs
            | UiAction::ExportCmocs => self.commit_layout(),
            UiAction::Undo | UiAction::Redo => self.layout = None,
            _ => {}
        }
        match action {
            UiAction::Edit(command) => {
                self.edit(command);
            }
            UiAction::Select(selection) => self.select(selection),
            UiAction::AddNode(kind, at) => {
                let Some(doc) = &self.doc else { return };
                let project = doc.editor.project();
                let label = format!("New {}", kind.name());
                let mut node = Node::new(project.fresh_node_id(&label), label, kind);
                // A node added from the toolbar or menu goes to the middle of
                // the view, or the nearest place there clear of other shapes;
                // one added at a point (double-click) goes there.
                let (x, y) = at.unwrap_or_else(|| {
                    let style = self.canvas.label_style();
                    let others: Vec<_> = project
                        .nodes
                        .iter()
                        .zip(node_shapes(project, style))
                        .filter_map(|(n, shape)| {
                            Some((n.position()?, (shape.width / 2.0, shape.height / 2.0)))
                        })
                        .collect();
                    let shape = node_shape(&node.label, kind, style);
                    nearest_free_place(
                        &others,
                        (shape.width / 2.0, shape.height / 2.0),
                        self.canvas.view_centre(),
                        ForceSettings::default().margin,
                    )
                });
                node.set_position(x, y);
                let id = node.id.clone();
                if self.edit(EditCommand::AddNode(node)) {
                    self.select(Selection::Nodes(vec![id]));
                    self.inspector.focus_label = true;
                }
            }
            UiAction::AddLink { source, target } => {
                let Some(doc) = &self.doc else { return };
                let link = Link::new(doc.editor.project().fresh_link_id(), source, target);
                let id = link.id.clone();
                if self.edit(EditCommand::AddLink(link)) {
                    self.select(Selection::Link(id));
                }
            }
            UiAction::DeleteSelection => match self.selection.clone() {
                Selection::Nodes(ids) => {
                    self.edit(EditCommand::RemoveNodes(ids));
                }
                Selection::Link(id) => {
                    self.edit(EditCommand::RemoveLinks(vec![id]));
                }
                Selection::Study(_) | Selection::Nothing => {}
            },
            UiAction::Undo | UiAction::Redo => {
                let Some(doc) = &mut self.doc else { return };
                let (done, nothing) = if action == UiAction::Undo {
                    (doc.editor.undo(), "Nothing to undo")
                } else {
                    (doc.editor.redo(), "Nothing to redo")
                };
                self.status
                    .info(done.unwrap_or_else(|| nothing.to_string()));
                self.selection.retain_existing(doc.editor.project());
            }
            UiAction::New => self.guard(Pending::New),
            UiAction::Open => self.guard(Pending::Open),
            UiAction::OpenPath(path) => self.guard(Pending::OpenPath(path)),
            UiAction::OpenExample => self.guard(Pending::OpenExample),
            UiAction::Quit => self.guard(Pending::Quit),
            UiAction::Save => match self.path().map(Path::to_path_buf) {
                Some(path) => self.save_to(&path),
                None => self.act(UiAction::SaveAs),
            },
            UiAction::SaveAs => {
                let name = self.suggested_name("cweb.json");
                if let Some(path) = self.dialogs.ask(FilePurpose::SaveProject, &name) {
                    self.save_to(&path);
                }
            }
            UiAction::ImportCmocs => {
                if let Some(path) = self.dialogs.ask(FilePurpose::ImportCmocs, "") {
                    self.import_cmocs(&path);
                }
            }
            UiAction::ExportCmocs => {
                let name = self.suggested_name("csv");
                if let Some(path) = self.dialogs.ask(FilePurpose::ExportCmocs, &name) {
                    self.export_cmocs(&path);
                }
            }
            UiAction::FitView => self.canvas.request_fit(),
            UiAction::FindNode(text) => {
                let Some(doc) = &self.doc else { return };
                let wanted = text.to_lowercase();
                let matches: Vec<&Node> = doc
                    .editor
                    .project()
                    .nodes
                    .iter()
                    .filter(|n| n.label.to_lowercase().contains(&wanted))
                    .collect();
                // Enter again finds the next match, after the one selected.
                let after = match &self.selection {
                    Selection::Nodes(ids) if ids.len() == 1 => {
                        matches.iter().position(|n| n.id == ids[0])
                    }
                    _ => None,
                };
                let at = after.map_or(0, |i| (i + 1) % matches.len().max(1));
                let count = matches.len();
                let found = matches
                    .get(at)
                    .map(|n| (n.id.clone(), n.label.clone(), n.position()));
                match found {
                    Some((id, label, position)) => {
                        if let Some((x, y)) = position {
                            self.canvas.centre_on(x, y);
                        }
                        self.select(Selection::Nodes(vec![id]));
                        self.status.info(if count == 1 {
                            format!("Found '{label}'")
                        } else {
                            format!(
                                "Found '{label}', {} of {count} (Enter for the next)",
                                at + 1
                            )
                        });
                    }
                    None => self
                        .status
                        .problem(format!("No node's label contains '{text}'")),
                }
            }
            UiAction::ExportFigure => {
                if self.doc.is_some() {
                    self.export.open();
                }
            }
            UiAction::LayoutForce => {
                if let Some(doc) = &self.doc {
                    let project = doc.editor.project();
                    self.layout = Some(LayoutRun::force(project, self.canvas.label_style(), false));
                    self.status
                        .info("Force layout running… (Layout ▸ Stop keeps where it is)");
                }
            }
            UiAction::LayoutLayered { left_to_right } => {
                let settings = LayeredSettings {
                    direction: if left_to_right {
                        Direction::LeftToRight
                    } else {
                        Direction::TopToBottom
                    },
                    ..Default::default()
                };
                self.start_layered_layout(settings);
            }
            UiAction::LayoutLayeredForPage(preset) => {
                let settings = LayeredSettings::fitting_page(
                    preset.width_mm(),
                    PAGE_TEXT_PT,
                    self.canvas.label_style().font_size,
                );
                self.start_layered_layout(settings);
            }
            UiAction::LayoutStop => {}
        }
    }

    /// Starts the layered layout of the open web with `settings` on its own
    /// thread (the web changes once it is done).
    fn start_layered_layout(&mut self, settings: LayeredSettings) {
        let Some(doc) = &self.doc else { return };
        self.layout = Some(LayoutRun::layered(
            doc.editor.project(),
            self.canvas.label_style(),
            settings,
        ));
        self.status
            .info("Layered layout running… (Layout ▸ Stop keeps the web as it was)");
    }

    /// Applies a running layout's current positions as one undoable edit
    /// and stops it (before any other edit, so edits see what is shown).
    fn commit_layout(&mut self) {
        let Some(mut run) = self.layout.take() else {
            return;
        };
        if !run.has_positions_to_apply() {
            self.status
                .info("Stopped the layered layout before it was done; the web is as it was");
            return;
        }
        let Some(doc) = &mut self.doc else { return };
        if !run.fits(doc.editor.project()) {
            return;
        }
        let fresh = run.on_open && !doc.editor.can_undo() && !doc.editor.is_dirty();
        match doc.editor.apply(run.command()) {
            Ok(_) if fresh => {
                // Placing a just-opened web is part of opening it, not an
                // edit to undo; its positions are written by the next save.
                let placed = doc.editor.project().clone();
                doc.editor = Editor::new(placed);
                self.status.info("Laid out the web");
            }
            Ok(done) => self.status.info(done),
            Err(refused) => self.status.problem(refused.0),
        }
    }

    /// Shows a running layout's latest positions; applies them once settled.
    fn run_layout(&mut self) {
        let Some(run) = &mut self.layout else { return };
        let settled = run.poll();
        if run.on_open {
            self.canvas.request_fit();
        }
        if settled {
            self.commit_layout();
            self.canvas.request_fit();
        } else {
            self.ctx.request_repaint();
        }
    }

    /// A file name for Save As and exports: the open file's stem with `extension`.
    fn suggested_name(&self, extension: &str) -> String {
        let stem = self
            .path()
            .and_then(|p| p.file_name())
            .map(|n| {
                n.to_string_lossy()
                    .trim_end_matches(".cweb.json")
                    .trim_end_matches(".json")
                    .to_string()
            })
            .unwrap_or_else(|| "untitled".to_string());
        format!("{stem}.{extension}")
    }

    /// Applies an edit; reports it in the status line. Returns whether it was applied.
    fn edit(&mut self, command: EditCommand) -> bool {
        let Some(doc) = &mut self.doc else {
            return false;
        };
        match doc.editor.apply(command) {
            Ok(done) => {
                self.status.info(done);
                self.selection.retain_existing(doc.editor.project());
                true
            }
            Err(refused) => {
                self.status.problem(refused.0);
                false
            }
        }
    }

    fn select(&mut self, selection: Selection) {
        if selection != self.selection {
            if let Some(doc) = &mut self.doc {
                doc.editor.seal();
            }
            self.selection = selection;
        }
    }

    /// Does `what` now, or first asks about unsaved changes.
    fn guard(&mut self, what: Pending) {
        if self.is_dirty() {
            self.pending = Some(what);
        } else {
            self.proceed(what);
        }
    }

    fn proceed(&mut self, what: Pending) {
        match what {
            Pending::New => {
                self.set_document(Project::default(), None);
                self.status.info("New web");
            }
            Pending::Open => {
                if let Some(path) = self.dialogs.ask(FilePurpose::OpenProject, "") {
                    self.open_path(&path);
                }
            }
            Pending::OpenPath(path) => self.open_path(&path),
            Pending::OpenExample => {
                match parse_project(EXAMPLE.as_bytes(), "example") {
                    Ok(project) => {
                        self.set_document(project, None);
                        self.status.info("Opened the example: the causal web of inter-organisational collaboration");
                    }
                    Err(problems) => self.status.problem(problems.to_string()),
                }
            }
            Pending::Quit => {
                self.closing = true;
                self.ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Opens a project file; when it cannot be read, shows the reader's
    /// messages and keeps the open web as it was.
    pub fn open_path(&mut self, path: &Path) {
        match load_project(path) {
            Ok(project) => {
                self.set_document(project, Some(path.to_path_buf()));
                self.recent.remember(path);
                self.open_problems = None;
                self.status.info(format!("Opened {}", path.display()));
            }
            Err(problems) => {
                let lines: Vec<String> = problems.0.iter().map(|p| p.to_string()).collect();
                self.status.problem(format!(
                    "Could not open {}: {} (the open web is unchanged)",
                    path.display(),
                    lines.first().cloned().unwrap_or_default()
                ));
                self.open_problems = Some((path.display().to_string(), lines));
            }
        }
    }

    fn set_document(&mut self, project: Project, path: Option<PathBuf>) {
        self.layout = project
            .nodes
            .iter()
            .any(|n| n.position().is_none())
            .then(|| LayoutRun::force(&project, self.canvas.label_style(), true));
        self.doc = Some(Document {
            editor: Editor::new(project),
            path,
        });
        self.selection = Selection::Nothing;
        match self
            .doc
            .as_ref()
            .and_then(|d| d.editor.project().view_place())
        {
            Some(place) => self.canvas.request_place(place),
            None => self.canvas.request_fit(),
        }
    }

    fn save_to(&mut self, path: &Path) {
        let Some(doc) = &mut self.doc else { return };
        // Saved with where the view looks, so that the web reopens there
        // (not an edit: moving the view does not make the web unsaved).
        let mut saved = doc.editor.project().clone();
        saved.set_view_place(self.canvas.view_place());
        match save_project(&saved, path) {
            Ok(()) => {
                doc.editor.mark_saved();
                doc.path = Some(path.to_path_buf());
                self.recent.remember(path);
                self.status.info(format!("Saved {}", path.display()));
            }
            Err(e) => self
                .status
                .problem(format!("Could not save {}: {e}", path.display())),
        }
    }

    fn import_cmocs(&mut self, path: &Path) {
        let Some(doc) = &self.doc else { return };
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                self.status
                    .problem(format!("Could not read {}: {e}", path.display()));
                return;
            }
        };
        let mut project = doc.editor.project().clone();
        match read_cmoc_table(&text, &path.display().to_string(), &mut project) {
            Ok(added) => {
                let unplaced = project.nodes.iter().any(|n| n.position().is_none());
                if self.edit(EditCommand::ReplaceProject(Box::new(project))) {
                    if unplaced {
                        self.act(UiAction::LayoutForce);
                    }
                    self.status.info(format!(
                        "Imported {}: {}, {}, {}, {} added",
                        counted(added.rows, "row", "rows"),
                        counted(added.nodes_added, "node", "nodes"),
                        counted(added.links_added, "link", "links"),
                        counted(added.studies_added, "study", "studies"),
                        counted(added.citations_added, "citation", "citations")
                    ));
                }
            }
            Err(problems) => {
                let lines: Vec<String> = problems.0.iter().map(|p| p.to_string()).collect();
                self.status.problem(format!(
                    "Could not import {}: nothing was added",
                    path.display()
                ));
                self.open_problems = Some((path.display().to_string(), lines));
            }
        }
    }

    fn export_cmocs(&mut self, path: &Path) {
        let Some(project) = self.project() else {
            return;
        };
        let table = write_cmoc_table(project);
        match write_atomically(path, table.as_bytes()) {
            Ok(()) => self
                .status
                .info(format!("Wrote the CMOC table {}", path.display())),
            Err(e) => self
                .status
                .problem(format!("Could not write {}: {e}", path.display())),
        }
    }

    /// Writes the figure with the export window's options, through the
    /// same job as `causal-web export`.
    pub fn export_figure(&mut self, path: &Path) {
        let Some(project) = self.project() else {
            return;
        };
        // The figure looks like the screen: links go round shapes as the
        // web's view says.
        let request = match self.export.request(path, &project.title) {
            Ok(r) => r,
            Err(problem) => {
                self.status
                    .problem(format!("The figure was not written: {problem}"));
                self.export.refuse(problem);
                return;
            }
        };
        let report = export_project_figure(project, &request);
        self.export.clear_problem();
        if report.ok() {
            let wrote = report.stdout.trim_end();
            let mut warnings = report.warnings.clone();
            warnings.extend(self.export.format_note(&request.output));
            if warnings.is_empty() {
                self.status.info(wrote);
            } else {
                self.status
                    .problem(format!("{wrote}; warning: {}", warnings.join("; ")));
            }
        } else {
            self.status.problem(report.problems.join("; "));
        }
    }

    /// Keyboard shortcuts; those that edit the web wait while a text field has the keyboard.
    fn shortcuts(&mut self, ctx: &egui::Context) -> Vec<UiAction> {
        let mut actions = Vec::new();
        let command = Modifiers::COMMAND;
        let command_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let typing = ctx.egui_wants_keyboard_input();
        let mut focus_find = false;
        ctx.input_mut(|i| {
            let mut take = |m: Modifiers, k: Key| i.consume_shortcut(&KeyboardShortcut::new(m, k));
            if take(command_shift, Key::S) {
                actions.push(UiAction::SaveAs);
            } else if take(command, Key::S) {
                actions.push(UiAction::Save);
            }
            if take(command, Key::O) {
                actions.push(UiAction::Open);
            }
            if take(command, Key::N) {
                actions.push(UiAction::New);
            }
            if take(command, Key::Q) {
                actions.push(UiAction::Quit);
            }
            if take(command, Key::F) {
                focus_find = true;
            }
            if !typing {
                if take(command_shift, Key::Z) || take(command, Key::Y) {
                    actions.push(UiAction::Redo);
                } else if take(command, Key::Z) {
                    actions.push(UiAction::Undo);
                }
                if take(Modifiers::NONE, Key::Delete) || take(Modifiers::NONE, Key::Backspace) {
                    actions.push(UiAction::DeleteSelection);
                }
                if take(Modifiers::NONE, Key::F) {
                    actions.push(UiAction::FitView);
                }
            }
        });
        if focus_find {
            ctx.memory_mut(|m| m.request_focus(super::menu::find_field_id()));
        }
        actions
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let title = match &self.doc {
            None => "causal-web".to_string(),
            Some(doc) => {
                let name = doc
                    .path
                    .as_ref()
                    .and_then(|p| p.file_name())
                    .map_or("Untitled".to_string(), |n| n.to_string_lossy().to_string());
                let mark = if doc.editor.is_dirty() { "*" } else { "" };
                format!("{name}{mark} — causal-web")
            }
        };
        if title != self.window_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.window_title = title;
        }
    }

    /// The "save first?" question, while one is pending.
    fn unsaved_changes_dialog(&mut self, ctx: &egui::Context) {
        let Some(pending) = self.pending.clone() else {
            return;
        };
        let mut answer = None;
        egui::Window::new("Unsaved changes")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label("The open web has changes that are not saved.");
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        answer = Some(0);
                    }
                    if ui.button("Discard changes").clicked() {
                        answer = Some(1);
                    }
                    if ui.button("Cancel").clicked() {
                        answer = Some(2);
                    }
                });
            });
        match answer {
            Some(0) => {
                self.pending = None;
                self.act(UiAction::Save);
                if !self.is_dirty() {
                    self.proceed(pending);
                } else if self.dialogs.is_prompting() {
                    // An untitled web is saved once its path is typed.
                    self.after_save = Some(pending);
                }
            }
            Some(1) => {
                self.pending = None;
                self.proceed(pending);
            }
            Some(_) => self.pending = None,
            None => {}
        }
    }

    fn problems_window(&mut self, ctx: &egui::Context) {
        let Some((file, lines)) = &self.open_problems else {
            return;
        };
        let mut open = true;
        // Named by the file's name (its path is in every line below),
        // wide enough to read a line, in the middle of the window.
        let name = std::path::Path::new(file)
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        egui::Window::new(format!("Could not read {name}"))
            .id(egui::Id::new("open-problems"))
            .open(&mut open)
            .default_width(640.0)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                ui.label("Nothing was changed. The reader found:");
                egui::ScrollArea::vertical()
                    .max_height(300.0)
                    .show(ui, |ui| {
                        for line in lines {
                            ui.add(egui::Label::new(egui::RichText::new(line).monospace()).wrap());
                        }
                    });
            });
        if !open {
            self.open_problems = None;
        }
    }
}

impl eframe::App for CausalWebApp {
    /// Only the window's size and place are kept (eframe's `persist_window`),
    /// not egui's memory: the canvas's zoom and pan belong to each web, kept
    /// in its file, and must not carry over to the next web opened.
    fn persist_egui_memory(&self) -> bool {
        false
    }

    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        self.run_layout();
        let mut actions = self.shortcuts(&ctx);

        if ctx.input(|i| i.viewport().close_requested()) && self.is_dirty() && !self.closing {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.pending = Some(Pending::Quit);
        }
        if let Some(path) =
            ctx.input(|i| i.raw.dropped_files.first().map(|f| f.path().to_path_buf()))
        {
            actions.push(UiAction::OpenPath(path));
        }

        egui::Panel::top("menu").show(ui, |ui| {
            let state = MenuState {
                has_web: self.doc.is_some(),
                can_undo: self.doc.as_ref().is_some_and(|d| d.editor.can_undo()),
                can_redo: self.doc.as_ref().is_some_and(|d| d.editor.can_redo()),
                layout_running: self.layout.is_some(),
                recent: self.recent.paths(),
                links_round_shapes: self.canvas.route_links,
                link_width_by_studies: self.canvas.width_by_studies,
            };
            actions.extend(menu_bar(ui, &state, &mut self.canvas));
            if self.doc.is_some() {
                actions.extend(toolbar(ui, &mut self.canvas, &mut self.find));
            }
        });
        egui::Panel::bottom("status").show(ui, |ui| {
            self.status
                .show(ui, self.doc.as_ref().map(|d| d.editor.project()), "");
        });
        match &self.doc {
            None => {
                egui::CentralPanel::default().show(ui, |ui| {
                    actions.extend(start_view(ui, self.recent.paths()));
                });
            }
            Some(doc) => {
                let project = doc.editor.project();
                let preview = self
                    .layout
                    .as_ref()
                    .filter(|run| run.fits(project))
                    .map(|run| run.positions());
                // The side panels give way in a narrow window, so that the
                // canvas keeps the larger part of it.
                let width = ui.available_width();
                egui::Panel::left("library")
                    .resizable(true)
                    .default_size((0.22 * width).min(250.0))
                    .size_range((0.15 * width).min(160.0)..=(0.3 * width).min(420.0))
                    .show(ui, |ui| {
                        actions.extend(self.library.show(ui, project, &self.selection));
                    });
                egui::Panel::right("inspector")
                    .resizable(true)
                    .default_size((0.3 * width).min(340.0))
                    .size_range((0.2 * width).min(240.0)..=(0.4 * width).min(560.0))
                    .show(ui, |ui| {
                        actions.extend(self.inspector.show(ui, project, &self.selection));
                    });
                egui::CentralPanel::default()
                    .frame(egui::Frame::NONE.fill(egui::Color32::WHITE))
                    .show(ui, |ui| {
                        actions.extend(self.canvas.show(ui, project, &self.selection, preview));
                    });
            }
        }
        let web = self
            .doc
            .as_ref()
            .map(|doc| (doc.editor.project(), doc.editor.state()));
        let selected: &[String] = match &self.selection {
            Selection::Nodes(ids) => ids,
            _ => &[],
        };
        if self.export.show(&ctx, web, selected) {
            let name = self.suggested_name(self.export.extension());
            if let Some(path) = self.dialogs.ask(FilePurpose::ExportFigure, &name) {
                self.export_figure(&path);
            }
        }
        self.unsaved_changes_dialog(&ctx);
        self.problems_window(&ctx);
        if let Some((purpose, path)) = self.dialogs.show(&ctx) {
            match purpose {
                FilePurpose::OpenProject => self.open_path(&path),
                FilePurpose::SaveProject => {
                    self.save_to(&path);
                    if !self.is_dirty() {
                        if let Some(then) = self.after_save.take() {
                            self.proceed(then);
                        }
                    }
                }
                FilePurpose::ImportCmocs => self.import_cmocs(&path),
                FilePurpose::ExportCmocs => self.export_cmocs(&path),
                FilePurpose::ExportFigure => self.export_figure(&path),
            }
        }
        if !self.dialogs.is_prompting() {
            // The path was not given (or the web not saved): nothing follows.
            self.after_save = None;
        }
        for action in actions {
            self.act(action);
        }
        self.update_title(&ctx);
        if let Some(shot) = &mut self.screenshot {
            shot.step(
                &ctx,
                self.layout.is_none() && self.canvas.is_drawing_complete(),
            );
        }
    }
}
