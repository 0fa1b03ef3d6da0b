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

/// `Path::starts_with` for normalized absolute paths (the kernel's mount
/// points, canonicalized share paths): whether `path` is `base` or lies
/// below it. Compares bytes instead of components: the hooks ask this of
/// every mount of the host at each call.
pub fn is_within(path: &Path, base: &Path) -> bool {
    let (p, b) = (path.as_os_str().as_bytes(), base.as_os_str().as_bytes());
    match p.strip_prefix(b) {
        Some(rest) => rest.is_empty() || rest[0] == b'/' || b.ends_with(b"/"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::is_within;
    use std::path::Path;

    #[test]
    fn is_within_agrees_with_starts_with_on_normalized_paths() {
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
        ];
        for (p, b) in cases {
            let (p, b) = (Path::new(p), Path::new(b));
            assert_eq!(is_within(p, b), p.starts_with(b), "{p:?} within {b:?}");
        }
    }
}
