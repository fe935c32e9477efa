//! The data behind a chart as CSV: the chart's table, plus its unit and the chart's source line.
//! Cells that a spreadsheet would run as a formula are neutralised.

use crate::chart::ChartModel;

/// Prefixes a cell that a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab or
/// carriage return first) with `'`, so it shows as text; a plain number such as `-13.83` is
/// left as it is.
pub fn neutralise_formula(cell: &str) -> String {
    let is_number = cell.parse::<f64>().is_ok_and(f64::is_finite);
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_number {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

fn quote(cell: &str) -> String {
    let cell = neutralise_formula(cell);
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

fn line(cells: impl IntoIterator<Item = String>) -> String {
    let mut line = cells
        .into_iter()
        .map(|c| quote(&c))
        .collect::<Vec<_>>()
        .join(",");
    line.push('\n');
    line
}

pub fn chart_csv(model: &ChartModel) -> String {
    let mut text = line(
        model
            .table
            .columns
            .iter()
            .cloned()
            .chain(["Unit".to_owned(), "Chart source".to_owned()]),
    );
    for row in &model.table.rows {
        text.push_str(&line(
            row.iter()
                .cloned()
                .chain([model.y_axis.label.clone(), model.source_line.clone()]),
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::neutralise_formula;

    #[test]
    fn formulas_are_neutralised_and_negative_numbers_kept() {
        assert_eq!(
            neutralise_formula("=HYPERLINK(\"x\")"),
            "'=HYPERLINK(\"x\")"
        );
        assert_eq!(neutralise_formula("+1+2"), "'+1+2");
        assert_eq!(neutralise_formula("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise_formula("-cmd"), "'-cmd");
        assert_eq!(neutralise_formula("\tx"), "'\tx");
        assert_eq!(neutralise_formula("-13.83"), "-13.83");
        assert_eq!(neutralise_formula("+26.3"), "+26.3");
        assert_eq!(neutralise_formula("240.11"), "240.11");
    }
}
