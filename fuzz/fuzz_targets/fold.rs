#![no_main]
//! See `kesher_fuzz::fold`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| kesher_fuzz::fold(data));
