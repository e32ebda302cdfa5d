//! Toasts: a short note at the bottom right after a one-click action ("Marked done ·
//! Undo"), for a few seconds. Runtime state only: never saved.

/// How long a toast stays, in seconds.
pub const TOAST_SECONDS: f64 = 5.0;

/// How many toasts are on screen at most (the oldest goes first).
const MAX_TOASTS: usize = 3;

/// One toast on screen.
#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    /// Tells toasts apart (the Undo button of this one).
    pub id: u64,
    /// What was done: "Marked done".
    pub text: String,
    /// The undo step the action made; its Undo takes back exactly that step.
    pub undo_step: Option<u64>,
    /// Why Undo did not happen (a later step came after it), shown instead of Undo.
    pub note: Option<String>,
    /// When it goes, in egui's input time (seconds).
    pub until: f64,
}

/// The toasts on screen, oldest first.
#[derive(Debug, Default)]
pub struct Toasts {
    items: Vec<Toast>,
    next_id: u64,
}

impl Toasts {
    /// Shows `text` from `now` on, with an Undo of `undo_step`.
    pub fn show(&mut self, text: impl Into<String>, undo_step: Option<u64>, now: f64) -> u64 {
        self.next_id += 1;
        let id = self.next_id;
        self.items.push(Toast { id, text: text.into(), undo_step, note: None, until: now + TOAST_SECONDS });
        if self.items.len() > MAX_TOASTS {
            self.items.remove(0);
        }
        id
    }

    /// The toasts on screen, oldest first.
    pub fn items(&self) -> &[Toast] {
        &self.items
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, id: u64) -> Option<&Toast> {
        self.items.iter().find(|t| t.id == id)
    }

    /// Removes the toast `id`.
    pub fn dismiss(&mut self, id: u64) {
        self.items.retain(|t| t.id != id);
    }

    /// The toast `id` says `note` instead of offering Undo, for a full time again.
    pub fn explain(&mut self, id: u64, note: impl Into<String>, now: f64) {
        if let Some(toast) = self.items.iter_mut().find(|t| t.id == id) {
            toast.note = Some(note.into());
            toast.until = now + TOAST_SECONDS;
        }
    }

    /// Removes the toasts whose time is over; returns how long until the next one goes.
    pub fn expire(&mut self, now: f64) -> Option<std::time::Duration> {
        self.items.retain(|t| t.until > now);
        self.items
            .iter()
            .map(|t| t.until - now)
            .min_by(f64::total_cmp)
            .map(|seconds| std::time::Duration::from_secs_f64(seconds.max(0.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_toast_goes_after_its_time_and_says_when_the_next_goes() {
        let mut toasts = Toasts::default();
        toasts.show("Marked done", Some(1), 10.0);
        toasts.show("Thanked", Some(2), 12.0);
        assert_eq!(toasts.expire(11.0), Some(std::time::Duration::from_secs(4)));
        assert_eq!(toasts.expire(15.5).map(|d| d.as_secs_f64()), Some(1.5));
        assert_eq!(toasts.items().len(), 1);
        assert_eq!(toasts.expire(17.0), None);
        assert!(toasts.is_empty());
    }

    #[test]
    fn no_more_than_three_toasts_the_oldest_goes_first() {
        let mut toasts = Toasts::default();
        let first = toasts.show("a", None, 0.0);
        for text in ["b", "c", "d"] {
            toasts.show(text, None, 0.0);
        }
        assert!(toasts.get(first).is_none());
        assert_eq!(toasts.items().iter().map(|t| t.text.as_str()).collect::<Vec<_>>(), ["b", "c", "d"]);
    }
}
