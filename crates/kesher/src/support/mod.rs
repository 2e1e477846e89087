//! What keeps the WebAssembly package small, behind one boundary: nothing here is public, and
//! domain code calls it as it would call the standard item it stands for.
//!
//! Each module replaces a standard or well-kept item whose code is large once compiled to
//! WebAssembly, gives the same answers, and says why in its own documentation; each has a
//! differential test against what it replaces, among its unit tests (the crates it replaces are
//! dev-dependencies). The ledger (lines, kilobytes saved, test) is in `benches/README.md`.
//!
//! - [`json`]: serde_json's value reader with error paths, in place of `serde_path_to_error`
//!   (one deserializer for every contract type instead of two layers);
//! - [`decimal`]: floats as text exactly as `core::fmt` writes them, without its float tables;
//! - [`sorting`]: a stable sort compiled once in WebAssembly builds, `slice::sort_by` elsewhere;
//! - [`dates`]: dates and clock times written as chrono's `strftime` writes a few fixed patterns;
//! - [`bounds`]: `f64::clamp` without its panic, whose message formats floats;
//! - [`escape`]: text quoted in messages as `{:?}` quotes it, without its printable tables.

pub(crate) mod bounds;
pub(crate) mod dates;
pub(crate) mod decimal;
pub(crate) mod escape;
pub(crate) mod hashing;
pub(crate) mod json;
pub(crate) mod sorting;
