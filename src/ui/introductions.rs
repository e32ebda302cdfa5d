//! Introductions with consent and context: the pipeline by stage, a form to start
//! one, each side's consent, and making it (which records the help given).

use super::fields::{EnterMovesOn, escaped, keys_hint};
use crate::analysis::{Derived, days};
use crate::model::{
    Change, ConsentStep, Edit, Id, Introduction, Network, Side, Stage, make_introduction, start_introduction,
    step_consent,
};
use crate::state::{Action, EditRequest, FocusField, ViewState};

pub fn introductions_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let as_of = derived.snapshot().as_of.unwrap_or(view.today);
    let (Some(stages), Some(pickable)) = (derived.introduction_stages(), derived.pickable_contacts()) else {
        return;
    };
    ui.heading("Introductions");
    ui.weak("Connect people when it helps both, and only when both have said yes.");
    new_introduction_ui(ui, network, derived, pickable, as_of, view, actions);
    ui.separator();
    if let Some(refusal) = &view.intro.refusal {
        ui.colored_label(ui.visuals().warn_fg_color, refusal);
    }
    let selected = view.intro.selected.and_then(|id| crate::model::find_by_id(&network.introductions, id));
    if let Some(intro) = selected {
        egui::Frame::group(ui.style()).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(format!(
                    "{} and {}",
                    derived.name(network, intro.a),
                    derived.name(network, intro.b)
                ));
                if ui.small_button("Close").on_hover_text("Close this introduction").clicked() {
                    view.intro.selected = None;
                    view.intro.refusal = None;
                }
            });
            egui::ScrollArea::vertical()
                .id_salt("intro_detail")
                .max_height(ui.available_height() * 0.5)
                .show(ui, |ui| {
                    super::viewports::note_scroll_viewport(ui, [false, true]);
                    intro_detail_ui(ui, network, derived, intro, as_of, view, actions)
                });
        });
    }
    pipeline_ui(ui, network, derived, stages, as_of, view);
}

/// Every introduction by stage, each stage under a header that folds it. Only the
/// rows in view are drawn: a pipeline of 100,000 introductions stays light, and none
/// is left out.
fn pipeline_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    stages: &[(Stage, Vec<usize>)],
    as_of: jiff::civil::Date,
    view: &mut ViewState,
) {
    let shown = |view: &ViewState, stage: Stage, rows: usize| {
        if view.intro.is_open(stage) { rows } else { 0 }
    };
    let total: usize = stages.iter().map(|(stage, rows)| 1 + shown(view, *stage, rows.len())).sum();
    let row_height = ui.spacing().interact_size.y;
    egui::ScrollArea::vertical().id_salt("intro_pipeline").auto_shrink(false).show_rows(
        ui,
        row_height,
        total,
        |ui, range| {
            super::viewports::note_scroll_viewport(ui, [false, true]);
            // Row r of the flat list: a stage's header, then its introductions if open.
            let mut first = 0;
            for (stage, rows) in stages {
                let stage = *stage;
                let len = 1 + shown(view, stage, rows.len());
                let own = range.start.max(first)..range.end.min(first + len);
                for r in own.clone() {
                    match r - first {
                        0 => stage_header_ui(ui, stage, rows.len(), view),
                        k => {
                            let Some(intro) = rows.get(k - 1).and_then(|&i| network.introductions.get(i))
                            else {
                                continue;
                            };
                            ui.push_id(("intro", intro.id), |ui| {
                                intro_row_ui(ui, network, derived, intro, as_of, view)
                            });
                        }
                    }
                }
                first += len;
                if first >= range.end {
                    break;
                }
            }
        },
    );
}

fn stage_header_ui(ui: &mut egui::Ui, stage: Stage, count: usize, view: &mut ViewState) {
    let open = view.intro.is_open(stage);
    let text = egui::RichText::new(format!("{} ({})", stage.label(), super::numbers::count(count))).strong();
    let hover = if open { "Fold this stage" } else { "Show this stage" };
    ui.horizontal(|ui| {
        // The fold arrow egui's collapsing headers draw.
        let size = egui::Vec2::splat(ui.spacing().icon_width);
        let (_, icon) = ui.allocate_exact_size(size, egui::Sense::hover());
        egui::collapsing_header::paint_default_icon(ui, if open { 1.0 } else { 0.0 }, &icon);
        if ui.add(egui::Button::new(text).frame(false)).on_hover_text(hover).clicked() {
            view.intro.toggle(stage);
        }
    });
}

/// A label, a search field, then a combo box of active contacts labelled by the label:
/// everyone by name, or, once something is typed, the best matches (Enter in the
/// field picks the best).
#[expect(clippy::too_many_arguments, reason = "a picker reads the network, its names and its two states")]
fn contact_picker(
    ui: &mut egui::Ui,
    label: &str,
    find_label: &str,
    network: &Network,
    derived: &Derived,
    pickable: &[usize],
    chosen: &mut Option<Id>,
    search: &mut crate::state::PickerSearch,
) {
    let label = ui.label(label);
    let field = ui.add(egui::TextEdit::singleline(&mut search.query).hint_text("Find…").desired_width(90.0));
    field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, find_label));
    if search.is_searching() && field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
        *chosen = search.found().first().copied().or(*chosen);
    }
    let text = chosen.map_or("Choose…", |id| derived.name(network, id));
    let combo = egui::ComboBox::from_id_salt(label.id).selected_text(text).height(300.0).show_ui(ui, |ui| {
        if search.is_searching() {
            // The best matches only (found by the app, once per key typed).
            for &id in search.found() {
                ui.selectable_value(chosen, Some(id), derived.name(network, id));
            }
            if search.found().is_empty() {
                ui.weak("Nobody matches.");
            }
            return;
        }
        // Only the rows in view are drawn: a picker of 10,000 people stays light.
        let row_height = ui.spacing().interact_size.y;
        egui::ScrollArea::vertical().max_height(300.0).show_rows(
            ui,
            row_height,
            pickable.len(),
            |ui, range| {
                super::viewports::note_scroll_viewport(ui, [false, true]);
                for c in pickable[range].iter().filter_map(|&i| network.contacts.get(i)) {
                    ui.selectable_value(chosen, Some(c.id), derived.name(network, c.id));
                }
            },
        );
    });
    let _ = combo.response.labelled_by(label.id);
}

fn new_introduction_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    pickable: &[usize],
    as_of: jiff::civil::Date,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    ui.horizontal(|ui| {
        let intro = &mut view.intro;
        let (first, second) = ("Find whom to introduce", "Find whom to introduce to");
        contact_picker(
            ui,
            "Introduce",
            first,
            network,
            derived,
            pickable,
            &mut intro.new_a,
            &mut intro.find_a,
        );
        contact_picker(ui, "to", second, network, derived, pickable, &mut intro.new_b, &mut intro.find_b);
        let pair = view.intro.new_a.zip(view.intro.new_b).filter(|(a, b)| a != b);
        if ui.add_enabled(pair.is_some(), egui::Button::new("Start introduction")).clicked()
            && let Some((a, b)) = pair
        {
            let intro = start_introduction(network, a, b, as_of, String::new());
            view.intro.selected = Some(intro.id);
            view.intro.new_a = None;
            view.intro.new_b = None;
            let focus = FocusField::IntroWhy(intro.id);
            let request = EditRequest::new("Start introduction", Edit::Introductions(Change::Put(intro)));
            actions.push(Action::add_to_fill(request, focus));
        }
    });
}

fn intro_row_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    intro: &Introduction,
    as_of: jiff::civil::Date,
    view: &mut ViewState,
) {
    let waited = days::day_number(as_of) - days::day_number(intro.stage_since());
    let open = view.intro.selected == Some(intro.id);
    ui.horizontal(|ui| {
        ui.add_space(12.0);
        let title = format!("{} and {}", derived.name(network, intro.a), derived.name(network, intro.b));
        if ui.selectable_label(open, title).clicked() {
            view.intro.selected = if open { None } else { Some(intro.id) };
            view.intro.refusal = None;
        }
        match intro.made {
            Some(made) => ui.weak(format!("made {made}")),
            None => ui.weak(format!(
                "{} · {} · waiting {waited} days",
                intro.consent_a.describe(),
                intro.consent_b.describe()
            )),
        };
    });
}

fn intro_detail_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    intro: &Introduction,
    as_of: jiff::civil::Date,
    view: &mut ViewState,
    actions: &mut Vec<Action>,
) {
    let next_exchange = derived.next_exchange_id(network, derived.revision());
    let mut draft = intro.clone();
    let mut field = None;
    // Enter goes down the four fields, then leaves.
    let mut enter = EnterMovesOn::default();
    let mut left = false;
    let focus_why = view.take_focus(FocusField::IntroWhy(intro.id));
    egui::Grid::new("intro_fields").num_columns(2).show(ui, |ui| {
        for (label, key, text) in [
            ("Why it matters", "why", &mut draft.why),
            (&*format!("What {} gains", derived.name(network, intro.a)), "a_gains", &mut draft.a_gains),
            (&*format!("What {} gains", derived.name(network, intro.b)), "b_gains", &mut draft.b_gains),
            ("Outcome", "outcome", &mut draft.outcome),
        ] {
            let label = ui.label(label);
            let text =
                ui.add(egui::TextEdit::singleline(text).desired_width(f32::INFINITY)).labelled_by(label.id);
            if focus_why && key == "why" {
                text.request_focus();
            }
            if text.changed() {
                field = Some(key);
            }
            enter.field(ui, &text);
            left |= escaped(ui, &text);
            ui.end_row();
        }
    });
    keys_hint(ui, "Kept as you type (Ctrl+Z undoes) · Enter: next field · Esc: leave the field");
    if enter.finished() {
        actions.push(Action::SealHistory);
    }
    if left {
        actions.push(Action::LeaveForm);
    }
    if let Some(key) = field.filter(|_| draft != *intro) {
        let request = EditRequest::new("Edit introduction", Edit::Introductions(Change::Put(draft)));
        actions.push(Action::edit(request.merging(format!("intro:{}:{key}", intro.id))));
    }
    if intro.made.is_some() {
        return;
    }
    for side in [Side::A, Side::B] {
        ui.horizontal(|ui| {
            let who = derived.name(network, intro.contact(side));
            ui.label(format!("{who}: {}", intro.consent(side).describe()));
            for step in [ConsentStep::Ask, ConsentStep::Grant, ConsentStep::Decline] {
                let button = ui.button(step.label()).on_hover_text(format!(
                    "Record that {who} was {}",
                    match step {
                        ConsentStep::Ask => "asked, with the context",
                        ConsentStep::Grant => "happy to be introduced",
                        ConsentStep::Decline => "not interested",
                    }
                ));
                if button.clicked() {
                    match step_consent(network, intro, side, step, as_of) {
                        Ok(edit) => {
                            view.intro.refusal = None;
                            let request = EditRequest::new(format!("Consent: {}", step.label()), edit);
                            actions.push(Action::one_click(request, format!("{who}: {}", step.label())));
                        }
                        Err(why) => view.intro.refusal = Some(why),
                    }
                }
            }
        });
    }
    ui.horizontal(|ui| {
        for (label, value) in
            [("Value to A", &mut view.intro.value_a), ("Value to B", &mut view.intro.value_b)]
        {
            if *value == 0 {
                *value = 3;
            }
            let l = ui.label(label);
            ui.add(egui::Slider::new(value, 1..=5)).labelled_by(l.id);
        }
        if ui
            .button("Make introduction")
            .on_hover_text("Both agreed: record it as made, with the help given to each")
            .clicked()
        {
            match make_introduction(
                network,
                intro,
                as_of,
                view.intro.value_a,
                view.intro.value_b,
                next_exchange,
            ) {
                Ok(edit) => {
                    view.intro.refusal = None;
                    let request = EditRequest::new("Make introduction", edit);
                    actions.push(Action::one_click(request, "Introduction made"));
                }
                Err(why) => view.intro.refusal = Some(why),
            }
        }
    });
}
