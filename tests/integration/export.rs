//! Exported charts as a report's reader gets them: the files `bilateral export` writes, opened
//! the way an image viewer, a vector editor or a spreadsheet would.

use std::fmt::Write as _;
use std::path::Path;
use std::process::Output;

use bilateral::chart::{ChartId, ChartOptions, build_chart};
use bilateral::data::Bundle;
use bilateral::export::{ExportOptions, chart_csv, chart_svg};

use super::common::{bilateral, succeeded};

/// Charts a user's file with the default mapping, as `bilateral export --data FILE --out OUT`.
fn export_default(data: &Path, out: &Path) -> Output {
    bilateral(&[
        "export",
        "--data",
        data.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
}

fn decode_png(path: &Path) -> resvg::tiny_skia::Pixmap {
    resvg::tiny_skia::Pixmap::decode_png(&std::fs::read(path).unwrap()).expect("a PNG")
}

#[test]
fn exported_svg_is_xml_with_the_title_as_text_and_one_group_per_series() {
    let bundle = Bundle::load().unwrap();
    for chart in ChartId::ALL {
        let model = build_chart(&bundle, chart, &ChartOptions::default());
        let svg = chart_svg(&model, &ExportOptions::default());
        let document = roxmltree::Document::parse(&svg).expect("the SVG parses as XML");
        let texts: Vec<&str> = document
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        assert!(
            texts.contains(&model.title.as_str()),
            "{chart:?}: title missing"
        );
        let series_groups = document
            .descendants()
            .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("series"))
            .count();
        assert_eq!(series_groups, model.series.len(), "{chart:?}");
        assert!(
            texts.iter().any(|t| t.starts_with("Source")),
            "{chart:?}: no source line"
        );
    }
}

#[test]
fn the_trade_svg_labels_years_and_money_as_the_screen_does() {
    let bundle = Bundle::load().unwrap();
    let model = build_chart(&bundle, ChartId::Trade, &ChartOptions::default());
    let svg = chart_svg(&model, &ExportOptions::default());
    assert!(svg.contains(">2020</text>"));
    assert!(svg.contains(">$200 bn</text>"));
    assert!(!svg.contains("2,0"), "no thousands separators in years");
    assert!(svg.contains("Total trade (China customs)"));
    assert!(svg.contains("class=\"marker\""), "event markers are drawn");
    assert!(
        svg.contains(">Diplomatic milestones</text>"),
        "and named in the legend"
    );
}

#[test]
fn png_decodes_at_the_requested_size_and_is_not_blank() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trade.png");
    succeeded(&bilateral(&[
        "export",
        "--chart",
        "trade",
        "--out",
        path.to_str().unwrap(),
        "--width",
        "800",
        "--height",
        "500",
    ]));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o044, 0o044, "others can read the export: {mode:o}");
    }
    let picture = decode_png(&path);
    assert_eq!(
        (picture.width(), picture.height()),
        (1600, 1000),
        "2× by default"
    );
    let distinct: std::collections::HashSet<[u8; 4]> = picture
        .pixels()
        .iter()
        .map(|p| [p.red(), p.green(), p.blue(), p.alpha()])
        .collect();
    assert!(
        distinct.len() > 50,
        "only {} colours: blank?",
        distinct.len()
    );
    let dark = dir.path().join("dark.png");
    succeeded(&bilateral(&[
        "export",
        "--chart",
        "timeline",
        "--out",
        dark.to_str().unwrap(),
        "--theme",
        "dark",
        "--scale",
        "1",
    ]));
    let corner = decode_png(&dark).pixel(2, 2).unwrap();
    assert!(corner.red() < 60, "a dark background");
}

#[test]
fn csv_round_trips_the_plotted_values_with_unit_and_source() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trade.csv");
    succeeded(&bilateral(&[
        "export",
        "--chart",
        "trade",
        "--format",
        "csv",
        "--out",
        path.to_str().unwrap(),
    ]));
    let text = std::fs::read_to_string(&path).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    assert_eq!(header[0], "Year");
    assert!(header.contains(&"Unit") && header.contains(&"Chart source"));
    let row_2023 = text
        .lines()
        .find(|l| l.starts_with("2023,"))
        .expect("2023 row");
    assert!(row_2023.starts_with("2023,240.11,"), "{row_2023}");
    assert!(row_2023.contains("USD billion"));
    let row_2024 = text
        .lines()
        .find(|l| l.starts_with("2024,"))
        .expect("2024 row");
    assert!(
        row_2024.contains(",-13.83,"),
        "negative numbers stay numbers: {row_2024}"
    );
}

#[test]
fn cells_that_would_run_as_formulas_are_neutralised() {
    let bundle = Bundle::load().unwrap();
    let mut model = build_chart(&bundle, ChartId::Timeline, &ChartOptions::default());
    model.table.rows[0][2] = "=HYPERLINK(\"http://x\",\"click\")".to_owned();
    model.table.rows[1][2] = "@SUM(1)".to_owned();
    let csv = chart_csv(&model);
    assert!(
        csv.contains("\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""),
        "{csv}"
    );
    assert!(csv.contains(",'@SUM(1),"));
}

#[test]
fn every_bundled_chart_exports_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("charts");
    let output = bilateral(&[
        "export",
        "--all",
        "--dir",
        out.to_str().unwrap(),
        "--scale",
        "1",
    ]);
    succeeded(&output);
    let listed = bilateral(&["export", "--list"]);
    succeeded(&listed);
    let ids: Vec<String> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(|l| l.split_whitespace().next().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), ChartId::ALL.len());
    for id in &ids {
        for ending in ["png", "svg", "csv"] {
            let path = out.join(format!("{id}.{ending}"));
            assert!(
                std::fs::metadata(&path).unwrap().len() > 100,
                "{}",
                path.display()
            );
        }
        decode_png(&out.join(format!("{id}.png")));
    }
    let leftovers: Vec<_> = std::fs::read_dir(&out)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with(".bilateral-export")
        })
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn an_existing_file_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.svg");
    std::fs::write(&path, "my own drawing").unwrap();
    let output = bilateral(&[
        "export",
        "--chart",
        "growth",
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("report.svg: the file exists; pass --force to replace it"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "my own drawing");
    succeeded(&bilateral(&[
        "export",
        "--chart",
        "growth",
        "--out",
        path.to_str().unwrap(),
        "--force",
    ]));
    assert!(std::fs::read_to_string(&path).unwrap().starts_with("<svg"));
}

#[test]
fn unwritable_places_and_bad_requests_get_clear_messages() {
    let dir = tempfile::tempdir().unwrap();
    let missing_folder = dir.path().join("no/such/folder/chart.png");
    let output = bilateral(&[
        "export",
        "--chart",
        "trade",
        "--out",
        missing_folder.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("cannot be written")
    );
    let unknown_ending = dir.path().join("chart.gif");
    let output = bilateral(&[
        "export",
        "--chart",
        "trade",
        "--out",
        unknown_ending.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("pass --format png, svg or csv")
    );
    assert_eq!(
        bilateral(&["export", "--chart", "pie", "--out", "x.png"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        bilateral(&["export", "--chart", "trade"]).status.code(),
        Some(2)
    );
    assert_eq!(bilateral(&["export"]).status.code(), Some(2));
}

#[test]
fn a_users_csv_charts_and_exports_through_the_same_loader() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/baci_sample.csv");
    let dir = tempfile::tempdir().unwrap();
    let csv_path = dir.path().join("flows.csv");
    succeeded(&bilateral(&[
        "export",
        "--data",
        fixture.to_str().unwrap(),
        "--x",
        "t",
        "--y",
        "v",
        "--group",
        "i",
        "--out",
        csv_path.to_str().unwrap(),
    ]));
    let text = std::fs::read_to_string(&csv_path).unwrap();
    assert!(text.starts_with("t,i,v,Unit,Chart source\n"), "{text}");
    // 2021, exporter 156: 1200.5 + 800.25 summed.
    assert!(text.contains("\n2021,156,2000.75,"), "{text}");
    assert!(text.contains("\n2023,643,8000,"), "{text}");

    let svg_path = dir.path().join("flows.svg");
    succeeded(&bilateral(&[
        "export",
        "--data",
        fixture.to_str().unwrap(),
        "--x",
        "t",
        "--y",
        "v,q",
        "--out",
        svg_path.to_str().unwrap(),
    ]));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    let document = roxmltree::Document::parse(&svg).unwrap();
    let series: Vec<&str> = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("series"))
        .filter_map(|n| n.attribute("data-name"))
        .collect();
    assert_eq!(series, ["v", "q"]);
    assert!(svg.contains(">baci_sample.csv</text>"));

    let missing = bilateral(&[
        "export",
        "--data",
        fixture.to_str().unwrap(),
        "--x",
        "year",
        "--y",
        "v",
        "--out",
        svg_path.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8(missing.stderr).unwrap();
    assert!(
        stderr.contains("there is no column \"year\" (columns: t, i, j, k, v, q)"),
        "{stderr}"
    );
}

#[test]
fn a_users_csv_charts_with_default_columns_filters_and_means() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let dir = tempfile::tempdir().unwrap();
    // A wide World Bank table charts with no columns named: one line per country, by year.
    let wide = fixtures.join("load/wide_years.csv");
    let out = dir.path().join("wide.csv");
    succeeded(&export_default(&wide, &out));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("year,Country Name,value,"), "{text}");
    assert!(text.contains("\n2022,China,114.15,"), "{text}");
    assert!(text.contains("\n2019,Russia,49.48,"), "{text}");

    // Exporter 156 only, averaged: 2021 is (1200.5 + 800.25) / 2.
    let baci = fixtures.join("baci_sample.csv");
    let out = dir.path().join("mean.csv");
    succeeded(&bilateral(&[
        "export",
        "--data",
        baci.to_str().unwrap(),
        "--x",
        "t",
        "--y",
        "v",
        "--filter",
        "i=156",
        "--agg",
        "mean",
        "--out",
        out.to_str().unwrap(),
    ]));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("\n2021,1000.375,"), "{text}");
    assert!(text.contains("\n2023,1000,"), "{text}");
    assert!(!text.contains("7000.75"), "{text}");
}

#[test]
fn months_and_days_read_as_dates_in_the_exported_table() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/load");
    let dir = tempfile::tempdir().unwrap();
    for (file, expected) in [
        ("monthly.csv", "\n2024-02,17.9,"),
        ("dates_day_first.csv", "\n2024-05-17,2,"),
    ] {
        let out = dir.path().join(format!("{file}.out.csv"));
        succeeded(&bilateral(&[
            "export",
            "--data",
            fixtures.join(file).to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--format",
            "csv",
        ]));
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(expected), "{file}: {text}");
    }
}

#[test]
fn a_line_of_a_million_points_exports_as_drawn_in_both_formats() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("million.csv");
    let mut text = String::from("n,v\n");
    for n in 0..1_000_000 {
        // A saw tooth with one spike, which thinning must keep.
        let v = if n == 654_321 { 5000 } else { n % 1000 };
        let _ = writeln!(text, "{n},{v}");
    }
    std::fs::write(&data, text).unwrap();
    let export = |name: &str| {
        let out = dir.path().join(name);
        succeeded(&bilateral(&[
            "export",
            "--data",
            data.to_str().unwrap(),
            "--x",
            "n",
            "--y",
            "v",
            "--out",
            out.to_str().unwrap(),
        ]));
        out
    };

    let svg = std::fs::read_to_string(export("million.svg")).unwrap();
    assert!(svg.len() < 2_000_000, "{} bytes", svg.len());
    let document = roxmltree::Document::parse(&svg).unwrap();
    let series = document
        .descendants()
        .find(|n| n.attribute("class") == Some("series"))
        .expect("the line's group");
    assert!(!series.descendants().any(|n| n.has_tag_name("circle")));
    let line: Vec<(f64, f64)> = series
        .descendants()
        .find(|n| n.has_tag_name("polyline"))
        .and_then(|n| n.attribute("points"))
        .expect("the line")
        .split(' ')
        .map(|pair| {
            let (x, y) = pair.split_once(',').unwrap();
            (x.parse().unwrap(), y.parse().unwrap())
        })
        .collect();
    // At most the lowest and highest point of each pixel column of the 2,400-pixel-wide PNG.
    assert!(line.len() <= 2 * 2400 + 2, "{} points", line.len());
    // The spike stands far above the saw tooth, as in the data.
    let mut heights: Vec<f64> = line.iter().map(|(_, y)| *y).collect();
    heights.sort_by(f64::total_cmp);
    assert!(heights[1] - heights[0] > 100.0, "{:?}", &heights[..3]);

    let png = decode_png(&export("million.png"));
    assert_eq!((png.width(), png.height()), (2400, 1440));
}

#[test]
fn a_table_of_names_and_numbers_charts_as_bars_and_a_lone_column_says_what_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    // No time column: one bar per state, the largest first; the smallest five left out.
    let data = dir.path().join("rates.csv");
    let mut text = String::from("state,rate\n");
    for n in 1..=20 {
        let _ = writeln!(text, "State {n},{n}.5");
    }
    std::fs::write(&data, text).unwrap();
    let bars = dir.path().join("bars.csv");
    succeeded(&export_default(&data, &bars));
    let table = std::fs::read_to_string(&bars).unwrap();
    let rows: Vec<&str> = table.lines().collect();
    assert!(rows[0].starts_with("state,rate,"), "{table}");
    assert!(rows[1].starts_with("State 20,20.5,"), "{table}");
    assert!(rows[15].starts_with("State 6,6.5,"), "{table}");
    assert_eq!(rows.len(), 16, "{table}");
    let svg_path = dir.path().join("bars.svg");
    succeeded(&export_default(&data, &svg_path));
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert_eq!(
        svg.matches(r#"fill-opacity="0.75""#).count(),
        15,
        "a bar each"
    );
    assert!(svg.contains("the 5 smallest are left out"), "{svg}");
    assert!(svg.contains(">State 20</text>"));

    let lone = dir.path().join("lone.csv");
    std::fs::write(&lone, "rate\n1.5\n2.5\n").unwrap();
    let out = dir.path().join("lone.svg");
    let refused = export_default(&lone, &out);
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8(refused.stderr).unwrap();
    assert!(
        stderr.contains(
            "lone.csv: there is no chart to draw by default: its one column of numbers, \"rate\", has nothing to be charted along"
        ),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(!out.exists());
}

#[test]
fn countries_are_never_summed_with_their_aggregates_nor_with_each_other() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/load");
    let dir = tempfile::tempdir().unwrap();
    let default_table = |file: &str| {
        let out = dir.path().join(format!("{file}.out.csv"));
        succeeded(&export_default(&fixtures.join(file), &out));
        std::fs::read_to_string(&out).unwrap()
    };
    // Fourteen countries, Asia, an income group and the World: the World alone.
    let world = default_table("countries_and_aggregates.csv");
    assert!(world.starts_with("Year,Population,"), "{world}");
    assert!(world.contains("\n2020,1050,"), "{world}");
    assert!(world.contains("\n2021,1064,"), "{world}");
    assert_eq!(world.lines().count(), 3, "{world}");

    // A World Bank download (two lines above the header, rows ending in a comma, years across):
    // the World alone, not the sum of countries, regions and income groups.
    let bank = default_table("worldbank_api_layout.csv");
    assert!(bank.starts_with("year,value,"), "{bank}");
    assert!(bank.contains("\n2021,99999,"), "{bank}");
    assert!(bank.contains("\n2023,100001,"), "{bank}");
    assert_eq!(bank.lines().count(), 4, "{bank}");

    // Fifteen states and no total: the five largest, one line each.
    let states = default_table("many_states.csv");
    assert!(states.starts_with("year,state,value,"), "{states}");
    let mut shown: Vec<&str> = states
        .lines()
        .skip(1)
        .filter_map(|line| line.split(',').nth(1))
        .collect();
    shown.sort_unstable();
    shown.dedup();
    assert_eq!(
        shown,
        ["Arizona", "California", "Connecticut", "Florida", "Hawaii"]
    );
}

#[test]
fn a_wide_table_with_a_column_per_day_charts_by_date() {
    // The layout of the Johns Hopkins COVID-19 time series: dates across the header.
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/load/jhu_wide_dates.csv");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("days.csv");
    succeeded(&export_default(&data, &out));
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.starts_with("date,Country/Region,value,"), "{text}");
    assert!(text.contains("\n2020-01-25,Australia,8,"), "{text}");
    assert!(text.contains("\n2020-01-22,Afghanistan,0,"), "{text}");
    assert!(!text.contains("Lat"), "{text}");
}

#[test]
fn ten_lines_of_a_rate_get_ten_colours_and_an_axis_around_their_values() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("rates.csv");
    let mut text = String::from("year,country,rate\n");
    for country in 0..10 {
        for year in 2015..2025 {
            let rate = 6.8 + f64::from(country) * 0.05 + f64::from(year - 2015) * 0.001;
            writeln!(text, "{year},Country {country},{rate:.3}").unwrap();
        }
    }
    std::fs::write(&data, text).unwrap();
    let out = dir.path().join("rates.svg");
    succeeded(&export_default(&data, &out));
    let svg = std::fs::read_to_string(&out).unwrap();
    let document = roxmltree::Document::parse(&svg).unwrap();
    let colours: Vec<&str> = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("series"))
        .map(|series| {
            series
                .descendants()
                .find_map(|n| n.attribute("stroke"))
                .expect("a series is drawn with a stroke")
        })
        .collect();
    assert_eq!(colours.len(), 10);
    let distinct: std::collections::BTreeSet<&&str> = colours.iter().collect();
    assert_eq!(distinct.len(), 10, "{colours:?}");
    // A line is drawn over its own values: no axis from zero that flattens it.
    let axes = document
        .descendants()
        .find(|n| n.attribute("class") == Some("axes"))
        .unwrap();
    let y_labels: Vec<f64> = axes
        .descendants()
        .filter(|n| n.attribute("text-anchor") == Some("end"))
        .filter_map(|n| n.text()?.replace('−', "-").parse().ok())
        .collect();
    assert!(y_labels.len() >= 3, "{y_labels:?}");
    assert!(
        y_labels.iter().all(|v| (6.5..7.5).contains(v)),
        "{y_labels:?}"
    );
}

/// The x tick labels of an exported SVG, left to right.
fn x_tick_labels(svg: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(svg).unwrap();
    let axes = document
        .descendants()
        .find(|n| n.attribute("class") == Some("axes"))
        .unwrap();
    axes.descendants()
        .filter(|n| n.attribute("text-anchor") == Some("middle"))
        .filter_map(|n| n.text().map(str::to_owned))
        .collect()
}

#[test]
fn time_axes_tick_months_and_days_as_their_span_asks() {
    let dir = tempfile::tempdir().unwrap();
    let monthly = dir.path().join("monthly.csv");
    let mut text = String::from("month,value\n");
    for index in 0..24 {
        writeln!(
            text,
            "{}-{:02},{}",
            2023 + index / 12,
            index % 12 + 1,
            10 + index
        )
        .unwrap();
    }
    std::fs::write(&monthly, text).unwrap();
    let out = dir.path().join("monthly.svg");
    succeeded(&export_default(&monthly, &out));
    let labels = x_tick_labels(&std::fs::read_to_string(&out).unwrap());
    // The axes' titles are centred too; the ticks are the rest.
    let ticks: Vec<String> = labels
        .into_iter()
        .filter(|l| l != "month" && l != "value")
        .collect();
    assert_eq!(
        ticks.first().map(String::as_str),
        Some("Jan 2023"),
        "{ticks:?}"
    );
    assert!(ticks.contains(&"Jan 2024".to_owned()), "{ticks:?}");
    assert!(ticks.contains(&"Apr".to_owned()), "{ticks:?}");
    // Never a day of a month on a chart of months.
    assert!(
        ticks.iter().all(|t| !t.starts_with(char::is_numeric)),
        "{ticks:?}"
    );

    let daily = dir.path().join("daily.csv");
    let mut text = String::from("date,value\n");
    for day in 1..=31 {
        writeln!(text, "2024-05-{day:02},{day}").unwrap();
    }
    for day in 1..=30 {
        writeln!(text, "2024-06-{day:02},{day}").unwrap();
    }
    std::fs::write(&daily, text).unwrap();
    let out = dir.path().join("daily.svg");
    succeeded(&export_default(&daily, &out));
    let labels = x_tick_labels(&std::fs::read_to_string(&out).unwrap());
    assert!(labels.len() >= 6, "{labels:?}");
    assert!(labels.contains(&"1 Jun".to_owned()), "{labels:?}");
}

#[test]
fn export_data_takes_the_title_unit_note_and_source_a_report_needs() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("trade.svg");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/load/monthly.csv");
    succeeded(&bilateral(&[
        "export",
        "--data",
        data.to_str().unwrap(),
        "--title",
        "Trade rose in March",
        "--unit",
        "USD billion",
        "--note",
        "March preliminary",
        "--source",
        "China customs (GACC)",
        "--out",
        out.to_str().unwrap(),
    ]));
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains(">Trade rose in March</text>"), "{svg}");
    assert!(svg.contains(">USD billion</text>"), "{svg}");
    assert!(
        svg.contains("Note: March preliminary · Source: China customs (GACC)"),
        "{svg}"
    );
    assert!(!svg.contains("monthly.csv</text>"), "{svg}");
}

#[test]
fn a_few_lines_are_named_at_their_ends_in_place_of_a_legend() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("energy.csv");
    // Oil ends highest, gas just under it, coal far below.
    let mut text = String::from("year,fuel,value\n");
    for year in 2015..2025 {
        let step = f64::from(year - 2015);
        writeln!(text, "{year},Crude oil,{}", 50.0 + step * 5.0).unwrap();
        writeln!(text, "{year},Pipeline gas,{}", 40.0 + step * 6.0).unwrap();
        writeln!(text, "{year},Coal,{}", 30.0 - step).unwrap();
    }
    std::fs::write(&data, text).unwrap();
    let out = dir.path().join("energy.svg");
    succeeded(&export_default(&data, &out));
    let svg = std::fs::read_to_string(&out).unwrap();
    let document = roxmltree::Document::parse(&svg).unwrap();
    assert!(
        !document
            .descendants()
            .any(|n| n.attribute("class") == Some("legend")),
        "no legend: the lines are named at their ends"
    );
    let labels = document
        .descendants()
        .find(|n| n.attribute("class") == Some("end-labels"))
        .expect("end labels");
    let placed: Vec<(String, f64)> = labels
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let y = n.attribute("y").unwrap().parse().unwrap();
            (n.text().unwrap().to_owned(), y)
        })
        .collect();
    let y_of = |name: &str| placed.iter().find(|(n, _)| n == name).unwrap().1;
    assert_eq!(placed.len(), 3, "{placed:?}");
    // Top to bottom as the lines end (95, 94, 21); the two close ones a line of text apart.
    assert!(y_of("Crude oil") < y_of("Pipeline gas"), "{placed:?}");
    assert!(
        y_of("Pipeline gas") - y_of("Crude oil") >= 15.9,
        "{placed:?}"
    );
    assert!(y_of("Coal") - y_of("Pipeline gas") > 200.0, "{placed:?}");
    // Right of the plot, which ends before them.
    let frame_right = document
        .descendants()
        .find(|n| n.attribute("clip-path").is_some())
        .and_then(|_| {
            let rect = document.descendants().find(|n| {
                n.has_tag_name("rect") && n.parent().is_some_and(|p| p.has_tag_name("clipPath"))
            })?;
            let x: f64 = rect.attribute("x")?.parse().ok()?;
            let width: f64 = rect.attribute("width")?.parse().ok()?;
            Some(x + width)
        })
        .unwrap();
    let first_x: f64 = labels
        .descendants()
        .find(|n| n.has_tag_name("text"))
        .and_then(|n| n.attribute("x")?.parse().ok())
        .unwrap();
    assert!(first_x > frame_right, "{first_x} against {frame_right}");
}

#[test]
fn events_named_on_the_command_line_carry_their_short_names_beside_their_markers() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("trade.svg");
    succeeded(&bilateral(&[
        "export",
        "--chart",
        "trade",
        "--label-event",
        "joint sea-2014",
        "--out",
        out.to_str().unwrap(),
    ]));
    let svg = std::fs::read_to_string(&out).unwrap();
    let document = roxmltree::Document::parse(&svg).unwrap();
    let labels: Vec<roxmltree::Node<'_, '_>> = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("marker-labels"))
        .flat_map(|g| g.descendants().filter(|n| n.has_tag_name("text")))
        .collect();
    assert_eq!(labels.len(), 1, "{svg}");
    assert_eq!(labels[0].text(), Some("Joint Sea-2014"));
    // Just right of its marker, which is drawn although exercises are not shown by default.
    let marker_x: f64 = document
        .descendants()
        .filter(|n| n.attribute("class") == Some("marker"))
        .find(|n| {
            n.descendants()
                .any(|t| t.text().is_some_and(|t| t.starts_with("Joint Sea-2014")))
        })
        .and_then(|n| n.attribute("x1")?.parse().ok())
        .expect("the exercise's marker");
    let label_x: f64 = labels[0].attribute("x").unwrap().parse().unwrap();
    assert!(
        (label_x - marker_x - 4.0).abs() < 0.2,
        "{label_x} {marker_x}"
    );

    let unknown = bilateral(&[
        "export",
        "--chart",
        "trade",
        "--label-event",
        "Zapad-1981",
        "--out",
        dir.path().join("x.svg").to_str().unwrap(),
    ]);
    assert_eq!(unknown.status.code(), Some(1));
    let message = String::from_utf8_lossy(&unknown.stderr);
    assert!(
        message.contains("no event's name contains \"Zapad-1981\""),
        "{message}"
    );
}
