//! The soak: create/expose/delete cycles through rpcclient against one share
//! holding 8 MiB, measuring rpcd_fsrvp as it goes. `make test` runs a short
//! one (tests/e2e_reliability.rs), `make bench` a long one (benches/soak.rs).

use super::*;
use std::time::Instant;

pub struct Soak {
    pub cycles: usize,
    /// Cycle at which the first sample was taken (a tenth of the run).
    pub from_cycle: usize,
    /// Time of each cycle (create + delete), ms.
    pub cycle_ms: Vec<f64>,
    pub rss_kib: (u64, u64),
    /// Open files and directories of rpcd_fsrvp (what a leak in rvss adds).
    pub files: (usize, usize),
    /// All its descriptors, sockets included.
    pub all_fds: (usize, usize),
    pub same_process: bool,
    /// Snapshots and catalog entries left after the last delete.
    pub leaked_snapshots: Vec<String>,
    pub catalog_entries: usize,
}

fn status_kb(w: &World, pid: u32, key: &str) -> u64 {
    w.must(&format!("grep '^{key}:' /proc/{pid}/status"))
        .split_whitespace()
        .nth(1)
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Open descriptors of `pid`: (files and directories, all), once client
/// connections have settled (the least of a few samples). Sockets come and
/// go with Samba's own messaging; files are what a leak in rvss would add.
fn fds(w: &World, pid: u32) -> (usize, usize) {
    (0..10)
        .map(|_| {
            std::thread::sleep(std::time::Duration::from_millis(100));
            let all = w.must(&format!(
                "ls -l /proc/{pid}/fd | tail -n +2 | awk '{{print $NF}}'"
            ));
            (
                all.lines().filter(|l| l.starts_with('/')).count(),
                all.lines().count(),
            )
        })
        .min()
        .unwrap_or((0, 0))
}

/// Runs `cycles` cycles; panics on the first failed cycle.
pub fn run(name: &str, cycles: usize) -> Soak {
    let mut w = World::new(name);
    let fs1 = w.add_btrfs("fs1", 600);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create '{0}' >/dev/null && mkdir '{0}/vm' && dd if=/dev/urandom of='{0}/vm/data.bin' bs=1M count=8 status=none",
        vol.display()
    ));
    w.add_share("vm", &vol.join("vm"), &["vfs objects = rvss"]);
    w.start_samba();
    let from_cycle = (cycles / 10).max(1);
    let mut first = None;
    let mut cycle_ms = Vec::with_capacity(cycles);
    for i in 1..=cycles {
        let t = Instant::now();
        let out = w.rpc_ok("fss_create_expose backup ro vm");
        let e = parse_expose(&out)
            .pop()
            .unwrap_or_else(|| panic!("cycle {i}: {out}"));
        let del = w.rpc_ok(&format!("fss_delete vm {} {}", e.set, e.copy));
        assert!(del.contains("shadow-copy deleted"), "cycle {i}: {del}");
        cycle_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        if i == from_cycle {
            let pid = w.pid_of("rpcd_fsrvp").expect("rpcd_fsrvp runs");
            first = Some((pid, status_kb(&w, pid, "VmRSS"), fds(&w, pid)));
        }
    }
    let (pid, rss0, fd0) = first.expect("sampled");
    let pid_now = w.pid_of("rpcd_fsrvp").unwrap_or(0);
    let (rss1, fd1) = (status_kb(&w, pid, "VmRSS"), fds(&w, pid));
    let catalog = w.cli("list --json");
    assert!(
        catalog.status.success(),
        "rvss list failed after the soak: {}",
        text(&catalog)
    );
    let entries: Vec<serde_json::Value> = serde_json::from_slice(&catalog.stdout)
        .unwrap_or_else(|e| panic!("rvss list --json is not JSON ({e}): {}", text(&catalog)));
    Soak {
        cycles,
        from_cycle,
        cycle_ms,
        rss_kib: (rss0, rss1),
        files: (fd0.0, fd1.0),
        all_fds: (fd0.1, fd1.1),
        same_process: pid == pid_now,
        leaked_snapshots: w.snapshots(&fs1),
        catalog_entries: entries.len(),
    }
}

impl Soak {
    pub fn summary(&self) -> String {
        format!(
            "soak: {} cycles, 0 failures; rpcd_fsrvp from cycle {} to {}: RSS {} -> {} KiB ({:+} KiB), \
             open files {} -> {}, all descriptors {} -> {}; leaked snapshots {}, catalog entries {}",
            self.cycles,
            self.from_cycle,
            self.cycles,
            self.rss_kib.0,
            self.rss_kib.1,
            self.rss_kib.1 as i64 - self.rss_kib.0 as i64,
            self.files.0,
            self.files.1,
            self.all_fds.0,
            self.all_fds.1,
            self.leaked_snapshots.len(),
            self.catalog_entries
        )
    }
}
