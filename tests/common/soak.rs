//! The soak: create/expose/delete cycles through rpcclient against one share
//! holding 8 MiB, measuring rpcd_fsrvp as it goes. `make test` runs a short
//! one (tests/e2e/reliability.rs), `make bench` a long one (benches/soak.rs),
//! also with Samba's vfs_btrfs as the baseline of rpcd_fsrvp's growth.

use super::*;
use std::collections::BTreeMap;
use std::time::Instant;

/// The VFS module a soak's share uses.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Module {
    Rvss,
    /// Samba's vfs_btrfs, which names a snapshot by the second and fails on
    /// a name taken: its cycles start one second apart.
    VfsBtrfs,
}

impl Module {
    fn options(self) -> &'static [&'static str] {
        match self {
            Module::Rvss => &["vfs objects = rvss"],
            Module::VfsBtrfs => &["vfs objects = btrfs", "btrfs:manipulate snapshots = yes"],
        }
    }
}

pub struct Soak {
    pub cycles: usize,
    /// Cycle at which the first sample was taken (a tenth of the run).
    pub from_cycle: usize,
    /// Time of each cycle (create + delete), ms.
    pub cycle_ms: Vec<f64>,
    pub rss_kib: (u64, u64),
    /// Of which anonymous (the heap) and file-backed (libraries, tdb maps).
    pub rss_anon_kib: (u64, u64),
    pub rss_file_kib: (u64, u64),
    /// Growth of Rss per mapping (file path, `[heap]`, `[anon]`...), KiB,
    /// largest first: where the resident set grew.
    pub rss_growth_by_mapping: Vec<(String, i64)>,
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

/// Rss per mapping of `pid` (KiB), summed by path; unnamed mappings are
/// `[anon]`.
fn rss_by_mapping(w: &World, pid: u32) -> BTreeMap<String, i64> {
    let smaps = w.must(&format!("cat /proc/{pid}/smaps"));
    let mut m = BTreeMap::new();
    let mut name = String::from("[anon]");
    for l in smaps.lines() {
        let f: Vec<&str> = l.split_whitespace().collect();
        if f.first()
            .is_some_and(|a| a.contains('-') && a.len() > 8 && !a.ends_with(':'))
        {
            name = f
                .get(5..)
                .map(|p| p.join(" "))
                .filter(|p| !p.is_empty())
                .unwrap_or_else(|| "[anon]".into());
        } else if f.first() == Some(&"Rss:") {
            *m.entry(name.clone()).or_default() +=
                f.get(1).and_then(|v| v.parse::<i64>().ok()).unwrap_or(0);
        }
    }
    m
}

/// What grew between two rss_by_mapping samples, largest first.
fn growth_by_mapping(a: &BTreeMap<String, i64>, b: &BTreeMap<String, i64>) -> Vec<(String, i64)> {
    let mut g: BTreeMap<String, i64> = BTreeMap::new();
    for (k, v) in b {
        *g.entry(k.clone()).or_default() += v;
    }
    for (k, v) in a {
        *g.entry(k.clone()).or_default() -= v;
    }
    let mut v: Vec<(String, i64)> = g.into_iter().filter(|(_, d)| *d != 0).collect();
    v.sort_by_key(|(_, d)| -d.abs());
    v
}

/// VmRSS, RssAnon and RssFile of `pid`, KiB.
fn rss(w: &World, pid: u32) -> [u64; 3] {
    ["VmRSS", "RssAnon", "RssFile"].map(|k| status_kb(w, pid, k))
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

/// Runs `cycles` cycles through rvss; panics on the first failed cycle.
pub fn run(name: &str, cycles: usize) -> Soak {
    run_with(name, cycles, Module::Rvss)
}

/// Sleeps until a second later than the previous cycle's start (`prev`).
fn next_second(prev: &mut Option<u64>) {
    let now = || {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default()
    };
    if let Some(p) = *prev {
        let t = now();
        if t.as_secs() <= p {
            std::thread::sleep(Duration::from_secs(p + 1) - t + Duration::from_millis(20));
        }
    }
    *prev = Some(now().as_secs());
}

/// Runs `cycles` cycles through `module`; panics on the first failed cycle.
/// The catalog and leak checks are rvss's (empty for vfs_btrfs).
pub fn run_with(name: &str, cycles: usize, module: Module) -> Soak {
    let mut w = World::new(name);
    let fs1 = w.add_btrfs("fs1", 600);
    let vol = fs1.join("vol1");
    w.must(&format!(
        "btrfs subvolume create '{0}' >/dev/null && mkdir '{0}/vm' && dd if=/dev/urandom of='{0}/vm/data.bin' bs=1M count=8 status=none",
        vol.display()
    ));
    // vfs_btrfs snapshots only a share that is a subvolume's root.
    let share = match module {
        Module::Rvss => vol.join("vm"),
        Module::VfsBtrfs => vol.clone(),
    };
    w.add_share("vm", &share, module.options());
    w.start_samba();
    let from_cycle = (cycles / 10).max(1);
    let mut first = None;
    let mut cycle_ms = Vec::with_capacity(cycles);
    let mut prev = None;
    for i in 1..=cycles {
        if module == Module::VfsBtrfs {
            next_second(&mut prev);
        }
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
            first = Some((pid, rss(&w, pid), fds(&w, pid), rss_by_mapping(&w, pid)));
        }
    }
    let (pid, rss0, fd0, maps0) = first.expect("sampled");
    let pid_now = w.pid_of("rpcd_fsrvp").unwrap_or(0);
    let (rss1, fd1) = (rss(&w, pid), fds(&w, pid));
    let by_mapping = growth_by_mapping(&maps0, &rss_by_mapping(&w, pid));
    if module == Module::VfsBtrfs {
        return Soak {
            cycles,
            from_cycle,
            cycle_ms,
            rss_kib: (rss0[0], rss1[0]),
            rss_anon_kib: (rss0[1], rss1[1]),
            rss_file_kib: (rss0[2], rss1[2]),
            rss_growth_by_mapping: by_mapping,
            files: (fd0.0, fd1.0),
            all_fds: (fd0.1, fd1.1),
            same_process: pid == pid_now,
            leaked_snapshots: vec![],
            catalog_entries: 0,
        };
    }
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
        rss_kib: (rss0[0], rss1[0]),
        rss_anon_kib: (rss0[1], rss1[1]),
        rss_file_kib: (rss0[2], rss1[2]),
        rss_growth_by_mapping: by_mapping,
        files: (fd0.0, fd1.0),
        all_fds: (fd0.1, fd1.1),
        same_process: pid == pid_now,
        leaked_snapshots: w.snapshots(&fs1),
        catalog_entries: entries.len(),
    }
}

impl Soak {
    /// The `n` mappings whose Rss grew most, `path +N KiB`, the world's
    /// directory left out of paths.
    pub fn top_mappings(&self, n: usize) -> String {
        self.rss_growth_by_mapping
            .iter()
            .take(n)
            .map(|(m, d)| {
                let m = m.rsplit("/samba/").next().unwrap_or(m);
                format!("{m} {d:+} KiB")
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub fn summary(&self) -> String {
        format!(
            "soak: {} cycles, 0 failures; rpcd_fsrvp from cycle {} to {}: RSS {} -> {} KiB ({:+} KiB; \
             anonymous {:+}, file-backed {:+}), open files {} -> {}, all descriptors {} -> {}; leaked snapshots {}, catalog entries {}",
            self.cycles,
            self.from_cycle,
            self.cycles,
            self.rss_kib.0,
            self.rss_kib.1,
            self.rss_kib.1 as i64 - self.rss_kib.0 as i64,
            self.rss_anon_kib.1 as i64 - self.rss_anon_kib.0 as i64,
            self.rss_file_kib.1 as i64 - self.rss_file_kib.0 as i64,
            self.files.0,
            self.files.1,
            self.all_fds.0,
            self.all_fds.1,
            self.leaked_snapshots.len(),
            self.catalog_entries
        )
    }
}
