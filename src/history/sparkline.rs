//! Terminal sparklines (`▁▂▃▄▅▆▇█`): a metric's takes in one line of text.

const BARS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Draws `values` in at most `width` characters. With more values than characters, each
/// character shows the mean of a run of consecutive takes. The lowest value gets the lowest
/// bar and the highest the highest; a flat series is drawn at mid height.
pub fn sparkline(values: &[f64], width: usize) -> String {
    let values: Vec<f64> = values.iter().copied().filter(|v| v.is_finite()).collect();
    if values.is_empty() || width == 0 {
        return String::new();
    }
    let buckets = bucket_means(&values, width);
    let (lo, hi) = buckets
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    let span = hi - lo;
    buckets
        .iter()
        .map(|&v| {
            if span <= f64::EPSILON * hi.abs().max(1.0) {
                BARS[3]
            } else {
                let level = ((v - lo) / span * (BARS.len() - 1) as f64).round() as usize;
                BARS[level.min(BARS.len() - 1)]
            }
        })
        .collect()
}

/// Means of `width` runs of nearly equal length (all values when they fit).
fn bucket_means(values: &[f64], width: usize) -> Vec<f64> {
    if values.len() <= width {
        return values.to_vec();
    }
    (0..width)
        .map(|b| {
            let from = b * values.len() / width;
            let to = ((b + 1) * values.len() / width).max(from + 1);
            let run = &values[from..to];
            run.iter().sum::<f64>() / run.len() as f64
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scales_from_lowest_to_highest_bar() {
        assert_eq!(
            sparkline(&[1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0], 20),
            "▁▂▃▄▅▆▇█"
        );
        assert_eq!(sparkline(&[8.0, 1.0], 20), "█▁");
    }

    #[test]
    fn flat_empty_and_odd_input() {
        assert_eq!(sparkline(&[3.0, 3.0, 3.0], 20), "▄▄▄");
        assert_eq!(sparkline(&[], 20), "");
        assert_eq!(sparkline(&[1.0, f64::NAN, 2.0], 20), "▁█");
        assert_eq!(sparkline(&[1.0, 2.0], 0), "");
    }

    #[test]
    fn long_series_are_averaged_into_the_width() {
        let values: Vec<f64> = (0..1000).map(|i| i as f64).collect();
        let s = sparkline(&values, 10);
        assert_eq!(s.chars().count(), 10);
        assert!(s.starts_with('▁') && s.ends_with('█'), "{s}");
        let means = bucket_means(&[1.0, 3.0, 5.0, 7.0, 9.0], 2);
        assert_eq!(means, [2.0, 7.0]);
    }
}
