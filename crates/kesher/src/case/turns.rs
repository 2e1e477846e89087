//! How the fold treats what a customer's message does ([`crate::text::TurnKind`]).

use crate::{
    interaction::{Interaction, InteractionKind},
    status::CaseStatus,
};
use serde::{Deserialize, Serialize};

/// How the case fold treats a customer's closing turns: thanks ("thanks, great service!",
/// "תודה רבה") and confirmations ("yes, it works now", "הסתדר"), as
/// [`TurnKind::classify`](crate::text::TurnKind::classify) reads the message text.
///
/// By default (every field `false`) a closing turn that comes **after an answer or a
/// resolution**:
/// - does not reopen a `resolved` case (a new problem, a question or a complaint still does);
/// - is not an unanswered message ([`crate::case::CaseFacts::unanswered_inbound`]);
/// - is not a further contact that costs first contact resolution.
///
/// A closing turn before any answer is a contact like any other (a customer who opens with
/// "thanks in advance" still waits for an answer). Messages without text (calls, voicemails)
/// are never closing turns. A field set to `true` restores the old reading for that effect.
///
/// JSON: any subset of the fields, such as `{"closing_turns_reopen": true}`.
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::{CaseLog, TurnPolicy}, CaseStatus};
///
/// let events = [
///     r#"{"type": "interaction", "case_id": "T", "seq": 1, "id": "q", "customer_id": "c",
///         "at": "2025-01-05T09:00:00Z", "channel": "twitter", "direction": "inbound",
///         "actor": {"type": "customer"}, "kind": "message", "text": "my router is down"}"#,
///     r#"{"type": "interaction", "case_id": "T", "seq": 2, "id": "a", "customer_id": "c",
///         "at": "2025-01-05T09:20:00Z", "channel": "twitter", "direction": "outbound",
///         "actor": {"type": "agent", "id": "noa"}, "kind": "message", "text": "Fixed on our side."}"#,
///     r#"{"type": "status_changed", "case_id": "T", "seq": 3, "at": "2025-01-05T09:21:00Z", "to": "resolved"}"#,
///     r#"{"type": "interaction", "case_id": "T", "seq": 4, "id": "t", "customer_id": "c",
///         "at": "2025-01-05T09:30:00Z", "channel": "twitter", "direction": "inbound",
///         "actor": {"type": "customer"}, "kind": "message", "text": "thanks, great service!"}"#,
/// ];
/// let mut log = CaseLog::default();
/// for e in events {
///     log.insert(CaseEvent::from_json(e)?);
/// }
/// let case = log.fold()?;
/// assert_eq!(case.status(), CaseStatus::Resolved);
/// assert!(case.facts().first_contact_resolved);
/// assert!(case.facts().unanswered_inbound.is_empty());
///
/// log.set_turn_policy(TurnPolicy { closing_turns_reopen: true, ..TurnPolicy::default() });
/// assert_eq!(log.fold()?.status(), CaseStatus::Reopened);
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TurnPolicy {
    /// A closing turn reopens a resolved case.
    pub closing_turns_reopen: bool,
    /// A closing turn awaits an answer like any message.
    pub closing_turns_await_answer: bool,
    /// A closing turn after the first response is a further contact (no first contact
    /// resolution).
    pub closing_turns_are_contacts: bool,
}

impl TurnPolicy {
    /// Whether every field is the default.
    pub(crate) fn is_default(&self) -> bool {
        *self == TurnPolicy::default()
    }

    /// The status an interaction moves a case in `status` to under this policy (`None`: it
    /// leaves the status as it is). The fold applies exactly this; an importer that adds
    /// explicit status changes among interactions uses it to know where the case stands.
    ///
    /// An acknowledgement moves a received case to acknowledged; an answer by a person moves a
    /// received, acknowledged or reopened case to in progress, as does a customer's message to
    /// a case waiting on them; a customer's message reopens a resolved case unless it is a
    /// closing turn (thanks, a confirmation) and the policy keeps those from reopening.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{CaseStatus, interaction::Interaction, case::TurnPolicy};
    /// let thanks: Interaction = serde_json::from_str(r#"{"id": "m", "customer_id": "c",
    ///     "at": "2025-01-05T09:00:00Z", "channel": "chat", "direction": "inbound",
    ///     "actor": {"type": "customer"}, "kind": "message", "text": "thanks, it works now!"}"#).unwrap();
    /// assert_eq!(TurnPolicy::default().status_after(CaseStatus::Resolved, &thanks), None);
    /// let reopen = TurnPolicy { closing_turns_reopen: true, ..Default::default() };
    /// assert_eq!(reopen.status_after(CaseStatus::Resolved, &thanks), Some(CaseStatus::Reopened));
    /// ```
    pub fn status_after(&self, status: CaseStatus, i: &Interaction) -> Option<CaseStatus> {
        use CaseStatus::*;
        let answer = i.is_answer() && matches!(status, Received | Acknowledged | Reopened);
        let contact = i.is_customer_contact();
        if i.kind == InteractionKind::Acknowledgement && status == Received {
            Some(Acknowledged)
        } else if answer || (contact && status == WaitingOnCustomer) {
            Some(InProgress)
        } else if contact
            && status == Resolved
            && (self.closing_turns_reopen || !is_closing_turn(i))
        {
            Some(Reopened)
        } else {
            None
        }
    }
}

/// Whether `i` is a customer's closing turn (thanks or a confirmation) by its text.
pub(crate) fn is_closing_turn(i: &Interaction) -> bool {
    i.is_customer_contact() && i.text.as_deref().is_some_and(crate::text::is_closing_text)
}
