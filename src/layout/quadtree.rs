//! A Barnes–Hut quadtree: far groups of shapes act as one body at their
//! centre of mass, so the repulsion on every shape costs O(log n).

const NONE: u32 = u32::MAX;
/// A cell holding several bodies at (nearly) the same point, which cannot be
/// told apart by further subdivision.
const MANY: u32 = u32::MAX - 1;
const MAX_DEPTH: u32 = 40;

#[derive(Debug, Clone, Copy)]
struct Cell {
    /// Centre and half side of the square.
    cx: f64,
    cy: f64,
    half: f64,
    mass: f64,
    /// Mass-weighted sum of positions (the centre of mass times the mass).
    sx: f64,
    sy: f64,
    /// Index of the first of four consecutive children, or NONE for a leaf.
    children: u32,
    /// The one body in a leaf, NONE for an empty leaf or inner cell, MANY
    /// for a leaf with several coincident bodies.
    body: u32,
}

/// What a shape feels from the tree: a single other body near enough to be
/// treated exactly, or a far group as one mass.
pub(crate) enum Source {
    Body(usize),
    Group { x: f64, y: f64, mass: f64 },
}

/// The tree over a set of positions; rebuilt every step, reusing its memory.
/// Once built it is only read, so several threads can walk it at once,
/// each with a stack of its own.
#[derive(Debug, Default)]
pub(crate) struct QuadTree {
    cells: Vec<Cell>,
}

impl QuadTree {
    /// Rebuilds the tree over `positions` with masses `masses`.
    pub(crate) fn build(&mut self, positions: &[(f64, f64)], masses: &[f64]) {
        self.cells.clear();
        if positions.is_empty() {
            return;
        }
        let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(x, y) in positions {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
        let half = ((x1 - x0).max(y1 - y0) / 2.0).max(1.0) * 1.0001;
        self.cells
            .push(Cell::empty((x0 + x1) / 2.0, (y0 + y1) / 2.0, half));
        for (i, (&p, &m)) in positions.iter().zip(masses).enumerate() {
            self.insert(i as u32, p, m, positions, masses);
        }
    }

    fn insert(
        &mut self,
        body: u32,
        p: (f64, f64),
        m: f64,
        positions: &[(f64, f64)],
        masses: &[f64],
    ) {
        let mut at = 0usize;
        let mut depth = 0;
        loop {
            let cell = &mut self.cells[at];
            cell.mass += m;
            cell.sx += m * p.0;
            cell.sy += m * p.1;
            if cell.children != NONE {
                at = self.child_for(at, p);
                depth += 1;
                continue;
            }
            match cell.body {
                NONE => {
                    cell.body = body;
                    return;
                }
                MANY => return,
                other => {
                    if depth >= MAX_DEPTH {
                        cell.body = MANY;
                        return;
                    }
                    // Split: move the resident body down, then go on inserting.
                    cell.body = NONE;
                    let (cx, cy, h) = (cell.cx, cell.cy, cell.half / 2.0);
                    let first = self.cells.len() as u32;
                    self.cells[at].children = first;
                    for (dx, dy) in [(-h, -h), (h, -h), (-h, h), (h, h)] {
                        self.cells.push(Cell::empty(cx + dx, cy + dy, h));
                    }
                    let q = positions[other as usize];
                    let qm = masses[other as usize];
                    let c = self.child_for(at, q);
                    let child = &mut self.cells[c];
                    child.mass = qm;
                    child.sx = qm * q.0;
                    child.sy = qm * q.1;
                    child.body = other;
                    at = self.child_for(at, p);
                    depth += 1;
                }
            }
        }
    }

    fn child_for(&self, at: usize, p: (f64, f64)) -> usize {
        let cell = &self.cells[at];
        let right = (p.0 >= cell.cx) as u32;
        let below = (p.1 >= cell.cy) as u32;
        (cell.children + right + 2 * below) as usize
    }

    /// Calls `visit` with every source acting on the body `me` at `p`: cells
    /// seen under an angle smaller than `theta` act as one group. `stack`
    /// is working memory, reused from call to call.
    #[inline]
    pub(crate) fn for_each_source(
        &self,
        stack: &mut Vec<u32>,
        me: usize,
        p: (f64, f64),
        theta: f64,
        mut visit: impl FnMut(Source),
    ) {
        if self.cells.is_empty() {
            return;
        }
        let me = me as u32;
        stack.clear();
        stack.push(0);
        while let Some(at) = stack.pop() {
            let cell = &self.cells[at as usize];
            if cell.mass == 0.0 {
                continue;
            }
            if cell.children == NONE && cell.body != MANY {
                if cell.body != me && cell.body != NONE {
                    visit(Source::Body(cell.body as usize));
                }
                continue;
            }
            let (gx, gy) = (cell.sx / cell.mass, cell.sy / cell.mass);
            let (dx, dy) = (gx - p.0, gy - p.1);
            let dist2 = dx * dx + dy * dy;
            let size = 2.0 * cell.half;
            if cell.children == NONE || size * size < theta * theta * dist2 {
                visit(Source::Group {
                    x: gx,
                    y: gy,
                    mass: cell.mass,
                });
            } else {
                for k in 0..4 {
                    stack.push(cell.children + k);
                }
            }
        }
    }
}

impl Cell {
    fn empty(cx: f64, cy: f64, half: f64) -> Self {
        Cell {
            cx,
            cy,
            half,
            mass: 0.0,
            sx: 0.0,
            sy: 0.0,
            children: NONE,
            body: NONE,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_other_body_is_felt_exactly_when_theta_is_zero() {
        let positions = [
            (0.0, 0.0),
            (10.0, 0.0),
            (10.0, 10.0),
            (-5.0, 3.0),
            (10.0, 10.0),
        ];
        let masses = [1.0; 5];
        let mut tree = QuadTree::default();
        tree.build(&positions, &masses);
        let mut total = 0.0;
        tree.for_each_source(&mut Vec::new(), 0, positions[0], 0.0, |s| match s {
            Source::Body(j) => {
                assert_ne!(j, 0);
                total += masses[j];
            }
            Source::Group { mass, .. } => total += mass,
        });
        assert_eq!(total, 4.0);
    }
}
