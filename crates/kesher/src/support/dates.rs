//! Dates and clock times as people read them in reports, pictures and replies: `2025-01-05`,
//! `2025-01-05 09:30`, `09:30` (day and month names come from the message catalogue).
//!
//! Written directly, each exactly as the chrono `strftime` pattern named on it writes it (the
//! tests compare them over every day of 1600–2400), so that chrono's format interpreter is not
//! compiled into the WebAssembly package for a few fixed patterns. Read likewise: [`read_ymd`]
//! takes `YYYY-MM-DD` as chrono's `%Y-%m-%d` reads it, restricted to four-digit years and
//! two-digit months and days (tests compare the two on every day of 1600–2400 and on any ten
//! characters); chrono's parser and its strftime items cost the package about 5 KB gzipped.

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

/// A local date written `YYYY-MM-DD`, or `None`.
pub(crate) fn read_ymd(text: &str) -> Option<chrono::NaiveDate> {
    let b = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        b.get(range)?.iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    chrono::NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
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

    #[test]
    fn every_day_of_eight_centuries_is_read_as_chrono_reads_it() {
        let mut d = NaiveDate::from_ymd_opt(1600, 1, 1).unwrap();
        while d.year() <= 2400 {
            assert_eq!(read_ymd(&ymd(&d)), Some(d));
            d += TimeDelta::days(1);
        }
        for bad in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "2025-1-011",
            "+025-01-01",
            "2025/01/01",
            "2025-01-1 ",
            "",
        ] {
            assert_eq!(read_ymd(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn any_ten_characters_read_as_chrono_reads_them_or_not_at_all(text in "[-+0-9 /]{10}|[0-9]{4}-[0-9]{2}-[0-9]{2}") {
            let ours = read_ymd(&text);
            let theirs = NaiveDate::parse_from_str(&text, "%Y-%m-%d").ok();
            // The same date whenever ours reads one; what only chrono reads has a sign or
            // digits in another place than `YYYY-MM-DD`.
            match (ours, theirs) {
                (Some(a), b) => prop_assert_eq!(Some(a), b),
                (None, Some(_)) => {
                    let shaped = text.bytes().enumerate().all(|(i, c)| if i == 4 || i == 7 { c == b'-' } else { c.is_ascii_digit() });
                    prop_assert!(!shaped, "chrono reads {} and we do not", text);
                }
                (None, None) => {}
            }
        }

        #[test]
        fn clock_times_read_as_chrono_writes_them(secs in -20_000_000_000i64..20_000_000_000, nanos in 0u32..2_000_000_000) {
            let Some(t) = chrono::DateTime::from_timestamp(secs, nanos) else { return Ok(()) };
            let t: NaiveDateTime = t.naive_utc();
            prop_assert_eq!(hm(&t), t.format("%H:%M").to_string());
            prop_assert_eq!(ymd_hm(&t), t.format("%Y-%m-%d %H:%M").to_string());
        }
    }
}
