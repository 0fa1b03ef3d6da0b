//! The share's `rvss:` options, parsed and checked. Samba resolves them (share
//! section, then [global]); rvss only sees the resulting strings, so the same
//! parser serves the module and the CLI.

use crate::error::{Error, Result};
use crate::structure::{self, Pattern, Rules};
use std::path::PathBuf;
use std::time::Duration;

/// The name of the snapshot directory rvss creates at the top of a btrfs
/// mount when `rvss:snapshot dir` is not set.
pub const DEFAULT_SNAPSHOT_DIR_NAME: &str = ".rvss";

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// `rvss:snapshot dir`: where snapshots go; None = `<btrfs mount>/.rvss`.
    pub snapshot_dir: Option<PathBuf>,
    /// `rvss:retain`, `rvss:retain days`.
    pub retention: Retention,
    /// The supported directory structure: `rvss:max depth`,
    /// `rvss:vm files only`, `rvss:vm file patterns`.
    pub structure: Rules,
    /// `rvss:backend`: the name of the backend asked for (lower case), None
    /// for auto (by the share's filesystem). Checked against the registered
    /// backends when the share's backend is resolved
    /// (`backend::registry::Registry::resolve`).
    pub backend: Option<String>,
    /// `rvss:cephfs snap limit`: the MDS's `mds_max_snaps_per_dir` as the
    /// admin set it (CephFS clients cannot read it), so that rvss refuses
    /// clearly before CephFS does and `rvss doctor` warns ahead.
    pub cephfs_snap_limit: SnapLimit,
    /// `rvss:flush`, `rvss:flush wait`: write-back of the share's dirty
    /// data at IsPathSupported/AddToShadowCopySet, before the freeze.
    pub flush: Flush,
    /// `rvss:replicate to`: where `rvss replicate` sends the share's
    /// retained backups (`replicate`).
    pub replicate_to: Option<crate::replicate::Target>,
    /// `rvss:replicate retain`, `rvss:replicate ssh key`, `rvss:replicate
    /// known hosts`.
    pub replicate: crate::replicate::Options,
}

impl Config {
    /// Reads every option through `get` (which answers `rvss:<name>`).
    pub fn from_options(get: impl Fn(&str) -> Option<String>) -> Result<Config> {
        let snapshot_dir = match get("snapshot dir").map(|s| s.trim().to_string()) {
            None => None,
            Some(s) if s.is_empty() => None,
            Some(s) => {
                let p = PathBuf::from(&s);
                if !p.is_absolute() {
                    return Err(Error::invalid(format!(
                        "rvss:snapshot dir = {s:?} is not an absolute path"
                    )));
                }
                if p.components()
                    .any(|c| matches!(c, std::path::Component::ParentDir))
                {
                    return Err(Error::invalid(format!(
                        "rvss:snapshot dir = {s:?} contains '..'"
                    )));
                }
                Some(p)
            }
        };
        let retention = Retention::from_options(&get)?;
        let structure = structure_rules(&get)?;
        let backend = get("backend")
            .map(|v| v.trim().to_ascii_lowercase())
            .filter(|v| !v.is_empty() && v != "auto");
        let cephfs_snap_limit = SnapLimit(
            match get("cephfs snap limit").map(|s| s.trim().to_string()) {
                None => DEFAULT_CEPHFS_SNAP_LIMIT,
                Some(v) if v.is_empty() => DEFAULT_CEPHFS_SNAP_LIMIT,
                Some(v) => match v.parse::<u32>() {
                    Ok(n) if (1..=100_000).contains(&n) => n,
                    _ => {
                        return Err(Error::invalid(format!(
                            "rvss:cephfs snap limit = {v:?} is not a number from 1 to 100000 \
                         (set it to the MDS's mds_max_snaps_per_dir)"
                        )))
                    }
                },
            },
        );
        let flush = Flush::from_options(&get)?;
        let replicate_to = match get("replicate to") {
            Some(v) => crate::replicate::Target::parse(&v)?,
            None => None,
        };
        let replicate = crate::replicate::Options::from_options(&get)?;
        Ok(Config {
            flush,
            replicate_to,
            replicate,
            snapshot_dir,
            retention,
            structure,
            backend,
            cephfs_snap_limit,
        })
    }
}

/// `rvss:flush wait` when unset.
pub const DEFAULT_FLUSH_WAIT: Duration = Duration::from_millis(500);
/// The largest `rvss:flush wait`: Samba's FSRVP server answers one call at
/// a time, so every other client waits as long.
pub const MAX_FLUSH_WAIT: Duration = Duration::from_secs(60);

/// `rvss:flush` and `rvss:flush wait`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flush {
    pub enabled: bool,
    /// How long a hook waits for the flush before it answers.
    pub wait: Duration,
}

impl Default for Flush {
    fn default() -> Self {
        Flush {
            enabled: true,
            wait: DEFAULT_FLUSH_WAIT,
        }
    }
}

impl Flush {
    pub fn from_options(get: &impl Fn(&str) -> Option<String>) -> Result<Flush> {
        let set = |name: &str| get(name).filter(|v| !v.trim().is_empty());
        let mut s = Flush::default();
        if let Some(v) = set("flush") {
            s.enabled = parse_bool("flush", &v)?;
        }
        if let Some(v) = set("flush wait") {
            s.wait = parse_wait(&v)?;
        }
        Ok(s)
    }
}

/// `rvss:flush wait`: milliseconds (plain digits) or a duration with its
/// unit (`250ms`, `2s`), 0 to [`MAX_FLUSH_WAIT`].
pub fn parse_wait(value: &str) -> Result<Duration> {
    let v = value.trim();
    let d = if !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()) {
        v.parse::<u64>().ok().map(Duration::from_millis)
    } else {
        humantime::parse_duration(v).ok()
    };
    match d {
        Some(d) if d <= MAX_FLUSH_WAIT => Ok(d),
        _ => Err(Error::invalid(format!(
            "rvss:flush wait = {value:?} is not a wait from 0 to 60s \
             (milliseconds, or a duration such as 500ms or 2s)"
        ))),
    }
}

/// The MDS's default `mds_max_snaps_per_dir`.
pub const DEFAULT_CEPHFS_SNAP_LIMIT: u32 = 100;

/// `rvss:cephfs snap limit` (default: the MDS's default).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnapLimit(pub u32);

impl Default for SnapLimit {
    fn default() -> Self {
        SnapLimit(DEFAULT_CEPHFS_SNAP_LIMIT)
    }
}

/// `rvss:retain`, `rvss:retain days` and the calendar counts: the
/// retention policy (its rules are `policy::retention`'s).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Retention {
    /// `rvss:retain`: keep the newest N backups (0 = no count rule).
    pub keep_last: u32,
    /// `rvss:retain days`: keep backups younger than D days (0 = no age rule).
    pub keep_days: u32,
    /// `rvss:retain hourly` ... `rvss:retain yearly`.
    pub calendar: Calendar,
}

/// `rvss:retain hourly|daily|weekly|monthly|yearly`: keep the newest
/// backup of each of the N most recent such periods that hold one
/// (`policy::calendar`); 0 = no such rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Calendar {
    pub hourly: u32,
    pub daily: u32,
    pub weekly: u32,
    pub monthly: u32,
    pub yearly: u32,
}

impl Calendar {
    /// Whether any calendar rule is set.
    pub fn any(&self) -> bool {
        self.hourly > 0 || self.daily > 0 || self.weekly > 0 || self.monthly > 0 || self.yearly > 0
    }
}

/// Largest accepted value of any retention option (about 27 years of days).
const MAX_RETAIN: u32 = 10_000;

impl Retention {
    pub fn from_options(get: &impl Fn(&str) -> Option<String>) -> Result<Retention> {
        Ok(Retention {
            keep_last: retain_count(get, "retain")?,
            keep_days: retain_count(get, "retain days")?,
            calendar: Calendar {
                hourly: retain_count(get, "retain hourly")?,
                daily: retain_count(get, "retain daily")?,
                weekly: retain_count(get, "retain weekly")?,
                monthly: retain_count(get, "retain monthly")?,
                yearly: retain_count(get, "retain yearly")?,
            },
        })
    }

    /// Whether deleted shadow copies are kept at all.
    pub fn enabled(&self) -> bool {
        self.keep_last > 0 || self.keep_days > 0 || self.calendar.any()
    }
}

fn retain_count(get: &impl Fn(&str) -> Option<String>, name: &str) -> Result<u32> {
    let Some(raw) = get(name) else { return Ok(0) };
    let v = raw.trim();
    if v.is_empty() {
        return Ok(0);
    }
    match v.parse::<u32>() {
        Ok(n) if n <= MAX_RETAIN => Ok(n),
        _ => Err(Error::invalid(format!(
            "rvss:{name} = {raw:?} is not a whole number from 0 to {MAX_RETAIN}"
        ))),
    }
}

/// The form under which Samba compares option names (`strwicmp`): case and
/// white space ignored, so `rvss:RetainDays`, `rvss:retain days` and
/// `RVSS : retain  DAYS` are one option. smbd matches `rvss:` options this
/// way for the module; the CLI (`SambaConf`) keys every option by it, so
/// both read the same options.
pub fn option_key(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A boolean as Samba spells them (yes/no, true/false, on/off, 1/0, any
/// case); None for anything else. The one reading of Samba booleans, for
/// rvss's options and for Samba's own (`registry shares`).
pub fn samba_bool(value: &str) -> Option<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "yes" | "true" | "on" | "1" => Some(true),
        "no" | "false" | "off" | "0" => Some(false),
        _ => None,
    }
}

/// The boolean option `rvss:<option>`, or an error naming it.
pub fn parse_bool(option: &str, value: &str) -> Result<bool> {
    samba_bool(value).ok_or_else(|| {
        Error::invalid(format!(
            "rvss:{option} = {value:?} is not a boolean (yes/no, true/false, 1/0)"
        ))
    })
}

/// `rvss:max depth`: 0 (unlimited) to MAX_DEPTH_LIMIT, digits only.
pub fn parse_depth(value: &str) -> Result<u32> {
    let v = value.trim();
    let bad = || {
        Error::invalid(format!(
            "rvss:max depth = {value:?} is not a depth: use 0 (unlimited) or a number of \
             directory levels up to {}",
            structure::MAX_DEPTH_LIMIT
        ))
    };
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    match v.parse::<u32>() {
        Ok(d) if d <= structure::MAX_DEPTH_LIMIT => Ok(d),
        _ => Err(bad()),
    }
}

/// `rvss:vm file patterns`: a list as Samba splits lists (spaces, tabs,
/// commas, semicolons; double quotes keep a pattern with spaces together).
pub fn parse_patterns(value: &str) -> Result<Vec<Pattern>> {
    let bad = |why: String| Error::invalid(format!("rvss:vm file patterns = {value:?}: {why}"));
    let mut items = vec![];
    let mut cur = String::new();
    let mut quoted = false;
    for c in value.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' | '\t' | ',' | ';' | '\n' | '\r' if !quoted => {
                if !cur.is_empty() {
                    items.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if quoted {
        return Err(bad("a double quote is not closed".into()));
    }
    if !cur.is_empty() {
        items.push(cur);
    }
    items
        .iter()
        .map(|p| Pattern::new(p).map_err(&bad))
        .collect()
}

fn structure_rules(get: &impl Fn(&str) -> Option<String>) -> Result<Rules> {
    let mut rules = Rules::default();
    let set = |name: &str| get(name).filter(|v| !v.trim().is_empty());
    if let Some(v) = set("max depth") {
        rules.max_depth = parse_depth(&v)?;
    }
    if let Some(v) = set("vm files only") {
        rules.vm_files_only = parse_bool("vm files only", &v)?;
    }
    if let Some(v) = set("vm file patterns") {
        rules.vm_file_patterns = parse_patterns(&v)?;
    }
    Ok(rules)
}

/// Options from name/value pairs, for tests of the option parsers.
#[cfg(test)]
pub(crate) fn test_options<'a>(
    pairs: &'a [(&'a str, &'a str)],
) -> impl Fn(&str) -> Option<String> + 'a {
    move |k| {
        pairs
            .iter()
            .find(|(n, _)| *n == k)
            .map(|(_, v)| v.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg(pairs: &[(&str, &str)]) -> Result<Config> {
        Config::from_options(test_options(pairs))
    }

    #[test]
    fn option_names_match_as_samba_matches_them() {
        for v in [
            "rvss:retain days",
            "rvss:RetainDays",
            "RVSS:retaindays",
            " rvss : Retain\tDays ",
        ] {
            assert_eq!(option_key(v), "rvss:retaindays", "{v:?}");
        }
        assert_ne!(option_key("rvss:retain"), option_key("rvss:retain days"));
    }

    #[test]
    fn defaults() {
        assert_eq!(cfg(&[]).unwrap(), Config::default());
        assert_eq!(cfg(&[("snapshot dir", "  ")]).unwrap(), Config::default());
    }

    #[test]
    fn snapshot_dir_must_be_absolute_and_plain() {
        assert_eq!(
            cfg(&[("snapshot dir", "/srv/snaps")]).unwrap().snapshot_dir,
            Some(PathBuf::from("/srv/snaps"))
        );
        assert!(cfg(&[("snapshot dir", "snaps")]).is_err());
        assert!(cfg(&[("snapshot dir", "/srv/../etc")]).is_err());
    }

    #[test]
    fn structure_defaults() {
        let r = cfg(&[]).unwrap().structure;
        assert_eq!(r.max_depth, 5);
        assert!(!r.vm_files_only);
        let p: Vec<&str> = r.vm_file_patterns.iter().map(|p| p.as_str()).collect();
        assert_eq!(
            p,
            [
                "*.vhd", "*.vhdx", "*.avhd", "*.avhdx", "*.vmcx", "*.vmrs", "*.vmgs", "*.vsv",
                "*.bin", "*.xml"
            ]
        );
        // Set but empty: the default, as for every rvss option.
        assert_eq!(cfg(&[("max depth", " ")]).unwrap().structure.max_depth, 5);
    }

    #[test]
    fn booleans_follow_samba() {
        for (v, want) in [
            ("yes", true),
            ("Yes", true),
            ("TRUE", true),
            ("1", true),
            ("on", true),
            (" no ", false),
            ("False", false),
            ("0", false),
            ("off", false),
        ] {
            let c = cfg(&[("vm files only", v)]).unwrap();
            assert_eq!(c.structure.vm_files_only, want, "{v}");
        }
        for v in ["maybe", "2", "y", "nein", "-1"] {
            let e = cfg(&[("vm files only", v)]).unwrap_err();
            assert_eq!(e.status, crate::ntstatus::INVALID_PARAMETER);
            assert!(
                e.message.contains("rvss:vm files only") && e.message.contains(v),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn depth_is_a_small_non_negative_number() {
        let d = |v: &str| cfg(&[("max depth", v)]).map(|c| c.structure.max_depth);
        assert_eq!(d("0").unwrap(), 0);
        assert_eq!(d(" 12 ").unwrap(), 12);
        assert_eq!(d("4096").unwrap(), 4096);
        for v in [
            "-1",
            "+3",
            "4097",
            "99999999999999999999",
            "five",
            "3.5",
            "0x10",
            "1 2",
        ] {
            let e = d(v).unwrap_err();
            assert_eq!(e.status, crate::ntstatus::INVALID_PARAMETER, "{v}");
            assert!(
                e.message.contains("rvss:max depth") && e.message.contains(v.trim()),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn pattern_lists_split_like_samba_lists() {
        let p = |v: &str| {
            cfg(&[("vm file patterns", v)]).map(|c| {
                c.structure
                    .vm_file_patterns
                    .iter()
                    .map(|p| p.as_str().to_string())
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            p("*.vhdx,*.XML; \"my disk?.img\"\t*.iso").unwrap(),
            ["*.vhdx", "*.XML", "my disk?.img", "*.iso"]
        );
        assert!(p("\"*.vhdx").is_err());
        let e = p("*.vhdx dir/*.vhd").unwrap_err();
        assert_eq!(e.status, crate::ntstatus::INVALID_PARAMETER);
        assert!(e.message.contains("dir/*.vhd"), "{}", e.message);
    }
}
