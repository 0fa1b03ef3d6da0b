//! `rvss restore`: bring a file or directory back from a backup by reflink.

use super::shares::{self, failure};
use super::{Cli, Failure, Outcome, EXIT_NEGATIVE, EXIT_OK};
use rvss_core::catalog::Catalog;
use rvss_core::snapshot::Snapshot;
use rvss_core::{ntstatus, restore};
use std::os::fd::AsFd;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The share the file belongs to.
    #[arg(long)]
    pub share: String,
    /// The backup to restore from: its @GMT token (see `rvss list`) or id.
    #[arg(long)]
    pub from: String,
    /// File or directory, relative to the share's root.
    pub path: String,
    /// Overwrite what exists in the live share.
    #[arg(long)]
    pub force: bool,
    /// Print a JSON report.
    #[arg(long)]
    pub json: bool,
}

pub fn run(cli: &Cli, args: &Args) -> Outcome {
    let conf = cli.samba_conf()?;
    let share = shares::rvss_shares(&conf, Some(&args.share))?
        .into_iter()
        .next()
        .ok_or_else(|| failure(format!("no share {}", args.share)))?;
    let layout = share.layout()?;
    let rel = restore::relative(&args.path)?;
    // The share's snapshot directory first, then those of a previous
    // `rvss:snapshot dir`. The catalog holding the backup stays locked
    // (shared) for the whole restore: no prune or gc can remove the backup
    // while it is read.
    let mut dirs = vec![layout.snapshot_dir.clone()];
    dirs.extend(
        rvss_core::known_dirs::load()
            .into_iter()
            .filter(|d| *d != layout.snapshot_dir),
    );
    let mut found = None;
    for dir in dirs {
        if !rvss_core::catalog::exists(&dir) {
            continue;
        }
        let catalog = Catalog::open(&dir)?;
        // Held for the whole restore: no prune or gc removes the source.
        let lock = catalog.lock_shared()?;
        let hits: Vec<_> = catalog
            .entries()?
            .into_iter()
            .filter(|e| {
                e.share.eq_ignore_ascii_case(&share.name)
                    && e.state != rvss_core::catalog::State::Creating
                    && (e.gmt == args.from
                        || e.id == args.from
                        || Path::new(&e.path).file_name() == Some(args.from.as_ref()))
            })
            .collect();
        if hits.len() > 1 {
            return Err(failure(format!(
                "share {} has {} backups at {} (taken within one second); name one by its id \
                 (see `rvss list`)",
                share.name,
                hits.len(),
                args.from
            )));
        }
        if let Some(entry) = hits.into_iter().next() {
            found = Some(((catalog, lock), dir, entry));
            break;
        }
    }
    let (catalog, snapshot_dir, entry) = found.ok_or_else(|| {
        failure(format!(
            "share {} has no backup {} (see `rvss list`)",
            share.name, args.from
        ))
    })?;
    let snap = Snapshot::open_entry(&snapshot_dir, &entry)?
        .ok_or_else(|| failure(format!("backup {} vanished ({})", entry.gmt, entry.path)))?;
    let src_path = Path::new(&entry.snap_path);
    let inside = src_path
        .strip_prefix(&entry.path)
        .map_err(|_| failure(format!("catalog entry {} is inconsistent", entry.id)))?;
    let src_dir = restore::open_beneath(snap.root().as_fd(), inside)
        .map_err(|e| failure(format!("open {}: {e}", src_path.display())))?;
    let dst_dir = rvss_core::sys::fs::open_dir(&layout.share)
        .map_err(|e| failure(format!("open share {}: {e}", layout.share.display())))?;
    let src = restore::Root {
        dir: src_dir.as_fd(),
        path: src_path,
    };
    let dst = restore::Root {
        dir: dst_dir.as_fd(),
        path: &layout.share,
    };
    let report = restore::restore(&src, &dst, &rel, args.force).map_err(|e| Failure {
        code: if e.status == ntstatus::OBJECT_NAME_COLLISION {
            EXIT_NEGATIVE
        } else {
            super::EXIT_ERROR
        },
        message: if e.status == ntstatus::OBJECT_NAME_NOT_FOUND {
            format!("{} is not in backup {}", args.path, entry.gmt)
        } else {
            e.message
        },
    })?;
    drop(catalog);
    let (src, dst) = (src_path.join(&rel), layout.share.join(&rel));
    if args.json {
        let v = serde_json::json!({ "from": entry.gmt, "source": src, "restored": dst, "report": report });
        crate::print_json(&v, "");
    } else {
        println!(
            "restored {} from {} ({} files, {} directories, {} symlinks, {} bytes shared by reflink)",
            dst.display(),
            entry.gmt,
            report.files,
            report.dirs,
            report.symlinks,
            report.bytes
        );
    }
    Ok(EXIT_OK)
}
