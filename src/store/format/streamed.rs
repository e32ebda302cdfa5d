//! The file text of a network handed over piece by piece, in order, while threads
//! write the pieces after it: a save puts each on the disk as it comes instead of
//! first joining the whole text (a second copy of 200 MB at a million exchanges,
//! in memory the system must first hand over) and only then writing it.

use std::collections::BTreeMap;
use std::io;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

use super::{Chunking, records};
use crate::model::Network;

/// How many pieces the writing threads may run ahead of the one handed over last:
/// enough to keep them busy, few enough that the memory of the pieces handed over is
/// what the next ones are written in.
const AHEAD: usize = 8;

/// Hands `write` the file text of `network` with `parent` as its `parent`, in order:
/// byte for byte [`super::to_string_as_child`]. `Ok(false)` when the pieces cannot
/// write this network (never one of the model's): what was handed over so far is to
/// be thrown away and the text written another way. An error of `write` stops it.
pub fn write_in_pieces(
    network: &Network,
    parent: Option<&str>,
    chunking: &Chunking,
    write: &mut dyn FnMut(&str) -> io::Result<()>,
) -> io::Result<bool> {
    let parent = parent.map(str::to_owned);
    let Some((head, lists)) = super::file_pieces(network, &parent, chunking.encode_records) else {
        return Ok(false);
    };
    let work: Vec<&records::Encode<'_>> = lists.iter().flat_map(|(_, pieces)| pieces).collect();
    let shared = Shared {
        next: AtomicUsize::new(0),
        stop: AtomicBool::new(false),
        taken: Mutex::new(0),
        moved: Condvar::new(),
    };
    std::thread::scope(|scope| {
        let (sender, receiver) = mpsc::channel();
        for n in 0..chunking.threads.max(1) {
            let (sender, work, shared) = (sender.clone(), &work, &shared);
            // A thread the system refuses to start only means less help; with none at
            // all, the pieces are not written (`Ok(false)`) and the caller writes another way.
            let _ = std::thread::Builder::new()
                .name(format!("rapport-write-{n}"))
                .spawn_scoped(scope, move || shared.encode(work, &sender));
        }
        drop(sender);
        let mut pieces = InOrder { receiver, waiting: BTreeMap::new(), shared: &shared };
        let result = hand_over(&head, &lists, &mut pieces, write);
        shared.stop.store(true, Ordering::Relaxed);
        shared.moved.notify_all();
        result
    })
}

/// What the writing threads and the one handing over share.
struct Shared {
    /// The next piece to write.
    next: AtomicUsize,
    stop: AtomicBool,
    /// How many pieces were handed over.
    taken: Mutex<usize>,
    moved: Condvar,
}

impl Shared {
    /// One writing thread: takes the next piece until none is left, waiting while it
    /// is [`AHEAD`] pieces past the last one handed over.
    fn encode(&self, work: &[&records::Encode<'_>], sender: &mpsc::Sender<(usize, Option<String>)>) {
        let _stops_all_on_panic = StopOnPanic(self);
        while !self.stop.load(Ordering::Relaxed) {
            let i = self.next.fetch_add(1, Ordering::Relaxed);
            let Some(encode) = work.get(i) else { return };
            {
                let Ok(taken) = self.taken.lock() else { return };
                let waited = self
                    .moved
                    .wait_while(taken, |taken| i >= *taken + AHEAD && !self.stop.load(Ordering::Relaxed));
                if waited.is_err() || self.stop.load(Ordering::Relaxed) {
                    return;
                }
            }
            let text = encode();
            let failed = text.is_none();
            if sender.send((i, text)).is_err() || failed {
                return;
            }
        }
    }
}

/// Stops every thread when one panics, so that none waits for a piece that will not
/// come (the panic then reaches the caller).
struct StopOnPanic<'a>(&'a Shared);

impl Drop for StopOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.stop.store(true, Ordering::Relaxed);
            self.0.moved.notify_all();
        }
    }
}

/// The pieces as they come from the threads, handed out in order.
struct InOrder<'a> {
    receiver: mpsc::Receiver<(usize, Option<String>)>,
    waiting: BTreeMap<usize, Option<String>>,
    shared: &'a Shared,
}

impl InOrder<'_> {
    /// Piece `i`, waiting for it; `None` when it could not be written.
    fn take(&mut self, i: usize) -> Option<String> {
        loop {
            if let Some(piece) = self.waiting.remove(&i) {
                if let Ok(mut taken) = self.shared.taken.lock() {
                    *taken = i + 1;
                }
                self.shared.moved.notify_all();
                return piece;
            }
            // Every thread gone without it: none could start, or one failed.
            let (index, piece) = self.receiver.recv().ok()?;
            self.waiting.insert(index, piece);
        }
    }
}

fn hand_over(
    head: &str,
    lists: &[(&str, Vec<records::Encode<'_>>)],
    pieces: &mut InOrder<'_>,
    write: &mut dyn FnMut(&str) -> io::Result<()>,
) -> io::Result<bool> {
    write(head)?;
    let mut i = 0;
    for (name, list) in lists {
        if list.is_empty() {
            write(&format!("    {name}: [],\n"))?;
            continue;
        }
        write(&format!("    {name}: [\n"))?;
        for _ in list {
            let Some(text) = pieces.take(i) else { return Ok(false) };
            let Some(lines) = records::lines_of(&text) else { return Ok(false) };
            write(lines)?;
            i += 1;
        }
        write("    ],\n")?;
    }
    write(")\n")?;
    Ok(true)
}
