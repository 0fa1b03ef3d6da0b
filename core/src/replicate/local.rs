//! Replication to a directory on another btrfs filesystem of this host:
//! `btrfs send [-p parent] <backup> | btrfs receive <target>/<share>`, run
//! by the CLI (never in a hook; the btrfs-progs CLI is the transfer engine
//! the kernel's send stream format is made for). Each copy is verified
//! (received UUID, read-only) before the catalog records it.
//!
//! The target directory `<target>/<share>` is rvss's: made 0700 by root,
//! locked while a run works in it, and a marker file names the subvolume
//! being received, so that what a killed transfer left is known to be
//! rvss's and removed by the next run. Nothing else there is ever deleted.

use crate::catalog::{Catalog, Durability, Entry, Replica, State};
use crate::error::{Context, Error, Result};
use crate::sys;
use rustix::fs::{Mode, OFlags};
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

/// The lock a run holds on its share's target directory.
const LOCK: &str = ".rvss-replicate.lock";
/// The marker naming the subvolume being received.
const RECEIVING: &str = ".rvss-receiving";
/// The inode number of every btrfs subvolume's root directory.
const SUBVOL_ROOT_INO: u64 = 256;

/// One backup replicated.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Sent {
    pub share: String,
    pub gmt: String,
    /// The copy on the target.
    pub path: String,
    /// The backup the difference was sent from (its `@GMT-` label); None
    /// for a full send.
    pub parent: Option<String>,
}

/// How a subvolume name in the target directory relates to a backup.
#[derive(Debug, PartialEq, Eq)]
enum Held {
    No,
    /// A verified copy: received from the backup, read-only.
    Copy,
    /// Something else of that name: never touched.
    Foreign(String),
}

/// The share's directory on the target, locked.
struct TargetDir {
    path: PathBuf,
    dir: File,
    _lock: sys::fs::Lock,
}

fn uuid_text(u: &[u8; 16]) -> String {
    uuid::Uuid::from_bytes(*u).hyphenated().to_string()
}

impl TargetDir {
    /// Opens (making it if needed) `<root>/<share>`; `root` must exist on
    /// btrfs.
    fn open(root: &Path, share: &str) -> Result<TargetDir> {
        if share.is_empty() || share.contains('/') || share == "." || share == ".." {
            return Err(Error::invalid(format!(
                "share name {share:?} cannot name a target directory"
            )));
        }
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
        Ok(TargetDir {
            path,
            dir,
            _lock: lock,
        })
    }

    /// The subvolume `name`'s identity, if `name` is a subvolume root.
    fn subvolume(&self, name: &OsStr) -> Result<Option<(sys::btrfs::SubvolInfo, bool)>> {
        let shown = || self.path.join(name).display().to_string();
        let f = match sys::fs::open_dir_at(&self.dir, name) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
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

    fn holds(&self, name: &OsStr, uuid: &[u8; 16]) -> Result<Held> {
        let shown = self.path.join(name);
        if !sys::fs::exists_at(&self.dir, name)
            .with_context(|| format!("stat {}", shown.display()))?
        {
            return Ok(Held::No);
        }
        Ok(match self.subvolume(name)? {
            Some((info, true)) if info.received_uuid == *uuid => Held::Copy,
            Some((info, _)) if info.received_uuid == [0; 16] => Held::Foreign(format!(
                "{} exists and is not a received copy (a transfer rvss did not start?): \
                 remove it if it is not needed",
                shown.display()
            )),
            Some((info, _)) => Held::Foreign(format!(
                "{} exists and is not a copy of this backup (received UUID {}, wanted {})",
                shown.display(),
                uuid_text(&info.received_uuid),
                uuid_text(uuid)
            )),
            None => Held::Foreign(format!(
                "{} exists and is not a btrfs subvolume",
                shown.display()
            )),
        })
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
        let plain = |n: &str| !n.is_empty() && n != "." && n != ".." && !n.contains('/');
        if plain(&name.to_string_lossy()) {
            if let Some((info, ro)) = self.subvolume(&name)? {
                if info.received_uuid == [0; 16] || !ro {
                    sys::btrfs::destroy(&self.dir, &name).with_context(|| {
                        format!(
                            "remove {}, left by a killed transfer",
                            self.path.join(&name).display()
                        )
                    })?;
                    log::warn!(
                        "removed {}, left by a transfer killed midway",
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

    /// `btrfs send [-p parent] source | btrfs receive <dir>`.
    fn receive(&self, source: &Path, parent: Option<&Path>) -> Result<()> {
        let fail = |what: String| Error::new(crate::ntstatus::UNSUCCESSFUL, what);
        let mut send = Command::new("btrfs");
        send.args(["send", "-q"]);
        if let Some(p) = parent {
            send.arg("-p").arg(p);
        }
        let mut sender = send
            .arg(source)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .with_context(|| "run btrfs send (is btrfs-progs installed?)")?;
        let stream = sender
            .stdout
            .take()
            .ok_or_else(|| fail("btrfs send gave no output pipe".into()))?;
        let receiver = Command::new("btrfs")
            .args(["receive", "-q"])
            .arg(&self.path)
            .stdin(Stdio::from(stream))
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn();
        let receiver = match receiver {
            Ok(r) => r,
            Err(e) => {
                let _ = sender.kill();
                let _ = sender.wait();
                return Err(Error::with_cause("run btrfs receive", e));
            }
        };
        // send's errors are read meanwhile: a full stderr pipe would stop
        // it, and the receive waiting for its stream with it.
        let send_errors = sender.stderr.take().map(|mut e| {
            std::thread::spawn(move || {
                let mut buf = vec![];
                let _ = std::io::Read::read_to_end(&mut e, &mut buf);
                buf
            })
        });
        let received = receiver
            .wait_with_output()
            .context("wait for btrfs receive")?;
        let status = sender.wait().context("wait for btrfs send")?;
        let stderr = send_errors.and_then(|t| t.join().ok()).unwrap_or_default();
        let last_line = |b: &[u8]| {
            String::from_utf8_lossy(b)
                .lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("")
                .to_string()
        };
        if !received.status.success() {
            return Err(fail(format!(
                "btrfs receive into {} failed ({}): {}",
                self.path.display(),
                received.status,
                last_line(&received.stderr)
            )));
        }
        if !status.success() {
            return Err(fail(format!(
                "btrfs send {} failed ({status}): {}",
                source.display(),
                last_line(&stderr)
            )));
        }
        Ok(())
    }
}

/// A retained backup to replicate, its snapshot's identity checked.
struct Backup {
    entry: Entry,
    uuid: [u8; 16],
    name: OsString,
}

/// Records (or clears) `e`'s replica in `catalog`, if its entry is still
/// the one read.
fn record(catalog: &Catalog, e: &Entry, replica: Option<Replica>) -> Result<()> {
    let _lock = catalog.lock()?;
    let Some(mut cur) = catalog.get(Path::new(&e.path))? else {
        return Ok(());
    };
    if cur.id != e.id || cur.replica == replica {
        return Ok(());
    }
    cur.replica = replica;
    catalog.write(&cur, Durability::Now)
}

/// Replicates `share`'s retained backups recorded in `catalog` that the
/// local target `root` lacks, oldest first. `uuid_of` answers a backup's
/// snapshot UUID if the snapshot is still the one rvss made (None: gone,
/// skipped). `sent` hears of each copy as it is verified. Stops at the
/// first failure (the source keeps every backup the next run needs).
pub fn replicate(
    catalog: &Catalog,
    share: &str,
    root: &Path,
    uuid_of: &dyn Fn(&Entry) -> Result<Option<[u8; 16]>>,
    sent: &mut dyn FnMut(&Sent),
) -> Result<Vec<Sent>> {
    let target_text = root.display().to_string();
    let mut entries: Vec<Entry> = {
        let _lock = catalog.lock_shared()?;
        catalog.entries()?
    };
    entries.retain(|e| e.state == State::Retained && e.share.eq_ignore_ascii_case(share));
    entries.sort_by(|a, b| (a.created, &a.gmt).cmp(&(b.created, &b.gmt)));

    let target = TargetDir::open(root, share)?;
    target.clean_partial()?;

    let mut backups = vec![];
    for e in entries {
        let Some(uuid) = uuid_of(&e)? else {
            log::warn!(
                "{share}: backup {} vanished ({}), not replicated",
                e.gmt,
                e.path
            );
            continue;
        };
        let name = Path::new(&e.path)
            .file_name()
            .map(OsStr::to_os_string)
            .ok_or_else(|| {
                Error::invalid(format!("catalog entry {} has no snapshot name", e.id))
            })?;
        backups.push(Backup {
            entry: e,
            uuid,
            name,
        });
    }
    let mut sources = vec![];
    for b in &backups {
        let held = target.holds(&b.name, &b.uuid)?;
        if let Held::Foreign(why) = held {
            return Err(Error::invalid(format!("{share}: {why}")));
        }
        let on_target = held == Held::Copy;
        // The catalog follows the target: a copy removed there is no chain
        // parent any more.
        let replica = on_target.then(|| Replica {
            target: target_text.clone(),
            path: target.path.join(&b.name).display().to_string(),
            verified: b
                .entry
                .replica
                .as_ref()
                .filter(|r| r.target == target_text)
                .map_or_else(crate::gmt::now, |r| r.verified),
        });
        if on_target
            || b.entry
                .replica
                .as_ref()
                .is_some_and(|r| r.target == target_text)
        {
            record(catalog, &b.entry, replica)?;
        }
        sources.push(super::Source {
            uuid: b.uuid,
            on_target,
        });
    }

    let mut done = vec![];
    for step in super::plan(&sources) {
        let b = &backups[step.index];
        let parent = step.parent.map(|p| &backups[p]);
        target.mark(&b.name)?;
        target
            .receive(
                Path::new(&b.entry.path),
                parent.map(|p| Path::new(&p.entry.path)),
            )
            .with_context(|| format!("{share}: backup {}", b.entry.gmt))?;
        if target.holds(&b.name, &b.uuid)? != Held::Copy {
            return Err(Error::invalid(format!(
                "{share}: backup {}: the copy in {} is not read-only with the backup's \
                 UUID as its received UUID after btrfs receive; left for inspection",
                b.entry.gmt,
                target.path.display()
            )));
        }
        target.unmark()?;
        let path = target.path.join(&b.name).display().to_string();
        record(
            catalog,
            &b.entry,
            Some(Replica {
                target: target_text.clone(),
                path: path.clone(),
                verified: crate::gmt::now(),
            }),
        )?;
        let s = Sent {
            share: share.to_string(),
            gmt: b.entry.gmt.clone(),
            path,
            parent: parent.map(|p| p.entry.gmt.clone()),
        };
        log::info!(
            "{share}: replicated backup {} to {} ({})",
            s.gmt,
            s.path,
            s.parent
                .as_deref()
                .map_or("full".to_string(), |p| format!("incremental from {p}"))
        );
        sent(&s);
        done.push(s);
    }
    Ok(done)
}
