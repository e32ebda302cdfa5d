//! What of the map stays still between frames — its background, rings, lines, and every
//! mark — tessellated once into one mesh and kept, with where each mark lies for the
//! pointer: a frame hands egui the mesh and checks the pointer against plain numbers.
//! Tessellating the 500 strongest marks (anti-aliased outlines), their lines and the
//! rings was a third of the page's frame; the thousands beyond them (all shown) are
//! plain triangles without anti-aliased edges, ten times cheaper than shapes.

use std::sync::Arc;

use egui::epaint::{TessellationOptions, Tessellator};
use egui::{Color32, Mesh, Pos2, Rect, Shape, Stroke, vec2};

use crate::analysis::{Band, MAP_LIMIT, MapNode, MapView, NetworkMap, map_radius, node_scale};

use super::super::colors::band_color;

/// Where the map is drawn this frame: what places and sizes its marks on screen.
#[derive(Clone, Copy)]
pub(super) struct Geometry {
    pub rect: Rect,
    pub centre: Pos2,
    pub ring: f32,
    /// How much marks grow with the zoom.
    pub grow: f32,
}

/// The colours the still layer is drawn in (they follow the theme).
#[derive(Clone, Copy)]
pub(super) struct Ink {
    pub background: Color32,
    pub rings: Color32,
    pub spokes: Color32,
    pub introductions: Color32,
    pub unweighted: Color32,
    pub outline: Color32,
}

/// What a place on the map stands for, for the pointer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// A node (its index in the map's nodes).
    Node(u32),
    /// A group of people with no weight yet (its index in the view's list).
    Unweighted(usize),
}

/// A mark the pointer can be over: within `reach` of `at`.
#[derive(Clone, Copy, Debug)]
pub(super) struct Spot {
    pub at: Pos2,
    pub reach: f32,
    pub target: Target,
}

/// The still part of the map, and its spots in the order drawn (the last on top).
#[derive(Clone)]
pub(super) struct Layer {
    key: u64,
    pub mesh: Arc<Mesh>,
    pub spots: Arc<[Spot]>,
}

impl Layer {
    /// The spot nearest to `pointer` among those within reach (the first drawn among
    /// equals).
    pub fn hovered(&self, pointer: Pos2) -> Option<Target> {
        let mut best: Option<(f32, Target)> = None;
        for spot in self.spots.iter() {
            let d = spot.at - pointer;
            if d.x.abs() > spot.reach || d.y.abs() > spot.reach {
                continue;
            }
            let squared = d.length_sq();
            if squared <= spot.reach * spot.reach && best.is_none_or(|(b, _)| squared < b) {
                best = Some((squared, spot.target));
            }
        }
        best.map(|(_, target)| target)
    }
}

/// The still layer for `view` at `at`, built again only when something it is made of
/// changed (the nodes shown, their places and sizes, the geometry, the colours, the
/// pixel density).
pub(super) fn layer(ui: &egui::Ui, map: &NetworkMap, view: &MapView, at: Geometry, ink: Ink) -> Layer {
    let pixels_per_point = ui.ctx().pixels_per_point();
    let key = layer_key(map, view, at, ink, pixels_per_point);
    let id = ui.scope_id().with("map_layer");
    if let Some(layer) = ui.data(|d| d.get_temp::<Layer>(id)).filter(|layer| layer.key == key) {
        return layer;
    }
    let (shapes, spots) = still_shapes(map, view, at, ink);
    let options = ui.ctx().tessellation_options(TessellationOptions::clone);
    // No prepared discs: the mesh reads only the font texture's white pixel, which
    // stays put when the glyph atlas changes.
    let mut tessellator = Tessellator::new(pixels_per_point, options, [1, 1], Vec::new());
    tessellator.set_clip_rect(at.rect);
    let mut mesh = Mesh::default();
    for shape in shapes {
        tessellator.tessellate_shape(shape, &mut mesh);
    }
    let layer = Layer { key, mesh: Arc::new(mesh), spots: spots.into() };
    ui.data_mut(|d| d.insert_temp(id, layer.clone()));
    layer
}

/// The shapes of the still layer, back to front, and the spots of its marks.
fn still_shapes(map: &NetworkMap, view: &MapView, at: Geometry, ink: Ink) -> (Vec<Shape>, Vec<Spot>) {
    let Geometry { rect, centre, ring, grow } = at;
    let mut shapes = vec![Shape::rect_filled(rect, 4.0, ink.background)];
    for weight in super::draw::RING_WEIGHTS {
        shapes.push(Shape::circle_stroke(
            centre,
            ring * map_radius(weight) as f32,
            Stroke::new(1.0, ink.rings),
        ));
    }
    let place = |n: &MapNode| centre + vec2(n.x, n.y) * ring;
    let (strongest, rest) = view.shown.split_at(view.shown.len().min(MAP_LIMIT));
    for n in strongest.iter().filter_map(|&i| map.nodes.get(i as usize)) {
        if n.weight > 0.0 {
            let width = (0.3 + 0.5 * n.weight.ln_1p() as f32).min(6.0);
            shapes.push(Shape::line_segment([centre, place(n)], Stroke::new(width, ink.spokes)));
        }
    }
    for &(a, b) in &view.links {
        if let (Some(a), Some(b)) = (map.nodes.get(a as usize), map.nodes.get(b as usize)) {
            shapes.push(Shape::line_segment([place(a), place(b)], Stroke::new(1.4, ink.introductions)));
        }
    }
    // Weakest first, so that the stronger lie on top: beyond the strongest, one plain
    // mesh of marks, then the strongest as shapes.
    let mut spots = Vec::new();
    let mut far = Mesh::default();
    let mut marks = Vec::new();
    let nodes = rest.iter().rev().map(|&i| (false, i)).chain(strongest.iter().rev().map(|&i| (true, i)));
    for (shaped, i) in nodes {
        let Some(n) = map.nodes.get(i as usize) else { continue };
        let (pos, r) = (place(n), mark_radius(n.mutual, grow));
        if !rect.expand(r).contains(pos) {
            continue;
        }
        if shaped {
            band_shapes(n.band, pos, r, Some(ink.outline), &mut marks);
        } else {
            mark(&mut far, n.band, pos, r, band_color(n.band));
        }
        spots.push(Spot { at: pos, reach: r + 4.0, target: Target::Node(i) });
    }
    shapes.push(Shape::mesh(far));
    shapes.append(&mut marks);
    for (g, group) in view.unweighted.iter().enumerate() {
        let pos = centre + vec2(group.angle.sin() as f32, -group.angle.cos() as f32) * ring;
        let r = 3.0 + 1.5 * (group.count as f32).ln_1p();
        shapes.push(Shape::circle_stroke(pos, r, Stroke::new(1.2, ink.unweighted)));
        spots.push(Spot { at: pos, reach: r + 3.0, target: Target::Unweighted(g) });
    }
    (shapes, spots)
}

/// A band's mark: its colour and its own shape, so that bands read apart without
/// colour too: Quiet a ring, Balanced a disc, Giving a triangle up, Receiving a
/// triangle down, Communal a diamond; with an outline of `outline`'s colour.
pub(super) fn band_shapes(band: Band, at: Pos2, r: f32, outline: Option<Color32>, out: &mut Vec<Shape>) {
    let fill = band_color(band);
    let edge = outline.map_or(Stroke::NONE, |ink| Stroke::new(0.6, ink));
    let points = |corners: &[(f32, f32)]| corners.iter().map(|(x, y)| at + vec2(*x, *y) * r).collect();
    out.push(match band {
        Band::Quiet => Shape::circle_stroke(at, r, Stroke::new(1.6, fill)),
        Band::Balanced => {
            Shape::Circle(egui::epaint::CircleShape { center: at, radius: r, fill, stroke: edge })
        }
        Band::Giving => Shape::convex_polygon(points(&[(0.0, -1.2), (1.1, 0.8), (-1.1, 0.8)]), fill, edge),
        Band::Receiving => {
            Shape::convex_polygon(points(&[(0.0, 1.2), (-1.1, -0.8), (1.1, -0.8)]), fill, edge)
        }
        Band::Communal => {
            Shape::convex_polygon(points(&[(0.0, -1.2), (1.2, 0.0), (0.0, 1.2), (-1.2, 0.0)]), fill, edge)
        }
    });
}

/// A band's mark as plain triangles (the shapes of [`band_shapes`], filled, a hexagon
/// for the discs).
fn mark(mesh: &mut Mesh, band: Band, at: Pos2, r: f32, color: Color32) {
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

/// A mark's radius on screen.
pub(super) fn mark_radius(mutual: f64, grow: f32) -> f32 {
    (2.5 * node_scale(mutual) as f32).min(14.0) * grow
}

/// A fingerprint of everything the still layer is made from.
fn layer_key(map: &NetworkMap, view: &MapView, at: Geometry, ink: Ink, pixels_per_point: f32) -> u64 {
    let mut key = Fold(0x51_7c_c1_b7_27_22_0a_95);
    let r = at.rect;
    for v in
        [r.min.x, r.min.y, r.max.x, r.max.y, at.centre.x, at.centre.y, at.ring, at.grow, pixels_per_point]
    {
        key.add(u64::from(v.to_bits()));
    }
    let Ink { background, rings, spokes, introductions, unweighted, outline } = ink;
    for c in [background, rings, spokes, introductions, unweighted, outline] {
        key.add(u64::from(u32::from_le_bytes(c.to_array())));
    }
    key.add(view.shown.len() as u64);
    for &i in &view.shown {
        let Some(n) = map.nodes.get(i as usize) else { continue };
        key.add(u64::from(i) | u64::from(n.band as u8) << 32);
        key.add(u64::from(n.x.to_bits()) | u64::from(n.y.to_bits()) << 32);
        key.add(n.mutual.to_bits());
        key.add(n.weight.to_bits());
    }
    key.add(view.links.len() as u64);
    for &(a, b) in &view.links {
        key.add(u64::from(a) | u64::from(b) << 32);
    }
    key.add(view.unweighted.len() as u64);
    for g in &view.unweighted {
        key.add(g.angle.to_bits());
        key.add(g.count as u64);
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
