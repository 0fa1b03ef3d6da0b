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
//! One walker serves both the module (`backend::btrfs::hooks::check_path`, after
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

//!
//! Here: the rules and their results; `pattern`: `rvss:vm file patterns`;
//! `walk`: the walker.

use crate::error::{Error, Result};
use crate::mounts::Mount;
use serde::Serialize;
use std::fs::File;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

mod pattern;
mod since;
#[cfg(test)]
mod tests;
mod walk;

pub use pattern::{default_vm_file_patterns, Pattern};
pub use since::{require_supported_as_taken_since, require_supported_live, Taken};
pub use walk::walk;

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

    /// The rules as one string, equal exactly when the rules are: a key for
    /// what a check under them found (`since`), cheap to make at each hook.
    pub(crate) fn fingerprint(&self) -> String {
        let mut s = format!("{} {}", self.max_depth, self.vm_files_only);
        for p in &self.vm_file_patterns {
            // A pattern holds no NUL (`Pattern::new`).
            s.push('\0');
            s.push_str(p.as_str());
        }
        s
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
    refusal(root, summarize(root, rules, mounts)?, share)
}

/// For the commit: the rules hold for the share as its snapshot holds it
/// (`taken`: the share's directory inside the snapshot just taken, open;
/// `snapshot`: its path),
/// violations named by their path in the live share `live`. A snapshot
/// shows what the live tree held at the ioctl, except what was mounted
/// there (it leaves no trace) and nested subvolumes (empty stand-ins, which
/// the walk recognizes): the mount points below `live` come from `mounts`.
/// One walk, of the tree as taken, instead of one of the live tree before
/// the ioctl, which users could change until the ioctl.
pub fn require_supported_as_taken(
    taken: File,
    snapshot: &Path,
    live: &Path,
    rules: &Rules,
    mounts: &[Mount],
    share: &str,
) -> Result<()> {
    let mut first: Option<Violation> = None;
    let mut note = |v: Violation| {
        if first.as_ref().is_none_or(|f| v.key() < f.key()) {
            first = Some(v);
        }
    };
    let mut count = walk::walk_open(taken, snapshot, rules, &[], &mut |mut v| {
        if let Ok(rel) = v.path.strip_prefix(snapshot) {
            v.path = crate::paths::join_rel(live, rel);
        }
        note(v)
    })?;
    for v in walk::mount_points_below(live, mounts, &[]) {
        count += 1;
        note(v);
    }
    refusal(live, Summary { count, first }, share)
}

fn refusal(root: &Path, s: Summary, share: &str) -> Result<()> {
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
