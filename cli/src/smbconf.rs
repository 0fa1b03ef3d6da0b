//! `rvss smbconf`: the [global] lines rvss's setup needs (vfs_rvss(8));
//! `rvss smbconf SHARE`: the share lines that make rvss's backups visible to
//! SMB clients as Previous Versions, through Samba's vfs_shadow_copy2.

use super::shares;
use super::{Cli, Outcome, EXIT_OK};
use rvss_core::admin::smbconf::GLOBAL_LINES;
use rvss_core::backend::Registry;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The share to print the lines for; without it, the [global] lines.
    pub share: Option<String>,
}

pub fn run(cli: &Cli, args: &Args, registry: &Registry) -> Outcome {
    let Some(name) = &args.share else {
        for l in GLOBAL_LINES {
            println!("{l}");
        }
        return Ok(EXIT_OK);
    };
    let conf = cli.samba_conf()?;
    let share = shares::rvss_shares(&conf, Some(name))?
        .into_iter()
        .next()
        .ok_or_else(|| shares::failure(format!("no share {name}")))?;
    let vfs = conf
        .share(&share.name)
        .and_then(|s| conf.param(s, "vfs objects"))
        .unwrap_or_default();
    let backend = registry
        .resolve(&share)
        .map_err(|e| shares::failure(format!("share {}: {e}", share.name)))?;
    for l in backend.smbconf_lines(&share, &vfs)? {
        println!("{l}");
    }
    Ok(EXIT_OK)
}
