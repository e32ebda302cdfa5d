//! Long work off the UI thread: opening a large network file.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::Instant;

use crate::model::Network;
use crate::store::{self, LoadError};

/// Files at least this large open in the background, with progress and Cancel.
pub const BACKGROUND_OPEN_BYTES: u64 = 4 * 1024 * 1024;

/// A file being read and parsed on another thread.
pub struct OpenJob {
    pub path: PathBuf,
    pub bytes: u64,
    pub started: Instant,
    receiver: Receiver<Result<(Network, store::FileStamp), LoadError>>,
}

impl OpenJob {
    /// Starts loading `path`; `ctx` is woken when it is done.
    pub fn start(ctx: &egui::Context, path: PathBuf, bytes: u64) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let job_path = path.clone();
        std::thread::Builder::new().name("open-network".into()).spawn(move || {
            // The receiver is gone when the user cancelled: nothing to do then.
            let _ = sender.send(store::load_stamped(&job_path));
            ctx.request_repaint();
        })?;
        Ok(Self { path, bytes, started: Instant::now(), receiver })
    }

    /// The result once there is one.
    pub fn poll(&self) -> Option<Result<(Network, store::FileStamp), LoadError>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(LoadError::Read {
                path: self.path.clone(),
                source: std::io::Error::other("the loading thread stopped unexpectedly"),
            })),
        }
    }
}

/// The progress window of an open job; returns true when the user cancels.
pub fn open_job_ui(ctx: &egui::Context, job: &OpenJob) -> bool {
    let mut cancel = false;
    egui::Modal::new(egui::Id::unique("open_job")).show(ctx, |ui| {
        let name = job
            .path
            .file_name()
            .map_or_else(|| job.path.display().to_string(), |n| n.to_string_lossy().into());
        ui.heading(format!("Opening {name}"));
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label(format!(
                "Reading and checking {:.1} MB… {:.1} s",
                job.bytes as f64 / 1_048_576.0,
                job.started.elapsed().as_secs_f64()
            ));
        });
        ui.weak("The window stays usable; your current network is unchanged until this finishes.");
        if ui.button("Cancel").clicked() {
            cancel = true;
        }
    });
    // Keep the elapsed time moving while waiting; nothing repaints once the job is done.
    ctx.request_repaint_after(std::time::Duration::from_millis(100));
    cancel
}

/// Networks with at least this many exchanges are saved in the background.
pub const BACKGROUND_SAVE_EXCHANGES: usize = 20_000;

/// How a background save ended.
pub enum SaveOutcome {
    Saved(store::FileStamp),
    /// The file changed on disk since it was loaded: nothing was written.
    ChangedOnDisk,
    /// What failed, with the path; the file on disk is as it was.
    Failed(String),
}

/// A save running on another thread over a shared snapshot of the network.
pub struct SaveJob {
    pub path: PathBuf,
    /// The content id of the snapshot: marked saved when the job succeeds.
    pub content: u64,
    pub then: Option<super::Next>,
    pub started: Instant,
    receiver: Receiver<SaveOutcome>,
}

impl SaveJob {
    /// Writes `network` to `path`; with `stamp`, first checks the file is unchanged.
    pub fn start(
        ctx: &egui::Context,
        path: PathBuf,
        network: std::sync::Arc<Network>,
        content: u64,
        stamp: Option<store::FileStamp>,
        then: Option<super::Next>,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let job_path = path.clone();
        std::thread::Builder::new().name("save-network".into()).spawn(move || {
            let changed = stamp
                .is_some_and(|s| matches!(store::check_on_disk(&job_path, &s), Ok(store::OnDisk::Changed)));
            let outcome = if changed {
                SaveOutcome::ChangedOnDisk
            } else {
                // Text first, then the network is let go: an edit made during the
                // disk work (most of a save) changes it without copying it.
                let text = store::to_string(&network);
                drop(network);
                match store::save_text_stamped(&job_path, &text) {
                    Ok(stamp) => SaveOutcome::Saved(stamp),
                    Err(error) => SaveOutcome::Failed(error.to_string()),
                }
            };
            let _ = sender.send(outcome);
            ctx.request_repaint();
        })?;
        Ok(Self { path, content, then, started: Instant::now(), receiver })
    }

    pub fn poll(&self) -> Option<SaveOutcome> {
        match self.receiver.try_recv() {
            Ok(outcome) => Some(outcome),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(SaveOutcome::Failed(format!(
                "could not save {}: the saving thread stopped unexpectedly",
                self.path.display()
            ))),
        }
    }
}
