//! The mark a restore leaves in its backup's catalog entry, instead of
//! holding the catalog lock for the whole copy (which made every FSRVP
//! delete, prune and gc on that catalog wait, and time out, meanwhile).
//!
//! Written under the exclusive lock, like every other rewrite of an entry;
//! it names the restoring process (pid and start time, as `Entry::creator`
//! does for a snapshot being taken). While that process runs, prune and gc
//! leave the entry alone and the FSRVP delete of its shadow copy is refused;
//! the mark is cleared when the restore ends, failed or not (`Drop`), and a
//! mark whose process is gone (killed) counts for nothing.

use super::entry::{Creator, Entry};
use super::store::{Catalog, Durability};
use crate::error::{Error, Result};
use crate::ntstatus;
use std::path::PathBuf;

/// A backup marked as being restored from; cleared when dropped.
pub struct Mark {
    catalog: Catalog,
    path: PathBuf,
    who: Creator,
}

impl Mark {
    /// Marks `entry` (as read from `catalog`) as being restored by this
    /// process. The caller holds the catalog's exclusive lock (so that the
    /// entry cannot change between its reading and this write).
    pub fn set(catalog: Catalog, entry: &Entry) -> Result<Mark> {
        let who = Creator::current().ok_or_else(|| {
            Error::new(
                ntstatus::INTERNAL_ERROR,
                "cannot read this process's start time (/proc/self/stat)",
            )
        })?;
        if entry.being_restored() {
            // Two restores from one backup: both only read it; the mark of
            // the first one stays (the second clears nothing of it).
            return Ok(Mark {
                catalog,
                path: PathBuf::from(&entry.path),
                who: Creator { pid: 0, start: 0 },
            });
        }
        let mut marked = entry.clone();
        marked.restoring = Some(who);
        catalog.write(&marked, Durability::Now)?;
        Ok(Mark {
            catalog,
            path: PathBuf::from(&entry.path),
            who,
        })
    }

    fn clear(&self) -> Result<()> {
        if self.who.pid == 0 {
            return Ok(());
        }
        let _lock = self.catalog.lock()?;
        let Some(mut e) = self.catalog.get(&self.path)? else {
            return Ok(());
        };
        if e.restoring != Some(self.who) {
            return Ok(());
        }
        e.restoring = None;
        self.catalog.write(&e, Durability::Now)
    }
}

impl Drop for Mark {
    fn drop(&mut self) {
        if let Err(e) = self.clear() {
            // Harmless once this process is gone: a mark of a process that
            // is not running counts for nothing.
            log::warn!("clearing the restore mark of {}: {e}", self.path.display());
        }
    }
}

/// The refusal of an action on a backup a restore reads from.
pub fn busy(e: &Entry, what: &str) -> Error {
    let pid = e.restoring.map(|c| c.pid).unwrap_or_default();
    Error::new(
        ntstatus::SHARING_VIOLATION,
        format!(
            "refusing to {what} {}: `rvss restore` (pid {pid}) is restoring from it; \
             try again when it has finished",
            e.path
        ),
    )
}
