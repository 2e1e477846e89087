//! Serde helpers for IANA time zones (`"Asia/Jerusalem"`).

pub(crate) mod option {
    use chrono_tz::Tz;
    use serde::{Deserialize, Deserializer, Serializer};

    pub(crate) fn serialize<S: Serializer>(tz: &Option<Tz>, s: S) -> Result<S::Ok, S::Error> {
        match tz {
            Some(tz) => s.serialize_str(tz.name()),
            None => s.serialize_none(),
        }
    }

    pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Tz>, D::Error> {
        let name: Option<String> = Option::deserialize(d)?;
        name.map(|n| {
            n.parse::<Tz>().map_err(|_| {
                serde::de::Error::custom(format!(
                    "invalid time_zone `{n}`: not an IANA time zone name such as `Asia/Jerusalem`"
                ))
            })
        })
        .transpose()
    }
}
