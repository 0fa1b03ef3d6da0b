//! The catalog: every snapshot rvss created on one filesystem, kept next to
//! the snapshots, one small file per snapshot in `<snapshot dir>/catalog.d/`.
//! A hook reads and writes only the file of the snapshot it works on, so its
//! cost does not grow with the number of snapshots (years of retained
//! backups); listing, pruning and gc read them all.
//!
//! Guarantees:
//! - Each entry file is replaced only by an atomic rename: a crash leaves the
//!   old or the new entry, never a torn one. On btrfs a new entry is made
//!   durable by the snapshot ioctl's own transaction commit (btrfs commits
//!   atomically and in order), so a snapshot rvss made is always one its
//!   catalog knows.
//! - A name is reserved by creating its entry file without replacing
//!   (renameat2 NOREPLACE, or a hard link where the filesystem has no
//!   NOREPLACE, as ceph-fuse): two processes can never take the same
//!   snapshot name, and no lock is held while the snapshot is taken.
//! - The same catalog serves CephFS (`open_rooted`): its snapshots lie
//!   outside its directory, entries are named after their absolute path,
//!   and every write is durable when it returns.
//! - Everything is reached through the snapshot directory's handle without
//!   following a symbolic link; anything but a regular file is refused.
//! - An entry that does not parse is reported, never guessed at: nothing is
//!   deleted on its behalf, and `rvss repair` rebuilds it from its snapshot.
//!
//! An entry's life: btrfs writes it once, `Exposed` with its `creator`,
//! before taking the snapshot; CephFS writes it `Creating` and rewrites it
//! `Exposed` once the snapshot exists (`State`). An FSRVP delete either
//! removes it or, under a retention policy, makes it `Retained`.
//!
//! Locking (`catalog.lock`, shared by the module and the CLI): deleting a
//! snapshot or rewriting what another process may be using takes the lock
//! exclusively for that one change (delete hook, prune, gc per snapshot,
//! repair, migration); creating, listing and restoring take it shared.
//!
//! The parts: `entry` (the record and its file format), `naming` (entry
//! file names), `store` (the files, the lock, every read and write),
//! `repair` (`rvss repair`), `restoring` (the mark `rvss restore` leaves).
//! rvss 0.2's catalog.json is migrated by `crate::legacy::catalog`.

pub mod entry;
pub mod naming;
pub mod repair;
pub mod restoring;
pub mod store;

pub use entry::{parse, serialize, Creator, Entry, Replica, State};
pub use naming::{entry_name, rel_of_entry_name};
pub use repair::{repair, repair_catalog, Repaired};
pub use store::{
    exists, read_unlocked, Catalog, Corrupt, Durability, Scan, DIR_NAME, FILE_NAMES, LOCK_TIMEOUT,
};
// 0.2: the legacy names under their old paths (doctor, the CephFS
// migration and the end-to-end tests use them).
pub use crate::legacy::catalog::{
    parse_legacy, serialize_legacy, LEGACY_NAME, LEGACY_PREVIOUS_NAME, MIGRATED_NAME,
};

#[cfg(test)]
pub(crate) mod tests;
