//! The dashboard's plots read at a glance: months along x, values along y, each axis
//! named. egui_plot paints its tick labels without accessible nodes, so these tests
//! read the text the frame painted, and where.

use crate::common::harness;
use egui::accesskit::Role;
use egui::epaint::Shape;
use egui_kittest::kittest::Queryable;
use rapport::app::Startup;

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// Every text the last frame painted, with its rectangle.
fn painted_texts(h: &egui_kittest::Harness<'static, rapport::app::App>) -> Vec<(String, egui::Rect)> {
    fn walk(shape: &Shape, out: &mut Vec<(String, egui::Rect)>) {
        match shape {
            Shape::Text(text) => {
                out.push((
                    text.galley.text().to_owned(),
                    egui::Rect::from_min_size(text.pos, text.galley.size()),
                ));
            }
            Shape::Vec(shapes) => shapes.iter().for_each(|s| walk(s, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, &mut out);
    }
    out
}

/// The months, the numbers and the other texts painted inside `area`.
fn labels_in(texts: &[(String, egui::Rect)], area: egui::Rect) -> (Vec<String>, Vec<f64>, Vec<String>) {
    let (mut months, mut numbers, mut other) = (Vec::new(), Vec::new(), Vec::new());
    for (text, _) in texts.iter().filter(|(_, rect)| area.contains(rect.center())) {
        let first_line = text.lines().next().unwrap_or_default();
        if MONTHS.contains(&first_line) {
            months.push(text.clone());
        } else if let Ok(number) = text.trim_end_matches('k').parse::<f64>() {
            numbers.push(number);
        } else {
            other.push(text.clone());
        }
    }
    (months, numbers, other)
}

fn open_dashboard() -> egui_kittest::Harness<'static, rapport::app::App> {
    let mut h = harness(Startup::Sample);
    h.get_by_role_and_label(Role::Button, "Dashboard").click();
    h.run();
    h
}

#[test]
fn the_monthly_charts_label_their_months_and_values() {
    let h = open_dashboard();
    let texts = painted_texts(&h);
    let flow_title = h.get_by_label("Given and received per month").rect();
    let capacity_title = h.get_by_label("Capacity").rect();
    let below = h.get_by_label_contains("Check-ins due").rect().top();

    // The flow chart: the left column, between its title and the lists below.
    let flow = egui::Rect::from_min_max(
        egui::pos2(flow_title.left() - 60.0, flow_title.bottom()),
        egui::pos2(capacity_title.left(), below),
    );
    let (months, values, other) = labels_in(&texts, flow);
    // Twelve months in view: every month, or every other one, has its label.
    assert!(months.len() >= 6, "month labels: {months:?}");
    assert!(months.iter().any(|m| m.contains("\n20")), "a year where the months start: {months:?}");
    assert!(values.len() >= 3, "value labels: {values:?}");
    assert!(values.contains(&0.0) && values.iter().any(|v| *v < 0.0), "received below zero: {values:?}");
    assert!(other.iter().any(|t| t == "value"), "the y axis is named: {other:?}");

    // The capacity chart: the right column.
    let capacity = egui::Rect::from_min_max(
        egui::pos2(capacity_title.left() - 60.0, capacity_title.bottom()),
        egui::pos2(h.ctx.content_rect().right(), below),
    );
    let (months, values, other) = labels_in(&texts, capacity);
    assert!(months.len() >= 6, "month labels: {months:?}");
    assert!(values.len() >= 3 && values.contains(&0.0), "hour labels: {values:?}");
    assert!(other.iter().any(|t| t == "hours"), "the y axis is named: {other:?}");
}

#[test]
fn the_scatter_names_and_numbers_both_axes() {
    let mut h = open_dashboard();
    // Tall enough for the whole dashboard: the scatter's axes are on screen.
    h.set_size(egui::vec2(1200.0, 1500.0));
    h.run();
    let title = h.get_by_label("Every contact: given vs received").rect();
    let scatter = egui::Rect::from_min_max(
        egui::pos2(title.left() - 60.0, title.bottom()),
        egui::pos2(h.ctx.content_rect().right(), h.ctx.content_rect().bottom()),
    );
    let (_, values, other) = labels_in(&painted_texts(&h), scatter);
    assert!(other.iter().any(|t| t == "received (decayed value)"), "{other:?}");
    assert!(other.iter().any(|t| t == "given (decayed value)"), "{other:?}");
    assert!(values.len() >= 4, "numbers on both axes: {values:?}");
}
