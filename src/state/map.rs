//! The Network page's own state: its filters and search, and where the map is zoomed.

use crate::analysis::MapQuery;

/// How far the map zooms in, at most (1 = the whole network fits).
pub const MAX_ZOOM: f32 = 40.0;

/// What the Network page shows, besides the network.
#[derive(Clone, Debug, PartialEq)]
pub struct MapState {
    /// The filters and the search: the derived data's key for what is drawn.
    pub query: MapQuery,
    /// 1 = the whole network fits; more zooms in.
    pub zoom: f32,
    /// How far the map's centre is moved from the middle of its area, in points.
    pub pan: egui::Vec2,
    /// The map was clicked into: the wheel zooms instead of scrolling the page.
    pub engaged: bool,
    /// The map's centre on screen and its outer ring's radius there, as last drawn
    /// (where a node is on screen, for tests and the hover).
    pub drawn: Option<(egui::Pos2, f32)>,
}

impl Default for MapState {
    fn default() -> Self {
        Self { query: MapQuery::default(), zoom: 1.0, pan: egui::Vec2::ZERO, engaged: false, drawn: None }
    }
}

impl MapState {
    /// Back to the whole network.
    pub fn fit(&mut self) {
        self.zoom = 1.0;
        self.pan = egui::Vec2::ZERO;
    }

    /// Zooms by `factor` keeping the point `at` (screen) where it is.
    pub fn zoom_by(&mut self, factor: f32, at: egui::Pos2) {
        let Some((centre, _)) = self.drawn else { return };
        let zoom = (self.zoom * factor).clamp(1.0, MAX_ZOOM);
        let applied = zoom / self.zoom;
        // The map's centre moves away from (or toward) the pointer by the same factor.
        let offset = centre - at;
        self.pan += offset * (applied - 1.0);
        self.zoom = zoom;
        if zoom <= 1.0 {
            self.pan = egui::Vec2::ZERO;
        }
    }

    /// Where a point of the unit disc (a node's `x`, `y`) was drawn, on screen.
    pub fn screen_position(&self, x: f32, y: f32) -> Option<egui::Pos2> {
        let (centre, ring) = self.drawn?;
        Some(centre + egui::vec2(x, y) * ring)
    }
}
