//! The welcome card of the first run: what Rapport is, in one sentence, over the
//! sample network, with the ways to start.

use crate::state::Command;

/// What the welcome card's buttons lead to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WelcomeChoice {
    /// Run this command ("Open…", "New network", "Import contacts…").
    Run(Command),
    /// Close the card and look around the sample.
    Explore,
}

/// The card's one sentence.
pub const WELCOME_TEXT: &str = "Rapport keeps your professional network in one file of your own and shows, \
                                person by person, what you give and what you receive.";

/// Draws the welcome card, centred in the window; returns the button clicked.
pub fn welcome_ui(ctx: &egui::Context) -> Option<WelcomeChoice> {
    let mut choice = None;
    let width = (ctx.content_rect().width() - 48.0).clamp(240.0, 480.0);
    egui::Window::new("Welcome to Rapport")
        .collapsible(false)
        .resizable(false)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .fixed_size([width, 0.0])
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            ui.label(WELCOME_TEXT);
            ui.add_space(4.0);
            ui.weak("What you see now is a sample network of fictional people, dated as if it were today.");
            ui.add_space(8.0);
            ui.horizontal_wrapped(|ui| {
                let buttons = [
                    ("Open…", Command::Open),
                    ("New network", Command::New),
                    ("Import contacts…", Command::Import),
                ];
                for (label, command) in buttons {
                    if ui.button(label).on_hover_text(command.tooltip()).clicked() {
                        choice = Some(WelcomeChoice::Run(command));
                    }
                }
                let explore = ui.button("Explore the sample").on_hover_text("Close this and look around");
                if explore.clicked() {
                    choice = Some(WelcomeChoice::Explore);
                }
            });
        });
    choice
}
