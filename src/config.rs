//! The share's `rvss:` options, parsed and checked. Samba resolves them (share
//! section, then [global]); rvss only sees the resulting strings, so the same
//! parser serves the module and the CLI.

use crate::error::{Error, Result};
use std::path::PathBuf;

/// The name of the snapshot directory rvss creates at the top of a btrfs
/// mount when `rvss:snapshot dir` is not set.
pub const DEFAULT_SNAPSHOT_DIR_NAME: &str = ".rvss";

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// `rvss:snapshot dir`: where snapshots go; None = `<btrfs mount>/.rvss`.
    pub snapshot_dir: Option<PathBuf>,
    /// `rvss:retain`, `rvss:retain days`.
    pub retention: crate::retention::Policy,
}

impl Config {
    /// Reads every option through `get` (which answers `rvss:<name>`).
    pub fn from_options(get: impl Fn(&str) -> Option<String>) -> Result<Config> {
        let snapshot_dir = match get("snapshot dir").map(|s| s.trim().to_string()) {
            None => None,
            Some(s) if s.is_empty() => None,
            Some(s) => {
                let p = PathBuf::from(&s);
                if !p.is_absolute() {
                    return Err(Error::invalid(format!(
                        "rvss:snapshot dir = {s:?} is not an absolute path"
                    )));
                }
                if p.components()
                    .any(|c| matches!(c, std::path::Component::ParentDir))
                {
                    return Err(Error::invalid(format!(
                        "rvss:snapshot dir = {s:?} contains '..'"
                    )));
                }
                Some(p)
            }
        };
        let retention = crate::retention::Policy::from_options(&get)?;
        Ok(Config {
            snapshot_dir,
            retention,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(pairs: &[(&str, &str)]) -> Result<Config> {
        Config::from_options(|k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        })
    }

    #[test]
    fn defaults() {
        assert_eq!(cfg(&[]).unwrap(), Config::default());
        assert_eq!(cfg(&[("snapshot dir", "  ")]).unwrap(), Config::default());
    }

    #[test]
    fn snapshot_dir_must_be_absolute_and_plain() {
        assert_eq!(
            cfg(&[("snapshot dir", "/srv/snaps")]).unwrap().snapshot_dir,
            Some(PathBuf::from("/srv/snaps"))
        );
        assert!(cfg(&[("snapshot dir", "snaps")]).is_err());
        assert!(cfg(&[("snapshot dir", "/srv/../etc")]).is_err());
    }
}
