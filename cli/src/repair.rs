//! `rvss repair`: make every catalog readable again: a corrupt entry is
//! rebuilt from its snapshot (or set aside when the snapshot is gone), a
//! corrupt legacy catalog.json falls back to its previous generation.
//! Deletes nothing.

use super::shares;
use super::{Cli, Outcome, EXIT_OK};
use rvss_core::backend::Registry;
use rvss_core::catalog;
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
    #[serde(flatten)]
    done: catalog::Repaired,
}

pub fn run(cli: &Cli, args: &Args, registry: &Registry) -> Outcome {
    let conf = cli.samba_conf()?;
    let shares = shares::rvss_shares(&conf, None)?;
    let mut out = vec![];
    for (backend, served) in shares::by_backend(registry, &shares)? {
        for (dir, done) in backend.repair(&served)? {
            out.push(Repaired {
                snapshot_dir: dir.display().to_string(),
                done,
            });
        }
    }
    if args.json {
        crate::print_json(&out, "[]");
    } else {
        for r in &out {
            for p in &r.done.rebuilt {
                println!("{}: rebuilt the entry of {p} from its snapshot (share unknown, kept as a backup)", r.snapshot_dir);
            }
            for p in &r.done.identified {
                println!(
                    "{}: recorded the identity of {p} (its entry had none)",
                    r.snapshot_dir
                );
            }
            for f in &r.done.set_aside {
                println!(
                    "{}: set aside {f}: its snapshot is gone or unknown",
                    r.snapshot_dir
                );
            }
            println!(
                "{}: catalog holds {} entries",
                r.snapshot_dir, r.done.entries
            );
        }
    }
    Ok(EXIT_OK)
}
