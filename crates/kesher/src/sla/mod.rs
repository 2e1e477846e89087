//! SLA contracts and their evaluation over a case's history.
//!
//! A contract (policy) has conditions (channels, priorities, segments), a calendar, and targets
//! (acknowledgement, first response, next response, resolution, follow-up cadence), each in
//! business or calendar time, with pausing states and warning fractions. [`SlaEngine`] replays
//! a folded [`crate::case::Case`] and reports, per target, the state, due instant, consumed and
//! remaining time and an audit trail that explains the deadline. A contract may give teams and
//! agents calendars of their own: a case's clocks run on the calendar of whoever has it, and a
//! reassignment keeps the time consumed (as a contract change does). A set may also hold
//! [`InteractionTarget`]s, which start at a contact (a voicemail, a public complaint) and run on
//! their own calendar whatever the contract. [`statement`] renders
//! contracts as customer-readable text in the catalogue's languages, and checks channel coverage.

mod clock;
mod contract;
mod engine;
mod interaction_target;
mod report;
pub mod statement;
mod wake;

pub use contract::{Conditions, ContractSet, Metric, SlaContract, Target, TimeBasis, Within};
pub use engine::SlaEngine;
pub use interaction_target::{InteractionMatch, InteractionTarget};
pub use report::{AuditAction, AuditEntry, CaseSla, TargetReport, TargetState};
