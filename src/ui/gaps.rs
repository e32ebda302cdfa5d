//! Needs and offers: open needs matched against your offers ("you could help") and
//! others' offers (suggested introductions), and what you might ask for in return.

use crate::analysis::{Derived, NeedMatch};
use crate::model::{Change, Edit, Exchange, Kind, Network, log_exchange, new_exchange, start_introduction};
use crate::state::{Action, EditRequest, FocusField, Page, ViewState};

pub fn gaps_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let as_of = derived.snapshot().as_of.unwrap_or(view.today);
    let Some(cache) = derived.gaps() else { return };
    let line = ui.spacing().interact_size.y;
    let gap = ui.spacing().item_spacing.y;
    ui.heading("Needs and offers");
    ui.weak(format!(
        "Help arrives best when it meets a current need. Freshest needs first ({}).",
        super::numbers::count(cache.matches.len())
    ));
    if cache.matches.is_empty() {
        ui.weak("No open need matches an offer yet. Add needs and offers to your contacts.");
    }
    // Every need, each two lines, drawn only where in view; wide lines scroll sideways.
    egui::ScrollArea::both()
        .id_salt("needs")
        .auto_shrink([false, true])
        .max_height((ui.available_height() * 0.6).max(4.0 * line))
        .show_rows(ui, 2.0 * line + gap, cache.matches.len(), |ui, range| {
            super::viewports::note_scroll_viewport(ui, [true, true]);
            for m in cache.matches.get(range).unwrap_or_default() {
                ui.push_id(("need", m.contact, m.need), |ui| {
                    match_ui(ui, network, derived, m, as_of, view, actions);
                });
            }
        });
    ui.add_space(12.0);
    ui.separator();
    ui.heading("You might ask");
    ui.weak(format!(
        "You have given more than you received with these people for {} days or more. Letting them give back keeps the relationship healthy.",
        crate::analysis::NUDGE_DAYS
    ));
    if cache.nudges.is_empty() {
        ui.weak("Nobody right now.");
    }
    egui::ScrollArea::both().id_salt("nudges").auto_shrink([false, true]).show_rows(
        ui,
        line,
        cache.nudges.len(),
        |ui, range| {
            super::viewports::note_scroll_viewport(ui, [true, true]);
            for nudge in cache.nudges.get(range).unwrap_or_default() {
                ui.horizontal(|ui| {
                    if ui.link(derived.name(network, nudge.contact)).clicked() {
                        view.open_contact(nudge.contact);
                    }
                    ui.label(format!("could help with: {}", nudge.suggestions.join(", ")));
                });
            }
        },
    );
}

fn match_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    m: &NeedMatch,
    as_of: jiff::civil::Date,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let next_exchange = derived.next_exchange_id(network, derived.revision());
    let note = match m.need {
        Some(need) => {
            network.contact(m.contact).and_then(|c| c.needs.get(need)).map_or("", |n| n.note.as_str())
        }
        None => "a priority at their latest check-in",
    };
    ui.horizontal(|ui| {
        if ui.link(derived.name(network, m.contact)).clicked() {
            view.open_contact(m.contact);
        }
        ui.strong(&m.topic);
        ui.weak(format!("since {}", m.since));
        if !note.is_empty() {
            ui.weak(format!("— {note}"));
        }
    });
    ui.horizontal(|ui| {
        ui.add_space(16.0);
        if m.you_can_help
            && ui.button("You could help: log it").on_hover_text("Log the help you give").clicked()
        {
            let exchange = Exchange {
                kind: Kind::Support,
                summary: format!("Helped with {}", m.topic),
                ..new_exchange(next_exchange, m.contact, as_of)
            };
            view.open_contact(m.contact);
            view.selected_exchange = Some(exchange.id);
            actions.push(Action::edit(log_exchange(exchange, "Log help")));
        }
        for &other in &m.introducers {
            let label = format!("Introduce to {}", derived.name(network, other));
            if ui
                .button(label)
                .on_hover_text(format!("{} offers {}", derived.name(network, other), m.topic))
                .clicked()
            {
                let why = format!(
                    "{} needs help with {}; {} offers it.",
                    derived.name(network, m.contact),
                    m.topic,
                    derived.name(network, other)
                );
                let intro = start_introduction(network, m.contact, other, as_of, why);
                view.intro.selected = Some(intro.id);
                view.page = Page::Introductions;
                // Its context takes the keyboard, to say more about why it matters.
                let focus = FocusField::IntroWhy(intro.id);
                let request = EditRequest::new("Start introduction", Edit::Introductions(Change::Put(intro)));
                actions.push(Action::add_to_fill(request, focus));
            }
        }
    });
}
