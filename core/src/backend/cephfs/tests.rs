use super::*;
use crate::catalog;

fn temp_dir(tag: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "rvss-cephfs-{tag}-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn legacy(id: &str, snap: &str, state: &str) -> LegacyEntry {
    LegacyEntry {
        id: id.into(),
        share: "vm".into(),
        base_volume: "/c/vm".into(),
        snap_path: format!("/c/vm/.snap/{snap}"),
        gmt: snap.into(),
        created: 1_795_649_852,
        state: state.into(),
        btime: Some("1795649852.965501568".into()),
        fsid: Some("f5a1".into()),
        node: "node0".into(),
        unreferenced_since: None,
    }
}

#[test]
fn legacy_catalog_is_migrated_once_and_corrupt_files_stay_visible() {
    let dir = temp_dir("migrate");
    let a = legacy("0f0e", "@GMT-2026.11.25-10.00.00", "exposed");
    let b = legacy("1a2b", "@GMT-2026.11.25-11.00.00", "retained");
    for e in [&a, &b] {
        std::fs::write(
            dir.join(format!("{}.json", e.id)),
            serde_json::to_vec_pretty(e).unwrap(),
        )
        .unwrap();
    }
    // Junk, and an entry filed under another id: corrupt, not dropped.
    std::fs::write(dir.join("bad.json"), b"{").unwrap();
    std::fs::write(dir.join("other.json"), serde_json::to_vec(&a).unwrap()).unwrap();
    // A crash after writing a's entry, before retiring its old file:
    // the next open finishes without writing it twice.
    let c = Catalog::open_rooted(&dir, Path::new(KEY_ROOT)).unwrap();
    let mut done = a.clone().upgrade(snap_path_check).unwrap();
    done.unreferenced_since = Some(5); // changed since by gc
    c.write(&done, Durability::Now).unwrap();
    drop(c);

    let c = open_rooted(&dir).unwrap();
    let scan = c.scan().unwrap();
    let mut got: Vec<(String, State, Option<String>)> = scan
        .entries
        .iter()
        .map(|e| (e.id.clone(), e.state, e.uuid.clone()))
        .collect();
    got.sort_by(|x, y| x.0.cmp(&y.0));
    assert_eq!(
        got,
        vec![
            ("0f0e".into(), State::Exposed, a.btime.clone()),
            ("1a2b".into(), State::Retained, b.btime.clone()),
        ]
    );
    let first = c.get(Path::new(&a.snap_path)).unwrap().unwrap();
    assert_eq!(first.unreferenced_since, Some(5), "written twice");
    assert_eq!(first.path, a.snap_path);
    assert_eq!(first.subvolume, "/c/vm");
    assert!(first.readonly);
    let mut corrupt: Vec<String> = scan
        .corrupt
        .iter()
        .map(|x| x.file.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    corrupt.sort();
    assert_eq!(corrupt, vec!["bad.json", "other.json"]);
    assert!(c.entries().is_err(), "prune and gc must refuse");
    for id in ["0f0e", "1a2b"] {
        assert!(dir.join(format!("{id}.json.migrated")).is_file());
        assert!(!dir.join(format!("{id}.json")).exists());
    }
    drop(c);
    // Idempotent: opening again changes nothing.
    let c = open_rooted(&dir).unwrap();
    let again = c.scan().unwrap();
    assert_eq!(again.entries, scan.entries);
    assert_eq!(again.corrupt.len(), 2);
    assert_eq!(migrate_legacy(&c).unwrap(), 0);
    // Repair sets the corrupt ones aside (no snapshot to rebuild from).
    let r = catalog::repair_catalog(&c, rebuild_entry).unwrap();
    assert_eq!(r.entries, 2);
    assert_eq!(r.set_aside.len(), 2, "{r:?}");
    assert!(c.entries().is_ok());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn entries_are_keyed_by_the_snapshot_path() {
    let dir = temp_dir("keys");
    let c = open_rooted(&dir).unwrap();
    let e = legacy("0f0e", "@GMT-2026.11.25-10.00.00", "exposed")
        .upgrade(snap_path_check)
        .unwrap();
    assert!(c.reserve(&e).unwrap());
    assert!(!c.reserve(&e).unwrap(), "the name is taken");
    let name = catalog::entry_name(Path::new("c/vm/.snap/@GMT-2026.11.25-10.00.00"));
    assert!(dir.join(catalog::DIR_NAME).join(&name).is_file());
    assert_eq!(
        catalog::rel_of_entry_name(&name).map(|r| Path::new(KEY_ROOT).join(r)),
        Some(PathBuf::from(&e.path))
    );
    assert_eq!(c.get(Path::new(&e.snap_path)).unwrap(), Some(e.clone()));
    // A rooted catalog finds the entry of a snapshot anywhere.
    assert!(c.get(Path::new("relative/.snap/x")).is_err());
    c.remove(&e, Durability::WithNextCommit).unwrap();
    assert_eq!(c.get(Path::new(&e.snap_path)).unwrap(), None);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn snap_paths() {
    let (s, n) = split_snap_path("/c/vm/.snap/@GMT-2026.11.25-10.00.00").unwrap();
    assert_eq!(s, Path::new("/c/vm"));
    assert_eq!(n, "@GMT-2026.11.25-10.00.00");
    for bad in [
        "/c/vm/.snap/x",
        "/c/vm/@GMT-2026.11.25-10.00.00",
        "/c/vm/.snap/../@GMT-2026.11.25-10.00.00",
        "c/vm/.snap/@GMT-2026.11.25-10.00.00",
        "/c/vm/.snap/_@GMT-2026.11.25-10.00.00_1099511627776",
    ] {
        assert!(split_snap_path(bad).is_err(), "{bad}");
    }
}
