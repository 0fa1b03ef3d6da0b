//! `rvss repair`: make every catalog readable again: a corrupt entry is
//! rebuilt from its snapshot (or set aside when the snapshot is gone), a
//! corrupt legacy catalog.json falls back to its previous generation.
//! Deletes nothing.

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
    #[serde(flatten)]
    done: catalog::Repaired,
}

pub fn run(cli: &Cli, args: &Args) -> Outcome {
    let conf = cli.samba_conf()?;
    let mut out = vec![];
    for dir in inventory::snapshot_dirs(&conf)? {
        let mut done = catalog::repair(&dir, |p| rvss_core::snapshot::rebuild_entry(&dir, p))?;
        done.identified = rvss_core::snapshot::identify_entries(&catalog::Catalog::open(&dir)?)?;
        out.push(Repaired {
            snapshot_dir: dir.display().to_string(),
            done,
        });
    }
    // CephFS shares: their catalogs, rebuilt from `ceph.snap.btime`.
    let ceph = crate::shares::cephfs_shares(&conf)?;
    let refs: Vec<_> = ceph.iter().map(|s| s.cephfs_ref()).collect();
    if !refs.is_empty() {
        for (dir, done) in rvss_core::cephfs::repair(&refs)? {
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
