//! Typing that arrives faster than frames are drawn. egui reads a frame's events as one
//! batch, so when a batch holds both typing and something that moves the keyboard
//! focus (a click, Enter, Tab), the focus moves first and the typing lands in the wrong
//! field or nowhere: a slow frame (a software renderer, a big network) lost whole words
//! of a check-in typed at 12 ms a key. So each frame gets the events up to the first
//! such change, and the rest wait for the next frames, in order.

/// Whether `event` may move the keyboard focus: a click (press or release), Enter, Tab.
fn moves_focus(event: &egui::Event) -> bool {
    matches!(
        event,
        egui::Event::PointerButton { .. }
            | egui::Event::Key { key: egui::Key::Enter | egui::Key::Tab, pressed: true, .. }
    )
}

/// Whether `event` is typing that goes to the focused widget.
fn is_typing(event: &egui::Event) -> bool {
    matches!(
        event,
        egui::Event::Text(_)
            | egui::Event::Key { .. }
            | egui::Event::Paste(_)
            | egui::Event::Copy
            | egui::Event::Cut
            | egui::Event::Ime(_)
    ) && !moves_focus(event)
}

/// Splits `events` (in order) into those for this frame and those for the next: this
/// frame ends before a focus change that follows typing (the typing goes to the field
/// that has the keyboard now), or right after a focus change that typing follows (the
/// typing goes to the field it moved to). Events with no typing pass whole.
pub fn split_for_frame(mut events: Vec<egui::Event>) -> (Vec<egui::Event>, Vec<egui::Event>) {
    let mut typed = false;
    let mut cut = None;
    for (i, event) in events.iter().enumerate() {
        if moves_focus(event) {
            if typed {
                cut = Some(i);
                break;
            }
            if events[i + 1..].iter().any(is_typing) {
                // A click is its press and its release: both go with this frame.
                let release = matches!(event, egui::Event::PointerButton { pressed: true, .. })
                    .then(|| {
                        events[i + 1..]
                            .iter()
                            .position(|e| matches!(e, egui::Event::PointerButton { pressed: false, .. }))
                            .map(|at| i + 1 + at)
                    })
                    .flatten();
                cut = Some(release.unwrap_or(i) + 1);
                break;
            }
        } else if is_typing(event) {
            typed = true;
        }
    }
    match cut {
        Some(at) if at < events.len() && at > 0 => {
            let later = events.split_off(at);
            (events, later)
        }
        _ => (events, Vec::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> egui::Event {
        egui::Event::Text(s.to_owned())
    }

    fn button(pressed: bool) -> egui::Event {
        egui::Event::PointerButton {
            pos: egui::Pos2::ZERO,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        }
    }

    fn enter() -> egui::Event {
        egui::Event::Key {
            key: egui::Key::Enter,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        }
    }

    /// Every batch is cut into frames with at most one focus change, at a boundary, and
    /// nothing is lost or reordered.
    #[test]
    fn typing_and_focus_changes_go_to_separate_frames_in_order() {
        let batch = vec![
            button(true),
            button(false),
            text("L"),
            text("a"),
            button(true),
            button(false),
            text("H"),
            enter(),
            text("B"),
        ];
        let mut frames = Vec::new();
        let mut rest = batch.clone();
        while !rest.is_empty() {
            let (now, later) = split_for_frame(rest);
            assert!(!now.is_empty(), "every frame takes something");
            frames.push(now);
            rest = later;
        }
        let lengths: Vec<usize> = frames.iter().map(Vec::len).collect();
        // click | L a | click | H | Enter | B
        assert_eq!(lengths, [2, 2, 2, 1, 1, 1]);
        assert_eq!(frames.concat(), batch);
        // Typing alone, or clicks alone, pass whole.
        assert_eq!(split_for_frame(vec![text("a"), text("b")]).1, vec![]);
        assert_eq!(split_for_frame(vec![button(true), button(false)]).1, vec![]);
    }
}
