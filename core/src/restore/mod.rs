//! Restore from a backup: a file or a directory tree brought back from a
//! snapshot into the live share, by reflink on btrfs (FICLONE: instant, no
//! new data blocks) or by copy on CephFS, which has no reflink (holes kept:
//! SEEK_DATA/SEEK_HOLE).
//!
//! rvss restores as root into a tree its users can write, so the live tree
//! is hostile. The restore is assembled where no share user can reach it:
//! a fresh root-only staging directory made in the directory that will hold
//! the result (same filesystem, same btrfs subvolume; stage.rs builds the
//! tree in it, attrs.rs copies owner, mode, times and every extended
//! attribute). Then the whole tree enters the share in one atomic step
//! (swap.rs): renameat2 RENAME_NOREPLACE, or with `force` RENAME_EXCHANGE
//! with what is there, which is moved aside into the staging directory and
//! reported, never deleted. Nothing is ever merged into a directory a share
//! user controls; a restore that fails removes what it staged and leaves
//! the share as it was.
//!
//! Both trees are reached through directory handles, with no symbolic link
//! followed at any component (`sys::fs::open_beneath`, openat2 with
//! RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV, for the way down, O_NOFOLLOW for
//! every entry); each backup object's identity (device, inode, type) is
//! compared with what was listed before it is used.

mod attrs;
mod stage;
mod swap;

use crate::error::{Context, Error, Result};
use crate::sys::fs::open_beneath;
use rustix::fs::{AtFlags, FileType, OFlags, Stat};
use rustix::io::Errno;
use serde::Serialize;
use std::ffi::{CString, OsStr};
use std::os::fd::{AsFd, BorrowedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub files: u64,
    pub dirs: u64,
    pub symlinks: u64,
    /// FIFOs and sockets, made as what they are.
    pub specials: u64,
    /// Names that are a further hard link of a file restored once.
    pub hard_links: u64,
    /// Bytes made available again (shared with the snapshot by reflink,
    /// or copied with `Method::Copy`).
    pub bytes: u64,
    /// Objects of the backup not restored (device nodes), one warning each.
    pub skipped: Vec<Skipped>,
    /// What stood at the restored path and was moved aside (`force`).
    pub aside: Option<Aside>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub path: PathBuf,
    pub kind: String,
}

/// What a forced restore found at its path, kept in a root-only directory
/// next to it (on the same filesystem: moving it back is a rename).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Aside {
    /// Where it is now.
    pub path: PathBuf,
    /// The root-only directory holding it (as named when it was made).
    pub holding: PathBuf,
    /// Shell commands that put it back (the restored version kept as
    /// `<path>.restored`).
    pub undo: String,
    /// Shell command that deletes it for good.
    pub purge: String,
}

/// How a file's data is brought back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// FICLONE (btrfs): shared with the snapshot, nothing copied.
    Reflink,
    /// copy_file_range, or read/write where the filesystem refuses it
    /// (CephFS: no reflink); holes are kept.
    Copy,
}

/// One side of a restore: an open directory and its path (for messages only;
/// the path is never used to reach anything).
pub struct Root<'a> {
    pub dir: BorrowedFd<'a>,
    pub path: &'a Path,
}

const DIR_FLAGS: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

fn cname(name: &OsStr) -> Result<CString> {
    CString::new(name.as_bytes()).map_err(|_| Error::invalid("a path component holds a NUL byte"))
}

fn stat_at(dir: BorrowedFd<'_>, name: &std::ffi::CStr) -> std::result::Result<Option<Stat>, Errno> {
    match rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) => Ok(Some(st)),
        Err(Errno::NOENT) => Ok(None),
        Err(e) => Err(e),
    }
}

fn kind(st: &Stat) -> FileType {
    FileType::from_raw_mode(st.st_mode as _)
}

/// The directory holding `rel` and `rel`'s last component.
fn split(rel: &Path) -> Result<(&Path, CString)> {
    let name = rel
        .file_name()
        .ok_or_else(|| Error::invalid(format!("{} names no file", rel.display())))?;
    Ok((rel.parent().unwrap_or(Path::new("")), cname(name)?))
}

/// Restores `rel` (relative to both roots) from `src` (the share's directory
/// inside a snapshot) into `dst` (the live share). Without `force`, refuses
/// (OBJECT_NAME_COLLISION) when anything exists at `rel`, an empty
/// directory included; with it, what is there is moved aside (see
/// `Report::aside`). The directory holding `rel` must exist in the share.
pub fn restore(src: &Root, dst: &Root, rel: &Path, force: bool) -> Result<Report> {
    restore_with(src, dst, rel, force, Method::Reflink)
}

/// `restore`, bringing file data back by `method`.
pub fn restore_with(
    src: &Root,
    dst: &Root,
    rel: &Path,
    force: bool,
    method: Method,
) -> Result<Report> {
    let (parent, name) = split(rel)?;
    let label = dst.path.join(rel);
    let sp = open_beneath(src.dir, parent)
        .with_context(|| format!("open {}", src.path.join(parent).display()))?;
    let dp = open_beneath(dst.dir, parent).with_context(|| {
        format!(
            "open {} (it must be a directory of the share, reached without links)",
            dst.path.join(parent).display()
        )
    })?;
    if stat_at(sp.as_fd(), &name)
        .with_context(|| format!("stat backup of {}", label.display()))?
        .is_none()
    {
        return Err(Error::new(
            crate::ntstatus::OBJECT_NAME_NOT_FOUND,
            format!("{} is not in the backup", label.display()),
        ));
    }
    // Refused before any work: a later look decides again (swap::enter).
    if !force
        && stat_at(dp.as_fd(), &name)
            .with_context(|| format!("stat {}", label.display()))?
            .is_some()
    {
        return Err(swap::collision(&label));
    }
    let staging = swap::make(dp.as_fd(), &dst.path.join(parent))?;
    let mut report = Report::default();
    let result = match stage(&sp, &name, &staging, method, &label, &mut report) {
        Err(e) => {
            // Failed while staging: all that is there is ours, made where
            // no one else can reach.
            swap::remove_staged(&staging, None);
            Err(e)
        }
        Ok(staged) => {
            swap::enter(dp.as_fd(), &name, &staging, staged, force, &label).inspect_err(|_| {
                // After an exchange that was undone, or half-way through a
                // fallback, the name may hold a user's object: only our
                // own tree is removed.
                swap::remove_staged(&staging, Some(staged));
            })
        }
    };
    // Empty unless something was moved aside (or could not be put back).
    swap::remove_staging(dp.as_fd(), &staging, &name);
    report.aside = result?;
    Ok(report)
}

/// Stages the backup's `name` (in `sp`) as `swap::STAGED` in the staging
/// directory; its identity.
fn stage(
    sp: &std::fs::File,
    name: &std::ffi::CStr,
    staging: &swap::Staging,
    method: Method,
    label: &Path,
    report: &mut Report,
) -> Result<swap::Ident> {
    let mut st = stage::Stager::new(method, staging.fd.as_fd(), report);
    st.entry(
        sp.as_fd(),
        name,
        staging.fd.as_fd(),
        swap::STAGED,
        Path::new(OsStr::from_bytes(swap::STAGED.to_bytes())),
        label,
    )?;
    let staged = stat_at(staging.fd.as_fd(), swap::STAGED)
        .with_context(|| format!("stat staged {}", label.display()))?
        .ok_or_else(|| {
            // The only thing in the backup was a skipped device node.
            Error::invalid(format!(
                "{} is a device node in the backup; not restored",
                label.display()
            ))
        })?;
    Ok(swap::Ident::of(&staged))
}

/// A path relative to a share root, refusing anything that could leave it.
pub fn relative(p: &str) -> Result<PathBuf> {
    let path = Path::new(p.trim_start_matches("./"));
    let ok = !p.is_empty()
        && path
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir))
        && path.file_name().is_some();
    if !ok {
        return Err(Error::invalid(format!(
            "{p:?} must be a path relative to the share root, without '..'"
        )));
    }
    Ok(path.components().collect())
}

#[cfg(test)]
mod tests;
