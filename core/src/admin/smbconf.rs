//! Share definitions as Samba resolves them, for the CLI: `testparm -s` for
//! smb.conf (includes and defaults applied) and `net conf list` for registry
//! shares (where FSRVP exposes shadow copies). Parametric options fall back
//! to [global], as `lp_parm_*` does.

use super::process;
use crate::config::{option_key, samba_bool, Config};
use crate::error::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// What Samba's FSRVP server puts into the name of each share it exposes a
/// shadow copy as (`<share>@{<shadow copy id>}`).
pub const EXPOSED_SHARE_MARK: &str = "@{";

/// The option that sets how many rpcd_fsrvp workers samba-dcerpcd runs
/// (Samba's default: 5). Each worker keeps its own copy of the FSRVP
/// shadow copy sets, so concurrent clients need exactly one.
pub const FSRVP_WORKERS_OPTION: &str = "rpcd_fsrvp:num_workers";

/// The [global] lines rvss's documented setup needs (vfs_rvss(8), CONCURRENT
/// CLIENTS): registry shares to expose shadow copies, and a single
/// rpcd_fsrvp worker so that every FSRVP request sees every set.
pub const GLOBAL_LINES: &[&str] = &[
    "registry shares = yes",
    "include = registry",
    "rpcd_fsrvp:num_workers = 1",
];

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Section {
    pub name: String,
    /// Keys by `config::option_key`: case and white space ignored, as Samba
    /// compares them.
    pub params: BTreeMap<String, String>,
}

impl Section {
    /// Whether this is a share FSRVP made to expose a shadow copy (a clone
    /// of a base share's definition, `vfs objects` included), not a share
    /// an admin configured.
    pub fn is_exposed_shadow_copy(&self) -> bool {
        self.name.contains(EXPOSED_SHARE_MARK)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SambaConf {
    pub global: Section,
    pub shares: Vec<Section>,
}

/// Parses smb.conf-style text (testparm's or `net conf list`'s output).
pub fn parse(text: &str) -> Vec<Section> {
    let mut out: Vec<Section> = vec![];
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') || l.starts_with(';') {
            continue;
        }
        if let Some(name) = l.strip_prefix('[').and_then(|r| r.strip_suffix(']')) {
            out.push(Section {
                name: name.to_string(),
                params: BTreeMap::new(),
            });
        } else if let (Some(sec), Some((k, v))) = (out.last_mut(), l.split_once('=')) {
            sec.params.insert(option_key(k), v.trim().to_string());
        }
    }
    out
}

impl SambaConf {
    pub fn from_sections(sections: Vec<Section>) -> SambaConf {
        let mut conf = SambaConf::default();
        for s in sections {
            if s.name.eq_ignore_ascii_case("global") {
                conf.global.params.extend(s.params);
            } else if let Some(existing) = conf
                .shares
                .iter_mut()
                .find(|e| e.name.eq_ignore_ascii_case(&s.name))
            {
                existing.params.extend(s.params);
            } else {
                conf.shares.push(s);
            }
        }
        conf
    }

    /// Loads smb.conf through testparm, plus registry shares when enabled.
    pub fn load(config_file: &Path) -> Result<SambaConf> {
        let mut sections = parse(
            &process::stdout("testparm", &["-s".as_ref(), config_file.as_os_str()])
                .map_err(Error::invalid)?,
        );
        let conf = SambaConf::from_sections(sections.clone());
        if conf.registry_shares() {
            // FSRVP exposes shadow copies as registry shares: without them
            // rvss could not tell an exposed snapshot from an orphan.
            let text = process::stdout(
                "net",
                &[
                    "-s".as_ref(),
                    config_file.as_os_str(),
                    "conf".as_ref(),
                    "list".as_ref(),
                ],
            )
            .map_err(Error::invalid)?;
            sections.extend(parse(&text));
        }
        Ok(SambaConf::from_sections(sections))
    }

    pub fn share(&self, name: &str) -> Option<&Section> {
        self.shares
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name))
    }

    /// A [global] option (any spelling Samba accepts for its name).
    pub fn global_param(&self, key: &str) -> Option<&str> {
        self.global.params.get(&option_key(key)).map(String::as_str)
    }

    /// `registry shares = yes`: FSRVP can expose shadow copies as shares.
    pub fn registry_shares(&self) -> bool {
        self.global_param("registry shares")
            .and_then(samba_bool)
            .unwrap_or(false)
    }

    /// `include = registry` or `config backend = registry` in [global].
    pub fn includes_registry(&self) -> bool {
        ["include", "config backend"].iter().any(|k| {
            self.global_param(k)
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("registry"))
        })
    }

    /// How many rpcd_fsrvp workers samba-dcerpcd may run: the value of
    /// `rpcd_fsrvp:num_workers` as Samba's `lp_parm_int` reads it, `None`
    /// when unset (Samba's default of 5 applies) and `Err` with the text
    /// when it is not a number.
    pub fn fsrvp_workers(&self) -> Option<std::result::Result<i64, String>> {
        self.global_param(FSRVP_WORKERS_OPTION)
            .map(|v| parse_samba_int(v).ok_or_else(|| v.to_string()))
    }

    /// Shares an admin configured (not the exposed shadow copies FSRVP made).
    pub fn base_shares(&self) -> impl Iterator<Item = &Section> {
        self.shares.iter().filter(|s| !s.is_exposed_shadow_copy())
    }

    /// A share's parametric option, falling back to [global].
    pub fn param(&self, share: &Section, key: &str) -> Option<String> {
        let key = option_key(key);
        share
            .params
            .get(&key)
            .or_else(|| self.global.params.get(&key))
            .cloned()
    }

    /// The share's rvss configuration, parsed as the module parses it.
    pub fn rvss_config(&self, share: &Section) -> Result<Config> {
        Config::from_options(|k| self.param(share, &format!("rvss:{k}")))
    }

    /// Configured shares whose `vfs objects` load rvss (the exposed shadow
    /// copy shares, which carry `vfs objects = rvss` too, left out).
    pub fn rvss_shares(&self) -> impl Iterator<Item = &Section> {
        self.base_shares().filter(|s| {
            self.param(s, "vfs objects")
                .is_some_and(|v| v.split([' ', ',']).any(|m| m == "rvss"))
        })
    }
}

/// An integer as Samba's `lp_int` reads it (`strtol(s, NULL, 0)`): decimal,
/// `0x` hexadecimal or leading-`0` octal, after leading white space.
fn parse_samba_int(v: &str) -> Option<i64> {
    let t = v.trim();
    let (neg, t) = match t.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let n = if let Some(h) = t.strip_prefix("0x").or_else(|| t.strip_prefix("0X")) {
        i64::from_str_radix(h, 16).ok()?
    } else if t.len() > 1 && t.starts_with('0') {
        i64::from_str_radix(&t[1..], 8).ok()?
    } else {
        t.parse().ok()?
    };
    Some(if neg { -n } else { n })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TESTPARM: &str = "# Global parameters\n[global]\n\tregistry shares = Yes\n\trvss:snapshot dir = /x\n\n[vm]\n\tpath = /srv/a b\n\tvfs objects = rvss shadow_copy2\n\tRVSS:Max Depth = 3\n\n[plain]\n\tpath = /srv/p\n";

    #[test]
    fn options_fall_back_to_global() {
        let c = SambaConf::from_sections(parse(TESTPARM));
        let vm = c.share("VM").unwrap();
        assert_eq!(c.param(vm, "path").as_deref(), Some("/srv/a b"));
        assert_eq!(c.param(vm, "rvss:max depth").as_deref(), Some("3"));
        assert_eq!(c.param(vm, "rvss:snapshot dir").as_deref(), Some("/x"));
        assert_eq!(
            c.rvss_shares().map(|s| s.name.as_str()).collect::<Vec<_>>(),
            vec!["vm"]
        );
        assert_eq!(c.rvss_config(vm).unwrap().snapshot_dir, Some("/x".into()));
    }

    #[test]
    fn option_names_ignore_case_and_spaces_as_smbd_does() {
        for spelling in ["rvss:retain days", "rvss:RetainDays", "RVSS: retain   DAYS"] {
            let c = SambaConf::from_sections(parse(&format!(
                "[vm]\n\tpath = /srv/vm\n\tvfsobjects = rvss\n\t{spelling} = 3\n"
            )));
            let vm = c.share("vm").unwrap();
            assert_eq!(
                c.rvss_config(vm).unwrap().retention.keep_days,
                3,
                "{spelling}"
            );
            assert_eq!(c.rvss_shares().count(), 1);
        }
    }

    #[test]
    fn registry_sections_merge_by_name() {
        let mut s = parse(TESTPARM);
        s.extend(parse(
            "[vm@{1}]\n\tpath = /srv/.rvss/x\n\tvfs objects = rvss\n",
        ));
        let c = SambaConf::from_sections(s);
        assert_eq!(c.shares.len(), 3);
        assert_eq!(
            c.share("vm@{1}")
                .and_then(|s| c.param(s, "path"))
                .as_deref(),
            Some("/srv/.rvss/x")
        );
    }

    #[test]
    fn fsrvp_workers_read_as_samba_reads_them() {
        let conf = |line: &str| SambaConf::from_sections(parse(&format!("[global]\n\t{line}\n")));
        assert_eq!(conf("registry shares = yes").fsrvp_workers(), None);
        assert_eq!(
            conf("rpcd_fsrvp:num_workers = 1").fsrvp_workers(),
            Some(Ok(1))
        );
        assert_eq!(
            conf("RPCD_FSRVP: Num_Workers = 5").fsrvp_workers(),
            Some(Ok(5))
        );
        assert_eq!(
            conf("rpcd_fsrvp:num_workers = 0x2").fsrvp_workers(),
            Some(Ok(2))
        );
        assert_eq!(
            conf("rpcd_fsrvp:num_workers = one").fsrvp_workers(),
            Some(Err("one".into()))
        );
        // The documented lines are what the check accepts.
        let documented =
            SambaConf::from_sections(parse(&format!("[global]\n{}\n", GLOBAL_LINES.join("\n"))));
        assert_eq!(documented.fsrvp_workers(), Some(Ok(1)));
        assert!(documented.registry_shares() && documented.includes_registry());
    }
}
