//! Backward and closing questions on a compiled timeline: business time subtracted, the
//! previous opening, the next and the previous closing (rules 10 and 11 of [`crate::calendar`]).

use super::timeline::{instant_text, Timeline};
use super::SEARCH_HORIZON_DAYS;
use crate::error::{Error, Result};
use chrono::NaiveDate;

fn none_before(at: i64, anchor: NaiveDate) -> Error {
    Error::from(crate::error::Detail::NoWorkingTime {
        from: format!("before {}", instant_text(at)),
        reason: format!(
            "the calendar has no open hours in the {SEARCH_HORIZON_DAYS} days before {anchor}"
        ),
    })
}

fn stays_open(at: i64, anchor: NaiveDate, side: &str) -> Error {
    Error::invalid(
        "at",
        instant_text(at),
        format!(
            "the calendar stays open through the {SEARCH_HORIZON_DAYS} days {side} {anchor}: \
             there is no closing to find"
        ),
    )
}

fn open_before(at: i64, anchor: NaiveDate) -> Error {
    stays_open(at, anchor, "before")
}

fn open_after(at: i64, anchor: NaiveDate) -> Error {
    stays_open(at, anchor, "after")
}

pub(super) fn negative(d: i64) -> Error {
    Error::from(crate::error::Detail::NegativeDuration {
        field: "duration".into(),
        value: crate::support::decimal::shortest(d as f64 / 1e9).to_string(),
    })
}

impl Timeline {
    /// The earlier of `t`'s date and the calendar's first dated entry: a backward search gives
    /// up [`SEARCH_HORIZON_DAYS`] before it.
    fn anchor_back(&self, t: i64) -> NaiveDate {
        let date = self.date_of(t);
        self.def.first_dated_entry().map_or(date, |d| d.min(date))
    }

    /// The latest interval `j ≤ i` whose cumulative end passes `target` (galloping backward
    /// from `i`, then binary), as the instant where the cumulative time is `target`.
    #[inline]
    pub(super) fn reach_back(&self, i: usize, target: i64) -> Option<i64> {
        let end = (i + 1).min(self.after.len());
        let (mut lo, mut step) = (end, 1usize);
        while lo > 0 && self.after.get(lo - 1).is_some_and(|&a| a > target) {
            lo = lo.saturating_sub(step);
            step *= 2;
        }
        let j = lo + self.after.get(lo..end)?.partition_point(|&a| a <= target);
        Some(self.ends.get(j)? - (self.after.get(j)? - target))
    }

    /// [`crate::calendar::Calendar::sub`] on epoch nanoseconds (`d` in nanoseconds, zero or more).
    ///
    /// # Example
    ///
    /// ```
    /// let mut tl = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let monday_9 = 1_736_154_000_000_000_000;
    /// let hour = 3_600_000_000_000;
    /// assert_eq!(tl.sub_ns(monday_9 + 8 * hour, 8 * hour)?, monday_9);
    /// // An hour back from Monday 10:00 is Monday 09:00; two hours, the Monday before at 16:00.
    /// assert_eq!(tl.sub_ns(monday_9 + hour, 2 * hour)?, monday_9 - 7 * 24 * hour + 7 * hour);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn sub_ns(&mut self, t: i64, d: i64) -> Result<i64> {
        if d < 0 {
            return Err(negative(d));
        }
        self.ensure(t, t)?;
        if d == 0 {
            return Ok(t);
        }
        loop {
            let i = self.locate(t);
            let target = self.cumulative(t, i) - d;
            if let Some(u) = (target >= 0).then(|| self.reach_back(i, target)).flatten() {
                return Ok(u);
            }
            let mut anchor = self.anchor_back(t);
            if let Some(&s) = self.starts.first() {
                anchor = anchor.min(self.date_of(s));
            }
            self.grow_back(t, anchor, none_before)?;
        }
    }

    /// [`crate::calendar::Calendar::previous_open`] on epoch nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let mut tl = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let monday_9 = 1_736_154_000_000_000_000;
    /// assert_eq!(tl.previous_open_ns(monday_9 + 3_600_000_000_000)?, monday_9);
    /// assert_eq!(tl.previous_open_ns(monday_9)?, monday_9);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn previous_open_ns(&mut self, t: i64) -> Result<i64> {
        self.ensure(t, t)?;
        loop {
            let i = self.locate(t);
            let open = self.starts.get(i).is_some_and(|&s| s <= t);
            let k = if open { Some(i) } else { i.checked_sub(1) };
            // An opening at the table's first instant may be a cut: look further back first.
            if let Some(&s) = k
                .and_then(|k| self.starts.get(k))
                .filter(|&&s| s > self.base)
            {
                return Ok(s);
            }
            let anchor = self.anchor_back(t);
            self.grow_back(t, anchor, none_before)?;
        }
    }

    /// [`crate::calendar::Calendar::previous_close`] on epoch nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let mut tl = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let monday_17 = 1_736_182_800_000_000_000;
    /// let week = 7 * 86_400_000_000_000;
    /// assert_eq!(tl.previous_close_ns(monday_17)?, monday_17);
    /// assert_eq!(tl.previous_close_ns(monday_17 - 1)?, monday_17 - week);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn previous_close_ns(&mut self, t: i64) -> Result<i64> {
        self.ensure(t, t)?;
        loop {
            let i = self.locate(t);
            if let Some(&e) = i.checked_sub(1).and_then(|k| self.ends.get(k)) {
                return Ok(e);
            }
            let open = self.starts.get(i).is_some_and(|&s| s <= t);
            let anchor = self.anchor_back(t);
            self.grow_back(t, anchor, if open { open_before } else { none_before })?;
        }
    }

    /// [`crate::calendar::Calendar::next_close`] on epoch nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let mut tl = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let monday_9 = 1_736_154_000_000_000_000;
    /// let monday_17 = 1_736_182_800_000_000_000;
    /// assert_eq!(tl.next_close_ns(monday_9)?, monday_17);
    /// assert_eq!(tl.next_close_ns(monday_17)?, monday_17 + 7 * 86_400_000_000_000);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn next_close_ns(&mut self, t: i64) -> Result<i64> {
        let u = self.next_open_ns(t)?;
        loop {
            // A closing at the table's last instant may be a cut: look further ahead first.
            if let Some(&e) = self.ends.get(self.locate(u)).filter(|&&e| e < self.limit) {
                return Ok(e);
            }
            let date = self.date_of(t);
            let anchor = self.def.last_dated_entry().map_or(date, |d| d.max(date));
            self.grow_until(t, anchor, open_after)?;
        }
    }
}
