//! Reading a Samba TDB file with Samba's own library (libtdb, Debian's
//! libtdb1, which every Samba installation has): for the audit trail, the
//! FSRVP server's state (`fsrvp_state`).
//!
//! The library is opened with dlopen rather than linked: inside Samba's
//! processes it is already loaded (dlopen returns that copy), and the CLI
//! and the unit tests build and run on machines without it, where the
//! reader reports it missing.

use std::ffi::{c_char, c_int, c_uint, c_void, CString};
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::sync::OnceLock;

/// The soname of libtdb 1.x.
const LIBRARY: &[u8] = b"libtdb.so.1\0";

/// tdb.h's TDB_DATA, passed by value.
#[repr(C)]
#[derive(Clone, Copy)]
struct TdbData {
    dptr: *mut u8,
    dsize: usize,
}

type TraverseFn = unsafe extern "C" fn(*mut c_void, TdbData, TdbData, *mut c_void) -> c_int;
type OpenFn = unsafe extern "C" fn(*const c_char, c_int, c_int, c_int, c_uint) -> *mut c_void;
type TraverseReadFn = unsafe extern "C" fn(*mut c_void, TraverseFn, *mut c_void) -> c_int;
type CloseFn = unsafe extern "C" fn(*mut c_void) -> c_int;

/// libtdb's three functions rvss uses.
struct Library {
    open: OpenFn,
    traverse_read: TraverseReadFn,
    close: CloseFn,
}

/// tdb.h's TDB_DEFAULT.
const TDB_DEFAULT: c_int = 0;

fn library() -> Option<&'static Library> {
    static LIB: OnceLock<Option<Library>> = OnceLock::new();
    LIB.get_or_init(|| {
        // SAFETY: LIBRARY is NUL-terminated; dlopen either returns a handle
        // to libtdb (the copy Samba loaded, in Samba's processes) or NULL.
        // The handle is never closed: the function pointers stay valid for
        // the process's lifetime.
        let handle = unsafe { libc::dlopen(LIBRARY.as_ptr().cast(), libc::RTLD_NOW) };
        if handle.is_null() {
            return None;
        }
        let sym = |name: &[u8]| {
            // SAFETY: `handle` is a live dlopen handle and `name` is
            // NUL-terminated.
            let p = unsafe { libc::dlsym(handle, name.as_ptr().cast()) };
            (!p.is_null()).then_some(p)
        };
        let (open, traverse_read, close) = (
            sym(b"tdb_open\0")?,
            sym(b"tdb_traverse_read\0")?,
            sym(b"tdb_close\0")?,
        );
        // SAFETY: the symbols are libtdb's functions of these signatures
        // (tdb.h, stable across libtdb 1.x).
        unsafe {
            Some(Library {
                open: std::mem::transmute::<*mut c_void, OpenFn>(open),
                traverse_read: std::mem::transmute::<*mut c_void, TraverseReadFn>(traverse_read),
                close: std::mem::transmute::<*mut c_void, CloseFn>(close),
            })
        }
    })
    .as_ref()
}

/// Called by libtdb once per record: copies it into the Vec behind `out`.
unsafe extern "C" fn collect(
    _tdb: *mut c_void,
    key: TdbData,
    value: TdbData,
    out: *mut c_void,
) -> c_int {
    let copy = |d: TdbData| {
        if d.dptr.is_null() {
            Vec::new()
        } else {
            // SAFETY: libtdb passes a record's key and value valid for
            // `dsize` bytes during the callback.
            unsafe { std::slice::from_raw_parts(d.dptr, d.dsize) }.to_vec()
        }
    };
    // SAFETY: `out` is the &mut Vec `records` passed to tdb_traverse_read,
    // alive and not otherwise borrowed during the traverse.
    let out = unsafe { &mut *out.cast::<Vec<(Vec<u8>, Vec<u8>)>>() };
    out.push((copy(key), copy(value)));
    0
}

/// Every (key, value) record of the TDB file at `path`, opened read-only
/// (libtdb takes no locks on a read-only database, and writes nothing).
/// NotFound when the file does not exist, Unsupported when libtdb is not
/// installed.
pub fn records(path: &Path) -> io::Result<Vec<(Vec<u8>, Vec<u8>)>> {
    let lib = library().ok_or_else(|| {
        io::Error::new(io::ErrorKind::Unsupported, "libtdb.so.1 is not installed")
    })?;
    let name = CString::new(path.as_os_str().as_bytes())
        .map_err(|_| io::Error::new(io::ErrorKind::InvalidInput, "path holds a NUL byte"))?;
    // SAFETY: `name` is NUL-terminated and outlives the call; read-only
    // opening creates nothing.
    let tdb = unsafe { (lib.open)(name.as_ptr(), 0, TDB_DEFAULT, libc::O_RDONLY, 0) };
    if tdb.is_null() {
        return Err(io::Error::last_os_error());
    }
    let mut records: Vec<(Vec<u8>, Vec<u8>)> = Vec::new();
    // SAFETY: `tdb` is the open database; `collect` matches libtdb's
    // traverse callback and gets `records` as its private pointer, which
    // outlives the traverse.
    let n = unsafe { (lib.traverse_read)(tdb, collect, (&mut records as *mut Vec<_>).cast()) };
    let err = io::Error::last_os_error();
    // SAFETY: `tdb` is open and closed exactly once.
    unsafe { (lib.close)(tdb) };
    if n < 0 {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("{}: libtdb cannot traverse it ({err})", path.display()),
        ));
    }
    Ok(records)
}
