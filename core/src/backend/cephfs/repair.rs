//! `rvss repair` on CephFS: entries rebuilt from their snapshot, entries
//! of vanished snapshots set aside, missing identities recorded.

use super::{
    catalogs, check_location, current_mounts, open_share, split_snap_path, text, CephfsSnapshots,
    KEY_ROOT,
};
use crate::catalog::{self, Durability, Entry, State};
use crate::error::{Context, Result};
use crate::share::Share;
use crate::sys::ceph::{self as sys_ceph, SNAP_DIR};
use crate::{gmt, sys};
use std::path::{Path, PathBuf};

/// An entry rebuilt for `rvss repair` from the snapshot at `path` (a
/// `<share>/.snap/<@GMT name>` on CephFS) when its own entry is corrupt:
/// identity from `ceph.snap.btime`, time from its name, share unknown,
/// kept as a retained backup (nothing prunes or collects it). None when no
/// CephFS snapshot is there.
pub fn rebuild_entry(path: &Path) -> Option<Entry> {
    let p = path.to_str()?;
    let (share, name) = split_snap_path(p).ok()?;
    let dir = open_share(&share).ok()?;
    let root =
        sys::fs::open_dir_at(&sys::fs::open_dir_at(&dir, SNAP_DIR).ok()?, name.as_str()).ok()?;
    let btime = sys_ceph::snapshot_btime(&root).ok()?;
    Some(Entry {
        id: uuid::Uuid::new_v4().to_string(),
        share: String::new(),
        base_volume: text(&share),
        subvolume: text(&share),
        path: p.to_string(),
        snap_path: p.to_string(),
        gmt: name.clone(),
        created: gmt::parse(&name).unwrap_or(0),
        readonly: true,
        state: State::Retained,
        uuid: btime,
        source_uuid: sys_ceph::cluster_fsid(&dir).ok().flatten(),
        ..Default::default()
    })
}

/// `rvss repair` for the catalogs of the given CephFS shares: corrupt
/// entries rebuilt or set aside (`catalog::repair_catalog`), then entries
/// of snapshots that vanished set aside (`<entry>.lost`, kept for the
/// admin), and entries without an identity given their snapshot's
/// `ceph.snap.btime`, only where the share's `.snap` is closed to its users
/// (else a user's snapshot could have taken the name).
pub fn repair(shares: &[Share]) -> Result<Vec<(PathBuf, catalog::Repaired)>> {
    let mounts = current_mounts()?;
    let closed = |base: &str| {
        shares.iter().any(|s| {
            let path = std::fs::canonicalize(&s.path).unwrap_or_else(|_| s.path.clone());
            path == Path::new(base) && check_location(&path, &s.config, &mounts).is_ok()
        })
    };
    let mut out = vec![];
    for c in catalogs(shares)? {
        let mut done = catalog::repair_catalog(&c, rebuild_entry)?;
        let entries = {
            let _lock = c.lock_shared()?;
            c.entries()?
        };
        for e in entries {
            let _lock = c.lock()?;
            if c.get(Path::new(&e.path))?.as_ref() != Some(&e) {
                continue; // changed meanwhile
            }
            if e.state != State::Creating
                && !crate::backend::Snapshots::exists(&CephfsSnapshots, &e)
            {
                let file = catalog::entry_name(
                    Path::new(&e.path)
                        .strip_prefix(KEY_ROOT)
                        .unwrap_or(Path::new(&e.path)),
                );
                let mut aside = file.clone();
                aside.push(".lost");
                sys::fs::rename_at(c.entries_dir(), &file, &aside)
                    .and_then(|()| c.entries_dir().sync_all())
                    .with_context(|| format!("set aside the entry of {}", e.path))?;
                done.entries = done.entries.saturating_sub(1);
                done.set_aside.push(
                    c.dir_path()
                        .join(catalog::DIR_NAME)
                        .join(aside)
                        .display()
                        .to_string(),
                );
            } else if e.uuid.is_none() && closed(&e.base_volume) {
                if let Some(rebuilt) = rebuild_entry(Path::new(&e.path)) {
                    let mut fixed = e.clone();
                    fixed.uuid = rebuilt.uuid;
                    if fixed.uuid.is_some() {
                        c.write(&fixed, Durability::Now)?;
                        done.rebuilt.push(fixed.path);
                    }
                }
            }
        }
        out.push((c.dir_path().to_path_buf(), done));
    }
    Ok(out)
}
