//! The first run: the sample, marked "Sample" and dated as if it were today, under a
//! welcome card that says what Rapport is and offers the ways to start.

use crate::common::{first_run, harness, settle};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiff::civil::date;
use rapport::app::{App, BuiltinDialogs, Startup};
use rapport::model::newest_recorded;
use rapport::state::{FilePurpose, Modal, Prefs};

type H = Harness<'static, App>;

fn click(h: &mut H, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    settle(h);
}

#[test]
fn the_first_run_shows_the_welcome_card_over_the_sample() {
    let h = first_run(Prefs::default(), [1200.0, 800.0]);
    assert!(h.state().welcome_shown());
    assert!(h.query_by_label(rapport::ui::WELCOME_TEXT).is_some(), "the one sentence is on screen");
    for label in ["Open…", "New network", "Import contacts…", "Explore the sample"] {
        assert!(h.query_by_role_and_label(Role::Button, label).is_some(), "no {label} button");
    }
    assert_eq!(h.state().window_title(), "Sample — Rapport");
    assert!(h.query_by_label("Sample — not saved yet").is_some(), "the status bar says so too");
    assert!(!h.state().network().contacts.is_empty(), "the sample is open under it");
}

#[test]
fn explore_the_sample_closes_the_card_for_good() {
    let mut h = first_run(Prefs::default(), [1200.0, 800.0]);
    click(&mut h, "Explore the sample");
    assert!(!h.state().welcome_shown());
    assert!(h.query_by_label(rapport::ui::WELCOME_TEXT).is_none());
    assert!(h.state().prefs().welcomed, "remembered");
    assert_eq!(h.state().window_title(), "Sample — Rapport", "the sample stays open");

    // A second start, with the preferences as stored: no card.
    let text = ron::to_string(h.state().prefs()).expect("prefs serialize");
    let prefs: Prefs = ron::from_str(&text).expect("prefs read back");
    let h = first_run(prefs, [1200.0, 800.0]);
    assert!(!h.state().welcome_shown());
    assert!(h.query_by_label(rapport::ui::WELCOME_TEXT).is_none());
}

#[test]
fn preferences_of_an_earlier_version_have_not_seen_the_card() {
    let prefs: Prefs = ron::from_str("(recent: [], theme: Dark)").expect("old prefs read");
    assert!(!prefs.welcomed);
    assert!(first_run(prefs, [1200.0, 800.0]).state().welcome_shown());
}

#[test]
fn new_network_starts_an_empty_network_and_closes_the_card() {
    let mut h = first_run(Prefs::default(), [1200.0, 800.0]);
    click(&mut h, "New network");
    assert!(!h.state().welcome_shown());
    assert!(h.state().prefs().welcomed);
    assert!(h.state().network().contacts.is_empty());
    assert_eq!(h.state().window_title(), "Untitled — Rapport");
    assert!(h.query_by_label("Untitled — not saved yet").is_some());
}

#[test]
fn open_and_import_ask_for_a_file_and_close_the_card() {
    for (label, purpose) in [("Open…", FilePurpose::Open), ("Import contacts…", FilePurpose::Import)] {
        let mut h = first_run(Prefs::default(), [1200.0, 800.0]);
        click(&mut h, label);
        assert!(!h.state().welcome_shown(), "{label}");
        assert!(h.state().prefs().welcomed, "{label}");
        match h.state().modal() {
            Some(Modal::PathPrompt(prompt)) => assert_eq!(prompt.purpose, purpose, "{label}"),
            other => panic!("{label}: no path dialog but {other:?}"),
        }
        assert!(h.query_by_label(rapport::ui::WELCOME_TEXT).is_none(), "{label}");
    }
}

#[test]
fn the_card_fits_inside_the_smallest_window() {
    let h = first_run(Prefs::default(), [800.0, 600.0]);
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(800.0, 600.0));
    for label in ["Open…", "New network", "Import contacts…", "Explore the sample"] {
        let rect = h.get_by_role_and_label(Role::Button, label).rect();
        assert!(window.contains_rect(rect), "{label} at {rect:?}");
    }
}

#[test]
fn the_card_is_not_shown_by_the_harness_nor_without_the_sample() {
    assert!(!harness(Startup::Sample).state().welcome_shown());
    let h = Harness::builder()
        .with_size([1200.0, 800.0])
        .build_eframe(|cc| App::with_prefs(cc, Startup::Empty, Box::new(BuiltinDialogs), Prefs::default()));
    assert!(!h.state().welcome_shown(), "a first run with another start shows the window as asked");
}

#[test]
fn the_sample_is_marked_and_follows_today_until_it_is_touched() {
    let mut h = harness(Startup::Sample);
    assert_eq!(h.state().window_title(), "Sample — Rapport");
    assert_eq!(newest_recorded(h.state().network()), Some(date(2026, 11, 23)), "unshifted on its day");

    let later = date(2027, 6, 1);
    h.state_mut().pin_today(later);
    h.state_mut().set_as_of(later);
    settle(&mut h);
    assert_eq!(newest_recorded(h.state().network()), Some(date(2027, 5, 30)));
    assert!(!h.state().document().is_dirty(), "moving the dates is not an edit");
    assert!(h.state().undo_label().is_none());
    // The dashboard's numbers are for the moved sample.
    assert!(h.state().snapshot().contacts.iter().any(|s| s.last_touch > date(2027, 5, 1)));

    // Touched, it stays as it is: the edit is the user's.
    h.get_by_role_and_label(Role::Button, "New contact").click();
    settle(&mut h);
    assert_eq!(h.state().window_title(), "● Sample — Rapport");
    h.state_mut().pin_today(date(2030, 1, 15));
    settle(&mut h);
    assert_eq!(newest_recorded(h.state().network()), Some(date(2027, 6, 1)), "the new contact's day");
}

#[test]
fn the_sample_saved_as_a_file_keeps_its_moved_dates() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("mine.ron");
    let mut h = harness(Startup::Sample);
    h.state_mut().pin_today(date(2030, 1, 15));
    settle(&mut h);
    let moved = h.state().network().clone();
    assert_eq!(newest_recorded(&moved), Some(date(2030, 1, 13)));

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    settle(&mut h);
    let field = h.get_by_role_and_label(Role::TextInput, "File path");
    field.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "File path").type_text(&path.display().to_string());
    h.run();
    h.get_by_role_and_label(Role::Button, "Save").click();
    settle(&mut h);
    assert_eq!(h.state().window_title(), "mine.ron — Rapport");
    let text = std::fs::read_to_string(&path).expect("saved");
    let saved = rapport::store::parse_bytes(text.as_bytes(), &path).expect("reads");
    assert_eq!(newest_recorded(&saved), Some(date(2030, 1, 13)));
    assert_eq!(saved.exchanges, moved.exchanges);

    // The user's file now: another today leaves it alone.
    h.state_mut().pin_today(date(2031, 1, 1));
    settle(&mut h);
    assert_eq!(newest_recorded(h.state().network()), Some(date(2030, 1, 13)));
}
