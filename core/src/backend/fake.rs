//! A backend for tests only: a snapshot is a plain copy of the share's
//! directory, `<rvss:snapshot dir>/<@GMT name>`, recorded in a catalog in
//! that directory. Registered only in tests (`registry()`), it drives the
//! hook path and the CLI's commands without btrfs, CephFS or Samba, and
//! shows what a backend is: this file plus its line in a registry.

use super::{Backend, Backup, DoctorContext, Finding, Level, Registry, Snapshots};
use crate::catalog::{self, Catalog, Durability, Entry, Repaired, State};
use crate::error::{Context, Error, Result};
use crate::paths::text;
use crate::policy::retention;
use crate::restore::Method;
use crate::share::{Created, Deleted, Share};
use crate::{gmt, ntstatus, sys};
use std::fs::File;
use std::path::{Path, PathBuf};

/// The fake backend (`rvss:backend = fake`).
pub struct Fake;

/// A registry of the fake backend alone.
pub fn registry() -> Registry {
    static BACKENDS: &[&dyn Backend] = &[&Fake];
    Registry::of(BACKENDS)
}

/// A fresh world for a test: a temp directory holding a share `vm` (with
/// `disk.img`) and a snapshot directory, and the share served by the fake
/// backend with `rvss:retain = retain`. The caller removes the directory.
pub fn world(tag: &str, retain: u32) -> (PathBuf, Share) {
    let root = std::env::temp_dir().join(format!(
        "rvss-fake-{tag}-{}-{}",
        std::process::id(),
        uuid::Uuid::new_v4().simple()
    ));
    let (share, snaps) = (root.join("vm"), root.join("snaps"));
    let made = std::fs::create_dir_all(&share)
        .and_then(|()| std::fs::create_dir_all(&snaps))
        .and_then(|()| std::fs::write(share.join("disk.img"), b"v1"));
    assert!(made.is_ok(), "{made:?}");
    let config = crate::config::Config {
        backend: Some("fake".into()),
        snapshot_dir: Some(snaps),
        retention: crate::config::Retention {
            keep_last: retain,
            ..Default::default()
        },
        ..Default::default()
    };
    (root, Share::new("vm", share, config))
}

/// Where the share's snapshots and catalog live: `rvss:snapshot dir`.
fn store(share: &Share) -> Result<PathBuf> {
    share
        .config
        .snapshot_dir
        .clone()
        .ok_or_else(|| Error::not_supported("the fake backend needs rvss:snapshot dir"))
}

fn open_catalog(dir: &Path) -> Result<Catalog> {
    Catalog::open_rooted(dir, dir)
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir(to)?;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if e.file_type()?.is_dir() {
            copy_tree(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}

/// The snapshots of a fake catalog: directories.
pub struct FakeSnapshots;

impl Snapshots for FakeSnapshots {
    fn exists(&self, e: &Entry) -> bool {
        Path::new(&e.path).is_dir()
    }
    fn being_taken(&self, _e: &Entry) -> bool {
        false
    }
    fn keep_as_backup(&self, catalog: &Catalog, e: &mut Entry) -> Result<()> {
        e.state = State::Retained;
        e.unreferenced_since = None;
        catalog.write(e, Durability::Now)
    }
    fn destroy(&self, e: &Entry) -> Result<()> {
        match std::fs::remove_dir_all(&e.path) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => {
                Err(err).with_context(|| format!("remove {}", e.path))
            }
            _ => Ok(()),
        }
    }
    fn shown_path<'e>(&self, e: &'e Entry) -> &'e str {
        &e.path
    }
    fn lost(&self, e: &Entry) -> bool {
        !self.exists(e)
    }
}

impl Backend for Fake {
    fn name(&self) -> &'static str {
        "fake"
    }

    fn serves(&self, _dir: &File) -> bool {
        false
    }

    fn check_path(&self, share: &Share) -> Result<String> {
        store(share)?;
        let path = std::fs::canonicalize(&share.path)
            .with_context(|| format!("share path {}", share.path.display()))?;
        Ok(text(&path))
    }

    fn create(&self, share: &Share, base: &str, _tstamp: i64, writable: bool) -> Result<Created> {
        let dir = store(share)?;
        let catalog = open_catalog(&dir)?;
        let t = gmt::now();
        let label = gmt::token(t).ok_or_else(|| Error::invalid("time out of range"))?;
        for n in 0..100 {
            let name = if n == 0 {
                label.clone()
            } else {
                format!("{label}.{n}")
            };
            let path = text(&dir.join(&name));
            let e = Entry {
                id: uuid::Uuid::new_v4().to_string(),
                share: share.name.clone(),
                base_volume: base.to_string(),
                subvolume: base.to_string(),
                path: path.clone(),
                snap_path: path.clone(),
                gmt: label.clone(),
                created: t,
                readonly: !writable,
                state: State::Exposed,
                ..Default::default()
            };
            if !catalog.lock_shared().and_then(|_l| catalog.reserve(&e))? {
                continue;
            }
            copy_tree(Path::new(base), Path::new(&path))
                .with_context(|| format!("copy {base} to {path}"))?;
            return Ok(Created {
                tstamp: t,
                base_path: base.to_string(),
                snap_path: path,
            });
        }
        Err(Error::new(ntstatus::OBJECT_NAME_COLLISION, "no free name"))
    }

    fn delete(&self, share: &Share, _base_path: &str, snap_path: &str) -> Result<Deleted> {
        let catalog = open_catalog(&store(share)?)?;
        let retains = share.config.retention.enabled();
        {
            let _lock = catalog.lock()?;
            let Some(mut e) = catalog.get(Path::new(snap_path))? else {
                return Err(Error::new(
                    ntstatus::OBJECT_NAME_NOT_FOUND,
                    format!("refusing to delete {snap_path}: not in the catalog"),
                ));
            };
            if e.being_restored() {
                return Err(crate::catalog::restoring::busy(&e, "delete"));
            }
            if !retains {
                FakeSnapshots.destroy(&e)?;
                catalog.remove(&e, Durability::Now)?;
                return Ok(Deleted::Destroyed);
            }
            FakeSnapshots.keep_as_backup(&catalog, &mut e)?;
        }
        retention::prune(
            &catalog,
            &FakeSnapshots,
            &share.name,
            &share.config.retention,
            false,
        )?;
        Ok(Deleted::Retained)
    }

    fn catalogs(&self, shares: &[Share]) -> Result<Vec<Catalog>> {
        let mut dirs: Vec<PathBuf> = shares.iter().filter_map(|s| store(s).ok()).collect();
        dirs.sort();
        dirs.dedup();
        dirs.iter()
            .filter(|d| catalog::exists(d))
            .map(|d| open_catalog(d))
            .collect()
    }

    fn snapshots<'a>(&'a self, _catalog: &'a Catalog) -> Box<dyn Snapshots + 'a> {
        Box::new(FakeSnapshots)
    }

    fn prune(
        &self,
        share: &Share,
        dry_run: bool,
        left_alone: &mut dyn FnMut(Entry, Error),
    ) -> Result<Vec<Entry>> {
        let mut out = vec![];
        for c in self.catalogs(std::slice::from_ref(share))? {
            out.extend(retention::prune_each(
                &c,
                &FakeSnapshots,
                &share.name,
                &share.config.retention,
                dry_run,
                left_alone,
            )?);
        }
        Ok(out)
    }

    fn open_backup(&self, share: &Share, _catalog: &Catalog, e: &Entry) -> Result<Backup> {
        let root = sys::fs::open_dir(Path::new(&e.snap_path))
            .with_context(|| format!("open {}", e.snap_path))?;
        let share = std::fs::canonicalize(&share.path)
            .with_context(|| format!("share path {}", share.path.display()))?;
        Ok(Backup {
            root,
            share,
            method: Method::Copy,
        })
    }

    fn repair(&self, shares: &[Share]) -> Result<Vec<(PathBuf, Repaired)>> {
        let mut out = vec![];
        for c in self.catalogs(shares)? {
            out.push((
                c.dir_path().to_path_buf(),
                catalog::repair_catalog(&c, |_| None)?,
            ));
        }
        Ok(out)
    }

    fn location_problem(&self, share: &Share) -> Result<Option<String>> {
        Ok(store(share).err().map(|e| e.message))
    }

    fn doctor(&self, shares: &[Share], _ctx: &DoctorContext) -> Vec<Finding> {
        shares
            .iter()
            .map(|s| Finding::new("share", Some(&s.name), Level::Ok, "a fake share".into(), ""))
            .collect()
    }

    fn smbconf_lines(&self, _share: &Share, vfs_objects: &str) -> Result<Vec<String>> {
        Ok(vec![format!("vfs objects = {vfs_objects}")])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hooks;

    #[test]
    fn the_hook_path_runs_on_a_registered_backend() {
        let (root, share) = world("hooks", 0);
        let reg = registry();
        let bv = hooks::check_path_with(&reg, &share).unwrap();
        assert_eq!(Path::new(&bv), std::fs::canonicalize(&share.path).unwrap());
        let c = hooks::create_with(&reg, &share, &bv, 0, false).unwrap();
        assert_eq!(
            std::fs::read(Path::new(&c.snap_path).join("disk.img")).unwrap(),
            b"v1"
        );
        // The builtin registry does not know it: a clear invalid parameter.
        let e = hooks::check_path(&share).err().unwrap();
        assert_eq!(e.status, ntstatus::INVALID_PARAMETER);
        assert!(e.message.contains("not one of auto, btrfs, cephfs"), "{e}");
        assert_eq!(
            hooks::delete_with(&reg, &share, &bv, &c.snap_path).unwrap(),
            Deleted::Destroyed
        );
        assert!(!Path::new(&c.snap_path).exists());
        let e = hooks::delete_with(&reg, &share, &bv, &c.snap_path)
            .err()
            .unwrap();
        assert_eq!(e.status, ntstatus::OBJECT_NAME_NOT_FOUND);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_delete_under_retention_keeps_a_backup_and_prunes_beyond_the_policy() {
        let (root, share) = world("retain", 1);
        let reg = registry();
        let bv = hooks::check_path_with(&reg, &share).unwrap();
        let first = hooks::create_with(&reg, &share, &bv, 0, false).unwrap();
        let second = hooks::create_with(&reg, &share, &bv, 0, false).unwrap();
        assert_ne!(first.snap_path, second.snap_path);
        for c in [&first, &second] {
            assert_eq!(
                hooks::delete_with(&reg, &share, &bv, &c.snap_path).unwrap(),
                Deleted::Retained
            );
        }
        // rvss:retain = 1: one backup went with the second delete (both
        // were taken in one second: which one is the catalog's order).
        let kept = [&first, &second]
            .iter()
            .filter(|c| Path::new(&c.snap_path).exists())
            .count();
        assert_eq!(kept, 1);
        let cats = Fake.catalogs(std::slice::from_ref(&share)).unwrap();
        let entries = cats[0].entries().unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].state, State::Retained);
        assert!(Path::new(&entries[0].path).exists());
        std::fs::remove_dir_all(root).unwrap();
    }
}
