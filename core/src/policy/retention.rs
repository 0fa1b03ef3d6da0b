//! Retention: shadow copies FSRVP deletes are kept as read-only backups when
//! the share asks for it (`rvss:retain`, `rvss:retain days`, the calendar
//! counts of `policy::calendar`), and pruned oldest first beyond the policy.

use super::calendar::{self, Period};
use crate::backend::Snapshots;
use crate::catalog::{Catalog, Durability, Entry, State};
use crate::error::{Error, Result};
use crate::sys::time::Civil;
use std::path::Path;

/// The policy (`rvss:retain`, `rvss:retain days`, `rvss:retain daily`
/// ...), parsed with the
/// share's other options.
pub use crate::config::Retention as Policy;

/// Why the policy keeps a backup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Keep {
    /// Among the newest `rvss:retain`.
    Newest,
    /// Younger than `rvss:retain days`.
    Young,
    /// The newest backup replicated (`replicate::chain_parent`): the parent
    /// of the next incremental send, kept until a newer one has arrived.
    Replica,
    /// The newest of its hour, day, week, month or year under the calendar
    /// rules.
    #[serde(untagged)]
    Calendar(Period),
}

impl std::fmt::Display for Keep {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Keep::Newest => f.write_str("newest"),
            Keep::Young => f.write_str("young"),
            Keep::Replica => f.write_str("replica"),
            Keep::Calendar(p) => f.write_str(p.name()),
        }
    }
}

/// Each of `share`'s retained backups (indexes into `entries`), newest
/// first, with the rules that keep it (none: the policy drops it). Either
/// rule keeps: a backup stays while it is among the newest `keep_last`,
/// younger than `keep_days`, or the newest of one of the calendar periods
/// kept (in the local calendar `local`).
pub fn judge_with(
    entries: &[Entry],
    share: &str,
    policy: &Policy,
    now: i64,
    local: &dyn Fn(i64) -> Option<Civil>,
) -> Vec<(usize, Vec<Keep>)> {
    let mut retained: Vec<usize> = (0..entries.len())
        .filter(|&i| {
            entries[i].state == State::Retained && entries[i].share.eq_ignore_ascii_case(share)
        })
        .collect();
    // Newest first; the @GMT name breaks ties within one second.
    retained.sort_by(|&a, &b| {
        (entries[b].created, &entries[b].gmt).cmp(&(entries[a].created, &entries[a].gmt))
    });
    let times: Vec<i64> = retained.iter().map(|&i| entries[i].created).collect();
    let by_calendar = calendar::keeps(&times, &policy.calendar, local);
    let chain = crate::replicate::chain_parent(entries, share);
    retained
        .iter()
        .zip(by_calendar)
        .enumerate()
        .map(|(rank, (&i, periods))| {
            let mut keep = vec![];
            if policy.keep_last > 0 && (rank as u64) < u64::from(policy.keep_last) {
                keep.push(Keep::Newest);
            }
            // Saturating: `created` comes from a file someone may have edited.
            if policy.keep_days > 0
                && now.saturating_sub(entries[i].created) < i64::from(policy.keep_days) * 86_400
            {
                keep.push(Keep::Young);
            }
            keep.extend(periods.into_iter().map(Keep::Calendar));
            if chain == Some(i) {
                keep.push(Keep::Replica);
            }
            (i, keep)
        })
        .collect()
}

/// `judge_with` in the server's local time.
pub fn judge(entries: &[Entry], share: &str, policy: &Policy, now: i64) -> Vec<(usize, Vec<Keep>)> {
    judge_with(entries, share, policy, now, &crate::sys::time::local)
}

/// Indexes of `share`'s retained backups that the policy no longer keeps
/// (`judge`), oldest first.
pub fn to_prune(entries: &[Entry], share: &str, policy: &Policy, now: i64) -> Vec<usize> {
    let mut out: Vec<usize> = judge(entries, share, policy, now)
        .into_iter()
        .filter(|(_, keep)| keep.is_empty())
        .map(|(i, _)| i)
        .collect();
    out.reverse();
    out
}

/// Deletes (or with `dry_run` only lists) `share`'s retained backups beyond
/// its policy, oldest first, each under the catalog lock on its own (hooks
/// of other clients go on between two deletions). The whole catalog must
/// parse: deciding with part of it unreadable could take a backup. A backup
/// that cannot be deleted (or that a restore reads from) is handed to
/// `left_alone` with the reason, and pruning carries on: one stuck snapshot
/// never stops retention for its share. Fails only when the catalog does
/// (unreadable, lock not granted).
pub fn prune_each(
    catalog: &Catalog,
    snapshots: &dyn Snapshots,
    share: &str,
    policy: &Policy,
    dry_run: bool,
    left_alone: &mut dyn FnMut(Entry, Error),
) -> Result<Vec<Entry>> {
    if !policy.enabled() {
        return Ok(vec![]);
    }
    let entries = {
        let _lock = catalog.lock_shared()?;
        catalog.entries()?
    };
    let pruned: Vec<Entry> = to_prune(&entries, share, policy, crate::gmt::now())
        .into_iter()
        .filter_map(|i| entries.get(i).cloned())
        .collect();
    if dry_run {
        return Ok(pruned);
    }
    let mut done = vec![];
    for e in pruned {
        let _lock = catalog.lock()?;
        // Still the backup that was chosen (nothing changed it meanwhile)?
        if catalog.get(Path::new(&e.path))?.as_ref() != Some(&e) {
            continue;
        }
        if e.being_restored() {
            let why = crate::catalog::restoring::busy(&e, "prune");
            left_alone(e, why);
            continue;
        }
        if let Err(why) = snapshots.destroy(&e) {
            log::warn!("{share}: backup {} left alone: {why}", e.gmt);
            left_alone(e, why);
            continue;
        }
        // The snapshot is gone: a crash can only keep its entry (which gc
        // drops), so the removal may ride on btrfs's next commit; a CephFS
        // catalog makes it durable at once anyway (`Catalog::open_rooted`).
        catalog.remove(&e, Durability::WithNextCommit)?;
        log::info!(
            "{share}: pruned backup {} ({})",
            e.gmt,
            snapshots.shown_path(&e)
        );
        done.push(e);
    }
    Ok(done)
}

/// `prune_each`, for callers that report one outcome: every backup that can
/// go goes; then, if any was left alone, the first reason fails the call.
pub fn prune(
    catalog: &Catalog,
    snapshots: &dyn Snapshots,
    share: &str,
    policy: &Policy,
    dry_run: bool,
) -> Result<Vec<Entry>> {
    let mut stuck: Vec<Error> = vec![];
    let done = prune_each(catalog, snapshots, share, policy, dry_run, &mut |_, why| {
        stuck.push(why)
    })?;
    match stuck.first() {
        None => Ok(done),
        Some(first) => Err(Error::new(
            first.status,
            format!(
                "{} backups of {share} left alone (the others were pruned): {first}",
                stuck.len()
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn e(share: &str, created: i64, state: State) -> Entry {
        Entry {
            id: format!("{share}-{created}"),
            share: share.into(),
            base_volume: "/p".into(),
            subvolume: "/p".into(),
            path: format!("/s/{created}"),
            snap_path: format!("/s/{created}"),
            gmt: crate::gmt::token(created).unwrap(),
            created,
            readonly: true,
            state,
            ..Default::default()
        }
    }

    fn policy(pairs: &[(&str, &str)]) -> Result<Policy> {
        Policy::from_options(&crate::config::test_options(pairs))
    }

    #[test]
    fn parsing() {
        assert_eq!(policy(&[]).unwrap(), Policy::default());
        assert!(!policy(&[]).unwrap().enabled());
        assert_eq!(policy(&[("retain", " 2 ")]).unwrap().keep_last, 2);
        assert_eq!(policy(&[("retain days", "7")]).unwrap().keep_days, 7);
        for bad in ["-1", "two", "1e3", "99999999999", "10001", "2.5"] {
            let err = policy(&[("retain", bad)]).unwrap_err();
            assert!(err.message.contains("rvss:retain"), "{bad}: {err}");
        }
    }

    #[test]
    fn never_prunes_the_replication_chain_parent() {
        let mut v = vec![
            e("vm", 100, State::Retained),
            e("vm", 200, State::Retained),
            e("vm", 300, State::Retained),
        ];
        let p = policy(&[("retain", "1")]).unwrap();
        assert_eq!(to_prune(&v, "vm", &p, 400), vec![0, 1]);
        // 200 is the newest backup the target holds: 300 has not arrived.
        for i in [0, 1] {
            v[i].replica = Some(crate::catalog::Replica {
                target: "/t".into(),
                path: format!("/t/{i}"),
                verified: 350,
            });
        }
        assert_eq!(to_prune(&v, "vm", &p, 400), vec![0]);
        let judged = judge(&v, "vm", &p, 400);
        assert!(judged.contains(&(1, vec![Keep::Replica])), "{judged:?}");
    }

    #[test]
    fn keeps_the_newest_n() {
        let v = vec![
            e("vm", 100, State::Retained),
            e("vm", 300, State::Retained),
            e("vm", 200, State::Retained),
            e("vm", 50, State::Exposed),
            e("other", 10, State::Retained),
        ];
        let p = Policy {
            keep_last: 2,
            keep_days: 0,
            ..Default::default()
        };
        assert_eq!(to_prune(&v, "vm", &p, 1000), vec![0]);
        let p = Policy {
            keep_last: 1,
            keep_days: 0,
            ..Default::default()
        };
        // Oldest first.
        assert_eq!(to_prune(&v, "vm", &p, 1000), vec![0, 2]);
    }

    #[test]
    fn keeps_young_ones_and_either_rule_keeps() {
        let day = 86_400;
        let now = 10 * day;
        let v = vec![
            e("vm", now - 3 * day, State::Retained),
            e("vm", now - day / 2, State::Retained),
        ];
        let p = Policy {
            keep_last: 0,
            keep_days: 1,
            ..Default::default()
        };
        assert_eq!(to_prune(&v, "vm", &p, now), vec![0]);
        let p = Policy {
            keep_last: 2,
            keep_days: 1,
            ..Default::default()
        };
        assert!(to_prune(&v, "vm", &p, now).is_empty());
    }

    #[test]
    fn calendar_rules_keep_alongside_count_and_age_and_say_why() {
        use crate::policy::calendar::tests::berlin;
        // One backup at 21:00 UTC (22:00 in Berlin) on each of ten days of
        // March 2026, and a second one that day at 22:30 UTC (23:30).
        let day = 86_400;
        let first = 1_772_398_800; // 2026-03-01 21:00 UTC
        let mut v = vec![];
        for d in 0..10 {
            v.push(e("vm", first + d * day, State::Retained));
        }
        v.push(e("vm", first + 9 * day + 5_400, State::Retained));
        let now = first + 10 * day;
        let p = Policy {
            keep_last: 1,
            keep_days: 0,
            calendar: crate::config::Calendar {
                daily: 3,
                weekly: 2,
                ..Default::default()
            },
        };
        let judged = judge_with(&v, "vm", &p, now, &berlin);
        let why = |i: usize| judged.iter().find(|(j, _)| *j == i).unwrap().1.clone();
        // The newest (March 10th, 23:30) is kept by the count, as its day's
        // newest and as its week's (Monday the 9th to Sunday the 15th).
        assert_eq!(
            why(10),
            vec![
                Keep::Newest,
                Keep::Calendar(Period::Daily),
                Keep::Calendar(Period::Weekly)
            ]
        );
        // Its day's earlier backup only by nothing.
        assert!(why(9).is_empty());
        assert_eq!(why(8), vec![Keep::Calendar(Period::Daily)]);
        assert_eq!(
            why(7),
            vec![
                Keep::Calendar(Period::Daily),
                Keep::Calendar(Period::Weekly)
            ]
        );
        // Every other backup goes, oldest first.
        let mut gone: Vec<usize> = (0..7).collect();
        gone.push(9);
        let mut pruned: Vec<usize> = judged
            .iter()
            .filter(|(_, k)| k.is_empty())
            .map(|(i, _)| *i)
            .collect();
        pruned.sort_unstable();
        assert_eq!(pruned, gone);
        // The reasons print as the option names say them.
        let shown: Vec<String> = why(10).iter().map(|k| k.to_string()).collect();
        assert_eq!(shown, ["newest", "daily", "weekly"]);
        assert_eq!(
            serde_json::to_string(&why(10)).unwrap(),
            r#"["newest","daily","weekly"]"#
        );
        // A calendar rule alone enables retention.
        assert!(policy(&[("retain monthly", "6")]).unwrap().enabled());
        assert_eq!(
            policy(&[("retain weekly", "4")]).unwrap().calendar.weekly,
            4
        );
        assert!(policy(&[("retain yearly", "ten")]).is_err());
    }

    #[test]
    fn absurd_creation_times_do_not_overflow() {
        // Found by fuzz/ (catalog): a hand-edited catalog's `created`
        // overflowed `now - created`. Far past is old, far future is young.
        let at = |created| Entry {
            created,
            ..e("vm", 0, State::Retained)
        };
        let v = vec![at(i64::MIN), at(i64::MAX)];
        let p = Policy {
            keep_last: 0,
            keep_days: 1,
            ..Default::default()
        };
        assert_eq!(to_prune(&v, "vm", &p, 1_764_064_800), vec![0]);
    }

    #[test]
    fn prune_carries_on_past_a_backup_it_cannot_remove() {
        use crate::policy::gc::tests::{Fake, TempCatalog};
        let c = TempCatalog::new("prune-stuck");
        let a = c.add("vm", 1_000, State::Retained);
        let b = c.add("vm", 2_000, State::Retained);
        let mut r = c.add("vm", 3_000, State::Retained);
        let d = c.add("vm", 4_000, State::Retained);
        let keep = c.add("vm", 5_000, State::Retained);
        r.restoring = crate::catalog::Creator::current();
        c.catalog.write(&r, Durability::Now).unwrap();
        let fake = Fake {
            stuck: vec![b.path.clone()],
            ..Default::default()
        };
        let p = Policy {
            keep_last: 1,
            keep_days: 0,
            ..Default::default()
        };
        let mut left = vec![];
        let done = prune_each(&c.catalog, &fake, "vm", &p, false, &mut |e, why| {
            left.push((e.gmt, why.message))
        })
        .unwrap();
        assert_eq!(done, vec![a.clone(), d.clone()]);
        assert_eq!(left.len(), 2, "{left:?}");
        assert_eq!(left[0], (b.gmt.clone(), "stuck".to_string()));
        assert_eq!(left[1].0, r.gmt);
        assert!(left[1].1.contains("is restoring from it"), "{}", left[1].1);
        for kept in [&b, &r, &keep] {
            assert!(c.catalog.get(Path::new(&kept.path)).unwrap().is_some());
        }
        // One outcome for callers that want one: the others still went.
        let e = c.add("vm", 500, State::Retained);
        let err = prune(&c.catalog, &fake, "vm", &p, false).unwrap_err();
        assert!(err.message.contains("2 backups of vm left alone"), "{err}");
        assert_eq!(c.catalog.get(Path::new(&e.path)).unwrap(), None);
    }

    #[test]
    fn prune_destroys_what_the_policy_drops_and_its_entry() {
        use crate::policy::gc::tests::{Fake, TempCatalog};
        let c = TempCatalog::new("prune");
        let old = c.add("vm", 1_000, State::Retained);
        let new = c.add("vm", 2_000, State::Retained);
        let other = c.add("other", 500, State::Retained);
        let fake = Fake::default();
        let p = Policy {
            keep_last: 1,
            keep_days: 0,
            ..Default::default()
        };
        let listed = prune(&c.catalog, &fake, "vm", &p, true).unwrap();
        assert_eq!(listed, vec![old.clone()]);
        assert!(fake.done.borrow().is_empty(), "a dry run deletes nothing");
        assert_eq!(
            prune(&c.catalog, &fake, "vm", &p, false).unwrap(),
            vec![old.clone()]
        );
        assert_eq!(*fake.done.borrow(), vec![format!("destroy {}", old.gmt)]);
        assert_eq!(c.catalog.get(Path::new(&old.path)).unwrap(), None);
        assert_eq!(c.catalog.get(Path::new(&new.path)).unwrap(), Some(new));
        assert_eq!(c.catalog.get(Path::new(&other.path)).unwrap(), Some(other));
        assert!(prune(&c.catalog, &fake, "vm", &Policy::default(), false)
            .unwrap()
            .is_empty());
    }
}
