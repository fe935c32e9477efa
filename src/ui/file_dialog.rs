//! A file dialog drawn with egui itself, so opening a file works on any desktop without system
//! packages (GTK, portals) behind it: a folder listing to browse, and a path field to type or
//! paste into.

use std::path::{Path, PathBuf};

/// What the dialog is for, so its answer reaches the right command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogPurpose {
    OpenArticle,
    OpenCsv,
    ExportChart,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DialogOutcome {
    StillOpen,
    Cancelled,
    Chosen(PathBuf),
}

#[derive(Debug, Clone)]
struct Entry {
    name: String,
    path: PathBuf,
    is_dir: bool,
}

#[derive(Debug, Clone)]
pub struct FileDialog {
    pub purpose: DialogPurpose,
    title: &'static str,
    /// "Open" or "Save".
    action: &'static str,
    /// File endings listed (lower case, without the dot); folders are always listed.
    extensions: &'static [&'static str],
    directory: PathBuf,
    entries: Vec<Entry>,
    typed_path: String,
    error: Option<String>,
    /// The file field takes the keyboard focus when the dialog opens.
    focus_field: bool,
}

impl FileDialog {
    pub fn new(
        purpose: DialogPurpose,
        title: &'static str,
        extensions: &'static [&'static str],
        start: PathBuf,
    ) -> Self {
        let action = match purpose {
            DialogPurpose::OpenArticle | DialogPurpose::OpenCsv => "Open",
            DialogPurpose::ExportChart => "Save",
        };
        let mut dialog = Self {
            purpose,
            title,
            action,
            extensions,
            directory: start,
            entries: Vec::new(),
            typed_path: String::new(),
            error: None,
            focus_field: true,
        };
        dialog.read_directory();
        dialog
    }

    /// Starts with a file name filled in, as a save dialog does.
    #[must_use]
    pub fn with_file_name(mut self, file_name: &str) -> Self {
        self.typed_path = self.directory.join(file_name).display().to_string();
        self
    }

    fn wanted(&self, path: &Path) -> bool {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| self.extensions.contains(&e.to_lowercase().as_str()))
    }

    fn read_directory(&mut self) {
        self.entries.clear();
        self.error = None;
        let listing = match std::fs::read_dir(&self.directory) {
            Ok(listing) => listing,
            Err(err) => {
                self.error = Some(format!(
                    "{}: cannot be listed ({err})",
                    self.directory.display()
                ));
                return;
            }
        };
        for entry in listing.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_dir = path.is_dir();
            if name.starts_with('.') || !(is_dir || self.wanted(&path)) {
                continue;
            }
            self.entries.push(Entry { name, path, is_dir });
        }
        self.entries.sort_by(|a, b| {
            b.is_dir
                .cmp(&a.is_dir)
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
    }

    fn enter(&mut self, directory: PathBuf) {
        self.directory = directory;
        self.read_directory();
    }

    pub fn show(&mut self, ctx: &egui::Context) -> DialogOutcome {
        let mut outcome = DialogOutcome::StillOpen;
        let mut enter_directory = None;
        // Modal: the window behind takes no clicks and no focus, so Tab stays in the dialog.
        let modal = egui::Modal::new(egui::Id::unique(("file dialog", self.title))).show(
            ctx,
            |ui| {
                ui.set_width(720.0);
                ui.heading(self.title);
                ui.horizontal(|ui| {
                    if ui.button("Up").on_hover_text("The folder above").clicked()
                        && let Some(parent) = self.directory.parent()
                    {
                        enter_directory = Some(parent.to_path_buf());
                    }
                    ui.label(egui::RichText::new(self.directory.display().to_string()).monospace());
                    // BACI and other publishers ship one file per year: the folder is the table.
                    if self.purpose == DialogPurpose::OpenCsv
                        && ui
                            .button("Open this folder")
                            .on_hover_text(
                                "Read every data file in this folder as one table (their headers must match)",
                            )
                            .clicked()
                    {
                        outcome = DialogOutcome::Chosen(self.directory.clone());
                    }
                });
                ui.separator();
                egui::ScrollArea::vertical()
                    .max_height(400.0)
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        for entry in &self.entries {
                            let label = if entry.is_dir {
                                format!("{}/", entry.name)
                            } else {
                                entry.name.clone()
                            };
                            let selected = Path::new(&self.typed_path) == entry.path;
                            let response = ui.selectable_label(selected, label);
                            if response.double_clicked() {
                                if entry.is_dir {
                                    enter_directory = Some(entry.path.clone());
                                } else {
                                    outcome = DialogOutcome::Chosen(entry.path.clone());
                                }
                            } else if response.clicked() {
                                if entry.is_dir {
                                    enter_directory = Some(entry.path.clone());
                                } else {
                                    self.typed_path = entry.path.display().to_string();
                                }
                            }
                        }
                        if self.entries.is_empty() && self.error.is_none() {
                            ui.label(
                                egui::RichText::new("No folders or matching files here.").weak(),
                            );
                        }
                    });
                if let Some(error) = &self.error {
                    ui.label(egui::RichText::new(error).color(ui.visuals().error_fg_color));
                }
                ui.separator();
                ui.horizontal(|ui| {
                    let label = ui.label("File:");
                    let field = ui
                        .add(egui::TextEdit::singleline(&mut self.typed_path).desired_width(520.0))
                        .labelled_by(label.id);
                    if std::mem::take(&mut self.focus_field) {
                        field.request_focus();
                    }
                    let submitted =
                        field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if (ui.button(self.action).clicked() || submitted)
                        && !self.typed_path.trim().is_empty()
                    {
                        let path = PathBuf::from(self.typed_path.trim());
                        if path.is_dir() {
                            enter_directory = Some(path);
                        } else {
                            outcome = DialogOutcome::Chosen(path);
                        }
                    }
                    if ui.button("Cancel").clicked() {
                        outcome = DialogOutcome::Cancelled;
                    }
                });
            },
        );
        if let Some(directory) = enter_directory {
            self.enter(directory);
        }
        // Esc closes the dialog, as it closes any dialog; so does a click beside it.
        if modal.should_close() || ctx.input(|i| i.key_pressed(egui::Key::Escape)) {
            outcome = DialogOutcome::Cancelled;
        }
        outcome
    }
}
