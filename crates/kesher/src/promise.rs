//! Promises: commitments made to a customer (a callback, a credit, a delivery date, an answer
//! time), each with an owner, a channel and a due instant, and their state derived from what
//! happened later. The ledger of a case and the promise guard are in [`crate::ledger::ledger`].

use crate::{
    channel::Channel,
    id::{AgentId, CaseId},
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What was promised.
///
/// # Example
///
/// ```
/// let k: kesher::promise::PromiseKind = serde_json::from_str("\"callback\"").unwrap();
/// assert_eq!(k, kesher::promise::PromiseKind::Callback);
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
/// let e = kesher::event::CaseEvent::from_json(r#"{"type": "promise_made", "case_id": "T-1", "at": "2025-01-05T09:00:00Z",
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
/// let e = kesher::event::CaseEvent::from_json(r#"{"type": "promise_kept", "case_id": "T-1", "at": "2025-01-05T11:00:00Z", "promise_id": "p1"}"#)?;
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
/// assert_eq!(serde_json::to_string(&kesher::promise::PromiseState::KeptLate).unwrap(), "\"kept_late\"");
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
/// use kesher::{event::CaseEvent, case::CaseLog, promise::PromiseState};
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
