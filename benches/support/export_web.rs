//! Random causal webs for the export benchmarks (`benches/export.rs`,
//! `benches/export_peers.sh`), and the same web as Graphviz DOT.

use std::fmt::Write as _;

use causal_web::figure::{node_shape, LabelStyle};
use causal_web::model::{Link, Node, NodeKind, Polarity, Project};

const WORDS: &[&str] = &[
    "trust",
    "shared",
    "leadership",
    "communication",
    "resources",
    "culture",
    "time",
    "funding",
    "staff",
    "turnover",
    "partner",
    "organisations",
    "goals",
    "roles",
    "clear",
    "local",
    "power",
    "imbalance",
    "history",
    "joint",
    "working",
    "learning",
    "community",
    "engagement",
    "policy",
    "support",
    "accountability",
    "data",
    "sharing",
    "information",
    "of",
    "and",
    "between",
];

/// SplitMix64: the same webs on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A random web of `n` unplaced nodes (30 % contexts, 45 % mechanisms, 25 %
/// outcomes; labels of 1 to 6 words) and about 2.5 links per node, one in
/// ten negative and one in ten unclear.
pub fn random_web(n: usize, seed: u64) -> Project {
    let mut rng = Rng(seed ^ (n as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut project = Project::default();
    for i in 0..n {
        let kind = match rng.below(20) {
            0..=5 => NodeKind::Context,
            6..=14 => NodeKind::Mechanism,
            _ => NodeKind::Outcome,
        };
        let words: Vec<&str> = (0..1 + rng.below(6))
            .map(|_| WORDS[rng.below(WORDS.len())])
            .collect();
        let mut label = words.join(" ");
        label[..1].make_ascii_uppercase();
        project.nodes.push(Node::new(format!("n{i}"), label, kind));
    }
    let wanted = n * 5 / 2;
    let mut seen = std::collections::HashSet::new();
    let mut attempts = 0;
    while project.links.len() < wanted && attempts < wanted * 20 && n > 1 {
        attempts += 1;
        let (a, b) = (rng.below(n), rng.below(n));
        if a == b || !seen.insert((a, b)) {
            continue;
        }
        let mut link = Link::new(
            format!("l{}", project.links.len() + 1),
            format!("n{a}"),
            format!("n{b}"),
        );
        link.polarity = match rng.below(10) {
            0 => Polarity::Negative,
            1 => Polarity::Unclear,
            _ => Polarity::Positive,
        };
        project.links.push(link);
    }
    project
}

/// The web as DOT with our shapes: the same sizes (at 96 canvas units per
/// inch, as our figures), the same line breaks and font size.
pub fn to_dot(project: &Project) -> String {
    let style = LabelStyle::default();
    let mut s = format!(
        "digraph web {{\n  node [fixedsize=true, fontname=\"DejaVu Sans\", fontsize={}];\n",
        style.font_size * 72.0 / 96.0
    );
    for node in &project.nodes {
        let shape = node_shape(&node.label, node.kind, &style);
        let _ = writeln!(
            s,
            "  {} [shape={}, width={:.3}, height={:.3}, label=\"{}\"{}];",
            node.id,
            if node.kind == NodeKind::Context {
                "box"
            } else {
                "ellipse"
            },
            shape.width / 96.0,
            shape.height / 96.0,
            shape.lines.join("\\n"),
            if node.kind == NodeKind::Outcome {
                ", peripheries=2"
            } else {
                ""
            }
        );
    }
    for link in &project.links {
        let _ = writeln!(s, "  {} -> {};", link.source, link.target);
    }
    s.push_str("}\n");
    s
}
