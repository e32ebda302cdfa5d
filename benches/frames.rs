//! Frame CPU time of each view at 10k contacts / 1M exchanges, driving the real App
//! headlessly (egui_kittest, no rendering) for 200+ frames with the pointer moving.
//! `cargo bench --bench frames`.

mod common;

use std::time::Instant;

use common::{ms, percentiles};
use egui_kittest::Harness;
use rapport::app::{App, BuiltinDialogs, Startup};
use rapport::ui::Page;

const FRAMES: usize = 240;

fn main() {
    let exchanges =
        std::env::var("RAPPORT_BENCH_EXCHANGES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let network = common::network(exchanges);
    let busiest = 1; // The generator gives contact 1 the most activity.
    let mut harness: Harness<'static, App> =
        Harness::builder().with_size([1400.0, 900.0]).build_eframe(|cc| {
            let mut app = App::new(cc, Startup::Empty, Box::new(BuiltinDialogs));
            app.set_as_of(rapport::generate::HISTORY_END);
            app
        });
    harness.state_mut().load_network(network);
    harness.run_steps(4);
    println!("frame CPU time at 10k contacts / {}k exchanges, {FRAMES} frames each", exchanges / 1000);
    println!("{:<18} {:>10} {:>10} {:>10}", "view", "p50", "p95", "max");
    let views: [(&str, Page, Option<u64>); 6] = [
        ("contact list", Page::Contacts, None),
        ("contact timeline", Page::Contacts, Some(busiest)),
        ("dashboard", Page::Dashboard, None),
        ("introductions", Page::Introductions, None),
        ("needs & offers", Page::Gaps, None),
        ("promises", Page::Promises, None),
    ];
    for (name, page, contact) in views {
        if !common::wanted(name) {
            continue;
        }
        harness.state_mut().show(page, contact);
        harness.run_steps(4);
        let mut times = Vec::with_capacity(FRAMES);
        for frame in 0..FRAMES {
            // Sweep the pointer over the window so every frame does real hover work.
            let x = 20.0 + (frame * 37 % 1360) as f32;
            let y = 40.0 + (frame * 53 % 820) as f32;
            harness.hover_at(egui::pos2(x, y));
            if frame % 20 == 10 {
                harness.event(egui::Event::MouseWheel {
                    unit: egui::MouseWheelUnit::Point,
                    delta: egui::vec2(0.0, -120.0),
                    phase: egui::TouchPhase::Move,
                    modifiers: egui::Modifiers::NONE,
                    source: egui::MouseWheelSource::Wheel,
                });
            }
            let started = Instant::now();
            harness.step();
            times.push(started.elapsed());
        }
        let (p50, p95, max) = percentiles(times);
        println!("{name:<18} {:>10} {:>10} {:>10}", ms(p50), ms(p95), ms(max));
    }
    if common::wanted("during save") {
        // The longest frame while the whole network is being saved in the background.
        let folder = tempfile::tempdir().expect("temp dir");
        harness.state_mut().show(Page::Contacts, None);
        harness.run_steps(4);
        let _ = harness.state_mut().save_to(&folder.path().join("bench.ron"));
        let mut times = Vec::new();
        let started = Instant::now();
        let mut frame = 0usize;
        while harness.state().is_saving() {
            frame += 1;
            harness.hover_at(egui::pos2(20.0 + (frame * 37 % 1360) as f32, 40.0 + (frame * 53 % 820) as f32));
            let step = Instant::now();
            harness.step();
            times.push(step.elapsed());
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let total = started.elapsed();
        let frames = times.len();
        if frames == 0 {
            println!("during save: the save ended before the first frame ({})", ms(total));
            return;
        }
        let (p50, p95, max) = percentiles(times);
        println!(
            "{:<18} {:>10} {:>10} {:>10}   ({frames} frames over a {} save)",
            "during save",
            ms(p50),
            ms(p95),
            ms(max),
            ms(total)
        );
    }
}
