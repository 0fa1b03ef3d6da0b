//! The snapshot backend seam: which filesystem's snapshots serve a share.
//! btrfs (subvolume snapshots kept outside the share, `shadow.rs`) or CephFS
//! (`mkdir <share>/.snap/<@GMT name>`, `cephfs.rs`), chosen by the share's
//! filesystem unless `rvss:backend` says.

use crate::catalog::{Catalog, Entry};
use crate::config::Config;
use crate::error::{Error, Result};
use std::path::Path;

/// The MDS's default `mds_max_snaps_per_dir`.
pub const DEFAULT_CEPHFS_SNAP_LIMIT: u32 = 100;

/// `rvss:cephfs snap limit` (default: the MDS's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnapLimit(pub u32);

impl Default for SnapLimit {
    fn default() -> Self {
        SnapLimit(DEFAULT_CEPHFS_SNAP_LIMIT)
    }
}

/// `rvss:backend`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Choice {
    /// By the share's filesystem: CephFS when it answers CephFS's virtual
    /// attributes, btrfs otherwise.
    #[default]
    Auto,
    Btrfs,
    Cephfs,
}

impl Choice {
    pub fn parse(value: &str) -> Result<Choice> {
        match value.trim().to_ascii_lowercase().as_str() {
            "" | "auto" => Ok(Choice::Auto),
            "btrfs" => Ok(Choice::Btrfs),
            "cephfs" | "ceph" => Ok(Choice::Cephfs),
            _ => Err(Error::invalid(format!(
                "rvss:backend = {value:?} is not one of auto, btrfs, cephfs"
            ))),
        }
    }
}

/// The backend serving a share.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Btrfs,
    Cephfs,
}

impl Backend {
    pub fn name(self) -> &'static str {
        match self {
            Backend::Btrfs => "btrfs",
            Backend::Cephfs => "cephfs",
        }
    }
}

/// What gc and prune (`gc::collect`, `retention::prune`) need of a
/// backend's snapshots: the rules are the same on both, only this differs.
pub trait Snapshots {
    /// Whether the snapshot `e` records is there.
    fn exists(&self, e: &Entry) -> bool;
    /// Whether the snapshot of an exposed `e` may still be being taken (so
    /// that it is no orphan yet).
    fn being_taken(&self, e: &Entry) -> bool;
    /// Keeps the snapshot of `e` as a retained backup and records that in
    /// `catalog` (as a delete under a retention policy does).
    fn keep_as_backup(&self, catalog: &Catalog, e: &mut Entry) -> Result<()>;
    /// Destroys the snapshot of `e` if it is still the one rvss made; gone
    /// already is fine.
    fn destroy(&self, e: &Entry) -> Result<()>;
    /// The path gc prints and prune logs for `e`.
    fn shown_path<'e>(&self, e: &'e Entry) -> &'e str;
}

/// The backend for the share at `path`. With `auto`, a path that cannot be
/// opened is btrfs's to judge (its errors say why).
pub fn of(config: &Config, path: &Path) -> Backend {
    match config.backend {
        Choice::Btrfs => Backend::Btrfs,
        Choice::Cephfs => Backend::Cephfs,
        // btrfs answers statfs with its own magic (cheaper than asking for
        // a ceph xattr, and this runs in every hook); ceph-fuse reports
        // FUSE's, so CephFS is told by its virtual xattrs.
        Choice::Auto => match crate::sys::fs::open_dir(path) {
            Ok(d) if crate::sys::fs::is_btrfs(&d).unwrap_or(false) => Backend::Btrfs,
            Ok(d) if crate::sys::ceph::is_cephfs(&d).unwrap_or(false) => Backend::Cephfs,
            _ => Backend::Btrfs,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices() {
        assert_eq!(Choice::parse("Auto").unwrap(), Choice::Auto);
        assert_eq!(Choice::parse(" CephFS ").unwrap(), Choice::Cephfs);
        assert_eq!(Choice::parse("btrfs").unwrap(), Choice::Btrfs);
        assert!(Choice::parse("zfs").is_err());
    }

    #[test]
    fn config_reads_backend_and_limit() {
        let c = Config::from_options(|k| match k {
            "backend" => Some("cephfs".into()),
            "cephfs snap limit" => Some("20".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(c.backend, Choice::Cephfs);
        assert_eq!(c.cephfs_snap_limit.0, 20);
        let d = Config::from_options(|_| None).unwrap();
        assert_eq!(d.cephfs_snap_limit.0, DEFAULT_CEPHFS_SNAP_LIMIT);
        assert!(Config::from_options(|k| (k == "cephfs snap limit").then(|| "0".into())).is_err());
    }
}
