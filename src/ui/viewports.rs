//! Where each scroll area shows its content this frame, noted as it is drawn: a
//! widget outside the window is reachable when it lies in a scroll area (the user
//! scrolls to it) and lost when it does not. The layout tests read these notes; egui
//! itself keeps no list of scroll areas.

/// One scroll area as drawn this frame: the part of its content on screen, and the
/// axes it scrolls along.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ScrollViewport {
    pub layer: egui::LayerId,
    /// The visible part of the content (the content's clip rectangle).
    pub clip: egui::Rect,
    /// Whether it scrolls along x and along y.
    pub scrolls: egui::Vec2b,
}

fn key() -> egui::Id {
    egui::Id::unique("rapport_scroll_viewports")
}

/// Notes the scroll area whose content `ui` draws (call it inside the area's closure).
pub fn note_scroll_viewport(ui: &egui::Ui, scrolls: impl Into<egui::Vec2b>) {
    let viewport = ScrollViewport { layer: ui.layer_id(), clip: ui.clip_rect(), scrolls: scrolls.into() };
    ui.ctx().data_mut(|data| data.get_temp_mut_or_default::<Vec<ScrollViewport>>(key()).push(viewport));
}

/// Forgets the last frame's notes (once, before the panels are drawn).
pub fn clear_scroll_viewports(ctx: &egui::Context) {
    ctx.data_mut(|data| data.remove_temp::<Vec<ScrollViewport>>(key()));
}

/// The scroll areas drawn in the last frame.
pub fn scroll_viewports(ctx: &egui::Context) -> Vec<ScrollViewport> {
    ctx.data(|data| data.get_temp::<Vec<ScrollViewport>>(key())).unwrap_or_default()
}
