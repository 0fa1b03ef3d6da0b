//! Benchmark: the supported-directory-structure check against
//! `find PATH -xdev > /dev/null` over the same tree, in the same run.
//!
//! The tree (100,000 entries: 1,364 directories down to depth 5 and 98,636
//! empty files) lives in a subvolume of a throwaway btrfs on a loop image.
//! The benchmark re-executes itself in a private mount namespace
//! (`unshare --mount --propagation private`), so its mount is invisible to
//! the host and disappears with the process even if it dies; the loop device
//! (autoclear) and the image are removed afterwards in any case.
//!
//! After warm-up runs (warm cache), each round times three contenders in a
//! rotating order: the check in-process through the library (what the hook
//! runs after resolving the layout: mount table + walk), the `rvss check
//! PATH` CLI process, and `find PATH -xdev > /dev/null`. Writes
//! target/bench/structure.json. Needs root (loop device, mount).

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant};

const INSIDE: &str = "RVSS_BENCH_STRUCTURE_INSIDE";
const ENTRIES: usize = 100_000;
const DEPTH: usize = 5;
const FANOUT: usize = 4;
const ROUNDS: usize = 200;
const WARMUP: usize = 5;
const TITLE: &str = "Structure check: 100,000 entries, depth 5, warm cache";
const IN_PROCESS: &str = "rvss check";
const FIND: &str = "find -xdev";

fn bench_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench")
}

fn image() -> PathBuf {
    bench_dir().join("structure.img")
}

fn mount_point() -> PathBuf {
    bench_dir().join("structure-mnt")
}

fn run(cmd: &str, args: &[&std::ffi::OsStr]) -> Result<String, String> {
    let o = Command::new(cmd)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{cmd}: {e}"))?;
    if !o.status.success() {
        return Err(format!(
            "{cmd} {args:?} failed: {}",
            String::from_utf8_lossy(&o.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&o.stdout).into_owned())
}

fn is_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .map(|s| {
            s.lines()
                .any(|l| l.starts_with("Uid:") && l.split_whitespace().nth(1) == Some("0"))
        })
        .unwrap_or(false)
}

/// Detaches every loop device still backed by the image, then removes it.
fn release_image() {
    let img = image();
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let devs: Vec<String> = run("losetup", &["-j".as_ref(), img.as_os_str()])
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split(':').next().map(str::to_string))
            .collect();
        if devs.is_empty() || Instant::now() > deadline {
            break;
        }
        for d in devs {
            let _ = run("losetup", &["-d".as_ref(), d.as_ref()]);
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    let _ = fs::remove_file(&img);
    let _ = fs::remove_dir(mount_point());
}

fn main() -> ExitCode {
    if std::env::var_os(INSIDE).is_some() {
        return match inside() {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("bench structure: {e}");
                ExitCode::FAILURE
            }
        };
    }
    if !is_root() {
        eprintln!("bench structure: needs root (a loop device and a btrfs mount)");
        return ExitCode::FAILURE;
    }
    if let Err(e) = fs::create_dir_all(bench_dir()) {
        eprintln!("bench structure: {}: {e}", bench_dir().display());
        return ExitCode::FAILURE;
    }
    release_image(); // leftovers of an interrupted run
    let exe = match std::env::current_exe() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("bench structure: {e}");
            return ExitCode::FAILURE;
        }
    };
    let status = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "--"])
        .arg(exe)
        .args(std::env::args_os().skip(1))
        .env(INSIDE, "1")
        .status();
    release_image();
    match status {
        Ok(s) if s.success() => ExitCode::SUCCESS,
        Ok(s) => {
            eprintln!("bench structure: failed ({s})");
            ExitCode::FAILURE
        }
        Err(e) => {
            eprintln!("bench structure: unshare (util-linux): {e}");
            ExitCode::FAILURE
        }
    }
}

/// Unmounts the bench filesystem when dropped (also on a panic); the loop
/// device goes with it (autoclear).
struct Mounted(PathBuf);

impl Drop for Mounted {
    fn drop(&mut self) {
        let _ = run("umount", &[self.0.as_os_str()]);
    }
}

fn inside() -> Result<(), String> {
    let img = image();
    let mnt = mount_point();
    fs::create_dir_all(&mnt).map_err(|e| format!("{}: {e}", mnt.display()))?;
    File::create(&img)
        .and_then(|f| f.set_len(2 << 30))
        .map_err(|e| format!("{}: {e}", img.display()))?;
    run(
        "mkfs.btrfs",
        &["-q".as_ref(), "-f".as_ref(), img.as_os_str()],
    )?;
    run(
        "mount",
        &[
            "-o".as_ref(),
            "loop".as_ref(),
            img.as_os_str(),
            mnt.as_os_str(),
        ],
    )?;
    let _mounted = Mounted(mnt.clone());
    let vol = mnt.join("vol");
    run(
        "btrfs",
        &["subvolume".as_ref(), "create".as_ref(), vol.as_os_str()],
    )?;

    let t = Instant::now();
    let (dirs, files) = build_tree(&vol).map_err(|e| format!("build the tree: {e}"))?;
    eprintln!(
        "tree: {dirs} directories + {files} files = {} entries in {:.1} s",
        dirs + files,
        t.elapsed().as_secs_f64()
    );
    run("sync", &[])?;

    // Both contenders must see the same, supported tree.
    let listed = run("find", &[vol.as_os_str(), "-xdev".as_ref()])?
        .lines()
        .count();
    if listed != ENTRIES + 1 {
        return Err(format!(
            "find listed {listed} paths, expected {}",
            ENTRIES + 1
        ));
    }
    let found = in_process(&vol)?;
    if !found.is_empty() {
        return Err(format!("the bench tree has violations: {found:?}"));
    }

    // The CLI is the workspace member cli/: target/release/rvss, next to
    // target/release/deps/<this bench>.
    let cli = std::env::current_exe()
        .ok()
        .and_then(|e| Some(e.parent()?.parent()?.join("rvss")))
        .ok_or_else(|| "cannot find target/release/rvss".to_string())?;
    let mut rounds: [Vec<f64>; 3] = [vec![], vec![], vec![]];
    for i in 0..WARMUP + ROUNDS {
        for k in 0..3 {
            let which = (i + k) % 3;
            let ms = match which {
                0 => time(|| in_process(&vol).map(|_| ()))?,
                1 => time(|| process(&cli, &["check".as_ref(), vol.as_os_str()]))?,
                _ => time(|| process(Path::new("find"), &[vol.as_os_str(), "-xdev".as_ref()]))?,
            };
            if i >= WARMUP {
                rounds[which].push(ms);
            }
        }
    }
    let [lib, cli_ms, find] = rounds;
    report(&lib, &cli_ms, &find)
}

/// What snap_check_path does after resolving the layout: read the mount
/// table, walk the tree.
fn in_process(vol: &Path) -> Result<Vec<rvss::structure::Violation>, String> {
    let mounts = rvss::mounts::current().map_err(|e| format!("mountinfo: {e}"))?;
    rvss::structure::check(vol, &rvss::structure::Rules::default(), &mounts)
        .map_err(|e| e.to_string())
}

/// Runs a program with stdout to /dev/null; it must succeed.
fn process(cmd: &Path, args: &[&std::ffi::OsStr]) -> Result<(), String> {
    let null = File::create("/dev/null").map_err(|e| e.to_string())?;
    let s = Command::new(cmd)
        .args(args)
        .stdin(Stdio::null())
        .stdout(null)
        .status()
        .map_err(|e| format!("{}: {e}", cmd.display()))?;
    if !s.success() {
        return Err(format!("{} {args:?}: {s}", cmd.display()));
    }
    Ok(())
}

fn time(f: impl FnOnce() -> Result<(), String>) -> Result<f64, String> {
    let t = Instant::now();
    f()?;
    Ok(t.elapsed().as_secs_f64() * 1e3)
}

/// 1,364 directories (FANOUT per level down to DEPTH) and files spread over
/// all of them (root included) up to ENTRIES entries.
fn build_tree(root: &Path) -> std::io::Result<(usize, usize)> {
    let mut dirs = vec![root.to_path_buf()];
    let mut level = vec![root.to_path_buf()];
    for _ in 0..DEPTH {
        let mut next = vec![];
        for d in &level {
            for i in 0..FANOUT {
                let c = d.join(format!("dir-{i}"));
                fs::create_dir(&c)?;
                next.push(c);
            }
        }
        dirs.extend(next.iter().cloned());
        level = next;
    }
    let made_dirs = dirs.len() - 1;
    let files = ENTRIES - made_dirs;
    for i in 0..files {
        let d = &dirs[i % dirs.len()];
        File::create(d.join(format!("disk-{i:06}.vhdx")))?;
    }
    Ok((made_dirs, files))
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn stats(samples: &[f64]) -> (f64, f64) {
    let mut s = samples.to_vec();
    s.sort_by(f64::total_cmp);
    (percentile(&s, 50.0), percentile(&s, 99.0))
}

fn row(case: &str, contender: &[f64], find: &[f64]) -> serde_json::Value {
    let (m, p) = stats(contender);
    let (bm, bp) = stats(find);
    let ratio = m / bm;
    serde_json::json!({
        "case": case,
        "contender": IN_PROCESS,
        "baseline": FIND,
        "median_ms": round3(m),
        "p99_ms": round3(p),
        "baseline_median_ms": round3(bm),
        "baseline_p99_ms": round3(bp),
        "ratio_median": round3(ratio),
        "goal": "<= 1.0",
        "met": ratio <= 1.0,
    })
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

fn report(lib: &[f64], cli: &[f64], find: &[f64]) -> Result<(), String> {
    let rows = vec![
        row("in-process walk (library, as the hook)", lib, find),
        row("CLI process: rvss check PATH", cli, find),
    ];
    println!("{TITLE}: {ROUNDS} rounds, contenders alternating, after {WARMUP} warm-up rounds");
    println!(
        "{:<40} {:>10} {:>9} {:>12} {:>9} {:>7} {:>9} {:>6} {:>4}",
        "case",
        "median ms",
        "p99 ms",
        "find median",
        "find p99",
        "ratio",
        "p99 ratio",
        "goal",
        "met"
    );
    for r in &rows {
        let f = |k: &str| r[k].as_f64().unwrap_or(f64::NAN);
        println!(
            "{:<40} {:>10.2} {:>9.2} {:>12.2} {:>9.2} {:>7.3} {:>9.3} {:>6} {:>4}",
            r["case"].as_str().unwrap_or(""),
            f("median_ms"),
            f("p99_ms"),
            f("baseline_median_ms"),
            f("baseline_p99_ms"),
            f("ratio_median"),
            f("p99_ms") / f("baseline_p99_ms"),
            "<=1.0",
            if r["met"].as_bool() == Some(true) {
                "yes"
            } else {
                "NO"
            }
        );
    }
    let ms = |v: &[f64]| v.iter().map(|x| round3(*x)).collect::<Vec<_>>();
    let doc = serde_json::json!({
        "bench": "structure",
        "title": TITLE,
        "rows": rows,
        "samples": { IN_PROCESS: ms(lib), FIND: ms(find) },
    });
    let out = bench_dir().join("structure.json");
    let text = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
    fs::write(&out, text + "\n").map_err(|e| format!("{}: {e}", out.display()))?;
    println!("wrote {}", out.display());
    Ok(())
}
