/// Pairs of axis-aligned boxes that may intersect, found with a uniform grid:
/// each box is entered in every cell it covers, so the cost is about linear
/// in the number of boxes when they are of similar size.
///
/// Boxes are given by centre and half size. The pairs `(i, j)` with `i < j`
/// come out sorted and without repeats; every pair of intersecting boxes is
/// among them (some returned pairs may not intersect).
pub(crate) fn candidate_pairs(centres: &[(f64, f64)], halves: &[(f64, f64)]) -> Vec<(u32, u32)> {
    let n = centres.len();
    if n < 2 {
        return Vec::new();
    }
    let (mut sum_w, mut sum_h) = (0.0, 0.0);
    for &(hw, hh) in halves {
        sum_w += 2.0 * hw;
        sum_h += 2.0 * hh;
    }
    let cell_w = (sum_w / n as f64).max(1.0);
    let cell_h = (sum_h / n as f64).max(1.0);
    let mut entries: Vec<(u64, u32)> = Vec::with_capacity(n * 2);
    for (i, (&(x, y), &(hw, hh))) in centres.iter().zip(halves).enumerate() {
        let x0 = cell_index(x - hw, cell_w);
        let x1 = cell_index(x + hw, cell_w);
        let y0 = cell_index(y - hh, cell_h);
        let y1 = cell_index(y + hh, cell_h);
        for cx in x0..=x1 {
            for cy in y0..=y1 {
                entries.push((cell_key(cx, cy), i as u32));
            }
        }
    }
    entries.sort_unstable();
    let mut pairs = Vec::new();
    let mut start = 0;
    while start < entries.len() {
        let key = entries[start].0;
        let mut end = start + 1;
        while end < entries.len() && entries[end].0 == key {
            end += 1;
        }
        for a in start..end {
            for b in a + 1..end {
                let (i, j) = (entries[a].1, entries[b].1);
                if i != j {
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
        start = end;
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// The cell of a coordinate, clamped so that absurdly far shapes share the
/// outermost cells instead of overflowing.
fn cell_index(v: f64, cell: f64) -> i64 {
    let c = (v / cell).floor();
    if c.is_nan() {
        0
    } else {
        c.clamp(-1.0e9, 1.0e9) as i64
    }
}

fn cell_key(cx: i64, cy: i64) -> u64 {
    (((cx as u64) & 0xFFFF_FFFF) << 32) | ((cy as u64) & 0xFFFF_FFFF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_touching_boxes_and_skips_distant_ones() {
        let centres = [(0.0, 0.0), (15.0, 0.0), (500.0, 500.0)];
        let halves = [(10.0, 5.0), (10.0, 5.0), (10.0, 5.0)];
        assert_eq!(candidate_pairs(&centres, &halves), vec![(0, 1)]);
    }
}
