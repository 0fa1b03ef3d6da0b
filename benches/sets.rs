//! Shadow copy sets: one `fss_create_expose` with 1, 8 and 32 shares, the
//! time per share (and the matching `fss_delete`s, in one rpcclient call),
//! rvss against vfs_btrfs. rvss's shares are N directories of one subvolume
//! (distinct share paths, so distinct base volumes); vfs_btrfs needs each
//! share at a subvolume root, so its shares are N subvolumes.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::{parse_expose, text, World};
use support::{timed, Goal, Report};

const SIZES: [usize; 3] = [1, 8, 32];
const MODULES: [&str; 2] = ["rvss", "vfs_btrfs"];

fn share_name(module: &str, k: usize) -> String {
    format!("{}{k:02}", if module == "rvss" { "r" } else { "b" })
}

fn main() {
    if !support::is_bench_run() {
        return;
    }
    let rounds = support::reps(20, 2);
    let max = *SIZES.iter().max().unwrap_or(&1);
    let mut w = World::new("bench-sets");
    let fs = w.add_btrfs("fs", 2048);
    let vol = fs.join("vol");
    support::subvolume(&w, &vol);
    support::write_data(&w, &vol.join("disk.vhdx"), 16);
    for k in 1..=max {
        let dir = vol.join(format!("s{k:02}"));
        w.must(&format!("mkdir '{}'", dir.display()));
        w.add_share(&share_name("rvss", k), &dir, support::RVSS_OPTIONS);
        let sub = fs.join(format!("b{k:02}"));
        support::subvolume(&w, &sub);
        w.add_share(
            &share_name("vfs_btrfs", k),
            &sub,
            support::VFS_BTRFS_OPTIONS,
        );
    }
    w.start_samba();

    let mut r = Report::new(
        "sets",
        "Shadow copy sets of 1, 8 and 32 shares: time per share",
    );
    let cases: Vec<(&str, usize)> = MODULES
        .iter()
        .flat_map(|m| SIZES.iter().map(move |n| (*m, *n)))
        .collect();
    let warmup = 1;
    for i in 0..rounds + warmup {
        for k in support::rotation(i, cases.len()) {
            let (module, n) = cases[k];
            let (create, delete) = set_cycle(&w, module, n);
            if i >= warmup {
                r.samples
                    .entry(format!("{module} set of {n}: create per share"))
                    .or_default()
                    .push(create / n as f64);
                r.samples
                    .entry(format!("{module} set of {n}: delete per share"))
                    .or_default()
                    .push(delete / n as f64);
            }
        }
    }
    for n in SIZES.iter().filter(|n| **n > 1) {
        for what in ["create", "delete"] {
            r.compare(
                &format!("set of {n} vs set of 1, {what} per share"),
                &format!("rvss set of {n}: {what} per share"),
                &format!("rvss set of 1: {what} per share"),
                Goal::None,
            );
        }
    }
    for n in SIZES {
        r.compare(
            &format!("set of {n}, create per share vs vfs_btrfs"),
            &format!("rvss set of {n}: create per share"),
            &format!("vfs_btrfs set of {n}: create per share"),
            Goal::None,
        );
    }
    r.command(format!(
        "{rounds} rounds (after {warmup} warm-up); each round runs every (module, N) case \
         once, the case order rotated each round:"
    ));
    r.command(
        "create: rpcclient ... -c 'fss_create_expose backup ro SHARE1 ... SHAREN' (one call: \
         start set, N x add, prepare, commit = N snap_create, expose N shares); time / N",
    );
    r.command(
        "delete: rpcclient ... -c 'fss_delete SHARE1 SET SC1; ...; fss_delete SHAREN SET SCN' \
         (one call, N snap_delete); time / N",
    );
    r.note(
        "rvss: N share directories of one subvolume (N snapshots of that subvolume per set, \
         as each share is its own base volume). vfs_btrfs: N subvolumes, one share each.",
    );
    r.write();
}

/// One set: (create ms, delete ms), each for the whole set.
fn set_cycle(w: &World, module: &str, n: usize) -> (f64, f64) {
    let shares: Vec<String> = (1..=n).map(|k| share_name(module, k)).collect();
    let cmd = format!("fss_create_expose backup ro {}", shares.join(" "));
    let (create, o) = timed(|| w.rpc(&cmd));
    let out = text(&o);
    assert!(
        o.status.success(),
        "{cmd}: {out}\n--- logs ---\n{}",
        w.logs()
    );
    let exposed = parse_expose(&out);
    assert_eq!(exposed.len(), n, "{cmd}: {out}");
    let deletes: Vec<String> = exposed
        .iter()
        .map(|e| format!("fss_delete {} {} {}", e.share, e.set, e.copy))
        .collect();
    let (delete, o) = timed(|| w.rpc(&deletes.join("; ")));
    assert!(
        o.status.success() && !text(&o).contains("failed"),
        "{}: {}\n--- logs ---\n{}",
        deletes.join("; "),
        text(&o),
        w.logs()
    );
    (create, delete)
}
