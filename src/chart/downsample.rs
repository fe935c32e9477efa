//! Thinning a line of millions of points to what the screen can show: per pixel column, the
//! lowest and the highest point, in x order. The line drawn from them covers exactly the pixels
//! the full line would, while `egui_plot` is handed a few thousand points instead of millions.

/// Lines with at most this many points per pixel column are drawn whole.
const POINTS_PER_COLUMN: usize = 2;

/// The points of `points` (sorted by x) worth drawing between `x_min` and `x_max` on a plot
/// `columns` pixels wide: the lowest and highest of each column, and the nearest point beyond
/// each edge so the line runs on to the frame.
pub fn min_max_per_column<P>(
    points: &[P],
    xy: impl Fn(&P) -> [f64; 2],
    x_min: f64,
    x_max: f64,
    columns: usize,
) -> Vec<[f64; 2]> {
    let start = points
        .partition_point(|p| xy(p)[0] < x_min)
        .saturating_sub(1);
    let end = (points.partition_point(|p| xy(p)[0] <= x_max) + 1).min(points.len());
    if start >= end {
        return Vec::new();
    }
    let visible: Vec<[f64; 2]> = points[start..end].iter().map(&xy).collect();
    let columns = columns.max(1);
    if visible.len() <= columns * POINTS_PER_COLUMN || x_max <= x_min {
        return visible;
    }
    let column_width = (x_max - x_min) / columns as f64;
    let column_of = |x: f64| {
        ((x - x_min) / column_width)
            .floor()
            .clamp(-1.0, columns as f64) as i64
    };
    let mut kept = Vec::with_capacity(columns * 2 + 2);
    let mut current = column_of(visible[0][0]);
    let (mut low, mut high) = (0, 0);
    let flush = |kept: &mut Vec<[f64; 2]>, low: usize, high: usize| {
        let (first, second) = if low <= high {
            (low, high)
        } else {
            (high, low)
        };
        kept.push(visible[first]);
        if second != first {
            kept.push(visible[second]);
        }
    };
    for (index, point) in visible.iter().enumerate().skip(1) {
        let column = column_of(point[0]);
        if column == current {
            if point[1] < visible[low][1] {
                low = index;
            }
            if point[1] > visible[high][1] {
                high = index;
            }
        } else {
            flush(&mut kept, low, high);
            current = column;
            low = index;
            high = index;
        }
    }
    flush(&mut kept, low, high);
    kept
}

#[cfg(test)]
mod tests {
    use super::min_max_per_column;

    #[test]
    fn keeps_each_columns_extremes_in_order() {
        let points: Vec<[f64; 2]> = (0..1_000_000)
            .map(|i| {
                let x = f64::from(i) / 1000.0;
                [x, (x * 7.0).sin() + if i == 500_123 { 50.0 } else { 0.0 }]
            })
            .collect();
        let kept = min_max_per_column(&points, |p| *p, 0.0, 1000.0, 800);
        assert!(kept.len() <= 2 * 802, "{}", kept.len());
        assert!(kept.windows(2).all(|w| w[0][0] <= w[1][0]));
        // The one spike survives thinning.
        assert!(kept.iter().any(|p| p[1] > 49.0));
        let low = kept.iter().map(|p| p[1]).fold(f64::INFINITY, f64::min);
        assert!(low < -0.999);
    }

    #[test]
    fn a_zoomed_view_keeps_only_what_is_in_it_plus_one_beyond_each_edge() {
        let points: Vec<[f64; 2]> = (0..100).map(|i| [f64::from(i), f64::from(i)]).collect();
        let kept = min_max_per_column(&points, |p| *p, 10.0, 20.0, 800);
        assert_eq!(kept.first(), Some(&[9.0, 9.0]));
        assert_eq!(kept.last(), Some(&[21.0, 21.0]));
        assert_eq!(kept.len(), 13);
    }
}
