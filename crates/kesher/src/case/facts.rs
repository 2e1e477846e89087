//! Facts derived from a folded case: the numbers a support manager looks at.

use crate::{
    case::StatusTransition, channel::Channel, id::InteractionId, interaction::Interaction,
    status::CaseStatus,
};
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Facts derived from a case's interaction log and status history. Durations are calendar
/// (wall-clock) time in seconds; business-time figures come from the SLA engine.
///
/// The rules:
/// - **first contact resolved**: the case is `resolved` or `closed`, was never reopened or
///   transferred, and the customer made no further contact after the first response (the first
///   answer, or a call or visit that took place). Internal notes, system messages, transfers as
///   notes and acknowledgements are not contacts. A "thanks!" after the answer counts as a further
///   contact: FCR measured this way is a lower bound.
/// - **first human response**: the first answer by an agent ([`Interaction::is_human_answer`]);
///   bots and acknowledgements never count.
/// - **back and forth**: how many times the conversation changed sides between customer contacts
///   and answers (one question and one answer is 1).
/// - **unanswered inbound**: customer messages, missed calls and voicemails
///   ([`Interaction::awaits_answer`]) with no answer ([`Interaction::is_answer`]) after them.
///
/// # Example
///
/// ```
/// use kesher::case::CaseLog;
///
/// let mut log = CaseLog::default();
/// for line in [
///   r#"{"type": "interaction", "case_id": "T", "seq": 1, "id": "q", "customer_id": "c", "at": "2025-01-05T09:00:00Z", "channel": "email", "direction": "inbound", "actor": {"type": "customer"}, "kind": "message"}"#,
///   r#"{"type": "interaction", "case_id": "T", "seq": 2, "id": "a", "customer_id": "c", "at": "2025-01-05T09:30:00Z", "channel": "email", "direction": "outbound", "actor": {"type": "agent", "id": "dana"}, "kind": "message"}"#,
///   r#"{"type": "status_changed", "case_id": "T", "seq": 3, "at": "2025-01-05T09:31:00Z", "to": "resolved"}"#,
/// ] {
///     log.insert(kesher::event::CaseEvent::from_json(line)?);
/// }
/// let case = log.fold()?;
/// let facts = case.facts();
/// assert!(facts.first_contact_resolved);
/// assert_eq!(facts.time_to_first_human_response.map(|d| d.num_minutes()), Some(30));
/// assert_eq!(facts.back_and_forth, 1);
/// assert!(facts.unanswered_inbound.is_empty());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFacts {
    /// Solved at the first contact (see the rules above).
    pub first_contact_resolved: bool,
    /// Contacts the customer made (messages, calls, missed calls, voicemails, visits).
    pub customer_contacts: u32,
    /// When an agent first answered.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub first_human_response_at: Option<DateTime<Utc>>,
    /// From the case's opening to the first human answer, in seconds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::seconds::option"
    )]
    pub time_to_first_human_response: Option<TimeDelta>,
    /// When the case last became resolved, if it is resolved or closed now.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    pub resolved_at: Option<DateTime<Utc>>,
    /// From the case's opening to `resolved_at`, in seconds.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::seconds::option"
    )]
    pub time_to_resolution: Option<TimeDelta>,
    /// How many times the conversation changed sides.
    pub back_and_forth: u32,
    /// Channels used, in order of first use.
    pub channels: Vec<Channel>,
    /// Customer messages, missed calls and voicemails never answered.
    pub unanswered_inbound: Vec<InteractionId>,
    /// How many times the case was reopened.
    pub reopened: u32,
    /// Whether any customer-visible interaction happened on a public channel.
    pub public: bool,
}

impl CaseFacts {
    /// Whether any inbound message, missed call or voicemail went unanswered.
    ///
    /// # Example
    ///
    /// See [`CaseFacts`].
    pub fn has_unanswered_inbound(&self) -> bool {
        !self.unanswered_inbound.is_empty()
    }

    /// The facts of a case's fields; `closing(k)` says whether log entry `k` is a customer's
    /// closing turn (the case keeps those answers, which its journey and insights ask too).
    pub(crate) fn derive(
        opened_at: DateTime<Utc>,
        log: &[Interaction],
        history: &[StatusTransition],
        status: CaseStatus,
        transfers: u32,
        policy: super::TurnPolicy,
        closing: impl Fn(usize) -> bool,
    ) -> CaseFacts {
        let contacts = log.iter().filter(|i| i.is_customer_contact()).count();
        let first_human = log.iter().find(|i| i.is_human_answer()).map(|i| i.at);
        let reopened = history
            .iter()
            .filter(|t| t.to == CaseStatus::Reopened)
            .count();
        let resolved_at = if matches!(status, CaseStatus::Resolved | CaseStatus::Closed) {
            history
                .iter()
                .rev()
                .find(|t| t.to == CaseStatus::Resolved)
                .map(|t| t.at)
        } else {
            None
        };

        // The first response: an answer, or a live contact (a call or visit that took place).
        let first_response = log.iter().position(|i| {
            i.is_answer()
                || (i.is_customer_contact()
                    && matches!(
                        i.kind,
                        crate::interaction::InteractionKind::Call
                            | crate::interaction::InteractionKind::Visit
                    ))
        });
        // A closing turn (thanks, a confirmation) after the first response is no further
        // contact, unless the policy says so.
        let further_contacts = match first_response {
            Some(p) => log.iter().enumerate().skip(p + 1).any(|(k, i)| {
                i.is_customer_contact() && (policy.closing_turns_are_contacts || !closing(k))
            }),
            None => contacts > 1,
        };
        let first_contact_resolved = resolved_at.is_some()
            && reopened == 0
            && transfers == 0
            && contacts >= 1
            && !further_contacts;

        let back_and_forth = back_and_forth(log);
        let mut channels: Vec<Channel> = Vec::new();
        for i in log {
            if !channels.contains(&i.channel) {
                channels.push(i.channel.clone());
            }
        }
        let unanswered = unanswered(log, resolved_at.is_some(), policy, &closing);
        CaseFacts {
            first_contact_resolved,
            customer_contacts: u32::try_from(contacts).unwrap_or(u32::MAX),
            first_human_response_at: first_human,
            time_to_first_human_response: first_human.map(|t| t - opened_at),
            resolved_at,
            time_to_resolution: resolved_at.map(|t| t - opened_at),
            back_and_forth,
            channels,
            unanswered_inbound: unanswered,
            reopened: u32::try_from(reopened).unwrap_or(u32::MAX),
            public: log.iter().any(|i| i.is_public()),
        }
    }
}

/// How many times the conversation changed hands, customer to team or back.
fn back_and_forth(log: &[Interaction]) -> u32 {
    let mut back_and_forth = 0u32;
    let mut side: Option<bool> = None;
    for i in log {
        let this = if i.is_customer_contact() {
            Some(true)
        } else if i.is_answer() {
            Some(false)
        } else {
            None
        };
        if let Some(this) = this {
            if side.is_some_and(|s| s != this) {
                back_and_forth += 1;
            }
            side = Some(this);
        }
    }
    back_and_forth
}

/// The messages after the last answer, which await one; a closing turn after an answer (or a
/// resolution) does not, unless the policy says so.
fn unanswered(
    log: &[Interaction],
    resolved: bool,
    policy: super::TurnPolicy,
    closing: &impl Fn(usize) -> bool,
) -> Vec<InteractionId> {
    let mut unanswered = Vec::new();
    let mut answered_after = false;
    let first_answer = log.iter().position(|i| i.is_answer());
    let answered_before = |k: usize| resolved || first_answer.is_some_and(|p| p < k);
    for (k, i) in log.iter().enumerate().rev() {
        if i.is_answer() {
            answered_after = true;
        } else if i.awaits_answer()
            && !answered_after
            && (policy.closing_turns_await_answer || !(answered_before(k) && closing(k)))
        {
            unanswered.push(i.id.clone());
        }
    }
    unanswered.reverse();
    unanswered
}
