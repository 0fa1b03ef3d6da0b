//! Resolving the shares the CLI works on, the way the module sees them.

use super::{Failure, EXIT_ERROR};
use rvss_core::admin::smbconf::SambaConf;
use rvss_core::backend::{Backend, Registry};
use rvss_core::share::Share;

pub fn failure(message: impl Into<String>) -> Failure {
    Failure {
        code: EXIT_ERROR,
        message: message.into(),
    }
}

/// Every rvss share, or just `only` (an error when it is not one).
pub fn rvss_shares(conf: &SambaConf, only: Option<&str>) -> Result<Vec<Share>, Failure> {
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
        out.push(Share::new(s.name.clone(), path, config));
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

/// A backend and the shares it serves.
pub type Group = (&'static dyn Backend, Vec<Share>);

/// The shares grouped by the backend serving each, every registered
/// backend once (with no shares when none serves one: a backend may still
/// know catalogs of earlier shares). A share whose `rvss:backend` names no
/// registered backend is an error.
pub fn by_backend(registry: &Registry, shares: &[Share]) -> Result<Vec<Group>, Failure> {
    let mut out: Vec<Group> = registry.backends().iter().map(|b| (*b, vec![])).collect();
    for s in shares {
        let b = registry
            .resolve(s)
            .map_err(|e| failure(format!("share {}: {e}", s.name)))?;
        if let Some(group) = out.iter_mut().find(|(x, _)| x.name() == b.name()) {
            group.1.push(s.clone());
        }
    }
    Ok(out)
}
