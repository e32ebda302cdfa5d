//! The Network page and the numbers that explain themselves, driven as a user drives
//! them: every control reachable at 800×600 and 1920×1080, hover and click on a
//! person, the filters, "show all", the wheel, "Fit", the export; `mutual` in the
//! contact list; "Why this balance?" on a contact.

use crate::common::{harness, settle};
use egui::accesskit::Role;
use egui_kittest::kittest::{Queryable, by};
use rapport::analysis::{Band, MAP_LIMIT};
use rapport::app::{App, Startup};
use rapport::state::{Modal, Page, SortBy};

type H = egui_kittest::Harness<'static, App>;

/// Opens the Network page with its shortcut, Ctrl+9.
fn open_network(h: &mut H) {
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Num9);
    h.run();
    assert_eq!(h.state().view().page, Page::Network);
}

/// The map on screen: scrolled to, and its rect.
fn map_rect(h: &mut H) -> egui::Rect {
    h.get_by_role_and_label(Role::Image, "Network map").scroll_to_me();
    h.run();
    h.get_by_role_and_label(Role::Image, "Network map").rect()
}

/// Where the `n`th strongest drawn node is on screen, and its contact.
fn node_on_screen(h: &H, n: usize) -> (rapport::model::Id, egui::Pos2) {
    let app = h.state();
    let query = &app.view().map.query;
    let view = app.derived().map_view(query).expect("the map's view");
    let map = app.derived().network_map().expect("the map");
    let node = &map.nodes[view.shown[n] as usize];
    let pos = app.view().map.screen_position(node.x, node.y).expect("drawn");
    (node.contact, pos)
}

/// A click of the primary button at `pos`, as a mouse makes it.
fn click_at(h: &mut H, pos: egui::Pos2) {
    h.event(egui::Event::PointerMoved(pos));
    h.run();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
}

fn wheel(h: &mut H, at: egui::Pos2, dy: f32, modifiers: egui::Modifiers) {
    h.event(egui::Event::PointerMoved(at));
    h.event_modifiers(
        egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: egui::vec2(0.0, dy),
            phase: egui::TouchPhase::Move,
            modifiers,
            source: egui::MouseWheelSource::Wheel,
        },
        modifiers,
    );
    h.run();
}

#[test]
fn every_control_is_reachable_at_800_by_600_and_1920_by_1080() {
    for size in [egui::vec2(800.0, 600.0), egui::vec2(1920.0, 1080.0)] {
        let mut h = harness(Startup::Sample);
        h.set_size(size);
        h.run();
        open_network(&mut h);
        let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size);
        let controls = [
            (Role::ComboBox, "Band"),
            (Role::ComboBox, "Tag"),
            (Role::ComboBox, "Organisation"),
            (Role::CheckBox, "Overdue only"),
            (Role::TextInput, "Find on the map"),
            (Role::Button, "Fit"),
            (Role::Button, "Export SVG…"),
            (Role::Image, "Network map"),
        ];
        for (role, label) in controls {
            h.get_by_role_and_label(role, label).scroll_to_me();
            h.run();
            let rect = h.get_by_role_and_label(role, label).rect();
            assert!(window.contains(rect.center()), "{label} at {size:?}: {rect:?}");
            assert!(rect.width() > 1.0 && rect.height() > 1.0, "{label} at {size:?}: {rect:?}");
        }
        let rect = map_rect(&mut h);
        assert!(rect.width() >= 200.0 && rect.height() >= 300.0, "a usable map at {size:?}: {rect:?}");
    }
}

#[test]
fn hovering_a_person_tells_their_numbers_and_a_click_opens_them() {
    let mut h = harness(Startup::Sample);
    h.ctx.all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    open_network(&mut h);
    let rect = map_rect(&mut h);
    let (id, pos) = node_on_screen(&h, 0);
    assert!(rect.contains(pos));
    let (mutual, weight) = {
        let map = h.state().derived().network_map().expect("the map");
        let node = map.node_of(id).expect("the strongest");
        (node.mutual, node.weight)
    };
    h.hover_at(pos);
    h.run();
    h.get(by().label(&format!("mutual {mutual:.1} · given + received {weight:.1}")));
    click_at(&mut h, pos);
    h.run();
    assert_eq!(h.state().view().page, Page::Contacts);
    assert_eq!(h.state().view().selected, Some(id));
}

#[test]
fn the_wheel_scrolls_the_page_until_the_map_is_clicked_into_and_fit_zooms_out() {
    let mut h = harness(Startup::Sample);
    h.set_size(egui::vec2(1000.0, 600.0));
    open_network(&mut h);
    let rect = map_rect(&mut h);
    let inside = rect.center() + egui::vec2(rect.width() * 0.4, rect.height() * 0.45);
    // A plain wheel over the map: no zoom.
    wheel(&mut h, inside, -80.0, egui::Modifiers::NONE);
    assert_eq!(h.state().view().map.zoom, 1.0);
    // Ctrl+wheel zooms.
    let rect = map_rect(&mut h);
    wheel(&mut h, rect.center(), 120.0, egui::Modifiers::COMMAND);
    let zoomed = h.state().view().map.zoom;
    assert!(zoomed > 1.0, "{zoomed}");
    h.get_by_role_and_label(Role::Button, "Fit").click();
    h.run();
    assert_eq!(h.state().view().map.zoom, 1.0);
    // Clicked into (an empty corner), the plain wheel zooms.
    let rect = map_rect(&mut h);
    click_at(&mut h, rect.left_top() + egui::vec2(6.0, 6.0));
    h.run();
    assert!(h.state().view().map.engaged);
    assert_eq!(h.state().view().page, Page::Network, "no one there to open");
    wheel(&mut h, rect.left_top() + egui::vec2(8.0, 8.0), 100.0, egui::Modifiers::NONE);
    assert!(h.state().view().map.zoom > 1.0);
}

#[test]
fn filters_search_and_show_all() {
    let mut h = harness(Startup::Empty);
    h.state_mut().load_network(rapport::generate::generate(1_200, 20_000, 4));
    settle(&mut h);
    open_network(&mut h);
    let total = h.state().derived().network_map().expect("the map").nodes.len();
    let strongest = format!("showing the {MAP_LIMIT} strongest of {}", crate::common::grouped(total));
    h.get(by().label(&strongest));
    h.get_by_role_and_label(Role::Link, "show all").click();
    h.run();
    let query = h.state().view().map.query.clone();
    assert!(query.show_all);
    assert_eq!(h.state().derived().map_view(&query).expect("built").shown.len(), total);
    h.get(by().label(&format!("showing all {}", crate::common::grouped(total))));

    // Band: Giving only.
    h.get_by_role_and_label(Role::ComboBox, "Band").click();
    h.run();
    h.get(by().role(Role::Button).label("Giving")).click();
    h.run();
    let query = h.state().view().map.query.clone();
    assert_eq!(query.band, Some(Band::Giving));
    let (view, map) = (
        h.state().derived().map_view(&query).expect("built"),
        h.state().derived().network_map().expect("map"),
    );
    assert!(!view.shown.is_empty() && view.shown.iter().all(|&i| map.nodes[i as usize].band == Band::Giving));

    // Overdue only.
    h.get_by_role_and_label(Role::CheckBox, "Overdue only").click();
    h.run();
    let query = h.state().view().map.query.clone();
    assert!(query.overdue_only);
    let view = h.state().derived().map_view(&query).expect("built");
    let map = h.state().derived().network_map().expect("map");
    assert!(
        view.shown
            .iter()
            .all(|&i| map.nodes[i as usize].overdue_days > 0 && map.nodes[i as usize].band == Band::Giving)
    );

    // Organisation: the first offered.
    let organisation = h.state().derived().map_layout().expect("layout").organisations[0].clone();
    h.get_by_role_and_label(Role::CheckBox, "Overdue only").click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Band").click();
    h.run();
    h.get(by().role(Role::Button).label("Any band")).click();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Organisation").click();
    h.run();
    h.get(by().role(Role::Button).label(&organisation)).click();
    h.run();
    let query = h.state().view().map.query.clone();
    assert_eq!(query.organisation.as_deref(), Some(organisation.as_str()));
    assert_eq!((query.band, query.overdue_only), (None, false));
    let view = h.state().derived().map_view(&query).expect("built");
    let (net, map) = (h.state().network(), h.state().derived().network_map().expect("map"));
    assert!(view.matching > 0);
    assert!(
        view.shown
            .iter()
            .all(|&i| net.contacts[map.nodes[i as usize].index].organization.trim() == organisation)
    );

    // The search finds a person, and says so.
    let name = net.contacts[map.nodes[view.shown[0] as usize].index].name.clone();
    h.get_by_role_and_label(Role::TextInput, "Find on the map").focus();
    h.run();
    h.get_by_role_and_label(Role::TextInput, "Find on the map").type_text(&name);
    h.run();
    let query = h.state().view().map.query.clone();
    let view = h.state().derived().map_view(&query).expect("built");
    assert!(view.found.is_some());
    h.get(by().label_contains(&format!("found {name}")));
}

#[test]
fn the_map_is_exported_from_the_file_menu() {
    let folder = tempfile::tempdir().expect("temp dir");
    let out = folder.path().join("map.svg");
    let mut h = harness(Startup::Sample);
    h.get_by_role_and_label(Role::Button, "File").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Export").click();
    h.run();
    h.get_by_role_and_label(Role::Button, "Network map…").click();
    settle(&mut h);
    assert!(matches!(h.state().modal(), Some(Modal::PathPrompt(_))), "{:?}", h.state().modal());
    h.get_by_role_and_label(Role::TextInput, "File path").focus();
    settle(&mut h);
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    h.get_by_role_and_label(Role::TextInput, "File path").type_text(&out.display().to_string());
    settle(&mut h);
    h.get_by_role_and_label(Role::Button, "Save").click();
    settle(&mut h);
    let text = std::fs::read_to_string(&out).expect("written");
    assert!(text.starts_with("<?xml") && text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    let on_map = h.state().network().contacts.iter().filter(|c| !c.archived).count();
    assert!(text.matches("<title>").count() > on_map, "a title per person and the map's own");
}

#[test]
fn mutual_sorts_the_contact_list_and_why_this_balance_explains_a_contact() {
    let mut h = harness(Startup::Sample);
    h.get_by_role_and_label(Role::Button, "Mutual").click();
    h.run();
    assert_eq!(h.state().prefs().sort, SortBy::Mutual);
    let first = {
        let app = h.state();
        let snapshot = app.snapshot();
        let mutuals: Vec<f64> = app.visible_contacts().iter().map(|&i| snapshot.contacts[i].mutual).collect();
        assert!(mutuals.windows(2).all(|w| w[0] >= w[1]), "the most mutual first: {mutuals:?}");
        assert!(mutuals[0] > 0.0);
        let shown = app.visible_contacts().iter().map(|&i| &snapshot.contacts[i]);
        shown
            .filter(|s| s.band != Band::Communal)
            .find(|s| s.mutual > 0.0)
            .cloned()
            .expect("a scored contact")
    };
    h.state_mut().show(Page::Contacts, Some(first.id));
    h.run();
    h.get(by().label_contains(&format!("mutual {:.1}", first.mutual)));
    h.get_by_label("Why this balance?").click();
    h.run();
    assert!(h.state().view().why_balance);
    h.get(by().label(&format!(
        "What you gave: {:.2} from {} exchanges",
        first.given,
        h.state().derived().contributions(first.id).expect("built").given.count
    )));
    let heaviest = h.state().derived().contributions(first.id).expect("built").received.top[0].clone();
    let share = format!("{:.0}% of the total", heaviest.share * 100.0);
    assert!(h.query_all(by().label(&share)).next().is_some(), "{share}");
}
