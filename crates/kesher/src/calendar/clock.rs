//! Wall-clock times of day and the opening intervals built from them.

use crate::error::{Error, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Seconds in a civil day.
pub(crate) const DAY_SECS: u32 = 86_400;

/// A time of day on the wall clock, `00:00` to `24:00` (the latter only as an interval's end).
///
/// Written `HH:MM`, or `HH:MM:SS` when the seconds are not zero.
///
/// # Example
///
/// ```
/// use kesher::calendar::WallTime;
///
/// let t: WallTime = "09:30".parse()?;
/// assert_eq!(t.seconds_of_day(), 9 * 3600 + 30 * 60);
/// assert_eq!("17:00:30".parse::<WallTime>()?.to_string(), "17:00:30");
/// assert!("25:00".parse::<WallTime>().is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WallTime(u32);

impl WallTime {
    /// Midnight at the start of the day.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::calendar::WallTime::MIDNIGHT.to_string(), "00:00");
    /// ```
    pub const MIDNIGHT: WallTime = WallTime(0);

    /// The end of the day, `24:00`, valid only as the end of an interval.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::calendar::WallTime::END_OF_DAY.to_string(), "24:00");
    /// ```
    pub const END_OF_DAY: WallTime = WallTime(DAY_SECS);

    /// A time from hours, minutes and seconds (`24:00:00` allowed, nothing later).
    ///
    /// # Example
    ///
    /// ```
    /// let t = kesher::calendar::WallTime::hms(13, 0, 0)?;
    /// assert_eq!(t.to_string(), "13:00");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn hms(hours: u32, minutes: u32, seconds: u32) -> Result<WallTime> {
        let text = format!("{hours:02}:{minutes:02}:{seconds:02}");
        if minutes > 59 || seconds > 59 {
            return Err(Error::calendar(
                "time",
                text,
                "minutes and seconds go up to 59",
            ));
        }
        let secs = hours * 3600 + minutes * 60 + seconds;
        if secs > DAY_SECS {
            return Err(Error::calendar(
                "time",
                text,
                "a time of day goes up to 24:00",
            ));
        }
        Ok(WallTime(secs))
    }

    /// Seconds since midnight.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::calendar::WallTime::END_OF_DAY.seconds_of_day(), 86_400);
    /// ```
    pub const fn seconds_of_day(self) -> u32 {
        self.0
    }
}

impl std::str::FromStr for WallTime {
    type Err = Error;

    fn from_str(text: &str) -> Result<WallTime> {
        let bad = || {
            Error::calendar(
                "time",
                text,
                "expected `HH:MM` or `HH:MM:SS` on a 24-hour clock, such as `09:00`",
            )
        };
        let parts: Vec<&str> = text.split(':').collect();
        let number = |s: &str| -> Result<u32> {
            if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse().map_err(|_| bad())
            } else {
                Err(bad())
            }
        };
        let (h, m, s) = match parts.as_slice() {
            [h, m] => (number(h)?, number(m)?, 0),
            [h, m, s] => (number(h)?, number(m)?, number(s)?),
            _ => return Err(bad()),
        };
        WallTime::hms(h, m, s).map_err(|e| match (e.kind(), e.reason()) {
            (crate::error::ErrorKind::InvalidCalendar, Some(reason)) => {
                Error::calendar("time", text, reason)
            }
            _ => e,
        })
    }
}

impl fmt::Display for WallTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (h, m, s) = (self.0 / 3600, self.0 / 60 % 60, self.0 % 60);
        if s == 0 {
            write!(f, "{h:02}:{m:02}")
        } else {
            write!(f, "{h:02}:{m:02}:{s:02}")
        }
    }
}

/// A half-open opening interval `[start, end)` that starts on one local date: open at `start`,
/// closed at `end`. `end` may be `24:00`. An `end` earlier than `start` **crosses midnight**: the
/// interval runs until `end` on the next day (a night shift, `["22:00", "06:00"]`), and belongs
/// to the date it starts on (holidays and overrides of that date decide it).
///
/// JSON: a pair of times, `["09:00", "17:00"]`.
///
/// # Example
///
/// ```
/// use kesher::calendar::WallInterval;
///
/// let i = WallInterval::parse("09:00", "17:00")?;
/// assert_eq!(i.length_seconds(), 8 * 3600);
/// assert_eq!(serde_json::to_string(&i).unwrap(), r#"["09:00","17:00"]"#);
/// let night = WallInterval::parse("22:00", "06:00")?;
/// assert!(night.crosses_midnight());
/// assert_eq!(night.length_seconds(), 8 * 3600);
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WallInterval {
    start: u32,
    /// Seconds after the start date's midnight: above a day when the interval crosses midnight.
    end: u32,
}

impl WallInterval {
    /// An interval from two times: `end` after `start` on the same date, or before it to cross
    /// midnight. Equal times (nothing open) and a start at `24:00` are errors.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::{WallInterval, WallTime};
    ///
    /// let i = WallInterval::new(WallTime::hms(22, 0, 0)?, WallTime::END_OF_DAY)?;
    /// assert_eq!(i.to_string(), "22:00–24:00");
    /// let night = WallInterval::new(WallTime::hms(22, 0, 0)?, WallTime::hms(6, 0, 0)?)?;
    /// assert_eq!(night.to_string(), "22:00–06:00");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn new(start: WallTime, end: WallTime) -> Result<WallInterval> {
        let (s, e) = (start.0, end.0);
        let reason = if s == e {
            "a zero-length interval opens nothing; use a later end"
        } else if s == DAY_SECS {
            "an interval cannot open at 24:00; open at 00:00 of the next day"
        } else {
            let end = if e < s { e + DAY_SECS } else { e };
            return Ok(WallInterval { start: s, end });
        };
        Err(Error::calendar(
            "interval",
            format!("{start}–{end}"),
            reason,
        ))
    }

    /// An interval from two `HH:MM[:SS]` texts.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::calendar::WallInterval::parse("09:00", "09:00").is_err());
    /// ```
    pub fn parse(start: &str, end: &str) -> Result<WallInterval> {
        WallInterval::new(start.parse()?, end.parse()?)
    }

    /// When it opens.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::calendar::WallInterval::parse("09:00", "13:00")?.start().to_string(), "09:00");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub const fn start(self) -> WallTime {
        WallTime(self.start)
    }

    /// When it closes (not included): on the next date when it [crosses
    /// midnight](Self::crosses_midnight).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::calendar::WallInterval::parse("09:00", "13:00")?.end().to_string(), "13:00");
    /// assert_eq!(kesher::calendar::WallInterval::parse("22:00", "02:00")?.end().to_string(), "02:00");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub const fn end(self) -> WallTime {
        if self.end > DAY_SECS {
            WallTime(self.end - DAY_SECS)
        } else {
            WallTime(self.end)
        }
    }

    /// Whether it closes on the next date (`["22:00", "06:00"]`). An interval that ends at
    /// midnight (`24:00`, or `00:00` after a start) does not.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::calendar::WallInterval;
    /// assert!(WallInterval::parse("22:00", "06:00")?.crosses_midnight());
    /// assert!(!WallInterval::parse("22:00", "00:00")?.crosses_midnight());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub const fn crosses_midnight(self) -> bool {
        self.end > DAY_SECS
    }

    /// Its length on the wall clock, in seconds (real time may differ on a DST change day).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::calendar::WallInterval::parse("09:00", "09:30")?.length_seconds(), 1800);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub const fn length_seconds(self) -> u32 {
        self.end - self.start
    }

    /// Its bounds in seconds after its start date's midnight (the end above a day when it
    /// crosses midnight).
    pub(crate) const fn span(self) -> Span {
        Span {
            start: self.start as i64,
            end: self.end as i64,
        }
    }

    /// The part of `span` on its own date (`[00:00, 24:00]`), if any.
    pub(crate) fn within_day(span: Span) -> Option<WallInterval> {
        let start = u32::try_from(span.start.max(0)).ok()?;
        let end = u32::try_from(span.end.min(i64::from(DAY_SECS))).ok()?;
        (start < end).then_some(WallInterval { start, end })
    }

    /// The hull of two intervals of one date that touch or overlap.
    pub(crate) fn joined(self, other: WallInterval) -> WallInterval {
        WallInterval {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// The part both intervals share, if any.
    pub(crate) fn intersect(self, other: WallInterval) -> Option<WallInterval> {
        let start = self.start.max(other.start);
        let end = self.end.min(other.end);
        (start < end).then_some(WallInterval { start, end })
    }
}

impl fmt::Display for WallInterval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}–{}", self.start(), self.end())
    }
}

impl Serialize for WallInterval {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        [self.start().to_string(), self.end().to_string()].serialize(s)
    }
}

impl<'de> Deserialize<'de> for WallInterval {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let [start, end] = <[std::borrow::Cow<'de, str>; 2]>::deserialize(d)?;
        WallInterval::parse(&start, &end).map_err(serde::de::Error::custom)
    }
}

/// Checks one day's intervals: sorted by start and not overlapping (so only the last may cross
/// midnight). `field` names the list.
pub(crate) fn check_day(field: &str, intervals: &[WallInterval]) -> Result<()> {
    for (i, pair) in intervals.windows(2).enumerate() {
        if let [a, b] = pair {
            if b.start < a.end {
                return Err(Error::calendar(
                    format!("{field}[{}]", i + 1),
                    b,
                    format!("overlaps or precedes the interval before it ({a}); list a day's intervals in order, without overlaps (only the last may cross midnight)"),
                ));
            }
        }
    }
    Ok(())
}

/// A stretch `[start, end)`: of wall-clock time in seconds after one date's midnight (either
/// bound may fall on another date: negative, or a day or more), or of instants once compiled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Span {
    pub(crate) start: i64,
    pub(crate) end: i64,
}

impl Span {
    /// The same stretch read from a midnight `days` later.
    pub(crate) fn shifted(self, days: i64) -> Span {
        let by = days * i64::from(DAY_SECS);
        Span {
            start: self.start - by,
            end: self.end - by,
        }
    }
}

/// Sorts spans by their start, in place: an insertion sort, linear on the nearly sorted lists
/// a calendar produces (each date's spans are in order; only a night shift's piece may follow
/// the next date's first span).
pub(crate) fn sort_by_start(spans: &mut [Span]) {
    for i in 1..spans.len() {
        let mut j = i;
        while j > 0 && spans.get(j - 1).map(|s| s.start) > spans.get(j).map(|s| s.start) {
            spans.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// Cuts `breaks` out of `spans` (both sorted by start); the result is sorted and disjoint.
pub(crate) fn cut(spans: &[Span], breaks: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(spans.len() + breaks.len());
    for &span in spans {
        let mut rest = Some(span);
        for b in breaks {
            let Some(p) = rest else { break };
            if b.end <= p.start || b.start >= p.end {
                continue;
            }
            if p.start < b.start {
                out.push(Span {
                    start: p.start,
                    end: b.start,
                });
            }
            rest = (b.end < p.end).then_some(Span {
                start: b.end,
                end: p.end,
            });
        }
        out.extend(rest);
    }
    out
}
