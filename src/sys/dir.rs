//! Reading directory trees through directory file descriptors: opening a
//! child relative to its parent without following links, `getdents64` into a
//! caller-owned buffer (names and `d_type`, no stat), `statx` of an open
//! directory, and `fstatat` of one entry for when `d_type` is unknown.
//!
//! Working relative to descriptors keeps every call independent of the
//! absolute path's length (no PATH_MAX limit) and of concurrent renames of
//! the directories above.

use std::ffi::CStr;
use std::fs::File;
use std::io;
use std::os::fd::{AsRawFd, FromRawFd};

/// Size of the buffer `read_entries` callers should use: big enough that
/// most directories are read in one `getdents64` call (plus the one that
/// reports the end).
pub const ENTRY_BUFFER: usize = 64 * 1024;

/// What a directory entry is, from `d_type` or from `fstatat`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Dir,
    File,
    Symlink,
    Fifo,
    Socket,
    CharDevice,
    BlockDevice,
    /// The filesystem did not say (`DT_UNKNOWN`): ask `kind_at`.
    Unknown,
}

impl Kind {
    fn from_d_type(t: u8) -> Kind {
        match t {
            libc::DT_DIR => Kind::Dir,
            libc::DT_REG => Kind::File,
            libc::DT_LNK => Kind::Symlink,
            libc::DT_FIFO => Kind::Fifo,
            libc::DT_SOCK => Kind::Socket,
            libc::DT_CHR => Kind::CharDevice,
            libc::DT_BLK => Kind::BlockDevice,
            _ => Kind::Unknown,
        }
    }

    fn from_mode(mode: u32) -> Kind {
        match mode & libc::S_IFMT {
            libc::S_IFDIR => Kind::Dir,
            libc::S_IFREG => Kind::File,
            libc::S_IFLNK => Kind::Symlink,
            libc::S_IFIFO => Kind::Fifo,
            libc::S_IFSOCK => Kind::Socket,
            libc::S_IFCHR => Kind::CharDevice,
            libc::S_IFBLK => Kind::BlockDevice,
            _ => Kind::Unknown,
        }
    }
}

/// One entry of a directory (never "." or "..").
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub name: &'a CStr,
    pub kind: Kind,
}

/// What rvss needs to know about an open directory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DirStat {
    /// The device number (`st_dev`); each btrfs subvolume has its own.
    pub dev: u64,
    pub ino: u64,
    /// Whether it is the root of a mount; None when the kernel cannot tell
    /// (statx's STATX_ATTR_MOUNT_ROOT needs Linux 5.8).
    pub mount_root: Option<bool>,
}

fn cvt(ret: libc::c_int) -> io::Result<libc::c_int> {
    if ret < 0 {
        Err(io::Error::last_os_error())
    } else {
        Ok(ret)
    }
}

const DIR_FLAGS: libc::c_int =
    libc::O_RDONLY | libc::O_DIRECTORY | libc::O_NOFOLLOW | libc::O_CLOEXEC;

/// Opens the directory `name` inside `parent`, never following a symbolic
/// link (ELOOP or ENOTDIR then). `name` may be ".." to go up.
pub fn open_dir_at(parent: &File, name: &CStr) -> io::Result<File> {
    // SAFETY: `name` is NUL-terminated and outlives the call; `parent` is an
    // open descriptor for the duration of the call.
    let fd = cvt(unsafe { libc::openat(parent.as_raw_fd(), name.as_ptr(), DIR_FLAGS) })?;
    // SAFETY: `fd` was just returned by openat and nobody else owns it.
    Ok(unsafe { File::from_raw_fd(fd) })
}

/// `statx` of an open directory.
pub fn stat_dir(dir: &File) -> io::Result<DirStat> {
    // SAFETY: an all-zero statx is a valid value of this plain C struct.
    let mut stx: libc::statx = unsafe { std::mem::zeroed() };
    // SAFETY: the empty path with AT_EMPTY_PATH names the open descriptor
    // itself; statx writes only into `stx`, which outlives the call.
    cvt(unsafe {
        libc::statx(
            dir.as_raw_fd(),
            c"".as_ptr(),
            libc::AT_EMPTY_PATH | libc::AT_STATX_SYNC_AS_STAT,
            libc::STATX_TYPE | libc::STATX_INO,
            &mut stx,
        )
    })?;
    let attr = libc::STATX_ATTR_MOUNT_ROOT as u64;
    Ok(DirStat {
        dev: libc::makedev(stx.stx_dev_major, stx.stx_dev_minor),
        ino: stx.stx_ino,
        mount_root: (stx.stx_attributes_mask & attr != 0).then_some(stx.stx_attributes & attr != 0),
    })
}

/// What `name` inside `parent` is, without following a link.
pub fn kind_at(parent: &File, name: &CStr) -> io::Result<Kind> {
    // SAFETY: an all-zero stat is a valid value of this plain C struct.
    let mut st: libc::stat = unsafe { std::mem::zeroed() };
    // SAFETY: `name` is NUL-terminated; fstatat writes only into `st`, which
    // outlives the call; `parent` is open.
    cvt(unsafe {
        libc::fstatat(
            parent.as_raw_fd(),
            name.as_ptr(),
            &mut st,
            libc::AT_SYMLINK_NOFOLLOW,
        )
    })?;
    Ok(Kind::from_mode(st.st_mode))
}

fn getdents(dir: &File, buf: &mut [u8]) -> io::Result<usize> {
    // SAFETY: the kernel writes at most `buf.len()` bytes into `buf`, which is
    // valid for writes for the duration of the call; `dir` is open.
    let n = unsafe {
        libc::syscall(
            libc::SYS_getdents64,
            dir.as_raw_fd(),
            buf.as_mut_ptr(),
            buf.len(),
        )
    };
    if n < 0 {
        return Err(io::Error::last_os_error());
    }
    usize::try_from(n).map_err(|_| io::Error::other("getdents64 returned a negative length"))
}

// struct linux_dirent64 { u64 d_ino; s64 d_off; u16 d_reclen; u8 d_type; char d_name[]; }
const RECLEN_AT: usize = 16;
const TYPE_AT: usize = 18;
const NAME_AT: usize = 19;

/// Calls `f` for every entry of `dir` but "." and "..", reading from the
/// descriptor's current position to the end with `buf` (use
/// `ENTRY_BUFFER` bytes). On an error, the entries read before it have
/// already been delivered.
pub fn read_entries(dir: &File, buf: &mut [u8], mut f: impl FnMut(Entry<'_>)) -> io::Result<()> {
    loop {
        let n = getdents(dir, buf)?;
        if n == 0 {
            return Ok(());
        }
        let data = buf.get(..n).unwrap_or_default();
        let mut off = 0;
        while off < data.len() {
            let rec = &data[off..];
            let reclen = match rec.get(RECLEN_AT..RECLEN_AT + 2) {
                Some(b) => u16::from_ne_bytes([b[0], b[1]]) as usize,
                None => 0,
            };
            if reclen <= NAME_AT || reclen > rec.len() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "getdents64 returned a malformed record",
                ));
            }
            let name = CStr::from_bytes_until_nul(&rec[NAME_AT..reclen]).map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    "getdents64 returned a name without its NUL",
                )
            })?;
            let bytes = name.to_bytes();
            if bytes != b"." && bytes != b".." {
                f(Entry {
                    name,
                    kind: Kind::from_d_type(rec[TYPE_AT]),
                });
            }
            off += reclen;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn reads_every_entry_with_its_type_and_stats_directories() {
        let dir = std::env::temp_dir().join(format!("rvss-sys-dir-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        std::fs::write(dir.join("file"), b"x").unwrap();
        std::os::unix::fs::symlink("sub", dir.join("link")).unwrap();
        for i in 0..3000 {
            std::fs::write(dir.join(format!("many-{i:04}")), b"").unwrap();
        }
        let f = File::open(&dir).unwrap();
        // A small buffer forces many getdents64 calls.
        let mut buf = vec![0u8; 1024];
        let mut seen = vec![];
        read_entries(&f, &mut buf, |e| {
            seen.push((e.name.to_bytes().to_vec(), e.kind));
        })
        .unwrap();
        assert_eq!(seen.len(), 3003);
        let kind = |n: &[u8]| seen.iter().find(|(s, _)| s == n).map(|(_, k)| *k);
        // Filesystems without d_type say Unknown; kind_at then answers.
        let k = |n: &[u8], expect: Kind| {
            let got = kind(n).unwrap();
            let got = if got == Kind::Unknown {
                kind_at(&f, &std::ffi::CString::new(n).unwrap()).unwrap()
            } else {
                got
            };
            assert_eq!(got, expect, "{}", String::from_utf8_lossy(n));
        };
        k(b"sub", Kind::Dir);
        k(b"file", Kind::File);
        k(b"link", Kind::Symlink);
        assert_eq!(kind_at(&f, c"link").unwrap(), Kind::Symlink);

        // Links are never followed.
        let e = open_dir_at(&f, c"link").unwrap_err();
        assert!(
            matches!(e.raw_os_error(), Some(libc::ELOOP) | Some(libc::ENOTDIR)),
            "{e}"
        );
        let sub = open_dir_at(&f, c"sub").unwrap();
        let st = stat_dir(&sub).unwrap();
        let md = std::fs::symlink_metadata(dir.join("sub")).unwrap();
        assert_eq!((st.dev, st.ino), (md.dev(), md.ino()));
        assert_eq!(st.mount_root, Some(false));
        let up = open_dir_at(&sub, c"..").unwrap();
        let md = std::fs::metadata(&dir).unwrap();
        assert_eq!(stat_dir(&up).unwrap().ino, md.ino());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
