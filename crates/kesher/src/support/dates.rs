//! Dates and clock times as people read them in reports, pictures and replies: `2025-01-05`,
//! `2025-01-05 09:30`, `09:30` (day and month names come from the message catalogue).
//!
//! Written directly, each exactly as the chrono `strftime` pattern named on it writes it (the
//! tests compare them over every day of 1600–2400), so that chrono's format interpreter is not
//! compiled into the WebAssembly package for a few fixed patterns.

use chrono::{Datelike, Timelike};
use std::fmt::Write;

/// `%Y`: four digits in years 0–9999, else signed and padded to four digits (`+10000`, `-0001`).
fn year(out: &mut String, y: i32) {
    if (0..=9999).contains(&y) {
        let _ = write!(out, "{y:04}");
    } else {
        let _ = write!(out, "{y:+05}");
    }
}

/// `%Y-%m-%d`: `2025-01-05`.
pub(crate) fn ymd(d: &impl Datelike) -> String {
    let mut out = String::with_capacity(10);
    year(&mut out, d.year());
    let _ = write!(out, "-{:02}-{:02}", d.month(), d.day());
    out
}

/// `%H:%M`: `09:30`.
pub(crate) fn hm(t: &impl Timelike) -> String {
    format!("{:02}:{:02}", t.hour(), t.minute())
}

/// `%Y-%m-%d %H:%M`: `2025-01-05 09:30`.
pub(crate) fn ymd_hm<T: Datelike + Timelike>(t: &T) -> String {
    format!("{} {}", ymd(t), hm(t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveDateTime, TimeDelta};
    use proptest::prelude::*;

    #[test]
    fn every_day_of_eight_centuries_reads_as_chrono_writes_it() {
        let mut d = NaiveDate::from_ymd_opt(1600, 1, 1).unwrap();
        let end = NaiveDate::from_ymd_opt(2400, 12, 31).unwrap();
        while d <= end {
            assert_eq!(ymd(&d), d.format("%Y-%m-%d").to_string());
            d += TimeDelta::days(1);
        }
    }

    #[test]
    fn years_outside_four_digits_carry_their_sign() {
        for y in [-5000, -1, 0, 9999, 10000, 262_000] {
            let d = NaiveDate::from_ymd_opt(y, 3, 4).unwrap();
            assert_eq!(ymd(&d), d.format("%Y-%m-%d").to_string(), "{y}");
        }
    }

    proptest! {
        #[test]
        fn clock_times_read_as_chrono_writes_them(secs in -20_000_000_000i64..20_000_000_000, nanos in 0u32..2_000_000_000) {
            let Some(t) = chrono::DateTime::from_timestamp(secs, nanos) else { return Ok(()) };
            let t: NaiveDateTime = t.naive_utc();
            prop_assert_eq!(hm(&t), t.format("%H:%M").to_string());
            prop_assert_eq!(ymd_hm(&t), t.format("%Y-%m-%d %H:%M").to_string());
        }
    }
}
