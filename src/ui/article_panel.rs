//! The article beside the chart, with its figures and claims highlighted. Clicking a highlight
//! shows the chart it refers to and marks the data point; a selected point marks the sentences
//! that cite it.

use crate::data::{Annotation, AnnotationKind};

use super::app::{BilateralApp, Command};
use super::sources_ui;

fn highlight_colors(ui: &egui::Ui, kind: AnnotationKind, marked: bool) -> egui::Color32 {
    let dark = ui.visuals().dark_mode;
    match (kind, marked, dark) {
        (_, true, false) => egui::Color32::from_rgb(255, 214, 102),
        (_, true, true) => egui::Color32::from_rgb(140, 100, 10),
        (AnnotationKind::Figure, false, false) => egui::Color32::from_rgb(214, 234, 248),
        (AnnotationKind::Figure, false, true) => egui::Color32::from_rgb(30, 70, 110),
        (_, false, false) => egui::Color32::from_rgb(226, 240, 222),
        (_, false, true) => egui::Color32::from_rgb(40, 80, 50),
    }
}

pub fn article_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    let mut commands = Vec::new();
    {
        let article = &app.bundle.article;
        let selection = &app.selection;
        // Scroll the marked sentences into view (no jump when they already are).
        let reveal = app.reveal_selection;
        egui::Panel::right("article")
            .resizable(true)
            .default_size(420.0)
            .min_size(260.0)
            .show(ui, |ui| {
                ui.add_space(6.0);
                ui.label(egui::RichText::new(&article.title).heading());
                if let Some(date) = article.date {
                    ui.label(
                        egui::RichText::new(format!("{date} · annotated with the bundled data"))
                            .small()
                            .weak(),
                    );
                }
                ui.label(
                    egui::RichText::new(
                        "Highlighted figures and claims link to the data: click one.",
                    )
                    .small()
                    .italics(),
                );
                ui.separator();
                egui::ScrollArea::vertical()
                    .auto_shrink(false)
                    .show(ui, |ui| {
                        for (index, paragraph) in article.paragraphs.iter().enumerate() {
                            let mut annotations: Vec<&Annotation> = article
                                .annotations
                                .iter()
                                .filter(|a| a.paragraph == index)
                                .collect();
                            annotations.sort_by_key(|a| a.span.start);
                            paragraph_ui(
                                ui,
                                paragraph,
                                &annotations,
                                selection,
                                reveal,
                                &mut commands,
                            );
                            ui.add_space(8.0);
                        }
                    });
            });
    }
    for command in commands {
        app.send(command);
    }
}

fn paragraph_ui(
    ui: &mut egui::Ui,
    paragraph: &str,
    annotations: &[&Annotation],
    selection: &super::app::Selection,
    reveal: bool,
    commands: &mut Vec<Command>,
) {
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        let mut cursor = 0;
        for annotation in annotations {
            if annotation.span.start < cursor {
                continue; // overlapping spans: the first one wins
            }
            let before = &paragraph[cursor..annotation.span.start];
            if !before.is_empty() {
                ui.label(before);
            }
            let marked = selection.marks(annotation);
            let text = egui::RichText::new(&annotation.text)
                .background_color(highlight_colors(ui, annotation.kind, marked))
                .color(ui.visuals().strong_text_color());
            let response = ui
                .add(egui::Label::new(text).sense(egui::Sense::click()))
                .on_hover_cursor(egui::CursorIcon::PointingHand);
            let response = response.on_hover_ui(|ui| {
                ui.set_max_width(380.0);
                ui.label(&annotation.note);
                sources_ui(ui, &annotation.sources);
            });
            if marked && reveal {
                response.scroll_to_me(None);
            }
            if response.clicked() {
                commands.push(Command::FollowAnnotation(annotation.id.clone()));
            }
            cursor = annotation.span.end;
        }
        let rest = &paragraph[cursor..];
        if !rest.is_empty() {
            ui.label(rest);
        }
    });
    // The note of a marked annotation stands under its paragraph, so the link is visible
    // without hovering.
    for annotation in annotations.iter().filter(|a| selection.marks(a)) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(egui::RichText::new(&annotation.note).small());
            sources_ui(ui, &annotation.sources);
        });
    }
}
