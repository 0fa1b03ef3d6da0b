//! The three FSRVP operations on btrfs: is a share supported, make a shadow
//! copy of it, delete a shadow copy. Safe Rust over `sys`; the FFI layer calls
//! these, and so do the CLI and the benchmarks.

use crate::catalog::{Catalog, Entry, State};
use crate::config::Config;
use crate::error::{Error, Result};
use crate::layout::{self, Layout};
use crate::mounts::{self, Mount};
use crate::{gmt, ntstatus, sys};
use std::ffi::OsStr;
use std::fs::File;
use std::path::{Path, PathBuf};

/// Mode of the snapshot directory: traversable (exposed shadow copy shares
/// live below it) but not listable.
const SNAPSHOT_DIR_MODE: u32 = 0o711;
/// Mode of a subvolume's snapshot folder: listable, so that Previous Versions
/// providers running as the connected user can enumerate the @GMT names.
const KEY_DIR_MODE: u32 = 0o755;

/// The share a hook runs for.
pub struct Share<'a> {
    pub name: &'a str,
    pub path: &'a Path,
    pub config: Config,
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
pub fn check_path(share: &Share) -> Result<String> {
    let mounts = current_mounts()?;
    let layout = layout::resolve(share.path, &share.config, &mounts)?;
    crate::structure::require_supported(
        &layout.share,
        &share.config.structure,
        &mounts,
        share.name,
    )?;
    Ok(text(&layout.share))
}

/// snap_create: snapshots the subvolume behind `base_volume`, read-only
/// unless `writable`, named after `tstamp` or the next free second after it.
pub fn create(share: &Share, base_volume: &str, tstamp: i64, writable: bool) -> Result<Created> {
    let base = Path::new(base_volume);
    if !base.exists() {
        return Err(Error::new(
            ntstatus::OBJECT_PATH_NOT_FOUND,
            format!("share path {base_volume} vanished before its snapshot"),
        ));
    }
    let layout = layout::resolve(base, &share.config, &current_mounts()?)?;
    let snapshots = open_snapshot_folder(&layout)?;
    let source = sys::fs::open_dir(&layout.subvolume)
        .map_err(|e| Error::io(format!("open subvolume {}", layout.subvolume.display()), &e))?;

    let mut catalog = Catalog::open(&layout.snapshot_dir)?;
    let (t, name) = free_name(&catalog, &layout, tstamp)?;
    let snapshot = layout.snapshots().join(&name);
    let entry = Entry {
        id: uuid::Uuid::new_v4().to_string(),
        share: share.name.to_string(),
        base_volume: base_volume.to_string(),
        subvolume: text(&layout.subvolume),
        path: text(&snapshot),
        snap_path: text(&layout.snap_path(&name)),
        gmt: name.clone(),
        created: now(),
        readonly: !writable,
        state: State::Exposed,
    };
    // The entry is durable before the snapshot exists: whatever happens next,
    // a snapshot rvss made is always one its catalog knows.
    catalog.entries.push(entry.clone());
    catalog.save()?;
    if let Err(e) = sys::btrfs::snapshot(&source, &snapshots, OsStr::new(&name), writable) {
        catalog.entries.pop();
        let rollback = catalog.save();
        let mut err = Error::io(
            format!(
                "snapshot {} to {}",
                layout.subvolume.display(),
                snapshot.display()
            ),
            &e,
        );
        if let Err(r) = rollback {
            err.message
                .push_str(&format!(" (and the catalog rollback failed: {r})"));
        }
        return Err(err);
    }
    Ok(Created {
        tstamp: t,
        base_path: base_volume.to_string(),
        snap_path: entry.snap_path,
    })
}

/// snap_delete: destroys the snapshot exposed at `snap_path`, only if rvss's
/// catalog for this share's snapshot directory records it.
pub fn delete(share: &Share, base_path: &str, snap_path: &str) -> Result<()> {
    let snap = Path::new(snap_path);
    if !layout::is_plain_absolute(snap) {
        return Err(Error::invalid(format!(
            "refusing to delete {snap_path:?}: not a plain absolute path"
        )));
    }
    let snapshot_dir = snapshot_dir_for(share, Path::new(base_path))?;
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
    let idx = catalog.find_snap_path(snap_path).ok_or_else(|| {
        Error::new(
            ntstatus::OBJECT_NAME_NOT_FOUND,
            format!("refusing to delete {snap_path}: rvss's catalog has no snapshot exposed there"),
        )
    })?;
    let entry = catalog.entries[idx].clone();
    destroy_snapshot(&snapshot_dir, Path::new(&entry.path))?;
    catalog.entries.remove(idx);
    catalog.save()
}

/// Destroys the snapshot subvolume at `path` inside `snapshot_dir`, opening
/// each component without following links so that nothing outside the
/// snapshot directory can be reached. A snapshot already gone is fine.
pub fn destroy_snapshot(snapshot_dir: &Path, path: &Path) -> Result<()> {
    let rel = path
        .strip_prefix(snapshot_dir)
        .ok()
        .filter(|r| layout::is_plain_absolute(&Path::new("/").join(r)))
        .ok_or_else(|| {
            Error::new(
                ntstatus::ACCESS_DENIED,
                format!("{} is outside {}", path.display(), snapshot_dir.display()),
            )
        })?;
    let mut parts: Vec<&OsStr> = rel.iter().collect();
    let name = parts
        .pop()
        .ok_or_else(|| Error::invalid("empty snapshot path"))?;
    let mut dir = sys::fs::open_dir(snapshot_dir).map_err(|e| {
        Error::io(
            format!("open snapshot directory {}", snapshot_dir.display()),
            &e,
        )
    })?;
    for p in parts {
        dir = match sys::fs::open_dir_at(&dir, p) {
            Ok(d) => d,
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => return Ok(()),
            Err(e) => return Err(Error::io(format!("open {}", path.display()), &e)),
        };
    }
    match sys::fs::open_dir_at(&dir, name) {
        Ok(target) => {
            use std::os::unix::fs::MetadataExt;
            let md = target
                .metadata()
                .map_err(|e| Error::io(format!("stat {}", path.display()), &e))?;
            if md.ino() != sys::btrfs::BTRFS_FIRST_FREE_OBJECTID {
                return Err(Error::new(
                    ntstatus::ACCESS_DENIED,
                    format!(
                        "refusing to delete {}: not a btrfs subvolume",
                        path.display()
                    ),
                ));
            }
        }
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => return Ok(()),
        Err(e) => return Err(Error::io(format!("open {}", path.display()), &e)),
    }
    sys::btrfs::destroy(&dir, name)
        .map_err(|e| Error::io(format!("delete snapshot {}", path.display()), &e))
}

/// The snapshot directory a share uses, without needing the share path to
/// still exist (a shadow copy must stay deletable after its share vanished).
fn snapshot_dir_for(share: &Share, base_path: &Path) -> Result<PathBuf> {
    if let Some(d) = &share.config.snapshot_dir {
        return Ok(d.clone());
    }
    let mounts = current_mounts()?;
    let base = std::fs::canonicalize(base_path).unwrap_or_else(|_| base_path.to_path_buf());
    mounts::containing(&mounts, &base)
        .filter(|m| m.fs_type == "btrfs")
        .map(|m| m.mount_point.join(crate::config::DEFAULT_SNAPSHOT_DIR_NAME))
        .ok_or_else(|| Error::not_supported(format!("no btrfs mount holds {}", base.display())))
}

/// Opens (creating where rvss owns it) `<snapshot dir>/<key>`.
fn open_snapshot_folder(layout: &Layout) -> Result<File> {
    let sd = &layout.snapshot_dir;
    if layout.default_snapshot_dir {
        if let Some(parent) = sd.parent() {
            let parent = sys::fs::open_dir(parent)
                .map_err(|e| Error::io(format!("open {}", parent.display()), &e))?;
            let name = sd.file_name().unwrap_or_default();
            sys::fs::mkdir_at(&parent, name, SNAPSHOT_DIR_MODE).map_err(|e| {
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
    Ok(dir)
}

/// The first second at or after `tstamp` whose @GMT name is free for this
/// subvolume, so that any number of shadow copies in one second coexist.
fn free_name(catalog: &Catalog, layout: &Layout, tstamp: i64) -> Result<(i64, String)> {
    let folder = layout.snapshots();
    for t in tstamp..tstamp.saturating_add(100_000) {
        let name =
            gmt::token(t).ok_or_else(|| Error::invalid(format!("timestamp {t} out of range")))?;
        let taken = folder.join(&name).symlink_metadata().is_ok()
            || catalog
                .entries
                .iter()
                .any(|e| e.path == text(&folder.join(&name)));
        if !taken {
            return Ok((t, name));
        }
    }
    Err(Error::new(
        ntstatus::OBJECT_NAME_COLLISION,
        "no free snapshot name",
    ))
}

fn text(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}
