//! Commit while a writer keeps writing (issue 23): a process writes into the
//! share at a fixed rate (1 MiB writes, no sync, cycling over 1 GiB of its
//! file like a VM rewriting its disk) from before IsPathSupported until
//! after Expose, through Windows' order (IsPathSupported, a 2 s pause, then
//! Start/Add/Prepare/Commit/Expose). rvss (which starts write-back at
//! IsPathSupported and AddToShadowCopySet, so that the commit flushes only
//! what was written since) against vfs_btrfs (the snapshot ioctl flushes
//! everything at commit) and the bare read-only snapshot ioctl at the same
//! moment, same run, same filesystem. The writer reports the rate it
//! achieved and its longest write: how long the set held it up.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::World;
use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;
use support::busy::{delete_set, settle, start_writer, windows_set, GAP};
use support::{timed, Goal, Report};

const CONTENDERS: [&str; 3] = ["rvss", "vfs_btrfs", "ioctl"];
/// The writer's rate, MiB/s: what a busy VM host writes, and what this
/// machine's loop btrfs sustains beside the other benches' load.
const RATE: u64 = 100;
/// The part of its file the writer rewrites, MiB.
const REGION: u64 = 1024;
/// How long the writer runs before IsPathSupported.
const LEAD: Duration = Duration::from_secs(3);

fn subvolume_of(c: &str) -> &'static str {
    match c {
        "rvss" => "r",
        "vfs_btrfs" => "b",
        _ => "raw",
    }
}

fn main() {
    if !support::start(inner) {
        return;
    }
    let rounds = support::reps(5, 2);
    let mut w = World::new("bench-writer");
    let fs = w.add_btrfs("fs", 6144);
    support::subvolume_share(&mut w, &fs, "r", "rvss", 1);
    support::subvolume_share(&mut w, &fs, "b", "vfs_btrfs", 1);
    support::subvolume(&w, &fs.join("raw"));
    w.must(&format!("mkdir '{}'", fs.join("raw-snapshots").display()));
    w.start_samba();
    let mut r = Report::new(
        "writer",
        "Commit while a writer writes at a steady rate, Windows' order",
    );
    // The first set on a fresh filesystem is slow with any module.
    for c in ["rvss", "vfs_btrfs"] {
        round(&w, &fs, c, 0);
    }
    for i in 0..rounds {
        for k in support::rotation(i, CONTENDERS.len()) {
            let c = CONTENDERS[k];
            for (what, v) in round(&w, &fs, c, i + 1) {
                r.samples.entry(format!("{c} {what}")).or_default().push(v);
            }
        }
    }
    r.compare(
        "commit: rvss / vfs_btrfs",
        "rvss commit",
        "vfs_btrfs commit",
        Goal::None,
    );
    r.compare(
        "commit: rvss / bare ioctl",
        "rvss commit",
        "ioctl commit",
        Goal::None,
    );
    r.compare(
        "commit: vfs_btrfs / bare ioctl",
        "vfs_btrfs commit",
        "ioctl commit",
        Goal::None,
    );
    for call in ["IsPathSupported", "AddToShadowCopySet"] {
        r.compare(
            &format!("{call}: rvss / vfs_btrfs"),
            &format!("rvss {call}"),
            &format!("vfs_btrfs {call}"),
            Goal::None,
        );
    }
    r.compare(
        "writer's longest write: rvss / vfs_btrfs",
        "rvss longest write",
        "vfs_btrfs longest write",
        Goal::None,
    );
    r.compare_in(
        "writer's rate: rvss / vfs_btrfs",
        "rvss writer rate",
        "vfs_btrfs writer rate",
        Goal::None,
        Some("MiB/s"),
    );
    r.command(format!(
        "{rounds} rounds (after one unmeasured set per module), the three contenders rotated \
         each round; before each: the previous round's file and snapshot removed, the \
         filesystem settled (sync -f, btrfs filesystem sync, deleted subvolumes cleaned; not \
         timed); then a writer (this bench's own step, inside the world) starts writing 1 MiB \
         blocks at {RATE} MiB/s into SUBVOL/busy.vhdx without sync, rewriting its first \
         {REGION} MiB cyclically, and runs {} s before the first call",
        LEAD.as_secs()
    ));
    r.command(
        "rvss, vfs_btrfs: rpcclient -c 'fss_is_path_sup S' under strace; sleep 2; rpcclient -c \
         'fss_create_expose backup ro S' under strace (calls timed from the request's first \
         socket send to the reply's last socket receive, support::trace); the writer stopped \
         after Expose; then fss_delete",
    );
    r.command(
        "ioctl: the writer running, sleep 2; in-process inside the world, one read-only \
         BTRFS_IOC_SNAP_CREATE_V2 of the subvolume, timed; the writer stopped; then btrfs \
         subvolume delete",
    );
    r.note(
        "One 6 GiB loop btrfs, three subvolumes: share r (`vfs objects = rvss`, default \
         `rvss:flush wait` = 500 ms), share b (`vfs objects = btrfs`, `btrfs:manipulate \
         snapshots = yes`), and a subvolume for the bare ioctl. The writer's rate and longest \
         write(2) are measured over its whole run (lead, calls, pause, set). What is dirty at \
         the commit is what the writer wrote since the last write-back, bounded by the rate: \
         the ratios, same run, are the result; the absolute times depend on the disk behind \
         the loop file and the machine's load.",
    );
    r.write();
}

/// One round of contender `c`: [(what, value)], times in ms, the writer's
/// rate in MiB/s.
fn round(w: &World, fs: &Path, c: &str, n: usize) -> Vec<(&'static str, f64)> {
    let sub = fs.join(subvolume_of(c));
    let file = sub.join("busy.vhdx");
    w.must(&format!("rm -f '{}'", file.display()));
    settle(w, fs);
    let writer = start_writer(w, &file, RATE, REGION);
    std::thread::sleep(LEAD);
    let mut t = vec![];
    if c == "ioctl" {
        std::thread::sleep(GAP);
        let name = format!("s{n}");
        let out = support::run_inside(
            w,
            &[
                "snap".into(),
                sub.display().to_string(),
                fs.join("raw-snapshots").display().to_string(),
                name.clone(),
            ],
        );
        t.push(("commit", out.trim().parse().expect("inner step's time")));
        let wr = writer.stop();
        w.must(&format!(
            "btrfs subvolume delete '{}' >/dev/null",
            fs.join("raw-snapshots").join(&name).display()
        ));
        t.push(("longest write", wr.longest_write_ms));
        t.push(("writer rate", wr.mib_per_s));
    } else {
        let s = windows_set(w, &[subvolume_of(c).to_string()], GAP, &format!("{c}-{n}"));
        let wr = writer.stop();
        delete_set(w, &s.exposed);
        t.push(("IsPathSupported", s.is_path_supported[0]));
        t.push(("AddToShadowCopySet", s.add[0]));
        t.push(("commit", s.commit));
        t.push(("longest write", wr.longest_write_ms));
        t.push(("writer rate", wr.mib_per_s));
    }
    w.must(&format!("rm -f '{}'", file.display()));
    t
}

/// Inside the world: `writer ...` (support::busy::writer_step) or `snap
/// subvolume destination name`: one read-only snapshot ioctl, timed; prints
/// its ms.
fn inner(args: &[String]) {
    match args.first().map(String::as_str) {
        Some("writer") => support::busy::writer_step(&args[1..]),
        Some("snap") => {
            let open = |p: &str| {
                rvss::sys::fs::open_dir(Path::new(p)).unwrap_or_else(|e| panic!("{p}: {e}"))
            };
            let (src, dst) = (open(&args[1]), open(&args[2]));
            let (ms, ()) = timed(|| {
                rvss::sys::btrfs::snapshot(&src, &dst, OsStr::new(&args[3]), false)
                    .expect("snapshot")
            });
            println!("{ms}");
        }
        _ => panic!("inner step: writer or snap, not {args:?}"),
    }
}
