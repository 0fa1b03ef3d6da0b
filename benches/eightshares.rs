//! An 8-share set with dirty data on every share (issue 23): 1 GiB written
//! without sync into each of eight shares (eight subvolumes of one
//! filesystem, as on a storage server), then Windows' order: IsPathSupported
//! of each share, a 2 s pause, then Start, Add x 8, Prepare, Commit, Expose.
//! rvss (whose first IsPathSupported starts a write-back of the whole
//! filesystem that the later calls wait on, each for at most `rvss:flush
//! wait`) against vfs_btrfs (each share's snapshot ioctl flushes its
//! subvolume inside the commit, one after the other) and the eight bare
//! snapshot ioctls in a row at the same moment, same run, same filesystem.
//! Goal: the set commits in under 10 s with rvss.
//!
//! RVSS_BENCH_QUICK=1: 0.5 GiB a share and one round (CI-friendly time).

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::World;
use std::ffi::OsStr;
use std::path::Path;
use support::busy::{delete_set, dirty_kib, settle, windows_set, GAP};
use support::{timed, Goal, Report};

const CONTENDERS: [&str; 3] = ["rvss", "vfs_btrfs", "ioctl"];
const SHARES: usize = 8;
/// Issue 23's goal for the set's commit, ms.
const COMMIT_GOAL_MS: f64 = 10_000.0;

fn prefix(c: &str) -> &'static str {
    match c {
        "rvss" => "r",
        "vfs_btrfs" => "b",
        _ => "x",
    }
}

fn names(c: &str) -> Vec<String> {
    (1..=SHARES).map(|k| format!("{}{k}", prefix(c))).collect()
}

fn main() {
    if !support::start(inner) {
        return;
    }
    let mib: u64 = if support::quick() { 512 } else { 1024 };
    let rounds = support::reps(3, 1);
    let mut w = World::new("bench-eightshares");
    // One contender's data at a time (each round removes its files), the
    // snapshots sharing its extents, and metadata.
    let image_mib = SHARES as u64 * mib + 4096;
    let fs = w.add_btrfs("fs", image_mib);
    for c in ["rvss", "vfs_btrfs"] {
        for s in names(c) {
            support::subvolume_share(&mut w, &fs, &s, c, 1);
        }
    }
    for s in names("ioctl") {
        support::subvolume(&w, &fs.join(s));
    }
    w.must(&format!("mkdir '{}'", fs.join("raw-snapshots").display()));
    w.start_samba();
    let size = if mib == 1024 {
        "1 GiB".to_string()
    } else {
        format!("{mib} MiB")
    };
    let mut r = Report::new(
        "eightshares",
        &format!("An 8-share set with {size} dirty on each share, Windows' order"),
    );
    // The first set on a fresh filesystem is slow with any module.
    for c in ["rvss", "vfs_btrfs"] {
        let s = windows_set(&w, &names(c), GAP, &format!("{c}-warm"));
        delete_set(&w, &s.exposed);
    }
    for i in 0..rounds {
        for k in support::rotation(i, CONTENDERS.len()) {
            let c = CONTENDERS[k];
            for (what, v) in round(&w, &fs, c, mib, i) {
                r.samples.entry(format!("{c} {what}")).or_default().push(v);
            }
        }
    }
    r.compare(
        "commit: rvss / vfs_btrfs",
        "rvss commit",
        "vfs_btrfs commit",
        Goal::Below(COMMIT_GOAL_MS, "ms"),
    );
    r.compare(
        "commit: vfs_btrfs / bare ioctls",
        "vfs_btrfs commit",
        "ioctl commit",
        Goal::None,
    );
    r.compare(
        "commit: rvss / bare ioctls",
        "rvss commit",
        "ioctl commit",
        Goal::None,
    );
    for call in ["IsPathSupported", "AddToShadowCopySet"] {
        r.compare(
            &format!("{call} x 8, total: rvss / vfs_btrfs"),
            &format!("rvss {call} total"),
            &format!("vfs_btrfs {call} total"),
            Goal::None,
        );
        r.compare(
            &format!("{call}, longest of 8: rvss / vfs_btrfs"),
            &format!("rvss {call} longest"),
            &format!("vfs_btrfs {call} longest"),
            Goal::Below(60_000.0, "ms"),
        );
    }
    r.compare_in(
        "dirty at IsPathSupported: rvss / vfs_btrfs",
        "rvss dirty MiB",
        "vfs_btrfs dirty MiB",
        Goal::None,
        Some("MiB"),
    );
    let vfs_btrfs_commit = support::median(&r.samples["vfs_btrfs commit"]);
    r.command(format!(
        "{rounds} round(s) (after one unmeasured set per module), the three contenders \
         rotated each round; before each: the previous round's files and snapshots removed, \
         the filesystem settled (sync -f, btrfs filesystem sync, deleted subvolumes cleaned; \
         not timed); then for each of the 8 subvolumes dd if=/dev/zero of=SUBVOL/dirty.vhdx \
         bs=1M count={mib} (no sync); /proc/meminfo Dirty read right after"
    ));
    r.command(
        "rvss, vfs_btrfs: rpcclient -c 'fss_is_path_sup S1; ...; fss_is_path_sup S8' under \
         strace; sleep 2; rpcclient -c 'fss_create_expose backup ro S1 ... S8' under strace \
         (each call timed from the request's first socket send to the reply's last socket \
         receive, support::trace); then fss_delete of each",
    );
    r.command(
        "ioctl: sleep 2; in-process inside the world, eight read-only BTRFS_IOC_SNAP_CREATE_V2 \
         in a row, one per subvolume, timed together; then btrfs subvolume delete",
    );
    r.note(format!(
        "One {} GiB loop btrfs with 24 subvolumes: eight shares through rvss (default \
         `rvss:flush wait` = 500 ms), eight through vfs_btrfs (`btrfs:manipulate snapshots = \
         yes`), eight for the bare ioctls. {} GiB written in all, but Linux holds at most \
         `vm.dirty_ratio` of the memory that is free or page cache dirty (this machine: {}; it has {} in all) and starts write-back \
         at `vm.dirty_background_ratio` ({}): the dirty row gives what was dirty at \
         IsPathSupported. The goal (rvss's commit under 10 s) is meant where vfs_btrfs's is \
         not; here vfs_btrfs's median commit took {:.1} s, so the goal {}.",
        image_mib / 1024,
        SHARES as u64 * mib / 1024,
        support::busy::sysctl("vm.dirty_ratio"),
        support::busy::mem_gib(),
        support::busy::sysctl("vm.dirty_background_ratio"),
        vfs_btrfs_commit / 1000.0,
        if vfs_btrfs_commit >= COMMIT_GOAL_MS {
            "shows what rvss gains"
        } else {
            "is met by both: this machine's disk makes both fast, compare the figures"
        }
    ));
    r.write();
}

/// One round of contender `c` with `mib` MiB dirty in each share:
/// [(what, value)], times in ms, dirty data in MiB.
fn round(w: &World, fs: &Path, c: &str, mib: u64, n: usize) -> Vec<(&'static str, f64)> {
    let subs: Vec<_> = names(c).iter().map(|s| fs.join(s)).collect();
    let files: Vec<String> = subs
        .iter()
        .map(|s| format!("'{}'", s.join("dirty.vhdx").display()))
        .collect();
    w.must(&format!("rm -f {}", files.join(" ")));
    settle(w, fs);
    let before = dirty_kib();
    for f in &files {
        w.must(&format!(
            "dd if=/dev/zero of={f} bs=1M count={mib} status=none"
        ));
    }
    let dirty = (dirty_kib().saturating_sub(before) >> 10) as f64;
    let mut t = vec![("dirty MiB", dirty)];
    if c == "ioctl" {
        std::thread::sleep(GAP);
        let mut args = vec![
            "snap".to_string(),
            fs.join("raw-snapshots").display().to_string(),
        ];
        args.push(format!("r{n}"));
        args.extend(subs.iter().map(|s| s.display().to_string()));
        let out = support::run_inside(w, &args);
        t.push(("commit", out.trim().parse().expect("inner step's time")));
        w.must(&format!(
            "btrfs subvolume delete '{}'/r{n}-* >/dev/null",
            fs.join("raw-snapshots").display()
        ));
    } else {
        let s = windows_set(w, &names(c), GAP, &format!("{c}-{n}"));
        delete_set(w, &s.exposed);
        let sum = |v: &[f64]| v.iter().sum::<f64>();
        let max = |v: &[f64]| v.iter().copied().fold(0.0, f64::max);
        t.push(("IsPathSupported total", sum(&s.is_path_supported)));
        t.push(("IsPathSupported longest", max(&s.is_path_supported)));
        t.push(("AddToShadowCopySet total", sum(&s.add)));
        t.push(("AddToShadowCopySet longest", max(&s.add)));
        t.push(("commit", s.commit));
    }
    w.must(&format!("rm -f {}", files.join(" ")));
    t
}

/// Inside the world: `snap destination prefix subvolume...`: one read-only
/// snapshot ioctl of each subvolume in a row, named `prefix-K`, timed
/// together; prints the ms.
fn inner(args: &[String]) {
    let [what, dst, prefix, subs @ ..] = args else {
        panic!("inner step: snap destination prefix subvolume..., not {args:?}");
    };
    assert_eq!(what, "snap", "inner step: snap, not {args:?}");
    let open =
        |p: &str| rvss::sys::fs::open_dir(Path::new(p)).unwrap_or_else(|e| panic!("{p}: {e}"));
    let dst = open(dst);
    let srcs: Vec<_> = subs.iter().map(|s| open(s)).collect();
    let (ms, ()) = timed(|| {
        for (k, src) in srcs.iter().enumerate() {
            let name = format!("{prefix}-{k}");
            rvss::sys::btrfs::snapshot(src, &dst, OsStr::new(&name), false).expect("snapshot");
        }
    });
    println!("{ms}");
}
