//! Time of the force-directed and layered layouts on random webs of 200 and
//! 1,000 nodes (`cargo bench --bench layout`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};

use causal_web::figure::LabelStyle;
use causal_web::layout::{
    force_layout, layered_layout, ForceSettings, LayeredSettings, LayoutGraph,
};

#[path = "support/random_web.rs"]
mod random_web;

fn layouts(c: &mut Criterion) {
    let mut group = c.benchmark_group("layout");
    group.sample_size(10);
    for n in [200, 1000] {
        let project = random_web::random_web(n, 42);
        let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
        group.bench_with_input(BenchmarkId::new("force", n), &graph, |b, g| {
            b.iter(|| force_layout(g, &ForceSettings::default()))
        });
        group.bench_with_input(BenchmarkId::new("layered", n), &graph, |b, g| {
            b.iter(|| layered_layout(g, &LayeredSettings::default()))
        });
    }
    group.finish();
}

criterion_group!(benches, layouts);
criterion_main!(benches);
