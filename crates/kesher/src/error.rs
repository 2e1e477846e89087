//! The one error type of the core crate.
//!
//! Every variant names the field and the offending value, and [`Error::kind`] gives a stable
//! snake_case code a caller can branch on. The list of kinds ([`ErrorKind::ALL`]) is the single
//! source for the Python exception hierarchy and the JavaScript error codes.

use std::fmt;

/// Everything that can go wrong in the core.
///
/// Messages are lowercase, without a trailing period, with the offending value in backticks.
///
/// # Example
///
/// ```
/// use kesher::{Emotion, ErrorKind};
///
/// let err = Emotion::new(1.5).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidInput);
/// assert_eq!(err.to_string(), "invalid emotion `1.5`: must be a number from -1.0 to 1.0");
/// ```
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A value failed validation: `field` is where it was found, `value` what it was.
    #[error("invalid {field} `{value}`: {reason}")]
    InvalidInput {
        /// The field (or path, such as `event.channel`) that holds the value.
        field: String,
        /// The offending value, as text.
        value: String,
        /// What is wrong with it, in words a person can act on.
        reason: String,
    },
    /// A required field is absent.
    #[error("missing {field}: {reason}")]
    MissingField {
        /// The field that is absent.
        field: String,
        /// Why it is needed.
        reason: String,
    },
    /// A status change that the case status machine does not allow.
    #[error(
        "illegal status transition from `{from}` to `{to}` in case `{case_id}` (event seq {seq})"
    )]
    IllegalTransition {
        /// The case the event belongs to.
        case_id: String,
        /// The sequence number of the event that asked for the transition.
        seq: u64,
        /// The status the case was in.
        from: String,
        /// The status the event asked for.
        to: String,
    },
    /// Two different events claim the same sequence number in one case.
    #[error("conflicting events in case `{case_id}`: two different events have seq `{seq}`")]
    ConflictingEvent {
        /// The case.
        case_id: String,
        /// The duplicated sequence number.
        seq: u64,
    },
    /// Amounts in different currencies were combined.
    #[error("currency mismatch in {field}: expected `{expected}`, found `{found}`")]
    CurrencyMismatch {
        /// Where the mismatch was found.
        field: String,
        /// The currency of the running total.
        expected: String,
        /// The currency of the offending amount.
        found: String,
    },
    /// A business calendar that cannot be used: an unknown zone, an empty interval, overlapping
    /// intervals, a malformed time or date.
    #[error("invalid calendar {field} `{value}`: {reason}")]
    InvalidCalendar {
        /// Where in the calendar (`week.mon[0]`, `tz`, `holidays[3]`).
        field: String,
        /// The offending value, as text.
        value: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A calendar has no working time at all, or none ahead of an instant within the bounded
    /// search horizon.
    #[error("no working time {from}: {reason}")]
    NoWorkingTime {
        /// Where the search started (`after 2025-01-05T09:00:00Z`, or `in the calendar`).
        from: String,
        /// Why nothing was found.
        reason: String,
    },
    /// An interval whose end comes before its start.
    #[error("end `{end}` is before start `{start}`")]
    EndBeforeStart {
        /// The start instant.
        start: String,
        /// The end instant.
        end: String,
    },
    /// A duration below zero where only zero or more makes sense.
    #[error("negative duration `{value}` seconds: a duration must be zero or more; `add` moves forward in business time, `sub` moves back")]
    NegativeDuration {
        /// The duration in seconds, as text.
        value: String,
    },
    /// Text that is not valid JSON, or JSON of the wrong shape.
    #[error("{}", json_message(field, reason))]
    InvalidJson {
        /// The path inside the document (`.` when the document itself is at fault).
        field: String,
        /// What the parser said.
        reason: String,
    },
}

/// Text for a message, escaped as `{:?}` escapes text people type: `\"`, `\\`, `\n`, `\r`,
/// `\t`, `\0` and other control characters as `\u{..}`. Other characters are kept as they are
/// (`{:?}` also spells out invisible ones such as a zero-width space), which keeps `core`'s
/// tables of printable characters out of the WebAssembly package.
pub(crate) fn escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\0' => out.push_str("\\0"),
            c if c.is_control() => {
                out.push_str("\\u{");
                out.push_str(&format!("{:x}", u32::from(c)));
                out.push('}');
            }
            c => out.push(c),
        }
    }
    out
}

fn json_message(field: &str, reason: &str) -> String {
    if field.is_empty() || field == "." {
        format!("invalid JSON: {reason}")
    } else {
        format!("at `{field}`: {reason}")
    }
}

/// A stable, machine-readable code for each [`Error`] variant.
///
/// The codes (see [`ErrorKind::as_str`]) are part of the public contract: the Python package
/// raises one `KesherError` subclass per kind and the JavaScript package sets `error.kind`.
///
/// # Example
///
/// ```
/// use kesher::ErrorKind;
///
/// assert_eq!(ErrorKind::IllegalTransition.as_str(), "illegal_transition");
/// assert!(ErrorKind::ALL.contains(&ErrorKind::InvalidJson));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A value failed validation.
    InvalidInput,
    /// A required field is absent.
    MissingField,
    /// A status change the case status machine does not allow.
    IllegalTransition,
    /// Two different events with the same sequence number in one case.
    ConflictingEvent,
    /// Amounts in different currencies were combined.
    CurrencyMismatch,
    /// Malformed JSON or JSON of the wrong shape.
    InvalidJson,
    /// A business calendar that cannot be used.
    InvalidCalendar,
    /// No working time (at all, or ahead within the search horizon).
    NoWorkingTime,
    /// An end instant before its start.
    EndBeforeStart,
    /// A negative duration.
    NegativeDuration,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::ErrorKind::ALL.len(), 10);
    /// ```
    pub const ALL: [ErrorKind; 10] = [
        ErrorKind::InvalidInput,
        ErrorKind::MissingField,
        ErrorKind::IllegalTransition,
        ErrorKind::ConflictingEvent,
        ErrorKind::CurrencyMismatch,
        ErrorKind::InvalidJson,
        ErrorKind::InvalidCalendar,
        ErrorKind::NoWorkingTime,
        ErrorKind::EndBeforeStart,
        ErrorKind::NegativeDuration,
    ];

    /// The snake_case code of this kind.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::ErrorKind::InvalidInput.as_str(), "invalid_input");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidInput => "invalid_input",
            ErrorKind::MissingField => "missing_field",
            ErrorKind::IllegalTransition => "illegal_transition",
            ErrorKind::ConflictingEvent => "conflicting_event",
            ErrorKind::CurrencyMismatch => "currency_mismatch",
            ErrorKind::InvalidJson => "invalid_json",
            ErrorKind::InvalidCalendar => "invalid_calendar",
            ErrorKind::NoWorkingTime => "no_working_time",
            ErrorKind::EndBeforeStart => "end_before_start",
            ErrorKind::NegativeDuration => "negative_duration",
        }
    }
}

impl fmt::Display for ErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Error {
    /// The kind of this error, for branching.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{CaseId, ErrorKind};
    ///
    /// let err = CaseId::new("").unwrap_err();
    /// assert_eq!(err.kind(), ErrorKind::InvalidInput);
    /// ```
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::MissingField { .. } => ErrorKind::MissingField,
            Error::IllegalTransition { .. } => ErrorKind::IllegalTransition,
            Error::ConflictingEvent { .. } => ErrorKind::ConflictingEvent,
            Error::CurrencyMismatch { .. } => ErrorKind::CurrencyMismatch,
            Error::InvalidJson { .. } => ErrorKind::InvalidJson,
            Error::InvalidCalendar { .. } => ErrorKind::InvalidCalendar,
            Error::NoWorkingTime { .. } => ErrorKind::NoWorkingTime,
            Error::EndBeforeStart { .. } => ErrorKind::EndBeforeStart,
            Error::NegativeDuration { .. } => ErrorKind::NegativeDuration,
        }
    }

    /// The field (or JSON path) the error is about, when there is one.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::Emotion::new(f64::NAN).unwrap_err();
    /// assert_eq!(err.field(), Some("emotion"));
    /// ```
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::InvalidInput { field, .. }
            | Error::MissingField { field, .. }
            | Error::CurrencyMismatch { field, .. }
            | Error::InvalidJson { field, .. }
            | Error::InvalidCalendar { field, .. } => Some(field),
            Error::NoWorkingTime { .. } => Some("calendar"),
            Error::EndBeforeStart { .. } => Some("end"),
            Error::NegativeDuration { .. } => Some("duration"),
            Error::IllegalTransition { .. } => Some("status"),
            Error::ConflictingEvent { .. } => Some("seq"),
        }
    }

    /// The offending value, as text, when there is one.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::Emotion::new(-2.0).unwrap_err();
    /// assert_eq!(err.value(), Some("-2".to_string()));
    /// ```
    pub fn value(&self) -> Option<String> {
        match self {
            Error::InvalidInput { value, .. } | Error::InvalidCalendar { value, .. } => {
                Some(value.clone())
            }
            Error::EndBeforeStart { end, .. } => Some(end.clone()),
            Error::NegativeDuration { value } => Some(value.clone()),
            Error::NoWorkingTime { from, .. } => Some(from.clone()),
            Error::IllegalTransition { to, .. } => Some(to.clone()),
            Error::ConflictingEvent { seq, .. } => Some(seq.to_string()),
            Error::CurrencyMismatch { found, .. } => Some(found.clone()),
            Error::MissingField { .. } | Error::InvalidJson { .. } => None,
        }
    }

    pub(crate) fn calendar(
        field: impl Into<String>,
        value: impl fmt::Display,
        reason: impl Into<String>,
    ) -> Error {
        Error::InvalidCalendar {
            field: field.into(),
            value: value.to_string(),
            reason: reason.into(),
        }
    }

    pub(crate) fn invalid(
        field: impl Into<String>,
        value: impl fmt::Display,
        reason: impl Into<String>,
    ) -> Error {
        Error::InvalidInput {
            field: field.into(),
            value: value.to_string(),
            reason: reason.into(),
        }
    }
}

/// The result type of the core crate.
///
/// # Example
///
/// ```
/// fn parse(v: f64) -> kesher::Result<kesher::Emotion> {
///     kesher::Emotion::new(v)
/// }
/// assert!(parse(0.5).is_ok());
/// ```
pub type Result<T, E = Error> = std::result::Result<T, E>;
