//! Small conversions shared by the modules: instants, languages, priorities.

use crate::error::{invalid, Result};
use chrono::{DateTime, Utc};

/// An RFC 3339 instant (JavaScript's `Date.toISOString()` or any offset).
pub(crate) fn instant(field: &str, text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| {
            invalid(
                field,
                text,
                &format!("expected an RFC 3339 instant such as 2025-01-02T14:00:00Z ({e})"),
            )
        })
}

/// An instant as epoch milliseconds: the whole milliseconds exact, finer digits as the fraction
/// (a `Date` made from it truncates to the millisecond, as `Date` always does).
pub(crate) fn millis(t: DateTime<Utc>) -> f64 {
    let sub_ms = t.timestamp_subsec_nanos() % 1_000_000;
    t.timestamp_millis() as f64 + f64::from(sub_ms) / 1e6
}

/// Epoch microseconds as epoch milliseconds, the whole milliseconds exact.
#[inline]
pub(crate) fn micros_to_millis(us: i64) -> f64 {
    whole_and_fraction(us, 1_000)
}

/// Epoch nanoseconds as epoch milliseconds, the whole milliseconds exact.
#[inline]
pub(crate) fn nanos_to_millis(ns: i64) -> f64 {
    whole_and_fraction(ns, 1_000_000)
}

/// `count / per` rounded down, plus the remainder as a fraction. The quotient is estimated in
/// floating point and corrected: WebAssembly has no multiply-high, so an integer division by a
/// constant becomes a call to a 128-bit multiplication routine there.
#[inline(always)]
fn whole_and_fraction(count: i64, per: i64) -> f64 {
    let mut whole = (count as f64 * (1.0 / per as f64)).floor() as i64;
    let mut rest = count - whole * per;
    if rest < 0 {
        whole -= 1;
        rest += per;
    } else if rest >= per {
        whole += 1;
        rest -= per;
    }
    if rest == 0 {
        whole as f64
    } else {
        whole as f64 + rest as f64 / per as f64
    }
}

/// `en` or `he`.
pub(crate) fn language(name: &str) -> Result<kesher::Language> {
    name.parse().map_err(crate::error::fail)
}
