//! Durations in the JSON contract: a number of seconds (an integer when whole, else a decimal).

use chrono::TimeDelta;
use serde::{Deserialize, Deserializer, Serializer};

/// Seconds of a duration as a float (sub-second part kept to the nanosecond where f64 allows).
pub(crate) fn as_secs_f64(d: TimeDelta) -> f64 {
    d.num_seconds() as f64 + f64::from(d.subsec_nanos()) / 1e9
}

pub(crate) fn from_secs_f64(secs: f64) -> Option<TimeDelta> {
    if !secs.is_finite() || secs.abs() > 9.0e15 {
        return None;
    }
    let whole = secs.trunc();
    let nanos = ((secs - whole) * 1e9).round() as i64;
    TimeDelta::try_seconds(whole as i64)?.checked_add(&TimeDelta::nanoseconds(nanos))
}

pub(crate) mod option {
    use super::*;

    pub(crate) fn serialize<S: Serializer>(d: &Option<TimeDelta>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) if d.subsec_nanos() == 0 => s.serialize_i64(d.num_seconds()),
            Some(d) => s.serialize_f64(as_secs_f64(*d)),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(
        d: D,
    ) -> Result<Option<TimeDelta>, D::Error> {
        let secs: Option<f64> = Option::deserialize(d)?;
        secs.map(|x| {
            from_secs_f64(x).ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "invalid duration `{}`: not a number of seconds",
                    crate::support::decimal::shortest(x)
                ))
            })
        })
        .transpose()
    }
}

pub(crate) fn serialize<S: Serializer>(d: &TimeDelta, s: S) -> Result<S::Ok, S::Error> {
    if d.subsec_nanos() == 0 {
        s.serialize_i64(d.num_seconds())
    } else {
        s.serialize_f64(as_secs_f64(*d))
    }
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<TimeDelta, D::Error> {
    let secs = f64::deserialize(d)?;
    from_secs_f64(secs).ok_or_else(|| {
        serde::de::Error::custom(format!(
            "invalid duration `{}`: not a number of seconds",
            crate::support::decimal::shortest(secs)
        ))
    })
}
