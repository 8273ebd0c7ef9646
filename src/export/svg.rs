//! The figure as plain SVG 1.1: shapes as `<rect>`/`<ellipse>`, text as
//! `<text>`/`<tspan>` (never `foreignObject`), so that Inkscape,
//! Illustrator, browsers and LaTeX toolchains read it.

use std::fmt::Write;

use crate::figure::{
    Figure, FigureLink, FigureNode, Legend, LegendSample, PathPiece, PolarityMark, Rgba, TextLine,
};

/// How the SVG is sized and backed.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SvgOptions {
    /// The printed width in millimetres (height follows); `None` for the
    /// natural size, one canvas unit per CSS pixel.
    pub width_mm: Option<f64>,
    /// Leave the background out.
    pub transparent: bool,
}

/// The figure as an SVG document. The same figure and options give the same bytes.
pub fn figure_svg(figure: &Figure, options: &SvgOptions) -> String {
    let b = figure.bounds;
    let mut s = String::with_capacity(1024 + 900 * (figure.nodes.len() + figure.links.len()));
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let (width, height) = match options.width_mm {
        Some(w) => (
            format!("{}mm", num(w)),
            format!("{}mm", num(w * b.height() / b.width())),
        ),
        None => (num(b.width()).to_string(), num(b.height()).to_string()),
    };
    let _ = writeln!(
        s,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"{width}\" height=\"{height}\" viewBox=\"{} {} {} {}\">",
        num(b.min.x),
        num(b.min.y),
        num(b.width()),
        num(b.height())
    );
    if !options.transparent {
        let _ = writeln!(
            s,
            "<rect id=\"background\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}/>",
            num(b.min.x),
            num(b.min.y),
            num(b.width()),
            num(b.height()),
            fill(figure.background)
        );
    }
    let font = escape(figure.font_family);
    s.push_str("<g id=\"links\">\n");
    for link in &figure.links {
        let _ = writeln!(s, "<g id=\"link-{}\" class=\"link\">", escape(&link.id));
        write_link_line(&mut s, link);
        s.push_str("</g>\n");
    }
    s.push_str("</g>\n<g id=\"nodes\">\n");
    for node in &figure.nodes {
        let _ = writeln!(
            s,
            "<g id=\"node-{}\" class=\"node {}\">",
            escape(&node.id),
            node.kind.name()
        );
        write_node(&mut s, node, &font);
        s.push_str("</g>\n");
    }
    s.push_str("</g>\n");
    // Polarity marks above every line (and shape), so that no link drawn
    // after a mark's own crosses its sign.
    s.push_str("<g id=\"marks\">\n");
    for link in &figure.links {
        if let Some(mark) = &link.mark {
            let _ = writeln!(s, "<g id=\"mark-{}\" class=\"polarity\">", escape(&link.id));
            write_mark(&mut s, mark, link, &font, figure.text_colour);
            s.push_str("</g>\n");
        }
    }
    s.push_str("</g>\n");
    if let Some(legend) = &figure.legend {
        write_legend(&mut s, legend, &font, figure.text_colour);
    }
    match figure.title.as_slice() {
        [] => {}
        [title] => {
            let _ = writeln!(
                s,
                "<text id=\"title\"{} x=\"{}\" y=\"{}\">{}</text>",
                text_attributes(title, &font, figure.text_colour, "middle"),
                num(title.x),
                num(title.baseline),
                escape(&title.text)
            );
        }
        lines => write_lines(&mut s, " id=\"title\"", lines, &font, figure.text_colour),
    }
    s.push_str("</svg>\n");
    s
}

fn write_node(s: &mut String, node: &FigureNode, font: &str) {
    let (w, h) = (node.shape.width, node.shape.height);
    let paint = format!(
        "{}{}",
        fill(node.fill),
        stroke(node.stroke, node.stroke_width)
    );
    match node.kind {
        crate::model::NodeKind::Context => {
            let _ = writeln!(
                s,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\"{paint}/>",
                num(node.centre.x - w / 2.0),
                num(node.centre.y - h / 2.0),
                num(w),
                num(h),
                num(node.corner_radius)
            );
        }
        crate::model::NodeKind::Mechanism | crate::model::NodeKind::Outcome => {
            let _ = writeln!(
                s,
                "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\"{paint}/>",
                num(node.centre.x),
                num(node.centre.y),
                num(w / 2.0),
                num(h / 2.0)
            );
        }
    }
    if let Some((iw, ih)) = node.inner_outline_size() {
        let inner = stroke(node.stroke, node.stroke_width);
        match node.kind {
            crate::model::NodeKind::Context => {
                let _ = writeln!(
                    s,
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"none\"{inner}/>",
                    num(node.centre.x - iw / 2.0),
                    num(node.centre.y - ih / 2.0),
                    num(iw),
                    num(ih),
                    num((node.corner_radius - (w - iw) / 2.0).max(0.0))
                );
            }
            _ => {
                let _ = writeln!(
                    s,
                    "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" fill=\"none\"{inner}/>",
                    num(node.centre.x),
                    num(node.centre.y),
                    num(iw / 2.0),
                    num(ih / 2.0)
                );
            }
        }
    }
    write_lines(s, "", &node.text, font, node.text_colour);
}

/// Lines of centred text as one `<text>` (with the attributes `id`, as
/// written, before the rest) of one `<tspan>` a line; nothing for no lines.
fn write_lines(s: &mut String, id: &str, lines: &[TextLine], font: &str, colour: Rgba) {
    let Some(first) = lines.first() else {
        return;
    };
    s.push_str("<text");
    s.push_str(id);
    s.push_str(&text_attributes(first, font, colour, "middle"));
    s.push('>');
    for line in lines {
        let _ = write!(
            s,
            "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
            num(line.x),
            num(line.baseline),
            escape(&line.text)
        );
    }
    s.push_str("</text>\n");
}

/// A link: its line, its arrowhead and its polarity mark.
fn write_link(s: &mut String, link: &FigureLink, font: &str, text_colour: Rgba) {
    write_link_line(s, link);
    if let Some(mark) = &link.mark {
        write_mark(s, mark, link, font, text_colour);
    }
}

/// A link's line and arrowhead.
fn write_link_line(s: &mut String, link: &FigureLink) {
    let p = &link.path;
    let mut d = format!("M{} {}", num(p.start.x), num(p.start.y));
    for piece in p.pieces() {
        let _ = match piece {
            PathPiece::Line(to) => write!(d, " L{} {}", num(to.x), num(to.y)),
            PathPiece::Quad(c, to) => {
                write!(d, " Q{} {} {} {}", num(c.x), num(c.y), num(to.x), num(to.y))
            }
        };
    }
    let _ = writeln!(
        s,
        "<path d=\"{d}\" fill=\"none\"{}/>",
        stroke(link.colour, link.width)
    );
    let [tip, left, right] = link.arrowhead.polygon();
    let _ = writeln!(
        s,
        "<path class=\"arrowhead\" d=\"M{} {} L{} {} L{} {} Z\"{}/>",
        num(tip.x),
        num(tip.y),
        num(left.x),
        num(left.y),
        num(right.x),
        num(right.y),
        fill(link.colour)
    );
}

fn write_mark(s: &mut String, mark: &PolarityMark, link: &FigureLink, font: &str, text: Rgba) {
    let _ = writeln!(
        s,
        "<circle class=\"polarity\" cx=\"{}\" cy=\"{}\" r=\"{}\"{}{}/>",
        num(mark.centre.x),
        num(mark.centre.y),
        num(mark.radius),
        fill(mark.fill),
        stroke(link.colour, link.width)
    );
    let _ = writeln!(
        s,
        "<text class=\"polarity\"{} x=\"{}\" y=\"{}\">{}</text>",
        text_attributes(&mark.text, font, text, "middle"),
        num(mark.text.x),
        num(mark.text.baseline),
        escape(&mark.text.text)
    );
}

fn write_legend(s: &mut String, legend: &Legend, font: &str, text: Rgba) {
    let f = legend.frame;
    s.push_str("<g id=\"legend\">\n");
    let _ = writeln!(
        s,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{}{}/>",
        num(f.min.x),
        num(f.min.y),
        num(f.width()),
        num(f.height()),
        fill(legend.frame_fill),
        stroke(legend.frame_stroke, legend.frame_width)
    );
    for entry in &legend.entries {
        match &entry.sample {
            LegendSample::Node(node) => {
                let _ = writeln!(s, "<g class=\"node {}\">", node.kind.name());
                write_node(s, node, font);
                s.push_str("</g>\n");
            }
            LegendSample::Link(link) => {
                s.push_str("<g class=\"link\">\n");
                write_link(s, link, font, text);
                s.push_str("</g>\n");
            }
        }
        let _ = writeln!(
            s,
            "<text{} x=\"{}\" y=\"{}\">{}</text>",
            text_attributes(&entry.text, font, text, "start"),
            num(entry.text.x - entry.text.width / 2.0),
            num(entry.text.baseline),
            escape(&entry.text.text)
        );
    }
    s.push_str("</g>\n");
}

/// Font, size, colour and alignment of a text element.
fn text_attributes(line: &TextLine, font: &str, colour: Rgba, anchor: &str) -> String {
    format!(
        " font-family=\"{font}\" font-size=\"{}\" text-anchor=\"{anchor}\"{}",
        num(line.font_size),
        fill(colour)
    )
}

fn fill(c: Rgba) -> String {
    if c.a == 255 {
        format!(" fill=\"{}\"", c.hex())
    } else {
        format!(
            " fill=\"{}\" fill-opacity=\"{}\"",
            c.hex(),
            num(c.opacity())
        )
    }
}

fn stroke(c: Rgba, width: f64) -> String {
    let opacity = if c.a == 255 {
        String::new()
    } else {
        format!(" stroke-opacity=\"{}\"", num(c.opacity()))
    };
    format!(
        " stroke=\"{}\"{opacity} stroke-width=\"{}\"",
        c.hex(),
        num(width)
    )
}

/// A number with at most two decimals, without trailing zeros.
fn num(v: f64) -> Num {
    Num(v)
}

/// A number written with at most two decimals, without trailing zeros and
/// without allocating.
struct Num(f64);

impl std::fmt::Display for Num {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let hundredths = (self.0 * 100.0).round();
        if !hundredths.is_finite() || hundredths.abs() > 9.0e15 {
            return write!(f, "{}", if self.0.is_finite() { self.0 } else { 0.0 });
        }
        let hundredths = hundredths as i64;
        if hundredths < 0 {
            f.write_str("-")?;
        }
        let a = hundredths.unsigned_abs();
        write!(f, "{}", a / 100)?;
        match a % 100 {
            0 => Ok(()),
            d if d % 10 == 0 => write!(f, ".{}", d / 10),
            d => write!(f, ".{d:02}"),
        }
    }
}

/// Text made safe for XML content and attribute values: markup characters
/// escaped, characters that XML 1.0 forbids replaced by U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_have_at_most_two_decimals_and_no_trailing_zeros() {
        let cases = [
            (0.0, "0"),
            (-0.001, "0"),
            (12.0, "12"),
            (12.5, "12.5"),
            (12.345, "12.35"),
            (-3.07, "-3.07"),
            (-0.5, "-0.5"),
            (1234567.891, "1234567.89"),
        ];
        for (v, text) in cases {
            assert_eq!(num(v).to_string(), text, "{v}");
        }
        assert_eq!(
            escape("a<b>&\"c'\u{1}"),
            "a&lt;b&gt;&amp;&quot;c&apos;\u{fffd}"
        );
    }
}
