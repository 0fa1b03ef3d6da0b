//! Unit tests on the machine's own filesystem (a copy: no reflink needed).
//! They need root (owners, device nodes); the end-to-end tests
//! (tests/e2e/restore.rs, tests/e2e/safety.rs: `restore::…`, `safety::…` in
//! the `e2e` binary) cover btrfs, Samba and share users.

use super::*;
use rustix::fs::Mode;
use std::fs;
use std::fs::File;
use std::os::unix::fs::{MetadataExt, PermissionsExt};

#[test]
fn relative_paths_stay_inside() {
    assert_eq!(
        relative("vm/disk.vhdx").unwrap(),
        PathBuf::from("vm/disk.vhdx")
    );
    assert_eq!(relative("./a").unwrap(), PathBuf::from("a"));
    for bad in ["", "/etc/passwd", "../x", "a/../../b", ".", "./"] {
        assert!(relative(bad).is_err(), "{bad}");
    }
}

struct Base(PathBuf);

impl Base {
    fn new(tag: &str) -> Base {
        let base = std::env::temp_dir().join(format!("rvss-restore-{tag}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&base);
        fs::create_dir_all(base.join("src")).unwrap();
        fs::create_dir_all(base.join("dst")).unwrap();
        Base(base)
    }
    fn src(&self) -> PathBuf {
        self.0.join("src")
    }
    fn dst(&self) -> PathBuf {
        self.0.join("dst")
    }
    fn restore(&self, rel: &str, force: bool) -> Result<Report> {
        let (s, d) = (self.src(), self.dst());
        let (sf, df) = (
            crate::sys::fs::open_dir(&s).unwrap(),
            crate::sys::fs::open_dir(&d).unwrap(),
        );
        let (sr, dr) = (
            Root {
                dir: sf.as_fd(),
                path: &s,
            },
            Root {
                dir: df.as_fd(),
                path: &d,
            },
        );
        restore_with(&sr, &dr, Path::new(rel), force, Method::Copy)
    }
    fn names(&self, p: &Path) -> Vec<String> {
        let mut v: Vec<String> = fs::read_dir(p)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }
}

impl Drop for Base {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn xattr(p: &Path, name: &str) -> Option<Vec<u8>> {
    let mut buf = vec![0u8; 256];
    rustix::fs::lgetxattr(p, name, &mut buf).ok().map(|n| {
        buf.truncate(n);
        buf
    })
}

#[test]
fn anything_at_the_path_is_a_conflict_even_an_empty_directory() {
    let b = Base::new("conflict");
    fs::create_dir_all(b.src().join("d")).unwrap();
    fs::write(b.src().join("d/a"), "a").unwrap();
    fs::create_dir(b.dst().join("d")).unwrap();
    let err = b.restore("d", false).unwrap_err();
    assert_eq!(err.status, crate::ntstatus::OBJECT_NAME_COLLISION);
    assert!(b.names(&b.dst().join("d")).is_empty(), "merged into it");
    assert_eq!(b.names(&b.dst()), ["d"], "staging left behind");
    let err = b.restore("nothere", false).unwrap_err();
    assert_eq!(err.status, crate::ntstatus::OBJECT_NAME_NOT_FOUND);
}

#[test]
fn the_tree_comes_back_whole_with_attributes_links_holes_and_fifos() {
    let b = Base::new("whole");
    let d = b.src().join("d");
    fs::create_dir_all(d.join("e")).unwrap();
    let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
    fs::write(d.join("big"), &big).unwrap();
    fs::write(d.join("e/empty"), "").unwrap();
    fs::set_permissions(d.join("big"), fs::Permissions::from_mode(0o640)).unwrap();
    let big_file = crate::sys::fs::open_file_at(
        crate::sys::fs::open_dir(&d).unwrap(),
        OsStr::new("big"),
        OFlags::RDONLY,
        Mode::empty(),
    )
    .unwrap();
    crate::sys::fs::chown_fd(big_file.as_fd(), 1234, 4321).unwrap();
    rustix::fs::lsetxattr(
        d.join("big"),
        "user.note",
        b"kept",
        rustix::fs::XattrFlags::empty(),
    )
    .unwrap();
    rustix::fs::lsetxattr(&d, "user.dir", b"d", rustix::fs::XattrFlags::empty()).unwrap();
    // File capabilities (VFS_CAP_REVISION_2, effective, CAP_NET_RAW
    // permitted), which a chown clears, and a trusted.* attribute.
    let cap: [u8; 20] = [
        1, 0, 0, 2, 0, 0x20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];
    rustix::fs::lsetxattr(
        d.join("big"),
        "security.capability",
        &cap,
        rustix::fs::XattrFlags::empty(),
    )
    .unwrap();
    rustix::fs::lsetxattr(
        d.join("big"),
        "trusted.rvss-test",
        b"t",
        rustix::fs::XattrFlags::empty(),
    )
    .unwrap();
    fs::hard_link(d.join("big"), d.join("e/big-again")).unwrap();
    // A sparse file: 4 KiB of data at 64 MiB, holes around it.
    let f = File::create(d.join("sparse")).unwrap();
    rustix::io::pwrite(&f, &[7u8; 4096], 64 << 20).unwrap();
    f.set_len(128 << 20).unwrap();
    drop(f);
    rustix::fs::mknodat(
        rustix::fs::CWD,
        d.join("fifo"),
        FileType::Fifo,
        Mode::from_raw_mode(0o620),
        0,
    )
    .unwrap();
    fs::set_permissions(d.join("fifo"), fs::Permissions::from_mode(0o620)).unwrap();
    rustix::fs::mknodat(
        rustix::fs::CWD,
        d.join("socket"),
        FileType::Socket,
        Mode::from_raw_mode(0o600),
        0,
    )
    .unwrap();
    rustix::fs::mknodat(
        rustix::fs::CWD,
        d.join("null"),
        FileType::CharacterDevice,
        Mode::from_raw_mode(0o666),
        rustix::fs::makedev(1, 3),
    )
    .unwrap();
    std::os::unix::fs::symlink("big", d.join("link")).unwrap();
    let old = rustix::fs::Timestamps {
        last_access: rustix::fs::Timespec {
            tv_sec: 1_000_000_000,
            tv_nsec: 5,
        },
        last_modification: rustix::fs::Timespec {
            tv_sec: 1_000_000_001,
            tv_nsec: 7,
        },
    };
    for p in [d.join("big"), d.join("fifo"), d.clone()] {
        rustix::fs::utimensat(rustix::fs::CWD, &p, &old, AtFlags::empty()).unwrap();
    }

    let r = b.restore("d", false).unwrap();
    assert_eq!(
        (r.files, r.dirs, r.symlinks, r.specials, r.hard_links),
        (3, 2, 1, 2, 1),
        "{r:?}"
    );
    assert_eq!(r.skipped.len(), 1, "{r:?}");
    assert!(r.skipped[0].path.ends_with("d/null"), "{r:?}");
    assert!(r.aside.is_none());
    let o = b.dst().join("d");
    assert_eq!(fs::read(o.join("big")).unwrap(), big);
    let m = fs::symlink_metadata(o.join("big")).unwrap();
    assert_eq!(m.permissions().mode() & 0o7777, 0o640);
    assert_eq!((m.uid(), m.gid()), (1234, 4321));
    assert_eq!((m.mtime(), m.mtime_nsec()), (1_000_000_001, 7));
    assert_eq!(
        xattr(&o.join("big"), "user.note").as_deref(),
        Some(&b"kept"[..])
    );
    assert_eq!(xattr(&o, "user.dir").as_deref(), Some(&b"d"[..]));
    assert_eq!(
        xattr(&o.join("big"), "security.capability").as_deref(),
        Some(&cap[..])
    );
    assert_eq!(
        xattr(&o.join("big"), "trusted.rvss-test").as_deref(),
        Some(&b"t"[..])
    );
    let m2 = fs::symlink_metadata(o.join("e/big-again")).unwrap();
    assert_eq!(m.ino(), m2.ino(), "hard links are one file again");
    let s = fs::symlink_metadata(o.join("sparse")).unwrap();
    assert_eq!(s.len(), 128 << 20);
    assert!(
        s.blocks() * 512 <= 64 * 1024,
        "holes filled: {} blocks",
        s.blocks()
    );
    let fi = fs::symlink_metadata(o.join("fifo")).unwrap();
    assert_eq!(FileType::from_raw_mode(fi.mode()), FileType::Fifo);
    assert_eq!(fi.permissions().mode() & 0o7777, 0o620);
    assert_eq!(fi.mtime(), 1_000_000_001);
    assert!(!o.join("null").exists());
    let so = fs::symlink_metadata(o.join("socket")).unwrap();
    assert_eq!(FileType::from_raw_mode(so.mode()), FileType::Socket);
    assert_eq!(fs::read_link(o.join("link")).unwrap(), Path::new("big"));
    let dm = fs::symlink_metadata(&o).unwrap();
    assert_eq!(dm.mtime(), 1_000_000_001, "directory times set last");
    assert_eq!(b.names(&b.dst()), ["d"], "staging left behind");
}

#[test]
fn force_moves_what_was_there_aside_into_a_root_only_directory() {
    let b = Base::new("aside");
    fs::create_dir_all(b.src().join("d")).unwrap();
    fs::write(b.src().join("d/a"), "backup").unwrap();
    fs::create_dir_all(b.dst().join("d")).unwrap();
    fs::write(b.dst().join("d/mine"), "live").unwrap();
    let r = b.restore("d", true).unwrap();
    assert_eq!(fs::read_to_string(b.dst().join("d/a")).unwrap(), "backup");
    assert!(!b.dst().join("d/mine").exists(), "merged");
    let a = r.aside.expect("moved aside");
    assert_eq!(fs::read_to_string(a.path.join("mine")).unwrap(), "live");
    assert_eq!(a.path.parent(), Some(a.holding.as_path()));
    let h = fs::symlink_metadata(&a.holding).unwrap();
    assert_eq!((h.uid(), h.mode() & 0o7777), (0, 0o700));
    assert!(a.undo.contains(&a.path.display().to_string()), "{}", a.undo);
    // The undo puts it back.
    let o = std::process::Command::new("sh")
        .arg("-c")
        .arg(&a.undo)
        .output()
        .unwrap();
    assert!(o.status.success(), "{o:?}");
    assert_eq!(fs::read_to_string(b.dst().join("d/mine")).unwrap(), "live");
}

#[test]
fn links_in_the_live_tree_are_never_followed() {
    let b = Base::new("links");
    let (src, dst, outside) = (b.src(), b.dst(), b.0.join("outside"));
    fs::create_dir_all(src.join("d/e")).unwrap();
    fs::create_dir_all(&outside).unwrap();
    std::os::unix::fs::symlink("backup-target", src.join("d/l")).unwrap();
    std::os::unix::fs::symlink("backup-target", src.join("top")).unwrap();
    fs::write(outside.join("victim"), "victim").unwrap();
    // The directory restored into is a link out of the share, and the
    // entry name itself is a link to a victim.
    std::os::unix::fs::symlink(&outside, dst.join("d")).unwrap();
    std::os::unix::fs::symlink(outside.join("victim"), dst.join("top")).unwrap();
    // Overwriting exchanges the links themselves.
    let r = b.restore("top", true).unwrap();
    assert!(r.aside.is_some());
    b.restore("d", true).unwrap();
    assert_eq!(
        fs::read_to_string(outside.join("victim")).unwrap(),
        "victim"
    );
    assert_eq!(fs::read_dir(&outside).unwrap().count(), 1);
    assert_eq!(
        fs::read_link(dst.join("top")).unwrap(),
        Path::new("backup-target")
    );
    assert!(fs::symlink_metadata(dst.join("d")).unwrap().is_dir());
    assert!(dst.join("d/e").is_dir());
    // A link on the way down to the parent is refused.
    std::os::unix::fs::symlink(&outside, dst.join("via")).unwrap();
    fs::create_dir_all(src.join("via/x")).unwrap();
    assert!(b.restore("via/x", true).is_err());
    assert!(!outside.join("x").exists());
}

/// The path ceph-fuse takes (no renameat2 flags), driven directly: nothing
/// is replaced without force, what was there is kept aside with it.
#[test]
fn without_rename_flags_nothing_is_replaced_and_what_was_there_is_kept() {
    let b = Base::new("noflags");
    let dst = b.dst();
    let df = crate::sys::fs::open_dir(&dst).unwrap();
    let ident = |p: &Path| swap::Ident::of(&rustix::fs::lstat(p).unwrap());
    let staged_dir = |content: &str| {
        let s = swap::make(df.as_fd(), &dst).unwrap();
        let t = s.label.join(".rvss-staged");
        fs::create_dir(&t).unwrap();
        fs::write(t.join("a"), content).unwrap();
        let id = ident(&t);
        (s, id)
    };
    // Nothing there: placed.
    let (s, id) = staged_dir("one");
    let got = swap::enter_without_flags(df.as_fd(), c"d", &s, id, None, &dst.join("d")).unwrap();
    assert!(got.is_none());
    swap::remove_staging(df.as_fd(), &s, c"none");
    assert_eq!(fs::read_to_string(dst.join("d/a")).unwrap(), "one");
    // Something there (an empty directory even), no force: refused.
    fs::create_dir(dst.join("e")).unwrap();
    let (s, id) = staged_dir("two");
    let err =
        swap::enter_without_flags(df.as_fd(), c"e", &s, id, None, &dst.join("e")).unwrap_err();
    assert_eq!(err.status, crate::ntstatus::OBJECT_NAME_COLLISION);
    assert!(b.names(&dst.join("e")).is_empty());
    // With force: moved aside, then placed.
    let seen = ident(&dst.join("d"));
    let a = swap::enter_without_flags(df.as_fd(), c"d", &s, id, Some(seen), &dst.join("d"))
        .unwrap()
        .expect("moved aside");
    assert_eq!(fs::read_to_string(dst.join("d/a")).unwrap(), "two");
    assert_eq!(fs::read_to_string(a.path.join("a")).unwrap(), "one");
    // A file: linkat, never over an existing name.
    let s = swap::make(df.as_fd(), &dst).unwrap();
    fs::write(s.label.join(".rvss-staged"), "file").unwrap();
    let id = ident(&s.label.join(".rvss-staged"));
    fs::write(dst.join("f"), "live").unwrap();
    let err =
        swap::enter_without_flags(df.as_fd(), c"f", &s, id, None, &dst.join("f")).unwrap_err();
    assert_eq!(err.status, crate::ntstatus::OBJECT_NAME_COLLISION);
    assert_eq!(fs::read_to_string(dst.join("f")).unwrap(), "live");
    swap::enter_without_flags(df.as_fd(), c"g", &s, id, None, &dst.join("g")).unwrap();
    assert_eq!(fs::read_to_string(dst.join("g")).unwrap(), "file");
    swap::remove_staging(df.as_fd(), &s, c"none");
    assert!(!s.label.exists(), "empty staging directory left");
}

/// A restore that fails half-way (here: no reflink on this filesystem)
/// leaves nothing in the share, not even its staging directory.
#[test]
fn a_failed_restore_leaves_nothing_behind() {
    let b = Base::new("failed");
    let d = b.src().join("d");
    fs::create_dir_all(d.join("sub/deeper")).unwrap();
    std::os::unix::fs::symlink("x", d.join("sub/l")).unwrap();
    fs::write(d.join("sub/deeper/file"), "data").unwrap();
    let (s, t) = (b.src(), b.dst());
    let (sf, df) = (
        crate::sys::fs::open_dir(&s).unwrap(),
        crate::sys::fs::open_dir(&t).unwrap(),
    );
    let is_btrfs = crate::sys::fs::is_btrfs(&df).unwrap();
    let r = restore(
        &Root {
            dir: sf.as_fd(),
            path: &s,
        },
        &Root {
            dir: df.as_fd(),
            path: &t,
        },
        Path::new("d"),
        false,
    );
    if is_btrfs {
        r.unwrap();
    } else {
        assert!(r.is_err(), "{r:?}");
        assert!(b.names(&t).is_empty(), "left behind: {:?}", b.names(&t));
    }
}

/// A share user may rename the staging directory within its directory,
/// even to the restore's path: nothing is exchanged with it, and it is
/// removed as rvss's own.
#[test]
fn the_staging_directory_renamed_to_the_path_is_not_exchanged_with() {
    let b = Base::new("renamed-staging");
    let dst = b.dst();
    let df = crate::sys::fs::open_dir(&dst).unwrap();
    let s = swap::make(df.as_fd(), &dst).unwrap();
    fs::create_dir(s.label.join(".rvss-staged")).unwrap();
    let id = swap::Ident::of(&rustix::fs::lstat(s.label.join(".rvss-staged")).unwrap());
    fs::rename(&s.label, dst.join("d")).unwrap();
    for force in [false, true] {
        let err = swap::enter(df.as_fd(), c"d", &s, id, force, &dst.join("d")).unwrap_err();
        assert_eq!(err.status, crate::ntstatus::ACCESS_DENIED, "{err:?}");
    }
    swap::remove_staged(&s, Some(id));
    swap::remove_staging(df.as_fd(), &s, c"d");
    assert!(b.names(&dst).is_empty(), "{:?}", b.names(&dst));
}
