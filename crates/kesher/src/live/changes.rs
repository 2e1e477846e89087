//! What changed in a case between two readings: its status, its SLA targets, its promises.

use crate::sla::{TargetReport, TargetState};
use crate::{
    case::{Case, RejectedEvent},
    error::Error,
    id::CaseId,
    promise::{Promise, PromiseState},
    sla::CaseSla,
    status::CaseStatus,
};
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
/// JSON: `{"case_id", "at", "status", "targets", "promises", "rejected", "sla_error",
/// "wake_at"}` with `status`, `sla_error` and `wake_at` null when unchanged or none, each
/// rejection as `{"event_type", "origin", "kind", "field", "message"}` and `sla_error` as
/// `{"kind", "field", "message"}`.
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
    /// Why the case's SLA targets could not be read (a `contract_changed` naming a contract the
    /// engine does not have, an instant its calendars cannot reach): the event is kept, the
    /// targets are left out until a reading succeeds.
    #[serde(serialize_with = "refusal")]
    pub sla_error: Option<Error>,
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
            && self.sla_error.is_none()
    }
}

/// An error as `{"kind", "field", "message"}`.
#[derive(Serialize)]
struct Refusal<'a> {
    kind: &'a str,
    field: Option<&'a str>,
    message: String,
}

impl<'a> Refusal<'a> {
    fn of(e: &'a Error) -> Refusal<'a> {
        Refusal {
            kind: e.kind().as_str(),
            field: e.field(),
            message: e.to_string(),
        }
    }
}

fn refusal<S: Serializer>(error: &Option<Error>, s: S) -> Result<S::Ok, S::Error> {
    error.as_ref().map(Refusal::of).serialize(s)
}

impl CaseChanges {
    /// These changes followed by `later` ones of the same case, as one answer.
    pub(super) fn then(mut self, later: CaseChanges) -> CaseChanges {
        self.status = match (self.status, later.status) {
            (Some(first), Some(last)) => Some(StatusChange {
                from: first.from,
                to: last.to,
            })
            .filter(|s| s.from != Some(s.to)),
            (first, None) => first,
            (None, last) => last,
        };
        self.targets.extend(later.targets);
        self.promises.extend(later.promises);
        self.rejected.extend(later.rejected);
        self.sla_error = later.sla_error;
        self.wake_at = later.wake_at;
        self.at = later.at;
        self
    }
}

fn rejections<S: Serializer>(rejected: &[RejectedEvent], s: S) -> Result<S::Ok, S::Error> {
    #[derive(Serialize)]
    struct Rejection<'a> {
        event_type: &'a str,
        origin: u64,
        #[serde(flatten)]
        error: Refusal<'a>,
    }
    s.collect_seq(rejected.iter().map(|r| Rejection {
        event_type: r.event_type,
        origin: r.origin,
        error: Refusal::of(&r.error),
    }))
}

/// What the diff needs of a case as last read: its status and its promises' states then.
pub(super) struct Before {
    status: Option<CaseStatus>,
    promises: Vec<(String, PromiseState)>,
}

impl Before {
    /// `case` as read at `then` (never read: every promise is new).
    pub(super) fn of(case: Option<&Case>, then: Option<DateTime<Utc>>) -> Before {
        let promises = match (case, then) {
            (Some(c), Some(then)) => c
                .promises()
                .iter()
                .map(|p| (p.id.clone(), p.state(then)))
                .collect(),
            _ => Vec::new(),
        };
        Before {
            status: case.map(Case::status),
            promises,
        }
    }
}

/// The status change from `before` to `after`.
pub(super) fn status(before: &Before, after: Option<&Case>) -> Option<StatusChange> {
    let (from, to) = (before.status, after.map(Case::status)?);
    (from != Some(to)).then_some(StatusChange { from, to })
}

/// The targets whose state at the new reading differs from the earlier one. A target is one
/// metric (one interaction target for `interaction_response`), in its latest cycle.
pub(super) fn targets(before: Option<&CaseSla>, after: Option<&CaseSla>) -> Vec<TargetChange> {
    let earlier = before.map_or(&[][..], |s| s.targets.as_slice());
    let same = |a: &TargetReport, b: &TargetReport| {
        a.metric == b.metric
            && (a.metric != crate::sla::Metric::InteractionResponse || a.contract == b.contract)
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

/// The promises whose state at `now` differs from `before`.
pub(super) fn promises(
    before: &Before,
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
            let from = before
                .promises
                .iter()
                .find(|(id, _)| *id == p.id)
                .map(|(_, state)| *state);
            let to = p.state(now);
            (from != Some(to)).then(|| PromiseChange {
                from,
                to,
                promise: p.clone(),
            })
        })
        .collect()
}
