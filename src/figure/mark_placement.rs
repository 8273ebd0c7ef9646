//! Where a link's polarity mark goes: the middle of its visible line (of
//! its first or last leg when it goes round shapes), unless a shape would
//! cover the mark there, or another link's line pass under it; then the
//! place along the line nearest the middle where the mark is clear of them.
//! A mark hidden behind a shape would hide whether the link is negative or
//! unclear; a mark over another link's line could be read as that link's,
//! and hides where that link goes.

use std::collections::HashMap;

use super::geometry::{Point, Rect};
use super::line_grid::LinkLines;
use super::link_figure::PolarityMark;
use super::link_geometry::LinkPath;
use super::shape_grid::ShapeGrid;
use super::style::FigureStyle;
use crate::model::Polarity;

/// Places tried along a link's path (0 at the source's border, 1 at the
/// arrowhead), after its middle: nearest the middle first, every fortieth
/// of the path, and never so near an end that the mark would sit on the
/// arrowhead or the end's shape.
const TRIED: [f64; 24] = [
    0.475, 0.525, 0.45, 0.55, 0.425, 0.575, 0.4, 0.6, 0.375, 0.625, 0.35, 0.65, 0.325, 0.675, 0.3,
    0.7, 0.275, 0.725, 0.25, 0.75, 0.225, 0.775, 0.2, 0.8,
];

/// The marks placed so far (their boxes), in a grid of square cells, so
/// that a place is tested only against the marks near it: a large web has
/// thousands of marks, each trying up to 27 places.
#[derive(Debug, Default)]
pub struct PlacedMarks {
    cells: HashMap<(i64, i64), Vec<Rect>>,
}

/// Side of a cell of [`PlacedMarks`] (a few marks wide).
const MARK_CELL: f64 = 64.0;

impl PlacedMarks {
    /// Adds a mark's box.
    pub fn push(&mut self, area: Rect) {
        for key in Self::keys(&area) {
            self.cells.entry(key).or_default().push(area);
        }
    }

    /// Whether a mark placed so far overlaps `area`.
    pub fn overlap(&self, area: &Rect) -> bool {
        Self::keys(area).any(|key| {
            self.cells
                .get(&key)
                .is_some_and(|marks| marks.iter().any(|m| m.overlaps(area)))
        })
    }

    /// Forgets every mark.
    pub fn clear(&mut self) {
        self.cells.clear();
    }

    /// The cells `area` overlaps.
    fn keys(area: &Rect) -> impl Iterator<Item = (i64, i64)> {
        let cell = |v: f64| (v / MARK_CELL).floor() as i64;
        let (x0, x1) = (cell(area.min.x), cell(area.max.x));
        let (y0, y1) = (cell(area.min.y), cell(area.max.y));
        (x0..=x1).flat_map(move |x| (y0..=y1).map(move |y| (x, y)))
    }
}

/// At most this many places are tried beyond [`TRIED`] towards each end
/// ([`near_ends`]): the room next to a shape, not the whole of a long link
/// (in a web of thousands of long links, where many marks find no place
/// clear of other lines, trying all of them added 18 % to the instructions
/// of the 5,000-node web's SVG export; 12 add 4.5 %).
const NEAR_END_PLACES: usize = 12;

/// Empty space kept between a mark's circle and a shape.
const CLEARANCE: f64 = 2.0;

/// One mark to place: the link's path, the middle of its visible line, the
/// mark's radius, and the link's source and target nodes (whose line in
/// [`LinkLines`] is its own).
#[derive(Debug, Clone, Copy)]
pub struct MarkRequest<'a> {
    pub path: &'a LinkPath,
    pub middle: Point,
    pub radius: f64,
    pub ends: (usize, usize),
    /// Length of the link's arrowhead, which a mark must leave clear.
    pub head: f64,
}

/// Where the mark goes: the middle, or the place nearest it along the path
/// where the mark (with a little clearance) meets no shape of `shapes`, no
/// mark already placed (`taken`) and no other link's line of `lines`;
/// failing that, of the places that only lines pass, the one where lines
/// crossing the link pass furthest from the mark's centre (nearest the
/// middle of equals; lines alongside it, as routed links through one gap
/// run, do not count): a mark on a crossing reads as the other link's;
/// then the first clear of the shapes; the middle when there is none.
pub fn mark_place(
    request: &MarkRequest<'_>,
    shapes: &ShapeGrid,
    taken: &PlacedMarks,
    lines: &LinkLines,
) -> Point {
    let side = 2.0 * (request.radius + CLEARANCE);
    let around = |p: &Point| Rect::from_centre_size(*p, side, side);
    let clear = |p: &Point| !shapes.meets(&around(p));
    let apart = |p: &Point| !taken.overlap(&around(p));
    let alone = |p: &Point| !lines.pass_near(*p, request.radius, request.ends);
    // How far from the centre the nearest line crossing the link's own
    // passes, in quarters of the radius (0: within a quarter; 4: beyond the
    // circle, only lines alongside it pass).
    let room = |p: &Point| {
        lines
            .nearest_crossing(*p, request.radius, request.ends)
            .map_or(4, |d| (4.0 * d / request.radius).floor() as usize)
    };
    // Tried in order, and only as far as needed (most marks stay at the
    // first place), each tested only as far as needed: the first clear of
    // all, else the first clear of shapes and marks, else the first clear
    // of shapes.
    let places = own_legs(request.path, request.radius)
        .into_iter()
        .chain([request.middle])
        .chain(TRIED.iter().map(|&t| request.path.point_at(t)))
        // Measured (the path's length) only if the places before fail.
        .chain(std::iter::once(request).flat_map(near_ends));
    let (mut clear_of_shapes, mut least_crossed) = (None, None::<(Point, usize)>);
    for p in places {
        if !clear(&p) {
            continue;
        }
        clear_of_shapes.get_or_insert(p);
        if !apart(&p) {
            continue;
        }
        if alone(&p) {
            return p;
        }
        if least_crossed.is_none_or(|(_, best)| best < 4) {
            let here = room(&p);
            if least_crossed.is_none_or(|(_, best)| here > best) {
                least_crossed = Some((p, here));
            }
        }
    }
    least_crossed
        .map(|(p, _)| p)
        .or(clear_of_shapes)
        .unwrap_or(request.middle)
}

/// Places beyond the fifth of the path that [`TRIED`] leaves at each end,
/// a mark's radius apart, out to where the mark would meet the source's
/// border or the arrowhead, or [`NEAR_END_PLACES`] of them: a long link has
/// room there that a fraction of a short one's does not. Tried last,
/// nearest [`TRIED`]'s first.
fn near_ends<'a>(request: &'a MarkRequest<'a>) -> impl Iterator<Item = Point> + 'a {
    let line = request.path.polyline(16);
    let length: f64 = line.windows(2).map(|w| w[0].distance(w[1])).sum();
    let step = request.radius / length.max(f64::EPSILON);
    let keep = |from_end: f64| (from_end + request.radius + CLEARANCE) / length.max(f64::EPSILON);
    let (first, last) = (keep(0.0), 1.0 - keep(request.head));
    let steps = (((0.2 - first) / step).max(0.0).floor() as usize).min(NEAR_END_PLACES);
    (1..=steps).flat_map(move |i| {
        let (before, after) = (0.2 - i as f64 * step, 0.8 + i as f64 * step);
        [before, after]
            .into_iter()
            .filter(move |&t| t >= first && t <= last)
            .map(|t| request.path.point_at(t))
    })
}

/// For a link routed round shapes: the middles of its first and last legs,
/// the longer first, where they have room for a mark of `radius` clear of
/// the corners. Routes that pass the same gap between shapes share their
/// legs there, so a mark in the middle of the route could sit on several
/// links at once; a link's first and last legs are its own.
fn own_legs(path: &LinkPath, radius: f64) -> Vec<Point> {
    let Some(bends) = &path.bends else {
        return Vec::new();
    };
    let (Some(&first), Some(&last)) = (bends.first(), bends.last()) else {
        return Vec::new();
    };
    let mut legs = [(path.start, first), (last, path.end)];
    let length = |(a, b): (Point, Point)| a.distance(b);
    if length(legs[1]) > length(legs[0]) {
        legs.swap(0, 1);
    }
    legs.into_iter()
        .filter(|&leg| length(leg) >= 6.0 * radius)
        .map(|(a, b)| a.lerp(b, 0.5))
        .collect()
}

/// The mark of a link of `polarity` (`None` for a positive one) whose path
/// and visible middle are `path` and `middle`: placed by [`mark_place`]
/// when the shapes are known (apart from the marks in `taken`, to which it
/// is added, and off the other links' lines of `lines`; its own link runs
/// between the nodes `ends`), else at the middle.
pub fn placed_mark(
    polarity: Polarity,
    (path, ends): (&LinkPath, (usize, usize)),
    middle: Point,
    style: &FigureStyle,
    shapes: Option<&ShapeGrid>,
    lines: &LinkLines,
    taken: &mut PlacedMarks,
) -> Option<PolarityMark> {
    let at = |centre| PolarityMark::of(polarity, centre, style.mark_font_size, style.background);
    let mark = at(middle)?;
    match shapes {
        Some(grid) => {
            let placed = at(mark_place(
                &MarkRequest {
                    path,
                    middle,
                    radius: mark.radius,
                    ends,
                    head: style.arrow_length,
                },
                grid,
                taken,
                lines,
            ))?;
            taken.push(placed.bounds());
            Some(placed)
        }
        None => Some(mark),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn straight(from: Point, to: Point) -> LinkPath {
        LinkPath::straight(from, to)
    }

    /// A mark of radius 9 for the link from node 0 to node 1 along `path`,
    /// its arrowhead 11 long.
    fn request(path: &LinkPath, middle: Point) -> MarkRequest<'_> {
        MarkRequest {
            path,
            middle,
            radius: 9.0,
            ends: (0, 1),
            head: 11.0,
        }
    }

    #[test]
    fn a_mark_moves_off_a_shape_over_the_middle_of_its_link() {
        let path = straight(Point::new(0.0, 0.0), Point::new(200.0, 0.0));
        let request = request(&path, Point::new(100.0, 0.0));
        let none = LinkLines::default();
        // Nothing in the way: the middle.
        let empty = ShapeGrid::new(vec![]);
        assert_eq!(
            mark_place(&request, &empty, &PlacedMarks::default(), &none),
            Point::new(100.0, 0.0)
        );
        // A box over the middle (x 80 to 120): the nearest clear place.
        let shapes = ShapeGrid::new(vec![Rect::from_min_max(
            Point::new(80.0, -20.0),
            Point::new(120.0, 20.0),
        )]);
        let placed = mark_place(&request, &shapes, &PlacedMarks::default(), &none);
        assert_eq!(placed, Point::new(65.0, 0.0));
        assert!(!shapes.meets(&Rect::from_centre_size(placed, 22.0, 22.0)));
        // The whole line covered: the middle, as before.
        let covered = ShapeGrid::new(vec![Rect::from_min_max(
            Point::new(-10.0, -20.0),
            Point::new(210.0, 20.0),
        )]);
        assert_eq!(
            mark_place(&request, &covered, &PlacedMarks::default(), &none),
            Point::new(100.0, 0.0)
        );
    }

    #[test]
    fn a_long_link_covered_but_near_its_ends_has_its_mark_there() {
        // A link 400 long with a box over all of it but 60 at each end:
        // the fifths of the path kept from each end (80) leave no clear
        // place; nearer the source there is room, clear of the source's
        // border (the mark's radius and clearance from it) and, at the
        // target, of the arrowhead (its length more).
        let path = straight(Point::new(0.0, 0.0), Point::new(400.0, 0.0));
        let request = request(&path, Point::new(200.0, 0.0));
        let shapes = ShapeGrid::new(vec![Rect::from_min_max(
            Point::new(60.0, -20.0),
            Point::new(340.0, 20.0),
        )]);
        let placed = mark_place(
            &request,
            &shapes,
            &PlacedMarks::default(),
            &LinkLines::default(),
        );
        assert!(
            !shapes.meets(&Rect::from_centre_size(placed, 22.0, 22.0)),
            "{placed:?}"
        );
        assert!(placed.x >= 11.0 && placed.x < 60.0, "{placed:?}");
        // A mark already there: the other end, short of the arrowhead.
        let mut taken = PlacedMarks::default();
        taken.push(Rect::from_min_max(
            Point::new(0.0, -20.0),
            Point::new(60.0, 20.0),
        ));
        let placed = mark_place(&request, &shapes, &taken, &LinkLines::default());
        assert!(placed.x > 340.0 && placed.x <= 400.0 - 22.0, "{placed:?}");
    }

    #[test]
    fn a_routed_link_has_its_mark_on_a_leg_of_its_own() {
        // Down 100 from the source, 300 across where routes gather, then
        // 200 down into the target.
        let path = LinkPath {
            start: Point::new(0.0, 0.0),
            control: None,
            bends: Some(vec![Point::new(0.0, 100.0), Point::new(300.0, 100.0)].into()),
            end: Point::new(300.0, 300.0),
        };
        let request = request(&path, path.point_at(0.5));
        let none = LinkLines::default();
        // The longer of the first and last legs, at its middle.
        let empty = ShapeGrid::new(vec![]);
        assert_eq!(
            mark_place(&request, &empty, &PlacedMarks::default(), &none),
            Point::new(300.0, 200.0)
        );
        // A shape there: the other leg's middle.
        let shapes = ShapeGrid::new(vec![Rect::from_centre_size(
            Point::new(300.0, 200.0),
            40.0,
            40.0,
        )]);
        assert_eq!(
            mark_place(&request, &shapes, &PlacedMarks::default(), &none),
            Point::new(0.0, 50.0)
        );
    }

    #[test]
    fn a_mark_moves_off_another_links_line_along_its_own() {
        // Its own link from node 0 to node 1 along y = 0; another, from
        // node 2 to node 3, crosses it at its middle, and a third, from
        // node 0 to node 1 too, runs on the same line (drawn as one line).
        let path = straight(Point::new(0.0, 0.0), Point::new(200.0, 0.0));
        let across = straight(Point::new(100.0, -80.0), Point::new(100.0, 80.0));
        let lines = LinkLines::new([((0, 1), &path), ((2, 3), &across), ((0, 1), &path)]);
        let request = request(&path, Point::new(100.0, 0.0));
        let empty = ShapeGrid::new(vec![]);
        // The nearest place where the crossing line passes the mark's
        // circle by its radius or more: 10 units from the middle.
        assert_eq!(
            mark_place(&request, &empty, &PlacedMarks::default(), &lines),
            Point::new(90.0, 0.0)
        );
        // A link of its own ends is not another's.
        let alone = LinkLines::new([((0, 1), &path)]);
        assert_eq!(
            mark_place(&request, &empty, &PlacedMarks::default(), &alone),
            Point::new(100.0, 0.0)
        );
        // Every place along it crossed (lines every 10 units, one through
        // the middle): not on a crossing, but between two lines, 5 units
        // from the middle, where they pass half a radius from the centre.
        let crossing: Vec<LinkPath> = (0..=20)
            .map(|k| {
                let x = 10.0 * k as f64;
                straight(Point::new(x, -80.0), Point::new(x, 80.0))
            })
            .collect();
        let lines = LinkLines::new(crossing.iter().enumerate().map(|(k, p)| ((2 + k, 1), p)));
        assert_eq!(
            mark_place(&request, &empty, &PlacedMarks::default(), &lines),
            Point::new(95.0, 0.0)
        );
    }

    #[test]
    fn a_mark_beside_lines_alongside_its_own_keeps_off_a_crossing() {
        // Another link runs alongside its own the whole way (4 units off,
        // as routed links through one gap do), so no place is free of
        // lines; a third crosses at the middle. The mark goes where the
        // crossing line passes outside its circle, not on the crossing.
        let path = straight(Point::new(0.0, 0.0), Point::new(200.0, 0.0));
        let alongside = straight(Point::new(0.0, 4.0), Point::new(200.0, 4.0));
        let across = straight(Point::new(100.0, -80.0), Point::new(100.0, 80.0));
        let lines = LinkLines::new([((0, 1), &path), ((2, 3), &alongside), ((4, 5), &across)]);
        let request = request(&path, Point::new(100.0, 0.0));
        let empty = ShapeGrid::new(vec![]);
        assert_eq!(
            mark_place(&request, &empty, &PlacedMarks::default(), &lines),
            Point::new(90.0, 0.0)
        );
        // Without the crossing line, the middle does.
        let lines = LinkLines::new([((0, 1), &path), ((2, 3), &alongside)]);
        assert_eq!(
            mark_place(&request, &empty, &PlacedMarks::default(), &lines),
            Point::new(100.0, 0.0)
        );
    }

    #[test]
    fn placed_marks_overlap_as_testing_every_mark_does() {
        // Boxes of a mark's size on a jittered lattice, some negative, some
        // straddling cells; queries all around them.
        let at = |i: i32, j: i32| {
            let jitter = ((i * 7919 + j * 104_729) % 97) as f64 / 97.0 * 40.0;
            Point::new(
                f64::from(i) * 37.0 - 200.0 + jitter,
                f64::from(j) * 29.0 - 150.0,
            )
        };
        let boxes: Vec<Rect> = (0..12)
            .flat_map(|i| (0..12).map(move |j| (i, j)))
            .filter(|(i, j)| (i + j) % 3 != 0)
            .map(|(i, j)| Rect::from_centre_size(at(i, j), 22.0, 22.0))
            .collect();
        let mut placed = PlacedMarks::default();
        for b in &boxes {
            placed.push(*b);
        }
        let mut overlapping = 0;
        for i in -3..40 {
            for j in -3..40 {
                let area = Rect::from_centre_size(
                    Point::new(f64::from(i) * 11.3 - 230.0, f64::from(j) * 9.7 - 180.0),
                    22.0,
                    22.0,
                );
                let expected = boxes.iter().any(|b| b.overlaps(&area));
                assert_eq!(placed.overlap(&area), expected, "{area:?}");
                overlapping += usize::from(expected);
            }
        }
        assert!(overlapping > 100, "{overlapping}");
        placed.clear();
        assert!(!placed.overlap(&boxes[0]));
    }
}
