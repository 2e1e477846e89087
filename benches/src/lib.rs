//! Shared workloads for the benchmarks and the agreement tests: the same inputs and the same
//! calendar for kesher and its peers.

use chrono::TimeDelta;
use jiff::civil::{Date, Time};
use kesher::{Calendar, HolidayEffect, HolidayRules, IsraelDesk, IsraelHolidays};
use workclock::{Holidays, Schedule, WorkDay};

/// 2024-01-01T00:00:00Z.
pub const FROM: i64 = 1_704_067_200;
/// Two years later, 2026-01-01T00:00:00Z.
pub const TO: i64 = 1_767_225_600;

/// A small deterministic generator (SplitMix64), so every run and every language sees the
/// same inputs.
#[derive(Debug, Clone)]
pub struct SplitMix(pub u64);

impl SplitMix {
    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[lo, hi)`.
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        let span = u64::try_from(hi - lo).unwrap_or(1).max(1);
        lo + i64::try_from(self.next_u64() % span).unwrap_or(0)
    }
}

/// `n` ticket-open instants (epoch seconds), uniform over 2024–2025.
pub fn ticket_opens(n: usize, seed: u64) -> Vec<i64> {
    let mut rng = SplitMix(seed);
    (0..n).map(|_| rng.between(FROM, TO)).collect()
}

/// `n` (start, end) pairs with the end up to 30 days after the start.
pub fn pairs(n: usize, seed: u64) -> (Vec<i64>, Vec<i64>) {
    let mut rng = SplitMix(seed);
    (0..n)
        .map(|_| {
            let a = rng.between(FROM, TO);
            (a, a + rng.between(0, 30 * 86_400))
        })
        .unzip()
}

/// The Israeli preset as shipped (eves until 13:00).
pub fn israel() -> Calendar {
    Calendar::israel_desk().unwrap_or_else(|e| unreachable(&e))
}

/// The Israeli preset without reduced eves: what `workclock` can express (weekly hours plus
/// closed dates), so both engines answer the same question.
pub fn israel_plain() -> Calendar {
    let desk = IsraelDesk {
        holidays: IsraelHolidays {
            eve_hours: None,
            chol_hamoed_hours: None,
        },
        ..IsraelDesk::default()
    };
    Calendar::israel(&desk).unwrap_or_else(|e| unreachable(&e))
}

fn unreachable(e: &kesher::Error) -> ! {
    // The presets are valid by construction; a failure here is a bug in kesher.
    eprintln!("preset failed: {e}");
    std::process::abort()
}

/// The closed Israeli holidays of 2023–2027, as computed by kesher.
pub fn israel_closed_dates() -> Vec<chrono::NaiveDate> {
    let rules = HolidayRules::Israel(IsraelHolidays::default());
    (2023..=2027)
        .flat_map(|y| rules.observances(y))
        .filter(|o| o.effect == HolidayEffect::Closed)
        .map(|o| o.date)
        .collect()
}

/// [`israel_plain`] as a `workclock` schedule.
pub fn israel_workclock() -> Result<Schedule, workclock::Error> {
    use jiff::civil::Weekday::*;
    let sun_thu = [Sunday, Monday, Tuesday, Wednesday, Thursday]
        .into_iter()
        .collect();
    let friday = [Friday].into_iter().collect();
    let dates: Vec<Date> = israel_closed_dates()
        .into_iter()
        .filter_map(|d| {
            use chrono::Datelike;
            Date::new(
                i16::try_from(d.year()).ok()?,
                i8::try_from(d.month()).ok()?,
                i8::try_from(d.day()).ok()?,
            )
            .ok()
        })
        .collect();
    Schedule::builder()
        .time_zone("Asia/Jerusalem")
        .rule(WorkDay::new(hm(9), hm(17), sun_thu))
        .rule(WorkDay::new(hm(9), hm(13), friday))
        .rule(Holidays::new(dates))
        .build()
}

fn hm(hour: i8) -> Time {
    Time::constant(hour, 0, 0, 0)
}

/// Four business hours, the first-response target of the benchmarks.
pub fn four_hours() -> TimeDelta {
    TimeDelta::hours(4)
}
