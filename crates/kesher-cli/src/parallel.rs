//! Work spread over threads and handed back in order: one thread produces items (an importer
//! reading a file), workers map them (fold, evaluate, draw), and the calling thread receives
//! the results in the order the items were produced, so what it builds does not depend on how
//! many threads ran. Memory is bounded: the producer waits once a few chunks per worker are in
//! flight.

use std::collections::BTreeMap;
use std::sync::mpsc::{sync_channel, Receiver, TrySendError};
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
/// thread maps and sinks, the producer mapping whole chunks too whenever the calling thread is
/// behind; with more, `threads − 2` workers map while the calling thread only sinks. Gives
/// what `produce` returns.
///
/// (Measured on two cores, a third thread as a separate worker cost more than it gave: each
/// case then crosses two threads' caches instead of one.)
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
    if workers == 0 {
        return with_helping_producer(produce, state, work, sink);
    }
    let (jobs, job_queue) = sync_channel::<(u64, Vec<T>)>(4 * workers);
    let job_queue = Mutex::new(job_queue);
    // Chunks between the producer and the calling thread, at most: a chunk takes a credit,
    // and the calling thread gives it back once it has sunk the chunk, so that chunks held
    // for their turn (behind a slow one) stay few.
    let limit = 8 * workers;
    let (credit, credits) = sync_channel::<()>(limit);
    for _ in 0..limit {
        let _ = credit.send(());
    }
    std::thread::scope(|scope| {
        let producer = scope.spawn(move || {
            let send = |chunk| credits.recv().is_ok() && jobs.send(chunk).is_ok();
            let mut chunks = Chunks::new();
            let value = produce(&mut |item| match chunks.push(item) {
                Some(full) => send(full),
                None => true,
            });
            if let Some(last) = chunks.rest() {
                send(last);
            }
            value
        });
        let (results, done) = sync_channel::<(u64, Vec<R>)>(4 * workers);
        for _ in 0..workers {
            let (results, job_queue, state, work) = (results.clone(), &job_queue, &state, &work);
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
        in_order(&done, &mut sink, || {
            let _ = credit.try_send(());
        });
        drop(credit);
        joined(producer)
    })
}

/// Items gathered into numbered chunks.
struct Chunks<T> {
    chunk: Vec<T>,
    seq: u64,
}

impl<T> Chunks<T> {
    fn new() -> Chunks<T> {
        Chunks {
            chunk: Vec::with_capacity(CHUNK),
            seq: 0,
        }
    }

    /// Adds `item`; gives the chunk once it is full.
    fn push(&mut self, item: T) -> Option<(u64, Vec<T>)> {
        self.chunk.push(item);
        if self.chunk.len() < CHUNK {
            return None;
        }
        let full = std::mem::replace(&mut self.chunk, Vec::with_capacity(CHUNK));
        self.seq += 1;
        Some((self.seq - 1, full))
    }

    /// The last chunk, not full, if it has anything.
    fn rest(self) -> Option<(u64, Vec<T>)> {
        (!self.chunk.is_empty()).then_some((self.seq, self.chunk))
    }
}

/// A chunk on its way from the producer to the calling thread: items still to map, or mapped
/// already by the producer (which maps a chunk itself rather than wait while the calling thread
/// is behind).
enum Handed<T, R> {
    Items(Vec<T>),
    Mapped(Vec<R>),
}

/// Two threads: the producer's, and the calling one, which maps and sinks. When the calling
/// thread falls behind (the queue between them is full), the producer maps the chunk itself
/// instead of waiting, so the two share the mapping in whatever proportion keeps both busy;
/// chunks still arrive in order through the one queue.
fn with_helping_producer<T: Send, R: Send, S, P: Send>(
    produce: impl FnOnce(&mut dyn FnMut(T) -> bool) -> P + Send,
    state: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, T) -> R + Sync,
    mut sink: impl FnMut(R),
) -> P {
    let (handed, queue) = sync_channel::<Handed<T, R>>(4);
    std::thread::scope(|scope| {
        let (state, work) = (&state, &work);
        let producer = scope.spawn(move || {
            let mut own = None;
            let mut hand = |chunk: Vec<T>| match handed.try_send(Handed::Items(chunk)) {
                Ok(()) => true,
                Err(TrySendError::Disconnected(_)) => false,
                Err(TrySendError::Full(Handed::Items(chunk))) => {
                    let s = own.get_or_insert_with(state);
                    let mapped = chunk.into_iter().map(|t| work(s, t)).collect();
                    handed.send(Handed::Mapped(mapped)).is_ok()
                }
                Err(TrySendError::Full(Handed::Mapped(_))) => false,
            };
            let mut chunks = Chunks::new();
            let value = produce(&mut |item| match chunks.push(item) {
                Some((_, full)) => hand(full),
                None => true,
            });
            if let Some((_, last)) = chunks.rest() {
                hand(last);
            }
            value
        });
        let mut s = state();
        for chunk in queue {
            match chunk {
                Handed::Items(items) => items.into_iter().for_each(|t| sink(work(&mut s, t))),
                Handed::Mapped(mapped) => mapped.into_iter().for_each(&mut sink),
            }
        }
        joined(producer)
    })
}

/// What a scoped thread gave, its panic passed on.
fn joined<P>(thread: std::thread::ScopedJoinHandle<'_, P>) -> P {
    thread
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
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
fn in_order<R>(done: &Receiver<(u64, Vec<R>)>, sink: &mut impl FnMut(R), mut sunk: impl FnMut()) {
    let mut early: BTreeMap<u64, Vec<R>> = BTreeMap::new();
    let mut next = 0u64;
    for (seq, mapped) in done {
        early.insert(seq, mapped);
        while let Some(ready) = early.remove(&next) {
            ready.into_iter().for_each(&mut *sink);
            sunk();
            next += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The squares of 0..n through `ordered`, what the producer gave, and how many threads
    /// mapped items (each makes its state once).
    fn squares(threads: usize, n: u64) -> (Vec<u64>, u64, usize) {
        let mut got = Vec::new();
        let states = std::sync::atomic::AtomicUsize::new(0);
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
            || {
                states.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                0u64
            },
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
        (got, produced, states.into_inner())
    }

    #[test]
    fn results_come_in_the_order_of_the_items_on_any_number_of_threads() {
        let want: Vec<u64> = (0..1_000u64).map(|i| i * i).collect();
        for threads in [1, 2, 3, 8] {
            let (got, produced, _) = squares(threads, 1_000);
            assert_eq!(got, want, "{threads} threads");
            assert_eq!(produced, 1_000);
        }
        // On two threads the producer, far ahead of the slow mapping, maps chunks too.
        assert_eq!(squares(2, 1_000).2, 2);
        assert_eq!(squares(1, 1_000).2, 1);
        assert_eq!(squares(4, 0).0, Vec::<u64>::new());
        assert_eq!(squares(4, CHUNK as u64).0.len(), CHUNK);
    }

    #[test]
    fn a_slow_chunk_holds_the_producer_back_instead_of_piling_results_up() {
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let (produced, sunk, most) = (
            AtomicUsize::new(0),
            AtomicUsize::new(0),
            AtomicUsize::new(0),
        );
        let n = 200 * CHUNK;
        ordered(
            4,
            |give| {
                for i in 0..n {
                    let ahead = produced.fetch_add(1, SeqCst) + 1 - sunk.load(SeqCst);
                    most.fetch_max(ahead, SeqCst);
                    if !give(i) {
                        break;
                    }
                }
            },
            || (),
            |_, i| {
                // The first chunk is slow: every other one is done long before its turn.
                if i == 0 {
                    std::thread::sleep(std::time::Duration::from_millis(200));
                }
                i
            },
            |_| {
                sunk.fetch_add(1, SeqCst);
            },
        );
        assert_eq!(sunk.into_inner(), n);
        // Two workers: at most 16 chunks taken, plus the one being filled.
        assert!(most.into_inner() <= 17 * CHUNK, "the producer ran ahead");
    }

    #[test]
    fn zero_threads_means_every_core() {
        assert!(threads(0) >= 1);
        assert_eq!(threads(3), 3);
    }
}
