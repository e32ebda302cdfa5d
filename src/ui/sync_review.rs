//! The review of a sync conflict copy's merge: what comes in, every conflict with the
//! value kept and a one-click switch to the other, then Merge (one undoable edit).

use crate::state::{ChooseBase, ModalAction, SyncReview};

pub fn sync_review_ui(ui: &mut egui::Ui, review: &SyncReview, answer: &mut Option<ModalAction>) {
    ui.heading(format!("Merge {}", review.copy.name));
    // What comes in and the conflicts scroll; Merge and Cancel below stay in view.
    super::dialog_body::scrolling_body(ui, "sync_review", |ui| {
        ui.label(format!(
            "{} left this copy when both devices changed the network. Merged against {}.",
            review.copy.tool, review.base
        ));
        ui.label(&review.changes);
        ui.separator();
        if review.rows.is_empty() {
            ui.label("No conflicts: every change made on one side only is taken.");
        } else {
            let n = review.rows.len();
            ui.strong(if n == 1 { "1 conflict".to_owned() } else { format!("{n} conflicts") });
            ui.weak(
                "Where both sides changed the same thing, this file's value is kept unless you switch it.",
            );
            for (i, row) in review.rows.iter().enumerate() {
                ui.separator();
                ui.strong(&row.place);
                ui.horizontal_wrapped(|ui| {
                    ui.weak(if row.switched { "Kept (switched):" } else { "Kept:" });
                    ui.add(egui::Label::new(&row.kept).wrap());
                });
                let label = format!("Use {} instead", shorten(&row.other));
                let button = ui
                    .add_enabled(!review.working, egui::Button::new(label))
                    .on_hover_text(format!("Keep the other side's: {}", row.other));
                button.widget_info(|| {
                    egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Switch {}", row.place))
                });
                if button.clicked() {
                    *answer = Some(ModalAction::SwitchConflict(i));
                }
            }
        }
    });
    ui.separator();
    ui.horizontal(|ui| {
        if review.working {
            ui.spinner();
            ui.label("Merging again…");
        }
        let merge = ui.add_enabled(!review.working, egui::Button::new("Merge"));
        if merge
            .on_hover_text("Apply as one step (Undo takes it back); the copy moves to an archive folder")
            .clicked()
        {
            *answer = Some(ModalAction::MergeCopy);
        }
        if ui.button("Cancel").clicked() {
            *answer = Some(ModalAction::Cancel);
        }
    });
}

pub fn choose_base_ui(ui: &mut egui::Ui, choice: &ChooseBase, answer: &mut Option<ModalAction>) {
    ui.heading(format!("Merge {}", choice.copy.name));
    ui.label(
        "The history of versions holds no version that both this file and the copy come from \
         (the copy may have been started on a device whose versions are not kept here). \
         Choose the version to compare both sides against: the one both were last alike.",
    );
    if choice.versions.is_empty() {
        ui.label("No versions of this file are kept here, so the copy cannot be merged safely.");
    }
    let height = super::dialog_body::body_max_height(ui).min(280.0);
    egui::ScrollArea::vertical().id_salt("sync_bases").max_height(height).show(ui, |ui| {
        super::viewports::note_scroll_viewport(ui, [false, true]);
        for (i, version) in choice.versions.iter().enumerate() {
            if ui.button(format!("The version {version}")).clicked() {
                *answer = Some(ModalAction::UseBase(i));
            }
        }
    });
    ui.separator();
    if ui.button("Cancel").clicked() {
        *answer = Some(ModalAction::Cancel);
    }
}

/// At most 40 characters of a value, for a button.
fn shorten(value: &str) -> String {
    let mut chars = value.chars();
    let short: String = chars.by_ref().take(40).collect();
    if chars.next().is_some() { format!("{short}…") } else { short }
}
