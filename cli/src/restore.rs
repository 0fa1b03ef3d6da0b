//! `rvss restore`: bring a file or directory back from a backup, by reflink
//! on btrfs, by copy on CephFS (no reflink there).

use super::shares::{self, failure, ConfiguredShare};
use super::{Cli, Failure, Outcome, EXIT_NEGATIVE, EXIT_OK};
use rvss_core::catalog::restoring;
use rvss_core::catalog::{Catalog, Entry};
use rvss_core::snapshot::Snapshot;
use rvss_core::{ntstatus, restore, sys};
use std::fs::File;
use std::os::fd::AsFd;
use std::path::{Path, PathBuf};

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
    /// Put the backup's version in place of what exists at PATH; what was
    /// there is moved aside (root only), never deleted.
    #[arg(long)]
    pub force: bool,
    /// Print a JSON report.
    #[arg(long)]
    pub json: bool,
}

/// The backup named by `--from` in `catalog`, if there is one (an error
/// when several match).
fn find(catalog: &Catalog, share: &ConfiguredShare, from: &str) -> Result<Option<Entry>, Failure> {
    let hits: Vec<_> = catalog
        .entries()?
        .into_iter()
        .filter(|e| {
            e.share.eq_ignore_ascii_case(&share.name)
                && e.state != rvss_core::catalog::State::Creating
                && (e.gmt == from
                    || e.id == from
                    || Path::new(&e.path).file_name() == Some(from.as_ref()))
        })
        .collect();
    if hits.len() > 1 {
        return Err(failure(format!(
            "share {} has {} backups at {} (taken within one second); name one by its id \
             (see `rvss list`)",
            share.name,
            hits.len(),
            from
        )));
    }
    Ok(hits.into_iter().next())
}

/// What a restore reads from and writes to.
struct Source {
    /// The backup marked in its catalog as being restored from, until the
    /// restore ends (failed or not): prune and gc leave it alone, and no
    /// lock is held meanwhile, so FSRVP, prune and gc go on.
    _held: restoring::Mark,
    entry: Entry,
    /// The share's directory inside the snapshot.
    src: File,
    /// The live share.
    share: PathBuf,
    method: restore::Method,
}

fn no_backup(share: &ConfiguredShare, from: &str) -> Failure {
    failure(format!(
        "share {} has no backup {from} (see `rvss list`)",
        share.name
    ))
}

fn vanished(entry: &Entry) -> Failure {
    failure(format!("backup {} vanished ({})", entry.gmt, entry.path))
}

/// btrfs: the snapshot is a subvolume in the share's snapshot directory
/// (or a previous `rvss:snapshot dir`); its btrfs UUID is checked.
fn btrfs_source(share: &ConfiguredShare, from: &str) -> Result<Source, Failure> {
    let layout = share.layout()?;
    for dir in rvss_core::inventory::share_snapshot_dirs(&layout.snapshot_dir) {
        let catalog = Catalog::open(&dir)?;
        // Exclusive: the mark rewrites the entry found.
        let lock = catalog.lock()?;
        let Some(entry) = find(&catalog, share, from)? else {
            continue;
        };
        let snap = Snapshot::open_entry(&dir, &entry)?.ok_or_else(|| vanished(&entry))?;
        let inside = Path::new(&entry.snap_path)
            .strip_prefix(&entry.path)
            .map_err(|_| failure(format!("catalog entry {} is inconsistent", entry.id)))?;
        let src = sys::fs::open_beneath(snap.root(), inside)
            .map_err(|e| failure(format!("open {}: {e}", entry.snap_path)))?;
        let mark = restoring::Mark::set(catalog, &entry)?;
        drop(lock);
        return Ok(Source {
            _held: mark,
            entry,
            src,
            share: layout.share,
            method: restore::Method::Reflink,
        });
    }
    Err(no_backup(share, from))
}

/// CephFS: the snapshot is `<share>/.snap/<name>`, the share's directory
/// itself; its `ceph.snap.btime` is checked.
fn cephfs_source(share: &ConfiguredShare, from: &str) -> Result<Source, Failure> {
    let live = std::fs::canonicalize(&share.path)
        .map_err(|e| failure(format!("share path {}: {e}", share.path)))?;
    for catalog in rvss_core::cephfs::catalogs(&[share.cephfs_ref()])? {
        let lock = catalog.lock()?;
        let Some(entry) = find(&catalog, share, from)? else {
            continue;
        };
        if Path::new(&entry.base_volume) != live {
            return Err(failure(format!(
                "backup {} is of {}, not of the share's path {}",
                entry.gmt,
                entry.base_volume,
                live.display()
            )));
        }
        let root = rvss_core::cephfs::open_snapshot(&entry)?.ok_or_else(|| vanished(&entry))?;
        let mark = restoring::Mark::set(catalog, &entry)?;
        drop(lock);
        return Ok(Source {
            _held: mark,
            entry,
            src: root,
            share: live,
            method: restore::Method::Copy,
        });
    }
    Err(no_backup(share, from))
}

pub fn run(cli: &Cli, args: &Args) -> Outcome {
    let conf = cli.samba_conf()?;
    let share = shares::rvss_shares(&conf, Some(&args.share))?
        .into_iter()
        .next()
        .ok_or_else(|| failure(format!("no share {}", args.share)))?;
    let rel = restore::relative(&args.path)?;
    let source = match share.backend() {
        rvss_core::backend::Backend::Cephfs => cephfs_source(&share, &args.from)?,
        rvss_core::backend::Backend::Btrfs => btrfs_source(&share, &args.from)?,
    };
    let entry = &source.entry;
    let src_path = Path::new(&entry.snap_path);
    let dst_dir = rvss_core::sys::fs::open_dir(&source.share)
        .map_err(|e| failure(format!("open share {}: {e}", source.share.display())))?;
    let src = restore::Root {
        dir: source.src.as_fd(),
        path: src_path,
    };
    let dst = restore::Root {
        dir: dst_dir.as_fd(),
        path: &source.share,
    };
    let report =
        restore::restore_with(&src, &dst, &rel, args.force, source.method).map_err(|e| {
            Failure {
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
            }
        })?;
    let (src, dst) = (src_path.join(&rel), source.share.join(&rel));
    // One warning line for each object of the backup not restored.
    for s in &report.skipped {
        eprintln!(
            "rvss: warning: {} is a {} in the backup; not restored",
            s.path.display(),
            s.kind
        );
    }
    if args.json {
        let v = serde_json::json!({ "from": entry.gmt, "source": src, "restored": dst, "report": report });
        crate::print_json(&v, "");
    } else {
        println!(
            "restored {} from {} ({} files, {} directories, {} symlinks, {} special files, \
             {} hard links, {} bytes {})",
            dst.display(),
            entry.gmt,
            report.files,
            report.dirs,
            report.symlinks,
            report.specials,
            report.hard_links,
            report.bytes,
            match source.method {
                restore::Method::Reflink => "shared by reflink",
                restore::Method::Copy => "copied",
            }
        );
        if let Some(a) = &report.aside {
            println!(
                "what was at {} is kept aside (root only) in {}\n  to put it back: {}\n  \
                 to delete it: {}",
                dst.display(),
                a.path.display(),
                a.undo,
                a.purge
            );
        }
    }
    Ok(EXIT_OK)
}
