//! A progress line on standard error for long inputs, shown only when standard error is a
//! terminal (never in pipes, logs or CI).

use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Bytes read and cases done so far, drawn at most five times a second.
#[derive(Debug, Clone)]
pub(crate) struct Progress {
    shown: bool,
    label: &'static str,
    total: u64,
    bytes: Arc<AtomicU64>,
    cases: Arc<AtomicU64>,
    last: Arc<Mutex<Option<Instant>>>,
}

impl Progress {
    pub(crate) fn new(label: &'static str, total: u64) -> Progress {
        Progress {
            shown: io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
            label,
            total,
            bytes: Arc::default(),
            cases: Arc::default(),
            last: Arc::default(),
        }
    }

    /// One more case done.
    pub(crate) fn case(&self) {
        self.cases.fetch_add(1, Ordering::Relaxed);
        self.draw();
    }

    fn draw(&self) {
        if !self.shown {
            return;
        }
        let now = Instant::now();
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        if last.is_some_and(|t| now.duration_since(t) < Duration::from_millis(200)) {
            return;
        }
        *last = Some(now);
        let share = if self.total > 0 {
            (self.bytes.load(Ordering::Relaxed) as f64 / self.total as f64 * 100.0).min(100.0)
        } else {
            0.0
        };
        let filled = (share / 5.0) as usize;
        let bar: String = "#".repeat(filled) + &"-".repeat(20 - filled.min(20));
        let _ = write!(
            io::stderr(),
            "\rkesher report: {} [{bar}] {share:3.0} % · {} cases ",
            self.label,
            self.cases.load(Ordering::Relaxed)
        );
    }

    /// Clears the line (before another message is printed).
    pub(crate) fn clear(&self) {
        if !self.shown {
            return;
        }
        if let Ok(mut last) = self.last.lock() {
            if last.is_some() {
                let _ = write!(io::stderr(), "\r{:78}\r", "");
                *last = None;
            }
        }
    }

    /// The pass is over.
    pub(crate) fn done(&self) {
        self.clear();
    }
}

/// A reader that counts the bytes taken from it into a [`Progress`].
pub(crate) struct Counting<R> {
    inner: R,
    bytes: Arc<AtomicU64>,
}

impl<R> Counting<R> {
    pub(crate) fn new(inner: R, progress: &Progress) -> Counting<R> {
        Counting {
            inner,
            bytes: Arc::clone(&progress.bytes),
        }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.bytes.fetch_add(n as u64, Ordering::Relaxed);
        self.inner.consume(n);
    }
}
