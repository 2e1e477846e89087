//! The exports of the helpdesks people use (Zendesk, Freshdesk, Zammad, Chatwoot) into cases.

use super::json_array::JsonArray;
use super::thread::Thread;
use super::{invalid, CaseBatch, CaseSource};
use crate::{Error, ImportSummary, Rejection};
use serde_json::{Map, Value};
use std::collections::VecDeque;
use std::io::BufRead;

/// A helpdesk whose export kesher reads: one record per ticket (or conversation), with its
/// comments, conversations, articles or messages inside it.
///
/// # Example
///
/// ```
/// assert_eq!(kesher_io::Helpdesk::Zammad.name(), "zammad");
/// assert_eq!(kesher_io::Helpdesk::ALL.len(), 4);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Helpdesk {
    /// Zendesk Support: ticket objects (Tickets API, incremental ticket export) each with the
    /// ticket's `audits` (Ticket Audits API) or `comments` (Ticket Comments API).
    Zendesk,
    /// Freshdesk: ticket objects (API v2, `include=conversations,stats`) each with its
    /// `conversations`.
    Freshdesk,
    /// Zammad: ticket objects (REST API, `expand=true`) each with its `articles`.
    Zammad,
    /// Chatwoot: conversation objects (Application API) each with its `messages`.
    Chatwoot,
}

impl Helpdesk {
    /// Every helpdesk, in the order of [`crate::Format::NAMES`].
    ///
    /// # Example
    ///
    /// See [`Helpdesk`].
    pub const ALL: [Helpdesk; 4] = [
        Helpdesk::Zendesk,
        Helpdesk::Freshdesk,
        Helpdesk::Zammad,
        Helpdesk::Chatwoot,
    ];

    /// Its name as `--format` takes it.
    ///
    /// # Example
    ///
    /// See [`Helpdesk`].
    pub fn name(self) -> &'static str {
        match self {
            Helpdesk::Zendesk => "zendesk",
            Helpdesk::Freshdesk => "freshdesk",
            Helpdesk::Zammad => "zammad",
            Helpdesk::Chatwoot => "chatwoot",
        }
    }

    /// The paths under which an API page holds its records (`{"tickets": [...]}`,
    /// `{"data": {"payload": [...]}}`).
    fn page_keys(self) -> &'static [&'static str] {
        match self {
            Helpdesk::Zendesk => &["tickets", "results"],
            Helpdesk::Freshdesk => &["tickets", "results"],
            Helpdesk::Zammad => &["tickets", "assets"],
            Helpdesk::Chatwoot => &["data.payload", "payload", "conversations"],
        }
    }

    fn thread(self, record: &Map<String, Value>) -> Result<Thread, Error> {
        match self {
            Helpdesk::Zendesk => super::zendesk::thread(record),
            Helpdesk::Freshdesk => super::freshdesk::thread(record),
            Helpdesk::Zammad => super::zammad::thread(record),
            Helpdesk::Chatwoot => super::chatwoot::thread(record),
        }
    }
}

/// A helpdesk export read into cases, streaming: a JSON array of records, records one after
/// another (JSON Lines, or pretty-printed objects), or API pages (`{"tickets": [...]}`, one
/// page held at a time) — each record a ticket with its posts inside. Each record is one
/// complete case or one rejection naming its line and the field; a record whose id was
/// already read (within [`crate::DEFAULT_CASE_WINDOW_ROWS`] records) is rejected.
///
/// # Example
///
/// ```
/// use kesher_io::{CaseSource, Helpdesk, HelpdeskImporter};
///
/// let json = r#"{"id": 7, "state": "closed", "created_at": "2025-01-05T09:00:00Z",
///   "updated_at": "2025-01-05T11:00:00Z", "customer_id": 40, "group": "Users",
///   "priority": "2 normal", "title": "Printer on fire",
///   "articles": [
///     {"id": 1, "sender": "Customer", "type": "email", "internal": false, "body": "It burns",
///      "created_at": "2025-01-05T09:00:00Z", "created_by_id": 40},
///     {"id": 2, "sender": "Agent", "type": "email", "internal": false, "body": "Unplug it",
///      "created_at": "2025-01-05T09:20:00Z", "created_by_id": 3}]}"#;
/// let mut source = HelpdeskImporter::new(json.as_bytes(), Helpdesk::Zammad);
/// let case = source.next().unwrap()?.into_log().into_case()?;
/// assert_eq!(case.status(), kesher::CaseStatus::Closed);
/// assert_eq!(case.facts().time_to_first_human_response.map(|d| d.num_minutes()), Some(20));
/// assert_eq!(source.summary().to_string(), "read 1, accepted 1, rejected 0");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct HelpdeskImporter<R> {
    values: JsonArray<R>,
    helpdesk: Helpdesk,
    /// Records of a page read but not yet handed over: line, path, record.
    pending: VecDeque<(u64, String, Value)>,
    index: usize,
    seen: super::recent::RecentIds,
    summary: ImportSummary,
}

impl<R: BufRead> HelpdeskImporter<R> {
    /// An importer of `helpdesk`'s export over `reader`.
    ///
    /// # Example
    ///
    /// See [`HelpdeskImporter`].
    pub fn new(reader: R, helpdesk: Helpdesk) -> Self {
        HelpdeskImporter {
            values: JsonArray::or_objects(reader),
            helpdesk,
            pending: VecDeque::new(),
            index: 0,
            seen: super::recent::RecentIds::new(super::DEFAULT_CASE_WINDOW_ROWS),
            summary: ImportSummary::default(),
        }
    }

    /// The next record (a page is opened into its records), or a value that could not be read.
    fn record(&mut self) -> Option<Result<(u64, String, Value), Rejection>> {
        loop {
            if let Some(record) = self.pending.pop_front() {
                return Some(Ok(record));
            }
            let (line, bytes) = match self.values.next_element()? {
                Ok(element) => element,
                Err((line, error)) => return Some(Err(Rejection { line, error })),
            };
            let path = format!("[{}]", self.index);
            self.index += 1;
            let value: Value = match serde_json::from_slice(&bytes) {
                Ok(v) => v,
                Err(e) => {
                    let error = Error::Core(
                        kesher::Error::invalid_json(path, e.to_string()).with_source(e),
                    );
                    return Some(Err(Rejection { line, error }));
                }
            };
            let page = self.helpdesk.page_keys().iter().find_map(|key| {
                let mut at = &value;
                for part in key.split('.') {
                    at = at.get(part)?;
                }
                Some((*key, at.as_array()?.clone()))
            });
            match page {
                Some((key, list)) => {
                    for (n, record) in list.into_iter().enumerate() {
                        self.pending
                            .push_back((line, format!("{key}[{n}]"), record));
                    }
                }
                None => return Some(Ok((line, path, value))),
            }
        }
    }

    fn case(&mut self, line: u64, path: &str, value: &Value) -> Result<CaseBatch, Error> {
        let record = value
            .as_object()
            .ok_or_else(|| invalid(path, "", "a record is a JSON object"))?;
        let thread = self.helpdesk.thread(record)?;
        let batch = thread.events(line)?;
        if !self
            .seen
            .insert(self.summary.read, super::id_hash(&batch.case_id))
        {
            return Err(invalid(
                "id",
                batch.case_id.as_str(),
                "repeats a ticket already read",
            ));
        }
        Ok(batch)
    }
}

impl<R: BufRead> Iterator for HelpdeskImporter<R> {
    type Item = Result<CaseBatch, Rejection>;

    fn next(&mut self) -> Option<Self::Item> {
        let record = self.record()?;
        self.summary.read += 1;
        let outcome = record.and_then(|(line, path, value)| {
            self.case(line, &path, &value)
                .map_err(|error| Rejection { line, error })
        });
        match &outcome {
            Ok(_) => self.summary.accepted += 1,
            Err(_) => self.summary.rejected += 1,
        }
        Some(outcome)
    }
}

impl<R: BufRead> CaseSource for HelpdeskImporter<R> {
    fn summary(&self) -> ImportSummary {
        self.summary
    }
}

/// Reading a record's fields, each error naming the field.
pub(super) struct Fields<'a> {
    pub(super) record: &'a Map<String, Value>,
    /// The path of the record's fields (`""`, or `articles[2].` for a nested one).
    pub(super) prefix: String,
}

impl<'a> Fields<'a> {
    pub(super) fn of(record: &'a Map<String, Value>) -> Fields<'a> {
        Fields {
            record,
            prefix: String::new(),
        }
    }

    pub(super) fn nested(&self, record: &'a Map<String, Value>, path: String) -> Fields<'a> {
        Fields {
            record,
            prefix: format!("{}{path}.", self.prefix),
        }
    }

    pub(super) fn path(&self, key: &str) -> String {
        format!("{}{key}", self.prefix)
    }

    /// A field's value as text (strings as they are, numbers written out); `None` when absent
    /// or null.
    pub(super) fn text(&self, key: &str) -> Option<String> {
        match self.record.get(key)? {
            Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => None,
        }
    }

    pub(super) fn required(&self, key: &str) -> Result<String, Error> {
        self.text(key).ok_or_else(|| {
            Error::Core(kesher::Error::missing_field(
                self.path(key),
                "every record needs it",
            ))
        })
    }

    pub(super) fn flag(&self, key: &str) -> bool {
        self.record
            .get(key)
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }

    pub(super) fn number(&self, key: &str) -> Option<i64> {
        self.record.get(key).and_then(Value::as_i64)
    }

    /// An RFC 3339 instant.
    pub(super) fn instant(
        &self,
        key: &str,
    ) -> Result<Option<chrono::DateTime<chrono::Utc>>, Error> {
        self.text(key)
            .map(|raw| super::thread::rfc3339(&raw, &self.path(key)))
            .transpose()
    }

    /// An instant as Unix seconds (or an RFC 3339 string, as some exports write it).
    pub(super) fn unix(&self, key: &str) -> Result<Option<chrono::DateTime<chrono::Utc>>, Error> {
        match self.record.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::Number(n)) => {
                let seconds = n.as_f64().unwrap_or(f64::NAN);
                let whole = seconds.floor();
                let nanos = ((seconds - whole) * 1e9).round() as u32;
                chrono::DateTime::from_timestamp(whole as i64, nanos.min(999_999_999))
                    .filter(|_| seconds.is_finite())
                    .map(Some)
                    .ok_or_else(|| {
                        invalid(&self.path(key), &n.to_string(), "not a Unix time in range")
                    })
            }
            Some(_) => self.instant(key),
        }
    }

    /// The objects of an array field (absent: none).
    pub(super) fn objects(&self, key: &str) -> Result<Vec<&'a Map<String, Value>>, Error> {
        match self.record.get(key) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| {
                    v.as_object().ok_or_else(|| {
                        invalid(
                            &format!("{}[{i}]", self.path(key)),
                            "",
                            "expected an object",
                        )
                    })
                })
                .collect(),
            Some(_) => Err(invalid(&self.path(key), "", "expected an array")),
        }
    }

    /// An object field.
    pub(super) fn object(&self, key: &str) -> Option<&'a Map<String, Value>> {
        self.record.get(key)?.as_object()
    }
}
