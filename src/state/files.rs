//! What a file dialog is asked for, by the app or Rapport's own path dialog.

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

/// A file that failed to open, kept after its error is closed: the status bar shows
/// it with what can be done (see the error again, open the backup, open another
/// file) until another document is opened or created, or it is dismissed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadFailure {
    pub path: std::path::PathBuf,
    pub title: String,
    /// The whole error, as its dialog shows it.
    pub message: String,
    /// The backup beside the file, when there is one.
    pub backup: Option<std::path::PathBuf>,
}

impl LoadFailure {
    /// One line for the status bar: the file and the first line of the error.
    pub fn summary(&self) -> String {
        let name = self
            .path
            .file_name()
            .map_or_else(|| self.path.display().to_string(), |n| n.to_string_lossy().into());
        let first = self.message.lines().next().unwrap_or_default();
        format!("Could not open {name}: {first}")
    }
}
