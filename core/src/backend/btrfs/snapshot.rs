//! A snapshot subvolume inside a snapshot directory, reached component by
//! component without following symbolic links, so that nothing outside the
//! snapshot directory can ever be changed or deleted through it.

use crate::catalog::Entry;
use crate::error::{Context, Error, Result};
use crate::{ntstatus, sys};
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

/// Longest time, in seconds, between writing a snapshot's catalog entry and
/// the snapshot ioctl completing (it commits a transaction: seconds under
/// heavy writes; past this a delete refuses, leaving the snapshot).
const MAX_TAKING: i64 = 600;

pub struct Snapshot {
    parent: File,
    name: OsString,
    root: File,
    path: PathBuf,
}

impl Snapshot {
    /// Opens the snapshot at `path` inside `snapshot_dir`; None when it is
    /// already gone. Refuses anything that is not a btrfs subvolume below
    /// the snapshot directory.
    pub fn open(snapshot_dir: &Path, path: &Path) -> Result<Option<Snapshot>> {
        // A path outside is refused as such, whether or not the directory
        // can be opened.
        rel_below(snapshot_dir, path)?;
        let dir = sys::fs::open_dir(snapshot_dir)
            .with_context(|| format!("open snapshot directory {}", snapshot_dir.display()))?;
        Snapshot::open_in(&dir, snapshot_dir, path)
    }

    /// `open` in the snapshot directory already open as `dir`.
    pub fn open_in(dir: &File, snapshot_dir: &Path, path: &Path) -> Result<Option<Snapshot>> {
        let (rel, name) = rel_below(snapshot_dir, path)?;
        let gone = |e: &std::io::Error| e.raw_os_error() == Some(libc::ENOENT);
        let opened = sys::fs::open_beneath(dir, rel.parent().unwrap_or(Path::new("")))
            .and_then(|parent| Ok((sys::fs::open_dir_at(&parent, name)?, parent)));
        let (root, parent) = match opened {
            Ok(r) => r,
            Err(e) if gone(&e) => return Ok(None),
            Err(e) => return Err(e).with_context(|| format!("open {}", path.display())),
        };
        let md = root
            .metadata()
            .with_context(|| format!("stat {}", path.display()))?;
        if md.ino() != sys::btrfs::BTRFS_FIRST_FREE_OBJECTID {
            return Err(Error::new(
                ntstatus::ACCESS_DENIED,
                format!(
                    "refusing to touch {}: not a btrfs subvolume",
                    path.display()
                ),
            ));
        }
        Ok(Some(Snapshot {
            parent,
            name: name.to_os_string(),
            root,
            path: path.to_path_buf(),
        }))
    }

    /// Opens the snapshot a catalog entry records, checking that the
    /// subvolume at its path is still the one rvss made (its btrfs UUID, or
    /// for an entry saved before the snapshot existed, its parent UUID).
    /// A subvolume swapped in at that path is refused and left alone.
    pub fn open_entry(snapshot_dir: &Path, e: &Entry) -> Result<Option<Snapshot>> {
        let dir = sys::fs::open_dir(snapshot_dir)
            .with_context(|| format!("open snapshot directory {}", snapshot_dir.display()))?;
        Snapshot::open_entry_in(&dir, snapshot_dir, e)
    }

    /// `open_entry` in the snapshot directory already open as `dir`.
    pub fn open_entry_in(dir: &File, snapshot_dir: &Path, e: &Entry) -> Result<Option<Snapshot>> {
        let Some(s) = Snapshot::open_in(dir, snapshot_dir, Path::new(&e.path))? else {
            return Ok(None);
        };
        let info = sys::btrfs::subvol_info(&s.root)
            .with_context(|| format!("subvolume info of {}", e.path))?;
        let (what, found, want) = match (&e.uuid, &e.source_uuid) {
            (Some(u), _) => ("UUID", uuid_text(&info.uuid), u),
            (None, Some(p)) => {
                // A snapshot of the recorded subvolume, and the one taken
                // right after its entry was written, not another snapshot
                // of that subvolume moved there.
                if !(e.created - 1..=e.created + MAX_TAKING).contains(&info.otime) {
                    return Err(Error::new(
                        ntstatus::ACCESS_DENIED,
                        format!(
                            "refusing to touch {}: it is not the snapshot rvss made (taken at \
                             {}, its catalog entry was written at {})",
                            e.path, info.otime, e.created
                        ),
                    ));
                }
                ("parent UUID", uuid_text(&info.parent_uuid), p)
            }
            // Nothing ties the entry to a subvolume: whatever is at its path
            // (a file anyone who can edit or plant an entry can point at any
            // subvolume) is never acted on. `rvss repair` gives the entry
            // the identity of the snapshot at its path, on the admin's word.
            (None, None) => {
                return Err(Error::new(
                    ntstatus::ACCESS_DENIED,
                    format!(
                        "refusing to touch {}: its catalog entry records no identity (no uuid, \
                         no source_uuid); if it is rvss's snapshot, `rvss repair` records it",
                        e.path
                    ),
                ))
            }
        };
        if !found.eq_ignore_ascii_case(want) {
            return Err(Error::new(
                ntstatus::ACCESS_DENIED,
                format!(
                    "refusing to touch {}: it is not the snapshot rvss made (subvolume {what} {found}, \
                     the catalog records {want})",
                    e.path
                ),
            ));
        }
        Ok(Some(s))
    }

    /// The btrfs UUID of this snapshot.
    pub fn uuid(&self) -> Result<String> {
        sys::btrfs::subvol_info(&self.root)
            .map(|i| uuid_text(&i.uuid))
            .with_context(|| format!("subvolume info of {}", self.path.display()))
    }

    /// The snapshot's root directory, open.
    pub fn root(&self) -> &File {
        &self.root
    }

    /// Deletes the snapshot, and first every subvolume a user made inside
    /// it (`nested`), which would otherwise keep btrfs from deleting it. A
    /// read-only snapshot made writable for that is made read-only again
    /// when the deletion fails.
    pub fn destroy(self) -> Result<()> {
        let what = || format!("delete snapshot {}", self.path.display());
        match sys::btrfs::destroy(&self.parent, &self.name) {
            Err(e) if e.raw_os_error() == Some(libc::ENOTEMPTY) => {}
            other => return other.with_context(what),
        }
        let was_readonly = self.is_readonly()?;
        let done = super::nested::remove_all(&self.root, &self.path)
            .and_then(|_| sys::btrfs::destroy(&self.parent, &self.name).with_context(what));
        if done.is_err() && was_readonly {
            if let Err(e) = self.set_readonly() {
                log::warn!("{e}");
            }
        }
        done
    }

    pub fn set_readonly(&self) -> Result<()> {
        sys::btrfs::set_readonly(&self.root, true)
            .with_context(|| format!("make {} read-only", self.path.display()))
    }

    pub fn is_readonly(&self) -> Result<bool> {
        sys::btrfs::is_readonly(&self.root)
            .with_context(|| format!("flags of {}", self.path.display()))
    }
}

/// A btrfs UUID as text (the hyphenated form `btrfs subvolume show` prints).
pub fn uuid_text(u: &[u8; 16]) -> String {
    uuid::Uuid::from_bytes(*u).hyphenated().to_string()
}

/// The btrfs UUID of the subvolume whose root is open as `root`.
pub fn uuid_of(root: &File) -> std::io::Result<String> {
    sys::btrfs::subvol_info(root).map(|i| uuid_text(&i.uuid))
}

/// `path` relative to `snapshot_dir` and its last component, when it is a
/// plain path strictly below it.
fn rel_below<'p>(snapshot_dir: &Path, path: &'p Path) -> Result<(&'p Path, &'p OsStr)> {
    let outside = || {
        Error::new(
            ntstatus::ACCESS_DENIED,
            format!(
                "{} is outside the snapshot directory {}",
                path.display(),
                snapshot_dir.display()
            ),
        )
    };
    let rel = path.strip_prefix(snapshot_dir).map_err(|_| outside())?;
    if !crate::paths::is_plain_absolute(&Path::new("/").join(rel)) || rel.as_os_str().is_empty() {
        return Err(outside());
    }
    let name = rel.file_name().ok_or_else(outside)?;
    Ok((rel, name))
}

/// `destroy_entry` in the snapshot directory already open as `dir`.
pub fn destroy_entry_in(dir: &File, snapshot_dir: &Path, e: &Entry) -> Result<()> {
    match Snapshot::open_entry_in(dir, snapshot_dir, e)? {
        Some(s) => s.destroy(),
        None => Ok(()),
    }
}

/// Destroys the snapshot a catalog entry records, if it is still the one
/// rvss made (see `Snapshot::open_entry`); gone already is fine.
pub fn destroy_entry(snapshot_dir: &Path, e: &Entry) -> Result<()> {
    match Snapshot::open_entry(snapshot_dir, e)? {
        Some(s) => s.destroy(),
        None => Ok(()),
    }
}

/// Destroys the snapshot at `path` (inside `snapshot_dir`); gone already is fine.
pub fn destroy(snapshot_dir: &Path, path: &Path) -> Result<()> {
    match Snapshot::open(snapshot_dir, path)? {
        Some(s) => s.destroy(),
        None => Ok(()),
    }
}

/// A catalog entry rebuilt from the snapshot at `path` for `rvss repair`,
/// when its own entry is corrupt: identity from btrfs, time from its @GMT
/// name, share unknown. Kept as a retained backup, so that no policy prunes
/// it and gc leaves it alone; None when no snapshot is there.
pub fn rebuild_entry(snapshot_dir: &Path, path: &Path) -> Option<Entry> {
    let s = Snapshot::open(snapshot_dir, path).ok()??;
    let info = sys::btrfs::subvol_info(&s.root).ok()?;
    let name = path.file_name()?.to_str()?;
    let label = name.get(..crate::gmt::TOKEN_LEN).unwrap_or(name);
    let text = path.to_string_lossy().into_owned();
    Some(Entry {
        id: uuid::Uuid::new_v4().to_string(),
        share: String::new(),
        base_volume: String::new(),
        subvolume: String::new(),
        snap_path: text.clone(),
        path: text,
        gmt: label.to_string(),
        created: crate::gmt::parse(label).unwrap_or(0),
        readonly: s.is_readonly().unwrap_or(true),
        state: crate::catalog::State::Retained,
        uuid: Some(uuid_text(&info.uuid)),
        source_uuid: Some(uuid_text(&info.parent_uuid)),
        unreferenced_since: None,
        creator: None,
        restoring: None,
        replica: None,
    })
}

/// `rvss repair`: gives every entry of `catalog` that records no identity
/// (no uuid, no source_uuid: delete, prune and gc refuse it) the UUID and
/// parent UUID of the snapshot at its path, on the admin's word that it is
/// rvss's. Entries whose snapshot is gone are left as they are (gc drops
/// them). Returns the paths identified.
pub fn identify_entries(catalog: &crate::catalog::Catalog) -> Result<Vec<String>> {
    let _lock = catalog.lock()?;
    let mut done = vec![];
    for mut e in catalog.entries()? {
        if e.uuid.is_some() || e.source_uuid.is_some() {
            continue;
        }
        let Some(s) = Snapshot::open(catalog.dir_path(), Path::new(&e.path))? else {
            continue;
        };
        let info = sys::btrfs::subvol_info(&s.root)
            .with_context(|| format!("subvolume info of {}", e.path))?;
        e.uuid = Some(uuid_text(&info.uuid));
        e.source_uuid = Some(uuid_text(&info.parent_uuid));
        catalog.write(&e, crate::catalog::Durability::Now)?;
        done.push(e.path);
    }
    Ok(done)
}
