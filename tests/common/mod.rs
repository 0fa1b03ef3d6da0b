//! The end-to-end harness: a throwaway world per test.
//!
//! Each `World` is a process holding new mount and network namespaces
//! (`unshare -m -n`, mounts private). Inside it: btrfs filesystems on loop
//! images, private Samba directories bind-mounted over Samba's default ones
//! (/etc/samba, /var/lib/samba, /var/cache/samba, /run/samba,
//! /var/log/samba), and a copy of the VFS module directory with the freshly
//! built rvss.so bind-mounted over the real one. The host's Samba, config and
//! module directory are never touched, and worlds run side by side.
//! Everything is torn down in Drop, also when a test fails.

#![allow(dead_code)]

pub mod ceph;
pub mod link;
pub mod rpc_output;
pub mod soak;

use std::fs;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const PASSWORD: &str = "rvss-Test-1";
const SAMBA_DIRS: &[&str] = &[
    "/etc/samba",
    "/var/lib/samba",
    "/var/cache/samba",
    "/run/samba",
    "/var/log/samba",
];

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The module under test: target/release/librvss.so unless RVSS_MODULE says.
pub fn module_path() -> PathBuf {
    let p = std::env::var_os("RVSS_MODULE")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("target/release/librvss.so"));
    assert!(
        p.exists(),
        "{} is missing: run `make build` first (make test does)",
        p.display()
    );
    p
}

/// The CLI under test: the one cargo built next to this test (the CLI is
/// the workspace member cli/, so cargo gives no CARGO_BIN_EXE_rvss here)
/// unless RVSS_CLI says (the matrix's package roots test the installed
/// /usr/sbin/rvss).
pub fn cli_path() -> PathBuf {
    std::env::var_os("RVSS_CLI")
        .map(PathBuf::from)
        .unwrap_or_else(built_cli)
}

/// target/<profile>/rvss, the sibling of target/<profile>/deps/<this test>.
pub fn built_cli() -> PathBuf {
    let exe = std::env::current_exe().expect("the test knows its own path");
    let profile_dir = exe
        .parent()
        .and_then(Path::parent)
        .expect("cargo runs tests from target/<profile>/deps");
    profile_dir.join("rvss")
}

pub fn modules_dir() -> PathBuf {
    let out = Command::new("smbd")
        .arg("-b")
        .output()
        .expect("smbd -b: is samba installed? run `make deps`");
    let text = String::from_utf8_lossy(&out.stdout);
    let dir = text
        .lines()
        .find_map(|l| l.trim().strip_prefix("MODULESDIR: "))
        .expect("smbd -b prints MODULESDIR");
    PathBuf::from(dir.trim())
}

pub struct Filesystem {
    pub image: PathBuf,
    pub mount: PathBuf,
}

pub struct Share {
    pub name: String,
    pub path: PathBuf,
    pub options: Vec<String>,
}

pub struct World {
    pub dir: PathBuf,
    holder: Child,
    pub pid: u32,
    pub filesystems: Vec<Filesystem>,
    smbd: Option<Child>,
    pub shares: Vec<Share>,
    pub global_options: Vec<String>,
    /// Leave out `rpcd_fsrvp:num_workers = 1` of the documented [global]
    /// lines, so that samba-dcerpcd runs Samba's default number of
    /// rpcd_fsrvp workers (5).
    pub samba_default_workers: bool,
    /// Leave out every documented [global] line (rvss::admin::smbconf::GLOBAL_LINES):
    /// a test that takes them from `rvss smbconf` instead.
    pub without_documented_globals: bool,
    /// Environment variables of this world's smbd (and so of the
    /// samba-dcerpcd and rpcd_fsrvp it starts), e.g. the module's test
    /// seams. Never `std::env::set_var`: every test file shares one process
    /// (tests/e2e/main.rs), and other worlds' smbd would inherit it.
    pub samba_env: Vec<(String, PathBuf)>,
}

pub fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

impl World {
    pub fn new(name: &str) -> World {
        assert!(
            rvss::sys::is_root(),
            "the end-to-end tests need root (loop devices, mounts, namespaces); run them as root"
        );
        // Unique also when two test files of the one e2e binary name their
        // worlds alike.
        static WORLDS: AtomicUsize = AtomicUsize::new(0);
        let n = WORLDS.fetch_add(1, Ordering::Relaxed);
        let dir = PathBuf::from(format!("/tmp/rvss-e2e-{name}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        let holder = Command::new("unshare")
            .args([
                "--mount",
                "--net",
                "--propagation",
                "private",
                "--",
                "sleep",
                "infinity",
            ])
            .stdin(Stdio::null())
            .process_group(0)
            .spawn()
            .expect("unshare (util-linux) must be installed");
        let pid = holder.id();
        let w = World {
            dir,
            holder,
            pid,
            filesystems: vec![],
            smbd: None,
            shares: vec![],
            global_options: vec![],
            samba_default_workers: false,
            without_documented_globals: false,
            samba_env: vec![],
        };
        // unshare execs sleep once the namespaces exist; wait for that.
        let deadline = Instant::now() + Duration::from_secs(10);
        while fs::read_link(format!("/proc/{pid}/ns/net")).ok()
            == fs::read_link("/proc/self/ns/net").ok()
        {
            assert!(
                Instant::now() < deadline,
                "unshare did not create namespaces"
            );
            std::thread::sleep(Duration::from_millis(10));
        }
        w.must("ip link set lo up");
        w.private_samba_dirs();
        w
    }

    /// A world whose Samba loads the module file `module` (e.g. one taken
    /// from a package, or built for another Samba) as rvss.so.
    pub fn new_with_module(name: &str, module: &Path) -> World {
        let w = World::new(name);
        let dest = w.dir.join("vfs-modules/rvss.so");
        fs::copy(module, &dest)
            .unwrap_or_else(|e| panic!("copy {} to {}: {e}", module.display(), dest.display()));
        w
    }

    /// A command that runs `program` inside the world's namespaces. Entering
    /// a mount namespace resets the root to the namespace's own; `-r -w`
    /// keep the holder's root and directory, so that worlds also work when
    /// the tests run chrooted (make root-test, make matrix).
    pub fn command(&self, program: &str) -> Command {
        nsenter(self.pid, program)
    }

    /// Starts a shell script inside the world, in the background.
    pub fn spawn_sh(&self, script: &str) -> Child {
        self.command("sh")
            .args(["-c", script])
            .spawn()
            .expect("nsenter")
    }

    /// Runs a shell script inside the world's namespaces.
    pub fn sh(&self, script: &str) -> Output {
        self.command("sh")
            .args(["-c", script])
            .output()
            .expect("nsenter")
    }

    /// Runs a script that must succeed; returns its stdout.
    pub fn must(&self, script: &str) -> String {
        let o = self.sh(script);
        assert!(
            o.status.success(),
            "`{script}` failed ({}):\n{}",
            o.status,
            text(&o)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn private_samba_dirs(&self) {
        let mut script = String::from("set -e\n");
        for d in SAMBA_DIRS {
            let own = self.dir.join("samba").join(d.trim_start_matches('/'));
            fs::create_dir_all(&own).unwrap();
            script.push_str(&format!(
                "mkdir -p {d}\nmount --bind '{}' {d}\n",
                own.display()
            ));
        }
        fs::create_dir_all(self.dir.join("samba/var/lib/samba/private")).unwrap();
        let mods = self.dir.join("vfs-modules");
        fs::create_dir_all(&mods).unwrap();
        let real = modules_dir().join("vfs");
        for e in fs::read_dir(&real).expect("the VFS module directory (samba-vfs-modules)") {
            let e = e.unwrap();
            fs::copy(e.path(), mods.join(e.file_name())).unwrap();
        }
        fs::copy(module_path(), mods.join("rvss.so")).unwrap();
        script.push_str(&format!(
            "mount --bind '{}' '{}'\n",
            mods.display(),
            real.display()
        ));
        self.must(&script);
    }

    /// Makes a btrfs filesystem of `mb` MiB on a loop image, mounted at
    /// `<dir>/<name>` inside the world.
    pub fn add_btrfs(&mut self, name: &str, mb: u64) -> PathBuf {
        let image = self.dir.join(format!("{name}.img"));
        let mount = self.dir.join(name);
        fs::create_dir_all(&mount).unwrap();
        let f = fs::File::create(&image).unwrap();
        f.set_len(mb << 20).unwrap();
        drop(f);
        let o = Command::new("mkfs.btrfs")
            .args(["-q", "-f"])
            .arg(&image)
            .output()
            .expect("mkfs.btrfs (btrfs-progs)");
        assert!(o.status.success(), "mkfs.btrfs: {}", text(&o));
        self.must(&format!(
            "mount -o loop '{}' '{}'",
            image.display(),
            mount.display()
        ));
        self.filesystems.push(Filesystem {
            image,
            mount: mount.clone(),
        });
        mount
    }

    /// Adds a Unix user (uid 50000 + n) and its Samba account, visible only
    /// inside the world: copies of /etc/passwd, group and shadow with the
    /// user appended are bind-mounted over the real ones.
    pub fn add_unix_user(&mut self, name: &str, password: &str) {
        let users = self.dir.join("users");
        fs::create_dir_all(&users).unwrap();
        let uid = 50_000 + users.read_dir().map(|d| d.count()).unwrap_or(0);
        fs::create_dir_all(users.join(name)).unwrap();
        let etc = self.dir.join("etc");
        fs::create_dir_all(&etc).unwrap();
        let mut script = String::from("set -e\n");
        for (file, line) in [
            (
                "passwd",
                format!("{name}:x:{uid}:{uid}::/nonexistent:/usr/sbin/nologin\n"),
            ),
            ("group", format!("{name}:x:{uid}:\n")),
            ("shadow", format!("{name}:!:19000::::::\n")),
        ] {
            let copy = etc.join(file);
            if !copy.exists() {
                fs::copy(format!("/etc/{file}"), &copy).unwrap();
                script.push_str(&format!("mount --bind '{}' /etc/{file}\n", copy.display()));
            }
            let mut text = fs::read_to_string(&copy).unwrap();
            text.push_str(&line);
            fs::write(&copy, text).unwrap();
        }
        self.must(&script);
        self.write_conf();
        self.must(&format!(
            "(echo '{password}'; echo '{password}') | smbpasswd -s -a {name} >/dev/null"
        ));
    }

    pub fn add_share(&mut self, name: &str, path: &Path, options: &[&str]) {
        self.shares.push(Share {
            name: name.into(),
            path: path.into(),
            options: options.iter().map(|s| s.to_string()).collect(),
        });
    }

    pub fn smb_conf(&self) -> String {
        let mut c = String::from(
            "[global]\n\
             \tworkgroup = RVSSTEST\n\
             \tserver role = standalone server\n\
             \tinterfaces = lo\n\
             \tbind interfaces only = yes\n\
             \tlog level = 3 rvss:10\n\
             \tlog file = /var/log/samba/log.%m\n\
             \tmax log size = 0\n\
             \
             \tdisable spoolss = yes\n\
             \tload printers = no\n",
        );
        // The [global] lines vfs_rvss(8) documents: what the tests run is
        // the documented setup.
        for l in rvss::admin::smbconf::GLOBAL_LINES {
            if self.without_documented_globals {
                break;
            }
            if self.samba_default_workers
                && l.starts_with(rvss::admin::smbconf::FSRVP_WORKERS_OPTION)
            {
                continue;
            }
            c.push_str(&format!("\t{l}\n"));
        }
        for o in &self.global_options {
            c.push_str(&format!("\t{o}\n"));
        }
        for s in &self.shares {
            c.push_str(&format!(
                "\n[{}]\n\tpath = {}\n\tread only = no\n",
                s.name,
                s.path.display()
            ));
            for o in &s.options {
                c.push_str(&format!("\t{o}\n"));
            }
        }
        c
    }

    pub fn write_conf(&self) {
        fs::write(self.dir.join("samba/etc/samba/smb.conf"), self.smb_conf()).unwrap();
    }

    /// Writes smb.conf, adds root as a Samba user, starts smbd and waits until
    /// FSRVP answers.
    pub fn start_samba(&mut self) {
        self.write_conf();
        self.must(&format!(
            "(echo {PASSWORD}; echo {PASSWORD}) | smbpasswd -s -a root >/dev/null"
        ));
        let mut smbd = self.command("smbd");
        smbd.envs(self.samba_env.iter().map(|(k, v)| (k, v)));
        self.smbd = Some(spawn_smbd(smbd, &self.dir.join("smbd.out")));
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let o = self.rpc("fss_get_sup_version");
            if o.status.success() {
                return;
            }
            if Instant::now() > deadline {
                panic!(
                    "Samba did not answer FSRVP within 30 s: {}\n{}",
                    text(&o),
                    self.logs()
                );
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }

    /// Stops smbd and everything it started, then starts it again.
    pub fn restart_samba(&mut self) {
        self.kill_samba();
        self.start_samba();
    }

    pub fn reload_conf(&self) {
        self.write_conf();
        self.must("smbcontrol smbd reload-config >/dev/null 2>&1 || true");
    }

    pub fn rpc(&self, cmds: &str) -> Output {
        self.sh(&format!(
            "rpcclient -U 'root%{PASSWORD}' ncacn_np:127.0.0.1 -c '{}'",
            cmds.replace('\'', "'\\''")
        ))
    }

    pub fn rpc_ok(&self, cmds: &str) -> String {
        let o = self.rpc(cmds);
        // rpcclient exits 0 on some FSRVP errors: the output says.
        assert!(
            o.status.success() && rpc_output::rpc_failure(&text(&o)).is_none(),
            "rpcclient -c '{cmds}' failed:\n{}\n--- logs ---\n{}",
            text(&o),
            self.logs()
        );
        text(&o)
    }

    pub fn smb(&self, share: &str, cmds: &str) -> Output {
        self.sh(&format!(
            "smbclient -U 'root%{PASSWORD}' '//127.0.0.1/{share}' -c '{}'",
            cmds.replace('\'', "'\\''")
        ))
    }

    pub fn smb_ok(&self, share: &str, cmds: &str) -> String {
        let o = self.smb(share, cmds);
        assert!(
            o.status.success(),
            "smbclient //{share} -c '{cmds}' failed:\n{}",
            text(&o)
        );
        text(&o)
    }

    /// Reads a file of a share through smbclient.
    pub fn smb_cat(&self, share: &str, file: &str) -> String {
        let local = self.dir.join(format!("get-{}", uuid_like()));
        self.smb_ok(share, &format!("get {file} {}", local.display()));
        let s = fs::read_to_string(&local).unwrap();
        let _ = fs::remove_file(&local);
        s
    }

    /// Snapshot subvolumes below `.rvss` on the filesystem mounted at `mnt`
    /// (paths inside the filesystem).
    pub fn snapshots(&self, mnt: &Path) -> Vec<String> {
        self.must(&format!("btrfs subvolume list '{}'", mnt.display()))
            .lines()
            .filter_map(|l| l.split(" path ").nth(1))
            .filter(|p| p.starts_with(".rvss/"))
            .map(str::to_string)
            .collect()
    }

    /// Runs the rvss CLI inside the world.
    pub fn cli(&self, args: &str) -> Output {
        self.sh(&format!("'{}' {args}", cli_path().display()))
    }

    /// All Samba logs of this world, for failure messages.
    pub fn logs(&self) -> String {
        let mut s = String::new();
        if let Ok(rd) = fs::read_dir(self.dir.join("samba/var/log/samba")) {
            for e in rd.flatten() {
                if let Ok(t) = fs::read_to_string(e.path()) {
                    let tail: Vec<&str> = t.lines().rev().take(40).collect();
                    s.push_str(&format!("== {}\n", e.path().display()));
                    for l in tail.into_iter().rev() {
                        s.push_str(l);
                        s.push('\n');
                    }
                }
            }
        }
        s
    }

    /// rvss's own log lines (from every Samba process of this world).
    pub fn rvss_log(&self) -> String {
        let mut s = String::new();
        if let Ok(rd) = fs::read_dir(self.dir.join("samba/var/log/samba")) {
            for e in rd.flatten() {
                if let Ok(t) = fs::read_to_string(e.path()) {
                    for l in t.lines().filter(|l| l.contains("rvss: ")) {
                        s.push_str(l);
                        s.push('\n');
                    }
                }
            }
        }
        s
    }

    /// Pids of every process in this world's namespaces but the holder: all
    /// of them were started by this world.
    fn world_pids(&self) -> Vec<u32> {
        let ns = match fs::read_link(format!("/proc/{}/ns/net", self.pid)) {
            Ok(n) => n,
            Err(_) => return vec![],
        };
        let mut pids = vec![];
        for e in fs::read_dir("/proc").unwrap().flatten() {
            let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            if pid != self.pid
                && fs::read_link(format!("/proc/{pid}/ns/net")).ok().as_ref() == Some(&ns)
            {
                pids.push(pid);
            }
        }
        pids
    }

    pub fn pid_of(&self, comm: &str) -> Option<u32> {
        self.pids_of(comm).into_iter().next()
    }

    /// Pids of this world's processes named `comm` (e.g. every rpcd_fsrvp
    /// worker).
    pub fn pids_of(&self, comm: &str) -> Vec<u32> {
        self.world_pids()
            .into_iter()
            .filter(|p| {
                fs::read_to_string(format!("/proc/{p}/comm"))
                    .map(|c| c.trim() == comm)
                    .unwrap_or(false)
            })
            .collect()
    }

    pub fn kill_samba(&mut self) {
        for sig in [libc_sig::TERM, libc_sig::KILL] {
            let pids = self.world_pids();
            if pids.is_empty() {
                break;
            }
            for p in &pids {
                let _ = Command::new("kill")
                    .arg(format!("-{sig}"))
                    .arg(p.to_string())
                    .status();
            }
            let deadline = Instant::now() + Duration::from_secs(5);
            while !self.world_pids().is_empty() && Instant::now() < deadline {
                std::thread::sleep(Duration::from_millis(50));
            }
        }
        if let Some(mut c) = self.smbd.take() {
            let _ = c.wait();
        }
    }
}

/// Starts smbd in the foreground from `smbd` (a command entering the right
/// namespaces), its output in `log`, in a process group of its own (smbd
/// signals its whole group when it stops).
pub fn spawn_smbd(mut smbd: Command, log: &Path) -> Child {
    let log = fs::File::create(log).unwrap();
    smbd.args(["--foreground", "--no-process-group"])
        .process_group(0)
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .spawn()
        .expect("smbd")
}

/// A command that runs `program` in the mount and network namespaces of
/// the process `pid` (a World's or a cluster node's holder), keeping its
/// root and directory (`-r -w`: worlds also work chrooted).
pub fn nsenter(pid: u32, program: &str) -> Command {
    let mut c = Command::new("nsenter");
    c.args([
        "-t",
        &pid.to_string(),
        "-m",
        "-n",
        "-r",
        "-w",
        "--",
        program,
    ])
    .stdin(Stdio::null());
    c
}

mod libc_sig {
    pub const TERM: &str = "TERM";
    pub const KILL: &str = "KILL";
}

fn uuid_like() -> String {
    format!("{}-{:?}", std::process::id(), Instant::now())
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}

impl Drop for World {
    fn drop(&mut self) {
        self.kill_samba();
        // Unmount inside the world first so the loop devices are released.
        let mut script = String::new();
        for f in self.filesystems.iter().rev() {
            script.push_str(&format!("umount -l '{}' 2>/dev/null\n", f.mount.display()));
        }
        let _ = self.sh(&script);
        let _ = self.holder.kill();
        let _ = self.holder.wait();
        for f in &self.filesystems {
            if let Ok(o) = Command::new("losetup").arg("-j").arg(&f.image).output() {
                for line in String::from_utf8_lossy(&o.stdout).lines() {
                    if let Some(dev) = line.split(':').next() {
                        let _ = Command::new("losetup").arg("-d").arg(dev).status();
                    }
                }
            }
        }
        let _ = fs::remove_dir_all(&self.dir);
    }
}

/// One exposed shadow copy, as `fss_create_expose` reports it.
#[derive(Debug, Clone)]
pub struct Exposed {
    pub set: String,
    pub share: String,
    pub copy: String,
}

impl Exposed {
    /// The exposed share's name.
    pub fn unc_share(&self) -> String {
        format!("{}@{{{}}}", self.share, self.copy)
    }
}

/// Parses `fss_create_expose` output: one entry per exposed shadow copy.
pub fn parse_expose(out: &str) -> Vec<Exposed> {
    let mut v = vec![];
    for l in out.lines() {
        let Some((_, rest)) = l.split_once(": share ") else {
            continue;
        };
        let Some((share, after)) = rest.split_once("@{") else {
            continue;
        };
        let Some((copy, _)) = after.split_once('}') else {
            continue;
        };
        let set: String = l.chars().take(36).collect();
        v.push(Exposed {
            set,
            share: share.to_string(),
            copy: copy.to_string(),
        });
    }
    v
}
