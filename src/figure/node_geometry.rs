use super::LabelFont;
use crate::model::{NodeKind, Project};

/// How labels are set inside shapes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LabelStyle {
    /// Font size in canvas units.
    pub font_size: f64,
    /// Distance between baselines, in canvas units.
    pub line_height: f64,
    /// Widest a line of label text may be before it wraps.
    pub max_text_width: f64,
    /// Space between the text and a box's border, left/right and top/bottom.
    pub padding: (f64, f64),
    /// Narrowest and lowest a shape may be.
    pub min_size: (f64, f64),
}

impl Default for LabelStyle {
    fn default() -> Self {
        LabelStyle {
            font_size: 14.0,
            line_height: 17.0,
            max_text_width: 150.0,
            padding: (10.0, 7.0),
            min_size: (60.0, 34.0),
        }
    }
}

/// A node's drawn shape: its size (a box for a context, an ellipse for a
/// mechanism or outcome, centred on the node's position) and its label
/// wrapped into lines.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeShape {
    pub kind: NodeKind,
    /// Full width and height of the box, or the ellipse's two diameters.
    pub width: f64,
    pub height: f64,
    /// The label's lines, top to bottom, each centred.
    pub lines: Vec<String>,
    /// Width of each line, as measured with the bundled font.
    pub line_widths: Vec<f64>,
    pub font_size: f64,
    pub line_height: f64,
}

impl NodeShape {
    /// Half the width and half the height.
    pub fn half_size(&self) -> (f64, f64) {
        (self.width / 2.0, self.height / 2.0)
    }

    /// Height of the block of text lines.
    pub fn text_height(&self) -> f64 {
        self.lines.len() as f64 * self.line_height
    }

    /// Where a ray from the centre towards `(dx, dy)` leaves the shape,
    /// relative to the centre. Zero for a zero direction.
    pub fn border_point(&self, dx: f64, dy: f64) -> (f64, f64) {
        self.exit_point((0.0, 0.0), dx, dy)
    }

    /// Where a ray from `from` (relative to the centre, inside the shape)
    /// towards `(dx, dy)` leaves the shape, relative to the centre. From
    /// the centre instead when `from` is not inside; `from` itself for a
    /// zero direction.
    pub fn exit_point(&self, from: (f64, f64), dx: f64, dy: f64) -> (f64, f64) {
        let (a, b) = self.half_size();
        let (ox, oy) = from;
        if dx == 0.0 && dy == 0.0 {
            return from;
        }
        let t = match self.kind {
            NodeKind::Context => {
                if from != (0.0, 0.0) && (ox.abs() > a || oy.abs() > b) {
                    return self.border_point(dx, dy);
                }
                let along = |o: f64, d: f64, half: f64| {
                    if d > 0.0 {
                        (half - o) / d
                    } else if d < 0.0 {
                        (-half - o) / d
                    } else {
                        f64::INFINITY
                    }
                };
                along(ox, dx, a).min(along(oy, dy, b))
            }
            NodeKind::Mechanism | NodeKind::Outcome => {
                if from == (0.0, 0.0) {
                    let qa = (dx / a).powi(2) + (dy / b).powi(2);
                    return (dx / qa.sqrt(), dy / qa.sqrt());
                }
                let inside = (ox / a).powi(2) + (oy / b).powi(2) <= 1.0;
                match ellipse_crossings((a, b), from, (dx, dy)) {
                    Some((_, leaves)) if inside => leaves,
                    _ => return self.border_point(dx, dy),
                }
            }
        };
        (ox + dx * t, oy + dy * t)
    }
}

/// Where the line `from + t·d` (`from` relative to the centre) meets the
/// ellipse of half axes `half` round the centre: the two values of `t`,
/// smaller first (where it enters, where it leaves); `None` when it misses
/// the ellipse or `d` is zero.
pub(crate) fn ellipse_crossings(
    half: (f64, f64),
    from: (f64, f64),
    d: (f64, f64),
) -> Option<(f64, f64)> {
    let ((a, b), (x, y), (dx, dy)) = (half, from, d);
    // (x + t·dx)²/a² + (y + t·dy)²/b² = 1.
    let qa = (dx / a).powi(2) + (dy / b).powi(2);
    let qb = 2.0 * (x * dx / (a * a) + y * dy / (b * b));
    let qc = (x / a).powi(2) + (y / b).powi(2) - 1.0;
    let disc = qb * qb - 4.0 * qa * qc;
    if qa == 0.0 || disc.is_nan() || disc < 0.0 {
        return None;
    }
    let r = disc.sqrt();
    Some(((-qb - r) / (2.0 * qa), (-qb + r) / (2.0 * qa)))
}

/// The shape of a node with this label and kind: the label wraps at word
/// boundaries to `style.max_text_width` (a word longer than that stands on a
/// line of its own), and the shape grows to contain it: a box with padding,
/// or an ellipse through the corners of the padded text block.
pub fn node_shape(label: &str, kind: NodeKind, style: &LabelStyle) -> NodeShape {
    let font = LabelFont::bundled();
    let lines = wrap(label, style.max_text_width, |t| {
        font.text_width(t, style.font_size)
    });
    let line_widths: Vec<f64> = lines
        .iter()
        .map(|l| font.text_width(l, style.font_size))
        .collect();
    let text_width = line_widths.iter().cloned().fold(0.0, f64::max);
    let text_height = lines.len() as f64 * style.line_height;
    let (pad_x, pad_y) = style.padding;
    let (inner_w, inner_h) = (text_width + 2.0 * pad_x, text_height + 2.0 * pad_y);
    let (width, height) = match kind {
        NodeKind::Context => (inner_w, inner_h),
        // The ellipse with semi-axes w/√2 and h/√2 passes through the corners
        // of a w × h rectangle, so it contains the padded text.
        NodeKind::Mechanism | NodeKind::Outcome => (
            inner_w * std::f64::consts::SQRT_2,
            inner_h * std::f64::consts::SQRT_2,
        ),
    };
    NodeShape {
        kind,
        width: width.max(style.min_size.0).ceil(),
        height: height.max(style.min_size.1).ceil(),
        lines,
        line_widths,
        font_size: style.font_size,
        line_height: style.line_height,
    }
}

/// The shape of every node of the project, in node order.
pub fn node_shapes(project: &Project, style: &LabelStyle) -> Vec<NodeShape> {
    project
        .nodes
        .iter()
        .map(|n| node_shape(&n.label, n.kind, style))
        .collect()
}

/// Greedy word wrap: as many words on each line as fit in `max_width`.
pub(crate) fn wrap(text: &str, max_width: f64, width: impl Fn(&str) -> f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        if current.is_empty() {
            current.push_str(word);
            continue;
        }
        let candidate = format!("{current} {word}");
        if width(&candidate) <= max_width {
            current = candidate;
        } else {
            lines.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_ray_from_inside_leaves_the_shape_on_its_border_ahead() {
        let style = LabelStyle::default();
        for kind in NodeKind::ALL {
            let s = node_shape("Perceived legitimacy of collaboration", kind, &style);
            let (a, b) = s.half_size();
            let on_border = |(x, y): (f64, f64)| match kind {
                NodeKind::Context => {
                    ((x.abs() - a).abs() < 1e-9 && y.abs() <= b + 1e-9)
                        || ((y.abs() - b).abs() < 1e-9 && x.abs() <= a + 1e-9)
                }
                _ => ((x / a).powi(2) + (y / b).powi(2) - 1.0).abs() < 1e-9,
            };
            for from in [(0.0, 0.0), (0.5 * a, -0.5 * b), (-0.3 * a, 0.6 * b)] {
                for (dx, dy) in [(1.0, 0.0), (-1.0, 0.3), (0.2, 1.0), (-0.7, -0.7)] {
                    let p = s.exit_point(from, dx, dy);
                    assert!(
                        on_border(p),
                        "{kind:?} from {from:?} along ({dx}, {dy}): {p:?}"
                    );
                    // Ahead of `from`, along the ray.
                    let (px, py) = (p.0 - from.0, p.1 - from.1);
                    assert!(px * dx + py * dy > 0.0);
                    assert!((px * dy - py * dx).abs() < 1e-9);
                }
            }
            // From outside: as from the centre.
            assert_eq!(
                s.exit_point((3.0 * a, 0.0), 0.0, 1.0),
                s.border_point(0.0, 1.0)
            );
        }
    }

    #[test]
    fn long_labels_wrap_and_shapes_contain_their_text() {
        let style = LabelStyle::default();
        let label =
            "Interpersonal communication and information sharing between partner organisations";
        for kind in NodeKind::ALL {
            let s = node_shape(label, kind, &style);
            assert!(s.lines.len() > 1);
            assert_eq!(s.lines.join(" "), label);
            for (line, w) in s.lines.iter().zip(&s.line_widths) {
                assert!(*w <= style.max_text_width || !line.contains(' '), "{line}");
            }
            // Every corner of the text block lies inside the shape.
            let (a, b) = s.half_size();
            let (tx, ty) = (
                s.line_widths.iter().cloned().fold(0.0, f64::max) / 2.0,
                s.text_height() / 2.0,
            );
            let inside = match kind {
                NodeKind::Context => tx <= a && ty <= b,
                _ => (tx / a).powi(2) + (ty / b).powi(2) <= 1.0,
            };
            assert!(inside, "{kind:?}");
        }
    }

    #[test]
    fn a_short_label_gets_the_minimum_size_and_one_line() {
        let s = node_shape("A", NodeKind::Context, &LabelStyle::default());
        assert_eq!(s.lines, vec!["A"]);
        assert_eq!((s.width, s.height), (60.0, 34.0));
    }

    #[test]
    fn border_points_lie_on_the_border() {
        let s = node_shape("Trust", NodeKind::Mechanism, &LabelStyle::default());
        let (a, b) = s.half_size();
        let (x, y) = s.border_point(3.0, 1.0);
        assert!(((x / a).powi(2) + (y / b).powi(2) - 1.0).abs() < 1e-9);
        let c = node_shape("Trust", NodeKind::Context, &LabelStyle::default());
        let (x, y) = c.border_point(0.0, -5.0);
        assert_eq!((x, y), (0.0, -c.height / 2.0));
    }
}
