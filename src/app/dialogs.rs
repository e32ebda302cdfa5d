//! File dialogs behind a trait: native ones through rfd, run off the UI thread, or
//! none (then the app shows its own path dialog). Tests use their own.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};

/// What a file dialog asks for: an existing file to read, or a place to write.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRequest {
    pub title: String,
    /// Name of the file type ("Rapport network").
    pub filter: String,
    /// Extensions without the dot; the first is added when saving without one.
    pub extensions: Vec<String>,
    /// `Some(name)` when choosing where to write.
    pub save_as: Option<String>,
}

impl FileRequest {
    /// Open a network file.
    pub fn open_network() -> Self {
        Self::open("Open network", "Rapport network", &["ron"])
    }

    /// Save the network as `suggested_name`.
    pub fn save_network(suggested_name: String) -> Self {
        Self::save("Save network", "Rapport network", &["ron"], suggested_name)
    }

    pub fn open(title: &str, filter: &str, extensions: &[&str]) -> Self {
        Self {
            title: title.to_owned(),
            filter: filter.to_owned(),
            extensions: extensions.iter().map(|e| (*e).to_owned()).collect(),
            save_as: None,
        }
    }

    pub fn save(title: &str, filter: &str, extensions: &[&str], suggested_name: String) -> Self {
        Self { save_as: Some(suggested_name), ..Self::open(title, filter, extensions) }
    }

    pub fn is_save(&self) -> bool {
        self.save_as.is_some()
    }
}

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
