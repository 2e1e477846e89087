//! Reading the instants of CSV exports: RFC 3339, or a `strftime` format in a time zone.

use super::invalid;
use crate::Error;
use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};

/// How a CSV export writes its instants.
#[derive(Debug, Clone)]
pub(super) struct Timestamps {
    format: Option<String>,
    zone: Option<kesher::zone::Zone>,
}

impl Timestamps {
    /// RFC 3339 when `format` is absent; else `format` read in `timezone` (UTC when absent).
    pub(super) fn new(format: Option<&str>, timezone: Option<&str>) -> Result<Timestamps, Error> {
        let zone = timezone
            .map(|z| {
                kesher::zone::Zone::from_name(z)
                    .ok_or_else(|| invalid("timezone", z, "not an IANA time zone"))
            })
            .transpose()?;
        Ok(Timestamps {
            format: format.map(str::to_string),
            zone,
        })
    }

    /// The instant `raw` of the column `field`; a wall time that does not exist in the zone
    /// (a daylight-saving gap) is an error, an ambiguous one the earlier instant.
    pub(super) fn parse(&self, field: &str, raw: &str) -> Result<DateTime<Utc>, Error> {
        let Some(format) = &self.format else {
            return DateTime::parse_from_rfc3339(raw)
                .map(|t| t.with_timezone(&Utc))
                .map_err(|e| invalid(field, raw, format!("{e}; expected RFC 3339")));
        };
        let naive = NaiveDateTime::parse_from_str(raw, format)
            .map_err(|e| invalid(field, raw, format!("{e}; expected `{format}`")))?;
        match &self.zone {
            None => Ok(naive.and_utc()),
            Some(zone) => zone
                .from_local_datetime(&naive)
                .earliest()
                .map(|t| t.with_timezone(&Utc))
                .ok_or_else(|| {
                    invalid(
                        field,
                        raw,
                        format!("does not exist in {zone} (a daylight-saving gap)"),
                    )
                }),
        }
    }
}
