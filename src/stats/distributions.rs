//! The few probability functions the tests need — the F distribution's tail for the Chow test
//! and Student's t quantile for confidence intervals — written out from the regularised
//! incomplete beta function (Numerical Recipes' continued fraction) rather than pulling in a
//! statistics crate for two functions.

/// ln Γ(x) for x > 0 (Lanczos approximation, accurate to about 1e-14).
fn ln_gamma(x: f64) -> f64 {
    const COEFFICIENTS: [f64; 6] = [
        76.180_091_729_471_46,
        -86.505_320_329_416_77,
        24.014_098_240_830_91,
        -1.231_739_572_450_155,
        0.120_865_097_386_617_9e-2,
        -0.539_523_938_495_3e-5,
    ];
    let mut denominator = x;
    let tmp = x + 5.5;
    let tmp = tmp - (x + 0.5) * tmp.ln();
    let mut series = 1.000_000_000_190_015;
    for coefficient in COEFFICIENTS {
        denominator += 1.0;
        series += coefficient / denominator;
    }
    -tmp + (2.506_628_274_631_000_5 * series / x).ln()
}

/// The continued fraction of the incomplete beta function (modified Lentz's method). The
/// one-letter names are those of the published algorithm, kept so it can be checked against it.
#[allow(clippy::many_single_char_names)]
fn beta_continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const MAX_ITERATIONS: usize = 300;
    const EPSILON: f64 = 3e-16;
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    // Lentz's method: a term that comes out zero is replaced by a tiny number.
    let away_from_zero = |value: f64| if value.abs() < TINY { TINY } else { value };
    let mut d = 1.0 / away_from_zero(1.0 - qab * x / qap);
    let mut h = d;
    for m in 1..=MAX_ITERATIONS {
        let m = m as f64;
        let m2 = 2.0 * m;
        let even = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 / away_from_zero(1.0 + even * d);
        c = away_from_zero(1.0 + even / c);
        h *= d * c;
        let odd = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 / away_from_zero(1.0 + odd * d);
        c = away_from_zero(1.0 + odd / c);
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < EPSILON {
            break;
        }
    }
    h
}

/// The regularised incomplete beta function `I_x(a, b)`.
pub fn regularized_incomplete_beta(a: f64, b: f64, x: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    let front = ln_front.exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_continued_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b
    }
}

/// P(F > f) for an F distribution with `df1` and `df2` degrees of freedom.
pub fn f_survival(f: f64, df1: f64, df2: f64) -> f64 {
    if f <= 0.0 {
        return 1.0;
    }
    regularized_incomplete_beta(df2 / 2.0, df1 / 2.0, df2 / (df2 + df1 * f))
}

/// P(|T| > t) for Student's t with `df` degrees of freedom.
pub fn t_two_sided_p(t: f64, df: f64) -> f64 {
    regularized_incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
}

/// The t value with P(|T| > t) = `alpha` (found by bisection: the p-value falls as t grows).
pub fn t_two_sided_quantile(alpha: f64, df: f64) -> f64 {
    let (mut low, mut high) = (0.0_f64, 1.0e4_f64);
    for _ in 0..200 {
        let middle = f64::midpoint(low, high);
        if t_two_sided_p(middle, df) > alpha {
            low = middle;
        } else {
            high = middle;
        }
    }
    f64::midpoint(low, high)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_the_tables() {
        // Two-sided 5% critical values from standard t tables.
        for (df, expected) in [(1.0, 12.706), (5.0, 2.571), (10.0, 2.228), (30.0, 2.042)] {
            let t = t_two_sided_quantile(0.05, df);
            assert!((t - expected).abs() < 1e-3, "df {df}: {t}");
        }
    }

    #[test]
    fn f_tail_matches_the_tables() {
        // 5% critical values of F: F(2, 10) = 4.103, F(2, 20) = 3.493, F(1, 10) = 4.965.
        for (f, df1, df2) in [(4.103, 2.0, 10.0), (3.493, 2.0, 20.0), (4.965, 1.0, 10.0)] {
            let p = f_survival(f, df1, df2);
            assert!((p - 0.05).abs() < 5e-4, "F({df1},{df2}) at {f}: {p}");
        }
        assert!((f_survival(0.0, 2.0, 10.0) - 1.0).abs() < 1e-12);
    }
}
