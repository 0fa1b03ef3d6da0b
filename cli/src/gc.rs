//! `rvss gc`: remove orphans, snapshots rvss created that nothing refers to
//! any more (a commit that failed half way, a killed FSRVP server).

use super::{Cli, Outcome, EXIT_ERROR, EXIT_OK};
use rvss_core::catalog::{Catalog, Durability};
use rvss_core::inventory::{self, Status};
use rvss_core::{shadow, snapshot};
use serde::Serialize;
use std::path::Path;

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
    let now = shadow::now();
    let mut removed = vec![];
    let mut failed = 0;
    for dir in inventory::snapshot_dirs(&conf)? {
        let catalog = Catalog::open(&dir)?;
        let seen = {
            let _lock = catalog.lock_shared()?;
            catalog.entries()?
        };
        for e in seen {
            // One snapshot at a time under the exclusive lock, released in
            // between: FSRVP hooks of other clients go on meanwhile.
            let _lock = catalog.lock()?;
            let Some(mut e) = catalog.get(Path::new(&e.path))? else {
                continue; // deleted meanwhile
            };
            let orphan = match inventory::status_of(&e, &referenced) {
                Status::Orphan => !being_taken(&e),
                // A snapshot still being taken, unless a crash left it.
                Status::Creating => !e.creator.is_some_and(|c| c.is_running()),
                _ => false,
            };
            // The grace period counts from when gc first saw an entry without
            // a share, never from its creation: Samba removes the exposed
            // share before it calls snap_delete, and a gc in that gap must
            // not take a snapshot whose FSRVP delete is still coming.
            let since = match (orphan, e.unreferenced_since) {
                (true, None) => Some(now),
                (false, Some(_)) => None,
                (_, s) => s,
            };
            if since != e.unreferenced_since {
                e.unreferenced_since = since;
                if !args.dry_run {
                    catalog.write(&e, Durability::Now)?;
                }
            }
            if !orphan || now.saturating_sub(since.unwrap_or(now)) < args.grace {
                continue;
            }
            let exists = Path::new(&e.path).symlink_metadata().is_ok();
            // A share with a retention policy keeps what FSRVP deletes: its
            // orphan becomes a backup (which the policy then prunes), never
            // a deletion.
            let retains = conf
                .share(&e.share)
                .and_then(|s| conf.rvss_config(s).ok())
                .is_some_and(|c| c.retention.enabled());
            let kind = match (exists, retains) {
                (false, _) => "stale",
                (true, true) => "retained",
                (true, false) => "orphan",
            };
            if !args.dry_run {
                let done = match kind {
                    "retained" => {
                        let old_path = std::path::PathBuf::from(&e.path);
                        shadow::keep_as_backup(&dir, &mut e)
                            .and_then(|()| catalog.rename(&old_path, &e))
                    }
                    _ => snapshot::destroy_entry(&dir, &e)
                        .and_then(|()| catalog.remove(&e, Durability::Now)),
                };
                if let Err(err) = done {
                    eprintln!("rvss gc: {} {} left alone: {err}", e.share, e.gmt);
                    failed += 1;
                    continue;
                }
            }
            removed.push(Removed {
                id: e.id.clone(),
                share: e.share.clone(),
                path: e.path.clone(),
                gmt: e.gmt.clone(),
                kind,
            });
        }
    }
    // CephFS shares: their catalog lies on CephFS, shared by every node of
    // a cluster, and the registry (clustered) names every exposed share, so
    // gc from any node sees the same live sets.
    let ceph = crate::shares::cephfs_shares(&conf)?;
    if !ceph.is_empty() {
        let refs: Vec<_> = ceph.iter().map(|s| s.cephfs_ref()).collect();
        for c in rvss_core::cephfs::gc(&refs, &referenced, args.grace, args.dry_run)? {
            if let Some(err) = &c.error {
                eprintln!("rvss gc: {} {} left alone: {err}", c.share, c.gmt);
                failed += 1;
                continue;
            }
            removed.push(Removed {
                id: c.id,
                share: c.share,
                path: c.path,
                gmt: c.gmt,
                kind: c.kind,
            });
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

/// Whether the snapshot of `e` is still being taken: the hook writes the
/// entry before the snapshot ioctl, so until the snapshot exists only the
/// creator still running tells this from a stale entry (its snapshot made
/// and gone, or never made because a crash came first).
fn being_taken(e: &rvss_core::catalog::Entry) -> bool {
    e.creator.is_some_and(|c| c.is_running()) && Path::new(&e.path).symlink_metadata().is_err()
}
