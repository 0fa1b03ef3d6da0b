//! `rvss metrics`: the state of every rvss share in Prometheus's text
//! exposition format, for node_exporter's textfile collector (written
//! atomically into a file) or any scraper (standard output).

use super::list::{self, Row};
use super::shares;
use super::{Cli, Failure, Outcome, EXIT_ERROR, EXIT_OK};
use rvss_core::admin::{self, inventory};
use rvss_core::audit::{self, Op, Record};
use rvss_core::backend::Registry;
use rvss_core::policy::status::Status;
use rvss_core::samba;
use rvss_core::share::Share;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Write the metrics to FILE (replaced atomically, as node_exporter's
    /// textfile collector needs: e.g.
    /// /var/lib/prometheus/node-exporter/rvss.prom) instead of standard
    /// output.
    #[arg(long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// How many audit records are read (the history keeps about 8,000).
const HISTORY: usize = 100_000;

/// What is known of one share.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct ShareMetrics {
    /// Unix time of the last shadow copy made successfully (0: none known).
    pub last_success: i64,
    /// Snapshots by state.
    pub states: BTreeMap<&'static str, u64>,
    pub oldest_backup: Option<i64>,
    pub newest_backup: Option<i64>,
    /// Bytes only the retained backups hold, where the filesystem tells.
    pub exclusive_bytes: Option<u64>,
    /// Failed operations in the audit trail, by hook.
    pub failed: BTreeMap<&'static str, u64>,
    /// Unix time of the oldest snapshot still exposed (a set FSRVP has not
    /// deleted yet) and of the oldest still being taken.
    pub oldest_exposed: Option<i64>,
    pub oldest_creating: Option<i64>,
    /// Whether the share has `rvss:replicate to` (the replication families
    /// are printed for those shares only).
    pub replicates: bool,
    /// Unix time of the newest retained backup with a verified copy on the
    /// target (0: none yet).
    pub newest_replicated: i64,
    /// Retained backups with no verified copy on the target.
    pub unreplicated: u64,
}

/// Everything `rvss metrics` prints.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Metrics {
    pub shares: BTreeMap<String, ShareMetrics>,
    pub corrupt_entries: u64,
    /// (installed Samba, Samba the module was built for, compatible).
    pub module: Option<(String, String, bool)>,
}

const STATES: [(Status, &str); 5] = [
    (Status::Exposed, "exposed"),
    (Status::Retained, "retained"),
    (Status::Creating, "creating"),
    (Status::Orphan, "orphan"),
    (Status::Lost, "lost"),
];

/// Gathers the metrics of `shares` from the catalogs' `rows` and the audit
/// trail's `history`. Pure: the unit tests build both by hand.
pub(crate) fn gather(
    shares: &[String],
    rows: &[Row],
    corrupt: usize,
    history: &[Record],
    created: impl Fn(&Row) -> Option<i64>,
) -> Metrics {
    let mut m = Metrics {
        corrupt_entries: corrupt as u64,
        ..Default::default()
    };
    for s in shares {
        let mut sm = ShareMetrics::default();
        for (_, name) in STATES {
            sm.states.insert(name, 0);
        }
        for op in [Op::Create, Op::Delete] {
            sm.failed.insert(op.hook(), 0);
        }
        m.shares.insert(s.clone(), sm);
    }
    for r in rows {
        let Some(sm) = share_entry(&mut m.shares, &r.share) else {
            continue;
        };
        let name = STATES
            .iter()
            .find(|(st, _)| *st == r.state)
            .map_or("orphan", |(_, n)| *n);
        *sm.states.entry(name).or_default() += 1;
        let t = created(r);
        if matches!(r.state, Status::Exposed | Status::Retained) {
            sm.last_success = sm.last_success.max(t.unwrap_or(0));
        }
        let min = |o: Option<i64>, t: i64| Some(o.map_or(t, |o| o.min(t)));
        match (r.state, t) {
            (Status::Exposed, Some(t)) => sm.oldest_exposed = min(sm.oldest_exposed, t),
            (Status::Creating, Some(t)) => sm.oldest_creating = min(sm.oldest_creating, t),
            _ => {}
        }
        if r.state == Status::Retained {
            if let Some(t) = t {
                sm.oldest_backup = Some(sm.oldest_backup.map_or(t, |o| o.min(t)));
                sm.newest_backup = Some(sm.newest_backup.map_or(t, |n| n.max(t)));
            }
            if let Some(b) = r.exclusive_bytes {
                sm.exclusive_bytes = Some(sm.exclusive_bytes.unwrap_or(0) + b);
            }
            if r.replicated {
                sm.newest_replicated = sm.newest_replicated.max(t.unwrap_or(0));
            } else {
                sm.unreplicated += 1;
            }
        }
    }
    for rec in history {
        let Some(sm) = share_entry(&mut m.shares, &rec.share) else {
            continue;
        };
        if !rec.ok() {
            *sm.failed.entry(rec.op.hook()).or_default() += 1;
        } else if rec.op == Op::Create {
            if let Some(t) = unix_time(&rec.time) {
                sm.last_success = sm.last_success.max(t);
            }
        }
    }
    m
}

/// Share names compare as Samba compares them (case-insensitively).
fn share_entry<'a>(
    shares: &'a mut BTreeMap<String, ShareMetrics>,
    name: &str,
) -> Option<&'a mut ShareMetrics> {
    shares
        .iter_mut()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn unix_time(rfc3339: &str) -> Option<i64> {
    rvss_core::duration::parse_rfc3339(rfc3339)
}

/// A label value as the exposition format quotes it.
fn label(v: &str) -> String {
    v.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The exposition text: HELP and TYPE once per metric, then its samples.
pub(crate) fn render(m: &Metrics) -> String {
    let mut out = String::new();
    let mut family = |name: &str, help: &str, samples: Vec<(String, String)>| {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} gauge");
        for (labels, value) in samples {
            let _ = writeln!(out, "{name}{labels} {value}");
        }
    };
    let per_share = |f: &dyn Fn(&ShareMetrics) -> Option<String>| -> Vec<(String, String)> {
        m.shares
            .iter()
            .filter_map(|(s, sm)| f(sm).map(|v| (format!("{{share=\"{}\"}}", label(s)), v)))
            .collect()
    };
    family(
        "rvss_last_shadow_copy_timestamp_seconds",
        "Unix time of the share's last shadow copy made successfully (0: none known).",
        per_share(&|sm| Some(sm.last_success.to_string())),
    );
    family(
        "rvss_retained_backups",
        "Retained backups (read-only snapshots kept by the share's retention policy).",
        per_share(&|sm| Some(sm.states.get("retained").copied().unwrap_or(0).to_string())),
    );
    family(
        "rvss_oldest_backup_timestamp_seconds",
        "Unix time of the share's oldest retained backup.",
        per_share(&|sm| sm.oldest_backup.map(|t| t.to_string())),
    );
    family(
        "rvss_newest_backup_timestamp_seconds",
        "Unix time of the share's newest retained backup.",
        per_share(&|sm| sm.newest_backup.map(|t| t.to_string())),
    );
    family(
        "rvss_backup_exclusive_bytes",
        "Bytes only the share's retained backups hold (where btrfs quotas tell).",
        per_share(&|sm| sm.exclusive_bytes.map(|b| b.to_string())),
    );
    // One sample per share and key of a per-share count, the key as `label`.
    let by = |label_name: &str, counts: &dyn Fn(&ShareMetrics) -> &BTreeMap<&'static str, u64>| {
        m.shares
            .iter()
            .flat_map(|(s, sm)| {
                counts(sm).iter().map(move |(k, n)| {
                    (
                        format!("{{share=\"{}\",{label_name}=\"{k}\"}}", label(s)),
                        n.to_string(),
                    )
                })
            })
            .collect::<Vec<_>>()
    };
    family(
        "rvss_snapshots",
        "Snapshots rvss made, by state (exposed, retained, creating, orphan, lost).",
        by("state", &|sm| &sm.states),
    );
    family(
        "rvss_failed_operations",
        "Failed FSRVP operations in the audit trail rvss keeps (rvss list --history).",
        by("operation", &|sm| &sm.failed),
    );
    family(
        "rvss_oldest_exposed_timestamp_seconds",
        "Unix time of the share's oldest shadow copy still exposed (a set FSRVP has not deleted).",
        per_share(&|sm| sm.oldest_exposed.map(|t| t.to_string())),
    );
    let replicating =
        |f: &dyn Fn(&ShareMetrics) -> String| per_share(&|sm| sm.replicates.then(|| f(sm)));
    family(
        "rvss_newest_replicated_backup_timestamp_seconds",
        "Unix time of the newest retained backup with a verified copy on the share's rvss:replicate to target (0: none); the replication lag is time() minus it.",
        replicating(&|sm| sm.newest_replicated.to_string()),
    );
    family(
        "rvss_unreplicated_backups",
        "Retained backups without a verified copy on the share's rvss:replicate to target yet.",
        replicating(&|sm| sm.unreplicated.to_string()),
    );
    family(
        "rvss_catalog_corrupt_entries",
        "Catalog entries that do not parse (rvss repair mends them).",
        vec![(String::new(), m.corrupt_entries.to_string())],
    );
    if let Some((installed, built, ok)) = &m.module {
        family(
            "rvss_module_compatible",
            "1 when the installed rvss.so loads in the installed Samba (same release series), as rvss doctor judges it.",
            vec![(
                format!(
                    "{{samba=\"{}\",built_for=\"{}\"}}",
                    label(installed),
                    label(built)
                ),
                u8::from(*ok).to_string(),
            )],
        );
    }
    out
}

/// The installed Samba, the one rvss.so was built for, and whether it loads.
fn module_compat() -> Option<(String, String, bool)> {
    let installed = admin::samba::installed_version()?;
    let module = admin::samba::module_path(&admin::samba::build_path("MODULESDIR")?);
    let built = std::fs::read(module)
        .ok()
        .and_then(|b| samba::built_for(&b))
        .map(|b| b.version);
    Some(match built {
        Some(b) => {
            let ok = samba::compat(&installed, &b) != samba::Compat::OtherRelease;
            (installed, b, ok)
        }
        None => (installed, String::new(), false),
    })
}

/// Replaces `path` with `text` atomically: a new file of a name no one can
/// plant (O_EXCL, unpredictable) next to it, then renamed over it; node
/// exporter reads `*.prom` only, never the temporary file.
fn write_atomically(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .ok_or_else(|| std::io::Error::other("not a file name"))?;
    let tmp = dir.join(format!(
        ".{}.{}.tmp",
        name.to_string_lossy(),
        uuid::Uuid::new_v4().simple()
    ));
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o644)
        .custom_flags(libc::O_NOFOLLOW)
        .open(&tmp)?;
    let written = f.write_all(text.as_bytes()).and_then(|()| f.sync_all());
    let renamed = written.and_then(|()| std::fs::rename(&tmp, path));
    if renamed.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    renamed
}

/// The metrics of `shares`, given their catalogs' `rows`: the audit trail
/// and the installed module read here.
pub(crate) fn collect(shares: &[Share], rows: &[Row], corrupt: usize) -> Metrics {
    let history = audit::read(HISTORY).unwrap_or_else(|e| {
        eprintln!("rvss: audit trail unreadable: {e}");
        vec![]
    });
    let names: Vec<String> = shares.iter().map(|s| s.name.clone()).collect();
    let mut m = gather(&names, rows, corrupt, &history, |r| unix_time(&r.created));
    for s in shares.iter().filter(|s| s.config.replicate_to.is_some()) {
        if let Some(sm) = share_entry(&mut m.shares, &s.name) {
            sm.replicates = true;
        }
    }
    m.module = module_compat();
    m
}

pub fn run(cli: &Cli, args: &Args, registry: &Registry) -> Outcome {
    let conf = cli.samba_conf()?;
    let shares = shares::rvss_shares(&conf, None)?;
    let (rows, corrupt) = list::rows(registry, &shares, &inventory::share_paths(&conf))?;
    let text = render(&collect(&shares, &rows, corrupt));
    match &args.output {
        None => print!("{text}"),
        Some(path) => write_atomically(path, &text).map_err(|e| Failure {
            code: EXIT_ERROR,
            message: format!("writing {}: {e}", path.display()),
        })?,
    }
    Ok(EXIT_OK)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(share: &str, state: Status, created: i64, bytes: Option<u64>) -> Row {
        Row {
            id: format!("{share}-{created}"),
            share: share.into(),
            subvolume: "/srv/vol1".into(),
            path: format!("/srv/.rvss/vol1/{created}"),
            gmt: rvss_core::gmt::token(created).unwrap(),
            created: rvss_core::duration::rfc3339(created),
            readonly: true,
            state,
            exclusive_bytes: bytes,
            replicated: false,
            replica: None,
        }
    }

    fn rec(share: &str, op: Op, t: i64, ok: bool) -> Record {
        Record {
            time: rvss_core::duration::rfc3339(t),
            op,
            share: share.into(),
            set: None,
            shadow_copy: None,
            snapshot: None,
            user: Some("EXAMPLE\\backup".into()),
            status: if ok {
                "NT_STATUS_OK"
            } else {
                "NT_STATUS_DISK_FULL"
            }
            .into(),
            outcome: String::new(),
            ms: 1.0,
        }
    }

    #[test]
    fn gathers_per_share_and_renders_every_family_once() {
        let rows = vec![
            row("vm", Status::Retained, 1_000, Some(10)),
            Row {
                replicated: true,
                replica: Some("/t/vm/x".into()),
                ..row("VM", Status::Retained, 3_000, Some(5))
            },
            row("vm", Status::Exposed, 4_000, None),
            row("vm", Status::Orphan, 5_000, None),
            row("sql", Status::Lost, 2_000, None),
        ];
        let history = vec![
            // A later create whose set was deleted (no retention): known
            // from the audit trail only.
            rec("vm", Op::Create, 6_000, true),
            rec("vm", Op::Delete, 6_100, false),
            rec("sql", Op::Create, 7_000, false),
        ];
        let names = vec!["vm".to_string(), "sql".to_string(), "empty".to_string()];
        let m = gather(&names, &rows, 2, &history, |r| unix_time(&r.created));
        let vm = &m.shares["vm"];
        assert_eq!(vm.last_success, 6_000);
        assert_eq!(
            (vm.oldest_backup, vm.newest_backup),
            (Some(1_000), Some(3_000))
        );
        assert_eq!(vm.exclusive_bytes, Some(15));
        assert_eq!(vm.states["retained"], 2);
        assert_eq!(vm.states["orphan"], 1);
        assert_eq!(vm.failed["snap_delete"], 1);
        // A failed create is no success; a lost snapshot is no backup.
        let sql = &m.shares["sql"];
        assert_eq!(sql.last_success, 0);
        assert_eq!(sql.failed["snap_create"], 1);
        assert_eq!(sql.states["lost"], 1);
        assert_eq!(m.shares["empty"], {
            let mut e = ShareMetrics::default();
            for (_, n) in STATES {
                e.states.insert(n, 0);
            }
            e.failed.insert("snap_create", 0);
            e.failed.insert("snap_delete", 0);
            e
        });

        // vm's backups: the one of 3,000 replicated, the one of 1,000 not.
        assert_eq!((vm.newest_replicated, vm.unreplicated), (3_000, 1));

        let mut m = m;
        m.module = Some(("4.17.12".into(), "4.17.12".into(), true));
        m.shares.get_mut("vm").unwrap().replicates = true;
        let text = render(&m);
        // Printed for the shares that replicate only.
        assert!(
            text.contains("rvss_newest_replicated_backup_timestamp_seconds{share=\"vm\"} 3000\n")
        );
        assert!(text.contains("rvss_unreplicated_backups{share=\"vm\"} 1\n"));
        assert!(!text.contains("rvss_unreplicated_backups{share=\"sql\"}"));
        for family in [
            "rvss_last_shadow_copy_timestamp_seconds",
            "rvss_retained_backups",
            "rvss_snapshots",
            "rvss_failed_operations",
            "rvss_catalog_corrupt_entries",
            "rvss_module_compatible",
        ] {
            assert_eq!(
                text.matches(&format!("# TYPE {family} gauge\n")).count(),
                1,
                "{family}\n{text}"
            );
        }
        assert!(text.contains("rvss_last_shadow_copy_timestamp_seconds{share=\"vm\"} 6000\n"));
        assert!(text.contains("rvss_snapshots{share=\"sql\",state=\"lost\"} 1\n"));
        assert!(text.contains("rvss_failed_operations{share=\"vm\",operation=\"snap_delete\"} 1\n"));
        assert!(text.contains("rvss_catalog_corrupt_entries 2\n"));
        assert!(
            text.contains("rvss_module_compatible{samba=\"4.17.12\",built_for=\"4.17.12\"} 1\n")
        );
        // No oldest backup for a share without one.
        assert!(!text.contains("rvss_oldest_backup_timestamp_seconds{share=\"sql\"}"));
    }

    #[test]
    fn label_values_are_escaped() {
        assert_eq!(label("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
    }

    #[test]
    fn the_file_is_replaced_whole() {
        let dir = std::env::temp_dir().join(format!("rvss-metrics-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let f = dir.join("rvss.prom");
        write_atomically(&f, "a 1\n").unwrap();
        write_atomically(&f, "a 2\n").unwrap();
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "a 2\n");
        let names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("rvss.prom")],
            "no temporary file left"
        );
        assert!(write_atomically(&dir.join("missing/rvss.prom"), "x").is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
