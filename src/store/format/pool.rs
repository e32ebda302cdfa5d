//! Pieces of work spread over a few scoped threads, results kept in order.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

/// Runs `work(i)` for every `i` in `0..count` on up to `threads` threads (the calling
/// one included), each taking the next piece when done with its last, and returns the
/// results in the order of `i`. `None` as soon as one piece gives `None`: the others
/// stop at their next piece. A panic in a piece is passed on to the caller.
pub(super) fn run_ordered<R: Send>(
    count: usize,
    threads: usize,
    work: impl Fn(usize) -> Option<R> + Sync,
) -> Option<Vec<R>> {
    let helpers = threads.min(count).saturating_sub(1);
    if helpers == 0 {
        return (0..count).map(&work).collect();
    }
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let worker = || {
        let mut done = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let i = next.fetch_add(1, Ordering::Relaxed);
            if i >= count {
                break;
            }
            match work(i) {
                Some(result) => done.push((i, result)),
                None => failed.store(true, Ordering::Relaxed),
            }
        }
        done
    };
    let mut all = std::thread::scope(|scope| {
        // A thread the system refuses to start only means less help.
        let handles: Vec<_> = (0..helpers)
            .filter_map(|n| {
                std::thread::Builder::new()
                    .name(format!("rapport-store-{n}"))
                    .spawn_scoped(scope, worker)
                    .ok()
            })
            .collect();
        let mut all = worker();
        for handle in handles {
            match handle.join() {
                Ok(part) => all.extend(part),
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        all
    });
    if failed.load(Ordering::Relaxed) || all.len() != count {
        return None;
    }
    all.sort_unstable_by_key(|(i, _)| *i);
    Some(all.into_iter().map(|(_, result)| result).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_whatever_the_threads() {
        for threads in [0, 1, 2, 3, 8] {
            for count in [0, 1, 2, 7, 100] {
                let out = run_ordered(count, threads, |i| Some(i * 10));
                assert_eq!(out, Some((0..count).map(|i| i * 10).collect()), "{threads} threads, {count}");
            }
        }
    }

    #[test]
    fn one_failed_piece_fails_the_whole() {
        for threads in [1, 2, 4] {
            assert_eq!(run_ordered(50, threads, |i| (i != 37).then_some(i)), None);
        }
    }
}
