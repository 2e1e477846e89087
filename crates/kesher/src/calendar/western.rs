//! United States federal holidays and the bank holidays of England and Wales.

use super::rules::{HolidayEffect, Observance};
use chrono::{Datelike, NaiveDate, TimeDelta, Weekday};

fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The `n`th (1-based) `weekday` of a month; `n = 0` means the last one.
fn nth_weekday(year: i32, month: u32, weekday: Weekday, n: u8) -> Option<NaiveDate> {
    if n == 0 {
        let next_month = if month == 12 {
            date(year + 1, 1, 1)
        } else {
            date(year, month + 1, 1)
        }?;
        let last = next_month.pred_opt()?;
        let back = (7 + last.weekday().num_days_from_monday() - weekday.num_days_from_monday()) % 7;
        last.checked_sub_signed(TimeDelta::days(i64::from(back)))
    } else {
        NaiveDate::from_weekday_of_month_opt(year, month, weekday, n)
    }
}

fn push(out: &mut Vec<Observance>, date: Option<NaiveDate>, name: &'static str) {
    if let Some(date) = date {
        out.push(Observance {
            date,
            name,
            effect: HolidayEffect::Closed,
        });
    }
}

fn shift(d: NaiveDate, days: i64) -> Option<NaiveDate> {
    d.checked_add_signed(TimeDelta::days(days))
}

/// US federal holidays whose actual or observed date is in `year`.
pub(crate) fn us_federal(year: i32) -> Vec<Observance> {
    let mut out = Vec::new();
    // Fixed-date holidays, with their observed day; the next New Year's Day may be observed on
    // 31 December of this year.
    let fixed = [
        (year, 1, 1, "New Year's Day", true),
        (year + 1, 1, 1, "New Year's Day", true),
        (year, 6, 19, "Juneteenth", year >= 2021),
        (year, 7, 4, "Independence Day", true),
        (year, 11, 11, "Veterans Day", true),
        (year, 12, 25, "Christmas Day", true),
    ];
    for (y, m, d, name, in_force) in fixed {
        let Some(actual) = date(y, m, d).filter(|_| in_force) else {
            continue;
        };
        let observed = match actual.weekday() {
            Weekday::Sat => shift(actual, -1),
            Weekday::Sun => shift(actual, 1),
            _ => Some(actual),
        };
        for day in [Some(actual), observed].into_iter().flatten() {
            if out
                .iter()
                .all(|o: &Observance| o.date != day || o.name != name)
            {
                push(&mut out, Some(day), name);
            }
        }
    }
    if year >= 1986 {
        push(
            &mut out,
            nth_weekday(year, 1, Weekday::Mon, 3),
            "Martin Luther King Jr. Day",
        );
    }
    push(
        &mut out,
        nth_weekday(year, 2, Weekday::Mon, 3),
        "Washington's Birthday",
    );
    push(
        &mut out,
        nth_weekday(year, 5, Weekday::Mon, 0),
        "Memorial Day",
    );
    push(&mut out, nth_weekday(year, 9, Weekday::Mon, 1), "Labor Day");
    push(
        &mut out,
        nth_weekday(year, 10, Weekday::Mon, 2),
        "Columbus Day",
    );
    push(
        &mut out,
        nth_weekday(year, 11, Weekday::Thu, 4),
        "Thanksgiving Day",
    );
    // Both the actual and the observed day close (the actual one is a weekend day anyway).
    out.retain(|o| o.date.year() == year);
    out
}

/// Easter Sunday in the Gregorian calendar (the anonymous Gregorian algorithm).
fn easter(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    date(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// Proclaimed one-off bank holidays and moved ones (England and Wales, since 1995): these are
/// decided by royal proclamation, so no rule computes them.
const PROCLAIMED: [(i32, u32, u32, &str); 7] = [
    (1999, 12, 31, "Millennium Celebrations"),
    (2002, 6, 3, "Golden Jubilee of Elizabeth II"),
    (2011, 4, 29, "Wedding of William and Catherine"),
    (2012, 6, 5, "Diamond Jubilee of Elizabeth II"),
    (2022, 6, 3, "Platinum Jubilee of Elizabeth II"),
    (2022, 9, 19, "State Funeral of Elizabeth II"),
    (2023, 5, 8, "Coronation of Charles III"),
];

/// Bank holidays of England and Wales in `year`.
pub(crate) fn england_and_wales(year: i32) -> Vec<Observance> {
    let mut out = Vec::new();
    // Like the US set, both the actual day and its substitute weekday are listed.
    let new_year = date(year, 1, 1);
    push(&mut out, new_year, "New Year's Day");
    let substitute = new_year.and_then(|d| match d.weekday() {
        Weekday::Sat => shift(d, 2),
        Weekday::Sun => shift(d, 1),
        _ => None,
    });
    push(&mut out, substitute, "New Year's Day (substitute)");
    let easter = easter(year);
    push(&mut out, easter.and_then(|e| shift(e, -2)), "Good Friday");
    push(&mut out, easter.and_then(|e| shift(e, 1)), "Easter Monday");
    let early_may = match year {
        1995 | 2020 => date(year, 5, 8),
        _ => nth_weekday(year, 5, Weekday::Mon, 1),
    };
    push(&mut out, early_may, "Early May Bank Holiday");
    let spring = match year {
        2002 | 2012 => date(year, 6, 4),
        2022 => date(year, 6, 2),
        _ => nth_weekday(year, 5, Weekday::Mon, 0),
    };
    push(&mut out, spring, "Spring Bank Holiday");
    push(
        &mut out,
        nth_weekday(year, 8, Weekday::Mon, 0),
        "Summer Bank Holiday",
    );
    // Christmas and Boxing Day move to the next weekdays not already taken.
    if let Some(christmas) = date(year, 12, 25) {
        let (c, b) = match christmas.weekday() {
            Weekday::Fri => (0, 3),
            Weekday::Sat => (2, 3),
            Weekday::Sun => (2, 1),
            _ => (0, 1),
        };
        push(&mut out, Some(christmas), "Christmas Day");
        push(&mut out, shift(christmas, 1), "Boxing Day");
        if c != 0 {
            push(&mut out, shift(christmas, c), "Christmas Day (substitute)");
        }
        if b != 1 {
            push(&mut out, shift(christmas, b), "Boxing Day (substitute)");
        }
    }
    for (y, m, d, name) in PROCLAIMED {
        if y == year {
            push(&mut out, date(y, m, d), name);
        }
    }
    out
}
