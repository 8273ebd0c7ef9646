//! Links drawn on top of each other: where two links' lines run together
//! for a stretch, a reader cannot tell which goes where. A measure of a
//! figure, for tests and benchmarks.

use super::description::Figure;
use super::geometry::{Point, Rect};

/// Lines closer than this (canvas units) read as one (links are 1.5 wide).
const TOGETHER_WITHIN: f64 = 1.0;

/// The pairs of links (indices into `figure.links`) whose lines as drawn
/// run within a unit of each other, along the same way, for more than
/// `length` units.
pub fn links_drawn_together(figure: &Figure, length: f64) -> Vec<(usize, usize)> {
    let lines: Vec<Vec<Point>> = figure.links.iter().map(|l| l.path.polyline(16)).collect();
    let bounds: Vec<Option<Rect>> = lines
        .iter()
        .map(|line| Rect::around(line.iter().copied()).map(|r| r.expand(TOGETHER_WITHIN)))
        .collect();
    let mut pairs = Vec::new();
    for i in 0..lines.len() {
        for j in i + 1..lines.len() {
            let (Some(a), Some(b)) = (bounds[i], bounds[j]) else {
                continue;
            };
            if !a.overlaps(&b) {
                continue;
            }
            let together = lines[i].windows(2).any(|p| {
                lines[j]
                    .windows(2)
                    .any(|q| shared_stretch(p[0], p[1], q[0], q[1]) > length)
            });
            if together {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

/// Links that meet a node at one point, so that a reader cannot count them
/// there: the pairs of links into the same node whose arrowheads' tips are
/// within `within` units (heads drawn on top of each other), and the pairs
/// out of the same node whose lines start within `within` units.
pub fn link_ends_together(figure: &Figure, within: f64) -> EndsTogether {
    let links = &figure.links;
    let mut together = EndsTogether::default();
    for (i, a) in links.iter().enumerate() {
        for b in &links[i + 1..] {
            if a.target == b.target && a.arrowhead.tip.distance(b.arrowhead.tip) < within {
                together.heads += 1;
            }
            if a.source == b.source && a.path.start.distance(b.path.start) < within {
                together.starts += 1;
            }
        }
    }
    together
}

/// The polarity marks (indices into `figure.links`) that another link's
/// line as drawn passes through: a reader could take such a mark for the
/// other link's, or cannot see under it where that link goes.
pub fn marks_on_other_links(figure: &Figure) -> Vec<usize> {
    let lines: Vec<Vec<Point>> = figure.links.iter().map(|l| l.path.polyline(16)).collect();
    figure
        .links
        .iter()
        .enumerate()
        .filter(|(i, link)| {
            link.mark.as_ref().is_some_and(|mark| {
                lines.iter().enumerate().any(|(j, line)| {
                    j != *i
                        && line
                            .windows(2)
                            .any(|s| mark.centre.distance_to_segment(s[0], s[1]) < mark.radius)
                })
            })
        })
        .map(|(i, _)| i)
        .collect()
}

/// See [`link_ends_together`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EndsTogether {
    /// Pairs of links into one node with their arrowheads' tips together.
    pub heads: usize,
    /// Pairs of links out of one node that start together.
    pub starts: usize,
}

/// How long the stretch is along which segment `c`–`d` runs on segment
/// `a`–`b` (both its ends within [`TOGETHER_WITHIN`] of `a`–`b`'s line); 0
/// if it does not.
pub(super) fn shared_stretch(a: Point, b: Point, c: Point, d: Point) -> f64 {
    let along = a.to(b);
    let length = along.length();
    if length == 0.0 {
        return 0.0;
    }
    let u = along.unit();
    let off = |p: Point| {
        let v = a.to(p);
        ((u.x * v.y - u.y * v.x).abs(), u.x * v.x + u.y * v.y)
    };
    let ((oc, tc), (od, td)) = (off(c), off(d));
    if oc > TOGETHER_WITHIN || od > TOGETHER_WITHIN {
        return 0.0;
    }
    (tc.max(td).min(length) - tc.min(td).max(0.0)).max(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stretch_is_shared_only_along_the_same_way() {
        let (a, b) = (Point::new(0.0, 0.0), Point::new(100.0, 0.0));
        // On it, partly.
        let s = shared_stretch(a, b, Point::new(60.0, 0.5), Point::new(140.0, -0.5));
        assert!((s - 40.0).abs() < 1e-9, "{s}");
        // Parallel but apart.
        assert_eq!(
            shared_stretch(a, b, Point::new(0.0, 3.0), Point::new(100.0, 3.0)),
            0.0
        );
        // Across it.
        assert_eq!(
            shared_stretch(a, b, Point::new(50.0, -20.0), Point::new(50.0, 20.0)),
            0.0
        );
        // Beyond its end, on its line.
        assert_eq!(
            shared_stretch(a, b, Point::new(120.0, 0.0), Point::new(150.0, 0.0)),
            0.0
        );
    }
}
