//! Forms on pages: the field a button or shortcut opens takes the keyboard at once,
//! Enter moves on (and finishes on the last field), Esc leaves the field — taking back
//! a record just added and still untouched, never what was typed. A new exchange
//! (Ctrl+E) or promise is a draft, added only on Save.

use crate::common::{harness, press, type_keys};
use egui::Key;
use egui::accesskit::Role;
use egui_kittest::kittest::{Queryable, by};
use rapport::app::Startup;
use rapport::model::Id;
use rapport::state::Page;

type H = egui_kittest::Harness<'static, rapport::app::App>;

fn click(h: &mut H, label: &str) {
    h.get_by_role_and_label(Role::Button, label).scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}

/// Shows the sample's first contact with an open promise (its promises list open).
fn contact_with_promises(h: &mut H, page: Page) -> Id {
    let network = h.state().network();
    let id = network.commitments.iter().find(|c| c.done.is_none()).expect("an open promise").contact;
    h.state_mut().show(page, Some(id));
    h.run();
    id
}

#[test]
fn a_new_contact_takes_typing_at_once_and_enter_goes_down_its_fields() {
    let mut h = harness(Startup::Empty);
    click(&mut h, "New contact");
    type_keys(&mut h, "Ada Lovelace");
    press(&mut h, Key::Enter);
    type_keys(&mut h, "Analytical Society");
    press(&mut h, Key::Enter);
    type_keys(&mut h, "Programmer");
    press(&mut h, Key::Enter);
    type_keys(&mut h, "ada@example.org");
    let contact = &h.state().network().contacts[0];
    assert_eq!(
        (contact.name.as_str(), contact.organization.as_str(), contact.role.as_str()),
        ("Ada Lovelace", "Analytical Society", "Programmer")
    );
    assert_eq!(contact.emails, vec!["ada@example.org".to_owned()]);
}

#[test]
fn esc_on_a_new_contact_left_empty_takes_it_back_and_keeps_one_typed() {
    let mut h = harness(Startup::Empty);
    click(&mut h, "New contact");
    press(&mut h, Key::Escape);
    assert!(h.state().network().contacts.is_empty(), "nothing typed: the blank contact is taken back");
    assert!(!h.state().document().is_dirty());
    let said = h.state().status_text().unwrap_or_default().to_owned();
    assert!(said.contains("taken back"), "{said}");
    h.get_by_label_contains("taken back");

    click(&mut h, "New contact");
    type_keys(&mut h, "Bo");
    press(&mut h, Key::Escape);
    let contacts = &h.state().network().contacts;
    assert_eq!(contacts.len(), 1, "what was typed stays");
    assert_eq!(contacts[0].name, "Bo");
}

/// The sample's first contact open and Ctrl+E pressed: the harness, the contact, and
/// how many exchanges there were before.
fn exchange_editor_opened() -> (egui_kittest::Harness<'static, rapport::app::App>, rapport::model::Id, usize)
{
    let mut h = harness(Startup::Sample);
    let contact = h.state().network().contacts[0].id;
    h.state_mut().show(Page::Contacts, Some(contact));
    h.run();
    let before = h.state().network().exchanges.len();
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::E);
    h.run();
    (h, contact, before)
}

fn is_draft_open(h: &H) -> bool {
    matches!(h.state().modal(), Some(rapport::state::Modal::Draft(_)))
}

#[test]
fn ctrl_e_opens_a_draft_whose_summary_has_the_keyboard_and_enter_on_the_outcome_saves_it() {
    let (mut h, contact, before) = exchange_editor_opened();
    assert!(is_draft_open(&h), "the draft dialog is open");
    assert_eq!(h.state().network().exchanges.len(), before, "nothing is added before Save");
    type_keys(&mut h, "Reviewed the plan");
    press(&mut h, Key::Enter);
    type_keys(&mut h, "Hired a lead");
    assert_eq!(h.state().network().exchanges.len(), before, "still nothing while typing");
    press(&mut h, Key::Enter);
    assert!(!is_draft_open(&h), "Enter on the last field saves");
    let network = h.state().network();
    assert_eq!(network.exchanges.len(), before + 1);
    let logged = network.exchanges.last().expect("logged");
    assert_eq!(
        (logged.contact, logged.summary.as_str(), logged.outcome.as_str()),
        (contact, "Reviewed the plan", "Hired a lead")
    );
    // One undo step takes the whole record back.
    assert_eq!(h.state().undo_label(), Some("Log exchange"));
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::Z);
    h.run();
    assert_eq!(h.state().network().exchanges.len(), before);
}

#[test]
fn esc_on_an_untouched_exchange_draft_closes_it_and_adds_nothing() {
    let (mut h, _, before) = exchange_editor_opened();
    press(&mut h, Key::Escape);
    assert!(!is_draft_open(&h));
    assert_eq!(h.state().network().exchanges.len(), before);
    assert!(!h.state().document().is_dirty());
}

#[test]
fn esc_on_a_draft_with_typing_asks_and_keep_editing_keeps_it_discard_adds_nothing() {
    let (mut h, _, before) = exchange_editor_opened();
    type_keys(&mut h, "Coffee");
    press(&mut h, Key::Escape);
    assert!(is_draft_open(&h), "what was typed is not thrown away on Esc");
    h.get_by_label("Throw away what you typed?");
    click(&mut h, "Keep editing");
    type_keys(&mut h, " chat");
    let Some(rapport::state::Modal::Draft(form)) = h.state().modal() else { panic!("the draft is open") };
    let rapport::state::Draft::Exchange(exchange) = &form.record else { panic!("an exchange") };
    assert_eq!(exchange.summary, "Coffee chat", "the keyboard is back in the summary");
    press(&mut h, Key::Escape);
    click(&mut h, "Discard");
    assert!(!is_draft_open(&h));
    assert_eq!(h.state().network().exchanges.len(), before);
    assert!(!h.state().document().is_dirty());
}

#[test]
fn cancel_on_a_draft_adds_nothing() {
    let (mut h, _, before) = exchange_editor_opened();
    type_keys(&mut h, "Lunch");
    click(&mut h, "Cancel");
    assert!(!is_draft_open(&h));
    assert_eq!(h.state().network().exchanges.len(), before);
    assert!(!h.state().document().is_dirty());
}

#[test]
fn ctrl_f_search_takes_typing_enter_opens_the_first_match_and_esc_clears() {
    let mut h = harness(Startup::Sample);
    let priya = h.state().network().contacts.iter().find(|c| c.name == "Priya Raman").expect("Priya").id;
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    h.run();
    type_keys(&mut h, "priya");
    assert_eq!(h.state().view().search, "priya");
    press(&mut h, Key::Enter);
    assert_eq!(h.state().view().selected, Some(priya));
    h.key_press_modifiers(egui::Modifiers::COMMAND, Key::F);
    h.run();
    type_keys(&mut h, "zz");
    assert_eq!(h.state().view().search, "priyazz");
    press(&mut h, Key::Escape);
    assert_eq!(h.state().view().search, "");
}

#[test]
fn add_promise_opens_a_draft_that_takes_typing_and_saves_on_enter_esc_adds_nothing() {
    let mut h = harness(Startup::Sample);
    let contact = contact_with_promises(&mut h, Page::Contacts);
    let before = h.state().network().commitments.len();
    click(&mut h, "Add promise");
    assert!(is_draft_open(&h));
    type_keys(&mut h, "Draft the job post");
    assert_eq!(h.state().network().commitments.len(), before, "nothing is added before Save");
    press(&mut h, Key::Enter);
    let network = h.state().network();
    assert_eq!(network.commitments.len(), before + 1);
    let promise = network.commitments.last().expect("added");
    assert_eq!((promise.contact, promise.summary.as_str()), (contact, "Draft the job post"));
    assert_eq!(h.state().undo_label(), Some("Add promise"));

    click(&mut h, "Add promise");
    press(&mut h, Key::Escape);
    assert!(!is_draft_open(&h), "an untouched draft closes on Esc");
    assert_eq!(h.state().network().commitments.len(), before + 1, "and adds nothing");
}

#[test]
fn add_need_takes_typing_in_its_topic_and_enter_moves_to_its_note() {
    let mut h = harness(Startup::Sample);
    let contact = h.state().network().contacts[0].id;
    h.state_mut().show(Page::Contacts, Some(contact));
    h.run();
    click(&mut h, "Add need");
    type_keys(&mut h, "fundraising");
    press(&mut h, Key::Enter);
    type_keys(&mut h, "A seed round");
    let need = h.state().network().contact(contact).and_then(|c| c.needs.last()).cloned().expect("a need");
    assert_eq!((need.topic.as_str(), need.note.as_str()), ("fundraising", "A seed round"));
}

#[test]
fn a_new_win_and_a_new_lesson_take_typing_at_once() {
    let mut h = harness(Startup::Sample);
    let contact = h.state().network().contacts[0].id;
    let name = h.state().network().contacts[0].name.clone();
    h.state_mut().show(Page::Wins, Some(contact));
    h.run();
    click(&mut h, &format!("Add a win for {name}"));
    type_keys(&mut h, "Promoted to director");
    press(&mut h, Key::Enter);
    let win = h.state().network().wins.iter().max_by_key(|w| w.id).cloned().expect("a win");
    assert_eq!((win.contact, win.text.as_str()), (contact, "Promoted to director"));

    click(&mut h, "Add lesson");
    type_keys(&mut h, "Ask before offering");
    press(&mut h, Key::Enter);
    let lesson = h.state().network().playbook.last().cloned().expect("a lesson");
    assert_eq!(lesson.lesson, "Ask before offering");
}

#[test]
fn an_introduction_from_a_need_takes_typing_in_why_it_matters_then_enter_moves_on() {
    let mut h = harness(Startup::Sample);
    h.get_by_role_and_label(Role::Button, "Needs & Offers").click();
    h.run();
    h.query_all(by().role(Role::Button).label_contains("Introduce to "))
        .next()
        .expect("a suggestion")
        .click();
    h.run();
    let id = h.state().view().intro.selected.expect("the new introduction is open");
    let why = h.state().network().introductions.iter().find(|i| i.id == id).expect("it").why.clone();
    type_keys(&mut h, " Both are in Lisbon.");
    press(&mut h, Key::Enter);
    type_keys(&mut h, "A mentor");
    let intro = h.state().network().introductions.iter().find(|i| i.id == id).cloned().expect("it");
    assert_eq!(intro.why, format!("{why} Both are in Lisbon."));
    assert_eq!(intro.a_gains, "A mentor");
}

#[test]
fn the_you_page_gives_its_name_the_keyboard_and_enter_goes_to_the_offers() {
    let mut h = harness(Startup::Sample);
    let before = h.state().network().profile.clone();
    h.get_by_role_and_label(Role::Button, "You").click();
    h.run();
    type_keys(&mut h, " Jr");
    press(&mut h, Key::Enter);
    type_keys(&mut h, ", public speaking");
    let profile = &h.state().network().profile;
    assert_eq!(profile.name, format!("{} Jr", before.name));
    assert_eq!(profile.offers.last().map(String::as_str), Some("public speaking"));
    assert_eq!(profile.offers.len(), before.offers.len() + 1);
}
