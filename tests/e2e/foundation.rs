//! The foundation, end to end: real smbd + rpcd_fsrvp loading rvss.so, real
//! rpcclient and smbclient, real btrfs on loop devices.

use crate::common::*;
use std::path::Path;

fn world_with_subvolume(name: &str) -> (World, std::path::PathBuf) {
    let mut w = World::new(name);
    let fs1 = w.add_btrfs("fs1", 300);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create '{}' >/dev/null && echo original > '{}/disk.vhdx'",
        vol.display(),
        vol.display()
    ));
    (w, vol)
}

fn subvolume_exists(w: &World, p: &Path) -> bool {
    w.sh(&format!(
        "btrfs subvolume show '{}' >/dev/null 2>&1",
        p.display()
    ))
    .status
    .success()
}

#[test]
fn subvolume_share_is_supported_and_tmpfs_share_is_not() {
    let (mut w, vol) = world_with_subvolume("support");
    let tmp = w.dir.join("tmpfs");
    std::fs::create_dir_all(&tmp).unwrap();
    w.must(&format!("mount -t tmpfs none '{}'", tmp.display()));
    w.add_share("vm", &vol, &["vfs objects = rvss"]);
    w.add_share("scratch", &tmp, &["vfs objects = rvss"]);
    w.start_samba();

    assert!(w
        .rpc_ok("fss_is_path_sup vm")
        .contains("supports shadow copy requests"));
    let o = w.rpc("fss_is_path_sup scratch");
    assert!(
        !o.status.success() || !text(&o).contains("supports shadow copy requests"),
        "{}",
        text(&o)
    );
    assert!(
        text(&o).contains("0x8004230c") || text(&o).to_lowercase().contains("not_supported"),
        "{}",
        text(&o)
    );
    let log = w.rvss_log();
    assert!(
        log.contains("scratch: snap_check_path:") && log.contains("is not on btrfs"),
        "no reason logged:\n{log}"
    );
}

#[test]
fn read_only_shadow_copy_keeps_commit_time_content_and_is_hidden() {
    let (mut w, vol) = world_with_subvolume("readonly");
    w.add_share("vm", &vol, &["vfs objects = rvss"]);
    w.start_samba();

    let out = w.rpc_ok("fss_create_expose backup ro vm");
    let exposed = parse_expose(&out);
    assert_eq!(exposed.len(), 1, "{out}");
    let sc = &exposed[0];

    // The base share changes after the commit; the shadow copy does not.
    w.must(&format!("echo changed > '{}/disk.vhdx'", vol.display()));
    assert_eq!(w.smb_cat("vm", "disk.vhdx"), "changed\n");
    assert_eq!(w.smb_cat(&sc.unc_share(), "disk.vhdx"), "original\n");

    // No client of the base share sees a snapshot (in a listing that shows
    // the share's own file: a listing of nothing would pass too).
    let listing = w.smb_ok("vm", "ls");
    assert!(
        listing.contains("disk.vhdx") && !listing.contains(".rvss") && !listing.contains("@GMT"),
        "{listing}"
    );

    // Read-only through the share and locally, even for root.
    let local = w.dir.join("upload.txt");
    std::fs::write(&local, "x").unwrap();
    let put = w.smb(&sc.unc_share(), &format!("put {} new.txt", local.display()));
    assert!(
        text(&put).contains("NT_STATUS_MEDIA_WRITE_PROTECTED"),
        "write to a read-only shadow copy was not refused as write-protected (EROFS): {}",
        text(&put)
    );
    let snap_dir = w
        .must(&format!("net conf getparm '{}' path", sc.unc_share()))
        .trim()
        .to_string();
    assert!(snap_dir.contains("/.rvss/vol1/@GMT-"), "{snap_dir}");
    assert!(
        !w.sh(&format!("touch '{snap_dir}/local-write'"))
            .status
            .success(),
        "root wrote into a read-only snapshot"
    );

    // fss_delete removes the btrfs subvolume.
    assert!(subvolume_exists(&w, Path::new(&snap_dir)));
    w.rpc_ok(&format!("fss_delete vm {} {}", sc.set, sc.copy));
    assert!(
        !subvolume_exists(&w, Path::new(&snap_dir)),
        "snapshot {snap_dir} still exists after fss_delete"
    );
    assert!(w.rvss_log().contains(&format!("deleted {snap_dir}")));
}

#[test]
fn writable_shadow_copy_for_auto_recovery() {
    let (mut w, vol) = world_with_subvolume("writable");
    w.add_share("vm", &vol, &["vfs objects = rvss"]);
    w.start_samba();

    let out = w.rpc_ok("fss_create_expose backup rw vm");
    let sc = parse_expose(&out).pop().expect(&out);
    let local = w.dir.join("recovered.log");
    std::fs::write(&local, "recovered").unwrap();
    w.smb_ok(
        &sc.unc_share(),
        &format!("put {} recovery.log", local.display()),
    );
    assert_eq!(w.smb_cat(&sc.unc_share(), "recovery.log"), "recovered");
    assert!(
        !w.sh(&format!("test -e '{}/recovery.log'", vol.display()))
            .status
            .success(),
        "write leaked into the base share"
    );

    w.rpc_ok(&format!("fss_recovery_complete {}", sc.set));
    let snap_dir = w
        .must(&format!("net conf getparm '{}' path", sc.unc_share()))
        .trim()
        .to_string();
    w.rpc_ok(&format!("fss_delete vm {} {}", sc.set, sc.copy));
    assert!(!subvolume_exists(&w, Path::new(&snap_dir)));
}

#[test]
fn a_filesystem_mounted_while_rpcd_fsrvp_runs_is_seen_by_its_next_hook() {
    // rvss keeps the mount table it read until the kernel reports a change:
    // a share on a filesystem mounted after the first shadow copy must work
    // in the same rpcd_fsrvp.
    let (mut w, vol) = world_with_subvolume("mounted-later");
    let vol2 = w.dir.join("fs2").join("vol2");
    w.add_share("vm", &vol, &["vfs objects = rvss"]);
    w.add_share("db", &vol2, &["vfs objects = rvss"]);
    w.start_samba();
    let first = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"));
    assert_eq!(first.len(), 1);
    w.rpc_ok(&format!("fss_delete vm {} {}", first[0].set, first[0].copy));
    let worker = w.pid_of("rpcd_fsrvp").expect("rpcd_fsrvp runs");

    let fs2 = w.add_btrfs("fs2", 300);
    w.must(&format!(
        "btrfs subvolume create '{}' >/dev/null && echo db > '{}/db.mdf'",
        vol2.display(),
        vol2.display()
    ));
    let out = w.rpc_ok("fss_create_expose backup ro db");
    let exposed = parse_expose(&out);
    assert_eq!(exposed.len(), 1, "{out}");
    assert_eq!(
        w.pid_of("rpcd_fsrvp"),
        Some(worker),
        "another rpcd_fsrvp served the second set: the test proves nothing"
    );
    let path = w
        .must(&format!(
            "net conf getparm '{}' path",
            exposed[0].unc_share()
        ))
        .trim()
        .to_string();
    assert!(
        path.starts_with(&format!("{}/.rvss/vol2/@GMT-", fs2.display())),
        "snapshot of the new filesystem's share at {path}"
    );
    assert_eq!(w.smb_cat(&exposed[0].unc_share(), "db.mdf"), "db\n");
    w.rpc_ok(&format!(
        "fss_delete db {} {}",
        exposed[0].set, exposed[0].copy
    ));
    assert!(!subvolume_exists(&w, Path::new(&path)));
}
