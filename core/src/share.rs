//! The share: what a hook runs for and what the CLI iterates, and what a
//! hook hands back. The one share type of the core (the FFI builds it from
//! the shim's `rvss_share`, the CLI from smb.conf).

use crate::config::Config;
use std::path::PathBuf;

/// A share that loads rvss: its name, its path as configured (the FFI: the
/// path Samba hands the hook) and its parsed `rvss:` options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Share {
    pub name: String,
    pub path: PathBuf,
    pub config: Config,
}

impl Share {
    pub fn new(name: impl Into<String>, path: impl Into<PathBuf>, config: Config) -> Share {
        Share {
            name: name.into(),
            path: path.into(),
            config,
        }
    }
}

/// What snap_create hands back to Samba.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    pub tstamp: i64,
    pub base_path: String,
    pub snap_path: String,
}

/// What snap_delete did with the snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deleted {
    Destroyed,
    /// Kept as a read-only backup under the share's retention policy.
    Retained,
}
