//! Work spread over threads and handed back in order: one thread produces items (an importer
//! reading a file), workers map them (fold, evaluate, draw), and the calling thread receives
//! the results in the order the items were produced, so what it builds does not depend on how
//! many threads ran. Memory is bounded: the producer waits once a few chunks per worker are in
//! flight.

use std::collections::BTreeMap;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Mutex, PoisonError};

/// Items travel in chunks of this many, so that a channel operation is rare beside the work.
const CHUNK: usize = 64;

/// How many threads to use: `requested`, or every core the machine offers when 0.
pub(crate) fn threads(requested: usize) -> usize {
    match requested {
        0 => std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
        n => n,
    }
}

/// Runs `produce` (which hands each item to the function it is given, and stops early when that
/// returns false), maps every item with `work` (each worker with its own state from `state`),
/// and calls `sink` with the results in the order of the items. With `threads` ≤ 1 everything
/// runs on the calling thread; with 2 the producer has a thread of its own and the calling
/// thread maps and sinks; with more, `threads − 2` workers map while the calling thread only
/// sinks. Gives what `produce` returns.
///
/// (Measured on two cores, a separate worker there cost more than it gave: each case then
/// crosses two threads' caches instead of one.)
pub(crate) fn ordered<T, R, S, P>(
    threads: usize,
    produce: impl FnOnce(&mut dyn FnMut(T) -> bool) -> P + Send,
    state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, T) -> R + Sync,
    mut sink: impl FnMut(R),
) -> P
where
    T: Send,
    R: Send,
    P: Send,
{
    if threads <= 1 {
        let mut s = state();
        return produce(&mut |item| {
            sink(work(&mut s, item));
            true
        });
    }
    let workers = threads - 2;
    let (jobs, job_queue) = sync_channel::<(u64, Vec<T>)>(4 * workers.max(1));
    let job_queue = Mutex::new(job_queue);
    std::thread::scope(|scope| {
        let producer = scope.spawn(move || {
            let mut chunk = Vec::with_capacity(CHUNK);
            let mut seq = 0u64;
            let mut open = true;
            let value = produce(&mut |item| {
                chunk.push(item);
                if chunk.len() == CHUNK {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
                    open = jobs.send((seq, full)).is_ok();
                    seq += 1;
                }
                open
            });
            if open && !chunk.is_empty() {
                let _ = jobs.send((seq, chunk));
            }
            value
        });
        if workers == 0 {
            let mut s = state();
            while let Some((_, items)) = next_job(&job_queue) {
                items.into_iter().for_each(|t| sink(work(&mut s, t)));
            }
        } else {
            let (results, done) = sync_channel::<(u64, Vec<R>)>(4 * workers);
            for _ in 0..workers {
                let (results, job_queue, state, work) =
                    (results.clone(), &job_queue, &state, &work);
                scope.spawn(move || {
                    let mut s = state();
                    while let Some((seq, items)) = next_job(job_queue) {
                        let mapped = items.into_iter().map(|t| work(&mut s, t)).collect();
                        if results.send((seq, mapped)).is_err() {
                            break;
                        }
                    }
                });
            }
            drop(results);
            in_order(&done, &mut sink);
        }
        producer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    })
}

/// The next chunk for a worker; `None` once the producer is done and the queue empty.
fn next_job<T>(queue: &Mutex<Receiver<(u64, Vec<T>)>>) -> Option<(u64, Vec<T>)> {
    queue
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .recv()
        .ok()
}

/// Hands every result to `sink` in sequence order, holding those that arrive early.
fn in_order<R>(done: &Receiver<(u64, Vec<R>)>, sink: &mut impl FnMut(R)) {
    let mut early: BTreeMap<u64, Vec<R>> = BTreeMap::new();
    let mut next = 0u64;
    for (seq, mapped) in done {
        early.insert(seq, mapped);
        while let Some(ready) = early.remove(&next) {
            ready.into_iter().for_each(&mut *sink);
            next += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn squares(threads: usize, n: u64) -> (Vec<u64>, u64) {
        let mut got = Vec::new();
        let produced = ordered(
            threads,
            |give| {
                let mut count = 0;
                for i in 0..n {
                    count += 1;
                    if !give(i) {
                        break;
                    }
                }
                count
            },
            || 0u64,
            |calls, i| {
                *calls += 1;
                // Uneven work, so that chunks finish out of order.
                if i % 97 == 0 {
                    std::thread::sleep(std::time::Duration::from_micros(200));
                }
                i * i
            },
            |r| got.push(r),
        );
        (got, produced)
    }

    #[test]
    fn results_come_in_the_order_of_the_items_on_any_number_of_threads() {
        let want: Vec<u64> = (0..1_000u64).map(|i| i * i).collect();
        for threads in [1, 2, 3, 8] {
            let (got, produced) = squares(threads, 1_000);
            assert_eq!(got, want, "{threads} threads");
            assert_eq!(produced, 1_000);
        }
        assert_eq!(squares(4, 0).0, Vec::<u64>::new());
        assert_eq!(squares(4, CHUNK as u64).0.len(), CHUNK);
    }

    #[test]
    fn zero_threads_means_every_core() {
        assert!(threads(0) >= 1);
        assert_eq!(threads(3), 3);
    }
}
