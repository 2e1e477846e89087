//! Reading kesher's types from JSON, with errors that name the JSON path of the fault.

use crate::error::Result;
use crate::support::json;
use serde::de::DeserializeOwned;

/// Parses `text` as a `T` (any kesher type, or `serde_json::Value`), naming the JSON path of the
/// first fault: `week.mon[0]`, `events[3].channel`, `.` for a syntax error or the whole document.
/// This is how the bindings and importers read what a host gives them.
///
/// # Errors
///
/// [`ErrorKind::InvalidJson`](crate::ErrorKind::InvalidJson) whose `field` is the path and
/// whose message keeps serde's reason (and the line and column of a syntax error).
///
/// # Example
///
/// ```
/// let err = kesher::from_json::<kesher::calendar::WeeklyHours>(r#"{"mon": [["09:00", 5]]}"#).unwrap_err();
/// assert_eq!(err.field(), Some("mon[0][1]"));
/// let channel: kesher::Channel = kesher::from_json(r#""email""#)?;
/// assert_eq!(channel, kesher::Channel::Email);
/// assert_eq!(kesher::from_json::<kesher::Channel>("{").unwrap_err().field(), Some("."));
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn from_json<T: DeserializeOwned>(text: &str) -> Result<T> {
    json::from_str(text)
}

/// Reads a `T` from an already-parsed JSON value, naming the JSON path of the first fault, as
/// [`from_json`] does.
///
/// # Errors
///
/// [`ErrorKind::InvalidJson`](crate::ErrorKind::InvalidJson) naming the path; a missing field is
/// named where it should be.
///
/// # Example
///
/// ```
/// let v = serde_json::json!({"tz": "UTC"});
/// let err = kesher::from_json_value::<kesher::calendar::Calendar>(v).unwrap_err();
/// assert_eq!(err.field(), Some("week"));
/// ```
pub fn from_json_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T> {
    json::from_value(value)
}
