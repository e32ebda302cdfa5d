//! Asking for a path (the desktop's dialog, or Rapport's own), and what is done with
//! it: open, save as, import, export. Reading and writing run off the UI thread.

use std::path::{Path, PathBuf};

use super::messages::Done;
use super::{App, FilePurpose, FileRequest, Task};
use crate::interop::ReportFormat;
use crate::state::{Modal, PathPrompt};
use crate::store;

impl App {
    pub(super) fn ask_path(&mut self, ctx: &egui::Context, purpose: FilePurpose) {
        let request = match &purpose {
            FilePurpose::Open => FileRequest::open_network(),
            FilePurpose::SaveAs { .. } => FileRequest::save_network(self.doc.suggested_file_name()),
            FilePurpose::Import => FileRequest::open(
                "Import contacts",
                "vCard, LinkedIn or CSV",
                &["vcf", "vcard", "csv", "txt"],
            ),
            FilePurpose::Export { what, .. } => {
                let extension = what.rsplit('.').next().unwrap_or("txt");
                FileRequest::save(&format!("Export {what}"), what, &[extension], what.clone())
            }
        };
        let folder = self.start_folder();
        match self.dialogs.start(ctx, &request, folder.as_deref()) {
            Some(receiver) => self.file_job = Some((receiver, purpose)),
            None => {
                let folder =
                    folder.or_else(|| std::env::current_dir().ok()).unwrap_or_else(|| PathBuf::from("."));
                self.modal = Some(Modal::PathPrompt(PathPrompt::new(purpose, request, folder)));
            }
        }
    }

    fn start_folder(&self) -> Option<PathBuf> {
        let from = self.doc.path.as_ref().or(self.prefs.recent.first())?;
        from.parent().map(Path::to_owned)
    }

    fn path_chosen(&mut self, ctx: &egui::Context, purpose: FilePurpose, path: PathBuf) {
        match purpose {
            FilePurpose::Open => self.open_file(&path),
            FilePurpose::SaveAs { then } => {
                self.save_to_then(&path, then);
            }
            FilePurpose::Import => self.start_import(ctx, path),
            FilePurpose::Export { bytes, what } => {
                let task = Task::spawn(ctx, "export", move || {
                    let result = store::write_atomic(&path, &bytes, false).map_err(|e| e.to_string());
                    Done::Wrote { what, path, result }
                });
                self.tasks.push(task);
            }
        }
    }

    /// Reads a file to import (in the background) and shows its preview; nothing
    /// changes until confirmed.
    pub fn start_import(&mut self, ctx: &egui::Context, path: PathBuf) {
        let task = Task::spawn(ctx, "read-import", move || {
            let bytes = read_for_import(&path).map_err(|error| format!("{}: {error}", path.display()));
            Done::ReadForImport { path, bytes }
        });
        self.tasks.push(task);
    }

    /// Asks where to write `bytes` (an export named like `what`, e.g. "contacts.vcf").
    pub fn export(&mut self, ctx: &egui::Context, what: String, bytes: Vec<u8>) {
        self.ask_path(ctx, FilePurpose::Export { bytes, what });
    }

    pub(super) fn poll_file_job(&mut self, ctx: &egui::Context) {
        let Some((receiver, _)) = &self.file_job else { return };
        let answer = match receiver.try_recv() {
            Ok(answer) => answer,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => None,
        };
        if let Some((_, purpose)) = self.file_job.take()
            && let Some(path) = answer
        {
            self.path_chosen(ctx, purpose, path);
        }
    }

    /// Saves the report of the Report page's period in `format`, asking where.
    pub(super) fn export_report(&mut self, ctx: &egui::Context, format: ReportFormat) {
        let period = self.view.report.period(self.as_of);
        // The one the page shows; computed here only when asked for from elsewhere.
        let bytes = match self.derived.report(period) {
            Some(report) => format.render(report, &self.doc.network),
            None => format
                .render(&crate::interop::Report::for_period(&self.doc.network, period), &self.doc.network),
        };
        let name = format!("report-{}.{}", period.from, format.extension());
        self.export(ctx, name, bytes);
    }

    /// The network map on the as-of date as an SVG file: the one the Network page
    /// draws when it was built, else built here.
    pub(super) fn map_svg(&self) -> Vec<u8> {
        let network = &self.doc.network;
        let built = self.derived.map_layout().zip(self.derived.network_map());
        match built.filter(|(_, map)| map.as_of == Some(self.as_of)) {
            Some((layout, map)) => crate::interop::map_svg_file(network, layout, map),
            None => {
                let (layout, map) = crate::analysis::NetworkMap::on(network, self.as_of);
                crate::interop::map_svg_file(network, &layout, &map)
            }
        }
    }

    /// A path typed or picked in Rapport's own dialog: looked at in the background
    /// (the dialog stays as it is meanwhile), then [`Self::path_looked`].
    pub(super) fn path_typed(&mut self, ctx: &egui::Context, prompt: PathPrompt, path: PathBuf) {
        let looked = path.clone();
        let task = Task::spawn(ctx, "look-at-path", move || {
            let kind = match std::fs::metadata(&looked) {
                Ok(m) if m.is_dir() => PathKind::Folder,
                Ok(m) if m.is_file() => PathKind::File,
                Ok(_) => PathKind::Other,
                Err(_) => PathKind::Missing,
            };
            Done::Looked { path: looked, kind }
        });
        self.tasks.push(task);
        self.modal = Some(Modal::PathPrompt(prompt));
    }

    /// What the path typed names, looked at: a folder is entered, an existing file is
    /// written over only once confirmed, a file to read must exist.
    pub(super) fn path_looked(
        &mut self,
        ctx: &egui::Context,
        mut prompt: PathPrompt,
        path: PathBuf,
        kind: PathKind,
    ) {
        if kind == PathKind::Folder {
            prompt.folder = path;
            prompt.path_text.clear();
        } else if prompt.is_save()
            && kind != PathKind::Missing
            && prompt.confirm_overwrite.as_ref() != Some(&path)
        {
            prompt.confirm_overwrite = Some(path);
        } else if !prompt.is_save() && kind != PathKind::File {
            prompt.refusal = Some(format!("{} does not exist.", path.display()));
        } else {
            return self.path_chosen(ctx, prompt.purpose, path);
        }
        self.modal = Some(Modal::PathPrompt(prompt));
    }

    /// Lists `folder` for Rapport's own path dialog, in the background.
    pub(super) fn list_folder(&mut self, ctx: &egui::Context, mut prompt: PathPrompt, folder: PathBuf) {
        if prompt.listed.as_ref() != Some(&folder) {
            // Shown as being listed until the listing arrives.
            prompt.listed = Some(folder.clone());
            prompt.entries.clear();
            let extensions = prompt.request.extensions.clone();
            let task = Task::spawn(ctx, "list-folder", move || {
                let entries = list_folder(&folder, &extensions);
                Done::Listed { folder, entries }
            });
            self.tasks.push(task);
        }
        self.modal = Some(Modal::PathPrompt(prompt));
    }
}

/// What a path names, as Rapport's own dialog needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum PathKind {
    Folder,
    File,
    /// Something else that exists (a device, a socket).
    Other,
    Missing,
}

/// The contents of a file to import, refusing one larger than an import reads.
fn read_for_import(path: &Path) -> std::io::Result<Vec<u8>> {
    let limit = crate::interop::MAX_FILE_BYTES as u64;
    let size = std::fs::metadata(path)?.len();
    if size > limit {
        return Err(std::io::Error::other(format!("the file is larger than {} MB", limit / 1_048_576)));
    }
    std::fs::read(path)
}

/// Folders and files with one of `extensions` in `folder`, folders first, then by name
/// ignoring case; hidden ones left out.
fn list_folder(folder: &Path, extensions: &[String]) -> Vec<(String, bool)> {
    let wanted = |name: &str| {
        let lower = name.to_lowercase();
        extensions.iter().any(|e| lower.ends_with(&format!(".{e}")))
    };
    let mut entries: Vec<(String, bool)> = std::fs::read_dir(folder)
        .map(|dir| {
            dir.filter_map(Result::ok)
                .filter_map(|entry| {
                    let name = entry.file_name().to_string_lossy().into_owned();
                    let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
                    let shown = !name.starts_with('.') && (is_dir || wanted(&name));
                    shown.then_some((name, is_dir))
                })
                .collect()
        })
        .unwrap_or_default();
    entries.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.to_lowercase().cmp(&b.0.to_lowercase())));
    entries
}
