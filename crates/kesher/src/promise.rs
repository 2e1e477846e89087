//! Promises: commitments made to a customer (a callback, a credit, a delivery date, an answer
//! time), each with an owner, a channel and a due instant, and their state derived from what
//! happened later. And the promise guard: never promise what you cannot keep.

use crate::{AgentId, CaseId, Channel, Error, Result};
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// What was promised.
///
/// # Example
///
/// ```
/// let k: kesher::PromiseKind = serde_json::from_str("\"callback\"").unwrap();
/// assert_eq!(k, kesher::PromiseKind::Callback);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromiseKind {
    /// "We will call you back."
    Callback,
    /// "A credit will reach you by mail."
    Credit,
    /// "It will be delivered by …"
    Delivery,
    /// "We will answer within …" (an acknowledgement's promise).
    Answer,
    /// Anything else.
    Other,
}

/// The `promise_made` event: a commitment with its due instant.
///
/// # Example
///
/// ```
/// let e = kesher::CaseEvent::from_json(r#"{"type": "promise_made", "case_id": "T-1", "at": "2025-01-05T09:00:00Z",
///     "promise_id": "p1", "kind": "callback", "owner": "dana", "channel": "phone", "due": "2025-01-05T12:00:00Z"}"#)?;
/// assert_eq!(e.type_name(), "promise_made");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromiseMade {
    /// The case.
    pub case_id: CaseId,
    /// Order among events at the same instant.
    #[serde(default)]
    pub seq: u64,
    /// When the promise was made.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The promise's identity within the case.
    pub promise_id: String,
    /// What was promised.
    pub kind: PromiseKind,
    /// Who is to keep it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<AgentId>,
    /// The channel it was made on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// When it is due.
    #[serde(with = "crate::instant")]
    pub due: DateTime<Utc>,
    /// In words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The `promise_kept` or `promise_cancelled` event: what became of a promise.
///
/// # Example
///
/// ```
/// let e = kesher::CaseEvent::from_json(r#"{"type": "promise_kept", "case_id": "T-1", "at": "2025-01-05T11:00:00Z", "promise_id": "p1"}"#)?;
/// assert_eq!(e.type_name(), "promise_kept");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PromiseUpdate {
    /// The case.
    pub case_id: CaseId,
    /// Order among events at the same instant.
    #[serde(default)]
    pub seq: u64,
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The promise.
    pub promise_id: String,
    /// Why (for a cancellation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// Where a promise stands at an instant.
///
/// # Example
///
/// ```
/// assert_eq!(serde_json::to_string(&kesher::PromiseState::KeptLate).unwrap(), "\"kept_late\"");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PromiseState {
    /// Not due yet, not kept yet.
    Open,
    /// Kept on or before its due instant.
    Kept,
    /// Kept, but after its due instant.
    KeptLate,
    /// Due and not kept.
    Broken,
    /// Withdrawn (with the customer's agreement, one hopes).
    Cancelled,
}

/// A promise on a case, as the fold records it.
///
/// # Example
///
/// ```
/// use kesher::{CaseEvent, CaseLog, PromiseState};
///
/// let mut log = CaseLog::default();
/// for line in [
///   r#"{"type": "opened", "case_id": "T", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "phone"}"#,
///   r#"{"type": "promise_made", "case_id": "T", "seq": 1, "at": "2025-01-05T09:05:00Z", "promise_id": "cb", "kind": "callback", "due": "2025-01-05T12:00:00Z"}"#,
///   r#"{"type": "promise_kept", "case_id": "T", "seq": 2, "at": "2025-01-05T13:00:00Z", "promise_id": "cb"}"#,
/// ] {
///     log.insert(CaseEvent::from_json(line)?);
/// }
/// let case = log.fold()?;
/// let p = &case.promises()[0];
/// assert_eq!(p.state("2025-01-05T11:00:00Z".parse().unwrap()), PromiseState::Open);
/// assert_eq!(p.state("2025-01-05T12:30:00Z".parse().unwrap()), PromiseState::Broken);
/// assert_eq!(p.state("2025-01-06T00:00:00Z".parse().unwrap()), PromiseState::KeptLate);
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Promise {
    /// Its identity within the case.
    pub id: String,
    /// What was promised.
    pub kind: PromiseKind,
    /// Who is to keep it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<AgentId>,
    /// The channel it was made on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<Channel>,
    /// When it was made.
    #[serde(with = "crate::instant")]
    pub made_at: DateTime<Utc>,
    /// When it is due.
    #[serde(with = "crate::instant")]
    pub due: DateTime<Utc>,
    /// In words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When it was kept.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub kept_at: Option<DateTime<Utc>>,
    /// When it was cancelled.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub cancelled_at: Option<DateTime<Utc>>,
}

impl Promise {
    /// Its state at `now` (only what happened by then counts).
    ///
    /// # Example
    ///
    /// See [`Promise`].
    pub fn state(&self, now: DateTime<Utc>) -> PromiseState {
        match (
            self.kept_at.filter(|k| *k <= now),
            self.cancelled_at.filter(|c| *c <= now),
        ) {
            (Some(k), _) if k <= self.due => PromiseState::Kept,
            (Some(_), _) => PromiseState::KeptLate,
            (None, Some(_)) => PromiseState::Cancelled,
            (None, None) if now > self.due => PromiseState::Broken,
            (None, None) => PromiseState::Open,
        }
    }

    pub(crate) fn from_event(e: &PromiseMade) -> Promise {
        Promise {
            id: e.promise_id.clone(),
            kind: e.kind,
            owner: e.owner.clone(),
            channel: e.channel.clone(),
            made_at: e.at,
            due: e.due,
            description: e.description.clone(),
            kept_at: None,
            cancelled_at: None,
        }
    }
}

/// How fast the team can answer now: cases waiting ahead, minutes of handling each, agents on
/// duty.
///
/// # Example
///
/// See [`PromiseGuard`].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Load {
    /// Cases waiting ahead of this one.
    pub queue: u32,
    /// Business minutes of work per case.
    pub handle_minutes: f64,
    /// Agents working the queue.
    pub agents: u32,
}

/// The verdict of the promise guard.
///
/// # Example
///
/// See [`PromiseGuard`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuardVerdict {
    /// Whether the promise can be kept.
    pub keepable: bool,
    /// The earliest instant the team can deliver under the load, on the calendar.
    #[serde(with = "crate::instant")]
    pub earliest: DateTime<Utc>,
    /// The promised instant.
    #[serde(with = "crate::instant")]
    pub promised: DateTime<Utc>,
    /// Time to spare (negative: how late it would be).
    #[serde(rename = "slack_seconds", with = "crate::seconds")]
    pub slack: TimeDelta,
}

/// "Never promise what you cannot keep": checks a promised instant (or a template's "within X")
/// against the calendar and the team's current load. The earliest deliverable instant is
/// `queue × handle_minutes / agents` of business time after now.
///
/// # Example
///
/// ```
/// use kesher::{Calendar, Load, PromiseGuard};
///
/// let guard = PromiseGuard { calendar: Calendar::israel_desk()?, load: Load { queue: 12, handle_minutes: 20.0, agents: 2 } };
/// // Thursday 16:00 in Israel: two hours of queue are one hour today and one on Friday.
/// let now = "2025-01-02T14:00:00Z".parse().unwrap();
/// let promise = "2025-01-02T15:00:00Z".parse().unwrap(); // "by 17:00 today"
/// let v = guard.check(now, promise)?;
/// assert!(!v.keepable);
/// assert_eq!(v.earliest.to_rfc3339(), "2025-01-03T08:00:00+00:00");
/// assert!(guard.check_within(now, chrono::TimeDelta::hours(3))?.keepable);
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct PromiseGuard {
    /// The calendar the team works on.
    pub calendar: crate::Calendar,
    /// The team's load.
    pub load: Load,
}

impl PromiseGuard {
    fn earliest(&self, now: DateTime<Utc>) -> Result<DateTime<Utc>> {
        let l = self.load;
        if l.agents == 0 {
            return Err(Error::invalid(
                "load.agents",
                0,
                "someone has to keep the promise",
            ));
        }
        if !(l.handle_minutes.is_finite() && l.handle_minutes >= 0.0) {
            return Err(Error::invalid(
                "load.handle_minutes",
                crate::support::decimal::shortest(l.handle_minutes),
                "minutes of work are zero or more",
            ));
        }
        let minutes = f64::from(l.queue) * l.handle_minutes / f64::from(l.agents);
        let work = crate::seconds::from_secs_f64(minutes * 60.0).ok_or_else(|| {
            Error::invalid(
                "load",
                crate::support::decimal::shortest(minutes),
                "too much work to schedule",
            )
        })?;
        self.calendar.add(now, work)
    }

    /// Whether a promise due at `promised`, made at `now`, can be kept.
    ///
    /// # Example
    ///
    /// See [`PromiseGuard`].
    pub fn check(&self, now: DateTime<Utc>, promised: DateTime<Utc>) -> Result<GuardVerdict> {
        let earliest = self.earliest(now)?;
        Ok(GuardVerdict {
            keepable: earliest <= promised,
            earliest,
            promised,
            slack: promised - earliest,
        })
    }

    /// Whether "within `within` business time" (a template's promise) can be kept from `now`.
    ///
    /// # Example
    ///
    /// See [`PromiseGuard`].
    pub fn check_within(&self, now: DateTime<Utc>, within: TimeDelta) -> Result<GuardVerdict> {
        let promised = self.calendar.add(now, within)?;
        self.check(now, promised)
    }
}

/// The case's promise ledger at `now`: the promises made explicitly (`promise_made` events)
/// and, when the organization acknowledged the request, the acknowledgement's promise to answer
/// by the first-response due instant of the SLA evaluation (kind `answer`, id `acknowledgement`,
/// kept by the first answer by a person).
///
/// # Example
///
/// ```
/// use kesher::{ledger, CaseEvent, CaseLog, ContractSet, PromiseKind, PromiseState, SlaEngine};
///
/// let mut log = CaseLog::default();
/// for line in [
///   r#"{"type": "interaction", "case_id": "T", "seq": 1, "id": "q", "customer_id": "c", "at": "2025-01-06T15:00:00Z",
///       "channel": "email", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message"}"#,
///   r#"{"type": "interaction", "case_id": "T", "seq": 2, "id": "ack", "customer_id": "c", "at": "2025-01-06T15:01:00Z",
///       "channel": "email", "direction": "outbound", "actor": {"type": "bot"}, "kind": "acknowledgement"}"#,
/// ] {
///     log.insert(CaseEvent::from_json(line)?);
/// }
/// let case = log.fold()?;
/// let now = "2025-01-06T19:00:00Z".parse().unwrap();
/// let set = ContractSet::from_json(r#"[{"name": "s", "calendar": "us", "targets": [{"metric": "first_response", "within": 3600}]}]"#)?;
/// let sla = SlaEngine::new(set).evaluate(&case, now)?;
/// let promises = ledger(&case, Some(&sla));
/// assert_eq!(promises[0].kind, PromiseKind::Answer);
/// assert_eq!(promises[0].state(now), PromiseState::Broken);
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn ledger(case: &crate::Case, sla: Option<&crate::CaseSla>) -> Vec<Promise> {
    let mut out = case.promises().to_vec();
    let ack = case.log().iter().find(|i| {
        i.kind == crate::InteractionKind::Acknowledgement
            && i.direction == crate::Direction::Outbound
    });
    let due = sla
        .and_then(|s| {
            s.targets
                .iter()
                .find(|t| t.metric == crate::Metric::FirstResponse)
        })
        .and_then(|t| t.due_at);
    if let (Some(ack), Some(due)) = (ack, due) {
        out.insert(
            0,
            Promise {
                id: "acknowledgement".into(),
                kind: PromiseKind::Answer,
                owner: None,
                channel: Some(ack.channel.clone()),
                made_at: ack.at,
                due,
                description: Some("the acknowledgement's answer time".into()),
                kept_at: case
                    .log()
                    .iter()
                    .find(|i| i.is_human_answer())
                    .map(|i| i.at),
                cancelled_at: None,
            },
        );
    }
    out
}
