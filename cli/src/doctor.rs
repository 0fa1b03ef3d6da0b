//! `rvss doctor`: checks an installation the way Samba will use it and says
//! what to fix. Exit 0 when nothing needs fixing (warnings allowed), 1 when
//! a check failed, 2 when the checks themselves could not run (e.g. an
//! unreadable smb.conf).

use super::{Cli, Outcome, EXIT_NEGATIVE, EXIT_OK};
use rvss_core::catalog;
use rvss_core::inventory::{self, Status as SnapState};
use rvss_core::layout::{self, DirProblem, Layout};
use rvss_core::mounts::{self, Mount};
use rvss_core::samba;
use rvss_core::smbconf::{is_true, SambaConf, Section};
use serde::Serialize;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::Command;

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
    /// What was checked: samba, module, samba-version, registry, fsrvp,
    /// smbd, shares, share, snapshot-dir, catalog.
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
    fn add(&mut self, check: &'static str, share: Option<&str>, status: Status, message: String) {
        self.0.push(Check {
            check,
            share: share.map(str::to_string),
            status,
            message,
            fix: None,
        });
    }

    fn ok(&mut self, check: &'static str, share: Option<&str>, message: String) {
        self.add(check, share, Status::Ok, message);
    }

    fn warn(
        &mut self,
        check: &'static str,
        share: Option<&str>,
        message: String,
        fix: impl AsRef<str>,
    ) {
        self.add(check, share, Status::Warn, message);
        self.fix(fix);
    }

    fn fail(
        &mut self,
        check: &'static str,
        share: Option<&str>,
        message: String,
        fix: impl AsRef<str>,
    ) {
        self.add(check, share, Status::Fail, message);
        self.fix(fix);
    }

    fn fix(&mut self, fix: impl AsRef<str>) {
        let fix = fix.as_ref();
        if let Some(last) = self.0.last_mut() {
            last.fix = (!fix.is_empty()).then(|| fix.to_string());
        }
    }
}

pub fn run(cli: &Cli, args: &Args) -> Outcome {
    let conf = cli.samba_conf()?;
    let mut c = Checks::default();
    check_samba_and_module(&mut c);
    check_registry(&mut c, &conf, &cli.config);
    check_fsrvp(&mut c, &cli.config, args.auth_file.as_deref());
    check_shares(&mut c, &conf);

    let ok = !c.0.iter().any(|k| k.status == Status::Fail);
    if args.json {
        let report = Report { ok, checks: &c.0 };
        println!(
            "{}",
            serde_json::to_string_pretty(&report).unwrap_or_else(|_| "{}".into())
        );
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

/// Samba installed, rvss.so installed where Samba loads it, and built for
/// this Samba.
fn check_samba_and_module(c: &mut Checks) {
    let running = samba::installed_version();
    let package = samba::installed_package_version();
    match &running {
        Some(v) => c.ok(
            "samba",
            None,
            match &package {
                Some(p) => format!("Samba {v} (Debian package samba {p})"),
                None => format!("Samba {v}"),
            },
        ),
        None => c.fail(
            "samba",
            None,
            "smbd is not installed (smbd -V failed)".into(),
            "install Samba (apt-get install samba)",
        ),
    }
    let Some(modules_dir) = samba::build_path("MODULESDIR") else {
        if running.is_some() {
            c.fail(
                "module",
                None,
                "smbd -b does not name its MODULESDIR".into(),
                "",
            );
        }
        return;
    };
    let module = samba::module_path(&modules_dir);
    let bytes = match std::fs::read(&module) {
        Ok(b) => b,
        Err(e) => {
            c.fail(
                "module",
                None,
                format!("{} cannot be read: {e}", module.display()),
                "install rvss (make install, or dpkg -i rvss_*.deb): Samba loads \
                 `vfs objects = rvss` only from <MODULESDIR>/vfs/rvss.so",
            );
            return;
        }
    };
    let Some(built) = samba::built_for(&bytes) else {
        c.fail(
            "module",
            None,
            format!(
                "{} does not say which Samba it was built for (not an rvss module, or one older than this tool)",
                module.display()
            ),
            "reinstall rvss (make install, or dpkg -i rvss_*.deb)",
        );
        return;
    };
    c.ok(
        "module",
        None,
        format!(
            "{} built for Samba {}{}",
            module.display(),
            built.version,
            if built.package.is_empty() {
                String::new()
            } else {
                format!(" (package {})", built.package)
            }
        ),
    );
    let Some(running) = running else { return };
    let rebuild = "rebuild and reinstall rvss against the installed Samba (make deps build \
                   install, or make deb and apt-get install the new package)";
    match samba::compat(&running, &built.version) {
        samba::Compat::OtherRelease => c.fail(
            "samba-version",
            None,
            format!(
                "rvss.so was built for Samba {} but Samba {running} is installed: a module loads \
                 only in the release series it was built for ({}.x), so Samba refuses to load rvss \
                 (NT_STATUS_REVISION_MISMATCH, logged as \"refusing to register\") and every rvss \
                 share fails",
                built.version,
                samba::release_series(&built.version)
            ),
            rebuild,
        ),
        samba::Compat::PatchRelease => c.ok(
            "samba-version",
            None,
            format!(
                "rvss.so was built for Samba {} and Samba {running} is installed: another patch \
                 release of the same series ({}.x), which loads it; rebuild only when Samba moves \
                 to another minor release",
                built.version,
                samba::release_series(&built.version)
            ),
        ),
        samba::Compat::Same => c.ok(
            "samba-version",
            None,
            format!("rvss.so matches the running Samba {running}"),
        ),
    }
}

/// FSRVP exposes each shadow copy as a registry share.
fn check_registry(c: &mut Checks, conf: &SambaConf, config_file: &Path) {
    let global = |k: &str| {
        conf.global
            .params
            .get(&rvss_core::config::option_key(k))
            .cloned()
    };
    let mut problems = vec![];
    if !global("registry shares").is_some_and(|v| is_true(&v)) {
        problems.push("`registry shares = yes` is not set in [global]");
    }
    // testparm may not echo the include itself: look at the file too.
    let raw = std::fs::read_to_string(config_file)
        .map(|t| SambaConf::from_sections(rvss_core::smbconf::parse(&t)))
        .unwrap_or_default();
    let includes_registry = [&conf.global, &raw.global].iter().any(|g| {
        g.params
            .get("include")
            .is_some_and(|v| v.eq_ignore_ascii_case("registry"))
            || g.params
                .get("config backend")
                .is_some_and(|v| v.eq_ignore_ascii_case("registry"))
    });
    if !includes_registry {
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

/// Where Samba's FSRVP server (rpcd_fsrvp) is installed.
fn rpcd_fsrvp() -> Option<PathBuf> {
    let known = [
        "/usr/libexec/samba/rpcd_fsrvp",
        "/usr/lib/samba/rpcd_fsrvp",
        "/usr/local/samba/libexec/samba/rpcd_fsrvp",
    ];
    if let Some(p) = known.iter().map(PathBuf::from).find(|p| p.exists()) {
        return Some(p);
    }
    let out = Command::new("dpkg-query")
        .args(["-S", "*/rpcd_fsrvp"])
        .output()
        .ok()?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.split_once(": ").map(|(_, p)| PathBuf::from(p.trim())))
        .filter(|p| p.exists())
}

fn check_fsrvp(c: &mut Checks, config_file: &Path, auth_file: Option<&Path>) {
    match rpcd_fsrvp() {
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
    let cfg = config_file.to_string_lossy();
    let running = Command::new("smbcontrol")
        .args(["-s", &cfg, "smbd", "ping"])
        .output()
        .is_ok_and(|o| o.status.success());
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
    let out = Command::new("rpcclient")
        .arg("-s")
        .arg(config_file)
        .arg("-A")
        .arg(auth)
        .args(["ncacn_np:127.0.0.1", "-c", "fss_get_sup_version"])
        .output();
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
                last_line(&o.stdout, &o.stderr)
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

fn last_line(stdout: &[u8], stderr: &[u8]) -> String {
    let all = format!(
        "{}\n{}",
        String::from_utf8_lossy(stdout),
        String::from_utf8_lossy(stderr)
    );
    all.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("no output")
        .trim()
        .to_string()
}

/// Every share that loads rvss: its layout, its snapshot directory, and the
/// catalog there.
fn check_shares(c: &mut Checks, conf: &SambaConf) {
    let shares: Vec<&Section> = conf
        .rvss_shares()
        .filter(|s| !s.name.contains("@{"))
        .collect();
    if shares.is_empty() {
        c.warn(
            "shares",
            None,
            "no share loads rvss".into(),
            "add `vfs objects = rvss` to the shares FSRVP clients back up",
        );
        return;
    }
    let mounts = match mounts::current() {
        Ok(m) => m,
        Err(e) => {
            c.fail(
                "shares",
                None,
                format!("cannot read /proc/self/mountinfo: {e}"),
                "",
            );
            return;
        }
    };
    let all_share_paths: Vec<PathBuf> = conf
        .shares
        .iter()
        .filter(|s| !s.name.contains("@{"))
        .filter_map(|s| conf.param(s, "path"))
        .map(|p| std::fs::canonicalize(&p).unwrap_or_else(|_| PathBuf::from(p)))
        .collect();
    let mut snapshot_dirs: Vec<PathBuf> = vec![];
    for share in shares {
        let name = share.name.as_str();
        let Some(path) = conf.param(share, "path") else {
            c.fail(
                "share",
                Some(name),
                "the share has no path".into(),
                "set `path =` for the share",
            );
            continue;
        };
        let cfg = match conf.rvss_config(share) {
            Ok(cfg) => cfg,
            Err(e) => {
                c.fail(
                    "share",
                    Some(name),
                    format!("invalid rvss option: {e}"),
                    "fix the option (see vfs_rvss(8))",
                );
                continue;
            }
        };
        let layout = match layout::resolve(Path::new(&path), &cfg, &mounts) {
            Ok(l) => l,
            Err(e) => {
                let fix = match &cfg.snapshot_dir {
                    Some(d) if !d.is_dir() => format!(
                        "create the snapshot directory on the share's btrfs filesystem, outside every share: \
                         install -d -m 0711 -o root -g root '{}'",
                        d.display()
                    ),
                    _ => "put the share on btrfs in a supported layout (see SUPPORTED LAYOUTS in vfs_rvss(8))"
                        .to_string(),
                };
                c.fail(
                    "share",
                    Some(name),
                    format!("FSRVP clients get \"not supported\": {e}"),
                    fix,
                );
                continue;
            }
        };
        c.ok(
            "share",
            Some(name),
            format!(
                "{} is on btrfs, in subvolume {}; snapshots go to {}",
                layout.share.display(),
                layout.subvolume.display(),
                layout.snapshots().display()
            ),
        );
        check_snapshot_dir(c, name, &layout, &mounts, &all_share_paths);
        if !snapshot_dirs.contains(&layout.snapshot_dir) {
            snapshot_dirs.push(layout.snapshot_dir.clone());
        }
    }
    for dir in snapshot_dirs {
        check_catalog(c, conf, &dir);
    }
}

fn check_snapshot_dir(
    c: &mut Checks,
    share: &str,
    layout: &Layout,
    mounts: &[Mount],
    share_paths: &[PathBuf],
) {
    let dir = &layout.snapshot_dir;
    // The rules the hooks enforce, from the same function.
    if let Some((problem, why)) = layout::snapshot_dir_problem(layout, mounts) {
        let fix = match problem {
            DirProblem::Unusable => format!(
                "create it on the share's btrfs filesystem, outside every share: \
                 install -d -m 0711 -o root -g root '{}'",
                dir.display()
            ),
            DirProblem::NotDirectory => "point rvss:snapshot dir at a real directory".into(),
            DirProblem::InsideShare => "move rvss:snapshot dir outside every share".into(),
            DirProblem::OtherFilesystem => {
                "set rvss:snapshot dir to a directory of the share's btrfs filesystem".into()
            }
            DirProblem::CatalogNotAFile => format!(
                "remove what is not a regular file among {}/catalog*; then `rvss repair`",
                dir.display()
            ),
            DirProblem::Unsafe => {
                format!("chown root:root '{0}' && chmod 0711 '{0}'", dir.display())
            }
        };
        c.fail("snapshot-dir", Some(share), why, fix);
        return;
    }
    let md = match std::fs::symlink_metadata(dir) {
        Ok(md) => md,
        Err(_) => {
            c.ok(
                "snapshot-dir",
                Some(share),
                format!(
                    "{} does not exist yet; rvss creates it (root, 0711) with the first shadow copy",
                    dir.display()
                ),
            );
            return;
        }
    };
    if let Some(p) = share_paths.iter().find(|p| dir.starts_with(p)) {
        c.fail(
            "snapshot-dir",
            Some(share),
            format!(
                "snapshot directory {} lies inside the share path {}: that share's clients would see snapshots",
                dir.display(),
                p.display()
            ),
            "move rvss:snapshot dir outside every share",
        );
        return;
    }
    let mode = md.mode() & 0o7777;
    if mode & 0o777 != 0o711 {
        c.warn(
            "snapshot-dir",
            Some(share),
            format!(
                "snapshot directory {} has mode {mode:04o}; rvss uses 0711 (traversable for \
                 exposed shadow copies, not listable)",
                dir.display()
            ),
            format!("chmod 0711 '{}'", dir.display()),
        );
    } else {
        c.ok(
            "snapshot-dir",
            Some(share),
            format!("{} exists (root, 0711)", dir.display()),
        );
    }
}

fn check_catalog(c: &mut Checks, conf: &SambaConf, dir: &Path) {
    let path = dir.join(catalog::FILE_NAME);
    let bytes = match catalog::read_unlocked(dir, catalog::FILE_NAME) {
        Ok(Some(b)) => b,
        Ok(None) => return,
        Err(e) => {
            c.fail(
                "catalog",
                None,
                format!("{} cannot be read: {e}", path.display()),
                "",
            );
            return;
        }
    };
    let entries = match catalog::parse(&bytes) {
        Ok(e) => e,
        Err(why) => {
            c.fail(
                "catalog",
                None,
                format!(
                    "{} is damaged ({why}): rvss refuses to create or delete snapshots there",
                    path.display()
                ),
                "restore the catalog from a backup, or move it aside after checking the snapshots by hand",
            );
            return;
        }
    };
    let shares = inventory::share_paths(conf);
    let orphans = entries
        .iter()
        .filter(|e| inventory::status_of(e, &shares) == SnapState::Orphan)
        .count();
    if orphans > 0 {
        c.warn(
            "catalog",
            None,
            format!(
                "{}: {} snapshot(s), {orphans} of them orphans (no share exposes them and no \
                 retention policy keeps them)",
                path.display(),
                entries.len()
            ),
            "review with `rvss list`, then remove them with `rvss gc`",
        );
    } else {
        c.ok(
            "catalog",
            None,
            format!("{}: {} snapshot(s)", path.display(), entries.len()),
        );
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
