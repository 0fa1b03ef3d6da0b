//! `@GMT-YYYY.MM.DD-HH.MM.SS` tokens: the names Windows' Previous Versions and
//! Samba's shadow_copy2 understand, always in UTC.

/// The token for a Unix time, or None before 1970 or past year 9999.
pub fn token(t: i64) -> Option<String> {
    if !(0..=253_402_300_799).contains(&t) {
        return None;
    }
    let days = t.div_euclid(86_400);
    let secs = t.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    Some(format!(
        "@GMT-{y:04}.{m:02}.{d:02}-{:02}.{:02}.{:02}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    ))
}

/// The Unix time of a token, or None when the text is not exactly one that
/// `token` makes (so none before 1970: `token(parse(s)) == s`).
pub fn parse(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 24 || !s.starts_with("@GMT-") {
        return None;
    }
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        if !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    for (i, sep) in [(9, b'.'), (12, b'.'), (15, b'-'), (18, b'.'), (21, b'.')] {
        if b[i] != sep {
            return None;
        }
    }
    let (y, mo, d) = (num(5, 4)?, num(10, 2)?, num(13, 2)?);
    let (h, mi, se) = (num(16, 2)?, num(19, 2)?, num(22, 2)?);
    if !(1..=12).contains(&mo) || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 || se > 59
    {
        return None;
    }
    let t = days_from_civil(y, mo, d) * 86_400 + h * 3600 + mi * 60 + se;
    (t >= 0).then_some(t)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's civil calendar algorithms (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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
