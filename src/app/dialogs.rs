//! File dialogs behind a trait: native ones through rfd, run off the UI thread, or
//! none (then the app shows its own path dialog). Tests use their own.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};

use crate::state::FileRequest;

/// Something that can ask the user for a path.
pub trait FileDialogs {
    /// Starts a dialog; the answer (None when cancelled) arrives on the receiver.
    /// Returns None when there is no dialog to show: the app then uses its own.
    fn start(
        &self,
        ctx: &egui::Context,
        request: &FileRequest,
        folder: Option<&Path>,
    ) -> Option<Receiver<Option<PathBuf>>>;
}

/// The desktop's dialogs, through rfd.
pub struct NativeDialogs {
    available: bool,
}

impl Default for NativeDialogs {
    fn default() -> Self {
        Self { available: native_dialogs_available() }
    }
}

impl FileDialogs for NativeDialogs {
    fn start(
        &self,
        ctx: &egui::Context,
        request: &FileRequest,
        folder: Option<&Path>,
    ) -> Option<Receiver<Option<PathBuf>>> {
        if !self.available {
            return None;
        }
        let (sender, receiver) = mpsc::channel();
        let mut dialog =
            rfd::FileDialog::new().add_filter(&request.filter, &request.extensions).set_title(&request.title);
        if let Some(folder) = folder {
            dialog = dialog.set_directory(folder);
        }
        let request = request.clone();
        let ctx = ctx.clone();
        let spawned = std::thread::Builder::new().name("file-dialog".into()).spawn(move || {
            let path = match request.save_as {
                None => dialog.pick_file(),
                Some(name) => dialog.set_file_name(name).save_file(),
            };
            let _ = sender.send(path);
            ctx.request_repaint();
        });
        spawned.ok().map(|_| receiver)
    }
}

/// No native dialogs: always the app's own.
pub struct BuiltinDialogs;

impl FileDialogs for BuiltinDialogs {
    fn start(
        &self,
        _ctx: &egui::Context,
        _request: &FileRequest,
        _folder: Option<&Path>,
    ) -> Option<Receiver<Option<PathBuf>>> {
        None
    }
}

/// Whether rfd can show anything here. On Linux it needs the XDG desktop portal on
/// the session bus, or zenity; without either it silently returns "cancelled".
fn native_dialogs_available() -> bool {
    if !cfg!(target_os = "linux") && !cfg!(target_os = "freebsd") {
        return true;
    }
    if std::env::var_os("RAPPORT_BUILTIN_DIALOGS").is_some() {
        return false;
    }
    let on_path = |program: &str| {
        std::env::var_os("PATH")
            .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
    };
    let session_bus = std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some();
    let data_dirs = std::env::var("XDG_DATA_DIRS").unwrap_or_else(|_| "/usr/local/share:/usr/share".into());
    let portal_installed = data_dirs
        .split(':')
        .any(|dir| Path::new(dir).join("dbus-1/services/org.freedesktop.portal.Desktop.service").is_file());
    (session_bus && portal_installed) || on_path("zenity")
}
