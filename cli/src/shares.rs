//! Resolving the shares the CLI works on, the way the module sees them.

use super::{Failure, EXIT_ERROR};
use rvss_core::config::Config;
use rvss_core::layout::{self, Layout};
use rvss_core::mounts;
use rvss_core::smbconf::SambaConf;
use std::path::Path;

/// A configured rvss share (not an exposed shadow copy share).
pub struct ConfiguredShare {
    pub name: String,
    pub path: String,
    pub config: Config,
}

pub fn failure(message: impl Into<String>) -> Failure {
    Failure {
        code: EXIT_ERROR,
        message: message.into(),
    }
}

/// The configured rvss shares on CephFS.
pub fn cephfs_shares(conf: &SambaConf) -> Result<Vec<ConfiguredShare>, Failure> {
    Ok(rvss_shares(conf, None)?
        .into_iter()
        .filter(|s| s.backend() == rvss_core::backend::Backend::Cephfs)
        .collect())
}

/// Every rvss share, or just `only` (an error when it is not one).
pub fn rvss_shares(conf: &SambaConf, only: Option<&str>) -> Result<Vec<ConfiguredShare>, Failure> {
    let mut out = vec![];
    for s in conf.rvss_shares() {
        if only.is_some_and(|o| !o.eq_ignore_ascii_case(&s.name)) {
            continue;
        }
        let path = conf
            .param(s, "path")
            .ok_or_else(|| failure(format!("share {} has no path", s.name)))?;
        let config = conf
            .rvss_config(s)
            .map_err(|e| failure(format!("share {}: {e}", s.name)))?;
        out.push(ConfiguredShare {
            name: s.name.clone(),
            path,
            config,
        });
    }
    if let Some(o) = only {
        if out.is_empty() {
            return Err(failure(format!(
                "{o} is not a share with `vfs objects = rvss` in the Samba configuration"
            )));
        }
    }
    Ok(out)
}

impl ConfiguredShare {
    /// The snapshot backend serving the share (`rvss:backend`, or by its
    /// filesystem).
    pub fn backend(&self) -> rvss_core::backend::Backend {
        rvss_core::backend::of(&self.config, Path::new(&self.path))
    }

    /// The share as the CephFS backend's CLI functions take it.
    pub fn cephfs_ref(&self) -> rvss_core::cephfs::ShareRef<'_> {
        rvss_core::cephfs::ShareRef {
            name: &self.name,
            path: Path::new(&self.path),
            config: &self.config,
        }
    }

    pub fn layout(&self) -> Result<Layout, Failure> {
        let mounts = mounts::current().map_err(|e| failure(format!("read mountinfo: {e}")))?;
        layout::resolve(Path::new(&self.path), &self.config, &mounts)
            .map_err(|e| failure(format!("share {}: {e}", self.name)))
    }
}
