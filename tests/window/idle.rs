//! Idle is idle: once input stops, no page asks for another frame (eframe then
//! sleeps until the next event), so an idle window costs no CPU.

use crate::common::harness;
use egui::accesskit::Role;
use egui_kittest::kittest::Queryable;
use rapport::app::Startup;
use rapport::state::Page;

fn repaint_delay(h: &egui_kittest::Harness<'static, rapport::app::App>) -> std::time::Duration {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map_or(std::time::Duration::MAX, |v| v.repaint_delay)
}

#[test]
fn no_page_repaints_after_the_last_input() {
    let mut h = harness(Startup::Sample);
    h.get_by_role_and_label(egui::accesskit::Role::TextInput, "Search contacts").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Search contacts").type_text("Marcus");
    h.run();
    h.get_by_label("Marcus Delacroix-Bell").click();
    h.run();
    for page in Page::ALL {
        h.get_by_role_and_label(Role::Button, page.label()).click();
        h.run();
        // Move the pointer away so no hover animation is pending, then let it settle.
        h.remove_cursor();
        h.run();
        let mut frames_asked = 0;
        for _ in 0..30 {
            h.step();
            if repaint_delay(&h) != std::time::Duration::MAX {
                frames_asked += 1;
            }
        }
        assert_eq!(frames_asked, 0, "{page:?} keeps asking for frames: {:?}", repaint_delay(&h));
    }
}
