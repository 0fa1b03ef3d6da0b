//! Heap growth of rpcd_fsrvp per 1,000 create/expose/delete cycles,
//! attributed to call stacks by valgrind's massif: the share's module (rvss,
//! or Samba's vfs_btrfs as the baseline) against Samba's own frames.
//!
//! In each World, samba-dcerpcd starts rpcd_fsrvp through a wrapper bind-mounted
//! over Samba's libexec binary, which runs the real one under
//! `valgrind --tool=massif`. After WARMUP cycles (caches filled, one-time
//! allocations done) and again after CYCLES more, `vgdb detailed_snapshot`
//! dumps the live heap by call stack; the difference of the two, per stack,
//! is what the cycles left behind. A stack is the module's when one of its
//! frames is in the module (rvss: the shim and the Rust crates; vfs_btrfs:
//! btrfs.so). Under valgrind a cycle is slow, so fewer than 1,000 cycles
//! are run and the growth is scaled to 1,000 (stated in the report).

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::{parse_expose, World};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use support::{Goal, Report};

struct Module {
    name: &'static str,
    options: &'static [&'static str],
    /// Whether a stack frame (massif's text for it) is this module's.
    owns: fn(&str) -> bool,
}

const MODULES: [Module; 2] = [
    Module {
        name: "rvss",
        options: support::RVSS_OPTIONS,
        owns: is_rvss_frame,
    },
    Module {
        name: "vfs_btrfs",
        options: support::VFS_BTRFS_OPTIONS,
        owns: is_btrfs_frame,
    },
];

/// rvss's frames: the shim (vfs_rvss.c, rvss_* functions), the module and
/// core crates (rvss::, rvss_core::), or code in rvss.so without symbols.
fn is_rvss_frame(f: &str) -> bool {
    let func = frame_fn(f);
    func.starts_with("rvss")
        || func.contains("rvss::")
        || func.contains("rvss_core::")
        || f.contains("vfs_rvss.c")
        || f.contains("/rvss.so")
}

fn is_btrfs_frame(f: &str) -> bool {
    f.contains("vfs_btrfs.c") || f.contains("/btrfs.so)")
}

/// The function part of a massif frame `0xADDR: fn (file:line)`.
fn frame_fn(f: &str) -> &str {
    f.split_once(": ").map_or(f, |(_, rest)| rest)
}

/// Allocator frames, skipped when naming a stack (also frames without a
/// symbol in talloc or libc).
fn is_allocator(f: &str) -> bool {
    let func = frame_fn(f);
    if func.starts_with("???") && (f.contains("/libtalloc.so") || f.contains("/libc.so")) {
        return true;
    }
    [
        "malloc",
        "calloc",
        "realloc",
        "posix_memalign",
        "operator new",
        "_talloc",
        "__talloc",
        "talloc_",
        "_tc_",
        "__rust_",
        "__rdl_",
        "__rg_",
        "alloc::",
        "<alloc::",
        "hashbrown::",
    ]
    .iter()
    .any(|p| func.starts_with(p))
}

fn main() {
    if !support::is_bench_run() {
        return;
    }
    let valgrind = std::process::Command::new("valgrind")
        .arg("--version")
        .output();
    assert!(
        valgrind.is_ok_and(|o| o.status.success()),
        "valgrind is not installed: `make bench` installs it (scripts/bench.sh), or apt-get install valgrind"
    );
    let warmup = support::reps(20, 5);
    let cycles = std::env::var("RVSS_MASSIF_CYCLES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| support::reps(200, 20));
    let scale = 1000.0 / cycles as f64;
    let mut r = Report::new(
        "massif",
        "Heap growth of rpcd_fsrvp per 1,000 cycles, attributed by massif: rvss vs vfs_btrfs",
    );
    for m in &MODULES {
        let run = measure(m, warmup, cycles);
        let total = run.total_growth() as f64 * scale / 1024.0;
        let own = run.growth_where(m.owns) as f64 * scale / 1024.0;
        let line = format!(
            "{}: rpcd_fsrvp's heap {} -> {} bytes over {cycles} cycles; per 1,000 cycles: total \
             {total:+.1} KiB, the module's stacks {own:+.1} KiB; the module's stacks hold {} bytes \
             live at the end",
            m.name,
            run.heap.0,
            run.heap.1,
            run.live_where(m.owns)
        );
        println!("massif {line}");
        r.note(line);
        for (stack, bytes) in run.top_stacks(m.owns, 6) {
            let line = format!(
                "{} stack {:+.1} KiB per 1,000 cycles: {stack}",
                m.name,
                bytes as f64 * scale / 1024.0
            );
            println!("  {line}");
            r.note(line);
        }
        for (stack, bytes) in run.top_stacks(|f| !(m.owns)(f), 8) {
            let line = format!(
                "{} run, Samba's stack {:+.1} KiB per 1,000 cycles: {stack}",
                m.name,
                bytes as f64 * scale / 1024.0
            );
            println!("  {line}");
            r.note(line);
        }
        r.samples.insert(format!("module {}", m.name), vec![own]);
        r.samples.insert(format!("total {}", m.name), vec![total]);
    }
    let kib = Some("KiB");
    r.compare_in(
        "heap growth in the module's stacks, per 1,000 cycles",
        "module rvss",
        "module vfs_btrfs",
        Goal::Below(100.0, "KiB"),
        kib,
    );
    r.compare_in(
        "rpcd_fsrvp heap growth, all stacks, per 1,000 cycles",
        "total rvss",
        "total vfs_btrfs",
        Goal::None,
        kib,
    );
    r.command(format!(
        "per module, one World (smbd, samba-dcerpcd, rpcd_fsrvp:num_workers = 1) whose rpcd_fsrvp runs \
         under valgrind --tool=massif; {warmup} warm-up cycles of rpcclient fss_create_expose \
         backup ro vm + fss_delete, vgdb detailed_snapshot, {cycles} more cycles, detailed_snapshot \
         again; each cycle starts in a new second (vfs_btrfs names snapshots by the second)"
    ));
    r.note(format!(
        "{cycles} measured cycles per module (valgrind makes a cycle slow), growth scaled by \
         {scale:.1} to 1,000 cycles. The goal (< 100 KiB) is on the growth of the stacks \
         holding an rvss frame (shim or Rust); vfs_btrfs's row counts stacks holding a \
         vfs_btrfs frame. A stack is named by its first frames above the allocator."
    ));
    r.note(
        "Known Samba growth (Samba 4.17, with either module): each FSRVP call that arms the \
         message sequence timer (Start, AddTo, Prepare, Commit, Expose, GetShareMapping) \
         allocates a struct GUID for the timer's callback (fss_seq_tout_set in \
         srv_fss_agent.c), freed only when the timer fires, not when the next call stops \
         it: 112 bytes with talloc's header, 6 per cycle, 656 KiB per 1,000 cycles.",
    );
    r.write();
}

/// Live heap bytes per full call stack (frames from the allocation site up).
type Heap = BTreeMap<Vec<String>, i64>;

struct Run {
    before: Heap,
    after: Heap,
    /// mem_heap_B of the two snapshots.
    heap: (u64, u64),
}

impl Run {
    fn growth(&self) -> BTreeMap<&Vec<String>, i64> {
        let mut g: BTreeMap<&Vec<String>, i64> = BTreeMap::new();
        for (k, v) in &self.after {
            *g.entry(k).or_default() += v;
        }
        for (k, v) in &self.before {
            *g.entry(k).or_default() -= v;
        }
        g
    }

    /// Live bytes at the end in the stacks `owns` selects.
    fn live_where(&self, owns: fn(&str) -> bool) -> i64 {
        self.after
            .iter()
            .filter(|(k, _)| k.iter().any(|f| owns(f)))
            .map(|(_, v)| v)
            .sum()
    }

    fn total_growth(&self) -> i64 {
        self.heap.1 as i64 - self.heap.0 as i64
    }

    fn growth_where(&self, owns: fn(&str) -> bool) -> i64 {
        self.growth()
            .into_iter()
            .filter(|(k, _)| k.iter().any(|f| owns(f)))
            .map(|(_, v)| v)
            .sum()
    }

    /// The `n` stacks that grew most among those `keep` selects (any frame),
    /// each named by its first frames above the allocator, grouped by name.
    fn top_stacks(&self, keep: impl Fn(&str) -> bool, n: usize) -> Vec<(String, i64)> {
        let mut by_name: BTreeMap<String, i64> = BTreeMap::new();
        for (k, v) in self.growth() {
            if !k.iter().any(|f| keep(f)) {
                continue;
            }
            let name: Vec<String> = k
                .iter()
                .skip_while(|f| is_allocator(f))
                .take(5)
                .map(|f| short_frame(f))
                .collect();
            *by_name.entry(name.join(" < ")).or_default() += v;
        }
        let mut v: Vec<(String, i64)> = by_name.into_iter().filter(|(_, b)| *b > 0).collect();
        v.sort_by_key(|(_, b)| -b);
        v.truncate(n);
        v
    }
}

/// A frame as a stack's name shows it: the function and its file, or the
/// object's file name when it has no symbol.
fn short_frame(f: &str) -> String {
    let func = frame_fn(f);
    match func.split_once(" (in ") {
        Some((name, obj)) => {
            let obj = obj.trim_end_matches(')');
            let file = obj.rsplit('/').next().unwrap_or(obj);
            format!("{name} [{file}]")
        }
        None => func.to_string(),
    }
}

/// Samba's libexec directory (where samba-dcerpcd finds rpcd_fsrvp).
fn libexec_dir() -> PathBuf {
    let out = std::process::Command::new("smbd")
        .arg("-b")
        .output()
        .expect("smbd -b");
    let text = String::from_utf8_lossy(&out.stdout);
    text.lines()
        .find_map(|l| l.trim().strip_prefix("SAMBA_LIBEXECDIR: "))
        .map(|d| PathBuf::from(d.trim()))
        .unwrap_or_else(|| PathBuf::from("/usr/libexec/samba"))
}

/// Makes samba-dcerpcd of this world start rpcd_fsrvp under massif: the real
/// binary is copied into the world's directory and a wrapper script is
/// bind-mounted over it (inside the world only).
fn wrap_rpcd_fsrvp(w: &World) -> PathBuf {
    let orig = libexec_dir().join("rpcd_fsrvp");
    let real = w.dir.join("rpcd_fsrvp.real");
    std::fs::copy(&orig, &real).unwrap_or_else(|e| panic!("copy {}: {e}", orig.display()));
    let out = w.dir.join("massif");
    std::fs::create_dir_all(&out).expect("massif dir");
    let wrapper = w.dir.join("rpcd_fsrvp.wrapper");
    let script = format!(
        "#!/bin/sh\n\
         # rpcd_fsrvp under massif (benches/massif.rs); its interface list unwrapped.\n\
         for a in \"$@\"; do [ \"$a\" = --list-interfaces ] && exec '{real}' \"$@\"; done\n\
         exec valgrind --tool=massif --depth=60 --threshold=0 --vgdb=yes \
         --vgdb-prefix='{out}/vgdb' --massif-out-file='{out}/massif.%p.out' \
         --log-file='{out}/valgrind.%p.log' '{real}' \"$@\"\n",
        real = real.display(),
        out = out.display()
    );
    std::fs::write(&wrapper, script).expect("write wrapper");
    w.must(&format!(
        "chmod 755 '{0}' && mount --bind '{0}' '{1}'",
        wrapper.display(),
        orig.display()
    ));
    out
}

/// The pid of the rpcd_fsrvp running under valgrind in this world (its
/// command line names the world's copy of the binary).
fn massif_pid(w: &World) -> u32 {
    let real = w.dir.join("rpcd_fsrvp.real");
    let real = real.to_string_lossy();
    let mut pids = vec![];
    for e in std::fs::read_dir("/proc").expect("/proc").flatten() {
        let Ok(pid) = e.file_name().to_string_lossy().parse::<u32>() else {
            continue;
        };
        let Ok(cmd) = std::fs::read(format!("/proc/{pid}/cmdline")) else {
            continue;
        };
        let args: Vec<String> = cmd
            .split(|&b| b == 0)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .collect();
        if args.first().is_some_and(|a| a.contains("valgrind")) && args.iter().any(|a| *a == real) {
            pids.push(pid);
        }
    }
    assert_eq!(
        pids.len(),
        1,
        "expected one rpcd_fsrvp under massif, found {pids:?}\n{}",
        w.logs()
    );
    pids[0]
}

/// Waits until `pid` has used no CPU for a second (rpcd_fsrvp may still be
/// finishing a call after rpcclient returned), so that a snapshot holds no
/// request in flight.
fn wait_idle(pid: u32) {
    let cpu = || {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // Fields after the command name (which may hold spaces): utime is
        // the 12th, stime the 13th.
        let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
        let f: Vec<u64> = rest
            .split_whitespace()
            .skip(11)
            .take(2)
            .filter_map(|v| v.parse().ok())
            .collect();
        f.iter().sum::<u64>()
    };
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut last = cpu();
    loop {
        std::thread::sleep(Duration::from_secs(1));
        let now = cpu();
        if now == last || Instant::now() > deadline {
            return;
        }
        last = now;
    }
}

/// Dumps the live heap of the massif'ed rpcd_fsrvp and parses it.
fn snapshot(w: &World, out: &Path, pid: u32, tag: &str) -> (Heap, u64) {
    wait_idle(pid);
    let file = out.join(format!("snapshot-{tag}.out"));
    let o = w.sh(&format!(
        "vgdb --vgdb-prefix='{}/vgdb' --pid={pid} detailed_snapshot '{}'",
        out.display(),
        file.display()
    ));
    assert!(
        o.status.success() && file.exists(),
        "vgdb detailed_snapshot failed: {}",
        common::text(&o)
    );
    let text = std::fs::read_to_string(&file).expect("read snapshot");
    parse_snapshot(&text)
}

/// Parses one massif detailed snapshot: the live bytes of every leaf stack
/// (the allocation site first), and mem_heap_B.
fn parse_snapshot(text: &str) -> (Heap, u64) {
    let mut heap = Heap::new();
    let mut total = 0;
    let mut path: Vec<String> = vec![];
    for line in text.lines() {
        if let Some(v) = line.strip_prefix("mem_heap_B=") {
            total = v.trim().parse().unwrap_or(0);
            continue;
        }
        let depth = line.len() - line.trim_start().len();
        let l = line.trim_start();
        let Some(rest) = l.strip_prefix('n') else {
            continue;
        };
        let Some((children, rest)) = rest.split_once(": ") else {
            continue;
        };
        let Ok(children) = children.parse::<usize>() else {
            continue;
        };
        let (bytes, frame) = rest.split_once(' ').unwrap_or((rest, ""));
        let Ok(bytes) = bytes.parse::<i64>() else {
            continue;
        };
        // path holds the frames of depths 1..=depth; the root (depth 0) is
        // "(heap allocation functions) ...".
        if depth == 0 {
            path.clear();
            continue;
        }
        path.truncate(depth - 1);
        path.push(frame.to_string());
        if children == 0 {
            *heap.entry(path.clone()).or_default() += bytes;
        }
    }
    (heap, total)
}

/// Starts a create in a new second (vfs_btrfs names its snapshots by the
/// second and fails on a name taken): sleeps to the next second boundary
/// after the previous create started.
fn next_second(prev: &mut Option<u64>) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    if let Some(p) = *prev {
        if now.as_secs() <= p {
            let wait = Duration::from_secs(p + 1) - now + Duration::from_millis(20);
            std::thread::sleep(wait);
        }
    }
    *prev = Some(
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_secs(),
    );
}

fn measure(m: &Module, warmup: usize, cycles: usize) -> Run {
    let mut w = World::new(&format!("bench-massif-{}", m.name));
    let fs = w.add_btrfs("fs", 512);
    let vol = fs.join("vol1");
    support::subvolume(&w, &vol);
    support::write_data(&w, &vol.join("disk.vhdx"), 1);
    w.add_share("vm", &vol, m.options);
    w.global_options.push("rpcd_fsrvp:num_workers = 1".into());
    let out = wrap_rpcd_fsrvp(&w);
    w.start_samba();
    let mut prev = None;
    let mut cycle = |i: usize| {
        next_second(&mut prev);
        let o = w.rpc_ok("fss_create_expose backup ro vm");
        let sc = parse_expose(&o)
            .pop()
            .unwrap_or_else(|| panic!("{} cycle {i}: no shadow copy: {o}", m.name));
        let d = w.rpc_ok(&format!("fss_delete vm {} {}", sc.set, sc.copy));
        assert!(
            d.contains("shadow-copy deleted"),
            "{} cycle {i}: {d}",
            m.name
        );
    };
    for i in 0..warmup {
        cycle(i);
    }
    let pid = massif_pid(&w);
    let (before, heap0) = snapshot(&w, &out, pid, "before");
    let t = Instant::now();
    for i in 0..cycles {
        cycle(warmup + i);
    }
    eprintln!(
        "massif {}: {cycles} cycles in {:.0} s",
        m.name,
        t.elapsed().as_secs_f64()
    );
    assert_eq!(
        massif_pid(&w),
        pid,
        "rpcd_fsrvp was restarted during the run"
    );
    let (after, heap1) = snapshot(&w, &out, pid, "after");
    if std::env::var_os("RVSS_MASSIF_KEEP").is_some() {
        let keep = support::bench_dir().join(format!("massif-{}", m.name));
        let _ = std::fs::create_dir_all(&keep);
        for f in ["before", "after"] {
            let _ = std::fs::copy(
                out.join(format!("snapshot-{f}.out")),
                keep.join(format!("snapshot-{f}.out")),
            );
        }
    }
    Run {
        before,
        after,
        heap: (heap0, heap1),
    }
}
