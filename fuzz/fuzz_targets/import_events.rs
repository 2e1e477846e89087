#![no_main]
//! See `kesher_fuzz::import_events`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| kesher_fuzz::import_events(data));
