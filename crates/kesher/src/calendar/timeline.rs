//! A calendar compiled into a table of open intervals with cumulative business time.

use super::clock::{sort_by_start, Span};
use super::definition::Definition;
use super::rules::HolidayEffect;
use super::zone::{local_date, resolve, NS};
use super::{MAX_COMPILED_INTERVALS, SEARCH_HORIZON_DAYS};
use crate::error::{Error, Result};
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeDelta};
use std::collections::BTreeMap;
use std::sync::Arc;

pub(super) const DAY_NS: i64 = 86_400 * NS;
/// A window that would grow past the needed span by more than this is compiled afresh instead.
const FAR_NS: i64 = 5 * 366 * DAY_NS;
/// The first window compiled around a query, in days after it.
const FIRST_SPAN_DAYS: i64 = 120;

/// The unit of epoch instants in the batch APIs.
///
/// Results in a coarser unit than nanoseconds are rounded down (toward the past).
///
/// # Example
///
/// ```
/// assert_eq!(kesher::calendar::EpochUnit::Milliseconds.nanos(), 1_000_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EpochUnit {
    /// Seconds since 1970-01-01T00:00:00Z.
    Seconds,
    /// Milliseconds since the epoch (JavaScript `Date`).
    Milliseconds,
    /// Microseconds since the epoch.
    Microseconds,
    /// Nanoseconds since the epoch (numpy `datetime64[ns]`, Arrow `timestamp[ns]`).
    Nanoseconds,
}

impl EpochUnit {
    /// Nanoseconds in one unit.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::calendar::EpochUnit::Seconds.nanos(), 1_000_000_000);
    /// ```
    pub const fn nanos(self) -> i64 {
        match self {
            EpochUnit::Seconds => NS,
            EpochUnit::Milliseconds => 1_000_000,
            EpochUnit::Microseconds => 1_000,
            EpochUnit::Nanoseconds => 1,
        }
    }
}

/// A compiled calendar: the open intervals as instants (epoch nanoseconds), sorted and disjoint,
/// with the cumulative business time at the end of each, and a per-day index into them.
///
/// It covers a window of local dates and grows on demand (doubling), so operations on any date
/// work; a query far from the window compiles a fresh one instead of filling the years between.
/// Every operation is an index lookup, a scan of at most a day's intervals, and for `add` a
/// galloping search over the cumulative column: no walk over days, no unbounded search (see
/// [`crate::calendar::SEARCH_HORIZON_DAYS`]).
///
/// Take one from [`crate::calendar::Calendar::timeline`]; the batch methods take `&mut self` because they
/// may grow the table once before the loop, which then runs without allocating.
///
/// # Example
///
/// ```
/// use kesher::calendar::{Calendar, EpochUnit};
///
/// let mut tl = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
/// let monday_9 = 1_736_154_000_i64; // 2025-01-06T09:00:00Z
/// let mut open = [false; 2];
/// tl.is_open_many(&[monday_9, monday_9 + 8 * 3600], EpochUnit::Seconds, &mut open)?;
/// assert_eq!(open, [true, false]);
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Timeline {
    pub(super) def: Arc<Definition>,
    /// The compiled local dates, `[first_day, end_day)`; `None` before the first compile.
    pub(super) window: Option<(NaiveDate, NaiveDate)>,
    /// The instant of `first_day` 00:00 (the origin of the day index).
    pub(super) base: i64,
    /// The instant of `end_day` 00:00: the table is complete for instants before it.
    pub(super) limit: i64,
    pub(super) starts: Vec<i64>,
    pub(super) ends: Vec<i64>,
    /// Cumulative business time at the end of each interval.
    pub(super) after: Vec<i64>,
    /// `index[k]`: the first interval that ends after `base + k` days.
    index: Vec<u32>,
    /// The local midnight of each compiled date and of `end_day`: `midnights[k]` starts the
    /// date `first_day + k`.
    pub(super) midnights: Vec<i64>,
    /// Whether the compiled date `k` keeps one UTC offset all day, so that its time of day is
    /// the time since its midnight; filled on demand (see `mark_steady`), absent means unknown.
    pub(super) steady: Vec<bool>,
    /// `open_before[k]`: how many compiled dates before `first_day + k` are open days.
    pub(super) open_before: Vec<u32>,
    /// The compiled open days (dates on which a shift starts), as indices from `first_day`.
    pub(super) open_days: Vec<u32>,
    /// Computed holidays by Gregorian year.
    observances: BTreeMap<i32, Vec<(NaiveDate, usize, HolidayEffect, &'static str)>>,
}

fn min_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1677, 9, 23).unwrap_or(NaiveDate::MIN)
}

fn max_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2262, 4, 10).unwrap_or(NaiveDate::MAX)
}

pub(super) fn out_of_range(field: &str, value: impl std::fmt::Display) -> Error {
    Error::invalid(
        field,
        value,
        "outside the supported range of years 1677–2262",
    )
}

fn days(n: i64) -> TimeDelta {
    TimeDelta::days(n)
}

/// Whole days from `base` to `t` (`t ≥ base`): the span of the supported years (1677–2262)
/// overflows an `i64` of nanoseconds, so the difference is taken unsigned.
#[inline]
pub(super) fn days_between(base: i64, t: i64) -> u64 {
    t.wrapping_sub(base) as u64 / DAY_NS as u64
}

pub(super) fn instant_text(t: i64) -> String {
    crate::instant::format(&DateTime::from_timestamp_nanos(t))
}

impl Timeline {
    pub(crate) fn new(def: Arc<Definition>) -> Timeline {
        Timeline {
            def,
            window: None,
            base: 0,
            limit: 0,
            starts: Vec::new(),
            ends: Vec::new(),
            after: Vec::new(),
            index: Vec::new(),
            midnights: Vec::new(),
            steady: Vec::new(),
            open_before: Vec::new(),
            open_days: Vec::new(),
            observances: BTreeMap::new(),
        }
    }

    /// How many open intervals are compiled now (grows as far dates are queried).
    ///
    /// # Example
    ///
    /// ```
    /// let mut tl = kesher::calendar::Calendar::israel_desk()?.timeline();
    /// assert_eq!(tl.compiled_intervals(), 0);
    /// tl.is_open_ns(1_735_725_600_000_000_000)?;
    /// assert!(tl.compiled_intervals() > 50);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn compiled_intervals(&self) -> usize {
        self.starts.len()
    }

    // ---- compiling -------------------------------------------------------------------------

    fn observances_on(&mut self, date: NaiveDate) -> Vec<(usize, HolidayEffect, &'static str)> {
        if self.def.holiday_rules.is_empty() {
            return Vec::new();
        }
        let def = &self.def;
        let year = self.observances.entry(date.year()).or_insert_with(|| {
            def.holiday_rules
                .iter()
                .enumerate()
                .flat_map(|(i, rules)| {
                    rules
                        .observances(date.year())
                        .into_iter()
                        .map(move |o| (o.date, i, o.effect, o.name))
                })
                .collect()
        });
        year.iter()
            .filter(|(d, ..)| *d == date)
            .map(|&(_, i, effect, name)| (i, effect, name))
            .collect()
    }

    pub(super) fn midnight(&self, date: NaiveDate) -> Result<i64> {
        self.wall(date, 0)
    }

    /// The instant of `secs` seconds after the local midnight of `date` on the wall clock
    /// (rule 2: a time in a gap moves forward, an ambiguous one is the earlier).
    pub(super) fn wall(&self, date: NaiveDate, secs: i64) -> Result<i64> {
        let local = date.and_time(NaiveTime::MIN) + TimeDelta::seconds(secs);
        resolve(&self.def.tz, local).ok_or_else(|| out_of_range("date", date))
    }

    /// Appends the open time of dates `[from, to)` (which must follow what is compiled), and
    /// the night shift of the date before that reaches into `from`. Everything is clipped to
    /// the window, so a night shift that crosses its end is completed when the window grows.
    fn compile_days(&mut self, from: NaiveDate, to: NaiveDate) -> Result<()> {
        let (floor, ceiling) = (self.midnight(from)?, self.midnight(to)?);
        let mut found: Vec<Span> = Vec::new();
        let mut date = from.pred_opt().ok_or_else(|| out_of_range("date", from))?;
        let mut lo = self.midnight(date)?;
        while date < to {
            let next = date.succ_opt().ok_or_else(|| out_of_range("date", date))?;
            let hi = self.midnight(next)?;
            let spans = if hi > lo {
                let obs = self.observances_on(date);
                self.def.spans_on(date, &obs)
            } else {
                Vec::new() // a date the zone skipped (Samoa, 2011-12-30) has no hours
            };
            if date >= from {
                self.record_day(hi, !spans.is_empty());
            }
            for span in spans {
                let start = self.wall(date, span.start)?.max(lo).max(floor);
                let end = self.wall(date, span.end)?.min(ceiling);
                if start < end {
                    found.push(Span { start, end });
                }
            }
            date = next;
            lo = hi;
            if self.starts.len() + found.len() > MAX_COMPILED_INTERVALS {
                return Err(Error::invalid(
                    "span",
                    format!("{from}..{to}"),
                    format!(
                        "asks for more than {MAX_COMPILED_INTERVALS} open intervals of this \
                         calendar compiled at once; ask about a shorter span"
                    ),
                ));
            }
        }
        // A piece of a night shift left after a break can open after the next date's first
        // shift: the open time is the union, taken in order of opening.
        sort_by_start(&mut found);
        for span in found {
            self.push(span.start, span.end)?;
        }
        Ok(())
    }

    /// Records one compiled date: its next midnight, and whether it is an open day.
    fn record_day(&mut self, hi: i64, open: bool) {
        let k = self.midnights.len().saturating_sub(1);
        self.midnights.push(hi);
        let before = self.open_before.last().copied().unwrap_or(0);
        if open {
            self.open_days.push(u32::try_from(k).unwrap_or(u32::MAX));
        }
        self.open_before.push(before + u32::from(open));
    }

    /// Drops the table (after a compile failed half-way), releasing its memory; the next
    /// question compiles afresh.
    fn reset(&mut self) {
        self.window = None;
        self.starts = Vec::new();
        self.ends = Vec::new();
        self.after = Vec::new();
        self.index = Vec::new();
        self.midnights = Vec::new();
        self.steady = Vec::new();
        self.open_before = Vec::new();
        self.open_days = Vec::new();
    }

    /// Appends one open interval; an error when the cumulative business time would pass what
    /// an i64 of nanoseconds holds (about 292 years of round-the-clock opening).
    fn push(&mut self, start: i64, end: i64) -> Result<()> {
        let total = self.after.last().copied().unwrap_or(0);
        if total.checked_add(end - start).is_none() {
            return Err(Error::invalid(
                "span",
                instant_text(end),
                "holds more business time than 292 years: ask about a shorter span",
            ));
        }
        match self.ends.last_mut() {
            Some(last) if *last >= start => {
                // Touching intervals (a 24:00 end and the next day's 00:00) merge into one, and
                // a night shift overlapping the next date's first shift counts once.
                let grow = (end - *last).max(0);
                *last = (*last).max(end);
                if let Some(a) = self.after.last_mut() {
                    *a += grow;
                }
            }
            _ => {
                self.starts.push(start);
                self.ends.push(end);
                self.after.push(total + (end - start));
            }
        }
        Ok(())
    }

    fn rebuild_index(&mut self) {
        let buckets = usize::try_from(days_between(self.base, self.limit) + 1).unwrap_or(0);
        self.index.clear();
        self.index.reserve(buckets);
        let mut i = 0usize;
        for k in 0..buckets {
            // Wrapping: the true value lies in `[base, limit]`, which the i64 holds even when
            // the product alone would not.
            let bucket_start = self.base.wrapping_add((k as i64).wrapping_mul(DAY_NS));
            while self.ends.get(i).is_some_and(|&e| e <= bucket_start) {
                i += 1;
            }
            self.index.push(u32::try_from(i).unwrap_or(u32::MAX));
        }
    }

    /// Compiles `[first, end)` from scratch.
    fn compile_fresh(&mut self, first: NaiveDate, end: NaiveDate) -> Result<()> {
        let done = self.try_compile_fresh(first, end);
        if done.is_err() {
            self.reset();
        }
        done
    }

    fn try_compile_fresh(&mut self, first: NaiveDate, end: NaiveDate) -> Result<()> {
        let first = first.max(min_date());
        let end = end.min(max_date()).max(first);
        self.starts.clear();
        self.ends.clear();
        self.after.clear();
        self.base = self.midnight(first)?;
        self.midnights = vec![self.base];
        self.steady.clear();
        self.open_before = vec![0];
        self.open_days.clear();
        self.compile_days(first, end)?;
        self.limit = self.midnight(end)?;
        self.window = Some((first, end));
        self.rebuild_index();
        Ok(())
    }

    /// Extends the window forward to at least `end` (doubling its span).
    fn extend_to(&mut self, end: NaiveDate) -> Result<()> {
        let Some((first, old_end)) = self.window else {
            return self.compile_fresh(end - days(FIRST_SPAN_DAYS), end);
        };
        if end <= old_end {
            return Ok(());
        }
        let span = (old_end - first).num_days().max(FIRST_SPAN_DAYS);
        let new_end = end.max(old_end + days(span)).min(max_date());
        if new_end <= old_end {
            return Err(out_of_range("date", end));
        }
        if let Err(e) = self.compile_days(old_end, new_end) {
            self.reset();
            return Err(e);
        }
        self.limit = self.midnight(new_end)?;
        self.window = Some((first, new_end));
        self.rebuild_index();
        Ok(())
    }

    /// Makes the table cover every instant in `[lo, hi]`.
    pub(super) fn ensure(&mut self, lo: i64, hi: i64) -> Result<()> {
        if self.window.is_some() && lo >= self.base && hi < self.limit {
            return Ok(());
        }
        let tz = &self.def.tz;
        let (lo_day, hi_day) = (local_date(tz, lo) - days(1), local_date(tz, hi) + days(2));
        if lo_day < min_date() || hi_day > max_date() {
            return Err(out_of_range(
                "instant",
                instant_text(if lo_day < min_date() { lo } else { hi }),
            ));
        }
        // A window far from what is asked is compiled afresh rather than stretched over the
        // years between; a near one grows forward (appending) or backward (recompiling).
        let far = days(FAR_NS / DAY_NS) + (hi_day - lo_day);
        let fresh = (lo_day - days(7), hi_day + days(FIRST_SPAN_DAYS));
        match self.window {
            Some((_, end)) if lo >= self.base => {
                if hi_day - end > far {
                    self.compile_fresh(fresh.0, fresh.1)
                } else {
                    self.extend_to(hi_day)
                }
            }
            Some((first, end)) if first - lo_day <= far => {
                let span = (end - first).max(days(FIRST_SPAN_DAYS));
                self.prepend(lo_day.min(first - span))?;
                self.extend_to(hi_day)
            }
            _ => self.compile_fresh(fresh.0, fresh.1),
        }
    }

    /// Grows the table past the working time found so far; `NoWorkingTime` once the table
    /// reaches [`SEARCH_HORIZON_DAYS`] past the later of `from`, the last working time compiled
    /// and the calendar's last dated entry.
    pub(super) fn grow(&mut self, from: i64) -> Result<()> {
        let tz = &self.def.tz;
        let Some((_, end)) = self.window else {
            return self.ensure(from, from);
        };
        let mut anchor = local_date(tz, from);
        if let Some(&last) = self.ends.last() {
            anchor = anchor.max(local_date(tz, last));
        }
        if let Some(dated) = self.def.last_dated_entry() {
            anchor = anchor.max(dated);
        }
        if end > anchor + days(SEARCH_HORIZON_DAYS) {
            return Err(Error::from(crate::error::Detail::NoWorkingTime{
                from: format!("after {}", instant_text(from)),
                reason: format!(
                    "the calendar has no open hours in the {SEARCH_HORIZON_DAYS} days after {anchor}"
                ),
            }));
        }
        self.extend_to(end + days(1))
    }

    /// Grows the table backward (doubling its span); `err` once its first date is
    /// [`SEARCH_HORIZON_DAYS`] before `anchor`, an out-of-range error at the first supported
    /// date.
    pub(super) fn grow_back(
        &mut self,
        at: i64,
        anchor: NaiveDate,
        err: fn(i64, NaiveDate) -> Error,
    ) -> Result<()> {
        let Some((first, end)) = self.window else {
            return self.ensure(at, at);
        };
        if first < anchor - days(SEARCH_HORIZON_DAYS) {
            return Err(err(at, anchor));
        }
        if first <= min_date() {
            return Err(out_of_range("instant", instant_text(at)));
        }
        let span = (end - first).num_days().max(FIRST_SPAN_DAYS);
        self.prepend(first - days(span))
    }

    /// Grows the window backward to start at `new_first`: the dates before it are compiled on
    /// their own and the table is appended to them (no zone work is redone for what is known).
    fn prepend(&mut self, new_first: NaiveDate) -> Result<()> {
        let done = self.try_prepend(new_first);
        if done.is_err() {
            self.reset();
        }
        done
    }

    fn try_prepend(&mut self, new_first: NaiveDate) -> Result<()> {
        let Some((first, end)) = self.window else {
            return self.compile_fresh(new_first, new_first + days(FIRST_SPAN_DAYS));
        };
        let new_first = new_first.max(min_date());
        if new_first >= first {
            return Ok(());
        }
        let mut head = Timeline::new(Arc::clone(&self.def));
        head.observances = std::mem::take(&mut self.observances);
        head.try_compile_fresh(new_first, first)?;
        let head_days = u32::try_from(head.midnights.len().saturating_sub(1)).unwrap_or(u32::MAX);
        let head_open = head.open_before.last().copied().unwrap_or(0);
        if head.starts.len() + self.starts.len() > MAX_COMPILED_INTERVALS {
            return Err(Error::invalid(
                "span",
                format!("{new_first}..{end}"),
                format!(
                    "asks for more than {MAX_COMPILED_INTERVALS} open intervals of this \
                     calendar compiled at once; ask about a shorter span"
                ),
            ));
        }
        for (&s, &e) in self.starts.iter().zip(&self.ends) {
            head.push(s, e)?;
        }
        head.midnights.extend(self.midnights.iter().skip(1));
        head.open_before
            .extend(self.open_before.iter().skip(1).map(|&c| c + head_open));
        head.open_days
            .extend(self.open_days.iter().map(|&k| k + head_days));
        head.limit = self.limit;
        head.window = Some((new_first, end));
        head.rebuild_index();
        *self = head;
        Ok(())
    }

    /// Grows the table forward by doubling; `err` once its end is [`SEARCH_HORIZON_DAYS`]
    /// after `anchor`.
    pub(super) fn grow_until(
        &mut self,
        at: i64,
        anchor: NaiveDate,
        err: fn(i64, NaiveDate) -> Error,
    ) -> Result<()> {
        let Some((_, end)) = self.window else {
            return self.ensure(at, at);
        };
        if end > anchor + days(SEARCH_HORIZON_DAYS) {
            return Err(err(at, anchor));
        }
        self.extend_to(end + days(1))
    }

    /// The local date of an instant in the calendar's zone.
    pub(super) fn date_of(&self, t: i64) -> NaiveDate {
        local_date(&self.def.tz, t)
    }

    // ---- lookups (the table must cover `t`) -------------------------------------------------
    // `reach` is always inlined in WebAssembly, which is built for size (opt-level "z") and
    // would otherwise keep it a call inside the due-time loop; natively that costs 10 %.

    /// The first interval that ends after `t` (`len` when none in the table).
    #[inline]
    pub(super) fn locate(&self, t: i64) -> usize {
        self.locate_inlined(t)
    }

    /// [`Timeline::locate`] inlined by force on WebAssembly, for the batch loops: that build is
    /// made for size, and there a call per instant cost a sixth of a batch (forcing it at every
    /// call instead cost the full entry 2 KB). Natively, forcing it made the batches slower.
    #[cfg_attr(target_arch = "wasm32", inline(always))]
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub(super) fn locate_inlined(&self, t: i64) -> usize {
        let k = usize::try_from(days_between(self.base, t)).unwrap_or(usize::MAX);
        let mut i = self.index.get(k).map_or(0, |&i| i as usize);
        // One step without a branch: most days hold one interval, so this is usually the
        // answer, and a comparison that goes either way at random costs a mispredicted jump.
        i += usize::from(self.ends.get(i).is_some_and(|&e| e <= t));
        while self.ends.get(i).is_some_and(|&e| e <= t) {
            i += 1;
        }
        i
    }

    /// Whether the table is complete at `t`, so that its lookups hold there.
    #[inline]
    pub(super) fn covers(&self, t: i64) -> bool {
        self.window.is_some() && t >= self.base && t < self.limit
    }

    /// [`Timeline::add_ns`] from the table as it is (`d > 0`, the table covering `t`); `None`
    /// when the table ends before the answer.
    #[inline]
    pub(super) fn add_from_table(&self, t: i64, d: i64) -> Option<i64> {
        let i = self.locate(t);
        self.reach(i, self.cumulative(t, i).checked_add(d)?)
    }

    /// Business time from the table's origin to `t`.
    #[inline]
    pub(super) fn cumulative(&self, t: i64, i: usize) -> i64 {
        self.cumulative_inlined(t, i)
    }

    /// [`Timeline::cumulative`] inlined by force on WebAssembly, for the batch loops (see
    /// [`Timeline::locate_inlined`]).
    #[cfg_attr(target_arch = "wasm32", inline(always))]
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub(super) fn cumulative_inlined(&self, t: i64, i: usize) -> i64 {
        match (self.starts.get(i), self.ends.get(i), self.after.get(i)) {
            (Some(&s), Some(&e), Some(&a)) => a - (e - t.max(s)),
            _ => self.after.last().copied().unwrap_or(0),
        }
    }

    /// The instant where cumulative business time reaches `target`, searching from interval
    /// `i` on (galloping, then binary); `None` when the table does not reach it.
    #[cfg_attr(target_arch = "wasm32", inline(always))]
    #[cfg_attr(not(target_arch = "wasm32"), inline)]
    pub(super) fn reach(&self, i: usize, target: i64) -> Option<i64> {
        let n = self.after.len();
        // Two steps without a branch (a short duration ends in this interval or the next one);
        // an answer in the interval reached returns at once (fewer instructions per call let
        // more calls of a batch overlap), anything further takes the galloping search.
        let mut i = i;
        i += usize::from(self.after.get(i).is_some_and(|&a| a < target));
        i += usize::from(self.after.get(i).is_some_and(|&a| a < target));
        if let (Some(&a), Some(&e)) = (self.after.get(i), self.ends.get(i)) {
            if a >= target {
                return Some(e - (a - target));
            }
        }
        let (mut lo, mut hi, mut step) = (i, i, 1usize);
        while hi < n && self.after.get(hi).is_some_and(|&a| a < target) {
            lo = hi + 1;
            hi += step;
            step *= 2;
        }
        let hi = hi.min(n);
        let j = lo + self.after.get(lo..hi)?.partition_point(|&a| a < target);
        Some(self.ends.get(j)? - (self.after.get(j)? - target))
    }

    // ---- operations in epoch nanoseconds ---------------------------------------------------

    /// [`crate::calendar::Calendar::is_open`] on epoch nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let mut tl = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// assert!(tl.is_open_ns(1_736_154_000_000_000_000)?); // Monday 09:00 UTC
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn is_open_ns(&mut self, t: i64) -> Result<bool> {
        self.ensure(t, t)?;
        let i = self.locate(t);
        Ok(self.starts.get(i).is_some_and(|&s| s <= t))
    }

    /// [`crate::calendar::Calendar::next_open`] on epoch nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let mut tl = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let sunday_noon = 1_736_078_400_000_000_000;
    /// assert_eq!(tl.next_open_ns(sunday_noon)?, 1_736_154_000_000_000_000);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn next_open_ns(&mut self, t: i64) -> Result<i64> {
        self.ensure(t, t)?;
        loop {
            let i = self.locate(t);
            if let Some(&s) = self.starts.get(i) {
                return Ok(s.max(t));
            }
            self.grow(t)?;
        }
    }

    /// [`crate::calendar::Calendar::elapsed`] on epoch nanoseconds.
    ///
    /// # Example
    ///
    /// ```
    /// let mut tl = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let monday_9 = 1_736_154_000_000_000_000;
    /// assert_eq!(tl.elapsed_ns(monday_9, monday_9 + 86_400_000_000_000)?, 8 * 3_600_000_000_000);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn elapsed_ns(&mut self, a: i64, b: i64) -> Result<i64> {
        if b < a {
            return Err(Error::from(crate::error::Detail::EndBeforeStart {
                field: "end".into(),
                start: instant_text(a),
                end: instant_text(b),
            }));
        }
        self.ensure(a, b)?;
        Ok(self.cumulative(b, self.locate(b)) - self.cumulative(a, self.locate(a)))
    }

    /// [`crate::calendar::Calendar::add`] on epoch nanoseconds (`d` in nanoseconds, zero or more).
    ///
    /// # Example
    ///
    /// ```
    /// let mut tl = kesher::calendar::Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let monday_9 = 1_736_154_000_000_000_000;
    /// let hour = 3_600_000_000_000;
    /// assert_eq!(tl.add_ns(monday_9, 8 * hour)?, monday_9 + 8 * hour);
    /// assert_eq!(tl.add_ns(monday_9, 9 * hour)?, monday_9 + 7 * 24 * hour + hour);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn add_ns(&mut self, t: i64, d: i64) -> Result<i64> {
        if d < 0 {
            return Err(Error::from(crate::error::Detail::NegativeDuration {
                field: "duration".into(),
                value: crate::support::decimal::shortest(d as f64 / NS as f64).to_string(),
            }));
        }
        if d == 0 {
            return self.next_open_ns(t);
        }
        self.ensure(t, t)?;
        loop {
            let target = self
                .cumulative(t, self.locate(t))
                .checked_add(d)
                .ok_or_else(|| out_of_range("seconds", d / NS))?;
            if let Some(u) = self.reach(self.locate(t), target) {
                return Ok(u);
            }
            self.grow(t)?;
        }
    }
}
