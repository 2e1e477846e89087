//! The latest instant of a Twitter export, read in stretches at once: what a report reads its
//! clocks at, found by every core instead of one.
//!
//! The export is cut at byte offsets; each stretch but the first starts after a line break it
//! finds, which may be inside a quoted field (a tweet's text holds line breaks), so its first
//! records may be misread. Each stretch is read on its own thread, keeping where each of its
//! first records starts (and, past them, only the latest instant); the readings are then joined
//! in order: the stretch before (read rightly, by induction) knows where its first record past
//! the cut truly starts, and when the next stretch started one of its first records at that
//! same byte, the two readers were in the same state there and agree from then on, so the next
//! stretch's records from that one are right. When they meet at none of those records (the cut
//! fell in a quoted field that no line break of the stretch's head ends), the rest is read again
//! from the true start, on one thread: slower, never different.

use super::twcs::TwcsImporter;
use super::Error;
use chrono::{DateTime, Utc};
use std::io::{BufRead, BufReader, Read};

/// Stretches shorter than this are not worth a thread of their own.
const LEAST_STRETCH: u64 = 4 << 20;

/// How many records at a stretch's head are kept one by one: where the reading before it goes
/// on is looked for among them (a few records in, unless the cut fell in a long quoted text).
/// Past them a stretch keeps only the latest instant, so its memory does not grow with it.
const HEAD: usize = 4096;

/// What one stretch's reader saw: the start (from the export's beginning, in order) and instant
/// of each of its first readable records, the latest instant of the rest, where it stopped, and
/// whether it stopped at an error that ends a read.
#[derive(Debug, Default)]
pub(super) struct Stretch {
    pub(super) starts: Vec<u64>,
    pub(super) instants: Vec<Option<DateTime<Utc>>>,
    /// The latest instant of the readable records after those kept one by one.
    pub(super) tail: Option<DateTime<Utc>>,
    /// The start of the first record at or past the stretch's end (`None`: the export ended).
    pub(super) next: Option<u64>,
    /// Reading stopped at an error after the last record kept (an I/O error).
    pub(super) ended: bool,
}

impl Stretch {
    /// A readable record: kept one by one while the head has room, else folded into the tail.
    pub(super) fn add(&mut self, start: u64, at: Option<DateTime<Utc>>, head: usize) {
        if self.starts.len() < head {
            self.starts.push(start);
            self.instants.push(at);
        } else {
            self.tail = self.tail.max(at);
        }
    }

    /// The latest instant from the kept record at `from` on, the tail included.
    fn latest_from(&self, from: usize) -> Option<DateTime<Utc>> {
        let head = self.instants.get(from..).unwrap_or_default();
        head.iter().copied().max().flatten().max(self.tail)
    }
}

/// The latest tweet of every readable row of a Twitter export (Kaggle's `twcs.csv` columns),
/// read by `parts` threads at once, without rebuilding threads: what a report reads its clocks
/// at. The rows' own checks decide what counts (a readable tweet whose thread a
/// [`TwcsImporter`] later refuses counts); the answer does not depend on `parts`.
/// `open(offset)` gives a reader of the export from byte `offset` on (a file opened and sought
/// there); `size` is the export's length in bytes. A small export, or `parts` ≤ 1, is read on
/// the calling thread.
///
/// # Example
///
/// ```
/// let mut csv = String::from("tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n");
/// for i in 1..=3 {
///     csv.push_str(&format!("{i},1157{i},True,Tue Oct 31 22:1{i}:47 +0000 2017,\"hi\n@sprintcare\",,\n"));
/// }
/// let bytes = csv.as_bytes();
/// let open = |at: u64| Ok(bytes.get(at as usize..).unwrap_or_default());
/// let latest = kesher_io::twcs_latest_event_at(open, bytes.len() as u64, 2)?;
/// assert_eq!(latest.map(|t| t.to_rfc3339()).as_deref(), Some("2017-10-31T22:13:47+00:00"));
/// # Ok::<(), kesher_io::Error>(())
/// ```
pub fn twcs_latest_event_at<R: Read + Send>(
    open: impl Fn(u64) -> std::io::Result<R> + Sync,
    size: u64,
    parts: usize,
) -> Result<Option<DateTime<Utc>>, Error> {
    in_stretches(open, size, parts, LEAST_STRETCH, HEAD)
}

/// [`twcs_latest_event_at`] with stretches of at least `least` bytes, each keeping `head`
/// records one by one.
fn in_stretches<R: Read + Send>(
    open: impl Fn(u64) -> std::io::Result<R> + Sync,
    size: u64,
    parts: usize,
    least: u64,
    head: usize,
) -> Result<Option<DateTime<Utc>>, Error> {
    let parts = parts.min(usize::try_from(size / least.max(1)).unwrap_or(usize::MAX));
    let first = TwcsImporter::new(BufReader::with_capacity(1 << 16, opened(&open, 0)?))?;
    let columns = first.columns();
    if parts <= 1 {
        let mut whole = first;
        return Ok(whole.latest_event_at());
    }
    let mut cuts = vec![0];
    for i in 1..parts as u64 {
        if let Some(cut) = line_start_after(&open, size / parts as u64 * i)? {
            cuts.push(cut.max(cuts.last().copied().unwrap_or(0)));
        }
    }
    cuts.dedup();
    let ends: Vec<u64> = cuts.iter().skip(1).copied().chain([u64::MAX]).collect();
    let stretches = std::thread::scope(|scope| {
        let mut first = Some(first);
        let handles: Vec<_> = cuts
            .iter()
            .zip(&ends)
            .map(|(&cut, &end)| {
                let (open, first) = (&open, first.take());
                scope.spawn(move || -> Result<Stretch, Error> {
                    let mut importer = match first {
                        Some(importer) => importer,
                        None => TwcsImporter::headless(BufReader::new(opened(open, cut)?), columns),
                    };
                    Ok(importer.stretch(cut, end, head))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect::<Result<Vec<Stretch>, Error>>()
    })?;
    joined(&stretches, |from| {
        let reader = BufReader::new(opened(&open, from)?);
        Ok(TwcsImporter::headless(reader, columns).latest_event_at())
    })
}

/// The stretches' readings joined in order (see the module documentation); `rest(offset)` reads
/// the export from a true record start to its end on one thread.
pub(super) fn joined(
    stretches: &[Stretch],
    rest: impl Fn(u64) -> Result<Option<DateTime<Utc>>, Error>,
) -> Result<Option<DateTime<Utc>>, Error> {
    let Some((first, later)) = stretches.split_first() else {
        return Ok(None);
    };
    let mut latest = first.latest_from(0);
    let (mut next, mut ended) = (first.next, first.ended);
    for stretch in later {
        let Some(at) = next.filter(|_| !ended) else {
            return Ok(latest);
        };
        // Not among the records kept one by one: past them, or at none of the stretch's.
        let Ok(from) = stretch.starts.binary_search(&at) else {
            return Ok(latest.max(rest(at)?));
        };
        latest = latest.max(stretch.latest_from(from));
        (next, ended) = (stretch.next, stretch.ended);
    }
    Ok(latest)
}

fn opened<R>(open: &impl Fn(u64) -> std::io::Result<R>, at: u64) -> Result<R, Error> {
    open(at).map_err(|e| Error::Io {
        message: e.to_string(),
    })
}

/// The offset just past the first line break at or after `at`; `None` when there is none.
fn line_start_after<R: Read>(
    open: &impl Fn(u64) -> std::io::Result<R>,
    at: u64,
) -> Result<Option<u64>, Error> {
    let mut reader = BufReader::new(opened(open, at)?);
    let mut skipped = Vec::new();
    let n = reader
        .read_until(b'\n', &mut skipped)
        .map_err(|e| Error::Io {
            message: e.to_string(),
        })?;
    Ok(skipped
        .last()
        .filter(|b| **b == b'\n')
        .map(|_| at + n as u64))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// An export of `rows` (minute, text), texts quoted and free to hold line breaks, commas and
    /// quotes; every seventh row unreadable (a bad inbound).
    fn export(rows: &[(u32, String)]) -> String {
        let mut csv = String::from("tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n");
        for (i, (minute, text)) in rows.iter().enumerate() {
            let t = at(*minute)
                .unwrap_or_default()
                .format("%a %b %d %H:%M:%S +0000 %Y");
            let inbound = if i % 7 == 6 { "maybe" } else { "True" };
            let text = text.replace('"', "\"\"");
            csv.push_str(&format!(
                "{},{},{inbound},{t},\"{text}\",,\n",
                i + 1,
                100 + i
            ));
        }
        csv
    }

    /// The latest instant as one reader reads every row with all its checks.
    fn sequential(csv: &str) -> Option<DateTime<Utc>> {
        TwcsImporter::new(csv.as_bytes())
            .unwrap()
            .latest_by_every_check()
    }

    proptest! {
        #[test]
        fn stretches_read_what_one_reader_reads(
            rows in proptest::collection::vec((0u32..100_000, "([a-z ,]|\n|\"|\n1,2,True,x,y,,){0,40}"), 1..60),
            parts in 2usize..9,
            head in prop_oneof![1usize..4, Just(HEAD)],
        ) {
            let csv = export(&rows);
            let bytes = csv.as_bytes();
            let open = |at: u64| Ok(bytes.get(at as usize..).unwrap_or_default());
            let got = in_stretches(open, bytes.len() as u64, parts, 1, head).unwrap();
            prop_assert_eq!(got, sequential(&csv));
        }
    }

    #[test]
    fn a_cut_inside_a_long_quoted_text_is_read_again_rightly() {
        // One text of many lines that each look like a row with a later instant.
        let fake = "\n9,9,True,Sun Dec 31 23:59:59 +0000 2017,x,,".repeat(200);
        let rows = vec![(1, String::from("a")), (2, fake), (3, String::from("b"))];
        let csv = export(&rows);
        let bytes = csv.as_bytes();
        let open = |at: u64| Ok(bytes.get(at as usize..).unwrap_or_default());
        for parts in 2..12 {
            for head in [1, 2, HEAD] {
                let got = in_stretches(open, bytes.len() as u64, parts, 1, head).unwrap();
                assert_eq!(got, at(3), "{parts} parts, {head} kept");
            }
        }
        assert_eq!(sequential(&csv), at(3));
    }

    fn at(minute: u32) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp(1_509_487_200 + i64::from(minute) * 60, 0)
    }

    fn stretch(starts: &[u64], minutes: &[u32], next: Option<u64>) -> Stretch {
        Stretch {
            starts: starts.to_vec(),
            instants: minutes.iter().map(|&m| at(m)).collect(),
            tail: None,
            next,
            ended: false,
        }
    }

    #[test]
    fn a_stretch_counts_from_the_record_where_the_reading_before_it_went_on() {
        // The second stretch misread a record at 95 (inside a quoted field) with minute 99,
        // then found the true record at 120.
        let parts = [
            stretch(&[0, 40], &[1, 2], Some(120)),
            stretch(&[95, 120, 160], &[99, 3, 4], None),
        ];
        let never = |_| -> Result<Option<DateTime<Utc>>, Error> { panic!("no rereading") };
        assert_eq!(joined(&parts, never).unwrap(), at(4));
        // Without a common record, the rest is read again from the true start.
        let parts = [
            stretch(&[0, 40], &[1, 2], Some(120)),
            stretch(&[95, 130], &[99, 98], None),
        ];
        assert_eq!(joined(&parts, |from| Ok(at(from as u32))).unwrap(), at(120));
        // A reading that ended at an error ends the whole reading there.
        let mut broken = stretch(&[0], &[1], Some(120));
        broken.ended = true;
        let parts = [broken, stretch(&[120], &[50], None)];
        assert_eq!(joined(&parts, |_| Ok(None)).unwrap(), at(1));
    }

    #[test]
    fn records_past_the_head_count_through_the_tail_or_are_read_again() {
        let mut second = Stretch::default();
        for (start, minute) in [(120, 3), (160, 9), (200, 4)] {
            second.add(start, at(minute), 2);
        }
        assert_eq!(
            (second.starts.as_slice(), second.tail),
            (&[120, 160][..], at(4))
        );
        let first = || stretch(&[0], &[1], Some(120));
        let never = |_| -> Result<Option<DateTime<Utc>>, Error> { panic!("no rereading") };
        assert_eq!(joined(&[first(), second], never).unwrap(), at(9));
        // The reading before goes on at a record past the head: that one is read again.
        let mut second = Stretch::default();
        for (start, minute) in [(95, 99), (110, 98), (120, 3)] {
            second.add(start, at(minute), 2);
        }
        assert_eq!(joined(&[first(), second], |_| Ok(at(7))).unwrap(), at(7));
    }
}
