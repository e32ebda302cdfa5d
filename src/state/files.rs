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
