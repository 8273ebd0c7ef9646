//! One editor frame, headless: the whole app (panels, inspector, canvas)
//! run through egui and tessellated into triangles, no GPU. Webs of 200 and
//! 2,000 nodes with 5,000 links; and the time from start to first frame on
//! the bundled example.
//!
//! `cargo bench --bench editor_frame`

use std::hint::black_box;

use causal_web::model::{Link, Node, NodeKind, Project};
use causal_web::ui::{AppOptions, CausalWebApp, Selection, UiAction};
use criterion::{criterion_group, criterion_main, Criterion};
use egui_kittest::Harness;

#[path = "../tests/common/mod.rs"]
mod common;

/// A web of `nodes` nodes on a grid and `links` links between pseudo-random
/// pairs (the same web every run).
fn web(nodes: usize, links: usize) -> Project {
    let mut p = Project::default();
    let columns = (nodes as f64).sqrt().ceil() as usize;
    for i in 0..nodes {
        let kind = NodeKind::ALL[i % 3];
        let mut n = Node::new(format!("n{i}"), format!("Node number {i} of the web"), kind);
        n.set_position((i % columns) as f64 * 260.0, (i / columns) as f64 * 140.0);
        p.nodes.push(n);
    }
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |m: usize| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % m as u64) as usize
    };
    let mut seen = std::collections::HashSet::new();
    while p.links.len() < links {
        let (a, b) = (next(nodes), next(nodes));
        if a != b && seen.insert((a, b)) {
            p.links.push(Link::new(
                format!("l{}", p.links.len() + 1),
                format!("n{a}"),
                format!("n{b}"),
            ));
        }
    }
    p
}

fn harness_on(project: Option<Project>) -> Harness<'static, CausalWebApp> {
    let dir = tempfile::tempdir().unwrap();
    let file = project.map(|p| {
        let path = dir.path().join("bench.cweb.json");
        causal_web::io::save_project(&p, &path).unwrap();
        path
    });
    let mut h = Harness::builder()
        .with_size(egui::vec2(1400.0, 900.0))
        .build_eframe(move |cc| {
            CausalWebApp::new(
                cc,
                AppOptions {
                    file,
                    path_field_only: true,
                    ..Default::default()
                },
            )
        });
    h.run_steps(3);
    common::drawn(&mut h);
    h
}

/// One frame: the egui pass and tessellation of its shapes.
fn frame(h: &mut Harness<'_, CausalWebApp>) -> usize {
    h.step();
    let output = h.output();
    let primitives = h
        .ctx
        .tessellate(output.shapes.clone(), output.pixels_per_point);
    primitives.len()
}

fn frames(c: &mut Criterion) {
    let mut group = c.benchmark_group("editor frame");
    group.sample_size(30);
    for nodes in [200, 2000] {
        let mut h = harness_on(Some(web(nodes, 5000)));
        group.bench_function(format!("{nodes} nodes, 5000 links, idle"), |b| {
            b.iter(|| black_box(frame(&mut h)))
        });
        group.bench_function(format!("{nodes} nodes, 5000 links, layout running"), |b| {
            b.iter(|| {
                if !h.state().is_layout_running() {
                    h.state_mut().act(UiAction::LayoutForce);
                }
                black_box(frame(&mut h))
            })
        });
        h.state_mut().act(UiAction::LayoutStop);
        let first = h.state().project().unwrap().nodes[0].id.clone();
        h.state_mut()
            .act(UiAction::Select(Selection::Nodes(vec![first])));
        group.bench_function(format!("{nodes} nodes, 5000 links, a node selected"), |b| {
            b.iter(|| black_box(frame(&mut h)))
        });
    }
    group.finish();

    let mut group = c.benchmark_group("start");
    group.sample_size(10);
    group.bench_function("example: start to first frame", |b| {
        b.iter(|| {
            let mut h = Harness::builder()
                .with_size(egui::vec2(1400.0, 900.0))
                .build_eframe(|cc| {
                    let mut app = CausalWebApp::new(cc, AppOptions::default());
                    app.act(UiAction::OpenExample);
                    app
                });
            black_box(frame(&mut h))
        })
    });
    group.finish();
}

criterion_group!(benches, frames);
criterion_main!(benches);
