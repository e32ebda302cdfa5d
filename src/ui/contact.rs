//! The selected contact: every field, its needs, and its exchange ledger.

use super::fields::{
    EnterMovesOn, date_picker, date_row, escaped, keys_hint, list_row, list_row_suggesting, multiline_row,
    suggestions_ui, text_row,
};
use super::ledger;
use super::offscreen::unless_out_of_view;
use crate::analysis::{Band, Derived, Snapshot, Vocabulary};
use crate::model::{Change, Contact, Edit, Id, Need, Network};
use crate::state::{Action, Command, EditRequest, FocusField, ViewState};

/// Cadence presets offered before "custom".
const CADENCES: [(Option<u32>, &str); 5] = [
    (None, "Default"),
    (Some(14), "Every 2 weeks"),
    (Some(30), "Monthly"),
    (Some(90), "Quarterly"),
    (Some(365), "Yearly"),
];

pub fn contact_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let snapshot = derived.snapshot();
    let Some(contact) = view.selected.and_then(|id| network.contact(id)) else {
        ui.centered_and_justified(|ui| {
            ui.weak("Select a contact on the left, or add one with “New contact”.");
        });
        return;
    };
    // Each page keeps its own place (a shared id would share one offset).
    egui::ScrollArea::vertical().id_salt("page_contact").auto_shrink(false).show(ui, |ui| {
        super::viewports::note_scroll_viewport(ui, [false, true]);
        header_ui(ui, derived.name(network, contact.id), contact, snapshot);
        // The parts below are drawn only while in view (or holding the keyboard).
        let focus_asked = view.focus.is_some();
        unless_out_of_view(ui, "timeline", focus_asked, |ui| {
            match derived.timeline(contact.id) {
                Some(series) => super::timeline::timeline_ui(ui, network, series, contact.id, view),
                // A busy contact's, being built off the UI thread: as tall as the plots.
                None => reading_ui(ui, derived, contact.id, 270.0),
            }
            super::why::why_ui(ui, network, derived, contact.id, view);
        });
        ui.separator();
        ui.horizontal(|ui| {
            let command = Command::CheckIn;
            let shortcut = command.shortcut().map(|s| ui.ctx().format_shortcut(&s)).unwrap_or_default();
            if ui
                .button("Log check-in…")
                .on_hover_text(format!("{} ({shortcut})", command.tooltip()))
                .clicked()
            {
                actions.push(Action::CheckIn(contact.id));
            }
        });
        let vocabulary = derived.vocabulary().cloned().unwrap_or_default();
        let mut draft = contact.clone();
        let mut changed: Option<&'static str> = None;
        unless_out_of_view(ui, "details", focus_asked, |ui| {
            egui::CollapsingHeader::new("Details").default_open(true).show(ui, |ui| {
                let default_cadence = network.profile.default_cadence_days;
                let form = DetailsForm { default_cadence, vocabulary: &vocabulary };
                details_ui(ui, &mut draft, &form, view, &mut changed, actions);
            });
        });
        unless_out_of_view(ui, "needs", focus_asked, |ui| {
            egui::CollapsingHeader::new(format!(
                "Needs ({})",
                draft.needs.iter().filter(|n| !n.resolved).count()
            ))
            .id_salt("needs")
            .default_open(true)
            .show(ui, |ui| needs_ui(ui, &mut draft, &vocabulary.topics, view, &mut changed, actions));
            egui::CollapsingHeader::new(format!("Important dates ({})", draft.dates.len()))
                .id_salt("dates")
                .default_open(!draft.dates.is_empty())
                .show(ui, |ui| super::dates::dates_ui(ui, &mut draft, &mut changed, actions));
        });
        if let Some(field) = changed.filter(|_| draft != *contact) {
            let label = format!("Edit {}", field.replace('_', " "));
            let archived = draft.archived;
            let request = EditRequest::new(label, Edit::Contacts(Change::Put(draft)));
            actions.push(if field == "archived" {
                // One click that can take the contact out of the list: a step of its own.
                Action::one_click(
                    request,
                    if archived { "Archived" } else { "Brought back from the archive" },
                )
            } else {
                Action::edit(request.merging(format!("contact:{}:{field}", contact.id)))
            });
        }
        let check_ins =
            derived.contact_touches(contact.id).map_or_else(|| "…".to_owned(), |t| t.len().to_string());
        unless_out_of_view(ui, "conversations", focus_asked, |ui| {
            egui::CollapsingHeader::new(format!("Conversations ({check_ins})"))
                .id_salt(("conversations", contact.id))
                .default_open(true)
                .show(ui, |ui| {
                    super::conversations::conversations_ui(ui, network, derived, contact.id, view, actions);
                });
        });
        let promises = derived.contact_promises(contact.id).unwrap_or_default();
        let open_promises = super::promises::count_open(network, promises);
        unless_out_of_view(ui, "promises", focus_asked, |ui| {
            egui::CollapsingHeader::new(format!("Promises ({open_promises} open)"))
                .id_salt(("promises", contact.id))
                .default_open(open_promises > 0)
                .show(ui, |ui| {
                    let as_of = snapshot.as_of.unwrap_or(view.today);
                    super::promises::contact_promises_ui(
                        ui, network, derived, contact.id, as_of, view, actions,
                    );
                });
        });
        ui.add_space(8.0);
        let delete = ui.button("Delete contact").on_hover_ui(|ui| {
            // Counted only while hovered: what goes with the contact.
            let exchanges = snapshot.exchanges_of(contact.id).map(<[u32]>::len);
            let exchanges = exchanges
                .unwrap_or_else(|| network.exchanges.iter().filter(|e| e.contact == contact.id).count());
            let counts = [
                (exchanges, "exchange", "exchanges"),
                (derived.contact_promises(contact.id).map_or(0, <[usize]>::len), "promise", "promises"),
                (
                    derived.contact_touches(contact.id).map_or_else(
                        || network.touches.iter().filter(|t| t.contact == contact.id).count(),
                        <[usize]>::len,
                    ),
                    "check-in",
                    "check-ins",
                ),
                (
                    network.introductions.iter().filter(|i| i.a == contact.id || i.b == contact.id).count(),
                    "introduction",
                    "introductions",
                ),
                (network.wins.iter().filter(|w| w.contact == contact.id).count(), "win", "wins"),
            ];
            ui.label(format!(
                "{} (Ctrl+Z brings it all back)",
                removal_label(derived.name(network, contact.id), &counts)
            ));
        });
        if delete.clicked() {
            let edit = Edit::remove_contact(network, contact.id);
            let counts = removal_counts(&edit);
            let label = removal_label(derived.name(network, contact.id), &counts);
            actions.push(Action::edit(EditRequest::new(label, edit)));
        }
        ui.separator();
        unless_out_of_view(ui, "ledger", focus_asked, |ui| {
            ledger::ledger_ui(ui, network, derived, contact.id, view, actions);
        });
    });
}

/// What deleting a contact takes with it, counted from its edit.
fn removal_counts(edit: &Edit) -> [(usize, &'static str, &'static str); 5] {
    let mut counts = [
        (0, "exchange", "exchanges"),
        (0, "promise", "promises"),
        (0, "check-in", "check-ins"),
        (0, "introduction", "introductions"),
        (0, "win", "wins"),
    ];
    if let Edit::Batch(edits) = edit {
        for edit in edits {
            let (slot, n) = match edit {
                Edit::Exchanges(Change::Remove(ids)) => (0, ids.len()),
                Edit::Commitments(Change::Remove(ids)) => (1, ids.len()),
                Edit::Touches(Change::Remove(ids)) => (2, ids.len()),
                Edit::Introductions(Change::Remove(ids)) => (3, ids.len()),
                Edit::Wins(Change::Remove(ids)) => (4, ids.len()),
                _ => continue,
            };
            if let Some(count) = counts.get_mut(slot) {
                count.0 = n;
            }
        }
    }
    counts
}

/// "Delete Grace Hopper and their 212 exchanges, 3 promises and 1 win".
fn removal_label(name: &str, counts: &[(usize, &str, &str)]) -> String {
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{} {}", super::numbers::count(*n), if *n == 1 { one } else { many }))
        .collect();
    match parts.as_slice() {
        [] => format!("Delete {name}"),
        [one] => format!("Delete {name} and their {one}"),
        [rest @ .., last] => format!("Delete {name} and their {} and {last}", rest.join(", ")),
    }
}

/// The contact's name (told apart from others of the same name), role and
/// organisation, and its numbers: the heading of its timeline and ledger.
fn header_ui(ui: &mut egui::Ui, name: &str, contact: &Contact, snapshot: &Snapshot) {
    ui.horizontal(|ui| {
        ui.heading(name);
        if !contact.organization.is_empty() || !contact.role.is_empty() {
            ui.weak(
                [contact.role.as_str(), contact.organization.as_str()]
                    .iter()
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" · "),
            );
        }
    });
    if let Some(stats) = snapshot.stats(contact.id) {
        ui.label(egui::RichText::new(crate::analysis::advice(stats.band, stats)).italics());
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Band: {}", stats.band.label()));
            if stats.band != Band::Communal {
                ui.label(format!(
                    "· given {:.1} / received {:.1} · mutual {:.1}",
                    stats.given, stats.received, stats.mutual
                ))
                .on_hover_text("Mutual: what flows both ways, the smaller of given and received");
            }
            ui.label(format!("· last touch {}", stats.last_touch));
            if let Some(until) = contact.busy_until.filter(|until| *until > snapshot.as_of.unwrap_or(*until))
            {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("· stretched until {until}: no reminders, nothing asked of them"),
                );
            }
            if stats.overdue_days > 0 {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("· check-in overdue by {} days", stats.overdue_days),
                );
            } else if let Some(due) = stats.due {
                ui.label(format!("· next check-in by {due}"));
            } else {
                ui.weak("· not in rhythm yet: log an exchange or a check-in, or set a cadence");
            }
        });
    }
}

/// What the details form needs besides the contact.
struct DetailsForm<'a> {
    default_cadence: u32,
    vocabulary: &'a Vocabulary,
}

fn details_ui(
    ui: &mut egui::Ui,
    c: &mut Contact,
    form: &DetailsForm<'_>,
    view: &mut ViewState,
    changed: &mut Option<&'static str>,
    actions: &mut Vec<Action>,
) {
    let mut note = |field: &'static str, response: &egui::Response| {
        if response.changed() {
            *changed = Some(field);
        }
    };
    // Enter goes down the single-line fields, from the name to the offers.
    let mut enter = EnterMovesOn::default();
    let mut left = false;
    let mut line = |ui: &egui::Ui, response: &egui::Response| {
        enter.field(ui, response);
        left |= escaped(ui, response);
    };
    egui::Grid::new("contact_fields").num_columns(2).spacing([12.0, 6.0]).striped(false).show(ui, |ui| {
        let name = text_row(ui, "Name", &mut c.name);
        if view.take_focus(FocusField::ContactName) {
            name.request_focus();
        }
        let vocabulary = form.vocabulary;
        for (field, response) in [
            ("name", name),
            ("organization", text_row(ui, "Organisation", &mut c.organization)),
            ("role", text_row(ui, "Role", &mut c.role)),
            ("emails", list_row(ui, "Emails", &mut c.emails)),
            ("phones", list_row(ui, "Phones", &mut c.phones)),
            ("links", list_row(ui, "Links", &mut c.links)),
            ("tags", list_row_suggesting(ui, "Tags", &mut c.tags, &vocabulary.tags)),
            ("offers", list_row_suggesting(ui, "Offers", &mut c.offers, &vocabulary.topics)),
        ] {
            note(field, &response);
            line(ui, &response);
        }
        ui.label("Check-in cadence");
        let cadence = cadence_ui(ui, &mut c.cadence_days, form.default_cadence);
        note("cadence", &cadence);
        ui.end_row();
        ui.label("Scoring");
        note(
            "communal",
            &ui.checkbox(&mut c.communal, "Communal").on_hover_text(
                "A close relationship you don't keep score of: left out of balance and imbalance lists",
            ),
        );
        ui.end_row();
        ui.label("Status");
        note("archived", &ui.checkbox(&mut c.archived, "Archived"));
        ui.end_row();
        ui.label("Stretched");
        note("busy_until", &busy_ui(ui, &mut c.busy_until, view.today));
        ui.end_row();
        note("created", &date_row(ui, "Created", "contact_created", &mut c.created));
        note("notes", &multiline_row(ui, "Notes", &mut c.notes));
    });
    keys_hint(ui, "Kept as you type (Ctrl+Z undoes) · Enter: next field · Esc: leave the field");
    if enter.finished() {
        actions.push(Action::SealHistory);
    }
    if left {
        actions.push(Action::LeaveForm);
    }
}

/// "Busy until…": while stretched, no check-in reminders and nothing asked of them.
fn busy_ui(
    ui: &mut egui::Ui,
    busy_until: &mut Option<jiff::civil::Date>,
    today: jiff::civil::Date,
) -> egui::Response {
    ui.horizontal(|ui| {
        let mut busy = busy_until.is_some();
        let mut response = ui.checkbox(&mut busy, "Busy until").on_hover_text(
            "Stretched until then: no check-in reminders, and they are not asked for anything",
        );
        if response.changed() {
            *busy_until = busy.then(|| today.checked_add(jiff::Span::new().days(30)).unwrap_or(today));
        }
        if let Some(until) = busy_until.as_mut()
            && date_picker(ui, "Busy until", "busy_until", until).changed()
        {
            response.mark_changed();
        }
        response
    })
    .inner
}

fn cadence_ui(ui: &mut egui::Ui, cadence: &mut Option<u32>, default_days: u32) -> egui::Response {
    let preset = CADENCES.iter().find(|(days, _)| days == cadence);
    let text = match preset {
        Some((None, _)) => format!("Default (every {default_days} days)"),
        Some((_, label)) => (*label).to_owned(),
        None => "Custom".to_owned(),
    };
    let inner = ui
        .horizontal(|ui| {
            let mut combo = egui::ComboBox::from_id_salt("cadence").selected_text(text).show_ui(ui, |ui| {
                let mut changed = false;
                for (days, label) in CADENCES {
                    changed |= ui.selectable_value(cadence, days, label).changed();
                }
                if ui.selectable_label(preset.is_none(), "Custom").clicked() && preset.is_some() {
                    *cadence = Some(cadence.unwrap_or(default_days).max(1));
                    changed = true;
                }
                changed
            });
            if combo.inner == Some(true) {
                combo.response.mark_changed();
            }
            if let Some(days) = cadence.as_mut().filter(|_| preset.is_none()) {
                let label = ui.label("every");
                let drag =
                    ui.add(egui::DragValue::new(days).range(1..=3650).suffix(" days")).labelled_by(label.id);
                if drag.changed() {
                    combo.response.mark_changed();
                }
            }
            combo.response
        })
        .inner;
    inner.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Check-in cadence"));
    inner
}

fn needs_ui(
    ui: &mut egui::Ui,
    c: &mut Contact,
    topics: &[String],
    view: &mut ViewState,
    changed: &mut Option<&'static str>,
    actions: &mut Vec<Action>,
) {
    let mut remove = None;
    for (i, need) in c.needs.iter_mut().enumerate() {
        ui.push_id(i, |ui| {
            // On a narrow page the date and buttons go to a second line.
            ui.horizontal_wrapped(|ui| {
                // Enter goes from the topic to the note, then leaves.
                let mut enter = EnterMovesOn::default();
                let topic = ui.label("Topic");
                let field = ui
                    .add(egui::TextEdit::singleline(&mut need.topic).desired_width(120.0))
                    .labelled_by(topic.id);
                if view.take_focus(FocusField::NeedTopic(i)) {
                    field.request_focus();
                }
                enter.field(ui, &field);
                if field.changed() {
                    *changed = Some("needs");
                }
                if let Some(chosen) = suggestions_ui(ui, &field, &need.topic, topics) {
                    need.topic = chosen;
                    *changed = Some("needs");
                }
                let note = ui.label("Note");
                let note = ui
                    .add(egui::TextEdit::singleline(&mut need.note).desired_width(200.0))
                    .labelled_by(note.id);
                enter.field(ui, &note);
                if note.changed() {
                    *changed = Some("needs");
                }
                if escaped(ui, &field) || escaped(ui, &note) {
                    actions.push(Action::LeaveForm);
                }
                if enter.finished() {
                    actions.push(Action::SealHistory);
                }
                ui.label("since");
                if date_picker(ui, "Since", "need_since", &mut need.since).changed() {
                    *changed = Some("needs");
                }
                if ui.checkbox(&mut need.resolved, "Resolved").changed() {
                    *changed = Some("needs");
                }
                if ui.small_button("Remove").on_hover_text("Remove this need").clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        c.needs.remove(i);
        *changed = Some("needs");
    }
    if ui.button("Add need").clicked() {
        // Its own undo step, apart from edits typed before; its topic takes the keyboard.
        let mut with_need = c.clone();
        with_need.needs.push(Need { since: view.today, ..Need::default() });
        let focus = FocusField::NeedTopic(with_need.needs.len() - 1);
        actions.push(Action::add_to_fill(
            EditRequest::new("Add need", Edit::Contacts(Change::Put(with_need))),
            focus,
        ));
    }
}

/// In place of what is being built from a busy contact's exchanges: a spinner and how
/// many are read, `height` tall.
pub(super) fn reading_ui(ui: &mut egui::Ui, derived: &Derived, contact: Id, height: f32) {
    let exchanges = derived.snapshot().exchanges_of(contact).map_or(0, <[u32]>::len);
    let size = egui::vec2(ui.available_width(), height);
    ui.allocate_ui_with_layout(size, egui::Layout::left_to_right(egui::Align::Center), |ui| {
        ui.set_min_size(size);
        ui.spinner();
        ui.weak(format!("Reading {} exchanges…", super::numbers::count(exchanges)));
    });
}
