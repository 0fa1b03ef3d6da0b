//! Every snapshot directory rvss has used on this host, so that changing
//! `rvss:snapshot dir` strands nothing: snapshots under a previous directory
//! stay listed, deletable by FSRVP, pruned and collected.
//!
//! Kept in Samba's state directory (root-owned, where Samba keeps its own
//! persistent state, `crate::state_dir`), one absolute path per line,
//! appended by the hooks when a snapshot is made in a directory not yet
//! listed.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

const FILE_NAME: &str = "rvss-snapshot-dirs";

fn state_dir() -> PathBuf {
    crate::state_dir::get()
}

fn parse(bytes: &[u8]) -> Vec<PathBuf> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('/') && crate::paths::is_plain_absolute(Path::new(l)))
        .map(PathBuf::from)
        .collect()
}

/// The snapshot directories rvss has used (none when the list is missing)
/// that still meet the snapshot-directory rules (`layout::trusted_dir_problem`),
/// checked now, at each use: a listed directory that became unsafe since
/// (its owner or mode changed, a link swapped in, a parent made writable by
/// others) is left out with a warning, and nothing in it is touched.
pub fn load() -> Vec<PathBuf> {
    load_listed()
        .into_iter()
        .filter(|d| match super::layout::trusted_dir_problem(d) {
            None => true,
            Some(why) => {
                log::warn!(
                    "ignoring snapshot directory {} listed in {}: {why}",
                    d.display(),
                    state_dir().join(FILE_NAME).display()
                );
                false
            }
        })
        .collect()
}

/// Every directory in the list, as written, checked or not (for `rvss
/// doctor`, which reports the ones `load` leaves out).
pub fn load_listed() -> Vec<PathBuf> {
    let Ok(dir) = crate::sys::fs::open_dir(&state_dir()) else {
        return vec![];
    };
    let Ok(mut f) = crate::sys::fs::open_regular_at(
        &dir,
        std::ffi::OsStr::new(FILE_NAME),
        rustix::fs::OFlags::RDONLY,
        rustix::fs::Mode::empty(),
    ) else {
        return vec![];
    };
    let mut v = vec![];
    if f.read_to_end(&mut v).is_err() {
        return vec![];
    }
    let mut dirs = parse(&v);
    dirs.sort();
    dirs.dedup();
    dirs
}

/// Adds `snapshot_dir` to the list unless it is there. Each process reads
/// the list once per directory: every create hook calls this.
pub fn remember(snapshot_dir: &Path) -> std::io::Result<()> {
    // Per list file: another state directory has a list of its own.
    static LISTED: Mutex<Vec<(PathBuf, PathBuf)>> = Mutex::new(Vec::new());
    let key = (list_path(), snapshot_dir.to_path_buf());
    let mut listed = LISTED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if listed.contains(&key) {
        return Ok(());
    }
    append(snapshot_dir)?;
    listed.push(key);
    Ok(())
}

fn append(snapshot_dir: &Path) -> std::io::Result<()> {
    if load_listed().iter().any(|d| d == snapshot_dir) {
        return Ok(());
    }
    let Some(text) = snapshot_dir.to_str() else {
        return Ok(());
    };
    let dir = crate::sys::fs::open_dir(&state_dir())?;
    let mut f = crate::sys::fs::open_regular_at(
        &dir,
        std::ffi::OsStr::new(FILE_NAME),
        rustix::fs::OFlags::WRONLY | rustix::fs::OFlags::APPEND | rustix::fs::OFlags::CREATE,
        rustix::fs::Mode::from_raw_mode(0o644),
    )?;
    // One write of one line: appends never interleave within a line.
    f.write_all(format!("{text}\n").as_bytes())
}

/// Where the list is kept.
pub fn list_path() -> PathBuf {
    state_dir().join(FILE_NAME)
}

/// The known snapshot directory holding `path`, if any (the deepest one).
pub fn holding(path: &Path) -> Option<PathBuf> {
    load()
        .into_iter()
        .filter(|d| path.starts_with(d) && path != d)
        .max_by_key(|d| d.as_os_str().len())
}

#[cfg(test)]
mod tests {
    // The list follows the state directory Samba names; a relative one is
    // ignored. (One test: the setting is per process.)
    #[test]
    fn the_list_lives_in_the_state_directory_samba_names() {
        use std::path::Path;
        assert_eq!(
            super::list_path(),
            Path::new("/var/lib/samba/rvss-snapshot-dirs")
        );
        crate::state_dir::set(Path::new("/srv/samba-state"));
        assert_eq!(
            super::list_path(),
            Path::new("/srv/samba-state/rvss-snapshot-dirs")
        );
        crate::state_dir::set(Path::new("relative/state"));
        assert_eq!(
            super::list_path(),
            Path::new("/srv/samba-state/rvss-snapshot-dirs")
        );
        crate::state_dir::reset();
    }

    #[test]
    fn only_plain_absolute_paths_are_kept() {
        let v = super::parse(b"/srv/a/.rvss\nrelative\n/x/../y\n\n /srv/b \n");
        assert_eq!(
            v,
            vec![
                std::path::PathBuf::from("/srv/a/.rvss"),
                std::path::PathBuf::from("/srv/b")
            ]
        );
    }
}
