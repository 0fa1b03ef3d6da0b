//! "A backup was retained: replicate it", without a hook waiting for it.
//! When snap_delete keeps a backup of a share with `rvss:replicate to`, it
//! leaves the flag file `rvss-replicate.pending` in Samba's state directory
//! (one create, no transfer). systemd's `rvss-replicate.path` starts
//! `rvss-replicate.service` (`rvss replicate`) while the file exists, and
//! `rvss replicate` removes it before it looks for work: a backup retained
//! during a run leaves the flag again, and systemd starts the service once
//! more when the run ends. Where systemd does not run, the daily
//! `rvss maintain` (or cron) replicates what is left.

use std::io;
use std::path::Path;

pub const FILE_NAME: &str = "rvss-replicate.pending";

/// Leaves the flag in `state_dir` (Samba's, root's). Never follows a link
/// there and never blocks on what is not a regular file.
pub fn request(state_dir: &Path) -> io::Result<()> {
    crate::sys::fs::open_append_regular(
        &state_dir.join(FILE_NAME),
        rustix::fs::Mode::from_raw_mode(0o644),
    )
    .map(drop)
}

/// Removes the flag from `state_dir`: whether it was there.
pub fn take(state_dir: &Path) -> io::Result<bool> {
    match std::fs::remove_file(state_dir.join(FILE_NAME)) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_taken_once() {
        let dir = std::env::temp_dir().join(format!("rvss-pending-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        assert!(!take(&dir).unwrap());
        request(&dir).unwrap();
        request(&dir).unwrap();
        assert!(dir.join(FILE_NAME).is_file());
        assert!(take(&dir).unwrap());
        assert!(!take(&dir).unwrap());
        // A link planted in its place is not followed.
        std::os::unix::fs::symlink("/etc/passwd", dir.join(FILE_NAME)).unwrap();
        assert!(request(&dir).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
