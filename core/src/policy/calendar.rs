//! Calendar retention (`rvss:retain hourly|daily|weekly|monthly|yearly`):
//! the newest backup of each of the N most recent hours, days, ISO weeks
//! (Monday to Sunday), months and years that hold a backup, in the server's
//! local time. Pure logic: the local calendar is handed in, so that time
//! zones, daylight saving and leap days are tested without the host's.
//!
//! Periods are counted among those that hold a backup (as restic's and
//! borg's `--keep-daily`), not back from now (as btrbk's `7d`): a share
//! whose backups stopped keeps its last ones instead of losing one period
//! of them at every prune.

use crate::config::Calendar;
use crate::sys::time::Civil;
use serde::Serialize;

/// One calendar rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Hourly,
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

impl Period {
    pub const ALL: [Period; 5] = [
        Period::Hourly,
        Period::Daily,
        Period::Weekly,
        Period::Monthly,
        Period::Yearly,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Period::Hourly => "hourly",
            Period::Daily => "daily",
            Period::Weekly => "weekly",
            Period::Monthly => "monthly",
            Period::Yearly => "yearly",
        }
    }

    /// How many periods of this kind `calendar` keeps.
    pub fn count(self, calendar: &Calendar) -> u32 {
        match self {
            Period::Hourly => calendar.hourly,
            Period::Daily => calendar.daily,
            Period::Weekly => calendar.weekly,
            Period::Monthly => calendar.monthly,
            Period::Yearly => calendar.yearly,
        }
    }

    /// A number that is the same for two moments exactly when they fall in
    /// the same period (of local civil time).
    fn key(self, c: &Civil) -> i64 {
        let day = days_from_civil(c.year, c.month, c.day);
        match self {
            Period::Hourly => day * 24 + i64::from(c.hour),
            Period::Daily => day,
            // The Monday that starts the ISO week.
            Period::Weekly => day - i64::from((c.weekday + 6) % 7),
            Period::Monthly => i64::from(c.year) * 12 + i64::from(c.month) - 1,
            Period::Yearly => i64::from(c.year),
        }
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the well-known
/// era arithmetic: 400-year eras of 146,097 days, years starting in March
/// so that the leap day is the last day of its year).
fn days_from_civil(year: i32, month: u32, day: u32) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 };
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// For backups created at `times` (newest first), the calendar rules that
/// keep each: the newest backup of each of the `count` most recent periods
/// holding one. A time the local calendar cannot name is kept by no
/// calendar rule (the count and age rules still judge it).
pub fn keeps(
    times: &[i64],
    calendar: &Calendar,
    local: &dyn Fn(i64) -> Option<Civil>,
) -> Vec<Vec<Period>> {
    let civil: Vec<Option<Civil>> = times.iter().map(|&t| local(t)).collect();
    let mut out = vec![vec![]; times.len()];
    for period in Period::ALL {
        let wanted = period.count(calendar) as usize;
        // The first backup met of a period (newest first) is its newest.
        // A set, not the last key: local time may step back (the clocks
        // going back, a zone changing its offset).
        let mut seen = std::collections::BTreeSet::new();
        for (i, c) in civil.iter().enumerate() {
            if seen.len() >= wanted {
                break;
            }
            let Some(c) = c else { continue };
            if seen.insert(period.key(c)) {
                out[i].push(period);
            }
        }
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    const HOUR: i64 = 3_600;
    const DAY: i64 = 86_400;

    /// UTC's calendar from Unix seconds (the inverse of days_from_civil).
    fn civil_utc(t: i64) -> Civil {
        let days = t.div_euclid(DAY);
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Civil {
            year: year as i32,
            month: month as u32,
            day: day as u32,
            hour: (t.rem_euclid(DAY) / HOUR) as u32,
            weekday: (days + 4).rem_euclid(7) as u32,
        }
    }

    /// Unix seconds of a UTC civil time.
    fn utc(y: i32, mo: u32, d: u32, h: u32) -> i64 {
        days_from_civil(y, mo, d) * DAY + i64::from(h) * HOUR
    }

    /// Central European time as Europe/Berlin keeps it in 2024 to 2026:
    /// UTC+1, UTC+2 from 01:00 UTC on the last Sunday of March to 01:00 UTC
    /// on the last Sunday of October.
    pub(crate) fn berlin(t: i64) -> Option<Civil> {
        let dst = [
            (utc(2024, 3, 31, 1), utc(2024, 10, 27, 1)),
            (utc(2025, 3, 30, 1), utc(2025, 10, 26, 1)),
            (utc(2026, 3, 29, 1), utc(2026, 10, 25, 1)),
        ];
        let summer = dst.iter().any(|&(a, b)| (a..b).contains(&t));
        Some(civil_utc(t + if summer { 2 * HOUR } else { HOUR }))
    }

    fn cal(hourly: u32, daily: u32, weekly: u32, monthly: u32, yearly: u32) -> Calendar {
        Calendar {
            hourly,
            daily,
            weekly,
            monthly,
            yearly,
        }
    }

    /// The indexes each period keeps, given times oldest first (the
    /// natural way to write a history); `keeps` takes them newest first.
    fn kept_by(times_oldest_first: &[i64], c: &Calendar, p: Period) -> Vec<usize> {
        let n = times_oldest_first.len();
        let newest_first: Vec<i64> = times_oldest_first.iter().rev().copied().collect();
        let k = keeps(&newest_first, c, &berlin);
        let mut out: Vec<usize> = (0..n)
            .filter(|&i| k[i].contains(&p))
            .map(|i| n - 1 - i)
            .collect();
        out.sort_unstable();
        out
    }

    #[test]
    fn the_civil_arithmetic_round_trips() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        let mut t = utc(1999, 12, 31, 0);
        while t < utc(2101, 1, 2, 0) {
            let c = civil_utc(t);
            assert_eq!(utc(c.year, c.month, c.day, c.hour), t, "{c:?}");
            t += 7 * HOUR;
        }
        // 2024-02-29 was a Thursday; 2100 is no leap year.
        let leap = civil_utc(utc(2024, 2, 29, 12));
        assert_eq!((leap.month, leap.day, leap.weekday), (2, 29, 4));
        assert_eq!(civil_utc(utc(2100, 2, 28, 0) + DAY).month, 3);
    }

    #[test]
    fn the_newest_of_each_of_the_last_n_days_is_kept() {
        // Four backups a day (06:00, 12:00, 18:00, 23:00 local, winter) for
        // ten days of January 2026.
        let mut t = vec![];
        for d in 1..=10 {
            for h in [5, 11, 17, 22] {
                t.push(utc(2026, 1, d, h));
            }
        }
        let k = kept_by(&t, &cal(0, 3, 0, 0, 0), Period::Daily);
        // The 23:00 backups of the last three days.
        assert_eq!(k, vec![31, 35, 39]);
        // Hourly: the four newest (each in an hour of its own).
        assert_eq!(
            kept_by(&t, &cal(4, 0, 0, 0, 0), Period::Hourly),
            vec![36, 37, 38, 39]
        );
        // A count beyond the history keeps one per period that has one.
        assert_eq!(kept_by(&t, &cal(0, 100, 0, 0, 0), Period::Daily).len(), 10);
    }

    #[test]
    fn gaps_do_not_use_up_the_count() {
        // Daily backups, then none for three weeks, then two more days.
        let mut t: Vec<i64> = (1..=5).map(|d| utc(2026, 2, d, 20)).collect();
        t.extend([utc(2026, 2, 27, 20), utc(2026, 2, 28, 20)]);
        // daily = 4: the two recent days and the last two before the gap,
        // not "the last 4 days" (which would keep two).
        assert_eq!(
            kept_by(&t, &cal(0, 4, 0, 0, 0), Period::Daily),
            vec![3, 4, 5, 6]
        );
    }

    #[test]
    fn weeks_run_monday_to_sunday_and_months_and_years_follow_the_calendar() {
        // 2026-03-01 is a Sunday: it closes the week of Monday 2026-02-23.
        let sun = utc(2026, 3, 1, 10);
        let mon = utc(2026, 3, 2, 10);
        assert_eq!(berlin(sun).unwrap().weekday, 0);
        let t = vec![utc(2026, 2, 23, 10), sun, mon];
        assert_eq!(kept_by(&t, &cal(0, 0, 2, 0, 0), Period::Weekly), vec![1, 2]);
        // Monthly: the newest of February (the 23rd) and of March.
        assert_eq!(
            kept_by(&t, &cal(0, 0, 0, 5, 0), Period::Monthly),
            vec![0, 2]
        );
        // Yearly across New Year's Eve, in local time: 23:00 UTC on Dec 31
        // is already midnight of Jan 1 in Berlin.
        let t = vec![utc(2025, 12, 31, 22), utc(2025, 12, 31, 23)];
        assert_eq!(kept_by(&t, &cal(0, 0, 0, 0, 3), Period::Yearly), vec![0, 1]);
        assert_eq!(kept_by(&t, &cal(0, 3, 0, 0, 0), Period::Daily), vec![0, 1]);
    }

    #[test]
    fn leap_days_are_days_of_their_own() {
        let t = vec![
            utc(2024, 2, 28, 12),
            utc(2024, 2, 29, 8),
            utc(2024, 2, 29, 12),
            utc(2024, 3, 1, 12),
        ];
        assert_eq!(
            kept_by(&t, &cal(0, 3, 0, 0, 0), Period::Daily),
            vec![0, 2, 3]
        );
        // February 2024 had 29 days: the 29th's backup is February's newest.
        assert_eq!(
            kept_by(&t, &cal(0, 0, 0, 2, 0), Period::Monthly),
            vec![2, 3]
        );
    }

    #[test]
    fn daylight_saving_changes_the_hours_not_the_days() {
        // Hourly backups across the night clocks went back (2026-10-25:
        // 03:00 CEST became 02:00 CET, 01:00 UTC): 00:30 UTC and 01:30 UTC
        // are both 02:30 local, one local hour.
        let t: Vec<i64> = (0..4)
            .map(|h| utc(2026, 10, 24, 23) + h * HOUR + 1_800)
            .collect();
        let local: Vec<u32> = t.iter().map(|&x| berlin(x).unwrap().hour).collect();
        assert_eq!(local, vec![1, 2, 2, 3]);
        assert_eq!(
            kept_by(&t, &cal(10, 0, 0, 0, 0), Period::Hourly),
            vec![0, 2, 3]
        );
        // Across the night they went forward (2026-03-29, 02:00 CET became
        // 03:00 CEST): no local 02:xx, every backup in an hour of its own.
        let t: Vec<i64> = (0..3)
            .map(|h| utc(2026, 3, 29, 0) + h * HOUR + 1_800)
            .collect();
        let local: Vec<u32> = t.iter().map(|&x| berlin(x).unwrap().hour).collect();
        assert_eq!(local, vec![1, 3, 4]);
        assert_eq!(
            kept_by(&t, &cal(10, 0, 0, 0, 0), Period::Hourly),
            vec![0, 1, 2]
        );
        // Both nights are one local day each: 25 and 23 hours long.
        let day_of = |x: i64| berlin(x).unwrap().day;
        assert_eq!(day_of(utc(2026, 10, 24, 22)), 25);
        assert_eq!(day_of(utc(2026, 10, 25, 22)), 25);
        assert_eq!(day_of(utc(2026, 10, 25, 23)), 26);
    }

    #[test]
    fn a_generated_year_keeps_what_each_rule_promises() {
        // A backup every 5 hours (wandering through the hours of the day)
        // for a year and a half, with a two-week gap: each rule keeps
        // exactly one backup in each of its periods that it covers, the
        // newest there, and no two kept by a rule share a period.
        let gap = utc(2025, 8, 1, 0)..utc(2025, 8, 15, 0);
        let times: Vec<i64> = (0..2_700)
            .map(|i| utc(2024, 12, 30, 0) + i * 5 * HOUR)
            .filter(|t| !gap.contains(t))
            .collect();
        let c = cal(24, 30, 8, 12, 3);
        let newest_first: Vec<i64> = times.iter().rev().copied().collect();
        let k = keeps(&newest_first, &c, &berlin);
        for p in Period::ALL {
            let chosen: Vec<i64> = newest_first
                .iter()
                .zip(&k)
                .filter(|(_, k)| k.contains(&p))
                .map(|(&t, _)| t)
                .collect();
            let keys: Vec<i64> = chosen.iter().map(|&t| p.key(&berlin(t).unwrap())).collect();
            let mut distinct = keys.clone();
            distinct.dedup();
            assert_eq!(distinct.len(), keys.len(), "{p:?}: two kept in one period");
            let periods_with_backups = {
                let mut all: Vec<i64> = newest_first
                    .iter()
                    .map(|&t| p.key(&berlin(t).unwrap()))
                    .collect();
                all.dedup();
                all.len()
            };
            assert_eq!(
                chosen.len(),
                (p.count(&c) as usize).min(periods_with_backups),
                "{p:?}"
            );
            for (&t, key) in chosen.iter().zip(&keys) {
                // Nothing newer in the same period.
                assert!(
                    !newest_first
                        .iter()
                        .any(|&u| u > t && p.key(&berlin(u).unwrap()) == *key),
                    "{p:?}: {t} is not the newest of its period"
                );
            }
        }
    }

    #[test]
    fn times_the_calendar_cannot_name_are_kept_by_no_calendar_rule() {
        let k = keeps(&[i64::MAX, 0], &cal(1, 1, 1, 1, 1), &|t| {
            (t != i64::MAX).then(|| civil_utc(t))
        });
        assert!(k[0].is_empty());
        assert_eq!(k[1], Period::ALL.to_vec());
    }

    /// The real local calendar (the C library's) agrees with the model of
    /// Berlin above around both changes of 2026 when TZ names that zone.
    #[test]
    fn the_c_library_calendar_follows_tz() {
        let o = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "--ignored",
                "--exact",
                "policy::calendar::tests::berlin_probe",
            ])
            .env("TZ", "Europe/Berlin")
            .output()
            .unwrap();
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(
            o.status.success() && out.contains("1 passed"),
            "{out}{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }

    #[test]
    #[ignore = "helper: run by the_c_library_calendar_follows_tz with TZ set"]
    fn berlin_probe() {
        assert_eq!(std::env::var("TZ").as_deref(), Ok("Europe/Berlin"));
        for (a, b) in [
            (utc(2026, 3, 28, 12), utc(2026, 3, 30, 0)),
            (utc(2026, 10, 24, 12), utc(2026, 10, 26, 0)),
            (utc(2024, 2, 28, 0), utc(2024, 3, 2, 0)),
        ] {
            let mut t = a;
            while t < b {
                assert_eq!(crate::sys::time::local(t), berlin(t), "at {t}");
                t += 900;
            }
        }
    }
}
