//! Event logs of cases, and folding them.

use super::{Case, Folding, TurnPolicy};
use crate::{
    error::{Error, Result},
    event::CaseEvent,
    id::CaseId,
};
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashMap};

/// The events of one case, kept in fold order (by instant, then sequence number).
///
/// Insert events in any order; [`CaseLog::fold`] gives the same case for the same set of events.
/// An event identical to one already present (an at-least-once delivery replayed) is kept once.
/// Two *different* events with the same instant and sequence number are a conflict: the fold
/// cannot know which comes first, so [`CaseLog::fold`] fails with
/// [`ErrorKind::ConflictingEvent`](crate::ErrorKind::ConflictingEvent) and [`CaseLog::fold_lenient`] rejects both.
///
/// Each event may carry an `origin` (a line number, an offset…), a number the caller chooses that
/// is echoed back in [`RejectedEvent`]s.
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLog};
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
    /// The events by instant and sequence number, each key's events in the order they came
    /// (a B-tree: inserting in any order costs O(log n), so folding n events is O(n log n)
    /// whatever their order).
    events: BTreeMap<(DateTime<Utc>, u64, u32), (CaseEvent, u64)>,
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

/// What a lenient fold of many cases' events produced ([`fold_events`]): every case that could
/// be folded, in order of case id, and every event left out, in the order they were given.
///
/// # Example
///
/// See [`fold_events`].
#[derive(Debug, Clone, PartialEq)]
pub struct FoldResult {
    /// The cases.
    pub cases: Vec<Case>,
    /// The events left out, each with its position in the input as `origin` (its `event_type`
    /// is empty when the event could not even be read).
    pub rejected: Vec<RejectedEvent>,
}

/// Folds the events of any number of cases, in any order, leniently: `events` are the events as
/// read (an event that could not be read is its error), numbered from 0 in the order given.
/// Every case that can be folded is; every event that cannot be used, from a read error to one
/// the case's status machine refuses, is reported with its number. What the Python `fold` and
/// the JavaScript `foldEvents` give.
///
/// # Example
///
/// ```
/// use kesher::case::fold_events;
/// use kesher::event::CaseEvent;
///
/// let lines = [
///     r#"{"type": "opened", "case_id": "T-1", "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "sms"}"#,
///     r#"{"type": "opened", "case_id": "T-2", "at": "not a time", "customer": {"id": "c"}, "channel": "sms"}"#,
///     r#"{"type": "status_changed", "case_id": "T-1", "seq": 1, "at": "2025-01-05T10:00:00Z", "to": "closed"}"#,
/// ];
/// let folded = fold_events(lines.iter().map(|l| CaseEvent::from_json(l)));
/// assert_eq!(folded.cases.len(), 1);
/// let origins: Vec<u64> = folded.rejected.iter().map(|r| r.origin).collect();
/// assert_eq!(origins, [1, 2]); // an unreadable instant; open → closed is not a move
/// ```
pub fn fold_events(events: impl IntoIterator<Item = Result<CaseEvent>>) -> FoldResult {
    let mut logs = CaseLogs::default();
    let mut rejected = Vec::new();
    for (i, read) in events.into_iter().enumerate() {
        let origin = i as u64;
        let refused = |error: Error, event_type: &'static str| RejectedEvent {
            origin,
            event_type,
            error,
        };
        match read {
            Ok(e) => {
                let event_type = e.type_name();
                if let Err(err) = logs.insert_with_origin(e, origin) {
                    rejected.push(refused(err, event_type));
                }
            }
            Err(err) => rejected.push(refused(err, "")),
        }
    }
    let mut cases = Vec::new();
    for (_, log) in logs.iter() {
        let outcome = log.fold_lenient();
        rejected.extend(outcome.rejected);
        cases.extend(outcome.case);
    }
    crate::support::sorting::sort_by_key(&mut rejected, |r| r.origin);
    FoldResult { cases, rejected }
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
        let (at, seq) = event.order_key();
        // The events already at this instant and sequence number, in the order they came.
        let mut same = 0u32;
        for (e, _) in self
            .events
            .range((at, seq, 0)..=(at, seq, u32::MAX))
            .map(|(_, v)| v)
        {
            if *e == event {
                self.duplicates += 1;
                return;
            }
            same += 1;
        }
        self.conflicted |= same > 0;
        self.events.insert((at, seq, same), (event, origin));
    }

    /// Every event with its origin, in fold order.
    pub(crate) fn all(&self) -> impl Iterator<Item = &(CaseEvent, u64)> {
        self.events.values()
    }

    /// How many events the log holds (identical duplicates counted once).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::case::CaseLog::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether the log holds no event.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::case::CaseLog::default().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// How many inserted events were identical duplicates and kept once.
    ///
    /// # Example
    ///
    /// ```
    /// let e = kesher::event::CaseEvent::from_json(r#"{"type": "assigned", "case_id": "T", "at": "2025-01-05T09:00:00Z", "agent": "a"}"#)?;
    /// let mut log = kesher::case::CaseLog::default();
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
    /// assert_eq!(kesher::case::CaseLog::default().events().count(), 0);
    /// ```
    pub fn events(&self) -> impl Iterator<Item = &CaseEvent> {
        self.all().map(|(e, _)| e)
    }

    /// Positions of events that share an instant and sequence number with a different event.
    fn conflicts(&self) -> Vec<bool> {
        let keys: Vec<(DateTime<Utc>, u64)> =
            self.events.keys().map(|(at, seq, _)| (*at, *seq)).collect();
        (0..keys.len())
            .map(|i| {
                let key = keys.get(i);
                (i > 0 && keys.get(i - 1) == key) || keys.get(i + 1) == key
            })
            .collect()
    }

    /// Folds the events into a case; the first problem is an error.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::ConflictingEvent`](crate::ErrorKind::ConflictingEvent) for two different events with the same instant and sequence
    /// number; any error of an event's validation or of the status machine
    /// ([`ErrorKind::IllegalTransition`](crate::ErrorKind::IllegalTransition)); [`ErrorKind::MissingField`](crate::ErrorKind::MissingField) when no event names the customer or
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
            self.events.len(),
            self.events(),
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
    /// let mut log = kesher::case::CaseLog::default();
    /// log.insert(kesher::event::CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1",
    ///     "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "sms"}"#)?);
    /// assert_eq!(log.clone().into_case()?, log.fold()?);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn into_case(self) -> Result<Case> {
        self.check_conflicts()?;
        let id = self.case_id();
        let len = self.events.len();
        let events = self.events.into_values().map(|(e, _)| e);
        fold_strict(id, self.policy, len, events)
    }

    /// The strict fold's first check: two different events with one key.
    fn check_conflicts(&self) -> Result<()> {
        if !self.conflicted {
            return Ok(());
        }
        let id = self.case_id().ok_or_else(empty)?;
        match self.events.keys().find(|(_, _, n)| *n > 0) {
            Some((_, seq, _)) => Err(Error::from(crate::error::Detail::ConflictingEvent {
                case_id: id.to_string(),
                seq: seq.to_string(),
            })),
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
        let meta: Vec<(&'static str, u64)> = self.all().map(|(e, o)| (e.type_name(), *o)).collect();
        fold_lenient(
            self.case_id(),
            self.policy,
            self.conflicted.then(|| self.conflicts()),
            meta,
            self.events(),
        )
    }

    /// [`CaseLog::fold_lenient`] consuming the log (see [`CaseLog::into_case`]).
    ///
    /// # Example
    ///
    /// ```
    /// let mut log = kesher::case::CaseLog::default();
    /// log.insert(kesher::event::CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1",
    ///     "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "sms"}"#)?);
    /// assert_eq!(log.clone().into_outcome(), log.fold_lenient());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn into_outcome(self) -> FoldOutcome {
        let meta: Vec<(&'static str, u64)> = self.all().map(|(e, o)| (e.type_name(), *o)).collect();
        let (id, conflicts) = (self.case_id(), self.conflicted.then(|| self.conflicts()));
        let events = self.events.into_values().map(|(e, _)| e);
        fold_lenient(id, self.policy, conflicts, meta, events)
    }

    fn case_id(&self) -> Option<CaseId> {
        self.events().find_map(|e| e.case_id().cloned())
    }
}

impl FoldOutcome {
    /// What [`CaseLog::into_outcome`] gives for a log of these events (each with its origin,
    /// inserted in the order given), without building the log: the events are sorted in place
    /// (stably, by instant and sequence number), an event identical to an earlier one of its
    /// instant and sequence number is kept once, and two different ones are both rejected as a
    /// conflict. The importers' path: a case's events arrive together and mostly in order.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{case::{CaseLog, FoldOutcome}, event::CaseEvent};
    ///
    /// let opened = CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1",
    ///     "at": "2025-01-05T09:00:00Z", "customer": {"id": "c"}, "channel": "sms"}"#)?;
    /// let closed = CaseEvent::from_json(r#"{"type": "status_changed", "case_id": "T-1", "seq": 1,
    ///     "at": "2025-01-05T10:00:00Z", "to": "closed"}"#)?;
    /// let events = vec![(2, closed), (1, opened.clone()), (3, opened)];
    /// let mut log = CaseLog::default();
    /// for (origin, event) in events.clone() {
    ///     log.insert_with_origin(event, origin);
    /// }
    /// let outcome = FoldOutcome::of_events(events);
    /// assert_eq!(outcome, log.into_outcome());
    /// assert_eq!(outcome.rejected[0].origin, 2); // opened → closed is not a move
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn of_events(mut events: Vec<(u64, CaseEvent)>) -> FoldOutcome {
        let key = |(_, e): &(u64, CaseEvent)| e.order_key();
        if !events
            .windows(2)
            .all(|w| matches!(w, [a, b] if key(a) <= key(b)))
        {
            crate::support::sorting::sort_by_key(&mut events, key);
        }
        let (kept, conflicted) = kept_once(events);
        let meta: Vec<(&'static str, u64)> =
            kept.iter().map(|(o, e)| (e.type_name(), *o)).collect();
        let conflicts = conflicted.then(|| {
            let keys: Vec<_> = kept.iter().map(key).collect();
            (0..keys.len())
                .map(|i| {
                    (i > 0 && keys.get(i - 1) == keys.get(i)) || keys.get(i + 1) == keys.get(i)
                })
                .collect()
        });
        let id = kept.iter().find_map(|(_, e)| e.case_id().cloned());
        let events = kept.into_iter().map(|(_, e)| e);
        fold_lenient(id, TurnPolicy::default(), conflicts, meta, events)
    }
}

/// Events in fold order with each identical repeat of an instant and sequence number dropped
/// (as [`CaseLog::insert_with_origin`] drops it), and whether two different events share one.
fn kept_once(events: Vec<(u64, CaseEvent)>) -> (Vec<(u64, CaseEvent)>, bool) {
    let mut kept: Vec<(u64, CaseEvent)> = Vec::with_capacity(events.len());
    let mut conflicted = false;
    // Where the kept events of the current instant and sequence number begin.
    let mut run = 0;
    for (origin, event) in events {
        let same_key = |k: &(u64, CaseEvent)| k.1.order_key() == event.order_key();
        if !kept.last().is_some_and(same_key) {
            run = kept.len();
        }
        let earlier = kept.get(run..).unwrap_or_default();
        if earlier.iter().any(|(_, e)| *e == event) {
            continue;
        }
        conflicted |= !earlier.is_empty();
        kept.push((origin, event));
    }
    (kept, conflicted)
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
    len: usize,
    events: impl Iterator<Item = F>,
) -> Result<Case> {
    let mut folding = Folding::new(id.ok_or_else(empty)?, len, policy);
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
    events: impl Iterator<Item = F>,
) -> FoldOutcome {
    let mut errors: Vec<Option<Error>> = vec![None; meta.len()];
    let mut case = None;
    if let Some(id) = id {
        let mut folding = Folding::new(id.clone(), meta.len(), policy);
        let conflicts = conflicts
            .into_iter()
            .flatten()
            .chain(std::iter::repeat(false));
        for ((event, conflict), slot) in events.zip(conflicts).zip(errors.iter_mut()) {
            let result = if conflict {
                Err(Error::from(crate::error::Detail::ConflictingEvent {
                    case_id: id.to_string(),
                    seq: event.event().seq().to_string(),
                }))
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
    Error::from(crate::error::Detail::MissingField {
        field: "events".into(),
        reason: "a case needs at least one event".into(),
    })
}

/// The event logs of many cases, partitioned by case id, in order of each case's first
/// appearance. This is the partitioning that lets cases be folded in parallel or on a cluster.
///
/// # Example
///
/// ```
/// use kesher::{event::CaseEvent, case::CaseLogs};
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
    /// [`ErrorKind::MissingField`](crate::ErrorKind::MissingField) for an interaction that names no case.
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
    /// [`ErrorKind::MissingField`](crate::ErrorKind::MissingField) for an interaction that names no case.
    ///
    /// # Example
    ///
    /// See [`CaseLogs`].
    pub fn insert_with_origin(&mut self, event: CaseEvent, origin: u64) -> Result<()> {
        let id = event.case_id().cloned().ok_or_else(|| {
            Error::from(crate::error::Detail::MissingField {
                field: "case_id".into(),
                reason: "an interaction fed as a case event must name its case".into(),
            })
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
    /// assert_eq!(kesher::case::CaseLogs::default().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.logs.len()
    }

    /// Whether there is no case.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::case::CaseLogs::default().is_empty());
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
    /// let logs = kesher::case::CaseLogs::default();
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
