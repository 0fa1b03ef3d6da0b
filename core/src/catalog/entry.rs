//! One catalog record: what rvss knows about a snapshot it took (`Entry`,
//! its `State`, the `Creator` process found through /proc) and the entry
//! file format (`parse`, `serialize`). Kept apart from the store so that
//! the fuzzer, `rvss doctor` and the legacy migration read and write
//! records without the files, handles and locks around them.

use serde::{Deserialize, Serialize};

/// The entry file format written by this version (rvss 0.2's single
/// catalog.json was format 1, see `crate::legacy::catalog`).
const FORMAT: u32 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    /// Reserved for a snapshot being taken. CephFS writes it before making
    /// the snapshot and rewrites the entry `Exposed` (with `uuid`) once the
    /// snapshot exists. btrfs does not use it: its entry is written once,
    /// `Exposed`, before the snapshot, and its `creator` tells that it is
    /// being taken (development builds between 0.2 and 0.3 wrote `Creating`
    /// on btrfs too). gc leaves it alone while its creator runs.
    Creating,
    /// Created for an FSRVP shadow copy that is (or was being) exposed.
    #[default]
    Exposed,
    /// Kept as a backup after FSRVP deleted its shadow copy.
    Retained,
}

/// The process that took a snapshot. Its entry is written before the
/// snapshot exists: while the creator runs and the snapshot is not there
/// yet, it is being taken (an ioctl can take seconds under write load) and
/// gc leaves it alone; once the creator is gone, an entry without its
/// snapshot was left behind by a crash.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Creator {
    pub pid: u32,
    /// The process's start time (clock ticks after boot, /proc/PID/stat
    /// field 22): a reused pid is another process.
    pub start: u64,
}

impl Creator {
    /// This process (cached per pid: the module runs in forked workers).
    pub fn current() -> Option<Creator> {
        static CACHE: std::sync::Mutex<Option<Creator>> = std::sync::Mutex::new(None);
        let pid = std::process::id();
        let mut cached = CACHE.lock().ok()?;
        if let Some(c) = *cached {
            if c.pid == pid {
                return Some(c);
            }
        }
        let c = Creator {
            pid,
            start: start_time(pid)?,
        };
        *cached = Some(c);
        Some(c)
    }

    /// Whether the process is still running (false when it cannot be seen).
    pub fn is_running(&self) -> bool {
        start_time(self.pid) == Some(self.start)
    }
}

/// Field 22 of /proc/PID/stat.
pub(super) fn start_time(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    start_time_of_stat(&stat)
}

/// Field 22 of a /proc/PID/stat line; the command name (field 2) may hold
/// spaces and parentheses, so fields are counted after its last ')'.
pub(super) fn start_time_of_stat(stat: &str) -> Option<u64> {
    let after = stat.get(stat.rfind(')')? + 1..)?;
    after.split_whitespace().nth(19)?.parse().ok()
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub id: String,
    pub share: String,
    /// The share path the shadow copy was taken for (Samba's base_volume).
    pub base_volume: String,
    /// Root of the snapshotted subvolume.
    pub subvolume: String,
    /// The snapshot subvolume itself.
    pub path: String,
    /// The share's directory inside the snapshot, as exposed to FSRVP.
    pub snap_path: String,
    /// The @GMT label (the second the snapshot was taken); the snapshot's
    /// own name is the label, or the label and `.N` when several snapshots
    /// of one subvolume were taken in that second.
    pub gmt: String,
    /// Unix time the snapshot was made.
    pub created: i64,
    pub readonly: bool,
    pub state: State,
    /// The snapshot's own identity: nothing is deleted, retained or restored
    /// at `path` unless what is there still has it. btrfs create never
    /// writes it (its entry is written once, before the snapshot exists,
    /// and identified by `source_uuid` and the snapshot's creation time);
    /// on btrfs it is the snapshot subvolume's UUID, set only by `rvss
    /// repair` (an entry rebuilt from its snapshot, or one that recorded no
    /// identity) or carried over from a migrated rvss 0.2 catalog. CephFS
    /// writes the snapshot's `ceph.snap.btime` here once the snapshot exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uuid: Option<String>,
    /// Known before the snapshot exists: on btrfs the UUID of the
    /// snapshotted subvolume, which the snapshot's parent UUID must match;
    /// on CephFS the cluster's fsid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_uuid: Option<String>,
    /// Unix time `rvss gc` first found no share referring to the snapshot;
    /// gc's grace period counts from here, never from `created`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unreferenced_since: Option<i64>,
    /// Who took (or is taking) the snapshot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creator: Option<Creator>,
    /// The `rvss restore` reading from the snapshot (`restoring::Mark`):
    /// while that process runs, prune and gc leave the snapshot alone and
    /// an FSRVP delete is refused. A mark of a process gone is ignored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restoring: Option<Creator>,
    /// Where `rvss replicate` last verified a copy of the snapshot
    /// (`replicate`): the newest replicated backup of a share is the parent
    /// of its next incremental send, which prune keeps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replica: Option<Replica>,
}

/// A verified copy of a snapshot on a replication target.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Replica {
    /// `rvss:replicate to` as it was when the copy was verified.
    pub target: String,
    /// The copy's subvolume path on the target.
    pub path: String,
    /// Unix time the copy was verified (received UUID, read-only).
    pub verified: i64,
}

impl Entry {
    /// Whether a running `rvss restore` reads from this snapshot.
    pub fn being_restored(&self) -> bool {
        self.restoring.is_some_and(|c| c.is_running())
    }
}

/// Parses one entry file (the store, the fuzzer and doctor); the error
/// says what is wrong.
pub fn parse(bytes: &[u8]) -> std::result::Result<Entry, String> {
    #[derive(Deserialize)]
    struct EntryFile {
        format: u32,
        snapshot: Entry,
    }
    let f: EntryFile = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if f.format != FORMAT {
        return Err(format!("unknown catalog entry format {}", f.format));
    }
    Ok(f.snapshot)
}

/// One entry file's bytes.
pub fn serialize(e: &Entry) -> Vec<u8> {
    #[derive(Serialize)]
    struct Out<'a> {
        format: u32,
        snapshot: &'a Entry,
    }
    let mut v = serde_json::to_vec_pretty(&Out {
        format: FORMAT,
        snapshot: e,
    })
    .unwrap_or_default();
    v.push(b'\n');
    v
}
