//! A uniform grid of cells over part of the figure, each cell listing the
//! items (boxes, segments) that lie in it, so that a query looks only at
//! the items in the cells it covers. The first and last rows and columns
//! also hold whatever lies beyond them.

use super::geometry::{Point, Rect};

/// Cells per side at most, however spread out the items are.
const MOST_CELLS_PER_SIDE: usize = 256;

/// The cells' items in one flat list, cell after cell (counting sort of
/// the entries, instead of a list of its own for each of up to 65,536
/// cells).
#[derive(Debug, Default)]
pub(super) struct GridCells {
    frame: Frame,
    /// Where each cell's items start in `entries` (one more at the end).
    starts: Vec<u32>,
    entries: Vec<u32>,
}

/// Where the cells are: which cell holds a point.
#[derive(Debug, Default)]
struct Frame {
    origin: Point,
    cell: (f64, f64),
    columns: usize,
    rows: usize,
}

/// The items being entered in the cells of a [`GridCells`].
pub(super) struct Filling<'a> {
    frame: &'a Frame,
    /// (cell, item) for each cell an item lies in.
    entered: Vec<(u32, u32)>,
}

impl Filling<'_> {
    /// Enters item `i` in every cell that `area` overlaps.
    pub(super) fn add_box(&mut self, i: usize, area: &Rect) {
        for at in self.frame.covering(area) {
            self.entered.push((at as u32, i as u32));
        }
    }

    /// Enters item `i` in every cell that the segment from `a` to `b`
    /// passes.
    pub(super) fn add_segment(&mut self, i: usize, a: Point, b: Point) {
        let entered = &mut self.entered;
        self.frame.along(a, b, |at| {
            entered.push((at as u32, i as u32));
            false
        });
    }
}

impl GridCells {
    /// Cells of about `cell` (width, height) over `extent` (larger where
    /// that would make more than 256 cells a side), holding the items that
    /// `fill` enters.
    pub(super) fn new(extent: Rect, cell: (f64, f64), fill: impl FnOnce(&mut Filling<'_>)) -> Self {
        let side =
            |length: f64, wanted: f64| wanted.max(length / MOST_CELLS_PER_SIDE as f64).max(1.0);
        let cell = (side(extent.width(), cell.0), side(extent.height(), cell.1));
        let count = |length: f64, side: f64| {
            ((length / side).floor() as usize + 1).min(MOST_CELLS_PER_SIDE)
        };
        let frame = Frame {
            origin: extent.min,
            cell,
            columns: count(extent.width(), cell.0),
            rows: count(extent.height(), cell.1),
        };
        let mut filling = Filling {
            frame: &frame,
            entered: Vec::new(),
        };
        fill(&mut filling);
        let entered = filling.entered;
        // Counting sort by cell, items in the order entered.
        let cells = frame.columns * frame.rows;
        let mut starts = vec![0u32; cells + 1];
        for &(at, _) in &entered {
            starts[at as usize + 1] += 1;
        }
        for k in 0..cells {
            starts[k + 1] += starts[k];
        }
        let mut next = starts.clone();
        let mut entries = vec![0u32; entered.len()];
        for (at, item) in entered {
            entries[next[at as usize] as usize] = item;
            next[at as usize] += 1;
        }
        GridCells {
            frame,
            starts,
            entries,
        }
    }

    /// The indices of the cells that `area` overlaps.
    pub(super) fn covering(&self, area: &Rect) -> impl Iterator<Item = usize> + '_ {
        self.frame.covering(area)
    }

    /// The index of the cell holding `p`, if there are cells.
    pub(super) fn at(&self, p: Point) -> Option<usize> {
        let f = &self.frame;
        (f.rows > 0).then(|| f.row(p.y) * f.columns + f.column(p.x))
    }

    /// The items of cell `at`.
    pub(super) fn items(&self, at: usize) -> &[u32] {
        &self.entries[self.starts[at] as usize..self.starts[at + 1] as usize]
    }

    /// Calls `visit` with each cell that the segment from `a` to `b` passes,
    /// column by column, until it returns true; returns whether it did.
    #[inline]
    pub(super) fn along(&self, a: Point, b: Point, visit: impl FnMut(usize) -> bool) -> bool {
        self.frame.along(a, b, visit)
    }
}

impl Frame {
    /// See [`GridCells::covering`].
    fn covering(&self, area: &Rect) -> impl Iterator<Item = usize> + '_ {
        let (c0, c1) = (self.column(area.min.x), self.column(area.max.x));
        let (r0, r1) = (self.row(area.min.y), self.row(area.max.y));
        // No rows at all when there are no cells.
        let rows = r0..(r1 + 1).min(self.rows);
        rows.flat_map(move |row| (c0..=c1).map(move |c| row * self.columns + c))
    }

    /// See [`GridCells::along`].
    #[inline]
    fn along(&self, a: Point, b: Point, mut visit: impl FnMut(usize) -> bool) -> bool {
        if self.rows == 0 {
            return false;
        }
        let (left, right) = if a.x <= b.x { (a, b) } else { (b, a) };
        let (c0, c1) = (self.column(left.x), self.column(right.x));
        let slope = if right.x > left.x {
            (right.y - left.y) / (right.x - left.x)
        } else {
            0.0
        };
        let y_at = |x: f64| left.y + slope * (x - left.x).clamp(0.0, right.x - left.x);
        for c in c0..=c1 {
            // The part of the segment within this column of cells.
            let x0 = self.origin.x + c as f64 * self.cell.0;
            let xa = if c == 0 { left.x } else { x0.max(left.x) };
            let xb = if c + 1 == self.columns {
                right.x
            } else {
                (x0 + self.cell.0).min(right.x)
            };
            let (ya, yb) = if c0 == c1 {
                (left.y, right.y)
            } else {
                (y_at(xa), y_at(xb))
            };
            let (r0, r1) = (self.row(ya.min(yb)), self.row(ya.max(yb)));
            for row in r0..=r1 {
                if visit(row * self.columns + c) {
                    return true;
                }
            }
        }
        false
    }

    // Cast after `max`: truncation, which is the floor of a number not
    // below 0, without a call to libm's floor (a hot path of routing).
    fn column(&self, x: f64) -> usize {
        (((x - self.origin.x) / self.cell.0).max(0.0) as usize).min(self.columns.saturating_sub(1))
    }

    fn row(&self, y: f64) -> usize {
        (((y - self.origin.y) / self.cell.1).max(0.0) as usize).min(self.rows.saturating_sub(1))
    }
}
