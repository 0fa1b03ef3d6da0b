//! A check proportional to what changed (issue 23): the rules are checked
//! fully once per set, at the first `snap_check_path` (IsPathSupported or
//! AddToShadowCopySet), and this process remembers the btrfs transaction
//! that check started after. Later, the second `snap_check_path` of the set
//! and the commit (on the snapshot as taken) examine only the names made
//! since: `sys::search::names_since` finds them in the leaves written since
//! that transaction.
//!
//! Why that is enough: a tree that was supported becomes unsupported only
//! through a new name (a link, a special file, a subvolume, a file in the
//! share's root, a directory made or renamed in: its whole subtree is
//! walked, since a renamed directory's own items are old) or a mount (the
//! mount table is read every time). Removing names breaks no rule, and a
//! name's type never changes. The transaction is read before the full walk
//! starts, so whatever changed during or after the walk is newer.
//!
//! The memory is per process: a commit in another rpcd_fsrvp worker, a
//! changed rule option, a share whose transaction cannot be read, or any
//! error of the incremental check falls back to the full walk. The commit
//! consumes the entry, so the next set walks fully again.

use super::walk::{self, judge_entry, too_deep, walk_subtree, NESTED, STAND_IN};
use super::{refusal, Rule, Rules, Summary, Violation};
use crate::error::Result;
use crate::mounts::Mount;
use crate::sys;
use crate::sys::dir::FileType;
use crate::sys::search::{self, DirEntry, EntryType};
use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::fs::File;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// A full check older than this is not built on: Samba allows 30 minutes
/// between AddToShadowCopySet and the commit.
const MAX_AGE: Duration = Duration::from_secs(3600);
/// Shares remembered at most per process (then forgotten all at once).
const MAX_REMEMBERED: usize = 1024;

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Key {
    subvolume: [u8; 16],
    share: PathBuf,
    rules: String,
}

impl Key {
    fn new(subvolume: [u8; 16], share: &Path, rules: &Rules) -> Key {
        Key {
            subvolume,
            share: share.to_path_buf(),
            rules: rules.fingerprint(),
        }
    }
}

struct Checked {
    transid: u64,
    at: Instant,
}

fn remembered() -> MutexGuard<'static, HashMap<Key, Checked>> {
    static R: OnceLock<Mutex<HashMap<Key, Checked>>> = OnceLock::new();
    R.get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|e| e.into_inner())
}

/// A test hook of the end-to-end tests (`tests/e2e/commit_check.rs`): with
/// RVSS_TEST_FORGET_CHECKS naming a directory in smbd's environment, nothing
/// remembered of share `share` is used while that directory holds a file
/// named `share` (as if another worker process had made the check). Unset
/// (always, outside those tests) it costs one environment lookup.
fn forgotten_for_tests(share: &str) -> bool {
    std::env::var_os("RVSS_TEST_FORGET_CHECKS")
        .is_some_and(|d| !share.contains('/') && Path::new(&d).join(share).exists())
}

fn recall(key: &Key, take: bool, share: &str) -> Option<u64> {
    if forgotten_for_tests(share) {
        return None;
    }
    let mut r = remembered();
    let found = if take {
        r.remove(key).map(|c| (c.transid, c.at))
    } else {
        r.get(key).map(|c| (c.transid, c.at))
    };
    found
        .filter(|(_, at)| at.elapsed() < MAX_AGE)
        .map(|(transid, _)| transid)
}

fn remember(key: Key, transid: u64) {
    let mut r = remembered();
    if r.len() >= MAX_REMEMBERED {
        r.clear();
    }
    r.insert(
        key,
        Checked {
            transid,
            at: Instant::now(),
        },
    );
}

/// The subvolume at `subvolume`, open, and what the kernel says of it
/// (UUID, last transaction); None when either cannot be had.
fn subvolume_state(subvolume: &Path) -> Option<(File, sys::btrfs::SubvolInfo)> {
    let f = sys::fs::open_dir(subvolume).ok()?;
    let info = sys::btrfs::subvol_info(&f).ok()?;
    Some((f, info))
}

/// snap_check_path: the rules on the live share `live` (at `rel` in the
/// subvolume `subvolume`). The first call of a set walks the whole tree and
/// remembers the transaction; a second (AddToShadowCopySet after
/// IsPathSupported) examines what changed since.
pub fn require_supported_live(
    live: &Path,
    subvolume: &Path,
    rel: &Path,
    rules: &Rules,
    mounts: &[Mount],
    share: &str,
) -> Result<()> {
    let state = subvolume_state(subvolume);
    if let Some((tree, info)) = &state {
        let key = Key::new(info.uuid, live, rules);
        if let Some(since) = recall(&key, false, share) {
            match changed(tree, live, rel, since, rules, live, NESTED) {
                Ok((n, mut summary)) => {
                    log::debug!(
                        "{share}: checked {n} changed entries since transid {since} \
                         (the full check of this set)"
                    );
                    add_mounts(&mut summary, live, mounts);
                    return refusal(live, summary.summary, share);
                }
                Err(why) => log::debug!("{share}: {why}; the share walked in full"),
            }
        }
    }
    let checked = super::require_supported(live, rules, mounts, share);
    if let Some((_, info)) = state {
        let key = Key::new(info.uuid, live, rules);
        match checked {
            Ok(()) => remember(key, info.generation),
            Err(_) => {
                remembered().remove(&key);
            }
        }
    }
    checked
}

/// The snapshot just made of a share's subvolume, as the commit checks it.
pub struct Taken<'a> {
    /// Where the snapshot is.
    pub path: &'a Path,
    /// Its root, open.
    pub root: &'a File,
    /// The share's directory inside it (`rel` below the root), open.
    pub share_dir: File,
    /// The UUID of the subvolume it was made of.
    pub source_uuid: [u8; 16],
}

/// The commit: the rules on the share as the snapshot `taken` holds it at
/// `rel`, violations named by their path in the live share `live`; only
/// what changed since the full check of this set when this process made
/// one, else the whole tree. Nothing is looked up by path again: the
/// snapshot and the share in it are the handles the hook opened.
pub fn require_supported_as_taken_since(
    taken: Taken<'_>,
    live: &Path,
    rel: &Path,
    rules: &Rules,
    mounts: &[Mount],
    share: &str,
) -> Result<()> {
    let shown = crate::paths::join_rel(taken.path, rel);
    let since = recall(&Key::new(taken.source_uuid, live, rules), true, share);
    let Some(since) = since else {
        log::debug!(
            "{share}: no full check of this set known to this process; \
             the snapshot walked in full"
        );
        return super::require_supported_as_taken(
            taken.share_dir,
            &shown,
            live,
            rules,
            mounts,
            share,
        );
    };
    match changed(taken.root, &shown, rel, since, rules, live, STAND_IN) {
        Ok((n, mut summary)) => {
            log::debug!(
                "{share}: at commit: checked {n} changed entries since transid {since} \
                 in the snapshot as taken"
            );
            add_mounts(&mut summary, live, mounts);
            refusal(live, summary.summary, share)
        }
        Err(why) => {
            log::debug!("{share}: at commit: {why}; the snapshot walked in full");
            super::require_supported_as_taken(taken.share_dir, &shown, live, rules, mounts, share)
        }
    }
}

fn add_mounts(found: &mut Found, live: &Path, mounts: &[Mount]) {
    for v in walk::mount_points_below(live, mounts, &[]) {
        found.note(v);
    }
}

/// The violations found, each counted once: a mount below a new directory
/// is seen by the directory's walk and again in the mount table.
#[derive(Default)]
struct Found {
    summary: Summary,
    seen: HashSet<(Rule, PathBuf)>,
}

impl Found {
    fn note(&mut self, v: Violation) {
        if self.seen.insert((v.rule, v.path.clone())) {
            note(&mut self.summary, v);
        }
    }
}

fn note(s: &mut Summary, v: Violation) {
    s.count += 1;
    if s.first.as_ref().is_none_or(|f| v.key() < f.key()) {
        s.first = Some(v);
    }
}

/// The path below the share of the directory at `dir` (its path in the
/// subvolume, as `search::dir_path` gives it), or None when it lies outside
/// the share at `rel`.
pub(super) fn below_share<'a>(dir: &'a [u8], rel: &[u8]) -> Option<&'a [u8]> {
    if rel.is_empty() {
        return Some(dir);
    }
    let rest = dir.strip_prefix(rel)?;
    if rest.is_empty() {
        return Some(rest);
    }
    rest.strip_prefix(b"/")
}

/// How many directories deep a path below the share is ("" = 0).
fn components(p: &[u8]) -> u32 {
    if p.is_empty() {
        0
    } else {
        p.split(|&c| c == b'/').count() as u32
    }
}

fn kind_of(t: EntryType) -> FileType {
    match t {
        EntryType::File => FileType::RegularFile,
        EntryType::Dir => FileType::Directory,
        EntryType::CharDevice => FileType::CharacterDevice,
        EntryType::BlockDevice => FileType::BlockDevice,
        EntryType::Fifo => FileType::Fifo,
        EntryType::Socket => FileType::Socket,
        EntryType::Symlink => FileType::Symlink,
        EntryType::Unknown | EntryType::Other(_) => FileType::Unknown,
    }
}

/// One name made since, below the share.
struct Change {
    /// Its path below the share.
    path: Vec<u8>,
    /// The depth of the directory holding it (0: the share's root).
    parent_depth: u32,
    item: DirEntry,
}

/// The names made in `tree` (a subvolume's root, open) since `since` below
/// the share's directory `dir` (at `rel` in that subvolume), judged; the
/// new directories walked. Returns how many names were examined and the
/// violations, named below `shown`. Err: cannot tell (the caller walks in
/// full).
fn changed(
    tree: &File,
    dir: &Path,
    rel: &Path,
    since: u64,
    rules: &Rules,
    shown: &Path,
    nested: &str,
) -> std::result::Result<(usize, Found), String> {
    // `since` is the subvolume's generation when the full check began
    // (GET_SUBVOL_INFO). It is usually the last transaction committed, but
    // a subvolume made (or snapshotted) in the running transaction reports
    // that transaction, whose later changes carry the same transid: so the
    // search starts at `since` itself, never after it. Names of that
    // transaction the full check already saw are judged again (a superset,
    // never a miss).
    let names =
        search::names_since(tree, since).map_err(|e| format!("searching the changes: {e}"))?;
    let rel = rel.as_os_str().as_bytes();
    let mut parents: HashMap<u64, Option<Vec<u8>>> = HashMap::new();
    let mut changes = vec![];
    for item in names {
        let parent = match parents.get(&item.parent) {
            Some(p) => p.clone(),
            None => {
                let path = search::dir_path(tree, item.parent)
                    .map_err(|e| format!("the path of directory {}: {e}", item.parent))?;
                let below = below_share(&path, rel).map(<[u8]>::to_vec);
                parents.insert(item.parent, below.clone());
                below
            }
        };
        let Some(parent) = parent else {
            continue;
        };
        let mut path = parent.clone();
        if !path.is_empty() {
            path.push(b'/');
        }
        path.extend_from_slice(&item.name);
        changes.push(Change {
            path,
            parent_depth: components(&parent),
            item,
        });
    }
    changes.sort_by(|a, b| a.path.cmp(&b.path));
    let examined = changes.len();
    let mut summary = Found::default();
    let mut walked: HashSet<Vec<u8>> = HashSet::new();
    let shown_at = |p: &[u8]| shown.join(OsStr::from_bytes(p));
    for c in changes {
        // Inside a new directory already walked.
        let mut up = c.path.as_slice();
        let mut inside = false;
        while let Some(i) = up.iter().rposition(|&b| b == b'/') {
            up = &up[..i];
            if walked.contains(up) {
                inside = true;
                break;
            }
        }
        if inside {
            continue;
        }
        if c.item.subvolume {
            summary.note(Violation {
                rule: Rule::NestedSubvolume,
                path: shown_at(&c.path),
                detail: nested.to_string(),
            });
            continue;
        }
        let kind = kind_of(c.item.kind);
        if kind != FileType::Directory {
            if let Some((rule, detail)) = judge_entry(rules, c.parent_depth, kind, &c.item.name) {
                summary.note(Violation {
                    rule,
                    path: shown_at(&c.path),
                    detail,
                });
            }
            continue;
        }
        let depth = c.parent_depth + 1;
        let max = rules.max_depth;
        if max != 0 && depth > max {
            summary.note(Violation {
                rule: Rule::MaxDepth,
                path: shown_at(&c.path),
                detail: too_deep(depth, max),
            });
        }
        let fd = open_below(dir, &c.path)
            .map_err(|e| format!("open new directory {}: {e}", shown_at(&c.path).display()))?;
        walk_subtree(fd, &shown_at(&c.path), depth, rules, &mut |v| {
            summary.note(v)
        })
        .map_err(|e| format!("walking a new directory: {e}"))?;
        walked.insert(c.path);
    }
    Ok((examined, summary))
}

/// Opens the directory `rel` below `dir`, one component at a time, never
/// following a link.
fn open_below(dir: &Path, rel: &[u8]) -> std::io::Result<File> {
    let mut fd = sys::fs::open_dir(dir)?;
    for part in rel.split(|&c| c == b'/').filter(|p| !p.is_empty()) {
        fd = sys::fs::open_dir_at(&fd, OsStr::from_bytes(part))?;
    }
    Ok(fd)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_directories_under_the_share_count() {
        assert_eq!(below_share(b"vm", b"vm"), Some(&b""[..]));
        assert_eq!(below_share(b"vm/a/b", b"vm"), Some(&b"a/b"[..]));
        assert_eq!(below_share(b"vm2/a", b"vm"), None);
        assert_eq!(below_share(b"other", b"vm"), None);
        assert_eq!(below_share(b"", b"vm"), None);
        assert_eq!(below_share(b"v", b"vm"), None);
        assert_eq!(below_share(b"a/vm/x", b"a/vm"), Some(&b"x"[..]));
        assert_eq!(below_share(b"a/vmx", b"a/vm"), None);
        // A share at the subvolume's root holds every directory.
        assert_eq!(below_share(b"", b""), Some(&b""[..]));
        assert_eq!(below_share(b"x/y", b""), Some(&b"x/y"[..]));
    }

    #[test]
    fn depth_counts_components() {
        assert_eq!(components(b""), 0);
        assert_eq!(components(b"a"), 1);
        assert_eq!(components(b"a/b/c"), 3);
    }

    #[test]
    fn every_entry_type_maps_to_the_walks_kinds() {
        assert_eq!(kind_of(EntryType::Symlink), FileType::Symlink);
        assert_eq!(kind_of(EntryType::Other(9)), FileType::Unknown);
        let rules = Rules {
            vm_files_only: true,
            ..Rules::default()
        };
        // A new file in the share's root is judged as the walk judges it.
        assert_eq!(
            judge_entry(&rules, 0, kind_of(EntryType::File), b"notes.txt").map(|j| j.0),
            Some(Rule::NotVmFile)
        );
        assert_eq!(
            judge_entry(&rules, 0, FileType::RegularFile, b"disk.vhdx"),
            None
        );
        assert_eq!(
            judge_entry(&rules, 1, FileType::RegularFile, b"notes.txt"),
            None
        );
        assert_eq!(
            judge_entry(&rules, 3, kind_of(EntryType::Fifo), b"f").map(|j| j.0),
            Some(Rule::SpecialFile)
        );
    }
}
