//! Concurrent FSRVP clients (issue 13), end to end with real Samba, real
//! rpcclient and real btrfs: four backup hosts, each a loop of
//! `fss_create_expose backup ro SHARE` then `fss_delete SHARE SET SC` on its
//! own rvss share, all at once, every client retrying
//! FSRVP_E_SHADOW_COPY_SET_IN_PROGRESS with a short backoff.
//!
//! - With Samba's default rpcd_fsrvp workers (up to 5, each holding its own
//!   copy of the FSRVP shadow copy sets), deletes reach workers that never
//!   saw the set: FSRVP_E_OBJECT_NOT_FOUND, and the snapshot and exposed
//!   share stay behind. This is Samba's server, not rvss (Samba's vfs_btrfs
//!   fails the same way); the test keeps the evidence for the documented
//!   setting.
//! - With the documented [global] lines (`rpcd_fsrvp:num_workers = 1`,
//!   vfs_rvss(8) CONCURRENT CLIENTS): zero failures, zero leaks.
//! - The limit of that setup: a client that disappears while making a set
//!   blocks the others until rpcd_fsrvp exits, and a short
//!   `fss: sequence timeout` does not free the set (so it is not among the
//!   documented lines).

use crate::common::*;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const OBJECT_NOT_FOUND: &str = "0x80042308";
const SET_IN_PROGRESS: &str = "0x80042316";
const BAD_STATE: &str = "0x80042301";
const CLIENTS: usize = 4;
/// Cycles per client: 60 in all, as in issue 13. With default workers
/// about half of the deletes fail (measured: 19 to 38 of 60 on Samba
/// 4.17.12, 35 on 4.22.11), each landing on whichever worker is idle; the
/// chance that none fails is of the order of 0.5^60, so the failing side
/// does not flake.
const CYCLES: usize = 15;
/// The tree of each share: directories of files.
const TREE_DIRS: usize = 20;
const TREE_FILES: usize = 200;
/// How long one client keeps retrying SET_IN_PROGRESS before it gives up.
const RETRY_FOR: Duration = Duration::from_secs(60);

#[derive(Debug, Default)]
struct Tally {
    cycles: usize,
    create_failures: Vec<String>,
    delete_failures: Vec<(Exposed, String)>,
    retries: usize,
}

/// The [global] lines of a world.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Globals {
    /// The documented lines without the worker line (Samba's default).
    SambaDefaultWorkers,
    /// The lines `rvss smbconf` prints, and nothing else of rvss's.
    PrintedByCli,
}

/// A world with one btrfs filesystem, subvolumes vol0..vol3 and an rvss
/// share s0..s3 in each.
fn world(name: &str, globals: Globals) -> (World, PathBuf) {
    let mut w = World::new(name);
    w.samba_default_workers = globals == Globals::SambaDefaultWorkers;
    if globals == Globals::PrintedByCli {
        w.without_documented_globals = true;
        let o = w.cli("smbconf");
        assert!(o.status.success(), "rvss smbconf: {}", text(&o));
        w.global_options = String::from_utf8_lossy(&o.stdout)
            .lines()
            .map(str::to_string)
            .collect();
    }
    let fs = w.add_btrfs("fs1", 1024);
    for i in 0..CLIENTS {
        let vol = fs.join(format!("vol{i}"));
        w.must(&format!(
            "btrfs subvolume create '{0}' >/dev/null && mkdir -p '{0}/data' && printf data{i} > '{0}/data/disk.vhdx'",
            vol.display()
        ));
        // A tree rvss walks at AddToShadowCopySet and again at commit, so
        // that a set takes long enough for the clients' sets to overlap.
        w.must(&format!(
            "cd '{}/data' && for d in $(seq 1 {TREE_DIRS}); do mkdir vm$d; (cd vm$d && touch $(seq -f f%g.vhdx 1 {TREE_FILES})); done",
            vol.display()
        ));
        w.add_share(&format!("s{i}"), &vol.join("data"), &["vfs objects = rvss"]);
    }
    w.start_samba();
    (w, fs)
}

/// One backup host: CYCLES create+delete cycles on `share`, retrying
/// SET_IN_PROGRESS with a short backoff, as vfs_rvss(8) asks of clients.
fn client(w: &World, index: usize) -> Tally {
    let share = format!("s{index}");
    let mut t = Tally::default();
    for _ in 0..CYCLES {
        t.cycles += 1;
        let started = Instant::now();
        let mut attempt = 0u64;
        let created = loop {
            let o = w.rpc(&format!("fss_create_expose backup ro {share}"));
            let out = text(&o);
            // rpcclient exits 0 when the call went through but the server
            // answered an FSRVP error: only an exposed share is success.
            let exposed = parse_expose(&out).pop();
            if o.status.success() && !out.contains("failed") && exposed.is_some() {
                break exposed;
            }
            if out.contains(SET_IN_PROGRESS) && started.elapsed() < RETRY_FOR {
                t.retries += 1;
                attempt += 1;
                // 100..400 ms, staggered by client so that the four do not
                // retry in lockstep.
                let ms = 100 + (attempt.min(6) * 50) + index as u64 * 17;
                std::thread::sleep(Duration::from_millis(ms));
                continue;
            }
            t.create_failures.push(out);
            break None;
        };
        let Some(e) = created else { continue };
        let o = w.rpc(&format!("fss_delete {share} {} {}", e.set, e.copy));
        if !o.status.success() || text(&o).contains("failed") {
            t.delete_failures.push((e, text(&o)));
        }
    }
    t
}

/// What one run of the four clients saw.
struct Run {
    tallies: Vec<Tally>,
    took: Duration,
    /// The most rpcd_fsrvp workers alive at once, sampled while the clients
    /// ran.
    max_workers: usize,
}

/// Runs the four clients at once, counting rpcd_fsrvp workers meanwhile.
fn run_clients(w: &World) -> Run {
    let start = Instant::now();
    let done = AtomicBool::new(false);
    let (tallies, max_workers) = std::thread::scope(|s| {
        let sampler = s.spawn(|| {
            let mut most = 0;
            while !done.load(Ordering::Relaxed) {
                most = most.max(w.pids_of("rpcd_fsrvp").len());
                std::thread::sleep(Duration::from_millis(20));
            }
            most
        });
        let handles: Vec<_> = (0..CLIENTS)
            .map(|i| s.spawn(move || client(w, i)))
            .collect();
        let tallies = handles
            .into_iter()
            .map(|h| h.join().expect("client thread"))
            .collect::<Vec<_>>();
        done.store(true, Ordering::Relaxed);
        (tallies, sampler.join().expect("sampler thread"))
    });
    Run {
        tallies,
        took: start.elapsed(),
        max_workers,
    }
}

fn catalog(w: &World) -> Vec<serde_json::Value> {
    let o = w.cli("list --json");
    assert!(o.status.success(), "rvss list: {}", text(&o));
    serde_json::from_slice(&o.stdout).expect("rvss list --json prints an array")
}

/// Exposed shadow copy shares FSRVP left in the registry.
fn exposed_shares(w: &World) -> Vec<String> {
    w.must("net conf listshares")
        .lines()
        .map(str::trim)
        .filter(|l| l.contains("@{"))
        .map(str::to_string)
        .collect()
}

/// The status `rvss doctor` gives the rpcd_fsrvp worker setting.
fn doctor_workers(w: &World) -> (String, String) {
    let o = w.cli("doctor --json");
    let report: serde_json::Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("doctor --json printed no JSON ({e}):\n{}", text(&o)));
    let k = report["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|k| k["check"] == "fsrvp-workers"))
        .unwrap_or_else(|| panic!("no fsrvp-workers check: {report:#}"));
    (
        k["status"].as_str().unwrap_or("?").to_string(),
        k["fix"].as_str().unwrap_or("").to_string(),
    )
}

/// The [global] lines vfs_rvss(8) gives under "rvss smbconf prints these
/// lines".
fn man_page_global_lines() -> Vec<String> {
    let man = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("man/vfs_rvss.8.md"),
    )
    .unwrap();
    let mut lines = man
        .lines()
        .skip_while(|l| !l.contains("(**rvss smbconf** prints these lines"))
        .skip(1)
        .skip_while(|l| l.trim().is_empty());
    let v: Vec<String> = lines
        .by_ref()
        .take_while(|l| l.starts_with("    "))
        .map(|l| l.trim().to_string())
        .collect();
    assert!(!v.is_empty(), "vfs_rvss(8) lists no [global] lines");
    v
}

fn summary(tallies: &[Tally]) -> String {
    tallies
        .iter()
        .enumerate()
        .map(|(i, t)| {
            format!(
                "s{i}: {} cycles, {} failed creates, {} failed deletes, {} SET_IN_PROGRESS retries",
                t.cycles,
                t.create_failures.len(),
                t.delete_failures.len(),
                t.retries
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The evidence behind `rpcd_fsrvp:num_workers = 1`: with Samba's default
/// of up to 5 rpcd_fsrvp workers, each worker keeps its own in-memory copy
/// of the FSRVP sets (source3/rpc_server/fss/srv_fss_agent.c, `static
/// struct fss_global`, read from srv_fss.tdb once when the worker starts),
/// so a DeleteShareMapping that samba-dcerpcd hands to another worker finds
/// no set (FSRVP_E_OBJECT_NOT_FOUND) or a stale copy of it
/// (FSRVP_E_BAD_STATE), and the snapshot and its exposed share stay behind.
/// Samba's per-worker state, not rvss.
#[test]
fn default_rpcd_fsrvp_workers_lose_deletes_samba_keeps_fsrvp_state_per_worker() {
    let (w, fs) = world("conc-default", Globals::SambaDefaultWorkers);
    // rvss doctor fails this setup and names the fix.
    let (status, fix) = doctor_workers(&w);
    assert_eq!(
        status, "fail",
        "rvss doctor accepted Samba's default workers"
    );
    assert!(fix.contains("rpcd_fsrvp:num_workers = 1"), "{fix}");
    let run = run_clients(&w);
    let failed: Vec<&(Exposed, String)> = run
        .tallies
        .iter()
        .flat_map(|t| &t.delete_failures)
        .collect();
    let not_found = failed
        .iter()
        .filter(|(_, out)| out.contains(OBJECT_NOT_FOUND))
        .count();
    eprintln!(
        "default rpcd_fsrvp workers: {} of {} deletes failed ({not_found} with {OBJECT_NOT_FOUND}) \
         in {:.1} s, up to {} workers at once\n{}",
        failed.len(),
        CLIENTS * CYCLES,
        run.took.as_secs_f64(),
        run.max_workers,
        summary(&run.tallies)
    );
    assert!(
        not_found > 0,
        "expected Samba's default rpcd_fsrvp workers (up to 5, each with its own copy of the \
         FSRVP sets) to answer at least one of {} concurrent DeleteShareMapping calls with \
         {OBJECT_NOT_FOUND} (FSRVP_E_OBJECT_NOT_FOUND: the delete reached a worker that never \
         saw the set), the reason vfs_rvss(8) documents `rpcd_fsrvp:num_workers = 1`; \
         {} workers ran at most, and:\n{}",
        CLIENTS * CYCLES,
        run.max_workers,
        summary(&run.tallies)
    );
    for (_, out) in &failed {
        assert!(
            out.contains(OBJECT_NOT_FOUND) || out.contains(BAD_STATE),
            "a delete failed otherwise than by Samba's per-worker FSRVP state \
             ({OBJECT_NOT_FOUND}: no set in that worker; {BAD_STATE}: a stale copy): {out}"
        );
    }
    // Each failed delete left its snapshot (in rvss's catalog and on
    // btrfs) and its exposed share behind.
    let cat = catalog(&w);
    let snaps = w.snapshots(&fs);
    let shares = exposed_shares(&w);
    for (e, _) in &failed {
        let name = e.unc_share();
        assert!(
            shares.iter().any(|s| s.eq_ignore_ascii_case(&name)),
            "the failed delete of {name} left no exposed share: {shares:?}"
        );
        assert!(
            cat.iter().any(|c| c["share"] == e.share.as_str()),
            "the failed delete of {name} left nothing in the catalog: {cat:?}"
        );
    }
    assert!(
        cat.len() == failed.len() && snaps.len() == failed.len(),
        "{} failed deletes should leave as many snapshots, but the catalog has {} and btrfs {}",
        failed.len(),
        cat.len(),
        snaps.len()
    );
    eprintln!(
        "default rpcd_fsrvp workers: left behind {} snapshots (catalog {}), {} exposed shares",
        snaps.len(),
        cat.len(),
        shares.len()
    );
}

/// vfs_rvss(8)'s [global] lines (`rpcd_fsrvp:num_workers = 1`): one worker
/// holds every set; a second client's StartShadowCopySet gets
/// FSRVP_E_SHADOW_COPY_SET_IN_PROGRESS while another set is being made, and
/// clients that retry it complete every cycle: zero failures, zero leaks.
#[test]
fn documented_setup_serves_concurrent_clients_without_failures_or_leaks() {
    // Samba runs with the [global] lines `rvss smbconf` prints (not the
    // constant they come from), and those are the lines vfs_rvss(8)
    // documents.
    let (w, fs) = world("conc-documented", Globals::PrintedByCli);
    assert_eq!(
        w.global_options,
        man_page_global_lines(),
        "rvss smbconf and vfs_rvss(8) disagree"
    );
    assert!(
        w.global_options
            .iter()
            .any(|l| l == "rpcd_fsrvp:num_workers = 1"),
        "rvss smbconf does not print the worker line: {:?}",
        w.global_options
    );
    // Samba read them.
    assert_eq!(
        w.must("testparm -s --parameter-name='rpcd_fsrvp:num_workers' 2>/dev/null"),
        "1\n"
    );
    assert_eq!(doctor_workers(&w).0, "ok");
    let run = run_clients(&w);
    eprintln!(
        "rpcd_fsrvp:num_workers = 1: {} cycles in {:.1} s, up to {} workers at once\n{}",
        CLIENTS * CYCLES,
        run.took.as_secs_f64(),
        run.max_workers,
        summary(&run.tallies)
    );
    assert_eq!(
        run.max_workers, 1,
        "rpcd_fsrvp:num_workers = 1 should give one rpcd_fsrvp worker"
    );
    // The clients overlapped: a set was in progress when another client
    // asked for one (otherwise nothing concurrent was served).
    let retries: usize = run.tallies.iter().map(|t| t.retries).sum();
    assert!(
        retries > 0,
        "the clients never overlapped (no SET_IN_PROGRESS):\n{}",
        summary(&run.tallies)
    );
    for t in &run.tallies {
        assert!(
            t.create_failures.is_empty() && t.delete_failures.is_empty(),
            "with rpcd_fsrvp:num_workers = 1 every cycle must succeed:\n{}\n\
             failed creates: {:?}\nfailed deletes: {:?}\n--- logs ---\n{}",
            summary(&run.tallies),
            t.create_failures,
            t.delete_failures,
            w.logs()
        );
        assert_eq!(t.cycles, CYCLES);
    }
    let cat = catalog(&w);
    assert!(cat.is_empty(), "leaked catalog entries: {cat:?}");
    let snaps = w.snapshots(&fs);
    assert!(snaps.is_empty(), "leaked snapshot subvolumes: {snaps:?}");
    let shares = exposed_shares(&w);
    assert!(shares.is_empty(), "leaked exposed shares: {shares:?}");
}

/// The single worker's limit, and why `fss: sequence timeout` is not among
/// the documented lines: a client killed between StartShadowCopySet and
/// ExposeShadowCopySet leaves its set in creation, and every other client's
/// StartShadowCopySet gets SET_IN_PROGRESS. Samba's message sequence timer
/// would free the set, but the next client's SetContext cancels that timer
/// and arms one without a set (srv_fss_agent.c, _fss_SetContext), so with
/// clients retrying even a short timeout frees nothing. The set goes when
/// rpcd_fsrvp exits (60 s without clients, or a restart of Samba).
#[test]
fn abandoned_set_blocks_the_single_worker_and_a_short_sequence_timeout_does_not_free_it() {
    const TIMEOUT_S: u64 = 5;
    let mut w = World::new("conc-abandoned");
    w.global_options
        .push(format!("fss: sequence timeout = {TIMEOUT_S}"));
    let fs = w.add_btrfs("fs1", 1024);
    for i in 0..2 {
        let vol = fs.join(format!("vol{i}"));
        w.must(&format!(
            "btrfs subvolume create '{0}' >/dev/null && mkdir -p '{0}/data'",
            vol.display()
        ));
        w.add_share(&format!("s{i}"), &vol.join("data"), &["vfs objects = rvss"]);
    }
    // s0's tree is large, so that its AddToShadowCopySet (rvss walks the
    // tree) is still running when its client is killed.
    w.must(&format!(
        "cd '{}/data' && for d in $(seq 1 100); do mkdir vm$d; (cd vm$d && touch $(seq -f f%g.vhdx 1 500)); done",
        fs.join("vol0").display()
    ));
    w.start_samba();
    // The first client is killed once its set exists; the other client
    // starts at once, so that its SetContext waits behind the first
    // client's AddToShadowCopySet in the single worker and reaches it well
    // within the timeout, however slowly this machine runs.
    let out = w.dir.join("abandoning-client.out");
    let o = w.sh(&format!(
        "stdbuf -oL rpcclient -U 'root%{PASSWORD}' ncacn_np:127.0.0.1 \
           -c 'fss_create_expose backup ro s0' > '{0}' 2>&1 & p=$!
         while kill -0 $p 2>/dev/null && ! grep -q 'set created' '{0}'; do sleep 0.01; done
         kill -9 $p 2>/dev/null; wait $p
         rpcclient -U 'root%{PASSWORD}' ncacn_np:127.0.0.1 -c 'fss_create_expose backup ro s1' 2>&1
         echo '--- the killed client:'; cat '{0}'",
        out.display()
    ));
    let both = text(&o);
    let (first_retry, abandoned) = both
        .split_once("--- the killed client:")
        .unwrap_or_else(|| panic!("{both}"));
    assert!(
        abandoned.contains("shadow-copy set created") && !abandoned.contains("exposed"),
        "the client was to be killed with its set in creation:\n{abandoned}"
    );
    let mut attempts = vec![first_retry.to_string()];
    // The other client retries, past twice the timeout.
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(2 * TIMEOUT_S) {
        std::thread::sleep(Duration::from_millis(300));
        attempts.push(text(&w.rpc("fss_create_expose backup ro s1")));
    }
    let blocked = attempts
        .iter()
        .filter(|t| t.contains(SET_IN_PROGRESS))
        .count();
    eprintln!(
        "abandoned set: {blocked} of {} StartShadowCopySet calls answered SET_IN_PROGRESS \
         over {} s with fss: sequence timeout = {TIMEOUT_S}",
        attempts.len(),
        2 * TIMEOUT_S
    );
    for t in &attempts {
        assert!(
            t.contains(SET_IN_PROGRESS) && parse_expose(t).is_empty(),
            "every attempt after the abandoned set should get {SET_IN_PROGRESS}, the set's \
             sequence timer being cancelled by the retries:\n{t}"
        );
    }
}
