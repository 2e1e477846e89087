#![no_main]
//! See `kesher_fuzz::report`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| kesher_fuzz::report(data));
