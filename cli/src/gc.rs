//! `rvss gc`: remove orphans, snapshots rvss created that nothing refers to
//! any more (a commit that failed half way, a killed FSRVP server).

use super::{Cli, Outcome, EXIT_ERROR, EXIT_OK};
use rvss_core::catalog::Catalog;
use rvss_core::cephfs::{self, CephfsSnapshots};
use rvss_core::gc::{self, Collected, Rules};
use rvss_core::inventory;
use rvss_core::shadow::{self, BtrfsSnapshots};
use serde::Serialize;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Leave orphans younger than this alone (a commit may still be in
    /// progress): 1h, 30m, 90s, 2d, 1w or plain seconds.
    #[arg(long, default_value = "1h", value_parser = rvss_core::duration::parse_seconds)]
    pub grace: i64,
    /// List what would be removed, remove nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print a JSON array of what was (or would be) removed.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Removed {
    id: String,
    share: String,
    path: String,
    gmt: String,
    /// "orphan": the snapshot was deleted; "stale": only the catalog entry
    /// was, its snapshot no longer existed; "retained": the share has a
    /// retention policy, so the snapshot was kept as a backup instead.
    kind: &'static str,
}

pub fn run(cli: &Cli, args: &Args) -> Outcome {
    let conf = cli.samba_conf()?;
    let referenced = inventory::share_paths(&conf);
    let mut removed = vec![];
    let mut failed = 0;
    let mut report = |c: Collected| match c.error {
        Some(err) => {
            eprintln!("rvss gc: {} {} left alone: {err}", c.share, c.gmt);
            failed += 1;
        }
        None => removed.push(Removed {
            id: c.id,
            share: c.share,
            path: c.path,
            gmt: c.gmt,
            kind: c.kind.name(),
        }),
    };
    let btrfs_retains = |share: &str| {
        conf.share(share)
            .and_then(|s| conf.rvss_config(s).ok())
            .is_some_and(|c| c.retention.enabled())
    };
    let rules = Rules {
        share_paths: &referenced,
        retains: &btrfs_retains,
        grace: args.grace,
        now: shadow::now(),
        dry_run: args.dry_run,
    };
    for dir in inventory::snapshot_dirs(&conf)? {
        let catalog = Catalog::open(&dir)?;
        let snapshots = BtrfsSnapshots { snapshot_dir: &dir };
        gc::collect(&catalog, &snapshots, &rules, &mut report)?;
    }
    // CephFS shares: their catalog lies on CephFS, shared by every node of
    // a cluster, and the registry (clustered) names every exposed share, so
    // gc from any node sees the same live sets.
    let ceph = crate::shares::cephfs_shares(&conf)?;
    if !ceph.is_empty() {
        let refs: Vec<_> = ceph.iter().map(|s| s.cephfs_ref()).collect();
        let cephfs_retains = |share: &str| {
            refs.iter()
                .any(|s| s.name.eq_ignore_ascii_case(share) && s.config.retention.enabled())
        };
        let rules = Rules {
            retains: &cephfs_retains,
            now: shadow::now(),
            ..rules
        };
        for catalog in cephfs::catalogs(&refs)? {
            gc::collect(&catalog, &CephfsSnapshots, &rules, &mut report)?;
        }
    }
    if args.json {
        crate::print_json(&removed, "[]");
    } else {
        for r in &removed {
            let verb = match (args.dry_run, r.kind) {
                (true, "retained") => "would keep as a backup",
                (false, "retained") => "kept as a backup",
                (true, _) => "would remove",
                (false, _) => "removed",
            };
            println!("{verb} {} {} {} ({})", r.kind, r.share, r.gmt, r.path);
        }
    }
    Ok(if failed > 0 { EXIT_ERROR } else { EXIT_OK })
}
