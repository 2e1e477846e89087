//! The questions a calendar answers, on `DateTime<Utc>` instants: each reads the compiled year
//! of its instant without a lock (see `years`), or the calendar's growable [`Timeline`] when
//! the year's table cannot tell.

use super::batch::Question;
use super::definition::{duration_nanos, to_nanos};
use super::timeline::Timeline;
use super::Calendar;
use crate::error::Result;
use chrono::{DateTime, TimeDelta, Utc};
use std::sync::{Arc, PoisonError};

impl Calendar {
    pub(super) fn with_timeline<T>(
        &self,
        op: impl FnOnce(&mut Timeline) -> Result<T>,
    ) -> Result<T> {
        let mut guard = self.cache.lock().unwrap_or_else(PoisonError::into_inner);
        let timeline = guard.get_or_insert_with(|| Timeline::new(Arc::clone(&self.def)));
        op(timeline)
    }

    /// Answers from the compiled year of `t` when its table holds the answer (`quick`), else
    /// from the growable timeline behind the lock (`slow`); both give the same answers. The
    /// common case (the year compiled, the answer in its table) is inlined into the caller; a
    /// year not compiled yet is [`Calendar::answer_slowly`]. (Natively only: the WebAssembly
    /// build is built for size, where forcing it grew the package and was not measured faster.)
    #[cfg_attr(not(target_arch = "wasm32"), inline(always))]
    pub(super) fn answer<T>(
        &self,
        t: i64,
        quick: impl FnOnce(&Timeline) -> Option<T>,
        slow: impl FnOnce(&mut Timeline) -> Result<T>,
    ) -> Result<T> {
        match self.years.compiled(t) {
            // A compiled year's table covers every instant of its year (`years::compile`).
            Some(year) => {
                debug_assert!(year.covers(t));
                match quick(year) {
                    Some(answer) => Ok(answer),
                    None => self.with_timeline(slow),
                }
            }
            None => self.answer_slowly(t, quick, slow),
        }
    }

    /// [`Calendar::answer`] when `t`'s year is not compiled yet: compiles it (or finds it
    /// cannot be) and answers from it or the timeline.
    #[cfg_attr(not(target_arch = "wasm32"), inline(never))]
    fn answer_slowly<T>(
        &self,
        t: i64,
        quick: impl FnOnce(&Timeline) -> Option<T>,
        slow: impl FnOnce(&mut Timeline) -> Result<T>,
    ) -> Result<T> {
        match self.years.at(&self.def, t) {
            Some(year) if year.covers(t) => match quick(year) {
                Some(answer) => Ok(answer),
                None => self.with_timeline(slow),
            },
            _ => self.with_timeline(slow),
        }
    }

    /// An instant → instant question, from the year's table when it can.
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub(super) fn ask(&self, question: Question, t: i64) -> Result<i64> {
        self.answer(
            t,
            |year| year.answer_from_table(question, t),
            |tl| tl.ask(question, t),
        )
    }

    /// Whether the desk is open at `t` (open at an opening instant, closed at a closing one).
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?;
    /// assert!(cal.is_open("2025-01-06T09:00:00Z".parse().unwrap())?);
    /// assert!(!cal.is_open("2025-01-06T17:00:00Z".parse().unwrap())?);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn is_open(&self, t: DateTime<Utc>) -> Result<bool> {
        self.is_open_ns(to_nanos("at", t)?)
    }

    /// `t` itself when open, else the next opening instant.
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?;
    /// let t = cal.next_open("2025-01-06T08:00:00Z".parse().unwrap())?;
    /// assert_eq!(t.to_rfc3339(), "2025-01-06T09:00:00+00:00");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn next_open(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
        let t = to_nanos("at", t)?;
        self.next_open_ns(t).map(DateTime::from_timestamp_nanos)
    }

    /// The instant `d` of business time after `t` (rule 3: `d = 0` gives [`Calendar::next_open`];
    /// ending exactly at a closing time returns the closing instant).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::TimeDelta;
    ///
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?;
    /// let due = cal.add("2025-01-06T09:00:00Z".parse().unwrap(), TimeDelta::hours(8))?;
    /// assert_eq!(due.to_rfc3339(), "2025-01-06T17:00:00+00:00");
    /// assert!(cal.add(due, TimeDelta::seconds(-1)).is_err());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn add(&self, t: DateTime<Utc>, d: TimeDelta) -> Result<DateTime<Utc>> {
        let t = to_nanos("start", t)?;
        let d = duration_nanos(d)?;
        self.add_ns(t, d).map(DateTime::from_timestamp_nanos)
    }

    /// Business time between `a` and `b` (`b < a` is an error; equal instants give zero).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::TimeDelta;
    ///
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?;
    /// let a = "2025-01-06T16:00:00Z".parse().unwrap();
    /// let b = "2025-01-13T10:00:00Z".parse().unwrap();
    /// assert_eq!(cal.elapsed(a, b)?, TimeDelta::hours(2));
    /// assert!(cal.elapsed(b, a).is_err());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub fn elapsed(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> Result<TimeDelta> {
        let (a, b) = (to_nanos("start", a)?, to_nanos("end", b)?);
        self.elapsed_ns(a, b).map(TimeDelta::nanoseconds)
    }

    /// The latest instant `u ≤ t` with `elapsed(u, t) = d` (rule 10): `d` of business time
    /// before `t`. `d = 0` gives `t`; a `d` that starts exactly at an opening returns that
    /// opening (not the closing before it). `elapsed(sub(t, d), t) = d` always, and
    /// `add(sub(t, d), d) = t` whenever `t` is open or a closing instant.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::TimeDelta;
    ///
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?;
    /// let t = "2025-01-13T10:00:00Z".parse().unwrap();
    /// let u = cal.sub(t, TimeDelta::hours(2))?;
    /// assert_eq!(u.to_rfc3339(), "2025-01-06T16:00:00+00:00");
    /// assert_eq!(cal.elapsed(u, t)?, TimeDelta::hours(2));
    /// assert!(cal.sub(t, TimeDelta::seconds(-1)).is_err());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn sub(&self, t: DateTime<Utc>, d: TimeDelta) -> Result<DateTime<Utc>> {
        let t_ns = to_nanos("end", t)?;
        let d = duration_nanos(d)?;
        let u = self.ask(Question::Sub(d), t_ns)?;
        Ok(DateTime::from_timestamp_nanos(u))
    }

    /// The latest opening instant at or before `t` (rule 11): the opening of the stretch `t`
    /// is in, or of the last one before it.
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?;
    /// let t = cal.previous_open("2025-01-08T12:00:00Z".parse().unwrap())?;
    /// assert_eq!(t.to_rfc3339(), "2025-01-06T09:00:00+00:00");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn previous_open(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
        let t_ns = to_nanos("at", t)?;
        let u = self.ask(Question::PreviousOpen, t_ns)?;
        Ok(DateTime::from_timestamp_nanos(u))
    }

    /// The first closing instant after `t` (rule 11): the end of the stretch `t` is in, or of
    /// the next one.
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?;
    /// let t = cal.next_close("2025-01-06T12:00:00Z".parse().unwrap())?;
    /// assert_eq!(t.to_rfc3339(), "2025-01-06T17:00:00+00:00");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn next_close(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
        let t_ns = to_nanos("at", t)?;
        let u = self.ask(Question::NextClose, t_ns)?;
        Ok(DateTime::from_timestamp_nanos(u))
    }

    /// The latest closing instant at or before `t` (rule 11). To roll back to the last open
    /// instant, take `t` when [`Calendar::is_open`], else this.
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?;
    /// let t = cal.previous_close("2025-01-08T12:00:00Z".parse().unwrap())?;
    /// assert_eq!(t.to_rfc3339(), "2025-01-06T17:00:00+00:00");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn previous_close(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
        let t_ns = to_nanos("at", t)?;
        let u = self.ask(Question::PreviousClose, t_ns)?;
        Ok(DateTime::from_timestamp_nanos(u))
    }

    /// `n` open days after `t` at the same local time of day (rule 12): an open day is a date
    /// on which a shift starts. `n = 0` gives `t` on its own date when that is open, else on the
    /// next open day; a negative `n` goes back. The result keeps the time of day, open or not.
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "Europe/London", "week": {"mon": [["09:00","17:00"]], "fri": [["09:00","17:00"]]}}"#)?;
    /// // Friday 2025-03-28 at 08:30 London time (GMT), one open day on: Monday, now BST.
    /// let t = cal.add_days("2025-03-28T08:30:00Z".parse().unwrap(), 1)?;
    /// assert_eq!(t.to_rfc3339(), "2025-03-31T07:30:00+00:00");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn add_days(&self, t: DateTime<Utc>, n: i32) -> Result<DateTime<Utc>> {
        super::days::check_days(n)?;
        let t_ns = to_nanos("at", t)?;
        let u = self.ask(Question::AddDays(n), t_ns)?;
        Ok(DateTime::from_timestamp_nanos(u))
    }

    /// How many open days lie from `a`'s local date up to, not including, `b`'s (rule 12), so
    /// that `open_days_between(t, add_days(t, n)) = n` when `t`'s date is open.
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]], "fri": [["09:00","17:00"]]}}"#)?;
    /// let n = cal.open_days_between("2025-01-06T12:00:00Z".parse().unwrap(), "2025-01-20T08:00:00Z".parse().unwrap())?;
    /// assert_eq!(n, 4);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn open_days_between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> Result<i64> {
        let (a, b) = (to_nanos("start", a)?, to_nanos("end", b)?);
        let quick = |year: &Timeline| (b >= a && year.covers(b)).then(|| year.open_days_in(a, b));
        self.answer(a, quick, |tl| tl.open_days_between_ns(a, b))
    }
}
