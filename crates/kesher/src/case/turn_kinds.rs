//! What each customer message of a case does ([`TurnKind`]), read once and kept.
//!
//! The case's facts (first contact resolution, unanswered messages), its emotion journey,
//! its recurring-problem digest and its retention signals all ask whether a customer's message
//! is thanks or a confirmation. Reading a message's phrases (and, for a closing candidate, its
//! sentiment) is the costly part of each answer, so a case keeps every answer it has read: a
//! byte per log entry, allocated on the first question, filled as questions come. The answers
//! follow from the log alone, which never changes after the fold, so a kept answer is never
//! stale; threads asking at once may both read a message and store the same answer.

use crate::interaction::Interaction;
use crate::text::TurnKind;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

/// Not read yet.
const UNREAD: u8 = 0;

/// The turn kinds read so far, one slot per log entry.
#[derive(Default)]
pub(crate) struct TurnKinds {
    slots: OnceLock<Box<[AtomicU8]>>,
}

impl TurnKinds {
    /// What entry `k` of `log` does: `None` for anything but a customer's message with text.
    pub(crate) fn get(&self, log: &[Interaction], k: usize) -> Option<TurnKind> {
        let i = log.get(k)?;
        if !is_read(i) {
            return None;
        }
        let slots = self
            .slots
            .get_or_init(|| log.iter().map(|_| AtomicU8::new(UNREAD)).collect());
        let Some(slot) = slots.get(k) else {
            return read(i);
        };
        if let Some(kind) = decode(slot.load(Ordering::Relaxed)) {
            return Some(kind);
        }
        let kind = read(i)?;
        slot.store(encode(kind), Ordering::Relaxed);
        Some(kind)
    }
}

/// Whether `i` has a turn kind: a customer's message with text.
fn is_read(i: &Interaction) -> bool {
    i.text.is_some() && i.is_customer_contact()
}

/// What `i` does, read now: `None` for anything but a customer's message with text.
pub(crate) fn read(i: &Interaction) -> Option<TurnKind> {
    let text = i.text.as_deref().filter(|_| is_read(i))?;
    Some(TurnKind::classify(text, None))
}

fn encode(kind: TurnKind) -> u8 {
    match kind {
        TurnKind::Thanks => 1,
        TurnKind::Confirmation => 2,
        TurnKind::Problem => 3,
        TurnKind::Complaint => 4,
    }
}

fn decode(slot: u8) -> Option<TurnKind> {
    TurnKind::ALL
        .get(usize::from(slot).checked_sub(1)?)
        .copied()
}

/// A copy starts with nothing read (the answers are derived, and cheap to read again).
impl Clone for TurnKinds {
    fn clone(&self) -> TurnKinds {
        TurnKinds::default()
    }
}

impl std::fmt::Debug for TurnKinds {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TurnKinds").finish_non_exhaustive()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_kind_survives_its_slot() {
        for kind in TurnKind::ALL {
            assert_eq!(decode(encode(kind)), Some(kind));
        }
        assert_eq!(decode(UNREAD), None);
    }

    fn message(text: &str, inbound: bool) -> Interaction {
        let (direction, actor) = if inbound {
            ("inbound", r#"{"type": "customer"}"#)
        } else {
            ("outbound", r#"{"type": "agent", "id": "noa"}"#)
        };
        let json = format!(
            r#"{{"id": "m", "customer_id": "c", "at": "2025-01-05T09:00:00Z", "channel": "twitter",
                "direction": "{direction}", "actor": {actor}, "kind": "message", "text": {}}}"#,
            serde_json::to_string(text).unwrap_or_default()
        );
        serde_json::from_str(&json).unwrap_or_else(|e| panic!("{e}"))
    }

    /// A case answers for the entries of its own log from what it kept, and reads an
    /// interaction from elsewhere (a copy of an entry, at another address) anew: the same answer.
    #[test]
    fn a_case_answers_for_its_entries_and_for_copies() -> crate::Result<()> {
        let mut log = crate::case::CaseLog::default();
        for (seq, (text, inbound)) in [
            ("my router is down", true),
            ("Fixed now.", false),
            ("thanks!", true),
        ]
        .into_iter()
        .enumerate()
        {
            let mut m = message(text, inbound);
            m.case_id = Some(crate::id::CaseId::new("T")?);
            m.seq = seq as u64;
            m.at += chrono::TimeDelta::minutes(seq as i64);
            m.id = crate::id::InteractionId::new(format!("m{seq}"))?;
            log.insert(crate::event::CaseEvent::Interaction(m));
        }
        let case = log.fold()?;
        let kinds: Vec<_> = case.log().iter().map(|i| case.turn_kind_of(i)).collect();
        assert_eq!(
            kinds,
            [Some(TurnKind::Problem), None, Some(TurnKind::Thanks)]
        );
        let copies: Vec<_> = case
            .log()
            .iter()
            .map(|i| case.turn_kind_of(&i.clone()))
            .collect();
        assert_eq!(copies, kinds);
        assert!(case.is_closing_turn(&case.log()[2]));
        Ok(())
    }

    proptest! {
        /// A kept answer, asked once or twice, in any order, is the classifier's own; an
        /// answer's message by the team has none.
        #[test]
        fn kept_answers_are_the_classifier_s(
            texts in prop::collection::vec(
                prop::sample::select(vec![
                    "thanks, great service!", "yes, it works now", "it still doesn't work",
                    "cancel my account", "תודה רבה", "למה זה לא עובד?", "ok", "",
                ]),
                1..8,
            ),
            inbound in prop::collection::vec(any::<bool>(), 8),
            order in prop::collection::vec(0usize..8, 1..16),
        ) {
            let log: Vec<Interaction> = texts
                .iter()
                .zip(&inbound)
                .map(|(t, &i)| message(t, i))
                .collect();
            let kinds = TurnKinds::default();
            for &k in &order {
                let expected = log
                    .get(k)
                    .filter(|i| i.is_customer_contact())
                    .and_then(|i| i.text.as_deref())
                    .map(|t| TurnKind::classify(t, None));
                prop_assert_eq!(kinds.get(&log, k), expected);
                prop_assert_eq!(kinds.get(&log, k), expected);
            }
        }
    }
}
