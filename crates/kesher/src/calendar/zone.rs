//! Local wall time → instant, by rule 2 of the business-time rules ([`crate::calendar`]).

use crate::zone::Zone;
use chrono::{LocalResult, NaiveDate, NaiveDateTime, TimeDelta};

/// Nanoseconds per second.
pub(crate) const NS: i64 = 1_000_000_000;

/// The instant (epoch nanoseconds) of a local wall time in `tz`.
///
/// - a wall time that exists once maps to that instant;
/// - an ambiguous one (fall-back) maps to the **earlier** occurrence;
/// - a nonexistent one (spring-forward gap) moves **forward by the gap**: it is read with the
///   offset in force just before the gap.
///
/// `None` only outside the range of epoch nanoseconds (years 1677–2262).
pub(crate) fn resolve(tz: &Zone, local: NaiveDateTime) -> Option<i64> {
    let offset_secs = match tz.local_offsets(&local) {
        LocalResult::Single(o) => o,
        LocalResult::Ambiguous(a, b) => {
            // The earlier instant has the larger offset.
            a.max(b)
        }
        LocalResult::None => offset_before_gap(tz, local)?,
    };
    local
        .and_utc()
        .timestamp_nanos_opt()?
        .checked_sub(i64::from(offset_secs).checked_mul(NS)?)
}

/// The offset in force just before the gap that swallows `local`: the offset of the latest wall
/// time before it that exists. Gaps are at most a day long (Samoa skipped 2011-12-30), so at most
/// 49 half-hour steps back.
fn offset_before_gap(tz: &Zone, local: NaiveDateTime) -> Option<i32> {
    (1..=49).find_map(|step| {
        let earlier = local.checked_sub_signed(TimeDelta::minutes(30 * step))?;
        tz.local_offsets(&earlier).latest()
    })
}

/// The local date of an instant (epoch nanoseconds) in `tz`.
pub(crate) fn local_date(tz: &Zone, t: i64) -> NaiveDate {
    let secs = t.div_euclid(NS);
    let local = secs + i64::from(tz.offset_secs_at(secs));
    chrono::DateTime::from_timestamp(local, 0).map_or(NaiveDate::MIN, |d| d.date_naive())
}
