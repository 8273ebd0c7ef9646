//! The SVG export: plain SVG 1.1 whose shapes and texts are where the model
//! says, with every text escaped and inside the viewBox.

use causal_web::export::{figure_svg, SvgOptions};
use causal_web::figure::{node_shape, Figure, FigureStyle, LabelFont, LabelStyle, Point};
use causal_web::io::load_project;
use causal_web::jobs::{project_figure, FigureRequest};
use causal_web::model::{Link, Node, NodeKind, Polarity, Project};

const SMALL: &str = "../shared/testdata/small.cweb.json";

fn small() -> Project {
    load_project(std::path::Path::new(SMALL)).expect("the small test web loads")
}

fn svg_of(project: &Project) -> String {
    let figure = project_figure(project, &FigureRequest::new("out.svg"));
    figure_svg(&figure, &SvgOptions::default())
}

fn num(node: roxmltree::Node, name: &str) -> f64 {
    node.attribute(name)
        .unwrap_or_else(|| panic!("<{}> has no {name}", node.tag_name().name()))
        .parse()
        .unwrap()
}

fn group<'a, 'i>(doc: &'a roxmltree::Document<'i>, id: &str) -> roxmltree::Node<'a, 'i> {
    doc.descendants()
        .find(|n| n.attribute("id") == Some(id))
        .unwrap_or_else(|| panic!("no element with id {id:?}"))
}

/// The words of every <tspan> of the element's <text>, in order.
fn words(node: roxmltree::Node) -> Vec<String> {
    node.descendants()
        .filter(|n| n.has_tag_name("tspan"))
        .flat_map(|n| {
            n.text()
                .unwrap_or("")
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn every_node_is_one_shape_of_its_kind_at_its_position_with_its_label() {
    let project = small();
    let svg = svg_of(&project);
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    assert_eq!(root.attribute("version"), Some("1.1"));
    assert!(!svg.contains("foreignObject"));
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.attribute("class").is_some_and(|c| c.starts_with("node ")))
        .filter(|n| n.attribute("id").is_some())
        .collect();
    assert_eq!(nodes.len(), project.nodes.len());
    for node in &project.nodes {
        let g = group(&doc, &format!("node-{}", node.id));
        assert_eq!(g.tag_name().name(), "g");
        assert_eq!(
            g.attribute("class"),
            Some(format!("node {}", node.kind.name()).as_str())
        );
        let shapes: Vec<_> = g
            .children()
            .filter(|c| c.has_tag_name("rect") || c.has_tag_name("ellipse"))
            .collect();
        let outer = shapes[0];
        let (cx, cy) = match node.kind {
            NodeKind::Context => {
                assert!(outer.has_tag_name("rect"), "{}", node.id);
                assert_eq!(shapes.len(), 1);
                (
                    num(outer, "x") + num(outer, "width") / 2.0,
                    num(outer, "y") + num(outer, "height") / 2.0,
                )
            }
            NodeKind::Mechanism | NodeKind::Outcome => {
                assert!(
                    shapes.iter().all(|s| s.has_tag_name("ellipse")),
                    "{}",
                    node.id
                );
                // An outcome is told apart by a second, inner outline.
                assert_eq!(
                    shapes.len(),
                    if node.kind == NodeKind::Outcome { 2 } else { 1 }
                );
                (num(outer, "cx"), num(outer, "cy"))
            }
        };
        if let Some((x, y)) = node.position() {
            assert!(
                (cx - x).abs() < 0.01 && (cy - y).abs() < 0.01,
                "{}: {cx},{cy}",
                node.id
            );
        }
        let label: Vec<&str> = node.label.split_whitespace().collect();
        assert_eq!(words(g), label, "{}", node.id);
    }
}

#[test]
fn arrowheads_touch_the_target_border_and_lines_leave_the_source_border() {
    let project = small();
    let svg = svg_of(&project);
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let style = LabelStyle::default();
    let on_border = |node: &Node, p: Point| {
        let s = node_shape(&node.label, node.kind, &style);
        let (a, b) = s.half_size();
        let (x, y) = node.position().unwrap();
        let (dx, dy) = ((p.x - x) / a, (p.y - y) / b);
        let r = match node.kind {
            NodeKind::Context => dx.abs().max(dy.abs()),
            _ => dx.hypot(dy),
        };
        (r - 1.0).abs() < 0.02
    };
    let first_point = |d: &str| {
        let v: Vec<f64> = d[1..]
            .split([' ', 'L', 'Q'])
            .filter(|s| !s.is_empty())
            .take(2)
            .map(|s| s.parse().unwrap())
            .collect();
        Point::new(v[0], v[1])
    };
    let mut checked = 0;
    for link in &project.links {
        let g = group(&doc, &format!("link-{}", link.id));
        assert_eq!(g.attribute("class"), Some("link"));
        let paths: Vec<_> = g.children().filter(|c| c.has_tag_name("path")).collect();
        assert_eq!(paths.len(), 2, "{}: a line and an arrowhead", link.id);
        let (source, target) = (
            project.node(&link.source).unwrap(),
            project.node(&link.target).unwrap(),
        );
        if source.position().is_none() || target.position().is_none() {
            continue;
        }
        assert!(
            on_border(source, first_point(paths[0].attribute("d").unwrap())),
            "{}",
            link.id
        );
        assert!(
            on_border(target, first_point(paths[1].attribute("d").unwrap())),
            "{}",
            link.id
        );
        // A negative or unclear link's mark is drawn after every line (and
        // shape), so that no other link's line crosses its sign.
        let mark = doc
            .descendants()
            .find(|n| n.attribute("id") == Some(&format!("mark-{}", link.id)));
        assert_eq!(
            mark.is_some_and(|m| m.children().any(|c| c.has_tag_name("circle"))),
            link.polarity != Polarity::Positive,
            "{}",
            link.id
        );
        if let Some(mark) = mark {
            assert!(mark.range().start > group(&doc, "links").range().end);
            assert!(mark.range().start > group(&doc, "nodes").range().end);
        }
        assert!(!g.children().any(|c| c.has_tag_name("circle")));
        checked += 1;
    }
    assert!(checked >= 2);
}

#[test]
fn markup_in_labels_and_ids_comes_out_inert_and_intact() {
    let label = "<script>alert(\"pwned\")</script> & 'quoted' \"text\"";
    let id = "an id with spaces, \"quotes\" & <angles>";
    let mut context = Node::new(id, label, NodeKind::Context);
    context.set_position(0.0, 0.0);
    let mut mechanism = Node::new("m", "Trust", NodeKind::Mechanism);
    mechanism.set_position(300.0, 0.0);
    let project = Project {
        nodes: vec![context, mechanism],
        links: vec![Link::new("link \"1\" <&>", id, "m")],
        ..Project::default()
    };
    let style = FigureStyle {
        title: Some("Title with <b>bold</b> & \"quotes\"".into()),
        ..FigureStyle::default()
    };
    let figure = Figure::build(&project, &style, &[]);
    let svg = figure_svg(&figure, &SvgOptions::default());
    let doc = roxmltree::Document::parse(&svg).expect("still well-formed XML");
    assert!(doc
        .descendants()
        .all(|n| !n.has_tag_name("script") && !n.has_tag_name("b")));
    let g = group(&doc, &format!("node-{id}"));
    let text: Vec<String> = g
        .descendants()
        .filter(|n| n.has_tag_name("tspan"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    assert_eq!(text.join(" "), label);
    group(&doc, "link-link \"1\" <&>");
    let title = group(&doc, "title");
    assert_eq!(title.text(), Some("Title with <b>bold</b> & \"quotes\""));
}

#[test]
fn the_view_box_holds_every_text_and_the_legend() {
    let project = small();
    let request = FigureRequest {
        title: Some("Trust in a buddying arrangement".into()),
        ..FigureRequest::new("out.svg")
    };
    let figure = project_figure(&project, &request);
    let svg = figure_svg(&figure, &SvgOptions::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let vb: Vec<f64> = doc
        .root_element()
        .attribute("viewBox")
        .unwrap()
        .split(' ')
        .map(|v| v.parse().unwrap())
        .collect();
    let (x0, y0, x1, y1) = (vb[0], vb[1], vb[0] + vb[2], vb[1] + vb[3]);
    let font = LabelFont::bundled();
    let mut texts = 0;
    for text in doc.descendants().filter(|n| n.has_tag_name("text")) {
        let size = num(text, "font-size");
        let anchor = text.attribute("text-anchor").unwrap_or("start");
        let pieces: Vec<roxmltree::Node> = if text.children().any(|c| c.has_tag_name("tspan")) {
            text.children()
                .filter(|c| c.has_tag_name("tspan"))
                .collect()
        } else {
            vec![text]
        };
        for piece in pieces {
            let content = piece.text().unwrap_or("");
            let w = font.text_width(content, size);
            let (x, y) = (num(piece, "x"), num(piece, "y"));
            let left = match anchor {
                "middle" => x - w / 2.0,
                "end" => x - w,
                _ => x,
            };
            assert!(
                left >= x0 && left + w <= x1,
                "{content:?} runs out sideways"
            );
            assert!(
                y - font.ascent(size) >= y0 && y + font.descent(size) <= y1,
                "{content:?}"
            );
            texts += 1;
        }
    }
    assert!(texts >= project.nodes.len() + 3, "{texts}");
    let legend = group(&doc, "legend");
    let frame = legend.children().find(|c| c.has_tag_name("rect")).unwrap();
    assert!(num(frame, "x") >= x0 && num(frame, "x") + num(frame, "width") <= x1);
    assert!(num(frame, "y") >= y0 && num(frame, "y") + num(frame, "height") <= y1);
    let legend_words: Vec<String> = legend
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text().map(str::to_string))
        .collect();
    for kind in ["Context", "Mechanism", "Outcome", "Unclear or mixed link"] {
        assert!(
            legend_words.iter().any(|w| w == kind),
            "{kind}: {legend_words:?}"
        );
    }
}

#[test]
fn the_same_input_gives_the_same_bytes_and_a_width_in_mm_when_asked() {
    let a = svg_of(&small());
    let b = svg_of(&small());
    assert_eq!(a, b);
    let figure = project_figure(&small(), &FigureRequest::new("out.svg"));
    let svg = figure_svg(
        &figure,
        &SvgOptions {
            width_mm: Some(85.0),
            transparent: false,
        },
    );
    let doc = roxmltree::Document::parse(&svg).unwrap();
    assert_eq!(doc.root_element().attribute("width"), Some("85mm"));
    assert!(doc
        .root_element()
        .attribute("height")
        .unwrap()
        .ends_with("mm"));
    let no_legend = project_figure(
        &small(),
        &FigureRequest {
            legend: false,
            ..FigureRequest::new("out.svg")
        },
    );
    let svg = figure_svg(&no_legend, &SvgOptions::default());
    assert!(!svg.contains("id=\"legend\""));
}

/// The path data of the line of link `id`.
fn line_of(svg: &str, id: &str) -> String {
    let doc = roxmltree::Document::parse(svg).unwrap();
    group(&doc, &format!("link-{id}"))
        .children()
        .find(|c| c.has_tag_name("path"))
        .and_then(|p| p.attribute("d"))
        .expect("a line")
        .to_string()
}

#[test]
fn a_link_with_a_shape_in_its_way_is_drawn_round_it() {
    let node = |id: &str, kind, x: f64| {
        let mut n = Node::new(id, id, kind);
        n.x = Some(x);
        n.y = Some(0.0);
        n
    };
    let mut project = Project {
        nodes: vec![
            node("Mandate", NodeKind::Context, 0.0),
            node("Quick wins", NodeKind::Context, 220.0),
            node("Trust", NodeKind::Mechanism, 440.0),
        ],
        links: vec![Link::new("l1", "Mandate", "Trust")],
        ..Project::default()
    };
    let figure_of = |p: &Project| project_figure(p, &FigureRequest::new("out.svg"));
    let middle = figure_of(&project).node("Quick wins").unwrap().bounds();
    // The path's points, control points included (a rounded corner lies
    // inside the triangle of its ends and its control point).
    let points = |d: &str| -> Vec<Point> {
        let numbers: Vec<f64> = d
            .split(['M', 'L', 'Q', ' '])
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().unwrap())
            .collect();
        numbers.chunks(2).map(|p| Point::new(p[0], p[1])).collect()
    };
    let goes_round = |d: &str| {
        // Straight legs joined by rounded corners, clear of the shape.
        assert!(d.contains('Q') && d.matches('L').count() >= 2, "{d}");
        let p = points(d);
        assert!(
            p.windows(2).all(|w| !middle.meets_segment(w[0], w[1])),
            "{d} enters {middle:?}"
        );
    };
    goes_round(&line_of(&svg_of(&project), "l1"));
    // Linked both ways: the two bend apart, below and above the shape.
    project.links.push(Link::new("l2", "Trust", "Mandate"));
    let svg = svg_of(&project);
    for id in ["l1", "l2"] {
        let d = line_of(&svg, id);
        assert!(d.contains('Q') && !d.contains('L'), "{d}");
        let curve = figure_of(&project)
            .links
            .iter()
            .find(|l| l.id == id)
            .unwrap()
            .path
            .polyline(32);
        assert!(
            curve.windows(2).all(|w| !middle.meets_segment(w[0], w[1])),
            "{d}"
        );
    }
    // With shapes above and below it too, neither bend is clear: both go
    // round the same way, side by side.
    let mut stacked = project.clone();
    stacked
        .nodes
        .push(node("Acute events", NodeKind::Context, 220.0));
    stacked
        .nodes
        .push(node("Leadership", NodeKind::Context, 220.0));
    stacked.nodes[3].y = Some(-50.0);
    stacked.nodes[4].y = Some(50.0);
    let svg = svg_of(&stacked);
    let (there, back) = (line_of(&svg, "l1"), line_of(&svg, "l2"));
    let figure = figure_of(&stacked);
    for d in [&there, &back] {
        let p = points(d);
        assert!(d.contains('Q') && d.matches('L').count() >= 2, "{d}");
        for n in figure
            .nodes
            .iter()
            .filter(|n| n.id != "Mandate" && n.id != "Trust")
        {
            let r = n.bounds();
            assert!(
                p.windows(2).all(|w| !r.meets_segment(w[0], w[1])),
                "{d} enters {}",
                n.id
            );
        }
    }
    let gap = points(&there)[2].distance(points(&back)[points(&back).len() - 3]);
    assert!(gap > 4.0 && gap < 8.0, "{there} / {back}: {gap}");
    project.links.pop();
    // Without the shape in the way, the same link is one straight line.
    project.nodes.remove(1);
    let d = line_of(&svg_of(&project), "l1");
    assert_eq!(d.matches('L').count(), 1, "{d}");
    assert!(!d.contains('Q'), "{d}");
}

#[test]
fn a_long_title_is_wrapped_over_the_web_and_never_widens_the_figure() {
    let project = small();
    let plain = project_figure(&project, &FigureRequest::new("out.svg"));
    let long = "Trust, confidence and faith in a buddying arrangement between two NHS trusts, \
                as the studies of the review describe it, chain by chain";
    let titled = project_figure(
        &project,
        &FigureRequest {
            title: Some(long.into()),
            ..FigureRequest::new("out.svg")
        },
    );
    assert!(titled.title.len() > 1, "wrapped: {:?}", titled.title);
    assert_eq!(titled.bounds.width(), plain.bounds.width());
    assert!(titled.bounds.height() > plain.bounds.height());
    let words: Vec<&str> = titled.title.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(
        words.join(" "),
        long.split_whitespace().collect::<Vec<_>>().join(" ")
    );
    let svg = figure_svg(&titled, &SvgOptions::default());
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let title = group(&doc, "title");
    let lines: Vec<&str> = title
        .children()
        .filter(|n| n.has_tag_name("tspan"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(lines, words);
    // A word longer than the figure is wide (a URL) is broken, not let
    // widen the figure.
    let url =
        "https://doi.org/10.1186/s12913-021-06630-x/figures/5/interorganisational-collaboration";
    let titled = project_figure(
        &project,
        &FigureRequest {
            title: Some(format!("Fig. 5, after {url}")),
            ..FigureRequest::new("out.svg")
        },
    );
    assert_eq!(titled.bounds.width(), plain.bounds.width());
    assert!(titled.title.len() > 2, "{:?}", titled.title);
    let joined: String = titled.title[1..].iter().map(|l| l.text.as_str()).collect();
    assert_eq!(joined, url, "the word's pieces in order");
}
