//! Progress for long command-line work: a bar (or a spinner when there is nothing to
//! count) with the elapsed time, on stderr, only when stderr is a terminal and only
//! once the work has taken long enough to need one. Piped, nothing is drawn.

use std::io::IsTerminal;
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};

use crate::model::Network;
use crate::store::{self, LoadError};

/// Work done sooner than this shows nothing, so quick commands do not flicker.
const SHOW_AFTER: Duration = Duration::from_millis(250);
/// How often the bar is brought up to date.
const TICK: Duration = Duration::from_millis(80);

/// Runs `work` with a spinner showing `message` and the elapsed time.
pub fn with_spinner<T: Send>(message: &str, work: impl FnOnce() -> T + Send) -> T {
    run(message, None, work)
}

/// Runs `work` with a bar of `done` (which `work` adds to) out of `total` bytes.
pub fn with_bar<T: Send>(message: &str, total: u64, done: &AtomicU64, work: impl FnOnce() -> T + Send) -> T {
    run(message, Some((total, done)), work)
}

/// Loads a network file as [`store::load`] does, with a bar of the bytes parsed.
pub fn load(path: &Path) -> Result<Network, LoadError> {
    load_stamped(path).map(|(network, _)| network)
}

/// [`load`], with the stamp of the bytes read (a command that saves the network again
/// writes its lineage as the new file's `parent`).
pub fn load_stamped(path: &Path) -> Result<(Network, store::FileStamp), LoadError> {
    let done = AtomicU64::new(0);
    let total = std::fs::metadata(path).map_or(0, |meta| meta.len());
    with_bar(&format!("reading {}", path.display()), total, &done, || {
        store::load_stamped_with_progress(path, &done)
    })
}

fn run<T: Send>(message: &str, count: Option<(u64, &AtomicU64)>, work: impl FnOnce() -> T + Send) -> T {
    if !std::io::stderr().is_terminal() {
        return work();
    }
    let (sender, receiver) = mpsc::channel();
    std::thread::scope(|scope| {
        let worker = scope.spawn(move || {
            let result = work();
            // Wakes the drawing loop at once; it is there until the scope ends.
            let _ = sender.send(());
            result
        });
        let started = Instant::now();
        let mut bar: Option<ProgressBar> = None;
        // Ends when the work is done, or has panicked (the sender is gone then).
        while let Err(mpsc::RecvTimeoutError::Timeout) = receiver.recv_timeout(TICK) {
            if started.elapsed() < SHOW_AFTER {
                continue;
            }
            let bar = bar.get_or_insert_with(|| new_bar(message, count.map(|(total, _)| total), started));
            if let Some((_, done)) = count {
                bar.set_position(done.load(Ordering::Relaxed));
            }
        }
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        match worker.join() {
            Ok(result) => result,
            Err(panic) => std::panic::resume_unwind(panic),
        }
    })
}

fn new_bar(message: &str, total: Option<u64>, started: Instant) -> ProgressBar {
    let (bar, template) = match total {
        Some(total) if total > 0 => {
            (ProgressBar::new(total), "{msg} [{bar:30}] {binary_bytes}/{binary_total_bytes} {elapsed}")
        }
        _ => (ProgressBar::new_spinner(), "{spinner} {msg} {elapsed}"),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(message.to_owned());
    bar.set_elapsed(started.elapsed());
    bar.enable_steady_tick(TICK);
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn work_gives_its_result_with_or_without_a_terminal() {
        assert_eq!(with_spinner("adding", || 2 + 2), 4);
        let done = AtomicU64::new(0);
        let out = with_bar("counting", 10, &done, || {
            done.store(10, Ordering::Relaxed);
            "done"
        });
        assert_eq!(out, "done");
    }
}
