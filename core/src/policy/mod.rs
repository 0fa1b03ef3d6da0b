//! The rules about what rvss made that hold on every backend: retention
//! (which backups are kept), gc (orphans), and how a snapshot is reported.
//! They work through `backend::Snapshots`, never on a filesystem directly.

pub mod calendar;
pub mod gc;
pub mod retention;
pub mod status;
