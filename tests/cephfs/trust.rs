//! What rvss trusts on CephFS, attacked by a share user (alice, uid 50000)
//! on a real cluster: the catalog directory (planted, swapped, a lock of
//! hers, entries naming another share's backups or without an identity),
//! and the `.snap` of a share she can write (rmdir, mkdir, squatted names,
//! the per-directory limit; locally and over SMB). The cluster runs closed
//! (`mds_snap_max_uid 0`, tests/common/ceph.rs); one test opens it and
//! rvss refuses to serve.

use super::*;
use std::time::Duration;

const NOT_SUPPORTED: &str = "0x8004230c";
const ALICE: u32 = 50_000;

/// Runs `cmd` as alice (uid and gid 50000, no other groups).
fn as_alice(w: &World, cmd: &str) -> std::process::Output {
    w.sh(&format!(
        "setpriv --reuid {ALICE} --regid {ALICE} --clear-groups sh -c '{}' 2>&1",
        cmd.replace('\'', "'\\''")
    ))
}

/// An FSRVP cycle on `share`: create and expose, then delete.
fn cycle(w: &World, share: &str) {
    let e = parse_expose(&w.rpc_ok(&format!("fss_create_expose backup ro {share}")));
    assert_eq!(e.len(), 1);
    w.rpc_ok(&format!("fss_delete {share} {} {}", e[0].set, e[0].copy));
    std::thread::sleep(Duration::from_millis(1100));
}

/// The one snapshot of `dir` that is not in `before`.
fn new_snapshot(w: &World, dir: &Path, before: &[String]) -> String {
    let now = snaps(|s| w.must(s), dir);
    let new: Vec<&String> = now.iter().filter(|s| !before.contains(s)).collect();
    assert_eq!(new.len(), 1, "{before:?} -> {now:?}");
    new[0].clone()
}

/// The entry file of the snapshot at `snap` (absolute) in the catalog.
fn entry_file(mnt: &Path, snap: &Path) -> PathBuf {
    mnt.join(".rvss/cephfs/catalog.d")
        .join(rvss::catalog::entry_name(snap.strip_prefix("/").unwrap()))
}

/// Rewrites the entry file `file` with the Python statement `edit` applied
/// to its snapshot record `s` (as root: what a user cannot do, shown
/// above, done here to test what rvss does with such entries).
fn edit_entry(w: &World, file: &Path, edit: &str) {
    w.must(&format!(
        "python3 -c 'import json,sys; f=sys.argv[1]; d=json.load(open(f)); s=d[\"snapshot\"]; \
         {edit}; json.dump(d, open(f, \"w\"))' '{}'",
        file.display()
    ));
}

fn rows(w: &World) -> serde_json::Value {
    let o = w.cli("list --json");
    assert!(o.status.success(), "{}", text(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

/// A catalog that share users could write is refused everywhere (module:
/// NOT_SUPPORTED and a log line; CLI: exit 2; doctor: FAIL) whether the
/// mount root is open to them or her own catalog was planted before rvss
/// made one; rvss then creates its own (root's, 0700) where she cannot
/// plant anything. A user-owned catalog.d or lock, or a linked lock, is
/// refused at once (no lock wait). Entries that name another share's
/// backups or record no identity are never acted on by prune, gc or the
/// FSRVP delete; `rvss repair` gives the latter their identity back.
#[test]
fn catalog_users_could_write_is_refused_and_foreign_entries_are_never_acted_on() {
    let (mut w, _ceph, mnt) = ceph_world("ceph-catalog");
    w.add_unix_user("alice", "alice-pw-1");
    let (vm, other) = (mnt.join("vm"), mnt.join("other"));
    w.must(&format!(
        "mkdir '{0}' '{1}' && echo v > '{0}/disk' && echo o > '{1}/disk' && chmod 0777 '{0}' \
         && chmod 0755 '{1}'",
        vm.display(),
        other.display()
    ));
    w.add_share("vm", &vm, &["vfs objects = rvss", "rvss:retain = 2"]);
    w.add_share("other", &other, &["vfs objects = rvss", "rvss:retain = 2"]);
    w.start_samba();
    let cat = mnt.join(".rvss/cephfs");

    // 1. The mount root open to users; alice makes her own catalog before
    // rvss first creates it.
    w.must(&format!("chmod 0777 '{}'", mnt.display()));
    let o = as_alice(&w, &format!("mkdir -p '{}/catalog.d'", cat.display()));
    assert!(o.status.success(), "the attack setup failed: {}", text(&o));
    let refused = |w: &World, why: &str| {
        let t = Instant::now();
        let o = w.rpc("fss_is_path_sup vm");
        assert!(text(&o).contains(NOT_SUPPORTED), "{}", text(&o));
        let o = w.rpc("fss_create_expose backup ro vm");
        assert!(!text(&o).contains("@{"), "{}", text(&o));
        assert!(
            t.elapsed() < Duration::from_secs(8),
            "refused only after {:?} (a lock wait?)",
            t.elapsed()
        );
        let log = w.rvss_log();
        assert!(
            log.lines()
                .any(|l| l.contains("not trustworthy") && l.contains(why)),
            "no refusal naming {why:?} logged:\n{log}"
        );
        let o = w.cli("list --json");
        assert_eq!(o.status.code(), Some(2), "{}", text(&o));
        assert!(text(&o).contains("not trustworthy"), "{}", text(&o));
        let doc = text(&w.cli("doctor"));
        assert!(
            doc.lines()
                .any(|l| l.starts_with("FAIL") && l.contains("not trustworthy")),
            "{doc}"
        );
    };
    refused(&w, &format!("{} is mode 0777", mnt.display()));
    // 2. The root closed again, her directory still there: refused.
    w.must(&format!("chmod 0755 '{}'", mnt.display()));
    refused(&w, &format!("is owned by uid {ALICE}"));
    // 3. Gone: rvss makes its own, root's and 0700, and serves.
    w.must(&format!("rm -rf '{}/.rvss'", mnt.display()));
    cycle(&w, "other");
    cycle(&w, "other");
    cycle(&w, "vm");
    assert_eq!(
        w.must(&format!("stat -c '%a %u' '{}'", cat.display()))
            .trim(),
        "700 0"
    );
    let o = as_alice(
        &w,
        &format!("echo {{}} > '{}/catalog.d/x.json'", cat.display()),
    );
    assert!(!o.status.success(), "alice wrote into the catalog");
    let other_backups = snaps(|s| w.must(s), &other);
    let vm_backups = snaps(|s| w.must(s), &vm);
    assert_eq!((other_backups.len(), vm_backups.len()), (2, 1));

    // 4. A catalog.d or a lock that is hers, a lock linked elsewhere.
    let lock = cat.join("catalog.lock");
    w.must(&format!("test -f '{}'", lock.display()));
    for (setup, undo, why) in [
        (
            format!("chown {ALICE} '{}/catalog.d'", cat.display()),
            format!("chown 0 '{}/catalog.d'", cat.display()),
            "catalog.d is owned by uid 50000".to_string(),
        ),
        (
            format!("chown {ALICE} '{}'", lock.display()),
            format!("chown 0 '{}'", lock.display()),
            "catalog.lock is owned by uid 50000".to_string(),
        ),
        (
            format!("ln '{}' '{}/lock.link'", lock.display(), mnt.display()),
            format!("rm '{}/lock.link'", mnt.display()),
            "and 2 link(s)".to_string(),
        ),
    ] {
        w.must(&setup);
        refused(&w, &why);
        w.must(&undo);
    }
    cycle(&w, "vm");
    assert_eq!(snaps(|s| w.must(s), &vm).len(), 2);

    // 5. Entries naming other's backups as vm's (with their real btime),
    // as users could plant before: vm's prune refuses them, and nothing of
    // other is removed.
    for b in &other_backups {
        edit_entry(
            &w,
            &entry_file(&mnt, &other.join(".snap").join(b)),
            "s[\"share\"] = \"vm\"",
        );
    }
    let o = w.cli("prune");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("refusing to prune"), "{}", text(&o));
    // The module's own prune, after an ordinary FSRVP delete on vm.
    cycle(&w, "vm");
    assert!(
        w.rvss_log()
            .lines()
            .any(|l| l.contains("pruning old backups failed") && l.contains("refusing to prune")),
        "{}",
        w.rvss_log()
    );
    assert_eq!(
        snaps(|s| w.must(s), &other),
        other_backups,
        "other lost a backup"
    );
    // The same entry with vm's directory as its base: not a snapshot of
    // its base, refused by every path (gc, which sees an orphan, too).
    let first = entry_file(&mnt, &other.join(".snap").join(&other_backups[0]));
    edit_entry(
        &w,
        &first,
        &format!(
            "s[\"base_volume\"] = \"{}\"; s[\"state\"] = \"exposed\"; s[\"share\"] = \"gone\"",
            vm.display()
        ),
    );
    let o = w.cli("gc --grace 0");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert_eq!(
        snaps(|s| w.must(s), &other),
        other_backups,
        "other lost a backup"
    );
    // Back to what rvss wrote.
    edit_entry(
        &w,
        &first,
        &format!(
            "s[\"share\"] = \"other\"; s[\"base_volume\"] = \"{}\"; s[\"state\"] = \"retained\"",
            other.display()
        ),
    );
    edit_entry(
        &w,
        &entry_file(&mnt, &other.join(".snap").join(&other_backups[1])),
        "s[\"share\"] = \"other\"",
    );

    // 6. An entry without identity: the FSRVP delete, prune and gc leave
    // its snapshot alone; `rvss repair` records the snapshot's identity.
    let pre = snaps(|s| w.must(s), &vm);
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"));
    let exposed = new_snapshot(&w, &vm, &pre);
    let file = entry_file(&mnt, &vm.join(".snap").join(&exposed));
    edit_entry(&w, &file, "s.pop(\"uuid\")");
    let o = w.rpc(&format!("fss_delete vm {} {}", e[0].set, e[0].copy));
    assert!(
        !o.status.success() || text(&o).contains("0x"),
        "{}",
        text(&o)
    );
    assert!(
        w.rvss_log().contains("records no identity"),
        "{}",
        w.rvss_log()
    );
    assert!(snaps(|s| w.must(s), &vm).contains(&exposed));
    let o = w.cli("gc --grace 0");
    assert!(snaps(|s| w.must(s), &vm).contains(&exposed), "{}", text(&o));
    let o = w.cli("repair --json");
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains(&exposed), "{}", text(&o));
    let v = rows(&w);
    assert!(
        v.as_array()
            .unwrap()
            .iter()
            .any(|r| r["path"].as_str().unwrap_or_default().ends_with(&exposed)),
        "{v}"
    );
    assert_eq!(
        snaps(|s| w.must(s), &other),
        other_backups,
        "other lost a backup"
    );
    let doc = text(&w.cli("doctor"));
    assert!(!doc.contains("not trustworthy"), "{doc}");
}

/// With the cluster closed (`mds_snap_max_uid 0`), alice, who may write
/// the share, can neither remove nor make snapshots in its `.snap`
/// (locally, and over SMB through vfs_ceph_snapshots): no backup removed,
/// no name squatted, no limit filled, commits unaffected. Opened, her
/// mkdir works and rvss refuses to serve the share (module, check, doctor)
/// until it is closed again. A snapshot root removes meanwhile is reported
/// lost (list, doctor), and the FSRVP delete of its copy fails.
#[test]
fn snap_dir_closed_to_users_else_refused_and_vanished_snapshots_reported_lost() {
    let (mut w, ceph, mnt) = ceph_world("ceph-snapdir");
    w.add_unix_user("alice", "alice-pw-1");
    let vm = mnt.join("vm");
    w.must(&format!(
        "mkdir '{0}' && echo v > '{0}/disk' && chmod 0777 '{0}'",
        vm.display()
    ));
    w.add_share(
        "vm",
        &vm,
        &[
            "vfs objects = rvss",
            "rvss:retain = 3",
            "rvss:cephfs snap limit = 6",
        ],
    );
    with_previous_versions(&mut w, "vm");
    w.start_samba();
    cycle(&w, "vm");
    let exposed = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"));
    let before = snaps(|s| w.must(s), &vm);
    assert_eq!(before.len(), 2);
    let snapdir = vm.join(".snap");

    // Locally: rmdir of a backup and of the exposed copy, mkdir of the
    // names of the next seconds, of many names (the limit).
    for s in &before {
        let o = as_alice(&w, &format!("rmdir '{}/{s}'", snapdir.display()));
        assert!(!o.status.success(), "alice removed {s}");
        assert!(text(&o).contains("Operation not permitted"), "{}", text(&o));
    }
    let now = rvss::gmt::now();
    let squat: Vec<String> = (1..=5)
        .map(|i| rvss::gmt::token(now + i).unwrap())
        .chain((0..8).map(|i| format!("x{i}")))
        .collect();
    for n in &squat {
        let o = as_alice(&w, &format!("mkdir '{}/{n}'", snapdir.display()));
        assert!(!o.status.success(), "alice made the snapshot {n}");
    }
    // Over SMB, as alice.
    let smb = |cmd: &str| {
        w.sh(&format!(
            "smbclient -U 'alice%alice-pw-1' //127.0.0.1/vm -c '{cmd}' 2>&1"
        ))
    };
    let o = smb("ls");
    assert!(
        text(&o).contains("disk"),
        "alice cannot use the share: {}",
        text(&o)
    );
    // (A name that is no @GMT token, which Samba would take as a time.)
    w.must(&format!("mkdir '{}/rootsnap'", snapdir.display()));
    for cmd in ["mkdir .snap\\xsmb", "rmdir .snap\\rootsnap"] {
        let o = smb(cmd);
        eprintln!("alice over SMB, closed, {cmd}: {}", text(&o).trim());
        // mkdir: the MDS's EPERM; rmdir: Samba's own refusal of a
        // directory that is not empty comes first (and nothing inside a
        // snapshot can be deleted: EROFS).
        assert!(
            text(&o).contains("NT_STATUS_ACCESS_DENIED")
                || (cmd.starts_with("rmdir") && text(&o).contains("NT_STATUS_")),
            "no refusal for {cmd}: {}",
            text(&o)
        );
    }
    let mut with_root = before.clone();
    with_root.push("rootsnap".into());
    with_root.sort();
    assert_eq!(snaps(|s| w.must(s), &vm), with_root, "alice changed .snap");
    w.must(&format!("rmdir '{}/rootsnap'", snapdir.display()));
    // Commits are unaffected: the limit (6) leaves room for 4 more.
    w.rpc_ok(&format!(
        "fss_delete vm {} {}",
        exposed[0].set, exposed[0].copy
    ));
    let t = Instant::now();
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"));
    eprintln!(
        "create+expose with the .snap test: {:.0} ms",
        t.elapsed().as_secs_f64() * 1e3
    );
    w.rpc_ok(&format!("fss_delete vm {} {}", e[0].set, e[0].copy));
    assert_eq!(snaps(|s| w.must(s), &vm).len(), 3);

    // Opened: alice's mkdir works (so the test above meant something), and
    // rvss refuses to serve the share once its closed verdict expires.
    ceph.open_snapdirs(&w);
    std::thread::sleep(Duration::from_secs(1));
    let o = as_alice(&w, &format!("mkdir '{}/mine'", snapdir.display()));
    assert!(o.status.success(), "opened, yet: {}", text(&o));
    w.must(&format!("rmdir '{}/mine'", snapdir.display()));
    // ... and over SMB, her mkdir in .snap makes a real snapshot.
    let o = smb("mkdir .snap\\xsmb");
    eprintln!(
        "alice over SMB, open, mkdir .snap\\xsmb: {}",
        text(&o).trim()
    );
    let after = snaps(|s| w.must(s), &vm);
    assert!(
        after.contains(&"xsmb".to_string()),
        "over SMB, alice could not use an open .snap: {after:?}"
    );
    w.must(&format!("rmdir '{}/xsmb'", snapdir.display()));
    std::thread::sleep(Duration::from_secs(11));
    let o = w.rpc("fss_is_path_sup vm");
    assert!(text(&o).contains(NOT_SUPPORTED), "{}", text(&o));
    let o = w.rpc("fss_create_expose backup ro vm");
    assert!(!text(&o).contains("@{"), "{}", text(&o));
    let log = w.rvss_log();
    assert!(
        log.lines()
            .any(|l| l.contains("lets share users make and remove snapshots")
                && l.contains("mds_snap_max_uid 0")),
        "{log}"
    );
    let o = w.cli("check --share vm");
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let doc = text(&w.cli("doctor"));
    assert!(
        doc.lines()
            .any(|l| l.starts_with("FAIL") && l.contains("lets share users make")),
        "{doc}"
    );
    assert!(
        doc.contains("ceph config set mds mds_snap_max_uid 0"),
        "{doc}"
    );
    // No probe snapshot is left anywhere.
    assert_eq!(snaps(|s| w.must(s), &vm).len(), 3);
    assert!(snaps(|s| w.must(s), &mnt.join(".rvss/cephfs/probe")).is_empty());
    ceph.close_snapdirs(&w);
    std::thread::sleep(Duration::from_secs(1));
    let pre = snaps(|s| w.must(s), &vm);
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"));
    let copy = new_snapshot(&w, &vm, &pre);
    let doc = text(&w.cli("doctor"));
    assert!(
        doc.lines()
            .any(|l| l.starts_with("ok") && l.contains("cannot make or remove snapshots")),
        "{doc}"
    );

    // Root removes a retained backup and the exposed copy behind rvss's
    // back: lost, never listed as backups; the FSRVP delete reports it.
    let backup = pre[0].clone();
    w.must(&format!(
        "rmdir '{0}/{backup}' '{0}/{copy}'",
        snapdir.display()
    ));
    let v = rows(&w);
    let state = |name: &str| {
        v.as_array()
            .unwrap()
            .iter()
            .find(|r| r["path"].as_str().unwrap_or_default().ends_with(name))
            .map(|r| r["state"].clone())
    };
    assert_eq!(state(&backup), Some("lost".into()), "{v}");
    assert_eq!(state(&copy), Some("lost".into()), "{v}");
    let doc = text(&w.cli("doctor"));
    assert!(
        doc.lines()
            .any(|l| l.starts_with("FAIL") && l.contains("vanished") && l.contains(&backup)),
        "{doc}"
    );
    let o = w.rpc(&format!("fss_delete vm {} {}", e[0].set, e[0].copy));
    assert!(
        !o.status.success() || text(&o).contains("0x"),
        "the delete of a vanished copy succeeded: {}",
        text(&o)
    );
    assert!(
        w.rvss_log()
            .lines()
            .any(|l| l.contains("vanished") && l.contains(&copy)),
        "{}",
        w.rvss_log()
    );
    // `rvss repair` sets the lost entries aside.
    let o = w.cli("repair --json");
    assert!(o.status.success(), "{}", text(&o));
    let v = rows(&w);
    assert!(
        !v.to_string().contains(&backup) && !v.to_string().contains(&copy),
        "{v}"
    );
}
