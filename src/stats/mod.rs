//! The numbers behind the story: growth, compound growth, balance, the gap between China's and
//! Russia's figures, a least-squares trend with its confidence band and a Chow test for a break
//! in the trend. Where there are too few points for a test the result says so instead of
//! printing a number. No egui here: the window and the command line both call this.

pub mod distributions;

use std::collections::BTreeMap;

use polars::prelude::*;
use serde::Serialize;

use crate::data::Bundle;
use crate::data::Reporter;
use crate::data::trade::columns;

/// The smallest sample a regression with two parameters can be judged on.
const MIN_POINTS_FOR_TREND: usize = 3;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StatsError {
    #[error(
        "{what} needs at least {needed} years with data, and {found} are in range; widen the range"
    )]
    TooFewPoints {
        what: &'static str,
        needed: usize,
        found: usize,
    },
    #[error(
        "there is no China-customs total for {year} (years with data: {available}); choose one of them"
    )]
    MissingYear { year: i32, available: String },
    #[error("the range {from}–{to} is empty: the first year must come before the last")]
    EmptyRange { from: i32, to: i32 },
    #[error("the trade table could not be read: {0}")]
    Table(String),
}

/// A p-value as people report it after "p": "= 0.045", or "< 0.001" rather than a row of
/// zeros.
pub fn p_value_clause(p: f64) -> String {
    if p < 0.001 {
        "< 0.001".to_owned()
    } else {
        format!("= {p:.3}")
    }
}

/// Compound annual growth from `start` to `end` over `years` years, in percent.
pub fn cagr_pct(start: f64, end: f64, years: f64) -> Option<f64> {
    (start > 0.0 && end > 0.0 && years > 0.0)
        .then(|| ((end / start).powf(1.0 / years) - 1.0) * 100.0)
}

/// An ordinary least-squares line y = intercept + slope·x, with what is needed for its 95%
/// confidence intervals.
#[derive(Debug, Clone, PartialEq)]
pub struct Trend {
    pub slope: f64,
    pub intercept: f64,
    pub r2: f64,
    pub slope_ci95: (f64, f64),
    pub points: usize,
    residual_standard_error: f64,
    x_mean: f64,
    x_sum_of_squares: f64,
    t_critical: f64,
}

impl Trend {
    pub fn fitted(&self, x: f64) -> f64 {
        self.intercept + self.slope * x
    }

    /// The 95% confidence band of the fitted line (of the mean, not of a single year) at `x`.
    pub fn band(&self, x: f64) -> (f64, f64) {
        let n = self.points as f64;
        let half_width = self.t_critical
            * self.residual_standard_error
            * (1.0 / n + (x - self.x_mean).powi(2) / self.x_sum_of_squares).sqrt();
        let fitted = self.fitted(x);
        (fitted - half_width, fitted + half_width)
    }
}

fn sum_of_squared_residuals(points: &[(f64, f64)], slope: f64, intercept: f64) -> f64 {
    points
        .iter()
        .map(|(x, y)| (y - intercept - slope * x).powi(2))
        .sum()
}

fn fit_line(points: &[(f64, f64)]) -> (f64, f64, f64, f64) {
    let n = points.len() as f64;
    let x_mean = points.iter().map(|p| p.0).sum::<f64>() / n;
    let y_mean = points.iter().map(|p| p.1).sum::<f64>() / n;
    let sxx: f64 = points.iter().map(|(x, _)| (x - x_mean).powi(2)).sum();
    let sxy: f64 = points
        .iter()
        .map(|(x, y)| (x - x_mean) * (y - y_mean))
        .sum();
    let slope = sxy / sxx;
    (slope, y_mean - slope * x_mean, x_mean, sxx)
}

/// Fits a least-squares line through `points` (x, y).
pub fn ols(points: &[(f64, f64)]) -> Result<Trend, StatsError> {
    if points.len() < MIN_POINTS_FOR_TREND {
        return Err(StatsError::TooFewPoints {
            what: "a trend",
            needed: MIN_POINTS_FOR_TREND,
            found: points.len(),
        });
    }
    let (slope, intercept, x_mean, x_sum_of_squares) = fit_line(points);
    let n = points.len() as f64;
    let y_mean = points.iter().map(|p| p.1).sum::<f64>() / n;
    let total: f64 = points.iter().map(|(_, y)| (y - y_mean).powi(2)).sum();
    let residual = sum_of_squared_residuals(points, slope, intercept);
    let degrees_of_freedom = n - 2.0;
    let residual_standard_error = (residual / degrees_of_freedom).sqrt();
    let t_critical = distributions::t_two_sided_quantile(0.05, degrees_of_freedom);
    let slope_half_width = t_critical * residual_standard_error / x_sum_of_squares.sqrt();
    Ok(Trend {
        slope,
        intercept,
        r2: if total > 0.0 {
            1.0 - residual / total
        } else {
            1.0
        },
        slope_ci95: (slope - slope_half_width, slope + slope_half_width),
        points: points.len(),
        residual_standard_error,
        x_mean,
        x_sum_of_squares,
        t_critical,
    })
}

/// A Chow test: does one line fit the whole range as well as two lines split at `break_x`?
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChowTest {
    pub year: i32,
    pub f: f64,
    pub p_value: f64,
    pub df1: usize,
    pub df2: usize,
}

pub fn chow_test(points: &[(f64, f64)], break_year: i32) -> Result<ChowTest, StatsError> {
    const PARAMETERS: usize = 2;
    let break_x = f64::from(break_year);
    let before: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|(x, _)| *x < break_x)
        .collect();
    let after: Vec<(f64, f64)> = points
        .iter()
        .copied()
        .filter(|(x, _)| *x >= break_x)
        .collect();
    let fewest = before.len().min(after.len());
    if fewest < PARAMETERS + 1 {
        return Err(StatsError::TooFewPoints {
            what: "a break test (on each side of the break year)",
            needed: PARAMETERS + 1,
            found: fewest,
        });
    }
    let residual = |part: &[(f64, f64)]| {
        let (slope, intercept, _, _) = fit_line(part);
        sum_of_squared_residuals(part, slope, intercept)
    };
    let pooled = residual(points);
    let split = residual(&before) + residual(&after);
    let df2 = points.len() - 2 * PARAMETERS;
    let f = ((pooled - split) / PARAMETERS as f64) / (split / df2 as f64);
    Ok(ChowTest {
        year: break_year,
        f,
        p_value: distributions::f_survival(f, PARAMETERS as f64, df2 as f64),
        df1: PARAMETERS,
        df2,
    })
}

/// China's and Russia's totals for one year, and how far apart they are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReporterGap {
    pub china_customs_usd_bn: f64,
    pub russia_official_usd_bn: f64,
    /// China's figure minus Russia's.
    pub gap_usd_bn: f64,
    /// The gap as a share of Russia's figure.
    pub gap_pct: f64,
}

/// The statistics of China-customs total trade over a range of years.
#[derive(Debug, Clone, PartialEq)]
pub struct TradeStats {
    pub from: i32,
    pub to: i32,
    pub total_usd_bn: BTreeMap<i32, f64>,
    pub yoy_pct: BTreeMap<i32, f64>,
    pub balance_usd_bn: BTreeMap<i32, f64>,
    pub cagr_pct: Option<f64>,
    pub trend: Result<Trend, StatsError>,
    pub break_test: Option<Result<ChowTest, StatsError>>,
    /// Compound growth from `from` to the break year, and from the break year to `to`.
    pub cagr_before_break_pct: Option<f64>,
    pub cagr_after_break_pct: Option<f64>,
    pub reporter_gaps: BTreeMap<i32, ReporterGap>,
    /// Years in range without a confirmed figure.
    pub missing_years: Vec<i32>,
}

fn yearly_values(
    yearly: &DataFrame,
    reporter: Reporter,
    column: &str,
    from: i32,
    to: i32,
) -> Result<BTreeMap<i32, f64>, StatsError> {
    let in_range = yearly
        .clone()
        .lazy()
        .filter(
            col(columns::REPORTER)
                .eq(lit(reporter.code()))
                .and(col(columns::YEAR).gt_eq(lit(from)))
                .and(col(columns::YEAR).lt_eq(lit(to)))
                .and(col(column).is_not_null()),
        )
        .select([col(columns::YEAR), col(column)])
        .collect()
        .map_err(|err| StatsError::Table(err.to_string()))?;
    let years = in_range
        .column(columns::YEAR)
        .and_then(Column::i32)
        .map_err(|err| StatsError::Table(err.to_string()))?;
    let values = in_range
        .column(column)
        .and_then(Column::f64)
        .map_err(|err| StatsError::Table(err.to_string()))?;
    Ok(years
        .iter()
        .zip(values.iter())
        .filter_map(|(year, value)| Some((year?, value?)))
        .collect())
}

/// The statistics of China-customs total trade from `from` to `to`, with a break test at
/// `break_year` if given.
pub fn trade_stats(
    bundle: &Bundle,
    from: i32,
    to: i32,
    break_year: Option<i32>,
) -> Result<TradeStats, StatsError> {
    if from >= to {
        return Err(StatsError::EmptyRange { from, to });
    }
    let yearly = &bundle.trade_yearly;
    let total = yearly_values(yearly, Reporter::ChinaCustoms, columns::TOTAL, from, to)?;
    let all_years: Vec<i32> = yearly_values(
        yearly,
        Reporter::ChinaCustoms,
        columns::TOTAL,
        i32::MIN,
        i32::MAX,
    )?
    .into_keys()
    .collect();
    for year in [from, to] {
        if !total.contains_key(&year) {
            let available = all_years
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ");
            return Err(StatsError::MissingYear { year, available });
        }
    }
    let yoy_pct = yearly_values(yearly, Reporter::ChinaCustoms, columns::YOY, from, to)?
        .into_iter()
        .filter(|(year, _)| *year > from)
        .collect();
    let balance_usd_bn = yearly_values(yearly, Reporter::ChinaCustoms, columns::BALANCE, from, to)?;
    let cagr_between = |start: i32, end: i32| {
        cagr_pct(
            *total.get(&start)?,
            *total.get(&end)?,
            f64::from(end - start),
        )
    };
    let points: Vec<(f64, f64)> = total.iter().map(|(y, v)| (f64::from(*y), *v)).collect();
    let russia = yearly_values(yearly, Reporter::RussiaOfficial, columns::TOTAL, from, to)?;
    let reporter_gaps = russia
        .iter()
        .filter_map(|(year, russian)| {
            let chinese = *total.get(year)?;
            Some((
                *year,
                ReporterGap {
                    china_customs_usd_bn: chinese,
                    russia_official_usd_bn: *russian,
                    gap_usd_bn: chinese - russian,
                    gap_pct: (chinese - russian) / russian * 100.0,
                },
            ))
        })
        .collect();
    Ok(TradeStats {
        from,
        to,
        cagr_pct: cagr_between(from, to),
        trend: ols(&points),
        break_test: break_year.map(|year| chow_test(&points, year)),
        cagr_before_break_pct: break_year.and_then(|year| cagr_between(from, year)),
        cagr_after_break_pct: break_year.and_then(|year| cagr_between(year, to)),
        missing_years: (from..=to).filter(|y| !total.contains_key(y)).collect(),
        total_usd_bn: total,
        yoy_pct,
        balance_usd_bn,
        reporter_gaps,
    })
}

impl TradeStats {
    /// The statistics in short sentences, as the window's statistics line and `bilateral stats`
    /// print them: compound growth, the trend, the break test, and the years left out; where a
    /// statistic is missing, why.
    pub fn summary(&self) -> Vec<String> {
        let mut parts = Vec::new();
        if let Some(cagr) = self.cagr_pct {
            parts.push(format!("Compound growth {cagr:+.1}% a year"));
        }
        match &self.trend {
            Ok(trend) => parts.push(format!(
                "trend {:+.1} bn a year (95% CI {:+.1} to {:+.1}), R² {:.2}, {} years",
                trend.slope, trend.slope_ci95.0, trend.slope_ci95.1, trend.r2, trend.points
            )),
            Err(err) => parts.push(format!("no trend: {err}")),
        }
        match &self.break_test {
            Some(Ok(test)) => parts.push(format!(
                "break at {}: F({}, {}) = {:.2}, p {}{}",
                test.year,
                test.df1,
                test.df2,
                test.f,
                p_value_clause(test.p_value),
                match (self.cagr_before_break_pct, self.cagr_after_break_pct) {
                    (Some(before), Some(after)) => {
                        format!(" (growth {before:+.1}% a year before, {after:+.1}% after)")
                    }
                    _ => String::new(),
                }
            )),
            Some(Err(err)) => parts.push(format!("no break test: {err}")),
            None => {}
        }
        if !self.missing_years.is_empty() {
            let missing: Vec<String> = self.missing_years.iter().map(ToString::to_string).collect();
            parts.push(format!(
                "years without data left out: {}",
                missing.join(", ")
            ));
        }
        parts
    }
}

/// `bilateral stats --json`: years as string keys, growth in percent.
#[derive(Debug, Serialize)]
pub struct StatsReport {
    pub from: i32,
    pub to: i32,
    pub total_usd_bn: BTreeMap<String, f64>,
    pub yoy_pct: BTreeMap<String, f64>,
    pub cagr_pct: Option<f64>,
    pub balance_usd_bn: BTreeMap<String, f64>,
    pub trend: Option<TrendReport>,
    pub break_test: Option<BreakReport>,
    pub reporter_gap: BTreeMap<String, ReporterGap>,
    pub missing_years: Vec<i32>,
    /// Why a statistic is missing (too few points, no break year asked for).
    pub notes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct TrendReport {
    pub slope_usd_bn_per_year: f64,
    pub r2: f64,
    /// The 95% confidence interval of the slope.
    pub ci95: [f64; 2],
    pub points: usize,
}

#[derive(Debug, Serialize)]
pub struct BreakReport {
    pub year: i32,
    pub f: f64,
    pub p_value: f64,
    pub df1: usize,
    pub df2: usize,
    pub cagr_before_pct: Option<f64>,
    pub cagr_after_pct: Option<f64>,
}

fn by_year_string<T: Clone>(values: &BTreeMap<i32, T>) -> BTreeMap<String, T> {
    values
        .iter()
        .map(|(year, value)| (year.to_string(), value.clone()))
        .collect()
}

impl StatsReport {
    pub fn new(stats: &TradeStats) -> Self {
        let mut notes = Vec::new();
        let trend = match &stats.trend {
            Ok(trend) => Some(TrendReport {
                slope_usd_bn_per_year: trend.slope,
                r2: trend.r2,
                ci95: [trend.slope_ci95.0, trend.slope_ci95.1],
                points: trend.points,
            }),
            Err(err) => {
                notes.push(format!("No trend: {err}."));
                None
            }
        };
        let break_test = match &stats.break_test {
            Some(Ok(test)) => Some(BreakReport {
                year: test.year,
                f: test.f,
                p_value: test.p_value,
                df1: test.df1,
                df2: test.df2,
                cagr_before_pct: stats.cagr_before_break_pct,
                cagr_after_pct: stats.cagr_after_break_pct,
            }),
            Some(Err(err)) => {
                notes.push(format!("No break test: {err}."));
                None
            }
            None => None,
        };
        if !stats.missing_years.is_empty() {
            notes.push(format!(
                "Years without a confirmed figure are left out: {}.",
                stats
                    .missing_years
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        Self {
            from: stats.from,
            to: stats.to,
            total_usd_bn: by_year_string(&stats.total_usd_bn),
            yoy_pct: by_year_string(&stats.yoy_pct),
            cagr_pct: stats.cagr_pct,
            balance_usd_bn: by_year_string(&stats.balance_usd_bn),
            trend,
            break_test,
            reporter_gap: by_year_string(&stats.reporter_gaps),
            missing_years: stats.missing_years.clone(),
            notes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> Bundle {
        Bundle::load().expect("bundled data loads")
    }

    #[test]
    fn year_on_year_and_cagr_come_from_the_dataset_values() {
        let stats = trade_stats(&bundle(), 2013, 2023, None).expect("stats");
        // 2023 over 2022: 240.11 / 190.271 − 1.
        let yoy_2023 = stats.yoy_pct[&2023];
        assert!((yoy_2023 - 26.193_692).abs() < 1e-5, "{yoy_2023}");
        // 2013 → 2023: (240.11 / 89.21)^(1/10) − 1 = 10.4078%.
        let cagr = stats.cagr_pct.expect("cagr");
        assert!((cagr - 10.407_778).abs() < 1e-5, "{cagr}");
        // 2015 is a derived figure, not a gap.
        assert!(stats.missing_years.is_empty());
        let early = trade_stats(&bundle(), 1992, 2000, None).expect("stats");
        assert_eq!(early.missing_years, vec![1993, 1995, 1997]);
        // 1996 follows the missing 1995: no growth is claimed for it.
        assert!(!early.yoy_pct.contains_key(&1996));
        assert!(early.yoy_pct.contains_key(&1999));
    }

    #[test]
    fn the_trend_of_a_perfect_line_is_exact() {
        let points: Vec<(f64, f64)> = (0..6)
            .map(|x| (f64::from(x), 3.0 + 2.0 * f64::from(x)))
            .collect();
        let trend = ols(&points).expect("trend");
        assert!((trend.slope - 2.0).abs() < 1e-12);
        assert!((trend.intercept - 3.0).abs() < 1e-12);
        assert!((trend.r2 - 1.0).abs() < 1e-12);
        assert!((trend.slope_ci95.1 - trend.slope_ci95.0).abs() < 1e-9);
    }

    #[test]
    fn the_trend_matches_a_hand_computed_regression() {
        // x = 1..5, y = 2, 4, 5, 4, 5: slope 0.6, intercept 2.2, R² = 0.6.
        let points = [(1.0, 2.0), (2.0, 4.0), (3.0, 5.0), (4.0, 4.0), (5.0, 5.0)];
        let trend = ols(&points).expect("trend");
        assert!((trend.slope - 0.6).abs() < 1e-12);
        assert!((trend.intercept - 2.2).abs() < 1e-12);
        assert!((trend.r2 - 0.6).abs() < 1e-12);
        // s = sqrt(2.4 / 3), SE(slope) = s / sqrt(10), t(0.975, 3) = 3.182.
        let half_width = 3.182 * (2.4_f64 / 3.0).sqrt() / 10.0_f64.sqrt();
        assert!((trend.slope_ci95.1 - 0.6 - half_width).abs() < 1e-3);
        let (low, high) = trend.band(3.0);
        assert!(low < trend.fitted(3.0) && trend.fitted(3.0) < high);
    }

    #[test]
    fn a_clear_break_is_detected_and_a_straight_line_is_not() {
        let kinked: Vec<(f64, f64)> = (2010..2024)
            .map(|year| {
                let x = f64::from(year);
                (
                    x,
                    if year < 2018 {
                        x - 2000.0
                    } else {
                        5.0 * (x - 2018.0) + 18.0
                    },
                )
            })
            .map(|(x, y)| (x, y + if (x as i32) % 2 == 0 { 0.3 } else { -0.3 }))
            .collect();
        let test = chow_test(&kinked, 2018).expect("test");
        assert!(test.p_value < 0.001, "{test:?}");
        assert_eq!((test.df1, test.df2), (2, 10));
        let straight: Vec<(f64, f64)> = kinked
            .iter()
            .map(|(x, _)| (*x, 2.0 * x + if (*x as i32) % 2 == 0 { 0.3 } else { -0.3 }))
            .collect();
        assert!(chow_test(&straight, 2018).expect("test").p_value > 0.5);
    }

    #[test]
    fn too_few_points_say_so_instead_of_giving_a_number() {
        let stats = trade_stats(&bundle(), 2022, 2024, Some(2023)).expect("stats");
        assert!(stats.trend.is_ok(), "three points make a trend");
        match stats.break_test {
            Some(Err(StatsError::TooFewPoints { found, .. })) => assert_eq!(found, 1),
            other => panic!("expected too few points, got {other:?}"),
        }
        let report = StatsReport::new(&stats);
        assert!(report.break_test.is_none());
        assert!(
            report.notes.iter().any(|n| n.contains("No break test")),
            "{:?}",
            report.notes
        );
        let two_points = trade_stats(&bundle(), 2023, 2024, None).expect("stats");
        assert!(matches!(
            two_points.trend,
            Err(StatsError::TooFewPoints { found: 2, .. })
        ));
    }

    #[test]
    fn a_year_without_data_is_refused_with_the_years_that_have_it() {
        let err = trade_stats(&bundle(), 1995, 2010, None).expect_err("1995 has no figure");
        let message = err.to_string();
        assert!(
            message.contains("no China-customs total for 1995"),
            "{message}"
        );
        assert!(message.contains("1994, 1996"), "{message}");
    }

    #[test]
    fn p_values_read_as_people_report_them() {
        assert_eq!(p_value_clause(0.0449), "= 0.045");
        assert_eq!(p_value_clause(0.00004), "< 0.001");
    }

    #[test]
    fn the_reporter_gap_compares_the_two_sides() {
        let stats = trade_stats(&bundle(), 2000, 2024, None).expect("stats");
        let gap = &stats.reporter_gaps[&2023];
        assert!((gap.gap_usd_bn - (240.11 - 227.8)).abs() < 1e-9);
        assert!((gap.gap_pct - (240.11 - 227.8) / 227.8 * 100.0).abs() < 1e-9);
        // 2006, 2010, 2018, 2019, 2020 and 2023 have figures from both sides.
        assert_eq!(stats.reporter_gaps.len(), 6);
    }
}
