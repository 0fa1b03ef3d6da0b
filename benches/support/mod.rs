//! What every benchmark shares: repetition counts, statistics, the JSON each
//! bench writes to `target/bench/<name>.json`, running a measurement inside a
//! World's namespaces, and the in-process C API caller.
//!
//! The JSON schema (read by examples/bench_report.rs, which also takes any
//! other bench's file that follows it):
//!
//! ```text
//! {"bench": name, "title": text,
//!  "rows": [{"case", "contender", "baseline", "median_ms", "p99_ms",
//!            "baseline_median_ms", "baseline_p99_ms", "ratio_median",
//!            "goal": "<= 1.0" or "", "met": bool or null,
//!            optional: "ratio_p99", "unit" (default "ms"), "delta_median"}],
//!  "samples": {series name: [values]},
//!  optional: "commands": [text], "notes": [text], "quick": bool}
//! ```
//!
//! A row's `contender` and `baseline` name series of `samples`. `goal` is
//! `Goal::text` (or free text); examples/bench_report.rs puts every goal row
//! on one summary scale by parsing it (see its `score`), so a new kind of goal
//! gets a case there.

#![allow(dead_code)]

pub mod busy;
// The C API is an FFI boundary: the one place the benchmarks call unsafe code.
#[allow(unsafe_code)]
pub mod capi;
pub mod checks;
pub mod trace;

use crate::common::World;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::Instant;

/// The argument that makes a bench binary run one measurement step inside a
/// World (it re-executes itself there through nsenter).
const INNER: &str = "--rvss-inner";

/// True when RVSS_BENCH_QUICK asks for short runs (for development).
pub fn quick() -> bool {
    std::env::var("RVSS_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// Repetitions: `full` normally, `short` under RVSS_BENCH_QUICK, or
/// RVSS_BENCH_REPS when set (for development).
pub fn reps(full: usize, short: usize) -> usize {
    if let Some(n) = std::env::var("RVSS_BENCH_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        n
    } else if quick() {
        short
    } else {
        full
    }
}

/// Whether `cargo bench` started us. Anything else (e.g. `cargo test
/// --benches`) must not measure: benchmarks are never timed tests.
pub fn is_bench_run() -> bool {
    let yes = std::env::args().any(|a| a == "--bench");
    if !yes {
        eprintln!("benchmarks run under `cargo bench` (make bench); nothing to do");
    }
    yes
}

/// The start of a bench binary's main: runs `inner` when this process is an
/// inner step (`run_inside`), and answers whether the outer measurement
/// should run (only under `cargo bench`).
pub fn start(inner: fn(&[String])) -> bool {
    if let Some(args) = inner_args() {
        inner(&args);
        return false;
    }
    is_bench_run()
}

/// The arguments after `--rvss-inner`, when this process is an inner step.
pub fn inner_args() -> Option<Vec<String>> {
    let args: Vec<String> = std::env::args().collect();
    let at = args.iter().position(|a| a == INNER)?;
    Some(args[at + 1..].to_vec())
}

/// Runs this bench binary with `--rvss-inner args...` inside the world's
/// mount and network namespaces; returns what it printed on stdout.
pub fn run_inside(w: &World, args: &[String]) -> String {
    let exe = std::env::current_exe().expect("current_exe");
    let out = w
        .command(&exe.to_string_lossy())
        .arg(INNER)
        .args(args)
        .stderr(Stdio::inherit())
        .output()
        .expect("nsenter");
    assert!(
        out.status.success(),
        "inner step {args:?} failed ({})",
        out.status
    );
    String::from_utf8(out.stdout).expect("inner step printed UTF-8")
}

/// Starts this bench binary with `--rvss-inner args...` inside the world's
/// namespaces in the background, its stdout piped.
pub fn spawn_inside(w: &World, args: &[String]) -> std::process::Child {
    let exe = std::env::current_exe().expect("current_exe");
    w.command(&exe.to_string_lossy())
        .arg(INNER)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("nsenter")
}

/// Milliseconds since `t`.
pub fn ms_since(t: Instant) -> f64 {
    t.elapsed().as_secs_f64() * 1000.0
}

/// Runs `f`, returning its wall time in milliseconds and its result.
pub fn timed<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let t = Instant::now();
    let r = f();
    (ms_since(t), r)
}

/// Order of `n` contenders in repetition `i`: rotated each repetition so
/// that every contender runs first, second, ... equally often.
pub fn rotation(i: usize, n: usize) -> Vec<usize> {
    (0..n).map(|k| (k + i) % n).collect()
}

/// The median (mean of the two middle values for an even count).
pub fn median(samples: &[f64]) -> f64 {
    let s = sorted(samples);
    let n = s.len();
    assert!(n > 0, "no samples");
    if n % 2 == 1 {
        s[n / 2]
    } else {
        (s[n / 2 - 1] + s[n / 2]) / 2.0
    }
}

/// The 99th percentile, nearest rank.
pub fn p99(samples: &[f64]) -> f64 {
    let s = sorted(samples);
    assert!(!s.is_empty(), "no samples");
    let rank = ((0.99 * s.len() as f64).ceil() as usize).clamp(1, s.len());
    s[rank - 1]
}

fn sorted(samples: &[f64]) -> Vec<f64> {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    s
}

/// `c / b`, kept finite for the JSON (which has no NaN or infinity): 1 when
/// both are 0 (no difference), f64::MAX when only the baseline is.
fn ratio(c: f64, b: f64) -> f64 {
    match (c == 0.0, b == 0.0) {
        (true, true) => 1.0,
        (false, true) => f64::MAX,
        _ => c / b,
    }
}

/// What a row is held to.
#[derive(Debug, Clone, Copy)]
pub enum Goal {
    None,
    /// ratio of medians at most this.
    Median(f64),
    /// ratio of medians and ratio of p99s both at most this.
    MedianAndP99(f64),
    /// median overhead at most `pct` percent of the baseline or `ms`,
    /// whichever is larger.
    Overhead {
        pct: f64,
        ms: f64,
    },
    /// median minus baseline median below this (in the row's unit).
    DeltaBelow(f64, &'static str),
    /// the contender's median below this (in the row's unit).
    Below(f64, &'static str),
    /// ratio of medians at least this (for throughputs: higher is better).
    AtLeast(f64),
    /// a count (failures, leaks) that must be zero.
    Zero,
}

impl Goal {
    fn text(&self) -> String {
        match *self {
            Goal::None => String::new(),
            Goal::Median(r) => format!("<= {r}"),
            Goal::MedianAndP99(r) => format!("<= {r} (median and p99)"),
            Goal::Overhead { pct, ms } => format!("overhead <= {pct}% or <= {ms} ms"),
            Goal::DeltaBelow(d, unit) => format!("added < {d} {unit}"),
            Goal::Below(d, unit) => format!("median < {d} {unit}"),
            Goal::AtLeast(r) => format!(">= {r}"),
            Goal::Zero => "= 0".into(),
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Row {
    pub case: String,
    pub contender: String,
    pub baseline: String,
    pub median_ms: f64,
    pub p99_ms: f64,
    pub baseline_median_ms: f64,
    pub baseline_p99_ms: f64,
    pub ratio_median: f64,
    pub goal: String,
    pub met: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ratio_p99: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delta_median: Option<f64>,
}

/// One bench's results, written as `target/bench/<bench>.json`.
#[derive(Debug, Serialize, Deserialize)]
pub struct Report {
    pub bench: String,
    pub title: String,
    pub rows: Vec<Row>,
    pub samples: BTreeMap<String, Vec<f64>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub commands: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Whether RVSS_BENCH_QUICK/RVSS_BENCH_REPS shortened the run.
    #[serde(default)]
    pub quick: bool,
}

impl Report {
    pub fn new(bench: &str, title: &str) -> Report {
        Report {
            bench: bench.into(),
            title: title.into(),
            rows: vec![],
            samples: BTreeMap::new(),
            commands: vec![],
            notes: vec![],
            quick: quick() || std::env::var_os("RVSS_BENCH_REPS").is_some(),
        }
    }

    /// Adds every series of an inner step's output (a JSON map of series).
    pub fn add_series_json(&mut self, json: &str) {
        let m: BTreeMap<String, Vec<f64>> =
            serde_json::from_str(json.trim()).expect("inner step printed a JSON map of series");
        self.samples.extend(m);
    }

    pub fn command(&mut self, c: impl Into<String>) {
        self.commands.push(c.into());
    }

    pub fn note(&mut self, n: impl Into<String>) {
        self.notes.push(n.into());
    }

    /// Adds the row `contender` vs `baseline` (series names), in ms.
    pub fn compare(&mut self, case: &str, contender: &str, baseline: &str, goal: Goal) {
        self.compare_in(case, contender, baseline, goal, None);
    }

    /// Adds a row whose values are in `unit` rather than milliseconds.
    pub fn compare_in(
        &mut self,
        case: &str,
        contender: &str,
        baseline: &str,
        goal: Goal,
        unit: Option<&str>,
    ) {
        let get = |k: &str| {
            self.samples
                .get(k)
                .unwrap_or_else(|| panic!("no series {k:?}"))
        };
        let (c, b) = (get(contender), get(baseline));
        let (cm, cp, bm, bp) = (median(c), p99(c), median(b), p99(b));
        let ratio_median = ratio(cm, bm);
        let ratio_p99 = ratio(cp, bp);
        let delta = cm - bm;
        let met = match goal {
            Goal::None => None,
            Goal::Median(r) => Some(ratio_median <= r),
            Goal::MedianAndP99(r) => Some(ratio_median <= r && ratio_p99 <= r),
            Goal::Overhead { pct, ms } => Some(delta <= (bm * pct / 100.0).max(ms)),
            Goal::DeltaBelow(d, _) => Some(delta < d),
            Goal::Below(d, _) => Some(cm < d),
            Goal::AtLeast(r) => Some(ratio_median >= r),
            Goal::Zero => Some(cm == 0.0),
        };
        self.rows.push(Row {
            case: case.into(),
            contender: contender.into(),
            baseline: baseline.into(),
            median_ms: cm,
            p99_ms: cp,
            baseline_median_ms: bm,
            baseline_p99_ms: bp,
            ratio_median,
            goal: goal.text(),
            met,
            ratio_p99: Some(ratio_p99),
            unit: unit.map(str::to_string),
            delta_median: Some(delta),
        });
    }

    /// Adds a row of two counts (failures, leaks, retries; unit "count"),
    /// each kept as a one-value series. The ratio of counts means nothing
    /// when the baseline is zero: it is written as 0 there, and the report
    /// prints no ratio for rows in the unit "count".
    pub fn counts(
        &mut self,
        case: &str,
        (contender, c): (&str, f64),
        (baseline, b): (&str, f64),
        goal: Goal,
    ) {
        self.samples.insert(contender.into(), vec![c]);
        self.samples.insert(baseline.into(), vec![b]);
        let met = match goal {
            Goal::None => None,
            Goal::Zero => Some(c == 0.0),
            Goal::Below(d, _) => Some(c < d),
            other => panic!("a count row takes Goal::Zero, Below or None, not {other:?}"),
        };
        let ratio = if b > 0.0 { c / b } else { 0.0 };
        self.rows.push(Row {
            case: case.into(),
            contender: contender.into(),
            baseline: baseline.into(),
            median_ms: c,
            p99_ms: c,
            baseline_median_ms: b,
            baseline_p99_ms: b,
            ratio_median: ratio,
            goal: goal.text(),
            met,
            ratio_p99: Some(ratio),
            unit: Some("count".into()),
            delta_median: Some(c - b),
        });
    }

    /// Writes the JSON and prints the rows.
    pub fn write(&self) {
        let dir = bench_dir();
        std::fs::create_dir_all(&dir).expect("create target/bench");
        let path = dir.join(format!("{}.json", self.bench));
        let body = serde_json::to_string_pretty(self).expect("serialize report");
        std::fs::write(&path, body + "\n").expect("write bench JSON");
        println!("\n{} ({})", self.title, path.display());
        for r in &self.rows {
            let unit = r.unit.as_deref().unwrap_or("ms");
            let met = match r.met {
                Some(true) => "met",
                Some(false) => "MISSED",
                None => "",
            };
            println!(
                "  {:<34} {:<30} {:>9.3} / p99 {:>9.3} {unit}  vs {:<26} {:>9.3} / p99 {:>9.3}  ratio {:.3}  {} {}",
                r.case,
                r.contender,
                r.median_ms,
                r.p99_ms,
                r.baseline,
                r.baseline_median_ms,
                r.baseline_p99_ms,
                r.ratio_median,
                r.goal,
                met
            );
        }
    }
}

/// `target/bench` (honouring CARGO_TARGET_DIR).
pub fn bench_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::common::manifest_dir().join("target"))
        .join("bench")
}

/// Prints series as the JSON map an inner step hands back.
pub fn print_series(series: &BTreeMap<String, Vec<f64>>) {
    println!(
        "{}",
        serde_json::to_string(series).expect("serialize series")
    );
}

/// Writes `mib` MiB of data into `file` (inside the world) and syncs it,
/// so no dirty data is left for the first snapshot to flush.
pub fn write_data(w: &World, file: &std::path::Path, mib: u64) {
    w.must(&format!(
        "dd if=/dev/urandom of='{}' bs=1M count={mib} status=none conv=fsync && sync",
        file.display()
    ));
}

/// Brings the btrfs filesystem holding `path` to rest before a measured
/// operation, so that none pays for what an earlier one left behind (dirty
/// data, or the background cleanup of a snapshot deleted just before): waits
/// until the btrfs cleaner has dropped every deleted subvolume, then commits.
/// `btrfs filesystem sync` (BTRFS_IOC_SYNC) commits and wakes the cleaner,
/// which otherwise waits for the 30 s commit interval.
pub fn settle(path: &std::path::Path) {
    let run = |args: &[&str]| {
        let o = Command::new("btrfs")
            .args(args)
            .arg(path)
            .output()
            .expect("btrfs (btrfs-progs)");
        assert!(
            o.status.success(),
            "btrfs {} {}: {}",
            args.join(" "),
            path.display(),
            String::from_utf8_lossy(&o.stderr)
        );
        o.stdout
    };
    let deadline = Instant::now() + std::time::Duration::from_secs(120);
    loop {
        run(&["filesystem", "sync"]);
        let deleted = run(&["subvolume", "list", "-d"]);
        if deleted.iter().all(|b| b.is_ascii_whitespace()) {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "deleted subvolumes of {} not cleaned within 120 s",
            path.display()
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    // Commit what the cleaner did last.
    run(&["filesystem", "sync"]);
}

/// The smb.conf lines of a share served by rvss.
pub const RVSS_OPTIONS: &[&str] = &["vfs objects = rvss"];
/// The smb.conf lines of a share served by Samba's vfs_btrfs, allowed to
/// make snapshots.
pub const VFS_BTRFS_OPTIONS: &[&str] = &["vfs objects = btrfs", "btrfs:manipulate snapshots = yes"];

/// The smb.conf lines of a share served by `module`: "rvss" or "vfs_btrfs".
pub fn module_options(module: &str) -> &'static [&'static str] {
    match module {
        "rvss" => RVSS_OPTIONS,
        "vfs_btrfs" => VFS_BTRFS_OPTIONS,
        other => panic!("no module {other}"),
    }
}

/// A share `name` through `module` at the root of a new subvolume
/// `fs/name` holding a `mib` MiB file (vfs_btrfs needs the share at a
/// subvolume root).
pub fn subvolume_share(w: &mut World, fs: &std::path::Path, name: &str, module: &str, mib: u64) {
    let sub = fs.join(name);
    subvolume(w, &sub);
    write_data(w, &sub.join("disk.vhdx"), mib);
    w.add_share(name, &sub, module_options(module));
}

/// One FSRVP round trip through rpcclient, `fss_create_expose` then
/// `fss_delete` of `share`: (create ms, delete ms).
pub fn fsrvp_cycle(w: &World, share: &str) -> (f64, f64) {
    use crate::common::rpc_output::rpc_failure;
    let (create, o) = timed(|| w.rpc(&format!("fss_create_expose backup ro {share}")));
    let out = crate::common::text(&o);
    assert!(
        o.status.success() && rpc_failure(&out).is_none(),
        "fss_create_expose {share}: {out}\n{}",
        w.logs()
    );
    let sc = crate::common::parse_expose(&out)
        .pop()
        .unwrap_or_else(|| panic!("no shadow copy in: {out}"));
    let (delete, o) = timed(|| w.rpc(&format!("fss_delete {share} {} {}", sc.set, sc.copy)));
    // rpcclient may exit 0 on an FSRVP error: a failed delete is not timed
    // as a cycle.
    let out = crate::common::text(&o);
    assert!(
        o.status.success() && rpc_failure(&out).is_none() && out.contains("shadow-copy deleted"),
        "fss_delete {share}: {out}\n{}",
        w.logs()
    );
    (create, delete)
}

/// Makes a subvolume at `path` inside the world.
pub fn subvolume(w: &World, path: &std::path::Path) {
    w.must(&format!(
        "btrfs subvolume create '{}' >/dev/null",
        path.display()
    ));
}
