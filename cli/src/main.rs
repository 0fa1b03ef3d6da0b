//! The `rvss` admin CLI (see `rvss --help` and rvss(8)). Conventions every subcommand follows:
//! - `--json` on every subcommand that reports;
//! - errors go to stderr as `rvss: <what failed and why>`;
//! - exit codes: 0 success, 1 a negative answer (e.g. not supported,
//!   something refused), 2 an error (bad input, missing path, I/O failure);
//! - share options are read the way Samba resolves them (testparm, plus
//!   registry shares), from `--config` (default /etc/samba/smb.conf).

use clap::{Parser, Subcommand};
use rvss_core::admin::smbconf::SambaConf;
use rvss_core::backend::Registry;
use std::path::PathBuf;

pub const EXIT_OK: i32 = 0;
pub const EXIT_NEGATIVE: i32 = 1;
pub const EXIT_ERROR: i32 = 2;

#[derive(Parser, Debug)]
#[command(
    name = "rvss",
    version,
    about = "Remote VSS shadow copies on btrfs and CephFS: admin tool"
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
mod health;
mod list;
mod maintain;
mod metrics;
mod prune;
mod repair;
mod replicate;
mod restore;
mod shares;
mod smbconf;

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List every snapshot rvss made, with its state (exposed, retained,
    /// orphan, creating; on CephFS also lost); exit 2 naming any corrupt
    /// catalog entry.
    List(list::Args),
    /// Delete retained backups beyond each share's retention policy.
    Prune(prune::Args),
    /// Remove orphaned snapshots (made by rvss, referenced by nothing).
    Gc(gc::Args),
    /// Replicate, prune, then gc (what the package's daily timer runs);
    /// exit 2 if any failed.
    Maintain(maintain::Args),
    /// A monitoring check (Nagios, Icinga, Zabbix): one status line with
    /// performance data; exit 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN.
    Health(health::Args),
    /// Print (or write atomically into a file) every share's state as
    /// Prometheus metrics, for node_exporter's textfile collector.
    Metrics(metrics::Args),
    /// Print the [global] lines rvss needs, or a share's lines that show its
    /// backups as Previous Versions.
    Smbconf(smbconf::Args),
    /// Send retained backups to each share's `rvss:replicate to` target
    /// (oldest first, incremental from the last common one) and verify
    /// them there; exit 2 if any share failed.
    Replicate(replicate::Args),
    /// On a replication target host: answer `rvss replicate` over SSH
    /// (list, receive, remove copies under ROOT, nothing else), as the
    /// forced command of rvss's key in authorized_keys.
    ServeTarget(replicate::ServeArgs),
    /// Restore a file or directory from a backup (btrfs: by reflink,
    /// instant; CephFS: by copy), never replacing anything without --force.
    Restore(restore::Args),
    /// Make every catalog readable again: rebuild corrupt entries from their
    /// snapshots (or set them aside), record the identity of entries without
    /// one; deletes nothing.
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

impl From<rvss_core::error::Error> for Failure {
    fn from(e: rvss_core::error::Error) -> Self {
        Failure {
            code: EXIT_ERROR,
            message: e.message,
        }
    }
}

pub type Outcome = std::result::Result<i32, Failure>;

/// Prints `value` as pretty JSON (`--json`), or `fallback` if it cannot be
/// serialised.
pub fn print_json(value: &impl serde::Serialize, fallback: &str) {
    match serde_json::to_string_pretty(value) {
        Ok(text) => println!("{text}"),
        Err(_) => println!("{fallback}"),
    }
}

impl Cli {
    /// The Samba configuration; also tells `known_dirs` where this Samba
    /// keeps its state, as the module learns it from Samba: `state
    /// directory` from the configuration, else Samba's built-in STATEDIR
    /// (`smbd -b`).
    pub fn samba_conf(&self) -> std::result::Result<SambaConf, Failure> {
        let conf = SambaConf::load(&self.config)?;
        let state_dir = conf
            .global
            .params
            .get(&rvss_core::config::option_key("state directory"))
            .map(PathBuf::from)
            .or_else(|| rvss_core::admin::samba::build_path("STATEDIR"));
        if let Some(dir) = state_dir {
            rvss_core::hooks::use_state_dir(&dir);
        }
        Ok(conf)
    }
}

fn main() {
    rvss_core::logging::install(rvss_core::logging::stderr_sink, log::LevelFilter::Warn);
    let cli = Cli::parse();
    std::process::exit(run(cli));
}

/// Runs the parsed command; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    // The backends every command goes through (tests pass others).
    let reg = &Registry::builtin();
    let outcome: Outcome = match &cli.command {
        Command::List(a) => list::run(&cli, a, reg),
        Command::Prune(a) => prune::run(&cli, a, reg),
        Command::Gc(a) => gc::run(&cli, a, reg),
        Command::Maintain(a) => maintain::run(&cli, a, reg),
        Command::Metrics(a) => metrics::run(&cli, a, reg),
        Command::Health(a) => health::run(&cli, a, reg),
        Command::Smbconf(a) => smbconf::run(&cli, a, reg),
        Command::Replicate(a) => replicate::run(&cli, a, reg),
        Command::ServeTarget(a) => replicate::serve(a),
        Command::Restore(a) => restore::run(&cli, a, reg),
        Command::Repair(a) => repair::run(&cli, a, reg),
        Command::Check(a) => check::run(&cli, a, reg),
        Command::Doctor(a) => doctor::run(&cli, a, reg),
    };
    match outcome {
        Ok(code) => code,
        Err(f) => {
            // Not eprintln!: stderr may be gone (see logging::stderr_sink).
            use std::io::Write;
            let _ = writeln!(std::io::stderr().lock(), "rvss: {}", f.message);
            f.code
        }
    }
}

#[cfg(test)]
mod tests;
