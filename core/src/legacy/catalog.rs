//! rvss 0.2's catalog: one `catalog.json` per snapshot directory (and its
//! previous generation, `catalog.prev.json`, for repair), replaced by one
//! file per entry in `catalog.d`. Here: its format, the migration the store
//! runs when it opens a directory that still holds one, and repair's
//! fallback to the previous generation. Uses only the catalog's record
//! type, never its store, so that the store can call it without a cycle.

use crate::catalog::entry::Entry;
use crate::error::{Context, Error, Result};
use crate::ntstatus;
use crate::sys;
use serde::{Deserialize, Serialize};
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::Write;
use std::path::Path;

/// The single-file catalog of rvss 0.2 and earlier, migrated on first use.
pub const LEGACY_NAME: &str = "catalog.json";
/// Its previous generation (0.2 kept one for `rvss repair`).
pub const LEGACY_PREVIOUS_NAME: &str = "catalog.prev.json";
/// Where a migrated catalog.json is kept for the admin.
pub const MIGRATED_NAME: &str = "catalog.migrated.json";
/// Where `rvss repair` keeps a catalog.json that does not parse.
pub const CORRUPT_NAME: &str = "catalog.corrupt.json";
const LEGACY_FORMAT: u32 = 1;

#[derive(Debug, Default, Serialize, Deserialize)]
struct LegacyFile {
    format: u32,
    snapshots: Vec<Entry>,
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// Parses a legacy (rvss 0.2) catalog.json; the error says what is wrong.
pub fn parse_legacy(bytes: &[u8]) -> std::result::Result<Vec<Entry>, String> {
    let f: LegacyFile = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if f.format != LEGACY_FORMAT {
        return Err(format!("unknown catalog format {}", f.format));
    }
    Ok(f.snapshots)
}

/// A legacy catalog.json holding `entries` (repair, migration tests).
pub fn serialize_legacy(entries: &[Entry]) -> Vec<u8> {
    let f = LegacyFile {
        format: LEGACY_FORMAT,
        snapshots: entries.to_vec(),
    };
    let mut v = serde_json::to_vec(&f).unwrap_or_default();
    v.push(b'\n');
    v
}

/// Whether the snapshot directory `dir` (at `dir_path`) still holds a
/// catalog.json to migrate.
pub fn pending(dir: &File, dir_path: &Path) -> Result<bool> {
    sys::fs::exists_at(dir, os(LEGACY_NAME))
        .with_context(|| format!("look up {}", dir_path.join(LEGACY_NAME).display()))
}

/// Moves the catalog.json of `dir` into one entry per record (`write`, which
/// must be durable when it returns, into the entry directory `into`, only
/// named in the log), then renames it to
/// catalog.migrated.json. The caller holds the catalog lock exclusively.
/// Idempotent: a crash midway leaves catalog.json in place and the next
/// open finishes the work; a catalog.json gone meanwhile (another process
/// migrated it) is nothing to do.
pub fn migrate(
    dir: &File,
    dir_path: &Path,
    into: &Path,
    mut write: impl FnMut(&Entry) -> Result<()>,
) -> Result<()> {
    let legacy = dir_path.join(LEGACY_NAME);
    let Some(bytes) = sys::fs::read_regular_at(dir, os(LEGACY_NAME))
        .with_context(|| format!("read {}", legacy.display()))?
    else {
        return Ok(());
    };
    let entries = parse_legacy(&bytes).map_err(|why| {
        Error::new(
            ntstatus::FILE_CORRUPT_ERROR,
            format!(
                "catalog {} is corrupt ({why}); rvss creates and deletes nothing here until \
                 it is repaired (`rvss repair` falls back to {LEGACY_PREVIOUS_NAME})",
                legacy.display()
            ),
        )
    })?;
    for e in &entries {
        write(e)?;
    }
    sys::fs::rename_at(dir, os(LEGACY_NAME), os(MIGRATED_NAME))
        .and_then(|()| dir.sync_all())
        .with_context(|| format!("retire {}", legacy.display()))?;
    log::info!(
        "migrated {} ({} entries) to {}; the old file is kept as {MIGRATED_NAME}",
        legacy.display(),
        entries.len(),
        into.display()
    );
    Ok(())
}

/// `rvss repair`'s part for a catalog.json that does not parse (the store
/// refuses to open the directory until it does): the damaged file is kept
/// as catalog.corrupt.json and replaced, durably, by its previous
/// generation (or by an empty catalog when that does not parse either), for
/// the next open to migrate. The caller holds the catalog lock exclusively.
pub fn fall_back_to_previous(dir: &File) -> std::io::Result<()> {
    let good =
        sys::fs::read_regular_at(dir, os(LEGACY_NAME))?.is_some_and(|b| parse_legacy(&b).is_ok());
    if good {
        return Ok(());
    }
    let previous = sys::fs::read_regular_at(dir, os(LEGACY_PREVIOUS_NAME))?
        .and_then(|b| parse_legacy(&b).ok())
        .unwrap_or_default();
    // Keep the damaged file for the admin to inspect.
    let _ = sys::fs::rename_at(dir, os(LEGACY_NAME), os(CORRUPT_NAME));
    // A name nobody can have planted (created O_EXCL anyway).
    let temp = OsString::from(format!(".tmp-{}", uuid::Uuid::new_v4().simple()));
    let mut f = sys::fs::open_file_at(
        dir,
        &temp,
        rustix::fs::OFlags::WRONLY | rustix::fs::OFlags::CREATE | rustix::fs::OFlags::EXCL,
        rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR,
    )?;
    f.write_all(&serialize_legacy(&previous))?;
    f.sync_all()?;
    sys::fs::rename_at(dir, &temp, os(LEGACY_NAME))?;
    dir.sync_all()
}
