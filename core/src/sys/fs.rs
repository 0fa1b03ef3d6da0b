//! Filesystem calls std does not offer: statfs, flock, reflinks, and
//! opening, creating and renaming relative to a directory handle without
//! following symbolic links. rustix makes the calls (safe, typed).
//!
//! Every function takes its descriptors as `impl AsFd` (a `&File`, an
//! `OwnedFd` or a `BorrowedFd` alike) and rustix's flags (`OFlags`,
//! `Mode`), never raw libc numbers.

use super::abi::BTRFS_SUPER_MAGIC;
use rustix::fs::{AtFlags, FileType, Mode, OFlags, ResolveFlags};
use rustix::io::Errno;
use std::ffi::OsStr;
use std::fs::File;
use std::io;
use std::os::fd::{AsFd, AsRawFd};
use std::path::Path;
use std::time::{Duration, Instant};

fn statfs_type(f: impl AsFd) -> io::Result<i64> {
    Ok(rustix::fs::fstatfs(f)?.f_type as i64)
}

/// Whether the open file lies on a btrfs filesystem.
pub fn is_btrfs(f: impl AsFd) -> io::Result<bool> {
    Ok(statfs_type(f)? == BTRFS_SUPER_MAGIC)
}

/// The filesystem type magic, for messages.
pub fn fs_type(f: impl AsFd) -> io::Result<i64> {
    statfs_type(f)
}

/// Opens a directory for reading metadata and ioctls, never following a
/// symbolic link in the last component.
pub fn open_dir(path: &Path) -> io::Result<File> {
    Ok(File::from(rustix::fs::open(
        path,
        DIR_FLAGS,
        Mode::empty(),
    )?))
}

/// Opens the directory `path` following links, as Samba does when it serves
/// a share, with the path it really has (what realpath(3) answers). A path
/// written canonically is opened refusing every link on the way
/// (RESOLVE_NO_SYMLINKS): opened, it is its own real path, in one call.
/// Otherwise the path is read back from the descriptor: three calls
/// whatever the depth, where realpath reads every component as a link;
/// realpath itself when /proc cannot say (not mounted, or the directory
/// was removed meanwhile).
pub fn open_dir_real(path: &Path) -> io::Result<(File, std::path::PathBuf)> {
    use std::os::unix::ffi::OsStringExt;
    if crate::paths::is_canonical_form(path) {
        let fd = rustix::fs::openat2(
            rustix::fs::CWD,
            path,
            OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
            Mode::empty(),
            ResolveFlags::NO_SYMLINKS,
        );
        // Any failure (a link on the way: ELOOP; no openat2: ENOSYS) is
        // the general way's to answer.
        if let Ok(fd) = fd {
            return Ok((File::from(fd), path.to_path_buf()));
        }
    }
    let dir = File::from(rustix::fs::open(
        path,
        OFlags::RDONLY | OFlags::DIRECTORY | OFlags::CLOEXEC,
        Mode::empty(),
    )?);
    let link = format!("/proc/self/fd/{}", dir.as_raw_fd());
    let real = match rustix::fs::readlink(link.as_str(), Vec::new()) {
        Ok(t) if t.as_bytes().starts_with(b"/") && !t.as_bytes().ends_with(b" (deleted)") => {
            std::path::PathBuf::from(std::ffi::OsString::from_vec(t.into_bytes()))
        }
        _ => std::fs::canonicalize(path)?,
    };
    Ok((dir, real))
}

/// Opens the directory `name` inside `parent` without following links
/// (ELOOP or ENOTDIR then). `name` may be ".." to go up.
pub fn open_dir_at(parent: impl AsFd, name: impl rustix::path::Arg) -> io::Result<File> {
    Ok(File::from(rustix::fs::openat(
        parent,
        name,
        DIR_FLAGS,
        Mode::empty(),
    )?))
}

const DIR_FLAGS: OFlags = OFlags::RDONLY
    .union(OFlags::DIRECTORY)
    .union(OFlags::NOFOLLOW)
    .union(OFlags::CLOEXEC);

/// Opens the directory `rel` below `root` (`root` itself when `rel` is
/// empty) in one call, with no symbolic link (nor /proc magic link) at any
/// component, no `..` above `root` and no mount crossed (openat2
/// RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS |
/// RESOLVE_NO_XDEV): the one way rvss goes down a tree a share user can
/// write. A link on the way gives ELOOP (ENOTDIR or ELOOP as the last
/// component, like `open_dir_at`), a file ENOTDIR, an escape EXDEV.
pub fn open_beneath(root: impl AsFd, rel: &Path) -> io::Result<File> {
    let path: &Path = if rel.as_os_str().is_empty() {
        Path::new(".")
    } else {
        rel
    };
    match rustix::fs::openat2(
        root.as_fd(),
        path,
        DIR_FLAGS,
        Mode::empty(),
        ResolveFlags::BENEATH
            | ResolveFlags::NO_SYMLINKS
            | ResolveFlags::NO_MAGICLINKS
            | ResolveFlags::NO_XDEV,
    ) {
        Ok(fd) => Ok(File::from(fd)),
        // openat2 is Linux 5.6+; valgrind and container seccomp profiles
        // older than it answer ENOSYS. The same rules, a component at a time.
        Err(Errno::NOSYS) => walk_beneath(root, path),
        Err(e) => Err(e.into()),
    }
}

/// `open_beneath` without openat2: each component opened with O_NOFOLLOW
/// from the handle of the one before, `..` and absolute paths refused
/// (EXDEV, as RESOLVE_BENEATH reports an escape; stricter: even a `..` that
/// stays below), a link on the way ELOOP, and each directory checked to be
/// on the root's mount (RESOLVE_NO_XDEV; btrfs subvolumes share a mount but
/// not a device number, so the mount id, where statx gives it).
fn walk_beneath(root: impl AsFd, rel: &Path) -> io::Result<File> {
    use std::path::Component;
    let root = root.as_fd();
    let mount = mount_of(root)?;
    let mut dir: Option<File> = None;
    for c in rel.components() {
        let name = match c {
            Component::CurDir => continue,
            Component::Normal(name) => name,
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err(Errno::XDEV.into())
            }
        };
        let parent = dir.as_ref().map_or(root, |d| d.as_fd());
        let next = match rustix::fs::openat(parent, name, DIR_FLAGS, Mode::empty()) {
            Ok(fd) => File::from(fd),
            Err(e @ (Errno::NOTDIR | Errno::LOOP)) => {
                let link = rustix::fs::statat(parent, name, AtFlags::SYMLINK_NOFOLLOW)
                    .is_ok_and(|st| FileType::from_raw_mode(st.st_mode) == FileType::Symlink);
                return Err(if link { Errno::LOOP } else { e }.into());
            }
            Err(e) => return Err(e.into()),
        };
        if mount_of(&next)? != mount {
            return Err(Errno::XDEV.into());
        }
        dir = Some(next);
    }
    match dir {
        Some(d) => Ok(d),
        None => Ok(File::from(rustix::fs::openat(
            root,
            ".",
            DIR_FLAGS,
            Mode::empty(),
        )?)),
    }
}

/// The id of the mount `path` lies on, its links followed (as Samba
/// follows a share path's): None when the kernel does not say (before
/// Linux 5.8).
pub fn mount_id(path: &Path) -> io::Result<Option<u64>> {
    let st = rustix::fs::statx(
        rustix::fs::CWD,
        path,
        AtFlags::empty(),
        rustix::fs::StatxFlags::MNT_ID,
    )?;
    Ok((st.stx_mask & rustix::fs::StatxFlags::MNT_ID.bits() != 0).then_some(st.stx_mnt_id))
}

/// The mount an open file is on: statx's mount id (Linux 5.8+), else its
/// device number (which refuses a subvolume boundary too: the safe side).
fn mount_of(f: impl AsFd) -> io::Result<(u64, bool)> {
    let st = rustix::fs::statx(f, "", AtFlags::EMPTY_PATH, rustix::fs::StatxFlags::MNT_ID)?;
    if st.stx_mask & rustix::fs::StatxFlags::MNT_ID.bits() != 0 {
        Ok((st.stx_mnt_id, true))
    } else {
        Ok((
            u64::from(st.stx_dev_major) << 32 | u64::from(st.stx_dev_minor),
            false,
        ))
    }
}

/// Creates the directory `name` inside `parent` with `mode` (EEXIST is fine).
pub fn mkdir_at(parent: impl AsFd, name: &OsStr, mode: Mode) -> io::Result<()> {
    match rustix::fs::mkdirat(parent, name, mode) {
        Ok(()) | Err(Errno::EXIST) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// An advisory lock (exclusive or shared), released when dropped.
pub struct Lock(File);

impl Lock {
    /// Takes the exclusive lock on the file `name` inside `dir` (created if
    /// missing), waiting at most `timeout` so that a stuck holder can never
    /// hang smbd.
    pub fn exclusive(dir: impl AsFd, name: &OsStr, timeout: Duration) -> io::Result<Lock> {
        Lock::take(
            dir,
            name,
            timeout,
            rustix::fs::FlockOperation::NonBlockingLockExclusive,
        )
    }

    /// Takes the lock shared: readers that must keep what they read (a
    /// restore) exclude writers, not each other.
    pub fn shared(dir: impl AsFd, name: &OsStr, timeout: Duration) -> io::Result<Lock> {
        Lock::take(
            dir,
            name,
            timeout,
            rustix::fs::FlockOperation::NonBlockingLockShared,
        )
    }

    fn take(
        dir: impl AsFd,
        name: &OsStr,
        timeout: Duration,
        op: rustix::fs::FlockOperation,
    ) -> io::Result<Lock> {
        // Never read or written: a regular-file check is all it needs (a
        // FIFO there must not block the open, hence O_NONBLOCK).
        let f = open_file_at(
            dir,
            name,
            OFlags::RDWR | OFlags::CREATE | OFlags::NONBLOCK,
            Mode::RUSR | Mode::WUSR,
        )?;
        if FileType::from_raw_mode(rustix::fs::fstat(&f)?.st_mode) != FileType::RegularFile {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{} is not a regular file", name.to_string_lossy()),
            ));
        }
        let deadline = Instant::now() + timeout;
        loop {
            match rustix::fs::flock(&f, op) {
                Ok(()) => return Ok(Lock(f)),
                Err(e) if e == rustix::io::Errno::WOULDBLOCK => {}
                Err(e) => return Err(e.into()),
            }
            if Instant::now() >= deadline {
                return Err(io::Error::new(
                    io::ErrorKind::TimedOut,
                    format!("{} is held by another process", name.to_string_lossy()),
                ));
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        // Closing the descriptor would release it too.
        let _ = rustix::fs::flock(&self.0, rustix::fs::FlockOperation::Unlock);
    }
}

/// Opens the file `name` inside `dir` like `open_file_at`, but never blocks
/// on a FIFO or device planted there (O_NONBLOCK) and refuses anything but a
/// regular file (a FIFO as catalog would otherwise hang an smbd worker).
pub fn open_regular_at(
    dir: impl AsFd,
    name: &OsStr,
    flags: OFlags,
    mode: Mode,
) -> io::Result<File> {
    let f = open_file_at(dir, name, flags | OFlags::NONBLOCK, mode)?;
    let st = rustix::fs::fstat(&f)?;
    if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{} is not a regular file (refused: a FIFO or device there could hang rvss)",
                name.to_string_lossy()
            ),
        ));
    }
    // Back to blocking I/O for the regular file.
    let fl = rustix::fs::fcntl_getfl(&f)?;
    rustix::fs::fcntl_setfl(&f, fl - OFlags::NONBLOCK)?;
    Ok(f)
}

/// Opens (creating it with `mode`) the regular file at `path` for appending,
/// its last component not followed, refusing anything but a regular file,
/// in two calls (open, fstat): for a log rvss appends to at every hook.
/// Returns the file and its size. O_NONBLOCK, which keeps a FIFO planted
/// there from hanging the open, stays set: it changes nothing for a
/// regular file.
pub fn open_append_regular(path: &Path, mode: Mode) -> io::Result<(File, u64)> {
    let f = File::from(rustix::fs::open(
        path,
        OFlags::RDWR
            | OFlags::APPEND
            | OFlags::CREATE
            | OFlags::NOFOLLOW
            | OFlags::NONBLOCK
            | OFlags::CLOEXEC,
        mode,
    )?);
    let st = rustix::fs::fstat(&f)?;
    if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} is not a regular file", path.display()),
        ));
    }
    Ok((f, st.st_size as u64))
}

/// Which file a path or descriptor is: its device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileId {
    dev: u64,
    ino: u64,
}

impl FileId {
    pub fn of(f: impl AsFd) -> io::Result<FileId> {
        let st = rustix::fs::fstat(f)?;
        Ok(FileId {
            dev: st.st_dev as u64,
            ino: st.st_ino as u64,
        })
    }
}

/// The file `path` names (a link not followed) and its size, in one call.
pub fn file_id(path: &Path) -> io::Result<(FileId, u64)> {
    let st = rustix::fs::statat(rustix::fs::CWD, path, AtFlags::SYMLINK_NOFOLLOW)?;
    let id = FileId {
        dev: st.st_dev as u64,
        ino: st.st_ino as u64,
    };
    Ok((id, st.st_size as u64))
}

/// Reads the whole regular file `name` inside `dir` in four calls (open,
/// fstat, read, close: catalogs read thousands of small files), never
/// following a link and refusing anything but a regular file, like
/// `open_regular_at`. None when it does not exist.
pub fn read_regular_at(dir: impl AsFd, name: &OsStr) -> io::Result<Option<Vec<u8>>> {
    use std::io::Read;
    let mut f = match open_file_at(dir, name, OFlags::RDONLY | OFlags::NONBLOCK, Mode::empty()) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let st = rustix::fs::fstat(&f)?;
    if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{} is not a regular file", name.to_string_lossy()),
        ));
    }
    // One byte more than its size, so that a file that grew meanwhile is
    // still read whole (read_to_end continues) and a stable one in one read.
    let size = usize::try_from(st.st_size).unwrap_or(0);
    let mut buf = vec![0u8; size + 1];
    let mut n = 0;
    loop {
        match f.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
        if n == buf.len() {
            f.read_to_end(&mut buf)?;
            n = buf.len();
            break;
        }
    }
    buf.truncate(n);
    Ok(Some(buf))
}

/// `uid` and `gid` as the kernel's ids; -1 (which the kernel reads as
/// "leave unchanged") is refused.
fn owner_ids(uid: u32, gid: u32) -> io::Result<(rustix::fs::Uid, rustix::fs::Gid)> {
    if uid == u32::MAX || gid == u32::MAX {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "owner id -1 is not an owner",
        ));
    }
    // SAFETY: from_raw is unsafe only because -1 means "leave unchanged" to
    // the kernel; both ids were checked above not to be -1.
    Ok(unsafe {
        (
            rustix::fs::Uid::from_raw(uid),
            rustix::fs::Gid::from_raw(gid),
        )
    })
}

/// Sets the owner of what `fd` refers to (an O_PATH descriptor of a
/// symbolic link included: AT_EMPTY_PATH acts on the descriptor itself,
/// never on a name).
pub fn chown_fd(fd: impl AsFd, uid: u32, gid: u32) -> io::Result<()> {
    let (u, g) = owner_ids(uid, gid)?;
    rustix::fs::chownat(fd, c"", Some(u), Some(g), rustix::fs::AtFlags::EMPTY_PATH)?;
    Ok(())
}

/// Sets the owner of `name` inside `dir` itself (a symbolic link is not
/// followed).
pub fn chown_at_nofollow(
    dir: impl AsFd,
    name: &std::ffi::CStr,
    uid: u32,
    gid: u32,
) -> io::Result<()> {
    let (u, g) = owner_ids(uid, gid)?;
    rustix::fs::chownat(dir, name, Some(u), Some(g), AtFlags::SYMLINK_NOFOLLOW)?;
    Ok(())
}

/// Makes `dst` share all of `src`'s extents (a reflink copy: instant, no new
/// data blocks). Both must be on the same btrfs filesystem.
pub fn reflink(src: impl AsFd, dst: impl AsFd) -> io::Result<()> {
    Ok(rustix::fs::ioctl_ficlone(dst, src)?)
}

/// Opens (or with O_CREAT creates) the file `name` inside `dir`, never
/// following a symbolic link.
pub fn open_file_at(dir: impl AsFd, name: &OsStr, flags: OFlags, mode: Mode) -> io::Result<File> {
    let flags = flags | OFlags::NOFOLLOW | OFlags::CLOEXEC;
    Ok(File::from(rustix::fs::openat(dir, name, flags, mode)?))
}

/// Renames `from` to `to`, both inside `dir`.
pub fn rename_at(dir: impl AsFd, from: &OsStr, to: &OsStr) -> io::Result<()> {
    let dir = dir.as_fd();
    Ok(rustix::fs::renameat(dir, from, dir, to)?)
}

/// Removes the file `name` inside `dir` (a missing file is fine).
pub fn unlink_at(dir: impl AsFd, name: &OsStr) -> io::Result<()> {
    match rustix::fs::unlinkat(dir, name, AtFlags::empty()) {
        Ok(()) | Err(Errno::NOENT) => Ok(()),
        Err(e) => Err(e.into()),
    }
}

/// Renames `from` to `to` inside `dir` only if `to` does not exist
/// (EEXIST otherwise): an atomic "create if absent" for a whole file.
pub fn rename_noreplace_at(dir: impl AsFd, from: &OsStr, to: &OsStr) -> io::Result<()> {
    let dir = dir.as_fd();
    Ok(rustix::fs::renameat_with(
        dir,
        from,
        dir,
        to,
        rustix::fs::RenameFlags::NOREPLACE,
    )?)
}

/// An unnamed regular file inside `dir` (O_TMPFILE): nobody can open it,
/// and it vanishes with its descriptor unless `link_new_at` names it.
pub fn open_unnamed_at(dir: impl AsFd, mode: Mode) -> io::Result<File> {
    Ok(File::from(rustix::fs::openat(
        dir,
        ".",
        OFlags::TMPFILE | OFlags::WRONLY | OFlags::CLOEXEC,
        mode,
    )?))
}

/// Gives the unnamed file `f` (from `open_unnamed_at` in `dir`) the name
/// `name` in `dir`; EEXIST when the name is taken, which is never replaced.
pub fn link_new_at(f: impl AsFd, dir: impl AsFd, name: &OsStr) -> io::Result<()> {
    // The documented way (open(2), O_TMPFILE) without CAP_DAC_READ_SEARCH:
    // the process's own descriptor link, in its own /proc.
    let own = format!("/proc/self/fd/{}", f.as_fd().as_raw_fd());
    Ok(rustix::fs::linkat(
        rustix::fs::CWD,
        own.as_str(),
        dir,
        name,
        AtFlags::SYMLINK_FOLLOW,
    )?)
}

/// Whether `name` exists inside `dir` (a symbolic link counts, unfollowed).
pub fn exists_at(dir: impl AsFd, name: &OsStr) -> io::Result<bool> {
    match rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW) {
        Ok(_) => Ok(true),
        Err(Errno::NOENT) => Ok(false),
        Err(e) => Err(e.into()),
    }
}

/// What `stat_at` tells of an entry.
#[derive(Debug, Clone, Copy)]
pub struct EntryStat {
    pub is_dir: bool,
    pub is_regular: bool,
    pub uid: u32,
    /// Permission bits (and setuid/setgid/sticky).
    pub mode: u32,
}

impl EntryStat {
    pub fn is_file(&self) -> bool {
        self.is_regular
    }
}

/// `name` inside `dir`, a symbolic link not followed.
pub fn stat_at(dir: impl AsFd, name: impl rustix::path::Arg) -> io::Result<EntryStat> {
    let st = rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW)?;
    let ft = FileType::from_raw_mode(st.st_mode);
    Ok(EntryStat {
        is_dir: ft == FileType::Directory,
        is_regular: ft == FileType::RegularFile,
        uid: st.st_uid,
        mode: st.st_mode & 0o7777,
    })
}

/// Hard-links `from` as `to`, both inside `dir`.
pub fn link_at(dir: impl AsFd, from: &OsStr, to: &OsStr) -> io::Result<()> {
    let dir = dir.as_fd();
    Ok(rustix::fs::linkat(dir, from, dir, to, AtFlags::empty())?)
}

/// Writes a file's dirty data to disk and waits for it, without the
/// journal or log commit an fsync implies.
pub fn write_out(f: impl AsFd) -> io::Result<()> {
    let flags = libc::SYNC_FILE_RANGE_WAIT_BEFORE
        | libc::SYNC_FILE_RANGE_WRITE
        | libc::SYNC_FILE_RANGE_WAIT_AFTER;
    // rustix 0.38 has no sync_file_range: the one libc call left here.
    // SAFETY: sync_file_range on an fd we own; offset 0, length 0 = whole file.
    if unsafe { libc::sync_file_range(f.as_fd().as_raw_fd(), 0, 0, flags) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Writes back the dirty data and inodes of the whole filesystem holding
/// `f` and waits for it (syncfs(2)); on btrfs it ends with a transaction
/// commit.
pub fn sync_filesystem(f: impl AsFd) -> io::Result<()> {
    Ok(rustix::fs::syncfs(f)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn open_dir_real_answers_what_realpath_does() {
        let dir = std::env::temp_dir().join(format!("rvss-sys-real-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a/b/c")).unwrap();
        std::fs::write(dir.join("a/file"), b"x").unwrap();
        std::os::unix::fs::symlink("a/b", dir.join("link")).unwrap();
        for p in [
            "a/b",
            "link",
            "link/c",
            "a/./b/",
            "link/../b",
            "a/b/../b",
            "a//b",
        ] {
            let p = dir.join(p);
            let (f, real) = open_dir_real(&p).unwrap();
            assert_eq!(real, std::fs::canonicalize(&p).unwrap(), "{p:?}");
            assert_eq!(
                f.metadata().unwrap().ino(),
                std::fs::metadata(&real).unwrap().ino()
            );
        }
        let errno = |rel: &str| open_dir_real(&dir.join(rel)).unwrap_err().raw_os_error();
        assert_eq!(errno("a/file"), Some(libc::ENOTDIR));
        assert_eq!(errno("missing"), Some(libc::ENOENT));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn open_beneath_goes_down_without_links_escapes_or_files() {
        // openat2, and the walk used where openat2 answers ENOSYS (valgrind,
        // old seccomp profiles): the same answers.
        beneath_rules(|r, p| open_beneath(r, p), "openat2");
        beneath_rules(|r, p| walk_beneath(r, p), "walk");
    }

    fn beneath_rules(open: impl Fn(&File, &Path) -> io::Result<File>, tag: &str) {
        let dir =
            std::env::temp_dir().join(format!("rvss-sys-beneath-{tag}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("a/b/c")).unwrap();
        std::fs::write(dir.join("a/file"), b"x").unwrap();
        std::os::unix::fs::symlink("b", dir.join("a/link")).unwrap();
        std::os::unix::fs::symlink("/", dir.join("a/abs")).unwrap();
        let root = open_dir(&dir).unwrap();
        let ino = |f: &File| f.metadata().unwrap().ino();

        let c = open(&root, Path::new("a/b/c")).unwrap();
        assert_eq!(ino(&c), std::fs::metadata(dir.join("a/b/c")).unwrap().ino());
        // Empty: the root itself.
        assert_eq!(ino(&open(&root, Path::new("")).unwrap()), ino(&root));

        let errno = |rel: &str| open(&root, Path::new(rel)).unwrap_err().raw_os_error();
        // A link is refused at any component: last (O_NOFOLLOW with
        // O_DIRECTORY says ENOTDIR), or on the way (ELOOP).
        assert!(matches!(errno("a/link"), Some(libc::ELOOP | libc::ENOTDIR)));
        assert_eq!(errno("a/link/c"), Some(libc::ELOOP));
        assert_eq!(errno("a/abs/etc"), Some(libc::ELOOP));
        // Never above the root, whatever the path says.
        assert_eq!(errno(".."), Some(libc::EXDEV));
        assert_eq!(errno("a/../../x"), Some(libc::EXDEV));
        assert_eq!(errno("/etc"), Some(libc::EXDEV));
        // Not a directory, or missing.
        assert_eq!(errno("a/file"), Some(libc::ENOTDIR));
        assert_eq!(errno("a/missing/c"), Some(libc::ENOENT));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn typed_flags_and_modes_reach_the_kernel() {
        let dir = std::env::temp_dir().join(format!("rvss-sys-flags-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let d = open_dir(&dir).unwrap();
        let name = OsStr::new("f");
        let flags = OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL;
        drop(open_file_at(&d, name, flags, Mode::from_raw_mode(0o640)).unwrap());
        let md = std::fs::symlink_metadata(dir.join("f")).unwrap();
        // The umask may only take bits away.
        assert_eq!(md.mode() & 0o7777 & !0o640, 0);
        // O_EXCL: the second create fails.
        let e = open_file_at(&d, name, flags, Mode::RUSR).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::EEXIST));
        // A link is never followed, and a FIFO is refused without blocking.
        std::os::unix::fs::symlink("f", dir.join("l")).unwrap();
        let e = open_file_at(&d, OsStr::new("l"), OFlags::RDONLY, Mode::empty()).unwrap_err();
        assert_eq!(e.raw_os_error(), Some(libc::ELOOP));
        rustix::fs::mknodat(
            &d,
            "p",
            rustix::fs::FileType::Fifo,
            Mode::RUSR | Mode::WUSR,
            0,
        )
        .unwrap();
        let e = open_regular_at(&d, OsStr::new("p"), OFlags::RDONLY, Mode::empty()).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::InvalidData);
        mkdir_at(&d, OsStr::new("sub"), Mode::RWXU).unwrap();
        mkdir_at(&d, OsStr::new("sub"), Mode::RWXU).unwrap();
        assert!(stat_at(&d, "sub").unwrap().is_dir);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
