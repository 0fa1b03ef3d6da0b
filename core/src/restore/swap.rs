//! The staging directory and the one step that brings the restored tree
//! into the share.
//!
//! The staging directory is made fresh (mkdirat, root, 0700) in the
//! directory that will hold the restored object: the same filesystem and
//! the same btrfs subvolume, so that rename(2) can move the tree out of it
//! (across subvolumes it fails with EXDEV). It is checked right after it is
//! made (a root-owned, empty directory on the parent's device, no access
//! for anyone but root) and used through its handle only: a share user may
//! rename it within the parent, but cannot enter it, move it elsewhere
//! (that needs write permission on it) or delete it while it is not empty.
//!
//! Entering the share: renameat2 RENAME_NOREPLACE (nothing there), or with
//! --force RENAME_EXCHANGE with what is there, which then stays in the
//! staging directory, moved aside and never deleted. What was swapped out
//! is compared with the object seen at the name before (device, inode,
//! type); anything else (a user swapped something in) is exchanged back.

use super::{kind, stat_at, Aside, DIR_FLAGS};
use crate::error::{Context, Error, Result};
use crate::ntstatus;
use rustix::fs::{AtFlags, FileType, Mode, RenameFlags, Stat};
use rustix::io::Errno;
use std::ffi::{CStr, CString, OsStr};
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// The restored tree's name inside the staging directory.
pub(super) const STAGED: &CStr = c".rvss-staged";

/// Identity of a filesystem object: device, inode, type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Ident {
    dev: u64,
    ino: u64,
    kind: u32,
}

impl Ident {
    pub fn of(st: &Stat) -> Ident {
        Ident {
            dev: st.st_dev,
            ino: st.st_ino,
            kind: kind(st).as_raw_mode(),
        }
    }
    pub fn is_dir(&self) -> bool {
        self.kind == FileType::Directory.as_raw_mode()
    }
}

fn ident_at(dir: BorrowedFd<'_>, name: &CStr) -> std::result::Result<Option<Ident>, Errno> {
    Ok(stat_at(dir, name)?.map(|s| Ident::of(&s)))
}

/// The staging directory: root's own, next to the restore's target.
pub(super) struct Staging {
    pub fd: OwnedFd,
    pub name: CString,
    ident: Ident,
    /// Its path when it was made (messages; a user may rename it since).
    pub label: PathBuf,
}

pub(super) fn make(parent: BorrowedFd<'_>, parent_label: &Path) -> Result<Staging> {
    let pst =
        rustix::fs::fstat(parent).with_context(|| format!("stat {}", parent_label.display()))?;
    for _ in 0..16 {
        let name = CString::new(format!(".rvss-restore-{}", uuid::Uuid::new_v4().simple()))
            .map_err(|_| Error::invalid("staging name"))?;
        let label = parent_label.join(OsStr::from_bytes(name.as_bytes()));
        match rustix::fs::mkdirat(parent, &name, Mode::from_raw_mode(0o700)) {
            Ok(()) => {}
            Err(Errno::EXIST) => continue,
            Err(e) => return Err(e).with_context(|| format!("create {}", label.display())),
        }
        let fd = rustix::fs::openat(parent, &name, DIR_FLAGS, Mode::empty())
            .with_context(|| format!("open {}", label.display()))?;
        let st = rustix::fs::fstat(&fd).with_context(|| format!("stat {}", label.display()))?;
        // What was made a moment ago, not something a user swapped in: no
        // user can make a root-owned directory.
        let empty = rustix::fs::Dir::read_from(&fd)
            .map(|d| d.filter_map(|e| e.ok()).count() <= 2)
            .unwrap_or(false);
        if st.st_uid != 0
            || kind(&st) != FileType::Directory
            || st.st_dev != pst.st_dev
            || st.st_mode & 0o077 != 0
            || !empty
        {
            return Err(Error::new(
                ntstatus::ACCESS_DENIED,
                format!(
                    "{} is not the staging directory rvss just made (changed by someone else); \
                     nothing was restored",
                    label.display()
                ),
            ));
        }
        return Ok(Staging {
            fd,
            name,
            ident: Ident::of(&st),
            label,
        });
    }
    Err(Error::invalid(format!(
        "no free staging name in {}",
        parent_label.display()
    )))
}

/// Removes the staged tree (only root could reach it: all of it is
/// rvss's), when `STAGED` still is the tree `staged` (None: before it
/// could have entered the share, nothing else can be there).
pub(super) fn remove_staged(s: &Staging, staged: Option<Ident>) {
    let now = ident_at(s.fd.as_fd(), STAGED).ok().flatten();
    if now.is_some() && (staged.is_none() || now == staged) {
        let _ = remove_tree(s.fd.as_fd(), STAGED);
    }
}

fn remove_tree(dp: BorrowedFd<'_>, name: &CStr) -> std::result::Result<(), Errno> {
    let Some(st) = stat_at(dp, name)? else {
        return Ok(());
    };
    if kind(&st) == FileType::Directory {
        let d = rustix::fs::openat(dp, name, DIR_FLAGS, Mode::empty())?;
        let names: Vec<CString> = rustix::fs::Dir::read_from(&d)?
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_owned())
            .filter(|n| n.to_bytes() != b"." && n.to_bytes() != b"..")
            .collect();
        for n in names {
            remove_tree(d.as_fd(), &n)?;
        }
        rustix::fs::unlinkat(dp, name, AtFlags::REMOVEDIR)
    } else {
        rustix::fs::unlinkat(dp, name, AtFlags::empty())
    }
}

/// Removes the (empty) staging directory from `parent`, where a user may
/// have renamed it: at its own name or at `also` (the restore's path),
/// only when the name holds it.
pub(super) fn remove_staging(parent: BorrowedFd<'_>, s: &Staging, also: &CStr) {
    // The one step by name in a directory users write: a user who swaps
    // an empty directory of theirs in between the look and the rmdir
    // loses that empty directory (rmdir removes nothing else).
    for n in [s.name.as_c_str(), also] {
        if ident_at(parent, n).ok().flatten() == Some(s.ident) {
            // Not empty (something was moved aside): ENOTEMPTY, kept.
            let _ = rustix::fs::unlinkat(parent, n, AtFlags::REMOVEDIR);
            return;
        }
    }
}

pub(super) fn collision(label: &Path) -> Error {
    Error::new(
        ntstatus::OBJECT_NAME_COLLISION,
        format!(
            "{} exists; nothing was changed (use --force to put the backup's version in its \
             place; what is there is then moved aside, never deleted)",
            label.display()
        ),
    )
}

fn unsupported(e: Errno) -> bool {
    matches!(e, Errno::INVAL | Errno::NOSYS | Errno::OPNOTSUPP)
}

/// Brings the staged tree into `parent` as `name`; with `force`, exchanges
/// it with what is there. Returns what was moved aside.
pub(super) fn enter(
    parent: BorrowedFd<'_>,
    name: &CStr,
    s: &Staging,
    staged: Ident,
    force: bool,
    label: &Path,
) -> Result<Option<Aside>> {
    let h = s.fd.as_fd();
    for _ in 0..3 {
        let seen = ident_at(parent, name).with_context(|| format!("stat {}", label.display()))?;
        let Some(seen) = seen else {
            match rustix::fs::renameat_with(h, STAGED, parent, name, RenameFlags::NOREPLACE) {
                Ok(()) => return Ok(None),
                // Something appeared since: with --force, exchanged with.
                Err(Errno::EXIST) if force => continue,
                Err(Errno::EXIST) => return Err(collision(label)),
                Err(e) if unsupported(e) => {
                    return enter_without_flags(parent, name, s, staged, None, label)
                }
                Err(e) => {
                    return Err(e).with_context(|| format!("rename into {}", label.display()))
                }
            }
        };
        if seen == s.ident {
            // A user renamed the staging directory itself to the path (they
            // may rename it within its directory): nothing is exchanged
            // with it.
            return Err(Error::new(
                ntstatus::ACCESS_DENIED,
                format!(
                    "someone renamed rvss's staging directory to {}; nothing was restored",
                    label.display()
                ),
            ));
        }
        if !force {
            return Err(collision(label));
        }
        match rustix::fs::renameat_with(h, STAGED, parent, name, RenameFlags::EXCHANGE) {
            Ok(()) => {}
            // Gone since: placed without exchange on the next round.
            Err(Errno::NOENT) => continue,
            Err(e) if unsupported(e) => {
                return enter_without_flags(parent, name, s, staged, Some(seen), label)
            }
            Err(e) => return Err(e).with_context(|| format!("exchange with {}", label.display())),
        }
        let out = ident_at(h, STAGED).ok().flatten();
        if out != Some(seen) {
            // A user swapped something in between the look and the
            // exchange: theirs goes back where it was, nothing is kept.
            let back = rustix::fs::renameat_with(h, STAGED, parent, name, RenameFlags::EXCHANGE);
            let ours_back = ident_at(h, STAGED).ok().flatten() == Some(staged);
            return Err(Error::new(
                ntstatus::ACCESS_DENIED,
                if back.is_ok() && ours_back {
                    format!(
                        "{} was replaced by someone else during the restore; it was left in \
                         place and nothing was changed",
                        label.display()
                    )
                } else {
                    format!(
                        "{} was replaced by someone else during the restore and could not be \
                         put back: what was there is in {} (root only); nothing was deleted",
                        label.display(),
                        s.label.display()
                    )
                },
            ));
        }
        return Ok(Some(aside(s, name, label)));
    }
    Err(Error::new(
        ntstatus::OBJECT_NAME_COLLISION,
        format!(
            "{} kept changing during the restore; nothing was changed",
            label.display()
        ),
    ))
}

/// `p` quoted for sh.
fn quoted(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', "'\\''"))
}

/// The commands that put `aside` back at `label`, the restored version
/// kept next to it.
fn undo(label: &Path, aside: &Path) -> String {
    let mut restored = label.as_os_str().to_owned();
    restored.push(".restored");
    format!(
        "mv -T {0} {1} && mv -T {2} {0}",
        quoted(label),
        quoted(Path::new(&restored)),
        quoted(aside)
    )
}

/// The command that deletes what was moved aside, for good.
fn purge(holding: &Path) -> String {
    format!("rm -rf --one-file-system {}", quoted(holding))
}

/// Moves what was swapped out (now `STAGED` in the staging directory) to
/// its own name there, and says how to get it back or purge it.
fn aside(s: &Staging, name: &CStr, label: &Path) -> Aside {
    let h = s.fd.as_fd();
    let kept = if name == STAGED { c"previous" } else { name };
    let at = if rustix::fs::renameat_with(h, STAGED, h, kept, RenameFlags::NOREPLACE).is_ok() {
        kept
    } else {
        STAGED
    };
    let path = s.label.join(OsStr::from_bytes(at.to_bytes()));
    Aside {
        undo: undo(label, &path),
        purge: purge(&s.label),
        path,
        holding: s.label.clone(),
    }
}

/// Filesystems without renameat2 flags (ceph-fuse may refuse them):
/// - a non-directory enters with linkat, which never replaces a name;
/// - a directory replaces an empty directory rvss made (mkdirat, which
///   never replaces either) at the name a moment before: the one residual
///   risk is a user swapping in an empty directory of theirs within that
///   moment, which the rename then replaces (nothing else can be replaced:
///   rename(2) refuses a non-empty directory and a non-directory);
/// - with --force, what is there is first moved into the staging directory
///   with a plain rename (nothing can exist there under that name), then
///   compared with what was seen; a mismatch is reported, nothing deleted.
pub(super) fn enter_without_flags(
    parent: BorrowedFd<'_>,
    name: &CStr,
    s: &Staging,
    staged: Ident,
    seen: Option<Ident>,
    label: &Path,
) -> Result<Option<Aside>> {
    let h = s.fd.as_fd();
    let mut moved = None;
    if let Some(seen) = seen {
        let kept = if name == STAGED { c"previous" } else { name };
        rustix::fs::renameat(parent, name, h, kept)
            .with_context(|| format!("move {} aside", label.display()))?;
        let a = Aside {
            path: s.label.join(OsStr::from_bytes(kept.to_bytes())),
            holding: s.label.clone(),
            undo: String::new(),
            purge: purge(&s.label),
        };
        if ident_at(h, kept).ok().flatten() != Some(seen) {
            return Err(Error::new(
                ntstatus::ACCESS_DENIED,
                format!(
                    "{} was replaced by someone else during the restore; what was there is \
                     now in {} (root only; nothing was deleted); the restore was not made",
                    label.display(),
                    a.path.display()
                ),
            ));
        }
        moved = Some(a);
    }
    let placed = if staged.is_dir() {
        rustix::fs::mkdirat(parent, name, Mode::from_raw_mode(0o700)).and_then(|()| {
            let made = ident_at(parent, name).ok().flatten();
            rustix::fs::renameat(h, STAGED, parent, name).inspect_err(|_| {
                // Our empty placeholder is not left behind.
                if made.is_some() && ident_at(parent, name).ok().flatten() == made {
                    let _ = rustix::fs::unlinkat(parent, name, AtFlags::REMOVEDIR);
                }
            })
        })
    } else {
        rustix::fs::linkat(h, STAGED, parent, name, AtFlags::empty())
            .and_then(|()| rustix::fs::unlinkat(h, STAGED, AtFlags::empty()))
    };
    match placed {
        Ok(()) => Ok(moved.map(|mut a| {
            a.undo = format!(
                "mv -T '{0}' '{0}.restored' && mv -T '{1}' '{0}'",
                label.display(),
                a.path.display()
            );
            a
        })),
        Err(e) => {
            let mut err = if e == Errno::EXIST {
                collision(label)
            } else {
                Error::with_cause(format!("rename into {}", label.display()), e)
            };
            if let Some(a) = moved {
                err.message = format!(
                    "{}; what was there is in {} (root only; nothing was deleted)",
                    err.message,
                    a.path.display()
                );
            }
            Err(err)
        }
    }
}
