//! The commit of a 64-share shadow copy set: the time from the client's
//! CommitShadowCopySet request to the server's reply (64 snap_create calls
//! inside one RPC), rvss against vfs_btrfs, 64 subvolume shares each.
//!
//! rpcclient's `fss_create_expose` runs start, add x 64, prepare, commit and
//! expose in one call, and Debian's Samba Python bindings have no fsrvp
//! module, so the commit is timed on the client's own system calls: the
//! rpcclient process runs under `strace -ttt` with `-d 10 --debug-stdout`,
//! whose NDR dump of the call ("in: struct fss_CommitShadowCopySet", "out:
//! ...") brackets the request; the time is from the first socket send after
//! the "in" dump (the SMB2 request carrying the Commit PDU) to the last socket
//! receive before the "out" dump (the final SMB2 response after the server's
//! STATUS_PENDING interim). Only the client is traced: the server runs at its
//! normal log level.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::{parse_expose, text, World};
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use support::{timed, Goal, Report};

const SHARES: usize = 64;
const MODULES: [&str; 2] = ["rvss", "vfs_btrfs"];
/// Issue 13's goal for one create hook over the bare ioctl (benches/hook.rs).
const HOOK_OVERHEAD_MS: f64 = 0.2;

// The floor rows: 64 snapshots back to back, in-process, with and without a
// durable record of each committed by its own snapshot.
const FLOOR_BARE: &str = "64 snapshot ioctls";
const FLOOR_EMPTY: &str = "64 x (empty file created + ioctl)";
const FLOOR_ENTRY: &str = "64 x (catalog entry reserved + ioctl)";

fn share_name(module: &str, k: usize) -> String {
    format!("{}{k:02}", if module == "rvss" { "r" } else { "b" })
}

fn main() {
    if !support::start(floor) {
        return;
    }
    let rounds = support::reps(30, 3);
    let warmup = 1;
    let mut w = World::new("bench-commit");
    let fs = w.add_btrfs("fs", 2048);
    for module in MODULES {
        for k in 1..=SHARES {
            support::subvolume_share(&mut w, &fs, &share_name(module, k), module, 1);
        }
    }
    w.start_samba();

    let mut r = Report::new(
        "commit",
        "Commit of a 64-share set: CommitShadowCopySet request to reply",
    );
    for i in 0..rounds + warmup {
        for m in support::rotation(i, MODULES.len()) {
            let module = MODULES[m];
            settle(&w, &fs);
            let commit = commit_round(&w, module, i);
            if i >= warmup {
                r.samples
                    .entry(format!("{module} commit of {SHARES}"))
                    .or_default()
                    .push(commit);
            }
        }
    }
    r.compare(
        &format!("CommitShadowCopySet, {SHARES} shares"),
        &format!("rvss commit of {SHARES}"),
        &format!("vfs_btrfs commit of {SHARES}"),
        // Each of the 64 snap_create calls may cost what the hook goal
        // allows over the bare ioctl (vfs_btrfs's create is that ioctl):
        // rvss also writes a catalog entry and re-checks the share's
        // structure, which vfs_btrfs does not, so it cannot be faster.
        Goal::Overhead {
            pct: 5.0,
            ms: SHARES as f64 * HOOK_OVERHEAD_MS,
        },
    );
    // What any durable record of a snapshot costs when it rides on that
    // snapshot's commit, against the bare ioctls, on the same filesystem.
    r.add_series_json(&support::run_inside(
        &w,
        &[fs.display().to_string(), rounds.to_string()],
    ));
    r.compare(
        "floor: a new file before each of 64 snapshots",
        FLOOR_EMPTY,
        FLOOR_BARE,
        Goal::None,
    );
    r.compare(
        "floor: rvss's catalog entry before each of 64 snapshots",
        FLOOR_ENTRY,
        FLOOR_BARE,
        Goal::None,
    );
    r.command(format!(
        "floor rows: in-process inside the world, {rounds} rounds rotating three loops over \
         the 64 rvss subvolumes, each loop 64 read-only BTRFS_IOC_SNAP_CREATE_V2 back to back \
         into one directory (all destroyed and the filesystem settled after each loop, not \
         timed): bare; each preceded by an empty file created (O_CREAT|O_EXCL) in another \
         directory of the filesystem; each preceded by Catalog::reserve of a full entry (what \
         the create hook writes) in a scratch catalog"
    ));
    r.command(format!(
        "{rounds} rounds (after {warmup} warm-up), the two modules' order rotated each round; \
         before each set, the filesystem is settled (not timed: btrfs filesystem sync, wait \
         for the cleaner to drop deleted subvolumes, sync)"
    ));
    r.command(
        "strace -ttt -e trace=write,writev,sendmsg,sendto,read,readv,recvmsg,recvfrom -o FILE \
         rpcclient -d 10 --debug-stdout -U root%... ncacn_np:127.0.0.1 -c 'fss_create_expose \
         backup ro S01 ... S64'; commit time = last socket receive before rpcclient's \
         \"out: struct fss_CommitShadowCopySet\" dump minus the first socket send after its \
         \"in: struct fss_CommitShadowCopySet\" dump (request on the wire to reply read)",
    );
    r.command("then rpcclient ... -c 'fss_delete S01 SET SC01; ...; fss_delete S64 SET SC64'");
    r.note(format!(
        "One 2 GiB loop btrfs, {} subvolumes each holding a 1 MiB file, one share at each \
         subvolume root: {SHARES} with `vfs objects = rvss`, {SHARES} with `vfs objects = \
         btrfs` and `btrfs:manipulate snapshots = yes`. Samba calls snap_create once per \
         share, sequentially, inside the one CommitShadowCopySet RPC. Only the client is \
         traced (strace's cost falls outside the interval, where rpcclient waits for the \
         reply); the server runs at its normal log level.",
        2 * SHARES
    ));
    r.write();
}

/// Inside the world: `fs rounds`. Times 64 back-to-back snapshots of the
/// rvss subvolumes, bare and each preceded by a record of it, the way the
/// hooks run inside one CommitShadowCopySet.
fn floor(args: &[String]) {
    let fs = PathBuf::from(&args[0]);
    let rounds: usize = args[1].parse().expect("rounds");
    let open =
        |p: &Path| rvss::sys::fs::open_dir(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    for d in ["floor-snapshots", "floor-files", "floor-catalog"] {
        std::fs::create_dir_all(fs.join(d)).expect("floor directory");
    }
    let sources: Vec<_> = (1..=SHARES)
        .map(|k| open(&fs.join(share_name("rvss", k))))
        .collect();
    let dst = open(&fs.join("floor-snapshots"));
    let files = fs.join("floor-files");
    let catalog = rvss::catalog::Catalog::open(&fs.join("floor-catalog")).expect("catalog");
    let mut s: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let loops = [FLOOR_BARE, FLOOR_EMPTY, FLOOR_ENTRY];
    let mut seq = 0;
    for i in 0..rounds + 1 {
        for which in support::rotation(i, loops.len()) {
            support::settle(&fs);
            let mut names = vec![];
            let (ms, ()) = timed(|| {
                for src in &sources {
                    seq += 1;
                    let name = format!("s{seq}");
                    let record = files.join(&name);
                    match which {
                        1 => {
                            drop(std::fs::File::create_new(&record).expect("create the empty file"))
                        }
                        2 => assert!(catalog.reserve(&floor_entry(&fs, &name)).expect("reserve")),
                        _ => {}
                    }
                    rvss::sys::btrfs::snapshot(src, &dst, OsStr::new(&name), false)
                        .expect("snapshot");
                    names.push(name);
                }
            });
            if i > 0 {
                s.entry(loops[which].to_string()).or_default().push(ms);
            }
            for name in names {
                rvss::sys::btrfs::destroy(&dst, OsStr::new(&name)).expect("destroy");
                let _ = std::fs::remove_file(files.join(&name));
                let _ = catalog.remove(
                    &floor_entry(&fs, &name),
                    rvss::catalog::Durability::WithNextCommit,
                );
            }
        }
    }
    support::print_series(&s);
}

/// An entry like the ones the create hook writes, for snapshot `name` of the
/// floor loop.
fn floor_entry(fs: &Path, name: &str) -> rvss::catalog::Entry {
    let path = fs
        .join("floor-catalog/vol")
        .join(format!("@GMT-2026.01.01-00.00.00.{name}"))
        .display()
        .to_string();
    rvss::catalog::Entry {
        id: format!("floor-{name}"),
        share: "r01".into(),
        base_volume: fs.join("r01").display().to_string(),
        subvolume: fs.join("r01").display().to_string(),
        snap_path: path.clone(),
        path,
        gmt: "@GMT-2026.01.01-00.00.00".into(),
        created: 0,
        readonly: true,
        state: rvss::catalog::State::Exposed,
        source_uuid: Some("0b7c1c3e-6a55-4c9e-9d5a-3b1d2c7f8e90".into()),
        creator: rvss::catalog::Creator::current(),
        ..Default::default()
    }
}

/// Settles the filesystem inside the world (see support::settle).
fn settle(w: &World, fs: &Path) {
    let m = fs.display();
    w.must(&format!(
        "btrfs filesystem sync '{m}' >/dev/null; n=0; \
         while [ -n \"$(btrfs subvolume list -d '{m}')\" ]; do \
           n=$((n+1)); [ $n -lt 12000 ] || exit 1; sleep 0.01; btrfs filesystem sync '{m}' >/dev/null; \
         done; btrfs filesystem sync '{m}' >/dev/null"
    ));
}

/// One 64-share set of `module`: creates it under strace, deletes it, and
/// returns the commit's request-to-reply time in ms.
fn commit_round(w: &World, module: &str, round: usize) -> f64 {
    let shares: Vec<String> = (1..=SHARES).map(|k| share_name(module, k)).collect();
    let trace = w.dir.join(format!("strace-{module}-{round}.txt"));
    let cmd = format!("fss_create_expose backup ro {}", shares.join(" "));
    let o = w.sh(&format!(
        "strace -ttt -e trace=write,writev,sendmsg,sendto,read,readv,recvmsg,recvfrom \
         -s 64 -o '{}' rpcclient -d 10 --debug-stdout -U 'root%{}' ncacn_np:127.0.0.1 -c '{cmd}'",
        trace.display(),
        common::PASSWORD
    ));
    let out = text(&o);
    let exposed_lines: String = out
        .lines()
        .filter(|l| l.contains("exposed as a snapshot"))
        .map(|l| format!("{l}\n"))
        .collect();
    let exposed = parse_expose(&exposed_lines);
    assert!(
        o.status.success() && exposed.len() == SHARES,
        "{module}: {} of {SHARES} shares exposed\n{}\n--- logs ---\n{}",
        exposed.len(),
        out.lines()
            .filter(|l| l.contains("failed") || l.contains("0x8"))
            .collect::<Vec<_>>()
            .join("\n"),
        w.logs()
    );
    let strace = std::fs::read_to_string(&trace).expect("strace output");
    let _ = std::fs::remove_file(&trace);
    let ms = support::trace::call_interval(&strace, "fss_CommitShadowCopySet")
        .unwrap_or_else(|| panic!("{module}: no CommitShadowCopySet request/reply in the trace"));
    support::busy::delete_set(w, &exposed);
    ms
}
