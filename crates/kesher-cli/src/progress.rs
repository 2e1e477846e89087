//! A progress line on standard error for long inputs (indicatif), shown only when standard
//! error is a terminal and not under CI (never in pipes, logs or CI).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{self, BufRead, IsTerminal, Read};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// Bytes read (the bar) and cases done (the message), drawn at most five times a second.
#[derive(Debug, Clone)]
pub(crate) struct Progress {
    bar: ProgressBar,
    cases: Arc<AtomicU64>,
}

impl Progress {
    pub(crate) fn new(label: &'static str, total: u64) -> Progress {
        let shown = io::stderr().is_terminal() && std::env::var_os("CI").is_none();
        let target = if shown {
            ProgressDrawTarget::stderr_with_hz(5)
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(total), target);
        if let Ok(style) = ProgressStyle::with_template(
            "kesher report: {prefix} [{bar:20}] {percent:>3} % · {msg} cases",
        ) {
            bar.set_style(style.progress_chars("#-"));
        }
        bar.set_prefix(label);
        bar.set_message("0");
        Progress {
            bar,
            cases: Arc::default(),
        }
    }

    /// One more case done (the count on the line moves every thousand cases).
    pub(crate) fn case(&self) {
        let done = self.cases.fetch_add(1, Ordering::Relaxed) + 1;
        if done % 1000 == 0 {
            self.bar.set_message(done.to_string());
        }
    }

    /// Prints through `say` with the line cleared, and draws it again after.
    pub(crate) fn say(&self, say: impl FnOnce()) {
        self.bar.suspend(say);
    }

    /// The pass is over.
    pub(crate) fn done(&self) {
        self.bar.finish_and_clear();
    }
}

/// A reader that counts the bytes taken from it into a [`Progress`].
pub(crate) struct Counting<R> {
    inner: R,
    bar: ProgressBar,
}

impl<R> Counting<R> {
    pub(crate) fn new(inner: R, progress: &Progress) -> Counting<R> {
        Counting {
            inner,
            bar: progress.bar.clone(),
        }
    }
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.bar.inc(n as u64);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Counting<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, n: usize) {
        self.bar.inc(n as u64);
        self.inner.consume(n);
    }
}
