//! Line numbers of CSV records, counted by line feeds from the record's byte offset.
//!
//! The `csv` crate's own `Position::line` counts a `\r\n` row end as no line at all on the first
//! row, so every row of a Windows-style file is reported one line early (and a file mixing row ends
//! drifts further). Rejections must name the line a user opens the file at, so the readers count
//! line feeds themselves: the reader below notes where each `\n` falls as bytes pass through, and
//! a record's line is one more than the line feeds before its first byte (the CSV reader hands
//! it back through `csv::Reader::get_mut`).

use std::collections::VecDeque;
use std::io::Read;

/// Where the line feeds seen but not yet passed fall, and how many were passed.
#[derive(Debug, Default)]
struct Feeds {
    /// Byte offsets of line feeds read ahead of the last record asked about.
    ahead: VecDeque<u64>,
    /// Line feeds before the last record asked about.
    passed: u64,
    /// Bytes read so far.
    read: u64,
}

/// A reader that notes the offset of every line feed passing through it.
#[derive(Debug)]
pub(crate) struct LineCounted<R> {
    inner: R,
    feeds: Feeds,
}

/// `reader` with its line counter.
pub(crate) fn counted<R: Read>(reader: R) -> LineCounted<R> {
    LineCounted {
        inner: reader,
        feeds: Feeds::default(),
    }
}

impl<R: Read> Read for LineCounted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let feeds = &mut self.feeds;
        if let Some(bytes) = buf.get(..n) {
            let start = feeds.read;
            feeds
                .ahead
                .extend(line_feeds(bytes).map(|i| start + i as u64));
            feeds.read += n as u64;
        }
        Ok(n)
    }
}

/// Where the line feeds of `bytes` are: found with SIMD natively, byte by byte in the
/// WebAssembly build, which is built for size.
#[cfg(not(target_arch = "wasm32"))]
fn line_feeds(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    memchr::memchr_iter(b'\n', bytes)
}

#[cfg(target_arch = "wasm32")]
fn line_feeds(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, b)| **b == b'\n')
        .map(|(i, _)| i)
}

impl<R> LineCounted<R> {
    /// The 1-based line of a record the `csv` crate says starts at byte `offset`; offsets must
    /// not decrease from call to call. After a `\r\n` the crate puts the start on the `\n`
    /// (the `\r` ended the row), so a line feed at the offset itself is counted as passed.
    pub(crate) fn line_at(&mut self, offset: u64) -> u64 {
        let feeds = &mut self.feeds;
        while feeds.ahead.front().is_some_and(|&at| at <= offset) {
            feeds.ahead.pop_front();
            feeds.passed += 1;
        }
        feeds.passed + 1
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// The lines of each record's first field, as the importers number them.
    fn lines(data: &[u8]) -> Vec<(String, u64)> {
        let mut csv = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(counted(data));
        let _ = csv.headers().unwrap();
        let mut record = csv::StringRecord::new();
        let mut out = Vec::new();
        while csv.read_record(&mut record).unwrap() {
            let line = csv.get_mut().line_at(record.position().unwrap().byte());
            out.push((record.get(0).unwrap().to_string(), line));
        }
        out
    }

    #[test]
    fn rows_are_numbered_by_line_feeds_whatever_the_row_ends() {
        let want = |v: &[(&str, u64)]| -> Vec<(String, u64)> {
            v.iter().map(|(s, l)| (s.to_string(), *l)).collect()
        };
        let rows = want(&[("a", 2), ("c", 3), ("e", 4), ("g", 5)]);
        assert_eq!(lines(b"h1,h2\na,b\nc,d\ne,f\ng,h\n"), rows);
        assert_eq!(lines(b"h1,h2\r\na,b\r\nc,d\r\ne,f\r\ng,h\r\n"), rows);
        assert_eq!(lines(b"h1,h2\r\na,b\r\nc,d\ne,f\r\ng,h"), rows);
        // A quoted field over two lines: the next row starts two lines on.
        assert_eq!(
            lines(b"h1,h2\r\na,\"b\r\nb\"\r\nc,d\r\n"),
            want(&[("a", 2), ("c", 4)])
        );
    }

    #[test]
    fn a_long_file_keeps_only_the_feeds_read_ahead() {
        let data: Vec<u8> = (0..100_000)
            .flat_map(|i| format!("{i},x\r\n").into_bytes())
            .collect();
        let mut csv = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(counted(&data[..]));
        let mut record = csv::StringRecord::new();
        let mut n = 0;
        while csv.read_record(&mut record).unwrap() {
            n += 1;
            let counter = csv.get_mut();
            assert_eq!(counter.line_at(record.position().unwrap().byte()), n);
            assert!(counter.feeds.ahead.len() < 20_000);
        }
        assert_eq!(n, 100_000);
    }
}
