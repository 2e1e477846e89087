//! When a case's SLA targets change by the clock alone: the wake-up a host schedules.

use super::clock::Clock;
use super::engine::SlaEngine;
use super::report::CaseSla;
use crate::calendar::to_nanos;
use crate::{case::Case, error::Result};
use chrono::{DateTime, Utc};

impl SlaEngine {
    /// The first instant after `now` at which one of `case`'s targets changes without a new
    /// event: a running target reaches one of its warning fractions (the first turns it to
    /// `warning`), or passes its due instant (it is breached from the nanosecond after). `None` when nothing changes by the
    /// clock alone: every target paused (a pause ends by an event), stopped or already breached.
    ///
    /// Business-time targets need no wake-up when the desk opens or closes: their state only
    /// changes at the instants above, which already count the calendar's hours.
    ///
    /// # Errors
    ///
    /// As [`SlaEngine::evaluate`].
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{event::CaseEvent, case::CaseLog, sla::{ContractSet, SlaEngine, TargetState}};
    ///
    /// let contracts = ContractSet::from_json(r#"[{"name": "std", "calendar": "israel",
    ///     "targets": [{"metric": "first_response", "within": 7200}]}]"#)?;
    /// let mut log = CaseLog::default();
    /// log.insert(CaseEvent::from_json(r#"{"type": "opened", "case_id": "T-1",
    ///     "at": "2025-01-05T07:00:00Z", "customer": {"id": "c"}, "channel": "email"}"#)?);
    /// let case = log.fold()?;
    /// let mut engine = SlaEngine::new(contracts);
    /// let now = "2025-01-05T07:30:00Z".parse().unwrap();
    /// // 75 % of two business hours: 08:30; then breached just after 09:00.
    /// let warn = engine.next_change(&case, now)?.unwrap();
    /// assert_eq!(warn.to_rfc3339(), "2025-01-05T08:30:00+00:00");
    /// assert_eq!(engine.evaluate(&case, warn)?.targets[0].state, TargetState::Warning);
    /// let breach = engine.next_change(&case, warn)?.unwrap();
    /// assert_eq!(breach.to_rfc3339(), "2025-01-05T09:00:00.000000001+00:00");
    /// assert_eq!(engine.evaluate(&case, breach)?.targets[0].state, TargetState::Breached);
    /// assert_eq!(engine.next_change(&case, breach)?, None);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn next_change(
        &mut self,
        case: &Case,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>> {
        let now_ns = to_nanos("now", now)?;
        let (mut clocks, _) = self.replay(case, now_ns)?;
        let next = self.earliest_change(&clocks, now_ns);
        clocks.clear();
        self.give_back(clocks);
        next
    }

    /// [`SlaEngine::evaluate`] and [`SlaEngine::next_change`] from one replay.
    pub(crate) fn evaluate_and_wake(
        &mut self,
        case: &Case,
        now: DateTime<Utc>,
    ) -> Result<(CaseSla, Option<DateTime<Utc>>)> {
        let now_ns = to_nanos("now", now)?;
        let (mut clocks, contract) = self.replay(case, now_ns)?;
        let result = self.earliest_change(&clocks, now_ns).and_then(|next| {
            let sla = self.reports(case, &mut clocks, contract, now_ns)?;
            Ok((sla, next))
        });
        clocks.clear();
        self.give_back(clocks);
        result
    }

    /// The earliest change by the clock among the clocks a report shows.
    fn earliest_change(&mut self, clocks: &[Clock], now_ns: i64) -> Result<Option<DateTime<Utc>>> {
        let mut next: Option<i64> = None;
        let mut shown = std::mem::take(&mut self.showing);
        self.shown(clocks, &mut shown);
        for &(_, i) in &shown {
            let Some(clock) = clocks.get(i) else { continue };
            if let Some(t) = clock.next_change(&mut self.time(), now_ns)? {
                next = Some(next.map_or(t, |n| n.min(t)));
            }
        }
        self.showing = shown;
        Ok(next.map(DateTime::from_timestamp_nanos))
    }
}
