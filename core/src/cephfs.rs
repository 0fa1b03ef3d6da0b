//! The CephFS backend: a shadow copy of a share is a CephFS snapshot of the
//! share's directory, `mkdir <share>/.snap/<@GMT name>`, exposed at that
//! path and removed with `rmdir`. CephFS hides `.snap` from directory
//! listings, so clients of the share never see a snapshot; every write inside
//! a snapshot fails with EROFS, so a shadow copy is always read-only.
//!
//! What rvss made is recorded in a catalog shared by every node of a
//! cluster (it lies on CephFS): one JSON file per snapshot in
//! `<catalog dir>` = `rvss:snapshot dir`, or `<CephFS mount>/.rvss/cephfs`.
//! A snapshot is deleted only when an entry records it and its
//! `ceph.snap.btime` is still the one recorded when rvss made it.

use crate::config::Config;
use crate::error::{Error, Result};
use crate::mounts::{self, Mount};
use crate::shadow::{Created, Deleted, HookTarget};
use crate::sys::ceph::{self as sys_ceph, SNAP_DIR};
use crate::{gmt, ntstatus, retention, sys};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// The folder below the catalog root holding CephFS entries.
const CATALOG_SUBDIR: &str = "cephfs";
const ENTRY_SUFFIX: &str = ".json";
const CATALOG_DIR_MODE: u32 = 0o700;

/// One snapshot rvss made on CephFS.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub share: String,
    /// The share path (Samba's base_volume); the snapshot is of this directory.
    pub base_volume: String,
    /// `<base_volume>/.snap/<gmt>`, the exposed path.
    pub snap_path: String,
    pub gmt: String,
    pub created: i64,
    /// "exposed" (made for FSRVP) or "retained" (kept as a backup).
    pub state: String,
    /// `ceph.snap.btime` of the snapshot: its identity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub btime: Option<String>,
    /// `ceph.cluster_fsid` of the filesystem.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fsid: Option<String>,
    /// The host that made it (a cluster node), for the admin.
    #[serde(default)]
    pub node: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreferenced_since: Option<i64>,
}

pub const EXPOSED: &str = "exposed";
pub const RETAINED: &str = "retained";

fn current_mounts() -> Result<Vec<Mount>> {
    mounts::current().map_err(|e| Error::io("read /proc/self/mountinfo", &e))
}

fn text(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

fn hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
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

/// Where the catalog of a share lives: `rvss:snapshot dir`, or `.rvss/cephfs`
/// at the top of the CephFS mount holding the share (then rvss may create
/// it).
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

/// Opens (creating when rvss owns it) the catalog directory.
fn open_catalog(dir: &Path, creatable: bool) -> Result<File> {
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
    sys::fs::open_dir(dir).map_err(|e| {
        Error::io(
            format!("catalog directory {} is unusable", dir.display()),
            &e,
        )
    })
}

/// Writes an entry durably (temporary file, fsync, rename).
fn save_entry(catalog: &File, e: &Entry) -> Result<()> {
    let name = format!("{}{ENTRY_SUFFIX}", e.id);
    let tmp = format!(".{}.tmp", e.id);
    let bytes = serde_json::to_vec_pretty(e)
        .map_err(|err| Error::invalid(format!("serialize catalog entry: {err}")))?;
    let mut f = sys::fs::open_file_at(
        catalog,
        OsStr::new(&tmp),
        libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC,
        0o600,
    )
    .map_err(|err| Error::io(format!("write catalog entry {tmp}"), &err))?;
    f.write_all(&bytes)
        .and_then(|()| f.sync_all())
        .map_err(|err| Error::io(format!("write catalog entry {tmp}"), &err))?;
    sys::fs::rename_at(catalog, OsStr::new(&tmp), OsStr::new(&name))
        .map_err(|err| Error::io(format!("commit catalog entry {name}"), &err))
}

fn remove_entry(catalog: &File, e: &Entry) -> Result<()> {
    let name = format!("{}{ENTRY_SUFFIX}", e.id);
    match sys::fs::unlink_at(catalog, OsStr::new(&name)) {
        Ok(()) => Ok(()),
        Err(err) if err.raw_os_error() == Some(libc::ENOENT) => Ok(()),
        Err(err) => Err(Error::io(format!("remove catalog entry {name}"), &err)),
    }
}

/// Every entry of a catalog directory (unreadable files are skipped with a
/// warning: one bad file must not hide the others).
fn read_entries(catalog: &File, dir: &Path) -> Result<Vec<Entry>> {
    let names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(format!("list {}", dir.display()), &e))?
        .flatten()
        .filter_map(|d| d.file_name().into_string().ok())
        .filter(|n| n.ends_with(ENTRY_SUFFIX) && !n.starts_with('.'))
        .collect();
    let mut out = vec![];
    for n in names {
        let read = sys::fs::open_regular_at(catalog, OsStr::new(&n), libc::O_RDONLY, 0).and_then(
            |mut f| {
                let mut v = vec![];
                f.read_to_end(&mut v).map(|_| v)
            },
        );
        match read {
            Ok(bytes) => match serde_json::from_slice::<Entry>(&bytes) {
                Ok(e) if format!("{}{ENTRY_SUFFIX}", e.id) == n => out.push(e),
                Ok(_) => log::warn!("{}/{n}: id does not match the file name", dir.display()),
                Err(err) => log::warn!("{}/{n}: {err}", dir.display()),
            },
            Err(err) if err.raw_os_error() == Some(libc::ENOENT) => {}
            Err(err) => log::warn!("{}/{n}: {err}", dir.display()),
        }
    }
    out.sort_by(|a, b| (a.created, &a.gmt, &a.id).cmp(&(b.created, &b.gmt, &b.id)));
    Ok(out)
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

/// snap_create on CephFS: `mkdir <share>/.snap/<@GMT of now>`, recorded in
/// the catalog before it exists.
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
        let mut entry = Entry {
            id: uuid::Uuid::new_v4().to_string(),
            share: share.name.to_string(),
            base_volume: text(&path),
            snap_path: text(&path.join(SNAP_DIR).join(&name)),
            gmt: name.clone(),
            created: t,
            state: EXPOSED.into(),
            btime: None,
            fsid: fsid.clone(),
            node: hostname(),
            unreferenced_since: None,
        };
        // Durable before the snapshot exists: what rvss makes is always
        // something its catalog knows.
        save_entry(&catalog, &entry)?;
        match sys_ceph::make_snapshot(&snapdir, &name, 0o755) {
            Ok(()) => {}
            Err(e) => {
                let undo = remove_entry(&catalog, &entry);
                match e.raw_os_error() {
                    // Another shadow copy of this directory in this second
                    // (another share of the set, another node): the next one.
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
        }
        match sys::fs::open_dir_at(&snapdir, name.as_str())
            .and_then(|root| sys_ceph::snapshot_btime(&root))
        {
            Ok(b) => {
                entry.btime = b;
                if let Err(e) = save_entry(&catalog, &entry) {
                    log::warn!("{}: recording the identity of {name}: {e}", share.name);
                }
            }
            Err(e) => log::warn!("{}: reading ceph.snap.btime of {name}: {e}", share.name),
        }
        if share.config.retention.enabled() {
            if let Err(e) = prune(
                &catalog,
                &catalog_path,
                share.name,
                &share.config.retention,
                false,
            ) {
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

/// Removes the snapshot of `e` if it is still the one rvss made.
fn destroy(e: &Entry) -> Result<()> {
    let (share, name) = split_snap_path(&e.snap_path)?;
    let dir = open_share(&share)?;
    let snapdir = sys::fs::open_dir_at(&dir, SNAP_DIR)
        .map_err(|err| Error::io(format!("open {}/{SNAP_DIR}", share.display()), &err))?;
    let root = match sys::fs::open_dir_at(&snapdir, name.as_str()) {
        Ok(r) => r,
        Err(err) if err.raw_os_error() == Some(libc::ENOENT) => return Ok(()),
        Err(err) => return Err(Error::io(format!("open {}", e.snap_path), &err)),
    };
    if let Some(want) = &e.btime {
        let have = sys_ceph::snapshot_btime(&root)
            .map_err(|err| Error::io(format!("ceph.snap.btime of {}", e.snap_path), &err))?;
        if have.as_deref() != Some(want.as_str()) {
            return Err(Error::new(
                ntstatus::ACCESS_DENIED,
                format!(
                    "refusing to delete {}: it is not the snapshot rvss made (created {}, \
                     rvss recorded {want})",
                    e.snap_path,
                    have.unwrap_or_else(|| "?".into())
                ),
            ));
        }
    }
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
    let entries = read_entries(&catalog, &catalog_path)?;
    let Some(mut entry) = entries.into_iter().find(|e| e.snap_path == snap_path) else {
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
    if share.config.retention.enabled() {
        entry.state = RETAINED.into();
        entry.unreferenced_since = None;
        save_entry(&catalog, &entry)?;
        if let Err(e) = prune(
            &catalog,
            &catalog_path,
            share.name,
            &share.config.retention,
            false,
        ) {
            log::warn!("{}: pruning old backups failed: {e}", share.name);
        }
        return Ok(Deleted::Retained);
    }
    destroy(&entry)?;
    remove_entry(&catalog, &entry)?;
    Ok(Deleted::Destroyed)
}

/// Deletes `share`'s retained backups beyond its policy, oldest first.
fn prune(
    catalog: &File,
    catalog_path: &Path,
    share: &str,
    policy: &retention::Policy,
    dry_run: bool,
) -> Result<Vec<Entry>> {
    if !policy.enabled() {
        return Ok(vec![]);
    }
    let entries = read_entries(catalog, catalog_path)?;
    let as_catalog: Vec<crate::catalog::Entry> = entries
        .iter()
        .map(|e| crate::catalog::Entry {
            id: e.id.clone(),
            share: e.share.clone(),
            gmt: e.gmt.clone(),
            created: e.created,
            state: if e.state == RETAINED {
                crate::catalog::State::Retained
            } else {
                crate::catalog::State::Exposed
            },
            ..Default::default()
        })
        .collect();
    let pruned: Vec<Entry> = retention::to_prune(&as_catalog, share, policy, crate::shadow::now())
        .into_iter()
        .filter_map(|i| entries.get(i).cloned())
        .collect();
    if !dry_run {
        for e in &pruned {
            destroy(e)?;
            remove_entry(catalog, e)?;
            log::info!("{share}: pruned backup {} ({})", e.gmt, e.snap_path);
        }
    }
    Ok(pruned)
}

/// `rvss prune` for one CephFS share: its retained backups beyond its
/// policy, deleted unless `dry_run`.
pub fn prune_share(share: &ShareRef, dry_run: bool) -> Result<Vec<Entry>> {
    if !share.config.retention.enabled() {
        return Ok(vec![]);
    }
    let mounts = current_mounts()?;
    let path = std::fs::canonicalize(share.path).unwrap_or_else(|_| share.path.to_path_buf());
    let (dir, _) = catalog_dir(share.config, &path, &mounts)?;
    let Ok(cat) = sys::fs::open_dir(&dir) else {
        return Ok(vec![]);
    };
    prune(&cat, &dir, share.name, &share.config.retention, dry_run)
}

/// A CephFS share as the CLI sees it.
pub struct ShareRef<'a> {
    pub name: &'a str,
    pub path: &'a Path,
    pub config: &'a Config,
}

/// Every entry in the catalogs of the given CephFS shares.
pub fn list(shares: &[ShareRef]) -> Result<Vec<Entry>> {
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
        let Ok(cat) = sys::fs::open_dir(&d) else {
            continue;
        };
        out.extend(read_entries(&cat, &d)?);
    }
    Ok(out)
}

/// What `rvss gc` did with one CephFS snapshot.
#[derive(Debug, Clone, Serialize)]
pub struct Collected {
    pub id: String,
    pub share: String,
    pub path: String,
    pub gmt: String,
    /// "orphan" (snapshot removed), "stale" (only the entry: the snapshot
    /// was gone), "retained" (kept as a backup), or "failed".
    pub kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// gc on CephFS: entries no share definition refers to (`share_paths`, the
/// registry's exposed shares included, which every node of a cluster
/// shares) are marked; once unreferenced for `grace` seconds their
/// snapshot is removed (or kept as a backup where the share retains).
pub fn gc(
    shares: &[ShareRef],
    share_paths: &BTreeSet<String>,
    grace: i64,
    dry_run: bool,
) -> Result<Vec<Collected>> {
    let mounts = current_mounts()?;
    let mut dirs: BTreeSet<(PathBuf, bool)> = BTreeSet::new();
    for s in shares {
        let path = std::fs::canonicalize(s.path).unwrap_or_else(|_| s.path.to_path_buf());
        if let Ok(d) = catalog_dir(s.config, &path, &mounts) {
            dirs.insert(d);
        }
    }
    let retains = |name: &str| {
        shares
            .iter()
            .any(|s| s.name.eq_ignore_ascii_case(name) && s.config.retention.enabled())
    };
    let now = crate::shadow::now();
    let mut out = vec![];
    for (d, _) in dirs {
        let Ok(cat) = sys::fs::open_dir(&d) else {
            continue;
        };
        for mut e in read_entries(&cat, &d)? {
            if e.state == RETAINED {
                continue;
            }
            let referenced = share_paths
                .iter()
                .any(|p| Path::new(p).starts_with(&e.snap_path));
            match (referenced, e.unreferenced_since) {
                (true, Some(_)) => {
                    e.unreferenced_since = None;
                    if !dry_run {
                        save_entry(&cat, &e)?;
                    }
                    continue;
                }
                (true, None) => continue,
                (false, None) => {
                    e.unreferenced_since = Some(now);
                    if !dry_run {
                        save_entry(&cat, &e)?;
                    }
                }
                (false, Some(_)) => {}
            }
            if now.saturating_sub(e.unreferenced_since.unwrap_or(now)) < grace {
                continue;
            }
            let exists = Path::new(&e.snap_path).symlink_metadata().is_ok();
            let kind = match (exists, retains(&e.share)) {
                (false, _) => "stale",
                (true, true) => "retained",
                (true, false) => "orphan",
            };
            let mut error = None;
            if !dry_run {
                let done = match kind {
                    "retained" => {
                        e.state = RETAINED.into();
                        e.unreferenced_since = None;
                        save_entry(&cat, &e)
                    }
                    _ => destroy(&e).and_then(|()| remove_entry(&cat, &e)),
                };
                if let Err(err) = done {
                    error = Some(err.to_string());
                }
            }
            out.push(Collected {
                id: e.id.clone(),
                share: e.share.clone(),
                path: e.snap_path.clone(),
                gmt: e.gmt.clone(),
                kind: if error.is_some() { "failed" } else { kind },
                error,
            });
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_entries_round_trip() {
        let dir = std::env::temp_dir().join(format!("rvss-cephfs-cat-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let cat = sys::fs::open_dir(&dir).unwrap();
        let e = Entry {
            id: "0f0e".into(),
            share: "vm".into(),
            base_volume: "/c/vm".into(),
            snap_path: "/c/vm/.snap/@GMT-2026.11.25-10.00.00".into(),
            gmt: "@GMT-2026.11.25-10.00.00".into(),
            created: 1,
            state: EXPOSED.into(),
            btime: Some("1795649852.965501568".into()),
            ..Default::default()
        };
        save_entry(&cat, &e).unwrap();
        // a file whose id does not match its name, and junk, are skipped
        std::fs::write(dir.join("other.json"), serde_json::to_vec(&e).unwrap()).unwrap();
        std::fs::write(dir.join("bad.json"), b"{").unwrap();
        assert_eq!(read_entries(&cat, &dir).unwrap(), vec![e.clone()]);
        remove_entry(&cat, &e).unwrap();
        remove_entry(&cat, &e).unwrap();
        assert!(read_entries(&cat, &dir).unwrap().is_empty());
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
