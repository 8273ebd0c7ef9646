//! A uniform grid of the links' lines as drawn: whether some other link's
//! line passes near a point (where a polarity mark may go), each point
//! tested only against the segments in the cells around it.

use std::collections::HashMap;

use super::geometry::{Point, Rect};
use super::grid_cells::GridCells;
use super::link_geometry::LinkPath;

/// Straight pieces of a curved link's line in the grid.
const CURVE_SEGMENTS: usize = 16;

/// Cell of the grid (about two polarity marks wide).
const CELL: f64 = 40.0;

/// The lines of a figure's links as drawn, for the placement of polarity
/// marks: links with the same source and target are drawn on one line.
#[derive(Debug, Default)]
pub struct LinkLines {
    grid: LineGrid,
    /// The line of each (source, target) pair of nodes.
    line_of: HashMap<(usize, usize), usize>,
}

impl LinkLines {
    /// The lines of links given as their (source, target) nodes and paths.
    pub fn new<'a>(links: impl IntoIterator<Item = ((usize, usize), &'a LinkPath)>) -> Self {
        let mut line_of = HashMap::new();
        let mut lines = Vec::new();
        for (ends, path) in links {
            line_of.entry(ends).or_insert_with(|| {
                lines.push(path.polyline(CURVE_SEGMENTS));
                lines.len() - 1
            });
        }
        LinkLines {
            grid: LineGrid::new(&lines, CELL),
            line_of,
        }
    }

    /// Whether the line of a link other than those from `ends.0` to
    /// `ends.1` passes closer than `radius` to `centre`.
    pub fn pass_near(&self, centre: Point, radius: f64, ends: (usize, usize)) -> bool {
        self.grid.passes_near(centre, radius, self.own_line(ends))
    }

    /// How far from `centre` the nearest line of a link other than those
    /// from `ends.0` to `ends.1` passes, of those that cross the link's own
    /// line closer than `radius` to `centre`; None when none does. Lines
    /// that run alongside it there (within [`ALONGSIDE_DEGREES`], as routed
    /// links through one gap do) do not count: a mark over them does not
    /// sit on another link's crossing.
    pub fn nearest_crossing(
        &self,
        centre: Point,
        radius: f64,
        ends: (usize, usize),
    ) -> Option<f64> {
        self.grid
            .nearest_crossing(centre, radius, self.own_line(ends))
    }

    /// The line drawn for links from `ends.0` to `ends.1` (none: no line).
    fn own_line(&self, ends: (usize, usize)) -> usize {
        self.line_of.get(&ends).copied().unwrap_or(usize::MAX)
    }
}

/// Lines closer than this angle to a link's own line run alongside it.
pub const ALONGSIDE_DEGREES: f64 = 15.0;

/// The segments of some lines (each line a link's, as drawn), entered in
/// every cell they pass.
#[derive(Debug, Default)]
struct LineGrid {
    /// Each segment's ends and the line it belongs to.
    segments: Vec<(Point, Point, usize)>,
    cells: GridCells,
}

impl LineGrid {
    /// The grid of `lines` (each a polyline), in cells of about `cell`
    /// units (larger where the lines spread further than 256 cells).
    fn new(lines: &[Vec<Point>], cell: f64) -> Self {
        let Some(all) = Rect::around(lines.iter().flatten().copied()) else {
            return LineGrid::default();
        };
        let mut segments = Vec::new();
        let cells = GridCells::new(all, (cell, cell), |cells| {
            for (owner, line) in lines.iter().enumerate() {
                for pair in line.windows(2) {
                    cells.add_segment(segments.len(), pair[0], pair[1]);
                    segments.push((pair[0], pair[1], owner));
                }
            }
        });
        LineGrid { segments, cells }
    }

    /// Whether a line other than line `own` passes closer than `radius` to
    /// `centre`.
    fn passes_near(&self, centre: Point, radius: f64, own: usize) -> bool {
        let around = Rect::from_centre_size(centre, 2.0 * radius, 2.0 * radius);
        self.cells.covering(&around).any(|at| {
            self.cells.items(at).iter().any(|&k| {
                let (a, b, owner) = self.segments[k as usize];
                owner != own && centre.distance_to_segment(a, b) < radius
            })
        })
    }

    /// The distance from `centre` of the nearest segment closer than
    /// `radius` of a line other than `own` and not alongside `own` where
    /// `own` passes nearest `centre`.
    fn nearest_crossing(&self, centre: Point, radius: f64, own: usize) -> Option<f64> {
        let around = Rect::from_centre_size(centre, 2.0 * radius, 2.0 * radius);
        let near = || {
            self.cells
                .covering(&around)
                .flat_map(|at| self.cells.items(at).iter())
                .map(|&k| self.segments[k as usize])
        };
        let direction = near()
            .filter(|&(_, _, owner)| owner == own)
            .map(|(a, b, _)| (centre.distance_to_segment(a, b), a.to(b).unit()))
            .min_by(|x, y| x.0.total_cmp(&y.0))
            .map(|(_, d)| d);
        let alongside = ALONGSIDE_DEGREES.to_radians().sin();
        near()
            .filter(|&(a, b, owner)| {
                owner != own
                    && direction.is_none_or(|d| {
                        let u = a.to(b).unit();
                        (u.x * d.y - u.y * d.x).abs() > alongside
                    })
            })
            .map(|(a, b, _)| centre.distance_to_segment(a, b))
            .filter(|&d| d < radius)
            .min_by(f64::total_cmp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every point near or far from some long and short lines, against
    /// testing every segment.
    #[test]
    fn finds_the_lines_near_a_point_as_testing_every_segment_does() {
        let lines: Vec<Vec<Point>> = vec![
            vec![Point::new(0.0, 0.0), Point::new(1000.0, 730.0)],
            vec![
                Point::new(500.0, -40.0),
                Point::new(505.0, 300.0),
                Point::new(10.0, 310.0),
            ],
            vec![Point::new(300.0, 300.0), Point::new(301.0, 301.0)],
        ];
        let grid = LineGrid::new(&lines, 24.0);
        let mut near = 0;
        for i in 0..60 {
            for j in 0..50 {
                let p = Point::new(-30.0 + 18.3 * i as f64, -60.0 + 17.1 * j as f64);
                for own in 0..4 {
                    let expected = lines.iter().enumerate().any(|(k, line)| {
                        k != own
                            && line
                                .windows(2)
                                .any(|s| p.distance_to_segment(s[0], s[1]) < 11.0)
                    });
                    assert_eq!(grid.passes_near(p, 11.0, own), expected, "{p:?} {own}");
                    near += usize::from(expected);
                }
            }
        }
        assert!(near > 100, "{near}");
    }
}
