//! The CephFS backend behind `Backend`: the hooks (in mod.rs) and what the
//! CLI asks of it (catalogs, prune, restore, repair, smb.conf lines).

use super::{
    catalog_dir, check_path, create, current_mounts, delete, location_problem, open_snapshot,
    prune_each, repair, snapshot_count, trust, CephfsSnapshots,
};
use crate::backend::{Backend, Backup, DoctorContext, Finding, Snapshots};
use crate::catalog::{Catalog, Entry, Repaired};
use crate::config::Config;
use crate::error::{Context, Error, Result};
use crate::restore::Method;
use crate::share::{Created, Deleted, Share};
use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The CephFS backend (`rvss:backend = cephfs`).
pub struct Cephfs;

impl Backend for Cephfs {
    fn name(&self) -> &'static str {
        "cephfs"
    }

    fn answers_to(&self, name: &str) -> bool {
        name == "cephfs" || name == "ceph"
    }

    // ceph-fuse reports FUSE's statfs magic, so CephFS is told by its
    // virtual xattrs.
    fn serves(&self, dir: &File) -> bool {
        crate::sys::ceph::is_cephfs(dir).unwrap_or(false)
    }

    fn check_path(&self, share: &Share) -> Result<String> {
        check_path(share)
    }

    fn create(
        &self,
        share: &Share,
        base_volume: &str,
        tstamp: i64,
        writable: bool,
    ) -> Result<Created> {
        create(share, base_volume, tstamp, writable)
    }

    fn delete(&self, share: &Share, base_path: &str, snap_path: &str) -> Result<Deleted> {
        delete(share, base_path, snap_path)
    }

    fn catalogs(&self, shares: &[Share]) -> Result<Vec<Catalog>> {
        catalogs(shares)
    }

    fn snapshots<'a>(&'a self, _catalog: &'a Catalog) -> Box<dyn Snapshots + 'a> {
        Box::new(CephfsSnapshots)
    }

    fn prune(
        &self,
        share: &Share,
        dry_run: bool,
        left_alone: &mut dyn FnMut(Entry, Error),
    ) -> Result<Vec<Entry>> {
        prune_share(share, dry_run, left_alone)
    }

    /// The snapshot is `<share>/.snap/<name>`, the share's directory itself;
    /// its `ceph.snap.btime` is checked.
    fn open_backup(&self, share: &Share, _catalog: &Catalog, entry: &Entry) -> Result<Backup> {
        let live = std::fs::canonicalize(&share.path)
            .with_context(|| format!("share path {}", share.path.display()))?;
        if Path::new(&entry.base_volume) != live {
            return Err(Error::invalid(format!(
                "backup {} is of {}, not of the share's path {}",
                entry.gmt,
                entry.base_volume,
                live.display()
            )));
        }
        let root = open_snapshot(entry)?.ok_or_else(|| {
            Error::new(
                crate::ntstatus::OBJECT_PATH_NOT_FOUND,
                format!("backup {} vanished ({})", entry.gmt, entry.path),
            )
        })?;
        Ok(Backup {
            root,
            share: live,
            method: Method::Copy,
        })
    }

    fn repair(&self, shares: &[Share]) -> Result<Vec<(PathBuf, Repaired)>> {
        repair(shares)
    }

    fn location_problem(&self, share: &Share) -> Result<Option<String>> {
        location_problem(&share.path, &share.config)
    }

    fn doctor(&self, shares: &[Share], ctx: &DoctorContext) -> Vec<Finding> {
        super::doctor::check(shares, ctx)
    }

    fn smbconf_lines(&self, _share: &Share, vfs_objects: &str) -> Result<Vec<String>> {
        Ok(smbconf_lines(vfs_objects))
    }
}

/// `rvss prune` for one CephFS share: its retained backups beyond its
/// policy, deleted unless `dry_run`; each that cannot go is handed to
/// `left_alone` and the others are pruned (as on btrfs).
pub fn prune_share(
    share: &Share,
    dry_run: bool,
    left_alone: &mut dyn FnMut(Entry, Error),
) -> Result<Vec<Entry>> {
    if !share.config.retention.enabled() {
        return Ok(vec![]);
    }
    let path = std::fs::canonicalize(&share.path).unwrap_or_else(|_| share.path.clone());
    let mut out = vec![];
    for catalog in catalogs(std::slice::from_ref(share))? {
        out.extend(prune_each(
            &catalog,
            &share.name,
            &path,
            &share.config.retention,
            dry_run,
            left_alone,
        )?);
    }
    Ok(out)
}

/// The catalogs of the given CephFS shares that exist (opened, which
/// migrates what rvss 0.2 left in them).
pub fn catalogs(shares: &[Share]) -> Result<Vec<Catalog>> {
    if shares.is_empty() {
        return Ok(vec![]);
    }
    let mounts = current_mounts()?;
    let mut dirs = BTreeSet::new();
    for s in shares {
        let path = std::fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone());
        if let Ok((d, _)) = catalog_dir(&s.config, &path, &mounts) {
            dirs.insert(d);
        }
    }
    let mut out = vec![];
    for d in dirs {
        // Checked at each use like the hooks' (`trust`); one that does not
        // exist yet is no catalog.
        if let Some(c) = trust::open(&d, 0)? {
            out.push(c);
        }
    }
    Ok(out)
}

/// A share's snapshot count against its limit, for `rvss doctor`: None when
/// fine, else the warning (at 80 % of the limit and beyond).
pub fn limit_warning(path: &Path, config: &Config) -> Result<Option<String>> {
    let n = snapshot_count(path)?;
    let limit = config.cephfs_snap_limit.0 as usize;
    if n * 5 >= limit * 4 {
        return Ok(Some(format!(
            "{} has {n} CephFS snapshots of at most {limit} (mds_max_snaps_per_dir; \
             rvss:cephfs snap limit): new shadow copies fail {}",
            path.display(),
            if n >= limit {
                "now".to_string()
            } else {
                format!("after {} more", limit - n)
            }
        )));
    }
    Ok(None)
}

/// The lines for a share on CephFS: Samba's vfs_ceph_snapshots shows the
/// share's own CephFS snapshots (`.snap`, named and dated by their
/// `ceph.snap.btime`) as Previous Versions, through a ceph-fuse or kernel
/// mount.
pub fn smbconf_lines(vfs_objects: &str) -> Vec<String> {
    let mut modules: Vec<&str> = vfs_objects
        .split([' ', ','])
        .filter(|m| !m.is_empty() && *m != "ceph_snapshots" && *m != "shadow_copy2")
        .collect();
    if !modules.contains(&"rvss") {
        modules.push("rvss");
    }
    vec![
        format!("vfs objects = ceph_snapshots {}", modules.join(" ")),
        "ceph:snapdir = .snap".into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smbconf_of_a_cephfs_share() {
        assert_eq!(
            smbconf_lines("shadow_copy2 catia rvss"),
            vec![
                "vfs objects = ceph_snapshots catia rvss",
                "ceph:snapdir = .snap"
            ]
        );
        assert_eq!(smbconf_lines("")[0], "vfs objects = ceph_snapshots rvss");
    }
}
