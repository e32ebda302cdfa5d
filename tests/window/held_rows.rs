//! After a one-click action the row stays where it was (done, greyed), so that the next
//! row does not jump under the pointer; it goes once the pointer leaves the list.

use crate::toasts::{is_done, mark_first_done, two_promises};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;

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
