//! Hostile input at the hook entry points: the rvss_* functions of
//! include/rvss.h called in-process with crafted arguments, on a real btrfs.
//! The outer test runs the inner one in a private mount namespace.

// Calling the C API with crafted pointers is the point of this test.
#![allow(unsafe_code)]

use std::ffi::{c_char, CString};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::process::Command;

const INNER_ENV: &str = "RVSS_HOSTILE_HOOKS_INNER";
/// The inner test's name in the e2e binary (tests/e2e/main.rs).
const INNER_TEST: &str = "hostile_hooks::inner_hostile_hooks";

#[test]
fn hostile_input_at_the_hook_entry_points() {
    let exe = std::env::current_exe().unwrap();
    let o = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "--"])
        .arg(&exe)
        .args([
            "--exact",
            INNER_TEST,
            "--include-ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(INNER_ENV, "1")
        .output()
        .expect("unshare");
    let out = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.status.success() && out.contains(&format!("test {INNER_TEST} ... ok")),
        "{out}"
    );
}

use rvss::ffi::c_api::rvss_share as Share;
use rvss::ffi::{rvss_check_path, rvss_snap_create, rvss_snap_delete};
use rvss_core::ntstatus::{ACCESS_DENIED, INVALID_PARAMETER, OBJECT_NAME_NOT_FOUND};

fn c(p: &Path) -> CString {
    CString::new(p.as_os_str().as_bytes()).unwrap()
}

fn sh(script: &str) {
    let o = Command::new("sh").arg("-c").arg(script).output().unwrap();
    assert!(
        o.status.success(),
        "{script}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
}

struct Fs(PathBuf);
impl Drop for Fs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.0.join("mnt")).status();
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Samba's state directory as the hooks are told it: the test's own, so
/// that what rvss keeps there (the snapshot directories used, the audit
/// trail) never reaches the host's /var/lib/samba.
static STATE_DIR: std::sync::OnceLock<CString> = std::sync::OnceLock::new();

fn share_for(name: &CString, path: &CString) -> Share {
    Share {
        name: name.as_ptr(),
        path: path.as_ptr(),
        ctx: std::ptr::null_mut(),
        option: None,
        state_dir: STATE_DIR
            .get()
            .expect("the inner test sets STATE_DIR")
            .as_ptr(),
        // Nor is the host's FSRVP state read (no srv_fss.tdb there).
        lock_dir: STATE_DIR
            .get()
            .expect("the inner test sets STATE_DIR")
            .as_ptr(),
        uid: -1,
    }
}

fn check(share: &Share) -> (u32, String) {
    let mut buf = vec![0 as c_char; 4097];
    // SAFETY: the share's strings live across the call; buf is 4097 bytes.
    let st = unsafe { rvss_check_path(share, buf.as_mut_ptr(), buf.len()) };
    // SAFETY: on success the function wrote a NUL-terminated string.
    let s = unsafe { std::ffi::CStr::from_ptr(buf.as_ptr()) }
        .to_string_lossy()
        .into_owned();
    (st, s)
}

fn create(share: &Share, base: &CString, t: i64) -> (u32, String) {
    let (mut bp, mut sp) = (vec![0 as c_char; 4097], vec![0 as c_char; 4097]);
    let mut ts: i64 = t;
    // SAFETY: all pointers are valid for the call; buffers hold 4097 bytes.
    let st = unsafe {
        rvss_snap_create(
            share,
            base.as_ptr(),
            &mut ts,
            false,
            bp.as_mut_ptr(),
            4097,
            sp.as_mut_ptr(),
            4097,
        )
    };
    // SAFETY: the buffer is NUL-terminated (zeroed, or written on success).
    (
        st,
        unsafe { std::ffi::CStr::from_ptr(sp.as_ptr()) }
            .to_string_lossy()
            .into_owned(),
    )
}

fn delete(share: &Share, base: &CString, snap: *const c_char) -> u32 {
    // SAFETY: share and base live across the call; snap is NULL or valid.
    unsafe { rvss_snap_delete(share, base.as_ptr(), snap) }
}

#[test]
#[ignore = "runs inside its own mount namespace; started by hostile_input_at_the_hook_entry_points"]
fn inner_hostile_hooks() {
    assert!(
        std::env::var_os(INNER_ENV).is_some(),
        "run through hostile_input_at_the_hook_entry_points"
    );
    let dir = PathBuf::from(format!("/tmp/rvss-hostile-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("mnt")).unwrap();
    let _guard = Fs(dir.clone());
    let mnt = dir.join("mnt");
    std::fs::create_dir_all(dir.join("state")).unwrap();
    STATE_DIR.set(c(&dir.join("state"))).unwrap();
    sh(&format!(
        "truncate -s 300M {0}/img && mkfs.btrfs -q {0}/img && mount -o loop {0}/img {1}",
        dir.display(),
        mnt.display()
    ));
    let vol = mnt.join("vol1");
    sh(&format!(
        "btrfs subvolume create {0} >/dev/null && mkdir -p {0}/vm {0}/userdata && echo precious > {0}/vm/disk.vhdx && echo mine > {0}/userdata/f",
        vol.display()
    ));
    let name = CString::new("vm").unwrap();
    let vm = c(&vol.join("vm"));
    let share = share_for(&name, &vm);

    let (st, base) = check(&share);
    assert_eq!(st, 0, "check_path");
    let base = CString::new(base).unwrap();
    let (st, legit) = create(&share, &base, 1_764_064_800);
    assert_eq!(st, 0, "snap_create");
    // What rvss keeps in the state directory went to the one it was told.
    let kept: Vec<_> = std::fs::read_dir(dir.join("state"))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        kept.contains(&"rvss-snapshot-dirs".to_string())
            && kept.contains(&"rvss-history".to_string()),
        "{kept:?}"
    );
    let snapdir = mnt.join(".rvss/vol1");
    // A snapshot rvss did not make, and a symlink into user data.
    sh(&format!(
        "btrfs subvolume snapshot -r {} {}/@GMT-2000.01.01-00.00.00 >/dev/null",
        vol.display(),
        snapdir.display()
    ));
    sh(&format!(
        "ln -s {} {}/evil",
        vol.display(),
        snapdir.display()
    ));

    // rvss's own answer for each (not merely some error: the kernel would
    // refuse several of these without rvss).
    let hostile: Vec<(&str, Option<CString>, rvss_core::ntstatus::Status)> = vec![
        (
            "outside the snapshot directory",
            Some(CString::new("/etc").unwrap()),
            ACCESS_DENIED,
        ),
        (
            "with ..",
            Some(CString::new(format!("{legit}/../../../vol1")).unwrap()),
            INVALID_PARAMETER,
        ),
        (
            "a symlink into user data",
            Some(c(&snapdir.join("evil"))),
            OBJECT_NAME_NOT_FOUND,
        ),
        (
            "the base share's own path",
            Some(c(&vol.join("vm"))),
            ACCESS_DENIED,
        ),
        ("the subvolume itself", Some(c(&vol)), ACCESS_DENIED),
        (
            "a snapshot rvss did not create",
            Some(c(&snapdir.join("@GMT-2000.01.01-00.00.00"))),
            OBJECT_NAME_NOT_FOUND,
        ),
        (
            "an empty path",
            Some(CString::new("").unwrap()),
            INVALID_PARAMETER,
        ),
        (
            "a relative path",
            Some(CString::new(".rvss/vol1").unwrap()),
            INVALID_PARAMETER,
        ),
        (
            "the snapshot directory",
            Some(c(&mnt.join(".rvss"))),
            ACCESS_DENIED,
        ),
        ("NULL", None, INVALID_PARAMETER),
    ];
    for (what, p, status) in &hostile {
        let ptr = p.as_ref().map_or(std::ptr::null(), |c| c.as_ptr());
        assert_eq!(
            delete(&share, &base, ptr),
            *status,
            "snap_delete with {what}"
        );
    }
    // SAFETY: a NULL share must be refused, not dereferenced.
    let st = unsafe { rvss_snap_delete(std::ptr::null(), base.as_ptr(), base.as_ptr()) };
    assert_eq!(st, INVALID_PARAMETER);
    // SAFETY: as above, for the other entry points.
    let st = unsafe { rvss_check_path(std::ptr::null(), std::ptr::null_mut(), 0) };
    assert_eq!(st, INVALID_PARAMETER);

    // A snapshot that is already gone is deleted successfully (Samba's
    // state must always be clearable), touching nothing.
    let gone = c(&snapdir.join("@GMT-2001.01.01-00.00.00"));
    assert_eq!(
        delete(&share, &base, gone.as_ptr()),
        0,
        "snap_delete of a snapshot that is already gone must succeed"
    );

    // Nothing was touched.
    assert_eq!(
        std::fs::read_to_string(vol.join("vm/disk.vhdx")).unwrap(),
        "precious\n"
    );
    assert_eq!(
        std::fs::read_to_string(vol.join("userdata/f")).unwrap(),
        "mine\n"
    );
    assert!(
        snapdir.join("@GMT-2000.01.01-00.00.00").is_dir(),
        "a foreign snapshot was deleted"
    );
    assert!(
        Path::new(&legit).is_dir(),
        "the legitimate snapshot was deleted"
    );

    // Share paths: spaces and newlines work; non-UTF-8 and overlong paths
    // are refused with a clear status, never a crash.
    let odd = vol.join("with space\nand newline");
    std::fs::create_dir_all(&odd).unwrap();
    let odd_c = c(&odd);
    let (st, bv) = check(&share_for(&name, &odd_c));
    assert_eq!(st, 0);
    let (st, sp) = create(
        &share_for(&name, &odd_c),
        &CString::new(bv).unwrap(),
        1_764_064_800,
    );
    assert_eq!(st, 0);
    assert!(
        Path::new(&sp).is_dir() && sp.ends_with("with space\nand newline"),
        "{sp:?}"
    );
    let bad = CString::new(vec![b'/', b't', b'm', b'p', b'/', 0xff, 0xfe]).unwrap();
    assert_eq!(check(&share_for(&name, &bad)).0, INVALID_PARAMETER);
    let mut deep = vol.clone();
    // Valid (under PATH_MAX) itself, but its shadow copy path is longer.
    while deep.as_os_str().len() < 4075 {
        let room = 4085 - deep.as_os_str().len() - 1;
        deep = deep.join("d".repeat(room.min(200)));
    }
    std::fs::create_dir_all(&deep).unwrap();
    let deep_c = c(&deep);
    let (st, bv) = check(&share_for(&name, &deep_c));
    assert_eq!(st, 0, "a deep but valid share path is supported");
    let before = std::fs::read_dir(&snapdir).unwrap().count();
    let (st, _) = create(
        &share_for(&name, &deep_c),
        &CString::new(bv).unwrap(),
        1_764_064_900,
    );
    assert_eq!(
        st, INVALID_PARAMETER,
        "a shadow copy path past PATH_MAX must be refused"
    );
    assert_eq!(
        std::fs::read_dir(&snapdir).unwrap().count(),
        before,
        "a refused create left something behind"
    );

    // The legitimate delete still works.
    let legit_c = CString::new(legit.clone()).unwrap();
    assert_eq!(delete(&share, &base, legit_c.as_ptr()), 0);
    assert!(!Path::new(&legit).exists());
}
