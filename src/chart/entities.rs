//! Tables of countries and other entities, as the World Bank, Our World in Data and the UN
//! publish them: every country's row beside rows for the world, regions and income groups that
//! already sum them. Summed together they count everyone twice or more (a world population of
//! 40 billion), so a default chart never adds entities up: it shows the world (or another
//! aggregate) alone, or one line for each of a few entities.

use std::sync::LazyLock;

use polars::prelude::*;
use regex::Regex;

use super::user::Filter;
use super::user_table::UserTable;
use crate::load::infer::{ColumnKind, ColumnPlan};

/// How many entities a default chart shows, one line each, when a table has many.
const FEW_ENTITIES: usize = 5;
/// How many distinct values of a column are read to look for aggregates.
const VALUES_READ: usize = 5_000;

/// Names of columns that hold countries, regions or other entities.
static ENTITY_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(country|countries|entity|economy|nation|region|state|area|location|geo|county|city|province|land|territory)\b|reporter|partner",
    )
    .unwrap_or_else(|err| unreachable!("{err}"))
});

/// Words and codes that name a sum of entities: the world, continents, regions, income and
/// lending groups (World Bank), `OWID_` codes.
static AGGREGATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(world|africa|asia|europe|oceania|north america|south america|americas|latin america.*|sub-saharan africa.*|middle east.*|east asia.*|south asia.*|european union.*|euro area|arab world|oecd.*|g7|g20|africa eastern and southern|africa western and central|central europe and the baltics|not classified|wld|euu|emu|afe|afw|arb|ceb|eas|ecs|inx|lcn|mea|nac|sas|ssf|hic|lic|lmc|umc|mic|lmy|owid_\w+)$|income|\(total\)|\btotal\b|countries|members|small states|fragile|ida |ibrd|dividend|\(excluding|\(wb\)|\(un\)|\s&\s",
    )
    .unwrap_or_else(|err| unreachable!("{err}"))
});

/// Whether `value` names a sum of entities rather than one.
pub fn is_aggregate(value: &str) -> bool {
    AGGREGATE.is_match(value.trim())
}

/// How a default chart shows an entity column: the column to draw one line per value of, if
/// any, and the filters that keep what is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMapping {
    pub group: Option<String>,
    pub filters: Vec<Filter>,
}

/// The default for the first of `candidates` that holds entities (by its name, or because its
/// values include aggregates): a few entities, one line each; the world alone when there are
/// many and the table has it; else the `FEW_ENTITIES` largest by their total of `value`.
pub fn entity_mapping(
    table: &UserTable,
    candidates: &[&ColumnPlan],
    value: &str,
    max_lines: usize,
) -> Option<EntityMapping> {
    candidates.iter().find_map(|plan| {
        let named = plan.kind == ColumnKind::Text && ENTITY_NAME.is_match(&plan.name);
        // A column of codes is digits, and no aggregate is named in digits: reading its values
        // (a pass over a table in files) could not make it an entity column.
        if plan.kind == ColumnKind::Code {
            return None;
        }
        let values = table.distinct_values(&plan.name, VALUES_READ);
        let aggregates: Vec<&String> = values.iter().filter(|v| is_aggregate(v)).collect();
        if (aggregates.is_empty() && !named) || values.len() < 2 {
            return None;
        }
        let column = plan.name.clone();
        if values.len() <= max_lines {
            // Aggregates are lines of their own, never added to their members.
            return Some(EntityMapping {
                group: Some(column),
                filters: Vec::new(),
            });
        }
        if let Some(aggregate) = preferred_aggregate(&aggregates) {
            return Some(EntityMapping {
                group: None,
                filters: vec![Filter {
                    column,
                    values: vec![aggregate],
                }],
            });
        }
        let largest = largest_by_total(table, &column, value, FEW_ENTITIES);
        (!largest.is_empty()).then(|| EntityMapping {
            group: Some(column.clone()),
            filters: vec![Filter {
                column,
                values: largest,
            }],
        })
    })
}

/// The world if the table has it, else the first aggregate.
fn preferred_aggregate(aggregates: &[&String]) -> Option<String> {
    aggregates
        .iter()
        .find(|v| matches!(v.trim(), "World" | "WLD" | "OWID_WRL" | "world"))
        .or_else(|| aggregates.first())
        .map(|v| (*v).clone())
}

/// The `count` values of `column` whose rows hold the most of `value` in all.
fn largest_by_total(table: &UserTable, column: &str, value: &str, count: usize) -> Vec<String> {
    let Ok(long) = table.long_lazy() else {
        return Vec::new();
    };
    let ranked = long
        .group_by([col(column)])
        .agg([col(value).cast(DataType::Float64).sum().alias("__total")])
        .sort(
            ["__total"],
            SortMultipleOptions::default()
                .with_order_descending(true)
                .with_nulls_last(true),
        )
        .limit(count as IdxSize)
        .select([col(column).cast(DataType::String)]);
    let ranked = table.collect(ranked);
    let Ok(ranked) = ranked else {
        return Vec::new();
    };
    ranked
        .column(column)
        .ok()
        .and_then(|c| c.str().ok())
        .map(|texts| texts.iter().flatten().map(str::to_owned).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::is_aggregate;

    #[test]
    fn aggregates_of_the_world_bank_and_owid_are_recognised() {
        for aggregate in [
            "World",
            "OWID_WRL",
            "WLD",
            "High income",
            "Lower middle income",
            "Europe & Central Asia",
            "Sub-Saharan Africa (excluding high income)",
            "European Union (27)",
            "Asia",
            "Fragile and conflict affected situations",
            "Total",
        ] {
            assert!(is_aggregate(aggregate), "{aggregate}");
        }
        for country in [
            "China",
            "Russia",
            "South Africa",
            "Central African Republic",
            "RUS",
        ] {
            assert!(!is_aggregate(country), "{country}");
        }
    }
}
