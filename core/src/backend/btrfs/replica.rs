//! A btrfs share's replication target (`rvss:replicate to`) as a
//! `Destination`, and a copy there opened for `rvss restore
//! --from-replica`: read where it is on a local target; brought back with
//! `btrfs send | btrfs receive` into a staging directory on the share's own
//! filesystem when the target is another host (so the restore engine
//! shares its data by reflink), and removed from there afterwards.

use super::layout::Layout;
use crate::backend::{Backup, ReplicaBackup};
use crate::error::{Context, Error, Result};
use crate::replicate::local::Local;
use crate::replicate::run::Destination;
use crate::replicate::ssh::{Remote, Ssh};
use crate::replicate::store::Store;
use crate::replicate::Target;
use crate::restore::Method;
use crate::share::Share;
use crate::sys;
use rustix::fs::Mode;
use std::ffi::OsStr;

/// The staging directory in the snapshot directory (root's, 0700).
const STAGING: &str = ".from-replica";

/// The share's target, opened.
pub fn destination(share: &Share) -> Result<Box<dyn Destination>> {
    let Some(target) = &share.config.replicate_to else {
        return Err(Error::invalid(format!(
            "share {} has no rvss:replicate to",
            share.name
        )));
    };
    let opts = &share.config.replicate;
    Ok(match target {
        Target::Local(root) => Box::new(Local::open(root, &share.name)?),
        Target::Ssh {
            user,
            host,
            port,
            path,
        } => Box::new(Ssh::new(
            Remote {
                user: user.clone(),
                host: host.clone(),
                port: *port,
                root: path.clone(),
                key: opts.ssh_key.clone(),
                known_hosts: opts.known_hosts.clone(),
            },
            target.to_string(),
            &share.name,
        )?),
    })
}

/// The copy `name` of one of `share`'s backups on its target, opened at
/// the share's directory inside it.
pub fn open(share: &Share, layout: &Layout, name: &str) -> Result<ReplicaBackup> {
    let mut dest = destination(share)?;
    let copies = dest.inventory()?;
    let copy = copies
        .iter()
        .find(|c| c.name == name && c.subvolume && c.readonly)
        .ok_or_else(|| {
            Error::new(
                crate::ntstatus::OBJECT_NAME_NOT_FOUND,
                format!(
                    "{} holds no copy {name} (see `rvss list --replicas`)",
                    dest.dir()
                ),
            )
        })?;
    let uuid = copy
        .received_uuid
        .as_deref()
        .and_then(|u| uuid::Uuid::parse_str(u).ok())
        .map(|u| *u.as_bytes())
        .ok_or_else(|| {
            Error::invalid(format!("{}/{name} is not a copy rvss received", dest.dir()))
        })?;
    let staging = || -> Result<Store> {
        let top = sys::fs::open_dir(&layout.snapshot_dir).with_context(|| {
            format!(
                "snapshot directory {} (made by the first shadow copy of this filesystem)",
                layout.snapshot_dir.display()
            )
        })?;
        match sys::fs::mkdir_at(&top, OsStr::new(STAGING), Mode::RWXU) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) => {
                return Err(Error::with_cause(
                    format!("mkdir {}", layout.snapshot_dir.join(STAGING).display()),
                    e,
                ))
            }
        }
        Store::open(&layout.snapshot_dir.join(STAGING), &share.name)
    };
    let opened = dest.open_copy(name, &uuid, &staging)?;
    // The snapshot is of the share's subvolume: the share is `rel` inside.
    let root = sys::fs::open_beneath(&opened.root, &layout.rel)
        .with_context(|| format!("open {} in {}/{name}", layout.rel.display(), dest.dir()))?;
    Ok(ReplicaBackup {
        backup: Backup {
            root,
            share: layout.share.clone(),
            // A copy brought back lies on the share's filesystem; a local
            // target's is on another one.
            method: if opened.fetched.is_some() {
                Method::Reflink
            } else {
                Method::Copy
            },
        },
        shown: format!("{}/{name}", dest.dir()),
        fetched: opened.fetched,
    })
}
