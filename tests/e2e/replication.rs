//! Replication of retained backups to a second btrfs filesystem (issue
//! 24, local targets): full then incremental `btrfs send | btrfs receive`,
//! verified on the target, and a transfer killed midway cleaned up by the
//! next run.

use crate::common::*;
use crate::retention::{backup_cycle, list_json, retention_world};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// `btrfs subvolume show`'s fields (UUID, Parent UUID, Received UUID, ...).
pub(crate) fn show(w: &World, subvol: &Path) -> std::collections::HashMap<String, String> {
    w.must(&format!("btrfs subvolume show '{}'", subvol.display()))
        .lines()
        .filter_map(|l| l.trim().split_once(':'))
        .map(|(k, v)| (k.trim().to_string(), v.trim().to_string()))
        .collect()
}

pub(crate) fn readonly(w: &World, subvol: &Path) -> bool {
    w.must(&format!("btrfs property get -ts '{}' ro", subvol.display()))
        .trim()
        == "ro=true"
}

/// The retention world plus a second btrfs filesystem as share vm's
/// `rvss:replicate to`; returns the world, the share and the target.
fn replication_world(name: &str) -> (World, PathBuf, PathBuf) {
    replication_world_keeping(name, 5)
}

/// `replication_world` keeping the newest `retain` backups.
fn replication_world_keeping(name: &str, retain: u32) -> (World, PathBuf, PathBuf) {
    let (mut w, _fs1, share) = retention_world(name, &[&format!("rvss:retain = {retain}")]);
    let fs2 = w.add_btrfs("fs2", 1500);
    let target = fs2.join("replicas");
    w.must(&format!("mkdir '{}'", target.display()));
    let s = w.shares.iter_mut().find(|s| s.name == "vm").unwrap();
    s.options
        .push(format!("rvss:replicate to = {}", target.display()));
    w.write_conf();
    // The module reads the option too (it asks for a run when it keeps a
    // backup): Samba's FSRVP server reads smb.conf when it starts.
    w.restart_samba();
    (w, share, target)
}

/// Where the module asks for a replication run (`rvss-replicate.pending`
/// in Samba's state directory, the world's own), as the test sees it.
pub(crate) fn pending_flag(w: &World) -> PathBuf {
    w.dir.join("samba/var/lib/samba/rvss-replicate.pending")
}

/// `rvss replicate --json`: exit code, the copies sent, the text.
fn replicate(w: &World) -> (i32, Vec<serde_json::Value>, String) {
    let o = w.cli("replicate --json");
    let report = serde_json::from_slice::<serde_json::Value>(&o.stdout).unwrap_or_default();
    let sent = report["sent"].as_array().cloned().unwrap_or_default();
    (o.status.code().unwrap_or(-1), sent, text(&o))
}

#[test]
fn full_then_incremental_verified_on_the_target() {
    let (w, share, target) = replication_world("replicate");
    // 32 MiB the second backup shares with the first.
    w.must(&format!(
        "head -c 33554432 /dev/urandom > '{}/base.vhdx'",
        share.display()
    ));
    backup_cycle(&w, &share, "version 1");
    std::thread::sleep(Duration::from_millis(1100));
    backup_cycle(&w, &share, "version 2");
    let list = list_json(&w);
    assert_eq!(list.len(), 2, "{list:?}");
    assert!(
        list.iter().all(|e| e["replicated"] == false),
        "nothing replicated yet: {list:?}"
    );
    // Each retained backup asked for a run (rvss-replicate.path starts
    // one while the flag exists); the run takes the request first.
    let pending = pending_flag(&w);
    assert!(pending.is_file(), "{} must exist", pending.display());

    let (code, sent, out) = replicate(&w);
    assert_eq!(code, 0, "rvss replicate: {out}");
    assert!(
        !pending.exists(),
        "rvss replicate must remove {}",
        pending.display()
    );
    assert_eq!(sent.len(), 2, "{out}");
    assert_eq!(sent[0]["parent"], serde_json::Value::Null, "first is full");
    assert_eq!(sent[1]["parent"], sent[0]["gmt"], "second from the first");

    let list = list_json(&w);
    let mut copies = vec![];
    for (e, s) in list.iter().zip(&sent) {
        assert_eq!(e["gmt"], s["gmt"], "oldest first: {list:?} {sent:?}");
        assert_eq!(e["replicated"], true, "{e}");
        let copy = PathBuf::from(e["replica"].as_str().expect("replica path"));
        assert!(copy.starts_with(target.join("vm")), "{copy:?}");
        assert!(readonly(&w, &copy), "{copy:?} must be read-only");
        let src = show(&w, Path::new(e["path"].as_str().unwrap()));
        let dst = show(&w, &copy);
        assert_eq!(
            dst["Received UUID"], src["UUID"],
            "{copy:?} must be a received copy of {}",
            e["path"]
        );
        copies.push(dst);
    }
    // Incremental: the second copy was received as a snapshot of the first
    // (a full receive makes a subvolume without a parent)...
    assert_eq!(copies[0]["Parent UUID"], "-", "{:?}", copies[0]);
    assert_eq!(
        copies[1]["Parent UUID"], copies[0]["UUID"],
        "the second transfer must be incremental: {:?}",
        copies[1]
    );
    // ...and its stream holds the change, not the 32 MiB both share.
    let stream = |parent: Option<&str>| -> u64 {
        let p = parent.map_or(String::new(), |p| format!("-p '{p}'"));
        w.must(&format!(
            "btrfs send -q {p} '{}' | wc -c",
            list[1]["path"].as_str().unwrap()
        ))
        .trim()
        .parse()
        .unwrap()
    };
    let (inc, full) = (stream(list[0]["path"].as_str()), stream(None));
    assert!(
        inc < 1 << 20 && full > 32 << 20,
        "incremental {inc} bytes, full {full} bytes"
    );
    assert_eq!(
        w.must(&format!(
            "cat '{}'",
            Path::new(list[1]["replica"].as_str().unwrap())
                .join("hyperv/vm/disk.vhdx")
                .display()
        )),
        "version 2"
    );

    // A second run has nothing to send.
    let (code, sent, out) = replicate(&w);
    assert_eq!((code, sent.len()), (0, 0), "{out}");
    // Monitoring sees both on the target: nothing left to send, the
    // newest copy's time.
    let m = w.cli("metrics");
    let m = text(&m);
    assert!(
        m.contains("rvss_unreplicated_backups{share=\"vm\"} 0\n"),
        "{m}"
    );
    let newest = rvss_core::duration::parse_rfc3339(list[1]["created"].as_str().unwrap()).unwrap();
    assert!(
        m.contains(&format!(
            "rvss_newest_replicated_backup_timestamp_seconds{{share=\"vm\"}} {newest}\n"
        )),
        "{m}"
    );
}

/// Whether `pid` is a `btrfs receive`.
fn is_receive(pid: u32) -> bool {
    std::fs::read(format!("/proc/{pid}/cmdline"))
        .map(|c| c.split(|&b| b == 0).take(2).any(|a| a == b"receive"))
        .unwrap_or(false)
}

#[test]
fn a_killed_receive_leaves_no_partial_copy() {
    let (w, share, target) = replication_world("replicate-kill");
    // Big enough that the receive runs a while after its subvolume appears.
    w.must(&format!(
        "head -c 629145600 /dev/urandom > '{}/big.vhdx'",
        share.display()
    ));
    backup_cycle(&w, &share, "version 1");
    let list = list_json(&w);
    let src = PathBuf::from(list[0]["path"].as_str().unwrap());
    let copy = target.join("vm").join(src.file_name().unwrap());

    let run = w
        .command(&cli_path().display().to_string())
        .args(["replicate"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Kill the receive once its subvolume exists.
    let deadline = Instant::now() + Duration::from_secs(60);
    let killed = loop {
        assert!(Instant::now() < deadline, "the receive never started");
        let exists = w
            .sh(&format!("test -d '{}'", copy.display()))
            .status
            .success();
        if exists {
            if let Some(pid) = w.pids_of("btrfs").into_iter().find(|&p| is_receive(p)) {
                w.must(&format!("kill -KILL {pid}"));
                break pid;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let o = run.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        text(&o).contains("btrfs receive into"),
        "one clear line naming the failed receive: {}",
        text(&o)
    );
    // The race happened: receive {killed} was killed midway, and the run
    // removed the incomplete copy it left (a complete one is never
    // removed: it is read-only with the backup's UUID).
    assert!(
        text(&o).contains("left by an incomplete transfer"),
        "receive {killed} finished before the kill: {}",
        text(&o)
    );
    assert!(
        !w.sh(&format!("test -e '{}'", copy.display()))
            .status
            .success(),
        "the partial copy is gone"
    );
    assert_eq!(list_json(&w)[0]["replicated"], false);

    let (code, sent, out) = replicate(&w);
    assert_eq!(code, 0, "rvss replicate after the kill: {out}");
    assert_eq!(sent.len(), 1, "{out}");
    let done = show(&w, &copy);
    assert_eq!(done["Received UUID"], show(&w, &src)["UUID"]);
    assert!(readonly(&w, &copy));
    assert_eq!(list_json(&w)[0]["replicated"], true);
    w.must(&format!(
        "cmp '{}/hyperv/vm/big.vhdx' '{}/hyperv/vm/big.vhdx'",
        src.display(),
        copy.display()
    ));
}

#[test]
fn a_foreign_subvolume_on_the_target_is_never_touched() {
    let (w, share, target) = replication_world("replicate-foreign");
    backup_cycle(&w, &share, "version 1");
    let list = list_json(&w);
    let name = Path::new(list[0]["path"].as_str().unwrap())
        .file_name()
        .unwrap()
        .to_owned();
    let foreign = target.join("vm").join(&name);
    w.must(&format!(
        "mkdir -p '{0}' && btrfs subvolume create '{1}' >/dev/null && echo mine > '{1}/f'",
        target.join("vm").display(),
        foreign.display()
    ));
    let (code, sent, out) = replicate(&w);
    assert_eq!((code, sent.len()), (2, 0), "{out}");
    assert!(
        out.contains("is not a received copy"),
        "a clear line about the foreign subvolume: {out}"
    );
    assert_eq!(w.must(&format!("cat '{}/f'", foreign.display())), "mine\n");
    assert_eq!(list_json(&w)[0]["replicated"], false);
}

#[test]
fn the_last_backup_both_sides_hold_is_kept_until_a_newer_one_arrived() {
    let (w, share, _target) = replication_world_keeping("replicate-chain", 1);
    backup_cycle(&w, &share, "version 1");
    let (code, sent, out) = replicate(&w);
    assert_eq!((code, sent.len()), (0, 1), "{out}");
    let first = sent[0]["gmt"].clone();
    std::thread::sleep(Duration::from_millis(1100));

    // rvss:retain = 1 alone would prune the first backup when the second is
    // retained; it is the only one the target holds, so it stays.
    backup_cycle(&w, &share, "version 2");
    let list = list_json(&w);
    assert_eq!(list.len(), 2, "the chain parent must survive: {list:?}");
    assert_eq!(list[0]["gmt"], first);
    let dry = w.cli("prune --dry-run");
    assert!(
        text(&dry).contains(&format!("keep vm {} ", first.as_str().unwrap()))
            && text(&dry).contains("(replica)"),
        "{}",
        text(&dry)
    );

    // Once the second has arrived (incremental from the first), the first
    // may go.
    let (code, sent, out) = replicate(&w);
    assert_eq!((code, sent.len()), (0, 1), "{out}");
    assert_eq!(sent[0]["parent"], first, "{out}");
    let o = w.cli("prune");
    assert!(o.status.success(), "{}", text(&o));
    let list = list_json(&w);
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["gmt"], sent[0]["gmt"]);
    assert_eq!(list[0]["replicated"], true);
}

#[test]
fn maintain_replicates_before_it_prunes_and_a_missing_target_fails_clearly() {
    let (w, share, target) = replication_world_keeping("replicate-maintain", 1);
    backup_cycle(&w, &share, "version 1");
    let o = w.cli("maintain");
    assert!(o.status.success(), "rvss maintain: {}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("replicated vm @GMT-"),
        "{}",
        text(&o)
    );
    let list = list_json(&w);
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0]["replicated"], true);
    let copy = PathBuf::from(list[0]["replica"].as_str().unwrap());
    assert!(copy.starts_with(target.join("vm")) && readonly(&w, &copy));

    // The target's filesystem gone (unmounted, its directory empty): one
    // clear line, exit 2, nothing sent, the backup kept.
    w.must(&format!("umount '{}'", target.parent().unwrap().display()));
    std::thread::sleep(Duration::from_millis(1100));
    backup_cycle(&w, &share, "version 2");
    let (code, sent, out) = replicate(&w);
    assert_eq!((code, sent.len()), (2, 0), "{out}");
    assert!(
        out.contains(&format!("replication target {}", target.display())),
        "{out}"
    );
    let o = w.cli("maintain");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(text(&o).contains("rvss replicate:"), "{}", text(&o));
    // The replicated backup is still the chain parent: both are kept.
    assert_eq!(list_json(&w).len(), 2);
    // Mounted again (the World unmounts it at the end).
    let fs2 = w
        .filesystems
        .iter()
        .find(|f| f.mount.ends_with("fs2"))
        .unwrap();
    w.must(&format!(
        "mount -o loop '{}' '{}'",
        fs2.image.display(),
        fs2.mount.display()
    ));
    let (code, sent, out) = replicate(&w);
    assert_eq!((code, sent.len()), (0, 1), "{out}");
    assert_eq!(sent[0]["parent"], list[0]["gmt"], "{out}");
}

#[test]
fn a_backup_whose_snapshot_vanished_fails_the_run_clearly_and_the_rest_is_sent() {
    let (w, share, _target) = replication_world("replicate-vanished");
    backup_cycle(&w, &share, "version 1");
    std::thread::sleep(Duration::from_millis(1100));
    backup_cycle(&w, &share, "version 2");
    let list = list_json(&w);
    assert_eq!(list.len(), 2, "{list:?}");
    // The first backup's snapshot removed behind rvss's back.
    w.must(&format!(
        "btrfs subvolume delete '{}' >/dev/null",
        list[0]["path"].as_str().unwrap()
    ));
    let o = w.cli("replicate --json");
    let out = text(&o);
    assert_eq!(o.status.code(), Some(2), "{out}");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(report["vanished"][0]["gmt"], list[0]["gmt"], "{out}");
    assert!(
        String::from_utf8_lossy(&o.stderr).contains(&format!(
            "rvss replicate: vm: backup {} vanished",
            list[0]["gmt"].as_str().unwrap()
        )),
        "{out}"
    );
    // The other one went, whole (its would-be parent is gone).
    let sent = report["sent"].as_array().unwrap();
    assert_eq!(sent.len(), 1, "{out}");
    assert_eq!(sent[0]["gmt"], list[1]["gmt"], "{out}");
    assert_eq!(sent[0]["parent"], serde_json::Value::Null, "{out}");
}
