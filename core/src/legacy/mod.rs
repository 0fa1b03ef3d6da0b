//! Support for what rvss 0.2 left on disk, kept apart so that it can be
//! deleted in one commit when 0.2 is no longer supported (its callers are
//! marked `0.2:`): legacy/catalog.rs (catalog.json -> catalog.d),
//! legacy/cephfs.rs (rvss 0.2's CephFS catalog).

pub mod catalog;
pub mod cephfs;

#[cfg(test)]
mod tests;
