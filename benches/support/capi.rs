//! Calls rvss's exported C API in-process, the way the Samba shim does:
//! `rvss_check_path`, `rvss_snap_create`, `rvss_snap_delete` with an
//! `rvss_share` whose option callback is NULL (every option at its default).
//! Must run in a mount namespace that sees the share's btrfs mount (rvss
//! reads /proc/self/mountinfo): the benches call it from an inner step.

use rvss::ffi::{rvss_check_path, rvss_share, rvss_snap_create, rvss_snap_delete};
use std::ffi::{c_char, CStr, CString};
use std::path::Path;

/// Output buffer size of include/rvss.h's RVSS_PATH_BUF.
const PATH_BUF: usize = 4097;

/// A share as the shim would describe it, with its checked base volume.
pub struct HookShare {
    name: CString,
    path: CString,
    base_volume: CString,
}

/// What a create handed back: the arguments of the matching delete.
pub struct Snapshot {
    pub base_path: CString,
    pub snap_path: CString,
    pub tstamp: i64,
}

fn c(s: &str) -> CString {
    CString::new(s).expect("no NUL in bench strings")
}

fn from_buf(buf: &[c_char]) -> CString {
    // SAFETY: rvss wrote a NUL-terminated string into the buffer (status OK),
    // and the buffer was zeroed, so a NUL exists within its bounds.
    unsafe { CStr::from_ptr(buf.as_ptr()) }.to_owned()
}

impl HookShare {
    /// Describes the share and runs snap_check_path, as AddToShadowCopySet does.
    pub fn new(name: &str, path: &Path) -> HookShare {
        let mut s = HookShare {
            name: c(name),
            path: c(path.to_str().expect("UTF-8 path")),
            base_volume: CString::default(),
        };
        let mut buf = vec![0 as c_char; PATH_BUF];
        let share = s.raw();
        // SAFETY: `share` points to strings owned by `s`, alive for the call;
        // the option callback is NULL, which rvss.h allows; `buf` is valid
        // for PATH_BUF bytes of writes.
        let st = unsafe { rvss_check_path(&share, buf.as_mut_ptr(), buf.len()) };
        assert_eq!(st, 0, "rvss_check_path({name}) = {st:#010x}");
        s.base_volume = from_buf(&buf);
        s
    }

    fn raw(&self) -> rvss_share {
        rvss_share {
            name: self.name.as_ptr(),
            path: self.path.as_ptr(),
            ctx: std::ptr::null_mut(),
            option: None,
            state_dir: std::ptr::null(),
            lock_dir: std::ptr::null(),
            uid: -1,
        }
    }

    pub fn base_volume(&self) -> &CStr {
        &self.base_volume
    }

    /// snap_create, read-only, for `tstamp`; panics on a non-OK status.
    pub fn create(&self, tstamp: i64) -> Snapshot {
        let share = self.raw();
        let mut ts: i64 = tstamp;
        let mut base_path = vec![0 as c_char; PATH_BUF];
        let mut snap_path = vec![0 as c_char; PATH_BUF];
        // SAFETY: `share` and `base_volume` point to NUL-terminated strings
        // owned by `self`; `ts` is a live int64_t; both output buffers are
        // valid for PATH_BUF bytes of writes; all outlive the call.
        let st = unsafe {
            rvss_snap_create(
                &share,
                self.base_volume.as_ptr(),
                &mut ts,
                false,
                base_path.as_mut_ptr(),
                base_path.len(),
                snap_path.as_mut_ptr(),
                snap_path.len(),
            )
        };
        assert_eq!(st, 0, "rvss_snap_create = {st:#010x}");
        Snapshot {
            base_path: from_buf(&base_path),
            snap_path: from_buf(&snap_path),
            tstamp: ts,
        }
    }

    /// snap_delete of what `create` returned; panics on a non-OK status.
    pub fn delete(&self, snap: &Snapshot) {
        let share = self.raw();
        // SAFETY: every pointer is a NUL-terminated string owned by `self`
        // or `snap`, alive for the call.
        let st =
            unsafe { rvss_snap_delete(&share, snap.base_path.as_ptr(), snap.snap_path.as_ptr()) };
        assert_eq!(st, 0, "rvss_snap_delete = {st:#010x}");
    }
}

/// Unix time now.
pub fn now() -> i64 {
    rvss::gmt::now()
}
