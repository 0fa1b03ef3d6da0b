//! A snapshot subvolume inside a snapshot directory, reached component by
//! component without following symbolic links, so that nothing outside the
//! snapshot directory can ever be changed or deleted through it.

use crate::error::{Error, Result};
use crate::{layout, ntstatus, sys};
use std::ffi::OsString;
use std::fs::File;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

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
        if !layout::is_plain_absolute(&Path::new("/").join(rel)) || rel.as_os_str().is_empty() {
            return Err(outside());
        }
        let mut parts: Vec<&std::ffi::OsStr> = rel.iter().collect();
        let name = parts.pop().ok_or_else(outside)?;
        let gone = |e: &std::io::Error| e.raw_os_error() == Some(libc::ENOENT);
        let mut parent = sys::fs::open_dir(snapshot_dir).map_err(|e| {
            Error::io(
                format!("open snapshot directory {}", snapshot_dir.display()),
                &e,
            )
        })?;
        for p in parts {
            parent = match sys::fs::open_dir_at(&parent, p) {
                Ok(d) => d,
                Err(e) if gone(&e) => return Ok(None),
                Err(e) => return Err(Error::io(format!("open {}", path.display()), &e)),
            };
        }
        let root = match sys::fs::open_dir_at(&parent, name) {
            Ok(r) => r,
            Err(e) if gone(&e) => return Ok(None),
            Err(e) => return Err(Error::io(format!("open {}", path.display()), &e)),
        };
        let md = root
            .metadata()
            .map_err(|e| Error::io(format!("stat {}", path.display()), &e))?;
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

    pub fn destroy(self) -> Result<()> {
        sys::btrfs::destroy(&self.parent, &self.name)
            .map_err(|e| Error::io(format!("delete snapshot {}", self.path.display()), &e))
    }

    pub fn set_readonly(&self) -> Result<()> {
        sys::btrfs::set_readonly(&self.root, true)
            .map_err(|e| Error::io(format!("make {} read-only", self.path.display()), &e))
    }

    pub fn is_readonly(&self) -> Result<bool> {
        sys::btrfs::is_readonly(&self.root)
            .map_err(|e| Error::io(format!("flags of {}", self.path.display()), &e))
    }
}

/// Destroys the snapshot at `path` (inside `snapshot_dir`); gone already is fine.
pub fn destroy(snapshot_dir: &Path, path: &Path) -> Result<()> {
    match Snapshot::open(snapshot_dir, path)? {
        Some(s) => s.destroy(),
        None => Ok(()),
    }
}
