//! Typing arrives in batches: a window that takes a while to draw a frame gets several
//! keys (and a click) at once. Nothing typed may be lost.

use crate::common::harness;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::app::Startup;
use rapport::state::{Modal, Page};

type H = egui_kittest::Harness<'static, rapport::app::App>;

/// The events winit gives for typing `text` on a US keyboard: for each character a key
/// press, its text, and the key release.
fn keystrokes(text: &str) -> Vec<egui::Event> {
    let mut events = Vec::new();
    for c in text.chars() {
        let key = egui::Key::from_name(&c.to_ascii_uppercase().to_string()).or(if c == ' ' {
            Some(egui::Key::Space)
        } else {
            None
        });
        if let Some(key) = key {
            events.push(egui::Event::Key {
                key,
                physical_key: Some(key),
                pressed: true,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            });
        }
        events.push(egui::Event::Text(c.to_string()));
        if let Some(key) = key {
            events.push(egui::Event::Key {
                key,
                physical_key: Some(key),
                pressed: false,
                repeat: false,
                modifiers: egui::Modifiers::NONE,
            });
        }
    }
    events
}

fn enter() -> Vec<egui::Event> {
    [true, false]
        .map(|pressed| egui::Event::Key {
            key: egui::Key::Enter,
            physical_key: Some(egui::Key::Enter),
            pressed,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        })
        .to_vec()
}

fn click_at(pos: egui::Pos2) -> Vec<egui::Event> {
    vec![
        egui::Event::PointerMoved(pos),
        egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: true,
            modifiers: egui::Modifiers::NONE,
        },
        egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed: false,
            modifiers: egui::Modifiers::NONE,
        },
    ]
}

/// One frame with all of `events`, as eframe gives a window that was busy drawing: through
/// the app's input hook (which may keep some for the next frames), then frames until it
/// holds nothing back.
fn one_frame(h: &mut H, events: Vec<egui::Event>) {
    let ctx = h.ctx.clone();
    let mut raw = egui::RawInput { events, ..Default::default() };
    for _ in 0..50 {
        eframe::App::raw_input_hook(h.state_mut(), &ctx, &mut raw);
        h.input_mut().events = std::mem::take(&mut raw.events);
        h.step();
        if !h.state().holds_input() {
            break;
        }
    }
    h.run();
}

#[test]
fn typing_in_batches_into_the_check_in_form_loses_nothing() {
    let mut h = harness(Startup::Sample);
    let contact = h.state().network().contacts[0].id;
    h.state_mut().show(Page::Contacts, Some(contact));
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::K);
    h.run();
    let working = h.get_by_role_and_label(Role::TextInput, "Working on").rect().center();
    let priorities = h.get_by_role_and_label(Role::TextInput, "Priorities").rect().center();
    let mut batch = click_at(working);
    batch.extend(keystrokes("Launching a climate fund"));
    batch.extend(click_at(priorities));
    batch.extend(keystrokes("Hiring a head of research"));
    one_frame(&mut h, batch);
    let mut batch = enter();
    batch.extend(keystrokes("Budget frozen until March"));
    one_frame(&mut h, batch);
    let Some(Modal::CheckIn(form)) = h.state().modal() else { panic!("{:?}", h.state().modal()) };
    assert_eq!(
        (form.working_on.as_str(), form.priorities.as_str(), form.constraints.as_str()),
        ("Launching a climate fund", "Hiring a head of research", "Budget frozen until March")
    );
}

#[test]
fn typing_in_batches_into_the_search_box_and_a_notes_field_loses_nothing() {
    let mut h = harness(Startup::Sample);
    let search = h.get_by_role_and_label(Role::TextInput, "Search contacts").rect().center();
    let mut batch = click_at(search);
    batch.extend(keystrokes("Launching a climate fund"));
    one_frame(&mut h, batch);
    let typed = h.get_by_role_and_label(Role::TextInput, "Search contacts").value();
    assert_eq!(typed.as_deref(), Some("Launching a climate fund"));

    // A multi-line field: Enter is a new line there, and the typing around it stays.
    let mut h = harness(Startup::Sample);
    let contact = h.state().network().contacts[0].id;
    h.state_mut().show(Page::Contacts, Some(contact));
    // Tall enough that the contact's notes are on screen.
    h.set_size(egui::vec2(1200.0, 2400.0));
    h.run();
    let notes = h.get_by_role_and_label(Role::MultilineTextInput, "Notes").rect().center();
    let before = h.state().network().contacts[0].notes.clone();
    let mut batch = click_at(notes);
    // The end of the text, wherever the click put the cursor.
    batch.push(egui::Event::Key {
        key: egui::Key::End,
        physical_key: Some(egui::Key::End),
        pressed: true,
        repeat: false,
        modifiers: egui::Modifiers::COMMAND,
    });
    batch.extend(keystrokes(" Met at the fair"));
    batch.extend(enter());
    batch.extend(keystrokes("Wants an intro to Bo"));
    one_frame(&mut h, batch);
    assert_eq!(
        h.state().network().contacts[0].notes,
        format!("{before} Met at the fair\nWants an intro to Bo")
    );
}
