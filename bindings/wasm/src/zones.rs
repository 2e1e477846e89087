//! Time zones from the host: the core's zone source, answered by `Intl` through `js/zones.js`
//! (the default build has no compiled time-zone database; the `tzdb` feature puts it back).

use kesher::zone::Zone;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/zones.js")]
extern "C" {
    /// `[initialOffset, t1, offset1, ...]` in seconds, or `undefined` for an unknown name.
    #[wasm_bindgen(js_name = zoneTransitions)]
    fn zone_transitions(name: &str) -> Option<Vec<f64>>;
}

/// The zone source installed in the core when the module starts.
pub(crate) fn host_zone(name: &str) -> Option<Zone> {
    let table = zone_transitions(name)?;
    let (&initial, rest) = table.split_first()?;
    let transitions = rest
        .chunks_exact(2)
        .map(|pair| match pair {
            [t, o] => (*t as i64, *o as i32),
            _ => (0, 0),
        })
        .collect();
    Zone::from_transitions(name, initial as i32, transitions).ok()
}

/// Installs the host's zones as the core's zone source; runs once, when the module is
/// instantiated (a second instantiation in the same process finds it installed).
#[wasm_bindgen(start)]
fn start() {
    let _ = kesher::zone::install_source(host_zone);
}
