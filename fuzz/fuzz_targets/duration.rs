#![no_main]
//! `rvss gc --grace`: never panics; what it accepts is a non-negative number
//! of seconds; every count of a unit parses back to its seconds; plain
//! digits are seconds.
//!
//! Input: the text to parse; its first 5 bytes are also read as a count and
//! a unit.

use libfuzzer_sys::fuzz_target;
use rvss_core::duration::parse_seconds as parse_duration;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(secs) = parse_duration(&text) {
        assert!(secs >= 0, "{text:?} -> {secs}");
        let t = text.trim();
        if !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit()) {
            assert_eq!(t.parse::<i64>().ok(), Some(secs), "{text:?}");
        }
    }
    let mut b = [0u8; 5];
    let n = data.len().min(5);
    b[..n].copy_from_slice(&data[..n]);
    let count = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
    let (suffix, mult) = [
        ("", 1),
        ("s", 1),
        ("m", 60),
        ("h", 3600),
        ("d", 86_400),
        ("w", 604_800),
    ][usize::from(b[4]) % 6];
    for text in [format!("{count}{suffix}"), format!(" {count}{suffix}\n")] {
        assert_eq!(
            parse_duration(&text),
            Ok(i64::from(count) * mult),
            "{text:?}"
        );
    }
});
