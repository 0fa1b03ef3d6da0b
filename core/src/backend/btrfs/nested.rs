//! Subvolumes a share user made inside a snapshot rvss took. In a writable
//! (auto-recovery) copy the share's folders keep their live permissions, so
//! any user who can write one can `btrfs subvolume create` (or snapshot a
//! subvolume of their own) there; btrfs then refuses to delete the snapshot
//! ("Directory not empty"). rvss removes them, deepest first, when it
//! destroys its own snapshot, and nothing else:
//! - each is found by its root backref (GET_SUBVOL_ROOTREF on the parent
//!   subvolume), reached by handles from the parent's root without following
//!   a link, and acted on only if the handle is that subvolume (its tree id),
//!   linked in that parent (its parent id), and made after rvss's snapshot
//!   (a later transaction: a snapshot never contains the nested subvolumes of
//!   its source, so an older one was moved in from outside and is left alone);
//! - it is deleted by tree id, once every subvolume inside it is gone;
//! - a read-only parent (a retained backup, or a user's read-only snapshot)
//!   is made writable for that: btrfs cannot unlink a subvolume from a
//!   read-only one (EROFS, measured on Linux 6.18).
//!
//! While a parent is read-only nothing can be moved into or out of it; a
//! writable parent can gain a new nested subvolume while this runs, and the
//! final deletion then fails ("Directory not empty"), reported and retried
//! by the next delete, prune or gc.

use crate::error::{Context, Error, Result};
use crate::{ntstatus, sys};
use std::fs::File;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

/// Deeper nesting than this is refused (the recursion is bounded).
const MAX_DEPTH: usize = 32;

/// Removes every subvolume nested inside the subvolume whose root is open as
/// `root` (rvss's snapshot, shown as `shown`), deepest first; how many.
pub fn remove_all(root: &File, shown: &Path) -> Result<usize> {
    let info = sys::btrfs::subvol_info(root)
        .with_context(|| format!("subvolume info of {}", shown.display()))?;
    remove_below(root, &info, info.otransid, shown, 0)
}

fn remove_below(
    root: &File,
    info: &sys::btrfs::SubvolInfo,
    top_otransid: u64,
    shown: &Path,
    depth: usize,
) -> Result<usize> {
    let children = sys::btrfs::children(root)
        .with_context(|| format!("list subvolumes inside {}", shown.display()))?;
    let mut removed = 0;
    for child in children {
        let (dirs, name) = sys::btrfs::child_link(root, child).with_context(|| {
            format!("find subvolume {} inside {}", child.treeid, shown.display())
        })?;
        let mut at = shown.to_path_buf();
        let mut dir =
            sys::fs::open_dir_at(root, ".").with_context(|| format!("open {}", shown.display()))?;
        for d in &dirs {
            at.push(d);
            dir = sys::fs::open_dir_at(&dir, d.as_os_str())
                .with_context(|| format!("open {}", at.display()))?;
        }
        at.push(&name);
        let sub = sys::fs::open_dir_at(&dir, name.as_os_str())
            .with_context(|| format!("open {}", at.display()))?;
        let refuse = |why: &str| {
            Error::new(
                ntstatus::ACCESS_DENIED,
                format!(
                    "refusing to remove {} nested in {}: {why}",
                    at.display(),
                    shown.display()
                ),
            )
        };
        let ino = sub
            .metadata()
            .with_context(|| format!("stat {}", at.display()))?
            .ino();
        let sub_info = sys::btrfs::subvol_info(&sub)
            .with_context(|| format!("subvolume info of {}", at.display()))?;
        if ino != sys::btrfs::BTRFS_FIRST_FREE_OBJECTID
            || sub_info.id != child.treeid
            || sub_info.parent_id != info.id
        {
            return Err(refuse("it changed while rvss looked at it"));
        }
        if sub_info.otransid <= top_otransid {
            return Err(refuse(
                "it is older than the snapshot (moved in from outside it)",
            ));
        }
        if depth + 1 >= MAX_DEPTH {
            return Err(refuse("nested too deeply"));
        }
        removed += remove_below(&sub, &sub_info, top_otransid, &at, depth + 1)?;
        drop(sub);
        let destroyed = match sys::btrfs::destroy_by_id(root, child.treeid) {
            Err(e) if e.raw_os_error() == Some(libc::EROFS) => {
                sys::btrfs::set_readonly(root, false)
                    .with_context(|| format!("make {} writable", shown.display()))?;
                sys::btrfs::destroy_by_id(root, child.treeid)
            }
            other => other,
        };
        destroyed.with_context(|| {
            format!(
                "delete subvolume {} nested in {}",
                at.display(),
                shown.display()
            )
        })?;
        log::info!(
            "deleted subvolume {} a user made inside {}",
            at.display(),
            shown.display()
        );
        removed += 1;
    }
    Ok(removed)
}
