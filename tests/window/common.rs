//! One helper builds every harness, the same way the binary builds the app.

#![allow(dead_code, reason = "each test file uses a different part of the helpers")]

use egui_kittest::Harness;
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
        app.pin_today(AS_OF);
        app.set_as_of(AS_OF);
        app.set_recovery_store(recovery);
        app
    });
    // As a person first sees it: the file opened, recoveries looked for.
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
