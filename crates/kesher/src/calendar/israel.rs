//! Israeli holidays computed from the Hebrew calendar (ICU4X's `icu_calendar`), for any year.

use super::rules::{HolidayEffect, Observance};
use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};
use icu_calendar::types::Month;
use icu_calendar::{Date, Iso};

const TISHREI: u8 = 1;
const NISAN: u8 = 7;
const IYAR: u8 = 8;
const SIVAN: u8 = 9;

const EVE_SUFFIX: &str = " eve";

/// The Gregorian date of a Hebrew date, `None` outside the supported range.
fn hebrew(year: i32, month: u8, day: u8) -> Option<NaiveDate> {
    let iso = Date::try_new_hebrew_v2(year, Month::new(month), day)
        .ok()?
        .to_calendar(Iso);
    NaiveDate::from_ymd_opt(
        iso.year().extended_year(),
        u32::from(iso.month().ordinal),
        u32::from(iso.day_of_month().0),
    )
}

/// Whether an observance name is a holiday eve (a reduced day under `eve_hours`).
pub(crate) fn is_eve(name: &str) -> bool {
    name.ends_with(EVE_SUFFIX)
}

/// Independence Day: 5 Iyar, moved to Thursday when it falls on Friday or Saturday, and (from
/// 2004) to Tuesday when it falls on Monday, so that neither it nor Memorial Day the day before
/// touches the Sabbath.
fn independence_day(hebrew_year: i32) -> Option<NaiveDate> {
    let fifth = hebrew(hebrew_year, IYAR, 5)?;
    let shift = match fifth.weekday() {
        Weekday::Fri => -1,
        Weekday::Sat => -2,
        Weekday::Mon if fifth.year() >= 2004 => 1,
        _ => 0,
    };
    fifth.checked_add_signed(TimeDelta::days(shift))
}

/// All observances whose date falls in Gregorian `year`.
pub(crate) fn observances(year: i32) -> Vec<Observance> {
    let mut out = Vec::new();
    // Spring holidays belong to Hebrew year `year + 3760`, autumn ones to `year + 3761`.
    let spring = year + 3760;
    let autumn = year + 3761;
    let mut closed = |date: Option<NaiveDate>, name: &'static str, eve: Option<&'static str>| {
        if let Some(date) = date {
            out.push(Observance {
                date,
                name,
                effect: HolidayEffect::Closed,
            });
            if let (Some(eve), Some(day_before)) = (eve, date.pred_opt()) {
                out.push(Observance {
                    date: day_before,
                    name: eve,
                    effect: HolidayEffect::Reduced,
                });
            }
        }
    };
    closed(hebrew(spring, NISAN, 15), "Pesach", Some("Pesach eve"));
    closed(
        hebrew(spring, NISAN, 21),
        "Seventh day of Pesach",
        Some("Seventh day of Pesach eve"),
    );
    closed(independence_day(spring), "Independence Day", None);
    closed(hebrew(spring, SIVAN, 6), "Shavuot", Some("Shavuot eve"));
    closed(
        hebrew(autumn, TISHREI, 1),
        "Rosh Hashana",
        Some("Rosh Hashana eve"),
    );
    closed(
        hebrew(autumn, TISHREI, 2),
        "Rosh Hashana (second day)",
        None,
    );
    closed(
        hebrew(autumn, TISHREI, 10),
        "Yom Kippur",
        Some("Yom Kippur eve"),
    );
    closed(hebrew(autumn, TISHREI, 15), "Sukkot", Some("Sukkot eve"));
    closed(
        hebrew(autumn, TISHREI, 22),
        "Shemini Atzeret / Simchat Torah",
        Some("Shemini Atzeret / Simchat Torah eve"),
    );
    // Chol HaMoed: the intermediate days, 16–20 of Nisan and of Tishrei (the last of them is
    // also the eve of the closing holiday, listed above as an eve).
    for day in 16..=20 {
        for (hyear, month, name) in [
            (spring, NISAN, "Chol HaMoed Pesach"),
            (autumn, TISHREI, "Chol HaMoed Sukkot"),
        ] {
            if let Some(date) = hebrew(hyear, month, day) {
                out.push(Observance {
                    date,
                    name,
                    effect: HolidayEffect::Reduced,
                });
            }
        }
    }
    out.retain(|o| o.date.year() == year);
    out
}
