//! The directory that receives one share's copies on a replication target,
//! `<root>/<share>`: used in-process for a local target, and by `rvss
//! serve-target` on the target host of an SSH one (`serve`), so both kinds
//! keep their copies alike.
//!
//! The directory is rvss's: made 0700 by root, locked while a run works in
//! it, and a marker file names the subvolume being received, so that what a
//! killed transfer left is known to be rvss's and removed by the next run
//! (a transfer that fails removes its own at once).
//! A copy is only ever removed when it is the read-only received copy of the
//! backup the caller names (its received UUID): nothing else there is ever
//! deleted.

use crate::error::{Context, Error, Result};
use crate::sys;
use rustix::fs::{Mode, OFlags};
use serde::{Deserialize, Serialize};
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The lock a run holds on its share's target directory.
const LOCK: &str = ".rvss-replicate.lock";
/// The marker naming the subvolume being received.
const RECEIVING: &str = ".rvss-receiving";
/// The inode number of every btrfs subvolume's root directory.
const SUBVOL_ROOT_INO: u64 = 256;

/// One entry of a share's target directory, as `inventory` reports it (and
/// `rvss serve-target list` prints it, as JSON).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Copy {
    pub name: String,
    /// Whether it is a btrfs subvolume (else any other file).
    pub subvolume: bool,
    pub readonly: bool,
    /// The UUID of the snapshot it was received from (hyphenated); None
    /// for a subvolume made on the target.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received_uuid: Option<String>,
}

/// How a name in the target directory relates to a backup.
#[derive(Debug, PartialEq, Eq)]
pub enum Held {
    No,
    /// A verified copy: received from the backup, read-only.
    Copy,
    /// Something else of that name: never touched.
    Foreign(String),
}

pub fn uuid_text(u: &[u8; 16]) -> String {
    uuid::Uuid::from_bytes(*u).hyphenated().to_string()
}

/// What the entry `name` of `copies` (the inventory of `dir`) is to the
/// backup whose snapshot UUID is `uuid`.
pub fn held(copies: &[Copy], dir: &str, name: &str, uuid: &[u8; 16]) -> Held {
    let Some(c) = copies.iter().find(|c| c.name == name) else {
        return Held::No;
    };
    let shown = format!("{dir}/{name}");
    match (&c.received_uuid, c.subvolume) {
        (_, false) => Held::Foreign(format!("{shown} exists and is not a btrfs subvolume")),
        (Some(r), true) if *r == uuid_text(uuid) && c.readonly => Held::Copy,
        (None, true) => Held::Foreign(format!(
            "{shown} exists and is not a received copy (a transfer rvss did not start?): \
             remove it if it is not needed"
        )),
        (Some(r), true) => Held::Foreign(format!(
            "{shown} exists and is not a copy of this backup (received UUID {r}, wanted {}{})",
            uuid_text(uuid),
            if c.readonly { "" } else { ", and writable" }
        )),
    }
}

/// A name rvss may use for a share's directory or a copy: one plain path
/// component.
pub fn plain_name(what: &str, name: &str) -> Result<()> {
    if name.is_empty() || name.contains('/') || name.contains('\0') || name == "." || name == ".." {
        return Err(Error::invalid(format!(
            "{what} {name:?} cannot name a directory entry"
        )));
    }
    Ok(())
}

/// A share's target directory, locked.
pub struct Store {
    path: PathBuf,
    dir: File,
    _lock: sys::fs::Lock,
}

impl Store {
    /// Opens (making it if needed) `<root>/<share>`; `root` must exist on
    /// btrfs.
    pub fn open(root: &Path, share: &str) -> Result<Store> {
        plain_name("share name", share)?;
        let top = sys::fs::open_dir(root)
            .with_context(|| format!("replication target {}", root.display()))?;
        if !sys::fs::is_btrfs(&top).with_context(|| format!("statfs {}", root.display()))? {
            return Err(Error::invalid(format!(
                "replication target {} is not on btrfs",
                root.display()
            )));
        }
        let path = root.join(share);
        match sys::fs::mkdir_at(&top, OsStr::new(share), Mode::RWXU) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => return Err(Error::with_cause(format!("mkdir {}", path.display()), e)),
        }
        let dir = sys::fs::open_dir_at(&top, share)
            .with_context(|| format!("open {}", path.display()))?;
        let lock = sys::fs::Lock::exclusive(&dir, OsStr::new(LOCK), Duration::from_secs(1))
            .with_context(|| format!("another rvss replicate works in {}", path.display()))?;
        let store = Store {
            path,
            dir,
            _lock: lock,
        };
        store.clean_partial()?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The subvolume `name`'s identity, if `name` is a subvolume root.
    fn subvolume(&self, name: &OsStr) -> Result<Option<(sys::btrfs::SubvolInfo, bool)>> {
        let shown = || self.path.join(name).display().to_string();
        let f = match sys::fs::open_dir_at(&self.dir, name) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            // Not a directory, or a symbolic link (never followed).
            Err(e) if matches!(e.raw_os_error(), Some(libc::ENOTDIR) | Some(libc::ELOOP)) => {
                return Ok(None)
            }
            Err(e) => return Err(Error::with_cause(format!("open {}", shown()), e)),
        };
        let st = rustix::fs::fstat(&f).with_context(|| format!("stat {}", shown()))?;
        if st.st_ino != SUBVOL_ROOT_INO {
            return Ok(None);
        }
        let info = sys::btrfs::subvol_info(&f).with_context(|| format!("subvolume {}", shown()))?;
        let ro = sys::btrfs::is_readonly(&f).with_context(|| format!("flags of {}", shown()))?;
        Ok(Some((info, ro)))
    }

    fn copy_of(&self, name: &OsStr) -> Result<Copy> {
        let sub = self.subvolume(name)?;
        Ok(Copy {
            name: name.to_string_lossy().into_owned(),
            subvolume: sub.is_some(),
            readonly: sub.as_ref().is_some_and(|(_, ro)| *ro),
            received_uuid: sub
                .as_ref()
                .map(|(info, _)| info.received_uuid)
                .filter(|u| *u != [0; 16])
                .map(|u| uuid_text(&u)),
        })
    }

    /// Every entry of the directory but rvss's own lock and marker files,
    /// sorted by name (the `@GMT-` labels sort oldest first).
    pub fn inventory(&self) -> Result<Vec<Copy>> {
        let listing = sys::fs::open_dir_at(&self.dir, ".")
            .with_context(|| format!("open {}", self.path.display()))?;
        let mut names = vec![];
        sys::dir::read_entries(&listing, &mut sys::dir::EntryBuffer::new(), |e| {
            names.push(OsStr::from_bytes(e.name.to_bytes()).to_os_string());
        })
        .with_context(|| format!("read {}", self.path.display()))?;
        names.retain(|n| {
            n.as_os_str() != OsStr::new(LOCK) && n.as_os_str() != OsStr::new(RECEIVING)
        });
        names.sort();
        names.iter().map(|n| self.copy_of(n)).collect()
    }

    /// What `name` is to the backup whose snapshot UUID is `uuid`.
    pub fn holds(&self, name: &str, uuid: &[u8; 16]) -> Result<Held> {
        if !sys::fs::exists_at(&self.dir, OsStr::new(name))
            .with_context(|| format!("stat {}", self.path.join(name).display()))?
        {
            return Ok(Held::No);
        }
        let copy = self.copy_of(OsStr::new(name))?;
        Ok(held(&[copy], &self.path.display().to_string(), name, uuid))
    }

    /// Removes what a killed transfer left: the subvolume the marker names,
    /// unless it is a complete copy. Returns the name removed.
    fn clean_partial(&self) -> Result<Option<OsString>> {
        let marker = sys::fs::read_regular_at(&self.dir, OsStr::new(RECEIVING))
            .with_context(|| format!("read {}", self.path.join(RECEIVING).display()))?;
        let Some(bytes) = marker else {
            return Ok(None);
        };
        let name = OsString::from(String::from_utf8_lossy(&bytes).trim().to_string());
        let mut removed = None;
        if plain_name("copy", &name.to_string_lossy()).is_ok() {
            if let Some((info, ro)) = self.subvolume(&name)? {
                if info.received_uuid == [0; 16] || !ro {
                    sys::btrfs::destroy(&self.dir, &name).with_context(|| {
                        format!(
                            "remove {}, left by an incomplete transfer",
                            self.path.join(&name).display()
                        )
                    })?;
                    log::warn!(
                        "removed {}, left by an incomplete transfer",
                        self.path.join(&name).display()
                    );
                    removed = Some(name);
                }
            }
        }
        self.unmark()?;
        Ok(removed)
    }

    fn mark(&self, name: &OsStr) -> Result<()> {
        let shown = || self.path.join(RECEIVING).display().to_string();
        let mut f = sys::fs::open_regular_at(
            &self.dir,
            OsStr::new(RECEIVING),
            OFlags::WRONLY | OFlags::CREATE | OFlags::TRUNC,
            Mode::RUSR | Mode::WUSR,
        )
        .with_context(|| format!("create {}", shown()))?;
        f.write_all(name.as_encoded_bytes())
            .and_then(|()| f.sync_all())
            .and_then(|()| self.dir.sync_all())
            .with_context(|| format!("write {}", shown()))
    }

    fn unmark(&self) -> Result<()> {
        match sys::fs::unlink_at(&self.dir, OsStr::new(RECEIVING)) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(Error::with_cause(
                format!("remove {}", self.path.join(RECEIVING).display()),
                e,
            )),
        }
    }

    /// Receives the copy `name` of the backup whose snapshot UUID is `uuid`
    /// from the send stream `stream` (`btrfs receive`), and verifies it
    /// (read-only, received UUID `uuid`). A failed transfer's partial
    /// subvolume is removed; nothing else is.
    pub fn receive(&self, name: &str, uuid: &[u8; 16], stream: Stdio) -> Result<PathBuf> {
        plain_name("copy", name)?;
        let path = self.path.join(name);
        match self.holds(name, uuid)? {
            Held::Foreign(why) => return Err(Error::invalid(why)),
            // Received by a run whose answer was lost.
            Held::Copy => return Ok(path),
            Held::No => {}
        }
        self.mark(OsStr::new(name))?;
        let received = Command::new("btrfs")
            .args(["receive", "-q"])
            .arg(&self.path)
            .stdin(stream)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .output()
            .context("run btrfs receive (is btrfs-progs installed?)")?;
        if !received.status.success() {
            let why = last_line(&received.stderr);
            self.clean_partial()?;
            return Err(Error::new(
                crate::ntstatus::UNSUCCESSFUL,
                format!(
                    "btrfs receive into {} failed ({}): {why}",
                    self.path.display(),
                    received.status
                ),
            ));
        }
        if self.holds(name, uuid)? != Held::Copy {
            return Err(Error::invalid(format!(
                "the copy {} is not read-only with the backup's UUID as its received UUID \
                 after btrfs receive; left for inspection",
                path.display()
            )));
        }
        self.unmark()?;
        Ok(path)
    }

    /// The root of the copy `name`, if it is the received copy of `uuid`.
    pub fn open_copy(&self, name: &str, uuid: &[u8; 16]) -> Result<File> {
        plain_name("copy", name)?;
        match self.holds(name, uuid)? {
            Held::Copy => sys::fs::open_dir_at(&self.dir, name)
                .with_context(|| format!("open {}", self.path.join(name).display())),
            Held::No => Err(Error::new(
                crate::ntstatus::OBJECT_NAME_NOT_FOUND,
                format!("{} holds no copy {name}", self.path.display()),
            )),
            Held::Foreign(why) => Err(Error::invalid(why)),
        }
    }

    /// `btrfs send` of the copy `name` (the received copy of `uuid`) into
    /// `out`: a copy brought back for `rvss restore --from-replica`.
    pub fn send(&self, name: &str, uuid: &[u8; 16], out: Stdio) -> Result<()> {
        // Checked to be rvss's copy first.
        drop(self.open_copy(name, uuid)?);
        let sent = Command::new("btrfs")
            .args(["send", "-q"])
            .arg(self.path.join(name))
            .stdin(Stdio::null())
            .stdout(out)
            .stderr(Stdio::piped())
            .output()
            .context("run btrfs send (is btrfs-progs installed?)")?;
        if !sent.status.success() {
            return Err(Error::new(
                crate::ntstatus::UNSUCCESSFUL,
                format!(
                    "btrfs send {} failed ({}): {}",
                    self.path.join(name).display(),
                    sent.status,
                    last_line(&sent.stderr)
                ),
            ));
        }
        Ok(())
    }

    /// Removes the copy `name` if it is the received copy of `uuid`
    /// (target retention); anything else of that name is refused.
    pub fn remove(&self, name: &str, uuid: &[u8; 16]) -> Result<()> {
        plain_name("copy", name)?;
        match self.holds(name, uuid)? {
            Held::Copy => sys::btrfs::destroy(&self.dir, OsStr::new(name))
                .with_context(|| format!("remove {}", self.path.join(name).display())),
            Held::No => Ok(()),
            Held::Foreign(why) => Err(Error::invalid(format!("not removed: {why}"))),
        }
    }
}

/// The last non-empty line of a tool's output.
pub fn last_line(b: &[u8]) -> String {
    String::from_utf8_lossy(b)
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(name: &str, subvolume: bool, readonly: bool, uuid: Option<[u8; 16]>) -> Copy {
        Copy {
            name: name.into(),
            subvolume,
            readonly,
            received_uuid: uuid.map(|u| uuid_text(&u)),
        }
    }

    #[test]
    fn only_a_read_only_copy_received_from_the_backup_counts() {
        let (u, other) = ([7; 16], [8; 16]);
        let copies = [
            c("@GMT-a", true, true, Some(u)),
            c("@GMT-b", true, false, Some(u)),
            c("@GMT-c", true, true, Some(other)),
            c("@GMT-d", true, true, None),
            c("@GMT-e", false, false, None),
        ];
        assert_eq!(held(&copies, "/t", "@GMT-a", &u), Held::Copy);
        assert_eq!(held(&copies, "/t", "@GMT-x", &u), Held::No);
        for name in ["@GMT-b", "@GMT-c", "@GMT-d", "@GMT-e"] {
            assert!(
                matches!(held(&copies, "/t", name, &u), Held::Foreign(ref why) if why.contains(name)),
                "{name}"
            );
        }
    }

    #[test]
    fn names_are_single_components() {
        for bad in ["", ".", "..", "a/b", "/x"] {
            assert!(plain_name("copy", bad).is_err(), "{bad:?}");
        }
        assert!(plain_name("share name", "VM Store").is_ok());
    }
}
