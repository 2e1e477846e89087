//! Customers and interactions: checked records of the JSON contract, lifetime value.

use crate::error::{fail, parse, to_json, Result};
use crate::text::instant;
use wasm_bindgen::prelude::*;

/// Checks a customer (JSON text) and gives it back in canonical form.
#[wasm_bindgen(js_name = checkCustomer)]
pub fn check_customer(customer_json: &str) -> Result<String> {
    let c = kesher::customer::Customer::from_json(customer_json).map_err(fail)?;
    to_json("customer", &c)
}

/// A customer's lifetime value as of an instant (null when it cannot be told yet).
#[wasm_bindgen(js_name = lifetimeValue)]
pub fn lifetime_value(customer_json: &str, as_of: &str) -> Result<String> {
    let c = kesher::customer::Customer::from_json(customer_json).map_err(fail)?;
    let v = c
        .lifetime_value(
            instant("asOf", as_of)?,
            kesher::customer::LifetimeModel::default(),
        )
        .map_err(fail)?;
    to_json("lifetime_value", &v)
}

/// Checks an interaction (JSON text, with or without `"type": "interaction"`) and gives it
/// back in canonical form.
#[wasm_bindgen(js_name = checkInteraction)]
pub fn check_interaction(interaction_json: &str) -> Result<String> {
    let mut value: serde_json::Value = parse("interaction", interaction_json)?;
    if let Some(o) = value.as_object_mut() {
        if o.get("type").and_then(|t| t.as_str()) == Some("interaction") {
            o.remove("type");
        }
    }
    let i: kesher::interaction::Interaction = crate::error::from_value("interaction", value)?;
    i.validate().map_err(fail)?;
    to_json("interaction", &i)
}
