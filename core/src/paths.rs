//! Path rules every layer shares.

use std::os::unix::ffi::OsStrExt;
use std::path::{Component, Path, PathBuf};

/// `base/rel` without a trailing slash when `rel` is empty.
pub fn join_rel(base: &Path, rel: &Path) -> PathBuf {
    if rel.as_os_str().is_empty() {
        base.to_path_buf()
    } else {
        base.join(rel)
    }
}

/// Whether an absolute path holds `.` or `..` components or is relative.
pub fn is_plain_absolute(p: &Path) -> bool {
    p.is_absolute()
        && p.components()
            .all(|c| matches!(c, Component::RootDir | Component::Normal(_)))
}

/// A path as a catalog records it: text, lossily (layouts refuse paths that
/// are not UTF-8 before anything is recorded).
pub fn text(p: &Path) -> String {
    p.to_string_lossy().into_owned()
}

/// `Path::starts_with`: whether `path` is `base` or lies below it. The
/// hooks ask this of every mount of the host at each call, so plain
/// absolute paths (what the kernel reports, what is canonicalized: no `//`,
/// no `.` component, no trailing slash) are compared as bytes; any other
/// goes through `Path::starts_with`'s component walk.
pub fn is_within(path: &Path, base: &Path) -> bool {
    let (p, b) = (path.as_os_str().as_bytes(), base.as_os_str().as_bytes());
    if !(is_plain_bytes(p) && is_plain_bytes(b)) {
        return path.starts_with(base);
    }
    if b == b"/" {
        return true;
    }
    match p.strip_prefix(b) {
        Some(rest) => rest.is_empty() || rest[0] == b'/',
        None => false,
    }
}

/// Whether `p` is written as realpath(3) writes paths: absolute, its
/// components joined by single slashes, no `.` or `..` component, no
/// trailing slash. Such a path with no link on the way is its own real path.
pub fn is_canonical_form(p: &Path) -> bool {
    let b = p.as_os_str().as_bytes();
    is_plain_bytes(b) && !b.ends_with(b"/..") && !b.windows(4).any(|w| w == b"/../")
}

/// An absolute path whose bytes are its components joined by single
/// slashes: no `//`, no `.` component, no trailing slash (but `/`).
fn is_plain_bytes(b: &[u8]) -> bool {
    b.starts_with(b"/")
        && (b.len() == 1 || !b.ends_with(b"/"))
        && !b.ends_with(b"/.")
        && !b.windows(2).any(|w| w == b"//")
        && !b.windows(3).any(|w| w == b"/./")
}

#[cfg(test)]
mod tests {
    use super::is_within;
    use std::path::Path;

    #[test]
    fn is_within_agrees_with_starts_with() {
        let cases = [
            ("/srv/share", "/srv"),
            ("/srv", "/srv"),
            ("/srvx", "/srv"),
            ("/srv/share/a", "/srv/share"),
            ("/srv/sharea", "/srv/share"),
            ("/", "/"),
            ("/srv", "/"),
            ("/srv", "/srv/share"),
            ("/tmp/rvss-e2e-x/fs/vol1", "/tmp/rvss-e2e-x/fs"),
            // Not plain: the component walk decides (a fuzzed mountinfo
            // found the trailing slash).
            ("/srv/pool", "/srv/pool/"),
            ("/srv/pool/a", "/srv/pool/"),
            ("/srv//pool/a", "/srv/pool"),
            ("/srv/./pool", "/srv/pool"),
            ("/srv/pool/.", "/srv/pool"),
            ("/srv/pool", "/srv/pool/."),
            ("/srv/../pool", "/srv"),
            ("srv/pool", "srv"),
            ("srv/pool", "/srv"),
            ("/srv/pool", ""),
            ("", "/"),
        ];
        for (p, b) in cases {
            let (p, b) = (Path::new(p), Path::new(b));
            assert_eq!(is_within(p, b), p.starts_with(b), "{p:?} within {b:?}");
        }
    }
}
