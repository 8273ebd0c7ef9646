//! The command line: each command's output and exit codes.

mod common;

use assert_cmd::Command;
use predicates::prelude::*;

fn causal_web() -> Command {
    Command::cargo_bin("causal-web").unwrap()
}

#[test]
fn validate_prints_one_line_per_valid_file() {
    let small = common::testdata("small.cweb.json");
    causal_web()
        .arg("validate")
        .arg(&small)
        .arg(common::example())
        .assert()
        .success()
        .stdout(predicate::str::starts_with(format!(
            "{}: ok (5 nodes, 5 links, 3 studies, 6 citations)\n",
            small.display()
        )))
        .stdout(predicate::str::contains("collaboration.cweb.json: ok ("));
}

#[test]
fn validate_fails_with_every_problem_on_stderr() {
    let out = causal_web()
        .arg("validate")
        .arg(common::testdata("small.cweb.json"))
        .arg(common::testdata("dangling-link.cweb.json"))
        .arg(common::testdata("future-version.cweb.json"))
        .arg(common::testdata("truncated.cweb.json"))
        .arg("no-such-file.cweb.json")
        .assert()
        .code(1)
        .stdout(predicate::str::contains("small.cweb.json: ok"))
        .get_output()
        .clone();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 4, "{stderr}");
    assert!(
        lines[0].ends_with("dangling-link.cweb.json: link 'l1': target 'missing' is not a node")
    );
    assert!(lines[1].contains("version 7") && lines[1].contains("version 1"));
    assert!(lines[2].contains("truncated.cweb.json:12:"));
    assert!(lines[3].starts_with("no-such-file.cweb.json: cannot read"));
}

#[test]
fn stats_counts_the_web_as_text_and_json() {
    causal_web()
        .args(["stats"])
        .arg(common::testdata("small.cweb.json"))
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "nodes: 5 (2 contexts, 2 mechanisms, 1 outcome)",
        ))
        .stdout(predicate::str::contains(
            "links: 5\ncitations: 6\nstudies: 3 (3 cited)\nCMOCs: 2\n",
        ))
        .stdout(predicate::str::contains(
            "  1. Trust (mechanism): 3 studies, 4 citations",
        ));
    let out = causal_web()
        .args(["stats", "--json"])
        .arg(common::testdata("small.cweb.json"))
        .output()
        .unwrap();
    assert!(out.status.success());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["nodes"], 5);
    assert_eq!(json["contexts"], 2);
    assert_eq!(json["cmocs"], 2);
    assert_eq!(json["best_supported"][0]["id"], "trust");
    assert_eq!(json["best_supported"][0]["studies"], 3);
}

#[test]
fn studies_lists_the_supporting_studies_of_a_node_by_id_or_label() {
    let expected = "Foundation Trust Network (2014): 2 citations, via l1 (Voluntary arrangement → Trust); l4 (Trust → Collaborative behaviour)\n\
                    Leach et al. (2019): 1 citation, via l3 (Interpersonal communication and information sharing → Trust)\n\
                    Shaw (2002): 1 citation, via l3 (Interpersonal communication and information sharing → Trust)\n";
    for key in ["trust", "Trust", " TRUST "] {
        causal_web()
            .arg("studies")
            .arg(common::testdata("small.cweb.json"))
            .arg(key)
            .assert()
            .success()
            .stdout(expected);
    }
}

#[test]
fn studies_names_a_missing_node() {
    causal_web()
        .arg("studies")
        .arg(common::testdata("small.cweb.json"))
        .arg("Hope")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains("no node 'Hope' (by id or label)"));
}

#[test]
fn a_label_that_several_nodes_share_is_refused_naming_their_ids() {
    // Faith relabelled "Trust": the label no longer says which node is meant.
    let dir = tempfile::tempdir().unwrap();
    let web = dir.path().join("web.cweb.json");
    let mut json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string("assets/examples/collaboration.cweb.json").unwrap(),
    )
    .unwrap();
    for node in json["nodes"].as_array_mut().unwrap() {
        if node["id"] == "faith" {
            node["label"] = "Trust".into();
        }
    }
    std::fs::write(&web, json.to_string()).unwrap();
    let refused = "'Trust' is the label of 2 nodes, with the ids ";
    causal_web()
        .arg("studies")
        .arg(&web)
        .arg("Trust")
        .assert()
        .code(1)
        .stdout("")
        .stderr(predicate::str::contains(refused))
        .stderr(predicate::str::contains("faith"))
        .stderr(predicate::str::contains("trust"));
    causal_web()
        .args(["export", "--node", "Trust", "-o"])
        .arg(dir.path().join("part.svg"))
        .arg(&web)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(refused));
    assert!(!dir.path().join("part.svg").exists());
    // By its id, each is still found.
    causal_web()
        .args(["studies"])
        .arg(&web)
        .arg("faith")
        .assert()
        .success();
}

#[test]
fn import_then_export_cmocs() {
    let dir = tempfile::tempdir().unwrap();
    let web = dir.path().join("web.cweb.json");
    causal_web()
        .arg("import-cmocs")
        .arg(common::testdata("cmocs-sample.csv"))
        .arg("-o")
        .arg(&web)
        .assert()
        .success()
        .stdout(predicate::str::contains("8 rows read"));
    causal_web().arg("validate").arg(&web).assert().success();
    let table = dir.path().join("table.csv");
    causal_web()
        .arg("export-cmocs")
        .arg(&web)
        .arg("-o")
        .arg(&table)
        .assert()
        .success();
    let text = std::fs::read_to_string(&table).unwrap();
    // Records end in CRLF (RFC 4180).
    assert!(text.starts_with("cmoc,context,mechanism,outcome,study,quote,page\r\n"));
    assert!(text.contains("'=SUM(A1:A2) is not a formula here"));
    assert_eq!(text.lines().count(), 9);
}

#[test]
fn import_cmocs_into_an_existing_project() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("more.cweb.json");
    causal_web()
        .arg("import-cmocs")
        .arg(common::testdata("cmocs-sample.csv"))
        .arg("-o")
        .arg(&out)
        .arg("--into")
        .arg(common::testdata("small.cweb.json"))
        .assert()
        .success();
    let p = causal_web::io::load_project(&out).unwrap();
    assert_eq!(p.node("voluntary").unwrap().label, "Voluntary arrangement");
    assert!(p.node_by_label("Risk threshold").is_some());
    // "Trust" matched the existing node rather than making a second one.
    assert_eq!(p.nodes.iter().filter(|n| n.label == "Trust").count(), 1);
}

#[test]
fn a_failed_command_writes_no_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "cmoc,context,mechanism,outcome,study,quote,page\nC1,A,B,C,,,\n",
    )
    .unwrap();
    let out = dir.path().join("out.cweb.json");
    causal_web()
        .arg("import-cmocs")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "bad.csv:2:1: row 1: the study cell is empty",
        ));
    assert!(!out.exists());
    let table = dir.path().join("t.csv");
    causal_web()
        .arg("export-cmocs")
        .arg(common::testdata("truncated.cweb.json"))
        .arg("-o")
        .arg(&table)
        .assert()
        .code(1);
    assert!(!table.exists());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file is left behind"
    );
}

#[test]
fn bad_usage_exits_2() {
    causal_web().arg("frobnicate").assert().code(2);
    causal_web().arg("stats").assert().code(2);
}

#[test]
fn studies_says_on_stderr_when_no_study_supports_the_node() {
    causal_web()
        .arg("studies")
        .arg("assets/examples/collaboration.cweb.json")
        .arg("rapid_timeline")
        .assert()
        .success()
        .stdout("")
        .stderr("warning: no study supports 'rapid_timeline'\n");
}

#[test]
fn export_cmocs_writes_only_a_csv_file_and_warns_of_labels_it_cannot_tell_apart() {
    let dir = tempfile::tempdir().unwrap();
    let web = dir.path().join("web.cweb.json");
    std::fs::copy(common::testdata("small.cweb.json"), &web).unwrap();
    let before = std::fs::read(&web).unwrap();
    causal_web()
        .arg("export-cmocs")
        .arg(&web)
        .arg("-o")
        .arg(&web)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "a CMOC table is written to a .csv file",
        ));
    assert_eq!(std::fs::read(&web).unwrap(), before, "the project is kept");

    // A context and a mechanism both labelled "Trust", both cited.
    let mut p = causal_web::io::load_project(&web).unwrap();
    let trust = p.node("trust").unwrap().clone();
    let mut twin = causal_web::model::Node::new(
        "trust_context",
        " trust",
        causal_web::model::NodeKind::Context,
    );
    twin.evidence = trust.evidence.clone();
    twin.evidence.push(p.links[0].evidence[0].clone());
    p.nodes.push(twin);
    causal_web::io::save_project(&p, &web).unwrap();
    causal_web()
        .arg("export-cmocs")
        .arg(&web)
        .arg("-o")
        .arg(dir.path().join("table.CSV"))
        .assert()
        .success()
        .stderr(predicate::str::contains(
            "warning: the nodes trust (mechanism), trust_context (context) share the label 'Trust': \
             the table names nodes by label, so read into a new project they become one",
        ));
}

#[test]
fn counts_of_one_read_in_the_singular() {
    let dir = tempfile::tempdir().unwrap();
    let table = dir.path().join("one.csv");
    std::fs::write(
        &table,
        "cmoc,context,mechanism,outcome,study,quote,page\nC1,,Trust,Synergy,s1,,\n",
    )
    .unwrap();
    let web = dir.path().join("one.cweb.json");
    causal_web()
        .arg("import-cmocs")
        .arg(&table)
        .arg("-o")
        .arg(&web)
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            "one.cweb.json: 1 row read; 2 nodes, 1 link, 1 study and 1 citation added\n",
        ));
    causal_web()
        .arg("validate")
        .arg(&web)
        .assert()
        .success()
        .stdout(predicate::str::ends_with(
            "one.cweb.json: ok (2 nodes, 1 link, 1 study, 1 citation)\n",
        ));
}

#[test]
fn a_cmoc_table_given_as_a_project_is_pointed_to_import_cmocs() {
    causal_web()
        .arg("validate")
        .arg(common::testdata("cmocs-sample.csv"))
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "cmocs-sample.csv: a CSV file is not a project file: a CMOC table is read with `causal-web import-cmocs`",
        ));
}
