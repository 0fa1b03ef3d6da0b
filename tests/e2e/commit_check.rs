//! The commit-time check proportional to what changed (issue 23), end to
//! end with real Samba and btrfs: AddToShadowCopySet walks the share fully
//! and remembers the btrfs transaction; the commit examines, in the
//! snapshot as taken, only the names made since. Each case changes the tree
//! as a share user after AddToShadowCopySet and before the snapshot (the
//! commit is held back by the catalog lock meanwhile) and checks both the
//! outcome and, from the debug log, that the incremental path judged it:
//! - a new regular file (a quiet change) commits;
//! - a directory tree holding a symlink, renamed into the share (its own
//!   items are older than the check), fails the commit;
//! - a new directory deeper than rvss:max depth fails it;
//! - a new nested subvolume fails it;
//! - IsPathSupported then AddToShadowCopySet: the second examines only what
//!   changed since the first (a link made between them is refused there);
//! - without a remembered check (RVSS_TEST_FORGET_CHECKS: another worker
//!   process) the commit walks the snapshot in full and still fails.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::time::Duration;

const USER_UID: u32 = 50_000;
const NOT_SUPPORTED: &str = "0x8004230c";

fn q(p: &Path) -> String {
    format!("'{}'", p.display())
}

fn as_user(script: &str) -> String {
    format!(
        "setpriv --reuid={USER_UID} --regid={USER_UID} --clear-groups sh -c '{}'",
        script.replace('\'', "'\\''")
    )
}

/// The directory whose file `<share>` makes the module forget its checks
/// of that share (the hook's test seam): one per world, given to its smbd
/// only, and removed with the world.
fn forget_dir(w: &World) -> PathBuf {
    w.dir.join("forget")
}

/// From now on the module forgets its checks of `share` (as another
/// rpcd_fsrvp worker process would not have them).
fn forget(w: &World, share: &str) {
    std::fs::write(forget_dir(w).join(share), b"").unwrap();
}

/// A started world: btrfs fs1, subvolume vol1, share `share` at vol1/<share>
/// (world-writable, holding disk.vhdx) and a world-writable vol1/outside.
fn world(name: &str, share: &str, options: &[&str]) -> (World, PathBuf, PathBuf) {
    let mut w = World::new(name);
    std::fs::create_dir_all(forget_dir(&w)).unwrap();
    w.samba_env
        .push(("RVSS_TEST_FORGET_CHECKS".into(), forget_dir(&w)));
    let fs1 = w.add_btrfs("fs1", 700);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create {0} >/dev/null && mkdir -m 0777 {0}/{1} {0}/outside && \
         chmod 0777 {0}/{1} {0}/outside && printf data > {0}/{1}/disk.vhdx",
        q(&vol),
        share
    ));
    let dir = vol.join(share);
    let mut opts = vec!["vfs objects = rvss"];
    opts.extend_from_slice(options);
    w.add_share(share, &dir, &opts);
    w.add_unix_user("alice", "alice-Pass-1");
    // A failed commit leaves the set in progress until this times out.
    w.global_options.push("fss: sequence timeout = 3".into());
    // rvss's debug lines in rpcd_fsrvp (its level comes from rpc_srv's:
    // vfs_rvss(8), LOGGING), which say which check ran.
    w.global_options.push("log level = 3 rpc_srv:10".into());
    w.start_samba();
    (w, fs1, dir)
}

/// Runs `fss_create_expose` of `share` while the catalog lock is held for
/// 4 s, so that the commit waits; `during` runs once the share was added
/// (AddToShadowCopySet done). Returns rpcclient's output and the log lines
/// written meanwhile.
fn commit_after(w: &World, fs1: &Path, share: &str, during: &str) -> (String, String) {
    // What the tree held before is older than the check's transaction.
    w.must("sync");
    let before = w.rvss_log().len();
    w.must(&format!("install -d -m 0711 {}", q(&fs1.join(".rvss"))));
    let lock = fs1.join(".rvss/catalog.lock");
    let mut holder = w.spawn_sh(&format!("exec flock {} sleep 4", q(&lock)));
    std::thread::sleep(Duration::from_millis(300));
    let rpc = w
        .command("sh")
        .args([
            "-c",
            &format!(
                "rpcclient -U 'root%{PASSWORD}' ncacn_np:127.0.0.1 \
                 -c 'fss_create_expose backup ro {share}' 2>&1"
            ),
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // AddToShadowCopySet answered: the commit waits for the lock.
    wait_log(w, before, "supported, base volume");
    std::thread::sleep(Duration::from_millis(500));
    w.must(during);
    let out = rpc.wait_with_output().unwrap();
    let _ = holder.wait();
    let log = w.rvss_log();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        log.get(before..).unwrap_or_default().to_string(),
    )
}

/// Waits (at most 20 s) until the log written after `from` holds `what`.
fn wait_log(w: &World, from: usize, what: &str) {
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    loop {
        let log = w.rvss_log();
        if log.get(from..).is_some_and(|l| l.contains(what)) {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no {what:?} in the log:\n{log}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The N of the commit's "checked N changed entries since transid T" line.
fn checked_at_commit(log: &str) -> Option<usize> {
    log.lines()
        .find(|l| {
            l.contains("at commit: checked ") && l.contains(" changed entries since transid ")
        })
        .and_then(|l| l.split("at commit: checked ").nth(1))
        .and_then(|r| r.split(' ').next())
        .and_then(|n| n.parse().ok())
}

/// Deletes the shadow copies rpcclient reported exposed in `out`.
fn delete_all(w: &World, out: &str) {
    for e in parse_expose(out) {
        w.rpc_ok(&format!("fss_delete {} {} {}", e.share, e.set, e.copy));
    }
}

fn failed(out: &str) -> bool {
    out.contains("0x") && !out.contains("exposed as a snapshot")
}

fn subvolumes(w: &World, fs: &Path) -> Vec<String> {
    let mut v: Vec<String> = w
        .must(&format!("btrfs subvolume list {}", q(fs)))
        .lines()
        .filter_map(|l| l.split(" path ").nth(1))
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

/// A failed commit: no snapshot, no catalog entry, one log line naming
/// `rule` at `path` in the snapshot as taken, judged by the incremental
/// check; then the sequence times out.
fn assert_refused(w: &World, fs1: &Path, out: &str, log: &str, rule: &str, path: &Path) {
    assert!(failed(out), "the commit succeeded:\n{out}\n{log}");
    assert!(
        log.lines().any(|l| l.contains("snap_create: ")
            && l.contains("in the snapshot as taken")
            && l.contains(rule)
            && l.contains(&path.display().to_string())),
        "no log line naming {rule} at {}:\n{log}",
        path.display()
    );
    assert!(
        checked_at_commit(log).is_some(),
        "the commit did not take the incremental path:\n{log}"
    );
    assert!(!log.contains("walked in full"), "{log}");
    assert!(
        subvolumes(w, fs1).iter().all(|s| !s.contains("@GMT")),
        "a snapshot was left: {:?}",
        subvolumes(w, fs1)
    );
    let o = w.cli("list --json");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "[]",
        "{}",
        text(&o)
    );
    std::thread::sleep(Duration::from_secs(4));
}

#[test]
fn changes_since_the_check_are_judged_at_commit() {
    let (w, fs1, share) = world("commit-check", "vm", &["rvss:max depth = 3"]);
    let vol = share.parent().unwrap().to_path_buf();
    w.must(&as_user(&format!(
        "mkdir -p {0}/a/b/c {1}/tree/x/y && ln -s /etc/shadow {1}/tree/x/y/evil",
        q(&share),
        q(&vol.join("outside"))
    )));

    // A quiet change: a new regular file. The commit examines it alone.
    let (out, log) = commit_after(
        &w,
        &fs1,
        "vm",
        &as_user(&format!("printf x > {}", q(&share.join("a/notes.txt")))),
    );
    assert!(out.contains("exposed as a snapshot"), "{out}\n{log}");
    // At least the new file (names of the transaction the full check
    // began in are judged again: a superset, never a miss).
    assert!(checked_at_commit(&log).is_some_and(|n| n >= 1), "{log}");
    assert!(!log.contains("walked in full"), "{log}");
    let snap = w.must(&format!("ls {}/.rvss/vol1 | grep @GMT | head -1", q(&fs1)));
    let notes = fs1
        .join(".rvss/vol1")
        .join(snap.trim())
        .join("vm/a/notes.txt");
    assert_eq!(w.must(&format!("cat {}", q(&notes))), "x");
    delete_all(&w, &out);

    // A tree holding a symlink, renamed in: only its top's name is new.
    let (out, log) = commit_after(
        &w,
        &fs1,
        "vm",
        &as_user(&format!(
            "mv {} {}",
            q(&vol.join("outside/tree")),
            q(&share.join("tree"))
        )),
    );
    assert_refused(
        &w,
        &fs1,
        &out,
        &log,
        "symlink",
        &share.join("tree/x/y/evil"),
    );
    // The renamed directory's name is new (with, at most, names of the
    // full check's own transaction): its subtree was walked.
    assert!(checked_at_commit(&log).is_some_and(|n| n >= 1), "{log}");
    assert!(
        log.contains("not a supported directory structure: 1 violation,"),
        "{log}"
    );
    w.must(&format!("rm -rf {}", q(&share.join("tree"))));

    // A new directory deeper than rvss:max depth = 3.
    let deep = share.join("a/b/c/d");
    let (out, log) = commit_after(&w, &fs1, "vm", &as_user(&format!("mkdir {}", q(&deep))));
    assert_refused(&w, &fs1, &out, &log, "max-depth", &deep);
    w.must(&format!("rmdir {}", q(&deep)));

    // A new nested subvolume: its stand-in in the snapshot.
    let nested = share.join("a/nested");
    let (out, log) = commit_after(
        &w,
        &fs1,
        "vm",
        &as_user(&format!("btrfs subvolume create {} >/dev/null", q(&nested))),
    );
    assert_refused(&w, &fs1, &out, &log, "nested-subvolume", &nested);
    assert!(
        log.contains("the empty stand-in of a nested btrfs subvolume"),
        "{log}"
    );
    w.must(&format!("btrfs subvolume delete {} >/dev/null", q(&nested)));

    // A link made between IsPathSupported and AddToShadowCopySet: the
    // second check finds it among what changed since the first.
    let before = w.rvss_log().len();
    w.rpc_ok("fss_is_path_sup vm");
    let link = share.join("a/b/link");
    w.must(&as_user(&format!("ln -s /etc {}", q(&link))));
    let t = text(&w.rpc("fss_create_expose backup ro vm"));
    let log = w.rvss_log();
    let log = log.get(before..).unwrap_or_default();
    assert!(failed(&t), "the set with a link succeeded:\n{t}\n{log}");
    assert!(t.contains(NOT_SUPPORTED), "{t}");
    assert!(
        log.lines()
            .any(|l| l.contains("vm: checked ") && l.contains("(the full check of this set)")),
        "AddToShadowCopySet walked again:\n{log}"
    );
    assert!(
        log.lines().any(|l| l.contains("snap_check_path: ")
            && l.contains("symlink")
            && l.contains(&link.display().to_string())),
        "{log}"
    );
    w.must(&format!("rm {}", q(&link)));
    std::thread::sleep(Duration::from_secs(4));

    // IsPathSupported walks in full, AddToShadowCopySet examines what
    // changed since (the FSRVP server is one process: rpcd_fsrvp:num_workers
    // = 1), and the tree fixed commits.
    let before = w.rvss_log().len();
    w.rpc_ok("fss_is_path_sup vm");
    w.must(&as_user(&format!(
        "printf y > {}",
        q(&share.join("a/more.txt"))
    )));
    w.must("sync");
    let t = w.rpc_ok("fss_create_expose backup ro vm");
    assert!(t.contains("exposed as a snapshot"), "{t}");
    let log = w.rvss_log();
    let log = log.get(before..).unwrap_or_default();
    assert!(
        log.lines().any(|l| l.contains("vm: checked ")
            && l.contains("changed entries since transid")
            && l.contains("(the full check of this set)")),
        "AddToShadowCopySet walked again:\n{log}"
    );
    assert!(checked_at_commit(log).is_some(), "{log}");
}

#[test]
fn without_a_remembered_check_the_commit_walks_the_snapshot_in_full() {
    let (w, fs1, share) = world("commit-check-miss", "vmmiss", &[]);
    forget(&w, "vmmiss");

    let (out, log) = commit_after(
        &w,
        &fs1,
        "vmmiss",
        &as_user(&format!("printf x > {}", q(&share.join("notes.txt")))),
    );
    assert!(out.contains("exposed as a snapshot"), "{out}\n{log}");
    assert!(log.contains("the snapshot walked in full"), "{log}");
    assert_eq!(checked_at_commit(&log), None, "{log}");
    delete_all(&w, &out);

    let link = share.join("evil");
    let (out, log) = commit_after(
        &w,
        &fs1,
        "vmmiss",
        &as_user(&format!("ln -s /etc/shadow {}", q(&link))),
    );
    assert!(failed(&out), "{out}\n{log}");
    assert!(
        log.lines().any(|l| l.contains("in the snapshot as taken")
            && l.contains("symlink")
            && l.contains(&link.display().to_string())),
        "{log}"
    );
    assert!(log.contains("the snapshot walked in full"), "{log}");
}
