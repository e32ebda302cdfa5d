//! Up/Down/Enter through the contact list while no widget has the keyboard: Up and
//! Down select the previous or next row as the list shows it, Enter opens the selected
//! contact.

use super::App;

impl App {
    /// Moves through the contact list; nothing while a dialog, the palette or any
    /// widget (a field, a focused button) has the keyboard.
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
        let rows = self.derived.contact_rows();
        let contacts = &self.doc.network.contacts;
        let at = self
            .view
            .selected
            .and_then(|id| rows.iter().position(|&i| contacts.get(i).is_some_and(|c| c.id == id)));
        let next = match (up, down, at) {
            (true, _, Some(at)) => Some(at.saturating_sub(1)),
            (_, true, Some(at)) => Some((at + 1).min(rows.len().saturating_sub(1))),
            (true, _, None) | (_, true, None) => Some(0),
            _ => None,
        };
        if let Some(id) = next.and_then(|row| rows.get(row)).and_then(|&i| contacts.get(i)).map(|c| c.id) {
            self.view.select_contact(Some(id));
            self.view.scroll_to_selected = true;
        }
        if enter && let Some(id) = self.view.selected {
            self.view.open_contact(id);
        }
    }
}
