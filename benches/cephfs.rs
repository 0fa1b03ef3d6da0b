//! The FSRVP round trip on CephFS vs on btrfs, through one real Samba
//! loading rvss (`fss_create_expose backup ro SHARE` + `fss_delete`): a
//! share on a ceph-fuse mount of a real single-host Ceph cluster (memstore
//! OSD) and a share on a loop btrfs, in the same World, rotated each
//! repetition. Then the CephFS create time with 1 MiB vs 256 MiB in the
//! share: a CephFS snapshot is metadata only, so it must not grow with data.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::ceph::Ceph;
use common::World;
use support::{Goal, Report};

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
    for (d, mib) in [("cf", 16), ("small", 1), ("big", 256)] {
        w.must(&format!("mkdir '{}'", mnt.join(d).display()));
        support::write_data(&w, &mnt.join(d).join("disk.vhdx"), mib);
    }
    w.add_share("bt", &fs.join("bt"), support::RVSS_OPTIONS);
    for s in ["cf", "small", "big"] {
        w.add_share(s, &mnt.join(s), support::RVSS_OPTIONS);
    }
    w.start_samba();

    let mut r = Report::new(
        "cephfs",
        "FSRVP round trip on CephFS (ceph-fuse) vs btrfs, and CephFS create time vs data size",
    );
    let warmup = 2;
    let shares = ["cf", "bt", "small", "big"];
    for i in 0..reps + warmup {
        for k in support::rotation(i, shares.len()) {
            let share = shares[k];
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
    r.command(format!(
        "{reps} repetitions (after {warmup} warm-up), shares rotated each repetition: rpcclient \
         -U root%... ncacn_np:127.0.0.1 -c 'fss_create_expose backup ro SHARE', then rpcclient \
         ... -c 'fss_delete SHARE SET_ID SHADOW_COPY_ID'"
    ));
    r.note(
        "One Samba with rvss on four shares: [bt] a btrfs subvolume (2 GiB loop image) holding \
         16 MiB; [cf], [small], [big] CephFS directories holding 16 MiB, 1 MiB and 256 MiB, on a \
         ceph-fuse mount of a single-host Ceph 16 cluster (scripts/cephfs-cluster.sh: one mon, \
         mgr, memstore OSD, MDS on 127.0.0.1). The CephFS snapshot is `mkdir <share>/.snap/<@GMT>`.",
    );
    r.write();
    drop(ceph);
}
