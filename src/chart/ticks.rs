//! Where the ticks of an axis go, shared by the window and the exporters so both label the same
//! values: whole years only (never 2,019.5), spaced for their labels, and round values on value
//! axes.

/// Steps between year ticks, in years.
const YEAR_STEPS: [f64; 7] = [1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0];

/// The smallest year step whose ticks stand at least `min_spacing` apart, given how many
/// screen units one year takes.
pub fn year_step(units_per_year: f64, min_spacing: f64) -> f64 {
    YEAR_STEPS
        .into_iter()
        .find(|step| step * units_per_year >= min_spacing)
        .unwrap_or(100.0)
}

/// The multiples of `step` between `min` and `max`.
pub fn multiples(min: f64, max: f64, step: f64) -> Vec<f64> {
    let first = (min / step).ceil() as i64;
    let last = (max / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// A round step (1, 2 or 5 times a power of ten) giving about `target` ticks over `span`.
pub fn nice_step(span: f64, target: f64) -> f64 {
    let raw = (span / target.max(1.0)).max(f64::MIN_POSITIVE);
    let magnitude = 10f64.powf(raw.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude)
}

#[cfg(test)]
#[allow(clippy::float_cmp)] // the steps are exact constants
mod tests {
    use super::*;

    #[test]
    fn year_ticks_are_whole_years_spaced_for_their_labels() {
        assert_eq!(year_step(40.0, 64.0), 2.0);
        assert_eq!(year_step(100.0, 64.0), 1.0);
        assert_eq!(
            multiples(1999.5, 2024.5, 5.0),
            vec![2000.0, 2005.0, 2010.0, 2015.0, 2020.0]
        );
    }

    #[test]
    fn value_steps_are_round() {
        assert_eq!(nice_step(250.0, 5.0), 50.0);
        assert_eq!(nice_step(60.0, 6.0), 10.0);
        assert_eq!(nice_step(0.7, 5.0), 0.2);
    }
}
