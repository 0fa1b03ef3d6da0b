//! Set commit against share size (issue 23): IsPathSupported,
//! AddToShadowCopySet and CommitShadowCopySet of one share holding 10,000,
//! 100,000 and 1,000,000 entries (files in 100 or 1,000 directories), and
//! 10,000 and 100,000 directories, rvss against vfs_btrfs on the same
//! filesystem in the same run, and the bare snapshot ioctl of the same
//! subvolume as the physical limit.
//!
//! rvss walks the share whole at IsPathSupported and, at
//! AddToShadowCopySet and at the commit, examines only what changed since
//! (nothing here: the tree is quiet), so its commit should not grow with
//! the tree. vfs_btrfs checks nothing. Each case's tree is written once into
//! the rvss share's subvolume (in-process, inside the world) and the
//! vfs_btrfs share is a writable snapshot of it: the same tree, the same
//! metadata layout.
//!
//! Windows' order: `fss_is_path_sup` (one rpcclient), a pause, then
//! `fss_create_expose` (another rpcclient: start, add, prepare, commit,
//! expose); each call timed on the client's system calls (support::trace).
//! RVSS_BENCH_QUICK=1: smaller trees, fewer rounds.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::{parse_expose, text, World};
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::Duration;
use support::trace::{call_interval, traced_rpc};
use support::{timed, Goal, Report};

const MODULES: [&str; 2] = ["rvss", "vfs_btrfs"];
const CALLS: [(&str, &str); 3] = [
    ("IsPathSupported", "fss_IsPathSupported"),
    ("AddToShadowCopySet", "fss_AddToShadowCopySet"),
    ("commit", "fss_CommitShadowCopySet"),
];
/// Issue 23's goal for the commit on the largest share.
const COMMIT_OVERHEAD_PCT: f64 = 10.0;

/// One share: its label, directories and files.
struct Case {
    label: String,
    dirs: usize,
    files: usize,
}

fn cases() -> Vec<Case> {
    let c = |label: &str, dirs: usize, files: usize| Case {
        label: label.into(),
        dirs,
        files,
    };
    if support::quick() {
        vec![
            c("2,000 entries", 20, 1_980),
            c("20,000 entries", 200, 19_800),
            c("100,000 entries", 1_000, 99_000),
            c("2,000 directories", 2_000, 0),
            c("10,000 directories", 10_000, 0),
        ]
    } else {
        vec![
            c("10,000 entries", 100, 9_900),
            c("100,000 entries", 1_000, 99_000),
            c("1,000,000 entries", 1_000, 999_000),
            c("10,000 directories", 10_000, 0),
            c("100,000 directories", 100_000, 0),
        ]
    }
}

fn share_of(module: &str, k: usize) -> String {
    format!("{}{k}", if module == "rvss" { "r" } else { "b" })
}

fn main() {
    if !support::start(inner) {
        return;
    }
    let rounds = support::reps(5, 2);
    let warmup = 1;
    let gap = Duration::from_millis(if support::quick() { 500 } else { 2000 });
    let cases = cases();
    let mut w = World::new("bench-sharesize");
    let fs = w.add_btrfs("fs", if support::quick() { 2048 } else { 8192 });
    for (k, c) in cases.iter().enumerate() {
        let r = fs.join(share_of("rvss", k));
        support::subvolume(&w, &r);
        let out = support::run_inside(
            &w,
            &[
                "build".into(),
                r.display().to_string(),
                c.dirs.to_string(),
                c.files.to_string(),
            ],
        );
        eprintln!("bench sharesize: {} written in {} ms", c.label, out.trim());
        w.must(&format!(
            "btrfs subvolume snapshot '{}' '{}' >/dev/null",
            r.display(),
            fs.join(share_of("vfs_btrfs", k)).display()
        ));
        for m in MODULES {
            let name = share_of(m, k);
            w.add_share(&name, &fs.join(&name), support::module_options(m));
        }
    }
    w.must(&format!(
        "mkdir -p '{}'",
        fs.join("raw-snapshots").display()
    ));
    w.start_samba();
    // rvss's debug lines (level 5) in rpcd_fsrvp say which check each hook
    // made; a handful of lines a set.
    w.rpc_ok("fss_get_sup_version");
    let pid = w.pid_of("rpcd_fsrvp").expect("rpcd_fsrvp runs");
    w.must(&format!("smbcontrol {pid} debug '1 rvss:5'"));

    let mut r = Report::new(
        "sharesize",
        "Set commit against share size: IsPathSupported, AddToShadowCopySet, commit",
    );
    for i in 0..rounds + warmup {
        for (k, c) in cases.iter().enumerate() {
            for m in support::rotation(i, MODULES.len() + 1) {
                settle(&w, &fs);
                let times = if m == MODULES.len() {
                    vec![("commit", raw_snapshot(&w, &fs, k, i))]
                } else {
                    set(&w, &share_of(MODULES[m], k), gap)
                };
                if i < warmup {
                    continue;
                }
                let who = MODULES.get(m).copied().unwrap_or("bare ioctl");
                for (call, ms) in times {
                    r.samples
                        .entry(format!("{who} {call}, {}", c.label))
                        .or_default()
                        .push(ms);
                }
            }
        }
    }
    // The third case is the largest count of entries (1,000,000).
    let largest = 2;
    for (k, c) in cases.iter().enumerate() {
        let goal = if k == largest {
            Goal::Overhead {
                pct: COMMIT_OVERHEAD_PCT,
                ms: 0.0,
            }
        } else {
            Goal::None
        };
        r.compare(
            &format!("commit, {}", c.label),
            &format!("rvss commit, {}", c.label),
            &format!("vfs_btrfs commit, {}", c.label),
            goal,
        );
        r.compare(
            &format!("commit against the bare ioctl, {}", c.label),
            &format!("rvss commit, {}", c.label),
            &format!("bare ioctl commit, {}", c.label),
            Goal::None,
        );
        for (call, _) in &CALLS[..2] {
            r.compare(
                &format!("{call}, {}", c.label),
                &format!("rvss {call}, {}", c.label),
                &format!("vfs_btrfs {call}, {}", c.label),
                Goal::None,
            );
        }
    }
    r.command(format!(
        "{rounds} rounds (after {warmup} warm-up), per case rvss, vfs_btrfs and the bare ioctl \
         in an order rotated each round; before each, the filesystem settled (not timed)"
    ));
    r.command(format!(
        "{} rpcclient ... -c 'fss_is_path_sup S'; sleep {:.1}; {} rpcclient ... -c \
         'fss_create_expose backup ro S'; each call's request-to-reply time from the client's \
         system calls; then fss_delete",
        support::trace::STRACE,
        gap.as_secs_f64(),
        support::trace::STRACE
    ));
    r.command(
        "bare ioctl: in-process inside the world, one read-only BTRFS_IOC_SNAP_CREATE_V2 of \
         the rvss share's subvolume, timed; destroyed after",
    );
    r.note(format!(
        "One {} MiB loop btrfs. Each case: a subvolume holding the tree (empty files spread \
         evenly over directories two levels deep), shared with `vfs objects = rvss`, and a \
         writable snapshot of it shared with `vfs objects = btrfs`. Goal (issue 23): rvss's \
         commit on the largest entries case within {COMMIT_OVERHEAD_PCT}% of vfs_btrfs's. \
         rvss walks the whole tree at IsPathSupported only; AddToShadowCopySet and the \
         commit examine what changed since (BTRFS_IOC_TREE_SEARCH with min_transid).",
        if support::quick() { 2048 } else { 8192 }
    ));
    let log = w.rvss_log();
    let count = |what: &str| log.lines().filter(|l| l.contains(what)).count();
    let (incremental, full) = (
        count("at commit: checked "),
        count("the snapshot walked in full"),
    );
    eprintln!(
        "bench sharesize: {incremental} rvss commits checked what changed, {full} walked in full"
    );
    r.note(format!(
        "rvss's debug log (rvss:5 in rpcd_fsrvp, set by smbcontrol once it ran): \
         {incremental} commits examined only what changed since IsPathSupported's walk, \
         {full} walked the snapshot in full."
    ));
    r.write();
}

/// One set of `share`: IsPathSupported, a pause, then the set; each
/// call's ms.
fn set(w: &World, share: &str, gap: Duration) -> Vec<(&'static str, f64)> {
    let (o, tr) = traced_rpc(
        w,
        &format!("fss_is_path_sup {share}"),
        &format!("{share}-is"),
    );
    assert!(o.status.success(), "{share}: fss_is_path_sup: {}", text(&o));
    let is = call_interval(&tr, CALLS[0].1).expect("IsPathSupported in the trace");
    std::thread::sleep(gap);
    let (o, tr) = traced_rpc(
        w,
        &format!("fss_create_expose backup ro {share}"),
        &format!("{share}-set"),
    );
    let out = text(&o);
    let exposed_lines: String = out
        .lines()
        .filter(|l| l.contains("exposed as a snapshot"))
        .map(|l| format!("{l}\n"))
        .collect();
    let exposed = parse_expose(&exposed_lines);
    assert!(
        o.status.success() && exposed.len() == 1,
        "{share}: the set failed\n{}\n--- logs ---\n{}",
        out.lines()
            .filter(|l| l.contains("failed") || l.contains("0x8"))
            .collect::<Vec<_>>()
            .join("\n"),
        w.logs()
    );
    let add = call_interval(&tr, CALLS[1].1).expect("AddToShadowCopySet in the trace");
    let commit = call_interval(&tr, CALLS[2].1).expect("CommitShadowCopySet in the trace");
    let e = &exposed[0];
    w.rpc_ok(&format!("fss_delete {} {} {}", e.share, e.set, e.copy));
    vec![
        ("IsPathSupported", is),
        ("AddToShadowCopySet", add),
        ("commit", commit),
    ]
}

/// The bare snapshot ioctl of case `k`'s rvss subvolume, timed inside the
/// world; the snapshot destroyed after.
fn raw_snapshot(w: &World, fs: &Path, k: usize, round: usize) -> f64 {
    let name = format!("s{k}-{round}");
    let out = support::run_inside(
        w,
        &[
            "snapshot".into(),
            fs.join(share_of("rvss", k)).display().to_string(),
            fs.join("raw-snapshots").display().to_string(),
            name.clone(),
        ],
    );
    w.must(&format!(
        "btrfs subvolume delete '{}' >/dev/null",
        fs.join("raw-snapshots").join(&name).display()
    ));
    out.trim().parse().expect("inner step's time")
}

/// Settles the filesystem inside the world: deleted subvolumes cleaned,
/// committed.
fn settle(w: &World, fs: &Path) {
    let m = fs.display();
    w.must(&format!(
        "sync -f '{m}'; btrfs filesystem sync '{m}' >/dev/null; n=0; \
         while [ -n \"$(btrfs subvolume list -d '{m}')\" ]; do \
           n=$((n+1)); [ $n -lt 12000 ] || exit 1; sleep 0.01; btrfs filesystem sync '{m}' >/dev/null; \
         done; btrfs filesystem sync '{m}' >/dev/null"
    ));
}

/// Inside the world: `build PATH DIRS FILES` writes the tree (prints its
/// ms), `snapshot SUBVOLUME DESTINATION NAME` times one read-only snapshot
/// ioctl (prints its ms).
fn inner(args: &[String]) {
    match args[0].as_str() {
        "build" => {
            let root = PathBuf::from(&args[1]);
            let dirs: usize = args[2].parse().expect("dirs");
            let files: usize = args[3].parse().expect("files");
            let (ms, ()) = timed(|| build(&root, dirs, files));
            println!("{ms}");
        }
        "snapshot" => {
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
        other => panic!("no inner step {other}"),
    }
}

/// `dirs` directories two levels deep (about the square root of them at the
/// top) and `files` empty files spread evenly over them (the root when
/// there are none), then synced.
fn build(root: &Path, dirs: usize, files: usize) {
    let top = (dirs as f64).sqrt().ceil().max(1.0) as usize;
    let mut all: Vec<PathBuf> = vec![];
    for d in 0..dirs {
        let p = if d < top {
            root.join(format!("d{d}"))
        } else {
            root.join(format!("d{}", d % top)).join(format!("e{d}"))
        };
        std::fs::create_dir(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        all.push(p);
    }
    if all.is_empty() {
        all.push(root.to_path_buf());
    }
    let mut by_dir: BTreeMap<usize, usize> = BTreeMap::new();
    for f in 0..files {
        *by_dir.entry(f % all.len()).or_default() += 1;
    }
    for (d, n) in by_dir {
        for f in 0..n {
            let p = all[d].join(format!("f{f}"));
            drop(std::fs::File::create_new(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())));
        }
    }
    let o = std::process::Command::new("sync")
        .arg("-f")
        .arg(root)
        .status()
        .expect("sync");
    assert!(o.success(), "sync");
}
