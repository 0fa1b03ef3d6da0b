//! The backup's content is what was checked (issue 21): a share user who
//! adds what the structure rules forbid right before the snapshot ioctl
//! (once a check of the live tree at commit had passed) gets no backup
//! holding it. End to end
//! with real Samba and btrfs; the moment is made exact by the create hook's
//! test pause (RVSS_TEST_PAUSE_BEFORE_SNAPSHOT in smbd's environment: the
//! hook announces `paused` right before the ioctl and waits for `go`; a
//! link, a nested subvolume and a mount are added in that moment; the
//! variable is given to this world's smbd only, `World::samba_env`).

use crate::common::*;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

const USER_UID: u32 = 50_000;

fn q(p: &Path) -> String {
    format!("'{}'", p.display())
}

fn subvolumes(w: &World, fs: &Path) -> Vec<String> {
    w.must(&format!("btrfs subvolume list {}", q(fs)))
        .lines()
        .filter_map(|l| l.split(" path ").nth(1))
        .map(str::to_string)
        .collect()
}

fn spawn_commit(w: &World) -> std::process::Child {
    w.command("sh")
        .args([
            "-c",
            &format!(
                "rpcclient -U 'root%{PASSWORD}' ncacn_np:127.0.0.1 -c 'fss_create_expose backup ro vm' 2>&1"
            ),
        ])
        .stdout(Stdio::piped())
        .spawn()
        .unwrap()
}

/// The FSRVP error code rpcclient printed.
fn code(out: &str) -> String {
    let i = out
        .find("0x")
        .unwrap_or_else(|| panic!("no error code in {out}"));
    out[i..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect()
}

fn wait_for(p: &Path, what: &str) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !p.exists() {
        assert!(
            Instant::now() < deadline,
            "{what}: {} never appeared",
            p.display()
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn a_forbidden_entry_added_between_the_check_and_the_snapshot_fails_the_commit() {
    let mut w = World::new("commit-race");
    let pause = w.dir.join("pause");
    std::fs::create_dir_all(&pause).unwrap();
    // This world's smbd's, inherited by the rpcd_fsrvp it starts.
    w.samba_env
        .push(("RVSS_TEST_PAUSE_BEFORE_SNAPSHOT".into(), pause.clone()));
    let fs1 = w.add_btrfs("fs1", 700);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create {0} >/dev/null && mkdir -m 0777 {0}/vm && chmod 0777 {0}/vm && \
         printf data > {0}/vm/disk.vhdx",
        q(&vol)
    ));
    let share = vol.join("vm");
    w.add_share("vm", &share, &["vfs objects = rvss"]);
    w.add_unix_user("alice", "alice-Pass-1");
    // A failed commit leaves the set in progress until this times out.
    w.global_options.push("fss: sequence timeout = 3".into());
    w.start_samba();
    let link = share.join("evil");
    let alice_links = format!(
        "setpriv --reuid={USER_UID} --regid={USER_UID} --clear-groups ln -s /etc/shadow {}",
        q(&link)
    );

    // The status the live check at commit gives: the link added between
    // AddToShadowCopySet and the commit (held back by the catalog lock).
    std::fs::write(pause.join("go"), b"").unwrap();
    w.must(&format!("install -d -m 0711 {}", q(&fs1.join(".rvss"))));
    let mut holder = w.spawn_sh(&format!(
        "exec flock {} sleep 3",
        q(&fs1.join(".rvss/catalog.lock"))
    ));
    std::thread::sleep(Duration::from_millis(300));
    let rpc = spawn_commit(&w);
    std::thread::sleep(Duration::from_millis(1500));
    w.must(&alice_links);
    let live = String::from_utf8_lossy(&rpc.wait_with_output().unwrap().stdout).into_owned();
    let _ = holder.wait();
    assert!(
        live.contains("0x") && !live.contains("exposed as a snapshot"),
        "{live}"
    );
    w.must(&format!("rm -f {}", q(&link)));
    std::fs::remove_file(pause.join("go")).unwrap();
    std::thread::sleep(Duration::from_secs(4));

    // The race: the tree is fine when the commit starts, then alice adds
    // the link right before the snapshot is taken.
    let rpc = spawn_commit(&w);
    wait_for(&pause.join("paused"), "the create hook's pause");
    w.must(&alice_links);
    std::fs::write(pause.join("go"), b"").unwrap();
    let raced = String::from_utf8_lossy(&rpc.wait_with_output().unwrap().stdout).into_owned();
    assert!(
        raced.contains("0x") && !raced.contains("exposed as a snapshot"),
        "the commit succeeded with the link in the backup:\n{raced}"
    );
    assert_eq!(code(&raced), code(&live), "{raced}\n--\n{live}");
    assert_eq!(
        subvolumes(&w, &fs1),
        vec!["vol1".to_string()],
        "a snapshot was left"
    );
    let o = w.cli("list --json");
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        "[]",
        "{}",
        text(&o)
    );
    let log = w.rvss_log();
    assert!(
        log.lines()
            .any(|l| l.contains("in the snapshot as taken") && l.contains("symlink")),
        "no log line naming the link in the snapshot:\n{log}"
    );

    // A nested subvolume made in that moment: the snapshot holds only its
    // empty stand-in, which the check of the snapshot recognizes.
    w.must(&format!("rm -f {}", q(&link)));
    std::fs::remove_file(pause.join("go")).unwrap();
    std::fs::remove_file(pause.join("paused")).unwrap();
    std::thread::sleep(Duration::from_secs(4));
    let rpc = spawn_commit(&w);
    wait_for(&pause.join("paused"), "the create hook's pause");
    w.must(&format!(
        "setpriv --reuid={USER_UID} --regid={USER_UID} --clear-groups \
         btrfs subvolume create {} >/dev/null",
        q(&share.join("nested"))
    ));
    std::fs::write(pause.join("go"), b"").unwrap();
    let raced = String::from_utf8_lossy(&rpc.wait_with_output().unwrap().stdout).into_owned();
    assert!(
        raced.contains("0x") && !raced.contains("exposed as a snapshot"),
        "the commit succeeded with a nested subvolume's stand-in:\n{raced}"
    );
    assert_eq!(code(&raced), code(&live));
    assert_eq!(
        subvolumes(&w, &fs1),
        vec!["vol1".to_string(), "vol1/vm/nested".to_string()]
    );
    assert!(
        w.rvss_log()
            .contains("the empty stand-in of a nested btrfs subvolume"),
        "{}",
        w.rvss_log()
    );

    // A mount made in that moment leaves no trace in the snapshot: the
    // mount table names it.
    w.must(&format!(
        "btrfs subvolume delete {} >/dev/null",
        q(&share.join("nested"))
    ));
    std::fs::remove_file(pause.join("go")).unwrap();
    std::fs::remove_file(pause.join("paused")).unwrap();
    std::thread::sleep(Duration::from_secs(4));
    let elsewhere = w.dir.join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    let rpc = spawn_commit(&w);
    wait_for(&pause.join("paused"), "the create hook's pause");
    w.must(&format!(
        "mkdir {0} && mount --bind {1} {0}",
        q(&share.join("m")),
        q(&elsewhere)
    ));
    std::fs::write(pause.join("go"), b"").unwrap();
    let raced = String::from_utf8_lossy(&rpc.wait_with_output().unwrap().stdout).into_owned();
    assert!(
        raced.contains("0x") && !raced.contains("exposed as a snapshot"),
        "the commit succeeded with a mount in the share:\n{raced}"
    );
    assert_eq!(code(&raced), code(&live));
    assert_eq!(subvolumes(&w, &fs1), vec!["vol1".to_string()]);
    let log = w.rvss_log();
    assert!(
        log.lines().any(|l| l.contains("in the snapshot as taken")
            && l.contains("mount-point")
            && l.contains(&share.join("m").display().to_string())),
        "{log}"
    );

    // With the tree fixed, the same share commits.
    w.must(&format!("umount {0} && rmdir {0}", q(&share.join("m"))));
    std::thread::sleep(Duration::from_secs(4));
    let t = w.rpc_ok("fss_create_expose backup ro vm");
    assert!(t.contains("exposed as a snapshot"), "{t}");
}
