//! Large files open in the background: the window stays responsive, shows progress,
//! and Cancel leaves the current network as it was.

use crate::common::harness;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::app::{BACKGROUND_OPEN_BYTES, Startup};

fn big_file(folder: &std::path::Path) -> std::path::PathBuf {
    let path = folder.join("big.ron");
    let network = rapport::generate::generate(2_000, 40_000, 3);
    rapport::store::save(&path, &network).expect("save");
    assert!(std::fs::metadata(&path).expect("size").len() >= BACKGROUND_OPEN_BYTES);
    path
}

/// Frames until the open's progress shows: at once for a large file, once the job has
/// looked at its size (a moment after it starts, on its own thread).
fn wait_for_progress(h: &mut egui_kittest::Harness<'static, rapport::app::App>) {
    let started = std::time::Instant::now();
    for _ in 0..200 {
        h.step();
        if h.query_by_role_and_label(Role::Button, "Cancel").is_some() {
            assert!(started.elapsed() < rapport::app::PROGRESS_AFTER, "a large file shows progress at once");
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    panic!("no progress within 200 frames (the open takes 300 ms to show it for any file)");
}

#[test]
fn a_large_file_opens_in_the_background() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = big_file(folder.path());
    let mut h = harness(Startup::Sample);
    h.state_mut().open_file(&path);
    assert!(h.state().is_opening());
    wait_for_progress(&mut h);
    // While working, the window asks for frames to show progress (and only then: see idle.rs).
    let delay = h.output().viewport_output.get(&egui::ViewportId::ROOT).map(|v| v.repaint_delay);
    assert!(delay.is_some_and(|d| d <= std::time::Duration::from_millis(100)), "{delay:?}");
    // The frame loop keeps running while the file loads.
    let started = std::time::Instant::now();
    while h.state().is_opening() && started.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    assert!(!h.state().is_opening());
    assert_eq!(h.state().network().exchanges.len(), 40_000);
    assert_eq!(h.state().document().path.as_deref(), Some(path.as_path()));
}

#[test]
fn cancelling_a_large_open_keeps_the_current_network() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = big_file(folder.path());
    let mut h = harness(Startup::Sample);
    let before = h.state().network().clone();
    h.state_mut().open_file(&path);
    wait_for_progress(&mut h);
    h.get_by_role_and_label(Role::Button, "Cancel").click();
    h.step();
    h.step();
    assert!(!h.state().is_opening());
    std::thread::sleep(std::time::Duration::from_millis(200));
    h.step();
    assert_eq!(h.state().network(), &before);
    assert!(h.state().document().path.is_none());
}

#[test]
fn a_large_network_saves_in_the_background_and_edits_go_on() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("big.ron");
    let mut h = harness(Startup::Empty);
    let network = rapport::generate::generate(2_000, 25_000, 4);
    h.state_mut().load_network(network.clone());
    h.run();
    assert!(h.state_mut().save_to(&path), "the save started, off the UI thread");
    assert!(h.state().is_saving());
    // Edit while the save runs: the file then holds either the snapshot at Save (the
    // edit came after the network was written as text) or the edited network (the
    // save let go of it for the edit and wrote the edited one), and the unsaved mark
    // says which.
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.step();
    let started = std::time::Instant::now();
    while h.state().is_saving() && started.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(20));
        h.step();
    }
    assert!(!h.state().is_saving());
    assert_eq!(h.state().network().contacts.len(), network.contacts.len() + 1);
    let on_disk = rapport::store::load(&path).expect("saved");
    if on_disk == network {
        assert!(h.state().document().is_dirty(), "the edit made after the text is not saved yet");
    } else {
        assert!(&on_disk == h.state().network(), "the file holds neither the snapshot nor the edit");
        assert!(!h.state().document().is_dirty(), "the edit was saved");
    }
}

/// Edits made while a big network is saved in the background: none copies the
/// network, and the file and the unsaved mark always agree.
#[test]
fn edits_during_a_background_save_neither_copy_nor_lose_anything() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("saved.ron");
    let mut h = harness(Startup::Empty);
    h.state_mut().load_network(rapport::generate::generate(2_000, 60_000, 5));
    h.run();
    for round in 0..3 {
        assert!(h.state_mut().save_to(&path), "the save started, off the UI thread");
        assert!(h.state().is_saving(), "the network is saved in the background");
        let before = std::sync::Arc::as_ptr(&h.state().document().network);
        let mut exchange = h.state().network().exchanges[round].clone();
        exchange.summary = format!("Edited while saving, round {round}");
        let edit = rapport::model::Edit::Exchanges(rapport::model::Change::Put(exchange));
        h.state_mut().apply(rapport::state::EditRequest::new("Edit exchange", edit));
        assert_eq!(
            std::sync::Arc::as_ptr(&h.state().document().network),
            before,
            "round {round}: the edit copied the network"
        );
        let started = std::time::Instant::now();
        while h.state().is_saving() && started.elapsed() < std::time::Duration::from_secs(60) {
            std::thread::sleep(std::time::Duration::from_millis(10));
            h.step();
        }
        assert!(!h.state().is_saving());
        let on_disk = rapport::store::load(&path).expect("the saved file loads");
        assert_eq!(
            !h.state().document().is_dirty(),
            &on_disk == h.state().network(),
            "round {round}: the unsaved mark disagrees with the file"
        );
    }
}

/// A save still running when the document is replaced reports to nobody but the
/// status bar: the new document keeps its own name, state and data.
#[test]
fn a_save_running_when_the_document_is_replaced_touches_only_its_own_file() {
    let folder = tempfile::tempdir().expect("temp dir");
    let path = folder.path().join("first.ron");
    let mut h = harness(Startup::Empty);
    let first = rapport::generate::generate(2_000, 60_000, 6);
    h.state_mut().load_network(first.clone());
    h.run();
    assert!(h.state_mut().save_to(&path));
    assert!(h.state().is_saving());
    // New, while the first network is being saved; then an edit of the new one.
    let ctx = h.ctx.clone();
    h.state_mut().perform(&ctx, rapport::state::Command::New);
    h.step();
    assert!(h.state().network().contacts.is_empty(), "a new, empty network");
    h.get_by_role_and_label(Role::Button, "New contact").click();
    h.step();
    let started = std::time::Instant::now();
    while h.state().is_saving() && started.elapsed() < std::time::Duration::from_secs(60) {
        std::thread::sleep(std::time::Duration::from_millis(10));
        h.step();
    }
    assert!(rapport::store::load(&path).expect("saved") == first, "the first file holds the first network");
    assert_eq!(h.state().document().path, None, "the new network is still untitled");
    assert!(h.state().document().is_dirty(), "and its new contact unsaved");
    assert_eq!(h.state().network().contacts.len(), 1);
}

/// The open and the save do their disk work on their own threads, and still lock what
/// they hold: a file opened is locked, a file saved as takes the lock over, and the
/// recent list names where it went.
#[test]
fn opening_and_saving_as_lock_the_file_from_their_jobs() {
    use rapport::store::lock_path;
    let folder = tempfile::tempdir().expect("temp dir");
    let first = folder.path().join("first.ron");
    let network = rapport::generate::generate(20, 200, 4);
    rapport::store::save(&first, &network).expect("save");
    let mut h = harness(Startup::File(first.clone()));
    assert_eq!(h.state().document().path.as_deref(), Some(first.as_path()));
    assert!(lock_path(&first).is_file(), "an open file is locked");
    let second = folder.path().join("second.ron");
    assert!(h.state_mut().save_to(&second));
    crate::common::settle(&mut h);
    assert_eq!(h.state().document().path.as_deref(), Some(second.as_path()));
    assert!(lock_path(&second).is_file(), "the file saved as is locked");
    assert!(!lock_path(&first).exists(), "and the first let go");
    let canonical = std::fs::canonicalize(&second).expect("exists");
    assert_eq!(h.state().prefs().recent.first(), Some(&canonical));
}

/// A contact with many exchanges opens at once: the page says their exchanges are
/// being read while a thread builds the ledger, timeline and check-ins, then shows them
/// without anything else to do.
#[test]
fn a_busy_contact_opens_at_once_and_its_lists_follow_from_a_thread() {
    use rapport::analysis::CONTACT_OFF_THREAD_FROM;
    let mut h = harness(Startup::Empty);
    h.state_mut().load_network(rapport::generate::generate(50, 100_000, 3));
    crate::common::settle(&mut h);
    let network = h.state().network();
    let (busy, exchanges) = network
        .contacts
        .iter()
        .map(|c| (c.id, network.exchanges.iter().filter(|e| e.contact == c.id).count()))
        .max_by_key(|(_, n)| *n)
        .expect("contacts");
    assert!(exchanges >= CONTACT_OFF_THREAD_FROM, "a busy contact: {exchanges}");
    h.state_mut().show(rapport::state::Page::Contacts, Some(busy));
    h.step();
    let count = crate::common::grouped;
    let reading = format!("Reading {} exchanges…", count(exchanges));
    // In place of the timeline and of the ledger.
    assert_eq!(h.query_all_by_label(&reading).count(), 2, "the page says it reads them: {reading}");
    let heading = format!("Exchanges ({})", count(exchanges));
    for _ in 0..500 {
        if h.query_by_label(&heading).is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    assert!(h.query_by_label(&heading).is_some(), "the ledger came: {heading}");
    assert_eq!(h.query_all_by_label(&reading).count(), 0, "and nothing is read any more");
    let ledger = h.state().derived().ledger(busy).map(<[usize]>::len);
    assert_eq!(ledger, Some(exchanges));
    assert!(h.state().derived().timeline(busy).is_some());
    let check_ins = h.state().network().touches.iter().filter(|t| t.contact == busy).count();
    assert_eq!(h.state().derived().contact_touches(busy).map(<[usize]>::len), Some(check_ins));
}
