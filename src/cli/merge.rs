//! `rapport merge BASE MINE THEIRS -o OUT`: DESIGN's three-way merge of two copies of
//! a network, with each conflict on its own line of standard output.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};

use crate::analysis::merge::{self, Flips};
use crate::model::{self, Network};
use crate::store::{self, FileStamp};

/// The three inputs, the file to write.
pub struct MergeRequest<'a> {
    pub base: &'a Path,
    pub mine: &'a Path,
    pub theirs: &'a Path,
    pub out: &'a Path,
}

pub fn merge(request: &MergeRequest<'_>) -> anyhow::Result<()> {
    let MergeRequest { base, mine, theirs, out } = *request;
    let _lock = lock_output(out)?;
    // The three are read at once: parsing is most of the time.
    let [base_read, mine_read, theirs_read] =
        super::progress::with_spinner("reading the three copies", || {
            std::thread::scope(|scope| {
                // Only MINE's bytes are hashed: the result's lineage.
                let reads = [(base, false), (mine, true), (theirs, false)]
                    .map(|(path, stamped)| scope.spawn(move || read(path, stamped)));
                reads.map(|read| read.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            })
        });
    let (base_network, _) = base_read?;
    let (mine_network, mine_stamp) = mine_read?;
    let mine_stamp = mine_stamp.context("MINE was read with its stamp")?;
    let (theirs_network, _) = theirs_read?;

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
        store::save_stamped(out, &network)
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

fn read(path: &Path, stamped: bool) -> anyhow::Result<(Network, Option<FileStamp>)> {
    let read = if stamped {
        store::load_stamped(path).map(|(network, stamp)| (network, Some(stamp)))
    } else {
        store::load(path).map(|network| (network, None))
    };
    read.map_err(|error| anyhow::anyhow!("{error} (nothing was written)"))
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
