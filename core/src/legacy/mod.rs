//! rvss 0.2's formats, migrated on first use; deletable in one commit when
//! 0.2 is no longer supported.

pub mod cephfs;
