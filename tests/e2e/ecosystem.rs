//! rvss at home in Samba's ecosystem, end to end: its lines in Samba's logs
//! (and nowhere else), the version lock, and `rvss doctor`.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

fn world_with_subvolume(name: &str, module: Option<&Path>) -> (World, PathBuf) {
    let mut w = match module {
        Some(m) => World::new_with_module(name, m),
        None => World::new(name),
    };
    let fs1 = w.add_btrfs("fs1", 300);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create '{}' >/dev/null && echo original > '{}/disk.vhdx'",
        vol.display(),
        vol.display()
    ));
    (w, vol)
}

fn add_tmpfs_share(w: &mut World, name: &str) {
    let tmp = w.dir.join(format!("tmpfs-{name}"));
    std::fs::create_dir_all(&tmp).unwrap();
    w.must(&format!("mount -t tmpfs none '{}'", tmp.display()));
    w.add_share(name, &tmp, &["vfs objects = rvss"]);
}

/// The file rpcd_fsrvp (where the hooks run) logs to; it differs by Samba
/// version. Samba 4.17 names it log.rpcd_fsrvp whatever `log file` says.
/// In 4.22 and 4.23 the RPC workers honour `log file`, and the worlds'
/// `log.%m` expands there with an empty machine name: `log.`. From 4.24 on
/// (Samba commit 31759ee78b6, "s3/rpc_server: fix \"log file = %m\"") `%m`
/// is the worker's name there: log.rpcd_fsrvp again (measured on 4.25.1).
fn fsrvp_log_name() -> &'static str {
    let running = rvss::admin::samba::installed_version().expect("smbd -V");
    let series = rvss::samba::release_series(&running);
    let minor: u32 = series
        .strip_prefix("4.")
        .and_then(|m| m.parse().ok())
        .unwrap_or_else(|| panic!("unexpected Samba version {running}"));
    if (22..24).contains(&minor) {
        "log."
    } else {
        "log.rpcd_fsrvp"
    }
}

fn fsrvp_log(w: &World) -> String {
    log_file(w, fsrvp_log_name())
}

fn log_file(w: &World, name: &str) -> String {
    std::fs::read_to_string(w.dir.join("samba/var/log/samba").join(name)).unwrap_or_default()
}

/// Lines rvss wrote (its messages start with "rvss: ").
fn rvss_lines(log: &str) -> Vec<String> {
    log.lines()
        .filter(|l| l.trim_start().starts_with("rvss: "))
        .map(|l| l.trim().to_string())
        .collect()
}

/// Every Samba log of the world, whole.
fn all_logs(w: &World) -> String {
    let mut s = String::new();
    for e in std::fs::read_dir(w.dir.join("samba/var/log/samba")).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_file() {
            s.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
        }
    }
    s
}

fn smbd_out(w: &World) -> String {
    std::fs::read_to_string(w.dir.join("smbd.out")).unwrap()
}

/// Samba's RPC workers point stderr at their log file: a line rvss wrote to
/// stderr would appear there unindented ("rvss: ..."), as would a Rust panic
/// message. rvss's own lines are indented messages below Samba's headers.
fn assert_nothing_written_to_stderr(w: &World) {
    for l in all_logs(w).lines() {
        assert!(
            !l.starts_with("rvss") && !l.contains("panicked at"),
            "a line that did not go through Samba's debug system: {l:?}"
        );
    }
}

fn round_trip(w: &World, share: &str) {
    let out = w.rpc_ok(&format!("fss_create_expose backup ro {share}"));
    let sc = parse_expose(&out).pop().expect(&out);
    assert_eq!(w.smb_cat(&sc.unc_share(), "disk.vhdx"), "original\n");
    w.rpc_ok(&format!("fss_delete {share} {} {}", sc.set, sc.copy));
}

/// What the man page tells admins: rpcd_fsrvp runs every class at the
/// rpc_srv level, so `rpc_srv:5` shows rvss's info (3) and debug (5) lines.
#[test]
fn rvss_lines_reach_log_rpcd_fsrvp_at_the_rpc_srv_level() {
    let (mut w, vol) = world_with_subvolume("log-rpcsrv", None);
    w.add_share("vm", &vol, &["vfs objects = rvss"]);
    w.global_options
        .push("log level = 1 rpc_srv:5 rvss:5".into());
    w.start_samba();
    round_trip(&w, "vm");

    let log = fsrvp_log(&w);
    let lines = rvss_lines(&log);
    for op in ["snap_check_path", "snap_create", "snap_delete"] {
        assert!(
            lines
                .iter()
                .any(|l| l.starts_with(&format!("rvss: vm: {op}: "))),
            "no info line for {op} with the share's name in {}:\n{}",
            fsrvp_log_name(),
            lines.join("\n")
        );
    }
    // Debug lines (level 5) carry the hooks' arguments.
    assert!(
        lines.iter().any(
            |l| l.starts_with("rvss: vm: snap_create: base volume ") && l.contains("read-only")
        ),
        "no debug line for snap_create:\n{}",
        lines.join("\n")
    );
    // Samba's header says which level and where.
    assert!(
        log.contains(",  5] samba-module/vfs_rvss.c")
            && log.contains(",  3] samba-module/vfs_rvss.c"),
        "no level-3 and level-5 headers from the shim in log.rpcd_fsrvp"
    );
    assert_eq!(smbd_out(&w), "", "something wrote to smbd's stdout/stderr");
    assert_nothing_written_to_stderr(&w);
}

/// The measured subtlety: samba-dcerpcd starts rpcd_fsrvp with
/// `--debuglevel=<rpc_srv level>`, which replaces smb.conf's per-class levels
/// there. `log level = 1 rvss:5` alone shows rvss's refusals and failures
/// (levels 0 and 1) but not its info lines; `smbcontrol PID debug` raises a
/// running rpcd_fsrvp, as the man page says.
#[test]
fn per_class_level_alone_shows_refusals_and_smbcontrol_raises_it() {
    let (mut w, vol) = world_with_subvolume("log-class", None);
    w.add_share("vm", &vol, &["vfs objects = rvss"]);
    add_tmpfs_share(&mut w, "scratch");
    w.global_options.push("log level = 1 rvss:5".into());
    w.start_samba();

    // A refusal (level 1) names the share, the operation and the reason.
    let o = w.rpc("fss_is_path_sup scratch");
    assert!(
        !text(&o).contains("supports shadow copy requests"),
        "{}",
        text(&o)
    );
    round_trip(&w, "vm");
    let pid = w.pid_of("rpcd_fsrvp").expect("rpcd_fsrvp runs");
    let cmdline = std::fs::read_to_string(format!("/proc/{pid}/cmdline")).unwrap();
    assert!(
        cmdline.split('\0').any(|a| a == "--debuglevel=1"),
        "rpcd_fsrvp was not started with --debuglevel=1: {cmdline:?}"
    );
    let lines = rvss_lines(&fsrvp_log(&w));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("rvss: scratch: snap_check_path: ")
                && l.contains("is not on btrfs")),
        "the refusal is missing from {}:\n{}",
        fsrvp_log_name(),
        lines.join("\n")
    );
    assert!(
        !lines.iter().any(|l| l.contains("snap_create:")),
        "rpcd_fsrvp logged rvss's info lines at --debuglevel=1; Samba changed, update LOGGING in vfs_rvss(8):\n{}",
        lines.join("\n")
    );

    // At run time, smbcontrol raises the rvss class of that rpcd_fsrvp.
    w.must(&format!("smbcontrol {pid} debug '1 rvss:5'"));
    round_trip(&w, "vm");
    assert_eq!(
        w.pid_of("rpcd_fsrvp"),
        Some(pid),
        "another rpcd_fsrvp served the second round trip"
    );
    let lines = rvss_lines(&fsrvp_log(&w));
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("rvss: vm: snap_create: ")),
        "no info line after smbcontrol debug:\n{}",
        lines.join("\n")
    );
    assert_eq!(smbd_out(&w), "", "something wrote to smbd's stdout/stderr");
    assert_nothing_written_to_stderr(&w);
}

/// A module that believes it was built for Samba `version`: taken from
/// `$RVSS_FAKE_MODULES/<version>/librvss.so` where the matrix prebuilt it (its
/// package roots have no compiler), else built in target/fake-samba (one
/// target directory for every version, so only rvss itself recompiles) and
/// copied to target/fake-samba/<version>/librvss.so.
fn module_claiming(version: &str) -> PathBuf {
    if let Some(dir) = std::env::var_os("RVSS_FAKE_MODULES") {
        let module = PathBuf::from(dir).join(version).join("librvss.so");
        check_claims(&module, version);
        return module;
    }
    // Tests run in parallel threads; builds into the shared directory must not.
    static BUILD: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _one_at_a_time = BUILD.lock().unwrap_or_else(|e| e.into_inner());
    let target = manifest_dir().join("target/fake-samba");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["build", "--release", "--lib", "--target-dir"])
        .arg(&target)
        .env("RVSS_FAKE_SAMBA_VERSION", version)
        .current_dir(manifest_dir())
        .output()
        .expect("run cargo");
    assert!(
        out.status.success(),
        "building a module claiming Samba {version} failed:\n{}",
        text(&out)
    );
    let module = target.join(version).join("librvss.so");
    std::fs::create_dir_all(module.parent().unwrap()).unwrap();
    std::fs::copy(target.join("release/librvss.so"), &module).unwrap();
    check_claims(&module, version);
    module
}

fn check_claims(module: &Path, version: &str) {
    let bytes = std::fs::read(module).unwrap_or_else(|e| panic!("{}: {e}", module.display()));
    let built = rvss::samba::built_for(&bytes).expect("marker");
    assert_eq!(built.version, version, "{}", module.display());
}

/// A release series Samba never had, for a module that must be refused.
const OTHER_SERIES: &str = "4.16.0";

/// Another patch release of the series rvss is built for (as after a
/// security update of Samba).
fn other_patch_release() -> String {
    format!(
        "{}.999",
        rvss::samba::release_series(rvss::samba::SAMBA_VERSION)
    )
}

#[test]
fn module_built_for_another_samba_is_refused_with_one_line() {
    let module = module_claiming(OTHER_SERIES);
    let (mut w, vol) = world_with_subvolume("mismatch", Some(&module));
    w.add_share("vm", &vol, &["vfs objects = rvss"]);
    let plain = w.dir.join("plain");
    std::fs::create_dir_all(&plain).unwrap();
    std::fs::write(plain.join("hello.txt"), "hello\n").unwrap();
    w.add_share("plain", &plain, &[]);
    w.start_samba();
    let running = rvss::admin::samba::installed_version().expect("smbd -V");

    // FSRVP cannot use the share...
    let o = w.rpc("fss_is_path_sup vm");
    assert!(
        !o.status.success() || !text(&o).contains("supports shadow copy requests"),
        "a mismatched module answered IsPathSupported: {}",
        text(&o)
    );
    // ...and neither can SMB clients, while smbd serves the other shares.
    let o = w.smb("vm", "ls");
    assert!(
        !o.status.success() && text(&o).contains("NT_STATUS_BAD_NETWORK_NAME"),
        "{}",
        text(&o)
    );
    assert_eq!(w.smb_cat("plain", "hello.txt"), "hello\n");
    assert!(w.pid_of("smbd").is_some(), "smbd died");

    // One line per load, from samba_init_module, and nothing else from rvss.
    let expected = format!(
        "rvss: refusing to register: rvss was built for Samba 4.16.0 but this is Samba {running} \
         (a module loads only in the release series it was built for, 4.16.x"
    );
    let fsrvp = rvss_lines(&fsrvp_log(&w));
    assert_eq!(
        fsrvp.len(),
        1,
        "{}:\n{}",
        fsrvp_log_name(),
        fsrvp.join("\n")
    );
    assert!(fsrvp[0].starts_with(&expected), "{}", fsrvp[0]);
    let all = rvss_lines(&all_logs(&w));
    assert!(
        !all.is_empty() && all.iter().all(|l| l.starts_with(&expected)),
        "rvss lines other than the refusal:\n{}",
        all.join("\n")
    );
    assert_eq!(smbd_out(&w), "");

    // rvss doctor says why.
    let o = w.cli("doctor --json");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let check = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "samba-version")
        .unwrap_or_else(|| panic!("no samba-version check: {report}"));
    assert_eq!(check["status"], "fail", "{check}");
    let msg = check["message"].as_str().unwrap();
    assert!(
        msg.contains("built for Samba 4.16.0") && msg.contains(&running),
        "{msg}"
    );
    assert!(
        check["fix"].as_str().unwrap().contains("rebuild"),
        "{check}"
    );
}

/// A Samba security update moves smbd to another patch release of the same
/// series: the module keeps serving FSRVP, and rvss doctor is content.
#[test]
fn module_built_for_another_patch_release_of_the_series_serves_fsrvp() {
    let claimed = other_patch_release();
    let module = module_claiming(&claimed);
    let (mut w, vol) = world_with_subvolume("patchrelease", Some(&module));
    w.add_share("vm", &vol, &["vfs objects = rvss"]);
    w.start_samba();
    let running = rvss::admin::samba::installed_version().expect("smbd -V");
    assert_eq!(
        rvss::samba::compat(&running, &claimed),
        rvss::samba::Compat::PatchRelease,
        "Samba {running} vs {claimed}"
    );

    let out = w.rpc_ok("fss_create_expose backup ro vm");
    let sc = parse_expose(&out).pop().expect(&out);
    w.must(&format!("echo changed > '{}/disk.vhdx'", vol.display()));
    assert_eq!(w.smb_cat(&sc.unc_share(), "disk.vhdx"), "original\n");
    w.rpc_ok(&format!("fss_delete vm {} {}", sc.set, sc.copy));
    assert!(w.snapshots(vol.parent().unwrap()).is_empty());

    // The load says which Samba it was built for, once per process, at the
    // info level.
    let lines = rvss_lines(&fsrvp_log(&w));
    assert!(
        !lines.iter().any(|l| l.contains("refusing")),
        "{}",
        lines.join("\n")
    );

    let o = w.cli("doctor --json");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let check = find(&checks(&report), "samba-version", None).clone();
    assert_eq!(check["status"], "ok", "{check}");
    let msg = check["message"].as_str().unwrap();
    assert!(
        msg.contains(&format!("built for Samba {claimed}")) && msg.contains("patch release"),
        "{msg}"
    );
}

fn checks(report: &serde_json::Value) -> Vec<serde_json::Value> {
    report["checks"].as_array().cloned().unwrap_or_default()
}

fn find<'a>(
    checks: &'a [serde_json::Value],
    check: &str,
    share: Option<&str>,
) -> &'a serde_json::Value {
    checks
        .iter()
        .find(|c| c["check"] == check && share.is_none_or(|s| c["share"] == s))
        .unwrap_or_else(|| {
            panic!(
                "no {check} check{}: {}",
                share.map(|s| format!(" for {s}")).unwrap_or_default(),
                serde_json::to_string_pretty(checks).unwrap()
            )
        })
}

#[test]
fn doctor_is_happy_with_a_working_setup() {
    let (mut w, vol) = world_with_subvolume("doctor-ok", None);
    w.add_share("vm", &vol, &["vfs objects = rvss"]);
    w.start_samba();
    round_trip(&w, "vm");
    let auth = w.dir.join("auth");
    std::fs::write(&auth, format!("username = root\npassword = {PASSWORD}\n")).unwrap();

    let o = w.cli(&format!("doctor --json --auth-file '{}'", auth.display()));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("doctor --json printed no JSON ({e}):\n{}", text(&o)));
    assert_eq!(o.status.code(), Some(0), "{report:#}");
    assert_eq!(report["ok"], true);
    let c = checks(&report);
    for name in [
        "samba",
        "module",
        "samba-version",
        "registry",
        "fsrvp-workers",
        "fsrvp",
        "smbd",
        "share",
        "snapshot-dir",
        "catalog",
    ] {
        let k = find(&c, name, None);
        assert_eq!(k["status"], "ok", "{k}");
    }
    assert!(
        c.iter().any(|k| k["check"] == "fsrvp"
            && k["message"]
                .as_str()
                .unwrap()
                .contains("fss_get_sup_version")),
        "the FSRVP probe did not run: {report:#}"
    );
    assert!(find(&c, "snapshot-dir", Some("vm"))["message"]
        .as_str()
        .unwrap()
        .contains("(root, 0711)"));

    let o = w.cli("doctor");
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    assert!(
        text(&o).contains("rvss doctor: no problems found"),
        "{}",
        text(&o)
    );
}

#[test]
fn doctor_says_what_to_fix() {
    let (mut w, vol) = world_with_subvolume("doctor-bad", None);
    let fs1 = w.filesystems[0].mount.clone();
    w.must(&format!(
        "btrfs subvolume create '{}/vol2' >/dev/null && mkdir -m 0777 '{}/loose'",
        fs1.display(),
        fs1.display()
    ));
    // The later `registry shares` line in [global] wins.
    w.global_options.push("registry shares = no".into());
    // Samba's default rpcd_fsrvp workers (tests/e2e/concurrency.rs shows what that
    // costs concurrent clients).
    w.samba_default_workers = true;
    add_tmpfs_share(&mut w, "scratch");
    w.add_share(
        "custom",
        &vol,
        &[
            "vfs objects = rvss",
            &format!("rvss:snapshot dir = {}/missing", fs1.display()),
        ],
    );
    w.add_share(
        "loose",
        &fs1.join("vol2"),
        &[
            "vfs objects = rvss",
            &format!("rvss:snapshot dir = {}/loose", fs1.display()),
        ],
    );
    w.add_share(
        "badopt",
        &vol,
        &["vfs objects = rvss", "rvss:snapshot dir = relative/dir"],
    );
    w.write_conf();

    let o = w.cli("doctor --json");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("doctor --json printed no JSON ({e}):\n{}", text(&o)));
    assert_eq!(o.status.code(), Some(1), "{report:#}");
    assert_eq!(report["ok"], false);
    let c = checks(&report);
    let expect = |check: &str, share: Option<&str>, status: &str, words: &str| {
        let k = find(&c, check, share);
        assert_eq!(k["status"], status, "{k}");
        assert!(k["message"].as_str().unwrap().contains(words), "{k}");
        if status != "ok" {
            assert!(k["fix"].is_string(), "no fix for {k}");
        }
    };
    expect("registry", None, "fail", "registry shares = yes");
    expect(
        "fsrvp-workers",
        None,
        "fail",
        "rpcd_fsrvp:num_workers is not set",
    );
    assert!(find(&c, "fsrvp-workers", None)["fix"]
        .as_str()
        .unwrap()
        .contains("add `rpcd_fsrvp:num_workers = 1` to [global]"));
    expect("smbd", None, "warn", "not running");
    expect("share", Some("scratch"), "fail", "is not on btrfs");
    expect(
        "share",
        Some("custom"),
        "fail",
        "(rvss:snapshot dir) does not exist",
    );
    assert!(find(&c, "share", Some("custom"))["fix"]
        .as_str()
        .unwrap()
        .contains("install -d -m 0711"));
    expect("snapshot-dir", Some("loose"), "fail", "mode 0777");
    expect("share", Some("badopt"), "fail", "not an absolute path");
    assert!(find(&c, "snapshot-dir", Some("loose"))["fix"]
        .as_str()
        .unwrap()
        .contains("chmod 0711"));

    let o = w.cli("doctor");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("FAIL  registry")
            && out.contains("fix: add `registry shares = yes`")
            && out.contains("FAIL  fsrvp-workers")
            && out.contains("fix: add `rpcd_fsrvp:num_workers = 1`"),
        "{out}"
    );

    // An unreadable configuration is an error, not a diagnosis.
    let o = w.cli("doctor -s /nonexistent/smb.conf");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).starts_with("rvss: "),
        "{}",
        text(&o)
    );
}
