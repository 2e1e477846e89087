//! The calendar request protocol behind `kesher calendar eval` and the shared test vectors:
//! one JSON request in, one JSON answer out, never a failure.

use super::Calendar;
use crate::error::{Error, ErrorKind};
use chrono::{DateTime, Utc};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// Evaluates calendar requests, keeping each distinct calendar compiled across requests.
///
/// A request is `{"id": ..., "op": ..., "calendar": {...} or "israel"|"us"|"uk", "input":
/// {...}}`; the operations and their inputs are `add` `{"start", "seconds"}`, `sub` `{"end",
/// "seconds"}`, `elapsed` `{"start", "end"}`, `is_open`, `next_open`, `previous_open`,
/// `next_close`, `previous_close` `{"at"}`, `add_days` `{"at", "days"}` and
/// `open_days_between` `{"start", "end"}`; instants are RFC 3339.
///
/// The answer is `{"id": ..., "result": ...}` (an RFC 3339 instant, seconds or a count of days
/// as a number, or a boolean) or `{"id": ..., "error": {"kind": ..., "message": ...}}` with kind
/// `invalid_calendar`, `no_working_time`, `end_before_start`, `negative_duration` or
/// `invalid_input`. The `id` is echoed as given (`null` when absent or unreadable).
///
/// # Example
///
/// ```
/// use kesher::calendar::CalendarEval;
///
/// let mut eval = CalendarEval::default();
/// let answer = eval.eval_line(r#"{"id": "t1", "op": "add", "calendar": "israel",
///     "input": {"start": "2025-01-02T14:00:00Z", "seconds": 14400}}"#);
/// assert_eq!(serde_json::to_string(&answer).unwrap(), r#"{"id":"t1","result":"2025-01-03T10:00:00Z"}"#);
/// let answer = eval.eval_line("{not json");
/// assert_eq!(answer.error.unwrap().kind, "invalid_input");
/// ```
#[derive(Debug, Default)]
pub struct CalendarEval {
    calendars: HashMap<String, Calendar>,
}

/// The error kinds the protocol reports (everything else is `invalid_input`).
fn kind(e: &Error) -> &'static str {
    match e.kind() {
        ErrorKind::InvalidCalendar => "invalid_calendar",
        ErrorKind::NoWorkingTime => "no_working_time",
        ErrorKind::EndBeforeStart => "end_before_start",
        ErrorKind::NegativeDuration => "negative_duration",
        _ => "invalid_input",
    }
}

fn error(id: Value, e: &Error) -> CalendarAnswer {
    CalendarAnswer {
        id,
        result: None,
        error: Some(AnswerError {
            kind: kind(e),
            message: e.to_string(),
        }),
    }
}

/// The answer to one calendar request: `id` and either `result` or `error` (written in that
/// order as JSON).
///
/// # Example
///
/// ```
/// let mut eval = kesher::calendar::CalendarEval::default();
/// let a = eval.eval_line(r#"{"id": 7, "op": "next_open", "calendar": "israel", "input": {"at": "2025-01-04T10:00:00Z"}}"#);
/// assert_eq!(serde_json::to_string(&a).unwrap(), r#"{"id":7,"result":"2025-01-05T07:00:00Z"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct CalendarAnswer {
    /// The request's `id`, echoed (`null` when absent).
    pub id: Value,
    /// The result: an RFC 3339 instant, a number of seconds, or a boolean.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub result: Option<Value>,
    /// Why there is no result.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<AnswerError>,
}

/// The error of a [`CalendarAnswer`].
///
/// # Example
///
/// ```
/// let mut eval = kesher::calendar::CalendarEval::default();
/// let a = eval.eval_line(r#"{"id": 7, "op": "fly"}"#);
/// assert_eq!(a.error.unwrap().kind, "invalid_input");
/// ```
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct AnswerError {
    /// `invalid_calendar`, `no_working_time`, `end_before_start`, `negative_duration` or
    /// `invalid_input`.
    pub kind: &'static str,
    /// What went wrong, naming the field and the value.
    pub message: String,
}

fn field<'a>(input: &'a Map<String, Value>, name: &str) -> Result<&'a Value, Error> {
    input.get(name).ok_or_else(|| {
        Error::from(crate::error::Detail::MissingField {
            field: format!("input.{name}"),
            reason: "this operation needs it".into(),
        })
    })
}

fn instant(input: &Map<String, Value>, name: &str) -> Result<DateTime<Utc>, Error> {
    let value = field(input, name)?;
    let text = value.as_str().ok_or_else(|| {
        Error::invalid(
            format!("input.{name}"),
            crate::support::json::compact(value),
            "expected an RFC 3339 instant string",
        )
    })?;
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            Error::invalid(
                format!("input.{name}"),
                text,
                format!("{e}; expected RFC 3339 with an offset, such as `2025-01-05T09:00:00Z`"),
            )
        })
}

/// The operations of the protocol.
const OPS: [&str; 10] = [
    "add",
    "sub",
    "elapsed",
    "is_open",
    "next_open",
    "previous_open",
    "next_close",
    "previous_close",
    "add_days",
    "open_days_between",
];

/// `input.seconds`: a number of seconds, zero or more.
fn seconds(input: &Map<String, Value>) -> Result<chrono::TimeDelta, Error> {
    let secs = field(input, "seconds")?;
    let n = secs.as_f64().ok_or_else(|| {
        Error::invalid(
            "input.seconds",
            crate::support::json::compact(secs),
            "expected a number of seconds",
        )
    })?;
    if n < 0.0 {
        return Err(Error::from(crate::error::Detail::NegativeDuration {
            field: "input.seconds".into(),
            value: crate::support::json::compact(secs),
        }));
    }
    crate::seconds::from_secs_f64(n).ok_or_else(|| {
        Error::invalid(
            "input.seconds",
            crate::support::json::compact(secs),
            "too large a number of seconds",
        )
    })
}

/// `input.days`: a whole number of open days, either sign.
fn days(input: &Map<String, Value>) -> Result<i32, Error> {
    let value = field(input, "days")?;
    value
        .as_i64()
        .and_then(|n| i32::try_from(n).ok())
        .ok_or_else(|| {
            Error::invalid(
                "input.days",
                crate::support::json::compact(value),
                "expected a whole number of open days",
            )
        })
}

fn seconds_value(d: chrono::TimeDelta) -> Value {
    if d.subsec_nanos() == 0 {
        json!(d.num_seconds())
    } else {
        json!(crate::seconds::as_secs_f64(d))
    }
}

impl CalendarEval {
    /// Evaluates one line of JSON text.
    ///
    /// # Example
    ///
    /// ```
    /// let mut eval = kesher::calendar::CalendarEval::default();
    /// let a = eval.eval_line(r#"{"id": 1, "op": "is_open", "calendar": "uk", "input": {"at": "2025-12-25T12:00:00Z"}}"#);
    /// assert_eq!(a.result, Some(serde_json::json!(false)));
    /// ```
    pub fn eval_line(&mut self, line: &str) -> CalendarAnswer {
        match serde_json::from_str::<Value>(line) {
            Ok(request) => self.eval(&request),
            Err(e) => error(
                Value::Null,
                &Error::from(crate::error::Detail::InvalidJson {
                    field: ".".into(),
                    reason: e.to_string(),
                }),
            ),
        }
    }

    /// Evaluates one parsed request.
    ///
    /// # Example
    ///
    /// ```
    /// let mut eval = kesher::calendar::CalendarEval::default();
    /// let a = eval.eval(&serde_json::json!({"id": "x", "op": "elapsed", "calendar": "us",
    ///     "input": {"start": "2025-01-06T14:00:00Z", "end": "2025-01-06T16:30:00Z"}}));
    /// assert_eq!(a.result, Some(serde_json::json!(9000)));
    /// ```
    pub fn eval(&mut self, request: &Value) -> CalendarAnswer {
        let id = request.get("id").cloned().unwrap_or(Value::Null);
        match self.answer(request) {
            Ok(result) => CalendarAnswer {
                id,
                result: Some(result),
                error: None,
            },
            Err(e) => error(id, &e),
        }
    }

    fn calendar(&mut self, spec: &Value) -> Result<&Calendar, Error> {
        let key = crate::support::json::compact(spec);
        if !self.calendars.contains_key(&key) {
            let calendar = match spec {
                Value::String(_) | Value::Object(_) => Calendar::from_value(spec.clone())?,
                other => {
                    return Err(Error::calendar(
                        "calendar",
                        crate::support::json::compact(other),
                        "expected a calendar object or a preset name",
                    ))
                }
            };
            // Bounded memory: a stream of ever-new calendars does not grow the cache forever.
            if self.calendars.len() >= 256 {
                self.calendars.clear();
            }
            self.calendars.insert(key.clone(), calendar);
        }
        self.calendars
            .get(&key)
            .ok_or_else(|| Error::calendar("calendar", "", "internal cache miss"))
    }

    fn answer(&mut self, request: &Value) -> Result<Value, Error> {
        let request = request.as_object().ok_or_else(|| {
            Error::invalid(
                "request",
                crate::support::json::compact(request),
                "expected a JSON object with id, op, calendar, input",
            )
        })?;
        let op = request.get("op").and_then(Value::as_str).ok_or_else(|| {
            Error::from(crate::error::Detail::MissingField {
                field: "op".into(),
                reason: format!("one of {}", OPS.join(", ")),
            })
        })?;
        if !OPS.contains(&op) {
            return Err(Error::invalid(
                "op",
                op,
                format!("expected one of {}", OPS.join(", ")),
            ));
        }
        let input = match request.get("input") {
            Some(Value::Object(input)) => input,
            other => {
                return Err(Error::invalid(
                    "input",
                    crate::support::json::compact(other.unwrap_or(&Value::Null)),
                    "expected an object such as {\"start\": ..., \"seconds\": ...}",
                ))
            }
        };
        let spec = request.get("calendar").ok_or_else(|| {
            Error::from(crate::error::Detail::MissingField {
                field: "calendar".into(),
                reason: "a calendar object or a preset name".into(),
            })
        })?;
        // Read the inputs before compiling, so a bad input is reported as such.
        let instant_answer = |t: DateTime<Utc>| json!(crate::instant::format(&t));
        let answer = match op {
            "add" | "sub" => {
                let from = instant(input, if op == "add" { "start" } else { "end" })?;
                let d = seconds(input)?;
                let cal = self.calendar(spec)?;
                instant_answer(if op == "add" {
                    cal.add(from, d)?
                } else {
                    cal.sub(from, d)?
                })
            }
            "elapsed" | "open_days_between" => {
                let (a, b) = (instant(input, "start")?, instant(input, "end")?);
                let cal = self.calendar(spec)?;
                if op == "elapsed" {
                    seconds_value(cal.elapsed(a, b)?)
                } else {
                    json!(cal.open_days_between(a, b)?)
                }
            }
            "add_days" => {
                let at = instant(input, "at")?;
                let n = days(input)?;
                instant_answer(self.calendar(spec)?.add_days(at, n)?)
            }
            "is_open" => {
                let at = instant(input, "at")?;
                json!(self.calendar(spec)?.is_open(at)?)
            }
            _ => {
                let at = instant(input, "at")?;
                let cal = self.calendar(spec)?;
                instant_answer(match op {
                    "next_open" => cal.next_open(at)?,
                    "previous_open" => cal.previous_open(at)?,
                    "next_close" => cal.next_close(at)?,
                    _ => cal.previous_close(at)?,
                })
            }
        };
        Ok(answer)
    }
}
