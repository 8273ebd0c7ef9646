//! Time of the figure export on random webs (`cargo bench --bench export`):
//! the SVG of 1,000 nodes (more than links are routed for), of 200 nodes
//! with links routed round shapes and with straight links, and the 300-dpi
//! PNG of 50 nodes, each from a laid-out web (the layout is done once,
//! outside the timing), figure description included. The webs are those of `benches/peers.sh export`
//! (`support/random_web.rs`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

use causal_web::export::{export_bytes, ExportFormat, ExportSettings};
use causal_web::figure::{Figure, FigureStyle, Point};
use causal_web::jobs::{figure_positions, FigureLayout};
use causal_web::model::Project;

#[path = "support/random_web.rs"]
mod random_web;

fn laid_out(n: usize) -> (Project, Vec<Point>) {
    let project = random_web::random_web(n, 42);
    let positions = figure_positions(&project, &FigureStyle::default().label, FigureLayout::Force);
    (project, positions)
}

fn export(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    let style = FigureStyle::default();
    let settings = ExportSettings::default();

    let (web, positions) = laid_out(1000);
    group.bench_with_input(BenchmarkId::new("svg", 1000), &web, |b, web| {
        b.iter(|| {
            let figure = Figure::build(web, &style, &positions);
            export_bytes(&figure, ExportFormat::Svg, &settings).unwrap()
        })
    });

    let (web, positions) = laid_out(200);
    for (name, route_links) in [("svg_links_routed", true), ("svg_links_straight", false)] {
        let style = FigureStyle {
            route_links,
            ..FigureStyle::default()
        };
        group.bench_with_input(BenchmarkId::new(name, 200), &web, |b, web| {
            b.iter(|| {
                let figure = Figure::build(web, &style, &positions);
                export_bytes(&figure, ExportFormat::Svg, &settings).unwrap()
            })
        });
    }

    let (web, positions) = laid_out(50);
    group.bench_with_input(BenchmarkId::new("png_300dpi", 50), &web, |b, web| {
        b.iter(|| {
            let figure = Figure::build(web, &style, &positions);
            export_bytes(&figure, ExportFormat::Png, &settings).unwrap()
        })
    });
    group.finish();
}

criterion_group!(benches, export);
criterion_main!(benches);
