//! Evaluating a case's SLA targets at a given `now`, by replaying its history.

use super::clock::{Clock, Outcome, Terms, Time};
use super::contract::{ContractSet, Metric, SlaContract};
use super::report::{CaseSla, TargetReport, TargetState};
use crate::calendar::to_nanos;
use crate::{
    calendar::Timeline,
    case::Case,
    error::{Error, Result},
    event::Priority,
    interaction::{Actor, Direction, Interaction, InteractionKind},
    status::CaseStatus,
};
use chrono::{DateTime, TimeDelta, Utc};
use std::sync::Arc;

/// Evaluates SLA contracts over cases. It keeps one compiled [`Timeline`] per contract, so
/// evaluating many cases reuses them.
///
/// The rules (each tested in `tests/core/sla.rs`):
/// - The contract is chosen when the case opens ([`ContractSet`] selection) and chosen again
///   when the priority changes; a `contract_changed` event sets it by name from then on. A change
///   of contract, priority or calendar keeps the time each clock has consumed and counts the
///   rest against the new target and the new calendar (audit: `retargeted`). A target the new
///   contract lacks is cancelled; a one-off target it adds starts at the change.
/// - Acknowledgement and first response and resolution start when the case opens; next response
///   starts at the oldest customer message left unanswered after the first answer; follow-up
///   starts at resolution and again after each follow-up while the case stays resolved.
/// - Automatic messages (acknowledgements, bots) meet the acknowledgement target, never first
///   or next response, which need an answer by a person.
/// - The contract's `pause_on` statuses (default `waiting_on_customer`) pause the pausable
///   targets; leaving them resumes.
/// - Resolved, closed or released stops the resolution clock (met or met late); response
///   targets still running are cancelled. A reopened case resumes its resolution clock with the
///   time already consumed.
/// - Only what happened up to `now` counts.
/// - State at `now`: `breached` once `now` is past the due instant (so a target due at a closing
///   time is breached as soon as the desk reopens without an answer… and already at any later
///   instant); `warning` once the consumed time reaches the first warning fraction; `met` when
///   stopped at or before the due instant, else `met_late`.
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog, sla::{ContractSet, SlaEngine, TargetState}};
///
/// let contracts = ContractSet::from_json(r#"[{"name": "std", "calendar": "israel",
///     "targets": [{"metric": "first_response", "within": 7200}, {"metric": "resolution", "within": 86400}]}]"#)?;
/// let mut log = CaseLog::default();
/// for line in [
///     r#"{"type": "opened", "case_id": "T-1", "at": "2025-01-05T07:00:00Z", "customer": {"id": "c"}, "channel": "email"}"#,
///     r#"{"type": "interaction", "case_id": "T-1", "seq": 1, "id": "a1", "customer_id": "c", "at": "2025-01-05T08:30:00Z",
///         "channel": "email", "direction": "outbound", "actor": {"type": "agent", "id": "dana"}, "kind": "message"}"#,
/// ] {
///     log.insert(CaseEvent::from_json(line)?);
/// }
/// let mut engine = SlaEngine::new(contracts);
/// let sla = engine.evaluate(&log.fold()?, "2025-01-05T12:00:00Z".parse().unwrap())?;
/// let first = &sla.targets[0];
/// assert_eq!(first.state, TargetState::Met);
/// assert_eq!(first.consumed.num_minutes(), 90);
/// assert_eq!(first.due_at.unwrap().to_rfc3339(), "2025-01-05T09:00:00+00:00");
/// assert_eq!(sla.targets[1].state, TargetState::Running);
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug)]
pub struct SlaEngine {
    contracts: ContractSet,
    timelines: Vec<Timeline>,
    /// Sorted warning fractions per contract and target (shared by every clock).
    warnings: Vec<Vec<Vec<f64>>>,
    /// Contract names, shared by every report.
    names: Vec<Arc<str>>,
    /// The team and agent calendars: (contract, is an agent, name, row in `timelines`).
    schedules: Vec<(usize, bool, Arc<str>, usize)>,
    explain: bool,
    /// Buffers reused from case to case.
    signals: Vec<(i64, u64, u8, usize)>,
    clocks: Vec<Clock>,
    /// The clocks a report shows, as (metric, index).
    pub(super) showing: Vec<(Metric, usize)>,
}

#[derive(Debug, Clone, Copy)]
enum Signal<'a> {
    Contract(&'a str),
    Priority(Priority),
    Interaction(&'a Interaction),
    Status(CaseStatus, CaseStatus),
    Assigned(&'a crate::case::Assignment),
}

fn is_stop_status(s: CaseStatus) -> bool {
    matches!(
        s,
        CaseStatus::Resolved | CaseStatus::Closed | CaseStatus::Released
    )
}

fn acknowledges(i: &Interaction) -> bool {
    i.direction == Direction::Outbound
        && i.actor != Actor::Customer
        && (i.is_answer()
            || matches!(
                i.kind,
                InteractionKind::Acknowledgement | InteractionKind::FollowUp
            ))
}

fn follows_up(i: &Interaction) -> bool {
    i.direction == Direction::Outbound
        && i.actor != Actor::Customer
        && i.kind == InteractionKind::FollowUp
}

/// Who made an interaction, for audit reasons (formatted only when explaining).
struct Who<'a>(&'a Actor);

impl std::fmt::Display for Who<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Actor::Agent { id } => write!(f, "agent {id}"),
            Actor::Bot { name: Some(n) } => write!(f, "bot {n}"),
            Actor::Bot { name: None } => f.write_str("a bot"),
            Actor::System => f.write_str("the system"),
            Actor::Customer => f.write_str("the customer"),
        }
    }
}

/// The replay of one case.
struct Replay<'e> {
    contracts: &'e ContractSet,
    schedules: &'e [(usize, bool, Arc<str>, usize)],
    /// The team and the agent the case is with.
    team: Option<&'e str>,
    agent: Option<&'e str>,

    time: Time<'e>,
    explain: bool,
    clocks: Vec<Clock>,
    contract: Option<usize>,
    explicit: Option<usize>,
    priority: Priority,
    status: CaseStatus,
    acknowledged: bool,
    answered: bool,
    /// The oldest customer message since the last answer by a person.
    unanswered: Option<(i64, u64)>,
}

/// Every change of a case the clocks answer to, as (instant, seq, kind, index into the case's
/// list of it), in the order they happened: contracts set (kind 0), priorities after the first
/// (1), interactions (2), status changes (3) and assignments (4).
fn signals_of(case: &Case, signals: &mut Vec<(i64, u64, u8, usize)>) -> Result<()> {
    signals.clear();
    for (i, c) in case.contract_history().iter().enumerate() {
        signals.push((to_nanos("at", c.at)?, c.seq, 0, i));
    }
    for (i, p) in case.priority_history().iter().enumerate().skip(1) {
        signals.push((to_nanos("at", p.at)?, p.seq, 1, i));
    }
    for (i, x) in case.log().iter().enumerate() {
        signals.push((to_nanos("at", x.at)?, x.seq, 2, i));
    }
    for (i, s) in case.status_history().iter().enumerate() {
        signals.push((to_nanos("at", s.at)?, s.seq, 3, i));
    }
    for (i, a) in case.assignment_history().iter().enumerate() {
        signals.push((to_nanos("at", a.at)?, a.seq, 4, i));
    }
    crate::support::sorting::sort_by_key(signals, |&(at, seq, kind, index)| (at, seq, kind, index));
    Ok(())
}

impl<'e> Replay<'e> {
    /// One change of the case, at `t` with its `seq`.
    fn on_signal(
        &mut self,
        signal: Signal<'e>,
        t: i64,
        seq: u64,
        channel: &crate::channel::Channel,
        segments: &std::collections::BTreeSet<String>,
        case: &Case,
    ) -> Result<()> {
        match signal {
            Signal::Contract(name) => {
                let index = self.contracts.index_of(name).ok_or_else(|| {
                    Error::invalid(
                        "contract",
                        name,
                        format!(
                            "case `{}` names a contract that is not in the contract set",
                            case.id()
                        ),
                    )
                })?;
                self.explicit = Some(index);
                self.reselect(t, seq, channel, segments, "contract set by event")
            }
            Signal::Priority(p) => {
                if p != self.priority {
                    let why = self.why(format_args!("priority {} → {p}", self.priority));
                    self.priority = p;
                    self.reselect(t, seq, channel, segments, &why)?;
                }
                Ok(())
            }
            Signal::Interaction(i) => self.on_interaction(i, t),
            Signal::Status(from, to) => self.on_status(from, to, t, seq),
            Signal::Assigned(a) => {
                self.agent = Some(a.agent.as_str());
                if let Some(team) = &a.team {
                    self.team = Some(team.as_str());
                }
                let why = self.why(format_args!(
                    "assigned to {}{}{}",
                    a.agent,
                    if self.team.is_some() { " of team " } else { "" },
                    self.team.unwrap_or_default()
                ));
                self.reselect(t, seq, channel, segments, &why)
            }
        }
    }
}

impl Replay<'_> {
    /// The reason text of an audit entry, built only when explaining.
    fn why(&self, args: std::fmt::Arguments<'_>) -> String {
        if self.explain {
            args.to_string()
        } else {
            String::new()
        }
    }

    fn contract(&self) -> Option<&SlaContract> {
        self.contract
            .and_then(|i| self.contracts.contracts().get(i))
    }

    fn paused_status(&self) -> bool {
        self.contract()
            .is_some_and(|c| c.pause_on.contains(&self.status))
    }

    fn terms(&self, metric: Metric) -> Option<Terms> {
        let index = self.contract?;
        let contract = self.contracts.contracts().get(index)?;
        let position = contract.targets.iter().position(|t| t.metric == metric)?;
        let target = contract.targets.get(position)?;
        let budget = target
            .within
            .for_priority(self.priority)?
            .num_nanoseconds()?;
        Some(Terms {
            contract: index,
            calendar: self.calendar_row(index),
            basis: target.time,
            budget,
            pausable: target.pauses(),
            target: position,
        })
    }

    /// The calendar a contract's clocks run on now: the agent's, else the team's, else the
    /// contract's own.
    fn calendar_row(&self, contract: usize) -> usize {
        let find = |agent: bool, name: Option<&str>| {
            let name = name?;
            self.schedules
                .iter()
                .find(|(c, a, n, _)| *c == contract && *a == agent && &**n == name)
                .map(|s| s.3)
        };
        find(true, self.agent)
            .or_else(|| find(false, self.team))
            .unwrap_or(contract)
    }

    /// The terms of interaction target `r` (its clocks index the engine's tables after the
    /// contracts).
    fn rule_terms(&self, r: usize) -> Option<Terms> {
        let rule = self.contracts.interaction_targets().get(r)?;
        let budget = rule.within.for_priority(self.priority)?.num_nanoseconds()?;
        Some(Terms {
            contract: self.contracts.contracts().len() + r,
            calendar: self.contracts.contracts().len() + r,
            basis: rule.time,
            budget,
            pausable: false,
            target: 0,
        })
    }

    /// The interaction target a clock runs for, if it runs for one.
    fn rule_of(&self, clock: &Clock) -> Option<usize> {
        (clock.metric == Metric::InteractionResponse)
            .then(|| {
                clock
                    .terms
                    .contract
                    .checked_sub(self.contracts.contracts().len())
            })
            .flatten()
    }

    /// Starts interaction targets at a customer contact (one clock per target at a time) and
    /// meets them at an answer by a person.
    fn on_contact(&mut self, i: &Interaction, t: i64) -> Result<()> {
        let rules = self.contracts.interaction_targets();
        if i.is_human_answer() {
            for k in 0..self.clocks.len() {
                let Some(clock) = self.clocks.get(k) else {
                    continue;
                };
                let Some(rule) = self.rule_of(clock).and_then(|r| rules.get(r)) else {
                    continue;
                };
                if clock.is_active() && rule.met_by(i) {
                    let reason = self.why(format_args!("answered by {} ({})", Who(&i.actor), i.id));
                    if let Some(clock) = self.clocks.get_mut(k) {
                        clock.stop(&mut self.time, t, &reason, i.seq)?;
                    }
                }
            }
        }
        if is_stop_status(self.status) {
            return Ok(());
        }
        for (r, rule) in rules.iter().enumerate() {
            if !rule.on.matches(i) {
                continue;
            }
            let mine = |c: &&Clock| self.rule_of(c) == Some(r);
            if self.clocks.iter().filter(mine).any(|c| c.is_active()) {
                continue;
            }
            let Some(terms) = self.rule_terms(r) else {
                continue;
            };
            let cycle = self.clocks.iter().filter(mine).count() as u32 + 1;
            let reason = self.why(format_args!("{} {} ({})", i.kind.name(), i.channel, i.id));
            let clock = Clock::start(
                &mut self.time,
                Metric::InteractionResponse,
                cycle,
                terms,
                t,
                false,
                self.explain,
                &reason,
                Some(i.seq),
            )?;
            self.clocks.push(clock);
        }
        Ok(())
    }

    fn active(&mut self, metric: Metric) -> Option<&mut Clock> {
        self.clocks
            .iter_mut()
            .rev()
            .find(|c| c.metric == metric && c.is_active())
    }

    fn start(&mut self, metric: Metric, t: i64, reason: &str, seq: Option<u64>) -> Result<()> {
        let Some(terms) = self.terms(metric) else {
            return Ok(());
        };
        let cycle = self.clocks.iter().filter(|c| c.metric == metric).count() as u32 + 1;
        let paused = self.paused_status();
        let clock = Clock::start(
            &mut self.time,
            metric,
            cycle,
            terms,
            t,
            paused,
            self.explain,
            reason,
            seq,
        )?;
        self.clocks.push(clock);
        Ok(())
    }

    fn stop(&mut self, metric: Metric, t: i64, reason: &str, seq: u64) -> Result<()> {
        if let Some(i) = self
            .clocks
            .iter()
            .rposition(|c| c.metric == metric && c.is_active())
        {
            if let Some(clock) = self.clocks.get_mut(i) {
                clock.stop(&mut self.time, t, reason, seq)?;
            }
        }
        Ok(())
    }

    fn cancel(&mut self, metric: Metric, t: i64, reason: &str, seq: u64) -> Result<()> {
        if let Some(i) = self
            .clocks
            .iter()
            .rposition(|c| c.metric == metric && c.is_active())
        {
            if let Some(clock) = self.clocks.get_mut(i) {
                clock.cancel(&mut self.time, t, reason, seq)?;
            }
        }
        Ok(())
    }

    /// Chooses the contract again and re-targets every active clock.
    fn reselect(
        &mut self,
        t: i64,
        seq: u64,
        channel: &crate::channel::Channel,
        segments: &std::collections::BTreeSet<String>,
        why: &str,
    ) -> Result<()> {
        self.contract = self.explicit.or_else(|| {
            self.contracts
                .select_index(channel, self.priority, segments)
        });
        let paused = self.paused_status();
        let name = if self.explain {
            self.contract().map_or_else(
                || "no contract".to_string(),
                |c| format!("contract {}", c.name),
            )
        } else {
            String::new()
        };
        for i in 0..self.clocks.len() {
            let Some(clock) = self.clocks.get(i) else {
                continue;
            };
            if !clock.is_active() {
                continue;
            }
            let metric = clock.metric;
            let terms = match self.rule_of(clock) {
                Some(r) => self.rule_terms(r),
                None => self.terms(metric),
            };
            let reason = match terms {
                Some(_) => self.why(format_args!("{why}: {name}, priority {}", self.priority)),
                None => self.why(format_args!(
                    "{why}: {name} has no {} target for priority {}",
                    metric.as_str(),
                    self.priority
                )),
            };
            let Some(clock) = self.clocks.get_mut(i) else {
                continue;
            };
            match terms {
                Some(terms) if terms == clock.terms => {}
                Some(terms) => {
                    clock.retarget(&mut self.time, t, terms, paused, &reason, seq)?;
                }
                None => clock.cancel(&mut self.time, t, &reason, seq)?,
            }
        }
        // One-off targets the new terms add, not yet met, start now.
        let open = !is_stop_status(self.status);
        for (metric, pending) in [
            (Metric::Acknowledgement, open && !self.acknowledged),
            (Metric::FirstResponse, open && !self.answered),
            (Metric::Resolution, open),
        ] {
            if pending && !self.clocks.iter().any(|c| c.metric == metric) {
                self.start(
                    metric,
                    t,
                    &self.why(format_args!("{why}: {name} applies")),
                    Some(seq),
                )?;
            }
        }
        Ok(())
    }

    fn on_interaction(&mut self, i: &Interaction, t: i64) -> Result<()> {
        self.on_contact(i, t)?;
        let seq = i.seq;
        if acknowledges(i) && !self.acknowledged {
            self.acknowledged = true;
            self.stop(
                Metric::Acknowledgement,
                t,
                &self.why(format_args!("acknowledged by {} ({})", Who(&i.actor), i.id)),
                seq,
            )?;
        }
        if i.is_human_answer() {
            let reason = self.why(format_args!("answered by {} ({})", Who(&i.actor), i.id));
            if !self.answered {
                self.answered = true;
                self.stop(Metric::FirstResponse, t, &reason, seq)?;
            }
            self.stop(Metric::NextResponse, t, &reason, seq)?;
            self.unanswered = None;
        } else if i.awaits_answer() && self.unanswered.is_none() {
            self.unanswered = Some((t, seq));
        }
        if follows_up(i) && self.active(Metric::FollowUp).is_some() {
            self.stop(
                Metric::FollowUp,
                t,
                &self.why(format_args!("followed up by {} ({})", Who(&i.actor), i.id)),
                seq,
            )?;
            if self.status == CaseStatus::Resolved {
                self.start(
                    Metric::FollowUp,
                    t,
                    "the follow-up cadence restarts",
                    Some(seq),
                )?;
            }
        }
        Ok(())
    }

    fn on_status(&mut self, from: CaseStatus, to: CaseStatus, t: i64, seq: u64) -> Result<()> {
        let contracts = self.contracts;
        let pause_on = self
            .contract
            .and_then(|i| contracts.contracts().get(i))
            .map_or(&[][..], |c| c.pause_on.as_slice());
        self.status = to;
        let reason = self.why(format_args!("status {from} → {to}"));
        if is_stop_status(to) {
            self.stop(Metric::Resolution, t, &reason, seq)?;
            for metric in [
                Metric::Acknowledgement,
                Metric::FirstResponse,
                Metric::NextResponse,
            ] {
                self.cancel(
                    metric,
                    t,
                    &self.why(format_args!("{reason} before this target was met")),
                    seq,
                )?;
            }
            let why = self.why(format_args!("{reason} before this target was met"));
            for clock in self.clocks.iter_mut() {
                if clock.metric == Metric::InteractionResponse && clock.is_active() {
                    clock.cancel(&mut self.time, t, &why, seq)?;
                }
            }
            if to == CaseStatus::Resolved {
                if self.active(Metric::FollowUp).is_none() {
                    self.start(Metric::FollowUp, t, &reason, Some(seq))?;
                }
            } else {
                self.cancel(Metric::FollowUp, t, &reason, seq)?;
            }
            return Ok(());
        }
        if is_stop_status(from) {
            self.cancel(Metric::FollowUp, t, &reason, seq)?;
            let paused = pause_on.contains(&to);
            if let Some(i) = self
                .clocks
                .iter()
                .rposition(|c| c.metric == Metric::Resolution)
            {
                if let Some(clock) = self.clocks.get_mut(i) {
                    clock.reopen(&mut self.time, t, paused, &reason, seq)?;
                }
            } else {
                self.start(Metric::Resolution, t, &reason, Some(seq))?;
            }
            return Ok(());
        }
        let (was, is) = (pause_on.contains(&from), pause_on.contains(&to));
        for clock in self.clocks.iter_mut().filter(|c| c.is_active()) {
            if is && !was {
                clock.pause(&mut self.time, t, &reason, seq)?;
            } else if was && !is {
                clock.resume(&mut self.time, t, &reason, seq)?;
            }
        }
        Ok(())
    }

    /// Starts a next-response cycle when a customer message waits after the first answer.
    fn maybe_next_response(&mut self) -> Result<()> {
        if let Some((t, seq)) = self.unanswered {
            if self.answered
                && !is_stop_status(self.status)
                && self.active(Metric::NextResponse).is_none()
            {
                let already = self
                    .clocks
                    .iter()
                    .any(|c| c.metric == Metric::NextResponse && c.started_at == t);
                if !already {
                    self.start(
                        Metric::NextResponse,
                        t,
                        "a customer message waits for an answer",
                        Some(seq),
                    )?;
                }
            }
        }
        Ok(())
    }
}

impl SlaEngine {
    /// An engine over a contract set.
    ///
    /// # Example
    ///
    /// ```
    /// let engine = kesher::sla::SlaEngine::new(kesher::sla::ContractSet::from_json("[]")?);
    /// assert!(engine.contracts().contracts().is_empty());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn new(contracts: ContractSet) -> SlaEngine {
        // One row per contract, then one per interaction target (clocks index them).
        let rules = contracts.interaction_targets();
        let timelines = contracts
            .contracts()
            .iter()
            .map(|c| c.calendar().timeline())
            .chain(rules.iter().map(|r| r.calendar().timeline()))
            .collect();
        let warnings = contracts
            .contracts()
            .iter()
            .map(|c| c.targets.iter().map(|t| c.warn_fractions(t)).collect())
            .chain(rules.iter().map(|r| vec![r.warn_fractions()]))
            .collect();
        let names = contracts
            .contracts()
            .iter()
            .map(|c| Arc::from(c.name.as_str()))
            .chain(rules.iter().map(|r| Arc::from(r.name.as_str())))
            .collect();
        let mut timelines: Vec<Timeline> = timelines;
        let mut schedules = Vec::new();
        for (c, contract) in contracts.contracts().iter().enumerate() {
            let people = contract.teams.iter().map(|(n, r)| (false, n, r));
            for (agent, name, r) in people.chain(contract.agents.iter().map(|(n, r)| (true, n, r)))
            {
                schedules.push((c, agent, Arc::from(name.as_str()), timelines.len()));
                timelines.push(r.calendar.timeline());
            }
        }
        SlaEngine {
            contracts,
            timelines,
            warnings,
            names,
            schedules,
            explain: false,
            signals: Vec::new(),
            clocks: Vec::new(),
            showing: Vec::new(),
        }
    }

    /// Whether reports carry the audit trail (off by default: it allocates).
    ///
    /// # Example
    ///
    /// ```
    /// let engine = kesher::sla::SlaEngine::new(kesher::sla::ContractSet::from_json("[]")?).explain(true);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn explain(mut self, on: bool) -> SlaEngine {
        self.explain = on;
        self
    }

    /// The contracts.
    ///
    /// # Example
    ///
    /// See [`SlaEngine::new`].
    pub fn contracts(&self) -> &ContractSet {
        &self.contracts
    }

    /// Every started target of `case` at `now` (see the type's rules).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) when a `contract_changed` event names an unknown contract or an
    /// instant is out of range; [`ErrorKind::NoWorkingTime`](crate::ErrorKind::NoWorkingTime) from a contract's calendar.
    ///
    /// # Example
    ///
    /// See [`SlaEngine`].
    pub fn evaluate(&mut self, case: &Case, now: DateTime<Utc>) -> Result<CaseSla> {
        let now_ns = to_nanos("now", now)?;
        let (mut clocks, contract) = self.replay(case, now_ns)?;
        let result = self.reports(case, &mut clocks, contract, now_ns);
        clocks.clear();
        self.give_back(clocks);
        result
    }

    /// Keeps a cleared clock buffer for the next case.
    pub(super) fn give_back(&mut self, clocks: Vec<Clock>) {
        self.clocks = clocks;
    }

    /// Replays `case` up to `now_ns`: every clock it started, and the contract in force.
    pub(super) fn replay(
        &mut self,
        case: &Case,
        now_ns: i64,
    ) -> Result<(Vec<Clock>, Option<usize>)> {
        let opened = to_nanos("opened_at", case.opened_at())?;
        // Signals in a buffer reused across cases.
        let mut signals = std::mem::take(&mut self.signals);
        signals_of(case, &mut signals)?;
        let initial = case
            .priority_history()
            .first()
            .map_or(Priority::Normal, |p| p.priority);
        let signal = |kind: u8, index: usize| -> Option<Signal<'_>> {
            Some(match kind {
                0 => Signal::Contract(&case.contract_history().get(index)?.contract),
                1 => Signal::Priority(case.priority_history().get(index)?.priority),
                2 => Signal::Interaction(case.log().get(index)?),
                4 => Signal::Assigned(case.assignment_history().get(index)?),
                _ => {
                    let s = case.status_history().get(index)?;
                    Signal::Status(s.from, s.to)
                }
            })
        };

        let channel = case.first_channel();
        let segments = &case.customer().segments;
        let mut replay = Replay {
            contracts: &self.contracts,
            schedules: &self.schedules,
            team: None,
            agent: None,
            time: Time {
                timelines: &mut self.timelines,
                warnings: &self.warnings,
            },
            explain: self.explain,
            clocks: std::mem::take(&mut self.clocks),
            contract: None,
            explicit: None,
            priority: initial,
            status: CaseStatus::Received,
            acknowledged: false,
            answered: false,
            unanswered: None,
        };
        if opened <= now_ns {
            replay.contract = replay.contracts.select_index(channel, initial, segments);
            for metric in [
                Metric::Acknowledgement,
                Metric::FirstResponse,
                Metric::Resolution,
            ] {
                replay.start(metric, opened, "case opened", None)?;
            }
        }
        for &(t, seq, kind, index) in &signals {
            if t > now_ns {
                break;
            }
            let Some(signal) = signal(kind, index) else {
                continue;
            };
            replay.on_signal(signal, t, seq, channel, segments, case)?;
            replay.maybe_next_response()?;
        }
        let (clocks, contract) = (replay.clocks, replay.contract);
        self.signals = signals;
        Ok((clocks, contract))
    }

    /// The time tables the clocks run on.
    pub(super) fn time(&mut self) -> Time<'_> {
        Time {
            timelines: &mut self.timelines,
            warnings: &self.warnings,
        }
    }

    /// Each metric's last clock, then each interaction target's: the clocks a report shows.
    pub(super) fn shown(&self, clocks: &[Clock], shown: &mut Vec<(Metric, usize)>) {
        let rows = self.contracts.contracts().len();
        let kinds = Metric::ALL
            .iter()
            .filter(|&&m| m != Metric::InteractionResponse)
            .map(|&m| (m, None))
            .chain(
                (0..self.contracts.interaction_targets().len())
                    .map(|r| (Metric::InteractionResponse, Some(rows + r))),
            );
        shown.clear();
        shown.extend(kinds.filter_map(|(metric, row)| {
            let same =
                |c: &Clock| c.metric == metric && row.map_or(true, |r| c.terms.contract == r);
            clocks.iter().rposition(same).map(|i| (metric, i))
        }));
    }

    /// The report of each shown clock at `now_ns`.
    pub(super) fn reports(
        &mut self,
        case: &Case,
        clocks: &mut [Clock],
        contract: Option<usize>,
        now_ns: i64,
    ) -> Result<CaseSla> {
        let contract = contract.and_then(|i| self.names.get(i).cloned());
        // Most targets start when the case opens: that instant is the case's own, not converted.
        let opened = case.opened_at();
        let opened_ns = to_nanos("opened_at", opened)?;
        let instant = |ns: i64| {
            if ns == opened_ns {
                opened
            } else {
                DateTime::from_timestamp_nanos(ns)
            }
        };
        let mut shown = std::mem::take(&mut self.showing);
        self.shown(clocks, &mut shown);
        let mut targets = Vec::with_capacity(shown.len());
        for &(metric, i) in &shown {
            let row = clocks.get(i).map(|c| c.terms.contract);
            let same = |c: &Clock| {
                c.metric == metric
                    && (metric != Metric::InteractionResponse || Some(c.terms.contract) == row)
            };
            let late_cycles = clocks
                .iter()
                .filter(|c| same(c) && c.stopped.is_some_and(|(_, o)| o == Outcome::MetLate))
                .count() as u32;
            let Some(clock) = clocks.get_mut(i) else {
                continue;
            };
            let report = clock.report(&mut self.time(), now_ns)?;
            let (state, due, stopped, consumed) =
                (report.state, report.due, report.stopped_at, report.consumed);
            let terms = &clock.terms;
            let name = self
                .names
                .get(terms.contract)
                .cloned()
                .unwrap_or_else(|| Arc::from(""));
            let late_cycles = late_cycles - u32::from(state == TargetState::MetLate);
            targets.push(TargetReport {
                metric,
                contract: name,
                time: terms.basis,
                state,
                cycle: clock.cycle,
                started_at: instant(clock.started_at),
                due_at: due.map(instant),
                stopped_at: stopped.map(instant),
                target: TimeDelta::nanoseconds(terms.budget),
                consumed: TimeDelta::nanoseconds(consumed),
                remaining: TimeDelta::nanoseconds((terms.budget - consumed).max(0)),
                late_cycles,
                audit: report.audit,
            });
        }
        self.showing = shown;
        Ok(CaseSla {
            case_id: case.id().clone(),
            contract,
            targets,
        })
    }
}
