//! The operating-system layer: btrfs ioctls and the few syscalls std lacks.
//! Every `unsafe` block of the core lives here (the rest is in `ffi`); the
//! functions exported from this module are safe.

mod abi;
pub mod btrfs;
pub mod ceph;
pub mod dir;
pub mod fs;
pub mod search;
pub mod tdb;
pub mod thread;
pub mod time;
pub mod users;

/// Whether this process runs as root (effective uid 0): the one root check.
pub fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}
