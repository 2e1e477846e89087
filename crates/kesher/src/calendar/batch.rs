//! The batch forms of the timeline operations: one compiled table serves a whole slice of
//! epoch instants, and the loop does not allocate.

use super::definition::duration_nanos;
use super::timeline::{out_of_range, EpochUnit, Timeline};
use crate::error::{Error, Result};
use chrono::TimeDelta;

/// An instant → instant question the batch forms share one loop for.
#[derive(Debug, Clone, Copy)]
pub(super) enum Question {
    NextOpen,
    Sub(i64),
    PreviousOpen,
    NextClose,
    PreviousClose,
    AddDays(i32),
}

impl Question {
    /// Whether it searches back, so the table is grown first for the earliest instant.
    fn looks_back(self) -> bool {
        match self {
            Question::AddDays(n) => n < 0,
            Question::NextOpen | Question::NextClose => false,
            _ => true,
        }
    }
}

impl Timeline {
    fn scaled(values: &[i64], unit: EpochUnit, field: &str) -> Result<(i64, i64)> {
        let (mut lo, mut hi) = (i64::MAX, i64::MIN);
        for &v in values {
            lo = lo.min(v);
            hi = hi.max(v);
        }
        let scale = unit.nanos();
        let lo = lo
            .checked_mul(scale)
            .ok_or_else(|| out_of_range(field, lo))?;
        let hi = hi
            .checked_mul(scale)
            .ok_or_else(|| out_of_range(field, hi))?;
        Ok((lo, hi))
    }

    fn check_len(field: &str, got: usize, want: usize) -> Result<()> {
        if got == want {
            Ok(())
        } else {
            Err(Error::invalid(
                field,
                got,
                format!("the output slice must have the input's length {want}"),
            ))
        }
    }

    /// Due instants for many starts with one duration: `out[i] = add(starts[i], d)`, in `unit`
    /// (rounded down). One compiled timeline serves the whole slice; the loop does not allocate.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::{Calendar, EpochUnit};
    ///
    /// let mut tl = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let monday_9 = 1_736_154_000_i64;
    /// let mut due = [0_i64; 2];
    /// tl.add_many(&[monday_9, monday_9 + 7 * 3600], EpochUnit::Seconds, chrono::TimeDelta::hours(2), &mut due)?;
    /// assert_eq!(due, [monday_9 + 2 * 3600, monday_9 + 7 * 86_400 + 3600]);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn add_many(
        &mut self,
        starts: &[i64],
        unit: EpochUnit,
        d: TimeDelta,
        out: &mut [i64],
    ) -> Result<()> {
        Self::check_len("out", out.len(), starts.len())?;
        if starts.is_empty() {
            return Ok(());
        }
        let d = duration_nanos(d)?;
        let (lo, hi) = Self::scaled(starts, unit, "starts")?;
        self.ensure(lo, hi)?;
        // Grow once so that the latest start's target is in the table: every other target is
        // earlier (cumulative time is monotone).
        self.add_ns(hi, d)?;
        let scale = unit.nanos();
        for (o, &s) in out.iter_mut().zip(starts) {
            let t = s * scale;
            let i = self.locate_inlined(t);
            let u = if d == 0 {
                self.starts.get(i).map_or(t, |&st| st.max(t))
            } else {
                let target = self.cumulative_inlined(t, i) + d;
                self.reach(i, target)
                    .ok_or_else(|| out_of_range("starts", s))?
            };
            *o = u.div_euclid(scale);
        }
        Ok(())
    }

    /// Due instants with a duration per start (`durations` in `unit`): `out[i] = add(starts[i],
    /// durations[i])`, as when each ticket's target depends on its priority.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::{Calendar, EpochUnit};
    ///
    /// let mut tl = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let monday_9 = 1_736_154_000_i64;
    /// let mut due = [0_i64; 2];
    /// tl.add_each_many(&[monday_9, monday_9], &[3600, 0], EpochUnit::Seconds, &mut due)?;
    /// assert_eq!(due, [monday_9 + 3600, monday_9]);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn add_each_many(
        &mut self,
        starts: &[i64],
        durations: &[i64],
        unit: EpochUnit,
        out: &mut [i64],
    ) -> Result<()> {
        Self::check_len("durations", durations.len(), starts.len())?;
        Self::check_len("out", out.len(), starts.len())?;
        let scale = unit.nanos();
        for (i, ((o, &s), &d)) in out.iter_mut().zip(starts).zip(durations).enumerate() {
            let t = s
                .checked_mul(scale)
                .ok_or_else(|| out_of_range(&format!("starts[{i}]"), s))?;
            let d = d
                .checked_mul(scale)
                .ok_or_else(|| out_of_range(&format!("durations[{i}]"), d))?;
            let due = self.add_ns(t, d).map_err(|e| match e.kind() {
                crate::error::ErrorKind::NegativeDuration => {
                    e.with_field(format!("durations[{i}]"))
                }
                _ => e,
            })?;
            *o = due.div_euclid(scale);
        }
        Ok(())
    }

    /// Business time between pairs: `out[i] = elapsed(starts[i], ends[i])`, in `unit` (rounded
    /// down). An end before its start is an error naming its index.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::{Calendar, EpochUnit};
    ///
    /// let mut tl = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let monday_9 = 1_736_154_000_i64;
    /// let mut out = [0_i64; 1];
    /// tl.elapsed_many(&[monday_9], &[monday_9 + 7 * 86_400], EpochUnit::Seconds, &mut out)?;
    /// assert_eq!(out, [8 * 3600]);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn elapsed_many(
        &mut self,
        starts: &[i64],
        ends: &[i64],
        unit: EpochUnit,
        out: &mut [i64],
    ) -> Result<()> {
        if !self.prepare_pairs(starts, ends, unit, out.len())? {
            return Ok(());
        }
        let scale = unit.nanos();
        for ((o, &a), &b) in out.iter_mut().zip(starts).zip(ends) {
            let (a, b) = (a * scale, b * scale);
            let e = self.cumulative_inlined(b, self.locate_inlined(b))
                - self.cumulative_inlined(a, self.locate_inlined(a));
            *o = e.div_euclid(scale);
        }
        Ok(())
    }

    /// `out[i] = is_open(at[i])`.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::{Calendar, EpochUnit};
    ///
    /// let mut tl = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let mut out = [true];
    /// tl.is_open_many(&[0], EpochUnit::Seconds, &mut out)?; // 1970-01-01 was a Thursday
    /// assert_eq!(out, [false]);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn is_open_many(&mut self, at: &[i64], unit: EpochUnit, out: &mut [bool]) -> Result<()> {
        Self::check_len("out", out.len(), at.len())?;
        if at.is_empty() {
            return Ok(());
        }
        let (lo, hi) = Self::scaled(at, unit, "at")?;
        self.ensure(lo, hi)?;
        let scale = unit.nanos();
        for (o, &t) in out.iter_mut().zip(at) {
            let t = t * scale;
            *o = self.starts.get(self.locate(t)).is_some_and(|&s| s <= t);
        }
        Ok(())
    }

    /// `out[i] = next_open(at[i])`, in `unit` (rounded down).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::{Calendar, EpochUnit};
    ///
    /// let mut tl = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let mut out = [0_i64];
    /// tl.next_open_many(&[1_736_078_400], EpochUnit::Seconds, &mut out)?; // Sunday noon
    /// assert_eq!(out, [1_736_154_000]);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn next_open_many(&mut self, at: &[i64], unit: EpochUnit, out: &mut [i64]) -> Result<()> {
        self.each_instant(at, unit, out, Question::NextOpen)
    }

    /// Checks pairs of instants (same lengths, each end at or after its start) and grows the
    /// table over them; `false` when there are none.
    fn prepare_pairs(
        &mut self,
        starts: &[i64],
        ends: &[i64],
        unit: EpochUnit,
        out: usize,
    ) -> Result<bool> {
        Self::check_len("ends", ends.len(), starts.len())?;
        Self::check_len("out", out, starts.len())?;
        if starts.is_empty() {
            return Ok(false);
        }
        let (lo, _) = Self::scaled(starts, unit, "starts")?;
        let (_, hi) = Self::scaled(ends, unit, "ends")?;
        if let Some(i) = starts.iter().zip(ends).position(|(a, b)| b < a) {
            return Err(Error::from(crate::error::Detail::EndBeforeStart {
                field: format!("ends[{i}]"),
                start: format!("starts[{i}]"),
                end: format!("ends[{i}]"),
            }));
        }
        self.ensure(lo.min(hi), hi.max(lo))?;
        Ok(true)
    }

    /// Runs one instant → instant question over a slice: the table grows once for the
    /// extremes, then each answer comes from the table, or from the single call when the
    /// table cannot give it.
    fn each_instant(
        &mut self,
        at: &[i64],
        unit: EpochUnit,
        out: &mut [i64],
        question: Question,
    ) -> Result<()> {
        Self::check_len("out", out.len(), at.len())?;
        if at.is_empty() {
            return Ok(());
        }
        let (lo, hi) = Self::scaled(at, unit, "at")?;
        self.ensure(lo, hi)?;
        self.ask(question, if question.looks_back() { lo } else { hi })?;
        if let Question::AddDays(_) = question {
            self.mark_steady();
        }
        let scale = unit.nanos();
        for (o, &t) in out.iter_mut().zip(at) {
            let t = t * scale;
            let u = match self.answer_from_table(question, t) {
                Some(u) => u,
                None => self.ask(question, t)?,
            };
            *o = u.div_euclid(scale);
        }
        Ok(())
    }

    /// The single call for `question`.
    pub(super) fn ask(&mut self, question: Question, t: i64) -> Result<i64> {
        match question {
            Question::NextOpen => self.next_open_ns(t),
            Question::Sub(d) => self.sub_ns(t, d),
            Question::PreviousOpen => self.previous_open_ns(t),
            Question::NextClose => self.next_close_ns(t),
            Question::PreviousClose => self.previous_close_ns(t),
            Question::AddDays(n) => self.add_days_ns(t, n),
        }
    }

    /// The answer from the table as it is, when it holds it (the table must cover `t`).
    #[inline]
    pub(super) fn answer_from_table(&self, question: Question, t: i64) -> Option<i64> {
        let i = self.locate(t);
        match question {
            Question::NextOpen => self.starts.get(i).map(|&s| s.max(t)),
            Question::Sub(0) => Some(t),
            Question::Sub(d) => {
                let target = self.cumulative(t, i) - d;
                (target >= 0).then(|| self.reach_back(i, target)).flatten()
            }
            Question::PreviousOpen => {
                let open = self.starts.get(i).is_some_and(|&s| s <= t);
                let k = if open { Some(i) } else { i.checked_sub(1) };
                k.and_then(|k| self.starts.get(k))
                    .copied()
                    .filter(|&s| s > self.base)
            }
            Question::NextClose => self.ends.get(i).copied().filter(|&e| e < self.limit),
            Question::PreviousClose => i.checked_sub(1).and_then(|k| self.ends.get(k)).copied(),
            Question::AddDays(n) => {
                let k = self.day_of(t);
                let j = self.open_day_from(k, n)?;
                self.same_time(t, k, j).ok()
            }
        }
    }

    /// Instants `d` of business time before many ends: `out[i] = sub(ends[i], d)`, in `unit`
    /// (rounded down).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::{Calendar, EpochUnit};
    ///
    /// let mut tl = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let monday_9 = 1_736_154_000_i64;
    /// let mut start = [0_i64; 2];
    /// tl.sub_many(&[monday_9 + 2 * 3600, monday_9 + 3600], EpochUnit::Seconds, chrono::TimeDelta::hours(2), &mut start)?;
    /// assert_eq!(start, [monday_9, monday_9 - 7 * 86_400 + 7 * 3600]);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn sub_many(
        &mut self,
        ends: &[i64],
        unit: EpochUnit,
        d: TimeDelta,
        out: &mut [i64],
    ) -> Result<()> {
        let d = duration_nanos(d)?;
        self.each_instant(ends, unit, out, Question::Sub(d))
    }

    /// `out[i] = previous_open(at[i])`, in `unit` (rounded down).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::{Calendar, EpochUnit};
    ///
    /// let mut tl = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let mut out = [0_i64];
    /// tl.previous_open_many(&[1_736_078_400], EpochUnit::Seconds, &mut out)?; // Sunday noon
    /// assert_eq!(out, [1_736_154_000 - 7 * 86_400]);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn previous_open_many(
        &mut self,
        at: &[i64],
        unit: EpochUnit,
        out: &mut [i64],
    ) -> Result<()> {
        self.each_instant(at, unit, out, Question::PreviousOpen)
    }

    /// `out[i] = next_close(at[i])`, in `unit` (rounded down).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::{Calendar, EpochUnit};
    ///
    /// let mut tl = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let mut out = [0_i64];
    /// tl.next_close_many(&[1_736_078_400], EpochUnit::Seconds, &mut out)?; // Sunday noon
    /// assert_eq!(out, [1_736_182_800]);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn next_close_many(&mut self, at: &[i64], unit: EpochUnit, out: &mut [i64]) -> Result<()> {
        self.each_instant(at, unit, out, Question::NextClose)
    }

    /// `out[i] = previous_close(at[i])`, in `unit` (rounded down).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::{Calendar, EpochUnit};
    ///
    /// let mut tl = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let mut out = [0_i64];
    /// tl.previous_close_many(&[1_736_078_400], EpochUnit::Seconds, &mut out)?; // Sunday noon
    /// assert_eq!(out, [1_736_182_800 - 7 * 86_400]);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn previous_close_many(
        &mut self,
        at: &[i64],
        unit: EpochUnit,
        out: &mut [i64],
    ) -> Result<()> {
        self.each_instant(at, unit, out, Question::PreviousClose)
    }

    /// `out[i] = add_days(at[i], n)`, in `unit` (rounded down).
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::{Calendar, EpochUnit};
    ///
    /// let mut tl = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let mut out = [0_i64];
    /// tl.add_days_many(&[1_736_078_400], EpochUnit::Seconds, 1, &mut out)?; // Sunday noon
    /// assert_eq!(out, [1_736_078_400 + 86_400]); // Monday noon
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn add_days_many(
        &mut self,
        at: &[i64],
        unit: EpochUnit,
        n: i32,
        out: &mut [i64],
    ) -> Result<()> {
        super::days::check_days(n)?;
        self.each_instant(at, unit, out, Question::AddDays(n))
    }

    /// `out[i] = open_days_between(starts[i], ends[i])`. An end before its start is an error
    /// naming its index.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::{Calendar, EpochUnit};
    ///
    /// let mut tl = Calendar::from_json(r#"{"tz": "UTC", "week": {"mon": [["09:00","17:00"]]}}"#)?.timeline();
    /// let mut out = [0_i64];
    /// tl.open_days_between_many(&[1_736_078_400], &[1_736_078_400 + 14 * 86_400], EpochUnit::Seconds, &mut out)?;
    /// assert_eq!(out, [2]);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn open_days_between_many(
        &mut self,
        starts: &[i64],
        ends: &[i64],
        unit: EpochUnit,
        out: &mut [i64],
    ) -> Result<()> {
        if !self.prepare_pairs(starts, ends, unit, out.len())? {
            return Ok(());
        }
        let scale = unit.nanos();
        for ((o, &a), &b) in out.iter_mut().zip(starts).zip(ends) {
            *o = self.open_days_in(a * scale, b * scale);
        }
        Ok(())
    }
}
