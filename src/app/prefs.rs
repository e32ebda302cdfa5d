//! Preferences kept between runs in eframe's storage. Never the network itself.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// How the contact list is ordered.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SortBy {
    #[default]
    Name,
    LastTouch,
    Overdue,
    Band,
    /// Share of giving, most giving first.
    Share,
}

impl SortBy {
    pub const ALL: [Self; 5] = [Self::Name, Self::LastTouch, Self::Overdue, Self::Band, Self::Share];

    pub fn label(self) -> &'static str {
        match self {
            Self::Name => "Name",
            Self::LastTouch => "Last touch",
            Self::Overdue => "Overdue",
            Self::Band => "Band",
            Self::Share => "Share of giving",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Prefs {
    /// Most recent first.
    pub recent: Vec<PathBuf>,
    pub sort: SortBy,
    pub show_archived: bool,
}

impl Prefs {
    pub const KEY: &'static str = "rapport.prefs";
    const MAX_RECENT: usize = 10;

    pub fn remember(&mut self, path: &Path) {
        let path = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned());
        self.recent.retain(|p| *p != path);
        self.recent.insert(0, path);
        self.recent.truncate(Self::MAX_RECENT);
    }

    pub fn forget(&mut self, path: &Path) {
        self.recent.retain(|p| p != path);
    }
}
