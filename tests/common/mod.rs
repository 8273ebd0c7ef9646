//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::PathBuf;

/// A file of `../shared/testdata/`.
pub fn testdata(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/testdata")
        .join(name)
}

/// The bundled example web.
pub fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/examples/collaboration.cweb.json")
}

/// Runs frames until the editor's canvas has drawn every link exactly: its
/// way round the shapes (found on a thread) and its polarity mark (when a
/// web is open).
pub fn drawn(h: &mut egui_kittest::Harness<'_, causal_web::ui::CausalWebApp>) {
    if h.state().project().is_none() {
        return;
    }
    for _ in 0..60_000 {
        if h.state().canvas().is_drawing_complete() {
            break;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(
        h.state().canvas().is_drawing_complete(),
        "the canvas draws every link"
    );
    h.run_steps(2);
}
