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

#[path = "../../tests/common/mod.rs"]
mod common;
#[path = "../support/mod.rs"]
mod support;

mod bed;
mod run;

use bed::{Bed, Host};
use run::run_size;

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
