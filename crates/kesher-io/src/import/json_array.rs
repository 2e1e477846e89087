//! Streaming the elements of a top-level JSON array, one at a time, with the line each starts on.

use crate::Error;
use std::io::BufRead;

/// The largest element accepted: 16 MiB.
const MAX_ELEMENT_BYTES: usize = 16 << 20;

/// An element's first line and bytes, or the line where reading failed and why.
pub(super) type Element = Result<(u64, Vec<u8>), (u64, Error)>;

/// An element read: its bytes, or only its size when it was too large to keep.
#[derive(Debug)]
pub(super) enum Piece {
    Whole(Vec<u8>),
    Oversized(usize),
}

/// Splits `[a, b, …]` into the bytes of `a`, `b`, … without parsing them (strings and nesting
/// are tracked so that commas and brackets inside do not split). Made with
/// [`JsonArray::or_objects`], it also reads a sequence of objects (JSON Lines, or objects one
/// after another however they are laid out) when the input does not start with `[`.
#[derive(Debug)]
pub(super) struct JsonArray<R> {
    reader: R,
    line: u64,
    started: bool,
    done: bool,
    /// Whether a sequence of objects is accepted instead of an array.
    objects: bool,
    /// Reading a sequence of objects (not an array).
    sequence: bool,
    /// A byte read ahead (the first object's opening brace).
    ahead: Option<u8>,
    /// The line the element being read starts on (what an error in it names).
    start: u64,
}

impl<R: BufRead> JsonArray<R> {
    pub(super) fn new(reader: R) -> Self {
        JsonArray {
            reader,
            line: 1,
            started: false,
            done: false,
            objects: false,
            sequence: false,
            ahead: None,
            start: 1,
        }
    }

    /// An array, or a sequence of objects.
    pub(super) fn or_objects(reader: R) -> Self {
        JsonArray {
            objects: true,
            ..JsonArray::new(reader)
        }
    }

    fn byte(&mut self) -> Result<Option<u8>, Error> {
        let buf = self.reader.fill_buf()?;
        let Some(&b) = buf.first() else {
            return Ok(None);
        };
        self.reader.consume(1);
        if b == b'\n' {
            self.line += 1;
        }
        Ok(Some(b))
    }

    fn skip_space(&mut self) -> Result<Option<u8>, Error> {
        loop {
            match self.byte()? {
                Some(b' ' | b'\t' | b'\r' | b'\n') => {}
                // A UTF-8 byte-order mark.
                Some(0xEF | 0xBB | 0xBF) if !self.started => {}
                other => return Ok(other),
            }
        }
    }

    /// The next element and its first line; `None` after the closing bracket. An element over
    /// 16 MiB is read to its end without being kept and comes back as an error for its line;
    /// the elements after it are read as usual.
    pub(super) fn next_element(&mut self) -> Option<Element> {
        if self.done {
            return None;
        }
        let result = self.read_element();
        match result {
            Ok(Some((line, Piece::Oversized(size)))) => {
                let error = Error::Core(kesher::Error::invalid_json(".", format!(
                        "line {line}: an element of {size} bytes is larger than the 16 MiB an element may have"
                    )));
                Some(Err((line, error)))
            }
            Ok(Some((line, Piece::Whole(bytes)))) => Some(Ok((line, bytes))),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e) => {
                self.done = true;
                Some(Err((self.start, e)))
            }
        }
    }

    fn read_element(&mut self) -> Result<Option<(u64, Piece)>, Error> {
        self.start = self.line;
        let syntax = |line: u64, what: &str| {
            Error::Core(kesher::Error::invalid_json(
                ".",
                format!("line {line}: {what}"),
            ))
        };
        if !self.started {
            self.started = true;
            match self.skip_space()? {
                Some(b'[') => {}
                Some(b'{') if self.objects => {
                    self.sequence = true;
                    self.ahead = Some(b'{');
                }
                None if self.objects => return Ok(None),
                _ if self.objects => {
                    return Err(syntax(self.line, "expected a JSON array or JSON objects"))
                }
                _ => return Err(syntax(self.line, "expected a JSON array of conversations")),
            }
        }
        let mut first = match self.ahead.take() {
            Some(b) => Some(b),
            None => self.skip_space()?,
        };
        if first == Some(b',') && !self.sequence {
            first = self.skip_space()?;
        }
        let start = self.line;
        self.start = start;
        let mut out = Vec::new();
        match first {
            None if self.sequence => return Ok(None),
            None => return Err(syntax(self.line, "the array is not closed")),
            Some(b']') if !self.sequence => return Ok(None),
            Some(b'{') => out.push(b'{'),
            Some(_) if self.sequence => {
                return Err(syntax(self.line, "expected a JSON object"));
            }
            Some(b) => out.push(b),
        }
        let (mut depth, mut in_string, mut escaped) = (0i64, false, false);
        let mut b = out.first().copied().unwrap_or(b' ');
        let compound = matches!(b, b'{' | b'[');
        let mut size = out.len();
        loop {
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
            } else {
                match b {
                    b'"' => in_string = true,
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => depth -= 1,
                    _ => {}
                }
            }
            let piece = |out: Vec<u8>, size: usize| {
                if size > MAX_ELEMENT_BYTES {
                    Piece::Oversized(size)
                } else {
                    Piece::Whole(out)
                }
            };
            if depth == 0 && !in_string {
                // A scalar element ends at the next comma or bracket; a compound one here.
                if compound {
                    return Ok(Some((start, piece(out, size))));
                }
            }
            let Some(next) = self.byte()? else {
                let what = if self.sequence {
                    "the object is not closed"
                } else {
                    "the array is not closed"
                };
                return Err(syntax(self.line, what));
            };
            if depth == 0 && !in_string && matches!(next, b',' | b']') {
                if next == b']' {
                    self.done = true;
                }
                return Ok(Some((start, piece(out, size))));
            }
            // Past the limit the element is still followed to its end, but no longer kept.
            size += 1;
            if size <= MAX_ELEMENT_BYTES {
                out.push(next);
            } else if !out.is_empty() {
                out = Vec::new();
            }
            b = next;
        }
    }
}
