//! # kesher — the customer-experience core a CRM embeds
//!
//! kesher (Hebrew קשר, "connection") models **customers**, their **interactions** on every
//! channel, the **cases** those open, and (in later modules) the SLA contracts that promise them
//! service and the emotion graph of their journey. It does no I/O and never reads the clock: the
//! host passes time in, so results are deterministic in Rust, Python and the browser.
//!
//! A case is a fold over its events: feed them in any order to a [`CaseLog`] and ask for the
//! [`Case`].
//!
//! ```
//! use kesher::{CaseEvent, CaseLog, CaseStatus};
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
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod calendar;
mod case;
pub mod catalogue;
mod channel;
mod customer;
mod emotion;
mod error;
mod event;
mod id;
pub mod insight;
mod instant;
mod interaction;
pub mod journey;
mod language;
mod ledger;
pub mod live;
mod money;
pub mod playbook;
mod promise;
mod read_json;
pub mod report;
mod seconds;
pub mod sla;
mod status;
mod support;
pub mod text;
pub mod zone;

pub use calendar::{
    Calendar, EpochUnit, HolidayEffect, HolidayRules, IsraelDesk, IsraelHolidays, Observance,
    Preset, Timeline, WallInterval, WallTime, WeeklyHours, MAX_COMPILED_INTERVALS,
    SEARCH_HORIZON_DAYS,
};
pub use case::{
    Assignment, Case, CaseFacts, CaseLog, CaseLogs, ContractAssignment, FoldOutcome, Handover,
    PriorityChange, RejectedEvent, Release, StatusTransition, Trigger, TurnPolicy,
};
pub use channel::Channel;
pub use customer::{
    Consent, ConsentTopic, ContactPoint, Customer, CustomerKind, LifetimeModel, LifetimeValue,
    LineItem, Purchase,
};
pub use emotion::{Emotion, EmotionAnnotation, EmotionLevel, EmotionSource};
pub use error::{Error, ErrorKind, Result};
pub use event::{
    Assigned, CaseEvent, CaseOpened, ContractChanged, CustomerDetails, OrderDetails, Priority,
    PriorityChanged, Problem, ProblemUpdated, Released, StatusChanged, Transferred, EVENT_TYPES,
};
pub use id::{AgentId, CaseId, CustomerId, InteractionId, OrderRef, MAX_ID_LEN};
pub use interaction::{Actor, Direction, Interaction, InteractionKind};
pub use journey::{
    critical_points, journeys_from_points, turning_points, what_if, AnnotatedPoint, CriticalPoint,
    CriticalPoints, EmotionEffects, EmotionModel, Journey, JourneyPoint, Pattern, PatternBuilder,
    Scenario, StageChange, StageMap, StageRule, StageSummary, StageTrouble, StageWhen, Stages,
    SvgOptions, Turn, TurningPoint,
};
pub use language::Language;
pub use ledger::{ledger, GuardVerdict, Load, PromiseGuard};
pub use live::{CaseChanges, LiveCase, PromiseChange, StatusChange, TargetChange, WakeSchedule};
pub use money::{Currency, Money};
pub use promise::{Promise, PromiseKind, PromiseMade, PromiseState, PromiseUpdate};
pub use read_json::{from_json, from_json_value};
pub use sla::{
    AuditAction, AuditEntry, CaseSla, Conditions, ContractSet, Metric, SlaContract, SlaEngine,
    Target, TargetReport, TargetState, TimeBasis, Within,
};
pub use status::CaseStatus;
pub use text::{MessageReading, ScoreTable, Sentiment, SentimentScorer, TextScorer, TurnKind};
pub use zone::{Zone, ZoneOffset};

/// The repository README's Rust examples, run as doc tests so they stay true.
#[cfg(doctest)]
#[doc = include_str!("../../../README.md")]
pub struct ReadmeDoctests;
