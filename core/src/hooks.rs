//! The three FSRVP hooks (is a share supported, make a shadow copy, delete
//! one): the share's backend resolved once, the call dispatched once. The
//! FFI layer (src/ffi) calls these.

use crate::backend::Registry;
use crate::error::Result;
use crate::share::{Created, Deleted, Share};
use std::path::Path;

/// snap_check_path: the share's base volume when rvss can shadow-copy it.
pub fn check_path(share: &Share) -> Result<String> {
    check_path_with(&Registry::builtin(), share)
}

/// snap_create: a snapshot of `base_volume`, read-only unless `writable`.
pub fn create(share: &Share, base_volume: &str, tstamp: i64, writable: bool) -> Result<Created> {
    create_with(&Registry::builtin(), share, base_volume, tstamp, writable)
}

/// snap_delete: the snapshot exposed at `snap_path` destroyed, or kept as a
/// backup under the share's retention policy.
pub fn delete(share: &Share, base_path: &str, snap_path: &str) -> Result<Deleted> {
    delete_with(&Registry::builtin(), share, base_path, snap_path)
}

/// Where Samba keeps its state (the hook's `state_dir`), for what rvss
/// keeps there (the audit trail; btrfs: the snapshot directories used).
pub fn use_state_dir(dir: &Path) {
    crate::state_dir::set(dir);
}

/// Where Samba keeps its lock files (the hook's `lock_dir`), among them its
/// FSRVP server's state, which the audit trail reads ids from.
pub fn use_lock_dir(dir: &Path) {
    crate::state_dir::set_lock_dir(dir);
}

pub fn check_path_with(registry: &Registry, share: &Share) -> Result<String> {
    registry.resolve(share)?.check_path(share)
}

pub fn create_with(
    registry: &Registry,
    share: &Share,
    base_volume: &str,
    tstamp: i64,
    writable: bool,
) -> Result<Created> {
    registry
        .resolve_at(share, Path::new(base_volume))?
        .create(share, base_volume, tstamp, writable)
}

pub fn delete_with(
    registry: &Registry,
    share: &Share,
    base_path: &str,
    snap_path: &str,
) -> Result<Deleted> {
    let deleted = registry
        .resolve_at(share, Path::new(base_path))?
        .delete(share, base_path, snap_path)?;
    if deleted == Deleted::Retained && share.config.replicate_to.is_some() {
        // A new backup to replicate: systemd starts `rvss replicate`
        // (crate::replicate::pending), never this call.
        let dir = crate::state_dir::get();
        if let Err(e) = crate::replicate::pending::request(&dir) {
            log::warn!(
                "{}: asking for replication ({}): {e}",
                share.name,
                dir.join(crate::replicate::pending::FILE_NAME).display()
            );
        }
    }
    Ok(deleted)
}
