//! The editor window (eframe): a canvas of the web in the middle, the study
//! library on the left, an inspector on the right, a menu bar, a toolbar and
//! a status line. Panels and the canvas return [`UiAction`]s; the app applies
//! them, changing the web only through [`crate::edit::Editor`].

mod action;
mod app;
mod attribute_field;
mod canvas;
mod canvas_display;
mod export_dialog;
mod file_dialogs;
mod fonts;
mod inspector;
mod layout_run;
mod menu;
mod recent_files;
mod screenshot;
mod selection;
mod start_view;
mod status;
mod study_library;
mod text_width;

use std::process::ExitCode;

pub use action::UiAction;
pub use app::{AppOptions, CausalWebApp, EXAMPLE};
pub use canvas::{Canvas, Hit};
pub use file_dialogs::FilePurpose;
pub use recent_files::{config_dir, RecentFiles};
pub use screenshot::ScreenshotRequest;
pub use selection::Selection;
pub use status::Status;
pub use study_library::matching_studies;

/// Opens the editor window and runs it until it is closed. Exit code 0, or
/// 1 when the window could not be opened or a requested screenshot not saved.
pub fn run_editor(options: AppOptions) -> ExitCode {
    let (w, h) = options.screenshot.as_ref().map_or((1280, 800), |s| s.size);
    let failure = options.screenshot.as_ref().map(|s| s.failure.clone());
    // Without a store, eframe is given an empty folder of its own, so that
    // it neither reads nor keeps a window's size anywhere else.
    let scratch = match options.window_store {
        Some(_) => None,
        None => tempfile::tempdir().ok(),
    };
    let persistence_path = options
        .window_store
        .clone()
        .or_else(|| scratch.as_ref().map(|dir| dir.path().join("window.ron")));
    let native = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_inner_size([w as f32, h as f32])
            .with_title("causal-web")
            .with_drag_and_drop(true),
        persist_window: options.window_store.is_some(),
        persistence_path,
        ..Default::default()
    };
    let result = eframe::run_native(
        "causal-web",
        native,
        Box::new(|cc| Ok(Box::new(CausalWebApp::new(cc, options)))),
    );
    if let Err(e) = result {
        eprintln!("causal-web: cannot open the editor window: {e}");
        return ExitCode::from(1);
    }
    if let Some(message) = failure.and_then(|f| f.lock().ok().and_then(|m| m.clone())) {
        eprintln!("{message}");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
