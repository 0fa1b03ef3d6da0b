//! `rvss:replicate to`: where a share's retained backups are replicated.
//! Parsed with the share's other options (`config`), so it depends on
//! nothing above `error`.

use crate::error::{Error, Result};
use std::path::{Component, Path, PathBuf};

/// A replication target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A directory on another btrfs filesystem of this host.
    Local(PathBuf),
    /// `ssh://[user@]host[:port]/path`: a directory on a btrfs filesystem
    /// of another host, reached with OpenSSH, where `rvss serve-target
    /// <path>` receives (`super::ssh`).
    Ssh {
        user: Option<String>,
        host: String,
        port: Option<u16>,
        path: PathBuf,
    },
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Local(p) => write!(f, "{}", p.display()),
            Target::Ssh {
                user,
                host,
                port,
                path,
            } => {
                write!(f, "ssh://")?;
                if let Some(u) = user {
                    write!(f, "{u}@")?;
                }
                write!(f, "{host}")?;
                if let Some(p) = port {
                    write!(f, ":{p}")?;
                }
                write!(f, "{}", path.display())
            }
        }
    }
}

fn plain_absolute(option: &str, value: &str, p: &Path) -> Result<()> {
    if !p.is_absolute() {
        return Err(Error::invalid(format!(
            "{option} = {value:?}: the path is not absolute"
        )));
    }
    if p.components().any(|c| matches!(c, Component::ParentDir)) {
        return Err(Error::invalid(format!(
            "{option} = {value:?} contains '..'"
        )));
    }
    Ok(())
}

/// The other `rvss:replicate ...` options.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Options {
    /// `rvss:replicate retain`: the copies the target keeps (the newest
    /// N); None: every copy.
    pub retain: Option<u32>,
    /// `rvss:replicate ssh key`: the private key ssh uses.
    pub ssh_key: Option<PathBuf>,
    /// `rvss:replicate known hosts`: the known_hosts file ssh trusts.
    pub known_hosts: Option<PathBuf>,
}

impl Options {
    /// Reads them through `get` (which answers `rvss:<name>`).
    pub fn from_options(get: &impl Fn(&str) -> Option<String>) -> Result<Options> {
        let set = |name: &str| {
            get(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let retain = match set("replicate retain") {
            None => None,
            Some(v) => Some(
                v.parse::<u32>()
                    .ok()
                    .filter(|&n| (1..=100_000).contains(&n))
                    .ok_or_else(|| {
                        Error::invalid(format!(
                            "rvss:replicate retain = {v:?} is not a number from 1 to 100000"
                        ))
                    })?,
            ),
        };
        let path = |name: &str| -> Result<Option<PathBuf>> {
            let Some(v) = set(name) else { return Ok(None) };
            let p = PathBuf::from(&v);
            plain_absolute(&format!("rvss:{name}"), &v, &p)?;
            Ok(Some(p))
        };
        Ok(Options {
            retain,
            ssh_key: path("replicate ssh key")?,
            known_hosts: path("replicate known hosts")?,
        })
    }
}

impl Target {
    /// Parses the option's value; None when it is unset or empty.
    pub fn parse(value: &str) -> Result<Option<Target>> {
        const OPTION: &str = "rvss:replicate to";
        let v = value.trim();
        if v.is_empty() {
            return Ok(None);
        }
        let Some(rest) = v.strip_prefix("ssh://") else {
            if v.contains("://") {
                return Err(Error::invalid(format!(
                    "{OPTION} = {v:?}: only a local path or ssh://[user@]host[:port]/path"
                )));
            }
            let p = PathBuf::from(v);
            plain_absolute(OPTION, v, &p)?;
            return Ok(Some(Target::Local(p)));
        };
        let bad = |why: &str| Error::invalid(format!("{OPTION} = {v:?}: {why}"));
        let slash = rest
            .find('/')
            .ok_or_else(|| bad("no path after the host"))?;
        let (authority, path) = rest.split_at(slash);
        let (user, hostport) = match authority.rsplit_once('@') {
            Some((u, h)) if !u.is_empty() => (Some(u.to_string()), h),
            Some(_) => return Err(bad("empty user name")),
            None => (None, authority),
        };
        let (host, port) = match hostport.rsplit_once(':') {
            // An IPv6 address is written in brackets: [::1]:22.
            Some((h, p)) if !h.ends_with(':') && (!h.starts_with('[') || h.ends_with(']')) => {
                let port = p
                    .parse::<u16>()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| bad("the port is not a number from 1 to 65535"))?;
                (h, Some(port))
            }
            _ => (hostport, None),
        };
        if host.is_empty() || host.starts_with('-') || host.chars().any(char::is_whitespace) {
            return Err(bad("no usable host name"));
        }
        if user
            .as_deref()
            .is_some_and(|u| u.starts_with('-') || u.chars().any(char::is_whitespace))
        {
            return Err(bad("no usable user name"));
        }
        let path = PathBuf::from(path);
        plain_absolute(OPTION, v, &path)?;
        Ok(Some(Target::Ssh {
            user,
            host: host.to_string(),
            port,
            path,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retain_and_ssh_files() {
        let opts = |pairs: &[(&str, &str)]| {
            let pairs: Vec<(String, String)> = pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect();
            Options::from_options(&move |k: &str| {
                pairs.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone())
            })
        };
        assert_eq!(opts(&[]).unwrap(), Options::default());
        let o = opts(&[
            ("replicate retain", " 7 "),
            ("replicate ssh key", "/etc/rvss/id_ed25519"),
            ("replicate known hosts", "/etc/rvss/known_hosts"),
        ])
        .unwrap();
        assert_eq!(o.retain, Some(7));
        assert_eq!(o.ssh_key, Some("/etc/rvss/id_ed25519".into()));
        assert_eq!(o.known_hosts, Some("/etc/rvss/known_hosts".into()));
        for (k, v) in [
            ("replicate retain", "0"),
            ("replicate retain", "many"),
            ("replicate ssh key", "id_ed25519"),
            ("replicate known hosts", "/etc/../tmp/kh"),
        ] {
            assert!(opts(&[(k, v)]).is_err(), "{k} = {v} accepted");
        }
    }

    #[test]
    fn local_paths_and_ssh_urls() {
        assert_eq!(Target::parse("  ").unwrap(), None);
        assert_eq!(
            Target::parse("/mnt/backup").unwrap(),
            Some(Target::Local("/mnt/backup".into()))
        );
        assert_eq!(
            Target::parse("ssh://rvss@store.example:2222/srv/rvss").unwrap(),
            Some(Target::Ssh {
                user: Some("rvss".into()),
                host: "store.example".into(),
                port: Some(2222),
                path: "/srv/rvss".into()
            })
        );
        let t = Target::parse("ssh://store/srv").unwrap().unwrap();
        assert_eq!(t.to_string(), "ssh://store/srv");
        assert_eq!(
            Target::parse("ssh://[::1]:22/x").unwrap(),
            Some(Target::Ssh {
                user: None,
                host: "[::1]".into(),
                port: Some(22),
                path: "/x".into()
            })
        );
        for bad in [
            "relative/dir",
            "/a/../b",
            "ftp://h/x",
            "ssh://host",
            "ssh://@h/x",
            "ssh://h:0/x",
            "ssh://h:port/x",
            "ssh://-oProxyCommand=x/y",
            "ssh:///x",
        ] {
            assert!(Target::parse(bad).is_err(), "{bad} accepted");
        }
    }
}
