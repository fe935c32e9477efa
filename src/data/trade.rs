//! The derived trade table every view needs, computed with polars from the tidy trade dataset:
//! per year and reporter the total, China's exports and imports, the balance and the
//! year-on-year change.

use polars::prelude::*;

use super::facts::Reporter;
use super::table::Dataset;

/// Column names of the yearly table.
pub mod columns {
    pub const YEAR: &str = "year";
    pub const REPORTER: &str = "reporter";
    pub const TOTAL: &str = "total";
    pub const EXPORTS: &str = "china_exports";
    pub const IMPORTS: &str = "china_imports";
    pub const BALANCE: &str = "balance_usd_bn";
    pub const YOY: &str = "yoy_pct";
}

/// One year of one reporter's figures, USD billion (growth in percent).
#[derive(Debug, Clone, PartialEq)]
pub struct TradeYear {
    pub year: i32,
    pub reporter: Reporter,
    pub total_usd_bn: Option<f64>,
    pub exports_usd_bn: Option<f64>,
    pub imports_usd_bn: Option<f64>,
    pub balance_usd_bn: Option<f64>,
    /// Change on the previous year, in percent; `None` where the previous year is missing.
    pub yoy_pct: Option<f64>,
}

/// Widens the tidy trade table to one row per reporter and year, with balance and growth.
///
/// Growth is computed only between consecutive years: a year after a gap gets no growth rather
/// than a misleading change over two years.
pub fn yearly_table(trade: &Dataset) -> PolarsResult<DataFrame> {
    use columns::{BALANCE, EXPORTS, IMPORTS, REPORTER, TOTAL, YEAR, YOY};
    let flow_value = |flow: &str| {
        col("value_usd_bn")
            .filter(col("flow").eq(lit(flow)))
            .first()
            .alias(flow)
    };
    let previous = |name: &str| col(name).shift(lit(1)).over([col(REPORTER)]);
    let follows_previous_year = previous(YEAR)?.eq(col(YEAR) - lit(1));
    trade
        .frame
        .clone()
        .lazy()
        .group_by([col(REPORTER), col(YEAR)])
        .agg([flow_value(TOTAL), flow_value(EXPORTS), flow_value(IMPORTS)])
        .sort([REPORTER, YEAR], SortMultipleOptions::default())
        .with_columns([
            (col(EXPORTS) - col(IMPORTS)).alias(BALANCE),
            when(follows_previous_year)
                .then((col(TOTAL) / previous(TOTAL)? - lit(1.0)) * lit(100.0))
                .otherwise(lit(NULL))
                .alias(YOY),
        ])
        .collect()
}

/// The yearly table as plain rows, for charts and tables.
pub fn trade_years(yearly: &DataFrame) -> PolarsResult<Vec<TradeYear>> {
    use columns::{BALANCE, EXPORTS, IMPORTS, REPORTER, TOTAL, YEAR, YOY};
    let years = yearly.column(YEAR)?.i32()?;
    let reporters = yearly.column(REPORTER)?.str()?;
    let floats = |name: &str| -> PolarsResult<Vec<Option<f64>>> {
        Ok(yearly.column(name)?.f64()?.iter().collect())
    };
    let (totals, exports, imports, balances, growth) = (
        floats(TOTAL)?,
        floats(EXPORTS)?,
        floats(IMPORTS)?,
        floats(BALANCE)?,
        floats(YOY)?,
    );
    Ok((0..yearly.height())
        .filter_map(|row| {
            Some(TradeYear {
                year: years.get(row)?,
                reporter: Reporter::parse(reporters.get(row)?)?,
                total_usd_bn: totals[row],
                exports_usd_bn: exports[row],
                imports_usd_bn: imports[row],
                balance_usd_bn: balances[row],
                yoy_pct: growth[row],
            })
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::Bundle;

    fn china_customs_years() -> Vec<TradeYear> {
        let bundle = Bundle::load().expect("bundled data loads");
        bundle
            .trade_years
            .iter()
            .filter(|row| row.reporter == Reporter::ChinaCustoms)
            .cloned()
            .collect()
    }

    fn year(rows: &[TradeYear], year: i32) -> TradeYear {
        rows.iter()
            .find(|r| r.year == year)
            .cloned()
            .expect("year present")
    }

    #[test]
    fn balance_is_exports_minus_imports() {
        let rows = china_customs_years();
        let y2024 = year(&rows, 2024);
        assert_eq!(y2024.exports_usd_bn, Some(115.49));
        assert_eq!(y2024.imports_usd_bn, Some(129.32));
        let balance = y2024.balance_usd_bn.expect("balance");
        assert!((balance - (115.49 - 129.32)).abs() < 1e-9, "{balance}");
    }

    #[test]
    fn growth_uses_consecutive_years_only() {
        let rows = china_customs_years();
        let growth_2023 = year(&rows, 2023).yoy_pct.expect("2023 growth");
        assert!((growth_2023 - (240.11 / 190.271 - 1.0) * 100.0).abs() < 1e-9);
        // 1993, 1995 and 1997 are unconfirmed: the years after them get no growth.
        assert_eq!(year(&rows, 1994).yoy_pct, None);
        assert_eq!(year(&rows, 1996).yoy_pct, None);
        assert_eq!(year(&rows, 1998).yoy_pct, None);
        assert_eq!(year(&rows, 1992).yoy_pct, None);
        let growth_2025 = year(&rows, 2025).yoy_pct.expect("2025 growth");
        assert!((growth_2025 - (228.105 / 244.81 - 1.0) * 100.0).abs() < 1e-9);
    }
}
