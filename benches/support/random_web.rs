//! Random causal webs for the benchmarks (`benches/layout.rs`,
//! `benches/export.rs`) and the comparisons with Graphviz
//! (`examples/peer_webs.rs`, `benches/peers.sh`).

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
    "relationships",
    "commitment",
    "capacity",
    "legitimacy",
    "conflict",
    "risk",
    "perceived",
    "benefit",
    "of",
    "and",
    "between",
    "with",
    "service",
    "integration",
    "outcomes",
    "quality",
];

/// SplitMix64, so that the generated webs are the same everywhere.
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
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A random causal web: kinds 30/45/25 %, labels of 1 to 6 words, about 2.5
/// links per node, mostly context → mechanism, mechanism → outcome and
/// outcome → context (chains of CMOCs), some at random; one link in ten
/// negative and one in ten unclear. The polarities are drawn from a stream
/// of their own, so the nodes and links do not depend on them.
pub fn random_web(n: usize, seed: u64) -> Project {
    let mut rng = Rng(seed ^ (n as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
    let mut project = Project {
        title: format!("Random web of {n} nodes"),
        ..Project::default()
    };
    let mut by_kind: [Vec<usize>; 3] = Default::default();
    for i in 0..n {
        let r = rng.unit();
        let kind = if r < 0.30 {
            NodeKind::Context
        } else if r < 0.75 {
            NodeKind::Mechanism
        } else {
            NodeKind::Outcome
        };
        let words = 1 + rng.below(6);
        let mut label: Vec<&str> = (0..words).map(|_| WORDS[rng.below(WORDS.len())]).collect();
        label[0] = WORDS[rng.below(37)];
        let mut label = label.join(" ");
        label[..1].make_ascii_uppercase();
        by_kind[kind as usize].push(i);
        project.nodes.push(Node::new(format!("n{i}"), label, kind));
    }
    let wanted = (n as f64 * 2.5).round() as usize;
    let mut seen = std::collections::HashSet::new();
    let mut attempts = 0;
    while project.links.len() < wanted && attempts < wanted * 20 && n > 1 {
        attempts += 1;
        let r = rng.unit();
        let (from, to) = if r < 0.40 {
            (0, 1)
        } else if r < 0.70 {
            (1, 2)
        } else if r < 0.85 {
            (2, 0)
        } else {
            (rng.below(3), rng.below(3))
        };
        if by_kind[from].is_empty() || by_kind[to].is_empty() {
            continue;
        }
        let a = by_kind[from][rng.below(by_kind[from].len())];
        let b = by_kind[to][rng.below(by_kind[to].len())];
        if a == b || !seen.insert((a, b)) {
            continue;
        }
        let id = format!("l{}", project.links.len() + 1);
        project
            .links
            .push(Link::new(id, format!("n{a}"), format!("n{b}")));
    }
    let mut rng = Rng(rng.next() ^ 0x706F_6C61_7269_7479);
    for link in &mut project.links {
        link.polarity = match rng.below(10) {
            0 => Polarity::Negative,
            1 => Polarity::Unclear,
            _ => Polarity::Positive,
        };
    }
    project
}
