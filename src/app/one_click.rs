//! One-click actions and their toasts: each action is an undo step of its own, and its
//! toast's Undo takes back exactly that step, or says why not.

use super::App;
use crate::state::{Command, EditRequest};

impl App {
    /// The toasts on screen.
    pub fn toasts(&self) -> &crate::state::Toasts {
        &self.toasts
    }

    /// Applies a one-click action as its own undo step and shows `toast` for it (what a
    /// click on Done, Thanked, Celebrated… does; public for the frame benchmarks).
    pub fn one_click(&mut self, ctx: &egui::Context, request: EditRequest, toast: String) {
        let before = self.history.newest_step();
        self.history.seal();
        self.apply(request);
        self.history.seal();
        let step = self.history.newest_step().filter(|step| Some(*step) != before);
        if step.is_some() {
            let now = ctx.input(|i| i.time);
            self.toasts.show(toast, step, now);
        }
    }

    /// The Undo of toast `id`: its step is taken back only while it is the newest one;
    /// otherwise the toast says why nothing changed.
    pub(super) fn undo_toast(&mut self, ctx: &egui::Context, id: u64) {
        let Some(step) = self.toasts.get(id).and_then(|t| t.undo_step) else { return };
        if self.history.newest_step() == Some(step) {
            self.perform(ctx, Command::Undo);
            self.toasts.dismiss(id);
        } else {
            let now = ctx.input(|i| i.time);
            let note = "Not undone: later changes came after it (Edit › Undo takes back the newest first)";
            self.toasts.explain(id, note, now);
        }
    }

    /// Once a frame: toasts whose time is over go; while any is on screen, a frame is
    /// asked for when the next one goes (and not before).
    pub(super) fn tick_toasts(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if let Some(next) = self.toasts.expire(now) {
            ctx.request_repaint_after(next);
        }
    }
}
