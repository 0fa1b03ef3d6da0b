//! Many snapshots: what 1,000 snapshots already in rvss's catalog (and on
//! the filesystem) cost a new shadow copy and the admin CLI, against the
//! same on an empty catalog. Two filesystems of one World, identical but for
//! the 1,000 snapshots, alternated.
//!
//! The CLI operations measured are listed in `CLI_OPS`. Retention (`rvss
//! prune`, being built separately) fits in two ways: a read-only form (e.g.
//! `prune --dry-run`) is one more `CliOp`; a destructive one needs a fresh
//! population per sample, which `populate` (1,000 snapshots through the C
//! API, hourly timestamps in the past, like retained backups) provides.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::{text, World};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::capi::{now, HookShare};
use support::{timed, Goal, Report};

const POPULATION: usize = 1000;

/// An admin CLI operation, measured with 1,000 entries and with none.
struct CliOp {
    label: &'static str,
    /// Arguments after `rvss -s CONF`.
    args: &'static str,
}

const CLI_OPS: &[CliOp] = &[
    CliOp {
        label: "rvss list",
        args: "list",
    },
    CliOp {
        label: "rvss list --json",
        args: "list --json",
    },
];

fn main() {
    if let Some(args) = support::inner_args() {
        inner(&args);
        return;
    }
    if !support::is_bench_run() {
        return;
    }
    let reps = support::reps(200, 10);
    let cli_reps = support::reps(60, 5);
    let population = POPULATION;
    let mut w = World::new("bench-many");
    // Two identical filesystems: "full" gets the population, "empty" not.
    let mut vols = BTreeMap::new();
    for name in ["empty", "full"] {
        let fs = w.add_btrfs(name, 2048);
        let vol = fs.join("vol1");
        support::subvolume(&w, &vol);
        support::write_data(&w, &vol.join("disk.vhdx"), 16);
        vols.insert(name, vol);
    }
    let (empty, full) = (&vols["empty"], &vols["full"]);

    let (fill_ms, _) = timed(|| {
        support::run_inside(
            &w,
            &[
                "populate".into(),
                full.display().to_string(),
                population.to_string(),
            ],
        )
    });
    let out = support::run_inside(
        &w,
        &[
            "measure".into(),
            empty.display().to_string(),
            full.display().to_string(),
            reps.to_string(),
        ],
    );
    let mut r = Report::new(
        "many",
        "Many snapshots: 1,000 in the catalog vs an empty catalog",
    );
    r.add_series_json(&out);
    let goal = Goal::Median(1.2);
    r.compare(
        "snap_create with 1,000 existing",
        "rvss create, 1000 existing",
        "rvss create, empty",
        goal,
    );
    r.compare(
        "snap_delete with 1,000 existing",
        "rvss delete, 1000 existing",
        "rvss delete, empty",
        Goal::None,
    );
    r.compare(
        "breakdown: bare ioctl create, fs with 1,000 snapshots",
        "ioctl create, 1000 existing",
        "ioctl create, empty",
        Goal::None,
    );
    r.compare(
        "breakdown: one catalog update, 1,000 entries",
        "catalog open+save, 1000 existing",
        "catalog open+save, empty",
        Goal::None,
    );
    r.compare(
        "breakdown: of which JSON parse+serialize",
        "catalog parse+serialize, 1000 existing",
        "catalog parse+serialize, empty",
        Goal::None,
    );

    // The CLI reads smb.conf (testparm) to find the shares: one config per
    // filesystem, so each run sees one catalog.
    let confs: BTreeMap<&str, PathBuf> = [("empty", empty), ("full", full)]
        .into_iter()
        .map(|(name, vol)| (name, write_conf(&mut w, name, vol)))
        .collect();
    let lines = w.must(&format!(
        "'{}' -s '{}' list | wc -l",
        common::cli_path().display(),
        confs["full"].display()
    ));
    assert_eq!(
        lines.trim().parse::<usize>().unwrap_or(0),
        population + 1,
        "rvss list does not show the population"
    );
    for i in 0..cli_reps + 1 {
        for op in CLI_OPS {
            for k in support::rotation(i, 2) {
                let which = ["empty", "full"][k];
                let (t, o) = timed(|| {
                    w.cli(&format!(
                        "-s '{}' {} >/dev/null",
                        confs[which].display(),
                        op.args
                    ))
                });
                assert!(o.status.success(), "rvss {}: {}", op.args, text(&o));
                if i > 0 {
                    r.samples
                        .entry(format!("{}, {}", op.label, series_name(which)))
                        .or_default()
                        .push(t);
                }
            }
        }
    }
    for op in CLI_OPS {
        r.compare(
            &format!("{} with 1,000 entries", op.label),
            &format!("{}, 1000 existing", op.label),
            &format!("{}, empty", op.label),
            Goal::None,
        );
    }
    r.command(format!(
        "populate: {population} rvss_snap_create calls through the C API on the 'full' \
         filesystem (timestamps one hour apart, in the past), took {:.1} s",
        fill_ms / 1000.0
    ));
    r.command(format!(
        "create/delete: in-process C API inside the World, {reps} repetitions alternating the \
         two filesystems (order flipped each repetition), create then delete each time; a \
         settle (not timed: wait for the btrfs cleaner to drop deleted snapshots, then commit) of both filesystems before each measured operation"
    ));
    r.command(format!(
        "CLI: rvss -s CONF list [--json] >/dev/null, {cli_reps} repetitions each, alternating \
         a config whose rvss share is on the full filesystem with one on the empty filesystem \
         (its catalog exists, with no entries)"
    ));
    r.note(
        "Two identical 2 GiB loop btrfs filesystems of one World, each a subvolume with a \
         16 MiB file; the full one also holds the 1,000 read-only snapshots and their catalog \
         entries, as 1,000 retained backups would.",
    );
    r.write();
}

fn series_name(which: &str) -> String {
    if which == "full" {
        format!("{POPULATION} existing")
    } else {
        "empty".into()
    }
}

/// smb.conf for the CLI: the World's [global] and one rvss share at `vol`.
fn write_conf(w: &mut World, name: &str, vol: &Path) -> PathBuf {
    let saved = std::mem::take(&mut w.shares);
    w.add_share("vm", vol, &["vfs objects = rvss"]);
    let conf = w.smb_conf();
    w.shares = saved;
    let path = w.dir.join(format!("smb-{name}.conf"));
    std::fs::write(&path, conf).expect("write smb.conf");
    path
}

/// Inside the world: `populate VOL N` or `measure EMPTY_VOL FULL_VOL REPS`.
fn inner(args: &[String]) {
    match args[0].as_str() {
        "populate" => populate(Path::new(&args[1]), args[2].parse().expect("count")),
        "measure" => measure(
            Path::new(&args[1]),
            Path::new(&args[2]),
            args[3].parse().expect("reps"),
        ),
        other => panic!("unknown inner step {other}"),
    }
}

/// Makes `n` snapshots of `vol` through the C API, one hour apart in the
/// past (as retained hourly backups would be), and keeps them.
fn populate(vol: &Path, n: usize) {
    let share = HookShare::new("vm", vol);
    let start = now() - 3600 * (n as i64 + 1);
    for k in 0..n {
        share.create(start + 3600 * k as i64);
    }
}

fn measure(empty: &Path, full: &Path, reps: usize) {
    let shares = [
        ("empty".to_string(), HookShare::new("vm", empty)),
        (series_name("full"), HookShare::new("vm", full)),
    ];
    // For the breakdown: the bare ioctl on each filesystem (into a scratch
    // directory) and one catalog update (open, parse, save unchanged).
    let raw: Vec<(std::fs::File, std::fs::File, PathBuf)> = [empty, full]
        .iter()
        .map(|vol| {
            let fs = vol.parent().expect("vol1 has a parent");
            let scratch = fs.join("raw");
            std::fs::create_dir_all(&scratch).expect("mkdir raw");
            (
                rvss::sys::fs::open_dir(vol).expect("open subvolume"),
                rvss::sys::fs::open_dir(&scratch).expect("open raw"),
                fs.join(rvss::config::DEFAULT_SNAPSHOT_DIR_NAME),
            )
        })
        .collect();
    let mut s: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let warmup = 3;
    for i in 0..reps + warmup {
        let mut record = |k: String, v: f64| {
            if i >= warmup {
                s.entry(k).or_default().push(v);
            }
        };
        for k in support::rotation(i, 2) {
            let (label, share) = &shares[k];
            support::settle(empty);
            support::settle(full);
            let (c, snap) = timed(|| share.create(now()));
            let (d, ()) = timed(|| share.delete(&snap));
            record(format!("rvss create, {label}"), c);
            record(format!("rvss delete, {label}"), d);
        }
        for k in support::rotation(i, 2) {
            let (label, (src, dst, catalog_dir)) = (&shares[k].0, &raw[k]);
            let name = std::ffi::OsString::from(format!("raw-{i}"));
            support::settle(empty);
            support::settle(full);
            let (c, r) = timed(|| rvss::sys::btrfs::snapshot(src, dst, &name, false));
            r.expect("raw snapshot");
            rvss::sys::btrfs::destroy(dst, &name).expect("raw destroy");
            record(format!("ioctl create, {label}"), c);
            support::settle(empty);
            support::settle(full);
            let (t, ()) = timed(|| {
                let c = rvss::catalog::Catalog::open(catalog_dir).expect("open catalog");
                c.save().expect("save catalog");
            });
            record(format!("catalog open+save, {label}"), t);
            // Of which CPU only: parse the JSON and serialize it again.
            let bytes =
                std::fs::read(catalog_dir.join(rvss::catalog::FILE_NAME)).expect("read catalog");
            let (t, n) = timed(|| {
                let entries = rvss::catalog::parse(&bytes).expect("parse catalog");
                rvss::catalog::serialize(&entries).len()
            });
            assert!(n > 0);
            record(format!("catalog parse+serialize, {label}"), t);
        }
    }
    support::print_series(&s);
}
