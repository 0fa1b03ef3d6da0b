//! Building the restored tree inside the staging directory, which only root
//! can enter: every object made new (mkdirat, O_CREAT|O_EXCL, symlinkat,
//! mknodat, linkat), its data (reflink, or a copy that keeps holes), then
//! its owner, mode, extended attributes and times. Nothing here is visible
//! to a share user until the whole tree enters the share (swap.rs).
//!
//! The backup's side is read through directory handles; each object is
//! opened without following links and its identity (device, inode, type)
//! compared with what was listed before anything of it is used.

use super::attrs::{self, Obj};
use super::{kind, stat_at, Method, Report, Skipped, DIR_FLAGS};
use crate::error::{Context, Error, Result};
use crate::{ntstatus, sys};
use rustix::fs::{AtFlags, FileType, Mode, OFlags, SeekFrom, Stat};
use rustix::io::Errno;
use std::collections::HashMap;
use std::ffi::{CStr, CString, OsStr};
use std::fs::File;
use std::os::fd::{AsFd, BorrowedFd, OwnedFd};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

pub(super) struct Stager<'a> {
    pub method: Method,
    /// The staging directory (root-only): hard links are made relative to it.
    pub stage: BorrowedFd<'a>,
    pub report: &'a mut Report,
    /// Backup (device, inode) of objects with several links -> where the
    /// first copy was staged (relative to `stage`).
    links: HashMap<(u64, u64), PathBuf>,
}

fn changed(label: &Path) -> Error {
    Error::invalid(format!(
        "backup of {} changed while it was restored",
        label.display()
    ))
}

fn same(a: &Stat, b: &Stat) -> bool {
    a.st_dev == b.st_dev && a.st_ino == b.st_ino && kind(a) == kind(b)
}

fn entries(dir: BorrowedFd<'_>, label: &Path) -> Result<Vec<CString>> {
    let d = rustix::fs::Dir::read_from(dir).with_context(|| format!("read {}", label.display()))?;
    let mut out = vec![];
    for e in d {
        let e = e.with_context(|| format!("read {}", label.display()))?;
        let n = e.file_name();
        if n.to_bytes() != b"." && n.to_bytes() != b".." {
            out.push(n.to_owned());
        }
    }
    Ok(out)
}

fn child(p: &Path, name: &CStr) -> PathBuf {
    p.join(OsStr::from_bytes(name.to_bytes()))
}

fn applied(label: &Path) -> impl Fn(attrs::Failed) -> Error + '_ {
    move |(what, e)| Error::with_cause(format!("{what} {}", label.display()), e)
}

impl<'a> Stager<'a> {
    pub fn new(method: Method, stage: BorrowedFd<'a>, report: &'a mut Report) -> Stager<'a> {
        Stager {
            method,
            stage,
            report,
            links: HashMap::new(),
        }
    }

    /// Stages the backup's `name` (inside the handle `sp`) as `dname` inside
    /// `dp`; `at` is `dname`'s path relative to the staging directory,
    /// `label` the path the user will see (messages only).
    pub fn entry(
        &mut self,
        sp: BorrowedFd<'_>,
        name: &CStr,
        dp: BorrowedFd<'_>,
        dname: &CStr,
        at: &Path,
        label: &Path,
    ) -> Result<()> {
        let st = stat_at(sp, name)
            .with_context(|| format!("stat backup of {}", label.display()))?
            .ok_or_else(|| {
                Error::new(
                    ntstatus::OBJECT_NAME_NOT_FOUND,
                    format!("{} is not in the backup", label.display()),
                )
            })?;
        let t = kind(&st);
        if t != FileType::Directory && st.st_nlink > 1 {
            if let Some(first) = self.links.get(&(st.st_dev, st.st_ino)) {
                rustix::fs::linkat(self.stage, first.as_path(), dp, dname, AtFlags::empty())
                    .with_context(|| format!("link {}", label.display()))?;
                self.report.hard_links += 1;
                return Ok(());
            }
        }
        match t {
            FileType::Directory => self.dir(sp, name, &st, dp, dname, at, label)?,
            FileType::RegularFile => self.file(sp, name, &st, dp, dname, label)?,
            FileType::Symlink => {
                let target = rustix::fs::readlinkat(sp, name, Vec::new())
                    .with_context(|| format!("read link {}", label.display()))?;
                let x = attrs::read(Obj::At(sp, name))
                    .with_context(|| format!("read attributes of {}", label.display()))?;
                rustix::fs::symlinkat(target.as_c_str(), dp, dname)
                    .with_context(|| format!("create {}", label.display()))?;
                attrs::apply(Obj::At(dp, dname), &st, &x, true).map_err(applied(label))?;
                self.report.symlinks += 1;
            }
            FileType::Fifo | FileType::Socket => {
                // Made as what they are, never opened (opening a FIFO
                // blocks, a socket cannot be opened).
                let x = attrs::read(Obj::At(sp, name))
                    .with_context(|| format!("read attributes of {}", label.display()))?;
                rustix::fs::mknodat(dp, dname, t, Mode::from_raw_mode(0o600), 0)
                    .with_context(|| format!("create {}", label.display()))?;
                attrs::apply(Obj::At(dp, dname), &st, &x, false).map_err(applied(label))?;
                self.report.specials += 1;
            }
            _ => {
                // A device node gives whoever can open it the device: root
                // does not make one in a share on a backup's word.
                self.report.skipped.push(Skipped {
                    path: label.to_path_buf(),
                    kind: if t == FileType::BlockDevice {
                        "block device"
                    } else {
                        "character device"
                    }
                    .into(),
                });
                return Ok(());
            }
        }
        if t != FileType::Directory && st.st_nlink > 1 {
            self.links.insert((st.st_dev, st.st_ino), at.to_path_buf());
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn dir(
        &mut self,
        sp: BorrowedFd<'_>,
        name: &CStr,
        st: &Stat,
        dp: BorrowedFd<'_>,
        dname: &CStr,
        at: &Path,
        label: &Path,
    ) -> Result<()> {
        let (s, sst) = open_listed(sp, name, DIR_FLAGS, st, label)?;
        rustix::fs::mkdirat(dp, dname, Mode::from_raw_mode(0o700))
            .with_context(|| format!("create {}", label.display()))?;
        let d = rustix::fs::openat(dp, dname, DIR_FLAGS, Mode::empty())
            .with_context(|| format!("open {}", label.display()))?;
        for n in entries(s.as_fd(), label)? {
            self.entry(
                s.as_fd(),
                &n,
                d.as_fd(),
                &n,
                &child(at, &n),
                &child(label, &n),
            )?;
        }
        let x = attrs::read(Obj::Fd(s.as_fd()))
            .with_context(|| format!("read attributes of {}", label.display()))?;
        attrs::apply(Obj::Fd(d.as_fd()), &sst, &x, false).map_err(applied(label))?;
        self.report.dirs += 1;
        Ok(())
    }

    fn file(
        &mut self,
        sp: BorrowedFd<'_>,
        name: &CStr,
        st: &Stat,
        dp: BorrowedFd<'_>,
        dname: &CStr,
        label: &Path,
    ) -> Result<()> {
        let (from, fst) = open_listed(
            sp,
            name,
            OFlags::RDONLY | OFlags::NOFOLLOW | OFlags::CLOEXEC | OFlags::NONBLOCK,
            st,
            label,
        )?;
        let to = rustix::fs::openat(
            dp,
            dname,
            OFlags::WRONLY | OFlags::CREATE | OFlags::EXCL | OFlags::NOFOLLOW | OFlags::CLOEXEC,
            Mode::from_raw_mode(0o600),
        )
        .with_context(|| format!("create {}", label.display()))?;
        let (from, to) = (File::from(from), File::from(to));
        match self.method {
            Method::Reflink => sys::fs::reflink(&from, &to)
                .with_context(|| format!("reflink {}", label.display()))?,
            Method::Copy => copy_sparse(&from, &to, fst.st_size as u64)
                .with_context(|| format!("copy {}", label.display()))?,
        }
        let x = attrs::read(Obj::Fd(from.as_fd()))
            .with_context(|| format!("read attributes of {}", label.display()))?;
        attrs::apply(Obj::Fd(to.as_fd()), &fst, &x, false).map_err(applied(label))?;
        self.report.files += 1;
        self.report.bytes += fst.st_size as u64;
        Ok(())
    }
}

/// Copies the data of `from` (`size` bytes) into the empty `to`, region by
/// region (SEEK_DATA/SEEK_HOLE): holes stay holes. A filesystem that cannot
/// tell holes (EINVAL) is copied whole.
pub(super) fn copy_sparse(from: &File, to: &File, size: u64) -> std::result::Result<(), Errno> {
    let mut off = 0u64;
    while off < size {
        let data = match rustix::fs::seek(from, SeekFrom::Data(off as i64)) {
            Ok(d) => d,
            // No data after `off`: the rest is a hole.
            Err(Errno::NXIO) => break,
            Err(Errno::INVAL | Errno::OPNOTSUPP) => {
                copy_range(from, to, off, size)?;
                break;
            }
            Err(e) => return Err(e),
        };
        let hole = match rustix::fs::seek(from, SeekFrom::Hole(data as i64)) {
            Ok(h) => h.min(size),
            Err(Errno::NXIO) => size,
            Err(e) => return Err(e),
        };
        copy_range(from, to, data, hole)?;
        off = hole;
    }
    // The size, with a trailing hole.
    rustix::fs::ftruncate(to, size)
}

/// Copies bytes [start, end) at the same offsets: copy_file_range (the
/// filesystem may copy without the data passing through here), pread and
/// pwrite where the filesystem or the kernel refuses it.
fn copy_range(from: &File, to: &File, start: u64, end: u64) -> std::result::Result<(), Errno> {
    let (mut i, mut o) = (start, start);
    while i < end {
        let want = (end - i).min(1 << 30) as usize;
        match rustix::fs::copy_file_range(from, Some(&mut i), to, Some(&mut o), want) {
            Ok(0) => return Ok(()),
            Ok(_) => {}
            Err(Errno::INTR) => {}
            Err(Errno::XDEV | Errno::NOSYS | Errno::OPNOTSUPP | Errno::INVAL | Errno::IO) => break,
            Err(e) => return Err(e),
        }
    }
    let mut buf = vec![0u8; 1 << 20];
    while i < end {
        let want = ((end - i) as usize).min(buf.len());
        let n = match rustix::io::pread(from, &mut buf[..want], i) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(Errno::INTR) => continue,
            Err(e) => return Err(e),
        };
        let mut w = 0;
        while w < n {
            match rustix::io::pwrite(to, &buf[w..n], i + w as u64) {
                Ok(k) => w += k,
                Err(Errno::INTR) => {}
                Err(e) => return Err(e),
            }
        }
        i += n as u64;
    }
    Ok(())
}

/// Opens the backup object `name` in `sp` and checks that it is the one
/// listed (`st`: device, inode, type); what changed since is refused.
fn open_listed(
    sp: BorrowedFd<'_>,
    name: &CStr,
    flags: OFlags,
    st: &Stat,
    label: &Path,
) -> Result<(OwnedFd, Stat)> {
    let fd = rustix::fs::openat(sp, name, flags, Mode::empty())
        .with_context(|| format!("open backup of {}", label.display()))?;
    let fst =
        rustix::fs::fstat(&fd).with_context(|| format!("stat backup of {}", label.display()))?;
    if !same(&fst, st) {
        return Err(changed(label));
    }
    Ok((fd, fst))
}
