//! The canvas draws through egui_graphs' `GraphView`, which asks for a
//! repaint on every frame it runs: the canvas runs it only when something
//! drawn changed, so an untouched window stops repainting.

mod common;

use causal_web::ui::{AppOptions, CausalWebApp};
use egui_kittest::Harness;

fn harness() -> Harness<'static, CausalWebApp> {
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(|cc| {
            CausalWebApp::new(
                cc,
                AppOptions {
                    file: Some(common::example()),
                    path_field_only: true,
                    ..Default::default()
                },
            )
        });
    h.run_steps(8);
    common::drawn(&mut h);
    h
}

#[test]
fn an_untouched_web_stops_repainting_also_after_a_zoom() {
    let mut h = harness();
    assert!(h.state().project().is_some(), "the example is open");
    assert!(
        !h.ctx.has_requested_repaint(),
        "an idle canvas asks for no repaint"
    );
    // The view changes (a zoom): GraphView draws again, then the canvas
    // settles.
    let p = h.state().project().unwrap().clone();
    let trust = p.find_node("Trust").unwrap().id.clone();
    let before = h.state().canvas().node_screen_pos(&p, &trust).unwrap();
    h.hover_at(before + egui::vec2(0.0, 60.0));
    h.run_steps(1);
    h.event(egui::Event::Zoom(1.25));
    h.run_steps(4);
    let after = h.state().canvas().node_screen_pos(&p, &trust).unwrap();
    assert_ne!(before, after, "the view zoomed");
    assert!(!h.ctx.has_requested_repaint(), "and then the canvas idles");
}
