//! The catalog: every snapshot rvss created on one filesystem, kept next to
//! the snapshots (`<snapshot dir>/catalog.json`). Written atomically (temp
//! file, fsync, rename, fsync of the directory) under an exclusive lock that
//! the module and the CLI share, so a crash never loses an entry and a
//! snapshot without an entry is never one rvss may delete.

use crate::error::{Error, Result};
use crate::ntstatus;
use crate::sys::fs::Lock;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub const FILE_NAME: &str = "catalog.json";
const LOCK_NAME: &str = "catalog.lock";
const FORMAT: u32 = 1;
/// How long a hook waits for the lock before failing (never hang smbd).
pub const LOCK_TIMEOUT: Duration = Duration::from_secs(10);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Created for an FSRVP shadow copy that is (or was being) exposed.
    Exposed,
    /// Kept as a backup after FSRVP deleted its shadow copy.
    Retained,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct File {
    format: u32,
    snapshots: Vec<Entry>,
}

/// A loaded catalog, held under its lock until dropped.
pub struct Catalog {
    dir: PathBuf,
    pub entries: Vec<Entry>,
    _lock: Lock,
}

impl Catalog {
    /// Locks and loads the catalog of `dir` (an empty one if none exists).
    pub fn open(dir: &Path) -> Result<Catalog> {
        let lock = Lock::exclusive(&dir.join(LOCK_NAME), LOCK_TIMEOUT)
            .map_err(|e| Error::io(format!("lock catalog in {}", dir.display()), &e))?;
        let path = dir.join(FILE_NAME);
        let entries = match std::fs::read(&path) {
            Ok(bytes) => parse(&bytes).map_err(|why| {
                Error::new(
                    ntstatus::FILE_CORRUPT_ERROR,
                    format!(
                        "catalog {} is corrupt ({why}); rvss deletes nothing until it is repaired",
                        path.display()
                    ),
                )
            })?,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
            Err(e) => return Err(Error::io(format!("read {}", path.display()), &e)),
        };
        Ok(Catalog {
            dir: dir.to_path_buf(),
            entries,
            _lock: lock,
        })
    }

    /// Writes the catalog durably: after this returns, a crash keeps it.
    pub fn save(&self) -> Result<()> {
        let body = serialize(&self.entries);
        let tmp = self
            .dir
            .join(format!(".{FILE_NAME}.{}", std::process::id()));
        let dest = self.dir.join(FILE_NAME);
        let write = || -> std::io::Result<()> {
            let mut f = std::fs::OpenOptions::new()
                .write(true)
                .create(true)
                .truncate(true)
                .open(&tmp)?;
            f.write_all(&body)?;
            f.sync_all()?;
            std::fs::rename(&tmp, &dest)?;
            std::fs::File::open(&self.dir)?.sync_all()
        };
        write().map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            Error::io(format!("write catalog {}", dest.display()), &e)
        })
    }

    pub fn find_snap_path(&self, snap_path: &str) -> Option<usize> {
        self.entries.iter().position(|e| e.snap_path == snap_path)
    }
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
    let mut v = serde_json::to_vec_pretty(&f).unwrap_or_default();
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
}
