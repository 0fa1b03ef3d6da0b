//! Local civil time: the server's time zone (TZ, else /etc/localtime), as
//! the C library resolves it for every other program on the host.

/// A moment as the local calendar names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Civil {
    pub year: i32,
    /// 1 to 12.
    pub month: u32,
    /// 1 to 31.
    pub day: u32,
    /// 0 to 23.
    pub hour: u32,
    /// 0 (Sunday) to 6.
    pub weekday: u32,
}

/// `t` (Unix seconds) in the local time zone, or None where the C library
/// cannot name it (out of `time_t`'s or `struct tm`'s range).
pub fn local(t: i64) -> Option<Civil> {
    let secs = libc::time_t::try_from(t).ok()?;
    // SAFETY: `tm` is plain old data that localtime_r fills in; both
    // pointers are valid for the call and localtime_r keeps neither. It is
    // the reentrant variant (no shared static buffer).
    let tm = unsafe {
        let mut tm: libc::tm = std::mem::zeroed();
        if libc::localtime_r(&secs, &mut tm).is_null() {
            return None;
        }
        tm
    };
    Some(Civil {
        year: tm.tm_year.checked_add(1900)?,
        month: u32::try_from(tm.tm_mon).ok()? + 1,
        day: u32::try_from(tm.tm_mday).ok()?,
        hour: u32::try_from(tm.tm_hour).ok()?,
        weekday: u32::try_from(tm.tm_wday).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_local_calendar_is_a_calendar() {
        // Whatever the zone of the machine running the tests, offsets stay
        // within a day and the fields within their ranges.
        let c = local(1_780_000_000).unwrap();
        assert!((2026..=2027).contains(&c.year), "{c:?}");
        assert!((1..=12).contains(&c.month) && (1..=31).contains(&c.day));
        assert!(c.hour < 24 && c.weekday < 7);
        // A day later is another day of the week.
        let d = local(1_780_000_000 + 86_400).unwrap();
        assert_eq!(d.weekday, (c.weekday + 1) % 7);
        assert_eq!(local(i64::MAX), None);
    }
}
