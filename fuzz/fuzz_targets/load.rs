//! The loader never panics, hangs or overflows its stack, whatever the bytes:
//! `cargo +nightly fuzz run load` (see README, "Fuzzing").

#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // Refused or loaded; a loaded network is valid and saves to text that loads back.
    if let Ok(network) = rapport::store::parse_bytes(bytes, Path::new("fuzz.ron")) {
        let text = rapport::store::to_string(&network);
        let again = rapport::store::parse_bytes(text.as_bytes(), Path::new("again.ron"));
        assert!(again.is_ok_and(|n| n == network), "a loaded network did not round-trip");
    }
});
