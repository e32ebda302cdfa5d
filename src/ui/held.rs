//! Rows held in place after a one-click action (see [`crate::state::HeldRows`]).

use crate::state::ViewState;

/// Lets go of the rows `list` holds once the pointer is no longer over it (`rect`);
/// the next frame then draws the list as it is.
pub(super) fn release_when_left(ui: &egui::Ui, view: &mut ViewState, list: &str, rect: egui::Rect) {
    if view.held_rows(list).is_some() && !ui.rect_contains_pointer(rect) {
        view.held = None;
        ui.ctx().request_repaint();
    }
}
