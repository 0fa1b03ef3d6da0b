//! `rvss health`: a monitoring check with the monitoring-plugins conventions
//! (Nagios, Icinga, Zabbix agents, systemd's OnFailure): one status line
//! with performance data, exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.

use super::list;
use super::metrics::{self, Metrics, ShareMetrics};
use super::shares;
use super::{Cli, Outcome};
use rvss_core::admin::inventory;
use rvss_core::backend::Registry;

pub const OK: i32 = 0;
pub const WARNING: i32 = 1;
pub const CRITICAL: i32 = 2;
pub const UNKNOWN: i32 = 3;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// WARNING when a share's last good shadow copy is older than this
    /// (1h, 26h, 2d, ...).
    #[arg(long, default_value = "26h", value_parser = rvss_core::duration::parse_seconds)]
    pub warning: i64,
    /// CRITICAL when it is older than this.
    #[arg(long, default_value = "50h", value_parser = rvss_core::duration::parse_seconds)]
    pub critical: i64,
    /// WARNING when a shadow copy has stayed exposed (its set not deleted
    /// by the backup application) or a snapshot has been "creating" for
    /// longer than this.
    #[arg(long, default_value = "1d", value_parser = rvss_core::duration::parse_seconds)]
    pub stuck: i64,
    /// Only these shares (repeatable; default: every rvss share).
    #[arg(long = "share", value_name = "NAME")]
    pub shares: Vec<String>,
}

/// What the check found: the worst state, the problems (worst first) and
/// the performance data.
#[derive(Debug, PartialEq)]
pub(crate) struct Verdict {
    pub code: i32,
    pub problems: Vec<(i32, String)>,
    pub perfdata: Vec<String>,
}

fn ago(secs: i64) -> String {
    let s = secs.max(0);
    match s {
        0..=5_399 => format!("{} min", s / 60),
        5_400..=172_799 => format!("{} h", s / 3_600),
        _ => format!("{} d", s / 86_400),
    }
}

/// Judges `m` at `now` against the thresholds of `args`. Pure.
pub(crate) fn judge(m: &Metrics, now: i64, args: &Args) -> Verdict {
    let mut problems: Vec<(i32, String)> = vec![];
    let mut perfdata = vec![];
    for (name, sm) in &m.shares {
        let ShareMetrics {
            last_success,
            states,
            oldest_exposed,
            oldest_creating,
            failed,
            ..
        } = sm;
        let age = now.saturating_sub(*last_success);
        if *last_success == 0 {
            problems.push((CRITICAL, format!("{name}: no shadow copy known")));
        } else if age > args.critical {
            problems.push((
                CRITICAL,
                format!("{name}: last shadow copy {} ago", ago(age)),
            ));
        } else if age > args.warning {
            problems.push((
                WARNING,
                format!("{name}: last shadow copy {} ago", ago(age)),
            ));
        }
        let orphans = states.get("orphan").copied().unwrap_or(0);
        if orphans > 0 {
            problems.push((
                WARNING,
                format!("{name}: {orphans} orphaned snapshot(s) (rvss gc)"),
            ));
        }
        let lost = states.get("lost").copied().unwrap_or(0);
        if lost > 0 {
            problems.push((
                WARNING,
                format!("{name}: {lost} backup(s) lost (removed outside rvss)"),
            ));
        }
        for (what, since) in [("exposed", oldest_exposed), ("creating", oldest_creating)] {
            if let Some(t) = since {
                let for_ = now.saturating_sub(*t);
                if for_ > args.stuck {
                    problems.push((
                        WARNING,
                        format!(
                            "{name}: a shadow copy {what} for {} (stuck set?)",
                            ago(for_)
                        ),
                    ));
                }
            }
        }
        let quoted = format!("'{}", name.replace('\'', "''"));
        let age_perf = if *last_success == 0 {
            String::new()
        } else {
            age.to_string()
        };
        perfdata.push(format!(
            "{quoted} age'={age_perf}s;{};{};0",
            args.warning, args.critical
        ));
        perfdata.push(format!(
            "{quoted} backups'={}",
            states.get("retained").copied().unwrap_or(0)
        ));
        perfdata.push(format!("{quoted} orphans'={orphans};0"));
        perfdata.push(format!("{quoted} failed'={}", failed.values().sum::<u64>()));
    }
    if m.corrupt_entries > 0 {
        problems.push((
            CRITICAL,
            format!(
                "{} corrupt catalog entries (rvss repair)",
                m.corrupt_entries
            ),
        ));
    }
    perfdata.push(format!("corrupt={};;0", m.corrupt_entries));
    if let Some((installed, built, false)) = &m.module {
        problems.push((
            CRITICAL,
            if built.is_empty() {
                format!("rvss.so is missing or unreadable (Samba {installed}; rvss doctor)")
            } else {
                format!("rvss.so was built for Samba {built}, Samba {installed} will not load it (rvss doctor)")
            },
        ));
    }
    problems.sort_by_key(|p| std::cmp::Reverse(p.0));
    Verdict {
        code: problems.first().map_or(OK, |p| p.0),
        problems,
        perfdata,
    }
}

/// The plugin's one line: `RVSS <STATE> - <summary> | <perfdata>`.
pub(crate) fn line(v: &Verdict, shares: usize) -> String {
    let state = match v.code {
        OK => "OK",
        WARNING => "WARNING",
        CRITICAL => "CRITICAL",
        _ => "UNKNOWN",
    };
    let summary = if v.problems.is_empty() {
        format!("{shares} share(s), every one with a recent shadow copy")
    } else {
        v.problems
            .iter()
            .map(|(_, p)| p.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    };
    format!("RVSS {state} - {summary} | {}", v.perfdata.join(" "))
}

pub fn run(cli: &Cli, args: &Args, registry: &Registry) -> Outcome {
    // Anything that keeps the check from judging is UNKNOWN, never a
    // (misleading) CRITICAL from a parse error.
    let unknown = |why: String| {
        println!("RVSS UNKNOWN - {why}");
        Ok(UNKNOWN)
    };
    let conf = match cli.samba_conf() {
        Ok(c) => c,
        Err(f) => return unknown(f.message),
    };
    let mut shares = match shares::rvss_shares(&conf, None) {
        Ok(s) => s,
        Err(f) => return unknown(f.message),
    };
    if !args.shares.is_empty() {
        if let Some(missing) = args
            .shares
            .iter()
            .find(|n| !shares.iter().any(|s| s.name.eq_ignore_ascii_case(n)))
        {
            return unknown(format!("no rvss share {missing}"));
        }
        shares.retain(|s| args.shares.iter().any(|n| s.name.eq_ignore_ascii_case(n)));
    }
    let (rows, corrupt) = match list::rows(registry, &shares, &inventory::share_paths(&conf)) {
        Ok(r) => r,
        Err(f) => return unknown(f.message),
    };
    let m = metrics::collect(&shares, &rows, corrupt);
    let v = judge(&m, rvss_core::gmt::now(), args);
    println!("{}", line(&v, shares.len()));
    Ok(v.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args() -> Args {
        Args {
            warning: 26 * 3_600,
            critical: 50 * 3_600,
            stuck: 86_400,
            shares: vec![],
        }
    }

    fn share(last: i64) -> ShareMetrics {
        let mut sm = ShareMetrics {
            last_success: last,
            ..Default::default()
        };
        for s in ["exposed", "retained", "creating", "orphan", "lost"] {
            sm.states.insert(s, 0);
        }
        sm
    }

    fn metrics(shares: &[(&str, ShareMetrics)]) -> Metrics {
        Metrics {
            shares: shares
                .iter()
                .map(|(n, s)| (n.to_string(), s.clone()))
                .collect(),
            corrupt_entries: 0,
            module: Some(("4.17.12".into(), "4.17.12".into(), true)),
        }
    }

    const NOW: i64 = 2_000_000_000;

    #[test]
    fn fresh_shares_are_ok_with_perfdata() {
        let v = judge(&metrics(&[("vm", share(NOW - 3_600))]), NOW, &args());
        assert_eq!(v.code, OK);
        let l = line(&v, 1);
        assert_eq!(
            l,
            "RVSS OK - 1 share(s), every one with a recent shadow copy | \
             'vm age'=3600s;93600;180000;0 'vm backups'=0 'vm orphans'=0;0 'vm failed'=0 corrupt=0;;0"
        );
    }

    #[test]
    fn stale_and_never_backed_up_shares_warn_then_go_critical() {
        let v = judge(&metrics(&[("vm", share(NOW - 30 * 3_600))]), NOW, &args());
        assert_eq!(v.code, WARNING);
        assert_eq!(
            v.problems,
            vec![(WARNING, "vm: last shadow copy 30 h ago".into())]
        );
        let v = judge(
            &metrics(&[
                ("vm", share(NOW - 30 * 3_600)),
                ("sql", share(NOW - 3 * 86_400)),
            ]),
            NOW,
            &args(),
        );
        assert_eq!(v.code, CRITICAL);
        assert!(line(&v, 2).starts_with("RVSS CRITICAL - sql: last shadow copy 3 d ago; vm: last"));
        let v = judge(&metrics(&[("new", share(0))]), NOW, &args());
        assert_eq!(
            v.problems,
            vec![(CRITICAL, "new: no shadow copy known".into())]
        );
        assert!(line(&v, 1).contains("'new age'=s;93600;180000;0"));
    }

    #[test]
    fn orphans_stuck_sets_damage_and_a_wrong_module_are_named() {
        let mut sm = share(NOW - 60);
        sm.states.insert("orphan", 2);
        sm.oldest_exposed = Some(NOW - 2 * 86_400);
        let mut m = metrics(&[("it's", sm)]);
        let v = judge(&m, NOW, &args());
        assert_eq!(v.code, WARNING);
        assert_eq!(
            v.problems,
            vec![
                (WARNING, "it's: 2 orphaned snapshot(s) (rvss gc)".into()),
                (
                    WARNING,
                    "it's: a shadow copy exposed for 2 d (stuck set?)".into()
                ),
            ]
        );
        assert!(line(&v, 1).contains("'it''s orphans'=2;0"));
        m.corrupt_entries = 1;
        m.module = Some(("4.22.6".into(), "4.17.12".into(), false));
        let v = judge(&m, NOW, &args());
        assert_eq!(v.code, CRITICAL);
        assert_eq!(v.problems[0].1, "1 corrupt catalog entries (rvss repair)");
        assert!(v.problems[1].1.contains("built for Samba 4.17.12"));
    }
}
