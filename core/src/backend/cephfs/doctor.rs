//! `rvss doctor` on CephFS: each share's `.snap` (closed to users, its
//! snapshot count against the limit) and its catalog (root's own entry
//! files, no vanished snapshots).

use super::{catalogs, check_location, current_mounts, limit_warning, snapshot_count};
use super::{untrusted_entries, CephfsSnapshots, HOW_TO_CLOSE};
use crate::backend::{judge_scan, DoctorContext, Finding, Level, Snapshots};
use crate::catalog::{self, Catalog, Scan};
use crate::config::Config;
use crate::ntstatus;
use crate::share::Share;
use std::path::Path;

const UNTRUSTED_FIX: &str = "make every directory named root's and not writable by group or \
     others (chown root:root; chmod go-w); a share user who could write there may have planted \
     or changed entries: check them (rvss list) or move the catalog aside and let rvss create a \
     new one";

pub(super) fn check(shares: &[Share], ctx: &DoctorContext) -> Vec<Finding> {
    let mut out = vec![];
    for s in shares {
        check_share(&mut out, &s.name, &s.path, &s.config);
    }
    if shares.is_empty() {
        return out;
    }
    // The catalogs: the same format as btrfs's, judged the same way.
    match catalogs(shares) {
        Ok(cats) => {
            for cat in cats {
                let path = cat.dir_path().join(catalog::DIR_NAME);
                let scan = cat.lock_shared().and_then(|_lock| cat.scan());
                judge_entries(&mut out, &cat, scan.as_ref().ok());
                judge_scan(&mut out, ctx.referenced, &path, scan);
            }
        }
        Err(e) => out.push(Finding::new(
            "catalog",
            None,
            Level::Fail,
            format!("CephFS catalog: {e}"),
            UNTRUSTED_FIX,
        )),
    }
    out
}

/// Why share users can make or remove snapshots in the `.snap` of the
/// share at `path` (None when they cannot): the test the hooks make
/// (`guard`), run now.
fn snapdir_open_problem(path: &Path, config: &Config) -> crate::error::Result<Option<String>> {
    match check_location(path, config, &current_mounts()?) {
        Ok(_) => Ok(None),
        Err(e) if e.status == ntstatus::NOT_SUPPORTED => Ok(Some(e.message)),
        Err(e) => Err(e),
    }
}

/// Entries of a CephFS catalog that are not root's own files, and entries
/// whose snapshot vanished (lost backups).
fn judge_entries(out: &mut Vec<Finding>, cat: &Catalog, scan: Option<&Scan>) {
    match untrusted_entries(cat) {
        Ok(bad) if !bad.is_empty() => out.push(Finding::new(
            "catalog",
            None,
            Level::Fail,
            format!(
                "CephFS catalog entries that are not root's own files: {}",
                bad.join(", ")
            ),
            "remove them if rvss did not write them (chown root:root and chmod 0600 otherwise)",
        )),
        Ok(_) => {}
        Err(e) => out.push(Finding::new(
            "catalog",
            None,
            Level::Fail,
            e.to_string(),
            "",
        )),
    }
    let Some(scan) = scan else { return };
    let lost: Vec<&str> = scan
        .entries
        .iter()
        .filter(|e| CephfsSnapshots.lost(e))
        .map(|e| e.snap_path.as_str())
        .collect();
    if !lost.is_empty() {
        out.push(Finding::new(
            "lost snapshot",
            None,
            Level::Fail,
            format!(
                "{} snapshot(s) rvss recorded vanished (removed outside rvss; no backup any \
                 more): {}",
                lost.len(),
                lost.join(", ")
            ),
            "find out who removed them (only root may, once .snap is closed to users); \
             `rvss repair` sets their entries aside",
        ));
    }
}

/// A share on CephFS: reachable `.snap`, a trustworthy catalog, `.snap`
/// closed to share users, and its snapshot count against the per-directory
/// limit before CephFS refuses (EMLINK).
fn check_share(out: &mut Vec<Finding>, name: &str, path: &Path, cfg: &Config) {
    let mut add = |check, level, message: String, fix: String| {
        out.push(Finding::new(check, Some(name), level, message, fix))
    };
    match snapdir_open_problem(path, cfg) {
        Ok(None) => add(
            "snapshot access",
            Level::Ok,
            "share users cannot make or remove snapshots in its .snap (tested on this \
             host's mount)"
                .into(),
            String::new(),
        ),
        Ok(Some(why)) if why.contains("not trustworthy") => add(
            "catalog",
            Level::Fail,
            format!("FSRVP clients get \"not supported\": {why}"),
            UNTRUSTED_FIX.into(),
        ),
        Ok(Some(why)) => add(
            "snapshot access",
            Level::Fail,
            format!("FSRVP clients get \"not supported\": {why}"),
            format!(
                "{HOW_TO_CLOSE}; over SMB, users reach .snap only through vfs_ceph_snapshots, whose \
                 mkdir and rmdir run as the user and fail once the MDS refuses them. Clients \
                 of other hosts or other cephx users are not tested here: give them caps \
                 without `s`"
            ),
        ),
        Err(e) => add("snapshot access", Level::Fail, e.to_string(), String::new()),
    }
    let n = match snapshot_count(path) {
        Ok(n) => n,
        Err(e) => {
            add(
                "share",
                Level::Fail,
                format!("FSRVP clients get \"not supported\": {e}"),
                "check the CephFS mount and that snapshots are enabled (ceph fs set <fs> allow_new_snaps true)".into(),
            );
            return;
        }
    };
    add(
        "share",
        Level::Ok,
        format!(
            "{} is on CephFS; shadow copies are its snapshots in {}/.snap ({n} of at most {})",
            path.display(),
            path.display(),
            cfg.cephfs_snap_limit.0
        ),
        String::new(),
    );
    match limit_warning(path, cfg) {
        Ok(Some(w)) => add(
            "snapshot limit",
            Level::Warn,
            w,
            "prune old backups (rvss prune, rvss gc), lower rvss:retain, or raise the MDS's \
             mds_max_snaps_per_dir and rvss:cephfs snap limit together"
                .into(),
        ),
        Ok(None) => {}
        Err(e) => add("snapshot limit", Level::Warn, e.to_string(), String::new()),
    }
}
