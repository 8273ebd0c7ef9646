//! Reading and writing a large project file: 10,000 nodes, 25,000 links,
//! 50,000 citations (`cargo bench --bench project_io`).

use causal_web::io::{parse_project, project_to_json};
use causal_web::model::{Evidence, Link, Node, NodeKind, Project, Study};
use criterion::{criterion_group, criterion_main, Criterion};

/// A deterministic web of the given size (a small linear congruential
/// generator picks link ends and cited studies).
fn generated(nodes: usize, links: usize, citations: usize) -> Project {
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = |n: usize| {
        state = state
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((state >> 33) as usize) % n
    };
    let mut p = Project {
        title: "Generated web".into(),
        ..Default::default()
    };
    p.studies = (0..500)
        .map(|i| Study {
            authors: vec![format!("Author{i}, A."), format!("Second{i}, B.")],
            year: Some(1990 + i % 35),
            title: format!("Study number {i} of a realist review"),
            ..Study::new(format!("study{i}"))
        })
        .collect();
    p.nodes = (0..nodes)
        .map(|i| {
            let kind = [NodeKind::Context, NodeKind::Mechanism, NodeKind::Outcome][i % 3];
            let mut n = Node::new(
                format!("n{i}"),
                format!("Node {i} with a label of some words"),
                kind,
            );
            n.set_position((i % 100) as f64 * 180.5, (i / 100) as f64 * 90.25);
            n
        })
        .collect();
    let mut seen = std::collections::HashSet::new();
    while p.links.len() < links {
        let (a, b) = (next(nodes), next(nodes));
        if a != b && seen.insert((a, b)) {
            p.links.push(Link::new(
                format!("l{}", p.links.len()),
                format!("n{a}"),
                format!("n{b}"),
            ));
        }
    }
    for c in 0..citations {
        let link = next(links);
        p.links[link].evidence.push(Evidence {
            study: format!("study{}", next(500)),
            quote: "a supporting excerpt from the study".into(),
            page: format!("{}", c % 300),
            cmoc: format!("C{}", c % 2000),
        });
    }
    p
}

fn project_io(c: &mut Criterion) {
    let project = generated(10_000, 25_000, 50_000);
    let text = project_to_json(&project);
    let mut group = c.benchmark_group("project file, 10k nodes, 25k links, 50k citations");
    group.sample_size(20);
    group.bench_function("read", |b| {
        b.iter(|| parse_project(text.as_bytes(), "bench").unwrap())
    });
    group.bench_function("write", |b| b.iter(|| project_to_json(&project)));
    group.bench_function("read + write", |b| {
        b.iter(|| project_to_json(&parse_project(text.as_bytes(), "bench").unwrap()))
    });
    group.finish();
    println!("file size: {:.1} MB", text.len() as f64 / 1e6);
}

criterion_group!(benches, project_io);
criterion_main!(benches);
