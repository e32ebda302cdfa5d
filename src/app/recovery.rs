//! Recovery files written in the background while there are unsaved changes, once
//! the changes pause for a second and at most every 30 s, and removed by a clean save,
//! an explicit discard, or undo back to the saved state.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::model::Network;
use crate::store::{self, RecoveryKey, RecoveryStore};

/// How often, at most, unsaved work is written to the recovery folder.
pub const RECOVERY_INTERVAL: Duration = Duration::from_secs(30);

/// A recovery write waits until the network has not changed for this long, so that it
/// seldom meets an edit (typing pauses), and the work lost in a crash stays small.
pub const RECOVERY_PAUSE: Duration = Duration::from_secs(1);

/// After this many writes in a row given up for an edit, the next one is let finish
/// (the edit then copies the network), so that edits that never pause cannot keep the
/// recovery from ever being written.
const MAX_GIVEN_UP: u32 = 10;

enum Job {
    /// Write what [`Shared::next`] holds if it is still the write of this number (a
    /// later one has its own job, after any remove sent in between).
    Write(u64),
    Remove(RecoveryKey),
    /// Overwrite, then remove ([`RecoveryStore::shred`]).
    Shred(RecoveryKey),
    /// Answers once every job sent before it is done.
    Flush(Sender<()>),
}

/// What the app and the worker share.
#[derive(Default)]
struct Shared {
    /// The next network to write and where; taken by the worker, or by
    /// [`RecoveryWriter::let_go`].
    next: Mutex<Option<Next>>,
    /// Bumped by [`RecoveryWriter::let_go`]: a write that began under an older value
    /// stops at its next piece.
    generation: AtomicU64,
    /// Writes finished, so that a run of writes given up can be told to have ended.
    written: AtomicU64,
}

/// A write waiting for the worker: its number, where, what, and the passphrase of an
/// encrypted network.
type Next = (u64, RecoveryKey, Arc<Network>, Option<store::Key>);

/// One worker thread does every write and remove in order, so a late write can never
/// bring back a recovery file that a save has just removed. The network is shared, not
/// copied; the worker holds it only while writing it as text, and lets go of it at once
/// when the user edits (see [`RecoveryWriter::let_go`]), so an edit never waits for a
/// copy of a big network.
pub struct RecoveryWriter {
    store: RecoveryStore,
    jobs: Option<Sender<Job>>,
    shared: Arc<Shared>,
    last_write: Option<Instant>,
    written_revision: Option<u64>,
    given_up: u32,
    /// [`Shared::written`] when `given_up` was last counted.
    written_seen: u64,
    /// The revision last seen by [`Self::tick`], and when it was first seen.
    seen: Option<(u64, Instant)>,
    pause: Duration,
    /// The least time between two writes ([`RECOVERY_INTERVAL`]).
    interval: Duration,
    /// Writes asked for so far (numbers [`Job::Write`]).
    writes: u64,
    /// A recovery file may be on disk: written, or asked for, since the last remove.
    may_exist: bool,
    /// The document and revision whose unsaved work the user discarded: never written
    /// again (a later edit is new work, and is).
    discarded: Option<(RecoveryKey, u64)>,
    /// The passphrase the next writes encrypt with (the document's).
    passphrase: Option<store::Key>,
}

impl RecoveryWriter {
    pub fn new(store: RecoveryStore) -> Self {
        let (sender, receiver) = mpsc::channel::<Job>();
        let worker_store = store.clone();
        let shared = Arc::new(Shared::default());
        let worker_shared = Arc::clone(&shared);
        let spawned = std::thread::Builder::new().name("recovery".into()).spawn(move || {
            super::background::lower_priority();
            for job in receiver {
                let result = match job {
                    Job::Write(number) => write_next(&worker_store, &worker_shared, number),
                    Job::Remove(key) => worker_store.remove(&key),
                    Job::Shred(key) => worker_store.shred(&key),
                    Job::Flush(done) => {
                        let _ = done.send(());
                        Ok(())
                    }
                };
                if let Err(error) = result {
                    log::warn!("recovery file in {}: {error}", worker_store.dir().display());
                }
            }
        });
        Self {
            store,
            jobs: spawned.ok().map(|_| sender),
            shared,
            last_write: None,
            written_revision: None,
            given_up: 0,
            written_seen: 0,
            seen: None,
            pause: RECOVERY_PAUSE,
            interval: RECOVERY_INTERVAL,
            writes: 0,
            may_exist: false,
            discarded: None,
            passphrase: None,
        }
    }

    pub fn store(&self) -> &RecoveryStore {
        &self.store
    }

    /// Writes `network` when it has unsaved changes not yet written, has not changed
    /// for [`RECOVERY_PAUSE`], and the interval since the last write has passed;
    /// returns when to look again (None: nothing pending).
    pub fn tick(
        &mut self,
        key: &RecoveryKey,
        network: &Arc<Network>,
        revision: u64,
        dirty: bool,
    ) -> Option<Duration> {
        if !dirty {
            // Undo back to the saved state: what the recovery file holds was undone.
            if self.may_exist {
                self.remove(key);
            }
            return None;
        }
        if self.written_revision == Some(revision)
            || self.discarded.as_ref().is_some_and(|(k, r)| k == key && *r == revision)
        {
            return None;
        }
        let changed_at = match self.seen {
            Some((seen, at)) if seen == revision => at,
            _ => {
                let now = Instant::now();
                self.seen = Some((revision, now));
                now
            }
        };
        let quiet = changed_at.elapsed();
        if quiet < self.pause {
            return Some(self.pause - quiet);
        }
        let since = self.last_write.map_or(self.interval, |t| t.elapsed());
        if since < self.interval {
            return Some(self.interval - since);
        }
        self.write_now(key, network, revision);
        None
    }

    /// Writes now, whatever the interval (tests, and before a risky operation). The
    /// network is shared, not copied; the write itself happens on the worker.
    pub fn write_now(&mut self, key: &RecoveryKey, network: &Arc<Network>, revision: u64) {
        self.writes += 1;
        *self.shared.next.lock().unwrap_or_else(PoisonError::into_inner) =
            Some((self.writes, key.clone(), Arc::clone(network), self.passphrase.clone()));
        self.send(Job::Write(self.writes));
        self.may_exist = true;
        self.last_write = Some(Instant::now());
        self.written_revision = Some(revision);
    }

    /// The user is about to edit the network: the worker lets go of it (a write not yet
    /// begun is dropped, one under way stops at its next piece) so that the edit need
    /// not copy it. The write is made again at the next interval. Returns false when it
    /// keeps the network this time (too many writes given up in a row).
    pub fn let_go(&mut self) -> bool {
        let written = self.shared.written.load(Ordering::SeqCst);
        if written != self.written_seen {
            self.written_seen = written;
            self.given_up = 0;
        }
        if self.given_up >= MAX_GIVEN_UP {
            self.given_up = 0;
            return false;
        }
        let mut next = self.shared.next.lock().unwrap_or_else(PoisonError::into_inner);
        self.shared.generation.fetch_add(1, Ordering::SeqCst);
        *next = None;
        drop(next);
        self.given_up += 1;
        self.written_revision = None;
        true
    }

    /// The passphrase of the document written from now on (`None`: a plain one); its
    /// recovery files are encrypted with it.
    pub fn set_passphrase(&mut self, passphrase: Option<store::Key>) {
        self.passphrase = passphrase;
    }

    /// The document of `key` goes on in another form (encrypted, or no longer): a write
    /// not yet done is dropped, and the file is overwritten and removed. The next
    /// write, if there are unsaved changes, is made afresh.
    pub fn retire(&mut self, key: &RecoveryKey) {
        let mut next = self.shared.next.lock().unwrap_or_else(PoisonError::into_inner);
        self.shared.generation.fetch_add(1, Ordering::SeqCst);
        *next = None;
        drop(next);
        self.given_up = 0;
        self.may_exist = false;
        self.send(Job::Shred(key.clone()));
        self.written_revision = None;
        self.last_write = None;
    }

    /// Removes the recovery of `key` (after a clean save or a discard).
    pub fn remove(&mut self, key: &RecoveryKey) {
        self.given_up = 0;
        self.may_exist = false;
        self.send(Job::Remove(key.clone()));
        self.written_revision = None;
    }

    /// The user discarded the unsaved work of `key` at `revision`: a write not yet begun
    /// is dropped, one under way stops, the file is removed, and that state is never
    /// written again, however long the window stays open before it closes or another
    /// document replaces it.
    pub fn discard(&mut self, key: &RecoveryKey, revision: u64) {
        let mut next = self.shared.next.lock().unwrap_or_else(PoisonError::into_inner);
        self.shared.generation.fetch_add(1, Ordering::SeqCst);
        *next = None;
        drop(next);
        self.remove(key);
        self.discarded = Some((key.clone(), revision));
    }

    /// How long changes must pause before a write, and the least time between two
    /// (tests make them short).
    pub fn set_timing(&mut self, pause: Duration, interval: Duration) {
        self.pause = pause;
        self.interval = interval;
    }

    /// The document was saved in an earlier state than it is in now: its recovery is
    /// written again at the next pause, whatever the interval.
    pub fn rewrite_soon(&mut self) {
        self.written_revision = None;
        self.last_write = None;
    }

    /// Waits, at most `timeout`, until every write and remove sent so far is done; false
    /// when the time ran out. Called on exit, so that a discard's remove is not lost.
    pub fn flush(&self, timeout: Duration) -> bool {
        let (done, wait) = mpsc::channel();
        self.send(Job::Flush(done));
        wait.recv_timeout(timeout).is_ok()
    }

    fn send(&self, job: Job) {
        if let Some(jobs) = &self.jobs {
            let _ = jobs.send(job);
        }
    }
}

/// The worker's write: takes the next network, writes it as text unless the app asks
/// for it back meanwhile, lets go of it, then writes the file.
fn write_next(store: &RecoveryStore, shared: &Shared, number: u64) -> std::io::Result<()> {
    let (started, next) = {
        let mut next = shared.next.lock().unwrap_or_else(PoisonError::into_inner);
        let mine = next.as_ref().is_some_and(|(n, ..)| *n == number);
        (shared.generation.load(Ordering::SeqCst), if mine { next.take() } else { None })
    };
    let Some((_, key, network, passphrase)) = next else { return Ok(()) };
    let text = store::to_string_unless(&network, &|| shared.generation.load(Ordering::SeqCst) != started);
    drop(network);
    match text.map(zeroize::Zeroizing::new) {
        Some(text) => {
            let written = store.write_text_with(&key, &text, passphrase.as_deref());
            shared.written.fetch_add(1, Ordering::SeqCst);
            written
        }
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flush_waits_for_every_job_sent_before_it() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = RecoveryStore::new(dir.path());
        let mut writer = RecoveryWriter::new(store.clone());
        let key = RecoveryKey::untitled();
        let network = Arc::new(Network::default());
        for revision in 0..20 {
            writer.write_now(&key, &network, revision);
        }
        assert!(writer.flush(Duration::from_secs(10)));
        assert_eq!(store.list().len(), 1, "the writes are on disk when flush returns");
        writer.remove(&key);
        assert!(writer.flush(Duration::from_secs(10)));
        assert!(store.list().is_empty(), "and so is a remove");
    }

    #[test]
    fn the_worker_lets_go_of_the_network_at_once_when_asked() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = RecoveryStore::new(dir.path());
        let mut writer = RecoveryWriter::new(store.clone());
        let key = RecoveryKey::untitled();
        let network = Arc::new(crate::generate::generate(2_000, 200_000, 3));
        writer.write_now(&key, &network, 1);
        std::thread::sleep(Duration::from_millis(5));
        assert!(writer.let_go());
        let started = Instant::now();
        while Arc::strong_count(&network) > 1 && started.elapsed() < Duration::from_secs(5) {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert_eq!(Arc::strong_count(&network), 1, "the worker still holds the network");
        assert!(started.elapsed() < Duration::from_secs(1), "let go after {:?}", started.elapsed());
    }

    #[test]
    fn a_run_of_writes_given_up_ends_with_one_let_finish() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let mut writer = RecoveryWriter::new(RecoveryStore::new(dir.path()));
        for _ in 0..MAX_GIVEN_UP {
            assert!(writer.let_go());
        }
        assert!(!writer.let_go(), "after a run, one write is let finish");
        for _ in 0..MAX_GIVEN_UP {
            assert!(writer.let_go());
        }
        let (key, network) = (RecoveryKey::untitled(), Arc::new(Network::default()));
        writer.write_now(&key, &network, 2);
        assert!(writer.flush(Duration::from_secs(10)));
        assert!(writer.let_go(), "a write that finished ends the run");
    }

    #[test]
    fn undo_to_clean_after_a_write_given_up_still_removes_the_file() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = RecoveryStore::new(dir.path());
        let mut writer = RecoveryWriter::new(store.clone());
        let (key, network) = (RecoveryKey::untitled(), Arc::new(Network::default()));
        writer.write_now(&key, &network, 1);
        assert!(writer.flush(Duration::from_secs(10)));
        assert_eq!(store.list().len(), 1);
        writer.write_now(&key, &network, 2);
        assert!(writer.let_go());
        assert_eq!(writer.tick(&key, &network, 3, false), None);
        assert!(writer.flush(Duration::from_secs(10)));
        assert!(store.list().is_empty(), "the file of undone work is gone");
    }

    #[test]
    fn a_write_asked_for_after_a_remove_is_not_undone_by_it() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = RecoveryStore::new(dir.path());
        let mut writer = RecoveryWriter::new(store.clone());
        let key = RecoveryKey::untitled();
        let mut later = Network::default();
        later.profile.name = "Later".into();
        for _ in 0..20 {
            writer.write_now(&key, &Arc::new(Network::default()), 1);
            writer.remove(&key);
            writer.write_now(&key, &Arc::new(later.clone()), 2);
            assert!(writer.flush(Duration::from_secs(10)));
            let entries = store.list();
            assert_eq!(entries.len(), 1, "the last write is on disk");
            assert_eq!(store.load(&entries[0]).expect("loads").profile.name, "Later");
        }
    }

    #[test]
    fn work_undone_back_to_the_saved_state_leaves_no_recovery() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = RecoveryStore::new(dir.path());
        let mut writer = RecoveryWriter::new(store.clone());
        let key = RecoveryKey::untitled();
        let network = Arc::new(Network::default());
        writer.pause = Duration::from_millis(30);
        let wait = writer.tick(&key, &network, 1, true).expect("a change waits for a pause");
        assert!(wait <= Duration::from_millis(30), "{wait:?}");
        assert!(writer.flush(Duration::from_secs(10)));
        assert!(store.list().is_empty(), "nothing written during the change");
        std::thread::sleep(wait);
        assert_eq!(writer.tick(&key, &network, 1, true), None, "the first pause writes at once");
        assert!(writer.flush(Duration::from_secs(10)));
        assert_eq!(store.list().len(), 1);
        assert_eq!(writer.tick(&key, &network, 2, false), None);
        assert!(writer.flush(Duration::from_secs(10)));
        assert!(store.list().is_empty(), "clean again: the recovery is removed");
    }

    #[test]
    fn discarded_work_is_never_written_again_but_a_later_edit_is() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = RecoveryStore::new(dir.path());
        let mut writer = RecoveryWriter::new(store.clone());
        writer.pause = Duration::ZERO;
        let (key, network) = (RecoveryKey::untitled(), Arc::new(Network::default()));
        assert_eq!(writer.tick(&key, &network, 1, true), None);
        assert!(writer.flush(Duration::from_secs(10)));
        assert_eq!(store.list().len(), 1, "unsaved work is kept");
        writer.discard(&key, 1);
        for _ in 0..3 {
            // The window stays open (a dialog, or the frames before it closes).
            writer.last_write = None;
            assert_eq!(writer.tick(&key, &network, 1, true), None);
        }
        assert!(writer.flush(Duration::from_secs(10)));
        assert!(store.list().is_empty(), "discarded work stays discarded");
        writer.last_write = None;
        assert_eq!(writer.tick(&key, &network, 2, true), None);
        assert!(writer.flush(Duration::from_secs(10)));
        assert_eq!(store.list().len(), 1, "an edit after the discard is new work, kept");
    }

    #[test]
    fn a_write_in_flight_when_work_is_discarded_leaves_no_file() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = RecoveryStore::new(dir.path());
        let mut writer = RecoveryWriter::new(store.clone());
        let key = RecoveryKey::untitled();
        // Large enough that its text takes a while: the discard meets it under way.
        let network = Arc::new(crate::generate::generate(2_000, 200_000, 3));
        for round in 1..=3 {
            writer.write_now(&key, &network, round);
            std::thread::sleep(Duration::from_millis(5 * round));
            writer.discard(&key, round);
            assert!(writer.flush(Duration::from_secs(30)));
            assert!(store.list().is_empty(), "round {round}: the discarded write is gone");
        }
    }
}
