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

// Layers, bottom to top (a module uses only those below it): sys, error,
// ntstatus, gmt, paths, duration, logging, mounts, samba (the version
// rules); config, share; catalog (with restoring), structure, flush,
// restore; legacy, policy, backend (the trait), then backend::btrfs and
// backend::cephfs, then backend::registry and hooks; admin (smb.conf, the
// installed Samba and dpkg, inventory, subprocesses) serves the CLI only.
pub mod admin;
pub mod audit;
pub mod backend;
pub mod catalog;
pub mod config;
pub mod duration;
pub mod error;
pub mod flush;
pub mod fsrvp_state;
pub mod gmt;
pub mod hooks;
pub mod legacy;
pub mod logging;
pub mod mounts;
pub mod ntstatus;
pub mod paths;
pub mod policy;
pub mod replicate;
pub mod restore;
pub mod samba;
pub mod share;
pub mod state_dir;
pub mod structure;
#[allow(unsafe_code)]
pub mod sys;
