//! "Why this balance?" on the contact page: the exchanges that weigh most in what you
//! gave and what you received, as of the as-of date, with their decayed weight and
//! share of the total (`Derived::contributions`, built when the section is open).

use crate::analysis::{Derived, Side};
use crate::model::{Id, Network};
use crate::state::ViewState;

pub fn why_ui(ui: &mut egui::Ui, network: &Network, derived: &Derived, contact: Id, view: &mut ViewState) {
    let header = egui::CollapsingHeader::new("Why this balance?")
        .id_salt("why_balance")
        .open(Some(view.why_balance))
        .show(ui, |ui| match derived.contributions(contact) {
            Some(why) => {
                ui.weak(
                    "Each exchange weighs its value, halved every half-life since its date; \
                     these weigh most today.",
                );
                side_ui(ui, network, "What you gave", &why.given);
                side_ui(ui, network, "What you received", &why.received);
            }
            None => {
                ui.spinner();
            }
        });
    if header.header_response.clicked() {
        view.why_balance = !view.why_balance;
    }
}

fn side_ui(ui: &mut egui::Ui, network: &Network, title: &str, side: &Side) {
    ui.strong(format!("{title}: {:.2} from {} exchanges", side.total, side.count));
    if side.top.is_empty() {
        ui.weak("nothing yet");
        return;
    }
    egui::Grid::new(("why", title)).striped(true).num_columns(5).show(ui, |ui| {
        for c in &side.top {
            let Some(e) = network.exchanges.get(c.exchange) else { continue };
            ui.label(c.date.to_string());
            ui.label(e.kind.label());
            ui.label(if e.summary.is_empty() { "—" } else { e.summary.as_str() });
            ui.label(format!("value {}, weight now {:.2}", e.value, c.weight));
            ui.label(format!("{:.0}% of the total", c.share * 100.0));
            ui.end_row();
        }
    });
}
