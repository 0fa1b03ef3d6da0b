//! The cluster harness: a real single-host Ceph cluster with one CephFS
//! (scripts/cephfs-cluster.sh: mon, mgr, memstore OSD, MDS on 127.0.0.1 of
//! the world's private network namespace, every path below the world's
//! directory) and a two-node CTDB cluster of real ctdbd + smbd, each node in
//! its own mount namespace (inside the world's) with its own ceph-fuse mount
//! of the same filesystem at the same path, its own Samba directories, and
//! its own address (127.0.0.11, 127.0.0.12). Shares live in the clustered
//! registry. Everything is torn down on drop (ceph-fuse first, then the
//! daemons, by pid); the world then kills whatever is left in its namespace.

use super::*;
use std::sync::Once;

mod cluster;
// Not every target that includes the harness runs a cluster.
#[allow(unused_imports)]
pub use cluster::{Cluster, Node};

pub const NODE_ADDRS: [&str; 2] = ["127.0.0.11", "127.0.0.12"];

/// With `Network::PublicAddress`: the bridge in the world's network
/// namespace (Ceph listens on its address), the nodes' own addresses on it,
/// and the public address CTDB moves between them.
pub const BRIDGE_ADDR: &str = "10.99.0.1";
pub const BRIDGED_NODE_ADDRS: [&str; 2] = ["10.99.0.11", "10.99.0.12"];
pub const PUBLIC_ADDR: &str = "10.99.0.100";
const BRIDGE: &str = "rvbr0";

/// How the nodes of a cluster are networked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Network {
    /// Both nodes in the world's network namespace on 127.0.0.11 and
    /// 127.0.0.12; CTDB's failover (public addresses) disabled: in one
    /// network namespace an address one node adds is the other's too, so
    /// CTDB cannot move it (the survivor's takeip fails "Address already
    /// assigned" and CTDB bans it).
    Loopback,
    /// Each node in a network namespace of its own, joined to a bridge in
    /// the world's by a veth pair, as machines on one LAN: Ceph on
    /// BRIDGE_ADDR, the nodes on BRIDGED_NODE_ADDRS, and PUBLIC_ADDR served
    /// by whichever node CTDB gives it (10.interface adds it to the node's
    /// veth, named lonodeN: the script's link monitor needs ethtool except
    /// for lo* names). smbd listens on every address of its namespace.
    PublicAddress,
}

/// CTDB's cluster lock: a RADOS object lock held for 5 s at a time and
/// renewed, so that a node that dies loses it in 5 s. (A lock file on
/// CephFS is held by the dead node's CephFS session until the MDS closes
/// it, which stalled the election here for as long as that takes.)
const CLUSTER_LOCK: &str =
    "!/usr/libexec/ctdb/ctdb_mutex_ceph_rados_helper ceph client.admin ctdb ctdb_reclock 5";

/// Installs the cluster packages (scripts/deps-cluster.sh, idempotent): the
/// tests fail loudly when that is impossible, never skip.
pub fn install_cluster_packages() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let o = Command::new("bash")
            .arg(manifest_dir().join("scripts/deps-cluster.sh"))
            .output()
            .expect("bash");
        assert!(
            o.status.success(),
            "scripts/deps-cluster.sh failed:\n{}",
            text(&o)
        );
        for tool in [
            "ceph-mon",
            "ceph-osd",
            "ceph-mds",
            "ceph-mgr",
            "ceph-fuse",
            "cephfs-mirror",
            "ctdbd",
        ] {
            let found = Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .map(|o| o.status.success())
                .unwrap_or(false);
            assert!(found, "{tool} is missing after scripts/deps-cluster.sh");
        }
    });
}

fn script() -> String {
    manifest_dir()
        .join("scripts/cephfs-cluster.sh")
        .display()
        .to_string()
}

/// A running Ceph cluster inside a world.
pub struct Ceph {
    world_pid: u32,
    pub dir: PathBuf,
    pub conf: PathBuf,
    /// ceph-fuse mounts made in the world's own mount namespace.
    mounts: Vec<PathBuf>,
}

impl Ceph {
    pub fn start(w: &World) -> Ceph {
        Ceph::start_at(w, "127.0.0.1")
    }

    /// A cluster listening on `addr` (an address of the world's network
    /// namespace).
    pub fn start_at(w: &World, addr: &str) -> Ceph {
        install_cluster_packages();
        let dir = w.dir.join("ceph");
        let t = Instant::now();
        let c = Ceph {
            world_pid: w.pid,
            conf: dir.join("ceph.conf"),
            dir,
            mounts: vec![],
        };
        let o = w.sh(&format!(
            "CEPH_ADDR={addr} '{}' up '{}' 2>&1",
            script(),
            c.dir.display()
        ));
        assert!(
            o.status.success(),
            "Ceph did not come up:\n{}\n{}",
            text(&o),
            c.logs()
        );
        eprintln!("ceph: cluster up in {:.1} s", t.elapsed().as_secs_f64());
        // Only root may make or remove snapshots: what rvss requires of a
        // cluster it serves (vfs_rvss(8)); `open_snapdirs` undoes it.
        c.ceph(w, "config set mds mds_snap_max_uid 0");
        c
    }

    /// Lets every uid make and remove snapshots again (the MDS's default
    /// `mds_snap_max_uid`), as a cluster nobody closed.
    pub fn open_snapdirs(&self, w: &World) {
        self.ceph(w, "config set mds mds_snap_max_uid 4294967294");
    }

    /// Closes `.snap` to every uid but root's again.
    pub fn close_snapdirs(&self, w: &World) {
        self.ceph(w, "config set mds mds_snap_max_uid 0");
    }

    /// Mounts the filesystem at `mnt` in the world's mount namespace as
    /// client.`id`.
    pub fn mount(&mut self, w: &World, mnt: &Path, id: &str) {
        w.must(&format!(
            "'{}' mount '{}' '{}' '{id}' 2>&1",
            script(),
            self.dir.display(),
            mnt.display()
        ));
        self.mounts.push(mnt.to_path_buf());
    }

    /// Runs `ceph ...` against this cluster.
    pub fn ceph(&self, w: &World, args: &str) -> String {
        w.must(&format!("CEPH_CONF='{}' ceph {args}", self.conf.display()))
    }

    pub fn logs(&self) -> String {
        let mut s = String::new();
        if let Ok(rd) = fs::read_dir(self.dir.join("log")) {
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
        s
    }
}

impl Drop for Ceph {
    fn drop(&mut self) {
        let mut sh = String::new();
        for m in self.mounts.iter().rev() {
            sh.push_str(&format!("umount -l '{}' 2>/dev/null\n", m.display()));
        }
        sh.push_str(&format!("'{}' down '{}'\n", script(), self.dir.display()));
        let _ = Command::new("nsenter")
            .args([
                "-t",
                &self.world_pid.to_string(),
                "-m",
                "-n",
                "-r",
                "-w",
                "--",
            ])
            .args(["sh", "-c", &sh])
            .output();
    }
}
