//! FSRVP shadow copies on CephFS, end to end: a real Ceph cluster (mon,
//! mgr, OSD, MDS from Debian's packages) brought up per test in a private
//! network namespace, real ceph-fuse mounts, real smbd/rpcd_fsrvp loading
//! rvss.so, real rpcclient, smbclient and smbtorture; and a real two-node
//! CTDB cluster (ctdbd in test mode, clustered registry) where each node has
//! its own smbd and ceph-fuse mount of the same filesystem; and a pair of
//! clusters with the cephfs-mirror daemon copying a share's backups from one
//! to the other.
//!
//! Slow (Ceph takes about 10 s to come up per test): a binary of its own,
//! not the one of tests/e2e/ (Cargo.toml: test = false, so plain
//! `cargo test` leaves it out); `make test-cluster` runs it alone, and
//! `make test` runs it too, once.

/// The two-node CTDB cluster.
#[path = "cephfs/cluster.rs"]
mod cluster;
mod common;
/// Ceph's snapshot mirroring of a share to a peer cluster (cephfs-mirror).
#[path = "cephfs/mirror.rs"]
mod mirror;
/// Attacks on what rvss trusts on CephFS (catalog, `.snap`).
#[path = "cephfs/trust.rs"]
mod trust;
use common::ceph::{Ceph, Cluster};
use common::*;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Snapshot names in `<dir>/.snap` (the directory's own).
/// The Previous Versions label `allinfo` shows for the snapshot `name`.
/// vfs_ceph_snapshots labels a CephFS snapshot by its birth time
/// (`ceph.snap.btime`), which lies in the second of rvss's name or, when the
/// mkdir crossed a second boundary, the next one.
fn previous_version(info: &str, name: &str) -> String {
    let t = rvss::gmt::parse(&name[..rvss::gmt::TOKEN_LEN]).expect(name);
    info.lines()
        .map(str::trim)
        .filter(|l| l.len() == rvss::gmt::TOKEN_LEN)
        .find(|l| rvss::gmt::parse(l).is_some_and(|x| x == t || x == t + 1))
        .unwrap_or_else(|| panic!("no Previous Version of {name} in:\n{info}"))
        .to_string()
}

fn snaps(sh: impl Fn(&str) -> String, dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = sh(&format!("ls -1 '{}/.snap'", dir.display()))
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('_'))
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

/// A world running Ceph, the filesystem mounted at `<world>/cephfs`.
fn ceph_world(name: &str) -> (World, Ceph, PathBuf) {
    let w = World::new(name);
    let mut c = Ceph::start(&w);
    let mnt = w.dir.join("cephfs");
    std::fs::create_dir_all(&mnt).unwrap();
    c.mount(&w, &mnt, "world");
    (w, c, mnt)
}

/// Sets the share's options to its rvss options plus `rvss smbconf`'s
/// (before Samba starts: restarting Samba in a world would stop Ceph too,
/// which runs in the same namespaces).
fn with_previous_versions(w: &mut World, share: &str) {
    w.write_conf();
    let o = w.cli(&format!("smbconf {share}"));
    assert!(o.status.success(), "{}", text(&o));
    let lines: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(
        lines,
        vec![
            "vfs objects = ceph_snapshots rvss".to_string(),
            "ceph:snapdir = .snap".to_string()
        ]
    );
    let s = w.shares.iter_mut().find(|s| s.name == share).unwrap();
    s.options.retain(|o| !o.starts_with("vfs objects"));
    s.options.extend(lines);
}

#[test]
fn round_trip_hidden_previous_versions_and_delete() {
    let (mut w, _ceph, mnt) = ceph_world("ceph-roundtrip");
    let vm = mnt.join("vm");
    w.must(&format!(
        "mkdir '{0}' && echo original > '{0}/disk.vhdx'",
        vm.display()
    ));
    w.add_share("vm", &vm, &["vfs objects = rvss"]);
    with_previous_versions(&mut w, "vm");
    w.start_samba();

    assert!(w
        .rpc_ok("fss_is_path_sup vm")
        .contains("supports shadow copy requests"));
    let t = Instant::now();
    let out = w.rpc_ok("fss_create_expose backup ro vm");
    eprintln!("create+expose: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let ex = parse_expose(&out);
    assert_eq!(ex.len(), 1, "{out}");
    let names = snaps(|s| w.must(s), &vm);
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(names[0].starts_with("@GMT-"), "{names:?}");
    // The exposed share is the snapshot: commit-time content, read-only.
    let registry = w.must("net conf list");
    assert!(
        registry.contains(&format!("{}/.snap/{}", vm.display(), names[0])),
        "{registry}"
    );
    w.must(&format!("echo changed > '{}/disk.vhdx'", vm.display()));
    assert_eq!(w.smb_cat("vm", "disk.vhdx"), "changed\n");
    assert_eq!(w.smb_cat(&ex[0].unc_share(), "disk.vhdx"), "original\n");
    let o = w.smb(&ex[0].unc_share(), "put /etc/hostname x");
    // Refused as a write to a read-only snapshot (EROFS), not for any reason.
    assert!(
        !text(&o).contains("putting file") && text(&o).contains("NT_STATUS_MEDIA_WRITE_PROTECTED"),
        "{}",
        text(&o)
    );
    // Invisible to clients of the share: `.snap` is not listed (in a
    // listing that shows the share's own file).
    let listing = w.smb_ok("vm", "ls");
    assert!(
        listing.contains("disk.vhdx") && !listing.contains(".snap") && !listing.contains("@GMT"),
        "{listing}"
    );
    // Previous Versions through vfs_ceph_snapshots.
    let info = w.smb_ok("vm", "allinfo disk.vhdx");
    let label = previous_version(&info, &names[0]);
    let old = w.dir.join("old");
    w.smb_ok("vm", &format!("get {label}/disk.vhdx {}", old.display()));
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "original\n");

    // The CLI sees it exposed.
    let list = w.cli("list --json");
    let v: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 1, "{v}");
    assert_eq!(v[0]["state"], "exposed", "{v}");

    let e = &ex[0];
    let t = Instant::now();
    w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    eprintln!("delete: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    assert!(snaps(|s| w.must(s), &vm).is_empty());
    let list = w.cli("list --json");
    assert_eq!(
        String::from_utf8_lossy(&list.stdout).trim(),
        "[]",
        "{}",
        text(&list)
    );
}

#[test]
fn retention_keeps_backups_as_previous_versions_and_prunes() {
    let (mut w, _ceph, mnt) = ceph_world("ceph-retain");
    let vm = mnt.join("vm");
    w.must(&format!(
        "mkdir '{0}' && echo v1 > '{0}/disk.vhdx'",
        vm.display()
    ));
    w.add_share("vm", &vm, &["vfs objects = rvss", "rvss:retain = 1"]);
    with_previous_versions(&mut w, "vm");
    w.start_samba();
    let cycle = |w: &World| {
        let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"));
        assert_eq!(e.len(), 1);
        w.rpc_ok(&format!("fss_delete vm {} {}", e[0].set, e[0].copy));
    };
    cycle(&w);
    // FSRVP deleted it; the share retains: the snapshot stays, a backup.
    let kept = snaps(|s| w.must(s), &vm);
    assert_eq!(kept.len(), 1);
    let v: serde_json::Value = serde_json::from_slice(&w.cli("list --json").stdout).unwrap();
    assert_eq!(v[0]["state"], "retained", "{v}");
    w.must(&format!("echo v2 > '{}/disk.vhdx'", vm.display()));
    let info = w.smb_ok("vm", "allinfo disk.vhdx");
    previous_version(&info, &kept[0]);
    // The next backup replaces it (retain = 1): the older one is pruned.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    cycle(&w);
    let now = snaps(|s| w.must(s), &vm);
    assert_eq!(now.len(), 1, "{now:?}");
    assert_ne!(now, kept);
    // rvss prune finds nothing more to do.
    let o = w.cli("prune --json");
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "[]");
}

#[test]
fn multi_share_set_same_second_sets_structure_and_limit() {
    let (mut w, ceph, mnt) = ceph_world("ceph-multi");
    let (a, b) = (mnt.join("a"), mnt.join("b"));
    w.must(&format!(
        "mkdir '{0}' '{1}' && echo a > '{0}/f' && echo b > '{1}/f'",
        a.display(),
        b.display()
    ));
    w.add_share(
        "a",
        &a,
        &["vfs objects = rvss", "rvss:cephfs snap limit = 5"],
    );
    w.add_share("b", &b, &["vfs objects = rvss"]);
    w.start_samba();

    // One set across two CephFS directories.
    let out = w.rpc_ok("fss_create_expose backup ro a b");
    assert_eq!(parse_expose(&out).len(), 2, "{out}");
    assert_eq!(snaps(|s| w.must(s), &a).len(), 1);
    assert_eq!(snaps(|s| w.must(s), &b).len(), 1);
    // Sets back to back (the same second): each gets its own snapshot.
    let out2 = w.rpc_ok("fss_create_expose backup ro a");
    let out3 = w.rpc_ok("fss_create_expose backup ro a");
    let all = snaps(|s| w.must(s), &a);
    assert_eq!(all.len(), 3, "{all:?}\n{out2}\n{out3}");
    for e in parse_expose(&out2).iter().chain(&parse_expose(&out3)) {
        assert_eq!(w.smb_cat(&e.unc_share(), "f"), "a\n");
    }

    // The limit: doctor warns ahead (from 80 %: 4 of 5) ...
    w.rpc_ok("fss_create_expose backup ro a");
    let doc = w.cli("doctor");
    assert!(
        text(&doc).contains("4 CephFS snapshots of at most 5"),
        "{}",
        text(&doc)
    );
    // ... one more fits, the next is refused by rvss with the reason.
    w.rpc_ok("fss_create_expose backup ro a");
    let o = w.rpc("fss_create_expose backup ro a");
    assert!(
        !o.status.success() || !text(&o).contains("@{"),
        "{}",
        text(&o)
    );
    assert!(
        w.rvss_log().contains("CephFS snapshot limit reached"),
        "{}",
        w.rvss_log()
    );
    // CephFS's own limit (EMLINK) is reported the same way when rvss's
    // option is set higher than the MDS's mds_max_snaps_per_dir.
    ceph.ceph(&w, "config set mds mds_max_snaps_per_dir 1");
    std::thread::sleep(std::time::Duration::from_secs(1));
    let o = w.rpc("fss_create_expose backup ro b");
    assert!(!text(&o).contains("@{"), "{}", text(&o));
    let log = w.rvss_log();
    assert!(
        log.lines()
            .any(|l| l.contains("b: snap_create") && l.contains("CephFS snapshot limit reached")),
        "{log}"
    );

    // The structure rules apply on CephFS: a FIFO in the share is refused
    // with its path.
    w.must(&format!("mkfifo '{}/pipe'", b.display()));
    let o = w.rpc("fss_is_path_sup b");
    assert!(text(&o).contains("0x8004230c"), "{}", text(&o));
    assert!(w.rvss_log().contains("pipe"), "{}", w.rvss_log());
    // rvss check says the same from the CLI; a clean share passes.
    let o = w.cli("check --share b --json");
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["supported"], false, "{v}");
    assert!(v["reason"].is_null(), "{v}");
    assert!(v["violations"].to_string().contains("pipe"), "{v}");
    let o = w.cli("check --share a --json");
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["supported"], true, "{v}");
}

/// smbtorture rpc.fsrvp's cases, every one of which passes on btrfs
/// (tests/e2e/conformance.rs).
const TORTURE_CASES: &[&str] = &[
    "bad_id",
    "create_simple",
    "enum_created",
    "get_version",
    "is_path_supported",
    "sc_set_abort",
    "sc_share_io",
    "seq_timeout",
    "set_ctx",
    "share_sd",
];

/// Runs smbtorture rpc.fsrvp against 127.0.0.1; (passed, failed, output),
/// case names sorted. A missing or crashing smbtorture, or one that exits
/// non-zero, fails here.
fn torture(w: &World) -> (Vec<String>, Vec<String>, String) {
    let o = w.sh(&format!(
        "smbtorture -U 'root%{PASSWORD}' --option='fss:sequence timeout=2' ncacn_np:127.0.0.1 rpc.fsrvp 2>&1"
    ));
    let out = text(&o);
    let pick = |prefix: &str| -> Vec<String> {
        let mut v: Vec<String> = out
            .lines()
            .filter_map(|l| l.strip_prefix(prefix))
            .map(|l| {
                l.split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_start_matches("fsrvp.")
                    .to_string()
            })
            .collect();
        v.sort();
        v
    };
    let r = (
        pick("success: "),
        [pick("failure: "), pick("error: ")].concat(),
        out,
    );
    assert!(
        o.status.success(),
        "smbtorture exited {} (failed cases: {:?}):\n{}",
        o.status,
        r.1,
        r.2
    );
    r
}

#[test]
fn smbtorture_rpc_fsrvp_on_cephfs_like_btrfs() {
    // btrfs, as tests/e2e/conformance.rs runs it: every case passes.
    let mut b = World::new("ceph-torture-btrfs");
    let fs1 = b.add_btrfs("fs1", 300);
    b.must(&format!(
        "btrfs subvolume create '{0}/vol1' >/dev/null && mkdir '{0}/vol1/data'",
        fs1.display()
    ));
    b.add_share(
        "fsrvp_share",
        &fs1.join("vol1/data"),
        &["vfs objects = rvss"],
    );
    b.global_options.push("fss: sequence timeout = 2".into());
    b.start_samba();
    let o = b.cli("smbconf fsrvp_share");
    assert!(o.status.success(), "rvss smbconf: {}", text(&o));
    let s = b
        .shares
        .iter_mut()
        .find(|s| s.name == "fsrvp_share")
        .unwrap();
    s.options = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    b.restart_samba();
    let (bok, bfail, bout) = torture(&b);
    drop(b);

    let (mut w, _ceph, mnt) = ceph_world("ceph-torture");
    let data = mnt.join("data");
    w.must(&format!("mkdir '{}'", data.display()));
    w.add_share("fsrvp_share", &data, &["vfs objects = rvss"]);
    w.global_options.push("fss: sequence timeout = 2".into());
    with_previous_versions(&mut w, "fsrvp_share");
    w.start_samba();
    let (ok, failed, out) = torture(&w);
    eprintln!("smbtorture rpc.fsrvp: btrfs {} passed {bfail:?} failed; cephfs {} passed {failed:?} failed", bok.len(), ok.len());
    assert!(bfail.is_empty(), "btrfs: {bout}");
    assert_eq!(bok, TORTURE_CASES, "btrfs: {bout}");
    assert_eq!(
        (ok, failed),
        (bok, vec![]),
        "cephfs:\n{out}\n{}",
        w.rvss_log()
    );
}

// ---- the two-node CTDB cluster -------------------------------------------

/// The CephFS catalog is catalog::Catalog, with its handling of damage: a
/// corrupt entry makes `rvss list` exit 2 naming the file, prune and gc
/// refuse to decide, new shadow copies still work, and `rvss repair`
/// rebuilds the entry from its snapshot (`ceph.snap.btime`).
#[test]
fn corrupt_catalog_entry_is_reported_refused_and_repaired() {
    let (mut w, _ceph, mnt) = ceph_world("ceph-corrupt");
    let vm = mnt.join("vm");
    w.must(&format!(
        "mkdir '{0}' && echo v1 > '{0}/disk.vhdx'",
        vm.display()
    ));
    w.add_share("vm", &vm, &["vfs objects = rvss", "rvss:retain = 3"]);
    w.start_samba();
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"));
    w.rpc_ok(&format!("fss_delete vm {} {}", e[0].set, e[0].copy));
    let kept = snaps(|s| w.must(s), &vm);
    assert_eq!(kept.len(), 1);
    // One file per snapshot in catalog.d, named after its path.
    let catd = mnt.join(".rvss/cephfs/catalog.d");
    let files: Vec<String> = w
        .must(&format!("ls -1 '{}'", catd.display()))
        .lines()
        .filter(|l| l.ends_with(".json"))
        .map(str::to_string)
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].clone();
    assert!(name.contains(&kept[0]) && name.contains(".snap"), "{name}");
    w.must(&format!(
        "printf '{{\"format\": 2, \"snaps' > '{}/{name}'",
        catd.display()
    ));

    let o = w.cli("list --json");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(&name),
        "{}",
        text(&o)
    );
    for cmd in ["prune", "gc --grace 0"] {
        let o = w.cli(cmd);
        assert_eq!(o.status.code(), Some(2), "{cmd}: {}", text(&o));
        assert!(text(&o).contains("corrupt"), "{cmd}: {}", text(&o));
    }
    assert_eq!(snaps(|s| w.must(s), &vm), kept, "a backup was touched");
    let doc = text(&w.cli("doctor"));
    assert!(
        doc.lines()
            .any(|l| l.contains("damaged entry") && l.contains(&name)),
        "{doc}"
    );
    // New shadow copies still work.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let e2 = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"));
    assert_eq!(w.smb_cat(&e2[0].unc_share(), "disk.vhdx"), "v1\n");
    w.rpc_ok(&format!("fss_delete vm {} {}", e2[0].set, e2[0].copy));

    let o = w.cli("repair --json");
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rebuilt = v.to_string();
    assert!(
        rebuilt.contains(&format!("{}/.snap/{}", vm.display(), kept[0])),
        "{v}"
    );
    assert!(
        w.must(&format!("ls -1 '{}'", catd.display()))
            .lines()
            .any(|l| l == format!("{name}.corrupt")),
        "the damaged file is kept aside"
    );
    let o = w.cli("list --json");
    assert!(o.status.success(), "{}", text(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let rows = v.as_array().unwrap();
    assert_eq!(rows.len(), 2, "{v}");
    assert!(rows.iter().all(|r| r["state"] == "retained"), "{v}");
    assert_eq!(snaps(|s| w.must(s), &vm).len(), 2);
    let doc = text(&w.cli("doctor"));
    assert!(!doc.contains("damaged"), "{doc}");
}

/// `rvss restore` on CephFS (no reflink: a copy): the snapshot's content,
/// owner, mode and times come back into the live share, nothing is
/// overwritten without --force, and a link a share user plants in the
/// path is replaced or refused, never followed.
#[test]
fn restore_from_a_cephfs_backup_copies_and_never_follows_links() {
    let (mut w, _ceph, mnt) = ceph_world("ceph-restore");
    let vm = mnt.join("vm");
    let outside = mnt.join("outside");
    w.must(&format!(
        "mkdir -p '{0}/dir/sub' '{1}' && printf original > '{0}/disk.vhdx' && \
         printf a > '{0}/dir/a' && printf b > '{0}/dir/sub/b' && \
         head -c 3000000 /dev/urandom > '{0}/dir/big' && \
         chown -R 50000:50001 '{0}' && chmod 0640 '{0}/disk.vhdx' && \
         touch -h -d '2001-02-03 04:05:06' '{0}/disk.vhdx' && \
         printf secret > '{1}/secret' && chmod 0600 '{1}/secret'",
        vm.display(),
        outside.display()
    ));
    w.add_share("vm", &vm, &["vfs objects = rvss", "rvss:retain = 3"]);
    w.start_samba();
    let w = w;
    let stat = |p: &Path| w.must(&format!("stat -c '%F %a %u %g %Y %s' '{}'", p.display()));
    let cat = |p: &Path| w.must(&format!("cat '{}'", p.display()));
    let sum = |p: &Path| w.must(&format!("sha256sum < '{}'", p.display()));
    let disk = vm.join("disk.vhdx");
    let original = stat(&disk);
    let victim = outside.join("secret");
    let victim_before = stat(&victim);
    let big = sum(&vm.join("dir/big"));
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"));
    w.rpc_ok(&format!("fss_delete vm {} {}", e[0].set, e[0].copy));
    let v: serde_json::Value = serde_json::from_slice(&w.cli("list --json").stdout).unwrap();
    assert_eq!(v[0]["state"], "retained", "{v}");
    let gmt = v[0]["gmt"].as_str().unwrap().to_string();

    // The live share changes: a file rewritten, one deleted.
    w.must(&format!(
        "printf changed > '{0}/disk.vhdx' && rm '{0}/dir/a'",
        vm.display()
    ));
    // Without --force nothing is overwritten (exit 1).
    let o = w.cli(&format!("restore --share vm --from {gmt} disk.vhdx"));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert_eq!(cat(&disk), "changed");
    let t = Instant::now();
    let o = w.cli(&format!(
        "restore --share vm --from {gmt} --force disk.vhdx"
    ));
    assert!(o.status.success(), "{}", text(&o));
    eprintln!(
        "restore of one file: {:.0} ms: {}",
        t.elapsed().as_secs_f64() * 1e3,
        text(&o).trim()
    );
    assert!(text(&o).contains("bytes copied"), "{}", text(&o));
    assert_eq!(cat(&disk), "original");
    assert_eq!(stat(&disk), original, "owner, mode or times differ");
    assert_eq!(w.smb_cat("vm", "disk.vhdx"), "original");
    // A directory: what was deleted comes back, with the rest.
    let t = Instant::now();
    let o = w.cli(&format!(
        "restore --share vm --from {gmt} --force --json dir"
    ));
    assert!(o.status.success(), "{}", text(&o));
    eprintln!(
        "restore of a directory (3 MB): {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(r["report"]["files"], 3, "{r}");
    assert_eq!(cat(&vm.join("dir/a")), "a");
    assert_eq!(sum(&vm.join("dir/big")), big);

    // A share user plants a link at the name itself: it is replaced, the
    // file it points to is untouched.
    w.must(&format!(
        "rm '{0}/disk.vhdx' && ln -s '{1}' '{0}/disk.vhdx'",
        vm.display(),
        victim.display()
    ));
    let o = w.cli(&format!(
        "restore --share vm --from {gmt} --force disk.vhdx"
    ));
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(stat(&disk), original);
    assert_eq!(cat(&disk), "original");
    // ... and a link on the way down: refused, nothing written outside.
    w.must(&format!(
        "mv '{0}/dir' '{0}/dir.x' && ln -s '{1}' '{0}/dir'",
        vm.display(),
        outside.display()
    ));
    let o = w.cli(&format!(
        "restore --share vm --from {gmt} --force dir/sub/b"
    ));
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert_eq!(stat(&victim), victim_before, "the victim changed");
    assert_eq!(cat(&victim), "secret");
    assert_eq!(
        w.must(&format!("ls -A '{}'", outside.display())).trim(),
        "secret",
        "restore wrote outside the share"
    );
    // Nothing half-made is left behind: no staged tree; each forced
    // restore kept what it replaced aside in a root-only directory.
    let left = w.must(&format!("find '{}' -name '.rvss-staged'", vm.display()));
    assert!(left.trim().is_empty(), "{left}");
    let kept = w.must(&format!(
        "for h in '{}'/.rvss-restore-*; do stat -c '%u %a' \"$h\"; ls -A \"$h\" | wc -l; done",
        vm.display()
    ));
    assert_eq!(kept, "0 700\n1\n".repeat(3), "{kept}");
}
