//! The three FSRVP operations on btrfs: is a share supported, make a shadow
//! copy of it, delete a shadow copy. Safe Rust over `sys`; `crate::hooks`
//! dispatches here through `Backend`.

use super::layout::{self, Layout};
use super::snapshot::{self, Snapshot};
use crate::backend::Snapshots;
use crate::catalog::{Catalog, Durability, Entry, State};
use crate::error::{Context, Error, Result};
use crate::mounts::{self, Mount};
use crate::paths::text as path_text_lossy;
use crate::policy::retention;
use crate::share::{Created, Deleted, Share};
use crate::{gmt, ntstatus, sys};
use std::ffi::OsStr;
use std::fs::File;
use std::path::{Path, PathBuf};

/// Mode of a subvolume's snapshot folder: listable, so that Previous Versions
/// providers running as the connected user can enumerate the @GMT names.
const KEY_DIR_MODE: u32 = 0o755;

fn current_mounts() -> Result<std::sync::Arc<Vec<Mount>>> {
    mounts::cached().context("read /proc/self/mountinfo")
}

/// snap_check_path: the share's base_volume when rvss can shadow-copy it.
pub fn check_path(share: &Share) -> Result<String> {
    let mounts = current_mounts()?;
    let layout = layout::resolve(&share.path, &share.config, &mounts)?;
    layout::check_snapshot_dir(&layout, &mounts)?;
    // Before the freeze: the write-back runs on while the tree is walked,
    // and after the answer (crate::flush).
    let flush = crate::flush::begin(&share.name, &layout.subvolume, &mounts, &share.config.flush);
    // The whole tree at the first call of a set, what changed since at the
    // second (crate::structure::since).
    crate::structure::require_supported_live(
        &layout.share,
        &layout.subvolume,
        &layout.rel,
        &share.config.structure,
        &mounts,
        &share.name,
    )?;
    if let Some(pending) = flush {
        crate::flush::finish(&share.name, pending);
    }
    Ok(path_text_lossy(&layout.share))
}

/// snap_create: snapshots the subvolume behind `base_volume`, read-only
/// unless `writable`, named after the time the snapshot is taken (Samba's
/// `tstamp` is when the share was added to the set, up to 30 minutes
/// earlier; the time used is handed back to Samba).
pub fn create(share: &Share, base_volume: &str, _tstamp: i64, writable: bool) -> Result<Created> {
    let base = Path::new(base_volume);
    let mounts = current_mounts()?;
    let (layout, share_dir) = match layout::resolve_open(base, &share.config, &mounts) {
        // Looked at only when resolving failed: a call fewer for every
        // snapshot that succeeds.
        Err(_) if !base.exists() => {
            return Err(Error::new(
                ntstatus::OBJECT_PATH_NOT_FOUND,
                format!("share path {base_volume} vanished before its snapshot"),
            ))
        }
        resolved => resolved?,
    };
    // The rules of AddToShadowCopySet, again: Samba allows up to 30 minutes
    // between it and this commit.
    layout::check_snapshot_dir_at_commit(&layout, &mounts)?;
    let folders = open_snapshot_folders(&layout, writable)?;
    let snapshots = folders.target(writable);
    let source = subvolume_of(&layout, share_dir)?;
    let source_info = sys::btrfs::subvol_info(&source)
        .with_context(|| format!("subvolume info of {}", layout.subvolume.display()))?;
    let source_uuid = snapshot::uuid_text(&source_info.uuid);

    let catalog = Catalog::open_at(
        folders
            .snapshot_dir
            .try_clone()
            .with_context(|| format!("open {}", layout.snapshot_dir.display()))?,
        &layout.snapshot_dir,
    )?;
    let template = Entry {
        id: uuid::Uuid::new_v4().to_string(),
        share: share.name.to_string(),
        base_volume: base_volume.to_string(),
        subvolume: path_text_lossy(&layout.subvolume),
        readonly: !writable,
        state: State::Exposed,
        source_uuid: Some(source_uuid),
        creator: crate::catalog::Creator::current(),
        ..Default::default()
    };
    // The entry is written whole, before the snapshot exists, and never
    // again by this hook: the snapshot ioctl's own transaction commit makes
    // both durable at once, and a second write after it cost as much as the
    // rest of the hook. Until the snapshot exists, the creator recorded in it
    // keeps gc away (`BtrfsSnapshots::being_taken`). Reserved under the
    // shared lock (no prune, gc or repair rewrites the catalog meanwhile),
    // which is not held while the snapshot is taken: the ioctl commits a
    // transaction, seconds under write load, and other clients' hooks must
    // not wait for it.
    let entry = {
        let _lock = catalog.lock_shared()?;
        reserve_name(&catalog, &layout, &folders, writable, template)?
    };
    pause_for_tests();
    let snapshot = PathBuf::from(&entry.path);
    let name = snapshot.file_name().unwrap_or_default().to_os_string();
    let made = sys::btrfs::snapshot(&source, snapshots, &name, writable)
        .with_context(|| format!(
                    "snapshot {} to {}",
                    layout.subvolume.display(),
                    snapshot.display()
                ))
        .and_then(|()| {
            // The share may vanish between the check and the snapshot: then
            // the shadow copy would expose nothing. Undo rather than hand
            // back an empty backup.
            let why = match open_taken(snapshots, &name, &layout.rel) {
                // The rules of AddToShadowCopySet again (the tree may have
                // changed in up to 30 minutes since), on what the backup
                // holds: the snapshot as taken (read-only: it cannot change;
                // writable: no client knows it yet), not the live tree a
                // moment before, which users may change until the ioctl.
                // The mount table as of now (re-read only when the kernel
                // reports a change). Only what changed since this set's
                // full check when this process made it (the snapshot's
                // leaves carry their transactions), else the whole tree.
                Ok((root, share_dir)) => match current_mounts().and_then(|now| {
                    let taken = crate::structure::Taken {
                        path: &snapshot,
                        root: &root,
                        share_dir,
                        source_uuid: source_info.uuid,
                    };
                    crate::structure::require_supported_as_taken_since(
                        taken,
                        &layout.share,
                        &layout.rel,
                        &share.config.structure,
                        &now,
                        &share.name,
                    )
                }) {
                    Ok(()) => return Ok(()),
                    Err(e) => Error::new(
                        e.status,
                        format!("at commit, in the snapshot as taken: {}; snapshot removed", e.message),
                    ),
                },
                // Anything but a missing path is no vanished share (say
                // what failed, e.g. ENOSYS from a seccomp profile).
                Err(e) if !matches!(
                    e.raw_os_error(),
                    Some(libc::ENOENT | libc::ENOTDIR | libc::ELOOP)
                ) =>
                {
                    let what = format!(
                        "open {} in the snapshot {}",
                        layout.rel.display(),
                        snapshot.display()
                    );
                    let e = Error::with_cause(what, e);
                    Error::new(e.status, format!("{e}; snapshot removed"))
                }
                Err(e) => {
                    log::debug!(
                        "{}: {} in the snapshot: {e}",
                        share.name,
                        layout.rel.display()
                    );
                    Error::new(
                        ntstatus::OBJECT_PATH_NOT_FOUND,
                        format!(
                            "share path {base_volume} vanished before its snapshot; snapshot removed"
                        ),
                    )
                }
            };
            match snapshot::destroy_entry(&layout.snapshot_dir, &entry) {
                Ok(()) => Err(why),
                Err(e) => Err(Error::new(
                    why.status,
                    format!("{why}; removing it failed: {e}"),
                )),
            }
        });
    if let Err(mut err) = made {
        // Nothing is left of the attempt, not even the name.
        let undone = catalog
            .lock_shared()
            .and_then(|_lock| catalog.remove(&entry, Durability::WithNextCommit));
        if let Err(r) = undone {
            err.message
                .push_str(&format!(" (and removing its catalog entry failed: {r})"));
        }
        return Err(err);
    }
    if let Err(e) = super::known_dirs::remember(&layout.snapshot_dir) {
        log::warn!(
            "{}: recording snapshot directory {}: {e}",
            share.name,
            layout.snapshot_dir.display()
        );
    }
    Ok(Created {
        tstamp: entry.created,
        base_path: base_volume.to_string(),
        snap_path: entry.snap_path,
    })
}

/// A test hook of the end-to-end tests (`tests/e2e/commit_race.rs`): with
/// RVSS_TEST_PAUSE_BEFORE_SNAPSHOT naming a directory in smbd's environment,
/// the create hook, with the name reserved and right before the snapshot
/// ioctl, creates `paused` there and waits until `go` exists (at
/// most 30 s), so that a test can change the tree in exactly that moment.
/// Unset (always, outside those tests) it costs one environment lookup.
fn pause_for_tests() {
    let Some(dir) = std::env::var_os("RVSS_TEST_PAUSE_BEFORE_SNAPSHOT") else {
        return;
    };
    let dir = PathBuf::from(dir);
    let _ = std::fs::write(dir.join("paused"), b"");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !dir.join("go").exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

/// snap_delete: destroys the snapshot exposed at `snap_path` (or keeps it
/// as a backup under the share's retention policy), only if rvss's catalog
/// for this share's snapshot directory records it.
pub fn delete(share: &Share, base_path: &str, snap_path: &str) -> Result<Deleted> {
    let snap = Path::new(snap_path);
    if !crate::paths::is_plain_absolute(snap) {
        return Err(Error::invalid(format!(
            "refusing to delete {snap_path:?}: not a plain absolute path"
        )));
    }
    let mut snapshot_dir =
        layout::snapshot_dir_of(&share.config, Path::new(base_path), &current_mounts()?)?;
    if !snap.starts_with(&snapshot_dir) {
        // Made under a previous `rvss:snapshot dir`: still rvss's, if that
        // directory's catalog records it.
        if let Some(previous) = super::known_dirs::holding(snap) {
            snapshot_dir = previous;
        }
    }
    // The rules of a snapshot directory, at this use too: one that became
    // writable by a user since (or a link) may hold what is not rvss's.
    let trusted = layout::open_trusted_dir(&snapshot_dir).map_err(|why| {
        Error::new(
            ntstatus::ACCESS_DENIED,
            format!(
                "refusing to delete {snap_path}: snapshot directory {} breaks the \
                 snapshot-directory rules: {why}",
                snapshot_dir.display()
            ),
        )
    })?;
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
    let catalog = Catalog::open_at(trusted, &snapshot_dir)?;
    let lock = catalog.lock()?;
    let found = catalog.find_exposed(snap_path)?;
    if let Some(e) = found.as_ref().filter(|e| e.being_restored()) {
        // Neither destroyed nor moved under a running restore; once FSRVP
        // has forgotten it, gc collects it after the restore.
        return Err(crate::catalog::restoring::busy(e, "delete"));
    }
    let Some(mut entry) = found else {
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
    let policy = share.config.retention;
    if policy.enabled() {
        let old_path = PathBuf::from(&entry.path);
        retain(&snapshot_dir, &mut entry)?;
        catalog.rename(&old_path, &entry)?;
        drop(lock);
        // Each backup that cannot go is logged (prune_each) and skipped.
        if let Err(e) = prune(&catalog, &share.name, &policy, false, &mut |_, _| {}) {
            log::warn!("{}: pruning old backups failed: {e}", share.name);
        }
        return Ok(Deleted::Retained);
    }
    snapshot::destroy_entry_in(catalog.dir(), &snapshot_dir, &entry)?;
    catalog.remove(&entry, Durability::WithNextCommit)?;
    Ok(Deleted::Destroyed)
}

/// The btrfs snapshots of one snapshot directory, for gc and prune.
pub struct BtrfsSnapshots<'a> {
    pub snapshot_dir: &'a Path,
}

impl Snapshots for BtrfsSnapshots<'_> {
    fn exists(&self, e: &Entry) -> bool {
        Path::new(&e.path).symlink_metadata().is_ok()
    }

    /// The hook writes the entry before the snapshot ioctl, so until the
    /// snapshot exists only the creator still running tells this from a
    /// stale entry (its snapshot made and gone, or never made because a
    /// crash came first).
    fn being_taken(&self, e: &Entry) -> bool {
        e.creator.is_some_and(|c| c.is_running()) && !self.exists(e)
    }

    /// As a delete under a retention policy does (`retain`); the entry
    /// follows the snapshot if it moved.
    fn keep_as_backup(&self, catalog: &Catalog, e: &mut Entry) -> Result<()> {
        let old_path = PathBuf::from(&e.path);
        retain(self.snapshot_dir, e)?;
        e.unreferenced_since = None;
        catalog.rename(&old_path, e)
    }

    fn destroy(&self, e: &Entry) -> Result<()> {
        snapshot::destroy_entry(self.snapshot_dir, e)
    }

    /// The snapshot (the subvolume), not the share inside it.
    fn shown_path<'e>(&self, e: &'e Entry) -> &'e str {
        &e.path
    }
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
        let dest = folder.join(path.file_name().unwrap_or_default());
        if dest.symlink_metadata().is_ok() {
            return Err(Error::new(
                ntstatus::OBJECT_NAME_COLLISION,
                format!("cannot retain {}: {} exists", e.path, dest.display()),
            ));
        }
        std::fs::rename(&path, &dest)
            .with_context(|| format!("move {} to {}", path.display(), dest.display()))?;
        let rel = Path::new(&e.snap_path)
            .strip_prefix(&path)
            .map(Path::to_path_buf)
            .unwrap_or_default();
        e.snap_path = path_text_lossy(&crate::paths::join_rel(&dest, &rel));
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

/// The snapshot `name` just made in `folder` and the share's directory
/// `rel` in it, both open, reached without following links (an error: the
/// snapshot does not hold the share).
fn open_taken(folder: &File, name: &OsStr, rel: &Path) -> std::io::Result<(File, File)> {
    let root = sys::fs::open_beneath(folder, Path::new(name))?;
    let share_dir = if rel.as_os_str().is_empty() {
        root.try_clone()?
    } else {
        sys::fs::open_beneath(&root, rel)?
    };
    Ok((root, share_dir))
}

/// The subvolume the share lies in, open: the share's own directory
/// (`share_dir`, already open) when it is the subvolume's root.
fn subvolume_of(layout: &Layout, share_dir: File) -> Result<File> {
    use std::os::unix::fs::MetadataExt;
    let is_root = |f: &File| {
        f.metadata()
            .is_ok_and(|m| m.ino() == sys::btrfs::BTRFS_FIRST_FREE_OBJECTID)
    };
    if layout.rel.as_os_str().is_empty() && is_root(&share_dir) {
        return Ok(share_dir);
    }
    sys::fs::open_dir(&layout.subvolume)
        .with_context(|| format!("open subvolume {}", layout.subvolume.display()))
}

/// A subvolume's snapshot folders, open: the snapshot directory,
/// `<snapshot dir>/<key>` and, for a writable copy, its `.writable`
/// subfolder.
struct Folders {
    snapshot_dir: File,
    key: File,
    writable: Option<File>,
}

impl Folders {
    /// Where the snapshot goes.
    fn target(&self, writable: bool) -> &File {
        match (&self.writable, writable) {
            (Some(w), true) => w,
            _ => &self.key,
        }
    }
}

/// Whether a snapshot (or anything else) named `name` is in either folder.
fn on_disk(folders: &Folders, name: &str) -> Result<bool> {
    let look = |dir: &File, rel: &Path| {
        sys::fs::exists_at(dir, rel.as_os_str())
            .with_context(|| format!("look up {} in the snapshot folder", rel.display()))
    };
    Ok(look(&folders.key, Path::new(name))?
        || look(&folders.key, &Path::new(layout::WRITABLE_DIR).join(name))?)
}

/// Opens (creating where rvss owns it) `<snapshot dir>/<key>`, and its
/// `.writable` subfolder for a writable copy.
fn open_snapshot_folders(layout: &Layout, writable: bool) -> Result<Folders> {
    let sd = &layout.snapshot_dir;
    // Usually all there already: two opens.
    if let Ok(dir) = sys::fs::open_dir(sd) {
        if let Ok(key) = open_key_folder(&dir, &layout.key) {
            return with_writable(layout, dir, key, writable);
        }
    }
    if layout.default_snapshot_dir {
        if let Some(parent) = sd.parent() {
            let parent =
                sys::fs::open_dir(parent).with_context(|| format!("open {}", parent.display()))?;
            let name = sd.file_name().unwrap_or_default();
            sys::fs::mkdir_at(&parent, name, layout::SNAPSHOT_DIR_MODE.into())
                .with_context(|| format!("create snapshot directory {}", sd.display()))?;
        }
    }
    let top = sys::fs::open_dir(sd).with_context(|| {
        format!(
            "snapshot directory {} (rvss:snapshot dir) is unusable",
            sd.display()
        )
    })?;
    let mut dir = top
        .try_clone()
        .with_context(|| format!("open {}", sd.display()))?;
    for part in layout.key.iter() {
        sys::fs::mkdir_at(&dir, part, KEY_DIR_MODE.into())
            .with_context(|| format!("create {}", sd.join(&layout.key).display()))?;
        dir = sys::fs::open_dir_at(&dir, part)
            .with_context(|| format!("open {}", sd.join(&layout.key).display()))?;
    }
    with_writable(layout, top, dir, writable)
}

/// `<snapshot dir>/<key>` opened below the open snapshot directory, without
/// creating anything.
fn open_key_folder(sd: &File, key: &Path) -> std::io::Result<File> {
    sys::fs::open_beneath(sd, key)
}

/// The folders, with `.writable` opened (created where missing) for a
/// writable copy.
fn with_writable(
    layout: &Layout,
    snapshot_dir: File,
    key: File,
    writable: bool,
) -> Result<Folders> {
    let mut folders = Folders {
        snapshot_dir,
        key,
        writable: None,
    };
    if writable {
        let name = std::ffi::OsStr::new(layout::WRITABLE_DIR);
        let shown = || layout.snapshot_path("", true).display().to_string();
        sys::fs::mkdir_at(&folders.key, name, KEY_DIR_MODE.into())
            .with_context(|| format!("create {}", shown()))?;
        folders.writable = Some(
            sys::fs::open_dir_at(&folders.key, name)
                .with_context(|| format!("open {}", shown()))?,
        );
    }
    Ok(folders)
}

/// Most snapshots of one subvolume rvss names within one second (`.1` ...
/// `.N` after the first): a 64-share set on one subvolume fits easily.
const MAX_PER_SECOND: u32 = 1000;

/// Reserves the snapshot name for `template` in the catalog: the current
/// second's @GMT label, or the label and `.N` when snapshots of this
/// subvolume already took it (several shares of one subvolume in one set,
/// several clients at once). A label never names a time before or after
/// the snapshot's, and nobody waits for the next second. The name must be
/// free in both folders: a writable copy moves among the read-only ones
/// when it is retained.
fn reserve_name(
    catalog: &Catalog,
    layout: &Layout,
    folders: &Folders,
    writable: bool,
    template: Entry,
) -> Result<Entry> {
    let t = gmt::now();
    let label =
        gmt::token(t).ok_or_else(|| Error::invalid(format!("timestamp {t} out of range")))?;
    let mut e = template;
    e.gmt = label.clone();
    e.created = t;
    for n in 0..MAX_PER_SECOND {
        let name = if n == 0 {
            label.clone()
        } else {
            format!("{label}.{n}")
        };
        let here = layout.snapshot_path(&name, writable);
        let there = layout.snapshot_path(&name, !writable);
        if on_disk(folders, &name)? {
            continue;
        }
        e.path = path_text_lossy(&here);
        e.snap_path = path_text_lossy(&layout.snap_path(&name, writable));
        if e.snap_path.len() >= libc::PATH_MAX as usize {
            return Err(Error::invalid(format!(
                "the shadow copy path of {} would exceed PATH_MAX ({} bytes)",
                e.base_volume,
                e.snap_path.len()
            )));
        }
        if !catalog.reserve(&e)? {
            continue;
        }
        // The name in the other folder taken (by an entry, or by a process
        // reserving it at this moment): whoever sees the other yields.
        if catalog.is_taken(&there)? {
            catalog.remove(&e, Durability::WithNextCommit)?;
            continue;
        }
        return Ok(e);
    }
    Err(Error::new(
        ntstatus::OBJECT_NAME_COLLISION,
        format!(
            "no free snapshot name for {}: {MAX_PER_SECOND} snapshots of it in second {label}",
            layout.subvolume.display()
        ),
    ))
}

/// `retention::prune_each` for the btrfs catalog `catalog`.
pub fn prune(
    catalog: &Catalog,
    share: &str,
    policy: &retention::Policy,
    dry_run: bool,
    left_alone: &mut dyn FnMut(Entry, Error),
) -> Result<Vec<Entry>> {
    let snapshots = BtrfsSnapshots {
        snapshot_dir: catalog.dir_path(),
    };
    retention::prune_each(catalog, &snapshots, share, policy, dry_run, left_alone)
}
