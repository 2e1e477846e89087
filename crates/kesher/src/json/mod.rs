//! The one route by which JSON becomes model types: text → JSON value (a syntax error keeps its
//! line and column) → type, with errors that name the JSON path of the fault (`week.mon[0]`).
//! The bindings read their arguments through it too.
//!
//! # Example
//!
//! ```
//! let err = kesher::json::from_str::<kesher::WeeklyHours>(r#"{"mon": [["09:00", 5]]}"#).unwrap_err();
//! assert_eq!(err.field(), Some("mon[0][1]"));
//! ```

mod fault;
mod tracked;

use crate::{Error, Result};
use serde::de::DeserializeOwned;
use tracked::{Path, Tracked};

/// Parses `text` as a `T`, naming the JSON path of the first fault (`event.channel`).
///
/// # Errors
///
/// [`Error::InvalidJson`] with the path (`.` for the whole document or a syntax error).
///
/// # Example
///
/// ```
/// let c: kesher::Channel = kesher::json::from_str(r#""email""#)?;
/// assert_eq!(c, kesher::Channel::Email);
/// assert_eq!(kesher::json::from_str::<kesher::Channel>("{").unwrap_err().field(), Some("."));
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    from_value(parse_value(text)?)
}

/// Deserializes a `T` from an already-parsed value, naming the JSON path of the first fault.
///
/// # Errors
///
/// [`Error::InvalidJson`] with the path.
///
/// # Example
///
/// ```
/// let v = serde_json::json!({"sun": [["09:00", "17:00"]], "mon": [["09:00", "25:00"]]});
/// let err = kesher::json::from_value::<kesher::WeeklyHours>(v).unwrap_err();
/// assert_eq!(err.field(), Some("mon[0]"));
/// // A missing field is named where it should be.
/// let v = serde_json::json!({"tz": "UTC"});
/// let err = kesher::json::from_value::<kesher::Calendar>(v).unwrap_err();
/// assert_eq!(err.field(), Some("week"), "{err}");
/// ```
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T> {
    let path = Path::default();
    T::deserialize(Tracked { value, path: &path }).map_err(|e| {
        // A missing field is named in the path, where the object that lacks it is.
        let field = match (e.missing(), path.to_string()) {
            (Some(name), root) if root == "." => name.to_string(),
            (Some(name), within) => format!("{within}.{name}"),
            (None, at) => at,
        };
        Error::InvalidJson {
            field,
            reason: e.to_string(),
        }
    })
}

/// Parses text into a JSON value, with the position of a syntax error.
///
/// # Errors
///
/// [`Error::InvalidJson`] naming `.`, the reason with line and column.
///
/// # Example
///
/// ```
/// assert!(kesher::json::parse_value("[1, 2]").is_ok());
/// assert!(kesher::json::parse_value("[1,").unwrap_err().to_string().contains("line 1"));
/// ```
pub fn parse_value(text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| Error::InvalidJson {
        field: ".".into(),
        reason: e.to_string(),
    })
}

/// Takes `key` out of a JSON object, giving back its value.
///
/// Equivalent to `map.remove(key)`, but builds the object anew instead: the objects read here
/// are small, and it keeps the B-tree's removal code (one copy per map type) out of the
/// WebAssembly package.
///
/// # Example
///
/// ```
/// let serde_json::Value::Object(mut o) = serde_json::json!({"type": "opened", "case_id": "T-1"}) else {
///     unreachable!()
/// };
/// assert_eq!(kesher::json::take_key(&mut o, "type"), Some(serde_json::json!("opened")));
/// assert_eq!(kesher::json::take_key(&mut o, "type"), None);
/// assert_eq!(o.len(), 1);
/// ```
pub fn take_key(
    map: &mut serde_json::Map<String, serde_json::Value>,
    key: &str,
) -> Option<serde_json::Value> {
    if !map.contains_key(key) {
        return None;
    }
    let mut taken = None;
    for (k, v) in std::mem::take(map) {
        if k == key {
            taken = Some(v);
        } else {
            map.insert(k, v);
        }
    }
    taken
}

/// A JSON value as compact text, for messages and keys (`{"a":1}`), as `value.to_string()`
/// writes it. Written by the same serializer as every answer rather than by `Value`'s
/// `Display`, which compiles a second serializer into the WebAssembly package.
///
/// # Example
///
/// ```
/// let v = serde_json::json!({"tz": "UTC", "week": {"mon": [["09:00", "17:00"]]}});
/// assert_eq!(kesher::json::compact(&v), v.to_string());
/// ```
pub fn compact(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}
