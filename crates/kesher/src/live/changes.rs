//! What changed in a case between two readings: its status, its SLA targets, its promises.

use crate::{Case, CaseId, CaseSla, CaseStatus, Promise, PromiseState, RejectedEvent};
use crate::{TargetReport, TargetState};
use chrono::{DateTime, Utc};
use serde::{Serialize, Serializer};

/// A status the case moved to.
///
/// # Example
///
/// ```
/// use kesher::live::StatusChange;
/// use kesher::CaseStatus;
/// let change = StatusChange { from: None, to: CaseStatus::Received };
/// assert_eq!(serde_json::to_string(&change).unwrap(), r#"{"from":null,"to":"received"}"#);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StatusChange {
    /// The status before (`None` while there was no case yet).
    pub from: Option<CaseStatus>,
    /// The status now.
    pub to: CaseStatus,
}

/// A target whose state changed: `from` is `None` when its clock (this cycle) started, a
/// `from` of `paused` to `running` or `warning` is a resume, and `report.state` says what it
/// is now (`warning`, `breached`, `met`…).
///
/// # Example
///
/// See [`crate::live::LiveCase`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TargetChange {
    /// The state at the earlier reading (`None`: this cycle had not started).
    pub from: Option<TargetState>,
    /// The target now: its state, due instant, time consumed and left.
    pub report: TargetReport,
}

/// A promise whose state changed: made (`from` is `None`), kept, kept late, broken (by the clock
/// alone: its due instant passed) or cancelled.
///
/// # Example
///
/// See [`crate::live::LiveCase`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PromiseChange {
    /// The state at the earlier reading (`None`: not made yet).
    pub from: Option<PromiseState>,
    /// The state now.
    pub to: PromiseState,
    /// The promise.
    pub promise: Promise,
}

/// What changed in one case since it was last read: what [`crate::live::LiveCase::apply`] and
/// [`crate::live::LiveCase::tick`] return.
///
/// JSON: `{"case_id", "at", "status", "targets", "promises", "rejected", "wake_at"}` with
/// `status` and `wake_at` null when unchanged or none, and each rejection as
/// `{"event_type", "origin", "kind", "field", "message"}`.
///
/// # Example
///
/// See [`crate::live::LiveCase`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaseChanges {
    /// The case.
    pub case_id: CaseId,
    /// The instant the case was read at.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The new status, when it changed.
    pub status: Option<StatusChange>,
    /// The targets whose state changed, in the report's order.
    pub targets: Vec<TargetChange>,
    /// The promises whose state changed, in the order they were made.
    pub promises: Vec<PromiseChange>,
    /// Events the case holds but cannot apply, that it could apply before (or did not have):
    /// an illegal transition, a second `opened`, a promise kept before it was made… A late event
    /// may make them fit, so they are kept.
    #[serde(serialize_with = "rejections")]
    pub rejected: Vec<RejectedEvent>,
    /// The next instant at which the case changes with no new event (see
    /// [`crate::live::LiveCase::wake_at`]).
    #[serde(with = "crate::instant::option")]
    pub wake_at: Option<DateTime<Utc>>,
}

impl CaseChanges {
    /// Whether nothing changed.
    ///
    /// # Example
    ///
    /// See [`crate::live::LiveCase`].
    pub fn is_empty(&self) -> bool {
        self.status.is_none()
            && self.targets.is_empty()
            && self.promises.is_empty()
            && self.rejected.is_empty()
    }
}

fn rejections<S: Serializer>(rejected: &[RejectedEvent], s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Rejection<'a> {
        event_type: &'a str,
        origin: u64,
        kind: &'a str,
        field: Option<&'a str>,
        message: String,
    }
    s.collect_seq(rejected.iter().map(|r| Rejection {
        event_type: r.event_type,
        origin: r.origin,
        kind: r.error.kind().as_str(),
        field: r.error.field(),
        message: r.error.to_string(),
    }))
}

/// The status change from `before` to `after`.
pub(super) fn status(before: Option<&Case>, after: Option<&Case>) -> Option<StatusChange> {
    let (from, to) = (before.map(Case::status), after.map(Case::status)?);
    (from != Some(to)).then_some(StatusChange { from, to })
}

/// The targets whose state at the new reading differs from the earlier one. A target is one
/// metric (one interaction target for `interaction_response`), in its latest cycle.
pub(super) fn targets(before: Option<&CaseSla>, after: Option<&CaseSla>) -> Vec<TargetChange> {
    let earlier = before.map_or(&[][..], |s| s.targets.as_slice());
    let same = |a: &TargetReport, b: &TargetReport| {
        a.metric == b.metric
            && (a.metric != crate::Metric::InteractionResponse || a.contract == b.contract)
    };
    after
        .map_or(&[][..], |s| s.targets.as_slice())
        .iter()
        .filter_map(|now| {
            let from = earlier
                .iter()
                .find(|b| same(b, now) && b.cycle == now.cycle)
                .map(|b| b.state);
            (from != Some(now.state)).then(|| TargetChange {
                from,
                report: now.clone(),
            })
        })
        .collect()
}

/// The promises whose state changed between `(before, then)` and `(after, now)`.
pub(super) fn promises(
    before: Option<(&Case, DateTime<Utc>)>,
    after: Option<&Case>,
    now: DateTime<Utc>,
) -> Vec<PromiseChange> {
    let Some(after) = after else {
        return Vec::new();
    };
    after
        .promises()
        .iter()
        .filter_map(|p| {
            let from = before.and_then(|(case, then)| {
                let earlier = case.promises().iter().find(|e| e.id == p.id)?;
                Some(earlier.state(then))
            });
            let to = p.state(now);
            (from != Some(to)).then(|| PromiseChange {
                from,
                to,
                promise: p.clone(),
            })
        })
        .collect()
}
