//! The dashboard and the contact timeline, driven as a user drives them.

use crate::common::harness;
use egui::accesskit::Role;
use egui_kittest::kittest::{Queryable, by};
use rapport::app::Startup;
use rapport::state::Page;

fn open_dashboard(h: &mut egui_kittest::Harness<'static, rapport::app::App>) {
    h.get_by_role_and_label(Role::Button, "Dashboard").click();
    h.run();
    assert_eq!(h.state().view().page, Page::Dashboard);
}

#[test]
fn the_dashboard_lists_the_samples_overdue_contacts() {
    let mut h = harness(Startup::Sample);
    open_dashboard(&mut h);
    let overdue: Vec<_> = h.state().snapshot().check_ins.iter().map(|c| c.id).collect();
    assert!(overdue.len() >= 5, "the sample has overdue contacts: {overdue:?}");
    // The most urgent ones are on screen, by name, each with its button.
    for id in overdue.iter().take(4) {
        let name = h.state().network().contact(*id).map(|c| c.name.clone()).expect("contact");
        assert!(h.query_all_by_role_and_label(Role::Link, &name).count() >= 1, "{name} is listed");
    }
    assert!(h.query_all_by_role_and_label(Role::Button, "Log check-in").count() >= 4);
}

#[test]
fn clicking_an_overdue_row_opens_that_contact() {
    let mut h = harness(Startup::Sample);
    open_dashboard(&mut h);
    let first = h.state().snapshot().check_ins[0].id;
    let name = h.state().network().contact(first).map(|c| c.name.clone()).expect("contact");
    // The agenda names them too: either link opens the contact.
    h.query_all_by_role_and_label(Role::Link, &name).next().expect("a link").click();
    h.run();
    assert_eq!(h.state().view().selected, Some(first));
    assert_eq!(h.state().view().page, Page::Contacts);
}

#[test]
fn logging_a_check_in_from_the_dashboard_clears_it_and_undo_brings_it_back() {
    let mut h = harness(Startup::Sample);
    open_dashboard(&mut h);
    let first = h.state().snapshot().check_ins[0].id;
    let touches = h.state().network().touches.len();
    h.query_all_by_role_and_label(Role::Button, "Log check-in").next().expect("a button").click();
    h.run();
    assert_eq!(h.state().network().touches.len(), touches + 1);
    let logged = h.state().network().touches.last().expect("a touch");
    assert_eq!((logged.contact, logged.date), (first, crate::common::AS_OF));
    assert!(h.state().snapshot().check_ins.iter().all(|c| c.id != first), "no longer overdue");

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().network().touches.len(), touches);
    assert_eq!(h.state().snapshot().check_ins[0].id, first);
}

#[test]
fn clicking_a_scatter_point_opens_that_contact() {
    let mut h = harness(Startup::Sample);
    open_dashboard(&mut h);
    // Scroll the scatter into view, then click the point of one contact.
    h.get_by_label("Every contact: given vs received").scroll_to_me();
    h.run();
    let plot_rect = h.get_by_label("Every contact: given vs received").rect();
    let (id, pos) = h
        .state()
        .view()
        .scatter_positions()
        .iter()
        .copied()
        .filter(|(_, pos)| pos.y > plot_rect.bottom() + 20.0 && pos.y < 750.0)
        .max_by(|a, b| a.1.y.total_cmp(&b.1.y).reverse())
        .expect("a point on screen");
    // The plot settles its bounds in the frames after it comes into view: follow the
    // point until it stays put.
    let mut pos = pos;
    for _ in 0..5 {
        h.hover_at(pos);
        h.run();
        let now = h.state().view().scatter_positions().iter().find(|(i, _)| *i == id).map(|(_, p)| *p);
        match now {
            Some(now) if now.distance(pos) > 0.5 => pos = now,
            _ => break,
        }
    }
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    h.event(egui::Event::PointerButton {
        pos,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    h.run();
    assert_eq!(h.state().view().selected, Some(id));
    assert_eq!(h.state().view().page, Page::Contacts);
}

#[test]
fn marking_help_as_thanked_takes_one_click() {
    let mut h = harness(Startup::Sample);
    open_dashboard(&mut h);
    let unthanked = h.state().snapshot().unthanked.len();
    assert!(unthanked > 0);
    let first = h.state().snapshot().unthanked[0].id;
    // The page scrolls to the list (the list's own scrolling would not move the page).
    h.get(by().label_contains("Help not yet thanked")).scroll_to_me();
    h.run();
    h.query_all_by_role_and_label(Role::Button, "Thanked").next().expect("a button").click();
    h.run();
    assert_eq!(h.state().snapshot().unthanked.len(), unthanked - 1);
    assert!(h.state().network().exchanges.iter().any(|e| e.id == first && e.thanked));
}

#[test]
fn dashboard_snapshot() {
    let mut h = harness(Startup::Sample);
    open_dashboard(&mut h);
    h.snapshot("dashboard_sample");
}

#[test]
fn contact_timeline_snapshot() {
    let mut h = harness(Startup::Sample);
    h.get_by_role_and_label(Role::TextInput, "Search contacts").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Search contacts").type_text("Marcus");
    h.run();
    h.get_by_label("Marcus Delacroix-Bell").click();
    h.run();
    h.snapshot("contact_timeline");
}

#[test]
fn as_of_today_moves_on_at_midnight_but_a_chosen_date_stays() {
    let mut h = harness(Startup::Sample);
    open_dashboard(&mut h);
    assert_eq!(h.state().as_of(), crate::common::AS_OF);
    assert!(h.query_by_label("Today").is_none(), "no Today button when the numbers are for today");

    let tomorrow = crate::common::AS_OF.tomorrow().expect("a date");
    h.state_mut().pin_today(tomorrow);
    h.run();
    assert_eq!(h.state().as_of(), tomorrow, "today's numbers follow the clock");
    assert_eq!(h.state().snapshot().as_of, Some(tomorrow), "and are computed anew");

    let chosen = jiff::civil::date(2026, 6, 1);
    h.state_mut().set_as_of(chosen);
    h.run();
    h.state_mut().pin_today(tomorrow.tomorrow().expect("a date"));
    h.run();
    assert_eq!(h.state().as_of(), chosen, "a date the user chose stays put");
    h.get_by_label("Today").click();
    h.run();
    assert_eq!(h.state().as_of(), tomorrow.tomorrow().expect("a date"));
}

#[test]
fn the_agenda_lists_the_week_overdue_first_with_one_click_actions() {
    let mut h = crate::common::harness(Startup::Sample);
    h.get_by_role_and_label(Role::Button, "Dashboard").click();
    crate::common::settle(&mut h);
    let items = h.state().derived().agenda().map(<[_]>::to_vec).unwrap_or_default();
    assert!(!items.is_empty(), "the sample has things coming up");
    assert!(items.windows(2).all(|w| w[0].date <= w[1].date), "by date: overdue first");
    h.get(by().label_contains("Coming up in the next 7 days"));
    // "Last time" recalls what the person was working on at the latest check-in.
    assert!(h.query_all(by().label_contains("last time: ")).next().is_some());

    // Done on the first promise marks it kept, records it, and it leaves the agenda.
    let promise =
        items.iter().find(|i| i.kind == rapport::analysis::AgendaKind::Promise).expect("a promise due");
    let id = promise.commitment.expect("its commitment");
    let exchanges = h.state().network().exchanges.len();
    h.get_all_by_role_and_label(Role::Button, "Done").next().expect("a Done button").click();
    crate::common::settle(&mut h);
    let kept = rapport::model::find_by_id(&h.state().network().commitments, id).expect("the promise");
    assert!(kept.done.is_some(), "marked kept");
    assert_eq!(h.state().network().exchanges.len(), exchanges + 1, "and recorded");
    let items = h.state().derived().agenda().map(<[_]>::to_vec).unwrap_or_default();
    assert!(!items.iter().any(|i| i.commitment == Some(id)));

    // Log check-in on the first check-in: a touch dated the as-of day, and the contact
    // leaves the agenda.
    let first =
        items.iter().find(|i| i.kind == rapport::analysis::AgendaKind::CheckIn).expect("a check-in").contact;
    let touches = h.state().network().touches.len();
    h.get_all_by_role_and_label(Role::Button, "Log check-in").next().expect("a Log check-in button").click();
    crate::common::settle(&mut h);
    assert_eq!(h.state().network().touches.len(), touches + 1);
    assert_eq!(h.state().network().touches.last().map(|t| t.contact), Some(first));
    let items = h.state().derived().agenda().map(<[_]>::to_vec).unwrap_or_default();
    assert!(!items.iter().any(|i| i.contact == first && i.kind == rapport::analysis::AgendaKind::CheckIn));
}

#[test]
fn each_page_keeps_its_own_scroll_offset() {
    let mut h = harness(Startup::Sample);
    let first = h.state().network().contacts[0].id;
    h.state_mut().show(Page::Contacts, Some(first));
    crate::common::settle(&mut h);
    let heading_top = h.get_by_role_and_label(Role::Button, "Log check-in…").rect().top();
    open_dashboard(&mut h);
    h.get(by().label_contains("Help not yet thanked")).scroll_to_me();
    h.run();
    let scrolled = h.get(by().label_contains("Help not yet thanked")).rect().top();
    // The contact page is where it was, at its top; back on the dashboard, the place it
    // was scrolled to.
    h.state_mut().show(Page::Contacts, Some(first));
    crate::common::settle(&mut h);
    assert_eq!(h.get_by_role_and_label(Role::Button, "Log check-in…").rect().top(), heading_top);
    open_dashboard(&mut h);
    assert_eq!(h.get(by().label_contains("Help not yet thanked")).rect().top(), scrolled);
}
