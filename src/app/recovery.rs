//! Recovery files written in the background while there are unsaved changes, at most
//! every 30 s, and removed by a clean save or an explicit discard.

use std::sync::Arc;
use std::sync::mpsc::{self, Sender};
use std::time::{Duration, Instant};

use crate::model::Network;
use crate::store::{RecoveryKey, RecoveryStore};

/// How often, at most, unsaved work is written to the recovery folder.
pub const RECOVERY_INTERVAL: Duration = Duration::from_secs(30);

enum Job {
    Write(RecoveryKey, Arc<Network>),
    Remove(RecoveryKey),
    /// Answers once every job sent before it is done.
    Flush(Sender<()>),
}

/// One worker thread does every write and remove in order, so a late write can never
/// bring back a recovery file that a save has just removed.
pub struct RecoveryWriter {
    store: RecoveryStore,
    jobs: Option<Sender<Job>>,
    last_write: Option<Instant>,
    written_revision: Option<u64>,
}

impl RecoveryWriter {
    pub fn new(store: RecoveryStore) -> Self {
        let (sender, receiver) = mpsc::channel::<Job>();
        let worker_store = store.clone();
        let spawned = std::thread::Builder::new().name("recovery".into()).spawn(move || {
            for job in receiver {
                let result = match job {
                    Job::Write(key, network) => worker_store.write(&key, &network),
                    Job::Remove(key) => worker_store.remove(&key),
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
        Self { store, jobs: spawned.ok().map(|_| sender), last_write: None, written_revision: None }
    }

    pub fn store(&self) -> &RecoveryStore {
        &self.store
    }

    /// Writes `network` when it has unsaved changes not yet written and the interval
    /// has passed; returns when to look again (None: nothing pending).
    pub fn tick(
        &mut self,
        key: &RecoveryKey,
        network: &Arc<Network>,
        revision: u64,
        dirty: bool,
    ) -> Option<Duration> {
        if !dirty {
            // Undo back to the saved state: what the recovery file holds was undone.
            if self.written_revision.is_some() {
                self.remove(key);
            }
            return None;
        }
        if self.written_revision == Some(revision) {
            return None;
        }
        let since = self.last_write.map_or(RECOVERY_INTERVAL, |t| t.elapsed());
        if since < RECOVERY_INTERVAL {
            return Some(RECOVERY_INTERVAL - since);
        }
        // The snapshot is shared, not copied; the write itself happens on the worker.
        self.send(Job::Write(key.clone(), Arc::clone(network)));
        self.last_write = Some(Instant::now());
        self.written_revision = Some(revision);
        None
    }

    /// Writes now, whatever the interval (tests, and before a risky operation).
    pub fn write_now(&mut self, key: &RecoveryKey, network: &Arc<Network>, revision: u64) {
        self.send(Job::Write(key.clone(), Arc::clone(network)));
        self.last_write = Some(Instant::now());
        self.written_revision = Some(revision);
    }

    /// Removes the recovery of `key` (after a clean save or a discard).
    pub fn remove(&mut self, key: &RecoveryKey) {
        self.send(Job::Remove(key.clone()));
        self.written_revision = None;
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
    fn work_undone_back_to_the_saved_state_leaves_no_recovery() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let store = RecoveryStore::new(dir.path());
        let mut writer = RecoveryWriter::new(store.clone());
        let key = RecoveryKey::untitled();
        let network = Arc::new(Network::default());
        assert_eq!(writer.tick(&key, &network, 1, true), None, "the first change is written at once");
        assert!(writer.flush(Duration::from_secs(10)));
        assert_eq!(store.list().len(), 1);
        assert_eq!(writer.tick(&key, &network, 2, false), None);
        assert!(writer.flush(Duration::from_secs(10)));
        assert!(store.list().is_empty(), "clean again: the recovery is removed");
    }
}
