//! Restore from a backup: a file or a directory tree brought back from a
//! snapshot into the live share by reflink (FICLONE: instant, no new data
//! blocks). Nothing is overwritten unless asked; each file lands atomically
//! (cloned into a temporary name, then renamed over).

use crate::error::{Error, Result};
use crate::{ntstatus, sys};
use serde::Serialize;
use std::fs::{self, File};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize)]
pub struct Report {
    pub files: u64,
    pub dirs: u64,
    pub symlinks: u64,
    /// Bytes made available again (shared with the snapshot, not copied).
    pub bytes: u64,
}

/// Paths under `dst` that restoring `src` would overwrite.
pub fn conflicts(src: &Path, dst: &Path) -> Result<Vec<PathBuf>> {
    let mut out = vec![];
    collect_conflicts(src, dst, &mut out)?;
    Ok(out)
}

fn collect_conflicts(src: &Path, dst: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let sm =
        fs::symlink_metadata(src).map_err(|e| Error::io(format!("stat {}", src.display()), &e))?;
    let Ok(dm) = fs::symlink_metadata(dst) else {
        return Ok(());
    };
    if sm.is_dir() && dm.is_dir() {
        for e in fs::read_dir(src).map_err(|e| Error::io(format!("read {}", src.display()), &e))? {
            let e = e.map_err(|e| Error::io(format!("read {}", src.display()), &e))?;
            collect_conflicts(&e.path(), &dst.join(e.file_name()), out)?;
        }
    } else {
        out.push(dst.to_path_buf());
    }
    Ok(())
}

/// Restores `src` (inside a snapshot) to `dst` (inside the live share).
/// Without `force`, refuses when anything would be overwritten.
pub fn restore(src: &Path, dst: &Path, force: bool) -> Result<Report> {
    if !force {
        let c = conflicts(src, dst)?;
        if let Some(first) = c.first() {
            return Err(Error::new(
                ntstatus::OBJECT_NAME_COLLISION,
                format!(
                    "{} exists ({} path(s) would be overwritten); use --force to overwrite",
                    first.display(),
                    c.len()
                ),
            ));
        }
    }
    let mut report = Report::default();
    copy(src, dst, &mut report)?;
    Ok(report)
}

fn copy(src: &Path, dst: &Path, r: &mut Report) -> Result<()> {
    let md =
        fs::symlink_metadata(src).map_err(|e| Error::io(format!("stat {}", src.display()), &e))?;
    let ft = md.file_type();
    if ft.is_dir() {
        match fs::symlink_metadata(dst) {
            Ok(d) if d.is_dir() => {}
            Ok(_) => remove(dst)?,
            Err(_) => {}
        }
        if !dst.exists() {
            fs::create_dir(dst).map_err(|e| Error::io(format!("create {}", dst.display()), &e))?;
        }
        for e in fs::read_dir(src).map_err(|e| Error::io(format!("read {}", src.display()), &e))? {
            let e = e.map_err(|e| Error::io(format!("read {}", src.display()), &e))?;
            copy(&e.path(), &dst.join(e.file_name()), r)?;
        }
        apply_metadata(dst, &md)?;
        r.dirs += 1;
    } else if ft.is_file() {
        let tmp = temp_name(dst);
        let result = (|| {
            let from =
                File::open(src).map_err(|e| Error::io(format!("open {}", src.display()), &e))?;
            let to = File::create(&tmp)
                .map_err(|e| Error::io(format!("create {}", tmp.display()), &e))?;
            sys::fs::reflink(&from, &to).map_err(|e| {
                Error::io(
                    format!("reflink {} to {}", src.display(), dst.display()),
                    &e,
                )
            })?;
            apply_metadata(&tmp, &md)?;
            if fs::symlink_metadata(dst).is_ok_and(|d| d.is_dir()) {
                remove(dst)?;
            }
            fs::rename(&tmp, dst).map_err(|e| Error::io(format!("rename to {}", dst.display()), &e))
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result?;
        r.files += 1;
        r.bytes += md.len();
    } else if ft.is_symlink() {
        let target =
            fs::read_link(src).map_err(|e| Error::io(format!("readlink {}", src.display()), &e))?;
        let tmp = temp_name(dst);
        std::os::unix::fs::symlink(&target, &tmp)
            .map_err(|e| Error::io(format!("symlink {}", tmp.display()), &e))?;
        if fs::symlink_metadata(dst).is_ok_and(|d| d.is_dir()) {
            remove(dst)?;
        }
        fs::rename(&tmp, dst).map_err(|e| Error::io(format!("rename to {}", dst.display()), &e))?;
        r.symlinks += 1;
    } else {
        return Err(Error::invalid(format!(
            "{} is not a file, directory or symbolic link",
            src.display()
        )));
    }
    Ok(())
}

fn temp_name(dst: &Path) -> PathBuf {
    let name = dst
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dst.with_file_name(format!(".{name}.rvss-restore.{}", std::process::id()))
}

fn remove(p: &Path) -> Result<()> {
    let r = if fs::symlink_metadata(p).is_ok_and(|m| m.is_dir()) {
        fs::remove_dir_all(p)
    } else {
        fs::remove_file(p)
    };
    r.map_err(|e| Error::io(format!("remove {}", p.display()), &e))
}

/// Owner, mode and times as they were in the backup.
fn apply_metadata(p: &Path, md: &fs::Metadata) -> Result<()> {
    std::os::unix::fs::lchown(p, Some(md.uid()), Some(md.gid()))
        .map_err(|e| Error::io(format!("chown {}", p.display()), &e))?;
    fs::set_permissions(p, fs::Permissions::from_mode(md.mode() & 0o7777))
        .map_err(|e| Error::io(format!("chmod {}", p.display()), &e))?;
    let times = fs::FileTimes::new()
        .set_accessed(md.accessed().unwrap_or(std::time::UNIX_EPOCH))
        .set_modified(md.modified().unwrap_or(std::time::UNIX_EPOCH));
    let f = File::options()
        .read(true)
        .open(p)
        .or_else(|_| File::open(p));
    if let Ok(f) = f {
        f.set_times(times)
            .map_err(|e| Error::io(format!("set times of {}", p.display()), &e))?;
    }
    Ok(())
}

/// A path relative to a share root, refusing anything that could leave it.
pub fn relative(p: &str) -> Result<PathBuf> {
    let path = Path::new(p.trim_start_matches("./"));
    let ok = !p.is_empty()
        && path.components().all(|c| {
            matches!(
                c,
                std::path::Component::Normal(_) | std::path::Component::CurDir
            )
        });
    if !ok {
        return Err(Error::invalid(format!(
            "{p:?} must be a path relative to the share root, without '..'"
        )));
    }
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_stay_inside() {
        assert_eq!(
            relative("vm/disk.vhdx").unwrap(),
            PathBuf::from("vm/disk.vhdx")
        );
        assert_eq!(relative("./a").unwrap(), PathBuf::from("a"));
        for bad in ["", "/etc/passwd", "../x", "a/../../b"] {
            assert!(relative(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn conflicts_are_found_before_anything_is_written() {
        let base = std::env::temp_dir().join(format!("rvss-restore-test-{}", std::process::id()));
        let (src, dst) = (base.join("src"), base.join("dst"));
        fs::create_dir_all(src.join("d")).unwrap();
        fs::create_dir_all(dst.join("d")).unwrap();
        fs::write(src.join("d/a"), "a").unwrap();
        fs::write(src.join("d/b"), "b").unwrap();
        fs::write(dst.join("d/b"), "live").unwrap();
        assert_eq!(conflicts(&src, &dst).unwrap(), vec![dst.join("d/b")]);
        let err = restore(&src, &dst, false).unwrap_err();
        assert_eq!(err.status, ntstatus::OBJECT_NAME_COLLISION);
        assert!(
            !dst.join("d/a").exists(),
            "nothing may be written when refusing"
        );
        fs::remove_dir_all(&base).unwrap();
    }
}
