//! Others' wins to celebrate, and your playbook of lessons (add, edit, reorder).

use crate::analysis::Derived;
use crate::model::{Change, Edit, Id, Lesson, Network, Win, find_by_id};
use crate::state::{Action, EditRequest, FocusField, ViewState};

pub fn wins_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let today = view.today;
    let Some(wins) = derived.wins() else { return };
    ui.heading("Wins to celebrate");
    ui.weak(
        "Good news of the people in your network. A note of congratulations costs little and means a lot.",
    );
    ui.label(format!("{} not yet celebrated", super::numbers::count(wins.waiting)));
    // One line per win, drawn only where visible; the playbook keeps the lower part.
    let row_height = ui.spacing().interact_size.y.max(ui.text_style_height(&egui::TextStyle::Body) + 4.0);
    let order = &wins.order;
    // After Celebrated the list keeps its order until the pointer leaves it, so that
    // the win does not move from under the pointer (celebrated ones go last).
    let held = view.held_rows(HELD).map(<[Id]>::to_vec);
    let rows = held.as_ref().map_or(order.len(), Vec::len);
    let list = egui::ScrollArea::vertical()
        .id_salt("wins")
        .auto_shrink([false, true])
        .max_height((ui.available_height() * 0.55).max(row_height * 3.0))
        .show_rows(ui, row_height, rows, |ui, range| {
            super::viewports::note_scroll_viewport(ui, [false, true]);
            let shown: Vec<&Win> = match &held {
                Some(ids) => ids[range].iter().filter_map(|&id| find_by_id(&network.wins, id)).collect(),
                None => order[range].iter().filter_map(|&i| network.wins.get(i)).collect(),
            };
            for win in shown {
                let asked = actions.len();
                ui.push_id(("win", win.id), |ui| win_row_ui(ui, network, derived, win, view, actions));
                if actions[asked..].iter().any(|a| matches!(a, Action::OneClick { .. })) {
                    let wins = &network.wins;
                    view.hold_rows(HELD, || {
                        order.iter().filter_map(|&i| wins.get(i)).map(|w| w.id).collect()
                    });
                }
            }
        });
    super::held::release_when_left(ui, view, HELD, list.inner_rect);
    if let Some(contact) = view.selected.filter(|id| network.contact(*id).is_some()) {
        let name = derived.name(network, contact);
        ui.horizontal(|ui| {
            if ui.button(format!("Add a win for {name}")).clicked() {
                let win = Win {
                    id: Network::next_id(&network.wins),
                    contact,
                    date: today,
                    text: String::new(),
                    celebrated: false,
                };
                let focus = FocusField::Win(win.id);
                let request = EditRequest::new("Add win", Edit::Wins(Change::Put(win)));
                actions.push(Action::add_to_fill(request, focus));
            }
            super::fields::keys_hint(ui, "Enter: done · Esc: leave the field");
        });
    } else {
        ui.weak("Select a contact on the left to add a win for them.");
    }
    ui.add_space(12.0);
    ui.separator();
    egui::ScrollArea::vertical().id_salt("playbook").auto_shrink(false).show(ui, |ui| {
        super::viewports::note_scroll_viewport(ui, [false, true]);
        playbook_ui(ui, &network.playbook, view, actions)
    });
}

/// The list of wins, as [`ViewState::held_rows`] names it.
const HELD: &str = "wins";

fn win_row_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    win: &Win,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let mut draft = win.clone();
    let mut field = None;
    ui.horizontal(|ui| {
        if ui.checkbox(&mut draft.celebrated, "Celebrated").changed() {
            field = Some("celebrated");
        }
        if super::fields::date_picker(ui, "Date", "win_date", &mut draft.date).changed() {
            field = Some("date");
        }
        let name = if network.contact(win.contact).is_some() {
            derived.name(network, win.contact)
        } else {
            "(removed)"
        };
        if ui.link(name).on_hover_text("Open this contact").clicked() {
            view.open_contact(win.contact);
        }
        let text = ui.label("Win");
        let text = ui
            .add(
                egui::TextEdit::singleline(&mut draft.text)
                    .desired_width(f32::INFINITY)
                    .hint_text("What happened"),
            )
            .labelled_by(text.id);
        if view.take_focus(FocusField::Win(win.id)) {
            text.request_focus();
        }
        if text.changed() {
            field = Some("text");
        }
        super::promises::finish_line_ui(ui, &text, actions);
    });
    if let Some(field) = field.filter(|_| draft != *win) {
        let id: Id = win.id;
        let celebrated = draft.celebrated;
        let request = EditRequest::new(format!("Edit win {field}"), Edit::Wins(Change::Put(draft)));
        actions.push(if field == "celebrated" {
            Action::one_click(request, if celebrated { "Celebrated" } else { "No longer celebrated" })
        } else {
            Action::edit(request.merging(format!("win:{id}:{field}")))
        });
    }
}

fn playbook_ui(ui: &mut egui::Ui, playbook: &[Lesson], view: &mut ViewState, actions: &mut Vec<Action>) {
    ui.heading("Playbook");
    ui.weak("Lessons you learned about giving well, in your own words, in the order you want to read them.");
    let mut edited: Option<(Vec<Lesson>, String, Option<String>)> = None;
    let mut finished = Vec::new();
    // On a narrow page the lesson takes a line of its own under its buttons.
    let narrow = ui.available_width() < 560.0;
    // A row out of view is only spaced for, as tall as a row was last drawn (see
    // `offscreen::may_skip` for when not).
    let height_id = ui.scope_id().with("lesson_height");
    let known: Option<(bool, f32)> = ui.data(|d| d.get_temp(height_id));
    let skip = super::offscreen::may_skip(ui, view.focus.is_some());
    let row_height = known.filter(|(was_narrow, _)| skip && *was_narrow == narrow).map(|(_, h)| h);
    let mut drawn_height: Option<f32> = None;
    for (i, lesson) in playbook.iter().enumerate() {
        if let Some(height) = row_height {
            let size = egui::vec2(ui.available_width(), height);
            if !ui.is_rect_visible(egui::Rect::from_min_size(ui.cursor().min, size)) {
                ui.allocate_space(size);
                continue;
            }
        }
        let row = ui.push_id(("lesson", i), |ui| {
            let mut draft = lesson.clone();
            let mut text_changed = false;
            let (date_changed, removed) = ui
                .horizontal(|ui| {
                    if ui
                        .add_enabled(i > 0, egui::Button::new("Up").small())
                        .on_hover_text("Move up")
                        .clicked()
                    {
                        let mut list = playbook.to_vec();
                        list.swap(i, i - 1);
                        edited = Some((list, "Move lesson".into(), None));
                    }
                    if ui
                        .add_enabled(i + 1 < playbook.len(), egui::Button::new("Down").small())
                        .on_hover_text("Move down")
                        .clicked()
                    {
                        let mut list = playbook.to_vec();
                        list.swap(i, i + 1);
                        edited = Some((list, "Move lesson".into(), None));
                    }
                    let date_changed =
                        super::fields::date_picker(ui, "Date", "lesson_date", &mut draft.date).changed();
                    let removed = ui.small_button("Remove").clicked();
                    if !narrow {
                        text_changed = lesson_text_ui(ui, &mut draft.lesson, i, view, &mut finished);
                    }
                    (date_changed, removed)
                })
                .inner;
            if narrow {
                ui.horizontal(|ui| {
                    ui.add_space(ui.spacing().indent);
                    text_changed = lesson_text_ui(ui, &mut draft.lesson, i, view, &mut finished);
                });
            }
            if (date_changed || text_changed) && draft != *lesson {
                let mut list = playbook.to_vec();
                list[i] = draft;
                edited = Some((list, "Edit lesson".into(), Some(format!("lesson:{i}"))));
            }
            if removed {
                let mut list = playbook.to_vec();
                list.remove(i);
                edited = Some((list, "Remove lesson".into(), None));
            }
        });
        drawn_height = Some(drawn_height.unwrap_or(0.0).max(row.response.rect.height()));
    }
    if let Some(height) = drawn_height {
        ui.data_mut(|d| d.insert_temp(height_id, (narrow, height)));
    }
    let mut added = None;
    ui.horizontal(|ui| {
        if ui.button("Add lesson").clicked() {
            let mut list = playbook.to_vec();
            list.push(Lesson { date: view.today, lesson: String::new() });
            added = Some(list);
        }
        super::fields::keys_hint(ui, "Enter: done · Esc: leave the field");
    });
    actions.extend(finished);
    if let Some(list) = added {
        let focus = FocusField::Lesson(list.len() - 1);
        actions.push(Action::add_to_fill(EditRequest::new("Add lesson", Edit::Playbook(list)), focus));
    }
    if let Some((list, label, key)) = edited {
        let request = EditRequest::new(label, Edit::Playbook(list));
        actions.push(Action::edit(match key {
            Some(key) => request.merging(key),
            None => request,
        }));
    }
}

/// The text of lesson `i`, filling the rest of its line; whether it changed.
fn lesson_text_ui(
    ui: &mut egui::Ui,
    lesson: &mut String,
    i: usize,
    view: &mut ViewState,
    finished: &mut Vec<Action>,
) -> bool {
    let label = ui.label("Lesson");
    let text = ui
        .add(egui::TextEdit::singleline(lesson).desired_width(super::fields::width_in_view(ui)))
        .labelled_by(label.id);
    if view.take_focus(FocusField::Lesson(i)) {
        text.request_focus();
    }
    super::promises::finish_line_ui(ui, &text, finished);
    text.changed()
}
