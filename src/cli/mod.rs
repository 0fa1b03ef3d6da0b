//! The `rvss` admin CLI. Conventions every subcommand follows:
//! - `--json` on every subcommand that reports;
//! - errors go to stderr as `rvss: <what failed and why>`;
//! - exit codes: 0 success, 1 a negative answer (e.g. not supported,
//!   something refused), 2 an error (bad input, missing path, I/O failure);
//! - share options are read the way Samba resolves them (testparm, plus
//!   registry shares), from `--config` (default /etc/samba/smb.conf).

use crate::smbconf::SambaConf;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

pub const EXIT_OK: i32 = 0;
pub const EXIT_NEGATIVE: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "rvss",
    version,
    about = "Remote VSS shadow copies on btrfs: admin tool"
)]
pub struct Cli {
    /// Samba configuration file.
    #[arg(
        short = 's',
        long = "config",
        global = true,
        default_value = "/etc/samba/smb.conf"
    )]
    pub config: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

mod check;
mod doctor;
mod gc;
mod list;
mod prune;
mod repair;
mod restore;
mod shares;
mod smbconf;

/// `rvss gc --grace`'s parser, public for the fuzz targets (fuzz/).
pub use gc::parse_duration;

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List every snapshot rvss made, with its state (exposed, retained, orphan).
    List(list::Args),
    /// Delete retained backups beyond each share's retention policy.
    Prune(prune::Args),
    /// Remove orphaned snapshots (made by rvss, referenced by nothing).
    Gc(gc::Args),
    /// Print the share lines that show rvss's backups as Previous Versions.
    Smbconf(smbconf::Args),
    /// Restore a file or directory from a backup (reflink, instant).
    Restore(restore::Args),
    /// Restore a damaged catalog from its previous generation.
    Repair(repair::Args),
    /// Check that a share's tree is a supported directory structure (exit 1 if not).
    Check(check::Args),
    /// Check Samba, the module and every rvss share, and say what to fix.
    Doctor(doctor::Args),
}

/// A CLI failure: the message for stderr and the exit code.
#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

impl From<crate::error::Error> for Failure {
    fn from(e: crate::error::Error) -> Self {
        Failure {
            code: EXIT_ERROR,
            message: e.message,
        }
    }
}

pub type Outcome = std::result::Result<i32, Failure>;

impl Cli {
    pub fn samba_conf(&self) -> std::result::Result<SambaConf, Failure> {
        Ok(SambaConf::load(&self.config)?)
    }
}

/// Runs the parsed command; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    let outcome: Outcome = match &cli.command {
        Command::List(a) => list::run(&cli, a),
        Command::Prune(a) => prune::run(&cli, a),
        Command::Gc(a) => gc::run(&cli, a),
        Command::Smbconf(a) => smbconf::run(&cli, a),
        Command::Restore(a) => restore::run(&cli, a),
        Command::Repair(a) => repair::run(&cli, a),
        Command::Check(a) => check::run(&cli, a),
        Command::Doctor(a) => doctor::run(&cli, a),
    };
    match outcome {
        Ok(code) => code,
        Err(f) => {
            eprintln!("rvss: {}", f.message);
            f.code
        }
    }
}

/// RFC 3339 (UTC) for a Unix time.
pub fn rfc3339(t: i64) -> String {
    crate::gmt::token(t)
        .and_then(|g| {
            let b = g.as_bytes();
            let s = |r: std::ops::Range<usize>| std::str::from_utf8(&b[r]).ok().map(str::to_string);
            Some(format!(
                "{}-{}-{}T{}:{}:{}Z",
                s(5..9)?,
                s(10..12)?,
                s(13..15)?,
                s(16..18)?,
                s(19..21)?,
                s(22..24)?
            ))
        })
        .unwrap_or_else(|| t.to_string())
}

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339() {
        assert_eq!(super::rfc3339(1_764_064_800), "2025-11-25T10:00:00Z");
    }
}
