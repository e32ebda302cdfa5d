//! Needs and offers: open needs matched against your offers ("you could help") and
//! others' offers (suggested introductions), and what you might ask for in return.

use crate::analysis::{Derived, NeedMatch};
use crate::model::{Change, Edit, Exchange, Kind, Network, log_exchange, new_exchange, start_introduction};
use crate::state::{Action, EditRequest, Page, ViewState};

/// How many needs (and nudges) the page draws.
const MAX_SHOWN: usize = 100;

pub fn gaps_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let as_of = derived.snapshot().as_of.unwrap_or(view.today);
    let Some(cache) = derived.gaps() else { return };
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        ui.heading("Needs and offers");
        ui.weak("Help arrives best when it meets a current need. Freshest needs first.");
        if cache.matches.is_empty() {
            ui.weak("No open need matches an offer yet. Add needs and offers to your contacts.");
        }
        // Freshest first; a long tail is counted rather than drawn every frame.
        for m in cache.matches.iter().take(MAX_SHOWN) {
            ui.push_id(("need", m.contact, m.need), |ui| match_ui(ui, network, m, as_of, view, actions));
        }
        if cache.matches.len() > MAX_SHOWN {
            ui.weak(format!("…and {} older needs.", super::numbers::count(cache.matches.len() - MAX_SHOWN)));
        }
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
        if cache.nudges.len() > MAX_SHOWN {
            ui.weak(format!("The {MAX_SHOWN} first of {}:", super::numbers::count(cache.nudges.len())));
        }
        for nudge in cache.nudges.iter().take(MAX_SHOWN) {
            ui.horizontal_wrapped(|ui| {
                if ui.link(network.display_name(nudge.contact)).clicked() {
                    view.open_contact(nudge.contact);
                }
                ui.label(format!("could help with: {}", nudge.suggestions.join(", ")));
            });
        }
    });
}

fn match_ui(
    ui: &mut egui::Ui,
    network: &Network,
    m: &NeedMatch,
    as_of: jiff::civil::Date,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let note = network.contact(m.contact).and_then(|c| c.needs.get(m.need)).map_or("", |n| n.note.as_str());
    ui.horizontal_wrapped(|ui| {
        if ui.link(network.display_name(m.contact)).clicked() {
            view.open_contact(m.contact);
        }
        ui.strong(&m.topic);
        ui.weak(format!("since {}", m.since));
        if !note.is_empty() {
            ui.weak(format!("— {note}"));
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.add_space(16.0);
        if m.you_can_help
            && ui.button("You could help: log it").on_hover_text("Log the help you give").clicked()
        {
            let exchange = Exchange {
                kind: Kind::Support,
                summary: format!("Helped with {}", m.topic),
                ..new_exchange(network, m.contact, as_of)
            };
            view.open_contact(m.contact);
            view.selected_exchange = Some(exchange.id);
            actions.push(Action::edit(log_exchange(exchange, "Log help")));
        }
        for &other in &m.introducers {
            let label = format!("Introduce to {}", network.display_name(other));
            if ui
                .button(label)
                .on_hover_text(format!("{} offers {}", network.display_name(other), m.topic))
                .clicked()
            {
                let why = format!(
                    "{} needs help with {}; {} offers it.",
                    network.display_name(m.contact),
                    m.topic,
                    network.display_name(other)
                );
                let intro = start_introduction(network, m.contact, other, as_of, why);
                view.intro.selected = Some(intro.id);
                view.page = Page::Introductions;
                actions.push(Action::edit(EditRequest::new(
                    "Start introduction",
                    Edit::Introductions(Change::Put(intro)),
                )));
            }
        }
    });
}
