//! Business days on a compiled timeline: moving by open days at the same time of day, and
//! counting open days (rule 12 of [`crate::calendar`]).

use super::timeline::{days_between, instant_text, out_of_range, Timeline};
use super::zone::{resolve, NS};
use super::SEARCH_HORIZON_DAYS;
use crate::error::{Error, Result};
use chrono::{DateTime, NaiveDate, TimeDelta};

/// More open days than the supported years (1677–2262) hold: a larger count is an error, not
/// a search.
pub(super) const MAX_DAYS: i32 = 220_000;

fn no_open_day_before(at: i64, anchor: NaiveDate) -> Error {
    Error::from(crate::error::Detail::NoWorkingTime {
        from: format!("before {}", instant_text(at)),
        reason: format!(
            "the calendar has no open day in the {SEARCH_HORIZON_DAYS} days before {anchor}"
        ),
    })
}

pub(super) fn check_days(n: i32) -> Result<()> {
    if n.unsigned_abs() > MAX_DAYS.unsigned_abs() {
        return Err(Error::invalid(
            "days",
            n,
            format!("at most {MAX_DAYS} open days either way fit the supported years 1677–2262"),
        ));
    }
    Ok(())
}

impl Timeline {
    /// The compiled date that holds `t` (an index from the window's first date); the table
    /// must cover `t`.
    #[inline]
    pub(super) fn day_of(&self, t: i64) -> usize {
        let dates = self.midnights.len().saturating_sub(1);
        let guess = usize::try_from(days_between(self.base, t)).unwrap_or(usize::MAX);
        let mut k = guess.min(dates.saturating_sub(1));
        while k > 0 && self.midnights.get(k).is_some_and(|&m| m > t) {
            k -= 1;
        }
        while k + 1 < dates && self.midnights.get(k + 1).is_some_and(|&m| m <= t) {
            k += 1;
        }
        k
    }

    /// The open day `n` open days from compiled date `k` (for `n = 0`, `k` itself when open,
    /// else the next open day), when the table holds it.
    #[inline]
    pub(super) fn open_day_from(&self, k: usize, n: i32) -> Option<usize> {
        let before = |k: usize| self.open_before.get(k).map(|&c| i64::from(c));
        let n = i64::from(n);
        let index = match n {
            1.. => before(k + 1)? + n - 1,
            0 => before(k)?,
            _ => before(k)? + n,
        };
        let index = usize::try_from(index).ok()?;
        self.open_days.get(index).map(|&j| j as usize)
    }

    /// The instant on compiled date `j` at the wall-clock time that `t` has on date `k`.
    #[inline]
    pub(super) fn same_time(&self, t: i64, k: usize, j: usize) -> Result<i64> {
        let steady = |i: usize| self.steady.get(i).copied().unwrap_or(false);
        if let (true, true, Some(&from), Some(&to)) = (
            steady(k),
            steady(j),
            self.midnights.get(k),
            self.midnights.get(j),
        ) {
            return Ok(to + (t - from));
        }
        let (first, _) = self
            .window
            .ok_or_else(|| out_of_range("at", instant_text(t)))?;
        let secs = t.div_euclid(NS);
        let wall = secs + i64::from(self.def.tz.offset_secs_at(secs));
        let time = DateTime::from_timestamp(wall, 0)
            .ok_or_else(|| out_of_range("at", instant_text(t)))?
            .time();
        let date = first + TimeDelta::days(j as i64);
        resolve(&self.def.tz, date.and_time(time))
            .map(|u| u + t.rem_euclid(NS))
            .ok_or_else(|| out_of_range("at", instant_text(t)))
    }

    /// Finds which compiled dates keep one UTC offset all day (probing every hour, so a
    /// transition and its reversal less than an hour apart would go unseen; the zone database
    /// has none), for the dates not yet known.
    pub(super) fn mark_steady(&mut self) {
        let dates = self.midnights.len().saturating_sub(1);
        for k in self.steady.len()..dates {
            let (Some(&lo), Some(&hi)) = (self.midnights.get(k), self.midnights.get(k + 1)) else {
                break;
            };
            let tz = &self.def.tz;
            let at = |t: i64| tz.offset_secs_at(t.div_euclid(NS));
            let first = at(lo);
            let steady = hi - lo == 86_400 * NS
                && (1..=24).all(|h| at((lo + h * 3600 * NS).min(hi - 1)) == first);
            self.steady.push(steady);
        }
    }

    /// [`crate::calendar::Calendar::add_days`] on epoch nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let mut tl = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]]}}"#)?.timeline();
    /// let monday_8 = 1_736_150_400_000_000_000;
    /// let day = 86_400_000_000_000;
    /// assert_eq!(tl.add_days_ns(monday_8, 1)?, monday_8 + day);
    /// assert_eq!(tl.add_days_ns(monday_8, 2)?, monday_8 + 7 * day);
    /// assert_eq!(tl.add_days_ns(monday_8, -1)?, monday_8 - 6 * day);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn add_days_ns(&mut self, t: i64, n: i32) -> Result<i64> {
        check_days(n)?;
        self.ensure(t, t)?;
        loop {
            let k = self.day_of(t);
            if let Some(j) = self.open_day_from(k, n) {
                self.mark_steady();
                return self.same_time(t, k, j);
            }
            if n >= 0 {
                self.grow(t)?;
            } else {
                let date = self.date_of(t);
                let mut anchor = self.def.first_dated_entry().map_or(date, |d| d.min(date));
                if let Some(&first) = self.open_days.first() {
                    let (start, _) = self.window.unwrap_or((anchor, anchor));
                    anchor = anchor.min(start + TimeDelta::days(i64::from(first)));
                }
                self.grow_back(t, anchor, no_open_day_before)?;
            }
        }
    }

    /// [`crate::calendar::Calendar::open_days_between`] on epoch nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let mut tl = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]]}}"#)?.timeline();
    /// let monday_8 = 1_736_150_400_000_000_000;
    /// let day = 86_400_000_000_000;
    /// assert_eq!(tl.open_days_between_ns(monday_8, monday_8 + 7 * day)?, 2);
    /// assert_eq!(tl.open_days_between_ns(monday_8, monday_8 + day)?, 1);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn open_days_between_ns(&mut self, a: i64, b: i64) -> Result<i64> {
        if b < a {
            return Err(Error::from(crate::error::Detail::EndBeforeStart {
                field: "end".into(),
                start: instant_text(a),
                end: instant_text(b),
            }));
        }
        self.ensure(a, b)?;
        Ok(self.open_days_in(a, b))
    }

    /// The open days from `a`'s date up to (not including) `b`'s date; the table covers both.
    #[inline]
    pub(super) fn open_days_in(&self, a: i64, b: i64) -> i64 {
        let count = |t: i64| {
            self.open_before
                .get(self.day_of(t))
                .map_or(0, |&c| i64::from(c))
        };
        count(b) - count(a)
    }
}
