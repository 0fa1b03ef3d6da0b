//! `rvss gc` over one catalog, for either backend: orphans (snapshots rvss
//! created that nothing refers to any more: a commit that failed half way,
//! a killed FSRVP server) are marked, and once unreferenced for the grace
//! period removed, or kept as backups where their share retains. What
//! differs between btrfs and CephFS is behind `backend::Snapshots`.

use crate::backend::Snapshots;
use crate::catalog::{Catalog, Durability, Entry};
use crate::error::{Error, Result};
use crate::policy::status::{self, Status};
use std::collections::BTreeSet;
use std::path::Path;

/// What gc goes by.
pub struct Rules<'a> {
    /// Paths of every share definition (the registry's exposed shares
    /// included): an entry none of them points into is unreferenced.
    pub share_paths: &'a BTreeSet<String>,
    /// Whether the named share has a retention policy.
    pub retains: &'a dyn Fn(&str) -> bool,
    /// Seconds an orphan is left alone after gc first saw it.
    pub grace: i64,
    pub now: i64,
    /// Decide and report, change nothing.
    pub dry_run: bool,
}

/// What gc did (or with `dry_run` would do) with an orphan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The snapshot was deleted.
    Orphan,
    /// Only the catalog entry was: its snapshot no longer existed.
    Stale,
    /// The share has a retention policy, so the snapshot was kept as a
    /// backup instead.
    Retained,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Orphan => "orphan",
            Kind::Stale => "stale",
            Kind::Retained => "retained",
        }
    }
}

/// One orphan gc took (or tried to).
#[derive(Debug, Clone)]
pub struct Collected {
    pub id: String,
    pub share: String,
    /// `Snapshots::shown_path`, after the change (a retained btrfs copy may
    /// have moved).
    pub path: String,
    pub gmt: String,
    pub kind: Kind,
    /// Why the orphan was left alone, when it was.
    pub error: Option<Error>,
}

/// gc over `catalog`: hands each orphan taken (or failed) to `report` as it
/// goes, so that what was done is told even when a later step fails the
/// whole run. Refuses a catalog with a corrupt entry.
pub fn collect(
    catalog: &Catalog,
    snapshots: &dyn Snapshots,
    rules: &Rules,
    mut report: impl FnMut(Collected),
) -> Result<()> {
    let seen = {
        let _lock = catalog.lock_shared()?;
        catalog.entries()?
    };
    for e in seen {
        // One snapshot at a time under the exclusive lock, released in
        // between: FSRVP hooks of other clients go on meanwhile.
        let _lock = catalog.lock()?;
        let Some(mut e) = catalog.get(Path::new(&e.path))? else {
            continue; // deleted meanwhile
        };
        let orphan = is_orphan(&e, snapshots, rules.share_paths);
        if !unreferenced_long_enough(catalog, &mut e, orphan, rules)? {
            continue;
        }
        let kind = match (snapshots.exists(&e), (rules.retains)(&e.share)) {
            (false, _) => Kind::Stale,
            // A share with a retention policy keeps what FSRVP deletes: its
            // orphan becomes a backup (which the policy then prunes), never
            // a deletion.
            (true, true) => Kind::Retained,
            (true, false) => Kind::Orphan,
        };
        let done = if rules.dry_run {
            Ok(())
        } else {
            match kind {
                Kind::Retained => snapshots.keep_as_backup(catalog, &mut e),
                Kind::Orphan | Kind::Stale => snapshots
                    .destroy(&e)
                    .and_then(|()| catalog.remove(&e, Durability::Now)),
            }
        };
        report(Collected {
            id: e.id.clone(),
            share: e.share.clone(),
            path: snapshots.shown_path(&e).to_string(),
            gmt: e.gmt.clone(),
            kind,
            error: done.err(),
        });
    }
    Ok(())
}

/// Whether no share refers to `e` and nothing is still making it.
fn is_orphan(e: &Entry, snapshots: &dyn Snapshots, share_paths: &BTreeSet<String>) -> bool {
    if e.being_restored() {
        return false;
    }
    match status::status_of(e, share_paths) {
        Status::Orphan => !snapshots.being_taken(e),
        // A snapshot still being taken, unless a crash left it. A creator
        // on another node of a CephFS cluster looks gone here: the grace
        // period is what protects it there (a CephFS snapshot takes
        // milliseconds).
        Status::Creating => !e.creator.is_some_and(|c| c.is_running()),
        _ => false,
    }
}

/// Records in `e` since when it is unreferenced (durably, unless a dry
/// run), and answers whether that is longer than the grace period.
fn unreferenced_long_enough(
    catalog: &Catalog,
    e: &mut Entry,
    orphan: bool,
    rules: &Rules,
) -> Result<bool> {
    // The grace period counts from when gc first saw an entry without a
    // share, never from its creation: Samba removes the exposed share
    // before it calls snap_delete, and a gc in that gap must not take a
    // snapshot whose FSRVP delete is still coming.
    let since = match (orphan, e.unreferenced_since) {
        (true, None) => Some(rules.now),
        (false, Some(_)) => None,
        (_, s) => s,
    };
    if since != e.unreferenced_since {
        e.unreferenced_since = since;
        if !rules.dry_run {
            catalog.write(e, Durability::Now)?;
        }
    }
    Ok(orphan && rules.now.saturating_sub(since.unwrap_or(rules.now)) >= rules.grace)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::catalog::State;
    use std::cell::RefCell;
    use std::path::PathBuf;

    /// Snapshots that exist by name, with what was done to them recorded.
    #[derive(Default)]
    pub(crate) struct Fake {
        pub existing: Vec<String>,
        pub taking: Vec<String>,
        /// Snapshots that cannot be destroyed.
        pub stuck: Vec<String>,
        pub done: RefCell<Vec<String>>,
    }

    impl Snapshots for Fake {
        fn exists(&self, e: &Entry) -> bool {
            self.existing.contains(&e.path)
        }
        fn being_taken(&self, e: &Entry) -> bool {
            self.taking.contains(&e.path)
        }
        fn keep_as_backup(&self, catalog: &Catalog, e: &mut Entry) -> Result<()> {
            self.done.borrow_mut().push(format!("keep {}", e.gmt));
            e.state = State::Retained;
            e.unreferenced_since = None;
            catalog.write(e, Durability::Now)
        }
        fn destroy(&self, e: &Entry) -> Result<()> {
            if self.stuck.contains(&e.path) {
                return Err(Error::new(crate::ntstatus::UNSUCCESSFUL, "stuck"));
            }
            self.done.borrow_mut().push(format!("destroy {}", e.gmt));
            Ok(())
        }
        fn shown_path<'e>(&self, e: &'e Entry) -> &'e str {
            &e.snap_path
        }
    }

    pub(crate) struct TempCatalog {
        pub dir: PathBuf,
        pub catalog: Catalog,
    }

    impl TempCatalog {
        pub(crate) fn new(tag: &str) -> TempCatalog {
            let dir = std::env::temp_dir().join(format!(
                "rvss-gc-{tag}-{}-{}",
                std::process::id(),
                uuid::Uuid::new_v4().simple()
            ));
            std::fs::create_dir_all(&dir).unwrap();
            let catalog = Catalog::open(&dir).unwrap();
            TempCatalog { dir, catalog }
        }

        /// An entry of share `share` at second `t`, in the catalog.
        pub(crate) fn add(&self, share: &str, t: i64, state: State) -> Entry {
            let gmt = crate::gmt::token(t).unwrap();
            let path = self.dir.join(share).join(&gmt);
            let e = Entry {
                id: gmt.clone(),
                share: share.into(),
                base_volume: format!("/srv/{share}"),
                subvolume: "/srv".into(),
                snap_path: path.join(share).display().to_string(),
                path: path.display().to_string(),
                gmt,
                created: t,
                readonly: true,
                state,
                ..Default::default()
            };
            assert!(self.catalog.reserve(&e).unwrap());
            e
        }
    }

    impl Drop for TempCatalog {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    fn run(
        c: &TempCatalog,
        fake: &Fake,
        exposed: &[&Entry],
        now: i64,
        dry_run: bool,
    ) -> Vec<Collected> {
        let share_paths: BTreeSet<String> = exposed.iter().map(|e| e.snap_path.clone()).collect();
        let rules = Rules {
            share_paths: &share_paths,
            retains: &|share| share == "kept",
            grace: 60,
            now,
            dry_run,
        };
        let mut out = vec![];
        collect(&c.catalog, fake, &rules, |x| out.push(x)).unwrap();
        out
    }

    #[test]
    fn orphans_go_after_the_grace_period_from_first_sight() {
        let c = TempCatalog::new("grace");
        let exposed = c.add("vm", 1_000, State::Exposed);
        let orphan = c.add("vm", 1_001, State::Exposed);
        let stale = c.add("vm", 1_002, State::Exposed);
        let backup = c.add("kept", 1_003, State::Exposed);
        let taking = c.add("vm", 1_004, State::Exposed);
        let fake = Fake {
            existing: vec![
                exposed.path.clone(),
                orphan.path.clone(),
                backup.path.clone(),
            ],
            taking: vec![taking.path.clone()],
            ..Default::default()
        };
        // First sight, however old the snapshots: only marked.
        assert!(run(&c, &fake, &[&exposed], 10_000, false).is_empty());
        let marked = c.catalog.get(Path::new(&orphan.path)).unwrap().unwrap();
        assert_eq!(marked.unreferenced_since, Some(10_000));
        assert!(run(&c, &fake, &[&exposed], 10_059, false).is_empty());
        // A dry run tells and changes nothing.
        let told = run(&c, &fake, &[&exposed], 10_060, true);
        assert_eq!(told.len(), 3);
        assert!(fake.done.borrow().is_empty());

        // In the catalog's order (by path); sorted here by time.
        let mut got = run(&c, &fake, &[&exposed], 10_060, false);
        got.sort_by(|x, y| x.id.cmp(&y.id));
        let kinds: Vec<(&str, Kind)> = got.iter().map(|x| (x.id.as_str(), x.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                (orphan.id.as_str(), Kind::Orphan),
                (stale.id.as_str(), Kind::Stale),
                (backup.id.as_str(), Kind::Retained),
            ]
        );
        assert!(got.iter().all(|x| x.error.is_none()));
        assert_eq!(got[0].path, orphan.snap_path, "the backend's path");
        let mut done = fake.done.borrow().clone();
        done.sort();
        assert_eq!(
            done,
            vec![
                format!("destroy {}", orphan.gmt),
                format!("destroy {}", stale.gmt),
                format!("keep {}", backup.gmt),
            ]
        );
        let mut left: Vec<String> = c
            .catalog
            .entries()
            .unwrap()
            .into_iter()
            .map(|e| e.id)
            .collect();
        left.sort();
        assert_eq!(left, vec![exposed.id, backup.id, taking.id]);
    }

    #[test]
    fn an_orphan_being_restored_from_is_left_alone_while_its_restore_runs() {
        let c = TempCatalog::new("restoring");
        let mut e = c.add("vm", 1_000, State::Exposed);
        e.restoring = crate::catalog::Creator::current();
        c.catalog.write(&e, Durability::Now).unwrap();
        let fake = Fake {
            existing: vec![e.path.clone()],
            ..Default::default()
        };
        assert!(run(&c, &fake, &[], 10_000, false).is_empty());
        assert!(run(&c, &fake, &[], 20_000, false).is_empty());
        assert!(fake.done.borrow().is_empty());
        // A mark of a process that is gone counts for nothing.
        e.restoring = Some(crate::catalog::Creator {
            pid: u32::MAX,
            start: 1,
        });
        c.catalog.write(&e, Durability::Now).unwrap();
        assert!(run(&c, &fake, &[], 30_000, false).is_empty(), "first sight");
        assert_eq!(run(&c, &fake, &[], 30_060, false).len(), 1);
    }

    #[test]
    fn an_entry_referenced_again_starts_its_grace_period_anew() {
        let c = TempCatalog::new("again");
        let e = c.add("vm", 1_000, State::Exposed);
        let fake = Fake {
            existing: vec![e.path.clone()],
            ..Default::default()
        };
        assert!(run(&c, &fake, &[], 10_000, false).is_empty());
        assert!(run(&c, &fake, &[&e], 10_030, false).is_empty());
        let back = c.catalog.get(Path::new(&e.path)).unwrap().unwrap();
        assert_eq!(back.unreferenced_since, None);
        assert!(run(&c, &fake, &[], 10_070, false).is_empty());
        assert_eq!(run(&c, &fake, &[], 10_130, false).len(), 1);
    }
}
