//! A record being written in a dialog (Ctrl+E, "Add promise"): not part of the
//! document until Save, which adds it as one undo step; Cancel adds nothing.

use crate::model::{Commitment, Exchange};

/// The record a draft dialog writes.
#[derive(Clone, Debug, PartialEq)]
pub enum Draft {
    Exchange(Exchange),
    Promise(Commitment),
}

/// The draft dialog: the record as typed so far, and as it was when it opened.
#[derive(Debug)]
pub struct DraftForm {
    /// Whom it is with, as the lists name them.
    pub name: String,
    pub record: Draft,
    /// The record as the dialog opened it: anything else was typed or chosen.
    pub opened: Draft,
    /// The first field takes the keyboard next frame (when the dialog opens, or after
    /// "Keep editing").
    pub focus: bool,
    /// Esc was pressed with something typed: asking whether to throw it away.
    pub confirm_discard: bool,
}

impl DraftForm {
    pub fn new(name: String, record: Draft) -> Self {
        Self { name, opened: record.clone(), record, focus: true, confirm_discard: false }
    }

    /// Whether closing would lose anything typed or chosen.
    pub fn has_typed(&self) -> bool {
        self.record != self.opened
    }
}
