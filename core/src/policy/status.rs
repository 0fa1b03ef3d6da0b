//! How `rvss list`, gc and doctor report a snapshot rvss made.

use crate::catalog::{Entry, State};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::Path;

/// How a snapshot is reported.
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
