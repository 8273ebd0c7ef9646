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

/// One non-empty cell of the tree as the walk reads it, in depth-first
/// order: its children (if it is opened) follow it directly, and `skip` is
/// where the walk goes on when the cell is not opened.
#[derive(Debug, Clone, Copy)]
struct WalkCell {
    /// Centre of mass.
    x: f64,
    y: f64,
    mass: f64,
    /// The square of the cell's side.
    size2: f64,
    /// The index after this cell's subtree.
    skip: u32,
    /// The one body of a leaf; NONE for an inner cell, MANY for a leaf of
    /// several coincident bodies.
    body: u32,
}

/// The tree over a set of positions; rebuilt every step, reusing its memory.
/// Once built it is only read, so several threads can walk it at once.
#[derive(Debug, Default)]
pub(crate) struct QuadTree {
    cells: Vec<Cell>,
    walk: Vec<WalkCell>,
    /// The bodies in the order the walk meets them: neighbours in space are
    /// near each other in this order.
    order: Vec<usize>,
}

impl QuadTree {
    /// Rebuilds the tree over `positions` with masses `masses`.
    pub(crate) fn build(&mut self, positions: &[(f64, f64)], masses: &[f64]) {
        self.cells.clear();
        self.walk.clear();
        self.order.clear();
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
        self.flatten(positions.len());
    }

    /// Writes the non-empty cells in depth-first order, with their centres
    /// of mass, and the bodies in the order met.
    fn flatten(&mut self, bodies: usize) {
        // (cell, index of its entry in `walk`), the entry's skip written
        // once its subtree is done.
        let mut stack: Vec<(u32, u32)> = Vec::new();
        stack.push((0, u32::MAX));
        while let Some((at, entry)) = stack.pop() {
            if at == NONE {
                // The end of the subtree of `walk[entry]`.
                self.walk[entry as usize].skip = self.walk.len() as u32;
                continue;
            }
            let cell = self.cells[at as usize];
            if cell.mass == 0.0 {
                continue;
            }
            let index = self.walk.len() as u32;
            let size = 2.0 * cell.half;
            self.walk.push(WalkCell {
                x: cell.sx / cell.mass,
                y: cell.sy / cell.mass,
                mass: cell.mass,
                size2: size * size,
                skip: index + 1,
                body: if cell.children == NONE {
                    cell.body
                } else {
                    NONE
                },
            });
            if cell.children == NONE {
                // A leaf of several coincident bodies (MANY) adds them
                // below, after the others.
                if cell.body != NONE && cell.body != MANY {
                    self.order.push(cell.body as usize);
                }
                continue;
            }
            stack.push((NONE, index));
            for k in (0..4).rev() {
                stack.push((cell.children + k, index));
            }
        }
        if self.order.len() != bodies {
            let mut seen = vec![false; bodies];
            for &i in &self.order {
                seen[i] = true;
            }
            self.order.extend((0..bodies).filter(|&i| !seen[i]));
        }
    }

    /// The bodies, neighbours in space near each other: walking them in
    /// this order reads the tree from the cache.
    pub(crate) fn order(&self) -> &[usize] {
        &self.order
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
    /// seen under an angle smaller than `theta` act as one group.
    #[inline(always)]
    pub(crate) fn for_each_source(
        &self,
        me: usize,
        p: (f64, f64),
        theta: f64,
        mut visit: impl FnMut(Source),
    ) {
        let me = me as u32;
        let theta2 = theta * theta;
        let walk = &self.walk[..];
        let mut at = 0usize;
        while let Some(cell) = walk.get(at) {
            if cell.body != NONE && cell.body != MANY {
                if cell.body != me {
                    visit(Source::Body(cell.body as usize));
                }
                at = cell.skip as usize;
                continue;
            }
            let (dx, dy) = (cell.x - p.0, cell.y - p.1);
            if cell.body == MANY || cell.size2 < theta2 * (dx * dx + dy * dy) {
                visit(Source::Group {
                    x: cell.x,
                    y: cell.y,
                    mass: cell.mass,
                });
                at = cell.skip as usize;
            } else {
                at += 1;
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
        tree.for_each_source(0, positions[0], 0.0, |s| match s {
            Source::Body(j) => {
                assert_ne!(j, 0);
                total += masses[j];
            }
            Source::Group { mass, .. } => total += mass,
        });
        assert_eq!(total, 4.0);
        // Every body once in the walk's order, the coincident ones too.
        let mut order = tree.order().to_vec();
        order.sort_unstable();
        assert_eq!(order, vec![0, 1, 2, 3, 4]);
    }
}
