//! The contact list: search, sort, archived filter, "New contact"; virtualised rows.

use egui_extras::{Column, TableBuilder};

use super::{Action, ViewState};
use crate::analysis::{Band, Snapshot};
use crate::app::{Command, Document, Prefs, SortBy};
use crate::model::Network;

/// Which contacts the list shows, in order; rebuilt only when its inputs change.
#[derive(Default)]
pub(super) struct RowCache {
    key: Option<(u64, String, SortBy, bool)>,
    rows: Vec<usize>,
}

impl RowCache {
    pub(super) fn rows(&self) -> &[usize] {
        &self.rows
    }

    fn refresh(&mut self, doc: &Document, snapshot: &Snapshot, search: &str, sort: SortBy, archived: bool) {
        let key = (doc.revision, search.to_owned(), sort, archived);
        if self.key.as_ref() == Some(&key) {
            return;
        }
        self.rows = visible_rows(&doc.network, snapshot, search, sort, archived);
        self.key = Some(key);
    }
}

/// Indices of the contacts matching `search` (name, organization, role, tags, emails),
/// sorted as asked.
pub fn visible_rows(
    network: &Network,
    snapshot: &Snapshot,
    search: &str,
    sort: SortBy,
    show_archived: bool,
) -> Vec<usize> {
    let needle = search.trim().to_lowercase();
    let matches = |c: &crate::model::Contact| {
        needle.is_empty()
            || [&c.name, &c.organization, &c.role]
                .into_iter()
                .chain(c.tags.iter())
                .chain(c.emails.iter())
                .any(|s| s.to_lowercase().contains(&needle))
    };
    let mut rows: Vec<usize> = network
        .contacts
        .iter()
        .enumerate()
        .filter(|(_, c)| (show_archived || !c.archived) && matches(c))
        .map(|(i, _)| i)
        .collect();
    let name = |i: usize| network.contacts[i].name.to_lowercase();
    match sort {
        SortBy::Name => rows.sort_by_cached_key(|&i| (name(i), i)),
        SortBy::LastTouch => rows.sort_by_cached_key(|&i| {
            let last = snapshot.contacts.get(i).map(|s| s.last_touch);
            (std::cmp::Reverse(last), name(i))
        }),
        SortBy::Overdue => rows.sort_by_cached_key(|&i| {
            let overdue = snapshot.contacts.get(i).map_or(0, |s| s.overdue_days);
            (std::cmp::Reverse(overdue), name(i))
        }),
        SortBy::Band => rows.sort_by_cached_key(|&i| (snapshot.contacts.get(i).map(|s| s.band), name(i))),
        SortBy::Share => rows.sort_by_cached_key(|&i| {
            // Most giving first; contacts with nothing to weigh last.
            let share = snapshot.contacts.get(i).and_then(|s| s.share);
            let key = share.map_or(i64::MIN, |s| (s * 1e6) as i64);
            (std::cmp::Reverse(key), name(i))
        }),
    }
    rows
}

pub fn contact_list_ui(
    ui: &mut egui::Ui,
    doc: &Document,
    snapshot: &Snapshot,
    prefs: &mut Prefs,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    ui.add_space(4.0);
    ui.horizontal(|ui| {
        ui.heading("Contacts");
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if ui.button("New contact").on_hover_text(Command::NewContact.tooltip()).clicked() {
                actions.push(Action::Command(Command::NewContact));
            }
        });
    });
    let search = ui.add(
        egui::TextEdit::singleline(&mut view.search)
            .hint_text("Search name, organisation, tag…")
            .desired_width(f32::INFINITY),
    );
    search.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, "Search contacts"));
    if std::mem::take(&mut view.focus_search) {
        search.request_focus();
    }
    ui.horizontal(|ui| {
        egui::ComboBox::from_label("Sort").selected_text(prefs.sort.label()).show_ui(ui, |ui| {
            for sort in SortBy::ALL {
                ui.selectable_value(&mut prefs.sort, sort, sort.label());
            }
        });
        ui.checkbox(&mut prefs.show_archived, "Show archived");
    });
    ui.separator();

    view.contact_rows.refresh(doc, snapshot, &view.search, prefs.sort, prefs.show_archived);
    if view.contact_rows.rows.is_empty() {
        ui.weak(if doc.network.contacts.is_empty() {
            "No contacts yet. Add one with “New contact”."
        } else {
            "No contact matches."
        });
        return;
    }
    rows_ui(ui, doc, snapshot, view);
}

fn rows_ui(ui: &mut egui::Ui, doc: &Document, snapshot: &Snapshot, view: &mut ViewState) {
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
    let mut clicked = None;
    // Labels that select text would swallow the row's click.
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .id_salt("contact_table")
        .striped(true)
        .sense(egui::Sense::click())
        .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
        .column(Column::remainder().at_least(120.0).clip(true))
        .column(Column::auto().at_least(62.0))
        .column(Column::auto().at_least(40.0))
        .column(Column::auto().at_least(80.0))
        .column(Column::auto().at_least(55.0))
        .header(row_height, |mut header| {
            for (title, tip) in [
                ("Name", ""),
                ("Band", "Where the give/receive balance stands"),
                ("Share", "Your share of the giving, decayed over time"),
                ("Last touch", "Latest exchange, check-in or introduction"),
                ("Overdue", "Days past the check-in cadence"),
            ] {
                header.col(|ui| {
                    let r = ui.strong(title);
                    if !tip.is_empty() {
                        r.on_hover_text(tip);
                    }
                });
            }
        })
        .body(|body| {
            let rows = &view.contact_rows.rows;
            body.rows(row_height, rows.len(), |mut row| {
                let Some(contact) = rows.get(row.index()).and_then(|&i| doc.network.contacts.get(i)) else {
                    return;
                };
                let stats = snapshot.stats(contact.id);
                row.set_selected(view.selected == Some(contact.id));
                row.col(|ui| {
                    let name = if contact.name.is_empty() { "(no name)" } else { contact.name.as_str() };
                    if contact.archived {
                        ui.weak(format!("{name} (archived)"));
                    } else {
                        ui.label(name);
                    }
                });
                row.col(|ui| {
                    if let Some(s) = stats {
                        ui.label(s.band.label());
                    }
                });
                row.col(|ui| {
                    match stats
                        .and_then(|s| s.share)
                        .filter(|_| stats.is_some_and(|s| s.band != Band::Communal))
                    {
                        Some(share) => ui.label(format!("{:.0}%", share * 100.0)),
                        None => ui.weak("—"),
                    };
                });
                row.col(|ui| {
                    if let Some(s) = stats {
                        ui.label(s.last_touch.to_string());
                    }
                });
                row.col(|ui| {
                    match stats.map(|s| s.overdue_days) {
                        Some(days) if days > 0 => {
                            ui.colored_label(ui.visuals().warn_fg_color, format!("{days} d"))
                        }
                        _ => ui.weak("—"),
                    };
                });
                if row.response().clicked() {
                    clicked = Some(contact.id);
                }
            });
        });
    if let Some(id) = clicked {
        view.select_contact(Some(id));
    }
}
