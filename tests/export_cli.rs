//! `causal-web export` from the command line: every format, presets,
//! preflight warnings and clear refusals.

use assert_cmd::Command;
use predicates::str::contains;

const SMALL: &str = "../shared/testdata/small.cweb.json";

fn causal_web() -> Command {
    Command::cargo_bin("causal-web").unwrap()
}

#[test]
fn the_small_web_exports_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    for (name, magic) in [
        ("fig.svg", &b"<?xml"[..]),
        ("fig.png", &b"\x89PNG"[..]),
        ("fig.pdf", &b"%PDF"[..]),
        ("fig.tiff", &b"II*\0"[..]),
        ("fig.TIF", &b"II*\0"[..]),
    ] {
        let out = dir.path().join(name);
        causal_web()
            .args(["export", SMALL, "-o"])
            .arg(&out)
            .assert()
            .success()
            .stdout(contains(format!("wrote {}", out.display())));
        let bytes = std::fs::read(&out).unwrap();
        assert!(bytes.starts_with(magic), "{name}");
    }
}

#[test]
fn options_reach_the_figure() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fig.svg");
    causal_web()
        .args([
            "export",
            SMALL,
            "--no-legend",
            "--title",
            "Trust & <buddying>",
            "--width-mm",
            "120",
            "-o",
        ])
        .arg(&out)
        .assert()
        .success()
        .stdout(contains("120.0 ×"));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(!svg.contains("id=\"legend\""));
    assert!(svg.contains(">Trust &amp; &lt;buddying&gt;</text>"));
    assert!(svg.contains("width=\"120mm\""));
    let png = dir.path().join("fig.png");
    causal_web()
        .args([
            "export",
            SMALL,
            "--dpi",
            "150",
            "--preset",
            "bmc-single",
            "-o",
        ])
        .arg(&png)
        .assert()
        .success()
        .stdout(contains("502 ×").and(contains("at 150 dpi")))
        .stdout(contains("warning").not())
        .stderr(contains(
            "warning: bmc-single asks for 300 dpi or more; this raster is 150 dpi",
        ));
}

#[test]
fn a_narrow_preset_warns_about_small_text_and_names_the_labels() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fig.png");
    causal_web()
        .args(["export", SMALL, "--preset", "bmc-single", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stdout(contains("1004 ×"))
        .stderr(contains("smaller than 8 pt"))
        .stderr(contains("\"Geographical proximity\" (proximity)"))
        .stderr(contains("\"Trust\" (trust)"));
    // PLOS asks for TIFF; a PNG is still written, with a warning.
    causal_web()
        .args(["export", SMALL, "--preset", "plos", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(contains("plos asks for TIFF"));
    causal_web()
        .args(["export", SMALL, "--dpi", "100", "-o"])
        .arg(&out)
        .assert()
        .success()
        .stderr(contains(
            "warning: 100 dpi is less than the 300 dpi journals ask for",
        ));
}

use predicates::prelude::PredicateBooleanExt;

#[test]
fn bad_requests_are_refused_with_a_message_naming_the_problem() {
    let dir = tempfile::tempdir().unwrap();
    let out = |name: &str| dir.path().join(name);
    causal_web()
        .args(["export", SMALL, "-o"])
        .arg(out("fig.jpg"))
        .assert()
        .code(1)
        .stderr(contains("fig.jpg").and(contains(".svg, .png, .pdf or .tiff")));
    causal_web()
        .args(["export", SMALL, "--preset", "nature", "-o"])
        .arg(out("fig.png"))
        .assert()
        .code(2)
        .stderr(contains("unknown preset \"nature\"").and(contains("bmc-single")));
    causal_web()
        .args(["export", SMALL, "--dpi", "0", "-o"])
        .arg(out("fig.png"))
        .assert()
        .code(1)
        .stderr(contains("0 dpi is out of range"));
    causal_web()
        .args(["export", SMALL, "--width-mm=-5", "-o"])
        .arg(out("fig.png"))
        .assert()
        .code(1)
        .stderr(contains("-5 mm is out of range"));
    // Written apart from its option, a negative number is still its value.
    causal_web()
        .args(["export", SMALL, "--width-mm", "-10", "-o"])
        .arg(out("fig.png"))
        .assert()
        .code(1)
        .stderr(contains("a width of -10 mm is out of range"));
    causal_web()
        .args(["export", SMALL, "--dpi", "-5", "-o"])
        .arg(out("fig.png"))
        .assert()
        .code(1)
        .stderr(contains("-5 dpi is out of range"));
    causal_web()
        .args(["export", "no/such/web.cweb.json", "-o"])
        .arg(out("fig.svg"))
        .assert()
        .code(1)
        .stderr(contains("no/such/web.cweb.json"));
    causal_web()
        .args(["export", SMALL, "-o"])
        .arg(out("missing-folder/fig.svg"))
        .assert()
        .code(1)
        .stderr(contains("could not write the figure: the folder "))
        .stderr(contains("missing-folder does not exist"));
    assert!(!out("fig.jpg").exists() && !out("fig.png").exists());
}

#[test]
fn options_that_change_nothing_or_override_a_preset_are_warned_of() {
    let dir = tempfile::tempdir().unwrap();
    causal_web()
        .args(["export", SMALL, "--dpi", "600", "-o"])
        .arg(dir.path().join("fig.svg"))
        .assert()
        .success()
        .stderr(contains(
            "warning: --dpi 600 applies to PNG and TIFF only: SVG has no pixels",
        ));
    causal_web()
        .args([
            "export",
            SMALL,
            "--preset",
            "bmc-double",
            "--width-mm",
            "100",
            "-o",
        ])
        .arg(dir.path().join("fig.pdf"))
        .assert()
        .success()
        .stderr(contains(
            "warning: --width-mm 100 replaces bmc-double's width of 176 mm",
        ));
    // Neither when the options do what they say.
    causal_web()
        .args([
            "export",
            SMALL,
            "--dpi",
            "600",
            "--preset",
            "bmc-double",
            "-o",
        ])
        .arg(dir.path().join("fig.png"))
        .assert()
        .success()
        .stderr(contains("--dpi").not().and(contains("--width-mm").not()));
}

#[test]
fn straight_links_keeps_every_link_straight() {
    let dir = tempfile::tempdir().unwrap();
    let example = "assets/examples/collaboration.cweb.json";
    // Lines that go round a shape: straight legs and rounded corners.
    let routed_in = |web: &std::path::Path, args: &[&str]| {
        let out = dir.path().join("fig.svg");
        causal_web()
            .arg("export")
            .arg(web)
            .arg("-o")
            .arg(&out)
            .args(args)
            .assert()
            .success();
        std::fs::read_to_string(&out)
            .unwrap()
            .lines()
            .filter(|l| l.starts_with("<path d=\"M") && l.contains(" L") && l.contains(" Q"))
            .count()
    };
    let routed = |args: &[&str]| routed_in(std::path::Path::new(example), args);
    assert!(routed(&[]) >= 60);
    assert_eq!(routed(&["--straight-links"]), 0);
    // A web whose view says so (as View ▸ Links round shapes saves it) is
    // exported with straight links too.
    let text = std::fs::read_to_string(example).unwrap();
    let mut web: serde_json::Value = serde_json::from_str(&text).unwrap();
    web["view"] = serde_json::json!({ "links_round_shapes": false });
    let straight = dir.path().join("straight.cweb.json");
    std::fs::write(&straight, web.to_string()).unwrap();
    assert_eq!(routed_in(&straight, &[]), 0);
}

/// The ids of the nodes drawn in an exported SVG.
fn drawn_nodes(svg: &str) -> Vec<String> {
    svg.split("id=\"node-")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap().to_string())
        .collect()
}

#[test]
fn a_part_of_the_example_laid_out_for_a_journal_column_prints_at_8_pt() {
    const EXAMPLE: &str = "assets/examples/collaboration.cweb.json";
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join("whole.svg");
    causal_web()
        .args(["export", EXAMPLE, "--preset", "bmc-double", "-o"])
        .arg(&whole)
        .assert()
        .success()
        .stderr(contains("smaller than 8 pt"));
    // Trust, named by its label, with the nodes linked to it.
    let part = dir.path().join("trust.svg");
    causal_web()
        .args([
            "export",
            EXAMPLE,
            "--preset",
            "bmc-double",
            "--layout",
            "layered",
        ])
        .args(["--node", "trust", "--neighbours", "-o"])
        .arg(&part)
        .assert()
        .success()
        .stdout(contains("wrote"))
        .stderr(predicates::str::is_empty());
    let project = causal_web::io::load_project(std::path::Path::new(EXAMPLE)).unwrap();
    let mut linked: Vec<String> = project
        .links
        .iter()
        .filter_map(|l| match (l.source.as_str(), l.target.as_str()) {
            ("trust", other) | (other, "trust") => Some(other.to_string()),
            _ => None,
        })
        .chain(["trust".to_string()])
        .collect();
    linked.sort();
    linked.dedup();
    let mut drawn = drawn_nodes(&std::fs::read_to_string(&part).unwrap());
    drawn.sort();
    assert_eq!(drawn, linked);
    assert_eq!(
        drawn_nodes(&std::fs::read_to_string(&whole).unwrap()).len(),
        project.nodes.len()
    );
    // Two nodes by id, without neighbours: only they.
    causal_web()
        .args([
            "export", EXAMPLE, "--node", "trust", "--node", "faith", "-o",
        ])
        .arg(&part)
        .assert()
        .success();
    let mut drawn = drawn_nodes(&std::fs::read_to_string(&part).unwrap());
    drawn.sort();
    assert_eq!(drawn, ["faith", "trust"]);
}

#[test]
fn an_unknown_node_or_neighbours_without_nodes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("fig.svg");
    causal_web()
        .args(["export", SMALL, "--node", "no such node", "-o"])
        .arg(&out)
        .assert()
        .code(1)
        .stderr(contains("no node 'no such node' (by id or label)"));
    assert!(!out.exists());
    causal_web()
        .args(["export", SMALL, "--neighbours", "-o"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains("--node"));
}
