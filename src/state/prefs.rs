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
