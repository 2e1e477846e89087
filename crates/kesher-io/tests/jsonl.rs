//! The JSON Lines reader: every row accounted for, whatever the bytes.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)] // tests fail loudly

use kesher_io::JsonLinesEvents;
use proptest::prelude::*;
use std::io::{BufReader, Read};

const GOOD: &str =
    r#"{"type": "assigned", "case_id": "T-1", "at": "2025-01-05T09:00:00Z", "agent": "dana"}"#;

#[test]
fn crlf_bom_and_blank_lines() {
    let input = format!("\u{feff}{GOOD}\r\n\r\n   \n{GOOD}\r\n");
    let mut r = JsonLinesEvents::new(input.as_bytes());
    let lines: Vec<u64> = r.by_ref().map(|row| row.unwrap().0).collect();
    assert_eq!(lines, [1, 4]);
    assert_eq!(r.summary().to_string(), "read 2, accepted 2, rejected 0");
}

#[test]
fn a_long_line_is_rejected_and_the_next_one_still_read() {
    let long = format!("{{\"type\": \"{}\"}}", "x".repeat(500));
    let input = format!("{long}\n{GOOD}\n");
    let mut r =
        JsonLinesEvents::with_max_line_bytes(BufReader::with_capacity(16, input.as_bytes()), 100);
    let first = r.next().unwrap().unwrap_err();
    assert_eq!(first.line, 1);
    assert_eq!(first.error.kind(), "line_too_long");
    assert_eq!(r.next().unwrap().unwrap().0, 2);
    assert!(r.next().is_none());
    assert_eq!(r.summary().to_string(), "read 2, accepted 1, rejected 1");
}

#[test]
fn invalid_utf8_is_rejected_with_its_line() {
    let mut input = GOOD.as_bytes().to_vec();
    input.extend_from_slice(b"\n{\"type\": \"\xff\"}\n");
    let rows: Vec<_> = JsonLinesEvents::new(&input[..]).collect();
    let err = rows[1].as_ref().unwrap_err();
    assert_eq!(err.to_string(), "line 2 is not valid UTF-8 (at byte 10)");
}

struct FailAfter<'a>(&'a [u8]);

impl Read for FailAfter<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.0.is_empty() {
            return Err(std::io::Error::other("disk on fire"));
        }
        let n = self.0.len().min(buf.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

#[test]
fn an_io_error_is_reported_once_and_ends_the_stream() {
    let input = format!("{GOOD}\n");
    let mut r = JsonLinesEvents::new(BufReader::new(FailAfter(input.as_bytes())));
    assert!(r.next().unwrap().is_ok());
    let err = r.next().unwrap().unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2: cannot read the input: disk on fire"
    );
    assert!(r.next().is_none());
    assert_eq!(r.summary().to_string(), "read 2, accepted 1, rejected 1");
}

proptest! {
    /// read = accepted + rejected, one row per non-blank line, whatever the bytes.
    #[test]
    fn every_row_is_accounted_for(lines in proptest::collection::vec(
        prop_oneof![Just(GOOD.as_bytes().to_vec()), proptest::collection::vec(any::<u8>(), 0..60)], 0..20)) {
        let mut input = Vec::new();
        for l in &lines {
            input.extend(l.iter().filter(|b| **b != b'\n'));
            input.push(b'\n');
        }
        let mut r = JsonLinesEvents::with_max_line_bytes(&input[..], 50);
        let rows = r.by_ref().count() as u64;
        let s = r.summary();
        prop_assert_eq!(s.read, s.accepted + s.rejected);
        prop_assert_eq!(s.read, rows);
        let non_blank = input
            .split(|b| *b == b'\n')
            .enumerate()
            .filter(|(i, l)| {
                let l = if *i == 0 { l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l) } else { l };
                let l = l.strip_suffix(b"\r").unwrap_or(l);
                l.len() > 50 || !std::str::from_utf8(l).is_ok_and(|t| t.trim().is_empty())
            })
            .count() as u64; // the empty piece after the final newline is blank, so not counted
        prop_assert_eq!(rows, non_blank);
    }
}
