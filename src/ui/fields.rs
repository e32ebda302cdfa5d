//! Small labelled editors used by the record forms. Each edits a local copy and
//! says whether it changed; every input carries an accessible name.

use jiff::civil::Date;

/// The width from the cursor to the right edge of what is on screen: a field this
/// wide fits the window (a field as wide as the space left would keep a grid as wide
/// as it was before the window shrank, and widen everything below it).
pub fn width_in_view(ui: &egui::Ui) -> f32 {
    (ui.clip_rect().right() - ui.cursor().left() - ui.spacing().item_spacing.x).max(60.0)
}

/// A label cell followed by a one-line text field as wide as the window allows.
pub fn text_row(ui: &mut egui::Ui, label: &str, value: &mut String) -> egui::Response {
    let label = ui.label(label);
    let width = width_in_view(ui);
    let response = ui.add(egui::TextEdit::singleline(value).desired_width(width)).labelled_by(label.id);
    ui.end_row();
    response
}

/// A label cell followed by a multi-line text field.
pub fn multiline_row(ui: &mut egui::Ui, label: &str, value: &mut String) -> egui::Response {
    let label = ui.label(label);
    let width = width_in_view(ui);
    let response =
        ui.add(egui::TextEdit::multiline(value).desired_rows(3).desired_width(width)).labelled_by(label.id);
    ui.end_row();
    response
}

/// A list of short strings edited as one comma-separated field. While the field
/// has focus its text is kept as typed, so a trailing comma survives.
pub fn list_row(ui: &mut egui::Ui, label: &str, values: &mut Vec<String>) -> egui::Response {
    let response = list_field(ui, label, values);
    ui.end_row();
    response
}

/// [`list_row`] that suggests existing words (tags, topics) for the item being typed.
pub fn list_row_suggesting(
    ui: &mut egui::Ui,
    label: &str,
    values: &mut Vec<String>,
    vocabulary: &[String],
) -> egui::Response {
    let mut response = list_field(ui, label, values);
    let typing = values.last().cloned().unwrap_or_default();
    if let Some(chosen) = suggestions_ui(ui, &response, &typing, vocabulary) {
        values.pop();
        values.push(chosen);
        response.mark_changed();
        ui.data_mut(|d| d.remove::<String>(response.id));
    }
    ui.end_row();
    response
}

/// While `field` has focus, lists up to six words of `vocabulary` containing what is
/// typed (ignoring case); returns the one clicked.
pub fn suggestions_ui(
    ui: &mut egui::Ui,
    field: &egui::Response,
    typed: &str,
    vocabulary: &[String],
) -> Option<String> {
    let popup_id = field.id.with("suggestions");
    let hovered_before = ui.data(|d| d.get_temp::<bool>(popup_id)).unwrap_or(false);
    let needle = crate::analysis::normalize_topic(typed);
    if needle.is_empty() || !(field.has_focus() || hovered_before) {
        ui.data_mut(|d| d.remove::<bool>(popup_id));
        return None;
    }
    let matches: Vec<&String> = vocabulary
        .iter()
        .filter(|word| {
            let word = crate::analysis::normalize_topic(word);
            word.contains(&needle) && word != needle
        })
        .take(6)
        .collect();
    if matches.is_empty() {
        return None;
    }
    let mut chosen = None;
    let area = egui::Area::new(popup_id)
        .order(egui::Order::Foreground)
        .fixed_pos(field.rect.left_bottom())
        .show(ui.ctx(), |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                for word in matches {
                    if ui.selectable_label(false, word.as_str()).clicked() {
                        chosen = Some(word.clone());
                    }
                }
            });
        });
    let hovered = area.response.contains_pointer();
    ui.data_mut(|d| d.insert_temp(popup_id, hovered && chosen.is_none()));
    chosen
}

/// A label followed by a comma-separated list field, in the current row.
pub fn list_field(ui: &mut egui::Ui, label: &str, values: &mut Vec<String>) -> egui::Response {
    let label_response = ui.label(label);
    let id = ui.make_persistent_id(("list", label));
    let mut text = ui.data(|d| d.get_temp::<String>(id)).unwrap_or_else(|| values.join(", "));
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .hint_text("comma-separated")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label_response.id);
    if response.has_focus() {
        ui.data_mut(|d| d.insert_temp(id, text.clone()));
    } else {
        ui.data_mut(|d| d.remove::<String>(id));
    }
    if response.changed() {
        *values = split_list(&text);
    }
    response
}

/// "a, b ,, c" → ["a", "b", "c"].
pub fn split_list(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

/// A label cell followed by a date field.
pub fn date_row(ui: &mut egui::Ui, label: &str, id_salt: &str, date: &mut Date) -> egui::Response {
    ui.label(label);
    let response = date_picker(ui, label, id_salt, date);
    ui.end_row();
    response
}

/// A date field, typed or picked (see [`super::date_field`]); changed when the date did.
pub fn date_picker(ui: &mut egui::Ui, label: &str, id_salt: &str, date: &mut Date) -> egui::Response {
    super::date_field::date_field(ui, label, id_salt, date).0
}

/// Enter in a single-line field of a form moves the keyboard to the next field; Enter
/// in the last one finishes the form. Give it each field in order.
#[derive(Default)]
pub struct EnterMovesOn {
    next: bool,
}

impl EnterMovesOn {
    /// `field` is the next field of the form.
    pub fn field(&mut self, ui: &egui::Ui, field: &egui::Response) {
        if std::mem::take(&mut self.next) {
            field.request_focus();
        }
        if field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter)) {
            self.next = true;
        }
    }

    /// Whether Enter was pressed in the last field.
    pub fn finished(&self) -> bool {
        self.next
    }
}

/// Whether Esc just took the keyboard away from `field`.
pub fn escaped(ui: &egui::Ui, field: &egui::Response) -> bool {
    field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape))
}

/// The line under a form that says what Enter and Esc do.
pub fn keys_hint(ui: &mut egui::Ui, text: &str) {
    ui.weak(text);
}

/// What the question of a form closed with typed text got.
pub enum Discard {
    Yes,
    KeepEditing,
}

/// "Throw away what you typed?" with Discard and Keep editing: the one question every
/// form with typed text asks before closing; `None` while unanswered.
pub fn discard_prompt_ui(ui: &mut egui::Ui) -> Option<Discard> {
    ui.colored_label(ui.visuals().warn_fg_color, "Throw away what you typed?");
    ui.horizontal(|ui| {
        let discard = ui.button("Discard").clicked();
        let keep = ui.button("Keep editing").clicked();
        if discard {
            Some(Discard::Yes)
        } else if keep {
            Some(Discard::KeepEditing)
        } else {
            None
        }
    })
    .inner
}
