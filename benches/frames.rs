//! Frame CPU time of each view at 10k contacts / 1M exchanges: the real `App` driven
//! as eframe drives it (`logic`, `ui`, then tessellation of what was painted) on a
//! plain `egui::Context`, 240 frames per view with the pointer moving and a scroll
//! every 20 frames. `cargo bench --bench frames`.
//!
//! Not egui_kittest here: its harness keeps an AccessKit tree of every widget up to
//! date each frame (for its queries), which a window only does while a screen reader
//! is listening; that bookkeeping was a third of the time it reported. GPU upload and
//! drawing are not measured (no GPU here).

mod common;

use std::time::{Duration, Instant};

use common::{ms, percentiles};
use eframe::App as _;
use rapport::app::{App, BuiltinDialogs, Startup};
use rapport::state::Page;

const FRAMES: usize = 240;
const SIZE: egui::Vec2 = egui::vec2(1400.0, 900.0);

/// The app on a context, fed input as eframe feeds it.
struct Driver {
    ctx: egui::Context,
    app: App,
    frame: eframe::Frame,
    events: Vec<egui::Event>,
    time: f64,
}

impl Driver {
    fn new() -> Self {
        let ctx = egui::Context::default();
        ctx.all_styles_mut(|style| style.animation_time = 0.0);
        let cc = eframe::CreationContext::_new_kittest(ctx.clone());
        let app = App::new(&cc, Startup::Empty, Box::new(BuiltinDialogs));
        Self { ctx, app, frame: eframe::Frame::_new_kittest(), events: Vec::new(), time: 0.0 }
    }

    /// One frame: input, `logic` + `ui`, tessellation. Returns its CPU time.
    fn frame(&mut self) -> Duration {
        self.time += 1.0 / 60.0;
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, SIZE)),
            time: Some(self.time),
            predicted_dt: 1.0 / 60.0,
            events: std::mem::take(&mut self.events),
            ..Default::default()
        };
        let started = Instant::now();
        let Self { ctx, app, frame, .. } = self;
        let output = ctx.run_ui(input, |ui| {
            app.logic(ui.ctx(), frame);
            app.ui(ui, frame);
        });
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        let elapsed = started.elapsed();
        std::hint::black_box(primitives);
        elapsed
    }

    fn frames(&mut self, n: usize) {
        for _ in 0..n {
            self.frame();
        }
    }

    /// Moves the pointer to the `n`th place of a sweep over the window (and scrolls
    /// every 20th frame), so that every frame does real hover work.
    fn sweep(&mut self, n: usize) {
        let x = 20.0 + (n * 37 % 1360) as f32;
        let y = 40.0 + (n * 53 % 820) as f32;
        self.events.push(egui::Event::PointerMoved(egui::pos2(x, y)));
        if n % 20 == 10 {
            self.events.push(egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, -120.0),
                phase: egui::TouchPhase::Move,
                modifiers: egui::Modifiers::NONE,
                source: egui::MouseWheelSource::Wheel,
            });
        }
    }
}

fn main() {
    let exchanges =
        std::env::var("RAPPORT_BENCH_EXCHANGES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let network = common::network(exchanges);
    let busiest = 1; // The generator gives contact 1 the most activity.
    let mut driver = Driver::new();
    driver.app.set_as_of(rapport::generate::HISTORY_END);
    driver.app.load_network(network);
    driver.frames(4);
    println!("frame CPU time at 10k contacts / {}k exchanges, {FRAMES} frames each", exchanges / 1000);
    println!("{:<18} {:>10} {:>10} {:>10}", "view", "p50", "p95", "max");
    let views: [(&str, Page, Option<u64>); 9] = [
        ("contact list", Page::Contacts, None),
        ("contact timeline", Page::Contacts, Some(busiest)),
        ("dashboard", Page::Dashboard, None),
        ("introductions", Page::Introductions, None),
        ("needs & offers", Page::Gaps, None),
        ("promises", Page::Promises, None),
        ("wins & playbook", Page::Wins, None),
        ("report", Page::Report, None),
        ("you", Page::Profile, None),
    ];
    for (name, page, contact) in views {
        if !common::wanted(name) {
            continue;
        }
        driver.app.show(page, contact);
        driver.frames(4);
        let times = (0..FRAMES)
            .map(|n| {
                driver.sweep(n);
                driver.frame()
            })
            .collect();
        let (p50, p95, max) = percentiles(times);
        println!("{name:<18} {:>10} {:>10} {:>10}", ms(p50), ms(p95), ms(max));
    }
    if common::wanted("during save") {
        // The longest frame while the whole network is being saved in the background.
        let folder = tempfile::tempdir().expect("temp dir");
        driver.app.show(Page::Contacts, None);
        driver.frames(4);
        let _ = driver.app.save_to(&folder.path().join("bench.ron"));
        let mut times = Vec::new();
        let started = Instant::now();
        while driver.app.is_saving() {
            driver.sweep(times.len());
            times.push(driver.frame());
            std::thread::sleep(Duration::from_millis(5));
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
    if common::wanted("edit during recovery write") {
        // Edits while unsaved work is being written to the recovery folder: the writer
        // lets go of the network instead of the edit copying it.
        let folder = tempfile::tempdir().expect("temp dir");
        driver.app.set_recovery_store(Some(rapport::store::RecoveryStore::new(folder.path())));
        let mut times = Vec::new();
        for round in 0..4 {
            let mut exchange = driver.app.network().exchanges[round].clone();
            exchange.thanked = !exchange.thanked;
            let edit = rapport::model::Edit::Exchanges(rapport::model::Change::Put(exchange.clone()));
            driver.app.apply(rapport::state::EditRequest::new("Edit exchange", edit));
            driver.app.write_recovery_now();
            std::thread::sleep(Duration::from_millis(20));
            exchange.thanked = !exchange.thanked;
            let edit = rapport::model::Edit::Exchanges(rapport::model::Change::Put(exchange));
            let started = Instant::now();
            driver.app.apply(rapport::state::EditRequest::new("Edit exchange", edit));
            let applied = started.elapsed();
            times.push((applied, driver.frame()));
            driver.app.flush_recovery();
        }
        for (round, (applied, frame)) in times.iter().enumerate() {
            println!(
                "{:<18} {:>10}   (edit {}: applying it {}, then the frame that shows it)",
                "edit during recov.",
                ms(*applied + *frame),
                round + 1,
                ms(*applied)
            );
        }
    }
    if common::wanted("edit during save") {
        // An edit right after Save, while the save still holds the network: the save
        // lets go of it and writes the edited network instead.
        let folder = tempfile::tempdir().expect("temp dir");
        let _ = driver.app.save_to(&folder.path().join("bench.ron"));
        driver.frame();
        let mut exchange = driver.app.network().exchanges[0].clone();
        exchange.thanked = !exchange.thanked;
        let edit = rapport::model::Edit::Exchanges(rapport::model::Change::Put(exchange));
        let started = Instant::now();
        driver.app.apply(rapport::state::EditRequest::new("Edit exchange", edit));
        let applied = started.elapsed();
        let edit_time = applied + driver.frame();
        let saving = driver.app.is_saving();
        while driver.app.is_saving() {
            driver.frame();
            std::thread::sleep(Duration::from_millis(5));
        }
        println!(
            "{:<18} {:>10}   (an edit {} the save's encoding: applying it {}, then the frame)",
            "edit during save",
            ms(edit_time),
            if saving { "during" } else { "after" },
            ms(applied)
        );
    }
}
