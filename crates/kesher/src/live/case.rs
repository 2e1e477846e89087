//! A case kept between events: apply one event, read what changed, know when to wake up.

use super::changes::{self, Before, CaseChanges};
use super::held::Held;
use crate::{case::TurnPolicy, promise::PromiseState};
use crate::{
    case::{Case, RejectedEvent},
    error::{Error, Result},
    event::CaseEvent,
    id::CaseId,
    sla::{CaseSla, SlaEngine},
};
use chrono::{DateTime, TimeDelta, Utc};

/// One case as a CRM keeps it between events: the folded case, its SLA targets as last read,
/// and the events it was folded from, so that an event arriving late still merges by instant.
///
/// - [`LiveCase::apply`] takes one event and says what changed: the status, the targets
///   started, paused, resumed, warned, met or breached, the promises made, kept or broken. The
///   result equals a fold of every event applied, whatever the order of arrival.
/// - [`LiveCase::tick`] reads the case again at a later instant with no new event: warnings,
///   breaches and broken promises happen by the clock alone.
/// - [`LiveCase::wake_at`] is the next instant at which something changes by the clock alone;
///   a [`crate::live::WakeSchedule`] keeps these instants for many cases.
/// - [`LiveCase::to_snapshot`] / [`LiveCase::from_snapshot`] store the case as one JSON
///   document (see `docs/json-contract.md`); a snapshot plus new events gives the fold of all.
///
/// An event the case can never take (invalid, or of another case) is refused with an error and
/// changes nothing. An event it cannot take *now* (a transition the status machine forbids, a
/// promise kept before it was made) is kept and reported in [`CaseChanges::rejected`]: an
/// event arriving later may make it fit, as in a lenient fold ([`crate::case::CaseLog::fold_lenient`]).
///
/// # Example
///
/// ```
/// use kesher::live::LiveCase;
/// use kesher::{event::CaseEvent, CaseId, CaseStatus, sla::{ContractSet, SlaEngine, TargetState}};
///
/// let mut engine = SlaEngine::new(ContractSet::from_json(r#"[{"name": "std", "calendar": "israel",
///     "targets": [{"metric": "first_response", "within": 7200}]}]"#)?);
/// let mut live = LiveCase::new(CaseId::new("T-1")?);
/// let opened = CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1",
///     "at": "2025-01-05T07:00:00Z", "customer": {"id": "c"}, "channel": "email"}"#)?;
/// let changes = live.apply(opened, &mut engine, "2025-01-05T07:00:00Z".parse().unwrap())?;
/// assert_eq!(changes.status.map(|s| s.to), Some(CaseStatus::Received));
/// assert_eq!(changes.targets[0].from, None); // first response started
/// let warn = changes.wake_at.unwrap(); // 75 % of the target: 08:30
/// assert_eq!(warn.to_rfc3339(), "2025-01-05T08:30:00+00:00");
///
/// // Stored as a snapshot, resumed later.
/// let mut live = LiveCase::from_snapshot(&live.to_snapshot())?;
/// let changes = live.tick(&mut engine, warn)?;
/// assert_eq!(changes.targets[0].report.state, TargetState::Warning);
///
/// let answer = CaseEvent::from_json(r#"{"type": "interaction", "case_id": "T-1", "seq": 1,
///     "id": "a1", "customer_id": "c", "at": "2025-01-05T08:45:00Z", "channel": "email",
///     "direction": "outbound", "actor": {"type": "agent", "id": "dana"}, "kind": "message"}"#)?;
/// let changes = live.apply(answer, &mut engine, "2025-01-05T08:45:00Z".parse().unwrap())?;
/// assert_eq!(changes.status.map(|s| s.to), Some(CaseStatus::InProgress));
/// assert_eq!(changes.targets[0].report.state, TargetState::Met);
/// assert_eq!(changes.wake_at, None);
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct LiveCase {
    pub(super) id: CaseId,
    pub(super) held: Held,
    pub(super) seen_at: Option<DateTime<Utc>>,
    pub(super) sla: Option<CaseSla>,
    pub(super) wake_at: Option<DateTime<Utc>>,
    /// What escalation rules already asked for (rule/what), so they ask once.
    pub(super) escalated: std::collections::BTreeSet<String>,
}

impl LiveCase {
    /// A case with no event yet.
    ///
    /// # Example
    ///
    /// ```
    /// let live = kesher::live::LiveCase::new(kesher::CaseId::new("T-1")?);
    /// assert!(live.case().is_none());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn new(id: CaseId) -> LiveCase {
        LiveCase {
            id,
            held: Held::default(),
            seen_at: None,
            sla: None,
            wake_at: None,
            escalated: Default::default(),
        }
    }

    /// Sets how customers' closing turns are read (see [`TurnPolicy`]); takes effect at the
    /// next event.
    ///
    /// # Example
    ///
    /// ```
    /// let mut live = kesher::live::LiveCase::new(kesher::CaseId::new("T-1")?);
    /// live.set_turn_policy(kesher::case::TurnPolicy { closing_turns_reopen: true, ..Default::default() });
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn set_turn_policy(&mut self, policy: TurnPolicy) {
        self.held.policy = policy;
    }

    /// The case's identity.
    ///
    /// # Example
    ///
    /// See [`LiveCase::new`].
    pub fn id(&self) -> &CaseId {
        &self.id
    }

    /// The case folded from every event applied (`None` until an event names its customer and
    /// channel).
    ///
    /// # Example
    ///
    /// See [`LiveCase`].
    pub fn case(&self) -> Option<&Case> {
        self.held.case.as_ref()
    }

    /// The SLA targets as last read (at [`LiveCase::seen_at`]).
    ///
    /// # Example
    ///
    /// See [`LiveCase`].
    pub fn sla(&self) -> Option<&CaseSla> {
        self.sla.as_ref()
    }

    /// The instant the case was last read at.
    ///
    /// # Example
    ///
    /// See [`LiveCase`].
    pub fn seen_at(&self) -> Option<DateTime<Utc>> {
        self.seen_at
    }

    /// The events held but not applied (see the type's rules).
    ///
    /// # Example
    ///
    /// See [`LiveCase`].
    pub fn rejected(&self) -> &[RejectedEvent] {
        &self.held.rejected
    }

    /// The first instant after the last reading at which the case changes with no new event: a
    /// target reaches its first warning fraction or passes its due instant, or a promise passes
    /// its due instant unkept. `None` when nothing would change by the clock alone.
    ///
    /// # Example
    ///
    /// See [`LiveCase`].
    pub fn wake_at(&self) -> Option<DateTime<Utc>> {
        self.wake_at
    }

    /// What escalation rules already asked for on this case (`rule/what`, such as
    /// `lead at 75%/first_response/1`).
    ///
    /// # Example
    ///
    /// See [`crate::live::EscalationRules`].
    pub fn escalated(&self) -> impl Iterator<Item = &str> {
        self.escalated.iter().map(String::as_str)
    }

    /// Remembers that a rule asked for `key`; false when it already had.
    pub(super) fn remember(&mut self, key: String) -> bool {
        self.escalated.insert(key)
    }

    /// Applies one event and reads the case at `now`: what changed since the last reading.
    ///
    /// # Errors
    ///
    /// The event's own errors ([`CaseEvent::validate`]) and an event of another case
    /// ([`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) on `case_id`), and `now` before the last reading (`now`): each
    /// changes nothing. An SLA evaluation that fails does not fail the event: the error is in
    /// [`CaseChanges::sla_error`].
    ///
    /// # Example
    ///
    /// See [`LiveCase`].
    pub fn apply(
        &mut self,
        event: CaseEvent,
        engine: &mut SlaEngine,
        now: DateTime<Utc>,
    ) -> Result<CaseChanges> {
        event.validate()?;
        if event.case_id() != Some(&self.id) {
            let named = event.case_id().map_or("", |c| c.as_str());
            return Err(Error::invalid(
                "case_id",
                named,
                format!("the event does not belong to case `{}`", self.id),
            ));
        }
        self.check_now(now)?;
        let before = Before::of(self.held.case.as_ref(), self.seen_at);
        let fresh = self.held.add(event);
        let (mut changes, sla) = read(self, engine, now);
        changes.status = changes::status(&before, self.held.case.as_ref());
        changes.promises = changes::promises(&before, self.held.case.as_ref(), now);
        changes.rejected = fresh;
        self.commit(sla, &changes);
        Ok(changes)
    }

    /// The events that record `escalation` in this case (numbered from `seq`), for a host that
    /// stores every event it applies: [`crate::live::Escalation::events`] with the case's
    /// customer and priority. [`LiveCase::record`] applies them.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingField`](crate::ErrorKind::MissingField) on `case` before any event made a case.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::live::{Escalation, EscalationAction, LiveCase};
    /// let mut engine = kesher::sla::SlaEngine::new(kesher::sla::ContractSet::from_json("[]")?);
    /// let mut live = LiveCase::new(kesher::CaseId::new("T-1")?);
    /// let opened = kesher::event::CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1",
    ///     "at": "2025-01-05T07:00:00Z", "customer": {"id": "c"}, "channel": "email"}"#)?;
    /// live.apply(opened, &mut engine, "2025-01-05T07:00:00Z".parse().unwrap())?;
    /// let notify = Escalation { case_id: kesher::CaseId::new("T-1")?, rule: "breach".into(),
    ///     about: "first_response/1".into(), at: "2025-01-05T09:00:00Z".parse().unwrap(),
    ///     action: EscalationAction::Notify { group: "leads".into() },
    ///     reason: "first_response is breached (rule breach)".into(), message: None };
    /// let events = live.escalation_events(&notify, 100)?;
    /// assert_eq!(events[0].type_name(), "interaction");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn escalation_events(
        &self,
        escalation: &crate::live::Escalation,
        seq: u64,
    ) -> Result<Vec<CaseEvent>> {
        let case = self.held.case.as_ref().ok_or_else(|| {
            Error::from(crate::error::Detail::MissingField {
                field: "case".into(),
                reason: format!(
                    "case `{}` has no event yet to record an escalation on",
                    self.id
                ),
            })
        })?;
        Ok(escalation.events(case.customer().id.clone(), case.priority(), seq))
    }

    /// Records an escalation the host carried out: its events ([`crate::live::Escalation::events`],
    /// numbered from `seq`) applied at the escalation's instant (or the last reading, if later).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingField`](crate::ErrorKind::MissingField) on `case` before any event made a case; as [`LiveCase::apply`].
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::live::{Escalation, EscalationAction, LiveCase};
    /// let mut engine = kesher::sla::SlaEngine::new(kesher::sla::ContractSet::from_json("[]")?);
    /// let mut live = LiveCase::new(kesher::CaseId::new("T-1")?);
    /// let opened = kesher::event::CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1",
    ///     "at": "2025-01-05T07:00:00Z", "customer": {"id": "c"}, "channel": "email"}"#)?;
    /// live.apply(opened, &mut engine, "2025-01-05T07:00:00Z".parse().unwrap())?;
    /// let raise = Escalation { case_id: kesher::CaseId::new("T-1")?, rule: "breach".into(),
    ///     about: "first_response/1".into(), at: "2025-01-05T09:00:00Z".parse().unwrap(),
    ///     action: EscalationAction::RaisePriority { to: kesher::event::Priority::Urgent },
    ///     reason: "first_response is breached (rule breach)".into(), message: None };
    /// live.record(&raise, &mut engine, 100)?;
    /// assert_eq!(live.case().unwrap().priority(), kesher::event::Priority::Urgent);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn record(
        &mut self,
        escalation: &crate::live::Escalation,
        engine: &mut SlaEngine,
        seq: u64,
    ) -> Result<CaseChanges> {
        let events = self.escalation_events(escalation, seq)?;
        let now = self.seen_at.map_or(escalation.at, |s| s.max(escalation.at));
        let mut merged: Option<CaseChanges> = None;
        for event in events {
            let changes = self.apply(event, engine, now)?;
            merged = Some(match merged {
                Some(earlier) => earlier.then(changes),
                None => changes,
            });
        }
        match merged {
            Some(changes) => Ok(changes),
            None => self.tick(engine, now),
        }
    }

    /// Reads the case at `now` with no new event: the warnings, breaches and broken promises
    /// the clock brought since the last reading.
    ///
    /// # Errors
    ///
    /// `now` before the last reading ([`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) on `now`). An SLA evaluation that
    /// fails is reported in [`CaseChanges::sla_error`].
    ///
    /// # Example
    ///
    /// See [`LiveCase`].
    pub fn tick(&mut self, engine: &mut SlaEngine, now: DateTime<Utc>) -> Result<CaseChanges> {
        self.check_now(now)?;
        let before = Before::of(self.held.case.as_ref(), self.seen_at);
        let (mut changes, sla) = read(self, engine, now);
        changes.promises = changes::promises(&before, self.held.case.as_ref(), now);
        self.commit(sla, &changes);
        Ok(changes)
    }

    fn commit(&mut self, sla: Option<CaseSla>, changes: &CaseChanges) {
        self.sla = sla;
        self.seen_at = Some(changes.at);
        self.wake_at = changes.wake_at;
    }

    fn check_now(&self, now: DateTime<Utc>) -> Result<()> {
        match self.seen_at {
            Some(seen) if now < seen => Err(Error::invalid(
                "now",
                now.to_rfc3339(),
                format!(
                    "case `{}` was last read at {}: a reading cannot go back in time",
                    self.id,
                    seen.to_rfc3339()
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// Reads the live case at `now`: the targets changed since its last reading, the new report
/// and the next wake-up. Status and promises are left for the caller, which knows the case as
/// it was.
fn read(
    live: &LiveCase,
    engine: &mut SlaEngine,
    now: DateTime<Utc>,
) -> (CaseChanges, Option<CaseSla>) {
    let case = live.held.case.as_ref();
    let evaluated = case.map(|case| engine.evaluate_and_wake(case, now));
    let (sla, wake_sla, sla_error) = match evaluated {
        Some(Ok((sla, wake))) => (Some(sla), wake, None),
        Some(Err(e)) => (None, None, Some(e)),
        None => (None, None, None),
    };
    // A promise is broken once `now` is past its due instant.
    let wake_promise = case
        .into_iter()
        .flat_map(|c| c.promises())
        .filter(|p| p.state(now) == PromiseState::Open)
        .filter_map(|p| p.due.checked_add_signed(TimeDelta::nanoseconds(1)));
    let changes = CaseChanges {
        case_id: live.id.clone(),
        at: now,
        status: None,
        targets: changes::targets(live.sla.as_ref(), sla.as_ref()),
        promises: Vec::new(),
        rejected: Vec::new(),
        sla_error,
        wake_at: wake_sla.into_iter().chain(wake_promise).min(),
    };
    (changes, sla)
}
