//! # kesher-io — getting support data into kesher, with every row accounted for
//!
//! Readers work on any [`std::io::BufRead`], so the same code runs on files, pipes and (through
//! the wasm package) bytes in a browser. Every reader accounts for every row:
//! `read = accepted + rejected`, each rejection with its line number and reason, and never drops or
//! reorders data silently.
//!
//! ```
//! use kesher_io::JsonLinesEvents;
//!
//! let input = br#"{"type": "assigned", "case_id": "T-1", "at": "2025-01-05T09:00:00Z", "agent": "dana"}
//! {"type": "assigned", "case_id": "T-1", "at": "yesterday", "agent": "dana"}
//! "#;
//! let mut reader = JsonLinesEvents::new(&input[..]);
//! let rows: Vec<_> = reader.by_ref().collect();
//! assert!(rows[0].is_ok());
//! let rejection = rows[1].as_ref().unwrap_err();
//! assert_eq!(rejection.line, 2);
//! assert!(rejection.to_string().starts_with("line 2: at `at`: "));
//! assert_eq!(reader.summary().to_string(), "read 2, accepted 1, rejected 1");
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

#[cfg(feature = "arrow")]
pub mod arrow;
mod error;
mod import;
mod jsonl;
mod summary;

pub use error::{Error, Rejection};
pub use import::{
    detect, import, import_all, import_events, twcs_latest_event_at, ActivityRule, CaseBatch,
    CaseSource, EventLogImporter, EventLogMapping, EventsImporter, Format, Helpdesk,
    HelpdeskImporter, IbmImporter, Imported, ImportedEvents, TicketTableImporter,
    TicketTableMapping, TwcsImporter, DEFAULT_CASE_WINDOW_ROWS, MAX_CSV_ROW_BYTES,
};
pub use jsonl::{JsonLines, JsonLinesEvents, DEFAULT_MAX_LINE_BYTES, MAX_JOURNEY_LINE_BYTES};
pub use summary::ImportSummary;
