//! Business calendars: when a service desk is open, and business time on that clock.
//!
//! A [`Calendar`] is an IANA time zone + weekly wall-clock hours ([`WeeklyHours`]) + holidays
//! (whole local dates closed) + date overrides (replace a date's hours; an empty list closes the
//! date) + breaks (partial closures cut out of a date) + optional [`HolidayRules`] that compute
//! holidays for any year (the Israeli set from the Hebrew calendar, US federal, England and
//! Wales).
//!
//! # Semantics (fixed; each rule has its own tests in `tests/core/calendar_rules.rs`)
//!
//! 1. **Half-open intervals.** An interval `[start, end)` is open at its opening instant and
//!    closed at its closing instant; `end` may be `24:00`. An `end` before `start` crosses
//!    midnight (`["22:00", "06:00"]` runs until 06:00 the next day; see rule 13). Open time is
//!    the union of the intervals: touching or overlapping stretches are one stretch, with one
//!    opening and one closing.
//! 2. **Local time through the zone.** A nonexistent wall time (spring-forward gap) moves forward
//!    by the gap; an ambiguous one (fall-back) is the earlier occurrence. Business time is real
//!    elapsed time: a `00:00–24:00` day counts 23 h on a spring-forward day and 25 h on a
//!    fall-back day. A local date that does not exist (Samoa skipped 2011-12-30) has no hours.
//! 3. **`add(t, d)`** is the earliest instant `u ≥ next_open(t)` with `elapsed(t, u) = d`: so
//!    `d = 0` gives `next_open(t)`, and a duration that ends exactly at a closing time returns
//!    the closing instant (not the next opening).
//! 4. **`elapsed(a, b)`** with `b < a` is an [`ErrorKind::EndBeforeStart`](crate::ErrorKind::EndBeforeStart); equal instants give 0.
//!    A negative duration to `add` is an [`ErrorKind::NegativeDuration`](crate::ErrorKind::NegativeDuration).
//! 5. **No working time.** A calendar with no hours at all is an [`ErrorKind::NoWorkingTime`](crate::ErrorKind::NoWorkingTime) at
//!    construction; an operation that finds no working time ahead (only past overrides, say)
//!    fails with the same error after a bounded search of [`SEARCH_HORIZON_DAYS`] days beyond
//!    the later of the instant and the calendar's last dated entry. It never loops.
//! 6. **Invalid calendars.** Zero-length intervals, an interval that opens at `24:00`,
//!    intervals of a day out of order or overlapping (so only a day's last interval may cross
//!    midnight), a weekly night shift still open when the next weekday's first interval opens,
//!    unknown zones and malformed times or dates are [`ErrorKind::InvalidCalendar`](crate::ErrorKind::InvalidCalendar) errors naming
//!    the field.
//! 7. **Holidays win.** A holiday (listed or computed) closes its date even if the date has an
//!    override; breaks are cut from whatever intervals the date has (override, reduced or
//!    regular hours).
//! 8. **Sub-second precision** is kept: instants are nanoseconds since the Unix epoch
//!    (years 1677–2262; anything outside is an [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput)).
//! 9. **Bounded tables.** A question whose span would need more than
//!    [`MAX_COMPILED_INTERVALS`] open intervals compiled at once (centuries of a calendar with
//!    many intervals a day) is an [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming the span, never an unbounded
//!    allocation; the table is then dropped and later questions compile afresh.
//! 10. **`sub(t, d)`** is the latest instant `u ≤ t` with `elapsed(u, t) = d`: `d = 0` gives
//!     `t`, and a duration that starts exactly at an opening returns the opening (not the
//!     closing before it), the mirror of rule 3. So `elapsed(sub(t, d), t) = d` always;
//!     `add(sub(t, d), d) = t` when `t` is open or a closing instant (else it is the closing
//!     before `t`); `sub(add(t, d), d) = next_open(t)` for `d > 0`. A negative duration is an
//!     [`ErrorKind::NegativeDuration`](crate::ErrorKind::NegativeDuration) for both, naming the other direction. Searching back gives up
//!     with [`ErrorKind::NoWorkingTime`](crate::ErrorKind::NoWorkingTime) after [`SEARCH_HORIZON_DAYS`] days without working time
//!     before the earlier of the instant and the calendar's first dated entry.
//! 11. **Openings and closings.** An opening is the first instant of a stretch, a closing the
//!     instant it ends (closed, by rule 1). `next_open(t)` is `t` when open, else the next
//!     opening; `previous_open(t)` the latest opening `≤ t`; `next_close(t)` the first closing
//!     `> t` (the end of the stretch `t` is in, or of the next one); `previous_close(t)` the
//!     latest closing `≤ t`. Rolling back to the last open instant is `t` when open, else
//!     `previous_close(t)`. A calendar open through the whole search horizon around `t` has no
//!     closing to find: an [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) on `at`.
//! 12. **Open days.** An open day is a local date on which a shift starts (a night shift
//!     belongs to the date it starts, rule 13). `add_days(t, n)` moves `t` to the `n`-th open
//!     day after its date at the same wall-clock time (rule 2 places a time that the target
//!     date skips or repeats); `n = 0` keeps `t`'s date when open, else takes the next open
//!     day; a negative `n` counts open days before `t`'s date. The result keeps the time of day
//!     whether or not the desk is open then. `open_days_between(a, b)` counts the open days
//!     from `a`'s date up to, not including, `b`'s date, so `open_days_between(t, add_days(t,
//!     n)) = n` when `t`'s date is open.
//! 13. **Night shifts belong to the date they start.** Holidays, overrides and reduced hours of
//!     a date decide the shifts that start on it: a holiday on Tuesday closes the shift that
//!     starts Tuesday 22:00 and leaves Monday's night shift open until it ends on Tuesday
//!     morning. Breaks are different: a break closes the wall-clock time it names on its own
//!     date, whichever shift covers it (a break may cross midnight too). Across a DST change
//!     a night shift counts real time (rule 2): `22:00–06:00` is 7 hours the night clocks
//!     spring forward and 9 hours the night they fall back.
//!
//! Operations compile the calendar into a [`Timeline`]: a sorted table of open intervals as
//! instants with the cumulative business time before each, indexed by day, extended lazily for
//! far dates. Every operation is an index lookup plus a short bounded search, never a walk over
//! days.
//!
//! # Example
//!
//! ```
//! use chrono::{DateTime, TimeDelta, Utc};
//! use kesher::calendar::Calendar;
//!
//! let desk = Calendar::from_json(r#"{
//!     "tz": "Asia/Jerusalem",
//!     "week": {"sun": [["09:00","17:00"]], "mon": [["09:00","17:00"]], "tue": [["09:00","17:00"]],
//!              "wed": [["09:00","17:00"]], "thu": [["09:00","17:00"]], "fri": [["09:00","13:00"]]},
//!     "holidays": ["2025-10-02"],
//!     "overrides": {"2025-09-22": [["09:00","13:00"]]},
//!     "breaks": {"2025-01-05": [["12:00","12:30"]]}
//! }"#)?;
//! // A ticket opened on Thursday 16:00 Israel time (13:00 UTC) with 4 business hours to answer:
//! let opened: DateTime<Utc> = "2025-01-02T14:00:00Z".parse().unwrap();
//! let due = desk.add(opened, TimeDelta::hours(4))?;
//! // 1 hour on Thursday, 3 on Friday morning: 12:00 Israel time.
//! assert_eq!(due.to_rfc3339(), "2025-01-03T10:00:00+00:00");
//! assert_eq!(desk.elapsed(opened, due)?, TimeDelta::hours(4));
//! # Ok::<(), kesher::Error>(())
//! ```

mod backward;
mod batch;
mod clock;
mod days;
mod definition;
mod epoch;
mod eval;
mod israel;
mod presets;
mod questions;
mod rules;
mod timeline;
mod week;
mod western;
mod years;
mod zone;

pub use clock::{WallInterval, WallTime};
pub(crate) use definition::to_nanos;
pub use definition::Calendar;
pub use eval::{AnswerError, CalendarAnswer, CalendarEval};
pub use presets::{IsraelDesk, Preset};
pub use rules::{HolidayEffect, HolidayRules, IsraelHolidays, Observance};
pub use timeline::{EpochUnit, Timeline};
pub(crate) use week::key as weekday_key;
pub use week::WeeklyHours;

/// How many days past the later of a query instant and the calendar's last dated entry (holiday,
/// override or break) an operation searches for working time before it reports
/// [`crate::ErrorKind::NoWorkingTime`]. A year and a month: longer than any weekly pattern or
/// holiday season can close a desk.
///
/// # Example
///
/// ```
/// assert!(kesher::calendar::SEARCH_HORIZON_DAYS >= 366);
/// ```
pub const SEARCH_HORIZON_DAYS: i64 = 400;

/// The most open intervals a [`Timeline`] compiles at once (about 48 MiB of table): enough for
/// the whole supported range of years (1677–2262) of a calendar with ten intervals a day, so
/// only a question spanning centuries of a calendar cut into many intervals a day reaches it,
/// and gets an [`crate::ErrorKind::InvalidInput`] instead of an allocation as large as the span.
///
/// # Example
///
/// ```
/// use kesher::calendar::{Calendar, EpochUnit};
/// // 720 two-minute intervals a day, asked about 1700–2200: refused, not compiled.
/// let slots: Vec<String> = (0..720).map(|i| format!("[\"{:02}:{:02}\",\"{:02}:{:02}\"]", i / 30, i % 30 * 2, i / 30, i % 30 * 2 + 1)).collect();
/// let json = format!(r#"{{"tz": "UTC", "week": {{"mon": [{}]}}}}"#, slots.join(","));
/// let mut tl = Calendar::from_json(&json)?.timeline();
/// let err = tl.elapsed_ns(-8_520_336_000_000_000_000, 7_258_118_400_000_000_000).unwrap_err();
/// assert!(err.to_string().contains("span"));
/// assert!(tl.compiled_intervals() <= kesher::calendar::MAX_COMPILED_INTERVALS);
/// # Ok::<(), kesher::Error>(())
/// ```
pub const MAX_COMPILED_INTERVALS: usize = 1 << 21;

#[cfg(doc)]
use crate::error::Error;
