//! One share's replication run, whatever the target (`Destination`: a
//! local directory, or a directory on another host over SSH): which
//! retained backups the target lacks (`super::plan`), each sent and
//! verified there oldest first, recorded in the catalog, then the target's
//! own retention (`rvss:replicate retain`). Run by `rvss replicate`, never
//! in a hook: a backup is never delayed or failed by its replication.

use super::store::{held, Copy, Held, Store};
use super::stream::Moved;
use crate::catalog::{Catalog, Durability, Entry, Replica, State};
use crate::error::{Context, Error, Result};
use std::ffi::OsStr;
use std::path::Path;
use std::time::Duration;

/// A share's directory on a replication target.
pub trait Destination {
    /// The target as the catalog records it (`rvss:replicate to`).
    fn describe(&self) -> String;
    /// The share's directory there, as shown in paths and messages.
    fn dir(&self) -> String;
    /// Every entry of that directory (after removing what a killed transfer
    /// left), sorted by name.
    fn inventory(&mut self) -> Result<Vec<Copy>>;
    /// Sends `source` (whole, or as its difference from `parent`, which the
    /// target holds) as the copy `name`, which the target verifies
    /// (read-only, received UUID `uuid`) before this returns.
    fn receive(
        &mut self,
        name: &str,
        uuid: &[u8; 16],
        source: &Path,
        parent: Option<&Path>,
        progress: &mut dyn FnMut(u64, Duration),
    ) -> Result<Moved>;
    /// Removes the copy `name`, only if it is the received copy of `uuid`.
    fn remove(&mut self, name: &str, uuid: &[u8; 16]) -> Result<()>;
    /// The copy `name` (the received copy of `uuid`) opened for reading:
    /// where it is when the target is on this host, else brought back
    /// into the store `staging` makes (on the share's own filesystem).
    fn open_copy(
        &mut self,
        name: &str,
        uuid: &[u8; 16],
        staging: &dyn Fn() -> Result<Store>,
    ) -> Result<OpenedCopy>;
}

/// A copy opened for `rvss restore --from-replica`.
pub struct OpenedCopy {
    /// The copy's root directory.
    pub root: std::fs::File,
    /// The copy brought back from another host, removed when this is
    /// dropped; None when `root` is the target's own copy.
    pub fetched: Option<Fetched>,
}

/// A copy brought back into a staging store, removed when dropped.
pub struct Fetched {
    pub store: Store,
    pub name: String,
    pub uuid: [u8; 16],
}

impl Drop for Fetched {
    fn drop(&mut self) {
        if let Err(e) = self.store.remove(&self.name, &self.uuid) {
            log::warn!("removing the copy brought back for the restore: {e}");
        }
    }
}

/// One backup replicated.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Sent {
    pub share: String,
    pub gmt: String,
    /// The copy on the target.
    pub path: String,
    /// The backup the difference was sent from (its `@GMT-` label); None
    /// for a full send.
    pub parent: Option<String>,
    /// The size of the send stream.
    pub bytes: u64,
    pub seconds: f64,
}

/// One copy the target's retention removed.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Pruned {
    pub share: String,
    pub path: String,
}

/// A retained backup whose snapshot is gone (removed outside rvss, or
/// changed): recorded, but nothing to send.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Vanished {
    pub share: String,
    pub gmt: String,
    pub path: String,
}

impl std::fmt::Display for Vanished {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: backup {} vanished ({} is not the snapshot rvss made), not replicated",
            self.share, self.gmt, self.path
        )
    }
}

/// What a run did.
#[derive(Debug, Default, Clone, PartialEq, serde::Serialize)]
pub struct Report {
    pub sent: Vec<Sent>,
    pub pruned: Vec<Pruned>,
    /// Backups that could not be sent because their snapshot is gone: the
    /// others are sent; the run counts as failed.
    pub vanished: Vec<Vanished>,
}

/// What a run tells as it goes (the CLI prints it).
pub trait Events {
    /// A backup's copy verified on the target.
    fn sent(&mut self, s: &Sent);
    /// A copy the target's retention removed.
    fn pruned(&mut self, _p: &Pruned) {}
    /// The bytes of `gmt`'s stream sent so far.
    fn progress(&mut self, _share: &str, _gmt: &str, _bytes: u64, _elapsed: Duration) {}
}

/// A retained backup to replicate, its snapshot's identity checked.
struct Backup {
    entry: Entry,
    uuid: [u8; 16],
    name: String,
}

/// Records (or clears) `e`'s replica in `catalog`, if its entry is still
/// the one read.
fn record(catalog: &Catalog, e: &Entry, replica: Option<Replica>) -> Result<()> {
    let _lock = catalog.lock()?;
    let Some(mut cur) = catalog.get(Path::new(&e.path))? else {
        return Ok(());
    };
    if cur.id != e.id || cur.replica == replica {
        return Ok(());
    }
    cur.replica = replica;
    catalog.write(&cur, Durability::Now)
}

fn parse_uuid(text: &str) -> Option<[u8; 16]> {
    uuid::Uuid::parse_str(text).ok().map(|u| *u.as_bytes())
}

/// Replicates `share`'s retained backups recorded in `catalog` that `dest`
/// lacks, oldest first, then keeps the newest `retain` copies there (None:
/// every copy). `uuid_of` answers a backup's snapshot UUID if the snapshot
/// is still the one rvss made (None: gone, skipped). Stops at the first
/// failure: the source keeps every backup the next run needs (the chain
/// parent, `super::chain_parent`, is never pruned).
pub fn replicate(
    catalog: &Catalog,
    share: &str,
    dest: &mut dyn Destination,
    uuid_of: &dyn Fn(&Entry) -> Result<Option<[u8; 16]>>,
    retain: Option<u32>,
    events: &mut dyn Events,
) -> Result<Report> {
    let target_text = dest.describe();
    let dir = dest.dir();
    let mut entries: Vec<Entry> = {
        let _lock = catalog.lock_shared()?;
        catalog.entries()?
    };
    entries.retain(|e| e.state == State::Retained && e.share.eq_ignore_ascii_case(share));
    entries.sort_by(|a, b| (a.created, &a.gmt).cmp(&(b.created, &b.gmt)));

    let mut backups = vec![];
    let mut vanished = vec![];
    for e in entries {
        let Some(uuid) = uuid_of(&e)? else {
            let v = Vanished {
                share: share.to_string(),
                gmt: e.gmt.clone(),
                path: e.path.clone(),
            };
            vanished.push(v);
            continue;
        };
        let name = Path::new(&e.path)
            .file_name()
            .and_then(OsStr::to_str)
            .map(str::to_string)
            .ok_or_else(|| {
                Error::invalid(format!("catalog entry {} has no snapshot name", e.id))
            })?;
        backups.push(Backup {
            entry: e,
            uuid,
            name,
        });
    }
    let copies = dest.inventory()?;
    let mut sources = vec![];
    for b in &backups {
        let h = held(&copies, &dir, &b.name, &b.uuid);
        if let Held::Foreign(why) = h {
            return Err(Error::invalid(format!("{share}: {why}")));
        }
        let on_target = h == Held::Copy;
        // The catalog follows the target: a copy removed there is no chain
        // parent any more.
        sync_record(catalog, b, &target_text, &dir, on_target)?;
        sources.push(super::Source {
            uuid: b.uuid,
            on_target,
        });
    }

    let mut report = Report {
        vanished,
        ..Report::default()
    };
    for step in super::plan(&sources) {
        let b = &backups[step.index];
        let parent = step.parent.map(|p| &backups[p]);
        let gmt = b.entry.gmt.clone();
        let moved = dest
            .receive(
                &b.name,
                &b.uuid,
                Path::new(&b.entry.path),
                parent.map(|p| Path::new(&p.entry.path)),
                &mut |bytes, elapsed| events.progress(share, &gmt, bytes, elapsed),
            )
            .with_context(|| format!("{share}: backup {gmt}"))?;
        let path = format!("{dir}/{}", b.name);
        record(
            catalog,
            &b.entry,
            Some(Replica {
                target: target_text.clone(),
                path: path.clone(),
                verified: crate::gmt::now(),
            }),
        )?;
        let s = Sent {
            share: share.to_string(),
            gmt,
            path,
            parent: parent.map(|p| p.entry.gmt.clone()),
            bytes: moved.bytes,
            seconds: moved.seconds,
        };
        log::info!(
            "{share}: replicated backup {} to {} ({}, {} bytes)",
            s.gmt,
            s.path,
            s.parent
                .as_deref()
                .map_or("full".to_string(), |p| format!("incremental from {p}")),
            s.bytes
        );
        events.sent(&s);
        report.sent.push(s);
    }

    if let Some(keep) = retain {
        for name in expired(&dest.inventory()?, keep) {
            let Some(uuid) = name.1 else { continue };
            dest.remove(&name.0, &uuid)
                .with_context(|| format!("{share}: target retention"))?;
            let p = Pruned {
                share: share.to_string(),
                path: format!("{dir}/{}", name.0),
            };
            log::info!(
                "{share}: removed the copy {} (rvss:replicate retain = {keep})",
                p.path
            );
            if let Some(b) = backups.iter().find(|b| b.name == name.0) {
                sync_record(catalog, b, &target_text, &dir, false)?;
            }
            events.pruned(&p);
            report.pruned.push(p);
        }
    }
    Ok(report)
}

/// Makes `b`'s catalog entry say whether the target holds its copy.
fn sync_record(
    catalog: &Catalog,
    b: &Backup,
    target_text: &str,
    dir: &str,
    on_target: bool,
) -> Result<()> {
    let replica = on_target.then(|| Replica {
        target: target_text.to_string(),
        path: format!("{dir}/{}", b.name),
        verified: b
            .entry
            .replica
            .as_ref()
            .filter(|r| r.target == target_text)
            .map_or_else(crate::gmt::now, |r| r.verified),
    });
    if on_target
        || b.entry
            .replica
            .as_ref()
            .is_some_and(|r| r.target == target_text)
    {
        record(catalog, &b.entry, replica)?;
    }
    Ok(())
}

/// The copies the target's retention removes: rvss's received, read-only
/// `@GMT-` copies beyond the newest `keep` (never the newest, the next
/// incremental send's parent), with the received UUID each must still have.
pub fn expired(copies: &[Copy], keep: u32) -> Vec<(String, Option<[u8; 16]>)> {
    let mut ours: Vec<&Copy> = copies
        .iter()
        .filter(|c| {
            c.subvolume && c.readonly && c.received_uuid.is_some() && c.name.starts_with("@GMT-")
        })
        .collect();
    ours.sort_by(|a, b| a.name.cmp(&b.name));
    let keep = (keep.max(1) as usize).min(ours.len());
    ours[..ours.len() - keep]
        .iter()
        .map(|c| {
            (
                c.name.clone(),
                c.received_uuid.as_deref().and_then(parse_uuid),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn c(name: &str, ro: bool, received: bool) -> Copy {
        Copy {
            name: name.into(),
            subvolume: true,
            readonly: ro,
            received_uuid: received.then(|| super::super::store::uuid_text(&[1; 16])),
        }
    }

    #[test]
    fn target_retention_removes_only_rvss_copies_beyond_the_newest() {
        let copies = [
            c("@GMT-2026.01.03-00.00.00", true, true),
            c("@GMT-2026.01.01-00.00.00", true, true),
            c("@GMT-2026.01.02-00.00.00", true, true),
            // Not rvss's: never counted, never removed.
            c("@GMT-2025.12.31-00.00.00", false, true),
            c("@GMT-2025.12.30-00.00.00", true, false),
            c("manual", true, true),
        ];
        let names = |v: Vec<(String, Option<[u8; 16]>)>| {
            v.into_iter()
                .map(|(n, u)| (n, u.is_some()))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            names(expired(&copies, 1)),
            [
                ("@GMT-2026.01.01-00.00.00".to_string(), true),
                ("@GMT-2026.01.02-00.00.00".to_string(), true)
            ]
        );
        assert_eq!(names(expired(&copies, 2)).len(), 1);
        assert!(expired(&copies, 5).is_empty());
        // 0 keeps the newest all the same.
        assert_eq!(expired(&copies, 0).len(), 2);
    }
}
