//! The CMOC table: reading, writing, the formula guard and the round trip.

mod common;

use std::collections::BTreeMap;

use causal_web::io::{load_project, read_cmoc_table, write_cmoc_table};
use causal_web::model::{NodeKind, Project};

fn sample() -> String {
    std::fs::read_to_string(common::testdata("cmocs-sample.csv")).unwrap()
}

/// Every link as (source label, target label) with its evidence as sorted
/// (cmoc, study, quote, page) tuples; and every node's own evidence.
type Citations = BTreeMap<(String, String), Vec<(String, String, String, String)>>;

fn citations(p: &Project) -> Citations {
    let label = |id: &str| p.node(id).unwrap().label.clone();
    let mut out = Citations::new();
    for l in &p.links {
        let mut ev: Vec<_> = l
            .evidence
            .iter()
            .map(|e| {
                (
                    e.cmoc.clone(),
                    e.study.clone(),
                    e.quote.clone(),
                    e.page.clone(),
                )
            })
            .collect();
        ev.sort();
        out.insert((label(&l.source), label(&l.target)), ev);
    }
    for n in p.nodes.iter().filter(|n| !n.evidence.is_empty()) {
        let mut ev: Vec<_> = n
            .evidence
            .iter()
            .map(|e| {
                (
                    e.cmoc.clone(),
                    e.study.clone(),
                    e.quote.clone(),
                    e.page.clone(),
                )
            })
            .collect();
        ev.sort();
        out.insert((n.label.clone(), String::new()), ev);
    }
    out
}

#[test]
fn the_sample_table_reads_into_an_empty_project() {
    let mut p = Project::default();
    let report = read_cmoc_table(&sample(), "cmocs.csv", &mut p).unwrap();
    assert_eq!(report.rows, 8);
    let kind = |label: &str| p.node_by_label(label).unwrap().kind;
    assert_eq!(kind("Quick wins with a partner"), NodeKind::Context);
    assert_eq!(kind("Trust"), NodeKind::Mechanism);
    assert_eq!(
        kind("Risk threshold"),
        NodeKind::Outcome,
        "first seen as an outcome, it stays one"
    );
    assert_eq!(kind("Leadership turnover, large"), NodeKind::Context);
    let link = |a: &str, b: &str| {
        let (a, b) = (
            &p.node_by_label(a).unwrap().id,
            &p.node_by_label(b).unwrap().id,
        );
        p.link_between(a, b)
            .unwrap_or_else(|| panic!("no link {a} → {b}"))
    };
    // C1: two rows, two studies, on both links of the chain.
    assert_eq!(link("Quick wins with a partner", "Trust").evidence.len(), 2);
    let c1 = &link("Trust", "Risk threshold").evidence;
    assert_eq!(
        c1[1].quote,
        "These small successes serve to rapidly bolster trust"
    );
    assert_eq!(
        (
            c1[1].page.as_str(),
            c1[1].cmoc.as_str(),
            c1[1].study.as_str()
        ),
        ("12", "C1", "ref67")
    );
    // C4 has no context: only mechanism → outcome.
    assert_eq!(link("Conflict", "Trust").evidence[0].cmoc, "C4");
    assert_eq!(
        p.links
            .iter()
            .filter(|l| l.target == p.node_by_label("Conflict").unwrap().id)
            .count(),
        0
    );
    // A row without a CMOC id.
    assert_eq!(
        link("Risk threshold", "Collaborative behaviour").evidence[0].cmoc,
        ""
    );
    // C6 has no outcome; its quote loses the formula guard.
    let c6 = &link(
        "Leadership turnover, large",
        "Clarity and sharedness of vision",
    )
    .evidence[0];
    assert_eq!(c6.quote, "=SUM(A1:A2) is not a formula here");
    // Unknown studies are created with the cell as id.
    let mut ids: Vec<_> = p.studies.iter().map(|s| s.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        vec!["ref41", "ref48", "ref49", "ref51", "ref65", "ref67"]
    );
    assert!(causal_web::model::validate(&p).is_empty());
}

#[test]
fn reading_into_an_existing_project_matches_labels_and_studies() {
    let mut p = load_project(&common::testdata("small.cweb.json")).unwrap();
    let before = (p.nodes.len(), p.links.len());
    let table = "cmoc,context,mechanism,outcome,study,quote,page\n\
                 C9,  geographical PROXIMITY ,Trust,,Leach et al. (2019),q,3\n\
                 C9,,Trust,,ftn2014,,\n";
    let report = read_cmoc_table(table, "t.csv", &mut p).unwrap();
    assert_eq!(
        (report.nodes_added, report.links_added, report.studies_added),
        (0, 1, 0)
    );
    assert_eq!((p.nodes.len(), p.links.len()), (before.0, before.1 + 1));
    let l = p.link_between("proximity", "trust").unwrap();
    assert_eq!(
        l.evidence[0].study, "leach2019",
        "a study is found by its short label"
    );
    assert_eq!(
        p.node("trust").unwrap().evidence[0].study,
        "ftn2014",
        "a single node cell is node evidence"
    );
    assert_eq!(p.node("proximity").unwrap().kind, NodeKind::Context);
}

#[test]
fn a_table_with_bad_rows_is_refused_whole_naming_each_row() {
    let mut p = load_project(&common::testdata("small.cweb.json")).unwrap();
    let before = p.clone();
    let table = "cmoc,context,mechanism,outcome,study,quote,page\n\
                 C1,A,B,C,s1,,\n\
                 C2,A,B,C,,,\n\
                 C3,,,,s1,,\n\
                 C4,Trust,trust,,s1,,\n\
                 C5,Quick wins,,Synergy,s1,,\n\
                 C6,A,B,C,s1,,,extra\n";
    let e = read_cmoc_table(table, "t.csv", &mut p)
        .unwrap_err()
        .to_string();
    let lines: Vec<&str> = e.lines().collect();
    assert_eq!(lines.len(), 5, "{e}");
    assert!(
        lines[0].starts_with("t.csv:3:1: row 2: the study cell is empty"),
        "{e}"
    );
    assert!(
        lines[1].starts_with("t.csv:4:1: row 3: no context, mechanism or outcome"),
        "{e}"
    );
    assert!(
        lines[2].contains("row 4: context and mechanism are the same node"),
        "{e}"
    );
    // No link joins a context to an outcome: the row has nowhere to go.
    assert!(
        lines[3].starts_with(
            "t.csv:6:1: row 5: a context 'Quick wins' and an outcome 'Synergy' but no mechanism"
        ),
        "{e}"
    );
    assert!(
        lines[4].starts_with("t.csv:7:1: row 6: 8 cells, more than the header's 7"),
        "{e}"
    );
    assert_eq!(p, before, "nothing is kept from a refused table");
}

#[test]
fn a_quoted_cell_never_closed_is_refused_naming_its_line() {
    let mut p = Project::default();
    let table = "cmoc,context,mechanism,outcome,study,quote,page\n\
                 C1,A,B,C,s1,\"a quote, with a comma\",\n\
                 C2,A,B,C,s1,\"q,\n";
    let e = read_cmoc_table(table, "t.csv", &mut p)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("t.csv:3:1: a quoted cell that starts on this line is never closed"),
        "{e}"
    );
    assert_eq!(p, Project::default());
}

#[test]
fn a_table_without_the_columns_is_refused() {
    let mut p = Project::default();
    let e = read_cmoc_table("cmoc,context,mech\nC1,a,b\n", "t.csv", &mut p)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with(
            "t.csv:1:1: the header lacks the columns mechanism, outcome, study, quote, page"
        ),
        "{e}"
    );
}

#[test]
fn writing_follows_the_rows_of_the_spec() {
    // l1 (context → mechanism) and l4 (mechanism → outcome) cite ftn2014 as C1,
    // but with different quotes: two groups, one row each, side by side
    // although l2 and l3 (which chain, as C2) come between them.
    let p = load_project(&common::testdata("small.cweb.json")).unwrap();
    let table = write_cmoc_table(&p);
    assert_eq!(
        table,
        "cmoc,context,mechanism,outcome,study,quote,page\r\n\
         C1,Voluntary arrangement,Trust,,ftn2014,Interviewees repeatedly said how difficult it would have been if their buddying arrangement had been imposed,\r\n\
         C1,,Trust,Collaborative behaviour,ftn2014,,\r\n\
         C2,Geographical proximity,Interpersonal communication and information sharing,Trust,leach2019,,14\r\n\
         C2,Geographical proximity,Interpersonal communication and information sharing,Trust,shaw2002,,\r\n"
    );
}

#[test]
fn formula_cells_are_guarded_and_read_back_intact() {
    let mut p = Project::default();
    let table = "cmoc,context,mechanism,outcome,study,quote,page\n\
                 C1,=A,+B,-C,@s,'=quoted,\n";
    read_cmoc_table(table, "t.csv", &mut p).unwrap();
    assert!(p.node_by_label("=A").is_some() && p.node_by_label("-C").is_some());
    let written = write_cmoc_table(&p);
    assert!(
        written.contains("C1,'=A,'+B,'-C,'@s,'=quoted,"),
        "{written}"
    );
    let mut again = Project::default();
    read_cmoc_table(&written, "t2.csv", &mut again).unwrap();
    assert_eq!(citations(&again), citations(&p));
}

#[test]
fn writing_then_reading_into_an_empty_project_gives_the_same_web() {
    for path in [common::testdata("small.cweb.json"), common::example()] {
        let p = load_project(&path).unwrap();
        let mut back = Project::default();
        read_cmoc_table(&write_cmoc_table(&p), "t.csv", &mut back).unwrap();
        // Same links and evidence ...
        let reached: Citations = citations(&p)
            .into_iter()
            .filter(|(_, ev)| !ev.is_empty())
            .collect();
        assert_eq!(citations(&back), reached, "{}", path.display());
        // ... and the same nodes, apart from those no evidence reaches.
        let mut labels: Vec<String> = back.nodes.iter().map(|n| n.label.clone()).collect();
        let mut expected: Vec<String> = reached
            .keys()
            .flat_map(|(a, b)| [a.clone(), b.clone()])
            .filter(|l| !l.is_empty())
            .collect();
        labels.sort();
        expected.sort();
        expected.dedup();
        assert_eq!(labels, expected, "{}", path.display());
    }
}

#[test]
fn node_evidence_fills_the_context_cell_for_a_context_else_the_mechanism_cell() {
    use causal_web::model::{Evidence, Link, Node};
    let mut p = Project::default();
    p.nodes
        .push(Node::new("c", "Quick wins", NodeKind::Context));
    p.nodes.push(Node::new("m", "Trust", NodeKind::Mechanism));
    p.nodes.push(Node::new("o", "Synergy", NodeKind::Outcome));
    let mut link = Link::new("l1", "m", "o");
    link.evidence.push(Evidence::of("s1"));
    p.links.push(link);
    for (i, n) in p.nodes.iter_mut().enumerate() {
        let mut e = Evidence::of("s1");
        e.cmoc = format!("N{i}");
        n.evidence.push(e);
    }
    let table = write_cmoc_table(&p);
    let rows: Vec<&str> = table.lines().skip(1).collect();
    assert_eq!(
        rows,
        vec![
            ",,Trust,Synergy,s1,,",
            "N0,Quick wins,,,s1,,",
            "N1,,Trust,,s1,,",
            "N2,,Synergy,,s1,,",
        ],
        "{table}"
    );
    // Read back into a copy of the web without its node evidence: each row
    // finds its node by label, which keeps its kind.
    let mut back = p.clone();
    for n in &mut back.nodes {
        n.evidence.clear();
    }
    back.links[0].evidence.clear();
    read_cmoc_table(&table, "t.csv", &mut back).unwrap();
    assert_eq!(back.node("o").unwrap().kind, NodeKind::Outcome);
    assert_eq!(citations(&back), citations(&p));
}

/// A web with two reports of one author and year, and two nodes labelled
/// "Trust": a context and a mechanism.
fn alike() -> Project {
    use causal_web::model::{Node, Study};
    let mut p = Project::default();
    for (id, title) in [("cn_b", "Second report"), ("cn_a", "First report")] {
        let mut s = Study::new(id);
        s.authors = vec!["Community Network".into()];
        s.year = Some(2020);
        s.title = title.into();
        p.studies.push(s);
    }
    p.nodes
        .push(Node::new("trust_ctx", "Trust", NodeKind::Context));
    p.nodes
        .push(Node::new("trust_mech", "Trust", NodeKind::Mechanism));
    p.nodes
        .push(Node::new("synergy", "Synergy", NodeKind::Outcome));
    p
}

#[test]
fn a_short_label_that_several_studies_share_is_refused_and_a_lettered_one_read() {
    let mut p = alike();
    let table = "cmoc,context,mechanism,outcome,study,quote,page\n\
                 C1,,Synergy,,Community Network (2020),,\n";
    let e = read_cmoc_table(table, "t.csv", &mut p)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with(
            "t.csv:2:1: row 1: the study 'Community Network (2020)' could be any of 2 studies, \
             Community Network (2020b), Community Network (2020a): name one by its label with the letter, or by its id"
        ),
        "{e}"
    );
    assert_eq!(p, alike(), "nothing is kept from a refused table");
    let table = "cmoc,context,mechanism,outcome,study,quote,page\n\
                 C1,,Synergy,,community network (2020B),,\n\
                 C2,,Synergy,,cn_b,,\n";
    read_cmoc_table(table, "t.csv", &mut p).unwrap();
    let cited: Vec<&str> = p
        .node("synergy")
        .unwrap()
        .evidence
        .iter()
        .map(|e| e.study.as_str())
        .collect();
    // Letters follow the titles: "First report" is 2020a.
    assert_eq!(cited, ["cn_b", "cn_b"]);
}

#[test]
fn of_nodes_that_share_a_label_the_column_tells_which() {
    let mut p = alike();
    let table = "cmoc,context,mechanism,outcome,study,quote,page\n\
                 C1,,Trust,Synergy,s1,,\n\
                 C2,Trust,Trust,,s1,,\n";
    let report = read_cmoc_table(table, "t.csv", &mut p).unwrap();
    assert_eq!((report.nodes_added, report.links_added), (0, 2));
    assert!(p.link_between("trust_mech", "synergy").is_some());
    assert!(p.link_between("trust_ctx", "trust_mech").is_some());
    // An outcome column naming two nodes, neither an outcome: refused.
    let table = "cmoc,context,mechanism,outcome,study,quote,page\n\
                 C3,,Synergy,Trust,s1,,\n";
    let e = read_cmoc_table(table, "t.csv", &mut p)
        .unwrap_err()
        .to_string();
    assert!(
        e.contains(
            "row 1: 'Trust' is the label of 2 nodes, trust_ctx (context), trust_mech (mechanism), \
             and the outcome column does not tell which"
        ),
        "{e}"
    );
}

#[test]
fn semicolons_tabs_and_a_sep_line_read_as_commas_do_with_the_lines_of_crlf_rows() {
    let comma = "cmoc,context,mechanism,outcome,study,quote,page\r\n\
                 C1,Quick wins,Trust,Synergy,s1,\"a; b, c\",4\r\n\
                 C2,,Trust,,,,\r\n";
    let read = |table: &str| {
        let mut p = Project::default();
        read_cmoc_table(table, "t.csv", &mut p).map_err(|e| e.to_string())
    };
    // CRLF line ends: row 2 is on line 3.
    let e = read(comma).unwrap_err();
    assert!(
        e.starts_with("t.csv:3:1: row 2: the study cell is empty"),
        "{e}"
    );
    let good = |table: &str| {
        let mut p = Project::default();
        read_cmoc_table(table, "t.csv", &mut p).unwrap();
        citations(&p)
    };
    let comma = comma.replace("C2,,Trust,,,,", "C2,,Trust,,s2,,");
    let expected = good(&comma);
    let semicolon = comma
        .replace(',', ";")
        .replace("\"a; b; c\"", "\"a; b, c\"");
    assert_eq!(good(&semicolon), expected);
    let tab = comma
        .replace(',', "\t")
        .replace("\"a; b\t c\"", "\"a; b, c\"");
    assert_eq!(good(&tab), expected);
    assert_eq!(good(&format!("sep=;\r\n{semicolon}")), expected);
    // After a sep line, lines are still counted from the file's first.
    let e = read(&format!("sep=,\n{}", comma.replace("s2", ""))).unwrap_err();
    assert!(
        e.starts_with("t.csv:4:1: row 2: the study cell is empty"),
        "{e}"
    );
    let e = read("cmoc;context\nC1;a\n").unwrap_err();
    assert!(
        e.contains("(separated by commas, semicolons or tabs)"),
        "{e}"
    );
}

#[test]
fn a_header_with_a_column_twice_is_refused() {
    let mut p = Project::default();
    let e = read_cmoc_table(
        "cmoc,context,mechanism,outcome,study,quote,page,Study\nC1,,Trust,,s1,,,s2\n",
        "t.csv",
        &mut p,
    )
    .unwrap_err()
    .to_string();
    assert_eq!(
        e,
        "t.csv:1:1: the header has a column more than once: study (columns 5 and 8)"
    );
}
