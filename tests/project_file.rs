//! The project file: every validity rule refused with its message, the
//! writing rules, and round trips.

mod common;

use causal_web::edit::{EditCommand, EvidenceOwner};
use causal_web::io::{load_project, parse_project, project_to_json, save_project};
use causal_web::model::{Evidence, Link, Node, NodeKind, Polarity, Project, Study};
use proptest::prelude::*;

fn refused(json: &str) -> Vec<String> {
    match parse_project(json.as_bytes(), "web.cweb.json") {
        Ok(_) => panic!("accepted: {json}"),
        Err(p) => p.0.iter().map(|p| p.to_string()).collect(),
    }
}

fn with_body(body: &str) -> String {
    format!(r#"{{"format": "causal-web", "version": 1, {body}}}"#)
}

#[test]
fn the_small_sample_is_read_with_all_its_parts() {
    let p = load_project(&common::testdata("small.cweb.json")).unwrap();
    assert_eq!(p.title, "Trust in a buddying arrangement");
    assert_eq!(
        (
            p.studies.len(),
            p.nodes.len(),
            p.links.len(),
            p.citation_count()
        ),
        (3, 5, 5, 6)
    );
    let trust = p.node("trust").unwrap();
    assert!(trust.pinned);
    assert_eq!(trust.position(), Some((520.0, 60.0)));
    assert_eq!(trust.attributes["mechanism_type"], "cognitive process");
    assert_eq!(p.node("behaviour").unwrap().position(), None);
    assert_eq!(p.link("l5").unwrap().polarity, Polarity::Unclear);
    assert_eq!(p.link("l2").unwrap().evidence[0].page, "14");
    assert_eq!(p.studies[0].authors.len(), 3);
}

#[test]
fn the_malformed_samples_are_refused_with_what_and_where() {
    let dangling = load_project(&common::testdata("dangling-link.cweb.json"))
        .unwrap_err()
        .to_string();
    assert!(
        dangling.contains("dangling-link.cweb.json: link 'l1': target 'missing' is not a node"),
        "{dangling}"
    );

    let future = load_project(&common::testdata("future-version.cweb.json"))
        .unwrap_err()
        .to_string();
    assert!(
        future.contains("version 7") && future.contains("version 1"),
        "{future}"
    );

    let truncated = load_project(&common::testdata("truncated.cweb.json"))
        .unwrap_err()
        .to_string();
    assert!(
        truncated.starts_with(&format!(
            "{}:12:",
            common::testdata("truncated.cweb.json").display()
        )),
        "{truncated}"
    );
    assert!(truncated.contains("EOF"), "{truncated}");
}

#[test]
fn syntax_and_type_errors_give_line_and_column() {
    let e = refused("{\n  \"format\": \"causal-web\",\n  \"version\": 1,\n  \"nodes\": [}\n");
    assert!(e[0].starts_with("web.cweb.json:4:"), "{e:?}");

    let e = refused("{\"format\": \"causal-web\", \"version\": 1,\n\"nodes\": [{\"id\": \"a\", \"label\": \"A\", \"kind\": \"box\"}]}");
    assert!(e[0].starts_with("web.cweb.json:2:"), "{e:?}");
    assert!(
        e[0].contains("nodes[0].kind") && e[0].contains("unknown variant `box`"),
        "{e:?}"
    );

    let e = refused(&with_body(r#""nodes": [{"id": "a", "kind": "context"}]"#));
    assert!(
        e[0].contains("nodes[0]") && e[0].contains("missing field `label`"),
        "{e:?}"
    );

    let e = refused(&with_body(r#""studies": [{"id": "s", "year": "2019"}]"#));
    assert!(
        e[0].contains("studies[0].year") && e[0].contains("invalid type"),
        "{e:?}"
    );
}

#[test]
fn columns_count_characters_not_bytes() {
    let text = [
        r#"{"format": "causal-web", "version": 1, "studies": [],"#,
        r#" "nodes": [{"id": "é", "label": "Éléphant — 信任", "kind": "box"}], "links": []"#,
        r#"}"#,
    ]
    .join("\n");
    let e = refused(&text);
    let line = text.lines().nth(1).unwrap();
    let at = line[..line.find("\"box\"").unwrap()].chars().count() + 1;
    assert_eq!(e.len(), 1, "{e:?}");
    // serde reads past the value before it fails: its end, in characters.
    let column: usize = e[0].split(':').nth(2).unwrap().parse().unwrap();
    assert!((at..=at + 5).contains(&column), "{} vs {at}", e[0]);
    assert!(
        column < line[..line.find("\"box\"").unwrap()].len(),
        "not bytes: {}",
        e[0]
    );
}

#[test]
fn a_kind_or_polarity_of_the_wrong_type_says_what_it_must_be() {
    let text = [
        r#"{"format": "causal-web", "version": 1, "studies": [],"#,
        r#" "nodes": [{"id": "a", "label": "A", "kind": 3},"#,
        r#"  {"id": "b", "label": "B", "kind": "mechanism"}],"#,
        r#" "links": [{"id": "l1", "source": "a", "target": "b", "polarity": null}]"#,
        r#"}"#,
    ]
    .join("\n");
    let e = refused(&text);
    assert_eq!(
        e,
        [
            "web.cweb.json:2:46: nodes[0].kind: must be one of \"context\", \"mechanism\", \"outcome\"",
            "web.cweb.json:4:67: links[0].polarity: must be one of \"+\", \"-\", \"?\""
        ]
    );
}

#[test]
fn every_type_error_is_reported_each_where_it_is() {
    let text = [
        r#"{"format": "causal-web", "version": 1,"#,
        r#" "title": 5,"#,
        r#" "studies": [{"id": "s", "year": "2019"}, {"id": "t", "year": 2020}],"#,
        r#" "nodes": ["#,
        r#"  {"id": "a", "label": "A", "kind": "box"},"#,
        r#"  {"id": "b", "label": "B", "kind": "context"},"#,
        r#"  {"id": "c", "kind": "outcome"},"#,
        r#"  {"id": "d", "label": "D", "kind": "mechanism", "x": "left", "y": 1}"#,
        r#" ],"#,
        r#" "links": {"id": "l1"}"#,
        r#"}"#,
    ]
    .join("\n");
    let e = refused(&text);
    assert_eq!(e.len(), 6, "{e:#?}");
    let expect = [
        ("web.cweb.json:2:11: title: invalid type: integer `5`", ""),
        (
            "web.cweb.json:3:",
            "studies[0].year: invalid type: string \"2019\"",
        ),
        ("web.cweb.json:5:", "nodes[0].kind: unknown variant `box`"),
        ("web.cweb.json:7:", "nodes[2]: missing field `label`"),
        (
            "web.cweb.json:8:",
            "nodes[3].x: invalid type: string \"left\"",
        ),
        (
            "web.cweb.json:10:",
            "links: invalid type: map, expected a sequence",
        ),
    ];
    for (problem, (start, part)) in e.iter().zip(expect) {
        assert!(
            problem.starts_with(start),
            "{problem} should start with {start}"
        );
        assert!(problem.contains(part), "{problem} should say {part}");
    }
    // The columns point into the right element: `"box"` on line 5.
    let line5 = text.lines().nth(4).unwrap();
    let column: usize = e[2].split(':').nth(2).unwrap().parse().unwrap();
    assert!(
        line5[..column].contains("\"kind\""),
        "column {column} of {line5:?}"
    );
}

#[test]
fn a_wrong_format_or_version_is_reported_where_it_is() {
    // A nested "format" key is not the file's.
    let text = "{\n  \"nodes\": [{\"format\": 2}],\n  \"format\": 1,\n  \"version\": \"1\"\n}";
    let e = refused(text);
    assert_eq!(e.len(), 2, "{e:?}");
    assert!(
        e[0].starts_with("web.cweb.json:3:13: format is 1, expected \"causal-web\""),
        "{e:?}"
    );
    assert!(
        e[1].starts_with("web.cweb.json:4:14: version is \"1\", expected 1"),
        "{e:?}"
    );
}

#[test]
fn the_top_level_must_be_an_object_naming_format_and_version() {
    assert!(refused("[1, 2]")[0].contains("top level must be a JSON object"));
    assert!(refused(r#"{"version": 1}"#)[0].contains("missing field `format`"));
    assert!(refused(r#"{"format": "yed", "version": 1}"#)[0]
        .contains(r#"format is "yed", expected "causal-web""#));
    assert!(refused(r#"{"format": "causal-web"}"#)[0].contains("missing field `version`"));
    assert!(refused(r#"{"format": "causal-web", "version": "1"}"#)[0]
        .contains("version is \"1\", expected 1"));
    let newer = refused(r#"{"format": "causal-web", "version": 2}"#);
    assert!(
        newer[0].contains("version 2") && newer[0].contains("(version 1)"),
        "{newer:?}"
    );
}

#[test]
fn invalid_utf8_is_refused_and_a_byte_order_mark_tolerated() {
    let e = parse_project(b"{\"format\": \"causal-web\",\n \"title\": \"\xff\"}", "f").unwrap_err();
    assert_eq!(e.0[0].to_string(), "f:2:12: not valid UTF-8");
    let ok = parse_project(
        b"\xEF\xBB\xBF{\"format\": \"causal-web\", \"version\": 1}",
        "f",
    );
    assert!(ok.is_ok());
}

#[test]
fn a_file_with_a_byte_order_mark_and_crlf_line_ends_is_saved_the_same_way() {
    // The small web as a Windows tool might write it.
    let p = load_project(&common::testdata("small.cweb.json")).unwrap();
    let written = project_to_json(&p);
    assert!(!written.contains('\r') && !written.starts_with('\u{feff}'));
    let windows = format!("\u{feff}{}", written.replace('\n', "\r\n"));
    let read = parse_project(windows.as_bytes(), "web.cweb.json").unwrap();
    assert_eq!(project_to_json(&read), windows);
    // Saved to disk too, after an edit: still a byte-order mark, every line
    // ending with CR LF.
    let mut edited = read.clone();
    edited.title = "Edited".into();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("web.cweb.json");
    save_project(&edited, &path).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let text = std::str::from_utf8(&bytes[3..]).unwrap();
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    assert_eq!(load_project(&path).unwrap().title, "Edited");
}

#[test]
fn non_finite_numbers_are_refused() {
    let e = refused(&with_body(
        r#""nodes": [{"id": "a", "label": "A", "kind": "context", "x": 1e999, "y": 0}]"#,
    ));
    assert!(e[0].contains("nodes[0].x"), "{e:?}");
}

#[test]
fn duplicate_ids_are_refused_naming_the_id() {
    let e = refused(&with_body(
        r#""studies": [{"id": "s"}, {"id": "s"}],
           "nodes": [{"id": "a", "label": "A", "kind": "context"}, {"id": "a", "label": "B", "kind": "outcome"},
                     {"id": "b", "label": "B", "kind": "mechanism"}],
           "links": [{"id": "l", "source": "a", "target": "b"}, {"id": "l", "source": "b", "target": "a"}]"#,
    ));
    assert_eq!(
        e,
        vec![
            "web.cweb.json: study 's': the id is used by an earlier study",
            "web.cweb.json: node 'a': the id is used by an earlier node",
            "web.cweb.json: link 'l': the id is used by an earlier link",
        ]
    );
}

#[test]
fn references_self_links_and_duplicate_links_are_refused_all_at_once() {
    let e = refused(&with_body(
        r#""studies": [{"id": "s"}],
           "nodes": [{"id": "a", "label": "A", "kind": "context", "evidence": [{"study": "ghost"}]},
                     {"id": "b", "label": "B", "kind": "mechanism"}],
           "links": [{"id": "l1", "source": "a", "target": "a"},
                     {"id": "l2", "source": "a", "target": "b", "evidence": [{"study": "s"}, {"study": "nobody"}]},
                     {"id": "l3", "source": "a", "target": "b"},
                     {"id": "l4", "source": "x", "target": "b"}]"#,
    ));
    assert_eq!(
        e,
        vec![
            "web.cweb.json: node 'a': cites study 'ghost', which is not in the studies",
            "web.cweb.json: link 'l1': links node 'a' to itself",
            "web.cweb.json: link 'l2': cites study 'nobody', which is not in the studies",
            "web.cweb.json: link 'l3': a link from 'a' to 'b' already exists",
            "web.cweb.json: link 'l4': source 'x' is not a node",
        ]
    );
}

#[test]
fn empty_ids_labels_and_half_positions_are_refused() {
    let e = refused(&with_body(
        r#""studies": [{"id": ""}],
           "nodes": [{"id": "", "label": "A", "kind": "context"}, {"id": "b", "label": "  ", "kind": "context", "x": 3}],
           "links": [{"id": "", "source": "b", "target": "b"}]"#,
    ));
    assert!(
        e.contains(&"web.cweb.json: study #1: id is empty".to_string()),
        "{e:?}"
    );
    assert!(
        e.contains(&"web.cweb.json: node #1: id is empty".to_string()),
        "{e:?}"
    );
    assert!(
        e.contains(&"web.cweb.json: node 'b': label is empty".to_string()),
        "{e:?}"
    );
    assert!(
        e.contains(&"web.cweb.json: node 'b': has x but no y".to_string()),
        "{e:?}"
    );
    assert!(
        e.contains(&"web.cweb.json: link #1: id is empty".to_string()),
        "{e:?}"
    );
}

#[test]
fn writing_follows_the_format() {
    let mut p = Project {
        title: "T".into(),
        ..Default::default()
    };
    p.studies.push(Study {
        year: Some(2019),
        ..Study::new("s")
    });
    let mut n = Node::new("a", "A", NodeKind::Context);
    n.set_position(1.23456, -7.0);
    p.nodes.push(n);
    p.nodes.push(Node::new("b", "B", NodeKind::Outcome));
    let mut l = Link::new("l1", "a", "b");
    l.evidence.push(Evidence::of("s"));
    p.links.push(l);
    let text = project_to_json(&p);
    let expected = r#"{
  "format": "causal-web",
  "version": 1,
  "title": "T",
  "studies": [
    {
      "id": "s",
      "year": 2019
    }
  ],
  "nodes": [
    {
      "id": "a",
      "label": "A",
      "kind": "context",
      "x": 1.23,
      "y": -7
    },
    {
      "id": "b",
      "label": "B",
      "kind": "outcome"
    }
  ],
  "links": [
    {
      "id": "l1",
      "source": "a",
      "target": "b",
      "evidence": [
        {
          "study": "s"
        }
      ]
    }
  ]
}
"#;
    assert_eq!(text, expected);
}

#[test]
fn resaving_an_unchanged_file_gives_the_same_bytes() {
    let first = project_to_json(&load_project(&common::testdata("small.cweb.json")).unwrap());
    let again = project_to_json(&parse_project(first.as_bytes(), "f").unwrap());
    assert_eq!(first, again);
    let example = std::fs::read_to_string(common::example()).unwrap();
    let resaved = project_to_json(&parse_project(example.as_bytes(), "example").unwrap());
    assert_eq!(
        resaved, example,
        "the bundled example is written as causal-web writes it"
    );
}

#[test]
fn saving_replaces_the_file_atomically_and_leaves_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("web.cweb.json");
    std::fs::write(&path, "old").unwrap();
    let p = load_project(&common::testdata("small.cweb.json")).unwrap();
    save_project(&p, &path).unwrap();
    assert_eq!(load_project(&path).unwrap(), p);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from("web.cweb.json")]);
    // A save into a folder that does not exist fails and creates nothing.
    assert!(save_project(&p, &dir.path().join("missing/web.cweb.json")).is_err());
}

#[cfg(unix)]
#[test]
fn saving_keeps_the_permissions_of_the_file_it_replaces() {
    use std::os::unix::fs::PermissionsExt;
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let p = load_project(&common::testdata("small.cweb.json")).unwrap();

    // A new file is readable by others, as any new file (not 0600 like a
    // temporary file).
    let new = dir.path().join("new.cweb.json");
    save_project(&p, &new).unwrap();
    let umask = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("Umask:"))
                .and_then(|v| u32::from_str_radix(v.trim(), 8).ok())
        });
    if let Some(umask) = umask {
        assert_eq!(mode(&new), 0o666 & !umask, "umask {umask:o}");
    }

    // A replaced file keeps its mode, whatever it was.
    for wanted in [0o640, 0o664, 0o600] {
        let path = dir.path().join(format!("old-{wanted:o}.cweb.json"));
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(wanted)).unwrap();
        save_project(&p, &path).unwrap();
        assert_eq!(mode(&path), wanted);
    }
}

// ---- round trip of random valid projects ----

fn text() -> impl Strategy<Value = String> {
    prop_oneof![Just(String::new()), "[a-zA-Z0-9 ,.'\"<>&é\\\\/\n\t-]{1,20}"]
}

fn attributes() -> impl Strategy<Value = causal_web::model::Attributes> {
    prop::collection::vec(("[a-z_]{1,8}", text()), 0..3).prop_map(|v| v.into_iter().collect())
}

fn evidence(studies: usize) -> impl Strategy<Value = Vec<Evidence>> {
    prop::collection::vec(
        (
            0..studies.max(1),
            text(),
            text(),
            prop_oneof![Just(String::new()), "C[0-9]{1,2}"],
        ),
        0..if studies == 0 { 1 } else { 4 },
    )
    .prop_map(|v| {
        v.into_iter()
            .map(|(s, quote, page, cmoc)| Evidence {
                study: format!("s{s}"),
                quote,
                page,
                cmoc,
            })
            .collect()
    })
}

fn project() -> impl Strategy<Value = Project> {
    (0usize..5, 0usize..8).prop_flat_map(|(n_studies, n_nodes)| {
        let studies = prop::collection::vec(
            (
                prop::collection::vec("[A-Z][a-z]{1,6}(, [A-Z]\\.)?", 0..4),
                prop::option::of(1900i32..2030),
                text(),
                text(),
                attributes(),
            ),
            n_studies,
        );
        let nodes = prop::collection::vec(
            (
                "[A-Za-z][a-z ]{0,20}",
                prop_oneof![
                    Just(NodeKind::Context),
                    Just(NodeKind::Mechanism),
                    Just(NodeKind::Outcome)
                ],
                text(),
                prop::option::of((-100_000i64..100_000, -100_000i64..100_000)),
                any::<bool>(),
                attributes(),
                evidence(n_studies),
            ),
            n_nodes,
        );
        let pairs: Vec<(usize, usize)> = (0..n_nodes)
            .flat_map(|a| (0..n_nodes).filter(move |&b| b != a).map(move |b| (a, b)))
            .collect();
        let links = prop::sample::subsequence(pairs.clone(), 0..=pairs.len().min(10))
            .prop_flat_map(move |chosen| {
                let n = chosen.len();
                (
                    Just(chosen),
                    prop::collection::vec(
                        (
                            prop_oneof![
                                Just(Polarity::Positive),
                                Just(Polarity::Negative),
                                Just(Polarity::Unclear)
                            ],
                            text(),
                            evidence(n_studies),
                        ),
                        n,
                    ),
                )
            });
        (text(), text(), studies, nodes, links).prop_map(
            |(title, description, studies, nodes, (pairs, links))| Project {
                title,
                description,
                studies: studies
                    .into_iter()
                    .enumerate()
                    .map(|(i, (authors, year, title, container, attributes))| Study {
                        id: format!("s{i}"),
                        authors,
                        year,
                        title,
                        container,
                        attributes,
                        ..Default::default()
                    })
                    .collect(),
                nodes: nodes
                    .into_iter()
                    .enumerate()
                    .map(
                        |(i, (label, kind, description, pos, pinned, attributes, evidence))| Node {
                            id: format!("n{i}"),
                            label,
                            kind,
                            description,
                            x: pos.map(|p| p.0 as f64 / 100.0),
                            y: pos.map(|p| p.1 as f64 / 100.0),
                            pinned,
                            attributes,
                            evidence,
                        },
                    )
                    .collect(),
                links: pairs
                    .into_iter()
                    .zip(links)
                    .enumerate()
                    .map(|(i, ((a, b), (polarity, note, evidence)))| Link {
                        id: format!("l{i}"),
                        source: format!("n{a}"),
                        target: format!("n{b}"),
                        polarity,
                        note,
                        evidence,
                    })
                    .collect(),
                view: None,
                unknown: Default::default(),
                text_form: Default::default(),
            },
        )
    })
}

proptest! {
    #[test]
    fn a_random_valid_project_round_trips(p in project()) {
        prop_assume!(p.nodes.iter().all(|n| !n.label.trim().is_empty()));
        let text = project_to_json(&p);
        let back = parse_project(text.as_bytes(), "p").map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &p);
        prop_assert_eq!(project_to_json(&back), text);
    }
}

#[test]
fn a_newer_version_is_refused_as_such_whatever_its_shape() {
    let e = refused(r#"{"format": "causal-web", "version": 9, "nodes": {"changed": "shape"}}"#);
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(
        e[0].contains("version 9") && e[0].contains("(version 1)"),
        "{e:?}"
    );
}

#[test]
fn a_position_of_null_is_a_type_error_where_it_is() {
    // The format asks for finite numbers; a node without a place leaves
    // x and y out.
    let text = [
        r#"{"format": "causal-web", "version": 1,"#,
        r#" "nodes": [{"id": "a", "label": "A", "kind": "context"},"#,
        r#"  {"id": "b", "label": "B", "kind": "context", "x": null, "y": null}]"#,
        r#"}"#,
    ]
    .join("\n");
    let e = refused(&text);
    assert!(
        e[0].starts_with("web.cweb.json:3:") && e[0].contains("nodes[1].x: invalid type: null"),
        "{e:?}"
    );
}

#[test]
fn fields_another_tool_added_are_kept_when_the_web_is_saved() {
    // A file as causal-web writes it, with fields it does not know added at
    // the end of the top level, a study, a node, a link and a citation.
    let p = load_project(&common::testdata("small.cweb.json")).unwrap();
    let mut file: serde_json::Value = serde_json::from_str(&project_to_json(&p)).unwrap();
    let add = |object: &mut serde_json::Value, key: &str, value: serde_json::Value| {
        object.as_object_mut().unwrap().insert(key.into(), value);
    };
    add(&mut file, "license", "CC-BY-4.0".into());
    add(&mut file["studies"][0], "pmid", 12345.into());
    add(
        &mut file["nodes"][1],
        "colour",
        serde_json::json!({"fill": "#ffeeaa"}),
    );
    add(&mut file["links"][0], "weight", 0.5.into());
    add(&mut file["links"][0]["evidence"][0], "checked", true.into());
    // And on the study that citation cites.
    let k = p
        .studies
        .iter()
        .position(|s| s.id == p.links[0].evidence[0].study)
        .unwrap();
    add(&mut file["studies"][k], "screened", "yes".into());
    let text = serde_json::to_string_pretty(&file).unwrap() + "\n";
    let read = parse_project(text.as_bytes(), "web.cweb.json").unwrap();
    // Opened and saved unchanged: the same bytes.
    assert_eq!(project_to_json(&read), text);
    // Edited: the unknown fields stay with their objects.
    let mut edited = read.clone();
    edited.nodes[1].label = "Renamed".into();
    edited.nodes.swap(0, 1);
    let saved: serde_json::Value = serde_json::from_str(&project_to_json(&edited)).unwrap();
    assert_eq!(saved["nodes"][0]["colour"]["fill"], "#ffeeaa");
    assert_eq!(saved["nodes"][1].get("colour"), None);
    assert_eq!(saved["license"], "CC-BY-4.0");
    assert_eq!(saved["studies"][0]["pmid"], 12345);
    assert_eq!(saved["links"][0]["weight"], 0.5);
    assert_eq!(saved["links"][0]["evidence"][0]["checked"], true);
    // A file without them is written as before.
    assert_eq!(
        project_to_json(&p),
        project_to_json(&load_project(&common::testdata("small.cweb.json")).unwrap())
    );

    // Edited in the editor: a study given a new id keeps its fields and its
    // citations theirs; an edited citation keeps its own.
    let study = read.studies[k].id.clone();
    let mut renamed = read.studies[k].clone();
    renamed.id = format!("{study}-renamed");
    let mut edited = read.clone();
    EditCommand::EditStudy {
        id: study.clone(),
        study: renamed.clone(),
    }
    .apply(&mut edited)
    .unwrap();
    let page = Evidence {
        page: "p. 12".into(),
        ..edited.links[0].evidence[0].clone()
    };
    EditCommand::EditEvidence {
        owner: EvidenceOwner::Link(edited.links[0].id.clone()),
        index: 0,
        evidence: page,
    }
    .apply(&mut edited)
    .unwrap();
    let saved: serde_json::Value = serde_json::from_str(&project_to_json(&edited)).unwrap();
    assert_eq!(saved["studies"][k]["id"], renamed.id.as_str());
    assert_eq!(saved["studies"][k]["screened"], "yes");
    let citation = &saved["links"][0]["evidence"][0];
    assert_eq!(citation["study"], renamed.id.as_str());
    assert_eq!(citation["page"], "p. 12");
    assert_eq!(citation["checked"], true);
}
