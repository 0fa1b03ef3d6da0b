//! rvss's core: everything the Samba module and the admin CLI share. The
//! rules (what a supported share is, where snapshots go, what may be
//! deleted) live here once; the module (the workspace's top package) and
//! the CLI (cli/) only adapt them. No Samba headers are needed to build it.
//!
//! `unsafe` is denied everywhere but in `sys` (the workspace's lints).

// Nothing may panic into smbd: no unwrap/expect outside tests. Here, not in
// the workspace's [lints]: the CLI may unwrap (a package's [lints] is all or
// nothing).
#![deny(clippy::unwrap_used, clippy::expect_used)]

pub mod backend;
pub mod catalog;
pub mod cephfs;
pub mod config;
pub mod dpkg;
pub mod duration;
pub mod error;
pub mod flush;
pub mod gc;
pub mod gmt;
pub mod inventory;
pub mod known_dirs;
pub mod layout;
pub mod legacy;
pub mod logging;
pub mod mounts;
pub mod nested;
pub mod ntstatus;
pub mod process;
pub mod restore;
pub mod retention;
pub mod samba;
pub mod shadow;
pub mod smbconf;
pub mod snapshot;
pub mod structure;
#[allow(unsafe_code)]
pub mod sys;

// Its old path, still used by the hooks and retention (moved in parallel).
pub use catalog::restoring;
