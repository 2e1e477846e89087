//! SLA contracts and their evaluation over a case's history.
//!
//! A contract (policy) has conditions (channels, priorities, segments), a calendar, and targets
//! (acknowledgement, first response, next response, resolution, follow-up cadence), each in
//! business or calendar time, with pausing states and warning fractions. [`SlaEngine`] replays
//! a folded [`crate::Case`] and reports, per target, the state, due instant, consumed and
//! remaining time and an audit trail that explains the deadline. [`statement`] renders
//! contracts as customer-readable text in Hebrew and English, and checks channel coverage.

mod clock;
mod contract;
mod engine;
mod interaction_target;
mod report;
pub mod statement;

pub use contract::{Conditions, ContractSet, Metric, SlaContract, Target, TimeBasis, Within};
pub use engine::SlaEngine;
pub use interaction_target::{InteractionMatch, InteractionTarget};
pub use report::{AuditAction, AuditEntry, CaseSla, TargetReport, TargetState};
