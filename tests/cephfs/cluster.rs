//! The two-node CTDB cluster: each node with its own smbd and ceph-fuse
//! mount of the same CephFS, shares in the clustered registry.

use super::*;

/// The fencing event script's decisions (no cluster needed).
#[path = "fencing.rs"]
mod fencing;

/// A cluster with the CephFS share `vm` (and `vm2`) in the clustered
/// registry, Previous Versions through vfs_ceph_snapshots.
fn cluster(name: &str, globals: &[&str]) -> (World, Cluster, PathBuf, PathBuf) {
    let w = World::new(name);
    let c = Cluster::start(&w, globals);
    let vm = c.mnt.join("vm");
    let vm2 = c.mnt.join("vm2");
    c.nodes[0].must(&format!(
        "mkdir '{0}' '{1}' && echo original > '{0}/disk.vhdx' && echo two > '{1}/disk.vhdx'",
        vm.display(),
        vm2.display()
    ));
    for (s, p) in [("vm", &vm), ("vm2", &vm2)] {
        c.add_share(
            s,
            p,
            &["vfs objects = ceph_snapshots rvss", "ceph:snapdir = .snap"],
        );
    }
    (w, c, vm, vm2)
}

/// The safe clustered configuration vfs_rvss(8) ships: FSRVP state kept
/// per node (not in a CTDB database), one rpcd_fsrvp worker per node.
const SAFE_GLOBALS: &[&str] = &["ctdb:srv_fss.tdb = no", "rpcd_fsrvp:num_workers = 1"];

#[test]
fn cluster_round_trip_through_node_a_read_through_node_b() {
    let (_w, c, vm, vm2) = cluster("ctdb-roundtrip", SAFE_GLOBALS);
    let (a, b) = (&c.nodes[0], &c.nodes[1]);
    // Both nodes serve the registry shares.
    assert_eq!(b.smb_cat("vm", "disk.vhdx"), "original\n");
    let t = Instant::now();
    let out = a.rpc_ok("fss_create_expose backup ro vm vm2");
    eprintln!(
        "cluster create+expose (2 shares): {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let ex = parse_expose(&out);
    assert_eq!(ex.len(), 2, "{out}");
    let names = snaps(|s| a.must(s), &vm);
    assert_eq!(names.len(), 1);
    // Seen at once through node B's own ceph-fuse mount.
    assert_eq!(snaps(|s| b.must(s), &vm), names);
    assert_eq!(snaps(|s| b.must(s), &vm2).len(), 1);
    a.must(&format!("echo changed > '{}/disk.vhdx'", vm.display()));
    for n in [a, b] {
        let e = ex.iter().find(|e| e.share == "vm").unwrap();
        assert_eq!(n.smb_cat(&e.unc_share(), "disk.vhdx"), "original\n");
        assert_eq!(n.smb_cat("vm", "disk.vhdx"), "changed\n");
        let listing = n.smb_ok("vm", "ls");
        assert!(
            listing.contains("disk.vhdx") && !listing.contains(".snap"),
            "{listing}"
        );
        let info = n.smb_ok("vm", "allinfo disk.vhdx");
        previous_version(&info, &names[0]);
    }
    // Deleting through node A removes the snapshots and the shares, for both.
    for e in &ex {
        a.rpc_ok(&format!("fss_delete {} {} {}", e.share, e.set, e.copy));
    }
    assert!(snaps(|s| b.must(s), &vm).is_empty());
    assert!(snaps(|s| b.must(s), &vm2).is_empty());
    let reg = b.must("net conf listshares");
    assert!(!reg.contains('@'), "{reg}");
}

#[test]
fn node_a_dies_mid_set_retry_on_b_then_gc_from_either_node() {
    let (w, mut c, vm, _vm2) = cluster("ctdb-failover", SAFE_GLOBALS);
    // A live set through node B, which nothing may touch.
    let live = parse_expose(&c.nodes[1].rpc_ok("fss_create_expose backup ro vm2"));
    assert_eq!(live.len(), 1);
    // Node A commits a set (the snapshot exists) and dies before the
    // client has exposed it: rpcclient's steps one by one.
    let a = &c.nodes[0];
    let o = a.sh(&format!(
        "rpcclient -U 'root%{PASSWORD}' ncacn_np:{} -c 'fss_create_expose backup ro vm' >/dev/null 2>&1 & sleep 0; \
         for i in $(seq 1 100); do ls '{}/.snap' | grep -q GMT && exit 0; sleep 0.05; done; exit 1",
        a.addr,
        vm.display()
    ));
    // The loop fails unless the snapshot appeared within 5 s.
    assert!(o.status.success(), "A never committed: {}", text(&o));
    let leader = text(&c.nodes[1].ctdb("status"))
        .lines()
        .find_map(|l| l.strip_prefix("Leader:").map(str::to_string))
        .unwrap_or_default();
    eprintln!("ctdb: leader before A dies: pnn {leader}");
    c.nodes[0].kill();
    let left = snaps(|s| c.nodes[1].must(s), &vm);
    assert_eq!(left.len(), 1, "A left its snapshot behind: {left:?}");
    // The cluster goes on without A.
    let b = &c.nodes[1];
    let t = Instant::now();
    let recovered;
    loop {
        let st = text(&b.ctdb("status"));
        let b_ok = st
            .lines()
            .any(|l| l.starts_with("pnn:1 127.0.0.12") && l.contains("OK"));
        if st.contains("Recovery mode:NORMAL") && b_ok {
            recovered = t.elapsed();
            break;
        }
        assert!(t.elapsed().as_secs() < 60, "{st}");
        std::thread::sleep(std::time::Duration::from_millis(300));
    }
    eprintln!(
        "ctdb: B alone and NORMAL {:.1} s after A died",
        recovered.as_secs_f64()
    );
    // Whether A got as far as exposing its set (rpcclient runs the whole
    // sequence in milliseconds): the exposed share is in the clustered
    // registry, and only A's own (lost or per-node) FSRVP state knew it.
    let a_exposed: Vec<String> = b
        .must("net conf listshares")
        .lines()
        .filter(|l| l.starts_with("vm@{"))
        .map(str::to_string)
        .collect();
    eprintln!("A's set was exposed before A died: {a_exposed:?}");
    // The backup client retries on node B: a full set works.
    let retry = parse_expose(&b.rpc_ok("fss_create_expose backup ro vm"));
    assert_eq!(retry.len(), 1);
    assert_eq!(b.smb_cat(&retry[0].unc_share(), "disk.vhdx"), "original\n");
    assert_eq!(snaps(|s| b.must(s), &vm).len(), 2);
    // gc within the grace period: nothing goes.
    let o = b.cli("gc --grace 1h --json");
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "[]");
    if !a_exposed.is_empty() {
        // An exposed share keeps its snapshot: gc leaves it until the
        // share is gone. The admin removes the dead node's share (its set
        // can no longer be deleted through FSRVP by any other node).
        let o = b.cli("gc --grace 0 --json");
        assert_eq!(
            String::from_utf8_lossy(&o.stdout).trim(),
            "[]",
            "{}",
            text(&o)
        );
        for share in &a_exposed {
            b.must(&format!("net conf delshare '{share}'"));
        }
    }
    // Node A comes back; gc run from A sees the same catalog and the same
    // live sets (the clustered registry) as B.
    let t = Instant::now();
    c.restart(0, "node0again");
    eprintln!(
        "ctdb: A restarted and both nodes healthy in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let a = &c.nodes[0];
    let b = &c.nodes[1];
    assert_eq!(snaps(|s| a.must(s), &vm).len(), 2);
    // The grace period has not passed: nothing goes.
    let o = a.cli("gc --grace 1h --json");
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "[]",
        "{}",
        text(&o)
    );
    assert_eq!(snaps(|s| a.must(s), &vm).len(), 2);
    // It counts from when a gc first saw the snapshot unreferenced (just
    // now, at the latest): 2 s later a 2 s grace has passed. Only what A
    // left behind goes; the retried set and the live set on vm2 stay.
    std::thread::sleep(std::time::Duration::from_millis(2100));
    let o = a.cli("gc --grace 2s --json");
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v[0]["kind"], "orphan");
    assert_eq!(
        v[0]["path"].as_str().unwrap(),
        format!("{}/.snap/{}", vm.display(), left[0])
    );
    for n in [a, b] {
        let now = snaps(|s| n.must(s), &vm);
        assert_eq!(now.len(), 1);
        assert_ne!(now[0], left[0]);
        assert_eq!(snaps(|s| n.must(s), &_vm2).len(), 1);
        assert_eq!(n.smb_cat(&live[0].unc_share(), "disk.vhdx"), "two\n");
        assert_eq!(n.smb_cat(&retry[0].unc_share(), "disk.vhdx"), "original\n");
    }
    // Nothing more to collect, from either node.
    for n in [a, b] {
        let o = n.cli("gc --grace 0 --json");
        assert_eq!(
            String::from_utf8_lossy(&o.stdout).trim(),
            "[]",
            "{}",
            text(&o)
        );
    }
    drop(w);
}

/// Where Samba's FSRVP state lives with `clustering = yes`, and what a node
/// knows of a set made through the other one. The findings vfs_rvss(8)
/// documents come from here (printed with --nocapture).
#[test]
fn fsrvp_state_with_clustering() {
    // Samba's defaults: srv_fss.tdb is opened through dbwrap, which with
    // clustering puts it into CTDB (a volatile, cluster-wide database).
    let (_w, c, _vm, _vm2) = cluster("ctdb-state-default", &[]);
    let (a, b) = (&c.nodes[0], &c.nodes[1]);
    let set_a = parse_expose(&a.rpc_ok("fss_create_expose backup ro vm"));
    assert_eq!(set_a.len(), 1);
    let dbmap = text(&a.ctdb("getdbmap"));
    eprintln!("default: ctdb getdbmap on A:\n{dbmap}");
    assert!(dbmap.contains("srv_fss.tdb"), "{dbmap}");
    let dump = |n: &common::ceph::Node| text(&n.ctdb("catdb srv_fss.tdb"));
    let after_a = dump(b);
    eprintln!("default: catdb srv_fss.tdb (through B) after A's set:\n{after_a}");
    assert!(after_a.contains(&set_a[0].set), "{after_a}");
    // B's rpcd_fsrvp keeps its own copy in memory (read at its start): it
    // does not know A's set (E_INVALIDARG: no such set) and cannot delete
    // it (FSRVP_E_OBJECT_NOT_FOUND).
    let e = &set_a[0];
    let o = b.rpc(&format!("fss_get_mapping vm {} {}", e.set, e.copy));
    eprintln!(
        "default: fss_get_mapping of A's set through B: {}",
        text(&o)
    );
    assert!(text(&o).contains("0x80070057"), "{}", text(&o));
    let o = b.rpc(&format!("fss_delete vm {} {}", e.set, e.copy));
    eprintln!("default: fss_delete of A's set through B: {}", text(&o));
    assert!(text(&o).contains("0x80042308"), "{}", text(&o));
    // A set made through B rewrites the shared database from B's memory
    // (fss_state_store wipes, then stores): A's set is gone from it.
    let set_b = parse_expose(&b.rpc_ok("fss_create_expose backup ro vm2"));
    assert_eq!(set_b.len(), 1);
    let after_b = dump(a);
    eprintln!("default: catdb srv_fss.tdb after B's set:\n{after_b}");
    assert!(after_b.contains(&set_b[0].set), "{after_b}");
    assert!(
        !after_b.contains(&e.set),
        "A's set survived B's store:\n{after_b}"
    );
    // A still knows its set (memory) and deletes it.
    a.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    // rvss doctor on a node warns about this configuration.
    let doc = text(&b.cli("doctor"));
    assert!(
        doc.lines().any(|l| l.starts_with("warn")
            && l.contains("clustering")
            && l.contains("srv_fss.tdb")),
        "{doc}"
    );
    drop(c);
    drop(_w);

    // The shipped configuration: state per node, in the node's own lock
    // directory; B never sees A's sets, A's delete works.
    let (_w, c, vm, _vm2) = cluster("ctdb-state-safe", SAFE_GLOBALS);
    let (a, b) = (&c.nodes[0], &c.nodes[1]);
    let set_a = parse_expose(&a.rpc_ok("fss_create_expose backup ro vm"));
    let dbmap = text(&a.ctdb("getdbmap"));
    assert!(!dbmap.contains("srv_fss.tdb"), "{dbmap}");
    let local = a.dir.join("samba/run/samba/srv_fss.tdb");
    let size = std::fs::metadata(&local).map(|m| m.len()).unwrap_or(0);
    eprintln!(
        "safe: {} is {size} bytes; not in ctdb getdbmap",
        local.display()
    );
    assert!(size > 0);
    // B writes its state file once it stores a set of its own (Samba
    // creates it on the first store); it still does not know A's set.
    let set_b = parse_expose(&b.rpc_ok("fss_create_expose backup ro vm2"));
    assert_eq!(set_b.len(), 1);
    let b_local = b.dir.join("samba/run/samba/srv_fss.tdb");
    assert!(
        std::fs::metadata(&b_local).is_ok_and(|m| m.len() > 0),
        "B stored a set but has no {}",
        b_local.display()
    );
    let o = b.rpc(&format!(
        "fss_get_mapping vm {} {}",
        set_a[0].set, set_a[0].copy
    ));
    assert!(text(&o).contains("0x80070057"), "{}", text(&o));
    b.rpc_ok(&format!(
        "fss_delete vm2 {} {}",
        set_b[0].set, set_b[0].copy
    ));
    let doc = text(&a.cli("doctor"));
    assert!(
        doc.lines()
            .any(|l| l.starts_with("ok") && l.contains("clustering")),
        "{doc}"
    );
    // The exposed share is in the clustered registry: B serves it too.
    assert_eq!(b.smb_cat(&set_a[0].unc_share(), "disk.vhdx"), "original\n");
    a.rpc_ok(&format!("fss_delete vm {} {}", set_a[0].set, set_a[0].copy));
    assert!(snaps(|s| b.must(s), &vm).is_empty());
}

/// CTDB's public address failover: each node in a network namespace of its
/// own on a bridge (as machines on one LAN), the backup client in the
/// world's namespace talking FSRVP and SMB to the public address only.
/// The node holding the address fails in the middle of a set (processes
/// killed, its interface gone); the address moves to the other node, which
/// fences the dead node's CephFS session (scripts/ctdb/05.rvss-cephfs-evict
/// .script), and the client's retry of the set on the same address works
/// there at once: 4.7 to 17.4 s after the failure in 7 runs under load
/// (without the fencing the set waited 31.5 s for the MDS here, and Ceph's
/// default timeouts make that up to 5 minutes).
#[test]
fn public_address_moves_to_b_and_the_retry_on_it_works() {
    use common::ceph::{Network, PUBLIC_ADDR};
    let w = World::new("ctdb-public");
    // When the test fails, the daemons' logs outlive the world's directory.
    struct KeepLogs(PathBuf);
    impl Drop for KeepLogs {
        fn drop(&mut self) {
            if !std::thread::panicking() {
                return;
            }
            let dst = format!("/tmp/rvss-failover-logs-{}", std::process::id());
            let logs = "ceph/log node0/ctdb node1/ctdb node0/samba/var/log node1/samba/var/log";
            let _ = std::process::Command::new("sh")
                .args([
                    "-c",
                    &format!("mkdir -p {dst} && cp -a --parents {logs} {dst}/"),
                ])
                .current_dir(&self.0)
                .status();
            eprintln!("logs kept in {dst}");
        }
    }
    let _keep = KeepLogs(w.dir.clone());
    let mut c = Cluster::start_with(&w, SAFE_GLOBALS, Network::PublicAddress);
    let vm = c.mnt.join("vm");
    c.nodes[0].must(&format!(
        "mkdir '{0}' && echo original > '{0}/disk.vhdx'",
        vm.display()
    ));
    c.add_share(
        "vm",
        &vm,
        &["vfs objects = ceph_snapshots rvss", "ceph:snapdir = .snap"],
    );
    // Who serves the public address, as CTDB says (`ctdb ip`: address, pnn).
    let holder_of = |n: &common::ceph::Node| -> Option<usize> {
        text(&n.ctdb("ip"))
            .lines()
            .find_map(|l| l.strip_prefix(&format!("{PUBLIC_ADDR} ")))
            .and_then(|p| p.trim().parse::<i64>().ok())
            .and_then(|p| usize::try_from(p).ok())
    };
    let t = Instant::now();
    let a = loop {
        if let Some(p) = holder_of(&c.nodes[1]) {
            break p;
        }
        assert!(
            t.elapsed().as_secs() < 60,
            "{}",
            text(&c.nodes[1].ctdb("ip all"))
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    };
    let b = 1 - a;
    eprintln!("ctdb: {PUBLIC_ADDR} is served by pnn {a}");
    // The client (in the world, never on a node) knows the public address only.
    let rpc = |cmds: &str| {
        w.sh(&format!(
            "rpcclient -U 'root%{PASSWORD}' ncacn_np:{PUBLIC_ADDR} -c '{cmds}' 2>&1"
        ))
    };
    let smb_cat = |share: &str, file: &str| {
        let o = w.sh(&format!(
            "smbclient -U 'root%{PASSWORD}' '//{PUBLIC_ADDR}/{share}' -c 'get {file} -' 2>/dev/null"
        ));
        String::from_utf8_lossy(&o.stdout).into_owned()
    };
    let o = rpc("fss_create_expose backup ro vm");
    assert!(o.status.success(), "{}", text(&o));
    let first = parse_expose(&text(&o));
    assert_eq!(first.len(), 1, "{}", text(&o));
    assert!(smb_cat(&first[0].unc_share(), "disk.vhdx").starts_with("original"));
    let o = rpc(&format!("fss_delete vm {} {}", first[0].set, first[0].copy));
    assert!(o.status.success(), "{}", text(&o));

    // A set through the public address; A fails once its snapshot exists.
    let mut background = w.spawn_sh(&format!(
        "rpcclient -U 'root%{PASSWORD}' ncacn_np:{PUBLIC_ADDR} -c 'fss_create_expose backup ro vm' >/dev/null 2>&1"
    ));
    let t = Instant::now();
    while snaps(|s| c.nodes[b].must(s), &vm).is_empty() {
        assert!(t.elapsed().as_secs() < 30, "A made no snapshot");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let mac = |n: &common::ceph::Node, i: usize| {
        n.must(&format!("ip -o link show lonode{i}"))
            .split("link/ether ")
            .nth(1)
            .and_then(|r| r.split_whitespace().next())
            .unwrap_or_default()
            .to_string()
    };
    let a_mac = mac(&c.nodes[a], a);
    c.crash(a);
    let _ = background.wait();
    let died = Instant::now();
    // The LAN outlives the node: B still reaches Ceph and the client at the
    // same MAC (a bridge that changed it stalled B for 20-40 s).
    assert_eq!(c.bridge_mac(), "02:72:76:73:73:01");
    // The address moves to B.
    let moved = loop {
        if holder_of(&c.nodes[b]) == Some(b) {
            break died.elapsed();
        }
        assert!(
            died.elapsed().as_secs() < 90,
            "{PUBLIC_ADDR} did not move to pnn {b}:\n{}\n{}",
            text(&c.nodes[b].ctdb("status")),
            c.nodes[b].logs()
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    // ... and answers FSRVP there (what the client meets meanwhile is
    // shown, once per kind of failure).
    let mut seen = vec![];
    let answers = loop {
        let t = Instant::now();
        let o = rpc("fss_get_sup_version");
        if o.status.success() {
            break died.elapsed();
        }
        let why = text(&o)
            .lines()
            .filter(|l| !l.contains("smb.conf"))
            .collect::<Vec<_>>()
            .join(" ");
        if !seen.contains(&why) {
            eprintln!(
                "at {:.1} s (the call took {:.1} s): {why}; the client's neighbour entry: {}",
                died.elapsed().as_secs_f64(),
                t.elapsed().as_secs_f64(),
                w.must(&format!("ip neigh show {PUBLIC_ADDR}")).trim()
            );
            seen.push(why);
        }
        assert!(
            died.elapsed().as_secs() < 90,
            "{PUBLIC_ADDR} does not answer"
        );
        std::thread::sleep(std::time::Duration::from_millis(100));
    };
    eprintln!(
        "the client's neighbour entry now: {}; B's MAC: {}; A's was {a_mac}",
        w.must(&format!("ip neigh show {PUBLIC_ADDR}")).trim(),
        mac(&c.nodes[b], b)
    );
    eprintln!(
        "ctdb: {PUBLIC_ADDR} on pnn {b} {:.1} s after pnn {a} failed; FSRVP answers there after {:.1} s",
        moved.as_secs_f64(),
        answers.as_secs_f64()
    );
    // B announced the address (gratuitous ARP): the client did not wait for
    // its neighbour entry of A's MAC to expire (20-45 s without).
    assert!(
        answers - moved < std::time::Duration::from_secs(15),
        "{PUBLIC_ADDR} answered {:.1} s after it moved",
        (answers - moved).as_secs_f64()
    );
    // The backup client's retry of the set, on the same address, works at
    // once. A died holding CephFS capabilities B needs (the share's and the
    // catalog's directories): without fencing, B's lookups wait for the MDS
    // to time A's session out (session_timeout + session_autoclose; the set
    // took 31.5 s here, and CI saw Samba fail to canonicalize the share path
    // for 51 to over 150 s). CTDB's recovery on B ran the fencing script
    // (scripts/ctdb/05.rvss-cephfs-evict.script), which evicted A's session
    // before B took the address.
    let b_log = std::fs::read_to_string(c.nodes[b].dir.join("ctdb/log.ctdb")).unwrap_or_default();
    let a_addr = c.nodes[a].addr;
    let fenced: Vec<&str> = b_log
        .lines()
        .filter(|l| l.starts_with("rvss-cephfs-evict:"))
        .collect();
    eprintln!("pnn {b}'s fencing: {fenced:?}");
    assert!(
        fenced
            .iter()
            .any(|l| l.contains("evicted client.") && l.contains(&format!("failed node {a_addr} "))),
        "pnn {b} did not evict pnn {a}'s CephFS session: {fenced:?}\n{}",
        c.nodes[b].logs()
    );
    let blocklist = c.ceph.ceph(&w, "osd blocklist ls 2>/dev/null");
    assert!(
        blocklist.contains(&format!("{a_addr}:0/")),
        "pnn {a}'s client is not blocklisted:\n{blocklist}"
    );
    let t = Instant::now();
    let o = rpc("fss_create_expose backup ro vm");
    let took = t.elapsed();
    let retry = parse_expose(&text(&o));
    assert_eq!(
        retry.len(),
        1,
        "the retried set failed on pnn {b} {:.1} s after pnn {a} failed:\n{}\n{}",
        died.elapsed().as_secs_f64(),
        text(&o),
        c.nodes[b].logs()
    );
    eprintln!(
        "the retried set worked {:.1} s after pnn {a} failed; the call took {:.1} s",
        died.elapsed().as_secs_f64(),
        took.as_secs_f64()
    );
    // Waiting on A's session would take the MDS's session_timeout (30 s).
    assert!(
        took < std::time::Duration::from_secs(15),
        "the set on pnn {b} took {:.1} s: it waited for the dead node's CephFS session",
        took.as_secs_f64()
    );
    assert!(smb_cat(&retry[0].unc_share(), "disk.vhdx").starts_with("original"));
    assert_eq!(snaps(|s| c.nodes[b].must(s), &vm).len(), 2);
    let o = rpc(&format!("fss_delete vm {} {}", retry[0].set, retry[0].copy));
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        snaps(|s| c.nodes[b].must(s), &vm).len(),
        1,
        "A's leftover stays for gc"
    );
}
