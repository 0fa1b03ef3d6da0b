//! Every snapshot directory rvss has used on this host, so that changing
//! `rvss:snapshot dir` strands nothing: snapshots under a previous directory
//! stay listed, deletable by FSRVP, pruned and collected.
//!
//! Kept in Samba's state directory (root-owned, where Samba keeps FSRVP's own
//! state), one absolute path per line, appended by the hooks when a snapshot
//! is made in a directory not yet listed.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Samba's state directory on Debian (`smbd -b`: STATEDIR).
const STATE_DIR: &str = "/var/lib/samba";
const FILE_NAME: &str = "rvss-snapshot-dirs";

fn state_dir() -> PathBuf {
    PathBuf::from(STATE_DIR)
}

fn parse(bytes: &[u8]) -> Vec<PathBuf> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('/') && crate::layout::is_plain_absolute(Path::new(l)))
        .map(PathBuf::from)
        .collect()
}

/// The snapshot directories rvss has used (none when the list is missing)
/// that still meet the snapshot-directory rules (`trusted_dir_problem`),
/// checked now, at each use: a listed directory that became unsafe since
/// (its owner or mode changed, a link swapped in, a parent made writable by
/// others) is left out with a warning, and nothing in it is touched.
pub fn load() -> Vec<PathBuf> {
    load_listed()
        .into_iter()
        .filter(|d| match trusted_dir_problem(d) {
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

/// What breaks the snapshot-directory rules for `dir`, a directory trusted
/// by its path alone: every component reached from `/` without following a
/// link; `dir` owned by root and not writable by group or others; every
/// parent owned by root and not writable by group or others unless sticky
/// (else whoever can write a parent can swap the directory); the catalog's
/// files regular files and `catalog.d` a root-owned directory not writable
/// by others.
pub fn trusted_dir_problem(dir: &Path) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    if !crate::layout::is_plain_absolute(dir) {
        return Some("not a plain absolute path".into());
    }
    let mut at = PathBuf::from("/");
    let mut cur = match crate::sys::fs::open_dir(&at) {
        Ok(d) => d,
        Err(e) => return Some(format!("open /: {e}")),
    };
    let parts: Vec<&std::ffi::OsStr> = dir.iter().skip(1).collect();
    for (i, part) in parts.iter().enumerate() {
        let md = match cur.metadata() {
            Ok(m) => m,
            Err(e) => return Some(format!("stat {}: {e}", at.display())),
        };
        let mode = md.mode() & 0o7777;
        if md.uid() != 0 || (mode & 0o022 != 0 && mode & 0o1000 == 0) {
            return Some(format!(
                "its parent {} is owned by uid {} with mode {mode:04o}: whoever can write it \
                 can replace the snapshot directory",
                at.display(),
                md.uid()
            ));
        }
        at.push(part);
        cur = match crate::sys::fs::open_dir_at(&cur, *part) {
            Ok(d) => d,
            Err(e) if matches!(e.raw_os_error(), Some(libc::ELOOP | libc::ENOTDIR)) => {
                return Some(format!(
                    "{} is a symbolic link or not a directory (rvss follows no link)",
                    at.display()
                ))
            }
            Err(e) => return Some(format!("open {}: {e}", at.display())),
        };
        if i + 1 == parts.len() {
            let md = match cur.metadata() {
                Ok(m) => m,
                Err(e) => return Some(format!("stat {}: {e}", at.display())),
            };
            let mode = md.mode() & 0o7777;
            if md.uid() != 0 || mode & 0o022 != 0 {
                return Some(format!(
                    "it is owned by uid {} with mode {mode:04o}: it must be owned by root and \
                     not writable by group or others",
                    md.uid()
                ));
            }
        }
    }
    for name in crate::catalog::FILE_NAMES {
        if let Ok(m) = crate::sys::fs::stat_at(&cur, name) {
            if !m.is_file() {
                return Some(format!("its catalog file {name} is not a regular file"));
            }
        }
    }
    if let Ok(m) = crate::sys::fs::stat_at(&cur, crate::catalog::DIR_NAME) {
        if !m.is_dir || m.uid != 0 || m.mode & 0o022 != 0 {
            return Some(format!(
                "its {} is not a directory owned by root and not writable by others",
                crate::catalog::DIR_NAME
            ));
        }
    }
    None
}

/// Every directory in the list, as written.
fn load_listed() -> Vec<PathBuf> {
    let Ok(dir) = crate::sys::fs::open_dir(&state_dir()) else {
        return vec![];
    };
    let Ok(mut f) =
        crate::sys::fs::open_regular_at(&dir, std::ffi::OsStr::new(FILE_NAME), libc::O_RDONLY, 0)
    else {
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
    static LISTED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
    let mut listed = LISTED
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if listed.iter().any(|d| d == snapshot_dir) {
        return Ok(());
    }
    append(snapshot_dir)?;
    listed.push(snapshot_dir.to_path_buf());
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
        libc::O_WRONLY | libc::O_APPEND | libc::O_CREAT,
        0o644,
    )?;
    // One write of one line: appends never interleave within a line.
    f.write_all(format!("{text}\n").as_bytes())
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
