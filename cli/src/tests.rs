//! The commands' code on the fake backend (`rvss_core::backend::fake`):
//! no Samba, no btrfs, no CephFS. What these prove holds for every backend
//! behind the trait.

use rvss_core::backend::fake::{registry, world, Fake};
use rvss_core::backend::Backend as _;
use rvss_core::catalog::{Durability, State};
use rvss_core::hooks;
use rvss_core::policy::gc::Kind;
use rvss_core::policy::status::Status;
use rvss_core::share::Share;
use std::collections::BTreeSet;
use std::path::Path;

/// `n` snapshots of `share` through the hook path; their exposed paths.
fn snapshots(share: &Share, n: usize) -> Vec<String> {
    let reg = registry();
    let bv = hooks::check_path_with(&reg, share).unwrap();
    (0..n)
        .map(|_| {
            hooks::create_with(&reg, share, &bv, 0, false)
                .unwrap()
                .snap_path
        })
        .collect()
}

#[test]
fn list_reports_exposed_orphaned_and_lost_snapshots() {
    let (root, share) = world("list", 0);
    let made = snapshots(&share, 3);
    std::fs::remove_dir_all(&made[2]).unwrap();
    let referenced: BTreeSet<String> = [made[0].clone()].into();
    let shares = [share];
    let (rows, corrupt) = crate::list::rows(&registry(), &shares, &referenced).unwrap();
    assert_eq!(corrupt, 0);
    let state = |p: &str| rows.iter().find(|r| r.path == p).unwrap().state;
    assert_eq!(rows.len(), 3);
    assert_eq!(state(&made[0]), Status::Exposed);
    assert_eq!(state(&made[1]), Status::Orphan);
    assert_eq!(state(&made[2]), Status::Lost);
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn prune_deletes_retained_backups_beyond_the_policy_on_any_backend() {
    let (root, share) = world("prune", 1);
    let made = snapshots(&share, 3);
    let shares = [share];
    let cats = Fake.catalogs(&shares).unwrap();
    for mut e in cats[0].entries().unwrap() {
        e.state = State::Retained;
        cats[0].write(&e, Durability::Now).unwrap();
    }
    let mut stuck = 0;
    let dry = crate::prune::prune(&registry(), &shares, true, &mut |_, _| stuck += 1).unwrap();
    assert_eq!(dry.len(), 2);
    assert!(
        made.iter().all(|p| Path::new(p).exists()),
        "a dry run deletes nothing"
    );
    let done = crate::prune::prune(&registry(), &shares, false, &mut |_, _| stuck += 1).unwrap();
    assert_eq!(done.len(), 2);
    assert_eq!(stuck, 0);
    assert_eq!(made.iter().filter(|p| Path::new(p).exists()).count(), 1);
    assert_eq!(cats[0].entries().unwrap().len(), 1);
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn gc_removes_an_orphan_once_its_grace_is_over_and_keeps_what_is_exposed() {
    let (root, share) = world("gc", 0);
    let made = snapshots(&share, 2);
    let referenced: BTreeSet<String> = [made[0].clone()].into();
    let shares = [share];
    let mut kinds = vec![];
    // The first run marks the orphan, a later one past the grace takes it.
    for _ in 0..2 {
        let retains = |_: &str| false;
        crate::gc::collect(
            &registry(),
            &shares,
            &referenced,
            &retains,
            0,
            false,
            &mut |c| {
                assert!(c.error.is_none(), "{:?}", c.error);
                kinds.push((c.path, c.kind));
            },
        )
        .unwrap();
    }
    assert_eq!(kinds, vec![(made[1].clone(), Kind::Orphan)]);
    assert!(Path::new(&made[0]).exists());
    assert!(!Path::new(&made[1]).exists());
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn restore_brings_a_file_back_from_a_backup_and_marks_it_meanwhile() {
    let (root, share) = world("restore", 0);
    let made = snapshots(&share, 1);
    let live = share.path.join("disk.img");
    std::fs::remove_file(&live).unwrap();
    let gmt = Path::new(&made[0])
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    let (source, report) =
        crate::restore::restore(&registry(), &share, &gmt, "disk.img", false).unwrap();
    assert_eq!(std::fs::read(&live).unwrap(), b"v1");
    assert_eq!(report.files, 1);
    // While the source lives, its entry is marked: a delete is refused.
    let e = hooks::delete_with(&registry(), &share, "", &made[0])
        .err()
        .unwrap();
    assert_eq!(e.status, rvss_core::ntstatus::SHARING_VIOLATION);
    drop(source);
    // An existing file is a conflict without --force (exit 1).
    let f = crate::restore::restore(&registry(), &share, &gmt, "disk.img", false)
        .err()
        .unwrap();
    assert_eq!(f.code, crate::EXIT_NEGATIVE);
    let f = crate::restore::restore(&registry(), &share, "@GMT-none", "disk.img", false)
        .err()
        .unwrap();
    assert!(f.message.contains("has no backup"), "{}", f.message);
    std::fs::remove_dir_all(root).unwrap();
}

#[test]
fn prune_keeps_the_replication_chain_parent_on_any_backend() {
    let (root, share) = world("prune-chain", 1);
    let made = snapshots(&share, 3);
    let shares = [share];
    let cats = Fake.catalogs(&shares).unwrap();
    let entries = cats[0].entries().unwrap();
    let middle = entries[1].path.clone();
    // Taken in one second: distinct times make the order plain.
    for (i, mut e) in entries.into_iter().enumerate() {
        e.state = State::Retained;
        e.created = rvss_core::gmt::now() - 3_000 + 1_000 * i as i64;
        e.gmt = rvss_core::gmt::token(e.created).unwrap();
        if e.path == middle {
            e.replica = Some(rvss_core::catalog::Replica {
                target: "/t".into(),
                path: "/t/vm/x".into(),
                verified: 1,
            });
        }
        cats[0].write(&e, Durability::Now).unwrap();
    }
    let done = crate::prune::prune(&registry(), &shares, false, &mut |_, _| {}).unwrap();
    // The newest stays by rvss:retain = 1, the replicated one as the parent
    // of the next incremental send.
    assert_eq!(done.len(), 1, "{done:?}");
    assert!(Path::new(&middle).exists());
    assert_eq!(made.iter().filter(|p| Path::new(p).exists()).count(), 2);
    std::fs::remove_dir_all(root).unwrap();
}
