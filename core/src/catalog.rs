//! The catalog: every snapshot rvss created on one filesystem, kept next to
//! the snapshots (`<snapshot dir>/catalog.json`). Written atomically (temp
//! file, fsync, rename, fsync of the directory) under an exclusive lock that
//! the module and the CLI share, so a crash never loses an entry and a
//! snapshot without an entry is never one rvss may delete.

use crate::error::{Error, Result};
use crate::ntstatus;
use crate::sys;
use crate::sys::fs::Lock;
use serde::{Deserialize, Serialize};
use std::ffi::OsStr;
use std::io::Read;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const FILE_NAME: &str = "catalog.json";
/// The generation before the last save: what `rvss repair` falls back to.
pub const PREVIOUS_NAME: &str = "catalog.prev.json";
const TEMP_NAME: &str = ".catalog.json.tmp";
const PREVIOUS_TEMP: &str = ".catalog.prev.json.tmp";
const LOCK_NAME: &str = "catalog.lock";
/// Every file of a catalog that rvss opens (the snapshot directory rules
/// require them to be regular files).
pub const FILE_NAMES: [&str; 3] = [FILE_NAME, PREVIOUS_NAME, LOCK_NAME];
const FORMAT: u32 = 1;
/// How long a hook waits for the lock before failing (never hang smbd).
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Created for an FSRVP shadow copy that is (or was being) exposed.
    #[default]
    Exposed,
    /// Kept as a backup after FSRVP deleted its shadow copy.
    Retained,
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
    pub gmt: String,
    /// Unix time the snapshot was made.
    pub created: i64,
    pub readonly: bool,
    pub state: State,
    /// The btrfs UUID of the snapshot subvolume (read by ioctl once it was
    /// made): nothing is deleted, retained or restored at `path` unless the
    /// subvolume there still has it. None only between the entry's first
    /// save and the snapshot (or in catalogs of older versions).
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
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    format: u32,
    snapshots: Vec<Entry>,
}

/// A loaded catalog, held under its lock until dropped. The snapshot
/// directory is opened once, without following a symbolic link, and every
/// catalog file is reached relative to it.
pub struct Catalog {
    dir_path: PathBuf,
    dir: std::fs::File,
    pub entries: Vec<Entry>,
    /// Opened with the shared lock: readable, not writable.
    shared: bool,
    _lock: Lock,
}

fn name(s: &str) -> &OsStr {
    OsStr::new(s)
}

fn read_at(dir: &std::fs::File, file: &str) -> std::io::Result<Option<Vec<u8>>> {
    match sys::fs::open_regular_at(dir, name(file), libc::O_RDONLY, 0) {
        Ok(mut f) => {
            let mut v = vec![];
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
    read_at(&dir, file)
}

impl Catalog {
    /// Locks and loads the catalog of `dir` (an empty one if none exists).
    pub fn open(dir_path: &Path) -> Result<Catalog> {
        Catalog::open_with(dir_path, false)
    }

    /// Loads the catalog under the shared lock, for a reader that needs what
    /// it read to stay (a restore: no prune or gc may remove its source
    /// meanwhile). It cannot be saved.
    pub fn open_shared(dir_path: &Path) -> Result<Catalog> {
        Catalog::open_with(dir_path, true)
    }

    fn open_with(dir_path: &Path, shared: bool) -> Result<Catalog> {
        let dir = sys::fs::open_dir(dir_path).map_err(|e| {
            Error::io(
                format!("open snapshot directory {}", dir_path.display()),
                &e,
            )
        })?;
        let lock = if shared {
            Lock::shared(&dir, name(LOCK_NAME), LOCK_TIMEOUT)
        } else {
            Lock::exclusive(&dir, name(LOCK_NAME), LOCK_TIMEOUT)
        }
        .map_err(|e| Error::io(format!("lock catalog in {}", dir_path.display()), &e))?;
        let path = dir_path.join(FILE_NAME);
        let read = |f: &str| {
            read_at(&dir, f)
                .map_err(|e| Error::io(format!("read {}", dir_path.join(f).display()), &e))
        };
        // Only tampering removes catalog.json; the previous generation is
        // then the best knowledge there is.
        let bytes = match read(FILE_NAME)? {
            Some(b) => Some(b),
            None => read(PREVIOUS_NAME)?,
        };
        let entries = match bytes {
            Some(b) => parse(&b).map_err(|why| {
                Error::new(
                    ntstatus::FILE_CORRUPT_ERROR,
                    format!(
                        "catalog {} is corrupt ({why}); rvss creates and deletes nothing here until \
                         it is repaired (`rvss repair` falls back to {PREVIOUS_NAME})",
                        path.display()
                    ),
                )
            })?,
            None => Vec::new(),
        };
        Ok(Catalog {
            dir_path: dir_path.to_path_buf(),
            dir,
            entries,
            shared,
            _lock: lock,
        })
    }

    /// Writes the catalog durably: after this returns, a crash keeps it.
    pub fn save(&self) -> Result<()> {
        self.write(true)
    }

    /// Writes the catalog so that it becomes durable with the filesystem's
    /// next transaction commit, without waiting for a commit of its own.
    ///
    /// Why that is enough where it is used: btrfs commits transactions
    /// atomically and in order, so a change made before an operation on the
    /// same filesystem is never lost while that operation persists.
    /// - Before a snapshot: BTRFS_IOC_SNAP_CREATE_V2 itself commits the
    ///   transaction holding this write, so the entry is durable before the
    ///   snapshot exists, at no extra flush.
    /// - After destroying a snapshot: a crash can only keep an entry whose
    ///   snapshot is gone (`rvss gc` drops it), never lose one that exists.
    ///
    /// The data itself is written out before the rename, so the renamed file
    /// is never seen empty.
    pub fn save_with_next_commit(&self) -> Result<()> {
        self.write(false)
    }

    fn write(&self, sync: bool) -> Result<()> {
        if self.shared {
            return Err(Error::invalid(
                "the catalog was opened for reading (shared lock); it cannot be saved",
            ));
        }
        let body = serialize(&self.entries);
        let dest = self.dir_path.join(FILE_NAME);
        let write = || -> std::io::Result<()> {
            let mut f = sys::fs::open_file_at(
                &self.dir,
                name(TEMP_NAME),
                libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC,
                0o600,
            )?;
            f.write_all(&body)?;
            if sync {
                f.sync_all()?;
            } else {
                sys::fs::write_out(&f)?;
            }
            // Keep the current generation as the previous one; catalog.json
            // itself is only ever replaced by an atomic rename, so a crash
            // leaves either the old or the new catalog, never neither.
            sys::fs::unlink_at(&self.dir, name(PREVIOUS_TEMP))?;
            match sys::fs::link_at(&self.dir, name(FILE_NAME), name(PREVIOUS_TEMP)) {
                Ok(()) => sys::fs::rename_at(&self.dir, name(PREVIOUS_TEMP), name(PREVIOUS_NAME))?,
                Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {}
                Err(e) => return Err(e),
            }
            sys::fs::rename_at(&self.dir, name(TEMP_NAME), name(FILE_NAME))?;
            if sync {
                self.dir.sync_all()?;
            }
            Ok(())
        };
        write().map_err(|e| {
            let _ = sys::fs::unlink_at(&self.dir, name(TEMP_NAME));
            Error::io(format!("write catalog {}", dest.display()), &e)
        })
    }

    pub fn find_snap_path(&self, snap_path: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.snap_path == snap_path)
    }
}

/// `rvss repair`: replaces a corrupt catalog.json with the previous
/// generation (or an empty catalog when there is none that parses). Returns
/// the number of entries recovered. Never deletes a snapshot.
pub fn repair(dir_path: &Path) -> Result<usize> {
    let dir = sys::fs::open_dir(dir_path).map_err(|e| {
        Error::io(
            format!("open snapshot directory {}", dir_path.display()),
            &e,
        )
    })?;
    let _lock = Lock::exclusive(&dir, name(LOCK_NAME), LOCK_TIMEOUT)
        .map_err(|e| Error::io(format!("lock catalog in {}", dir_path.display()), &e))?;
    let io = |e: std::io::Error| Error::io(format!("repair catalog in {}", dir_path.display()), &e);
    if let Some(b) = read_at(&dir, FILE_NAME).map_err(io)? {
        if let Ok(entries) = parse(&b) {
            return Ok(entries.len());
        }
    }
    let previous = read_at(&dir, PREVIOUS_NAME)
        .map_err(io)?
        .and_then(|b| parse(&b).ok())
        .unwrap_or_default();
    // Keep the damaged file for the admin to inspect.
    let _ = sys::fs::rename_at(&dir, name(FILE_NAME), name("catalog.corrupt.json"));
    let mut f = sys::fs::open_file_at(
        &dir,
        name(TEMP_NAME),
        libc::O_WRONLY | libc::O_CREAT | libc::O_TRUNC,
        0o600,
    )
    .map_err(io)?;
    f.write_all(&serialize(&previous)).map_err(io)?;
    f.sync_all().map_err(io)?;
    sys::fs::rename_at(&dir, name(TEMP_NAME), name(FILE_NAME)).map_err(io)?;
    dir.sync_all().map_err(io)?;
    Ok(previous.len())
}

/// Parses catalog bytes; the error says what is wrong.
pub fn parse(bytes: &[u8]) -> std::result::Result<Vec<Entry>, String> {
    let f: File = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if f.format != FORMAT {
        return Err(format!("unknown catalog format {}", f.format));
    }
    Ok(f.snapshots)
}

pub fn serialize(entries: &[Entry]) -> Vec<u8> {
    let f = File {
        format: FORMAT,
        snapshots: entries.to_vec(),
    };
    // Compact: the whole file is rewritten on every hook.
    let mut v = serde_json::to_vec(&f).unwrap_or_default();
    v.push(b'\n');
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(gmt: &str) -> Entry {
        Entry {
            id: "8e0c6ae4-3c54-4c53-9a5e-0f1f1b0e7b11".into(),
            share: "vm".into(),
            base_volume: "/srv/pool/vol1/vm".into(),
            subvolume: "/srv/pool/vol1".into(),
            path: format!("/srv/pool/.rvss/vol1/{gmt}"),
            snap_path: format!("/srv/pool/.rvss/vol1/{gmt}/vm"),
            gmt: gmt.into(),
            created: 1_764_064_800,
            readonly: true,
            state: State::Exposed,
            ..Default::default()
        }
    }

    #[test]
    fn round_trip() {
        let e = vec![
            entry("@GMT-2025.11.25-10.00.00"),
            entry("@GMT-2025.11.25-10.00.01"),
        ];
        assert_eq!(parse(&serialize(&e)).unwrap(), e);
    }

    #[test]
    fn corrupt_and_torn_input_is_an_error() {
        let good = serialize(&[entry("@GMT-2025.11.25-10.00.00")]);
        for cut in [0, 1, good.len() / 2, good.len() - 3] {
            assert!(parse(&good[..cut]).is_err(), "cut at {cut}");
        }
        assert!(parse(b"garbage").is_err());
        assert!(parse(br#"{"format":2,"snapshots":[]}"#).is_err());
    }

    #[test]
    fn save_and_reload_under_lock() {
        let dir = std::env::temp_dir().join(format!("rvss-catalog-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        {
            let mut c = Catalog::open(&dir).unwrap();
            assert!(c.entries.is_empty());
            c.entries.push(entry("@GMT-2025.11.25-10.00.00"));
            c.save().unwrap();
        }
        let c = Catalog::open(&dir).unwrap();
        assert_eq!(c.entries.len(), 1);
        assert!(c
            .find_snap_path("/srv/pool/.rvss/vol1/@GMT-2025.11.25-10.00.00/vm")
            .is_some());
        drop(c);
        std::fs::write(dir.join(FILE_NAME), b"{\"format\":1,\"snap").unwrap();
        let err = Catalog::open(&dir).err().unwrap();
        assert_eq!(err.status, ntstatus::FILE_CORRUPT_ERROR);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn repair_falls_back_to_the_previous_generation() {
        let dir = std::env::temp_dir().join(format!("rvss-catalog-repair-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for gmt in ["@GMT-2025.11.25-10.00.00", "@GMT-2025.11.25-10.00.01"] {
            let mut c = Catalog::open(&dir).unwrap();
            c.entries.push(entry(gmt));
            c.save().unwrap();
        }
        // The previous generation holds the first entry only.
        assert_eq!(
            parse(&std::fs::read(dir.join(PREVIOUS_NAME)).unwrap())
                .unwrap()
                .len(),
            1
        );
        std::fs::write(dir.join(FILE_NAME), b"").unwrap();
        assert!(Catalog::open(&dir).is_err());
        assert_eq!(repair(&dir).unwrap(), 1);
        assert_eq!(Catalog::open(&dir).unwrap().entries.len(), 1);
        assert!(dir.join("catalog.corrupt.json").exists());
        // A healthy catalog is left alone.
        assert_eq!(repair(&dir).unwrap(), 1);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_symlinked_snapshot_directory_is_refused() {
        let base = std::env::temp_dir().join(format!("rvss-catalog-link-{}", std::process::id()));
        std::fs::create_dir_all(base.join("userdata")).unwrap();
        std::os::unix::fs::symlink(base.join("userdata"), base.join("snaps")).unwrap();
        assert!(Catalog::open(&base.join("snaps")).is_err());
        assert_eq!(
            std::fs::read_dir(base.join("userdata")).unwrap().count(),
            0,
            "nothing written through the link"
        );
        std::fs::remove_dir_all(&base).unwrap();
    }
}
