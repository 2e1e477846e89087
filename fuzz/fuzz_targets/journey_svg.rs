#![no_main]
//! See `kesher_fuzz::journey_svg`.
libfuzzer_sys::fuzz_target!(|data: &[u8]| kesher_fuzz::journey_svg(data));
