//! # kesher — the customer-experience core a CRM embeds
//!
//! kesher (Hebrew קשר, "connection") models **customers**, their **interactions** on every
//! channel, the **cases** those open, the SLA contracts that promise them service on business
//! calendars, the promises kept or broken, and the emotion graph of their journey. It does no
//! I/O and never reads the clock: the host passes time in, so results are deterministic in Rust,
//! Python and the browser.
//!
//! A case is a fold over its events: feed them in any order to a [`CaseLog`](case::CaseLog)
//! and ask for the [`Case`](case::Case).
//!
//! ```
//! use kesher::case::CaseLog;
//! use kesher::event::CaseEvent;
//! use kesher::CaseStatus;
//!
//! let events = [
//!     r#"{"type": "interaction", "case_id": "T-1", "seq": 2, "id": "r1", "customer_id": "cu-7",
//!         "at": "2025-01-05T09:40:00Z", "channel": "twitter", "direction": "outbound",
//!         "actor": {"type": "agent", "id": "dana"}, "kind": "message",
//!         "text": "Sorry to hear that! DM us your order number."}"#,
//!     r#"{"type": "interaction", "case_id": "T-1", "seq": 1, "id": "q1", "customer_id": "cu-7",
//!         "at": "2025-01-05T09:00:00Z", "channel": "twitter", "direction": "inbound",
//!         "actor": {"type": "customer"}, "kind": "message", "text": "@shop my parcel is late"}"#,
//! ];
//! let mut log = CaseLog::default();
//! for e in events {
//!     log.insert(CaseEvent::from_json(e)?);
//! }
//! let case = log.fold()?;
//! assert_eq!(case.status(), CaseStatus::InProgress);
//! assert_eq!(case.facts().time_to_first_human_response.map(|d| d.num_minutes()), Some(40));
//! assert!(case.facts().public);
//! # Ok::<(), kesher::Error>(())
//! ```
//!
//! The JSON contract of every type (snake_case fields, RFC 3339 instants, durations in seconds,
//! enums as snake_case strings) is specified in `docs/json-contract.md` and `docs/schema/`.
//!
//! # Where things are
//!
//! The root holds the vocabulary every module shares: [`Error`], [`ErrorKind`] and [`Result`],
//! [`from_json`], the ids ([`CaseId`], [`CustomerId`], [`AgentId`], [`InteractionId`],
//! [`OrderRef`]), [`Channel`], [`Language`], [`Money`], [`Emotion`] and [`CaseStatus`].
//! Everything else is in the module of its concept, each item at one path, in layers (a module
//! uses only those before it here):
//!
//! - [`text`], [`catalogue`]: reading customer text, and every text kesher writes for people;
//! - [`zone`], [`calendar`]: time zones and business time;
//! - [`interaction`], [`customer`], [`promise`]: what a case is made of;
//! - [`event`], [`case`]: what happens to a case, and the case as a fold over it;
//! - [`sla`], [`ledger`]: contracts and their evaluation, the promise ledger and guard;
//! - [`journey`], [`playbook`], [`live`], [`insight`], [`report`]: the emotion graph and its
//!   patterns, replies and follow-ups, cases kept live, a manager's numbers, the service report.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod calendar;
pub mod case;
pub mod catalogue;
mod channel;
pub mod customer;
mod emotion;
mod error;
pub mod event;
mod id;
pub mod insight;
mod instant;
pub mod interaction;
pub mod journey;
mod language;
pub mod ledger;
pub mod live;
mod money;
pub mod playbook;
pub mod promise;
mod read_json;
pub mod report;
mod seconds;
pub mod sla;
mod status;
mod support;
pub mod text;
pub mod zone;

pub use channel::Channel;
pub use emotion::{Emotion, EmotionAnnotation, EmotionLevel, EmotionSource};
pub use error::{Error, ErrorKind, Result};
pub use id::{AgentId, CaseId, CustomerId, InteractionId, OrderRef, MAX_ID_LEN};
pub use language::Language;
pub use money::{Currency, Money};
pub use read_json::{from_json, from_json_value};
pub use status::CaseStatus;

/// The repository README's Rust examples, run as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
