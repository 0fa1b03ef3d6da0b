//! Hook cost against the physical limit: rvss's snap_create and snap_delete
//! called in-process through its C API, against the bare
//! BTRFS_IOC_SNAP_CREATE_V2 / BTRFS_IOC_SNAP_DESTROY_V2 ioctls on the same
//! filesystem and subvolume, alternated within one run.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::World;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::PathBuf;
use support::capi::{now, HookShare};
use support::{timed, Goal, Report};

const RVSS_CREATE: &str = "rvss_snap_create";
const RVSS_DELETE: &str = "rvss_snap_delete";
const RVSS_CYCLE: &str = "rvss create+delete";
const IOCTL_CREATE: &str = "ioctl SNAP_CREATE_V2";
const IOCTL_DELETE: &str = "ioctl SNAP_DESTROY_V2";
const IOCTL_CYCLE: &str = "ioctl create+destroy";
const CATALOG_SAVE: &str = "catalog reserve+remove";

fn main() {
    if !support::start(inner) {
        return;
    }
    let reps = support::reps(400, 20);
    let mut w = World::new("bench-hook");
    let fs = w.add_btrfs("fs", 2048);
    let vol = fs.join("vol1");
    support::subvolume(&w, &vol);
    support::write_data(&w, &vol.join("disk.vhdx"), 16);
    w.must(&format!(
        "mkdir '{}' '{}'",
        fs.join("raw").display(),
        fs.join("catalog-probe").display()
    ));

    let out = support::run_inside(
        &w,
        &[
            fs.display().to_string(),
            vol.display().to_string(),
            reps.to_string(),
        ],
    );
    let mut r = Report::new(
        "hook",
        "Hook cost: rvss's C API in-process vs the bare btrfs ioctls",
    );
    r.add_series_json(&out);
    let goal = Goal::Overhead { pct: 5.0, ms: 0.2 };
    r.compare(
        "snapshot create (read-only)",
        RVSS_CREATE,
        IOCTL_CREATE,
        goal,
    );
    r.compare("snapshot delete", RVSS_DELETE, IOCTL_DELETE, goal);
    // Two hooks, each allowed the goal's overhead.
    r.compare(
        "create + delete",
        RVSS_CYCLE,
        IOCTL_CYCLE,
        Goal::Overhead { pct: 5.0, ms: 0.4 },
    );
    r.compare(
        "breakdown: catalog work of create+delete",
        CATALOG_SAVE,
        IOCTL_CREATE,
        Goal::None,
    );
    r.command(format!(
        "in-process, inside the World's mount namespace: rvss_check_path once, then {reps} \
         repetitions rotating (order shifted each repetition) rvss_snap_create + \
         rvss_snap_delete (rvss_share with a NULL option callback: defaults) and \
         rvss::sys::btrfs::snapshot (read-only) + destroy on pre-opened directories; \
         third in the rotation, for the breakdown, the catalog work of one create and one \
         delete (reserve an entry, remove it, each under the lock the hooks take) in a scratch directory of the same \
         filesystem; a settle (not \
         timed: wait for the btrfs cleaner to drop deleted snapshots, then commit) before \
         each contender's turn, so that none pays for what another left behind"
    ));
    r.note(
        "Share = a subvolume root holding a 16 MiB file on a 2 GiB loop btrfs; rvss snapshots \
         go to <mount>/.rvss/vol1/, the raw ones to <mount>/raw/, same filesystem, same source. \
         The raw ioctl times exclude opening the two directories (the physical limit); rvss's \
         times are the whole hook.",
    );
    r.write();
}

/// Inside the world: `fs vol reps`.
fn inner(args: &[String]) {
    let fs = PathBuf::from(&args[0]);
    let vol = PathBuf::from(&args[1]);
    let reps: usize = args[2].parse().expect("reps");
    let share = HookShare::new("vm", &vol);
    let src = rvss::sys::fs::open_dir(&vol).expect("open subvolume");
    let dst = rvss::sys::fs::open_dir(&fs.join("raw")).expect("open raw dir");
    let probe = fs.join("catalog-probe");
    let mut s: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let mut record = |k: &str, v: f64| s.entry(k.to_string()).or_default().push(v);

    let warmup = 5;
    for i in 0..reps + warmup {
        let keep = i >= warmup;
        for which in support::rotation(i, 3) {
            support::settle(&fs);
            if which == 2 {
                // What the hooks do to the catalog, alone.
                let (t, ()) = timed(|| catalog_update(&probe, i));
                if keep {
                    record(CATALOG_SAVE, t);
                }
            } else if which == 0 {
                let (c, snap) = timed(|| share.create(now()));
                let (d, ()) = timed(|| share.delete(&snap));
                if keep {
                    record(RVSS_CREATE, c);
                    record(RVSS_DELETE, d);
                    record(RVSS_CYCLE, c + d);
                }
            } else {
                let name = format!("raw-{i}");
                let name = OsStr::new(&name);
                let (c, r) = timed(|| rvss::sys::btrfs::snapshot(&src, &dst, name, false));
                r.expect("raw snapshot");
                let (d, r) = timed(|| rvss::sys::btrfs::destroy(&dst, name));
                r.expect("raw destroy");
                if keep {
                    record(IOCTL_CREATE, c);
                    record(IOCTL_DELETE, d);
                    record(IOCTL_CYCLE, c + d);
                }
            }
        }
    }
    support::print_series(&s);
}

/// What a create hook does to the catalog, alone: reserve the entry (the
/// whole entry, given its name), and what delete does: remove it.
fn catalog_update(dir: &std::path::Path, i: usize) {
    let c = rvss::catalog::Catalog::open(dir).expect("open catalog");
    let path = dir.join(format!("vol/@GMT-2026.01.01-00.00.00.{i}"));
    let e = rvss::catalog::Entry {
        id: format!("probe-{i}"),
        share: "vm".into(),
        base_volume: "/probe".into(),
        subvolume: "/probe".into(),
        path: path.display().to_string(),
        snap_path: path.display().to_string(),
        gmt: "@GMT-2026.01.01-00.00.00".into(),
        created: 0,
        readonly: true,
        state: rvss::catalog::State::Exposed,
        creator: rvss::catalog::Creator::current(),
        ..Default::default()
    };
    {
        let _l = c.lock_shared().expect("lock");
        assert!(c.reserve(&e).expect("reserve"));
    }
    let _l = c.lock().expect("lock");
    c.remove(&e, rvss::catalog::Durability::WithNextCommit)
        .expect("remove");
}
