//! Overlap removal: moves shapes apart until no two are closer than a
//! margin, leaving fixed (pinned) shapes where they are.

use std::collections::HashMap;

use super::spatial_grid::candidate_pairs;

/// Extra distance added to every separation, so that positions rounded to
/// two decimals in the project file still keep the margin.
pub(crate) const SLACK: f64 = 0.05;

/// Sweeps of pairwise pushes before the remaining overlaps are settled by
/// moving single shapes to the nearest free place.
const MAX_SWEEPS: usize = 200;

/// Rings of the spiral search for a free place (far more than any web of
/// up to millions of shapes needs).
const MAX_RINGS: usize = 2000;

/// A shape placed: its centre and its half width and height.
pub type PlacedShape = ((f64, f64), (f64, f64));

/// The place nearest `wanted` where a shape of half size `half` keeps
/// `margin` from every shape of `others`: where a new shape goes without
/// hiding, or being hidden by, another.
pub fn nearest_free_place(
    others: &[PlacedShape],
    half: (f64, f64),
    wanted: (f64, f64),
    margin: f64,
) -> (f64, f64) {
    let mut positions: Vec<(f64, f64)> = others.iter().map(|o| o.0).collect();
    let mut halves: Vec<(f64, f64)> = others.iter().map(|o| o.1).collect();
    let mut fixed = vec![true; others.len()];
    positions.push(wanted);
    halves.push(half);
    fixed.push(false);
    OverlapRemoval::new(halves, fixed, margin).place_in_free_space(&mut positions);
    positions[others.len()]
}

/// A stepwise overlap removal: each [`OverlapRemoval::sweep`] pushes apart
/// every pair of shapes that are too close along the axis where they overlap
/// least. When sweeps stop converging, each shape that still overlaps is
/// moved to the nearest free place, which always succeeds.
#[derive(Debug, Clone)]
pub(crate) struct OverlapRemoval {
    halves: Vec<(f64, f64)>,
    fixed: Vec<bool>,
    margin: f64,
    sweeps: usize,
    done: bool,
}

impl OverlapRemoval {
    /// Shapes of half sizes `halves`; `fixed` ones never move.
    pub(crate) fn new(halves: Vec<(f64, f64)>, fixed: Vec<bool>, margin: f64) -> Self {
        let margin = if margin.is_finite() {
            margin.max(0.0)
        } else {
            0.0
        };
        OverlapRemoval {
            halves,
            fixed,
            margin,
            sweeps: 0,
            done: false,
        }
    }

    /// One sweep over all pairs that are too close; returns whether the
    /// removal is finished.
    pub(crate) fn sweep(&mut self, positions: &mut [(f64, f64)]) -> bool {
        if self.done {
            return true;
        }
        let half_margin = self.margin / 2.0 + SLACK;
        let inflated: Vec<(f64, f64)> = self
            .halves
            .iter()
            .map(|&(hw, hh)| (hw + half_margin, hh + half_margin))
            .collect();
        let pairs = candidate_pairs(positions, &inflated);
        let mut pushes = 0usize;
        for (i, j) in pairs {
            let (i, j) = (i as usize, j as usize);
            if self.fixed[i] && self.fixed[j] {
                continue;
            }
            if self.push_apart(positions, i, j) {
                pushes += 1;
            }
        }
        self.sweeps += 1;
        if pushes == 0 {
            self.done = true;
        } else if self.sweeps >= MAX_SWEEPS {
            self.place_in_free_space(positions);
            self.done = true;
        }
        self.done
    }

    /// Runs sweeps until done.
    pub(crate) fn run(&mut self, positions: &mut [(f64, f64)]) {
        while !self.sweep(positions) {}
    }

    /// Pushes `i` and `j` apart if they are too close; returns whether they were.
    fn push_apart(&self, positions: &mut [(f64, f64)], i: usize, j: usize) -> bool {
        let (xi, yi) = positions[i];
        let (xj, yj) = positions[j];
        let (dx, dy) = (xj - xi, yj - yi);
        let need_x = self.halves[i].0 + self.halves[j].0 + self.margin;
        let need_y = self.halves[i].1 + self.halves[j].1 + self.margin;
        // Shapes count as too close a little before they are, so that
        // rounding the positions cannot bring them under the margin.
        let pen_x = need_x - dx.abs();
        let pen_y = need_y - dy.abs();
        if pen_x <= -SLACK / 2.0 || pen_y <= -SLACK / 2.0 {
            return false;
        }
        // Direction from i to j along the chosen axis; ties broken by index
        // so that the result is deterministic.
        let sign = |d: f64| {
            if d > 0.0 || (d == 0.0 && i < j) {
                1.0
            } else {
                -1.0
            }
        };
        let (mx, my) = if pen_x <= pen_y {
            (sign(dx) * (pen_x + SLACK), 0.0)
        } else {
            (0.0, sign(dy) * (pen_y + SLACK))
        };
        let share_j = match (self.fixed[i], self.fixed[j]) {
            (true, false) => 1.0,
            (false, true) => 0.0,
            _ => 0.5,
        };
        let share_i = 1.0 - share_j;
        positions[i].0 -= mx * share_i;
        positions[i].1 -= my * share_i;
        positions[j].0 += mx * share_j;
        positions[j].1 += my * share_j;
        true
    }

    /// Places fixed shapes first, then every other shape in order; a shape
    /// that is too close to one already placed moves to the nearest free
    /// position on a spiral around where it was.
    fn place_in_free_space(&self, positions: &mut [(f64, f64)]) {
        let n = positions.len();
        if n == 0 {
            return;
        }
        let max_w = self.halves.iter().map(|h| h.0).fold(0.0, f64::max);
        let max_h = self.halves.iter().map(|h| h.1).fold(0.0, f64::max);
        let cell = (2.0 * max_w.max(max_h) + self.margin).max(1.0);
        let mut grid: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        // Far-flung shapes share the outermost cells rather than overflow.
        let index = |v: f64| {
            let c = (v / cell).floor();
            if c.is_nan() {
                0
            } else {
                c.clamp(-1.0e15, 1.0e15) as i64
            }
        };
        let key = |p: (f64, f64)| (index(p.0), index(p.1));
        let order: Vec<usize> = (0..n)
            .filter(|&i| self.fixed[i])
            .chain((0..n).filter(|&i| !self.fixed[i]))
            .collect();
        for i in order {
            if !self.fixed[i] {
                let start = positions[i];
                let step = (self.halves[i].0.min(self.halves[i].1) + self.margin / 2.0).max(1.0);
                let mut ring = 0usize;
                // Bounded, so that a shape so far out that steps of its size
                // no longer change a coordinate cannot stall the search.
                'search: while ring <= MAX_RINGS {
                    let radius = ring as f64 * step;
                    let count = if ring == 0 { 1 } else { 8 * ring };
                    for k in 0..count {
                        let angle = k as f64 / count as f64 * std::f64::consts::TAU;
                        let p = (
                            start.0 + radius * angle.cos(),
                            start.1 + radius * angle.sin(),
                        );
                        if self.is_free(p, i, positions, &grid, key(p)) {
                            positions[i] = p;
                            break 'search;
                        }
                    }
                    ring += 1;
                }
            }
            grid.entry(key(positions[i])).or_default().push(i);
        }
    }

    /// Whether shape `i` centred at `p` keeps the margin to every shape in
    /// `grid` (the cell size is large enough that only neighbouring cells
    /// can hold a shape that is too close).
    fn is_free(
        &self,
        p: (f64, f64),
        i: usize,
        positions: &[(f64, f64)],
        grid: &HashMap<(i64, i64), Vec<usize>>,
        (cx, cy): (i64, i64),
    ) -> bool {
        for gx in cx - 1..=cx + 1 {
            for gy in cy - 1..=cy + 1 {
                let Some(members) = grid.get(&(gx, gy)) else {
                    continue;
                };
                for &j in members {
                    let need_x = self.halves[i].0 + self.halves[j].0 + self.margin;
                    let need_y = self.halves[i].1 + self.halves[j].1 + self.margin;
                    if (positions[j].0 - p.0).abs() < need_x + SLACK / 2.0
                        && (positions[j].1 - p.1).abs() < need_y + SLACK / 2.0
                    {
                        return false;
                    }
                }
            }
        }
        true
    }
}

/// Removes every overlap at once (see [`OverlapRemoval`]).
pub(crate) fn remove_overlaps(
    positions: &mut [(f64, f64)],
    halves: Vec<(f64, f64)>,
    fixed: Vec<bool>,
    margin: f64,
) {
    OverlapRemoval::new(halves, fixed, margin).run(positions);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_shape_goes_to_the_nearest_place_clear_of_the_others() {
        let others = [((0.0, 0.0), (50.0, 20.0)), ((0.0, 60.0), (50.0, 20.0))];
        // Free where wanted: stays.
        assert_eq!(
            nearest_free_place(&others, (50.0, 20.0), (0.0, 300.0), 12.0),
            (0.0, 300.0)
        );
        // On top of the first: moved clear of both, near where wanted.
        let p = nearest_free_place(&others, (50.0, 20.0), (0.0, 0.0), 12.0);
        for &((x, y), (w, h)) in &others {
            assert!(
                (p.0 - x).abs() >= w + 50.0 + 12.0 || (p.1 - y).abs() >= h + 20.0 + 12.0,
                "{p:?} too close to ({x}, {y})"
            );
        }
        assert!(p.0.hypot(p.1) < 200.0, "{p:?} is near");
    }

    #[test]
    fn stacked_shapes_end_apart_and_fixed_ones_stay() {
        let mut positions = vec![(0.0, 0.0); 6];
        let halves = vec![(30.0, 17.0); 6];
        let mut fixed = vec![false; 6];
        fixed[0] = true;
        remove_overlaps(&mut positions, halves, fixed, 12.0);
        assert_eq!(positions[0], (0.0, 0.0));
        for i in 0..6 {
            for j in i + 1..6 {
                let (dx, dy) = (
                    (positions[i].0 - positions[j].0).abs(),
                    (positions[i].1 - positions[j].1).abs(),
                );
                assert!(dx >= 72.0 || dy >= 46.0, "{i} {j}: {positions:?}");
            }
        }
    }
}
