//! The article beside the chart, with its figures and claims highlighted. Clicking a highlight
//! shows the chart it refers to and marks the data point; a selected point marks the sentences
//! that cite it. Under each paragraph, its numbers carry a badge with the verdict of the claim
//! check; clicking one shows the evidence.

use crate::claims::{Claim, Verdict};
use crate::data::{Annotation, AnnotationKind};

use super::app::{BilateralApp, Command, Selection};
use super::sources_ui;

/// What the article panel needs to know about the rest of the app for one frame.
struct ArticleView<'a> {
    selection: &'a Selection,
    /// Scroll the marked sentences into view this frame.
    reveal: bool,
    claims: &'a [Claim],
}

fn highlight_color(ui: &egui::Ui, kind: AnnotationKind, marked: bool) -> egui::Color32 {
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

fn verdict_color(ui: &egui::Ui, verdict: Verdict) -> egui::Color32 {
    let dark = ui.visuals().dark_mode;
    match (verdict, dark) {
        (Verdict::Supported, false) => egui::Color32::from_rgb(0, 120, 80),
        (Verdict::Supported, true) => egui::Color32::from_rgb(90, 200, 150),
        (Verdict::Contradicted, false) => egui::Color32::from_rgb(190, 40, 30),
        (Verdict::Contradicted, true) => egui::Color32::from_rgb(240, 110, 100),
        (Verdict::Unverified, _) => ui.visuals().weak_text_color(),
    }
}

pub fn article_ui(app: &mut BilateralApp, ui: &mut egui::Ui) {
    let mut commands = Vec::new();
    {
        let article = &app.article.article;
        let opened_from = app.article.path.as_ref();
        let loading = app.article.loading.is_some();
        let view = ArticleView {
            selection: &app.selection,
            reveal: app.reveal_selection,
            claims: &app.article.claims,
        };
        // On a narrow window the article gives way before the chart does.
        let most = (ui.available_width() * 0.3).max(260.0);
        egui::Panel::right("article")
            .resizable(true)
            .default_size(420.0_f32.min(most))
            .min_size(260.0)
            .max_size(most)
            .show(ui, |ui| {
                ui.add_space(6.0);
                ui.label(egui::RichText::new(&article.title).heading());
                claim_badges_ui(ui, &view, Placement::Title, &mut commands);
                let dated = article.date.map_or_else(
                    || "no date line: \"last year\" cannot be resolved".to_owned(),
                    |date| date.to_string(),
                );
                let provenance = match opened_from {
                    Some(path) => format!("{dated} · {} · figures checked against the bundled data", path.display()),
                    None => format!("{dated} · annotated with the bundled data"),
                };
                ui.label(egui::RichText::new(provenance).small().weak());
                if loading {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Reading the article…");
                    });
                }
                if opened_from.is_some() && ui.button("Back to the bundled article").clicked() {
                    commands.push(Command::ShowBundledArticle);
                }
                ui.label(
                    egui::RichText::new(
                        "Highlighted figures and claims link to the data: click one. Badges give each number's check against the data.",
                    )
                    .small()
                    .italics(),
                );
                ui.separator();
                egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
                    for (index, paragraph) in article.paragraphs.iter().enumerate() {
                        let mut annotations: Vec<&Annotation> = article
                            .annotations
                            .iter()
                            .filter(|a| a.paragraph == index)
                            .collect();
                        annotations.sort_by_key(|a| a.span.start);
                        paragraph_ui(ui, &view, paragraph, &annotations, &mut commands);
                        claim_badges_ui(ui, &view, Placement::Paragraph(index), &mut commands);
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
    view: &ArticleView<'_>,
    paragraph: &str,
    annotations: &[&Annotation],
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
            let marked = view.selection.marks(annotation);
            let text = egui::RichText::new(&annotation.text)
                .background_color(highlight_color(ui, annotation.kind, marked))
                .color(ui.visuals().strong_text_color());
            let response = ui
                .add(egui::Label::new(text).sense(egui::Sense::click()))
                .on_hover_cursor(egui::CursorIcon::PointingHand)
                .on_hover_ui(|ui| {
                    ui.set_max_width(380.0);
                    ui.label(&annotation.note);
                    sources_ui(ui, &annotation.sources);
                });
            if marked && view.reveal {
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
    for annotation in annotations.iter().filter(|a| view.selection.marks(a)) {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(egui::RichText::new(&annotation.note).small());
            sources_ui(ui, &annotation.sources);
        });
    }
}

/// Where a row of badges stands: under the title, or under a paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Placement {
    Title,
    Paragraph(usize),
}

fn claim_badges_ui(
    ui: &mut egui::Ui,
    view: &ArticleView<'_>,
    placement: Placement,
    commands: &mut Vec<Command>,
) {
    let claims: Vec<(usize, &Claim)> = view
        .claims
        .iter()
        .enumerate()
        .filter(|(_, claim)| match placement {
            Placement::Title => claim.found.in_title,
            Placement::Paragraph(index) => !claim.found.in_title && claim.found.paragraph == index,
        })
        .collect();
    if claims.is_empty() {
        return;
    }
    ui.horizontal_wrapped(|ui| {
        for (index, claim) in &claims {
            let text =
                egui::RichText::new(format!("{}: {}", claim.verdict.label(), claim.found.text))
                    .small()
                    .color(verdict_color(ui, claim.verdict));
            let selected = view.selection.claim == Some(*index);
            let response = ui
                .add(egui::Button::selectable(selected, text).small())
                .on_hover_text("Show the evidence and the data point");
            if response.clicked() {
                commands.push(Command::ShowClaim(*index));
            }
        }
    });
    if let Some((_, claim)) = claims
        .iter()
        .find(|(index, _)| view.selection.claim == Some(*index))
    {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.label(
                egui::RichText::new(format!("{} — {}", claim.found.text, claim.verdict.label()))
                    .strong()
                    .color(verdict_color(ui, claim.verdict)),
            );
            ui.label(egui::RichText::new(&claim.explanation).small());
            if !claim.found.reading.is_empty() {
                ui.label(
                    egui::RichText::new(format!("Read as: {}", claim.found.reading.join("; ")))
                        .small()
                        .weak(),
                );
            }
            if let (Some(expected), Some(tolerance)) = (claim.expected, claim.tolerance) {
                ui.label(
                    egui::RichText::new(format!(
                        "The data: {expected} · tolerance used: ±{tolerance}"
                    ))
                    .small(),
                );
            }
            sources_ui(ui, &claim.sources);
        });
    }
}
