//! Durations as admins type them (`rvss gc --grace`): plain seconds, or a
//! humantime duration (`90s`, `30m`, `1h`, `2d`, `1w`, `1h 30m`).

/// The whole seconds of `s`, or a message saying what a duration looks like.
pub fn parse_seconds(s: &str) -> Result<i64, String> {
    let s = s.trim();
    let bad = || format!("{s:?} is not a duration such as 1h, 30m, 90s, 2d or 0");
    // humantime wants a unit; rvss has always taken plain seconds too.
    let duration = if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse::<u64>().map(std::time::Duration::from_secs).ok()
    } else {
        humantime::parse_duration(s).ok()
    };
    duration
        .and_then(|d| i64::try_from(d.as_secs()).ok())
        .ok_or_else(bad)
}

/// RFC 3339 (UTC, whole seconds) for a Unix time; the number itself when
/// it is outside 1970..=9999.
/// The Unix time an RFC 3339 timestamp names (None: not one, or before
/// 1970).
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let t = humantime::parse_rfc3339(s).ok()?;
    i64::try_from(t.duration_since(std::time::UNIX_EPOCH).ok()?.as_secs()).ok()
}

pub fn rfc3339(t: i64) -> String {
    match u64::try_from(t) {
        Ok(secs) if secs <= 253_402_300_799 => {
            let at = std::time::UNIX_EPOCH + std::time::Duration::from_secs(secs);
            humantime::format_rfc3339_seconds(at).to_string()
        }
        _ => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_seconds("0"), Ok(0));
        assert_eq!(parse_seconds("3600"), Ok(3600));
        assert_eq!(parse_seconds(" 90s\n"), Ok(90));
        assert_eq!(parse_seconds("30m"), Ok(1800));
        assert_eq!(parse_seconds("1h"), Ok(3600));
        assert_eq!(parse_seconds("2d"), Ok(172_800));
        assert_eq!(parse_seconds("1w"), Ok(604_800));
        assert_eq!(parse_seconds("1h 30m"), Ok(5400));
        assert_eq!(parse_seconds("1.5h"), Ok(5400));
        for bad in ["", "-1", "+7d", "h", "1x", "99999999999999999999d"] {
            assert!(parse_seconds(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn timestamps() {
        assert_eq!(rfc3339(1_764_064_800), "2025-11-25T10:00:00Z");
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(253_402_300_799), "9999-12-31T23:59:59Z");
        assert_eq!(rfc3339(-1), "-1");
        assert_eq!(rfc3339(253_402_300_800), "253402300800");
    }
}
