//! Importers of support-data exports: each turns an export into complete cases, streaming, with
//! every row accounted for.
//!
//! An importer is an iterator of [`CaseBatch`]es (every event of one case, each with the line it
//! came from) and [`Rejection`]s (a row that could not be used, with its line and reason). Memory
//! is bounded by the cases still open, not by the size of the file: a case is handed over as soon
//! as the importer knows it is complete, and what is kept of it afterwards (a hash of its id, to
//! refuse rows of it that come late) is kept for [`DEFAULT_CASE_WINDOW_ROWS`] rows at least and
//! two such windows at most, never for the whole file. When the iterator ends,
//! `read = accepted + rejected` holds in [`CaseSource::summary`].
//!
//! | format | rows | a case is | complete when |
//! |---|---|---|---|
//! | [`Format::Events`] | lines | the events with one `case_id` | [`DEFAULT_CASE_WINDOW_ROWS`] rows pass without an event of it (the watermark), or the input ends |
//! | [`Format::Twcs`] | tweets | a reply thread, per brand | every reply link of the thread is resolved, or [`DEFAULT_CASE_WINDOW_ROWS`] rows pass without a tweet of it, or the input ends |
//! | [`Format::EventLog`] | log rows | the rows of one case id | the next case id starts (rows must be grouped by case) |
//! | [`Format::Tickets`] | tickets | one row | it is read |
//! | [`Format::Helpdesk`] | tickets (conversations) | one record with its posts | it is read |
//! | [`Format::IbmJson`] | conversations | one conversation | it is read |

mod all;
mod chatwoot;
mod csv_lines;
mod detect;
mod eventlog;
mod events;
mod freshdesk;
mod hashing;
mod helpdesk;
mod ibm;
mod json_array;
mod mapping;
mod recent;
mod thread;
mod ticket_mapping;
mod tickets;
mod timestamps;
mod twcs;
mod twcs_latest;
mod zammad;
mod zendesk;

pub use all::{import_all, import_events, Imported, ImportedEvents};
pub use detect::{detect, Format};
pub use eventlog::EventLogImporter;
pub use events::{EventsImporter, DEFAULT_CASE_WINDOW_ROWS};
pub use helpdesk::{Helpdesk, HelpdeskImporter};
pub use ibm::IbmImporter;
pub use mapping::{ActivityRule, EventLogMapping};
pub use ticket_mapping::TicketTableMapping;
pub use tickets::TicketTableImporter;
pub use twcs::TwcsImporter;
pub use twcs_latest::twcs_latest_event_at;

use crate::{Error, ImportSummary, Rejection};
use kesher::{
    case::{CaseLog, FoldOutcome},
    event::CaseEvent,
    CaseId,
};
use std::io::BufRead;

/// Every event of one case as an importer hands it over, each with the line (or, for JSON
/// documents, the line where its record starts) it came from.
///
/// # Example
///
/// ```
/// use kesher_io::{import, Format};
///
/// let csv = "Case ID,Activity,Resource,Complete Timestamp,customer\nT1,Take in charge ticket,ana,2012/10/09 14:50:17.000,c1\n";
/// let mut source = import(Box::new(csv.as_bytes()), Format::helpdesk())?;
/// let batch = source.next().unwrap()?;
/// assert_eq!(batch.case_id.as_str(), "T1");
/// assert_eq!(batch.events[0].0, 2);
/// let case = batch.into_log().into_case()?;
/// assert_eq!(case.status(), kesher::CaseStatus::InProgress);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct CaseBatch {
    /// The case.
    pub case_id: CaseId,
    /// Its events, in input order, with their lines.
    pub events: Vec<(u64, CaseEvent)>,
}

impl CaseBatch {
    /// The case's log, each event remembering its line (for the fold's rejections).
    ///
    /// # Example
    ///
    /// See [`CaseBatch`].
    pub fn into_log(self) -> CaseLog {
        let mut log = CaseLog::default();
        for (line, event) in self.events {
            log.insert_with_origin(event, line);
        }
        log
    }

    /// The case's lenient fold: what `into_log().into_outcome()` gives, natively without
    /// building the log ([`FoldOutcome::of_events`]; the WebAssembly build, built for size,
    /// goes through the log, which its package holds anyway).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher_io::{import, Format};
    ///
    /// let text = "{\"type\": \"opened\", \"case_id\": \"T\", \"at\": \"2025-01-05T09:00:00Z\", \"customer\": {\"id\": \"c\"}, \"channel\": \"chat\"}\n";
    /// let batch = import(Box::new(text.as_bytes()), Format::Events)?.next().unwrap()?;
    /// assert_eq!(batch.clone().into_outcome(), batch.into_log().into_outcome());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn into_outcome(self) -> FoldOutcome {
        #[cfg(not(target_arch = "wasm32"))]
        return FoldOutcome::of_events(self.events);
        #[cfg(target_arch = "wasm32")]
        return self.into_log().into_outcome();
    }
}

/// An importer: complete cases and rejected rows, in order, then a summary.
///
/// # Example
///
/// ```
/// use kesher_io::{import, Format};
///
/// let text = "{\"type\": \"assigned\", \"case_id\": \"T\", \"at\": \"2025-01-05T09:00:00Z\", \"agent\": \"a\"}\nnot json\n";
/// let mut source = import(Box::new(text.as_bytes()), Format::Events)?;
/// let items: Vec<_> = source.by_ref().collect();
/// assert_eq!(items.len(), 2);
/// assert_eq!(source.summary().to_string(), "read 2, accepted 1, rejected 1");
/// # Ok::<(), kesher_io::Error>(())
/// ```
pub trait CaseSource: Iterator<Item = Result<CaseBatch, Rejection>> {
    /// Rows read, accepted and rejected so far. Rows of cases not yet handed over are counted in
    /// `read` only, so `read = accepted + rejected` holds once the iterator has ended.
    fn summary(&self) -> ImportSummary;
}

/// An importer of `format` over `reader`. Fails only when the input cannot be that format at all
/// (a CSV header without a required column, say), with the reason.
///
/// # Example
///
/// See [`CaseSource`].
///
/// The importer is `Send` (it can run on its own thread, feeding cases to another); for a reader
/// that is not, construct the importer itself ([`TwcsImporter::new`] and the like).
pub fn import(
    reader: Box<dyn BufRead + Send>,
    format: Format,
) -> Result<Box<dyn CaseSource + Send>, Error> {
    Ok(match format {
        Format::Events => Box::new(EventsImporter::new(reader)),
        Format::Twcs => Box::new(TwcsImporter::new(reader)?),
        Format::EventLog(mapping) => Box::new(EventLogImporter::new(reader, *mapping)?),
        Format::Tickets(mapping) => Box::new(TicketTableImporter::new(reader, *mapping)?),
        Format::Helpdesk(helpdesk) => Box::new(HelpdeskImporter::new(reader, helpdesk)),
        Format::IbmJson => Box::new(IbmImporter::new(reader)),
    })
}

/// A case id's hash, the same for the same id within a run: what importers keep of the cases
/// they handed over (8 bytes each), to refuse a second case with the same id.
fn id_hash(id: &CaseId) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// The case's id, validated as the core validates ids.
fn case_id(field: &str, text: &str) -> Result<CaseId, Error> {
    CaseId::new(text).map_err(|e| renamed(e, field))
}

/// The core's refusal of a value (an id too long, a control character) under the name of the
/// input's field that held it.
fn renamed(e: kesher::Error, field: &str) -> Error {
    match e.kind() {
        kesher::ErrorKind::InvalidInput => Error::Core(e.renamed(field)),
        _ => Error::Core(e),
    }
}

/// An invalid value in a row.
fn invalid(field: &str, value: &str, reason: impl Into<String>) -> Error {
    Error::Core(kesher::Error::invalid_input(field, value, reason))
}

/// Tweet text as written: Twitter's API escapes `&`, `<` and `>` as HTML entities, and both
/// Twitter data sets keep them so.
fn tweet_text(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The `opened` event of a case an importer rebuilt: the customer known only by id, no problem
/// or order (exports do not carry them), seq 0.
fn opened(
    case_id: &kesher::CaseId,
    at: chrono::DateTime<chrono::Utc>,
    customer: &kesher::CustomerId,
    channel: kesher::Channel,
    priority: kesher::event::Priority,
    metadata: std::collections::BTreeMap<String, String>,
) -> CaseEvent {
    CaseEvent::Opened(Box::new(kesher::event::CaseOpened {
        case_id: case_id.clone(),
        seq: 0,
        at,
        customer: kesher::event::CustomerDetails {
            id: customer.clone(),
            name: None,
            email: None,
            phone: None,
            segments: std::collections::BTreeSet::new(),
        },
        channel,
        problem: None,
        order: None,
        priority,
        metadata,
    }))
}

/// The rows a record's fields swallowed: lines after a line break inside a field that hold as
/// many commas as a whole row does (`columns - 1`).
fn swallowed_rows(record: &csv::StringRecord, columns: usize) -> u64 {
    let separators = columns.saturating_sub(1).max(2);
    // Most records hold no line break at all: one byte scan of the fields, which the record
    // keeps end to end, decides that.
    if !record.as_slice().as_bytes().contains(&b'\n') {
        return 0;
    }
    record
        .iter()
        .filter(|f| f.as_bytes().contains(&b'\n'))
        .flat_map(|f| f.split('\n').skip(1))
        .filter(|l| l.bytes().filter(|b| *b == b',').count() >= separators)
        .count() as u64
}

/// The longest CSV row the importers accept: 1 MiB (a tweet is at most a few KB, an event-log
/// row less). A longer row is rejected with its line and reason, and reading goes on.
///
/// # Example
///
/// ```
/// assert_eq!(kesher_io::MAX_CSV_ROW_BYTES, 1 << 20);
/// ```
pub const MAX_CSV_ROW_BYTES: usize = 1 << 20;

/// What reading one CSV record gave (shared by the CSV importers).
enum CsvRow {
    /// A record, read into the buffer, starting on this line.
    Record(u64),
    /// The input ended.
    End,
    /// A row that could not be read, and whether reading can go on after it (an I/O error ends
    /// the input; a malformed row does not).
    Failed(Rejection, bool),
}

/// Reads the next CSV record into `record`, counting it in `summary`; rows of blanks are not
/// rows. A record whose quoted field runs over whole rows (lines inside it with as many commas
/// as a row of `columns` fields has separators: an unclosed quote) is refused with every row it
/// swallowed counted as read and rejected, so no row is merged away unseen.
fn read_csv_row<R: std::io::Read>(
    csv: &mut csv::Reader<csv_lines::LineCounted<R>>,
    record: &mut csv::StringRecord,
    summary: &mut ImportSummary,
    columns: usize,
) -> CsvRow {
    loop {
        match csv.read_record(record) {
            Ok(false) => return CsvRow::End,
            Ok(true) if record.iter().all(|f| f.trim().is_empty()) => continue,
            Ok(true) => {
                let line = record
                    .position()
                    .map_or(0, |p| csv.get_mut().line_at(p.byte()));
                if record.as_slice().len() > MAX_CSV_ROW_BYTES {
                    summary.read += 1;
                    summary.rejected += 1;
                    let size = record.as_slice().len();
                    *record = csv::StringRecord::new(); // release the buffer it grew
                    let error = invalid(
                        "row",
                        "",
                        format!("{size} bytes, over the {MAX_CSV_ROW_BYTES}-byte cap on a row"),
                    );
                    return CsvRow::Failed(Rejection { line, error }, true);
                }
                let swallowed = swallowed_rows(record, columns);
                summary.read += 1 + swallowed;
                if swallowed > 0 {
                    summary.rejected += 1 + swallowed;
                    let error = invalid(
                        "row",
                        "",
                        format!(
                            "a quoted field runs over {swallowed} more row(s) (an unclosed quote?); \
                             this row and the {swallowed} it swallowed are rejected"
                        ),
                    );
                    return CsvRow::Failed(Rejection { line, error }, true);
                }
                return CsvRow::Record(line);
            }
            Err(e) => {
                summary.read += 1;
                summary.rejected += 1;
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                let line = e.position().map_or(0, |p| csv.get_mut().line_at(p.byte()));
                let error = invalid("row", "", e.to_string());
                return CsvRow::Failed(Rejection { line, error }, !fatal);
            }
        }
    }
}
