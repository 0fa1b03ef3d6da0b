//! `rvss doctor` on btrfs: each share's layout and snapshot directory, the
//! snapshot directories used before, and every catalog.

use super::layout::{self, DirProblem, Layout};
use super::{current_mounts, known_dirs};
use crate::backend::{judge_scan, DoctorContext, Finding, Level};
use crate::catalog;
use crate::mounts::Mount;
use crate::share::Share;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

pub(super) fn check(shares: &[Share], ctx: &DoctorContext) -> Vec<Finding> {
    let mut out = vec![];
    let mounts = match current_mounts() {
        Ok(m) => m,
        Err(e) => {
            out.push(Finding::new("shares", None, Level::Fail, e.to_string(), ""));
            return out;
        }
    };
    let mut snapshot_dirs: Vec<PathBuf> = vec![];
    for share in shares {
        let name = share.name.as_str();
        let cfg = &share.config;
        let layout = match layout::resolve(&share.path, cfg, &mounts) {
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
                out.push(Finding::new(
                    "share",
                    Some(name),
                    Level::Fail,
                    format!("FSRVP clients get \"not supported\": {e}"),
                    fix,
                ));
                continue;
            }
        };
        out.push(Finding::new(
            "share",
            Some(name),
            Level::Ok,
            format!(
                "{} is on btrfs, in subvolume {}; snapshots go to {}",
                layout.share.display(),
                layout.subvolume.display(),
                layout.snapshots().display()
            ),
            "",
        ));
        check_snapshot_dir(&mut out, name, &layout, &mounts, ctx.share_dirs);
        if !snapshot_dirs.contains(&layout.snapshot_dir) {
            snapshot_dirs.push(layout.snapshot_dir.clone());
        }
    }
    // Directories of a previous `rvss:snapshot dir`: ignored by every rvss
    // command and hook once they break the rules.
    for dir in known_dirs::load_listed() {
        if snapshot_dirs.contains(&dir) {
            continue;
        }
        if let Some(why) = layout::trusted_dir_problem(&dir) {
            out.push(Finding::new(
                "snapshot-dir",
                None,
                Level::Warn,
                format!(
                    "{} (a previous snapshot directory, listed in {}) is ignored: {why}",
                    dir.display(),
                    known_dirs::list_path().display()
                ),
                "if it is rvss's, make it and its parents root-owned and not writable by \
                 others (chown root, chmod go-w); else remove its line from the list",
            ));
        }
    }
    for dir in snapshot_dirs {
        check_catalog(&mut out, ctx, &dir);
    }
    out
}

fn check_snapshot_dir(
    out: &mut Vec<Finding>,
    share: &str,
    layout: &Layout,
    mounts: &[Mount],
    share_paths: &[PathBuf],
) {
    let dir = &layout.snapshot_dir;
    let mut add = |level, message: String, fix: String| {
        out.push(Finding::new(
            "snapshot-dir",
            Some(share),
            level,
            message,
            fix,
        ))
    };
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
        add(Level::Fail, why, fix);
        return;
    }
    let md = match std::fs::symlink_metadata(dir) {
        Ok(md) => md,
        Err(_) => {
            add(
                Level::Ok,
                format!(
                    "{} does not exist yet; rvss creates it (root, 0711) with the first shadow copy",
                    dir.display()
                ),
                String::new(),
            );
            return;
        }
    };
    if let Some(p) = layout::share_holding(dir, share_paths) {
        add(
            Level::Fail,
            format!(
                "snapshot directory {} lies inside the share path {}: that share's clients would see snapshots",
                dir.display(),
                p.display()
            ),
            "move rvss:snapshot dir outside every share".into(),
        );
        return;
    }
    let mode = md.mode() & 0o7777;
    if mode & 0o777 != layout::SNAPSHOT_DIR_MODE {
        add(
            Level::Warn,
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
        add(
            Level::Ok,
            format!("{} exists (root, 0711)", dir.display()),
            String::new(),
        );
    }
}

/// A snapshot directory's catalog, read without changing it (a catalog of
/// rvss 0.2's format is reported, not migrated).
fn check_catalog(out: &mut Vec<Finding>, ctx: &DoctorContext, dir: &Path) {
    let legacy = dir.join(catalog::LEGACY_NAME);
    let mut add = |level, message: String, fix: &str| {
        out.push(Finding::new("catalog", None, level, message, fix))
    };
    match catalog::read_unlocked(dir, catalog::LEGACY_NAME) {
        Ok(None) => {}
        Ok(Some(bytes)) => {
            match catalog::parse_legacy(&bytes) {
                Ok(e) => add(
                    Level::Ok,
                    format!(
                        "{}: {} snapshot(s) in rvss 0.2's format, moved to {} at the next hook or \
                         command",
                        legacy.display(),
                        e.len(),
                        catalog::DIR_NAME
                    ),
                    "",
                ),
                Err(why) => add(
                    Level::Fail,
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
            add(
                Level::Fail,
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
    judge_scan(out, ctx.referenced, &path, scan);
}
