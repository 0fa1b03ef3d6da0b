//! `rvss list`: every snapshot in the catalogs, as a table or JSON.

use super::{Cli, Outcome, EXIT_ERROR, EXIT_OK};
use rvss_core::catalog::Catalog;
use rvss_core::inventory::{self, Status};
use rvss_core::sys;
use serde::Serialize;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Row {
    id: String,
    share: String,
    subvolume: String,
    path: String,
    gmt: String,
    created: String,
    readonly: bool,
    state: Status,
    /// Bytes only this snapshot holds, where btrfs quotas are enabled.
    #[serde(skip_serializing_if = "Option::is_none")]
    exclusive_bytes: Option<u64>,
}

/// Exclusive bytes of a snapshot from the filesystem's qgroups.
fn exclusive(qgroups: &Option<std::collections::HashMap<u64, u64>>, path: &str) -> Option<u64> {
    let q = qgroups.as_ref()?;
    let f = sys::fs::open_dir(std::path::Path::new(path)).ok()?;
    q.get(&sys::btrfs::subvol_info(&f).ok()?.id).copied()
}

/// The entries of `cat` that parse; each corrupt one is named on standard
/// error and counted in `corrupt` (the exit status is then 2).
fn readable_entries(
    cat: &Catalog,
    corrupt: &mut usize,
) -> Result<Vec<rvss_core::catalog::Entry>, rvss_core::error::Error> {
    let scan = {
        let _lock = cat.lock_shared()?;
        cat.scan()?
    };
    for c in &scan.corrupt {
        eprintln!(
            "rvss list: {}: {} (run `rvss repair`)",
            c.file.display(),
            c.why
        );
        *corrupt += 1;
    }
    Ok(scan.entries)
}

pub fn run(cli: &Cli, args: &Args) -> Outcome {
    let conf = cli.samba_conf()?;
    let shares = inventory::share_paths(&conf);
    let mut rows = vec![];
    // Corrupt entries are named on stderr and make the exit code 2.
    let mut corrupt = 0;
    for dir in inventory::snapshot_dirs(&conf)? {
        let entries = readable_entries(&Catalog::open(&dir)?, &mut corrupt)?;
        let qgroups = sys::fs::open_dir(&dir)
            .ok()
            .and_then(|f| sys::btrfs::exclusive_bytes(&f).ok().flatten());
        for e in &entries {
            rows.push(Row {
                id: e.id.clone(),
                share: e.share.clone(),
                subvolume: e.subvolume.clone(),
                path: e.path.clone(),
                gmt: e.gmt.clone(),
                created: rvss_core::duration::rfc3339(e.created),
                readonly: e.readonly,
                state: inventory::status_of(e, &shares),
                exclusive_bytes: exclusive(&qgroups, &e.path),
            });
        }
    }
    // CephFS shares: the snapshot is `<share>/.snap/<gmt>` (subvolume: the
    // share's directory), always read-only; the same catalog format, the
    // same report of corrupt entries.
    let ceph = crate::shares::cephfs_shares(&conf)?;
    let refs: Vec<_> = ceph.iter().map(|s| s.cephfs_ref()).collect();
    if !refs.is_empty() {
        for cat in rvss_core::cephfs::catalogs(&refs)? {
            for e in readable_entries(&cat, &mut corrupt)? {
                // A snapshot that vanished is no backup: shown as lost.
                let gone = e.state != rvss_core::catalog::State::Creating
                    && !rvss_core::backend::Snapshots::exists(
                        &rvss_core::cephfs::CephfsSnapshots,
                        &e,
                    );
                rows.push(Row {
                    state: if gone {
                        Status::Lost
                    } else {
                        inventory::status_of(&e, &shares)
                    },
                    id: e.id,
                    share: e.share,
                    subvolume: e.subvolume,
                    path: e.path,
                    gmt: e.gmt,
                    created: rvss_core::duration::rfc3339(e.created),
                    readonly: e.readonly,
                    exclusive_bytes: None,
                });
            }
        }
    }
    rows.sort_by(|a, b| (&a.share, &a.gmt, &a.path).cmp(&(&b.share, &b.gmt, &b.path)));
    let code = if corrupt > 0 { EXIT_ERROR } else { EXIT_OK };
    if args.json {
        crate::print_json(&rows, "[]");
        return Ok(code);
    }
    println!(
        "{:<12} {:<24} {:<9} {:<3} PATH",
        "SHARE", "GMT", "STATE", "RO"
    );
    for r in &rows {
        let state = serde_json::to_value(r.state)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        println!(
            "{:<12} {:<24} {:<9} {:<3} {}",
            r.share,
            r.gmt,
            state,
            if r.readonly { "yes" } else { "no" },
            r.path
        );
    }
    Ok(code)
}
