//! Restore from a backup: a file or a directory tree brought back from a
//! snapshot into the live share, by reflink on btrfs (FICLONE: instant, no
//! new data blocks) or by copy on CephFS, which has no reflink
//! (copy_file_range, read/write where that is refused). Nothing is
//! overwritten unless asked; each file lands atomically (written into an
//! unnamed O_TMPFILE, linked under a random name, renamed over; where the
//! filesystem has no O_TMPFILE, as ceph-fuse, written into a file created
//! O_EXCL under a random name, mode 0600, renamed over).
//!
//! rvss restores as root into a tree its users can write, so the live tree
//! is hostile: both trees are walked through directory handles, no symbolic
//! link is followed at any component (openat2 with RESOLVE_BENEATH |
//! RESOLVE_NO_SYMLINKS | RESOLVE_NO_XDEV for the way down, O_NOFOLLOW for
//! every entry), no name is checked and then used, temporary files have no
//! name until their content and metadata are final, and owner, mode and
//! times are set on open handles.

use crate::error::{Error, Result};
use crate::{ntstatus, sys};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags, Stat};
use rustix::io::Errno;
use serde::Serialize;
use std::ffi::{CStr, CString, OsStr};
use std::fs::File;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub files: u64,
    pub dirs: u64,
    pub symlinks: u64,
    /// Bytes made available again (shared with the snapshot by reflink,
    /// or copied with `Method::Copy`).
    pub bytes: u64,
}

/// How a file's data is brought back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// FICLONE (btrfs): shared with the snapshot, nothing copied.
    Reflink,
    /// copy_file_range, or read/write where the filesystem refuses it
    /// (CephFS: no reflink).
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

fn io_err(what: String, e: Errno) -> Error {
    Error::io(what, &std::io::Error::from(e))
}

fn cname(name: &OsStr) -> Result<CString> {
    CString::new(name.as_bytes()).map_err(|_| Error::invalid("a path component holds a NUL byte"))
}

/// Opens the directory `rel` below `root` (`root` itself when empty) with
/// no symbolic link, no `..` escape and no mount crossing on the way.
pub fn open_beneath(root: BorrowedFd<'_>, rel: &Path) -> std::result::Result<OwnedFd, Errno> {
    let path: &Path = if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        rel
    };
    rustix::fs::openat2(
        root,
        path,
        DIR_FLAGS,
        Mode::empty(),
        ResolveFlags::BENEATH | ResolveFlags::NO_SYMLINKS | ResolveFlags::NO_XDEV,
    )
}

fn stat_at(dir: BorrowedFd<'_>, name: &CStr) -> std::result::Result<Option<Stat>, Errno> {
    match rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(st) => Ok(Some(st)),
        Err(Errno::NOENT) => Ok(None),
        Err(e) => Err(e),
    }
}

fn kind(st: &Stat) -> FileType {
    FileType::from_raw_mode(st.st_mode as _)
}

fn entries(dir: BorrowedFd<'_>, label: &Path) -> Result<Vec<CString>> {
    let d = rustix::fs::Dir::read_from(dir)
        .map_err(|e| io_err(format!("read {}", label.display()), e))?;
    let mut out = vec![];
    for e in d {
        let e = e.map_err(|e| io_err(format!("read {}", label.display()), e))?;
        let n = e.file_name();
        if n.to_bytes() != b"." && n.to_bytes() != b".." {
            out.push(n.to_owned());
        }
    }
    Ok(out)
}

fn child(label: &Path, name: &CStr) -> PathBuf {
    label.join(OsStr::from_bytes(name.to_bytes()))
}

/// The directory holding `rel` and `rel`'s last component.
fn split(rel: &Path) -> Result<(&Path, CString)> {
    let name = rel
        .file_name()
        .ok_or_else(|| Error::invalid(format!("{} names no file", rel.display())))?;
    Ok((rel.parent().unwrap_or(Path::new("")), cname(name)?))
}

/// Paths under `dst` that restoring `rel` from `src` would overwrite.
pub fn conflicts(src: &Root, dst: &Root, rel: &Path) -> Result<Vec<PathBuf>> {
    let (parent, name) = split(rel)?;
    let sp = open_beneath(src.dir, parent)
        .map_err(|e| io_err(format!("open {}", src.path.join(parent).display()), e))?;
    let dp = match open_beneath(dst.dir, parent) {
        Ok(d) => d,
        Err(Errno::NOENT) => return Ok(vec![]),
        Err(e) => {
            return Err(io_err(
                format!("open {}", dst.path.join(parent).display()),
                e,
            ))
        }
    };
    let mut out = vec![];
    collect_conflicts(sp.as_fd(), dp.as_fd(), &name, &dst.path.join(rel), &mut out)?;
    Ok(out)
}

fn collect_conflicts(
    sp: BorrowedFd<'_>,
    dp: BorrowedFd<'_>,
    name: &CStr,
    label: &Path,
    out: &mut Vec<PathBuf>,
) -> Result<()> {
    let st = stat_at(sp, name)
        .map_err(|e| io_err(format!("stat {}", label.display()), e))?
        .ok_or_else(|| Error::new(ntstatus::OBJECT_NAME_NOT_FOUND, "vanished from the backup"))?;
    let Some(dt) = stat_at(dp, name).map_err(|e| io_err(format!("stat {}", label.display()), e))?
    else {
        return Ok(());
    };
    if kind(&st) == FileType::Directory && kind(&dt) == FileType::Directory {
        let open = |d| rustix::fs::openat(d, name, DIR_FLAGS, Mode::empty());
        let s = open(sp).map_err(|e| io_err(format!("open {}", label.display()), e))?;
        let d = open(dp).map_err(|e| io_err(format!("open {}", label.display()), e))?;
        for n in entries(s.as_fd(), label)? {
            collect_conflicts(s.as_fd(), d.as_fd(), &n, &child(label, &n), out)?;
        }
    } else {
        out.push(label.to_path_buf());
    }
    Ok(())
}

/// Restores `rel` (relative to both roots) from `src` (the share's directory
/// inside a snapshot) into `dst` (the live share). Without `force`, refuses
/// when anything would be overwritten. The directory holding `rel` must
/// exist in the live share.
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
    if !force {
        let c = conflicts(src, dst, rel)?;
        if let Some(first) = c.first() {
            return Err(Error::new(
                ntstatus::OBJECT_NAME_COLLISION,
                format!(
                    "{} exists ({} path(s) would be overwritten); use --force to overwrite",
                    first.display(),
                    c.len()
                ),
            ));
        }
    }
    let (parent, name) = split(rel)?;
    let sp = open_beneath(src.dir, parent)
        .map_err(|e| io_err(format!("open {}", src.path.join(parent).display()), e))?;
    let dp = open_beneath(dst.dir, parent).map_err(|e| {
        io_err(
            format!(
                "open {} (it must be a directory of the share, reached without links)",
                dst.path.join(parent).display()
            ),
            e,
        )
    })?;
    let mut report = Report::default();
    copy(
        sp.as_fd(),
        dp.as_fd(),
        &name,
        &dst.path.join(rel),
        method,
        &mut report,
    )?;
    Ok(report)
}

fn copy(
    sp: BorrowedFd<'_>,
    dp: BorrowedFd<'_>,
    name: &CStr,
    label: &Path,
    method: Method,
    r: &mut Report,
) -> Result<()> {
    let st = stat_at(sp, name)
        .map_err(|e| io_err(format!("stat {}", label.display()), e))?
        .ok_or_else(|| {
            Error::new(
                ntstatus::OBJECT_NAME_NOT_FOUND,
                format!("{} is not in the backup", label.display()),
            )
        })?;
    match kind(&st) {
        FileType::Directory => {
            let s = rustix::fs::openat(sp, name, DIR_FLAGS, Mode::empty())
                .map_err(|e| io_err(format!("open backup of {}", label.display()), e))?;
            let d = open_or_make_dir(dp, name, label)?;
            for n in entries(s.as_fd(), label)? {
                copy(s.as_fd(), d.as_fd(), &n, &child(label, &n), method, r)?;
            }
            apply_metadata(d.as_fd(), &st, label)?;
            r.dirs += 1;
        }
        FileType::RegularFile => {
            let from = rustix::fs::openat(
                sp,
                name,
                OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NONBLOCK,
                Mode::empty(),
            )
            .map_err(|e| io_err(format!("open backup of {}", label.display()), e))?;
            let fst = rustix::fs::fstat(&from)
                .map_err(|e| io_err(format!("stat backup of {}", label.display()), e))?;
            if kind(&fst) != FileType::RegularFile || fst.st_ino != st.st_ino {
                return Err(Error::invalid(format!(
                    "backup of {} changed while it was restored",
                    label.display()
                )));
            }
            // No name until the content and metadata are final: nothing a
            // user plants can be opened, truncated or chmod-ed in its place.
            let from = File::from(from);
            match rustix::fs::openat(
                dp,
                c".",
                OFlags::WRONLY | OFlags::TMPFILE | OFlags::CLOEXEC,
                Mode::from_raw_mode(0o600),
            ) {
                Ok(tmp) => {
                    let tmp = File::from(tmp);
                    fill(&from, &tmp, method, label)?;
                    apply_metadata(tmp.as_fd(), &st, label)?;
                    land(dp, name, label, |dir, temp| {
                        rustix::fs::linkat(&tmp, c"", dir, temp, AtFlags::EMPTY_PATH)
                    })?;
                }
                // No O_TMPFILE here (ceph-fuse): a new file under a random
                // name, created O_EXCL (nothing planted there is opened),
                // readable by root only until its metadata is final.
                Err(Errno::OPNOTSUPP | Errno::ISDIR | Errno::INVAL) => {
                    let (tmp, temp) = create_temp(dp, label)?;
                    let done = fill(&from, &tmp, method, label)
                        .and_then(|()| apply_metadata(tmp.as_fd(), &st, label))
                        .and_then(|()| replace(dp, &temp, name, label));
                    if done.is_err() {
                        let _ = rustix::fs::unlinkat(dp, &temp, AtFlags::empty());
                    }
                    done?;
                }
                Err(e) => {
                    return Err(io_err(
                        format!("create a temporary file for {}", label.display()),
                        e,
                    ))
                }
            }
            r.files += 1;
            r.bytes += st.st_size as u64;
        }
        FileType::Symlink => {
            let target = rustix::fs::readlinkat(sp, name, Vec::new())
                .map_err(|e| io_err(format!("read link {}", label.display()), e))?;
            land(dp, name, label, |dir, temp| {
                rustix::fs::symlinkat(target.as_c_str(), dir, temp)?;
                // Owner set on the link itself, through an O_PATH handle
                // that is checked to be the link just made.
                let fd = rustix::fs::openat(
                    dir,
                    temp,
                    OFlags::PATH | OFlags::NOFOLLOW | OFlags::CLOEXEC,
                    Mode::empty(),
                )?;
                let lst = rustix::fs::fstat(&fd)?;
                if kind(&lst) != FileType::Symlink {
                    return Err(Errno::PERM);
                }
                sys::fs::chown_fd(fd.as_fd(), st.st_uid, st.st_gid)
                    .map_err(|e| Errno::from_io_error(&e).unwrap_or(Errno::IO))
            })?;
            r.symlinks += 1;
        }
        _ => {
            return Err(Error::invalid(format!(
                "{} is not a file, directory or symbolic link in the backup",
                label.display()
            )))
        }
    }
    Ok(())
}

/// Writes the data of `from` into `to` by `method`.
fn fill(from: &File, to: &File, method: Method, label: &Path) -> Result<()> {
    match method {
        Method::Reflink => sys::fs::reflink(from, to)
            .map_err(|e| Error::io(format!("reflink {}", label.display()), &e)),
        Method::Copy => {
            copy_data(from, to).map_err(|e| Error::io(format!("copy {}", label.display()), &e))
        }
    }
}

/// Copies the whole of `from` into the empty `to`: copy_file_range (the
/// filesystem may copy without the data passing through here), read/write
/// where the filesystem or the kernel refuses it.
fn copy_data(from: &File, to: &File) -> std::io::Result<()> {
    let mut copied = 0u64;
    loop {
        match rustix::fs::copy_file_range(from, None, to, None, 1 << 30) {
            Ok(0) => return Ok(()),
            Ok(n) => copied += n as u64,
            Err(Errno::INTR) => {}
            Err(Errno::XDEV | Errno::NOSYS | Errno::OPNOTSUPP | Errno::INVAL | Errno::IO)
                if copied == 0 =>
            {
                break
            }
            Err(e) => return Err(e.into()),
        }
    }
    // Nothing was copied yet: the offsets of both files are still 0.
    let mut buf = vec![0u8; 1 << 20];
    let (mut from, mut to) = (from, to);
    loop {
        let n = match std::io::Read::read(&mut from, &mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        std::io::Write::write_all(&mut to, &buf[..n])?;
    }
}

/// A new empty file in `dp` under a random name nobody could have planted
/// (O_CREAT | O_EXCL: a link or file there is an error, never opened),
/// mode 0600 until its metadata is applied.
fn create_temp(dp: BorrowedFd<'_>, label: &Path) -> Result<(File, CString)> {
    for _ in 0..16 {
        let t = CString::new(format!(".rvss-restore.{}", uuid::Uuid::new_v4().simple()))
            .map_err(|_| Error::invalid("temporary name"))?;
        match rustix::fs::openat(
            dp,
            &t,
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o600),
        ) {
            Ok(f) => return Ok((File::from(f), t)),
            Err(Errno::EXIST) => continue,
            Err(e) => {
                return Err(io_err(
                    format!("create a temporary file for {}", label.display()),
                    e,
                ))
            }
        }
    }
    Err(Error::invalid(format!(
        "no free temporary name next to {}",
        label.display()
    )))
}

/// Makes `make(dir, temp)` create the new entry under a random name nobody
/// could have planted (linkat and symlinkat never follow or replace what is
/// there: EEXIST), then renames it over `name`. A directory in the way is
/// removed first (the caller checked conflicts or was told to force).
fn land(
    dp: BorrowedFd<'_>,
    name: &CStr,
    label: &Path,
    make: impl Fn(BorrowedFd<'_>, &CStr) -> std::result::Result<(), Errno>,
) -> Result<()> {
    let mut temp = None;
    for _ in 0..16 {
        let t = CString::new(format!(".rvss-restore.{}", uuid::Uuid::new_v4().simple()))
            .map_err(|_| Error::invalid("temporary name"))?;
        match make(dp, &t) {
            Ok(()) => {
                temp = Some(t);
                break;
            }
            Err(Errno::EXIST) => continue,
            Err(e) => {
                let _ = rustix::fs::unlinkat(dp, &t, AtFlags::empty());
                return Err(io_err(format!("create {}", label.display()), e));
            }
        }
    }
    let temp = temp.ok_or_else(|| {
        Error::invalid(format!(
            "no free temporary name next to {}",
            label.display()
        ))
    })?;
    let result = replace(dp, &temp, name, label);
    if result.is_err() {
        let _ = rustix::fs::unlinkat(dp, &temp, AtFlags::empty());
    }
    result
}

/// Renames `temp` over `name` (both in `dp`); a directory in the way is
/// removed first (the caller checked conflicts or was told to force).
fn replace(dp: BorrowedFd<'_>, temp: &CStr, name: &CStr, label: &Path) -> Result<()> {
    if let Some(d) =
        stat_at(dp, name).map_err(|e| io_err(format!("stat {}", label.display()), e))?
    {
        if kind(&d) == FileType::Directory {
            remove_tree(dp, name, label)?;
        }
    }
    rustix::fs::renameat(dp, temp, dp, name)
        .map_err(|e| io_err(format!("rename to {}", label.display()), e))
}

/// The directory `name` inside `dp`, made (mode 0700 until its metadata is
/// applied) when missing; anything else in its place is removed first.
fn open_or_make_dir(dp: BorrowedFd<'_>, name: &CStr, label: &Path) -> Result<OwnedFd> {
    match stat_at(dp, name).map_err(|e| io_err(format!("stat {}", label.display()), e))? {
        Some(d) if kind(&d) == FileType::Directory => {}
        Some(_) => rustix::fs::unlinkat(dp, name, AtFlags::empty())
            .map_err(|e| io_err(format!("remove {}", label.display()), e))?,
        None => {}
    }
    match rustix::fs::mkdirat(dp, name, Mode::from_raw_mode(0o700)) {
        Ok(()) | Err(Errno::EXIST) => {}
        Err(e) => return Err(io_err(format!("create {}", label.display()), e)),
    }
    // Swapped for a link since: ELOOP or ENOTDIR, and nothing is written.
    rustix::fs::openat(dp, name, DIR_FLAGS, Mode::empty())
        .map_err(|e| io_err(format!("open {}", label.display()), e))
}

/// Removes `name` inside `dp` and, for a directory, everything below it,
/// through handles only.
fn remove_tree(dp: BorrowedFd<'_>, name: &CStr, label: &Path) -> Result<()> {
    let Some(st) = stat_at(dp, name).map_err(|e| io_err(format!("stat {}", label.display()), e))?
    else {
        return Ok(());
    };
    if kind(&st) == FileType::Directory {
        let d = rustix::fs::openat(dp, name, DIR_FLAGS, Mode::empty())
            .map_err(|e| io_err(format!("open {}", label.display()), e))?;
        for n in entries(d.as_fd(), label)? {
            remove_tree(d.as_fd(), &n, &child(label, &n))?;
        }
        rustix::fs::unlinkat(dp, name, AtFlags::REMOVEDIR)
    } else {
        rustix::fs::unlinkat(dp, name, AtFlags::empty())
    }
    .map_err(|e| io_err(format!("remove {}", label.display()), e))
}

/// Owner, mode and times as they were in the backup, set on the open
/// handle (owner first: a chown clears set-id bits).
fn apply_metadata(fd: BorrowedFd<'_>, st: &Stat, label: &Path) -> Result<()> {
    sys::fs::chown_fd(fd, st.st_uid, st.st_gid)
        .map_err(|e| Error::io(format!("chown {}", label.display()), &e))?;
    rustix::fs::fchmod(fd, Mode::from_raw_mode((st.st_mode & 0o7777) as _))
        .map_err(|e| io_err(format!("chmod {}", label.display()), e))?;
    let ts = |sec: i64, nsec: i64| rustix::fs::Timespec {
        tv_sec: sec as _,
        tv_nsec: nsec as _,
    };
    let times = rustix::fs::Timestamps {
        last_access: ts(st.st_atime as i64, st.st_atime_nsec as i64),
        last_modification: ts(st.st_mtime as i64, st.st_mtime_nsec as i64),
    };
    rustix::fs::futimens(fd, &times)
        .map_err(|e| io_err(format!("set times of {}", label.display()), e))
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
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn relative_paths_stay_inside() {
        assert_eq!(
            relative("vm/disk.vhdx").unwrap(),
            PathBuf::from("vm/disk.vhdx")
        );
        assert_eq!(relative("./a").unwrap(), PathBuf::from("a"));
        for bad in ["", "/etc/passwd", "../x", "a/../../b", ".", "./"] {
            assert!(relative(bad).is_err(), "{bad}");
        }
    }

    fn root<'a>(dir: &'a File, path: &'a Path) -> Root<'a> {
        Root {
            dir: dir.as_fd(),
            path,
        }
    }

    fn roots(base: &Path) -> (File, File) {
        let (src, dst) = (base.join("src"), base.join("dst"));
        (
            sys::fs::open_dir(&src).unwrap(),
            sys::fs::open_dir(&dst).unwrap(),
        )
    }

    #[test]
    fn conflicts_are_found_before_anything_is_written() {
        let base = std::env::temp_dir().join(format!("rvss-restore-test-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        let (src, dst) = (base.join("src"), base.join("dst"));
        fs::create_dir_all(src.join("d")).unwrap();
        fs::create_dir_all(dst.join("d")).unwrap();
        fs::write(src.join("d/a"), "a").unwrap();
        fs::write(src.join("d/b"), "b").unwrap();
        fs::write(dst.join("d/b"), "live").unwrap();
        let (s, d) = roots(&base);
        let (s, d) = (root(&s, &src), root(&d, &dst));
        let rel = Path::new("d");
        assert_eq!(conflicts(&s, &d, rel).unwrap(), vec![dst.join("d/b")]);
        let err = restore(&s, &d, rel, false).unwrap_err();
        assert_eq!(err.status, ntstatus::OBJECT_NAME_COLLISION);
        assert!(
            !dst.join("d/a").exists(),
            "nothing may be written when refusing"
        );
        fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn copy_restores_content_mode_and_times() {
        let base = std::env::temp_dir().join(format!("rvss-restore-copy-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        let (src, dst) = (base.join("src"), base.join("dst"));
        fs::create_dir_all(src.join("d/e")).unwrap();
        fs::create_dir_all(&dst).unwrap();
        let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        fs::write(src.join("d/big"), &big).unwrap();
        fs::write(src.join("d/e/empty"), "").unwrap();
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(src.join("d/big"), fs::Permissions::from_mode(0o640)).unwrap();
        let old = rustix::fs::Timestamps {
            last_access: rustix::fs::Timespec {
                tv_sec: 1_000_000_000,
                tv_nsec: 5,
            },
            last_modification: rustix::fs::Timespec {
                tv_sec: 1_000_000_001,
                tv_nsec: 7,
            },
        };
        rustix::fs::utimensat(rustix::fs::CWD, src.join("d/big"), &old, AtFlags::empty()).unwrap();
        // Something in the way, and a name a previous version would have
        // used planted as a link: neither is written through.
        fs::write(dst.join("victim"), "victim").unwrap();
        fs::create_dir_all(dst.join("d")).unwrap();
        std::os::unix::fs::symlink(dst.join("victim"), dst.join("d/big")).unwrap();
        let (s, d) = roots(&base);
        let (s, d) = (root(&s, &src), root(&d, &dst));
        let err = restore_with(&s, &d, Path::new("d"), false, Method::Copy).unwrap_err();
        assert_eq!(err.status, ntstatus::OBJECT_NAME_COLLISION);
        let r = restore_with(&s, &d, Path::new("d"), true, Method::Copy).unwrap();
        assert_eq!((r.files, r.dirs, r.bytes), (2, 2, big.len() as u64));
        assert_eq!(fs::read(dst.join("d/big")).unwrap(), big);
        assert_eq!(fs::read_to_string(dst.join("victim")).unwrap(), "victim");
        let m = fs::symlink_metadata(dst.join("d/big")).unwrap();
        assert!(m.is_file());
        assert_eq!(m.permissions().mode() & 0o7777, 0o640);
        use std::os::unix::fs::MetadataExt;
        assert_eq!((m.mtime(), m.mtime_nsec()), (1_000_000_001, 7));
        assert!(dst.join("d/e/empty").is_file());
        // The named temporary file the fallback uses: private, fresh.
        let dd = sys::fs::open_dir(&dst).unwrap();
        let (_f, t) = create_temp(dd.as_fd(), &dst).unwrap();
        let tm = fs::symlink_metadata(dst.join(OsStr::from_bytes(t.to_bytes()))).unwrap();
        assert_eq!(tm.permissions().mode() & 0o777, 0o600);
        replace(dd.as_fd(), &t, c"d", &dst.join("d")).unwrap();
        assert!(fs::symlink_metadata(dst.join("d")).unwrap().is_file());
        fs::remove_dir_all(&base).unwrap();
    }

    #[test]
    fn links_in_the_live_tree_are_never_followed() {
        // Directories and links only: regular files need a reflink-capable
        // filesystem, which the e2e tests (e2e_safety) provide.
        let base = std::env::temp_dir().join(format!("rvss-restore-links-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        let (src, dst, outside) = (base.join("src"), base.join("dst"), base.join("outside"));
        fs::create_dir_all(src.join("d/e")).unwrap();
        fs::create_dir_all(&dst).unwrap();
        fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink("backup-target", src.join("d/l")).unwrap();
        std::os::unix::fs::symlink("backup-target", src.join("top")).unwrap();
        fs::write(outside.join("victim"), "victim").unwrap();
        // The directory restored into is a link out of the share, and the
        // entry name itself is a link to a victim.
        std::os::unix::fs::symlink(&outside, dst.join("d")).unwrap();
        std::os::unix::fs::symlink(outside.join("victim"), dst.join("top")).unwrap();
        let (s, d) = roots(&base);
        let (s, d) = (root(&s, &src), root(&d, &dst));
        // Overwriting replaces the links themselves.
        restore(&s, &d, Path::new("top"), true).unwrap();
        restore(&s, &d, Path::new("d"), true).unwrap();
        assert_eq!(
            fs::read_to_string(outside.join("victim")).unwrap(),
            "victim"
        );
        assert_eq!(fs::read_dir(&outside).unwrap().count(), 1);
        assert_eq!(
            fs::read_link(dst.join("top")).unwrap(),
            Path::new("backup-target")
        );
        assert!(fs::symlink_metadata(dst.join("d")).unwrap().is_dir());
        assert!(dst.join("d/e").is_dir());
        // A link on the way down to the parent is refused.
        std::os::unix::fs::symlink(&outside, dst.join("via")).unwrap();
        fs::create_dir_all(src.join("via/x")).unwrap();
        assert!(restore(&s, &d, Path::new("via/x"), true).is_err());
        assert!(!outside.join("x").exists());
        fs::remove_dir_all(&base).unwrap();
    }
}
