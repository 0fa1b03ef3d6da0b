//! `rvss check PATH|--share NAME`: whether rvss can shadow-copy a directory
//! tree, with every violation of the supported directory structure. The same
//! layout resolution and the same walker as the module's snap_check_path, so
//! the CLI and Samba always agree.

use super::{Cli, Failure, Outcome, EXIT_ERROR, EXIT_NEGATIVE, EXIT_OK};
use rvss_core::backend::Registry;
use rvss_core::config::Config;
use rvss_core::error::Context;
use rvss_core::mounts;
use rvss_core::share::Share;
use rvss_core::structure::{self, display_path, Rule, Violation};
use serde::Serialize;
use std::collections::BTreeSet;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(group(clap::ArgGroup::new("what").required(true).args(["path", "share"])))]
pub struct Args {
    /// Directory to check, with every rvss option at its default.
    pub path: Option<PathBuf>,
    /// Check this share instead: its path and rvss options as Samba resolves them.
    #[arg(long, value_name = "NAME")]
    pub share: Option<String>,
    /// Print a JSON object: {"supported": bool, "violations": [{"rule", "path"}]}
    /// (plus "reason" when the share's location itself is not supported).
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct JsonViolation {
    rule: Rule,
    path: String,
}

#[derive(Serialize)]
struct JsonReport {
    supported: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    reason: Option<String>,
    violations: Vec<JsonViolation>,
}

fn error(message: String) -> Failure {
    Failure {
        code: EXIT_ERROR,
        message,
    }
}

/// The directory and options to check.
fn target(cli: &Cli, args: &Args) -> Result<(PathBuf, Config), Failure> {
    match (&args.share, &args.path) {
        (Some(name), _) => {
            let conf = cli.samba_conf()?;
            let share = conf.share(name).ok_or_else(|| {
                error(format!(
                    "{} defines no share named [{name}]",
                    cli.config.display()
                ))
            })?;
            let path = conf
                .param(share, "path")
                .filter(|p| !p.trim().is_empty())
                .ok_or_else(|| error(format!("share [{name}] has no path")))?;
            Ok((PathBuf::from(path), conf.rvss_config(share)?))
        }
        (None, Some(p)) => Ok((p.clone(), Config::default())),
        (None, None) => Err(error("give a PATH or --share NAME".into())),
    }
}

pub fn run(cli: &Cli, args: &Args, registry: &Registry) -> Outcome {
    let (path, config) = target(cli, args)?;
    let root =
        std::fs::canonicalize(&path).map_err(|e| error(format!("{}: {e}", path.display())))?;
    if !root.is_dir() {
        return Err(error(format!("{} is not a directory", path.display())));
    }
    let mounts = mounts::current().context("read /proc/self/mountinfo")?;
    // Where the share lives must suit its backend too (e.g. btrfs: a
    // snapshot directory outside the share); the tree is checked either way.
    let share = Share::new("", &root, config);
    let reason = registry.resolve(&share)?.location_problem(&share)?;
    let config = share.config;
    let violations = structure::check(&root, &config.structure, &mounts)?;
    let supported = reason.is_none() && violations.is_empty();
    if args.json {
        let report = JsonReport {
            supported,
            reason,
            violations: violations
                .iter()
                .map(|v| JsonViolation {
                    rule: v.rule,
                    path: display_path(&v.path),
                })
                .collect(),
        };
        let text = serde_json::to_string_pretty(&report)
            .map_err(|e| error(format!("cannot write JSON: {e}")))?;
        println!("{text}");
    } else {
        print_human(&root, reason.as_deref(), &violations, &config);
    }
    Ok(if supported { EXIT_OK } else { EXIT_NEGATIVE })
}

fn print_human(root: &std::path::Path, reason: Option<&str>, vs: &[Violation], config: &Config) {
    let n = vs.len();
    let verdict = if reason.is_none() && n == 0 {
        "supported".to_string()
    } else if n == 0 {
        "not supported".to_string()
    } else {
        format!(
            "not supported: {n} violation{} of the supported directory structure",
            if n == 1 { "" } else { "s" }
        )
    };
    println!("{}: {verdict}", display_path(root));
    if let Some(r) = reason {
        println!("  {r}");
    }
    if n == 0 {
        return;
    }
    println!();
    println!("{:<16}  PATH", "RULE");
    for v in vs {
        println!("{:<16}  {}", v.rule.name(), display_path(&v.path));
    }
    println!();
    let rules: BTreeSet<Rule> = vs.iter().map(|v| v.rule).collect();
    for r in rules {
        println!("{:<16}  {}", r.name(), explain(r, config));
    }
}

/// What a rule means and how to fix it, for people.
fn explain(rule: Rule, config: &Config) -> String {
    match rule {
        Rule::Symlink => "symbolic links are never followed: their targets would be \
                          missing from the shadow copy; replace them with the data"
            .into(),
        Rule::SpecialFile => "FIFOs, sockets and device nodes have no data to copy; \
                              only directories and regular files are supported"
            .into(),
        Rule::NestedSubvolume => "a btrfs subvolume inside the share appears empty in a \
                                  snapshot; make it a plain directory"
            .into(),
        Rule::MountPoint => "another filesystem mounted inside the share is not part of \
                             its snapshot; move its data into the share"
            .into(),
        Rule::MaxDepth => format!(
            "directories nest deeper than rvss:max depth = {} (the share root is depth 0)",
            config.structure.max_depth
        ),
        Rule::NotVmFile => format!(
            "rvss:vm files only = yes allows only directories and files matching \
             rvss:vm file patterns ({}) in the share's root",
            config
                .structure
                .vm_file_patterns
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(" ")
        ),
        Rule::Unreadable => "rvss could not read these directories, so could not check them".into(),
    }
}
