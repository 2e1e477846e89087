//! The promises of a case as one ledger (those made in events and the answer time an
//! acknowledgement promised), and the promise guard: never promise what you cannot keep.

use crate::error::{Error, Result};
use crate::promise::{Promise, PromiseKind};
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

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
/// use kesher::{calendar::Calendar, ledger::{Load, PromiseGuard}};
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
    pub calendar: crate::calendar::Calendar,
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
/// use kesher::{ledger::ledger, event::CaseEvent, case::CaseLog, sla::{ContractSet, SlaEngine}, promise::{PromiseKind, PromiseState}};
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
pub fn ledger(case: &crate::case::Case, sla: Option<&crate::sla::CaseSla>) -> Vec<Promise> {
    let mut out = case.promises().to_vec();
    let ack = case.log().iter().find(|i| {
        i.kind == crate::interaction::InteractionKind::Acknowledgement
            && i.direction == crate::interaction::Direction::Outbound
    });
    let due = sla
        .and_then(|s| {
            s.targets
                .iter()
                .find(|t| t.metric == crate::sla::Metric::FirstResponse)
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
