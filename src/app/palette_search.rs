//! The palette's searches of a large network, on a thread of their own (see
//! [`crate::state::SearchJob`]): a key typed is drawn at once, over the list found
//! before, and the thread wakes the window when the key's list is found.

use std::sync::mpsc::{Receiver, RecvTimeoutError, TryRecvError};
use std::time::Duration;

use crate::state::{PaletteState, SearchJob, Searched};

/// How long a key that acts on the list (Enter, Up, Down) waits for the list of what
/// was typed before it: a search takes a few milliseconds, so this is only reached
/// when something went wrong, and the list found before is acted on.
const LONGEST_WAIT: Duration = Duration::from_secs(2);

/// The search under way, if any.
#[derive(Default)]
pub(super) struct PaletteSearch {
    answer: Option<Receiver<Searched>>,
}

impl PaletteSearch {
    /// Takes a finished search, then starts the next one the palette asks for. With
    /// `settle` (a key that acts on the list was pressed) it waits instead, and
    /// searches what is typed in this frame, so that Enter runs what the query finds,
    /// not what the query before it found.
    pub(super) fn follow(
        &mut self,
        ctx: &egui::Context,
        palette: &mut PaletteState,
        network: &crate::model::Network,
        revision: u64,
        settle: bool,
    ) {
        if let Some(answer) = &self.answer {
            let received = if settle {
                answer.recv_timeout(LONGEST_WAIT).map_err(|error| error == RecvTimeoutError::Disconnected)
            } else {
                answer.try_recv().map_err(|error| error == TryRecvError::Disconnected)
            };
            match received {
                Ok(searched) => {
                    palette.receive(searched);
                    self.answer = None;
                }
                // The thread ended without an answer (it panicked, and said so).
                Err(true) => {
                    palette.stop_waiting();
                    self.answer = None;
                }
                Err(false) if settle => log::warn!("palette: a search takes over {LONGEST_WAIT:?}"),
                Err(false) => return,
            }
        }
        let Some(job) = palette.refresh(network, revision) else { return };
        if settle {
            palette.receive(job.run());
        } else {
            self.answer = start(ctx, job, palette);
        }
    }

    /// Forgets the search under way (the palette was closed): its answer is dropped.
    pub(super) fn forget(&mut self) {
        self.answer = None;
    }
}

/// Runs `job` on a thread of its own that wakes `ctx` when done (the window's frame
/// comes first; at rest the search runs as fast as before); where no thread can be
/// started, runs it here.
fn start(ctx: &egui::Context, job: SearchJob, palette: &mut PaletteState) -> Option<Receiver<Searched>> {
    match super::background::run_on_thread("palette search", ctx, job, SearchJob::run) {
        Ok(receiver) => Some(receiver),
        Err(job) => {
            palette.receive(job.run());
            None
        }
    }
}
