//! Four FSRVP clients at once: four rpcclient loops, each creating and
//! deleting shadow copy sets on its own share (`fss_create_expose backup ro
//! SHARE`, then `fss_delete SHARE SET SC`), rvss shares against vfs_btrfs
//! shares of the same World, in alternating phases (rvss, vfs_btrfs,
//! vfs_btrfs, rvss) so that drift hits both. Samba runs one rpcd_fsrvp worker
//! (`rpcd_fsrvp:num_workers = 1`, required for concurrent FSRVP clients), so
//! a client whose set meets another set in progress gets
//! FSRVP_E_SHADOW_COPY_SET_IN_PROGRESS (0x80042316) and retries after a short
//! backoff. Reports throughput, failures, rvss lock timeouts, what is left
//! after the run, and the per-cycle latencies.

#[path = "../tests/common/mod.rs"]
mod common;
mod support;

use common::{parse_expose, text, World};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};
use support::{ms_since, Goal, Report};

const MODULES: [&str; 2] = ["rvss", "vfs_btrfs"];
const CLIENTS: usize = 4;
const IN_PROGRESS: &str = "0x80042316";
/// What rvss logs when a catalog lock is not granted in time.
const LOCK_TIMEOUT: &str = "not granted within";

fn share_name(module: &str, k: usize) -> String {
    format!("{}{k}", if module == "rvss" { "r" } else { "b" })
}

/// What one client did in one phase.
#[derive(Default)]
struct ClientRun {
    /// Whole cycles (create, then delete, retries included), ms.
    cycles: Vec<f64>,
    creates: Vec<f64>,
    deletes: Vec<f64>,
    retries: usize,
    failures: Vec<String>,
}

/// Everything one module's phases added up to.
#[derive(Default)]
struct Totals {
    cycles_per_minute: Vec<f64>,
    cycles: Vec<f64>,
    creates: Vec<f64>,
    deletes: Vec<f64>,
    completed: usize,
    retries: usize,
    failures: Vec<String>,
    seconds: f64,
}

fn main() {
    if !support::is_bench_run() {
        return;
    }
    // Seconds per module, split into two phases.
    let per_module = if support::quick() { 16.0 } else { 120.0 };
    let phase = Duration::from_secs_f64(per_module / 2.0);
    let mut w = World::new("bench-clients");
    let fs = w.add_btrfs("fs", 4096);
    // The World's [global] is the documented setup, which includes
    // `rpcd_fsrvp:num_workers = 1` (concurrent clients need it).
    assert!(
        !w.samba_default_workers && w.smb_conf().contains("rpcd_fsrvp:num_workers = 1"),
        "the bench needs one rpcd_fsrvp worker"
    );
    for module in MODULES {
        for k in 1..=CLIENTS {
            support::subvolume_share(&mut w, &fs, &share_name(module, k), module, 16);
        }
    }
    w.start_samba();

    let mut totals: [Totals; 2] = Default::default();
    // ABBA: each module runs first once and last once.
    for m in [0, 1, 1, 0] {
        let runs = run_phase(&w, MODULES[m], phase);
        let t = &mut totals[m];
        let done: usize = runs.0.iter().map(|r| r.cycles.len()).sum();
        t.cycles_per_minute.push(done as f64 / (runs.1 / 60.0));
        t.seconds += runs.1;
        t.completed += done;
        for r in runs.0 {
            t.cycles.extend(r.cycles);
            t.creates.extend(r.creates);
            t.deletes.extend(r.deletes);
            t.retries += r.retries;
            t.failures.extend(r.failures);
        }
        eprintln!(
            "clients: {} phase: {done} cycles in {:.1} s",
            MODULES[m], runs.1
        );
    }

    let lock_timeouts = w
        .rvss_log()
        .lines()
        .filter(|l| l.contains(LOCK_TIMEOUT))
        .count();
    let (rvss_left, btrfs_left) = leftovers(&w, &fs);

    let mut r = Report::new(
        "clients",
        "Four FSRVP clients at once, each creating and deleting sets on its own share",
    );
    for (m, t) in MODULES.iter().zip(&totals) {
        r.samples.insert(
            format!("{m} cycles per minute"),
            t.cycles_per_minute.clone(),
        );
        r.samples.insert(format!("{m} cycle"), t.cycles.clone());
        r.samples.insert(format!("{m} create"), t.creates.clone());
        r.samples.insert(format!("{m} delete"), t.deletes.clone());
    }
    let [rv, vb] = &totals;
    r.compare_in(
        &format!(
            "throughput: completed cycles per minute ({} vs {} cycles in all)",
            rv.completed, vb.completed
        ),
        "rvss cycles per minute",
        "vfs_btrfs cycles per minute",
        Goal::AtLeast(1.0),
        Some("cycles/min"),
    );
    r.counts(
        "failed cycles (a create or delete that did not complete)",
        ("rvss failures", rv.failures.len() as f64),
        ("vfs_btrfs failures", vb.failures.len() as f64),
        Goal::Zero,
    );
    r.counts(
        "lock timeouts (rvss log: \"not granted within\")",
        ("rvss lock timeouts", lock_timeouts as f64),
        ("vfs_btrfs (no lock)", 0.0),
        Goal::Zero,
    );
    r.counts(
        "left after the run: snapshots on disk + exposed shares",
        ("rvss left", rvss_left as f64),
        ("vfs_btrfs left", btrfs_left as f64),
        Goal::Zero,
    );
    r.counts(
        "set-in-progress retries (0x80042316), all cycles",
        ("rvss retries", rv.retries as f64),
        ("vfs_btrfs retries", vb.retries as f64),
        Goal::None,
    );
    r.compare(
        "cycle: create + delete, retries included",
        "rvss cycle",
        "vfs_btrfs cycle",
        Goal::None,
    );
    r.compare(
        "fss_create_expose, retries included",
        "rvss create",
        "vfs_btrfs create",
        Goal::None,
    );
    r.compare(
        "fss_delete, retries included",
        "rvss delete",
        "vfs_btrfs delete",
        Goal::None,
    );
    r.command(format!(
        "{CLIENTS} client threads, each looping on its own share as a separate rpcclient \
         process per call (nsenter into the World, sh): rpcclient -U root%... \
         ncacn_np:127.0.0.1 -c 'fss_create_expose backup ro SHARE', then rpcclient ... -c \
         'fss_delete SHARE SET_ID SHADOW_COPY_ID'; a call answered 0x80042316 \
         (FSRVP_E_SHADOW_COPY_SET_IN_PROGRESS) is repeated after a backoff of 20-80 ms"
    ));
    r.command(format!(
        "phases of {:.0} s in the order rvss, vfs_btrfs, vfs_btrfs, rvss ({per_module:.0} s \
         per module); at a phase's end each client finishes its cycle in progress; \
         throughput = completed cycles / (time until the last client stopped), per phase",
        phase.as_secs_f64()
    ));
    r.command(format!(
        "after the run: lock timeouts = rvss log lines containing \"{LOCK_TIMEOUT}\"; left = \
         subvolumes under .rvss/ (rvss) or named @GMT-* (vfs_btrfs) plus registry shares \
         named SHARE@{{...}} (net conf listshares)"
    ));
    r.note(format!(
        "One 4 GiB loop btrfs, 8 subvolumes each holding a 16 MiB file and shared: r1-r4 \
         `vfs objects = rvss`, b1-b4 `vfs objects = btrfs` with `btrfs:manipulate snapshots \
         = yes` (a share at a subvolume root, as vfs_btrfs requires); [global] \
         `rpcd_fsrvp:num_workers = 1`. Samba runs one set in creation at a time, so the four \
         clients take turns: throughput is bounded by the server's serialisation, not by \
         the module. Measured: rvss {:.1} s, vfs_btrfs {:.1} s in all.",
        rv.seconds, vb.seconds
    ));
    r.note(
        "vfs_btrfs names its snapshots by the second: two coexisting snapshots of one share \
         made in the same second collide (EEXIST, CommitShadowCopySet fails with 0x80004005) \
         and would count above as vfs_btrfs failures. This load has one client per share, \
         each deleting its shadow copy before making the next, so it gives vfs_btrfs no \
         such collision to meet.",
    );
    for (m, t) in MODULES.iter().zip(&totals) {
        if t.failures.is_empty() {
            continue;
        }
        let shown: Vec<&str> = t.failures.iter().take(3).map(String::as_str).collect();
        r.note(format!(
            "{m}: {} failed cycles; the first: {}",
            t.failures.len(),
            shown.join(" | ")
        ));
    }
    r.write();
}

/// Runs the four clients on `module`'s shares for `length`: what each did,
/// and the seconds until the last one stopped.
fn run_phase(w: &World, module: &str, length: Duration) -> (Vec<ClientRun>, f64) {
    let start = Instant::now();
    let deadline = start + length;
    let jitter = AtomicUsize::new(0);
    let runs = std::thread::scope(|s| {
        let handles: Vec<_> = (1..=CLIENTS)
            .map(|k| {
                let share = share_name(module, k);
                let jitter = &jitter;
                s.spawn(move || client(w, &share, deadline, jitter))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("client thread"))
            .collect()
    });
    (runs, start.elapsed().as_secs_f64())
}

/// One client's loop until `deadline`.
fn client(w: &World, share: &str, deadline: Instant, jitter: &AtomicUsize) -> ClientRun {
    let mut run = ClientRun::default();
    let backoff = || {
        // 20-80 ms, spread over the clients so that they do not retry in step.
        let n = jitter.fetch_add(17, Ordering::Relaxed) % 61;
        std::thread::sleep(Duration::from_millis(20 + n as u64));
    };
    while Instant::now() < deadline {
        let cycle = Instant::now();
        let cmd = format!("fss_create_expose backup ro {share}");
        let created = loop {
            let o = w.rpc(&cmd);
            let out = text(&o);
            if let Some(sc) = parse_expose(&out).pop() {
                break Ok(sc);
            }
            if out.contains(IN_PROGRESS) {
                run.retries += 1;
                backoff();
                continue;
            }
            break Err(format!("{cmd}: {}", out.trim()));
        };
        let sc = match created {
            Ok(sc) => sc,
            Err(e) => {
                run.failures.push(e);
                backoff();
                continue;
            }
        };
        run.creates.push(ms_since(cycle));
        let del = Instant::now();
        let cmd = format!("fss_delete {share} {} {}", sc.set, sc.copy);
        let deleted = loop {
            let o = w.rpc(&cmd);
            let out = text(&o);
            if o.status.success() && !out.contains("failed") {
                break Ok(());
            }
            if out.contains(IN_PROGRESS) {
                run.retries += 1;
                backoff();
                continue;
            }
            break Err(format!("{cmd}: {}", out.trim()));
        };
        match deleted {
            Ok(()) => {
                run.deletes.push(ms_since(del));
                run.cycles.push(ms_since(cycle));
            }
            Err(e) => run.failures.push(e),
        }
    }
    run
}

/// What is left after the run, (rvss, vfs_btrfs): snapshot subvolumes on
/// disk plus exposed shadow copy shares still in the registry.
fn leftovers(w: &World, fs: &Path) -> (usize, usize) {
    let subvols = w.must(&format!("btrfs subvolume list '{}'", fs.display()));
    let paths: Vec<&str> = subvols
        .lines()
        .filter_map(|l| l.split(" path ").nth(1))
        .collect();
    let rvss_snaps = paths.iter().filter(|p| p.starts_with(".rvss/")).count();
    let btrfs_snaps = paths.iter().filter(|p| p.contains("@GMT-")).count();
    let shares = w.must("net conf listshares 2>/dev/null || true");
    let exposed = |prefix: &str| {
        shares
            .lines()
            .filter(|l| l.starts_with(prefix) && l.contains("@{"))
            .count()
    };
    (rvss_snaps + exposed("r"), btrfs_snaps + exposed("b"))
}
