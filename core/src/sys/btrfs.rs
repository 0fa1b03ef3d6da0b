//! Safe wrappers over the btrfs ioctls rvss uses. Each takes open directory
//! handles so that callers resolve paths once, without following links.

use super::abi;
use rustix::io::Errno;
use rustix::ioctl::{ioctl, Setter, Updater};
use std::ffi::OsStr;
use std::ffi::OsString;
use std::io;
use std::os::fd::{AsFd, AsRawFd};
use std::os::unix::ffi::{OsStrExt, OsStringExt};

pub use abi::{BTRFS_EMPTY_SUBVOL_DIR_OBJECTID, BTRFS_FIRST_FREE_OBJECTID};

/// Copies a subvolume name into an ioctl name field, refusing what the kernel
/// would misread: empty names, '/', NUL, "." and "..", and names too long.
fn fill_name(dst: &mut [u8], name: &OsStr) -> io::Result<()> {
    let bytes = name.as_bytes();
    let bad = bytes.is_empty()
        || bytes == b"."
        || bytes == b".."
        || bytes.contains(&b'/')
        || bytes.contains(&0)
        || bytes.len() >= dst.len()
        || bytes.len() > abi::BTRFS_SUBVOL_NAME_MAX
        || bytes.len() > libc::NAME_MAX as usize;
    if bad {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("invalid subvolume name {:?}", name),
        ));
    }
    dst[..bytes.len()].copy_from_slice(bytes);
    dst[bytes.len()] = 0;
    Ok(())
}

/// Snapshots the subvolume whose root directory is `source` into `dest_dir`
/// under `name`, read-only unless `writable`.
pub fn snapshot(
    source: impl AsFd,
    dest_dir: impl AsFd,
    name: &OsStr,
    writable: bool,
) -> io::Result<()> {
    let source = source.as_fd();
    let dest_dir = dest_dir.as_fd();
    let mut args = abi::btrfs_ioctl_vol_args_v2 {
        fd: i64::from(source.as_raw_fd()),
        flags: if writable {
            0
        } else {
            abi::BTRFS_SUBVOL_RDONLY
        },
        ..Default::default()
    };
    fill_name(&mut args.name, name)?;
    // SAFETY: the opcode's type is the argument's type (abi's tests check the
    // request number against the kernel's); `source`, whose descriptor the
    // kernel reads from `args`, stays open for the call.
    unsafe { ioctl(dest_dir, Setter::<abi::SnapCreateV2, _>::new(args)) }?;
    Ok(())
}

/// Deletes the subvolume `name` inside `parent`.
pub fn destroy(parent: impl AsFd, name: &OsStr) -> io::Result<()> {
    let parent = parent.as_fd();
    let mut args = abi::btrfs_ioctl_vol_args_v2::default();
    fill_name(&mut args.name, name)?;
    // SAFETY: the opcode's type is the argument's type.
    match unsafe { ioctl(parent, Setter::<abi::SnapDestroyV2, _>::new(args)) } {
        // Kernels before 5.7 lack the v2 request: fall back to the original.
        Err(Errno::NOTTY) => {
            let mut v1 = abi::btrfs_ioctl_vol_args::default();
            fill_name(&mut v1.name, name)?;
            // SAFETY: the opcode's type is the argument's type.
            unsafe { ioctl(parent, Setter::<abi::SnapDestroy, _>::new(v1)) }?;
            Ok(())
        }
        other => Ok(other?),
    }
}

/// Deletes the subvolume with tree id `id` (the kernel finds its parent
/// from the id; `any` is any handle on the filesystem). Linux 5.7 and
/// later.
pub fn destroy_by_id(any: impl AsFd, id: u64) -> io::Result<()> {
    let any = any.as_fd();
    let args = abi::btrfs_ioctl_vol_args_v2 {
        flags: abi::BTRFS_SUBVOL_SPEC_BY_ID,
        // The union's `subvolid` member lies where the name begins.
        name: {
            let mut n = [0u8; abi::BTRFS_SUBVOL_NAME_MAX + 1];
            n[..8].copy_from_slice(&id.to_ne_bytes());
            n
        },
        ..Default::default()
    };
    // SAFETY: the opcode's type is the argument's type.
    unsafe { ioctl(any, Setter::<abi::SnapDestroyV2, _>::new(args)) }?;
    Ok(())
}

/// A subvolume linked directly inside another: its tree id and the inode
/// number of the directory holding its link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Child {
    pub treeid: u64,
    pub dirid: u64,
}

/// The subvolumes linked directly inside the subvolume containing `f`.
pub fn children(f: impl AsFd) -> io::Result<Vec<Child>> {
    let f = f.as_fd();
    let mut out = vec![];
    let mut min_treeid = 0u64;
    loop {
        let mut args = Box::new(abi::btrfs_ioctl_get_subvol_rootref_args::default());
        args.min_treeid = min_treeid;
        // SAFETY: the request reads and fills `args`, of the opcode's type.
        let more = match unsafe { ioctl(f, Updater::<abi::GetSubvolRootref, _>::new(&mut *args)) } {
            Ok(()) => false,
            // The buffer was full: `min_treeid` says where to go on.
            Err(Errno::OVERFLOW) => true,
            Err(e) => return Err(e.into()),
        };
        let n = usize::from(args.num_items).min(args.rootref.len());
        out.extend(args.rootref[..n].iter().map(|r| Child {
            treeid: r.treeid,
            dirid: r.dirid,
        }));
        if !more || args.min_treeid <= min_treeid {
            return Ok(out);
        }
        min_treeid = args.min_treeid;
    }
}

/// Where the subvolume `child` is linked, relative to the root of the
/// subvolume containing `parent` (which must be the one it is linked in):
/// the directory's path (components) and the link's name.
pub fn child_link(parent: impl AsFd, child: Child) -> io::Result<(Vec<OsString>, OsString)> {
    let parent = parent.as_fd();
    let mut args = Box::new(abi::btrfs_ioctl_ino_lookup_user_args::default());
    args.dirid = child.dirid;
    args.treeid = child.treeid;
    // SAFETY: the request reads and fills `args`, of the opcode's type.
    unsafe { ioctl(parent, Updater::<abi::InoLookupUser, _>::new(&mut *args)) }?;
    let cstr = |b: &[u8]| b[..b.iter().position(|&c| c == 0).unwrap_or(b.len())].to_vec();
    let path = cstr(&args.path);
    let dirs = path
        .split(|&c| c == b'/')
        .filter(|p| !p.is_empty())
        .map(|p| OsString::from_vec(p.to_vec()))
        .collect();
    Ok((dirs, OsString::from_vec(cstr(&args.name))))
}

fn get_flags(subvol: impl AsFd) -> io::Result<u64> {
    let subvol = subvol.as_fd();
    let mut flags: u64 = 0;
    // SAFETY: the request writes one u64, the opcode's type.
    unsafe { ioctl(subvol, Updater::<abi::SubvolGetflags, _>::new(&mut flags)) }?;
    Ok(flags)
}

/// Whether the subvolume rooted at `subvol` is read-only.
pub fn is_readonly(subvol: impl AsFd) -> io::Result<bool> {
    let subvol = subvol.as_fd();
    Ok(get_flags(subvol)? & abi::BTRFS_SUBVOL_RDONLY != 0)
}

/// Makes the subvolume rooted at `subvol` read-only or writable.
pub fn set_readonly(subvol: impl AsFd, readonly: bool) -> io::Result<()> {
    let subvol = subvol.as_fd();
    let ro = abi::BTRFS_SUBVOL_RDONLY;
    let old = get_flags(subvol)?;
    let new = if readonly { old | ro } else { old & !ro };
    if new == old {
        return Ok(());
    }
    // SAFETY: the request reads one u64, the opcode's type.
    unsafe { ioctl(subvol, Setter::<abi::SubvolSetflags, _>::new(new)) }?;
    Ok(())
}

/// What the kernel says of a subvolume.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubvolInfo {
    pub id: u64,
    /// The subvolume it is linked in (0 for the top level).
    pub parent_id: u64,
    /// The transaction that made it: a subvolume made inside a snapshot
    /// after the snapshot has a later one than the snapshot.
    pub otransid: u64,
    /// The last transaction that changed its tree (committed): every
    /// change made later carries a later one.
    pub generation: u64,
    pub uuid: [u8; 16],
    pub parent_uuid: [u8; 16],
    /// The sent subvolume's UUID on a subvolume `btrfs receive` made, set
    /// only once the whole stream arrived (zero while it is being received
    /// or after a transfer killed midway).
    pub received_uuid: [u8; 16],
    /// When the subvolume (snapshot) was made, Unix seconds.
    pub otime: i64,
}

/// Identity of the subvolume containing `f`.
pub fn subvol_info(f: impl AsFd) -> io::Result<SubvolInfo> {
    let f = f.as_fd();
    let mut args = abi::btrfs_ioctl_get_subvol_info_args::default();
    // SAFETY: the request fills `args`, of the opcode's type.
    unsafe { ioctl(f, Updater::<abi::GetSubvolInfo, _>::new(&mut args)) }?;
    Ok(SubvolInfo {
        id: args.treeid,
        parent_id: args.parent_id,
        otransid: args.otransid,
        generation: args.generation,
        uuid: args.uuid,
        parent_uuid: args.parent_uuid,
        received_uuid: args.received_uuid,
        otime: i64::try_from(args.otime.sec).unwrap_or(i64::MAX),
    })
}

/// Exclusive bytes of every subvolume (its level-0 qgroup), when quotas are
/// enabled on the filesystem holding `f`; None when they are not.
pub fn exclusive_bytes(f: impl AsFd) -> io::Result<Option<std::collections::HashMap<u64, u64>>> {
    let f = f.as_fd();
    let mut out = std::collections::HashMap::new();
    let mut min_offset = 0u64;
    loop {
        let mut args = abi::btrfs_ioctl_search_args::default();
        args.key.tree_id = abi::BTRFS_QUOTA_TREE_OBJECTID;
        args.key.min_type = abi::BTRFS_QGROUP_INFO_KEY;
        args.key.max_type = abi::BTRFS_QGROUP_INFO_KEY;
        args.key.min_offset = min_offset;
        // Level-0 qgroups (one per subvolume) have ids below 2^48.
        args.key.max_offset = (1u64 << 48) - 1;
        args.key.max_transid = u64::MAX;
        args.key.nr_items = 4096;
        // SAFETY: the request reads and fills `args` (a plain struct with a
        // byte buffer), of the opcode's type.
        match unsafe { ioctl(f, Updater::<abi::TreeSearch, _>::new(&mut args)) } {
            Ok(()) => {}
            // No quota tree: quotas are off.
            Err(Errno::NOENT) => return Ok(None),
            Err(e) => return Err(e.into()),
        }
        let n = args.key.nr_items;
        if n == 0 {
            return Ok(Some(out));
        }
        let buf = &args.buf;
        let mut pos = 0usize;
        let hdr = abi::SEARCH_HEADER;
        let mut last = min_offset;
        for _ in 0..n {
            let Some(h) = buf.get(pos..pos + hdr) else {
                break;
            };
            let u64_at =
                |b: &[u8], o: usize| u64::from_ne_bytes(b[o..o + 8].try_into().unwrap_or([0; 8]));
            // Header: transid, objectid, offset (u64s), type, len (u32s).
            let offset = u64_at(h, 16);
            let ty = u32::from_ne_bytes(h[24..28].try_into().unwrap_or([0; 4]));
            let len = u32::from_ne_bytes(h[28..32].try_into().unwrap_or([0; 4])) as usize;
            let item = buf.get(pos + hdr..pos + hdr + len).unwrap_or(&[]);
            if ty == abi::BTRFS_QGROUP_INFO_KEY && item.len() >= 40 {
                // generation, rfer, rfer_cmpr, excl, excl_cmpr: little-endian.
                let excl = u64::from_le_bytes(item[24..32].try_into().unwrap_or([0; 8]));
                out.insert(offset, excl);
            }
            last = offset;
            pos += hdr + len;
        }
        match last.checked_add(1) {
            Some(next) if next > min_offset => min_offset = next,
            _ => return Ok(Some(out)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_kernel_would_misread_are_refused() {
        let mut buf = [0u8; 4040];
        for bad in ["", ".", "..", "a/b", "a\0b"] {
            assert!(fill_name(&mut buf, OsStr::new(bad)).is_err(), "{bad:?}");
        }
        assert!(fill_name(&mut buf, OsStr::new(&"x".repeat(256))).is_err());
        fill_name(&mut buf, OsStr::new("@GMT-2026.11.25-10.00.00")).unwrap();
        assert_eq!(buf[24], 0);
        assert_eq!(buf[0], b'@');
    }
}
