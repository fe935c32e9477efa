//! The chart on screen: the chart list, the chart's options and the plot itself, drawn with
//! `egui_plot` from the chart model. Hover and click are resolved against the model's points, so
//! the tooltip shows the exact value, unit, year, reporter and source rather than a cursor
//! position.

use egui::Color32;
use egui_plot::{
    Bar, BarChart, FilledArea, Line, LineStyle, MarkerShape, PlotMemory, PlotPoints, PlotUi,
    Points, VLine,
};

use super::app::{BilateralApp, Command};
use super::chart_hover::find_hit;
use super::sources_ui;
use crate::chart::model::{BAR_WIDTH, HOLLOW_POINT_MEANING, Rgb, event_color};
use crate::chart::{
    ChartId, ChartModel, CompositionView, DataPoint, GrowthView, PeriodView, PointRef, SeriesStyle,
};
use crate::data::EventKind;

pub fn color(rgb: Rgb) -> Color32 {
    Color32::from_rgb(rgb.0, rgb.1, rgb.2)
}

/// The chart list, above the chart and the article: laid out first, it is among the first
/// stops of the Tab key after the menus.
pub fn chart_list_panel_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    egui::Panel::top("chart_list").show(ui, |ui| {
        ui.add_space(2.0);
        chart_list_ui(app, ui);
    });
}

pub fn chart_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    let top = ui.cursor().top();
    options_ui(app, ui);
    ui.add_space(4.0);
    ui.label(egui::RichText::new(&app.chart.title).size(18.0).strong());
    ui.label(egui::RichText::new(&app.chart.subtitle).weak());
    let shows_stats = app.chart.id.takes_event_markers();
    let plot_height = (ui.available_height() - app.below_plot - 8.0).max(100.0);
    plot_ui(app, ui, plot_height);
    let below_top = ui.cursor().top();
    let mut source_line = app.chart.source_line.clone();
    if app.chart.has_unfirm_points() {
        source_line = format!("{HOLLOW_POINT_MEANING}. {source_line}");
    }
    ui.label(egui::RichText::new(source_line).small().weak());
    if shows_stats {
        ui.separator();
        super::stats_panel::stats_ui(app, ui);
    }
    let bottom = ui.cursor().top();
    if (bottom - below_top - app.below_plot).abs() > 1.0 {
        // Laid out with last frame's guess: draw again with the height just measured.
        ui.ctx().request_repaint();
    }
    app.below_plot = bottom - below_top;
    app.chart_chrome = (bottom - top - plot_height).max(0.0);
}

fn chart_list_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    ui.horizontal_wrapped(|ui| {
        ui.label("Chart:");
        for chart in ChartId::ALL {
            if ui
                .selectable_label(app.settings.chart == chart, chart.label())
                .clicked()
            {
                app.send(Command::SelectChart(chart));
            }
        }
        if !app.user_files.opened.is_empty() {
            ui.separator();
            ui.label("Your files:");
        }
        let mut chosen = None;
        for file in &app.user_files.opened {
            let shown =
                app.settings.chart == ChartId::UserData && app.user_files.shown == Some(file.id);
            if ui
                .selectable_label(shown, file.table.file_name())
                .on_hover_text(file.table.path.display().to_string())
                .clicked()
            {
                chosen = Some(file.id);
            }
        }
        if let Some(id) = chosen {
            app.send(Command::SelectUserFile(id));
        }
    });
}

fn options_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    let chart_id = app.chart.id;
    ui.horizontal_wrapped(|ui| {
        if chart_id.takes_event_markers() {
            event_kinds_ui(app, ui);
            ui.separator();
        }
        if chart_id == ChartId::Growth {
            let mut view = app.settings.growth_view;
            let year_on_year =
                ui.radio_value(&mut view, GrowthView::YearOnYear, "Year-on-year change");
            let index = ui.radio_value(&mut view, GrowthView::Index, "Index to base year");
            if year_on_year.changed() || index.changed() {
                app.send(Command::SetGrowthView(view));
            }
            if view == GrowthView::Index {
                let coverage = &app.bundle.coverage;
                let mut base_year = app
                    .settings
                    .index_base_year
                    .unwrap_or(coverage.default_index_base_year);
                let label = ui.label("Base year:");
                let response = ui
                    .add(
                        egui::DragValue::new(&mut base_year)
                            .range(coverage.first_year..=coverage.last_full_year),
                    )
                    .labelled_by(label.id);
                if response.changed() {
                    app.send(Command::SetIndexBaseYear(base_year));
                }
            }
            ui.separator();
        }
        if chart_id == ChartId::YearToDate {
            let mut view = app.settings.period_view;
            let cumulative = ui.radio_value(&mut view, PeriodView::Cumulative, "Year to date");
            let months = ui.radio_value(&mut view, PeriodView::Months, "Single months");
            if cumulative.changed() || months.changed() {
                app.send(Command::SetPeriodView(view));
            }
            ui.separator();
        }
        if chart_id == ChartId::Composition {
            let mut view = app.settings.composition_view;
            let mut changed = false;
            for option in CompositionView::ALL {
                changed |= ui.radio_value(&mut view, option, option.label()).changed();
            }
            if changed {
                app.send(Command::SetCompositionView(view));
            }
            ui.separator();
        }
        if app.chart.supports_log_scale {
            let mut log_scale = app.settings.log_scale;
            if ui.checkbox(&mut log_scale, "Log scale").changed() {
                app.send(Command::SetLogScale(log_scale));
            }
        }
        if ui
            .button("Export…")
            .on_hover_text("Save the chart as PNG, SVG or CSV (Ctrl+E)")
            .clicked()
        {
            app.send(Command::ExportDialog);
        }
        if ui
            .button("Copy image")
            .on_hover_text("Put the chart on the clipboard as a picture")
            .clicked()
        {
            app.send(Command::CopyChartImage);
        }
        if ui
            .button("Reset view")
            .on_hover_text("Return to the whole chart (or double-click the chart)")
            .clicked()
        {
            app.send(Command::ResetView);
        }
    });
}

/// The event kinds the trade and growth charts can overlay, each a checkbox in its colour, and
/// the button that takes off the names of the events picked on the chart.
fn event_kinds_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    ui.label("Show events:");
    for kind in EventKind::ALL {
        let mut shown = app.settings.marker_kinds.contains(&kind);
        let text = egui::RichText::new(kind.label()).color(color(event_color(kind)));
        let response = ui.checkbox(&mut shown, text);
        // Named apart from the legend's entry of the same kind, for screen readers.
        response.widget_info(|| {
            egui::WidgetInfo::selected(
                egui::Role::CheckBox,
                true,
                shown,
                format!("Show events: {}", kind.label()),
            )
        });
        if response.changed() {
            app.send(Command::SetMarkerKind(kind, shown));
        }
    }
    if !app.labelled_events.is_empty()
        && ui
            .button("Clear event names")
            .on_hover_text("Take the names off the events you clicked")
            .clicked()
    {
        app.send(Command::ClearEventLabels);
    }
}

/// Maps a model value to the plot's y coordinate: log10 on a log scale (None where the value
/// cannot be shown there).
pub(super) fn to_plot_y(value: f64, log_scale: bool) -> Option<f64> {
    if log_scale {
        (value > 0.0).then(|| value.log10())
    } else {
        Some(value)
    }
}

fn plot_ui(app: &mut BilateralApp, ui: &mut egui::Ui, height: f32) {
    let BilateralApp {
        chart,
        settings,
        selection,
        reset_view,
        ..
    } = &*app;
    let log_scale = settings.log_scale && chart.supports_log_scale;
    // Each opened file keeps its own zoom.
    let plot_id = egui::Id::unique(("chart", chart.id, &chart.source_line, log_scale));
    let hidden = PlotMemory::load(ui.ctx(), plot_id)
        .map(|memory| memory.hidden_items)
        .unwrap_or_default();

    // Two to eight lines are named at their ends, right of the plot, in place of a legend.
    let label_room = super::plot_axes::end_label_room(ui, chart, height);
    let beside = label_room.map_or(0.0, |room| room + ui.spacing().item_spacing.x);
    let size = egui::vec2(ui.available_width() - beside, height);
    let flags = (log_scale, label_room.is_some());
    let mut plot = super::plot_axes::configured_plot(chart, selection, plot_id, size, flags);
    if *reset_view {
        plot = plot.reset();
    }

    let hover_ring_color = ui.visuals().strong_text_color();
    let show = |ui: &mut egui::Ui| {
        plot.show(ui, |plot_ui| {
            draw_series(plot_ui, chart, log_scale);
            draw_markers(plot_ui, chart);
            draw_selection(plot_ui, chart, selection.point.as_ref(), log_scale);
            let hit = find_hit(plot_ui, chart, &hidden, log_scale);
            if let Some(at) = hit.as_ref().and_then(|h| h.at) {
                plot_ui.points(
                    Points::new("", vec![[at.x, at.y]])
                        .shape(MarkerShape::Circle)
                        .filled(false)
                        .radius(7.0)
                        .color(hover_ring_color)
                        .allow_hover(false),
                );
            }
            hit
        })
    };
    let response = ui
        .horizontal_top(|ui| {
            let response = show(ui);
            super::plot_axes::marker_labels_ui(ui, chart, &response.transform, &hidden);
            if let Some(width) = label_room {
                let (room, _) =
                    ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
                super::plot_axes::end_labels_ui(ui, chart, &response.transform, room, log_scale);
            }
            response
        })
        .inner;
    let title = chart.title.clone();
    // A user's file has no article sentences to mark; its rows are in the table below.
    let click_hint = if chart.id == ChartId::UserData {
        "Click to select its row in the table below."
    } else if response
        .inner
        .as_ref()
        .is_some_and(|hit| chart.markers.iter().any(|m| m.refers_to == hit.refers_to))
    {
        "Click to name it on the chart and mark the sentences that cite it."
    } else {
        "Click to mark the sentences that cite it."
    };
    let plot_response = response.response;
    plot_response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Figure, true, format!("Chart: {title}"))
    });
    let mut command = None;
    if let Some(hit) = response.inner {
        if plot_response.clicked() {
            command = Some(Command::SelectPoint(Some(hit.refers_to.clone())));
        }
        plot_response.on_hover_ui_at_pointer(|ui| {
            ui.set_max_width(360.0);
            ui.label(egui::RichText::new(&hit.label).strong());
            sources_ui(ui, &hit.sources);
            ui.label(egui::RichText::new(click_hint).small().weak());
        });
    }
    if let Some(command) = command {
        app.send(command);
    }
}

fn plot_points(points: &[DataPoint], log_scale: bool) -> Vec<[f64; 2]> {
    points
        .iter()
        .filter_map(|p| Some([p.x, to_plot_y(p.y, log_scale)?]))
        .collect()
}

/// A line's points as drawn: a long line thinned to the pixel columns on screen, remembered for
/// as long as the view and the chart stay the same, so hovering a still chart of millions of
/// points does not thin them again every frame. What the plot is handed each frame is a copy
/// of the thinned points (a few per pixel column), never of the millions.
fn drawn_points(
    plot_ui: &PlotUi<'_>,
    chart: &ChartModel,
    series_name: &str,
    run_index: usize,
    run: &[DataPoint],
    log_scale: bool,
) -> Vec<[f64; 2]> {
    let columns = plot_ui.response().rect.width().max(1.0) as usize;
    // Log scales are for the bundled charts' short lines.
    if run.len() <= columns * 4 || log_scale {
        return plot_points(run, log_scale);
    }
    let bounds = plot_ui.plot_bounds();
    let (x_min, x_max) = (bounds.min()[0], bounds.max()[0]);
    let id = egui::Id::unique((
        "thinned",
        &chart.source_line,
        &chart.subtitle,
        series_name,
        run_index,
    ));
    let view = (x_min.to_bits(), x_max.to_bits(), columns, run.len());
    let ctx = plot_ui.ctx().clone();
    if let Some((cached_view, cached)) =
        ctx.data(|d| d.get_temp::<((u64, u64, usize, usize), std::sync::Arc<Vec<[f64; 2]>>)>(id))
        && cached_view == view
    {
        return cached.as_ref().clone();
    }
    let kept = std::sync::Arc::new(crate::chart::downsample::min_max_per_column(
        run,
        |p| [p.x, p.y],
        x_min,
        x_max,
        columns,
    ));
    ctx.data_mut(|d| d.insert_temp(id, (view, std::sync::Arc::clone(&kept))));
    kept.as_ref().clone()
}

fn draw_series(plot_ui: &mut PlotUi<'_>, chart: &ChartModel, log_scale: bool) {
    for series in &chart.series {
        let name = series.name.as_str();
        let series_color = color(series.color);
        match series.style {
            SeriesStyle::Line | SeriesStyle::DashedLine => {
                let style = if series.style == SeriesStyle::DashedLine {
                    LineStyle::dashed_loose()
                } else {
                    LineStyle::Solid
                };
                for (run_index, run) in series.contiguous_runs().into_iter().enumerate() {
                    let drawn = drawn_points(plot_ui, chart, name, run_index, run, log_scale);
                    plot_ui.line(
                        Line::new(name, PlotPoints::from(drawn))
                            .color(series_color)
                            .width(2.5)
                            .style(style)
                            .allow_hover(false)
                            .id(name),
                    );
                }
                // Dots on every point only while they can be told apart.
                if series.dotted() {
                    draw_dots(plot_ui, series, log_scale, MarkerShape::Circle, 3.0);
                }
            }
            SeriesStyle::Bars => {
                if log_scale {
                    continue; // negative balances have no place on a log axis
                }
                // A derived or weakly sourced bar is drawn as an outline only.
                let bars = series
                    .points
                    .iter()
                    .map(|p| {
                        let fill = if p.status.is_firm() {
                            series_color.gamma_multiply(0.7)
                        } else {
                            Color32::TRANSPARENT
                        };
                        Bar::new(p.x, p.y)
                            .width(BAR_WIDTH)
                            .fill(fill)
                            .stroke(egui::Stroke::new(1.5, series_color))
                    })
                    .collect();
                plot_ui.bar_chart(
                    BarChart::new(name, bars)
                        .color(series_color)
                        .allow_hover(false)
                        .id(name),
                );
            }
            SeriesStyle::Points => {
                draw_dots(plot_ui, series, log_scale, MarkerShape::Diamond, 5.0);
            }
            SeriesStyle::Band => draw_band(plot_ui, series, log_scale),
            SeriesStyle::Spans => draw_spans(plot_ui, series),
        }
    }
}

/// A series' dots: filled where the figure is reported, hollow where it is derived or weakly
/// sourced, so the difference shows on screen as it does in exports.
fn draw_dots(
    plot_ui: &mut PlotUi<'_>,
    series: &crate::chart::Series,
    log_scale: bool,
    shape: MarkerShape,
    radius: f32,
) {
    let name = series.name.as_str();
    let (mut firm, mut unfirm) = (Vec::new(), Vec::new());
    for point in &series.points {
        if let Some(y) = to_plot_y(point.y, log_scale) {
            let dots = if point.status.is_firm() {
                &mut firm
            } else {
                &mut unfirm
            };
            dots.push([point.x, y]);
        }
    }
    for (points, filled) in [(firm, true), (unfirm, false)] {
        if points.is_empty() {
            continue;
        }
        plot_ui.points(
            Points::new(name, points)
                .color(color(series.color))
                .shape(shape)
                .filled(filled)
                .radius(if filled { radius } else { radius + 1.5 })
                .allow_hover(false)
                .id(name),
        );
    }
}

fn draw_markers(plot_ui: &mut PlotUi<'_>, chart: &ChartModel) {
    // Each kind is one entry in the plot's legend, as in the exports; hiding it there hides
    // its markers in this view, "Show events" above the chart takes them off the chart.
    for marker in &chart.markers {
        plot_ui.vline(
            VLine::new(marker.kind.label(), marker.x)
                .color(color(event_color(marker.kind)).gamma_multiply(0.75))
                .width(1.2)
                .style(LineStyle::dashed_dense())
                .allow_hover(false)
                .id(marker.kind.label()),
        );
    }
}

fn draw_selection(
    plot_ui: &mut PlotUi<'_>,
    chart: &ChartModel,
    selected: Option<&PointRef>,
    log_scale: bool,
) {
    let Some(selected) = selected else { return };
    let highlight = Color32::from_rgb(230, 60, 60);
    if let Some((_, point)) = chart.find_point(selected)
        && let Some(y) = to_plot_y(point.y, log_scale)
    {
        let x = point.x_end.unwrap_or(point.x);
        plot_ui.points(
            Points::new("", vec![[x, y]])
                .shape(MarkerShape::Circle)
                .filled(false)
                .radius(10.0)
                .color(highlight)
                .allow_hover(false),
        );
        if let PointRef::Year(_) = selected {
            plot_ui.vline(
                VLine::new("", point.x)
                    .color(highlight.gamma_multiply(0.4))
                    .allow_hover(false),
            );
        }
    } else if let Some(marker) = chart.markers.iter().find(|m| &m.refers_to == selected) {
        plot_ui.vline(
            VLine::new("", marker.x)
                .color(highlight)
                .width(2.5)
                .allow_hover(false),
        );
    }
}

/// A fitted line with its confidence band shaded around it (no band on a log scale).
fn draw_band(plot_ui: &mut PlotUi<'_>, series: &crate::chart::Series, log_scale: bool) {
    let name = series.name.as_str();
    let series_color = color(series.color);
    let xs: Vec<f64> = series.points.iter().map(|p| p.x).collect();
    let (lows, highs): (Vec<f64>, Vec<f64>) = series
        .points
        .iter()
        .map(|p| p.band.unwrap_or((p.y, p.y)))
        .unzip();
    // The line first: the legend takes its entry's colour from the first item of that name,
    // and the band's pale fill would make the trend's key look like another series.
    plot_ui.line(
        Line::new(
            name,
            PlotPoints::from(plot_points(&series.points, log_scale)),
        )
        .color(series_color)
        .width(1.8)
        .style(LineStyle::dashed_loose())
        .allow_hover(false)
        .id(name),
    );
    if !log_scale {
        plot_ui.add(
            FilledArea::new(name, &xs, &lows, &highs)
                .fill_color(series_color.gamma_multiply(0.18))
                .id(name),
        );
    }
}

/// Horizontal spans from `x` to `x_end`, with a dot at each end.
fn draw_spans(plot_ui: &mut PlotUi<'_>, series: &crate::chart::Series) {
    let name = series.name.as_str();
    let series_color = color(series.color);
    for point in &series.points {
        let end = point.x_end.unwrap_or(point.x);
        plot_ui.line(
            Line::new(
                name,
                PlotPoints::from(vec![[point.x, point.y], [end, point.y]]),
            )
            .color(series_color)
            .width(4.0)
            .allow_hover(false)
            .id(name),
        );
    }
    let ends: Vec<[f64; 2]> = series
        .points
        .iter()
        .map(|p| [p.x_end.unwrap_or(p.x), p.y])
        .collect();
    plot_ui.points(
        Points::new(name, ends)
            .color(series_color)
            .radius(5.0)
            .allow_hover(false)
            .id(name),
    );
}
