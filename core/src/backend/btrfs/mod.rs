//! The btrfs backend: a shadow copy is a subvolume snapshot of the
//! subvolume holding the share, kept outside the share in its snapshot
//! directory (`layout`), made and destroyed safely (`snapshot`, `nested`);
//! the catalog lives in the snapshot directory, and snapshot directories
//! used before stay known (`known_dirs`).

mod doctor;
pub mod hooks;
pub mod known_dirs;
pub mod layout;
pub mod nested;
mod replica;
pub mod snapshot;

pub use hooks::BtrfsSnapshots;

use super::{Backend, Backup, DoctorContext, Finding, Snapshots};
use crate::catalog::{self, Catalog, Entry, Repaired};
use crate::error::{Context, Error, Result};
use crate::mounts;
use crate::restore::Method;
use crate::share::{Created, Deleted, Share};
use crate::sys;
use std::collections::BTreeSet;
use std::fs::File;
use std::path::{Path, PathBuf};

/// The btrfs backend (`rvss:backend = btrfs`).
pub struct Btrfs;

fn current_mounts() -> Result<Vec<mounts::Mount>> {
    mounts::current().context("read /proc/self/mountinfo")
}

/// The snapshot directories that may hold the snapshots of `shares` and
/// have a catalog: theirs first, then those of a previous `rvss:snapshot
/// dir`.
fn snapshot_dirs(shares: &[Share]) -> Result<Vec<PathBuf>> {
    let mounts = current_mounts()?;
    let mut dirs = vec![];
    for s in shares {
        if let Ok(dir) = layout::snapshot_dir_of(&s.config, &s.path, &mounts) {
            if !dirs.contains(&dir) {
                dirs.push(dir);
            }
        }
    }
    let mut seen: BTreeSet<PathBuf> = dirs.iter().cloned().collect();
    for d in known_dirs::load() {
        if seen.insert(d.clone()) {
            dirs.push(d);
        }
    }
    Ok(dirs.into_iter().filter(|d| catalog::exists(d)).collect())
}

impl Backend for Btrfs {
    fn name(&self) -> &'static str {
        "btrfs"
    }

    // btrfs answers statfs with its own magic (cheaper than asking for a
    // ceph xattr, and this runs in every hook).
    fn serves(&self, dir: &File) -> bool {
        sys::fs::is_btrfs(dir).unwrap_or(false)
    }

    fn check_path(&self, share: &Share) -> Result<String> {
        hooks::check_path(share)
    }

    fn create(
        &self,
        share: &Share,
        base_volume: &str,
        tstamp: i64,
        writable: bool,
    ) -> Result<Created> {
        hooks::create(share, base_volume, tstamp, writable)
    }

    fn delete(&self, share: &Share, base_path: &str, snap_path: &str) -> Result<Deleted> {
        hooks::delete(share, base_path, snap_path)
    }

    /// Every snapshot directory is one catalog (opening it migrates what
    /// rvss 0.2 left there).
    fn catalogs(&self, shares: &[Share]) -> Result<Vec<Catalog>> {
        snapshot_dirs(shares)?
            .iter()
            .map(|d| Catalog::open(d))
            .collect()
    }

    fn snapshots<'a>(&'a self, catalog: &'a Catalog) -> Box<dyn Snapshots + 'a> {
        Box::new(BtrfsSnapshots {
            snapshot_dir: catalog.dir_path(),
        })
    }

    fn prune(
        &self,
        share: &Share,
        dry_run: bool,
        left_alone: &mut dyn FnMut(Entry, Error),
    ) -> Result<Vec<Entry>> {
        if !share.config.retention.enabled() {
            return Ok(vec![]);
        }
        layout::resolve(&share.path, &share.config, &current_mounts()?)
            .with_context(|| format!("share {}", share.name))?;
        let mut pruned = vec![];
        for catalog in self.catalogs(std::slice::from_ref(share))? {
            pruned.extend(hooks::prune(
                &catalog,
                &share.name,
                &share.config.retention,
                dry_run,
                left_alone,
            )?);
        }
        Ok(pruned)
    }

    /// The snapshot is a subvolume in the catalog's snapshot directory; its
    /// btrfs UUID is checked; the share's directory inside it is opened
    /// without following links.
    fn open_backup(&self, share: &Share, catalog: &Catalog, entry: &Entry) -> Result<Backup> {
        let layout = layout::resolve(&share.path, &share.config, &current_mounts()?)
            .with_context(|| format!("share {}", share.name))?;
        let snap = snapshot::Snapshot::open_entry(catalog.dir_path(), entry)?
            .ok_or_else(|| vanished(entry))?;
        let inside = Path::new(&entry.snap_path)
            .strip_prefix(&entry.path)
            .map_err(|_| Error::invalid(format!("catalog entry {} is inconsistent", entry.id)))?;
        let root = sys::fs::open_beneath(snap.root(), inside)
            .with_context(|| format!("open {}", entry.snap_path))?;
        Ok(Backup {
            root,
            share: layout.share,
            method: Method::Reflink,
        })
    }

    fn replicate(
        &self,
        share: &Share,
        events: &mut dyn crate::replicate::Events,
    ) -> Result<crate::replicate::Report> {
        if share.config.replicate_to.is_none() {
            return Ok(crate::replicate::Report::default());
        }
        let dir = layout::snapshot_dir_of(&share.config, &share.path, &current_mounts()?)
            .with_context(|| format!("share {}", share.name))?;
        let missing =
            matches!(dir.symlink_metadata(), Err(e) if e.kind() == std::io::ErrorKind::NotFound);
        if missing && share.config.snapshot_dir.is_none() {
            // rvss makes its default directory at the first shadow copy:
            // none yet, nothing to send. (One configured must exist.)
            return Ok(crate::replicate::Report::default());
        }
        let catalog = Catalog::open(&dir)?;
        // Sent only while it is still the snapshot rvss made; its UUID is
        // what the copy's received UUID must be.
        let uuid_of = |e: &Entry| -> Result<Option<[u8; 16]>> {
            match snapshot::Snapshot::open_entry(&dir, e)? {
                None => Ok(None),
                Some(s) => Ok(Some(
                    sys::btrfs::subvol_info(s.root())
                        .with_context(|| format!("subvolume info of {}", e.path))?
                        .uuid,
                )),
            }
        };
        let mut dest = replica::destination(share)?;
        crate::replicate::run::replicate(
            &catalog,
            &share.name,
            dest.as_mut(),
            &uuid_of,
            share.config.replicate.retain,
            events,
        )
    }

    fn replicas(&self, share: &Share) -> Result<(String, Vec<crate::replicate::store::Copy>)> {
        let mut dest = replica::destination(share)?;
        Ok((dest.dir(), dest.inventory()?))
    }

    fn open_replica(&self, share: &Share, name: &str) -> Result<super::ReplicaBackup> {
        let layout = layout::resolve(&share.path, &share.config, &current_mounts()?)
            .with_context(|| format!("share {}", share.name))?;
        replica::open(share, &layout, name)
    }

    /// Corrupt entries rebuilt from their snapshot, then entries without an
    /// identity given their snapshot's UUID.
    fn repair(&self, shares: &[Share]) -> Result<Vec<(PathBuf, Repaired)>> {
        let mut out = vec![];
        for dir in snapshot_dirs(shares)? {
            let mut done = catalog::repair(&dir, |p| snapshot::rebuild_entry(&dir, p))?;
            done.identified = snapshot::identify_entries(&Catalog::open(&dir)?)?;
            out.push((dir, done));
        }
        Ok(out)
    }

    fn location_problem(&self, share: &Share) -> Result<Option<String>> {
        match layout::resolve(&share.path, &share.config, &current_mounts()?) {
            Ok(_) => Ok(None),
            Err(e) if e.status == crate::ntstatus::NOT_SUPPORTED => Ok(Some(e.message)),
            Err(e) => Err(e),
        }
    }

    fn doctor(&self, shares: &[Share], ctx: &DoctorContext) -> Vec<Finding> {
        doctor::check(shares, ctx)
    }

    fn smbconf_lines(&self, share: &Share, vfs_objects: &str) -> Result<Vec<String>> {
        let layout = layout::resolve(&share.path, &share.config, &current_mounts()?)
            .with_context(|| format!("share {}", share.name))?;
        Ok(smbconf_lines(&layout, vfs_objects))
    }

    /// From the filesystem's qgroups, where btrfs quotas are enabled.
    fn exclusive_bytes(&self, catalog: &Catalog, entries: &[Entry]) -> Vec<Option<u64>> {
        let qgroups = sys::fs::open_dir(catalog.dir_path())
            .ok()
            .and_then(|f| sys::btrfs::exclusive_bytes(&f).ok().flatten());
        entries
            .iter()
            .map(|e| {
                let q = qgroups.as_ref()?;
                let f = sys::fs::open_dir(Path::new(&e.path)).ok()?;
                q.get(&sys::btrfs::subvol_info(&f).ok()?.id).copied()
            })
            .collect()
    }
}

fn vanished(entry: &Entry) -> Error {
    Error::new(
        crate::ntstatus::OBJECT_PATH_NOT_FOUND,
        format!("backup {} vanished ({})", entry.gmt, entry.path),
    )
}

/// The lines that show a btrfs share's backups through vfs_shadow_copy2,
/// given the share's current `vfs objects`.
pub fn smbconf_lines(layout: &layout::Layout, vfs_objects: &str) -> Vec<String> {
    // shadow_copy2 goes first: it must see the @GMT paths before the rest.
    let mut modules: Vec<&str> = vfs_objects
        .split([' ', ','])
        .filter(|m| !m.is_empty() && *m != "shadow_copy2")
        .collect();
    if !modules.contains(&"rvss") {
        modules.push("rvss");
    }
    let mut out = vec![
        format!("vfs objects = shadow_copy2 {}", modules.join(" ")),
        format!("shadow:snapdir = {}", layout.snapshots().display()),
    ];
    if !layout.rel.as_os_str().is_empty() {
        out.push(format!("shadow:snapsharepath = {}", layout.rel.display()));
    }
    out.push("shadow:format = @GMT-%Y.%m.%d-%H.%M.%S".into());
    out.push("shadow:localtime = no".into());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use layout::Layout;

    #[test]
    fn smbconf_of_a_subdirectory_share() {
        let l = Layout {
            share: "/p/vol1/d/vm".into(),
            subvolume: "/p/vol1".into(),
            rel: "d/vm".into(),
            snapshot_dir: "/p/.rvss".into(),
            key: "vol1".into(),
            default_snapshot_dir: true,
        };
        assert_eq!(
            smbconf_lines(&l, "catia rvss"),
            vec![
                "vfs objects = shadow_copy2 catia rvss",
                "shadow:snapdir = /p/.rvss/vol1",
                "shadow:snapsharepath = d/vm",
                "shadow:format = @GMT-%Y.%m.%d-%H.%M.%S",
                "shadow:localtime = no",
            ]
        );
        let root = Layout {
            rel: "".into(),
            ..l
        };
        assert!(!smbconf_lines(&root, "shadow_copy2 rvss")
            .iter()
            .any(|x| x.contains("snapsharepath")));
        assert_eq!(
            smbconf_lines(&root, "shadow_copy2 rvss")[0],
            "vfs objects = shadow_copy2 rvss"
        );
    }
}
