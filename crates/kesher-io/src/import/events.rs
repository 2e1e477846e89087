//! Kesher's own JSON Lines events, grouped into cases, with a watermark that closes a case once
//! the stream has moved on.

use super::recent::RecentIds;
use super::{CaseBatch, CaseSource};
use crate::{ImportSummary, JsonLinesEvents, Rejection};
use kesher::{event::CaseEvent, CaseId};
use std::collections::{HashMap, VecDeque};
use std::io::BufRead;

/// The default watermark of [`EventsImporter`]: a case is complete once 500,000 rows of the
/// stream have passed without an event of it.
///
/// # Example
///
/// ```
/// assert_eq!(kesher_io::DEFAULT_CASE_WINDOW_ROWS, 500_000);
/// ```
pub const DEFAULT_CASE_WINDOW_ROWS: u64 = 500_000;

/// A case being gathered.
#[derive(Debug)]
struct Open {
    /// Its place in order of first appearance.
    first: u64,
    /// The row of its latest event.
    last: u64,
    batch: CaseBatch,
}

/// JSON Lines case events (the JSON contract), grouped by `case_id`.
///
/// Events of one case may be anywhere in a stretch of the file (an event stream interleaves
/// cases). The watermark: a case is complete, and handed over, once `window` rows of the stream
/// (default [`DEFAULT_CASE_WINDOW_ROWS`]) have passed without an event of it; the cases still
/// open when the input ends are handed over then, in order of first appearance. So memory holds
/// the cases active within the window, plus a hash of the id of each case handed over within
/// the last window of rows (two at most), kept so that an event arriving after its case was
/// handed over is rejected, with its line and the reason (the window it missed), instead of
/// starting a second case with the same id. An event more than two windows late may start one.
/// Rejected lines come as they are read.
///
/// # Example
///
/// ```
/// use kesher_io::{CaseSource, EventsImporter};
///
/// let text = r#"{"type": "assigned", "case_id": "B", "at": "2025-01-05T09:00:00Z", "agent": "a"}
/// {"type": "assigned", "case_id": "A", "at": "2025-01-05T09:00:00Z", "agent": "a"}
/// {"type": "assigned", "case_id": "B", "seq": 1, "at": "2025-01-05T09:01:00Z", "agent": "b"}
/// "#;
/// let mut source = EventsImporter::new(text.as_bytes());
/// let first = source.next().unwrap().unwrap();
/// assert_eq!((first.case_id.as_str(), first.events.len()), ("B", 2));
/// assert_eq!(first.events[1].0, 3);
/// assert_eq!(source.next().unwrap().unwrap().case_id.as_str(), "A");
/// assert!(source.next().is_none());
/// assert_eq!(source.summary().accepted, 3);
///
/// // With a window of one row, B is complete when A's event comes, and B's second event is
/// // rejected rather than made a second case B.
/// let mut source = EventsImporter::with_window(text.as_bytes(), 1);
/// let items: Vec<_> = source.by_ref().collect();
/// assert_eq!(items[0].as_ref().unwrap().events.len(), 1);
/// assert!(items[1].as_ref().unwrap_err().to_string().starts_with("line 3: "));
/// assert_eq!(items[2].as_ref().unwrap().case_id.as_str(), "A");
/// assert_eq!(source.summary().to_string(), "read 3, accepted 2, rejected 1");
/// ```
#[derive(Debug)]
pub struct EventsImporter<R> {
    reader: JsonLinesEvents<R>,
    window: u64,
    /// Rows accepted so far (the stream's clock for the watermark).
    rows: u64,
    open: HashMap<CaseId, Open>,
    /// Every accepted row of the window, oldest first, with its case: a case whose latest
    /// event is the row at the front has been quiet for the window.
    recent: VecDeque<(u64, CaseId)>,
    /// Hashes of the ids of the cases handed over within the window.
    closed: RecentIds,
    ready: VecDeque<Result<CaseBatch, Rejection>>,
    drained: Option<std::vec::IntoIter<CaseBatch>>,
    /// Accepted rows the importer then rejected (no case id, or late for their case).
    unaccepted: u64,
}

impl<R: BufRead> EventsImporter<R> {
    /// An importer over `reader` with the default watermark ([`DEFAULT_CASE_WINDOW_ROWS`]).
    ///
    /// # Example
    ///
    /// See [`EventsImporter`].
    pub fn new(reader: R) -> Self {
        Self::with_window(reader, DEFAULT_CASE_WINDOW_ROWS)
    }

    /// An importer that hands a case over once `window` rows have passed without an event of it
    /// (`u64::MAX`: only when the input ends).
    ///
    /// # Example
    ///
    /// See [`EventsImporter`].
    pub fn with_window(reader: R, window: u64) -> Self {
        EventsImporter {
            reader: JsonLinesEvents::new(reader),
            window: window.max(1),
            rows: 0,
            open: HashMap::new(),
            recent: VecDeque::new(),
            closed: RecentIds::new(window),
            ready: VecDeque::new(),
            drained: None,
            unaccepted: 0,
        }
    }

    /// How many cases are being gathered now (what the importer holds in memory).
    ///
    /// # Example
    ///
    /// ```
    /// let text = r#"{"type": "assigned", "case_id": "B", "at": "2025-01-05T09:00:00Z", "agent": "a"}"#;
    /// let mut source = kesher_io::EventsImporter::new(text.as_bytes());
    /// assert_eq!(source.open_cases(), 0);
    /// let _ = source.next();
    /// assert_eq!(source.open_cases(), 0); // handed over at the end of the input
    /// ```
    pub fn open_cases(&self) -> usize {
        self.open.len()
    }

    fn add(&mut self, line: u64, event: CaseEvent) -> Result<(), Rejection> {
        let Some(id) = event.case_id().cloned() else {
            // The reader validates that every event names its case; kept as a rejection so
            // the row is still accounted for.
            self.unaccepted += 1;
            return Err(Rejection {
                line,
                error: super::invalid("case_id", "", "every event must name its case"),
            });
        };
        if self.closed.contains(super::id_hash(&id)) {
            self.unaccepted += 1;
            return Err(Rejection {
                line,
                error: super::invalid(
                    "case_id",
                    id.as_str(),
                    format!(
                        "the case was already handed over: {} rows passed without an event of \
                         it (the importer's window); events of one case must lie within it",
                        self.window
                    ),
                ),
            });
        }
        self.rows += 1;
        let row = self.rows;
        let open = self.open.entry(id.clone()).or_insert_with(|| Open {
            first: row,
            last: row,
            batch: CaseBatch {
                case_id: id.clone(),
                events: Vec::new(),
            },
        });
        open.last = row;
        open.batch.events.push((line, event));
        self.recent.push_back((row, id));
        self.expire();
        Ok(())
    }

    /// Hands over every case whose latest event is more than `window` rows back.
    fn expire(&mut self) {
        while let Some((row, id)) = self.recent.front() {
            if self.rows - *row < self.window {
                break;
            }
            // Quiet since this row only if it is still the case's latest.
            if self.open.get(id).is_some_and(|o| o.last == *row) {
                if let Some(open) = self.open.remove(id) {
                    self.closed.insert(self.rows, super::id_hash(id));
                    self.ready.push_back(Ok(open.batch));
                }
            }
            self.recent.pop_front();
        }
    }

    /// The cases still open when the input ends, in order of first appearance.
    fn drain(&mut self) -> std::vec::IntoIter<CaseBatch> {
        let mut rest: Vec<Open> = std::mem::take(&mut self.open).into_values().collect();
        rest.sort_unstable_by_key(|o| o.first);
        self.recent = VecDeque::new();
        rest.into_iter()
            .map(|o| o.batch)
            .collect::<Vec<_>>()
            .into_iter()
    }
}

impl<R: BufRead> Iterator for EventsImporter<R> {
    type Item = Result<CaseBatch, Rejection>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.ready.pop_front() {
                return Some(item);
            }
            if let Some(drained) = self.drained.as_mut() {
                return drained.next().map(Ok);
            }
            match self.reader.next() {
                Some(Ok((line, event))) => {
                    if let Err(rejection) = self.add(line, event) {
                        return Some(Err(rejection));
                    }
                }
                Some(Err(rejection)) => return Some(Err(rejection)),
                None => self.drained = Some(self.drain()),
            }
        }
    }
}

impl<R: BufRead> CaseSource for EventsImporter<R> {
    fn summary(&self) -> ImportSummary {
        let mut summary = self.reader.summary();
        for _ in 0..self.unaccepted {
            summary.reject_accepted();
        }
        summary
    }
}
