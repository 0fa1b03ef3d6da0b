//! rvss: Remote VSS (MS-FSRVP) shadow copies on btrfs for Samba.
//!
//! The FSRVP hook path: Samba's rpcd_fsrvp calls the shim's hooks
//! (samba-module/vfs_rvss.c) -> `ffi` (extern "C", panics caught, NTSTATUS)
//! -> `shadow` (check, create, delete) -> `sys` (btrfs ioctls).

pub mod catalog;
pub mod cli;
pub mod config;
pub mod error;
pub mod ffi;
pub mod gmt;
pub mod inventory;
pub mod known_dirs;
pub mod layout;
pub mod logging;
pub mod mounts;
pub mod ntstatus;
pub mod restore;
pub mod retention;
pub mod samba;
pub mod shadow;
pub mod smbconf;
pub mod snapshot;
pub mod structure;
pub mod sys;
