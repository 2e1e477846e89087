//! One target's clock: started, paused, resumed, re-targeted, stopped; with its audit trail.

use super::contract::{Metric, TimeBasis};
use super::report::{AuditAction, AuditEntry, TargetState};
use crate::{calendar::Timeline, error::Result};
use chrono::{DateTime, TimeDelta};

/// How a clock ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    Met,
    MetLate,
    Cancelled,
}

/// The terms a clock runs under: which contract's calendar, which target, which budget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Terms {
    /// The row of the contract (or interaction target) in the engine's tables of names and
    /// warnings.
    pub(crate) contract: usize,
    /// The row of the calendar the clock runs on: the contract's, or a team's or an agent's.
    pub(crate) calendar: usize,
    /// The target's position in the contract (for its warning fractions).
    pub(crate) target: usize,
    pub(crate) basis: TimeBasis,
    pub(crate) budget: i64,
    pub(crate) pausable: bool,
}

/// Business or calendar time on the calendars of the contracts (one timeline each), and the
/// warning fractions of their targets.
pub(crate) struct Time<'a> {
    pub(crate) timelines: &'a mut [Timeline],
    pub(crate) warnings: &'a [Vec<Vec<f64>>],
}

impl Time<'_> {
    /// The sorted warning fractions of the target under `terms`.
    fn warnings(&self, terms: &Terms) -> &[f64] {
        self.warnings
            .get(terms.contract)
            .and_then(|c| c.get(terms.target))
            .map_or(&[], Vec::as_slice)
    }

    fn elapsed(&mut self, terms: &Terms, a: i64, b: i64) -> Result<i64> {
        match (terms.basis, self.timelines.get_mut(terms.calendar)) {
            (TimeBasis::Business, Some(tl)) => tl.elapsed_ns(a, b),
            _ => Ok(b.saturating_sub(a).max(0)),
        }
    }

    fn add(&mut self, terms: &Terms, t: i64, d: i64) -> Result<i64> {
        match (terms.basis, self.timelines.get_mut(terms.calendar)) {
            (TimeBasis::Business, Some(tl)) => tl.add_ns(t, d),
            _ => Ok(t.saturating_add(d)),
        }
    }
}

/// A clock's state at `now`.
pub(crate) struct ClockReport {
    pub(crate) state: TargetState,
    pub(crate) due: Option<i64>,
    pub(crate) stopped_at: Option<i64>,
    pub(crate) consumed: i64,
    pub(crate) audit: Vec<AuditEntry>,
}

#[derive(Debug, Clone)]
pub(crate) struct Clock {
    pub(crate) metric: Metric,
    pub(crate) cycle: u32,
    pub(crate) terms: Terms,
    pub(crate) started_at: i64,
    /// Time consumed before `since`.
    consumed: i64,
    /// Running since this instant; `None` while paused or stopped.
    since: Option<i64>,
    /// The due instant last computed (kept while paused and after stopping).
    due: Option<i64>,
    pub(crate) stopped: Option<(i64, Outcome)>,
    breached: bool,
    warned: usize,
    /// The audit trail, kept only when explaining: boxed, so that a clock fits in 128 bytes,
    /// which the compiler copies inline (see the test `a_clock_fits_in_128_bytes`).
    #[allow(clippy::box_collection)]
    audit: Option<Box<Vec<AuditEntry>>>,
}

fn dt(t: i64) -> chrono::DateTime<chrono::Utc> {
    DateTime::from_timestamp_nanos(t)
}

impl Clock {
    /// A clock started at `t`, running unless `paused`.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn start(
        time: &mut Time<'_>,
        metric: Metric,
        cycle: u32,
        terms: Terms,
        t: i64,
        paused: bool,
        explain: bool,
        reason: &str,
        seq: Option<u64>,
    ) -> Result<Clock> {
        let mut clock = Clock {
            metric,
            cycle,
            terms,
            started_at: t,
            consumed: 0,
            since: None,
            due: None,
            stopped: None,
            breached: false,
            warned: 0,
            audit: explain.then(Box::default),
        };
        clock.log(t, AuditAction::Started, reason, seq);
        if paused && clock.terms.pausable {
            clock.log(t, AuditAction::Paused, "started in a pausing status", seq);
        } else {
            clock.run_from(time, t)?;
        }
        Ok(clock)
    }

    pub(crate) fn is_active(&self) -> bool {
        self.stopped.is_none()
    }

    fn log(&mut self, t: i64, action: AuditAction, reason: &str, seq: Option<u64>) {
        let (consumed, target) = (self.consumed, self.terms.budget);
        if let Some(audit) = self.audit.as_mut() {
            audit.push(AuditEntry {
                at: dt(t),
                action,
                reason: reason.to_string(),
                seq,
                consumed: TimeDelta::nanoseconds(consumed),
                target: TimeDelta::nanoseconds(target),
            });
        }
    }

    fn run_from(&mut self, time: &mut Time<'_>, t: i64) -> Result<()> {
        self.since = Some(t);
        let left = self.terms.budget - self.consumed;
        if left > 0 {
            self.due = Some(time.add(&self.terms, t, left)?);
        } else if !self.breached {
            // Already past the (new) target when it came into force: due at once.
            self.due = Some(t);
            self.breached = true;
        }
        Ok(())
    }

    /// Records warnings and the breach that happened up to `upto` while running.
    fn settle(&mut self, time: &mut Time<'_>, upto: i64) -> Result<()> {
        let Some(since) = self.since else {
            return Ok(());
        };
        let budget = self.terms.budget as f64;
        // Warning instants only matter to the audit trail (the state at `now` compares the time
        // consumed with the fractions directly), so they are computed only when explaining.
        while let Some(&fraction) = time
            .warnings(&self.terms)
            .get(self.warned)
            .filter(|_| self.audit.is_some())
        {
            let threshold = (fraction * budget).ceil() as i64;
            let at = if threshold <= self.consumed {
                since
            } else {
                time.add(&self.terms, since, threshold - self.consumed)?
            };
            if at > upto {
                break;
            }
            self.warned += 1;
            if self.audit.is_some() {
                let consumed =
                    self.consumed
                        .saturating_add(time.elapsed(&self.terms, since, at)?);
                let keep = std::mem::replace(&mut self.consumed, consumed);
                self.log(
                    at,
                    AuditAction::Warning,
                    &format!(
                        "{}% of the target consumed",
                        crate::support::decimal::fixed(fraction * 100.0, 0)
                    ),
                    None,
                );
                self.consumed = keep;
            }
        }
        if let Some(due) = self.due {
            if !self.breached && due < upto {
                self.breached = true;
                if self.audit.is_some() {
                    let keep = self.consumed;
                    self.consumed = self.terms.budget.max(self.consumed);
                    self.log(due, AuditAction::Breached, "the due instant passed", None);
                    self.consumed = keep;
                }
            }
        }
        Ok(())
    }

    fn bank(&mut self, time: &mut Time<'_>, t: i64) -> Result<()> {
        self.settle(time, t)?;
        if let Some(since) = self.since.take() {
            self.consumed += time.elapsed(&self.terms, since, t.max(since))?;
        }
        Ok(())
    }

    pub(crate) fn pause(
        &mut self,
        time: &mut Time<'_>,
        t: i64,
        reason: &str,
        seq: u64,
    ) -> Result<()> {
        if self.since.is_none() || !self.terms.pausable {
            return Ok(());
        }
        self.bank(time, t)?;
        self.log(t, AuditAction::Paused, reason, Some(seq));
        Ok(())
    }

    pub(crate) fn resume(
        &mut self,
        time: &mut Time<'_>,
        t: i64,
        reason: &str,
        seq: u64,
    ) -> Result<()> {
        if self.since.is_some() || !self.is_active() {
            return Ok(());
        }
        self.run_from(time, t)?;
        self.log(t, AuditAction::Resumed, reason, Some(seq));
        Ok(())
    }

    /// New terms from `t` on; time consumed so far is kept.
    pub(crate) fn retarget(
        &mut self,
        time: &mut Time<'_>,
        t: i64,
        terms: Terms,
        paused: bool,
        reason: &str,
        seq: u64,
    ) -> Result<()> {
        let was_running = self.since.is_some();
        self.bank(time, t)?;
        self.terms = terms;
        // The breach is judged again under the new terms.
        self.breached = false;
        self.due = None;
        self.log(t, AuditAction::Retargeted, reason, Some(seq));
        if !(paused && self.terms.pausable) {
            self.run_from(time, t)?;
            if !was_running {
                self.log(
                    t,
                    AuditAction::Resumed,
                    "the new terms do not pause this target",
                    Some(seq),
                );
            }
        } else if was_running {
            self.log(
                t,
                AuditAction::Paused,
                "the new terms pause this target",
                Some(seq),
            );
        }
        // Warnings already passed under the new terms are not announced again.
        let consumed = self.consumed;
        let budget = self.terms.budget as f64;
        self.warned = time
            .warnings(&self.terms)
            .iter()
            .take_while(|f| ((*f * budget).ceil() as i64) <= consumed)
            .count();
        Ok(())
    }

    pub(crate) fn stop(
        &mut self,
        time: &mut Time<'_>,
        t: i64,
        reason: &str,
        seq: u64,
    ) -> Result<()> {
        self.bank(time, t)?;
        let late = self.breached || self.due.is_some_and(|d| t > d);
        self.stopped = Some((t, if late { Outcome::MetLate } else { Outcome::Met }));
        self.log(t, AuditAction::Stopped, reason, Some(seq));
        Ok(())
    }

    pub(crate) fn cancel(
        &mut self,
        time: &mut Time<'_>,
        t: i64,
        reason: &str,
        seq: u64,
    ) -> Result<()> {
        self.bank(time, t)?;
        self.stopped = Some((t, Outcome::Cancelled));
        self.due = None;
        self.log(t, AuditAction::Cancelled, reason, Some(seq));
        Ok(())
    }

    /// Undoes a stop (a reopened case resumes its resolution clock).
    pub(crate) fn reopen(
        &mut self,
        time: &mut Time<'_>,
        t: i64,
        paused: bool,
        reason: &str,
        seq: u64,
    ) -> Result<()> {
        self.stopped = None;
        if paused && self.terms.pausable {
            self.log(t, AuditAction::Resumed, reason, Some(seq));
            self.log(
                t,
                AuditAction::Paused,
                "reopened in a pausing status",
                Some(seq),
            );
            return Ok(());
        }
        self.run_from(time, t)?;
        self.log(t, AuditAction::Resumed, reason, Some(seq));
        Ok(())
    }

    /// The first instant after `now` at which this clock changes with no event: the next
    /// warning fraction reached (the first changes its state to `warning`; each is a moment
    /// escalation rules act on), or the instant after the due one (a target is breached once
    /// `now` is past its due instant). `None` for a paused, stopped or breached clock.
    pub(crate) fn next_change(&self, time: &mut Time<'_>, now: i64) -> Result<Option<i64>> {
        let (Some(since), Some(due)) = (self.since, self.due) else {
            return Ok(None);
        };
        if self.stopped.is_some() || self.breached || now > due {
            return Ok(None);
        }
        let breach = due.saturating_add(1);
        let consumed =
            self.consumed
                .saturating_add(time.elapsed(&self.terms, since, now.max(since))?);
        // The next warning fraction not reached yet (the first changes the state; every one
        // is a moment escalation rules may act on).
        let budget = self.terms.budget as f64;
        let next = time
            .warnings(&self.terms)
            .iter()
            .map(|f| (f * budget).ceil() as i64)
            .find(|threshold| *threshold > consumed);
        let Some(threshold) = next else {
            return Ok(Some(breach));
        };
        let warn = time.add(&self.terms, since, threshold - self.consumed)?;
        Ok(Some(if warn > now { warn.min(breach) } else { breach }))
    }

    /// State, due instant, consumed time and audit at `now`.
    pub(crate) fn report(&mut self, time: &mut Time<'_>, now: i64) -> Result<ClockReport> {
        self.settle(time, now)?;
        let consumed = match self.since {
            Some(since) => {
                self.consumed
                    .saturating_add(time.elapsed(&self.terms, since, now.max(since))?)
            }
            None => self.consumed,
        };
        let (state, stopped_at) = match self.stopped {
            Some((t, Outcome::Met)) => (TargetState::Met, Some(t)),
            Some((t, Outcome::MetLate)) => (TargetState::MetLate, Some(t)),
            Some((t, Outcome::Cancelled)) => (TargetState::Cancelled, Some(t)),
            None if self.breached => (TargetState::Breached, None),
            None if self.since.is_none() => (TargetState::Paused, None),
            None if self.due.is_some_and(|d| now > d) => (TargetState::Breached, None),
            None => {
                let budget = self.terms.budget as f64;
                let warned = time
                    .warnings(&self.terms)
                    .first()
                    .is_some_and(|f| consumed >= (f * budget).ceil() as i64);
                (
                    if warned {
                        TargetState::Warning
                    } else {
                        TargetState::Running
                    },
                    None,
                )
            }
        };
        let due = match state {
            TargetState::Paused | TargetState::Cancelled => None,
            _ => self.due,
        };
        Ok(ClockReport {
            state,
            due,
            stopped_at,
            consumed,
            audit: self.audit.take().map(|a| *a).unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    /// Evaluation moves a clock per target into its list: at 144 bytes each move was a call to
    /// `memcpy` (about a tenth of an evaluation); at 128 the compiler copies it inline. The audit
    /// trail is boxed for that.
    #[test]
    fn a_clock_fits_in_128_bytes() {
        assert!(std::mem::size_of::<super::Clock>() <= 128);
    }
}
