//! JSON Lines readers with row accounting: one value per line ([`kesher::event::CaseEvent`]s, or any
//! type with a parser, such as [`kesher::journey::Journey`]).

use crate::{Error, ImportSummary, Rejection};
use kesher::event::CaseEvent;
use std::io::{BufRead, Read};

/// The default longest line accepted: 1 MiB. Longer lines are rejected, not buffered, so memory
/// stays bounded whatever the input.
///
/// # Example
///
/// ```
/// assert_eq!(kesher_io::DEFAULT_MAX_LINE_BYTES, 1_048_576);
/// ```
pub const DEFAULT_MAX_LINE_BYTES: usize = 1 << 20;

/// The longest journey line accepted: 64 MiB (a journey of about 400,000 points).
/// `kesher journey build` refuses to write a longer one, so what it writes always reads back.
///
/// # Example
///
/// ```
/// assert_eq!(kesher_io::MAX_JOURNEY_LINE_BYTES, 64 << 20);
/// ```
pub const MAX_JOURNEY_LINE_BYTES: usize = 64 << 20;

/// Reads values from JSON Lines, one per line, streaming (case events with
/// [`JsonLinesEvents`], journeys with [`JsonLines::journeys`], anything with a parser).
///
/// Blank lines (only whitespace) are skipped and are not rows. A UTF-8 byte-order mark at the
/// start is ignored, and so is a `\r` before the `\n`. Each other line is one row: an `Ok` event
/// with its line number, or a [`Rejection`] with the line number and reason. After an I/O error the
/// iterator yields that error once (as a rejection of the line being read) and stops.
///
/// # Example
///
/// ```
/// use kesher_io::JsonLinesEvents;
///
/// let mut reader = JsonLinesEvents::new("\u{feff}\n  \nnot json\n".as_bytes());
/// let rejection = reader.next().unwrap().unwrap_err();
/// assert_eq!(rejection.line, 3);
/// assert_eq!(rejection.error.kind(), "invalid_json");
/// assert!(reader.next().is_none());
/// assert_eq!(reader.summary().read, 1);
/// ```
#[derive(Debug)]
pub struct JsonLines<R, T> {
    reader: R,
    parse: fn(&str) -> kesher::Result<T>,
    line: u64,
    max_line_bytes: usize,
    buf: Vec<u8>,
    summary: ImportSummary,
    done: bool,
}

/// The JSON Lines event reader: one [`kesher::event::CaseEvent`] per line.
pub type JsonLinesEvents<R> = JsonLines<R, CaseEvent>;

impl<R: BufRead> JsonLines<R, kesher::journey::Journey> {
    /// A reader of journeys, one per line (as `kesher journey build` writes them), lines up to
    /// [`MAX_JOURNEY_LINE_BYTES`].
    ///
    /// # Example
    ///
    /// ```
    /// let text = r#"{"customer_id": "c", "points": []}"#;
    /// let mut r = kesher_io::JsonLines::journeys(text.as_bytes());
    /// assert!(r.next().unwrap().is_ok());
    /// assert_eq!(r.summary().accepted, 1);
    /// ```
    pub fn journeys(reader: R) -> Self {
        JsonLines::with_parser(
            reader,
            MAX_JOURNEY_LINE_BYTES,
            kesher::journey::Journey::from_json,
        )
    }
}

impl<R: BufRead, T> JsonLines<R, T> {
    /// A reader that parses each line with `parse`, rejecting lines over `max_line_bytes`.
    ///
    /// # Example
    ///
    /// ```
    /// let text = r#"{"id": "cu-1", "name": "Dana Levi"}"#;
    /// let mut r = kesher_io::JsonLines::with_parser(text.as_bytes(), 1024, kesher::customer::Customer::from_json);
    /// assert_eq!(r.next().unwrap().unwrap().1.id.as_str(), "cu-1");
    /// ```
    pub fn with_parser(
        reader: R,
        max_line_bytes: usize,
        parse: fn(&str) -> kesher::Result<T>,
    ) -> Self {
        JsonLines {
            reader,
            parse,
            line: 0,
            max_line_bytes,
            buf: Vec::new(),
            summary: ImportSummary::default(),
            done: false,
        }
    }
}

impl<R: BufRead> JsonLinesEvents<R> {
    /// A reader with the default line limit ([`DEFAULT_MAX_LINE_BYTES`]).
    ///
    /// # Example
    ///
    /// See [`JsonLinesEvents`].
    pub fn new(reader: R) -> Self {
        Self::with_max_line_bytes(reader, DEFAULT_MAX_LINE_BYTES)
    }

    /// A reader that rejects lines longer than `max_line_bytes`.
    ///
    /// # Example
    ///
    /// ```
    /// let mut r = kesher_io::JsonLinesEvents::with_max_line_bytes("{\"type\": \"opened\"}\n".as_bytes(), 8);
    /// assert_eq!(r.next().unwrap().unwrap_err().error.kind(), "line_too_long");
    /// ```
    pub fn with_max_line_bytes(reader: R, max_line_bytes: usize) -> Self {
        JsonLines::with_parser(reader, max_line_bytes, CaseEvent::from_json)
    }
}

impl<R: BufRead, T> JsonLines<R, T> {
    /// The rows counted so far.
    ///
    /// # Example
    ///
    /// See [`JsonLinesEvents`].
    pub fn summary(&self) -> ImportSummary {
        self.summary
    }

    /// Reads one physical line into `buf` (without its end), up to the limit. Returns
    /// `Ok(None)` at the end of input and `Ok(Some(total))` otherwise, where `total` counts the
    /// bytes seen, including any beyond the limit (which are skipped, not kept).
    fn read_line(&mut self) -> std::io::Result<Option<usize>> {
        self.buf.clear();
        let limit = u64::try_from(self.max_line_bytes).unwrap_or(u64::MAX);
        let n = (&mut self.reader)
            .take(limit.saturating_add(1))
            .read_until(b'\n', &mut self.buf)?;
        if n == 0 {
            return Ok(None);
        }
        let mut total = n;
        if self.buf.last() != Some(&b'\n') && n > self.max_line_bytes {
            // Too long: skip to the end of the line without keeping it.
            loop {
                let chunk = self.reader.fill_buf()?;
                if chunk.is_empty() {
                    break;
                }
                match chunk.iter().position(|b| *b == b'\n') {
                    Some(p) => {
                        total += p + 1;
                        self.reader.consume(p + 1);
                        break;
                    }
                    None => {
                        let len = chunk.len();
                        total += len;
                        self.reader.consume(len);
                    }
                }
            }
        }
        if self.buf.last() == Some(&b'\n') {
            self.buf.pop();
            if self.buf.last() == Some(&b'\r') {
                self.buf.pop();
            }
        }
        Ok(Some(total))
    }
}

impl<R: BufRead, T> Iterator for JsonLines<R, T> {
    type Item = Result<(u64, T), Rejection>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let total = match self.read_line() {
                Ok(Some(total)) => total,
                Ok(None) => {
                    self.done = true;
                    return None;
                }
                Err(e) => {
                    self.done = true;
                    self.line += 1;
                    self.summary.reject();
                    return Some(Err(Rejection {
                        line: self.line,
                        error: e.into(),
                    }));
                }
            };
            self.line += 1;
            let line = self.line;
            if total > self.max_line_bytes {
                self.summary.reject();
                return Some(Err(Rejection {
                    line,
                    error: Error::LineTooLong {
                        line,
                        bytes: total,
                        limit: self.max_line_bytes,
                    },
                }));
            }
            let mut bytes = self.buf.as_slice();
            if line == 1 {
                bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
            }
            let text = match std::str::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    self.summary.reject();
                    return Some(Err(Rejection {
                        line,
                        error: Error::InvalidUtf8 {
                            line,
                            byte: e.valid_up_to(),
                        },
                    }));
                }
            };
            if text.trim().is_empty() {
                continue;
            }
            return Some(match (self.parse)(text) {
                Ok(event) => {
                    self.summary.accept();
                    Ok((line, event))
                }
                Err(e) => {
                    self.summary.reject();
                    Err(Rejection {
                        line,
                        error: e.into(),
                    })
                }
            });
        }
        None
    }
}
