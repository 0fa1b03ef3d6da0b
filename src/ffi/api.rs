//! The rvss_* functions of include/rvss.h: the shim's hooks call these.

use super::c_api::rvss_share;
use super::guard;
use crate::audit;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::fsrvp_state;
use crate::hooks;
use crate::logging;
use crate::ntstatus::{self, Status};
use crate::share::{Deleted, Share};
use std::ffi::{c_char, CStr, CString};
use std::fmt;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

/// An owned copy of what the shim passed, with the share's options parsed.
struct ShimArgs {
    name: String,
    path: PathBuf,
    config: Result<Config>,
    /// Who asked (the uid the hook was called as), for the audit trail;
    /// named only by the hooks that record it (a name service lookup can
    /// be a winbind round trip).
    uid: Option<u32>,
}

/// Reads a C string argument; a NULL or non-UTF-8 one is a clear error.
///
/// # Safety
/// `p` is NULL or points to a NUL-terminated string valid for the call.
unsafe fn arg(p: *const c_char, what: &str) -> Result<String> {
    if p.is_null() {
        return Err(Error::invalid(format!("{what} is NULL")));
    }
    // SAFETY: non-NULL and NUL-terminated per this function's contract.
    let s = unsafe { CStr::from_ptr(p) };
    s.to_str().map(str::to_string).map_err(|_| {
        Error::invalid(format!(
            "{what} {:?} is not valid UTF-8",
            s.to_string_lossy()
        ))
    })
}

/// Also tells the core where Samba keeps its state and lock files (the
/// share's `state_dir` and `lock_dir`), so that the hooks and the CLI use
/// the same files.
///
/// # Safety
/// `share` is NULL or points to an rvss_share whose strings, context and
/// option callback are valid for the duration of the hook.
unsafe fn hook_share(share: *const rvss_share) -> Result<ShimArgs> {
    // SAFETY: per this function's contract.
    let s = unsafe { share.as_ref() }.ok_or_else(|| Error::invalid("share is NULL"))?;
    // SAFETY: the shim passes Samba's NUL-terminated share name and path.
    let name = unsafe { arg(s.name, "share name") }.unwrap_or_else(|_| "?".into());
    // SAFETY: as above.
    let path = PathBuf::from(unsafe { arg(s.path, "share path") }?);
    if !s.state_dir.is_null() {
        // SAFETY: non-NULL: Samba's NUL-terminated lp_state_directory(),
        // valid for the hook.
        let dir = unsafe { CStr::from_ptr(s.state_dir) };
        hooks::use_state_dir(std::path::Path::new(std::ffi::OsStr::from_bytes(
            dir.to_bytes(),
        )));
    }
    if !s.lock_dir.is_null() {
        // SAFETY: non-NULL: Samba's NUL-terminated lp_lock_directory(),
        // valid for the hook.
        let dir = unsafe { CStr::from_ptr(s.lock_dir) };
        hooks::use_lock_dir(std::path::Path::new(std::ffi::OsStr::from_bytes(
            dir.to_bytes(),
        )));
    }
    let (ctx, option) = (s.ctx, s.option);
    let get = |key: &str| -> Option<String> {
        let f = option?;
        let key = CString::new(key).ok()?;
        // SAFETY: the callback and its context come from the shim, valid for
        // the hook; it returns NULL or a string Samba owns for the hook.
        let v = unsafe { f(ctx, key.as_ptr()) };
        // SAFETY: NULL was excluded; Samba's strings are NUL-terminated.
        (!v.is_null()).then(|| unsafe { CStr::from_ptr(v) }.to_string_lossy().into_owned())
    };
    let config = Config::from_options(get);
    // Who asked: the uid the hook was called as (named by the audited
    // hooks only).
    let uid = u32::try_from(s.uid).ok();
    Ok(ShimArgs {
        name,
        path,
        config,
        uid,
    })
}

/// Copies `s` and a NUL into the caller's buffer.
///
/// # Safety
/// `buf` is NULL or valid for writes of `len` bytes.
unsafe fn copy_out(s: &str, buf: *mut c_char, len: usize) -> Result<()> {
    if buf.is_null() || s.len() >= len || s.as_bytes().contains(&0) {
        return Err(Error::new(
            ntstatus::BUFFER_TOO_SMALL,
            format!("path {s:?} does not fit the shim's buffer"),
        ));
    }
    // SAFETY: `buf` holds `len` > s.len() bytes per the contract and the check.
    unsafe {
        std::ptr::copy_nonoverlapping(s.as_ptr().cast::<c_char>(), buf, s.len());
        *buf.add(s.len()) = 0;
    }
    Ok(())
}

/// A hook's outcome line, formatted only if Samba's level prints it.
struct Lazy<F>(F);

impl<F: Fn(&mut fmt::Formatter<'_>) -> fmt::Result> fmt::Display for Lazy<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

/// Logs the outcome (one line, a failure ending in the status as Samba
/// names it: "…: NT_STATUS_NOT_SUPPORTED (0xc00000bb)") and returns its
/// NTSTATUS.
fn finish(op: &str, share: &str, r: Result<impl fmt::Display>) -> Status {
    match r {
        Ok(line) => {
            log::info!("{share}: {op}: {line}");
            ntstatus::OK
        }
        Err(e) => {
            if e.status == ntstatus::NOT_SUPPORTED || e.status == ntstatus::OBJECT_NAME_NOT_FOUND {
                log::warn!("{share}: {op}: {e}: {:?}", e.status);
            } else {
                log::error!("{share}: {op}: {e}: {:?}", e.status);
            }
            e.status
        }
    }
}

fn share_name(s: &Result<ShimArgs>) -> String {
    s.as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_else(|_| "?".into())
}

impl ShimArgs {
    /// The share as the core's hooks take it, or why its options are invalid.
    fn share(self) -> Result<Share> {
        Ok(Share::new(self.name, self.path, self.config?))
    }
}

/// The frame of every hook: the log level taken from Samba's, panics
/// caught, the share read (`read_share`), the outcome logged in one line and
/// answered as an NTSTATUS.
fn run_hook<T: fmt::Display>(
    op: &str,
    read_share: impl FnOnce() -> Result<ShimArgs>,
    body: impl FnOnce(ShimArgs) -> Result<T>,
) -> u32 {
    logging::follow_samba_level();
    guard(op, || {
        let hs = read_share();
        let name = share_name(&hs);
        finish(op, &name, hs.and_then(body))
    })
}

/// What an audited hook found out for its record: the snapshot and what
/// became of it (left None and empty when it failed before knowing).
#[derive(Default)]
struct Trail {
    snapshot: Option<String>,
    outcome: String,
}

/// `run_hook` for the hooks that make and delete shadow copies: each call
/// also leaves one audit record (`crate::audit`), whatever its outcome.
fn run_audited_hook<T: fmt::Display>(
    op: audit::Op,
    read_share: impl FnOnce() -> Result<ShimArgs>,
    body: impl FnOnce(ShimArgs, &mut Trail) -> Result<T>,
) -> u32 {
    logging::follow_samba_level();
    guard(op.hook(), || {
        let started = std::time::SystemTime::now();
        let clock = std::time::Instant::now();
        let hs = read_share();
        let name = share_name(&hs);
        let user = hs.as_ref().ok().and_then(|s| s.uid).map(audit::user_name);
        let mut trail = Trail::default();
        let outcome = hs.and_then(|hs| body(hs, &mut trail));
        let why = outcome.as_ref().err().map(|e| e.message.clone());
        let status = finish(op.hook(), &name, outcome);
        let ids = match (op, &trail.snapshot) {
            (audit::Op::Delete, Some(snapshot)) => shadow_copy_of(snapshot),
            // Samba stores a new set's ids only after the commit: `rvss
            // list --history` finds them later by the snapshot's path.
            _ => None,
        };
        audit::record(&audit::Record {
            time: audit::timestamp(started),
            op,
            share: name,
            set: ids.as_ref().map(|c| c.set.clone()),
            shadow_copy: ids.map(|c| c.shadow_copy),
            snapshot: trail.snapshot,
            user,
            status: audit::status_name(status),
            outcome: why.unwrap_or(trail.outcome),
            ms: clock.elapsed().as_secs_f64() * 1e3,
        });
        status
    })
}

/// The shadow copy set and shadow copy Samba's FSRVP server recorded for
/// `snapshot`; None (and a debug line) when its state does not say.
fn shadow_copy_of(snapshot: &str) -> Option<fsrvp_state::ShadowCopy> {
    match fsrvp_state::find(snapshot) {
        Ok(Some(c)) => Some(c),
        Ok(None) => {
            log::debug!("audit: Samba's FSRVP state names no shadow copy {snapshot}");
            None
        }
        Err(e) => {
            log::debug!("audit: reading Samba's FSRVP state: {e}");
            None
        }
    }
}

/// # Safety
/// `share` as for `hook_share`; `base_volume` valid for `len` bytes.
#[no_mangle]
pub unsafe extern "C" fn rvss_check_path(
    share: *const rvss_share,
    base_volume: *mut c_char,
    len: usize,
) -> u32 {
    run_hook(
        "snap_check_path",
        // SAFETY: forwarded from the caller's contract.
        || unsafe { hook_share(share) },
        |hs| {
            log::debug!(
                "{}: snap_check_path: share path {}, {}",
                hs.name,
                hs.path.display(),
                match &hs.config {
                    Ok(c) => format!("options {c:?}"),
                    Err(e) => format!("invalid options: {e}"),
                }
            );
            let share = hs.share()?;
            let bv = hooks::check_path(&share)?;
            // SAFETY: forwarded from the caller's contract.
            unsafe { copy_out(&bv, base_volume, len) }?;
            let path = share.path;
            Ok(Lazy(move |f: &mut fmt::Formatter<'_>| {
                write!(f, "{} supported, base volume {bv}", path.display())
            }))
        },
    )
}

/// # Safety
/// `share` as for `hook_share`; `base_volume` NUL-terminated; `tstamp`
/// valid for reads and writes; the output buffers valid for their lengths.
#[no_mangle]
pub unsafe extern "C" fn rvss_snap_create(
    share: *const rvss_share,
    base_volume: *const c_char,
    tstamp: *mut i64,
    rw: bool,
    base_path: *mut c_char,
    base_path_len: usize,
    snap_path: *mut c_char,
    snap_path_len: usize,
) -> u32 {
    run_audited_hook(
        audit::Op::Create,
        // SAFETY: forwarded from the caller's contract.
        || unsafe { hook_share(share) },
        |hs, trail| {
            let share = hs.share()?;
            // SAFETY: forwarded from the caller's contract.
            let bv = unsafe { arg(base_volume, "base volume") }?;
            // SAFETY: NULL-checked; valid for reads and writes per contract.
            let ts = unsafe { tstamp.as_mut() }.ok_or_else(|| Error::invalid("tstamp is NULL"))?;
            log::debug!(
                "{}: snap_create: base volume {bv}, requested time {}, {}",
                share.name,
                *ts,
                if rw { "writable" } else { "read-only" }
            );
            let c = hooks::create(&share, &bv, *ts, rw)?;
            trail.snapshot = Some(c.snap_path.clone());
            trail.outcome = if rw { "writable" } else { "read-only" }.into();
            // SAFETY: forwarded from the caller's contract.
            unsafe { copy_out(&c.base_path, base_path, base_path_len) }?;
            // SAFETY: forwarded from the caller's contract.
            unsafe { copy_out(&c.snap_path, snap_path, snap_path_len) }?;
            *ts = c.tstamp;
            Ok(Lazy(move |f: &mut fmt::Formatter<'_>| {
                let mode = if rw { "writable" } else { "read-only" };
                write!(f, "{bv} -> {} ({mode})", c.snap_path)
            }))
        },
    )
}

/// # Safety
/// `share` as for `hook_share`; both paths NUL-terminated.
#[no_mangle]
pub unsafe extern "C" fn rvss_snap_delete(
    share: *const rvss_share,
    base_path: *const c_char,
    snap_path: *const c_char,
) -> u32 {
    run_audited_hook(
        audit::Op::Delete,
        // SAFETY: forwarded from the caller's contract.
        || unsafe { hook_share(share) },
        |hs, trail| {
            let share = hs.share()?;
            // SAFETY: forwarded from the caller's contract.
            let bp = unsafe { arg(base_path, "base path") }?;
            // SAFETY: forwarded from the caller's contract.
            let sp = unsafe { arg(snap_path, "snapshot path") }?;
            log::debug!(
                "{}: snap_delete: base path {bp}, snapshot path {sp}",
                share.name
            );
            trail.snapshot = Some(sp.clone());
            let d = hooks::delete(&share, &bp, &sp)?;
            trail.outcome = match d {
                Deleted::Destroyed => "destroyed",
                Deleted::Retained => "retained",
            }
            .into();
            Ok(Lazy(move |f: &mut fmt::Formatter<'_>| match d {
                Deleted::Destroyed => write!(f, "deleted {sp}"),
                Deleted::Retained => {
                    write!(f, "kept {sp} as a read-only backup (rvss:retain)")
                }
            }))
        },
    )
}
