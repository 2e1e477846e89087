//! Time zones: an IANA zone name and the offsets from UTC it has had.
//!
//! A [`Zone`] answers two questions, which is all business time needs of it: the offset in force
//! at an instant, and the offsets a local wall time can have (none in a spring-forward gap, two
//! in a fall-back overlap). It comes from one of three places:
//!
//! - `"UTC"`, always known;
//! - the IANA database compiled into the crate (the `tzdb` feature, on by default; it is the
//!   `chrono-tz` database, with its transitions up to the end of 2099 and the last offset after);
//! - a **zone source** the host installs once with [`install_source`] (the core's one
//!   process-wide setting): the WebAssembly package asks the host's `Intl` for the transitions
//!   and builds the zone with [`Zone::from_transitions`], so the database need not be shipped
//!   inside the `.wasm`. Each zone it gives is kept by name and built once.
//!
//! **Where the host's zones can differ from the compiled database.** A browser or Node.js
//! carries its own copy of the IANA database (through ICU), updated with the browser, not with
//! kesher: a zone whose rules changed recently (a country dropping daylight saving time) can
//! have different offsets in the two for the changed years, a name one copy lacks is unknown
//! there, and old aliases (`Asia/Calcutta`) resolve in one and not the other. The package reads
//! the host's offsets for 1800–2100 (`js/zones.js`, probing every seven days, so a change
//! that is undone within a week can be missed); before and after, the first and the last offset
//! hold. Native builds (Rust, Python) use the compiled database and agree with
//! each other; the `tzdb` feature of the WebAssembly package compiles the same database in when
//! answers must match a server exactly.
//!
//! # Example
//!
//! ```
//! use chrono::{DateTime, Utc};
//! use kesher::zone::Zone;
//!
//! // A zone from its transitions: +02:00, then +03:00 from 2025-03-28T00:00:00Z.
//! let zone = Zone::from_transitions("Test/Summer", 7200, vec![(1_743_120_000, 10_800)])?;
//! let before: DateTime<Utc> = "2025-03-27T12:00:00Z".parse().unwrap();
//! assert_eq!(zone.offset_at(before).local_minus_utc(), 7200);
//! assert_eq!(zone.offset_at(before + chrono::TimeDelta::days(1)).local_minus_utc(), 10_800);
//! assert_eq!("UTC".parse::<Zone>()?, Zone::UTC);
//! # Ok::<(), kesher::Error>(())
//! ```

mod chrono_impl;
mod source;
mod table;

pub use chrono_impl::ZoneOffset;
pub use source::{install_source, ZoneSource};

use crate::error::{Error, Result};
use chrono::{DateTime, FixedOffset, LocalResult, NaiveDateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;
use std::sync::Arc;
use table::Table;

/// An IANA time zone (`Asia/Jerusalem`): its name and its offsets from UTC over time. See the
/// [module documentation](crate::zone) for where zones come from.
///
/// Two zones are equal when their names are. JSON shape: the name, `"Asia/Jerusalem"`.
///
/// # Example
///
/// ```
/// use kesher::zone::Zone;
///
/// let zone: Zone = "Europe/London".parse()?;
/// assert_eq!(zone.name(), "Europe/London");
/// assert_eq!(serde_json::to_string(&zone).unwrap(), r#""Europe/London""#);
/// assert!("Mars/Olympus".parse::<Zone>().is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
#[derive(Clone)]
pub struct Zone(Inner);

#[derive(Clone)]
enum Inner {
    Utc,
    #[cfg(feature = "tzdb")]
    Db(chrono_tz::Tz),
    Table(Arc<Table>),
}

impl Zone {
    /// Coordinated Universal Time, named `"UTC"`.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::zone::Zone::UTC.name(), "UTC");
    /// ```
    pub const UTC: Zone = Zone(Inner::Utc);

    /// The zone of an IANA name (exact spelling, as `Asia/Jerusalem`): `"UTC"`, then the
    /// compiled database (`tzdb` feature), then the registered zone source. `None` when none
    /// knows it.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!(kesher::zone::Zone::from_name("Asia/Jerusalem").map(|z| z.name().to_string()),
    ///            Some("Asia/Jerusalem".to_string()));
    /// assert!(kesher::zone::Zone::from_name("asia/jerusalem").is_none());
    /// ```
    pub fn from_name(name: &str) -> Option<Zone> {
        if name == "UTC" {
            return Some(Zone::UTC);
        }
        #[cfg(feature = "tzdb")]
        if let Ok(tz) = name.parse::<chrono_tz::Tz>() {
            return Some(Zone(Inner::Db(tz)));
        }
        source::lookup(name).filter(|z| z.name() == name)
    }

    /// A zone from its offsets: `initial_offset` (seconds east of UTC) until the first
    /// transition, then each `(instant, offset)` pair, the instant in seconds since the Unix epoch
    /// and the offset in force from it on. The last offset holds forever.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming `name` when it is empty, `transitions[i]` when the instants
    /// do not strictly increase, and the offset when one is a day or more.
    ///
    /// # Example
    ///
    /// ```
    /// use kesher::zone::Zone;
    ///
    /// let zone = Zone::from_transitions("Test/Fixed", 3600, vec![])?;
    /// assert_eq!(zone.name(), "Test/Fixed");
    /// let err = Zone::from_transitions("Test/Back", 0, vec![(10, 3600), (5, 0)]).unwrap_err();
    /// assert_eq!(err.field(), Some("transitions[1]"));
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn from_transitions(
        name: &str,
        initial_offset: i32,
        transitions: Vec<(i64, i32)>,
    ) -> Result<Zone> {
        Table::new(name, initial_offset, transitions).map(|t| Zone(Inner::Table(Arc::new(t))))
    }

    /// The IANA name.
    ///
    /// # Example
    ///
    /// ```
    /// assert_eq!("Asia/Jerusalem".parse::<kesher::zone::Zone>()?.name(), "Asia/Jerusalem");
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn name(&self) -> &str {
        match &self.0 {
            Inner::Utc => "UTC",
            #[cfg(feature = "tzdb")]
            Inner::Db(tz) => tz.name(),
            Inner::Table(t) => t.name(),
        }
    }

    /// The offset from UTC in force at an instant.
    ///
    /// # Example
    ///
    /// ```
    /// let zone: kesher::zone::Zone = "Asia/Jerusalem".parse()?;
    /// let summer = "2025-07-01T00:00:00Z".parse().unwrap();
    /// assert_eq!(zone.offset_at(summer).local_minus_utc(), 3 * 3600);
    /// # Ok::<(), kesher::Error>(())
    /// ```
    pub fn offset_at(&self, instant: DateTime<Utc>) -> FixedOffset {
        fixed(self.offset_secs_at(instant.timestamp()))
    }

    /// The offset (seconds east of UTC) in force at `secs` seconds since the Unix epoch.
    pub(crate) fn offset_secs_at(&self, secs: i64) -> i32 {
        match &self.0 {
            Inner::Utc => 0,
            #[cfg(feature = "tzdb")]
            Inner::Db(tz) => {
                use chrono::{Offset, TimeZone};
                DateTime::from_timestamp(secs, 0).map_or(0, |t| {
                    tz.offset_from_utc_datetime(&t.naive_utc())
                        .fix()
                        .local_minus_utc()
                })
            }
            Inner::Table(t) => t.offset_at(secs),
        }
    }

    /// The offsets (seconds east of UTC) a local wall time can have: none in a gap, two in an
    /// overlap (the earlier instant's first).
    pub(crate) fn local_offsets(&self, local: &NaiveDateTime) -> LocalResult<i32> {
        match &self.0 {
            Inner::Utc => LocalResult::Single(0),
            #[cfg(feature = "tzdb")]
            Inner::Db(tz) => {
                use chrono::{Offset, TimeZone};
                tz.offset_from_local_datetime(local)
                    .map(|o| o.fix().local_minus_utc())
            }
            Inner::Table(t) => t.local_offsets(local.and_utc().timestamp()),
        }
    }
}

/// A fixed offset of seconds known to be within a day (zones are validated on construction).
pub(crate) fn fixed(secs: i32) -> FixedOffset {
    use chrono::Offset;
    FixedOffset::east_opt(secs).unwrap_or_else(|| Utc.fix())
}

/// Why a name is not a zone, for error messages.
pub(crate) fn unknown_zone_reason() -> &'static str {
    if cfg!(feature = "tzdb") {
        "not an IANA time zone name such as `Asia/Jerusalem`"
    } else {
        "not an IANA time zone name such as `Asia/Jerusalem` known to this build (no time-zone \
         database compiled in; the host's zone source does not know it)"
    }
}

impl FromStr for Zone {
    type Err = Error;

    fn from_str(name: &str) -> Result<Zone> {
        Zone::from_name(name)
            .ok_or_else(|| Error::invalid("time_zone", name, unknown_zone_reason()))
    }
}

#[cfg(feature = "tzdb")]
impl From<chrono_tz::Tz> for Zone {
    fn from(tz: chrono_tz::Tz) -> Zone {
        if tz == chrono_tz::UTC {
            Zone::UTC
        } else {
            Zone(Inner::Db(tz))
        }
    }
}

impl PartialEq for Zone {
    fn eq(&self, other: &Zone) -> bool {
        self.name() == other.name()
    }
}

impl Eq for Zone {}

impl Hash for Zone {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name().hash(state);
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Zone({})", self.name())
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for Zone {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Zone {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Zone, D::Error> {
        let name = String::deserialize(d)?;
        Zone::from_name(&name).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "invalid time_zone `{name}`: {}",
                unknown_zone_reason()
            ))
        })
    }
}
