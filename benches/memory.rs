//! Memory: what loading rvss adds to rpcd_fsrvp (Samba's FSRVP server). The
//! VmRSS of rpcd_fsrvp after one create/delete cycle through a share with
//! `vfs objects = rvss`, against one serving a share with `vfs objects =
//! btrfs`, each in its own World; the two alternate, a few rounds.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::{parse_expose, World};
use support::{Goal, Report};

const MODULES: [(&str, &[&str]); 2] = [
    ("rvss", support::RVSS_OPTIONS),
    ("vfs_btrfs", support::VFS_BTRFS_OPTIONS),
];

/// The fields of /proc/PID/status we keep, in KiB.
const FIELDS: [&str; 3] = ["VmRSS", "RssAnon", "RssFile"];

fn main() {
    if !support::is_bench_run() {
        return;
    }
    let rounds = support::reps(5, 1);
    let mut r = Report::new(
        "memory",
        "Memory: rpcd_fsrvp's resident set with rvss vs with vfs_btrfs",
    );
    for i in 0..rounds {
        for k in support::rotation(i, MODULES.len()) {
            let (module, options) = MODULES[k];
            for (field, kib) in FIELDS.iter().zip(rss_after_cycle(module, options)) {
                r.samples
                    .entry(format!("{field} {module}"))
                    .or_default()
                    .push(kib as f64 / 1024.0);
            }
        }
    }
    let mib = Some("MiB");
    r.compare_in(
        "rpcd_fsrvp VmRSS after one cycle",
        "VmRSS rvss",
        "VmRSS vfs_btrfs",
        Goal::DeltaBelow(2.0, "MiB"),
        mib,
    );
    for field in ["RssAnon", "RssFile"] {
        r.compare_in(
            &format!("of which {field}"),
            &format!("{field} rvss"),
            &format!("{field} vfs_btrfs"),
            Goal::None,
            mib,
        );
    }
    r.command(format!(
        "{rounds} rounds, each starting one World per module (order alternated): smbd with \
         one share, rpcclient fss_create_expose backup ro SHARE, fss_delete, then VmRSS, \
         RssAnon and RssFile of rpcd_fsrvp from /proc/PID/status"
    ));
    r.note(
        "Values in MiB. The goal is on the difference of medians (rvss minus vfs_btrfs), the \
         memory rvss adds over Samba's own btrfs module.",
    );
    r.write();
}

/// One World serving one share with `options`: rpcd_fsrvp's FIELDS (KiB)
/// after one create/delete cycle.
fn rss_after_cycle(module: &str, options: &[&str]) -> Vec<u64> {
    let mut w = World::new(&format!("bench-memory-{module}"));
    let fs = w.add_btrfs("fs", 512);
    let vol = fs.join("vol1");
    support::subvolume(&w, &vol);
    support::write_data(&w, &vol.join("disk.vhdx"), 4);
    w.add_share("vm", &vol, options);
    w.start_samba();
    let out = w.rpc_ok("fss_create_expose backup ro vm");
    let sc = parse_expose(&out)
        .pop()
        .unwrap_or_else(|| panic!("no shadow copy: {out}"));
    w.rpc_ok(&format!("fss_delete vm {} {}", sc.set, sc.copy));
    let pid = w
        .pid_of("rpcd_fsrvp")
        .expect("rpcd_fsrvp runs after an FSRVP call");
    // The process measured must be the one that loaded the module.
    let maps = std::fs::read_to_string(format!("/proc/{pid}/maps")).expect("read maps");
    let so = if module == "rvss" {
        "/rvss.so"
    } else {
        "/btrfs.so"
    };
    assert!(maps.contains(so), "rpcd_fsrvp ({pid}) has not loaded {so}");
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("read status");
    FIELDS
        .iter()
        .map(|f| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(&format!("{f}:")))
                .and_then(|v| v.split_whitespace().next()?.parse().ok())
                .unwrap_or_else(|| panic!("no {f} in /proc/{pid}/status"))
        })
        .collect()
}
