//! rvss 0.2's CephFS catalog (`<catalog dir>/<id>.json` files), migrated
//! into today's catalog on first use.

use crate::catalog::{self, Catalog, Durability, Entry, State};
use crate::error::{Context, Result};
use crate::sys;
use serde::{Deserialize, Serialize};
use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;

/// Whether a snapshot path is one the CephFS backend makes
/// (`<share>/.snap/<@GMT name>`), or why not: the backend's rule, handed in
/// so that this module depends on no backend.
pub type SnapPathCheck = fn(&str) -> std::result::Result<(), String>;

/// What a migrated rvss 0.2 entry file is renamed to (kept for the admin).
const MIGRATED_SUFFIX: &str = ".migrated";
/// An entry of rvss 0.2's CephFS catalog (`<catalog dir>/<id>.json`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LegacyEntry {
    pub id: String,
    pub share: String,
    pub base_volume: String,
    pub snap_path: String,
    pub gmt: String,
    pub created: i64,
    /// "exposed" or "retained".
    pub state: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub btime: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fsid: Option<String>,
    #[serde(default)]
    pub node: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreferenced_since: Option<i64>,
}

impl LegacyEntry {
    /// The entry in today's format, or why it cannot be one.
    pub fn upgrade(self, check: SnapPathCheck) -> std::result::Result<Entry, String> {
        check(&self.snap_path)?;
        let state = match self.state.as_str() {
            "exposed" => State::Exposed,
            "retained" => State::Retained,
            other => return Err(format!("unknown state {other:?}")),
        };
        Ok(Entry {
            id: self.id,
            share: self.share,
            subvolume: self.base_volume.clone(),
            base_volume: self.base_volume,
            path: self.snap_path.clone(),
            snap_path: self.snap_path,
            gmt: self.gmt,
            created: self.created,
            readonly: true,
            state,
            uuid: self.btime,
            source_uuid: self.fsid,
            unreferenced_since: self.unreferenced_since,
            creator: None,
            restoring: None,
            replica: None,
        })
    }
}

/// Names of rvss 0.2 entry files (`<id>.json`) in the catalog directory.
fn legacy_names(catalog: &Catalog) -> Result<Vec<OsString>> {
    let mut names = vec![];
    let mut buf = sys::dir::EntryBuffer::with_size(8 * 1024);
    // A handle of its own: a directory's read position is per handle.
    let listing = sys::fs::open_dir_at(catalog.dir(), ".")
        .with_context(|| format!("open {}", catalog.dir_path().display()))?;
    sys::dir::read_entries(&listing, &mut buf, |d| {
        let n = d.name.to_bytes();
        let ours = catalog::FILE_NAMES
            .iter()
            .chain([&catalog::MIGRATED_NAME])
            .any(|f| f.as_bytes() == n);
        if !n.starts_with(b".") && n.ends_with(b".json") && !ours {
            names.push(OsStr::from_bytes(n).to_os_string());
        }
    })
    .with_context(|| format!("read {}", catalog.dir_path().display()))?;
    names.sort();
    Ok(names)
}

/// Whether `name` in `a` and in `b` are one file (links to one inode).
fn same_file(a: &File, b: &File, name: &OsStr) -> bool {
    let st = |d: &File| rustix::fs::statat(d, name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW);
    match (st(a), st(b)) {
        (Ok(x), Ok(y)) => (x.st_dev, x.st_ino) == (y.st_dev, y.st_ino),
        _ => false,
    }
}

/// Moves rvss 0.2's CephFS entry files (`<catalog dir>/<id>.json`) into
/// the catalog, under the exclusive lock; each old file is kept as
/// `<id>.json.migrated`. One that does not parse (or names no snapshot
/// rvss makes) is moved into `catalog.d` unchanged, where it is a corrupt
/// entry like any other: `rvss list` names it, prune and gc refuse, `rvss
/// repair` sets it aside. Idempotent: an entry already migrated (a crash
/// between writing it and renaming the old file) is not written again.
/// Returns how many files were migrated.
pub fn migrate_legacy(catalog: &Catalog, check: SnapPathCheck) -> Result<usize> {
    if legacy_names(catalog)?.is_empty() {
        return Ok(0);
    }
    let _lock = catalog.lock()?;
    let names = legacy_names(catalog)?;
    let dir = catalog.dir();
    let shown = |n: &OsStr| catalog.dir_path().join(n);
    for n in &names {
        let Some(bytes) = sys::fs::read_regular_at(dir, n)
            .with_context(|| format!("read {}", shown(n).display()))?
        else {
            continue; // migrated meanwhile
        };
        let upgraded = serde_json::from_slice::<LegacyEntry>(&bytes)
            .map_err(|e| e.to_string())
            .and_then(|old| {
                if format!("{}.json", old.id).as_bytes() != n.as_bytes() {
                    return Err(format!("it records id {}, not its name", old.id));
                }
                old.upgrade(check)
            });
        match upgraded {
            Ok(e) => {
                if catalog.get(Path::new(&e.path))?.is_none() {
                    catalog.write(&e, Durability::Now)?;
                }
                let mut aside = n.clone();
                aside.push(MIGRATED_SUFFIX);
                sys::fs::rename_at(dir, n, &aside)
                    .with_context(|| format!("retire {}", shown(n).display()))?;
            }
            Err(why) => {
                log::warn!(
                    "{} does not parse as an rvss 0.2 CephFS catalog entry ({why}): moved into \
                     {} as a corrupt entry for `rvss repair`",
                    shown(n).display(),
                    catalog::DIR_NAME
                );
                // Linked, then unlinked here: never replaces (ceph-fuse has
                // no RENAME_NOREPLACE); a crash between leaves both, and the
                // next migration finds the link taken (EEXIST) and unlinks.
                let moved = match rustix::fs::linkat(
                    dir,
                    n.as_os_str(),
                    catalog.entries_dir(),
                    n.as_os_str(),
                    rustix::fs::AtFlags::empty(),
                ) {
                    Ok(()) => {
                        rustix::fs::unlinkat(dir, n.as_os_str(), rustix::fs::AtFlags::empty())
                    }
                    Err(rustix::io::Errno::EXIST) if same_file(dir, catalog.entries_dir(), n) => {
                        rustix::fs::unlinkat(dir, n.as_os_str(), rustix::fs::AtFlags::empty())
                    }
                    Err(e) => Err(e),
                };
                moved.with_context(|| {
                    format!("move {} into {}", shown(n).display(), catalog::DIR_NAME)
                })?;
            }
        }
    }
    dir.sync_all()
        .and_then(|()| catalog.entries_dir().sync_all())
        .with_context(|| format!("migrate {}", catalog.dir_path().display()))?;
    log::info!(
        "migrated {} rvss 0.2 CephFS catalog file(s) in {} to {}",
        names.len(),
        catalog.dir_path().display(),
        catalog::DIR_NAME
    );
    Ok(names.len())
}
