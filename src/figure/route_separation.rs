//! Links that go round the shapes by the same corners, drawn apart. Every
//! route bends at the corners of the shapes' (grown) boxes, so routes
//! through the same gap would be drawn on top of each other, and a reader
//! could not tell where each goes. Here the routes through one corner are
//! put in order, innermost (nearest the box) first, and each is moved
//! away from the box by a few units more than the one inside it. The order
//! follows where the routes part, as lines on a metro map: two routes that
//! share legs keep the same side of each other all along them, so a bundle
//! does not braid.

use std::cmp::Ordering;
use std::collections::HashMap;

use super::geometry::Point;

/// How far apart the routes through one corner are drawn, in canvas units
/// (less where the shapes around leave no room).
pub const ROUTE_SPACING: f64 = 4.0;

/// Where the routes through a corner cannot be the whole spacing apart,
/// they are this part of it apart, or else not moved at all (closer
/// lines would read as one thick line).
const SMALLER_SHARE: f64 = 0.75;

/// One link's way round the shapes: its ends' centres and its bends, in
/// order of travel.
#[derive(Debug, Clone, PartialEq)]
pub struct Way {
    /// The source shape, the target shape (whose boxes the first and last
    /// legs leave and enter).
    pub ends: (usize, usize),
    /// The source's centre, the bends, the target's centre.
    pub points: Vec<Point>,
}

/// Moves the bends of `ways` apart where several pass the same corner.
/// `inward(p)` is the direction `(±1, ±1)` towards the inside of the box
/// whose corner is `p` (`None` for a bend that is not at a corner: it is
/// left where it is). `clear(a, b, ends)` says whether a leg from `a` to `b`
/// keeps clear of every shape but `ends`; a corner's routes are moved less,
/// or not at all, where a moved leg would not. Returns those corners: where
/// routes could not be drawn the whole spacing apart.
pub fn separate(
    ways: &mut [Way],
    inward: impl Fn(Point) -> Option<(f64, f64)>,
    mut clear: impl FnMut(Point, Point, [Option<usize>; 2]) -> bool,
    spacing: f64,
) -> Vec<Point> {
    // The routes through each corner, innermost first.
    let mut through: HashMap<(u64, u64), Vec<(usize, usize)>> = HashMap::new();
    for (w, way) in ways.iter().enumerate() {
        let inner = way.points.len().saturating_sub(1);
        for (j, p) in way.points.iter().enumerate().take(inner).skip(1) {
            if inward(*p).is_some() {
                through
                    .entry((p.x.to_bits(), p.y.to_bits()))
                    .or_default()
                    .push((w, j));
            }
        }
    }
    let mut corners: Vec<Corner> = through
        .into_values()
        .filter(|at| at.len() > 1)
        .map(|mut at| {
            let (w, j) = at[0];
            let p = ways[w].points[j];
            let towards = inward(p).unwrap_or((0.0, 0.0));
            // Insertion sort: the order between routes that cross anyway
            // need not be consistent, and this never fails on that.
            for k in 1..at.len() {
                let mut m = k;
                while m > 0 && outside(ways, towards, at[m - 1], at[m]) == Ordering::Greater {
                    at.swap(m - 1, m);
                    m -= 1;
                }
            }
            Corner {
                at: p,
                outward: Point::new(-towards.0, -towards.1),
                routes: at,
                share: 1.0,
            }
        })
        .collect();
    // The same result whatever the hash map's order.
    corners.sort_by(|a, b| a.at.x.total_cmp(&b.at.x).then(a.at.y.total_cmp(&b.at.y)));
    let original: Vec<Vec<Point>> = ways.iter().map(|w| w.points.clone()).collect();
    // Move, then take back part of the move at corners whose moved legs
    // are not clear, until all are (at worst, nothing is moved).
    loop {
        for (way, points) in ways.iter_mut().zip(&original) {
            way.points.clone_from(points);
        }
        for corner in &corners {
            for (rank, &(w, j)) in corner.routes.iter().enumerate() {
                let d = spacing * corner.share * rank as f64;
                ways[w].points[j] = corner.at.plus(corner.outward, d);
            }
        }
        let mut blocked: Vec<(u64, u64)> = Vec::new();
        for (way, points) in ways.iter().zip(&original) {
            let last = way.points.len() - 1;
            for k in 0..last {
                let (a, b) = (way.points[k], way.points[k + 1]);
                if a == points[k] && b == points[k + 1] {
                    continue;
                }
                let ends = [
                    (k == 0).then_some(way.ends.0),
                    (k + 1 == last).then_some(way.ends.1),
                ];
                if !clear(a, b, ends) {
                    for (p, q) in [(a, points[k]), (b, points[k + 1])] {
                        if p != q {
                            blocked.push((q.x.to_bits(), q.y.to_bits()));
                        }
                    }
                }
            }
        }
        if blocked.is_empty() {
            return corners
                .iter()
                .filter(|c| c.share < 1.0)
                .map(|c| c.at)
                .collect();
        }
        for corner in &mut corners {
            if blocked.contains(&(corner.at.x.to_bits(), corner.at.y.to_bits())) {
                corner.share = if corner.share > SMALLER_SHARE {
                    SMALLER_SHARE
                } else {
                    0.0
                };
            }
        }
    }
}

/// A corner that several routes pass.
#[derive(Debug)]
struct Corner {
    at: Point,
    /// Away from the box: (±1, ±1).
    outward: Point,
    /// Which point of which way is at this corner, innermost first.
    routes: Vec<(usize, usize)>,
    /// The part of the spacing the routes here are moved by.
    share: f64,
}

/// Whether the route `a` (way, index of its point at a corner) runs outside
/// the route `b` at that corner (`Greater`), inside it (`Less`), or either
/// (`Equal`); `towards` is the direction into the corner's box.
fn outside(ways: &[Way], towards: (f64, f64), a: (usize, usize), b: (usize, usize)) -> Ordering {
    let pa = Oriented {
        points: &ways[a.0].points,
        reversed: false,
    };
    let ja = a.1 as isize;
    // `b` read the way `a` travels where they share a leg.
    let pb = {
        let forwards = Oriented {
            points: &ways[b.0].points,
            reversed: false,
        };
        let j = b.1 as isize;
        let (before, after) = (forwards.get(j - 1), forwards.get(j + 1));
        let (a_before, a_after) = (pa.get(ja - 1), pa.get(ja + 1));
        let along =
            (after.is_some() && after == a_after) || (before.is_some() && before == a_before);
        let against =
            (before.is_some() && before == a_after) || (after.is_some() && after == a_before);
        Oriented {
            reversed: against && !along,
            ..forwards
        }
    };
    let jb = pb.index(b.1);
    let p = pa.at(ja);
    // How far both run together after and before this corner.
    let together = |step: isize| {
        let mut k = 0isize;
        while let (Some(x), Some(y)) = (pa.get(ja + (k + 1) * step), pb.get(jb + (k + 1) * step)) {
            if x != y {
                break;
            }
            k += 1;
        }
        k
    };
    let (after, before) = (together(1), together(-1));
    if after == 0 && before == 0 {
        // They share only this corner: the one whose legs close tighter
        // round the box is inside.
        let angle = |o: &Oriented, j: isize| {
            let (u, v) = (p.to(o.at(j - 1)), p.to(o.at(j + 1)));
            cross(u, v).abs().atan2(dot(u, v))
        };
        return angle(&pa, ja).total_cmp(&angle(&pb, jb));
    }
    // Along their shared legs, which side of `a` does `b` run on? Seen
    // where they part: the one that turns further left is on the left.
    let left_of_a = |step: isize, run: isize| -> Option<bool> {
        let s = pa.get(ja + run * step)?;
        let (na, nb) = (
            pa.get(ja + (run + 1) * step)?,
            pb.get(jb + (run + 1) * step)?,
        );
        let came = pa.get(ja + (run - 1) * step).unwrap_or(p);
        let u = came.to(s);
        let (ta, tb) = (turn(u, s.to(na)), turn(u, s.to(nb)));
        if ta == tb {
            return None;
        }
        // Going backwards, left and right swap.
        Some((tb > ta) == (step > 0))
    };
    let Some(b_left) = left_of_a(1, after).or_else(|| left_of_a(-1, before)) else {
        return Ordering::Equal;
    };
    // The way both travel at the corner, and which side its box is on.
    let travel = if after > 0 {
        p.to(pa.at(ja + 1))
    } else {
        pa.at(ja - 1).to(p)
    };
    let box_left = cross(travel, Point::new(towards.0, towards.1)) > 0.0;
    if b_left == box_left {
        Ordering::Greater
    } else {
        Ordering::Less
    }
}

/// A way's points, read forwards or backwards.
struct Oriented<'a> {
    points: &'a [Point],
    reversed: bool,
}

impl Oriented<'_> {
    /// The index, in this reading, of the way's point `j`.
    fn index(&self, j: usize) -> isize {
        if self.reversed {
            (self.points.len() - 1 - j) as isize
        } else {
            j as isize
        }
    }

    /// The point `i` of this reading, if there is one.
    fn get(&self, i: isize) -> Option<Point> {
        let n = self.points.len() as isize;
        if i < 0 || i >= n {
            return None;
        }
        let i = if self.reversed { n - 1 - i } else { i };
        Some(self.points[i as usize])
    }

    /// The point `i` of this reading (the first point if there is none:
    /// only asked for points that exist).
    fn at(&self, i: isize) -> Point {
        self.get(i).unwrap_or(self.points[0])
    }
}

fn cross(u: Point, v: Point) -> f64 {
    u.x * v.y - u.y * v.x
}

fn dot(u: Point, v: Point) -> f64 {
    u.x * v.x + u.y * v.y
}

/// The signed angle from direction `u` to direction `v`.
fn turn(u: Point, v: Point) -> f64 {
    cross(u, v).atan2(dot(u, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn way(points: &[(f64, f64)]) -> Way {
        Way {
            ends: (0, 1),
            points: points.iter().map(|&(x, y)| Point::new(x, y)).collect(),
        }
    }

    /// Whether the segments `a`–`b` and `c`–`d` cross or touch.
    fn meet(a: Point, b: Point, c: Point, d: Point) -> bool {
        let side = |p: Point, q: Point, r: Point| cross(p.to(q), p.to(r));
        let (d1, d2) = (side(a, b, c), side(a, b, d));
        let (d3, d4) = (side(c, d, a), side(c, d, b));
        d1 * d2 <= 0.0 && d3 * d4 <= 0.0
    }

    fn lines_meet(p: &Way, q: &Way) -> bool {
        p.points
            .windows(2)
            .any(|s| q.points.windows(2).any(|t| meet(s[0], s[1], t[0], t[1])))
    }

    #[test]
    fn at_a_shared_corner_the_tighter_route_goes_inside() {
        // A box to the lower right of the corner (0, 0); the second route
        // (listed first) turns less sharply round it.
        let inward = |p: Point| (p == Point::new(0.0, 0.0)).then_some((1.0, 1.0));
        let mut ways = vec![
            way(&[(200.0, -100.0), (0.0, 0.0), (-100.0, 200.0)]),
            way(&[(200.0, -10.0), (0.0, 0.0), (-10.0, 200.0)]),
        ];
        separate(&mut ways, inward, |_, _, _| true, 4.0);
        assert_eq!(ways[1].points[1], Point::new(0.0, 0.0));
        assert_eq!(ways[0].points[1], Point::new(-4.0, -4.0));
        assert!(!lines_meet(&ways[0], &ways[1]));
    }

    #[test]
    fn routes_along_the_same_legs_keep_their_sides_all_along() {
        // Round the left side of a box from (0, 0) to (100, 50): over its
        // top-left corner, down its side, under its bottom-left corner.
        // The wider route is listed first, and must end up outside at both
        // corners, parallel to the other down the side, crossing it nowhere.
        let inward = |p: Point| match (p.x, p.y) {
            (0.0, 0.0) => Some((1.0, 1.0)),
            (0.0, 50.0) => Some((1.0, -1.0)),
            _ => None,
        };
        let wide = way(&[(150.0, -60.0), (0.0, 0.0), (0.0, 50.0), (150.0, 110.0)]);
        let tight = way(&[(150.0, -5.0), (0.0, 0.0), (0.0, 50.0), (150.0, 55.0)]);
        for reversed in [false, true] {
            // Either way of travel.
            let mut wide = wide.clone();
            if reversed {
                wide.points.reverse();
            }
            let mut ways = vec![wide, tight.clone()];
            separate(&mut ways, inward, |_, _, _| true, 4.0);
            assert_eq!(ways[1], tight);
            let mut corners = ways[0].points[1..3].to_vec();
            if reversed {
                corners.reverse();
            }
            assert_eq!(
                corners,
                vec![Point::new(-4.0, -4.0), Point::new(-4.0, 54.0)]
            );
            assert!(!lines_meet(&ways[0], &ways[1]));
        }
    }

    #[test]
    fn routes_stay_together_where_there_is_no_room_to_part() {
        let inward = |p: Point| (p == Point::new(0.0, 0.0)).then_some((1.0, 1.0));
        let original = vec![
            way(&[(200.0, -100.0), (0.0, 0.0), (-100.0, 200.0)]),
            way(&[(200.0, -10.0), (0.0, 0.0), (-10.0, 200.0)]),
        ];
        // Another shape's clearance covers the square from (-10, -10) to
        // (-2.5, -2.5): a bend moved the full spacing (4) or three quarters
        // of it (3) would be in it.
        let walled = |p: Point| (-10.0..-2.5).contains(&p.x) && (-10.0..-2.5).contains(&p.y);
        let mut ways = original.clone();
        separate(&mut ways, inward, |a, b, _| !walled(a) && !walled(b), 4.0);
        assert_eq!(ways, original);
    }
}
