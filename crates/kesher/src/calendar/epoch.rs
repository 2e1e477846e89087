//! The per-instant questions on epoch nanoseconds, for hosts that keep instants as epoch counts
//! (databases, columns, the JavaScript and Python packages): the same answers as the
//! `DateTime` forms, without converting instants on the way in and out.

use super::batch::Question;
use super::timeline::Timeline;
use super::Calendar;
use crate::error::Result;

impl Calendar {
    /// [`Calendar::add`] on epoch nanoseconds: `d` nanoseconds of business time after `t`.
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?;
    /// let monday_9 = 1_736_154_000_000_000_000; // 2025-01-06T09:00:00Z
    /// let hour = 3_600_000_000_000;
    /// assert_eq!(cal.add_ns(monday_9, 9 * hour)?, monday_9 + 7 * 24 * hour + hour);
    /// assert!(cal.add_ns(monday_9, -1).is_err());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub fn add_ns(&self, t: i64, d: i64) -> Result<i64> {
        if d > 0 {
            self.answer(t, |year| year.add_from_table(t, d), |tl| tl.add_ns(t, d))
        } else {
            self.add_none_ns(t, d)
        }
    }

    /// [`Calendar::add_ns`] of a zero or negative duration, kept out of the callers' loops.
    #[cfg_attr(not(target_arch = "wasm32"), inline(never))]
    fn add_none_ns(&self, t: i64, d: i64) -> Result<i64> {
        if d == 0 {
            self.ask(Question::NextOpen, t)
        } else {
            // A negative duration is refused by the timeline, with its message.
            self.with_timeline(|tl| tl.add_ns(t, d))
        }
    }

    /// [`Calendar::elapsed`] on epoch nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?;
    /// let monday_9 = 1_736_154_000_000_000_000;
    /// assert_eq!(cal.elapsed_ns(monday_9, monday_9 + 86_400_000_000_000)?, 8 * 3_600_000_000_000);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub fn elapsed_ns(&self, a: i64, b: i64) -> Result<i64> {
        let quick = |year: &Timeline| {
            (b >= a && year.covers(b))
                .then(|| year.cumulative(b, year.locate(b)) - year.cumulative(a, year.locate(a)))
        };
        self.answer(a, quick, |tl| tl.elapsed_ns(a, b))
    }

    /// [`Calendar::is_open`] on epoch nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?;
    /// assert!(cal.is_open_ns(1_736_154_000_000_000_000)?); // Monday 09:00 UTC
    /// # Ok::<(), kesher::Error>(())
    /// ```
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub fn is_open_ns(&self, t: i64) -> Result<bool> {
        self.answer(
            t,
            |year| Some(year.starts.get(year.locate(t)).is_some_and(|&s| s <= t)),
            |tl| tl.is_open_ns(t),
        )
    }

    /// [`Calendar::next_open`] on epoch nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?;
    /// let sunday_noon = 1_736_078_400_000_000_000;
    /// assert_eq!(cal.next_open_ns(sunday_noon)?, 1_736_154_000_000_000_000);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub fn next_open_ns(&self, t: i64) -> Result<i64> {
        self.ask(Question::NextOpen, t)
    }
}
