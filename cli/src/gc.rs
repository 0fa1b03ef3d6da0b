//! `rvss gc`: remove orphans, snapshots rvss created that nothing refers to
//! any more (a commit that failed half way, a killed FSRVP server).

use super::shares;
use super::{Cli, Failure, Outcome, EXIT_ERROR, EXIT_OK};
use rvss_core::admin::inventory;
use rvss_core::backend::Registry;
use rvss_core::policy::gc::{self, Collected, Rules};
use rvss_core::share::Share;
use serde::Serialize;
use std::collections::BTreeSet;

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

/// gc over every catalog of every backend. The catalog of a CephFS share
/// lies on CephFS, shared by every node of a cluster, and the registry
/// (clustered) names every exposed share, so gc from any node sees the
/// same live sets.
pub(crate) fn collect(
    registry: &Registry,
    shares: &[Share],
    referenced: &BTreeSet<String>,
    retains: &dyn Fn(&str) -> bool,
    grace: i64,
    dry_run: bool,
    report: &mut dyn FnMut(Collected),
) -> Result<(), Failure> {
    for (backend, served) in shares::by_backend(registry, shares)? {
        let rules = Rules {
            share_paths: referenced,
            retains,
            grace,
            now: rvss_core::gmt::now(),
            dry_run,
        };
        for catalog in backend.catalogs(&served)? {
            gc::collect(
                &catalog,
                &*backend.snapshots(&catalog),
                &rules,
                &mut *report,
            )?;
        }
    }
    Ok(())
}

pub fn run(cli: &Cli, args: &Args, registry: &Registry) -> Outcome {
    let conf = cli.samba_conf()?;
    let shares = shares::rvss_shares(&conf, None)?;
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
    // Whether the named share (any section of that name) keeps backups.
    let retains = |share: &str| {
        conf.share(share)
            .and_then(|s| conf.rvss_config(s).ok())
            .is_some_and(|c| c.retention.enabled())
    };
    collect(
        registry,
        &shares,
        &inventory::share_paths(&conf),
        &retains,
        args.grace,
        args.dry_run,
        &mut report,
    )?;
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
