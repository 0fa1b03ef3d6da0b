//! The FSRVP round trip on CephFS vs on btrfs, through one real Samba
//! loading rvss (`fss_create_expose backup ro SHARE` + `fss_delete`): a
//! share on a ceph-fuse mount of a real single-host Ceph cluster (memstore
//! OSD) and a share on a loop btrfs, in the same World, rotated each
//! repetition. Then the CephFS create time with 1 MiB vs 256 MiB in the
//! share: a CephFS snapshot is metadata only, so it must not grow with data.
//! And (issue 23) with 128 MiB written without sync right before the set,
//! against the same share clean: whether a CephFS snapshot, like btrfs's,
//! pays inside the commit for the data not yet written back.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::ceph::Ceph;
use common::World;
use support::{Goal, Report};

/// What the [dirty] share gets written right before each of its sets, MiB.
const DIRTY_MIB: u64 = 128;

fn main() {
    if !support::is_bench_run() {
        return;
    }
    let reps = support::reps(60, 5);
    let mut w = World::new("bench-cephfs");
    let fs = w.add_btrfs("fs", 2048);
    support::subvolume(&w, &fs.join("bt"));
    support::write_data(&w, &fs.join("bt/disk.vhdx"), 16);
    let mut ceph = Ceph::start(&w);
    let mnt = w.dir.join("cephfs");
    std::fs::create_dir_all(&mnt).unwrap();
    ceph.mount(&w, &mnt, "bench");
    for (d, mib) in [("cf", 16), ("small", 1), ("big", 256), ("dirty", 1)] {
        w.must(&format!("mkdir '{}'", mnt.join(d).display()));
        support::write_data(&w, &mnt.join(d).join("disk.vhdx"), mib);
    }
    w.add_share("bt", &fs.join("bt"), support::RVSS_OPTIONS);
    for s in ["cf", "small", "big", "dirty"] {
        w.add_share(s, &mnt.join(s), support::RVSS_OPTIONS);
    }
    w.start_samba();

    let mut r = Report::new(
        "cephfs",
        "FSRVP round trip on CephFS (ceph-fuse) vs btrfs, and CephFS create time vs data size",
    );
    let warmup = 2;
    let shares = ["cf", "bt", "small", "big", "dirty"];
    for i in 0..reps + warmup {
        for k in support::rotation(i, shares.len()) {
            let share = shares[k];
            if share == "dirty" {
                // Rewritten in place: the memstore OSD must not fill up
                // with a new file's objects each repetition.
                w.must(&format!(
                    "dd if=/dev/zero of='{}' bs=1M count={DIRTY_MIB} conv=notrunc status=none",
                    mnt.join("dirty/dirty.vhdx").display()
                ));
            }
            let (create, delete) = support::fsrvp_cycle(&w, share);
            if i >= warmup {
                for (what, v) in [
                    ("create", create),
                    ("delete", delete),
                    ("cycle", create + delete),
                ] {
                    r.samples
                        .entry(format!("{share} {what}"))
                        .or_default()
                        .push(v);
                }
            }
        }
    }
    r.compare(
        "create + expose: CephFS vs btrfs",
        "cf create",
        "bt create",
        Goal::None,
    );
    r.compare(
        "delete: CephFS vs btrfs",
        "cf delete",
        "bt delete",
        Goal::None,
    );
    r.compare(
        "round trip: CephFS vs btrfs",
        "cf cycle",
        "bt cycle",
        Goal::None,
    );
    r.compare(
        "CephFS create + expose: 256 MiB vs 1 MiB share",
        "big create",
        "small create",
        Goal::Median(1.5),
    );
    r.compare(
        &format!("CephFS create + expose: {DIRTY_MIB} MiB written just before vs clean"),
        "dirty create",
        "small create",
        Goal::None,
    );
    r.command(format!(
        "{reps} repetitions (after {warmup} warm-up), shares rotated each repetition: rpcclient \
         -U root%... ncacn_np:127.0.0.1 -c 'fss_create_expose backup ro SHARE', then rpcclient \
         ... -c 'fss_delete SHARE SET_ID SHADOW_COPY_ID'"
    ));
    r.command(format!(
        "dirty: before each set of [dirty], not timed: dd if=/dev/zero of=dirty/dirty.vhdx \
         bs=1M count={DIRTY_MIB} conv=notrunc (no sync)"
    ));
    r.note(
        "One Samba with rvss on five shares: [bt] a btrfs subvolume (2 GiB loop image) holding \
         16 MiB; [cf], [small], [big] CephFS directories holding 16 MiB, 1 MiB and 256 MiB, and \
         [dirty] a CephFS directory rewritten without sync right before each of its sets, on a \
         ceph-fuse mount of a single-host Ceph 16 cluster (scripts/cephfs-cluster.sh: one mon, \
         mgr, memstore OSD, MDS on 127.0.0.1). The CephFS snapshot is `mkdir <share>/.snap/<@GMT>`. \
         ceph-fuse keeps written data in its own object cache (`client oc size` = 64 MiB here), \
         not in the kernel's page cache: at most that much is dirty when the set starts.",
    );
    r.write();
    drop(ceph);
}
