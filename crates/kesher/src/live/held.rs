//! The events a live case is folded from, held so that a late event merges by instant.

use crate::case::Folding;
use crate::{
    case::{Case, CaseLog, RejectedEvent, TurnPolicy},
    event::CaseEvent,
};
use chrono::{DateTime, Utc};

/// A live case's fold and what it needs to fold again: the case's interactions are held once,
/// in the case's log; `others` holds every other event (and any interaction the fold could
/// not take).
///
/// An event later than every event held is applied to the fold directly (the common case: a
/// CRM's events mostly come in order); an earlier one, or an `opened`, folds everything again.
#[derive(Debug, Clone, Default)]
pub(super) struct Held {
    pub(super) case: Option<Case>,
    pub(super) others: Vec<CaseEvent>,
    pub(super) rejected: Vec<RejectedEvent>,
    /// Whether the fold applied an `opened` event (a case does not record it).
    opened: bool,
    /// The latest (instant, seq) held.
    last: Option<(DateTime<Utc>, u64)>,
    pub(super) policy: TurnPolicy,
}

impl Held {
    /// Takes one event (already validated and of this case); returns the rejections it brought.
    pub(super) fn add(&mut self, event: CaseEvent) -> Vec<RejectedEvent> {
        let key = event.order_key();
        let later = self.last.map_or(true, |last| key > last);
        self.last = Some(self.last.map_or(key, |last| last.max(key)));
        match self.case.take() {
            Some(case) if later && !matches!(event, CaseEvent::Opened(_)) => {
                self.apply(case, event)
            }
            case => {
                self.case = case;
                self.refold(Some(event))
            }
        }
    }

    /// Applies an event later than all held to the fold.
    fn apply(&mut self, case: Case, event: CaseEvent) -> Vec<RejectedEvent> {
        let event_type = event.type_name();
        let mut folding = Folding::resume(case, self.opened);
        let result = match event {
            CaseEvent::Interaction(_) => folding.apply_owned(event),
            other => {
                let result = folding.apply(&other);
                self.others.push(other);
                result
            }
        };
        let mut fresh = Vec::new();
        if let Err(error) = result {
            fresh.push(RejectedEvent {
                origin: 0,
                event_type,
                error,
            });
            self.rejected.extend(fresh.iter().cloned());
        }
        // A resumed fold has its customer and channel, so it finishes.
        self.case = folding.finish().ok();
        fresh
    }

    /// Folds every event held (and `event`) again.
    pub(super) fn refold(&mut self, event: Option<CaseEvent>) -> Vec<RejectedEvent> {
        let mut log = CaseLog::default();
        log.set_turn_policy(self.policy);
        let logged = self.case.take().map(Case::into_log).unwrap_or_default();
        let held = std::mem::take(&mut self.others);
        let all = logged
            .into_iter()
            .map(CaseEvent::Interaction)
            .chain(held)
            .chain(event);
        for (n, e) in all.enumerate() {
            self.last = Some(self.last.map_or(e.order_key(), |l| l.max(e.order_key())));
            log.insert_with_origin(e, n as u64 + 1);
        }
        let outcome = log.fold_lenient();
        let refused: Vec<u64> = outcome.rejected.iter().map(|r| r.origin).collect();
        self.opened = false;
        for (e, origin) in log.all() {
            let taken = !refused.contains(origin);
            self.opened |= taken && matches!(e, CaseEvent::Opened(_));
            if !taken || !matches!(e, CaseEvent::Interaction(_)) {
                self.others.push(e.clone());
            }
        }
        let rejected: Vec<RejectedEvent> = outcome
            .rejected
            .into_iter()
            .map(|r| RejectedEvent { origin: 0, ..r })
            .collect();
        let fresh = rejected
            .iter()
            .filter(|r| !self.rejected.contains(r))
            .cloned()
            .collect();
        self.rejected = rejected;
        self.case = outcome.case;
        fresh
    }
}
