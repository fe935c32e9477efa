//! Where the ticks of an axis go, shared by the window and the exporters so both label the same
//! values: whole years only (never 2,019.5) on axes of years, years, quarters, months or days on
//! other time axes as the span asks, spaced for their labels, and round values on value axes.

use crate::data::IsoDate;

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

/// The step between ticks of a time axis that is not years alone (months, days).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TimeStep {
    Days(u32),
    Months(u32),
    Years(f64),
}

/// Time steps, finest first.
const TIME_STEPS: [TimeStep; 10] = [
    TimeStep::Days(1),
    TimeStep::Days(2),
    TimeStep::Days(7),
    TimeStep::Days(14),
    TimeStep::Months(1),
    TimeStep::Months(3),
    TimeStep::Months(6),
    TimeStep::Years(1.0),
    TimeStep::Years(2.0),
    TimeStep::Years(5.0),
];

impl TimeStep {
    /// The step's length in years, about (months and days differ in length).
    pub fn years(self) -> f64 {
        match self {
            Self::Days(days) => f64::from(days) / 365.25,
            Self::Months(months) => f64::from(months) / 12.0,
            Self::Years(years) => years,
        }
    }

    /// The step whose length in years is `years`, as [`TimeStep::years`] gives it: the window's
    /// grid marks carry only their step's length.
    pub fn from_years(years: f64) -> Self {
        TIME_STEPS
            .into_iter()
            .find(|step| (step.years() - years).abs() < 1e-9)
            .unwrap_or(Self::Years(years.max(1.0)))
    }
}

/// The finest time a chart's x values stand for: no tick falls between two of its months.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    Month,
    Day,
}

/// The finest time step whose ticks stand at least `min_spacing` apart, given how many screen
/// units one year takes: months when a chart of months is wide enough, days (for daily data)
/// when zoomed in.
pub fn time_step(units_per_year: f64, min_spacing: f64, resolution: Resolution) -> TimeStep {
    TIME_STEPS
        .into_iter()
        .filter(|step| resolution == Resolution::Day || !matches!(step, TimeStep::Days(_)))
        .find(|step| step.years() * units_per_year >= min_spacing)
        .unwrap_or_else(|| TimeStep::Years(year_step(units_per_year, min_spacing)))
}

/// The ticks of `step` between `min` and `max` (fractional years): the first of each month for
/// months, chosen days of each month for days.
pub fn time_ticks(min: f64, max: f64, step: TimeStep) -> Vec<f64> {
    let months = |every: u32| -> Vec<IsoDate> {
        let first = IsoDate::from_fractional_year(min.max(-9999.0));
        let (mut year, mut month) = (first.year, first.month);
        let mut dates = Vec::new();
        while f64::from(year) <= max + 1.0 && dates.len() < 10_000 {
            if (month - 1) % every == 0
                && let Some(date) = IsoDate::new(year, month, 1)
            {
                dates.push(date);
            }
            month += 1;
            if month > 12 {
                (year, month) = (year + 1, 1);
            }
        }
        dates
    };
    let dates: Vec<IsoDate> = match step {
        TimeStep::Years(years) => return multiples(min, max, years),
        TimeStep::Months(every) => months(every),
        TimeStep::Days(every) => months(1)
            .into_iter()
            .flat_map(|start| {
                let last = start.days_in_month();
                // The last tick of a month leaves room before the next month's first.
                (1..=last)
                    .filter(move |day| {
                        (day - 1) % every == 0 && (*day == 1 || day + every / 2 <= last)
                    })
                    .filter_map(move |day| IsoDate::new(start.year, start.month, day))
            })
            .collect(),
    };
    dates
        .into_iter()
        .map(IsoDate::fractional_year)
        .filter(|x| (min..=max).contains(x))
        .collect()
}

/// The label of a time tick: `2024` for years; `Jan 2024`, `Apr` for months; `16 May` for days,
/// with the year on the first tick shown and where a year begins.
pub fn time_label(x: f64, step: TimeStep, first: bool) -> String {
    // A tick a hair before midnight of its day still names that day.
    let date = IsoDate::from_fractional_year(x + 1e-9);
    let month = &crate::data::month_name(date.month)[..3];
    let new_year = date.month == 1 && date.day == 1;
    match step {
        TimeStep::Years(_) => format!("{}", date.year),
        TimeStep::Months(_) if first || new_year => format!("{month} {}", date.year),
        TimeStep::Months(_) => month.to_owned(),
        TimeStep::Days(_) if first || new_year => format!("{} {month} {}", date.day, date.year),
        TimeStep::Days(_) => format!("{} {month}", date.day),
    }
}

/// Ticks of a logarithmic axis between `min` and `max` (both positive): 1, 2 and 5 times each
/// power of ten, or the powers of ten alone over a span of more than four.
pub fn log_ticks(min: f64, max: f64) -> Vec<f64> {
    if !(min > 0.0 && max > min) {
        return Vec::new();
    }
    let (low, high) = (min.log10().floor() as i32, max.log10().ceil() as i32);
    let multiples: &[f64] = if high - low > 4 {
        &[1.0]
    } else {
        &[1.0, 2.0, 5.0]
    };
    (low..=high)
        .flat_map(|power| multiples.iter().map(move |m| m * 10f64.powi(power)))
        .filter(|value| (min..=max).contains(value))
        .collect()
}

/// The multiples of `step` between `min` and `max`.
pub fn multiples(min: f64, max: f64, step: f64) -> Vec<f64> {
    let first = (min / step).ceil() as i64;
    let last = (max / step).floor() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// How many ticks a value axis gets, on screen and in exports: a readable handful.
pub const VALUE_TICKS: f64 = 6.0;

/// The ticks of a value axis from `min` to `max`: multiples of a round step, about
/// [`VALUE_TICKS`] of them.
pub fn value_ticks(min: f64, max: f64) -> (Vec<f64>, f64) {
    let step = nice_step(max - min, VALUE_TICKS);
    (multiples(min, max, step), step)
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
    fn time_ticks_follow_the_span_from_years_to_days() {
        // Two years of months on 600 points: quarters, labelled with the year where it begins.
        let step = time_step(300.0, 64.0, Resolution::Month);
        assert_eq!(step, TimeStep::Months(3));
        let ticks = time_ticks(2023.0, 2024.99, step);
        let labels: Vec<String> = ticks
            .iter()
            .enumerate()
            .map(|(i, &x)| time_label(x, step, i == 0))
            .collect();
        assert_eq!(
            labels,
            [
                "Jan 2023", "Apr", "Jul", "Oct", "Jan 2024", "Apr", "Jul", "Oct"
            ]
        );
        // Half a year of days on 1,000 points: weeks, never one lone "2024".
        let step = time_step(2000.0, 64.0, Resolution::Day);
        assert_eq!(step, TimeStep::Days(14));
        let may = IsoDate::new(2024, 5, 1).unwrap().fractional_year();
        let ticks = time_ticks(may, may + 0.5, step);
        assert!(ticks.len() >= 12, "{ticks:?}");
        assert_eq!(time_label(ticks[0], step, true), "1 May 2024");
        assert_eq!(time_label(ticks[1], step, false), "15 May");
        // Twenty years: years.
        assert_eq!(time_step(30.0, 64.0, Resolution::Day), TimeStep::Years(5.0));
        // Months never get ticks between them.
        assert_eq!(
            time_step(2000.0, 64.0, Resolution::Month),
            TimeStep::Months(1)
        );
        assert_eq!(TimeStep::from_years(0.25), TimeStep::Months(3));
    }

    #[test]
    fn log_ticks_step_one_two_five() {
        assert_eq!(
            log_ticks(4.0, 300.0),
            vec![5.0, 10.0, 20.0, 50.0, 100.0, 200.0]
        );
        assert_eq!(
            log_ticks(0.5, 2e6),
            vec![1.0, 10.0, 100.0, 1e3, 1e4, 1e5, 1e6]
        );
        assert!(log_ticks(-1.0, 10.0).is_empty());
    }

    #[test]
    fn value_steps_are_round() {
        assert_eq!(nice_step(250.0, 5.0), 50.0);
        assert_eq!(nice_step(60.0, 6.0), 10.0);
        assert_eq!(nice_step(0.7, 5.0), 0.2);
    }
}
