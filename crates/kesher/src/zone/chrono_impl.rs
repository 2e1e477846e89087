//! [`Zone`] as a `chrono` time zone, so that `instant.with_timezone(&zone)` works.

use super::{fixed, Zone};
use chrono::{FixedOffset, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone};
use std::fmt;

/// The offset of a [`Zone`] at some instant, as `chrono` needs it: the fixed offset and the zone
/// it belongs to.
///
/// # Example
///
/// ```
/// use chrono::{DateTime, Utc};
///
/// let zone: kesher::zone::Zone = "Asia/Jerusalem".parse()?;
/// let t: DateTime<Utc> = "2025-01-05T07:00:00Z".parse().unwrap();
/// let local = t.with_timezone(&zone);
/// assert_eq!(local.to_rfc3339(), "2025-01-05T09:00:00+02:00");
/// assert_eq!(local.offset().zone(), &zone);
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ZoneOffset {
    zone: Zone,
    offset: FixedOffset,
}

impl ZoneOffset {
    /// The zone this offset is of.
    ///
    /// # Example
    ///
    /// ```
    /// use chrono::TimeZone;
    ///
    /// let o = kesher::zone::Zone::UTC.offset_from_utc_datetime(&chrono::NaiveDateTime::MIN);
    /// assert_eq!(o.zone(), &kesher::zone::Zone::UTC);
    /// ```
    pub fn zone(&self) -> &Zone {
        &self.zone
    }
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.offset
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.offset, self.zone.name())
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.offset, f)
    }
}

impl Zone {
    fn with_offset(&self, secs: i32) -> ZoneOffset {
        ZoneOffset {
            zone: self.clone(),
            offset: fixed(secs),
        }
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Zone {
        offset.zone.clone()
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> LocalResult<ZoneOffset> {
        self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN))
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> LocalResult<ZoneOffset> {
        self.local_offsets(local).map(|o| self.with_offset(o))
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.with_offset(self.offset_secs_at(utc.and_utc().timestamp()))
    }
}
