#![no_main]
//! See `kesher_fuzz::event_json`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| kesher_fuzz::event_json(data));
