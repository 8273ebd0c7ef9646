//! `causal-web layout` end to end: the written project has new positions,
//! no overlapping shapes, and pinned nodes where they were.

use assert_cmd::Command;
use causal_web::figure::LabelStyle;
use causal_web::io::{load_project, save_project};
use causal_web::layout::{overlapping_pairs, LayoutGraph};
use predicates::prelude::*;

const EXAMPLE: &str = "assets/examples/collaboration.cweb.json";

fn causal_web() -> Command {
    Command::cargo_bin("causal-web").expect("the binary is built")
}

#[test]
fn both_layouts_place_every_node_without_overlaps_and_keep_pinned_nodes() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.cweb.json");
    let mut project = load_project(EXAMPLE.as_ref()).unwrap();
    project.nodes[3].set_position(-500.0, 250.0);
    project.nodes[3].pinned = true;
    save_project(&project, &input).unwrap();

    for args in [
        vec!["--algorithm", "force", "--seed", "7"],
        vec!["--algorithm", "layered", "--direction", "lr"],
        vec!["--algorithm", "layered", "--direction", "tb"],
        vec![
            "--algorithm",
            "layered",
            "--direction",
            "tb",
            "--max-per-layer",
            "7",
        ],
    ] {
        let out = dir.path().join("out.cweb.json");
        causal_web()
            .arg("layout")
            .arg(&input)
            .arg("-o")
            .arg(&out)
            .args(&args)
            .assert()
            .success()
            .stdout(predicate::str::contains("0 overlapping shapes"));
        let laid = load_project(&out).unwrap();
        assert_eq!(laid.nodes.len(), project.nodes.len());
        assert_eq!(laid.links, project.links);
        assert_eq!(laid.nodes[3].position(), Some((-500.0, 250.0)), "{args:?}");
        let positions: Vec<(f64, f64)> = laid
            .nodes
            .iter()
            .map(|n| n.position().expect("every node is placed"))
            .collect();
        let graph = LayoutGraph::from_project(&laid, &LabelStyle::default());
        assert_eq!(
            overlapping_pairs(&graph, &positions, 12.0),
            vec![],
            "{args:?}"
        );
    }
}

#[test]
fn the_same_seed_writes_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.json"), dir.path().join("b.json"));
    for out in [&a, &b] {
        causal_web()
            .args(["layout", EXAMPLE, "--seed", "3", "-o"])
            .arg(out)
            .assert()
            .success();
    }
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}

#[test]
fn a_missing_project_is_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.cweb.json");
    causal_web()
        .args(["layout", "no-such-file.cweb.json", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no-such-file.cweb.json"));
    assert!(!out.exists());
}

#[test]
fn an_unknown_algorithm_is_a_usage_error() {
    causal_web()
        .args(["layout", EXAMPLE, "-o", "x.json", "--algorithm", "circular"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("circular"));
}

/// Lays the example out in layers, top to bottom, with `options`, into `out`.
fn lay_out_top_to_bottom(out: &std::path::Path, options: &[&str]) -> assert_cmd::assert::Assert {
    causal_web()
        .args([
            "layout",
            EXAMPLE,
            "--algorithm",
            "layered",
            "--direction",
            "tb",
        ])
        .args(options)
        .arg("-o")
        .arg(out)
        .assert()
        .success()
}

#[test]
fn max_per_layer_folds_the_contexts_into_rows_and_must_be_positive() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.cweb.json");
    lay_out_top_to_bottom(&out, &["--max-per-layer", "7"]);
    let laid = load_project(&out).unwrap();
    let mut rows: Vec<f64> = laid
        .nodes
        .iter()
        .filter(|n| n.kind == causal_web::model::NodeKind::Context)
        .map(|n| n.y.unwrap())
        .collect();
    rows.sort_by(f64::total_cmp);
    rows.dedup();
    // 37 contexts, at most 7 a row.
    assert_eq!(rows.len(), 6, "{rows:?}");

    causal_web()
        .args(["layout", EXAMPLE, "--max-per-layer", "0", "-o"])
        .arg(dir.path().join("zero.cweb.json"))
        .assert()
        .code(2);
    assert!(!dir.path().join("zero.cweb.json").exists());
}

#[test]
fn max_layer_span_keeps_the_figure_within_a_width_and_must_be_positive() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.cweb.json");
    lay_out_top_to_bottom(&out, &["--max-layer-span", "1150", "--layer-gap", "40"])
        .stdout(predicate::str::contains("figure 1150 × "));
    let laid = load_project(&out).unwrap();
    let graph = LayoutGraph::from_project(&laid, &LabelStyle::default());
    let positions: Vec<(f64, f64)> = laid.nodes.iter().map(|n| n.position().unwrap()).collect();
    assert_eq!(overlapping_pairs(&graph, &positions, 11.9), vec![]);
    let (width, _) = causal_web::layout::shapes_extent(&graph, &positions);
    assert!(width <= 1150.0 + 0.02, "{width}");
    // The contexts still come first, folded into rows above the rest.
    let lowest_context = laid
        .nodes
        .iter()
        .filter(|n| n.kind == causal_web::model::NodeKind::Context)
        .map(|n| n.y.unwrap())
        .fold(f64::MIN, f64::max);
    assert!(laid
        .nodes
        .iter()
        .filter(|n| n.kind != causal_web::model::NodeKind::Context)
        .all(|n| n.y.unwrap() > lowest_context));

    for bad in [
        "--max-layer-span=0",
        "--max-layer-span=wide",
        "--layer-gap=-5",
    ] {
        let refused = dir.path().join("refused.cweb.json");
        causal_web()
            .args(["layout", EXAMPLE, "--algorithm", "layered", bad, "-o"])
            .arg(&refused)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("not a length above 0"));
        assert!(!refused.exists());
    }
}

#[test]
fn margin_sets_the_least_space_between_shapes_in_both_layouts() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.cweb.json");
    for algorithm in ["force", "layered"] {
        causal_web()
            .args([
                "layout",
                EXAMPLE,
                "--algorithm",
                algorithm,
                "--margin",
                "24",
                "-o",
            ])
            .arg(&out)
            .assert()
            .success()
            .stdout(predicate::str::contains("0 overlapping shapes"));
        let laid = load_project(&out).unwrap();
        let graph = LayoutGraph::from_project(&laid, &LabelStyle::default());
        let positions: Vec<(f64, f64)> = laid.nodes.iter().map(|n| n.position().unwrap()).collect();
        assert_eq!(
            overlapping_pairs(&graph, &positions, 23.9),
            vec![],
            "{algorithm}"
        );
        // The default keeps 12 units, and some shapes closer than 24.
        causal_web()
            .args(["layout", EXAMPLE, "--algorithm", algorithm, "-o"])
            .arg(&out)
            .assert()
            .success();
        let laid = load_project(&out).unwrap();
        let positions: Vec<(f64, f64)> = laid.nodes.iter().map(|n| n.position().unwrap()).collect();
        assert!(
            !overlapping_pairs(&graph, &positions, 23.9).is_empty(),
            "{algorithm}"
        );
    }
    let refused = dir.path().join("refused.cweb.json");
    causal_web()
        .args(["layout", EXAMPLE, "--margin=0", "-o"])
        .arg(&refused)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a length above 0"));
    assert!(!refused.exists());
}

#[test]
fn options_of_the_other_layout_are_said_to_be_unused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.cweb.json");
    causal_web()
        .args(["layout", EXAMPLE, "-o"])
        .arg(&out)
        .args(["--algorithm", "force", "--direction", "tb", "--max-per-layer", "3"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: --direction, --max-per-layer apply to the layered layout only, and were not used",
        ));
    causal_web()
        .args(["layout", EXAMPLE, "-o"])
        .arg(&out)
        .args(["--algorithm", "layered", "--seed", "3"])
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: --seed applies to the force layout only, and was not used",
        ));
    causal_web()
        .args(["layout", EXAMPLE, "-o"])
        .arg(&out)
        .args(["--algorithm", "layered", "--direction", "tb"])
        .assert()
        .success()
        .stderr("");
    // The defaults the help states are the layout's own.
    causal_web()
        .args(["layout", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "[default: {}]",
            causal_web::layout::LayeredSettings::default().layer_gap
        )));
}
