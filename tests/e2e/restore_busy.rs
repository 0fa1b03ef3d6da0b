//! A restore never blocks backups (issue 21): `rvss restore` marks the
//! backup it reads from in its catalog entry instead of holding the catalog
//! lock for the whole copy. End to end with real Samba and btrfs: a restore
//! of many files runs while four FSRVP clients cycle shadow copy sets on
//! shares of the same filesystem (the same catalog); no FSRVP call fails or
//! waits for the restore, prune leaves the backup being restored alone and
//! takes it once the restore is over.

use crate::common::*;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const CLIENTS: usize = 4;
const SET_IN_PROGRESS: &str = "0x80042316";
/// Files in the tree restored: enough that a reflink restore lasts seconds.
const DIRS: usize = 60;
const FILES: usize = 500;
/// And one large disk image: the issue's 10 GiB tree.
const BIG_GIB: u64 = 10;

fn q(p: &Path) -> String {
    format!("'{}'", p.display())
}

fn list_json(w: &World) -> Vec<serde_json::Value> {
    let o = w.cli("list --json");
    assert!(o.status.success(), "rvss list: {}", text(&o));
    serde_json::from_slice::<Vec<serde_json::Value>>(&o.stdout).unwrap()
}

/// One FSRVP cycle: when it started and ended, and what failed.
#[derive(Debug)]
struct Cycle {
    start: Instant,
    end: Instant,
    delete_took: Duration,
    failure: Option<String>,
}

/// A backup host: create+expose then delete on `share` until `stop`,
/// retrying SET_IN_PROGRESS (another client's set) with a short backoff.
fn client(w: &World, share: &str, index: usize, stop: &AtomicBool) -> Vec<Cycle> {
    let mut out = vec![];
    while !stop.load(Ordering::SeqCst) {
        let start = Instant::now();
        let mut attempt = 0u64;
        let exposed = loop {
            let o = w.rpc(&format!("fss_create_expose backup ro {share}"));
            let t = text(&o);
            if let Some(e) = parse_expose(&t).pop().filter(|_| !t.contains("failed")) {
                break Ok(e);
            }
            if t.contains(SET_IN_PROGRESS) && start.elapsed() < Duration::from_secs(60) {
                attempt += 1;
                let ms = 100 + attempt.min(6) * 50 + index as u64 * 17;
                std::thread::sleep(Duration::from_millis(ms));
                continue;
            }
            break Err(t);
        };
        let (delete_took, failure) = match exposed {
            Err(t) => (Duration::ZERO, Some(format!("create: {t}"))),
            Ok(e) => {
                let d = Instant::now();
                let o = w.rpc(&format!("fss_delete {share} {} {}", e.set, e.copy));
                let t = text(&o);
                let bad = !o.status.success() || t.contains("failed");
                (d.elapsed(), bad.then(|| format!("delete: {t}")))
            }
        };
        out.push(Cycle {
            start,
            end: Instant::now(),
            delete_took,
            failure,
        });
    }
    out
}

#[test]
fn a_long_restore_runs_while_four_fsrvp_clients_cycle_on_the_same_catalog() {
    let mut w = World::new("restore-busy");
    // Room for the 10 GiB file of the restored tree (preallocated: its
    // extents are cloned like written ones, and the image stays sparse).
    let fs = w.add_btrfs("fs1", 12 * 1024);
    for i in 0..CLIENTS {
        let vol = fs.join(format!("vol{i}"));
        w.must(&format!(
            "btrfs subvolume create {0} >/dev/null && mkdir -p {0}/data && printf d > {0}/data/disk.vhdx",
            q(&vol)
        ));
        w.add_share(&format!("s{i}"), &vol.join("data"), &["vfs objects = rvss"]);
    }
    // The share restored from, on the same filesystem (one catalog).
    let rvol = fs.join("rvol");
    let share = rvol.join("data");
    w.must(&format!(
        "btrfs subvolume create {0} >/dev/null && mkdir -p {0}/data/tree && cd {0}/data/tree && \
         for d in $(seq 1 {DIRS}); do mkdir d$d; (cd d$d && seq -f f%g.vhdx 1 {FILES} | xargs touch && \
         echo payload > f1.vhdx); done && fallocate -l {BIG_GIB}G big.vhdx",
        q(&rvol)
    ));
    w.add_share("r", &share, &["vfs objects = rvss", "rvss:retain = 5"]);
    w.start_samba();
    for _ in 0..2 {
        let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro r"))
            .pop()
            .unwrap();
        w.rpc_ok(&format!("fss_delete r {} {}", e.set, e.copy));
        std::thread::sleep(Duration::from_millis(1100));
    }
    let mut backups: Vec<String> = list_json(&w)
        .iter()
        .map(|e| e["gmt"].as_str().unwrap().to_string())
        .collect();
    backups.sort();
    assert_eq!(backups.len(), 2, "{backups:?}");
    let from = backups[0].clone();
    w.must(&format!("rm -rf {}/tree", q(&share)));
    // From here the policy drops the older backup, the one restored from.
    let s = w.shares.iter_mut().find(|s| s.name == "r").unwrap();
    s.options.retain(|o| !o.starts_with("rvss:retain"));
    s.options.push("rvss:retain = 1".into());
    w.write_conf();

    let stop = AtomicBool::new(false);
    let catalog = fs.join(".rvss/catalog.d");
    let (restore, cycles, prune_during, marked) = std::thread::scope(|sc| {
        let clients: Vec<_> = (0..CLIENTS)
            .map(|i| {
                let (w, stop) = (&w, &stop);
                sc.spawn(move || client(w, &format!("s{i}"), i, stop))
            })
            .collect();
        // Let the clients get going, then restore.
        std::thread::sleep(Duration::from_secs(2));
        let start = Instant::now();
        let mut child = w
            .command(&cli_path().display().to_string())
            .args(["restore", "--share", "r", "--from", &from, "tree"])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // The mark is in the backup's entry while the restore runs.
        let mut marked = false;
        let deadline = Instant::now() + Duration::from_secs(30);
        while !marked && Instant::now() < deadline && child.try_wait().unwrap().is_none() {
            marked = w
                .sh(&format!("grep -l '\"restoring\"' {}/*.json", q(&catalog)))
                .status
                .success();
            std::thread::sleep(Duration::from_millis(20));
        }
        let prune_during = marked.then(|| w.cli("prune --share r"));
        let out = child.wait_with_output().unwrap();
        let end = Instant::now();
        stop.store(true, Ordering::SeqCst);
        let cycles: Vec<Cycle> = clients
            .into_iter()
            .flat_map(|c| c.join().unwrap())
            .collect();
        ((start, end, out), cycles, prune_during, marked)
    });
    let (start, end, out) = restore;
    assert!(out.status.success(), "rvss restore: {}", text(&out));
    let took = end - start;
    eprintln!("restore took {took:?}; {} FSRVP cycles", cycles.len());
    assert!(
        took >= Duration::from_secs(2),
        "the restore was too quick ({took:?}) to show anything"
    );
    let failures: Vec<&Cycle> = cycles.iter().filter(|c| c.failure.is_some()).collect();
    assert!(failures.is_empty(), "FSRVP failures: {failures:#?}");
    // The overlap: cycles that began and ended while the restore ran.
    let inside: Vec<&Cycle> = cycles
        .iter()
        .filter(|c| c.start > start && c.end < end)
        .collect();
    assert!(
        inside.len() >= 4,
        "only {} FSRVP cycles ran during the {took:?} restore",
        inside.len()
    );
    // No delete waited for the restore (with the old shared lock held for
    // the whole restore, each waited until it ended or timed out at 10 s).
    let slowest = inside.iter().map(|c| c.delete_took).max().unwrap();
    assert!(
        slowest < took / 2,
        "a delete during the {took:?} restore took {slowest:?}"
    );
    assert!(marked, "the restore left no mark in the catalog");
    // prune during the restore left the backup alone, and said so.
    let p = prune_during.expect("prune ran during the restore");
    assert_eq!(p.status.code(), Some(2), "rvss prune: {}", text(&p));
    assert!(
        text(&p).contains(&format!("rvss prune: r {from} left alone:"))
            && text(&p).contains("is restoring from it"),
        "{}",
        text(&p)
    );
    // The restore is complete, and its mark gone.
    let n = w.must(&format!("find {}/tree -type f | wc -l", q(&share)));
    assert_eq!(n.trim(), (DIRS * FILES + 1).to_string());
    let big = w.must(&format!("stat -c %s {}/tree/big.vhdx", q(&share)));
    assert_eq!(big.trim(), (BIG_GIB << 30).to_string());
    assert!(!w
        .sh(&format!("grep -l '\"restoring\"' {}/*.json", q(&catalog)))
        .status
        .success());
    // Now prune takes it; nothing of the clients' sets is left.
    let o = w.cli("prune --share r");
    assert_eq!(o.status.code(), Some(0), "rvss prune: {}", text(&o));
    let left: Vec<String> = list_json(&w)
        .iter()
        .map(|e| format!("{} {}", e["share"], e["gmt"]))
        .collect();
    assert_eq!(left, vec![format!("\"r\" \"{}\"", backups[1])]);
}

#[test]
fn the_fsrvp_delete_of_a_copy_being_restored_from_waits_for_gc() {
    let mut w = World::new("restore-busy-delete");
    let fs = w.add_btrfs("fs1", 1000);
    let vol = fs.join("vol1");
    let share = vol.join("data");
    w.must(&format!(
        "btrfs subvolume create {0} >/dev/null && mkdir -p {0}/data/tree && cd {0}/data/tree && \
         for d in $(seq 1 {DIRS}); do mkdir d$d; (cd d$d && seq -f f%g.vhdx 1 {FILES} | xargs touch); done",
        q(&vol)
    ));
    w.add_share("r", &share, &["vfs objects = rvss"]);
    w.start_samba();
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro r"))
        .pop()
        .unwrap();
    let gmt = list_json(&w)[0]["gmt"].as_str().unwrap().to_string();
    w.must(&format!("rm -rf {}/tree", q(&share)));
    let catalog = fs.join(".rvss/catalog.d");
    let mut child = w
        .command(&cli_path().display().to_string())
        .args(["restore", "--share", "r", "--from", &gmt, "tree"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut marked = false;
    while !marked && Instant::now() < deadline && child.try_wait().unwrap().is_none() {
        marked = w
            .sh(&format!("grep -l '\"restoring\"' {}/*.json", q(&catalog)))
            .status
            .success();
        std::thread::sleep(Duration::from_millis(20));
    }
    assert!(marked, "no restore mark seen");
    let t = text(&w.rpc(&format!("fss_delete r {} {}", e.set, e.copy)));
    let running = child.try_wait().unwrap().is_none();
    assert!(
        running,
        "the restore ended before the delete: nothing shown"
    );
    assert!(
        t.contains("0x"),
        "the copy was deleted under the restore: {t}"
    );
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "rvss restore: {}", text(&out));
    let n = w.must(&format!("find {}/tree -type f | wc -l", q(&share)));
    assert_eq!(n.trim(), (DIRS * FILES).to_string());
    let log = w.rvss_log();
    assert!(log.contains("is restoring from it"), "{log}");
    // The restore over, FSRVP has forgotten the copy: gc removes it.
    let _ = w.sh(&format!("net conf delshare '{}'", e.unc_share()));
    let o = w.cli("gc --grace 0");
    assert_eq!(o.status.code(), Some(0), "rvss gc: {}", text(&o));
    assert!(list_json(&w).is_empty());
}
