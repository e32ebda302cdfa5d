//! A dialog fits in the window at any size: what lies between its heading and its
//! button row scrolls once the window is too short for it, and the buttons stay
//! outside the scroll area, always in view.

/// Height kept outside a dialog's scrolling body: the margin around the dialog, its
/// frame, its heading, and its button row with the keys hint and the "throw away what
/// you typed?" question under it.
const KEPT_OUT: f32 = 200.0;

/// The tallest a dialog's body may be in this window.
pub(super) fn body_max_height(ui: &egui::Ui) -> f32 {
    (ui.ctx().content_rect().height() - KEPT_OUT).max(80.0)
}

/// Draws `add` as the dialog's body: in a scroll area no taller than
/// [`body_max_height`], noted for the layout check.
pub(super) fn scrolling_body<R>(ui: &mut egui::Ui, salt: &str, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
    egui::ScrollArea::vertical()
        .id_salt(("dialog_body", salt))
        .max_height(body_max_height(ui))
        .show(ui, |ui| {
            super::viewports::note_scroll_viewport(ui, [false, true]);
            add(ui)
        })
        .inner
}
