//! `rvss prune`: delete retained backups beyond each share's retention policy.

use super::shares;
use super::{Cli, Failure, Outcome, EXIT_ERROR, EXIT_OK};
use rvss_core::backend::Registry;
use rvss_core::catalog::Entry;
use rvss_core::error::Error;
use rvss_core::policy::retention::{judge, Keep};
use rvss_core::share::Share;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only this share.
    #[arg(long)]
    pub share: Option<String>,
    /// List what would be deleted and what is kept (with the rules that
    /// keep it), delete nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print a JSON array of the pruned (or prunable) backups.
    #[arg(long)]
    pub json: bool,
}

/// Prunes each share through its backend. A backup that cannot go is
/// handed to `left_alone` and skipped: the rest of its share's policy, and
/// every other share, are still pruned.
pub(crate) fn prune(
    registry: &Registry,
    shares: &[Share],
    dry_run: bool,
    left_alone: &mut dyn FnMut(Entry, Error),
) -> Result<Vec<Entry>, Failure> {
    let mut pruned = vec![];
    for share in shares {
        if !share.config.retention.enabled() {
            continue;
        }
        let backend = registry
            .resolve(share)
            .map_err(|e| shares::failure(format!("share {}: {e}", share.name)))?;
        pruned.extend(backend.prune(share, dry_run, left_alone)?);
    }
    Ok(pruned)
}

/// The retained backups each share's policy keeps, newest first, with the
/// rules that keep them (what `--dry-run` shows besides what would go).
fn kept(registry: &Registry, shares: &[Share]) -> Result<Vec<(String, Entry, Vec<Keep>)>, Failure> {
    let mut out = vec![];
    for share in shares {
        let policy = &share.config.retention;
        if !policy.enabled() {
            continue;
        }
        let backend = registry
            .resolve(share)
            .map_err(|e| shares::failure(format!("share {}: {e}", share.name)))?;
        for cat in backend.catalogs(std::slice::from_ref(share))? {
            let entries = {
                let _lock = cat.lock_shared()?;
                cat.entries()?
            };
            for (i, keep) in judge(&entries, &share.name, policy, rvss_core::gmt::now()) {
                if let (false, Some(e)) = (keep.is_empty(), entries.get(i)) {
                    out.push((share.name.clone(), e.clone(), keep));
                }
            }
        }
    }
    Ok(out)
}

pub fn run(cli: &Cli, args: &Args, registry: &Registry) -> Outcome {
    let conf = cli.samba_conf()?;
    let mut stuck = 0;
    let mut left_alone = |e: Entry, why: Error| {
        eprintln!("rvss prune: {} {} left alone: {why}", e.share, e.gmt);
        stuck += 1;
    };
    let shares = shares::rvss_shares(&conf, args.share.as_deref())?;
    let pruned = prune(registry, &shares, args.dry_run, &mut left_alone)?;
    if args.json {
        crate::print_json(&pruned, "[]");
    } else {
        let verb = if args.dry_run {
            "would prune"
        } else {
            "pruned"
        };
        if args.dry_run {
            for (share, e, keep) in kept(registry, &shares)? {
                let why: Vec<String> = keep.iter().map(|k| k.to_string()).collect();
                println!("keep {share} {} {} ({})", e.gmt, e.path, why.join(", "));
            }
        }
        for e in &pruned {
            println!("{verb} {} {} {}", e.share, e.gmt, e.path);
        }
    }
    Ok(if stuck > 0 { EXIT_ERROR } else { EXIT_OK })
}
