//! `rvss restore` on a multi-user share (issue 21), end to end with real
//! Samba, FSRVP and btrfs, two unprivileged local users, root restoring:
//! - a user renames another user's directory into the restore's path
//!   mid-restore (and beforehand, with --force): the victim's tree is
//!   never deleted, and moved aside only where root alone can reach it;
//! - a user pre-creates the restored directory and loots what appears in
//!   it: refused without --force, nothing readable with it;
//! - fidelity: POSIX ACLs (default ACL, a deny), security.NTACL set over
//!   SMB (acl_xattr), DOS attributes set over SMB, user.* xattrs, hard
//!   links, a sparse file, a FIFO come back exactly as the backup held
//!   them;
//! - a FIFO (and a device node) planted in a writable copy that became a
//!   backup: the restore completes, everything else with its owner and
//!   mode, the device skipped with one warning.

use crate::common::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ALICE: u32 = 50_000;
const BOB: u32 = 50_001;

fn q(p: &Path) -> String {
    format!("'{}'", p.display())
}

fn as_user(uid: u32, script: &str) -> String {
    format!(
        "setpriv --reuid={uid} --regid={uid} --clear-groups sh -c '{}'",
        script.replace('\'', "'\\''")
    )
}

/// A started world: btrfs fs1, subvolume vol1, share `vm` at vol1/vm with
/// `vfs objects = <objects>` and retention, users alice and bob, and a
/// team folder vm/team (0777, not sticky) as on a shared share.
fn team_world(name: &str, objects: &str) -> (World, PathBuf) {
    let mut w = World::new(name);
    let fs1 = w.add_btrfs("fs1", 1200);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create {} >/dev/null && mkdir -p {}/vm/team && chmod 0777 {}/vm/team",
        q(&vol),
        q(&vol),
        q(&vol)
    ));
    let share = vol.join("vm");
    w.add_share(
        "vm",
        &share,
        &[&format!("vfs objects = {objects}"), "rvss:retain = 5"],
    );
    w.add_unix_user("alice", "alice-Pass-1");
    w.add_unix_user("bob", "bob-Pass-1");
    w.start_samba();
    (w, share)
}

fn list_json(w: &World) -> Vec<serde_json::Value> {
    let o = w.cli("list --json");
    assert!(o.status.success(), "rvss list: {}", text(&o));
    serde_json::from_slice(&o.stdout).expect("rvss list --json prints an array")
}

/// One FSRVP backup (create, expose read-only, delete: retained); its
/// @GMT name.
fn backup(w: &World) -> String {
    let before = list_json(w).len();
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .expect("exposed");
    w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    let l = list_json(w);
    assert_eq!(l.len(), before + 1, "{l:?}");
    let newest = l
        .iter()
        .filter(|x| x["state"] == "retained")
        .max_by_key(|x| x["created"].as_str().unwrap_or("").to_string())
        .expect("a retained backup");
    std::thread::sleep(Duration::from_millis(1100));
    newest["gmt"].as_str().unwrap().to_string()
}

/// Every object below `dir` with its type, owner, group, mode, mtime, size
/// and content checksum, sorted: what a victim's tree looks like.
fn fingerprint(w: &World, dir: &Path) -> String {
    w.must(&format!(
        "cd {} && find . -printf '%P|%y|%U|%G|%m|%T@|%s\\n' | sort && \
         find . -type f -exec md5sum {{}} + | sort",
        q(dir)
    ))
}

/// The root-only directory a forced restore moved `restored` aside into,
/// from its JSON report; checks it is root's alone and `uid` cannot list it.
fn aside_of(w: &World, report: &serde_json::Value, uid: u32) -> PathBuf {
    let a = &report["report"]["aside"];
    let path = PathBuf::from(a["path"].as_str().unwrap_or_else(|| panic!("{report}")));
    let holding = PathBuf::from(a["holding"].as_str().unwrap());
    assert_eq!(path.parent(), Some(holding.as_path()));
    assert_eq!(
        w.must(&format!("stat -c '%u %a' {}", q(&holding))).trim(),
        "0 700",
        "not root-only"
    );
    assert!(
        !w.sh(&as_user(uid, &format!("ls {}", q(&path))))
            .status
            .success(),
        "a share user can reach what was moved aside"
    );
    for k in ["undo", "purge"] {
        assert!(a[k].as_str().is_some_and(|s| !s.is_empty()), "{report}");
    }
    path
}

/// The team folder holds alice's project (many files, restored from the
/// backup) and bob's directory (bob's, 0755, 0644 files alice cannot
/// delete). Returns (gmt, share, fingerprint of bob's tree).
fn rename_race_setup(w: &World, share: &Path) -> (String, String) {
    let team = share.join("team");
    w.must(&as_user(
        ALICE,
        &format!(
            "mkdir {0}/proj && cd {0}/proj && for i in $(seq 1 6000); do echo alice-$i > f$i; done",
            team.display()
        ),
    ));
    w.must(&as_user(
        BOB,
        &format!(
            "mkdir -m 0755 {0}/bobdir && cd {0}/bobdir && mkdir sub && \
             for i in $(seq 1 50); do echo bob-$i > b$i; echo s$i > sub/s$i; done && \
             chmod 0644 b* sub/* && touch -d 2002-02-02 b1 sub . ",
            team.display()
        ),
    ));
    let gmt = backup(w);
    // The project is lost; bob's directory lives on.
    w.must(&format!("rm -rf {}/proj", q(&team)));
    let bob = fingerprint(w, &team.join("bobdir"));
    (gmt, bob)
}

/// Runs `rvss restore` in the background while alice waits for its staging
/// directory to appear in the team folder, then renames bob's directory to
/// the restore's path. Returns the restore's exit code and output, and
/// whether alice's rename landed while the restore was running.
fn race_restore(w: &World, share: &Path, gmt: &str, force: &str) -> (i32, String) {
    let team = share.join("team");
    let logs = w.dir.join("race");
    w.must(&format!("mkdir -p -m 0777 {}", q(&logs)));
    let log = logs.join("race.log");
    let out = w.dir.join("restore.out");
    let _ = std::fs::remove_file(&log);
    // dash expands the glob itself: no fork per poll.
    let mut alice = w.spawn_sh(&as_user(
        ALICE,
        &format!(
            "cd {team} || exit 1; end=$(($(date +%s) + 60)); \
             while :; do set -- .rvss-restore-*; [ -e \"$1\" ] && break; \
             [ $(date +%s) -gt $end ] && exit 1; done; \
             if mv -T bobdir proj; then echo renamed > {log}; else echo late > {log}; fi; \
             [ -e \"$1\" ] && echo staging-still-there >> {log}",
            team = team.display(),
            log = log.display()
        ),
    ));
    // Alice is polling before the restore starts.
    std::thread::sleep(Duration::from_millis(300));
    let o = w.sh(&format!(
        "'{}' restore --share vm --from {gmt} {force} --json team/proj > {} 2>&1",
        cli_path().display(),
        q(&out)
    ));
    let st = alice.wait().unwrap();
    assert!(st.success(), "alice never saw the staging directory");
    let race = std::fs::read_to_string(&log).unwrap_or_default();
    // The proof: the staging directory existed, the path did not (mv -T
    // onto an existing non-empty directory fails), and the staging
    // directory was still there after the rename: the restore had not
    // finished.
    assert_eq!(
        race, "renamed\nstaging-still-there\n",
        "the rename did not land mid-restore"
    );
    (
        o.status.code().unwrap_or(-1),
        std::fs::read_to_string(&out).unwrap(),
    )
}

#[test]
fn a_rename_into_the_path_mid_restore_is_refused_without_force() {
    let (w, share) = team_world("restore-race", "rvss");
    let (gmt, bob) = rename_race_setup(&w, &share);
    let (code, out) = race_restore(&w, &share, &gmt, "");
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("exists"), "{out}");
    let proj = share.join("team/proj");
    assert_eq!(fingerprint(&w, &proj), bob, "bob's tree changed");
    let left = w.must(&format!("ls -A {}", q(&share.join("team"))));
    assert_eq!(left.trim(), "proj", "left behind: {left}");
}

#[test]
fn a_rename_into_the_path_mid_restore_with_force_moves_the_tree_aside() {
    let (w, share) = team_world("restore-race-force", "rvss");
    let (gmt, bob) = rename_race_setup(&w, &share);
    let (code, out) = race_restore(&w, &share, &gmt, "--force");
    assert_eq!(code, 0, "{out}");
    let r: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|_| panic!("{out}"));
    let aside = aside_of(&w, &r, ALICE);
    assert_eq!(fingerprint(&w, &aside), bob, "bob's tree changed");
    let proj = share.join("team/proj");
    assert_eq!(
        w.must(&format!(
            "stat -c '%u %a' {0} && ls {0} | wc -l && cat {0}/f77",
            q(&proj)
        )),
        format!("{ALICE} 755\n6000\nalice-77\n")
    );
}

#[test]
fn force_with_the_rename_done_before_moves_the_tree_aside_and_says_so() {
    let (w, share) = team_world("restore-force", "rvss");
    let (gmt, bob) = rename_race_setup(&w, &share);
    w.must(&as_user(
        ALICE,
        &format!("mv -T {0}/bobdir {0}/proj", share.join("team").display()),
    ));
    let started = Instant::now();
    let o = w.cli(&format!(
        "restore --share vm --from {gmt} --force team/proj"
    ));
    eprintln!("restore of 6000 files: {:?}", started.elapsed());
    assert!(o.status.success(), "{}", text(&o));
    let t = text(&o);
    assert!(t.contains("kept aside (root only)"), "{t}");
    assert!(t.contains("to put it back: mv -T"), "{t}");
    // The same, with the report as JSON: bob's tree is whole, aside.
    w.must(&format!(
        "mv -T {0} {0}.x && mv -T {1} {0}",
        q(&share.join("team/proj")),
        q(Path::new(
            t.lines()
                .find_map(|l| l.split(" in ").nth(1).filter(|_| l.contains("kept aside")))
                .unwrap()
        ))
    ));
    let o = w.cli(&format!(
        "restore --share vm --from {gmt} --force --json team/proj"
    ));
    assert!(o.status.success(), "{}", text(&o));
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let aside = aside_of(&w, &r, ALICE);
    assert_eq!(fingerprint(&w, &aside), bob, "bob's tree changed");
    // Its purge command removes it, and the restored tree stays.
    w.must(r["report"]["aside"]["purge"].as_str().unwrap());
    assert!(!w.sh(&format!("test -e {}", q(&aside))).status.success());
    assert_eq!(
        w.must(&format!("ls {} | wc -l", q(&share.join("team/proj"))))
            .trim(),
        "6000"
    );
}

#[test]
fn a_thief_directory_gets_nothing() {
    let (w, share) = team_world("restore-thief", "rvss");
    let team = share.join("team");
    w.must(&as_user(
        BOB,
        &format!(
            "mkdir -m 0700 {0}/private && cd {0}/private && \
             for i in $(seq 1 3000); do echo secret-$i > s$i; done && chmod 0644 s*",
            team.display()
        ),
    ));
    let gmt = backup(&w);
    w.must(&format!("rm -rf {}/private", q(&team)));
    // Alice makes the directory and loots whatever appears in it.
    let loot = w.dir.join("loot");
    let stop = w.dir.join("stop-looting");
    w.must(&format!("mkdir -m 0777 {}", q(&loot)));
    w.must(&as_user(
        ALICE,
        &format!("mkdir {}/private", team.display()),
    ));
    let mut thief = w.spawn_sh(&as_user(
        ALICE,
        &format!(
            "cd {team}; while [ ! -e {stop} ]; do for f in private/* private/.[!.]*; do \
             [ -e \"$f\" ] || continue; cat \"$f\" >> {loot}/got 2>/dev/null && echo x >> {loot}/count; \
             mv \"$f\" {loot}/ 2>/dev/null; done; done",
            team = team.display(),
            stop = stop.display(),
            loot = loot.display()
        ),
    ));
    // The loop works: what alice puts there herself is looted.
    w.must(&as_user(
        ALICE,
        &format!("echo bait > {}/private/bait", team.display()),
    ));
    let deadline = Instant::now() + Duration::from_secs(20);
    while !w.sh(&format!("test -e {}/bait", q(&loot))).status.success() {
        assert!(Instant::now() < deadline, "the thief loop does not work");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(200));
    w.must(&format!("rm -f {0}/count {0}/got", q(&loot)));
    let o = w.cli(&format!("restore --share vm --from {gmt} team/private"));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let o = w.cli(&format!(
        "restore --share vm --from {gmt} --force --json team/private"
    ));
    assert!(o.status.success(), "{}", text(&o));
    std::thread::sleep(Duration::from_millis(500));
    std::fs::write(&stop, "").unwrap();
    let _ = thief.wait();
    let got = w.must(&format!("cat {}/count 2>/dev/null | wc -l", q(&loot)));
    assert_eq!(got.trim(), "0", "alice read bob's files");
    let p = team.join("private");
    assert_eq!(
        w.must(&format!("stat -c '%u %a' {0} && ls {0} | wc -l", q(&p))),
        format!("{BOB} 700\n3000\n")
    );
    let r: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let aside = aside_of(&w, &r, ALICE);
    // Alice's (empty) directory, not deleted.
    assert_eq!(
        w.must(&format!("stat -c '%u' {0} && ls -A {0} | wc -l", q(&aside))),
        format!("{ALICE}\n0\n")
    );
}

/// Everything about a tree that `rvss restore` must bring back, as the
/// tools show it (run inside `dir`).
fn attributes(w: &World, dir: &Path) -> String {
    w.must(&format!(
        "cd {} && getfacl -R -p -n . 2>/dev/null | grep -v '^# file' && \
         getfattr -R -h -d -m - -e hex . && \
         find . -printf '%P|%y|%U|%G|%m|%T@|%s|%b|%n\\n' | sort && \
         stat -c '%i' h1 h2 | uniq | wc -l",
        q(dir)
    ))
}

#[test]
fn the_restored_tree_is_exactly_what_the_backup_held() {
    let (w, share) = team_world("restore-fidelity", "acl_xattr rvss");
    let docs = share.join("docs");
    w.must(&format!(
        "mkdir -p {0}/sub && cd {0} && echo acl > acl.txt && echo nt > nt.txt && \
         echo dos > dos.txt && echo x > x && echo hard > h1 && ln h1 h2 && \
         truncate -s 100M sparse && \
         dd if=/dev/urandom of=sparse bs=4k count=1 seek=10000 conv=notrunc status=none && \
         setfacl -m u:{ALICE}:r--,u:{BOB}:--- acl.txt && \
         setfacl -d -m u:{ALICE}:rwx sub && setfacl -m u:{BOB}:rx sub && \
         setfattr -n user.note -v hello x && setfattr -n user.other -v 0x00ff01 h1 && \
         chmod 0644 acl.txt && chown -R {ALICE}:{ALICE} {0}",
        docs.display()
    ));
    // Windows ACL and DOS attributes, set through Samba.
    let smbcacls = |args: &str| {
        w.must(&format!(
            "smbcacls -U 'root%{PASSWORD}' //127.0.0.1/vm {args}"
        ))
    };
    smbcacls("docs/nt.txt -a 'ACL:bob:DENIED/0x0/FULL'");
    w.smb_ok("vm", "setmode docs/dos.txt +hsr");
    let ntacl_before = smbcacls("docs/nt.txt");
    assert!(ntacl_before.contains("DENIED"), "{ntacl_before}");
    let allinfo = |f: &str| -> String {
        w.smb_ok("vm", &format!("allinfo {f}"))
            .lines()
            .filter(|l| l.starts_with("attributes:") || l.starts_with("create_time:"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let dos_before = allinfo("docs/dos.txt");
    assert!(
        dos_before.contains("attributes: RHS") || dos_before.contains("attributes: HSR"),
        "{dos_before}"
    );
    // A FIFO cannot be in the share at a commit (structure rules): it is
    // made in a writable copy, as an application would during recovery.
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup rw vm"))
        .pop()
        .expect("exposed");
    let copy = list_json(&w)
        .iter()
        .find(|x| x["state"] == "exposed")
        .map(|x| PathBuf::from(x["path"].as_str().unwrap()).join("vm/docs"))
        .expect("the writable copy");
    w.must(&format!(
        "mkfifo -m 0640 {0}/fifo && chown {ALICE}:{BOB} {0}/fifo",
        q(&copy)
    ));
    w.rpc_ok(&format!("fss_recovery_complete {}", e.set));
    w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    let l = list_json(&w);
    let gmt = l[0]["gmt"].as_str().unwrap().to_string();
    // The backup as retained (read-only, moved out of `.writable`).
    let kept = PathBuf::from(l[0]["path"].as_str().unwrap()).join("vm/docs");
    assert_eq!(l[0]["readonly"], true, "{l:?}");
    let held = attributes(&w, &kept);
    assert!(held.contains("security.NTACL"), "{held}");
    assert!(held.contains("user.DOSATTRIB"), "{held}");
    assert!(held.contains("default:user:50000:rwx"), "{held}");
    assert!(held.ends_with("1\n"), "h1 and h2 are not one file: {held}");

    w.must(&format!("rm -rf {}", q(&docs)));
    let o = w.cli(&format!("restore --share vm --from {gmt} docs"));
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(attributes(&w, &docs), held);
    assert_eq!(smbcacls("docs/nt.txt"), ntacl_before);
    assert_eq!(allinfo("docs/dos.txt"), dos_before);
    // The deny holds again.
    assert!(!w
        .sh(&as_user(BOB, &format!("cat {}/acl.txt", docs.display())))
        .status
        .success());
    assert_eq!(
        w.must(&as_user(ALICE, &format!("cat {}/acl.txt", docs.display()))),
        "acl\n"
    );
}

#[test]
fn a_fifo_planted_in_a_writable_copy_does_not_stop_the_restore() {
    let (w, share) = team_world("restore-fifo", "rvss");
    let team = share.join("team");
    for (uid, name, mode) in [(ALICE, "alice", "0750"), (BOB, "bob", "0700")] {
        w.must(&as_user(
            uid,
            &format!(
                "mkdir -m {mode} {0}/{name} && cd {0}/{name} && \
                 for i in $(seq 1 200); do echo $i > f$i; done && chmod 0640 f*",
                team.display()
            ),
        ));
    }
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup rw vm"))
        .pop()
        .expect("exposed");
    let copy = list_json(&w)
        .iter()
        .find(|x| x["state"] == "exposed")
        .map(|x| PathBuf::from(x["path"].as_str().unwrap()).join("vm/team"))
        .expect("the writable copy");
    // Alice plants a FIFO in the copy (its folders keep their live
    // permissions); root's device node stands for anything else special.
    w.must(&as_user(
        ALICE,
        &format!("mkfifo -m 0620 {}/alice/f0-pipe", copy.display()),
    ));
    w.must(&format!("mknod {}/alice/null c 1 3", q(&copy)));
    w.rpc_ok(&format!("fss_recovery_complete {}", e.set));
    w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    let gmt = list_json(&w)[0]["gmt"].as_str().unwrap().to_string();
    w.must(&format!("rm -rf {}", q(&team)));
    let t = Instant::now();
    let o = w.cli(&format!("restore --share vm --from {gmt} team"));
    eprintln!("restore of 400 files: {:?}", t.elapsed());
    assert_eq!(o.status.code(), Some(0), "{}", text(&o));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(
        err.lines().filter(|l| l.contains("warning")).count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("team/alice/null is a character device in the backup; not restored"),
        "{err}"
    );
    assert_eq!(
        w.must(&format!(
            "cd {} && stat -c '%n %U %a %F' . alice bob alice/f0-pipe alice/f7 bob/f200 && \
             ls alice | wc -l && ls bob | wc -l",
            q(&team)
        )),
        "\
. root 777 directory
alice alice 750 directory
bob bob 700 directory
alice/f0-pipe alice 620 fifo
alice/f7 alice 640 regular file
bob/f200 bob 640 regular file
201
200
"
    );
}
