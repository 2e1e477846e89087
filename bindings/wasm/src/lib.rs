//! The native part of the `kesher` npm package: conversion between JavaScript values and the
//! Rust core, nothing else.
//!
//! Everything crosses the boundary as text in the JSON contract (`docs/json-contract.md`),
//! instants as RFC 3339 strings (results that JavaScript turns into a `Date` come back as epoch
//! milliseconds), and batches as `Float64Array`s of epoch milliseconds. An error is thrown as a
//! JSON string `{"kind", "field", "message"}` that the package's JavaScript layer
//! (`bindings/wasm/js/api.js`) turns into a `KesherError`; bad input never traps.
//!
//! The public, typed API is the JavaScript one (`bindings/wasm/js/kesher.d.ts`), for example:
//!
//! ```js
//! import { Calendar } from "kesher";
//! const due = new Calendar("israel").add("2025-01-02T14:00:00Z", 4 * 3600);
//! // due is a Date: 2025-01-03T10:00:00.000Z (Friday closes at 13:00 in Israel)
//! ```

mod calendar;
mod cases;
#[cfg(feature = "live")]
mod catalogue;
mod error;
#[cfg(feature = "insight")]
mod insight;
mod journey;
#[cfg(feature = "live")]
mod live;
mod people;
mod playbook;
mod reading;
#[cfg(feature = "report")]
mod report;
mod sla;
mod text;
mod zones;

pub use calendar::{calendar_eval, Calendar};
pub use cases::{check_event, fold_case, fold_events};
#[cfg(feature = "import")]
pub use cases::{read_cases, read_events};
#[cfg(feature = "live")]
pub use catalogue::Catalogue;
#[cfg(feature = "insight")]
pub use insight::{recurring_problems, service_metrics};
pub use journey::{
    build_journey, check_journey, critical_points, journey_svg, pattern_svg, turning_points,
    what_if, PatternBuilder,
};
#[cfg(feature = "live")]
pub use live::{EscalationRules, LiveCase, WakeSchedule};
pub use people::{check_customer, check_interaction, lifetime_value};
pub use playbook::{acknowledgement, reply_template};
pub use reading::{install_text_model, journey_texts, read_messages, text_model_installed};
#[cfg(feature = "report")]
pub use report::build_report;
pub use sla::SlaEngine;

use wasm_bindgen::prelude::*;

/// The version of the package (the crate's version).
///
/// ```js
/// import { version } from "kesher";
/// console.log(version()); // "0.1.0"
/// ```
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").into()
}
