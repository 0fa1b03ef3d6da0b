//! `rvss maintain`: what the package's daily timer runs (rvss-maintenance.
//! service): `rvss replicate` (shares with `rvss:replicate to`), `rvss
//! prune`, then `rvss gc` with its default grace, each
//! whatever became of the other, so that one stuck backup or unreadable
//! catalog never stops the rest of the upkeep.

use super::{gc, prune, replicate, Cli, Outcome, EXIT_OK};
use rvss_core::backend::Registry;

#[derive(clap::Args, Debug)]
pub struct Args {}

/// The grace `rvss gc` gives orphans by default (a commit may still run).
const GC_GRACE: i64 = 3_600;

pub fn run(cli: &Cli, _args: &Args, registry: &Registry) -> Outcome {
    // Replication first: the newest backup, once on the target, is the
    // chain parent prune keeps, and older ones may go.
    let steps: [(&str, Outcome); 3] = [
        (
            "replicate",
            replicate::run(
                cli,
                &replicate::Args {
                    share: None,
                    json: false,
                },
                registry,
            ),
        ),
        (
            "prune",
            prune::run(
                cli,
                &prune::Args {
                    share: None,
                    dry_run: false,
                    json: false,
                },
                registry,
            ),
        ),
        (
            "gc",
            gc::run(
                cli,
                &gc::Args {
                    grace: GC_GRACE,
                    dry_run: false,
                    json: false,
                },
                registry,
            ),
        ),
    ];
    let mut code = EXIT_OK;
    for (step, outcome) in steps {
        let c = match outcome {
            Ok(c) => c,
            Err(f) => {
                eprintln!("rvss maintain: {step}: {}", f.message);
                f.code
            }
        };
        code = code.max(c);
    }
    Ok(code)
}
