//! Folding events into cases, checking single events, reading support-data exports.

#[cfg(feature = "import")]
use crate::error::invalid;
use crate::error::{fail, to_json, Result};
use kesher::{case::CaseLog, event::CaseEvent};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// One rejected event or row: where it was and why.
#[derive(Serialize)]
struct Rejection {
    index: u64,
    kind: &'static str,
    field: Option<String>,
    value: Option<String>,
    message: String,
}

impl Rejection {
    fn of(index: u64, e: &kesher::Error) -> Rejection {
        Rejection {
            index,
            kind: e.kind().as_str(),
            field: e.field().map(str::to_string),
            value: e.value().map(str::to_string),
            message: e.to_string(),
        }
    }
}

/// Folds one case's events (each the JSON text of one event, in any order) strictly: the first
/// bad event is thrown, naming its index (`events[3].channel`).
#[wasm_bindgen(js_name = foldCase)]
pub fn fold_case(events: Vec<String>) -> Result<String> {
    let mut log = CaseLog::default();
    for (i, text) in events.iter().enumerate() {
        let event = CaseEvent::from_json(text).map_err(|e| at_index(i, e))?;
        log.insert(event);
    }
    let case = log.into_case().map_err(fail)?;
    to_json("case", &case)
}

/// The core error with the event's index in front of its field.
fn at_index(i: usize, e: kesher::Error) -> JsValue {
    let field = match e.field() {
        Some(f) if f != "." => format!("events[{i}].{f}"),
        _ => format!("events[{i}]"),
    };
    crate::error::fail(e.renamed(&field))
}

#[derive(Serialize)]
struct Folded {
    cases: Vec<kesher::case::Case>,
    rejected: Vec<Rejection>,
}

/// Folds events of many cases (each the JSON text of one event) leniently: every case that can
/// be folded, and every event that could not be used with its index and reason.
#[wasm_bindgen(js_name = foldEvents)]
pub fn fold_events(events: Vec<String>) -> Result<String> {
    let folded = kesher::case::fold_events(events.iter().map(|t| CaseEvent::from_json(t)));
    let rejected = folded
        .rejected
        .iter()
        .map(|r| Rejection::of(r.origin, &r.error))
        .collect();
    to_json(
        "cases",
        &Folded {
            cases: folded.cases,
            rejected,
        },
    )
}

/// Checks one event (JSON text) and gives its type.
#[wasm_bindgen(js_name = checkEvent)]
pub fn check_event(event_json: &str) -> Result<String> {
    CaseEvent::from_json(event_json)
        .map(|e| e.type_name().to_string())
        .map_err(fail)
}

#[cfg(feature = "import")]
#[derive(Serialize)]
struct Read {
    format: String,
    cases: Vec<kesher::case::Case>,
    read: u64,
    accepted: u64,
    rejected: u64,
    rejections: Vec<RowRejection>,
}

#[cfg(feature = "import")]
#[derive(Serialize)]
struct RowRejection {
    line: u64,
    reason: String,
}

/// Each rejected row's line and reason.
#[cfg(feature = "import")]
fn row_rejections(rejections: &[kesher_io::Rejection]) -> Vec<RowRejection> {
    rejections
        .iter()
        .map(|r| RowRejection {
            line: r.line,
            reason: r.error.to_string(),
        })
        .collect()
}

/// A kesher-io error as a thrown value (the core's error when it holds one).
#[cfg(feature = "import")]
fn io_error(e: kesher_io::Error) -> wasm_bindgen::JsValue {
    match e {
        kesher_io::Error::Core(core) => fail(core),
        other => invalid("bytes", "", &other.to_string()),
    }
}

/// The format of `bytes`: `mapping` (JSON text) when given, else `format` by name, else
/// detected from the first bytes.
#[cfg(feature = "import")]
fn chosen(
    bytes: &[u8],
    format: Option<String>,
    mapping: Option<String>,
) -> Result<kesher_io::Format> {
    kesher_io::Format::choose(bytes, format.as_deref(), mapping.as_deref()).map_err(io_error)
}

/// Reads a support-data export (kesher events, the Twitter support CSV, event logs, one-row-
/// per-ticket tables, helpdesk exports, IBM conversations JSON) from its bytes into cases,
/// accounting for every row. `format` names it, or `mapping` (JSON text) describes it;
/// detected from the first bytes when neither is given.
#[cfg(feature = "import")]
#[wasm_bindgen(js_name = readCases)]
pub fn read_cases(bytes: &[u8], format: Option<String>, mapping: Option<String>) -> Result<String> {
    let format = chosen(bytes, format, mapping)?;
    let name = format.name().to_string();
    let reader = Box::new(std::io::Cursor::new(bytes.to_vec()));
    let all = kesher_io::import_all(reader, format).map_err(io_error)?;
    let rejections = row_rejections(&all.rejections);
    let (cases, summary) = (all.cases, all.summary);
    to_json(
        "cases",
        &Read {
            format: name,
            cases,
            read: summary.read,
            accepted: summary.accepted,
            rejected: summary.rejected,
            rejections,
        },
    )
}

/// Converts any supported export into kesher events, as `kesher import` does: JSON text of
/// `{"format", "events", "read", "accepted", "rejected", "rejections"}`. Arguments as
/// `readCases`.
#[cfg(feature = "import")]
#[wasm_bindgen(js_name = readEvents)]
pub fn read_events(
    bytes: &[u8],
    format: Option<String>,
    mapping: Option<String>,
) -> Result<String> {
    #[derive(Serialize)]
    struct Converted {
        format: String,
        events: Vec<CaseEvent>,
        read: u64,
        accepted: u64,
        rejected: u64,
        rejections: Vec<RowRejection>,
    }
    let format = chosen(bytes, format, mapping)?;
    let name = format.name().to_string();
    let reader = Box::new(std::io::Cursor::new(bytes.to_vec()));
    let all = kesher_io::import_events(reader, format).map_err(io_error)?;
    let rejections = row_rejections(&all.rejections);
    let (events, summary) = (all.events, all.summary);
    to_json(
        "events",
        &Converted {
            format: name,
            events,
            read: summary.read,
            accepted: summary.accepted,
            rejected: summary.rejected,
            rejections,
        },
    )
}
