//! Preflight: at the printed width, is every text at least 8 pt and every
//! line at least 0.5 pt, as journals ask?

use crate::figure::{Figure, LabelFont, LegendSample, FONT_FAMILY};
use crate::wording::listed;

/// The smallest text size journals accept, in points.
pub const MIN_TEXT_PT: f64 = 8.0;
/// The thinnest line journals accept, in points.
pub const MIN_LINE_PT: f64 = 0.5;

/// Points per canvas unit when the whole figure is printed `width_mm` wide.
pub fn points_per_unit(figure: &Figure, width_mm: f64) -> f64 {
    width_mm / figure.bounds.width() * 72.0 / 25.4
}

/// Every text of the figure, named as a warning names it, with its font
/// size in canvas units: each node's label, the polarity marks, the legend
/// and the title.
fn texts(figure: &Figure) -> Vec<(String, f64)> {
    let mut texts = Vec::new();
    for node in &figure.nodes {
        if let Some(line) = node.text.first() {
            texts.push((
                format!("\"{}\" ({})", node.label(), node.id),
                line.font_size,
            ));
        }
    }
    if let Some(mark) = figure.links.iter().find_map(|l| l.mark.as_ref()) {
        texts.push(("the polarity marks".to_string(), mark.text.font_size));
    }
    if let Some(entry) = figure.legend.as_ref().and_then(|l| l.entries.first()) {
        texts.push(("the legend".to_string(), entry.text.font_size));
    }
    if let Some(title) = figure.title.first() {
        texts.push(("the title".to_string(), title.font_size));
    }
    texts
}

/// The thinnest line of each kind in the figure, with its width in canvas
/// units.
fn lines(figure: &Figure) -> Vec<(&'static str, f64)> {
    let mut lines = Vec::new();
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
    lines
}

/// Warnings for a figure printed `width_mm` wide: one naming every label
/// (and the legend, marks and title) whose text would be smaller than 8 pt,
/// and one when lines would be thinner than 0.5 pt. Each says how wide the
/// figure would have to be. Empty when the figure passes.
pub fn preflight(figure: &Figure, width_mm: f64) -> Vec<String> {
    let k = points_per_unit(figure, width_mm);
    let at = format!("at {} mm wide", short(width_mm));
    let mut warnings = Vec::new();

    let small: Vec<(String, f64)> = texts(figure)
        .into_iter()
        .filter(|(_, size)| size * k < MIN_TEXT_PT)
        .collect();
    if let Some(smallest) = small.iter().map(|(_, size)| *size).reduce(f64::min) {
        // Each size printed once, before the places set in it, largest
        // first (labels are larger than marks and legend).
        let printed = |size: f64| (size * k * 10.0).round() / 10.0;
        let mut sizes: Vec<f64> = small.iter().map(|(_, size)| printed(*size)).collect();
        sizes.sort_by(|a, b| b.total_cmp(a));
        sizes.dedup();
        let groups: Vec<String> = sizes
            .iter()
            .map(|&pt| {
                let names: Vec<&str> = small
                    .iter()
                    .filter(|(_, size)| printed(*size) == pt)
                    .map(|(name, _)| name.as_str())
                    .collect();
                format!("{} pt in {}", short(pt), names.join(", "))
            })
            .collect();
        warnings.push(format!(
            "{at}, text would be {}, smaller than {MIN_TEXT_PT} pt, in {} {}: {}; {MIN_TEXT_PT} pt needs the figure at least {} mm wide",
            match sizes.as_slice() {
                [one] => format!("{} pt", short(*one)),
                more => format!("{} to {} pt", short(more[more.len() - 1]), short(more[0])),
            },
            small.len(),
            if small.len() == 1 { "place" } else { "places" },
            groups.join("; "),
            (width_mm * MIN_TEXT_PT / (smallest * k)).ceil()
        ));
    }

    if let Some(warning) = missing_glyphs(figure) {
        warnings.push(warning);
    }
    if let Some(warning) = overlapping_shapes(figure) {
        warnings.push(warning);
    }

    let lines = lines(figure);
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

/// The characters of the figure's texts that the bundled font has no glyph
/// for (Chinese, Japanese, emoji, …), and where they are: they would print
/// as empty boxes.
fn missing_glyphs(figure: &Figure) -> Option<String> {
    let font = LabelFont::bundled();
    let mut missing: Vec<char> = Vec::new();
    let mut places: Vec<String> = Vec::new();
    let mut check = |lines: &mut dyn Iterator<Item = &str>, place: String| {
        let mut found = false;
        for c in lines.flat_map(str::chars).filter(|&c| font.lacks(c)) {
            found = true;
            if !missing.contains(&c) {
                missing.push(c);
            }
        }
        if found {
            places.push(place);
        }
    };
    for node in &figure.nodes {
        check(
            &mut node.text.iter().map(|l| l.text.as_str()),
            format!("\"{}\"", node.label()),
        );
    }
    check(
        &mut figure.title.iter().map(|l| l.text.as_str()),
        "the title".into(),
    );
    if missing.is_empty() {
        return None;
    }
    let shown: Vec<String> = missing.iter().map(char::to_string).collect();
    Some(format!(
        "the bundled font ({FONT_FAMILY}) has no glyph for {}: {} would print as empty boxes, in {}",
        listed(&shown, 12),
        if missing.len() == 1 { "it" } else { "they" },
        listed(&places, 6)
    ))
}

/// The pairs of shapes drawn over each other (a label made longer where
/// the nodes stood, say), named by their labels: one hides the other's text.
fn overlapping_shapes(figure: &Figure) -> Option<String> {
    let bounds: Vec<_> = figure.nodes.iter().map(|n| n.bounds()).collect();
    let mut order: Vec<usize> = (0..bounds.len()).collect();
    order.sort_by(|&a, &b| bounds[a].min.x.total_cmp(&bounds[b].min.x));
    // Sweep from left to right: only shapes whose spans in x meet are tried.
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (k, &a) in order.iter().enumerate() {
        for &b in order[k + 1..]
            .iter()
            .take_while(|&&b| bounds[b].min.x < bounds[a].max.x)
        {
            if bounds[a].overlaps(&bounds[b]) {
                pairs.push((a.min(b), a.max(b)));
            }
        }
    }
    if pairs.is_empty() {
        return None;
    }
    pairs.sort_unstable();
    let name = |i: usize| {
        let label = figure.nodes[i].label();
        let short: String = label.chars().take(40).collect();
        if short.len() < label.len() {
            format!("\"{short}…\"")
        } else {
            format!("\"{label}\"")
        }
    };
    let named: Vec<String> = pairs
        .iter()
        .map(|&(a, b)| format!("{} and {}", name(a), name(b)))
        .collect();
    Some(format!(
        "{} of shapes overlap, one hiding the other's text: {}; move them apart or lay the web out again",
        if pairs.len() == 1 { "a pair".to_string() } else { format!("{} pairs", pairs.len()) },
        listed(&named, 4)
    ))
}

/// How a figure prints at a width: its size, its smallest text and its
/// thinnest line, for a reading before it is written.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrintSizes {
    pub width_mm: f64,
    pub height_mm: f64,
    /// None when the figure has no text.
    pub smallest_text_pt: Option<f64>,
    /// None when the figure has no line.
    pub thinnest_line_pt: Option<f64>,
}

impl PrintSizes {
    /// The sizes of `figure` printed `width_mm` wide; None for a figure
    /// without extent (no nodes).
    pub fn of(figure: &Figure, width_mm: f64) -> Option<PrintSizes> {
        let (w, h) = (figure.bounds.width(), figure.bounds.height());
        if !(w > 0.0 && h > 0.0 && w.is_finite() && h.is_finite()) {
            return None;
        }
        let k = points_per_unit(figure, width_mm);
        let smallest = |sizes: Vec<f64>| sizes.into_iter().reduce(f64::min).map(|s| s * k);
        Some(PrintSizes {
            width_mm,
            height_mm: width_mm * h / w,
            smallest_text_pt: smallest(texts(figure).into_iter().map(|(_, s)| s).collect()),
            thinnest_line_pt: smallest(lines(figure).into_iter().map(|(_, s)| s).collect()),
        })
    }

    /// Whether every text is at least 8 pt and every line 0.5 pt.
    pub fn passes(&self) -> bool {
        self.smallest_text_pt.is_none_or(|t| t >= MIN_TEXT_PT)
            && self.thinnest_line_pt.is_none_or(|l| l >= MIN_LINE_PT)
    }

    /// The narrowest width, in millimetres, at which it passes: this width
    /// when it already does.
    pub fn width_needed_mm(&self) -> f64 {
        let scale = |size: Option<f64>, least: f64| size.map_or(1.0, |s| (least / s).max(1.0));
        self.width_mm
            * scale(self.smallest_text_pt, MIN_TEXT_PT)
                .max(scale(self.thinnest_line_pt, MIN_LINE_PT))
    }
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
        // Labels (14 units) and legend (13) print at two sizes, each given
        // once, before the places set in it.
        let k = points_per_unit(&f, 85.0);
        let (labels, legend) = (short(14.0 * k), short(13.0 * k));
        assert!(
            warnings[0].contains(&format!("text would be {legend} to {labels} pt,")),
            "{}",
            warnings[0]
        );
        assert!(
            warnings[0].contains(&format!(": {labels} pt in \"")),
            "{}",
            warnings[0]
        );
        assert!(
            warnings[0].contains(&format!("; {legend} pt in ")),
            "{}",
            warnings[0]
        );
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
    fn shapes_drawn_over_each_other_are_named() {
        assert!(preflight(&figure(300.0), 176.0)
            .iter()
            .all(|w| !w.contains("overlap")));
        let f = figure(20.0);
        let warnings = preflight(&f, 176.0);
        let overlaps: Vec<&String> = warnings.iter().filter(|w| w.contains("overlap")).collect();
        assert_eq!(
            overlaps,
            [
                "a pair of shapes overlap, one hiding the other's text: \"Voluntary arrangement\" \
              and \"Trust\"; move them apart or lay the web out again"
            ]
        );
    }

    #[test]
    fn characters_the_font_lacks_are_named_with_where_they_are() {
        let project = Project {
            nodes: vec![
                Node::new("a", "Révision 信任", NodeKind::Context),
                Node::new("b", "Trust 🤝", NodeKind::Mechanism),
                Node::new("c", "Plain – “quoted” − ok", NodeKind::Outcome),
            ],
            ..Project::default()
        };
        let positions = [
            Point::new(0.0, 0.0),
            Point::new(300.0, 0.0),
            Point::new(600.0, 0.0),
        ];
        let style = FigureStyle {
            title: Some("Trust 信任".into()),
            ..FigureStyle::default()
        };
        let f = Figure::build(&project, &style, &positions);
        let warnings = preflight(&f, 176.0);
        let glyphs: Vec<&String> = warnings.iter().filter(|w| w.contains("no glyph")).collect();
        assert_eq!(
            glyphs,
            [
                "the bundled font (DejaVu Sans) has no glyph for 信, 任, 🤝: they would print as \
              empty boxes, in \"Révision 信任\", \"Trust 🤝\", the title"
            ]
        );
        assert!(preflight(&figure(300.0), 176.0)
            .iter()
            .all(|w| !w.contains("glyph")));
    }

    #[test]
    fn print_sizes_read_the_smallest_text_and_the_width_that_would_do() {
        let f = figure(3000.0);
        let narrow = PrintSizes::of(&f, 85.0).unwrap();
        assert!(!narrow.passes());
        let text = narrow.smallest_text_pt.unwrap();
        assert!(text < MIN_TEXT_PT, "{text}");
        // Twice as wide, everything twice as large.
        let wide = PrintSizes::of(&f, 170.0).unwrap();
        assert!((wide.smallest_text_pt.unwrap() - 2.0 * text).abs() < 1e-9);
        assert!((wide.height_mm - 2.0 * narrow.height_mm).abs() < 1e-9);
        // The width it asks for passes, and agrees with the preflight's.
        let needed = narrow.width_needed_mm();
        assert!(PrintSizes::of(&f, needed + 1e-6).unwrap().passes());
        assert!(preflight(&f, needed + 1e-6).is_empty());
        assert!(!preflight(&f, needed * 0.99).is_empty());
        let passing = PrintSizes::of(&f, needed * 1.5).unwrap();
        assert_eq!(passing.width_needed_mm(), needed * 1.5);
        let bare = FigureStyle {
            legend: false,
            ..FigureStyle::default()
        };
        let empty = Figure::build(&Project::default(), &bare, &[]);
        let nothing = PrintSizes::of(&empty, 85.0).unwrap();
        assert_eq!(nothing.smallest_text_pt, None);
        assert!(nothing.passes());
    }

    #[test]
    fn a_small_web_at_its_natural_size_passes() {
        let f = figure(250.0);
        let natural_mm = f.bounds.width() / 96.0 * 25.4;
        assert_eq!(preflight(&f, natural_mm), Vec::<String>::new());
    }
}
