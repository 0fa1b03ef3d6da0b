//! No share user can keep rvss from deleting its own snapshots, and rvss
//! acts only where it trusts (issue 21, btrfs), end to end with real Samba
//! and btrfs and an unprivileged local user:
//! - a subvolume (and a snapshot of it, read-only) made inside a writable
//!   copy: the FSRVP delete, gc and prune still remove the copy; one moved in
//!   from outside is refused and survives;
//! - a backup that cannot be deleted: prune removes every other backup the
//!   policy drops, reports it and exits 2;
//! - an entry without an identity: never acted on until `rvss repair`;
//! - a listed previous snapshot directory that became unsafe: ignored by
//!   the CLI and the module, nothing in it deleted.

use crate::common::*;
use std::path::{Path, PathBuf};

const USER_UID: u32 = 50_000;

fn q(p: &Path) -> String {
    format!("'{}'", p.display())
}

fn list_json(w: &World) -> Vec<serde_json::Value> {
    let o = w.cli("list --json");
    assert!(o.status.success(), "rvss list: {}", text(&o));
    serde_json::from_slice::<Vec<serde_json::Value>>(&o.stdout)
        .expect("rvss list --json prints an array")
}

fn gmts(w: &World) -> Vec<String> {
    let mut v: Vec<String> = list_json(w)
        .iter()
        .map(|e| e["gmt"].as_str().unwrap().to_string())
        .collect();
    v.sort();
    v
}

fn path_of(w: &World, gmt: &str) -> PathBuf {
    let l = list_json(w);
    let e = l
        .iter()
        .find(|e| e["gmt"] == gmt)
        .unwrap_or_else(|| panic!("{gmt} not listed: {l:?}"));
    PathBuf::from(e["path"].as_str().unwrap())
}

/// Every subvolume of the filesystem, as `btrfs subvolume list` names them.
fn subvolumes(w: &World, fs: &Path) -> Vec<String> {
    w.must(&format!("btrfs subvolume list {}", q(fs)))
        .lines()
        .filter_map(|l| l.split(" path ").nth(1))
        .map(str::to_string)
        .collect()
}

/// Runs `script` as the share user alice.
fn as_alice(w: &World, script: &str) -> std::process::Output {
    w.sh(&format!(
        "setpriv --reuid={USER_UID} --regid={USER_UID} --clear-groups sh -c '{}'",
        script.replace('\'', "'\\''")
    ))
}

fn alice_must(w: &World, script: &str) -> String {
    let o = as_alice(w, script);
    assert!(o.status.success(), "as alice: `{script}`: {}", text(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A world with btrfs fs1, subvolume vol1, the team folder vol1/vm (0777,
/// not sticky) shared as `vm`, and the share user alice; started.
fn world(name: &str, options: &[&str]) -> (World, PathBuf, PathBuf) {
    let mut w = World::new(name);
    let fs1 = w.add_btrfs("fs1", 700);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create {} >/dev/null && mkdir -m 0777 {}/vm {}/team && \
         chmod 0777 {}/vm {}/team",
        q(&vol),
        q(&vol),
        q(&vol),
        q(&vol),
        q(&vol)
    ));
    let share = vol.join("vm");
    let mut opts = vec!["vfs objects = rvss"];
    opts.extend_from_slice(options);
    w.add_share("vm", &share, &opts);
    w.add_unix_user("alice", "alice-Pass-1");
    w.start_samba();
    w.must(&format!("printf data > {}/disk.vhdx", q(&share)));
    (w, fs1, share)
}

/// A writable (auto-recovery) shadow copy of vm: the exposed copy and the
/// snapshot's path.
fn writable_copy(w: &World) -> (Exposed, PathBuf) {
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup rw vm"))
        .pop()
        .expect("exposed");
    let l = list_json(w);
    let snap = l
        .iter()
        .filter(|x| x["state"] == "exposed")
        .map(|x| PathBuf::from(x["path"].as_str().unwrap()))
        .max()
        .expect("the copy is listed");
    (e, snap)
}

/// What alice does in a writable copy she can write: a subvolume with one
/// inside it, and a read-only snapshot of the first.
fn nest_in(w: &World, copy_share: &Path) {
    let c = copy_share.display();
    alice_must(
        w,
        &format!(
            "btrfs subvolume create '{c}/nest' >/dev/null && echo mine > '{c}/nest/f' && \
             btrfs subvolume create '{c}/nest/deeper' >/dev/null && \
             btrfs subvolume snapshot -r '{c}/nest' '{c}/nsnap' >/dev/null"
        ),
    );
}

#[test]
fn subvolumes_a_user_makes_in_a_writable_copy_do_not_pin_it() {
    let (w, fs1, _share) = world("pin-delete", &[]);
    let (e, snap) = writable_copy(&w);
    nest_in(&w, &snap.join("vm"));
    // The hole: btrfs alone cannot delete the copy now.
    let o = w.sh(&format!("btrfs subvolume delete {} 2>&1", q(&snap)));
    assert!(
        !o.status.success() && text(&o).contains("Directory not empty"),
        "the user's subvolume did not pin the copy: {}",
        text(&o)
    );
    let t = w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    assert!(!t.contains("0x"), "fss_delete: {t}");
    let left = subvolumes(&w, &fs1);
    assert_eq!(left, vec!["vol1".to_string()], "left behind: {left:?}");
    assert!(list_json(&w).is_empty());
    let log = w.rvss_log();
    assert!(
        log.contains("a user made inside"),
        "no log line for the nested subvolumes:\n{log}"
    );

    // An orphan with the same pins: gc removes it.
    let (e, snap) = writable_copy(&w);
    nest_in(&w, &snap.join("vm"));
    w.must(&format!("net conf delshare '{}'", e.unc_share()));
    let o = w.cli("gc --grace 0");
    assert_eq!(o.status.code(), Some(0), "rvss gc: {}", text(&o));
    assert!(text(&o).contains("removed orphan vm"), "{}", text(&o));
    assert_eq!(subvolumes(&w, &fs1), vec!["vol1".to_string()]);

    // A subvolume alice made before the copy and moved into it is not
    // rvss's to delete: the FSRVP delete refuses, and it survives whole.
    let team = fs1.join("vol1/team");
    alice_must(
        &w,
        &format!(
            "btrfs subvolume create '{0}/old' >/dev/null && echo precious > '{0}/old/f'",
            team.display()
        ),
    );
    let (e, snap) = writable_copy(&w);
    alice_must(
        &w,
        &format!("mv '{}/old' '{}/vm/old'", team.display(), snap.display()),
    );
    let t = text(&w.rpc(&format!("fss_delete vm {} {}", e.set, e.copy)));
    assert!(
        t.contains("0x"),
        "the delete took alice's old subvolume: {t}"
    );
    assert_eq!(
        w.must(&format!("cat {}/vm/old/f", q(&snap))).trim(),
        "precious"
    );
    let log = w.rvss_log();
    assert!(
        log.contains("older than the snapshot"),
        "no reason logged:\n{log}"
    );
    // Moved back out, the copy goes (gc: FSRVP forgot it after the failure).
    alice_must(
        &w,
        &format!("mv '{}/vm/old' '{}/old'", snap.display(), team.display()),
    );
    let _ = w.sh(&format!("net conf delshare '{}'", e.unc_share()));
    let o = w.cli("gc --grace 0");
    assert_eq!(o.status.code(), Some(0), "rvss gc: {}", text(&o));
    assert_eq!(
        subvolumes(&w, &fs1),
        vec!["vol1".to_string(), "vol1/team/old".to_string()]
    );
}

fn set_retain(w: &mut World, n: u32) {
    let s = w.shares.iter_mut().find(|s| s.name == "vm").unwrap();
    s.options.retain(|o| !o.starts_with("rvss:retain"));
    s.options.push(format!("rvss:retain = {n}"));
    w.write_conf();
}

#[test]
fn prune_removes_pinned_backups_and_carries_on_past_a_stuck_one() {
    let (mut w, fs1, _share) = world("pin-prune", &["rvss:retain = 10"]);
    for i in 0..4 {
        let (e, snap) = writable_copy(&w);
        if i % 2 == 0 {
            nest_in(&w, &snap.join("vm"));
        }
        w.rpc_ok(&format!("fss_recovery_complete {}", e.set));
        let t = w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
        assert!(!t.contains("0x"), "fss_delete: {t}");
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let all = gmts(&w);
    assert_eq!(all.len(), 4, "{all:?}");
    for g in &all {
        assert_eq!(
            w.must(&format!("btrfs property get -ts {} ro", q(&path_of(&w, g))))
                .trim(),
            "ro=true"
        );
    }
    // The second oldest cannot be deleted (btrfs never deletes the default
    // subvolume).
    let stuck = all[1].clone();
    w.must(&format!(
        "btrfs subvolume set-default {} >/dev/null",
        q(&path_of(&w, &stuck))
    ));
    set_retain(&mut w, 1);
    let o = w.cli("prune");
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "rvss prune: {t}");
    assert!(
        t.contains(&format!("rvss prune: vm {stuck} left alone:")),
        "the stuck backup is not reported: {t}"
    );
    for gone in [&all[0], &all[2]] {
        assert!(t.contains(&format!("pruned vm {gone}")), "{gone}: {t}");
    }
    assert_eq!(gmts(&w), vec![stuck.clone(), all[3].clone()]);
    let left = subvolumes(&w, &fs1);
    assert!(
        !left
            .iter()
            .any(|p| p.contains("nest") || p.contains("nsnap")),
        "nested subvolumes left: {left:?}"
    );
    // Still read-only after the failed deletion.
    assert_eq!(
        w.must(&format!(
            "btrfs property get -ts {} ro",
            q(&path_of(&w, &stuck))
        ))
        .trim(),
        "ro=true"
    );
    // Unstuck, the next prune finishes the policy.
    w.must(&format!("btrfs subvolume set-default 5 {}", q(&fs1)));
    let o = w.cli("prune");
    assert_eq!(o.status.code(), Some(0), "rvss prune: {}", text(&o));
    assert_eq!(gmts(&w), vec![all[3].clone()]);
}

/// Rewrites the catalog entry of the snapshot at `path` without uuid and
/// source_uuid (as a hand edit or an entry written by hand would be).
fn strip_identity(w: &World, fs1: &Path, path: &Path) {
    let dir = fs1.join(".rvss/catalog.d");
    let name = w
        .must(&format!(
            "grep -l '\"path\": \"{}\"' {}/*.json",
            path.display(),
            q(&dir)
        ))
        .trim()
        .to_string();
    w.must(&format!(
        "sed -i '/\"uuid\"/d; /\"source_uuid\"/d' '{name}' && ! grep -q uuid '{name}'"
    ));
}

#[test]
fn an_entry_without_identity_is_never_acted_on_until_repair() {
    let (mut w, fs1, _share) = world("pin-identity", &["rvss:retain = 5"]);
    for _ in 0..2 {
        let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
            .pop()
            .unwrap();
        w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let all = gmts(&w);
    let old = path_of(&w, &all[0]);
    strip_identity(&w, &fs1, &old);
    set_retain(&mut w, 1);
    let o = w.cli("prune");
    let t = text(&o);
    assert_eq!(o.status.code(), Some(2), "rvss prune: {t}");
    assert!(t.contains("records no identity"), "{t}");
    assert!(w.sh(&format!("test -d {}", q(&old))).status.success());

    // An exposed copy whose entry lost its identity: the FSRVP delete
    // refuses, gc (once FSRVP forgot it) too; the snapshot survives.
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .unwrap();
    let exposed = PathBuf::from(
        list_json(&w)
            .iter()
            .find(|x| x["state"] == "exposed")
            .unwrap()["path"]
            .as_str()
            .unwrap(),
    );
    strip_identity(&w, &fs1, &exposed);
    let t = text(&w.rpc(&format!("fss_delete vm {} {}", e.set, e.copy)));
    assert!(t.contains("0x"), "the delete went ahead: {t}");
    assert!(w.rvss_log().contains("records no identity"));
    let _ = w.sh(&format!("net conf delshare '{}'", e.unc_share()));
    let o = w.cli("gc --grace 0");
    assert_eq!(o.status.code(), Some(2), "rvss gc: {}", text(&o));
    assert!(text(&o).contains("records no identity"), "{}", text(&o));
    assert!(w.sh(&format!("test -d {}", q(&exposed))).status.success());
    assert!(w.sh(&format!("test -d {}", q(&old))).status.success());

    // repair records the identity of the snapshot there; then both go.
    let o = w.cli("repair");
    assert_eq!(o.status.code(), Some(0), "rvss repair: {}", text(&o));
    assert!(
        text(&o).contains(&format!("recorded the identity of {}", old.display())),
        "{}",
        text(&o)
    );
    let without = w.must(&format!(
        "grep -L uuid {}/*.json || true",
        q(&fs1.join(".rvss/catalog.d"))
    ));
    assert!(
        without.trim().is_empty(),
        "still without identity: {without}"
    );
    // gc keeps the orphan as a backup (the share retains), prune keeps the
    // newest: the copy exposed last.
    let newest = list_json(&w)
        .iter()
        .find(|x| x["path"] == exposed.display().to_string())
        .unwrap()["gmt"]
        .as_str()
        .unwrap()
        .to_string();
    let o = w.cli("gc --grace 0");
    assert_eq!(o.status.code(), Some(0), "rvss gc: {}", text(&o));
    let o = w.cli("prune");
    assert_eq!(o.status.code(), Some(0), "rvss prune: {}", text(&o));
    assert_eq!(gmts(&w), vec![newest]);
}

#[test]
fn a_listed_snapshot_dir_that_became_unsafe_is_ignored() {
    let (mut w, fs1, _share) = world("pin-known", &["rvss:retain = 5"]);
    // Backups under a previous `rvss:snapshot dir`: one retained, one
    // exposed copy still live.
    let old_dir = fs1.join("old-rvss");
    w.must(&format!("install -d -m 0700 {}", q(&old_dir)));
    let s = w.shares.iter_mut().find(|s| s.name == "vm").unwrap();
    s.options
        .push(format!("rvss:snapshot dir = {}", old_dir.display()));
    w.restart_samba();
    for _ in 0..2 {
        let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
            .pop()
            .unwrap();
        w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let live = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .unwrap();
    let s = w.shares.iter_mut().find(|s| s.name == "vm").unwrap();
    s.options.retain(|o| !o.starts_with("rvss:snapshot dir"));
    w.write_conf();
    let listed = w.must("cat /var/lib/samba/rvss-snapshot-dirs");
    assert!(listed.contains(&old_dir.display().to_string()), "{listed}");
    assert_eq!(list_json(&w).len(), 3, "all listed while the dir is safe");
    let before = subvolumes(&w, &fs1);

    // The directory becomes alice's (the list still names it); the policy
    // would now prune one of its two backups.
    w.must(&format!("chown {USER_UID} {}", q(&old_dir)));
    set_retain(&mut w, 1);
    for cmd in ["list --json", "prune", "gc --grace 0"] {
        let o = w.cli(cmd);
        let t = text(&o);
        assert!(
            t.contains(&format!(
                "ignoring snapshot directory {} listed in",
                old_dir.display()
            )) && t.contains("owned by uid 50000"),
            "rvss {cmd}: {t}"
        );
        if cmd == "list --json" {
            let l: Vec<serde_json::Value> = serde_json::from_slice(&o.stdout).unwrap();
            assert!(l.is_empty(), "{l:?}");
        }
    }
    let o = w.cli("doctor");
    assert!(
        text(&o).contains(&format!(
            "{} (a previous snapshot directory, listed in /var/lib/samba/rvss-snapshot-dirs) \
             is ignored",
            old_dir.display()
        )),
        "rvss doctor: {}",
        text(&o)
    );
    let t = text(&w.rpc(&format!("fss_delete vm {} {}", live.set, live.copy)));
    assert!(t.contains("0x"), "the module deleted in an unsafe dir: {t}");
    // (rpcd_fsrvp still has the old `rvss:snapshot dir`: the directory's
    // rules are checked at the delete as well.)
    let log = w.rvss_log();
    assert!(
        log.contains("breaks the snapshot-directory rules") && log.contains("owned by uid 50000"),
        "{log}"
    );
    assert_eq!(subvolumes(&w, &fs1), before, "something was deleted");

    // A link swapped in for the directory: refused the same way.
    w.must(&format!("chown 0 {}", q(&old_dir)));
    let real = fs1.join("old-rvss-real");
    w.must(&format!(
        "mv {} {} && ln -s old-rvss-real {}",
        q(&old_dir),
        q(&real),
        q(&old_dir)
    ));
    let o = w.cli("prune");
    assert!(
        text(&o).contains("is a symbolic link"),
        "rvss prune: {}",
        text(&o)
    );
    assert_eq!(subvolumes(&w, &fs1).len(), before.len());
}

#[test]
fn the_module_prune_carries_on_past_a_stuck_backup() {
    let (w, fs1, _share) = world("pin-module-prune", &["rvss:retain = 2"]);
    let mut made = vec![];
    for i in 0..5 {
        let (e, snap) = writable_copy(&w);
        if i != 1 {
            nest_in(&w, &snap.join("vm"));
        }
        w.rpc_ok(&format!("fss_recovery_complete {}", e.set));
        let t = w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
        assert!(!t.contains("0x"), "fss_delete {i}: {t}");
        let newest = gmts(&w).pop().unwrap();
        if i == 1 {
            // The second backup cannot be deleted from now on.
            w.must(&format!(
                "btrfs subvolume set-default {} >/dev/null",
                q(&path_of(&w, &newest))
            ));
        }
        made.push(newest);
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    // Each delete pruned beyond the newest two: the first (its nested
    // subvolumes with it), then past the stuck second, the third.
    assert_eq!(
        gmts(&w),
        vec![made[1].clone(), made[3].clone(), made[4].clone()]
    );
    let log = w.rvss_log();
    assert!(
        log.contains(&format!("backup {} left alone", made[1])),
        "{log}"
    );
    let left = subvolumes(&w, &fs1);
    assert_eq!(left.len(), 1 + 3 + 2 * 3, "{left:?}");
}

/// The list of snapshot directories lives in the state directory Samba
/// uses, not in a path rvss assumes: with `state directory` set in
/// smb.conf, the module writes it there (Samba's lp_state_directory()) and
/// the CLI reads it there (the configuration, like Samba), so a snapshot
/// under a previous `rvss:snapshot dir` stays listed and deletable.
#[test]
fn the_snapshot_dir_list_lives_in_samba_s_state_directory() {
    let mut w = World::new("pin-statedir");
    let fs1 = w.add_btrfs("fs1", 700);
    let vol = fs1.join("vol1");
    let state = w.dir.join("samba-state");
    let old_dir = fs1.join("old-rvss");
    w.must(&format!(
        "btrfs subvolume create {} >/dev/null && mkdir {}/vm && install -d -m 0755 {} && \
         install -d -m 0700 {}",
        q(&vol),
        q(&vol),
        q(&state),
        q(&old_dir)
    ));
    w.global_options
        .push(format!("state directory = {}", state.display()));
    let dir_option = format!("rvss:snapshot dir = {}", old_dir.display());
    w.add_share("vm", &vol.join("vm"), &["vfs objects = rvss", &dir_option]);
    w.start_samba();
    w.must(&format!("printf data > {}/vm/disk.vhdx", q(&vol)));
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .expect("exposed");

    let listed = w.must(&format!("cat {}/rvss-snapshot-dirs", q(&state)));
    assert_eq!(listed.trim(), old_dir.display().to_string(), "{listed}");
    let o = w.sh("test -e /var/lib/samba/rvss-snapshot-dirs");
    assert_eq!(
        o.status.code(),
        Some(1),
        "the module wrote the list into the default state directory"
    );

    // The share back on its default snapshot directory: the CLI finds the
    // copy under the old one only through the list.
    let s = w.shares.iter_mut().find(|s| s.name == "vm").unwrap();
    s.options.retain(|o| !o.starts_with("rvss:snapshot dir"));
    w.write_conf();
    let l = list_json(&w);
    assert_eq!(l.len(), 1, "{l:?}");
    assert!(
        l[0]["path"]
            .as_str()
            .unwrap()
            .starts_with(&old_dir.display().to_string()),
        "{l:?}"
    );
    assert_eq!(l[0]["state"], "exposed", "{l:?}");

    w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    assert!(list_json(&w).is_empty());
    assert_eq!(subvolumes(&w, &fs1), vec!["vol1".to_string()]);
}
