#![no_main]
//! Path mapping on arbitrary paths (any bytes: spaces, newlines, non-UTF-8):
//! `layout::key_for`, `is_plain_absolute`, `join_rel`, `Layout::snap_path`
//! and `restore::relative` never panic, and nothing they accept can leave
//! the directory it is joined to.
//!
//! Input: NUL-separated mount point, mount root, subvolume, restore path,
//! base directory, relative path.

use libfuzzer_sys::fuzz_target;
use rvss_core::backend::btrfs::layout::{key_for, Layout, TOP_LEVEL_KEY};
use rvss_core::mounts::Mount;
use rvss_core::paths::{is_plain_absolute, join_rel};
use rvss_core::restore::relative;
use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

/// NUL-separated fields (paths hold no NUL); missing ones are empty.
struct Input<'a> {
    mount_point: &'a [u8],
    mount_root: &'a [u8],
    subvolume: &'a [u8],
    /// What a user types for `rvss restore PATH`.
    restore_path: &'a [u8],
    base: &'a [u8],
    rel: &'a [u8],
    time: u32,
    writable: bool,
}

impl<'a> Input<'a> {
    fn new(data: &'a [u8]) -> Input<'a> {
        let mut f = data.split(|&b| b == 0);
        let mut next = || f.next().unwrap_or_default();
        let (mount_point, mount_root, subvolume) = (next(), next(), next());
        let (restore_path, base, rel) = (next(), next(), next());
        let hash = data
            .iter()
            .fold(0u32, |h, &b| h.wrapping_mul(31).wrapping_add(u32::from(b)));
        Input {
            mount_point,
            mount_root,
            subvolume,
            restore_path,
            base,
            rel,
            time: hash,
            writable: hash & 1 == 1,
        }
    }
}

fn path(b: &[u8]) -> &Path {
    Path::new(OsStr::from_bytes(b))
}

/// A textual `..` segment anywhere, whatever `Path` makes of the rest.
fn has_dotdot(p: &Path) -> bool {
    p.as_os_str()
        .as_bytes()
        .split(|&c| c == b'/')
        .any(|s| s == b"..")
}

/// `joined` is `root` followed by plain names only.
fn stays_inside(root: &Path, joined: &Path) {
    assert!(joined.starts_with(root), "{joined:?} left {root:?}");
    assert!(
        !joined.components().any(|c| c == Component::ParentDir),
        "{joined:?}"
    );
    let below = joined.strip_prefix(root).expect("starts_with");
    assert!(
        below
            .components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir)),
        "{joined:?}"
    );
    assert!(!has_dotdot(below), "{joined:?}");
}

fuzz_target!(|data: &[u8]| {
    let i = Input::new(data);
    // Plain absolute paths: absolute, and no `..` however it is spelled.
    let base = path(i.base);
    let plain_base = is_plain_absolute(base);
    if plain_base {
        assert!(base.is_absolute() && !has_dotdot(base), "{base:?}");
    }

    // Snapshot keys: relative, plain names only, never empty.
    let mount = Mount {
        id: 0,
        mount_point: path(i.mount_point).to_path_buf(),
        root: path(i.mount_root).to_path_buf(),
        fs_type: "btrfs".into(),
        source: "/dev/loop0".into(),
    };
    let subvolume = path(i.subvolume);
    let key = key_for(&mount, subvolume);
    assert_eq!(
        key.is_some(),
        subvolume.starts_with(&mount.mount_point),
        "{subvolume:?} in {mount:?}"
    );
    if let Some(key) = &key {
        let bytes = key.as_os_str().as_bytes();
        assert!(!bytes.is_empty() && !bytes.starts_with(b"/"), "{key:?}");
        assert!(!has_dotdot(key), "{key:?}");
        assert!(
            key.components().all(|c| matches!(c, Component::Normal(_))),
            "{key:?}"
        );
        if mount.root.components().all(|c| c == Component::RootDir)
            && subvolume
                .strip_prefix(&mount.mount_point)
                .is_ok_and(|r| r.components().all(|c| c == Component::CurDir))
        {
            assert_eq!(key, Path::new(TOP_LEVEL_KEY));
        }
    }

    // `rvss restore PATH`: never outside the share, nor the snapshot.
    let typed = &*String::from_utf8_lossy(i.restore_path);
    let rel = relative(typed).ok();
    if let Some(rel) = &rel {
        assert!(!typed.split('/').any(|s| s == ".."), "{typed:?}");
        assert!(
            !rel.is_absolute() && !has_dotdot(rel),
            "{typed:?} -> {rel:?}"
        );
        for root in [Path::new("/srv/pool/vol1/vm"), Path::new("/srv/a b/\n")] {
            stays_inside(root, &root.join(rel));
            stays_inside(root, &join_rel(root, rel));
        }
        if plain_base {
            stays_inside(base, &base.join(rel));
        }
    }

    // join_rel is a join that adds no trailing slash for an empty rel.
    let r = path(i.rel);
    let joined = join_rel(base, r);
    if r.as_os_str().is_empty() {
        assert_eq!(joined.as_os_str(), base.as_os_str());
    } else {
        assert_eq!(joined, base.join(r));
    }

    // A whole layout: the share inside a snapshot stays inside the
    // snapshots of its subvolume.
    if let (true, Some(key), Some(rel)) = (plain_base, key, rel) {
        let layout = Layout {
            share: PathBuf::from("/srv/pool/vol1/vm"),
            subvolume: PathBuf::from("/srv/pool/vol1"),
            rel,
            snapshot_dir: base.to_path_buf(),
            key,
            default_snapshot_dir: false,
        };
        let gmt = rvss_core::gmt::token(i64::from(i.time)).expect("in range");
        stays_inside(&layout.snapshot_dir, &layout.snapshots());
        assert_ne!(layout.snapshots(), layout.snapshot_dir);
        let snap = layout.snap_path(&gmt, i.writable);
        stays_inside(&layout.snapshots(), &snap);
        assert!(snap.starts_with(layout.snapshot_path(&gmt, i.writable)));
        assert!(is_plain_absolute(&layout.snapshot_path(&gmt, i.writable)));
    }
});
