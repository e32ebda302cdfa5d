//! After a one-click action a toast says what was done, with an Undo that takes back
//! exactly that step, and goes by itself after a few seconds.

use crate::common::{harness, settle};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use rapport::app::{App, Startup};
use rapport::model::{Commitment, Contact, Direction, Network, find_by_id};
use rapport::state::Page;

/// Two open promises, to Ann (due first) and to Ben, on the Promises page.
pub fn two_promises() -> Harness<'static, App> {
    let made = jiff::civil::date(2026, 11, 1);
    let promise = |id, contact, due, summary: &str| Commitment {
        id,
        contact,
        made,
        due: Some(due),
        direction: Direction::Gave,
        hours: 1.0,
        summary: summary.to_owned(),
        done: None,
    };
    let network = Network {
        contacts: vec![Contact::new(1, "Ann Alder", made), Contact::new(2, "Ben Birch", made)],
        commitments: vec![
            promise(1, 1, jiff::civil::date(2026, 11, 20), "Send the deck"),
            promise(2, 2, jiff::civil::date(2026, 11, 28), "Review the plan"),
        ],
        ..Network::default()
    };
    let mut h = harness(Startup::Empty);
    h.state_mut().load_network(network);
    h.state_mut().show(Page::Promises, None);
    settle(&mut h);
    h
}

pub fn is_done(h: &Harness<'static, App>, id: u64) -> bool {
    find_by_id(&h.state().network().commitments, id).is_some_and(|c| c.done.is_some())
}

/// Done, then "Just mark done", on the first promise that still offers Done.
pub fn mark_first_done(h: &mut Harness<'static, App>) {
    h.get_all_by_role_and_label(Role::Button, "Done").next().expect("a Done button").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Just mark done").click();
    h.run();
}

fn repaint_delay(h: &Harness<'static, App>) -> std::time::Duration {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map_or(std::time::Duration::MAX, |v| v.repaint_delay)
}

#[test]
fn the_toast_of_done_undoes_exactly_that_step() {
    let mut h = two_promises();
    mark_first_done(&mut h);
    assert!(is_done(&h, 1));
    h.get_by_label("Marked done");
    h.get_by_role_and_label(Role::Button, "Undo").click();
    h.run();
    assert!(!is_done(&h, 1), "the promise is open again");
    assert!(!is_done(&h, 2));
    assert!(h.query_by_label("Marked done").is_none(), "the toast went with its step");
}

#[test]
fn a_toast_goes_by_itself_after_its_time_without_input() {
    let mut h = two_promises();
    mark_first_done(&mut h);
    h.get_by_label("Marked done");
    // While it shows, the window asks for one frame later on, not for frames now.
    let delay = repaint_delay(&h);
    assert!(delay > std::time::Duration::ZERO && delay <= std::time::Duration::from_secs(5), "{delay:?}");
    // The harness's clock moves a quarter of a second a frame: 4 s on, it is still there.
    for _ in 0..16 {
        h.step();
    }
    assert!(h.query_by_label("Marked done").is_some(), "still there after 4 s");
    for _ in 0..8 {
        h.step();
    }
    assert!(h.query_by_label("Marked done").is_none(), "gone after 5 s");
    h.step();
    assert_eq!(repaint_delay(&h), std::time::Duration::MAX, "and no more frames are asked for");
    assert!(is_done(&h, 1), "the step stays done");
}

#[test]
fn a_stale_undo_says_why_and_changes_nothing() {
    let mut h = two_promises();
    mark_first_done(&mut h);
    mark_first_done(&mut h);
    assert!(is_done(&h, 1) && is_done(&h, 2));
    assert_eq!(h.query_all_by_label("Marked done").count(), 2, "one toast per action");
    // The first toast's Undo: its step is no longer the newest one.
    h.get_all_by_role_and_label(Role::Button, "Undo").next().expect("an Undo").click();
    h.run();
    assert!(is_done(&h, 1) && is_done(&h, 2), "nothing was undone");
    h.get_by_label("Not undone: later changes came after it (Edit › Undo takes back the newest first)");
    assert_eq!(h.state().undo_label(), Some("Complete promise"), "both steps are still there");
}
