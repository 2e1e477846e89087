//! Time zones from the host: the core's zone source, answered by `Intl` through `js/zones.js`
//! (the default build has no compiled time-zone database; the `tzdb` feature puts it back).

use kesher::Zone;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/js/zones.js")]
extern "C" {
    /// `[initialOffset, t1, offset1, ...]` in seconds, or `undefined` for an unknown name.
    #[wasm_bindgen(js_name = zoneTransitions)]
    fn zone_transitions(name: &str) -> Option<Vec<f64>>;
}

/// The zone source registered with the core when the module starts.
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

/// Registers the host's zones with the core; runs when the module is instantiated.
#[wasm_bindgen(start)]
fn start() {
    kesher::set_zone_source(Some(host_zone));
}
