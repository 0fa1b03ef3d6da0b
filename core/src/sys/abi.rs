//! The btrfs ioctl ABI (linux/btrfs.h, linux/btrfs_tree.h), written out by
//! hand: a handful of fixed, append-only kernel structures, so that building
//! rvss needs neither libclang nor kernel headers. The sizes are pinned
//! below; the request numbers, which encode them, are computed by rustix
//! and checked against the kernel's values in the tests.
//!
//! Hand-written because no maintained crate carries these structures
//! (the btrfs crates on crates.io are unmaintained or wrap btrfs-progs).

#![allow(non_camel_case_types)]

use rustix::ioctl::{ReadOpcode, ReadWriteOpcode, WriteOpcode};

pub const BTRFS_IOCTL_MAGIC: u8 = 0x94;
pub const BTRFS_SUBVOL_RDONLY: u64 = 1 << 1;
pub const BTRFS_SUBVOL_NAME_MAX: usize = 4039;
pub const BTRFS_PATH_NAME_MAX: usize = 4087;
pub const BTRFS_QUOTA_TREE_OBJECTID: u64 = 8;
pub const BTRFS_QGROUP_INFO_KEY: u32 = 242;
/// The inode number of every subvolume's root directory.
pub const BTRFS_FIRST_FREE_OBJECTID: u64 = 256;
/// The inode number of the empty directory a snapshot holds where its
/// source had a nested subvolume.
pub const BTRFS_EMPTY_SUBVOL_DIR_OBJECTID: u64 = 2;
pub const BTRFS_SUPER_MAGIC: i64 = 0x9123_683E;
/// `btrfs_ioctl_vol_args_v2.flags` of SNAP_DESTROY_V2: `subvolid` names it.
pub const BTRFS_SUBVOL_SPEC_BY_ID: u64 = 1 << 4;
pub const BTRFS_MAX_ROOTREF_BUFFER_NUM: usize = 255;
pub const BTRFS_VOL_NAME_MAX: usize = 255;
pub const BTRFS_INO_LOOKUP_USER_PATH_MAX: usize = 4080 - BTRFS_VOL_NAME_MAX - 1;
pub const BTRFS_INO_LOOKUP_PATH_MAX: usize = 4080;
/// Item types (linux/btrfs_tree.h).
pub const BTRFS_DIR_ITEM_KEY: u32 = 84;
pub const BTRFS_ROOT_ITEM_KEY: u8 = 132;

/// `struct btrfs_ioctl_vol_args`.
#[repr(C)]
pub struct btrfs_ioctl_vol_args {
    pub fd: i64,
    pub name: [u8; BTRFS_PATH_NAME_MAX + 1],
}

/// `struct btrfs_ioctl_vol_args_v2`, its two unions flattened to the
/// members rvss uses (the first union's 32 bytes are always zero here; the
/// second union is the name).
#[repr(C)]
pub struct btrfs_ioctl_vol_args_v2 {
    pub fd: i64,
    pub transid: u64,
    pub flags: u64,
    pub unused: [u64; 4],
    pub name: [u8; BTRFS_SUBVOL_NAME_MAX + 1],
}

/// One `rootref` of `struct btrfs_ioctl_get_subvol_rootref_args`.
#[repr(C)]
#[derive(Debug, Default, Clone, Copy)]
pub struct btrfs_rootref {
    pub treeid: u64,
    pub dirid: u64,
}

/// `struct btrfs_ioctl_get_subvol_rootref_args`.
#[repr(C)]
pub struct btrfs_ioctl_get_subvol_rootref_args {
    pub min_treeid: u64,
    pub rootref: [btrfs_rootref; BTRFS_MAX_ROOTREF_BUFFER_NUM],
    pub num_items: u8,
    pub align: [u8; 7],
}

/// `struct btrfs_ioctl_ino_lookup_user_args`.
#[repr(C)]
pub struct btrfs_ioctl_ino_lookup_user_args {
    pub dirid: u64,
    pub treeid: u64,
    pub name: [u8; BTRFS_VOL_NAME_MAX + 1],
    pub path: [u8; BTRFS_INO_LOOKUP_USER_PATH_MAX],
}

/// `struct btrfs_ioctl_ino_lookup_args`.
#[repr(C)]
pub struct btrfs_ioctl_ino_lookup_args {
    pub treeid: u64,
    pub objectid: u64,
    pub name: [u8; BTRFS_INO_LOOKUP_PATH_MAX],
}

/// `struct btrfs_ioctl_timespec`.
#[repr(C)]
#[derive(Default)]
pub struct btrfs_ioctl_timespec {
    pub sec: u64,
    pub nsec: u32,
}

/// `struct btrfs_ioctl_get_subvol_info_args`.
#[repr(C)]
pub struct btrfs_ioctl_get_subvol_info_args {
    pub treeid: u64,
    pub name: [u8; 256],
    pub parent_id: u64,
    pub dirid: u64,
    pub generation: u64,
    pub flags: u64,
    pub uuid: [u8; 16],
    pub parent_uuid: [u8; 16],
    pub received_uuid: [u8; 16],
    pub ctransid: u64,
    pub otransid: u64,
    pub stransid: u64,
    pub rtransid: u64,
    pub ctime: btrfs_ioctl_timespec,
    pub otime: btrfs_ioctl_timespec,
    pub stime: btrfs_ioctl_timespec,
    pub rtime: btrfs_ioctl_timespec,
    pub reserved: [u64; 8],
}

/// `struct btrfs_ioctl_search_key`.
#[repr(C)]
#[derive(Default)]
pub struct btrfs_ioctl_search_key {
    pub tree_id: u64,
    pub min_objectid: u64,
    pub max_objectid: u64,
    pub min_offset: u64,
    pub max_offset: u64,
    pub min_transid: u64,
    pub max_transid: u64,
    pub min_type: u32,
    pub max_type: u32,
    pub nr_items: u32,
    pub unused: u32,
    pub unused1: u64,
    pub unused2: u64,
    pub unused3: u64,
    pub unused4: u64,
}

/// `BTRFS_SEARCH_ARGS_BUFSIZE`.
pub const SEARCH_BUF: usize = 4096 - std::mem::size_of::<btrfs_ioctl_search_key>();

/// `struct btrfs_ioctl_search_args`.
#[repr(C)]
pub struct btrfs_ioctl_search_args {
    pub key: btrfs_ioctl_search_key,
    pub buf: [u8; SEARCH_BUF],
}

/// `struct btrfs_ioctl_search_header`: transid, objectid, offset (u64s),
/// type, len (u32s).
pub const SEARCH_HEADER: usize = 32;

macro_rules! zeroed_default {
    ($($t:ty => $e:expr),* $(,)?) => {$(
        impl Default for $t {
            fn default() -> Self {
                $e
            }
        }
    )*};
}

zeroed_default! {
    btrfs_ioctl_vol_args => btrfs_ioctl_vol_args { fd: 0, name: [0; BTRFS_PATH_NAME_MAX + 1] },
    btrfs_ioctl_vol_args_v2 => btrfs_ioctl_vol_args_v2 {
        fd: 0,
        transid: 0,
        flags: 0,
        unused: [0; 4],
        name: [0; BTRFS_SUBVOL_NAME_MAX + 1],
    },
    btrfs_ioctl_get_subvol_info_args => btrfs_ioctl_get_subvol_info_args {
        treeid: 0,
        name: [0; 256],
        parent_id: 0,
        dirid: 0,
        generation: 0,
        flags: 0,
        uuid: [0; 16],
        parent_uuid: [0; 16],
        received_uuid: [0; 16],
        ctransid: 0,
        otransid: 0,
        stransid: 0,
        rtransid: 0,
        ctime: Default::default(),
        otime: Default::default(),
        stime: Default::default(),
        rtime: Default::default(),
        reserved: [0; 8],
    },
    btrfs_ioctl_search_args => btrfs_ioctl_search_args {
        key: Default::default(),
        buf: [0; SEARCH_BUF],
    },
    btrfs_ioctl_get_subvol_rootref_args => btrfs_ioctl_get_subvol_rootref_args {
        min_treeid: 0,
        rootref: [btrfs_rootref::default(); BTRFS_MAX_ROOTREF_BUFFER_NUM],
        num_items: 0,
        align: [0; 7],
    },
    btrfs_ioctl_ino_lookup_args => btrfs_ioctl_ino_lookup_args {
        treeid: 0,
        objectid: 0,
        name: [0; BTRFS_INO_LOOKUP_PATH_MAX],
    },
    btrfs_ioctl_ino_lookup_user_args => btrfs_ioctl_ino_lookup_user_args {
        dirid: 0,
        treeid: 0,
        name: [0; BTRFS_VOL_NAME_MAX + 1],
        path: [0; BTRFS_INO_LOOKUP_USER_PATH_MAX],
    },
}

// The kernel's sizes (pahole on linux/btrfs.h); the request numbers encode them.
const _: () = assert!(std::mem::size_of::<btrfs_ioctl_vol_args>() == 4096);
const _: () = assert!(std::mem::size_of::<btrfs_ioctl_vol_args_v2>() == 4096);
const _: () = assert!(std::mem::size_of::<btrfs_ioctl_get_subvol_info_args>() == 504);
const _: () = assert!(std::mem::size_of::<btrfs_ioctl_search_key>() == 104);
const _: () = assert!(std::mem::size_of::<btrfs_ioctl_search_args>() == 4096);
const _: () = assert!(std::mem::size_of::<btrfs_ioctl_get_subvol_rootref_args>() == 4096);
const _: () = assert!(std::mem::size_of::<btrfs_ioctl_ino_lookup_user_args>() == 4096);
const _: () = assert!(std::mem::size_of::<btrfs_ioctl_ino_lookup_args>() == 4096);

const M: u8 = BTRFS_IOCTL_MAGIC;
pub type SnapDestroy = WriteOpcode<M, 15, btrfs_ioctl_vol_args>;
pub type TreeSearch = ReadWriteOpcode<M, 17, btrfs_ioctl_search_args>;
pub type InoLookup = ReadWriteOpcode<M, 18, btrfs_ioctl_ino_lookup_args>;
pub type SnapCreateV2 = WriteOpcode<M, 23, btrfs_ioctl_vol_args_v2>;
pub type SubvolGetflags = ReadOpcode<M, 25, u64>;
pub type SubvolSetflags = WriteOpcode<M, 26, u64>;
pub type GetSubvolInfo = ReadOpcode<M, 60, btrfs_ioctl_get_subvol_info_args>;
pub type SnapDestroyV2 = WriteOpcode<M, 63, btrfs_ioctl_vol_args_v2>;
pub type GetSubvolRootref = ReadWriteOpcode<M, 61, btrfs_ioctl_get_subvol_rootref_args>;
pub type InoLookupUser = ReadWriteOpcode<M, 62, btrfs_ioctl_ino_lookup_user_args>;

#[cfg(test)]
mod tests {
    use super::*;
    use rustix::ioctl::{CompileTimeOpcode, RawOpcode};

    fn raw<O: CompileTimeOpcode>() -> RawOpcode {
        O::OPCODE.raw()
    }

    // Values from the kernel's own headers, as strace prints them.
    #[test]
    fn request_numbers_match_the_kernel() {
        assert_eq!(raw::<SnapCreateV2>(), 0x5000_9417);
        assert_eq!(raw::<SnapDestroy>(), 0x5000_940f);
        assert_eq!(raw::<SnapDestroyV2>(), 0x5000_943f);
        assert_eq!(raw::<SubvolGetflags>(), 0x8008_9419);
        assert_eq!(raw::<SubvolSetflags>(), 0x4008_941a);
        assert_eq!(raw::<GetSubvolInfo>(), 0x81f8_943c);
        assert_eq!(raw::<TreeSearch>(), 0xd000_9411);
        assert_eq!(raw::<InoLookup>(), 0xd000_9412);
        assert_eq!(raw::<GetSubvolRootref>(), 0xd000_943d);
        assert_eq!(raw::<InoLookupUser>(), 0xd000_943e);
    }
}
