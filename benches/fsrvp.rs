//! The FSRVP round trip through a real Samba: `fss_create_expose backup ro
//! SHARE` + `fss_delete` with rvss against Samba's own vfs_btrfs, one share
//! per module on the same filesystem, and against what a user's script would
//! do with the btrfs CLI (`btrfs subvolume snapshot -r` + `btrfs subvolume
//! delete`). The three contenders rotate within each repetition.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::{text, World};
use std::path::Path;
use support::{timed, Goal, Report};

struct Contender {
    /// Series prefix.
    label: &'static str,
    /// Share name, or None for the btrfs CLI.
    share: Option<&'static str>,
}

const CONTENDERS: [Contender; 3] = [
    Contender {
        label: "rvss",
        share: Some("rv"),
    },
    Contender {
        label: "vfs_btrfs",
        share: Some("vb"),
    },
    Contender {
        label: "btrfs CLI",
        share: None,
    },
];

fn main() {
    if !support::is_bench_run() {
        return;
    }
    let reps = support::reps(200, 6);
    let mut w = World::new("bench-fsrvp");
    let fs = w.add_btrfs("fs", 2048);
    for sub in ["rv", "vb", "cli"] {
        let vol = fs.join(sub);
        support::subvolume(&w, &vol);
        support::write_data(&w, &vol.join("disk.vhdx"), 16);
    }
    let cli_snaps = fs.join("cli-snapshots");
    w.must(&format!("mkdir '{}'", cli_snaps.display()));
    w.add_share("rv", &fs.join("rv"), support::module_options("rvss"));
    w.add_share("vb", &fs.join("vb"), support::module_options("vfs_btrfs"));
    w.start_samba();

    let mut r = Report::new(
        "fsrvp",
        "FSRVP round trip through Samba: rvss vs vfs_btrfs vs the btrfs CLI",
    );
    let warmup = 3;
    for i in 0..reps + warmup {
        for k in support::rotation(i, CONTENDERS.len()) {
            let c = &CONTENDERS[k];
            let (create, delete) = match c.share {
                Some(share) => support::fsrvp_cycle(&w, share),
                None => cli_cycle(&w, &fs.join("cli"), &cli_snaps.join(format!("s{i}"))),
            };
            if i >= warmup {
                for (what, v) in [
                    ("create", create),
                    ("delete", delete),
                    ("cycle", create + delete),
                ] {
                    r.samples
                        .entry(format!("{} {what}", c.label))
                        .or_default()
                        .push(v);
                }
            }
        }
    }

    let goal = Goal::MedianAndP99(1.0);
    r.compare(
        "create + expose (fss_create_expose)",
        "rvss create",
        "vfs_btrfs create",
        goal,
    );
    r.compare(
        "delete (fss_delete)",
        "rvss delete",
        "vfs_btrfs delete",
        goal,
    );
    r.compare("round trip", "rvss cycle", "vfs_btrfs cycle", goal);
    r.compare(
        "round trip vs a btrfs CLI script",
        "rvss cycle",
        "btrfs CLI cycle",
        Goal::None,
    );
    r.compare(
        "vfs_btrfs round trip vs the CLI",
        "vfs_btrfs cycle",
        "btrfs CLI cycle",
        Goal::None,
    );
    r.command(format!(
        "{reps} repetitions (after {warmup} warm-up), contenders rotated each repetition, each \
         a separate process as a backup tool or script would run it (nsenter into the World, sh):"
    ));
    r.command(
        "rvss / vfs_btrfs: rpcclient -U root%... ncacn_np:127.0.0.1 -c 'fss_create_expose backup ro SHARE', then \
         rpcclient ... -c 'fss_delete SHARE SET_ID SHADOW_COPY_ID'",
    );
    r.command(
        "btrfs CLI: btrfs subvolume snapshot -r SUBVOL DEST, then btrfs subvolume delete DEST",
    );
    r.note(
        "One 2 GiB loop btrfs, three subvolumes each holding a 16 MiB file: [rv] vfs objects = \
         rvss; [vb] vfs objects = btrfs, btrfs:manipulate snapshots = yes (a share at a \
         subvolume root, as vfs_btrfs requires); the CLI's source. Every vfs_btrfs shadow copy \
         is deleted before the next is made, so its one-second snapshot names never collide.",
    );
    r.write();
}

/// `btrfs subvolume snapshot -r` + `btrfs subvolume delete`, as a script would.
fn cli_cycle(w: &World, src: &Path, dest: &Path) -> (f64, f64) {
    let (create, o) = timed(|| {
        w.sh(&format!(
            "btrfs subvolume snapshot -r '{}' '{}' >/dev/null",
            src.display(),
            dest.display()
        ))
    });
    assert!(o.status.success(), "btrfs subvolume snapshot: {}", text(&o));
    let (delete, o) = timed(|| {
        w.sh(&format!(
            "btrfs subvolume delete '{}' >/dev/null",
            dest.display()
        ))
    });
    assert!(o.status.success(), "btrfs subvolume delete: {}", text(&o));
    (create, delete)
}
