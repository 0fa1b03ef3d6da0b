//! `rvss list`: every snapshot in the catalogs, as a table or JSON.

use super::shares;
use super::{Cli, Outcome, EXIT_ERROR, EXIT_OK};
use rvss_core::admin::inventory;
use rvss_core::admin::smbconf::SambaConf;
use rvss_core::backend::Registry;
use rvss_core::catalog::{Catalog, Entry};
use rvss_core::policy::status::{status_of, Status};
use rvss_core::share::Share;
use serde::Serialize;
use std::collections::BTreeSet;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print a JSON array instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Instead of the snapshots, the last N operations FSRVP asked of rvss
    /// (the audit trail: time, operation, share, snapshot, user, outcome).
    #[arg(long, value_name = "N")]
    pub history: Option<usize>,
    /// Instead of the snapshots, the copies on each share's replication
    /// target (`rvss:replicate to`), also those whose backup the server no
    /// longer holds.
    #[arg(long, conflicts_with = "history")]
    pub replicas: bool,
}

#[derive(Serialize, Debug)]
pub(crate) struct Row {
    pub id: String,
    pub share: String,
    pub subvolume: String,
    pub path: String,
    pub gmt: String,
    pub created: String,
    pub readonly: bool,
    pub state: Status,
    /// Bytes only this snapshot holds, where the filesystem tells (btrfs
    /// quotas enabled).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exclusive_bytes: Option<u64>,
    /// Whether `rvss replicate` verified a copy on the share's target.
    pub replicated: bool,
    /// That copy's path on the target.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replica: Option<String>,
}

/// The entries of `cat` that parse; each corrupt one is named on standard
/// error and counted in `corrupt` (the exit status is then 2).
fn readable_entries(cat: &Catalog, corrupt: &mut usize) -> rvss_core::error::Result<Vec<Entry>> {
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

/// The rows of every catalog of every backend, sorted, and how many
/// corrupt entries were named.
pub(crate) fn rows(
    registry: &Registry,
    shares: &[Share],
    referenced: &BTreeSet<String>,
) -> Result<(Vec<Row>, usize), super::Failure> {
    let mut rows = vec![];
    let mut corrupt = 0;
    for (backend, served) in shares::by_backend(registry, shares)? {
        for cat in backend.catalogs(&served)? {
            let entries = readable_entries(&cat, &mut corrupt)?;
            let snapshots = backend.snapshots(&cat);
            let bytes = backend.exclusive_bytes(&cat, &entries);
            for (e, exclusive_bytes) in entries.into_iter().zip(bytes) {
                rows.push(Row {
                    // A snapshot that vanished is no backup: shown as lost.
                    state: if snapshots.lost(&e) {
                        Status::Lost
                    } else {
                        status_of(&e, referenced)
                    },
                    id: e.id,
                    share: e.share,
                    subvolume: e.subvolume,
                    path: e.path,
                    gmt: e.gmt,
                    created: rvss_core::duration::rfc3339(e.created),
                    readonly: e.readonly,
                    exclusive_bytes,
                    replicated: e.replica.is_some(),
                    replica: e.replica.map(|r| r.path),
                });
            }
        }
    }
    rows.sort_by(|a, b| (&a.share, &a.gmt, &a.path).cmp(&(&b.share, &b.gmt, &b.path)));
    Ok((rows, corrupt))
}

/// `--history N`: the audit trail's last N records, oldest first, with the
/// shadow copy ids Samba's FSRVP state gives (in its lock directory: `lock
/// directory` from the configuration, else Samba's built-in LOCKDIR).
fn history(conf: &SambaConf, args: &Args, n: usize) -> Outcome {
    let lock_dir = conf
        .global
        .params
        .get(&rvss_core::config::option_key("lock directory"))
        .map(std::path::PathBuf::from)
        .or_else(|| rvss_core::admin::samba::build_path("LOCKDIR"));
    if let Some(dir) = lock_dir {
        rvss_core::hooks::use_lock_dir(&dir);
    }
    let mut records = rvss_core::audit::read(n).map_err(|e| super::Failure {
        code: EXIT_ERROR,
        message: format!(
            "reading {}: {e}",
            rvss_core::state_dir::get()
                .join(rvss_core::audit::FILE_NAME)
                .display()
        ),
    })?;
    // The ids of creates whose sets are still open are in Samba's FSRVP
    // state; unreadable, the history is still worth showing.
    let live = rvss_core::fsrvp_state::read().unwrap_or_else(|e| {
        eprintln!(
            "rvss: reading {}: {e}: shadow copy ids of open sets not shown",
            rvss_core::state_dir::lock_dir()
                .join(rvss_core::fsrvp_state::FILE_NAME)
                .display()
        );
        vec![]
    });
    rvss_core::audit::fill_ids(&mut records, &live);
    if args.json {
        crate::print_json(&records, "[]");
        return Ok(EXIT_OK);
    }
    println!(
        "{:<24} {:<11} {:<12} {:<20} {:<24} {:>8} {:<36} SNAPSHOT",
        "TIME", "OPERATION", "SHARE", "USER", "STATUS", "MS", "SHADOW COPY SET"
    );
    for r in &records {
        println!(
            "{:<24} {:<11} {:<12} {:<20} {:<24} {:>8.1} {:<36} {} ({})",
            r.time,
            r.op.hook(),
            r.share,
            r.user.as_deref().unwrap_or("-"),
            r.status,
            r.ms,
            r.set.as_deref().unwrap_or("-"),
            r.snapshot.as_deref().unwrap_or("-"),
            r.outcome
        );
    }
    Ok(EXIT_OK)
}

pub fn run(cli: &Cli, args: &Args, registry: &Registry) -> Outcome {
    let conf = cli.samba_conf()?;
    if let Some(n) = args.history {
        return history(&conf, args, n);
    }
    if args.replicas {
        return super::replicate::list(&conf, args.json, registry);
    }
    let shares = shares::rvss_shares(&conf, None)?;
    // Corrupt entries are named on stderr and make the exit code 2.
    let (rows, corrupt) = rows(registry, &shares, &inventory::share_paths(&conf))?;
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
