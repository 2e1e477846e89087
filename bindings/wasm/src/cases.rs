//! Folding events into cases, checking single events, reading support-data exports.

#[cfg(feature = "import")]
use crate::error::invalid;
use crate::error::{fail, to_json, Result};
use kesher::{CaseEvent, CaseLog, CaseLogs};
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// One rejected event or row: where it was and why.
#[derive(Serialize)]
struct Rejection {
    index: u64,
    kind: &'static str,
    field: Option<String>,
    message: String,
}

impl Rejection {
    fn of(index: u64, e: &kesher::Error) -> Rejection {
        Rejection {
            index,
            kind: e.kind().as_str(),
            field: e.field().map(str::to_string),
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
    crate::error::thrown(
        e.kind().as_str(),
        Some(&field),
        &format!("events[{i}]: {e}"),
    )
}

#[derive(Serialize)]
struct Folded {
    cases: Vec<kesher::Case>,
    rejected: Vec<Rejection>,
}

/// Folds events of many cases (each the JSON text of one event) leniently: every case that can
/// be folded, and every event that could not be used with its index and reason.
#[wasm_bindgen(js_name = foldEvents)]
pub fn fold_events(events: Vec<String>) -> Result<String> {
    let mut logs = CaseLogs::default();
    let mut rejected = Vec::new();
    for (i, text) in events.iter().enumerate() {
        let i = i as u64;
        match CaseEvent::from_json(text) {
            Ok(e) => {
                if let Err(err) = logs.insert_with_origin(e, i) {
                    rejected.push(Rejection::of(i, &err));
                }
            }
            Err(err) => rejected.push(Rejection::of(i, &err)),
        }
    }
    let mut cases = Vec::new();
    for (_, log) in logs.iter() {
        let outcome = log.fold_lenient();
        rejected.extend(
            outcome
                .rejected
                .iter()
                .map(|r| Rejection::of(r.origin, &r.error)),
        );
        cases.extend(outcome.case);
    }
    kesher::sorting::sort_by_key(&mut rejected, |r| r.index);
    to_json("cases", &Folded { cases, rejected })
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
    cases: Vec<kesher::Case>,
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

/// Reads a support-data export (Kesher events, Twitter customer support CSV, helpdesk or BPIC
/// event logs, IBM conversations JSON) from its bytes into cases, accounting for every row.
/// `format` is detected from the first bytes when not given.
#[cfg(feature = "import")]
#[wasm_bindgen(js_name = readCases)]
pub fn read_cases(bytes: &[u8], format: Option<String>) -> Result<String> {
    let format = match format.as_deref() {
        Some(name) => kesher_io::Format::from_name(name).map_err(|e| invalid("format", name, &e))?,
        None => kesher_io::detect(bytes).ok_or_else(|| {
            invalid(
                "format",
                "",
                "cannot tell the format from the first bytes; name it (events, twcs, helpdesk, bpic2013, ibm)",
            )
        })?,
    };
    let name = format.name().to_string();
    let reader = Box::new(std::io::Cursor::new(bytes.to_vec()));
    let all =
        kesher_io::import_all(reader, format).map_err(|e| invalid("bytes", "", &e.to_string()))?;
    let rejections = all
        .rejections
        .iter()
        .map(|r| RowRejection {
            line: r.line,
            reason: r.error.to_string(),
        })
        .collect();
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
