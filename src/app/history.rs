//! Undo and redo: stacks of inverse edits, with consecutive edits of the same field
//! merged into one step so that typing a name is undone in one go.

use crate::model::{Edit, Network, Touched};

/// What an edit changes, so that consecutive edits of the same thing merge.
pub type MergeKey = Option<String>;

struct Step {
    label: String,
    inverse: Edit,
    merge_key: MergeKey,
    /// The document's content id once `inverse` is applied: undoing back to the state
    /// that was saved makes the document clean again.
    restores: u64,
    /// Tells steps apart: a toast's Undo takes back only the step it was shown for.
    id: u64,
}

#[derive(Default)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Set after undo/redo or a save, so that the next edit starts a new step.
    sealed: bool,
    /// The id the next new step gets.
    next_id: u64,
}

impl History {
    /// Applies `edit` to `network`, whose content id is `current`, and records how to
    /// undo it; what it touched is added to `touched`.
    pub fn apply(
        &mut self,
        network: &mut Network,
        current: u64,
        edit: (String, Edit, MergeKey),
        touched: &mut Touched,
    ) {
        let (label, edit, merge_key) = edit;
        let inverse = edit.apply_tracked(network, touched);
        self.redo.clear();
        let merges = !self.sealed
            && merge_key.is_some()
            && self.undo.last().is_some_and(|last| last.merge_key == merge_key);
        self.sealed = false;
        if !merges {
            let id = self.new_id();
            self.undo.push(Step { label, inverse, merge_key, restores: current, id });
        }
        // When merging, the older inverse already restores the state before the run.
    }

    /// Undoes the last step of `network`, whose content id is `current`; returns the
    /// content id the network is back to. What it touched is added to `touched`.
    pub fn undo(&mut self, network: &mut Network, current: u64, touched: &mut Touched) -> Option<u64> {
        let step = self.undo.pop()?;
        let redo = step.inverse.apply_tracked(network, touched);
        // The same step, undone: Redo brings back the step a toast may still offer to undo.
        let id = step.id;
        self.redo.push(Step { label: step.label, inverse: redo, merge_key: None, restores: current, id });
        self.sealed = true;
        Some(step.restores)
    }

    /// Redoes the last undone step of `network`, whose content id is `current`; returns
    /// the content id the network is back to. What it touched is added to `touched`.
    pub fn redo(&mut self, network: &mut Network, current: u64, touched: &mut Touched) -> Option<u64> {
        let step = self.redo.pop()?;
        let undo = step.inverse.apply_tracked(network, touched);
        let id = step.id;
        self.undo.push(Step { label: step.label, inverse: undo, merge_key: None, restores: current, id });
        self.sealed = true;
        Some(step.restores)
    }

    fn new_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    /// The step Undo would take back now (an id no other step has had).
    pub fn newest_step(&self) -> Option<u64> {
        self.undo.last().map(|s| s.id)
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Ends the current merge run (after a save, or a change of selection).
    pub fn seal(&mut self) {
        self.sealed = true;
    }
}
