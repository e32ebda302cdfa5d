//! Up/Down/Enter through a page's list while no widget has the keyboard: Up and Down
//! move through the rows as the list shows them, Enter opens the contact of the row.
//! On the Promises page that is its list of promises; elsewhere the contact list.

use super::App;
use crate::model::Id;
use crate::state::Page;

impl App {
    /// Moves through the list; nothing while a dialog, the palette or any widget (a
    /// field, a focused button) has the keyboard.
    pub(super) fn list_keys(&mut self, ctx: &egui::Context) {
        if self.modal.is_some() || self.view.palette.is_some() || ctx.memory(|m| m.focused().is_some()) {
            return;
        }
        let none = egui::Modifiers::NONE;
        let (up, down, enter) = ctx.input_mut(|i| {
            (
                i.consume_key(none, egui::Key::ArrowUp),
                i.consume_key(none, egui::Key::ArrowDown),
                i.consume_key(none, egui::Key::Enter),
            )
        });
        if self.view.page == Page::Promises {
            self.promise_keys(up, down, enter);
            return;
        }
        let rows = self.derived.contact_rows();
        let contacts = &self.doc.network.contacts;
        let at = self
            .view
            .selected
            .and_then(|id| rows.iter().position(|&i| contacts.get(i).is_some_and(|c| c.id == id)));
        if let Some(id) = step(up, down, at, rows.len())
            .and_then(|row| rows.get(row))
            .and_then(|&i| contacts.get(i))
            .map(|c| c.id)
        {
            self.view.select_contact(Some(id));
            self.view.scroll_to_selected = true;
        }
        if enter && let Some(id) = self.view.selected {
            self.view.open_contact(id);
        }
    }

    /// Up/Down move the highlight through the open promises in the page's order (as
    /// held after a one-click action, if it is); Enter opens the promise's contact.
    fn promise_keys(&mut self, up: bool, down: bool, enter: bool) {
        let commitments = &self.doc.network.commitments;
        let rows: Vec<Id> = match self.view.held_rows(crate::ui::HELD_PROMISES) {
            Some(ids) => ids.to_vec(),
            None => self
                .derived
                .open_promises()
                .unwrap_or_default()
                .iter()
                .filter_map(|&i| commitments.get(i))
                .map(|c| c.id)
                .collect(),
        };
        let at = self.view.promise_highlight.and_then(|id| rows.iter().position(|&r| r == id));
        if let Some(&id) = step(up, down, at, rows.len()).and_then(|row| rows.get(row)) {
            self.view.promise_highlight = Some(id);
            self.view.scroll_to_promise = true;
        }
        let contact = at
            .and_then(|at| rows.get(at))
            .and_then(|&id| crate::model::find_by_id(commitments, id))
            .map(|c| c.contact);
        if enter && let Some(contact) = contact {
            self.view.open_contact(contact);
        }
    }
}

/// The row Up or Down moves to from `at` in a list of `len` rows (the first when
/// none is highlighted yet); `None` when neither was pressed.
fn step(up: bool, down: bool, at: Option<usize>, len: usize) -> Option<usize> {
    match (up, down, at) {
        (true, _, Some(at)) => Some(at.saturating_sub(1)),
        (_, true, Some(at)) => Some((at + 1).min(len.saturating_sub(1))),
        (true, _, None) | (_, true, None) => Some(0),
        _ => None,
    }
}
