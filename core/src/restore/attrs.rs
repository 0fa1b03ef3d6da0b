//! Metadata of one restored object: owner, group, mode, every extended
//! attribute, times, copied from the backup's object to the staged one.
//!
//! Regular files and directories are read and written through open
//! handles. Links, FIFOs, sockets and devices cannot be opened for their
//! attributes (O_PATH handles refuse f*xattr); they are reached as
//! `/proc/self/fd/<directory handle>/<name>` with the l* calls, which
//! never follow the last component: on the backup's side the directory
//! handle was checked, on the staging side it is root's own directory.

use rustix::fs::{AtFlags, Mode, Stat, Timespec, Timestamps, XattrFlags};
use rustix::io::Errno;
use std::ffi::{CStr, CString};
use std::os::fd::{AsRawFd, BorrowedFd};

/// An object whose attributes are read or written.
#[derive(Clone, Copy)]
pub(super) enum Obj<'a> {
    /// An open regular file or directory.
    Fd(BorrowedFd<'a>),
    /// `name` inside the directory handle (links, FIFOs, sockets, devices).
    At(BorrowedFd<'a>, &'a CStr),
}

fn proc_path(dir: BorrowedFd<'_>, name: &CStr) -> CString {
    let mut p = format!("/proc/self/fd/{}/", dir.as_raw_fd()).into_bytes();
    p.extend_from_slice(name.to_bytes());
    // `name` is a CStr: no NUL inside.
    CString::new(p).unwrap_or_default()
}

/// The extended attributes of one object, in the order listed, every
/// namespace root can read (system.posix_acl_*, security.*, trusted.*,
/// user.*), CephFS's virtual `ceph.*` attributes excepted (the filesystem
/// makes them; they are no content of the file).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Xattrs(pub Vec<(CString, Vec<u8>)>);

fn list(o: Obj<'_>) -> Result<Vec<u8>, Errno> {
    loop {
        let size = match o {
            Obj::Fd(fd) => rustix::fs::flistxattr(fd, &mut []),
            Obj::At(d, n) => rustix::fs::llistxattr(proc_path(d, n).as_c_str(), &mut []),
        }?;
        if size == 0 {
            return Ok(vec![]);
        }
        let mut buf = vec![0u8; size];
        let got = match o {
            Obj::Fd(fd) => rustix::fs::flistxattr(fd, &mut buf),
            Obj::At(d, n) => rustix::fs::llistxattr(proc_path(d, n).as_c_str(), &mut buf),
        };
        match got {
            // The list grew between the two calls: ask again.
            Err(Errno::RANGE) => continue,
            Err(e) => return Err(e),
            Ok(n) => {
                buf.truncate(n);
                return Ok(buf);
            }
        }
    }
}

fn get(o: Obj<'_>, name: &CStr) -> Result<Option<Vec<u8>>, Errno> {
    loop {
        let size = match o {
            Obj::Fd(fd) => rustix::fs::fgetxattr(fd, name, &mut []),
            Obj::At(d, n) => rustix::fs::lgetxattr(proc_path(d, n).as_c_str(), name, &mut []),
        };
        let size = match size {
            Ok(s) => s,
            // Removed between the list and the read.
            Err(Errno::NODATA) => return Ok(None),
            Err(e) => return Err(e),
        };
        let mut buf = vec![0u8; size];
        let got = match o {
            Obj::Fd(fd) => rustix::fs::fgetxattr(fd, name, &mut buf),
            Obj::At(d, n) => rustix::fs::lgetxattr(proc_path(d, n).as_c_str(), name, &mut buf),
        };
        match got {
            Err(Errno::RANGE) => continue,
            Err(Errno::NODATA) => return Ok(None),
            Err(e) => return Err(e),
            Ok(n) => {
                buf.truncate(n);
                return Ok(Some(buf));
            }
        }
    }
}

fn set(o: Obj<'_>, name: &CStr, value: &[u8]) -> Result<(), Errno> {
    match o {
        Obj::Fd(fd) => rustix::fs::fsetxattr(fd, name, value, XattrFlags::empty()),
        Obj::At(d, n) => {
            rustix::fs::lsetxattr(proc_path(d, n).as_c_str(), name, value, XattrFlags::empty())
        }
    }
}

/// Every extended attribute of `o`; none where the filesystem has none
/// (EOPNOTSUPP).
pub(super) fn read(o: Obj<'_>) -> Result<Xattrs, Errno> {
    let names = match list(o) {
        Ok(n) => n,
        Err(Errno::OPNOTSUPP) => return Ok(Xattrs::default()),
        Err(e) => return Err(e),
    };
    let mut out = vec![];
    for name in names.split(|&b| b == 0).filter(|n| !n.is_empty()) {
        if name.starts_with(b"ceph.") {
            continue;
        }
        let Ok(name) = CString::new(name) else {
            continue;
        };
        if let Some(v) = get(o, &name)? {
            out.push((name, v));
        }
    }
    Ok(Xattrs(out))
}

/// Sets every attribute of `x` on `o`, file capabilities last (a chown
/// clears them: the caller sets the owner first).
pub(super) fn write(o: Obj<'_>, x: &Xattrs) -> Result<(), (CString, Errno)> {
    let is_cap = |n: &CString| n.as_bytes() == b"security.capability";
    for (name, value) in x.0.iter().filter(|(n, _)| !is_cap(n)) {
        set(o, name, value).map_err(|e| (name.clone(), e))?;
    }
    for (name, value) in x.0.iter().filter(|(n, _)| is_cap(n)) {
        set(o, name, value).map_err(|e| (name.clone(), e))?;
    }
    Ok(())
}

fn times(st: &Stat) -> Timestamps {
    let ts = |sec: i64, nsec: i64| Timespec {
        tv_sec: sec as _,
        tv_nsec: nsec as _,
    };
    Timestamps {
        last_access: ts(st.st_atime as i64, st.st_atime_nsec as i64),
        last_modification: ts(st.st_mtime as i64, st.st_mtime_nsec as i64),
    }
}

/// What failed while applying metadata, for the caller's message.
pub(super) type Failed = (String, Errno);

/// Owner, mode, extended attributes and times of the backup's object set on
/// the staged one, in the order that keeps each: owner first (a chown
/// clears set-id bits and file capabilities), mode, attributes (an access
/// ACL matches the mode the backup had), times last (nothing after them
/// changes the modification time). A link has no mode of its own.
pub(super) fn apply(o: Obj<'_>, st: &Stat, x: &Xattrs, is_link: bool) -> Result<(), Failed> {
    fn err(what: &'static str) -> impl Fn(Errno) -> Failed {
        move |e| (what.to_string(), e)
    }
    let io = |e: std::io::Error| Errno::from_io_error(&e).unwrap_or(Errno::IO);
    match o {
        Obj::Fd(fd) => {
            crate::sys::fs::chown_fd(fd, st.st_uid, st.st_gid)
                .map_err(io)
                .map_err(err("chown"))?;
            rustix::fs::fchmod(fd, Mode::from_raw_mode((st.st_mode & 0o7777) as _))
                .map_err(err("chmod"))?;
        }
        Obj::At(d, n) => {
            crate::sys::fs::chown_at_nofollow(d, n, st.st_uid, st.st_gid)
                .map_err(io)
                .map_err(err("chown"))?;
            if !is_link {
                // In the staging directory, which no one else can enter:
                // the name is the object just made.
                rustix::fs::chmodat(
                    d,
                    n,
                    Mode::from_raw_mode((st.st_mode & 0o7777) as _),
                    AtFlags::empty(),
                )
                .map_err(err("chmod"))?;
            }
        }
    }
    write(o, x).map_err(|(name, e)| (format!("set {}", name.to_string_lossy()), e))?;
    match o {
        Obj::Fd(fd) => rustix::fs::futimens(fd, &times(st)),
        Obj::At(d, n) => rustix::fs::utimensat(d, n, &times(st), AtFlags::SYMLINK_NOFOLLOW),
    }
    .map_err(err("set times"))
}
