//! `rvss replicate`: send each retained backup of every share with
//! `rvss:replicate to` that its target lacks, oldest first (full, then
//! incremental from the last backup both sides hold), verified there.

use super::shares;
use super::{Cli, Outcome, EXIT_ERROR, EXIT_OK};
use rvss_core::backend::Registry;
use rvss_core::replicate::local::Sent;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only this share.
    #[arg(long)]
    pub share: Option<String>,
    /// Print a JSON array of the backups replicated.
    #[arg(long)]
    pub json: bool,
}

pub fn run(cli: &Cli, args: &Args, registry: &Registry) -> Outcome {
    let conf = cli.samba_conf()?;
    let shares = shares::rvss_shares(&conf, args.share.as_deref())?;
    if let Some(s) = shares
        .first()
        .filter(|s| args.share.is_some() && s.config.replicate_to.is_none())
    {
        return Err(shares::failure(format!(
            "share {} has no rvss:replicate to",
            s.name
        )));
    }
    let mut all: Vec<Sent> = vec![];
    let mut failed = 0;
    for share in shares.iter().filter(|s| s.config.replicate_to.is_some()) {
        let backend = registry
            .resolve(share)
            .map_err(|e| shares::failure(format!("share {}: {e}", share.name)))?;
        let json = args.json;
        let mut show = |s: &Sent| {
            if !json {
                let how = s
                    .parent
                    .as_deref()
                    .map_or("full".to_string(), |p| format!("incremental from {p}"));
                println!("replicated {} {} to {} ({how})", s.share, s.gmt, s.path);
            }
        };
        // One share failing never stops the others; the exit code says it.
        match backend.replicate(share, &mut show) {
            Ok(sent) => all.extend(sent),
            Err(e) => {
                eprintln!("rvss replicate: {e}");
                failed += 1;
            }
        }
    }
    if args.json {
        crate::print_json(&all, "[]");
    }
    Ok(if failed > 0 { EXIT_ERROR } else { EXIT_OK })
}
