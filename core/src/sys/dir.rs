//! Reading directory trees through directory file descriptors: opening a
//! child relative to its parent without following links, `getdents64` into a
//! caller-owned buffer (names and `d_type`, no stat; rustix's `RawDir`
//! parses the records), `statx` of an open directory, and `fstatat` of one
//! entry for when `d_type` is unknown.
//!
//! Working relative to descriptors keeps every call independent of the
//! absolute path's length (no PATH_MAX limit) and of concurrent renames of
//! the directories above.

use rustix::fs::{AtFlags, RawDir, StatxFlags};
use std::ffi::CStr;
use std::io;
use std::mem::MaybeUninit;
use std::os::fd::AsFd;

/// What a directory entry is, from `d_type` or from `fstatat`; `Unknown`
/// when the filesystem did not say (`DT_UNKNOWN`): ask `kind_at` then.
pub use rustix::fs::FileType;

pub use super::fs::open_dir_at;

/// The buffer `read_entries` reads into: big enough that most directories
/// are read in one `getdents64` call (plus the one that reports the end).
pub struct EntryBuffer(Vec<MaybeUninit<u8>>);

impl EntryBuffer {
    pub fn new() -> EntryBuffer {
        EntryBuffer::with_size(64 * 1024)
    }

    pub fn with_size(bytes: usize) -> EntryBuffer {
        EntryBuffer(vec![MaybeUninit::uninit(); bytes])
    }
}

impl Default for EntryBuffer {
    fn default() -> EntryBuffer {
        EntryBuffer::new()
    }
}

/// One entry of a directory (never "." or "..").
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub name: &'a CStr,
    pub kind: FileType,
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

/// `statx` of an open directory.
pub fn stat_dir(dir: impl AsFd) -> io::Result<DirStat> {
    let stx = rustix::fs::statx(
        dir,
        c"",
        AtFlags::EMPTY_PATH | AtFlags::STATX_SYNC_AS_STAT,
        StatxFlags::TYPE | StatxFlags::INO,
    )?;
    let attr = libc::STATX_ATTR_MOUNT_ROOT as u64;
    Ok(DirStat {
        dev: rustix::fs::makedev(stx.stx_dev_major, stx.stx_dev_minor),
        ino: stx.stx_ino,
        mount_root: (stx.stx_attributes_mask & attr != 0).then_some(stx.stx_attributes & attr != 0),
    })
}

/// What `name` inside `parent` is, without following a link.
pub fn kind_at(parent: impl AsFd, name: &CStr) -> io::Result<FileType> {
    let st = rustix::fs::statat(parent, name, AtFlags::SYMLINK_NOFOLLOW)?;
    Ok(FileType::from_raw_mode(st.st_mode))
}

/// Calls `f` for every entry of `dir` but "." and "..", reading from the
/// descriptor's current position to the end with `buf`. On an error, the
/// entries read before it have already been delivered.
pub fn read_entries(
    dir: impl AsFd,
    buf: &mut EntryBuffer,
    mut f: impl FnMut(Entry<'_>),
) -> io::Result<()> {
    let mut entries = RawDir::new(dir, &mut buf.0);
    while let Some(entry) = entries.next() {
        let entry = entry?;
        let name = entry.file_name();
        let bytes = name.to_bytes();
        if bytes != b"." && bytes != b".." {
            f(Entry {
                name,
                kind: entry.file_type(),
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs::File;
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
        let mut buf = EntryBuffer::with_size(1024);
        let mut seen = vec![];
        read_entries(&f, &mut buf, |e| {
            seen.push((e.name.to_bytes().to_vec(), e.kind));
        })
        .unwrap();
        assert_eq!(seen.len(), 3003);
        let kind = |n: &[u8]| seen.iter().find(|(s, _)| s == n).map(|(_, k)| *k);
        // Filesystems without d_type say Unknown; kind_at then answers.
        let k = |n: &[u8], expect: FileType| {
            let got = kind(n).unwrap();
            let got = if got == FileType::Unknown {
                kind_at(&f, &std::ffi::CString::new(n).unwrap()).unwrap()
            } else {
                got
            };
            assert_eq!(got, expect, "{}", String::from_utf8_lossy(n));
        };
        k(b"sub", FileType::Directory);
        k(b"file", FileType::RegularFile);
        k(b"link", FileType::Symlink);
        assert_eq!(kind_at(&f, c"link").unwrap(), FileType::Symlink);

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
