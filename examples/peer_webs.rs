//! Helper of `benches/peers.sh`, which compares our layouts and our figure
//! export with Graphviz:
//!
//! - `generate N SEED DIR [layout|export]`: a random web of N nodes
//!   (`benches/support/random_web.rs`) as `DIR/web_N.cweb.json`, and the
//!   same web as `DIR/web_N.dot` with the same shapes, sizes and wrapped
//!   labels (box for contexts, ellipse for the rest), and
//!   `DIR/web_N_contexts_first.dot`, the same with every context in dot's
//!   first rank (as our layered layout has them). `layout` (the
//!   default) gives sizes at 72 units per inch, so that Graphviz's
//!   coordinates are ours, and `rankdir=LR` for dot; `export` gives the
//!   printed sizes, at 96 units per inch as our figures, and the outcomes'
//!   double outline;
//! - `count WEB.cweb.json LAID_OUT`: overlapping shapes and crossing links of
//!   a laid-out figure, read from our project file or Graphviz's SVG;
//! - `inprocess WEB.cweb.json RUNS`: our layouts timed inside the process
//!   (median of RUNS), with their overlaps and crossings;
//! - `drawn WEB.cweb.json`: the links of our figure of a laid-out web as
//!   drawn, straight and routed round shapes: how many pass behind a shape
//!   that is not one of their ends, how many are routed, how much longer
//!   and with how many bends, how many pairs of links are drawn on top of
//!   each other, and the time to build the figure.
//!
//! Run with `cargo run --release --example peer_webs -- COMMAND ...`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use causal_web::figure::{
    link_ends_together, links_drawn_together, marks_on_other_links, node_shape, Figure,
    FigureStyle, LabelStyle,
};
use causal_web::io::{load_project, save_project};
use causal_web::layout::{
    crossing_count, force_layout, layered_layout, links_behind_shapes, overlapping_pairs,
    shapes_extent, ForceSettings, LayeredSettings, LayoutGraph,
};
use causal_web::model::{NodeKind, Project};

#[path = "../benches/support/random_web.rs"]
mod random_web;
use random_web::random_web;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["generate", n, seed, dir] => generate(n, seed, Path::new(dir), Dot::Layout),
        ["generate", n, seed, dir, "layout"] => generate(n, seed, Path::new(dir), Dot::Layout),
        ["generate", n, seed, dir, "export"] => generate(n, seed, Path::new(dir), Dot::Export),
        ["count", web, laid_out] => count(Path::new(web), Path::new(laid_out)),
        ["inprocess", web, runs] => in_process(Path::new(web), runs),
        ["drawn", web] => drawn(Path::new(web)),
        _ => Err("usage: peer_webs generate N SEED DIR [layout|export] | count WEB.cweb.json LAID_OUT(.cweb.json|.svg) | inprocess WEB.cweb.json RUNS | drawn WEB.cweb.json".to_string()),
    };
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("{message}");
            ExitCode::from(1)
        }
    }
}

fn parse<T: std::str::FromStr>(what: &str, text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{what}: not a number: {text}"))
}

fn generate(n: &str, seed: &str, dir: &Path, flavour: Dot) -> Result<String, String> {
    let n: usize = parse("N", n)?;
    let seed: u64 = parse("SEED", seed)?;
    let project = random_web(n, seed);
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let json = dir.join(format!("web_{n}.cweb.json"));
    save_project(&project, &json).map_err(|e| format!("{}: {e}", json.display()))?;
    let dot = dir.join(format!("web_{n}.dot"));
    let dot_text = to_dot(&project, flavour);
    std::fs::write(&dot, &dot_text).map_err(|e| format!("{}: {e}", dot.display()))?;
    // The same DOT with every context held in dot's first rank, as our
    // layered layout holds them in its first layer.
    let first = dir.join(format!("web_{n}_contexts_first.dot"));
    std::fs::write(&first, contexts_first(&project, &dot_text))
        .map_err(|e| format!("{}: {e}", first.display()))?;
    Ok(format!(
        "{}: {} nodes, {} links\n",
        json.display(),
        project.nodes.len(),
        project.links.len()
    ))
}

/// What the DOT file is for.
#[derive(Clone, Copy, PartialEq)]
enum Dot {
    /// Layout comparison: sizes at 72 units per inch (Graphviz's
    /// coordinates are then ours), `rankdir=LR` for dot.
    Layout,
    /// Export comparison: printed sizes at 96 units per inch (as our
    /// figures), outcomes with a double outline.
    Export,
}

/// The web as DOT, with our shapes: same sizes, same line breaks, same font
/// size.
fn to_dot(project: &Project, flavour: Dot) -> String {
    let style = LabelStyle::default();
    let (units_per_inch, rankdir) = match flavour {
        Dot::Layout => (72.0, "  rankdir=LR;\n"),
        Dot::Export => (96.0, ""),
    };
    let mut s = format!(
        "digraph web {{\n{rankdir}  node [fixedsize=true, fontname=\"DejaVu Sans\", fontsize={}];\n",
        style.font_size * 72.0 / units_per_inch
    );
    for node in &project.nodes {
        let shape = node_shape(&node.label, node.kind, &style);
        let label = shape
            .lines
            .iter()
            .map(|l| l.replace('\\', "\\\\").replace('"', "\\\""))
            .collect::<Vec<_>>()
            .join("\\n");
        let _ = writeln!(
            s,
            "  {} [shape={}, width={:.4}, height={:.4}, label=\"{}\"{}];",
            node.id,
            if node.kind == NodeKind::Context {
                "box"
            } else {
                "ellipse"
            },
            shape.width / units_per_inch,
            shape.height / units_per_inch,
            label,
            if flavour == Dot::Export && node.kind == NodeKind::Outcome {
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

/// `dot_text` (the web as DOT) with a `{rank=min; …}` subgraph that puts
/// every context in the first rank.
fn contexts_first(project: &Project, dot_text: &str) -> String {
    let contexts: Vec<&str> = project
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Context)
        .map(|n| n.id.as_str())
        .collect();
    let body = dot_text.trim_end().trim_end_matches('}');
    format!("{body}  {{rank=min; {}}}\n}}\n", contexts.join("; "))
}

/// Positions of the nodes of `project` from a laid-out file: our project
/// file, or Graphviz's SVG (centres of each node's ellipse or polygon).
fn positions_from(project: &Project, laid_out: &Path) -> Result<Vec<(f64, f64)>, String> {
    let name = laid_out.display().to_string();
    if laid_out.extension().is_some_and(|e| e == "svg") {
        let text = std::fs::read_to_string(laid_out).map_err(|e| format!("{name}: {e}"))?;
        let options = roxmltree::ParsingOptions {
            allow_dtd: true,
            ..roxmltree::ParsingOptions::default()
        };
        let doc = roxmltree::Document::parse_with_options(&text, options)
            .map_err(|e| format!("{name}: {e}"))?;
        let mut found: HashMap<String, (f64, f64)> = HashMap::new();
        for g in doc
            .descendants()
            .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("node"))
        {
            let Some(title) = g
                .children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
            else {
                continue;
            };
            let centre = g.descendants().find_map(|e| {
                if e.has_tag_name("ellipse") {
                    Some((
                        e.attribute("cx")?.parse().ok()?,
                        e.attribute("cy")?.parse().ok()?,
                    ))
                } else if e.has_tag_name("polygon") {
                    let points: Vec<(f64, f64)> = e
                        .attribute("points")?
                        .split_whitespace()
                        .filter_map(|p| {
                            let (x, y) = p.split_once(',')?;
                            Some((x.parse().ok()?, y.parse().ok()?))
                        })
                        .collect();
                    let x0 = points.iter().map(|p| p.0).fold(f64::MAX, f64::min);
                    let x1 = points.iter().map(|p| p.0).fold(f64::MIN, f64::max);
                    let y0 = points.iter().map(|p| p.1).fold(f64::MAX, f64::min);
                    let y1 = points.iter().map(|p| p.1).fold(f64::MIN, f64::max);
                    Some(((x0 + x1) / 2.0, (y0 + y1) / 2.0))
                } else {
                    None
                }
            });
            if let Some(c) = centre {
                found.insert(title.to_string(), c);
            }
        }
        project
            .nodes
            .iter()
            .map(|n| {
                found
                    .get(&n.id)
                    .copied()
                    .ok_or_else(|| format!("{name}: no node {}", n.id))
            })
            .collect()
    } else {
        let laid = load_project(laid_out).map_err(|p| p.to_string())?;
        laid.nodes
            .iter()
            .map(|n| {
                n.position()
                    .ok_or_else(|| format!("{name}: node {} has no position", n.id))
            })
            .collect()
    }
}

/// The outline of a shape as a convex polygon: a box's corners, or 64
/// points on an ellipse.
fn outline(kind: NodeKind, (w, h): (f64, f64), (x, y): (f64, f64)) -> Vec<(f64, f64)> {
    let (a, b) = (w / 2.0, h / 2.0);
    match kind {
        NodeKind::Context => vec![
            (x - a, y - b),
            (x + a, y - b),
            (x + a, y + b),
            (x - a, y + b),
        ],
        _ => (0..64)
            .map(|k| {
                let t = k as f64 / 64.0 * std::f64::consts::TAU;
                (x + a * t.cos(), y + b * t.sin())
            })
            .collect(),
    }
}

/// Whether two convex polygons overlap (no separating axis among their edge normals).
fn polygons_overlap(p: &[(f64, f64)], q: &[(f64, f64)]) -> bool {
    for poly in [p, q] {
        for k in 0..poly.len() {
            let (x0, y0) = poly[k];
            let (x1, y1) = poly[(k + 1) % poly.len()];
            let axis = (y0 - y1, x1 - x0);
            let project = |s: &[(f64, f64)]| {
                s.iter().fold((f64::MAX, f64::MIN), |(lo, hi), v| {
                    let d = v.0 * axis.0 + v.1 * axis.1;
                    (lo.min(d), hi.max(d))
                })
            };
            let (a0, a1) = project(p);
            let (b0, b1) = project(q);
            if a1 <= b0 || b1 <= a0 {
                return false;
            }
        }
    }
    true
}

/// Shapes that overlap (true outlines, no margin) and links that cross.
fn measure(
    project: &Project,
    graph: &LayoutGraph,
    positions: &[(f64, f64)],
) -> (usize, usize, usize, usize) {
    let overlaps = overlapping_pairs(graph, positions, 0.0)
        .into_iter()
        .filter(|&(i, j)| {
            let shape = |k: usize| {
                outline(
                    project.nodes[k].kind,
                    (graph.nodes[k].width, graph.nodes[k].height),
                    positions[k],
                )
            };
            polygons_overlap(&shape(i), &shape(j))
        })
        .count();
    let too_close = overlapping_pairs(graph, positions, 12.0).len();
    (
        overlaps,
        too_close,
        crossing_count(graph, positions),
        links_behind_shapes(graph, positions),
    )
}

fn count(web: &Path, laid_out: &Path) -> Result<String, String> {
    let project = load_project(web).map_err(|p| p.to_string())?;
    let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
    let positions = positions_from(&project, laid_out)?;
    let (overlaps, too_close, crossings, behind) = measure(&project, &graph, &positions);
    Ok(format!("{overlaps}\t{too_close}\t{crossings}\t{behind}\n"))
}

/// Links whose lines run together for more than this many units are
/// counted as drawn together (`links_drawn_together`).
const TOGETHER_OVER: f64 = 10.0;

/// Arrowheads of links into one node whose tips are closer than this (an
/// arrowhead's width) overlap (`link_ends_together`).
const HEADS_WITHIN: f64 = 8.0;

/// Links out of one node that start closer than this start together.
const STARTS_WITHIN: f64 = 3.0;

fn drawn(web: &Path) -> Result<String, String> {
    let project = load_project(web).map_err(|p| p.to_string())?;
    let mut out = String::new();
    for route_links in [false, true] {
        let style = FigureStyle {
            route_links,
            ..FigureStyle::default()
        };
        let start = Instant::now();
        let figure = Figure::build(&project, &style, &[]);
        let ms = start.elapsed().as_secs_f64() * 1000.0;
        let mut behind = 0;
        let (mut routed, mut bends, mut longer, mut longest) = (0, 0, 0.0, 1.0f64);
        for link in &figure.links {
            let line = link.path.polyline(16);
            let hidden = figure.nodes.iter().any(|n| {
                n.id != link.source && n.id != link.target && {
                    let r = n.bounds().expand(-link.width / 2.0);
                    line.windows(2).any(|w| r.meets_segment(w[0], w[1]))
                }
            });
            behind += usize::from(hidden);
            if let Some(b) = &link.path.bends {
                let length: f64 = line.windows(2).map(|w| w[0].distance(w[1])).sum();
                let ratio = length / link.path.start.distance(link.path.end);
                routed += 1;
                bends += b.len();
                longer += ratio;
                longest = longest.max(ratio);
            }
        }
        let together = links_drawn_together(&figure, TOGETHER_OVER).len();
        let heads = link_ends_together(&figure, HEADS_WITHIN).heads;
        let starts = link_ends_together(&figure, STARTS_WITHIN).starts;
        let marks = figure.links.iter().filter(|l| l.mark.is_some()).count();
        let marks_on_links = marks_on_other_links(&figure).len();
        let _ = writeln!(
            out,
            "{}: {} links, {behind} behind a shape, {routed} routed ({:.1} bends and {:.2}× as long on average, {longest:.2}× at most), {together} pairs drawn together over {TOGETHER_OVER} units, {heads} pairs of arrowheads overlapping (tips within {HEADS_WITHIN} units), {starts} pairs of starts within {STARTS_WITHIN} units, {marks_on_links} of {marks} marks on another link, figure built in {ms:.1} ms",
            if route_links { "routed" } else { "straight" },
            figure.links.len(),
            bends as f64 / routed.max(1) as f64,
            longer / routed.max(1) as f64,
        );
    }
    Ok(out)
}

fn in_process(web: &Path, runs: &str) -> Result<String, String> {
    let runs: usize = parse("RUNS", runs)?;
    let project = load_project(web).map_err(|p| p.to_string())?;
    let graph = LayoutGraph::from_project(&project, &LabelStyle::default());
    let mut out = String::new();
    for algorithm in ["force", "layered"] {
        let mut times = Vec::new();
        let mut positions = Vec::new();
        for _ in 0..runs.max(1) {
            let start = Instant::now();
            positions = if algorithm == "force" {
                force_layout(&graph, &ForceSettings::default())
            } else {
                layered_layout(&graph, &LayeredSettings::default())
            };
            times.push(start.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let (overlaps, too_close, crossings, behind) = measure(&project, &graph, &positions);
        let (w, h) = shapes_extent(&graph, &positions);
        let _ = writeln!(
            out,
            "{algorithm}\t{:.1} ms\toverlaps {overlaps}\tcloser than 12: {too_close}\tcrossings {crossings}\tbehind shapes {behind}\tfigure {w:.0} x {h:.0}",
            times[times.len() / 2] * 1000.0
        );
    }
    Ok(out)
}
