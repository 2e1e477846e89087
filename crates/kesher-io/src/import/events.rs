//! Kesher's own JSON Lines events, grouped into cases.

use super::{CaseBatch, CaseSource};
use crate::{ImportSummary, JsonLinesEvents, Rejection};
use kesher::{CaseEvent, CaseId};
use std::collections::HashMap;
use std::io::BufRead;

/// JSON Lines case events (the JSON contract), grouped by `case_id`.
///
/// Events of one case may be anywhere in the file (an event stream interleaves cases), so every
/// case stays open until the input ends; cases are then handed over in order of first
/// appearance. Rejected lines come first, as they are read.
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
/// ```
#[derive(Debug)]
pub struct EventsImporter<R> {
    reader: JsonLinesEvents<R>,
    cases: Vec<CaseBatch>,
    index: HashMap<CaseId, usize>,
    drained: Option<std::vec::IntoIter<CaseBatch>>,
    unowned: u64,
}

impl<R: BufRead> EventsImporter<R> {
    /// An importer over `reader`.
    ///
    /// # Example
    ///
    /// See [`EventsImporter`].
    pub fn new(reader: R) -> Self {
        EventsImporter {
            reader: JsonLinesEvents::new(reader),
            cases: Vec::new(),
            index: HashMap::new(),
            drained: None,
            unowned: 0,
        }
    }

    fn add(&mut self, line: u64, event: CaseEvent) -> Result<(), Rejection> {
        let Some(id) = event.case_id().cloned() else {
            // The reader validates that every event names its case; kept as a rejection so
            // the row is still accounted for.
            self.unowned += 1;
            return Err(Rejection {
                line,
                error: super::invalid("case_id", "", "every event must name its case"),
            });
        };
        let slot = *self.index.entry(id.clone()).or_insert_with(|| {
            self.cases.push(CaseBatch {
                case_id: id,
                events: Vec::new(),
            });
            self.cases.len() - 1
        });
        if let Some(batch) = self.cases.get_mut(slot) {
            batch.events.push((line, event));
        }
        Ok(())
    }
}

impl<R: BufRead> Iterator for EventsImporter<R> {
    type Item = Result<CaseBatch, Rejection>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.drained.is_none() {
            while let Some(row) = self.reader.next() {
                match row {
                    Ok((line, event)) => {
                        if let Err(rejection) = self.add(line, event) {
                            return Some(Err(rejection));
                        }
                    }
                    Err(rejection) => return Some(Err(rejection)),
                }
            }
            self.index = HashMap::new();
            self.drained = Some(std::mem::take(&mut self.cases).into_iter());
        }
        self.drained.as_mut().and_then(Iterator::next).map(Ok)
    }
}

impl<R: BufRead> CaseSource for EventsImporter<R> {
    fn summary(&self) -> ImportSummary {
        let mut summary = self.reader.summary();
        for _ in 0..self.unowned {
            summary.reject_accepted();
        }
        summary
    }
}
