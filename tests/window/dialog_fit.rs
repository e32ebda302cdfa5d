//! Tall dialogs stay inside the window: their body scrolls, and the buttons that
//! answer them (Save, Cancel, Merge…) are in the window at 800×600 and shorter.

use crate::common::{harness_with_recovery, settle};
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::app::{App, Startup};
use rapport::model::{Contact, Network};
use rapport::state::Modal;
use rapport::store::{self, History, RecoveryKey, RecoveryStore};

type H = egui_kittest::Harness<'static, App>;

/// Sets the window's size and lets the dialog follow it (it is placed a frame late).
fn resize(h: &mut H, width: f32, height: f32) {
    h.set_size(egui::vec2(width, height));
    h.run();
    h.run_steps(2);
}

/// Each of `buttons` is drawn whole inside the window.
fn assert_in_window(h: &H, buttons: &[&str]) {
    let window = h.ctx.content_rect();
    for label in buttons {
        let rect = h.get_by_role_and_label(Role::Button, label).rect();
        assert!(
            window.expand(1.0).contains_rect(rect),
            "{label} at {rect:?} is outside the window {window:?}"
        );
    }
}

#[test]
fn the_check_in_forms_buttons_are_in_the_window_at_800_by_600_and_shorter() {
    let mut h = crate::common::harness(Startup::Sample);
    let contact = h.state().network().contacts[0].id;
    h.state_mut().open_check_in(contact);
    resize(&mut h, 800.0, 600.0);
    assert!(matches!(h.state().modal(), Some(Modal::CheckIn(_))), "the check-in form is open");
    assert_in_window(&h, &["Save check-in", "Cancel"]);
    let problems = crate::layout_sizes::layout_problems(&h);
    assert!(problems.is_empty(), "{problems:#?}");
    // Shorter than any page is meant for, the form still answers: its questions
    // scroll, the buttons stay.
    for height in [420.0, 240.0] {
        resize(&mut h, 800.0, height);
        assert_in_window(&h, &["Save check-in", "Cancel"]);
    }
    // The body is the scroll area the first question shows in: the last question is
    // below its fold until scrolled to.
    let body = |h: &H| {
        let date = h.get_by_role_and_label(Role::TextInput, "Date").rect();
        rapport::ui::scroll_viewports(&h.ctx)
            .into_iter()
            .filter(|a| a.clip.contains_rect(date))
            .min_by(|a, b| a.clip.height().total_cmp(&b.clip.height()))
            .expect("the form's body is a scroll area")
            .clip
    };
    let last = |h: &H| h.get_by_role_and_label(Role::TextInput, "Constraints").rect();
    assert!(!body(&h).contains_rect(last(&h)), "{:?} below {:?}", last(&h), body(&h));
    h.get_by_role_and_label(Role::TextInput, "Constraints").scroll_to_me();
    h.run();
    let clip =
        rapport::ui::scroll_viewports(&h.ctx).into_iter().map(|a| a.clip).find(|c| c.contains_rect(last(&h)));
    assert!(clip.is_some_and(|c| c.height() < 200.0), "scrolled into the body: {:?}", last(&h));
    assert_in_window(&h, &["Save check-in", "Cancel"]);
}

/// 40 contacts whose notes both devices changed: 40 conflicts to review.
fn many_conflicts(folder: &std::path::Path) -> std::path::PathBuf {
    let base = Network {
        contacts: (1..=40)
            .map(|id| Contact::new(id, format!("Contact {id}"), jiff::civil::date(2025, 1, 1)))
            .collect(),
        ..Network::default()
    };
    let path = folder.join("net.ron");
    let stamp = store::save_stamped(&path, &base).expect("save the base");
    let recovery = RecoveryStore::new(folder.join("data/recovery"));
    History::next_to(&recovery)
        .keep(&RecoveryKey::for_document(&path), &path, &stamp.lineage())
        .expect("keep");
    let side = |notes: &str| {
        let mut network = base.clone();
        network.parent = Some(stamp.lineage());
        for contact in &mut network.contacts {
            contact.notes = format!("{notes} {}", contact.name);
        }
        network
    };
    store::save(&path, &side("mine")).expect("save mine");
    let copy = folder.join("net.sync-conflict-20261203-101500-ABCDEF7.ron");
    store::save(&copy, &side("theirs")).expect("save theirs");
    path
}

#[test]
fn the_sync_review_of_forty_conflicts_keeps_merge_and_cancel_in_the_window() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = many_conflicts(folder.path());
    let mut h = harness_with_recovery(Startup::File(path), Some(&folder.path().join("data/recovery")));
    h.get_by_role_and_label(Role::Button, "Review and merge…").click();
    settle(&mut h);
    let Some(Modal::SyncReview(review)) = h.state().modal() else { panic!("{:?}", h.state().modal()) };
    assert_eq!(review.rows.len(), 40);
    resize(&mut h, 800.0, 600.0);
    assert_in_window(&h, &["Merge", "Cancel"]);
    let problems = crate::layout_sizes::layout_problems(&h);
    assert!(problems.is_empty(), "{problems:#?}");
    resize(&mut h, 800.0, 440.0);
    assert_in_window(&h, &["Merge", "Cancel"]);
    // The last conflict is reached by scrolling the body, and switched from there.
    h.get_by_role_and_label(Role::Button, "Switch Contact 40 (Contact 40) · notes").scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, "Switch Contact 40 (Contact 40) · notes").click();
    settle(&mut h);
    let Some(Modal::SyncReview(review)) = h.state().modal() else { panic!("{:?}", h.state().modal()) };
    assert!(review.rows[39].switched, "{:?}", review.rows[39]);
    assert_in_window(&h, &["Merge", "Cancel"]);
}
