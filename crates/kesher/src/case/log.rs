//! Event logs of cases, and folding them.

use super::{Case, Folding, TurnPolicy};
use crate::{CaseEvent, CaseId, Error, Result};
use std::collections::HashMap;

/// The events of one case, kept in fold order (by instant, then sequence number).
///
/// Insert events in any order; [`CaseLog::fold`] gives the same case for the same set of events.
/// An event identical to one already present (an at-least-once delivery replayed) is kept once.
/// Two *different* events with the same instant and sequence number are a conflict: the fold
/// cannot know which comes first, so [`CaseLog::fold`] fails with
/// [`Error::ConflictingEvent`] and [`CaseLog::fold_lenient`] rejects both.
///
/// Each event may carry an `origin` (a line number, an offset…), a number the caller chooses that
/// is echoed back in [`RejectedEvent`]s.
///
/// # Example
///
/// ```
/// use kesher::{CaseEvent, CaseLog};
///
/// let lines = [
///   r#"{"type": "opened", "case_id": "T", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "chat"}"#,
///   r#"{"type": "status_changed", "case_id": "T", "seq": 2, "at": "2025-01-05T09:10:00Z", "to": "closed"}"#,
///   r#"{"type": "status_changed", "case_id": "T", "seq": 1, "at": "2025-01-05T09:05:00Z", "to": "in_progress"}"#,
/// ];
/// let mut log = CaseLog::default();
/// for (line, text) in lines.iter().enumerate() {
///     log.insert_with_origin(CaseEvent::from_json(text)?, line as u64 + 1);
/// }
/// // in_progress → closed is illegal: the strict fold fails, the lenient one skips the event.
/// assert_eq!(log.fold().unwrap_err().kind(), kesher::ErrorKind::IllegalTransition);
/// let outcome = log.fold_lenient();
/// assert_eq!(outcome.rejected.len(), 1);
/// assert_eq!(outcome.rejected[0].origin, 2);
/// assert_eq!(outcome.case.map(|c| c.status()), Some(kesher::CaseStatus::InProgress));
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CaseLog {
    events: Vec<(CaseEvent, u64)>,
    duplicates: u64,
    /// Whether two different events share an instant and sequence number (found at insert, so
    /// folds need no extra pass).
    conflicted: bool,
    /// How customers' closing turns are read.
    policy: TurnPolicy,
}

/// An event a lenient fold could not apply, with the caller's origin and the reason.
///
/// # Example
///
/// See [`CaseLog`].
#[derive(Debug, Clone, PartialEq)]
pub struct RejectedEvent {
    /// The origin the caller gave the event (0 when none was given).
    pub origin: u64,
    /// The event's `type`.
    pub event_type: &'static str,
    /// Why it was rejected.
    pub error: Error,
}

/// What a lenient fold produced: the case (unless nothing usable was left) and every event it
/// could not apply.
///
/// # Example
///
/// See [`CaseLog`].
#[derive(Debug, Clone, PartialEq)]
pub struct FoldOutcome {
    /// The case, or `None` when the events could not make one (every event is then rejected).
    pub case: Option<Case>,
    /// The events left out, in fold order.
    pub rejected: Vec<RejectedEvent>,
}

impl CaseLog {
    /// Sets how the fold reads customers' closing turns (thanks, confirmations); the default
    /// is [`TurnPolicy::default`].
    ///
    /// # Example
    ///
    /// See [`TurnPolicy`].
    pub fn set_turn_policy(&mut self, policy: TurnPolicy) {
        self.policy = policy;
    }

    /// Adds an event (origin 0).
    ///
    /// # Example
    ///
    /// See [`CaseLog`].
    pub fn insert(&mut self, event: CaseEvent) {
        self.insert_with_origin(event, 0);
    }

    /// Adds an event with the caller's origin (such as its line number).
    ///
    /// # Example
    ///
    /// See [`CaseLog`].
    pub fn insert_with_origin(&mut self, event: CaseEvent, origin: u64) {
        let key = event.order_key();
        // Insert after every event with a key ≤ this one: appending in order stays O(1).
        let at = self.events.partition_point(|(e, _)| e.order_key() <= key);
        let before = self.events.get(..at).unwrap_or_default();
        let mut same_key = before
            .iter()
            .rev()
            .take_while(|(e, _)| e.order_key() == key);
        let mut same = false;
        for (e, _) in same_key.by_ref() {
            if *e == event {
                self.duplicates += 1;
                return;
            }
            same = true;
        }
        self.conflicted |= same;
        self.events.insert(at, (event, origin));
    }

    /// How many events the log holds (identical duplicates counted once).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::CaseLog::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether the log holds no event.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::CaseLog::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// How many inserted events were identical duplicates and kept once.
    ///
    /// # Example
    ///
    /// ```
    /// let e = kesher::CaseEvent::from_json(r#"{"type": "assigned", "case_id": "T", "at": "2025-01-05T09:00:00Z", "agent": "a"}"#)?;
    /// let mut log = kesher::CaseLog::default();
    /// log.insert(e.clone());
    /// log.insert(e);
    /// assert_eq!((log.len(), log.duplicates()), (1, 1));
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn duplicates(&self) -> u64 {
        self.duplicates
    }

    /// The events in fold order.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::CaseLog::default().events().count(), 0);
    /// ```
    pub fn events(&self) -> impl Iterator<Item = &CaseEvent> {
        self.events.iter().map(|(e, _)| e)
    }

    /// Positions of events that share an instant and sequence number with a different event.
    fn conflicts(&self) -> Vec<bool> {
        let mut conflicted = vec![false; self.events.len()];
        let mut start = 0;
        while start < self.events.len() {
            let key = self.events.get(start).map(|(e, _)| e.order_key());
            let end = start
                + self
                    .events
                    .get(start..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|(e, _)| Some(e.order_key()) == key)
                    .count();
            if end - start > 1 {
                for flag in conflicted.iter_mut().take(end).skip(start) {
                    *flag = true;
                }
            }
            start = end;
        }
        conflicted
    }

    /// Folds the events into a case; the first problem is an error.
    ///
    /// # Errors
    ///
    /// [`Error::ConflictingEvent`] for two different events with the same instant and sequence
    /// number; any error of an event's validation or of the status machine
    /// ([`Error::IllegalTransition`]); [`Error::MissingField`] when no event names the customer or
    /// the channel, or the log is empty.
    ///
    /// # Example
    ///
    /// See [`CaseLog`].
    pub fn fold(&self) -> Result<Case> {
        self.check_conflicts()?;
        fold_strict(
            self.case_id(),
            self.policy,
            self.events.iter().map(|(e, _)| e),
        )
    }

    /// [`CaseLog::fold`] consuming the log: interactions move into the case instead of being
    /// copied (the fast path when the events are not needed afterwards).
    ///
    /// # Errors
    ///
    /// As [`CaseLog::fold`].
    ///
    /// # Example
    ///
    /// ```
    /// let mut log = kesher::CaseLog::default();
    /// log.insert(kesher::CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1",
    ///     "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "sms"}"#)?);
    /// assert_eq!(log.clone().into_case()?, log.fold()?);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn into_case(self) -> Result<Case> {
        self.check_conflicts()?;
        let id = self.case_id();
        fold_strict(id, self.policy, self.events.into_iter().map(|(e, _)| e))
    }

    /// The strict fold's first check: two different events with one key.
    fn check_conflicts(&self) -> Result<()> {
        if !self.conflicted {
            return Ok(());
        }
        let id = self.case_id().ok_or_else(empty)?;
        match self.conflicts().iter().position(|c| *c) {
            Some(i) => Err(Error::ConflictingEvent {
                case_id: id.to_string(),
                seq: self.events.get(i).map_or(0, |(e, _)| e.seq()),
            }),
            None => Ok(()),
        }
    }

    /// Folds what can be folded: conflicting events and events the case cannot take are left out
    /// and reported, the rest applied. If no case can be made, every event is reported.
    ///
    /// # Example
    ///
    /// See [`CaseLog`].
    pub fn fold_lenient(&self) -> FoldOutcome {
        let meta: Vec<(&'static str, u64)> = self
            .events
            .iter()
            .map(|(e, o)| (e.type_name(), *o))
            .collect();
        fold_lenient(
            self.case_id(),
            self.policy,
            self.conflicted.then(|| self.conflicts()),
            meta,
            self.events.iter().map(|(e, _)| e),
        )
    }

    /// [`CaseLog::fold_lenient`] consuming the log (see [`CaseLog::into_case`]).
    ///
    /// # Example
    ///
    /// ```
    /// let mut log = kesher::CaseLog::default();
    /// log.insert(kesher::CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1",
    ///     "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "sms"}"#)?);
    /// assert_eq!(log.clone().into_outcome(), log.fold_lenient());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn into_outcome(self) -> FoldOutcome {
        let meta: Vec<(&'static str, u64)> = self
            .events
            .iter()
            .map(|(e, o)| (e.type_name(), *o))
            .collect();
        let (id, conflicts) = (self.case_id(), self.conflicted.then(|| self.conflicts()));
        fold_lenient(
            id,
            self.policy,
            conflicts,
            meta,
            self.events.into_iter().map(|(e, _)| e),
        )
    }

    fn case_id(&self) -> Option<CaseId> {
        self.events.iter().find_map(|(e, _)| e.case_id().cloned())
    }
}

/// An event the fold can apply: borrowed (copied into the case) or owned (moved).
trait Feed {
    fn event(&self) -> &CaseEvent;
    fn feed(self, folding: &mut Folding) -> Result<()>;
}

impl Feed for &CaseEvent {
    fn event(&self) -> &CaseEvent {
        self
    }
    fn feed(self, folding: &mut Folding) -> Result<()> {
        folding.apply(self)
    }
}

impl Feed for CaseEvent {
    fn event(&self) -> &CaseEvent {
        self
    }
    fn feed(self, folding: &mut Folding) -> Result<()> {
        folding.apply_owned(self)
    }
}

fn fold_strict<F: Feed>(
    id: Option<CaseId>,
    policy: TurnPolicy,
    events: impl ExactSizeIterator<Item = F>,
) -> Result<Case> {
    let mut folding = Folding::new(id.ok_or_else(empty)?, events.len(), policy);
    for event in events {
        event.feed(&mut folding)?;
    }
    folding.finish()
}

fn fold_lenient<F: Feed>(
    id: Option<CaseId>,
    policy: TurnPolicy,
    conflicts: Option<Vec<bool>>,
    meta: Vec<(&'static str, u64)>,
    events: impl ExactSizeIterator<Item = F>,
) -> FoldOutcome {
    let mut errors: Vec<Option<Error>> = vec![None; meta.len()];
    let mut case = None;
    if let Some(id) = id {
        let mut folding = Folding::new(id.clone(), events.len(), policy);
        let conflicts = conflicts
            .into_iter()
            .flatten()
            .chain(std::iter::repeat(false));
        for ((event, conflict), slot) in events.zip(conflicts).zip(errors.iter_mut()) {
            let result = if conflict {
                Err(Error::ConflictingEvent {
                    case_id: id.to_string(),
                    seq: event.event().seq(),
                })
            } else {
                event.feed(&mut folding)
            };
            *slot = result.err();
        }
        match folding.finish() {
            Ok(folded) => case = Some(folded),
            Err(error) => fill(&mut errors, &error),
        }
    } else {
        fill(&mut errors, &empty());
    }
    let rejected = meta
        .into_iter()
        .zip(errors)
        .filter_map(|((event_type, origin), error)| {
            error.map(|error| RejectedEvent {
                origin,
                event_type,
                error,
            })
        })
        .collect();
    FoldOutcome { case, rejected }
}

fn fill(errors: &mut [Option<Error>], error: &Error) {
    for slot in errors.iter_mut().filter(|s| s.is_none()) {
        *slot = Some(error.clone());
    }
}

fn empty() -> Error {
    Error::MissingField {
        field: "events".into(),
        reason: "a case needs at least one event".into(),
    }
}

/// The event logs of many cases, partitioned by case id, in order of each case's first
/// appearance. This is the partitioning that lets cases be folded in parallel or on a cluster.
///
/// # Example
///
/// ```
/// use kesher::{CaseEvent, CaseLogs};
///
/// let mut logs = CaseLogs::default();
/// for text in [
///   r#"{"type": "assigned", "case_id": "B", "at": "2025-01-05T09:00:00Z", "agent": "a"}"#,
///   r#"{"type": "opened", "case_id": "A", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "sms"}"#,
///   r#"{"type": "opened", "case_id": "B", "at": "2025-01-05T08:00:00Z", "customer": {"id": "d"}, "channel": "chat"}"#,
/// ] {
///     logs.insert(CaseEvent::from_json(text)?)?;
/// }
/// let ids: Vec<&str> = logs.iter().map(|(id, _)| id.as_str()).collect();
/// assert_eq!(ids, ["B", "A"]);
/// let cases: Vec<_> = logs.iter().map(|(_, log)| log.fold()).collect::<Result<_, _>>()?;
/// assert_eq!(cases[0].assignee().map(|a| a.as_str()), Some("a"));
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct CaseLogs {
    index: HashMap<CaseId, usize>,
    logs: Vec<(CaseId, CaseLog)>,
}

impl CaseLogs {
    /// Adds an event to its case's log (origin 0).
    ///
    /// # Errors
    ///
    /// [`Error::MissingField`] for an interaction that names no case.
    ///
    /// # Example
    ///
    /// See [`CaseLogs`].
    pub fn insert(&mut self, event: CaseEvent) -> Result<()> {
        self.insert_with_origin(event, 0)
    }

    /// Adds an event with the caller's origin (such as its line number).
    ///
    /// # Errors
    ///
    /// [`Error::MissingField`] for an interaction that names no case.
    ///
    /// # Example
    ///
    /// See [`CaseLogs`].
    pub fn insert_with_origin(&mut self, event: CaseEvent, origin: u64) -> Result<()> {
        let id = event
            .case_id()
            .cloned()
            .ok_or_else(|| Error::MissingField {
                field: "case_id".into(),
                reason: "an interaction fed as a case event must name its case".into(),
            })?;
        let slot = match self.index.get(&id) {
            Some(slot) => *slot,
            None => {
                self.logs.push((id.clone(), CaseLog::default()));
                let slot = self.logs.len() - 1;
                self.index.insert(id, slot);
                slot
            }
        };
        if let Some((_, log)) = self.logs.get_mut(slot) {
            log.insert_with_origin(event, origin);
        }
        Ok(())
    }

    /// How many cases.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::CaseLogs::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.logs.len()
    }

    /// Whether there is no case.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::CaseLogs::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.logs.is_empty()
    }

    /// The case logs in order of first appearance.
    ///
    /// # Example
    ///
    /// See [`CaseLogs`].
    pub fn iter(&self) -> impl Iterator<Item = (&CaseId, &CaseLog)> {
        self.logs.iter().map(|(id, log)| (id, log))
    }

    /// The log of one case.
    ///
    /// # Example
    ///
    /// ```
    /// let logs = kesher::CaseLogs::default();
    /// assert!(logs.get(&kesher::CaseId::new("T")?).is_none());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn get(&self, id: &CaseId) -> Option<&CaseLog> {
        self.index
            .get(id)
            .and_then(|slot| self.logs.get(*slot))
            .map(|(_, log)| log)
    }
}

impl IntoIterator for CaseLogs {
    type Item = (CaseId, CaseLog);
    type IntoIter = std::vec::IntoIter<(CaseId, CaseLog)>;
    fn into_iter(self) -> Self::IntoIter {
        self.logs.into_iter()
    }
}
