//! Parts of a long page scrolled out of view: only spaced for, as tall as they were
//! when last drawn at this width. A page's scroll area lays out all it holds, seen or
//! not; at 10k contacts the parts below the fold were a third of a frame.

/// Draws `add` in a part of its own (`id_salt`), unless that part, as tall as when
/// last drawn at this width, lies out of view; then only its space is taken. Drawn
/// anyway while a widget has the keyboard or is about to take it (`focus_asked`): a
/// field keeps the keyboard only while it is drawn; and while a screen reader (or a
/// test) reads the page, whose accessibility tree holds every widget, seen or not.
pub fn unless_out_of_view(
    ui: &mut egui::Ui,
    id_salt: &'static str,
    focus_asked: bool,
    add: impl FnOnce(&mut egui::Ui),
) {
    let id = ui.scope_id().with(("out_of_view", id_salt));
    let width = ui.available_width();
    let known: Option<(f32, f32)> = ui.data(|d| d.get_temp(id));
    let free = may_skip(ui, focus_asked);
    if let Some((_, height)) = known.filter(|(drawn_at, _)| free && *drawn_at == width) {
        let size = egui::vec2(width, height);
        if !ui.is_rect_visible(egui::Rect::from_min_size(ui.cursor().min, size)) {
            // A part of its own either way, so that what follows keeps its ids.
            ui.push_id(id_salt, |ui| ui.allocate_space(size));
            return;
        }
    }
    let drawn = ui.push_id(id_salt, add).response.rect;
    ui.data_mut(|d| d.insert_temp(id, (width, drawn.height())));
}

/// Whether what is out of view may be left undrawn this frame: no widget has the
/// keyboard or is about to take it (`focus_asked`), and no accessibility tree is built.
pub fn may_skip(ui: &egui::Ui, focus_asked: bool) -> bool {
    let listened = ui.ctx().viewport(|v| v.this_pass.accesskit_state.is_some());
    !focus_asked && !listened && ui.memory(|m| m.focused().is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A page of three parts 300 points tall in a window 400 tall: the first two are
    /// drawn, the third only once (to learn its height) until scrolled to; a field with
    /// the keyboard, or a listening screen reader, has every part drawn.
    #[test]
    fn a_part_out_of_view_is_spaced_for_not_drawn() {
        let ctx = egui::Context::default();
        let mut drawn = [0_u32; 3];
        let frame = |ctx: &egui::Context, drawn: &mut [u32; 3], scroll: f32, focus_asked: bool| {
            let input = egui::RawInput {
                screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(400.0, 400.0))),
                ..Default::default()
            };
            let mut content_height = 0.0;
            let mut output = ctx.run_ui(input, |ui| {
                let area = egui::ScrollArea::vertical().vertical_scroll_offset(scroll).show(ui, |ui| {
                    for (part, count) in ["one", "two", "three"].into_iter().zip(drawn.iter_mut()) {
                        unless_out_of_view(ui, part, focus_asked, |ui| {
                            *count += 1;
                            ui.allocate_space(egui::vec2(100.0, 300.0));
                        });
                    }
                });
                content_height = area.content_size.y;
            });
            output.textures_delta.clear();
            content_height
        };
        let first = frame(&ctx, &mut drawn, 0.0, false);
        assert_eq!(drawn, [1, 1, 1], "the first frame draws all, to learn their heights");
        let second = frame(&ctx, &mut drawn, 0.0, false);
        assert_eq!(drawn, [2, 2, 1], "the third is below the window");
        assert_eq!(first, second, "the page is as tall either way");
        frame(&ctx, &mut drawn, 450.0, false);
        assert_eq!(drawn, [2, 3, 2], "scrolled down: the first is above the window");
        frame(&ctx, &mut drawn, 450.0, true);
        assert_eq!(drawn, [3, 4, 3], "a field about to take the keyboard: all drawn");
        ctx.enable_accesskit();
        frame(&ctx, &mut drawn, 450.0, false);
        assert_eq!(drawn, [4, 5, 4], "a screen reader reads every part");
    }
}
