//! `rvss doctor`: what FSRVP needs from Samba: registry shares, one
//! rpcd_fsrvp worker, the FSRVP server, a running smbd.

use super::Checks;
use rvss_core::admin::{
    process, samba,
    smbconf::{self, SambaConf},
};
use std::path::Path;

/// FSRVP exposes each shadow copy as a registry share.
pub(super) fn check_registry(c: &mut Checks, conf: &SambaConf, config_file: &Path) {
    let mut problems = vec![];
    if !conf.registry_shares() {
        problems.push("`registry shares = yes` is not set in [global]");
    }
    // testparm may not echo the include itself: look at the file too.
    let raw = std::fs::read_to_string(config_file)
        .map(|t| SambaConf::from_sections(smbconf::parse(&t)))
        .unwrap_or_default();
    if !conf.includes_registry() && !raw.includes_registry() {
        problems.push("`include = registry` is not set in [global]");
    }
    if problems.is_empty() {
        c.ok(
            "registry",
            None,
            "registry shares = yes and include = registry: FSRVP can expose shadow copies".into(),
        );
    } else {
        c.fail(
            "registry",
            None,
            format!(
                "{}: FSRVP cannot expose shadow copies as shares",
                problems.join("; ")
            ),
            "add `registry shares = yes` and `include = registry` to [global] and reload Samba",
        );
    }
}

/// One rpcd_fsrvp worker (`rpcd_fsrvp:num_workers = 1`): samba-dcerpcd
/// otherwise runs up to 5, each with its own copy of the FSRVP sets, and a
/// concurrent client's delete that reaches another worker fails
/// (vfs_rvss(8), CONCURRENT CLIENTS).
pub(super) fn check_workers(c: &mut Checks, conf: &SambaConf) {
    let option = smbconf::FSRVP_WORKERS_OPTION;
    let fix = format!(
        "add `{option} = 1` to [global] and restart Samba (samba-dcerpcd reads it when it \
         starts); FSRVP clients then get FSRVP_E_SHADOW_COPY_SET_IN_PROGRESS while another \
         set is in progress, and retry"
    );
    let lost = "each worker keeps its own copy of the FSRVP shadow copy sets, so with \
                concurrent clients a DeleteShareMapping that reaches another worker fails \
                (FSRVP_E_OBJECT_NOT_FOUND) and leaves the snapshot and its exposed share behind";
    let problem = match conf.fsrvp_workers() {
        Some(Ok(1)) => {
            c.ok(
                "fsrvp-workers",
                None,
                format!(
                    "{option} = 1: one rpcd_fsrvp worker holds every shadow copy set, so \
                     concurrent FSRVP clients find their sets"
                ),
            );
            return;
        }
        None => format!(
            "{option} is not set in [global]: samba-dcerpcd runs up to 5 rpcd_fsrvp workers \
             (Samba's default); {lost}"
        ),
        Some(Ok(n)) if n < 1 => format!(
            "{option} = {n}: samba-dcerpcd would start no rpcd_fsrvp worker, so FSRVP clients \
             get no answer"
        ),
        Some(Ok(n)) => format!("{option} = {n}: up to {n} rpcd_fsrvp workers; {lost}"),
        Some(Err(v)) => format!(
            "{option} = {v} is not a number (Samba reads it as 0: no rpcd_fsrvp worker would \
             start)"
        ),
    };
    c.fail("fsrvp-workers", None, problem, fix);
}

/// With `clustering = yes`: the configuration vfs_rvss(8) ships (CEPHFS
/// AND CTDB CLUSTERS). Samba keeps FSRVP sets in each worker's memory and
/// rewrites `srv_fss.tdb` from it, which clustering puts into one CTDB
/// database for all nodes: a set stored by one node is wiped by the next
/// store of another. `ctdb:srv_fss.tdb = no` keeps it per node;
/// `rpcd_fsrvp:num_workers = 1` makes every request of a node reach the
/// worker that knows its sets.
pub(super) fn check_clustering(c: &mut Checks, conf: &SambaConf) {
    let on = |k: &str| conf.global_param(k).and_then(rvss_core::config::samba_bool);
    if on("clustering") != Some(true) {
        return;
    }
    let mut problems = vec![];
    if on("ctdb:srv_fss.tdb") != Some(false) {
        problems.push(
            "srv_fss.tdb is a CTDB database shared by all nodes, which each node's FSRVP \
             server rewrites from its own memory (sets of the other nodes are wiped)",
        );
    }
    if conf.fsrvp_workers() != Some(Ok(1)) {
        problems.push(
            "more than one rpcd_fsrvp worker per node: a delete can reach a worker that \
             never saw the set",
        );
    }
    if problems.is_empty() {
        c.ok(
            "clustering",
            None,
            "clustering = yes with FSRVP state per node (ctdb:srv_fss.tdb = no) and one \
             rpcd_fsrvp worker"
                .into(),
        );
    } else {
        c.warn(
            "clustering",
            None,
            problems.join("; "),
            "add `ctdb:srv_fss.tdb = no` and `rpcd_fsrvp:num_workers = 1` to [global] on \
             every node, and point each backup client at one node (vfs_rvss(8))",
        );
    }
}

pub(super) fn check_fsrvp(c: &mut Checks, config_file: &Path, auth_file: Option<&Path>) {
    match samba::fsrvp_server() {
        Some(p) => {
            use std::os::unix::fs::PermissionsExt;
            let exec = std::fs::metadata(&p).is_ok_and(|m| m.permissions().mode() & 0o111 != 0);
            if exec {
                c.ok(
                    "fsrvp",
                    None,
                    format!("Samba's FSRVP server {} is installed", p.display()),
                );
            } else {
                c.fail(
                    "fsrvp",
                    None,
                    format!("{} is not executable", p.display()),
                    "reinstall the samba package",
                );
            }
        }
        None => c.fail(
            "fsrvp",
            None,
            "Samba's FSRVP server (rpcd_fsrvp) is not installed".into(),
            "install the samba package (Debian's samba ships rpcd_fsrvp)",
        ),
    }
    let running = process::succeeds(
        "smbcontrol",
        &[
            "-s".as_ref(),
            config_file.as_os_str(),
            "smbd".as_ref(),
            "ping".as_ref(),
        ],
    );
    if running {
        c.ok("smbd", None, "smbd is running".into());
    } else {
        c.warn(
            "smbd",
            None,
            "smbd is not running (smbcontrol smbd ping got no answer)".into(),
            "start Samba (systemctl start smbd)",
        );
    }
    let Some(auth) = auth_file else { return };
    let out = process::run(
        "rpcclient",
        &[
            "-s".as_ref(),
            config_file.as_os_str(),
            "-A".as_ref(),
            auth.as_os_str(),
            "ncacn_np:127.0.0.1".as_ref(),
            "-c".as_ref(),
            "fss_get_sup_version".as_ref(),
        ],
    );
    match out {
        Ok(o) if o.status.success() => c.ok(
            "fsrvp",
            None,
            "the running Samba answers FSRVP (rpcclient fss_get_sup_version)".into(),
        ),
        Ok(o) => c.fail(
            "fsrvp",
            None,
            format!(
                "rpcclient fss_get_sup_version failed: {}",
                process::last_line(&o)
            ),
            "check that smbd runs and that the user in the authentication file is root, \
             in BUILTIN\\Administrators or Backup Operators, or holds SeBackupPrivilege",
        ),
        Err(e) => c.fail(
            "fsrvp",
            None,
            format!("cannot run rpcclient: {e}"),
            "install smbclient (apt-get install smbclient)",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::doctor::Status;

    fn workers(global: &str) -> (Status, String, Option<String>) {
        let conf = SambaConf::from_sections(smbconf::parse(&format!("[global]\n{global}\n")));
        let mut c = Checks::default();
        check_workers(&mut c, &conf);
        let k = c.0.pop().expect("one finding");
        assert_eq!(k.check, "fsrvp-workers");
        (k.status, k.message, k.fix)
    }

    #[test]
    fn one_rpcd_fsrvp_worker_is_required() {
        let (status, _, fix) = workers(&smbconf::GLOBAL_LINES.join("\n"));
        assert_eq!(status, Status::Ok);
        assert!(fix.is_none());
        for (global, says) in [
            ("registry shares = yes", "not set"),
            ("rpcd_fsrvp:num_workers = 5", "FSRVP_E_OBJECT_NOT_FOUND"),
            ("rpcd_fsrvp:num_workers = 0", "no rpcd_fsrvp worker"),
            ("rpcd_fsrvp:num_workers = many", "not a number"),
        ] {
            let (status, message, fix) = workers(global);
            assert_eq!(status, Status::Fail, "{global}");
            assert!(message.contains(says), "{global}: {message}");
            assert!(
                fix.is_some_and(|f| f.contains("rpcd_fsrvp:num_workers = 1")),
                "{global}"
            );
        }
    }
}
