//! Case events: what a host CRM feeds kesher. A case is the fold of its events.
//!
//! Every event names its case (`case_id`), its instant (`at`) and a sequence number (`seq`, 0 when
//! omitted) that orders events of one case at the same instant. JSON: an object with a `type`
//! tag, one JSON object per line in the JSON Lines format (see `docs/json-contract.md`):
//!
//! ```json
//! {"type": "opened", "case_id": "T-1", "at": "2025-01-05T08:59:00Z", "customer": {"id": "cu-7"}, "channel": "email"}
//! {"type": "interaction", "case_id": "T-1", "seq": 1, "id": "m-1", "customer_id": "cu-7", "at": "2025-01-05T09:00:00Z",
//!  "channel": "email", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message"}
//! {"type": "status_changed", "case_id": "T-1", "seq": 2, "at": "2025-01-05T10:00:00Z", "to": "resolved"}
//! ```

use crate::{
    channel::Channel,
    error::{Error, Result},
    id::{AgentId, CaseId, CustomerId, OrderRef},
    interaction::{Actor, Interaction},
    money::Money,
    status::CaseStatus,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// How urgent a case is.
///
/// # Example
///
/// ```
/// assert!(kesher::event::Priority::Urgent > kesher::event::Priority::Normal);
/// assert_eq!(kesher::event::Priority::default(), kesher::event::Priority::Normal);
/// ```
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Can wait.
    Low,
    /// The usual.
    #[default]
    Normal,
    /// Sooner than usual.
    High,
    /// Now.
    Urgent,
}

impl Priority {
    /// Every priority, lowest first.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::event::Priority::ALL.len(), 4);
    /// ```
    pub const ALL: [Priority; 4] = [
        Priority::Low,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ];

    /// The snake_case name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::event::Priority::Urgent.as_str(), "urgent");
    /// ```
    pub const fn as_str(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }
}

/// A priority from its snake_case name.
///
/// # Example
///
/// ```
/// use kesher::event::Priority;
///
/// assert_eq!("high".parse::<Priority>()?, Priority::High);
/// assert_eq!("asap".parse::<Priority>().unwrap_err().field(), Some("priority"));
/// # Ok::<(), kesher::Error>(())
/// ```
impl std::str::FromStr for Priority {
    type Err = Error;

    fn from_str(name: &str) -> Result<Priority> {
        Priority::ALL
            .into_iter()
            .find(|p| p.as_str() == name)
            .ok_or_else(|| Error::invalid("priority", name, "expected low, normal, high or urgent"))
    }
}

impl std::fmt::Display for Priority {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The customer details a ticket carries (a snapshot at the time the case opened).
///
/// # Example
///
/// ```
/// let c: kesher::event::CustomerDetails = serde_json::from_str(r#"{"id": "cu-7", "name": "Dana", "email": "dana@example.com"}"#)?;
/// assert_eq!(c.name.as_deref(), Some("Dana"));
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CustomerDetails {
    /// The customer.
    pub id: CustomerId,
    /// The name given at contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Email address given at contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Phone number given at contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The customer's segments at contact (`vip`, `business`…), which SLA contracts can match.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub segments: BTreeSet<String>,
}

/// The problem a case is about: a category (for mining recurring problems) and the description.
///
/// # Example
///
/// ```
/// let p: kesher::event::Problem = serde_json::from_str(r#"{"category": "delivery", "description": "never arrived"}"#)?;
/// assert_eq!(p.category, "delivery");
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Problem {
    /// A short category (`delivery`, `billing`, `login`…).
    pub category: String,
    /// The problem in the customer's or agent's words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The order a case is about: its reference, purchase date and what was ordered.
///
/// # Example
///
/// ```
/// let o: kesher::event::OrderDetails = serde_json::from_str(r#"{"order_ref": "SO-1", "purchased_at": "2025-01-01T12:00:00Z", "items": ["Kettle"]}"#)?;
/// assert_eq!(o.items, vec!["Kettle".to_string()]);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderDetails {
    /// The order's reference.
    pub order_ref: OrderRef,
    /// When it was bought.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub purchased_at: Option<DateTime<Utc>>,
    /// What was ordered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<String>,
}

/// A case was opened: who, where, about what.
///
/// # Example
///
/// See [`CaseEvent`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseOpened {
    /// The case.
    pub case_id: CaseId,
    /// Order among events at the same instant.
    #[serde(default)]
    pub seq: u64,
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The customer's details.
    pub customer: CustomerDetails,
    /// The channel of first contact.
    pub channel: Channel,
    /// The problem, if known at opening.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub problem: Option<Problem>,
    /// The order concerned, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<OrderDetails>,
    /// The priority (normal when omitted).
    #[serde(default)]
    pub priority: Priority,
    /// Free host-defined attributes of the case (brand, product, service level…).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
}

/// An explicit change of status.
///
/// # Example
///
/// See [`CaseEvent`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChanged {
    /// The case.
    pub case_id: CaseId,
    /// Order among events at the same instant.
    #[serde(default)]
    pub seq: u64,
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The new status. `released` has its own event, [`Released`].
    pub to: CaseStatus,
    /// Who changed it, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Actor>,
    /// Why, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The case was assigned to an agent (or a team).
///
/// # Example
///
/// See [`CaseEvent`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assigned {
    /// The case.
    pub case_id: CaseId,
    /// Order among events at the same instant.
    #[serde(default)]
    pub seq: u64,
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The agent now responsible.
    pub agent: AgentId,
    /// The team now responsible, if named (an assignment without one keeps the case's team).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
}

/// The case was passed from one person or team to another: the customer starts over with someone
/// new, which the source articles name as a main cause of frustration.
///
/// # Example
///
/// See [`CaseEvent`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Transferred {
    /// The case.
    pub case_id: CaseId,
    /// Order among events at the same instant.
    #[serde(default)]
    pub seq: u64,
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// Who had it (the current assignee when omitted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<AgentId>,
    /// Who has it now.
    pub to: AgentId,
    /// The team that has it now, if named.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team: Option<String>,
    /// Why, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The problem's category or description was set or corrected.
///
/// # Example
///
/// See [`CaseEvent`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProblemUpdated {
    /// The case.
    pub case_id: CaseId,
    /// Order among events at the same instant.
    #[serde(default)]
    pub seq: u64,
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The problem as it is now understood.
    pub problem: Problem,
}

/// The case's priority changed.
///
/// # Example
///
/// See [`CaseEvent`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorityChanged {
    /// The case.
    pub case_id: CaseId,
    /// Order among events at the same instant.
    #[serde(default)]
    pub seq: u64,
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The new priority.
    pub priority: Priority,
}

/// The case was put under a named SLA contract (by a person or a routing rule), overriding the
/// contract the conditions select. The SLA clocks keep the time already consumed and count the
/// rest against the new contract's targets and calendar.
///
/// # Example
///
/// ```
/// let e = kesher::event::CaseEvent::from_json(r#"{"type": "contract_changed", "case_id": "T-1",
///     "at": "2025-01-05T10:00:00Z", "contract": "tier-2", "reason": "escalated"}"#)?;
/// assert_eq!(e.type_name(), "contract_changed");
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContractChanged {
    /// The case.
    pub case_id: CaseId,
    /// Order among events at the same instant.
    #[serde(default)]
    pub seq: u64,
    /// When.
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// The name of the contract that applies from now on.
    pub contract: String,
    /// Why.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// The customer was released: refunded politely and parted with on good terms. A relationship
/// outcome distinct from resolution.
///
/// # Example
///
/// See [`CaseEvent`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Released {
    /// The case.
    pub case_id: CaseId,
    /// Order among events at the same instant.
    #[serde(default)]
    pub seq: u64,
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

/// One event of a case. JSON: an object tagged by `type`.
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, CaseStatus};
///
/// let e = CaseEvent::from_json(r#"{"type": "status_changed", "case_id": "T-1", "seq": 4,
///     "at": "2025-01-05T10:00:00+02:00", "to": "waiting_on_customer"}"#)?;
/// assert_eq!(e.case_id().map(|c| c.as_str()), Some("T-1"));
/// assert_eq!(e.seq(), 4);
/// assert_eq!(e.type_name(), "status_changed");
/// assert_eq!(e.at().to_rfc3339(), "2025-01-05T08:00:00+00:00");
///
/// let err = CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1", "at": "2025-01-05T10:00:00Z",
///     "customer": {"id": "c"}, "channel": "tweeter"}"#).unwrap_err();
/// assert_eq!(err.field(), Some("channel"));
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CaseEvent {
    /// The case was opened (boxed: it is the largest event and comes once per case, so the
    /// others stay small).
    Opened(Box<CaseOpened>),
    /// An interaction belonging to the case (its `case_id` is required here).
    Interaction(Interaction),
    /// An explicit status change.
    StatusChanged(StatusChanged),
    /// Assignment to an agent.
    Assigned(Assigned),
    /// Transfer to another agent or team.
    Transferred(Transferred),
    /// The problem was set or corrected.
    ProblemUpdated(ProblemUpdated),
    /// The priority changed.
    PriorityChanged(PriorityChanged),
    /// The SLA contract was set by name.
    ContractChanged(ContractChanged),
    /// A promise was made to the customer.
    PromiseMade(crate::promise::PromiseMade),
    /// A promise was kept.
    PromiseKept(crate::promise::PromiseUpdate),
    /// A promise was withdrawn.
    PromiseCancelled(crate::promise::PromiseUpdate),
    /// The customer was released with a refund.
    Released(Released),
}

/// The `type` tags of [`CaseEvent`], as in JSON.
///
/// # Example
///
/// ```
/// assert!(kesher::event::EVENT_TYPES.contains(&"status_changed"));
/// ```
pub const EVENT_TYPES: [&str; 12] = [
    "opened",
    "interaction",
    "status_changed",
    "assigned",
    "transferred",
    "problem_updated",
    "priority_changed",
    "contract_changed",
    "promise_made",
    "promise_kept",
    "promise_cancelled",
    "released",
];

impl CaseEvent {
    /// Parses one event from JSON and validates it ([`CaseEvent::validate`]).
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidJson`](crate::ErrorKind::InvalidJson) naming the JSON path for malformed or misshapen JSON, and the errors
    /// of [`CaseEvent::validate`]. Never panics, whatever the input.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::event::CaseEvent::from_json("{").unwrap_err();
    /// assert_eq!(err.kind(), kesher::ErrorKind::InvalidJson);
    /// ```
    pub fn from_json(text: &str) -> Result<CaseEvent> {
        CaseEvent::from_value(crate::support::json::parse_value(text)?)
    }

    /// Builds one event from a parsed JSON value and validates it ([`CaseEvent::validate`]).
    ///
    /// The `type` tag is read first, so that an error names the path inside the event
    /// (`customer.id`) rather than the event as a whole.
    ///
    /// # Errors
    ///
    /// As [`CaseEvent::from_json`]; [`ErrorKind::MissingField`](crate::ErrorKind::MissingField) when `type` is absent and
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming `type` when it is not a known event type.
    ///
    /// # Example
    ///
    /// ```
    /// let v = serde_json::json!({"type": "assigned", "case_id": "T", "at": "2025-01-05T09:00:00Z", "agent": ""});
    /// let err = kesher::event::CaseEvent::from_value(v).unwrap_err();
    /// assert_eq!(err.field(), Some("agent"));
    /// assert_eq!(err.to_string(), "at `agent`: invalid agent_id ``: must not be empty");
    /// ```
    pub fn from_value(value: serde_json::Value) -> Result<CaseEvent> {
        use crate::support::json::from_value;
        let serde_json::Value::Object(mut map) = value else {
            return Err(Error::from(crate::error::Detail::InvalidJson {
                field: ".".into(),
                reason: "an event is a JSON object".into(),
            }));
        };
        let tag = match crate::support::json::take_key(&mut map, "type") {
            Some(serde_json::Value::String(tag)) => tag,
            Some(other) => {
                return Err(Error::invalid(
                    "type",
                    crate::support::json::compact(&other),
                    "must be a string naming the event type",
                ))
            }
            None => {
                return Err(Error::from(crate::error::Detail::MissingField {
                    field: "type".into(),
                    reason: format!(
                        "every event has a `type`: one of {}",
                        EVENT_TYPES.join(", ")
                    ),
                }))
            }
        };
        let rest = serde_json::Value::Object(map);
        let event = match tag.as_str() {
            "opened" => CaseEvent::Opened(from_value(rest)?),
            "interaction" => CaseEvent::Interaction(from_value(rest)?),
            "status_changed" => CaseEvent::StatusChanged(from_value(rest)?),
            "assigned" => CaseEvent::Assigned(from_value(rest)?),
            "transferred" => CaseEvent::Transferred(from_value(rest)?),
            "problem_updated" => CaseEvent::ProblemUpdated(from_value(rest)?),
            "priority_changed" => CaseEvent::PriorityChanged(from_value(rest)?),
            "contract_changed" => CaseEvent::ContractChanged(from_value(rest)?),
            "promise_made" => CaseEvent::PromiseMade(from_value(rest)?),
            "promise_kept" => CaseEvent::PromiseKept(from_value(rest)?),
            "promise_cancelled" => CaseEvent::PromiseCancelled(from_value(rest)?),
            "released" => CaseEvent::Released(from_value(rest)?),
            other => {
                return Err(Error::invalid(
                    "type",
                    other,
                    format!("expected one of {}", EVENT_TYPES.join(", ")),
                ))
            }
        };
        event.validate()?;
        Ok(event)
    }

    /// Serializes the event as one line of JSON.
    ///
    /// # Example
    ///
    /// ```
    /// let line = r#"{"type":"assigned","case_id":"T-1","seq":2,"at":"2025-01-05T10:00:00Z","agent":"a-1"}"#;
    /// let e = kesher::event::CaseEvent::from_json(line)?;
    /// assert_eq!(e.to_json(), line);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks what serde cannot: an interaction event names its case and keeps
    /// [`Interaction::validate`]; a status change does not ask for `released` (use [`Released`]);
    /// a refund is not negative.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::MissingField`](crate::ErrorKind::MissingField) or [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming the field.
    ///
    /// # Example
    ///
    /// ```
    /// let e = kesher::event::CaseEvent::from_json(r#"{"type": "status_changed", "case_id": "T-1",
    ///     "at": "2025-01-05T10:00:00Z", "to": "released"}"#);
    /// assert_eq!(e.unwrap_err().field(), Some("to"));
    /// ```
    pub fn validate(&self) -> Result<()> {
        match self {
            CaseEvent::Interaction(i) => i.validate_as_event(),
            CaseEvent::StatusChanged(s) if s.to == CaseStatus::Released => Err(Error::invalid(
                "to",
                "released",
                "release a customer with a `released` event, which records the refund",
            )),
            CaseEvent::PromiseMade(p) if p.promise_id.trim().is_empty() => Err(Error::invalid(
                "promise_id",
                &p.promise_id,
                "a promise needs an id to be kept or cancelled later",
            )),
            CaseEvent::PromiseMade(p) if p.due < p.at => {
                Err(Error::from(crate::error::Detail::EndBeforeStart {
                    field: "due".into(),
                    start: crate::instant::format(&p.at),
                    end: crate::instant::format(&p.due),
                }))
            }
            CaseEvent::ContractChanged(c) if c.contract.trim().is_empty() => Err(Error::invalid(
                "contract",
                &c.contract,
                "name the contract that applies from now on",
            )),
            CaseEvent::Released(r) => match r.refund {
                Some(m) if m.amount_minor < 0 => Err(Error::invalid(
                    "refund.amount_minor",
                    m.amount_minor,
                    "a refund is a positive amount returned to the customer",
                )),
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }

    /// The case the event belongs to: `None` only for an interaction without a case, which
    /// [`CaseEvent::validate`] rejects.
    ///
    /// # Example
    ///
    /// See [`CaseEvent`].
    pub fn case_id(&self) -> Option<&CaseId> {
        match self {
            CaseEvent::Opened(e) => Some(&e.case_id),
            CaseEvent::Interaction(e) => e.case_id.as_ref(),
            CaseEvent::StatusChanged(e) => Some(&e.case_id),
            CaseEvent::Assigned(e) => Some(&e.case_id),
            CaseEvent::Transferred(e) => Some(&e.case_id),
            CaseEvent::ProblemUpdated(e) => Some(&e.case_id),
            CaseEvent::PriorityChanged(e) => Some(&e.case_id),
            CaseEvent::ContractChanged(e) => Some(&e.case_id),
            CaseEvent::PromiseMade(e) => Some(&e.case_id),
            CaseEvent::PromiseKept(e) | CaseEvent::PromiseCancelled(e) => Some(&e.case_id),
            CaseEvent::Released(e) => Some(&e.case_id),
        }
    }

    /// When the event happened.
    ///
    /// # Example
    ///
    /// See [`CaseEvent`].
    pub fn at(&self) -> DateTime<Utc> {
        match self {
            CaseEvent::Opened(e) => e.at,
            CaseEvent::Interaction(e) => e.at,
            CaseEvent::StatusChanged(e) => e.at,
            CaseEvent::Assigned(e) => e.at,
            CaseEvent::Transferred(e) => e.at,
            CaseEvent::ProblemUpdated(e) => e.at,
            CaseEvent::PriorityChanged(e) => e.at,
            CaseEvent::ContractChanged(e) => e.at,
            CaseEvent::PromiseMade(e) => e.at,
            CaseEvent::PromiseKept(e) | CaseEvent::PromiseCancelled(e) => e.at,
            CaseEvent::Released(e) => e.at,
        }
    }

    /// The event's sequence number.
    ///
    /// # Example
    ///
    /// See [`CaseEvent`].
    pub fn seq(&self) -> u64 {
        match self {
            CaseEvent::Opened(e) => e.seq,
            CaseEvent::Interaction(e) => e.seq,
            CaseEvent::StatusChanged(e) => e.seq,
            CaseEvent::Assigned(e) => e.seq,
            CaseEvent::Transferred(e) => e.seq,
            CaseEvent::ProblemUpdated(e) => e.seq,
            CaseEvent::PriorityChanged(e) => e.seq,
            CaseEvent::ContractChanged(e) => e.seq,
            CaseEvent::PromiseMade(e) => e.seq,
            CaseEvent::PromiseKept(e) | CaseEvent::PromiseCancelled(e) => e.seq,
            CaseEvent::Released(e) => e.seq,
        }
    }

    /// The `type` tag, as in JSON.
    ///
    /// # Example
    ///
    /// See [`CaseEvent`].
    pub fn type_name(&self) -> &'static str {
        match self {
            CaseEvent::Opened(_) => "opened",
            CaseEvent::Interaction(_) => "interaction",
            CaseEvent::StatusChanged(_) => "status_changed",
            CaseEvent::Assigned(_) => "assigned",
            CaseEvent::Transferred(_) => "transferred",
            CaseEvent::ProblemUpdated(_) => "problem_updated",
            CaseEvent::PriorityChanged(_) => "priority_changed",
            CaseEvent::ContractChanged(_) => "contract_changed",
            CaseEvent::PromiseMade(_) => "promise_made",
            CaseEvent::PromiseKept(_) => "promise_kept",
            CaseEvent::PromiseCancelled(_) => "promise_cancelled",
            CaseEvent::Released(_) => "released",
        }
    }

    /// The order in which a fold applies events: by instant, then by sequence number.
    ///
    /// # Example
    ///
    /// See [`crate::case::CaseLog`].
    pub fn order_key(&self) -> (DateTime<Utc>, u64) {
        (self.at(), self.seq())
    }
}
