//! The toasts at the bottom right: what a one-click action did, with its Undo.

use crate::state::{Action, Toasts};

/// Draws the toasts above the status bar, newest at the bottom; returns the Undo
/// clicked, if any.
pub fn toasts_ui(ctx: &egui::Context, toasts: &Toasts) -> Option<Action> {
    if toasts.is_empty() {
        return None;
    }
    let mut action = None;
    egui::Area::new(egui::Id::unique("rapport_toasts"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-12.0, -36.0))
        .order(egui::Order::Foreground)
        .interactable(true)
        .show(ctx, |ui| {
            for toast in toasts.items() {
                ui.push_id(toast.id, |ui| {
                    egui::Frame::popup(ui.style()).show(ui, |ui| {
                        ui.horizontal(|ui| {
                            ui.label(&toast.text);
                            match &toast.note {
                                Some(note) => {
                                    ui.weak(note);
                                }
                                None if toast.undo_step.is_some() => {
                                    ui.label("·");
                                    if ui.button("Undo").on_hover_text("Take back this step").clicked() {
                                        action = Some(Action::UndoToast(toast.id));
                                    }
                                }
                                None => {}
                            }
                        });
                    });
                });
            }
        });
    action
}
