//! Marks beyond the strongest [`MAP_LIMIT`](crate::analysis::MAP_LIMIT), when the page
//! shows all: one plain mesh of triangles for thousands of them, instead of a shape
//! each for egui to tessellate with anti-aliased edges (ten times the time), kept from
//! frame to frame.

use std::sync::Arc;

use egui::{Color32, Mesh, Pos2, vec2};

use crate::analysis::{Band, MapNode, NetworkMap, node_scale};

use super::super::colors::band_color;

/// A band's mark (the shapes of `draw::band_mark`, filled, a hexagon for the discs).
pub(super) fn mark(mesh: &mut Mesh, band: Band, at: Pos2, r: f32, color: Color32) {
    let points: &[(f32, f32)] = match band {
        Band::Giving => &[(0.0, -1.2), (1.1, 0.8), (-1.1, 0.8)],
        Band::Receiving => &[(0.0, 1.2), (-1.1, -0.8), (1.1, -0.8)],
        Band::Communal => &[(0.0, -1.2), (1.2, 0.0), (0.0, 1.2), (-1.2, 0.0)],
        Band::Quiet | Band::Balanced => {
            &[(1.0, 0.0), (0.5, 0.87), (-0.5, 0.87), (-1.0, 0.0), (-0.5, -0.87), (0.5, -0.87)]
        }
    };
    let first = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
    for (x, y) in points {
        mesh.colored_vertex(at + vec2(*x, *y) * r, color);
    }
    for k in 1..points.len().saturating_sub(1) {
        let k = u32::try_from(k).unwrap_or(0);
        mesh.add_triangle(first, first + k, first + k + 1);
    }
}

/// Where the map is drawn this frame: what places and sizes the far nodes on screen.
#[derive(Clone, Copy)]
pub(super) struct Geometry {
    pub rect: egui::Rect,
    pub centre: Pos2,
    pub ring: f32,
    /// How much marks grow with the zoom.
    pub grow: f32,
}

/// The marks of everyone beyond the strongest, as one mesh.
#[derive(Clone)]
struct Far {
    key: u64,
    marks: Arc<Mesh>,
}

/// The marks of `rest` (indices into the map's nodes), built again only when what they
/// show changed (the nodes, their places and sizes, the map's geometry): between such
/// changes a frame hands egui the same mesh. They have no line from you: thousands of
/// lines are a haze over the introductions, and the distance says the same.
pub(super) fn far_marks(ui: &egui::Ui, map: &NetworkMap, rest: &[u32], at: Geometry) -> Arc<Mesh> {
    let key = far_key(map, rest, at);
    let id = ui.scope_id().with("far_marks");
    if let Some(far) = ui.data(|d| d.get_temp::<Far>(id)).filter(|far| far.key == key) {
        return far.marks;
    }
    let place = |n: &MapNode| at.centre + vec2(n.x, n.y) * at.ring;
    let mut marks = Mesh::default();
    // Drawn weakest first, so that the stronger lie on top.
    for n in rest.iter().rev().filter_map(|&i| map.nodes.get(i as usize)) {
        let (pos, r) = (place(n), mark_radius(n.mutual, at.grow));
        if at.rect.expand(r).contains(pos) {
            mark(&mut marks, n.band, pos, r, band_color(n.band));
        }
    }
    let marks = Arc::new(marks);
    ui.data_mut(|d| d.insert_temp(id, Far { key, marks: marks.clone() }));
    marks
}

/// A mark's radius on screen.
pub(super) fn mark_radius(mutual: f64, grow: f32) -> f32 {
    (2.5 * node_scale(mutual) as f32).min(14.0) * grow
}

/// A fingerprint of everything the far marks are made from.
fn far_key(map: &NetworkMap, rest: &[u32], at: Geometry) -> u64 {
    let mut key = Fold(0x51_7c_c1_b7_27_22_0a_95);
    let r = at.rect;
    for v in [r.min.x, r.min.y, r.max.x, r.max.y, at.centre.x, at.centre.y, at.ring, at.grow] {
        key.add(u64::from(v.to_bits()));
    }
    key.add(rest.len() as u64);
    for &i in rest {
        let Some(n) = map.nodes.get(i as usize) else { continue };
        key.add(u64::from(i) | u64::from(n.band as u8) << 32);
        key.add(u64::from(n.x.to_bits()) | u64::from(n.y.to_bits()) << 32);
        key.add(n.mutual.to_bits());
    }
    key.0
}

/// A fast 64-bit fold (not for anything an adversary chooses: the map's own numbers).
struct Fold(u64);

impl Fold {
    fn add(&mut self, word: u64) {
        let h = (self.0 ^ word).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        self.0 = h ^ (h >> 29);
    }
}
