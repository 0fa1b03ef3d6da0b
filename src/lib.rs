//! rvss: Remote VSS (MS-FSRVP) shadow copies on btrfs and CephFS for Samba. This
//! package is the module smbd loads (librvss.so, installed as rvss.so): the
//! C shim (samba-module/vfs_rvss.c) and the FFI layer. The rules live in
//! rvss-core (core/); the admin CLI is rvss-cli (cli/) and is not part of
//! the module. See ARCHITECTURE.md.
//!
//! The FSRVP hook path: Samba's rpcd_fsrvp calls the shim's hooks
//! -> `ffi` (extern "C", panics caught, NTSTATUS) -> `rvss_core::hooks`
//! (check, create, delete: the share's backend resolved once, one call)
//! -> `rvss_core::backend::{btrfs, cephfs}` -> `rvss_core::sys` (ioctls,
//! syscalls).

// Nothing may panic into smbd: no unwrap/expect outside tests. Here, not in
// the workspace's [lints]: the CLI and this package's tests, benches and
// examples may unwrap (a package's [lints] is all or nothing).
#![deny(clippy::unwrap_used, clippy::expect_used)]

// The core, under the paths the tests and benchmarks use (`rvss::catalog`).
pub use rvss_core::{
    admin, audit, backend, catalog, config, duration, error, fsrvp_state, gmt, hooks, logging,
    mounts, ntstatus, policy, restore, share, structure, sys,
};

#[allow(unsafe_code)]
pub mod ffi;

/// The Samba this module was built for (recorded by build.rs), next to the
/// core's version rules.
pub mod samba {
    pub use rvss_core::samba::*;

    mod build_info {
        include!(concat!(env!("OUT_DIR"), "/build_info.rs"));
    }
    pub use build_info::{
        MARKER, SAMBA_PACKAGE_VERSION, SAMBA_VERSION, SAMBA_VERSION_FAKED, VFS_INTERFACE_VERSION,
    };

    #[cfg(test)]
    mod tests {
        use super::*;

        // The marker this module embeds reads back as what it was built for.
        #[test]
        fn marker_round_trip() {
            let mut file = b"\x7fELF garbage RVSS-BUILT-FOR-SAMBA \0 more".to_vec();
            file.extend_from_slice(&MARKER);
            file.extend_from_slice(b"tail");
            let b = built_for(&file).expect("marker found");
            assert_eq!(b.version, SAMBA_VERSION);
            assert_eq!(b.interface, Some(VFS_INTERFACE_VERSION));
            assert_eq!(b.package, SAMBA_PACKAGE_VERSION);
            assert!(MARKER.starts_with(MARKER_PREFIX.as_bytes()));
        }
    }
}
