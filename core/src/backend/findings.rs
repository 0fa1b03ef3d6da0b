//! `rvss doctor`'s findings as the backends report them, and the judgement
//! of a catalog's entries that is the same on every backend.

use crate::catalog::Scan;
use crate::error::Result;
use crate::policy::status::{status_of, Status};
use std::collections::BTreeSet;
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Ok,
    Warn,
    Fail,
}

/// One finding: what was checked, about which share, and what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub check: &'static str,
    pub share: Option<String>,
    pub level: Level,
    pub message: String,
    /// Empty for none.
    pub fix: String,
}

impl Finding {
    pub fn new(
        check: &'static str,
        share: Option<&str>,
        level: Level,
        message: String,
        fix: impl Into<String>,
    ) -> Finding {
        Finding {
            check,
            share: share.map(str::to_string),
            level,
            message,
            fix: fix.into(),
        }
    }
}

/// Judges a catalog's entries (`path`: its catalog.d): damaged entries
/// fail, orphans warn.
pub fn judge_scan(
    out: &mut Vec<Finding>,
    referenced: &BTreeSet<String>,
    path: &Path,
    scan: Result<Scan>,
) {
    let scan = match scan {
        Ok(s) => s,
        Err(e) => {
            out.push(Finding::new(
                "catalog",
                None,
                Level::Fail,
                format!("{} cannot be read: {e}", path.display()),
                "",
            ));
            return;
        }
    };
    if !scan.corrupt.is_empty() {
        out.push(Finding::new(
            "catalog",
            None,
            Level::Fail,
            format!(
                "{} damaged entr{} (first: {}: {}): rvss deletes nothing on their behalf, and \
                 prune and gc stop",
                scan.corrupt.len(),
                if scan.corrupt.len() == 1 { "y" } else { "ies" },
                scan.corrupt[0].file.display(),
                scan.corrupt[0].why
            ),
            "`rvss repair` (rebuilds each from its snapshot, deletes nothing)",
        ));
        return;
    }
    let entries = scan.entries;
    let orphans = entries
        .iter()
        .filter(|e| status_of(e, referenced) == Status::Orphan)
        .count();
    if orphans > 0 {
        out.push(Finding::new(
            "catalog",
            None,
            Level::Warn,
            format!(
                "{}: {} snapshot(s), {orphans} of them orphans (no share exposes them and no \
                 retention policy keeps them)",
                path.display(),
                entries.len()
            ),
            "review with `rvss list`, then remove them with `rvss gc`",
        ));
    } else {
        out.push(Finding::new(
            "catalog",
            None,
            Level::Ok,
            format!("{}: {} snapshot(s)", path.display(), entries.len()),
            "",
        ));
    }
}
