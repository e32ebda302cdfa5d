//! Preferences kept between runs in eframe's storage. Never the network itself.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How the contact list is ordered (analysis sorts it).
pub use crate::analysis::ContactOrder as SortBy;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub sort: SortBy,
    pub show_archived: bool,
    pub theme: Theme,
    /// The welcome card of the first run was closed: never shown again.
    pub welcomed: bool,
}

/// Light or dark, or as the system says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Theme {
    #[default]
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Self; 3] = [Self::System, Self::Light, Self::Dark];

    pub fn label(self) -> &'static str {
        match self {
            Self::System => "Follow the system",
            Self::Light => "Light",
            Self::Dark => "Dark",
        }
    }
}

impl Prefs {
    pub const KEY: &'static str = "rapport.prefs";
    const MAX_RECENT: usize = 10;

    /// Puts `path` first among the recent files; the caller makes it canonical, so
    /// that one file is listed once.
    pub fn remember(&mut self, path: PathBuf) {
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(Self::MAX_RECENT);
    }

    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
    }
}
