//! Frame CPU time at 10k contacts / 1M exchanges: the real `App` driven as eframe
//! drives it (`logic`, `ui`, then tessellation of what was painted) on a plain
//! `egui::Context`. `cargo bench --bench frames [-- FILTER…]`. One table, three groups:
//! - pages: 240 idle frames per page with the pointer moving and a scroll every 20
//!   frames (p50, p95, max), and the frames while the whole network is saved in the
//!   background ("during save");
//! - edits: from applying an edit to the end of the frame that shows it (5 tries,
//!   median and max), on the page a user makes it from;
//! - switches: from setting the page to the end of its first full frame, from every
//!   other page (3 rounds), and right after an edit; and the first opening of the
//!   busiest contact.
//!
//! "Until the end of the frame that shows it" is: frames until the app no longer asks
//! for an immediate repaint (egui's `repaint_delay` of the root viewport is not zero),
//! at most 3, their times summed; that is when eframe would stop drawing. The same
//! figures go to `target/frames.json` (`CARGO_TARGET_DIR` when set) for scripts.
//!
//! Not egui_kittest here: its harness keeps an AccessKit tree of every widget up to
//! date each frame (for its queries), which a window only does while a screen reader
//! is listening; that bookkeeping was a third of the time it reported. GPU upload and
//! drawing are not measured (no GPU here). Recovery files are off (the default folder
//! is the user's) except where a row says otherwise.

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use common::{median, millis, ms, percentiles};
use eframe::App as _;
use rapport::app::{App, BuiltinDialogs, Startup};
use rapport::model::{Change, Edit, Id, Labelled};
use rapport::state::{EditRequest, Page};
use serde::Serialize;

const FRAMES: usize = 240;
/// `RAPPORT_BENCH_FRAMES` overrides [`FRAMES`] (for profiling one page).
fn frames() -> usize {
    std::env::var("RAPPORT_BENCH_FRAMES").ok().and_then(|v| v.parse().ok()).unwrap_or(FRAMES)
}
const SIZE: egui::Vec2 = egui::vec2(1400.0, 900.0);
/// Frames run after a change before it counts as shown, at most.
const SETTLE_FRAMES: usize = 3;
const EDIT_TRIES: usize = 5;
/// `RAPPORT_BENCH_EDIT_TRIES` overrides [`EDIT_TRIES`] (for profiling one edit).
fn edit_tries() -> usize {
    std::env::var("RAPPORT_BENCH_EDIT_TRIES").ok().and_then(|v| v.parse().ok()).unwrap_or(EDIT_TRIES)
}
const SWITCH_TRIES: usize = 3;
/// `RAPPORT_BENCH_SWITCH_TRIES` overrides [`SWITCH_TRIES`] (for profiling one switch).
fn switch_tries() -> usize {
    std::env::var("RAPPORT_BENCH_SWITCH_TRIES").ok().and_then(|v| v.parse().ok()).unwrap_or(SWITCH_TRIES)
}
/// Saves of the whole network with an edit during each.
const SAVE_TRIES: usize = 3;

/// The app on a context, fed input as eframe feeds it.
struct Driver {
    ctx: egui::Context,
    app: App,
    frame: eframe::Frame,
    events: Vec<egui::Event>,
    time: f64,
    /// Whether the last frame asked for another one at once.
    wants_repaint: bool,
    /// Whether a repaint at once was asked for since the last frame began (by a thread
    /// of the app, when the frame itself did not ask).
    woken: Arc<AtomicBool>,
}

impl Driver {
    fn new() -> Self {
        let ctx = egui::Context::default();
        ctx.all_styles_mut(|style| style.animation_time = 0.0);
        let woken = Arc::new(AtomicBool::new(false));
        ctx.set_request_repaint_callback({
            let woken = Arc::clone(&woken);
            move |info| {
                if info.delay.is_zero() {
                    woken.store(true, Ordering::Release);
                }
            }
        });
        let cc = eframe::CreationContext::_new_kittest(ctx.clone());
        let app = App::new(&cc, Startup::Empty, Box::new(BuiltinDialogs));
        Self {
            ctx,
            app,
            frame: eframe::Frame::_new_kittest(),
            events: Vec::new(),
            time: 0.0,
            wants_repaint: true,
            woken,
        }
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
        self.woken.store(false, Ordering::Release);
        let Self { ctx, app, frame, .. } = self;
        let mut phases = [Duration::ZERO; 3];
        let mut passes = 0;
        let output = ctx.run_ui(input, |ui| {
            // egui runs a pass again when one asks it to (a sizing pass): summed.
            passes += 1;
            let t = Instant::now();
            app.logic(ui.ctx(), frame);
            phases[0] += t.elapsed();
            let t = Instant::now();
            app.ui(ui, frame);
            phases[1] += t.elapsed();
        });
        let t = Instant::now();
        let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
        phases[2] = t.elapsed();
        let elapsed = started.elapsed();
        if std::env::var_os("RAPPORT_BENCH_PHASES").is_some() {
            eprintln!(
                "frame {:.2} ms: logic {:.2} ui {:.2} tessellate {:.2} (egui {:.2}; {passes} passes)",
                common::millis(elapsed),
                common::millis(phases[0]),
                common::millis(phases[1]),
                common::millis(phases[2]),
                common::millis(elapsed - phases.iter().sum::<Duration>())
            );
            for cause in ctx.repaint_causes() {
                eprintln!("    repaint asked by {cause}");
            }
        }
        std::hint::black_box(primitives);
        self.wants_repaint =
            output.viewport_output.get(&egui::ViewportId::ROOT).is_some_and(|v| v.repaint_delay.is_zero());
        elapsed
    }

    fn frames(&mut self, n: usize) {
        for _ in 0..n {
            self.frame();
        }
    }

    /// The frames eframe would run after `change` (timed with them): one, then more
    /// while the app asks for them at once, at most [`SETTLE_FRAMES`].
    fn settle(&mut self, change: impl FnOnce(&mut App)) -> Try {
        let started = Instant::now();
        change(&mut self.app);
        let change = started.elapsed();
        let first = self.frame();
        let mut rest = Duration::ZERO;
        let mut frames = 1;
        while self.wants_repaint && frames < SETTLE_FRAMES {
            rest += self.frame();
            frames += 1;
        }
        Try { total: change + first + rest, change, first, frames }
    }

    /// Runs the frames eframe would until `done` holds: one, then 60 a second while the
    /// app asks for them (a spinner does), else once a thread of the app wakes the
    /// window; at most 5 s. The times of those frames.
    fn frames_until(&mut self, done: impl Fn(&App) -> bool) -> Vec<Duration> {
        let started = Instant::now();
        let mut last = Instant::now();
        let mut times = vec![self.frame()];
        while (self.wants_repaint || !done(&self.app)) && started.elapsed() < Duration::from_secs(5) {
            if self.wants_repaint {
                std::thread::sleep(Duration::from_micros(16_667).saturating_sub(last.elapsed()));
            } else {
                while !self.woken.load(Ordering::Acquire) && started.elapsed() < Duration::from_secs(5) {
                    std::thread::sleep(Duration::from_micros(50));
                }
            }
            last = Instant::now();
            times.push(self.frame());
        }
        assert!(done(&self.app), "what the frames wait for came within 5 s");
        times
    }

    /// A press and release of `key` for the next frame.
    fn key(&mut self, key: egui::Key, modifiers: egui::Modifiers) {
        for pressed in [true, false] {
            self.events.push(egui::Event::Key { key, physical_key: None, pressed, repeat: false, modifiers });
        }
    }

    /// Runs frames until the app is idle (at most 20), so that a measurement starts
    /// from a window that was not going to draw anyway.
    fn quiet(&mut self) {
        self.frame();
        for _ in 0..20 {
            if !self.wants_repaint {
                break;
            }
            self.frame();
        }
    }

    /// Puts `exchange` back (a thanks flipped) and times applying it plus the one frame
    /// after it: the measure of an edit while a background writer holds the network.
    fn thank_and_one_frame(&mut self, exchange: rapport::model::Exchange) -> Try {
        let edit = Edit::Exchanges(Change::Put(exchange));
        let started = Instant::now();
        self.app.apply(EditRequest::new("Edit exchange", edit));
        let change = started.elapsed();
        let first = self.frame();
        Try { total: change + first, change, first, frames: 1 }
    }

    /// Builds an edit as a click does (ids from the window's derived data), applies it
    /// and runs the frames that show it: all of it timed.
    fn edit(&mut self, build: impl FnOnce(&App, Id) -> Labelled) -> Try {
        self.settle(|app| {
            let next = app.derived().next_exchange_id(app.network(), app.document().revision);
            let edit = build(app, next);
            app.apply(EditRequest::from(edit));
        })
    }

    /// Shows `page` and runs the frames that draw it.
    fn switch(&mut self, page: Page, contact: Option<Id>) -> Try {
        self.settle(|app| app.show(page, contact))
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

/// One timing of a change to the end of the frames that show it.
#[derive(Clone, Copy)]
struct Try {
    total: Duration,
    /// Applying the edit or setting the page.
    change: Duration,
    /// The first frame after it.
    first: Duration,
    frames: usize,
}

#[derive(Serialize)]
struct PageRow {
    page: String,
    p50_ms: f64,
    p95_ms: f64,
    max_ms: f64,
}

#[derive(Serialize)]
struct EditRow {
    edit: String,
    ms: f64,
}

#[derive(Serialize)]
struct SwitchRow {
    page: String,
    ms: f64,
}

/// The figures, as `target/frames.json` holds them.
#[derive(Serialize, Default)]
struct Figures {
    pages: Vec<PageRow>,
    edits: Vec<EditRow>,
    switches: Vec<SwitchRow>,
    latencies: Vec<PageRow>,
}

/// The one table, printed a row at a time as rows are measured, with a group's title
/// before its first row; the same figures kept for the JSON file.
#[derive(Default)]
struct Table {
    figures: Figures,
    group: Option<&'static str>,
}

impl Table {
    fn header(exchanges: usize) {
        println!(
            "frame CPU time at 10k contacts / {}k exchanges (pages: {} frames each; edits: \
             {} tries, switches: {} rounds from every other page, to the end of the frame that shows \
             them, at most {SETTLE_FRAMES} frames)",
            exchanges / 1000,
            frames(),
            edit_tries(),
            switch_tries()
        );
        println!("{:<44} {:>10} {:>10} {:>10}", "", "p50/median", "p95", "max");
    }

    fn row(&mut self, group: &'static str, name: &str, cells: [Option<Duration>; 3], note: &str) {
        if self.group != Some(group) {
            println!("{group}");
            self.group = Some(group);
        }
        let cell = |d: Option<Duration>| d.map_or_else(|| "-".to_owned(), ms);
        let note = if note.is_empty() { String::new() } else { format!("   {note}") };
        println!("  {name:<42} {:>10} {:>10} {:>10}{note}", cell(cells[0]), cell(cells[1]), cell(cells[2]));
    }

    fn page(&mut self, name: &str, times: Vec<Duration>, note: &str) {
        let (p50, p95, max) = percentiles(times);
        self.row("pages (idle frames, pointer sweeping)", name, [Some(p50), Some(p95), Some(max)], note);
        self.figures.pages.push(PageRow {
            page: name.to_owned(),
            p50_ms: millis(p50),
            p95_ms: millis(p95),
            max_ms: millis(max),
        });
    }

    /// Wall times from an input to the end of the frame that shows what it asked for,
    /// work on other threads and the wait for it included: not frame CPU time.
    fn latency(&mut self, name: &str, times: Vec<Duration>, note: &str) {
        let (p50, p95, max) = percentiles(times);
        let group = "latency (input -> end of the frame that shows it, wall time, threads included)";
        self.row(group, name, [Some(p50), Some(p95), Some(max)], note);
        self.figures.latencies.push(PageRow {
            page: name.to_owned(),
            p50_ms: millis(p50),
            p95_ms: millis(p95),
            max_ms: millis(max),
        });
    }

    /// An edit's tries: median and max.
    fn edit(&mut self, name: &str, tries: &[Try], extra: &str) {
        let (mid, max) = median_max(tries);
        let group = "edits (apply -> end of the frame that shows it)";
        self.row(group, name, [Some(mid), None, Some(max)], &(note(tries, "apply") + extra));
        self.figures.edits.push(EditRow { edit: name.to_owned(), ms: millis(mid) });
    }

    fn switch(&mut self, name: &str, tries: &[Try]) {
        let (mid, max) = median_max(tries);
        let group = "switches (set the page -> end of its first full frame)";
        self.row(group, name, [Some(mid), None, Some(max)], &note(tries, "set"));
        self.figures.switches.push(SwitchRow { page: name.to_owned(), ms: millis(mid) });
    }

    fn write(&self) {
        let path = common::target_dir().join("frames.json");
        let json = serde_json::to_string_pretty(&self.figures).expect("figures as JSON");
        std::fs::write(&path, json + "\n").unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        println!("figures written to {}", path.display());
    }
}

fn median_max(tries: &[Try]) -> (Duration, Duration) {
    let times: Vec<Duration> = tries.iter().map(|t| t.total).collect();
    (median(times.clone()), *times.iter().max().expect("tries"))
}

/// Where the time went: the frames the tries took ("1" or "1-3"), and the medians of
/// the change itself and of the first frame after it.
fn note(tries: &[Try], change: &str) -> String {
    let least = tries.iter().map(|t| t.frames).min().unwrap_or(0);
    let most = tries.iter().map(|t| t.frames).max().unwrap_or(0);
    let frames = if least == most { format!("{least}") } else { format!("{least}-{most}") };
    let changes = median(tries.iter().map(|t| t.change).collect());
    let first = median(tries.iter().map(|t| t.first).collect());
    format!("frames {frames}; {change} {}, 1st frame {}", ms(changes), ms(first))
}

fn main() {
    let exchanges =
        std::env::var("RAPPORT_BENCH_EXCHANGES").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let network = common::network(exchanges);
    let busiest: Id = 1; // The generator gives contact 1 the most activity.
    let mut driver = Driver::new();
    driver.app.set_recovery_store(None);
    driver.app.set_as_of(rapport::generate::HISTORY_END);
    driver.app.load_network(network);
    driver.frames(4);
    let mut table = Table::default();
    Table::header(exchanges);
    // What is built for one contact when it is chosen: the first time the busiest one
    // (151k exchanges at 1M) is opened, its ledger and timeline are built from its
    // exchanges (the pages' data was built with the open).
    let lists_of =
        move |app: &App| app.derived().timeline(busiest).is_some() && app.derived().ledger(busiest).is_some();
    if common::wanted("open the busiest contact, first time") {
        // Its lists are built on a thread of their own, the page saying so meanwhile:
        // the wall time to the frame that shows them, and the longest frame on the way.
        let started = Instant::now();
        driver.app.show(Page::Contacts, Some(busiest));
        let times = driver.frames_until(lists_of);
        let longest = times.iter().max().copied().unwrap_or_default();
        let note = format!("{} frames, the longest {}", times.len(), ms(longest));
        table.latency("open the busiest contact, first time", vec![started.elapsed()], &note);
        driver.app.show(Page::Contacts, None);
        driver.quiet();
    }
    let views: [(&str, Page, Option<Id>); 10] = [
        ("contact list", Page::Contacts, None),
        ("contact timeline", Page::Contacts, Some(busiest)),
        ("dashboard", Page::Dashboard, None),
        ("introductions", Page::Introductions, None),
        ("needs & offers", Page::Gaps, None),
        ("promises", Page::Promises, None),
        ("wins & playbook", Page::Wins, None),
        ("report", Page::Report, None),
        ("you", Page::Profile, None),
        ("network", Page::Network, None),
    ];

    for (name, page, contact) in views {
        if !common::wanted(name) {
            continue;
        }
        driver.app.show(page, contact);
        driver.frames(4);
        if contact.is_some() {
            driver.frames_until(lists_of);
        }
        let times = (0..frames())
            .map(|n| {
                driver.sweep(n);
                driver.frame()
            })
            .collect();
        table.page(name, times, "");
    }

    if common::wanted("network, show all") {
        // Every one of the 10k people drawn, not the 500 strongest.
        let all = rapport::analysis::MapQuery { show_all: true, ..Default::default() };
        driver.app.set_map_query(all);
        driver.app.show(Page::Network, None);
        driver.frames(4);
        let times = (0..frames())
            .map(|n| {
                driver.sweep(n);
                driver.frame()
            })
            .collect();
        table.page("network, show all", times, "");
        driver.app.set_map_query(rapport::analysis::MapQuery::default());
    }

    if common::wanted("palette, typing") {
        // The command palette open over the contact list, a key typed every frame:
        // a word of four letters, then taken back, then the next word (each key a
        // search of 10k contacts; the keys taken back find the searches kept, as they
        // do for a user). Twenty words, so that no typed query was searched lately.
        const WORDS: [&str; 20] = [
            "marc", "adam", "lind", "samu", "grac", "tomo", "rosa", "brun", "kaia", "nico", "elia", "pave",
            "dani", "hiro", "cyra", "jona", "wenk", "owen", "vict", "fari",
        ];
        driver.app.show(Page::Contacts, None);
        driver.quiet();
        driver.key(egui::Key::P, egui::Modifiers::COMMAND);
        driver.frames(2);
        assert!(driver.app.view().palette.is_some(), "Ctrl+P opens the palette");
        // Each key: its frame, then (in a large network the search runs on a thread of
        // its own) the frames eframe runs once the thread wakes the window with the
        // key's list. Every frame is timed; so is the wall time from the key to the end
        // of the frame that shows its list, the wait for the thread included.
        let mut times = Vec::new();
        let mut shown = Vec::new();
        let waiting = |driver: &Driver| driver.app.view().palette.as_ref().is_some_and(|p| p.is_waiting());
        for n in 0..frames() {
            let word = WORDS[n / 8 % WORDS.len()];
            match word.chars().nth(n % 8) {
                Some(letter) => driver.events.push(egui::Event::Text(letter.to_string())),
                None => driver.key(egui::Key::Backspace, egui::Modifiers::NONE),
            }
            let started = Instant::now();
            times.push(driver.frame());
            for _ in 0..3 * SETTLE_FRAMES {
                if driver.wants_repaint {
                    times.push(driver.frame());
                } else if waiting(&driver) {
                    let asked = Instant::now();
                    while !driver.woken.load(Ordering::Acquire) && asked.elapsed() < Duration::from_secs(5) {
                        std::thread::sleep(Duration::from_micros(50));
                    }
                    times.push(driver.frame());
                } else {
                    break;
                }
            }
            assert!(!waiting(&driver), "the list of a key is shown within a few frames");
            if n % 8 < 4 {
                shown.push(started.elapsed());
            }
        }
        table.page("palette, typing", times, "(every frame of a key typed, a new word each 8)");
        table.latency("palette, a letter typed to its list", shown, "(at 10k contacts)");
        driver.key(egui::Key::Escape, egui::Modifiers::NONE);
        driver.frames(2);
    }

    if common::wanted("toast showing") {
        // The Promises page while the toast of a one-click Done is on screen (5 s; the
        // 240 frames are 4 s of it).
        driver.app.show(Page::Promises, None);
        driver.quiet();
        let open = driver.app.network().commitments.iter().find(|c| c.done.is_none()).cloned();
        if let Some(promise) = open {
            let next = rapport::model::Network::next_id(&driver.app.network().exchanges);
            let done = rapport::model::complete_promise(&promise, driver.app.as_of(), false, next);
            let ctx = driver.ctx.clone();
            driver.app.one_click(&ctx, EditRequest::from(done), "Marked done".to_owned());
            driver.frames(2);
            assert!(!driver.app.toasts().is_empty(), "the toast shows");
            let times = (0..frames())
                .map(|n| {
                    driver.sweep(n);
                    driver.frame()
                })
                .collect();
            table.page("toast showing", times, "");
        }
    }

    if common::wanted("during save") {
        // Frames while the whole network is being saved in the background.
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
            println!("  during save: the save ended before the first frame ({})", ms(total));
        } else {
            table.page("during save", times, &format!("({frames} frames over a {} save)", ms(total)));
        }
    }

    // Edits a user makes on the Contacts page, with the busiest contact selected.
    let on_contact = |driver: &mut Driver| {
        driver.app.show(Page::Contacts, Some(busiest));
        driver.quiet();
        driver.frames_until(lists_of);
    };
    if common::wanted("log an exchange") {
        let tries: Vec<Try> = (0..edit_tries())
            .map(|_| {
                on_contact(&mut driver);
                driver.edit(|app, next| {
                    let exchange = rapport::model::new_exchange(next, busiest, app.as_of());
                    rapport::model::log_exchange(exchange, "Log exchange")
                })
            })
            .collect();
        table.edit("log an exchange", &tries, "");
    }
    if common::wanted("complete a promise") {
        let open: Vec<_> = driver
            .app
            .network()
            .commitments
            .iter()
            .filter(|c| c.done.is_none())
            .take(edit_tries())
            .cloned()
            .collect();
        if open.is_empty() {
            println!("  complete a promise: the network has no open promise");
        } else {
            let tries: Vec<Try> = open
                .iter()
                .map(|promise| {
                    driver.app.show(Page::Promises, None);
                    driver.quiet();
                    driver
                        .edit(|app, next| rapport::model::complete_promise(promise, app.as_of(), true, next))
                })
                .collect();
            table.edit("complete a promise", &tries, "");
        }
    }
    if common::wanted("log a check-in") {
        let tries: Vec<Try> = (0..edit_tries())
            .map(|_| {
                on_contact(&mut driver);
                let heard = rapport::model::Heard::default();
                driver.edit(|app, _| {
                    // The id as a click takes it, from the window's derived data.
                    let next = app.derived().next_touch_id(app.network(), app.document().revision);
                    let channel = rapport::model::Channel::Call;
                    rapport::model::check_in_as(next, busiest, app.as_of(), channel, &heard)
                })
            })
            .collect();
        table.edit("log a check-in", &tries, "");
    }
    if common::wanted("archive a contact") {
        let contact = |driver: &Driver, archived: bool| {
            let contact =
                driver.app.network().contacts.iter().find(|c| c.id == busiest).expect("busiest contact");
            let contact = rapport::model::Contact { archived, ..contact.clone() };
            Labelled::new(
                if archived { "Archive contact" } else { "Restore contact" },
                Edit::Contacts(Change::Put(contact)),
            )
        };
        let tries: Vec<Try> = (0..edit_tries())
            .map(|_| {
                on_contact(&mut driver);
                let archive = contact(&driver, true);
                let took = driver.edit(|_, _| archive);
                // Back as it was, untimed, for the next try.
                let restore = contact(&driver, false);
                driver.app.apply(EditRequest::from(restore));
                driver.quiet();
                took
            })
            .collect();
        table.edit("archive a contact", &tries, "");
    }

    if common::wanted("edit during recovery write") {
        // Edits while unsaved work is being written to the recovery folder: the writer
        // lets go of the network instead of the edit copying it. Applying the edit and
        // the one frame after it.
        let folder = tempfile::tempdir().expect("temp dir");
        driver.app.set_recovery_store(Some(rapport::store::RecoveryStore::new(folder.path())));
        let mut tries = Vec::new();
        for round in 0..4 {
            let mut exchange = driver.app.network().exchanges[round].clone();
            exchange.thanked = !exchange.thanked;
            let edit = Edit::Exchanges(Change::Put(exchange.clone()));
            driver.app.apply(EditRequest::new("Edit exchange", edit));
            driver.app.write_recovery_now();
            std::thread::sleep(Duration::from_millis(20));
            exchange.thanked = !exchange.thanked;
            tries.push(driver.thank_and_one_frame(exchange));
            driver.app.flush_recovery();
        }
        driver.app.set_recovery_store(None);
        table.edit("edit during recovery write", &tries, "");
    }
    if common::wanted("edit during save") {
        // An edit right after Save, while the save still holds the network: the save
        // lets go of it and writes the edited network instead. Applying the edit and
        // the one frame after it.
        let mut tries = Vec::new();
        let mut during = 0;
        for _ in 0..SAVE_TRIES {
            let folder = tempfile::tempdir().expect("temp dir");
            let _ = driver.app.save_to(&folder.path().join("bench.ron"));
            driver.frame();
            let mut exchange = driver.app.network().exchanges[0].clone();
            exchange.thanked = !exchange.thanked;
            tries.push(driver.thank_and_one_frame(exchange));
            during += usize::from(driver.app.is_saving());
            while driver.app.is_saving() {
                driver.frame();
                std::thread::sleep(Duration::from_millis(5));
            }
        }
        let landed = format!("; {during} of {SAVE_TRIES} during the encoding");
        table.edit("edit during save", &tries, &landed);
    }

    for (at, (name, page, contact)) in views.iter().enumerate() {
        let name = format!("switch to {name}");
        if !common::wanted(&name) {
            continue;
        }
        // From every other page, `switch_tries()` rounds: median and max over them all.
        let tries: Vec<Try> = (0..switch_tries())
            .flat_map(|_| {
                views.iter().enumerate().filter(|(from, _)| *from != at).map(|(_, v)| *v).collect::<Vec<_>>()
            })
            .map(|(_, from_page, from_contact)| {
                driver.app.show(from_page, from_contact);
                driver.quiet();
                driver.switch(*page, *contact)
            })
            .collect();
        table.switch(&name, &tries);
    }
    let mut after_edits = Vec::new();
    for (at, (name, page, contact)) in views.iter().enumerate() {
        // An exchange logged with the busiest contact on the page before (and shown
        // there), then this page opened: what the edit left to catch up with.
        let name = format!("switch to {name} after an edit");
        if !common::wanted(&name) {
            continue;
        }
        let (from_name, from_page, from_contact) = views[(at + views.len() - 1) % views.len()];
        let (edits, tries): (Vec<Try>, Vec<Try>) = (0..switch_tries())
            .map(|_| {
                driver.app.show(from_page, from_contact);
                driver.quiet();
                let edit = driver.edit(|app, next| {
                    let exchange = rapport::model::new_exchange(next, busiest, app.as_of());
                    rapport::model::log_exchange(exchange, "Log exchange")
                });
                driver.quiet();
                (edit, driver.switch(*page, *contact))
            })
            .unzip();
        after_edits.push((format!("log an exchange on {from_name}"), edits));
        table.switch(&name, &tries);
    }
    // The edits of those rows, by the page they were made on: an edit is shown within
    // its budget whichever page is open.
    for (name, edits) in &after_edits {
        table.edit(name, edits, "");
    }
    table.write();
}
