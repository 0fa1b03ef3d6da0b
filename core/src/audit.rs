//! The audit trail: one record per shadow copy FSRVP made or deleted (who
//! asked, for which share, which snapshot, the outcome, how long it took),
//! so that "who made or deleted this backup" never needs a debug log.
//!
//! Each record is logged at Samba's normal level (1: `log level = 1`) and
//! appended as one JSON line to `rvss-history` in Samba's state directory
//! (`crate::state_dir`), which `rvss list --history` and `rvss metrics`
//! read. Appends of one line never interleave (O_APPEND, one write); when
//! the file passes `MAX_BYTES` it becomes `rvss-history.old` (replacing the
//! previous one), as Samba rotates its logs at `max log size`.

use crate::ntstatus::Status;
use serde::{Deserialize, Serialize};
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;

pub const FILE_NAME: &str = "rvss-history";
pub const OLD_FILE_NAME: &str = "rvss-history.old";
/// About 4,000 records per file.
const MAX_BYTES: u64 = 1 << 20;

/// What FSRVP asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// snap_create: a shadow copy made (CommitShadowCopySet).
    Create,
    /// snap_delete: a shadow copy deleted (DeleteShareMapping), its
    /// snapshot destroyed or kept as a backup.
    Delete,
}

impl Op {
    pub fn hook(self) -> &'static str {
        match self {
            Op::Create => "snap_create",
            Op::Delete => "snap_delete",
        }
    }
}

/// One operation, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record {
    /// When it started (RFC 3339, UTC).
    pub time: String,
    pub op: Op,
    pub share: String,
    /// The shadow copy set's and the shadow copy's ids, as Samba's FSRVP
    /// server recorded them (`fsrvp_state`): known at delete; None at
    /// create, when Samba has not stored them yet (`rvss list --history`
    /// then finds them by the snapshot's path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub set: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shadow_copy: Option<String>,
    /// The snapshot's path (create: the shadow copy's share directory in
    /// it; delete: the one Samba named). None when a create failed before
    /// there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
    /// Who asked: the user Samba ran the FSRVP caller's request as (its
    /// Unix name; `DOMAIN\user` for a domain user through winbind).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<String>,
    /// Samba's name of the outcome (`NT_STATUS_OK`, ...).
    pub status: String,
    /// What became of the snapshot: `read-only`/`writable` (create),
    /// `destroyed`/`retained` (delete), or why it failed.
    pub outcome: String,
    /// How long the hook took, in milliseconds.
    pub ms: f64,
}

impl Record {
    pub fn ok(&self) -> bool {
        self.status == "NT_STATUS_OK"
    }

    /// The line logged at Samba's level 1.
    pub fn log_line(&self) -> String {
        format!(
            "audit: {} share={} set={} shadow_copy={} snapshot={} user={} status={} ({}) ms={:.1}",
            self.op.hook(),
            self.share,
            self.set.as_deref().unwrap_or("-"),
            self.shadow_copy.as_deref().unwrap_or("-"),
            self.snapshot.as_deref().unwrap_or("-"),
            self.user.as_deref().unwrap_or("-"),
            self.status,
            self.outcome,
            self.ms
        )
    }
}

/// Who `uid` is, for a record: its name from the system's name service, or
/// `uid N`. Remembered for a minute per process: a set's hooks all ask for
/// the same user, and a domain user's name is a round trip to winbind.
pub fn user_name(uid: u32) -> String {
    use std::collections::HashMap;
    use std::sync::{Mutex, OnceLock};
    use std::time::{Duration, Instant};
    const FRESH: Duration = Duration::from_secs(60);
    const MAX_USERS: usize = 256;
    static NAMES: OnceLock<Mutex<HashMap<u32, (String, Instant)>>> = OnceLock::new();
    let names = NAMES.get_or_init(Default::default);
    let lock = || names.lock().unwrap_or_else(|e| e.into_inner());
    if let Some((name, at)) = lock().get(&uid) {
        if at.elapsed() < FRESH {
            return name.clone();
        }
    }
    // Looked up without the lock held: a slow name service delays only
    // this hook.
    let name = crate::sys::users::name_of(uid).unwrap_or_else(|| format!("uid {uid}"));
    let mut names = lock();
    if names.len() >= MAX_USERS {
        names.clear();
    }
    names.insert(uid, (name.clone(), Instant::now()));
    name
}

/// A record's `time`: RFC 3339 in UTC, to the millisecond.
pub fn timestamp(t: std::time::SystemTime) -> String {
    humantime::format_rfc3339_millis(t).to_string()
}

/// Samba's name of `status` (the hex value for one rvss does not name).
pub fn status_name(status: Status) -> String {
    status
        .name()
        .map(str::to_string)
        .unwrap_or_else(|| format!("0x{:08x}", status.code()))
}

/// Logs `r` and appends it to the history in Samba's state directory. An
/// append that fails is logged, never fails the hook: the shadow copy is
/// what the backup application waits for.
pub fn record(r: &Record) {
    if crate::logging::audit_enabled() {
        crate::logging::audit(&r.log_line());
    }
    if let Err(e) = append_in(&crate::state_dir::get(), r) {
        log::warn!(
            "audit: appending to {}: {e}",
            crate::state_dir::get().join(FILE_NAME).display()
        );
    }
}

/// Appends `r` to `dir`'s history, rotating it past `MAX_BYTES`. The file
/// stays open in this process between hooks (`Appender`): two or three
/// calls at each hook (stat; pread unless the last write was this
/// process's; write), the file opened again only when its path names
/// another file (rotated here or by another process, removed by an admin).
/// `dir` is Samba's state directory, root's.
pub fn append_in(dir: &Path, r: &Record) -> std::io::Result<()> {
    let mut line = serde_json::to_vec(r).map_err(std::io::Error::other)?;
    line.push(b'\n');
    let path = dir.join(FILE_NAME);
    let mut appender = appender();
    let kept = appender.current(&path)?;
    // A record torn by a crash has no newline: end it first, so that it
    // costs no more than itself. Nothing to look at when the file ends
    // where this process's last record did.
    if kept.len > 0 && kept.len != kept.end {
        let mut last = [0u8];
        use std::os::unix::fs::FileExt;
        if kept.file.read_at(&mut last, kept.len - 1)? == 1 && last[0] != b'\n' {
            line.insert(0, b'\n');
        }
    }
    (&kept.file).write_all(&line)?;
    let len = kept.len + line.len() as u64;
    kept.end = len;
    if len > MAX_BYTES {
        let d = crate::sys::fs::open_dir(dir)?;
        crate::sys::fs::rename_at(&d, OsStr::new(FILE_NAME), OsStr::new(OLD_FILE_NAME))?;
        *appender = Appender::default();
    }
    Ok(())
}

/// The history file this process appends to, kept open: opening it
/// (O_CREAT, a path looked up) and closing it again cost more than the
/// rest of the append.
#[derive(Default)]
struct Appender {
    kept: Option<Kept>,
}

struct Kept {
    path: std::path::PathBuf,
    id: crate::sys::fs::FileId,
    file: std::fs::File,
    /// Its size when looked at for this append.
    len: u64,
    /// Where this process's last record ended.
    end: u64,
}

fn appender() -> std::sync::MutexGuard<'static, Appender> {
    static A: std::sync::Mutex<Appender> = std::sync::Mutex::new(Appender { kept: None });
    A.lock().unwrap_or_else(|e| e.into_inner())
}

impl Appender {
    /// The file at `path`: the one kept open while `path` still names it,
    /// else opened (created) again.
    fn current(&mut self, path: &Path) -> std::io::Result<&mut Kept> {
        let now = crate::sys::fs::file_id(path);
        let kept = match (self.kept.take(), now) {
            (Some(mut k), Ok((id, len))) if k.path == path && k.id == id => {
                k.len = len;
                k
            }
            _ => {
                let (file, len) = crate::sys::fs::open_append_regular(
                    path,
                    // The history names users: readable by root and Samba's
                    // admins' group as Samba's logs are, not by everyone.
                    rustix::fs::Mode::from_raw_mode(0o640),
                )?;
                Kept {
                    path: path.to_path_buf(),
                    id: crate::sys::fs::FileId::of(&file)?,
                    file,
                    len,
                    // Not this process's: look at the last byte.
                    end: u64::MAX,
                }
            }
        };
        Ok(self.kept.insert(kept))
    }
}

/// The last `limit` records of `dir`'s history, oldest first; lines that do
/// not parse (a torn write after a crash, a hand edit) are skipped.
pub fn read_in(dir: &Path, limit: usize) -> std::io::Result<Vec<Record>> {
    let mut out = vec![];
    let d = match crate::sys::fs::open_dir(dir) {
        Ok(d) => d,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        Err(e) => return Err(e),
    };
    for name in [OLD_FILE_NAME, FILE_NAME] {
        let f = crate::sys::fs::open_regular_at(
            &d,
            OsStr::new(name),
            rustix::fs::OFlags::RDONLY,
            rustix::fs::Mode::empty(),
        );
        let mut f = match f {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
            Err(e) => return Err(e),
        };
        let mut text = vec![];
        f.read_to_end(&mut text)?;
        out.extend(
            text.split(|&b| b == b'\n')
                .filter_map(|l| serde_json::from_slice::<Record>(l).ok()),
        );
    }
    let skip = out.len().saturating_sub(limit);
    Ok(out.split_off(skip))
}

/// Names the set and shadow copy of each record that lacks them (creates:
/// Samba stores a set's ids only after its commit) by its snapshot's path:
/// from the next record of the same snapshot that has them (its delete),
/// else from Samba's FSRVP state (`live`: the sets it still holds).
pub fn fill_ids(records: &mut [Record], live: &[crate::fsrvp_state::ShadowCopy]) {
    for i in 0..records.len() {
        if records[i].set.is_some() {
            continue;
        }
        let Some(snapshot) = records[i].snapshot.clone() else {
            continue;
        };
        let later = records[i + 1..]
            .iter()
            .find(|r| r.snapshot.as_deref() == Some(snapshot.as_str()) && r.set.is_some())
            .map(|r| (r.set.clone(), r.shadow_copy.clone()));
        let found = later.or_else(|| {
            live.iter()
                .find(|c| c.snapshot == snapshot)
                .map(|c| (Some(c.set.clone()), Some(c.shadow_copy.clone())))
        });
        if let Some((set, shadow_copy)) = found {
            records[i].set = set;
            records[i].shadow_copy = shadow_copy;
        }
    }
}

/// `read_in` of Samba's state directory.
pub fn read(limit: usize) -> std::io::Result<Vec<Record>> {
    read_in(&crate::state_dir::get(), limit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_come_from_the_name_service_and_are_remembered() {
        assert_eq!(user_name(0), "root");
        assert_eq!(user_name(0), "root");
        assert_eq!(user_name(4_000_000_123), "uid 4000000123");
    }

    fn rec(i: usize, ok: bool) -> Record {
        Record {
            time: crate::duration::rfc3339(1_780_000_000 + i as i64),
            op: if i % 2 == 0 { Op::Create } else { Op::Delete },
            share: "vm".into(),
            set: (i % 2 == 1).then(|| format!("set-{i}")),
            shadow_copy: (i % 2 == 1).then(|| format!("sc-{i}")),
            snapshot: Some(format!("/srv/.rvss/vol1/@GMT-{i}/vm")),
            user: Some("EXAMPLE\\backup".into()),
            status: if ok {
                "NT_STATUS_OK"
            } else {
                "NT_STATUS_DISK_FULL"
            }
            .into(),
            outcome: if ok { "read-only" } else { "no space" }.into(),
            ms: 12.5,
        }
    }

    fn tempdir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("rvss-audit-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    #[test]
    fn records_round_trip_in_order_and_the_last_n_are_read() {
        let d = tempdir("order");
        for i in 0..10 {
            append_in(&d, &rec(i, i != 3)).unwrap();
        }
        let all = read_in(&d, 100).unwrap();
        assert_eq!(all.len(), 10);
        assert_eq!(all[3], rec(3, false));
        assert!(!all[3].ok() && all[4].ok());
        let last = read_in(&d, 4).unwrap();
        assert_eq!(last, (6..10).map(|i| rec(i, true)).collect::<Vec<_>>());
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.join(FILE_NAME))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_torn_line_is_skipped_and_the_file_rotates_past_its_size() {
        let d = tempdir("rotate");
        append_in(&d, &rec(0, true)).unwrap();
        // A crash in the middle of a write: a torn record, no newline.
        std::fs::OpenOptions::new()
            .append(true)
            .open(d.join(FILE_NAME))
            .unwrap()
            .write_all(b"{\"time\":\"2026-")
            .unwrap();
        append_in(&d, &rec(1, true)).unwrap();
        assert_eq!(read_in(&d, 10).unwrap(), vec![rec(0, true), rec(1, true)]);
        // Past MAX_BYTES the file becomes .old; both are read.
        let per = serde_json::to_vec(&rec(2, true)).unwrap().len() as u64 + 1;
        let n = (MAX_BYTES / per + 2) as usize;
        for i in 2..n {
            append_in(&d, &rec(i, true)).unwrap();
        }
        assert!(d.join(OLD_FILE_NAME).exists());
        let current = std::fs::metadata(d.join(FILE_NAME))
            .map(|m| m.len())
            .unwrap_or(0);
        assert!(current < MAX_BYTES);
        let all = read_in(&d, usize::MAX).unwrap();
        assert_eq!(all.len(), n, "nothing lost at the first rotation");
        assert_eq!(all.last().unwrap(), &rec(n - 1, true));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn the_kept_history_file_follows_its_path() {
        let d = tempdir("kept");
        append_in(&d, &rec(0, true)).unwrap();
        // Another process rotated it: the next record starts the new file.
        std::fs::rename(d.join(FILE_NAME), d.join(OLD_FILE_NAME)).unwrap();
        append_in(&d, &rec(1, true)).unwrap();
        let text = std::fs::read_to_string(d.join(FILE_NAME)).unwrap();
        assert_eq!(text.lines().count(), 1, "{text}");
        assert_eq!(read_in(&d, 10).unwrap(), vec![rec(0, true), rec(1, true)]);
        // An admin removed it: created again.
        std::fs::remove_file(d.join(FILE_NAME)).unwrap();
        append_in(&d, &rec(2, true)).unwrap();
        assert_eq!(read_in(&d, 10).unwrap(), vec![rec(0, true), rec(2, true)]);
        // Something else put in its place is refused, never written to.
        std::fs::remove_file(d.join(FILE_NAME)).unwrap();
        std::os::unix::fs::symlink(d.join(OLD_FILE_NAME), d.join(FILE_NAME)).unwrap();
        assert!(append_in(&d, &rec(3, true)).is_err());
        let old = std::fs::read_to_string(d.join(OLD_FILE_NAME)).unwrap();
        assert_eq!(old.lines().count(), 1, "the link's target untouched: {old}");
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn a_create_is_named_by_its_delete_or_by_samba_state() {
        use crate::fsrvp_state::ShadowCopy;
        // 0 create (deleted by 1), 2 create (set still live), 4 create
        // (unknown), 3 delete of another snapshot.
        let mut h: Vec<Record> = (0..5).map(|i| rec(i, true)).collect();
        h[1].snapshot = h[0].snapshot.clone();
        let live = [ShadowCopy {
            set: "live-set".into(),
            shadow_copy: "live-sc".into(),
            snapshot: h[2].snapshot.clone().unwrap(),
        }];
        fill_ids(&mut h, &live);
        assert_eq!(
            (h[0].set.as_deref(), h[0].shadow_copy.as_deref()),
            (Some("set-1"), Some("sc-1"))
        );
        assert_eq!(
            (h[2].set.as_deref(), h[2].shadow_copy.as_deref()),
            (Some("live-set"), Some("live-sc"))
        );
        assert_eq!(h[4].set, None);
        // What a delete recorded stays.
        assert_eq!(h[3].set.as_deref(), Some("set-3"));
    }

    #[test]
    fn a_missing_history_is_empty_and_the_log_line_names_everything() {
        let d = tempdir("missing");
        assert!(read_in(&d, 5).unwrap().is_empty());
        assert!(read_in(&d.join("absent"), 5).unwrap().is_empty());
        std::fs::remove_dir_all(&d).unwrap();
        let line = rec(0, false).log_line();
        assert_eq!(
            line,
            "audit: snap_create share=vm set=- shadow_copy=- \
             snapshot=/srv/.rvss/vol1/@GMT-0/vm \
             user=EXAMPLE\\backup status=NT_STATUS_DISK_FULL (no space) ms=12.5"
        );
        assert!(rec(1, true)
            .log_line()
            .starts_with("audit: snap_delete share=vm set=set-1 shadow_copy=sc-1 snapshot="));
        assert_eq!(status_name(crate::ntstatus::OK), "NT_STATUS_OK");
        assert_eq!(status_name(Status::from_code(0xC000_0999)), "0xc0000999");
    }
}
