//! Every page holds up at any window size: at 800×600, 1280×800 and 1920×1080 each
//! interactive widget is reachable — inside the window, or inside a scroll area that
//! brings it into view — and no two of them overlap. Read from the rectangles egui
//! kept for the last frame, as the pointer would find them.

use crate::common::{harness, settle};
use egui::accesskit::Role;
use egui::{Rect, WidgetRect};
use egui_kittest::kittest::{NodeT, Queryable, by};
use rapport::app::{App, Startup};
use rapport::model::Id;
use rapport::state::Page;
use rapport::ui::ScrollViewport;
use std::collections::HashMap;

type H = egui_kittest::Harness<'static, App>;

const SIZES: [[f32; 2]; 3] = [[800.0, 600.0], [1280.0, 800.0], [1920.0, 1080.0]];
/// Rounding of egui's layout: a widget this far past an edge is still on it.
const SLACK: f32 = 1.0;

/// What each widget tells assistive technology it is: its role and label, by id.
type Accessible = HashMap<egui::accesskit::NodeId, (Role, String)>;

fn accessible<S>(h: &egui_kittest::Harness<'_, S>) -> Accessible {
    h.query_all(by())
        .map(|node| {
            let node = node.accesskit_node();
            (node.locate().0, (node.role(), node.label().unwrap_or_default()))
        })
        .collect()
}

/// What a widget is, for a message: its role and label.
fn describe(known: &Accessible, w: &WidgetRect) -> String {
    let (role, label) = known.get(&w.id.accesskit_id()).cloned().unwrap_or((Role::Unknown, String::new()));
    format!("{role:?} {label:?} at {:?} (shown {:?})", w.rect, w.interact_rect)
}

/// A widget a person operates: one that senses the pointer or the keyboard and tells
/// assistive technology what it is (a button, a field, a box…). Containers that only
/// sense for their children (table cells, scroll areas' backgrounds) say nothing, and
/// text is read, not operated.
fn is_interactive(known: &Accessible, w: &WidgetRect) -> bool {
    let senses = w.sense.senses_click() || w.sense.senses_drag() || w.sense.is_focusable();
    let operated = known.get(&w.id.accesskit_id()).is_some_and(|(role, _)| {
        !matches!(role, Role::Label | Role::Unknown | Role::Image | Role::GenericContainer)
    });
    w.visible && w.rect.is_positive() && senses && operated
}

/// Whether `inner` lies within `outer`, give or take the layout's rounding.
fn within(inner: Rect, outer: Rect) -> bool {
    outer.expand(SLACK).contains_rect(inner)
}

/// Whether a scroll area brings `rect` into view: on its layer, within its visible
/// part along the axes it does not scroll, and the area itself inside the window.
fn scrolls_into_view(rect: Rect, layer: egui::LayerId, area: &ScrollViewport, window: Rect) -> bool {
    let fits = |d: usize| {
        area.scrolls[d] || {
            let (lo, hi) = if d == 0 { (rect.left(), rect.right()) } else { (rect.top(), rect.bottom()) };
            let (a, b) = if d == 0 {
                (area.clip.left(), area.clip.right())
            } else {
                (area.clip.top(), area.clip.bottom())
            };
            lo >= a - SLACK && hi <= b + SLACK
        }
    };
    area.layer == layer && within(area.clip, window) && area.clip.is_positive() && fits(0) && fits(1)
}

/// Every way the last frame's layout lets the user down: a widget out of reach, or two
/// widgets on top of each other.
pub fn layout_problems<S>(h: &egui_kittest::Harness<'_, S>) -> Vec<String> {
    let ctx = &h.ctx;
    let known = accessible(h);
    let window = ctx.content_rect();
    let areas = rapport::ui::scroll_viewports(ctx);
    let widgets: Vec<WidgetRect> =
        ctx.viewport(|v| v.this_pass.widgets.layers().flat_map(|(_, ws)| ws.iter().copied()).collect());
    let widgets: Vec<WidgetRect> = widgets.into_iter().filter(|w| is_interactive(&known, w)).collect();
    let mut problems = Vec::new();
    for w in &widgets {
        // Shown whole, in the window; or cut off by a scroll area that scrolls to it.
        let shown_whole =
            w.interact_rect.is_positive() && within(w.rect, w.interact_rect) && within(w.rect, window);
        if !shown_whole && !areas.iter().any(|a| scrolls_into_view(w.rect, w.layer_id, a, window)) {
            problems.push(format!("out of reach in {window:?}: {}", describe(&known, w)));
        }
    }
    // Overlap is judged on what is on screen; a container holding another is no overlap.
    for (i, a) in widgets.iter().enumerate() {
        for b in &widgets[i + 1..] {
            if a.layer_id != b.layer_id {
                continue;
            }
            let (ra, rb) = (a.interact_rect, b.interact_rect);
            let common = ra.intersect(rb);
            let nested = within(ra, rb) || within(rb, ra);
            if common.width() > SLACK && common.height() > SLACK && !nested {
                problems.push(format!("overlap: {} and {}", describe(&known, a), describe(&known, b)));
            }
        }
    }
    problems
}

/// Renders at each size and collects the problems, each tagged with where it was seen.
fn check_sizes(h: &mut H, what: &str, problems: &mut Vec<String>) {
    for [width, height] in SIZES {
        h.set_size(egui::vec2(width, height));
        h.run();
        // Panels follow a new size a frame late (their resize handles, the last).
        h.run_steps(2);
        problems.extend(layout_problems(h).into_iter().map(|p| format!("{what} at {width}×{height}: {p}")));
    }
}

fn open(h: &mut H, page: Page, contact: Option<Id>) {
    h.state_mut().show(page, contact);
    h.run();
}

/// Every page, a contact's page and the exchange, check-in and promise forms.
fn every_screen(mut h: H) -> Vec<String> {
    let mut problems = Vec::new();
    for page in Page::ALL {
        open(&mut h, page, None);
        check_sizes(&mut h, page.label(), &mut problems);
    }
    let network = h.state().network();
    let contact = network
        .commitments
        .iter()
        .find(|c| c.done.is_none())
        .map_or_else(|| network.contacts[0].id, |c| c.contact);
    open(&mut h, Page::Contacts, Some(contact));
    check_sizes(&mut h, "a contact", &mut problems);

    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::E);
    h.run();
    assert!(matches!(h.state().modal(), Some(rapport::state::Modal::Draft(_))), "the exchange draft is open");
    check_sizes(&mut h, "the exchange form", &mut problems);
    h.key_press(egui::Key::Escape);
    h.run();
    assert!(h.state().modal().is_none(), "Esc closes the untouched draft");

    open(&mut h, Page::Contacts, Some(contact));
    h.get_by_role_and_label(Role::Button, "Add promise").scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Button, "Add promise").click();
    h.run();
    assert!(matches!(h.state().modal(), Some(rapport::state::Modal::Draft(_))), "the promise draft is open");
    check_sizes(&mut h, "the promise form", &mut problems);
    h.key_press(egui::Key::Escape);
    h.run();

    h.state_mut().open_check_in(contact);
    h.run();
    assert!(h.state().modal().is_some(), "the check-in form is open");
    check_sizes(&mut h, "the check-in form", &mut problems);
    problems
}

fn assert_none(problems: &[String]) {
    assert!(problems.is_empty(), "{} layout problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn every_page_of_the_sample_lays_out_at_every_size() {
    assert_none(&every_screen(harness(Startup::Sample)));
}

#[test]
fn every_page_of_a_bigger_network_lays_out_at_every_size() {
    let mut h = harness(Startup::Empty);
    h.state_mut().load_network(rapport::generate::generate(400, 6_000, 12));
    settle(&mut h);
    assert_none(&every_screen(h));
}

#[test]
fn the_welcome_card_of_the_first_run_lays_out_at_every_size() {
    let mut h = crate::common::first_run(rapport::state::Prefs::default(), SIZES[0]);
    let mut problems = Vec::new();
    check_sizes(&mut h, "the welcome card", &mut problems);
    assert!(h.state().welcome_shown());
    assert_none(&problems);
}

/// The check is not vacuous: a button past the window's edge, one under another, and
/// one cut off by a frame that does not scroll are each found; the same buttons laid
/// out properly, or in a scroll area, are not.
#[test]
fn the_layout_check_finds_what_is_out_of_reach_or_overlapping() {
    fn problems_of(draw: impl FnMut(&mut egui::Ui) + 'static) -> Vec<String> {
        let mut draw = draw;
        let mut h = egui_kittest::Harness::builder().with_size([400.0, 300.0]).build_ui(move |ui| {
            rapport::ui::clear_scroll_viewports(ui.ctx());
            draw(ui);
        });
        h.run();
        layout_problems(&h)
    }
    let outside = problems_of(|ui| {
        let _ = ui.button("Inside");
        ui.put(
            Rect::from_min_size(egui::pos2(390.0, 10.0), egui::vec2(80.0, 20.0)),
            egui::Button::new("Outside"),
        );
    });
    assert_eq!(outside.len(), 1, "{outside:?}");
    assert!(outside[0].contains("[390.0 10.0]") && outside[0].contains("out of reach"), "{outside:?}");

    let overlapping = problems_of(|ui| {
        ui.put(Rect::from_min_size(egui::pos2(10.0, 10.0), egui::vec2(80.0, 20.0)), egui::Button::new("One"));
        ui.put(Rect::from_min_size(egui::pos2(50.0, 15.0), egui::vec2(80.0, 20.0)), egui::Button::new("Two"));
    });
    assert_eq!(overlapping.len(), 1, "{overlapping:?}");
    assert!(overlapping[0].contains("overlap"), "{overlapping:?}");

    let clipped = problems_of(|ui| {
        ui.set_clip_rect(Rect::from_min_size(egui::pos2(0.0, 0.0), egui::vec2(400.0, 50.0)));
        for k in 0..6 {
            let _ = ui.button(format!("Row {k}"));
        }
    });
    assert!(!clipped.is_empty() && clipped.iter().all(|p| p.contains("out of reach")), "{clipped:?}");

    let scrolled = problems_of(|ui| {
        // As the app draws them: the bar beside the rows, not over them.
        ui.style_mut().spacing.scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::vertical().max_height(50.0).show(ui, |ui| {
            rapport::ui::note_scroll_viewport(ui, [false, true]);
            for k in 0..40 {
                let _ = ui.button(format!("Row {k}"));
            }
        });
    });
    assert!(scrolled.is_empty(), "rows a scroll area brings into view are reachable: {scrolled:?}");
}
