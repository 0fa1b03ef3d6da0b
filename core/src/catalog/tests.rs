use super::entry;
use super::entry::start_time;
use super::repair::CORRUPT_SUFFIX;
use super::*;
use crate::ntstatus;
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// A scratch directory, removed when dropped (the legacy tests use it too).
pub(crate) struct TempDir(pub(crate) PathBuf);

impl TempDir {
    pub(crate) fn new(tag: &str) -> TempDir {
        let p = std::env::temp_dir().join(format!(
            "rvss-catalog-{tag}-{}-{}",
            std::process::id(),
            uuid::Uuid::new_v4().simple()
        ));
        std::fs::create_dir_all(&p).unwrap();
        TempDir(p)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// An entry of the snapshot `vol1/<name>` in `dir`.
pub(crate) fn entry(dir: &Path, name: &str) -> Entry {
    let path = dir.join("vol1").join(name);
    Entry {
        id: uuid::Uuid::new_v4().to_string(),
        share: "vm".into(),
        base_volume: "/srv/pool/vol1/vm".into(),
        subvolume: "/srv/pool/vol1".into(),
        snap_path: path.join("vm").display().to_string(),
        path: path.display().to_string(),
        gmt: name.get(..24).unwrap_or(name).into(),
        created: 1_764_064_800,
        readonly: true,
        state: State::Exposed,
        ..Default::default()
    }
}

#[test]
fn entry_names_read_back_and_stay_within_name_max() {
    for rel in [
        "vol1/@GMT-2025.11.25-10.00.00",
        "a b/%/ü/.writable/@GMT-x.1",
        "x",
    ] {
        let n = entry_name(Path::new(rel));
        assert!(!n.as_bytes().contains(&b'/'));
        assert_eq!(rel_of_entry_name(&n).unwrap(), Path::new(rel), "{rel}");
    }
    let long = "d/".repeat(150) + "@GMT-2025.11.25-10.00.00";
    let n = entry_name(Path::new(&long));
    assert!(n.len() < 64, "{n:?}");
    assert_eq!(rel_of_entry_name(&n), None);
    assert_ne!(n, entry_name(Path::new(&(long.clone() + "1"))));
}

#[test]
fn round_trip_and_torn_input_is_an_error() {
    let d = TempDir::new("parse");
    let e = entry(&d.0, "@GMT-2025.11.25-10.00.00");
    let b = serialize(&e);
    assert_eq!(parse(&b).unwrap(), e);
    for cut in [0, 1, b.len() / 2, b.len() - 3] {
        assert!(parse(&b[..cut]).is_err(), "cut at {cut}");
    }
    assert!(parse(br#"{"format":1,"snapshot":{}}"#).is_err());
}

#[test]
fn a_name_is_reserved_once() {
    let d = TempDir::new("reserve");
    let c = Catalog::open(&d.0).unwrap();
    let e = entry(&d.0, "@GMT-2025.11.25-10.00.00");
    assert!(c.reserve(&e).unwrap());
    let mut other = e.clone();
    other.id = "another".into();
    assert!(!c.reserve(&other).unwrap(), "the name is taken");
    assert!(c.is_taken(Path::new(&e.path)).unwrap());
    assert_eq!(c.get(Path::new(&e.path)).unwrap().unwrap().id, e.id);
    // No temporary file is left behind.
    let files: Vec<_> = std::fs::read_dir(d.0.join(DIR_NAME)).unwrap().collect();
    assert_eq!(files.len(), 1);
}

#[test]
fn without_unnamed_files_a_name_is_reserved_once_too() {
    // The way taken on filesystems without O_TMPFILE (ceph-fuse).
    let d = TempDir::new("reserve-rename");
    let c = Catalog::open(&d.0).unwrap();
    let e = entry(&d.0, "@GMT-2025.11.25-10.00.00");
    let file = c.file_of(Path::new(&e.path)).unwrap();
    assert!(c
        .reserve_by_rename(&e, &file, Durability::WithNextCommit)
        .unwrap());
    let mut other = e.clone();
    other.id = "another".into();
    assert!(!c
        .reserve_by_rename(&other, &file, Durability::WithNextCommit)
        .unwrap());
    assert!(!c.reserve(&other).unwrap());
    assert_eq!(c.get(Path::new(&e.path)).unwrap().unwrap().id, e.id);
    let files: Vec<_> = std::fs::read_dir(d.0.join(DIR_NAME)).unwrap().collect();
    assert_eq!(files.len(), 1, "a temporary file was left behind");
}

/// One racer's attempt at the contested name: whether it won, and when
/// its `reserve` began and returned (nanoseconds of the realtime clock,
/// comparable between processes).
#[derive(Debug, Clone)]
struct Attempt {
    who: String,
    won: bool,
    start: u128,
    end: u128,
}

fn now_ns() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

/// One attempt to reserve the contested name with the id `id` (the catalog
/// opened beforehand, so that only `reserve` is timed).
fn reserve_contested(c: &Catalog, dir: &Path, id: &str) -> Attempt {
    let mut e = entry(dir, "@GMT-2025.11.25-10.00.00");
    e.id = id.into();
    let start = now_ns();
    let won = c.reserve(&e).unwrap();
    Attempt {
        who: id.into(),
        won,
        start,
        end: now_ns(),
    }
}

const RACE_DIR: &str = "RVSS_CATALOG_RACE_DIR";
const RACE_ID: &str = "RVSS_CATALOG_RACE_ID";

/// The child side of the cross-process race: started by
/// `concurrent_reservations_of_one_name_have_one_winner` with the catalog
/// directory in the environment, it waits for the parent's go (a byte on
/// stdin, sent once every child is ready), races, and writes its result.
#[test]
#[ignore = "run by concurrent_reservations_of_one_name_have_one_winner"]
fn reservation_race_child() {
    let (Some(dir), Some(id)) = (std::env::var_os(RACE_DIR), std::env::var(RACE_ID).ok()) else {
        return;
    };
    let dir = PathBuf::from(dir);
    let c = Catalog::open(&dir).unwrap();
    let mut go = [0u8; 1];
    std::io::stdin().read_exact(&mut go).unwrap();
    let a = reserve_contested(&c, &dir, &id);
    std::fs::write(
        dir.join(format!("result-{id}")),
        format!("{} {} {}", u8::from(a.won), a.start, a.end),
    )
    .unwrap();
}

/// One race in a fresh catalog: 8 threads of this process released by a
/// barrier and 4 processes of their own (a second smbd, the CLI), each a
/// copy of this test binary running `reservation_race_child`, released by
/// one byte each right after. Every attempt, as its racer saw it.
fn reservation_race(tag: &str) -> Vec<Attempt> {
    use std::process::{Command, Stdio};
    use std::sync::{Arc, Barrier};
    let d = TempDir::new(tag);
    let dir = d.0.clone();
    Catalog::open(&dir).unwrap();
    let mut children: Vec<_> = (0..4)
        .map(|i| {
            Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "catalog::tests::reservation_race_child",
                    "--ignored",
                    "--test-threads=1",
                    "-q",
                ])
                .env(RACE_DIR, &dir)
                .env(RACE_ID, format!("p{i}"))
                .stdin(Stdio::piped())
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let barrier = Arc::new(Barrier::new(9));
    // Every handle collected before any is joined: the threads all wait at
    // the barrier together.
    let threads: Vec<_> = (0..8)
        .map(|i| {
            let dir = dir.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let c = Catalog::open(&dir).unwrap();
                barrier.wait();
                reserve_contested(&c, &dir, &format!("t{i}"))
            })
        })
        .collect();
    // Give the children time to start and block on their go.
    std::thread::sleep(std::time::Duration::from_millis(300));
    for c in &mut children {
        c.stdin.take().unwrap().write_all(b"g").unwrap();
    }
    barrier.wait();
    let mut attempts: Vec<Attempt> = threads.into_iter().map(|h| h.join().unwrap()).collect();
    for (i, mut c) in children.into_iter().enumerate() {
        assert!(c.wait().unwrap().success(), "child p{i} failed");
        let result = std::fs::read_to_string(dir.join(format!("result-p{i}")))
            .unwrap_or_else(|e| panic!("child p{i} did not race (no result: {e})"));
        let f: Vec<u128> = result.split(' ').map(|x| x.parse().unwrap()).collect();
        attempts.push(Attempt {
            who: format!("p{i}"),
            won: f[0] == 1,
            start: f[1],
            end: f[2],
        });
    }
    let winners: Vec<_> = attempts.iter().filter(|a| a.won).collect();
    assert_eq!(winners.len(), 1, "winners: {winners:?}");
    let entries = Catalog::open(&dir).unwrap().entries().unwrap();
    assert_eq!(entries.len(), 1);
    assert_eq!(entries[0].id, winners[0].who, "the entry is the winner's");
    attempts
}

/// Whether the race really happened: some loser (a thread and a process)
/// had begun its `reserve` before the winner's returned, so that it lost
/// to the no-replace rule and not to a name already taken long before.
fn overlapped(attempts: &[Attempt], prefix: char) -> bool {
    let Some(w) = attempts.iter().find(|a| a.won) else {
        return false;
    };
    attempts
        .iter()
        .any(|a| !a.won && a.who.starts_with(prefix) && a.start < w.end)
}

#[test]
fn concurrent_reservations_of_one_name_have_one_winner() {
    // Every round must have one winner; rounds go on (up to 20) until both a
    // thread and a process were seen losing while the winner was still
    // reserving, which proves the racers overlapped.
    let (mut threads, mut processes) = (false, false);
    let mut rounds = 0;
    while rounds < 20 && !(threads && processes) {
        let attempts = reservation_race(&format!("race{rounds}"));
        threads |= overlapped(&attempts, 't');
        processes |= overlapped(&attempts, 'p');
        rounds += 1;
    }
    assert!(
        threads && processes,
        "in {rounds} rounds no loser overlapped the winner (threads: {threads}, processes: \
         {processes}): the race never happened"
    );
}

#[test]
fn the_exposed_path_finds_its_entry_and_nothing_else() {
    let d = TempDir::new("find");
    let c = Catalog::open(&d.0).unwrap();
    let a = entry(&d.0, "@GMT-2025.11.25-10.00.00");
    let b = entry(&d.0, "@GMT-2025.11.25-10.00.00.1");
    c.reserve(&a).unwrap();
    c.reserve(&b).unwrap();
    assert_eq!(c.find_exposed(&a.snap_path).unwrap().unwrap().id, a.id);
    assert_eq!(c.find_exposed(&b.snap_path).unwrap().unwrap().id, b.id);
    let none = d.0.join("vol1/@GMT-2025.11.25-10.00.01/vm");
    assert!(c
        .find_exposed(&none.display().to_string())
        .unwrap()
        .is_none());
    assert!(c
        .find_exposed("/elsewhere/@GMT-2025.11.25-10.00.00")
        .is_err());
    c.remove(&a, Durability::Now).unwrap();
    assert!(c.find_exposed(&a.snap_path).unwrap().is_none());
    assert_eq!(c.entries().unwrap().len(), 1);
}

#[test]
fn a_corrupt_entry_is_reported_and_repair_rebuilds_or_sets_it_aside() {
    let d = TempDir::new("corrupt");
    let c = Catalog::open(&d.0).unwrap();
    let a = entry(&d.0, "@GMT-2025.11.25-10.00.00");
    let b = entry(&d.0, "@GMT-2025.11.25-10.00.01");
    let z = entry(&d.0, "@GMT-2025.11.25-10.00.02");
    for e in [&a, &b, &z] {
        c.write(e, Durability::Now).unwrap();
    }
    let file = |e: &Entry| {
        d.0.join(DIR_NAME)
            .join(entry_name(Path::new(&e.path).strip_prefix(&d.0).unwrap()))
    };
    std::fs::write(file(&a), b"{\"format\":2,\"snap").unwrap();
    // An entry recording another snapshot than its name says is corrupt too.
    std::fs::write(file(&b), serialize(&z)).unwrap();
    let err = c.get(Path::new(&a.path)).err().unwrap();
    assert_eq!(err.status, ntstatus::FILE_CORRUPT_ERROR);
    assert_eq!(
        c.get(Path::new(&b.path)).err().unwrap().status,
        ntstatus::FILE_CORRUPT_ERROR
    );
    let scan = c.scan().unwrap();
    assert_eq!((scan.entries.len(), scan.corrupt.len()), (1, 2));
    assert_eq!(
        c.entries().err().unwrap().status,
        ntstatus::FILE_CORRUPT_ERROR
    );
    // a's snapshot "exists" (the rebuild callback finds it), b's does not.
    let a_path = PathBuf::from(&a.path);
    let r = repair(&d.0, |p| {
        (p == a_path).then(|| Entry {
            id: "rebuilt".into(),
            path: p.display().to_string(),
            state: State::Retained,
            ..Default::default()
        })
    })
    .unwrap();
    assert_eq!(r.rebuilt, vec![a.path.clone()]);
    assert_eq!(r.set_aside.len(), 1);
    assert_eq!(r.entries, 2);
    let after = c.entries().unwrap();
    assert_eq!(after.len(), 2);
    assert!(after.iter().any(|e| e.id == "rebuilt"));
    assert!(d
        .0
        .join(DIR_NAME)
        .join(format!(
            "{}{CORRUPT_SUFFIX}",
            file(&b).file_name().unwrap().to_string_lossy()
        ))
        .exists());
}

#[test]
fn links_are_refused() {
    let d = TempDir::new("link");
    std::fs::create_dir_all(d.0.join("userdata")).unwrap();
    std::os::unix::fs::symlink(d.0.join("userdata"), d.0.join("snaps")).unwrap();
    assert!(Catalog::open(&d.0.join("snaps")).is_err());
    std::fs::create_dir_all(d.0.join("sd")).unwrap();
    std::os::unix::fs::symlink(d.0.join("userdata"), d.0.join("sd").join(DIR_NAME)).unwrap();
    assert!(Catalog::open(&d.0.join("sd")).is_err());
    assert_eq!(
        std::fs::read_dir(d.0.join("userdata")).unwrap().count(),
        0,
        "nothing written through a link"
    );
}

#[test]
fn a_held_lock_times_out_as_io_timeout() {
    let d = TempDir::new("held");
    let holder = Catalog::open(&d.0).unwrap();
    let _held = holder.lock().unwrap();
    // A second opener (its own open file description, as another smbd's).
    let waiter = Catalog::open(&d.0).unwrap();
    let t = std::time::Instant::now();
    let e = waiter.lock().map(drop).unwrap_err();
    assert_eq!(e.status, ntstatus::IO_TIMEOUT, "{e:?}");
    assert!(
        t.elapsed() >= LOCK_TIMEOUT,
        "gave up after {:?}",
        t.elapsed()
    );
    let e = waiter.lock_shared().map(drop).unwrap_err();
    assert_eq!(e.status, ntstatus::IO_TIMEOUT, "{e:?}");
}

#[test]
fn the_creator_is_running_and_a_dead_one_is_not() {
    let me = Creator::current().unwrap();
    assert_eq!(me.pid, std::process::id());
    assert!(me.is_running());
    assert!(
        !Creator {
            start: me.start + 1,
            ..me
        }
        .is_running(),
        "a reused pid"
    );
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    let start = start_time(pid);
    child.wait().unwrap();
    let start = start.expect("a started child has a start time");
    assert!(!Creator { pid, start }.is_running());
}

#[test]
fn entry_names_are_one_to_one_and_never_hidden() {
    // An escaped byte and its escape spelled out are different snapshots.
    let a = entry_name(Path::new("a/b"));
    let b = entry_name(Path::new("a%2Fb"));
    assert_ne!(a, b);
    assert_eq!(rel_of_entry_name(&b).unwrap(), Path::new("a%2Fb"));
    // A name starting with a dot would be skipped as a temporary file.
    let hidden = entry_name(Path::new(".writable/@GMT-2025.11.25-10.00.00"));
    assert!(!hidden.as_bytes().starts_with(b"."), "{hidden:?}");
    assert_eq!(rel_of_entry_name(&hidden), None, "hashed");
    // What rvss did not name stands for no snapshot.
    for foreign in ["x.txt", "a%2.json", "a%ZZ.json", "a%.json", "readme"] {
        assert_eq!(rel_of_entry_name(OsStr::new(foreign)), None, "{foreign}");
    }
}

#[test]
fn a_creator_start_time_is_read_after_the_last_parenthesis() {
    // A command name may hold spaces and ')' (a process renamed itself).
    let fields = (3..=21)
        .map(|n| n.to_string())
        .collect::<Vec<_>>()
        .join(" ");
    let stat = format!("4242 (evil) 1 2 (x) ) {fields} 987654 23 24\n");
    assert_eq!(entry::start_time_of_stat(&stat), Some(987_654));
    assert_eq!(entry::start_time_of_stat("4242 (short) S 1"), None);
    assert_eq!(entry::start_time_of_stat("no parenthesis"), None);
}

#[test]
fn an_entry_file_that_is_a_fifo_is_refused_without_hanging() {
    let d = TempDir::new("fifo");
    let c = Catalog::open(&d.0).unwrap();
    let e = entry(&d.0, "@GMT-2025.11.25-10.00.00");
    let file =
        d.0.join(DIR_NAME)
            .join(c.file_of(Path::new(&e.path)).unwrap());
    let made = std::process::Command::new("mkfifo")
        .arg(&file)
        .status()
        .expect("mkfifo (coreutils) must be installed");
    assert!(made.success());
    assert!(c.get(Path::new(&e.path)).is_err());
    // Not a torn entry for repair to set aside: the listing stops, naming it.
    let err = c.scan().unwrap_err();
    assert!(err.message.contains("is not a regular file"), "{err}");
    // The unlocked read of doctor refuses it too.
    std::process::Command::new("mkfifo")
        .arg(d.0.join("catalog.lock"))
        .status()
        .unwrap();
    assert!(read_unlocked(&d.0, "catalog.lock").is_err());
}
