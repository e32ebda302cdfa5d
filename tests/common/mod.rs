//! One helper builds every harness, the same way the binary builds the app.

#![allow(dead_code, reason = "each test file uses a different part of the helpers")]

use egui_kittest::Harness;
use jiff::civil::Date;
use rapport::app::{App, BuiltinDialogs, Startup};

/// The date tests compute the numbers for, so that snapshots do not age.
pub const AS_OF: Date = Date::constant(2026, 11, 25);

pub fn harness(startup: Startup) -> Harness<'static, App> {
    Harness::builder().with_size([1200.0, 800.0]).build_eframe(move |cc| {
        let mut app = App::new(cc, startup, Box::new(BuiltinDialogs));
        app.set_as_of(AS_OF);
        app
    })
}
