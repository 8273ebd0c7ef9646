//! Preflight: at the printed width, is every text at least 8 pt and every
//! line at least 0.5 pt, as journals ask?

use crate::figure::{Figure, LegendSample};

/// The smallest text size journals accept, in points.
pub const MIN_TEXT_PT: f64 = 8.0;
/// The thinnest line journals accept, in points.
pub const MIN_LINE_PT: f64 = 0.5;

/// Points per canvas unit when the whole figure is printed `width_mm` wide.
pub fn points_per_unit(figure: &Figure, width_mm: f64) -> f64 {
    width_mm / figure.bounds.width() * 72.0 / 25.4
}

/// Warnings for a figure printed `width_mm` wide: one naming every label
/// (and the legend, marks and title) whose text would be smaller than 8 pt,
/// and one when lines would be thinner than 0.5 pt. Each says how wide the
/// figure would have to be. Empty when the figure passes.
pub fn preflight(figure: &Figure, width_mm: f64) -> Vec<String> {
    let k = points_per_unit(figure, width_mm);
    let at = format!("at {} mm wide", short(width_mm));
    let mut warnings = Vec::new();

    let mut small: Vec<String> = Vec::new();
    let mut smallest = f64::INFINITY;
    let mut note = |what: String, size: f64| {
        if size * k < MIN_TEXT_PT {
            small.push(what);
            smallest = smallest.min(size);
        }
    };
    for node in &figure.nodes {
        if let Some(line) = node.text.first() {
            let label: Vec<&str> = node.text.iter().map(|l| l.text.as_str()).collect();
            note(
                format!("\"{}\" ({})", label.join(" "), node.id),
                line.font_size,
            );
        }
    }
    if let Some(mark) = figure.links.iter().find_map(|l| l.mark.as_ref()) {
        note("the polarity marks".to_string(), mark.text.font_size);
    }
    if let Some(entry) = figure.legend.as_ref().and_then(|l| l.entries.first()) {
        note("the legend".to_string(), entry.text.font_size);
    }
    if let Some(title) = &figure.title {
        note("the title".to_string(), title.font_size);
    }
    if !small.is_empty() {
        warnings.push(format!(
            "{at}, text would be {} pt, smaller than {MIN_TEXT_PT} pt, in {} {}: {}; {MIN_TEXT_PT} pt needs the figure at least {} mm wide",
            short(smallest * k),
            small.len(),
            if small.len() == 1 { "place" } else { "places" },
            small.join(", "),
            (width_mm * MIN_TEXT_PT / (smallest * k)).ceil()
        ));
    }

    let mut lines: Vec<(&str, f64)> = Vec::new();
    if let Some(w) = figure.nodes.iter().map(|n| n.stroke_width).reduce(f64::min) {
        lines.push(("node outlines", w));
    }
    if let Some(w) = figure.links.iter().map(|l| l.width).reduce(f64::min) {
        lines.push(("links", w));
    }
    if let Some(legend) = &figure.legend {
        lines.push(("the legend's frame", legend.frame_width));
        let sample_width = legend
            .entries
            .iter()
            .map(|e| match &e.sample {
                LegendSample::Node(n) => n.stroke_width,
                LegendSample::Link(l) => l.width,
            })
            .reduce(f64::min);
        if let Some(w) = sample_width {
            lines.push(("the legend's samples", w));
        }
    }
    let thin: Vec<&(&str, f64)> = lines.iter().filter(|(_, w)| w * k < MIN_LINE_PT).collect();
    if let Some(thinnest) = thin.iter().map(|(_, w)| *w).reduce(f64::min) {
        let names: Vec<&str> = thin.iter().map(|(n, _)| *n).collect();
        warnings.push(format!(
            "{at}, lines would be {} pt, thinner than {MIN_LINE_PT} pt: {}; {MIN_LINE_PT} pt needs the figure at least {} mm wide",
            short(thinnest * k),
            names.join(", "),
            (width_mm * MIN_LINE_PT / (thinnest * k)).ceil()
        ));
    }
    warnings
}

/// A number with at most one decimal.
fn short(v: f64) -> String {
    let s = format!("{:.1}", v);
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::figure::{FigureStyle, Point};
    use crate::model::{Link, Node, NodeKind, Project};

    fn figure(spread: f64) -> Figure {
        let project = Project {
            nodes: vec![
                Node::new("c", "Voluntary arrangement", NodeKind::Context),
                Node::new("m", "Trust", NodeKind::Mechanism),
            ],
            links: vec![Link::new("l1", "c", "m")],
            ..Project::default()
        };
        let positions = [Point::new(0.0, 0.0), Point::new(spread, 0.0)];
        Figure::build(&project, &FigureStyle::default(), &positions)
    }

    #[test]
    fn a_wide_web_printed_narrow_names_every_small_label() {
        let f = figure(3000.0);
        let warnings = preflight(&f, 85.0);
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(
            warnings[0].contains("\"Voluntary arrangement\" (c)"),
            "{}",
            warnings[0]
        );
        assert!(warnings[0].contains("\"Trust\" (m)"));
        assert!(warnings[0].contains("the legend"));
        assert!(warnings[1].contains("links") && warnings[1].contains("0.5 pt"));
        // The width it asks for is enough.
        let needed: f64 = warnings[0]
            .rsplit("at least ")
            .next()
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .unwrap();
        assert!(preflight(&f, needed)
            .iter()
            .all(|w| !w.contains("smaller than")));
    }

    #[test]
    fn a_small_web_at_its_natural_size_passes() {
        let f = figure(250.0);
        let natural_mm = f.bounds.width() / 96.0 * 25.4;
        assert_eq!(preflight(&f, natural_mm), Vec::<String>::new());
    }
}
