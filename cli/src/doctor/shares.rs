//! `rvss doctor`: every rvss share, its snapshot directory and catalog.

use super::Checks;
use rvss_core::catalog;
use rvss_core::inventory::{self, Status as SnapState};
use rvss_core::layout::{self, DirProblem, Layout};
use rvss_core::mounts::{self, Mount};
use rvss_core::smbconf::{SambaConf, Section};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Every share that loads rvss: its layout, its snapshot directory, and the
/// catalog there.
pub(super) fn check_shares(c: &mut Checks, conf: &SambaConf) {
    let shares: Vec<&Section> = conf.rvss_shares().collect();
    if shares.is_empty() {
        c.warn(
            "shares",
            None,
            "no share loads rvss".into(),
            "add `vfs objects = rvss` to the shares FSRVP clients back up",
        );
        return;
    }
    let mounts = match mounts::current() {
        Ok(m) => m,
        Err(e) => {
            c.fail(
                "shares",
                None,
                format!("cannot read /proc/self/mountinfo: {e}"),
                "",
            );
            return;
        }
    };
    let all_share_paths: Vec<PathBuf> = conf
        .base_shares()
        .filter_map(|s| conf.param(s, "path"))
        .map(|p| std::fs::canonicalize(&p).unwrap_or_else(|_| PathBuf::from(p)))
        .collect();
    let mut snapshot_dirs: Vec<PathBuf> = vec![];
    let mut cephfs_shares = vec![];
    for share in shares {
        let name = share.name.as_str();
        let Some(path) = conf.param(share, "path") else {
            c.fail(
                "share",
                Some(name),
                "the share has no path".into(),
                "set `path =` for the share",
            );
            continue;
        };
        let cfg = match conf.rvss_config(share) {
            Ok(cfg) => cfg,
            Err(e) => {
                c.fail(
                    "share",
                    Some(name),
                    format!("invalid rvss option: {e}"),
                    "fix the option (see vfs_rvss(8))",
                );
                continue;
            }
        };
        if rvss_core::backend::of(&cfg, Path::new(&path)) == rvss_core::backend::Backend::Cephfs {
            check_cephfs_share(c, name, Path::new(&path), &cfg);
            cephfs_shares.push((name.to_string(), PathBuf::from(&path), cfg));
            continue;
        }
        let layout = match layout::resolve(Path::new(&path), &cfg, &mounts) {
            Ok(l) => l,
            Err(e) => {
                let fix = match &cfg.snapshot_dir {
                    Some(d) if !d.is_dir() => format!(
                        "create the snapshot directory on the share's btrfs filesystem, outside every share: \
                         install -d -m 0711 -o root -g root '{}'",
                        d.display()
                    ),
                    _ => "put the share on btrfs in a supported layout (see SUPPORTED LAYOUTS in vfs_rvss(8))"
                        .to_string(),
                };
                c.fail(
                    "share",
                    Some(name),
                    format!("FSRVP clients get \"not supported\": {e}"),
                    fix,
                );
                continue;
            }
        };
        c.ok(
            "share",
            Some(name),
            format!(
                "{} is on btrfs, in subvolume {}; snapshots go to {}",
                layout.share.display(),
                layout.subvolume.display(),
                layout.snapshots().display()
            ),
        );
        check_snapshot_dir(c, name, &layout, &mounts, &all_share_paths);
        if !snapshot_dirs.contains(&layout.snapshot_dir) {
            snapshot_dirs.push(layout.snapshot_dir.clone());
        }
    }
    // Directories of a previous `rvss:snapshot dir`: ignored by every rvss
    // command and hook once they break the rules.
    for dir in rvss_core::known_dirs::load_listed() {
        if snapshot_dirs.contains(&dir) {
            continue;
        }
        if let Some(why) = layout::trusted_dir_problem(&dir) {
            c.warn(
                "snapshot-dir",
                None,
                format!(
                    "{} (a previous snapshot directory, listed in {}) is ignored: {why}",
                    dir.display(),
                    rvss_core::known_dirs::list_path().display()
                ),
                "if it is rvss's, make it and its parents root-owned and not writable by \
                 others (chown root, chmod go-w); else remove its line from the list",
            );
        }
    }
    for dir in snapshot_dirs {
        check_catalog(c, conf, &dir);
    }
    // The CephFS catalogs: the same format, judged the same way.
    let refs: Vec<_> = cephfs_shares
        .iter()
        .map(|(name, path, config)| rvss_core::cephfs::ShareRef { name, path, config })
        .collect();
    if !refs.is_empty() {
        match rvss_core::cephfs::catalogs(&refs) {
            Ok(catalogs) => {
                for cat in catalogs {
                    let path = cat.dir_path().join(catalog::DIR_NAME);
                    let scan = cat.lock_shared().and_then(|_lock| cat.scan());
                    judge_cephfs_entries(c, &cat, scan.as_ref().ok());
                    judge_scan(c, conf, &path, scan);
                }
            }
            Err(e) => c.fail(
                "catalog",
                None,
                format!("CephFS catalog: {e}"),
                UNTRUSTED_FIX,
            ),
        }
    }
}

const UNTRUSTED_FIX: &str = "make every directory named root's and not writable by group or \
     others (chown root:root; chmod go-w); a share user who could write there may have planted \
     or changed entries: check them (rvss list) or move the catalog aside and let rvss create a \
     new one";

/// Entries of a CephFS catalog that are not root's own files, and entries
/// whose snapshot vanished (lost backups).
fn judge_cephfs_entries(c: &mut Checks, cat: &catalog::Catalog, scan: Option<&catalog::Scan>) {
    match rvss_core::cephfs::untrusted_entries(cat) {
        Ok(bad) if !bad.is_empty() => c.fail(
            "catalog",
            None,
            format!(
                "CephFS catalog entries that are not root's own files: {}",
                bad.join(", ")
            ),
            "remove them if rvss did not write them (chown root:root and chmod 0600 otherwise)",
        ),
        Ok(_) => {}
        Err(e) => c.fail("catalog", None, e.to_string(), ""),
    }
    let Some(scan) = scan else { return };
    let lost: Vec<&str> = scan
        .entries
        .iter()
        .filter(|e| {
            e.state != catalog::State::Creating
                && !rvss_core::backend::Snapshots::exists(&rvss_core::cephfs::CephfsSnapshots, e)
        })
        .map(|e| e.snap_path.as_str())
        .collect();
    if !lost.is_empty() {
        c.fail(
            "lost snapshot",
            None,
            format!(
                "{} snapshot(s) rvss recorded vanished (removed outside rvss; no backup any \
                 more): {}",
                lost.len(),
                lost.join(", ")
            ),
            "find out who removed them (only root may, once .snap is closed to users); \
             `rvss repair` sets their entries aside",
        );
    }
}

/// A share on CephFS: reachable `.snap`, a trustworthy catalog, `.snap`
/// closed to share users, and its snapshot count against the per-directory
/// limit before CephFS refuses (EMLINK).
fn check_cephfs_share(c: &mut Checks, name: &str, path: &Path, cfg: &rvss_core::config::Config) {
    match rvss_core::cephfs::snapdir_open_problem(path, cfg) {
        Ok(None) => c.ok(
            "snapshot access",
            Some(name),
            "share users cannot make or remove snapshots in its .snap (tested on this \
             host's mount)"
                .into(),
        ),
        Ok(Some(why)) if why.contains("not trustworthy") => c.fail(
            "catalog",
            Some(name),
            format!("FSRVP clients get \"not supported\": {why}"),
            UNTRUSTED_FIX,
        ),
        Ok(Some(why)) => c.fail(
            "snapshot access",
            Some(name),
            format!("FSRVP clients get \"not supported\": {why}"),
            format!(
                "{}; over SMB, users reach .snap only through vfs_ceph_snapshots, whose \
                 mkdir and rmdir run as the user and fail once the MDS refuses them. Clients \
                 of other hosts or other cephx users are not tested here: give them caps \
                 without `s`",
                rvss_core::cephfs::HOW_TO_CLOSE
            ),
        ),
        Err(e) => c.fail("snapshot access", Some(name), e.to_string(), ""),
    }
    let n = match rvss_core::cephfs::snapshot_count(path) {
        Ok(n) => n,
        Err(e) => {
            c.fail(
                "share",
                Some(name),
                format!("FSRVP clients get \"not supported\": {e}"),
                "check the CephFS mount and that snapshots are enabled (ceph fs set <fs> allow_new_snaps true)",
            );
            return;
        }
    };
    c.ok(
        "share",
        Some(name),
        format!(
            "{} is on CephFS; shadow copies are its snapshots in {}/.snap ({n} of at most {})",
            path.display(),
            path.display(),
            cfg.cephfs_snap_limit.0
        ),
    );
    match rvss_core::cephfs::limit_warning(path, cfg) {
        Ok(Some(w)) => c.warn(
            "snapshot limit",
            Some(name),
            w,
            "prune old backups (rvss prune, rvss gc), lower rvss:retain, or raise the MDS's \
             mds_max_snaps_per_dir and rvss:cephfs snap limit together",
        ),
        Ok(None) => {}
        Err(e) => c.warn("snapshot limit", Some(name), e.to_string(), ""),
    }
}

fn check_snapshot_dir(
    c: &mut Checks,
    share: &str,
    layout: &Layout,
    mounts: &[Mount],
    share_paths: &[PathBuf],
) {
    let dir = &layout.snapshot_dir;
    // The rules the hooks enforce, from the same function.
    if let Some((problem, why)) = layout::snapshot_dir_problem(layout, mounts) {
        let fix = match problem {
            DirProblem::Unusable => format!(
                "create it on the share's btrfs filesystem, outside every share: \
                 install -d -m 0711 -o root -g root '{}'",
                dir.display()
            ),
            DirProblem::NotDirectory => "point rvss:snapshot dir at a real directory".into(),
            DirProblem::InsideShare => "move rvss:snapshot dir outside every share".into(),
            DirProblem::OtherFilesystem => {
                "set rvss:snapshot dir to a directory of the share's btrfs filesystem".into()
            }
            DirProblem::CatalogNotAFile => format!(
                "remove what is not a regular file among {}/catalog*; then `rvss repair`",
                dir.display()
            ),
            DirProblem::Unsafe => {
                format!("chown root:root '{0}' && chmod 0711 '{0}'", dir.display())
            }
        };
        c.fail("snapshot-dir", Some(share), why, fix);
        return;
    }
    let md = match std::fs::symlink_metadata(dir) {
        Ok(md) => md,
        Err(_) => {
            c.ok(
                "snapshot-dir",
                Some(share),
                format!(
                    "{} does not exist yet; rvss creates it (root, 0711) with the first shadow copy",
                    dir.display()
                ),
            );
            return;
        }
    };
    if let Some(p) = layout::share_holding(dir, share_paths) {
        c.fail(
            "snapshot-dir",
            Some(share),
            format!(
                "snapshot directory {} lies inside the share path {}: that share's clients would see snapshots",
                dir.display(),
                p.display()
            ),
            "move rvss:snapshot dir outside every share",
        );
        return;
    }
    let mode = md.mode() & 0o7777;
    if mode & 0o777 != layout::SNAPSHOT_DIR_MODE {
        c.warn(
            "snapshot-dir",
            Some(share),
            format!(
                "snapshot directory {} has mode {mode:04o}; rvss uses {:04o} (traversable for \
                 exposed shadow copies, not listable)",
                dir.display(),
                layout::SNAPSHOT_DIR_MODE
            ),
            format!(
                "chmod {:04o} '{}'",
                layout::SNAPSHOT_DIR_MODE,
                dir.display()
            ),
        );
    } else {
        c.ok(
            "snapshot-dir",
            Some(share),
            format!("{} exists (root, 0711)", dir.display()),
        );
    }
}

fn check_catalog(c: &mut Checks, conf: &SambaConf, dir: &Path) {
    let legacy = dir.join(catalog::LEGACY_NAME);
    match catalog::read_unlocked(dir, catalog::LEGACY_NAME) {
        Ok(None) => {}
        Ok(Some(bytes)) => {
            match catalog::parse_legacy(&bytes) {
                Ok(e) => c.ok(
                    "catalog",
                    None,
                    format!(
                        "{}: {} snapshot(s) in rvss 0.2's format, moved to {} at the next hook or \
                         command",
                        legacy.display(),
                        e.len(),
                        catalog::DIR_NAME
                    ),
                ),
                Err(why) => c.fail(
                    "catalog",
                    None,
                    format!(
                        "{} is damaged ({why}): rvss refuses to create or delete snapshots there",
                        legacy.display()
                    ),
                    "`rvss repair` (falls back to the previous generation)",
                ),
            }
            return;
        }
        Err(e) => {
            c.fail(
                "catalog",
                None,
                format!("{} cannot be read: {e}", legacy.display()),
                "",
            );
            return;
        }
    }
    let path = dir.join(catalog::DIR_NAME);
    if !path.exists() {
        return;
    }
    let scan = catalog::Catalog::open(dir).and_then(|cat| {
        let _lock = cat.lock_shared()?;
        cat.scan()
    });
    judge_scan(c, conf, &path, scan);
}

/// Reports a catalog's entries (`path`: its catalog.d): damaged entries
/// fail, orphans warn.
fn judge_scan(
    c: &mut Checks,
    conf: &SambaConf,
    path: &Path,
    scan: rvss_core::error::Result<catalog::Scan>,
) {
    let scan = match scan {
        Ok(s) => s,
        Err(e) => {
            c.fail(
                "catalog",
                None,
                format!("{} cannot be read: {e}", path.display()),
                "",
            );
            return;
        }
    };
    if !scan.corrupt.is_empty() {
        c.fail(
            "catalog",
            None,
            format!(
                "{} damaged entr{} (first: {}: {}): rvss deletes nothing on their behalf, and \
                 prune and gc stop",
                scan.corrupt.len(),
                if scan.corrupt.len() == 1 { "y" } else { "ies" },
                scan.corrupt[0].file.display(),
                scan.corrupt[0].why
            ),
            "`rvss repair` (rebuilds each from its snapshot, deletes nothing)",
        );
        return;
    }
    let entries = scan.entries;
    let shares = inventory::share_paths(conf);
    let orphans = entries
        .iter()
        .filter(|e| inventory::status_of(e, &shares) == SnapState::Orphan)
        .count();
    if orphans > 0 {
        c.warn(
            "catalog",
            None,
            format!(
                "{}: {} snapshot(s), {orphans} of them orphans (no share exposes them and no \
                 retention policy keeps them)",
                path.display(),
                entries.len()
            ),
            "review with `rvss list`, then remove them with `rvss gc`",
        );
    } else {
        c.ok(
            "catalog",
            None,
            format!("{}: {} snapshot(s)", path.display(), entries.len()),
        );
    }
}
