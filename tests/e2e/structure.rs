//! The supported directory structure, end to end: for each rule, a share
//! breaking it is refused by real Samba (IsPathSupported and
//! AddToShadowCopySet answer FSRVP_E_NOT_SUPPORTED, nothing is snapshotted)
//! with one log line naming the first offending path, its rule and the
//! count; once the tree is fixed, the same share is supported. And
//! `rvss check`, which applies the same rules, inside the same world.

use crate::common::*;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

const NOT_SUPPORTED: &str = "0x8004230c";

fn q(p: &Path) -> String {
    format!("'{}'", p.display())
}

/// How many subvolumes the filesystem holds (snapshots included).
fn subvolume_count(w: &World, fs: &Path) -> usize {
    w.must(&format!("btrfs subvolume list {}", q(fs)))
        .lines()
        .count()
}

fn assert_not_supported(w: &World, share: &str) {
    let o = w.rpc(&format!("fss_is_path_sup {share}"));
    let t = text(&o);
    assert!(
        t.contains(NOT_SUPPORTED) && !t.contains("supports shadow copy requests"),
        "share {share} should be refused:\n{t}\n--- logs ---\n{}",
        w.logs()
    );
}

fn assert_supported(w: &World, share: &str) {
    let t = w.rpc_ok(&format!("fss_is_path_sup {share}"));
    assert!(
        t.contains("supports shadow copy requests"),
        "share {share} should be supported:\n{t}\n--- rvss log ---\n{}",
        w.rvss_log()
    );
}

/// fss_create_expose must fail and leave no snapshot and no catalog entry.
fn assert_nothing_created(w: &World, fs: &Path, share: &str) {
    let before = subvolume_count(w, fs);
    let o = w.rpc(&format!("fss_create_expose backup ro {share}"));
    let t = text(&o);
    assert!(
        t.contains(NOT_SUPPORTED) && !t.contains("exposed as a snapshot"),
        "fss_create_expose of {share} should be refused:\n{t}"
    );
    assert_eq!(
        subvolume_count(w, fs),
        before,
        "a refused share got a snapshot"
    );
    let catalog = fs.join(".rvss/catalog.d");
    let cat = w.sh(&format!("cat {}/*.json 2>/dev/null", q(&catalog)));
    let cat = String::from_utf8_lossy(&cat.stdout);
    assert!(
        !cat.contains(&format!("\"share\": \"{share}\""))
            && !cat.contains(&format!("\"share\":\"{share}\"")),
        "the catalog records a snapshot of refused share {share}:\n{cat}"
    );
}

/// The rvss log line of the last refusal of `share`.
fn refusal_line(w: &World, share: &str) -> String {
    w.rvss_log()
        .lines()
        .rfind(|l| {
            l.contains(&format!("rvss: {share}: snap_check_path: "))
                && l.contains("is not a supported directory structure")
        })
        .unwrap_or_else(|| panic!("no refusal logged for {share}; rvss log:\n{}", w.rvss_log()))
        .to_string()
}

/// `rvss check --share NAME --json` inside the world: (exit code, report).
fn cli_check(w: &World, share: &str) -> (i32, Value) {
    let o = w.cli(&format!("check --share '{share}' --json"));
    let out = String::from_utf8_lossy(&o.stdout);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| {
        panic!(
            "rvss check --share {share} --json printed no JSON ({e}):\n{}",
            text(&o)
        )
    });
    (o.status.code().unwrap_or(-1), v)
}

fn violations(rule_paths: &[(&str, &Path)]) -> Value {
    Value::Array(
        rule_paths
            .iter()
            .map(|(r, p)| json!({"rule": r, "path": p.to_str().unwrap()}))
            .collect(),
    )
}

struct Case {
    share: &'static str,
    options: &'static [&'static str],
    /// Breaks the rule (run inside the world, `$S` = the share path).
    breakit: &'static str,
    /// Fixes the tree again.
    fix: &'static str,
    rule: &'static str,
    /// Offending paths below the share, in the order `rvss check` lists them.
    offenders: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        share: "symlink",
        options: &[],
        breakit: "ln -s disk.vhdx \"$S/vms/link.vhdx\"",
        fix: "rm \"$S/vms/link.vhdx\"",
        rule: "symlink",
        offenders: &["vms/link.vhdx"],
    },
    Case {
        share: "special",
        options: &[],
        breakit: "mkfifo \"$S/vms/fifo\" && mknod \"$S/vms/null\" c 1 3 \
                  && mknod \"$S/vms/blk\" b 7 250 \
                  && python3 -c 'import socket,sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' \"$S/vms/sock\"",
        fix: "rm \"$S/vms/fifo\" \"$S/vms/null\" \"$S/vms/blk\" \"$S/vms/sock\"",
        rule: "special-file",
        offenders: &["vms/blk", "vms/fifo", "vms/null", "vms/sock"],
    },
    Case {
        share: "nested",
        options: &[],
        breakit: "btrfs subvolume create \"$S/vms/inner\" >/dev/null \
                  && echo hidden > \"$S/vms/inner/disk2.vhdx\"",
        fix: "btrfs subvolume delete \"$S/vms/inner\" >/dev/null",
        rule: "nested-subvolume",
        offenders: &["vms/inner"],
    },
    Case {
        share: "mount",
        options: &[],
        breakit: "mkdir \"$S/vms/mnt\" && mount -t tmpfs none \"$S/vms/mnt\" \
                  && touch \"$S/vms/bound.vhdx\" && mount --bind /etc/hostname \"$S/vms/bound.vhdx\"",
        fix: "umount \"$S/vms/mnt\" && umount \"$S/vms/bound.vhdx\"",
        rule: "mount-point",
        offenders: &["vms/bound.vhdx", "vms/mnt"],
    },
    Case {
        share: "depth",
        options: &["rvss:max depth = 2"],
        breakit: "mkdir -p \"$S/vms/b/c/d\"",
        fix: "mv \"$S/vms/b/c\" \"$S/c\"",
        rule: "max-depth",
        offenders: &["vms/b/c"],
    },
    Case {
        share: "vmonly",
        options: &["rvss:vm files only = yes"],
        breakit: "echo x > \"$S/notes.txt\" && echo y > \"$S/Disk.VHDX.old\"",
        fix: "mv \"$S/notes.txt\" \"$S/Disk.VHDX.old\" \"$S/vms/\"",
        rule: "not-vm-file",
        offenders: &["Disk.VHDX.old", "notes.txt"],
    },
];

/// A subvolume share of VM files that is supported as created.
fn make_share(w: &World, fs: &Path, name: &str) -> PathBuf {
    let s = fs.join(format!("vol-{name}"));
    w.must(&format!(
        "set -e; btrfs subvolume create {s} >/dev/null; mkdir -p {s}/vms/b; \
         echo disk > {s}/vms/disk.vhdx; echo cfg > {s}/vms/b/vm.vmcx; echo d > {s}/root.vhdx",
        s = q(&s)
    ));
    s
}

#[test]
fn each_rule_refuses_the_share_until_the_tree_is_fixed() {
    let mut w = World::new("structure-rules");
    let fs = w.add_btrfs("fs1", 400);
    let mut paths = vec![];
    for c in CASES {
        let s = make_share(&w, &fs, c.share);
        let mut opts = vec!["vfs objects = rvss"];
        opts.extend_from_slice(c.options);
        w.add_share(c.share, &s, &opts);
        paths.push(s);
    }
    let bad = make_share(&w, &fs, "badopt");
    w.add_share(
        "badopt",
        &bad,
        &["vfs objects = rvss", "rvss:max depth = -1"],
    );
    w.start_samba();

    for (c, s) in CASES.iter().zip(&paths) {
        assert_supported(&w, c.share);
        w.must(&format!("S={}; set -e; {}", q(s), c.breakit));

        assert_not_supported(&w, c.share);
        assert_nothing_created(&w, &fs, c.share);
        let line = refusal_line(&w, c.share);
        let first = s.join(c.offenders[0]);
        let n = c.offenders.len();
        let count = format!("{n} violation{}", if n == 1 { "" } else { "s" });
        assert!(
            line.contains(&format!(
                "{count}, the first: {} {} (",
                c.rule,
                first.display()
            )),
            "the log line does not name {count}, rule {} and {}:\n{line}",
            c.rule,
            first.display()
        );

        // The CLI resolves the share as Samba does and agrees, listing all.
        let (code, report) = cli_check(&w, c.share);
        let want: Vec<(&str, PathBuf)> = c.offenders.iter().map(|o| (c.rule, s.join(o))).collect();
        let want: Vec<(&str, &Path)> = want.iter().map(|(r, p)| (*r, p.as_path())).collect();
        assert_eq!(
            (code, report),
            (
                1,
                json!({"supported": false, "violations": violations(&want)})
            ),
            "rvss check --share {}",
            c.share
        );

        w.must(&format!("S={}; set -e; {}", q(s), c.fix));
        assert_supported(&w, c.share);
        assert_eq!(
            cli_check(&w, c.share),
            (0, json!({"supported": true, "violations": []}))
        );
    }

    // A fixed share takes a shadow copy again.
    let out = w.rpc_ok("fss_create_expose backup ro nested");
    let sc = parse_expose(&out).pop().expect(&out);
    assert_eq!(w.smb_cat(&sc.unc_share(), "vms/disk.vhdx"), "disk\n");
    w.rpc_ok(&format!("fss_delete nested {} {}", sc.set, sc.copy));

    // A bad option value is an invalid parameter naming option and value.
    let t = text(&w.rpc("fss_is_path_sup badopt"));
    assert!(t.contains(NOT_SUPPORTED), "{t}");
    let log = w.rvss_log();
    assert!(
        log.lines().any(
            |l| l.contains("badopt: snap_check_path: rvss:max depth = \"-1\"")
                && l.contains("0xc000000d")
        ),
        "no invalid-parameter line for badopt:\n{log}"
    );
    let o = w.cli("check --share badopt --json");
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(
        String::from_utf8_lossy(&o.stderr).contains("rvss:max depth = \"-1\""),
        "{}",
        text(&o)
    );
}

#[test]
fn cli_check_reports_every_violation_with_samba_resolved_options() {
    let mut w = World::new("structure-cli");
    let fs = w.add_btrfs("fs1", 300);
    let s = make_share(&w, &fs, "vm");
    w.global_options.push("rvss:vm files only = yes".into());
    w.add_share("vm", &s, &["vfs objects = rvss", "rvss:max depth = 3"]);
    w.add_share(
        "custom",
        &s,
        &[
            "vfs objects = rvss",
            "rvss:vm files only = no",
            "rvss:max depth = 0",
        ],
    );
    w.write_conf();
    w.must(&format!(
        "set -e; S={}; mkdir -p \"$S/vms/b/c/d/e\" \"$S/vms/x/y\"; ln -s /etc \"$S/vms/b/etc\"; \
         echo n > \"$S/notes.txt\"; mkfifo \"$S/vms/x/fifo\"; ln -s /etc/passwd \"$S/vms/b/c/d/e/deep-link\"",
        q(&s)
    ));
    let p = |r: &str| s.join(r);
    let (code, report) = cli_check(&w, "vm");
    assert_eq!(code, 1);
    assert_eq!(
        report,
        json!({"supported": false, "violations": violations(&[
            ("not-vm-file", &p("notes.txt")),
            ("max-depth", &p("vms/b/c/d")),
            ("symlink", &p("vms/b/c/d/e/deep-link")),
            ("symlink", &p("vms/b/etc")),
            ("special-file", &p("vms/x/fifo")),
        ])})
    );
    // The share's own options override [global]'s: other verdicts.
    let (code, report) = cli_check(&w, "custom");
    assert_eq!(code, 1);
    assert_eq!(
        report,
        json!({"supported": false, "violations": violations(&[
            ("symlink", &p("vms/b/c/d/e/deep-link")),
            ("symlink", &p("vms/b/etc")),
            ("special-file", &p("vms/x/fifo")),
        ])})
    );
    // Human form: every violation, one per line, and a verdict.
    let o = w.cli("check --share vm");
    assert_eq!(o.status.code(), Some(1));
    let human = String::from_utf8_lossy(&o.stdout);
    assert!(
        human.starts_with(&format!("{}: not supported: 5 violations", s.display())),
        "{human}"
    );
    for (rule, path) in [
        ("not-vm-file", p("notes.txt")),
        ("max-depth", p("vms/b/c/d")),
        ("special-file", p("vms/x/fifo")),
    ] {
        assert!(
            human
                .lines()
                .any(|l| l.starts_with(rule) && l.ends_with(&*path.to_string_lossy())),
            "{rule} {} missing:\n{human}",
            path.display()
        );
    }
    // PATH form: the defaults (depth 5, any file in the root).
    let o = w.cli(&format!("check {} --json", q(&s)));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["violations"].as_array().map(Vec::len), Some(3), "{v}");

    // Fixed: supported, exit 0.
    w.must(&format!(
        "set -e; S={}; rm \"$S/vms/b/etc\" \"$S/vms/b/c/d/e/deep-link\" \"$S/vms/x/fifo\"; \
         mv \"$S/notes.txt\" \"$S/vms/\"; mv \"$S/vms/b/c/d\" \"$S/vms/d\"",
        q(&s)
    ));
    assert_eq!(
        cli_check(&w, "vm"),
        (0, json!({"supported": true, "violations": []}))
    );
    let o = w.cli("check --share vm");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&o.stdout).trim(),
        format!("{}: supported", s.display())
    );

    // Errors: exit 2 with a reason.
    for (args, why) in [
        (
            "check /nonexistent/rvss --json".to_string(),
            "/nonexistent/rvss",
        ),
        ("check --share nosuch --json".to_string(), "nosuch"),
        (
            format!("check {}", q(&s.join("vms/disk.vhdx"))),
            "not a directory",
        ),
    ] {
        let o = w.cli(&args);
        assert_eq!(o.status.code(), Some(2), "{args}: {}", text(&o));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.starts_with("rvss: ") && err.contains(why),
            "{args}: {err}"
        );
    }
}

#[test]
fn unreadable_directories_are_named_not_fatal() {
    // The hook runs as root, which reads everything; an unprivileged
    // `rvss check` meets unreadable directories.
    let mut w = World::new("structure-unreadable");
    let fs = w.add_btrfs("fs1", 300);
    let s = make_share(&w, &fs, "vm");
    w.must(&format!(
        "set -e; S={}; mkdir -p \"$S/vms/locked/inner\"; ln -s x \"$S/vms/locked/inner/l\"; \
         ln -s x \"$S/vms/b/l\"; chmod 000 \"$S/vms/locked\"",
        q(&s)
    ));
    let o = w.sh(&format!(
        "setpriv --reuid=65534 --regid=65534 --clear-groups '{}' check {} --json",
        cli_path().display(),
        q(&s)
    ));
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v,
        json!({"supported": false, "violations": violations(&[
            ("symlink", &s.join("vms/b/l")),
            ("unreadable", &s.join("vms/locked")),
        ])})
    );
    let o = w.sh(&format!(
        "setpriv --reuid=65534 --regid=65534 --clear-groups '{}' check {}",
        cli_path().display(),
        q(&s)
    ));
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("could not read"),
        "{}",
        text(&o)
    );
}
