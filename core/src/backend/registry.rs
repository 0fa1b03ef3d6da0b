//! The registered backends and which one serves a share. Adding a backend
//! is a folder beside `btrfs/` and `cephfs/` plus its line in `BUILTIN`.

use super::Backend;
use crate::error::{Error, Result};
use crate::share::Share;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, MutexGuard};

/// Every backend the module and the CLI know, in auto-detection order:
/// the first whose `serves` answers yes serves the share; none: the first
/// (its errors say why the share is not supported).
static BUILTIN: &[&dyn Backend] = &[&super::btrfs::Btrfs, &super::cephfs::Cephfs];

/// A set of backends: `Registry::builtin()` in the module and the CLI;
/// tests register others (`backend::fake`).
#[derive(Clone, Copy)]
pub struct Registry {
    backends: &'static [&'static dyn Backend],
}

impl Registry {
    pub fn builtin() -> Registry {
        Registry { backends: BUILTIN }
    }

    /// A registry of the given backends (tests).
    pub fn of(backends: &'static [&'static dyn Backend]) -> Registry {
        Registry { backends }
    }

    pub fn backends(&self) -> &'static [&'static dyn Backend] {
        self.backends
    }

    /// The backend serving `share`: the one `rvss:backend` names, or with
    /// auto the first whose filesystem the share's path is on. An unknown
    /// name is an invalid parameter naming the valid ones.
    pub fn resolve(&self, share: &Share) -> Result<&'static dyn Backend> {
        self.resolve_at(share, &share.path)
    }

    /// `resolve` for the share at `path` (a hook's base volume).
    pub fn resolve_at(&self, share: &Share, path: &Path) -> Result<&'static dyn Backend> {
        let first = self
            .backends
            .first()
            .copied()
            .ok_or_else(|| Error::not_supported("no snapshot backend is registered"))?;
        if let Some(name) = &share.config.backend {
            return self
                .backends
                .iter()
                .copied()
                .find(|b| b.answers_to(name))
                .ok_or_else(|| {
                    Error::invalid(format!(
                        "rvss:backend = {name:?} is not one of auto, {}",
                        self.backends
                            .iter()
                            .map(|b| b.name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ))
                });
        }
        // Which filesystem a path is on changes only with the mount table:
        // the answer is kept until the table changes (a call or three fewer
        // at every hook). A backend chosen here still checks the share
        // itself and refuses what it cannot serve.
        let mounts = crate::mounts::cached().ok();
        let mut last = last_answer();
        if let (Some(a), Some(m)) = (last.as_ref(), mounts.as_ref()) {
            if a.backends == self.backends.as_ptr() as usize
                && a.path == path
                && Arc::ptr_eq(&a.mounts, m)
            {
                if let Some(b) = self.backends.get(a.backend) {
                    return Ok(*b);
                }
            }
        }
        let Ok(dir) = crate::sys::fs::open_dir(path) else {
            return Ok(first);
        };
        let Some(index) = self.backends.iter().position(|b| b.serves(&dir)) else {
            return Ok(first);
        };
        *last = mounts.map(|mounts| Answer {
            backends: self.backends.as_ptr() as usize,
            path: path.to_path_buf(),
            mounts,
            backend: index,
        });
        Ok(self.backends[index])
    }
}

/// The last backend auto-detected (its index in the registry, whose
/// address is only compared), for which path, under which mount table
/// (held, so that its address names this table only).
struct Answer {
    backends: usize,
    path: PathBuf,
    mounts: Arc<Vec<crate::mounts::Mount>>,
    backend: usize,
}

fn last_answer() -> MutexGuard<'static, Option<Answer>> {
    static LAST: Mutex<Option<Answer>> = Mutex::new(None);
    LAST.lock().unwrap_or_else(|e| e.into_inner())
}

/// The backend serving `share` among the built-in ones.
pub fn resolve(share: &Share) -> Result<&'static dyn Backend> {
    Registry::builtin().resolve(share)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn share(backend: &str) -> Share {
        let config =
            Config::from_options(|k| (k == "backend").then(|| backend.to_string())).unwrap();
        Share::new("s", "/nonexistent-rvss-share", config)
    }

    #[test]
    fn names_and_aliases() {
        assert_eq!(resolve(&share(" CephFS ")).unwrap().name(), "cephfs");
        assert_eq!(resolve(&share("ceph")).unwrap().name(), "cephfs");
        assert_eq!(resolve(&share("btrfs")).unwrap().name(), "btrfs");
        // auto: a path that cannot be opened is the first backend's to judge.
        assert_eq!(resolve(&share("Auto")).unwrap().name(), "btrfs");
        assert_eq!(resolve(&share("")).unwrap().name(), "btrfs");
    }

    #[test]
    fn an_unknown_name_is_an_invalid_parameter_naming_the_valid_ones() {
        let e = resolve(&share("zfs")).err().unwrap();
        assert_eq!(e.status, crate::ntstatus::INVALID_PARAMETER);
        assert!(e.message.contains("auto, btrfs, cephfs"), "{e}");
    }

    #[test]
    fn config_reads_the_snap_limit() {
        let c = Config::from_options(|k| match k {
            "backend" => Some("cephfs".into()),
            "cephfs snap limit" => Some("20".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(c.backend.as_deref(), Some("cephfs"));
        assert_eq!(c.cephfs_snap_limit.0, 20);
        let d = Config::from_options(|_| None).unwrap();
        assert_eq!(
            d.cephfs_snap_limit.0,
            crate::config::DEFAULT_CEPHFS_SNAP_LIMIT
        );
        assert!(Config::from_options(|k| (k == "cephfs snap limit").then(|| "0".into())).is_err());
    }
}
