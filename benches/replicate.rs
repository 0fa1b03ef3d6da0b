//! Replication (issue 24): `rvss replicate` against the physical limit, a raw
//! `btrfs send | btrfs receive` pipe, and against btrbk (Debian's `btrbk`),
//! same run, same snapshots: each share's backups are real FSRVP shadow
//! copies that rvss retained (`rvss:retain`), sent full (to an empty target)
//! and incremental (the next backup, after ~6 % of the data was
//! overwritten, from the previous one the target holds), to a local target
//! (another btrfs of this host) and over SSH to a second "host" (a second
//! World: its own network namespace on a veth pair, Debian's real sshd, the
//! documented forced command `rvss serve-target` for rvss's key). Also the
//! peak resident set of the `rvss replicate` process (its VmHWM) at the
//! small and the large share: flat in the data size.
//!
//! Fairness:
//! - One target filesystem (a loop btrfs) serves both kinds of target: the
//!   source world mounts it for the local targets, the target world mounts
//!   the same loop device at the same path for the SSH ones.
//! - Before every timed transfer: every received subvolume not needed
//!   removed (a full send goes to an empty target; an incremental one finds
//!   exactly its parent's copy, put there untimed by a plain pipe), the
//!   filesystems settled (deleted subvolumes cleaned, committed), then
//!   `sync` and `echo 3 > /proc/sys/vm/drop_caches`: every method reads the
//!   snapshot from disk, none inherits another's page cache.
//! - The three methods rotate each round; local and SSH alternate.
//! - Each timed step ends with `sync -f` of the target filesystem (the copy
//!   is on disk): no method leaves write-back to the next.
//! - SSH: every method runs ssh with rvss's own options (core/src/replicate/
//!   ssh.rs) and the same client configuration (the source world's
//!   /etc/ssh/ssh_config is Debian's with a block for the target host
//!   prepended: its known_hosts file, BatchMode, IdentitiesOnly); the cipher
//!   is ssh's default for all. The raw pipe and btrbk use a second key
//!   without the forced command (btrbk runs btrfs commands on the target).
//!
//! btrbk and existing snapshots: btrbk sends only snapshots named its own
//! way (`NAME.YYYYMMDDTHHMMSS+zzzz` with `timestamp_format long-iso`) in its
//! `snapshot_dir`; rvss names them `@GMT-...`. So for btrbk's turn the same
//! snapshots are renamed in place (rename(2) in rvss's snapshot directory,
//! untimed; same subvolumes, same UUIDs) and renamed back afterwards; btrbk
//! runs with `snapshot_create no` (send what exists, make nothing),
//! `snapshot_preserve_min all`, `target_preserve_min all` and `--preserve`
//! (delete nothing), `btrbk -c CONF --preserve run`.
//!
//! RVSS_BENCH_QUICK=1: 64 MiB and 640 MiB shares, one round.
//! RVSS_BENCH_REPLICATE_MIB=a,b sets the two sizes (MiB).

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::link::{keygen, link, prepare_sshd};
use common::{cli_path, parse_expose, text, World};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use support::busy::settle;
use support::{Goal, Report};

const SOURCE_ADDR: &str = "10.77.0.1";
const TARGET_ADDR: &str = "10.77.0.2";
const RAW: &str = "raw pipe";
const RVSS: &str = "rvss";
const BTRBK: &str = "btrbk";
const METHODS: [&str; 3] = [RAW, RVSS, BTRBK];
/// rvss's fixed ssh options (core/src/replicate/ssh.rs), which the raw pipe
/// uses too.
const SSH_OPTIONS: &str = "-o BatchMode=yes -o StrictHostKeyChecking=yes -o ConnectTimeout=10 \
     -o ServerAliveInterval=15 -o ServerAliveCountMax=4 -o LogLevel=ERROR";
/// The series of `rvss replicate` runs with nothing to send.
const IDLE: &str = "rvss replicate with nothing to send";
/// Peak RSS growth from the small to the large share that still counts as
/// flat.
const FLAT_MIB: f64 = 4.0;

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Full,
    Incremental,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Full => "full",
            Kind::Incremental => "incremental",
        }
    }
}

/// One retained backup.
#[derive(Clone, Debug)]
struct Snap {
    path: PathBuf,
    gmt: String,
    uuid: String,
}

impl Snap {
    fn name(&self) -> String {
        self.path
            .file_name()
            .expect("a snapshot name")
            .to_string_lossy()
            .into_owned()
    }

    /// Its name for btrbk: SHARE.YYYYMMDDTHHMMSS+0000 (the @GMT- label is
    /// UTC).
    fn btrbk_name(&self, share: &str) -> String {
        let digits: String = self
            .gmt
            .trim_start_matches("@GMT-")
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        assert_eq!(digits.len(), 14, "unexpected @GMT label {}", self.gmt);
        format!("{share}.{}T{}+0000", &digits[..8], &digits[8..])
    }

    fn btrbk_path(&self, share: &str) -> PathBuf {
        self.path.with_file_name(self.btrbk_name(share))
    }
}

/// The target host: a second world on the target filesystem, with sshd.
struct Host {
    sshd: Option<Child>,
    world: World,
}

impl Drop for Host {
    fn drop(&mut self) {
        if let Some(mut c) = self.sshd.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

struct Bed {
    /// First: its world (which mounts the target filesystem too) goes
    /// before the source world's teardown.
    _host: Host,
    w: World,
    fs: PathBuf,
    tgt: PathBuf,
    /// Raw pipe and btrbk's key (no forced command).
    raw_key: PathBuf,
    conf_local: PathBuf,
    conf_ssh: PathBuf,
}

impl Bed {
    fn raw_dir(&self) -> PathBuf {
        self.tgt.join("raw")
    }
    fn rvss_root(&self) -> PathBuf {
        self.tgt.join("rvss")
    }
    fn btrbk_dir(&self) -> PathBuf {
        self.tgt.join("btrbk")
    }

    fn ssh(&self) -> String {
        format!(
            "ssh {SSH_OPTIONS} -i '{}' -o IdentitiesOnly=yes -l root {TARGET_ADDR}",
            self.raw_key.display()
        )
    }

    /// Where method `m`'s copy of `s` lands.
    fn copy_of(&self, m: &str, share: &str, s: &Snap) -> PathBuf {
        match m {
            RAW => self.raw_dir().join(s.name()),
            RVSS => self.rvss_root().join(share).join(s.name()),
            _ => self.btrbk_dir().join(s.btrbk_name(share)),
        }
    }

    fn conf(&self, mode: &str) -> &Path {
        if mode == "local" {
            &self.conf_local
        } else {
            &self.conf_ssh
        }
    }

    /// Removes every received subvolume on the target, and waits until
    /// their space is free.
    fn clear(&self) {
        let t = self.tgt.display();
        self.w.must(&format!(
            "for d in '{t}/raw' '{t}/btrbk' '{t}'/rvss/*; do for s in \"$d\"/*; do \
               if [ \"$(stat -c %i \"$s\" 2>/dev/null)\" = 256 ]; then \
                 btrfs subvolume delete \"$s\" >/dev/null; fi; done; done"
        ));
        settle(&self.w, &self.tgt);
    }

    fn delete(&self, copy: &Path) {
        self.w.must(&format!(
            "btrfs subvolume delete '{}' >/dev/null",
            copy.display()
        ));
    }

    /// Both filesystems at rest, then the page cache dropped.
    fn quiesce(&self) {
        settle(&self.w, &self.tgt);
        settle(&self.w, &self.fs);
        let o = Command::new("sync").status().expect("sync");
        assert!(o.success(), "sync");
        std::fs::write("/proc/sys/vm/drop_caches", "3").expect("drop caches");
    }

    /// `btrfs send [-p parent] s | btrfs receive dir`, untimed (the parent
    /// copy an incremental step needs).
    fn plain_copy(&self, s: &Path, dir: &Path) {
        self.w.must(&format!(
            "mkdir -p -m 0700 '{1}' && btrfs send -q '{0}' | btrfs receive -q '{1}'",
            s.display(),
            dir.display()
        ));
    }

    fn rename(&self, from: &Path, to: &Path) {
        self.w
            .must(&format!("mv -T '{}' '{}'", from.display(), to.display()));
    }

    fn btrbk_conf(&self, share: &str, mode: &str, snapdir: &Path) -> PathBuf {
        let target = if mode == "local" {
            self.btrbk_dir().display().to_string()
        } else {
            format!("ssh://{TARGET_ADDR}{}", self.btrbk_dir().display())
        };
        let rel = snapdir
            .strip_prefix(&self.fs)
            .expect("snapshot directory on the source filesystem");
        let path = self.w.dir.join(format!("btrbk-{share}-{mode}.conf"));
        std::fs::write(
            &path,
            format!(
                "timestamp_format long-iso\n\
                 snapshot_create no\n\
                 snapshot_preserve_min all\n\
                 target_preserve_min all\n\
                 ssh_user root\n\
                 ssh_identity {}\n\
                 volume {}\n\
                 \x20 snapshot_dir {}\n\
                 \x20 subvolume {share}\n\
                 \x20   snapshot_name {share}\n\
                 \x20   target send-receive {target}\n",
                self.raw_key.display(),
                self.fs.display(),
                rel.display()
            ),
        )
        .expect("write btrbk.conf");
        path
    }
}

fn require(path: &str, what: &str) {
    assert!(
        Path::new(path).exists(),
        "{path} is missing: this bench needs {what} (scripts/bench.sh installs it)"
    );
}

fn label(mib: u64) -> String {
    if mib % 1024 == 0 {
        format!("{} GiB", mib / 1024)
    } else {
        format!("{mib} MiB")
    }
}

fn sizes() -> Vec<u64> {
    if let Ok(v) = std::env::var("RVSS_BENCH_REPLICATE_MIB") {
        let s: Vec<u64> = v
            .split(',')
            .map(|x| x.trim().parse().expect("RVSS_BENCH_REPLICATE_MIB: MiB,MiB"))
            .collect();
        assert!(s.len() == 2 && s[0] < s[1], "two sizes, small first: {v}");
        return s;
    }
    if support::quick() {
        vec![64, 640]
    } else {
        vec![1024, 10240]
    }
}

/// Files of a share of `mib` MiB: (count, MiB each).
fn files(mib: u64) -> (u64, u64) {
    let n = (mib / 128).max(1);
    (n, mib / n)
}

fn main() {
    if !support::is_bench_run() {
        return;
    }
    require("/usr/bin/btrbk", "btrbk");
    require("/usr/sbin/sshd", "openssh-server");
    require("/usr/bin/ssh", "openssh-client");
    require("/etc/ssh/ssh_config", "openssh-client");
    let sizes = sizes();
    let rounds = support::reps(3, 1);
    let total: u64 = sizes.iter().sum();
    let largest = *sizes.iter().max().unwrap_or(&0);
    // The shares, their backups' changed data and metadata; one copy and
    // an incremental one on the target.
    let src_mib = total * 5 / 4 + 1536;
    let tgt_mib = largest * 5 / 4 + 1536;
    let df = Command::new("df")
        .args(["-k", "--output=avail", "/tmp"])
        .output()
        .expect("df");
    let free_mib = support::checks::parse_used(&String::from_utf8_lossy(&df.stdout))
        .expect("free space in /tmp")
        / 1024;
    assert!(
        free_mib > src_mib + tgt_mib + 1024,
        "{free_mib} MiB free in /tmp; the loop images need {} MiB",
        src_mib + tgt_mib
    );

    let mut w = World::new("bench-replicate");
    let fs = w.add_btrfs("src", src_mib);
    let tgt = w.add_btrfs("tgt", tgt_mib);
    let shares: Vec<String> = sizes.iter().map(|m| format!("vm{m}")).collect();
    for s in &shares {
        support::subvolume(&w, &fs.join(s));
        w.add_share(s, &fs.join(s), &["vfs objects = rvss", "rvss:retain = 1"]);
    }
    w.must(&format!(
        "mkdir -m 0700 '{0}/raw' '{0}/rvss' '{0}/btrbk'",
        tgt.display()
    ));

    // The target host.
    let host_world = World::new("bench-replicate-target");
    let loopdev = w
        .must(&format!(
            "losetup -j '{}' | cut -d: -f1",
            w.filesystems[1].image.display()
        ))
        .trim()
        .to_string();
    assert!(loopdev.starts_with("/dev/loop"), "loop device: {loopdev:?}");
    host_world.must(&format!("mount '{loopdev}' '{}'", tgt.display()));
    link(
        &w,
        &host_world,
        &format!("rvb{}", std::process::id() % 100000),
        SOURCE_ADDR,
        TARGET_ADDR,
    );
    prepare_sshd(&host_world);
    let host_pub = keygen(&host_world.dir.join("host_ed25519"), "target");
    let rvss_key = w.dir.join("rvss_ed25519");
    let rvss_pub = keygen(&rvss_key, "rvss@source");
    let raw_key = w.dir.join("raw_ed25519");
    let raw_pub = keygen(&raw_key, "raw@source");
    let known_hosts = w.dir.join("known_hosts");
    std::fs::write(&known_hosts, format!("{TARGET_ADDR} {host_pub}")).expect("known_hosts");
    let authorized = host_world.dir.join("authorized_keys");
    std::fs::write(
        &authorized,
        format!(
            "command=\"{} serve-target {}\",restrict {rvss_pub}{raw_pub}",
            cli_path().display(),
            tgt.join("rvss").display()
        ),
    )
    .expect("authorized_keys");
    let sshd_conf = host_world.dir.join("sshd_config");
    std::fs::write(
        &sshd_conf,
        format!(
            "ListenAddress {TARGET_ADDR}\nPort 22\nHostKey {}\nAuthorizedKeysFile {}\n\
             PidFile none\nStrictModes no\nUsePAM no\nPermitRootLogin prohibit-password\n\
             PasswordAuthentication no\nKbdInteractiveAuthentication no\nLogLevel ERROR\n",
            host_world.dir.join("host_ed25519").display(),
            authorized.display()
        ),
    )
    .expect("sshd_config");
    let sshd = host_world
        .command("/usr/sbin/sshd")
        .args(["-D", "-e", "-f"])
        .arg(&sshd_conf)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start sshd");
    let host = Host {
        sshd: Some(sshd),
        world: host_world,
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while !String::from_utf8_lossy(&host.world.sh("ss -ltn").stdout)
        .contains(&format!("{TARGET_ADDR}:22"))
    {
        assert!(Instant::now() < deadline, "sshd did not start listening");
        std::thread::sleep(Duration::from_millis(50));
    }
    // One ssh client configuration for every method in the source world.
    let ssh_config = w.dir.join("ssh_config");
    std::fs::write(
        &ssh_config,
        format!(
            "Host {TARGET_ADDR}\n  UserKnownHostsFile {}\n  GlobalKnownHostsFile /dev/null\n  \
             StrictHostKeyChecking yes\n  BatchMode yes\n  IdentitiesOnly yes\n\n{}",
            known_hosts.display(),
            std::fs::read_to_string("/etc/ssh/ssh_config").expect("/etc/ssh/ssh_config")
        ),
    )
    .expect("ssh_config");
    w.must(&format!(
        "mount --bind '{}' /etc/ssh/ssh_config",
        ssh_config.display()
    ));

    // smb.conf: Samba's and the local run's has the local target; the SSH
    // run's the SSH one.
    let base: Vec<Vec<String>> = w.shares.iter().map(|s| s.options.clone()).collect();
    let with = |w: &mut World, extra: &[String]| {
        for (s, b) in w.shares.iter_mut().zip(&base) {
            s.options = b.clone();
            s.options.extend(extra.iter().cloned());
        }
        w.smb_conf()
    };
    let ssh_conf = with(
        &mut w,
        &[
            format!(
                "rvss:replicate to = ssh://root@{TARGET_ADDR}{}",
                tgt.join("rvss").display()
            ),
            format!("rvss:replicate ssh key = {}", rvss_key.display()),
            format!("rvss:replicate known hosts = {}", known_hosts.display()),
        ],
    );
    let local_conf = with(
        &mut w,
        &[format!(
            "rvss:replicate to = {}",
            tgt.join("rvss").display()
        )],
    );
    let conf_ssh = w.dir.join("smb-ssh.conf");
    let conf_local = w.dir.join("smb-local.conf");
    std::fs::write(&conf_ssh, ssh_conf).expect("smb-ssh.conf");
    std::fs::write(&conf_local, local_conf).expect("smb-local.conf");
    w.start_samba();
    let bed = Bed {
        _host: host,
        w,
        fs,
        tgt,
        raw_key,
        conf_local,
        conf_ssh,
    };
    // The SSH paths work before anything is timed.
    bed.w.must(&format!("{} true", bed.ssh()));

    let mut r = Report::new(
        "replicate",
        "Replication: rvss replicate vs a raw btrfs send | receive pipe vs btrbk",
    );
    let mut sent_bytes: HashMap<String, f64> = HashMap::new();
    for (&mib, share) in sizes.iter().zip(&shares) {
        run_size(&bed, &mut r, &mut sent_bytes, mib, share, rounds);
    }

    let modes = ["local", "ssh"];
    for &mib in &sizes {
        for mode in modes {
            for kind in [Kind::Full, Kind::Incremental] {
                let series = |m: &str| format!("{}, {mode}, {}: {m}", label(mib), kind.label());
                let case = format!("{}, {mode}, {}", label(mib), kind.label());
                r.compare(
                    &format!("{case}: rvss / raw pipe"),
                    &series(RVSS),
                    &series(RAW),
                    Goal::Median(1.05),
                );
                r.compare(
                    &format!("{case}: rvss / btrbk"),
                    &series(RVSS),
                    &series(BTRBK),
                    Goal::Median(1.0),
                );
                r.compare(
                    &format!("{case}: btrbk / raw pipe"),
                    &series(BTRBK),
                    &series(RAW),
                    Goal::None,
                );
            }
        }
    }
    for mode in modes {
        r.compare_in(
            &format!(
                "peak RSS of rvss replicate, {mode}: {} / {}",
                label(sizes[1]),
                label(sizes[0])
            ),
            &format!("rvss VmHWM MiB, {}, {mode}", label(sizes[1])),
            &format!("rvss VmHWM MiB, {}, {mode}", label(sizes[0])),
            Goal::DeltaBelow(FLAT_MIB, "MiB"),
            Some("MiB"),
        );
    }

    let idle: Vec<String> = modes
        .iter()
        .map(|mode| {
            let v = &r.samples[&format!("{IDLE}, {mode}")];
            format!("{mode} {:.0} ms", support::median(v))
        })
        .collect();
    r.note(format!(
        "rvss's fixed cost per run, the median of `rvss replicate` run again right after each \
         incremental step (nothing left to send; page cache warm): {}. It is part of every \
         rvss time above and weighs most on the small incremental steps.",
        idle.join(", ")
    ));
    let mut streams: Vec<String> = sent_bytes
        .iter()
        .map(|(k, v)| format!("{k}: {:.1} MiB", v / 1048576.0))
        .collect();
    streams.sort();
    r.command(format!(
        "{rounds} round(s) per size ({}); per round: a full phase (the share's newest retained \
         backup to an empty target), then ~6 % of the data overwritten and an FSRVP backup \
         taken, then an incremental phase (the new backup, from the previous one, whose copy \
         the target holds: put there untimed by a plain pipe), then `rvss prune` (the old \
         backup goes); in each phase the methods rotated each round, local then SSH or SSH \
         then local alternating by round; before each timed step: the target's other received \
         subvolumes removed, both filesystems settled (sync -f, btrfs filesystem sync, deleted \
         subvolumes cleaned), sync, echo 3 > /proc/sys/vm/drop_caches; each step timed \
         (nsenter into the source world, sh) up to the end of `sync -f TARGET`",
        sizes
            .iter()
            .map(|&m| label(m))
            .collect::<Vec<_>>()
            .join(", ")
    ));
    r.command(
        "raw pipe: btrfs send -q [-p PARENT] SNAPSHOT | btrfs receive -q TARGET/raw; over SSH: \
         btrfs send -q [-p PARENT] SNAPSHOT | ssh -o BatchMode=yes -o StrictHostKeyChecking=yes \
         -o ConnectTimeout=10 -o ServerAliveInterval=15 -o ServerAliveCountMax=4 -o \
         LogLevel=ERROR -i KEY -o IdentitiesOnly=yes -l root 10.77.0.2 btrfs receive -q \
         TARGET/raw (rvss's ssh options, default cipher)",
    );
    r.command(
        "rvss: rvss -s CONF replicate --share SHARE --json, CONF's `rvss:replicate to` = \
         TARGET/rvss or ssh://root@10.77.0.2TARGET/rvss (the target's authorized_keys forces \
         `rvss serve-target TARGET/rvss` on rvss's key); peak RSS = the rvss process's VmHWM \
         (/proc/PID/status, read every 5 ms while it runs)",
    );
    r.command(
        "btrbk: btrbk -c CONF --preserve run; CONF: timestamp_format long-iso, snapshot_create \
         no, snapshot_preserve_min all, target_preserve_min all, ssh_user root, ssh_identity \
         KEY, volume SOURCE / snapshot_dir (rvss's) / subvolume SHARE / snapshot_name SHARE / \
         target send-receive TARGET/btrbk or ssh://10.77.0.2TARGET/btrbk; rvss's snapshots \
         renamed (untimed, in place) to btrbk's names SHARE.YYYYMMDDTHHMMSS+0000 for its turn, \
         and back",
    );
    r.note(format!(
        "Source: one {} MiB loop btrfs, a subvolume per share (files of up to 128 MiB from \
         /dev/urandom; each incremental overwrites 1/16 of every file in place), `vfs objects \
         = rvss`, `rvss:retain = 1`; backups by rpcclient fss_create_expose backup ro SHARE + \
         fss_delete (retained). Target: one {} MiB loop btrfs, mounted in the source world \
         (local) and, the same loop device, in the target world (SSH: veth 10.77.0.1 - \
         10.77.0.2, Debian's sshd); the target world's sshd and its processes share this \
         machine's CPUs. Stream sizes (rvss's report): {}. The ratios, same run, same \
         snapshots, are the result; the absolute times depend on the disk behind /tmp.",
        src_mib,
        tgt_mib,
        streams.join("; ")
    ));
    r.write();
}

/// Writes the share's data, takes its first backup, then `rounds` rounds.
fn run_size(
    bed: &Bed,
    r: &mut Report,
    sent_bytes: &mut HashMap<String, f64>,
    mib: u64,
    share: &str,
    rounds: usize,
) {
    let w = &bed.w;
    let dir = bed.fs.join(share);
    let (n, each) = files(mib);
    w.must(&format!(
        "for i in $(seq 1 {n}); do dd if=/dev/urandom of='{}/disk'$i.vhdx bs=1M count={each} \
         status=none; done; sync -f '{}'",
        dir.display(),
        dir.display()
    ));
    let mut snap = backup(bed, share);
    for round in 0..rounds {
        let order = support::rotation(round, METHODS.len());
        let modes: [&str; 2] = if round % 2 == 0 {
            ["local", "ssh"]
        } else {
            ["ssh", "local"]
        };
        // Full.
        for &k in &order {
            let m = METHODS[k];
            for mode in modes {
                bed.clear();
                let t = step(
                    bed,
                    r,
                    sent_bytes,
                    m,
                    mode,
                    Kind::Full,
                    share,
                    mib,
                    &snap,
                    None,
                );
                eprintln!("replicate: {} {mode} full {m}: {t:.0} ms", label(mib));
            }
        }
        bed.clear();
        // About 6 % changed, then the next backup.
        let chunk = (each / 16).max(1);
        let seek = ((round as u64 * 5 + 3) % 16) * chunk;
        w.must(&format!(
            "for i in $(seq 1 {n}); do dd if=/dev/urandom of='{}/disk'$i.vhdx bs=1M \
             seek={seek} count={chunk} conv=notrunc status=none; done; sync -f '{}'",
            dir.display(),
            dir.display()
        ));
        let next = backup(bed, share);
        assert_ne!(next.uuid, snap.uuid);
        // Incremental.
        for &k in &order {
            let m = METHODS[k];
            bed.clear();
            // The parent's copy, where and as the method looks for it.
            if m == BTRBK {
                bed.rename(&snap.path, &snap.btrbk_path(share));
                bed.plain_copy(&snap.btrbk_path(share), &bed.btrbk_dir());
                bed.rename(&snap.btrbk_path(share), &snap.path);
            } else {
                let parent_copy = bed.copy_of(m, share, &snap);
                bed.plain_copy(&snap.path, parent_copy.parent().expect("a directory"));
            }
            for mode in modes {
                let done = bed.copy_of(m, share, &next);
                if bed
                    .w
                    .sh(&format!("test -e '{}'", done.display()))
                    .status
                    .success()
                {
                    bed.delete(&done);
                }
                let t = step(
                    bed,
                    r,
                    sent_bytes,
                    m,
                    mode,
                    Kind::Incremental,
                    share,
                    mib,
                    &next,
                    Some(&snap),
                );
                eprintln!(
                    "replicate: {} {mode} incremental {m}: {t:.0} ms",
                    label(mib)
                );
            }
        }
        bed.clear();
        // The old backup goes: the next round's full phase sends `next`.
        let o = w.sh(&format!(
            "'{}' -s '{}' prune",
            cli_path().display(),
            bed.conf_local.display()
        ));
        assert!(o.status.success(), "rvss prune: {}", text(&o));
        let left = retained(bed, share);
        assert_eq!(
            left.iter().map(|s| s.uuid.clone()).collect::<Vec<_>>(),
            vec![next.uuid.clone()],
            "after prune only the newest backup is retained"
        );
        snap = next;
    }
}

/// One timed transfer of `s` (from `parent` when incremental) by method
/// `m`; records its time (and rvss's peak RSS); returns the ms.
#[allow(clippy::too_many_arguments)]
fn step(
    bed: &Bed,
    r: &mut Report,
    sent_bytes: &mut HashMap<String, f64>,
    m: &str,
    mode: &str,
    kind: Kind,
    share: &str,
    mib: u64,
    s: &Snap,
    parent: Option<&Snap>,
) -> f64 {
    let w = &bed.w;
    let tgt = bed.tgt.display();
    let out = w.dir.join("step.out");
    let pidfile = w.dir.join("step.pid");
    let _ = std::fs::remove_file(&pidfile);
    let snapdir = s.path.parent().expect("snapshot directory").to_path_buf();
    let script = match m {
        RAW => {
            let p = parent.map_or(String::new(), |p| format!("-p '{}' ", p.path.display()));
            let recv = if mode == "local" {
                format!("btrfs receive -q '{tgt}/raw'")
            } else {
                format!("{} btrfs receive -q '{tgt}/raw'", bed.ssh())
            };
            format!("btrfs send -q {p}'{}' | {recv}", s.path.display())
        }
        RVSS => format!(
            "'{}' -s '{}' replicate --share {share} --json > '{}' &\necho $! > '{}'\nwait $!",
            cli_path().display(),
            bed.conf(mode).display(),
            out.display(),
            pidfile.display()
        ),
        _ => {
            let conf = bed.btrbk_conf(share, mode, &snapdir);
            for x in std::iter::once(s).chain(parent) {
                bed.rename(&x.path, &x.btrbk_path(share));
            }
            format!(
                "btrbk -c '{}' --preserve run > '{}'",
                conf.display(),
                out.display()
            )
        }
    };
    let file = w.dir.join("step.sh");
    std::fs::write(&file, format!("set -e\n{script}\nsync -f '{tgt}'\n")).expect("step.sh");
    bed.quiesce();

    // rvss's own high-water mark, read while it runs.
    let stop = Arc::new(AtomicBool::new(false));
    let hwm = Arc::new(AtomicU64::new(0));
    let watcher = (m == RVSS).then(|| {
        let (stop, hwm, pidfile) = (stop.clone(), hwm.clone(), pidfile.clone());
        std::thread::spawn(move || watch_hwm(&pidfile, &stop, &hwm))
    });
    let t = Instant::now();
    let o = w.sh(&format!("sh '{}'", file.display()));
    let ms = support::ms_since(t);
    stop.store(true, Ordering::Relaxed);
    if let Some(h) = watcher {
        let _ = h.join();
    }
    if m == BTRBK {
        for x in std::iter::once(s).chain(parent) {
            bed.rename(&x.btrbk_path(share), &x.path);
        }
    }
    let printed = std::fs::read_to_string(&out).unwrap_or_default();
    assert!(
        o.status.success(),
        "{m} {mode} {}: {}\n{printed}",
        kind.label(),
        text(&o)
    );
    verify(bed, m, share, s, kind);
    if m == RVSS {
        let report: serde_json::Value =
            serde_json::from_str(&printed).expect("rvss replicate --json");
        let sent = report["sent"].as_array().cloned().unwrap_or_default();
        assert_eq!(sent.len(), 1, "rvss sent one backup: {printed}");
        assert_eq!(
            sent[0]["parent"].as_str(),
            parent.map(|p| p.gmt.as_str()),
            "{printed}"
        );
        sent_bytes.insert(
            format!("{} {}", label(mib), kind.label()),
            sent[0]["bytes"].as_f64().unwrap_or(0.0),
        );
        let kib = hwm.load(Ordering::Relaxed);
        assert!(kib > 0, "rvss's VmHWM was never read");
        r.samples
            .entry(format!("rvss VmHWM MiB, {}, {mode}", label(mib)))
            .or_default()
            .push(kib as f64 / 1024.0);
        if kind == Kind::Incremental {
            // rvss's fixed cost: the same run again, nothing left to send
            // (smb.conf through testparm, the catalog, the target's
            // inventory; over SSH one connection).
            let (idle, o) = support::timed(|| {
                w.sh(&format!(
                    "'{}' -s '{}' replicate --share {share} --json",
                    cli_path().display(),
                    bed.conf(mode).display()
                ))
            });
            let again: serde_json::Value =
                serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null);
            assert!(
                o.status.success() && again["sent"].as_array().is_some_and(Vec::is_empty),
                "rvss replicate with nothing to send: {}",
                text(&o)
            );
            r.samples
                .entry(format!("{IDLE}, {mode}"))
                .or_default()
                .push(idle);
        }
    }
    r.samples
        .entry(format!("{}, {mode}, {}: {m}", label(mib), kind.label()))
        .or_default()
        .push(ms);
    ms
}

/// Polls the VmHWM of the process whose pid `pidfile` names until `stop`.
fn watch_hwm(pidfile: &Path, stop: &AtomicBool, hwm: &AtomicU64) {
    let mut pid = None;
    while !stop.load(Ordering::Relaxed) {
        if pid.is_none() {
            pid = std::fs::read_to_string(pidfile)
                .ok()
                .and_then(|p| p.trim().parse::<u32>().ok());
        }
        if let Some(p) = pid {
            let status = std::fs::read_to_string(format!("/proc/{p}/status")).unwrap_or_default();
            let is_rvss = status
                .lines()
                .next()
                .is_some_and(|l| l.trim_end() == "Name:\trvss");
            if is_rvss {
                if let Some(kib) = status
                    .lines()
                    .find_map(|l| l.strip_prefix("VmHWM:"))
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
                {
                    hwm.fetch_max(kib, Ordering::Relaxed);
                }
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// `btrfs subvolume show`'s fields.
fn show(w: &World, subvol: &Path) -> HashMap<String, String> {
    w.must(&format!("btrfs subvolume show '{}'", subvol.display()))
        .lines()
        .filter_map(|l| l.trim().split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

/// The method's copy is a received copy of `s`, full or incremental as
/// asked.
fn verify(bed: &Bed, m: &str, share: &str, s: &Snap, kind: Kind) {
    let copy = bed.copy_of(m, share, s);
    let f = show(&bed.w, &copy);
    assert_eq!(
        f.get("Received UUID"),
        Some(&s.uuid),
        "{m}: {} is not a received copy of {}",
        copy.display(),
        s.path.display()
    );
    let parent = f.get("Parent UUID").map(String::as_str).unwrap_or("-");
    assert_eq!(
        parent == "-",
        kind == Kind::Full,
        "{m}: {} was not received {} (parent UUID {parent})",
        copy.display(),
        kind.label()
    );
}

/// The share's retained backups, oldest first.
fn retained(bed: &Bed, share: &str) -> Vec<Snap> {
    let o = bed.w.sh(&format!(
        "'{}' -s '{}' list --json",
        cli_path().display(),
        bed.conf_local.display()
    ));
    assert!(o.status.success(), "rvss list: {}", text(&o));
    let list: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).expect("rvss list --json");
    let mut v: Vec<Snap> = list
        .iter()
        .filter(|e| e["share"] == share && e["state"] == "retained")
        .map(|e| {
            let path = PathBuf::from(e["path"].as_str().expect("path"));
            Snap {
                uuid: show(&bed.w, &path)["UUID"].clone(),
                gmt: e["gmt"].as_str().expect("gmt").to_string(),
                path,
            }
        })
        .collect();
    v.sort_by(|a, b| a.gmt.cmp(&b.gmt));
    v
}

/// One FSRVP backup of `share` that rvss retains; returns it.
fn backup(bed: &Bed, share: &str) -> Snap {
    let w = &bed.w;
    // A new @GMT label (one a second).
    std::thread::sleep(Duration::from_millis(1100));
    let e = parse_expose(&w.rpc_ok(&format!("fss_create_expose backup ro {share}")))
        .pop()
        .expect("exposed");
    w.rpc_ok(&format!("fss_delete {share} {} {}", e.set, e.copy));
    let v = retained(bed, share);
    let newest = v.last().cloned().expect("a retained backup");
    let ro = w.must(&format!(
        "btrfs property get -ts '{}' ro",
        newest.path.display()
    ));
    assert_eq!(ro.trim(), "ro=true", "{}", newest.path.display());
    newest
}
