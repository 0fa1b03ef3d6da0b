//! What rvss has made, seen from the CLI: the catalogs of every snapshot
//! directory the rvss shares use, and each snapshot's state.

use crate::catalog::{self, Entry, State};
use crate::error::Result;
use crate::layout;
use crate::mounts;
use crate::smbconf::SambaConf;
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Snapshot directories used by the configured rvss shares.
pub fn snapshot_dirs(conf: &SambaConf) -> Result<Vec<PathBuf>> {
    let mounts = mounts::current().map_err(|e| crate::error::Error::io("read mountinfo", &e))?;
    let mut dirs = BTreeSet::new();
    for share in conf.rvss_shares() {
        let (Some(path), Ok(cfg)) = (conf.param(share, "path"), conf.rvss_config(share)) else {
            continue;
        };
        if let Ok(dir) = layout::snapshot_dir_of(&cfg, Path::new(&path), &mounts) {
            dirs.insert(dir);
        }
    }
    // Directories of a previous `rvss:snapshot dir` stay known.
    dirs.extend(crate::known_dirs::load());
    Ok(dirs.into_iter().filter(|d| catalog::exists(d)).collect())
}

/// The snapshot directories that may hold a share's snapshots and have a
/// catalog: `current` (the share's snapshot directory) first, then those of
/// a previous `rvss:snapshot dir`.
pub fn share_snapshot_dirs(current: &Path) -> Vec<PathBuf> {
    std::iter::once(current.to_path_buf())
        .chain(
            crate::known_dirs::load()
                .into_iter()
                .filter(|d| d != current),
        )
        .filter(|d| catalog::exists(d))
        .collect()
}

/// How the CLI reports a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// A share definition (smb.conf or registry) points into it.
    Exposed,
    /// Kept as a backup under the retention policy.
    Retained,
    /// Its snapshot is being taken (or a crash interrupted that).
    Creating,
    /// Neither: FSRVP forgot it (a failed commit, a killed server).
    Orphan,
    /// Its snapshot vanished (removed outside rvss): no backup any more.
    Lost,
}

/// Paths of every share definition, to tell exposed snapshots from orphans.
pub fn share_paths(conf: &SambaConf) -> BTreeSet<String> {
    conf.shares
        .iter()
        .filter_map(|s| conf.param(s, "path"))
        .collect()
}

pub fn status_of(entry: &Entry, share_paths: &BTreeSet<String>) -> Status {
    if entry.state == State::Retained {
        Status::Retained
    } else if entry.state == State::Creating {
        Status::Creating
    } else if share_paths
        .iter()
        .any(|p| Path::new(p).starts_with(&entry.path))
    {
        Status::Exposed
    } else {
        Status::Orphan
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(state: State) -> Entry {
        Entry {
            id: "id".into(),
            share: "vm".into(),
            base_volume: "/p/vol1/vm".into(),
            subvolume: "/p/vol1".into(),
            path: "/p/.rvss/vol1/@GMT-2026.11.25-10.00.00".into(),
            snap_path: "/p/.rvss/vol1/@GMT-2026.11.25-10.00.00/vm".into(),
            gmt: "@GMT-2026.11.25-10.00.00".into(),
            created: 0,
            readonly: true,
            state,
            ..Default::default()
        }
    }

    #[test]
    fn states() {
        let exposed: BTreeSet<String> =
            ["/p/.rvss/vol1/@GMT-2026.11.25-10.00.00/vm".to_string()].into();
        let none = BTreeSet::new();
        assert_eq!(status_of(&entry(State::Exposed), &exposed), Status::Exposed);
        assert_eq!(status_of(&entry(State::Exposed), &none), Status::Orphan);
        assert_eq!(status_of(&entry(State::Retained), &none), Status::Retained);
        // A different snapshot whose name shares a prefix is not a reference.
        let other: BTreeSet<String> =
            ["/p/.rvss/vol1/@GMT-2026.11.25-10.00.001".to_string()].into();
        assert_eq!(status_of(&entry(State::Exposed), &other), Status::Orphan);
    }
}
