//! A progress line on standard error for long inputs, shown only when standard error is a
//! terminal (never in pipes, logs or CI).

use std::cell::Cell;
use std::io::{self, BufRead, IsTerminal, Read, Write};
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Bytes read and cases done so far, drawn at most five times a second.
#[derive(Debug, Clone)]
pub(crate) struct Progress {
    shown: bool,
    label: &'static str,
    total: u64,
    bytes: Rc<Cell<u64>>,
    cases: Rc<Cell<u64>>,
    last: Rc<Cell<Option<Instant>>>,
}

impl Progress {
    pub(crate) fn new(label: &'static str, total: u64) -> Progress {
        Progress {
            shown: io::stderr().is_terminal() && std::env::var_os("CI").is_none(),
            label,
            total,
            bytes: Rc::default(),
            cases: Rc::default(),
            last: Rc::default(),
        }
    }

    /// One more case done.
    pub(crate) fn case(&self) {
        self.cases.set(self.cases.get() + 1);
        self.draw(false);
    }

    fn draw(&self, force: bool) {
        if !self.shown {
            return;
        }
        let now = Instant::now();
        if !force
            && self
                .last
                .get()
                .is_some_and(|t| now.duration_since(t) < Duration::from_millis(200))
        {
            return;
        }
        self.last.set(Some(now));
        let share = if self.total > 0 {
            (self.bytes.get() as f64 / self.total as f64 * 100.0).min(100.0)
        } else {
            0.0
        };
        let filled = (share / 5.0) as usize;
        let bar: String = "#".repeat(filled) + &"-".repeat(20 - filled.min(20));
        let _ = write!(
            io::stderr(),
            "\rkesher report: {} [{bar}] {share:3.0} % · {} cases ",
            self.label,
            self.cases.get()
        );
    }

    /// Clears the line (before another message is printed).
    pub(crate) fn clear(&self) {
        if self.shown && self.last.get().is_some() {
            let _ = write!(io::stderr(), "\r{:78}\r", "");
            self.last.set(None);
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
    bytes: Rc<Cell<u64>>,
}

impl<R> Counting<R> {
    pub(crate) fn new(inner: R, progress: &Progress) -> Counting<R> {
        Counting {
            inner,
            bytes: Rc::clone(&progress.bytes),
        }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bytes.set(self.bytes.get() + n as u64);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.bytes.set(self.bytes.get() + n as u64);
        self.inner.consume(n);
    }
}
