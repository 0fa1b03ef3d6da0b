//! The backup is the snapshot: retention, Previous Versions, restore by
//! reflink, orphan cleanup, and the catalog under concurrent use.

use crate::common::*;
use std::path::{Path, PathBuf};

pub(crate) fn list_json(w: &World) -> Vec<serde_json::Value> {
    let o = w.cli("list --json");
    assert!(o.status.success(), "rvss list: {}", text(&o));
    serde_json::from_slice::<Vec<serde_json::Value>>(&o.stdout)
        .expect("rvss list --json prints an array")
}

fn states(w: &World) -> Vec<String> {
    list_json(w)
        .iter()
        .map(|e| e["state"].as_str().unwrap_or("?").to_string())
        .collect()
}

/// A world with share `vm` (a subdirectory of subvolume vol1) using rvss
/// with `extra` options and the Previous Versions lines `rvss smbconf`
/// prints for it.
pub(crate) fn retention_world(name: &str, extra: &[&str]) -> (World, PathBuf, PathBuf) {
    let mut w = World::new(name);
    let fs1 = w.add_btrfs("fs1", 1200);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create '{}' >/dev/null && mkdir -p '{}/hyperv/vm'",
        vol.display(),
        vol.display()
    ));
    let share = vol.join("hyperv/vm");
    let mut opts = vec!["vfs objects = rvss"];
    opts.extend_from_slice(extra);
    w.add_share("vm", &share, &opts);
    w.start_samba();
    let o = w.cli("smbconf vm");
    assert!(o.status.success(), "rvss smbconf: {}", text(&o));
    let lines: Vec<String> = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l == "shadow:snapsharepath = hyperv/vm"),
        "{lines:?}"
    );
    let s = w.shares.iter_mut().find(|s| s.name == "vm").unwrap();
    s.options.retain(|o| !o.starts_with("vfs objects"));
    s.options.extend(lines);
    w.restart_samba();
    (w, fs1, share)
}

/// One FSRVP backup with auto-recovery: create (rw), the application writes
/// its recovery, recovery complete, delete.
pub(crate) fn backup_cycle(w: &World, share: &Path, content: &str) {
    w.must(&format!(
        "printf '%s' '{content}' > '{}/disk.vhdx'",
        share.display()
    ));
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup rw vm"))
        .pop()
        .expect("exposed");
    let local = w.dir.join("recovery.log");
    std::fs::write(&local, "recovered").unwrap();
    w.smb_ok(
        &e.unc_share(),
        &format!("put {} recovery.log", local.display()),
    );
    w.rpc_ok(&format!("fss_recovery_complete {}", e.set));
    w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
}

#[test]
fn retained_backups_previous_versions_prune_and_restore() {
    let (mut w, fs1, share) = retention_world("retain", &["rvss:retain = 2"]);
    for i in 1..=3 {
        backup_cycle(&w, &share, &format!("version {i}"));
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    // No rvss:replicate to: no replication asked for.
    let pending = crate::replication::pending_flag(&w);
    assert!(!pending.exists(), "{} must not exist", pending.display());
    assert!(pending.parent().unwrap().join("rvss-history").is_file());
    w.must(&format!("printf 'live' > '{}/disk.vhdx'", share.display()));

    // Exactly two read-only backups remain: versions 2 and 3.
    let list = list_json(&w);
    assert_eq!(list.len(), 2, "{list:?}");
    for e in &list {
        assert_eq!(e["state"], "retained");
        assert_eq!(e["readonly"], true);
        assert_eq!(e["share"], "vm");
        for k in ["id", "subvolume", "path", "gmt", "created"] {
            assert!(e[k].is_string(), "{k} missing in {e}");
        }
        let ro = w.must(&format!(
            "btrfs property get -ts '{}' ro",
            e["path"].as_str().unwrap()
        ));
        assert_eq!(
            ro.trim(),
            "ro=true",
            "the auto-recovered copy must be read-only once retained"
        );
    }
    let gmts: Vec<String> = list
        .iter()
        .map(|e| e["gmt"].as_str().unwrap().to_string())
        .collect();

    // Previous Versions through SMB: listed and readable.
    let info = w.smb_ok("vm", "allinfo disk.vhdx");
    for g in &gmts {
        assert!(
            info.contains(g.as_str()),
            "{g} not offered as a previous version:\n{info}"
        );
    }
    assert_eq!(
        w.smb_cat("vm", &format!("{}/disk.vhdx", gmts[0])),
        "version 2"
    );
    assert_eq!(
        w.smb_cat("vm", &format!("{}/disk.vhdx", gmts[1])),
        "version 3"
    );
    // The recovery the application wrote is part of the backup.
    assert_eq!(
        w.smb_cat("vm", &format!("{}/recovery.log", gmts[1])),
        "recovered"
    );

    // Restore: refused without --force, then instant by reflink.
    let o = w.cli(&format!("restore --share vm --from {} disk.vhdx", gmts[0]));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert_eq!(
        w.must(&format!("cat '{}/disk.vhdx'", share.display())),
        "live"
    );
    let o = w.cli(&format!(
        "restore --share vm --from {} --force disk.vhdx",
        gmts[0]
    ));
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        w.must(&format!("cat '{}/disk.vhdx'", share.display())),
        "version 2"
    );
    // A file that exists only in the backup needs no --force.
    assert!(!w
        .sh(&format!("test -e '{}/recovery.log'", share.display()))
        .status
        .success());
    let o = w.cli(&format!(
        "restore --share vm --from {} recovery.log",
        gmts[1]
    ));
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(
        w.must(&format!("cat '{}/recovery.log'", share.display())),
        "recovered"
    );

    // Prune: a smaller policy, dry run first.
    let s = w.shares.iter_mut().find(|s| s.name == "vm").unwrap();
    s.options.retain(|o| !o.starts_with("rvss:retain"));
    s.options.push("rvss:retain = 1".into());
    w.write_conf();
    let o = w.cli("prune --dry-run --json");
    let would: Vec<serde_json::Value> =
        serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("{}", text(&o)));
    assert_eq!(would.len(), 1);
    assert_eq!(would[0]["gmt"], gmts[0].as_str());
    assert_eq!(list_json(&w).len(), 2, "--dry-run deleted something");
    let o = w.cli("prune");
    assert!(o.status.success(), "{}", text(&o));
    let left = list_json(&w);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0]["gmt"], gmts[1].as_str());
    assert!(!w
        .sh(&format!(
            "test -e '{}/.rvss/vol1/{}'",
            fs1.display(),
            gmts[0]
        ))
        .status
        .success());
}

#[test]
fn restore_of_a_large_file_uses_no_extra_space() {
    let (w, fs1, share) = retention_world("reflink", &["rvss:retain = 1"]);
    w.must(&format!(
        "dd if=/dev/urandom of='{}/big.vhdx' bs=1M count=256 status=none && sync",
        share.display()
    ));
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .unwrap();
    w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    let gmt = list_json(&w)[0]["gmt"].as_str().unwrap().to_string();
    w.must(&format!(
        "rm '{}/big.vhdx' && sync && btrfs filesystem sync '{}'",
        share.display(),
        fs1.display()
    ));
    let used = |w: &World| -> u64 {
        w.must(&format!(
            "btrfs filesystem sync '{0}' && df -B1 --output=used '{0}' | tail -1",
            fs1.display()
        ))
        .trim()
        .parse()
        .unwrap()
    };
    let before = used(&w);
    let o = w.cli(&format!("restore --share vm --from {gmt} big.vhdx"));
    assert!(o.status.success(), "{}", text(&o));
    let after = used(&w);
    assert!(
        after.saturating_sub(before) < 16 << 20,
        "restore used {} bytes",
        after - before
    );
    let sums = w.must(&format!(
        "sha256sum '{}/big.vhdx' '{}/.rvss/vol1/{gmt}/hyperv/vm/big.vhdx' | cut -d' ' -f1 | uniq | wc -l",
        share.display(),
        fs1.display()
    ));
    assert_eq!(sums.trim(), "1", "restored content differs");
}

#[test]
fn gc_after_killing_the_fsrvp_server_mid_loop_keeps_every_backup() {
    let (w, fs1, share) = retention_world("gc", &["rvss:retain = 5"]);
    backup_cycle(&w, &share, "kept");
    let retained_before = list_json(&w);
    assert_eq!(retained_before.len(), 1);

    // A tree the commit walks (the snapshot as taken): a set's entry is
    // reserved, and lists as an orphan (no share refers to it yet), from
    // before the snapshot until the set is exposed.
    w.must(&format!(
        "cd '{}' && for d in $(seq 1 30); do mkdir d$d; (cd d$d && touch $(seq -f f%g 1 500)); done",
        share.display()
    ));
    // A loop of creates in the background. rpcd_fsrvp is killed the moment
    // a new entry file appears in the catalog (the set's reservation): the
    // catalog is watched through the world's mount namespace from here, so
    // the kill lands within the commit's walk of the tree above, long
    // before the set is exposed.
    let stop = w.dir.join("stop-loop");
    let catalog = PathBuf::from(format!("/proc/{}/root", w.pid))
        .join(fs1.strip_prefix("/").unwrap())
        .join(".rvss/catalog.d");
    let entries = || -> std::collections::BTreeSet<std::ffi::OsString> {
        std::fs::read_dir(&catalog)
            .map(|rd| rd.flatten().map(|e| e.file_name()).collect())
            .unwrap_or_default()
    };
    assert!(!entries().is_empty(), "catalog not found at {catalog:?}");
    let orphan_ids = |w: &World| -> Vec<String> {
        list_json(w)
            .iter()
            .filter(|e| e["state"] == "orphan")
            .filter_map(|e| e["id"].as_str().map(str::to_string))
            .collect()
    };
    let mut left = None;
    for attempt in 1..=5 {
        let _ = std::fs::remove_file(&stop);
        let known = entries();
        let mut bg = w.spawn_sh(&format!(
            "while [ ! -e '{}' ]; do rpcclient -U 'root%{PASSWORD}' ncacn_np:127.0.0.1 -c 'fss_create_expose backup ro vm' >/dev/null 2>&1; done",
            stop.display()
        ));
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        let mut reserved = None;
        while reserved.is_none() && std::time::Instant::now() < deadline {
            reserved = entries().into_iter().find(|n| !known.contains(n));
        }
        let reserved = reserved.expect("no set reserved a catalog entry within 60 s");
        let pids = w.pids_of("rpcd_fsrvp");
        assert!(!pids.is_empty(), "rpcd_fsrvp runs");
        for pid in &pids {
            // The world's own rpcd_fsrvp, found through its namespace.
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
        }
        // No create may run while the orphan is judged: stop the loop.
        std::fs::write(&stop, "").unwrap();
        bg.wait().unwrap();
        // A set still unexposed when its server died stays so.
        let now = orphan_ids(&w);
        eprintln!(
            "attempt {attempt}: killed {pids:?} after {reserved:?} appeared; orphans {now:?}"
        );
        if let Some(id) = now.into_iter().next() {
            left = Some(id);
            break;
        }
    }
    let left = left.expect("the kill never left a set unexposed (5 attempts)");
    assert!(
        orphan_ids(&w).contains(&left),
        "the set the kill left is no longer an orphan: {:?}",
        list_json(&w)
    );

    let o = w.cli("gc --grace 0 --json");
    assert!(o.status.success(), "{}", text(&o));
    let gc: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
    let judged = gc
        .iter()
        .find(|r| r["id"] == left.as_str())
        .unwrap_or_else(|| panic!("gc did not judge the orphan {left}: {gc:?}"));
    let list = list_json(&w);
    assert!(
        !states(&w).iter().any(|s| s == "orphan"),
        "orphans left: {list:?}"
    );
    // With a retention policy the orphan's snapshot becomes a backup; only
    // an entry whose snapshot was never made goes.
    eprintln!("gc: {judged}");
    match judged["kind"].as_str() {
        Some("retained") => assert!(
            list.iter()
                .any(|e| e["id"] == left.as_str() && e["state"] == "retained"),
            "the orphan kept as a backup is not listed: {list:?}"
        ),
        Some("stale") => assert!(!list.iter().any(|e| e["id"] == left.as_str())),
        other => panic!("gc took the orphan as {other:?}: {judged}"),
    }
    // Every backup survived, and every catalog entry has its snapshot.
    for b in &retained_before {
        assert!(
            list.iter()
                .any(|e| e["id"] == b["id"] && e["state"] == "retained"),
            "backup lost: {b}"
        );
    }
    for e in &list {
        assert!(
            w.sh(&format!("test -d '{}'", e["path"].as_str().unwrap()))
                .status
                .success(),
            "{e}"
        );
    }
    // And nothing under the snapshot folder lacks a catalog entry.
    let on_disk = w.must(&format!("ls '{}/.rvss/vol1'", fs1.display()));
    assert_eq!(on_disk.lines().count(), list.len(), "{on_disk}\n{list:?}");
}

#[test]
fn prune_and_gc_while_fsrvp_creates_keep_the_catalog_consistent() {
    let (mut w, fs1, _share) = retention_world("concurrent", &["rvss:retain = 2"]);
    // A share without retention whose shadow copies lost their exposed
    // shares (as after a crash of the backup client): orphans that gc, run
    // while FSRVP works on vm, must really delete.
    let scratch = fs1.join("scratch");
    w.must(&format!(
        "btrfs subvolume create '{}' >/dev/null",
        scratch.display()
    ));
    w.add_share("scratch", &scratch, &["vfs objects = rvss"]);
    w.restart_samba();
    for _ in 0..3 {
        let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro scratch"))
            .pop()
            .expect("exposed");
        w.must(&format!("net conf delshare '{}'", e.unc_share()));
    }
    let orphans = || {
        w.must(&format!("ls -A '{}/.rvss/scratch'", fs1.display()))
            .lines()
            .count()
    };
    assert_eq!(orphans(), 3);
    let loop_cmd = format!(
        "ok=0; for i in $(seq 1 8); do out=$(rpcclient -U 'root%{PASSWORD}' ncacn_np:127.0.0.1 -c 'fss_create_expose backup ro vm'); \
         set=$(echo \"$out\" | sed -n 's/^\\([0-9a-f-]\\{{36\\}}\\): shadow-copy set created.*/\\1/p'); \
         sc=$(echo \"$out\" | sed -n 's/.*share vm@{{\\([0-9a-f-]\\{{36\\}}\\)}} exposed.*/\\1/p'); \
         rpcclient -U 'root%{PASSWORD}' ncacn_np:127.0.0.1 -c \"fss_delete vm $set $sc\" >/dev/null && ok=$((ok + 1)); done; \
         [ $ok -eq 8 ]"
    );
    let mut bg = w.spawn_sh(&loop_cmd);
    let cli = cli_path();
    let mut runs = 0;
    let fsrvp = loop {
        if let Some(st) = bg.try_wait().unwrap() {
            break st;
        }
        // Grace 0: gc acts on every orphan it sees (a shadow copy between
        // its snapshot and its exposure is one); a retaining share's
        // orphans are kept as backups, never deleted under FSRVP.
        for cmd in ["prune", "gc --grace 0", "list --json"] {
            let o = w.sh(&format!("'{}' {cmd}", cli.display()));
            assert!(o.status.success(), "rvss {cmd}: {}", text(&o));
        }
        runs += 1;
    };
    // Every cycle of the loop worked (a create that failed leaves nothing
    // to delete, and a failed delete exits 1).
    assert!(
        fsrvp.success(),
        "FSRVP cycles failed while prune and gc ran"
    );
    assert!(runs > 0);
    assert_eq!(orphans(), 0, "gc left scratch's orphans");
    let list = list_json(&w);
    assert_eq!(list.len(), 2, "retain = 2 after 8 cycles: {list:?}");
    assert!(list.iter().all(|e| e["share"] == "vm"), "{list:?}");
    let on_disk = w.must(&format!("ls '{}/.rvss/vol1'", fs1.display()));
    assert_eq!(on_disk.lines().count(), 2, "{on_disk}");
}

#[test]
fn list_reports_exclusive_bytes_where_quotas_are_on() {
    let (w, fs1, share) = retention_world("quota", &["rvss:retain = 3"]);
    w.must(&format!(
        "dd if=/dev/urandom of='{}/disk.vhdx' bs=1M count=8 status=none && sync",
        share.display()
    ));
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .unwrap();
    w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    assert!(
        list_json(&w)[0].get("exclusive_bytes").is_none(),
        "quotas are off: no exclusive bytes"
    );

    w.must(&format!(
        "btrfs quota enable '{0}' && btrfs quota rescan -w '{0}' >/dev/null",
        fs1.display()
    ));
    // The live file changes: its old blocks now belong to the backup alone.
    w.must(&format!(
        "dd if=/dev/urandom of='{}/disk.vhdx' bs=1M count=8 status=none && sync",
        share.display()
    ));
    w.must(&format!(
        "btrfs filesystem sync '{0}' && btrfs quota rescan -w '{0}' >/dev/null",
        fs1.display()
    ));
    let l = list_json(&w);
    let excl = l[0]["exclusive_bytes"]
        .as_u64()
        .unwrap_or_else(|| panic!("{l:?}"));
    assert!(excl >= 8 << 20, "exclusive bytes {excl}");
}

/// Calendar retention, applied by FSRVP's delete in the server's local
/// time. Samba's clock cannot be faked here (each snapshot's btrfs otime,
/// the kernel's clock, must match its catalog entry's time, or rvss refuses
/// to touch it), so the days come from the time zone instead: Samba and the
/// CLI run in a zone whose midnight falls between the third and the fourth
/// of seven backups a second or two apart.
#[test]
fn calendar_retention_keeps_the_newest_backup_of_each_local_day() {
    // Every backup kept while they are made.
    let (mut w, _fs1, share) = retention_world("calendar", &["rvss:retain = 10"]);
    for i in 0..6 {
        backup_cycle(&w, &share, &format!("backup {i}"));
        std::thread::sleep(std::time::Duration::from_millis(1_100));
    }
    let created = |w: &World| -> Vec<(String, i64)> {
        let mut v: Vec<(String, i64)> = list_json(w)
            .iter()
            .filter(|e| e["state"] == "retained")
            .map(|e| {
                let gmt = e["gmt"].as_str().unwrap().to_string();
                let t = rvss::gmt::parse(&gmt[..24]).unwrap();
                (gmt, t)
            })
            .collect();
        v.sort();
        v
    };
    let made = created(&w);
    assert_eq!(made.len(), 6, "{made:?}");
    // Local midnight one second after the third backup: UTC+off, as a
    // POSIX TZ (whose sign is west-positive).
    let off = 86_400 - (made[2].1 + 1).rem_euclid(86_400);
    let tz = format!(
        "<RVSS>-{:02}:{:02}:{:02}",
        off / 3_600,
        off / 60 % 60,
        off % 60
    );
    // From now on only the calendar rule: the newest backup of each of the
    // two most recent local days.
    let s = w.shares.iter_mut().find(|s| s.name == "vm").unwrap();
    s.options.retain(|o| !o.starts_with("rvss:retain"));
    s.options.push("rvss:retain daily = 2".into());
    w.samba_env.push(("TZ".into(), tz.clone().into()));
    w.restart_samba();
    // The seventh backup, kept by the FSRVP delete, which prunes the rest
    // of the two days but each day's newest.
    backup_cycle(&w, &share, "backup 6");
    let kept = created(&w);
    let last = kept.last().unwrap().0.clone();
    assert_eq!(
        kept.iter().map(|(g, _)| g.clone()).collect::<Vec<_>>(),
        vec![made[2].0.clone(), last.clone()],
        "TZ={tz}: made {made:?}\n{}",
        w.rvss_log()
    );
    // What is kept, and why, as the CLI judges it in the same zone.
    let o = w.sh(&format!(
        "TZ='{tz}' '{}' prune --dry-run",
        cli_path().display()
    ));
    let dry = text(&o);
    assert!(o.status.success(), "{dry}");
    for gmt in [&made[2].0, &last] {
        assert!(
            dry.lines()
                .any(|l| l.starts_with(&format!("keep vm {gmt} ")) && l.ends_with("(daily)")),
            "{gmt}:\n{dry}"
        );
    }
    assert!(!dry.contains("would prune"), "{dry}");
    // In UTC the seven were one day (unless the test ran across UTC's
    // midnight): the CLI would keep only the newest.
    if made[0].0[..15] == last[..15] {
        let o = w.sh(&format!(
            "TZ=UTC '{}' prune --dry-run",
            cli_path().display()
        ));
        let utc = text(&o);
        assert!(
            utc.lines()
                .any(|l| l.starts_with(&format!("would prune vm {}", made[2].0))),
            "{utc}"
        );
    }
}
