//! Parsing JSON into model types with errors that name the JSON path of the fault.

use crate::{Error, Result};
use serde::de::DeserializeOwned;

/// Parses `text` as a `T`, naming the JSON path of the first fault (`event.channel`).
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if path.is_empty() || path == "." {
            Error::InvalidJson {
                field: ".".into(),
                reason: inner.to_string(),
            }
        } else {
            Error::InvalidJson {
                field: path,
                reason: strip_position(&inner),
            }
        }
    })?;
    de.end().map_err(|e| Error::InvalidJson {
        field: ".".into(),
        reason: e.to_string(),
    })?;
    Ok(value)
}

/// serde_json appends " at line 1 column 80"; the path already says where.
fn strip_position(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(i) if e.line() > 0 => text.get(..i).unwrap_or(&text).to_string(),
        _ => text,
    }
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
