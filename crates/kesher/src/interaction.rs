//! Interactions: one touch between a customer and the organization on a channel.
//!
//! The source articles ask that *every* interaction be documented, the question and the answer
//! given, because the recurring ones become reply templates and an FAQ. An interaction is the unit
//! of that record, and the event most cases are folded from.

use crate::{
    channel::Channel,
    emotion::EmotionAnnotation,
    error::{Error, Result},
    id::{AgentId, CaseId, CustomerId, InteractionId},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which way an interaction goes.
///
/// # Example
///
/// ```
/// let d: kesher::interaction::Direction = serde_json::from_str("\"inbound\"")?;
/// assert_eq!(d, kesher::interaction::Direction::Inbound);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// From the customer to the organization.
    Inbound,
    /// From the organization to the customer (or internal, for notes and status changes).
    Outbound,
}

/// Who performed an interaction. JSON: `{"type": "customer"}`, `{"type": "agent", "id": "a-1"}`,
/// `{"type": "bot", "name": "faq-bot"}`, `{"type": "system"}`.
///
/// # Example
///
/// ```
/// use kesher::{interaction::Actor, AgentId};
///
/// let a: Actor = serde_json::from_str(r#"{"type": "agent", "id": "agent-dana"}"#)?;
/// assert_eq!(a, Actor::Agent { id: AgentId::new("agent-dana")? });
/// assert!(a.is_human());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Actor {
    /// The customer.
    Customer,
    /// A person serving the customer.
    Agent {
        /// The agent.
        id: AgentId,
    },
    /// An automated responder.
    Bot {
        /// The bot's name, if the host gives one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        name: Option<String>,
    },
    /// The helpdesk software itself (status changes, automatic routing).
    System,
}

impl Actor {
    /// Whether a person on the organization's side acted (an agent).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(!kesher::interaction::Actor::Bot { name: None }.is_human());
    /// ```
    pub fn is_human(&self) -> bool {
        matches!(self, Actor::Agent { .. })
    }

    /// The agent, if an agent acted.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::interaction::Actor::Customer.agent().is_none());
    /// ```
    pub fn agent(&self) -> Option<&AgentId> {
        match self {
            Actor::Agent { id } => Some(id),
            _ => None,
        }
    }
}

/// What kind of touch an interaction is.
///
/// # Example
///
/// ```
/// use kesher::interaction::InteractionKind;
/// let k: InteractionKind = serde_json::from_str("\"missed_call\"")?;
/// assert_eq!(k, InteractionKind::MissedCall);
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InteractionKind {
    /// A written message (email, post, tweet, chat line, SMS…).
    Message,
    /// A phone call that took place.
    Call,
    /// A call nobody answered.
    MissedCall,
    /// A voicemail left.
    Voicemail,
    /// A visit in person.
    Visit,
    /// A note the customer does not see.
    InternalNote,
    /// The case was passed to another person or team.
    Transfer,
    /// The immediate "your request was received, we will answer within X".
    Acknowledgement,
    /// A proactive "we hope your problem was solved" contact.
    FollowUp,
    /// The customer's answer to a survey or feedback request.
    SurveyResponse,
    /// Money returned to the customer.
    Refund,
    /// A change of status recorded as an interaction.
    StatusChange,
}

impl InteractionKind {
    /// Every kind, in the order they are declared (for pickers and exhaustive checks).
    ///
    /// ```
    /// use kesher::interaction::InteractionKind;
    /// assert_eq!(InteractionKind::ALL.len(), 12);
    /// assert!(InteractionKind::ALL.contains(&InteractionKind::Refund));
    /// ```
    pub const ALL: [InteractionKind; 12] = [
        InteractionKind::Message,
        InteractionKind::Call,
        InteractionKind::MissedCall,
        InteractionKind::Voicemail,
        InteractionKind::Visit,
        InteractionKind::InternalNote,
        InteractionKind::Transfer,
        InteractionKind::Acknowledgement,
        InteractionKind::FollowUp,
        InteractionKind::SurveyResponse,
        InteractionKind::Refund,
        InteractionKind::StatusChange,
    ];

    /// The kind's name in the JSON contract (`"missed_call"`), as serde writes it.
    ///
    /// ```
    /// use kesher::interaction::InteractionKind;
    /// assert_eq!(InteractionKind::MissedCall.name(), "missed_call");
    /// assert_eq!(serde_json::to_string(&InteractionKind::FollowUp)?, "\"follow_up\"");
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            InteractionKind::Message => "message",
            InteractionKind::Call => "call",
            InteractionKind::MissedCall => "missed_call",
            InteractionKind::Voicemail => "voicemail",
            InteractionKind::Visit => "visit",
            InteractionKind::InternalNote => "internal_note",
            InteractionKind::Transfer => "transfer",
            InteractionKind::Acknowledgement => "acknowledgement",
            InteractionKind::FollowUp => "follow_up",
            InteractionKind::SurveyResponse => "survey_response",
            InteractionKind::Refund => "refund",
            InteractionKind::StatusChange => "status_change",
        }
    }
}

/// One touch between a customer and the organization on a channel.
///
/// JSON (fields in this order; `case_id`, `seq`, `in_reply_to`, `text`, `emotion` and `metadata`
/// may be omitted):
///
/// ```json
/// {"id": "msg-1", "customer_id": "cu-7", "case_id": "T-1", "seq": 1,
///  "at": "2025-01-05T09:00:00Z", "channel": "email", "direction": "inbound",
///  "actor": {"type": "customer"}, "kind": "message", "text": "My order never arrived"}
/// ```
///
/// # Example
///
/// ```
/// use kesher::interaction::{Interaction, InteractionKind, Direction};
///
/// let i: Interaction = serde_json::from_str(r#"{"id": "msg-1", "customer_id": "cu-7",
///     "at": "2025-01-05T09:00:00Z", "channel": "twitter", "direction": "inbound",
///     "actor": {"type": "customer"}, "kind": "message", "text": "@brand my order?"}"#)?;
/// assert!(i.is_public());
/// assert!(i.awaits_answer());
/// assert_eq!(i.direction, Direction::Inbound);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Interaction {
    /// The interaction's identity.
    pub id: InteractionId,
    /// The customer it concerns.
    pub customer_id: CustomerId,
    /// The case it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_id: Option<CaseId>,
    /// Orders events of one case that happen at the same instant (0 when omitted).
    #[serde(default)]
    pub seq: u64,
    /// When it happened (RFC 3339; stored in UTC).
    #[serde(with = "crate::instant")]
    pub at: DateTime<Utc>,
    /// Where it happened.
    pub channel: Channel,
    /// Which way it went.
    pub direction: Direction,
    /// Who performed it.
    pub actor: Actor,
    /// What kind of touch it was.
    pub kind: InteractionKind,
    /// The interaction it answers, if known (a reply link).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub in_reply_to: Option<InteractionId>,
    /// What was said, if recorded. Customer text is data: escape it before showing it in HTML.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The customer's feeling at this point, if annotated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub emotion: Option<EmotionAnnotation>,
    /// Free host-defined attributes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub metadata: BTreeMap<String, String>,
}

impl Interaction {
    /// Checks the rules a single interaction must keep: a customer only acts inbound, and only the
    /// organization writes internal notes, transfers, acknowledgements, refunds and status changes.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming `direction` or `actor` and the offending value, or
    /// `metadata.wait_seconds`, `metadata.csat` or `metadata.nps` when the value is not a wait,
    /// a CSAT answer (1–5) or an NPS answer (0–10).
    ///
    /// # Example
    ///
    /// ```
    /// let mut i: kesher::interaction::Interaction = serde_json::from_str(r#"{"id": "m", "customer_id": "c",
    ///     "at": "2025-01-05T09:00:00Z", "channel": "email", "direction": "outbound",
    ///     "actor": {"type": "customer"}, "kind": "message"}"#)?;
    /// assert!(i.validate().is_err());
    /// i.direction = kesher::interaction::Direction::Inbound;
    /// assert!(i.validate().is_ok());
    /// i.metadata.insert("csat".into(), "7".into());
    /// assert_eq!(i.validate().unwrap_err().field(), Some("metadata.csat"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self) -> Result<()> {
        if self.actor == Actor::Customer {
            if self.direction == Direction::Outbound {
                return Err(Error::invalid(
                    "direction",
                    "outbound",
                    format!(
                        "interaction `{}` is by the customer, so it must be inbound",
                        self.id
                    ),
                ));
            }
            if matches!(
                self.kind,
                InteractionKind::InternalNote
                    | InteractionKind::Transfer
                    | InteractionKind::Acknowledgement
                    | InteractionKind::Refund
                    | InteractionKind::StatusChange
                    | InteractionKind::FollowUp
            ) {
                return Err(Error::invalid(
                    "actor",
                    "customer",
                    format!(
                        "interaction `{}` of kind `{}` is made by the organization, not the customer",
                        self.id,
                        self.kind.name()
                    ),
                ));
            }
        }
        self.validate_metadata()
    }

    /// The metadata the emotion model reads must say what it means: `wait_seconds` a whole
    /// number of seconds (0 or more), `csat` a whole number 1–5, `nps` a whole number 0–10.
    fn validate_metadata(&self) -> Result<()> {
        type Check = (&'static str, fn(&str) -> bool, &'static str);
        let checks: [Check; 3] = [
            (
                "wait_seconds",
                |v| v.trim().parse::<u32>().is_ok(),
                "a whole number of seconds, 0 or more",
            ),
            (
                "csat",
                |v| v.trim().parse::<u8>().is_ok_and(|c| (1..=5).contains(&c)),
                "a whole number from 1 to 5",
            ),
            (
                "nps",
                |v| v.trim().parse::<u8>().is_ok_and(|n| n <= 10),
                "a whole number from 0 to 10",
            ),
        ];
        for (key, ok, what) in checks {
            if let Some(v) = self.metadata.get(key).filter(|v| !ok(v)) {
                return Err(Error::invalid(
                    format!("metadata.{key}"),
                    v,
                    format!("interaction `{}`: `{key}` is {what}", self.id),
                ));
            }
        }
        Ok(())
    }

    /// [`Interaction::validate`] plus the rule for interactions fed as case events: they name
    /// their case.
    pub(crate) fn validate_as_event(&self) -> Result<()> {
        if self.case_id.is_none() {
            return Err(Error::from(crate::error::Detail::MissingField {
                field: "case_id".into(),
                reason: format!(
                    "interaction `{}` is fed as a case event, so it must name its case",
                    self.id
                ),
            }));
        }
        self.validate()
    }

    /// Whether this is the customer reaching out and waiting for an answer: an inbound message,
    /// missed call or voicemail by the customer. (A call or visit that took place was answered
    /// live.) A voicemail never returned is the classic failure this flags.
    ///
    /// # Example
    ///
    /// ```
    /// # let json = r#"{"id": "v", "customer_id": "c", "at": "2025-01-05T09:00:00Z",
    /// #   "channel": "voicemail", "direction": "inbound", "actor": {"type": "customer"}, "kind": "voicemail"}"#;
    /// let voicemail: kesher::interaction::Interaction = serde_json::from_str(json)?;
    /// assert!(voicemail.awaits_answer());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn awaits_answer(&self) -> bool {
        self.direction == Direction::Inbound
            && self.actor == Actor::Customer
            && matches!(
                self.kind,
                InteractionKind::Message | InteractionKind::MissedCall | InteractionKind::Voicemail
            )
    }

    /// Whether this is a contact initiated by the customer (message, call, missed call, voicemail
    /// or visit). Survey answers are feedback, not contacts.
    ///
    /// # Example
    ///
    /// ```
    /// # let json = r#"{"id": "v", "customer_id": "c", "at": "2025-01-05T09:00:00Z",
    /// #   "channel": "phone", "direction": "inbound", "actor": {"type": "customer"}, "kind": "call"}"#;
    /// let call: kesher::interaction::Interaction = serde_json::from_str(json)?;
    /// assert!(call.is_customer_contact());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn is_customer_contact(&self) -> bool {
        self.direction == Direction::Inbound
            && self.actor == Actor::Customer
            && matches!(
                self.kind,
                InteractionKind::Message
                    | InteractionKind::Call
                    | InteractionKind::MissedCall
                    | InteractionKind::Voicemail
                    | InteractionKind::Visit
            )
    }

    /// Whether this answers the customer: an outbound message, call, visit or follow-up by an agent
    /// or a bot. Acknowledgements ("we got it"), notes, transfers and status changes do not answer.
    ///
    /// # Example
    ///
    /// ```
    /// # let json = r#"{"id": "r", "customer_id": "c", "at": "2025-01-05T09:00:00Z",
    /// #   "channel": "email", "direction": "outbound", "actor": {"type": "bot"}, "kind": "acknowledgement"}"#;
    /// let ack: kesher::interaction::Interaction = serde_json::from_str(json)?;
    /// assert!(!ack.is_answer());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn is_answer(&self) -> bool {
        self.direction == Direction::Outbound
            && matches!(self.actor, Actor::Agent { .. } | Actor::Bot { .. })
            && matches!(
                self.kind,
                InteractionKind::Message
                    | InteractionKind::Call
                    | InteractionKind::Visit
                    | InteractionKind::FollowUp
            )
    }

    /// Whether this is an answer by a person ([`Interaction::is_answer`] by an agent): what "first
    /// human response" measures. Bots and automatic acknowledgements never count.
    ///
    /// # Example
    ///
    /// ```
    /// # let json = r#"{"id": "r", "customer_id": "c", "at": "2025-01-05T09:00:00Z", "channel": "email",
    /// #   "direction": "outbound", "actor": {"type": "agent", "id": "a"}, "kind": "message"}"#;
    /// let reply: kesher::interaction::Interaction = serde_json::from_str(json)?;
    /// assert!(reply.is_human_answer());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn is_human_answer(&self) -> bool {
        self.is_answer() && self.actor.is_human()
    }

    /// Whether the customer sees this interaction: everything but internal notes, transfers and
    /// status changes.
    ///
    /// # Example
    ///
    /// ```
    /// # let json = r#"{"id": "n", "customer_id": "c", "at": "2025-01-05T09:00:00Z", "channel": "email",
    /// #   "direction": "outbound", "actor": {"type": "agent", "id": "a"}, "kind": "internal_note"}"#;
    /// let note: kesher::interaction::Interaction = serde_json::from_str(json)?;
    /// assert!(!note.is_customer_visible());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn is_customer_visible(&self) -> bool {
        !matches!(
            self.kind,
            InteractionKind::InternalNote
                | InteractionKind::Transfer
                | InteractionKind::StatusChange
        )
    }

    /// Whether this happened on a public channel (word of mouth): see [`Channel::is_public`].
    ///
    /// # Example
    ///
    /// ```
    /// # let json = r#"{"id": "n", "customer_id": "c", "at": "2025-01-05T09:00:00Z", "channel": "facebook_page",
    /// #   "direction": "inbound", "actor": {"type": "customer"}, "kind": "message"}"#;
    /// let post: kesher::interaction::Interaction = serde_json::from_str(json)?;
    /// assert!(post.is_public());
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn is_public(&self) -> bool {
        self.channel.is_public() && self.is_customer_visible()
    }
}
