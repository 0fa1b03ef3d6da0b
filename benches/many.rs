//! Many snapshots: what 10,000 entries in rvss's catalog cost a new shadow
//! copy and the admin CLI, against an empty catalog. One filesystem holding
//! 10,000 snapshots made through the hook, whose catalog directory is
//! swapped (not timed) between the one with their 10,000 entries and an
//! empty one: the filesystem is the same for both, only the catalog the
//! hooks and the CLI read differs. (Two filesystems given the same history
//! still differed: the bare ioctl was 1.33x slower on one of them.)
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
const CATALOGS: [&str; 2] = ["empty", "full"];

/// An admin CLI operation, measured with 10,000 entries and with none.
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
    if !support::start(inner) {
        return;
    }
    let reps = support::reps(200, 10);
    let cli_reps = support::reps(60, 5);
    let population = POPULATION;
    let mut w = World::new("bench-many");
    let fs = w.add_btrfs("fs", 4096);
    let vol = fs.join("vol1");
    support::subvolume(&w, &vol);
    support::write_data(&w, &vol.join("disk.vhdx"), 16);
    let sd = fs.join(".rvss");

    let (fill_ms, _) = timed(|| {
        support::run_inside(
            &w,
            &[
                "populate".into(),
                vol.display().to_string(),
                population.to_string(),
            ],
        )
    });
    // The empty catalog, stashed beside the full one.
    w.must(&format!("mkdir -m 700 '{}'", stash(&sd, "empty").display()));
    let out = support::run_inside(
        &w,
        &[
            "measure".into(),
            vol.display().to_string(),
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
    // Control: the bare ioctls, interleaved the same way (the catalog in
    // place does not concern them): ~1 when only the catalog differs.
    r.compare(
        "control: bare ioctl create, same swaps",
        &format!("ioctl create, {full_series}"),
        "ioctl create, empty",
        Goal::None,
    );
    r.compare(
        "control: bare ioctl delete, same swaps",
        &format!("ioctl delete, {full_series}"),
        "ioctl delete, empty",
        Goal::None,
    );

    // The CLI reads smb.conf (testparm) to find the shares. The hooks listed
    // the snapshot directory among those used on this host, which the CLI
    // reads too: the same directory, nothing to remove.
    let conf = write_conf(&mut w, &vol);
    let listed = |w: &World| {
        w.must(&format!(
            "'{}' -s '{}' list | wc -l",
            common::cli_path().display(),
            conf.display()
        ))
        .trim()
        .parse::<usize>()
        .unwrap_or(0)
    };
    let arrange_outside = |w: &World, which: &str| {
        if w.sh(&format!("test -d '{}'", stash(&sd, which).display()))
            .status
            .success()
        {
            let other = CATALOGS.iter().find(|c| **c != which).expect("two");
            w.must(&format!(
                "mv '{active}' '{away}' && mv '{wanted}' '{active}'",
                active = sd.join(rvss::catalog::DIR_NAME).display(),
                away = stash(&sd, other).display(),
                wanted = stash(&sd, which).display()
            ));
        }
    };
    arrange_outside(&w, "full");
    assert_eq!(
        listed(&w),
        population + 1,
        "rvss list does not show the population"
    );
    arrange_outside(&w, "empty");
    assert!(
        listed(&w) <= 1,
        "rvss list of the empty catalog shows entries"
    );
    for i in 0..cli_reps + 1 {
        for op in CLI_OPS {
            for k in support::rotation(i, 2) {
                let which = CATALOGS[k];
                arrange_outside(&w, which);
                let (t, o) =
                    timed(|| w.cli(&format!("-s '{}' {} >/dev/null", conf.display(), op.args)));
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
        "populate: {population} rvss_snap_create calls through the C API (named by the time \
         they were taken, up to 1,000 a second), took {:.1} s",
        fill_ms / 1000.0
    ));
    r.command(format!(
        "create/delete: in-process C API inside the World, {reps} repetitions, each with the \
         full and the empty catalog (order flipped each repetition), create then delete each \
         time, then the bare ioctls the same way; before each measured operation the catalog \
         directory in place is swapped if needed (two renames) and the filesystem settled \
         (not timed: wait for the btrfs cleaner to drop deleted snapshots, then commit)"
    ));
    r.command(format!(
        "CLI: rvss -s CONF list [--json] >/dev/null, {cli_reps} repetitions each, alternating \
         the full and the empty catalog in place (swapped by two renames, not timed)"
    ));
    r.note(
        "One 4 GiB loop btrfs with a subvolume holding a 16 MiB file and 10,000 read-only \
         snapshots of it made through rvss's hook (as 10,000 retained backups would be). \
         Its catalog directory is either the one with their 10,000 entries or an empty one, \
         swapped by renaming the two directories: the filesystem, its subvolumes and files \
         are the same for both series.",
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

/// Where the catalog directory not in use waits.
fn stash(sd: &Path, which: &str) -> PathBuf {
    sd.join(format!("catalog-{which}.stash"))
}

/// Puts the `which` catalog in place (inside the world).
fn arrange(sd: &Path, which: &str) {
    let wanted = stash(sd, which);
    if !wanted.exists() {
        return;
    }
    let other = CATALOGS.iter().find(|c| **c != which).expect("two");
    let active = sd.join(rvss::catalog::DIR_NAME);
    std::fs::rename(&active, stash(sd, other)).expect("stash the catalog in place");
    std::fs::rename(&wanted, &active).expect("put the wanted catalog in place");
}

/// smb.conf for the CLI: the World's [global] and one rvss share at `vol`.
fn write_conf(w: &mut World, vol: &Path) -> PathBuf {
    let saved = std::mem::take(&mut w.shares);
    w.add_share("vm", vol, support::RVSS_OPTIONS);
    let conf = w.smb_conf();
    w.shares = saved;
    let path = w.dir.join("smb-cli.conf");
    std::fs::write(&path, conf).expect("write smb.conf");
    path
}

/// Inside the world: `populate VOL N` or `measure VOL REPS`.
fn inner(args: &[String]) {
    match args[0].as_str() {
        "populate" => populate(Path::new(&args[1]), args[2].parse().expect("count")),
        "measure" => measure(Path::new(&args[1]), args[2].parse().expect("reps")),
        other => panic!("unknown inner step {other}"),
    }
}

/// Makes `n` snapshots of `vol` through the C API and keeps them.
fn populate(vol: &Path, n: usize) {
    let share = HookShare::new("vm", vol);
    for _ in 0..n {
        share.create(now());
    }
}

fn measure(vol: &Path, reps: usize) {
    let fs = vol.parent().expect("vol1 has a parent");
    let sd = fs.join(".rvss");
    let share = HookShare::new("vm", vol);
    // For the control: the bare ioctls into a scratch directory.
    let scratch = fs.join("raw");
    std::fs::create_dir_all(&scratch).expect("mkdir raw");
    let src = rvss::sys::fs::open_dir(vol).expect("open subvolume");
    let dst = rvss::sys::fs::open_dir(&scratch).expect("open raw");
    let mut s: BTreeMap<String, Vec<f64>> = BTreeMap::new();
    let warmup = 3;
    for i in 0..reps + warmup {
        let mut record = |k: String, v: f64| {
            if i >= warmup {
                s.entry(k).or_default().push(v);
            }
        };
        for k in support::rotation(i, 2) {
            let label = series_name(CATALOGS[k]);
            arrange(&sd, CATALOGS[k]);
            support::settle(fs);
            let (c, snap) = timed(|| share.create(now()));
            support::settle(fs);
            let (d, ()) = timed(|| share.delete(&snap));
            record(format!("rvss create, {label}"), c);
            record(format!("rvss delete, {label}"), d);
        }
        for k in support::rotation(i, 2) {
            let label = series_name(CATALOGS[k]);
            arrange(&sd, CATALOGS[k]);
            let name = std::ffi::OsString::from(format!("raw-{i}"));
            support::settle(fs);
            let (c, r) = timed(|| rvss::sys::btrfs::snapshot(&src, &dst, &name, false));
            r.expect("raw snapshot");
            support::settle(fs);
            let (d, r) = timed(|| rvss::sys::btrfs::destroy(&dst, &name));
            r.expect("raw destroy");
            record(format!("ioctl create, {label}"), c);
            record(format!("ioctl delete, {label}"), d);
        }
    }
    support::print_series(&s);
}
