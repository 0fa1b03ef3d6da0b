//! `rvss doctor`: every rvss share, through its backend (its location,
//! snapshot directory or `.snap`, and catalogs).

use super::{Checks, Status};
use rvss_core::admin::inventory;
use rvss_core::admin::smbconf::{SambaConf, Section};
use rvss_core::backend::{DoctorContext, Level, Registry};
use rvss_core::share::Share;
use std::path::PathBuf;

/// Every share that loads rvss, each through the backend serving it.
pub(super) fn check_shares(c: &mut Checks, conf: &SambaConf, registry: &Registry) {
    let sections: Vec<&Section> = conf.rvss_shares().collect();
    if sections.is_empty() {
        c.warn(
            "shares",
            None,
            "no share loads rvss".into(),
            "add `vfs objects = rvss` to the shares FSRVP clients back up",
        );
        return;
    }
    let share_dirs: Vec<PathBuf> = conf
        .base_shares()
        .filter_map(|s| conf.param(s, "path"))
        .map(|p| std::fs::canonicalize(&p).unwrap_or_else(|_| PathBuf::from(p)))
        .collect();
    let mut groups: Vec<crate::shares::Group> =
        registry.backends().iter().map(|b| (*b, vec![])).collect();
    for section in sections {
        let name = section.name.as_str();
        let Some(path) = conf.param(section, "path") else {
            c.fail(
                "share",
                Some(name),
                "the share has no path".into(),
                "set `path =` for the share",
            );
            continue;
        };
        let share = match conf.rvss_config(section) {
            Ok(cfg) => Share::new(name, path, cfg),
            Err(e) => {
                c.fail(
                    "share",
                    Some(name),
                    format!("invalid rvss option: {e}"),
                    "fix the option (see vfs_rvss(8))",
                );
                continue;
            }
        };
        match registry.resolve(&share) {
            Ok(b) => {
                if let Some(g) = groups.iter_mut().find(|(x, _)| x.name() == b.name()) {
                    g.1.push(share);
                }
            }
            Err(e) => c.fail(
                "share",
                Some(name),
                format!("invalid rvss option: {e}"),
                "fix the option (see vfs_rvss(8))",
            ),
        }
    }
    let referenced = inventory::share_paths(conf);
    let ctx = DoctorContext {
        share_dirs: &share_dirs,
        referenced: &referenced,
    };
    for (backend, shares) in groups {
        for f in backend.doctor(&shares, &ctx) {
            let status = match f.level {
                Level::Ok => Status::Ok,
                Level::Warn => Status::Warn,
                Level::Fail => Status::Fail,
            };
            c.add(f.check, f.share.as_deref(), status, f.message, &f.fix);
        }
    }
}
