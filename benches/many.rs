//! Many snapshots: what 10,000 entries in rvss's catalog cost a new shadow
//! copy and the admin CLI, against an empty catalog. Two filesystems of one
//! World with the same history (10,000 snapshots made by rvss on each),
//! alternated; on one the catalog's entries are moved aside, so that only
//! the catalog the hooks and the CLI read differs.
//!
//! The CLI operations measured are listed in `CLI_OPS`.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::{text, World};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use support::capi::{now, HookShare};
use support::{timed, Goal, Report};

const POPULATION: usize = 10_000;

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

    // The same history on both: 10,000 snapshots through the hook (btrfs
    // itself gets slower with 10,000 subvolumes, and the catalog's files
    // take room in the filesystem's trees), then the "empty" one's entries
    // moved aside, still on the filesystem, out of the catalog.
    let mut fill_ms = BTreeMap::new();
    for (name, vol) in &vols {
        let (ms, _) = timed(|| {
            support::run_inside(
                &w,
                &[
                    "populate".into(),
                    vol.display().to_string(),
                    population.to_string(),
                ],
            )
        });
        fill_ms.insert(*name, ms);
    }
    let set_aside = |vol: &Path| {
        let sd = vol.parent().expect("vol1 has a parent").join(".rvss");
        w.must(&format!(
            "mv '{}' '{}'",
            sd.join(rvss::catalog::DIR_NAME).display(),
            sd.join("entries-set-aside").display()
        ));
    };
    set_aside(empty);
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
        "Many snapshots: 10,000 in the catalog vs an empty catalog",
    );
    r.add_series_json(&out);
    let full_series = series_name("full");
    r.compare(
        "snap_create with 10,000 existing",
        &format!("rvss create, {full_series}"),
        "rvss create, empty",
        Goal::Median(1.1),
    );
    r.compare(
        "snap_delete with 10,000 existing",
        &format!("rvss delete, {full_series}"),
        "rvss delete, empty",
        Goal::Median(1.1),
    );
    // The two filesystems themselves, for the breakdown: ~1 when only the
    // catalog differs.
    r.compare(
        "breakdown: bare ioctl create, the two filesystems",
        &format!("ioctl create, {full_series}"),
        "ioctl create, empty",
        Goal::None,
    );
    r.compare(
        "breakdown: bare ioctl delete, the two filesystems",
        &format!("ioctl delete, {full_series}"),
        "ioctl delete, empty",
        Goal::None,
    );

    // The CLI reads smb.conf (testparm) to find the shares: one config per
    // filesystem, so each run sees one catalog. The hooks listed both
    // snapshot directories among those used on this host, which the CLI
    // also reads: not for this measurement.
    w.must("rm -f /var/lib/samba/rvss-snapshot-dirs");
    let confs: BTreeMap<&str, PathBuf> = [("empty", empty), ("full", full)]
        .into_iter()
        .map(|(name, vol)| (name, write_conf(&mut w, name, vol)))
        .collect();
    let listed = |which: &str| {
        w.must(&format!(
            "'{}' -s '{}' list | wc -l",
            common::cli_path().display(),
            confs[which].display()
        ))
        .trim()
        .parse::<usize>()
        .unwrap_or(0)
    };
    assert_eq!(
        listed("full"),
        population + 1,
        "rvss list does not show the population"
    );
    assert!(
        listed("empty") <= 1,
        "rvss list of the empty catalog shows entries"
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
        // The goal is on what the entries add: every run of the CLI first
        // reads smb.conf through testparm, a fixed cost the empty catalog
        // pays too (the absolute times are in the row).
        r.compare(
            &format!("{} with 10,000 entries", op.label),
            &format!("{}, {full_series}", op.label),
            &format!("{}, empty", op.label),
            if op.args == "list --json" {
                Goal::DeltaBelow(100.0, "ms")
            } else {
                Goal::None
            },
        );
    }
    r.command(format!(
        "populate: {population} rvss_snap_create calls through the C API on each filesystem \
         (named by the time they were taken, up to 1,000 a second), {:.1} s on 'full', {:.1} s \
         on 'empty'; then the 'empty' one's catalog.d moved aside to .rvss/entries-set-aside \
         (still on that filesystem, no longer the catalog)",
        fill_ms["full"] / 1000.0,
        fill_ms["empty"] / 1000.0
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
        "Two 2 GiB loop btrfs filesystems of one World with the same history: a subvolume \
         with a 16 MiB file, 10,000 read-only snapshots of it made through rvss's hook. On \
         the full one the catalog has their 10,000 entries (as 10,000 retained backups \
         would); on the empty one the same 10,000 entry files were moved out of the catalog \
         directory, so that the filesystems match and only the catalog the hooks and the \
         CLI read differs (the bare-ioctl rows check that the filesystems match).",
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

/// Makes `n` snapshots of `vol` through the C API and keeps them.
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
    // For the breakdown: the bare ioctls on each filesystem (into a scratch
    // directory).
    let raw: Vec<(std::fs::File, std::fs::File)> = [empty, full]
        .iter()
        .map(|vol| {
            let fs = vol.parent().expect("vol1 has a parent");
            let scratch = fs.join("raw");
            std::fs::create_dir_all(&scratch).expect("mkdir raw");
            (
                rvss::sys::fs::open_dir(vol).expect("open subvolume"),
                rvss::sys::fs::open_dir(&scratch).expect("open raw"),
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
            let (label, (src, dst)) = (&shares[k].0, &raw[k]);
            let name = std::ffi::OsString::from(format!("raw-{i}"));
            support::settle(empty);
            support::settle(full);
            let (c, r) = timed(|| rvss::sys::btrfs::snapshot(src, dst, &name, false));
            r.expect("raw snapshot");
            let (d, r) = timed(|| rvss::sys::btrfs::destroy(dst, &name));
            r.expect("raw destroy");
            record(format!("ioctl create, {label}"), c);
            record(format!("ioctl delete, {label}"), d);
        }
    }
    support::print_series(&s);
}
