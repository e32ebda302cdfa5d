//! The one date rule: every date field takes a typed `YYYY-MM-DD` or a pick from the
//! calendar. A date that does not exist, or text that is not a date, is said inline
//! next to the field and kept as typed; the record keeps its date until the text is
//! one (never a silent fallback), and a dialog's Save waits for it.

use jiff::civil::Date;

/// A date typed as `YYYY-MM-DD`, or why it is not one.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let shaped = text.len() == 10
        && text.char_indices().all(|(i, c)| if i == 4 || i == 7 { c == '-' } else { c.is_ascii_digit() });
    if !shaped {
        return Err("Type a date as YYYY-MM-DD".to_owned());
    }
    text.parse::<Date>().map_err(|_| format!("No such date: {text}"))
}

/// A date field (`label` is its accessible name); returns its response (changed when
/// the date changed) and whether what it shows is a date.
pub fn date_field(ui: &mut egui::Ui, label: &str, id_salt: &str, date: &mut Date) -> (egui::Response, bool) {
    let id = ui.make_persistent_id(("date_field", id_salt));
    // Text that is not (yet) a date is kept here; otherwise the field shows the date.
    let typed: Option<String> = ui.data(|d| d.get_temp(id));
    let mut text = typed.clone().unwrap_or_else(|| date.to_string());
    let inner = ui.horizontal(|ui| {
        let mut field =
            ui.add(egui::TextEdit::singleline(&mut text).id(id).desired_width(86.0).hint_text("YYYY-MM-DD"));
        field.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, label));
        let mut picked = *date;
        let picker = ui
            .add(
                egui_extras::DatePickerButton::new(&mut picked)
                    .id_salt(id_salt)
                    // The button opens the calendar; the field beside it shows the date.
                    .format("Pick…")
                    .calendar_week(false)
                    .show_icon(false)
                    .start_end_years(1950..=2100),
            )
            .on_hover_text(format!("Pick the {} from a calendar", label.to_lowercase()));
        let mut valid = true;
        if picker.changed() && picked != *date {
            *date = picked;
            ui.data_mut(|d| d.remove::<String>(id));
            field.mark_changed();
        } else if field.changed() || typed.is_some() {
            match parse_date(&text) {
                Ok(new) => {
                    ui.data_mut(|d| d.remove::<String>(id));
                    if new != *date {
                        *date = new;
                        field.mark_changed();
                    }
                }
                Err(why) => {
                    ui.data_mut(|d| d.insert_temp(id, text.clone()));
                    ui.colored_label(ui.visuals().error_fg_color, why);
                    valid = false;
                }
            }
        }
        (field, valid)
    });
    inner.inner
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn a_date_is_yyyy_mm_dd_and_must_exist() {
        assert_eq!(parse_date("2026-02-28"), Ok(jiff::civil::date(2026, 2, 28)));
        assert_eq!(parse_date(" 2024-02-29 "), Ok(jiff::civil::date(2024, 2, 29)));
        assert_eq!(parse_date("2026-02-30"), Err("No such date: 2026-02-30".to_owned()));
        assert_eq!(parse_date("2025-02-29"), Err("No such date: 2025-02-29".to_owned()));
        for wrong in ["next week", "", "2026-2-3", "26-02-03", "2026/02/03", "2026-02-03T10:00"] {
            assert_eq!(parse_date(wrong), Err("Type a date as YYYY-MM-DD".to_owned()), "{wrong}");
        }
    }
}
