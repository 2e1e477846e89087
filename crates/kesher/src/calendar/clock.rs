//! Wall-clock times of day and the opening intervals built from them.

use crate::{Error, Result};
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
/// use kesher::WallTime;
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
    /// assert_eq!(kesher::WallTime::MIDNIGHT.to_string(), "00:00");
    /// ```
    pub const MIDNIGHT: WallTime = WallTime(0);

    /// The end of the day, `24:00`, valid only as the end of an interval.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::WallTime::END_OF_DAY.to_string(), "24:00");
    /// ```
    pub const END_OF_DAY: WallTime = WallTime(DAY_SECS);

    /// A time from hours, minutes and seconds (`24:00:00` allowed, nothing later).
    ///
    /// # Example
    ///
    /// ```
    /// let t = kesher::WallTime::hms(13, 0, 0)?;
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
    /// assert_eq!(kesher::WallTime::END_OF_DAY.seconds_of_day(), 86_400);
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
        WallTime::hms(h, m, s).map_err(|e| match e {
            Error::InvalidCalendar { reason, .. } => Error::calendar("time", text, reason),
            other => other,
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

/// A half-open opening interval `[start, end)` on one local date: open at `start`, closed at
/// `end`. `end` may be `24:00`; `start` must be before `end`.
///
/// JSON: a pair of times, `["09:00", "17:00"]`.
///
/// # Example
///
/// ```
/// use kesher::WallInterval;
///
/// let i = WallInterval::parse("09:00", "17:00")?;
/// assert_eq!(i.length_seconds(), 8 * 3600);
/// assert_eq!(serde_json::to_string(&i).unwrap(), r#"["09:00","17:00"]"#);
/// assert!(WallInterval::parse("17:00", "09:00").is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct WallInterval {
    start: WallTime,
    end: WallTime,
}

impl WallInterval {
    /// An interval from two times; `start < end` and `start` is not `24:00`.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::{WallInterval, WallTime};
    ///
    /// let i = WallInterval::new(WallTime::hms(22, 0, 0)?, WallTime::END_OF_DAY)?;
    /// assert_eq!(i.to_string(), "22:00–24:00");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn new(start: WallTime, end: WallTime) -> Result<WallInterval> {
        if start >= end {
            let reason = if start == end {
                "a zero-length interval opens nothing; use a later end"
            } else {
                "the interval is reversed: its end comes before its start"
            };
            return Err(Error::calendar(
                "interval",
                format!("{start}–{end}"),
                reason,
            ));
        }
        Ok(WallInterval { start, end })
    }

    /// An interval from two `HH:MM[:SS]` texts.
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::WallInterval::parse("09:00", "09:00").is_err());
    /// ```
    pub fn parse(start: &str, end: &str) -> Result<WallInterval> {
        WallInterval::new(start.parse()?, end.parse()?)
    }

    /// When it opens.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::WallInterval::parse("09:00", "13:00")?.start().to_string(), "09:00");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub const fn start(self) -> WallTime {
        self.start
    }

    /// When it closes (not included).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::WallInterval::parse("09:00", "13:00")?.end().to_string(), "13:00");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub const fn end(self) -> WallTime {
        self.end
    }

    /// Its length on the wall clock, in seconds (real time may differ on a DST change day).
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::WallInterval::parse("09:00", "09:30")?.length_seconds(), 1800);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub const fn length_seconds(self) -> u32 {
        self.end.0 - self.start.0
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
        write!(f, "{}–{}", self.start, self.end)
    }
}

impl Serialize for WallInterval {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        [self.start.to_string(), self.end.to_string()].serialize(s)
    }
}

impl<'de> Deserialize<'de> for WallInterval {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let [start, end] = <[std::borrow::Cow<'de, str>; 2]>::deserialize(d)?;
        WallInterval::parse(&start, &end).map_err(serde::de::Error::custom)
    }
}

/// Checks one day's intervals: sorted by start and not overlapping. `field` names the list.
pub(crate) fn check_day(field: &str, intervals: &[WallInterval]) -> Result<()> {
    for (i, pair) in intervals.windows(2).enumerate() {
        if let [a, b] = pair {
            if b.start < a.end {
                return Err(Error::calendar(
                    format!("{field}[{}]", i + 1),
                    b,
                    format!("overlaps or precedes the interval before it ({a}); list a day's intervals in order, without overlaps"),
                ));
            }
        }
    }
    Ok(())
}

/// Cuts `breaks` out of `intervals` (both sorted); the result is sorted and disjoint.
pub(crate) fn cut(intervals: &[WallInterval], breaks: &[WallInterval]) -> Vec<WallInterval> {
    let mut out = Vec::with_capacity(intervals.len() + breaks.len());
    for &interval in intervals {
        let mut pieces = vec![interval];
        for b in breaks {
            pieces = pieces
                .into_iter()
                .flat_map(|p| {
                    let before = WallInterval::new(p.start, p.end.min(b.start)).ok();
                    let after = WallInterval::new(p.start.max(b.end), p.end).ok();
                    if b.end <= p.start || b.start >= p.end {
                        vec![p]
                    } else {
                        before.into_iter().chain(after).collect()
                    }
                })
                .collect();
        }
        out.extend(pieces);
    }
    out
}
