//! The Debian packages, end to end: built by scripts/deb.sh (what `make
//! deb` runs) from the tested module and CLI, inspected with dpkg-deb,
//! unpacked into a throwaway root, and their rvss.so, man pages and CLI
//! used there; rvss-tools alone installed in a clean root without Samba,
//! serving a replication target.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A directory removed when the test ends, also on failure.
struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn run(cmd: &str, args: &[&str]) -> String {
    let o = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(o.status.success(), "{cmd} {args:?} failed:\n{}", text(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The two packages scripts/deb.sh builds.
struct Debs {
    /// rvss: the module.
    module: PathBuf,
    /// rvss-tools: the CLI.
    tools: PathBuf,
}

/// Builds the packages into `dir`; in the matrix's package roots (no build
/// tools), RVSS_DEB names the rvss package built in the build root instead,
/// rvss-tools beside it.
fn build_packages(dir: &Path) -> Debs {
    let version = env!("CARGO_PKG_VERSION");
    let arch = run("dpkg", &["--print-architecture"]).trim().to_string();
    if let Some(deb) = std::env::var_os("RVSS_DEB") {
        let module = PathBuf::from(deb);
        let tools = module.with_file_name(format!("rvss-tools_{version}_{arch}.deb"));
        return Debs { module, tools };
    }
    let o = Command::new("bash")
        .arg(manifest_dir().join("scripts/deb.sh"))
        .arg("--module")
        .arg(module_path())
        .arg("--cli")
        .arg(cli_path())
        .arg("--out")
        .arg(dir)
        .output()
        .expect("bash");
    assert!(o.status.success(), "scripts/deb.sh failed:\n{}", text(&o));
    let stdout = String::from_utf8_lossy(&o.stdout);
    let built: Vec<&str> = stdout.lines().collect();
    let debs = Debs {
        module: dir.join(format!("rvss_{version}_{arch}.deb")),
        tools: dir.join(format!("rvss-tools_{version}_{arch}.deb")),
    };
    assert_eq!(
        built,
        [debs.tools.to_str().unwrap(), debs.module.to_str().unwrap()],
        "scripts/deb.sh printed other packages"
    );
    debs
}

#[test]
fn package_depends_on_the_samba_series_and_its_module_serves_fsrvp() {
    let tmp = TempDir(PathBuf::from(format!(
        "/tmp/rvss-deb-e2e-{}",
        std::process::id()
    )));
    std::fs::create_dir_all(&tmp.0).unwrap();
    let debs = build_packages(&tmp.0);
    let deb = &debs.module;
    let version = env!("CARGO_PKG_VERSION");
    let arch = run("dpkg", &["--print-architecture"]).trim().to_string();
    assert_eq!(
        deb.file_name().unwrap().to_string_lossy(),
        format!("rvss_{version}_{arch}.deb")
    );
    let deb_s = deb.to_str().unwrap();
    let tools_s = debs.tools.to_str().unwrap();

    // Control fields: the samba release series it was built for, as a
    // range that every patch release (security update) satisfies.
    let samba = run("dpkg-query", &["-W", "-f=${Version}", "samba"]);
    let samba = samba.trim();
    let field = |f: &str| run("dpkg-deb", &["-f", deb_s, f]).trim().to_string();
    assert_eq!(field("Package"), "rvss");
    assert_eq!(field("Version"), version);
    assert_eq!(field("Architecture"), arch);
    let depends = field("Depends");
    let series =
        rvss::samba::release_series(&rvss::admin::samba::installed_version().expect("smbd -V"));
    let (major, minor) = series.split_once('.').expect("major.minor");
    let next = format!("{major}.{}", minor.parse::<u32>().unwrap() + 1);
    let epoch = samba
        .split_once(':')
        .map(|(e, _)| format!("{e}:"))
        .unwrap_or_default();
    let range = format!("samba (>= {epoch}{series}~), samba (<< {epoch}{next}~)");
    assert!(
        depends.starts_with(&range),
        "Depends does not name the samba {series} series as {range}: {depends}"
    );
    assert!(depends.contains("libc6 (>= "), "{depends}");
    // The CLI, in rvss-tools, of exactly this version.
    assert!(
        depends.contains(&format!("rvss-tools (= {version})")),
        "{depends}"
    );
    assert_eq!(field("Recommends"), "samba-vfs-modules");
    // The installed samba and its next patch release satisfy the range; the
    // next minor release does not.
    let satisfies = |v: &str| {
        let within = |op: &str, bound: &str| {
            Command::new("dpkg")
                .args(["--compare-versions", v, op, bound])
                .status()
                .unwrap()
                .success()
        };
        within("ge", &format!("{epoch}{series}~")) && within("lt", &format!("{epoch}{next}~"))
    };
    assert!(satisfies(samba), "{samba} outside {range}");
    assert!(satisfies(&format!("{epoch}{series}.999+dfsg-0+deb99u9")));
    assert!(!satisfies(&format!("{epoch}{next}.0+dfsg-1")));

    // Contents, owned by root: the module's package, then the CLI's.
    let modules_dir = modules_dir();
    let module_in_pkg = format!("{}/vfs/rvss.so", modules_dir.display());
    let owned = |deb: &str, files: &[&str]| -> String {
        let listing = run("dpkg-deb", &["-c", deb]);
        for f in files {
            let line = listing
                .lines()
                .find(|l| l.ends_with(&format!(".{f}")))
                .unwrap_or_else(|| panic!("{f} is not in {deb}:\n{listing}"));
            assert!(line.contains("root/root"), "{line}");
        }
        listing
    };
    let listing = owned(
        deb_s,
        &[
            module_in_pkg.as_str(),
            "/usr/share/man/man8/vfs_rvss.8.gz",
            "/usr/share/doc/rvss/copyright",
            "/usr/share/doc/rvss/changelog.gz",
            "/usr/share/doc/rvss/examples/smb.conf",
            "/usr/share/doc/rvss/examples/ctdb/05.rvss-cephfs-evict.script",
            "/usr/lib/systemd/system/rvss-maintenance.service",
            "/usr/lib/systemd/system/rvss-maintenance.timer",
            "/usr/lib/systemd/system/rvss-replicate.service",
            "/usr/lib/systemd/system/rvss-replicate.path",
        ],
    );
    assert!(
        !listing.contains("./usr/sbin/rvss") && !listing.contains("/rvss.8.gz"),
        "the CLI is rvss-tools':\n{listing}"
    );
    let listing = owned(
        tools_s,
        &[
            "/usr/sbin/rvss",
            "/usr/share/man/man8/rvss.8.gz",
            "/usr/share/doc/rvss-tools/copyright",
            "/usr/share/doc/rvss-tools/changelog.gz",
        ],
    );
    assert!(
        listing
            .lines()
            .any(|l| l.starts_with("-rwxr-xr-x") && l.ends_with("./usr/sbin/rvss")),
        "{listing}"
    );

    // Unpacked into a throwaway root.
    let root = tmp.0.join("root");
    run("dpkg", &["-x", deb_s, root.to_str().unwrap()]);
    run("dpkg", &["-x", tools_s, root.to_str().unwrap()]);
    let module = root.join(module_in_pkg.trim_start_matches('/'));
    let built = rvss::samba::built_for(&std::fs::read(&module).unwrap())
        .expect("the packaged module names its Samba");
    if std::env::var_os("RVSS_DEB").is_none() {
        assert_eq!(built.package, samba);
    }
    assert_ne!(
        rvss::samba::compat(
            &rvss::admin::samba::installed_version().unwrap(),
            &built.version
        ),
        rvss::samba::Compat::OtherRelease
    );

    // The man pages render without warnings and document what they must.
    let man = |page: &str| -> String {
        let o = Command::new("man")
            .args(["--warnings", "--no-justification", "--no-hyphenation", "-l"])
            .arg(root.join(format!("usr/share/man/man8/{page}.8.gz")))
            .env("MANWIDTH", "200")
            .env("LC_ALL", "C.UTF-8")
            .env("MANPAGER", "cat")
            .output()
            .expect("man (man-db)");
        assert!(o.status.success(), "man {page}: {}", text(&o));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.trim().is_empty(), "man {page} warns:\n{err}");
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let vfs = man("vfs_rvss");
    for s in [
        "vfs_rvss(8)",
        "rvss:snapshot dir",
        "rvss:max depth",
        "rvss:vm files only",
        "rvss:vm file patterns",
        "rvss:retain = N",
        "rvss:retain days",
        "rvss:retain daily",
        "rvss:retain yearly",
        "shadow:snapsharepath",
        "Hyper-V",
        "rpc_srv:5",
        "CONCURRENT CLIENTS",
        "rpcd_fsrvp:num_workers = 1",
        "VERSION",
        "AUTHOR",
        &format!("rvss {version}"),
    ] {
        assert!(vfs.contains(s), "vfs_rvss(8) lacks {s:?}");
    }
    let cli = man("rvss");
    for s in [
        "check PATH",
        "list [",
        "prune [",
        "gc [",
        "maintain",
        "MAINTENANCE",
        "rvss-maintenance.timer",
        "journalctl -u rvss-maintenance",
        "rvss-replicate.path",
        "restore ",
        "smbconf [SHARE]",
        "fsrvp-workers",
        "doctor [",
        "EXIT STATUS",
        "violations",
        "orphan",
        "apt install ./rvss-tools_*.deb btrfs-progs",
    ] {
        assert!(cli.contains(s), "rvss(8) lacks {s:?}");
    }

    // The packaged module and CLI in a world: one FSRVP round trip.
    let mut w = World::new_with_module("package", &module);
    let fs1 = w.add_btrfs("fs1", 300);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create '{}' >/dev/null && echo original > '{}/disk.vhdx'",
        vol.display(),
        vol.display()
    ));
    w.add_share("vm", &vol, &["vfs objects = rvss"]);
    w.start_samba();
    let out = w.rpc_ok("fss_create_expose backup ro vm");
    let sc = parse_expose(&out).pop().expect(&out);
    w.must(&format!("echo changed > '{}/disk.vhdx'", vol.display()));
    assert_eq!(w.smb_cat(&sc.unc_share(), "disk.vhdx"), "original\n");
    let snap_dir = w
        .must(&format!("net conf getparm '{}' path", sc.unc_share()))
        .trim()
        .to_string();
    w.rpc_ok(&format!("fss_delete vm {} {}", sc.set, sc.copy));
    assert!(
        !w.sh(&format!("test -e '{snap_dir}'")).status.success(),
        "{snap_dir} survived fss_delete"
    );

    let packaged_cli = root.join("usr/sbin/rvss");
    let o = w.sh(&format!("'{}' doctor --json", packaged_cli.display()));
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["ok"], true, "{report:#}");

    // The daily timer: enabled on install, valid units, and the service's
    // command does its work (an orphan older than gc's grace goes).
    let control = run("dpkg-deb", &["-I", deb_s]);
    for script in ["postinst", "prerm", "postrm"] {
        assert!(control.contains(script), "no {script}:\n{control}");
    }
    let units = root.join("usr/lib/systemd/system");
    let service = std::fs::read_to_string(units.join("rvss-maintenance.service")).unwrap();
    let timer = std::fs::read_to_string(units.join("rvss-maintenance.timer")).unwrap();
    for line in [
        "OnCalendar=daily",
        "Persistent=true",
        "RandomizedDelaySec=",
        "WantedBy=timers.target",
    ] {
        assert!(timer.contains(line), "timer lacks {line}:\n{timer}");
    }
    let exec = service
        .lines()
        .find_map(|l| l.strip_prefix("ExecStart="))
        .expect("ExecStart");
    let args = exec
        .strip_prefix("/usr/sbin/rvss ")
        .unwrap_or_else(|| panic!("ExecStart runs {exec}"));
    if std::path::Path::new("/var/lib/dpkg/info/rvss.list").exists() {
        // The package is installed here (make matrix): the timer was enabled
        // by postinst, and systemd reads the installed units as they are.
        assert!(
            std::path::Path::new("/etc/systemd/system/timers.target.wants/rvss-maintenance.timer")
                .is_symlink(),
            "the install did not enable rvss-maintenance.timer"
        );
        let o = Command::new("systemd-analyze")
            .args(["verify"])
            .arg("/usr/lib/systemd/system/rvss-maintenance.service")
            .arg("/usr/lib/systemd/system/rvss-maintenance.timer")
            .output()
            .expect("systemd-analyze (Debian package systemd)");
        assert!(o.status.success(), "{}", text(&o));
    } else {
        // Not installed: the same units, the service's command at the
        // unpacked CLI (systemd-analyze checks that it is executable).
        let dir = tmp.0.join("units");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("rvss-maintenance.service"),
            service.replace(
                "ExecStart=/usr/sbin/rvss",
                &format!("ExecStart={}", packaged_cli.display()),
            ),
        )
        .unwrap();
        std::fs::write(dir.join("rvss-maintenance.timer"), &timer).unwrap();
        let o = Command::new("systemd-analyze")
            .args(["verify", "--man=no"])
            .arg(dir.join("rvss-maintenance.service"))
            .arg(dir.join("rvss-maintenance.timer"))
            .output()
            .expect("systemd-analyze (Debian package systemd)");
        assert!(o.status.success(), "{}", text(&o));
    }
    // An orphan (its exposed share removed behind FSRVP's back): the
    // daily run that first sees it starts its grace (an hour), the next
    // day's removes it.
    let out = w.rpc_ok("fss_create_expose backup ro vm");
    let orphan = parse_expose(&out).pop().expect(&out);
    w.must(&format!("net conf delshare '{}'", orphan.unc_share()));
    for (shift, removes) in [("+1d", false), ("+2d", true)] {
        let o = w.sh(&format!(
            "faketime -f '{shift}' '{}' {args}",
            packaged_cli.display()
        ));
        let said = text(&o);
        assert_eq!(o.status.code(), Some(0), "{shift}: {said}");
        assert_eq!(
            said.contains("removed orphan vm"),
            removes,
            "{shift}: {said}"
        );
    }
    let o = w.sh(&format!("'{}' list --json", packaged_cli.display()));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "[]",
        "{}",
        text(&o)
    );
}

/// A root made by scripts/root.sh, removed when the test ends, also on
/// failure.
struct CleanRoot(String);

impl CleanRoot {
    fn script() -> PathBuf {
        manifest_dir().join("scripts/root.sh")
    }

    /// A fresh minbase root of the host's Debian suite (the packages were
    /// built against its libc), from scripts/root.sh's cached tarball.
    fn new(name: &str) -> (CleanRoot, PathBuf) {
        let os = std::fs::read_to_string("/etc/os-release").expect("/etc/os-release");
        let suite = os
            .lines()
            .find_map(|l| l.strip_prefix("VERSION_CODENAME="))
            .map(|s| s.trim_matches('"').to_string())
            .expect("/etc/os-release names no VERSION_CODENAME: not Debian?");
        let guard = CleanRoot(name.to_string());
        let path = run(
            "bash",
            &[Self::script().to_str().unwrap(), "new", name, &suite],
        );
        (guard, PathBuf::from(path.trim()))
    }

    /// `script` run by bash as root in the root; its output and status.
    fn run(&self, script: &str) -> std::process::Output {
        Command::new("bash")
            .arg(Self::script())
            .args([
                "run",
                &self.0,
                "--toolchain",
                "debian",
                "--",
                "bash",
                "-euc",
            ])
            .arg(script)
            .output()
            .expect("bash scripts/root.sh run")
    }
}

impl Drop for CleanRoot {
    fn drop(&mut self) {
        let _ = Command::new("bash")
            .arg(Self::script())
            .args(["rm", &self.0])
            .status();
    }
}

/// A replication target host: rvss-tools depends on nothing of Samba, takes
/// the CLI over from an older single rvss package, and installed alone
/// (with btrfs-progs) in a clean root without Samba or libtdb, `rvss
/// serve-target` receives a copy and lists it.
#[test]
fn tools_package_alone_serves_a_replication_target_without_samba() {
    let tmp = TempDir(PathBuf::from(format!(
        "/tmp/rvss-deb-tools-e2e-{}",
        std::process::id()
    )));
    std::fs::create_dir_all(&tmp.0).unwrap();
    let debs = build_packages(&tmp.0);
    let tools = debs.tools.to_str().unwrap();
    let version = env!("CARGO_PKG_VERSION");
    let field = |f: &str| run("dpkg-deb", &["-f", tools, f]).trim().to_string();
    assert_eq!(field("Package"), "rvss-tools");
    assert_eq!(field("Version"), version);
    let depends = field("Depends");
    assert!(
        !depends.to_lowercase().contains("samba"),
        "rvss-tools depends on Samba: {depends}"
    );
    for want in ["libc6 (>= ", "btrfs-progs"] {
        assert!(depends.contains(want), "Depends lacks {want}: {depends}");
    }
    // Older rvss packages shipped /usr/sbin/rvss and rvss(8).
    assert_eq!(field("Breaks"), "rvss (<< 0.3.0)");
    assert_eq!(field("Replaces"), "rvss (<< 0.3.0)");

    // The upgrade from a single rvss package (0.2.0's layout: module and
    // CLI in one package), unpacked by dpkg in a private database: the
    // CLI's files pass to rvss-tools.
    let old = tmp.0.join("old");
    let old_s = old.to_str().unwrap();
    run("dpkg-deb", &["-R", debs.module.to_str().unwrap(), old_s]);
    run("dpkg-deb", &["-x", tools, old_s]);
    std::fs::remove_dir_all(old.join("usr/share/doc/rvss-tools")).unwrap();
    for f in ["md5sums", "postinst", "prerm", "postrm"] {
        std::fs::remove_file(old.join("DEBIAN").join(f)).unwrap();
    }
    let control = std::fs::read_to_string(old.join("DEBIAN/control")).unwrap();
    let control = control
        .replace(&format!("Version: {version}"), "Version: 0.2.0")
        .replace(&format!("rvss-tools (= {version}), "), "");
    std::fs::write(old.join("DEBIAN/control"), control).unwrap();
    let old_deb = tmp.0.join("rvss_0.2.0.deb");
    run(
        "dpkg-deb",
        &["--root-owner-group", "-b", old_s, old_deb.to_str().unwrap()],
    );
    let db = tmp.0.join("dpkg-root");
    for d in ["info", "updates"] {
        std::fs::create_dir_all(db.join("var/lib/dpkg").join(d)).unwrap();
    }
    for f in ["status", "available"] {
        std::fs::write(db.join("var/lib/dpkg").join(f), "").unwrap();
    }
    let dpkg_root = format!("--root={}", db.display());
    let unpack = |debs: &[&str]| {
        let mut args = vec![dpkg_root.as_str(), "--force-depends", "--unpack"];
        args.extend_from_slice(debs);
        run("dpkg", &args)
    };
    unpack(&[old_deb.to_str().unwrap()]);
    let said = unpack(&[tools, debs.module.to_str().unwrap()]);
    assert!(
        said.contains("Unpacking rvss (0.3.0) over (0.2.0)"),
        "{said}"
    );
    let owners = run(
        "dpkg",
        &[
            dpkg_root.as_str(),
            "-S",
            "/usr/sbin/rvss",
            "/usr/share/man/man8/rvss.8.gz",
        ],
    );
    assert_eq!(
        owners,
        "rvss-tools: /usr/sbin/rvss\nrvss-tools: /usr/share/man/man8/rvss.8.gz\n"
    );
    assert!(db.join("usr/sbin/rvss").is_file());

    // A clean root of this host's suite (in make root-test and make matrix
    // a root inside their root, from the host's cached minbase tarballs).
    let (root, path) = CleanRoot::new(&format!("pkg-target-{}", std::process::id()));
    std::fs::copy(&debs.tools, path.join("tmp/rvss-tools.deb")).unwrap();
    let copy = "@GMT-2026.12.06-12.00.00";
    let o = root.run(&format!(
        r#"
        apt-get update -qq
        apt-get install -y -qq --no-install-recommends /tmp/rvss-tools.deb btrfs-progs >/dev/null
        if dpkg -l | grep -i samba; then echo "samba is installed"; exit 1; fi
        if ldconfig -p | grep -F libtdb.so; then echo "libtdb is installed"; exit 1; fi
        if ldd /usr/sbin/rvss | grep -iE 'not found|samba|smb|tdb'; then exit 1; fi
        dpkg-query -W -f='${{Package}} ${{Version}}\n' rvss-tools
        # a btrfs filesystem: a backup's snapshot and the target directory
        truncate -s 256M /var/tmp/pool.img
        mkfs.btrfs -q /var/tmp/pool.img
        mkdir -p /mnt/pool
        trap 'umount /mnt/pool 2>/dev/null || true' EXIT
        mount -o loop /var/tmp/pool.img /mnt/pool
        mkdir /mnt/pool/rvss
        btrfs subvolume create /mnt/pool/vol >/dev/null
        echo original >/mnt/pool/vol/disk.vhdx
        btrfs subvolume snapshot -r /mnt/pool/vol /mnt/pool/{copy} >/dev/null
        uuid=$(btrfs subvolume show /mnt/pool/{copy} | sed -n 's/^[[:space:]]*UUID:[[:space:]]*//p')
        echo "UUID $uuid"
        # what rvss replicate sends over SSH, as sshd runs the forced command
        btrfs send -q /mnt/pool/{copy} |
            SSH_ORIGINAL_COMMAND="rvss serve-target /mnt/pool/rvss receive vm {copy} $uuid" \
            /usr/sbin/rvss serve-target /mnt/pool/rvss
        echo "LIST $(SSH_ORIGINAL_COMMAND='rvss serve-target /mnt/pool/rvss list vm' /usr/sbin/rvss serve-target /mnt/pool/rvss)"
        cat /mnt/pool/rvss/vm/{copy}/disk.vhdx
        rc=0
        SSH_ORIGINAL_COMMAND='rvss gc' /usr/sbin/rvss serve-target /mnt/pool/rvss || rc=$?
        echo "REFUSED $rc"
        "#
    ));
    let said = text(&o);
    assert!(o.status.success(), "the target root failed:\n{said}");
    let line = |tag: &str| -> String {
        said.lines()
            .find_map(|l| l.strip_prefix(tag))
            .unwrap_or_else(|| panic!("no {tag:?} line:\n{said}"))
            .trim()
            .to_string()
    };
    assert!(said.contains(&format!("rvss-tools {version}\n")), "{said}");
    let uuid = line("UUID ");
    assert_eq!(uuid.len(), 36, "{said}");
    let list: serde_json::Value = serde_json::from_str(&line("LIST ")).expect(&said);
    assert_eq!(
        list,
        serde_json::json!([{
            "name": copy,
            "subvolume": true,
            "readonly": true,
            "received_uuid": uuid,
        }]),
        "{said}"
    );
    assert!(said.contains("original\n"), "{said}");
    assert_eq!(line("REFUSED "), "2", "{said}");
    assert!(said.contains("rvss: serve-target: refused"), "{said}");
}
