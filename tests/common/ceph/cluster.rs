//! The two-node CTDB cluster of the harness (see `super`): each node in
//! its own mount namespace with its own ceph-fuse mount, ctdbd and smbd.

use super::*;

/// The bridge's own MAC (locally administered), see `Cluster::start_with`.
const BRIDGE_MAC: &str = "02:72:76:73:73:01";

/// One CTDB node: ctdbd and smbd in a mount namespace of its own.
pub struct Node {
    pub pnn: usize,
    pub addr: &'static str,
    pub dir: PathBuf,
    holder: Child,
    pub pid: u32,
    alive: bool,
    smbd: Option<Child>,
}

impl Node {
    pub fn command(&self, program: &str) -> Command {
        nsenter(self.pid, program)
    }

    pub fn sh(&self, script: &str) -> Output {
        self.command("sh")
            .args(["-c", script])
            .output()
            .expect("nsenter")
    }

    pub fn must(&self, script: &str) -> String {
        let o = self.sh(script);
        assert!(
            o.status.success(),
            "node {}: `{script}` failed ({}):\n{}",
            self.pnn,
            o.status,
            text(&o)
        );
        String::from_utf8_lossy(&o.stdout).into_owned()
    }

    fn ctdb_env(&self) -> String {
        format!(
            "CTDB_TEST_MODE=yes CTDB_BASE='{}'",
            self.dir.join("ctdb").display()
        )
    }

    pub fn ctdb(&self, args: &str) -> Output {
        self.sh(&format!("{} ctdb {args}", self.ctdb_env()))
    }

    pub fn rpc(&self, cmds: &str) -> Output {
        self.sh(&format!(
            "rpcclient -U 'root%{PASSWORD}' ncacn_np:{} -c '{}'",
            self.addr,
            cmds.replace('\'', "'\\''")
        ))
    }

    pub fn rpc_ok(&self, cmds: &str) -> String {
        let o = self.rpc(cmds);
        // rpcclient exits 0 on some FSRVP errors: the output says.
        assert!(
            o.status.success() && crate::common::rpc_output::rpc_failure(&text(&o)).is_none(),
            "node {}: rpcclient -c '{cmds}' failed:\n{}\n{}",
            self.pnn,
            text(&o),
            self.logs()
        );
        text(&o)
    }

    pub fn smb(&self, share: &str, cmds: &str) -> Output {
        self.sh(&format!(
            "smbclient -U 'root%{PASSWORD}' '//{}/{share}' -c '{}'",
            self.addr,
            cmds.replace('\'', "'\\''")
        ))
    }

    pub fn smb_ok(&self, share: &str, cmds: &str) -> String {
        let o = self.smb(share, cmds);
        assert!(
            o.status.success(),
            "node {}: smbclient //{share} -c '{cmds}' failed:\n{}",
            self.pnn,
            text(&o)
        );
        text(&o)
    }

    /// A file of a share, read through smbclient on this node.
    pub fn smb_cat(&self, share: &str, file: &str) -> String {
        let local = self.dir.join("get.tmp");
        let _ = fs::remove_file(&local);
        self.smb_ok(share, &format!("get {file} {}", local.display()));
        let s = fs::read_to_string(&local).unwrap_or_default();
        let _ = fs::remove_file(&local);
        s
    }

    pub fn cli(&self, args: &str) -> Output {
        self.sh(&format!("'{}' {args}", cli_path().display()))
    }

    pub fn logs(&self) -> String {
        let mut s = String::new();
        for d in [self.dir.join("samba/var/log/samba"), self.dir.join("ctdb")] {
            if let Ok(rd) = fs::read_dir(&d) {
                for e in rd.flatten() {
                    let p = e.path();
                    if !p.is_file() || !p.to_string_lossy().contains("log") {
                        continue;
                    }
                    if let Ok(t) = fs::read_to_string(&p) {
                        let tail: Vec<&str> = t.lines().rev().take(25).collect();
                        s.push_str(&format!("== {}\n", p.display()));
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

    /// Pids of the processes in this node's mount namespace (smbd and its
    /// children, ctdbd and its helpers, ceph-fuse), all started by it.
    pub fn pids(&self) -> Vec<u32> {
        let Ok(ns) = fs::read_link(format!("/proc/{}/ns/mnt", self.pid)) else {
            return vec![];
        };
        let mut v = vec![];
        for e in fs::read_dir("/proc").into_iter().flatten().flatten() {
            let Ok(p) = e.file_name().to_string_lossy().parse::<u32>() else {
                continue;
            };
            if p != self.pid
                && fs::read_link(format!("/proc/{p}/ns/mnt")).ok().as_ref() == Some(&ns)
            {
                v.push(p);
            }
        }
        v
    }

    /// The node dies: every process of it is killed at once (SIGKILL), as
    /// a crashed machine would stop. Its mount namespace goes with them.
    pub fn kill(&mut self) {
        for _ in 0..3 {
            let pids = self.pids();
            if pids.is_empty() {
                break;
            }
            for p in pids {
                let _ = Command::new("kill")
                    .args(["-KILL", &p.to_string()])
                    .status();
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        if let Some(mut c) = self.smbd.take() {
            let _ = c.wait();
        }
        self.alive = false;
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let mnt_of = |p: u32| fs::read_link(format!("/proc/{p}/ns/mnt")).ok();
        if mnt_of(self.pid).is_some() {
            // ceph-fuse first (a client whose daemons die first hangs).
            let _ = self.sh("umount -l \"$(awk '$3 == \"fuse.ceph-fuse\" { print $2 }' /proc/self/mounts | head -1)\" 2>/dev/null");
        }
        self.kill();
        let _ = self.holder.kill();
        let _ = self.holder.wait();
    }
}

/// Two CTDB nodes serving the same CephFS through clustered Samba.
pub struct Cluster {
    pub nodes: Vec<Node>,
    pub network: Network,
    world_pid: u32,
    /// The CephFS mount path, the same on every node.
    pub mnt: PathBuf,
    pub ceph: Ceph,
    pub global_options: Vec<String>,
}

fn node_smb_conf(addr: &str, network: Network, socket: &Path, extra: &[String]) -> String {
    // On a bridge, smbd listens on every address of the node's namespace:
    // the public address comes and goes with CTDB's takeovers.
    let listen = match network {
        Network::Loopback => format!("interfaces = {addr}/8\n\tbind interfaces only = yes"),
        Network::PublicAddress => {
            format!("interfaces = {addr}/24 {PUBLIC_ADDR}/24\n\tbind interfaces only = no")
        }
    };
    let mut c = format!(
        "[global]\n\
         \tworkgroup = RVSSTEST\n\
         \tnetbios name = RVSSCLUSTER\n\
         \tserver role = standalone server\n\
         \tclustering = yes\n\
         \tctdbd socket = {}\n\
         \t{listen}\n\
         \tregistry shares = yes\n\
         \tinclude = registry\n\
         \tlog level = 3 rvss:10\n\
         \tlog file = /var/log/samba/log.%m\n\
         \tmax log size = 0\n\
         \tdisable spoolss = yes\n\
         \tload printers = no\n\
         \tfss: sequence timeout = 30\n",
        socket.display()
    );
    for o in extra {
        c.push_str(&format!("\t{o}\n"));
    }
    c
}

impl Cluster {
    /// Brings up Ceph (in the world) and two nodes, each with its own
    /// ceph-fuse mount at `<world>/cephfs`, ctdbd (test mode) and smbd;
    /// waits until both nodes are healthy and answer FSRVP.
    pub fn start(w: &World, global_options: &[&str]) -> Cluster {
        Cluster::start_with(w, global_options, Network::Loopback)
    }

    /// `start`, with the nodes networked as `network` says.
    pub fn start_with(w: &World, global_options: &[&str], network: Network) -> Cluster {
        let (ceph, addrs) = match network {
            Network::Loopback => (Ceph::start(w), NODE_ADDRS),
            Network::PublicAddress => {
                // A fixed MAC: a bridge without one takes its lowest port's,
                // so deleting a failed node's veth could change it, and the
                // survivor's packets to Ceph (and to the client) went to the
                // old MAC until its neighbour entry expired: 20-40 s in which
                // its CephFS session looked dead and the MDS evicted it.
                w.must(&format!(
                    "ip link add {BRIDGE} address {BRIDGE_MAC} type bridge && \
                     ip addr add {BRIDGE_ADDR}/24 dev {BRIDGE} && ip link set {BRIDGE} up"
                ));
                (Ceph::start_at(w, BRIDGE_ADDR), BRIDGED_NODE_ADDRS)
            }
        };
        let mnt = w.dir.join("cephfs");
        fs::create_dir_all(&mnt).unwrap();
        let mut nodes = vec![];
        for (pnn, addr) in addrs.iter().enumerate() {
            let dir = w.dir.join(format!("node{pnn}"));
            fs::create_dir_all(&dir).unwrap();
            let mut unshare = vec!["--mount", "--propagation", "private"];
            if network == Network::PublicAddress {
                unshare.push("--net");
            }
            let holder = w
                .command("unshare")
                .args(unshare)
                .args(["--", "sleep", "infinity"])
                .process_group(0)
                .spawn()
                .expect("unshare");
            let pid = holder.id();
            // nsenter runs unshare; wait until it execs sleep in a new
            // mount namespace
            let world_mnt = fs::read_link(format!("/proc/{}/ns/mnt", w.pid)).ok();
            let deadline = Instant::now() + Duration::from_secs(10);
            loop {
                let comm = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
                let ns = fs::read_link(format!("/proc/{pid}/ns/mnt")).ok();
                // the pid is nsenter's; its child is unshare/sleep
                if comm.trim() == "sleep" && ns != world_mnt {
                    break;
                }
                let kids = fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
                    .unwrap_or_default();
                if let Some(k) = kids.split_whitespace().next() {
                    let k: u32 = k.parse().unwrap();
                    let comm = fs::read_to_string(format!("/proc/{k}/comm")).unwrap_or_default();
                    if comm.trim() == "sleep" {
                        break;
                    }
                }
                assert!(
                    Instant::now() < deadline,
                    "node {pnn}: unshare did not start"
                );
                std::thread::sleep(Duration::from_millis(10));
            }
            let sleeper = {
                let comm = fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
                if comm.trim() == "sleep" {
                    pid
                } else {
                    fs::read_to_string(format!("/proc/{pid}/task/{pid}/children"))
                        .unwrap_or_default()
                        .split_whitespace()
                        .next()
                        .unwrap()
                        .parse()
                        .unwrap()
                }
            };
            if network == Network::PublicAddress {
                // A veth pair: one end on the bridge, the other the node's
                // only interface.
                w.must(&format!(
                    "ip link add rvh{pnn} type veth peer name lonode{pnn} && \
                     ip link set lonode{pnn} netns {sleeper} && \
                     ip link set rvh{pnn} master {BRIDGE} && ip link set rvh{pnn} up"
                ));
                nsenter(sleeper, "sh")
                    .args([
                        "-c",
                        &format!(
                            "ip link set lo up && ip addr add {addr}/24 dev lonode{pnn} && \
                             ip link set lonode{pnn} up"
                        ),
                    ])
                    .status()
                    .expect("nsenter");
            }
            nodes.push(Node {
                pnn,
                addr,
                dir,
                holder,
                pid: sleeper,
                alive: true,
                smbd: None,
            });
        }
        let c = Cluster {
            nodes,
            network,
            world_pid: w.pid,
            mnt,
            ceph,
            global_options: global_options.iter().map(|s| s.to_string()).collect(),
        };
        for n in &c.nodes {
            c.setup_node(n);
        }
        let t = Instant::now();
        for n in &c.nodes {
            c.start_ctdbd(n);
        }
        c.wait_healthy();
        eprintln!(
            "ctdb: both nodes healthy in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        for n in &c.nodes {
            n.must(&format!(
                "(echo {PASSWORD}; echo {PASSWORD}) | smbpasswd -s -a root >/dev/null"
            ));
        }
        let mut c = c;
        for n in c.nodes.iter_mut() {
            start_smbd(n);
        }
        c
    }

    fn setup_node(&self, n: &Node) {
        // Private Samba directories over the world's, and the node's own
        // ceph-fuse mount of the filesystem at the common path.
        let mut script = String::from("set -e\n");
        for d in super::SAMBA_DIRS {
            let own = n.dir.join("samba").join(d.trim_start_matches('/'));
            fs::create_dir_all(&own).unwrap();
            script.push_str(&format!("mount --bind '{}' {d}\n", own.display()));
        }
        fs::create_dir_all(n.dir.join("samba/var/lib/samba/private")).unwrap();
        n.must(&script);
        n.must(&format!(
            "'{}' mount '{}' '{}' node{} 2>&1",
            script_path(),
            self.ceph.dir.display(),
            self.mnt.display(),
            n.pnn
        ));
        let base = n.dir.join("ctdb");
        for sub in ["run", "volatile", "persistent", "state", "events/legacy"] {
            fs::create_dir_all(base.join(sub)).unwrap();
        }
        fs::write(
            base.join("nodes"),
            self.nodes
                .iter()
                .map(|n| n.addr)
                .map(|a| format!("{a}\n"))
                .collect::<String>(),
        )
        .unwrap();
        fs::write(
            base.join("ctdb.conf"),
            format!(
                "[logging]\n\tlocation = file:{}\n\tlog level = NOTICE\n\
                 [cluster]\n\tnode address = {}\n\tcluster lock = {}\n\
                 [database]\n\tvolatile database directory = {}\n\
                 \tpersistent database directory = {}\n\tstate database directory = {}\n\
                 [failover]\n\tdisabled = {}\n\
                 [legacy]\n\trealtime scheduling = false\n",
                base.join("log.ctdb").display(),
                n.addr,
                CLUSTER_LOCK,
                base.join("volatile").display(),
                base.join("persistent").display(),
                base.join("state").display(),
                self.network == Network::Loopback,
            ),
        )
        .unwrap();
        if self.network == Network::PublicAddress {
            fs::write(
                base.join("public_addresses"),
                format!("{PUBLIC_ADDR}/24 lonode{}\n", n.pnn),
            )
            .unwrap();
            // 10.interface (adds and removes the address) and the
            // functions it sources, from the ctdb package.
            fs::copy("/etc/ctdb/functions", base.join("functions")).unwrap();
            // (through a wrapper that skips a takeip of an address the
            // node already holds, as ctdbd does outside its test mode)
            std::os::unix::fs::symlink(
                harness_file("10.interface.script"),
                base.join("events/legacy/10.interface.script"),
            )
            .unwrap();
            // ctdbd's gratuitous ARPs after a takeover, which its test
            // mode skips (see the script).
            std::os::unix::fs::symlink(
                harness_file("11.test-garp.script"),
                base.join("events/legacy/11.test-garp.script"),
            )
            .unwrap();
            // The fencing an admin's setup does (vfs_rvss(8)): on failover
            // the survivor evicts the dead node's CephFS session, whose
            // capabilities would otherwise block it until the MDS times
            // the session out.
            std::os::unix::fs::symlink(
                manifest_dir().join("scripts/ctdb/05.rvss-cephfs-evict.script"),
                base.join("events/legacy/05.rvss-cephfs-evict.script"),
            )
            .unwrap();
        }
        fs::write(
            n.dir.join("samba/etc/samba/smb.conf"),
            node_smb_conf(n.addr, self.network, &self.socket(n), &self.global_options),
        )
        .unwrap();
    }

    pub fn socket(&self, n: &Node) -> PathBuf {
        n.dir.join("ctdb/run/ctdbd.socket")
    }

    fn start_ctdbd(&self, n: &Node) {
        // CEPH_CONF: the RADOS lock helper finds the test cluster.
        // CTDB_SCRIPT_VARDIR: the event scripts' state per node, not in
        // the host's /var/lib/ctdb/scripts (CTDB's functions default).
        n.must(&format!(
            "CEPH_CONF='{}' CTDB_SCRIPT_VARDIR='{}' {} ctdbd 2>&1",
            self.ceph.conf.display(),
            n.dir.join("ctdb/var/scripts").display(),
            n.ctdb_env()
        ));
    }

    /// Waits until every live node reports every live node OK.
    pub fn wait_healthy(&self) {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let live: Vec<&Node> = self.nodes.iter().filter(|n| n.alive).collect();
            let ok = live.iter().all(|n| {
                let o = n.ctdb("status");
                let t = text(&o);
                o.status.success()
                    && live.iter().all(|m| {
                        t.contains(&format!("pnn:{} {}", m.pnn, m.addr)) && {
                            t.lines()
                                .find(|l| l.contains(&format!("pnn:{} {}", m.pnn, m.addr)))
                                .is_some_and(|l| l.contains("OK"))
                        }
                    })
                    && t.contains("Recovery mode:NORMAL")
            });
            if ok {
                return;
            }
            if Instant::now() > deadline {
                let mut s = String::new();
                for n in &self.nodes {
                    s.push_str(&text(&n.ctdb("status")));
                    s.push_str(&n.logs());
                }
                panic!("CTDB did not become healthy in 60 s:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(300));
        }
    }
}

impl Cluster {
    /// The MAC of the bridge (Ceph's and the client's side of the LAN) with
    /// `Network::PublicAddress`.
    pub fn bridge_mac(&self) -> String {
        // (sysfs shows the host's interfaces, not the world's)
        let o = nsenter(self.world_pid, "ip")
            .args(["-o", "link", "show", BRIDGE])
            .output()
            .expect("nsenter");
        let line = String::from_utf8_lossy(&o.stdout).into_owned();
        line.split("link/ether ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or_default()
            .to_string()
    }

    /// Node `i`'s machine fails: its processes are killed and its network
    /// interface goes away (with `Network::PublicAddress`: the veth pair,
    /// and with it every address the node held).
    pub fn crash(&mut self, i: usize) {
        self.nodes[i].kill();
        if self.network == Network::PublicAddress {
            let o = nsenter(self.world_pid, "ip")
                .args(["link", "del", &format!("rvh{i}")])
                .output()
                .expect("nsenter");
            assert!(o.status.success(), "ip link del rvh{i}: {}", text(&o));
        }
    }

    /// Restarts node `i` after `Node::kill`, as a rebooted machine comes
    /// back: its mount namespace (kept by its holder) gets a fresh ceph-fuse
    /// mount, as client.`ceph_id` (the dead client's MDS session may still
    /// be open), then ctdbd and smbd; waits until both nodes are healthy.
    pub fn restart(&mut self, i: usize, ceph_id: &str) {
        {
            let n = &self.nodes[i];
            // The dead client's mount (ENOTCONN) is lazily detached first.
            let _ = n.sh(&format!("umount -l '{}' 2>/dev/null", self.mnt.display()));
            n.must(&format!(
                "'{}' mount '{}' '{}' {ceph_id} 2>&1",
                script_path(),
                self.ceph.dir.display(),
                self.mnt.display(),
            ));
            self.start_ctdbd(n);
        }
        self.nodes[i].alive = true;
        self.wait_healthy();
        start_smbd(&mut self.nodes[i]);
    }
}

fn start_smbd(n: &mut Node) {
    n.smbd = Some(spawn_smbd(n.command("smbd"), &n.dir.join("smbd.out")));
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let o = n.rpc("fss_get_sup_version");
        if o.status.success() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "node {}: Samba did not answer FSRVP in 30 s: {}\n{}",
            n.pnn,
            text(&o),
            n.logs()
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

impl Cluster {
    /// Adds a share to the clustered registry (through node 0): both nodes
    /// serve it at once.
    pub fn add_share(&self, name: &str, path: &Path, options: &[&str]) {
        let n = &self.nodes[0];
        n.must(&format!(
            "net conf addshare '{name}' '{}' writeable=y guest_ok=n",
            path.display()
        ));
        for o in options {
            let (k, v) = o.split_once('=').expect("option = value");
            n.must(&format!(
                "net conf setparm '{name}' '{}' '{}'",
                k.trim(),
                v.trim()
            ));
        }
    }
}

/// A file next to this one (the harness's CTDB event scripts), wherever
/// the test tree puts this directory.
fn harness_file(name: &str) -> PathBuf {
    let here = Path::new(file!()).parent().expect("a directory");
    manifest_dir().join(here).join(name)
}

fn script_path() -> String {
    script()
}
