// Values parsed from the datasets are compared with the same literals, exactly.
#![allow(clippy::float_cmp)]

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
    assert_eq!(first_run_years, vec![1992.0]);
    assert_eq!(model.title, "China–Russia trade, 1992–2025");
    assert!(
        model.subtitle.contains("1993, 1995 and 1997"),
        "{}",
        model.subtitle
    );
    assert_eq!(model.x_range, (1991.5, 2025.5));
    // Weakly sourced and derived years are drawn hollow; reported ones solid.
    let status_of = |year: i32| {
        model
            .find_point(&PointRef::Year(year))
            .map(|(_, point)| point.status)
    };
    assert_eq!(status_of(2001), Some(Status::ReportedWeak));
    assert_eq!(status_of(2015), Some(Status::Derived));
    assert_eq!(status_of(2012), Some(Status::Reported));
    assert!(model.has_unfirm_points());
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
    let row_2001 = model
        .table
        .rows
        .iter()
        .find(|row| row[0] == "2001")
        .expect("2001 row");
    assert_eq!(row_2001[7], "weakly sourced");
    assert!(
        point.label.contains("Source: GACC via TASS"),
        "{}",
        point.label
    );
}

#[test]
fn the_year_to_date_chart_compares_the_latest_four_years_month_by_month() {
    let bundle = bundle();
    let model = build_chart(&bundle, ChartId::YearToDate, &ChartOptions::default());
    let names: Vec<&str> = model.series.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["2023", "2024", "2025", "2026"]);
    let at = |year: &str, month: u32| {
        model
            .series
            .iter()
            .find(|s| s.name == year)
            .and_then(|s| s.points.iter().find(|p| p.x == f64::from(month - 1)))
            .map(|p| (p.y, p.status))
    };
    assert_eq!(at("2026", 4), Some((85.24, Status::Reported)));
    assert_eq!(at("2025", 4), Some((71.1, Status::Derived)));
    assert_eq!(at("2025", 12), Some((228.105, Status::Reported)));
    assert_eq!(at("2024", 12), Some((244.81, Status::Reported)));
    assert_eq!(model.x_axis.tick_label(3.0), "Apr");
    let months = build_chart(
        &bundle,
        ChartId::YearToDate,
        &ChartOptions {
            period_view: PeriodView::Months,
            ..ChartOptions::default()
        },
    );
    let february_2026 = months.series[0]
        .points
        .iter()
        .find(|p| p.label.starts_with("February 2026"))
        .expect("February 2026");
    assert_eq!(february_2026.y, 19.19);
}

#[test]
fn the_composition_chart_has_a_view_per_unit_and_never_mixes_them() {
    let bundle = bundle();
    for view in CompositionView::ALL {
        let model = build_chart(
            &bundle,
            ChartId::Composition,
            &ChartOptions {
                composition_view: view,
                ..ChartOptions::default()
            },
        );
        assert!(!model.series.is_empty(), "{view:?}");
        assert!(!model.table.rows.is_empty(), "{view:?}");
        let units: Vec<&str> = model.table.rows.iter().map(|row| row[4].as_str()).collect();
        assert!(units.windows(2).all(|w| w[0] == w[1]), "{units:?}");
    }
    let tonnes = build_chart(
        &bundle,
        ChartId::Composition,
        &ChartOptions {
            composition_view: CompositionView::Tonnes,
            ..ChartOptions::default()
        },
    );
    let crude = tonnes
        .series
        .iter()
        .find(|s| s.name == "Crude oil, full year")
        .expect("crude");
    let crude_2024 = crude.points.iter().find(|p| p.x == 2024.0).expect("2024");
    assert_eq!(crude_2024.y, 108.5);
    let part_year = tonnes
        .series
        .iter()
        .find(|s| s.name == "Crude oil, part of a year")
        .expect("part-year crude");
    // January–September 2025 sits before the year's end, never on 2025 itself.
    assert!(part_year.points.iter().all(|p| p.x.fract() != 0.0));
}

/// A copy of the bundled datasets with a synthetic later year of trade.
fn bundle_with_a_later_year() -> Bundle {
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("datasets");
    let dir = tempfile::tempdir().expect("temp dir");
    let copy = |from: &std::path::Path, to: &std::path::Path| {
        std::fs::create_dir_all(to).expect("folder");
        for entry in std::fs::read_dir(from).expect("datasets") {
            let path = entry.expect("entry").path();
            if path.is_file() {
                std::fs::copy(&path, to.join(path.file_name().expect("name"))).expect("copy");
            }
        }
    };
    copy(&source, dir.path());
    copy(&source.join("articles"), &dir.path().join("articles"));
    let trade = dir.path().join("china_russia_trade.csv");
    let mut text = std::fs::read_to_string(&trade).expect("trade");
    text.push_str("2031,china_customs,total,301.5,,reported,4.2,,GACC,TASS,wire,synthetic,https://tass.com/economy/1942869\n");
    std::fs::write(&trade, text).expect("write");
    Bundle::load_from_dir(dir.path()).expect("the copy loads")
}

#[test]
fn titles_the_headline_and_the_statistics_range_follow_a_later_year() {
    let bundle = bundle_with_a_later_year();
    assert_eq!(bundle.coverage.last_full_year, 2031);
    assert_eq!(bundle.coverage.record_year, 2031);
    let trade = build_chart(&bundle, ChartId::Trade, &ChartOptions::default());
    assert_eq!(trade.title, "China–Russia trade, 1992–2031");
    assert_eq!(trade.x_range.1, 2031.5);
    let today = crate::data::IsoDate::parse("2032-01-01").expect("date");
    let headline = crate::chart::headline::headline_figures(&bundle, today);
    assert_eq!(headline[0].caption, "China–Russia trade, 2031");
    assert_eq!(headline[0].detail, "+4.2% on 2030, a record");
    let settings = crate::ui::settings::Settings::default();
    assert_eq!(
        settings.stats_years(&bundle.coverage),
        (1992, 2031, Some(2022))
    );
    // 2026 January–April is no longer "so far": 2026 lies before the latest full year.
    assert_eq!(bundle.coverage.latest_year_to_date, None);
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
        index_base_year: Some(2022),
        ..ChartOptions::default()
    };
    let index = build_chart(&bundle, ChartId::Growth, &options);
    let (_, base) = index.find_point(&PointRef::Year(2022)).expect("base");
    assert!((base.y - 100.0).abs() < 1e-9);
    let missing_base = ChartOptions {
        index_base_year: Some(1995),
        ..options
    };
    let no_index = build_chart(&bundle, ChartId::Growth, &missing_base);
    assert!(no_index.series[0].points.is_empty());
    assert!(no_index.subtitle.contains("No confirmed figure for 1995"));
}
