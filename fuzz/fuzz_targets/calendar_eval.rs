#![no_main]
//! See `kesher_fuzz::calendar_eval`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| kesher_fuzz::calendar_eval(data));
