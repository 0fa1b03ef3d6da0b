//! The catalog's store: the files of one snapshot directory's catalog,
//! `<snapshot dir>/catalog.d/` with one small entry file per snapshot, its
//! lock, and every read and write of them (see `catalog` for the
//! guarantees). Only here are entry files named, created, replaced and
//! removed, so that the atomic-rename and no-replace rules hold in one
//! place.

use super::entry::{parse, serialize, Entry};
use super::naming::{entry_name, ENTRY_SUFFIX};
use crate::error::{Context, Error, Result};
use crate::legacy::catalog as legacy;
use crate::ntstatus;
use crate::sys;
use crate::sys::fs::Lock;
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// The directory of entry files.
pub const DIR_NAME: &str = "catalog.d";
const LOCK_NAME: &str = "catalog.lock";
/// Every plain file of a catalog that rvss opens (the snapshot directory
/// rules require them to be regular files when present).
pub const FILE_NAMES: [&str; 3] = [legacy::LEGACY_NAME, legacy::LEGACY_PREVIOUS_NAME, LOCK_NAME];
/// How long a hook waits for the lock before failing (never hang smbd).
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

/// Whether a write must be durable when it returns (`Now`), or may ride on
/// the filesystem's next transaction commit (`WithNextCommit`).
///
/// Why the second is enough where it is used: btrfs commits transactions
/// atomically and in order, so a change made before an operation on the same
/// filesystem is never lost while that operation persists.
/// - Before a snapshot: BTRFS_IOC_SNAP_CREATE_V2 itself commits the
///   transaction holding this write, so the entry is durable before the
///   snapshot exists, at no extra flush.
/// - After destroying a snapshot: a crash can only keep an entry whose
///   snapshot is gone (`rvss gc` drops it), never lose one that exists.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    Now,
    WithNextCommit,
}

/// An entry file that does not parse (or names another snapshot).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Corrupt {
    pub file: PathBuf,
    pub why: String,
}

/// Everything in a catalog directory.
#[derive(Debug, Default)]
pub struct Scan {
    pub entries: Vec<Entry>,
    pub corrupt: Vec<Corrupt>,
}

/// The catalog of one snapshot directory. Opening it takes no lock; the
/// caller takes the lock each change needs (`lock`, `lock_shared`).
pub struct Catalog {
    dir_path: PathBuf,
    dir: File,
    entries_dir: File,
    /// Entries are named after their snapshot's path relative to this:
    /// `dir_path` on btrfs (snapshots lie inside it), `/` on CephFS
    /// (snapshots lie in each share's `.snap`, see `open_rooted`).
    key_root: PathBuf,
    /// Every write durable when it returns: on a filesystem where no
    /// snapshot ioctl commits the catalog's writes (CephFS).
    always_durable: bool,
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// Reads the catalog file `file` of the snapshot directory `dir_path`
/// without the lock (for `rvss doctor`), as the hooks read it: no link
/// followed, anything but a regular file refused; None when missing.
pub fn read_unlocked(dir_path: &Path, file: &str) -> std::io::Result<Option<Vec<u8>>> {
    let dir = sys::fs::open_dir(dir_path)?;
    sys::fs::read_regular_at(&dir, os(file))
}

/// Whether `dir_path` holds a catalog (of this version or a legacy one).
pub fn exists(dir_path: &Path) -> bool {
    [DIR_NAME, legacy::LEGACY_NAME, legacy::LEGACY_PREVIOUS_NAME]
        .iter()
        .any(|n| dir_path.join(n).symlink_metadata().is_ok())
}

/// Takes the lock of the catalog in `dir` exclusively (repair takes it
/// before the store can open a catalog whose legacy file is corrupt).
pub(super) fn lock_dir(dir: &File, dir_path: &Path) -> Result<Lock> {
    Lock::exclusive(dir, os(LOCK_NAME), LOCK_TIMEOUT).map_err(|e| lock_error(dir_path, e))
}

/// The lock-timeout error: NT_STATUS_IO_TIMEOUT, which Samba's FSRVP server
/// answers as FSRVP_E_WAIT_TIMEOUT (a client may retry).
fn lock_error(dir_path: &Path, e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::TimedOut {
        let what = format!(
            "catalog lock in {} not granted within {} s",
            dir_path.display(),
            LOCK_TIMEOUT.as_secs()
        );
        Error::with_cause(what, e).with_status(ntstatus::IO_TIMEOUT)
    } else {
        Error::with_cause(format!("lock catalog in {}", dir_path.display()), e)
    }
}

/// A temporary file name nobody can have planted (created O_EXCL anyway).
fn temp_name() -> OsString {
    OsString::from(format!(".tmp-{}", uuid::Uuid::new_v4().simple()))
}

impl Catalog {
    /// Opens the catalog of `dir_path`, creating its directory the first
    /// time and migrating a legacy catalog.json into it.
    pub fn open(dir_path: &Path) -> Result<Catalog> {
        Catalog::open_with(dir_path, dir_path, false)
    }

    /// `open` on the directory already open as `dir` (the handle whose
    /// rules the caller checked: no path is looked up again).
    pub fn open_at(dir: File, dir_path: &Path) -> Result<Catalog> {
        Catalog::open_handle(dir, dir_path, dir_path, false)
    }

    /// Opens the catalog in `dir_path` of snapshots that lie outside it
    /// (CephFS: `<share>/.snap/<name>`): an entry is named after its
    /// snapshot's path relative to `key_root`, and every write is durable
    /// when it returns (no snapshot ioctl commits it, unlike btrfs).
    pub fn open_rooted(dir_path: &Path, key_root: &Path) -> Result<Catalog> {
        Catalog::open_with(dir_path, key_root, true)
    }

    /// `open_rooted` on the directory already open as `dir` (the handle
    /// whose owner and mode the caller checked: no path is looked up again).
    pub fn open_rooted_at(dir: File, dir_path: &Path, key_root: &Path) -> Result<Catalog> {
        Catalog::open_handle(dir, dir_path, key_root, true)
    }

    fn open_with(dir_path: &Path, key_root: &Path, always_durable: bool) -> Result<Catalog> {
        let dir = sys::fs::open_dir(dir_path)
            .with_context(|| format!("open snapshot directory {}", dir_path.display()))?;
        Catalog::open_handle(dir, dir_path, key_root, always_durable)
    }

    fn open_handle(
        dir: File,
        dir_path: &Path,
        key_root: &Path,
        always_durable: bool,
    ) -> Result<Catalog> {
        let entries_dir = match sys::fs::open_dir_at(&dir, DIR_NAME) {
            Ok(d) => d,
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {
                sys::fs::mkdir_at(&dir, os(DIR_NAME), rustix::fs::Mode::RWXU)
                    .and_then(|()| sys::fs::open_dir_at(&dir, DIR_NAME))
                    .with_context(|| format!("create {}", dir_path.join(DIR_NAME).display()))?
            }
            Err(e) => {
                return Err(e).with_context(|| {
                    format!(
                        "open {} (it must be a directory, not a link)",
                        dir_path.join(DIR_NAME).display()
                    )
                })
            }
        };
        let c = Catalog {
            dir_path: dir_path.to_path_buf(),
            dir,
            entries_dir,
            key_root: key_root.to_path_buf(),
            always_durable,
        };
        // 0.2: a catalog.json is moved into catalog.d first.
        if legacy::pending(&c.dir, dir_path)? {
            let _lock = c.lock()?;
            legacy::migrate(&c.dir, dir_path, &dir_path.join(DIR_NAME), |e| {
                c.write(e, Durability::Now)
            })?;
        }
        Ok(c)
    }

    pub fn dir_path(&self) -> &Path {
        &self.dir_path
    }

    /// What entry names are relative to (`open_rooted`).
    pub(super) fn key_root(&self) -> &Path {
        &self.key_root
    }

    /// The handle of the catalog's directory (opened without following a
    /// link), for a caller that keeps files of its own next to the catalog.
    pub fn dir(&self) -> &File {
        &self.dir
    }

    /// The handle of `catalog.d` (for moving a file into it).
    pub fn entries_dir(&self) -> &File {
        &self.entries_dir
    }

    /// The durability a write gets: always `Now` for a rooted catalog.
    fn durability(&self, asked: Durability) -> Durability {
        if self.always_durable {
            Durability::Now
        } else {
            asked
        }
    }

    /// Takes the catalog lock exclusively (for one change that deletes or
    /// rewrites what others may use); a wait beyond `LOCK_TIMEOUT` answers
    /// NT_STATUS_IO_TIMEOUT.
    pub fn lock(&self) -> Result<Lock> {
        lock_dir(&self.dir, &self.dir_path)
    }

    /// Takes the catalog lock shared: creators and readers do not exclude
    /// each other, only the exclusive changes.
    pub fn lock_shared(&self) -> Result<Lock> {
        Lock::shared(&self.dir, os(LOCK_NAME), LOCK_TIMEOUT)
            .map_err(|e| lock_error(&self.dir_path, e))
    }

    fn rel<'p>(&self, snapshot: &'p Path) -> Result<&'p Path> {
        snapshot
            .strip_prefix(&self.key_root)
            .ok()
            .filter(|r| {
                !r.as_os_str().is_empty()
                    && r.components().all(|c| matches!(c, Component::Normal(_)))
            })
            .ok_or_else(|| {
                Error::new(
                    ntstatus::ACCESS_DENIED,
                    format!(
                        "{} is not a snapshot path inside {}",
                        snapshot.display(),
                        self.key_root.display()
                    ),
                )
            })
    }

    pub(super) fn file_of(&self, snapshot: &Path) -> Result<OsString> {
        Ok(entry_name(self.rel(snapshot)?))
    }

    pub(super) fn shown(&self, file: &OsStr) -> PathBuf {
        self.dir_path.join(DIR_NAME).join(file)
    }

    /// Writes `e` to a new temporary file, written out (durably when
    /// `durable`), and returns its name.
    fn write_temp(&self, e: &Entry, durable: Durability) -> std::io::Result<OsString> {
        let temp = temp_name();
        let mut f = sys::fs::open_file_at(
            &self.entries_dir,
            &temp,
            rustix::fs::OFlags::WRONLY | rustix::fs::OFlags::CREATE | rustix::fs::OFlags::EXCL,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        )?;
        let done = f.write_all(&serialize(e)).and_then(|()| match durable {
            Durability::Now => f.sync_all(),
            Durability::WithNextCommit => sys::fs::write_out(&f),
        });
        if let Err(err) = done {
            let _ = sys::fs::unlink_at(&self.entries_dir, &temp);
            return Err(err);
        }
        Ok(temp)
    }

    /// Reserves the snapshot name of `e.path` by creating its entry (no
    /// lock needed: the entry file is created without replacing). False
    /// when the name is taken. The entry becomes durable with the next
    /// transaction commit (the snapshot's own). Written unnamed, then named
    /// in one step: no temporary name to clean up after a crash, and in a
    /// catalog of thousands one directory item fewer for that commit to
    /// write (each name lands in a leaf of its own).
    pub fn reserve(&self, e: &Entry) -> Result<bool> {
        let file = self.file_of(Path::new(&e.path))?;
        let what = || format!("write catalog entry {}", self.shown(&file).display());
        let durable = self.durability(Durability::WithNextCommit);
        let mut f = match sys::fs::open_unnamed_at(
            &self.entries_dir,
            rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
        ) {
            Ok(f) => f,
            // Filesystems without unnamed files (ceph-fuse): a temporary
            // name, placed without replacing.
            Err(err) if err.raw_os_error() == Some(libc::EOPNOTSUPP) => {
                return self.reserve_by_rename(e, &file, durable)
            }
            Err(err) => return Err(err).with_context(what),
        };
        f.write_all(&serialize(e))
            .and_then(|()| match durable {
                Durability::Now => f.sync_all(),
                Durability::WithNextCommit => sys::fs::write_out(&f),
            })
            .with_context(what)?;
        match sys::fs::link_new_at(&f, &self.entries_dir, &file) {
            Ok(()) => self.named(&file, durable),
            Err(err) if err.raw_os_error() == Some(libc::EEXIST) => Ok(false),
            Err(err) => Err(err).with_context(what),
        }
    }

    pub(super) fn reserve_by_rename(
        &self,
        e: &Entry,
        file: &OsStr,
        durable: Durability,
    ) -> Result<bool> {
        let what = || format!("write catalog entry {}", self.shown(file).display());
        // Taken already: no temporary file written for nothing.
        if sys::fs::exists_at(&self.entries_dir, file)
            .with_context(|| format!("look up {}", self.shown(file).display()))?
        {
            return Ok(false);
        }
        let temp = self.write_temp(e, durable).with_context(what)?;
        let placed = match sys::fs::rename_noreplace_at(&self.entries_dir, &temp, file) {
            // No RENAME_NOREPLACE (ceph-fuse answers EINVAL): a hard link
            // never replaces either (EEXIST); the temporary name goes after.
            Err(err) if err.raw_os_error() == Some(libc::EINVAL) => {
                sys::fs::link_at(&self.entries_dir, &temp, file).map(|()| {
                    let _ = sys::fs::unlink_at(&self.entries_dir, &temp);
                })
            }
            other => other,
        };
        match placed {
            Ok(()) => self.named(file, durable),
            Err(err) => {
                let _ = sys::fs::unlink_at(&self.entries_dir, &temp);
                if err.raw_os_error() == Some(libc::EEXIST) {
                    Ok(false)
                } else {
                    Err(err).with_context(what)
                }
            }
        }
    }

    /// A reserved entry `file` has its name: durable now, when asked.
    fn named(&self, file: &OsStr, durable: Durability) -> Result<bool> {
        if durable == Durability::Now {
            self.entries_dir
                .sync_all()
                .with_context(|| format!("write catalog entry {}", self.shown(file).display()))?;
        }
        Ok(true)
    }

    /// Whether an entry (of any state, corrupt included) holds the name of
    /// the snapshot at `snapshot`.
    pub fn is_taken(&self, snapshot: &Path) -> Result<bool> {
        let file = self.file_of(snapshot)?;
        sys::fs::exists_at(&self.entries_dir, &file)
            .with_context(|| format!("look up {}", self.shown(&file).display()))
    }

    /// Replaces the entry of `e.path` with `e`.
    pub fn write(&self, e: &Entry, durable: Durability) -> Result<()> {
        let durable = self.durability(durable);
        let file = self.file_of(Path::new(&e.path))?;
        let what = || format!("write catalog entry {}", self.shown(&file).display());
        let temp = self.write_temp(e, durable).with_context(what)?;
        sys::fs::rename_at(&self.entries_dir, &temp, &file).map_err(|err| {
            let _ = sys::fs::unlink_at(&self.entries_dir, &temp);
            Error::with_cause(what(), err)
        })?;
        if durable == Durability::Now {
            self.entries_dir.sync_all().with_context(what)?;
        }
        Ok(())
    }

    /// Moves the entry of `old_path` to `e.path` (a retained writable copy
    /// moved among the read-only ones), durably.
    pub fn rename(&self, old_path: &Path, e: &Entry) -> Result<()> {
        self.write(e, Durability::Now)?;
        let old = self.file_of(old_path)?;
        if old != self.file_of(Path::new(&e.path))? {
            self.remove_file(&old, Durability::Now)?;
        }
        Ok(())
    }

    /// Removes the entry of `e.path`.
    pub fn remove(&self, e: &Entry, durable: Durability) -> Result<()> {
        let file = self.file_of(Path::new(&e.path))?;
        self.remove_file(&file, durable)
    }

    fn remove_file(&self, file: &OsStr, durable: Durability) -> Result<()> {
        let durable = self.durability(durable);
        let what = || format!("remove catalog entry {}", self.shown(file).display());
        sys::fs::unlink_at(&self.entries_dir, file).with_context(what)?;
        if durable == Durability::Now {
            self.entries_dir.sync_all().with_context(what)?;
        }
        Ok(())
    }

    fn read_file(&self, file: &OsStr) -> Result<Option<Entry>> {
        let shown = || self.shown(file);
        let Some(bytes) = sys::fs::read_regular_at(&self.entries_dir, file)
            .with_context(|| format!("read {}", shown().display()))?
        else {
            return Ok(None);
        };
        let corrupt = |why: String| {
            Error::new(
                ntstatus::FILE_CORRUPT_ERROR,
                format!(
                    "catalog entry {} is corrupt ({why}); rvss creates and deletes nothing on its \
                     behalf until `rvss repair` rebuilds it",
                    shown().display()
                ),
            )
        };
        let e = parse(&bytes).map_err(corrupt)?;
        // An entry must be the one its name stands for.
        let named = self
            .rel(Path::new(&e.path))
            .map(entry_name)
            .map_err(|_| corrupt(format!("it records {}, outside its directory", e.path)))?;
        if named != file {
            return Err(corrupt(format!("it records another snapshot, {}", e.path)));
        }
        Ok(Some(e))
    }

    /// The entry of the snapshot at `snapshot`.
    pub fn get(&self, snapshot: &Path) -> Result<Option<Entry>> {
        let file = self.file_of(snapshot)?;
        self.read_file(&file)
    }

    /// The entry whose shadow copy is exposed at `snap_path` (a directory
    /// inside its snapshot): only the few prefixes of the path whose last
    /// component is a @GMT name are looked up.
    pub fn find_exposed(&self, snap_path: &str) -> Result<Option<Entry>> {
        let snap = Path::new(snap_path);
        let rel = self.rel(snap)?;
        let mut prefix = self.key_root.clone();
        for c in rel.components() {
            prefix.push(c);
            let is_gmt = c.as_os_str().as_bytes().starts_with(b"@GMT-");
            if !is_gmt {
                continue;
            }
            if let Some(e) = self.get(&prefix)? {
                if e.snap_path == snap_path || snap.starts_with(&e.path) {
                    return Ok(Some(e));
                }
            }
        }
        Ok(None)
    }

    /// Every entry; fails on the first that does not parse (prune and gc:
    /// deciding with part of the catalog unreadable could take a backup).
    pub fn entries(&self) -> Result<Vec<Entry>> {
        let scan = self.scan()?;
        if let Some(c) = scan.corrupt.first() {
            return Err(Error::new(
                ntstatus::FILE_CORRUPT_ERROR,
                format!(
                    "catalog entry {} is corrupt ({}); nothing is pruned or collected in {} \
                     until `rvss repair` rebuilds it",
                    c.file.display(),
                    c.why,
                    self.dir_path.display()
                ),
            ));
        }
        Ok(scan.entries)
    }

    /// Every entry that parses, and what does not.
    pub fn scan(&self) -> Result<Scan> {
        let mut names = vec![];
        let mut buf = sys::dir::EntryBuffer::new();
        // A handle of its own: a directory's read position is per handle.
        let listing = sys::fs::open_dir_at(&self.entries_dir, ".")
            .with_context(|| format!("open {}", self.dir_path.join(DIR_NAME).display()))?;
        sys::dir::read_entries(&listing, &mut buf, |d| {
            let n = d.name.to_bytes();
            if !n.starts_with(b".") && n.ends_with(ENTRY_SUFFIX.as_bytes()) {
                names.push(OsStr::from_bytes(n).to_os_string());
            }
        })
        .with_context(|| format!("read {}", self.dir_path.join(DIR_NAME).display()))?;
        names.sort();
        let mut scan = Scan::default();
        for n in names {
            match self.read_file(&n) {
                Ok(Some(e)) => scan.entries.push(e),
                Ok(None) => {} // removed meanwhile
                Err(e) if e.status == ntstatus::FILE_CORRUPT_ERROR => scan.corrupt.push(Corrupt {
                    file: self.shown(&n),
                    why: e.message,
                }),
                Err(e) => return Err(e),
            }
        }
        Ok(scan)
    }
}
