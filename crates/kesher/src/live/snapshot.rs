//! A live case as one JSON document, and back.

use super::case::LiveCase;
use crate::{
    case::Case,
    error::{Error, Result},
    event::CaseEvent,
    id::CaseId,
    sla::CaseSla,
};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// The stored form. The case's interactions are stored once, in the case's log; `events` holds
/// every other event (and any interaction the case could not take), so that a late event can be
/// merged by instant.
/// `E` is [`CaseEvent`] when written and a JSON value when read: each event is then read by
/// [`CaseEvent::from_value`], as every event kesher reads, instead of serde's derive for a
/// tagged enum (which buffers every object and, in the WebAssembly package, costs tens of KB).
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Snapshot<E> {
    /// The version of this shape.
    kesher_live_case: u32,
    case_id: CaseId,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    case: Option<Case>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    events: Vec<E>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    seen_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sla: Option<CaseSla>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::option"
    )]
    wake_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    escalated: Vec<String>,
}

const VERSION: u32 = 1;

impl LiveCase {
    /// The case as one JSON document: the folded case (its documented JSON), the events that
    /// are not in its interaction log, the SLA targets and the instant of the last reading, and
    /// the next wake-up. A host stores this instead of the case's history.
    ///
    /// # Example
    ///
    /// See [`LiveCase`].
    pub fn to_snapshot(&self) -> String {
        let snapshot = Snapshot {
            kesher_live_case: VERSION,
            case_id: self.id.clone(),
            case: self.held.case.clone(),
            events: self.held.others.clone(),
            seen_at: self.seen_at,
            sla: self.sla.clone(),
            wake_at: self.wake_at,
            escalated: self.escalated.iter().cloned().collect(),
        };
        serde_json::to_string(&snapshot).unwrap_or_default()
    }

    /// Resumes a case from [`LiveCase::to_snapshot`]'s document. The events are folded again and
    /// must give the stored case, so a snapshot edited by hand is refused rather than trusted.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidJson`](crate::ErrorKind::InvalidJson) naming the path for a malformed document; [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput)
    /// for another version, an event's own errors, an event of another case, or a `case` that
    /// its events do not give.
    ///
    /// # Example
    ///
    /// ```
    /// let err = kesher::live::LiveCase::from_snapshot(r#"{"kesher_live_case": 9, "case_id": "T"}"#)
    ///     .unwrap_err();
    /// assert_eq!(err.field(), Some("kesher_live_case"));
    /// ```
    pub fn from_snapshot(text: &str) -> Result<LiveCase> {
        let snapshot: Snapshot<serde_json::Value> = crate::support::json::from_str(text)?;
        if snapshot.kesher_live_case != VERSION {
            return Err(Error::invalid(
                "kesher_live_case",
                snapshot.kesher_live_case,
                format!("this kesher reads live-case snapshots of version {VERSION}"),
            ));
        }
        let mut live = LiveCase::new(snapshot.case_id);
        let mut events = Vec::with_capacity(snapshot.events.len());
        for (n, value) in snapshot.events.into_iter().enumerate() {
            let field = format!("events[{n}]");
            let event = CaseEvent::from_value(value).map_err(|e| within(&field, e))?;
            if event.case_id() != Some(&live.id) {
                let named = event.case_id().map_or("", |c| c.as_str()).to_string();
                return Err(Error::invalid(
                    format!("{field}.case_id"),
                    named,
                    format!("the snapshot is of case `{}`", live.id),
                ));
            }
            events.push(event);
        }
        if let Some(case) = &snapshot.case {
            live.held.policy = case.turn_policy();
        }
        live.held.case = snapshot.case.clone();
        live.held.others = events;
        live.held.refold(None);
        if live.held.case != snapshot.case {
            return Err(Error::invalid(
                "case",
                live.id.as_str(),
                "the stored case is not the fold of the snapshot's events",
            ));
        }
        live.seen_at = snapshot.seen_at;
        live.sla = snapshot.sla;
        live.wake_at = snapshot.wake_at;
        live.escalated = snapshot.escalated.into_iter().collect();
        Ok(live)
    }
}

/// An event's error, its field placed under the event's position in the snapshot.
fn within(position: &str, e: Error) -> Error {
    e.within(position)
}
