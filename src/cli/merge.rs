//! `rapport merge BASE MINE THEIRS -o OUT`: DESIGN's three-way merge of two copies of
//! a network, with each conflict on its own line of standard output.

use std::io::Write;
use std::path::Path;

use std::sync::atomic::AtomicU64;

use anyhow::bail;

use super::passphrase::Passphrases;
use crate::analysis::merge::{self, Flips};
use crate::model;
use crate::store;

/// The three inputs, the file to write.
pub struct MergeRequest<'a> {
    pub base: &'a Path,
    pub mine: &'a Path,
    pub theirs: &'a Path,
    pub out: &'a Path,
}

pub fn merge(request: &MergeRequest<'_>, passphrases: &Passphrases) -> anyhow::Result<()> {
    let MergeRequest { base, mine, theirs, out } = *request;
    let _lock = lock_output(out)?;
    // MINE first: its passphrase (when it is encrypted) is the one of the result, and is
    // tried first for the others.
    // (No spinner: it may ask for a passphrase on the terminal.)
    let mine_read = passphrases
        .load(mine)
        .map_err(|error| anyhow::anyhow!("{} (nothing was written)", super::describe_error(&error)))?;
    let key = mine_read.key.clone();
    // The other two are read at once: parsing is most of the time.
    let [base_read, theirs_read] = super::progress::with_spinner("reading the other two copies", || {
        std::thread::scope(|scope| {
            let reads = [base, theirs].map(|path| {
                let key = key.clone();
                scope.spawn(move || store::load_stamped_with_key(path, key.as_deref(), &AtomicU64::new(0)))
            });
            reads.map(|read| read.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    });
    // One with a passphrase of its own is asked for it.
    let read_other = |read: Result<store::LoadedFile, store::LoadError>, path: &Path| match read {
        Ok(file) => Ok(file.network),
        Err(error) if error.wants_passphrase() => passphrases.load_network(path),
        Err(error) => Err(error.into()),
    };
    let nothing =
        |error: anyhow::Error| anyhow::anyhow!("{} (nothing was written)", super::describe_error(&error));
    let base_network = read_other(base_read, base).map_err(nothing)?;
    let theirs_network = read_other(theirs_read, theirs).map_err(nothing)?;
    let (mine_network, mine_stamp) = (mine_read.network, mine_read.stamp);

    let merged = super::progress::with_spinner("merging", || {
        merge::merge(&base_network, &mine_network, &theirs_network, &Flips::new())
    });
    let mut network = merged.network;
    // The result continues MINE: its lineage is the file MINE was read from.
    network.parent = Some(mine_stamp.lineage());
    let problems = model::validate(&network);
    if let Some(problem) = problems.first() {
        bail!(
            "{}: not written: the merge gave an inconsistent network ({problem}); please report this",
            out.display()
        );
    }
    let written = super::progress::with_spinner(&format!("writing {}", out.display()), || {
        // An encrypted MINE gives an encrypted result, with its passphrase.
        store::save_stamped_with_key(out, &network, key.as_deref())
    })?;
    if let Some(history) = store::History::at_default_location() {
        let key = store::RecoveryKey::for_document(out);
        if let Err(error) = history.keep(&key, out, &written.lineage()) {
            eprintln!("rapport: {}: not kept in the history of versions: {error}", out.display());
        }
    }

    let mut stdout = std::io::stdout().lock();
    for conflict in &merged.conflicts {
        for line in conflict.lines() {
            writeln!(stdout, "{line}")?;
        }
    }
    for &(list, old, new) in &merged.renumbered {
        eprintln!(
            "rapport: {} {old} was added on both sides: theirs is now {} {new}",
            list.name(),
            list.name()
        );
    }
    for restored in &merged.restored {
        let (list, id) = restored.named_by;
        eprintln!(
            "rapport: contacts {} ({}) was deleted on one side and is back: {} {id} still names them",
            restored.id,
            restored.name,
            list.name()
        );
    }
    let conflicts = merged.conflicts.len();
    eprintln!(
        "{}: merged: {}; {conflicts} {}",
        out.display(),
        network.counts().join(", "),
        if conflicts == 1 { "conflict" } else { "conflicts" }
    );
    Ok(())
}

/// A merge must not write over a network open in a window: its next save would undo it.
fn lock_output(out: &Path) -> anyhow::Result<Option<store::DocumentLock>> {
    match store::DocumentLock::acquire(out) {
        Ok(lock) => Ok(Some(lock)),
        Err(store::LockError::HeldBy { path, pid, host, .. }) => bail!(
            "{} is open in Rapport (process {pid} on {host}): close it there first, or write the merge \
             to another file; nothing was written",
            path.display()
        ),
        Err(error @ store::LockError::Io { .. }) => {
            eprintln!("rapport: {error}; merging without a lock");
            Ok(None)
        }
    }
}
