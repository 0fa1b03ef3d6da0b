//! Path rules every layer shares.

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
