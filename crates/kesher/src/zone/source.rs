//! The host's zone source: where names the compiled database does not know are looked up.
//!
//! This is the core's one process-wide setting, and it is set at most once, as `log::set_logger`
//! is: a host without the compiled database (the WebAssembly package) installs its source when
//! it starts, before any zone is looked up, and it never changes after. Everything else in the
//! core is passed in. The zones a source gives are kept by name, so a zone's table is built
//! once per process, not on every lookup.

use super::Zone;
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock, PoisonError};

/// A function that returns the zone of an IANA name, or `None` when it does not know it. The
/// WebAssembly package installs one that reads the transitions from the host's `Intl`.
///
/// # Example
///
/// ```
/// // A source that knows one fixed zone.
/// let source: kesher::zone::ZoneSource = |name| {
///     (name == "Test/Plus2").then(|| kesher::zone::Zone::from_transitions(name, 7200, vec![]).ok()).flatten()
/// };
/// assert!(source("Test/Plus2").is_some());
/// assert!(source("Test/Other").is_none());
/// ```
pub type ZoneSource = fn(&str) -> Option<Zone>;

static SOURCE: OnceLock<ZoneSource> = OnceLock::new();
static KNOWN: OnceLock<Mutex<HashMap<String, Zone>>> = OnceLock::new();

/// Installs the zone source that [`Zone::from_name`] consults for names that are neither
/// `"UTC"` nor in the compiled database. It can be installed once per process; a zone it
/// returns is used only if its name is exactly the name asked for, and is kept for later
/// lookups of that name (a name it does not know is asked again next time).
///
/// # Errors
///
/// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) naming `zone_source` when a
/// source is already installed (the first one stays).
///
/// # Example
///
/// ```
/// use kesher::zone::Zone;
///
/// fn test_zones(name: &str) -> Option<Zone> {
///     (name == "Test/Plus3").then(|| Zone::from_transitions(name, 3 * 3600, vec![]).ok()).flatten()
/// }
/// kesher::zone::install_source(test_zones)?;
/// assert_eq!(Zone::from_name("Test/Plus3").map(|z| z.name().to_string()), Some("Test/Plus3".into()));
/// assert!(Zone::from_name("Test/Other").is_none());
/// assert!(kesher::zone::install_source(test_zones).is_err());
/// # Ok::<(), kesher::Error>(())
/// ```
pub fn install_source(source: ZoneSource) -> Result<()> {
    SOURCE.set(source).map_err(|_| {
        Error::invalid_input(
            "zone_source",
            "a second source",
            "a zone source is installed once per process, before zones are looked up",
        )
    })
}

pub(super) fn lookup(name: &str) -> Option<Zone> {
    let source = SOURCE.get()?;
    let known = KNOWN.get_or_init(Mutex::default);
    if let Some(zone) = known
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(name)
    {
        return Some(zone.clone());
    }
    let zone = source(name).filter(|z| z.name() == name)?;
    known
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(name.to_string(), zone.clone());
    Some(zone)
}
