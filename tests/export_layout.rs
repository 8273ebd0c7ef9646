//! Where the nodes of an exported figure stand: as saved (`keep`, placing
//! the unplaced), or by the force or layered layout.

use std::path::Path;

use causal_web::figure::{FigureStyle, Rect};
use causal_web::io::load_project;
use causal_web::jobs::{
    figure_positions, figure_print_sizes, project_figure, FigureLayout, FigureRequest,
};
use causal_web::model::Project;

fn small() -> Project {
    load_project(Path::new("../shared/testdata/small.cweb.json")).unwrap()
}

fn example() -> Project {
    load_project(Path::new("assets/examples/collaboration.cweb.json")).unwrap()
}

/// The example with every position taken out.
fn example_unplaced() -> Project {
    let mut project = example();
    for node in &mut project.nodes {
        (node.x, node.y) = (None, None);
    }
    project
}

fn overlapping(rects: &[Rect]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    for i in 0..rects.len() {
        for j in i + 1..rects.len() {
            if rects[i].overlaps(&rects[j]) {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

#[test]
fn keep_leaves_saved_nodes_and_places_the_unplaced_clear_of_the_others() {
    let project = small();
    assert!(project.nodes.iter().any(|n| n.position().is_none()));
    let label = FigureStyle::default().label;
    let positions = figure_positions(&project, &label, FigureLayout::Keep);
    assert_eq!(positions.len(), project.nodes.len());
    for (node, p) in project.nodes.iter().zip(&positions) {
        if let Some((x, y)) = node.position() {
            assert_eq!((p.x, p.y), (x, y), "{} moved", node.id);
        }
    }
    let figure = project_figure(&project, &FigureRequest::new("out.svg"));
    let rects: Vec<Rect> = figure.nodes.iter().map(|n| n.rect()).collect();
    assert_eq!(overlapping(&rects), vec![]);
}

#[test]
fn the_example_web_without_positions_is_laid_out_without_overlaps_and_the_legend_is_clear() {
    let project = example_unplaced();
    for layout in FigureLayout::ALL {
        let request = FigureRequest {
            layout,
            ..FigureRequest::new("out.svg")
        };
        let figure = project_figure(&project, &request);
        let rects: Vec<Rect> = figure.nodes.iter().map(|n| n.rect()).collect();
        assert_eq!(overlapping(&rects), vec![], "{layout:?}");
        let legend = figure.legend.as_ref().unwrap().bounds();
        for n in &figure.nodes {
            assert!(
                !n.bounds().overlaps(&legend),
                "{layout:?}: {} under the legend",
                n.id
            );
        }
    }
}

#[test]
fn force_and_layered_move_the_saved_nodes_that_keep_leaves() {
    let project = small();
    let label = FigureStyle::default().label;
    let keep = figure_positions(&project, &label, FigureLayout::Keep);
    let layered = figure_positions(&project, &label, FigureLayout::Layered);
    assert_ne!(keep, layered);
    // Contexts come before the mechanisms they drive in the layered layout.
    let index = |id: &str| project.nodes.iter().position(|n| n.id == id).unwrap();
    let (proximity, communication) = (index("proximity"), index("communication"));
    let (a, b) = (layered[proximity], layered[communication]);
    assert!(a.x < b.x || a.y < b.y, "{a:?} then {b:?}");
    // The pinned node stays where it was saved under the force layout.
    let force = figure_positions(&project, &label, FigureLayout::Force);
    let trust = index("trust");
    assert_eq!(
        (force[trust].x, force[trust].y),
        project.nodes[trust].position().unwrap()
    );
    assert_ne!(force, keep);
}

#[test]
fn unknown_layouts_are_refused_with_the_choices() {
    assert_eq!(
        FigureLayout::from_name("layered"),
        Ok(FigureLayout::Layered)
    );
    let e = FigureLayout::from_name("circle").unwrap_err();
    assert!(
        e.contains("circle") && e.contains("keep, force, layered"),
        "{e}"
    );
}

#[test]
fn the_whole_example_laid_out_for_a_page_prints_its_smallest_text_at_8_pt() {
    // Links round the web's edge are drawn apart, beyond the outermost
    // shapes, so the figure can come out wider than its rows: the rows are
    // then shortened until it fits. At 280 mm it fitted to a hair under
    // 8 pt, and at 176 mm it took more than four layouts.
    let project = example();
    for width_mm in [176.0, 200.0, 240.0, 280.0, 300.0, 340.0] {
        let request = FigureRequest {
            layout: FigureLayout::Layered,
            width_mm: Some(width_mm),
            ..FigureRequest::new("out.svg")
        };
        let sizes = figure_print_sizes(&project, &request).unwrap().unwrap();
        let smallest = sizes.smallest_text_pt.unwrap();
        assert!(smallest >= 8.0, "{smallest} pt at {width_mm} mm");
        assert!(
            smallest < 8.5,
            "{smallest} pt at {width_mm} mm: rows shorter than needed"
        );
    }
}
