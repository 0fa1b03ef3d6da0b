//! What an admin's monitoring sees: the audit trail (Samba's log at its
//! normal level and `rvss list --history`), `rvss metrics` (checked by
//! Prometheus's own promtool) and the `rvss health` check in fresh, stale,
//! orphaned and damaged states.

use crate::common::*;
use std::path::{Path, PathBuf};

/// A world with share `vm` (subvolume vol1) using rvss with `extra`.
fn world(name: &str, extra: &[&str], global: &[&str]) -> (World, PathBuf, PathBuf) {
    let mut w = World::new(name);
    let fs1 = w.add_btrfs("fs1", 300);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create '{}' >/dev/null && echo data > '{}/disk.vhdx'",
        vol.display(),
        vol.display()
    ));
    let mut opts = vec!["vfs objects = rvss"];
    opts.extend_from_slice(extra);
    w.add_share("vm", &vol, &opts);
    w.global_options
        .extend(global.iter().map(|s| s.to_string()));
    w.start_samba();
    (w, fs1, vol)
}

fn samba_logs(w: &World) -> String {
    w.must(&format!(
        "cat '{}'/samba/var/log/samba/* 2>/dev/null || true",
        w.dir.display()
    ))
}

fn history(w: &World) -> Vec<serde_json::Value> {
    let o = w.cli("list --history 50 --json");
    assert!(o.status.success(), "{}", text(&o));
    serde_json::from_slice(&o.stdout).unwrap()
}

#[test]
fn the_audit_trail_names_who_made_and_deleted_each_shadow_copy() {
    // Samba's normal log level: nothing at debug level needed.
    let (w, fs1, _vol) = world("audit", &[], &["log level = 1"]);
    let out = w.rpc_ok("fss_create_expose backup ro vm");
    let sc = parse_expose(&out).pop().expect(&out);
    w.rpc_ok(&format!("fss_delete vm {} {}", sc.set, sc.copy));
    // A create that fails: the catalog directory made immutable.
    let catalog = fs1.join(".rvss/catalog.d");
    w.must(&format!("chattr +i '{}'", catalog.display()));
    let failed = w.rpc("fss_create_expose backup ro vm");
    w.must(&format!("chattr -i '{}'", catalog.display()));
    assert!(
        !failed.status.success() || text(&failed).contains("0x"),
        "{}",
        text(&failed)
    );

    let h = history(&w);
    assert_eq!(h.len(), 3, "{h:#?}");
    let (made, deleted, refused) = (&h[0], &h[1], &h[2]);
    // The ids rpcclient printed: the delete read them from Samba's FSRVP
    // state, the create is named by them through its delete.
    for r in [made, deleted] {
        assert_eq!(r["set"], sc.set.as_str(), "{r}");
        assert_eq!(r["shadow_copy"], sc.copy.as_str(), "{r}");
    }
    assert!(refused.get("set").is_none(), "{refused}");
    assert_eq!(made["op"], "create");
    assert_eq!(made["status"], "NT_STATUS_OK");
    assert_eq!(made["outcome"], "read-only");
    let snapshot = made["snapshot"].as_str().unwrap();
    assert!(
        snapshot.starts_with(&format!("{}/.rvss/vol1/@GMT-", fs1.display())),
        "{made}"
    );
    assert_eq!(deleted["op"], "delete");
    assert_eq!(deleted["snapshot"], snapshot, "{deleted}");
    assert_eq!(deleted["outcome"], "destroyed");
    assert_eq!(refused["op"], "create");
    assert_ne!(refused["status"], "NT_STATUS_OK", "{refused}");
    assert!(refused.get("snapshot").is_none(), "{refused}");
    for r in &h {
        assert_eq!(r["share"], "vm");
        // rpcclient authenticated as Samba's user root, which Samba runs
        // the request as.
        assert_eq!(r["user"], "root", "{r}");
        assert!(r["ms"].as_f64().unwrap() > 0.0, "{r}");
        assert!(r["time"].as_str().unwrap().ends_with('Z'), "{r}");
    }
    // The same three lines in Samba's log at level 1.
    let logs = samba_logs(&w);
    let lines: Vec<&str> = logs
        .lines()
        .filter(|l| l.contains("rvss: audit: "))
        .collect();
    assert_eq!(lines.len(), 3, "{logs}");
    assert!(
        lines[0].contains(&format!(
            "snap_create share=vm set=- shadow_copy=- snapshot={snapshot} user="
        )) && lines[0].contains("status=NT_STATUS_OK (read-only)"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].contains(&format!(
            "snap_delete share=vm set={} shadow_copy={} snapshot={snapshot} ",
            sc.set, sc.copy
        )) && lines[1].contains("(destroyed)"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].contains("snap_create share=vm set=- shadow_copy=- snapshot=- ")
            && !lines[2].contains("NT_STATUS_OK")
    );
    // The table form names the same operations.
    let table = w.cli("list --history 2");
    let t = text(&table);
    assert!(table.status.success(), "{t}");
    assert!(t.contains("snap_delete") && t.contains("destroyed"), "{t}");
    assert_eq!(t.lines().count(), 3, "a header and the last two: {t}");
}

#[test]
fn the_history_names_the_set_of_a_shadow_copy_still_exposed() {
    let (w, _fs1, _vol) = world("audit-open", &[], &["log level = 1"]);
    let out = w.rpc_ok("fss_create_expose backup ro vm");
    let sc = parse_expose(&out).pop().expect(&out);
    // Not deleted yet: only Samba's FSRVP state knows the ids.
    let h = history(&w);
    assert_eq!(h.len(), 1, "{h:#?}");
    assert_eq!(h[0]["op"], "create");
    assert_eq!(h[0]["set"], sc.set.as_str(), "{}", h[0]);
    assert_eq!(h[0]["shadow_copy"], sc.copy.as_str(), "{}", h[0]);
    let t = text(&w.cli("list --history 1"));
    assert!(t.contains(&sc.set), "{t}");
    w.rpc_ok(&format!("fss_delete vm {} {}", sc.set, sc.copy));
}

fn health(w: &World, shift: Option<&str>, args: &str) -> (i32, String) {
    let cli = cli_path().display().to_string();
    let cmd = match shift {
        Some(s) => format!("faketime -f '{s}' '{cli}' health {args}"),
        None => format!("'{cli}' health {args}"),
    };
    let o = w.sh(&cmd);
    let out = String::from_utf8_lossy(&o.stdout).into_owned();
    assert_eq!(out.lines().count(), 1, "one status line: {}", text(&o));
    (o.status.code().unwrap_or(-1), out)
}

fn promtool_accepts(w: &World, metrics: &Path) {
    let o = w.sh(&format!("promtool check metrics < '{}'", metrics.display()));
    assert!(
        o.status.success(),
        "promtool (Debian package prometheus): {}",
        text(&o)
    );
}

#[test]
fn metrics_pass_promtool_and_health_follows_fresh_stale_orphaned_and_damaged_states() {
    let (w, fs1, _vol) = world("health", &["rvss:retain = 3"], &[]);
    // Never backed up: critical.
    let (code, line) = health(&w, None, "");
    assert_eq!(code, 2, "{line}");
    assert!(
        line.starts_with("RVSS CRITICAL - vm: no shadow copy known |"),
        "{line}"
    );

    let out = w.rpc_ok("fss_create_expose backup ro vm");
    let sc = parse_expose(&out).pop().expect(&out);
    w.rpc_ok(&format!("fss_delete vm {} {}", sc.set, sc.copy));
    let (code, line) = health(&w, None, "");
    assert_eq!(code, 0, "{line}");
    assert!(line.starts_with("RVSS OK - 1 share(s)"), "{line}");
    assert!(line.contains("'vm backups'=1"), "{line}");

    // The metrics, to standard output and into node_exporter's directory.
    let textfile = w.dir.join("textfile");
    std::fs::create_dir_all(&textfile).unwrap();
    let prom = textfile.join("rvss.prom");
    let o = w.cli(&format!("metrics --output '{}'", prom.display()));
    assert!(o.status.success(), "{}", text(&o));
    promtool_accepts(&w, &prom);
    let m = std::fs::read_to_string(&prom).unwrap();
    assert!(m.contains("rvss_retained_backups{share=\"vm\"} 1\n"), "{m}");
    assert!(
        m.contains("rvss_snapshots{share=\"vm\",state=\"orphan\"} 0\n"),
        "{m}"
    );
    assert!(m.contains("rvss_catalog_corrupt_entries 0\n"), "{m}");
    assert!(m.contains("rvss_module_compatible{"), "{m}");
    let last: i64 = m
        .lines()
        .find_map(|l| l.strip_prefix("rvss_last_shadow_copy_timestamp_seconds{share=\"vm\"} "))
        .expect(&m)
        .parse()
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!((now - 600..=now).contains(&last), "{last} vs {now}");
    let names: Vec<_> = std::fs::read_dir(&textfile)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(names.len(), 1, "a temporary file was left: {names:?}");

    // Stale: a day and a half later a warning, three days later critical.
    let (code, line) = health(&w, Some("+30h"), "");
    assert_eq!(code, 1, "{line}");
    assert!(
        line.starts_with("RVSS WARNING - vm: last shadow copy 30 h ago"),
        "{line}"
    );
    let (code, line) = health(&w, Some("+3d"), "--warning 1d --critical 2d");
    assert_eq!(code, 2, "{line}");
    assert!(
        line.contains("'vm age'=259") && line.contains(";86400;172800;0"),
        "{line}"
    );

    // Orphaned: a shadow copy whose share went away behind FSRVP's back.
    let out = w.rpc_ok("fss_create_expose backup ro vm");
    let orphan = parse_expose(&out).pop().expect(&out);
    w.must(&format!("net conf delshare '{}'", orphan.unc_share()));
    let (code, line) = health(&w, None, "");
    assert_eq!(code, 1, "{line}");
    assert!(
        line.contains("vm: 1 orphaned snapshot(s) (rvss gc)"),
        "{line}"
    );

    // Damaged: a catalog entry that no longer parses.
    let entry = w
        .must(&format!(
            "ls '{}'/.rvss/catalog.d/*.json | head -1",
            fs1.display()
        ))
        .trim()
        .to_string();
    w.must(&format!("printf 'garbage' > '{entry}'"));
    let (code, line) = health(&w, None, "");
    assert_eq!(code, 2, "{line}");
    assert!(
        line.contains("1 corrupt catalog entries (rvss repair)"),
        "{line}"
    );
    let o = w.cli("metrics");
    let m = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(m.contains("rvss_catalog_corrupt_entries 1\n"), "{m}");
    let stdout = w.dir.join("stdout.prom");
    std::fs::write(&stdout, &m).unwrap();
    promtool_accepts(&w, &stdout);

    // Unknown: what the check cannot judge is never a false CRITICAL.
    let (code, line) = health(&w, None, "--share nosuch");
    assert_eq!(code, 3, "{line}");
    assert!(
        line.starts_with("RVSS UNKNOWN - no rvss share nosuch"),
        "{line}"
    );
    let o = w.sh(&format!(
        "'{}' -s /nonexistent/smb.conf health",
        cli_path().display()
    ));
    assert_eq!(o.status.code(), Some(3), "{}", text(&o));
}
