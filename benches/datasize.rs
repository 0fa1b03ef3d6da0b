//! Snapshot cost is independent of how much data the share holds: rvss's
//! snap_create (in-process, C API) of a share with 4 GiB of data against one
//! with 16 MiB, both subvolumes of the same filesystem, alternated; the bare
//! ioctl on both for reference.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::World;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::PathBuf;
use support::capi::{now, HookShare};
use support::{timed, Goal, Report};

const SMALL_MIB: u64 = 16;
const BIG_MIB: u64 = 4096;

fn main() {
    if !support::start(inner) {
        return;
    }
    let reps = support::reps(200, 10);
    let mut w = World::new("bench-datasize");
    // Sparse image: only what is written takes disk space (about 4.1 GiB).
    let fs = w.add_btrfs("fs", 6144);
    let small = fs.join("small");
    let big = fs.join("big");
    support::subvolume(&w, &small);
    support::subvolume(&w, &big);
    support::write_data(&w, &small.join("disk.vhdx"), SMALL_MIB);
    // 4 GiB of real data: 64 MiB of random bytes written 64 times (btrfs
    // does not deduplicate, so every extent is real and distinct on disk).
    w.must(&format!(
        "set -e; dd if=/dev/urandom of='{chunk}' bs=1M count=64 status=none; \
         for i in $(seq {n}); do cat '{chunk}'; done > '{file}'; rm '{chunk}'; sync",
        chunk = w.dir.join("chunk").display(),
        n = BIG_MIB / 64,
        file = big.join("disk.vhdx").display()
    ));
    let used = w.must(&format!("du -sm '{}'", big.display()));
    w.must(&format!("mkdir '{}'", fs.join("raw").display()));

    let out = support::run_inside(
        &w,
        &[
            fs.display().to_string(),
            small.display().to_string(),
            big.display().to_string(),
            reps.to_string(),
        ],
    );
    let mut r = Report::new(
        "datasize",
        "Data size: snapshot of a share holding 4 GiB vs 16 MiB",
    );
    r.add_series_json(&out);
    r.compare(
        "rvss snap_create",
        "rvss create 4 GiB",
        "rvss create 16 MiB",
        Goal::Median(1.2),
    );
    r.compare(
        "rvss snap_delete",
        "rvss delete 4 GiB",
        "rvss delete 16 MiB",
        Goal::None,
    );
    r.compare(
        "bare ioctl SNAP_CREATE_V2 (reference)",
        "ioctl create 4 GiB",
        "ioctl create 16 MiB",
        Goal::None,
    );
    r.command(format!(
        "in-process (C API, NULL option callback) inside the World: {reps} repetitions, the \
         order of the two shares (and then of the two raw ioctl snapshots) flipped each \
         repetition; each snapshot deleted right after it was made; a settle (not timed: wait for the btrfs cleaner to drop deleted snapshots, then commit) before \
         each create"
    ));
    r.note(format!(
        "Two subvolumes of one 6 GiB (sparse) loop btrfs: one holding a {SMALL_MIB} MiB file, \
         one a {BIG_MIB} MiB file of random data written and synced before measuring \
         (du -sm: {} MiB). Everything is deleted with the World.",
        used.split_whitespace().next().unwrap_or("?")
    ));
    r.write();
}

/// Inside the world: `fs small big reps`.
fn inner(args: &[String]) {
    let fs = PathBuf::from(&args[0]);
    let vols = [
        ("16 MiB", PathBuf::from(&args[1])),
        ("4 GiB", PathBuf::from(&args[2])),
    ];
    let reps: usize = args[3].parse().expect("reps");
    let shares: Vec<HookShare> = vols
        .iter()
        .map(|(label, v)| HookShare::new(label, v))
        .collect();
    let sources: Vec<std::fs::File> = vols
        .iter()
        .map(|(_, v)| rvss::sys::fs::open_dir(v).expect("open subvolume"))
        .collect();
    let dst = rvss::sys::fs::open_dir(&fs.join("raw")).expect("open raw dir");
    let mut s: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let warmup = 3;
    for i in 0..reps + warmup {
        let keep = i >= warmup;
        for k in support::rotation(i, 2) {
            let label = vols[k].0;
            support::settle(&fs);
            let (c, snap) = timed(|| shares[k].create(now()));
            let (d, ()) = timed(|| shares[k].delete(&snap));
            if keep {
                s.entry(format!("rvss create {label}")).or_default().push(c);
                s.entry(format!("rvss delete {label}")).or_default().push(d);
            }
        }
        for k in support::rotation(i, 2) {
            let label = vols[k].0;
            let name = format!("raw-{k}-{i}");
            let name = OsStr::new(&name);
            support::settle(&fs);
            let (c, r) = timed(|| rvss::sys::btrfs::snapshot(&sources[k], &dst, name, false));
            r.expect("raw snapshot");
            rvss::sys::btrfs::destroy(&dst, name).expect("raw destroy");
            if keep {
                s.entry(format!("ioctl create {label}"))
                    .or_default()
                    .push(c);
            }
        }
    }
    support::print_series(&s);
}
