//! Samba's state directory, where rvss keeps what belongs to the host rather
//! than to one filesystem: the snapshot directories used
//! (`backend::btrfs::known_dirs`) and the audit trail (`audit`). Which
//! directory that is comes from Samba: the module passes
//! `lp_state_directory()` at each hook, the CLI reads smb.conf and `smbd
//! -b`, so both find the same files when smb.conf moves it.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Samba's built-in state directory on Debian (`smbd -b`: STATEDIR), used
/// only until the module or the CLI names the one this Samba uses.
const DEFAULT: &str = "/var/lib/samba";

static CURRENT: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Tells where Samba keeps its state. A relative path is ignored.
pub fn set(dir: &Path) {
    if !dir.is_absolute() {
        return;
    }
    let mut current = CURRENT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if current.as_deref() != Some(dir) {
        *current = Some(dir.to_path_buf());
    }
}

/// The state directory last `set`, else Samba's default.
pub fn get() -> PathBuf {
    CURRENT
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone()
        .unwrap_or_else(|| PathBuf::from(DEFAULT))
}

/// Back to Samba's default (tests only: the setting is per process).
#[cfg(test)]
pub(crate) fn reset() {
    *CURRENT.lock().unwrap_or_else(|p| p.into_inner()) = None;
}
