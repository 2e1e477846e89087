//! Cases (tickets) as folds over events.
//!
//! A case is never mutated directly: a host feeds its events, in any order, to a [`CaseLog`], and
//! [`CaseLog::fold`] derives the case. Events are applied by instant, ties broken by sequence
//! number; feeding the same events in another order gives the same case, and re-folding after a
//! late or corrected event gives the corrected case.
//!
//! What a fold does with each event:
//! - `opened` sets the customer's details, the channel of first contact, the problem, the order and
//!   the priority. A case needs no `opened` event: without one, the first interaction names the
//!   customer and the channel. The case opens at its earliest event either way. A second `opened`
//!   is an error.
//! - `interaction` appends to the log (an agent who acts joins the case's agents) and moves the status when the machine allows it: an
//!   acknowledgement makes a `received` case `acknowledged`; an answer makes a `received`,
//!   `acknowledged` or `reopened` case `in_progress`; a customer contact makes a
//!   `waiting_on_customer` case `in_progress` and a `resolved` case `reopened` (a closed or released
//!   case keeps its status; the contact stays in the log, unanswered until someone answers it).
//!   An interaction of kind `transfer` counts as a transfer.
//! - `status_changed` asks for a status; an illegal transition is an error naming both statuses.
//! - `assigned` sets the assignee; re-assigning a case that already has an assignee counts as a
//!   transfer (the customer starts over with someone new).
//! - `transferred` counts a transfer and sets the assignee.
//! - `problem_updated` and `priority_changed` replace those fields.
//! - `released` ends the relationship politely: status `released`, with the refund and note.

mod facts;
mod log;
mod turn_kinds;
mod turns;

use crate::status::CaseStatus;
pub use facts::CaseFacts;
pub use log::{fold_events, CaseLog, CaseLogs, FoldOutcome, FoldResult, RejectedEvent};
pub use turns::TurnPolicy;

use crate::{
    channel::Channel,
    error::{Error, Result},
    event::{CaseEvent, CustomerDetails, OrderDetails, Priority, Problem},
    id::{AgentId, CaseId, InteractionId},
    interaction::{Interaction, InteractionKind},
    money::Money,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What moved a case from one status to another.
///
/// # Example
///
/// ```
/// let t: kesher::case::Trigger = serde_json::from_str(r#"{"type": "interaction", "id": "m-2"}"#)?;
/// assert!(matches!(t, kesher::case::Trigger::Interaction { .. }));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Trigger {
    /// An explicit `status_changed` event.
    StatusChanged,
    /// A `released` event.
    Released,
    /// An interaction that implied the change (an acknowledgement, an answer, a customer contact).
    Interaction {
        /// The interaction.
        id: InteractionId,
    },
}

/// One step in a case's status history.
///
/// # Example
///
/// See [`Case::status_history`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusTransition {
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The sequence number of the event that caused it.
    pub seq: u64,
    /// The status before.
    pub from: CaseStatus,
    /// The status after.
    pub to: CaseStatus,
    /// What caused it.
    pub trigger: Trigger,
}

/// How a released case ended.
///
/// # Example
///
/// See [`Case::release`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The amount refunded, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refund: Option<Money>,
    /// The parting message or a note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// From `at` on, the case has this priority (the first entry comes from the `opened` event).
///
/// # Example
///
/// ```
/// use kesher::{event::{CaseEvent, Priority}, case::CaseLog};
///
/// let mut log = CaseLog::default();
/// log.insert(CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1", "at": "2025-01-05T09:00:00Z",
///     "customer": {"id": "c"}, "channel": "email", "priority": "low"}"#)?);
/// log.insert(CaseEvent::from_json(r#"{"type": "priority_changed", "case_id": "T-1", "seq": 1,
///     "at": "2025-01-05T10:00:00Z", "priority": "urgent"}"#)?);
/// let case = log.fold()?;
/// let history: Vec<Priority> = case.priority_history().iter().map(|p| p.priority).collect();
/// assert_eq!(history, [Priority::Low, Priority::Urgent]);
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorityChange {
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The sequence number of the event.
    pub seq: u64,
    /// The priority from then on.
    pub priority: Priority,
}

/// From `at` on, the case is under the named SLA contract (a `contract_changed` event).
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog};
///
/// let mut log = CaseLog::default();
/// log.insert(CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1", "at": "2025-01-05T09:00:00Z",
///     "customer": {"id": "c"}, "channel": "email"}"#)?);
/// log.insert(CaseEvent::from_json(r#"{"type": "contract_changed", "case_id": "T-1", "seq": 1,
///     "at": "2025-01-05T10:00:00Z", "contract": "tier-2"}"#)?);
/// assert_eq!(log.fold()?.contract_history()[0].contract, "tier-2");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractAssignment {
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The sequence number of the event.
    pub seq: u64,
    /// The contract's name.
    pub contract: String,
    /// Why, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// When a case was passed to someone else (a transfer, or an assignment to a new person).
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog};
///
/// let mut log = CaseLog::default();
/// log.insert(CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1", "at": "2025-01-05T09:00:00Z",
///     "customer": {"id": "c"}, "channel": "email"}"#)?);
/// log.insert(CaseEvent::from_json(r#"{"type": "transferred", "case_id": "T-1", "seq": 1,
///     "at": "2025-01-05T10:00:00Z", "to": "billing"}"#)?);
/// assert_eq!(log.fold()?.transfer_history()[0].at.to_rfc3339(), "2025-01-05T10:00:00+00:00");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Handover {
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The sequence number of the event.
    pub seq: u64,
}

/// Who a case was given to, and when: from an `assigned` or `transferred` event. The team is
/// the one the event names; an assignment that names none keeps the case's team (SLA clocks run
/// on the calendar of the team, or of the agent, when the contract has one for them).
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog};
///
/// let mut log = CaseLog::default();
/// log.insert(CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1", "at": "2025-01-05T09:00:00Z",
///     "customer": {"id": "c"}, "channel": "phone"}"#)?);
/// log.insert(CaseEvent::from_json(r#"{"type": "assigned", "case_id": "T-1", "seq": 1,
///     "at": "2025-01-05T22:00:00Z", "agent": "noa", "team": "night"}"#)?);
/// let case = log.fold()?;
/// assert_eq!(case.assignment_history()[0].team.as_deref(), Some("night"));
/// assert_eq!(case.team(), Some("night"));
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assignment {
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The sequence number of the event.
    pub seq: u64,
    /// The agent now responsible.
    pub agent: AgentId,
    /// The team, when the event names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
}

/// The stored fields of a [`Case`]: everything but the derived facts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CaseFields {
    id: CaseId,
    customer: CustomerDetails,
    #[serde(with = "crate::instant")]
    opened_at: DateTime<Utc>,
    first_channel: Channel,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    problem: Option<Problem>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    order: Option<OrderDetails>,
    priority: Priority,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    priority_history: Vec<PriorityChange>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    contract_history: Vec<ContractAssignment>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    metadata: BTreeMap<String, String>,
    status: CaseStatus,
    status_history: Vec<StatusTransition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    assignee: Option<AgentId>,
    agents: Vec<AgentId>,
    transfers: u32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    transfer_history: Vec<Handover>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    assignment_history: Vec<Assignment>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    promises: Vec<crate::promise::Promise>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    release: Option<Release>,
    log: Vec<Interaction>,
    events: u32,
    #[serde(with = "crate::instant")]
    last_event_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "TurnPolicy::is_default")]
    turn_policy: TurnPolicy,
    /// Derived, so recomputed on load rather than trusted.
    #[serde(default, skip_serializing)]
    facts: Option<serde::de::IgnoredAny>,
}

/// A case (ticket): one problem or request, from first contact to closure, derived from its events.
///
/// It carries what the source articles ask a ticket to hold: when it opened, the customer's
/// details, the order and purchase date, the channel of first contact, the problem, the full
/// interaction log, who handled it and how often it was passed on, and its status. Build one with
/// [`CaseLog::fold`]; the fields are read-only. The serde form is a snapshot (see
/// `docs/json-contract.md`).
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog, CaseStatus, Channel};
///
/// let mut log = CaseLog::default();
/// log.insert(CaseEvent::from_json(r#"{"type": "status_changed", "case_id": "T-9", "seq": 3,
///     "at": "2025-02-02T12:00:00Z", "to": "waiting_on_customer"}"#)?);
/// log.insert(CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-9", "seq": 1,
///     "at": "2025-02-02T09:00:00Z", "customer": {"id": "cu-1", "name": "Noa"}, "channel": "phone",
///     "problem": {"category": "billing", "description": "charged twice"}}"#)?);
/// let case = log.fold()?;
/// assert_eq!(case.status(), CaseStatus::WaitingOnCustomer);
/// assert_eq!(case.first_channel(), &Channel::Phone);
/// assert_eq!(case.problem().map(|p| p.category.as_str()), Some("billing"));
/// assert_eq!(case.opened_at().to_rfc3339(), "2025-02-02T09:00:00+00:00");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(from = "CaseFields")]
pub struct Case {
    fields: CaseFields,
    /// Derived from the fields on first use (an SLA evaluation, say, never needs them).
    facts: std::sync::OnceLock<CaseFacts>,
    /// What each customer message does, read on first use and kept.
    turns: turn_kinds::TurnKinds,
}

impl PartialEq for Case {
    fn eq(&self, other: &Self) -> bool {
        // The facts follow from the fields.
        self.fields == other.fields
    }
}

impl Serialize for Case {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Snapshot<'a> {
            #[serde(flatten)]
            fields: &'a CaseFields,
            facts: &'a CaseFacts,
        }
        Snapshot {
            fields: &self.fields,
            facts: self.facts(),
        }
        .serialize(s)
    }
}

impl From<CaseFields> for Case {
    fn from(mut fields: CaseFields) -> Case {
        fields.facts = None;
        Case {
            fields,
            facts: std::sync::OnceLock::new(),
            turns: turn_kinds::TurnKinds::default(),
        }
    }
}

impl Case {
    /// The interaction log, moved out (the case is consumed).
    pub(crate) fn into_log(self) -> Vec<Interaction> {
        self.fields.log
    }

    /// What `i`, an entry of this case's log, does when it is a customer's message with text
    /// (read once per case and kept; see [`TurnKind::classify`](crate::text::TurnKind::classify)).
    /// An interaction from elsewhere is read anew.
    pub(crate) fn turn_kind_of(&self, i: &Interaction) -> Option<crate::text::TurnKind> {
        let log = &self.fields.log;
        let size = std::mem::size_of::<Interaction>().max(1);
        // The entry's position, from its address; checked to be that very entry.
        let k = (i as *const Interaction as usize).wrapping_sub(log.as_ptr() as usize) / size;
        if log.get(k).is_some_and(|e| std::ptr::eq(e, i)) {
            return self.turns.get(log, k);
        }
        turn_kinds::read(i)
    }

    /// Whether `i` is a customer's closing turn (thanks or a confirmation), as
    /// [`Case::turn_kind_of`] reads it.
    pub(crate) fn is_closing_turn(&self, i: &Interaction) -> bool {
        self.turn_kind_of(i)
            .is_some_and(crate::text::TurnKind::is_closing)
    }

    /// How the fold read customers' closing turns.
    pub(crate) fn turn_policy(&self) -> TurnPolicy {
        self.fields.turn_policy
    }

    /// The case's identity.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn id(&self) -> &CaseId {
        &self.fields.id
    }

    /// The customer's details as given when the case opened.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn customer(&self) -> &CustomerDetails {
        &self.fields.customer
    }

    /// The instant of the case's earliest event.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn opened_at(&self) -> DateTime<Utc> {
        self.fields.opened_at
    }

    /// The channel of first contact.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn first_channel(&self) -> &Channel {
        &self.fields.first_channel
    }

    /// The problem (category and description), if known.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn problem(&self) -> Option<&Problem> {
        self.fields.problem.as_ref()
    }

    /// The order concerned, with its purchase date, if any.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn order(&self) -> Option<&OrderDetails> {
        self.fields.order.as_ref()
    }

    /// The priority.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn priority(&self) -> Priority {
        self.fields.priority
    }

    /// The priority over time: from each entry's instant on, its priority (see
    /// [`PriorityChange`]). Empty when no `opened` event gave one (the priority is then `normal`).
    ///
    /// # Example
    ///
    /// See [`PriorityChange`].
    pub fn priority_history(&self) -> &[PriorityChange] {
        self.fields.priority_history.as_slice()
    }

    /// The SLA contracts set by name over time (see [`ContractAssignment`]).
    ///
    /// # Example
    ///
    /// See [`ContractAssignment`].
    pub fn contract_history(&self) -> &[ContractAssignment] {
        self.fields.contract_history.as_slice()
    }

    /// The host's attributes of the case, from its `opened` event.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn metadata(&self) -> &BTreeMap<String, String> {
        &self.fields.metadata
    }

    /// The current status.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn status(&self) -> CaseStatus {
        self.fields.status
    }

    /// Every status change, in order, with what caused it.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn status_history(&self) -> &[StatusTransition] {
        self.fields.status_history.as_slice()
    }

    /// The agent responsible now, if any.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn assignee(&self) -> Option<&AgentId> {
        self.fields.assignee.as_ref()
    }

    /// Every agent who was assigned the case, had it transferred to them, or acted in it, in order
    /// of first involvement.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn agents(&self) -> &[AgentId] {
        self.fields.agents.as_slice()
    }

    /// The promises made on the case, in the order made (see [`crate::promise::Promise`]).
    ///
    /// # Example
    ///
    /// See [`crate::promise::Promise`].
    pub fn promises(&self) -> &[crate::promise::Promise] {
        self.fields.promises.as_slice()
    }

    /// When the case was passed on, in order (see [`Handover`]).
    ///
    /// # Example
    ///
    /// See [`Handover`].
    pub fn transfer_history(&self) -> &[Handover] {
        self.fields.transfer_history.as_slice()
    }

    /// Every assignment and transfer, in order (see [`Assignment`]).
    ///
    /// # Example
    ///
    /// See [`Assignment`].
    pub fn assignment_history(&self) -> &[Assignment] {
        self.fields.assignment_history.as_slice()
    }

    /// The team the case is with now: the last one an assignment or transfer named.
    ///
    /// # Example
    ///
    /// See [`Assignment`].
    pub fn team(&self) -> Option<&str> {
        self.fields
            .assignment_history
            .iter()
            .rev()
            .find_map(|a| a.team.as_deref())
    }

    /// How many times the case was passed to someone else.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn transfers(&self) -> u32 {
        self.fields.transfers
    }

    /// How the case ended, if the customer was released.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn release(&self) -> Option<&Release> {
        self.fields.release.as_ref()
    }

    /// The texts of this case that a journey or a reading asks a scorer about: each customer
    /// message's text, once, in the order they were written.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{event::CaseEvent, case::CaseLog};
    ///
    /// let mut log = CaseLog::default();
    /// for (seq, text) in [(1, "still broken"), (2, "still broken"), (3, "hello?")] {
    ///     log.insert(CaseEvent::from_json(&format!(
    ///         r#"{{"type": "interaction", "case_id": "T", "seq": {seq}, "id": "m{seq}",
    ///             "customer_id": "c", "at": "2025-01-05T09:0{seq}:00Z", "channel": "twitter",
    ///             "direction": "inbound", "actor": {{"type": "customer"}}, "kind": "message",
    ///             "text": "{text}"}}"#
    ///     ))?);
    /// }
    /// assert_eq!(log.fold()?.customer_texts(), vec!["still broken", "hello?"]);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn customer_texts(&self) -> Vec<&str> {
        let mut seen = std::collections::BTreeSet::new();
        self.log()
            .iter()
            .filter(|i| i.is_customer_contact())
            .filter_map(|i| i.text.as_deref())
            .filter(|t| seen.insert(*t))
            .collect()
    }

    /// The full interaction log, in fold order.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn log(&self) -> &[Interaction] {
        self.fields.log.as_slice()
    }

    /// How many events were folded.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn event_count(&self) -> u32 {
        self.fields.events
    }

    /// The instant of the latest event.
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn last_event_at(&self) -> DateTime<Utc> {
        self.fields.last_event_at
    }

    /// The derived facts (first contact resolution, response times, unanswered messages…).
    ///
    /// # Example
    ///
    /// See [`Case`].
    pub fn facts(&self) -> &CaseFacts {
        self.facts.get_or_init(|| {
            let f = &self.fields;
            CaseFacts::derive(
                f.opened_at,
                &f.log,
                &f.status_history,
                f.status,
                f.transfers,
                f.turn_policy,
                |k| {
                    self.turns
                        .get(&f.log, k)
                        .is_some_and(crate::text::TurnKind::is_closing)
                },
            )
        })
    }
}

/// The state of a fold in progress.
#[derive(Debug)]
pub(crate) struct Folding {
    id: CaseId,
    customer: Option<CustomerDetails>,
    opened: bool,
    opened_at: Option<DateTime<Utc>>,
    first_channel: Option<Channel>,
    problem: Option<Problem>,
    order: Option<OrderDetails>,
    priority: Priority,
    priority_history: Vec<PriorityChange>,
    contract_history: Vec<ContractAssignment>,
    metadata: BTreeMap<String, String>,
    status: CaseStatus,
    history: Vec<StatusTransition>,
    assignee: Option<AgentId>,
    agents: Vec<AgentId>,
    transfers: u32,
    transfer_history: Vec<Handover>,
    assignment_history: Vec<Assignment>,
    promises: Vec<crate::promise::Promise>,
    release: Option<Release>,
    log: Vec<Interaction>,
    events: u32,
    last_event_at: Option<DateTime<Utc>>,
    policy: TurnPolicy,
}

impl Folding {
    /// A fold of about `events` events (the log is sized for them).
    pub(crate) fn new(id: CaseId, events: usize, policy: TurnPolicy) -> Folding {
        Folding {
            policy,
            id,
            customer: None,
            opened: false,
            first_channel: None,
            problem: None,
            order: None,
            priority: Priority::Normal,
            priority_history: Vec::new(),
            contract_history: Vec::new(),
            metadata: BTreeMap::new(),
            status: CaseStatus::Received,
            history: Vec::with_capacity(4),
            assignee: None,
            agents: Vec::new(),
            transfers: 0,
            transfer_history: Vec::new(),
            assignment_history: Vec::new(),
            promises: Vec::new(),
            release: None,
            log: Vec::with_capacity(events),
            events: 0,
            opened_at: None,
            last_event_at: None,
        }
    }

    fn transition(&mut self, to: CaseStatus, at: DateTime<Utc>, seq: u64, trigger: Trigger) {
        self.history.push(StatusTransition {
            at,
            seq,
            from: self.status,
            to,
            trigger,
        });
        self.status = to;
    }

    fn check(&self, to: CaseStatus, seq: u64) -> Result<bool> {
        if to == self.status {
            return Ok(false);
        }
        if self.status.can_become(to) {
            Ok(true)
        } else {
            Err(Error::from(crate::error::Detail::IllegalTransition {
                case_id: self.id.to_string(),
                seq,
                from: self.status.to_string(),
                to: to.to_string(),
            }))
        }
    }

    fn transfer(&mut self, at: DateTime<Utc>, seq: u64) {
        self.transfers += 1;
        self.transfer_history.push(Handover { at, seq });
    }

    fn record_assignment(
        &mut self,
        at: DateTime<Utc>,
        seq: u64,
        agent: &AgentId,
        team: Option<&String>,
    ) {
        self.assignment_history.push(Assignment {
            at,
            seq,
            agent: agent.clone(),
            team: team.cloned(),
        });
    }

    fn assign(&mut self, agent: &AgentId) {
        if !self.agents.contains(agent) {
            self.agents.push(agent.clone());
        }
        self.assignee = Some(agent.clone());
    }

    /// Takes a finished fold up again, to apply events later than all of its own (moves, no
    /// copies). `opened` says whether an `opened` event was applied (a case does not record it).
    pub(crate) fn resume(case: Case, opened: bool) -> Folding {
        let f = case.fields;
        Folding {
            id: f.id,
            customer: Some(f.customer),
            opened,
            opened_at: Some(f.opened_at),
            first_channel: Some(f.first_channel),
            problem: f.problem,
            order: f.order,
            priority: f.priority,
            priority_history: f.priority_history,
            contract_history: f.contract_history,
            metadata: f.metadata,
            status: f.status,
            history: f.status_history,
            assignee: f.assignee,
            agents: f.agents,
            transfers: f.transfers,
            transfer_history: f.transfer_history,
            assignment_history: f.assignment_history,
            promises: f.promises,
            release: f.release,
            log: f.log,
            events: f.events,
            last_event_at: Some(f.last_event_at),
            policy: f.turn_policy,
        }
    }

    /// Applies one event it owns: an interaction is moved into the case log, and an `opened`
    /// event's customer and metadata into the case, not cloned.
    pub(crate) fn apply_owned(&mut self, event: CaseEvent) -> Result<()> {
        match event {
            CaseEvent::Interaction(i) => {
                self.admit(i.validate_as_event(), i.case_id.as_ref())?;
                let at = i.at;
                self.apply_interaction(i);
                self.count(at);
                Ok(())
            }
            // The WebAssembly build, built for size, copies it as `apply` does.
            #[cfg(not(target_arch = "wasm32"))]
            CaseEvent::Opened(_) => {
                self.admit(event.validate(), event.case_id())?;
                let (at, seq) = event.order_key();
                if let CaseEvent::Opened(e) = event {
                    self.open(Opening::moved(*e), at, seq)?;
                }
                self.count(at);
                Ok(())
            }
            other => self.apply(&other),
        }
    }

    /// The checks every event passes before it changes anything.
    fn admit(&self, valid: Result<()>, case_id: Option<&CaseId>) -> Result<()> {
        valid?;
        if case_id != Some(&self.id) {
            return Err(Error::invalid(
                "case_id",
                case_id.map(|c| c.as_str()).unwrap_or(""),
                format!("the event does not belong to case `{}`", self.id),
            ));
        }
        Ok(())
    }

    fn count(&mut self, at: DateTime<Utc>) {
        self.events += 1;
        self.last_event_at = Some(self.last_event_at.map_or(at, |t| t.max(at)));
        self.opened_at = Some(self.opened_at.map_or(at, |t| t.min(at)));
    }

    /// Applies one event. On error the state is unchanged, so a lenient fold can skip the event.
    pub(crate) fn apply(&mut self, event: &CaseEvent) -> Result<()> {
        self.admit(event.validate(), event.case_id())?;
        let (at, seq) = event.order_key();
        match event {
            CaseEvent::Opened(e) => self.open(Opening::copied(e), at, seq)?,
            CaseEvent::Interaction(i) => self.apply_interaction(i.clone()),
            CaseEvent::StatusChanged(e) => {
                if self.check(e.to, seq)? {
                    self.transition(e.to, at, seq, Trigger::StatusChanged);
                }
            }
            CaseEvent::Assigned(e) => {
                if self.assignee.as_ref().is_some_and(|a| a != &e.agent) {
                    self.transfer(at, seq);
                }
                self.assign(&e.agent);
                self.record_assignment(at, seq, &e.agent, e.team.as_ref());
            }
            CaseEvent::Transferred(e) => {
                self.transfer(at, seq);
                self.assign(&e.to);
                self.record_assignment(at, seq, &e.to, e.team.as_ref());
            }
            CaseEvent::ProblemUpdated(e) => self.problem = Some(e.problem.clone()),
            CaseEvent::PriorityChanged(e) => {
                self.priority = e.priority;
                self.priority_history.push(PriorityChange {
                    at,
                    seq,
                    priority: e.priority,
                });
            }
            CaseEvent::PromiseMade(e) => self.promise(e)?,
            CaseEvent::PromiseKept(e) => self.settle_promise(e, at, true)?,
            CaseEvent::PromiseCancelled(e) => self.settle_promise(e, at, false)?,
            CaseEvent::ContractChanged(e) => self.contract_history.push(ContractAssignment {
                at,
                seq,
                contract: e.contract.clone(),
                reason: e.reason.clone(),
            }),
            CaseEvent::Released(e) => {
                if self.check(CaseStatus::Released, seq)? {
                    self.transition(CaseStatus::Released, at, seq, Trigger::Released);
                }
                self.release = Some(Release {
                    at,
                    refund: e.refund,
                    note: e.note.clone(),
                });
            }
        }
        self.count(at);
        Ok(())
    }

    /// The case's `opened` event (only one). Inlined into both folds natively: as a call of
    /// its own, the borrowing fold ran 6 % slower (`fold_sla 1000000 3 fold`, best of three,
    /// four times alternated). The WebAssembly build, built for size, keeps one copy.
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    fn open(&mut self, e: Opening, at: DateTime<Utc>, seq: u64) -> Result<()> {
        if self.opened {
            return Err(Error::invalid(
                "type",
                "opened",
                format!("case `{}` has a second `opened` event", self.id),
            ));
        }
        self.opened = true;
        self.customer = Some(e.customer);
        self.first_channel = Some(e.channel);
        if e.problem.is_some() {
            self.problem = e.problem;
        }
        if e.order.is_some() {
            self.order = e.order;
        }
        self.priority = e.priority;
        self.priority_history.insert(
            0,
            PriorityChange {
                at,
                seq,
                priority: e.priority,
            },
        );
        self.metadata = e.metadata;
        Ok(())
    }

    /// A promise made (its id new in the case).
    fn promise(&mut self, e: &crate::promise::PromiseMade) -> Result<()> {
        if self.promises.iter().any(|p| p.id == e.promise_id) {
            return Err(Error::invalid(
                "promise_id",
                &e.promise_id,
                format!("case `{}` already has a promise with this id", self.id),
            ));
        }
        self.promises.push(crate::promise::Promise::from_event(e));
        Ok(())
    }

    /// An earlier promise kept (or cancelled) at `at`; the first such event counts.
    fn settle_promise(
        &mut self,
        e: &crate::promise::PromiseUpdate,
        at: DateTime<Utc>,
        kept: bool,
    ) -> Result<()> {
        let id = &self.id;
        let promise = self
            .promises
            .iter_mut()
            .find(|p| p.id == e.promise_id)
            .ok_or_else(|| {
                Error::invalid(
                    "promise_id",
                    &e.promise_id,
                    format!("case `{id}` has no earlier promise with this id"),
                )
            })?;
        let slot = if kept {
            &mut promise.kept_at
        } else {
            &mut promise.cancelled_at
        };
        slot.get_or_insert(at);
        Ok(())
    }

    fn apply_interaction(&mut self, i: Interaction) {
        if self.customer.is_none() {
            self.customer = Some(CustomerDetails {
                id: i.customer_id.clone(),
                name: None,
                email: None,
                phone: None,
                segments: Default::default(),
            });
        }
        if self.first_channel.is_none() {
            self.first_channel = Some(i.channel.clone());
        }
        if i.kind == InteractionKind::Transfer {
            self.transfer(i.at, i.seq);
        }
        if let Some(agent) = i.actor.agent() {
            if !self.agents.contains(agent) {
                self.agents.push(agent.clone());
            }
        }
        if let Some(to) = self.policy.status_after(self.status, &i) {
            self.transition(to, i.at, i.seq, Trigger::Interaction { id: i.id.clone() });
        }
        self.log.push(i);
    }

    /// Ends the fold.
    pub(crate) fn finish(self) -> Result<Case> {
        let (Some(opened_at), Some(last_event_at)) = (self.opened_at, self.last_event_at) else {
            return Err(Error::from(crate::error::Detail::MissingField {
                field: "events".into(),
                reason: format!("case `{}` has no accepted event", self.id),
            }));
        };
        let customer = self.customer.ok_or_else(|| {
            Error::from(crate::error::Detail::MissingField {
                field: "customer".into(),
                reason: format!(
                    "case `{}` has no `opened` event and no interaction naming its customer",
                    self.id
                ),
            })
        })?;
        let first_channel = self.first_channel.ok_or_else(|| {
            Error::from(crate::error::Detail::MissingField {
                field: "channel".into(),
                reason: format!(
                    "case `{}` has no `opened` event and no interaction naming its channel",
                    self.id
                ),
            })
        })?;
        Ok(Case::from(CaseFields {
            id: self.id,
            customer,
            opened_at,
            first_channel,
            problem: self.problem,
            order: self.order,
            priority: self.priority,
            priority_history: self.priority_history,
            contract_history: self.contract_history,
            metadata: self.metadata,
            status: self.status,
            status_history: self.history,
            assignee: self.assignee,
            agents: self.agents,
            transfers: self.transfers,
            transfer_history: self.transfer_history,
            assignment_history: self.assignment_history,
            promises: self.promises,
            release: self.release,
            log: self.log,
            events: self.events,
            last_event_at,
            turn_policy: self.policy,
            facts: None,
        }))
    }
}

/// What an `opened` event gives its case: copied from an event the fold borrows, moved from
/// one it owns.
struct Opening {
    customer: crate::event::CustomerDetails,
    channel: Channel,
    problem: Option<Problem>,
    order: Option<OrderDetails>,
    priority: Priority,
    metadata: BTreeMap<String, String>,
}

impl Opening {
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))] // as `Folding::open`
    fn copied(e: &crate::event::CaseOpened) -> Opening {
        Opening {
            customer: e.customer.clone(),
            channel: e.channel.clone(),
            problem: e.problem.clone(),
            order: e.order.clone(),
            priority: e.priority,
            metadata: e.metadata.clone(),
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    fn moved(e: crate::event::CaseOpened) -> Opening {
        Opening {
            customer: e.customer,
            channel: e.channel,
            problem: e.problem,
            order: e.order,
            priority: e.priority,
            metadata: e.metadata,
        }
    }
}
