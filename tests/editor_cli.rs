//! The command line's editor entry: `causal-web [FILE]`, `--screenshot`.
//! (Opening the window itself needs a display: scripts/screenshot-smoke.sh.)

mod common;

use assert_cmd::Command;
use predicates::str::contains;

fn causal_web() -> Command {
    Command::cargo_bin("causal-web").unwrap()
}

#[test]
fn help_names_the_editor_and_the_subcommands() {
    causal_web()
        .arg("--help")
        .assert()
        .code(0)
        .stdout(contains("[FILE]"))
        .stdout(contains("--screenshot"))
        .stdout(contains("validate"));
}

#[test]
fn a_missing_file_is_bad_usage_not_a_window() {
    causal_web()
        .arg("no-such-web.cweb.json")
        .assert()
        .code(2)
        .stderr(contains("no-such-web.cweb.json"));
}

#[test]
fn screenshot_needs_a_file_and_a_valid_size() {
    causal_web()
        .args(["--screenshot", "out.png"])
        .assert()
        .code(2);
    causal_web()
        .args(["--screenshot", "out.png", "--size", "wide"])
        .arg(common::example())
        .assert()
        .code(2)
        .stderr(contains("1280x800"));
}

#[test]
fn screenshot_of_an_unreadable_file_fails_before_opening_a_window() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shot.png");
    causal_web()
        .arg("--screenshot")
        .arg(&out)
        .arg(common::testdata("truncated.cweb.json"))
        .assert()
        .code(1)
        .stderr(contains("truncated.cweb.json"));
    assert!(!out.exists());
}

#[test]
fn screenshot_selecting_a_node_that_does_not_exist_fails_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shot.png");
    causal_web()
        .arg("--screenshot")
        .arg(&out)
        .args(["--select", "No such node"])
        .arg(common::example())
        .assert()
        .code(1)
        .stderr(contains("no node 'No such node'"));
    assert!(!out.exists());
    // --select only goes with --screenshot.
    causal_web()
        .args(["--select", "Trust"])
        .arg(common::example())
        .assert()
        .code(2);
}
