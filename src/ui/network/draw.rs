//! Drawing the map with egui's painter: rings, lines from you to the strongest,
//! introductions, one mark per person (colour and shape by band, size by `mutual`),
//! the people with no weight yet grouped on the outer ring; hover, click, zoom and pan.
//!
//! The painter rather than a graph crate: the DESIGN fixes every position (distance
//! from the numbers, angle from the groups), which force-directed graph widgets do not
//! take, and the page needs the wheel to scroll it unless the map was clicked into.

use egui::{Color32, Pos2, Stroke, Vec2, vec2};

use crate::analysis::{Band, MapLayout, MapNode, MapView, NetworkMap, map_radius};
use crate::model::{Id, Network};
use crate::palette;
use crate::state::MapState;

use super::super::colors::color;

/// How many of the strongest drawn get their name beside them.
const NAMED: usize = 8;
/// The outer ring's share of the smaller side of the map's area.
const RING_SHARE: f32 = 0.44;
/// The weights (given + received) the rings are drawn at.
pub(super) const RING_WEIGHTS: [f64; 4] = [0.0, 2.0, 10.0, 50.0];

/// What the pointer is over.
enum Hovered<'a> {
    Node(&'a MapNode),
    /// People with no weight yet of one group, not drawn one by one.
    Unweighted {
        group: u32,
        count: usize,
    },
}

/// Draws the map; returns the contact clicked, to open.
pub(super) fn map_ui(
    ui: &mut egui::Ui,
    network: &Network,
    layout: &MapLayout,
    map: &NetworkMap,
    view: &MapView,
    state: &mut MapState,
) -> Option<Id> {
    let width = ui.available_width().max(200.0);
    let height = (ui.available_height() - 4.0).max(360.0).min(width.max(360.0));
    let (rect, response) = ui.allocate_exact_size(vec2(width, height), egui::Sense::click_and_drag());
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Network map"));
    follow_input(ui, &response, state);
    let ring = RING_SHARE * rect.width().min(rect.height()) * state.zoom;
    let centre = rect.center() + state.pan;
    state.drawn = Some((centre, ring));
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let grow = state.zoom.powf(0.3);
    let ink = super::mesh::Ink {
        background: visuals.extreme_bg_color,
        rings: visuals.weak_text_color().gamma_multiply(0.35),
        spokes: visuals.weak_text_color().gamma_multiply(0.45),
        introductions: color(palette::INTRODUCTION),
        unweighted: visuals.weak_text_color(),
        outline: color(palette::MAP_INK),
    };
    let layer = super::mesh::layer(ui, map, view, super::mesh::Geometry { rect, centre, ring, grow }, ink);
    painter.add(egui::Shape::mesh(layer.mesh.clone()));
    let small = egui::FontId::proportional(10.0);
    for (weight, label) in RING_WEIGHTS.into_iter().zip(["no weight yet", "2", "10", "50"]) {
        // What a ring stands for: given + received there.
        let at = centre + vec2(0.0, -ring * map_radius(weight) as f32 - 2.0);
        painter.text(at, egui::Align2::CENTER_BOTTOM, label, small.clone(), visuals.weak_text_color());
    }
    let at = |n: &MapNode| centre + vec2(n.x, n.y) * ring;
    let hovered = response.hover_pos().and_then(|p| layer.hovered(p)).and_then(|target| match target {
        super::mesh::Target::Node(i) => map.nodes.get(i as usize).map(Hovered::Node),
        super::mesh::Target::Unweighted(g) => {
            view.unweighted.get(g).map(|g| Hovered::Unweighted { group: g.group, count: g.count })
        }
    });
    let text = visuals.text_color();
    let font = egui::FontId::proportional(11.0);
    for n in view.shown.iter().take(NAMED).filter_map(|&i| map.nodes.get(i as usize)) {
        name_label(&painter, network, n, at(n), &font, text);
    }
    if let Some(found) = view.found.and_then(|i| map.nodes.get(i as usize)) {
        let pos = at(found);
        let r = super::mesh::mark_radius(found.mutual, grow);
        painter.circle_stroke(pos, r + 5.0, Stroke::new(2.5, visuals.hyperlink_color));
        name_label(&painter, network, found, pos, &egui::FontId::proportional(13.0), visuals.hyperlink_color);
    }
    painter.circle_filled(centre, 5.0, text);
    painter.text(centre + vec2(0.0, 8.0), egui::Align2::CENTER_TOP, "You", font, text);
    match hovered {
        Some(Hovered::Node(n)) => {
            painter.circle_stroke(at(n), 9.0 * grow, Stroke::new(1.5, text));
            let response = response.on_hover_ui_at_pointer(|ui| node_tip_ui(ui, network, n));
            response.clicked().then_some(n.contact)
        }
        Some(Hovered::Unweighted { group, count }) => {
            let label = layout.groups.get(group as usize).map_or("", |g| g.label.as_str());
            let whose = if label.is_empty() {
                "with no organisation or tag".to_owned()
            } else {
                format!("of {label}")
            };
            response.on_hover_text_at_pointer(format!(
                "{} {} {whose}: no weight yet (nothing given or received). Show all to see each.",
                super::count(count),
                if count == 1 { "person" } else { "people" }
            ));
            None
        }
        None => None,
    }
}

/// Clicks, drags, the wheel and Ctrl+wheel on the map.
fn follow_input(ui: &mut egui::Ui, response: &egui::Response, state: &mut MapState) {
    if response.clicked() || response.drag_started() {
        state.engaged = true;
    } else if ui.input(|i| i.pointer.any_pressed()) && !response.hovered() {
        state.engaged = false;
    }
    if response.dragged() {
        state.pan += response.drag_delta();
    }
    let Some(pointer) = response.hover_pos() else { return };
    // Ctrl+wheel (and pinch) zoom everywhere on the map; the plain wheel only once the
    // map was clicked into (it scrolls the page otherwise).
    let zoom = ui.input(|i| i.zoom_delta());
    if zoom != 1.0 {
        state.zoom_by(zoom, pointer);
    } else if state.engaged {
        let scroll = ui.input(|i| i.smooth_scroll_delta.y);
        if scroll != 0.0 {
            state.zoom_by((scroll * 0.004).exp(), pointer);
            ui.input_mut(|i| i.smooth_scroll_delta = Vec2::ZERO);
        }
    }
}

/// A person's name beside their mark, away from the centre.
fn name_label(
    painter: &egui::Painter,
    network: &Network,
    n: &MapNode,
    pos: Pos2,
    font: &egui::FontId,
    text: Color32,
) {
    let Some(c) = network.contacts.get(n.index) else { return };
    let (anchor, dx) =
        if n.x < 0.0 { (egui::Align2::RIGHT_CENTER, -9.0) } else { (egui::Align2::LEFT_CENTER, 9.0) };
    painter.text(pos + vec2(dx, 0.0), anchor, &c.name, font.clone(), text);
}

/// A person on hover: name, organisation, share, mutual, last touch, overdue days.
fn node_tip_ui(ui: &mut egui::Ui, network: &Network, n: &MapNode) {
    let Some(c) = network.contacts.get(n.index) else { return };
    ui.strong(&c.name);
    if !c.organization.trim().is_empty() {
        ui.label(c.organization.trim());
    }
    let share = n.share.map_or_else(|| "—".to_owned(), |s| format!("{:.0}%", s * 100.0));
    ui.label(format!("{} · share of giving {share}", n.band.label()));
    ui.label(format!("mutual {:.1} · given + received {:.1}", n.mutual, n.weight));
    ui.label(format!("last touch {}", n.last_touch));
    if n.overdue_days > 0 {
        ui.colored_label(ui.visuals().warn_fg_color, format!("check-in overdue by {} days", n.overdue_days));
    } else {
        ui.weak("not overdue");
    }
    ui.weak("click to open");
}

/// A band's mark (see [`super::mesh::band_shapes`]), with an outline or without.
pub(super) fn band_mark(painter: &egui::Painter, band: Band, at: Pos2, r: f32, outline: bool) {
    let mut shapes = Vec::new();
    super::mesh::band_shapes(band, at, r, outline.then(|| color(palette::MAP_INK)), &mut shapes);
    painter.extend(shapes);
}
