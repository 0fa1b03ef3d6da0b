//! Replication of retained backups to another btrfs filesystem, on this
//! host or another one over SSH (ARCHITECTURE.md, "Replication"): the pure
//! chain planning here; a run in `run`, against a `Destination` (`local`,
//! `ssh`); the receiving directory in `store`, which `serve` runs on the
//! target host; the send stream in `stream`. Run by `rvss replicate`,
//! never in a hook: a hook that retains a backup only asks for a run
//! (`pending`).

pub mod local;
pub mod pending;
pub mod run;
pub mod serve;
pub mod ssh;
pub mod store;
pub mod stream;
mod target;

pub use run::{Events, Pruned, Report, Sent};
pub use target::{Options, Target};

use crate::catalog::{Entry, State};

/// One retained backup as the planner sees it, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The snapshot's UUID (the received UUID of its copy on the target).
    pub uuid: [u8; 16],
    /// Whether the target holds a verified copy.
    pub on_target: bool,
}

/// One transfer: the backup at `index` (into the planner's input), sent
/// whole (`parent` None) or as the difference from the backup at `parent`,
/// which both sides hold when the transfer starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub index: usize,
    pub parent: Option<usize>,
}

/// The transfers that bring every backup of `sources` (oldest first) to the
/// target, oldest first, each assuming those before it succeeded. The
/// parent of each is the newest older backup both sides hold (the smallest
/// difference in the usual chain), else the oldest newer one (the target
/// kept a newer copy only), else none: a full send.
pub fn plan(sources: &[Source]) -> Vec<Step> {
    let mut held: Vec<bool> = sources.iter().map(|s| s.on_target).collect();
    let mut steps = vec![];
    for i in 0..sources.len() {
        if held[i] {
            continue;
        }
        let older = (0..i).rev().find(|&j| held[j]);
        let parent = older.or_else(|| (i + 1..sources.len()).find(|&j| held[j]));
        steps.push(Step { index: i, parent });
        held[i] = true;
    }
    steps
}

/// The index in `entries` of `share`'s chain parent: its newest retained
/// backup with a verified replica. Prune never takes it
/// (`policy::retention::judge_with`): the next incremental send needs it on
/// both sides, so it stays until a newer backup has arrived.
pub fn chain_parent(entries: &[Entry], share: &str) -> Option<usize> {
    (0..entries.len())
        .filter(|&i| {
            let e = &entries[i];
            e.state == State::Retained && e.replica.is_some() && e.share.eq_ignore_ascii_case(share)
        })
        .max_by(|&a, &b| {
            (entries[a].created, &entries[a].gmt).cmp(&(entries[b].created, &entries[b].gmt))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(on_target: bool) -> Source {
        Source {
            uuid: [0; 16],
            on_target,
        }
    }

    fn steps(v: &[Step]) -> Vec<(usize, Option<usize>)> {
        v.iter().map(|s| (s.index, s.parent)).collect()
    }

    #[test]
    fn first_full_then_incremental_from_the_previous() {
        assert_eq!(
            steps(&plan(&[s(false), s(false), s(false)])),
            [(0, None), (1, Some(0)), (2, Some(1))]
        );
    }

    #[test]
    fn only_what_the_target_lacks_from_the_last_common() {
        assert_eq!(steps(&plan(&[s(true), s(true), s(false)])), [(2, Some(1))]);
        // A gap (a backup sent earlier, later removed on the target) is
        // filled from the newest older copy.
        assert_eq!(
            steps(&plan(&[s(true), s(false), s(true), s(false)])),
            [(1, Some(0)), (3, Some(2))]
        );
        assert!(plan(&[s(true), s(true)]).is_empty());
        assert!(plan(&[]).is_empty());
    }

    #[test]
    fn older_backups_use_a_newer_common_parent() {
        assert_eq!(
            steps(&plan(&[s(false), s(false), s(true)])),
            [(0, Some(2)), (1, Some(0))]
        );
    }

    fn e(share: &str, created: i64, state: State, replicated: bool) -> Entry {
        Entry {
            share: share.into(),
            created,
            gmt: crate::gmt::token(created).unwrap_or_default(),
            state,
            replica: replicated.then(|| crate::catalog::Replica {
                target: "/t".into(),
                path: format!("/t/{created}"),
                verified: created,
            }),
            ..Entry::default()
        }
    }

    #[test]
    fn the_chain_parent_is_the_newest_replicated_retained_backup() {
        let entries = [
            e("vm", 100, State::Retained, true),
            e("vm", 300, State::Retained, true),
            e("vm", 400, State::Retained, false),
            e("vm", 500, State::Exposed, true),
            e("other", 600, State::Retained, true),
            e("vm", 200, State::Retained, true),
        ];
        assert_eq!(chain_parent(&entries, "VM"), Some(1));
        assert_eq!(chain_parent(&entries, "other"), Some(4));
        assert_eq!(chain_parent(&entries[2..4], "vm"), None);
    }
}
