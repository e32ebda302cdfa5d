//! One helper builds every harness, the same way the binary builds the app.

#![allow(dead_code, reason = "each test file uses a different part of the helpers")]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use jiff::civil::Date;
use rapport::app::{App, BuiltinDialogs, Startup};

/// The date tests compute the numbers for, so that snapshots do not age.
pub const AS_OF: Date = Date::constant(2026, 11, 25);

pub fn harness(startup: Startup) -> Harness<'static, App> {
    harness_with_recovery(startup, None)
}

/// A harness whose recovery files live in `recovery` (never the user's data folder).
pub fn harness_with_recovery(startup: Startup, recovery: Option<&std::path::Path>) -> Harness<'static, App> {
    let recovery = recovery.map(rapport::store::RecoveryStore::new);
    let mut h = Harness::builder().with_size([1200.0, 800.0]).build_eframe(move |cc| {
        let mut app = App::new(cc, startup, Box::new(BuiltinDialogs));
        // As a person sees it every day: the first run's welcome card was closed.
        app.skip_welcome();
        app.pin_today(AS_OF);
        app.set_as_of(AS_OF);
        app.set_recovery_store(recovery);
        app
    });
    // As a person first sees it: the file opened, recoveries looked for.
    settle(&mut h);
    h
}

/// The app as a fresh install builds it, on the sample (the first run's welcome card
/// shows unless `prefs` saw it), at `size`.
pub fn first_run(prefs: rapport::state::Prefs, size: [f32; 2]) -> Harness<'static, App> {
    let mut h = Harness::builder().with_size(size).build_eframe(move |cc| {
        let mut app = App::with_prefs(cc, Startup::Sample, Box::new(BuiltinDialogs), prefs);
        app.pin_today(AS_OF);
        app.set_as_of(AS_OF);
        app.set_recovery_store(None);
        app
    });
    settle(&mut h);
    h
}

/// Runs frames until the app has no disk work left in the background (at most 10 s):
/// what a person sees once the spinner stops.
pub fn settle(h: &mut Harness<'static, App>) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    // Step rather than run while work is under way: a spinner repaints on its own.
    h.step();
    while h.state().is_busy() {
        assert!(std::time::Instant::now() < deadline, "background work did not end within 10 s");
        std::thread::sleep(std::time::Duration::from_millis(5));
        h.step();
    }
    // The result arrives with a few frames of its own (a dialog opening).
    let settled = (0..5).any(|_| h.try_run().is_ok());
    assert!(settled, "the window kept repainting after the background work ended");
}

/// The window's close button, as the desktop sends it.
pub fn request_close(h: &mut Harness<'static, App>) {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
}

/// A session that "crashed" with unsaved work: an untitled network with a new contact,
/// kept for recovery in `recovery` by a process that has since died. Returns the
/// network the recovery holds; the next harness on `recovery` offers it.
pub fn crashed_session(recovery: &std::path::Path) -> rapport::model::Network {
    // A first session: an untitled network with a new contact, kept for recovery, then
    // "crashed" (dropped without saving).
    let recovered_network = {
        let mut h = harness_with_recovery(Startup::Empty, Some(recovery));
        h.get_by_role_and_label(Role::Button, "New contact").click();
        // The first change starts a recovery write in the background: wait it out.
        settle(&mut h);
        h.get_by_role_and_label(Role::TextInput, "Name").type_text("Kept Safe");
        settle(&mut h);
        h.state_mut().write_recovery_now();
        let network = h.state().network().clone();
        // Every write asked for is on disk (a first one went out on the first change).
        assert!(h.state().flush_recovery());
        // The writing "process" is this one and alive: pretend it died by forgetting it.
        std::mem::forget(h);
        network
    };
    let store = rapport::store::RecoveryStore::new(recovery);
    let entries = store.list();
    assert_eq!(entries.len(), 1, "the recovery file was written");
    // This process is alive, so its recovery is not offered (it could be a second
    // Rapport still editing). Make the file look written by a process that died.
    assert!(store.entries_newer_than_their_document().is_empty());
    let dead = {
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        child.wait().expect("wait");
        child.id()
    };
    let text = std::fs::read_to_string(&entries[0].path).expect("read");
    let (header, body) = text.split_once('\n').expect("a header line");
    let pid =
        header.split("pid:").nth(1).expect("a pid").split(',').next().expect("digits").trim().to_owned();
    let header = header.replacen(&format!("pid:{pid}"), &format!("pid:{dead}"), 1).replacen(
        &format!("pid: {pid}"),
        &format!("pid: {dead}"),
        1,
    );
    std::fs::write(&entries[0].path, format!("{header}\n{body}")).expect("write");
    assert_eq!(store.entries_newer_than_their_document().len(), 1, "now offered");
    recovered_network
}

/// Types `text` key by key into whatever has the keyboard, as a person types.
pub fn type_keys(h: &mut Harness<'static, App>, text: &str) {
    for c in text.chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.run();
    }
}

/// Presses `key` and lets the window answer.
pub fn press(h: &mut Harness<'static, App>, key: egui::Key) {
    h.key_press(key);
    h.run();
}

/// A count as the window writes it, grouped by thousands: 151322 → "151,322".
pub fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}
