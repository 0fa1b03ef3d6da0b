//! Where a share lives on btrfs and where its snapshots go.
//!
//! A share may be any directory inside a btrfs subvolume. rvss snapshots the
//! containing subvolume into `<snapshot dir>/<key>/@GMT-...`, where `<key>` is
//! the subvolume's path inside the filesystem, and exposes the share's own
//! directory inside that snapshot. The snapshot directory must lie outside the
//! share so that no client of the share ever sees a snapshot.

use crate::config::{Config, DEFAULT_SNAPSHOT_DIR_NAME};
use crate::error::{Context, Error, Result};
use crate::mounts::{self, Mount};
use crate::ntstatus;
use crate::paths::join_rel;
use crate::sys;
use std::os::unix::fs::MetadataExt;
use std::path::{Component, Path, PathBuf};

/// The key of a filesystem's top-level subvolume (its internal path is "/").
pub const TOP_LEVEL_KEY: &str = "@top-level";
/// Subfolder of a subvolume's snapshot folder for writable shadow copies.
pub const WRITABLE_DIR: &str = ".writable";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The share's directory, canonical.
    pub share: PathBuf,
    /// Root of the subvolume holding the share.
    pub subvolume: PathBuf,
    /// The share's directory relative to `subvolume` (empty at its root).
    pub rel: PathBuf,
    /// Where this filesystem's snapshots go.
    pub snapshot_dir: PathBuf,
    /// Subdirectory of `snapshot_dir` for this subvolume's snapshots.
    pub key: PathBuf,
    /// Whether `snapshot_dir` is rvss's default (created on demand).
    pub default_snapshot_dir: bool,
}

impl Layout {
    /// Directory holding this subvolume's snapshots.
    pub fn snapshots(&self) -> PathBuf {
        self.snapshot_dir.join(&self.key)
    }

    /// Where a snapshot named `gmt` lives. Writable (auto-recovery) copies
    /// live apart, in `.writable`: vfs_shadow_copy2 treats any path inside
    /// its snapshot folder as a read-only previous version, which would make
    /// the exposed recovery share unwritable.
    pub fn snapshot_path(&self, gmt: &str, writable: bool) -> PathBuf {
        if writable {
            self.snapshots().join(WRITABLE_DIR).join(gmt)
        } else {
            self.snapshots().join(gmt)
        }
    }

    /// The exposed path of the share inside that snapshot.
    pub fn snap_path(&self, gmt: &str, writable: bool) -> PathBuf {
        join_rel(&self.snapshot_path(gmt, writable), &self.rel)
    }
}

/// Names a subvolume's path may not contain, since its snapshot folder would
/// then overlap another's: the top level's key, the writable folder, and
/// @GMT tokens (snapshot names).
pub fn is_reserved_name(c: &std::ffi::OsStr) -> bool {
    let s = c.to_string_lossy();
    s == TOP_LEVEL_KEY || s == WRITABLE_DIR || crate::gmt::parse(&s).is_some()
}

/// The key for a subvolume: its path inside the filesystem.
pub fn key_for(mount: &Mount, subvolume: &Path) -> Option<PathBuf> {
    let rel = internal_path(mount, subvolume)?;
    Some(if rel.as_os_str().is_empty() {
        PathBuf::from(TOP_LEVEL_KEY)
    } else {
        rel
    })
}

/// A subvolume's path inside its filesystem, without the leading '/'.
fn internal_path(mount: &Mount, subvolume: &Path) -> Option<PathBuf> {
    let below_mount = subvolume.strip_prefix(&mount.mount_point).ok()?;
    Some(
        mount
            .root
            .join(below_mount)
            .components()
            .filter(|c| matches!(c, Component::Normal(_)))
            .collect(),
    )
}

/// The snapshot directory of a share on `mount`: `rvss:snapshot dir`, or
/// `<btrfs mount>/.rvss` (then true: rvss may create it).
fn snapshot_dir_on(cfg: &Config, mount: &Mount) -> (PathBuf, bool) {
    match &cfg.snapshot_dir {
        Some(d) => (d.clone(), false),
        None => (mount.mount_point.join(DEFAULT_SNAPSHOT_DIR_NAME), true),
    }
}

/// The snapshot directory a share uses, without needing the share path to
/// still exist (a shadow copy must stay deletable after its share vanished;
/// the CLI finds catalogs of shares whose path is gone).
pub fn snapshot_dir_of(cfg: &Config, share_path: &Path, mounts: &[Mount]) -> Result<PathBuf> {
    if let Some(d) = &cfg.snapshot_dir {
        return Ok(d.clone());
    }
    // The mount by its id: one call, no path resolved.
    let by_id = sys::fs::mount_id(share_path)
        .ok()
        .flatten()
        .and_then(|id| mounts::with_id(mounts, id));
    if let Some(m) = by_id.filter(|m| m.fs_type == "btrfs") {
        return Ok(snapshot_dir_on(cfg, m).0);
    }
    let path =
        sys::fs::open_dir_real(share_path).map_or_else(|_| share_path.to_path_buf(), |(_, p)| p);
    btrfs_mount_of(mounts, &path).map(|m| snapshot_dir_on(cfg, m).0)
}

/// The btrfs mount holding `path`, or NOT_SUPPORTED.
fn btrfs_mount_of<'a>(mounts: &'a [Mount], path: &Path) -> Result<&'a Mount> {
    mounts::containing(mounts, path)
        .filter(|m| m.fs_type == "btrfs")
        .ok_or_else(|| Error::not_supported(format!("no btrfs mount holds {}", path.display())))
}

/// Resolves a share path. Fails with NOT_SUPPORTED (and the reason) for
/// anything rvss cannot snapshot completely and invisibly.
pub fn resolve(share_path: &Path, cfg: &Config, mounts: &[Mount]) -> Result<Layout> {
    resolve_open(share_path, cfg, mounts).map(|(layout, _)| layout)
}

/// `resolve`, and the share's directory it opened to do so.
pub fn resolve_open(
    share_path: &Path,
    cfg: &Config,
    mounts: &[Mount],
) -> Result<(Layout, std::fs::File)> {
    // Samba follows a symlinked share path when it serves the share, so rvss
    // snapshots what the share really shows: the link's target.
    let (dir, share) = sys::fs::open_dir_real(share_path).map_err(|e| {
        let what = if e.raw_os_error() == Some(libc::ENOTDIR) {
            "is not a directory"
        } else {
            "cannot be resolved"
        };
        let message = format!("share path {} {what}", share_path.display());
        Error::with_cause(message, e).with_status(ntstatus::NOT_SUPPORTED)
    })?;
    if share.to_str().is_none() {
        return Err(Error::not_supported(format!(
            "share path {} is not valid UTF-8; rvss's catalog records paths as text",
            share.display()
        )));
    }
    let on_btrfs =
        sys::fs::is_btrfs(&dir).with_context(|| format!("statfs {}", share.display()))?;
    if !on_btrfs {
        let t = sys::fs::fs_type(&dir).unwrap_or(0);
        return Err(Error::not_supported(format!(
            "share path {} is not on btrfs (filesystem type {t:#x})",
            share.display()
        )));
    }
    let mount = btrfs_mount_of(mounts, &share)?;
    let subvolume = subvolume_root(&share, &mount.mount_point)?;
    let rel = share
        .strip_prefix(&subvolume)
        .unwrap_or(Path::new(""))
        .to_path_buf();
    let key = key_for(mount, &subvolume).ok_or_else(|| {
        Error::not_supported(format!("{} lies outside its mount", subvolume.display()))
    })?;
    let internal = internal_path(mount, &subvolume).unwrap_or_default();
    if let Some(bad) = internal.iter().find(|c| is_reserved_name(c)) {
        return Err(Error::not_supported(format!(
            "subvolume {} has a path component ({}) that rvss's snapshot folders reserve; rename it",
            subvolume.display(),
            bad.to_string_lossy()
        )));
    }
    let (snapshot_dir, default_snapshot_dir) = snapshot_dir_on(cfg, mount);
    if snapshot_dir.to_str().is_none() {
        return Err(Error::not_supported(format!(
            "snapshot directory {} is not valid UTF-8; rvss's catalog records paths as text",
            snapshot_dir.display()
        )));
    }
    if snapshot_dir.starts_with(&share) {
        return Err(Error::not_supported(format!(
            "snapshot directory {} lies inside share path {}, where clients would see snapshots; \
             set rvss:snapshot dir to a directory of the same btrfs filesystem outside the share",
            snapshot_dir.display(),
            share.display()
        )));
    }
    if share.starts_with(&snapshot_dir) {
        return Err(Error::not_supported(format!(
            "share path {} lies inside the snapshot directory {}",
            share.display(),
            snapshot_dir.display()
        )));
    }
    if !default_snapshot_dir && !snapshot_dir.is_dir() {
        return Err(Error::not_supported(format!(
            "snapshot directory {} (rvss:snapshot dir) does not exist",
            snapshot_dir.display()
        )));
    }
    let layout = Layout {
        share,
        subvolume,
        rel,
        snapshot_dir,
        key,
        default_snapshot_dir,
    };
    Ok((layout, dir))
}

/// Mode of the snapshot directory rvss creates, and the one `rvss doctor`
/// expects: traversable (exposed shadow copy shares live below it) but not
/// listable.
pub const SNAPSHOT_DIR_MODE: u32 = 0o711;

/// The share path (among every configured share's, resolved) that holds
/// `dir`, whose clients would then see snapshots. The hooks check the share
/// they serve (`snapshot_dir_problem`); `rvss doctor` checks every share.
pub fn share_holding<'a>(dir: &Path, share_paths: &'a [PathBuf]) -> Option<&'a PathBuf> {
    share_paths.iter().find(|p| dir.starts_with(p))
}

/// What is wrong with a snapshot directory, so that `rvss doctor` can pick
/// its advice; the message is the same one the hooks log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DirProblem {
    Unusable,
    NotDirectory,
    InsideShare,
    OtherFilesystem,
    Unsafe,
    /// A catalog file (catalog.json, its previous generation, its lock)
    /// that is not a regular file: a FIFO there would hang a hook.
    CatalogNotAFile,
}

/// The rules a snapshot directory must meet, enforced by the hooks at
/// IsPathSupported/AddToShadowCopySet and again at commit, and reported by
/// `rvss doctor` (one source of truth): a real directory (not a link),
/// outside the share (compared on resolved paths), on the btrfs filesystem
/// of the share's subvolume, owned by root and not writable by group or
/// others. rvss's default directory may not exist yet: rvss creates it.
pub fn check_snapshot_dir(layout: &Layout, mounts: &[Mount]) -> Result<()> {
    match snapshot_dir_problem(layout, mounts) {
        None => Ok(()),
        Some((_, why)) => Err(Error::not_supported(why)),
    }
}

/// As `check_snapshot_dir`, with the kind of problem.
pub fn snapshot_dir_problem(layout: &Layout, mounts: &[Mount]) -> Option<(DirProblem, String)> {
    snapshot_dir_problem_but_catalog(layout, mounts)
        .or_else(|| catalog_files_problem(&layout.snapshot_dir))
}

fn snapshot_dir_problem_but_catalog(
    layout: &Layout,
    mounts: &[Mount],
) -> Option<(DirProblem, String)> {
    let dir = &layout.snapshot_dir;
    let md = match std::fs::symlink_metadata(dir) {
        Ok(md) => md,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && layout.default_snapshot_dir => {
            return None
        }
        Err(e) => {
            return Some((
                DirProblem::Unusable,
                format!(
                    "snapshot directory {} (rvss:snapshot dir) cannot be used: {e}",
                    dir.display()
                ),
            ))
        }
    };
    if !md.is_dir() {
        return Some((
            DirProblem::NotDirectory,
            format!(
                "snapshot directory {} is not a directory{}",
                dir.display(),
                if md.file_type().is_symlink() {
                    " (a symbolic link, which rvss does not follow)"
                } else {
                    ""
                }
            ),
        ));
    }
    // rvss's default directory is `.rvss` (not a link, checked above) right
    // below a mount point as the kernel reports it, already canonical: no
    // need to resolve it on every hook.
    let real = match layout
        .default_snapshot_dir
        .then(|| dir.clone())
        .map_or_else(|| std::fs::canonicalize(dir), Ok)
    {
        Ok(r) => r,
        Err(e) => {
            return Some((
                DirProblem::Unusable,
                format!(
                    "snapshot directory {} cannot be resolved: {e}",
                    dir.display()
                ),
            ))
        }
    };
    if real.starts_with(&layout.share) || layout.share.starts_with(&real) {
        return Some((
            DirProblem::InsideShare,
            format!(
                "snapshot directory {} (resolved: {}) and share path {} overlap: the share's \
                 clients would see snapshots",
                dir.display(),
                real.display(),
                layout.share.display()
            ),
        ));
    }
    let same_fs = match (
        mounts::containing(mounts, &real),
        mounts::containing(mounts, &layout.subvolume),
    ) {
        (Some(a), Some(b)) => a.fs_type == "btrfs" && b.fs_type == "btrfs" && a.source == b.source,
        _ => false,
    };
    if !same_fs {
        return Some((
            DirProblem::OtherFilesystem,
            format!(
                "snapshot directory {} is not on the btrfs filesystem of {}: btrfs snapshots \
                 cannot leave their filesystem",
                dir.display(),
                layout.subvolume.display()
            ),
        ));
    }
    let mode = md.mode() & 0o7777;
    if md.uid() != 0 || mode & 0o022 != 0 {
        return Some((
            DirProblem::Unsafe,
            format!(
                "snapshot directory {} is owned by uid {} with mode {mode:04o}: it must be owned \
                 by root and not writable by group or others, since whoever can write there can \
                 plant or remove what rvss treats as its snapshots",
                dir.display(),
                md.uid()
            ),
        ));
    }
    if let Some(why) = parents_problem(&real) {
        return Some((
            DirProblem::Unsafe,
            format!("snapshot directory {}: {why}", dir.display()),
        ));
    }
    None
}

/// The rules of `check_snapshot_dir` a shadow copy's commit checks again,
/// all but the catalog's own files: the catalog refuses those itself when
/// it opens them (no link followed, regular files only).
pub fn check_snapshot_dir_at_commit(layout: &Layout, mounts: &[Mount]) -> Result<()> {
    match snapshot_dir_problem_but_catalog(layout, mounts) {
        None => Ok(()),
        Some((_, why)) => Err(Error::not_supported(why)),
    }
}

fn catalog_files_problem(dir: &Path) -> Option<(DirProblem, String)> {
    for name in crate::catalog::FILE_NAMES {
        if let Ok(m) = std::fs::symlink_metadata(dir.join(name)) {
            if !m.file_type().is_file() {
                return Some((
                    DirProblem::CatalogNotAFile,
                    format!(
                        "catalog file {} is not a regular file; rvss refuses to open it",
                        dir.join(name).display()
                    ),
                ));
            }
        }
    }
    None
}

/// What breaks the snapshot-directory rules for `dir`, a directory trusted
/// by its path alone: every component reached from `/` without following a
/// link; `dir` owned by root and not writable by group or others; every
/// parent owned by root and not writable by group or others unless sticky
/// (`parents_problem`); the catalog's files regular files and `catalog.d` a
/// root-owned directory not writable by others.
pub fn trusted_dir_problem(dir: &Path) -> Option<String> {
    open_trusted_dir(dir).err()
}

/// `dir` open, when it meets the rules `trusted_dir_problem` checks (else
/// what breaks them): the handle checked is the one the caller goes on
/// with, no path looked up again.
pub fn open_trusted_dir(dir: &Path) -> std::result::Result<std::fs::File, String> {
    use std::os::unix::fs::MetadataExt;
    let cur = walk_to(dir)?;
    let md = cur
        .metadata()
        .map_err(|e| format!("stat {}: {e}", dir.display()))?;
    let mode = md.mode() & 0o7777;
    if md.uid() != 0 || mode & 0o022 != 0 {
        return Err(format!(
            "it is owned by uid {} with mode {mode:04o}: it must be owned by root and \
             not writable by group or others",
            md.uid()
        ));
    }
    for name in crate::catalog::FILE_NAMES {
        if let Ok(m) = crate::sys::fs::stat_at(&cur, name) {
            if !m.is_file() {
                return Err(format!("its catalog file {name} is not a regular file"));
            }
        }
    }
    if let Ok(m) = crate::sys::fs::stat_at(&cur, crate::catalog::DIR_NAME) {
        if !m.is_dir || m.uid != 0 || m.mode & 0o022 != 0 {
            return Err(format!(
                "its {} is not a directory owned by root and not writable by others",
                crate::catalog::DIR_NAME
            ));
        }
    }
    Ok(cur)
}

/// What makes a parent of `dir` unsafe: one not owned by root, or writable
/// by group or others without the sticky bit (whoever can write a parent
/// can rename the snapshot directory away and put their own in its place),
/// or a link on the way.
pub fn parents_problem(dir: &Path) -> Option<String> {
    parents_check(dir).err()
}

/// Checks `dir`'s parents from `/` down, each looked up by its path without
/// following a link as its last component (`parents_problem`'s rules): a
/// parent is checked before the next one is looked up through it, so once
/// one passed, only root can change what lies below it. One stat a
/// component, no descriptor held: this runs at every commit.
fn parents_check(dir: &Path) -> std::result::Result<(), String> {
    if !crate::paths::is_plain_absolute(dir) {
        return Err("not a plain absolute path".into());
    }
    let mut at = PathBuf::from("/");
    for part in dir.iter().skip(1) {
        let st = sys::fs::stat_at(rustix::fs::CWD, &at)
            .map_err(|e| format!("stat {}: {e}", at.display()))?;
        if !st.is_dir {
            return Err(format!(
                "{} is a symbolic link or not a directory (rvss follows no link)",
                at.display()
            ));
        }
        if st.uid != 0 || (st.mode & 0o022 != 0 && st.mode & 0o1000 == 0) {
            return Err(format!(
                "its parent {} is owned by uid {} with mode {:04o}: whoever can write it \
                 can replace the snapshot directory",
                at.display(),
                st.uid,
                st.mode
            ));
        }
        at.push(part);
    }
    Ok(())
}

/// Opens `dir` after `parents_check`, its last component without following
/// a link.
fn walk_to(dir: &Path) -> std::result::Result<std::fs::File, String> {
    parents_check(dir)?;
    sys::fs::open_dir(dir).map_err(|e| {
        if matches!(e.raw_os_error(), Some(libc::ELOOP | libc::ENOTDIR)) {
            format!(
                "{} is a symbolic link or not a directory (rvss follows no link)",
                dir.display()
            )
        } else {
            format!("open {}: {e}", dir.display())
        }
    })
}

/// The nearest ancestor (or the path itself) that is a subvolume root,
/// without leaving the mount.
fn subvolume_root(share: &Path, mount_point: &Path) -> Result<PathBuf> {
    let mut cur = share;
    loop {
        let md =
            std::fs::symlink_metadata(cur).with_context(|| format!("stat {}", cur.display()))?;
        if md.ino() == sys::btrfs::BTRFS_FIRST_FREE_OBJECTID {
            return Ok(cur.to_path_buf());
        }
        if cur == mount_point {
            return Err(Error::not_supported(format!(
                "{} is mounted from a directory that is not a btrfs subvolume",
                mount_point.display()
            )));
        }
        cur = cur
            .parent()
            .ok_or_else(|| Error::not_supported("no subvolume root found"))?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mount(point: &str, root: &str) -> Mount {
        Mount {
            id: 0,
            mount_point: point.into(),
            root: root.into(),
            fs_type: "btrfs".into(),
            source: "/dev/loop0".into(),
        }
    }

    #[test]
    fn keys_are_paths_inside_the_filesystem() {
        let top = mount("/srv/pool", "/");
        assert_eq!(
            key_for(&top, Path::new("/srv/pool/vol1")),
            Some("vol1".into())
        );
        assert_eq!(
            key_for(&top, Path::new("/srv/pool/a/b")),
            Some("a/b".into())
        );
        assert_eq!(
            key_for(&top, Path::new("/srv/pool")),
            Some(TOP_LEVEL_KEY.into())
        );
        let sub = mount("/srv/vm", "/vol1");
        assert_eq!(key_for(&sub, Path::new("/srv/vm")), Some("vol1".into()));
        assert_eq!(key_for(&sub, Path::new("/elsewhere")), None);
    }

    #[test]
    fn snap_paths_keep_the_share_directory() {
        let l = Layout {
            share: "/srv/pool/vol1/dir1/vmdir".into(),
            subvolume: "/srv/pool/vol1".into(),
            rel: "dir1/vmdir".into(),
            snapshot_dir: "/srv/pool/.rvss".into(),
            key: "vol1".into(),
            default_snapshot_dir: true,
        };
        assert_eq!(
            l.snap_path("@GMT-2026.11.25-10.00.00", false),
            Path::new("/srv/pool/.rvss/vol1/@GMT-2026.11.25-10.00.00/dir1/vmdir")
        );
        let root = Layout {
            rel: PathBuf::new(),
            ..l
        };
        assert_eq!(
            root.snap_path("@GMT-2026.11.25-10.00.00", false),
            Path::new("/srv/pool/.rvss/vol1/@GMT-2026.11.25-10.00.00")
        );
        assert_eq!(
            root.snap_path("@GMT-2026.11.25-10.00.00", true),
            Path::new("/srv/pool/.rvss/vol1/.writable/@GMT-2026.11.25-10.00.00")
        );
    }

    #[test]
    fn names_that_would_overlap_snapshot_folders_are_reserved() {
        use std::ffi::OsStr;
        for bad in [TOP_LEVEL_KEY, WRITABLE_DIR, "@GMT-2026.11.25-10.00.00"] {
            assert!(is_reserved_name(OsStr::new(bad)), "{bad}");
        }
        for ok in ["vol1", "@", "@home", ".snapshots", "@GMT-notatoken"] {
            assert!(!is_reserved_name(OsStr::new(ok)), "{ok}");
        }
    }

    #[test]
    fn plain_absolute_paths() {
        assert!(crate::paths::is_plain_absolute(Path::new("/a/b")));
        assert!(!crate::paths::is_plain_absolute(Path::new("a/b")));
        assert!(!crate::paths::is_plain_absolute(Path::new("/a/../b")));
    }

    #[test]
    fn a_trusted_directory_is_no_link_and_writable_by_root_only() {
        use std::os::unix::fs::PermissionsExt;
        assert!(trusted_dir_problem(Path::new("relative")).is_some());
        let base = std::env::temp_dir().join(format!(
            "rvss-trusted-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(base.join("real/catalog.d")).unwrap();
        std::fs::set_permissions(&base, std::fs::Permissions::from_mode(0o755)).unwrap();
        std::os::unix::fs::symlink("real", base.join("link")).unwrap();
        std::fs::create_dir(base.join("open")).unwrap();
        std::fs::set_permissions(base.join("open"), std::fs::Permissions::from_mode(0o777))
            .unwrap();
        std::fs::create_dir(base.join("open/inner")).unwrap();
        let why = |p: &str| trusted_dir_problem(&base.join(p)).unwrap_or_default();
        if crate::sys::is_root() {
            assert_eq!(why("real"), "");
            assert!(
                why("link").contains("is a symbolic link"),
                "{}",
                why("link")
            );
            assert!(why("open").contains("mode 0777"), "{}", why("open"));
            assert!(
                why("open/inner").contains("its parent"),
                "{}",
                why("open/inner")
            );
            std::fs::write(base.join("real/catalog.lock"), b"").unwrap();
            assert_eq!(why("real"), "");
            std::fs::remove_file(base.join("real/catalog.lock")).unwrap();
            std::os::unix::fs::symlink("/etc/passwd", base.join("real/catalog.lock")).unwrap();
            assert!(
                why("real").contains("not a regular file"),
                "{}",
                why("real")
            );
        } else {
            // Not root: the test's own directories are not root's.
            assert!(why("real").contains("owned by uid"), "{}", why("real"));
        }
        std::fs::remove_dir_all(&base).unwrap();
    }
}
