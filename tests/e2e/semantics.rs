//! Shadow copies the way Remote VSS users need them: shares anywhere in a
//! subvolume, hidden snapshots, unique names, multi-share sets, read-only or
//! writable copies, and clear errors that leave nothing half-done.

use crate::common::*;
use std::path::{Path, PathBuf};

/// Entries in the catalog of a snapshot directory (read inside the world,
/// where the filesystems are mounted).
fn catalog_len(w: &World, dir: &Path) -> usize {
    let d = dir.join(rvss::catalog::DIR_NAME);
    let o = w.sh(&format!("ls '{}' 2>/dev/null", d.display()));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .filter(|n| n.ends_with(".json"))
        .map(|n| {
            let f = w.must(&format!("cat '{}/{n}'", d.display()));
            rvss::catalog::parse(f.as_bytes()).expect("catalog entry parses")
        })
        .count()
}

fn subvolume(w: &World, p: &Path) {
    w.must(&format!(
        "btrfs subvolume create '{}' >/dev/null",
        p.display()
    ));
}

fn write(w: &World, p: &Path, content: &str) {
    w.must(&format!(
        "mkdir -p '{}' && printf '%s' '{content}' > '{}'",
        p.parent().unwrap().display(),
        p.display()
    ));
}

/// Asserts that an fss_create_expose failed (rpcclient exits 0 either way).
fn expose_fails(w: &World, share: &str) -> String {
    let o = w.rpc(&format!("fss_create_expose backup ro {share}"));
    let t = text(&o);
    assert!(
        t.contains("failed") && !t.contains("exposed as a snapshot"),
        "expected a failure:\n{t}"
    );
    t
}

#[test]
fn shares_anywhere_in_a_subvolume_and_snapshots_never_visible() {
    let mut w = World::new("layouts");
    let fs1 = w.add_btrfs("fs1", 300);
    let vol = fs1.join("vol1");
    subvolume(&w, &vol);
    // The seed's example: the share is a directory below the volume's root.
    let vmdir = vol.join("dir1/vmdir");
    write(&w, &vmdir.join("vm1.vhdx"), "vm1 at commit");
    write(&w, &vol.join("other/file.txt"), "other");
    let link = w.dir.join("vmdir-link");
    std::os::unix::fs::symlink(&vmdir, &link).unwrap();
    w.add_share("vmdir", &vmdir, &["vfs objects = rvss"]);
    w.add_share("whole", &vol, &["vfs objects = rvss"]);
    w.add_share("linked", &link, &["vfs objects = rvss"]);
    w.add_share("top", &fs1, &["vfs objects = rvss"]);
    w.start_samba();

    let out = w.rpc_ok("fss_create_expose backup ro vmdir; fss_create_expose backup ro whole; fss_create_expose backup ro linked");
    let ex = parse_expose(&out);
    assert_eq!(ex.len(), 3, "{out}");
    write(&w, &vmdir.join("vm1.vhdx"), "vm1 later");

    // Each exposed share shows its own directory at commit time.
    let by = |s: &str| ex.iter().find(|e| e.share == s).unwrap().unc_share();
    assert_eq!(w.smb_cat(&by("vmdir"), "vm1.vhdx"), "vm1 at commit");
    assert_eq!(
        w.smb_cat(&by("whole"), "dir1/vmdir/vm1.vhdx"),
        "vm1 at commit"
    );
    assert_eq!(w.smb_cat(&by("whole"), "other/file.txt"), "other");
    // A symlinked share path is resolved, as smbd resolves it when serving.
    assert_eq!(w.smb_cat(&by("linked"), "vm1.vhdx"), "vm1 at commit");

    // No listing of any base share shows a snapshot.
    for share in ["vmdir", "whole", "linked"] {
        let ls = w.smb_ok(share, "recurse; ls");
        assert!(
            ls.contains("vm1.vhdx") && !ls.contains("@GMT") && !ls.contains(".rvss"),
            "{share}: {ls}"
        );
    }
    assert_eq!(w.snapshots(&fs1).len(), 3);

    // A share at the top of the mount would contain the snapshot directory.
    let o = w.rpc("fss_is_path_sup top");
    assert!(
        !text(&o).contains("supports shadow copy requests"),
        "{}",
        text(&o)
    );
    let log = w.rvss_log();
    assert!(
        log.contains("top: snap_check_path:") && log.contains("lies inside share path"),
        "{log}"
    );
}

#[test]
fn snapshot_dir_inside_a_share_is_refused() {
    let mut w = World::new("snapdir-inside");
    let fs1 = w.add_btrfs("fs1", 300);
    let vol = fs1.join("vol1");
    subvolume(&w, &vol);
    w.must(&format!("mkdir -p '{}/snaps'", vol.display()));
    w.add_share(
        "vm",
        &vol,
        &[
            "vfs objects = rvss",
            &format!("rvss:snapshot dir = {}/snaps", vol.display()),
        ],
    );
    // A subvolume whose name rvss's snapshot folders reserve.
    let reserved = fs1.join(".writable");
    subvolume(&w, &reserved);
    w.add_share("reserved", &reserved, &["vfs objects = rvss"]);
    w.start_samba();
    let o = w.rpc("fss_is_path_sup vm");
    assert!(
        !text(&o).contains("supports shadow copy requests"),
        "{}",
        text(&o)
    );
    expose_fails(&w, "vm");
    let o = w.rpc("fss_is_path_sup reserved");
    assert!(
        !text(&o).contains("supports shadow copy requests"),
        "{}",
        text(&o)
    );
    assert!(
        w.rvss_log()
            .contains("that rvss's snapshot folders reserve"),
        "{}",
        w.rvss_log()
    );
    assert!(w.snapshots(&fs1).is_empty());
    assert!(
        w.rvss_log().contains("lies inside share path"),
        "{}",
        w.rvss_log()
    );
}

#[test]
fn many_sets_in_one_second_coexist_with_matching_timestamps() {
    let mut w = World::new("unique");
    let fs1 = w.add_btrfs("fs1", 300);
    let vol = fs1.join("vol1");
    subvolume(&w, &vol);
    w.add_share("vm", &vol, &["vfs objects = rvss"]);
    w.start_samba();

    let cmds = ["fss_create_expose backup ro vm"; 6].join("; ");
    let out = w.rpc_ok(&cmds);
    let ex = parse_expose(&out);
    assert_eq!(ex.len(), 6, "{out}");
    let snaps = w.snapshots(&fs1);
    assert_eq!(snaps.len(), 6, "{snaps:?}");

    for e in &ex {
        // The timestamp FSRVP reports is the snapshot's @GMT name.
        let m = w.rpc_ok(&format!("fss_get_mapping vm {} {}", e.set, e.copy));
        let when = m
            .split(" at ")
            .nth(1)
            .expect(&m)
            .trim()
            .trim_end_matches(" UTC")
            .to_string();
        let path = w
            .must(&format!("net conf getparm '{}' path", e.unc_share()))
            .trim()
            .to_string();
        // The label: the snapshot's name, or its first part when several
        // snapshots of the subvolume were taken in that second (`.1`, ...).
        let name = path.rsplit('/').next().unwrap().to_string();
        let gmt = name[..rvss::gmt::TOKEN_LEN].to_string();
        let t = rvss::gmt::parse(&gmt).expect(&path);
        let expect = w
            .must(&format!("date -u -d @{t} '+%a %b %e %H:%M:%S %Y'"))
            .trim()
            .to_string();
        assert_eq!(
            when.split_whitespace().collect::<Vec<_>>(),
            expect.split_whitespace().collect::<Vec<_>>(),
            "{m} vs {gmt}"
        );
    }
    for e in &ex {
        w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    }
    assert!(w.snapshots(&fs1).is_empty());
    assert_eq!(catalog_len(&w, &fs1.join(".rvss")), 0);
}

#[test]
fn one_set_of_eight_shares_across_subvolumes_and_filesystems() {
    let mut w = World::new("multi");
    let fs1 = w.add_btrfs("fs1", 300);
    let fs2 = w.add_btrfs("fs2", 300);
    let layout: Vec<(String, PathBuf)> = vec![
        ("s1".into(), fs1.join("vol1")),
        ("s2".into(), fs1.join("vol1/a")),
        ("s3".into(), fs1.join("vol1/b/c")),
        ("s4".into(), fs1.join("vol2")),
        ("s5".into(), fs1.join("vol2/x")),
        ("s6".into(), fs2.join("vol3")),
        ("s7".into(), fs2.join("vol3/d")),
        ("s8".into(), fs2.join("vol4/e")),
    ];
    for v in [
        fs1.join("vol1"),
        fs1.join("vol2"),
        fs2.join("vol3"),
        fs2.join("vol4"),
    ] {
        subvolume(&w, &v);
    }
    for (name, path) in &layout {
        write(
            &w,
            &path.join(format!("{name}.txt")),
            &format!("{name} at commit"),
        );
        w.add_share(name, path, &["vfs objects = rvss"]);
    }
    w.start_samba();

    let names: Vec<&str> = layout.iter().map(|(n, _)| n.as_str()).collect();
    let out = w.rpc_ok(&format!("fss_create_expose backup ro {}", names.join(" ")));
    let ex = parse_expose(&out);
    assert_eq!(ex.len(), 8, "{out}");
    assert!(ex.iter().all(|e| e.set == ex[0].set), "one set");
    for (name, path) in &layout {
        write(&w, &path.join(format!("{name}.txt")), "changed");
    }
    for e in &ex {
        assert_eq!(
            w.smb_cat(&e.unc_share(), &format!("{}.txt", e.share)),
            format!("{} at commit", e.share)
        );
    }
    // One snapshot per shadow copy, on the filesystem of its share.
    assert_eq!(w.snapshots(&fs1).len(), 5);
    assert_eq!(w.snapshots(&fs2).len(), 3);
    for e in &ex {
        w.rpc_ok(&format!("fss_delete {} {} {}", e.share, e.set, e.copy));
    }
    assert!(w.snapshots(&fs1).is_empty() && w.snapshots(&fs2).is_empty());
}

#[test]
fn read_only_unless_auto_recovery() {
    let mut w = World::new("rorw");
    let fs1 = w.add_btrfs("fs1", 300);
    let vol = fs1.join("vol1");
    subvolume(&w, &vol);
    write(&w, &vol.join("vm/disk.vhdx"), "disk");
    w.add_share("vm", &vol.join("vm"), &["vfs objects = rvss"]);
    w.start_samba();

    let ro = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .unwrap();
    let rw = parse_expose(&w.rpc_ok("fss_create_expose backup rw vm"))
        .pop()
        .unwrap();
    let path = |e: &Exposed| {
        w.must(&format!("net conf getparm '{}' path", e.unc_share()))
            .trim()
            .to_string()
    };
    let (ro_path, rw_path) = (path(&ro), path(&rw));
    let root_of = |p: &str| p.trim_end_matches("/vm").to_string();
    assert_eq!(
        w.must(&format!(
            "btrfs property get -ts '{}' ro",
            root_of(&ro_path)
        ))
        .trim(),
        "ro=true"
    );
    assert_eq!(
        w.must(&format!(
            "btrfs property get -ts '{}' ro",
            root_of(&rw_path)
        ))
        .trim(),
        "ro=false"
    );
    assert!(
        !w.sh(&format!("echo x > '{ro_path}/new'")).status.success(),
        "root wrote into a read-only shadow copy"
    );
    w.must(&format!("echo recovered > '{rw_path}/recovery.log'"));
    let local = w.dir.join("up");
    std::fs::write(&local, "via smb").unwrap();
    w.smb_ok(&rw.unc_share(), &format!("put {} smb.log", local.display()));
    let put = w.smb(&ro.unc_share(), &format!("put {} smb.log", local.display()));
    assert!(
        text(&put).contains("NT_STATUS_MEDIA_WRITE_PROTECTED"),
        "{}",
        text(&put)
    );
    // Samba's server never tells the module that recovery completed: the
    // writable copy stays writable until it is deleted.
    w.rpc_ok(&format!("fss_recovery_complete {}", rw.set));
    w.must(&format!("echo still > '{rw_path}/after-recovery'"));
    w.rpc_ok(&format!("fss_delete vm {} {}", ro.set, ro.copy));
    w.rpc_ok(&format!("fss_delete vm {} {}", rw.set, rw.copy));
    assert!(w.snapshots(&fs1).is_empty());
}

/// One world per error case; each checks the NTSTATUS in rvss's log line and
/// that nothing was left behind.
fn error_world(name: &str) -> (World, PathBuf, PathBuf) {
    let mut w = World::new(name);
    let fs1 = w.add_btrfs("fs1", 300);
    let vol = fs1.join("vol1");
    subvolume(&w, &vol);
    write(&w, &vol.join("vm/disk.vhdx"), "disk");
    w.add_share("vm", &vol.join("vm"), &["vfs objects = rvss"]);
    w.start_samba();
    // A first shadow copy creates the snapshot directory and its folder.
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .unwrap();
    w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    (w, fs1, vol)
}

fn assert_clean_failure(w: &World, fs1: &Path, status: &str) {
    let log = w.rvss_log();
    let line = log
        .lines()
        .rfind(|l| l.contains("vm: snap_create:"))
        .unwrap_or_default()
        .to_string();
    assert!(
        line.contains(status),
        "expected {status} in the last snap_create line:\n{log}"
    );
    assert!(
        w.snapshots(fs1).is_empty(),
        "partial snapshot left: {:?}",
        w.snapshots(fs1)
    );
    assert_eq!(
        catalog_len(w, &fs1.join(".rvss")),
        0,
        "catalog entry left behind"
    );
}

#[test]
fn error_snapshot_dir_missing() {
    let mut w = World::new("err-missing");
    let fs1 = w.add_btrfs("fs1", 300);
    let vol = fs1.join("vol1");
    subvolume(&w, &vol);
    w.add_share(
        "vm",
        &vol,
        &[
            "vfs objects = rvss",
            &format!("rvss:snapshot dir = {}/snaps", fs1.display()),
        ],
    );
    w.start_samba();
    let o = w.rpc("fss_is_path_sup vm");
    assert!(!text(&o).contains("supports shadow copy requests"));
    expose_fails(&w, "vm");
    assert!(
        w.rvss_log().contains("(rvss:snapshot dir) does not exist"),
        "{}",
        w.rvss_log()
    );
    assert!(w.snapshots(&fs1).is_empty());
    // Creating the directory fixes it.
    w.must(&format!("mkdir '{}/snaps'", fs1.display()));
    w.rpc_ok("fss_create_expose backup ro vm");
    assert_eq!(catalog_len(&w, &fs1.join("snaps")), 1);
}

/// Breaks something (`{fs}` stands for the filesystem's mount point), checks
/// that a shadow copy then fails cleanly with `status`, and repairs it.
fn fails_cleanly(name: &str, break_it: &str, repair: &str, status: &str) {
    let (w, fs1, _) = error_world(name);
    let fs = fs1.display().to_string();
    w.must(&break_it.replace("{fs}", &fs));
    expose_fails(&w, "vm");
    w.must(&repair.replace("{fs}", &fs));
    assert_clean_failure(&w, &fs1, status);
}

#[test]
fn error_catalog_unwritable() {
    // Where the catalog's entries are written (the snapshot directory's top
    // holds only the lock and the subvolume folders).
    fails_cleanly(
        "err-unwritable",
        "chattr +i '{fs}/.rvss/catalog.d'",
        "chattr -i '{fs}/.rvss/catalog.d'",
        "0xc0000022",
    );
}

#[test]
fn error_eperm_at_the_snapshot_ioctl() {
    // The catalog can be written, the snapshot folder cannot.
    fails_cleanly(
        "err-eperm",
        "chattr +i '{fs}/.rvss/vol1'",
        "chattr -i '{fs}/.rvss/vol1'",
        "0xc0000022",
    );
}

#[test]
fn error_read_only_filesystem() {
    fails_cleanly(
        "err-rofs",
        "mount -o remount,ro '{fs}'",
        "mount -o remount,rw '{fs}'",
        "0xc00000a2",
    );
}

#[test]
fn error_filesystem_full() {
    let (w, fs1, vol) = error_world("err-enospc");
    // Fill data and metadata until nothing more fits.
    w.sh(&format!(
        "dd if=/dev/zero of='{}/fill' bs=1M status=none 2>/dev/null",
        vol.display()
    ));
    w.sh(&format!(
        "cd '{}' && perl -e 'for $i (0..500000) {{ open(F, \">m$i\") or last; print F \"x\" x 2000 or last; close(F) or last }}'",
        vol.display()
    ));
    expose_fails(&w, "vm");
    assert_clean_failure(&w, &fs1, "0xc000007f");
}

#[test]
fn error_share_path_vanished_before_the_snapshot() {
    let (w, fs1, vol) = error_world("err-vanished");
    // Hold the catalog lock so the commit waits; remove the share meanwhile.
    let lock = fs1.join(".rvss/catalog.lock");
    let script = format!(
        "flock '{}' sh -c 'sleep 2; rm -rf \"{}/vm\"' & sleep 0.5; rpcclient -U 'root%{PASSWORD}' ncacn_np:127.0.0.1 -c 'fss_create_expose backup ro vm'; wait",
        lock.display(),
        vol.display()
    );
    let o = w.sh(&script);
    assert!(text(&o).contains("failed"), "{}", text(&o));
    assert_clean_failure(&w, &fs1, "0xc000003a");
    assert!(w.rvss_log().contains("vanished"), "{}", w.rvss_log());
}
