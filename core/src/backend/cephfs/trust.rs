//! Whether rvss may trust a CephFS catalog directory, checked at each use
//! (every hook, every CLI command): the snapshot-dir rules of btrfs
//! (`layout::snapshot_dir_problem`) on the catalog directory and on the path
//! down to it. A catalog decides what rvss, as root, deletes: whoever can
//! write it (or swap it, by renaming in a directory above it) can plant an
//! entry naming another share's backup.
//!
//! - Every directory above the catalog directory is owned by root and not
//!   writable by group or others, unless sticky (then nobody but root can
//!   rename or remove what root made there).
//! - The catalog directory and its `catalog.d` are owned by root and not
//!   writable by group or others.
//! - Its plain files (the lock, legacy catalog files) are regular files of
//!   root's, with one link: a link would let their owner elsewhere hold or
//!   change them.
//!
//! The path is walked from `/` one component at a time through handles,
//! never following a link, and what is checked is the handle that is then
//! used (`Catalog::open_rooted_at`). Where rvss may create the missing
//! directories (its default `<mount>/.rvss/cephfs`), it creates them
//! (0700) only inside a directory that passed the checks, then checks what
//! it opens like anything else: a directory planted first is refused.

use super::KEY_ROOT;
use crate::catalog::{self, Catalog};
use crate::error::{Context, Error, Result};
use crate::sys;
use rustix::fs::{AtFlags, FileType};
use std::ffi::OsStr;
use std::fs::File;
use std::path::{Component, Path};

const CATALOG_DIR_MODE: u32 = 0o700;

/// What is wrong with the stat of a directory above the catalog.
fn ancestor_problem(st: &rustix::fs::Stat) -> Option<String> {
    let mode = st.st_mode & 0o7777;
    let sticky = mode & 0o1000 != 0;
    if st.st_uid != 0 {
        return Some(format!("owned by uid {}", st.st_uid));
    }
    if mode & 0o022 != 0 && !sticky {
        return Some(format!("mode {mode:04o}, writable by group or others"));
    }
    None
}

/// What is wrong with the stat of the catalog directory or its catalog.d.
fn owned_problem(st: &rustix::fs::Stat) -> Option<String> {
    let mode = st.st_mode & 0o7777;
    if st.st_uid != 0 || mode & 0o022 != 0 {
        return Some(format!("owned by uid {} with mode {mode:04o}", st.st_uid));
    }
    None
}

fn refused(path: &Path, why: &str) -> Error {
    Error::not_supported(format!(
        "CephFS catalog {} is not trustworthy: {why}; it must be owned by root, not \
         writable by group or others, and so must every directory above it (or be \
         sticky), since whoever can write there can plant entries that make rvss delete \
         backups: rvss refuses to use it (see rvss doctor)",
        path.display()
    ))
}

fn stat(f: &File, shown: &Path) -> Result<rustix::fs::Stat> {
    rustix::fs::fstat(f).with_context(|| format!("stat {}", shown.display()))
}

/// Opens the catalog directory `dir` checked as the module doc says,
/// creating its last `creatable` components when missing. None when a
/// component is missing and may not be created.
pub fn open_checked(dir: &Path, creatable: usize) -> Result<Option<File>> {
    if !crate::paths::is_plain_absolute(dir) {
        return Err(refused(dir, "its path is not plain and absolute"));
    }
    let names: Vec<&OsStr> = dir
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n),
            _ => None,
        })
        .collect();
    let root = Path::new("/");
    let mut cur = sys::fs::open_dir(root).context("open /")?;
    if let Some(why) = ancestor_problem(&stat(&cur, root)?) {
        return Err(refused(dir, &format!("/ is {why}")));
    }
    let mut shown = root.to_path_buf();
    for (i, name) in names.iter().enumerate() {
        shown.push(name);
        let last = i + 1 == names.len();
        let next = match sys::fs::open_dir_at(&cur, *name) {
            Ok(d) => d,
            Err(e) if e.raw_os_error() == Some(libc::ENOENT) => {
                if i + creatable < names.len() {
                    return Ok(None);
                }
                // The parent passed the checks: nobody but root can have
                // made the name meanwhile, and what is there is checked.
                sys::fs::mkdir_at(&cur, name, CATALOG_DIR_MODE.into())
                    .and_then(|()| sys::fs::open_dir_at(&cur, *name))
                    .with_context(|| format!("create {}", shown.display()))?
            }
            Err(e) if matches!(e.raw_os_error(), Some(libc::ELOOP) | Some(libc::ENOTDIR)) => {
                return Err(refused(
                    dir,
                    &format!("{} is not a directory (or a link)", shown.display()),
                ))
            }
            Err(e) => return Err(e).with_context(|| format!("open {}", shown.display())),
        };
        let st = stat(&next, &shown)?;
        let problem = if last {
            owned_problem(&st)
        } else {
            ancestor_problem(&st)
        };
        if let Some(why) = problem {
            return Err(refused(dir, &format!("{} is {why}", shown.display())));
        }
        cur = next;
    }
    Ok(Some(cur))
}

/// What is wrong with the plain files of the catalog directory open as
/// `dir` (lock, legacy files), if anything.
fn files_problem(dir: &File, shown: &Path) -> Option<String> {
    for name in catalog::FILE_NAMES {
        let Ok(st) = rustix::fs::statat(dir, name, AtFlags::SYMLINK_NOFOLLOW) else {
            continue;
        };
        let kind = FileType::from_raw_mode(st.st_mode);
        let mode = st.st_mode & 0o7777;
        if kind != FileType::RegularFile || st.st_uid != 0 || mode & 0o022 != 0 || st.st_nlink != 1
        {
            return Some(format!(
                "{} is {}owned by uid {} with mode {mode:04o} and {} link(s); it must be a \
                 regular file of root's, not writable by others, with one link",
                shown.join(name).display(),
                if kind == FileType::RegularFile {
                    ""
                } else {
                    "not a regular file, "
                },
                st.st_uid,
                st.st_nlink
            ));
        }
    }
    None
}

/// Opens the CephFS catalog in `dir` if it is trustworthy (creating the
/// last `creatable` directories of its path when missing); None when it
/// does not exist and may not be created.
pub fn open(dir: &Path, creatable: usize) -> Result<Option<Catalog>> {
    let Some(handle) = open_checked(dir, creatable)? else {
        return Ok(None);
    };
    if let Some(why) = files_problem(&handle, dir) {
        return Err(refused(dir, &why));
    }
    let c = Catalog::open_rooted_at(handle, dir, Path::new(KEY_ROOT))?;
    let entries = dir.join(catalog::DIR_NAME);
    if let Some(why) = owned_problem(&stat(c.entries_dir(), &entries)?) {
        return Err(refused(dir, &format!("{} is {why}", entries.display())));
    }
    super::migrate_legacy(&c)?;
    Ok(Some(c))
}

/// Entry files of `c` that someone else could have placed or could still
/// change (not root's, writable by others, more than one link, not a
/// regular file), for `rvss doctor`: their paths and why.
pub fn untrusted_entries(c: &Catalog) -> Result<Vec<String>> {
    let mut names = vec![];
    let mut buf = sys::dir::EntryBuffer::with_size(8 * 1024);
    let listing = sys::fs::open_dir_at(c.entries_dir(), ".")
        .with_context(|| format!("open {}", c.dir_path().display()))?;
    sys::dir::read_entries(&listing, &mut buf, |d| {
        let n = d.name.to_bytes();
        if n != b"." && n != b".." {
            names.push(std::ffi::OsString::from(
                <OsStr as std::os::unix::ffi::OsStrExt>::from_bytes(n),
            ));
        }
    })
    .with_context(|| format!("read {}", c.dir_path().display()))?;
    let mut out = vec![];
    for n in names {
        let Ok(st) = rustix::fs::statat(c.entries_dir(), n.as_os_str(), AtFlags::SYMLINK_NOFOLLOW)
        else {
            continue;
        };
        let mode = st.st_mode & 0o7777;
        if FileType::from_raw_mode(st.st_mode) != FileType::RegularFile
            || st.st_uid != 0
            || mode & 0o022 != 0
            || st.st_nlink != 1
        {
            out.push(format!(
                "{} (uid {}, mode {mode:04o}, {} link(s))",
                c.dir_path().join(catalog::DIR_NAME).join(&n).display(),
                st.st_uid,
                st.st_nlink
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn temp_dir(tag: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!(
            "rvss-trust-{tag}-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn catalog_directories_must_be_roots_and_closed() {
        if !crate::sys::is_root() {
            eprintln!("needs root (ownership checks); skipped in an unprivileged build");
            return;
        }
        let top = temp_dir("walk");
        let cat = top.join(".rvss/cephfs");
        // Created when missing (0700), then trusted.
        let c = open(&cat, 2).unwrap().unwrap();
        assert!(c.dir_path().ends_with("cephfs"));
        assert_eq!(
            std::fs::metadata(&cat).unwrap().permissions().mode() & 0o7777,
            0o700
        );
        drop(c);
        // Missing and not creatable: None.
        assert!(open(&top.join("none/cephfs"), 0).unwrap().is_none());
        // A user-owned catalog directory, a user-owned directory above it,
        // a writable one above it (not sticky), a planted lock: refused.
        std::os::unix::fs::chown(&cat, Some(50_000), None).unwrap();
        assert!(open(&cat, 2).is_err());
        std::os::unix::fs::chown(&cat, Some(0), None).unwrap();
        std::fs::set_permissions(top.join(".rvss"), std::fs::Permissions::from_mode(0o777))
            .unwrap();
        let e = open(&cat, 2).err().unwrap();
        assert!(e.message.contains("writable by group or others"), "{e}");
        std::fs::set_permissions(top.join(".rvss"), std::fs::Permissions::from_mode(0o1777))
            .unwrap();
        assert!(open(&cat, 2).is_ok(), "sticky is fine");
        std::fs::set_permissions(top.join(".rvss"), std::fs::Permissions::from_mode(0o711))
            .unwrap();
        std::fs::write(cat.join("catalog.lock"), b"").unwrap();
        std::os::unix::fs::chown(cat.join("catalog.lock"), Some(50_000), None).unwrap();
        assert!(open(&cat, 2).is_err());
        std::fs::remove_file(cat.join("catalog.lock")).unwrap();
        std::fs::write(top.join("elsewhere"), b"").unwrap();
        std::fs::hard_link(top.join("elsewhere"), cat.join("catalog.lock")).unwrap();
        assert!(open(&cat, 2).is_err(), "a linked lock");
        std::fs::remove_file(cat.join("catalog.lock")).unwrap();
        // A link in place of the catalog directory.
        std::fs::rename(&cat, top.join("real")).unwrap();
        std::os::unix::fs::symlink(top.join("real"), &cat).unwrap();
        assert!(open(&cat, 2).is_err());
        std::fs::remove_file(&cat).unwrap();
        std::fs::rename(top.join("real"), &cat).unwrap();
        let c = open(&cat, 2).unwrap().unwrap();
        assert!(untrusted_entries(&c).unwrap().is_empty());
        std::fs::write(cat.join("catalog.d/x.json"), b"{}").unwrap();
        std::os::unix::fs::chown(cat.join("catalog.d/x.json"), Some(50_000), None).unwrap();
        assert_eq!(untrusted_entries(&c).unwrap().len(), 1);
        std::fs::remove_dir_all(&top).unwrap();
    }
}
