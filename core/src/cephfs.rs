//! The CephFS backend: a shadow copy of a share is a CephFS snapshot of the
//! share's directory, `mkdir <share>/.snap/<@GMT name>`, exposed at that
//! path and removed with `rmdir`. CephFS hides `.snap` from directory
//! listings, so clients of the share never see a snapshot; every write inside
//! a snapshot fails with EROFS, so a shadow copy is always read-only.
//!
//! What rvss made is recorded in the same catalog as on btrfs
//! (`catalog::Catalog`: one entry file per snapshot, reserved without
//! replacing, the same lock, the same handling of corrupt entries), kept on
//! CephFS so that every node of a cluster shares it:
//! `<catalog dir>/catalog.d/` with `<catalog dir>` = `<rvss:snapshot
//! dir>/cephfs`, or `<CephFS mount>/.rvss/cephfs`. Entries are named after
//! their snapshot's absolute path (`<share>/.snap/<name>`), every write is
//! durable when it returns, and an entry's `uuid` holds the snapshot's
//! identity, its `ceph.snap.btime` (`source_uuid`: the filesystem's
//! `ceph.cluster_fsid`). A snapshot is deleted only when an entry records it
//! and its `ceph.snap.btime` is still the recorded one.
//!
//! Entry files of rvss 0.2's own CephFS catalog (`<catalog dir>/<id>.json`)
//! are migrated on first use (`migrate_legacy`).

use crate::catalog::{self, Catalog, Creator, Durability, Entry, State};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::mounts::{self, Mount};
use crate::shadow::{Created, Deleted, HookTarget};
use crate::sys::ceph::{self as sys_ceph, SNAP_DIR};
use crate::{gmt, ntstatus, retention, sys};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// The folder below the catalog root holding the CephFS catalog.
const CATALOG_SUBDIR: &str = "cephfs";
const CATALOG_DIR_MODE: u32 = 0o700;
/// Entries are named after their snapshot's path relative to this.
const KEY_ROOT: &str = "/";
/// What a migrated rvss 0.2 entry file is renamed to (kept for the admin).
const MIGRATED_SUFFIX: &str = ".migrated";

/// An entry of rvss 0.2's CephFS catalog (`<catalog dir>/<id>.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyEntry {
    pub id: String,
    pub share: String,
    pub base_volume: String,
    pub snap_path: String,
    pub gmt: String,
    pub created: i64,
    /// "exposed" or "retained".
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub btime: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fsid: Option<String>,
    #[serde(default)]
    pub node: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreferenced_since: Option<i64>,
}

impl LegacyEntry {
    /// The entry in today's format, or why it cannot be one.
    fn upgrade(self) -> std::result::Result<Entry, String> {
        split_snap_path(&self.snap_path).map_err(|e| e.message)?;
        let state = match self.state.as_str() {
            "exposed" => State::Exposed,
            "retained" => State::Retained,
            other => return Err(format!("unknown state {other:?}")),
        };
        Ok(Entry {
            id: self.id,
            share: self.share,
            subvolume: self.base_volume.clone(),
            base_volume: self.base_volume,
            path: self.snap_path.clone(),
            snap_path: self.snap_path,
            gmt: self.gmt,
            created: self.created,
            readonly: true,
            state,
            uuid: self.btime,
            source_uuid: self.fsid,
            unreferenced_since: self.unreferenced_since,
            creator: None,
            restoring: None,
        })
    }
}

fn current_mounts() -> Result<Vec<Mount>> {
    mounts::current().map_err(|e| Error::io("read /proc/self/mountinfo", &e))
}

fn text(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// Opens the share's directory and checks it is on CephFS.
fn open_share(path: &Path) -> Result<File> {
    let dir = sys::fs::open_dir(path)
        .map_err(|e| Error::io(format!("open share path {}", path.display()), &e))?;
    match sys_ceph::is_cephfs(&dir) {
        Ok(true) => Ok(dir),
        Ok(false) => Err(Error::not_supported(format!(
            "{} is not on CephFS (no ceph.* virtual attributes)",
            path.display()
        ))),
        Err(e) => Err(Error::io(
            format!("read CephFS attributes of {}", path.display()),
            &e,
        )),
    }
}

/// Where the catalog of a share lives: `rvss:snapshot dir`/cephfs, or
/// `.rvss/cephfs` at the top of the CephFS mount holding the share (then
/// rvss may create it).
pub fn catalog_dir(config: &Config, share: &Path, mounts: &[Mount]) -> Result<(PathBuf, bool)> {
    if let Some(d) = &config.snapshot_dir {
        return Ok((d.join(CATALOG_SUBDIR), false));
    }
    let m = mounts::containing(mounts, share)
        .ok_or_else(|| Error::not_supported(format!("no mount holds {}", share.display())))?;
    Ok((
        m.mount_point
            .join(crate::config::DEFAULT_SNAPSHOT_DIR_NAME)
            .join(CATALOG_SUBDIR),
        true,
    ))
}

/// The share path, canonical, and its catalog directory, refused when the
/// catalog would be visible inside the share.
fn resolve(share: &HookTarget, mounts: &[Mount]) -> Result<(PathBuf, PathBuf, bool)> {
    let path = std::fs::canonicalize(share.path)
        .map_err(|e| Error::io(format!("share path {}", share.path.display()), &e))?;
    let (catalog, creatable) = catalog_dir(share.config, &path, mounts)?;
    if catalog.starts_with(&path) {
        return Err(Error::not_supported(format!(
            "rvss's catalog {} would lie inside the share {} (visible to its clients): \
             set rvss:snapshot dir to a directory of the CephFS filesystem outside every share",
            catalog.display(),
            path.display()
        )));
    }
    Ok((path, catalog, creatable))
}

/// Opens the catalog in `dir` (creating the directories when rvss owns
/// them), migrating rvss 0.2's entry files.
fn open_catalog(dir: &Path, creatable: bool) -> Result<Catalog> {
    if creatable {
        if let (Some(top), Some(name)) = (dir.parent(), dir.file_name()) {
            if let (Some(mount), Some(top_name)) = (top.parent(), top.file_name()) {
                let m = sys::fs::open_dir(mount)
                    .map_err(|e| Error::io(format!("open {}", mount.display()), &e))?;
                sys::fs::mkdir_at(&m, top_name, CATALOG_DIR_MODE)
                    .map_err(|e| Error::io(format!("create {}", top.display()), &e))?;
                let t = sys::fs::open_dir_at(&m, top_name)
                    .map_err(|e| Error::io(format!("open {}", top.display()), &e))?;
                sys::fs::mkdir_at(&t, name, CATALOG_DIR_MODE)
                    .map_err(|e| Error::io(format!("create {}", dir.display()), &e))?;
            }
        }
    }
    open_rooted(dir)
}

/// Opens the catalog in the existing directory `dir` and migrates what rvss
/// 0.2 left there.
pub fn open_rooted(dir: &Path) -> Result<Catalog> {
    let catalog = Catalog::open_rooted(dir, Path::new(KEY_ROOT))?;
    migrate_legacy(&catalog)?;
    Ok(catalog)
}

/// Names of rvss 0.2 entry files (`<id>.json`) in the catalog directory.
fn legacy_names(catalog: &Catalog) -> Result<Vec<OsString>> {
    let mut names = vec![];
    let mut buf = sys::dir::EntryBuffer::with_size(8 * 1024);
    // A handle of its own: a directory's read position is per handle.
    let listing = sys::fs::open_dir_at(catalog.dir(), ".")
        .map_err(|e| Error::io(format!("open {}", catalog.dir_path().display()), &e))?;
    sys::dir::read_entries(&listing, &mut buf, |d| {
        let n = d.name.to_bytes();
        let ours = catalog::FILE_NAMES
            .iter()
            .chain([&catalog::MIGRATED_NAME])
            .any(|f| f.as_bytes() == n);
        if !n.starts_with(b".") && n.ends_with(b".json") && !ours {
            names.push(OsStr::from_bytes(n).to_os_string());
        }
    })
    .map_err(|e| Error::io(format!("read {}", catalog.dir_path().display()), &e))?;
    names.sort();
    Ok(names)
}

/// Whether `name` in `a` and in `b` are one file (links to one inode).
fn same_file(a: &File, b: &File, name: &OsStr) -> bool {
    let st = |d: &File| rustix::fs::statat(d, name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW);
    match (st(a), st(b)) {
        (Ok(x), Ok(y)) => (x.st_dev, x.st_ino) == (y.st_dev, y.st_ino),
        _ => false,
    }
}

/// Moves rvss 0.2's CephFS entry files (`<catalog dir>/<id>.json`) into
/// the catalog, under the exclusive lock; each old file is kept as
/// `<id>.json.migrated`. One that does not parse (or names no snapshot
/// rvss makes) is moved into `catalog.d` unchanged, where it is a corrupt
/// entry like any other: `rvss list` names it, prune and gc refuse, `rvss
/// repair` sets it aside. Idempotent: an entry already migrated (a crash
/// between writing it and renaming the old file) is not written again.
/// Returns how many files were migrated.
pub fn migrate_legacy(catalog: &Catalog) -> Result<usize> {
    if legacy_names(catalog)?.is_empty() {
        return Ok(0);
    }
    let _lock = catalog.lock()?;
    let names = legacy_names(catalog)?;
    let dir = catalog.dir();
    let shown = |n: &OsStr| catalog.dir_path().join(n);
    for n in &names {
        let Some(bytes) = sys::fs::read_regular_at(dir, n)
            .map_err(|e| Error::io(format!("read {}", shown(n).display()), &e))?
        else {
            continue; // migrated meanwhile
        };
        let upgraded = serde_json::from_slice::<LegacyEntry>(&bytes)
            .map_err(|e| e.to_string())
            .and_then(|old| {
                if format!("{}.json", old.id).as_bytes() != n.as_bytes() {
                    return Err(format!("it records id {}, not its name", old.id));
                }
                old.upgrade()
            });
        match upgraded {
            Ok(e) => {
                if catalog.get(Path::new(&e.path))?.is_none() {
                    catalog.write(&e, Durability::Now)?;
                }
                let mut aside = n.clone();
                aside.push(MIGRATED_SUFFIX);
                sys::fs::rename_at(dir, n, &aside)
                    .map_err(|e| Error::io(format!("retire {}", shown(n).display()), &e))?;
            }
            Err(why) => {
                log::warn!(
                    "{} does not parse as an rvss 0.2 CephFS catalog entry ({why}): moved into \
                     {} as a corrupt entry for `rvss repair`",
                    shown(n).display(),
                    catalog::DIR_NAME
                );
                // Linked, then unlinked here: never replaces (ceph-fuse has
                // no RENAME_NOREPLACE); a crash between leaves both, and the
                // next migration finds the link taken (EEXIST) and unlinks.
                let moved = match rustix::fs::linkat(
                    dir,
                    n.as_os_str(),
                    catalog.entries_dir(),
                    n.as_os_str(),
                    rustix::fs::AtFlags::empty(),
                ) {
                    Ok(()) => {
                        rustix::fs::unlinkat(dir, n.as_os_str(), rustix::fs::AtFlags::empty())
                    }
                    Err(rustix::io::Errno::EXIST) if same_file(dir, catalog.entries_dir(), n) => {
                        rustix::fs::unlinkat(dir, n.as_os_str(), rustix::fs::AtFlags::empty())
                    }
                    Err(e) => Err(e),
                };
                moved.map_err(|e| {
                    Error::io(
                        format!("move {} into {}", shown(n).display(), catalog::DIR_NAME),
                        &std::io::Error::from(e),
                    )
                })?;
            }
        }
    }
    dir.sync_all()
        .and_then(|()| catalog.entries_dir().sync_all())
        .map_err(|e| Error::io(format!("migrate {}", catalog.dir_path().display()), &e))?;
    log::info!(
        "migrated {} rvss 0.2 CephFS catalog file(s) in {} to {}",
        names.len(),
        catalog.dir_path().display(),
        catalog::DIR_NAME
    );
    Ok(names.len())
}

/// The snapshot names in a `.snap` directory that belong to the directory
/// itself (`_<name>_<inode>` are an ancestor's).
fn own_snapshots(share: &Path) -> Result<Vec<String>> {
    let snap = share.join(SNAP_DIR);
    Ok(std::fs::read_dir(&snap)
        .map_err(|e| Error::io(format!("list {}", snap.display()), &e))?
        .flatten()
        .filter_map(|d| d.file_name().into_string().ok())
        .filter(|n| !n.starts_with('_'))
        .collect())
}

/// How many snapshots the share's directory has, against the limit.
pub fn snapshot_count(share: &Path) -> Result<usize> {
    own_snapshots(share).map(|v| v.len())
}

fn limit_error(share: &Path, count: usize, limit: u32) -> Error {
    Error::new(
        ntstatus::INSUFFICIENT_RESOURCES,
        format!(
            "CephFS snapshot limit reached for {}: {count} snapshots, the MDS allows \
             {limit} per directory (mds_max_snaps_per_dir; rvss:cephfs snap limit): \
             delete old snapshots (rvss prune, rvss gc) or raise the limit",
            share.display()
        ),
    )
}

/// Where the share lives suits the CephFS backend (CephFS, `.snap`
/// reachable, catalog outside the share): its canonical path.
fn check_location(share: &HookTarget, mounts: &[Mount]) -> Result<PathBuf> {
    let (path, _, _) = resolve(share, mounts)?;
    let dir = open_share(&path)?;
    sys::fs::open_dir_at(&dir, SNAP_DIR).map_err(|e| {
        Error::not_supported(format!(
            "{}/{SNAP_DIR} is not reachable ({e}): CephFS snapshots are disabled?",
            path.display()
        ))
    })?;
    Ok(path)
}

/// Why the share's location does not suit the CephFS backend (None when
/// it does), for `rvss check`; the tree is checked separately.
pub fn location_problem(share: &HookTarget) -> Result<Option<String>> {
    match check_location(share, &current_mounts()?) {
        Ok(_) => Ok(None),
        Err(e) if e.status == ntstatus::NOT_SUPPORTED => Ok(Some(e.message)),
        Err(e) => Err(e),
    }
}

/// snap_check_path on CephFS: the share's canonical path.
pub fn check_path(share: &HookTarget) -> Result<String> {
    let mounts = current_mounts()?;
    let path = check_location(share, &mounts)?;
    crate::structure::require_supported(&path, &share.config.structure, &mounts, share.name)?;
    Ok(text(&path))
}

/// snap_create on CephFS: `mkdir <share>/.snap/<@GMT of now>`, its name
/// reserved in the catalog (durably) before it exists.
pub fn create(
    share: &HookTarget,
    base_volume: &str,
    _tstamp: i64,
    writable: bool,
) -> Result<Created> {
    if writable {
        return Err(Error::not_supported(format!(
            "{base_volume}: CephFS snapshots are read-only; a shadow copy context with \
             auto-recovery (writable shadow copies) is not supported on CephFS"
        )));
    }
    let base = Path::new(base_volume);
    let mounts = current_mounts()?;
    let target = HookTarget {
        name: share.name,
        path: base,
        config: share.config,
    };
    let (path, catalog_path, creatable) = resolve(&target, &mounts)?;
    let dir = open_share(&path)?;
    // The rules of AddToShadowCopySet, again, right before the snapshot.
    crate::structure::require_supported(&path, &share.config.structure, &mounts, share.name)
        .map_err(|e| Error::new(e.status, format!("at commit: {}", e.message)))?;
    let snapdir = sys::fs::open_dir_at(&dir, SNAP_DIR)
        .map_err(|e| Error::io(format!("open {}/{SNAP_DIR}", path.display()), &e))?;
    let count = snapshot_count(&path)?;
    let limit = share.config.cephfs_snap_limit.0;
    if count >= limit as usize {
        return Err(limit_error(&path, count, limit));
    }
    let catalog = open_catalog(&catalog_path, creatable)?;
    let fsid = sys_ceph::cluster_fsid(&dir).ok().flatten();
    for _ in 0..5 {
        let t = crate::shadow::now();
        let name =
            gmt::token(t).ok_or_else(|| Error::invalid(format!("timestamp {t} out of range")))?;
        let snap_path = text(&path.join(SNAP_DIR).join(&name));
        let mut entry = Entry {
            id: uuid::Uuid::new_v4().to_string(),
            share: share.name.to_string(),
            base_volume: text(&path),
            subvolume: text(&path),
            path: snap_path.clone(),
            snap_path,
            gmt: name.clone(),
            created: t,
            readonly: true,
            state: State::Creating,
            source_uuid: fsid.clone(),
            creator: Creator::current(),
            ..Default::default()
        };
        // Reserved (durably) under the shared lock, which is not held while
        // the snapshot is made: what rvss makes is always something its
        // catalog knows, and another share of the set or another node
        // taking this name in this second gets the next one.
        let reserved = {
            let _lock = catalog.lock_shared()?;
            catalog.reserve(&entry)?
        };
        if !reserved {
            sleep_to_next_second();
            continue;
        }
        if let Err(e) = sys_ceph::make_snapshot(&snapdir, &name, 0o755) {
            let undo = catalog
                .lock_shared()
                .and_then(|_lock| catalog.remove(&entry, Durability::Now));
            match e.raw_os_error() {
                // A snapshot of that name that no entry held (not rvss's):
                // the next second.
                Some(libc::EEXIST) => {
                    undo?;
                    sleep_to_next_second();
                    continue;
                }
                Some(libc::EMLINK) => {
                    undo?;
                    let n = snapshot_count(&path).unwrap_or(count);
                    return Err(limit_error(&path, n, n as u32));
                }
                _ => {
                    let err = Error::io(format!("mkdir {}", entry.snap_path), &e);
                    return match undo {
                        Ok(()) => Err(err),
                        Err(u) => Err(Error::new(err.status, format!("{err}; {u}"))),
                    };
                }
            }
        }
        match sys::fs::open_dir_at(&snapdir, name.as_str())
            .and_then(|root| sys_ceph::snapshot_btime(&root))
        {
            Ok(b) => entry.uuid = b,
            Err(e) => log::warn!("{}: reading ceph.snap.btime of {name}: {e}", share.name),
        }
        entry.state = State::Exposed;
        entry.creator = None;
        {
            let _lock = catalog.lock_shared()?;
            catalog.write(&entry, Durability::Now)?;
        }
        if share.config.retention.enabled() {
            if let Err(e) = prune(&catalog, share.name, &share.config.retention, false) {
                log::warn!("{}: pruning old backups failed: {e}", share.name);
            }
        }
        return Ok(Created {
            tstamp: t,
            base_path: base_volume.to_string(),
            snap_path: entry.snap_path,
        });
    }
    Err(Error::new(
        ntstatus::OBJECT_NAME_COLLISION,
        format!("no free snapshot name for {} in 5 seconds", path.display()),
    ))
}

fn sleep_to_next_second() {
    let into = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_millis())
        .unwrap_or(0);
    std::thread::sleep(std::time::Duration::from_millis(
        u64::from(1000u32.saturating_sub(into)) + 5,
    ));
}

/// `<share>/.snap/<@GMT name>` split into the share path and the name, or
/// why it is not a path rvss makes.
fn split_snap_path(snap_path: &str) -> Result<(PathBuf, String)> {
    let p = Path::new(snap_path);
    let bad = || {
        Error::new(
            ntstatus::ACCESS_DENIED,
            format!("refusing to delete {snap_path:?}: not <share>/.snap/<@GMT name>"),
        )
    };
    if !crate::layout::is_plain_absolute(p) {
        return Err(bad());
    }
    let name = p.file_name().and_then(OsStr::to_str).ok_or_else(bad)?;
    let parent = p.parent().ok_or_else(bad)?;
    if parent.file_name() != Some(OsStr::new(SNAP_DIR)) || gmt::parse(name).is_none() {
        return Err(bad());
    }
    let share = parent.parent().ok_or_else(bad)?;
    Ok((share.to_path_buf(), name.to_string()))
}

/// The `.snap` directory holding the snapshot `e` records, the snapshot's
/// root and name, if it is still the one rvss made (its
/// `ceph.snap.btime`); None when it is gone. One chain of handles from the
/// share down: what is checked is what is then used.
fn find_snapshot(e: &Entry) -> Result<Option<(File, File, String)>> {
    let (share, name) = split_snap_path(&e.snap_path)?;
    let dir = open_share(&share)?;
    let snapdir = sys::fs::open_dir_at(&dir, SNAP_DIR)
        .map_err(|err| Error::io(format!("open {}/{SNAP_DIR}", share.display()), &err))?;
    let root = match sys::fs::open_dir_at(&snapdir, name.as_str()) {
        Ok(r) => r,
        Err(err) if err.raw_os_error() == Some(libc::ENOENT) => return Ok(None),
        Err(err) => return Err(Error::io(format!("open {}", e.snap_path), &err)),
    };
    if let Some(want) = &e.uuid {
        let have = sys_ceph::snapshot_btime(&root)
            .map_err(|err| Error::io(format!("ceph.snap.btime of {}", e.snap_path), &err))?;
        if have.as_deref() != Some(want.as_str()) {
            return Err(Error::new(
                ntstatus::ACCESS_DENIED,
                format!(
                    "{} is not the snapshot rvss made (created {}, rvss recorded {want})",
                    e.snap_path,
                    have.unwrap_or_else(|| "?".into())
                ),
            ));
        }
    }
    Ok(Some((snapdir, root, name)))
}

/// The root of the snapshot `e` records, if it is still the one rvss made
/// (its `ceph.snap.btime`); None when it is gone.
pub fn open_snapshot(e: &Entry) -> Result<Option<File>> {
    Ok(find_snapshot(e)?.map(|(_, root, _)| root))
}

/// Removes the snapshot of `e` if it is still the one rvss made.
fn destroy(e: &Entry) -> Result<()> {
    let Some((snapdir, root, name)) = find_snapshot(e)
        .map_err(|err| Error::new(err.status, format!("refusing to delete: {err}")))?
    else {
        return Ok(());
    };
    drop(root);
    sys_ceph::remove_snapshot(&snapdir, &name)
        .map_err(|err| Error::io(format!("rmdir {}", e.snap_path), &err))
}

/// snap_delete on CephFS.
pub fn delete(share: &HookTarget, base_path: &str, snap_path: &str) -> Result<Deleted> {
    let (snap_share, _) = split_snap_path(snap_path)?;
    if snap_share != Path::new(base_path) {
        return Err(Error::new(
            ntstatus::ACCESS_DENIED,
            format!("refusing to delete {snap_path}: not a snapshot of {base_path}"),
        ));
    }
    let mounts = current_mounts()?;
    let (catalog_path, creatable) = catalog_dir(share.config, Path::new(base_path), &mounts)?;
    let catalog = open_catalog(&catalog_path, creatable)?;
    let retains = share.config.retention.enabled();
    let done = {
        let _lock = catalog.lock()?;
        // A corrupt entry is an error here: nothing is deleted on its behalf.
        let Some(mut entry) = catalog.get(Path::new(snap_path))? else {
            return match std::fs::symlink_metadata(snap_path) {
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    log::info!("{}: snapshot {snap_path} is already gone", share.name);
                    Ok(Deleted::Destroyed)
                }
                _ => Err(Error::new(
                    ntstatus::OBJECT_NAME_NOT_FOUND,
                    format!("refusing to delete {snap_path}: rvss's catalog has no such snapshot"),
                )),
            };
        };
        if retains {
            entry.state = State::Retained;
            entry.unreferenced_since = None;
            catalog.write(&entry, Durability::Now)?;
            Deleted::Retained
        } else {
            destroy(&entry)?;
            catalog.remove(&entry, Durability::Now)?;
            Deleted::Destroyed
        }
    };
    if retains {
        if let Err(e) = prune(&catalog, share.name, &share.config.retention, false) {
            log::warn!("{}: pruning old backups failed: {e}", share.name);
        }
    }
    Ok(done)
}

/// The CephFS snapshots a catalog records, for gc and prune.
pub struct CephfsSnapshots;

impl crate::backend::Snapshots for CephfsSnapshots {
    fn exists(&self, e: &Entry) -> bool {
        Path::new(&e.snap_path).symlink_metadata().is_ok()
    }

    /// Never: an entry stays `Creating` until its snapshot exists (`create`),
    /// and gc judges those by their creator.
    fn being_taken(&self, _e: &Entry) -> bool {
        false
    }

    /// The snapshot stays where it is; only its entry changes.
    fn keep_as_backup(&self, catalog: &Catalog, e: &mut Entry) -> Result<()> {
        e.state = State::Retained;
        e.unreferenced_since = None;
        e.creator = None;
        catalog.write(e, Durability::Now)
    }

    fn destroy(&self, e: &Entry) -> Result<()> {
        destroy(e)
    }

    fn shown_path<'e>(&self, e: &'e Entry) -> &'e str {
        &e.snap_path
    }
}

/// `retention::prune` for a CephFS catalog.
fn prune(
    catalog: &Catalog,
    share: &str,
    policy: &retention::Policy,
    dry_run: bool,
) -> Result<Vec<Entry>> {
    retention::prune(catalog, &CephfsSnapshots, share, policy, dry_run)
}

/// `rvss prune` for one CephFS share: its retained backups beyond its
/// policy, deleted unless `dry_run`.
pub fn prune_share(share: &ShareRef, dry_run: bool) -> Result<Vec<Entry>> {
    if !share.config.retention.enabled() {
        return Ok(vec![]);
    }
    let mut out = vec![];
    for catalog in catalogs(std::slice::from_ref(share))? {
        out.extend(prune(
            &catalog,
            share.name,
            &share.config.retention,
            dry_run,
        )?);
    }
    Ok(out)
}

/// A CephFS share as the CLI sees it.
pub struct ShareRef<'a> {
    pub name: &'a str,
    pub path: &'a Path,
    pub config: &'a Config,
}

/// The catalogs of the given CephFS shares that exist (opened, which
/// migrates what rvss 0.2 left in them).
pub fn catalogs(shares: &[ShareRef]) -> Result<Vec<Catalog>> {
    let mounts = current_mounts()?;
    let mut dirs = BTreeSet::new();
    for s in shares {
        let path = std::fs::canonicalize(s.path).unwrap_or_else(|_| s.path.to_path_buf());
        if let Ok((d, _)) = catalog_dir(s.config, &path, &mounts) {
            dirs.insert(d);
        }
    }
    let mut out = vec![];
    for d in dirs {
        match sys::fs::open_dir(&d) {
            Ok(_) => out.push(open_rooted(&d)?),
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {}
            Err(e) => {
                return Err(Error::io(
                    format!("catalog directory {} is unusable", d.display()),
                    &e,
                ))
            }
        }
    }
    Ok(out)
}

/// An entry rebuilt for `rvss repair` from the snapshot at `path` (a
/// `<share>/.snap/<@GMT name>` on CephFS) when its own entry is corrupt:
/// identity from `ceph.snap.btime`, time from its name, share unknown,
/// kept as a retained backup (nothing prunes or collects it). None when no
/// CephFS snapshot is there.
pub fn rebuild_entry(path: &Path) -> Option<Entry> {
    let p = path.to_str()?;
    let (share, name) = split_snap_path(p).ok()?;
    let dir = open_share(&share).ok()?;
    let root =
        sys::fs::open_dir_at(&sys::fs::open_dir_at(&dir, SNAP_DIR).ok()?, name.as_str()).ok()?;
    let btime = sys_ceph::snapshot_btime(&root).ok()?;
    Some(Entry {
        id: uuid::Uuid::new_v4().to_string(),
        share: String::new(),
        base_volume: text(&share),
        subvolume: text(&share),
        path: p.to_string(),
        snap_path: p.to_string(),
        gmt: name.clone(),
        created: gmt::parse(&name).unwrap_or(0),
        readonly: true,
        state: State::Retained,
        uuid: btime,
        source_uuid: sys_ceph::cluster_fsid(&dir).ok().flatten(),
        ..Default::default()
    })
}

/// `rvss repair` for the catalogs of the given CephFS shares.
pub fn repair(shares: &[ShareRef]) -> Result<Vec<(PathBuf, catalog::Repaired)>> {
    let mut out = vec![];
    for c in catalogs(shares)? {
        let done = catalog::repair_catalog(&c, rebuild_entry)?;
        out.push((c.dir_path().to_path_buf(), done));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!(
            "rvss-cephfs-{tag}-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn legacy(id: &str, snap: &str, state: &str) -> LegacyEntry {
        LegacyEntry {
            id: id.into(),
            share: "vm".into(),
            base_volume: "/c/vm".into(),
            snap_path: format!("/c/vm/.snap/{snap}"),
            gmt: snap.into(),
            created: 1_795_649_852,
            state: state.into(),
            btime: Some("1795649852.965501568".into()),
            fsid: Some("f5a1".into()),
            node: "node0".into(),
            unreferenced_since: None,
        }
    }

    #[test]
    fn legacy_catalog_is_migrated_once_and_corrupt_files_stay_visible() {
        let dir = temp_dir("migrate");
        let a = legacy("0f0e", "@GMT-2026.11.25-10.00.00", "exposed");
        let b = legacy("1a2b", "@GMT-2026.11.25-11.00.00", "retained");
        for e in [&a, &b] {
            std::fs::write(
                dir.join(format!("{}.json", e.id)),
                serde_json::to_vec_pretty(e).unwrap(),
            )
            .unwrap();
        }
        // Junk, and an entry filed under another id: corrupt, not dropped.
        std::fs::write(dir.join("bad.json"), b"{").unwrap();
        std::fs::write(dir.join("other.json"), serde_json::to_vec(&a).unwrap()).unwrap();
        // A crash after writing a's entry, before retiring its old file:
        // the next open finishes without writing it twice.
        let c = Catalog::open_rooted(&dir, Path::new(KEY_ROOT)).unwrap();
        let mut done = a.clone().upgrade().unwrap();
        done.unreferenced_since = Some(5); // changed since by gc
        c.write(&done, Durability::Now).unwrap();
        drop(c);

        let c = open_rooted(&dir).unwrap();
        let scan = c.scan().unwrap();
        let mut got: Vec<(String, State, Option<String>)> = scan
            .entries
            .iter()
            .map(|e| (e.id.clone(), e.state, e.uuid.clone()))
            .collect();
        got.sort_by(|x, y| x.0.cmp(&y.0));
        assert_eq!(
            got,
            vec![
                ("0f0e".into(), State::Exposed, a.btime.clone()),
                ("1a2b".into(), State::Retained, b.btime.clone()),
            ]
        );
        let first = c.get(Path::new(&a.snap_path)).unwrap().unwrap();
        assert_eq!(first.unreferenced_since, Some(5), "written twice");
        assert_eq!(first.path, a.snap_path);
        assert_eq!(first.subvolume, "/c/vm");
        assert!(first.readonly);
        let mut corrupt: Vec<String> = scan
            .corrupt
            .iter()
            .map(|x| x.file.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        corrupt.sort();
        assert_eq!(corrupt, vec!["bad.json", "other.json"]);
        assert!(c.entries().is_err(), "prune and gc must refuse");
        for id in ["0f0e", "1a2b"] {
            assert!(dir.join(format!("{id}.json.migrated")).is_file());
            assert!(!dir.join(format!("{id}.json")).exists());
        }
        drop(c);
        // Idempotent: opening again changes nothing.
        let c = open_rooted(&dir).unwrap();
        let again = c.scan().unwrap();
        assert_eq!(again.entries, scan.entries);
        assert_eq!(again.corrupt.len(), 2);
        assert_eq!(migrate_legacy(&c).unwrap(), 0);
        // Repair sets the corrupt ones aside (no snapshot to rebuild from).
        let r = catalog::repair_catalog(&c, rebuild_entry).unwrap();
        assert_eq!(r.entries, 2);
        assert_eq!(r.set_aside.len(), 2, "{r:?}");
        assert!(c.entries().is_ok());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn entries_are_keyed_by_the_snapshot_path() {
        let dir = temp_dir("keys");
        let c = open_rooted(&dir).unwrap();
        let e = legacy("0f0e", "@GMT-2026.11.25-10.00.00", "exposed")
            .upgrade()
            .unwrap();
        assert!(c.reserve(&e).unwrap());
        assert!(!c.reserve(&e).unwrap(), "the name is taken");
        let name = catalog::entry_name(Path::new("c/vm/.snap/@GMT-2026.11.25-10.00.00"));
        assert!(dir.join(catalog::DIR_NAME).join(&name).is_file());
        assert_eq!(
            catalog::rel_of_entry_name(&name).map(|r| Path::new(KEY_ROOT).join(r)),
            Some(PathBuf::from(&e.path))
        );
        assert_eq!(c.get(Path::new(&e.snap_path)).unwrap(), Some(e.clone()));
        // A rooted catalog finds the entry of a snapshot anywhere.
        assert!(c.get(Path::new("relative/.snap/x")).is_err());
        c.remove(&e, Durability::WithNextCommit).unwrap();
        assert_eq!(c.get(Path::new(&e.snap_path)).unwrap(), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn snap_paths() {
        let (s, n) = split_snap_path("/c/vm/.snap/@GMT-2026.11.25-10.00.00").unwrap();
        assert_eq!(s, Path::new("/c/vm"));
        assert_eq!(n, "@GMT-2026.11.25-10.00.00");
        for bad in [
            "/c/vm/.snap/x",
            "/c/vm/@GMT-2026.11.25-10.00.00",
            "/c/vm/.snap/../@GMT-2026.11.25-10.00.00",
            "c/vm/.snap/@GMT-2026.11.25-10.00.00",
            "/c/vm/.snap/_@GMT-2026.11.25-10.00.00_1099511627776",
        ] {
            assert!(split_snap_path(bad).is_err(), "{bad}");
        }
    }
}
