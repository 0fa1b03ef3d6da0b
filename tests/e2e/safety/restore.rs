//! Restore as root into a tree a share user controls: links planted at
//! every name restore could use, and directories swapped for links while
//! the restore runs (deterministically: the user waits for the staging
//! directory).

use super::*;

/// The restore staging directories directly in `dir`.
fn staging_dirs(w: &World, dir: &Path) -> Vec<String> {
    w.must(&format!(
        "find {} -mindepth 1 -maxdepth 1 -name '.rvss-restore-*'",
        q(dir)
    ))
    .lines()
    .map(str::to_string)
    .collect()
}

/// Runs the CLI with `args` while the share user waits (in `dir`) for its
/// staging directory to appear and then runs `swap` there. Returns the
/// CLI's output and the user's log: "swapped\nstaging-still-there\n"
/// proves the swap landed while the restore was still running.
fn swap_mid_restore(
    w: &World,
    dir: &Path,
    swap: &str,
    args: &str,
) -> (std::process::Output, String) {
    let logs = w.dir.join("race");
    w.must(&format!("mkdir -p -m 0777 {}", q(&logs)));
    let log = logs.join("race.log");
    let _ = std::fs::remove_file(&log);
    // dash expands the glob itself: no fork per poll.
    let mut user = w.spawn_sh(&as_user(&format!(
        "cd {dir} || exit 1; end=$(($(date +%s) + 60)); \
         while :; do set -- .rvss-restore-*; [ -e \"$1\" ] && break; \
         [ $(date +%s) -gt $end ] && exit 1; done; \
         if ({swap}); then echo swapped > {log}; else echo failed > {log}; fi; \
         if [ -e \"$1\" ]; then echo staging-still-there >> {log}; fi",
        dir = dir.display(),
        log = log.display()
    )));
    // The user is polling before the restore starts.
    std::thread::sleep(Duration::from_millis(300));
    let o = w.cli(args);
    let st = user.wait().unwrap();
    assert!(
        st.success(),
        "the user never saw the staging directory: {}",
        text(&o)
    );
    (o, std::fs::read_to_string(&log).unwrap_or_default())
}

#[test]
fn restore_never_follows_links_planted_by_a_share_user() {
    let (mut w, fs1, share) = world("safety-restore", &["rvss:retain = 3"]);
    w.add_unix_user("alice", "alice-Pass-1");
    w.start_samba();
    // Victims on the same filesystem, outside the share (so a followed
    // link could be renamed over, reflinked into, chmod-ed, chown-ed).
    let outside = fs1.join("outside");
    w.must(&format!(
        "mkdir -p {0} && printf secret > {0}/secret && chmod 0600 {0}/secret && \
         touch -d 2001-01-01 {0}/secret",
        q(&outside)
    ));
    let victim = outside.join("secret");
    let before = fingerprint(&w, &victim);
    // The share belongs to alice; the backup holds a file and a tree.
    w.must(&format!(
        "mkdir -p {0}/dir/sub && printf backup > {0}/disk.vhdx && printf backup-1 > {0}/dir/f1 && \
         for i in $(seq 1 1500); do printf backup-$i > {0}/dir/sub/f$i; done && \
         chown -R {USER_UID}:{USER_UID} {0}",
        q(&share)
    ));
    let e = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"))
        .pop()
        .expect("exposed");
    w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
    let gmt = list_json(&w)
        .iter()
        .find(|x| x["state"] == "retained")
        .and_then(|x| x["gmt"].as_str().map(str::to_string))
        .expect("a retained backup");

    // Alice plants links at the name itself, at the temporary names earlier
    // versions used (.<name>.rvss-restore.<pid>) for the next pids, and at
    // restore-looking names in the tree.
    let last_pid: u32 = w
        .must("cat /proc/sys/kernel/ns_last_pid")
        .trim()
        .parse()
        .unwrap();
    w.must(&as_user(&format!(
        "cd {share} && rm disk.vhdx && ln -s {victim} disk.vhdx && \
         for p in $(seq {a} {b}); do ln -s {victim} .disk.vhdx.rvss-restore.$p; \
         ln -s {victim} dir/.f1.rvss-restore.$p; done",
        share = share.display(),
        victim = victim.display(),
        a = last_pid,
        b = last_pid + 3000,
    )));
    let o = w.cli(&format!(
        "restore --share vm --from {gmt} --force disk.vhdx"
    ));
    assert!(o.status.success(), "restore: {}", text(&o));
    assert_eq!(fingerprint(&w, &victim), before, "the victim changed");
    let restored = fingerprint(&w, &share.join("disk.vhdx"));
    assert!(
        restored.starts_with(&format!("backup\nregular file 644 {USER_UID} {USER_UID} ")),
        "not the backup's file, mode and owner: {restored}"
    );

    // Her link was moved aside into a root-only staging directory, not
    // followed; it goes now, so that the next staging directory is new.
    let held = staging_dirs(&w, &share);
    assert_eq!(held.len(), 1, "{held:?}");
    assert_eq!(
        w.must(&format!(
            "find '{}' -mindepth 1 -printf '%P %y %l\\n'",
            held[0]
        )),
        format!("disk.vhdx l {}\n", victim.display())
    );
    w.must(&format!("rm -rf '{}'", held[0]));

    // Alice swaps the directory being restored for a link out of the share
    // while the restore stages it: the link is what --force moves aside.
    let (o, race) = swap_mid_restore(
        &w,
        &share,
        &format!("mv -T dir dir.x && ln -s {} dir", outside.display()),
        &format!("restore --share vm --from {gmt} --force dir"),
    );
    assert_eq!(
        race, "swapped\nstaging-still-there\n",
        "no swap mid-restore"
    );
    assert!(o.status.success(), "restore: {}", text(&o));
    assert!(
        is_dir(&w, &share.join("dir")),
        "the restore is not in place"
    );
    assert_eq!(
        w.must(&format!("cat {}/dir/sub/f1500", q(&share))),
        "backup-1500"
    );
    assert_eq!(
        w.must(&format!("stat -c '%u' {}/dir", q(&share))),
        format!("{USER_UID}\n")
    );
    let held = staging_dirs(&w, &share);
    assert_eq!(held.len(), 1, "{held:?}");
    assert_eq!(
        w.must(&format!(
            "find '{}' -mindepth 1 -printf '%P %y %l\\n'",
            held[0]
        )),
        format!("dir l {}\n", outside.display()),
        "her link is not what was moved aside"
    );
    assert!(
        is_dir(&w, &share.join("dir.x")),
        "her directory was touched"
    );

    // Alice swaps the directory holding the restore's path for a link out
    // of the share while the restore stages in it: the restore goes on in
    // the directory it opened (now dir.y, inside the share), not through
    // her link.
    let (o, race) = swap_mid_restore(
        &w,
        &share.join("dir"),
        &format!(
            "cd .. && mv -T dir dir.y && ln -s {} dir",
            outside.display()
        ),
        &format!("restore --share vm --from {gmt} --force dir/sub"),
    );
    assert_eq!(
        race, "swapped\nstaging-still-there\n",
        "no swap mid-restore"
    );
    assert!(o.status.success(), "restore: {}", text(&o));
    assert_eq!(
        w.must(&format!("cat {}/dir.y/sub/f7", q(&share))),
        "backup-7"
    );
    assert_eq!(
        w.must(&format!("readlink {}/dir", q(&share))),
        format!("{}\n", outside.display()),
        "her link was touched"
    );
    let held = staging_dirs(&w, &share.join("dir.y"));
    assert_eq!(held.len(), 1, "the replaced sub is not kept: {held:?}");
    assert_eq!(
        w.must(&format!("ls '{}'", held[0])),
        "sub\n",
        "what was moved aside"
    );

    // Nothing half-made is left: no staged tree.
    let staged = w.must(&format!("find {} -name .rvss-staged", q(&share)));
    assert!(staged.trim().is_empty(), "{staged}");
    assert_eq!(fingerprint(&w, &victim), before, "the victim changed");
    assert_eq!(
        names(&w, &outside),
        ["secret"],
        "restore wrote outside the share"
    );
}
