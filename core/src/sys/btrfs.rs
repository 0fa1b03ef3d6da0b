//! Safe wrappers over the btrfs ioctls rvss uses. Each takes open directory
//! handles so that callers resolve paths once, without following links.

use super::abi;
use rustix::io::Errno;
use rustix::ioctl::{ioctl, Setter, Updater};
use std::ffi::OsStr;
use std::fs::File;
use std::io;
use std::os::fd::AsRawFd;
use std::os::unix::ffi::OsStrExt;

pub use abi::BTRFS_FIRST_FREE_OBJECTID;

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
pub fn snapshot(source: &File, dest_dir: &File, name: &OsStr, writable: bool) -> io::Result<()> {
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
pub fn destroy(parent: &File, name: &OsStr) -> io::Result<()> {
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

fn get_flags(subvol: &File) -> io::Result<u64> {
    let mut flags: u64 = 0;
    // SAFETY: the request writes one u64, the opcode's type.
    unsafe { ioctl(subvol, Updater::<abi::SubvolGetflags, _>::new(&mut flags)) }?;
    Ok(flags)
}

/// Whether the subvolume rooted at `subvol` is read-only.
pub fn is_readonly(subvol: &File) -> io::Result<bool> {
    Ok(get_flags(subvol)? & abi::BTRFS_SUBVOL_RDONLY != 0)
}

/// Makes the subvolume rooted at `subvol` read-only or writable.
pub fn set_readonly(subvol: &File, readonly: bool) -> io::Result<()> {
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
    pub uuid: [u8; 16],
    pub parent_uuid: [u8; 16],
    /// When the subvolume (snapshot) was made, Unix seconds.
    pub otime: i64,
}

/// Identity of the subvolume containing `f`.
pub fn subvol_info(f: &File) -> io::Result<SubvolInfo> {
    let mut args = abi::btrfs_ioctl_get_subvol_info_args::default();
    // SAFETY: the request fills `args`, of the opcode's type.
    unsafe { ioctl(f, Updater::<abi::GetSubvolInfo, _>::new(&mut args)) }?;
    Ok(SubvolInfo {
        id: args.treeid,
        uuid: args.uuid,
        parent_uuid: args.parent_uuid,
        otime: i64::try_from(args.otime.sec).unwrap_or(i64::MAX),
    })
}

/// Exclusive bytes of every subvolume (its level-0 qgroup), when quotas are
/// enabled on the filesystem holding `f`; None when they are not.
pub fn exclusive_bytes(f: &File) -> io::Result<Option<std::collections::HashMap<u64, u64>>> {
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
