//! The walker behind `check`, `summarize` and `require_supported`.

use super::{display_path, Rule, Rules, Violation};
use crate::error::{Context, Error, Result};
use crate::mounts::Mount;
use crate::ntstatus;
use crate::sys;
use crate::sys::dir::{self, FileType};
use std::ffi::{CStr, CString, OsStr};
use std::fs::File;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// How many directories deep the walk keeps every directory open. Deeper,
/// it keeps only the current directory's descriptor and goes back up
/// through "..", checking that it arrives where it came from; so a tree of
/// any depth costs a bounded number of file descriptors.
pub(super) const FD_BUDGET: usize = 64;

/// Walks the tree at `root` (a canonical directory path), calling `on` for
/// each violation in walk order; returns how many there were. `mounts` is
/// the caller's mount table (for mounts on files, which a walk that stats
/// only directories cannot see).
pub fn walk(
    root: &Path,
    rules: &Rules,
    mounts: &[Mount],
    on: &mut dyn FnMut(Violation),
) -> Result<usize> {
    match sys::fs::open_dir(root) {
        Ok(fd) => walk_open(fd, root, rules, mounts, on),
        Err(e) if is_unreadable(&e) => {
            let mut w = Walker::new(root, 0, rules, on);
            w.report(Rule::Unreadable, root.to_path_buf(), unreadable_detail(&e));
            Ok(w.count)
        }
        Err(e) => Err(e).with_context(|| format!("open {}", display_path(root))),
    }
}

/// `walk` of the tree below `fd`, the share's directory already open
/// (shown as `root`).
pub fn walk_open(
    fd: File,
    root: &Path,
    rules: &Rules,
    mounts: &[Mount],
    on: &mut dyn FnMut(Violation),
) -> Result<usize> {
    let mut w = Walker::new(root, 0, rules, on);
    w.run(fd)?;
    w.mounts_on_files(mounts);
    Ok(w.count)
}

/// Walks the tree below the open directory `fd`, which lies at depth
/// `depth` of the share and is shown as `shown` in violations (its own
/// entry is the caller's to judge; mounts are the caller's too): the walk
/// of a directory that is new since an earlier full check.
pub fn walk_subtree(
    fd: File,
    shown: &Path,
    depth: u32,
    rules: &Rules,
    on: &mut dyn FnMut(Violation),
) -> Result<usize> {
    let mut w = Walker::new(shown, depth, rules, on);
    w.run(fd)?;
    Ok(w.count)
}

/// Errors that say nothing about the tree but about this process: the walk
/// stops with an error instead of blaming the share.
fn is_resource_error(e: &io::Error) -> bool {
    matches!(
        e.raw_os_error(),
        Some(libc::EMFILE) | Some(libc::ENFILE) | Some(libc::ENOMEM) | Some(libc::EINTR)
    )
}

fn is_unreadable(e: &io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EACCES) | Some(libc::EPERM))
}

fn unreadable_detail(e: &io::Error) -> String {
    format!("a directory rvss cannot read, so cannot check: {e}")
}

fn vanished(e: &io::Error) -> bool {
    e.raw_os_error() == Some(libc::ENOENT)
}

/// A directory being walked.
struct Frame {
    /// None while the walk is deeper than FD_BUDGET below it.
    fd: Option<File>,
    /// (st_dev, st_ino), to verify a return through "..".
    id: (u64, u64),
    depth: u32,
    /// Its path below the root: `Walker::rel[..rel_len]`.
    rel_len: usize,
    /// Subdirectories still to visit.
    subdirs: Vec<CString>,
}

struct Walker<'a> {
    root: &'a Path,
    rules: &'a Rules,
    /// The depth of `root` in the share (0: the share's root).
    base: u32,
    root_dev: u64,
    /// The path below the root of the directory being visited, as bytes.
    rel: Vec<u8>,
    buf: dir::EntryBuffer,
    count: usize,
    /// Subtrees reported and not entered.
    pruned: Vec<PathBuf>,
    on: &'a mut dyn FnMut(Violation),
}

impl<'a> Walker<'a> {
    /// A walk of the tree at `root`, which lies at depth `base` of the share.
    fn new(
        root: &'a Path,
        base: u32,
        rules: &'a Rules,
        on: &'a mut dyn FnMut(Violation),
    ) -> Walker<'a> {
        Walker {
            root,
            rules,
            base,
            root_dev: 0,
            rel: Vec::new(),
            buf: dir::EntryBuffer::new(),
            count: 0,
            pruned: Vec::new(),
            on,
        }
    }

    fn report(&mut self, rule: Rule, path: PathBuf, detail: String) {
        if matches!(
            rule,
            Rule::NestedSubvolume | Rule::MountPoint | Rule::Unreadable
        ) {
            self.pruned.push(path.clone());
        }
        self.count += 1;
        (self.on)(Violation { rule, path, detail });
    }

    /// The absolute path of `rel[..rel_len]`, plus `name` when given.
    fn path(&self, rel_len: usize, name: Option<&[u8]>) -> PathBuf {
        let mut p = self.root.to_path_buf();
        let rel = self.rel.get(..rel_len).unwrap_or_default();
        if !rel.is_empty() {
            p.push(OsStr::from_bytes(rel));
        }
        if let Some(n) = name {
            p.push(OsStr::from_bytes(n));
        }
        p
    }

    fn run(&mut self, root_fd: File) -> Result<()> {
        let st =
            dir::stat_dir(&root_fd).with_context(|| format!("stat {}", display_path(self.root)))?;
        self.root_dev = st.dev;
        let subdirs = self.scan(&root_fd, self.base, 0)?;
        let mut stack = vec![Frame {
            fd: Some(root_fd),
            id: (st.dev, st.ino),
            depth: self.base,
            rel_len: 0,
            subdirs,
        }];
        while let Some(top) = stack.last_mut() {
            let Some(name) = top.subdirs.pop() else {
                if let Some(done) = stack.pop() {
                    self.back_up(&mut stack, done)?;
                }
                continue;
            };
            let (depth, parent_len) = (top.depth + 1, top.rel_len);
            let Some(parent) = top.fd.as_ref() else {
                return Err(Error::new(
                    ntstatus::INTERNAL_ERROR,
                    "the structure walk lost a directory handle",
                ));
            };
            self.rel.truncate(parent_len);
            if parent_len > 0 {
                self.rel.push(b'/');
            }
            self.rel.extend_from_slice(name.to_bytes());
            let rel_len = self.rel.len();
            let Some((fd, id)) = self.enter(parent, parent_len, &name, depth)? else {
                continue;
            };
            let subdirs = self.scan(&fd, depth, rel_len)?;
            if subdirs.is_empty() {
                continue;
            }
            if stack.len() >= FD_BUDGET {
                if let Some(t) = stack.last_mut() {
                    t.fd = None;
                }
            }
            stack.push(Frame {
                fd: Some(fd),
                id,
                depth,
                rel_len,
                subdirs,
            });
        }
        Ok(())
    }

    /// Returns from `done` to its parent (the new top of `stack`), reopening
    /// the parent through ".." when its descriptor was given up.
    fn back_up(&mut self, stack: &mut [Frame], done: Frame) -> Result<()> {
        let Some(parent) = stack.last_mut() else {
            return Ok(());
        };
        if parent.fd.is_some() {
            return Ok(());
        }
        let moved = || {
            Error::not_supported(format!(
                "{} was moved while rvss checked it; check again",
                display_path(&self.path(done.rel_len, None))
            ))
        };
        let child = done.fd.as_ref().ok_or_else(moved)?;
        let up = dir::open_dir_at(child, c"..").map_err(|_| moved())?;
        let st = dir::stat_dir(&up).map_err(|_| moved())?;
        if (st.dev, st.ino) != parent.id {
            return Err(moved());
        }
        parent.fd = Some(up);
        Ok(())
    }

    /// Opens the subdirectory `name` of `parent` (whose path is
    /// `rel[..parent_len]`; `rel` already ends with `name`) and decides
    /// whether to walk it. None: not to be walked (vanished, reported).
    fn enter(
        &mut self,
        parent: &File,
        parent_len: usize,
        name: &CStr,
        depth: u32,
    ) -> Result<Option<(File, (u64, u64))>> {
        let here = self.rel.len();
        let fd = match dir::open_dir_at(parent, name) {
            Ok(fd) => fd,
            Err(e) if vanished(&e) => return Ok(None),
            Err(e) if is_resource_error(&e) => {
                return Err(e)
                    .with_context(|| format!("open {}", display_path(&self.path(here, None))))
            }
            Err(e) if matches!(e.raw_os_error(), Some(libc::ENOTDIR) | Some(libc::ELOOP)) => {
                // Replaced since readdir: judge what it is now.
                match dir::kind_at(parent, name) {
                    Ok(FileType::Directory) => {
                        let p = self.path(here, None);
                        self.report(Rule::Unreadable, p, unreadable_detail(&e));
                    }
                    Ok(kind) => self.entry(parent_len, depth - 1, kind, name.to_bytes()),
                    Err(e) if vanished(&e) => {}
                    Err(e) => {
                        let p = self.path(here, None);
                        self.report(Rule::Unreadable, p, unreadable_detail(&e));
                    }
                }
                return Ok(None);
            }
            Err(e) => {
                let p = self.path(here, None);
                self.report(Rule::Unreadable, p, unreadable_detail(&e));
                return Ok(None);
            }
        };
        let st = match dir::stat_dir(&fd) {
            Ok(st) => st,
            Err(e) => {
                let p = self.path(here, None);
                self.report(Rule::Unreadable, p, unreadable_detail(&e));
                return Ok(None);
            }
        };
        if st.mount_root == Some(true) {
            let p = self.path(here, None);
            self.report(
                Rule::MountPoint,
                p,
                "a mount point: the mounted filesystem is not in the shadow copy".into(),
            );
            return Ok(None);
        }
        if st.ino == sys::btrfs::BTRFS_EMPTY_SUBVOL_DIR_OBJECTID
            && sys::fs::is_btrfs(&fd).unwrap_or(false)
        {
            // What a nested subvolume leaves in a snapshot (the snapshot of
            // a tree is checked at commit too): an empty stand-in.
            let p = self.path(here, None);
            self.report(Rule::NestedSubvolume, p, STAND_IN.into());
            return Ok(None);
        }
        if st.dev != self.root_dev {
            let p = self.path(here, None);
            if st.ino == sys::btrfs::BTRFS_FIRST_FREE_OBJECTID {
                self.report(Rule::NestedSubvolume, p, NESTED.into());
            } else {
                self.report(
                    Rule::MountPoint,
                    p,
                    "another filesystem (its device differs from the share's): \
                     not in the shadow copy"
                        .into(),
                );
            }
            return Ok(None);
        }
        let max = self.rules.max_depth;
        if max != 0 && depth == max.saturating_add(1) {
            let p = self.path(here, None);
            self.report(Rule::MaxDepth, p, too_deep(depth, max));
        }
        Ok(Some((fd, (st.dev, st.ino))))
    }

    /// Reads the directory at `rel[..rel_len]` (depth `depth`), reports its
    /// entries that break a rule, and returns its subdirectories.
    fn scan(&mut self, fd: &File, depth: u32, rel_len: usize) -> Result<Vec<CString>> {
        let mut subdirs = Vec::new();
        let mut odd: Vec<(FileType, CString)> = Vec::new();
        let check_vm = depth == 0 && self.rules.vm_files_only;
        let rules = self.rules;
        let read = dir::read_entries(fd, &mut self.buf, |e| match e.kind {
            FileType::Directory => subdirs.push(e.name.to_owned()),
            FileType::RegularFile if !check_vm || rules.is_vm_file(e.name.to_bytes()) => {}
            kind => odd.push((kind, e.name.to_owned())),
        });
        for (kind, name) in odd {
            let kind = match kind {
                FileType::Unknown => match dir::kind_at(fd, &name) {
                    Ok(k) => k,
                    Err(e) if vanished(&e) => continue,
                    Err(e) if is_resource_error(&e) => {
                        return Err(e).with_context(|| {
                            format!(
                                "stat {}",
                                display_path(&self.path(rel_len, Some(name.to_bytes())))
                            )
                        })
                    }
                    Err(e) => {
                        let p = self.path(rel_len, Some(name.to_bytes()));
                        self.report(Rule::Unreadable, p, unreadable_detail(&e));
                        continue;
                    }
                },
                k => k,
            };
            if kind == FileType::Directory {
                subdirs.push(name);
            } else {
                self.entry(rel_len, depth, kind, name.to_bytes());
            }
        }
        match read {
            Ok(()) => {}
            Err(e) if vanished(&e) => {}
            Err(e) if is_resource_error(&e) => {
                return Err(e)
                    .with_context(|| format!("read {}", display_path(&self.path(rel_len, None))))
            }
            Err(e) => {
                let p = self.path(rel_len, None);
                self.report(Rule::Unreadable, p, unreadable_detail(&e));
                // What was read before the error is still checked below it.
            }
        }
        Ok(subdirs)
    }

    /// Judges a non-directory entry `name` of the directory at
    /// `rel[..rel_len]` (depth `depth`).
    fn entry(&mut self, rel_len: usize, depth: u32, kind: FileType, name: &[u8]) {
        if let Some((rule, detail)) = judge_entry(self.rules, depth, kind, name) {
            let p = self.path(rel_len, Some(name));
            self.report(rule, p, detail);
        }
    }

    /// Mounts on non-directories (bind-mounted files) below the root: the
    /// walk stats no files, so it learns of them from the mount table. Mounts
    /// the walk already reported, inside pruned subtrees, or hidden by a
    /// later mount over them or an ancestor are skipped.
    fn mounts_on_files(&mut self, mounts: &[Mount]) {
        for v in mount_points_below(self.root, mounts, &self.pruned) {
            self.report(v.rule, v.path, v.detail);
        }
    }
}

/// The rule a non-directory entry `name` of a directory at depth `depth`
/// breaks, if any, and why.
pub(super) fn judge_entry(
    rules: &Rules,
    depth: u32,
    kind: FileType,
    name: &[u8],
) -> Option<(Rule, String)> {
    let special = |what: &str| {
        format!("a {what}: only directories and regular files belong in a shadow copy")
    };
    Some(match kind {
        FileType::Directory => return None,
        FileType::RegularFile => {
            if depth == 0 && rules.vm_files_only && !rules.is_vm_file(name) {
                (
                    Rule::NotVmFile,
                    "a file in the share's root matching none of rvss:vm file patterns \
                     (rvss:vm files only = yes)"
                        .to_string(),
                )
            } else {
                return None;
            }
        }
        FileType::Symlink => (
            Rule::Symlink,
            "a symbolic link: never followed, so its target is not in the shadow copy".to_string(),
        ),
        FileType::Fifo => (Rule::SpecialFile, special("FIFO")),
        FileType::Socket => (Rule::SpecialFile, special("socket")),
        FileType::CharacterDevice => (Rule::SpecialFile, special("character device")),
        FileType::BlockDevice => (Rule::SpecialFile, special("block device")),
        FileType::Unknown => (Rule::SpecialFile, special("file of unknown type")),
    })
}

/// Why a directory at `depth` is too deep (the max-depth rule).
pub(super) fn too_deep(depth: u32, max: u32) -> String {
    format!("a directory at depth {depth}, deeper than rvss:max depth = {max}")
}

/// What a nested subvolume leaves in a snapshot.
pub(super) const STAND_IN: &str =
    "the empty stand-in of a nested btrfs subvolume (its data is not in the shadow copy)";
/// A nested subvolume in the live tree.
pub(super) const NESTED: &str =
    "a nested btrfs subvolume: it would appear empty in the shadow copy";

/// The mount points strictly below `root` in `mounts` (not over-mounted,
/// not below one of `skip`), as violations of the mount-point rule.
pub fn mount_points_below(root: &Path, mounts: &[Mount], skip: &[PathBuf]) -> Vec<Violation> {
    let mut out = vec![];
    for (i, m) in mounts.iter().enumerate() {
        let p = &m.mount_point;
        if p == root || !crate::paths::is_within(p, root) {
            continue;
        }
        let hidden = mounts
            .get(i + 1..)
            .unwrap_or_default()
            .iter()
            .any(|later| crate::paths::is_within(p, &later.mount_point));
        if hidden || skip.iter().any(|q| p.starts_with(q)) {
            continue;
        }
        out.push(Violation {
            rule: Rule::MountPoint,
            path: p.clone(),
            detail: format!(
                "a mount point ({} from {}): the mounted content is not in the shadow copy",
                m.fs_type, m.source
            ),
        });
    }
    out
}
