//! Filesystem calls std does not offer: statfs, flock, and opening directories
//! relative to a handle without following symbolic links.

use super::abi::BTRFS_SUPER_MAGIC;
use std::ffi::{CString, OsStr};
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::{Duration, Instant};

fn cstring(bytes: &[u8]) -> io::Result<CString> {
    CString::new(bytes)
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "path holds a NUL byte"))
}

fn statfs_of(f: &File) -> io::Result<libc::statfs> {
    // SAFETY: an all-zero statfs is a valid value of this plain C struct.
    let mut st: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: fstatfs fills `st`, which outlives the call; the fd is open.
    if unsafe { libc::fstatfs(f.as_raw_fd(), &mut st) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(st)
}

/// Whether the open file lies on a btrfs filesystem.
pub fn is_btrfs(f: &File) -> io::Result<bool> {
    Ok(statfs_of(f)?.f_type as i64 == BTRFS_SUPER_MAGIC)
}

/// The filesystem type magic, for messages.
pub fn fs_type(f: &File) -> io::Result<i64> {
    Ok(statfs_of(f)?.f_type as i64)
}

/// Opens a directory for reading metadata and ioctls, never following a
/// symbolic link in the last component.
pub fn open_dir(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
}

/// Opens the directory `name` inside `parent` without following links.
pub fn open_dir_at(parent: &File, name: &OsStr) -> io::Result<File> {
    let c = cstring(name.as_bytes())?;
    let flags = libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC;
    // SAFETY: `c` is a valid NUL-terminated string; the parent fd is open.
    let fd = unsafe { libc::openat(parent.as_raw_fd(), c.as_ptr(), flags) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` was just returned by openat and is owned by nobody else.
    Ok(unsafe { File::from_raw_fd(fd) })
}

/// Creates the directory `name` inside `parent` with `mode` (EEXIST is fine).
pub fn mkdir_at(parent: &File, name: &OsStr, mode: u32) -> io::Result<()> {
    let c = cstring(name.as_bytes())?;
    // SAFETY: `c` is a valid NUL-terminated string; the parent fd is open.
    if unsafe { libc::mkdirat(parent.as_raw_fd(), c.as_ptr(), mode as libc::mode_t) } < 0 {
        let e = io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::EEXIST) {
            return Err(e);
        }
    }
    Ok(())
}

/// An advisory lock (exclusive or shared), released when dropped.
pub struct Lock(File);

impl Lock {
    /// Takes the exclusive lock on the file `name` inside `dir` (created if
    /// missing), waiting at most `timeout` so that a stuck holder can never
    /// hang smbd.
    pub fn exclusive(dir: &File, name: &OsStr, timeout: Duration) -> io::Result<Lock> {
        Lock::take(
            dir,
            name,
            timeout,
            rustix::fs::FlockOperation::NonBlockingLockExclusive,
        )
    }

    /// Takes the lock shared: readers that must keep what they read (a
    /// restore) exclude writers, not each other.
    pub fn shared(dir: &File, name: &OsStr, timeout: Duration) -> io::Result<Lock> {
        Lock::take(
            dir,
            name,
            timeout,
            rustix::fs::FlockOperation::NonBlockingLockShared,
        )
    }

    fn take(
        dir: &File,
        name: &OsStr,
        timeout: Duration,
        op: rustix::fs::FlockOperation,
    ) -> io::Result<Lock> {
        let f = open_regular_at(dir, name, libc::O_RDWR | libc::O_CREAT, 0o600)?;
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
    dir: &File,
    name: &OsStr,
    flags: libc::c_int,
    mode: u32,
) -> io::Result<File> {
    let f = open_file_at(dir, name, flags | libc::O_NONBLOCK, mode)?;
    let st = rustix::fs::fstat(&f)?;
    if rustix::fs::FileType::from_raw_mode(st.st_mode) != rustix::fs::FileType::RegularFile {
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
    rustix::fs::fcntl_setfl(&f, fl - rustix::fs::OFlags::NONBLOCK)?;
    Ok(f)
}

/// Sets the owner of what `fd` refers to (an O_PATH descriptor of a
/// symbolic link included: AT_EMPTY_PATH acts on the descriptor itself,
/// never on a name).
pub fn chown_fd(fd: std::os::fd::BorrowedFd<'_>, uid: u32, gid: u32) -> io::Result<()> {
    if uid == u32::MAX || gid == u32::MAX {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "owner id -1 is not an owner",
        ));
    }
    // SAFETY: from_raw is unsafe only because -1 means "leave unchanged" to
    // the kernel; both ids were checked above not to be -1.
    let (u, g) = unsafe {
        (
            rustix::fs::Uid::from_raw(uid),
            rustix::fs::Gid::from_raw(gid),
        )
    };
    rustix::fs::chownat(fd, c"", Some(u), Some(g), rustix::fs::AtFlags::EMPTY_PATH)?;
    Ok(())
}

/// FICLONE: `_IOW(0x94, 9, int)` (linux/fs.h).
const FICLONE: u64 =
    (1 << 30) | ((std::mem::size_of::<libc::c_int>() as u64) << 16) | (0x94 << 8) | 9;

/// Makes `dst` share all of `src`'s extents (a reflink copy: instant, no new
/// data blocks). Both must be on the same btrfs filesystem.
pub fn reflink(src: &File, dst: &File) -> io::Result<()> {
    // SAFETY: FICLONE takes the source fd as its integer argument; both fds
    // are open for the duration of the call.
    if unsafe { libc::ioctl(dst.as_raw_fd(), FICLONE as _, src.as_raw_fd()) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Opens (or with O_CREAT creates) the file `name` inside `dir`, never
/// following a symbolic link.
pub fn open_file_at(dir: &File, name: &OsStr, flags: libc::c_int, mode: u32) -> io::Result<File> {
    let c = cstring(name.as_bytes())?;
    let flags = flags | libc::O_NOFOLLOW | libc::O_CLOEXEC;
    // SAFETY: `c` is a valid NUL-terminated string; the dir fd is open; the
    // mode argument is read only with O_CREAT.
    let fd = unsafe { libc::openat(dir.as_raw_fd(), c.as_ptr(), flags, mode as libc::c_uint) };
    if fd < 0 {
        return Err(io::Error::last_os_error());
    }
    // SAFETY: `fd` was just returned by openat and is owned by nobody else.
    Ok(unsafe { File::from_raw_fd(fd) })
}

/// Renames `from` to `to`, both inside `dir`.
pub fn rename_at(dir: &File, from: &OsStr, to: &OsStr) -> io::Result<()> {
    let (f, t) = (cstring(from.as_bytes())?, cstring(to.as_bytes())?);
    // SAFETY: both names are valid NUL-terminated strings; the dir fd is open.
    if unsafe { libc::renameat(dir.as_raw_fd(), f.as_ptr(), dir.as_raw_fd(), t.as_ptr()) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Removes the file `name` inside `dir` (a missing file is fine).
pub fn unlink_at(dir: &File, name: &OsStr) -> io::Result<()> {
    let c = cstring(name.as_bytes())?;
    // SAFETY: `c` is a valid NUL-terminated string; the dir fd is open.
    if unsafe { libc::unlinkat(dir.as_raw_fd(), c.as_ptr(), 0) } < 0 {
        let e = io::Error::last_os_error();
        if e.raw_os_error() != Some(libc::ENOENT) {
            return Err(e);
        }
    }
    Ok(())
}

/// Hard-links `from` as `to`, both inside `dir`.
pub fn link_at(dir: &File, from: &OsStr, to: &OsStr) -> io::Result<()> {
    let (f, t) = (cstring(from.as_bytes())?, cstring(to.as_bytes())?);
    // SAFETY: both names are valid NUL-terminated strings; the dir fd is open.
    if unsafe { libc::linkat(dir.as_raw_fd(), f.as_ptr(), dir.as_raw_fd(), t.as_ptr(), 0) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

/// Writes a file's dirty data to disk and waits for it, without the
/// journal or log commit an fsync implies.
pub fn write_out(f: &File) -> io::Result<()> {
    let flags = libc::SYNC_FILE_RANGE_WAIT_BEFORE
        | libc::SYNC_FILE_RANGE_WRITE
        | libc::SYNC_FILE_RANGE_WAIT_AFTER;
    // SAFETY: sync_file_range on an fd we own; offset 0, length 0 = whole file.
    if unsafe { libc::sync_file_range(f.as_raw_fd(), 0, 0, flags) } < 0 {
        return Err(io::Error::last_os_error());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn ficlone_matches_the_kernel() {
        assert_eq!(super::FICLONE, 0x4004_9409);
    }
}
