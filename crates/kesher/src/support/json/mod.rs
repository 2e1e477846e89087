//! The one route by which JSON becomes model types: text → JSON value (a syntax error keeps its
//! line and column) → type, with errors that name the JSON path of the fault (`week.mon[0]`).
//! The bindings read their arguments through it too.

mod fault;
mod tracked;

use crate::error::{Error, Result};
use serde::de::DeserializeOwned;
use tracked::{Path, Tracked};

/// Parses `text` as a `T`, naming the JSON path of the first fault (`event.channel`).
///
/// # Errors
///
/// [`ErrorKind::InvalidJson`] with the path (`.` for the whole document or a syntax error).
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T> {
    from_value(parse_value(text)?)
}

/// Deserializes a `T` from an already-parsed value, naming the JSON path of the first fault.
///
/// # Errors
///
/// [`ErrorKind::InvalidJson`] with the path.
pub(crate) fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T> {
    let path = Path::default();
    T::deserialize(Tracked { value, path: &path }).map_err(|e| {
        // A missing field is named in the path, where the object that lacks it is.
        let field = match (e.missing(), path.to_string()) {
            (Some(name), root) if root == "." => name.to_string(),
            (Some(name), within) => format!("{within}.{name}"),
            (None, at) => at,
        };
        Error::from(crate::error::Detail::InvalidJson {
            field,
            reason: e.to_string(),
        })
    })
}

/// Parses text into a JSON value, with the position of a syntax error.
///
/// # Errors
///
/// [`ErrorKind::InvalidJson`] naming `.`, the reason with line and column.
pub(crate) fn parse_value(text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| Error::invalid_json(".", e.to_string()).with_source(e))
}

/// Takes `key` out of a JSON object, giving back its value.
///
/// Equivalent to `map.remove(key)`, but builds the object anew instead: the objects read here
/// are small, and it keeps the B-tree's removal code (one copy per map type) out of the
/// WebAssembly package.
pub(crate) fn take_key(
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
pub(crate) fn compact(value: &serde_json::Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)] // tests fail loudly
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_fault_is_named_by_its_path() {
        let err =
            from_str::<crate::calendar::WeeklyHours>(r#"{"mon": [["09:00", 5]]}"#).unwrap_err();
        assert_eq!(err.field(), Some("mon[0][1]"));
        let v = json!({"sun": [["09:00", "17:00"]], "mon": [["09:00", "25:00"]]});
        assert_eq!(
            from_value::<crate::calendar::WeeklyHours>(v)
                .unwrap_err()
                .field(),
            Some("mon[0]")
        );
        // A missing field is named where it should be.
        let err = from_value::<crate::calendar::Calendar>(json!({"tz": "UTC"})).unwrap_err();
        assert_eq!(err.field(), Some("week"), "{err}");
        assert_eq!(
            from_str::<crate::channel::Channel>(r#""email""#).unwrap(),
            crate::channel::Channel::Email
        );
    }

    #[test]
    fn a_syntax_error_names_the_document_and_its_position() {
        assert!(parse_value("[1, 2]").is_ok());
        let err = parse_value("[1,").unwrap_err();
        assert_eq!(err.field(), Some("."));
        assert!(err.to_string().contains("line 1"), "{err}");
    }

    #[test]
    fn take_key_is_remove_and_compact_is_to_string() {
        let mut o = serde_json::Map::new();
        o.insert("type".into(), json!("opened"));
        o.insert("case_id".into(), json!("T-1"));
        assert_eq!(take_key(&mut o, "type"), Some(json!("opened")));
        assert_eq!(take_key(&mut o, "type"), None);
        assert_eq!(o.len(), 1);
        let v = json!({"tz": "UTC", "week": {"mon": [["09:00", "17:00"]]}});
        assert_eq!(compact(&v), v.to_string());
    }
}

/// The reader against the crate it replaces: `serde_path_to_error` over serde_json's own value
/// deserializer. Every valid document of the test vectors, and every variant of one made by
/// putting a value of each JSON type at one of its places or taking one key out, is read by
/// both; they must accept the same documents, name the same path and give the same reason, but
/// for a struct given as a list, which only serde_json reads (benches/README.md, the ledger).
#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // tests fail loudly
mod against_serde_path_to_error {
    use super::from_value;
    use serde::de::DeserializeOwned;
    use serde_json::{json, Value};

    /// Each place in `doc` (a path of keys and indices) with its value.
    fn places(doc: &Value, at: Vec<Value>, out: &mut Vec<Vec<Value>>) {
        out.push(at.clone());
        match doc {
            Value::Object(o) => o.iter().for_each(|(k, v)| {
                let mut next = at.clone();
                next.push(json!(k));
                places(v, next, out);
            }),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, v)| {
                let mut next = at.clone();
                next.push(json!(i));
                places(v, next, out);
            }),
            _ => {}
        }
    }

    fn slot<'a>(doc: &'a mut Value, path: &[Value]) -> &'a mut Value {
        path.iter().fold(doc, |node, step| match step {
            Value::String(k) => node.get_mut(k.as_str()).unwrap(),
            step => node.get_mut(step.as_u64().unwrap() as usize).unwrap(),
        })
    }

    /// The documents both readers are given: `doc`, and its variants.
    fn variants(doc: &Value) -> Vec<Value> {
        let mut paths = Vec::new();
        places(doc, Vec::new(), &mut paths);
        let kinds = [
            json!(null),
            json!(true),
            json!(-7),
            json!(2.5),
            json!("x"),
            json!([]),
            json!({}),
        ];
        let mut out = vec![doc.clone()];
        for path in &paths {
            for kind in &kinds {
                let mut d = doc.clone();
                *slot(&mut d, path) = kind.clone();
                out.push(d);
            }
            if let Some((Value::String(key), parent)) = path.split_last() {
                let mut d = doc.clone();
                if let Value::Object(o) = slot(&mut d, parent) {
                    o.remove(key.as_str());
                }
                out.push(d);
            }
        }
        out
    }

    /// Reads every variant of `doc` as a `T` with both readers; the number compared.
    fn agree<T: DeserializeOwned>(doc: &Value) -> usize {
        let all = variants(doc);
        for d in &all {
            let ours = from_value::<T>(d.clone());
            let theirs = serde_path_to_error::deserialize::<_, T>(d.clone());
            // The one difference on purpose: a struct is read from an object only (serde_json
            // also takes a list of its fields in order, or an empty list for all defaults).
            let from_list = |e: &crate::error::Error| {
                e.reason()
                    .is_some_and(|r| r.starts_with("invalid type: sequence, expected struct"))
            };
            match (ours, theirs) {
                (Ok(_), Ok(_)) => {}
                (Err(ours), _) if from_list(&ours) => {}
                (Err(ours), Err(theirs)) => {
                    let path = theirs.path().to_string();
                    let reason = theirs.inner().to_string();
                    // A missing field is named inside the object that lacks it.
                    let want = match reason.strip_prefix("missing field `") {
                        Some(rest) => {
                            let name = rest.trim_end_matches('`');
                            if path == "." {
                                name.to_string()
                            } else {
                                format!("{path}.{name}")
                            }
                        }
                        None => path,
                    };
                    assert_eq!(ours.field(), Some(want.as_str()), "{d}: {ours} / {reason}");
                    assert_eq!(ours.reason(), Some(reason.as_str()), "{d}");
                }
                (ours, theirs) => panic!(
                    "{d}: kesher {:?}, serde_path_to_error {:?}",
                    ours.err(),
                    theirs.err().map(|e| e.to_string())
                ),
            }
        }
        all.len()
    }

    fn vectors(text: &str, key: &str) -> Vec<Value> {
        let all: Value = serde_json::from_str(text).unwrap();
        all["vectors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.get(key).cloned())
            .collect()
    }

    #[test]
    fn events_are_read_as_serde_path_to_error_reads_them() {
        let inputs = vectors(
            include_str!("../../../../../tests/vectors/events.json"),
            "input",
        );
        let mut compared = 0;
        for text in inputs.iter().filter_map(Value::as_str) {
            if let Ok(doc) = serde_json::from_str::<Value>(text) {
                compared += agree::<crate::event::CaseEvent>(&doc);
            }
        }
        assert!(compared > 500, "{compared}");
    }

    #[test]
    fn calendars_and_customers_are_read_as_serde_path_to_error_reads_them() {
        let requests = vectors(
            include_str!("../../../../../tests/vectors/calendar.json"),
            "request",
        );
        let mut compared = 0;
        for calendar in requests
            .iter()
            .filter_map(|r| r.get("calendar"))
            .filter(|c| c.is_object())
        {
            compared += agree::<crate::calendar::Calendar>(calendar);
        }
        let customer: Value =
            serde_json::from_str(include_str!("../../../../../docs/examples/customer.json"))
                .unwrap();
        compared += agree::<crate::customer::Customer>(&customer);
        assert!(compared > 500, "{compared}");
    }
}
