//! What an SLA evaluation reports: per target its state, due instant, time consumed and left,
//! and the audit trail that explains the deadline.

use super::contract::{Metric, TimeBasis};
use crate::id::CaseId;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// Where a target stands at `now`.
///
/// # Example
///
/// ```
/// assert_eq!(serde_json::to_string(&kesher::sla::TargetState::MetLate).unwrap(), "\"met_late\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TargetState {
    /// The clock runs; no warning fraction reached yet.
    Running,
    /// The clock is stopped by a pausing status (waiting on the customer).
    Paused,
    /// The clock runs and has consumed at least a warning fraction of the target.
    Warning,
    /// The due instant has passed without the target being met.
    Breached,
    /// Met on or before the due instant.
    Met,
    /// Met, but after the due instant.
    MetLate,
    /// No longer applies (resolved before an answer was needed, a contract without this target).
    Cancelled,
}

impl TargetState {
    /// Whether the clock has stopped for good (met, met late, cancelled).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::sla::TargetState::Met.is_final());
    /// assert!(!kesher::sla::TargetState::Breached.is_final());
    /// ```
    pub fn is_final(self) -> bool {
        matches!(
            self,
            TargetState::Met | TargetState::MetLate | TargetState::Cancelled
        )
    }
}

/// What happened to a clock.
///
/// # Example
///
/// ```
/// assert_eq!(serde_json::to_string(&kesher::sla::AuditAction::Retargeted).unwrap(), "\"retargeted\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// The clock started.
    Started,
    /// A pausing status stopped it for now.
    Paused,
    /// It runs again.
    Resumed,
    /// A new contract, priority or calendar changed the target; the time consumed is kept.
    Retargeted,
    /// A warning fraction was reached.
    Warning,
    /// The due instant passed.
    Breached,
    /// The target was met (on time or late).
    Stopped,
    /// The target no longer applies.
    Cancelled,
}

/// One line of a target's audit trail.
///
/// # Example
///
/// ```
/// let json = r#"{"at": "2025-01-05T09:00:00Z", "action": "started", "reason": "case opened", "consumed_seconds": 0, "target_seconds": 7200}"#;
/// let e: kesher::sla::AuditEntry = serde_json::from_str(json).unwrap();
/// assert_eq!(e.action, kesher::sla::AuditAction::Started);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditEntry {
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// What happened.
    pub action: AuditAction,
    /// Why, in words (the event or rule behind it).
    pub reason: String,
    /// The sequence number of the event behind it, when an event caused it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seq: Option<u64>,
    /// Time consumed on the target's clock at that instant.
    #[serde(rename = "consumed_seconds", with = "crate::seconds")]
    pub consumed: TimeDelta,
    /// The target in force after this entry.
    #[serde(rename = "target_seconds", with = "crate::seconds")]
    pub target: TimeDelta,
}

/// The state of one target of one case at `now` (the case is named by the [`CaseSla`] that
/// holds it; `kesher sla evaluate` writes each report with its `case_id` first).
///
/// JSON: `{"metric", "contract", "time", "state", "cycle", "started_at", "due_at",
/// "stopped_at", "target_seconds", "consumed_seconds", "remaining_seconds", "late_cycles",
/// "audit"}` (`due_at`, `stopped_at` and an empty `audit` omitted).
///
/// # Example
///
/// See [`crate::sla::SlaEngine`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetReport {
    /// What is measured.
    pub metric: Metric,
    /// The contract in force for this target (the latest one).
    pub contract: Arc<str>,
    /// Business or calendar time.
    pub time: TimeBasis,
    /// Where it stands.
    pub state: TargetState,
    /// 1 for one-off targets; the cycle number for recurring ones (next response, follow-up).
    pub cycle: u32,
    /// When this cycle's clock started.
    #[serde(with = "crate::instant")]
    pub started_at: DateTime<Utc>,
    /// The due instant (absent while paused, when cancelled, and when met while paused).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub due_at: Option<DateTime<Utc>>,
    /// When the clock stopped for good (met, met late, cancelled).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub stopped_at: Option<DateTime<Utc>>,
    /// The target.
    #[serde(rename = "target_seconds", with = "crate::seconds")]
    pub target: TimeDelta,
    /// Time consumed (business or calendar, per `time`), pauses excluded.
    #[serde(rename = "consumed_seconds", with = "crate::seconds")]
    pub consumed: TimeDelta,
    /// Time left before the due instant (zero once consumed reaches the target).
    #[serde(rename = "remaining_seconds", with = "crate::seconds")]
    pub remaining: TimeDelta,
    /// Earlier cycles of this metric that were met late or breached.
    #[serde(default)]
    pub late_cycles: u32,
    /// How the clock got here (with explain on).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub audit: Vec<AuditEntry>,
}

/// Every target of one case at `now`.
///
/// # Example
///
/// See [`crate::sla::SlaEngine`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSla {
    /// The case.
    pub case_id: CaseId,
    /// The contract in force at `now` (none when no contract covers the case).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contract: Option<Arc<str>>,
    /// One report per target whose clock has started, in metric order.
    pub targets: Vec<TargetReport>,
}
