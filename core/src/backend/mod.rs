//! The snapshot backend seam: everything the hooks and the CLI ask of a
//! filesystem's snapshots, behind one object-safe trait. Each backend is a
//! folder (`btrfs/`, `cephfs/`) holding all of it; `registry` lists them
//! (one line each) and resolves a share's. Nothing above this module knows
//! which backend it talks to.

pub mod btrfs;
pub mod cephfs;
#[cfg(any(test, feature = "fake-backend"))]
pub mod fake;
mod findings;
pub mod registry;

pub use findings::{judge_scan, Finding, Level};
pub use registry::Registry;

use crate::catalog::{Catalog, Entry, Repaired};
use crate::error::{Error, Result};
use crate::restore::Method;
use crate::share::{Created, Deleted, Share};
use std::collections::BTreeSet;
use std::fs::File;
use std::path::PathBuf;

/// A filesystem's snapshots as rvss uses them. Object safe: the registry
/// hands out `&'static dyn Backend`.
pub trait Backend: Sync {
    /// The name `rvss:backend` gives it.
    fn name(&self) -> &'static str;
    /// Whether `rvss:backend = name` (lower case) asks for this backend
    /// (its name, or an alias).
    fn answers_to(&self, name: &str) -> bool {
        name == self.name()
    }
    /// Whether this backend serves the share directory `dir` (`rvss:backend
    /// = auto`). Runs in every hook: cheap checks only.
    fn serves(&self, dir: &File) -> bool;

    /// snap_check_path: the share's base volume when rvss can shadow-copy it.
    fn check_path(&self, share: &Share) -> Result<String>;
    /// snap_create: a snapshot of `base_volume`, named after the time it is
    /// taken (Samba's `tstamp` is when the share was added to the set).
    fn create(
        &self,
        share: &Share,
        base_volume: &str,
        tstamp: i64,
        writable: bool,
    ) -> Result<Created>;
    /// snap_delete: destroys the snapshot exposed at `snap_path` (or keeps
    /// it as a backup under the share's retention policy), only if rvss's
    /// catalog records it.
    fn delete(&self, share: &Share, base_path: &str, snap_path: &str) -> Result<Deleted>;

    /// The catalogs holding the entries of `shares` (all served by this
    /// backend; possibly none), those that exist, opened.
    fn catalogs(&self, shares: &[Share]) -> Result<Vec<Catalog>>;
    /// The snapshots `catalog` (one of `catalogs`) records, for gc and list.
    fn snapshots<'a>(&'a self, catalog: &'a Catalog) -> Box<dyn Snapshots + 'a>;
    /// `rvss prune` for one share: its retained backups beyond its policy,
    /// deleted unless `dry_run`; each that cannot go is handed to
    /// `left_alone`.
    fn prune(
        &self,
        share: &Share,
        dry_run: bool,
        left_alone: &mut dyn FnMut(Entry, Error),
    ) -> Result<Vec<Entry>>;
    /// The backup `entry` (found in `catalog`, under its exclusive lock),
    /// opened for `rvss restore`, if it is still the snapshot rvss made.
    fn open_backup(&self, share: &Share, catalog: &Catalog, entry: &Entry) -> Result<Backup>;
    /// `rvss repair` for the catalogs of `shares`: per catalog directory,
    /// what was done (identities recorded included).
    fn repair(&self, shares: &[Share]) -> Result<Vec<(PathBuf, Repaired)>>;
    /// Why where the share lives does not suit this backend (None when it
    /// does), for `rvss check`; the tree is checked separately.
    fn location_problem(&self, share: &Share) -> Result<Option<String>>;
    /// `rvss doctor`'s findings about `shares` and their catalogs.
    fn doctor(&self, shares: &[Share], ctx: &DoctorContext) -> Vec<Finding>;
    /// The smb.conf lines that show the share's backups as Previous Versions,
    /// given its current `vfs objects`.
    fn smbconf_lines(&self, share: &Share, vfs_objects: &str) -> Result<Vec<String>>;
    /// Bytes only each snapshot holds, where the filesystem tells (`rvss
    /// list`); None for each otherwise.
    fn exclusive_bytes(&self, _catalog: &Catalog, entries: &[Entry]) -> Vec<Option<u64>> {
        vec![None; entries.len()]
    }
    /// `rvss replicate` for one share with `rvss:replicate to`: its retained
    /// backups the target lacks, sent and verified there, oldest first,
    /// then the target's retention (`replicate`); `events` hears of each
    /// as it goes. Never called from a hook.
    fn replicate(
        &self,
        share: &Share,
        _events: &mut dyn crate::replicate::Events,
    ) -> Result<crate::replicate::Report> {
        Err(self.no_replication(share))
    }
    /// The share's directory on its replication target (as shown) and
    /// every entry there (`rvss list --replicas`).
    fn replicas(&self, share: &Share) -> Result<(String, Vec<crate::replicate::store::Copy>)> {
        Err(self.no_replication(share))
    }
    /// `rvss restore --from-replica`: the copy `name` of one of `share`'s
    /// backups on its replication target, opened for the restore engine
    /// (brought back first when the target is another host).
    fn open_replica(&self, share: &Share, _name: &str) -> Result<ReplicaBackup> {
        Err(self.no_replication(share))
    }
    /// Why the replication methods refuse on this backend.
    fn no_replication(&self, share: &Share) -> Error {
        Error::not_supported(format!(
            "share {}: the {} backend does not replicate with rvss:replicate to",
            share.name,
            self.name()
        ))
    }
}

/// A replicated copy opened for a restore.
pub struct ReplicaBackup {
    pub backup: Backup,
    /// Where the copy is, as shown (its target's directory and name).
    pub shown: String,
    /// The copy brought back from another host, removed when dropped.
    pub fetched: Option<crate::replicate::run::Fetched>,
}

/// A backup opened for a restore.
pub struct Backup {
    /// The share's directory inside the snapshot.
    pub root: File,
    /// The live share's directory, canonical.
    pub share: PathBuf,
    /// How the restore engine copies file data from it.
    pub method: Method,
}

/// What `rvss doctor` knows beyond the shares of one backend.
pub struct DoctorContext<'a> {
    /// Every share's directory (canonical), rvss's or not: a snapshot
    /// directory inside one is visible to its clients.
    pub share_dirs: &'a [PathBuf],
    /// Paths of every share definition (exposed shadow copies included).
    pub referenced: &'a BTreeSet<String>,
}

/// What gc and prune (`policy::gc::collect`, `policy::retention::prune`)
/// need of a backend's snapshots: the rules are the same on every backend,
/// only this differs.
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
    /// Whether `rvss list` and doctor report `e` lost (its snapshot removed
    /// outside rvss), where the backend tells that apart from a snapshot
    /// being taken.
    fn lost(&self, _e: &Entry) -> bool {
        false
    }
}
