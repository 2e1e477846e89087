//! Parsing JSON into model types with errors that name the JSON path of the fault.

use crate::{Error, Result};
use serde::de::DeserializeOwned;

/// Parses `text` as a `T`, naming the JSON path of the first fault (`event.channel`). One path
/// for every type: text → JSON value (syntax errors keep their position) → `T`.
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    from_value(parse_value(text)?)
}

/// Deserializes a `T` from an already-parsed value, naming the JSON path of the first fault.
pub(crate) fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        Error::InvalidJson {
            field: if path.is_empty() { ".".into() } else { path },
            reason: e.into_inner().to_string(),
        }
    })
}

/// Parses text into a JSON value, with the position of a syntax error.
pub(crate) fn parse_value(text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| Error::InvalidJson {
        field: ".".into(),
        reason: e.to_string(),
    })
}
