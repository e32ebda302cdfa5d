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
    // Only the rows in view are laid out: a key typed brings up to 50 new ones, and
    // laying out their text was most of the frame.
    let row_height = ui
        .spacing()
        .interact_size
        .y
        .max(ui.text_style_height(&egui::TextStyle::Button) + 2.0 * ui.spacing().button_padding.y);
    let step = row_height + ui.spacing().item_spacing.y;
    let found = palette.found();
    let highlighted = palette.highlighted;
    egui::ScrollArea::vertical().max_height(360.0).auto_shrink([false, true]).show_rows(
        ui,
        row_height,
        found.len(),
        |ui, range| {
            // One line a row (a long name is cut short), as the rows' height says.
            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Truncate);
            if moved {
                // Drawn or not, the highlighted row is `step` per row from the first drawn.
                let top = ui.cursor().top() + (highlighted as f32 - range.start as f32) * step;
                let rect = egui::Rect::from_min_size(
                    egui::pos2(ui.cursor().left(), top),
                    egui::vec2(1.0, row_height),
                );
                ui.scroll_to_rect(rect, None);
            }
            for at in range {
                let Some(found) = found.get(at) else { continue };
                let button = entry_button(ui, network, derived, *found, at == highlighted);
                let row = ui.add(button.min_size(egui::vec2(ui.available_width(), row_height)));
                if row.clicked() {
                    clicked = Some(*found);
                }
            }
        },
    );
    clicked
}

/// One entry's row: a contact with their organisation, a command with its shortcut.
fn entry_button<'a>(
    ui: &egui::Ui,
    network: &'a Network,
    derived: &'a Derived,
    found: Found,
    highlighted: bool,
) -> egui::Button<'a> {
    match found {
        Found::Contact(id) => {
            let organisation = network.contact(id).map_or("", |c| c.organization.as_str());
            egui::Button::selectable(highlighted, derived.name(network, id)).right_text(organisation)
        }
        Found::Command(command) => {
            let keys = command.shortcut().map(|s| ui.ctx().format_shortcut(&s)).unwrap_or_default();
            egui::Button::selectable(highlighted, command.label()).shortcut_text(keys)
        }
        other => egui::Button::selectable(highlighted, other.label().unwrap_or_default()),
    }
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
