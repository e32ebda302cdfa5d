//! Long work off the UI thread: opening a large network file, saving a large one, and
//! small disk work of any kind ([`Task`]).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::Instant;

use crate::analysis::Derived;
use crate::model::Network;
use crate::store::{self, LoadError};

/// Every file opens in the background; one at least this large (or taking longer than
/// [`PROGRESS_AFTER`]) shows its progress, with Cancel.
pub const BACKGROUND_OPEN_BYTES: u64 = 4 * 1024 * 1024;

/// Opening a smaller file shows its progress once it takes this long.
pub const PROGRESS_AFTER: std::time::Duration = std::time::Duration::from_millis(300);

/// A file being read and parsed on another thread. All its disk work is done there:
/// its size, the text, its canonical path, the lock, and on failure, whether a backup
/// is beside it.
pub struct OpenJob {
    pub path: PathBuf,
    /// Open as an untitled copy (see `App::open_copy`).
    pub as_copy: bool,
    /// The file's size once the job has looked (0 until then).
    bytes: Arc<AtomicU64>,
    pub started: Instant,
    receiver: Receiver<Result<Opened, Failed>>,
}

/// A network read, and what was found out on the way.
pub struct Opened {
    pub network: Network,
    pub stamp: store::FileStamp,
    /// What its pages read, built for revision 0 on the as-of date the open began with.
    pub derived: Box<Derived>,
    /// The path as the list of recent files keeps it.
    pub canonical: PathBuf,
    /// The lock taken for it, when asked to take one.
    pub lock: Option<Result<store::DocumentLock, store::LockError>>,
    /// The passphrase that opened it, when it is encrypted.
    pub key: Option<store::Key>,
}

/// A file that could not be read, and the backup beside it, if there is one.
pub struct Failed {
    pub error: LoadError,
    pub backup: Option<PathBuf>,
}

impl OpenJob {
    /// Starts loading `path`, and building what its pages read on `as_of`; with `lock`,
    /// also locks the file. `ctx` is woken when it is done.
    pub fn start(
        ctx: &egui::Context,
        path: PathBuf,
        as_of: jiff::civil::Date,
        lock: bool,
    ) -> std::io::Result<Self> {
        Self::start_with_key(ctx, path, as_of, lock, None)
    }

    /// [`Self::start`], decrypting with `key` when the file is encrypted (the key
    /// derivation runs on the job's thread too).
    pub fn start_with_key(
        ctx: &egui::Context,
        path: PathBuf,
        as_of: jiff::civil::Date,
        lock: bool,
        key: Option<store::Key>,
    ) -> std::io::Result<Self> {
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let job_path = path.clone();
        let bytes = Arc::new(AtomicU64::new(0));
        let job_bytes = Arc::clone(&bytes);
        std::thread::Builder::new().name("open-network".into()).spawn(move || {
            job_bytes.store(std::fs::metadata(&job_path).map_or(0, |m| m.len()), Ordering::Relaxed);
            let loaded = store::load_stamped_with_key(&job_path, key.as_deref(), &AtomicU64::new(0));
            let opened = match loaded {
                Ok(store::LoadedFile { network, stamp, encrypted }) => Ok(Opened {
                    derived: Box::new(Derived::warm(&network, as_of)),
                    network,
                    stamp,
                    canonical: std::fs::canonicalize(&job_path).unwrap_or_else(|_| job_path.clone()),
                    lock: lock.then(|| store::DocumentLock::acquire(&job_path)),
                    key: key.filter(|_| encrypted),
                }),
                // Asked for again: no backup to offer.
                Err(error) if error.wants_passphrase() => Err(Failed { error, backup: None }),
                Err(error) => {
                    let backup = store::backup_path(&job_path);
                    Err(Failed { error, backup: backup.is_file().then_some(backup) })
                }
            };
            // The receiver is gone when the user cancelled: what was opened (and the
            // lock taken) is dropped with the message.
            let _ = sender.send(opened);
            ctx.request_repaint();
        })?;
        Ok(Self { path, as_copy: false, bytes, started: Instant::now(), receiver })
    }

    /// The file's size, once known.
    pub fn bytes(&self) -> u64 {
        self.bytes.load(Ordering::Relaxed)
    }

    /// The result once there is one.
    pub fn poll(&self) -> Option<Result<Opened, Failed>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(Failed {
                error: LoadError::Read {
                    path: self.path.clone(),
                    source: std::io::Error::other("the loading thread stopped unexpectedly"),
                },
                backup: None,
            })),
        }
    }
}

/// Where a save writes: the path; the stamp the file must still have (when saving over
/// the document's own file); whether to lock the file once written (saved as).
pub struct SaveTarget {
    pub path: PathBuf,
    /// The file as loaded, to check it was not changed elsewhere (`None`: no check).
    pub stamp: Option<store::FileStamp>,
    /// What the file is written with as its `parent`: the lineage of the bytes the
    /// document was last loaded from or saved as.
    pub parent: Option<String>,
    pub lock: bool,
    /// The passphrase of an encrypted network: the file is written encrypted with it.
    pub key: Option<store::Key>,
    /// The file the network was kept in until now, to overwrite and remove once this
    /// save is done (Encrypt…, Remove encryption); the save then refuses to replace an
    /// existing file.
    pub retire: Option<Retire>,
}

/// A copy of the network that is not to stay behind: the file, its backup, and its
/// versions in the history.
pub struct Retire {
    pub path: PathBuf,
    pub history: Option<(store::History, store::RecoveryKey)>,
}

impl Retire {
    /// Overwrites and removes the file, its backup and its versions ([`store::shred`]).
    fn run(&self) -> Result<(), String> {
        let mut failed = Vec::new();
        for path in [self.path.clone(), store::backup_path(&self.path)] {
            if let Err(error) = store::shred(&path) {
                failed.push(format!("{}: {error}", path.display()));
            }
        }
        if let Some((history, key)) = &self.history
            && let Err(error) = history.forget(key)
        {
            failed.push(format!("{}: {error}", history.dir().display()));
        }
        if failed.is_empty() { Ok(()) } else { Err(failed.join("; ")) }
    }
}

/// How a background save ended.
pub enum SaveOutcome {
    /// Written: the file's stamp, and the content id of the network written (a later
    /// one than the job began with when an edit during the encoding restarted it); the
    /// path as the list of recent files keeps it, and the lock taken (when asked: a
    /// file saved as).
    Saved {
        stamp: store::FileStamp,
        /// The `parent` written.
        parent: Option<String>,
        content: u64,
        canonical: PathBuf,
        lock: Option<Result<store::DocumentLock, store::LockError>>,
        /// What could not be removed of the copy retired ([`SaveTarget::retire`]).
        retire_failed: Option<String>,
    },
    /// The file changed on disk since it was loaded: nothing was written.
    ChangedOnDisk,
    /// What failed, with the path; the file on disk is as it was.
    Failed(String),
}

/// How many times in a row a save lets go of the network for an edit before it keeps
/// it (the edit then copies), so that steady typing cannot keep a save from ending.
const MAX_RESTARTS: u32 = 3;

/// A save running on another thread over a shared snapshot of the network.
///
/// The job holds the network only while writing it as text (about 0.3 s at a million
/// exchanges), then lets go before the disk work. An edit during the text asks for it
/// back ([`SaveJob::let_go`]): the job stops at its next piece and waits; the app
/// edits, then hands it the edited network ([`SaveJob::resume`]), which is what the
/// file then holds. No edit waits for a copy of the network.
pub struct SaveJob {
    pub path: PathBuf,
    /// The [`super::Document::serial`] of the document saved.
    pub serial: u64,
    pub then: Option<super::Next>,
    pub started: Instant,
    receiver: Receiver<SaveOutcome>,
    shared: Arc<SaveShared>,
    restarts: u32,
}

#[derive(Default)]
struct SaveShared {
    state: Mutex<SaveState>,
    /// Wakes the job when the app hands it a network.
    wake: Condvar,
    /// Bumped by [`SaveJob::let_go`]: text begun under an older value stops.
    generation: AtomicU64,
    /// The `parent` the file is written with.
    parent: Option<String>,
}

#[derive(Default)]
struct SaveState {
    /// The network to write and its content id, until the job takes it.
    next: Option<(Arc<Network>, u64)>,
    /// The job let go and waits for [`SaveJob::resume`].
    wanted: bool,
    /// The text is written: the job needs no network any more.
    encoded: bool,
    /// The app dropped the job while it waited for a network.
    abandoned: bool,
}

impl SaveJob {
    /// Writes `network` (whose content id is `content`) to `path`; with `stamp`, first
    /// checks the file is unchanged.
    pub fn start(
        ctx: &egui::Context,
        target: SaveTarget,
        serial: u64,
        network: Arc<Network>,
        content: u64,
        then: Option<super::Next>,
    ) -> std::io::Result<Self> {
        let SaveTarget { path, stamp, parent, lock, key, retire } = target;
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let job_path = path.clone();
        let shared = Arc::new(SaveShared { parent, ..SaveShared::default() });
        shared.lock().next = Some((network, content));
        let job_shared = Arc::clone(&shared);
        std::thread::Builder::new().name("save-network".into()).spawn(move || {
            super::background::lower_priority();
            // An encrypted network's key is derived (scrypt) while its text is written.
            let deriving = key.map(|key| {
                std::thread::Builder::new().name("derive-key".into()).spawn(move || store::Sealer::new(&key))
            });
            let changed = stamp
                .is_some_and(|s| matches!(store::check_on_disk(&job_path, &s), Ok(store::OnDisk::Changed)));
            let outcome = if retire.is_some() && job_path.exists() {
                let mut state = job_shared.lock();
                state.encoded = true;
                state.next = None;
                drop(state);
                SaveOutcome::Failed(format!(
                    "{}: the file exists already; move it away first, nothing was written",
                    job_path.display()
                ))
            } else if changed {
                let mut state = job_shared.lock();
                state.encoded = true;
                state.next = None;
                drop(state);
                SaveOutcome::ChangedOnDisk
            } else {
                match job_shared.text() {
                    Some((text, content)) => match save_text(&job_path, text, deriving) {
                        Ok(stamp) => SaveOutcome::Saved {
                            stamp,
                            parent: job_shared.parent.clone(),
                            content,
                            canonical: std::fs::canonicalize(&job_path).unwrap_or_else(|_| job_path.clone()),
                            lock: lock.then(|| store::DocumentLock::acquire(&job_path)),
                            retire_failed: retire.and_then(|retire| retire.run().err()),
                        },
                        Err(error) => SaveOutcome::Failed(error.to_string()),
                    },
                    None => SaveOutcome::Failed(format!("{}: the save was abandoned", job_path.display())),
                }
            };
            // A network handed over too late is not kept.
            job_shared.lock().next = None;
            let _ = sender.send(outcome);
            ctx.request_repaint();
        })?;
        Ok(Self { path, serial, then, started: Instant::now(), receiver, shared, restarts: 0 })
    }

    /// The app is about to edit the network: the job lets go of it (it stops at its
    /// next piece of text, or has not begun) and waits for [`Self::resume`]. False when
    /// it keeps the network: its text is written, or it gave it up too often in a row.
    pub fn let_go(&mut self) -> bool {
        let mut state = self.shared.lock();
        if state.encoded || self.restarts >= MAX_RESTARTS {
            return false;
        }
        self.shared.generation.fetch_add(1, Ordering::SeqCst);
        state.next = None;
        state.wanted = true;
        self.restarts += 1;
        true
    }

    /// Hands the job the edited network after [`Self::let_go`]; nothing otherwise.
    pub fn resume(&self, network: &Arc<Network>, content: u64) {
        let mut state = self.shared.lock();
        if state.wanted && !state.encoded {
            state.wanted = false;
            state.next = Some((Arc::clone(network), content));
            self.shared.wake.notify_all();
        }
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

impl Drop for SaveJob {
    /// A job waiting for a network that will never come ends instead of waiting on.
    fn drop(&mut self) {
        self.shared.lock().abandoned = true;
        self.shared.wake.notify_all();
    }
}

/// A key being derived on a thread of its own, for an encrypted network.
type Deriving = Option<std::io::Result<std::thread::JoinHandle<std::io::Result<store::Sealer>>>>;

/// Writes `text`, encrypted when a key is `deriving`; the text of an encrypted network
/// is wiped from memory once written.
fn save_text(
    path: &std::path::Path,
    text: String,
    deriving: Deriving,
) -> Result<store::FileStamp, store::SaveError> {
    let Some(deriving) = deriving else { return store::save_text_stamped(path, &text) };
    let sealer = deriving.and_then(|thread| {
        thread
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the key derivation stopped unexpectedly")))
    });
    store::save_text_sealed(path, &zeroize::Zeroizing::new(text), sealer)
}

impl SaveShared {
    fn lock(&self) -> std::sync::MutexGuard<'_, SaveState> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The file text of the network the app hands over, written again from the
    /// start whenever the app takes it back meanwhile; then the network is let go.
    /// `None` when the app dropped the job while it waited.
    fn text(&self) -> Option<(String, u64)> {
        loop {
            let (started, network, content) = {
                let mut state = self.lock();
                loop {
                    if let Some((network, content)) = state.next.take() {
                        break (self.generation.load(Ordering::SeqCst), network, content);
                    }
                    if state.abandoned {
                        return None;
                    }
                    state = self.wake.wait(state).unwrap_or_else(PoisonError::into_inner);
                }
            };
            let stop = || self.generation.load(Ordering::SeqCst) != started;
            let text = store::to_string_as_child_unless(&network, self.parent.as_deref(), &stop);
            if let Some(text) = text {
                // Marked before the network is let go, so that the app, which waits for
                // that, never hands over one that would not be written.
                self.lock().encoded = true;
                drop(network);
                return Some((text, content));
            }
        }
    }
}

/// Small disk work (listing a folder, reading a file to import, writing an export,
/// comparing a recovery with its document) done on another thread, so that a frame
/// never waits on the disk. `ctx` is woken when the result is in.
pub struct Task<T> {
    receiver: Receiver<T>,
}

impl<T: Send + 'static> Task<T> {
    pub fn spawn(ctx: &egui::Context, name: &str, work: impl FnOnce() -> T + Send + 'static) -> Self {
        let (sender, receiver) = mpsc::channel();
        let ctx = ctx.clone();
        let job = move || {
            // The receiver is gone when the app no longer wants the answer.
            let _ = sender.send(work());
            ctx.request_repaint();
        };
        if let Err(error) = std::thread::Builder::new().name(name.to_owned()).spawn(job) {
            // No thread to be had: nothing is lost but the frame; the work is dropped
            // with its sender, and `poll` reports it as gone.
            log::warn!("could not start {name}: {error}");
        }
        Self { receiver }
    }

    /// `Some(Ok(result))` once done, `Some(Err(()))` when the work was lost.
    pub fn poll(&self) -> Option<Result<T, ()>> {
        match self.receiver.try_recv() {
            Ok(result) => Some(Ok(result)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err(())),
        }
    }
}
