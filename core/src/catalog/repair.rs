//! `rvss repair` of a catalog: makes it readable again without deleting a
//! snapshot. A corrupt entry is moved aside and rebuilt from the snapshot
//! its file name stands for (by the backend's `rebuild`), or only moved
//! aside when there is none. Apart from the store because it is the one
//! writer that works on entries the store refuses to read.

use super::entry::Entry;
use super::naming::rel_of_entry_name;
use super::store::{lock_dir, Catalog, Durability};
use crate::error::{Context, Result};
use crate::legacy::catalog as legacy;
use crate::sys;
use serde::Serialize;
use std::path::Path;

/// Where `rvss repair` moves an entry file that does not parse.
pub(super) const CORRUPT_SUFFIX: &str = ".corrupt";

/// What `rvss repair` did in one snapshot directory.
#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Repaired {
    /// Entries that parse after the repair.
    pub entries: usize,
    /// Corrupt entries rebuilt from their snapshot.
    pub rebuilt: Vec<String>,
    /// Corrupt entry files whose snapshot is gone or unknown: moved aside
    /// (`*.corrupt`), nothing deleted.
    pub set_aside: Vec<String>,
    /// Entries that recorded no identity (no uuid, no source_uuid), given
    /// the one of the snapshot at their path (`snapshot::identify_entries`).
    pub identified: Vec<String>,
}

/// `rvss repair`: makes the catalog of `dir_path` readable again. A corrupt
/// legacy catalog.json falls back to its previous generation; a corrupt
/// entry is rebuilt from its snapshot (identity read from btrfs, share
/// unknown, kept as a retained backup so nothing prunes or collects it) or,
/// when there is no snapshot, moved aside. Never deletes a snapshot.
pub fn repair(dir_path: &Path, rebuild: impl Fn(&Path) -> Option<Entry>) -> Result<Repaired> {
    let dir = sys::fs::open_dir(dir_path)
        .with_context(|| format!("open snapshot directory {}", dir_path.display()))?;
    // 0.2: a catalog.json that does not parse keeps the store from opening
    // the directory; it is repaired first, without the store.
    if legacy::pending(&dir, dir_path)? {
        let _lock = lock_dir(&dir, dir_path)?;
        legacy::fall_back_to_previous(&dir)
            .with_context(|| format!("repair catalog in {}", dir_path.display()))?;
    }
    // Opening migrates what the legacy file holds.
    repair_catalog(&Catalog::open(dir_path)?, rebuild)
}

/// The part of `repair` every catalog shares (a rooted one included): each
/// corrupt entry file is moved aside (`*.corrupt`) and rebuilt from the
/// snapshot its name stands for (relative to the catalog's key root), when
/// `rebuild` finds one there. Never deletes a snapshot.
pub fn repair_catalog(
    catalog: &Catalog,
    rebuild: impl Fn(&Path) -> Option<Entry>,
) -> Result<Repaired> {
    let dir_path = catalog.dir_path();
    let what = || format!("repair catalog in {}", dir_path.display());
    let _lock = catalog.lock()?;
    let scan = catalog.scan()?;
    let mut out = Repaired {
        entries: scan.entries.len(),
        ..Default::default()
    };
    for c in scan.corrupt {
        let file = c.file.file_name().unwrap_or_default().to_os_string();
        let snapshot = rel_of_entry_name(&file).map(|r| catalog.key_root().join(r));
        let mut aside = file.clone();
        aside.push(CORRUPT_SUFFIX);
        sys::fs::rename_at(catalog.entries_dir(), &file, &aside).with_context(what)?;
        match snapshot.as_deref().and_then(&rebuild) {
            Some(e) => {
                catalog.write(&e, Durability::Now)?;
                out.entries += 1;
                out.rebuilt.push(e.path);
            }
            None => out
                .set_aside
                .push(catalog.shown(&aside).display().to_string()),
        }
    }
    catalog.entries_dir().sync_all().with_context(what)?;
    Ok(out)
}
