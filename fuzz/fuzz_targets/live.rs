#![no_main]
//! See `kesher_fuzz::live`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| kesher_fuzz::live(data));
