//! `rvss replicate`: send each retained backup of every share with
//! `rvss:replicate to` that its target lacks, oldest first (full, then
//! incremental from the last backup both sides hold), verified there, then
//! apply the target's own retention (`rvss:replicate retain`). On a
//! terminal, a progress line shows the bytes sent and the rate.

use super::shares;
use super::{Cli, Outcome, EXIT_ERROR, EXIT_OK};
use rvss_core::backend::Registry;
use rvss_core::replicate::{Events, Pruned, Report, Sent};
use std::io::{IsTerminal, Write};
use std::time::Duration;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Only this share.
    #[arg(long)]
    pub share: Option<String>,
    /// Print JSON: the copies sent, the target copies removed, the backups
    /// whose snapshot vanished.
    #[arg(long)]
    pub json: bool,
}

/// What the CLI shows of a run: a line per copy sent or removed (not with
/// --json), and a progress line on a terminal.
struct Shown {
    json: bool,
    tty: bool,
    progress_shown: bool,
}

impl Shown {
    fn end_progress(&mut self) {
        if self.progress_shown {
            eprint!("\r\x1b[K");
            self.progress_shown = false;
        }
    }
}

fn mib(bytes: u64) -> f64 {
    bytes as f64 / (1024.0 * 1024.0)
}

impl Events for Shown {
    fn sent(&mut self, s: &Sent) {
        self.end_progress();
        if !self.json {
            let how = s
                .parent
                .as_deref()
                .map_or("full".to_string(), |p| format!("incremental from {p}"));
            println!(
                "replicated {} {} to {} ({how}, {:.1} MiB in {:.1} s)",
                s.share,
                s.gmt,
                s.path,
                mib(s.bytes),
                s.seconds
            );
        }
    }

    fn pruned(&mut self, p: &Pruned) {
        if !self.json {
            println!("removed {} {} (rvss:replicate retain)", p.share, p.path);
        }
    }

    fn progress(&mut self, share: &str, gmt: &str, bytes: u64, elapsed: Duration) {
        if self.tty {
            let rate = mib(bytes) / elapsed.as_secs_f64().max(0.001);
            eprint!(
                "\r\x1b[K{share} {gmt}: {:.1} MiB sent, {rate:.1} MiB/s",
                mib(bytes)
            );
            let _ = std::io::stderr().flush();
            self.progress_shown = true;
        }
    }
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
    if args.share.is_none() {
        // Every share's run, so whatever asked for one is served (a backup
        // retained from now on asks again: rvss_core::replicate::pending).
        let dir = rvss_core::state_dir::get();
        if let Err(e) = rvss_core::replicate::pending::take(&dir) {
            eprintln!(
                "rvss replicate: removing {}: {e}",
                dir.join(rvss_core::replicate::pending::FILE_NAME).display()
            );
        }
    }
    let mut all = Report::default();
    let mut failed = 0;
    let mut shown = Shown {
        json: args.json,
        tty: std::io::stderr().is_terminal(),
        progress_shown: false,
    };
    for share in shares.iter().filter(|s| s.config.replicate_to.is_some()) {
        let backend = registry
            .resolve(share)
            .map_err(|e| shares::failure(format!("share {}: {e}", share.name)))?;
        // One share failing never stops the others; the exit code says it.
        let outcome = backend.replicate(share, &mut shown);
        shown.end_progress();
        match outcome {
            Ok(r) => {
                for v in &r.vanished {
                    eprintln!("rvss replicate: {v}");
                }
                if !r.vanished.is_empty() {
                    failed += 1;
                }
                all.sent.extend(r.sent);
                all.pruned.extend(r.pruned);
                all.vanished.extend(r.vanished);
            }
            Err(e) => {
                eprintln!("rvss replicate: {e}");
                failed += 1;
            }
        }
    }
    if args.json {
        crate::print_json(&all, "{}");
    }
    Ok(if failed > 0 { EXIT_ERROR } else { EXIT_OK })
}

/// `rvss serve-target ROOT`: the target host's side, for the
/// authorized_keys entry of rvss's key (`command="rvss serve-target
/// /srv/rvss",restrict ...`); also run directly by a login without a forced
/// command.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The directory copies are received into (one directory per share).
    pub root: std::path::PathBuf,
    /// The request, when no command is forced (sshd then passes the
    /// client's in SSH_ORIGINAL_COMMAND, which wins).
    #[arg(trailing_var_arg = true, allow_hyphen_values = true, hide = true)]
    pub request: Vec<String>,
}

pub fn serve(args: &ServeArgs) -> Outcome {
    use rvss_core::replicate::serve;
    let command = match std::env::var("SSH_ORIGINAL_COMMAND") {
        Ok(c) => c,
        Err(_) if !args.request.is_empty() => {
            // The shell split the source's words; the root is this
            // command's own.
            let mut words = vec![
                "rvss".to_string(),
                "serve-target".to_string(),
                serve::encode(&args.root.display().to_string()),
            ];
            words.extend(args.request.iter().cloned());
            words.join(" ")
        }
        Err(_) => {
            return Err(super::Failure {
                code: EXIT_ERROR,
                message: "serve-target answers rvss replicate over SSH: run it as the \
                          forced command of rvss's key (see rvss(8), REPLICATION)"
                    .into(),
            })
        }
    };
    let request = serve::parse(&command, &args.root).map_err(|e| super::Failure {
        code: EXIT_ERROR,
        message: format!("serve-target: {}", e.message),
    })?;
    serve::serve(&args.root, &request, &mut std::io::stdout().lock()).map_err(|e| {
        super::Failure {
            code: EXIT_ERROR,
            message: format!("serve-target: {}", e.message),
        }
    })?;
    Ok(EXIT_OK)
}

/// One copy on a replication target, as `rvss list --replicas` shows it.
#[derive(serde::Serialize, Debug)]
struct ReplicaRow {
    share: String,
    /// The copy's @GMT name.
    name: String,
    path: String,
    /// Whether it is a verified copy rvss received (read-only, with a
    /// received UUID); anything else there is listed, never touched.
    copy: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    received_uuid: Option<String>,
    /// Whether the server still holds the backup (`rvss list`).
    on_server: bool,
}

type Replicas = (
    (String, Vec<rvss_core::replicate::store::Copy>),
    Vec<rvss_core::catalog::Catalog>,
);

/// The share's target directory and entries, and its catalogs.
fn share_replicas(
    registry: &Registry,
    share: &rvss_core::share::Share,
) -> rvss_core::error::Result<Replicas> {
    let backend = registry.resolve(share)?;
    Ok((
        backend.replicas(share)?,
        backend.catalogs(std::slice::from_ref(share))?,
    ))
}

/// `rvss list --replicas`: every share's target copies, oldest first.
pub fn list(
    conf: &rvss_core::admin::smbconf::SambaConf,
    json: bool,
    registry: &Registry,
) -> Outcome {
    let shares = shares::rvss_shares(conf, None)?;
    let mut rows = vec![];
    let mut failed = 0;
    for share in shares.iter().filter(|s| s.config.replicate_to.is_some()) {
        let ((dir, copies), catalogs) = match share_replicas(registry, share) {
            Ok(l) => l,
            Err(e) => {
                eprintln!("rvss list: share {}: {e}", share.name);
                failed += 1;
                continue;
            }
        };
        let mut held = std::collections::BTreeSet::new();
        for c in &catalogs {
            for e in c.entries().unwrap_or_default() {
                if let Some(n) = std::path::Path::new(&e.path).file_name() {
                    held.insert(n.to_string_lossy().into_owned());
                }
            }
        }
        for c in copies {
            rows.push(ReplicaRow {
                share: share.name.clone(),
                path: format!("{dir}/{}", c.name),
                copy: c.subvolume && c.readonly && c.received_uuid.is_some(),
                received_uuid: c.received_uuid,
                on_server: held.contains(&c.name),
                name: c.name,
            });
        }
    }
    if json {
        crate::print_json(&rows, "[]");
    } else {
        println!(
            "{:<12} {:<28} {:<5} {:<9} PATH",
            "SHARE", "NAME", "COPY", "ON SERVER"
        );
        for r in &rows {
            println!(
                "{:<12} {:<28} {:<5} {:<9} {}",
                r.share,
                r.name,
                if r.copy { "yes" } else { "no" },
                if r.on_server { "yes" } else { "no" },
                r.path
            );
        }
    }
    Ok(if failed > 0 { EXIT_ERROR } else { EXIT_OK })
}
