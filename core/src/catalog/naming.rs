//! Entry file names: the snapshot's path (relative to the catalog's key
//! root) encoded so that it is one file name, and decoded again by `rvss
//! repair` to find the snapshot of an entry that no longer parses. Pure
//! byte logic, apart from the store so that it is tested on its own.

use std::ffi::{OsStr, OsString};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::path::{Path, PathBuf};

/// The suffix of every entry file (anything else in catalog.d is ignored).
pub(super) const ENTRY_SUFFIX: &str = ".json";
/// Entry file names longer than this are hashed (NAME_MAX is 255).
const MAX_PLAIN_NAME: usize = 200;

/// The entry file name of the snapshot at `rel` (relative to the snapshot
/// directory): the path with every byte outside `[A-Za-z0-9@._-]` escaped
/// as `%XX`, so that it can be read back by `rvss repair`; a hash where that
/// would be too long or would start with a dot (hidden names are the
/// store's temporary files; the entry itself then says which snapshot it
/// is).
pub fn entry_name(rel: &Path) -> OsString {
    let mut name = Vec::with_capacity(rel.as_os_str().len() + 8);
    for &b in rel.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'@' | b'.' | b'_' | b'-') {
            name.push(b);
        } else {
            name.extend_from_slice(format!("%{b:02X}").as_bytes());
        }
    }
    if name.len() > MAX_PLAIN_NAME || name.first() == Some(&b'.') {
        let h = fnv1a(rel.as_os_str().as_bytes(), 0xcbf2_9ce4_8422_2325);
        let h2 = fnv1a(rel.as_os_str().as_bytes(), 0x6c62_272e_07bb_0142);
        name = format!("h-{h:016x}{h2:016x}").into_bytes();
    }
    name.extend_from_slice(ENTRY_SUFFIX.as_bytes());
    OsString::from_vec(name)
}

fn fnv1a(bytes: &[u8], seed: u64) -> u64 {
    bytes.iter().fold(seed, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The relative snapshot path an entry file name stands for (None for a
/// hashed or foreign name).
pub fn rel_of_entry_name(name: &OsStr) -> Option<PathBuf> {
    let b = name.as_bytes().strip_suffix(ENTRY_SUFFIX.as_bytes())?;
    if b.starts_with(b"h-") && !b.contains(&b'%') && b.len() == 34 {
        return None;
    }
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    Some(PathBuf::from(OsString::from_vec(out)))
}
