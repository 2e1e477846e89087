//! Holiday rule sets: holidays *computed* for any year instead of listed by hand.

use super::clock::WallInterval;
use super::{israel, western};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A set of holidays computed for any year. A calendar may carry several (`holiday_rules`).
///
/// JSON: tagged by `set`: `{"set": "israel", "eve_hours": [["00:00","13:00"]]}`,
/// `{"set": "us_federal"}`, `{"set": "england_and_wales"}`.
///
/// # Example
///
/// ```
/// use chrono::NaiveDate;
/// use kesher::calendar::HolidayRules;
///
/// let us: HolidayRules = serde_json::from_str(r#"{"set": "us_federal"}"#).unwrap();
/// let days = us.observances(2021);
/// // Independence Day 2021 fell on a Sunday: observed on Monday the 5th.
/// assert!(days.iter().any(|o| o.date == NaiveDate::from_ymd_opt(2021, 7, 5).unwrap()));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "set", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum HolidayRules {
    /// Israeli holidays from the Hebrew calendar (see [`IsraelHolidays`]).
    Israel(IsraelHolidays),
    /// United States federal holidays with the observed-date rule (Saturday → Friday before,
    /// Sunday → Monday after): New Year's Day, Martin Luther King Jr. Day (from 1986),
    /// Washington's Birthday, Memorial Day, Juneteenth (from 2021), Independence Day, Labor Day,
    /// Columbus Day, Veterans Day, Thanksgiving, Christmas.
    UsFederal,
    /// Bank holidays of England and Wales: New Year's Day, Good Friday, Easter Monday, the early
    /// May, spring and summer bank holidays, Christmas and Boxing Day, with substitute days when
    /// they fall on a weekend, and the proclaimed one-off and moved days since 1995 (which no rule
    /// can compute).
    EnglandAndWales,
}

/// Options of the Israeli holiday set.
///
/// Closed: Rosh Hashana (both days), Yom Kippur, Sukkot, Shemini Atzeret/Simchat Torah, the first
/// and seventh days of Pesach, Shavuot, and Independence Day (5 Iyar, moved to Thursday when it
/// falls on Friday or Saturday, and to Tuesday when it falls on Monday from 2004).
///
/// Reduced (the day's regular hours cut to these intervals, so a closed day stays closed):
/// holiday eves (the day before Rosh Hashana, Yom Kippur, Sukkot, Shemini Atzeret, Pesach, the
/// seventh day of Pesach and Shavuot) with `eve_hours`, and Chol HaMoed (the intermediate days of
/// Sukkot and Pesach) with `chol_hamoed_hours`. `None` keeps the regular hours; an empty list
/// closes the day.
///
/// # Example
///
/// ```
/// use kesher::calendar::{HolidayEffect, IsraelHolidays};
///
/// let rules = IsraelHolidays::default();
/// let year = kesher::calendar::HolidayRules::Israel(rules).observances(2025);
/// let yom_kippur = year.iter().find(|o| o.name == "Yom Kippur").unwrap();
/// assert_eq!(yom_kippur.date.to_string(), "2025-10-02");
/// assert_eq!(yom_kippur.effect, HolidayEffect::Closed);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IsraelHolidays {
    /// Hours on a holiday eve (default: until 13:00, `[["00:00","13:00"]]`).
    #[serde(default = "default_eve_hours")]
    pub eve_hours: Option<Vec<WallInterval>>,
    /// Hours on Chol HaMoed (default: `None`, regular hours).
    #[serde(default)]
    pub chol_hamoed_hours: Option<Vec<WallInterval>>,
}

fn default_eve_hours() -> Option<Vec<WallInterval>> {
    WallInterval::new(super::WallTime::MIDNIGHT, thirteen())
        .ok()
        .map(|i| vec![i])
}

fn thirteen() -> super::WallTime {
    super::WallTime::hms(13, 0, 0).unwrap_or(super::WallTime::END_OF_DAY)
}

impl Default for IsraelHolidays {
    fn default() -> Self {
        IsraelHolidays {
            eve_hours: default_eve_hours(),
            chol_hamoed_hours: None,
        }
    }
}

/// What a holiday does to its date.
///
/// # Example
///
/// ```
/// use kesher::calendar::HolidayEffect;
///
/// assert_ne!(HolidayEffect::Closed, HolidayEffect::Reduced);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayEffect {
    /// The whole date is closed.
    Closed,
    /// The date keeps only part of its regular hours, when the rule set is configured to
    /// reduce such days (Israeli eves and Chol HaMoed; see [`IsraelHolidays`]).
    Reduced,
}

/// One computed holiday (or eve, or intermediate day) on one date.
///
/// # Example
///
/// ```
/// let days = kesher::calendar::HolidayRules::EnglandAndWales.observances(2024);
/// assert!(days.iter().any(|o| o.name == "Good Friday" && o.date.to_string() == "2024-03-29"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Observance {
    /// The local date.
    pub date: NaiveDate,
    /// The holiday's English name.
    pub name: &'static str,
    /// Closed or reduced.
    pub effect: HolidayEffect,
}

impl HolidayRules {
    /// The holidays this set computes in one Gregorian year, sorted by date.
    ///
    /// # Example
    ///
    /// ```
    /// let days = kesher::calendar::HolidayRules::UsFederal.observances(2025);
    /// assert_eq!(days.len(), 11);
    /// ```
    pub fn observances(&self, year: i32) -> Vec<Observance> {
        let mut out = match self {
            HolidayRules::Israel(_) => israel::observances(year),
            HolidayRules::UsFederal => western::us_federal(year),
            HolidayRules::EnglandAndWales => western::england_and_wales(year),
        };
        crate::support::sorting::sort_by_key(&mut out, |o| o.date);
        out
    }

    /// The hours a reduced day is cut to, for this set.
    pub(crate) fn reduced_hours(&self, name: &str) -> Option<&[WallInterval]> {
        match self {
            HolidayRules::Israel(o) if israel::is_eve(name) => o.eve_hours.as_deref(),
            HolidayRules::Israel(o) => o.chol_hamoed_hours.as_deref(),
            _ => None,
        }
    }
}
