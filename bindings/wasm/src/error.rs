//! Errors as thrown values: a JSON string `{"kind", "field", "value", "message"}`, which the
//! JavaScript layer turns into a `KesherError` (an `Error` with `kind`, `field` and `value`).
//! Every error, the core's and the JavaScript layer's own, is made by the core's `Error` and
//! thrown by [`fail`]; the kinds are `kesher::ErrorKind::ALL` ([`error_kinds`]).

use serde::de::DeserializeOwned;
use wasm_bindgen::JsValue;

/// What every exported function returns.
pub(crate) type Result<T> = std::result::Result<T, JsValue>;

/// A core error as a thrown value.
pub(crate) fn fail(e: kesher::Error) -> JsValue {
    #[derive(serde::Serialize)]
    struct Thrown<'a> {
        kind: &'a str,
        field: Option<&'a str>,
        value: Option<&'a str>,
        message: &'a str,
    }
    let message = e.to_string();
    let body = Thrown {
        kind: e.kind().as_str(),
        field: e.field(),
        value: e.value(),
        message: &message,
    };
    JsValue::from_str(&serde_json::to_string(&body).unwrap_or_default())
}

/// Every kind a `KesherError` can have: the core's `ErrorKind::ALL`.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = errorKinds)]
pub fn error_kinds() -> Vec<String> {
    kesher::ErrorKind::ALL
        .iter()
        .map(|k| k.as_str().to_string())
        .collect()
}

/// The thrown value of an error the JavaScript layer finds: `invalid_input` (`field`, `value`,
/// `reason`), `unsupported` (`field` is the function, `reason` the cargo feature) or `internal`
/// (`reason` says what failed). Made by the core, as every other error.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = refusal)]
pub fn refusal(kind: &str, field: &str, value: &str, reason: &str) -> JsValue {
    fail(match kind {
        "unsupported" => kesher::Error::unsupported(field, reason),
        "internal" => kesher::Error::internal(reason),
        _ => kesher::Error::invalid_input(field, value, reason),
    })
}

/// An invalid argument, as kesher's `invalid_input`.
pub(crate) fn invalid(field: &str, value: &str, reason: &str) -> JsValue {
    fail(kesher::Error::invalid_input(field, value, reason))
}

/// A JavaScript number refused for `reason`, written as JavaScript writes it.
pub(crate) fn invalid_number(field: &str, value: f64, reason: &str) -> JsValue {
    fail(kesher::Error::invalid_number(field, value, reason))
}

/// Reads JSON text into a core type, naming the JSON path of the first value that does not fit
/// (`what` is the argument's name, the start of every path). It takes the core's own route
/// (`kesher::from_json`), so each type's deserializer is compiled once into the `.wasm`.
pub(crate) fn parse<T: DeserializeOwned>(what: &str, text: &str) -> Result<T> {
    kesher::from_json::<serde_json::Value>(text)
        .map_err(|e| prefixed(what, e))
        .and_then(|v| from_value(what, v))
}

/// Reads an already-parsed JSON value into a core type, as [`parse`] does.
pub(crate) fn from_value<T: DeserializeOwned>(what: &str, value: serde_json::Value) -> Result<T> {
    kesher::from_json_value(value).map_err(|e| prefixed(what, e))
}

/// A core error with `what` in front of its JSON path.
fn prefixed(what: &str, e: kesher::Error) -> JsValue {
    if e.kind() == kesher::ErrorKind::InvalidJson {
        fail(e.within(what))
    } else {
        fail(e)
    }
}

/// Writes a value of the core as JSON text.
pub(crate) fn to_json<T: serde::Serialize + ?Sized>(what: &str, value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| invalid(what, "", &e.to_string()))
}
