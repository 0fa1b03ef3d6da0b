//! The catalog: every snapshot rvss created on one filesystem, kept next to
//! the snapshots, one small file per snapshot in `<snapshot dir>/catalog.d/`.
//! A hook reads and writes only the file of the snapshot it works on, so its
//! cost does not grow with the number of snapshots (years of retained
//! backups); listing, pruning and gc read them all.
//!
//! Guarantees:
//! - Each entry file is replaced only by an atomic rename: a crash leaves the
//!   old or the new entry, never a torn one. A new entry is made durable by
//!   the snapshot ioctl's own transaction commit (btrfs commits atomically
//!   and in order), so a snapshot rvss made is always one its catalog knows.
//! - A name is reserved by creating its entry file without replacing
//!   (renameat2 NOREPLACE, or a hard link where the filesystem has no
//!   NOREPLACE, as ceph-fuse): two processes can never take the same
//!   snapshot name, and no lock is held while the snapshot is taken.
//! - The same catalog serves CephFS (`open_rooted`): its snapshots lie
//!   outside its directory, entries are named after their absolute path,
//!   and every write is durable when it returns.
//! - Everything is reached through the snapshot directory's handle without
//!   following a symbolic link; anything but a regular file is refused.
//! - An entry that does not parse is reported, never guessed at: nothing is
//!   deleted on its behalf, and `rvss repair` rebuilds it from its snapshot.
//!
//! Locking (`catalog.lock`, shared by the module and the CLI): deleting a
//! snapshot or rewriting what another process may be using takes the lock
//! exclusively for that one change (delete hook, prune, gc per snapshot,
//! repair, migration); creating, listing and restoring take it shared.

use crate::error::{Error, Result};
use crate::ntstatus;
use crate::sys;
use crate::sys::fs::Lock;
use serde::{Deserialize, Serialize};
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Component, Path, PathBuf};
use std::time::Duration;

/// The directory of entry files.
pub const DIR_NAME: &str = "catalog.d";
/// The single-file catalog of rvss 0.2 and earlier, migrated on first use.
pub const LEGACY_NAME: &str = "catalog.json";
/// Its previous generation (0.2 kept one for `rvss repair`).
pub const LEGACY_PREVIOUS_NAME: &str = "catalog.prev.json";
/// Where a migrated catalog.json is kept for the admin.
pub const MIGRATED_NAME: &str = "catalog.migrated.json";
const LOCK_NAME: &str = "catalog.lock";
/// Every plain file of a catalog that rvss opens (the snapshot directory
/// rules require them to be regular files when present).
pub const FILE_NAMES: [&str; 3] = [LEGACY_NAME, LEGACY_PREVIOUS_NAME, LOCK_NAME];
const LEGACY_FORMAT: u32 = 1;
const FORMAT: u32 = 2;
const ENTRY_SUFFIX: &str = ".json";
/// Where `rvss repair` moves an entry file that does not parse.
const CORRUPT_SUFFIX: &str = ".corrupt";
/// Entry file names longer than this are hashed (NAME_MAX is 255).
const MAX_PLAIN_NAME: usize = 200;
/// How long a hook waits for the lock before failing (never hang smbd).
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Reserved for a snapshot being taken (written by development builds
    /// between 0.2 and 0.3, which recorded `Exposed` after the snapshot;
    /// now an entry is `Exposed` from the start and its `creator` tells
    /// that it is being taken). gc leaves it alone while its creator runs.
    Creating,
    /// Created for an FSRVP shadow copy that is (or was being) exposed.
    #[default]
    Exposed,
    /// Kept as a backup after FSRVP deleted its shadow copy.
    Retained,
}

/// The process that took a snapshot. Its entry is written before the
/// snapshot exists: while the creator runs and the snapshot is not there
/// yet, it is being taken (an ioctl can take seconds under write load) and
/// gc leaves it alone; once the creator is gone, an entry without its
/// snapshot was left behind by a crash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Creator {
    pub pid: u32,
    /// The process's start time (clock ticks after boot, /proc/PID/stat
    /// field 22): a reused pid is another process.
    pub start: u64,
}

impl Creator {
    /// This process (cached per pid: the module runs in forked workers).
    pub fn current() -> Option<Creator> {
        static CACHE: std::sync::Mutex<Option<Creator>> = std::sync::Mutex::new(None);
        let pid = std::process::id();
        let mut cached = CACHE.lock().ok()?;
        if let Some(c) = *cached {
            if c.pid == pid {
                return Some(c);
            }
        }
        let c = Creator {
            pid,
            start: start_time(pid)?,
        };
        *cached = Some(c);
        Some(c)
    }

    /// Whether the process is still running (false when it cannot be seen).
    pub fn is_running(&self) -> bool {
        start_time(self.pid) == Some(self.start)
    }
}

/// Field 22 of /proc/PID/stat; the command name (field 2) may hold spaces
/// and parentheses, so fields are counted after its last ')'.
fn start_time(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = stat.get(stat.rfind(')')? + 1..)?;
    after.split_whitespace().nth(19)?.parse().ok()
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub share: String,
    /// The share path the shadow copy was taken for (Samba's base_volume).
    pub base_volume: String,
    /// Root of the snapshotted subvolume.
    pub subvolume: String,
    /// The snapshot subvolume itself.
    pub path: String,
    /// The share's directory inside the snapshot, as exposed to FSRVP.
    pub snap_path: String,
    /// The @GMT label (the second the snapshot was taken); the snapshot's
    /// own name is the label, or the label and `.N` when several snapshots
    /// of one subvolume were taken in that second.
    pub gmt: String,
    /// Unix time the snapshot was made.
    pub created: i64,
    pub readonly: bool,
    pub state: State,
    /// The btrfs UUID of the snapshot subvolume (read by ioctl once it was
    /// made): nothing is deleted, retained or restored at `path` unless the
    /// subvolume there still has it. None only while the snapshot is being
    /// taken (or in entries rebuilt from older versions).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// The btrfs UUID of the snapshotted subvolume, known before the
    /// snapshot exists: the snapshot's parent UUID must match it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_uuid: Option<String>,
    /// Unix time `rvss gc` first found no share referring to the snapshot;
    /// gc's grace period counts from here, never from `created`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreferenced_since: Option<i64>,
    /// Who took (or is taking) the snapshot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<Creator>,
    /// The `rvss restore` reading from the snapshot (`restoring::Mark`):
    /// while that process runs, prune and gc leave the snapshot alone and
    /// an FSRVP delete is refused. A mark of a process gone is ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restoring: Option<Creator>,
}

impl Entry {
    /// Whether a running `rvss restore` reads from this snapshot.
    pub fn being_restored(&self) -> bool {
        self.restoring.is_some_and(|c| c.is_running())
    }
}

#[derive(Serialize, Deserialize)]
struct EntryFile {
    format: u32,
    snapshot: Entry,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct LegacyFile {
    format: u32,
    snapshots: Vec<Entry>,
}

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

fn read_at(dir: &File, file: &OsStr) -> std::io::Result<Option<Vec<u8>>> {
    match sys::fs::open_regular_at(
        dir,
        file,
        rustix::fs::OFlags::RDONLY,
        rustix::fs::Mode::empty(),
    ) {
        Ok(mut f) => {
            let mut v = Vec::with_capacity(1024);
            f.read_to_end(&mut v)?;
            Ok(Some(v))
        }
        Err(e) if e.raw_os_error() == Some(libc::ENOENT) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads the catalog file `file` of the snapshot directory `dir_path`
/// without the lock (for `rvss doctor`), as the hooks read it: no link
/// followed, anything but a regular file refused; None when missing.
pub fn read_unlocked(dir_path: &Path, file: &str) -> std::io::Result<Option<Vec<u8>>> {
    let dir = sys::fs::open_dir(dir_path)?;
    read_at(&dir, os(file))
}

/// Whether `dir_path` holds a catalog (of this version or a legacy one).
pub fn exists(dir_path: &Path) -> bool {
    [DIR_NAME, LEGACY_NAME, LEGACY_PREVIOUS_NAME]
        .iter()
        .any(|n| dir_path.join(n).symlink_metadata().is_ok())
}

/// The lock-timeout error: NT_STATUS_IO_TIMEOUT, which Samba's FSRVP server
/// answers as FSRVP_E_WAIT_TIMEOUT (a client may retry).
fn lock_error(dir_path: &Path, e: &std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::TimedOut {
        Error::new(
            ntstatus::IO_TIMEOUT,
            format!(
                "catalog lock in {} not granted within {} s: {e}",
                dir_path.display(),
                LOCK_TIMEOUT.as_secs()
            ),
        )
    } else {
        Error::io(format!("lock catalog in {}", dir_path.display()), e)
    }
}

/// The entry file name of the snapshot at `rel` (relative to the snapshot
/// directory): the path with every byte outside `[A-Za-z0-9@._-]` escaped
/// as `%XX`, so that it can be read back by `rvss repair`; a hash where that
/// would be too long (the entry itself then says which snapshot it is).
pub fn entry_name(rel: &Path) -> OsString {
    let mut name = Vec::with_capacity(rel.as_os_str().len() + 8);
    for &b in rel.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'@' | b'.' | b'_' | b'-') {
            name.push(b);
        } else {
            name.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
    }
    if name.len() > MAX_PLAIN_NAME || name.first() == Some(&b'.') {
        let h = fnv1a(rel.as_os_str().as_bytes(), 0xcbf2_9ce4_8422_2325);
        let h2 = fnv1a(rel.as_os_str().as_bytes(), 0x6c62_272e_07bb_0142);
        name = format!("h-{h:016x}{h2:016x}").into_bytes();
    }
    name.extend_from_slice(ENTRY_SUFFIX.as_bytes());
    OsString::from_vec(name)
}

fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    bytes.iter().fold(seed, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The relative snapshot path an entry file name stands for (None for a
/// hashed or foreign name).
pub fn rel_of_entry_name(name: &OsStr) -> Option<PathBuf> {
    let b = name.as_bytes().strip_suffix(ENTRY_SUFFIX.as_bytes())?;
    if b.starts_with(b"h-") && !b.contains(&b'%') && b.len() == 34 {
        return None;
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(PathBuf::from(OsString::from_vec(out)))
}

fn parse_entry(bytes: &[u8]) -> std::result::Result<Entry, String> {
    let f: EntryFile = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if f.format != FORMAT {
        return Err(format!("unknown catalog entry format {}", f.format));
    }
    Ok(f.snapshot)
}

fn serialize_entry(e: &Entry) -> Vec<u8> {
    #[derive(Serialize)]
    struct Out<'a> {
        format: u32,
        snapshot: &'a Entry,
    }
    let mut v = serde_json::to_vec_pretty(&Out {
        format: FORMAT,
        snapshot: e,
    })
    .unwrap_or_default();
    v.push(b'\n');
    v
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
        let dir = sys::fs::open_dir(dir_path).map_err(|e| {
            Error::io(
                format!("open snapshot directory {}", dir_path.display()),
                &e,
            )
        })?;
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
                    .map_err(|e| {
                        Error::io(format!("create {}", dir_path.join(DIR_NAME).display()), &e)
                    })?
            }
            Err(e) => {
                return Err(Error::io(
                    format!(
                        "open {} (it must be a directory, not a link)",
                        dir_path.join(DIR_NAME).display()
                    ),
                    &e,
                ))
            }
        };
        let c = Catalog {
            dir_path: dir_path.to_path_buf(),
            dir,
            entries_dir,
            key_root: key_root.to_path_buf(),
            always_durable,
        };
        if c.has_legacy()? {
            c.migrate()?;
        }
        Ok(c)
    }

    pub fn dir_path(&self) -> &Path {
        &self.dir_path
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
        Lock::exclusive(&self.dir, os(LOCK_NAME), LOCK_TIMEOUT)
            .map_err(|e| lock_error(&self.dir_path, &e))
    }

    /// Takes the catalog lock shared: creators and readers do not exclude
    /// each other, only the exclusive changes.
    pub fn lock_shared(&self) -> Result<Lock> {
        Lock::shared(&self.dir, os(LOCK_NAME), LOCK_TIMEOUT)
            .map_err(|e| lock_error(&self.dir_path, &e))
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

    fn file_of(&self, snapshot: &Path) -> Result<OsString> {
        Ok(entry_name(self.rel(snapshot)?))
    }

    fn shown(&self, file: &OsStr) -> PathBuf {
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
        let done = f
            .write_all(&serialize_entry(e))
            .and_then(|()| match durable {
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
            Err(err) => return Err(Error::io(what(), &err)),
        };
        f.write_all(&serialize_entry(e))
            .and_then(|()| match durable {
                Durability::Now => f.sync_all(),
                Durability::WithNextCommit => sys::fs::write_out(&f),
            })
            .map_err(|err| Error::io(what(), &err))?;
        match sys::fs::link_new_at(&f, &self.entries_dir, &file) {
            Ok(()) => self.named(&file, durable),
            Err(err) if err.raw_os_error() == Some(libc::EEXIST) => Ok(false),
            Err(err) => Err(Error::io(what(), &err)),
        }
    }

    fn reserve_by_rename(&self, e: &Entry, file: &OsStr, durable: Durability) -> Result<bool> {
        let what = || format!("write catalog entry {}", self.shown(file).display());
        // Taken already: no temporary file written for nothing.
        if sys::fs::exists_at(&self.entries_dir, file)
            .map_err(|err| Error::io(format!("look up {}", self.shown(file).display()), &err))?
        {
            return Ok(false);
        }
        let temp = self
            .write_temp(e, durable)
            .map_err(|err| Error::io(what(), &err))?;
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
                    Err(Error::io(what(), &err))
                }
            }
        }
    }

    /// A reserved entry `file` has its name: durable now, when asked.
    fn named(&self, file: &OsStr, durable: Durability) -> Result<bool> {
        if durable == Durability::Now {
            self.entries_dir.sync_all().map_err(|err| {
                Error::io(
                    format!("write catalog entry {}", self.shown(file).display()),
                    &err,
                )
            })?;
        }
        Ok(true)
    }

    /// Whether an entry (of any state, corrupt included) holds the name of
    /// the snapshot at `snapshot`.
    pub fn is_taken(&self, snapshot: &Path) -> Result<bool> {
        let file = self.file_of(snapshot)?;
        sys::fs::exists_at(&self.entries_dir, &file)
            .map_err(|err| Error::io(format!("look up {}", self.shown(&file).display()), &err))
    }

    /// Replaces the entry of `e.path` with `e`.
    pub fn write(&self, e: &Entry, durable: Durability) -> Result<()> {
        let durable = self.durability(durable);
        let file = self.file_of(Path::new(&e.path))?;
        let what = || format!("write catalog entry {}", self.shown(&file).display());
        let temp = self
            .write_temp(e, durable)
            .map_err(|err| Error::io(what(), &err))?;
        sys::fs::rename_at(&self.entries_dir, &temp, &file).map_err(|err| {
            let _ = sys::fs::unlink_at(&self.entries_dir, &temp);
            Error::io(what(), &err)
        })?;
        if durable == Durability::Now {
            self.entries_dir
                .sync_all()
                .map_err(|err| Error::io(what(), &err))?;
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
        sys::fs::unlink_at(&self.entries_dir, file).map_err(|err| Error::io(what(), &err))?;
        if durable == Durability::Now {
            self.entries_dir
                .sync_all()
                .map_err(|err| Error::io(what(), &err))?;
        }
        Ok(())
    }

    fn read_file(&self, file: &OsStr) -> Result<Option<Entry>> {
        let shown = || self.shown(file);
        let Some(bytes) = sys::fs::read_regular_at(&self.entries_dir, file)
            .map_err(|e| Error::io(format!("read {}", shown().display()), &e))?
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
        let e = parse_entry(&bytes).map_err(corrupt)?;
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
        let listing = sys::fs::open_dir_at(&self.entries_dir, ".").map_err(|e| {
            Error::io(
                format!("open {}", self.dir_path.join(DIR_NAME).display()),
                &e,
            )
        })?;
        sys::dir::read_entries(&listing, &mut buf, |d| {
            let n = d.name.to_bytes();
            if !n.starts_with(b".") && n.ends_with(ENTRY_SUFFIX.as_bytes()) {
                names.push(OsStr::from_bytes(n).to_os_string());
            }
        })
        .map_err(|e| {
            Error::io(
                format!("read {}", self.dir_path.join(DIR_NAME).display()),
                &e,
            )
        })?;
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

    fn has_legacy(&self) -> Result<bool> {
        sys::fs::exists_at(&self.dir, os(LEGACY_NAME)).map_err(|e| {
            Error::io(
                format!("look up {}", self.dir_path.join(LEGACY_NAME).display()),
                &e,
            )
        })
    }

    /// Moves a legacy catalog.json into one file per entry (durably), then
    /// renames it to catalog.migrated.json. Idempotent: a crash midway
    /// leaves catalog.json in place and the next open finishes the work.
    fn migrate(&self) -> Result<()> {
        let _lock = self.lock()?;
        if !self.has_legacy()? {
            return Ok(()); // another process migrated it meanwhile
        }
        let legacy = self.dir_path.join(LEGACY_NAME);
        let bytes = read_at(&self.dir, os(LEGACY_NAME))
            .map_err(|e| Error::io(format!("read {}", legacy.display()), &e))?
            .unwrap_or_default();
        let entries = parse_legacy(&bytes).map_err(|why| {
            Error::new(
                ntstatus::FILE_CORRUPT_ERROR,
                format!(
                    "catalog {} is corrupt ({why}); rvss creates and deletes nothing here until \
                     it is repaired (`rvss repair` falls back to {LEGACY_PREVIOUS_NAME})",
                    legacy.display()
                ),
            )
        })?;
        for e in &entries {
            self.write(e, Durability::Now)?;
        }
        sys::fs::rename_at(&self.dir, os(LEGACY_NAME), os(MIGRATED_NAME))
            .and_then(|()| self.dir.sync_all())
            .map_err(|e| Error::io(format!("retire {}", legacy.display()), &e))?;
        log::info!(
            "migrated {} ({} entries) to {}; the old file is kept as {MIGRATED_NAME}",
            legacy.display(),
            entries.len(),
            self.dir_path.join(DIR_NAME).display()
        );
        Ok(())
    }
}

/// What `rvss repair` did in one snapshot directory.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Repaired {
    /// Entries that parse after the repair.
    pub entries: usize,
    /// Corrupt entries rebuilt from their snapshot.
    pub rebuilt: Vec<String>,
    /// Corrupt entry files whose snapshot is gone or unknown: moved aside
    /// (`*.corrupt`), nothing deleted.
    pub set_aside: Vec<String>,
    /// Entries that recorded no identity (no uuid, no source_uuid), given
    /// the one of the snapshot at their path (`snapshot::identify_entries`).
    pub identified: Vec<String>,
}

/// `rvss repair`: makes the catalog of `dir_path` readable again. A corrupt
/// legacy catalog.json falls back to its previous generation; a corrupt
/// entry is rebuilt from its snapshot (identity read from btrfs, share
/// unknown, kept as a retained backup so nothing prunes or collects it) or,
/// when there is no snapshot, moved aside. Never deletes a snapshot.
pub fn repair(dir_path: &Path, rebuild: impl Fn(&Path) -> Option<Entry>) -> Result<Repaired> {
    let dir = sys::fs::open_dir(dir_path).map_err(|e| {
        Error::io(
            format!("open snapshot directory {}", dir_path.display()),
            &e,
        )
    })?;
    let io = |e: std::io::Error| Error::io(format!("repair catalog in {}", dir_path.display()), &e);
    if sys::fs::exists_at(&dir, os(LEGACY_NAME)).map_err(io)? {
        let _lock = Lock::exclusive(&dir, os(LOCK_NAME), LOCK_TIMEOUT)
            .map_err(|e| lock_error(dir_path, &e))?;
        let good = read_at(&dir, os(LEGACY_NAME))
            .map_err(io)?
            .is_some_and(|b| parse_legacy(&b).is_ok());
        if !good {
            let previous = read_at(&dir, os(LEGACY_PREVIOUS_NAME))
                .map_err(io)?
                .and_then(|b| parse_legacy(&b).ok())
                .unwrap_or_default();
            // Keep the damaged file for the admin to inspect.
            let _ = sys::fs::rename_at(&dir, os(LEGACY_NAME), os("catalog.corrupt.json"));
            let temp = temp_name();
            let mut f = sys::fs::open_file_at(
                &dir,
                &temp,
                rustix::fs::OFlags::WRONLY | rustix::fs::OFlags::CREATE | rustix::fs::OFlags::EXCL,
                rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
            )
            .map_err(io)?;
            f.write_all(&serialize_legacy(&previous)).map_err(io)?;
            f.sync_all().map_err(io)?;
            sys::fs::rename_at(&dir, &temp, os(LEGACY_NAME)).map_err(io)?;
            dir.sync_all().map_err(io)?;
        }
    }
    // Opening migrates what the legacy file holds.
    repair_catalog(&Catalog::open(dir_path)?, rebuild)
}

/// The part of `repair` every catalog shares (a rooted one included): each
/// corrupt entry file is moved aside (`*.corrupt`) and rebuilt from the
/// snapshot its name stands for (relative to the catalog's key root), when
/// `rebuild` finds one there. Never deletes a snapshot.
pub fn repair_catalog(
    catalog: &Catalog,
    rebuild: impl Fn(&Path) -> Option<Entry>,
) -> Result<Repaired> {
    let dir_path = catalog.dir_path();
    let io = |e: std::io::Error| Error::io(format!("repair catalog in {}", dir_path.display()), &e);
    let _lock = catalog.lock()?;
    let scan = catalog.scan()?;
    let mut out = Repaired {
        entries: scan.entries.len(),
        ..Default::default()
    };
    for c in scan.corrupt {
        let file = c.file.file_name().unwrap_or_default().to_os_string();
        let snapshot = rel_of_entry_name(&file).map(|r| catalog.key_root.join(r));
        let mut aside = file.clone();
        aside.push(CORRUPT_SUFFIX);
        sys::fs::rename_at(&catalog.entries_dir, &file, &aside).map_err(io)?;
        match snapshot.as_deref().and_then(&rebuild) {
            Some(e) => {
                catalog.write(&e, Durability::Now)?;
                out.entries += 1;
                out.rebuilt.push(e.path);
            }
            None => out
                .set_aside
                .push(catalog.shown(&aside).display().to_string()),
        }
    }
    catalog.entries_dir.sync_all().map_err(io)?;
    Ok(out)
}

/// Parses a legacy (rvss 0.2) catalog.json; the error says what is wrong.
pub fn parse_legacy(bytes: &[u8]) -> std::result::Result<Vec<Entry>, String> {
    let f: LegacyFile = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if f.format != LEGACY_FORMAT {
        return Err(format!("unknown catalog format {}", f.format));
    }
    Ok(f.snapshots)
}

/// A legacy catalog.json holding `entries` (repair, migration tests).
pub fn serialize_legacy(entries: &[Entry]) -> Vec<u8> {
    let f = LegacyFile {
        format: LEGACY_FORMAT,
        snapshots: entries.to_vec(),
    };
    let mut v = serde_json::to_vec(&f).unwrap_or_default();
    v.push(b'\n');
    v
}

/// Parses one entry file (for the fuzzer and doctor).
pub fn parse(bytes: &[u8]) -> std::result::Result<Entry, String> {
    parse_entry(bytes)
}

/// One entry file's bytes.
pub fn serialize(e: &Entry) -> Vec<u8> {
    serialize_entry(e)
}

#[cfg(test)]
mod tests;
