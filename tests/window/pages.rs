//! The profile and the wins & playbook pages, driven as a user drives them.

use crate::common::harness;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::app::Startup;

fn open_page(h: &mut egui_kittest::Harness<'static, rapport::app::App>, label: &str) {
    h.get_by_role_and_label(Role::Button, label).click();
    h.run();
}

#[test]
fn editing_the_profile_is_one_undoable_step() {
    let mut h = harness(Startup::Sample);
    open_page(&mut h, "You");
    let before = h.state().network().profile.clone();
    let name = h.get_by_role_and_label(Role::TextInput, "Name");
    name.focus();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "Name").type_text("Robin Example");
    h.run();
    assert_eq!(h.state().network().profile.name, "Robin Example");
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().network().profile, before);
}

#[test]
fn celebrating_a_win_and_reordering_the_playbook() {
    let mut h = harness(Startup::Sample);
    open_page(&mut h, "Wins & Playbook");
    let waiting = h.state().network().wins.iter().filter(|w| !w.celebrated).count();
    assert!(waiting > 0);
    // Uncelebrated wins come first: tick the first box.
    h.query_all_by_role_and_label(Role::CheckBox, "Celebrated").next().expect("a win").click();
    h.run();
    assert_eq!(h.state().network().wins.iter().filter(|w| !w.celebrated).count(), waiting - 1);

    let lessons = h.state().network().playbook.clone();
    h.query_all_by_role_and_label(Role::Button, "Down").next().expect("a lesson").scroll_to_me();
    h.run();
    h.query_all_by_role_and_label(Role::Button, "Down").next().expect("a lesson").click();
    h.run();
    let moved = &h.state().network().playbook;
    assert_eq!((&moved[0], &moved[1]), (&lessons[1], &lessons[0]));

    h.get_by_role_and_label(Role::Button, "Add lesson").scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, "Add lesson").click();
    h.run();
    assert_eq!(h.state().network().playbook.len(), lessons.len() + 1);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    h.run();
    assert_eq!(h.state().network().playbook, lessons);
}

/// A long pipeline is drawn a screen at a time and nothing is left out: the last of
/// 300 drafts is reached by scrolling; folding a stage hides its rows, unfolding shows
/// them again; made introductions start folded.
#[test]
fn every_introduction_of_a_long_pipeline_can_be_reached() {
    use egui_kittest::kittest::by;
    let mut h = harness(Startup::Empty);
    let mut network = rapport::generate::generate(40, 200, 9);
    network.introductions.clear();
    let day = jiff::civil::Date::constant(2026, 1, 1);
    for k in 0..300_u64 {
        let (a, b) = (1 + k % 20, 21 + k % 19);
        let mut intro = rapport::model::start_introduction(&network, a, b, day, format!("draft {k}"));
        intro.id = k + 1;
        network.introductions.push(intro);
    }
    h.state_mut().load_network(network);
    crate::common::settle(&mut h);
    open_page(&mut h, "Introductions");
    h.get(by().label("Not asked yet (300)"));
    let rows = || by().role(Role::Button).label_contains(" and ");
    let drawn = h.query_all(rows()).count();
    assert!(drawn > 5 && drawn < 300, "only the rows in view are drawn: {drawn}");
    // Scrolled to the end: the last draft is there.
    wheel(&mut h, -600.0);
    let last = h.state().network().introductions.last().cloned().expect("the last draft");
    let title = |id: u64| {
        let net = h.state().network();
        format!("{} and {}", net.display_name(id), net.display_name(last.b))
    };
    h.get(by().role(Role::Button).label(&title(last.a)));
    // Back at the top: folded, the drafts are gone; unfolded, back.
    wheel(&mut h, 600.0);
    h.get_by_label("Not asked yet (300)").click();
    h.run();
    assert_eq!(h.query_all(rows()).count(), 0, "a folded stage shows no rows");
    h.get_by_label("Not asked yet (300)").click();
    h.run();
    assert!(h.query_all(rows()).count() > 5);
}

fn wheel(h: &mut egui_kittest::Harness<'static, rapport::app::App>, dy: f32) {
    for _ in 0..40 {
        h.event(egui::Event::PointerMoved(egui::pos2(800.0, 600.0)));
        h.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            modifiers: egui::Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        h.run_steps(8);
    }
}
