//! The weekly opening hours of a calendar.

use super::clock::{check_day, WallInterval};
use crate::error::Result;
use chrono::Weekday;
use serde::{Deserialize, Serialize};

/// Opening intervals for each weekday, in the calendar's local time. A weekday left out is closed.
///
/// JSON: an object with keys `mon`..`sun`, each a list of `["HH:MM", "HH:MM"]` pairs in order,
/// not overlapping.
///
/// # Example
///
/// ```
/// use chrono::Weekday;
/// use kesher::calendar::WeeklyHours;
///
/// let week: WeeklyHours = serde_json::from_str(
///     r#"{"sun": [["09:00","17:00"]], "fri": [["09:00","13:00"]]}"#,
/// ).unwrap();
/// assert_eq!(week.day(Weekday::Sun).len(), 1);
/// assert!(week.day(Weekday::Sat).is_empty());
/// assert_eq!(week.weekly_seconds(), 12 * 3600);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WeeklyHours {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    mon: Vec<WallInterval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    tue: Vec<WallInterval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    wed: Vec<WallInterval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    thu: Vec<WallInterval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    fri: Vec<WallInterval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sat: Vec<WallInterval>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    sun: Vec<WallInterval>,
}

impl WeeklyHours {
    /// A week with every weekday closed; add hours with [`WeeklyHours::with_day`].
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::calendar::WeeklyHours::closed().weekly_seconds(), 0);
    /// ```
    pub fn closed() -> WeeklyHours {
        WeeklyHours::default()
    }

    /// The same week with `day`'s intervals replaced (sorted, non-overlapping, or an error).
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::Weekday;
    /// use kesher::calendar::{WallInterval, WeeklyHours};
    ///
    /// let week = WeeklyHours::closed()
    ///     .with_day(Weekday::Mon, vec![WallInterval::parse("09:00", "12:00")?, WallInterval::parse("13:00", "17:00")?])?;
    /// assert_eq!(week.weekly_seconds(), 7 * 3600);
    /// assert!(WeeklyHours::closed()
    ///     .with_day(Weekday::Mon, vec![WallInterval::parse("09:00", "12:00")?, WallInterval::parse("11:00", "17:00")?])
    ///     .is_err());
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn with_day(mut self, day: Weekday, intervals: Vec<WallInterval>) -> Result<WeeklyHours> {
        check_day(&format!("week.{}", key(day)), &intervals)?;
        *self.day_mut(day) = intervals;
        self.check_night(day)?;
        self.check_night(day.pred())?;
        Ok(self)
    }

    /// The intervals of one weekday (empty when closed).
    ///
    /// # Example
    ///
    /// ```
    /// assert!(kesher::calendar::WeeklyHours::closed().day(chrono::Weekday::Tue).is_empty());
    /// ```
    pub fn day(&self, day: Weekday) -> &[WallInterval] {
        match day {
            Weekday::Mon => &self.mon,
            Weekday::Tue => &self.tue,
            Weekday::Wed => &self.wed,
            Weekday::Thu => &self.thu,
            Weekday::Fri => &self.fri,
            Weekday::Sat => &self.sat,
            Weekday::Sun => &self.sun,
        }
    }

    fn day_mut(&mut self, day: Weekday) -> &mut Vec<WallInterval> {
        match day {
            Weekday::Mon => &mut self.mon,
            Weekday::Tue => &mut self.tue,
            Weekday::Wed => &mut self.wed,
            Weekday::Thu => &mut self.thu,
            Weekday::Fri => &mut self.fri,
            Weekday::Sat => &mut self.sat,
            Weekday::Sun => &mut self.sun,
        }
    }

    /// Wall-clock open seconds in one week (DST days aside).
    ///
    /// # Example
    ///
    /// ```
    /// let week: kesher::calendar::WeeklyHours = serde_json::from_str(r#"{"mon": [["00:00","24:00"]]}"#).unwrap();
    /// assert_eq!(week.weekly_seconds(), 86_400);
    /// ```
    pub fn weekly_seconds(&self) -> u64 {
        WEEKDAYS
            .iter()
            .flat_map(|&d| self.day(d))
            .map(|i| u64::from(i.length_seconds()))
            .sum()
    }

    pub(crate) fn validate(&self) -> Result<()> {
        for day in WEEKDAYS {
            check_day(&format!("week.{}", key(day)), self.day(day))?;
        }
        for day in WEEKDAYS {
            self.check_night(day)?;
        }
        Ok(())
    }

    /// A night shift of `day` must close before the next day's first interval opens.
    fn check_night(&self, day: Weekday) -> Result<()> {
        let Some(night) = self.day(day).last().filter(|i| i.crosses_midnight()) else {
            return Ok(());
        };
        let next = day.succ();
        match self.day(next).first() {
            Some(first) if first.start() < night.end() => Err(crate::error::Error::calendar(
                format!("week.{}[0]", key(next)),
                first,
                format!(
                    "opens before the night shift of {} ({night}) closes; start it at {} or later",
                    key(day),
                    night.end()
                ),
            )),
            _ => Ok(()),
        }
    }
}

/// Monday to Sunday.
pub(crate) const WEEKDAYS: [Weekday; 7] = [
    Weekday::Mon,
    Weekday::Tue,
    Weekday::Wed,
    Weekday::Thu,
    Weekday::Fri,
    Weekday::Sat,
    Weekday::Sun,
];

/// The JSON key of a weekday (`mon`..`sun`).
pub(crate) fn key(day: Weekday) -> &'static str {
    match day {
        Weekday::Mon => "mon",
        Weekday::Tue => "tue",
        Weekday::Wed => "wed",
        Weekday::Thu => "thu",
        Weekday::Fri => "fri",
        Weekday::Sat => "sat",
        Weekday::Sun => "sun",
    }
}
