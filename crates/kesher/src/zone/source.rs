//! The host's zone source: where names the compiled database does not know are looked up.

use super::Zone;
use std::sync::{PoisonError, RwLock};

/// A function that returns the zone of an IANA name, or `None` when it does not know it. The
/// WebAssembly package registers one that reads the transitions from the browser's `Intl`.
///
/// # Example
///
/// ```
/// // A source that knows one fixed zone.
/// let source: kesher::ZoneSource = |name| {
///     (name == "Test/Plus2").then(|| kesher::Zone::from_transitions(name, 7200, vec![]).ok()).flatten()
/// };
/// assert!(source("Test/Plus2").is_some());
/// assert!(source("Test/Other").is_none());
/// ```
pub type ZoneSource = fn(&str) -> Option<Zone>;

static SOURCE: RwLock<Option<ZoneSource>> = RwLock::new(None);

/// Registers (or, with `None`, removes) the zone source that [`Zone::from_name`] consults for
/// names that are neither `"UTC"` nor in the compiled database. A returned zone is used only if
/// its name is exactly the name asked for. The source is called on each lookup; cache inside it.
///
/// # Example
///
/// ```
/// use kesher::{set_zone_source, Zone};
///
/// fn test_zones(name: &str) -> Option<Zone> {
///     (name == "Test/Plus3").then(|| Zone::from_transitions(name, 3 * 3600, vec![]).ok()).flatten()
/// }
/// set_zone_source(Some(test_zones));
/// assert_eq!(Zone::from_name("Test/Plus3").map(|z| z.name().to_string()), Some("Test/Plus3".into()));
/// set_zone_source(None);
/// assert!(Zone::from_name("Test/Plus3").is_none());
/// ```
pub fn set_zone_source(source: Option<ZoneSource>) {
    *SOURCE.write().unwrap_or_else(PoisonError::into_inner) = source;
}

pub(super) fn lookup(name: &str) -> Option<Zone> {
    let source = *SOURCE.read().unwrap_or_else(PoisonError::into_inner);
    source.and_then(|f| f(name))
}
