//! `rvss repair`: bring back a catalog that was truncated or overwritten,
//! from the generation kept before the last save. Deletes nothing.

use super::{Cli, Outcome, EXIT_OK};
use rvss_core::{catalog, inventory};
use serde::Serialize;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print a JSON array with one object per snapshot directory.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Repaired {
    snapshot_dir: String,
    entries: usize,
}

pub fn run(cli: &Cli, args: &Args) -> Outcome {
    let conf = cli.samba_conf()?;
    let mut out = vec![];
    for dir in inventory::snapshot_dirs(&conf)? {
        let entries = catalog::repair(&dir)?;
        out.push(Repaired {
            snapshot_dir: dir.display().to_string(),
            entries,
        });
    }
    if args.json {
        crate::print_json(&out, "[]");
    } else {
        for r in &out {
            println!("{}: catalog holds {} entries", r.snapshot_dir, r.entries);
        }
    }
    Ok(EXIT_OK)
}
