//! Samba's state directory, where rvss keeps what belongs to the host rather
//! than to one filesystem: the snapshot directories used
//! (`backend::btrfs::known_dirs`) and the audit trail (`audit`); and its
//! lock directory, where Samba's FSRVP server keeps its state
//! (`fsrvp_state`). Which directories those are comes from Samba: the
//! module passes `lp_state_directory()` and `lp_lock_directory()` at each
//! hook, the CLI reads smb.conf and `smbd -b`, so both find the same files
//! when smb.conf moves them.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One of Samba's directories: the one last named, else Samba's built-in
/// default on Debian (`smbd -b`), used only until the module or the CLI
/// names the one this Samba uses.
struct SambaDir {
    current: Mutex<Option<PathBuf>>,
    default: &'static str,
}

impl SambaDir {
    /// A relative path is ignored.
    fn set(&self, dir: &Path) {
        if !dir.is_absolute() {
            return;
        }
        let mut current = self
            .current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if current.as_deref() != Some(dir) {
            *current = Some(dir.to_path_buf());
        }
    }

    fn get(&self) -> PathBuf {
        self.current
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .clone()
            .unwrap_or_else(|| PathBuf::from(self.default))
    }
}

/// STATEDIR.
static STATE: SambaDir = SambaDir {
    current: Mutex::new(None),
    default: "/var/lib/samba",
};

/// LOCKDIR.
static LOCK: SambaDir = SambaDir {
    current: Mutex::new(None),
    default: "/run/samba",
};

/// Tells where Samba keeps its state. A relative path is ignored.
pub fn set(dir: &Path) {
    STATE.set(dir)
}

/// The state directory last `set`, else Samba's default.
pub fn get() -> PathBuf {
    STATE.get()
}

/// Tells where Samba keeps its lock files. A relative path is ignored.
pub fn set_lock_dir(dir: &Path) {
    LOCK.set(dir)
}

/// The lock directory last `set_lock_dir`, else Samba's default.
pub fn lock_dir() -> PathBuf {
    LOCK.get()
}

/// Back to Samba's default (tests only: the setting is per process).
#[cfg(test)]
pub(crate) fn reset() {
    *STATE.current.lock().unwrap_or_else(|p| p.into_inner()) = None;
}
