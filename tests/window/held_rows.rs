//! After a one-click action the row stays where it was (done, greyed), so that the next
//! row does not jump under the pointer; it goes once the pointer leaves the list.

use crate::toasts::{is_done, mark_first_done, two_promises};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::model::find_by_id;

#[test]
fn the_next_promise_stays_under_the_pointer_until_it_leaves_the_list() {
    let mut h = two_promises();
    let before: Vec<egui::Rect> =
        h.get_all_by_role_and_label(Role::Button, "Done").map(|b| b.rect()).collect();
    assert_eq!(before.len(), 2, "two open promises");
    mark_first_done(&mut h);
    assert!(is_done(&h, 1));
    // The first row is still there, done; the second's Done has not moved.
    h.get_by_label("done 2026-11-25");
    let after: Vec<egui::Rect> =
        h.get_all_by_role_and_label(Role::Button, "Done").map(|b| b.rect()).collect();
    assert_eq!(after, [before[1]], "the second Done is where it was");
    // The pointer goes elsewhere: the done row goes, the second moves up.
    h.hover_at(egui::pos2(1190.0, 20.0));
    h.run();
    assert!(h.query_by_label("done 2026-11-25").is_none(), "the done row went");
    let moved: Vec<f32> = h.get_all_by_role_and_label(Role::Button, "Done").map(|b| b.rect().top()).collect();
    assert_eq!(moved, [before[0].top()], "the second promise took the first row");
}

#[test]
fn another_page_lets_go_of_the_held_rows() {
    let mut h = two_promises();
    mark_first_done(&mut h);
    h.get_by_label("done 2026-11-25");
    h.get_by_role_and_label(Role::Button, "Dashboard").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Promises").click();
    h.run();
    assert!(h.query_by_label("done 2026-11-25").is_none(), "the done row went");
    assert_eq!(h.get_all_by_role_and_label(Role::Button, "Done").count(), 1);
}

#[test]
fn the_agenda_holds_its_rows_after_log_check_in_until_the_pointer_leaves() {
    let mut h = crate::common::harness(rapport::app::Startup::Sample);
    h.get_by_role_and_label(Role::Button, "Dashboard").click();
    crate::common::settle(&mut h);
    let agenda = |h: &egui_kittest::Harness<'static, rapport::app::App>| {
        h.state().derived().agenda().map(<[_]>::to_vec).unwrap_or_default()
    };
    let before = agenda(&h);
    let rects = |h: &egui_kittest::Harness<'static, rapport::app::App>| -> Vec<egui::Rect> {
        h.get_all_by_role_and_label(Role::Button, "Log check-in").map(|b| b.rect()).collect()
    };
    let shown = rects(&h);
    h.get_all_by_role_and_label(Role::Button, "Log check-in").next().expect("a Log check-in").click();
    h.run();
    assert_eq!(agenda(&h).len(), before.len() - 1, "the check-in is logged: it left the agenda");
    assert_eq!(
        h.state().view().held_agenda.as_deref(),
        Some(before.as_slice()),
        "the list drawn is as it was"
    );
    assert_eq!(rects(&h), shown, "every row of the list is where it was");
    let first = h.get_all_by_role_and_label(Role::Button, "Log check-in").next().expect("the row done");
    assert!(
        egui_kittest::kittest::NodeT::accesskit_node(&first).is_disabled(),
        "the row done is greyed, in place"
    );
    h.get_by_label("Check-in logged");
    h.hover_at(egui::pos2(1190.0, 20.0));
    h.run();
    assert!(h.state().view().held_agenda.is_none(), "the pointer left: the list shows what is due");
}

#[test]
fn thanked_shows_a_toast_and_holds_the_row_in_place() {
    let mut h = crate::common::harness(rapport::app::Startup::Sample);
    h.get_by_role_and_label(Role::Button, "Dashboard").click();
    crate::common::settle(&mut h);
    h.get(egui_kittest::kittest::by().label_contains("Help not yet thanked")).scroll_to_me();
    h.run();
    let unthanked = h.state().snapshot().unthanked.len();
    let shown: Vec<egui::Rect> =
        h.get_all_by_role_and_label(Role::Button, "Thanked").map(|b| b.rect()).collect();
    h.get_all_by_role_and_label(Role::Button, "Thanked").next().expect("a Thanked").click();
    h.run();
    assert_eq!(h.state().snapshot().unthanked.len(), unthanked - 1);
    let held: Vec<egui::Rect> =
        h.get_all_by_role_and_label(Role::Button, "Thanked").map(|b| b.rect()).collect();
    assert_eq!(held, shown, "the rows stay where they were");
    h.get_by_label("Marked thanked");
    h.get_by_role_and_label(Role::Button, "Undo").click();
    h.run();
    assert_eq!(h.state().snapshot().unthanked.len(), unthanked, "Undo takes the thanks back");
}

#[test]
fn a_win_celebrated_stays_in_its_row_until_the_pointer_leaves() {
    let mut h = crate::common::harness(rapport::app::Startup::Sample);
    h.get_by_role_and_label(Role::Button, "Wins & Playbook").click();
    crate::common::settle(&mut h);
    let order = |h: &egui_kittest::Harness<'static, rapport::app::App>| {
        h.state().derived().wins().map(|w| w.order.clone()).unwrap_or_default()
    };
    let before = order(&h);
    assert!(h.state().derived().wins().is_some_and(|w| w.waiting >= 2), "the sample has wins to celebrate");
    let first = h.get_all_by_role_and_label(Role::CheckBox, "Celebrated").next().expect("a win").rect();
    h.get_all_by_role_and_label(Role::CheckBox, "Celebrated").next().expect("a win").click();
    h.run();
    assert_ne!(order(&h), before, "celebrated wins go last");
    h.get_by_role_and_label(Role::Label, "Celebrated");
    let still = h.get_all_by_role_and_label(Role::CheckBox, "Celebrated").next().expect("a win").rect();
    assert_eq!(still, first);
    // The row under the pointer is still the win just celebrated.
    let network = h.state().network();
    let celebrated = network.wins.get(before[0]).map(|w| w.id).expect("the first win");
    let held = h.state().view().held_rows("wins").map(<[_]>::to_vec).unwrap_or_default();
    assert_eq!(held.first(), Some(&celebrated));
    assert!(find_by_id(&network.wins, celebrated).is_some_and(|w| w.celebrated));
    h.hover_at(egui::pos2(1190.0, 20.0));
    h.run();
    assert!(h.state().view().held.is_none());
}

/// The "Log check-in" buttons of the dashboard's "Check-ins due" list (the agenda has
/// some too): those on a row with "Details…".
fn check_ins_due_buttons(h: &egui_kittest::Harness<'static, rapport::app::App>) -> Vec<egui::Rect> {
    let rows: Vec<egui::Rect> =
        h.get_all_by_role_and_label(Role::Button, "Details…").map(|b| b.rect()).collect();
    h.get_all_by_role_and_label(Role::Button, "Log check-in")
        .map(|b| b.rect())
        .filter(|r| rows.iter().any(|d| (d.center().y - r.center().y).abs() < 1.0))
        .collect()
}

#[test]
fn check_ins_due_holds_its_rows_after_log_check_in_until_the_pointer_leaves() {
    let mut h = crate::common::harness(rapport::app::Startup::Sample);
    h.get_by_role_and_label(Role::Button, "Dashboard").click();
    crate::common::settle(&mut h);
    h.get(egui_kittest::kittest::by().label_contains("Check-ins due")).scroll_to_me();
    h.run();
    let due = |h: &egui_kittest::Harness<'static, rapport::app::App>| -> Vec<rapport::model::Id> {
        h.state().snapshot().check_ins.iter().map(|c| c.id).collect()
    };
    let before = due(&h);
    assert!(before.len() >= 2, "the sample has check-ins due: {before:?}");
    let agenda = h.state().derived().agenda().map(<[_]>::to_vec).unwrap_or_default();
    let shown = check_ins_due_buttons(&h);
    assert_eq!(shown.len(), before.len().min(shown.len()), "one Log check-in per row shown");
    let first = shown[0];
    h.get_all_by_role_and_label(Role::Button, "Log check-in")
        .find(|b| b.rect() == first)
        .expect("the first row's Log check-in")
        .click();
    h.run();
    assert_eq!(due(&h), before[1..], "the first contact is checked in: no longer due");
    assert_eq!(
        h.state().view().held_rows("check_ins"),
        Some(before.as_slice()),
        "the list drawn is as it was"
    );
    assert_eq!(check_ins_due_buttons(&h), shown, "every row of the list is where it was");
    assert_eq!(
        h.state().view().held_agenda.as_deref(),
        Some(agenda.as_slice()),
        "the agenda above keeps its rows too (it listed the check-in)"
    );
    let done = h
        .get_all_by_role_and_label(Role::Button, "Log check-in")
        .find(|b| b.rect() == first)
        .expect("the row checked in is still drawn");
    assert!(egui_kittest::kittest::NodeT::accesskit_node(&done).is_disabled(), "greyed, in place");
    h.get_by_label("checked in");
    h.get_by_label("Check-in logged");
    // The pointer leaves the list: it shows who is due now, the next one in the first row.
    h.hover_at(egui::pos2(1190.0, 20.0));
    h.run();
    h.run();
    assert!(h.state().view().held.is_none(), "the pointer left: the list lets go");
    assert!(h.state().view().held_agenda.is_none(), "and the agenda");
    assert!(h.query_by_label("checked in").is_none(), "the row checked in went");
    assert_eq!(check_ins_due_buttons(&h).len(), shown.len().min(before.len() - 1));
}
