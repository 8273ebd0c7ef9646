//! The editor window driven headless by egui_kittest: real app, real panels,
//! clicks at the canvas positions of nodes.

mod common;

use causal_web::io::project_to_json;
use causal_web::jobs::studies_of_node;
use causal_web::model::{Polarity, Project, ViewChoice};
use causal_web::ui::{AppOptions, CausalWebApp, Selection, UiAction};
use egui::{Key, Modifiers, Pos2};
use egui_kittest::kittest::{NodeT, Queryable};
use egui_kittest::Harness;

fn harness(file: Option<std::path::PathBuf>) -> Harness<'static, CausalWebApp> {
    harness_with(AppOptions {
        file,
        ..Default::default()
    })
}

/// The app started with these options (always with the path field rather
/// than native dialogs), once its opening layout has settled.
fn harness_with(options: AppOptions) -> Harness<'static, CausalWebApp> {
    harness_sized(options, egui::vec2(1400.0, 900.0))
}

/// [`harness_with`] in a window of `size` points.
fn harness_sized(options: AppOptions, size: egui::Vec2) -> Harness<'static, CausalWebApp> {
    let mut h = Harness::builder().with_size(size).build_eframe(move |cc| {
        CausalWebApp::new(
            cc,
            AppOptions {
                path_field_only: true,
                ..options
            },
        )
    });
    h.run_steps(1);
    settle(&mut h);
    h
}

/// Runs frames until the layout (started for a web without positions) has
/// settled and been applied.
fn settle(h: &mut Harness<'_, CausalWebApp>) {
    // The layout runs on a thread: give it up to a minute of frames.
    for _ in 0..60_000 {
        if !h.state().is_layout_running() {
            break;
        }
        h.step();
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(!h.state().is_layout_running(), "the layout settles");
    h.run_steps(2);
    common::drawn(h);
}

fn project(h: &Harness<'_, CausalWebApp>) -> Project {
    h.state().project().expect("a web is open").clone()
}

/// Where the node with this label is on the screen.
fn node_pos(h: &Harness<'_, CausalWebApp>, label: &str) -> Pos2 {
    let p = project(h);
    let id = &p.find_node(label).expect("the node exists").id;
    h.state()
        .canvas()
        .node_screen_pos(&p, id)
        .expect("the node is placed")
}

/// Types into the text field with this hint.
fn type_into(h: &mut Harness<'_, CausalWebApp>, hint: &str, text: &str) {
    h.get_by(|n| n.placeholder() == Some(hint)).click();
    h.run_steps(1);
    h.event(egui::Event::Text(text.into()));
    h.run_steps(2);
}

/// The export window's reading of how the figure would print, once it is
/// worked out (on a thread of its own) for the options as they are.
fn printed_reading(h: &mut Harness<'_, CausalWebApp>) -> String {
    for _ in 0..60_000 {
        h.step();
        if !h.state().is_export_reading() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    assert!(!h.state().is_export_reading(), "the reading is worked out");
    h.run_steps(1);
    // A label's text is its accessible value.
    h.get_by(|n| {
        n.role() == egui::accesskit::Role::Label
            && n.value().is_some_and(|l| l.starts_with("Printed "))
    })
    .value()
    .unwrap()
}

/// A press and release at one point.
fn click_at(h: &mut Harness<'_, CausalWebApp>, p: Pos2) {
    h.hover_at(p);
    h.run_steps(1);
    h.drag_at(p);
    h.run_steps(1);
    h.drop_at(p);
    h.run_steps(2);
}

/// A press at `from`, a movement in steps, and a release at `to`.
fn drag(h: &mut Harness<'_, CausalWebApp>, from: Pos2, to: Pos2) {
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    for i in 1..=5 {
        let t = i as f32 / 5.0;
        h.hover_at(from + (to - from) * t);
        h.run_steps(1);
    }
    h.drop_at(to);
    h.run_steps(2);
}

#[test]
fn clicking_a_node_lists_its_supporting_studies_with_their_counts() {
    let mut h = harness(Some(common::example()));
    let p = project(&h);
    let trust = p.find_node("Trust").unwrap().id.clone();
    let pos = node_pos(&h, "Trust");
    click_at(&mut h, pos);
    assert_eq!(
        h.state().selection(),
        &Selection::Nodes(vec![trust.clone()])
    );

    let lines = studies_of_node(&p, &trust).unwrap();
    assert!(lines.len() > 1, "the example's Trust has several studies");
    h.get_by_label(&format!("Supporting studies ({})", lines.len()));
    for line in &lines {
        assert!(
            !h.query_all_by_label(&line.short_label)
                .collect::<Vec<_>>()
                .is_empty(),
            "{} is listed",
            line.short_label
        );
    }
    for count in 1..=lines.iter().map(|l| l.citations).max().unwrap() {
        let expected = lines.iter().filter(|l| l.citations == count).count();
        let word = if count == 1 { "citation" } else { "citations" };
        let shown = h.query_all_by_label(&format!("{count} {word}")).count();
        assert_eq!(shown, expected, "studies with {count} {word}");
    }

    // Clicking a listed study selects it.
    h.get_all_by_label(&lines[0].short_label)
        .next()
        .unwrap()
        .click();
    h.run_steps(2);
    assert_eq!(
        h.state().selection(),
        &Selection::Study(lines[0].study.clone())
    );
}

#[test]
fn adding_a_node_from_the_toolbar_and_naming_it() {
    let mut h = harness(Some(common::example()));
    let before = project(&h).nodes.len();
    h.get_by_label("+ context").click();
    h.run_steps(3);
    let p = project(&h);
    assert_eq!(p.nodes.len(), before + 1);
    let new = p.nodes.last().unwrap().clone();
    assert_eq!(
        h.state().selection(),
        &Selection::Nodes(vec![new.id.clone()])
    );
    // The label field has the cursor, with the placeholder label selected.
    h.event(egui::Event::Text("Shared budgets".into()));
    h.run_steps(2);
    assert_eq!(project(&h).node(&new.id).unwrap().label, "Shared budgets");
    assert!(h.state().is_dirty());
}

#[test]
fn drawing_a_link_refusing_a_duplicate_and_undoing() {
    let mut h = harness(Some(common::example()));
    let original = project(&h);
    let (from, to) = ("Leadership", "Quick wins");
    assert!(original
        .link_between(
            &original.find_node(from).unwrap().id,
            &original.find_node(to).unwrap().id
        )
        .is_none());
    h.get_by_label("Link mode").click();
    h.run_steps(1);
    let (a, b) = (node_pos(&h, from), node_pos(&h, to));
    drag(&mut h, a, b);
    let p = project(&h);
    assert_eq!(p.links.len(), original.links.len() + 1);
    let link = p.links.last().unwrap().clone();
    assert_eq!(
        (link.source.as_str(), link.target.as_str()),
        (
            p.find_node(from).unwrap().id.as_str(),
            p.find_node(to).unwrap().id.as_str()
        )
    );
    assert_eq!(h.state().selection(), &Selection::Link(link.id.clone()));

    // The same link again is refused, with a message.
    drag(&mut h, a, b);
    assert_eq!(project(&h).links.len(), original.links.len() + 1);
    assert!(h.state().status().is_problem());
    assert!(h.state().status().message().contains("already exists"));

    // Ctrl+Z (with no text field focused) restores the web.
    h.state_mut().act(UiAction::Select(Selection::Nothing));
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(project(&h), original);
    assert!(!h.state().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(project(&h).links.len(), original.links.len() + 1);
}

#[test]
fn dragging_a_node_moves_and_pins_it_undoably() {
    let mut h = harness(Some(common::example()));
    let original = project(&h);
    let trust = original.find_node("Trust").unwrap().clone();
    let a = node_pos(&h, "Trust");
    drag(&mut h, a, a + egui::vec2(0.0, 60.0));
    let moved = project(&h).node(&trust.id).unwrap().clone();
    assert!(moved.pinned);
    let (x0, y0) = trust.position().unwrap();
    let (x1, y1) = moved.position().unwrap();
    assert!((x1 - x0).abs() < 1e-6 && y1 > y0, "moved down: {y0} → {y1}");
    h.state_mut().act(UiAction::Undo);
    assert_eq!(project(&h), original);
}

#[test]
fn citing_a_study_on_a_link() {
    let mut h = harness(Some(common::example()));
    let p = project(&h);
    let link = p
        .links
        .iter()
        .find(|l| l.evidence.is_empty())
        .unwrap()
        .clone();
    let study = p.studies.iter().find(|s| s.id == "ref67").unwrap().clone();
    h.state_mut()
        .act(UiAction::Select(Selection::Link(link.id.clone())));
    h.run_steps(2);
    type_into(&mut h, "type to search the library", "ref67");
    h.run_steps(2);
    h.get_by_label(&format!("Cite {}", study.short_label()))
        .click();
    h.run_steps(2);
    let after = project(&h);
    let cited = after.link(&link.id).unwrap();
    assert_eq!(cited.evidence.len(), 1);
    assert_eq!(cited.evidence[0].study, "ref67");
    // Polarity is edited in the same inspector.
    h.get_by_label("− more leads to less").click();
    h.run_steps(2);
    assert_eq!(
        project(&h).link(&link.id).unwrap().polarity,
        Polarity::Negative
    );
}

#[test]
fn clicking_a_study_in_the_library_lists_what_it_supports() {
    let mut h = harness(Some(common::example()));
    let p = project(&h);
    let reach = p.study_reach("ref67");
    let study = p.study("ref67").unwrap();
    type_into(&mut h, "Search studies", "ref67");
    h.run_steps(2);
    h.get_by_label_contains(&study.short_label()).click();
    h.run_steps(2);
    assert_eq!(h.state().selection(), &Selection::Study("ref67".into()));
    h.get_by_label(&format!(
        "Supports {} links and {} nodes ({} citations)",
        reach.links.len(),
        reach.nodes.len(),
        reach.citations.len()
    ));
    let label = |id: &str| p.node(id).unwrap().label.clone();
    for link_id in &reach.links {
        let l = p.link(link_id).unwrap();
        h.get_by_label(&format!("{} → {}", label(&l.source), label(&l.target)));
    }
}

#[test]
fn studies_that_would_read_alike_are_told_apart_by_a_letter_after_the_year() {
    // Table 1 of the example lists five reports of Community Network, 2020a
    // to 2020e; each is named with its letter, in the library and its editor.
    let mut h = harness(Some(common::example()));
    type_into(&mut h, "Search studies", "Community Network");
    h.run_steps(2);
    let mut listed: Vec<String> = h
        .get_all_by(|n| n.label().is_some_and(|l| l.contains("  ·  ")))
        .map(|n| n.accesskit_node().label().unwrap())
        .filter(|l| l.starts_with("Community Network ("))
        .collect();
    listed.sort();
    let expected: Vec<String> = ["a", "b", "c", "d", "e"]
        .iter()
        .map(|l| format!("Community Network (2020{l})  ·  0"))
        .collect();
    assert_eq!(listed, expected);
    h.get_by_label("Community Network (2020d)  ·  0").click();
    h.run_steps(2);
    assert_eq!(
        h.state().selection(),
        &Selection::Study("communitynetwork2020d".into())
    );
    assert_eq!(
        project(&h)
            .study("communitynetwork2020d")
            .unwrap()
            .attributes["country"],
        "England"
    );
    h.get_by_label("Community Network (2020d)");
}

#[test]
fn the_library_lists_the_most_cited_studies_first_on_request() {
    let mut h = harness(Some(common::example()));
    let p = project(&h);
    let cited = |id: &str| p.study_reach(id).citations.len();
    // The library's rows, top to bottom: "short label  ·  citations".
    let rows = |h: &Harness<'_, CausalWebApp>| -> Vec<(f32, String)> {
        let mut rows: Vec<(f32, String)> = h
            .get_all_by(|n| n.label().is_some_and(|l| l.contains("  ·  ")))
            .map(|n| (n.rect().top(), n.accesskit_node().label().unwrap()))
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        rows
    };
    let first = &p.studies[0];
    assert!(
        rows(&h)[0].1.starts_with(&first.short_label()),
        "file order first"
    );
    h.get_by_label("most cited").click();
    h.run_steps(2);
    let most = p
        .studies
        .iter()
        .max_by_key(|s| (cited(&s.id), std::cmp::Reverse(s.id.clone())))
        .unwrap();
    assert!(cited(&most.id) > cited(&first.id));
    let listed = rows(&h);
    assert_eq!(
        listed[0].1,
        format!("{}  ·  {}", most.short_label(), cited(&most.id))
    );
    let counts: Vec<usize> = listed
        .iter()
        .map(|(_, l)| l.rsplit("  ·  ").next().unwrap().parse().unwrap())
        .collect();
    assert!(counts.windows(2).all(|w| w[0] >= w[1]), "{counts:?}");
    // Typing a country lists only the studies of that country.
    type_into(&mut h, "Search studies", "Australia");
    let australian = p
        .studies
        .iter()
        .filter(|s| s.attributes.get("country").map(String::as_str) == Some("Australia"))
        .count();
    assert!(australian > 0);
    assert_eq!(rows(&h).len(), australian);
}

#[test]
fn an_unreadable_file_leaves_the_open_web_untouched() {
    let mut h = harness(Some(common::example()));
    let before = project(&h);
    let bad = common::testdata("truncated.cweb.json");
    h.state_mut().act(UiAction::OpenPath(bad.clone()));
    h.run_steps(2);
    assert_eq!(project(&h), before);
    assert_eq!(h.state().path(), Some(common::example().as_path()));
    let problems = h.state().open_problems().expect("the reader's messages");
    assert!(problems[0].contains("truncated.cweb.json"), "{problems:?}");
    h.get_by_label_contains("Could not read");
    assert!(h.state().status().is_problem());
}

#[test]
fn saving_through_the_path_field_and_reopening_keeps_everything() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine.cweb.json");
    let mut h = harness(None);
    h.get_by_label("Open example").click();
    h.run_steps(1);
    settle(&mut h);
    let a = node_pos(&h, "Trust");
    drag(&mut h, a, a + egui::vec2(40.0, 0.0));
    let edited = project(&h);
    assert!(h.state().is_dirty());
    h.key_press_modifiers(Modifiers::COMMAND, Key::S);
    h.run_steps(2);
    assert!(
        h.state().is_asking_for_path(),
        "no path yet: the path field opens"
    );
    h.event(egui::Event::Text(out.display().to_string()));
    h.run_steps(1);
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().path(), Some(out.as_path()));

    let again = harness(Some(out.clone()));
    // Equal as the file writes them (positions to two decimals), with the
    // place the view was left at besides.
    let mut expected = edited.clone();
    let place = project(&again).view_place().expect("the view is kept");
    expected.set_view_place(place);
    assert_eq!(
        project_to_json(&project(&again)),
        project_to_json(&expected)
    );
    let trust = edited.find_node("Trust").unwrap();
    assert!(project(&again).find_node("Trust").unwrap().pinned && trust.pinned);
}

#[test]
fn new_with_unsaved_changes_asks_first() {
    let mut h = harness(Some(common::example()));
    h.get_by_label("+ outcome").click();
    h.run_steps(2);
    let edited = project(&h);
    h.state_mut().act(UiAction::New);
    h.run_steps(2);
    assert_eq!(project(&h), edited, "nothing replaced before the answer");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(project(&h), edited);
    h.state_mut().act(UiAction::New);
    h.run_steps(2);
    h.get_by_label("Discard changes").click();
    h.run_steps(2);
    assert!(project(&h).nodes.is_empty());
}

#[test]
fn the_layout_places_an_unplaced_web_without_overlaps_and_is_undoable() {
    // The example with every position taken out.
    let dir = tempfile::tempdir().unwrap();
    let unplaced = dir.path().join("unplaced.cweb.json");
    let mut web = causal_web::io::load_project(&common::example()).unwrap();
    for node in &mut web.nodes {
        (node.x, node.y) = (None, None);
    }
    causal_web::io::save_project(&web, &unplaced).unwrap();

    let mut h = harness(Some(unplaced));
    let placed = project(&h);
    assert!(placed.nodes.iter().all(|n| n.position().is_some()));
    assert!(
        !h.state().is_dirty(),
        "placing a just-opened web is part of opening it"
    );
    let style = causal_web::figure::LabelStyle::default();
    let graph = causal_web::layout::LayoutGraph::from_project(&placed, &style);
    let positions: Vec<(f64, f64)> = placed.nodes.iter().map(|n| n.position().unwrap()).collect();
    assert_eq!(
        causal_web::layout::overlapping_pairs(&graph, &positions, 0.0).len(),
        0
    );

    // Pin one node by dragging it, then run the force layout again: the pinned node stays.
    let a = node_pos(&h, "Trust");
    drag(&mut h, a, a + egui::vec2(30.0, 30.0));
    let pinned = project(&h).find_node("Trust").unwrap().clone();
    assert!(pinned.pinned);
    h.state_mut().act(UiAction::LayoutForce);
    assert!(h.state().is_layout_running());
    settle(&mut h);
    let after = project(&h);
    assert_eq!(
        after.find_node("Trust").unwrap().position(),
        pinned.position()
    );
    h.state_mut().act(UiAction::Undo);
    assert_eq!(project(&h).find_node("Trust").unwrap(), &pinned);

    // The layered layout runs on its own thread too: the web changes once
    // it is done, by one edit that can be undone.
    let before = project(&h);
    h.state_mut().act(UiAction::LayoutLayered {
        left_to_right: true,
    });
    assert!(h.state().is_layout_running());
    settle(&mut h);
    let layered = project(&h);
    assert_ne!(layered, before);
    let trust = layered.find_node("Trust").unwrap().position().unwrap();
    let context = layered.find_node("Quick wins").unwrap().position().unwrap();
    assert!(context.0 < trust.0, "contexts come first, on the left");
    h.state_mut().act(UiAction::Undo);
    assert_eq!(project(&h), before);
}

/// A placed web of `n` nodes (a third contexts), each later node linked
/// from two earlier ones, written as a project file in `dir`.
fn large_placed_web(dir: &std::path::Path, n: usize) -> std::path::PathBuf {
    let nodes: Vec<String> = (0..n)
        .map(|i| {
            let kind = if i % 3 == 0 { "context" } else { "mechanism" };
            format!(
                r#"{{"id": "n{i}", "label": "Node {i}", "kind": "{kind}", "x": {}, "y": {}}}"#,
                (i % 50) * 150,
                (i / 50) * 80
            )
        })
        .collect();
    // Up to two links into every node after the first, from earlier nodes
    // picked by a fixed hash.
    let earlier = |k: u64, to: usize| {
        (k.wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407)
            >> 33) as usize
            % to
    };
    let pairs: std::collections::BTreeSet<(usize, usize)> = (0..2 * (n - 1))
        .map(|k| (earlier(k as u64, k / 2 + 1), k / 2 + 1))
        .collect();
    let links: Vec<String> = pairs
        .iter()
        .enumerate()
        .map(|(k, (from, to))| {
            format!(r#"{{"id": "l{k}", "source": "n{from}", "target": "n{to}"}}"#)
        })
        .collect();
    let text = format!(
        r#"{{"format": "causal-web", "version": 1, "title": "Large", "studies": [], "nodes": [{}], "links": [{}]}}"#,
        nodes.join(", "),
        links.join(", ")
    );
    let path = dir.join("large.cweb.json");
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn stopping_a_layered_layout_before_it_is_done_leaves_the_web_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(large_placed_web(dir.path(), 3000)));
    assert!(
        h.state().project().is_some(),
        "{}",
        h.state().status().message()
    );
    assert!(
        !h.state().is_layout_running(),
        "a placed web opens as it is"
    );
    let before = project(&h);
    h.state_mut().act(UiAction::LayoutLayered {
        left_to_right: true,
    });
    assert!(h.state().is_layout_running());
    h.step();
    // Stopped one frame later: far sooner than 3,000 nodes take to lay out.
    h.state_mut().act(UiAction::LayoutStop);
    assert!(!h.state().is_layout_running());
    h.run_steps(2);
    assert_eq!(project(&h), before);
    assert!(!h.state().is_dirty());
    assert!(
        h.state()
            .status()
            .message()
            .contains("the web is as it was"),
        "{}",
        h.state().status().message()
    );
}

#[test]
fn exporting_the_figure_from_the_menu_writes_the_chosen_format() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(common::example()));
    h.state_mut().act(UiAction::ExportFigure);
    h.run_steps(2);
    h.get_by_label("PNG").click();
    h.run_steps(1);
    h.get_by_label("Export…").click();
    h.run_steps(2);
    assert!(h.state().is_asking_for_path());
    // No extension typed: the chosen format's is added.
    let typed = dir.path().join("figure");
    h.event(egui::Event::Text(typed.display().to_string()));
    h.run_steps(1);
    h.get_by_label("OK").click();
    h.run_steps(2);
    let written = dir.path().join("figure.png");
    let bytes = std::fs::read(&written).expect("the PNG is written");
    assert!(bytes.starts_with(b"\x89PNG"));
    assert!(
        h.state().status().message().contains("figure.png"),
        "{}",
        h.state().status().message()
    );
}

#[test]
fn the_export_window_says_when_the_file_name_gives_another_format_and_waits_for_a_good_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(common::example()));
    h.state_mut().act(UiAction::ExportFigure);
    h.run_steps(2);
    // A width that is not a number: nothing to export until it is put right.
    type_into(&mut h, "natural size", "abc");
    h.run_steps(2);
    assert!(h.get_by_label("Export…").accesskit_node().is_disabled());
    // The field still has the keyboard.
    for _ in 0..3 {
        h.key_press(egui::Key::Backspace);
    }
    h.run_steps(2);
    assert!(!h.get_by_label("Export…").accesskit_node().is_disabled());
    // PNG picked, but the name typed ends in .svg: an SVG, and a word.
    h.get_by_label("PNG").click();
    h.run_steps(1);
    // Once the reading is in (its text changes the window's layout).
    printed_reading(&mut h);
    h.get_by_label("Export…").click();
    h.run_steps(2);
    let typed = dir.path().join("figure.svg");
    h.event(egui::Event::Text(typed.display().to_string()));
    h.run_steps(1);
    h.get_by_label("OK").click();
    h.run_steps(2);
    let svg = std::fs::read_to_string(&typed).expect("the SVG is written");
    assert!(svg.contains("<svg"));
    let said = h.state().status().message().to_string();
    assert!(
        said.contains("wrote SVG as the file name says, not the PNG picked in the window"),
        "{said}"
    );
    // Only a raster has a resolution: no word of the dpi for an SVG.
    assert!(!said.contains("dpi"), "{said}");
}

#[test]
fn the_export_window_says_how_the_figure_would_print_before_it_is_written() {
    let mut h = harness(Some(common::example()));
    h.state_mut().act(UiAction::ExportFigure);
    h.run_steps(2);
    // At its natural size the example passes; typed 176 mm wide it does not.
    let natural = printed_reading(&mut h);
    assert!(!natural.contains("Journals ask"), "{natural}");
    type_into(&mut h, "natural size", "176");
    let narrow = printed_reading(&mut h);
    // The same figures as `causal-web export --width-mm 176` prints and
    // warns (5.5 pt; 8 pt needs 259 mm), read from the same figure.
    let p = project(&h);
    let figure =
        causal_web::jobs::project_figure(&p, &causal_web::jobs::FigureRequest::new("f.svg"));
    let sizes = causal_web::export::PrintSizes::of(&figure, 176.0).unwrap();
    assert!(
        narrow.starts_with(&format!(
            "Printed 176 × {:.0} mm: text {:.1} pt",
            sizes.height_mm,
            sizes.smallest_text_pt.unwrap()
        )),
        "{narrow}"
    );
    let needed = sizes.width_needed_mm().ceil();
    assert!(
        narrow.contains(&format!("at least {needed:.0} mm wide")),
        "{narrow}"
    );
    let warning = causal_web::export::preflight(&figure, 176.0).join(" ");
    assert!(
        warning.contains(&format!("needs the figure at least {needed} mm wide")),
        "{warning}"
    );
    // Nothing was written, and the window stays open.
    assert!(!h.state().is_asking_for_path());
}

#[test]
fn exporting_only_a_selected_node_and_its_neighbours_at_a_journal_width() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness_with(AppOptions {
        file: Some(common::example()),
        select: Some("Trust".into()),
        ..Default::default()
    });
    let p = project(&h);
    h.state_mut().act(UiAction::ExportFigure);
    h.run_steps(2);
    h.get_by_label("Only the selected (1)").click();
    h.run_steps(1);
    h.get_by_label("and the nodes linked to them").click();
    h.run_steps(1);
    type_into(&mut h, "natural size", "176");
    // The layout box shows its choice as its value.
    h.get_by_value("as on the canvas").click();
    h.run_steps(1);
    h.get_by_label("layered (fits a set width)").click();
    h.run_steps(2);
    // Laid out anew to fit 176 mm, Trust's part of the web prints with text
    // of 8 pt or more: no warning.
    let reading = printed_reading(&mut h);
    assert!(reading.starts_with("Printed 176 × "), "{reading}");
    assert!(!reading.contains("Journals ask"), "{reading}");
    h.get_by_label("Export…").click();
    h.run_steps(2);
    let typed = dir.path().join("trust.svg");
    h.event(egui::Event::Text(typed.display().to_string()));
    h.run_steps(1);
    h.get_by_label("OK").click();
    h.run_steps(2);
    let svg = std::fs::read_to_string(&typed).expect("the SVG is written");
    let trust = p.find_node("Trust").unwrap().id.clone();
    let linked: Vec<&str> = p
        .links
        .iter()
        .filter_map(|l| {
            (l.source == trust)
                .then_some(l.target.as_str())
                .or((l.target == trust).then_some(l.source.as_str()))
        })
        .collect();
    for node in &p.nodes {
        let drawn = svg.contains(&format!("id=\"node-{}\"", node.id));
        let wanted = node.id == trust || linked.contains(&node.id.as_str());
        assert_eq!(drawn, wanted, "{}", node.label);
    }
}

#[test]
fn ctrl_f_finds_a_node_by_label() {
    let mut h = harness(Some(common::example()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.event(egui::Event::Text("confid".into()));
    h.run_steps(1);
    h.key_press(Key::Enter);
    h.run_steps(2);
    let p = project(&h);
    let id = p.find_node("Confidence").unwrap().id.clone();
    assert_eq!(h.state().selection(), &Selection::Nodes(vec![id]));
    // The view is centred on it.
    let (x, y) = p.find_node("Confidence").unwrap().position().unwrap();
    let (cx, cy) = h.state().canvas().view_centre();
    assert!(
        (x - cx).abs() < 1.0 && (y - cy).abs() < 1.0,
        "({x}, {y}) vs ({cx}, {cy})"
    );
}

#[test]
fn enter_again_in_find_goes_to_the_next_match() {
    let mut h = harness(Some(common::example()));
    let p = project(&h);
    let matches: Vec<String> = p
        .nodes
        .iter()
        .filter(|n| n.label.to_lowercase().contains("trust"))
        .map(|n| n.id.clone())
        .collect();
    assert!(matches.len() >= 2, "{matches:?}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::F);
    h.run_steps(2);
    h.event(egui::Event::Text("trust".into()));
    h.run_steps(1);
    let mut found = Vec::new();
    for _ in 0..=matches.len() {
        h.key_press(Key::Enter);
        h.run_steps(2);
        match h.state().selection() {
            Selection::Nodes(ids) => found.push(ids[0].clone()),
            other => panic!("{other:?}"),
        }
    }
    // Each match in turn, then the first again.
    let mut expected = matches.clone();
    expected.push(matches[0].clone());
    assert_eq!(found, expected);
    assert!(h.state().status().message().contains("of"));
}

/// A file dropped on the window, as the windowing layer hands it over.
#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_window_opens() {
    let mut h = harness(None);
    h.input_mut()
        .dropped_files
        .push(std::sync::Arc::new(DroppedPath(common::testdata(
            "small.cweb.json",
        ))));
    h.run_steps(1);
    settle(&mut h);
    assert_eq!(
        h.state().path(),
        Some(common::testdata("small.cweb.json").as_path())
    );
    assert_eq!(project(&h).nodes.len(), 5);
}

#[test]
fn closing_the_window_with_unsaved_changes_asks_first() {
    let mut h = harness(Some(common::example()));
    h.get_by_label("+ mechanism").click();
    h.run_steps(2);
    let edited = project(&h);
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.run_steps(2);
    h.get_by_label("The open web has changes that are not saved.");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert_eq!(project(&h), edited);
    assert!(h
        .query_by_label("The open web has changes that are not saved.")
        .is_none());
}

#[test]
fn a_node_named_at_start_is_selected_with_its_studies_listed() {
    let start = |select: &str| {
        harness_with(AppOptions {
            file: Some(common::example()),
            select: Some(select.to_string()),
            ..Default::default()
        })
    };
    let h = start("Risk threshold");
    let p = project(&h);
    let id = p.find_node("Risk threshold").unwrap().id.clone();
    assert_eq!(h.state().selection(), &Selection::Nodes(vec![id.clone()]));
    let lines = studies_of_node(&p, &id).unwrap();
    h.get_by_label(&format!("Supporting studies ({})", lines.len()));

    let h = start("no such node");
    assert_eq!(h.state().selection(), &Selection::Nothing);
    assert!(h.state().status().message().contains("no such node"));
}

#[test]
fn attribute_values_are_shown_whole_in_fields_as_wide_as_the_inspector() {
    let h = harness_with(AppOptions {
        file: Some(common::example()),
        select: Some("Faith".into()),
        ..Default::default()
    });
    let p = project(&h);
    let faith = p.find_node("Faith").unwrap();
    assert!(
        faith.attributes.len() >= 2,
        "the example's mechanisms have attributes"
    );
    let window = h.ctx.content_rect();
    let buttons: Vec<egui::Rect> = h.get_all_by_label("✕").map(|b| b.rect()).collect();
    assert_eq!(
        buttons.len(),
        faith.attributes.len(),
        "one remove button each"
    );
    for value in faith.attributes.values() {
        let field = h
            .get_by(|n| {
                n.role() == egui::accesskit::Role::TextInput
                    && n.value().as_deref() == Some(value.as_str())
            })
            .rect();
        // Most of the inspector's width (it is about 330 points wide), and
        // its remove button beside it, inside the window.
        assert!(field.width() > 250.0, "{value:?}: {field:?}");
        let button = buttons
            .iter()
            .find(|b| (b.center().y - field.center().y).abs() < field.height() / 2.0)
            .expect("a remove button beside the field");
        assert!(button.left() >= field.right(), "{button:?} {field:?}");
        assert!(button.left() - field.right() < 20.0, "{button:?} {field:?}");
        assert!(button.right() <= window.right(), "{button:?} {window:?}");
    }
}

#[test]
fn layout_menu_fits_the_web_to_a_journal_page() {
    let mut h = harness(Some(common::example()));
    let before = project(&h);
    // Menu items' labels end with their shortcut (none here) or ⏵.
    h.get_by_label("Layout").click();
    h.run_steps(2);
    h.get_by_label_contains("Layered, to fit a page").hover();
    h.run_steps(2);
    h.get_by_label_contains("BMC, one column (85 mm), labels about 6 pt")
        .click();
    h.run_steps(1);
    assert!(h.state().is_layout_running());
    settle(&mut h);
    let fitted = project(&h);
    assert_ne!(fitted, before);
    // 85 mm at 6 pt for 14-unit labels: no wider than 562 units, contexts
    // first, top to bottom, and shapes 24 units apart (room for the links
    // between them).
    let style = causal_web::figure::LabelStyle::default();
    let graph = causal_web::layout::LayoutGraph::from_project(&fitted, &style);
    let positions: Vec<(f64, f64)> = fitted.nodes.iter().map(|n| n.position().unwrap()).collect();
    let (width, _) = causal_web::layout::shapes_extent(&graph, &positions);
    assert!(width <= 562.3, "{width}");
    assert_eq!(
        causal_web::layout::overlapping_pairs(&graph, &positions, 23.9),
        vec![]
    );
    let trust = fitted.find_node("Trust").unwrap().position().unwrap();
    let context = fitted.find_node("Quick wins").unwrap().position().unwrap();
    assert!(context.1 < trust.1, "contexts come first, at the top");
    h.state_mut().act(UiAction::Undo);
    assert_eq!(project(&h), before);
}

#[test]
fn view_menu_turns_links_round_shapes_off_on_screen_and_in_the_export() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Some(common::example()));
    // Lines that go round a shape: straight legs and rounded corners.
    let routed_lines = |svg: &str| {
        svg.lines()
            .filter(|l| l.starts_with("<path d=\"M") && l.contains(" L") && l.contains(" Q"))
            .count()
    };
    let export = |h: &mut Harness<'_, CausalWebApp>, name: &str| {
        let path = dir.path().join(name);
        h.state_mut().export_figure(&path);
        std::fs::read_to_string(&path).expect("the SVG is written")
    };
    let round = export(&mut h, "round.svg");
    assert!(routed_lines(&round) >= 60, "{}", routed_lines(&round));
    h.get_by_label("View").click();
    h.run_steps(2);
    h.get_by_label("Links round shapes").click();
    h.run_steps(2);
    assert!(!h.state().canvas().route_links);
    let straight = export(&mut h, "straight.svg");
    assert_eq!(routed_lines(&straight), 0);
    // A choice kept with the web: an edit, undoable, and saved.
    let chosen = project(&h);
    assert!(!chosen.view_choice(ViewChoice::LinksRoundShapes));
    assert!(h.state().is_dirty());
    h.state_mut().act(UiAction::Undo);
    h.run_steps(2);
    assert!(h.state().canvas().route_links);
    h.state_mut().act(UiAction::Redo);
    h.run_steps(2);
    assert!(!h.state().canvas().route_links);
    let saved = dir.path().join("straight.cweb.json");
    causal_web::io::save_project(&chosen, &saved).unwrap();
    let mut again = harness(Some(saved));
    assert!(
        !again.state().canvas().route_links,
        "the web opens as it was left"
    );
    assert_eq!(routed_lines(&export(&mut again, "again.svg")), 0);
}

#[test]
fn clicking_a_link_where_it_goes_round_a_shape_selects_it() {
    let mut h = harness(Some(common::example()));
    h.run_steps(3);
    let p = project(&h);
    let figure =
        causal_web::jobs::project_figure(&p, &causal_web::jobs::FigureRequest::new("f.svg"));
    // A point on a routed link, half way along a leg between two of its
    // bends, far from the straight line between its ends, off every shape
    // and away from every other link.
    let canvas = h.state().canvas();
    let off_shapes = |q: causal_web::figure::Point| {
        figure.nodes.iter().all(|n| {
            !n.bounds()
                .expand(8.0)
                .contains_rect(&causal_web::figure::Rect::from_min_max(q, q))
        })
    };
    let alone = |id: &str, q: causal_web::figure::Point| {
        figure.links.iter().filter(|o| o.id != id).all(|o| {
            let line = o.path.polyline(16);
            line.iter().all(|p| p.distance(q) > 30.0)
                && line.windows(2).all(|w| {
                    !causal_web::figure::Rect::from_centre_size(q, 16.0, 16.0)
                        .meets_segment(w[0], w[1])
                })
        })
    };
    let (id, point) = figure
        .links
        .iter()
        .filter_map(|l| {
            let bends = l.path.bends.as_ref()?;
            let q = bends.windows(2).map(|w| w[0].lerp(w[1], 0.5)).find(|&q| {
                // Distance to the straight line between the link's ends.
                let (s, t) = (l.path.start, l.path.end);
                let d = s.to(t);
                let k = ((q.x - s.x) * d.x + (q.y - s.y) * d.y) / (d.x * d.x + d.y * d.y);
                let foot = s.lerp(t, k.clamp(0.0, 1.0));
                foot.distance(q) > 40.0 && off_shapes(q) && alone(&l.id, q)
            })?;
            Some((l.id.clone(), q))
        })
        .next()
        .expect("a routed link with a leg in the open");
    let at = canvas.to_screen(point.x, point.y);
    click_at(&mut h, at);
    assert_eq!(h.state().selection(), &Selection::Link(id));
}

#[test]
fn clicking_a_link_on_its_curve_or_its_mark_where_it_bends_apart_from_its_reverse_selects_it() {
    let mut h = harness(Some(common::example()));
    // Faith → Conflict and Conflict → Faith bend apart; zoomed in on Faith
    // the bend is wide on screen.
    h.state_mut().act(UiAction::FindNode("Faith".to_string()));
    h.run_steps(2);
    for _ in 0..4 {
        h.get_by_label("View").click();
        h.run_steps(2);
        h.get_by_label("Zoom in").click();
        h.run_steps(2);
    }
    h.state_mut().act(UiAction::FindNode("Faith".to_string()));
    h.run_steps(3);
    let p = project(&h);
    let faith = p.find_node("Faith").unwrap().id.clone();
    let conflict = p.find_node("Conflict").unwrap().id.clone();
    let id = p.link_between(&faith, &conflict).unwrap().id.clone();
    let figure =
        causal_web::jobs::project_figure(&p, &causal_web::jobs::FigureRequest::new("f.svg"));
    let link = figure.links.iter().find(|l| l.id == id).unwrap();
    assert!(link.path.control.is_some(), "the link bends");
    let canvas = h.state().canvas();
    let on_curve = link.path.point_at(0.5);
    let at = canvas.to_screen(on_curve.x, on_curve.y);
    // The curve there is well off the straight line between the centres.
    let (s, t) = (link.path.start, link.path.end);
    let chord = canvas.to_screen(s.lerp(t, 0.5).x, s.lerp(t, 0.5).y);
    assert!(at.distance(chord) > 10.0, "{at:?} {chord:?}");
    click_at(&mut h, at);
    assert_eq!(h.state().selection(), &Selection::Link(id.clone()));
    // Its polarity mark, drawn over everything, stands for it too.
    h.state_mut().act(UiAction::Select(Selection::Nothing));
    h.run_steps(2);
    // Clicked near its rim, across the line: off the line by more than a
    // click on a line allows.
    let mark = link.mark.as_ref().expect("a negative link's mark");
    let line = link.path.polyline(200);
    let k = (1..line.len() - 1)
        .min_by(|&a, &b| {
            line[a]
                .distance(mark.centre)
                .total_cmp(&line[b].distance(mark.centre))
        })
        .unwrap();
    let across = line[k - 1].to(line[k + 1]).unit().perpendicular();
    let rim = mark.centre.plus(across, 0.8 * mark.radius);
    let canvas = h.state().canvas();
    let at = canvas.to_screen(rim.x, rim.y);
    let centre = canvas.to_screen(mark.centre.x, mark.centre.y);
    assert!(at.distance(centre) > 8.0, "{at:?} {centre:?}");
    click_at(&mut h, at);
    assert_eq!(h.state().selection(), &Selection::Link(id));
}

#[test]
fn a_saved_web_reopens_where_its_view_was_left() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("web.cweb.json");
    std::fs::copy(common::example(), &path).unwrap();
    let mut h = harness(Some(path.clone()));
    let fitted = h.state().canvas().view_place();
    // Zoom in twice and look at Risk threshold (found by its label).
    for _ in 0..2 {
        h.get_by_label("View").click();
        h.run_steps(2);
        h.get_by_label("Zoom in").click();
        h.run_steps(2);
    }
    let p = project(&h);
    let (x, y) = p.find_node("Risk threshold").unwrap().position().unwrap();
    h.state_mut()
        .act(UiAction::FindNode("Risk threshold".to_string()));
    h.run_steps(2);
    let place = h.state().canvas().view_place();
    assert!(place.zoom > fitted.zoom * 1.5, "{place:?} {fitted:?}");
    assert!((place.centre.0 - x).abs() < 0.01 && (place.centre.1 - y).abs() < 0.01);
    // Moving the view is not an edit.
    assert!(!h.state().is_dirty());
    h.state_mut().act(UiAction::Save);
    h.run_steps(2);
    let saved = causal_web::io::load_project(&path).unwrap();
    let kept = saved.view_place().expect("the view is saved");
    assert!((kept.zoom - place.zoom).abs() < 1e-6, "{kept:?}");
    assert_eq!(saved.nodes, p.nodes);
    // Reopened: the same zoom, Risk threshold in the middle of the view.
    let on_screen = node_pos(&h, "Risk threshold");
    let again = harness(Some(path));
    let reopened = again.state().canvas().view_place();
    assert!((reopened.zoom - place.zoom).abs() < 1e-6, "{reopened:?}");
    assert!((reopened.centre.0 - x).abs() < 0.01 && (reopened.centre.1 - y).abs() < 0.01);
    assert!(node_pos(&again, "Risk threshold").distance(on_screen) < 0.5);
    // A web saved without a place opens fitted, as before, and so does one
    // whose place is too far out to show.
    let plain = harness(Some(common::example()));
    assert!((plain.state().canvas().view_place().zoom - fitted.zoom).abs() < 1e-6);
    let mut far = saved.clone();
    far.set_view_place(causal_web::model::ViewPlace {
        centre: (1e300, 0.0),
        zoom: 1.0,
    });
    let far_path = dir.path().join("far.cweb.json");
    causal_web::io::save_project(&far, &far_path).unwrap();
    let opened = harness(Some(far_path));
    assert!((opened.state().canvas().view_place().zoom - fitted.zoom).abs() < 1e-6);
    assert!(node_pos(&opened, "Risk threshold").x.is_finite());
}

#[test]
fn a_study_id_typed_changes_once_complete_and_never_to_another_studys() {
    let mut h = harness(Some(common::example()));
    h.state_mut()
        .act(UiAction::Select(Selection::Study("ref67".into())));
    h.run_steps(2);
    let before = project(&h);
    // Typing "ref123" over "ref67" passes "ref12", another study's id.
    h.get_all_by(|n| n.value().is_some_and(|v| v == "ref67"))
        .next()
        .expect("the id field")
        .click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.run_steps(1);
    for typed in ["r", "e", "f", "1", "2"] {
        h.event(egui::Event::Text(typed.into()));
        h.run_steps(1);
    }
    h.get_by_label_contains("Id not changed: 'ref12' is the id of Reference 12");
    assert_eq!(project(&h), before, "nothing changes while the id is typed");
    assert_eq!(h.state().selection(), &Selection::Study("ref67".into()));
    h.event(egui::Event::Text("3".into()));
    h.run_steps(1);
    assert_eq!(project(&h), before);
    h.key_press(Key::Enter);
    h.run_steps(2);
    let after = project(&h);
    assert!(after.study("ref67").is_none());
    assert_eq!(
        after.study("ref123").unwrap().title,
        before.study("ref67").unwrap().title
    );
    assert_eq!(
        after.study("ref12").unwrap(),
        before.study("ref12").unwrap()
    );
    assert_eq!(h.state().selection(), &Selection::Study("ref123".into()));
    // One step undoes the whole id.
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(project(&h), before);
}

#[test]
fn authors_are_typed_with_their_spaces_one_per_line() {
    let mut h = harness(Some(common::example()));
    h.state_mut()
        .act(UiAction::Select(Selection::Study("ref67".into())));
    h.run_steps(2);
    h.get_by(|n| n.placeholder() == Some("Family, Given"))
        .click();
    h.run_steps(1);
    for typed in ["Erens,", " ", "Bob"] {
        h.event(egui::Event::Text(typed.into()));
        h.run_steps(1);
    }
    h.key_press(Key::Enter);
    h.run_steps(1);
    h.event(egui::Event::Text("Mays, N.".into()));
    h.run_steps(2);
    assert_eq!(
        project(&h).study("ref67").unwrap().authors,
        ["Erens, Bob", "Mays, N."]
    );
}

#[test]
fn saving_an_untitled_web_when_asked_goes_on_to_what_was_asked_once_saved() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("untitled.cweb.json");
    let mut h = harness(None);
    h.state_mut().act(UiAction::New);
    h.run_steps(2);
    h.get_by_label("+ context").click();
    h.run_steps(2);
    let edited = project(&h);
    h.state_mut().act(UiAction::New);
    h.run_steps(2);
    h.get_by_label("Save").click();
    h.run_steps(2);
    assert!(
        h.state().is_asking_for_path(),
        "an untitled web needs a path"
    );
    assert!(
        h.query_by_label("Discard changes").is_none(),
        "the question is answered"
    );
    h.event(egui::Event::Text(out.display().to_string()));
    h.run_steps(1);
    h.get_by_label("OK").click();
    h.run_steps(2);
    assert_eq!(load_saved(&out).nodes, edited.nodes);
    assert!(project(&h).nodes.is_empty(), "then the new web");
    assert!(!h.state().is_dirty());
}

fn load_saved(path: &std::path::Path) -> Project {
    causal_web::io::load_project(path).expect("the web was saved")
}

#[test]
fn nodes_added_from_the_toolbar_do_not_hide_each_other() {
    let mut h = harness(None);
    h.state_mut().act(UiAction::New);
    h.run_steps(2);
    for button in ["+ context", "+ mechanism", "+ outcome", "+ context"] {
        h.get_by_label(button).click();
        h.run_steps(2);
    }
    let p = project(&h);
    assert_eq!(p.nodes.len(), 4);
    let graph = causal_web::layout::LayoutGraph::from_project(
        &p,
        &causal_web::figure::LabelStyle::default(),
    );
    let positions: Vec<(f64, f64)> = p.nodes.iter().map(|n| n.position().unwrap()).collect();
    assert_eq!(
        causal_web::layout::overlapping_pairs(&graph, &positions, 11.9),
        vec![]
    );
}

#[test]
fn a_label_cleared_or_shared_is_pointed_out_in_the_inspector() {
    let mut h = harness(Some(common::testdata("small.cweb.json")));
    h.state_mut()
        .act(UiAction::Select(Selection::Nodes(vec!["trust".into()])));
    h.run_steps(2);
    h.get_all_by(|n| n.value().is_some_and(|v| v == "Trust"))
        .next()
        .expect("the label field")
        .click();
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.key_press(Key::Backspace);
    h.run_steps(2);
    h.get_by_label("A node needs a label: the last one is kept.");
    assert_eq!(project(&h).node("trust").unwrap().label, "Trust");
    // Another node given the same label: said, since tables name nodes so.
    h.key_press(Key::Escape);
    h.run_steps(1);
    h.state_mut().act(UiAction::Edit(
        causal_web::edit::EditCommand::SetNodeLabel {
            id: "voluntary".into(),
            label: " trust".into(),
        },
    ));
    h.run_steps(2);
    h.get_by_label_contains("Also the label of voluntary (context)");
}

#[test]
fn a_nodes_supporting_citations_each_name_their_link_which_a_click_selects() {
    let mut h = harness_with(AppOptions {
        file: Some(common::example()),
        select: Some("Conflict".into()),
        ..Default::default()
    });
    let p = project(&h);
    let conflict = p.find_node("Conflict").unwrap().id.clone();
    let competition = p
        .find_node("Competition between partners")
        .unwrap()
        .id
        .clone();
    let link = p.link_between(&competition, &conflict).unwrap().id.clone();
    // One quote is cited on two of Conflict's links: each row says which.
    let rows = h.get_all_by_label("Competition between partners → Conflict:");
    assert!(rows.count() >= 1);
    h.get_all_by_label("Competition between partners → Conflict:")
        .next()
        .unwrap()
        .click();
    h.run_steps(2);
    assert_eq!(h.state().selection(), &Selection::Link(link));
}

#[test]
fn in_a_narrow_window_the_side_panels_give_way_to_the_canvas() {
    let h = harness_sized(
        AppOptions {
            file: Some(common::example()),
            ..Default::default()
        },
        egui::vec2(800.0, 600.0),
    );
    // Between the library's search field and the inspector's heading.
    let library_right = h
        .get_by(|n| n.placeholder() == Some("Search studies"))
        .rect()
        .max
        .x;
    let inspector_left = h.get_by_label("Web").rect().min.x;
    let canvas = inspector_left - library_right;
    assert!(
        canvas >= 0.4 * 800.0,
        "the canvas is {canvas} of 800 points wide"
    );
    // The library's count is not hidden under its two orders: in the
    // narrow panel the orders go below it.
    let studies = project(&h).studies.len();
    let count = h.get_by_label(&format!("{studies} of {studies}")).rect();
    for order in ["file order", "most cited"] {
        let button = h.get_by_label(order).rect();
        assert!(
            !count.intersects(button),
            "the count {count:?} is under '{order}' {button:?}"
        );
        assert!(button.min.y >= count.max.y, "'{order}' below the count");
    }
}

#[test]
fn the_status_says_which_of_undo_and_redo_had_nothing_to_do() {
    let mut h = harness(Some(common::example()));
    h.key_press_modifiers(Modifiers::COMMAND, Key::Y);
    h.run_steps(2);
    assert_eq!(h.state().status().message(), "Nothing to redo");
    h.get_by_label("+ context").click();
    h.run_steps(2);
    // Out of the new node's label field (where Ctrl+Z is the field's own).
    h.key_press(Key::Escape);
    h.run_steps(1);
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    let said = h.state().status().message().to_string();
    assert!(said.starts_with("Undid: Added context"), "{said}");
    h.key_press_modifiers(Modifiers::COMMAND, Key::Z);
    h.run_steps(2);
    assert_eq!(h.state().status().message(), "Nothing to undo");
}
