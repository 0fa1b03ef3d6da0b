//! Tests of the 0.2 catalog migration and repair, through the catalog's
//! own entry points (a module of their own, so that the legacy code itself
//! never imports the store it serves).

use super::catalog::*;
use crate::catalog::tests::{entry, TempDir};
use crate::catalog::{exists, repair, Catalog, DIR_NAME};
use crate::error::Error;
use crate::{ntstatus, sys};

#[test]
fn a_legacy_catalog_is_migrated_once_and_kept() {
    let d = TempDir::new("migrate");
    let a = entry(&d.0, "@GMT-2025.11.25-10.00.00");
    let b = entry(&d.0, "@GMT-2025.11.25-10.00.01");
    std::fs::write(
        d.0.join(LEGACY_NAME),
        serialize_legacy(&[a.clone(), b.clone()]),
    )
    .unwrap();
    let c = Catalog::open(&d.0).unwrap();
    let mut got = c.entries().unwrap();
    got.sort_by(|x, y| x.path.cmp(&y.path));
    assert_eq!(got, vec![a.clone(), b]);
    assert!(!d.0.join(LEGACY_NAME).exists());
    assert!(d.0.join(MIGRATED_NAME).exists());
    // A second open finds nothing to migrate; the entries stay.
    assert_eq!(Catalog::open(&d.0).unwrap().entries().unwrap().len(), 2);
    assert_eq!(c.find_exposed(&a.snap_path).unwrap().unwrap().id, a.id);
}

#[test]
fn a_corrupt_legacy_catalog_refuses_until_repaired() {
    let d = TempDir::new("legacy-corrupt");
    let a = entry(&d.0, "@GMT-2025.11.25-10.00.00");
    std::fs::write(
        d.0.join(LEGACY_PREVIOUS_NAME),
        serialize_legacy(std::slice::from_ref(&a)),
    )
    .unwrap();
    std::fs::write(d.0.join(LEGACY_NAME), b"{\"format\":1,\"snap").unwrap();
    let err = Catalog::open(&d.0).err().unwrap();
    assert_eq!(err.status, ntstatus::FILE_CORRUPT_ERROR);
    let r = repair(&d.0, |_| None).unwrap();
    assert_eq!(r.entries, 1);
    assert!(d.0.join("catalog.corrupt.json").exists());
    assert_eq!(Catalog::open(&d.0).unwrap().entries().unwrap(), vec![a]);
}

#[test]
fn only_format_1_is_a_legacy_catalog() {
    let d = TempDir::new("legacy-format");
    let a = entry(&d.0, "@GMT-2025.11.25-10.00.00");
    let good = serialize_legacy(std::slice::from_ref(&a));
    assert_eq!(parse_legacy(&good).unwrap(), vec![a]);
    let err = parse_legacy(br#"{"format":2,"snapshots":[]}"#).unwrap_err();
    assert!(err.contains("unknown catalog format 2"), "{err}");
    // An entry file of catalog.d is not a catalog.json.
    assert!(parse_legacy(&crate::catalog::serialize(&entry(&d.0, "x"))).is_err());
}

#[test]
fn a_directory_with_only_a_legacy_catalog_holds_a_catalog() {
    let d = TempDir::new("legacy-exists");
    assert!(!exists(&d.0));
    std::fs::write(d.0.join(LEGACY_PREVIOUS_NAME), serialize_legacy(&[])).unwrap();
    assert!(exists(&d.0), "inventory must find a 0.2 snapshot directory");
}

#[test]
fn a_catalog_json_gone_before_the_lock_is_nothing_to_migrate() {
    // Another process migrated it between `pending` and the lock.
    let d = TempDir::new("legacy-gone");
    let dir = sys::fs::open_dir(&d.0).unwrap();
    assert!(!pending(&dir, &d.0).unwrap());
    let mut written = 0;
    migrate(&dir, &d.0, &d.0.join(DIR_NAME), |_| {
        written += 1;
        Ok(())
    })
    .unwrap();
    assert_eq!(written, 0);
    assert!(!d.0.join(MIGRATED_NAME).exists());
}

#[test]
fn a_failed_write_leaves_catalog_json_for_the_next_open() {
    let d = TempDir::new("legacy-crash");
    let a = entry(&d.0, "@GMT-2025.11.25-10.00.00");
    let b = entry(&d.0, "@GMT-2025.11.25-10.00.01");
    let bytes = serialize_legacy(&[a.clone(), b.clone()]);
    std::fs::write(d.0.join(LEGACY_NAME), &bytes).unwrap();
    let dir = sys::fs::open_dir(&d.0).unwrap();
    let mut n = 0;
    let err = migrate(&dir, &d.0, &d.0.join(DIR_NAME), |_| {
        n += 1;
        if n == 2 {
            Err(Error::new(ntstatus::DISK_FULL, "disk full"))
        } else {
            Ok(())
        }
    })
    .unwrap_err();
    assert_eq!(err.status, ntstatus::DISK_FULL);
    assert_eq!(std::fs::read(d.0.join(LEGACY_NAME)).unwrap(), bytes);
    assert!(!d.0.join(MIGRATED_NAME).exists());
    // The next open finishes the work.
    let mut got = Catalog::open(&d.0).unwrap().entries().unwrap();
    got.sort_by(|x, y| x.path.cmp(&y.path));
    assert_eq!(got, vec![a, b]);
}

#[test]
fn without_a_readable_previous_generation_repair_leaves_an_empty_catalog() {
    let d = TempDir::new("legacy-no-prev");
    std::fs::write(d.0.join(LEGACY_NAME), b"{\"format\":1,\"snap").unwrap();
    std::fs::write(d.0.join(LEGACY_PREVIOUS_NAME), b"not json").unwrap();
    let r = repair(&d.0, |_| None).unwrap();
    assert_eq!(r.entries, 0);
    assert_eq!(
        std::fs::read(d.0.join(CORRUPT_NAME)).unwrap(),
        b"{\"format\":1,\"snap"
    );
    // The previous generation is left as it was for the admin.
    assert_eq!(
        std::fs::read(d.0.join(LEGACY_PREVIOUS_NAME)).unwrap(),
        b"not json"
    );
    assert!(Catalog::open(&d.0).unwrap().entries().unwrap().is_empty());
    assert!(d.0.join(MIGRATED_NAME).exists());
    let stray: Vec<_> = std::fs::read_dir(&d.0)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}
