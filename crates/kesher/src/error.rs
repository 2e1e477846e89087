//! The one error type of the core crate.
//!
//! Each error names the field and the offending value where there is one, and [`Error::kind`]
//! gives a stable snake_case code a caller can branch on. The list of kinds ([`ErrorKind::ALL`]) is the single
//! source for the Python exception hierarchy and the JavaScript error codes.

use std::fmt;
use std::sync::Arc;

/// Everything that can go wrong in the core: an opaque value read through its accessors.
///
/// [`kind`](Error::kind) is a stable code to branch on; [`field`](Error::field) names the field or
/// JSON path at fault (only when there is one); [`value`](Error::value) gives the offending value
/// as text; [`source`](std::error::Error::source) the underlying error, when another library's
/// error caused it (a JSON syntax error). Messages are lowercase, without a trailing period,
/// with the offending value in backticks.
///
/// # Example
///
/// ```
/// use kesher::{Emotion, ErrorKind};
///
/// let err = Emotion::new(1.5).unwrap_err();
/// assert_eq!(err.kind(), ErrorKind::InvalidInput);
/// assert_eq!(err.field(), Some("emotion"));
/// assert_eq!(err.value(), Some("1.5"));
/// assert_eq!(err.to_string(), "invalid emotion `1.5`: must be a number from -1.0 to 1.0");
/// ```
#[derive(Clone)]
pub struct Error {
    detail: Box<Detail>,
    source: Option<Arc<dyn std::error::Error + Send + Sync>>,
}

/// What an [`Error`] holds, one variant per [`ErrorKind`]; private, so that variants can grow
/// fields without breaking callers.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub(crate) enum Detail {
    /// A value failed validation: `field` is where it was found, `value` what it was.
    #[error("invalid {field} `{value}`: {reason}")]
    InvalidInput {
        field: String,
        value: String,
        reason: String,
    },
    /// A required field is absent.
    #[error("missing {field}: {reason}")]
    MissingField { field: String, reason: String },
    /// A status change that the case status machine does not allow.
    #[error(
        "illegal status transition from `{from}` to `{to}` in case `{case_id}` (event seq {seq})"
    )]
    IllegalTransition {
        case_id: String,
        seq: u64,
        from: String,
        to: String,
    },
    /// Two different events claim the same sequence number in one case.
    #[error("conflicting events in case `{case_id}`: two different events have seq `{seq}`")]
    ConflictingEvent { case_id: String, seq: String },
    /// Amounts in different currencies were combined.
    #[error("currency mismatch in {field}: expected `{expected}`, found `{found}`")]
    CurrencyMismatch {
        field: String,
        expected: String,
        found: String,
    },
    /// A business calendar that cannot be used: an unknown zone, an empty interval, overlapping
    /// intervals, a malformed time or date.
    #[error("invalid calendar {field} `{value}`: {reason}")]
    InvalidCalendar {
        field: String,
        value: String,
        reason: String,
    },
    /// A calendar has no working time at all, or none ahead of an instant within the bounded
    /// search horizon.
    #[error("no working time {from}: {reason}")]
    NoWorkingTime { from: String, reason: String },
    /// An interval whose end comes before its start; `field` holds the end.
    #[error("end `{end}` is before start `{start}`")]
    EndBeforeStart {
        field: String,
        start: String,
        end: String,
    },
    /// A duration below zero where only zero or more makes sense.
    #[error("negative duration `{value}` seconds: a duration must be zero or more; `add` moves forward in business time, `sub` moves back")]
    NegativeDuration { field: String, value: String },
    /// Text that is not valid JSON, or JSON of the wrong shape.
    #[error("{}", json_message(field, reason))]
    InvalidJson { field: String, reason: String },
    /// A function this build of a package leaves out (a trimmed WebAssembly build).
    #[error("this build of kesher has no {function} (built without the `{feature}` feature)")]
    Unsupported { function: String, feature: String },
    /// kesher failed where it should not have: a bug to report.
    #[error("kesher failed inside: {what}")]
    Internal { what: String },
}

impl From<Detail> for Error {
    fn from(detail: Detail) -> Error {
        Error {
            detail: Box::new(detail),
            source: None,
        }
    }
}

impl fmt::Debug for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.detail, f)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.detail, f)
    }
}

/// Two errors are equal when their kind, fields and message are; the source is not compared.
impl PartialEq for Error {
    fn eq(&self, other: &Error) -> bool {
        self.detail == other.detail
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn std::error::Error + 'static))
    }
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
    /// A function this build of a package leaves out.
    Unsupported,
    /// kesher failed where it should not have (a bug).
    Internal,
}

impl ErrorKind {
    /// Every kind, in declaration order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::ErrorKind::ALL.len(), 12);
    /// ```
    pub const ALL: [ErrorKind; 12] = [
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
        ErrorKind::Unsupported,
        ErrorKind::Internal,
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
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::Internal => "internal",
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
        match *self.detail {
            Detail::InvalidInput { .. } => ErrorKind::InvalidInput,
            Detail::MissingField { .. } => ErrorKind::MissingField,
            Detail::IllegalTransition { .. } => ErrorKind::IllegalTransition,
            Detail::ConflictingEvent { .. } => ErrorKind::ConflictingEvent,
            Detail::CurrencyMismatch { .. } => ErrorKind::CurrencyMismatch,
            Detail::InvalidJson { .. } => ErrorKind::InvalidJson,
            Detail::InvalidCalendar { .. } => ErrorKind::InvalidCalendar,
            Detail::NoWorkingTime { .. } => ErrorKind::NoWorkingTime,
            Detail::EndBeforeStart { .. } => ErrorKind::EndBeforeStart,
            Detail::NegativeDuration { .. } => ErrorKind::NegativeDuration,
            Detail::Unsupported { .. } => ErrorKind::Unsupported,
            Detail::Internal { .. } => ErrorKind::Internal,
        }
    }

    /// The field or JSON path at fault (`week.mon[0]`, `ends[3]`, `.` for a whole JSON
    /// document), when one is: an illegal transition names the case's `status`, a conflict the
    /// events' `seq`; a calendar without working time names none.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::Emotion::new(f64::NAN).unwrap_err();
    /// assert_eq!(err.field(), Some("emotion"));
    /// ```
    pub fn field(&self) -> Option<&str> {
        match &*self.detail {
            Detail::InvalidInput { field, .. }
            | Detail::MissingField { field, .. }
            | Detail::CurrencyMismatch { field, .. }
            | Detail::InvalidJson { field, .. }
            | Detail::InvalidCalendar { field, .. }
            | Detail::EndBeforeStart { field, .. }
            | Detail::NegativeDuration { field, .. } => Some(field),
            Detail::IllegalTransition { .. } => Some("status"),
            Detail::ConflictingEvent { .. } => Some("seq"),
            Detail::Unsupported { function, .. } => Some(function),
            Detail::NoWorkingTime { .. } | Detail::Internal { .. } => None,
        }
    }

    /// The offending value, as text, when there is one: the value refused, the end before its
    /// start, the status asked for, the duplicated sequence number, the other currency.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::Emotion::new(-2.0).unwrap_err();
    /// assert_eq!(err.value(), Some("-2"));
    /// ```
    pub fn value(&self) -> Option<&str> {
        match &*self.detail {
            Detail::InvalidInput { value, .. }
            | Detail::InvalidCalendar { value, .. }
            | Detail::NegativeDuration { value, .. }
            | Detail::EndBeforeStart { end: value, .. }
            | Detail::IllegalTransition { to: value, .. }
            | Detail::ConflictingEvent { seq: value, .. }
            | Detail::CurrencyMismatch { found: value, .. } => Some(value),
            Detail::NoWorkingTime { .. }
            | Detail::MissingField { .. }
            | Detail::InvalidJson { .. }
            | Detail::Unsupported { .. }
            | Detail::Internal { .. } => None,
        }
    }

    /// An [`ErrorKind::InvalidInput`] error: `value` at `field` refused for `reason`. For hosts
    /// and bindings that check what they translate (a JavaScript argument that is not a list).
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::Error::invalid_input("limit", "-1", "expected a count of 0 or more");
    /// assert_eq!(err.to_string(), "invalid limit `-1`: expected a count of 0 or more");
    /// assert_eq!(err.value(), Some("-1"));
    /// ```
    pub fn invalid_input(
        field: impl Into<String>,
        value: impl fmt::Display,
        reason: impl Into<String>,
    ) -> Error {
        Error::invalid(field, value, reason)
    }

    /// An [`ErrorKind::MissingField`] error: `field` is absent, needed for `reason`.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::Error::missing_field("case_id", "every event names its case");
    /// assert_eq!(err.field(), Some("case_id"));
    /// ```
    pub fn missing_field(field: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::from(Detail::MissingField {
            field: field.into(),
            reason: reason.into(),
        })
    }

    /// An [`ErrorKind::InvalidJson`] error at a JSON path (`.` for the whole document), for
    /// `reason`.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::Error::invalid_json("[3]", "an element larger than 16 MiB");
    /// assert_eq!(err.to_string(), "at `[3]`: an element larger than 16 MiB");
    /// assert_eq!(kesher::Error::invalid_json(".", "EOF").to_string(), "invalid JSON: EOF");
    /// ```
    pub fn invalid_json(field: impl Into<String>, reason: impl Into<String>) -> Error {
        Error::from(Detail::InvalidJson {
            field: field.into(),
            reason: reason.into(),
        })
    }

    /// An [`ErrorKind::Unsupported`] error: `function` is left out of this build, which lacks
    /// the cargo `feature` that brings it.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::Error::unsupported("buildReport", "report");
    /// assert_eq!(err.kind().as_str(), "unsupported");
    /// assert_eq!(err.field(), Some("buildReport"));
    /// ```
    pub fn unsupported(function: impl Into<String>, feature: impl Into<String>) -> Error {
        Error::from(Detail::Unsupported {
            function: function.into(),
            feature: feature.into(),
        })
    }

    /// An [`ErrorKind::Internal`] error: kesher failed where it should not have (`what`
    /// happened); a bug to report.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::Error::internal("the answer could not be written");
    /// assert_eq!(err.to_string(), "kesher failed inside: the answer could not be written");
    /// ```
    pub fn internal(what: impl Into<String>) -> Error {
        Error::from(Detail::Internal { what: what.into() })
    }

    /// The same error, caused by `source` (a parser's error, an I/O error), which
    /// [`source`](std::error::Error::source) gives back.
    ///
    /// # Example
    ///
    /// ```
    /// use std::error::Error as _;
    ///
    /// let parse = serde_json::from_str::<serde_json::Value>("[1,").unwrap_err();
    /// let err = kesher::Error::invalid_json(".", parse.to_string()).with_source(parse);
    /// assert!(err.to_string().starts_with("invalid JSON: EOF"));
    /// assert!(err.source().is_some_and(|s| s.is::<serde_json::Error>()));
    /// ```
    pub fn with_source(mut self, source: impl std::error::Error + Send + Sync + 'static) -> Error {
        self.source = Some(Arc::new(source));
        self
    }

    /// The same error with its field placed inside `outer`: `week.mon[0]` inside `calendar`
    /// is `calendar.week.mon[0]`, `[2]` inside `events` is `events[2]`, and a whole document
    /// (`.`) is `outer` itself. Errors without a field are unchanged.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::from_json::<kesher::calendar::WeeklyHours>(r#"{"mon": 5}"#).unwrap_err();
    /// assert_eq!(err.within("calendar.week").field(), Some("calendar.week.mon"));
    /// ```
    pub fn within(mut self, outer: &str) -> Error {
        if let Some(field) = self.field_mut() {
            *field = if field.as_str() == "." || field.is_empty() {
                outer.to_string()
            } else if field.starts_with('[') {
                format!("{outer}{field}")
            } else {
                format!("{outer}.{field}")
            };
        }
        self
    }

    /// The same error naming `field` instead of its own (an error without a field is
    /// unchanged): how an importer reports a value under the name its input gave it, or a
    /// binding a row under its caller's index.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::CaseId::new("").unwrap_err().renamed("ticket");
    /// assert_eq!(err.field(), Some("ticket"));
    /// assert_eq!(err.to_string(), "invalid ticket ``: must not be empty");
    /// ```
    pub fn renamed(self, field: &str) -> Error {
        self.with_field(field.to_string())
    }

    /// The same error naming `field` instead of its own (errors without a field unchanged).
    pub(crate) fn with_field(mut self, field: String) -> Error {
        if let Some(f) = self.field_mut() {
            *f = field;
        }
        self
    }

    /// What is wrong, as the message words it after the field and value, when the error has
    /// a reason of its own.
    pub(crate) fn reason(&self) -> Option<&str> {
        match &*self.detail {
            Detail::InvalidInput { reason, .. }
            | Detail::MissingField { reason, .. }
            | Detail::InvalidCalendar { reason, .. }
            | Detail::NoWorkingTime { reason, .. }
            | Detail::InvalidJson { reason, .. } => Some(reason),
            _ => None,
        }
    }

    fn field_mut(&mut self) -> Option<&mut String> {
        match &mut *self.detail {
            Detail::InvalidInput { field, .. }
            | Detail::MissingField { field, .. }
            | Detail::CurrencyMismatch { field, .. }
            | Detail::InvalidJson { field, .. }
            | Detail::InvalidCalendar { field, .. }
            | Detail::EndBeforeStart { field, .. }
            | Detail::NegativeDuration { field, .. } => Some(field),
            _ => None,
        }
    }

    pub(crate) fn calendar(
        field: impl Into<String>,
        value: impl fmt::Display,
        reason: impl Into<String>,
    ) -> Error {
        Error::from(Detail::InvalidCalendar {
            field: field.into(),
            value: value.to_string(),
            reason: reason.into(),
        })
    }

    pub(crate) fn invalid(
        field: impl Into<String>,
        value: impl fmt::Display,
        reason: impl Into<String>,
    ) -> Error {
        Error::from(Detail::InvalidInput {
            field: field.into(),
            value: value.to_string(),
            reason: reason.into(),
        })
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
