//! The supported directory structure: what a share's tree must look like so
//! that a shadow copy (a btrfs snapshot of the share's subvolume) never
//! silently misses data. The rules follow ONTAP's for Remote VSS ("only
//! directories and regular files; no junctions, links or non-regular files;
//! all files in the share; not deeper than the configured depth; only VM
//! files or directories in the share's root"), mapped to Linux and btrfs:
//!
//! | rule | what is refused |
//! |---|---|
//! | `symlink` | a symbolic link (never followed: its target is not in the copy) |
//! | `special-file` | a FIFO, socket, character or block device |
//! | `nested-subvolume` | a btrfs subvolume below the share root: empty in the snapshot |
//! | `mount-point` | a mount point or any other filesystem (`st_dev` differs) |
//! | `max-depth` | a directory deeper than `rvss:max depth` (root = 0) |
//! | `not-vm-file` | with `rvss:vm files only`, a root entry that is no directory and matches no `rvss:vm file patterns` |
//! | `unreadable` | a directory rvss cannot read, so cannot check |
//!
//! One walker serves both the module (`shadow::check_path`, after
//! `layout::resolve`) and `rvss check`, so they always agree.
//!
//! The walk descends through directory descriptors (`openat` relative to the
//! parent, never following links), so paths of any length work; it reads
//! entry types from `getdents64` and stats directories only. Entries that
//! vanish mid-walk are skipped; entries replaced mid-walk are judged as what
//! they became. Every subtree the rules do not allow into the shadow copy
//! (a nested subvolume, another filesystem, an unreadable directory) is
//! reported once and not entered. Below a too-deep directory the walk goes
//! on for the other rules but does not report deeper directories again, so
//! each too-deep subtree counts once.

use crate::error::{Error, Result};
use crate::mounts::Mount;
use crate::ntstatus;
use crate::sys;
use crate::sys::dir::{self, Kind};
use serde::Serialize;
use std::ffi::{CStr, CString, OsStr};
use std::fs::File;
use std::io;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// `rvss:max depth` when unset: ONTAP's default shadow copy directory depth.
pub const DEFAULT_MAX_DEPTH: u32 = 5;
/// The largest `rvss:max depth` accepted. Samba serves no path longer than
/// PATH_MAX (4096 bytes), so no share holds directories deeper than 2048
/// levels; anything above this limit is a typo.
pub const MAX_DEPTH_LIMIT: u32 = 4096;
/// `rvss:vm file patterns` when unset: Hyper-V's disk, configuration, state
/// and checkpoint files.
pub const DEFAULT_VM_FILE_PATTERNS: &str =
    "*.vhd *.vhdx *.avhd *.avhdx *.vmcx *.vmrs *.vmgs *.vsv *.bin *.xml";

/// How many directories deep the walk keeps every directory open. Deeper,
/// it keeps only the current directory's descriptor and goes back up
/// through "..", checking that it arrives where it came from; so a tree of
/// any depth costs a bounded number of file descriptors.
const FD_BUDGET: usize = 64;

/// A rule of the supported directory structure. The names are stable: they
/// appear in logs and in `rvss check --json`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rule {
    Symlink,
    SpecialFile,
    NestedSubvolume,
    MountPoint,
    MaxDepth,
    NotVmFile,
    Unreadable,
}

impl Rule {
    pub const ALL: [Rule; 7] = [
        Rule::Symlink,
        Rule::SpecialFile,
        Rule::NestedSubvolume,
        Rule::MountPoint,
        Rule::MaxDepth,
        Rule::NotVmFile,
        Rule::Unreadable,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Rule::Symlink => "symlink",
            Rule::SpecialFile => "special-file",
            Rule::NestedSubvolume => "nested-subvolume",
            Rule::MountPoint => "mount-point",
            Rule::MaxDepth => "max-depth",
            Rule::NotVmFile => "not-vm-file",
            Rule::Unreadable => "unreadable",
        }
    }
}

impl std::fmt::Display for Rule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// A file name pattern of `rvss:vm file patterns`: `*` matches any run of
/// characters (dots included), `?` exactly one; case-insensitive, as
/// Windows compares names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    text: String,
    folded: Vec<char>,
}

fn fold(s: &str) -> Vec<char> {
    s.chars().flat_map(char::to_lowercase).collect()
}

impl Pattern {
    /// A pattern for a name in one directory: not empty, no '/' or NUL.
    pub fn new(text: &str) -> std::result::Result<Pattern, String> {
        if text.is_empty() {
            return Err("an empty pattern".into());
        }
        if text.contains(['/', '\0']) {
            return Err(format!(
                "pattern {text:?} holds a '/' or NUL; patterns match names in the share's root"
            ));
        }
        Ok(Pattern {
            text: text.to_string(),
            folded: fold(text),
        })
    }

    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether the name (raw bytes; invalid UTF-8 is compared as U+FFFD)
    /// matches.
    pub fn matches(&self, name: &[u8]) -> bool {
        glob(&self.folded, &fold(&String::from_utf8_lossy(name)))
    }
}

/// Wildcard match with backtracking to the last `*` only: linear in
/// practice, never exponential.
fn glob(p: &[char], n: &[char]) -> bool {
    let (mut pi, mut ni) = (0, 0);
    let mut star: Option<(usize, usize)> = None;
    while ni < n.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some((pi, ni));
                pi += 1;
            }
            Some(&c) if c == '?' || c == n[ni] => {
                pi += 1;
                ni += 1;
            }
            _ => match star {
                Some((sp, sn)) => {
                    pi = sp + 1;
                    ni = sn + 1;
                    star = Some((sp, sn + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

/// The parsed default pattern list.
pub fn default_vm_file_patterns() -> Vec<Pattern> {
    DEFAULT_VM_FILE_PATTERNS
        .split_whitespace()
        .filter_map(|p| Pattern::new(p).ok())
        .collect()
}

/// The share's structure options (see `config`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rules {
    /// `rvss:max depth`; 0 = unlimited.
    pub max_depth: u32,
    /// `rvss:vm files only`.
    pub vm_files_only: bool,
    /// `rvss:vm file patterns`.
    pub vm_file_patterns: Vec<Pattern>,
}

impl Default for Rules {
    fn default() -> Self {
        Rules {
            max_depth: DEFAULT_MAX_DEPTH,
            vm_files_only: false,
            vm_file_patterns: default_vm_file_patterns(),
        }
    }
}

impl Rules {
    fn is_vm_file(&self, name: &[u8]) -> bool {
        self.vm_file_patterns.iter().any(|p| p.matches(name))
    }
}

/// One offending path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    pub rule: Rule,
    /// Absolute: the share root joined with the path below it.
    pub path: PathBuf,
    /// Why, for people (not part of the stable interface).
    pub detail: String,
}

impl Violation {
    /// The order of a depth-first walk visiting names in sorted order.
    fn key(&self) -> (&Path, Rule) {
        (&self.path, self.rule)
    }
}

/// A path for logs and JSON: UTF-8 as is; bytes that are not UTF-8 and
/// control characters (a newline would split a log line) as `\xNN`, a
/// backslash as `\\`.
pub fn display_path(p: &Path) -> String {
    let mut out = String::new();
    for chunk in p.as_os_str().as_bytes().utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                c if c.is_control() && (c as u32) < 0x100 => {
                    out.push_str(&format!("\\x{:02x}", c as u32))
                }
                c => out.push(c),
            }
        }
        for b in chunk.invalid() {
            out.push_str(&format!("\\x{b:02x}"));
        }
    }
    out
}

/// Every violation in the tree at `root` (a canonical directory path), in
/// path order.
pub fn check(root: &Path, rules: &Rules, mounts: &[Mount]) -> Result<Vec<Violation>> {
    let mut all = vec![];
    walk(root, rules, mounts, &mut |v| all.push(v))?;
    all.sort_by(|a, b| a.key().cmp(&b.key()));
    Ok(all)
}

/// How many violations there are and the first in path order, in constant
/// memory (what the hook needs for its one log line).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub count: usize,
    pub first: Option<Violation>,
}

pub fn summarize(root: &Path, rules: &Rules, mounts: &[Mount]) -> Result<Summary> {
    let mut first: Option<Violation> = None;
    let count = walk(root, rules, mounts, &mut |v| {
        if first.as_ref().is_none_or(|f| v.key() < f.key()) {
            first = Some(v);
        }
    })?;
    Ok(Summary { count, first })
}

/// For snap_check_path: Ok when the tree at `root` is supported, else
/// NOT_SUPPORTED with one sentence naming the first offending path, its rule
/// and the number of violations.
pub fn require_supported(root: &Path, rules: &Rules, mounts: &[Mount], share: &str) -> Result<()> {
    let s = summarize(root, rules, mounts)?;
    let Some(first) = s.first else {
        return Ok(());
    };
    Err(Error::not_supported(format!(
        "{} is not a supported directory structure: {} violation{}, the first: {} {} ({}); \
         `rvss check --share {share}` lists them all",
        display_path(root),
        s.count,
        if s.count == 1 { "" } else { "s" },
        first.rule,
        display_path(&first.path),
        first.detail,
    )))
}

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
    let mut w = Walker {
        root,
        rules,
        root_dev: 0,
        rel: Vec::new(),
        buf: dir::EntryBuffer::new(),
        count: 0,
        pruned: Vec::new(),
        on,
    };
    match sys::fs::open_dir(root) {
        Ok(fd) => w.run(fd)?,
        Err(e) if is_unreadable(&e) => {
            w.report(Rule::Unreadable, root.to_path_buf(), unreadable_detail(&e));
            return Ok(w.count);
        }
        Err(e) => return Err(Error::io(format!("open {}", display_path(root)), &e)),
    }
    w.mounts_on_files(mounts);
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
    root_dev: u64,
    /// The path below the root of the directory being visited, as bytes.
    rel: Vec<u8>,
    buf: dir::EntryBuffer,
    count: usize,
    /// Subtrees reported and not entered.
    pruned: Vec<PathBuf>,
    on: &'a mut dyn FnMut(Violation),
}

impl Walker<'_> {
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
        let st = dir::stat_dir(&root_fd)
            .map_err(|e| Error::io(format!("stat {}", display_path(self.root)), &e))?;
        self.root_dev = st.dev;
        let subdirs = self.scan(&root_fd, 0, 0)?;
        let mut stack = vec![Frame {
            fd: Some(root_fd),
            id: (st.dev, st.ino),
            depth: 0,
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
                return Err(Error::io(
                    format!("open {}", display_path(&self.path(here, None))),
                    &e,
                ))
            }
            Err(e) if matches!(e.raw_os_error(), Some(libc::ENOTDIR) | Some(libc::ELOOP)) => {
                // Replaced since readdir: judge what it is now.
                match dir::kind_at(parent, name) {
                    Ok(Kind::Dir) => {
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
        if st.dev != self.root_dev {
            let p = self.path(here, None);
            if st.ino == sys::btrfs::BTRFS_FIRST_FREE_OBJECTID {
                self.report(
                    Rule::NestedSubvolume,
                    p,
                    "a nested btrfs subvolume: it would appear empty in the shadow copy".into(),
                );
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
            self.report(
                Rule::MaxDepth,
                p,
                format!("a directory at depth {depth}, deeper than rvss:max depth = {max}"),
            );
        }
        Ok(Some((fd, (st.dev, st.ino))))
    }

    /// Reads the directory at `rel[..rel_len]` (depth `depth`), reports its
    /// entries that break a rule, and returns its subdirectories.
    fn scan(&mut self, fd: &File, depth: u32, rel_len: usize) -> Result<Vec<CString>> {
        let mut subdirs = Vec::new();
        let mut odd: Vec<(Kind, CString)> = Vec::new();
        let check_vm = depth == 0 && self.rules.vm_files_only;
        let rules = self.rules;
        let read = dir::read_entries(fd, &mut self.buf, |e| match e.kind {
            Kind::Dir => subdirs.push(e.name.to_owned()),
            Kind::File if !check_vm || rules.is_vm_file(e.name.to_bytes()) => {}
            kind => odd.push((kind, e.name.to_owned())),
        });
        for (kind, name) in odd {
            let kind = match kind {
                Kind::Unknown => match dir::kind_at(fd, &name) {
                    Ok(k) => k,
                    Err(e) if vanished(&e) => continue,
                    Err(e) if is_resource_error(&e) => {
                        return Err(Error::io(
                            format!(
                                "stat {}",
                                display_path(&self.path(rel_len, Some(name.to_bytes())))
                            ),
                            &e,
                        ))
                    }
                    Err(e) => {
                        let p = self.path(rel_len, Some(name.to_bytes()));
                        self.report(Rule::Unreadable, p, unreadable_detail(&e));
                        continue;
                    }
                },
                k => k,
            };
            if kind == Kind::Dir {
                subdirs.push(name);
            } else {
                self.entry(rel_len, depth, kind, name.to_bytes());
            }
        }
        match read {
            Ok(()) => {}
            Err(e) if vanished(&e) => {}
            Err(e) if is_resource_error(&e) => {
                return Err(Error::io(
                    format!("read {}", display_path(&self.path(rel_len, None))),
                    &e,
                ))
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
    fn entry(&mut self, rel_len: usize, depth: u32, kind: Kind, name: &[u8]) {
        let special = |what: &str| {
            format!("a {what}: only directories and regular files belong in a shadow copy")
        };
        let (rule, detail) = match kind {
            Kind::Dir => return,
            Kind::File => {
                if depth == 0 && self.rules.vm_files_only && !self.rules.is_vm_file(name) {
                    (
                        Rule::NotVmFile,
                        "a file in the share's root matching none of rvss:vm file patterns \
                         (rvss:vm files only = yes)"
                            .to_string(),
                    )
                } else {
                    return;
                }
            }
            Kind::Symlink => (
                Rule::Symlink,
                "a symbolic link: never followed, so its target is not in the shadow copy"
                    .to_string(),
            ),
            Kind::Fifo => (Rule::SpecialFile, special("FIFO")),
            Kind::Socket => (Rule::SpecialFile, special("socket")),
            Kind::CharDevice => (Rule::SpecialFile, special("character device")),
            Kind::BlockDevice => (Rule::SpecialFile, special("block device")),
            Kind::Unknown => (Rule::SpecialFile, special("file of unknown type")),
        };
        let p = self.path(rel_len, Some(name));
        self.report(rule, p, detail);
    }

    /// Mounts on non-directories (bind-mounted files) below the root: the
    /// walk stats no files, so it learns of them from the mount table. Mounts
    /// the walk already reported, inside pruned subtrees, or hidden by a
    /// later mount over them or an ancestor are skipped.
    fn mounts_on_files(&mut self, mounts: &[Mount]) {
        for (i, m) in mounts.iter().enumerate() {
            let p = &m.mount_point;
            if p == self.root || !p.starts_with(self.root) {
                continue;
            }
            let hidden = mounts
                .get(i + 1..)
                .unwrap_or_default()
                .iter()
                .any(|later| p.starts_with(&later.mount_point));
            if hidden || self.pruned.iter().any(|q| p.starts_with(q)) {
                continue;
            }
            self.report(
                Rule::MountPoint,
                p.clone(),
                format!(
                    "a mount point ({} from {}): the mounted content is not in the shadow copy",
                    m.fs_type, m.source
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;
    use std::os::unix::fs::PermissionsExt;
    use std::process::Command;

    /// A throwaway tree under the temp directory, removed when dropped.
    struct Tree {
        root: PathBuf,
    }

    impl Tree {
        fn new(name: &str) -> Tree {
            let root =
                std::env::temp_dir().join(format!("rvss-structure-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&root);
            std::fs::create_dir_all(&root).unwrap();
            std::fs::set_permissions(&root, std::fs::Permissions::from_mode(0o755)).unwrap();
            Tree {
                root: std::fs::canonicalize(&root).unwrap(),
            }
        }
        fn p(&self, rel: &str) -> PathBuf {
            self.root.join(rel)
        }
        fn dir(&self, rel: &str) -> &Self {
            std::fs::create_dir_all(self.p(rel)).unwrap();
            self
        }
        fn file(&self, rel: &str) -> &Self {
            std::fs::write(self.p(rel), b"data").unwrap();
            self
        }
        fn symlink(&self, rel: &str, target: &str) -> &Self {
            std::os::unix::fs::symlink(target, self.p(rel)).unwrap();
            self
        }
        fn fifo(&self, rel: &str) -> &Self {
            let o = Command::new("mkfifo").arg(self.p(rel)).output().unwrap();
            assert!(o.status.success(), "mkfifo: {o:?}");
            self
        }
        fn found(&self, rules: &Rules) -> Vec<(Rule, String)> {
            check(&self.root, rules, &[])
                .unwrap()
                .into_iter()
                .map(|v| {
                    let rel = v.path.strip_prefix(&self.root).unwrap().to_path_buf();
                    (v.rule, display_path(&rel))
                })
                .collect()
        }
    }

    impl Drop for Tree {
        fn drop(&mut self) {
            // Give back what a test took away, so that removal works.
            let _ = Command::new("chmod")
                .args(["-R", "u+rwx"])
                .arg(&self.root)
                .output();
            let _ = std::fs::remove_dir_all(&self.root);
        }
    }

    fn v(rule: Rule, rel: &str) -> (Rule, String) {
        (rule, rel.to_string())
    }

    fn depth(max: u32) -> Rules {
        Rules {
            max_depth: max,
            ..Rules::default()
        }
    }

    fn vm_only(patterns: &str) -> Rules {
        Rules {
            vm_files_only: true,
            vm_file_patterns: patterns
                .split_whitespace()
                .map(|p| Pattern::new(p).unwrap())
                .collect(),
            ..Rules::default()
        }
    }

    #[test]
    fn rule_names_are_stable() {
        let names: Vec<&str> = Rule::ALL.iter().map(|r| r.name()).collect();
        assert_eq!(
            names,
            [
                "symlink",
                "special-file",
                "nested-subvolume",
                "mount-point",
                "max-depth",
                "not-vm-file",
                "unreadable"
            ]
        );
        for r in Rule::ALL {
            assert_eq!(
                serde_json::to_value(r).unwrap(),
                serde_json::Value::String(r.name().into())
            );
        }
    }

    #[test]
    fn a_tree_of_directories_and_files_is_supported() {
        let t = Tree::new("clean");
        t.dir("Virtual Machines/vm1/Snapshots/x/y")
            .file("disk.vhdx")
            .file("Virtual Machines/vm1/config.vmcx")
            .file("Virtual Machines/vm1/Snapshots/x/y/notes.txt");
        assert_eq!(t.found(&Rules::default()), vec![]);
        assert_eq!(
            summarize(&t.root, &Rules::default(), &[]).unwrap(),
            Summary::default()
        );
        require_supported(&t.root, &Rules::default(), &[], "vm").unwrap();
    }

    #[test]
    fn symlinks_are_reported_and_never_followed() {
        let t = Tree::new("symlink");
        let outside = Tree::new("symlink-target");
        // Whatever lies behind a link stays unseen: here, more violations.
        outside
            .dir("a/b/c/d/e/f/g")
            .fifo("a/fifo")
            .symlink("a/l", "/");
        t.dir("vms")
            .file("vms/disk.vhdx")
            .symlink("vms/to-dir", outside.root.to_str().unwrap())
            .symlink("vms/to-file", "disk.vhdx")
            .symlink("dangling", "/nonexistent/rvss")
            .symlink("loop", "loop");
        assert_eq!(
            t.found(&Rules::default()),
            vec![
                v(Rule::Symlink, "dangling"),
                v(Rule::Symlink, "loop"),
                v(Rule::Symlink, "vms/to-dir"),
                v(Rule::Symlink, "vms/to-file"),
            ]
        );
    }

    #[test]
    fn fifos_and_sockets_are_special_files() {
        let t = Tree::new("special");
        t.dir("a/b").fifo("a/pipe");
        let _listener = std::os::unix::net::UnixListener::bind(t.p("a/b/sock")).unwrap();
        let found = check(&t.root, &Rules::default(), &[]).unwrap();
        assert_eq!(
            found
                .iter()
                .map(|v| (v.rule, v.path.clone()))
                .collect::<Vec<_>>(),
            vec![
                (Rule::SpecialFile, t.p("a/b/sock")),
                (Rule::SpecialFile, t.p("a/pipe")),
            ]
        );
        assert!(found[0].detail.contains("socket"), "{}", found[0].detail);
        assert!(found[1].detail.contains("FIFO"), "{}", found[1].detail);
    }

    #[test]
    fn depth_counts_from_the_share_root() {
        let t = Tree::new("depth");
        // root = 0, "1" = 1, ... "1/2/3/4/5" = 5: allowed by default.
        t.dir("1/2/3/4/5").file("1/2/3/4/5/file-at-depth-6");
        assert_eq!(t.found(&Rules::default()), vec![]);
        assert_eq!(t.found(&depth(5)), vec![]);
        assert_eq!(t.found(&depth(4)), vec![v(Rule::MaxDepth, "1/2/3/4/5")]);
        assert_eq!(t.found(&depth(1)), vec![v(Rule::MaxDepth, "1/2")]);
        assert_eq!(t.found(&depth(0)), vec![]);

        // Each too-deep subtree counts once; the walk goes on inside it for
        // the other rules.
        t.dir("1/2/3/4/5/6/7/8").dir("1/2/3/4/5/six/seven");
        t.dir("1/two/3/4/5/6").symlink("1/2/3/4/5/6/7/8/link", "x");
        assert_eq!(
            t.found(&Rules::default()),
            vec![
                v(Rule::MaxDepth, "1/2/3/4/5/6"),
                v(Rule::Symlink, "1/2/3/4/5/6/7/8/link"),
                v(Rule::MaxDepth, "1/2/3/4/5/six"),
                v(Rule::MaxDepth, "1/two/3/4/5/6"),
            ]
        );
        assert_eq!(
            t.found(&depth(0)),
            vec![v(Rule::Symlink, "1/2/3/4/5/6/7/8/link")]
        );
        let s = summarize(&t.root, &Rules::default(), &[]).unwrap();
        assert_eq!(s.count, 4);
        assert_eq!(s.first.unwrap().path, t.p("1/2/3/4/5/6"));
    }

    #[test]
    fn vm_files_only_limits_the_share_root() {
        let t = Tree::new("vmfiles");
        t.dir("Virtual Machines")
            .file("Virtual Machines/notes.txt")
            .file("disk.vhdx")
            .file("DISK2.VHDX")
            .file("Vm.Vmcx")
            .file("notes.txt")
            .file("disk.vhdx.bak")
            .symlink("link.vhdx", "disk.vhdx");
        let odd = OsString::from_vec(b"bad\xff.vhdx.txt".to_vec());
        std::fs::write(t.root.join(&odd), b"").unwrap();
        // Off by default.
        assert_eq!(
            t.found(&Rules::default()),
            vec![v(Rule::Symlink, "link.vhdx")]
        );
        let on = Rules {
            vm_files_only: true,
            ..Rules::default()
        };
        assert_eq!(
            t.found(&on),
            vec![
                v(Rule::NotVmFile, "bad\\xff.vhdx.txt"),
                v(Rule::NotVmFile, "disk.vhdx.bak"),
                v(Rule::Symlink, "link.vhdx"),
                v(Rule::NotVmFile, "notes.txt"),
            ]
        );
        assert_eq!(
            t.found(&vm_only("*.txt *.bak")),
            vec![
                v(Rule::NotVmFile, "DISK2.VHDX"),
                v(Rule::NotVmFile, "Vm.Vmcx"),
                v(Rule::NotVmFile, "disk.vhdx"),
                v(Rule::Symlink, "link.vhdx"),
            ]
        );
        // No patterns: every file of the root breaks the rule.
        assert_eq!(t.found(&vm_only("")).len(), 7);
    }

    #[test]
    fn patterns_are_case_insensitive_globs() {
        let m = |p: &str, n: &str| Pattern::new(p).unwrap().matches(n.as_bytes());
        assert!(m("*.vhdx", "disk.vhdx"));
        assert!(m("*.vhdx", "Disk.VHDX"));
        assert!(m("*.VHDX", "disk.vhdx"));
        assert!(m("*.vhdx", ".vhdx"));
        assert!(m("*.vhdx", "a.b.vhdx"));
        assert!(!m("*.vhdx", "disk.vhdx.bak"));
        assert!(!m("*.vhd", "disk.vhdx"));
        assert!(m("disk?.vhd", "disk1.vhd"));
        assert!(!m("disk?.vhd", "disk.vhd"));
        assert!(!m("disk?.vhd", "disk12.vhd"));
        assert!(m("*", ""));
        assert!(m("*", "anything"));
        assert!(m("a*b*c", "aXXbYYbZc"));
        assert!(!m("a*b*c", "aXXbYYbZ"));
        assert!(m("*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaab"));
        assert!(!m("*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
        assert!(m("ÄRGER*.vhd", "ärger-1.VHD"));
        assert!(m("*.vhd", "\u{00C9}T\u{00C9}.VHD"));
        assert!(m("*.vhd", "\u{FFFD}.vhd"));
        assert!(Pattern::new("").is_err());
        assert!(Pattern::new("a/b").is_err());
        // Bytes that are not UTF-8 never break matching.
        assert!(Pattern::new("*.vhd").unwrap().matches(b"\xff\xfe.VHD"));
        assert!(!Pattern::new("x*").unwrap().matches(b"\xff\xfe.VHD"));
    }

    #[test]
    fn names_that_are_not_utf8_are_reported_byte_exact() {
        let t = Tree::new("nonutf8");
        let dir = t.root.join(OsStr::from_bytes(b"d\xe9j\xe0"));
        std::fs::create_dir(&dir).unwrap();
        std::os::unix::fs::symlink("x", dir.join(OsStr::from_bytes(b"l\xffnk"))).unwrap();
        std::fs::write(dir.join("ok\nfile"), b"").unwrap();
        let found = check(&t.root, &Rules::default(), &[]).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].path, dir.join(OsStr::from_bytes(b"l\xffnk")));
        assert_eq!(
            display_path(found[0].path.strip_prefix(&t.root).unwrap()),
            "d\\xe9j\\xe0/l\\xffnk"
        );
        assert_eq!(
            display_path(Path::new("a\nb\\c\u{e9}")),
            "a\\x0ab\\\\c\u{e9}"
        );
    }

    /// Builds `levels` nested directories named `name` below `root` through
    /// directory handles (the path soon exceeds PATH_MAX); returns the
    /// deepest one's handle and its absolute path.
    fn deep(root: &Path, name: &str, levels: usize) -> (File, PathBuf) {
        let mut fd = sys::fs::open_dir(root).unwrap();
        let mut path = root.to_path_buf();
        for _ in 0..levels {
            sys::fs::mkdir_at(&fd, OsStr::new(name), 0o755).unwrap();
            fd = sys::fs::open_dir_at(&fd, OsStr::new(name)).unwrap();
            path.push(name);
        }
        (fd, path)
    }

    /// A path to `name` inside the open directory `dir`, short however deep
    /// `dir` lies (through this process's descriptor table).
    fn via_fd(dir: &File, name: &str) -> PathBuf {
        use std::os::fd::AsRawFd;
        PathBuf::from(format!("/proc/self/fd/{}/{name}", dir.as_raw_fd()))
    }

    #[test]
    fn paths_longer_than_path_max_are_walked() {
        let t = Tree::new("long");
        let name = "n".repeat(200);
        let (bottom, path) = deep(&t.root, &name, 30);
        assert!(path.as_os_str().len() > 6000);
        std::os::unix::fs::symlink("target", via_fd(&bottom, "link")).unwrap();
        std::fs::write(via_fd(&bottom, "file.vhdx"), b"").unwrap();
        let found = check(&t.root, &depth(0), &[]).unwrap();
        let got: Vec<(Rule, PathBuf)> = found.into_iter().map(|v| (v.rule, v.path)).collect();
        assert_eq!(got, vec![(Rule::Symlink, path.join("link"))]);

        let found = check(&t.root, &depth(5), &[]).unwrap();
        let got: Vec<(Rule, PathBuf)> = found.into_iter().map(|v| (v.rule, v.path)).collect();
        let six = t.root.join([name.as_str(); 6].join("/"));
        assert_eq!(
            got,
            vec![(Rule::MaxDepth, six), (Rule::Symlink, path.join("link"))]
        );
    }

    fn open_fds() -> usize {
        std::fs::read_dir("/proc/self/fd").unwrap().count()
    }

    #[test]
    fn any_depth_costs_a_bounded_number_of_descriptors() {
        let t = Tree::new("fds");
        let (mid, mid_path) = deep(&t.root, "d", 500);
        std::os::unix::fs::symlink("x", via_fd(&mid, "mid-link")).unwrap();
        let (bottom, bottom_path) = deep(&mid_path, "d", 500);
        std::os::unix::fs::symlink("x", via_fd(&bottom, "bottom-link")).unwrap();
        drop((mid, bottom));
        let before = open_fds();
        let mut most = 0;
        let mut seen = vec![];
        let n = walk(&t.root, &depth(0), &[], &mut |v| {
            most = most.max(open_fds());
            seen.push(v.path);
        })
        .unwrap();
        assert_eq!(n, 2);
        seen.sort();
        assert_eq!(
            seen,
            vec![bottom_path.join("bottom-link"), mid_path.join("mid-link")]
        );
        // 1000 levels deep; other tests of this process open a few too.
        assert!(
            most < before + 200,
            "{most} descriptors open during a 1000-level walk (before: {before})"
        );
    }

    #[test]
    fn entries_that_vanish_or_change_mid_walk() {
        let t = Tree::new("vanish");
        t.dir("a/gone/deeper/still")
            .dir("a/becomes-fifo")
            .dir("a/becomes-link")
            .dir("a/becomes-file")
            .file("a/gone/deeper/still/file");
        t.symlink("a/trigger", "x");
        let root = t.root.clone();
        let mut seen = vec![];
        let n = walk(&t.root, &Rules::default(), &[], &mut |v| {
            if v.path == root.join("a/trigger") {
                // `a` has been read; its subdirectories are about to be
                // visited. Pull them from under the walk.
                std::fs::remove_dir_all(root.join("a/gone")).unwrap();
                std::fs::remove_dir(root.join("a/becomes-fifo")).unwrap();
                let o = Command::new("mkfifo")
                    .arg(root.join("a/becomes-fifo"))
                    .output()
                    .unwrap();
                assert!(o.status.success());
                std::fs::remove_dir(root.join("a/becomes-link")).unwrap();
                std::os::unix::fs::symlink("/", root.join("a/becomes-link")).unwrap();
                std::fs::remove_dir(root.join("a/becomes-file")).unwrap();
                std::fs::write(root.join("a/becomes-file"), b"").unwrap();
            }
            seen.push((v.rule, v.path));
        })
        .unwrap();
        seen.sort();
        assert_eq!(
            seen,
            vec![
                (Rule::Symlink, t.p("a/becomes-link")),
                (Rule::Symlink, t.p("a/trigger")),
                (Rule::SpecialFile, t.p("a/becomes-fifo")),
            ]
        );
        assert_eq!(n, 3);
    }

    #[test]
    fn a_directory_moved_mid_walk_fails_the_check_clearly() {
        let t = Tree::new("moved");
        let (bottom, _) = deep(&t.root, "d", FD_BUDGET + 40);
        std::os::unix::fs::symlink("x", via_fd(&bottom, "trigger")).unwrap();
        drop(bottom);
        let level = FD_BUDGET + 20;
        let moving = t.root.join(["d"; FD_BUDGET + 20].join("/"));
        let root = t.root.clone();
        let r = walk(&t.root, &depth(0), &[], &mut |_| {
            std::fs::rename(&moving, root.join("moved")).unwrap();
        });
        let e = r.unwrap_err();
        assert_eq!(e.status, ntstatus::NOT_SUPPORTED);
        assert!(
            e.message.contains("was moved while rvss checked it"),
            "{} (level {level})",
            e.message
        );
    }

    #[test]
    fn mounts_on_files_come_from_the_mount_table() {
        let t = Tree::new("mounts");
        t.dir("a").file("a/bound.vhdx").file("b.vhdx");
        let m = |p: PathBuf| Mount {
            mount_point: p,
            root: "/".into(),
            fs_type: "ext4".into(),
            source: "/dev/sdz".into(),
        };
        let elsewhere = m("/elsewhere".into());
        let on_file = m(t.p("a/bound.vhdx"));
        let on_root = m(t.root.clone());
        let found = |mounts: &[Mount]| -> Vec<(Rule, PathBuf)> {
            check(&t.root, &Rules::default(), mounts)
                .unwrap()
                .into_iter()
                .map(|v| (v.rule, v.path))
                .collect()
        };
        assert_eq!(
            found(&[elsewhere.clone(), on_file.clone(), m(t.p("b.vhdx"))]),
            vec![
                (Rule::MountPoint, t.p("a/bound.vhdx")),
                (Rule::MountPoint, t.p("b.vhdx")),
            ]
        );
        // Mounted over later, by the share root or an ancestor: not visible.
        assert_eq!(found(&[on_file.clone(), on_root.clone()]), vec![]);
        assert_eq!(
            found(&[on_root, on_file]),
            vec![(Rule::MountPoint, t.p("a/bound.vhdx"))]
        );
    }

    #[test]
    fn the_hook_reports_the_first_violation_and_the_count() {
        let t = Tree::new("summary");
        t.dir("b/c")
            .symlink("b/c/l", "x")
            .symlink("z", "x")
            .fifo("b/f");
        let all = check(&t.root, &Rules::default(), &[]).unwrap();
        let s = summarize(&t.root, &Rules::default(), &[]).unwrap();
        assert_eq!(s.count, 3);
        assert_eq!(s.first.as_ref(), all.first());
        assert_eq!(all[0].path, t.p("b/c/l"));
        let e = require_supported(&t.root, &Rules::default(), &[], "vm").unwrap_err();
        assert_eq!(e.status, ntstatus::NOT_SUPPORTED);
        let want = format!(
            "{} is not a supported directory structure: 3 violations, the first: symlink {} (",
            t.root.display(),
            t.p("b/c/l").display()
        );
        assert!(e.message.starts_with(&want), "{}", e.message);
        assert!(e.message.contains("rvss check --share vm"), "{}", e.message);
        assert!(!e.message.contains('\n'));
    }

    fn assert_unreadable_reported(root: &Path) {
        let found: Vec<(Rule, PathBuf)> = check(root, &Rules::default(), &[])
            .unwrap()
            .into_iter()
            .map(|v| (v.rule, v.path))
            .collect();
        assert_eq!(
            found,
            vec![
                (Rule::Unreadable, root.join("a/locked")),
                (Rule::Symlink, root.join("b/link")),
            ]
        );
        let e = require_supported(root, &Rules::default(), &[], "vm").unwrap_err();
        assert!(
            e.message.contains("2 violations, the first: unreadable")
                && e.message.contains("a/locked")
                && e.message.contains("Permission denied"),
            "{}",
            e.message
        );
    }

    const PROBE_ENV: &str = "RVSS_TEST_UNREADABLE_TREE";

    #[test]
    fn unreadable_directories_are_reported_not_fatal() {
        let t = Tree::new("unreadable");
        t.dir("a/locked/inner")
            .symlink("a/locked/inner/hidden-link", "x")
            .dir("b")
            .symlink("b/link", "x");
        std::fs::set_permissions(t.p("a/locked"), std::fs::Permissions::from_mode(0o000)).unwrap();
        if !crate::sys::is_root() {
            assert_unreadable_reported(&t.root);
            return;
        }
        // Root reads every directory: run the same assertions in this test
        // binary as an unprivileged user (setpriv drops every capability
        // along with the uid).
        let exe = std::env::current_exe().unwrap();
        let o = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(&exe)
            .args([
                "--exact",
                "structure::tests::unreadable_probe",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(PROBE_ENV, &t.root)
            .output()
            .unwrap();
        let out = format!(
            "{}{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        );
        assert!(
            o.status.success() && out.contains("unreadable probe passed as uid 65534"),
            "{out}"
        );
    }

    /// Helper of `unreadable_directories_are_reported_not_fatal` (which runs
    /// it as an unprivileged user when the tests run as root).
    #[test]
    #[ignore = "helper: run by unreadable_directories_are_reported_not_fatal"]
    fn unreadable_probe() {
        let root = std::env::var_os(PROBE_ENV).expect("run by its parent test");
        assert!(!crate::sys::is_root());
        assert_unreadable_reported(Path::new(&root));
        println!("unreadable probe passed as uid 65534");
    }
}
