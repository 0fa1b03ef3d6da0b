//! Samba's own FSRVP conformance suite (smbtorture rpc.fsrvp) against rvss,
//! with Previous Versions (vfs_shadow_copy2, configured by `rvss smbconf`)
//! stacked as enum_created requires.

use crate::common::*;

const CASES: &[&str] = &[
    "share_sd",
    "enum_created",
    "sc_share_io",
    "bad_id",
    "sc_set_abort",
    "create_simple",
    "set_ctx",
    "get_version",
    "is_path_supported",
    "seq_timeout",
];

/// A world with `fsrvp_share` (a subdirectory of a subvolume) configured
/// with rvss and the lines `rvss smbconf` prints.
fn torture_world(name: &str) -> World {
    let mut w = World::new(name);
    let fs1 = w.add_btrfs("fs1", 300);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create '{}' >/dev/null && mkdir '{}/data'",
        vol.display(),
        vol.display()
    ));
    w.add_share("fsrvp_share", &vol.join("data"), &["vfs objects = rvss"]);
    w.global_options.push("fss: sequence timeout = 2".into());
    w.start_samba();
    let o = w.cli("smbconf fsrvp_share");
    assert!(o.status.success(), "{}", text(&o));
    let s = w
        .shares
        .iter_mut()
        .find(|s| s.name == "fsrvp_share")
        .unwrap();
    s.options.clear();
    s.options.extend(
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(str::to_string),
    );
    w.restart_samba();
    w
}

/// Runs smbtorture; returns (passed, failed) case names.
fn torture(w: &World, target: &str) -> (Vec<String>, Vec<String>, String) {
    let o = w.sh(&format!(
        "smbtorture -U 'root%{PASSWORD}' --option='fss:sequence timeout=2' ncacn_np:127.0.0.1 {target} 2>&1"
    ));
    let out = text(&o);
    let pick = |prefix: &str| -> Vec<String> {
        out.lines()
            .filter_map(|l| l.strip_prefix(prefix))
            .map(|l| {
                l.split_whitespace()
                    .next()
                    .unwrap_or("")
                    .trim_start_matches("fsrvp.")
                    .to_string()
            })
            .collect()
    };
    (
        pick("success: "),
        [pick("failure: "), pick("error: ")].concat(),
        out,
    )
}

#[test]
fn every_case_passes_on_its_own() {
    let w = torture_world("torture-each");
    for case in CASES {
        let (ok, failed, out) = torture(&w, &format!("rpc.fsrvp.fsrvp.{case}"));
        assert!(
            failed.is_empty() && ok == vec![case.to_string()],
            "{case}:\n{out}\n{}",
            w.rvss_log()
        );
    }
}

#[test]
fn whole_suite_passes_in_one_run() {
    let w = torture_world("torture-all");
    let (mut ok, mut failed, out) = torture(&w, "rpc.fsrvp");
    // smbtorture's own race, not rvss's: a case's cleanup unlinks the base
    // file while the previous case's connection, torn down without waiting,
    // may still hold it open; on a loaded machine the next case's open of
    // the base file then answers DELETE_PENDING before rvss is called at
    // all. Such a case (only such a failure) runs again alone, once.
    for case in failed.clone() {
        let first = out
            .split(&format!("failure: fsrvp.{case} ["))
            .nth(1)
            .and_then(|rest| rest.lines().nth(1));
        if !first.is_some_and(|l| l.contains("NT_STATUS_DELETE_PENDING") && l.contains("base")) {
            continue;
        }
        eprintln!("{case}: smbtorture's DELETE_PENDING race ({first:?}); running it alone");
        let (again, still, out2) = torture(&w, &format!("rpc.fsrvp.fsrvp.{case}"));
        assert!(
            still.is_empty() && again == vec![case.clone()],
            "{case} alone:\n{out2}\n{}",
            w.rvss_log()
        );
        failed.retain(|c| c != &case);
        ok.push(case);
    }
    assert!(
        failed.is_empty(),
        "failed: {failed:?}\n{out}\n{}",
        w.rvss_log()
    );
    assert_eq!(ok.len(), CASES.len(), "{out}");
    // Samba's server forgets snapshots of sets that time out after commit
    // (seq_timeout) without calling the module: rvss sees them as orphans,
    // and `rvss gc` removes them. What the suite left exposed stays.
    let states = |w: &World| -> Vec<(String, String)> {
        let o = w.cli("list --json");
        let v: Vec<serde_json::Value> =
            serde_json::from_slice(&o.stdout).unwrap_or_else(|_| panic!("{}", text(&o)));
        v.iter()
            .map(|e| {
                (
                    e["state"].as_str().unwrap().to_string(),
                    e["path"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let before = states(&w);
    let o = w.cli("gc --grace 0");
    assert!(o.status.success(), "{}", text(&o));
    let after = states(&w);
    assert!(after.iter().all(|(s, _)| s == "exposed"), "{after:?}");
    assert_eq!(
        after.len(),
        before.iter().filter(|(s, _)| s == "exposed").count()
    );
    let registry = w.must("net conf list");
    for (_, path) in &after {
        assert!(
            registry.contains(path.as_str()),
            "{path} is not exposed:\n{registry}"
        );
    }
}
