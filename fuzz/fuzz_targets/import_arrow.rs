#![no_main]
//! See `kesher_fuzz::import_arrow`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| kesher_fuzz::import_arrow(data));
