#![no_main]
//! `@GMT-YYYY.MM.DD-HH.MM.SS` tokens: `parse` never panics and accepts only
//! what `token` makes (`token(parse(s)) == s`); `parse(token(t)) == t` for
//! every time in range; tokens sort as their times do (the catalog and
//! retention order snapshots by them).
//!
//! Input: the text to parse; its first 16 bytes are also read as two times.

use libfuzzer_sys::fuzz_target;
use rvss_core::gmt::{parse, token};

const LAST: i64 = 253_402_300_799; // 9999-12-31 23:59:59

fn time(bytes: &[u8]) -> i64 {
    let mut b = [0u8; 8];
    let n = bytes.len().min(8);
    b[..n].copy_from_slice(&bytes[..n]);
    i64::from_le_bytes(b)
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Some(t) = parse(&text) {
        assert_eq!(token(t).as_deref(), Some(&*text), "parse({text:?}) = {t}");
    }
    let (a, b) = (time(data), time(data.get(8..).unwrap_or_default()));
    for t in [a, b, a.rem_euclid(LAST + 1), b.rem_euclid(LAST + 1)] {
        match token(t) {
            Some(s) => {
                assert!((0..=LAST).contains(&t), "token({t}) = {s}");
                assert_eq!(s.len(), 24, "{s}");
                assert_eq!(parse(&s), Some(t), "{s}");
            }
            None => assert!(!(0..=LAST).contains(&t), "token({t}) = None"),
        }
    }
    let (x, y) = (a.rem_euclid(LAST + 1), b.rem_euclid(LAST + 1));
    assert_eq!(token(x).cmp(&token(y)), x.cmp(&y), "{x} vs {y}");
});
