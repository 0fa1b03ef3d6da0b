//! rvss's log lines follow Samba's current debug level for the `rvss` class
//! in rpcd_fsrvp, where the hooks run: a debug line (Samba level 5) is
//! printed at rvss:5 and not at the default level, also when the level is
//! changed at runtime (`smbcontrol PID debug "1 rvss:5"`). rpcd_fsrvp takes
//! its level from samba-dcerpcd's `--debuglevel`, the `rpc_srv` level of
//! smb.conf (per-class levels of `log level` do not reach it; vfs_rvss(8),
//! LOGGING), so the configured case is `log level = 1 rpc_srv:5`. That
//! rvss does not even format what Samba drops is checked by
//! core/src/logging.rs's unit tests.

use crate::common::*;

/// rvss's debug line of each snap_create (level 5).
const DEBUG_LINE: &str = "snap_create: base volume";
/// rvss's one outcome line of each snap_create (level 3):
/// `snap_create: BASE -> SNAPSHOT (read-only)` (the audit line at level 1
/// says `(read-only)` too, without the arrow).
const INFO_LINE: &str = " -> ";
/// The audit line of each snap_create (level 1: printed at `log level = 1`).
const AUDIT_LINE: &str = "rvss: audit: snap_create share=vm ";

fn world(name: &str, log_level: &str) -> World {
    let mut w = World::new(name);
    let fs1 = w.add_btrfs("fs1", 300);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create '{0}' >/dev/null && echo data > '{0}/disk.vhdx'",
        vol.display()
    ));
    w.add_share("vm", &vol, &["vfs objects = rvss"]);
    // After the World's own `log level`: the last one counts.
    w.global_options.push(format!("log level = {log_level}"));
    w.start_samba();
    w
}

fn cycle(w: &World) {
    let out = w.rpc_ok("fss_create_expose backup ro vm");
    let e = parse_expose(&out)
        .pop()
        .unwrap_or_else(|| panic!("no shadow copy exposed: {out}"));
    w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
}

fn lines_with(log: &str, what: &str) -> usize {
    log.lines().filter(|l| l.contains(what)).count()
}

#[test]
fn debug_line_printed_at_rvss_5_and_not_at_the_default_level() {
    let w = world("log-rvss5", "1 rpc_srv:5");
    cycle(&w);
    let log = w.rvss_log();
    assert_eq!(
        lines_with(&log, DEBUG_LINE),
        1,
        "at `log level = 1 rpc_srv:5` (rvss at 5 in rpcd_fsrvp) one snap_create debug line:\n{log}"
    );
    assert!(log.contains("snap_check_path: share path"), "{log}");
    drop(w);

    let w = world("log-default", "1");
    cycle(&w);
    let log = w.rvss_log();
    assert_eq!(
        lines_with(&log, DEBUG_LINE),
        0,
        "at `log level = 1` no debug line:\n{log}"
    );
    assert_eq!(
        lines_with(&log, INFO_LINE),
        0,
        "at `log level = 1` no info line either:\n{log}"
    );
    assert_eq!(
        lines_with(&log, AUDIT_LINE),
        1,
        "at `log level = 1` the audit line:\n{log}"
    );

    // Raised at runtime in the running rpcd_fsrvp: the next hook follows it.
    let pid = w.pid_of("rpcd_fsrvp").expect("rpcd_fsrvp runs");
    w.must(&format!("smbcontrol {pid} debug '1 rvss:5'"));
    cycle(&w);
    let log = w.rvss_log();
    assert_eq!(
        w.pid_of("rpcd_fsrvp"),
        Some(pid),
        "the same rpcd_fsrvp served the second cycle"
    );
    assert_eq!(
        lines_with(&log, DEBUG_LINE),
        1,
        "after `smbcontrol {pid} debug '1 rvss:5'` the next snap_create logs its debug line:\n{log}"
    );
    assert_eq!(
        lines_with(&log, INFO_LINE),
        1,
        "and its outcome line:\n{log}"
    );

    // And lowered again.
    w.must(&format!("smbcontrol {pid} debug 1"));
    cycle(&w);
    let log = w.rvss_log();
    assert_eq!(lines_with(&log, DEBUG_LINE), 1, "{log}");
    assert_eq!(lines_with(&log, INFO_LINE), 1, "{log}");
}
