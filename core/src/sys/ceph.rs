//! CephFS through a mount (ceph-fuse or the kernel client): snapshots are
//! directories of the virtual `.snap` directory, made by mkdir and removed
//! by rmdir; CephFS is told from other filesystems by its `ceph.*` virtual
//! extended attributes (ceph-fuse reports FUSE's statfs magic). Every call
//! is relative to a directory handle; nothing follows a symbolic link.

use rustix::fs::{AtFlags, Mode};
use rustix::io::Errno;
use std::io;
use std::os::fd::AsFd;

/// The name of CephFS's virtual snapshot directory (the MDS default
/// `client_snapdir`).
pub const SNAP_DIR: &str = ".snap";

/// A CephFS virtual attribute every directory answers.
const PROBE_XATTR: &str = "ceph.dir.entries";

/// The value of the virtual attribute `name` of the open file, or None when
/// the file has none (not on CephFS: ENODATA or ENOTSUP).
pub fn xattr_text(f: impl AsFd, name: &str) -> io::Result<Option<String>> {
    let f = f.as_fd();
    let mut buf = vec![0u8; 256];
    loop {
        match rustix::fs::fgetxattr(f, name, &mut buf) {
            Ok(n) => {
                buf.truncate(n);
                let s = String::from_utf8_lossy(&buf);
                return Ok(Some(s.trim_end_matches('\0').trim().to_string()));
            }
            Err(Errno::RANGE) if buf.len() < 65536 => buf.resize(buf.len() * 4, 0),
            Err(Errno::NODATA) | Err(Errno::NOTSUP) => return Ok(None),
            Err(e) => return Err(e.into()),
        }
    }
}

/// Whether the open directory lies on CephFS.
pub fn is_cephfs(dir: impl AsFd) -> io::Result<bool> {
    let dir = dir.as_fd();
    Ok(xattr_text(dir, PROBE_XATTR)?.is_some())
}

/// Makes the snapshot `name` of the directory whose `.snap` is open as
/// `snapdir`. EEXIST when it exists, EMLINK past the MDS's
/// `mds_max_snaps_per_dir`.
pub fn make_snapshot(snapdir: impl AsFd, name: &str, mode: Mode) -> io::Result<()> {
    Ok(rustix::fs::mkdirat(snapdir, name, mode)?)
}

/// Removes the snapshot `name` from the `.snap` directory open as `snapdir`.
pub fn remove_snapshot(snapdir: impl AsFd, name: &str) -> io::Result<()> {
    let snapdir = snapdir.as_fd();
    Ok(rustix::fs::unlinkat(snapdir, name, AtFlags::REMOVEDIR)?)
}

/// The creation time of a snapshot (`ceph.snap.btime` of its root, as
/// "seconds.nanoseconds"), the identity rvss records for it.
pub fn snapshot_btime(snap_root: impl AsFd) -> io::Result<Option<String>> {
    let snap_root = snap_root.as_fd();
    xattr_text(snap_root, "ceph.snap.btime")
}

/// The CephFS filesystem's id (`ceph.cluster_fsid`) of the open directory.
pub fn cluster_fsid(dir: impl AsFd) -> io::Result<Option<String>> {
    let dir = dir.as_fd();
    xattr_text(dir, "ceph.cluster_fsid")
}

/// Tries, as the unprivileged `uid`/`gid`, to make the snapshot `name` in
/// the `.snap` directory open as `snapdir`: true when that worked (the
/// snapshot then exists; the caller removes it as root), false when CephFS
/// refused (EPERM: the MDS's `mds_snap_max_uid`; EACCES: the client's caps
/// or permissions). Runs in a thread of its own whose filesystem ids are
/// changed (setfsuid is per thread): the caller's credentials never change.
pub fn try_snapshot_as(snapdir: impl AsFd, name: &str, uid: u32, gid: u32) -> io::Result<bool> {
    let snapdir = snapdir.as_fd();
    std::thread::scope(|s| {
        s.spawn(|| -> io::Result<bool> {
            // SAFETY: setfsgid/setfsuid take plain integers and change only
            // this thread's filesystem ids; they cannot fail in a way that
            // breaks memory safety (they report nothing but the old id).
            unsafe {
                libc::setfsgid(gid);
                libc::setfsuid(uid);
            }
            // Whether the change took: setfsuid(-1) changes nothing and
            // answers the current fsuid.
            // SAFETY: as above; -1 is never a valid id, so nothing changes.
            let (now_uid, now_gid) =
                unsafe { (libc::setfsuid(u32::MAX), libc::setfsgid(u32::MAX)) };
            if now_uid as u32 != uid || now_gid as u32 != gid {
                return Err(io::Error::new(
                    io::ErrorKind::PermissionDenied,
                    format!("cannot act as uid {uid} (setfsuid): not root?"),
                ));
            }
            match make_snapshot(snapdir, name, Mode::RWXU) {
                Ok(()) => Ok(true),
                Err(e) if matches!(e.raw_os_error(), Some(libc::EPERM) | Some(libc::EACCES)) => {
                    Ok(false)
                }
                Err(e) => Err(e),
            }
        })
        .join()
        .unwrap_or_else(|_| Err(io::Error::other("the probe thread panicked")))
    })
}
