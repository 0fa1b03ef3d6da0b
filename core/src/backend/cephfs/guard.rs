//! Whether share users can make or remove CephFS snapshots: rvss serves a
//! CephFS share only when they cannot.
//!
//! CephFS lets anyone who may write a directory `mkdir` and `rmdir` in its
//! `.snap` (also over SMB, through vfs_ceph_snapshots) unless the MDS
//! refuses their uid (`mds_snap_max_uid`, default 4294967294) or their
//! client's cephx caps lack `s`. Where users can, they remove backups, squat
//! the names of the next seconds and fill the per-directory limit; and a
//! snapshot's identity (its `ceph.snap.btime`, readable by anyone) proves
//! nothing. Where they cannot, every snapshot in a `.snap` was made by root,
//! and name + btime + a trusted catalog (`trust`) tell rvss's own.
//!
//! The test, measured on Ceph 16 with ceph-fuse: in a probe directory of
//! the trusted catalog directory (`probe`, owned by `PROBE_ID`, 0700, so
//! that the probe id may write it and nobody else can reach it), a thread
//! acting as `PROBE_ID` (setfsuid) tries `mkdir .snap/<name>`. Refused
//! (EPERM from `mds_snap_max_uid`, about 1.4 ms) means closed; made (about
//! 3 ms, plus 3 ms for root's rmdir) means open: the probe snapshot is
//! removed and the share refused. The MDS checks the uid before the
//! directory's permissions, so the lowest ordinary id tells for every id
//! above it: uid 1 refused means only root may make snapshots. A closed
//! verdict is kept for `CLOSED_TTL` per mount (commits stay fast); an open
//! one is never kept.
//!
//! What the probe cannot see: other clients of the filesystem (other hosts,
//! other cephx users) and caps that grant `s` on some paths only; `rvss
//! doctor` says so.

use crate::catalog::Catalog;
use crate::error::{Context, Error, Result};
use crate::sys;
use crate::sys::ceph::{self as sys_ceph, SNAP_DIR};
use std::collections::HashMap;
use std::fs::File;
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The id the probe acts as: the lowest that is not root's.
pub const PROBE_ID: u32 = 1;
const PROBE_DIR: &str = "probe";
/// How long a closed verdict is kept (per process and mount).
pub const CLOSED_TTL: Duration = Duration::from_secs(10);

static CLOSED: Mutex<Option<HashMap<u64, Instant>>> = Mutex::new(None);

/// How to close `.snap` to share users (the message of the refusal, and
/// rvss doctor's fix).
pub const HOW_TO_CLOSE: &str = "only root may make or remove CephFS snapshots: run \
     `ceph config set mds mds_snap_max_uid 0` (and give other clients of the filesystem cephx \
     caps without `s`); over SMB, do not let users reach `.snap` (vfs_ceph_snapshots refuses \
     their mkdir once the MDS does)";

fn cached_closed(dev: u64) -> bool {
    CLOSED
        .lock()
        .ok()
        .and_then(|m| m.as_ref().and_then(|m| m.get(&dev).copied()))
        .is_some_and(|t| t.elapsed() < CLOSED_TTL)
}

fn remember_closed(dev: u64) {
    if let Ok(mut m) = CLOSED.lock() {
        m.get_or_insert_with(HashMap::new)
            .insert(dev, Instant::now());
    }
}

/// The probe directory in the (trusted) catalog directory, owned by the
/// probe id; its `.snap`.
fn probe_snapdir(catalog: &Catalog) -> Result<File> {
    let shown = catalog.dir_path().join(PROBE_DIR);
    let what = |done: &str| format!("{done} {}", shown.display());
    sys::fs::mkdir_at(
        catalog.dir(),
        std::ffi::OsStr::new(PROBE_DIR),
        rustix::fs::Mode::RWXU,
    )
    .with_context(|| what("create"))?;
    let probe = sys::fs::open_dir_at(catalog.dir(), PROBE_DIR).with_context(|| what("open"))?;
    let md = probe.metadata().with_context(|| what("stat"))?;
    if md.uid() != PROBE_ID || md.gid() != PROBE_ID || md.mode() & 0o7777 != 0o700 {
        sys::fs::chown_fd(std::os::fd::AsFd::as_fd(&probe), PROBE_ID, PROBE_ID)
            .and_then(|()| {
                rustix::fs::fchmod(&probe, rustix::fs::Mode::from_raw_mode(0o700))
                    .map_err(Into::into)
            })
            .with_context(|| what("set the owner of"))?;
    }
    sys::fs::open_dir_at(&probe, SNAP_DIR).with_context(|| what("open .snap of"))
}

/// Refuses (NOT_SUPPORTED, the reason and how to close it) when an
/// unprivileged id can make snapshots in the `.snap` of `share` (open as
/// `share_dir`), tested in `catalog`'s probe directory on the same mount.
pub fn require_closed(catalog: &Catalog, share_dir: &File, share: &Path) -> Result<()> {
    let dev = share_dir
        .metadata()
        .with_context(|| format!("stat {}", share.display()))?
        .dev();
    if cached_closed(dev) {
        return Ok(());
    }
    let same_mount = catalog.dir().metadata().map(|m| m.dev()).ok() == Some(dev);
    if !same_mount {
        return Err(Error::not_supported(format!(
            "{}: rvss cannot test whether share users can make snapshots there, since its \
             CephFS catalog {} is on another mount: keep rvss:snapshot dir on the mount that \
             serves the share",
            share.display(),
            catalog.dir_path().display()
        )));
    }
    let snapdir = probe_snapdir(catalog)?;
    let name = format!("rvss-probe-{}", uuid::Uuid::new_v4().simple());
    let made =
        sys_ceph::try_snapshot_as(&snapdir, &name, PROBE_ID, PROBE_ID).with_context(|| {
            format!(
                "test whether share users can make snapshots ({}/{PROBE_DIR}/{SNAP_DIR})",
                catalog.dir_path().display()
            )
        })?;
    if !made {
        remember_closed(dev);
        return Ok(());
    }
    if let Err(e) = sys_ceph::remove_snapshot(&snapdir, &name) {
        log::warn!(
            "removing the probe snapshot {}/{PROBE_DIR}/{SNAP_DIR}/{name}: {e}",
            catalog.dir_path().display()
        );
    }
    Err(Error::not_supported(format!(
        "CephFS lets share users make and remove snapshots in {}/{SNAP_DIR} (uid {PROBE_ID} \
         could): they could delete or squat backups, so rvss refuses to serve it until \
         {HOW_TO_CLOSE}",
        share.display()
    )))
}
