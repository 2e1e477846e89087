//! The importers' tables keyed by tweet ids and id hashes: foldhash natively (std's SipHash took
//! about 9 % of a Twitter report's CPU), std's hasher in the WebAssembly build, which is built
//! for size (as the core's report tables are).

#[cfg(not(target_arch = "wasm32"))]
pub(super) use foldhash::{HashMap, HashSet};
#[cfg(target_arch = "wasm32")]
pub(super) use std::collections::{HashMap, HashSet};
