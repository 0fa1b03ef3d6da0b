//! What the busy-share benches (issue 23: dirty.rs, writer.rs, eightshares.rs)
//! share: the system's dirty page count, settling a filesystem inside a
//! world, Windows' FSRVP order timed on rpcclient's system calls, and a
//! writer that keeps writing at a fixed rate while a set is taken.

use super::trace::{call_intervals, traced_rpc};
use crate::common::{parse_expose, text, Exposed, World};
use std::io::Read;
use std::os::unix::fs::FileExt;
use std::path::Path;
use std::process::Child;
use std::time::{Duration, Instant};

/// Windows' pause between IsPathSupported and the set.
pub const GAP: Duration = Duration::from_secs(2);

/// `Dirty:` of /proc/meminfo, in KiB: the whole system's dirty page cache.
pub fn dirty_kib() -> u64 {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("Dirty:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .expect("Dirty: in /proc/meminfo")
}

/// A sysctl percentage, e.g. "20 %" for `vm.dirty_ratio`.
pub fn sysctl(name: &str) -> String {
    let path = format!("/proc/sys/{}", name.replace('.', "/"));
    std::fs::read_to_string(path)
        .map(|v| format!("{} %", v.trim()))
        .unwrap_or_else(|_| "?".into())
}

/// The machine's memory, e.g. "23 GiB".
pub fn mem_gib() -> String {
    std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|m| {
            m.lines()
                .find_map(|l| l.strip_prefix("MemTotal:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<f64>().ok())
        })
        .map(|k| format!("{:.0} GiB", k / 1048576.0))
        .unwrap_or_else(|| "?".into())
}

/// Settles the filesystem mounted at `fs` inside the world: write-back
/// done, deleted subvolumes cleaned, committed (see support::settle).
pub fn settle(w: &World, fs: &Path) {
    let m = fs.display();
    w.must(&format!(
        "sync -f '{m}'; btrfs filesystem sync '{m}' >/dev/null; n=0; \
         while [ -n \"$(btrfs subvolume list -d '{m}')\" ]; do \
           n=$((n+1)); [ $n -lt 12000 ] || exit 1; sleep 0.01; btrfs filesystem sync '{m}' >/dev/null; \
         done; btrfs filesystem sync '{m}' >/dev/null"
    ));
}

/// The FSRVP calls of one set in Windows' order, each as the client saw it
/// (request on the wire to reply read), in ms, one value per share.
pub struct SetTimes {
    pub is_path_supported: Vec<f64>,
    pub add: Vec<f64>,
    pub commit: f64,
    /// The shadow copies exposed, for `delete_set`.
    pub exposed: Vec<Exposed>,
}

/// Windows' order on `shares`: one rpcclient asks IsPathSupported of each
/// share, `gap` passes, another runs `fss_create_expose backup ro` of all of
/// them (start, add each, prepare, commit, expose); both under strace.
/// Panics (with the server's logs) unless every share was exposed.
pub fn windows_set(w: &World, shares: &[String], gap: Duration, tag: &str) -> SetTimes {
    let is: Vec<String> = shares
        .iter()
        .map(|s| format!("fss_is_path_sup {s}"))
        .collect();
    let (o, tr) = traced_rpc(w, &is.join("; "), &format!("{tag}-is"));
    assert!(o.status.success(), "fss_is_path_sup: {}", text(&o));
    let is_path_supported = call_intervals(&tr, "fss_IsPathSupported");
    assert_eq!(
        is_path_supported.len(),
        shares.len(),
        "one IsPathSupported per share in the trace"
    );
    std::thread::sleep(gap);
    let (o, tr) = traced_rpc(
        w,
        &format!("fss_create_expose backup ro {}", shares.join(" ")),
        &format!("{tag}-set"),
    );
    let out = text(&o);
    let exposed_lines: String = out
        .lines()
        .filter(|l| l.contains("exposed as a snapshot"))
        .map(|l| format!("{l}\n"))
        .collect();
    let exposed = parse_expose(&exposed_lines);
    assert!(
        o.status.success() && exposed.len() == shares.len(),
        "{tag}: {} of {} shares exposed\n{}\n--- logs ---\n{}",
        exposed.len(),
        shares.len(),
        out.lines()
            .filter(|l| l.contains("failed") || l.contains("0x8"))
            .collect::<Vec<_>>()
            .join("\n"),
        w.logs()
    );
    let add = call_intervals(&tr, "fss_AddToShadowCopySet");
    assert_eq!(add.len(), shares.len(), "one AddToShadowCopySet per share");
    let commit = call_intervals(&tr, "fss_CommitShadowCopySet");
    assert_eq!(commit.len(), 1, "one CommitShadowCopySet in the trace");
    SetTimes {
        is_path_supported,
        add,
        commit: commit[0],
        exposed,
    }
}

/// Deletes the shadow copies of a set (`fss_delete` each), failing loudly.
pub fn delete_set(w: &World, exposed: &[Exposed]) {
    let deletes: Vec<String> = exposed
        .iter()
        .map(|e| format!("fss_delete {} {} {}", e.share, e.set, e.copy))
        .collect();
    let o = w.rpc(&deletes.join("; "));
    assert!(
        o.status.success() && !text(&o).contains("failed"),
        "deleting the set: {}\n{}",
        text(&o),
        w.logs()
    );
}

/// A writer started inside a world (`start_writer`).
pub struct Writer {
    child: Child,
    stop: std::path::PathBuf,
}

/// What a writer did, from its start to its stop.
#[derive(Debug, Clone, Copy)]
pub struct Written {
    pub mib_per_s: f64,
    /// The longest single write(2), ms: how long the writer was held up.
    pub longest_write_ms: f64,
}

/// Starts this bench binary's writer step (`writer_step`) inside the world:
/// 1 MiB writes into `file` at `mib_per_s`, cycling over its first
/// `region_mib` MiB (a VM rewriting its disk), until `stop` is called.
pub fn start_writer(w: &World, file: &Path, mib_per_s: u64, region_mib: u64) -> Writer {
    let stop = w.dir.join(format!(
        "writer-stop-{}",
        file.file_name().unwrap_or_default().to_string_lossy()
    ));
    let _ = std::fs::remove_file(&stop);
    let child = super::spawn_inside(
        w,
        &[
            "writer".into(),
            file.display().to_string(),
            mib_per_s.to_string(),
            region_mib.to_string(),
            stop.display().to_string(),
        ],
    );
    Writer { child, stop }
}

impl Writer {
    /// Stops the writer and returns what it did.
    pub fn stop(mut self) -> Written {
        std::fs::write(&self.stop, b"").expect("write the writer's stop file");
        let mut out = String::new();
        self.child
            .stdout
            .take()
            .expect("writer's stdout")
            .read_to_string(&mut out)
            .expect("read the writer's report");
        let st = self.child.wait().expect("wait for the writer");
        let _ = std::fs::remove_file(&self.stop);
        assert!(st.success(), "the writer failed ({st})");
        let v: Vec<f64> = out
            .split_whitespace()
            .map(|x| x.parse().expect("writer's report: two numbers"))
            .collect();
        assert_eq!(v.len(), 2, "writer's report: {out}");
        Written {
            mib_per_s: v[0],
            longest_write_ms: v[1],
        }
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // A panicking bench must not leave a writer running.
        let _ = std::fs::write(&self.stop, b"");
        let _ = self.child.wait();
    }
}

/// The writer, inside the world: `file mib_per_s region_mib stop_file`.
/// Writes 1 MiB blocks paced to the rate (a write that falls behind by more
/// than a second does not make the next ones burst: the schedule restarts),
/// without sync, until `stop_file` exists; prints the rate it achieved
/// (MiB/s) and its longest write (ms).
pub fn writer_step(args: &[String]) {
    let [file, rate, region, stop] = args else {
        panic!("writer: file mib_per_s region_mib stop_file, not {args:?}");
    };
    let rate: f64 = rate.parse().expect("writer: rate");
    let region: u64 = region.parse().expect("writer: region");
    let f = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(file)
        .unwrap_or_else(|e| panic!("writer: {file}: {e}"));
    let block = vec![0x5au8; 1 << 20];
    let start = Instant::now();
    let (mut epoch, mut since_epoch) = (start, 0u64);
    let (mut written, mut longest) = (0u64, 0f64);
    while !Path::new(stop).exists() {
        let due = epoch + Duration::from_secs_f64(since_epoch as f64 / rate);
        let now = Instant::now();
        if due > now {
            std::thread::sleep(due - now);
        } else if now - due > Duration::from_secs(1) {
            (epoch, since_epoch) = (now, 0);
        }
        let t = Instant::now();
        f.write_all_at(&block, (written % region) << 20)
            .expect("writer: write");
        longest = longest.max(super::ms_since(t));
        written += 1;
        since_epoch += 1;
    }
    println!(
        "{} {longest}",
        written as f64 / start.elapsed().as_secs_f64()
    );
}
