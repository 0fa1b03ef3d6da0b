//! Issue 23, flush before the freeze: snap_check_path (IsPathSupported,
//! AddToShadowCopySet) starts writing back the share's dirty data, so that
//! the snapshot ioctl at CommitShadowCopySet has little left to flush while
//! the applications are frozen; the hook answers within `rvss:flush wait`.

use crate::common::*;
use std::path::Path;
use std::time::{Duration, Instant};

/// Whether the file has data btrfs has not written back yet (delayed
/// allocation: FIEMAP reports such ranges with the delalloc flag).
fn has_delalloc(w: &World, file: &Path) -> bool {
    let out = w.must(&format!("filefrag -v '{}'", file.display()));
    out.contains("delalloc")
}

fn dirty_kib() -> u64 {
    let m = std::fs::read_to_string("/proc/meminfo").unwrap();
    m.lines()
        .find_map(|l| l.strip_prefix("Dirty:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("Dirty: in /proc/meminfo")
}

fn sha(w: &World, file: &Path) -> String {
    w.must(&format!("sha256sum < '{}'", file.display()))
}

#[test]
fn data_written_before_and_after_is_path_supported_is_in_the_backup() {
    let mut w = World::new("flush-data");
    let fs1 = w.add_btrfs("fs1", 1024);
    let vol = fs1.join("vm");
    w.must(&format!(
        "btrfs subvolume create '{}' >/dev/null",
        vol.display()
    ));
    // A wait long enough for 64 MiB on a loaded box: the hook's flush is
    // then seen to have finished when IsPathSupported answers.
    w.add_share("vm", &vol, &["vfs objects = rvss", "rvss:flush wait = 60s"]);
    w.start_samba();

    let first = vol.join("disk.vhdx");
    w.must(&format!("head -c 64M /dev/urandom > '{}'", first.display()));
    assert!(
        has_delalloc(&w, &first),
        "the first write was written back before IsPathSupported: the test proves nothing"
    );
    assert!(w
        .rpc_ok("fss_is_path_sup vm")
        .contains("supports shadow copy requests"));
    assert!(
        !has_delalloc(&w, &first),
        "IsPathSupported answered, but the data written before it is still not written back"
    );

    // Written after the check: the snapshot must hold it too (flushed by
    // AddToShadowCopySet's hook or by the snapshot ioctl itself).
    let second = vol.join("more.vhdx");
    w.must(&format!(
        "head -c 32M /dev/urandom > '{}' && head -c 1M /dev/urandom >> '{}'",
        second.display(),
        first.display()
    ));
    let (sum1, sum2) = (sha(&w, &first), sha(&w, &second));
    let exposed = parse_expose(&w.rpc_ok("fss_create_expose backup ro vm"));
    assert_eq!(exposed.len(), 1);
    let snap = w
        .must(&format!(
            "net conf getparm '{}' path",
            exposed[0].unc_share()
        ))
        .trim()
        .to_string();
    let snap = Path::new(&snap);
    assert_eq!(sha(&w, &snap.join("disk.vhdx")), sum1, "first write");
    assert_eq!(sha(&w, &snap.join("more.vhdx")), sum2, "second write");
    // And through Samba, the way a backup application reads it.
    let local = w.dir.join("more-from-backup");
    w.smb_ok(
        &exposed[0].unc_share(),
        &format!("get more.vhdx {}", local.display()),
    );
    assert_eq!(
        sha(&w, &local),
        sum2,
        "second write, through the shadow copy share"
    );
}

#[test]
fn is_path_supported_answers_within_its_bound_while_gigabytes_are_dirty() {
    const GIB: u64 = 2;
    let mut w = World::new("flush-bound");
    let fs1 = w.add_btrfs("fs1", 6 * 1024);
    let vol = fs1.join("vm");
    w.must(&format!(
        "btrfs subvolume create '{}' >/dev/null",
        vol.display()
    ));
    w.add_share("vm", &vol, &["vfs objects = rvss", "rvss:flush wait = 200"]);
    w.start_samba();
    // Warm up rpcclient and the hook (first connection, first mount-table
    // read) on a clean filesystem.
    w.rpc_ok("fss_is_path_sup vm");

    let before = dirty_kib();
    w.must(&format!(
        "dd if=/dev/zero of='{}' bs=1M count={} status=none",
        vol.join("big.vhdx").display(),
        GIB << 10
    ));
    let dirty = dirty_kib().saturating_sub(before);
    assert!(
        dirty > (GIB << 20) * 3 / 4,
        "only {dirty} KiB became dirty: the kernel wrote back before the call, the test proves nothing"
    );
    let t = Instant::now();
    w.rpc_ok("fss_is_path_sup vm");
    let hook = t.elapsed();
    // What waiting for the write-back would have cost: the same amount,
    // flushed directly.
    w.must(&format!("sync -f '{}'", vol.display()));
    w.must(&format!(
        "dd if=/dev/zero of='{}' bs=1M count={} status=none",
        vol.join("big2.vhdx").display(),
        GIB << 10
    ));
    let t = Instant::now();
    w.must(&format!("sync -f '{}'", vol.display()));
    let flush = t.elapsed();
    eprintln!(
        "{GIB} GiB dirty ({dirty} KiB): IsPathSupported {hook:?}, syncfs of the same {flush:?}"
    );
    // Generous for a loaded CI box (rpcclient's own connection included).
    assert!(
        hook < Duration::from_secs(3),
        "IsPathSupported took {hook:?}"
    );
    assert!(
        hook * 2 < flush,
        "IsPathSupported ({hook:?}) did not answer well before the write-back ({flush:?}) finished"
    );
}
