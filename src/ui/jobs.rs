//! The app's work off the UI thread and its dialogs: reading an opened article, exporting or
//! copying the chart, and the file and replace-confirmation dialogs that start them. Each job
//! is polled once per frame, so the window keeps drawing while it runs.

use super::Notice;
use std::path::PathBuf;
use std::sync::Arc;

use super::app::{BilateralApp, Command, Selection};
use super::background::{BackgroundJob, JobState};
use super::file_dialog::{DialogOutcome, DialogPurpose};
use crate::claims::check_article;
use crate::data::Article;
use crate::export::{ExportFormat, ExportOptions, export_chart};

impl BilateralApp {
    pub(super) fn load_article_in_background(&mut self, ctx: &egui::Context, path: PathBuf) {
        let bundle = Arc::clone(&self.bundle);
        self.article.loading = Some(BackgroundJob::spawn(ctx, move || {
            Article::read_file(&path)
                .map(|article| {
                    let claims = check_article(&bundle, &article);
                    (path, article, claims)
                })
                .map_err(|err| format!("{err:#}"))
        }));
    }

    pub(super) fn export_in_background(
        &mut self,
        ctx: &egui::Context,
        path: PathBuf,
        replace: bool,
    ) {
        let Some(format) = ExportFormat::of_path(&path) else {
            self.notices.push(Notice::error(format!(
                "{}: the chart was not exported; end the file name with .png, .svg or .csv.",
                path.display()
            )));
            return;
        };
        let model = Arc::clone(&self.chart);
        let options = self.export_options();
        self.exports.to_file = Some(BackgroundJob::spawn(ctx, move || {
            export_chart(&model, format, &options, &path, replace)
                .map(|()| path)
                .map_err(|err| format!("{err:#}"))
        }));
    }

    /// Exports look like the screen: same theme, the default size at 2×.
    pub(super) fn export_options(&self) -> ExportOptions {
        ExportOptions {
            theme: self.settings.theme,
            ..ExportOptions::default()
        }
    }

    pub(super) fn poll_copy(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.exports.to_clipboard else {
            return;
        };
        let notice = match job.poll(ctx) {
            JobState::Running => return,
            JobState::Done(Ok(image)) => {
                ctx.copy_image(image);
                Notice::info("The chart was copied to the clipboard as an image.")
            }
            JobState::Done(Err(message)) => {
                Notice::error(format!("The chart was not copied: {message}."))
            }
            JobState::Lost => Notice::error("Copying the chart stopped unexpectedly."),
        };
        self.notices.push(notice);
        self.exports.to_clipboard = None;
    }

    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.exports.to_file else {
            return;
        };
        let notice = match job.poll(ctx) {
            JobState::Running => return,
            JobState::Done(Ok(path)) => {
                Notice::info(format!("The chart was exported to {}.", path.display()))
            }
            JobState::Done(Err(message)) => {
                Notice::error(format!("The chart was not exported: {message}."))
            }
            JobState::Lost => {
                Notice::error("The export stopped unexpectedly; nothing was written.")
            }
        };
        self.notices.push(notice);
        self.exports.to_file = None;
    }

    pub(super) fn confirm_replace_ui(&mut self, ctx: &egui::Context) {
        let Some(path) = self.exports.confirm_replace.clone() else {
            return;
        };
        egui::Window::new("Replace the file?")
            .collapsible(false)
            .resizable(false)
            .show(ctx, |ui| {
                ui.label(format!(
                    "{} exists. Replace it with the chart?",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Replace").clicked() {
                        self.send(Command::ExportChartTo {
                            path: path.clone(),
                            replace: true,
                        });
                    }
                    if ui.button("Cancel").clicked() {
                        self.send(Command::CancelReplace);
                    }
                });
            });
    }

    /// Takes a finished article load, if there is one; the article on screen stays until the new
    /// one is ready, and stays for good if it fails.
    pub(super) fn poll_article_loading(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.article.loading else {
            return;
        };
        match job.poll(ctx) {
            JobState::Running => return,
            JobState::Done(Ok((path, article, claims))) => {
                self.article.path = Some(path);
                self.article.article = article;
                self.article.claims = claims;
                self.selection = Selection::default();
                self.settings.show_article = true;
            }
            JobState::Done(Err(message)) => {
                self.notices.push(Notice::error(format!(
                    "The article was not opened: {message}."
                )));
            }
            JobState::Lost => {
                self.notices.push(Notice::error(
                    "The article could not be read: the reading stopped unexpectedly.",
                ));
            }
        }
        self.article.loading = None;
    }

    pub(super) fn file_dialog_ui(&mut self, ctx: &egui::Context) {
        let Some(dialog) = &mut self.file_dialog else {
            return;
        };
        match dialog.show(ctx) {
            DialogOutcome::StillOpen => {}
            DialogOutcome::Cancelled => self.file_dialog = None,
            DialogOutcome::Chosen(path) => {
                let purpose = dialog.purpose;
                self.file_dialog = None;
                // The next dialog for the same purpose opens where this one was left.
                let folder = if path.is_dir() {
                    Some(path.clone())
                } else {
                    path.parent().map(std::path::Path::to_path_buf)
                };
                let remembered = match purpose {
                    DialogPurpose::OpenArticle => &mut self.settings.article_folder,
                    DialogPurpose::OpenCsv => &mut self.settings.data_folder,
                    DialogPurpose::ExportChart => &mut self.settings.export_folder,
                };
                *remembered = folder
                    .filter(|f| !f.as_os_str().is_empty())
                    .map(|f| std::path::absolute(&f).unwrap_or(f));
                match purpose {
                    DialogPurpose::OpenArticle => self.send(Command::LoadArticle(path)),
                    DialogPurpose::OpenCsv => self.send(Command::LoadCsv(path)),
                    DialogPurpose::ExportChart => self.send(Command::ExportChartTo {
                        path,
                        replace: false,
                    }),
                }
            }
        }
    }
}
