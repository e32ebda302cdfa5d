//! A contact's important dates (birthdays, anniversaries): label, day and month, and
//! the year when known. Only dates that exist are kept (29 February only without a
//! year or in a leap year); the agenda lists them as they come round.

use crate::model::{Contact, ImportantDate};
use crate::state::{Action, EditRequest};

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The dates of `c`, editable; `changed` is set when one changed.
pub fn dates_ui(
    ui: &mut egui::Ui,
    c: &mut Contact,
    changed: &mut Option<&'static str>,
    actions: &mut Vec<Action>,
) {
    let mut remove = None;
    for (i, date) in c.dates.iter_mut().enumerate() {
        ui.push_id(("date", i), |ui| {
            ui.horizontal(|ui| {
                let mut draft = date.clone();
                let label = ui.label("Label");
                ui.add(egui::TextEdit::singleline(&mut draft.label).desired_width(120.0))
                    .labelled_by(label.id);
                let month_label =
                    MONTHS.get(usize::try_from(draft.month - 1).unwrap_or(0)).copied().unwrap_or("?");
                let month =
                    egui::ComboBox::from_id_salt("month").selected_text(month_label).show_ui(ui, |ui| {
                        for (m, name) in (1i8..).zip(MONTHS) {
                            ui.selectable_value(&mut draft.month, m, name);
                        }
                    });
                month.response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::ComboBox, true, "Month"));
                let mut known = draft.year.is_some();
                // The days of the month (of that year, or of a leap year): the day is
                // kept within them as month and year change.
                let last_day = |month: i8, year: Option<i16>| {
                    jiff::civil::Date::new(year.unwrap_or(2000), month, 1).map_or(31, |d| d.days_in_month())
                };
                let day = ui.label("day");
                let max = last_day(draft.month, draft.year);
                ui.add(egui::DragValue::new(&mut draft.day).range(1..=max)).labelled_by(day.id);
                let year_box = ui.checkbox(&mut known, "year");
                if year_box.changed() {
                    draft.year = known.then_some(2000);
                }
                if let Some(year) = draft.year.as_mut() {
                    ui.add(egui::DragValue::new(year).range(1..=9999)).labelled_by(year_box.id);
                }
                draft.day = draft.day.clamp(1, last_day(draft.month, draft.year));
                // Only a date that exists is kept (the day is clamped above; this is the rule).
                match ImportantDate::new(draft.label.clone(), draft.month, draft.day, draft.year) {
                    Ok(valid) if valid != *date => {
                        *date = valid;
                        *changed = Some("dates");
                    }
                    Ok(_) => {}
                    Err(why) => {
                        ui.colored_label(ui.visuals().error_fg_color, why);
                    }
                }
                if ui.small_button("Remove").on_hover_text("Remove this date").clicked() {
                    remove = Some(i);
                }
            });
        });
    }
    if let Some(i) = remove {
        c.dates.remove(i);
        *changed = Some("dates");
    }
    if ui
        .button("Add date")
        .on_hover_text("A birthday or an anniversary: the agenda lists it as it comes round")
        .clicked()
    {
        let mut with_date = c.clone();
        with_date.dates.push(
            ImportantDate::new("Birthday", 1, 1, None).unwrap_or_else(|_| unreachable!("1 January exists")),
        );
        actions.push(Action::edit(EditRequest::new(
            "Add date",
            crate::model::Edit::Contacts(crate::model::Change::Put(with_date)),
        )));
    }
}
