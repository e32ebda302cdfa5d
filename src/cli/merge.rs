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

pub fn merge<'a>(request: &MergeRequest<'a>, passphrases: &Passphrases) -> anyhow::Result<()> {
    let MergeRequest { base, mine, theirs, out } = *request;
    let _lock = lock_output(out)?;
    // The three are read at once (parsing is most of the time) with the passphrase
    // known so far; one that wants another is read again below, asking for it.
    let known = passphrases.known_key();
    let (mine_read, base_read, theirs_read) =
        super::progress::with_spinner("reading the three copies", || {
            std::thread::scope(|scope| {
                let key = known.as_deref();
                let spawn_other = |path: &'a Path| scope.spawn(move || store::load_with_key(path, key));
                let (base_read, theirs_read) = (spawn_other(base), spawn_other(theirs));
                let mine_read = store::load_stamped_with_key(mine, key, &AtomicU64::new(0));
                let join = |read: std::thread::ScopedJoinHandle<'_, _>| {
                    read.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                };
                (mine_read, join(base_read), join(theirs_read))
            })
        });
    let nothing =
        |error: anyhow::Error| anyhow::anyhow!("{} (nothing was written)", super::describe_error(&error));
    // MINE's passphrase (when it is encrypted) is the one of the result, and is tried
    // first for the others.
    let mine_read = match mine_read {
        Ok(file) => {
            let key = if file.encrypted { known.clone() } else { None };
            super::passphrase::Loaded { network: file.network, stamp: file.stamp, key }
        }
        Err(error) if error.wants_passphrase() => passphrases.load(mine).map_err(nothing)?,
        Err(error) => return Err(nothing(error.into())),
    };
    let key = mine_read.key.clone();
    // Those that want a passphrase other than the one tried: MINE's, both at once.
    let retry_with_mine = !same_key(key.as_ref(), known.as_ref());
    let [base_read, theirs_read] = std::thread::scope(|scope| {
        [(base_read, base), (theirs_read, theirs)]
            .map(|(read, path)| match read {
                Err(error) if error.wants_passphrase() && retry_with_mine => {
                    let key = key.as_deref();
                    Err(scope.spawn(move || store::load_with_key(path, key)))
                }
                read => Ok(read),
            })
            .map(|read| {
                read.unwrap_or_else(|retry| {
                    retry.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
                })
            })
    });
    // One with a passphrase of its own is asked for it.
    let read_other = |read: Result<model::Network, store::LoadError>, path: &Path| match read {
        Ok(network) => Ok(network),
        Err(error) if error.wants_passphrase() => passphrases.load_network(path),
        Err(error) => Err(error.into()),
    };
    let base_network = read_other(base_read, base).map_err(nothing)?;
    let theirs_network = read_other(theirs_read, theirs).map_err(nothing)?;
    let (mine_network, mine_stamp) = (mine_read.network, mine_read.stamp);

    let merged = super::progress::with_spinner("merging", || {
        merge::merge(&base_network, &mine_network, &theirs_network, &Flips::new())
    });
    // The three copies are not needed again, and the process ends soon: freeing their
    // millions of strings one by one would cost a few tenths of a second for nothing.
    std::mem::forget((base_network, mine_network, theirs_network));
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
    // As the three copies above: the process ends here.
    std::mem::forget(network);
    Ok(())
}

/// Whether `a` and `b` are the same passphrase (the one already tried).
fn same_key(a: Option<&store::Key>, b: Option<&store::Key>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => std::sync::Arc::ptr_eq(a, b) || a.same_as(b),
        (None, None) => true,
        _ => false,
    }
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
