//! The contact list's table: one widget per row, its six cells painted as text.
//!
//! A table of widgets (a child `Ui`, a sense and a background per cell) cost a third
//! of every frame at 10k contacts, on every page, since the list is always beside
//! them; painted cells cost a tenth of that. The cells are in the accessibility tree
//! all the same (as labels, when a screen reader or a test listens), and a name cut
//! short shows in full on hover, as a label's would.

use std::sync::Arc;

use egui::emath::GuiRounding as _;
use egui::{Color32, Galley, Rect, Sense, TextStyle, TextWrapMode, WidgetText, pos2, vec2};

use crate::analysis::{Band, ContactStats, Derived};
use crate::model::{Contact, Network};
use crate::state::{SortBy, ViewState};

/// Each column's title, the order a click on it sorts by, and its tooltip.
const COLUMNS: [(&str, SortBy, &str); 6] = [
    ("Name", SortBy::Name, ""),
    ("Band", SortBy::Band, "Where the give/receive balance stands"),
    ("Share", SortBy::Share, "Your share of the giving, decayed over time"),
    ("Mutual", SortBy::Mutual, "What flows both ways: the smaller of given and received"),
    ("Last touch", SortBy::LastTouch, "Latest exchange, check-in or introduction"),
    ("Overdue", SortBy::Overdue, "Days past the check-in cadence"),
];

/// The least width of each column. The name takes the rest of the row, at least this.
const LEAST: [f32; 6] = [120.0, 62.0, 40.0, 44.0, 80.0, 55.0];

/// How a cell's text is drawn.
#[derive(Clone, Copy, PartialEq)]
enum Tone {
    Normal,
    Weak,
    Warn,
}

/// The text of one cell, and its tone.
fn cells(
    network: &Network,
    derived: &Derived,
    contact: &Contact,
    stats: Option<&ContactStats>,
) -> [(String, Tone); 6] {
    let name = derived.name(network, contact.id);
    let name = if contact.archived {
        (format!("{name} (archived)"), Tone::Weak)
    } else {
        (name.to_owned(), Tone::Normal)
    };
    let dash = || ("—".to_owned(), Tone::Weak);
    let band =
        stats.map_or_else(|| (String::new(), Tone::Normal), |s| (s.band.label().to_owned(), Tone::Normal));
    let share = match stats.filter(|s| s.band != Band::Communal).and_then(|s| s.share) {
        Some(share) => (format!("{:.0}%", share * 100.0), Tone::Normal),
        None => dash(),
    };
    let mutual = match stats.filter(|s| s.mutual > 0.0) {
        Some(s) => (format!("{:.1}", s.mutual), Tone::Normal),
        None => dash(),
    };
    let last =
        stats.map_or_else(|| (String::new(), Tone::Normal), |s| (s.last_touch.to_string(), Tone::Normal));
    let overdue = match stats.map(|s| s.overdue_days) {
        Some(days) if days > 0 => (format!("{days} d"), Tone::Warn),
        _ => dash(),
    };
    [name, band, share, mutual, last, overdue]
}

/// The table: its header of sort buttons above the rows (drawn where only the visible
/// ones are). A click on a row selects its contact.
pub fn table_ui(
    ui: &mut egui::Ui,
    network: &Network,
    derived: &Derived,
    sort: &mut SortBy,
    view: &mut ViewState,
) {
    let row_height = ui.text_style_height(&TextStyle::Body) + 6.0;
    let gap = ui.spacing().item_spacing.x;
    // Columns are as wide as the widest text they have shown, so that they do not
    // move while scrolling (never narrower than their title).
    let widths_id = ui.make_persistent_id("contact_columns");
    let mut widths: [f32; 6] = ui.data(|d| d.get_temp(widths_id)).unwrap_or(LEAST);
    let titles = header_galleys(ui, *sort);
    for (width, title) in widths.iter_mut().zip(&titles).skip(1) {
        *width = width.max(title.size().x);
    }
    let header = ui.allocate_space(vec2(ui.available_width(), row_height)).1;
    let mut clicked = None;
    let rows = derived.contact_rows();
    let snapshot = derived.snapshot();
    let pitch = row_height + ui.spacing().item_spacing.y;
    let mut shown = widths;
    egui::ScrollArea::vertical().id_salt("contact_table").auto_shrink(false).show_rows(
        ui,
        row_height,
        rows.len(),
        |ui, range| {
            // Inside the sideways scroll of the columns: a row is reached along both.
            super::viewports::note_scroll_viewport(ui, [true, true]);
            if std::mem::take(&mut view.scroll_to_selected) {
                let at = rows
                    .iter()
                    .position(|&i| network.contacts.get(i).is_some_and(|c| Some(c.id) == view.selected));
                if let Some(at) = at {
                    let top = ui.cursor().top() + (at as f32 - range.start as f32) * pitch;
                    let rect = Rect::from_min_size(pos2(ui.cursor().left(), top), vec2(1.0, row_height));
                    ui.scroll_to_rect(rect, None);
                }
            }
            let contacts: Vec<(usize, &Contact)> = range
                .filter_map(|row| Some(row).zip(rows.get(row).and_then(|&i| network.contacts.get(i))))
                .collect();
            // Lay out the fixed columns first: they set the name's width.
            let texts: Vec<[(String, Tone); 6]> =
                contacts.iter().map(|(_, c)| cells(network, derived, c, snapshot.stats(c.id))).collect();
            let mut galleys: Vec<[Option<Arc<Galley>>; 6]> = Vec::with_capacity(texts.len());
            for row in &texts {
                let mut laid: [Option<Arc<Galley>>; 6] = Default::default();
                for (col, (text, _)) in row.iter().enumerate().skip(1) {
                    let galley = layout(ui, text, f32::INFINITY, TextWrapMode::Extend);
                    widths[col] = widths[col].max(galley.size().x);
                    laid[col] = Some(galley);
                }
                galleys.push(laid);
            }
            let fixed: f32 = widths[1..].iter().sum::<f32>() + gap * 5.0;
            widths[0] = (ui.available_width() - fixed).max(LEAST[0]);
            for (laid, row) in galleys.iter_mut().zip(&texts) {
                laid[0] = Some(layout(ui, &row[0].0, widths[0], TextWrapMode::Truncate));
            }
            let width = widths[0] + fixed;
            for (((row, contact), laid), text) in contacts.iter().zip(&galleys).zip(&texts) {
                let rect = ui.allocate_space(vec2(width, row_height)).1;
                let id = ui.scope_id().with(("contact_row", contact.id));
                let response = ui.interact(rect, id, Sense::click());
                let selected = view.selected == Some(contact.id);
                paint_row(ui, rect, *row, selected, response.hovered());
                let mut x = rect.left();
                for (col, (galley, (_, tone))) in laid.iter().zip(text).enumerate() {
                    let Some(galley) = galley else { continue };
                    let cell = Rect::from_min_max(pos2(x, rect.top()), pos2(x + widths[col], rect.bottom()));
                    let color =
                        if selected { ui.visuals().selection.stroke.color } else { tone_color(ui, *tone) };
                    let at = pos2(cell.left(), cell.center().y - 0.5 * galley.size().y).round_ui();
                    ui.painter().galley(at, galley.clone(), color);
                    x += widths[col] + gap;
                }
                describe_row(ui, &response, selected, text);
                // A name cut short shows in full on hover (not as the row's accessible
                // description, which holds the other columns).
                let response = if laid[0].as_ref().is_some_and(|g| g.elided) {
                    response.on_hover_ui(|ui| {
                        ui.set_max_width(ui.spacing().tooltip_width);
                        ui.label(&text[0].0);
                    })
                } else {
                    response
                };
                if response.clicked() {
                    clicked = Some(contact.id);
                }
            }
            shown = widths;
        },
    );
    // The titles as drawn (a button may pad its text) count from the next frame on.
    let titled = header_ui(ui, header, &shown, titles, sort);
    let mut kept = shown;
    for (width, title) in kept.iter_mut().zip(titled).skip(1) {
        *width = width.max(title);
    }
    kept[0] = LEAST[0];
    ui.data_mut(|d| d.insert_temp(widths_id, kept));
    if let Some(id) = clicked {
        view.select_contact(Some(id));
    }
}

/// The rows' background: stripes, the selected row, the row under the pointer (the
/// gaps between rows filled, as a table's cells fill them).
fn paint_row(ui: &egui::Ui, rect: Rect, row: usize, selected: bool, hovered: bool) {
    let visuals = ui.visuals();
    let fill = if selected {
        Some(visuals.selection.bg_fill)
    } else if hovered {
        Some(visuals.widgets.hovered.bg_fill)
    } else if row.is_multiple_of(2) {
        Some(visuals.faint_bg_color)
    } else {
        None
    };
    if let Some(fill) = fill {
        let gapless = rect.expand2(0.5 * ui.spacing().item_spacing).round_ui();
        ui.painter().rect_filled(gapless, 0.0, fill);
    }
}

fn tone_color(ui: &egui::Ui, tone: Tone) -> Color32 {
    match tone {
        Tone::Normal => ui.visuals().text_color(),
        Tone::Weak => ui.visuals().weak_text_color(),
        Tone::Warn => ui.visuals().warn_fg_color,
    }
}

/// `text` laid out in the body font, at most `width` wide.
fn layout(ui: &egui::Ui, text: &str, width: f32, wrap: TextWrapMode) -> Arc<Galley> {
    WidgetText::from(text).into_galley(ui, Some(wrap), width, TextStyle::Body)
}

/// The row in the accessibility tree (when a screen reader or a test listens): named
/// by the contact, selected or not, the other columns as its description.
fn describe_row(ui: &egui::Ui, response: &egui::Response, selected: bool, text: &[(String, Tone); 6]) {
    response
        .widget_info(|| egui::WidgetInfo::selected(egui::accesskit::Role::Row, true, selected, &text[0].0));
    ui.ctx().accesskit_node_builder(response.id, |node| {
        let columns: Vec<String> = COLUMNS
            .iter()
            .zip(text)
            .skip(1)
            .filter(|(_, (text, _))| !text.is_empty() && text != "—")
            .map(|((title, ..), (text, _))| format!("{title} {text}"))
            .collect();
        node.set_description(columns.join(", "));
    });
}

/// The titles, strong, the one of the order in use underlined.
fn header_galleys(ui: &egui::Ui, sort: SortBy) -> Vec<Arc<Galley>> {
    COLUMNS
        .iter()
        .map(|(title, order, _)| {
            let mut text = egui::RichText::new(*title).strong();
            if sort == *order {
                text = text.underline();
            }
            WidgetText::from(text).into_galley(
                ui,
                Some(TextWrapMode::Extend),
                f32::INFINITY,
                TextStyle::Button,
            )
        })
        .collect()
}

/// The column titles in `rect`: a click on one sorts by it. Returns their widths.
fn header_ui(
    ui: &mut egui::Ui,
    rect: Rect,
    widths: &[f32; 6],
    titles: Vec<Arc<Galley>>,
    sort: &mut SortBy,
) -> [f32; 6] {
    let gap = ui.spacing().item_spacing.x;
    let mut x = rect.left();
    let mut drawn = [0.0; 6];
    for ((((_, order, tip), width), title), drawn) in COLUMNS.iter().zip(widths).zip(titles).zip(&mut drawn) {
        let cell = Rect::from_min_max(pos2(x, rect.top()), pos2(x + width, rect.bottom()));
        let button = egui::Button::new(title).frame(false);
        let r = ui
            .scope_builder(
                egui::UiBuilder::new()
                    .max_rect(cell)
                    .layout(egui::Layout::left_to_right(egui::Align::Center)),
                |ui| ui.add(button),
            )
            .inner;
        *drawn = r.rect.width();
        let r = if tip.is_empty() { r } else { r.on_hover_text(format!("{tip}. Click to sort by it")) };
        if r.clicked() {
            *sort = *order;
        }
        x += width + gap;
    }
    drawn
}
