//! The real app type driven headlessly with `egui_kittest`: what a user clicks and what they
//! then see.

use super::common;

use std::collections::HashMap;

use bilateral::chart::{ChartId, PointRef};
use bilateral::data::{Bundle, EventKind};
use bilateral::ui::settings::SETTINGS_KEY;
use bilateral::ui::{BilateralApp, Settings, Theme};
use eframe::App as _;
use egui::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;

fn harness_with(storage: Option<&'static MemoryStorage>) -> Harness<'static, BilateralApp> {
    let mut harness = Harness::builder()
        .with_size([1400.0, 900.0])
        .build_eframe(move |cc| {
            if let Some(storage) = storage {
                cc.storage = Some(storage);
            }
            BilateralApp::new(cc, Bundle::load().expect("bundled data"))
        });
    harness.run();
    harness
}

fn harness() -> Harness<'static, BilateralApp> {
    harness_with(None)
}

#[derive(Default)]
struct MemoryStorage(HashMap<String, String>);

impl eframe::Storage for MemoryStorage {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn the_window_opens_on_the_trade_chart_with_headline_figures() {
    let harness = harness();
    assert_eq!(harness.state().chart.id, ChartId::Trade);
    harness.get_by_label_contains("China–Russia trade, 2025: $228.1 billion -6.9% on 2024");
    harness.get_by_label_contains("Record year, 2024: $244.8 billion +1.9% on 2023, a record");
    harness.get_by_label_contains(
        "Trade so far, January–April 2026: $85.2 billion +19.7% on January–April 2025",
    );
    harness.get_by_label_contains("US tariff increases, May 2024: $18 billion");
    harness.get_by_label("Chart: China–Russia trade, 1992–2025");
}

#[test]
fn every_chart_can_be_selected_by_its_label() {
    let mut harness = harness();
    for chart in ChartId::ALL.into_iter().rev() {
        harness.get_by_label(chart.label()).click();
        harness.run();
        assert_eq!(harness.state().settings.chart, chart);
        assert_eq!(harness.state().chart.id, chart);
        harness.get_by_label(&format!("Chart: {}", harness.state().chart.title));
    }
}

#[test]
fn clicking_the_article_figure_shows_the_trade_chart_and_marks_2023() {
    let mut harness = harness();
    harness.get_by_label(ChartId::Timeline.label()).click();
    harness.run();
    assert_eq!(harness.state().chart.id, ChartId::Timeline);

    harness
        .get_by_label("a record $240.1 billion last year")
        .click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.chart.id, ChartId::Trade);
    assert_eq!(app.selection.point, Some(PointRef::Year(2023)));
    // The data table shows the value behind the highlight (with its column's three decimals),
    // and the note explains the other side's figure.
    harness.get_by_label("240.110");
    harness.get_by_label_contains("Russia's Economy Ministry gave $227.8 billion");
}

#[test]
fn selecting_a_data_point_marks_the_sentences_that_cite_it() {
    let mut harness = harness();
    assert!(
        harness
            .query_by_label_contains("Russia's Economy Ministry gave $227.8 billion")
            .is_none(),
        "no note is shown before anything is selected"
    );
    let year_cell = harness.get_by_label("2023");
    year_cell.scroll_to_me();
    harness.run();
    harness.get_by_label("2023").click();
    harness.run();
    assert_eq!(harness.state().selection.point, Some(PointRef::Year(2023)));
    assert_eq!(harness.state().selection.annotation, None);
    harness.get_by_label_contains("Russia's Economy Ministry gave $227.8 billion");
}

#[test]
fn clicking_an_event_annotation_marks_the_event_on_the_timeline() {
    let mut harness = harness();
    let highlight = "in March, Chinese and Russian navies conducted drills in the Gulf of Oman with Iranian forces";
    harness.get_by_label(highlight).scroll_to_me();
    harness.run();
    harness.get_by_label(highlight).click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.chart.id, ChartId::Timeline);
    let selected = app.selection.point.clone().expect("an event is selected");
    let (series, point) = app
        .chart
        .find_point(&selected)
        .expect("the event is on the chart");
    assert_eq!(series.name, "Joint exercises");
    assert!(
        point.label.starts_with("Maritime Security Belt 2024"),
        "{}",
        point.label
    );
}

#[test]
fn toggling_an_event_kind_hides_its_markers() {
    let mut harness = harness();
    let count = |app: &BilateralApp, kind: EventKind| {
        app.chart.markers.iter().filter(|m| m.kind == kind).count()
    };
    assert!(count(harness.state(), EventKind::Tariff) > 0);
    assert_eq!(count(harness.state(), EventKind::Exercise), 0);
    // Each kind on the chart is in the plot's legend, as in the exports.
    harness.get_by_label("US tariff actions");
    assert!(harness.query_by_label("Joint exercises").is_none());

    harness
        .get_by_role_and_label(Role::CheckBox, "Show events: US tariff actions")
        .click();
    harness.run();
    assert_eq!(count(harness.state(), EventKind::Tariff), 0);
    assert!(harness.query_by_label("US tariff actions").is_none());

    harness
        .get_by_role_and_label(Role::CheckBox, "Show events: Joint exercises")
        .click();
    harness.run();
    assert!(count(harness.state(), EventKind::Exercise) >= 15);
    harness.get_by_label("Joint exercises");
}

#[test]
fn settings_survive_a_save_and_restore() {
    let mut harness = harness();
    harness.get_by_label(ChartId::Growth.label()).click();
    harness.run();
    harness.get_by_label("Index to base year").click();
    harness.run();
    let mut storage = MemoryStorage::default();
    harness.state_mut().settings.theme = Theme::Dark;
    harness.state_mut().settings.show_table = false;
    harness.state_mut().save(&mut storage);

    let storage: &'static MemoryStorage = Box::leak(Box::new(storage));
    let restored = harness_with(Some(storage));
    let app = restored.state();
    assert_eq!(app.settings.chart, ChartId::Growth);
    assert_eq!(
        app.settings.growth_view,
        bilateral::chart::GrowthView::Index
    );
    assert_eq!(app.settings.theme, Theme::Dark);
    assert!(!app.settings.show_table);
    assert!(app.notices.is_empty());
    assert_eq!(app.chart.id, ChartId::Growth);
}

#[test]
fn a_corrupt_settings_file_gives_defaults_and_a_notice() {
    let mut storage = MemoryStorage::default();
    storage
        .0
        .insert(SETTINGS_KEY.to_owned(), "{\"chart\": 42".to_owned());
    let harness = harness_with(Some(Box::leak(Box::new(storage))));
    let app = harness.state();
    assert_eq!(app.settings, Settings::default());
    assert_eq!(app.notices.len(), 1);
    harness.get_by_label_contains("The saved settings could not be read");
}

#[test]
fn each_article_number_carries_its_verdict_and_shows_the_evidence() {
    let mut harness = harness();
    harness.get_by_label(ChartId::Timeline.label()).click();
    harness.run();
    harness.get_by_label("supported: $18 billion").click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.chart.id, ChartId::TariffLists);
    let claim = &app.article.claims[app.selection.claim.expect("a claim is selected")];
    assert_eq!(claim.found.text, "$18 billion");
    let (_, point) = app
        .chart
        .find_point(app.selection.point.as_ref().expect("a point is marked"))
        .expect("the claim's point is on the chart");
    assert!((point.y - 18.0).abs() < 1e-9);
    harness
        .get_by_label_contains("is the value of Chinese imports covered, not the tariff revenue");
    harness.get_by_label_contains("The data: 18 · tolerance used: ±0.5");
    // How the figure was read, so a user sees what it was compared with.
    harness.get_by_label_contains("Read as: measure from \"tariff\"");
    for badge in [
        "supported: $240.1 billion",
        "supported: a record",
        "supported: 75th anniversary",
    ] {
        harness.get_by_label(badge);
    }
}

#[test]
fn the_statistics_follow_the_range_and_the_trend_line_can_be_drawn() {
    let mut harness = harness();
    harness.get_by_label_contains("Compound growth");
    harness.get_by_label_contains("break at 2022");
    assert!(
        harness
            .state()
            .chart
            .series
            .iter()
            .all(|s| s.style != bilateral::chart::SeriesStyle::Band)
    );
    harness.get_by_label("Trend line on chart").click();
    harness.run();
    assert!(harness.state().settings.show_trend);
    let trend = harness
        .state()
        .chart
        .series
        .iter()
        .find(|s| s.style == bilateral::chart::SeriesStyle::Band)
        .expect("the trend is drawn");
    assert!(trend.name.starts_with("Trend 1992–2025"), "{}", trend.name);

    harness
        .state_mut()
        .send(bilateral::ui::Command::SetStatsRange {
            from: 2022,
            to: 2024,
            break_year: Some(2023),
        });
    harness.run();
    harness.get_by_label_contains(
        "no break test: a break test (on each side of the break year) needs at least 3 years",
    );
}

/// Steps the app until `done` holds: background work (reading an article, writing an export)
/// runs on a thread while the window keeps drawing.
fn wait_until(harness: &mut Harness<'static, BilateralApp>, done: impl Fn(&BilateralApp) -> bool) {
    // Up to 30 s: a busy two-core CI machine starts polars' thread pools slowly.
    for _ in 0..3000 {
        harness.step();
        if done(harness.state()) {
            harness.run();
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    panic!("the background work did not finish");
}

/// File → `item` → the path typed into the dialog → Open; the loading has started.
fn open_through_the_file_menu(
    harness: &mut Harness<'static, BilateralApp>,
    item: &str,
    path: &std::path::Path,
) {
    harness.get_by_label("File").click();
    harness.run();
    harness.get_by_label_contains(item).click();
    harness.run();
    harness.get_by_label("File:").focus();
    harness
        .get_by_label("File:")
        .type_text(path.to_str().unwrap());
    harness.run();
    harness.get_by_label("Open").click();
    harness.step();
}

fn wait_for_article(harness: &mut Harness<'static, BilateralApp>) {
    wait_until(harness, |app| app.article.loading.is_none());
}

#[test]
fn an_opened_article_has_its_figures_checked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.md");
    std::fs::write(
        &path,
        "# Trade notes\nDate: 2024-02-01\n\nTrade reached $250 billion last year, a record.\n\nIn 2022 China's exports to Russia were $76.12 billion.\n",
    )
    .unwrap();
    let mut harness = harness();
    open_through_the_file_menu(&mut harness, "Open article…", &path);
    wait_for_article(&mut harness);

    let app = harness.state();
    assert_eq!(app.article.article.title, "Trade notes");
    assert_eq!(app.article.path.as_deref(), Some(path.as_path()));
    assert!(app.file_dialog.is_none());
    harness.get_by_label("contradicted: $250 billion");
    harness.get_by_label("supported: $76.12 billion");
    harness.get_by_label("supported: a record");

    harness.get_by_label("Back to the bundled article").click();
    harness.run();
    assert_eq!(
        harness.state().article.article.title,
        harness.state().bundle.article.title
    );
}

#[test]
fn an_unreadable_article_leaves_the_current_one_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("scan.txt");
    std::fs::write(&binary, b"\xFF\xFE\x00garbage").unwrap();
    let mut harness = harness();
    let title = harness.state().article.article.title.clone();
    for path in [
        binary,
        dir.path().join("missing.txt"),
        dir.path().to_path_buf(),
    ] {
        harness
            .state_mut()
            .send(bilateral::ui::Command::LoadArticle(path.clone()));
        harness.step();
        wait_for_article(&mut harness);
        assert_eq!(harness.state().article.article.title, title);
        let notice = harness.state().notices.last().cloned().expect("a notice");
        assert!(notice.contains(path.to_str().unwrap()), "{notice}");
        // Shown as an error, not in the grey of "Opened …".
        assert!(notice.is_error, "{notice}");
        harness.get_by_label("Error:");
    }
    let notices = &harness.state().notices;
    assert!(notices[0].contains("is not UTF-8 text"), "{notices:?}");
    assert!(notices[1].contains("cannot be read"), "{notices:?}");
    assert!(notices[2].contains("this is a folder"), "{notices:?}");
}

#[test]
fn a_file_with_ragged_rows_is_refused_with_their_line_then_loads_without_them_on_request() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ragged.csv");
    std::fs::write(&path, "year,value\n2021,146.9\n2022,190.3,x\n2023,240.1\n").unwrap();
    let mut harness = harness();
    open_data_file(&mut harness, path.clone());
    let notice = harness.state().notices.last().cloned().expect("a notice");
    assert!(notice.is_error, "{notice}");
    assert!(notice.contains("line 3: the row has 3 cells"), "{notice}");
    assert!(harness.state().user_files.opened.is_empty());

    harness.get_by_label("Load without such rows").click();
    harness.step();
    harness.step();
    wait_for_loading(&mut harness);
    let app = harness.state();
    let file = app.user_files.shown_file().expect("the file is open");
    assert_eq!(file.report.skipped_rows, 1);
    assert_eq!(file.report.rows, 2);
    let points: Vec<(f64, f64)> = app.chart.series[0]
        .points
        .iter()
        .map(|p| (p.x, p.y))
        .collect();
    assert_eq!(points, [(2021.0, 146.9), (2023.0, 240.1)]);
    let notice = app.notices.last().unwrap();
    assert!(!notice.is_error);
    assert!(
        notice.contains(": 2 rows, 2 columns, 1 row left out in "),
        "{notice}"
    );
}

fn wait_for_export(harness: &mut Harness<'static, BilateralApp>) {
    wait_until(harness, |app| app.exports.to_file.is_none());
}

/// Export… → the file name replaced by `path` → Save, and the export finished.
fn export_through_the_dialog(harness: &mut Harness<'static, BilateralApp>, path: &std::path::Path) {
    harness.get_by_label("Export…").click();
    harness.run();
    harness.get_by_label("File:").focus();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_label("File:")
        .type_text(path.to_str().unwrap());
    harness.run();
    harness.get_by_label("Save").click();
    harness.step();
    wait_for_export(harness);
}

#[test]
fn the_chart_on_screen_exports_from_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("growth.svg");
    let mut harness = harness();
    harness.get_by_label(ChartId::Growth.label()).click();
    harness.run();
    export_through_the_dialog(&mut harness, &path);
    let svg = std::fs::read_to_string(&path).expect("the file was written");
    assert!(svg.contains("Growth of China–Russia trade"));
    harness.get_by_label_contains("The chart was exported to");
}

#[test]
fn an_existing_file_is_replaced_only_after_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("chart.csv");
    std::fs::write(&path, "keep me").unwrap();
    let mut harness = harness();
    harness
        .state_mut()
        .send(bilateral::ui::Command::ExportChartTo {
            path: path.clone(),
            replace: false,
        });
    harness.run();
    harness.get_by_label("Cancel").click();
    harness.run();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");

    harness
        .state_mut()
        .send(bilateral::ui::Command::ExportChartTo {
            path: path.clone(),
            replace: false,
        });
    harness.run();
    harness.get_by_label_contains("exists. Replace it with the chart?");
    harness.get_by_label("Replace").click();
    harness.step();
    wait_for_export(&mut harness);
    let csv = std::fs::read_to_string(&path).unwrap();
    assert!(csv.lines().any(|l| l.starts_with("2023,240.11,")), "{csv}");
}

#[test]
fn the_chart_can_be_copied_as_an_image() {
    let mut harness = harness();
    harness.get_by_label("Copy image").click();
    harness.step();
    let mut copied = None;
    for _ in 0..500 {
        harness.step();
        if let Some(image) =
            harness
                .output()
                .platform_output
                .commands
                .iter()
                .find_map(|c| match c {
                    egui::OutputCommand::CopyImage(image) => Some(image.clone()),
                    _ => None,
                })
        {
            copied = Some(image);
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let image = copied.expect("an image was put on the clipboard");
    assert_eq!(image.size, [2400, 1440], "the default export size at 2×");
    harness.run();
    harness.get_by_label_contains("copied to the clipboard");
}

fn fixture(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/load")
        .join(name)
}

fn wait_for_loading(harness: &mut Harness<'static, BilateralApp>) {
    wait_until(harness, |app| app.user_files.loading.is_empty());
}

/// Opens `path` as File → Open data file… does, and waits until it is read.
fn open_data_file(harness: &mut Harness<'static, BilateralApp>, path: std::path::PathBuf) {
    harness
        .state_mut()
        .send(bilateral::ui::Command::LoadCsv(path));
    harness.step();
    wait_for_loading(harness);
}

/// A changed mapping is charted off the UI thread.
fn wait_for_chart(harness: &mut Harness<'static, BilateralApp>) {
    wait_until(harness, |app| app.user_files.chart_job.is_none());
}

fn series_names(app: &BilateralApp) -> Vec<String> {
    app.chart.series.iter().map(|s| s.name.clone()).collect()
}

#[test]
fn a_csv_opened_from_the_file_menu_charts_beside_the_bundled_charts() {
    let mut harness = harness();
    open_through_the_file_menu(&mut harness, "Open data file…", &fixture("wide_years.csv"));
    wait_for_loading(&mut harness);

    let app = harness.state();
    assert_eq!(app.chart.id, ChartId::UserData);
    assert_eq!(app.chart.title, "wide_years.csv");
    assert_eq!(series_names(app), ["China", "Russia"]);
    let china = &app.chart.series[0].points;
    assert_eq!((china[3].x, china[3].y), (2022.0, 114.15));
    assert_eq!(app.settings.recent_files.len(), 1);
    harness.get_by_label_contains("Opened ");
    assert!(!app.notices.last().unwrap().is_error);
    harness.get_by_label("Chart: wide_years.csv");
    // The data dialog opens again in the folder the file was chosen from.
    let folder = std::path::absolute(fixture("wide_years.csv"))
        .unwrap()
        .parent()
        .unwrap()
        .display()
        .to_string();
    assert_eq!(
        harness
            .state()
            .settings
            .data_folder
            .as_ref()
            .map(|f| f.display().to_string()),
        Some(folder.clone())
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run();
    harness.get_by_label(&folder);
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.get_by_label_contains("One column per year");

    // The bundled charts are still there, and the file's chart comes back with one click.
    harness.get_by_label(ChartId::Trade.label()).click();
    harness.run();
    assert_eq!(harness.state().chart.id, ChartId::Trade);
    harness.get_by_label("wide_years.csv").click();
    harness.run();
    assert_eq!(harness.state().chart.id, ChartId::UserData);

    // Reshaping to long keeps the chart and lists the long columns.
    harness.get_by_label("Reshape to long").click();
    harness.step();
    // polars reshapes off the UI thread; the chart follows.
    wait_until(&mut harness, |app| app.user_files.reshape_job.is_none());
    wait_for_chart(&mut harness);
    let file = &harness.state().user_files.opened[0];
    assert_eq!(file.report.shape, "long");
    // The column panel describes the long table: its rows and columns, not the wide file's.
    assert_eq!(file.report.rows, 8);
    let reported: Vec<&str> = file
        .report
        .columns
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(reported, ["Country Name", "Series Name", "year", "value"]);
    harness.get_by_label_contains("8 rows · 4 columns");
    let names: Vec<&str> = file.table.plans.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Country Name", "Series Name", "year", "value"]);
    let bilateral::load::TableData::Frame(frame) = &file.table.data else {
        panic!("a reshaped table is in memory");
    };
    assert_eq!(frame.height(), 8);
    assert_eq!(series_names(harness.state()), ["China", "Russia"]);
}

#[test]
fn changing_the_mapping_recharts_the_file() {
    let mut harness = harness();
    open_data_file(&mut harness, fixture("../baci_sample.csv"));
    let file = &harness.state().user_files.opened[0];
    let (id, spec) = (file.id, file.spec.clone().expect("a default mapping"));
    assert_eq!(
        (spec.x.as_str(), spec.values.clone()),
        ("t", vec!["v".to_owned()])
    );
    // Exporters 156 and 643: two lines by default.
    assert_eq!(spec.group.as_deref(), Some("i"));
    assert_eq!(series_names(harness.state()), ["156", "643"]);

    let filtered = bilateral::chart::user::ChartSpec {
        group: None,
        filters: vec![bilateral::chart::user::Filter {
            column: "i".to_owned(),
            values: vec!["643".to_owned()],
        }],
        ..spec
    };
    harness
        .state_mut()
        .send(bilateral::ui::Command::SetChartSpec(id, filtered));
    harness.step();
    wait_for_chart(&mut harness);
    let app = harness.state();
    assert_eq!(series_names(app), ["v"]);
    let ys: Vec<f64> = app.chart.series[0].points.iter().map(|p| p.y).collect();
    assert_eq!(ys, [5000.0, 7000.75, 8000.0]);
    harness.get_by_label_contains("i = 643.");

    // The values a filter offers are read off the UI thread, once per column, in order.
    harness
        .state_mut()
        .send(bilateral::ui::Command::ReadFilterChoices(
            id,
            "k".to_owned(),
        ));
    harness.step();
    wait_until(&mut harness, |app| app.user_files.choices_job.is_none());
    assert_eq!(
        harness.state().user_files.opened[0].filter_choices["k"],
        ["010121", "270900", "851712"]
    );
}

#[test]
fn commands_and_jobs_name_files_by_id_so_closing_one_touches_no_other() {
    let mut harness = harness();
    for name in ["monthly.csv", "../baci_sample.csv"] {
        open_data_file(&mut harness, fixture(name));
    }
    let opened = &harness.state().user_files.opened;
    let (monthly, baci) = (opened[0].id, opened[1].id);
    let spec = opened[1].spec.clone().expect("a default mapping");
    let only_643 = bilateral::chart::user::ChartSpec {
        group: None,
        filters: vec![bilateral::chart::user::Filter {
            column: "i".to_owned(),
            values: vec!["643".to_owned()],
        }],
        ..spec.clone()
    };

    // Closing the first file and remapping the second in one frame: the remap reaches the
    // second file, which is no longer where the list held it.
    harness
        .state_mut()
        .send(bilateral::ui::Command::CloseUserFile(monthly));
    harness
        .state_mut()
        .send(bilateral::ui::Command::SetChartSpec(baci, only_643.clone()));
    harness.step();
    wait_for_chart(&mut harness);
    let app = harness.state();
    assert_eq!(app.user_files.opened.len(), 1);
    assert_eq!(app.user_files.opened[0].id, baci);
    assert_eq!(app.user_files.opened[0].spec.as_ref(), Some(&only_643));
    assert_eq!(series_names(app), ["v"]);

    // A chart that is ready after its file was closed goes nowhere, and the bundled chart stays.
    harness
        .state_mut()
        .send(bilateral::ui::Command::SetChartSpec(baci, spec));
    harness
        .state_mut()
        .send(bilateral::ui::Command::CloseUserFile(baci));
    harness.step();
    wait_for_chart(&mut harness);
    let app = harness.state();
    assert!(app.user_files.opened.is_empty());
    assert_eq!(app.chart.id, ChartId::Trade);
    // Commands naming a closed file do nothing.
    harness
        .state_mut()
        .send(bilateral::ui::Command::ReadFilterChoices(
            baci,
            "k".to_owned(),
        ));
    harness.step();
    assert!(harness.state().user_files.choices_job.is_none());
}

#[test]
fn a_bad_file_keeps_what_is_loaded_and_says_why() {
    let mut harness = harness();
    open_data_file(&mut harness, fixture("monthly.csv"));
    let chart_before = harness.state().chart.clone();
    for (name, message) in [
        (
            "ragged.csv",
            "ragged.csv, line 3: the row has 2 cells but the header has 3",
        ),
        (
            "workbook_renamed.csv",
            "workbook_renamed.csv: this is an Excel workbook",
        ),
        ("empty.csv", "empty.csv: the file is empty"),
    ] {
        open_data_file(&mut harness, fixture(name));
        let notice = harness.state().notices.last().cloned().unwrap();
        assert!(notice.contains(message), "{notice}");
        harness.get_by_label_contains(message);
        assert_eq!(harness.state().user_files.opened.len(), 1);
        assert_eq!(harness.state().chart, chart_before);
    }
}

#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn files_dropped_on_the_window_open() {
    let mut harness = harness();
    for name in ["semicolon_decimal_comma.csv", "monthly.csv"] {
        harness
            .input_mut()
            .dropped_files
            .push(std::sync::Arc::new(DroppedPath(fixture(name))));
    }
    harness.step();
    wait_for_loading(&mut harness);
    let names: Vec<String> = harness
        .state()
        .user_files
        .opened
        .iter()
        .map(|f| f.table.file_name())
        .collect();
    assert_eq!(names.len(), 2);
    assert!(names.contains(&"monthly.csv".to_owned()), "{names:?}");
    assert!(
        names.contains(&"semicolon_decimal_comma.csv".to_owned()),
        "{names:?}"
    );
}

#[test]
fn a_long_load_shows_its_progress_and_can_be_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.csv");
    let mut text = String::from("year,value\n");
    while text.len() < 24 << 20 {
        text.push_str("2023,240.11\n");
    }
    std::fs::write(&path, text).unwrap();
    let mut harness = harness();
    harness
        .state_mut()
        .send(bilateral::ui::Command::LoadCsv(path.clone()));
    harness.step();
    harness.step();
    harness.get_by_label_contains("Loading big.csv");
    harness.get_by_label("Cancel").click();
    harness.step();
    wait_for_loading(&mut harness);
    let app = harness.state();
    assert!(app.user_files.opened.is_empty());
    let notice = app.notices.last().unwrap();
    assert!(notice.ends_with("big.csv was cancelled."), "{notice}");
}

#[test]
fn a_users_chart_exports_from_the_window_like_the_bundled_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("monthly.svg");
    let mut harness = harness();
    open_data_file(&mut harness, fixture("monthly.csv"));
    export_through_the_dialog(&mut harness, &path);
    let svg = std::fs::read_to_string(&path).expect("the file was written");
    assert!(svg.contains(">monthly.csv</text>"), "{svg}");
    assert!(svg.contains("value_usd_bn by month"), "{svg}");
}

#[test]
fn a_file_of_twenty_thousand_columns_lists_a_screenful_and_a_search_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wide.csv");
    common::write_columns_file(&path, 20_000);
    let mut harness = harness();
    open_data_file(&mut harness, path);
    assert_eq!(
        harness.state().user_files.opened[0].report.columns.len(),
        20_000
    );
    assert_eq!(harness.state().user_files.opened[0].report.shape, "long");
    // c1 is charted (its legend entry is a checkbox too); the list runs on to c30.
    harness.get_by_role_and_label(Role::CheckBox, "c2");
    harness.get_by_role_and_label(Role::CheckBox, "c30");
    assert!(
        harness
            .query_by_role_and_label(Role::CheckBox, "c500")
            .is_none()
    );
}

#[test]
fn the_year_to_date_and_composition_charts_switch_views() {
    let mut harness = harness();
    harness.get_by_label(ChartId::YearToDate.label()).click();
    harness.run();
    harness.get_by_label_contains("Chart: China–Russia trade, year to date, 2023–2026");
    harness.get_by_label("Single months").click();
    harness.run();
    assert_eq!(
        harness.state().settings.period_view,
        bilateral::chart::PeriodView::Months
    );
    harness.get_by_label("Chart: China–Russia trade by month");
    harness.get_by_label(ChartId::Composition.label()).click();
    harness.run();
    harness.get_by_label("Tonnes").click();
    harness.run();
    let chart = &harness.state().chart;
    assert_eq!(chart.y_axis.label, "Million tonnes");
    assert!(
        chart
            .series
            .iter()
            .any(|s| s.name == "Crude oil, full year")
    );
    // Derived and weakly sourced points are said to be hollow under the chart.
    harness.get_by_label_contains("Hollow: derived or weakly sourced.");
}

#[test]
fn a_folder_of_yearly_files_opens_from_the_dialog_as_one_table_read_where_it_lies() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("baci");
    std::fs::create_dir(&folder).unwrap();
    for (year, value) in [(2021, "1.5"), (2022, "2.25"), (2023, "4")] {
        std::fs::write(
            folder.join(format!("BACI_Y{year}.csv")),
            format!("t,i,j,v\n{year},156,643,{value}\n{year},156,643,{value}\n{year},643,156,9\n"),
        )
        .unwrap();
    }
    let mut harness = harness();
    // Typing a folder's path and Open goes into the folder; "Open this folder" opens it.
    open_through_the_file_menu(&mut harness, "Open data file…", &folder);
    harness.run();
    harness.get_by_label("Open this folder").click();
    // Stepped, not run: the progress bar animates while polars reads the files.
    harness.step();
    wait_for_loading(&mut harness);
    let app = harness.state();
    assert_eq!(app.chart.title, "baci");
    let file = &app.user_files.opened[0];
    assert!(file.table.data.is_scan(), "a folder is read where it lies");
    assert_eq!(file.report.rows, 9);
    // One line per exporter, a few as they are; each year's rows summed.
    assert_eq!(series_names(app), ["156", "643"]);
    let points: Vec<(f64, f64)> = app.chart.series[0]
        .points
        .iter()
        .map(|p| (p.x, p.y))
        .collect();
    assert_eq!(points, [(2021.0, 3.0), (2022.0, 4.5), (2023.0, 8.0)]);
}

#[test]
fn a_users_title_unit_and_source_are_charted_exported_and_kept_for_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("exports.csv");
    std::fs::copy(fixture("monthly.csv"), &data).unwrap();
    let mut harness = harness();
    open_data_file(&mut harness, data.clone());
    assert_eq!(harness.state().chart.title, "exports.csv");
    for (field, text) in [
        ("Title", "China's exports to Russia"),
        ("Unit", "USD billion"),
        ("Source", "China customs (GACC)"),
    ] {
        harness.get_by_label(field).focus();
        harness.get_by_label(field).type_text(text);
        harness.run();
    }
    let chart = &harness.state().chart;
    assert_eq!(chart.title, "China's exports to Russia");
    assert_eq!(chart.y_axis.label, "USD billion");
    assert_eq!(chart.source_line, "Source: China customs (GACC)");
    // The file's own subtitle stays where the user wrote none.
    assert!(chart.subtitle.contains("by month"), "{}", chart.subtitle);

    let svg_path = dir.path().join("exports.svg");
    export_through_the_dialog(&mut harness, &svg_path);
    let svg = std::fs::read_to_string(&svg_path).unwrap();
    assert!(
        svg.contains(">China&#39;s exports to Russia</text>")
            || svg.contains(">China's exports to Russia</text>"),
        "{svg}"
    );
    assert!(svg.contains("Source: China customs (GACC)"), "{svg}");

    // Saved with the settings: opened again in a new window, the file has its texts.
    let mut storage = MemoryStorage::default();
    harness.state_mut().save(&mut storage);
    let storage: &'static MemoryStorage = Box::leak(Box::new(storage));
    let mut restored = harness_with(Some(storage));
    restored
        .state_mut()
        .send(bilateral::ui::Command::LoadCsv(data));
    restored.step();
    wait_for_loading(&mut restored);
    let chart = &restored.state().chart;
    assert_eq!(chart.title, "China's exports to Russia");
    assert_eq!(chart.y_axis.label, "USD billion");
}

#[test]
fn no_text_in_the_window_is_smaller_than_eleven_points() {
    let harness = harness();
    for theme in [egui::Theme::Light, egui::Theme::Dark] {
        let style = harness.ctx.style_of(theme);
        let smallest = style
            .text_styles
            .values()
            .map(|font| font.size)
            .fold(f32::INFINITY, f32::min);
        assert!(smallest >= 11.0, "{theme:?}: {smallest}");
    }
}

#[test]
fn an_event_picked_on_the_chart_is_named_on_it_and_in_its_export_until_cleared() {
    let mut harness = harness();
    let tariff = harness
        .state()
        .chart
        .markers
        .iter()
        .find(|m| m.short_label.starts_with("US Section 301"))
        .map(|m| (m.refers_to.clone(), m.short_label.clone()))
        .expect("a Section 301 marker on the trade chart");
    // What a click on its line sends.
    harness
        .state_mut()
        .send(bilateral::ui::Command::SelectPoint(Some(tariff.0.clone())));
    harness.run();
    let plot = harness
        .get_by_label("Chart: China–Russia trade, 1992–2025")
        .rect();
    let label = harness.get_by_label(&tariff.1).rect();
    assert!(plot.contains_rect(label), "{label:?} in {plot:?}");
    assert!(
        label.top() - plot.top() < 40.0,
        "at the top: {label:?} in {plot:?}"
    );
    // The export of the chart on screen carries it.
    let svg = bilateral::export::chart_svg(
        &harness.state().chart,
        &bilateral::export::ExportOptions::default(),
    );
    assert!(
        svg.contains(&format!(">{}</text>", tariff.1)),
        "not in the export"
    );

    harness.get_by_label("Clear event names").click();
    harness.run();
    assert!(harness.query_by_label(&tariff.1).is_none());
    assert!(harness.state().chart.markers.iter().all(|m| !m.labelled));
}

#[test]
fn a_few_lines_are_named_at_their_ends_right_of_the_plot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fuels.csv");
    let rows: Vec<String> = (2015..2025)
        .map(|year| {
            let step = f64::from(year - 2015);
            let (oil, coal) = (50.0 + step * 5.0, 30.0 - step);
            format!("{year},Crude oil,{oil}\n{year},Coal,{coal}\n")
        })
        .collect();
    let text = format!("year,fuel,value\n{}", rows.concat());
    std::fs::write(&path, text).unwrap();
    let mut harness = harness();
    open_data_file(&mut harness, path.clone());
    harness.run();
    let plot = harness.get_by_label("Chart: fuels.csv").rect();
    // Beside the plot (the names are also in the table below and the column list).
    let beside = |name: &str| {
        let rects: Vec<egui::Rect> = harness
            .get_all_by_label(name)
            .map(|node| node.rect())
            .filter(|r| {
                r.left() > plot.right() && r.top() >= plot.top() && r.bottom() <= plot.bottom()
            })
            .collect();
        assert_eq!(rects.len(), 1, "{name}: {rects:?} beside {plot:?}");
        rects[0]
    };
    let (oil, coal) = (beside("Crude oil"), beside("Coal"));
    // Each level with where its line ends: oil high, coal low.
    assert!(oil.center().y < plot.center().y, "{oil:?} in {plot:?}");
    assert!(coal.center().y > plot.center().y, "{coal:?} in {plot:?}");
}

#[test]
fn on_a_laptop_screen_the_chart_keeps_its_room_and_nothing_disappears() {
    for (width, height, min_plot) in [(1280.0, 720.0, 240.0), (1024.0, 640.0, 160.0)] {
        let mut harness = Harness::builder()
            .with_size([width, height])
            .build_eframe(|cc| BilateralApp::new(cc, Bundle::load().expect("bundled data")));
        // The layout settles in a few frames: it measures what stands around the plot.
        for _ in 0..4 {
            harness.run();
        }
        let plot = harness
            .get_by_label("Chart: China–Russia trade, 1992–2025")
            .rect();
        assert!(plot.height() >= min_plot, "{width}×{height}: plot {plot:?}");
        let statistics = harness.get_by_label("Statistics of total trade").rect();
        assert!(
            statistics.bottom() <= height,
            "{width}×{height}: {statistics:?}"
        );
        assert!(statistics.top() > plot.bottom(), "{width}×{height}");
        let table = harness
            .get_by_label_contains("Data behind the chart")
            .rect();
        assert!(
            table.top() >= statistics.bottom(),
            "{width}×{height}: {table:?}"
        );
        // Every headline figure is still there, on one line each.
        harness.get_by_label_contains("Years of relations, 2026");
    }
}

#[test]
fn the_keyboard_reaches_the_chart_list_and_works_the_file_dialog() {
    let mut harness = harness();
    // The menus, then the charts: Tab reaches a chart within the first few stops.
    let mut reached = None;
    for stop in 1..=6 {
        harness.key_press(egui::Key::Tab);
        harness.run();
        // The method itself in place of the closure is not general enough over lifetimes.
        #[allow(clippy::redundant_closure_for_method_calls)]
        let focused = harness.query_by(|node| node.is_focused());
        if let Some(node) = focused {
            let label = egui_kittest::kittest::NodeT::accesskit_node(&node)
                .label()
                .unwrap_or_default();
            if ChartId::ALL.iter().any(|chart| chart.label() == label) {
                reached = Some(stop);
                break;
            }
        }
    }
    assert!(
        reached.is_some(),
        "no chart selector in the first six Tab stops"
    );

    // The file dialog opens with its file field focused; Esc closes it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::O);
    harness.run();
    assert!(harness.get_by_label("File:").is_focused());
    // Tab goes round the dialog's own controls and never to the window behind it.
    let top = harness.get_by_label("Open data file").rect().top();
    let bottom = harness.get_by_label("Cancel").rect().bottom();
    let mut back_to_the_field = false;
    for _ in 0..60 {
        harness.key_press(egui::Key::Tab);
        harness.run();
        #[allow(clippy::redundant_closure_for_method_calls)]
        let focused = harness
            .query_by(|node| node.is_focused())
            .expect("something in the dialog has the focus");
        let rect = focused.rect();
        assert!(
            rect.top() >= top - 1.0 && rect.bottom() <= bottom + 1.0,
            "focus left the dialog: {focused:?}"
        );
        back_to_the_field |= harness.get_by_label("File:").is_focused();
    }
    assert!(back_to_the_field, "Tab never came round to the file field");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.state().file_dialog.is_none());
}

#[test]
fn a_headline_figure_clicked_shows_its_chart_and_point() {
    let mut harness = harness();
    harness.get_by_label(ChartId::Growth.label()).click();
    harness.run();
    harness
        .get_by_label_contains("Record year, 2024: $244.8 billion")
        .click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.chart.id, ChartId::Trade);
    assert_eq!(app.selection.point, Some(PointRef::Year(2024)));
}
