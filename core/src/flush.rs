//! Write-back of a share's dirty data before the freeze (issue 23).
//!
//! The btrfs snapshot ioctl writes back the subvolume's dirty data before it
//! commits, so whatever a busy VM left in the page cache is flushed inside
//! CommitShadowCopySet, while the applications are frozen. Windows asks
//! IsPathSupported and AddToShadowCopySet (both `snap_check_path`) before
//! the freeze: there rvss starts a syncfs(2) of the share's filesystem on a
//! thread of its own and waits for it at most `rvss:flush wait`; the RPC
//! returns then and the write-back goes on, so that at commit mostly what was
//! written since remains. Measured on a loop btrfs here (1 GiB dirty, snapshot
//! 2 s after the flush started): nothing 0.9-1.3 s, syncfs 11-32 ms,
//! BTRFS_IOC_SYNC 17 ms, fdatasync of the file 22 ms, sync_file_range(WRITE)
//! 389 ms (it only starts write-back). syncfs needs no list of files (no
//! share file is opened as root, nothing of the hostile tree is touched) and
//! covers every file of the share; it also writes back the rest of the
//! filesystem, which the snapshot does not need but costs nothing inside the
//! freeze.
//!
//! The thread runs inside rpcd_fsrvp: it holds only its own directory handle,
//! takes no lock of Samba's, logs nothing (Samba's debug system is not
//! thread-safe; the hook that waits logs what it saw), blocks every signal,
//! and at most one flush per filesystem is in flight: a hook that finds one
//! running waits for that one (bounded) rather than starting another.

use crate::sys;
use std::collections::HashMap;
use std::fs::File;
use std::path::Path;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

/// `rvss:flush`, `rvss:flush wait` (parsed with the share's other options).
pub use crate::config::{Flush as Settings, DEFAULT_FLUSH_WAIT as DEFAULT_WAIT};

/// Below this much dirty or in-flight data in the whole system, no flush
/// is started: the snapshot writes it back within tens of milliseconds.
pub const QUIET_BELOW: u64 = 16 << 20;

/// Dirty and under-write-back page cache of the whole system
/// (/proc/meminfo `Dirty` + `Writeback`): a cheap upper bound of what the
/// share's filesystem holds. None when it cannot be read (then the flush
/// runs, as it would without the check).
fn dirty_bytes() -> Option<u64> {
    parse_dirty(&std::fs::read_to_string("/proc/meminfo").ok()?)
}

fn parse_dirty(meminfo: &str) -> Option<u64> {
    let kib = |field: &str| -> Option<u64> {
        let value = meminfo.lines().find_map(|l| l.strip_prefix(field))?;
        value.trim().strip_suffix("kB")?.trim().parse().ok()
    };
    Some((kib("Dirty:")? + kib("Writeback:")?) << 10)
}

/// One flush of one filesystem.
struct Flight {
    state: Mutex<State>,
    done: Condvar,
}

struct State {
    started: Instant,
    /// How long it took and its error, once finished.
    finished: Option<(Duration, Option<String>)>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A poisoned lock only means a panic elsewhere; the data stays usable.
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// The latest flight of each filesystem, by [`fs_key`].
fn flights() -> &'static Mutex<HashMap<String, Arc<Flight>>> {
    static FLIGHTS: OnceLock<Mutex<HashMap<String, Arc<Flight>>>> = OnceLock::new();
    FLIGHTS.get_or_init(Default::default)
}

/// Marks the flight finished even if the thread unwinds.
struct Landing {
    flight: Arc<Flight>,
    outcome: Option<String>,
}

impl Drop for Landing {
    fn drop(&mut self) {
        let mut st = lock(&self.flight.state);
        let took = st.started.elapsed();
        let why = self
            .outcome
            .take()
            .or_else(|| std::thread::panicking().then(|| "the flush thread panicked".into()));
        st.finished = Some((took, why));
        self.flight.done.notify_all();
    }
}

/// A flush this hook started or joined.
pub struct Pending {
    flight: Arc<Flight>,
    joined: bool,
    deadline: Instant,
}

/// What a hook saw of its flush when it stopped waiting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seen {
    Finished {
        took: Duration,
        error: Option<String>,
    },
    /// Still writing back, `running` after it started; `joined` when an
    /// earlier hook started it.
    Running { running: Duration, joined: bool },
}

impl Pending {
    /// Waits until the flush finishes or the deadline passes.
    pub fn wait(self) -> Seen {
        let mut st = lock(&self.flight.state);
        loop {
            if let Some((took, error)) = &st.finished {
                return Seen::Finished {
                    took: *took,
                    error: error.clone(),
                };
            }
            let now = Instant::now();
            if now >= self.deadline {
                return Seen::Running {
                    running: st.started.elapsed(),
                    joined: self.joined,
                };
            }
            st = match self.flight.done.wait_timeout(st, self.deadline - now) {
                Ok((g, _)) => g,
                Err(e) => e.into_inner().0,
            };
        }
    }
}

/// Starts writing back the filesystem of `dir` (an open directory on it),
/// identified by `key`, unless a flush of it is already running: then joins
/// that one. The hook waits for it at most `wait` from now.
pub fn start(key: &str, dir: File, wait: Duration) -> std::io::Result<Pending> {
    launch(key, wait, move || {
        sys::fs::sync_filesystem(&dir).map_err(|e| format!("syncfs: {e}"))
    })
}

fn launch(
    key: &str,
    wait: Duration,
    work: impl FnOnce() -> std::result::Result<(), String> + Send + 'static,
) -> std::io::Result<Pending> {
    let deadline = Instant::now() + wait;
    let mut map = lock(flights());
    if let Some(f) = map.get(key) {
        if lock(&f.state).finished.is_none() {
            return Ok(Pending {
                flight: f.clone(),
                joined: true,
                deadline,
            });
        }
    }
    let flight = Arc::new(Flight {
        state: Mutex::new(State {
            started: Instant::now(),
            finished: None,
        }),
        done: Condvar::new(),
    });
    let landing = Landing {
        flight: flight.clone(),
        outcome: None,
    };
    let builder = std::thread::Builder::new()
        .name("rvss-flush".into())
        .stack_size(256 << 10);
    sys::thread::spawn_without_signals(builder, move || {
        // The whole guard moves here (not just the field it sets), so the
        // flight lands when this thread ends, even by a panic.
        let mut landing = landing;
        landing.outcome = work().err();
    })?;
    map.insert(key.to_string(), flight.clone());
    Ok(Pending {
        flight,
        joined: false,
        deadline,
    })
}

/// The key of one filesystem: its mount's source device (every mount of a
/// btrfs filesystem shows the same one; syncfs writes back all of them).
pub fn fs_key(mounts: &[crate::mounts::Mount], path: &Path) -> String {
    match crate::mounts::containing(mounts, path) {
        Some(m) => format!("{}\0{}", m.fs_type, m.source),
        None => path.display().to_string(),
    }
}

/// The flush of `check_path`: starts it (or joins the running one) for the
/// share whose subvolume is `subvolume`; None when disabled or it could not
/// start (logged: the share stays supported, the snapshot just flushes it
/// inside the freeze as without rvss).
pub fn begin(
    share: &str,
    subvolume: &Path,
    mounts: &[crate::mounts::Mount],
    settings: &Settings,
) -> Option<Pending> {
    if !settings.enabled {
        return None;
    }
    // Little dirty data: the snapshot writes it back in moments, and a
    // syncfs here would cost a transaction commit in every set (about 4 ms
    // after a delete on a loop device here; the FSRVP server is one worker,
    // so several clients' sets would wait for it).
    if dirty_bytes().is_some_and(|b| b < QUIET_BELOW) {
        return None;
    }
    let started = sys::fs::open_dir(subvolume)
        .and_then(|dir| start(&fs_key(mounts, subvolume), dir, settings.wait));
    match started {
        Ok(p) => Some(p),
        Err(e) => {
            log::warn!(
                "{share}: write-back of {} before the set not started: {e}",
                subvolume.display()
            );
            None
        }
    }
}

/// Waits for the flush within its bound and logs what was seen.
pub fn finish(share: &str, pending: Pending) {
    match pending.wait() {
        Seen::Finished { took, error: None } => {
            log::debug!(
                "{share}: dirty data written back in {} ms",
                took.as_millis()
            )
        }
        Seen::Finished {
            took,
            error: Some(e),
        } => log::warn!(
            "{share}: write-back before the set failed after {} ms: {e}",
            took.as_millis()
        ),
        Seen::Running { running, joined } => log::debug!(
            "{share}: write-back still running after {} ms ({}); answering now",
            running.as_millis(),
            if joined {
                "started by an earlier call"
            } else {
                "started by this call"
            }
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{parse_wait, MAX_FLUSH_WAIT as MAX_WAIT};

    #[test]
    fn dirty_data_is_read_from_meminfo() {
        let m =
            "MemTotal:       24000000 kB\nDirty:             1024 kB\nWriteback:           8 kB\n";
        assert_eq!(parse_dirty(m), Some(1032 << 10));
        assert_eq!(parse_dirty("Dirty: 5 kB\n"), None);
        assert!(dirty_bytes().is_some(), "this kernel's /proc/meminfo");
    }

    #[test]
    fn wait_option() {
        assert_eq!(parse_wait("250").unwrap(), Duration::from_millis(250));
        assert_eq!(parse_wait(" 2s ").unwrap(), Duration::from_secs(2));
        assert_eq!(parse_wait("0").unwrap(), Duration::ZERO);
        assert_eq!(parse_wait("60s").unwrap(), MAX_WAIT);
        for bad in ["61s", "-1", "soon", "1.5", ""] {
            assert!(parse_wait(bad).is_err(), "{bad}");
        }
        let get = |k: &str| match k {
            "flush" => Some("no".to_string()),
            "flush wait" => Some("1s".to_string()),
            _ => None,
        };
        let s = Settings::from_options(&get).unwrap();
        assert!(!s.enabled);
        assert_eq!(s.wait, Duration::from_secs(1));
        assert_eq!(
            Settings::from_options(&|_| None).unwrap(),
            Settings::default()
        );
        assert!(Settings::from_options(&|k| (k == "flush").then(|| "maybe".into())).is_err());
    }

    #[test]
    fn one_flight_per_filesystem_and_the_wait_is_bounded() {
        let key = "test\0one-flight";
        let (release, held) = std::sync::mpsc::channel::<()>();
        let first = launch(key, Duration::from_millis(50), move || {
            held.recv().map_err(|e| e.to_string())
        })
        .unwrap();
        assert!(!first.joined);
        let t = Instant::now();
        match first.wait() {
            Seen::Running { joined: false, .. } => {}
            other => panic!("a held flush seen as {other:?}"),
        }
        assert!(t.elapsed() < Duration::from_secs(5));
        // A later hook joins the running flush: its own work never runs.
        let second = launch(key, Duration::from_millis(10), || {
            Err("a second flush started".into())
        })
        .unwrap();
        assert!(second.joined);
        release.send(()).unwrap();
        let waiting = launch(key, Duration::from_secs(30), || Ok(())).unwrap();
        match (second.wait(), waiting.wait()) {
            (
                Seen::Finished { error: None, .. } | Seen::Running { .. },
                Seen::Finished { error: None, .. },
            ) => {}
            other => panic!("after release: {other:?}"),
        }
        // Once landed, the next hook starts a new flush.
        let third = launch(key, Duration::from_secs(30), || Err("io".into())).unwrap();
        assert!(!third.joined);
        assert_eq!(
            match third.wait() {
                Seen::Finished { error, .. } => error,
                other => panic!("{other:?}"),
            },
            Some("io".to_string())
        );
    }

    #[test]
    fn a_panicking_flush_still_lands() {
        let p = launch("test\0panic", Duration::from_secs(30), || panic!("boom")).unwrap();
        match p.wait() {
            Seen::Finished { error: Some(e), .. } => assert!(e.contains("panicked"), "{e}"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn syncfs_of_a_real_filesystem() {
        let dir = File::open(std::env::temp_dir()).unwrap();
        let p = start("test\0syncfs", dir, Duration::from_secs(60)).unwrap();
        match p.wait() {
            Seen::Finished { error, .. } => assert_eq!(error, None),
            other => panic!("{other:?}"),
        }
    }
}
