//! What runs as root is never steered by a share user (issue 12), end to
//! end with real Samba and btrfs. Each test names the hole it guards:
//! - restore: links planted at every name restore could use, a directory
//!   swapped for a link mid-restore;
//! - gc between Samba's removal of the exposed share and its snap_delete;
//! - snapshot directory rules at IsPathSupported (owner, mode, FIFO catalog,
//!   other filesystem);
//! - a subvolume swapped in at a snapshot's path;
//! - a symlink or nested subvolume added between Add and Commit;
//! - the @GMT label of a late commit;
//! - `rvss:RetainDays` spelled as Samba allows, in module and CLI.

/// Restore against links and swaps planted by a share user.
mod restore;
use crate::common::*;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

const NOT_SUPPORTED: &str = "0x8004230c";
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

fn subvolume_count(w: &World, fs: &Path) -> usize {
    w.must(&format!("btrfs subvolume list {}", q(fs)))
        .lines()
        .count()
}

fn now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A world with btrfs fs1, subvolume vol1 and share `vm` at vol1/vm.
fn world(name: &str, options: &[&str]) -> (World, PathBuf, PathBuf) {
    let mut w = World::new(name);
    let fs1 = w.add_btrfs("fs1", 700);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create {} >/dev/null && mkdir -p {}/vm",
        q(&vol),
        q(&vol)
    ));
    let share = vol.join("vm");
    let mut opts = vec!["vfs objects = rvss"];
    opts.extend_from_slice(options);
    w.add_share("vm", &share, &opts);
    (w, fs1, share)
}

/// A started world whose share holds disk.vhdx.
fn started_world(name: &str, options: &[&str]) -> (World, PathBuf, PathBuf) {
    let (mut w, fs1, share) = world(name, options);
    w.start_samba();
    w.must(&format!("printf data > {}/disk.vhdx", q(&share)));
    (w, fs1, share)
}

/// A started world with one shadow copy of vm, exposed.
fn world_with_shadow_copy(name: &str, options: &[&str]) -> (World, PathBuf, Exposed) {
    let (w, fs1, _share) = started_world(name, options);
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .expect("exposed");
    (w, fs1, e)
}

// The filesystems are mounted inside the world only: every look at them
// goes through the world's shell.

/// What a victim file looks like: content, type, mode, owner, group, mtime
/// and ctime.
fn fingerprint(w: &World, p: &Path) -> String {
    w.must(&format!(
        "cat {0}; echo; stat -c '%F %a %u %g %Y %Z' {0}",
        q(p)
    ))
}

fn exists(w: &World, p: &Path) -> bool {
    w.sh(&format!("test -e {}", q(p))).status.success()
}

fn is_dir(w: &World, p: &Path) -> bool {
    w.sh(&format!("test -d {} && ! test -L {}", q(p), q(p)))
        .status
        .success()
}

/// Names in a directory (hidden ones included), sorted.
fn names(w: &World, p: &Path) -> Vec<String> {
    let mut v: Vec<String> = w
        .must(&format!("ls -A {}", q(p)))
        .lines()
        .map(str::to_string)
        .collect();
    v.sort();
    v
}

fn as_user(script: &str) -> String {
    format!(
        "setpriv --reuid={USER_UID} --regid={USER_UID} --clear-groups sh -c '{}'",
        script.replace('\'', "'\\''")
    )
}

#[test]
fn gc_between_share_removal_and_snap_delete_keeps_the_backup() {
    let (w, fs1, e) = world_with_shadow_copy("safety-gc-gap", &["rvss:retain = 2"]);
    let path = list_json(&w)[0]["path"].as_str().unwrap().to_string();
    // Samba's DeleteShareMapping removes the registry share first, then
    // calls snap_delete: a scheduled gc runs in between, hours later by
    // the clock, twice.
    w.must(&format!("net conf delshare '{}'", e.unc_share()));
    for (shift, expect) in [("+2h", "orphan"), ("+4h", "retained")] {
        let o = w.sh(&format!(
            "faketime -f '{shift}' '{}' gc",
            cli_path().display()
        ));
        assert!(o.status.success(), "rvss gc at {shift}: {}", text(&o));
        assert!(
            is_dir(&w, Path::new(&path)),
            "gc at {shift} deleted the snapshot"
        );
        let l = list_json(&w);
        assert_eq!(l[0]["state"], expect, "after gc at {shift}: {l:?}");
    }
    // Samba's delete then succeeds and the snapshot stays as a backup.
    let t = w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    assert!(!t.contains("0x"), "fss_delete: {t}");
    assert!(is_dir(&w, Path::new(&path)));
    let l = list_json(&w);
    assert_eq!(l.len(), 1);
    assert_eq!(l[0]["state"], "retained");
    assert_eq!(subvolume_count(&w, &fs1), 2);
}

#[test]
fn gc_deletes_an_orphan_only_after_its_grace_counted_from_first_sight() {
    let (w, _fs1, e) = world_with_shadow_copy("safety-gc-grace", &[]);
    let path = list_json(&w)[0]["path"].as_str().unwrap().to_string();
    w.must(&format!("net conf delshare '{}'", e.unc_share()));
    let gc = |shift: &str| {
        let o = w.sh(&format!(
            "faketime -f '{shift}' '{}' gc --grace 1h",
            cli_path().display()
        ));
        assert!(o.status.success(), "rvss gc at {shift}: {}", text(&o));
    };
    // Created long "ago" but first seen unreferenced now: kept.
    gc("+10800"); // +3 h
    assert!(is_dir(&w, Path::new(&path)), "gc ignored the grace period");
    gc("+12600"); // +3.5 h
    assert!(is_dir(&w, Path::new(&path)), "gc ignored the grace period");
    gc("+14700"); // +4 h 5 min
    assert!(
        !exists(&w, Path::new(&path)),
        "gc kept an orphan past its grace"
    );
    // Samba's delete of the snapshot gc removed succeeds: its state clears.
    let t = w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    assert!(!t.contains("0x"), "fss_delete: {t}");
    assert!(list_json(&w).is_empty());
    let t = w.rpc_ok("fss_get_sup_version");
    assert!(!t.contains("0x"), "{t}");
}

#[test]
fn unsafe_snapshot_directories_are_refused_at_is_path_supported() {
    let mut w = World::new("safety-snapdir");
    let fs1 = w.add_btrfs("fs1", 700);
    let fs2 = w.add_btrfs("fs2", 300);
    w.add_unix_user("alice", "alice-Pass-1");
    let mut cases = vec![];
    for (name, prep, why) in [
        (
            "userowned",
            format!(
                "install -d -m 0755 -o {USER_UID} {}",
                q(&fs1.join("s-user"))
            ),
            "is owned by uid 50000",
        ),
        (
            "groupw",
            format!("install -d -m 0775 {}", q(&fs1.join("s-group"))),
            "with mode 0775",
        ),
        (
            "fifo",
            format!(
                "install -d -m 0711 {0} && mkfifo {0}/catalog.json",
                q(&fs1.join("s-fifo"))
            ),
            "catalog.json is not a regular file",
        ),
        (
            "otherfs",
            format!("install -d -m 0711 {}", q(&fs2.join("s-other"))),
            "is not on the btrfs filesystem of",
        ),
        (
            // A safe directory in a folder anyone may write: it can be
            // renamed away and replaced (issue 21).
            "openparent",
            format!(
                "install -d -m 0777 {0} && install -d -m 0711 {0}/snaps",
                q(&fs1.join("s-open"))
            ),
            "its parent",
        ),
    ] {
        let vol = fs1.join(format!("vol-{name}"));
        w.must(&format!(
            "btrfs subvolume create {} >/dev/null && mkdir {}/data && {prep}",
            q(&vol),
            q(&vol)
        ));
        let dir = match name {
            "userowned" => fs1.join("s-user"),
            "groupw" => fs1.join("s-group"),
            "fifo" => fs1.join("s-fifo"),
            "openparent" => fs1.join("s-open/snaps"),
            _ => fs2.join("s-other"),
        };
        let opt = format!("rvss:snapshot dir = {}", dir.display());
        w.add_share(name, &vol.join("data"), &["vfs objects = rvss", &opt]);
        cases.push((name, dir, why));
    }
    w.start_samba();
    let before = (subvolume_count(&w, &fs1), subvolume_count(&w, &fs2));
    for (name, dir, why) in &cases {
        let t = text(&w.rpc(&format!("fss_is_path_sup {name}")));
        assert!(
            t.contains(NOT_SUPPORTED) && !t.contains("supports shadow copy requests"),
            "{name} should be refused:\n{t}"
        );
        let log = w.rvss_log();
        assert!(
            log.lines()
                .any(|l| l.contains(&format!("rvss: {name}: snap_check_path: ")) && l.contains(why)),
            "no log line for {name} naming why ({why}):\n{log}"
        );
        let t = text(&w.rpc(&format!("fss_create_expose backup ro {name}")));
        assert!(
            t.contains(NOT_SUPPORTED) && !t.contains("exposed as a snapshot"),
            "{name}: {t}"
        );
        let expect: &[&str] = if *name == "fifo" {
            &["catalog.json"]
        } else {
            &[]
        };
        assert_eq!(names(&w, dir), expect, "{name}: something was created");
    }
    assert_eq!(
        (subvolume_count(&w, &fs1), subvolume_count(&w, &fs2)),
        before,
        "a refused share got a snapshot"
    );
}

#[test]
fn a_subvolume_swapped_in_at_a_snapshots_path_is_not_deleted() {
    let (w, _fs1, e) = world_with_shadow_copy("safety-swap", &[]);
    let path = PathBuf::from(list_json(&w)[0]["path"].as_str().unwrap());
    // Whoever could: the snapshot replaced by another subvolume.
    w.must(&format!(
        "btrfs subvolume delete {0} >/dev/null && btrfs subvolume create {0} >/dev/null && \
         mkdir {0}/vm && echo foreign > {0}/vm/marker",
        q(&path)
    ));
    let t = text(&w.rpc(&format!("fss_delete vm {} {}", e.set, e.copy)));
    // rvss's ACCESS_DENIED, as Samba's server hands it on (E_ACCESSDENIED).
    assert!(
        t.contains("failed DeleteShareMapping response: 0x80070005"),
        "{t}"
    );
    assert!(
        exists(&w, &path.join("vm/marker")),
        "the foreign subvolume was deleted: {t}"
    );
    let log = w.rvss_log();
    assert!(
        log.lines().any(|l| l.contains("snap_delete")
            && l.contains("is not the snapshot rvss made")
            && l.contains(&path.display().to_string())),
        "no refusal logged:\n{log}"
    );
    // Samba removed the exposed share before its failed delete; make sure.
    let _ = w.sh(&format!("net conf delshare '{}'", e.unc_share()));
    let o = w.cli("gc --grace 0");
    assert_eq!(o.status.code(), Some(2), "gc: {}", text(&o));
    assert!(
        text(&o).contains("is not the snapshot rvss made"),
        "{}",
        text(&o)
    );
    assert!(exists(&w, &path.join("vm/marker")), "gc deleted it");
}

#[test]
fn an_older_snapshot_of_the_same_subvolume_swapped_in_is_not_deleted() {
    // The catalog identifies a snapshot by its source's UUID (the parent
    // UUID) and by when it was taken: another snapshot of the same
    // subvolume, made before the shadow copy, is not rvss's.
    let (w, fs1, _share) = started_world("safety-swap-older", &[]);
    let vol = fs1.join("vol1");
    let older = fs1.join("admins-snapshot");
    w.must(&format!(
        "btrfs subvolume snapshot {} {} >/dev/null",
        q(&vol),
        q(&older)
    ));
    std::thread::sleep(Duration::from_secs(3));
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .expect("exposed");
    let path = PathBuf::from(list_json(&w)[0]["path"].as_str().unwrap());
    w.must(&format!(
        "btrfs subvolume delete {p} >/dev/null && mv {o} {p}",
        p = q(&path),
        o = q(&older)
    ));
    let t = text(&w.rpc(&format!("fss_delete vm {} {}", e.set, e.copy)));
    assert!(
        t.contains("failed DeleteShareMapping response: 0x80070005"),
        "{t}"
    );
    assert!(
        exists(&w, &path.join("vm")),
        "the older snapshot was deleted: {t}"
    );
    let log = w.rvss_log();
    assert!(
        log.lines()
            .any(|l| l.contains("is not the snapshot rvss made") && l.contains("taken at")),
        "no refusal logged:\n{log}"
    );
}

/// Runs `fss_create_expose` while the catalog lock is held for `hold`, so
/// that the commit (which takes the lock) waits; `during` runs once the
/// share was added. Returns rpcclient's output.
fn commit_late(w: &World, fs1: &Path, hold: u64, during: &str) -> String {
    w.must(&format!("install -d -m 0711 {}", q(&fs1.join(".rvss"))));
    let lock = fs1.join(".rvss/catalog.lock");
    let mut holder = w.spawn_sh(&format!("exec flock {} sleep {hold}", q(&lock)));
    std::thread::sleep(Duration::from_millis(300));
    let rpc = w
        .command("sh")
        .args([
            "-c",
            &format!(
                "rpcclient -U 'root%{PASSWORD}' ncacn_np:127.0.0.1 -c 'fss_create_expose backup ro vm' 2>&1"
            ),
        ])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_secs(2));
    w.must(during);
    let out = rpc.wait_with_output().unwrap();
    let _ = holder.wait();
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn a_tree_that_changes_between_add_and_commit_fails_the_commit() {
    let (mut w, fs1, share) = world("safety-recheck", &[]);
    // A failed commit leaves the set in progress until this times out.
    w.global_options.push("fss: sequence timeout = 3".into());
    w.start_samba();
    w.must(&format!("printf data > {}/disk.vhdx", q(&share)));
    for (what, change, rule) in [
        (
            "symlink",
            format!("ln -s /etc {}", q(&share.join("link"))),
            "symlink",
        ),
        (
            "nested subvolume",
            format!(
                "btrfs subvolume create {} >/dev/null",
                q(&share.join("nested"))
            ),
            "nested-subvolume",
        ),
    ] {
        let before = subvolume_count(&w, &fs1);
        let t = commit_late(&w, &fs1, 4, &change);
        assert!(
            t.contains("0x") && !t.contains("exposed as a snapshot"),
            "the commit after adding a {what} succeeded:\n{t}"
        );
        assert_eq!(
            subvolume_count(&w, &fs1),
            before + usize::from(what == "nested subvolume"),
            "a snapshot was made despite the {what}"
        );
        assert!(list_json(&w).is_empty(), "a catalog entry was left");
        let log = w.rvss_log();
        assert!(
            log.lines().any(|l| l.contains("rvss: vm: snap_create: ")
                && l.contains("at commit")
                && l.contains(rule)),
            "no log line naming the {what} at commit:\n{log}"
        );
        w.must(&format!(
            "rm -f {0}/link; [ -d {0}/nested ] && btrfs subvolume delete {0}/nested >/dev/null; true",
            q(&share)
        ));
        std::thread::sleep(Duration::from_secs(4));
    }
    // With the tree fixed, the same share commits.
    let t = w.rpc_ok("fss_create_expose backup ro vm");
    assert!(t.contains("exposed as a snapshot"), "{t}");
}

#[test]
fn the_gmt_label_of_a_late_commit_is_the_commit_time() {
    let (w, fs1, _share) = started_world("safety-label", &[]);
    let added = now();
    let t = commit_late(&w, &fs1, 8, "true");
    let done = now();
    assert!(t.contains("exposed as a snapshot"), "{t}");
    let l = list_json(&w);
    let gmt = l[0]["gmt"].as_str().unwrap();
    let label = w
        .must(&format!(
            "date -u -d \"$(echo '{gmt}' | sed -E 's/@GMT-([0-9]+)\\.([0-9]+)\\.([0-9]+)-([0-9]+)\\.([0-9]+)\\.([0-9]+)/\\1-\\2-\\3 \\4:\\5:\\6/')\" +%s"
        ))
        .trim()
        .parse::<i64>()
        .unwrap();
    assert!(
        label >= added + 7,
        "label {gmt} ({label}) is the Add time ({added}), not the commit's"
    );
    assert!(
        (done - label).abs() <= 2,
        "label {gmt} ({label}) is not within 2 s of the commit ({done})"
    );
}

#[test]
fn a_commit_kept_waiting_past_the_lock_timeout_answers_wait_timeout() {
    let (w, fs1, _share) = started_world("safety-timeout", &[]);
    // The lock is held longer than a hook waits (10 s): the commit fails
    // with NT_STATUS_IO_TIMEOUT, which Samba answers FSRVP_E_WAIT_TIMEOUT
    // (0x102, a wait that ran out: the client may retry).
    let before = subvolume_count(&w, &fs1);
    let t = commit_late(&w, &fs1, 14, "true");
    assert!(!t.contains("exposed as a snapshot"), "{t}");
    assert!(t.contains("0x102"), "not FSRVP_E_WAIT_TIMEOUT:\n{t}");
    let log = w.rvss_log();
    let lines: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("rvss: vm: snap_create: ") && l.contains("not granted within 10 s"))
        .collect();
    assert_eq!(lines.len(), 1, "one log line naming the wait:\n{log}");
    assert!(lines[0].contains("0xc00000b5"), "{}", lines[0]);
    assert!(list_json(&w).is_empty(), "a catalog entry was left");
    assert_eq!(subvolume_count(&w, &fs1), before, "a snapshot was made");
}

#[test]
fn retain_days_spelled_as_samba_allows_is_one_policy_in_module_and_cli() {
    let (w, _fs1, _share) = started_world("safety-optname", &["rvss:RetainDays = 5"]);
    // The module reads it: FSRVP's delete keeps the backup.
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .expect("exposed");
    w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    let l = list_json(&w);
    assert_eq!(l.len(), 1);
    assert_eq!(l[0]["state"], "retained", "module ignored rvss:RetainDays");
    // The CLI reads it too: gc keeps an orphan of a retaining share as a
    // backup instead of deleting it.
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .expect("exposed");
    w.must(&format!("net conf delshare '{}'", e.unc_share()));
    let o = w.cli("gc --grace 0 --json");
    assert!(o.status.success(), "gc: {}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("\"retained\""),
        "gc did not see rvss:RetainDays: {}",
        text(&o)
    );
    let l = list_json(&w);
    assert_eq!(l.len(), 2, "{l:?}");
    assert!(l.iter().all(|x| x["state"] == "retained"), "{l:?}");
}

#[test]
fn snapshots_under_a_previous_snapshot_dir_stay_known() {
    let (mut w, fs1, share) = world("safety-olddir", &[]);
    let (old, new) = (fs1.join("snaps-old"), fs1.join("snaps-new"));
    w.must(&format!(
        "install -d -m 0711 {} {} && printf data > {}/disk.vhdx",
        q(&old),
        q(&new),
        q(&share)
    ));
    let set_dir = |w: &mut World, d: &Path| {
        let s = w.shares.iter_mut().find(|s| s.name == "vm").unwrap();
        s.options.retain(|o| !o.starts_with("rvss:snapshot dir"));
        s.options
            .push(format!("rvss:snapshot dir = {}", d.display()));
    };
    set_dir(&mut w, &old);
    w.start_samba();
    let exposed = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .expect("exposed");
    let orphan = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .expect("exposed");
    w.must(&format!("net conf delshare '{}'", orphan.unc_share()));
    // The admin moves the snapshot directory.
    set_dir(&mut w, &new);
    w.restart_samba();
    let l = list_json(&w);
    assert_eq!(
        l.len(),
        2,
        "snapshots under the old directory are not listed: {l:?}"
    );
    assert!(
        l.iter().all(|e| e["path"]
            .as_str()
            .unwrap()
            .starts_with(&old.display().to_string())),
        "{l:?}"
    );
    // FSRVP's delete of the one still exposed works.
    let t = w.rpc_ok(&format!("fss_delete vm {} {}", exposed.set, exposed.copy));
    assert!(t.contains("shadow-copy deleted"), "{t}");
    // gc collects the orphan.
    let o = w.cli("gc --grace 0");
    assert!(o.status.success(), "gc: {}", text(&o));
    assert!(list_json(&w).is_empty(), "{:?}", list_json(&w));
    assert!(
        names(&w, &old.join("vol1")).is_empty(),
        "snapshots left under the old directory"
    );
    // New snapshots go to the new directory.
    w.rpc_ok("fss_create_expose backup ro vm");
    let l = list_json(&w);
    assert!(
        l[0]["path"]
            .as_str()
            .unwrap()
            .starts_with(&new.display().to_string()),
        "{l:?}"
    );
}
