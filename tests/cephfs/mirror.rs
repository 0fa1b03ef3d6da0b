//! Ceph's own snapshot mirroring of an rvss share to a peer cluster (issue
//! 24; docs/cephfs-mirror.md): two single-host clusters in network
//! namespaces of their own and the cephfs-mirror daemon
//! (scripts/cephfs-mirror-pair.sh), real smbd with rvss serving the
//! mirrored directory on cluster A, a backup made and retained through real
//! FSRVP, and the backup read back from cluster B.

use super::*;
use std::fs;
use std::time::Duration;

fn pair_script() -> String {
    manifest_dir()
        .join("scripts/cephfs-mirror-pair.sh")
        .display()
        .to_string()
}

/// A running mirror pair (scripts/cephfs-mirror-pair.sh) inside a world:
/// the clusters' namespaces are named in the world's mount namespace, the
/// ceph-fuse mounts are the world's. Torn down on drop (`down`: unmount,
/// kill by pid, remove the namespaces), also when the test fails; declared
/// after its world, so it drops first.
struct MirrorPair {
    world_pid: u32,
    dir: PathBuf,
    /// NS, ADDR_A, ADDR_B for the script: the namespace names are files in
    /// the host's /run/netns, so unique per test process.
    env: String,
}

impl MirrorPair {
    fn up(w: &World) -> MirrorPair {
        common::ceph::install_cluster_packages();
        let p = MirrorPair {
            world_pid: w.pid,
            dir: w.dir.join("mirror"),
            env: format!(
                "NS=rvmir{} ADDR_A=10.78.0.1 ADDR_B=10.78.0.2",
                std::process::id() % 100_000
            ),
        };
        let t = Instant::now();
        let o = w.sh(&p.cmd("up", ""));
        assert!(
            o.status.success(),
            "the mirror pair did not come up:\n{}\n{}",
            text(&o),
            p.logs()
        );
        eprintln!("mirror pair up in {:.1} s", t.elapsed().as_secs_f64());
        p
    }

    fn cmd(&self, verb: &str, args: &str) -> String {
        format!(
            "{} '{}' {verb} '{}' {args} 2>&1",
            self.env,
            pair_script(),
            self.dir.display()
        )
    }

    /// Mounts cluster `x`'s filesystem at `mnt` as client.`id`.
    fn mount(&self, w: &World, x: char, mnt: &Path, id: &str) {
        w.must(&self.cmd("mount", &format!("{x} '{}' {id}", mnt.display())));
    }

    /// Runs `ceph ...` against cluster `x`.
    fn ceph(&self, w: &World, x: char, args: &str) -> String {
        let ns = self.env.split_whitespace().next().unwrap();
        w.must(&format!(
            "CEPH_CONF='{}/{x}/ceph.conf' nsenter --net=/run/netns/{}{x} ceph {args}",
            self.dir.display(),
            ns.trim_start_matches("NS=")
        ))
    }

    /// The daemon's per-directory state for the peer, as JSON.
    fn status(&self, w: &World) -> serde_json::Value {
        let out = w.must(&self.cmd("status", ""));
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("peer status: {e}:\n{out}"))
    }

    fn logs(&self) -> String {
        let mut s = String::new();
        for x in ["A", "B"] {
            if let Ok(rd) = fs::read_dir(self.dir.join(x).join("log")) {
                for e in rd.flatten() {
                    if let Ok(t) = fs::read_to_string(e.path()) {
                        let tail: Vec<&str> = t.lines().rev().take(15).collect();
                        s.push_str(&format!("== {}\n", e.path().display()));
                        for l in tail.into_iter().rev() {
                            s.push_str(l);
                            s.push('\n');
                        }
                    }
                }
            }
        }
        s
    }

    /// Pids of the pair's daemons and ceph-fuse clients (their pid files).
    fn pids(&self) -> Vec<u32> {
        let mut v = vec![];
        for x in ["A", "B"] {
            let Ok(rd) = fs::read_dir(self.dir.join(x).join("run")) else {
                continue;
            };
            for e in rd.flatten() {
                if e.file_name().to_string_lossy().ends_with(".pid") {
                    if let Ok(p) = fs::read_to_string(e.path()) {
                        v.extend(p.trim().parse::<u32>());
                    }
                }
            }
        }
        v
    }
}

/// Whether `pid` is still running (gone or a zombie: not).
fn running(pid: u32) -> bool {
    fs::read_to_string(format!("/proc/{pid}/stat"))
        .map(|s| {
            s.rsplit_once(')')
                .is_some_and(|(_, r)| !r.trim_start().starts_with('Z'))
        })
        .unwrap_or(false)
}

impl Drop for MirrorPair {
    /// `down` kills by pid (SIGKILL) without waiting: wait here, bounded,
    /// until every process it killed has exited.
    fn drop(&mut self) {
        let pids = self.pids();
        let o = nsenter(self.world_pid, "sh")
            .args(["-c", &self.cmd("down", "")])
            .output();
        match o {
            Ok(o) if o.status.success() => {}
            Ok(o) => eprintln!("cephfs-mirror-pair.sh down failed: {}", text(&o)),
            Err(e) => eprintln!("cephfs-mirror-pair.sh down: {e}"),
        }
        let t = Instant::now();
        while pids.iter().any(|&p| running(p)) && t.elapsed() < Duration::from_secs(20) {
            std::thread::sleep(Duration::from_millis(100));
        }
        let left: Vec<u32> = pids.into_iter().filter(|&p| running(p)).collect();
        if left.is_empty() {
            eprintln!("mirror pair down in {:.1} s", t.elapsed().as_secs_f64());
        } else {
            eprintln!("mirror pair: still running 20 s after down: {left:?}");
        }
    }
}

/// Relative path and sha256 of every file below `dir`, sorted: one line each.
fn tree_sums(w: &World, dir: &Path) -> String {
    w.must(&format!(
        "cd '{}' && find . -type f -print0 | sort -z | xargs -0 sha256sum",
        dir.display()
    ))
}

/// The share's directory on cluster A is mirrored to cluster B: a backup
/// rvss retains (made and deleted through FSRVP) arrives on B under its
/// `@GMT` name with the content it had when taken, and the daemon reports
/// it synced.
#[test]
fn retained_backup_is_mirrored_to_the_peer_cluster() {
    let started = Instant::now();
    let mut w = World::new("ceph-mirror");
    let pair = MirrorPair::up(&w);
    let (mnt_a, mnt_b) = (w.dir.join("mntA"), w.dir.join("mntB"));
    pair.mount(&w, 'A', &mnt_a, "fa");
    pair.mount(&w, 'B', &mnt_b, "fb");
    // Only root may make snapshots on A: what rvss requires (as Ceph::start).
    pair.ceph(&w, 'A', "config set mds mds_snap_max_uid 0");
    let vm = mnt_a.join("share");
    w.must(&format!(
        "mkdir -p '{0}/dir' && head -c 8000000 /dev/urandom > '{0}/disk.vhdx' && \
         echo note > '{0}/dir/note.txt'",
        vm.display()
    ));
    w.must(&pair.cmd("add", "/share"));
    w.add_share("vm", &vm, &["vfs objects = rvss", "rvss:retain = 2"]);
    with_previous_versions(&mut w, "vm");
    w.start_samba();

    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"));
    assert_eq!(e.len(), 1);
    let taken = Instant::now();
    let names = snaps(|s| w.must(s), &vm);
    assert_eq!(names.len(), 1, "{names:?}");
    let name = names[0].clone();
    assert!(name.starts_with("@GMT-"), "{name}");
    let snap_a = vm.join(".snap").join(&name);
    let expected = tree_sums(&w, &snap_a);
    // The live share moves on: the backup on B must be the snapshot's.
    w.must(&format!(
        "head -c 1000 /dev/urandom >> '{0}/disk.vhdx' && echo later > '{0}/later.txt'",
        vm.display()
    ));
    w.rpc_ok(&format!("fss_delete vm {} {}", e[0].set, e[0].copy));
    let v: serde_json::Value = serde_json::from_slice(&w.cli("list --json").stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(1), "{v}");
    assert_eq!(v[0]["state"], "retained", "{v}");
    assert_eq!(snaps(|s| w.must(s), &vm), vec![name.clone()]);

    // On B under the same name, with the same content, within a bound
    // (the daemon's first sync takes about 35 s after its start).
    let snap_b = mnt_b.join("share/.snap").join(&name);
    let deadline = Duration::from_secs(180);
    loop {
        let o = w.sh(&format!("test -d '{}'", snap_b.display()));
        if o.status.success() {
            break;
        }
        if taken.elapsed() > deadline {
            let b = w.sh(&format!("ls -la '{}/share/.snap'", mnt_b.display()));
            let st = w.sh(&pair.cmd("status", ""));
            panic!(
                "{name} not on B after {deadline:?}:\n{}\n{}\n{}",
                text(&b),
                text(&st),
                pair.logs()
            );
        }
        std::thread::sleep(Duration::from_millis(500));
    }
    eprintln!(
        "{name} on B {:.1} s after it was taken ({:.1} s into the test)",
        taken.elapsed().as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    let got = tree_sums(&w, &snap_b);
    assert_eq!(got, expected, "B's {name} differs from A's");
    assert!(
        expected.contains("./disk.vhdx") && expected.contains("./dir/note.txt"),
        "{expected}"
    );
    // ... not the live share's.
    let disk = |sums: &str| {
        sums.lines()
            .find(|l| l.ends_with("./disk.vhdx"))
            .map(str::to_string)
    };
    let live = tree_sums(&w, &vm);
    assert!(
        live.contains("./later.txt") && !got.contains("later.txt"),
        "{got}"
    );
    assert_ne!(disk(&live), disk(&got), "{live}\n{got}");

    // The daemon reports the directory synced up to this snapshot.
    let status = loop {
        let s = pair.status(&w);
        let d = &s["/share"];
        if d["last_synced_snap"]["name"] == name.as_str() && d["state"] == "idle" {
            break s;
        }
        assert!(
            taken.elapsed() < deadline,
            "peer status never showed {name} synced: {s}"
        );
        std::thread::sleep(Duration::from_millis(500));
    };
    let d = &status["/share"];
    assert!(d["snaps_synced"].as_u64().unwrap_or(0) >= 1, "{status}");
    assert_eq!(d["snaps_deleted"].as_u64(), Some(0), "{status}");
    eprintln!(
        "peer status: {status}; whole test {:.1} s",
        started.elapsed().as_secs_f64()
    );
    drop(pair);
}
