//! Replication to another host over SSH (issue 24): the target host is a
//! second world (its own network and mount namespaces, its own loop btrfs)
//! running Debian's real sshd on a veth pair, with the documented
//! authorized_keys line (`command="rvss serve-target ROOT",restrict`) and
//! keys the test makes. Full then incremental sends whose streams are the
//! change, target retention, the forced command refusing everything else,
//! a changed host key, an unreachable and a full target, a target that
//! hangs while an FSRVP set runs, and a transfer killed midway.

use crate::common::link::{keygen, link, prepare_sshd};
use crate::common::*;
use crate::replication::{readonly, show};
use crate::retention::{backup_cycle, list_json, retention_world};
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const SOURCE_ADDR: &str = "10.77.0.1";
const TARGET_ADDR: &str = "10.77.0.2";

/// The target host: a world with a btrfs at `root`'s parent and sshd.
struct Target {
    sshd: Option<Child>,
    /// Where copies are received (the forced command's ROOT).
    root: PathBuf,
    /// The source world's files for ssh: the key and known_hosts.
    key: PathBuf,
    known_hosts: PathBuf,
    conf: PathBuf,
    world: World,
}

impl Drop for Target {
    fn drop(&mut self) {
        self.stop_sshd();
    }
}

impl Target {
    fn stop_sshd(&mut self) {
        if let Some(mut c) = self.sshd.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    fn start_sshd(&mut self) {
        let sshd = "/usr/sbin/sshd";
        assert!(
            Path::new(sshd).exists(),
            "{sshd} is missing: the SSH replication tests need openssh-server (make deps)"
        );
        let child = self
            .world
            .command(sshd)
            .args(["-D", "-e", "-f"])
            .arg(&self.conf)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start sshd");
        self.sshd = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self
            .world
            .sh("ss -ltn")
            .stdout
            .windows(TARGET_ADDR.len() + 3)
            .any(|w| w == format!("{TARGET_ADDR}:22").as_bytes())
        {
            assert!(Instant::now() < deadline, "sshd did not start listening");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The source's `ssh` to the target with rvss's key, running `remote`.
    fn ssh(&self, source: &World, remote: &str) -> std::process::Output {
        source
            .command("ssh")
            .args([
                "-o",
                "BatchMode=yes",
                "-o",
                "StrictHostKeyChecking=yes",
                "-i",
            ])
            .arg(&self.key)
            .arg("-o")
            .arg(format!("UserKnownHostsFile={}", self.known_hosts.display()))
            .args(["-l", "root", TARGET_ADDR, remote])
            .output()
            .unwrap()
    }
}

/// Connects `source` to a new target world by a veth pair, gives the target
/// a btrfs of `mb` MiB and a running sshd, and points share vm at it.
fn target_for(source: &mut World, name: &str, mb: u64, retain: Option<u32>) -> Target {
    static PAIRS: AtomicUsize = AtomicUsize::new(0);
    let n = PAIRS.fetch_add(1, Ordering::Relaxed);
    let mut world = World::new(&format!("{name}-target"));
    let fs = world.add_btrfs("store", mb);
    let root = fs.join("replicas");
    world.must(&format!("mkdir '{}'", root.display()));

    // Two hosts on one link; sshd's runtime directory in the target's /run.
    link(
        source,
        &world,
        &format!("rvs{}x{n}", std::process::id() % 10000),
        SOURCE_ADDR,
        TARGET_ADDR,
    );
    prepare_sshd(&world);
    let host_pub = keygen(&world.dir.join("host_ed25519"), "target");
    let key = source.dir.join("rvss_ed25519");
    let key_pub = keygen(&key, "rvss@source");
    let known_hosts = source.dir.join("known_hosts");
    std::fs::write(&known_hosts, format!("{TARGET_ADDR} {host_pub}")).unwrap();
    let authorized = world.dir.join("authorized_keys");
    std::fs::write(
        &authorized,
        format!(
            "command=\"{} serve-target {}\",restrict {key_pub}",
            cli_path().display(),
            root.display()
        ),
    )
    .unwrap();
    let conf = world.dir.join("sshd_config");
    std::fs::write(
        &conf,
        format!(
            "ListenAddress {TARGET_ADDR}\n\
             Port 22\n\
             HostKey {}\n\
             AuthorizedKeysFile {}\n\
             PidFile none\n\
             StrictModes no\n\
             UsePAM no\n\
             PermitRootLogin prohibit-password\n\
             PasswordAuthentication no\n\
             KbdInteractiveAuthentication no\n\
             LogLevel ERROR\n",
            world.dir.join("host_ed25519").display(),
            authorized.display()
        ),
    )
    .unwrap();
    let mut t = Target {
        sshd: None,
        root,
        key,
        known_hosts,
        conf,
        world,
    };
    t.start_sshd();

    let s = source.shares.iter_mut().find(|s| s.name == "vm").unwrap();
    s.options.extend([
        format!(
            "rvss:replicate to = ssh://root@{TARGET_ADDR}{}",
            t.root.display()
        ),
        format!("rvss:replicate ssh key = {}", t.key.display()),
        format!("rvss:replicate known hosts = {}", t.known_hosts.display()),
    ]);
    if let Some(r) = retain {
        s.options.push(format!("rvss:replicate retain = {r}"));
    }
    source.write_conf();
    t
}

/// `rvss replicate --json` in the source: exit code, the report, the text.
fn replicate(w: &World) -> (i32, serde_json::Value, String) {
    let o = w.cli("replicate --json");
    let report = serde_json::from_slice(&o.stdout).unwrap_or(serde_json::Value::Null);
    (o.status.code().unwrap_or(-1), report, text(&o))
}

/// The copies in the target's directory for share vm.
fn copies(t: &Target) -> Vec<String> {
    let mut v: Vec<String> = t
        .world
        .must(&format!(
            "ls -1 '{}/vm' 2>/dev/null || true",
            t.root.display()
        ))
        .lines()
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

#[test]
fn over_ssh_full_then_incremental_verified_with_the_targets_own_retention() {
    let (mut w, _fs1, share) = retention_world("ssh-repl", &["rvss:retain = 5"]);
    let t = target_for(&mut w, "ssh-repl", 1200, Some(2));
    w.must(&format!(
        "head -c 33554432 /dev/urandom > '{}/base.vhdx'",
        share.display()
    ));
    backup_cycle(&w, &share, "version 1");
    let (code, r, out) = replicate(&w);
    assert_eq!(code, 0, "{out}");
    let sent = r["sent"].as_array().unwrap().clone();
    assert_eq!(sent.len(), 1, "{out}");
    assert_eq!(sent[0]["parent"], serde_json::Value::Null, "first is full");
    assert!(sent[0]["bytes"].as_u64().unwrap() > 32 << 20, "{out}");

    std::thread::sleep(Duration::from_millis(1100));
    backup_cycle(&w, &share, "version 2");
    let (code, r, out) = replicate(&w);
    assert_eq!(code, 0, "{out}");
    let second = r["sent"][0].clone();
    assert_eq!(second["parent"], sent[0]["gmt"], "incremental: {out}");
    // The stream is the change, not the 32 MiB both backups share.
    assert!(second["bytes"].as_u64().unwrap() < 1 << 20, "{out}");

    // Each copy is the backup's, read-only, the second received as a
    // snapshot of the first.
    let list = list_json(&w);
    assert_eq!(list.len(), 2, "{list:?}");
    let mut shown = vec![];
    for e in &list {
        assert_eq!(e["replicated"], true, "{e}");
        let name = Path::new(e["path"].as_str().unwrap()).file_name().unwrap();
        let copy = t.root.join("vm").join(name);
        assert!(readonly(&t.world, &copy), "{copy:?}");
        let (src, dst) = (
            show(&w, Path::new(e["path"].as_str().unwrap())),
            show(&t.world, &copy),
        );
        assert_eq!(dst["Received UUID"], src["UUID"], "{copy:?}");
        shown.push(dst);
    }
    assert_eq!(shown[1]["Parent UUID"], shown[0]["UUID"]);
    let newest = t.root.join("vm").join(
        Path::new(list[1]["path"].as_str().unwrap())
            .file_name()
            .unwrap(),
    );
    assert_eq!(
        t.world
            .must(&format!("cat '{}/hyperv/vm/disk.vhdx'", newest.display())),
        "version 2"
    );

    // A third backup: the target keeps its two newest copies
    // (rvss:replicate retain = 2), the server its own count (5).
    std::thread::sleep(Duration::from_millis(1100));
    backup_cycle(&w, &share, "version 3");
    let (code, r, out) = replicate(&w);
    assert_eq!(code, 0, "{out}");
    assert_eq!(r["sent"].as_array().unwrap().len(), 1, "{out}");
    let pruned = r["pruned"].as_array().unwrap();
    assert_eq!(pruned.len(), 1, "{out}");
    let list = list_json(&w);
    assert_eq!(list.len(), 3, "the server keeps its own: {list:?}");
    let names: Vec<String> = list
        .iter()
        .map(|e| {
            Path::new(e["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert_eq!(
        copies(&t),
        names[1..].to_vec(),
        "the target keeps the newest two"
    );
    assert!(pruned[0]["path"].as_str().unwrap().ends_with(&names[0]));
    assert_eq!(
        list[0]["replicated"], false,
        "its copy is gone: {}",
        list[0]
    );
    assert_eq!(list[2]["replicated"], true);
}

#[test]
fn over_ssh_the_key_does_nothing_else_and_a_changed_host_key_is_refused() {
    let (mut w, _fs1, share) = retention_world("ssh-refuse", &["rvss:retain = 5"]);
    let mut t = target_for(&mut w, "ssh-refuse", 400, None);
    backup_cycle(&w, &share, "version 1");

    // The forced command answers only rvss's three requests, in its root.
    let o = t.ssh(&w, "cat /etc/hostname");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(o.stdout.is_empty(), "{}", text(&o));
    assert!(text(&o).contains("refused"), "{}", text(&o));
    let o = t.ssh(&w, "rvss serve-target /etc list vm");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains(&format!("may only replicate into {}", t.root.display())),
        "{}",
        text(&o)
    );
    // A subvolume of a backup's name rvss did not receive is never removed.
    let foreign = t.root.join("vm/@GMT-2020.01.01-00.00.00");
    t.world.must(&format!(
        "mkdir -p '{}' && btrfs subvolume create '{}' >/dev/null && echo mine > '{}/f'",
        t.root.join("vm").display(),
        foreign.display(),
        foreign.display()
    ));
    let o = t.ssh(
        &w,
        &format!(
            "rvss serve-target {} remove vm @GMT-2020.01.01-00.00.00 0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
            t.root.display()
        ),
    );
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("not removed"), "{}", text(&o));
    assert_eq!(
        t.world.must(&format!("cat '{}/f'", foreign.display())),
        "mine\n"
    );

    // Another host answering at the target's address: ssh refuses its key,
    // rvss says so in one line, nothing is sent.
    let other = keygen(&w.dir.join("other_host"), "impostor");
    std::fs::write(&t.known_hosts, format!("{TARGET_ADDR} {other}")).unwrap();
    let (code, _r, out) = replicate(&w);
    assert_eq!(code, 2, "{out}");
    assert!(
        out.contains("unreachable or refused by SSH")
            && out.contains("Host key verification failed"),
        "{out}"
    );
    assert_eq!(list_json(&w)[0]["replicated"], false);

    // Unreachable (sshd stopped): one clear line, exit 2, the backup kept.
    t.stop_sshd();
    let host_pub = std::fs::read_to_string(t.world.dir.join("host_ed25519.pub")).unwrap();
    std::fs::write(&t.known_hosts, format!("{TARGET_ADDR} {host_pub}")).unwrap();
    let (code, _r, out) = replicate(&w);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("Connection refused"), "{out}");
    assert_eq!(list_json(&w).len(), 1);

    // Back: the next run sends it.
    t.start_sshd();
    let (code, r, out) = replicate(&w);
    assert_eq!(code, 0, "{out}");
    assert_eq!(r["sent"].as_array().unwrap().len(), 1, "{out}");
    assert_eq!(
        copies(&t),
        vec![
            "@GMT-2020.01.01-00.00.00".to_string(),
            Path::new(list_json(&w)[0]["path"].as_str().unwrap())
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned()
        ]
    );
}

#[test]
fn over_ssh_a_killed_transfer_and_a_full_target_leave_nothing_behind() {
    let (mut w, _fs1, share) = retention_world("ssh-kill", &["rvss:retain = 5"]);
    let t = target_for(&mut w, "ssh-kill", 1200, None);
    w.must(&format!(
        "head -c 419430400 /dev/urandom > '{}/big.vhdx'",
        share.display()
    ));
    backup_cycle(&w, &share, "version 1");
    let src = PathBuf::from(list_json(&w)[0]["path"].as_str().unwrap().to_string());
    let name = src.file_name().unwrap().to_owned();
    let copy = t.root.join("vm").join(&name);
    let marker = t.root.join("vm/.rvss-receiving");

    let mut run = w
        .command(&cli_path().display().to_string())
        .arg("replicate")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill rvss once the target is receiving: its copy exists, writable,
    // without a received UUID yet.
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        assert!(Instant::now() < deadline, "the transfer never started");
        let receiving = t.world.sh(&format!(
            "test -f '{}' && test -d '{}' && btrfs property get -ts '{}' ro",
            marker.display(),
            copy.display(),
            copy.display()
        ));
        if receiving.status.success()
            && String::from_utf8_lossy(&receiving.stdout).trim() == "ro=false"
        {
            run.kill().unwrap();
            break;
        }
        assert!(
            run.try_wait().unwrap().is_none(),
            "rvss replicate ended before the kill: the race did not happen"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    run.wait().unwrap();
    assert_eq!(list_json(&w)[0]["replicated"], false);
    // The killed run's ssh and the target's serve-target end once the
    // stream is cut (the target then removes its partial copy itself).
    let deadline = Instant::now() + Duration::from_secs(60);
    while !(w.pids_of("ssh").is_empty() && t.world.pids_of("rvss").is_empty()) {
        assert!(Instant::now() < deadline, "the killed transfer never ended");
        std::thread::sleep(Duration::from_millis(50));
    }

    // The next run removes what is left (at once on the target, or first
    // thing) and sends it whole.
    let (code, r, out) = replicate(&w);
    assert_eq!(code, 0, "{out}");
    assert_eq!(r["sent"].as_array().unwrap().len(), 1, "{out}");
    assert!(readonly(&t.world, &copy));
    assert_eq!(
        show(&t.world, &copy)["Received UUID"],
        show(&w, &src)["UUID"]
    );
    let sum =
        |w: &World, p: &Path| w.must(&format!("sha256sum < '{}/hyperv/vm/big.vhdx'", p.display()));
    assert_eq!(sum(&t.world, &copy), sum(&w, &src));
    assert!(
        t.world
            .sh(&format!("test -e '{}'", marker.display()))
            .status
            .code()
            == Some(1)
    );
}

#[test]
fn over_ssh_a_full_target_fails_clearly_and_keeps_the_chain() {
    let (mut w, _fs1, share) = retention_world("ssh-full", &["rvss:retain = 1"]);
    // Smaller than the backup.
    let t = target_for(&mut w, "ssh-full", 260, None);
    w.must(&format!(
        "head -c 314572800 /dev/urandom > '{}/big.vhdx'",
        share.display()
    ));
    backup_cycle(&w, &share, "version 1");
    let (code, _r, out) = replicate(&w);
    assert_eq!(code, 2, "{out}");
    let lines: Vec<&str> = out
        .lines()
        .filter(|l| l.starts_with("rvss replicate:"))
        .collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(lines[0].contains("No space left on device"), "{out}");
    // Nothing half-received is left on the target, the backup is kept.
    assert!(copies(&t).is_empty(), "{:?}", copies(&t));
    let list = list_json(&w);
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["replicated"], false);
}

#[test]
fn over_ssh_a_backup_the_server_pruned_is_listed_and_restored_from_its_copy() {
    let (mut w, fs1, share) = retention_world("ssh-restore", &["rvss:retain = 1"]);
    let t = target_for(&mut w, "ssh-restore", 600, None);
    backup_cycle(&w, &share, "version 1");
    let (code, r, out) = replicate(&w);
    assert_eq!(code, 0, "{out}");
    let first = Path::new(r["sent"][0]["path"].as_str().unwrap())
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    std::thread::sleep(Duration::from_millis(1100));
    backup_cycle(&w, &share, "version 2");
    let (code, _r, out) = replicate(&w);
    assert_eq!(code, 0, "{out}");
    let o = w.cli("prune");
    assert!(o.status.success(), "{}", text(&o));
    let list = list_json(&w);
    assert_eq!(list.len(), 1, "the server keeps one backup: {list:?}");
    assert!(!list[0]["path"].as_str().unwrap().ends_with(&first));

    // The target still holds both; the first is no longer on the server.
    let o = w.cli("list --replicas --json");
    assert!(o.status.success(), "{}", text(&o));
    let rows: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert_eq!(rows[0]["name"], first.as_str());
    assert_eq!(
        (rows[0]["copy"].as_bool(), rows[0]["on_server"].as_bool()),
        (Some(true), Some(false)),
        "{rows:?}"
    );
    assert_eq!(rows[1]["on_server"], true, "{rows:?}");

    // Restored from the target: the first version is back, what was there
    // kept aside, and the copy brought back is removed afterwards.
    w.must(&format!("printf 'live' > '{}/disk.vhdx'", share.display()));
    let o = w.cli(&format!(
        "restore --share vm --from-replica --from {first} --force disk.vhdx"
    ));
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("shared by reflink"), "{}", text(&o));
    assert_eq!(
        w.must(&format!("cat '{}/disk.vhdx'", share.display())),
        "version 1"
    );
    let staging = fs1.join(".rvss/.from-replica/vm");
    assert_eq!(
        w.must(&format!("ls -1 '{}'", staging.display())).trim(),
        "",
        "the copy brought back is removed"
    );
    // A copy the target does not hold: one clear line, exit 2.
    let o = w.cli("restore --share vm --from-replica --from @GMT-2001.01.01-00.00.00 disk.vhdx");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("holds no copy @GMT-2001.01.01-00.00.00"),
        "{}",
        text(&o)
    );
    drop(t);
}

#[test]
fn over_ssh_a_target_that_hangs_never_holds_up_a_backup() {
    let (mut w, _fs1, share) = retention_world("ssh-hang", &["rvss:retain = 5"]);
    let t = target_for(&mut w, "ssh-hang", 600, None);
    // The module reads rvss:replicate to as well (it asks for a run).
    w.restart_samba();
    // Before any shadow copy: nothing to send, and no error.
    let (code, r, out) = replicate(&w);
    assert_eq!(code, 0, "{out}");
    assert_eq!(r["sent"].as_array().unwrap().len(), 0, "{out}");
    let pending = crate::replication::pending_flag(&w);
    backup_cycle(&w, &share, "version 1");
    assert!(pending.is_file(), "{} must exist", pending.display());
    let (code, r, out) = replicate(&w);
    assert_eq!((code, r["sent"].as_array().unwrap().len()), (0, 1), "{out}");
    assert!(!pending.exists(), "{out}");

    // The target answers nothing (its replies to the server blackholed): a
    // connection hangs until ssh's ConnectTimeout (10 s). The fault first:
    t.world
        .must(&format!("ip route add blackhole {SOURCE_ADDR}/32"));
    let started = Instant::now();
    let (code, _r, out) = replicate(&w);
    let hung = started.elapsed();
    assert_eq!(code, 2, "{out}");
    assert!(
        hung >= Duration::from_secs(9) && out.contains("timed out"),
        "the target must hang rvss replicate until ssh gives up: {hung:?}: {out}"
    );

    // A whole FSRVP set while it hangs: no hook contacts the target, so each
    // takes what it takes without one (far below the 10 s a connection
    // attempt costs), and the set asks for a run.
    std::thread::sleep(Duration::from_millis(1100));
    backup_cycle(&w, &share, "version 2");
    let o = w.cli("list --history 2 --json");
    assert!(o.status.success(), "{}", text(&o));
    let history: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let ops: Vec<(&str, f64)> = history
        .iter()
        .map(|r| (r["op"].as_str().unwrap(), r["ms"].as_f64().unwrap()))
        .collect();
    assert_eq!(
        ops.iter().map(|(op, _)| *op).collect::<Vec<_>>(),
        ["create", "delete"],
        "{history:?}"
    );
    assert!(
        history.iter().all(|r| r["status"] == "NT_STATUS_OK"),
        "{history:?}"
    );
    assert!(ops.iter().all(|(_, ms)| *ms < 2000.0), "{history:?}");
    assert!(pending.is_file(), "{} must exist", pending.display());

    // Reachable again: the run the set asked for sends the new backup.
    t.world
        .must(&format!("ip route del blackhole {SOURCE_ADDR}/32"));
    let (code, r, out) = replicate(&w);
    assert_eq!(code, 0, "{out}");
    assert_eq!(r["sent"].as_array().unwrap().len(), 1, "{out}");
    assert!(!pending.exists(), "{out}");
}
