//! Arrowheads into one shape given room along its outline: links that reach
//! a shape from nearly one side put their heads on top of each other when
//! each only aims near the centre. Here the points where they reach the
//! outline keep their order round it and move apart along it, each as
//! little as it can, until neighbours stand an arrowhead's room apart.

use std::sync::OnceLock;

use super::geometry::Point;

/// Points round an ellipse, enough that a stretch between two is straight
/// to well under a unit for the shapes a label gets.
const SAMPLES: usize = 256;

/// An ellipse's outline, measured along its length.
pub(super) struct Outline {
    centre: Point,
    half: (f64, f64),
    /// The outline at `SAMPLES` equal steps of the parameter angle, the
    /// first again at the end.
    points: Vec<Point>,
    /// Length of the outline from the first point to each point.
    lengths: Vec<f64>,
}

impl Outline {
    /// The ellipse centred on `centre` with half axes `half` (both > 0).
    pub(super) fn new(centre: Point, half: (f64, f64)) -> Outline {
        let points: Vec<Point> = unit_circle()
            .iter()
            .map(|&(cos, sin)| Point::new(centre.x + half.0 * cos, centre.y + half.1 * sin))
            .collect();
        let mut lengths = Vec::with_capacity(points.len());
        let mut length = 0.0;
        lengths.push(0.0);
        for pair in points.windows(2) {
            length += pair[0].distance(pair[1]);
            lengths.push(length);
        }
        Outline {
            centre,
            half,
            points,
            lengths,
        }
    }

    /// The whole length of the outline.
    pub(super) fn length(&self) -> f64 {
        self.lengths[SAMPLES]
    }

    /// How far along the outline (from its rightmost point, turning towards
    /// +y) the point of the outline at `p`'s parameter angle is.
    pub(super) fn position(&self, p: Point) -> f64 {
        let t = ((p.y - self.centre.y) / self.half.1)
            .atan2((p.x - self.centre.x) / self.half.0)
            .rem_euclid(std::f64::consts::TAU);
        let step = t / std::f64::consts::TAU * SAMPLES as f64;
        let k = (step.floor() as usize).min(SAMPLES - 1);
        let share = step - k as f64;
        self.lengths[k] + share * (self.lengths[k + 1] - self.lengths[k])
    }

    /// The point of the outline `s` along it (any `s`: it goes round).
    pub(super) fn point_at(&self, s: f64) -> Point {
        let s = s.rem_euclid(self.length());
        let k = self.lengths.partition_point(|&l| l <= s).clamp(1, SAMPLES) - 1;
        let stretch = self.lengths[k + 1] - self.lengths[k];
        let share = if stretch > 0.0 {
            (s - self.lengths[k]) / stretch
        } else {
            0.0
        };
        let (a, b) = (self.points[k], self.points[k + 1]);
        Point::new(a.x + share * (b.x - a.x), a.y + share * (b.y - a.y))
    }
}

/// The cosine and sine of `SAMPLES` + 1 equal steps round the circle (the
/// first again at the end), worked out once.
fn unit_circle() -> &'static [(f64, f64)] {
    static CIRCLE: OnceLock<Vec<(f64, f64)>> = OnceLock::new();
    CIRCLE.get_or_init(|| {
        (0..=SAMPLES)
            .map(|k| {
                let t = std::f64::consts::TAU * k as f64 / SAMPLES as f64;
                (t.cos(), t.sin())
            })
            .collect()
    })
}

/// Positions along a closed line of length `total` moved apart so that
/// neighbours are at least the mean of their `rooms` apart (all rooms
/// shrunk alike when they do not fit in `total`), in the order they had
/// round the line, with the least sum of squared moves. Returned in the
/// order given; each may differ from its input by whole turns of the line.
pub(super) fn spread_round(positions: &[f64], rooms: &[f64], total: f64) -> Vec<f64> {
    let m = positions.len();
    if m < 2 || total <= 0.0 {
        return positions.to_vec();
    }
    let needed: f64 = rooms.iter().sum();
    let shrink = if needed > total { total / needed } else { 1.0 };
    let mut order: Vec<usize> = (0..m).collect();
    let at = |i: usize| positions[i].rem_euclid(total);
    order.sort_by(|&a, &b| at(a).total_cmp(&at(b)));
    // Cut the line open in its widest gap, so that no two neighbours
    // across the cut are pushed into each other.
    let gap = |k: usize| {
        let (a, b) = (at(order[k]), at(order[(k + 1) % m]));
        if k + 1 == m {
            b + total - a
        } else {
            b - a
        }
    };
    let widest = (0..m)
        .max_by(|&a, &b| gap(a).total_cmp(&gap(b)))
        .unwrap_or(m - 1);
    order.rotate_left((widest + 1) % m);
    let mut along = Vec::with_capacity(m);
    let mut turns = 0.0;
    for (k, &i) in order.iter().enumerate() {
        if k > 0 && at(i) < at(order[k - 1]) {
            turns += total;
        }
        along.push(at(i) + turns);
    }
    // The least offsets from the first: half of each neighbour's room.
    let mut offsets = Vec::with_capacity(m);
    let mut offset = 0.0;
    for (k, &i) in order.iter().enumerate() {
        if k > 0 {
            offset += shrink * (rooms[order[k - 1]] + rooms[i]) / 2.0;
        }
        offsets.push(offset);
    }
    // y_k = w_k + offset_k with w not decreasing and Σ(y_k − x_k)² least:
    // the isotonic fit of x_k − offset_k, by pooling adjacent violators.
    let mut blocks: Vec<(f64, usize)> = Vec::new(); // (sum, count)
    for (x, offset) in along.iter().zip(&offsets) {
        let mut block = (x - offset, 1usize);
        while let Some(&(sum, count)) = blocks.last() {
            if sum / count as f64 > block.0 / block.1 as f64 {
                block = (block.0 + sum, block.1 + count);
                blocks.pop();
            } else {
                break;
            }
        }
        blocks.push(block);
    }
    let mut spread = vec![0.0; m];
    let mut k = 0;
    for (sum, count) in blocks {
        let w = sum / count as f64;
        for _ in 0..count {
            spread[order[k]] = w + offsets[k];
            k += 1;
        }
    }
    spread
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crowded_positions_move_apart_in_order_round_their_mean() {
        let nine = [9.0; 3];
        let spread = spread_round(&[10.0, 11.0, 12.0], &nine, 100.0);
        assert_eq!(spread, vec![2.0, 11.0, 20.0]);
        // Far enough apart already: unmoved.
        let spread = spread_round(&[10.0, 40.0, 70.0], &nine, 100.0);
        assert_eq!(spread, vec![10.0, 40.0, 70.0]);
        // Only the crowded pair moves, each half what it lacks.
        let spread = spread_round(&[50.0, 10.0, 13.0], &nine, 100.0);
        assert_eq!(spread, vec![50.0, 7.0, 16.0]);
        // A wider room keeps its neighbours further off.
        let spread = spread_round(&[10.0, 11.0, 14.0], &[9.0, 9.0, 19.0], 100.0);
        assert_eq!(spread, vec![1.0, 10.0, 24.0]);
    }

    #[test]
    fn positions_across_the_start_of_the_line_keep_their_order() {
        let spread = spread_round(&[99.0, 1.0, 98.0], &[4.0; 3], 100.0);
        let round = |v: f64| v.rem_euclid(100.0);
        // In order round the line: 98, 99, 1 → 4 apart about their mean.
        let (a, b, c) = (round(spread[2]), round(spread[0]), round(spread[1]));
        assert!((b - a - 4.0).abs() < 1e-9, "{spread:?}");
        assert!(((c + 100.0) - b - 4.0).abs() < 1e-9, "{spread:?}");
    }

    #[test]
    fn too_many_share_the_line_evenly() {
        let spread = spread_round(&[0.0, 1.0, 2.0, 3.0], &[9.0; 4], 20.0);
        for pair in spread.windows(2) {
            assert!((pair[1] - pair[0] - 5.0).abs() < 1e-9, "{spread:?}");
        }
    }

    #[test]
    fn an_outline_position_leads_back_to_its_point() {
        let outline = Outline::new(Point::new(100.0, 50.0), (60.0, 20.0));
        // Ramanujan's approximation of the length: π(3(a + b) − √((3a + b)(a + 3b))).
        let (a, b) = (60.0f64, 20.0f64);
        let length =
            std::f64::consts::PI * (3.0 * (a + b) - ((3.0 * a + b) * (a + 3.0 * b)).sqrt());
        assert!(
            (outline.length() / length - 1.0).abs() < 1e-3,
            "{}",
            outline.length()
        );
        for s in [0.0, 17.5, 80.0, 150.0, 260.0] {
            let p = outline.point_at(s);
            let on = ((p.x - 100.0) / 60.0).powi(2) + ((p.y - 50.0) / 20.0).powi(2);
            assert!((on - 1.0).abs() < 1e-3, "{s}: {p:?}");
            assert!((outline.position(p) - s).abs() < 0.05, "{s}");
        }
    }
}
