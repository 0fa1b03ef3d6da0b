//! The operating-system layer: btrfs ioctls and the few syscalls std lacks.
//! Every `unsafe` block of the core lives here (the rest is in `ffi`); the
//! functions exported from this module are safe.

mod abi;
pub mod btrfs;
pub mod dir;
pub mod fs;
