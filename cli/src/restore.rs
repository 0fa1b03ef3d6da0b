//! `rvss restore`: bring a file or directory back from a backup, as the
//! share's backend copies data (reflink on btrfs, a hole-keeping copy on
//! CephFS).

use super::shares::{self, failure};
use super::{Cli, Failure, Outcome, EXIT_NEGATIVE, EXIT_OK};
use rvss_core::backend::{Backup, Registry};
use rvss_core::catalog::restoring;
use rvss_core::catalog::{Catalog, Entry};
use rvss_core::share::Share;
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
    /// Put the backup's version in place of what exists at PATH; what was
    /// there is moved aside (root only), never deleted.
    #[arg(long)]
    pub force: bool,
    /// Print a JSON report.
    #[arg(long)]
    pub json: bool,
    /// Restore from the backup's copy on the share's replication target
    /// (`rvss list --replicas`; --from names the copy), also when the
    /// server no longer holds the backup.
    #[arg(long)]
    pub from_replica: bool,
}

/// The backup named by `--from` in `catalog`, if there is one (an error
/// when several match).
fn find(catalog: &Catalog, share: &Share, from: &str) -> Result<Option<Entry>, Failure> {
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
pub(crate) struct Source {
    /// The backup marked in its catalog as being restored from, until the
    /// restore ends (failed or not): prune and gc leave it alone, and no
    /// lock is held meanwhile, so FSRVP, prune and gc go on.
    _held: restoring::Mark,
    pub entry: Entry,
    /// The share's directory inside the snapshot, the live share, and how
    /// data is copied.
    pub backup: Backup,
}

/// The backup `from` of `share`, opened through its backend and marked.
pub(crate) fn source(registry: &Registry, share: &Share, from: &str) -> Result<Source, Failure> {
    let backend = registry
        .resolve(share)
        .map_err(|e| failure(format!("share {}: {e}", share.name)))?;
    for catalog in backend.catalogs(std::slice::from_ref(share))? {
        // Exclusive: the mark rewrites the entry found.
        let lock = catalog.lock()?;
        let Some(entry) = find(&catalog, share, from)? else {
            continue;
        };
        let backup = backend.open_backup(share, &catalog, &entry)?;
        let mark = restoring::Mark::set(catalog, &entry)?;
        drop(lock);
        return Ok(Source {
            _held: mark,
            entry,
            backup,
        });
    }
    Err(failure(format!(
        "share {} has no backup {from} (see `rvss list`)",
        share.name
    )))
}

/// Restores `path` of `share` from its backup `from`.
pub(crate) fn restore(
    registry: &Registry,
    share: &Share,
    from: &str,
    path: &str,
    force: bool,
) -> Result<(Source, restore::Report), Failure> {
    let rel = restore::relative(path)?;
    let source = source(registry, share, from)?;
    let entry = &source.entry;
    let live = &source.backup.share;
    let dst_dir = rvss_core::sys::fs::open_dir(live)
        .map_err(|e| failure(format!("open share {}: {e}", live.display())))?;
    let src = restore::Root {
        dir: source.backup.root.as_fd(),
        path: Path::new(&entry.snap_path),
    };
    let dst = restore::Root {
        dir: dst_dir.as_fd(),
        path: live,
    };
    let report = restore::restore_with(&src, &dst, &rel, force, source.backup.method)
        .map_err(|e| restore_failure(e, path, &entry.gmt))?;
    Ok((source, report))
}

/// The restore engine's failure as the CLI reports it.
fn restore_failure(e: rvss_core::error::Error, path: &str, from: &str) -> Failure {
    Failure {
        code: if e.status == ntstatus::OBJECT_NAME_COLLISION {
            EXIT_NEGATIVE
        } else {
            super::EXIT_ERROR
        },
        message: if e.status == ntstatus::OBJECT_NAME_NOT_FOUND {
            format!("{path} is not in backup {from}")
        } else {
            e.message
        },
    }
}

/// `--from-replica`: `path` restored from the copy `from` on the share's
/// replication target.
fn from_replica(registry: &Registry, share: &Share, args: &Args) -> Outcome {
    let rel = restore::relative(&args.path)?;
    let backend = registry
        .resolve(share)
        .map_err(|e| failure(format!("share {}: {e}", share.name)))?;
    let replica = backend.open_replica(share, &args.from)?;
    let live = &replica.backup.share;
    let dst_dir = rvss_core::sys::fs::open_dir(live)
        .map_err(|e| failure(format!("open share {}: {e}", live.display())))?;
    let shown = Path::new(&replica.shown).join(&rel);
    let src = restore::Root {
        dir: replica.backup.root.as_fd(),
        path: Path::new(&replica.shown),
    };
    let dst = restore::Root {
        dir: dst_dir.as_fd(),
        path: live,
    };
    let report = restore::restore_with(&src, &dst, &rel, args.force, replica.backup.method)
        .map_err(|e| restore_failure(e, &args.path, &args.from))?;
    print_report(
        args,
        &args.from,
        &shown,
        &live.join(&rel),
        &report,
        replica.backup.method,
    );
    Ok(EXIT_OK)
}

pub fn run(cli: &Cli, args: &Args, registry: &Registry) -> Outcome {
    let conf = cli.samba_conf()?;
    let share = shares::rvss_shares(&conf, Some(&args.share))?
        .into_iter()
        .next()
        .ok_or_else(|| failure(format!("no share {}", args.share)))?;
    if args.from_replica {
        return from_replica(registry, &share, args);
    }
    let (source, report) = restore(registry, &share, &args.from, &args.path, args.force)?;
    let rel = restore::relative(&args.path)?;
    let entry = &source.entry;
    let src_path = Path::new(&entry.snap_path);
    let (src, dst) = (src_path.join(&rel), source.backup.share.join(&rel));
    print_report(args, &entry.gmt, &src, &dst, &report, source.backup.method);
    Ok(EXIT_OK)
}

/// What a restore did: warnings for what it skipped, then one line (or the
/// JSON report).
fn print_report(
    args: &Args,
    from: &str,
    src: &Path,
    dst: &Path,
    report: &restore::Report,
    method: restore::Method,
) {
    // One warning line for each object of the backup not restored.
    for s in &report.skipped {
        eprintln!(
            "rvss: warning: {} is a {} in the backup; not restored",
            s.path.display(),
            s.kind
        );
    }
    if args.json {
        let v =
            serde_json::json!({ "from": from, "source": src, "restored": dst, "report": report });
        crate::print_json(&v, "");
        return;
    }
    println!(
        "restored {} from {} ({} files, {} directories, {} symlinks, {} special files, \
         {} hard links, {} bytes {})",
        dst.display(),
        from,
        report.files,
        report.dirs,
        report.symlinks,
        report.specials,
        report.hard_links,
        report.bytes,
        match method {
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
