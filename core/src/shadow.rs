//! The three FSRVP operations on btrfs: is a share supported, make a shadow
//! copy of it, delete a shadow copy. Safe Rust over `sys`; the FFI layer calls
//! these, and so do the CLI and the benchmarks.

use crate::backend::{self, Backend};
use crate::catalog::{Catalog, Entry, State};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::layout::{self, Layout};
use crate::mounts::{self, Mount};
use crate::snapshot::{self, Snapshot};
use crate::{gmt, ntstatus, retention, sys};
use std::ffi::OsStr;
use std::fs::File;
use std::path::{Path, PathBuf};

/// Mode of a subvolume's snapshot folder: listable, so that Previous Versions
/// providers running as the connected user can enumerate the @GMT names.
const KEY_DIR_MODE: u32 = 0o755;

/// The share a hook runs for, as `ffi` hands it over (from the shim's
/// `rvss_share`): its name, path and parsed rvss options.
pub struct HookTarget<'a> {
    pub name: &'a str,
    pub path: &'a Path,
    pub config: &'a Config,
}

/// What snap_create hands back to Samba.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub tstamp: i64,
    pub base_path: String,
    pub snap_path: String,
}

fn current_mounts() -> Result<Vec<Mount>> {
    mounts::current().map_err(|e| Error::io("read /proc/self/mountinfo", &e))
}

/// snap_check_path: the share's base_volume when rvss can shadow-copy it.
pub fn check_path(share: &HookTarget) -> Result<String> {
    if backend::of(share.config, share.path) == Backend::Cephfs {
        return crate::cephfs::check_path(share);
    }
    let mounts = current_mounts()?;
    let layout = layout::resolve(share.path, share.config, &mounts)?;
    layout::check_snapshot_dir(&layout, &mounts)?;
    crate::structure::require_supported(
        &layout.share,
        &share.config.structure,
        &mounts,
        share.name,
    )?;
    Ok(path_text_lossy(&layout.share))
}

/// snap_create: snapshots the subvolume behind `base_volume`, read-only
/// unless `writable`, named after the time the snapshot is taken (Samba's
/// `tstamp` is when the share was added to the set, up to 30 minutes
/// earlier; the time used is handed back to Samba).
pub fn create(
    share: &HookTarget,
    base_volume: &str,
    _tstamp: i64,
    writable: bool,
) -> Result<Created> {
    if backend::of(share.config, Path::new(base_volume)) == Backend::Cephfs {
        return crate::cephfs::create(share, base_volume, _tstamp, writable);
    }
    let base = Path::new(base_volume);
    if !base.exists() {
        return Err(Error::new(
            ntstatus::OBJECT_PATH_NOT_FOUND,
            format!("share path {base_volume} vanished before its snapshot"),
        ));
    }
    let mounts = current_mounts()?;
    let layout = layout::resolve(base, share.config, &mounts)?;
    // The rules of AddToShadowCopySet, again: Samba allows up to 30 minutes
    // between it and this commit.
    layout::check_snapshot_dir(&layout, &mounts)?;
    let snapshots = open_snapshot_folder(&layout, writable)?;
    let source = sys::fs::open_dir(&layout.subvolume)
        .map_err(|e| Error::io(format!("open subvolume {}", layout.subvolume.display()), &e))?;
    let source_uuid = snapshot::uuid_of(&source).map_err(|e| {
        Error::io(
            format!("subvolume info of {}", layout.subvolume.display()),
            &e,
        )
    })?;

    let mut catalog = Catalog::open(&layout.snapshot_dir)?;
    // Under the catalog lock, right before the snapshot: the tree may have
    // changed since AddToShadowCopySet.
    crate::structure::require_supported(
        &layout.share,
        &share.config.structure,
        &mounts,
        share.name,
    )
    .map_err(|e| Error::new(e.status, format!("at commit: {}", e.message)))?;
    let (t, name) = free_name(&catalog, &layout)?;
    let snapshot = layout.snapshot_path(&name, writable);
    let mut entry = Entry {
        id: uuid::Uuid::new_v4().to_string(),
        share: share.name.to_string(),
        base_volume: base_volume.to_string(),
        subvolume: path_text_lossy(&layout.subvolume),
        path: path_text_lossy(&snapshot),
        snap_path: path_text_lossy(&layout.snap_path(&name, writable)),
        gmt: name.clone(),
        created: now(),
        readonly: !writable,
        state: State::Exposed,
        uuid: None,
        source_uuid: Some(source_uuid),
        unreferenced_since: None,
    };
    if entry.snap_path.len() >= libc::PATH_MAX as usize {
        return Err(Error::invalid(format!(
            "the shadow copy path of {base_volume} would exceed PATH_MAX ({} bytes)",
            entry.snap_path.len()
        )));
    }
    // The entry is durable before the snapshot exists: whatever happens next,
    // a snapshot rvss made is always one its catalog knows.
    catalog.entries.push(entry.clone());
    catalog.save_with_next_commit()?;
    let made = sys::btrfs::snapshot(&source, &snapshots, OsStr::new(&name), writable)
        .map_err(|e| {
            Error::io(
                format!(
                    "snapshot {} to {}",
                    layout.subvolume.display(),
                    snapshot.display()
                ),
                &e,
            )
        })
        .and_then(|()| {
            // The share may vanish between the check and the snapshot: then
            // the shadow copy would expose nothing. Undo rather than hand
            // back an empty backup.
            if Path::new(&entry.snap_path).is_dir() {
                return Ok(());
            }
            let why = Error::new(
                ntstatus::OBJECT_PATH_NOT_FOUND,
                format!("share path {base_volume} vanished before its snapshot; snapshot removed"),
            );
            match snapshot::destroy_entry(&layout.snapshot_dir, &entry) {
                Ok(()) => Err(why),
                Err(e) => Err(Error::new(
                    why.status,
                    format!("{why}; removing it failed: {e}"),
                )),
            }
        });
    if let Err(mut err) = made {
        catalog.entries.pop();
        if let Err(r) = catalog.save_with_next_commit() {
            err.message
                .push_str(&format!(" (and the catalog rollback failed: {r})"));
        }
        return Err(err);
    }
    // Record the snapshot's own identity; should this fail, the parent UUID
    // recorded above still identifies it.
    match snapshot::Snapshot::open(&layout.snapshot_dir, &snapshot).and_then(|s| match s {
        Some(s) => s.uuid(),
        None => Err(Error::new(
            ntstatus::OBJECT_PATH_NOT_FOUND,
            format!("snapshot {} vanished", snapshot.display()),
        )),
    }) {
        Ok(u) => {
            entry.uuid = Some(u.clone());
            if let Some(last) = catalog.entries.last_mut() {
                last.uuid = Some(u);
            }
            if let Err(e) = catalog.save_with_next_commit() {
                log::warn!("{}: recording the UUID of {}: {e}", share.name, entry.path);
            }
        }
        Err(e) => log::warn!("{}: reading the UUID of {}: {e}", share.name, entry.path),
    }
    if let Err(e) = crate::known_dirs::remember(&layout.snapshot_dir) {
        log::warn!(
            "{}: recording snapshot directory {}: {e}",
            share.name,
            layout.snapshot_dir.display()
        );
    }
    if share.config.retention.enabled() {
        // A failed prune must not fail the backup being taken; it is retried
        // at the next creation and by `rvss prune`.
        if let Err(e) = prune(
            &mut catalog,
            &layout.snapshot_dir,
            share.name,
            &share.config.retention,
            false,
        ) {
            log::warn!("{}: pruning old backups failed: {e}", share.name);
        }
    }
    Ok(Created {
        tstamp: t,
        base_path: base_volume.to_string(),
        snap_path: entry.snap_path,
    })
}

/// What snap_delete did with the snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    Destroyed,
    /// Kept as a read-only backup under the share's retention policy.
    Retained,
}

/// snap_delete: destroys the snapshot exposed at `snap_path` (or keeps it
/// as a backup under the share's retention policy), only if rvss's catalog
/// for this share's snapshot directory records it.
pub fn delete(share: &HookTarget, base_path: &str, snap_path: &str) -> Result<Deleted> {
    if backend::of(share.config, Path::new(base_path)) == Backend::Cephfs {
        return crate::cephfs::delete(share, base_path, snap_path);
    }
    let snap = Path::new(snap_path);
    if !layout::is_plain_absolute(snap) {
        return Err(Error::invalid(format!(
            "refusing to delete {snap_path:?}: not a plain absolute path"
        )));
    }
    let mut snapshot_dir =
        layout::snapshot_dir_of(share.config, Path::new(base_path), &current_mounts()?)?;
    if !snap.starts_with(&snapshot_dir) {
        // Made under a previous `rvss:snapshot dir`: still rvss's, if that
        // directory's catalog records it.
        if let Some(previous) = crate::known_dirs::holding(snap) {
            snapshot_dir = previous;
        }
    }
    let rel = snap.strip_prefix(&snapshot_dir).map_err(|_| {
        Error::new(
            ntstatus::ACCESS_DENIED,
            format!(
                "refusing to delete {snap_path}: it lies outside the snapshot directory {}",
                snapshot_dir.display()
            ),
        )
    })?;
    if rel.as_os_str().is_empty() {
        return Err(Error::new(
            ntstatus::ACCESS_DENIED,
            "refusing to delete the snapshot directory itself",
        ));
    }
    let mut catalog = Catalog::open(&snapshot_dir)?;
    let Some(idx) = catalog.find_snap_path(snap_path) else {
        // Already gone (an earlier delete, `rvss gc`, an admin): Samba's
        // state must be clearable, so that is a success. Anything still
        // there without an entry is not rvss's to delete.
        return match std::fs::symlink_metadata(snap) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                log::info!(
                    "{}: snapshot {snap_path} is already gone; nothing to delete",
                    share.name
                );
                Ok(Deleted::Destroyed)
            }
            _ => Err(Error::new(
                ntstatus::OBJECT_NAME_NOT_FOUND,
                format!(
                    "refusing to delete {snap_path}: rvss's catalog has no snapshot exposed there"
                ),
            )),
        };
    };
    let entry = catalog.entries[idx].clone();
    let policy = share.config.retention;
    if policy.enabled() {
        retain(&snapshot_dir, &mut catalog.entries[idx])?;
        catalog.save()?;
        if let Err(e) = prune(&mut catalog, &snapshot_dir, share.name, &policy, false) {
            log::warn!("{}: pruning old backups failed: {e}", share.name);
        }
        return Ok(Deleted::Retained);
    }
    snapshot::destroy_entry(&snapshot_dir, &entry)?;
    catalog.entries.remove(idx);
    catalog.save_with_next_commit()?;
    Ok(Deleted::Destroyed)
}

/// Keeps the snapshot of `e` as a backup (as a delete under a retention
/// policy does): `rvss gc` uses it for orphans of shares that retain.
pub fn keep_as_backup(snapshot_dir: &Path, e: &mut Entry) -> Result<()> {
    retain(snapshot_dir, e)?;
    e.unreferenced_since = None;
    Ok(())
}

/// Keeps a shadow copy as a backup: the backup is the snapshot. A writable
/// (auto-recovered) copy moves among the read-only ones, where Previous
/// Versions finds it, then everything is made read-only.
fn retain(snapshot_dir: &Path, e: &mut Entry) -> Result<()> {
    let vanished = |p: &str| {
        Error::new(
            ntstatus::OBJECT_PATH_NOT_FOUND,
            format!("snapshot {p} vanished"),
        )
    };
    // Validates the path (a subvolume below the snapshot directory, no
    // links) and that it is the subvolume rvss made.
    Snapshot::open_entry(snapshot_dir, e)?.ok_or_else(|| vanished(&e.path))?;
    let path = PathBuf::from(&e.path);
    if path.parent().and_then(Path::file_name) == Some(OsStr::new(layout::WRITABLE_DIR)) {
        let folder = path.parent().and_then(Path::parent).unwrap_or(snapshot_dir);
        let dest = folder.join(&e.gmt);
        if dest.symlink_metadata().is_ok() {
            return Err(Error::new(
                ntstatus::OBJECT_NAME_COLLISION,
                format!("cannot retain {}: {} exists", e.path, dest.display()),
            ));
        }
        std::fs::rename(&path, &dest).map_err(|err| {
            Error::io(
                format!("move {} to {}", path.display(), dest.display()),
                &err,
            )
        })?;
        let rel = Path::new(&e.snap_path)
            .strip_prefix(&path)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        e.snap_path = path_text_lossy(&layout::join_rel(&dest, &rel));
        e.path = path_text_lossy(&dest);
    }
    // Read-only last: btrfs cannot move a read-only subvolume.
    Snapshot::open_entry(snapshot_dir, e)?
        .ok_or_else(|| vanished(&e.path))?
        .set_readonly()?;
    e.readonly = true;
    e.state = State::Retained;
    Ok(())
}

/// Opens (creating where rvss owns it) `<snapshot dir>/<key>`.
fn open_snapshot_folder(layout: &Layout, writable: bool) -> Result<File> {
    let sd = &layout.snapshot_dir;
    if layout.default_snapshot_dir {
        if let Some(parent) = sd.parent() {
            let parent = sys::fs::open_dir(parent)
                .map_err(|e| Error::io(format!("open {}", parent.display()), &e))?;
            let name = sd.file_name().unwrap_or_default();
            sys::fs::mkdir_at(&parent, name, layout::SNAPSHOT_DIR_MODE).map_err(|e| {
                Error::io(format!("create snapshot directory {}", sd.display()), &e)
            })?;
        }
    }
    let mut dir = sys::fs::open_dir(sd).map_err(|e| {
        Error::io(
            format!(
                "snapshot directory {} (rvss:snapshot dir) is unusable",
                sd.display()
            ),
            &e,
        )
    })?;
    for part in layout.key.iter() {
        sys::fs::mkdir_at(&dir, part, KEY_DIR_MODE)
            .map_err(|e| Error::io(format!("create {}", sd.join(&layout.key).display()), &e))?;
        dir = sys::fs::open_dir_at(&dir, part)
            .map_err(|e| Error::io(format!("open {}", sd.join(&layout.key).display()), &e))?;
    }
    if writable {
        let name = std::ffi::OsStr::new(layout::WRITABLE_DIR);
        sys::fs::mkdir_at(&dir, name, KEY_DIR_MODE).map_err(|e| {
            Error::io(
                format!("create {}", layout.snapshot_path("", true).display()),
                &e,
            )
        })?;
        dir = sys::fs::open_dir_at(&dir, name).map_err(|e| {
            Error::io(
                format!("open {}", layout.snapshot_path("", true).display()),
                &e,
            )
        })?;
    }
    Ok(dir)
}

/// The current second as a @GMT name free for this subvolume, waiting for
/// the next second when it is taken (two shadow copies of one subvolume in
/// one set): a label never names a time before or after the snapshot's.
fn free_name(catalog: &Catalog, layout: &Layout) -> Result<(i64, String)> {
    let subvolume = path_text_lossy(&layout.subvolume);
    for _ in 0..5 {
        let t = now();
        let name =
            gmt::token(t).ok_or_else(|| Error::invalid(format!("timestamp {t} out of range")))?;
        // Free in both folders: a writable copy moves among the read-only
        // ones when it is retained.
        let taken = [false, true]
            .iter()
            .any(|&w| layout.snapshot_path(&name, w).symlink_metadata().is_ok())
            || catalog
                .entries
                .iter()
                .any(|e| e.gmt == name && e.subvolume == subvolume);
        if !taken {
            return Ok((t, name));
        }
        let into_second = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_millis())
            .unwrap_or(0);
        std::thread::sleep(std::time::Duration::from_millis(
            u64::from(1000u32.saturating_sub(into_second)) + 5,
        ));
    }
    Err(Error::new(
        ntstatus::OBJECT_NAME_COLLISION,
        format!(
            "no free snapshot name for {} (a snapshot of this second exists)",
            layout.subvolume.display()
        ),
    ))
}

/// A path as the catalog records it: text, lossily (layout::resolve has
/// already refused paths that are not UTF-8).
fn path_text_lossy(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// Deletes (or with `dry_run` only lists) `share`'s retained backups beyond
/// its policy, oldest first. The catalog is saved after each deletion so an
/// interruption never leaves an entry without its snapshot or the reverse.
pub fn prune(
    catalog: &mut Catalog,
    snapshot_dir: &Path,
    share: &str,
    policy: &retention::Policy,
    dry_run: bool,
) -> Result<Vec<Entry>> {
    let mut pruned = vec![];
    if !policy.enabled() {
        return Ok(pruned);
    }
    for idx in retention::to_prune(&catalog.entries, share, policy, now()) {
        pruned.push(catalog.entries[idx].clone());
    }
    if dry_run {
        return Ok(pruned);
    }
    for e in &pruned {
        snapshot::destroy_entry(snapshot_dir, e)?;
        catalog.entries.retain(|x| x.id != e.id);
        catalog.save_with_next_commit()?;
        log::info!("{share}: pruned backup {} ({})", e.gmt, e.path);
    }
    Ok(pruned)
}
