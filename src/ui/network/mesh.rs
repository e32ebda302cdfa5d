//! Marks and lines beyond the strongest [`MAP_LIMIT`](crate::analysis::MAP_LIMIT), when
//! the page shows all: one plain mesh of triangles for thousands of them, instead of a
//! shape each for egui to tessellate with anti-aliased edges (ten times the time).

use egui::{Color32, Mesh, Pos2, vec2};

use crate::analysis::Band;

/// A line from `a` to `b`, `width` wide, as two triangles.
pub(super) fn line(mesh: &mut Mesh, a: Pos2, b: Pos2, width: f32, color: Color32) {
    let along = b - a;
    let length = along.length();
    if length <= f32::EPSILON {
        return;
    }
    let side = vec2(-along.y, along.x) / length * (width / 2.0);
    let first = u32::try_from(mesh.vertices.len()).unwrap_or(u32::MAX);
    for p in [a - side, a + side, b + side, b - side] {
        mesh.colored_vertex(p, color);
    }
    mesh.add_triangle(first, first + 1, first + 2);
    mesh.add_triangle(first, first + 2, first + 3);
}

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
