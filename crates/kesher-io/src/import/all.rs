//! An import read to the end and folded into cases, for callers that hold every case in memory
//! (the Python and WebAssembly packages); `kesher report` streams instead.

use super::{import, Format};
use crate::{Error, ImportSummary, Rejection};
use kesher::case::Case;
use std::io::BufRead;

/// The cases of a whole import and the account of its rows.
///
/// # Example
///
/// See [`import_all`].
#[derive(Debug)]
pub struct Imported {
    /// Every case that folded, in the order the importer handed them over.
    pub cases: Vec<Case>,
    /// `read = accepted + rejected`, where a row the fold refused counts as rejected.
    pub summary: ImportSummary,
    /// Each rejected row (by the importer or by the fold) with its line and reason, by line.
    pub rejections: Vec<Rejection>,
}

/// Reads `reader` as `format` to the end and folds each case leniently: an event the fold
/// refuses is moved from accepted to rejected with its line and reason, so
/// `read = accepted + rejected` still holds.
///
/// # Errors
///
/// Only when the input cannot be that format at all (as [`import`]).
///
/// # Example
///
/// ```
/// let events = concat!(
///     r#"{"type": "opened", "case_id": "T-1", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "email"}"#, "\n",
///     r#"{"type": "status_changed", "case_id": "T-1", "seq": 1, "at": "2025-01-05T10:00:00Z", "to": "closed"}"#, "\n",
///     "not json\n",
/// );
/// let all = kesher_io::import_all(Box::new(std::io::Cursor::new(events)), kesher_io::Format::Events)?;
/// assert_eq!(all.cases.len(), 1);
/// assert_eq!((all.summary.read, all.summary.accepted, all.summary.rejected), (3, 1, 2));
/// assert_eq!(all.rejections.iter().map(|r| r.line).collect::<Vec<_>>(), [2, 3]); // an illegal move; not JSON
/// # Ok::<(), kesher_io::Error>(())
/// ```
pub fn import_all(reader: Box<dyn BufRead + Send>, format: Format) -> Result<Imported, Error> {
    let mut source = import(reader, format)?;
    let (mut cases, mut rejections) = (Vec::new(), Vec::new());
    let mut refused = Vec::new();
    for item in source.by_ref() {
        match item {
            Ok(batch) => {
                let outcome = batch.into_outcome();
                for r in outcome.rejected {
                    refused.push(r.origin);
                    rejections.push(Rejection {
                        line: r.origin,
                        error: Error::Core(r.error),
                    });
                }
                cases.extend(outcome.case);
            }
            Err(r) => rejections.push(r),
        }
    }
    let mut summary = source.summary();
    // Each line counts once, however many of its events were refused.
    refused.sort_by(Ord::cmp);
    refused.dedup();
    for _ in &refused {
        summary.reject_accepted();
    }
    rejections.sort_by_key(|r| r.line);
    Ok(Imported {
        cases,
        summary,
        rejections,
    })
}

/// The events of a whole import, as `kesher import` writes them, and the account of its rows.
///
/// # Example
///
/// See [`import_events`].
#[derive(Debug)]
pub struct ImportedEvents {
    /// Every event of every case handed over, case after case.
    pub events: Vec<kesher::event::CaseEvent>,
    /// `read = accepted + rejected`.
    pub summary: ImportSummary,
    /// Each rejected row with its line and reason.
    pub rejections: Vec<Rejection>,
}

/// Reads `reader` as `format` to the end into kesher events, unfolded (for callers that hold
/// them in memory, as the Python and WebAssembly packages do; `kesher import` streams).
///
/// # Errors
///
/// Only when the input cannot be that format at all (as [`import`]).
///
/// # Example
///
/// ```
/// let events = concat!(
///     r#"{"type": "opened", "case_id": "T-1", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "email"}"#, "\n",
///     "not json\n",
/// );
/// let all = kesher_io::import_events(Box::new(std::io::Cursor::new(events)), kesher_io::Format::Events)?;
/// assert_eq!(all.events.len(), 1);
/// assert_eq!(all.rejections[0].line, 2);
/// # Ok::<(), kesher_io::Error>(())
/// ```
pub fn import_events(
    reader: Box<dyn BufRead + Send>,
    format: Format,
) -> Result<ImportedEvents, Error> {
    let mut source = import(reader, format)?;
    let (mut events, mut rejections) = (Vec::new(), Vec::new());
    for item in source.by_ref() {
        match item {
            Ok(batch) => events.extend(batch.events.into_iter().map(|(_, e)| e)),
            Err(r) => rejections.push(r),
        }
    }
    Ok(ImportedEvents {
        events,
        summary: source.summary(),
        rejections,
    })
}
