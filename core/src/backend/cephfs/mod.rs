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
//! are migrated on first use (`legacy`).
//!
//! Trust: the catalog directory is checked at each use (`trust`: root's,
//! closed to others, as is every directory above it), and rvss serves a
//! share only while its users cannot make or remove snapshots (`guard`).
//! Then every snapshot in a `.snap` was made by root, and one rvss deletes
//! must be recorded in that catalog under its name, in its own share's
//! `.snap` (`base_volume`), with the recorded `ceph.snap.btime` (which
//! anyone can read, so it is not a proof on its own; a snapshot's inode
//! number is none either: ceph-fuse numbers snapshots per mount, in the
//! order it meets them). An entry without that identity is never acted on
//! until `rvss repair` gives it one from the snapshot.

mod admin;
mod doctor;
mod guard;
mod repair;
mod trust;

pub use crate::legacy::cephfs::LegacyEntry;
pub use admin::{catalogs, limit_warning, smbconf_lines, Cephfs};
pub use guard::HOW_TO_CLOSE;
pub use repair::{rebuild_entry, repair};
pub use trust::untrusted_entries;

use crate::catalog::{Catalog, Creator, Durability, Entry, State};
use crate::config::Config;
use crate::error::{Context, Error, Result};
use crate::mounts::{self, Mount};
use crate::policy::retention;
use crate::share::{Created, Deleted, Share};
use crate::sys::ceph::{self as sys_ceph, SNAP_DIR};
use crate::{gmt, ntstatus, sys};
use std::ffi::OsStr;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The folder below the catalog root holding the CephFS catalog.
const CATALOG_SUBDIR: &str = "cephfs";
/// Entries are named after their snapshot's path relative to this.
const KEY_ROOT: &str = "/";

fn current_mounts() -> Result<Vec<Mount>> {
    mounts::current().context("read /proc/self/mountinfo")
}

use crate::paths::text;

/// Migrates what rvss 0.2 left in `catalog` (`crate::legacy::cephfs`).
pub fn migrate_legacy(catalog: &Catalog) -> Result<usize> {
    crate::legacy::cephfs::migrate_legacy(catalog, snap_path_check)
}

/// `split_snap_path` as the 0.2 migration checks an entry's path.
fn snap_path_check(p: &str) -> std::result::Result<(), String> {
    split_snap_path(p).map(|_| ()).map_err(|e| e.message)
}

/// Opens the share's directory and checks it is on CephFS.
fn open_share(path: &Path) -> Result<File> {
    let dir =
        sys::fs::open_dir(path).with_context(|| format!("open share path {}", path.display()))?;
    match sys_ceph::is_cephfs(&dir) {
        Ok(true) => Ok(dir),
        Ok(false) => Err(Error::not_supported(format!(
            "{} is not on CephFS (no ceph.* virtual attributes)",
            path.display()
        ))),
        Err(e) => Err(e).with_context(|| format!("read CephFS attributes of {}", path.display())),
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
fn resolve(share: &Path, config: &Config, mounts: &[Mount]) -> Result<(PathBuf, PathBuf, bool)> {
    let path =
        std::fs::canonicalize(share).with_context(|| format!("share path {}", share.display()))?;
    let (catalog, creatable) = catalog_dir(config, &path, mounts)?;
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

/// Opens the catalog in `dir` if it is trustworthy (`trust`), creating
/// the directories rvss owns (`creatable`: its default `.rvss/cephfs`; else
/// only `cephfs` inside the admin's `rvss:snapshot dir`).
fn open_catalog(dir: &Path, creatable: bool) -> Result<Catalog> {
    trust::open(dir, if creatable { 2 } else { 1 })?.ok_or_else(|| {
        Error::not_supported(format!(
            "CephFS catalog directory {} is missing",
            dir.display()
        ))
    })
}

/// The catalog in `dir`, unchecked (unit tests in temporary directories).
#[cfg(test)]
fn open_rooted(dir: &Path) -> Result<Catalog> {
    let catalog = Catalog::open_rooted(dir, Path::new(KEY_ROOT))?;
    migrate_legacy(&catalog)?;
    Ok(catalog)
}

/// The snapshot names in a `.snap` directory that belong to the directory
/// itself (`_<name>_<inode>` are an ancestor's).
fn own_snapshots(share: &Path) -> Result<Vec<String>> {
    let snap = share.join(SNAP_DIR);
    Ok(std::fs::read_dir(&snap)
        .with_context(|| format!("list {}", snap.display()))?
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
/// reachable, a trustworthy catalog outside the share, `.snap` closed to
/// share users): its canonical path, open, and its catalog.
fn check_location(
    share: &Path,
    config: &Config,
    mounts: &[Mount],
) -> Result<(PathBuf, File, Catalog)> {
    let (path, catalog_path, creatable) = resolve(share, config, mounts)?;
    let dir = open_share(&path)?;
    sys::fs::open_dir_at(&dir, SNAP_DIR).map_err(|e| {
        Error::not_supported(format!(
            "{}/{SNAP_DIR} is not reachable ({e}): CephFS snapshots are disabled?",
            path.display()
        ))
    })?;
    let catalog = open_catalog(&catalog_path, creatable)?;
    guard::require_closed(&catalog, &dir, &path)?;
    Ok((path, dir, catalog))
}

/// Why the share's location does not suit the CephFS backend (None when
/// it does): `check_location`, run now.
fn location_problem(share: &Path, config: &Config) -> Result<Option<String>> {
    match check_location(share, config, &current_mounts()?) {
        Ok(_) => Ok(None),
        Err(e) if e.status == ntstatus::NOT_SUPPORTED => Ok(Some(e.message)),
        Err(e) => Err(e),
    }
}

/// snap_check_path on CephFS: the share's canonical path.
pub fn check_path(share: &Share) -> Result<String> {
    let mounts = current_mounts()?;
    let (path, _, _) = check_location(&share.path, &share.config, &mounts)?;
    crate::structure::require_supported(&path, &share.config.structure, &mounts, &share.name)?;
    Ok(text(&path))
}

/// snap_create on CephFS: `mkdir <share>/.snap/<@GMT of now>`, its name
/// reserved in the catalog (durably) before it exists.
pub fn create(share: &Share, base_volume: &str, _tstamp: i64, writable: bool) -> Result<Created> {
    if writable {
        return Err(Error::not_supported(format!(
            "{base_volume}: CephFS snapshots are read-only; a shadow copy context with \
             auto-recovery (writable shadow copies) is not supported on CephFS"
        )));
    }
    let base = Path::new(base_volume);
    let mounts = current_mounts()?;
    // Where, the catalog's trust and `.snap` closed to users: again, at
    // commit (a closed verdict is cached briefly, see `guard`).
    let (path, dir, catalog) = check_location(base, &share.config, &mounts)?;
    // The rules of AddToShadowCopySet, again, right before the snapshot.
    crate::structure::require_supported(&path, &share.config.structure, &mounts, &share.name)
        .context("at commit")?;
    let snapdir = sys::fs::open_dir_at(&dir, SNAP_DIR)
        .with_context(|| format!("open {}/{SNAP_DIR}", path.display()))?;
    let count = snapshot_count(&path)?;
    let limit = share.config.cephfs_snap_limit.0;
    if count >= limit as usize {
        return Err(limit_error(&path, count, limit));
    }
    let fsid = sys_ceph::cluster_fsid(&dir).ok().flatten();
    for _ in 0..5 {
        let t = gmt::now();
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
        if let Err(e) =
            sys_ceph::make_snapshot(&snapdir, &name, rustix::fs::Mode::from_raw_mode(0o755))
        {
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
                    let err = Error::with_cause(format!("mkdir {}", entry.snap_path), e);
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
            if let Err(e) = prune(&catalog, &share.name, &path, &share.config.retention, false) {
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
    if !crate::paths::is_plain_absolute(p) {
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
/// root and name, if it is still the one rvss made; None when it is gone.
/// One chain of handles from the share down: what is checked is what is
/// then used. Refused (ACCESS_DENIED) when `e` records no identity (only
/// `rvss repair` gives it one), names a snapshot outside its own share's
/// `.snap`, or the snapshot there has another `ceph.snap.btime`.
fn find_snapshot(e: &Entry) -> Result<Option<(File, File, String)>> {
    let (share, name) = split_snap_path(&e.snap_path)?;
    if share != Path::new(&e.base_volume) || e.path != e.snap_path {
        return Err(Error::new(
            ntstatus::ACCESS_DENIED,
            format!(
                "the catalog entry of {} says it is a snapshot of {}: an entry names a \
                 snapshot in its own share's {SNAP_DIR} only",
                e.snap_path, e.base_volume
            ),
        ));
    }
    let dir = open_share(&share)?;
    let snapdir = sys::fs::open_dir_at(&dir, SNAP_DIR)
        .with_context(|| format!("open {}/{SNAP_DIR}", share.display()))?;
    let root = match sys::fs::open_dir_at(&snapdir, name.as_str()) {
        Ok(r) => r,
        Err(err) if err.raw_os_error() == Some(libc::ENOENT) => return Ok(None),
        Err(err) => return Err(err).with_context(|| format!("open {}", e.snap_path)),
    };
    let Some(want) = &e.uuid else {
        return Err(Error::new(
            ntstatus::ACCESS_DENIED,
            format!(
                "the catalog entry of {} records no identity (ceph.snap.btime): rvss acts on \
                 it only after `rvss repair` records the snapshot's",
                e.snap_path
            ),
        ));
    };
    let have = sys_ceph::snapshot_btime(&root)
        .with_context(|| format!("ceph.snap.btime of {}", e.snap_path))?;
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
    Ok(Some((snapdir, root, name)))
}

/// The root of the snapshot `e` records, if it is still the one rvss made
/// (its `ceph.snap.btime`); None when it is gone.
pub fn open_snapshot(e: &Entry) -> Result<Option<File>> {
    Ok(find_snapshot(e)?.map(|(_, root, _)| root))
}

/// Removes the snapshot of `e` if it is still the one rvss made.
fn destroy(e: &Entry) -> Result<()> {
    let Some((snapdir, root, name)) = find_snapshot(e).context("refusing to delete")? else {
        return Ok(());
    };
    drop(root);
    sys_ceph::remove_snapshot(&snapdir, &name).with_context(|| format!("rmdir {}", e.snap_path))
}

/// snap_delete on CephFS.
pub fn delete(share: &Share, base_path: &str, snap_path: &str) -> Result<Deleted> {
    let (snap_share, _) = split_snap_path(snap_path)?;
    if snap_share != Path::new(base_path) {
        return Err(Error::new(
            ntstatus::ACCESS_DENIED,
            format!("refusing to delete {snap_path}: not a snapshot of {base_path}"),
        ));
    }
    let mounts = current_mounts()?;
    let (catalog_path, creatable) = catalog_dir(&share.config, Path::new(base_path), &mounts)?;
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
        if entry.being_restored() {
            // Neither destroyed nor retained under a running restore; once
            // FSRVP has forgotten it, gc collects it after the restore.
            return Err(crate::catalog::restoring::busy(&entry, "delete"));
        }
        // A snapshot that vanished (removed outside rvss): its shadow copy,
        // and the backup it was to become, are lost. Reported, not turned
        // into a success; the entry stays, so that `rvss list` shows it
        // lost, until `rvss gc` drops it (or `rvss repair` sets it aside).
        if find_snapshot(&entry)
            .context("refusing to delete")?
            .is_none()
        {
            return Err(Error::new(
                ntstatus::OBJECT_NAME_NOT_FOUND,
                format!(
                    "snapshot {snap_path} vanished: something other than rvss removed it; the \
                     shadow copy{} is lost",
                    if retains {
                        " and the backup it was to become"
                    } else {
                        ""
                    }
                ),
            ));
        }
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
        let path = std::fs::canonicalize(base_path).unwrap_or_else(|_| PathBuf::from(base_path));
        if let Err(e) = prune(&catalog, &share.name, &path, &share.config.retention, false) {
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

    /// A snapshot that vanished is no backup: lost.
    fn lost(&self, e: &Entry) -> bool {
        e.state != State::Creating && !self.exists(e)
    }
}

/// The snapshots of one share, for its prune: one whose entry names another
/// share's directory is never destroyed, whatever the entry's share name.
struct OneShare<'a> {
    path: &'a Path,
}

impl crate::backend::Snapshots for OneShare<'_> {
    fn exists(&self, e: &Entry) -> bool {
        CephfsSnapshots.exists(e)
    }
    fn being_taken(&self, e: &Entry) -> bool {
        CephfsSnapshots.being_taken(e)
    }
    fn keep_as_backup(&self, catalog: &Catalog, e: &mut Entry) -> Result<()> {
        CephfsSnapshots.keep_as_backup(catalog, e)
    }
    fn destroy(&self, e: &Entry) -> Result<()> {
        if Path::new(&e.base_volume) != self.path {
            return Err(Error::new(
                ntstatus::ACCESS_DENIED,
                format!(
                    "refusing to prune {}: the share's directory is {}, the entry names {}",
                    e.snap_path,
                    self.path.display(),
                    e.base_volume
                ),
            ));
        }
        destroy(e)
    }
    fn shown_path<'e>(&self, e: &'e Entry) -> &'e str {
        &e.snap_path
    }
}

/// `retention::prune` for the share `share` at `path` (canonical) in a
/// CephFS catalog.
fn prune(
    catalog: &Catalog,
    share: &str,
    path: &Path,
    policy: &retention::Policy,
    dry_run: bool,
) -> Result<Vec<Entry>> {
    retention::prune(catalog, &OneShare { path }, share, policy, dry_run)
}

/// `retention::prune_each` for `rvss prune`: a backup that cannot go is
/// reported through `left_alone`, the others are pruned.
fn prune_each(
    catalog: &Catalog,
    share: &str,
    path: &Path,
    policy: &retention::Policy,
    dry_run: bool,
    left_alone: &mut dyn FnMut(Entry, crate::error::Error),
) -> Result<Vec<Entry>> {
    retention::prune_each(
        catalog,
        &OneShare { path },
        share,
        policy,
        dry_run,
        left_alone,
    )
}

#[cfg(test)]
mod tests;
