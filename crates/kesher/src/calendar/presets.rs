//! Ready-made calendars: an Israeli desk, a US desk, a desk in England and Wales.

use super::clock::WallInterval;
use super::rules::{HolidayRules, IsraelHolidays};
use super::week::WeeklyHours;
use super::Calendar;
use crate::{
    error::{Error, Result},
    zone::Zone,
};
use chrono::Weekday;

/// The settings of an Israeli service desk: Sunday–Thursday `weekday_hours`, a short Friday,
/// Saturday closed, and the holidays of [`IsraelHolidays`] computed from the Hebrew calendar.
///
/// # Example
///
/// ```
/// use kesher::calendar::{Calendar, IsraelDesk, WallInterval};
///
/// let desk = IsraelDesk {
///     weekday_hours: vec![WallInterval::parse("08:00", "18:00")?],
///     friday_hours: vec![],
///     ..IsraelDesk::default()
/// };
/// let cal = Calendar::israel(&desk)?;
/// assert_eq!(cal.week().weekly_seconds(), 5 * 10 * 3600);
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IsraelDesk {
    /// The IANA zone name (default `Asia/Jerusalem`), resolved when the calendar is built.
    pub tz: String,
    /// Sunday to Thursday (default 09:00–17:00).
    pub weekday_hours: Vec<WallInterval>,
    /// Friday (default 09:00–13:00; empty closes Friday).
    pub friday_hours: Vec<WallInterval>,
    /// Holiday eves and Chol HaMoed.
    pub holidays: IsraelHolidays,
}

/// The zone of a desk, as an `invalid_calendar` error naming `tz` when unknown.
fn zone(name: &str) -> Result<Zone> {
    Zone::from_name(name)
        .ok_or_else(|| Error::calendar("tz", name, crate::zone::unknown_zone_reason()))
}

fn hours(start: &str, end: &str) -> Vec<WallInterval> {
    WallInterval::parse(start, end).into_iter().collect()
}

impl Default for IsraelDesk {
    fn default() -> Self {
        IsraelDesk {
            tz: "Asia/Jerusalem".into(),
            weekday_hours: hours("09:00", "17:00"),
            friday_hours: hours("09:00", "13:00"),
            holidays: IsraelHolidays::default(),
        }
    }
}

/// The named presets, for command lines and configuration (`israel`, `us`, `uk`).
///
/// # Example
///
/// ```
/// use kesher::calendar::Preset;
///
/// let p: Preset = "israel".parse()?;
/// assert_eq!(p, Preset::Israel);
/// assert!(p.calendar()?.holiday_rules().len() == 1);
/// assert!("mars".parse::<Preset>().is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Preset {
    /// [`Calendar::israel_desk`].
    Israel,
    /// [`Calendar::us_desk`].
    Us,
    /// [`Calendar::uk_desk`].
    Uk,
}

impl Preset {
    /// Every preset.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::calendar::Preset::ALL.len(), 3);
    /// ```
    pub const ALL: [Preset; 3] = [Preset::Israel, Preset::Us, Preset::Uk];

    /// The preset's name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::calendar::Preset::Uk.name(), "uk");
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Preset::Israel => "israel",
            Preset::Us => "us",
            Preset::Uk => "uk",
        }
    }

    /// The calendar.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::calendar::Preset::Us.calendar()?.tz().name(), "America/New_York");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn calendar(self) -> Result<Calendar> {
        match self {
            Preset::Israel => Calendar::israel_desk(),
            Preset::Us => Calendar::us_desk(),
            Preset::Uk => Calendar::uk_desk(),
        }
    }
}

impl std::str::FromStr for Preset {
    type Err = Error;

    fn from_str(s: &str) -> Result<Preset> {
        Preset::ALL
            .into_iter()
            .find(|p| p.name() == s)
            .ok_or_else(|| Error::invalid("calendar preset", s, "expected `israel`, `us` or `uk`"))
    }
}

fn weekdays(days: &[Weekday], h: &[WallInterval]) -> Result<WeeklyHours> {
    days.iter()
        .try_fold(WeeklyHours::closed(), |w, &d| w.with_day(d, h.to_vec()))
}

impl Calendar {
    /// An Israeli desk with the default [`IsraelDesk`] settings: Sunday–Thursday 09:00–17:00,
    /// Friday 09:00–13:00, holiday eves until 13:00, Asia/Jerusalem.
    ///
    /// # Example
    ///
    /// ```
    /// let il = kesher::calendar::Calendar::israel_desk()?;
    /// // Saturday is closed; Sunday morning is open.
    /// assert!(!il.is_open("2025-01-04T08:00:00Z".parse().unwrap())?);
    /// assert!(il.is_open("2025-01-05T08:00:00Z".parse().unwrap())?);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn israel_desk() -> Result<Calendar> {
        Calendar::israel(&IsraelDesk::default())
    }

    /// An Israeli desk with the given settings.
    ///
    /// # Example
    ///
    /// ```
    /// let cal = kesher::calendar::Calendar::israel(&kesher::calendar::IsraelDesk::default())?;
    /// assert_eq!(cal.tz().name(), "Asia/Jerusalem");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn israel(desk: &IsraelDesk) -> Result<Calendar> {
        use Weekday::*;
        let week = weekdays(&[Sun, Mon, Tue, Wed, Thu], &desk.weekday_hours)?
            .with_day(Fri, desk.friday_hours.clone())?;
        Calendar::new(zone(&desk.tz)?, week)?
            .with_holiday_rules(HolidayRules::Israel(desk.holidays.clone()))
    }

    /// A US desk: Monday–Friday 09:00–17:00 America/New_York with the federal holidays.
    ///
    /// # Example
    ///
    /// ```
    /// let us = kesher::calendar::Calendar::us_desk()?;
    /// // Thanksgiving 2025 (Thursday 27 November) is closed.
    /// assert!(!us.is_open("2025-11-27T15:00:00Z".parse().unwrap())?);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn us_desk() -> Result<Calendar> {
        use Weekday::*;
        let week = weekdays(&[Mon, Tue, Wed, Thu, Fri], &hours("09:00", "17:00"))?;
        Calendar::new(zone("America/New_York")?, week)?.with_holiday_rules(HolidayRules::UsFederal)
    }

    /// A desk in England and Wales: Monday–Friday 09:00–17:30 Europe/London with the bank
    /// holidays.
    ///
    /// # Example
    ///
    /// ```
    /// let uk = kesher::calendar::Calendar::uk_desk()?;
    /// // Boxing Day 2025 (Friday) is closed.
    /// assert!(!uk.is_open("2025-12-26T12:00:00Z".parse().unwrap())?);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn uk_desk() -> Result<Calendar> {
        use Weekday::*;
        let week = weekdays(&[Mon, Tue, Wed, Thu, Fri], &hours("09:00", "17:30"))?;
        Calendar::new(zone("Europe/London")?, week)?
            .with_holiday_rules(HolidayRules::EnglandAndWales)
    }
}
