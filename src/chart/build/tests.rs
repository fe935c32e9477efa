use super::*;

fn bundle() -> Bundle {
    Bundle::load().expect("bundled data loads")
}

#[test]
fn trade_chart_plots_240_11_for_2023_and_breaks_at_missing_years() {
    let model = build_chart(&bundle(), ChartId::Trade, &ChartOptions::default());
    let (series, point) = model.find_point(&PointRef::Year(2023)).expect("2023 point");
    assert_eq!(series.name, "Total trade (China customs)");
    assert!((point.y - 240.11).abs() < 1e-9);
    assert!(point.label.contains("$240.11 bn"), "{}", point.label);
    assert!(
        point.label.contains("Russian figure: $227.8 bn"),
        "{}",
        point.label
    );
    let runs = series.contiguous_runs();
    let first_run_years: Vec<f64> = runs[0].iter().map(|p| p.x).collect();
    assert_eq!(first_run_years, vec![2000.0]);
    assert!(
        runs.iter()
            .all(|run| run.windows(2).all(|w| w[1].x - w[0].x <= 1.0))
    );
    let row_2023 = model
        .table
        .rows
        .iter()
        .find(|row| row[0] == "2023")
        .expect("2023 row");
    assert_eq!(row_2023[1], "240.11");
    assert_eq!(row_2023[6], "227.8");
}

#[test]
fn the_trend_line_is_drawn_over_the_chosen_years_with_its_band() {
    let bundle = bundle();
    let options = ChartOptions {
        trend_years: Some((2016, 2024)),
        ..ChartOptions::default()
    };
    let model = build_chart(&bundle, ChartId::Trade, &options);
    let trend = model
        .series
        .iter()
        .find(|s| s.style == SeriesStyle::Band)
        .expect("trend series");
    assert_eq!(trend.points.len(), 9);
    let stats = crate::stats::trade_stats(&bundle, 2016, 2024, None).expect("stats");
    let fitted = stats.trend.expect("trend");
    for point in &trend.points {
        assert!((point.y - fitted.fitted(point.x)).abs() < 1e-9);
        let (low, high) = point.band.expect("band");
        assert!(low < point.y && point.y < high);
    }
    let too_short = ChartOptions {
        trend_years: Some((2023, 2024)),
        ..ChartOptions::default()
    };
    let without = build_chart(&bundle, ChartId::Trade, &too_short);
    assert!(without.series.iter().all(|s| s.style != SeriesStyle::Band));
}

#[test]
fn markers_follow_the_chosen_event_kinds() {
    let bundle = bundle();
    let mut options = ChartOptions {
        marker_kinds: vec![EventKind::Exercise],
        ..ChartOptions::default()
    };
    let with_exercises = build_chart(&bundle, ChartId::Trade, &options);
    assert!(with_exercises.markers.len() > 10);
    assert!(
        with_exercises
            .markers
            .iter()
            .all(|m| m.kind == EventKind::Exercise)
    );
    options.marker_kinds.clear();
    assert!(
        build_chart(&bundle, ChartId::Trade, &options)
            .markers
            .is_empty()
    );
    assert!(
        build_chart(&bundle, ChartId::Timeline, &ChartOptions::default())
            .markers
            .is_empty()
    );
}

#[test]
fn tariff_lists_chart_shows_each_action_once_with_its_covered_value() {
    let model = build_chart(&bundle(), ChartId::TariffLists, &ChartOptions::default());
    assert_eq!(
        model.x_axis.categories,
        vec!["List 1", "List 2", "List 3", "List 4A", "2024 increases"]
    );
    let values: Vec<f64> = model.series[0].points.iter().map(|p| p.y).collect();
    assert_eq!(values, vec![34.0, 16.0, 200.0, 120.0, 18.0]);
}

#[test]
fn tariff_rate_chart_has_a_lane_per_product_group() {
    let model = build_chart(
        &bundle(),
        ChartId::TariffRates2024,
        &ChartOptions::default(),
    );
    assert_eq!(model.y_axis.categories.len(), 14);
    let ev = model
        .series
        .iter()
        .flat_map(|s| &s.points)
        .find(|p| p.label.starts_with("Electric vehicles"))
        .expect("EV span");
    assert_eq!((ev.x, ev.x_end), (25.0, Some(100.0)));
}

#[test]
fn growth_chart_switches_between_year_on_year_and_index() {
    let bundle = bundle();
    let yoy = build_chart(&bundle, ChartId::Growth, &ChartOptions::default());
    let (_, point_2023) = yoy.find_point(&PointRef::Year(2023)).expect("2023");
    assert!((point_2023.y - (240.11 / 190.271 - 1.0) * 100.0).abs() < 1e-9);
    let options = ChartOptions {
        growth_view: GrowthView::Index,
        index_base_year: 2022,
        ..ChartOptions::default()
    };
    let index = build_chart(&bundle, ChartId::Growth, &options);
    let (_, base) = index.find_point(&PointRef::Year(2022)).expect("base");
    assert!((base.y - 100.0).abs() < 1e-9);
    let missing_base = ChartOptions {
        index_base_year: 2015,
        ..options
    };
    let no_index = build_chart(&bundle, ChartId::Growth, &missing_base);
    assert!(no_index.series[0].points.is_empty());
    assert!(no_index.subtitle.contains("No confirmed figure for 2015"));
}
