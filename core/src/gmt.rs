//! `@GMT-YYYY.MM.DD-HH.MM.SS` tokens: the names Windows' Previous Versions and
//! Samba's shadow_copy2 understand, always in UTC. The layout is Samba's;
//! the calendar is humantime's (RFC 3339).

use std::time::{Duration, UNIX_EPOCH};

/// Length of a token: `@GMT-YYYY.MM.DD-HH.MM.SS`.
pub const TOKEN_LEN: usize = 24;

/// The last second a token can name: 9999-12-31 23:59:59 UTC.
const LAST: i64 = 253_402_300_799;

/// The token for a Unix time, or None before 1970 or past year 9999.
pub fn token(t: i64) -> Option<String> {
    let secs = u64::try_from(t).ok().filter(|_| t <= LAST)?;
    let at = UNIX_EPOCH + Duration::from_secs(secs);
    // "YYYY-MM-DDTHH:MM:SSZ" -> "@GMT-YYYY.MM.DD-HH.MM.SS"
    let rfc = humantime::format_rfc3339_seconds(at).to_string();
    let b = rfc.as_bytes();
    let part = |r: std::ops::Range<usize>| rfc.get(r);
    (b.len() == 20).then_some(())?;
    Some(format!(
        "@GMT-{}.{}.{}-{}.{}.{}",
        part(0..4)?,
        part(5..7)?,
        part(8..10)?,
        part(11..13)?,
        part(14..16)?,
        part(17..19)?
    ))
}

/// The Unix time of a token, or None when the text is not exactly one that
/// `token` makes (so none before 1970: `token(parse(s)) == s`).
pub fn parse(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != TOKEN_LEN || !s.starts_with("@GMT-") {
        return None;
    }
    for (i, sep) in [(9, b'.'), (12, b'.'), (15, b'-'), (18, b'.'), (21, b'.')] {
        if b[i] != sep {
            return None;
        }
    }
    let digits = |from: usize, len: usize| -> Option<&str> {
        s.get(from..from + len)
            .filter(|p| p.bytes().all(|c| c.is_ascii_digit()))
    };
    // No leap second: humantime reads ":60" as the next minute's first.
    if digits(22, 2)? > "59" {
        return None;
    }
    // The calendar (month lengths, leap years, 1970..=9999) is humantime's.
    let rfc = format!(
        "{}-{}-{}T{}:{}:{}Z",
        digits(5, 4)?,
        digits(10, 2)?,
        digits(13, 2)?,
        digits(16, 2)?,
        digits(19, 2)?,
        digits(22, 2)?
    );
    let at = humantime::parse_rfc3339(&rfc).ok()?;
    let t = i64::try_from(at.duration_since(UNIX_EPOCH).ok()?.as_secs()).ok()?;
    (t <= LAST).then_some(t)
}

/// Now, in whole seconds since the epoch (0 if the clock is before it).
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_times() {
        assert_eq!(token(0).unwrap(), "@GMT-1970.01.01-00.00.00");
        assert_eq!(token(1_764_064_800).unwrap(), "@GMT-2025.11.25-10.00.00");
        assert_eq!(token(951_782_400).unwrap(), "@GMT-2000.02.29-00.00.00");
        assert_eq!(token(-1), None);
    }

    #[test]
    fn round_trip() {
        for t in [
            0,
            59,
            86_399,
            951_782_400,
            1_764_064_800,
            4_102_444_799,
            253_402_300_799,
        ] {
            assert_eq!(parse(&token(t).unwrap()), Some(t), "t={t}");
        }
        for t in (0..=LAST).step_by(7_777_777).chain(LAST - 100..=LAST) {
            assert_eq!(parse(&token(t).unwrap()), Some(t), "t={t}");
        }
        assert_eq!(token(LAST + 1), None);
    }

    #[test]
    fn rejects_near_misses() {
        for s in [
            "",
            "@GMT-2025.11.25-10.00.0",
            "@GMT-2025.11.25-10.00.000",
            "@GMT-2025.13.25-10.00.00",
            "@GMT-2025.02.29-10.00.00",
            "@GMT-2025.11.25-24.00.00",
            "@GMT-2025.11.25_10.00.00",
            "@GMT-2025.1a.25-10.00.00",
            "#GMT-2025.11.25-10.00.00",
            "@GMT-+025.11.25-10.00.00",
        ] {
            assert_eq!(parse(s), None, "{s:?}");
        }
        assert!(parse("@GMT-2024.02.29-23.59.59").is_some());
        assert_eq!(parse("@GMT-2025.11.25-23.59.60"), None);
        assert_eq!(parse("@GMT-2025.11.25-23.60.00"), None);
        assert_eq!(parse("@GMT-1900.02.29-00.00.00"), None);
        assert_eq!(parse("@GMT-2000.02.30-00.00.00"), None);
        // Found by fuzz/ (gmt): token() makes none before 1970.
        for s in [
            "@GMT-1757.11.19-04.23.01",
            "@GMT-1969.12.31-23.59.59",
            "@GMT-0000.01.01-00.00.00",
        ] {
            assert_eq!(parse(s), None, "{s:?}");
        }
    }
}
