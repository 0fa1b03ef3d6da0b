//! `rvss prune`: delete retained backups beyond each share's retention policy.

use super::shares::{self, ConfiguredShare};
use super::{Cli, Outcome, EXIT_ERROR, EXIT_OK};
use rvss_core::catalog::Catalog;
use rvss_core::shadow;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only this share.
    #[arg(long)]
    pub share: Option<String>,
    /// List what would be deleted, delete nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print a JSON array of the pruned (or prunable) backups.
    #[arg(long)]
    pub json: bool,
}

pub fn run(cli: &Cli, args: &Args) -> Outcome {
    let conf = cli.samba_conf()?;
    let mut pruned = vec![];
    let mut stuck = 0;
    // A backup that cannot go is reported and skipped: the rest of its
    // share's policy, and every other share, are still pruned.
    let mut left_alone = |e: rvss_core::catalog::Entry, why: rvss_core::error::Error| {
        eprintln!("rvss prune: {} {} left alone: {why}", e.share, e.gmt);
        stuck += 1;
    };
    for share in shares::rvss_shares(&conf, args.share.as_deref())? {
        pruned.extend(prune_share(&share, args.dry_run, &mut left_alone)?);
    }
    if args.json {
        crate::print_json(&pruned, "[]");
    } else {
        let verb = if args.dry_run {
            "would prune"
        } else {
            "pruned"
        };
        for e in &pruned {
            println!("{verb} {} {} {}", e.share, e.gmt, e.path);
        }
    }
    Ok(if stuck > 0 { EXIT_ERROR } else { EXIT_OK })
}

fn prune_share(
    share: &ConfiguredShare,
    dry_run: bool,
    left_alone: &mut dyn FnMut(rvss_core::catalog::Entry, rvss_core::error::Error),
) -> Result<Vec<rvss_core::catalog::Entry>, super::Failure> {
    if !share.config.retention.enabled() {
        return Ok(vec![]);
    }
    if share.backend() == rvss_core::backend::Backend::Cephfs {
        return Ok(rvss_core::cephfs::prune_share(
            &share.cephfs_ref(),
            dry_run,
        )?);
    }
    let layout = share.layout()?;
    let mut pruned = vec![];
    for dir in rvss_core::inventory::share_snapshot_dirs(&layout.snapshot_dir) {
        let catalog = Catalog::open(&dir)?;
        pruned.extend(shadow::prune(
            &catalog,
            &share.name,
            &share.config.retention,
            dry_run,
            left_alone,
        )?);
    }
    Ok(pruned)
}
