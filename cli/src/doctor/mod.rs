//! `rvss doctor`: checks an installation the way Samba will use it and says
//! what to fix. Exit 0 when nothing needs fixing (warnings allowed), 1 when
//! a check failed, 2 when the checks themselves could not run (e.g. an
//! unreadable smb.conf).

//!
//! One file per area: `samba` (Samba and the module), `fsrvp` (registry
//! shares, rpcd_fsrvp workers, the FSRVP server, smbd), `shares` (each rvss
//! share, through its backend). The rules come from the core (the backends,
//! samba, smbconf, inventory); the doctor only reports them and says what to fix.

use crate::{Cli, Outcome, EXIT_NEGATIVE, EXIT_OK};
use serde::Serialize;
use std::path::PathBuf;

mod fsrvp;
mod samba;
mod shares;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Print a JSON object instead of text.
    #[arg(long)]
    pub json: bool,
    /// Also ask the running Samba for its FSRVP version, authenticating with
    /// this rpcclient authentication file (username = / password = lines).
    #[arg(long, value_name = "FILE")]
    pub auth_file: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Warn,
    Fail,
}

#[derive(Debug, Clone, Serialize)]
pub struct Check {
    /// What was checked: samba, module, samba-version, registry,
    /// fsrvp-workers, fsrvp, smbd, shares, share, snapshot-dir, catalog.
    pub check: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<String>,
    pub status: Status,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

#[derive(Serialize)]
struct Report<'a> {
    ok: bool,
    checks: &'a [Check],
}

#[derive(Default)]
struct Checks(Vec<Check>);

impl Checks {
    /// A finding; `fix` (empty for none) says what to do about it.
    fn add(
        &mut self,
        check: &'static str,
        share: Option<&str>,
        status: Status,
        message: String,
        fix: &str,
    ) {
        self.0.push(Check {
            check,
            share: share.map(str::to_string),
            status,
            message,
            fix: (!fix.is_empty()).then(|| fix.to_string()),
        });
    }

    fn ok(&mut self, check: &'static str, share: Option<&str>, message: String) {
        self.add(check, share, Status::Ok, message, "");
    }

    fn warn(
        &mut self,
        check: &'static str,
        share: Option<&str>,
        message: String,
        fix: impl AsRef<str>,
    ) {
        self.add(check, share, Status::Warn, message, fix.as_ref());
    }

    fn fail(
        &mut self,
        check: &'static str,
        share: Option<&str>,
        message: String,
        fix: impl AsRef<str>,
    ) {
        self.add(check, share, Status::Fail, message, fix.as_ref());
    }
}

pub fn run(cli: &Cli, args: &Args, registry: &rvss_core::backend::Registry) -> Outcome {
    let conf = cli.samba_conf()?;
    let mut c = Checks::default();
    samba::check_samba_and_module(&mut c);
    fsrvp::check_registry(&mut c, &conf, &cli.config);
    fsrvp::check_workers(&mut c, &conf);
    fsrvp::check_clustering(&mut c, &conf);
    fsrvp::check_fsrvp(&mut c, &cli.config, args.auth_file.as_deref());
    shares::check_shares(&mut c, &conf, registry);

    let ok = !c.0.iter().any(|k| k.status == Status::Fail);
    if args.json {
        let report = Report { ok, checks: &c.0 };
        crate::print_json(&report, "{}");
    } else {
        print_text(&c.0, ok);
    }
    Ok(if ok { EXIT_OK } else { EXIT_NEGATIVE })
}

fn print_text(checks: &[Check], ok: bool) {
    for k in checks {
        let status = match k.status {
            Status::Ok => "ok",
            Status::Warn => "warn",
            Status::Fail => "FAIL",
        };
        let what = match &k.share {
            Some(s) => format!("{} [{s}]", k.check),
            None => k.check.to_string(),
        };
        println!("{status:<5} {what:<24} {}", k.message);
        if let Some(fix) = &k.fix {
            println!("{:<5} {:<24} fix: {fix}", "", "");
        }
    }
    let failed = checks.iter().filter(|k| k.status == Status::Fail).count();
    if ok {
        println!("rvss doctor: no problems found");
    } else {
        println!("rvss doctor: {failed} problem(s) found");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_makes_the_report_negative() {
        let mut c = Checks::default();
        c.ok("samba", None, "fine".into());
        c.warn("smbd", None, "not running".into(), "start it");
        assert!(!c.0.iter().any(|k| k.status == Status::Fail));
        c.fail("registry", None, "off".into(), "turn it on");
        assert_eq!(c.0[2].fix.as_deref(), Some("turn it on"));
        let v = serde_json::to_value(&c.0[2]).unwrap();
        assert_eq!(v["status"], "fail");
        assert!(v.get("share").is_none());
    }
}
