//! A uniform grid of boxes: which shapes overlap a box (where a polarity
//! mark may go) and whether a segment enters one (where a link may run).

use super::geometry::{Point, Rect};
use super::grid_cells::GridCells;

/// Boxes (the shapes of a figure, or those grown for routing) entered in a
/// uniform grid of cells about the size of an average box, so that a box or
/// a segment is tested only against the boxes in the cells it covers.
#[derive(Debug, Default)]
pub struct ShapeGrid {
    shapes: Vec<Rect>,
    cells: GridCells,
}

impl ShapeGrid {
    pub fn new(shapes: Vec<Rect>) -> Self {
        let Some(all) = shapes.iter().copied().reduce(Rect::union) else {
            return ShapeGrid::default();
        };
        let n = shapes.len() as f64;
        let mean_w = shapes.iter().map(Rect::width).sum::<f64>() / n;
        let mean_h = shapes.iter().map(Rect::height).sum::<f64>() / n;
        let cells = GridCells::new(all, (mean_w, mean_h), |cells| {
            for (i, r) in shapes.iter().enumerate() {
                cells.add_box(i, r);
            }
        });
        ShapeGrid { shapes, cells }
    }

    /// The boxes, in the order given.
    pub fn shapes(&self) -> &[Rect] {
        &self.shapes
    }

    /// Whether any box overlaps `area`.
    pub fn meets(&self, area: &Rect) -> bool {
        self.cells.covering(area).any(|at| {
            self.cells
                .items(at)
                .iter()
                .any(|&i| self.shapes[i as usize].overlaps(area))
        })
    }

    /// Whether `p` lies strictly inside some box.
    pub(super) fn holds(&self, p: Point) -> bool {
        self.cells.at(p).is_some_and(|at| {
            self.cells
                .items(at)
                .iter()
                .any(|&i| strictly_inside(&self.shapes[i as usize], p))
        })
    }

    /// Whether the segment from `a` to `b` enters the inside of a box other
    /// than those in `skip` (running along an edge or through a corner does
    /// not count). `stamp` (one entry per box) and `round` keep a box in
    /// several cells from being tested twice.
    pub(super) fn blocks(
        &self,
        a: Point,
        b: Point,
        skip: [Option<usize>; 2],
        stamp: &mut [u32],
        round: u32,
    ) -> bool {
        self.cells.along(a, b, |at| {
            self.cells.items(at).iter().any(|&i| {
                let i = i as usize;
                if stamp[i] == round || skip.contains(&Some(i)) {
                    return false;
                }
                stamp[i] = round;
                enters(&self.shapes[i], a, b)
            })
        })
    }
}

/// Whether `p` lies inside `r`, not on its edge.
pub(super) fn strictly_inside(r: &Rect, p: Point) -> bool {
    const EPS: f64 = 1e-6;
    p.x > r.min.x + EPS && p.x < r.max.x - EPS && p.y > r.min.y + EPS && p.y < r.max.y - EPS
}

/// Whether the segment from `a` to `b` enters the inside of `r`.
pub(super) fn enters(r: &Rect, a: Point, b: Point) -> bool {
    const EPS: f64 = 1e-6;
    let inner = r.expand(-EPS);
    inner.width() > 0.0 && inner.height() > 0.0 && inner.meets_segment(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Boxes of a few sizes in rows, and some far out.
    fn boxes() -> Vec<Rect> {
        let mut shapes: Vec<Rect> = (0..50)
            .map(|i| {
                let (x, y) = ((i % 10) as f64 * 37.0, (i / 10) as f64 * 53.0);
                Rect::from_centre_size(Point::new(x, y), 20.0 + (i % 3) as f64 * 15.0, 18.0)
            })
            .collect();
        shapes.push(Rect::from_centre_size(
            Point::new(5000.0, -3000.0),
            40.0,
            20.0,
        ));
        shapes
    }

    #[test]
    fn the_grid_finds_every_shape_that_meets_a_box() {
        let shapes = boxes();
        let grid = ShapeGrid::new(shapes.clone());
        for x in (-40..400).step_by(7) {
            for y in (-40..300).step_by(11) {
                let probe = Rect::from_centre_size(Point::new(x as f64, y as f64), 22.0, 22.0);
                let brute = shapes.iter().any(|s| s.overlaps(&probe));
                assert_eq!(grid.meets(&probe), brute, "at {x}, {y}");
            }
        }
        assert!(grid.meets(&Rect::from_centre_size(
            Point::new(5010.0, -3000.0),
            4.0,
            4.0
        )));
        assert!(!ShapeGrid::new(Vec::new()).meets(&shapes[0]));
    }

    #[test]
    fn the_grid_finds_every_shape_a_segment_enters() {
        let shapes = boxes();
        let grid = ShapeGrid::new(shapes.clone());
        let mut stamp = vec![0u32; shapes.len()];
        let mut round = 0;
        let ends: Vec<Point> = (0..40)
            .map(|i| Point::new((i * 97 % 420) as f64 - 30.0, (i * 61 % 300) as f64 - 30.0))
            .chain([Point::new(5000.0, -3000.0), Point::new(4990.0, -2995.0)])
            .collect();
        for &a in &ends {
            for &b in &ends {
                round += 1;
                let brute = shapes.iter().any(|s| enters(s, a, b));
                assert_eq!(
                    grid.blocks(a, b, [None, None], &mut stamp, round),
                    brute,
                    "{a:?} {b:?}"
                );
            }
        }
        // A box the segment starts in can be left out.
        let (inside, out) = (shapes[0].centre(), Point::new(-30.0, -30.0));
        round += 1;
        assert!(grid.blocks(inside, out, [None, None], &mut stamp, round));
        round += 1;
        assert!(!grid.blocks(inside, out, [Some(0), None], &mut stamp, round));
        assert!(grid.holds(shapes[7].centre()));
        assert!(!grid.holds(shapes[7].min));
    }
}
