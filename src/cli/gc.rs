//! `rvss gc`: remove orphans, snapshots rvss created that nothing refers to
//! any more (a commit that failed half way, a killed FSRVP server).

use super::{Cli, Outcome, EXIT_OK};
use crate::catalog::Catalog;
use crate::inventory::{self, Status};
use crate::{shadow, snapshot};
use serde::Serialize;
use std::path::Path;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Leave orphans younger than this alone (a commit may still be in
    /// progress): 1h, 30m, 90s, 2d or plain seconds.
    #[arg(long, default_value = "1h", value_parser = parse_duration)]
    pub grace: i64,
    /// List what would be removed, remove nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print a JSON array of what was (or would be) removed.
    #[arg(long)]
    pub json: bool,
}

#[derive(Serialize)]
struct Removed {
    id: String,
    share: String,
    path: String,
    gmt: String,
    /// "orphan": the snapshot was deleted; "stale": only the catalog entry
    /// was, its snapshot no longer existed.
    kind: &'static str,
}

/// "1h", "30m", "90s", "2d", "0", "3600" -> seconds.
pub fn parse_duration(s: &str) -> Result<i64, String> {
    let s = s.trim();
    let (num, mult) = match s.chars().last() {
        Some('s') => (&s[..s.len() - 1], 1),
        Some('m') => (&s[..s.len() - 1], 60),
        Some('h') => (&s[..s.len() - 1], 3600),
        Some('d') => (&s[..s.len() - 1], 86_400),
        _ => (s, 1),
    };
    num.parse::<i64>()
        .ok()
        .filter(|n| *n >= 0)
        .and_then(|n| n.checked_mul(mult))
        .ok_or_else(|| format!("{s:?} is not a duration such as 1h, 30m, 90s, 2d or 0"))
}

pub fn run(cli: &Cli, args: &Args) -> Outcome {
    let conf = cli.samba_conf()?;
    let referenced = inventory::share_paths(&conf);
    let now = shadow::now();
    let mut removed = vec![];
    for dir in inventory::snapshot_dirs(&conf)? {
        let mut catalog = Catalog::open(&dir)?;
        let candidates: Vec<_> = catalog
            .entries
            .iter()
            .filter(|e| {
                inventory::status_of(e, &referenced) == Status::Orphan
                    && now.saturating_sub(e.created) >= args.grace
            })
            .cloned()
            .collect();
        for e in candidates {
            let exists = Path::new(&e.path).symlink_metadata().is_ok();
            removed.push(Removed {
                id: e.id.clone(),
                share: e.share.clone(),
                path: e.path.clone(),
                gmt: e.gmt.clone(),
                kind: if exists { "orphan" } else { "stale" },
            });
            if args.dry_run {
                continue;
            }
            snapshot::destroy(&dir, Path::new(&e.path))?;
            catalog.entries.retain(|x| x.id != e.id);
            catalog.save()?;
        }
    }
    if args.json {
        println!(
            "{}",
            serde_json::to_string_pretty(&removed).unwrap_or_else(|_| "[]".into())
        );
    } else {
        let verb = if args.dry_run {
            "would remove"
        } else {
            "removed"
        };
        for r in &removed {
            println!("{verb} {} {} {} ({})", r.kind, r.share, r.gmt, r.path);
        }
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::parse_duration;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("0"), Ok(0));
        assert_eq!(parse_duration("90s"), Ok(90));
        assert_eq!(parse_duration("30m"), Ok(1800));
        assert_eq!(parse_duration("1h"), Ok(3600));
        assert_eq!(parse_duration("2d"), Ok(172_800));
        for bad in ["", "-1", "h", "1w", "1.5h", "99999999999999999999d"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
