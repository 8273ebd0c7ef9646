//! Points and rectangles in canvas units (1 unit = 1 px at 100 % zoom, y
//! grows downward), the coordinates of every figure.

/// A point (or a vector) in canvas units.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    /// The point `(x, y)`.
    pub const fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }

    /// The vector from `self` to `other`.
    pub fn to(self, other: Point) -> Point {
        Point::new(other.x - self.x, other.y - self.y)
    }

    /// `self` moved by `v` scaled by `k`.
    pub fn plus(self, v: Point, k: f64) -> Point {
        Point::new(self.x + v.x * k, self.y + v.y * k)
    }

    /// Length of the vector. (A square root, not libm's `hypot`, which
    /// guards against overflow that canvas coordinates never come near, at
    /// several times the cost: routing links round shapes measures many
    /// lengths.)
    pub fn length(self) -> f64 {
        (self.x * self.x + self.y * self.y).sqrt()
    }

    /// Distance between two points.
    pub fn distance(self, other: Point) -> f64 {
        self.to(other).length()
    }

    /// Distance from this point to the segment `a`–`b`.
    pub fn distance_to_segment(self, a: Point, b: Point) -> f64 {
        let ab = a.to(b);
        let length2 = ab.x * ab.x + ab.y * ab.y;
        let t = if length2 == 0.0 {
            0.0
        } else {
            let ap = a.to(self);
            ((ap.x * ab.x + ap.y * ab.y) / length2).clamp(0.0, 1.0)
        };
        self.distance(a.lerp(b, t))
    }

    /// The vector scaled to length 1; zero stays zero.
    pub fn unit(self) -> Point {
        let l = self.length();
        if l > 0.0 {
            Point::new(self.x / l, self.y / l)
        } else {
            Point::default()
        }
    }

    /// The vector turned a quarter turn (clockwise on screen, where y grows downward).
    pub fn perpendicular(self) -> Point {
        Point::new(-self.y, self.x)
    }

    /// The point a fraction `t` of the way from `self` to `other`.
    pub fn lerp(self, other: Point, t: f64) -> Point {
        Point::new(
            self.x + (other.x - self.x) * t,
            self.y + (other.y - self.y) * t,
        )
    }
}

/// An axis-aligned rectangle, `min` at its top left.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub min: Point,
    pub max: Point,
}

impl Rect {
    /// The rectangle with these corners.
    pub fn from_min_max(min: Point, max: Point) -> Self {
        Rect { min, max }
    }

    /// The rectangle of this size centred on `centre`.
    pub fn from_centre_size(centre: Point, width: f64, height: f64) -> Self {
        Rect {
            min: Point::new(centre.x - width / 2.0, centre.y - height / 2.0),
            max: Point::new(centre.x + width / 2.0, centre.y + height / 2.0),
        }
    }

    /// The smallest rectangle holding every point; `None` when there are none.
    pub fn around(points: impl IntoIterator<Item = Point>) -> Option<Rect> {
        points.into_iter().fold(None, |r: Option<Rect>, p| {
            Some(match r {
                None => Rect::from_min_max(p, p),
                Some(r) => r.including(p),
            })
        })
    }

    /// The rectangle grown to hold `p`.
    pub fn including(self, p: Point) -> Rect {
        Rect {
            min: Point::new(self.min.x.min(p.x), self.min.y.min(p.y)),
            max: Point::new(self.max.x.max(p.x), self.max.y.max(p.y)),
        }
    }

    /// The smallest rectangle holding both.
    pub fn union(self, other: Rect) -> Rect {
        self.including(other.min).including(other.max)
    }

    /// The rectangle grown by `d` on every side.
    pub fn expand(self, d: f64) -> Rect {
        Rect {
            min: Point::new(self.min.x - d, self.min.y - d),
            max: Point::new(self.max.x + d, self.max.y + d),
        }
    }

    /// Width.
    pub fn width(&self) -> f64 {
        self.max.x - self.min.x
    }

    /// Height.
    pub fn height(&self) -> f64 {
        self.max.y - self.min.y
    }

    /// The centre.
    pub fn centre(&self) -> Point {
        self.min.lerp(self.max, 0.5)
    }

    /// Whether the two rectangles share more than an edge.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.min.x < other.max.x
            && other.min.x < self.max.x
            && self.min.y < other.max.y
            && other.min.y < self.max.y
    }

    /// Whether `other` lies wholly inside (edges included).
    pub fn contains_rect(&self, other: &Rect) -> bool {
        self.min.x <= other.min.x
            && self.min.y <= other.min.y
            && other.max.x <= self.max.x
            && other.max.y <= self.max.y
    }

    /// Whether the segment from `a` to `b` meets the rectangle (edges
    /// included): Liang–Barsky clipping.
    #[inline]
    pub fn meets_segment(&self, a: Point, b: Point) -> bool {
        let r = self;
        let d = a.to(b);
        let (mut t0, mut t1) = (0.0_f64, 1.0_f64);
        for (p, q) in [
            (-d.x, a.x - r.min.x),
            (d.x, r.max.x - a.x),
            (-d.y, a.y - r.min.y),
            (d.y, r.max.y - a.y),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return false;
                }
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_meet_rectangles_they_cross() {
        let r = Rect::from_min_max(Point::new(0.0, 0.0), Point::new(10.0, 10.0));
        assert!(r.meets_segment(Point::new(-5.0, 5.0), Point::new(15.0, 5.0)));
        assert!(r.meets_segment(Point::new(2.0, 2.0), Point::new(3.0, 3.0)));
        assert!(!r.meets_segment(Point::new(-5.0, -5.0), Point::new(15.0, -1.0)));
        assert!(!r.meets_segment(Point::new(11.0, 0.0), Point::new(20.0, 10.0)));
    }

    #[test]
    fn rectangles_grow_to_hold_points_and_each_other() {
        let r = Rect::around([Point::new(1.0, 5.0), Point::new(-2.0, 3.0)]).unwrap();
        assert_eq!(
            r,
            Rect::from_min_max(Point::new(-2.0, 3.0), Point::new(1.0, 5.0))
        );
        assert!(Rect::around([]).is_none());
        let u = r.union(Rect::from_centre_size(Point::new(10.0, 10.0), 2.0, 2.0));
        assert_eq!((u.width(), u.height()), (13.0, 8.0));
        assert!(u.contains_rect(&r));
        assert!(!r.overlaps(&Rect::from_centre_size(Point::new(10.0, 10.0), 2.0, 2.0)));
    }
}
