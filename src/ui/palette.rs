//! The command palette (Ctrl+P): type a part of a contact's name, a page or a command;
//! Up/Down move the highlight, Enter runs it, Esc closes. What it finds is kept in
//! [`crate::state::PaletteState`], refreshed by the app before the frame.

use crate::analysis::Derived;
use crate::model::Network;
use crate::state::{Action, Command, Found, PaletteState, ViewState};

/// The palette, when it is open.
pub fn palette_ui(
    ctx: &egui::Context,
    network: &Network,
    derived: &Derived,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let Some(palette) = view.palette.as_mut() else { return };
    // Before the field sees them: Enter and Esc would take its focus away, Up/Down
    // would move its cursor.
    let keys = |key| ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
    let (up, down, enter, escape) = (
        keys(egui::Key::ArrowUp),
        keys(egui::Key::ArrowDown),
        keys(egui::Key::Enter),
        keys(egui::Key::Escape),
    );
    if up || down {
        palette.move_highlight(if up { -1 } else { 1 });
    }
    let mut chosen = enter.then(|| palette.highlighted_entry()).flatten();
    let modal = egui::Modal::new(egui::Id::unique("command_palette")).show(ctx, |ui| {
        ui.set_width(460.0_f32.min(ctx.content_rect().width() - 40.0));
        if let Some(clicked) = palette_body_ui(ui, network, derived, palette, up || down) {
            chosen = Some(clicked);
        }
    });
    if escape || modal.should_close() {
        view.palette = None;
    } else if let Some(found) = chosen {
        run(found, view, actions);
    }
}

/// The query field and the list; returns the entry clicked.
fn palette_body_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    palette: &mut PaletteState,
    moved: bool,
) -> Option<Found> {
    let hint = match palette.for_command.and_then(Command::with_contact_label) {
        Some(what) => format!("{what} whom? Type a part of the name"),
        None => "A contact, a page or a command…".to_owned(),
    };
    let field =
        ui.add(egui::TextEdit::singleline(&mut palette.query).hint_text(hint).desired_width(f32::INFINITY));
    field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Find"));
    if std::mem::take(&mut palette.wants_focus) {
        field.request_focus();
    }
    super::fields::keys_hint(ui, "Up, Down: move · Enter: run · Esc: close");
    ui.separator();
    if palette.found().is_empty() {
        ui.weak("Nothing matches.");
        return None;
    }
    let mut clicked = None;
    egui::ScrollArea::vertical().max_height(360.0).auto_shrink([false, true]).show(ui, |ui| {
        for (at, found) in palette.found().iter().enumerate() {
            let highlighted = at == palette.highlighted;
            let button = match *found {
                Found::Contact(id) => {
                    let organisation = network.contact(id).map_or("", |c| c.organization.as_str());
                    egui::Button::selectable(highlighted, derived.name(network, id)).right_text(organisation)
                }
                Found::Command(command) => {
                    let keys = command.shortcut().map(|s| ui.ctx().format_shortcut(&s)).unwrap_or_default();
                    egui::Button::selectable(highlighted, command.label()).shortcut_text(keys)
                }
                other => egui::Button::selectable(highlighted, other.label().unwrap_or_default()),
            };
            let row = ui.add(button.min_size(egui::vec2(ui.available_width(), 0.0)));
            if highlighted && moved {
                row.scroll_to_me(None);
            }
            if row.clicked() {
                clicked = Some(*found);
            }
        }
    });
    clicked
}

/// Runs the entry chosen; the palette closes, but after a "…with…" command, which
/// asks for the contact in the palette first.
fn run(found: Found, view: &mut ViewState, actions: &mut Vec<Action>) {
    let for_command = view.palette.as_ref().and_then(|p| p.for_command);
    if let Found::WithContact(command) = found {
        if let Some(palette) = &mut view.palette {
            palette.ask_contact_for(command);
        }
        return;
    }
    view.palette = None;
    match found {
        Found::Contact(id) => {
            view.open_contact(id);
            match for_command {
                Some(Command::CheckIn) => actions.push(Action::CheckIn(id)),
                Some(command) => actions.push(Action::Command(command)),
                None => {}
            }
        }
        Found::Page(page) => view.page = page,
        Found::Command(command) => actions.push(Action::Command(command)),
        Found::WithContact(_) => {}
    }
}
